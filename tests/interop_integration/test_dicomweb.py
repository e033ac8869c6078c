"""DICOMweb against a real Orthanc: RadPilot pulls a study (QIDO-RS + WADO-RS), stores its signed report SR back
with STOW-RS (and an amendment that references it), and the FHIR DiagnosticReport for that study validates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.imagingstudy import ImagingStudy
from pydicom.uid import generate_uid
from typer.testing import CliRunner

from radpilot.eval.peers import OrthancServer
from radpilot.interop.demo_study import DemoStudy
from radpilot.interop.dicom_read import read_dataset, to_bytes
from radpilot.interop.dicomweb import DICOMwebClient, json_value
from radpilot.interop.sr import (
    DocumentReference,
    Observer,
    ReferencedInstance,
    StudyReference,
    build_report_sr,
    read_report_sr,
)

SECTIONS = {
    "findings": "Enlarged cardiac silhouette. No pleural effusion. No pneumothorax.",
    "impression": "Cardiomegaly.",
}
SIGNED_AT = datetime(2024, 3, 14, 10, 30, tzinfo=UTC)
OBSERVER = Observer(name="Radiologist^Ada", organization="RadPilot General Hospital", datetime=SIGNED_AT)


@pytest.fixture(scope="module")
def demo_in_orthanc(orthanc: OrthancServer, demo: DemoStudy) -> DemoStudy:
    orthanc.upload(to_bytes(demo.dataset))  # idempotent: Orthanc answers AlreadyStored the second time
    return demo


@pytest.fixture(scope="module")
def client(orthanc: OrthancServer) -> DICOMwebClient:
    return DICOMwebClient(orthanc.dicomweb_url)


def _study_reference(demo: DemoStudy, client: DICOMwebClient) -> StudyReference:
    datasets = client.retrieve_study_datasets(demo.study_instance_uid)
    images = [ds for ds in datasets if ds.Modality != "SR"]
    return StudyReference(
        study_instance_uid=demo.study_instance_uid,
        instances=tuple(
            ReferencedInstance(str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID), str(ds.SOPClassUID))
            for ds in images
        ),
        patient_id=demo.patient_id,
        patient_name=demo.patient_name,
        patient_sex=demo.patient_sex,
        patient_birth_date=demo.patient_birth_date,
        accession_number=demo.accession_number,
        study_id="1",
        study_date="20240314",
        study_time="091500",
    )


def test_pull_by_qido_and_wado(client: DICOMwebClient, demo_in_orthanc: DemoStudy) -> None:
    demo = demo_in_orthanc
    studies = client.search_studies(accession_number=demo.accession_number)
    assert [json_value(s, "0020000D") for s in studies] == [demo.study_instance_uid]
    assert json_value(studies[0], "00100020") == demo.patient_id
    assert client.search_studies(accession_number="NO-SUCH-ACCESSION") == []

    parts = client.retrieve_study(demo.study_instance_uid)
    images = [read_dataset(p) for p in parts]
    images = [ds for ds in images if ds.Modality != "SR"]  # the SR test may already have stored a report
    assert len(images) == 1
    part = next(p for p in parts if read_dataset(p).SOPInstanceUID == demo.sop_instance_uid)
    assert part[128:132] == b"DICM"  # byte-valid Part 10 file
    ds = images[0]
    assert (str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID)) == (
        demo.study_instance_uid,
        demo.series_instance_uid,
        demo.sop_instance_uid,
    )
    assert ds.AccessionNumber == demo.accession_number
    assert bytes(ds.PixelData) == bytes(demo.dataset.PixelData)


def test_pacs_pull_command(orthanc: OrthancServer, demo_in_orthanc: DemoStudy, tmp_path: Path) -> None:
    from radpilot.cli import app

    demo = demo_in_orthanc
    runner = CliRunner()
    env = {"RADPILOT_PACS_DICOMWEB_URL": orthanc.dicomweb_url}
    result = runner.invoke(
        app, ["pacs", "pull", "--accession", demo.accession_number, "--out", str(tmp_path), "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary[0]["study_instance_uid"] == demo.study_instance_uid
    path = tmp_path / demo.study_instance_uid / demo.series_instance_uid / f"{demo.sop_instance_uid}.dcm"
    assert read_dataset(path).SOPInstanceUID == demo.sop_instance_uid

    missing = runner.invoke(
        app, ["pacs", "pull", "--accession", "NO-SUCH", "--out", str(tmp_path / "x")], env=env
    )
    assert missing.exit_code == 1
    assert "no study with AccessionNumber 'NO-SUCH'" in missing.output
    assert not (tmp_path / "x").exists()

    down = runner.invoke(
        app,
        [
            "pacs",
            "pull",
            "--accession",
            "A1",
            "--url",
            "http://127.0.0.1:9/dicom-web",
            "--out",
            str(tmp_path),
        ],
    )
    assert down.exit_code == 1 and "failed" in down.output and "Traceback" not in down.output

    unset = runner.invoke(app, ["pacs", "pull", "--accession", "A1"], env={"RADPILOT_PACS_DICOMWEB_URL": ""})
    assert unset.exit_code == 1 and "RADPILOT_PACS_DICOMWEB_URL" in unset.output


def test_signed_sr_stored_by_stow_and_listed_by_orthanc(
    orthanc: OrthancServer, client: DICOMwebClient, demo_in_orthanc: DemoStudy
) -> None:
    demo = demo_in_orthanc
    study = _study_reference(demo, client)
    series_uid = str(generate_uid())
    final = build_report_sr(
        SECTIONS,
        study,
        series_instance_uid=series_uid,
        sop_instance_uid=str(generate_uid()),
        status="final",
        observer=OBSERVER,
    )
    stored = client.store_instances([final])
    assert stored.status_code == 200 and stored.stored == [final.SOPInstanceUID] and not stored.failed

    # Orthanc's own REST API lists it, in the demo study
    ids = orthanc.find_instances(SOPInstanceUID=str(final.SOPInstanceUID))
    assert len(ids) == 1
    tags = orthanc.instance_tags(ids[0])
    assert tags["StudyInstanceUID"] == demo.study_instance_uid
    assert tags["Modality"] == "SR" and tags["VerificationFlag"] == "VERIFIED"
    # and QIDO-RS finds it among the study's instances
    listed = {json_value(i, "00080018") for i in client.search_instances(demo.study_instance_uid)}
    assert {str(final.SOPInstanceUID), demo.sop_instance_uid} <= listed

    amended_text = {**SECTIONS, "addendum": "Comparison with prior: stable cardiomegaly."}
    amended = build_report_sr(
        amended_text,
        study,
        series_instance_uid=series_uid,
        sop_instance_uid=str(generate_uid()),
        status="amended",
        observer=OBSERVER,
        instance_number=2,
        predecessor=DocumentReference(demo.study_instance_uid, series_uid, str(final.SOPInstanceUID)),
    )
    assert client.store_instances([amended], demo.study_instance_uid).stored == [amended.SOPInstanceUID]

    # read the amendment back from Orthanc by WADO-RS: it references its predecessor and the images
    back = client.retrieve_instance(demo.study_instance_uid, series_uid, str(amended.SOPInstanceUID))
    report = read_report_sr(read_dataset(back))
    assert report.predecessors == [str(final.SOPInstanceUID)]
    assert report.verification_flag == "VERIFIED"
    assert report.verifying_observer == "Radiologist^Ada"
    assert report.sections["addendum"] == amended_text["addendum"]
    assert (demo.series_instance_uid, demo.sop_instance_uid, str(demo.dataset.SOPClassUID)) in report.evidence
    assert len(orthanc.get(f"/series/{orthanc.find_series(series_uid)}")["Instances"]) == 2


def test_fhir_output_for_the_reported_study_validates(
    client: DICOMwebClient, demo_in_orthanc: DemoStudy
) -> None:
    from radpilot.interop.fhir import (
        InstanceInput,
        ReportInput,
        SeriesInput,
        diagnostic_report,
        imaging_study,
        to_json,
    )
    from radpilot.interop.order import OrderPatient
    from radpilot.structure import structure

    demo = demo_in_orthanc
    datasets = [ds for ds in client.retrieve_study_datasets(demo.study_instance_uid) if ds.Modality != "SR"]
    patient = OrderPatient(
        id=demo.patient_id, family_name="Demo", given_name="Patient", birth_date=date(1966, 10, 2), sex="M"
    )
    study = imaging_study(
        resource_id="study-1",
        study_instance_uid=demo.study_instance_uid,
        patient=patient,
        accession=demo.accession_number,
        series=[
            SeriesInput(
                series_instance_uid=str(ds.SeriesInstanceUID),
                modality=str(ds.Modality),
                instances=[InstanceInput(str(ds.SOPInstanceUID), str(ds.SOPClassUID))],
            )
            for ds in datasets
        ],
    )
    findings = structure(
        "FINDINGS: " + SECTIONS["findings"] + "\nIMPRESSION: " + SECTIONS["impression"]
    ).findings
    report = diagnostic_report(
        ReportInput(
            id="report-1",
            status="final",
            sections=SECTIONS,
            patient=patient,
            issued=SIGNED_AT,
            accession=demo.accession_number,
            study_instance_uid=demo.study_instance_uid,
            imaging_study_id="study-1",
            findings=findings,
            pdf=b"%PDF-1.4 test",
        )
    )
    # an independent parse of the JSON with fhir.resources validates it
    dr = DiagnosticReport.model_validate_json(to_json(report))
    assert dr.status == "final"
    assert dr.imagingStudy is not None and dr.imagingStudy[0].reference == "ImagingStudy/study-1"
    assert dr.contained is not None and len(dr.contained) >= 2  # one Observation per finding
    codes = {c.code for o in dr.contained for c in o.code.coding}  # type: ignore[attr-defined]
    assert "cardiomegaly" in codes
    imaging = ImagingStudy.model_validate_json(to_json(study))
    uids = {i.value for i in imaging.identifier or []}
    assert f"urn:oid:{demo.study_instance_uid}" in uids
    assert imaging.series is not None and imaging.series[0].uid == demo.series_instance_uid
