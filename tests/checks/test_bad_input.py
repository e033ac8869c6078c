"""`radpilot check` with a context the checks could not use: an error naming the field, never a silent skip
(an age of "abc" used to turn the age check off without a word)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner()
REPORT = "EXAM: XR CHEST\nFINDINGS: The uterus is normal. No effusion.\nIMPRESSION: Normal.\n"


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ({"age": "abc"}, "context.age: must be a number of years from 0 to 130, got 'abc'"),
        ({"age": True}, "context.age: must be a number of years from 0 to 130, got True"),
        ({"age": 400}, "context.age: must be a number of years from 0 to 130, got 400"),
        ({"sex": 5}, "context.sex: must be F, M, O or U (or female, male, other, unknown), got 5"),
        ({"sex": "X"}, "context.sex: must be F, M, O or U (or female, male, other, unknown), got 'X'"),
        ({"exam": 3}, "context.exam: must be a string, got number"),
        ({"indication": ["a"]}, "context.indication: must be a string, got array"),
        ({"communication": "yes"}, "context.communication: must be true or false, got 'yes'"),
    ],
)
def test_bad_context_value_is_named(context: dict[str, object], message: str, tmp_path: Path) -> None:
    rec = {"id": 1, "text": REPORT, "context": context}
    res = runner.invoke(app, ["check", "-"], input=json.dumps(rec) + "\n")
    assert res.exit_code == 1
    assert json.loads(res.stdout) == {"id": 1, "line": 1, "error": message}
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["check", str(p), "--context", json.dumps(context)])
    assert res.exit_code == 1
    assert res.stderr == f"error: {p}: {message}\n"


def test_good_context_still_runs_the_checks() -> None:
    rec = {
        "id": 1,
        "text": REPORT,
        "context": {"sex": "male", "age": 62.0, "exam": "XR CHEST", "communication": False},
    }
    res = runner.invoke(app, ["check", "-"], input=json.dumps(rec) + "\n")
    out = json.loads(res.stdout)
    assert [c["code"] for c in out["checks"]] == ["sex_mismatch"]
