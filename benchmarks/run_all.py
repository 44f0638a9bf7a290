"""Every speed and memory figure of the kit in one table: the ``make bench`` entry point.

Measures, against the aims of issue 10:

* each analyzer, and ``analyze``, on the case study: median of many runs, a
  fresh Article each run (and the text-keyed token cache cleared), so no
  earlier run's work is reused; aim for ``analyze``: under 20 ms;
* ``analyze`` on 10 KB, 100 KB, 1 MB and 10 MB of news-like text, as seconds
  per MB: a flat column means linear growth; aim: under 1 s per MB;
* ``import medialit`` and the first ``analyze`` in a new process (NLTK import,
  lexicon compilation): median of 5 fresh interpreters; aim: import under 0.5 s;
* peak memory of ``analyze`` on the case study and on 1 MB (tracemalloc, and
  the whole process's maximum resident size), each in a fresh interpreter;
* the latency of every exercise-widget callback on the case study
  (``bench_widgets.py``); aim: under 50 ms each;
* with ``--notebooks``: the time to execute each notebook headless (nbclient).

Run:  .venv/bin/python benchmarks/run_all.py [--quick] [--notebooks] [--save F.json] [--baseline F.json]

``--quick`` skips the 10 MB text; ``--save`` writes the figures as JSON and
``--baseline`` adds a column with figures saved earlier (before and after).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import REPO, SEED_TEXT, medians_of, news_text

CASE = "rt-nato-russia-2022-01-12"
HERE = Path(__file__).resolve().parent


# ------------------------------------------------------------------ results
class Table:
    """Rows of (section, label, value, unit, aim); printed once at the end."""

    def __init__(self, baseline: dict[str, float] | None = None) -> None:
        self.rows: list[tuple[str, str, float | None, str, float | None, str]] = []
        self.baseline = baseline or {}

    def add(self, section: str, label: str, value: float | None, unit: str, aim: float | None = None, note: str = ""):
        self.rows.append((section, label, value, unit, aim, note))
        shown = "-" if value is None else _fmt(value, unit)
        print(f"  {label:<52} {shown:>12}", flush=True)

    def as_dict(self) -> dict[str, float]:
        return {f"{s} | {label}": v for s, label, v, _u, _a, _n in self.rows if v is not None}

    def print(self) -> None:
        has_base = bool(self.baseline)
        width = 56
        head = f"{'measurement':<{width}} {'value':>12}"
        if has_base:
            head += f" {'baseline':>12} {'change':>8}"
        head += f" {'aim':>10}  status"
        print()
        print(head)
        print("-" * len(head))
        section = None
        for s, label, value, unit, aim, note in self.rows:
            if s != section:
                print(f"[{s}]")
                section = s
            line = f"  {label:<{width - 2}} {('-' if value is None else _fmt(value, unit)):>12}"
            if has_base:
                base = self.baseline.get(f"{s} | {label}")
                line += f" {('-' if base is None else _fmt(base, unit)):>12}"
                change = f"x{base / value:.1f}" if base and value and unit in ("ms", "s", "s/MB") else ""
                line += f" {change:>8}"
            line += f" {('< ' + _fmt(aim, unit)) if aim is not None else '':>10}"
            if aim is not None and value is not None:
                line += "  ok" if value < aim else "  OVER"
            if note:
                line += f"  ({note})"
            print(line)


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "s/MB":
        return f"{value:.3f} s/MB"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def in_fresh_python(code: str, env: dict[str, str] | None = None, timeout: float = 900) -> dict:
    """Run ``code`` in a new interpreter; it prints one JSON object on its last line."""
    run_env = {**os.environ, **(env or {})}
    out = subprocess.run(
        # -P: do not put the working directory first on sys.path, so PYTHONPATH can point at another copy of
        # the kit (to measure a baseline) and the repository's own medialit/ does not shadow it
        [sys.executable, "-P", "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=run_env,
        timeout=timeout,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ sections
def fresh_article(text: str):
    """A new Article with nothing cached (the token cache is keyed on the text, so clear it too)."""
    from medialit import lexicon
    from medialit.article import Article

    lexicon._tokenize_cached.cache_clear()
    return Article.from_text(text)


def analyzers(table: Table, repeat: int) -> None:
    import medialit as ml
    from medialit.framing import find_passives, frame_profile

    print(f"analyzers on the case study (median of {repeat}, fresh Article each run)", flush=True)
    ml.analyze(fresh_article(SEED_TEXT))  # compile the lexicons once: that cost is measured separately
    fns: list[tuple[str, Callable]] = [
        ("find_quotes", ml.find_quotes),
        ("voices", ml.voices),
        ("find_loaded_terms", ml.find_loaded_terms),
        ("find_passives", find_passives),
        ("frame_profile", frame_profile),
        ("find_translation_artifacts", ml.find_translation_artifacts),
        ("language_path", ml.language_path),
        ("segmentation (paragraphs, sentences, tokens)", lambda a: (a.paragraphs, a.sentences, a.tokens)),
    ]
    for label, fn in fns:
        t, c = medians_of(fn, repeat, lambda: fresh_article(SEED_TEXT))
        table.add("case study", label, 1000 * t, "ms", note=f"CPU {1000 * c:.2f} ms")
    t, c = medians_of(ml.analyze, repeat, lambda: fresh_article(SEED_TEXT))
    table.add("case study", "analyze (all analyzers)", 1000 * t, "ms", 20.0, note=f"CPU {1000 * c:.2f} ms")
    art = fresh_article(SEED_TEXT)
    ml.analyze(art)
    table.add("case study", "analyze again, same Article", 1000 * medians_of(lambda: ml.analyze(art), repeat)[0], "ms")


def throughput(table: Table, quick: bool) -> None:
    import medialit as ml

    sizes = [(10_000, 20), (100_000, 5), (1_000_000, 3)] + ([] if quick else [(10_000_000, 1)])
    print("analyze on news-like text (fresh Article each run, segmentation included)", flush=True)
    per_mb = []
    for size, repeat in sizes:
        text = news_text(size)
        mb = len(text.encode()) / 1e6
        t, c = medians_of(lambda a: ml.analyze(a), repeat, lambda text=text: fresh_article(text))
        per_mb.append(t / mb)
        label = f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size // 1000} KB"
        table.add("throughput", f"analyze, {label} (median of {repeat})", t / mb, "s/MB", 1.0, f"CPU {c / mb:.3f} s/MB")
    table.add(
        "throughput",
        "linearity: s/MB at the largest size / s/MB at 100 KB",
        round(per_mb[-1] / per_mb[1], 2),
        "x",
        note="1.0 = linear",
    )


_IMPORT_CODE = """
import json, time
t0 = time.perf_counter()
import medialit as ml
t1 = time.perf_counter()
art = ml.load_article({case!r})
t2 = time.perf_counter()
ml.analyze(art)
t3 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "first_analyze": t3 - t2}}))
"""


def startup(table: Table, repeat: int = 5) -> None:
    print(f"import and first call in a new interpreter (median of {repeat})", flush=True)
    runs = [in_fresh_python(_IMPORT_CODE.format(case=CASE)) for _ in range(repeat)]
    table.add("startup", "import medialit", statistics.median(r["import"] for r in runs), "s", 0.5)
    table.add("startup", "first load_article (imports NLTK)", statistics.median(r["load"] for r in runs), "s")
    table.add(
        "startup",
        "first analyze (imports analyzers, reads lexicons)",
        statistics.median(r["first_analyze"] for r in runs),
        "s",
    )


_MEMORY_CODE = """
import json, resource, sys, tracemalloc
sys.path.insert(0, {bench!r})
import medialit as ml
from medialit.article import Article
from _util import news_text
size = {size}
text = ml.load_article({case!r}).text if size == 0 else news_text(size)
ml.analyze(Article.from_text("Warm up: the lexicons are compiled once per process, said a spokesman."))
art = Article.from_text(text)
tracemalloc.start()
ml.analyze(art)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
# VmHWM (peak resident size since exec) rather than ru_maxrss, which on Linux carries over the
# resident size of the parent process this one was forked from.
try:
    hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"peak": peak, "maxrss_kb": hwm}}))
