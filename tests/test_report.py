"""`medialit report`: one self-contained, escaped HTML page that matches the analyzers."""

from __future__ import annotations

import re

import medialit as ml
from medialit.article import Article
from medialit.cli import main
from medialit.report import build_report


def test_report_is_self_contained_and_complete(seed, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "rt-nato-russia-2022-01-12", "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    # no external assets: no src/href pointing outside the page
    assert not re.search(r"""(src|href)=['"](?!data:|#)""", page)
    assert page.count("data:image/png;base64,") >= 3  # voices, frame heatmap, density
    for heading in (
        "Quotes and voices",
        "Framing",
        "Loaded terms",
        "Translation artifacts",
        "compared with the answer key",
    ):
        assert heading in page
    result = ml.analyze(seed)
    # every loaded term and every artifact the notebooks show is in the report's tables
    for f in result.loaded + result.translation:
        assert f.note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")[:40] in page.replace(
            "&#x27;", "'"
        ).replace("&quot;", '"')
    assert result.language_path.summary.split(":")[0] in page


def test_report_escapes_hostile_text(tmp_path):
    art = Article(text='He said "<script>alert(1)</script>" and <img src=x onerror=alert(2)> left.\n\nMore.')
    page = build_report(art)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_report_from_a_text_file_and_bad_names(tmp_path, capsys):
    src = tmp_path / "story.txt"
    src.write_text('The mayor said: "We will build it." Critics called the plan a disaster.\n', encoding="utf-8")
    out = tmp_path / "story.html"
    assert main(["report", str(src), "-o", str(out), "--title", "A story"]) == 0
    assert "<h1>A story</h1>" in out.read_text(encoding="utf-8")
    assert main(["report", "no-such-article"]) == 1
    assert "Available:" in capsys.readouterr().out
