"""Load-and-segment speed: Article.from_text plus paragraphs, sentences and tokens.

Aim (issue 2): the case study under 10 ms, 1 MB under 2 s, linear in size.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import SEED_TEXT, median_time, news_text, row

from medialit.article import Article


def segment(text: str) -> None:
    art = Article.from_text(text)
    _ = art.paragraphs, art.sentences, art.tokens


def main() -> None:
    print("medialit: load and segment (median)")
    print(row("case study (5 KB)", median_time(lambda: segment(SEED_TEXT), repeat=50)))
    for size in (100_000, 1_000_000):
        text = news_text(size)
        t = median_time(lambda text=text: segment(text), repeat=5, warmup=1)
        print(row(f"news-like text, {size / 1e6:g} MB", t, f"{size / 1e6 / t:.2f} MB/s"))


if __name__ == "__main__":
    main()
