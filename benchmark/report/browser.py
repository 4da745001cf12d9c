"""The system Chromium under Playwright, for the report's browser test and its
screenshots (``make screenshot``). Never downloads a browser: Debian's chromium is used
(``make browser`` installs it where it may)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmark.errors import UserError

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def browser_page(width: int = 1440, height: int = 1000) -> Iterator[tuple[Any, list[str]]]:
    """A page of a headless Chromium that may load nothing from the network (any
    request other than file:, data: or blob: is aborted and recorded), and the list
    of what went wrong: console errors and warnings, page errors, blocked requests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise UserError("needs playwright (a dev dependency: make setup)") from None
    path = chromium_path()
    if path is None:
        raise UserError("needs chromium (make browser installs Debian's)")
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=list(FLAGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})

            def route(r: Any) -> None:
                if r.request.url.startswith(("file:", "data:", "blob:")):
                    r.continue_()
                else:
                    problems.append(f"network request: {r.request.url}")
                    r.abort()

            page.route("**/*", route)
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            yield page, problems
        finally:
            browser.close()
