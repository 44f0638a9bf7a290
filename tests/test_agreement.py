"""Class agreement: word labels, Krippendorff's alpha checked by hand, kappa, the figure and the command."""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction

import pytest
from matplotlib.patches import Rectangle

import medialit as ml
from medialit import answers
from medialit.agreement import agreement, class_agreement, collect, token_labels
from medialit.cli import main
from medialit.widgets import SpanExercise
from medialit.widgets import base as wbase

TEXT = (
    "The alliance deployed troops near the border, officials said.\n\n"
    "Critics called the move a dangerous provocation by the West.\n\n"
    "Moscow insisted it was forced to respond to the threat."
)


def hand_alpha(labels: dict[str, list[int]]) -> float:
    """Krippendorff's alpha for nominal data, from the coincidence matrix (no missing values)."""
    coders = list(labels)
    n_units = len(labels[coders[0]])
    o: Counter[tuple[int, int]] = Counter()
    for u in range(n_units):
        values = [labels[c][u] for c in coders]
        m = len(values)
        for i, j in itertools.permutations(range(m), 2):
            o[(values[i], values[j])] += Fraction(1, m - 1)
    categories = sorted({c for pair in o for c in pair})
    n_c = {c: sum(o[(c, k)] for k in categories) for c in categories}
    n = sum(n_c.values())
    disagree = sum(o[(c, k)] for c in categories for k in categories if c != k)
    expected = sum(n_c[c] * n_c[k] for c in categories for k in categories if c != k)
    return float(1 - (n - 1) * disagree / expected)


def test_the_hand_calculation_reproduces_krippendorffs_published_example():
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", binary data, two observers: 0.095."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert hand_alpha({"A": a, "B": b}) == pytest.approx(0.095, abs=5e-4)


def hand_kappa(a: list[int], b: list[int]) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    expected = sum((a.count(k) / n) * (b.count(k) / n) for k in {0, 1})
    return (observed - expected) / (1 - expected)


@pytest.fixture
def small() -> ml.Article:
    return ml.Article.from_text(TEXT)


def _spans(article: ml.Article, *phrases: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in (article.find(p) for p in phrases)]


CLASS = {
    "ana": ("dangerous provocation", "the West", "forced to"),
    "ben": ("dangerous provocation", "the West"),
    "cy": ("a dangerous provocation", "insisted", "forced to respond"),
    "dee": ("provocation", "the West", "insisted", "forced"),
    "eve": ("deployed troops", "the West", "the threat"),
}


def test_token_labels_mark_every_word_a_span_touches(small):
    words = [t for t in small.tokens if any(c.isalnum() for c in t.text)]
    labels = token_labels(words, _spans(small, "dangerous provocation"))
    assert [w.text for w, x in zip(words, labels, strict=True) if x] == ["dangerous", "provocation"]
    s = small.find("provocation")
    part = token_labels(words, [(s.start + 2, s.start + 4)])  # two letters inside a word still mark it
    assert [w.text for w, x in zip(words, part, strict=True) if x] == ["provocation"]
    assert sum(token_labels(words, [])) == 0


def test_alpha_for_a_class_of_five_matches_a_hand_calculation(small):
    marks = {student: _spans(small, *phrases) for student, phrases in CLASS.items()}
    result = agreement(small, marks, exercise="demo")
    assert result.students == tuple(sorted(CLASS)) and len(result.tokens) == 29
    labels = {s: list(v) for s, v in result.labels.items()}
    assert sum(labels["ana"]) == 6  # dangerous provocation, the West, forced to
    assert result.alpha == pytest.approx(hand_alpha(labels), abs=1e-12)
    assert 0.0 < result.alpha < 1.0
    for (a, b), k in result.kappa.items():
        assert k == pytest.approx(hand_kappa(labels[a], labels[b]), abs=1e-12)
    assert len(result.kappa) == 10
    assert result.mean_kappa == pytest.approx(sum(result.kappa.values()) / 10)
    counts = dict(zip([t.text for t in result.tokens], result.counts, strict=True))
    assert counts["provocation"] == 4 and counts["West"] == 4 and counts["alliance"] == 0
    text = result.summary()
    assert f"Krippendorff's alpha: {result.alpha:.3f}" in text and "Cohen's kappa" in text


