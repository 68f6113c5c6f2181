"""The web UI in a real headless Chromium (Debian's package, driven by Playwright), against
``bilateral serve`` running as a user runs it."""

from __future__ import annotations

import re

import pytest

from tests.serve_support import CHROMIUM_ARGS, HOSTILE_NAME, Server, build_store, require_chromium

pytest.importorskip("playwright")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    server = Server(build_store(str(tmp / "web.db"), tmp))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors (a CSP refusal is one) and dialogs: none may happen
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append("dialog: " + d.message), d.dismiss()))
    yield page
    context.close()


def test_pair_page_headline_figures_and_charts(server, page):
    page.goto(f"{server.url}/")
    page.get_by_role("link", name=re.compile("Cambodia – South Korea")).click()
    assert page.url.endswith("/pairs/KH-KR")
    cards = page.locator("article.card.figure")
    assert cards.count() >= 4
    trade = page.locator("#figure-trade-total")
    assert re.search(r"\$[\d.,]+ (million|billion)", trade.locator(".big").inner_text())
    assert re.search(r"\d+ sources?", trade.inner_text())
    chart = page.locator("figure.chart[data-indicator='trade.total'] svg.bilateral-chart")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    assert page.locator("ol.timeline li.event").count() >= 10
    assert page.locator("ul.conflicts li.conflict").count() >= 1
    assert page.problems == []


def test_chart_point_shows_its_sentence_on_hover_and_focus(server, page):
    page.goto(f"{server.url}/pairs/KH-KR")
    figure = page.locator("figure.chart[data-indicator='trade.total']")
    report = figure.locator(".report").first
    tip = figure.locator(".tip")
    report.scroll_into_view_if_needed()
    report.hover()
    assert tip.is_visible()
    sentence = tip.locator(".sentence-text").inner_text()
    assert len(sentence) > 20 and tip.locator(".src").inner_text()
    page.mouse.move(0, 0)
    assert tip.is_hidden()
    # Keyboard: Tab reaches the points; focus shows the same tooltip; Enter opens the document.
    other = figure.locator(".report").nth(1)
    other.focus()
    assert tip.is_visible() and tip.locator(".sentence-text").inner_text()
    quoted = tip.locator(".sentence-text").inner_text().strip("“”")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/documents/\d+\?r=\d+#ev-\d+"))
    current = page.locator("a.ev.current")
    assert current.count() >= 1 and quoted[:40] in " ".join(current.all_inner_texts())
    assert page.problems == []


def test_open_a_document_from_the_timeline(server, page):
    page.goto(f"{server.url}/pairs/KH-KR")
    item = page.locator("ol.timeline li.event").nth(3)
    sentence = item.locator(".sentence").inner_text()
    item.locator("a.doc").click()
    page.wait_for_url(re.compile(r"/documents/\d+\?r=\d+#ev-\d+"))
    highlighted = page.locator("a.ev.current")
    assert highlighted.first.is_visible()
    text = " ".join(highlighted.all_inner_texts())
    assert text[:30] in sentence
    # The span is highlighted: it has a background of its own.
    colour = highlighted.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    # Every span is a link to its record in the list beside the text.
    first = page.locator("a.ev").first
    first.click()
    assert page.locator("aside.records li:target").count() == 1
    assert page.problems == []


def test_search_with_paging(server, page):
    page.goto(f"{server.url}/pairs/KH-KR")
    page.get_by_role("searchbox", name="Search documents and sentences").fill("trade")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=trade"))
    marks = page.locator("ol.hits mark")
    assert marks.count() >= 10 and marks.first.inner_text().lower() == "trade"
    first_titles = page.locator("ol.hits a.title").all_inner_texts()
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("ol.hits a.title").all_inner_texts() != first_titles
    page.locator("ol.hits a.title").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    assert page.locator(".doc-text .text").inner_text()
    assert page.problems == []


def test_document_markup_is_shown_and_never_run(server, page):
    page.goto(f"{server.url}/search?q=pwned")
    page.locator("ol.hits a.title").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    text = page.locator(".doc-text .text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "<b onmouseover" in page.locator("h1").inner_text()
    page.locator("h1").hover()
    page.locator("a.ev").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".doc-text img").count() == 0 and page.locator(".doc-text script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("Array.from(document.scripts).map(s => new URL(s.src).pathname)") == ["/static/app.js"]
    assert page.problems == []
    assert HOSTILE_NAME in page.locator("dl.meta").inner_text()


def test_reading_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}/pairs/KH-KR")
    assert page.locator("article.card.figure").count() >= 4
    assert page.locator("svg.bilateral-chart").count() >= 3
    # The chart's figures are a table too, and the sentence of each point is its SVG title.
    assert page.locator("figure.chart details.points tr").count() > 5
    assert page.locator("svg.bilateral-chart .report title").count() > 5
    page.locator("ol.timeline a.doc").first.click()
    assert page.locator("a.ev.current").count() >= 1
    page.goto(f"{server.url}/search?q=embassy")
    assert page.locator("ol.hits li").count() >= 1
    context.close()


