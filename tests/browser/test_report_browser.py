"""The class handout (`medialit report`) in a real browser: self-contained, printable, and the same findings as the notebooks.

The report is built the way an instructor builds it (the command line), opened
from disk in Chromium with every non-``file:`` request refused and recorded,
and read back from the rendered page: the loaded-term and translation tables,
the voices table and each highlighted article's legend. Those are compared
with what the notebooks show, computed with the very calls the notebooks make
(``ml.voices`` in 02, ``find_passives`` in 01, ``find_loaded_terms`` in 03,
``find_translation_artifacts`` in 04). Finally the page is printed to PDF, as
a teacher would print the handout.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from browser_lab import REPO, REPORT, SCREENSHOTS

import medialit as ml
from medialit.agency import AGENCY_CATEGORIES as AGENCY
from medialit.cli import main
from medialit.taxonomy import CATEGORIES

ARTICLES = ["rt-nato-russia-2022-01-12", "quotes-test-council-vote"]

#: Read the page as a student sees it: per section (h2 id), the table rows'
#: cells and each highlighted article's legend entries.
READ_JS = """() => {
  const out = {};
  let current = null;
  for (const el of document.body.children) {
    if (el.tagName === 'H2') { current = el.id; out[current] = {tables: [], legends: [], marks: 0}; continue; }
    if (!current) continue;
    const s = out[current];
    const tables = el.matches('table') ? [el] : [...el.querySelectorAll('table')];
    for (const t of tables) {
      s.tables.push([...t.querySelectorAll('tr')].map(tr => [...tr.children].map(td => td.innerText.trim())));
    }
    for (const lg of (el.matches('.ml-legend') ? [el] : [...el.querySelectorAll('.ml-legend .ml-key')])) {
      s.legends.push(lg.innerText.trim());
    }
    s.marks += el.querySelectorAll('mark').length;
  }
  return out;
}"""


def legend_counts(findings: list[ml.Finding]) -> Counter[str]:
    """What the highlighter's legend says for these findings: "<category label> (<count>)"."""
    out: Counter[str] = Counter()
    for f in findings:
        info = CATEGORIES.get(f.layer, {}).get(f.category)
        out[info.label if info else f.category] += 1
    return out


def parse_legend(entries: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for e in entries:
        label, _, n = e.rpartition(" (")
        out[label] += int(n.rstrip(")"))
    return out


@pytest.mark.parametrize("slug", ARTICLES)
def test_report_in_chromium_matches_the_notebooks(slug: str, browser, tmp_path: Path, capsys) -> None:
    out = tmp_path / f"{slug}-report.html"
    t0 = time.monotonic()
    assert main(["report", slug, "-o", str(out)]) == 0
    built = time.monotonic() - t0
    capsys.readouterr()

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    outside: list[str] = []

    def refuse(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: console.append(f"page error: {e}"))
    try:
        t1 = time.monotonic()
        page.goto(out.as_uri(), wait_until="load")
        opened = time.monotonic() - t1
        page.wait_for_function("[...document.images].every(i => i.complete)")
        broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.alt)")
        seen = page.evaluate(READ_JS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"report-{slug}.png"
        page.screenshot(path=str(shot), full_page=True)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()

    assert not outside, f"the report is not self-contained: it asked for {outside}"
    assert not console, f"the browser console complained: {console}"
    assert not broken, f"figures that did not load: {broken}"
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2, "the report should print to a multi-page PDF"

    article = ml.load_article(slug)
    # 02 Quotes: the voices table is ml.voices(article), speaker by speaker.
    voices = ml.voices(article)
    rows = seen["quotes"]["tables"][0][1:] if voices else []
    assert [(r[0], int(r[1])) for r in rows] == [(v.label, v.count) for v in voices]
    assert parse_legend(seen["quotes"]["legends"]) == legend_counts(ml.find_quotes(article))
    # 01 Framing: the agency highlights are find_passives(article) (its agency categories).
    agency = [f for f in ml.find_passives(article) if f.category in AGENCY]
    assert parse_legend(seen["framing"]["legends"]) == legend_counts(agency)
    # 03 and 04: one table row per finding, in reading order, and the legend's counts.
    for section, findings in (
        ("loaded", ml.find_loaded_terms(article)),
        ("translation", ml.find_translation_artifacts(article)),
    ):
        table_rows = seen[section]["tables"][0][1:] if seen[section]["tables"] else []
        assert [r[0] for r in table_rows] == [" ".join(f.text.split()) for f in findings], section
        assert [r[1] for r in table_rows] == [f.label for f in findings], section
        assert parse_legend(seen[section]["legends"]) == legend_counts(findings), section
        if slug == ARTICLES[0]:  # the case study has findings in every layer: the comparison is not vacuous
            assert table_rows and seen[section]["marks"] >= len(findings) > 5, section
    total = sum(s["marks"] for s in seen.values())
    REPORT.append(
        {
            "test": f"report · {slug}",
            "seconds": {"build (CLI)": built, "open": opened},
            "clicks": [
                f"opened {out.name} from disk, {len(pdf) // 1024} KB PDF when printed, {total} highlight marks",
            ],
            "screenshot": shot.relative_to(REPO).as_posix(),
        }
    )
