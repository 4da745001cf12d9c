"""Spam attacks on real page structure: each attack's transformation and labels, the
levels, determinism, the spam texts, and the experiment end to end (fake engines).

The pages here are small fixtures written for these tests, laid out as AEB stores its
pages, with stand-off labels of our own; the slow test at the end uses real pages."""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from benchmark.annotations.store import Annotation, Region, write_annotation
from benchmark.corpus.aeb import load_aeb
from benchmark.corpus.model import ARTICLE, Gold
from benchmark.corpus.validate import CaseReport, check_page, letters, page_text
from benchmark.injection.real import spam_bank, spam_heldout
from benchmark.injection.real.attacks import ATTACKS, get_attacks
from benchmark.injection.real.build import LEVELS, TOLERANCE, inject
from benchmark.injection.real.figures import sandwiched
from benchmark.injection.real.source import prepare, reviewed_annotations
from benchmark.injection.real.spamtext import FAMILIES, LANGUAGES, SpamSource, all_templates
from benchmark.injection.spam_patterns import spam_families
from benchmark.scoring.tokens import tokenize

PARAGRAPHS = [
    "The river authority opened the new flood gates on Thursday morning after three years of"
    " building work and a long argument about who would pay for the concrete.",
    "Engineers said the gates can hold back a surge two metres higher than the one that"
    " flooded the lower town in the spring, and the mayor thanked the crews by name.",
    "Shop owners along the quay were cautious, saying they would believe it when the next"
    " storm arrived, while the ferry company promised to restore its winter timetable.",
    "The authority will test the gates again in November, when the autumn tides peak, and"
    " it plans to publish the readings from every sensor on its website for anyone to check.",
    "A small exhibition about the construction, with photographs taken by the workers"
    " themselves, opens at the town library next week and runs until the end of January.",
]
HEADLINE = "Flood gates open on the quay"
COMMENTS = [
    ("Anna Berg", "We waited a long time for this, good news for the lower town at last."),
    ("Tom Reyes", "Let us hope the sensors work better than the old pumps did last year."),
]


def page_html() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    comments = "".join(
        f'<li class="comment"><div class="author">{a}</div><div class="text"><p>{t}</p></div></li>'
        for a, t in COMMENTS
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Gates</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
        f"<h1>{HEADLINE}</h1><article>{body}</article>"
        "<aside><div class='widget'><h3>Most read</h3><ul><li>Ferry fares rise again</li>"
        "</ul></div><div class='widget'><h3>Weather</h3><p>Rain and wind all week</p></div>"
        f"</aside><section id='comments'><h2>Comments</h2><ol>{comments}</ol></section>"
        "<footer><p>Copyright 2025 The Quay Courier</p><p>About us Contact Privacy</p></footer>"
        "</body></html>"
    )


REGIONS = [
    ("/html/body/nav", "navigation"),
    ("/html/body/h1", "metadata"),
    ("/html/body/aside", "sidebar"),
    ("/html/body/section", "comments"),
    ("/html/body/footer", "footer"),
]


def write_dataset(root: Path, pages: int = 1, labels: bool = True) -> tuple[Path, Path]:
    """An AEB-layout dataset of fixture pages, and a labels folder for it."""
    data, label_root = root / "aeb", root / "labels"
    (data / "html").mkdir(parents=True)
    truth = {}
    for i in range(pages):
        page_id = f"page{i}"
        html = page_html().replace("Thursday", ["Thursday", "Monday", "Friday"][i % 3])
        (data / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode(), mtime=0))
        body = "\n\n".join(PARAGRAPHS).replace("Thursday", ["Thursday", "Monday", "Friday"][i % 3])
        truth[page_id] = {"articleBody": body, "url": f"https://quay.example/{page_id}"}
        if labels:
            import hashlib

            regions = [
                Region(n + 1, xpath, kind, words=0, reviewed_by="test")
                for n, (xpath, kind) in enumerate(REGIONS)
            ]
            annotation = Annotation(
                "aeb", page_id, hashlib.sha256(html.encode()).hexdigest(), regions,
                last_id=len(regions),
            )  # fmt: skip
            write_annotation(label_root, annotation)
    (data / "ground-truth.json").write_text(json.dumps(truth))
    (label_root / "VERSION").write_text("test\n")
    return data, label_root


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory):
    data, labels = write_dataset(tmp_path_factory.mktemp("real"))
    page = load_aeb(data, "aeb").pages[0]
    annotation = reviewed_annotations("aeb", labels)[page.id]
    prepared = prepare("aeb", page, annotation)
    assert not isinstance(prepared, str), prepared
    return prepared


