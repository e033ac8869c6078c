"""`radpilot demo` (what `make demo` runs) finishes on its own and writes the main job's outputs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from radpilot.cli import app


def test_demo_writes_draft_patient_version_and_study(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["demo", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    for name in (
        "draft.txt",
        "draft.json",
        "patient.txt",
        "patient.html",
        "patient.pdf",
        "summary.json",
        "study/demo.dcm",
        "study/demo.png",
        "study/study.json",
    ):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "patient.pdf").read_bytes().startswith(b"%PDF")
    summary = json.loads((tmp_path / "summary.json").read_text())
    by_id = {s["id"]: s for s in summary["samples"]}
    assert by_id["cxr-normal"]["normal"] is True
    assert by_id["ct-nodule"]["guidelines"]["lung-rads"] == "4A"
    assert "pneumothorax" in by_id["cxr-critical"]["critical"]
    assert "Cardiomegaly" in (tmp_path / "draft.txt").read_text()
