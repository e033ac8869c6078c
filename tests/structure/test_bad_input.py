"""Malformed input to the `PATH|-` commands (shared reader in radpilot.commands.io): every bad line or file is
named with what is wrong, the run goes on to the next line, nothing is printed as a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner(env={"COLUMNS": "300"})  # a wide usage-error box: no path is wrapped
COMMANDS = ("label", "assess", "check", "simplify")


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in the output")


def _plain(text: str) -> str:
    """Typer's boxed usage error as one line of words."""
    return " ".join(text.replace("│", " ").split())


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_deeply_nested_line_is_an_error_for_that_line_only(command: str) -> None:
    stdin = (
        "[" * 100_000
        + "]" * 100_000
        + "\n"
        + json.dumps({"id": "ok", "text": "FINDINGS: No effusion."})
        + "\n"
    )
    res = runner.invoke(app, [command, "-"], input=stdin)
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    out = _lines(res.stdout)
    assert out[0] == {"id": None, "line": 1, "error": "invalid JSON: nested too deeply"}
    assert out[1]["id"] == "ok" and "error" not in out[1]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused_and_never_echoed(literal: str) -> None:
    res = runner.invoke(app, ["label", "-"], input=f'{{"id": {literal}, "text": "FINDINGS: nodule."}}\n')
    assert res.exit_code == 1
    (raw,) = res.stdout.splitlines()
    line = json.loads(raw, parse_constant=_no_constant)  # the output itself is strict JSON
    assert line["id"] is None and line["line"] == 1
    assert str(line["error"]).startswith("invalid JSON: ") and literal.lstrip("-") in str(line["error"])


def test_invalid_utf8_line_names_the_line_and_column() -> None:
    stdin = b'{"id": 1, "text": "FINDINGS: \xff nodule."}\n{"id": 2, "text": "FINDINGS: nodule."}\n'
    res = runner.invoke(app, ["label", "-"], input=stdin)
    assert res.exit_code == 1
    first, second = _lines(res.stdout)
    assert first == {"id": None, "line": 1, "error": "not UTF-8 text (invalid byte at column 30)"}
    assert second["id"] == 2 and "findings" in second


@pytest.mark.parametrize(
    ("value", "name"), [("null", "null"), ("[1, 2]", "array"), ('"x"', "string"), ("5", "number")]
)
def test_wrong_json_type_is_named_in_json_terms(value: str, name: str) -> None:
    res = runner.invoke(app, ["label", "-"], input=value + "\n")
    assert _lines(res.stdout) == [{"id": None, "line": 1, "error": f"expected a JSON object, got {name}"}]


def test_truncated_line_message_names_the_column_once() -> None:
    res = runner.invoke(app, ["label", "-"], input='{"id": 1, "text": "no eff')  # the file ends mid-line
    (line,) = _lines(res.stdout)
    assert line["error"] == "invalid JSON: Unterminated string starting at (column 19)"


@pytest.mark.parametrize("command", ("label", "assess", "check", "impression", "simplify"))
def test_a_file_with_nul_bytes_is_refused_as_binary(command: str, tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"FINDINGS: a\x00b nodule.\n")
    res = runner.invoke(app, [command, str(p)])
    assert res.exit_code == 2
    assert f"{p}: looks like binary data, not text (a NUL byte at character 11)" in _plain(res.stderr)
    assert "Traceback" not in res.output


@pytest.mark.parametrize("command", ("label", "assess", "check", "impression", "simplify"))
def test_a_directory_is_named_as_a_directory(command: str, tmp_path: Path) -> None:
    res = runner.invoke(app, [command, str(tmp_path)])
    assert res.exit_code == 2
    assert f"{tmp_path}: is a directory, not a report file" in _plain(res.stderr)
    assert "no such file" not in res.stderr
