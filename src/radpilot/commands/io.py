"""Shared input/output for commands that take ``PATH|-`` (one report file, or JSONL on stdin)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer


class InputError(ValueError):
    """A malformed input line; the message names what is wrong."""


def read_text_file(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise typer.BadParameter(f"{path}: no such file", param_hint="PATH")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise typer.BadParameter(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def iter_jsonl(
    stream: Any, required: tuple[str, ...] = ("text",)
) -> Iterator[tuple[int, Any, dict[str, Any] | str]]:
    """Yield (line number, id, record) for each non-empty line; a bad line yields an error string instead."""
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield n, None, f"invalid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(obj, dict):
            yield n, None, f"expected a JSON object, got {type(obj).__name__}"
            continue
        rid = obj.get("id")
        for key in required:
            if key not in obj:
                yield n, rid, f"missing field '{key}'"
                break
            if key == "text" and not isinstance(obj[key], str):
                yield n, rid, f"field 'text' must be a string, got {type(obj[key]).__name__}"
                break
        else:
            yield n, rid, obj


def run_jsonl(
    process: Callable[[dict[str, Any]], dict[str, Any]], required: tuple[str, ...] = ("text",)
) -> int:
    """Process JSONL from stdin, one output line per input line, in order; exit status 1 if any line failed."""
    failed = False
    out = sys.stdout
    for n, rid, rec in iter_jsonl(sys.stdin, required):
        if isinstance(rec, str):
            failed = True
            out.write(json.dumps({"id": rid, "line": n, "error": rec}) + "\n")
            continue
        try:
            result = process(rec)
        except (InputError, ValueError) as exc:
            failed = True
            out.write(json.dumps({"id": rid, "line": n, "error": str(exc)}) + "\n")
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0
