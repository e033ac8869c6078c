"""``radpilot check PATH|- [--format json|jsonl]``: QA checks for an existing report."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer

from radpilot.commands.io import read_text_file, run_jsonl


class Fmt(StrEnum):
    json = "json"
    jsonl = "jsonl"


def check_record(rec: dict[str, Any]) -> dict[str, Any]:
    from radpilot.checks import run_checks_on_text

    context = rec.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError("field 'context' must be an object")
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
        ctx: dict[str, Any] = {}
        if context:
            try:
                ctx = json.loads(context)
            except json.JSONDecodeError as exc:
                raise typer.BadParameter(f"--context is not JSON: {exc.msg}") from exc
            if not isinstance(ctx, dict):
                raise typer.BadParameter("--context must be a JSON object")
        try:
            out = check_record({"id": path, "text": read_text_file(path), "context": ctx})
        except ValueError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(json.dumps(out, indent=None if fmt is Fmt.jsonl else 2))
