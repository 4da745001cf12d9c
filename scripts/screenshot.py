"""Screenshots of a report in headless Chromium, for the README (``make screenshot``).

    python scripts/screenshot.py [results/report.html] [docs/]

Writes ``report.png`` (the top: leaderboard and the trade-off plot) and
``report-page.png`` (one page's drill-down) into the folder given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmark.report.browser import browser_page


def main(report: Path, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    url = report.resolve().as_uri()
    with browser_page(1440, 1100) as (page, problems):
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        page.screenshot(path=str(folder / "report.png"))
        first = page.locator("table#pages tbody a").nth(3)
        first.click()
        page.wait_for_selector(".page-detail:not([hidden]) .panes", timeout=10_000)
        page.wait_for_timeout(200)
        page.screenshot(path=str(folder / "report-page.png"))
    for problem in problems:
        print(f"screenshot: {problem}", file=sys.stderr)
    print(f"screenshot: {folder / 'report.png'}, {folder / 'report-page.png'}")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(
        main(
            Path(args[0]) if args else Path("results/report.html"),
            Path(args[1]) if len(args) > 1 else Path("docs"),
        )
    )
