"""`radpilot draft` (and `radpilot demo`) with malformed input: a study description with an age that is not a
number of years, backend names that do not exist, an output folder that is a file. Each is an error naming
the field or option, not a traceback and not a draft made without the backend asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.draft import StudyError, load_study

runner = CliRunner()


def _study(tmp_path: Path, raw: str) -> Path:
    p = tmp_path / "study.json"
    p.write_text(raw, encoding="utf-8")
    return p


@pytest.mark.parametrize("age", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_age_is_a_study_error(tmp_path: Path, age: str) -> None:
    p = _study(tmp_path, f'{{"exam": "CT chest", "modality": "CT", "age": {age}}}')
    with pytest.raises(StudyError, match=rf"^{p}: field 'age' must be a number of years, got "):
        load_study(p)
    res = runner.invoke(app, ["draft", str(p)])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: {p}: field 'age' must be a number of years")


def test_age_out_of_range_quotes_the_value_given(tmp_path: Path) -> None:
    p = _study(tmp_path, json.dumps({"exam": "CT chest", "modality": "CT", "age": 1e300}))
    with pytest.raises(StudyError) as info:
        load_study(p)
    assert str(info.value) == f"{p}: field 'age' out of range (0 to 130 years): 1e+300"


@pytest.mark.parametrize("option", ["--backend", "--classifier", "--impression-backend"])
def test_unknown_backend_name_is_refused_before_drafting(tmp_path: Path, option: str) -> None:
    p = _study(tmp_path, json.dumps({"exam": "CT chest", "modality": "CT", "findings": "6 mm nodule."}))
    res = runner.invoke(app, ["draft", str(p), option, "bogus"])
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith(f"error: {option}: unknown backend 'bogus' (available: ")


def test_rules_backend_is_still_accepted(tmp_path: Path) -> None:
    p = _study(tmp_path, json.dumps({"exam": "CT chest", "modality": "CT", "findings": "6 mm nodule."}))
    res = runner.invoke(app, ["draft", str(p), "--backend", "rules", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["study"]["exam"] == "CT chest"


def test_demo_out_that_is_a_file_is_an_error_and_the_file_is_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    res = runner.invoke(app, ["demo", "--out", str(target)])
    assert res.exit_code == 1
    assert res.stderr == f"error: --out {target} exists and is not a folder\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_demo_out_under_a_file_is_an_error_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    res = runner.invoke(app, ["demo", "--out", str(blocker / "demo")])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: --out {blocker / 'demo'}: cannot write ")
    assert "Traceback" not in res.output
