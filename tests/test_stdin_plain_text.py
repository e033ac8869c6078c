"""Commands taking ``-`` read JSON lines, or one plain-text report when stdin does not start with JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner()
REPORT = "FINDINGS: Small left pleural effusion. Mild cardiomegaly.\nIMPRESSION: Small left effusion.\n"


@pytest.mark.parametrize("command", ["label", "assess", "impression", "check", "simplify"])
def test_a_plain_text_report_on_stdin_is_one_record(command: str) -> None:
    r = runner.invoke(app, [command, "-"], input="\n" + REPORT)
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "error" not in lines[0]


def test_json_lines_on_stdin_still_are_json_lines() -> None:
    lines = "\n".join(json.dumps({"id": i, "text": REPORT}) for i in range(3))
    r = runner.invoke(app, ["label", "-"], input=lines)
    assert r.exit_code == 0 and [json.loads(x)["id"] for x in r.output.splitlines()] == [0, 1, 2]


def test_plain_text_with_a_nul_byte_is_refused() -> None:
    r = runner.invoke(app, ["label", "-"], input="Small effusion.\x00")
    assert r.exit_code == 1 and "NUL" in r.output


BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("command", "key"),
    [
        ("label", "text"),
        ("assess", "text"),
        ("impression", "findings"),
        ("check", "text"),
        ("simplify", "text"),
    ],
)
def test_json_lines_after_a_byte_order_mark_are_json_lines(command: str, key: str) -> None:
    # Left in place, the mark hid the first "{" and both records were read as one plain-text report.
    lines = "\n".join(json.dumps({"id": i, key: REPORT}) for i in (1, 2)) + "\n"
    r = runner.invoke(app, [command, "-"], input=BOM + lines.encode())
    assert r.exit_code == 0, r.output
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in out] == [1, 2] and not any("error" in x for x in out)


def test_a_plain_text_report_after_a_byte_order_mark_does_not_start_with_it() -> None:
    r = runner.invoke(app, ["label", "-"], input=BOM + REPORT.encode())
    assert r.exit_code == 0, r.output
    (line,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert line["findings"] and all("\ufeff" not in f["text"] for f in line["findings"])


@pytest.mark.parametrize("command", ["label", "assess", "impression", "check", "simplify"])
@pytest.mark.parametrize("stdin", ["", "\n  \n", BOM.decode() + "\n"])
def test_empty_stdin_is_an_error_as_an_empty_file_is(command: str, stdin: str) -> None:
    r = runner.invoke(app, [command, "-"], input=stdin)
    assert r.exit_code == 1
    assert r.stderr == "error: -: stdin is empty (no JSON lines and no report text)\n" and r.stdout == ""


def test_draft_says_it_does_not_read_stdin() -> None:
    r = runner.invoke(app, ["draft", "-"], input='{"exam": "XR CHEST", "modality": "CR"}')
    assert r.exit_code == 1
    assert r.stderr == "error: draft reads a study folder or a JSON study file, not stdin (-)\n"