def test_identical_readings_agree_perfectly_and_empty_ones_are_undefined(small):
    same = {s: _spans(small, "the West", "forced to") for s in ("a", "b", "c")}
    assert agreement(small, same).alpha == pytest.approx(1.0)
    nobody = agreement(small, {"a": [], "b": []})
    assert nobody.alpha is None and nobody.kappa == {("a", "b"): None}
    assert "undefined" in nobody.summary()
    alone = agreement(small, {"a": _spans(small, "the West")})
    assert alone.alpha is None and "at least two students" in alone.summary()


def test_opposite_readings_agree_less_than_chance(small):
    words = [t for t in small.tokens if any(c.isalnum() for c in t.text)]
    a = [(w.start, w.end) for w in words[::2]]
    b = [(w.start, w.end) for w in words[1::2]]
    result = agreement(small, {"a": a, "b": b})
    assert result.alpha < 0 and result.kappa[("a", "b")] < 0


def test_paragraphs_limit_the_words(small):
    result = agreement(small, {"a": _spans(small, "the West"), "b": []}, paragraphs=[1])
    assert [t.text for t in result.tokens][0] == "Critics" and len(result.tokens) == 10


def test_the_figure_shades_each_marked_word(small):
    marks = {student: _spans(small, *phrases) for student, phrases in CLASS.items()}
    result = agreement(small, marks, exercise="demo")
    fig = result.figure()
    ax = fig.axes[0]
    boxes = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(boxes) == sum(1 for c in result.counts if c)
    shown = {t.get_text() for t in ax.texts}
    assert {"provocation", "West.", "Moscow"} <= shown
    assert "alpha" in fig._suptitle.get_text()
    assert result.png()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------ from the answers folder
@pytest.fixture
def class_folder(seed, tmp_path, monkeypatch):
    """Five students did the same SpanExercise; their answers are in one folder."""
    root = tmp_path / "answers"
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(root))
    monkeypatch.setattr(answers, "_STUDENTS", {})
    monkeypatch.setattr(answers, "_STORE_CACHE", {})
    monkeypatch.setattr(wbase, "_LIVE", {})
    phrases = {
        "ana": ["US-led military bloc", "Luck for peace"],
        "ben": ["military bloc", "Luck for peace", "Main opponent"],
        "cy": ["US-led military bloc"],
        "dee": ["Luck for peace", "Main opponent", "conflicting views"],
        "eve": ["US-led military bloc", "conflicting views"],
    }
    for student, words in phrases.items():
        ex = SpanExercise(
            seed,
            None,
            "loaded",
            exercise="loaded_all",
            notebook="03_loaded_terms",
            store=answers.AnswerStore(student, "03_loaded_terms"),
        )
        for p in words:
            ex.add_text(p, occurrence=1)
    # not a span exercise: ignored
    answers.AnswerStore("ana", "03_loaded_terms").save("choice", {"kind": "choice", "chosen": [1]})
    return root, phrases


def test_collect_and_class_agreement_read_the_answers_folder(seed, class_folder):
    root, phrases = class_folder
    (group,) = collect(root)
    assert (group.notebook, group.exercise, group.article_slug, group.layer) == (
        "03_loaded_terms",
        "loaded_all",
        seed.slug,
        "loaded",
    )
    assert sorted(group.marks) == sorted(phrases)
    (result,), problems = class_agreement(root)
    assert not problems
    expected = {s: token_labels(result.tokens, _spans(seed, *ps)) for s, ps in phrases.items()}
    assert {s: list(v) for s, v in result.labels.items()} == expected
    assert result.alpha == pytest.approx(hand_alpha(expected), abs=1e-12)


def test_the_agreement_command(class_folder, tmp_path, capsys):
    root, _ = class_folder
    figures = tmp_path / "figs"
    assert main(["agreement", str(root), "--figures", str(figures)]) == 0
    out = capsys.readouterr().out
    assert "03_loaded_terms / loaded_all" in out and "5 students" in out and "Krippendorff's alpha" in out
    png = figures / "03_loaded_terms--loaded_all.png"
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert main(["agreement", str(root), "--exercise", "nothing"]) == 1
    assert "no marking exercises found" in capsys.readouterr().out
    assert main(["agreement", str(tmp_path / "missing")]) == 1
    assert "is not a folder" in capsys.readouterr().out


def test_marks_that_no_longer_match_the_text_are_reported(seed, class_folder):
    root, _ = class_folder
    import json

    path = root / "cy" / "03_loaded_terms" / "loaded_all.json"
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["data"]["marks"].append({"start": 0, "end": 4, "text": "words that are gone"})
    path.write_text(json.dumps(payload), encoding="utf-8")
    (result,), _ = class_agreement(root)
    assert any("no longer match" in n for n in result.notes)
