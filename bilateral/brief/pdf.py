"""The brief as PDF: its HTML typeset by WeasyPrint (real pages, page numbers, vector charts).

Fonts come from the system through fontconfig: the Debian packages fonts-noto-core,
fonts-khmeros and fonts-noto-cjk (installed by ``.ci/run``) cover Latin, Khmer and
Hangul. WeasyPrint's text layer maps each glyph to one piece of text, first come first
served, which garbles scripts that shape one character into several shared glyphs:
Khmer comes out of ``pdftotext`` with letters swapped (WeasyPrint issue #2841). Lines
holding such scripts are therefore wrapped in a marked-content span whose
``/ActualText`` is the line's own text, which PDF readers and extractors prefer.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, NoReturn

# Scripts whose shaping reorders characters or shares glyphs between them: Hebrew and Arabic
# to Tibetan, Myanmar, Khmer and Mongolian (U+0590..U+1CFF), and the Indic and South-East
# Asian extensions (U+A800..U+AB2F). Latin, Hangul and CJK map glyph for character.
_COMPLEX = ((0x0590, 0x1D00), (0xA800, 0xAB30))


def needs_actual_text(text: str) -> bool:
    return any(low <= ord(c) < high for c in text for low, high in _COMPLEX)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The brief is self-contained: nothing, least of all a URL quoted from a document, is fetched.
    raise ValueError(f"the brief fetches nothing: {url}")


@functools.cache
def _weasyprint() -> Any:
    import pydyf
    import weasyprint
    import weasyprint.draw.text as draw_text

    # WeasyPrint logs every CSS property it does not support; the brief's screen-only rules are known.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    draw_first_line = draw_text.draw_first_line

    @functools.wraps(draw_first_line)
    def with_actual_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        if not needs_actual_text(textbox.text):
            return draw_first_line(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return draw_first_line(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    draw_text.draw_first_line = with_actual_text
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """Typeset a self-contained HTML page as PDF bytes."""
    return _weasyprint().HTML(string=html, url_fetcher=_no_fetch).write_pdf()
