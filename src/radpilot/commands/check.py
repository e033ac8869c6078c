"""``radpilot check PATH|- [--format json|jsonl]``: QA checks for an existing report."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer

from radpilot.commands.io import context_option, json_type, read_text_file, run_jsonl


class Fmt(StrEnum):
    json = "json"
    jsonl = "jsonl"


def _check_context(context: dict[str, Any]) -> None:
    """Refuse a context value the checks would silently skip (an age in words, a sex of 5); ValueError names it."""
    for key in ("exam", "indication"):
        if context.get(key) is not None and not isinstance(context[key], str):
            raise ValueError(f"context.{key}: must be a string, got {json_type(context[key])}")
    age = context.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int | float) or not 0 <= age <= 130):
        raise ValueError(f"context.age: must be a number of years from 0 to 130, got {age!r}")
    sex = context.get("sex")
    if sex is not None and (
        not isinstance(sex, str)
        or sex.strip().lower() not in ("f", "m", "o", "u", "female", "male", "other", "unknown")
    ):
        raise ValueError(f"context.sex: must be F, M, O or U (or female, male, other, unknown), got {sex!r}")
    comm = context.get("communication")
    if comm is not None and not isinstance(comm, bool):
        raise ValueError(f"context.communication: must be true or false, got {comm!r}")


def check_record(rec: dict[str, Any]) -> dict[str, Any]:
    from radpilot.checks import run_checks_on_text

    context = rec.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError("field 'context' must be an object")
    _check_context(context)
    checks = run_checks_on_text(rec["text"], context)
    return {
        "id": rec.get("id"),
        "checks": [c.to_dict() for c in checks],
        "blocking": sum(c.severity == "blocking" for c in checks),
    }


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("check")
    def check(
        path: str = typer.Argument(..., help="a report text file, or - for JSONL {id, text, context?}"),
        fmt: Fmt = typer.Option(Fmt.json, "--format"),
        context: str | None = typer.Option(
            None, help='JSON context, e.g. {"exam": "XR CHEST", "sex": "F", "age": 40}'
        ),
    ) -> None:
        """QA checks: laterality, sex/age mismatch, exam discrepancy, unsupported impression, sizes, follow-up, critical."""
        if path == "-":
            raise typer.Exit(run_jsonl(check_record))
        ctx = context_option(context)
        try:
            out = check_record({"id": path, "text": read_text_file(path), "context": ctx})
        except ValueError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(json.dumps(out, indent=None if fmt is Fmt.jsonl else 2))
