"""Small timing helpers shared by the benchmark scripts (no dependencies)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_TEXT = (REPO / "data" / "articles" / "rt-nato-russia-2022-01-12" / "article.txt").read_text(encoding="utf-8")


def median_time(fn: Callable[[], object], repeat: int = 30, warmup: int = 2) -> float:
    """Median wall time of ``fn()`` in seconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def news_text(n_bytes: int) -> str:
    """News-like text of about ``n_bytes``: the seed's paragraphs repeated and lightly varied."""
    paras = [p for p in SEED_TEXT.split("\n") if p.strip()]
    out, size, i = [], 0, 0
    while size < n_bytes:
        p = paras[i % len(paras)]
        if (i // len(paras)) % 2:
            p = p.replace("Grushko", "Ryabkov").replace("NATO", "the alliance")
        out.append(p)
        size += len(p.encode()) + 2
        i += 1
    return "\n\n".join(out)


def row(label: str, seconds: float, extra: str = "") -> str:
    return f"{label:<48} {seconds * 1000:>10.2f} ms  {extra}"
