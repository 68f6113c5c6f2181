"""Tests of the reading layer (bilateral.read): files, folders, encodings, HTML, PDF, URLs.

No network: URLs are served by a local http.server on 127.0.0.1, and the
fetch guard's refusals are checked on literal addresses (and a patched
resolver) with connections made impossible, so a refusal must come first.
"""

from __future__ import annotations

import codecs
import gzip
import http.server
import importlib
import io
import ipaddress
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bilateral.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    FetchError,
    ReadError,
    UndecodableDocument,
    UnreadableDocument,
    UsageError,
)
from bilateral.model import Document
from bilateral.read import DEFAULT_MAX_BYTES, iter_documents, read
from bilateral.read.fetch import fetch

# ``bilateral.read`` is the read() function at the top level, so the
# submodules are taken from the import system by their full names.
fetch_module = importlib.import_module("bilateral.read.fetch")
files_module = importlib.import_module("bilateral.read.files")

# --------------------------------------------------------------------------- helpers


def make_pdf(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, a page per list.

    An empty list makes a page with a drawn line and no text at all.
    """

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index, lines in enumerate(pages):
        page, content = 4 + 2 * index, 5 + 2 * index
        kids.append(f"{page} 0 R")
        shows = " T* ".join(f"({escape(line)}) Tj" for line in lines)
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shows} ET".encode("latin-1") if lines else b"0 0 m 100 100 l S"
        objects[page] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"
        ).encode()
        objects[content] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    info = None
    if title is not None:
        info = max(objects) + 1
        objects[info] = f"<< /Title ({escape(title)}) >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, size))
    trailer = b"<< /Size %d /Root 1 0 R" % size + (b" /Info %d 0 R" % info if info else b"") + b" >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Korea and Cambodia upgrade ties | Example News</title>
<link rel="canonical" href="https://news.example.com/2024/05/korea-cambodia">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-05-16T09:30:00+09:00">
<script>var tracking = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script>
<style>.STYLE-TEXT-MUST-NOT-APPEAR { color: red; }</style>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAV-WORLD-LINK</a></li></ul></nav>
<article>
<h1>Korea and Cambodia upgrade ties</h1>
<p>Phnom Penh, May 16 — The Republic of Korea and Cambodia agreed on Thursday to raise their
relationship to a strategic partnership, the two governments said in a joint statement.</p>
<p>Bilateral trade reached about $890 million in 2024, up 12 percent from a year earlier,
according to figures released by the Korean embassy in Phnom Penh.</p>
<p>The two leaders also signed a memorandum of understanding on an economic development
cooperation fund worth $1.5 billion for 2024 to 2028.</p>
</article>
<footer><p>FOOTER-COPYRIGHT Example News. All rights reserved.</p></footer>
<script>document.write("ANOTHER-SCRIPT-TEXT");</script>
</body>
</html>
"""


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def error_of(source: str | os.PathLike[str], kind: type[ReadError] = ReadError, **kwargs: object) -> ReadError:
    with pytest.raises(kind) as caught:
        read(source, **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Make every outgoing TCP connection fail the test (a refusal must come before one)."""
    attempts: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address)
        raise AssertionError(f"fetch tried to connect to {address}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


# --------------------------------------------------------------------------- text and encodings

KOREAN = "한국과 캄보디아의 교역액은 2024년 8억 9천만 달러였다."
WESTERN = "The minister said “trade rose to €890 million” – a record. It’s a café."


@pytest.mark.parametrize(
    ("text", "encoding", "expected_encoding"),
    [
        ("Plain ASCII text.", "utf-8", "utf-8"),
        ("Ünïcödé UTF-8: 캄보디아 ₩ €", "utf-8", "utf-8"),
        ("\ufeffUTF-8 with a BOM: 캄보디아", "utf-8", "utf-8-sig"),
        ("\ufeffUTF-16 LE with a BOM: 캄보디아 €", "utf-16-le", "utf-16"),
        ("\ufeffUTF-16 BE with a BOM: 캄보디아 €", "utf-16-be", "utf-16"),
        ("\ufeffUTF-32 with a BOM: 캄보디아", "utf-32-le", "utf-32"),
        ("UTF-16 LE without a BOM, mostly ASCII.", "utf-16-le", "utf-16-le"),
        ("UTF-16 BE without a BOM, mostly ASCII.", "utf-16-be", "utf-16-be"),
        ("대한민국과 캄보디아 2024년 교역", "utf-16-le", "utf-16-le"),
        ("안녕하세요", "cp949", "cp949"),
        ("한국", "cp949", "cp949"),
        (KOREAN, "cp949", "cp949"),
        ("똠방각하 뷁", "cp949", "cp949"),  # CP949-only syllables, outside EUC-KR
        (KOREAN, "euc-kr", "cp949"),
        (WESTERN, "cp1252", "cp1252"),
        ("“Hello” — €5", "cp1252", "cp1252"),
        ("Price: 5€", "cp1252", "cp1252"),
        ("It’s", "cp1252", "cp1252"),  # 0x92 0x73 is also a CP949 syllable
        ("Café crème à la française, naïve résumé.", "cp1252", "cp1252"),
        ("Der Außenminister traf sich mit seinem Amtskollegen. Größe, Zölle.", "cp1252", "cp1252"),
        ("Министр иностранных дел посетил Пномпень в марте.", "cp1251", "cp1251"),
        ("日本とカンボジアの関係は良好です。", "shift_jis", "cp932"),
        ("中国和柬埔寨的贸易额达到了八十亿美元。", "gb18030", "gb18030"),
    ],
)
def test_text_encodings(tmp_path: Path, text: str, encoding: str, expected_encoding: str) -> None:
    path = write(tmp_path / "doc.txt", text.encode(encoding))
    document = read(path)
    assert document.text == text.removeprefix("\ufeff")
    assert document.encoding == expected_encoding
    # The contract evidence offsets rely on: the text is what read_text gives.
    assert document.text == path.read_text(encoding=document.encoding)
    assert document.media_type == "text/plain"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "cp949"])
def test_universal_newlines_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    sample = "first line\r\nsecond line\rthird “line”\n\r\nlast" if encoding != "cp949" else \
        "첫째 줄\r\n둘째 줄\r셋째 줄\n\r\n끝"
    path = write(tmp_path / "doc.txt", sample.encode(encoding))
    document = read(path)
    assert "\r" not in document.text
    assert document.text == sample.replace("\r\n", "\n").replace("\r", "\n")
    assert document.text == path.read_text(encoding=document.encoding)


def test_document_ids_and_sources(tmp_path: Path) -> None:
    path = write(tmp_path / "notes" / "000_abc.txt", b"Trade rose.")
    document = read(path)
    assert isinstance(document, Document)
    assert document.id == "000_abc.txt"
    assert document.source == str(path)
    assert read(str(path), doc_id="custom").id == "custom"


def test_markdown_and_unknown_extensions_read_as_text(tmp_path: Path) -> None:
    assert read(write(tmp_path / "a.md", b"# Title\n\nBody")).media_type == "text/markdown"
    document = read(write(tmp_path / "notes.log", b"Explicit files are read whatever the extension."))
    assert document.text == "Explicit files are read whatever the extension."
    # A page saved without an extension is recognised as HTML.
    page = read(write(tmp_path / "saved_page", ARTICLE_HTML.encode()))
    assert page.media_type == "text/html"
    assert "SCRIPT-TEXT" not in page.text


def test_text_starting_like_a_magic_number_is_still_text(tmp_path: Path) -> None:
    assert read(write(tmp_path / "a.txt", b"MZ Holdings signed the deal.")).text.startswith("MZ")
    assert read(write(tmp_path / "b.txt", "MZ Café “holdings”".encode("cp1252"))).encoding == "cp1252"
    assert read(write(tmp_path / "c.txt", b"GIF89a is an image format.")).text.startswith("GIF89a")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_documents(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "empty.txt", data)
    error = error_of(path, EmptyDocument)
    assert str(error).startswith(f"{path}: ")
    assert error.source == str(path)


def test_binary_png_is_refused_with_a_readable_message(tmp_path: Path) -> None:
    path = write(tmp_path / "notes" / "x.bin", PNG + bytes(range(256)))
    error = error_of(path, BinaryDocument)
    assert str(error) == f"{path}: binary file (PNG image), not a text, HTML or PDF document"
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)), "JPEG"),
        (bytes(range(256)) * 4, "NUL bytes"),
    ],
)
def test_binary_formats(tmp_path: Path, data: bytes, kind: str) -> None:
    error = error_of(write(tmp_path / "file.txt", data), BinaryDocument)
    assert kind in str(error)


def test_undecodable(tmp_path: Path) -> None:
    path = write(tmp_path / "garbage.txt", bytes(range(0x80, 0x100)) * 4)
    error = error_of(path, UndecodableDocument)
    assert str(path) in str(error)
    assert "not valid UTF-8" in str(error)


def test_broken_bom(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "a.txt", codecs.BOM_UTF8 + b"ok \xff\xfe"), UndecodableDocument)
    assert "byte-order mark" in str(error)


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.txt", b"x" * 100)

    def no_open(*args: object, **kwargs: object) -> object:
        raise AssertionError("the file was opened although it is over the limit")

    monkeypatch.setattr(files_module, "open", no_open, raising=False)
    error = error_of(path, DocumentTooLarge, max_bytes=10)
    assert str(error) == f"{path}: file is 100 bytes, over the limit of 10 bytes"
    monkeypatch.undo()
    assert read(path, max_bytes=100).text == "x" * 100
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_bad_max_bytes_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"text")
    with pytest.raises(UsageError):
        read(path, max_bytes=0)
    with pytest.raises(UsageError):
        list(iter_documents([path], max_bytes=-1))


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nope.txt", UnreadableDocument)
    assert "no such file" in str(error)


def test_folder_given_to_read(tmp_path: Path) -> None:
    error = error_of(tmp_path, UnreadableDocument)
    assert "folder" in str(error)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom chmod 000 changes nothing: make open()
    # itself refuse, as the operating system would.
    path = write(tmp_path / "secret.txt", b"classified")

    def denied(file: object, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(files_module, "open", denied, raising=False)
    error = error_of(path, UnreadableDocument)
    assert str(error) == f"{path}: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_by_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"classified")
    path.chmod(0)
    try:
        assert "permission denied" in str(error_of(path, UnreadableDocument))
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    # Opening a FIFO would block until a writer comes: it must be refused first.
    assert "not a regular file" in str(error_of(pipe, UnreadableDocument))


# --------------------------------------------------------------------------- HTML


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    document = read(write(tmp_path / "article.html", ARTICLE_HTML.encode()))
    assert "Bilateral trade reached about $890 million in 2024" in document.text
    assert "strategic partnership" in document.text
    for boilerplate in ("NAV-WORLD-LINK", "SCRIPT-TEXT", "ANOTHER-SCRIPT", "STYLE-TEXT", "FOOTER-COPYRIGHT"):
        assert boilerplate not in document.text
    # Paragraphs stay apart; the line break inside a paragraph's source does not.
    lines = document.text.split("\n")
    assert any(line.startswith("Bilateral trade") for line in lines)
    assert any(line.startswith("Phnom Penh, May 16") and line.endswith("joint statement.") for line in lines)
    assert document.title == "Korea and Cambodia upgrade ties"
    assert document.published == "2024-05-16"
    assert document.url == "https://news.example.com/2024/05/korea-cambodia"
    assert document.publisher == "Example News"
    assert document.language == "en"
    assert document.media_type == "text/html"
    assert document.encoding == "utf-8"
    assert document.id == "article.html"


def test_html_small_page_falls_back_to_visible_text(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>Notice</title><style>p{}</style></head><body>"
        b"<p>The embassy is closed on 1 May.</p><script>alert('SCRIPT')</script><div>Thank you.</div>"
        b"</body></html>"
    )
    document = read(write(tmp_path / "notice.htm", page))
    assert "The embassy is closed on 1 May." in document.text
    assert "Thank you." in document.text
    assert "SCRIPT" not in document.text and "p{}" not in document.text
    assert document.title == "Notice"


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html_module = importlib.import_module("bilateral.read.html")

    # Which small pages trafilatura gives up on depends on its version; make it
    # give up, as it does on a page below its minimum article size.
    monkeypatch.setattr(html_module, "_trafilatura", lambda markup, url: None)
    page = (
        b"<html lang='km'><head><title>Notice</title><script>var SCRIPT = 1;</script></head><body>"
        b"<p>The embassy is closed on 1 May.</p><script>alert('SCRIPT')</script><div>Thank <b>you</b>.</div>"
        b"</body></html>"
    )
    document = read(write(tmp_path / "notice.html", page))
    assert document.text == "The embassy is closed on 1 May.\nThank you."
    assert document.metadata["extractor"] == "visible-text"
    assert (document.title, document.language) == ("Notice", "km")


def test_html_visible_text_helper() -> None:
    import lxml.html

    from bilateral.read.html import visible_text

    root = lxml.html.document_fromstring(
        "<html><head><title>T</title><script>x=1</script></head><body><!-- hidden -->A<b>bold</b> tail"
        "<script>bad()</script> after<p>Para  one\n two</p><div>x<br>y</div><ul><li>i1</li><li>i2</li></ul>"
        "<noscript>NOSCRIPT</noscript></body></html>")
    assert visible_text(root) == "Abold tail after\nPara one two\nx\ny\ni1\ni2"


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.html", b"<html><head><script>var a = 1;</script></head><body></body></html>")
    assert "without any visible text" in str(error_of(path, EmptyDocument))


@pytest.mark.parametrize(
    ("text", "charset", "expected"),
    [
        ("Le ministre a dit « 890 millions € » — “un record”.", "windows-1252", "cp1252"),
        ("Le ministre a dit « 890 millions € » — “un record”.", "iso-8859-1", "cp1252"),
        ("한국과 캄보디아는 전략적 동반자 관계로 격상했다.", "euc-kr", "cp949"),
    ],
)
def test_html_declared_charset(tmp_path: Path, text: str, charset: str, expected: str) -> None:
    page = f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{text}</p></body></html>'
    document = read(write(tmp_path / "page.html", page.encode(expected)))
    assert text in document.text
    assert document.encoding == expected


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr">'
            "<head><title>Visite</title></head><body><p>Le ministre est arrivé à Phnom Penh.</p></body></html>")
    document = read(write(tmp_path / "page.xhtml", page.encode("latin-1")))
    assert document.text == "Le ministre est arrivé à Phnom Penh."
    assert document.language == "fr"


# --------------------------------------------------------------------------- PDF


def test_pdf_text_layer(tmp_path: Path) -> None:
    pdf = make_pdf([["Korea and Cambodia signed an MoU.", "Trade rose 12 percent."], ["Page two (in 2024)."]],
                   title="Annual Report")
    document = read(write(tmp_path / "report.pdf", pdf))
    assert document.text == "Korea and Cambodia signed an MoU.\nTrade rose 12 percent.\n\nPage two (in 2024)."
    assert document.media_type == "application/pdf"
    assert document.title == "Annual Report"
    assert document.metadata["pages"] == 2
    assert document.encoding is None


def test_pdf_recognised_by_content_whatever_the_name(tmp_path: Path) -> None:
    assert read(write(tmp_path / "report.txt", make_pdf([["Hello PDF"]]))).text == "Hello PDF"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "scan.pdf", make_pdf([[]])), EmptyDocument)
    assert "without a text layer" in str(error)


def encrypted_pdf(text: str, user_password: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([[text]])))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_encrypted(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "locked.pdf", encrypted_pdf("Secret text", "secret")), UndecodableDocument)
    assert "encrypted PDF" in str(error)


def test_pdf_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    assert read(write(tmp_path / "perm.pdf", encrypted_pdf("Permissions only", ""))).text == "Permissions only"


def test_pdf_broken(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "broken.pdf", b"%PDF-1.4\nnot really a PDF\n"), UndecodableDocument)
    assert "broken PDF" in str(error)
    error = error_of(write(tmp_path / "fake.pdf", b"just some text"), UndecodableDocument)
    assert "not a PDF" in str(error)
    assert "PNG image" in str(error_of(write(tmp_path / "image.pdf", PNG), BinaryDocument))


# --------------------------------------------------------------------------- sidecars


def test_sidecar_fills_the_document(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"The minister visited on Thursday.")
    write(tmp_path / "a.txt.meta.json", (
        b'{"published": "2024-05-16", "url": "https://example.org/a", "title": "Visit", '
        b'"publisher": "Example Times", "language": "en", "section": "world", "tags": ["kh", "kr"]}'
    ))
    document = read(path)
    assert (document.published, document.url, document.title, document.publisher, document.language) == (
        "2024-05-16", "https://example.org/a", "Visit", "Example Times", "en")
    assert document.metadata == {"section": "world", "tags": ["kh", "kr"]}


def test_sidecar_wins_over_html_markup(tmp_path: Path) -> None:
    path = write(tmp_path / "article.html", ARTICLE_HTML.encode())
    write(tmp_path / "article.html.meta.json", codecs.BOM_UTF8 + (
        b'{"published": "2024-05-17T08:00:00Z", "title": "Sidecar title", "publisher": null}'))
    document = read(path)
    assert document.published == "2024-05-17"  # a timestamp is cut to its date
    assert document.title == "Sidecar title"
    assert document.publisher == "Example News"  # null means "not known", it does not erase
    assert document.url == "https://news.example.com/2024/05/korea-cambodia"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"published": "2024-05-16",}', "not valid JSON"),
        (b"[1, 2, 3]", "must hold a JSON object, not an array"),
        (b'"just a string"', "must hold a JSON object, not a string"),
        (b'{"published": 2024}', "'published' must be a string or null, not a number"),
        (b'{"published": "16 May 2024"}', "partial ISO date"),
        (b'{"title": "\xff"}', "not UTF-8"),
    ],
)
def test_broken_sidecar_is_an_error_naming_it(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path / "a.txt", b"Some text.")
    sidecar = write(tmp_path / "a.txt.meta.json", content)
    error = error_of(path, ReadError)
    assert str(error).startswith(f"{sidecar}: ")
    assert problem in str(error)


@pytest.mark.parametrize("published", ["2024", "2024-05", "2024-05-16", "197X"])
def test_sidecar_partial_dates(tmp_path: Path, published: str) -> None:
    path = write(tmp_path / "a.txt", b"Some text.")
    write(tmp_path / "a.txt.meta.json", f'{{"published": "{published}"}}'.encode())
    assert read(path).published == published


# --------------------------------------------------------------------------- folders


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write(root / "a.txt", "Trade rose “12%”.".encode("cp1252"))
    write(root / "a.txt.meta.json", b'{"published": "2024-01-02"}')
    write(root / "b.html", ARTICLE_HTML.encode())
    write(root / "broken.txt", PNG)
    write(root / "c.pdf", make_pdf([["PDF text"]]))
    write(root / "empty.txt", b"")
    write(root / "image.png", PNG)
    write(root / "table.csv", b"a,b\n1,2\n")
    write(root / ".hidden.txt", b"hidden")
    write(root / ".git" / "notes.txt", b"hidden folder")
    write(root / "sub" / "d.md", "한국".encode("cp949"))
    write(root / "sub" / "deeper" / "e.TXT", b"upper-case extension")
    write(root / "sub" / "z.htm", b"<html><body><p>Last one.</p></body></html>")
    return root


def test_folder_walk(corpus: Path) -> None:
    results = list(iter_documents([corpus]))
    ids = [r.id if isinstance(r, Document) else r.source for r in results]
    assert ids == [
        "a.txt", "b.html", str(corpus / "broken.txt"), "c.pdf", str(corpus / "empty.txt"),
        "sub/d.md", "sub/deeper/e.TXT", "sub/z.htm",
    ]
    documents = {r.id: r for r in results if isinstance(r, Document)}
    assert documents["a.txt"].text == "Trade rose “12%”."
    assert documents["a.txt"].published == "2024-01-02"
    assert documents["a.txt"].source == os.path.join(str(corpus), "a.txt")
    assert documents["sub/d.md"].text == "한국"
    assert documents["c.pdf"].text == "PDF text"
    assert "$890 million" in documents["b.html"].text
    errors = [r for r in results if isinstance(r, ReadError)]
    assert isinstance(errors[0], BinaryDocument) and str(corpus / "broken.txt") in str(errors[0])
    assert isinstance(errors[1], EmptyDocument) and str(corpus / "empty.txt") in str(errors[1])
    # Deterministic: the same folder gives the same sequence.
    assert [getattr(r, "id", None) for r in iter_documents([corpus])] == [getattr(r, "id", None) for r in results]


def test_mixed_sources(corpus: Path, tmp_path: Path) -> None:
    explicit = write(tmp_path / "loose.dat", b"Explicit file, odd extension.")
    results = list(iter_documents([explicit, tmp_path / "missing.txt", corpus / "sub"]))
    assert isinstance(results[0], Document) and results[0].id == "loose.dat"
    assert isinstance(results[1], UnreadableDocument) and "missing.txt" in str(results[1])
    assert [r.id for r in results[2:] if isinstance(r, Document)] == ["d.md", "deeper/e.TXT", "z.htm"]


def test_single_source_not_in_a_list(corpus: Path) -> None:
    assert len(list(iter_documents(str(corpus / "sub")))) == 3


def test_broken_sidecar_in_a_folder_spoils_only_its_document(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"First.")
    write(tmp_path / "a.txt.meta.json", b"{not json")
    write(tmp_path / "b.txt", b"Second.")
    results = list(iter_documents([tmp_path]))
    assert isinstance(results[0], ReadError) and "a.txt.meta.json" in str(results[0])
    assert isinstance(results[1], Document) and results[1].text == "Second."


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_broken_link_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", b"Good.")
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    results = list(iter_documents([tmp_path]))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], UnreadableDocument) and "broken symbolic link" in str(results[1])


# --------------------------------------------------------------------------- URLs

PDF_BYTES = make_pdf([["Served PDF text."]])
Route = tuple[int, dict[str, str], bytes] | Callable[[http.server.BaseHTTPRequestHandler], None]


def _slow(handler: http.server.BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    handler.wfile.write(b"too late")


def _unbounded(handler: http.server.BaseHTTPRequestHandler) -> None:
    # No Content-Length: only the streaming limit can stop this one.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    try:
        for _ in range(64):
            handler.wfile.write(b"x" * 1024)
    except OSError:
        pass


ROUTES: dict[str, Route] = {
    "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode()),
    "/page-no-canonical": (200, {"Content-Type": "text/html"}, b"<html><body><p>Short page.</p></body></html>"),
    "/korean.txt": (200, {"Content-Type": "text/plain; charset=euc-kr"}, KOREAN.encode("cp949")),
    "/western.txt": (200, {"Content-Type": "text/plain"}, WESTERN.encode("cp1252")),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, PDF_BYTES),
    "/download?id=7": (200, {"Content-Type": "text/html"}, PDF_BYTES),
    "/image.png": (200, {"Content-Type": "image/png"}, PNG),
    "/untyped": (200, {}, b"no content type"),
    "/empty.txt": (200, {"Content-Type": "text/plain"}, b""),
    "/gzip.txt": (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, gzip.compress(b"zipped text")),
    "/missing": (404, {"Content-Type": "text/plain"}, b"not here"),
    "/redirect": (302, {"Location": "/article.html"}, b""),
    "/redirect-twice": (301, {"Location": "/redirect"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/to-private": (302, {"Location": "http://10.0.0.1/internal"}, b""),
    "/to-ftp": (302, {"Location": "ftp://example.com/file.txt"}, b""),
    "/big-declared": (200, {"Content-Type": "text/plain", "Content-Length": str(10**9)}, b""),
    "/big": _unbounded,
    "/slow": _slow,
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_html(server: str) -> None:
    url = f"{server}/article.html"
    document = read(url, allow_private=True)
    assert document.id == url and document.source == url
    assert "$890 million" in document.text and "NAV-WORLD-LINK" not in document.text
    assert document.url == "https://news.example.com/2024/05/korea-cambodia"
    assert document.published == "2024-05-16"
    assert document.media_type == "text/html"


def test_url_without_canonical_keeps_the_final_url(server: str) -> None:
    document = read(f"{server}/page-no-canonical", allow_private=True)
    assert document.text == "Short page."
    assert document.url == f"{server}/page-no-canonical"
    assert document.publisher is None  # not the host name dressed up as a site name


def test_url_plain_text_charsets(server: str) -> None:
    korean = read(f"{server}/korean.txt", allow_private=True)
    assert (korean.text, korean.encoding) == (KOREAN, "cp949")
    western = read(f"{server}/western.txt", allow_private=True)
    assert (western.text, western.encoding) == (WESTERN, "cp1252")
    assert read(f"{server}/gzip.txt", allow_private=True).text == "zipped text"


def test_url_pdf(server: str) -> None:
    document = read(f"{server}/report.pdf", allow_private=True)
    assert document.text == "Served PDF text."
    assert document.media_type == "application/pdf"
    # Mislabelled by the server: the PDF header decides.
    assert read(f"{server}/download?id=7", allow_private=True).text == "Served PDF text."


def test_url_redirects_are_followed(server: str) -> None:
    document = read(f"{server}/redirect-twice", allow_private=True)
    assert document.id == f"{server}/redirect-twice"
    assert document.metadata["final_url"] == f"{server}/article.html"
    body, content_type, final_url = fetch(f"{server}/redirect", allow_private=True)
    assert b"$890 million" in body and content_type.startswith("text/html") and final_url.endswith("/article.html")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/image.png", "content type image/png"),
        ("/untyped", "no Content-Type"),
        ("/missing", "HTTP 404"),
        ("/loop", "too many redirects"),
        ("/big-declared", "over the limit"),
        ("/to-ftp", "only http and https"),
    ],
)
def test_url_failures(server: str, path: str, problem: str) -> None:
    url = f"{server}{path}"
    error = error_of(url, FetchError, allow_private=True)
    assert str(error).startswith(f"{url}: ")
    assert problem in str(error)


def test_url_size_limit_while_streaming(server: str) -> None:
    with pytest.raises(FetchError, match="larger than the limit of 10,000 bytes"):
        fetch(f"{server}/big", allow_private=True, max_bytes=10_000)
    assert len(fetch(f"{server}/big", allow_private=True)[0]) == 64 * 1024


def test_url_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server}/slow", allow_private=True, timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_url_empty_body(server: str) -> None:
    assert isinstance(error_of(f"{server}/empty.txt", EmptyDocument, allow_private=True), EmptyDocument)


def test_url_in_iter_documents(server: str) -> None:
    results = list(iter_documents([f"{server}/article.html", f"{server}/image.png"], allow_private=True))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], FetchError)


# --------------------------------------------------------------------------- the fetch guard


def test_guard_refuses_the_local_server_without_allow_private(server: str, no_connections: list) -> None:
    error = error_of(f"{server}/article.html", FetchError)
    assert "127.0.0.1 is a loopback address" in str(error)
    assert "allow_private=True" in str(error)
    assert no_connections == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1:8080/admin", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://127.0.0.1/", "loopback"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
        ("http://169.254.1.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd12:3456::1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "not a public address"),
        ("https://[2002:a00:1::]/", "private"),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_guard_refuses_private_addresses_before_connecting(url: str, reason: str, no_connections: list) -> None:
    error = error_of(url, FetchError)
    assert reason in str(error)
    assert str(error).startswith(f"{url}: refused")
    assert no_connections == []


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/"])
def test_guard_refuses_metadata_even_with_allow_private(url: str, no_connections: list) -> None:
    assert "cloud metadata" in str(error_of(url, FetchError, allow_private=True))
    assert no_connections == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/file.txt", "gopher://example.com/", "data://text/plain,hi"]
)
def test_guard_refuses_other_schemes(url: str, no_connections: list) -> None:
    error = error_of(url, FetchError)
    assert "only http and https" in str(error)
    with pytest.raises(FetchError):
        fetch(url)
    assert no_connections == []


def test_guard_refuses_credentials_in_urls(no_connections: list) -> None:
    assert "user name or password" in str(error_of("http://user:pw@example.com/", FetchError))


def test_guard_checks_every_resolved_address(monkeypatch: pytest.MonkeyPatch, no_connections: list) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host == "mixed.example.com":
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80)),
            ]
        return real_getaddrinfo(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    error = error_of("http://mixed.example.com/page", FetchError)
    assert "mixed.example.com resolves to 10.1.2.3, a private address" in str(error)
    assert no_connections == []


def test_guard_rechecks_redirects(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend 127.0.0.1 is a public address, so the local server stands in for
    # an allowed site whose redirect points into the private network.
    real_refusal = fetch_module.address_refusal
    local = ipaddress.ip_address("127.0.0.1")

    def lenient(address: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_private: bool = False) -> str | None:
        return None if address == local else real_refusal(address, allow_private=allow_private)

    monkeypatch.setattr(fetch_module, "address_refusal", lenient)
    real_connect = socket.create_connection
    attempts: list[tuple[str, int]] = []

    def recording_connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address)
        return real_connect(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", recording_connect)
    assert read(f"{server}/article.html").id.endswith("/article.html")
    attempts.clear()
    error = error_of(f"{server}/to-private", FetchError)
    assert "redirect to http://10.0.0.1/internal: refused: 10.0.0.1 is a private address" in str(error)
    assert [host for host, _port in attempts] == ["127.0.0.1"]


def test_guard_rechecks_redirects_with_allow_private(server: str) -> None:
    # allow_private lets the local server through but not the metadata service
    # it redirects to: no connection to 169.254.169.254 is ever attempted.
    error = error_of(f"{server}/to-metadata", FetchError, allow_private=True)
    assert "redirect to http://169.254.169.254/latest/meta-data/: refused" in str(error)
    assert "cloud metadata" in str(error)


def test_address_refusal_allows_public_addresses() -> None:
    for public in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"):
        assert fetch_module.address_refusal(ipaddress.ip_address(public)) is None


# --------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), bom=st.booleans(), crlf=st.booleans())
def test_utf8_reads_back_as_universal_newline_text(text: str, bom: bool, crlf: bool) -> None:
    assume("\x00" not in text)
    assume(not text.lstrip().startswith("%PDF-"))
    if crlf:
        text = text.replace("\n", "\r\n")
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        expected = path.read_text(encoding="utf-8-sig")
        if not expected.strip():
            with pytest.raises(EmptyDocument):
                read(path)
            return
        document = read(path)
    assert document.text == expected
    # Without our BOM, a text that itself starts with U+FEFF looks just like one.
    unmarked = text if bom else text.removeprefix("\ufeff")
    assert document.text == unmarked.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1), little_endian=st.booleans())
def test_utf16_with_bom_reads_back(text: str, little_endian: bool) -> None:
    # BOM + U+0000 in UTF-16-LE is byte for byte the UTF-32-LE BOM; NUL is no text anyway.
    assume("\x00" not in text)
    encoding = "utf-16-le" if little_endian else "utf-16-be"
    data = (codecs.BOM_UTF16_LE if little_endian else codecs.BOM_UTF16_BE) + text.encode(encoding)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        expected = path.read_text(encoding="utf-16")
        if not expected.strip():
            with pytest.raises(EmptyDocument):
                read(path)
            return
        assert read(path).text == expected


def test_package_is_callable_as_read(tmp_path: Path) -> None:
    # bilateral.read is both the package and, in the top-level API, the function.
    import bilateral.read as package

    path = write(tmp_path / "a.txt", b"Called through the package.")
    assert package(path).text == "Called through the package."
    assert package(path, doc_id="x").id == "x"
