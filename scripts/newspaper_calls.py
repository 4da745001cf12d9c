"""Three ways to call newspaper4k on saved HTML, on the bundled gold (80 pages, 13 languages).

    .venv/bin/python scripts/newspaper_calls.py

1. boilerbench's adapter (``Article(url, fetch_images=False)``, download, parse, .text);
2. the README's call with every default (``Article(url)``: ``fetch_images=True``), the
   network refused as in boilerbench's workers, so image fetching fails fast;
3. ``newspaper.fulltext(html)``, the one-liner trafilatura's ``tests/comparison.py``
   uses, whose ``language`` parameter defaults to ``"en"`` whatever the page.

Prints, for English and non-English pages (the language newspaper4k itself picks from
the page's metadata), the mean WCXB word F1 of each call against the article gold, and
how many pages give the same words as the adapter. Pages a call cannot process
(``EngineUnavailable``, e.g. Korean without NLTK data) are counted apart.
"""

from __future__ import annotations

import warnings
from collections import defaultdict

from benchmark.corpus import load_corpus
from benchmark.engines import EngineUnavailable
from benchmark.engines.newspaper4k import extract as adapter
from benchmark.runner.worker import disable_network
from benchmark.scoring.words import word_prf


def readme_call(html: str, url: str) -> tuple[str, str]:
    import newspaper

    article = newspaper.Article(url or "http://localhost/")
    article.download(input_html=html)
    article.parse()
    return article.text, article.config.language or ""


def main() -> None:
    warnings.simplefilter("ignore")
    disable_network()
    import newspaper

    groups: dict[str, list[tuple[float, float, float, bool]]] = defaultdict(list)
    unavailable = []
    for page in load_corpus("gold").pages:
        html, gold = page.source.read_html(), page.gold.article_text
        try:
            ours = adapter(html, page.url)
        except EngineUnavailable as exc:
            unavailable.append(f"{page.id}: {exc}")
            continue
        readme, language = readme_call(html, page.url)
        full = newspaper.fulltext(html)
        group = "English" if language == "en" else "non-English"
        groups[group].append(
            (
                word_prf(ours, gold)[2],
                word_prf(readme, gold)[2],
                word_prf(full, gold)[2],
                ours.split() == readme.split(),
            )
        )
    print("pages        | adapter | Article() defaults | fulltext(html) | same words as adapter")
    for group, rows in sorted(groups.items()):
        n = len(rows)
        means = [sum(r[i] for r in rows) / n for i in range(3)]
        same = sum(r[3] for r in rows)
        print(
            f"{group:12} {n:3} | {means[0]:.3f}   | {means[1]:.3f}              |"
            f" {means[2]:.3f}          | {same}/{n}"
        )
    for line in unavailable:
        print("unavailable:", line)


if __name__ == "__main__":
    main()
