"""Speed and memory of the framing analyzers: frame_profile, find_passives, actor_table.

Run:  .venv/bin/python benchmarks/bench_framing.py [--repeat N]

Prints the median time per call on the case study, on the contrast article,
and on a long synthetic text (the case study repeated), with the peak memory
that one call allocates (tracemalloc). Numbers are for a teaching kit: a
notebook call should stay well under a second for a news article.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable

import medialit as ml
from medialit.agency import actor_table, find_passives
from medialit.article import Article
from medialit.framing import frame_profile


def fresh(text: str) -> Article:
    """A new Article each time, so cached paragraphs and tokens are part of the cost."""
    return Article.from_text(text)


def bench(name: str, fn: Callable[[Article], object], text: str, repeat: int) -> None:
    fn(fresh(text))  # warm the lexicon caches
    times = []
    for _ in range(repeat):
        art = fresh(text)
        t0 = time.perf_counter()
        fn(art)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    fn(fresh(text))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:<14} {len(text):>9,} chars  median {statistics.median(times) * 1000:8.1f} ms"
        f"  min {min(times) * 1000:8.1f} ms  peak {peak / 1e6:6.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    case = ml.load_article("rt-nato-russia-2022-01-12").text
    contrast = ml.load_article("nato-press-conference-2022-01-12").text
    long_text = "\n\n".join([case] * 100)
    cases = [("case study", case, args.repeat), ("contrast", contrast, args.repeat), ("case x100", long_text, 3)]
    for label, text, n in cases:
        print(f"-- {label}")
        bench("frame_profile", frame_profile, text, n)
        bench("find_passives", find_passives, text, n)
        bench("actor_table", actor_table, text, n)


if __name__ == "__main__":
    main()
