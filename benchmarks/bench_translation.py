"""Speed and memory of the translation-artifact detectors.

Aim (issue 8): under 10 ms on the case study, linear on 1 MB. Prints the
median time of ``find_translation_artifacts`` on a fresh Article (so cached
segmentation does not flatter it), each detector's share, the one-time cost
of loading and compiling the lexicons, and time per MB at three sizes: if
the detectors are linear, the ms/MB column stays roughly flat.

Run:  .venv/bin/python benchmarks/bench_translation.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import SEED_TEXT, median_time, news_text, row

from medialit import cache
from medialit.article import Article


def main() -> None:
    t0 = time.perf_counter()
    from medialit import translation_rules
    from medialit.translation import DETECTORS, find_translation_artifacts, language_path
    from medialit.translation_base import TextIndex
    from medialit.translation_marks import scan_marks

    rules = translation_rules.rules()
    print("medialit: translation artifacts (median)")
    print(row(f"import + load and compile {len(rules)} lexicon rules (once)", time.perf_counter() - t0))

    seed = Article.from_text(SEED_TEXT)
    found = find_translation_artifacts(seed)
    t = median_time(lambda: find_translation_artifacts(Article.from_text(SEED_TEXT)), repeat=50, warmup=3)
    print(row("case study, fresh Article (5 KB)", t, f"{len(found)} findings; aim < 10 ms"))
    print(row("case study, language_path", median_time(lambda: language_path(Article.from_text(SEED_TEXT)), repeat=30)))

    index, marks = TextIndex(seed.text), scan_marks(seed)
    for name, detect in DETECTORS.items():
        print(row(f"  detector: {name}", median_time(lambda d=detect: d(seed, index, marks), repeat=50)))

    per_mb = []
    for size in (250_000, 500_000, 1_000_000):
        text = news_text(size)
        art = Article.from_text(text)
        _ = art.paragraphs
        # results are kept per article (medialit.cache): forget them, so every run does the work
        t = median_time(lambda art=art: (cache.clear(art), find_translation_artifacts(art)), repeat=3, warmup=1)
        per_mb.append(t / (len(text.encode()) / 1e6))
        print(row(f"news-like text, {size / 1e6:g} MB", t, f"{per_mb[-1]:.2f} s/MB"))
    print(f"{'linearity (s/MB at 1 MB ÷ s/MB at 0.25 MB)':<48} {per_mb[-1] / per_mb[0]:>10.2f}     (1.0 = linear)")

    text = news_text(1_000_000)
    art = Article.from_text(text)
    _ = art.paragraphs
    tracemalloc.start()
    find_translation_artifacts(art)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{'peak memory above the article, 1 MB':<48} {peak / 1e6:>10.1f} MB")


if __name__ == "__main__":
    main()
