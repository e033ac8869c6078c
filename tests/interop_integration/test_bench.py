"""`radpilot bench interop` end to end with small counts (the figures themselves are not asserted: speed goals
belong to the benchmark, not to tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.eval.interop_bench import MAX_INSTANCES, write_synthetic_cr
from radpilot.eval.peers import find_dicomweb_plugin, find_orthanc, find_storescu
from radpilot.interop.dicom_read import read_dataset


def test_synthetic_cr_instances_are_valid_512x512_cr(tmp_path: Path) -> None:
    paths = write_synthetic_cr(tmp_path, 3, seed=1)
    datasets = [read_dataset(p) for p in paths]
    assert {str(ds.SOPClassUID) for ds in datasets} == {"1.2.840.10008.5.1.4.1.1.1"}
    assert len({str(ds.SOPInstanceUID) for ds in datasets}) == 3
    assert len({str(ds.StudyInstanceUID) for ds in datasets}) == 1
    pixels = datasets[0].pixel_array
    assert pixels.shape == (512, 512) and pixels.max() <= 4095 and pixels.std() > 100
    with pytest.raises(ValueError, match="instance count must be 1"):
        write_synthetic_cr(tmp_path, MAX_INSTANCES + 1)


def test_bench_interop_command_runs_every_measurement(tmp_path: Path) -> None:
    from radpilot.cli import app

    for check in (find_orthanc, find_dicomweb_plugin, find_storescu):
        check()  # a missing peer fails here with the scripts/ci_orthanc.sh hint
    out = tmp_path / "bench.json"
    args = ["bench", "interop", "--instances", "20", "--hl7", "50", "--outbox", "10", "--outbox-down", "1"]
    result = CliRunner().invoke(app, [*args, "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    names = [row["name"] for row in data["rows"]]
    assert names == [
        "Orthanc REST upload (setup, not RadPilot)",
        "C-STORE ingest, sender Orthanc",
        "C-STORE ingest, sender dcmtk storescu",
        "HL7 ORM^O01 with ACK (MLLP)",
    ]
    assert [row["count"] for row in data["rows"]] == [20, 20, 20, 50]
    assert all(row["ok"] for row in data["rows"]) and data["ok"] and not data["missing_peers"]
    assert data["outbox"]["delivered"] == 10
    assert data["outbox"]["lost"] == 0 and data["outbox"]["duplicated"] == 0
    assert "C-STORE ingest, sender Orthanc" in result.stdout


def test_bench_interop_refuses_an_unknown_sender() -> None:
    from radpilot.cli import app

    result = CliRunner().invoke(app, ["bench", "interop", "--sender", "gdcm", "--hl7", "0", "--outbox", "0"])
    assert result.exit_code == 1 and "unknown --sender gdcm" in result.output
