"""The newspaper4k adapter: the documented Article call, and languages it cannot run here."""

from __future__ import annotations

import warnings

import pytest

from benchmark.corpus.source import PageSource
from benchmark.engines import EngineUnavailable, get_engine
from benchmark.engines.newspaper4k import extract
from benchmark.runner.worker import OK, UNAVAILABLE
from benchmark.runner.worker import extract as run_cell
from tests.conftest import NEWS_PAGE

KOREAN = (
    '<html lang="ko"><head><meta http-equiv="content-language" content="ko"></head><body>'
    "<div><p>"
    + "항구 예산이 화요일 밤 긴 토론 끝에 승인되었습니다. " * 12
    + "</p></div></body></html>"
)
THAI = (
    '<html lang="th"><head><meta http-equiv="content-language" content="th"></head><body>'
    "<div><p>" + "สภาอนุมัติงบประมาณท่าเรือใหม่ " * 20 + "</p></div></body></html>"
)


def _punkt_tab_installed() -> bool:
    import nltk

    try:
        nltk.data.find("tokenizers/punkt_tab")
    except LookupError:
        return False
    return True


def test_same_words_as_the_documented_call():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import newspaper

    article = newspaper.Article("https://news.example/a", fetch_images=False)
    article.download(input_html=NEWS_PAGE)
    article.parse()
    assert extract(NEWS_PAGE, "https://news.example/a").split() == article.text.split()


@pytest.mark.skipif(_punkt_tab_installed(), reason="NLTK punkt_tab is installed here")
def test_korean_without_nltk_data_is_unavailable_not_a_failure(tmp_path):
    with pytest.raises(EngineUnavailable, match="language 'ko' here: NLTK data punkt_tab"):
        extract(KOREAN, "https://news.example/ko")
    # through the harness: an "unavailable" cell (not an extraction error) saying what is missing
    page = tmp_path / "ko.html"
    page.write_text(KOREAN, encoding="utf-8")
    cell = run_cell(
        get_engine("newspaper4k").spec, PageSource(str(page)), "https://news.example/ko"
    )
    assert cell.status == UNAVAILABLE and cell.text is None
    assert cell.error is not None and cell.error.startswith(
        "EngineUnavailable: newspaper4k cannot tokenise language 'ko'"
    )


def test_thai_without_pythainlp_is_unavailable():
    pytest.importorskip("newspaper")
    try:
        import pythainlp  # noqa: F401
    except ImportError:
        with pytest.raises(
            EngineUnavailable, match="language 'th' here: You must install pythainlp"
        ):
            extract(THAI, "https://news.example/th")
    else:
        assert isinstance(extract(THAI, "https://news.example/th"), str)


def test_english_page_is_an_ok_cell(tmp_path):
    page = tmp_path / "en.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    cell = run_cell(get_engine("newspaper4k").spec, PageSource(str(page)), "https://news.example/a")
    assert cell.status == OK and "harbour budget" in (cell.text or "")
