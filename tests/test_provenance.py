"""Notebook 00's provenance exercise: clues, feedback, answers that survive a re-run."""

from __future__ import annotations

from medialit.provenance import MACHINE, PERSON, ProvenanceForm, check_provenance


def test_all_clues_found(seed, seed_key):
    chosen = [c.text for c in seed_key.provenance]
    result = check_provenance(seed_key, chosen, "It was RT", MACHINE)
    assert not result.missed and not result.wrong
    assert result.publisher_ok and result.translator_ok
    html = result.html(["RT"])
    assert "Clues you spotted" in html and "Clues still to find" not in html
    assert "covers the clues in the key only" in html  # never a bare "all correct"


def test_partial_answer_explains_what_is_missing(seed_key):
    result = check_provenance(seed_key, ["Back to top button", "Not a clue"], "BBC", PERSON)
    assert [c.text for c in result.found] == ["Back to top button"]
    assert len(result.missed) == len(seed_key.provenance) - 1
    assert result.wrong == ["Not a clue"]
    assert result.publisher_ok is False and result.translator_ok is False
    html = result.html(["RT"])
    assert "navigation" in html  # the reason of a missed clue is shown


def test_form_saves_and_restores(seed, seed_key, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    form = ProvenanceForm(seed, seed_key, student="ana")
    texts = form._texts
    assert any("Back to top" in t for t in texts) and len(texts) > len(seed_key.provenance)
    form.boxes[0].value = True
    form.publisher.value = "RT"
    form.translator.value = MACHINE
    assert (tmp_path / "ana" / "00_start_here" / "provenance.json").exists()
    again = ProvenanceForm(seed, seed_key, student="ana")
    assert again.boxes[0].value is True and again.publisher.value == "RT" and again.translator.value == MACHINE
    result = again.check()
    assert result is not None and result.found
    assert "Clues you spotted" in again.feedback.value and "changed your answer" not in again.feedback.value
    again.publisher.value = "RT France"  # a change after the check: the feedback says it is out of date
    assert "changed your answer since this feedback" in again.feedback.value
    assert "Clues you spotted" in again.feedback.value
    again.check()
    assert "changed your answer" not in again.feedback.value


def test_form_without_key_still_saves(seed, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    form = ProvenanceForm(seed, None, student="bo")
    assert form.check_button.disabled and "no key" in form.feedback.value
    form.publisher.value = "RT"
    assert (tmp_path / "bo" / "00_start_here" / "provenance.json").exists()


def test_key_without_publisher_clue_does_not_judge_the_publisher(seed_key):
    from dataclasses import replace

    only_residue = replace(seed_key, provenance=[c for c in seed_key.provenance if "publisher" not in c.clue])
    result = check_provenance(only_residue, [], "Anyone", MACHINE)
    assert result.publisher_ok is None
    assert "names no publisher clue" in result.html([])


def test_publisher_is_named_as_a_word_or_spelled_out(seed_key):
    """ "RT" or "Russia Today" names the publisher; "art" only contains the letters."""
    from medialit.provenance import check_provenance

    for guess, ok in [("RT", True), ("RT France", True), ("Russia Today", True), ("art", False), ("Reuters", False)]:
        assert check_provenance(seed_key, [], guess, "").publisher_ok is ok, guess
