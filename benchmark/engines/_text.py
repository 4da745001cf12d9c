"""Small text helpers shared by adapters (output shape only, never extraction logic)."""

from __future__ import annotations


def as_paragraphs(text: str | None) -> str:
    """One paragraph per non-blank line, separated by blank lines (the adapter contract)."""
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def html_fragment_to_text(fragment: str) -> str:
    """Block-aware HTML-to-text for engines that return HTML (lxml's text_content()
    would run paragraphs together); html-text puts breaks at block elements."""
    import html_text

    return as_paragraphs(html_text.extract_text(fragment, guess_layout=True))
