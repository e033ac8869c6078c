"""The study -> draft pipeline: sources in order, provenance, checks, bad input, the draft command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.draft import StudyError, StudyInput, draft_report, load_study

STUDY = StudyInput(exam="XR CHEST PA", modality="CR", indication="Cough", age=57, sex="M")


def test_dictated_findings_are_the_first_source() -> None:
    r = draft_report(STUDY, "The heart is moderately enlarged. Small left pleural effusion. No pneumothorax.")
    assert {p.source for p in r.provenance} == {"dictated", "impression"}
    assert "pleural effusion" in r.impression.lower()
    assert r.engine == "dictated" and r.verified
    assert any(f["code"] == "cardiomegaly" and f["assertion"] == "present" for f in r.structured)


def test_normal_template_when_nothing_else() -> None:
    r = draft_report(STUDY)
    assert r.provenance[0].source == "template" and r.provenance[0].model_id == "template:chest-radiograph"
    assert r.impression == "No acute cardiopulmonary abnormality."
    assert r.checks == []


def test_unavailable_backend_falls_back_with_a_warning() -> None:
    r = draft_report(STUDY, None, backend="no-such-backend")
    assert any("no-such-backend" in w for w in r.warnings)
    assert r.provenance[0].source == "template"


def test_critical_result_gives_a_blocking_check() -> None:
    r = draft_report(STUDY, "Large right pneumothorax.")
    assert any(c["code"] == "critical_not_communicated" and c["severity"] == "blocking" for c in r.checks)
    assert r.critical and r.critical[0]["code"] == "pneumothorax"


def test_load_study_json_and_errors(tmp_path: Path) -> None:
    p = tmp_path / "study.json"
    p.write_text(json.dumps({"exam": "XR CHEST", "modality": "cr", "age": "63Y", "findings": "No effusion."}))
    st, findings = load_study(p)
    assert (st.modality, st.age, findings) == ("CR", 63, "No effusion.")
    for bad, needle in [
        ({"modality": "CR"}, "field 'exam'"),
        ({"exam": "X", "modality": "CR", "age": "abc"}, "field 'age'"),
        ({"exam": "X", "modality": "CR", "images": ["missing.dcm"]}, "no such file"),
        ({"exam": "X", "modality": "CR", "colour": "red"}, "unknown field"),
    ]:
        p.write_text(json.dumps(bad))
        with pytest.raises(StudyError, match=needle):
            load_study(p)
    p.write_text("{not json")
    with pytest.raises(StudyError, match="not a JSON study"):
        load_study(p)


def test_draft_command_on_the_demo_study(tmp_path: Path) -> None:
    from radpilot.interop.demo_study import write_demo_study

    study = write_demo_study(tmp_path / "demo.dcm")
    res = CliRunner().invoke(app, ["draft", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["study"]["accession"] == study.accession_number
    assert out["study"]["modality"] in ("CR", "DX", "OT")
    assert out["provenance"][0]["source"] == "template"


def test_draft_command_bad_study(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["draft", str(tmp_path / "nope")])
    assert res.exit_code == 1
    assert "no such file or folder" in res.output


def test_the_drafts_checks_are_those_of_its_text_read_afresh() -> None:
    """The pipeline hands its guideline assessment to the checks; the checks come out as if run on their own."""
    from radpilot.checks import run_checks

    codes: set[str] = set()
    for findings, study in (
        ("Large right pneumothorax. A 9 mm solid nodule in the right upper lobe.", STUDY),
        ("The uterus is normal. Small left pleural effusion.", STUDY),
        (
            "There is a 30.0 mm ground-glass nodule in the left upper lobe.",
            StudyInput(exam="CT CHEST", modality="CT", indication="Nodule", age=70, sex="F"),
        ),
    ):
        d = draft_report(study, findings=findings)
        alone = [c.to_dict() for c in run_checks(d.findings, d.impression, study.context())]
        assert d.checks == alone
        codes |= {c["code"] for c in d.checks}
    assert {"critical_not_communicated", "sex_mismatch"} <= codes
