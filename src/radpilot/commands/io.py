"""Shared input/output for commands that take ``PATH|-`` (one report file, or on stdin JSON lines, or one
plain-text report: stdin is read as JSON lines when its first non-blank line starts with ``{`` or ``[`` or is
JSON itself). A UTF-8 byte order mark before the first line is not part of it; stdin with nothing but
blank lines is an error, as an empty file is."""

from __future__ import annotations

import itertools
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
    if p.is_dir():
        raise typer.BadParameter(f"{path}: is a directory, not a report file", param_hint="PATH")
    if not p.is_file():
        raise typer.BadParameter(f"{path}: no such file", param_hint="PATH")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise typer.BadParameter(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise typer.BadParameter(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if "\x00" in text:
        raise typer.BadParameter(
            f"{path}: looks like binary data, not text (a NUL byte at character {text.index(chr(0))})"
        )
    return text


def context_option(context: str | None) -> dict[str, Any]:
    """The ``--context`` option: a JSON object, or a clear usage error."""
    if not context:
        return {}
    try:
        parsed = json.loads(context)
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"--context is not JSON: {exc.msg}") from exc
    if not isinstance(parsed, dict):
        raise typer.BadParameter("--context must be a JSON object")
    return parsed


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages ("got array")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {"str": "string", "list": "array", "dict": "object"}.get(
        type(value).__name__, type(value).__name__
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(raw: str) -> float:
    value = float(raw)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{raw} is out of range for a number")
    return value


def _parse_line(raw: str) -> Any:
    """One JSONL line as a Python value; ``InputError`` names what is wrong (strict JSON, UTF-8 only)."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:  # stdin decodes undecodable bytes to lone surrogates
        raise InputError(f"not UTF-8 text (invalid byte at column {exc.start + 1})") from None
    try:
        return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # NaN, Infinity, -Infinity
        raise InputError(f"invalid JSON: {exc}") from None


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def iter_jsonl(
    stream: Any, required: tuple[str, ...] = ("text",)
) -> Iterator[tuple[int, Any, dict[str, Any] | str]]:
    """Yield (line number, id, record) for each non-empty line; a bad line yields an error string instead."""
    # Read bytes where there are any: a text stdin decodes strictly under most locales, and one invalid byte
    # would then end the whole run instead of failing its line.
    buffer = getattr(stream, "buffer", None)
    lines = iter((b.decode("utf-8", "surrogateescape") for b in buffer) if buffer is not None else stream)
    # Plain text on stdin (not JSON lines: the first non-blank character is not "{" or "["): one report.
    head: list[str] = []
    for raw in lines:
        if not head:
            # Editors on Windows start UTF-8 with a byte order mark; left in place it hides the first "{".
            raw = raw.removeprefix("\ufeff")
        head.append(raw)
        if raw.strip():
            break
    first = "".join(head).strip()
    if first and first[0] not in "{[" and not _is_json(first):
        text = "".join(head) + "".join(lines)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            yield len(head), None, f"not UTF-8 text (invalid byte at character {exc.start + 1})"
            return
        if "\x00" in text:
            yield len(head), None, f"binary data, not text (a NUL byte at character {text.index(chr(0)) + 1})"
            return
        yield len(head), None, {required[0] if required else "text": text}
        return
    for n, raw in enumerate(itertools.chain(head, lines), start=1):
        if not raw.strip():
            continue
        try:
            obj = _parse_line(raw)
        except InputError as exc:
            yield n, None, str(exc)
            continue
        if not isinstance(obj, dict):
            yield n, None, f"expected a JSON object, got {json_type(obj)}"
            continue
        rid = obj.get("id")
        for key in required:
            if key not in obj:
                yield n, rid, f"missing field '{key}'"
                break
            if key == "text" and not isinstance(obj[key], str):
                yield n, rid, f"field 'text' must be a string, got {json_type(obj[key])}"
                break
        else:
            yield n, rid, obj


def run_jsonl(
    process: Callable[[dict[str, Any]], dict[str, Any]], required: tuple[str, ...] = ("text",)
) -> int:
    """Process JSONL from stdin, one output line per input line, in order; exit status 1 if any line failed."""
    failed = False
    empty = True
    out = sys.stdout
    for n, rid, rec in iter_jsonl(sys.stdin, required):
        empty = False
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
    if empty:
        typer.echo("error: -: stdin is empty (no JSON lines and no report text)", err=True)
        return 1
    return 1 if failed else 0
