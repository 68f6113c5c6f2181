"""HTML to the article's main text and its metadata (title, date, canonical URL, site)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document as ExtractedPage
from trafilatura.settings import use_config

from bilateral.errors import EmptyDocument
from bilateral.read.text import codec_name, decode_bytes, normalize_newlines

# trafilatura and htmldate log expected failures ("empty HTML tree") at ERROR
# level; with no handler configured Python would print them on stderr. A
# NullHandler keeps them quiet without hiding them from an application that
# configures logging.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Our own size limit applies before this point; trafilatura's default (20 MB,
# below our 20 MiB default) must not silently drop a page we accepted.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MAX_FILE_SIZE", str(2**40))

# Dates only from the markup (meta tags, <time>, JSON-LD, the URL), not a scan
# of the body text: "published" anchors relative dates ("last year"), and a
# year quoted in the article is worse than no date at all.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)

# Never visible: their text is code, styling or metadata.
_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe",
    "object", "embed", "canvas", "select", "datalist",
})
# Elements that start a new line of visible text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul", "body", "html",
})
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class HtmlContent:
    """What a page says: its main text and the metadata its markup carries."""

    text: str
    encoding: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    extractor: str = "trafilatura"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XHTML page declares in its first bytes, if any."""
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def read_html(data: bytes, source: str, *, url: str | None = None, charset: str | None = None) -> HtmlContent:
    """Decode an HTML page and extract its main text and metadata.

    ``charset`` is the transport's (HTTP header) declaration; the page's own
    ``<meta charset>`` is used when there is none. ``url`` is where the page
    was fetched from, the fallback for its canonical URL. Raises
    ``EmptyDocument`` if the page has no visible text at all.
    """
    declared = charset if charset and codec_name(charset) else declared_charset(data)
    decoded = decode_bytes(data, source, declared=declared)
    markup = decoded.text
    if not markup.strip():
        raise EmptyDocument(source, "empty HTML page (only whitespace)")

    tree = _parse(markup)
    content = HtmlContent(text="", encoding=decoded.encoding)
    extracted = _trafilatura(markup, url)
    if extracted is not None:
        content.text = _tidy(extracted.text or "")
        content.title = _text_or_none(extracted.title)
        content.published = _text_or_none(extracted.date)
        content.url = _text_or_none(extracted.url)
        content.publisher = _publisher(extracted.sitename, url)
    if not content.text and tree is not None:
        # Small pages (a notice, a press-release stub) often fall below
        # trafilatura's minimum article size; their visible text is the content.
        content.text = visible_text(tree)
        content.extractor = "visible-text"
    if tree is not None:
        content.title = content.title or _text_or_none(tree.findtext(".//title"))
        # The HTML parser keeps XHTML's "xml:lang" as a plain attribute name.
        content.language = _text_or_none(tree.get("lang") or tree.get("xml:lang"))
    if not content.url and url:
        content.url = url
    if not content.text.strip():
        raise EmptyDocument(source, "HTML page without any visible text")
    return content


def visible_text(root: lxml.html.HtmlElement) -> str:
    """The text a browser would show, one line per block, scripts and styles left out."""
    pieces: list[str] = []
    hidden_depth = 0
    # Comments and processing instructions come as single events, not start/end
    # pairs; only their tail is text.
    for event, element in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            if not hidden_depth and element.tail:
                pieces.append(_SPACES.sub(" ", element.tail))
            continue
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if name in _INVISIBLE:
                hidden_depth += 1
            elif not hidden_depth:
                if name in _BLOCKS:
                    pieces.append("\n")
                if element.text:
                    pieces.append(_SPACES.sub(" ", element.text))
            continue
        if name in _INVISIBLE:
            hidden_depth -= 1
        elif not hidden_depth and name in _BLOCKS:
            pieces.append("\n")
        # The tail follows the element, so it is visible even when the element
        # itself (a <script>) is not. Source newlines inside text are just
        # spaces to a browser; only block boundaries start a new line.
        if not hidden_depth and element.tail:
            pieces.append(_SPACES.sub(" ", element.tail))
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura(markup: str, url: str | None) -> ExtractedPage | None:
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS, config=_CONFIG,
        )
    except Exception:
        # A parser bug on one odd page must not stop a whole batch: the caller
        # falls back to the page's visible text.
        return None
    return result if isinstance(result, ExtractedPage) else None


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(markup)
    except ValueError:
        # lxml refuses a str that carries an XML encoding declaration; the
        # text is already decoded, so hand it over as UTF-8 bytes.
        try:
            return lxml.html.document_fromstring(
                markup.encode("utf-8", "surrogatepass"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        except (ValueError, lxml.etree.ParserError):
            return None
    except lxml.etree.ParserError:
        return None


def _tidy(text: str) -> str:
    # trafilatura separates paragraphs with "\n" already; make sure no "\r"
    # survives (offsets index this text) and drop blank edges.
    return normalize_newlines(text).strip()


def _text_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _publisher(sitename: str | None, url: str | None) -> str | None:
    """The site name from the markup; trafilatura's host-name fallback is not one."""
    name = _text_or_none(sitename)
    if name and url:
        parts = urlsplit(url)
        hosts = {(parts.hostname or "").lower(), parts.netloc.lower()}
        hosts |= {host.removeprefix("www.") for host in hosts}
        lowered = name.lower()
        if lowered in hosts or any(host.endswith("." + lowered) for host in hosts):
            return None
    return name
