"""``radpilot draft STUDY [--backend NAME] [--format json|text]``."""

from __future__ import annotations

import json
from enum import StrEnum

import typer


class Fmt(StrEnum):
    json = "json"
    text = "text"


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("draft")
    def draft(
        study: str = typer.Argument(
            ..., help="a study folder (study.json and/or images) or a JSON study description"
        ),
        backend: str | None = typer.Option(None, help="vision backend for the findings (default: none)"),
        classifier: str | None = typer.Option(None, help="classifier backend, e.g. xrv"),
        impression_backend: str | None = typer.Option(None, help="model for a verified impression"),
        fmt: Fmt = typer.Option(Fmt.text, "--format"),
    ) -> None:
        """Draft a report: sections, structured findings, impression, checks and provenance."""
        from radpilot.draft import StudyError, draft_report, load_study
        from radpilot.models import BackendError, backend_class

        for option, name in (
            ("--backend", backend),
            ("--classifier", classifier),
            ("--impression-backend", impression_backend),
        ):
            if name is not None:
                try:
                    backend_class(name)
                except BackendError as exc:
                    typer.echo(f"error: {option}: {exc}", err=True)
                    raise typer.Exit(2) from None
        from radpilot.commands.impression import load_style

        load_style(None)  # a bad $RADPILOT_STYLE_MEMORY is named before the study is read
        if study == "-":
            typer.echo("error: draft reads a study folder or a JSON study file, not stdin (-)", err=True)
            raise typer.Exit(1)
        try:
            st, findings = load_study(study)
            result = draft_report(
                st, findings, backend, classifier=classifier, impression_backend=impression_backend
            )
        except (StudyError, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        if fmt is Fmt.json:
            typer.echo(json.dumps(result.to_dict(), indent=2))
            return
        typer.echo(result.text)
        typer.echo("")
        for c in result.checks:
            typer.echo(f"[{c['severity']}] {c['code']}: {c['message']}")
        for w in result.warnings:
            typer.echo(f"[note] {w}")
        sources = sorted({(p.source, p.backend) for p in result.provenance})
        typer.echo("provenance: " + ", ".join(f"{s} ({b})" for s, b in sources))
