"""Lexicons and word lists that ship inside the package.

Each file is plain CSV or YAML an instructor can open in a spreadsheet or
editor. CSV files may start with ``#`` lines (source, licence, notes); the
first other line is the header. ``read_csv`` reports a malformed row by file
and line, because these files are edited by hand.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["ResourceError", "path", "read_csv", "read_text"]


class ResourceError(ValueError):
    """A lexicon file that cannot be used as it is; says which file and line."""


def path(name: str) -> Path:
    """Filesystem path of a bundled resource."""
    return Path(str(resources.files(__name__).joinpath(name)))


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _read_csv_cached(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(tuple(row.items()) for row in parse_csv(read_text(name), name))


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a bundled CSV as dicts (header from the first non-comment line). Cached."""
    return [dict(items) for items in _read_csv_cached(name)]


def parse_csv(text: str, name: str = "<csv>", required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Parse CSV text with ``#`` comment lines; every row must have the header's columns."""
    lines = text.splitlines()
    body_start = 0
    while body_start < len(lines) and (lines[body_start].startswith("#") or not lines[body_start].strip()):
        body_start += 1
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return []
    missing = [c for c in required if c not in header]
    if missing:
        raise ResourceError(f"{name}, line {body_start + 1}: the header lacks {', '.join(missing)}.")
    rows = []
    for row in reader:
        lineno = body_start + reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
            continue
        if len(row) != len(header):
            raise ResourceError(
                f"{name}, line {lineno}: expected {len(header)} columns ({', '.join(header)}) but found {len(row)}. "
                "Fix: put text that contains commas inside double quotes."
            )
        rows.append({h: v.strip() for h, v in zip(header, row, strict=True)})
    return rows
