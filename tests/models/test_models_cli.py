"""`radpilot models list` and `radpilot models check NAME`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner()


def test_list_shows_every_backend_with_its_state() -> None:
    res = runner.invoke(app, ["models", "list"])
    assert res.exit_code == 0, res.output
    for name in ("rules", "local", "openai", "transformers", "xrv"):
        assert name in res.output
    res = runner.invoke(app, ["models", "list", "--format", "json"])
    rows = {r["name"]: r for r in json.loads(res.output)}
    assert rows["rules"]["installed"] is True and "base_url" in rows["openai"]["options"]


def test_check_rules_prints_the_answer_and_timing() -> None:
    res = runner.invoke(app, ["models", "check", "rules"])
    assert res.exit_code == 0, res.output
    assert (
        "No pleural effusion or pneumothorax." in res.output
        and "generate:" in res.output
        and "ok" in res.output
    )
    res = runner.invoke(app, ["models", "check", "rules", "--json"])
    out = json.loads(res.output)
    assert out["backend"] == "rules" and out["generate_ms"] >= 0 and out["capabilities"]["local"] is True


def test_check_unknown_backend_is_a_clear_error() -> None:
    res = runner.invoke(app, ["models", "check", "gpt-imaginary"])
    assert res.exit_code == 2
    assert "unknown backend 'gpt-imaginary'" in res.output and "Traceback" not in res.output


def test_check_a_server_that_is_down() -> None:
    res = runner.invoke(
        app,
        [
            "models",
            "check",
            "openai",
            "-o",
            "base_url=http://127.0.0.1:9/v1",
            "-o",
            "model=m",
            "-o",
            "max_retries=0",
        ],
    )
    assert res.exit_code == 1
    assert "cannot reach http://127.0.0.1:9/v1" in res.output and "Traceback" not in res.output


def test_check_bad_option_and_bad_syntax() -> None:
    res = runner.invoke(app, ["models", "check", "rules", "-o", "colour=blue"])
    assert res.exit_code == 2 and "unknown option" in res.output
    res = runner.invoke(app, ["models", "check", "rules", "-o", "novalue"])
    assert res.exit_code == 2 and "key=value" in res.output


def test_check_xrv_with_random_weights_runs_the_classifier() -> None:
    import importlib.util

    if importlib.util.find_spec("torchxrayvision") is None:
        pytest.skip("the ml extra is not installed")
    res = runner.invoke(app, ["models", "check", "xrv", "-o", "weights=null", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert len(out["data"]["scores"]) == 18 and out["data"]["untrained"] is True
