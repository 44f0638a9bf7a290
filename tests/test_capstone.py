"""The capstone (notebook 05): reading pasted and uploaded text, summaries, comparison, the workbench widget."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import ipywidgets as w
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit import answers
from medialit import capstone as cap
from medialit import widgets as mw
from medialit.findings import check_spans

SEED = "rt-nato-russia-2022-01-12"
QUOTES_TEST = "quotes-test-council-vote"
HOSTILE = (
    'Mayor <script>alert(1) said the plan was a "<img src=x onerror=alert(1)>" disaster.\n\n'
    "Critics called it reckless, said Jo <svg onload=alert(2)>Park, a local trader, on Tuesday."
)


@pytest.fixture(autouse=True)
def isolated(answers_sandbox):
    return answers_sandbox


@pytest.fixture(scope="module")
def seed_analysis() -> ml.Analysis:
    return ml.analyze(ml.load_article(SEED))


@pytest.fixture(scope="module")
def quotes_analysis() -> ml.Analysis:
    return ml.analyze(ml.load_article(QUOTES_TEST))


def _saved(root: Path, exercise: str = "own_article", student: str = "tester") -> dict:
    path = root / student / cap.NOTEBOOK / f"{exercise}.json"
    return json.loads(path.read_text(encoding="utf-8"))["data"]


def _text(markup: str) -> str:
    """Visible text of an HTML fragment (styles and embedded images dropped)."""
    markup = re.sub(r"<style>.*?</style>|src='data:[^']*'", "", markup, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", markup).split()))


# ------------------------------------------------------------ uploads
def test_uploaded_files_reads_ipywidgets_8_values():
    value = (
        {
            "name": "story.txt",
            "type": "text/plain",
            "size": 5,
            "content": memoryview(b"Hello"),
            "last_modified": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        },
    )
    assert cap.uploaded_files(value) == [cap.UploadedFile("story.txt", b"Hello")]


def test_uploaded_files_reads_ipywidgets_7_values_and_skips_junk():
    old = {"a.txt": {"metadata": {"name": "a.txt"}, "content": b"abc"}, "b.txt": {"metadata": {}}}
    assert cap.uploaded_files(old) == [cap.UploadedFile("a.txt", b"abc")]
    assert cap.uploaded_files(()) == [] and cap.uploaded_files(None) == []
    assert cap.uploaded_files(({"name": "x", "content": 42}, "not a dict")) == []
    assert cap.uploaded_files(({"content": bytearray(b"z")},)) == [cap.UploadedFile("uploaded file", b"z")]


def test_uploaded_files_reads_a_real_file_upload_widget():
    up = w.FileUpload()
    up.value = (
        {"name": "n.md", "type": "", "size": 3, "content": memoryview(b"# T"), "last_modified": dt.datetime.now()},
    )
    assert cap.uploaded_files(up.value) == [cap.UploadedFile("n.md", b"# T")]


# ------------------------------------------------------------ reading text
def test_read_text_accepts_an_article_without_messages():
    r = cap.read_text(ml.load_article(SEED).text)
    assert r.ok and r.messages == ()
    assert "Key points from Moscow" in r.article.text[:200]


@pytest.mark.parametrize("bad", ["", "   \n\t ", "abc\x00def"])
def test_read_text_explains_unusable_text_without_raising(bad):
    r = cap.read_text(bad)
    assert not r.ok and r.article is None
    (m,) = r.messages
    assert m.level == "error" and m.text[0].isupper() and m.text.endswith(".")
    assert "Traceback" not in r.html()


def test_read_text_warns_about_html_and_short_texts():
    page = "<html><body><p>One line.</p><p>Two <b>bold</b> words.</p><div>Menu</div></body></html>"
    r = cap.read_text(page)
    assert r.ok and "<" not in r.article.text
    levels = [m.level for m in r.messages]
    assert "warning" in levels and "info" in levels
    assert any("HTML" in m.text for m in r.messages)
    assert any("only" in m.text and "words" in m.text for m in r.messages)


def test_read_text_warns_when_there_are_no_english_letters():
    r = cap.read_text("Привет мир. " * 40)
    assert r.ok and any("no English letters" in m.text for m in r.messages)


def test_read_upload_refuses_pdf_and_word_kindly():
    for name in ("report.pdf", "essay.DOCX"):
        r = cap.read_upload(name, b"%PDF-1.7 binary stuff")
        assert not r.ok
        assert "copy them and paste them" in r.messages[0].text and name in r.messages[0].text


def test_read_upload_refuses_binary_text_files():
    r = cap.read_upload("data.txt", bytes(range(1, 32)) * 20)
    assert not r.ok and "binary file" in r.messages[0].text


def test_read_upload_decodes_other_encodings_and_says_so():
    text = "Café owners said the “new rules” were unfair. " * 12
    r = cap.read_upload("cafe.txt", text.encode("cp1252"))
    assert r.ok and r.article.text == text
    assert r.article.meta["encoding"] == "cp1252" and r.article.meta["file"] == "cafe.txt"
    assert "save the file as UTF-8" in r.messages[0].text
    r16 = cap.read_upload("u.txt", text.encode("utf-16"))
    assert r16.ok and r16.article.meta["encoding"] == "utf-16"


def test_read_upload_takes_the_title_from_a_markdown_heading():
    r = cap.read_upload("n.md", b"# Council backs plan\n\nThe council voted on Monday.")
    assert r.ok and r.article.title == "Council backs plan"
    assert cap.read_upload("n.md", b"# Heading\n\nBody.", title="Mine").article.title == "Mine"


def test_message_html_escapes_file_names():
    r = cap.read_upload("<b onclick=x>.pdf", b"%PDF")
    assert "<b onclick" not in r.html() and "&lt;b onclick=x&gt;.pdf" in r.html()


# ------------------------------------------------------------ summaries and comparison
def test_layer_counts_count_hidden_doers_not_frame_cues(seed_analysis):
    counts = cap.layer_counts(seed_analysis)
    assert counts == {
        "quotes": len(seed_analysis.quotes),
        "framing": len(seed_analysis.passives),
        "loaded": len(seed_analysis.loaded),
        "translation": len(seed_analysis.translation),
    }
    assert counts["framing"] < len(seed_analysis.findings("framing"))  # frame cue words are not counted


def test_summary_of_the_case_study(seed_analysis):
    s = cap.summarise(seed_analysis)
    assert s.words == len(seed_analysis.article.words)
    assert s.voices[0][0] == "Alexander Grushko" and s.voices[0][2] > 0.9
    assert "Ukraine" in s.silent
    assert s.path_source == "French" and s.path_route.startswith("Russian → French")
    assert s.per_100("loaded") == pytest.approx(100 * len(seed_analysis.loaded) / s.words)
    assert s.issue and s.issue[0][1] >= s.issue[-1][1]


def test_compare_rows_put_both_articles_side_by_side(seed_analysis, quotes_analysis):
    a, b = cap.summarise(quotes_analysis), cap.summarise(seed_analysis)
    rows = cap.compare_rows(a, b)
    aspects = [r[0] for r in rows]
    assert aspects[:3] == ["Title", "Length", "Quotes"]
    assert "Language path (the kit's guess)" in aspects and len({len(r) for r in rows}) == 1
    quotes_row = dict((r[0], r[1:]) for r in rows)["Quotes"]
    assert quotes_row[0].startswith(f"{len(quotes_analysis.quotes)} (") and "per 100 words" in quotes_row[1]
    path_row = dict((r[0], r[1:]) for r in rows)["Language path (the kit's guess)"]
    assert path_row[0] == "no trace of translation found" and "French" in path_row[1]


def test_contrasts_name_the_biggest_differences(seed_analysis, quotes_analysis):
    a, b = cap.summarise(quotes_analysis), cap.summarise(seed_analysis)
    said = " ".join(cap.contrasts(a, b))
    assert "more quotes per 100 words than the case study" in said
    assert "fewer loaded terms per 100 words than the case study" in said
    assert "one voice (Alexander Grushko)" in said
    assert "your article shows no trace of translation, and the case study probably came from French" in said
    same = " ".join(cap.contrasts(b, b))
    assert "about as many quotes" in same and "Both are mostly about" in same and "came from" not in same


def test_tables_group_repeats_and_keep_every_finding(seed_analysis):
    rows = cap.loaded_rows(seed_analysis)
    assert sum(int(r[1]) for r in rows) == len(seed_analysis.loaded)
    west = [r for r in rows if r[0] == "the West"]
    assert west and int(west[0][1]) > 1 and west[0][4] != "—"
    trans = cap.translation_rows(seed_analysis)
    assert len(trans) == len(seed_analysis.translation)
    assert all(r[0] == "—" or 1 <= int(r[0]) <= len(seed_analysis.article.paragraphs) for r in trans)
    voices = cap.voice_rows(seed_analysis)
    assert voices[0][0] == "Alexander Grushko" and voices[0][3] == "96%"


def test_kit_vs_key_explains_each_layer(seed_analysis):
    checks = cap.kit_vs_key(seed_analysis, ml.load_key(seed_analysis.article))
    assert [c.layer for c in checks] == list(cap.LAYER_NAMES)
    assert all(c.score is not None and c.score.recall > 0.8 for c in checks)


def test_kit_vs_key_skips_layers_the_key_does_not_cover(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(ml.load_article(QUOTES_TEST).folder, root / "articles" / "partial")
    (root / "articles" / "partial" / "key.yml").write_text("translation_artifacts: []\n", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_DATA", str(root))
    art = ml.load_article("partial")
    checks = {c.layer: c for c in cap.kit_vs_key(ml.analyze(art), ml.load_key(art))}
    assert checks["quotes"].score is None and "no entries" in checks["quotes"].message
    assert str(len(ml.find_quotes(art))) in checks["quotes"].message
    assert all(c.score is None and "no answer key" in c.message for c in cap.kit_vs_key(seed_analysis, None))


def test_views_show_every_layer(seed_analysis):
    assert "Alexander Grushko" in _text(cap.voices_html(seed_analysis, chart=False))
    assert "Security and defence" in _text(cap.frames_html(seed_analysis, chart=False))
    loaded = _text(cap.loaded_html(seed_analysis, chart=False))
    assert "US-led bloc" in loaded and "a neutral version" in loaded
    trans = _text(cap.translation_html(seed_analysis))
    assert "False friend" in trans and "Confidence: strong" in trans
    for layer, _label in cap.READ_LAYERS:
        page = cap.read_html(seed_analysis, layer)
        assert "ml-article" in page
    assert "<img src='data:image/png;base64," in cap.voices_html(seed_analysis)


def test_views_say_politely_when_a_layer_is_empty():
    art = ml.Article.from_text("The council met on Monday. It agreed the budget for next year.")
    a = ml.analyze(art)
    assert "no quotes" in _text(cap.read_html(a, "quotes"))
    assert "no translation traces" in _text(cap.read_html(a, "translation"))
    assert "nobody is quoted" in " ".join(r[1] for r in cap.compare_rows(cap.summarise(a), cap.summarise(a)))
    assert "writer's own voice" in _text(cap.voices_html(a))
    assert "no loaded terms" in _text(cap.loaded_html(a))
    assert "not in this kit's data folder" in _text(cap.compare_html(a, None))


def test_every_view_escapes_hostile_text():
    reading = cap.read_text(HOSTILE, title="<i onclick=x>title</i>")
    assert reading.ok
    a = ml.analyze(reading.article)
    pages = [cap.read_html(a, layer) for layer, _ in cap.READ_LAYERS]
    pages += [
        cap.voices_html(a),
        cap.frames_html(a),
        cap.loaded_html(a),
        cap.translation_html(a),
        cap.compare_html(a, a),
        cap.trust_html(a, None),
    ]
    for page in pages:
        assert "<script" not in page and "<img src=x" not in page and "<svg" not in page
        assert "<i onclick" not in page
    assert "&lt;script&gt;" in pages[0]


# ------------------------------------------------------------ the verdict
def test_verdict_questions_follow_civic_online_reasoning():
    names = [q[0] for q in cap.VERDICT_QUESTIONS]
    assert names == ["verdict_who", "verdict_evidence", "verdict_other_sources"]
    prompts = " ".join(q[1] for q in cap.VERDICT_QUESTIONS)
    for question in ("Who is behind", "What is the evidence", "What do other sources say"):
        assert question in prompts
    for name, prompt, model in cap.VERDICT_QUESTIONS:
        assert model.startswith("A good answer") and len(model.split()) > 60
        ex = mw.WrittenExercise(prompt, model, exercise=name, notebook=cap.NOTEBOOK)
        ex.write("The publisher is a state broadcaster, so I checked who funds it.")
        fb = ex.submit()
        assert fb.items[0].text == model


# ------------------------------------------------------------ the workbench
def test_workbench_analyses_the_example_without_any_input(isolated):
    example = ml.load_article(SEED)
    bench = cap.OwnArticleWorkbench(example, charts=False)
    assert bench.analysis is not None and bench.article is example
    assert bench.key is not None  # the example's own key: the trust view compares with it
    assert "Analysed the example article" in _text(bench.message.value)
    assert not (isolated / "tester").exists(), "an untouched example is not saved"
    views = {kind: bench.view(kind) for kind in bench.VIEWS}
    assert "both columns are the same" in _text(views["compare"].html.value)
    assert "answer key written by a person" in _text(views["trust"].html.value)
    assert repr(bench).startswith("<OwnArticleWorkbench: Key points")
    with pytest.raises(ValueError, match="unknown view"):
        bench.view("nonsense")


def test_pasted_text_is_saved_and_comes_back_after_a_restart(isolated):
    example = ml.load_article(SEED)
    bench = cap.OwnArticleWorkbench(example, charts=False)
    voices = bench.view("voices")
    other = ml.load_article(QUOTES_TEST).text
    analysis = bench.paste(other, title="Council vote")
    assert analysis is not None and bench.article is not example
    check_spans(bench.article.text, analysis.findings())
    saved = _saved(isolated)
    assert saved["text"] == other and saved["origin"] == "pasted" and saved["title"] == "Council vote"
    assert "Tomás Reyes" in _text(voices.html.value), "live views follow the new text"
    assert "no answer key" in _text(bench.view("trust").html.value)
    compare = _text(bench.view("compare").html.value)
    assert "Council vote" in compare and "both columns are the same" not in compare

    again = cap.OwnArticleWorkbench(example, charts=False)  # a restarted kernel
    assert again.text.value == other and again.title_box.value == "Council vote"
    assert again.analysis is not None and again.article.title == "Council vote"
    assert "saved last time is back" in _text(again.message.value)

    again.use_example()
    assert again.article is example and _saved(isolated)["origin"] == "example"
    third = cap.OwnArticleWorkbench(example, charts=False)
    assert third.article is example and "saved last time" not in _text(third.message.value)


def test_the_same_text_is_analysed_once(isolated, monkeypatch):
    """A second press on an unchanged box, and the case study shown as the example, cost no new analysis."""
    calls = []
    real = cap.analyze
    monkeypatch.setattr(cap, "analyze", lambda a: calls.append(a) or real(a))
    monkeypatch.setattr(cap, "_CASE_CACHE", {})
    example = ml.load_article(SEED)
    bench = cap.OwnArticleWorkbench(example, charts=False)
    first = bench.analysis
    assert cap.case_study_analysis(SEED) is first, "the example is the case study: its analysis is reused"
    message = bench.message.value
    bench.analyse_button.click()
    assert bench.analysis is first and bench.message.value == message and calls == [example]
    bench.text.value = bench.text.value + "\n\nOne more paragraph."
    bench.analyse_button.click()
    assert bench.analysis is not first and len(calls) == 2


def test_editing_the_text_asks_for_a_new_analysis(isolated):
    bench = cap.OwnArticleWorkbench(ml.load_article(SEED), charts=False)
    bench.text.value = "A new text, typed by hand, about a council vote on Monday."
    assert "press Analyse this text" in _text(bench.message.value)
    assert _saved(isolated)["origin"] == "pasted"
    bench.analyse_button.click()
    assert bench.article.text.startswith("A new text") and "only 12 words" in _text(bench.message.value)


def test_unusable_input_keeps_the_last_analysis_and_explains(isolated):
    bench = cap.OwnArticleWorkbench(ml.load_article(SEED), charts=False)
    before = bench.analysis
    assert bench.paste("   ") is None
    message = _text(bench.message.value)
    assert "empty" in message and "still show the last text" in message and bench.analysis is before
    assert bench.load_upload(({"name": "essay.docx", "content": memoryview(b"PK\x03\x04...")},)) is None
    assert "cannot read" in _text(bench.message.value) and bench.analysis is before


def test_upload_puts_the_file_in_the_box_and_analyses_it(isolated):
    bench = cap.OwnArticleWorkbench(ml.load_article(SEED), charts=False)
    body = ml.load_article(QUOTES_TEST).text
    data = ("# Riverside vote\n\n" + body).encode("utf-8")
    bench.upload.value = (
        {
            "name": "vote.md",
            "type": "text/markdown",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(),
        },
    )
    assert bench.upload.value == (), "the bytes are not kept once the text is in the box"
    assert bench.text.value.startswith("# Riverside vote") and bench.title_box.value == "Riverside vote"
    assert bench.article.title == "Riverside vote" and bench.analysis.quotes
    assert "Read “vote.md”" in _text(bench.message.value)
    saved = _saved(isolated)
    assert saved["origin"] == "file: vote.md" and saved["text"].startswith("# Riverside vote")


def test_read_view_switches_layers():
    bench = cap.OwnArticleWorkbench(ml.load_article(SEED), charts=False)
    view = bench.view("read")
    everything = view.html.value
    view.layer.value = "quotes"
    assert view.html.value != everything and "Alexander Grushko" in _text(view.html.value)
    view.layer.value = "translation"
    assert "False friend" in _text(view.html.value)


def test_a_missing_case_study_is_explained():
    bench = cap.OwnArticleWorkbench(ml.load_article(QUOTES_TEST), case_study="no-such-article", charts=False)
    compare = _text(bench.view("compare").html.value)
    assert "not in this kit's data folder" in compare and "(no-such-article)" in compare


def test_an_analysis_failure_is_a_message_not_a_traceback(monkeypatch):
    bench = cap.OwnArticleWorkbench(ml.load_article(SEED), charts=False)
    before = bench.analysis

    def boom(article):
        raise RuntimeError("rule table damaged")

    monkeypatch.setattr(cap, "analyze", boom)
    assert bench.paste("Some other text about a council meeting on Monday.") is None
    message = _text(bench.message.value)
    assert "could not analyse" in message and "rule table damaged" in message and "Traceback" not in message
    assert bench.analysis is before


def test_very_long_texts_are_analysed_but_not_saved(isolated, monkeypatch):
    monkeypatch.setattr(cap, "MAX_SAVED_CHARS", 100)
    bench = cap.OwnArticleWorkbench(None, charts=False)
    assert bench.analysis is None and "Paste a text" in _text(bench.view("voices").html.value)
    assert "Paste an article in the box" in _text(bench.message.value) and "empty" not in bench.message.value
    long_text = "The council met on Monday and agreed the budget. " * 5
    assert bench.paste(long_text) is not None
    saved = _saved(isolated)
    assert saved["text"] == "" and saved["too_long"] == len(long_text)


def test_a_new_name_shows_that_students_text(isolated):
    example = ml.load_article(SEED)
    box = mw.student_name_box(notebook=cap.NOTEBOOK)
    bench = cap.OwnArticleWorkbench(example, charts=False)
    mine = ml.load_article(QUOTES_TEST).text
    bench.paste(mine)
    box.use("Ana B")  # Ana has nothing saved yet: the text on screen moves to her name
    assert _saved(isolated, student="Ana_B")["text"] == mine
    theirs = "The harbour ferry will stop at night from April, the council decided on Monday after a long debate."
    answers.store_for(cap.NOTEBOOK, "Bo").save("own_article", {"kind": "own_article", "text": theirs, "title": ""})
    box.use("Bo")  # Bo has a saved text: it is shown and analysed
    assert bench.text.value == theirs and bench.article.text == theirs
    assert "harbour ferry" in _text(bench.view("read").html.value)


def test_a_broken_key_is_reported_in_the_trust_view(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(ml.load_article(QUOTES_TEST).folder, root / "articles" / "broken")
    (root / "articles" / "broken" / "key.yml").write_text(
        "quotes:\n  - text: words that are not there\n    speaker: X\n    kind: direct\n", encoding="utf-8"
    )
    monkeypatch.setenv("MEDIALIT_DATA", str(root))
    bench = cap.OwnArticleWorkbench(ml.load_article("broken"), charts=False)
    trust = _text(bench.view("trust").html.value)
    assert "key.yml has mistakes" in trust and "medialit check data/articles/broken" in trust


# ------------------------------------------------------------ property
_pieces = st.one_of(
    st.sampled_from(["said", "the West", "was held", "regime", "Kiev", "I", "we", "NATO", "he added.", "luck"]),
    st.sampled_from(['"', "“", "”", "«", "»", "'", "‘", "’", " ", "\n", "\n\n", ".", ",", ":", "<b>", "&amp;"]),
    st.text(alphabet="abcXYZé -'’\n", max_size=8),
)
_texts = st.lists(_pieces, min_size=0, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(_texts)
def test_property_any_text_gives_a_reading_and_exact_views(text: str) -> None:
    reading = cap.read_text(text)
    if not reading.ok:
        assert reading.messages and reading.messages[0].level == "error"
        return
    a = ml.analyze(reading.article)
    check_spans(reading.article.text, a.findings())
    s = cap.summarise(a)
    assert len(cap.compare_rows(s, s)) == 12 and cap.contrasts(s, s)
    for layer, _ in cap.READ_LAYERS:
        assert "ml-article" in cap.read_html(a, layer)
    assert cap.loaded_html(a, chart=False) and cap.translation_html(a)
