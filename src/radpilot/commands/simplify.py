"""``radpilot simplify PATH|-``: the patient version of a report; ``radpilot bench patient``: its benchmark."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from radpilot.commands.io import json_type, read_text_file, run_jsonl

if TYPE_CHECKING:
    from radpilot.patient.simplify import Generate


class SimplifyFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    pdf = "pdf"


def _check_lang(lang: str) -> str:
    from radpilot.patient.glossary import languages

    if lang not in languages():
        raise typer.BadParameter(
            f"unknown language '{lang}': available are {', '.join(languages())}", param_hint="--lang"
        )
    return lang


def _generator(backend: str | None) -> Generate | None:
    if backend is None:
        return None
    from radpilot.patient.model_rewriter import BackendUnavailable, backend_generate

    try:
        return backend_generate(backend)
    except BackendUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def simplify_record(
    rec: dict[str, Any], lang: str, grade: float, generate: Generate | None
) -> dict[str, Any]:
    from radpilot.patient.simplify import ReportNotUnderstood, as_record, simplify

    recs = rec.get("recommendations") or []
    if not isinstance(recs, list):
        raise ValueError("field 'recommendations' must be a list of strings or objects with 'text'")
    for i, item in enumerate(recs, start=1):
        if isinstance(item, str):
            continue
        if not isinstance(item, dict):
            raise ValueError(
                f"field 'recommendations' item {i}: expected a string or an object with 'text', "
                f"got {json_type(item)}"
            )
        if not any(
            isinstance(item.get(k), str) and item[k].strip() for k in ("text", "recommendation", "action")
        ):
            raise ValueError(f"field 'recommendations' item {i}: needs a non-empty string field 'text'")
    try:
        pv = simplify(rec["text"], lang=lang, grade=grade, recommendations=recs, generate=generate)
    except ReportNotUnderstood as exc:
        raise ValueError(str(exc)) from exc
    return as_record(pv, rec.get("id"))


def _write_out(out: Path, data: bytes) -> None:
    """Write ``--out`` whole or not at all: a temporary file beside it, renamed into place."""
    import os
    import tempfile

    if out.is_dir():
        typer.echo(f"error: --out {out}: is a folder; give a file name", err=True)
        raise typer.Exit(1)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the letter gets the usual mode
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        typer.echo(f"error: --out {out}: cannot write ({exc.strerror or exc})", err=True)
        raise typer.Exit(1) from None


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("simplify")
    def simplify_cmd(
        path: str = typer.Argument(..., help="a report text file, or - for JSONL {id, text} on stdin"),
        fmt: SimplifyFormat | None = typer.Option(
            None, "--format", help="text (default for a file) | json | jsonl | html | pdf"
        ),
        lang: str = typer.Option("en", "--lang", help="letter language (a set of data files: en, es)"),
        backend: str | None = typer.Option(
            None, "--backend", help="model backend for an optional, verified rewrite"
        ),
        grade: float = typer.Option(6.5, "--grade", min=1.0, max=16.0, help="target reading grade"),
        out: Path | None = typer.Option(None, "--out", help="write here instead of stdout (needed for pdf)"),
    ) -> None:
        """Write the patient version of a report: plain words, verified against the report."""
        from radpilot.patient.render import PdfUnavailable, render_html, render_json, render_pdf, render_text
        from radpilot.patient.simplify import ReportNotUnderstood, as_record, simplify

        _check_lang(lang)
        if path == "-":
            if fmt not in (None, SimplifyFormat.jsonl):
                raise typer.BadParameter(
                    "with - (JSONL on stdin) the output is --format jsonl", param_hint="--format"
                )
            if out is not None:
                raise typer.BadParameter(
                    "--out is for a single report; JSONL goes to stdout", param_hint="--out"
                )
            generate = _generator(backend)
            raise typer.Exit(run_jsonl(lambda rec: simplify_record(rec, lang, grade, generate)))
        if fmt is SimplifyFormat.pdf and out is None:
            raise typer.BadParameter("--format pdf needs --out FILE", param_hint="--out")
        text = read_text_file(path)
        generate = _generator(backend)
        try:
            pv = simplify(text, lang=lang, grade=grade, generate=generate)
        except ReportNotUnderstood as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            raise typer.Exit(1) from exc
        fmt = fmt or SimplifyFormat.text
        if fmt is SimplifyFormat.pdf:
            try:
                data = render_pdf(pv)
            except PdfUnavailable as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(1) from exc
            assert out is not None
            _write_out(out, data)
            typer.echo(f"wrote {out} ({len(data)} bytes)", err=True)
            return
        if fmt is SimplifyFormat.text:
            body = render_text(pv)
        elif fmt is SimplifyFormat.html:
            body = render_html(pv)
        elif fmt is SimplifyFormat.json:
            body = json.dumps(render_json(pv, path), indent=2, ensure_ascii=False) + "\n"
        else:
            body = json.dumps(as_record(pv, path), ensure_ascii=False) + "\n"
        if out is not None:
            _write_out(out, body.encode("utf-8"))
            typer.echo(f"wrote {out}", err=True)
        else:
            sys.stdout.write(body)
        if not pv.verified:
            typer.echo(
                "warning: the patient version did not pass verification: " + "; ".join(pv.issues), err=True
            )

    @bench_app.command("patient")
    def bench_patient(
        backend: str | None = typer.Option(None, "--backend", help="also run a model backend side by side"),
        limit: int = typer.Option(10, "--limit", min=1, help="reports for the model backend (it is slow)"),
        lang: str = typer.Option("en", "--lang", help="letter language"),
        grade: float = typer.Option(6.5, "--grade", min=1.0, max=16.0, help="target reading grade"),
        as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    ) -> None:
        """Patient version on the IU test split: grade before/after, jargon, preservation, verified, speed."""
        from radpilot.eval.iu import DatasetUnavailable, iu_reports

        _check_lang(lang)
        try:
            reports = iu_reports("test")
        except DatasetUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        figures = bench_figures([(r.number, r.full_text) for r in reports], lang=lang, grade=grade)
        if backend is not None:
            figures["model"] = bench_model(
                [(r.number, r.full_text) for r in reports if r.full_text.strip()][:limit], backend, grade
            )
        if as_json:
            typer.echo(json.dumps(figures, indent=2))
        else:
            typer.echo(format_figures(figures))


def bench_figures(reports: list[tuple[int, str]], *, lang: str = "en", grade: float = 6.5) -> dict[str, Any]:
    """Run the deterministic patient version over (id, text) pairs and compute the benchmark's figures."""
    from radpilot.patient.readability import measure
    from radpilot.patient.render import render_text
    from radpilot.patient.rewriter import rewriter
    from radpilot.patient.simplify import ReportNotUnderstood, simplify
    from radpilot.patient.verifier import (
        compare_findings,
        compare_sizes,
        finding_view,
        named_as_said_before,
        result_findings,
        result_sizes,
        text_sizes,
        without_fixed_notes,
    )
    from radpilot.structure import default_engine, structure

    texts = [(n, t) for n, t in reports if t.strip()]
    if texts:
        simplify(texts[0][1], lang=lang, grade=grade)  # load data files and the lexicon before timing
    done = []
    refused: Counter[str] = Counter()
    default_engine().clear_cache()  # the timed pass starts cold
    t0 = time.perf_counter()
    for n, text in texts:
        try:
            done.append((n, text, simplify(text, lang=lang, grade=grade)))
        except ReportNotUnderstood as exc:
            refused[str(exc).split(";")[0]] += 1
    elapsed = time.perf_counter() - t0
    engine = default_engine()
    preserved = kept = total = invented = sizes_missing = 0
    reasons: Counter[str] = Counter()
    for _, text, pv in done:
        src = engine.structure(text)
        # the English letter is the one read back; another language renders the same verified plan
        en_prose = pv.letter.prose() if lang == "en" else rewriter("en").render(pv.plan).prose()
        issues: list[str] = []
        if en_prose:
            lay = finding_view(named_as_said_before(structure(without_fixed_notes(en_prose))))
            srcv = finding_view(result_findings(src))
            issues = compare_findings(srcv, lay) + compare_sizes(result_sizes(src), text_sizes(en_prose))
            total += len(srcv.positive)
            # each dropped or changed finding of the report is one issue; a finding the letter tells by a more
            # specific name the report also uses (nodule -> solid nodule) is kept
            lost = sum(
                1 for i in issues if i.startswith(("dropped finding", "changed certainty", "changed side"))
            )
            kept += len(srcv.positive) - lost
            invented += sum(
                1 for i in issues if i.startswith(("new finding", "new negative", "new measurement"))
            )
            sizes_missing += sum(1 for i in issues if i.startswith("missing measurement"))
        else:
            issues = [i for i in pv.issues if not i.startswith("reading grade")]
        preserved += not issues
        for i in pv.issues:
            reasons[i.split(":")[0]] += 1
    n = len(done)
    after = [pv.readability.grade for *_, pv in done]
    full = [measure(render_text(pv), lang).grade for *_, pv in done]
    before = [pv.source_readability.grade for *_, pv in done]

    def mean(xs: list[float]) -> float:
        return round(sum(xs) / len(xs), 2) if xs else 0.0

    return {
        "split": "test",
        "lang": lang,
        "target_grade": grade,
        "reports": len(reports),
        "empty": len(reports) - len(texts),
        "refused": dict(refused),
        "simplified": n,
        "grade_before": mean(before),
        "grade_after": mean(after),
        "grade_after_max": max(after, default=0.0),
        "grade_after_with_word_list": mean(full),
        "at_or_under_target": round(sum(g <= grade for g in after) / n, 4) if n else 0.0,
        "jargon_before": mean([pv.source_readability.jargon_ratio for *_, pv in done]),
        "jargon_after": mean([pv.readability.jargon_ratio for *_, pv in done]),
        "preservation": round(preserved / n, 4) if n else 0.0,
        "findings_kept": kept,
        "findings_total": total,
        "invented": invented,
        "measurements_missing": sizes_missing,
        "verified": round(sum(pv.verified for *_, pv in done) / n, 4) if n else 0.0,
        "issues": dict(reasons),
        "reports_per_s": round(len(texts) / elapsed, 1) if elapsed > 0 else 0.0,
    }