def test_readable_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    for path in ("/", "/pairs/KH-KR", "/search?q=trade", "/api"):
        page.goto(server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is wider than the phone by {overflow}px"
    page.goto(f"{server.url}/pairs/KH-KR")
    size = page.locator("article.card.figure .big").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 20
    context.close()


KHMER_DOC = "km_02_customs_trade_2023.txt"
KOREAN_DOC = "ko_05_customs_trade_2023.txt"


@pytest.fixture(scope="module")
def lang_server(tmp_path_factory):
    """A store of one Korean and one Khmer sample document."""
    import shutil

    from bilateral.ingest import ingest
    from tests.helpers import EXAMPLES

    tmp = tmp_path_factory.mktemp("lang")
    folder = tmp / "docs"
    folder.mkdir()
    for lang, name in (("km", KHMER_DOC), ("ko", KOREAN_DOC)):
        for suffix in ("", ".meta.json"):
            shutil.copy(EXAMPLES / lang / (name + suffix), folder / (name + suffix))
    ingest([folder], str(tmp / "lang.db"), workers=1)
    server = Server(str(tmp / "lang.db"))
    yield server
    server.stop()


def _rendering_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium drew the text directly inside ``selector`` with (DevTools protocol):
    ``familyName``, ``isCustomFont`` (a web font), ``glyphCount``."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def _khmer_face_status(page) -> str:
    page.evaluate("document.fonts.ready")
    return page.evaluate("""[...document.fonts].filter(f => f.family.replace(/"/g, '') === 'bilateral Khmer')
                              .map(f => f.status).join(',')""")


def test_khmer_text_is_drawn_with_the_font_the_app_ships(lang_server, page):
    fetched = []
    page.on("response", lambda r: r.url.endswith(".woff2") and fetched.append((r.url, r.status)))
    page.goto(f"{lang_server.url}/documents/{KHMER_DOC}")
    text = page.locator(".doc-text .text")
    assert text.get_attribute("lang") == "km"
    assert _khmer_face_status(page) == "loaded"
    assert page.evaluate("document.fonts.check('16px \"bilateral Khmer\"', 'កម្ពុជា')")
    # Served by the app itself (the CSP allows fonts from 'self' only).
    assert [(u.split("?")[0].rsplit("/", 1)[-1], s) for u, s in fetched] == [("noto-sans-khmer-5.3.0.woff2", 200)]
    assert all(u.startswith(lang_server.url) for u, _ in fetched)
    fonts = _rendering_fonts(page, ".doc-text .text")
    shipped = [f for f in fonts if f["isCustomFont"]]
    assert [f["familyName"] for f in shipped] == ["Noto Sans Khmer"], fonts
    # Most of the glyphs are Khmer, drawn by the shipped font; the rest (digits, Latin) by the others.
    assert shipped[0]["glyphCount"] > sum(f["glyphCount"] for f in fonts) / 2, fonts
    # A Khmer sentence on the search page is marked as Khmer and takes the same font.
    page.goto(f"{lang_server.url}/search?q=កម្ពុជា")
    sentence = "ol.hits li p span[lang=km]"
    assert page.locator(sentence).count() >= 1
    assert any(f["isCustomFont"] and f["familyName"] == "Noto Sans Khmer" for f in _rendering_fonts(page, sentence))
    assert page.problems == []


def test_korean_text_is_drawn_with_a_korean_font_and_no_khmer_download(lang_server, page):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{lang_server.url}/documents/{KOREAN_DOC}")
    assert page.locator(".doc-text .text").get_attribute("lang") == "ko"
    fonts = _rendering_fonts(page, ".doc-text .text")
    hangul = [f for f in fonts if re.search(r"KR|CJK|Korea|Gothic|Myungjo|Batang|Nanum|Han Sans K", f["familyName"])]
    assert hangul and hangul[0]["glyphCount"] > sum(f["glyphCount"] for f in fonts) / 2, fonts
    assert not any(f["isCustomFont"] for f in fonts), fonts
    # No Khmer letter on the page: the Khmer font is never fetched (unicode-range).
    assert _khmer_face_status(page) == "unloaded"
    assert not any(u.endswith(".woff2") or ".woff2?" in u for u in fetched)
    assert page.problems == []


def test_the_brief_page_uses_the_same_fonts(lang_server, page):
    page.goto(f"{lang_server.url}/pairs/KH-KR/brief")
    khmer, korean = "p.note[lang=km]", "p.note[lang=ko]"
    assert page.locator(khmer).count() >= 1 and page.locator(korean).count() >= 1
    assert _khmer_face_status(page) == "loaded"
    assert any(f["isCustomFont"] and f["familyName"] == "Noto Sans Khmer" for f in _rendering_fonts(page, khmer))
    assert any(re.search(r"KR|CJK|Gothic|Nanum|Han Sans K", f["familyName"]) for f in _rendering_fonts(page, korean))
    # (The brief, a standalone page, links no icon: Chromium's guess at /favicon.ico is a 404.)
    assert not [p for p in page.problems if "Content Security Policy" in p or "font" in p.lower()]
