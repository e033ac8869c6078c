"""``radpilot impression PATH|- [--format json|jsonl] [--backend NAME]`` and ``radpilot bench impression``."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import typer

from radpilot.commands.io import read_text_file, run_jsonl


class Fmt(StrEnum):
    json = "json"
    jsonl = "jsonl"


def _generator(backend: str | None) -> tuple[Callable[[str], str] | None, str]:
    if not backend or backend == "rules":
        return None, "rules"
    from radpilot.models import get_backend
    from radpilot.models.base import BackendError, GenerationRequest

    try:
        be = get_backend(backend)
    except BackendError as exc:
        typer.echo(f"error: backend '{backend}': {exc}", err=True)
        raise typer.Exit(2) from exc

    def generate(prompt: str) -> str:
        return be.generate(GenerationRequest.prompt(prompt, max_tokens=120)).text

    return generate, be.name


def impression_record(
    rec: dict[str, Any], generate: Callable[[str], str] | None, engine: str
) -> dict[str, Any]:
    from radpilot.draft import write_impression

    findings = rec.get("findings")
    if not isinstance(findings, str):
        raise ValueError("field 'findings' must be a string")
    context = rec.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError("field 'context' must be an object")
    try:
        result = write_impression(findings, context, generate=generate, engine_name=engine)
    except ValueError:
        raise
    except Exception as exc:  # a backend failing mid-call still gets the deterministic impression
        result = write_impression(findings, context)
        result.reasons.append(f"backend failed: {exc}")
        result.verified = False
    return result.to_dict(rec.get("id"))


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("impression")
    def impression(
        path: str = typer.Argument(..., help="a findings text file, or - for JSONL {id, findings, context?}"),
        fmt: Fmt = typer.Option(Fmt.json, "--format"),
        backend: str | None = typer.Option(None, help="model backend for a verified model impression"),
    ) -> None:
        """Write the impression from findings (deterministic; a model's only when verified)."""
        generate, engine = _generator(backend)
        if path == "-":
            raise typer.Exit(
                run_jsonl(lambda r: impression_record(r, generate, engine), required=("findings",))
            )
        text = read_text_file(path)
        try:
            out = impression_record({"id": path, "findings": text}, generate, engine)
        except ValueError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(json.dumps(out, indent=None if fmt is Fmt.jsonl else 2))

    @bench_app.command("impression")
    def bench_impression(
        split: str = typer.Option("test", help="IU split: test (default) or dev"),
        local: int = typer.Option(0, help="also run the local backend on the first N reports (0: skip)"),
        limit: int | None = typer.Option(None, help="only the first N eligible reports"),
    ) -> None:
        """IU impressions from FINDINGS alone vs the radiologist's: label F1, ROUGE-L, speed, with peers."""
        from radpilot.draft import write_impression
        from radpilot.eval.impression_bench import NORMAL_TEMPLATE, eligible, run_writer, supported_ceiling
        from radpilot.eval.iu import DatasetUnavailable, iu_reports

        if split not in ("test", "dev"):
            raise typer.BadParameter("--split must be test or dev")
        try:
            reports = eligible(iu_reports("test" if split == "test" else "dev"))
        except DatasetUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        if limit:
            reports = reports[:limit]

        def rules(f: str) -> str:
            return write_impression(f, {"exam": "chest radiograph"}, with_guidelines=False).impression

        runs = [
            run_writer("radpilot rules", rules, reports),
            run_writer("normal template", lambda f: NORMAL_TEMPLATE, reports),
            run_writer("findings copied", lambda f: f, reports),
        ]
        if local:
            generate, engine = _generator("local")
            assert generate is not None

            def model(f: str) -> str:
                return write_impression(
                    f,
                    {"exam": "chest radiograph"},
                    generate=generate,
                    engine_name=engine,
                    with_guidelines=False,
                ).impression

            def raw(f: str) -> str:
                from radpilot.draft.impression import impression_prompt

                return generate(impression_prompt(f, {"exam": "chest radiograph"}))

            sub = reports[:local]
            runs.append(run_writer(f"local raw (n={len(sub)})", raw, sub))
            runs.append(run_writer(f"local verified (n={len(sub)})", model, sub))
        typer.echo(f"IU {split} split, {len(reports)} reports with FINDINGS and IMPRESSION")
        typer.echo(
            f"{'writer':28s} {'label F1':>9s} {'P':>6s} {'R':>6s} {'normal F1':>10s} {'ROUGE-L':>8s} {'reports/s':>10s}"
        )
        for r in runs:
            m = r.scores.micro()
            typer.echo(
                f"{r.name:28s} {m.f1:9.3f} {m.precision:6.3f} {m.recall:6.3f} "
                f"{r.scores.per_label['normal'].f1:10.3f} {r.rouge:8.3f} {r.per_s:10.0f}"
            )
        ceiling = supported_ceiling(reports).micro()
        typer.echo(
            f"ceiling for a verified writer: label F1 {ceiling.f1:.3f} (R {ceiling.recall:.3f}): an oracle naming "
            "exactly the radiologist's impression findings that the FINDINGS state; the rest were inferred "
            "or brought from outside the findings"
        )