def bench_model(reports: list[tuple[int, str]], backend: str, grade: float) -> dict[str, Any]:
    """The model rewriter side by side: how often its rewrite passes verification, and why it fails."""
    from radpilot.patient.model_rewriter import BackendUnavailable, backend_generate
    from radpilot.patient.simplify import ReportNotUnderstood, simplify

    try:
        generate = backend_generate(backend)
    except BackendUnavailable as exc:
        return {"backend": backend, "available": False, "error": str(exc)}
    accepted = 0
    grades: list[float] = []
    reasons: Counter[str] = Counter()
    t0 = time.perf_counter()
    n = 0
    for _, text in reports:
        try:
            pv = simplify(text, grade=grade, generate=generate)
        except ReportNotUnderstood:
            continue
        n += 1
        if pv.engine == "model":
            accepted += 1
            grades.append(pv.readability.grade)
        for i in pv.issues:
            if i.startswith("model rewrite rejected: "):
                reasons[i.removeprefix("model rewrite rejected: ").split(":")[0]] += 1
    elapsed = time.perf_counter() - t0
    return {
        "backend": backend,
        "available": True,
        "reports": n,
        "accepted": round(accepted / n, 4) if n else 0.0,
        "grade_accepted": round(sum(grades) / len(grades), 2) if grades else None,
        "rejections": dict(reasons),
        "reports_per_s": round(n / elapsed, 2) if elapsed > 0 else 0.0,
    }


