"""The held-out spam: used only to measure ``scan``'s spam patterns, never to build them.

Written separately from ``spam_bank`` (same notation, same families and languages):
other templates, other phrases, other products and other invented domains, as spam
from another kit would be. Nothing here may be copied into
``benchmark.injection.spam_patterns``: the detector's figures on this set are its
error on spam it has not seen.
"""

from __future__ import annotations

from benchmark.injection.real.spam_bank import Bank

#: 4 templates per family
TEMPLATES: dict[str, tuple[str, ...]] = {
    "pharmacy": (
        "{lead} [{item}](link) {claim}",
        "[{offer}](link) — {claim}. {cta}: {urllink}",
        "{offer} {claim} {url}",
        "[{item}](link) / [{item2}](link) / [{item3}](link) {claim}",
    ),
    "casino": (
        "{lead} [{offer}](link) {claim}",
        "[{item}](link) — {claim}. {cta}: {urllink}",
        "{offer} {url}",
        "[{offer}](link) / [{offer2}](link) {claim}",
    ),
    "loans": (
        "{lead} [{offer}](link)",
        "[{item}](link) — {claim}. {cta}: {urllink}",
        "{offer} {claim} {url}",
        "[{offer}](link) / [{item}](link) {claim}",
    ),
    "replicas": (
        "{lead} [{offer}](link) {claim}",
        "[{item}](link) — {claim}. {cta}: {urllink}",
        "{offer} {url}",
        "[{item}](link) / [{item2}](link) / [{offer}](link)",
    ),
    "essays": (
        "{lead} [{offer}](link)",
        "[{item}](link) — {claim}. {cta}: {urllink}",
        "{offer} {claim} {url}",
        "[{offer}](link) / [{item}](link) {claim}",
    ),
}

