"""Malformed interop input: every defect raises the module's own error (HL7Error with its ERR location,
FHIRValidationError, DICOMwebError) so that senders get an ACK and the CLI a one-line error."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import hl7
import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.interop.dicomweb import DICOMwebClient, DICOMwebError
from radpilot.interop.fhir import FHIRValidationError, parse_service_request
from radpilot.interop.hl7v2 import ErrorLocation, HL7Error, handle_order_message, parse_dtm, parse_order

from .hl7_messages import OBR, ORC, PID, orm

NOW = datetime(2024, 3, 14, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("value", ["197001010000+9999", "197001010000-2460", "20240314083000+2400"])
def test_impossible_time_zone_offset_is_an_hl7_error(value: str) -> None:
    with pytest.raises(HL7Error) as info:
        parse_dtm(value, ErrorLocation("PID", 1, 7))
    assert info.value.code == "102" and str(info.value.location) == "PID^1^7"
    assert "impossible time zone offset" in str(info.value)


def test_offsets_within_a_day_are_kept() -> None:
    when = parse_dtm("197001010000-0530", ErrorLocation("PID", 1, 7))
    assert when is not None and when.utcoffset() is not None
    assert when.utcoffset().total_seconds() == -(5 * 3600 + 30 * 60)  # type: ignore[union-attr]


def test_order_with_bad_offset_gets_an_ae_ack_naming_the_field() -> None:
    message = orm(PID.replace("19700101", "197001010000+9999"), ORC, OBR)
    with pytest.raises(HL7Error):
        parse_order(message)
    stored: list[object] = []
    order, ack_text = handle_order_message(message, stored.append, now=NOW)
    assert order is None and stored == []
    ack = hl7.parse(ack_text)
    assert str(ack.segment("MSA")(1)) == "AE"
    assert str(ack.segment("ERR")(2)) == "PID^1^7" and str(ack.segment("ERR")(3)(1)(1)) == "102"


def test_deeply_nested_fhir_body_is_a_validation_error() -> None:
    with pytest.raises(FHIRValidationError, match="nested too deeply"):
        parse_service_request("[" * 100_000 + "]" * 100_000)


def test_malformed_dicomweb_url_is_a_dicomweb_error() -> None:
    with DICOMwebClient("http://[::1") as client, pytest.raises(DICOMwebError, match="not a valid URL"):
        client.search_studies(accession_number="A1")


def test_pacs_pull_with_a_malformed_url_fails_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "pulled"
    res = CliRunner().invoke(
        app, ["pacs", "pull", "--accession", "A1", "--url", "http://[::1/dicom-web", "--out", str(out)]
    )
    assert res.exit_code == 1
    assert res.stderr.startswith("error: GET http://[::1/dicom-web/studies: not a valid URL (")
    assert len(res.stderr.splitlines()) == 1
    assert not out.exists()
