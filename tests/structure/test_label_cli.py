"""The `radpilot label` contract: file input, JSONL stdin, malformed lines, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner()
FINDING_KEYS = {
    "code",
    "name",
    "assertion",
    "laterality",
    "location",
    "size_mm",
    "sizes_mm",
    "severity",
    "change",
    "section",
    "sentence",
    "span",
    "text",
}


def test_label_file_table(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION: Left effusion.")
    res = runner.invoke(app, ["label", str(p)])
    assert res.exit_code == 0, res.output
    assert "pleural_effusion" in res.output and "left" in res.output
    assert "normal: no" in res.output


def test_label_file_json(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("Heart size normal. A 1.2 x 0.9 cm nodule in the right upper lobe.")
    res = runner.invoke(app, ["label", str(p), "--format", "json"])
    out = json.loads(res.output)
    assert out["normal"] is False
    nodule = next(f for f in out["findings"] if f["code"] == "nodule")
    assert set(nodule) >= FINDING_KEYS
    assert nodule["size_mm"] == 12.0 and nodule["sizes_mm"] == [12.0, 9.0]
    assert nodule["laterality"] == "right" and nodule["location"] == "upper lobe"


def test_label_jsonl_in_order_with_errors() -> None:
    lines = [
        json.dumps({"id": "a", "text": "No pneumothorax."}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps({"id": "e", "text": "Cardiomegaly."}),
    ]
    res = runner.invoke(app, ["label", "-", "--format", "jsonl"], input="\n".join(lines) + "\n")
    assert res.exit_code == 1
    out = [json.loads(x) for x in res.output.strip().splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", "d", "e"]
    assert out[0]["normal"] is True
    assert out[1]["line"] == 2 and "invalid JSON" in out[1]["error"]
    assert out[2]["line"] == 3 and "missing field 'text'" in out[2]["error"]
    assert "must be a string" in out[3]["error"]
    assert out[4]["findings"][0]["code"] == "cardiomegaly"


def test_label_jsonl_all_good_exits_zero() -> None:
    res = runner.invoke(
        app, ["label", "-", "--format", "jsonl"], input=json.dumps({"id": 1, "text": "Normal."}) + "\n"
    )
    assert res.exit_code == 0


@pytest.mark.parametrize("content", ["", "   \n"])
def test_label_empty_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    p = tmp_path / "r.txt"
    p.write_text(content)
    res = runner.invoke(app, ["label", str(p)])
    assert res.exit_code == 1
    assert "empty" in res.output


def test_label_missing_file() -> None:
    res = runner.invoke(app, ["label", "/nonexistent/report.txt"])
    assert res.exit_code == 2
    assert "no such file" in res.output
    assert "Traceback" not in res.output


def test_installed_command_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "radpilot.cli", "label", "-", "--format", "jsonl"],
        input=json.dumps({"id": "x", "text": "No effusion."}) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "x"


def test_label_jsonl_reads_sized_nodes_and_each_side_end_to_end() -> None:
    # the 2026-12-01 rules through the command: a node by its short axis, a node no longer enlarged, one finding a
    # side with its degree; a malformed line in between is answered in its place and nothing else changes
    lines = [
        json.dumps({"id": "a", "text": "FINDINGS: 12 mm right paratracheal lymph node."}),
        "{not json",
        json.dumps(
            {"id": "b", "text": "FINDINGS: Right paratracheal node now measures 8 mm, previously 14 mm."}
        ),
        json.dumps({"id": "c", "text": "FINDINGS: Small right and moderate left pleural effusions."}),
    ]
    res = runner.invoke(app, ["label", "-", "--format", "jsonl"], input="\n".join(lines) + "\n")
    assert res.exit_code == 1
    out = [json.loads(x) for x in res.output.strip().splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "b", "c"]
    assert out[1]["line"] == 2 and "error" in out[1]
    node = out[0]["findings"][0]
    assert (node["code"], node["assertion"], node["laterality"], node["size_mm"]) == (
        "lymphadenopathy", "present", "right", 12.0,
    )  # fmt: skip
    gone = out[2]["findings"][0]
    assert (gone["code"], gone["assertion"], gone["change"]) == ("lymphadenopathy", "absent", "resolved")
    assert out[2]["normal"] is True
    sides = [(f["laterality"], f["severity"]) for f in out[3]["findings"]]
    assert sides == [("right", "small"), ("left", "moderate")]
    assert all(set(f) >= FINDING_KEYS for o in (out[0], out[2], out[3]) for f in o["findings"])