BANKS: dict[str, dict[str, Bank]] = {
    "pharmacy": {
        "en": {
            "item": (
                "modafinil",
                "zolpidem",
                "doxycycline",
                "finasteride",
                "ED pills",
                "weight loss pills",
            ),
            "offer": (
                "{item} shipped to your door",
                "{item} {dose} at a fraction of the cost",
                "order {item} with next day delivery",
                "{item} without a doctor visit",
            ),
            "claim": (
                "doctor consultation included",
                "FDA-grade meds, lowest prices",
                "refills without a clinic visit",
            ),
            "lead": ("Men's health:", "Running low on {item}?", "Canadian pharmacy deals:"),
            "cta": ("shop meds", "refill now"),
            "price": ("{n} tabs for ${m}",),
        },
        "de": {
            "item": ("Modafinil", "Zolpidem", "Finasterid", "Potenzpillen"),
            "offer": (
                "{item} bestellen ohne Arztbesuch",
                "{item} {dose} zum Bruchteil des Preises",
            ),
            "claim": ("Arztgespräch inklusive", "Folgerezept ohne Praxisbesuch"),
            "lead": ("Männergesundheit:", "Apotheken-Angebot der Woche:"),
            "cta": ("Medikamente ansehen", "nachbestellen"),
            "price": ("{n} Stück für {m} €",),
        },
        "es": {
            "item": ("modafinilo", "zolpidem", "finasterida", "pastillas para adelgazar"),
            "offer": ("pedir {item} a domicilio", "{item} {dose} a mitad de precio"),
            "claim": ("consulta médica incluida", "medicamentos al mejor precio"),
            "lead": ("Salud masculina:", "Farmacia canadiense:"),
            "cta": ("ver medicamentos", "repetir pedido"),
            "price": ("{n} comprimidos por {m} €",),
        },
        "ru": {
            "item": ("модафинил", "золпидем", "финастерид", "таблетки для похудения"),
            "offer": ("{item} с доставкой на дом", "{item} {dose} в два раза дешевле"),
            "claim": ("консультация врача включена", "лекарства по низкой цене"),
            "lead": ("Мужское здоровье:", "Аптека недели:"),
            "cta": ("в каталог", "повторить заказ"),
            "price": ("{n} таблеток за {m} руб.",),
        },
    },
    "casino": {
        "en": {
            "item": ("crash games", "live casino", "video poker", "bitcoin casino", "pokies"),
            "offer": (
                "{item} with crypto payouts",
                "{item} that pay out in an hour",
                "try {item} risk free",
            ),
            "claim": (
                "{n} bonus spins",
                "VIP rewards from day one",
                "withdraw in 60 seconds",
            ),
            "lead": ("Tonight only:", "Your welcome gift is waiting:"),
            "cta": ("grab the deal", "start winning"),
            "price": ("welcome pack worth ${m}",),
        },
        "de": {
            "item": ("Crash-Spiele", "Live-Casino", "Videopoker", "Bitcoin-Casino"),
            "offer": ("{item} mit Krypto-Auszahlung", "{item} risikolos testen"),
            "claim": ("Willkommenspaket im Wert von {m} €", "VIP-Belohnungen ab dem ersten Tag"),
            "lead": ("Nur heute Abend:", "Ihr Willkommensgeschenk wartet:"),
            "cta": ("Angebot sichern", "gewinnen"),
            "price": ("Willkommenspaket {m} €",),
        },
        "es": {
            "item": ("juegos crash", "casino en vivo", "video póker", "casino con bitcoin"),
            "offer": ("{item} con pagos en cripto", "prueba {item} sin riesgo"),
            "claim": ("paquete de bienvenida de {m} €", "recompensas VIP desde el primer día"),
            "lead": ("Solo esta noche:", "Tu regalo de bienvenida te espera:"),
            "cta": ("aprovecha la oferta", "empieza a ganar"),
            "price": ("paquete de {m} €",),
        },
        "ru": {
            "item": ("краш-игры", "live-казино", "видеопокер", "биткоин-казино"),
            "offer": ("{item} с выплатами в крипте", "{item} без риска"),
            "claim": ("приветственный пакет на {m} рублей", "VIP-награды с первого дня"),
            "lead": ("Только сегодня:", "Ваш подарок уже ждет:"),
            "cta": ("забрать подарок", "начать выигрывать"),
            "price": ("пакет на {m} рублей",),
        },
    },
    "loans": {
        "en": {
            "item": (
                "emergency loans",
                "paycheck advances",
                "car title cash",
                "a personal loan for bad credit",
            ),
            "offer": (
                "{item} wired within the hour",
                "{item} even if the banks said no",
                "borrow against your next paycheck",
            ),
            "claim": ("funds hit your account tonight", "everyone qualifies", "zero hard pulls"),
            "lead": ("Rent due tomorrow?", "Car broke down?"),
            "cta": ("see how much you qualify for", "unlock your cash"),
            "price": ("${m} wired today",),
        },
        "de": {
            "item": ("Notfallkredit", "Gehaltsvorschuss", "Autopfandkredit"),
            "offer": ("{item} innerhalb einer Stunde", "{item} auch wenn die Bank Nein sagt"),
            "claim": ("das Geld ist heute Abend da", "jeder wird angenommen"),
            "lead": ("Miete morgen fällig?", "Auto kaputt?"),
            "cta": ("Betrag berechnen", "Geld freischalten"),
            "price": ("{m} € noch heute",),
        },
        "es": {
            "item": ("préstamo de emergencia", "adelanto de nómina", "crédito con tu coche"),
            "offer": ("{item} en menos de una hora", "{item} aunque el banco diga que no"),
            "claim": ("el dinero llega esta noche", "todos califican"),
            "lead": ("¿El alquiler vence mañana?", "¿Se te averió el coche?"),
            "cta": ("calcula cuánto te damos", "desbloquea tu dinero"),
            "price": ("{m} € hoy mismo",),
        },
        "ru": {
            "item": ("деньги до получки", "экстренный кредит", "займ под залог авто"),
            "offer": ("{item} в течение часа", "{item} даже если банк отказал"),
            "claim": ("деньги придут сегодня вечером", "одобряем всем"),
            "lead": ("Завтра платить за квартиру?", "Сломалась машина?"),
            "cta": ("рассчитать сумму", "получить перевод"),
            "price": ("{m} рублей сегодня",),
        },
    },
    "replicas": {
        "en": {
            "item": ("mirror-grade watches", "knockoff purses", "watch replicas", "dupe handbags"),
            "offer": (
                "{item} nobody can tell apart",
                "{item} at factory prices",
                "{item} shipped from the workshop",
            ),
            "claim": ("same weight, same finish", "comes with box and papers", "sapphire glass"),
            "lead": ("Spot the difference:", "Why pay retail?"),
            "cta": ("browse the vault", "see the lookbook"),
            "price": ("${n} instead of ${m}",),
        },
        "de": {
            "item": ("Uhren-Repliken", "Taschen-Dupes", "Chronographen-Klone"),
            "offer": ("{item} zum Fabrikpreis", "{item}, die niemand erkennt"),
            "claim": ("gleiches Gewicht, gleiche Verarbeitung", "mit Box und Papieren"),
            "lead": ("Finden Sie den Unterschied:", "Warum den vollen Preis zahlen?"),
            "cta": ("zum Katalog", "Lookbook ansehen"),
            "price": ("{n} € statt {m} €",),
        },
        "es": {
            "item": ("clones de cronógrafos", "bolsos dupe", "imitaciones de relojes"),
            "offer": ("{item} a precio de fábrica", "{item} que nadie distingue"),
            "claim": ("mismo peso, mismo acabado", "con caja y papeles"),
            "lead": ("Encuentra la diferencia:", "¿Por qué pagar el precio completo?"),
            "cta": ("ver el catálogo", "ver el lookbook"),
            "price": ("{n} € en vez de {m} €",),
        },
        "ru": {
            "item": ("клоны хронографов", "дубликаты сумок", "копии брендовых часов"),
            "offer": ("{item} по цене фабрики", "{item}, которые не отличить"),
            "claim": ("тот же вес, та же отделка", "с коробкой и документами"),
            "lead": ("Найдите отличия:", "Зачем переплачивать?"),
            "cta": ("открыть каталог", "посмотреть лукбук"),
            "price": ("{n} вместо {m} рублей",),
        },
    },
    "essays": {
        "en": {
            "item": ("lab reports", "capstone projects", "admission essays", "coursework"),
            "offer": (
                "pay someone to do your {item}",
                "{item} done by a tutor tonight",
                "ghostwritten {item} with a grade guarantee",
            ),
            "claim": ("passes Turnitin", "native-speaker tutors", "graded A or your money back"),
            "lead": ("Stuck on your {item}?", "Finals week?"),
            "cta": ("chat with a tutor", "upload your instructions"),
            "price": ("${n} per assignment",),
        },
        "de": {
            "item": ("Laborberichte", "Abschlussarbeiten", "Motivationsschreiben"),
            "offer": ("{item} vom Tutor über Nacht", "{item} mit Notengarantie"),
            "claim": ("besteht jede Plagiatsprüfung", "muttersprachliche Tutoren"),
            "lead": ("Prüfungswoche?", "Hängen Sie fest?"),
            "cta": ("Tutor kontaktieren", "Aufgabe hochladen"),
            "price": ("{n} € pro Aufgabe",),
        },
        "es": {
            "item": ("informes de laboratorio", "tesis de grado", "ensayos de admisión"),
            "offer": ("{item} hechos por un tutor esta noche", "{item} con nota garantizada"),
            "claim": ("pasa cualquier detector de plagio", "tutores nativos"),
            "lead": ("¿Semana de exámenes?", "¿Atascado?"),
            "cta": ("habla con un tutor", "sube tu enunciado"),
            "price": ("{n} € por tarea",),
        },
        "ru": {
            "item": ("лабораторные работы", "выпускные работы", "эссе на заказ"),
            "offer": ("{item} от репетитора за ночь", "{item} с гарантией оценки"),
            "claim": ("проходит любую проверку", "репетиторы-носители"),
            "lead": ("Сессия на носу?", "Застряли?"),
            "cta": ("написать репетитору", "загрузить задание"),
            "price": ("{n} рублей за задание",),
        },
    },
}

DOMAINS: dict[str, tuple[str, ...]] = {
    "pharmacy": ("cheapmeds-world.test", "rx-care-club.example"),
    "casino": ("vegas-nights.test", "bonus-hunter.example"),
    "loans": ("cashflow-lenders.test", "credit-bridge.example"),
    "replicas": ("timepiece-clones.test", "bag-vault.example"),
    "essays": ("grade-boosters.test", "scholar-scribes.example"),
}
