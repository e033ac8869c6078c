from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.imagingstudy import ImagingStudy

from radpilot.interop.fhir import (
    FHIRValidationError,
    InstanceInput,
    ObservationCodes,
    ReportInput,
    SeriesInput,
    diagnostic_report,
    imaging_study,
    lexicon_codes,
    observation,
    parse_service_request,
    to_json,
)
from radpilot.interop.order import OrderingProvider, OrderPatient
from radpilot.structure import structure

ISSUED = datetime(2024, 3, 14, 10, 30, tzinfo=UTC)
PATIENT = OrderPatient("MRN123", "urn:oid:1.2.3", "Doe", "Jane", date(1970, 1, 1), "F")
CODES = {
    "pleural_effusion": ObservationCodes("Pleural effusion", "RID34539", "60046008"),
    "pneumothorax": ObservationCodes("Pneumothorax", "RID5352", "36118008"),
}
TEXT = "FINDINGS: Small left pleural effusion. No pneumothorax. 8 mm nodule in the right upper lobe.\nIMPRESSION: Small left pleural effusion."


def report(**change: Any) -> ReportInput:
    args: dict[str, Any] = {
        "id": "report-1",
        "status": "final",
        "sections": {
            "findings": "Small left pleural effusion. No pneumothorax.",
            "impression": "Small left pleural effusion.",
        },
        "patient": PATIENT,
        "issued": ISSUED,
        "effective": datetime(2024, 3, 14, 9, 15, tzinfo=UTC),
        "accession": "ACC001",
        "study_instance_uid": "1.2.840.99.1",
        "exam_code": "71046",
        "exam_text": "XR CHEST 2 VIEWS",
        "exam_coding_system": "CPT",
        "performer_organization": "RadPilot General",
        "interpreter": OrderingProvider("77", "Curie", "Marie"),
        "pdf": b"%PDF-1.4\n% test document\n",
        "findings": structure(TEXT).findings,
    }
    args.update(change)
    return ReportInput(**args)


def test_diagnostic_report_validates_and_carries_every_element() -> None:
    resource = diagnostic_report(report(), codes=CODES)
    data = json.loads(to_json(resource))
    DiagnosticReport.model_validate(data)  # re-validates from the wire form
    assert data["status"] == "final"
    assert data["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "18748-4",
        "display": "Diagnostic imaging study",
    }
    assert data["category"][0]["coding"][0]["code"] == "RAD"
    assert data["subject"]["identifier"]["value"] == "MRN123"
    assert data["effectiveDateTime"].startswith("2024-03-14T09:15") and data["issued"].startswith(
        "2024-03-14T10:30"
    )
    assert data["performer"][0]["display"] == "RadPilot General"
    assert data["resultsInterpreter"][0]["display"] == "Marie Curie"
    assert data["conclusion"] == "Small left pleural effusion."
    assert data["imagingStudy"][0]["identifier"] == {
        "system": "urn:dicom:uid",
        "value": "urn:oid:1.2.840.99.1",
    }
    assert data["identifier"][0]["value"] == "ACC001"
    # conclusionCode: SNOMED of present findings only (pneumothorax is absent)
    assert [c["coding"][0]["code"] for c in data["conclusionCode"]] == ["60046008"]
    text, pdf = data["presentedForm"]
    body = base64.b64decode(text["data"]).decode()
    assert (
        text["contentType"].startswith("text/plain") and "IMPRESSION:\nSmall left pleural effusion." in body
    )
    assert pdf["contentType"] == "application/pdf" and base64.b64decode(pdf["data"]).startswith(b"%PDF-")
    assert pdf["hash"] == base64.b64encode(hashlib.sha1(base64.b64decode(pdf["data"])).digest()).decode()
    # one contained Observation per structured finding, referenced from result
    contained = {c["id"]: c for c in data["contained"]}
    assert [r["reference"] for r in data["result"]] == [f"#{k}" for k in contained]
    effusion = next(c for c in contained.values() if c["code"]["text"] == "Pleural effusion")
    systems = {c["system"]: c["code"] for c in effusion["code"]["coding"]}
    assert systems["http://radlex.org"] == "RID34539" and systems["http://snomed.info/sct"] == "60046008"
    assert effusion["valueCodeableConcept"]["coding"][0]["code"] == "52101004"  # Present
    assert effusion["bodySite"]["coding"][0]["code"] == "7771000"  # Left
    ptx = next(c for c in contained.values() if c["code"]["text"] == "Pneumothorax")
    assert ptx["valueCodeableConcept"]["coding"][0]["code"] == "2667000"  # Absent


def test_missing_codes_are_handled() -> None:
    """A code the lexicon does not know (or has no RadLex/SNOMED for) keeps a local coding."""
    data = json.loads(to_json(diagnostic_report(report(), codes={})))
    assert "conclusionCode" not in data
    for obs in data["contained"]:
        assert [c["system"] for c in obs["code"]["coding"]] == ["urn:radpilot:observation"]


def test_nodule_size_component() -> None:
    nodule = next(f for f in structure(TEXT).findings if f.code == "nodule")
    obs = observation(nodule, subject={"reference": "Patient/1"}, codes={})
    comp = obs.model_dump(mode="json", exclude_none=True)["component"][0]
    assert comp["valueQuantity"] == {
        "value": 8.0,
        "unit": "mm",
        "system": "http://unitsofmeasure.org",
        "code": "mm",
    }


