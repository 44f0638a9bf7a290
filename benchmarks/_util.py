"""Small timing helpers shared by the benchmark scripts (no dependencies)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_TEXT = (REPO / "data" / "articles" / "rt-nato-russia-2022-01-12" / "article.txt").read_text(encoding="utf-8")


def median_time(fn: Callable[[], object], repeat: int = 30, warmup: int = 2) -> float:
    """Median wall time of ``fn()`` in seconds, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    return medians_of(fn, repeat)[0]


def medians_of(fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> tuple[float, float]:
    """Median (wall-clock, CPU) seconds of ``fn(setup())``.

    CPU time is printed beside wall-clock time because on a shared machine
    other processes stretch wall-clock times, not CPU times.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        arg = setup() if setup else None
        t, c = time.perf_counter(), time.process_time()
        fn(arg) if setup else fn()  # type: ignore[call-arg]
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return statistics.median(wall), statistics.median(cpu)


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
