"""``radpilot demo``: the main job on the embedded default (rules engine, no network, no model download)."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def run_demo(out: Path) -> None:
    from radpilot.commands.label import findings_table
    from radpilot.guidelines import assess
    from radpilot.samples import sample_reports
    from radpilot.structure import structure

    out.mkdir(parents=True, exist_ok=True)
    summary = []
    for sample in sample_reports():
        sr = structure(sample.text)
        typer.echo(f"\n=== {sample.title} ({sample.id}) ===")
        typer.echo(findings_table(sr))
        record = sr.to_dict(sample.id)
        context = {
            k: v for k, v in sample.context.items() if k in ("exam", "age", "sex", "indication", "risk")
        }
        assessment = assess(sample.text, context)
        for g in assessment.guidelines:
            typer.echo(f"guideline {g.name} ({g.version}): category {g.category} - {g.management}")
        for c in assessment.critical:
            typer.echo(f"CRITICAL ({c.tier}): {c.text}")
        record["assessment"] = assessment.to_dict(sample.id)
        (out / f"{sample.id}.structured.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
        positives = sorted({f.code for f in sr.findings if f.assertion.value != "absent"})
        summary.append(
            {
                "id": sample.id,
                "title": sample.title,
                "normal": sr.normal,
                "positive": positives,
                "profile": assessment.profile,
                "guidelines": {g.name: g.category for g in assessment.guidelines},
                "critical": [c.code for c in assessment.critical],
            }
        )
    demo = _demo_study(out)
    (out / "summary.json").write_text(
        json.dumps({"samples": summary, "study": demo}, indent=2), encoding="utf-8"
    )
    typer.echo(f"\nStructured {len(summary)} sample reports; outputs written to {out}/")


# Dictated findings for the demo study (written for RadPilot; the image is NIH ChestX-ray14 00000001_000,
# labelled "Cardiomegaly" by NIH).
DEMO_DICTATION = (
    "The heart is enlarged. The mediastinal contours are otherwise within normal limits. "
    "There is no focal consolidation, pleural effusion or pneumothorax. "
    "Mild degenerative changes of the thoracic spine."
)


def _demo_study(out: Path) -> dict[str, object]:
    """The main job on the bundled study: a real NIH ChestX-ray14 radiograph wrapped into DICOM by RadPilot,
    its order and dictated findings -> draft, checks, guideline recommendations, written to ``out/study``."""
    from radpilot.draft import draft_report, load_study
    from radpilot.interop.demo_study import write_demo_study
    from radpilot.interop.dicom_render import render_png

    study_dir = out / "study"
    study_dir.mkdir(parents=True, exist_ok=True)
    study = write_demo_study(study_dir / "demo.dcm")
    (study_dir / "demo.png").write_bytes(render_png(study.dataset, max_size=512))
    description = {
        "exam": study.exam,
        "modality": "CR",
        "accession": study.accession_number,
        "study_instance_uid": study.study_instance_uid,
        "indication": study.indication,
        "sex": study.patient_sex,
        "age": 57,
        "images": ["demo.dcm"],
        "findings": DEMO_DICTATION,
    }
    (study_dir / "study.json").write_text(json.dumps(description, indent=2), encoding="utf-8")
    st, dictated = load_study(study_dir / "study.json")
    draft = draft_report(st, dictated)
    (out / "draft.txt").write_text(draft.text + "\n", encoding="utf-8")
    (out / "draft.json").write_text(json.dumps(draft.to_dict(), indent=2), encoding="utf-8")
    typer.echo(
        f"\n=== Demo study: accession {study.accession_number}, {study.exam} "
        f"(StudyInstanceUID {study.study_instance_uid}) ==="
    )
    typer.echo(draft.text)
    for c in draft.checks:
        typer.echo(f"[{c['severity']}] {c['code']}: {c['message']}")
    typer.echo(f"draft written to {out}/draft.txt (and draft.json); image: {study_dir}/demo.dcm, demo.png")
    _patient_version(out, draft.text, draft.recommendations)
    return {"accession": study.accession_number, "impression": draft.impression, "checks": draft.checks}


def _patient_version(out: Path, report_text: str, recommendations: list[str]) -> None:
    """The patient's version of the draft, verified against it, as text, HTML and a PDF letter."""
    from radpilot.patient import render_html, render_pdf, render_text, simplify

    pv = simplify(report_text, recommendations=list(recommendations))
    (out / "patient.txt").write_text(render_text(pv), encoding="utf-8")
    (out / "patient.html").write_text(render_html(pv), encoding="utf-8")
    (out / "patient.pdf").write_bytes(render_pdf(pv))
    typer.echo(
        f"\n=== Patient version (reading grade {pv.readability.grade:.1f}, verified: {pv.verified}) ===\n"
        + render_text(pv)
    )
    typer.echo(f"patient version written to {out}/patient.txt, patient.html, patient.pdf")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("demo")
    def demo(out: Path = typer.Option(Path("out/demo"), help="folder for the demo's outputs")) -> None:
        """Run the main job on the bundled sample reports and write the results to --out."""
        if out.exists() and not out.is_dir():
            typer.echo(f"error: --out {out} exists and is not a folder", err=True)
            raise typer.Exit(1)
        try:
            run_demo(out)
        except OSError as exc:
            typer.echo(
                f"error: --out {out}: cannot write {exc.filename or out} ({exc.strerror or exc})", err=True
            )
            raise typer.Exit(1) from None
