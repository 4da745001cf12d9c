"""report.html in a real browser: Playwright driving Debian's chromium (never a
downloaded one). It loads with no network and no console error or warning, the
leaderboard sorts and filters, the plots draw and show values on hover, the page index
filters, and a page's drill-down opens from its anchor. Screenshots are kept in the
test's folder (or in $BOILERBENCH_SCREENSHOTS) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.report.browser import browser_page, chromium_path
from tests.conftest import NEWS_PAGE, NEWS_SEGMENTS, bench, write_case

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="no chromium (make browser installs it)"),
]


def gold_with_groups(root: Path) -> Path:
    """Four pages in two languages and two templates, so every filter has choices."""
    for i, (language, template) in enumerate(
        [("en", "news-a"), ("en", "news-b"), ("de", "news-a"), ("de", "news-b")]
    ):
        html = NEWS_PAGE.replace("Tuesday", f"Tuesday {i}")
        segments = [
            {k: v.replace("Tuesday", f"Tuesday {i}")}
            for seg in NEWS_SEGMENTS
            for k, v in seg.items()
        ]
        write_case(
            root, f"news-{language}-{i}", html, segments, language=language, template=template
        )
    return root


def test_report_in_a_real_browser(tmp_path):
    gold = gold_with_groups(tmp_path / "gold")
    out = tmp_path / "results"
    bench(f"gold:{gold}", "fake-article,fake-echo,fake-fail", out)
    assert main(["report", str(out)]) == 0
    shots = Path(os.environ.get("BOILERBENCH_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with browser_page() as (page, problems):
        page.goto((out / "report.html").as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        rows = page.locator("#board tbody tr")
        assert rows.count() == 3
        assert rows.first.get_attribute("data-engine") == "fake-article"  # best F1 first
        assert page.locator("#board td.best").count() > 0  # best values marked
        assert "–" in page.locator("#board tbody tr").first.locator("td").nth(2).inner_text()
        page.screenshot(path=str(shots / "1-leaderboard.png"))

        # sort by precision, then back: aria-sort follows
        page.locator("#board th[data-key='precision'] button").click()
        assert (
            page.locator("#board th[data-key='precision']").get_attribute("aria-sort")
            == "descending"
        )
        page.locator("#board th[data-key='engine'] button").click()
        assert rows.first.get_attribute("data-engine") == "fake-article"  # a-z
        assert rows.nth(1).get_attribute("data-engine") == "fake-echo"

        # filter: German pages only; the scope line and the figures follow
        page.select_option("#f-language", label="de (2)")
        assert "2 pages with language de" in page.locator("#board-scope").inner_text()
        assert rows.count() == 3
        page.select_option("#f-template", label="news-a (2)")
        assert page.locator("#f-language").input_value() == ""  # one filter at a time
        page.screenshot(path=str(shots / "2-filtered.png"))

        # every plot drew; hovering a point of the trade-off shows its values
        for name in ("tradeoff", "removal-heatmap", "intervals", "speed-f1"):
            assert page.locator(f"[data-chart='{name}'] svg").count() >= 1, name
        point = page.locator("[data-chart='tradeoff'] .mark-symbol path").first
        point.evaluate("e => e.scrollIntoView({block: 'center'})")
        box = point.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert "article recall" in tooltip.inner_text() and "fake-" in tooltip.inner_text()
        assert "undefined" not in tooltip.inner_text()
        page.locator("#tradeoff").screenshot(path=str(shots / "3-tradeoff.png"))

        # the page index filters; a page opens its drill-down at #page-<id>
        page.select_option("#p-template", label="news-b (2)")
        assert page.locator("#index-count").inner_text() == "2 of 4 pages"
        link = page.locator("#pages tbody a", has_text="news-de-3")
        link.evaluate("e => e.scrollIntoView({block: 'center'})")
        link.click()
        detail = page.locator("#page-news-de-3")
        detail.wait_for(state="visible")
        assert page.evaluate("location.hash") == "#page-news-de-3"
        assert detail.locator("table.matrix tbody tr").count() == len(NEWS_SEGMENTS)
        page.select_option("#page-news-de-3 .pick-a", "fake-echo")
        left = detail.locator(".pane-a")
        assert left.locator("mark[title='leaked spam']").count() >= 1  # echo keeps the spam
        page.select_option("#page-news-de-3 .pick-b", "fake-fail")
        assert detail.locator(".pane-b del.missed").count() >= 1  # a failed page loses it all
        assert "failed" in detail.inner_text() or "error" in detail.inner_text()
        detail.screenshot(path=str(shots / "4-drill-down.png"))

        # a link straight to a page's anchor opens it
        page.goto((out / "report.html").as_uri() + "#page-news-en-0")
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator("#page-news-en-0").is_visible()
        assert page.locator("#page-news-de-3").is_hidden()
    assert problems == []
    assert all((shots / n).stat().st_size > 10_000 for n in os.listdir(shots))
