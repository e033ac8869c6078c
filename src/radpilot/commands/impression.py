"""``radpilot impression PATH|- [--format json|jsonl] [--backend NAME]`` and ``radpilot bench impression``."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from radpilot.commands.io import context_option, read_text_file, run_jsonl

if TYPE_CHECKING:
    from radpilot.draft.style_memory import StyleMemory


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
    rec: dict[str, Any],
    generate: Callable[[str], str] | None,
    engine: str,
    memory: StyleMemory | None = None,
) -> dict[str, Any]:
    from radpilot.draft import write_impression

    findings = rec.get("findings")
    if not isinstance(findings, str):
        raise ValueError("field 'findings' must be a string")
    context = rec.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError("field 'context' must be an object")
    try:
        result = write_impression(findings, context, generate=generate, engine_name=engine, memory=memory)
    except ValueError:
        raise
    except Exception as exc:  # a backend failing mid-call still gets the deterministic impression
        result = write_impression(findings, context, memory=memory)
        result.reasons.append(f"backend failed: {exc}")
        result.verified = False
    return result.to_dict(rec.get("id"))


def load_style(path: str | None) -> StyleMemory | None:
    """The style memory at ``path``, else the site's ($RADPILOT_STYLE_MEMORY); a bad file exits 2 with the
    reason before any report is read."""
    from radpilot.draft.style_memory import StyleMemory, StyleMemoryError, site_style

    try:
        return StyleMemory.load(path) if path else site_style()
    except StyleMemoryError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    style_app = typer.Typer(
        help="The site's style: say 'nothing acute' in its radiologists' words.", no_args_is_help=True
    )
    app.add_typer(style_app, name="style")

    @style_app.command("build")
    def style_build(
        prior: str | None = typer.Argument(
            None, help='signed reports, JSONL: {"findings", "impression"} or {"text"} a line (or use --db)'
        ),
        db: str | None = typer.Option(
            None, "--db", help="learn from the reports signed in this RadPilot database instead (URL)"
        ),
        out: str = typer.Option(..., "--out", help="where to write the style memory (JSON)"),
        exam: str = typer.Option("chest", help="the kind of study the reports are of; used only for such"),
        neighbours: int = typer.Option(5, min=1, help="how many of the nearest prior reports vote"),
    ) -> None:
        """Learn the site's normal impressions from its signed reports (then set RADPILOT_STYLE_MEMORY)."""
        from pathlib import Path

        from radpilot.draft.style_memory import StyleMemory, StyleMemoryError, read_prior_reports

        if (prior is None) == (db is None):
            typer.echo("error: give either a prior-reports file or --db, not both or neither", err=True)
            raise typer.Exit(2)
        if not any(c.isascii() and c.isalpha() for c in exam):
            typer.echo("error: --exam must name the kind of study in words, e.g. chest", err=True)
            raise typer.Exit(2)
        try:
            if prior is not None:
                pairs = read_prior_reports(prior)
            else:
                from sqlalchemy.engine import make_url

                from radpilot.store import Database, DatabaseURLError, database_url
                from radpilot.store.signed import signed_findings_and_impressions

                try:
                    url = database_url(db)
                    parsed = make_url(url)
                    sqlite_file = parsed.database if parsed.get_backend_name() == "sqlite" else None
                    if sqlite_file not in (None, "", ":memory:") and not Path(str(sqlite_file)).is_file():
                        # reading must never create an empty database
                        raise StyleMemoryError(f"--db: no database at {sqlite_file}")
                    with Database(url).read() as session:
                        pairs = signed_findings_and_impressions(session)
                except StyleMemoryError:
                    raise
                except DatabaseURLError as exc:
                    raise StyleMemoryError(str(exc)) from exc
                except Exception as exc:  # a database that is not there or not RadPilot's
                    raise StyleMemoryError(
                        f"--db: cannot read signed reports: {type(exc).__name__}: {exc}"
                    ) from exc
        except StyleMemoryError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        memory = StyleMemory.from_reports(pairs, neighbours=neighbours, exam=exam)
        if not len(memory):
            typer.echo(
                f"error: none of the {len(pairs)} reports has a 'nothing acute' impression fit to repeat; "
                "nothing written",
                err=True,
            )
            raise typer.Exit(1)
        try:
            memory.save(out)  # whole or not at all
        except OSError as exc:
            typer.echo(f"error: {out}: cannot write: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(
            f"{len(memory)} normal impressions kept of {len(pairs)} reports "
            f"(the rest say more than 'nothing acute') -> {out}"
        )

    @app.command("impression")
    def impression(
        path: str = typer.Argument(..., help="a findings text file, or - for JSONL {id, findings, context?}"),
        fmt: Fmt = typer.Option(Fmt.json, "--format"),
        backend: str | None = typer.Option(None, help="model backend for a verified model impression"),
        style: str | None = typer.Option(
            None,
            help="the site's style memory (radpilot style build); default: $RADPILOT_STYLE_MEMORY, if set",
        ),
        context: str | None = typer.Option(
            None, help='JSON context for a findings file, e.g. {"exam": "CT head", "indication": "fall"}'
        ),
    ) -> None:
        """Write the impression from findings (deterministic; a model's only when verified)."""
        ctx = context_option(context)
        memory = load_style(style)
        generate, engine = _generator(backend)
        if path == "-":
            raise typer.Exit(
                run_jsonl(lambda r: impression_record(r, generate, engine, memory), required=("findings",))
            )
        text = read_text_file(path)
        try:
            out = impression_record({"id": path, "findings": text, "context": ctx}, generate, engine, memory)
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

        from radpilot.draft.style_memory import StyleMemory

        no_style = StyleMemory([])  # the plain writer: the configured normal statement, whatever the site set

        def rules(f: str) -> str:
            return write_impression(
                f, {"exam": "chest radiograph"}, with_guidelines=False, memory=no_style
            ).impression

        # The site's style is learned from signed reports the benchmark never scores: for the test split, the
        # dev split's; for the dev split, each half's from the other half (report numbers even / odd).
        def pairs(rs: list[Any]) -> list[tuple[str, str]]:
            return [(r.sections["FINDINGS"].strip(), r.sections["IMPRESSION"].strip()) for r in rs]

        if split == "test":
            prior = StyleMemory.from_reports(pairs(eligible(iu_reports("dev"))))

            def memory_for(r: Any) -> StyleMemory:
                return prior

            style_name = f"radpilot rules + site style ({len(prior)} from dev)"
        else:
            halves = {h: [r for r in reports if r.number % 2 == h] for h in (0, 1)}
            mems = {h: StyleMemory.from_reports(pairs(halves[1 - h])) for h in (0, 1)}

            def memory_for(r: Any) -> StyleMemory:
                return mems[r.number % 2]

            style_name = "radpilot rules + site style (other dev half)"

        def styled(r: Any, f: str) -> str:
            return write_impression(
                f, {"exam": "chest radiograph"}, with_guidelines=False, memory=memory_for(r)
            ).impression

        runs = [
            run_writer("radpilot rules", rules, reports),
            run_writer(style_name, None, reports, write_report=styled),
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
                    memory=no_style,
                ).impression

            def raw(f: str) -> str:
                from radpilot.draft.impression import impression_prompt

                return generate(impression_prompt(f, {"exam": "chest radiograph"}))

            sub = reports[:local]
            runs.append(run_writer(f"local raw (n={len(sub)})", raw, sub))
            runs.append(run_writer(f"local verified (n={len(sub)})", model, sub))
        typer.echo(f"IU {split} split, {len(reports)} reports with FINDINGS and IMPRESSION")
        typer.echo(
            f"{'writer':52s} {'label F1':>9s} {'P':>6s} {'R':>6s} {'normal F1':>10s} {'ROUGE-L':>8s} {'reports/s':>10s}"
        )
        for r in runs:
            m = r.scores.micro()
            typer.echo(
                f"{r.name:52s} {m.f1:9.3f} {m.precision:6.3f} {m.recall:6.3f} "
                f"{r.scores.per_label['normal'].f1:10.3f} {r.rouge:8.3f} {r.per_s:10.0f}"
            )
        ceiling = supported_ceiling(reports).micro()
        typer.echo(
            f"ceiling for a verified writer: label F1 {ceiling.f1:.3f} (R {ceiling.recall:.3f}): an oracle naming "
            "exactly the radiologist's impression findings that the FINDINGS state; the rest were inferred "
            "or brought from outside the findings"
        )
