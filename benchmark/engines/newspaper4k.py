"""newspaper4k: Article.parse() on given HTML, with image fetching off.

``fetch_images=False`` matters: by default ``parse`` tries to download images.
"""

from __future__ import annotations

import warnings

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


def extract(html: str, url: str) -> str:
    with warnings.catch_warnings():  # "nltk is not installed": only its NLP step needs it
        warnings.simplefilter("ignore")
        import newspaper

    article = newspaper.Article(url or "http://localhost/", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return as_paragraphs(article.text)


ENGINES = [
    Engine(
        name="newspaper4k",
        distribution="newspaper4k",
        module="newspaper",
        extract=extract,
        description="newspaper4k Article(fetch_images=False).parse().text",
        options={"fetch_images": False},
        extras=("ja", "zh", "nlp"),
    )
]
