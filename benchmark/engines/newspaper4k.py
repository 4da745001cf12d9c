"""newspaper4k: ``Article(url)``, ``download(input_html=...)``, ``parse()``, ``.text``.

This is the use its README documents for HTML you already have. The article's
language is newspaper4k's own choice: the page's declared language when newspaper4k
has stopwords for it (``use_meta_language``, on by default), else English. Not to be
confused with ``newspaper.fulltext(html)``, whose ``language`` defaults to ``"en"``
whatever the page: on non-English pages that call scores far lower (see
docs/wcxb-reproduction.md), which is why a plain script using it differs from this.

``fetch_images=False``: by default ``parse()`` downloads images to pick a top image;
that changes no text (checked on WCXB pages) and workers have no network anyway.

Some languages need more than newspaper4k installs: Korean tokenises with NLTK's
``punkt_tab`` data (no PyPI package ships it, and nothing is downloaded at run time),
Thai needs ``pythainlp``, Hindi/Bengali/Nepali/Tamil ``indic-nlp-library``. On such a
page the adapter raises ``EngineUnavailable`` naming the language and what is missing,
rather than a bare LookupError/ImportError that would read as an extraction failure.
"""

from __future__ import annotations

import warnings

from benchmark.engines._base import Engine, EngineUnavailable
from benchmark.engines._text import as_paragraphs


def extract(html: str, url: str) -> str:
    with warnings.catch_warnings():  # "nltk is not installed": only its NLP step needs it
        warnings.simplefilter("ignore")
        import newspaper

    article = newspaper.Article(url or "http://localhost/", fetch_images=False)
    article.download(input_html=html)
    try:
        article.parse()
    except LookupError as exc:  # NLTK data missing (Korean: punkt_tab)
        missing = str(exc).split("Resource")[-1].split("not found")[0].strip(" '\n*")
        raise EngineUnavailable(
            f"newspaper4k cannot tokenise language {article.config.language!r} here:"
            f" NLTK data {missing or '(unknown)'} is not installed"
        ) from None
    except ImportError as exc:  # a language module's optional package (Thai, Indic languages)
        raise EngineUnavailable(
            f"newspaper4k cannot tokenise language {article.config.language!r} here:"
            f" {str(exc).splitlines()[0].strip()}"
        ) from None
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
