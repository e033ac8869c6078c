"""`radpilot simplify` and `radpilot bench patient`, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from radpilot.commands import simplify as simplify_cmd

REPORT = (
    "INDICATION: Cough. Rule out pneumonia.\n"
    "FINDINGS: Small left pleural effusion. 7 mm nodule in the right upper lobe. No pneumothorax. No pneumonia.\n"
    "IMPRESSION: Recommend CT chest in 6 months.\n"
)


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    bench = typer.Typer()
    app.add_typer(bench, name="bench")
    simplify_cmd.register(app, bench)
    return app


@pytest.fixture
def report(tmp_path: Path) -> Path:
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


runner = CliRunner()


def test_text_letter(app: typer.Typer, report: Path) -> None:
    res = runner.invoke(app, ["simplify", str(report)])
    assert res.exit_code == 0, res.output
    for h in ("What we found", "What it means", "What happens next", "Words you may see in your report"):
        assert h in res.stdout
    assert "7 mm" in res.stdout and "on the left side" in res.stdout


def test_json_and_jsonl_contract(app: typer.Typer, report: Path) -> None:
    res = runner.invoke(app, ["simplify", str(report), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["verified"] is True and data["engine"] == "rules"
    lines = "\n".join(
        [json.dumps({"id": "a", "text": REPORT}), json.dumps({"id": "b", "text": ""}), "not json"]
    )
    res = runner.invoke(app, ["simplify", "-"], input=lines + "\n")
    assert res.exit_code == 1
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert set(out[0]) == {"id", "text", "reading_grade", "verified", "engine", "findings_kept", "issues"}
    assert out[0]["id"] == "a" and out[0]["verified"] is True and out[0]["reading_grade"] <= 6.5
    kept = {(f["code"], f["assertion"], f["laterality"]) for f in out[0]["findings_kept"]}
    assert {("pleural_effusion", "present", "left"), ("nodule", "present", "right")} <= kept
    assert out[1] == {"id": "b", "line": 2, "error": "the report is empty"}
    assert out[2]["error"].startswith("invalid JSON")


def test_html_is_accessible_and_marks_up_glossary_terms(
    app: typer.Typer, report: Path, tmp_path: Path
) -> None:
    out = tmp_path / "letter.html"
    res = runner.invoke(app, ["simplify", str(report), "--format", "html", "--out", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<main>" in page and "<h2" in page
    assert "<dfn>pleural effusion</dfn>" in page
    assert 'href="#word-pleural-effusion" title="pleural effusion: ' in page


def test_pdf_letter(app: typer.Typer, report: Path, tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    out = tmp_path / "letter.pdf"
    res = runner.invoke(app, ["simplify", str(report), "--format", "pdf", "--out", str(out), "--lang", "es"])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the report is empty"), (b"\x00\x01PK\x03\x04" * 20, "binary"), (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_unreadable_report_is_an_error_and_writes_nothing(
    app: typer.Typer, tmp_path: Path, content: bytes, message: str
) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    out = tmp_path / "letter.txt"
    res = runner.invoke(app, ["simplify", str(p), "--out", str(out)])
    assert res.exit_code != 0
    flat = " ".join(res.output.replace("\u2502", " ").split())  # error panels wrap long paths
    assert message in flat
    assert "What we found" not in res.output and not out.exists()


def test_bad_options_are_clear(app: typer.Typer, report: Path) -> None:
    res = runner.invoke(app, ["simplify", str(report), "--lang", "xx"])
    assert res.exit_code != 0 and "unknown language 'xx'" in res.output
    res = runner.invoke(app, ["simplify", str(report), "--format", "pdf"])
    assert res.exit_code != 0 and "--out" in res.output
    res = runner.invoke(app, ["simplify", str(report), "--backend", "no-such-backend"])
    assert res.exit_code == 1 and "no-such-backend" in res.output


def test_bench_figures_on_hand_written_reports() -> None:
    reports = [
        (1, REPORT),
        (
            2,
            "FINDINGS: Possible right lower lobe pneumonia. Heart is enlarged.\nIMPRESSION: No pneumothorax.",
        ),
        (3, "FINDINGS: Lungs are clear.\nIMPRESSION: No acute cardiopulmonary abnormality."),
        (4, ""),
    ]
    f = simplify_cmd.bench_figures(reports)
    assert f["simplified"] == 3 and f["empty"] == 1
    assert f["preservation"] == 1.0 and f["invented"] == 0 and f["measurements_missing"] == 0
    assert f["findings_kept"] == f["findings_total"] == 4
    assert f["grade_after"] < f["grade_before"] and f["grade_after"] <= 6.5
    assert "preservation" in simplify_cmd.format_figures(f)


@pytest.mark.iu
def test_bench_on_the_iu_test_split(app: typer.Typer) -> None:
    from radpilot.eval.iu import DatasetUnavailable, iu_reports

    try:
        reports = iu_reports("test")
    except DatasetUnavailable as exc:
        pytest.skip(str(exc))
    f = simplify_cmd.bench_figures([(r.number, r.full_text) for r in reports])
    assert f["preservation"] == 1.0
    assert f["grade_after"] <= 6.5
