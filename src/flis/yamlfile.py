"""YAML with line numbers, for definitions that must report problems by file and line.

Adapters, the canonical model and the key-figure catalogue are YAML written by people.
When something is wrong in them, the message must say where: :func:`load` returns plain
dicts and lists, but every mapping is a :class:`Located` dict that knows its file, its
line and the line of each key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Located(dict):
    """A YAML mapping that remembers where it was written."""

    file: str = ""
    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def where(self, key: str | None = None) -> str:
        return f"{self.file}:{self.line_of(key) if key else self.line}"


class _Loader(yaml.SafeLoader):
    file = ""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Located:
    loader.flatten_mapping(node)
    out = Located()
    out.file, out.line, out.key_lines = loader.file, node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {out.key_lines[key]})", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_text(text: str, file: str) -> Any:
    loader = _Loader(text)
    loader.file = file
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load(path: Path, name: str | None = None) -> Any:
    """Load ``path``; ``name`` is how the file is named in messages (default: its path)."""
    return load_text(Path(path).read_text(encoding="utf-8"), name or str(path))
