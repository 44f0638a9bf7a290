"""FrameCoder: code an article with Semetko & Valkenburg's yes/no questions.

The student answers twenty questions (five frames) with yes/no toggles. The
kit turns the answers into frame scores (the share of "yes" per frame),
draws them as a bar chart, compares them with the key's coding
(``key.frames["generic"]``), and shows its own automatic evidence: the
sentences that carry each frame's cue words. The answers are saved after
every change and come back when the notebook is run again.

    from medialit.widgets.frame_coder import FrameCoder
    FrameCoder(article, key, notebook="01_framing")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..answers import AnswerStore
from ..framing import FrameProfile, code_generic, frame_profile, generic_frames, generic_source
from .base import Exercise, button, esc

if TYPE_CHECKING:
    from ..article import Article
    from ..keys import Key

__all__ = ["FrameCoder", "PRESENT"]

#: A frame counts as present in a student's coding when at least this share of its questions is "yes".
PRESENT = 0.5


class FrameCoder(Exercise):
    """Yes/no frame coding for one article, with scores, a chart, the key and the kit's evidence.

    ``key`` may be None (an article without a key): the coding still works
    and is saved, and the comparison says that feedback is unavailable.
    Pass ``student`` to save under a given name (``AnswerStore(student,
    notebook)``); by default the notebook's student name is used.
    """

    kind = "frame_coder"

    def __init__(
        self,
        article: Article,
        key: Key | None = None,
        *,
        notebook: str,
        exercise: str = "generic_frames",
        student: str | None = None,
        store: AnswerStore | None = None,
        profile: FrameProfile | None = None,
    ) -> None:
        self.article = article
        self.key = key
        self.frames = generic_frames()
        self._profile = profile
        # The key's frames and the kit's estimate stay hidden until asked for, so they cannot steer the coding.
        self.key_shown = False
        self.kit_shown = False
        if store is None and student is not None:
            store = AnswerStore(student, notebook)
        self.toggles: dict[str, w.ToggleButtons] = {}
        sections: list[w.Widget] = []
        for frame in self.frames.values():
            rows: list[w.Widget] = [w.HTML(f"<h4 style='margin:.6em 0 .2em'>{esc(frame.label)}</h4>")]
            for qid, text in frame.questions:
                t = w.ToggleButtons(
                    options=[("yes", True), ("no", False)],
                    value=None,
                    style={"button_width": "3.6em"},
                    layout=w.Layout(width="9em", flex="0 0 auto"),
                )
                t.observe(self._on_toggle, names="value")
                self.toggles[qid] = t
                rows.append(w.HBox([t, w.HTML(f"<span style='line-height:1.35'>{esc(text)}</span>")]))
            sections.append(w.VBox(rows))
        intro = w.HTML(
            "<p>Read the article, then answer each question with <b>yes</b> or <b>no</b>. "
            "A frame's score is the share of its questions you answered yes. Unanswered questions count as no.</p>"
            f"<p><small>Questions adapted in the kit's own words from {esc(generic_source())}</small></p>"
        )
        self.chart = w.HTML()
        self.feedback = w.HTML()
        self.evidence_box = w.HTML()
        self.check_button = button("Compare with the key", icon="check", button_style="info")
        self.evidence_button = button("Show the kit's evidence", icon="search")
        self.check_button.on_click(lambda _b: self.show_comparison())
        self.evidence_button.on_click(lambda _b: self.show_evidence())
        super().__init__(
            [
                intro,
                *sections,
                self.chart,
                w.HBox([self.check_button, self.evidence_button]),
                self.feedback,
                self.evidence_box,
            ],
            exercise=exercise,
            notebook=notebook,
            store=store,
        )
        self.add_class("ml-frame-coder")  # for the browser tests and for instructors' custom CSS
        self.draw()

    # ------------------------------------------------------------ state
    @property
    def answers(self) -> dict[str, bool | None]:
        """Question id -> True (yes), False (no) or None (not answered yet)."""
        return {qid: t.value for qid, t in self.toggles.items()}

    def answer_state(self) -> dict[str, Any]:
        return {"answers": {qid: v for qid, v in self.answers.items() if v is not None}}

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        saved = data.get("answers", {})
        if not isinstance(saved, dict):
            raise TypeError("answers should be a mapping of question id to yes/no")
        for qid, t in self.toggles.items():
            v = saved.get(qid)
            t.value = v if isinstance(v, bool) else None
        self.draw()

    def set_answers(self, answers: dict[str, bool | None]) -> None:
        """Set several answers at once (for scripts and tests); saves once."""
        unknown = set(answers) - set(self.toggles)
        if unknown:
            raise KeyError(f"unknown question ids: {', '.join(sorted(unknown))}")
        with self.quiet():
            for qid, v in answers.items():
                self.toggles[qid].value = v
        self.changed()
        self.draw()

    def _on_toggle(self, _change: dict[str, Any]) -> None:
        if self._quiet:
            return
        self.changed()
        self.draw()

    # ----------------------------------------------------------- scores
    @property
    def profile(self) -> FrameProfile:
        """The kit's cue-based profile of the article (computed once)."""
        if self._profile is None:
            self._profile = frame_profile(self.article)
        return self._profile

    def scores(self) -> dict[str, float]:
        """Share of "yes" per frame, from the current answers."""
        return code_generic(self.answers)

    def unanswered(self) -> int:
        return sum(1 for v in self.answers.values() if v is None)

    def key_frames(self) -> list[str] | None:
        """The key's generic frames, or None when there is no key (or it has no frame coding)."""
        if self.key is None:
            return None
        frames = self.key.frames.get("generic")
        return list(frames) if frames is not None else None

    def comparison(self) -> dict[str, list[str]]:
        """Frames both see ("matched"), only the key sees ("missed"), only the student sees ("extra")."""
        keyed = self.key_frames() or []
        mine = [f for f, s in self.scores().items() if s >= PRESENT]
        return {
            "matched": [f for f in self.frames if f in keyed and f in mine],
            "missed": [f for f in self.frames if f in keyed and f not in mine],
            "extra": [f for f in self.frames if f in mine and f not in keyed],
        }

    # ------------------------------------------------------------ views
    def draw(self) -> None:
        """Redraw the bar chart of the student's scores, with the key's frames marked.

        The chart is plain HTML rather than a matplotlib figure: every toggle
        redraws it, and an HTML chart costs well under a millisecond where a
        figure took ~90 ms (a lag students notice). It also reads as text for
        screen readers: each row says the frame, the score and the kit's estimate.
        """
        self.chart.value = self.chart_html()

    def chart_html(self) -> str:
        """The score chart as escaped HTML: one row per frame, a bar for the student's share of yes."""
        scores = self.scores()
        keyed = set(self.key_frames() or []) if self.key_shown else set()
        kit = self.profile.group("generic") if self.kit_shown else None
        rows = []
        for name, frame in self.frames.items():
            share = scores[name]
            star = " ★" if name in keyed else ""
            label = f"{frame.label}{star}"
            kit_mark = ""
            kit_text = ""
            if kit is not None:
                k = min(max(kit[name], 0.0), 1.0)
                kit_mark = (
                    f"<span class='ml-fc-kit' title='kit cue share {k:.0%}' "
                    f"style='position:absolute;left:calc({k * 100:.1f}% - 1px);top:-3px;bottom:-3px;"
                    "width:3px;background:#333'></span>"
                )
                kit_text = f"; kit {k:.0%}"
            rows.append(
                "<div class='ml-fc-row' style='display:flex;align-items:center;gap:.6em;margin:.15em 0' "
                f"aria-label='{esc(frame.label)}: you {share:.0%}{kit_text}{', in the key' if star else ''}'>"
                f"<span style='flex:0 0 15em;text-align:right'>{esc(label)}</span>"
                "<span style='flex:0 1 24em;position:relative;height:1.1em;background:#f0f0f0'>"
                f"<span style='position:absolute;left:0;top:0;bottom:0;width:{share * 100:.1f}%;background:#6baed6'>"
                "</span>"
                f"<span style='position:absolute;left:{PRESENT * 100:.1f}%;top:0;bottom:0;border-left:1px dashed #888'>"
                "</span>"
                f"{kit_mark}</span>"
                f"<span style='flex:0 0 8em'>{share:.0%}{esc(kit_text)}</span></div>"
            )
        legend = (
            "blue bar = your coding (share of yes); dashed line = "
            f"{PRESENT:.0%}, where the kit counts a frame as present"
        )
        if kit is not None:
            legend += "; black mark = the kit's cue share"
        if keyed:
            legend += "; ★ = one of the key's frames"
        return (
            "<div class='ml-fc-chart' role='figure' aria-label='Your frame scores'>"
            "<p style='margin:.4em 0 .2em'><b>Your frame scores</b></p>"
            + "".join(rows)
            + f"<p style='margin:.2em 0'><small>{esc(legend)}</small></p></div>"
        )

    def comparison_html(self) -> str:
        """Feedback: matched, missed (with the kit's evidence) and extra frames, with a hint first."""
        keyed = self.key_frames()
        if keyed is None:
            return (
                "<p>There is no answer key with a frame coding for this article, so the kit cannot compare. "
                "Compare your coding with a classmate's instead.</p>"
            )
        scores = self.scores()
        cmp = self.comparison()
        parts = []
        left = self.unanswered()
        if left:
            parts.append(f"<p>⚠ {left} question(s) are still unanswered; they count as no.</p>")
        for f in cmp["matched"]:
            parts.append(
                f"<p>✓ <b>{esc(self.frames[f].label)}</b>: you and the key both see this frame "
                f"(you: {scores[f]:.0%} yes).</p>"
            )
        for f in cmp["missed"]:
            parts.append(
                f"<p>✗ <b>{esc(self.frames[f].label)}</b>: the key codes this frame, you gave it {scores[f]:.0%}. "
                f"{esc(self.frames[f].summary)} Sentences with its cue words:</p>" + self.profile.evidence_html(f, 2)
            )
        for f in cmp["extra"]:
            parts.append(
                f"<p>＋ <b>{esc(self.frames[f].label)}</b>: you see this frame ({scores[f]:.0%} yes); the key does not "
                "list it as a main frame. Which sentence made you say yes? Bring it to the discussion.</p>"
            )
        if not cmp["missed"] and not cmp["extra"]:
            parts.append("<p>Your coding agrees with the key on every frame.</p>")
        return "<div class='ml-feedback'>" + "".join(parts) + "</div>"

    def show_comparison(self) -> None:
        self.key_shown = True
        self.feedback.value = self.comparison_html()
        self.draw()

    def evidence_html(self) -> str:
        """The kit's automatic evidence per generic frame: sentences with its cue words."""
        parts = [
            "<p><b>The kit's evidence</b> (cue words, in bold; hover for why). Cues are hints, not proof: "
            "decide for each sentence whether it really carries the frame.</p>"
        ]
        kit = self.profile.group("generic")
        for name, frame in self.frames.items():
            parts.append(f"<p style='margin:.5em 0 0'><b>{esc(frame.label)}</b> (cue share {kit[name]:.0%})</p>")
            parts.append(self.profile.evidence_html(name, 3))
        return "<div>" + "".join(parts) + "</div>"

    def show_evidence(self) -> None:
        self.kit_shown = True
        self.evidence_box.value = self.evidence_html()
        self.draw()