def spam_texts(variant) -> list[str]:
    return [s.text for s in variant.segments if s.kind == "spam"]


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_attack_labels_its_spam_exactly_in_page_order(source, attack):
    variant = inject(source, ATTACKS[attack], 0.10, seed=1)
    assert not isinstance(variant, str), variant
    html = variant.html.decode()
    # the injected text is labelled spam, and nothing else changed kind
    spam = spam_texts(variant)
    assert spam and abs(variant.share - 0.10) <= TOLERANCE * 0.10
    spam_tokens = sum(len(tokenize(t)) for t in spam)
    assert variant.share == pytest.approx(spam_tokens / (spam_tokens + source.article_tokens))
    rest = [s for s in variant.segments if s.kind != "spam"]
    original = source.page.gold.segments
    assert [s.kind for s in rest if s.kind != ARTICLE] == [
        s.kind for s in original if s.kind != ARTICLE
    ]
    article = "\n\n".join(s.text for s in variant.segments if s.kind == ARTICLE)
    assert tokenize(article) == tokenize(source.gold)  # the article gold is untouched
    # the same check as the bundled gold: every segment found, in page order
    check = html
    if attack == "noscript":  # page_text drops <noscript>: checked on the twin page
        assert "<noscript>" in html and letters(spam[0]) not in letters(page_text(html))
        check = html.replace("<noscript>", "<div>").replace("</noscript>", "</div>")
    report = CaseReport(source.key, Path("x"))
    check_page(source.page, report)
    injected = CaseReport(variant.id, Path("x"))
    check_page(replace(source.page, gold=Gold(segments=variant.segments)), injected, check)
    assert not [p for p in injected.problems if "covers" not in p]
    assert injected.coverage >= report.coverage
    assert "boilerbench" not in html  # no marker left in the page


def test_attacks_land_where_they_say(source):
    def made(attack: str, seed: int = 1):
        variant = inject(source, ATTACKS[attack], 0.10, seed=seed)
        assert not isinstance(variant, str), variant
        return variant, variant.html.decode()

    kinds = lambda v: [s.kind for s in v.segments]  # noqa: E731
    # mid-sentence: spam between two article pieces, cut inside a paragraph
    variant, _ = made("mid-sentence")
    k = kinds(variant)
    first = k.index("spam")
    assert k[first - 1] == ARTICLE and k[first + 1] == ARTICLE
    before = variant.segments[first - 1].text
    assert not any(before.endswith(p[-20:]) for p in PARAGRAPHS)  # cut mid-paragraph
    # link farm: in the labelled footer, after its text
    variant, html = made("link-farm-footer")
    assert variant.site == "labelled footer region" and kinds(variant)[-1] == "spam"
    assert kinds(variant)[-2] == "footer" and html.count("<a href=") >= 4
    # sidebar widget: inside the labelled sidebar
    variant, html = made("sidebar-widget")
    assert variant.site == "labelled sidebar region"
    spam_at = kinds(variant).index("spam")
    assert "sidebar" in kinds(variant)[spam_at - 1 : spam_at + 2]
    # comment spam: a clone of a real comment of the thread, every word replaced
    variant, html = made("comment-spam")
    assert variant.form == "thread-clone" and variant.site == "labelled comments region"
    assert html.count('<li class="comment">') > len(COMMENTS)
    # hidden by CSS, off screen, cloaked by a CMS class: between article paragraphs
    for attack, marker in (
        ("hidden-css", r"display:none|visibility:hidden|height:0|font-size:0"),
        ("offscreen", r"-9999px|-10000px|-5000px"),
        (
            "cloaked-in-article",
            r"screen-reader-text|sr-only|visually-hidden|element-invisible"
            r"|d-none|hidden",
        ),
    ):
        found = False
        for seed in range(6):
            variant, html = made(attack, seed)
            assert re.search(marker, html), (attack, variant.form)
            spam_at = kinds(variant).index("spam")
            found |= kinds(variant)[spam_at - 1] == ARTICLE == kinds(variant)[spam_at + 1]
        assert found, attack