def format_figures(f: dict[str, Any]) -> str:
    lines = [
        f"patient version, IU {f['split']} split ({f['reports']} reports, {f['empty']} empty, "
        f"{sum(f['refused'].values())} refused, {f['simplified']} simplified), lang={f['lang']}",
        f"  grade before -> after      {f['grade_before']:.2f} -> {f['grade_after']:.2f} "
        f"({'Flesch-Kincaid' if f['lang'] == 'en' else 'Flesch-Kincaid -> Crawford (Spanish)'}) "
        f"(max {f['grade_after_max']:.2f}; with word list {f['grade_after_with_word_list']:.2f}; "
        f"target <= {f['target_grade']:g}: {f['at_or_under_target']:.1%})",
        f"  jargon ratio before -> after {f['jargon_before']:.3f} -> {f['jargon_after']:.3f}",
        f"  preservation               {f['preservation']:.1%} of reports "
        f"({f['findings_kept']}/{f['findings_total']} findings kept with assertion and side, "
        f"{f['invented']} invented, {f['measurements_missing']} measurements missing)",
        f"  verified                   {f['verified']:.1%}",
        f"  throughput                 {f['reports_per_s']:.0f} reports/s (deterministic, one process)",
    ]
    if f["refused"]:
        lines.append("  refused: " + "; ".join(f"{k} ({v})" for k, v in f["refused"].items()))
    if f["issues"]:
        lines.append("  issues: " + "; ".join(f"{k} ({v})" for k, v in f["issues"].items()))
    m = f.get("model")
    if m is not None:
        if not m["available"]:
            lines.append(f"  model backend '{m['backend']}': not available: {m['error']}")
        else:
            lines.append(
                f"  model backend '{m['backend']}': {m['reports']} reports, rewrite accepted {m['accepted']:.1%}, "
                f"grade of accepted {m['grade_accepted']}, {m['reports_per_s']} reports/s; "
                f"rejections: {m['rejections'] or 'none'}"
            )
    return "\n".join(lines)