"""


def memory(table: Table) -> None:
    print("peak memory of analyze (each in a new interpreter)", flush=True)
    for label, size in (("case study", 0), ("1 MB", 1_000_000)):
        r = in_fresh_python(_MEMORY_CODE.format(bench=str(HERE), size=size, case=CASE))
        table.add("memory", f"analyze {label}: peak allocated (tracemalloc)", r["peak"] / 1e6, "MB")
        table.add("memory", f"analyze {label}: process max resident size", r["maxrss_kb"] / 1024, "MB")


_WIDGETS_CODE = """
import contextlib, io, json, sys
sys.path.insert(0, {bench!r})
import bench_widgets
with contextlib.redirect_stdout(io.StringIO()):
    results = bench_widgets.main()
print(json.dumps(results))
"""

# The lesson widgets whose callbacks run an analyzer or draw a chart. Charts are rendered to PNG, as the
# notebook's inline backend does on every redraw, so the figure is what a student waits for.
_LESSON_WIDGETS_CODE = """
import contextlib, io, json, sys, tempfile, os, warnings
warnings.simplefilter("ignore")
os.environ["MEDIALIT_ANSWERS"] = tempfile.mkdtemp(prefix="medialit-bench-")
sys.path.insert(0, {bench!r})
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats
select_figure_formats(InteractiveShell.instance(), {{"png"}})
from _util import median_time
import medialit as ml
from medialit.loaded_widgets import RewriteExercise
from medialit.translation import reconstruction_items
from medialit.translation_exercise import ReconstructionExercise
from medialit.widgets.frame_coder import FrameCoder

