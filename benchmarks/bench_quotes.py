"""Quote attribution: accuracy on the keyed texts, and speed.

Prints precision, recall, speaker and kind accuracy of ``find_quotes`` on
the case study and on the constructed test text; the median time of
``find_quotes`` on the case study (a fresh Article each run, so nothing is
cached; aim: under 5 ms), as wall-clock and as CPU time; and words per
second on about 1 MB of news-like text (the two keyed articles repeated,
names varied), at two sizes to show that the time grows linearly. Sizes are
timed in CPU time, because on a shared machine other processes stretch
wall-clock times.

Run: .venv/bin/python benchmarks/bench_quotes.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import REPO, SEED_TEXT, median_time, row

import medialit as ml
from medialit.article import Article

TEST_SLUG = "quotes-test-council-vote"


def news_like(n_bytes: int) -> str:
    """About ``n_bytes`` of news: both keyed articles, paragraph by paragraph, with names varied per copy."""
    test_text = (REPO / "data" / "articles" / TEST_SLUG / "article.txt").read_text(encoding="utf-8")
    paras = [p for text in (SEED_TEXT, test_text) for p in text.split("\n") if p.strip()]
    names = [("Grushko", "Ryabkov"), ("Reyes", "Moreno"), ("Okafor", "Adeyemi"), ("NATO", "the alliance")]
    out, size, i = [], 0, 0
    while size < n_bytes:
        p = paras[i % len(paras)]
        if (i // len(paras)) % 2:
            for old, new in names:
                p = p.replace(old, new)
        out.append(p)
        size += len(p.encode()) + 2
        i += 1
    return "\n\n".join(out)


def accuracy() -> None:
    print("medialit: quote attribution against the keys")
    for slug in ("rt-nato-russia-2022-01-12", TEST_SLUG):
        art = ml.load_article(slug)
        s = ml.score(ml.find_quotes(art), ml.load_key(art), "quotes")
        print(
            f"  {slug:<28} precision {s.precision:.2f}  recall {s.recall:.2f}  "
            f"speaker {s.agreement('speaker'):.2f}  kind {s.agreement('kind'):.2f}  "
            f"({len(s.matched)} matched, {len(s.missed)} missed, {len(s.extra)} extra)"
        )


def cpu_median(fn, repeat: int) -> float:
    """Median CPU time of ``fn()`` in seconds (CPU time, so other busy processes do not inflate it)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def speed() -> None:
    print("medialit: find_quotes speed (a fresh Article each run, so nothing is cached)")
    ml.find_quotes(Article.from_text(SEED_TEXT))  # load the lexicons and compile the rules once
    articles = iter([Article.from_text(SEED_TEXT) for _ in range(700)])
    wall = median_time(lambda: ml.find_quotes(next(articles)), repeat=300, warmup=5)
    cpu = cpu_median(lambda: ml.find_quotes(next(articles)), repeat=300)
    print(row("case study (5 KB), wall-clock median", wall, "aim: under 5 ms"))
    print(row("case study (5 KB), CPU-time median", cpu, "aim: under 5 ms"))
    for size in (250_000, 1_000_000):
        text = news_like(size)
        words = len(text.split())
        best = float("inf")
        for _ in range(3):
            art = Article.from_text(text)
            start = time.process_time()
            ml.find_quotes(art)
            best = min(best, time.process_time() - start)
        print(row(f"news-like text, {size / 1e6:g} MB (CPU, best of 3)", best, f"{words / best:,.0f} words/s"))


if __name__ == "__main__":
    accuracy()
    speed()