def test_levels_grow_nested_and_within_tolerance(source):
    variants = [inject(source, ATTACKS["paragraph"], level, seed=2) for level in LEVELS]
    assert all(not isinstance(v, str) for v in variants)
    shares = [v.share for v in variants]  # type: ignore[union-attr]
    assert shares == sorted(shares)
    for level, share in zip(LEVELS, shares, strict=True):
        assert abs(share - level) <= TOLERANCE * level
    # one family and language per page and attack, at every level
    assert len({(v.family, v.language) for v in variants}) == 1  # type: ignore[union-attr]


def test_same_seed_same_bytes(source):
    for attack in ("mid-sentence", "comment-spam", "hidden-css"):
        a = inject(source, ATTACKS[attack], 0.05, seed=7)
        b = inject(source, ATTACKS[attack], 0.05, seed=7)
        c = inject(source, ATTACKS[attack], 0.05, seed=8)
        assert not isinstance(a, str) and not isinstance(b, str) and not isinstance(c, str)
        assert a.html == b.html and a.segments == b.segments
        assert a.html != c.html


def test_spam_texts_cover_the_families_languages_and_domains():
    assert len(FAMILIES) >= 5 and len(LANGUAGES) >= 4
    for family in FAMILIES:
        assert len(spam_bank.TEMPLATES[family]) >= 10
        assert spam_heldout.TEMPLATES[family]
        assert set(spam_bank.BANKS[family]) == set(LANGUAGES)
    domains = {d for ds in spam_bank.DOMAINS.values() for d in ds}
    held = {d for ds in spam_heldout.DOMAINS.values() for d in ds}
    assert len(domains) >= 30 and not domains & held
    assert all(d.endswith((".example", ".test")) for d in domains | held)
    # the held-out set shares no template and no product with the training set
    for family in FAMILIES:
        assert not set(spam_bank.TEMPLATES[family]) & set(spam_heldout.TEMPLATES[family])
        for language in LANGUAGES:
            train = {x.lower() for x in spam_bank.BANKS[family][language]["item"]}
            heldout = {x.lower() for x in spam_heldout.BANKS[family][language]["item"]}
            assert not train & heldout, (family, language)
    # every template renders in every language, as anchor-text link markup
    rng = random.Random(0)
    for heldout_set in (False, True):
        for family, language, _ in all_templates(heldout_set):
            unit = SpamSource(family, language, rng, heldout_set).unit()
            assert unit.text and unit.tokens >= 1
            assert "{" not in unit.text and "[" not in unit.text
    link = SpamSource("casino", "ru", rng).anchor()
    assert re.fullmatch(
        r'<a href="https://[a-z0-9-]+\.(example|test)/[^"]*"[^>]*>[^<]+</a>', link.html
    )


def test_spam_patterns_find_the_training_families():
    assert spam_families("buy cialis online no prescription pharmacy") == ["pharmacy"]
    assert spam_families("Sofortkredit trotz negativer Schufa") == ["loans"]
    assert spam_families("купить реплики часов недорого") == ["replicas"]
    assert spam_families("cheap essay writing service") == ["essays"]
    assert spam_families("The river authority opened the new flood gates.") == []