def test_lexicon_codes_are_used_when_available() -> None:
    codes = lexicon_codes()
    if not codes:
        pytest.skip("the lexicon has no entries yet")
    with_snomed = [c for c, v in codes.items() if v.snomed]
    assert all(isinstance(v.name, str) for v in codes.values())
    if with_snomed:
        obs = observation(
            {"code": with_snomed[0], "assertion": "present"}, subject={"reference": "Patient/1"}
        )
        assert any(c.system == "http://snomed.info/sct" for c in obs.code.coding or [])


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"status": "signed"}, "DiagnosticReport.status"),
        ({"id": "bad id!"}, "DiagnosticReport.id"),
        ({"sections": {"findings": " "}}, "DiagnosticReport.presentedForm"),
        ({"pdf": b"not a pdf"}, "DiagnosticReport.presentedForm"),
    ],
)
def test_bad_report_input(change: dict[str, Any], path: str) -> None:
    with pytest.raises(FHIRValidationError) as info:
        diagnostic_report(report(**change), codes=CODES)
    assert info.value.errors[0][0] == path


def test_imaging_study() -> None:
    study = imaging_study(
        resource_id="study-1",
        study_instance_uid="1.2.840.99.1",
        patient=PATIENT,
        accession="ACC001",
        started=datetime(2024, 3, 14, 9, 15),
        series=[
            SeriesInput(
                "1.2.840.99.1.1", "CR", [InstanceInput("1.2.840.99.1.1.1", "1.2.840.10008.5.1.4.1.1.1", 1)], 1
            ),
            SeriesInput(
                "1.2.840.99.1.2", "SR", [InstanceInput("1.2.840.99.1.2.1", "1.2.840.10008.5.1.4.1.1.88.33")]
            ),
        ],
    )
    data = json.loads(to_json(study))
    ImagingStudy.model_validate(data)
    assert data["identifier"][0] == {"system": "urn:dicom:uid", "value": "urn:oid:1.2.840.99.1"}
    assert (data["numberOfSeries"], data["numberOfInstances"]) == (2, 2)
    assert data["series"][0]["modality"]["code"] == "CR"
    assert data["series"][0]["instance"][0]["sopClass"]["code"] == "urn:oid:1.2.840.10008.5.1.4.1.1.1"


def service_request(**change: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": "sr1",
        "contained": [
            {"resourceType": "Patient", "id": "p", "identifier": [{"system": "urn:mrn", "value": "MRN9"}],
             "name": [{"family": "Doe", "given": ["Jane", "Q"]}], "gender": "female", "birthDate": "1970-01-01"},
            {"resourceType": "Practitioner", "id": "dr", "name": [{"family": "Smith", "given": ["John"]}]},
        ],
        "identifier": [
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "ACSN"}]}, "value": "ACC9"},
            {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "PLAC"}]}, "value": "PL9"},
        ],
        "status": "active",
        "intent": "order",
        "priority": "stat",
        "code": {"coding": [{"system": "http://loinc.org", "code": "36643-5", "display": "XR Chest 2 Views"}]},
        "orderDetail": [{"coding": [{"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CR"}]}],
        "subject": {"reference": "#p"},
        "requester": {"reference": "#dr"},
        "reasonCode": [{"text": "Shortness of breath"}],
        "occurrenceDateTime": "2024-03-14T09:00:00Z",
    }  # fmt: skip
    data.update(change)
    return data


def test_service_request_becomes_an_order() -> None:
    order = parse_service_request(json.dumps(service_request()))
    assert (order.accession, order.accession_source) == ("ACC9", "ServiceRequest.identifier(ACSN)")
    assert (order.exam_code, order.exam_text) == ("36643-5", "XR Chest 2 Views")
    assert order.priority == "stat" and order.modality == "CR" and order.indication == "Shortness of breath"
    p = order.patient
    assert (p.id, p.family_name, p.given_name, p.sex, p.birth_date) == (
        "MRN9",
        "Doe",
        "Jane Q",
        "F",
        date(1970, 1, 1),
    )
    assert order.ordering_provider == OrderingProvider(None, "Smith", "John")
    assert order.placer_order_number == "PL9" and order.source == "fhir"
    assert order.requested_at == datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ("{not json", "ServiceRequest"),
        (json.dumps(["a"]), "ServiceRequest"),
        (json.dumps(service_request(resourceType="Patient")), "ServiceRequest.resourceType"),
        (json.dumps(service_request(priority=5)), "ServiceRequest.priority"),
        (json.dumps(service_request(priority="whenever")), "ServiceRequest.priority"),
        (json.dumps(service_request(status="completed")), "ServiceRequest.status"),
        (json.dumps(service_request(intent="wish")), "ServiceRequest.intent"),
        (json.dumps(service_request(code={})), "ServiceRequest.code"),
        (json.dumps(service_request(identifier=[])), "ServiceRequest.identifier"),
        (json.dumps(service_request(subject={"display": "someone"})), "ServiceRequest.subject"),
        (json.dumps(service_request(unknownElement=1)), "ServiceRequest.unknownElement"),
    ],
)
def test_bad_service_requests_name_the_element(payload: str, path: str) -> None:
    with pytest.raises(FHIRValidationError) as info:
        parse_service_request(payload)
    assert info.value.errors[0][0] == path
