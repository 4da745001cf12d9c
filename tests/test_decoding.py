"""Bytes to text: BOM, HTTP charset, <meta>, then a guess; never an exception."""

from benchmark.corpus.decoding import decode_html, detect_encoding

TEXT = "Größere Straßenbahn fährt über die Brücke – „endlich“"


def test_meta_charset_is_honoured():
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{TEXT}</p></body></html>'
    data = page.encode("windows-1252")
    assert TEXT in decode_html(data)
    assert detect_encoding(data) == "cp1252"


def test_http_charset_wins_over_nothing():
    russian = "<html><body><p>Городской совет утвердил бюджет</p></body></html>"
    data = russian.encode("koi8-r")
    assert "Городской совет" in decode_html(data, "koi8-r")


def test_undeclared_shift_jis_is_guessed():
    text = "今日は東京で新しい図書館が開館しました。多くの市民が訪れました。" * 5
    data = f"<html><body><p>{text}</p></body></html>".encode("shift_jis")
    assert text in decode_html(data)


def test_undeclared_utf8_and_bom():
    assert TEXT in decode_html(f"<p>{TEXT}</p>".encode())
    assert TEXT in decode_html(b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode())


def test_mislabelled_and_nul_bytes_do_not_raise():
    data = '<meta charset="utf-8"><p>caf\xe9 \x00 ok</p>'.encode("latin-1")
    text = decode_html(data)
    assert "ok" in text and "\x00" not in text
    assert decode_html(b"") == ""
