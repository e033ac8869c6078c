"""Rules-as-data: YAML files validated by pydantic at load time.

A bad entry raises ``DataFileError`` naming the file, the line, the entry and the field, in the spirit of
medspaCy's ``ContextRule.from_dict``: unknown keys are refused, not ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """A data file (lexicon, modifiers, glossary, guideline table, profile) is malformed."""

    def __init__(self, path: str | Path, message: str, line: int | None = None, entry: str | None = None):
        where = f"{path}"
        if line is not None:
            where += f":{line}"
        if entry:
            where += f" (entry {entry})"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.entry = entry


class StrictModel(BaseModel):
    """Base for data-file entries: unknown keys are errors, values are immutable after load."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _duplicate_key(node: yaml.Node | None) -> tuple[str, int] | None:
    """The first key said twice in one mapping (YAML keeps the last one silently: an entry with two
    ``exclude`` lists loses the first), with its line."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        return k.value, k.start_mark.line + 1
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return None


def _load_nodes(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(path, f"invalid YAML: {getattr(exc, 'problem', exc)}", line=line) from exc
    dup = _duplicate_key(node)
    if dup is not None:
        raise DataFileError(
            path, f"key '{dup[0]}' is given twice in one entry (the first would be lost)", line=dup[1]
        )
    return data, node


def _item_lines(node: yaml.Node | None, key: str) -> list[int]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(entry)"
        parts.append(f"field '{loc}': {err['msg']}")
    return "; ".join(parts)


def load_entries(path: str | Path, key: str, model: type[M]) -> Iterator[tuple[M, int | None]]:
    """Yield validated entries of the list under ``key`` with their line numbers."""
    p = Path(path)
    data, node = _load_nodes(p)
    if not isinstance(data, dict) or key not in data:
        raise DataFileError(p, f"expected a mapping with a '{key}' list at the top level")
    items = data[key]
    if not isinstance(items, list):
        raise DataFileError(p, f"'{key}' must be a list")
    lines = _item_lines(node, key)
    for i, raw in enumerate(items):
        line = lines[i] if i < len(lines) else None
        label = (
            str(raw.get("code") or raw.get("name") or raw.get("term") or raw.get("literal") or i)
            if isinstance(raw, dict)
            else str(i)
        )
        if not isinstance(raw, dict):
            raise DataFileError(p, "entry must be a mapping", line=line, entry=label)
        try:
            yield model.model_validate(raw), line
        except ValidationError as exc:
            raise DataFileError(p, _format_validation(exc), line=line, entry=label) from exc


def load_mapping(path: str | Path, model: type[M]) -> M:
    """Load a whole YAML file as one validated model (profiles, settings)."""
    p = Path(path)
    data, _ = _load_nodes(p)
    if not isinstance(data, dict):
        raise DataFileError(p, "expected a mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(p, _format_validation(exc)) from exc
