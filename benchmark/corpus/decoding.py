"""Bytes to text the way a browser would: BOM, then HTTP charset, then <meta>, then a guess.

w3lib's ``html_to_unicode`` implements the declaration order (it is Scrapy's); when a
page declares nothing, charset-normalizer guesses. Undecodable bytes become U+FFFD
rather than an error: a mislabelled page is still a page to extract from.
"""

from __future__ import annotations

from w3lib.encoding import html_to_unicode


def _guess(data: bytes) -> str | None:
    try:  # undeclared but valid UTF-8 is by far the common case, and a sure sign
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # (loaded only for the rare page that needs a guess)

    best = charset_normalizer.from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode saved page bytes; ``charset`` is the HTTP Content-Type charset, if known."""
    header = f"text/html; charset={charset}" if charset else None
    _, text = html_to_unicode(header, data, default_encoding="utf-8", auto_detect_fun=_guess)
    return text.replace("\x00", "\ufffd")


def detect_encoding(data: bytes, charset: str | None = None) -> str:
    """The encoding ``decode_html`` would use (for validation and datasheets)."""
    header = f"text/html; charset={charset}" if charset else None
    encoding, _ = html_to_unicode(header, data, default_encoding="utf-8", auto_detect_fun=_guess)
    return encoding
