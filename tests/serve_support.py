"""What the web tests share: a store of the sample corpus plus a hostile document, and the browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilateral.ingest import ingest
from tests.helpers import EXAMPLES

# Our own sentence, with markup that must show as text and never run.
HOSTILE_NAME = "hostile_note.txt"
HOSTILE = (
    "PHNOM PENH, 3 March 2020 - Two-way trade between Cambodia and South Korea reached US$ 1.2 billion in 2019 "
    "<script>window.__pwned = 1</script>, the ministry said.\n\n"
    'A caption read <img src=x onerror="window.__pwned = 2"> and nothing more.\n'
)
HOSTILE_META = '{"published": "2020-03-03", "title": "Trade note <b onmouseover=\\"window.__pwned = 3\\">bold</b>", ' \
    '"url": "javascript:window.__pwned = 4"}'

CHROMIUM = os.environ.get("BILATERAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_store(db: str, tmp: Path) -> str:
    """The sample corpus and the hostile document, ingested (and reconciled) into ``db``."""
    extra = tmp / "extra"
    extra.mkdir(exist_ok=True)
    (extra / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (extra / (HOSTILE_NAME + ".meta.json")).write_text(HOSTILE_META, encoding="utf-8")
    report = ingest([EXAMPLES / "en", extra], db, workers=2)
    assert not report.skipped and report.added > 30
    return db


def require_chromium() -> str:
    """The Chromium to drive; skips without one, unless CI asks for it (BILATERAL_REQUIRE_BROWSER=1)."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.environ.get("BILATERAL_REQUIRE_BROWSER"):
        pytest.fail(f"BILATERAL_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``bilateral serve`` in a child process, as a user runs it."""

    def __init__(self, db: str, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bilateral.cli", "serve", "--db", db, "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"bilateral serve exited: {self.process.stdout.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("bilateral serve did not start in 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
