"""The WCXB split layout: page types as evaluate.py reads them, UTF-8 pages whatever their
<meta> says, and bad ground truth named. Invented pages, no WCXB text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmark.corpus import load_corpus
from benchmark.errors import UserError

STALE_META = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    "</head><body><article><p>The café served crème brûlée all week.</p></article></body></html>"
)


def write_page(split: Path, page_id: str, html: str, truth: dict) -> None:
    (split / "html").mkdir(parents=True, exist_ok=True)
    (split / "ground-truth").mkdir(parents=True, exist_ok=True)
    with gzip.open(split / "html" / f"{page_id}.html.gz", "wb") as f:
        f.write(html.encode("utf-8"))
    (split / "ground-truth" / f"{page_id}.json").write_text(json.dumps(truth), encoding="utf-8")


def truth(body: str, page_type: object = None) -> dict:
    data: dict = {"url": "https://cafe.example/", "ground_truth": {"main_content": body}}
    if page_type is not None:
        data["_internal"] = {"page_type": page_type}
    return data


def test_pages_are_utf8_even_when_their_meta_says_otherwise(tmp_path):
    write_page(tmp_path, "0001", STALE_META, truth("The café served crème brûlée all week."))
    (page,) = load_corpus(f"wcxb:{tmp_path}").pages
    assert "crème brûlée" in page.source.read_html()


@pytest.mark.parametrize(
    ("page_type", "expected"),
    [
        (None, "article"),
        ({"primary": "forum"}, "forum"),
        ({"primary": "category"}, "collection"),
        ("listing", "listing"),
        (7, "article"),
    ],
)
def test_page_type_read_as_evaluate_py_reads_it(tmp_path, page_type, expected):
    write_page(tmp_path, "0001", STALE_META, truth("x", page_type))
    assert load_corpus(f"wcxb:{tmp_path}").pages[0].meta["page_type"] == expected


def test_snippets_must_be_lists_of_strings(tmp_path):
    data = truth("x")
    data["ground_truth"]["with"] = "not a list"
    write_page(tmp_path, "0001", STALE_META, data)
    with pytest.raises(UserError, match=r"ground_truth\.with must be a list of strings"):
        load_corpus(f"wcxb:{tmp_path}")
