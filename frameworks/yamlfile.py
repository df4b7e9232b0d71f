"""Reading the data files: YAML that refuses a key written twice in one mapping.

PyYAML keeps the last of two equal keys without a word, so an edited framework or cue file could
silently lose a line or a weight. Every data file in `frameworks/` and `tagging/data/` is read here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class DuplicateKeyError(ValueError):
    """A mapping in a data file names the same key twice."""


class _StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise DuplicateKeyError(
                f"{key_node.start_mark.name}: line {line}: key {key!r} is written twice in one mapping "
                f"(first on line {seen[key]}); keep one"
            )
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: str | Path) -> Any:
    """The parsed content of a YAML file; DuplicateKeyError (a ValueError) names file, line and key."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return loads_yaml(text, str(path))


def loads_yaml(text: str, name: str = "<string>") -> Any:
    loader = _StrictLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
