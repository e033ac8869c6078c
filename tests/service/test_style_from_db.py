"""`radpilot style build --db`: the site's style is learned from what its radiologists signed, nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.draft.style_memory import StyleMemory
from radpilot.store.signed import signed_findings_and_impressions

from .conftest import Service


def test_style_is_learned_from_signed_reports_only(svc: Service, tmp_path: Path) -> None:
    svc.signed("The heart is normal in size. The lungs are clear.")
    svc.signed("Heart size and pulmonary vascularity appear within normal limits. The lungs are clear.")
    svc.draft("Unsigned template sentence one. The lungs are clear.")  # a draft nobody signed
    svc.signed("Right lower lobe pneumonia.")  # signed, but its impression names a finding
    with svc.db.read() as session:
        pairs = signed_findings_and_impressions(session)
    assert [f for f, _ in pairs] == [
        "The heart is normal in size. The lungs are clear.",
        "Heart size and pulmonary vascularity appear within normal limits. The lungs are clear.",
        "Right lower lobe pneumonia.",
    ]
    out = tmp_path / "style.json"
    res = CliRunner().invoke(app, ["style", "build", "--db", svc.db.url, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 normal impressions kept of 3 reports" in res.output
    memory = StyleMemory.load(out)
    assert len(memory) == 2
    assert set(memory.phrases) == {"No acute cardiopulmonary abnormality."}
    assert json.loads(out.read_text("utf-8"))["format"] == "radpilot-style-memory/1"


def test_style_build_names_a_bad_source(tmp_path: Path) -> None:
    out = tmp_path / "style.json"
    res = CliRunner().invoke(app, ["style", "build", "--out", str(out)])
    assert res.exit_code == 2 and "either a prior-reports file or --db" in res.output
    res = CliRunner().invoke(app, ["style", "build", "--db", "mysql://x/y", "--out", str(out)])
    assert res.exit_code == 1 and "error:" in res.output
    missing = tmp_path / "missing.db"
    res = CliRunner().invoke(app, ["style", "build", "--db", f"sqlite:///{missing}", "--out", str(out)])
    assert res.exit_code == 1 and "no database at" in res.output
    assert not missing.exists()  # reading never creates a database
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    res = CliRunner().invoke(app, ["style", "build", "--db", f"sqlite:///{empty}", "--out", str(out)])
    assert res.exit_code == 1 and "cannot read signed reports" in res.output
    assert not out.exists()
