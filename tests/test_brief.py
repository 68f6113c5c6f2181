"""Briefs: the sample corpus's fact sheet in HTML, Markdown and PDF, every figure and event cited.

The PDF checks read the PDF with Debian's poppler-utils (pdftotext, pdfinfo, pdffonts,
pdfimages, pdftoppm), which ``.ci/run`` installs; without them (or without WeasyPrint's
pango) the PDF tests skip, unless BILATERAL_REQUIRE_PDF=1 (set by ``.ci/run``) makes that
a failure.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral import brief, query
from bilateral import format as fmt
from bilateral.brief.content import CHRONOLOGY_LIMIT, value_text
from bilateral.cli import main
from bilateral.ingest import ingest
from bilateral.model import Claim, Document, Event, Evidence, Period
from bilateral.reconcile import reconcile
from bilateral.store import open_store
from tests.helpers import EXAMPLES
from tests.texts import AID, ASSOCIATION, CUSTOMS, HOSTILE, KHMER, KOREAN, ROUNDED, TYPO, write_docs

PAIR = "KH-KR"
POPPLER = ("pdftotext", "pdfinfo", "pdffonts", "pdfimages", "pdftoppm")


def _pdf_tools() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    try:
        import weasyprint  # noqa: F401 - needs Debian's pango at import
    except OSError as e:
        missing.append(f"weasyprint ({e})")
    if missing:
        if os.environ.get("BILATERAL_REQUIRE_PDF"):
            pytest.fail(f"BILATERAL_REQUIRE_PDF is set but these are missing: {', '.join(missing)}")
        pytest.skip(f"no PDF tools: {', '.join(missing)} (.ci/run installs poppler-utils and pango)")


def _run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    assert "error" not in done.stderr.lower(), done.stderr
    return done.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _bare(text: str) -> str:
    """Text without spaces or hyphens: pdftotext joins "duty-" and "free" at a line end as "dutyfree"."""
    return "".join(text.split()).replace("-", "")


def _page_text(page: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return _flat(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def _notes_in_html(page: str) -> dict[int, str]:
    """Each note's text with the document it is listed under: note number -> "document ... quote"."""
    out = {}
    for block in page.split('<div class="source">')[1:]:
        document = _page_text(block.split('<p class="doc">', 1)[1].split("</p>", 1)[0])
        for n, body in re.findall(r'<p class="note" id="note-(\d+)">(.*?)</p>', block, re.S):
            out[int(n)] = f"{document} {_page_text(body)}"
    return out


def _refs(page: str) -> set[int]:
    return {int(n) for sup in re.findall(r'<sup class="ref">(.*?)</sup>', page) for n in re.findall(r">(\d+)<", sup)}


def _pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", pdf)).group(1))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample corpus's store and its brief in every format."""
    folder = tmp_path_factory.mktemp("brief")
    db = folder / "sample.db"
    ingest([EXAMPLES / "en"], db, workers=1)
    store = open_store(db)
    b = brief.gather(store, PAIR)
    yield {"store": store, "brief": b, "html": brief.to_html(b), "md": brief.to_markdown(b), "folder": folder}
    store.close()


@pytest.fixture(scope="module")
def sample_pdf(sample):
    _pdf_tools()
    path = sample["folder"] / "brief.pdf"
    path.write_bytes(brief.to_pdf(sample["brief"]))
    return path, _flat(_run("pdftotext", "-enc", "UTF-8", path, "-"))