def test_sandwich_counts_spam_kept_inside_the_article(source):
    variant = inject(source, ATTACKS["mid-sentence"], 0.05, seed=1)
    assert not isinstance(variant, str)
    texts = [s.text for s in variant.segments if s.kind in (ARTICLE, "spam")]
    kept, inside = sandwiched(variant, "\n\n".join(texts))  # everything, in page order
    assert kept > 0 and inside == kept
    article = [s.text for s in variant.segments if s.kind == ARTICLE]
    spam = [s.text for s in variant.segments if s.kind == "spam"]
    kept, inside = sandwiched(variant, "\n\n".join(article + spam))  # spam after the article
    assert kept > 0 and inside == 0
    assert sandwiched(variant, "\n\n".join(article)) == (0, 0)


def test_get_attacks_refuses_unknown_names():
    from benchmark.errors import UserError

    assert [a.name for a in get_attacks("paragraph,noscript")] == ["paragraph", "noscript"]
    with pytest.raises(UserError, match="unknown attack"):
        get_attacks("paragraph,invisible-ink")


def test_experiment_end_to_end_with_fake_engines(tmp_path):
    from benchmark.injection.real.corpus import build_corpus
    from benchmark.injection.real.experiment import run_injection_real
    from benchmark.settings import RunSettings

    _, labels = write_dataset(tmp_path, pages=2)
    out = tmp_path / "out"
    attacks = ["mid-sentence", "noscript", "link-farm-footer"]
    levels = [0.05, 0.25]
    injected, _ = run_injection_real(
        data=tmp_path,
        pages=2,
        attacks=attacks,
        levels=levels,
        engines=["fake-echo", "fake-article"],
        settings=RunSettings(workers=1, cache_dir=None, resamples=50, progress=False),
        labels_root=labels,
        pages_dir=tmp_path / "pages",
        out=out,
    )
    curves = pd.read_csv(out / "curves.csv")
    assert list(curves.columns[:7]) == [
        "engine", "attack", "level", "pages", "spam_removal_recall",
        "spam_removal_precision", "article_recall",
    ]  # fmt: skip
    assert {"spam_removal_recall_low", "spam_removal_recall_high"} <= set(curves.columns)
    assert set(curves["level"]) == {0.0, 0.05, 0.25} and set(curves["pages"]) == {2}
    echo = curves[(curves["engine"] == "fake-echo") & (curves["level"] > 0)]
    assert (echo["spam_removal_recall"] == 0).all()  # keeping everything keeps the spam
    article = curves[(curves["engine"] == "fake-article") & (curves["level"] > 0)]
    farm = article[article["attack"] == "link-farm-footer"]
    assert (farm["spam_removal_recall"] == 1).all()  # the footer is outside <article>
    sandwich = pd.read_csv(out / "sandwich.csv")
    mid = sandwich[(sandwich["engine"] == "fake-echo") & (sandwich["attack"] == "mid-sentence")]
    assert (mid["sandwiched_share"] == 1).all()
    detector = pd.read_csv(out / "detector.csv").set_index("family")
    assert {"pharmacy", "casino", "loans", "replicas", "essays", "any"} <= set(detector.index)
    assert (out / "curves-spam-removal.png").is_file()
    assert "Spam injected into real pages" in (out / "injection-real.md").read_text()
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["created"] and provenance["harness_version"] and provenance["machine"]
    assert all(e["version"] and e["code_sha256"] for e in provenance["engines"].values())
    # the same seed gives byte-identical pages, made again elsewhere with two workers
    again = build_corpus(
        {"aeb": tmp_path / "aeb"}, pages=2, seed=0, attacks=attacks, levels=levels,
        cache_dir=tmp_path / "again", workers=2, labels_root=labels, progress=False,
    )  # fmt: skip
    pages = sorted((injected.folder / "pages").iterdir())
    assert pages and [p.read_bytes() for p in pages] == [
        (again.folder / "pages" / p.name).read_bytes() for p in pages
    ]
    assert injected.corpus.fingerprint == again.corpus.fingerprint


DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


