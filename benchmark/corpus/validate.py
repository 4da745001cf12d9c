"""Checks that a bundled gold case is consistent with its saved page.

Matching works on *letters only*: page text and segment text are reduced to their
``\\w`` characters (whitespace and punctuation dropped), so inline tags, line breaks
and CJK text without spaces compare the same way. Each segment must occur in the page
after the previous one (gold is in source order); coverage is the share of the page's
letters that some segment accounts for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from benchmark.corpus.bundled import GOLD_FILE, PAGE_FILE, case_dirs, load_case
from benchmark.corpus.decoding import detect_encoding
from benchmark.corpus.model import ARTICLE, Corpus, Page
from benchmark.errors import UserError

#: Below this share of the page's letters covered by gold, a case fails. Everything of
#: substance must be labelled; 2% leaves room for stray screen-reader labels, icon
#: ligature names and similar fragments no annotator should have to copy.
MIN_COVERAGE = 0.98

_NON_WORD = re.compile(r"\W+")
_WORD = re.compile(r"\w+")
_INVISIBLE = ("script", "style", "noscript", "template", "head")
_SEGMENT_PROBLEM = re.compile(
    r"not found in page text|out of page order|unreadable|structure (element|covers)"
)


def letters(text: str) -> str:
    """Only the ``\\w`` characters of ``text``: the form segments are matched in."""
    return _NON_WORD.sub("", text)


def page_text(html: str) -> str:
    """All text a reader or a naive extractor could meet in the body (hidden text too)."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    return " ".join(root.itertext())


@dataclass
class CaseReport:
    case: str
    path: Path
    problems: list[str] = field(default_factory=list)
    coverage: float = 0.0
    encoding: str = ""
    uncovered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_page(page: Page, report: CaseReport, html: str | None = None) -> None:
    """Check ``page``'s gold against its saved page, or against ``html`` when given (the
    spam injection checks a ``noscript`` attack against its page with the injected
    ``<noscript>`` made visible, since ``page_text`` drops noscript)."""
    data = page.source.read_bytes()
    report.encoding = detect_encoding(data, page.source.charset)
    raw = page_text(page.source.read_html() if html is None else html)
    runs = list(_WORD.finditer(raw))
    body = "".join(m.group() for m in runs)
    # where each letter of ``body`` sits in ``raw``, to show gaps as the page has them
    origin = [i for m in runs for i in range(m.start(), m.end())]
    if not body:
        report.problems.append("page has no text")
        return
    if not page.url.startswith(("http://", "https://")):
        report.problems.append(f"url is not absolute: {page.url!r}")
    if not any(s.kind == ARTICLE for s in page.gold.segments):
        report.problems.append("no article segment")
    covered = bytearray(len(body))
    cursor = 0
    for number, segment in enumerate(page.gold.segments, start=1):
        needle = letters(segment.text)
        if not needle:
            report.problems.append(f"segment {number} ({segment.kind}) has no letters")
            continue
        at = body.find(needle, cursor)
        if at < 0:
            where = "out of page order" if body.find(needle) >= 0 else "not found in page text"
            report.problems.append(
                f"segment {number} ({segment.kind}) {where}: {_short(segment.text)!r}"
            )
            continue
        covered[at : at + len(needle)] = b"\x01" * len(needle)
        cursor = at + len(needle)
    report.coverage = sum(covered) / len(body)
    if page.gold.structure is not None:
        report.problems += structure_problems(page)
    for gap in re.finditer(rb"\x00+", bytes(covered)):
        report.uncovered.append(raw[origin[gap.start()] : origin[gap.end() - 1] + 1])
    if report.coverage < MIN_COVERAGE:
        gaps = ", ".join(repr(_short(g, 40)) for g in sorted(report.uncovered, key=len)[:-4:-1])
        report.problems.append(
            f"gold covers {report.coverage:.1%} of the page text (< {MIN_COVERAGE:.0%});"
            f" unlabelled: {gaps}"
        )


def structure_problems(page: Page) -> list[str]:
    """Hand-written structure gold against the article's segments: each element (a
    table cell by cell) found in the article's letters after the previous one, and the
    elements covering at least ``MIN_COVERAGE`` of those letters."""
    assert page.gold.structure is not None
    article = letters(page.gold.article_text)
    covered = bytearray(len(article))
    problems: list[str] = []
    cursor = 0
    for number, element in enumerate(page.gold.structure.elements, start=1):
        needle = letters(element.text)
        if not needle:
            continue
        at = article.find(needle, cursor)
        if at < 0:
            where = "out of order" if article.find(needle) >= 0 else "not in the article text"
            problems.append(
                f"structure element {number} ({element.type}) {where}: {_short(element.text)!r}"
            )
            continue
        covered[at : at + len(needle)] = b"\x01" * len(needle)
        cursor = at + len(needle)
    share = sum(covered) / len(article) if article else 1.0
    if share < MIN_COVERAGE and not problems:
        problems.append(f"structure covers {share:.1%} of the article text (< {MIN_COVERAGE:.0%})")
    return problems


def validate_case(case_dir: Path) -> CaseReport:
    report = CaseReport(case_dir.name, case_dir / GOLD_FILE)
    try:
        page = load_case(case_dir)
    except UserError as exc:
        report.path = Path(exc.path) if exc.path else report.path
        report.problems.append(exc.problem)
        return report
    if not (case_dir / PAGE_FILE).is_file():
        report.problems.append("saved page is missing")
        return report
    check_page(page, report)
    return report


def gold_warnings(corpus: Corpus) -> list[str]:
    """One line per page whose hand-written segments do not match its page (what
    ``boilerbench validate`` would report), so ``run`` never scores them silently."""
    if not corpus.hand_written_gold:
        return []
    lines = []
    for page in corpus.pages:
        report = CaseReport(page.id, Path(page.source.path))
        try:
            check_page(page, report)
        except OSError as exc:
            report.problems.append(f"page unreadable: {exc}")
        wrong = [p for p in report.problems if _SEGMENT_PROBLEM.search(p)]
        if wrong:
            more = f" (+{len(wrong) - 1} more)" if len(wrong) > 1 else ""
            lines.append(f"{page.source.path}: gold {wrong[0]}{more}")
    return lines


def validate_tree(root: Path, only: list[str] | None = None) -> list[CaseReport]:
    if not root.is_dir():
        raise UserError("gold folder not found", root)
    dirs = [d for d in case_dirs(root) if not only or d.name in only]
    return [validate_case(d) for d in dirs]
