"""Safe YAML reading that remembers line numbers.

Instructors write key and meta files by hand, so every error must point at a
line. ``yaml.safe_load`` forgets where things came from; this loader keeps a
``line`` on every mapping and list it builds, and refuses tags such as
``!!python/object`` (which could run code) with a message that says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["YamlFileError", "LineDict", "LineList", "load_yaml", "load_yaml_mapping", "line_of"]


class YamlFileError(ValueError):
    """A problem in a YAML file, with the file, the line and how to fix it."""

    def __init__(self, path: str | Path, line: int | None, message: str, fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.fix = fix
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}" + (f" Fix: {fix}" if fix else ""))


class LineDict(dict):
    """A dict that knows the (1-based) line it started on."""

    line: int = 0


class LineList(list):
    """A list that knows the (1-based) line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice in one entry", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: str | Path) -> Any:
    """Parse a YAML file safely; errors become ``YamlFileError`` with a line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise YamlFileError(
            path, None, f"cannot be read ({e.strerror or e}).", "check the path and permissions."
        ) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlFileError(path, None, "is not UTF-8 text.", "save the file as UTF-8 in your editor.") from e
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise YamlFileError(
            path, line, "contains a tab character; YAML indents with spaces only.", "replace tabs with spaces."
        )
    try:
        return yaml.load(text, Loader=_LineLoader)  # _LineLoader is a SafeLoader subclass
    except yaml.constructor.ConstructorError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        problem = e.problem or str(e)
        if "could not determine a constructor" in problem:
            raise YamlFileError(
                path,
                line,
                "uses a YAML tag (such as !!python/object) that the kit refuses, because it could run code.",
                "remove the tag; write plain text, lists and key: value pairs only.",
            ) from e
        raise YamlFileError(path, line, problem + ".", "keep each key once per entry.") from e
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise YamlFileError(
            path,
            line,
            f"is not valid YAML ({e.problem}).",
            "check the indentation, and put text containing ': ' or starting with a quote mark inside quotes.",
        ) from e
    except yaml.YAMLError as e:
        raise YamlFileError(path, None, f"is not valid YAML ({e}).", "check the file in a YAML validator.") from e


def load_yaml_mapping(path: str | Path) -> LineDict:
    """Like ``load_yaml`` but the top level must be a mapping (``key: value`` lines)."""
    data = load_yaml(path)
    if data is None:
        return LineDict()
    if not isinstance(data, dict):
        raise YamlFileError(
            path, 1, "should be a list of `name: value` lines at the top level.", "see the example in the README."
        )
    return data


def line_of(obj: Any, default: int | None = None) -> int | None:
    """The line an object parsed by this module started on."""
    return getattr(obj, "line", None) or default