art = ml.load_article({case!r})
key = ml.load_key(art)
results = []
with contextlib.redirect_stdout(io.StringIO()):
    coder = FrameCoder(art, key, notebook="bench")
    qids = list(coder.toggles)
    flips = iter(range(10**6))

    def answer():
        k = next(flips)
        coder.toggles[qids[k % len(qids)]].value = bool(k % 2)

    results.append(("FrameCoder: answer a question (save, redraw HTML chart)", median_time(answer, repeat=10)))
    results.append(("FrameCoder: Compare with the key (feedback, chart)", median_time(coder.show_comparison, repeat=10)))
    results.append(("FrameCoder: Show the kit's evidence (evidence, chart)", median_time(coder.show_evidence, repeat=10)))
    rewrite = RewriteExercise(art.sentences[3].text, exercise="rewrite", notebook="bench")
    typed = iter(range(10**6))
    results.append((
        "RewriteExercise: leave the box (analyse the rewrite)",
        median_time(lambda: rewrite.write("The alliance said it was open to talks" + "." * (next(typed) % 3)), 20),
    ))
    items = reconstruction_items(ml.find_translation_artifacts(art), 6)
    rebuild = ReconstructionExercise(art, items, exercise="rebuild", notebook="bench")
    guesses = iter(range(10**6))
    results.append((
        "ReconstructionExercise: leave a box (check the guess)",
        median_time(lambda: rebuild.write(0, "a chance for peace" + " " * (next(guesses) % 2)), 20),
    ))
print(json.dumps(results))
"""


def widgets(table: Table) -> None:
    print("widget callbacks on the case study (bench_widgets.py and the lesson widgets, medians)", flush=True)
    results = in_fresh_python(_WIDGETS_CODE.format(bench=str(HERE)), env={"MPLBACKEND": "Agg"})
    results += in_fresh_python(_LESSON_WIDGETS_CODE.format(bench=str(HERE), case=CASE), env={"MPLBACKEND": "Agg"})
    for label, seconds in results:
        table.add("widgets", label, 1000 * seconds, "ms", 50.0)


def notebooks(table: Table) -> None:
    import nbformat
    from nbclient import NotebookClient

    paths = sorted(p for p in (REPO / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    print(f"executing {len(paths)} notebooks headless (nbclient, fresh kernel each)", flush=True)
    answers = tempfile.mkdtemp(prefix="medialit-bench-answers-")
    saved = {k: os.environ.get(k) for k in ("MEDIALIT_ANSWERS", "MEDIALIT_STUDENT", "MPLBACKEND")}
    os.environ.update({"MEDIALIT_ANSWERS": answers, "MEDIALIT_STUDENT": "bench", "MPLBACKEND": "Agg"})
    try:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            )
            t = time.perf_counter()
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings are not figures
            table.add("notebooks", str(path.relative_to(REPO / "notebooks")), time.perf_counter() - t, "s")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB text")
    parser.add_argument("--notebooks", action="store_true", help="also time every notebook, executed headless")
    parser.add_argument("--repeat", type=int, default=50, help="runs per analyzer on the case study (default 50)")
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--baseline", type=Path, help="JSON saved earlier with --save, shown beside the figures")
    parser.add_argument(
        "--only",
        default="analyzers,throughput,startup,memory,widgets",
        help="comma-separated sections to run (analyzers, throughput, startup, memory, widgets)",
    )
    args = parser.parse_args(argv)
    import warnings

    warnings.simplefilter("ignore")
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None
    table = Table(baseline)
    only = {s.strip() for s in args.only.split(",")}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"medialit benchmarks on {os.cpu_count()} CPUs (load average {load}: other work stretches wall-clock times)")
    if "analyzers" in only:
        analyzers(table, max(30, args.repeat))
    if "throughput" in only:
        throughput(table, args.quick)
    if "startup" in only:
        startup(table)
    if "memory" in only:
        memory(table)
    if "widgets" in only:
        widgets(table)
    if args.notebooks or "notebooks" in only:
        notebooks(table)
    table.print()
    if args.save:
        merged = json.loads(args.save.read_text()) if args.save.exists() else {}
        merged.update(table.as_dict())
        args.save.write_text(json.dumps(merged, indent=1))
        print(f"\nsaved to {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
