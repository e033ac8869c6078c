"""``radpilot label PATH|- [--format table|json|jsonl]``: structure reports into findings."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer

from radpilot.commands.io import read_text_file, run_jsonl
from radpilot.report import StructuredReport


class LabelFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def label_record(rec: dict[str, Any]) -> dict[str, Any]:
    from radpilot.structure import structure

    text = rec["text"]
    if not text.strip():
        raise ValueError("field 'text' is empty")
    out = structure(text).to_dict(rec.get("id"))
    out.pop("other_mentions", None)
    return out


def findings_table(sr: StructuredReport) -> str:
    rows = [("code", "assertion", "side", "location", "size_mm", "severity", "change", "section", "text")]
    for f in sr.findings:
        rows.append(
            (
                f.code,
                f.assertion.value,
                f.laterality.value if f.laterality else "",
                f.location or "",
                "" if f.size_mm is None else f"{f.size_mm:g}",
                f.severity or "",
                f.change.value if f.change else "",
                f.section,
                f.text,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    verdict = "normal: yes" if sr.normal else f"normal: no ({len(sr.positive_findings)} positive mention(s))"
    if not sr.findings:
        lines = ["(no findings mentioned)"]
    return "\n".join([*lines, verdict])


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("label")
    def label(
        path: str = typer.Argument(..., help="a report text file, or - for JSONL {id, text} on stdin"),
        fmt: LabelFormat | None = typer.Option(
            None, "--format", help="table (default for a file) | json | jsonl"
        ),
    ) -> None:
        """Structure reports: findings with assertion, side, location, size, severity and change."""
        from radpilot.structure import structure

        if path == "-":
            if fmt is LabelFormat.table:
                raise typer.BadParameter("--format table needs a file; use json or jsonl with -")
            raise typer.Exit(run_jsonl(label_record))
        text = read_text_file(path)
        if not text.strip():
            typer.echo(f"error: {path}: the report is empty", err=True)
            raise typer.Exit(1)
        sr = structure(text)
        if fmt in (None, LabelFormat.table):
            typer.echo(findings_table(sr))
        else:
            out = sr.to_dict(path)
            out.pop("other_mentions", None)
            typer.echo(json.dumps(out, indent=None if fmt is LabelFormat.jsonl else 2))