def _gold(kind: str) -> list[dict]:
    rows = []
    for path in sorted((EXAMPLES / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line) if line.strip() else {}
            if (r.get("event") or r.get("indicator")) == kind and {r.get("from"), r.get("to")} == {"KH", "KR"}:
                rows.append(r)
    return rows


def test_headline_figures_with_period_and_citation(sample):
    b, page = sample["brief"], sample["html"]
    figures = query.key_figures(sample["store"], PAIR)
    assert figures and len(b.glance) == len(figures)
    counts = next(p for p in query.pairs(sample["store"]) if p["pair"] == PAIR)
    assert f"The record holds {counts['documents']:,} documents on this pair" in _page_text(page)
    notes = _notes_in_html(page)
    for f, shown in zip(figures, b.glance, strict=True):
        assert shown.value == value_text(f, f["unit"]) and shown.period == fmt.period(**f["period"])
        row = _page_text(page.split(f">{shown.label}</th>", 1)[1].split("</tr>", 1)[0])
        assert shown.value in row and shown.period in row
        # The first note of the figure is its best report: its sentence, quoted, and its document named.
        best = f["sources"][0]
        assert shown.notes[0].quote == _flat(best["evidence"]["text"]) and shown.notes[0].doc == best["doc"]
        note = notes[shown.notes[0].number]
        assert f"“{_flat(best['evidence']['text'])}”" in note
        assert best["title"] in note
        for part in (best["publisher"], fmt.date(best["published"]), best["url"]):  # those the document has
            assert not part or part in note


def test_the_sample_corpus_says_what_its_gold_says(sample):
    """At a glance: the years relations began and resumed, each cited with a sentence that states it."""
    relations = {e.label: e for e in sample["brief"].relations}
    for kind in ("relations.established", "relations.restored"):
        gold = _gold(kind)
        entry = relations[fmt.event(kind)]
        assert entry.date.split()[-1] in {g["date"][:4] for g in gold}
        assert {n.quote for n in entry.notes} & {_flat(g["evidence"]["text"]) for g in gold}
    # The latest trade figure rests on a sentence the gold reads as a trade figure of that period.
    trade = next(f for f in sample["brief"].glance if f.label == fmt.indicator("trade.total"))
    gold_trade = {_flat(g["evidence"]["text"]): g for g in _gold("trade.total")}
    cited = [gold_trade[n.quote] for n in trade.notes if n.quote in gold_trade]
    assert cited and any(trade.period.endswith(g["period"]["end"][:4]) for g in cited)


def test_chronology_conflicts_and_sources(sample):
    b, page = sample["brief"], sample["html"]
    events = query.timeline(sample["store"], pair=PAIR, status="actual", limit=0)
    assert b.chronology_total == len(events) and len(b.chronology) == min(len(events), CHRONOLOGY_LIMIT)
    chronology = _page_text(page.split('id="chronology"', 1)[1].split("</section>", 1)[0])
    for e in events[-len(b.chronology):]:
        assert f"{fmt.date(e['date']) or 'undated'} {fmt.event(e['event'])}" in chronology
    clashes = query.conflicts_of(sample["store"], pair=PAIR, limit=0)
    assert clashes and b.conflicts_total == len(clashes)
    disagree = _page_text(page.split('id="conflicts"', 1)[1].split("</section>", 1)[0])
    for c in clashes[: len(b.conflicts)]:
        assert c["explanation"] in disagree
    # Every figure and event cites at least one report.
    items = [*b.glance, *b.relations, *b.chronology, *(v for c in b.charts for v in c.values),
             *(r for c in b.conflicts for r in c.reports)]
    assert items and all(item.notes for item in items)
    # Every note is cited in the text and listed under its document, each document once, the
    # notes numbered in the order of the list.
    cited = _refs(page)
    assert cited == {n.number for n in b.notes} == set(_notes_in_html(page))
    assert [n.number for s in b.sources for n in s.notes] == list(range(1, len(cited) + 1))
    assert len({s.doc for s in b.sources}) == len(b.sources)
    assert all(n.doc == s.doc for s in b.sources for n in s.notes)


def test_charts_of_the_main_series(sample):
    b, page = sample["brief"], sample["html"]
    assert {c.title.split(",")[0] for c in b.charts} >= {fmt.indicator("trade.total"), fmt.indicator("investment.fdi")}
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="bilateral-chart"') == len(b.charts)
    assert "<script" not in page and "http-equiv" not in page and " src=" not in page  # nothing to run or fetch


def test_markdown_has_the_figures_and_footnotes(sample):
    b, md = sample["brief"], sample["md"]
    for f in b.glance:
        assert f"**{f.value}**" in md.replace("\\", "")
    for n in b.notes:
        assert f"[^{n.number}]: “" in md and f"[^{n.number}]" in md.split("## Sources")[0]
    assert md.count("\n## ") == 5 and "\n\n\n" not in md


def test_since_keeps_later_events_and_the_relations(sample):
    store = sample["store"]
    later = brief.gather(store, PAIR, since="2015")
    events = query.timeline(store, pair=PAIR, status="actual", since="2015", limit=0)
    assert later.chronology_total == len(events) < sample["brief"].chronology_total
    assert all(int(e.date.split()[-1]) >= 2015 for e in later.chronology)
    assert {e.label for e in later.relations} == {e.label for e in sample["brief"].relations}


def test_pdf_pages_text_and_vector_charts(sample, sample_pdf):
    path, text = sample_pdf
    b = sample["brief"]
    pages = _pages(path)
    assert "Page size: 595.276 x 841.89 pts (A4)" in _flat(_run("pdfinfo", path))
    assert pages > 3 and f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    bare = _bare(text)
    for f in b.glance:
        # A narrow cell may break "January–August 2025" after its dash.
        assert f.value in text and _bare(f.period) in bare
    for n in b.notes:
        assert _bare(f"“{n.quote}”") in bare, n.quote
        assert n.url is None or _bare(n.url) in bare
    # The charts are vector drawings with their axis labels as text: no raster image at all.
    assert len(_run("pdfimages", "-list", path).strip().splitlines()) == 2
    for label in re.findall(r'text-anchor="end">([^<]+)</text>', b.charts[0].svg):
        assert html_lib.unescape(label) in text
    out = sample["folder"] / "png"
    out.mkdir()
    _run("pdftoppm", "-r", "30", "-png", path, out / "page")
    pngs = sorted(out.glob("page-*.png"))
    assert len(pngs) == pages and all(p.stat().st_size > 1000 for p in pngs)


@pytest.fixture
def scripts_store(tmp_path):
    """A store holding a Korean and a Khmer sentence (and a hostile one), records made by hand."""
    store = open_store(tmp_path / "scripts.db")
    docs = {"ko.txt": KOREAN, "km.txt": KHMER, "hostile.txt": HOSTILE}
    items = []
    for name, text in docs.items():
        doc = Document(id=name, text=text, source=name, title=f"Title of {name}", published="2024-02-01",
                       url=f"https://example.org/{name}", publisher="Example Press")
        evidence = Evidence(0, len(text), text)
        if name == "km.txt":
            recs = [Event(name, "relations.restored", "1997-10-30", evidence, "KH", "KR")]
        else:
            value = 890e6 if name == "ko.txt" else 2e6
            recs = [Claim(name, "trade.total", "level", value, "USD", evidence,
                          period=Period("2023", "2023") if name == "ko.txt" else Period("2022", "2022"),
                          from_="KH", to="KR")]
            if name == "ko.txt":  # a second record read from the same sentence
                recs.append(Event(name, "agreement.signed", "2023-05-02", evidence, "KH", "KR"))
        items.append((doc, recs))
    store.add_documents(items)
    reconcile(store)
    yield store
    store.close()


def test_korean_and_khmer_survive_into_the_pdf_text(scripts_store, tmp_path):
    _pdf_tools()
    path = tmp_path / "scripts.pdf"
    path.write_bytes(brief.brief_pdf(scripts_store, "KR,KH", size="Letter"))
    text = _flat(_run("pdftotext", "-enc", "UTF-8", path, "-"))
    assert f"“{KOREAN}”" in text and f"“{KHMER}”" in text
    fonts = _run("pdffonts", path)
    assert "Khmer" in fonts and "CJK" in fonts  # drawn with fonts that have the glyphs
    assert "Page size: 612 x 792 pts (letter)" in _flat(_run("pdfinfo", path))


def test_one_note_per_sentence(scripts_store):
    b = brief.gather(scripts_store, "KH-KR")
    trade = next(f for f in b.glance if f.label == fmt.indicator("trade.total"))
    signed = next(e for e in b.chronology if e.label == fmt.event("agreement.signed"))
    assert trade.notes == signed.notes and trade.notes[0].quote == KOREAN
    assert [n.quote for n in b.notes].count(KOREAN) == 1


def test_document_text_stays_text(scripts_store):
    page = brief.brief_html(scripts_store, "KH-KR")
    assert "<script>" not in page and html_lib.escape(HOSTILE, quote=False) in page
    md = brief.to_markdown(brief.gather(scripts_store, "KH-KR"))
    assert "<script>" not in md and r"\<script\>" in md


def test_cli_writes_each_format(sample, tmp_path):
    db = str(sample["folder"] / "sample.db")
    runner = CliRunner()
    out = tmp_path / "kh-kr.html"
    result = runner.invoke(main, ["brief", "KH", "KR", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    result = runner.invoke(main, ["brief", "KH-KR", "--db", db, "--format", "md", "--since", "2020"])
    assert result.exit_code == 0 and result.output.startswith("# Cambodia and South Korea")
    missing = runner.invoke(main, ["brief", "KH", "KR", "--db", str(tmp_path / "none.db"), "-o", str(out)])
    assert missing.exit_code == 1 and "no store at" in missing.output and not (tmp_path / "none.db").exists()
    bad = runner.invoke(main, ["brief", "KH", "KR", "--db", db, "-o", str(tmp_path / "kh.doc")])
    assert bad.exit_code == 1 and "give a format" in bad.output
    assert runner.invoke(main, ["brief", "KH", "KR", "VN", "--db", db]).exit_code == 2


def test_the_same_brief_on_each_backend(db_url, tmp_path):
    docs = write_docs(tmp_path / "docs", {"customs.txt": CUSTOMS, "rounded.txt": ROUNDED, "assoc.txt": ASSOCIATION,
                                          "typo.txt": TYPO, "aid.txt": AID})
    ingest([docs], db_url, workers=1)
    with open_store(db_url) as store:
        b = brief.gather(store, "KR,KH")
    trade = next(f for f in b.glance if f.label == fmt.indicator("trade.total"))
    # Customs is official statistics: its figure leads, cited first, and the slips are conflicts.
    assert trade.value == "$890 million" and trade.period == "2023" and trade.sources == 4
    assert trade.notes[0].quote == _flat(CUSTOMS.split(". President")[0] + ".")
    assert b.conflicts_total >= 2 and any(c.kind == "Likely magnitude slip" for c in b.conflicts)
    assert [e.label for e in b.chronology] == [fmt.event("visit")]
