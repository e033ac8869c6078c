"""`radpilot eval generation` with an unknown backend: refused up front (exit 2), not scored as the template."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from radpilot.cli import app


def test_unknown_backend_is_refused(tmp_path: Path) -> None:
    refs = tmp_path / "references.json"
    refs.write_text(json.dumps({"s1": {"findings": "No pleural effusion."}}), encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "generation", str(refs), "--backend", "bogus", "--no-meteor"])
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith("error: --backend: unknown backend 'bogus' (available: ")
