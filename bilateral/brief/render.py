"""A ``Brief`` laid out as HTML (one self-contained page, also the PDF's source) or Markdown."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import jinja2

from bilateral import format as fmt
from bilateral.brief.content import Brief

PAGE_SIZES = {"a4": "A4", "letter": "Letter"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: object) -> str:
    """Text that Markdown shows as written: its markup characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@cache
def _environment(markdown: bool = False) -> jinja2.Environment:
    # Markdown is line-based: its template keeps the newline after a block tag; HTML does not care.
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bilateral.brief", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined, trim_blocks=not markdown, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    env.filters["cell"] = _md  # table cells: "|" is escaped like the rest
    env.globals["lang_attr"] = fmt.lang_attr
    return env


def stylesheet() -> str:
    """The brief's CSS (screen and print), for a page that links it instead of inlining it."""
    return files("bilateral.brief").joinpath("templates/brief.css").read_text(encoding="utf-8")


def page_size(name: str) -> str:
    try:
        return PAGE_SIZES[name.lower()]
    except KeyError:
        from bilateral.errors import UsageError

        raise UsageError(f"page size {name!r}: use one of {', '.join(PAGE_SIZES.values())}") from None


def to_html(brief: Brief, *, size: str | None = "A4", css_href: str | None = None) -> str:
    """The brief as one HTML page: styles inline (or linked from ``css_href``), charts as inline SVG."""
    return _environment().get_template("brief.html").render(
        b=brief, css=stylesheet(), css_href=css_href, page_size=page_size(size) if size else None)


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown with footnotes (``[^n]``); charts are given as tables of their values."""
    text = _environment(markdown=True).get_template("brief.md").render(b=brief)
    return re.sub(r"\n{3,}", "\n\n", text)
