"""RSS and Atom feeds: a fetched URL that turns out to be a feed names the documents to read.

feedparser does the parsing. Each entry becomes a ``ReadTask`` for its link
(resolved against the feed's URL), carrying the entry's title and date for
pages that do not state them. Entry links go through the same fetcher, so
the address guard applies to every one of them.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin

from bilateral.errors import FetchError
from bilateral.model import Document
from bilateral.read.document import from_response
from bilateral.read.fetch import ALLOWED_CONTENT_TYPES, fetch, parse_content_type
from bilateral.read.limits import DEFAULT_MAX_BYTES

FEED_CONTENT_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})


def looks_like_feed(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return any(mark in head for mark in (b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(body: bytes, url: str) -> list[tuple[str, dict[str, str]]]:
    """The entries of a feed: (link, {"title": ..., "published": ...}) in feed order."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise FetchError(url, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        meta = {}
        if entry.get("title"):
            meta["title"] = entry["title"]
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            meta["published"] = time.strftime("%Y-%m-%d", stamp)
        entries.append((urljoin(url, link), meta))
    return entries


def read_url_or_feed(url: str, *, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES,
                     allow_private: bool = False) -> Document | list[tuple[str, dict[str, str]]]:
    """Fetch ``url``: a page becomes a ``Document``, a feed the list of its entries."""
    body, content_type, final_url = fetch(url, allow_private=allow_private, max_bytes=max_bytes,
                                          accept=ALLOWED_CONTENT_TYPES | FEED_CONTENT_TYPES)
    media_type, _ = parse_content_type(content_type)
    if media_type in FEED_CONTENT_TYPES or (media_type == "text/plain" and looks_like_feed(body)):
        return parse_feed(body, final_url)
    return from_response(url, body, content_type, final_url, doc_id=doc_id)
