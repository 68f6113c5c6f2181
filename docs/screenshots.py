"""Screenshots of the web UI for the README, taken in headless Chromium from a store of the sample corpus.

    .venv/bin/python docs/screenshots.py          # writes docs/screenshots/*.png

Uses the same server and browser set-up as the end-to-end tests
(``tests/serve_support.py``): ``bilateral serve`` in a child process and
Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bilateral.ingest import ingest  # noqa: E402
from tests.serve_support import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        corpus = [p for p in sorted((ROOT / "examples").iterdir()) if p.is_dir() and p.name != "gold"]
        ingest(corpus, db, workers=2)
        server = Server(db)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                laptop = browser.new_page(viewport={"width": 1280, "height": 860})
                laptop.goto(f"{server.url}/pairs/KH-KR")
                laptop.screenshot(path=OUT / "pair.png")
                chart = laptop.locator("figure.chart[data-indicator='trade.total']")
                chart.scroll_into_view_if_needed()
                laptop.evaluate("window.scrollBy(0, -120)")
                chart.locator(".report").nth(6).hover()
                laptop.screenshot(path=OUT / "chart.png")
                laptop.locator("#timeline-h").scroll_into_view_if_needed()
                laptop.screenshot(path=OUT / "timeline.png")
                laptop.locator("ol.timeline li.event a.doc").nth(2).click()
                laptop.wait_for_load_state()
                laptop.screenshot(path=OUT / "document.png")
                laptop.goto(f"{server.url}/search?q=trade+garments")
                laptop.screenshot(path=OUT / "search.png")
                # Khmer in the font the app serves; "2023" also finds "២០២៣".
                laptop.goto(f"{server.url}/documents/km_02_customs_trade_2023.txt")
                laptop.evaluate("document.fonts.ready")
                laptop.screenshot(path=OUT / "document-km.png")
                laptop.goto(f"{server.url}/search?q=2023+កូរ៉េ")
                laptop.evaluate("document.fonts.ready")
                laptop.screenshot(path=OUT / "search-km.png")
                phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                         is_mobile=True, has_touch=True)
                phone.goto(f"{server.url}/pairs/KH-KR")
                phone.screenshot(path=OUT / "phone.png")
                browser.close()
        finally:
            server.stop()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT), f"{path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