@pytest.mark.slow
@pytest.mark.skipif(not (DATASETS / "aeb").is_dir(), reason="../shared/datasets not present")
def test_attacks_on_real_pages(tmp_path):
    """A few labelled AEB and WCXB pages: every attack places exactly labelled spam,
    the source's derived gold is the loader's, and two real engines behave as the
    seed capture says (the baseline keeps mid-sentence spam inside the article)."""
    from benchmark.corpus import load_corpus
    from benchmark.injection.real.experiment import dataset_folders, run_injection_real
    from benchmark.injection.real.source import select_sources
    from benchmark.settings import RunSettings

    folders = dataset_folders(DATASETS)
    selection = select_sources(folders, 6, seed=3)
    assert len(selection.pages) == 6 and all(s.labelled for s in selection.pages)
    loaded = {p.id: p for p in load_corpus(f"aeb:{DATASETS / 'aeb'}").pages}
    for source in selection.pages:
        if source.dataset == "aeb":  # the same gold as load_corpus gives the page
            assert source.page.gold.segments == loaded[source.page.id].gold.segments
    made = refused = 0
    for source in selection.pages:
        for attack in ATTACKS.values():
            variant = inject(source, attack, 0.05, seed=3)
            if isinstance(variant, str):
                refused += 1
                continue
            made += 1
            spam = sum(len(tokenize(s.text)) for s in variant.segments if s.kind == "spam")
            assert spam and abs(variant.share - 0.05) <= TOLERANCE * 0.05
            article = [s.text for s in variant.segments if s.kind == ARTICLE]
            assert tokenize("\n\n".join(article)) == tokenize(source.gold)
    assert made >= 0.9 * (made + refused)
    out = tmp_path / "out"
    injected, _ = run_injection_real(
        data=DATASETS,
        pages=4,
        attacks=["mid-sentence", "hidden-css"],
        levels=[0.1],
        engines=["html-text", "trafilatura"],
        settings=RunSettings(workers=2, cache_dir=None, resamples=100, progress=False),
        pages_dir=tmp_path / "pages",
        out=out,
    )
    curves = pd.read_csv(out / "curves.csv").set_index(["engine", "attack", "level"])
    assert curves.loc[("html-text", "mid-sentence", 0.1), "spam_removal_recall"] == 0
    sandwich = pd.read_csv(out / "sandwich.csv").set_index(["engine", "attack", "level"])
    assert sandwich.loc[("html-text", "mid-sentence", 0.1), "sandwiched_share"] > 0.9
    assert len(injected.sources) == 4


def test_a_source_without_some_level_is_left_out_of_that_point_only(tmp_path):
    """A short article cannot host every level: that source drops out of the level's
    curve point, and out of the clean pages it is paired with there (the 240-page run
    failed on 225 attacked pages against 226 clean ones before this)."""
    from benchmark.corpus.model import Corpus
    from benchmark.injection.real.build import Variant
    from benchmark.injection.real.corpus import CLEAN, InjectedCorpus

    def variant(source: str, attack: str, level: float) -> Variant:
        page = f"{source}--{attack}-{level}"
        return Variant(page, source, attack, level, level, "", "", "", "", 0, False, ())

    variants = [variant(s, CLEAN, 0.0) for s in ("a", "b")]
    variants += [variant("a", "paragraph", 0.1), variant("a", "paragraph", 0.25)]
    variants += [variant("b", "paragraph", 0.1)]  # b's article too short for 25%
    injected = InjectedCorpus(
        Corpus("x", "x", (), "f"),
        {v.id: v for v in variants},
        ["paragraph"],
        [0.1, 0.25],
        ["a", "b"],
        0,
        tmp_path,
    )
    clean, attacked = injected.paired_pages("paragraph", 0.25)
    assert clean == ["a--clean-0.0"] and attacked == ["a--paragraph-0.25"]
    clean, attacked = injected.paired_pages("paragraph", 0.1)
    assert len(clean) == len(attacked) == 2
    assert injected.paired_pages("paragraph", 0.0) == (clean, clean)
