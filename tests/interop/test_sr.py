from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from radpilot.interop.demo_study import build_demo_study
from radpilot.interop.dicom_read import read_instance, to_bytes
from radpilot.interop.sr import (
    DocumentReference,
    Observer,
    ReferencedInstance,
    SRBuildError,
    StudyReference,
    build_report_sr,
    read_report_sr,
)

SIGNED_AT = datetime(2024, 3, 14, 10, 30, tzinfo=timezone(timedelta(hours=1)))
OBSERVER = Observer(name="Curie^Marie", organization="RadPilot General", datetime=SIGNED_AT)
SECTIONS = {
    "findings": "The heart is enlarged.\nNo pleural effusion. Ünïcode stays intact.",
    "impression": "Cardiomegaly.",
    "recommendation": "Echocardiography.",
}


@pytest.fixture(scope="module")
def study() -> StudyReference:
    demo = build_demo_study()
    return StudyReference(
        study_instance_uid=demo.study_instance_uid,
        instances=(
            ReferencedInstance(demo.series_instance_uid, demo.sop_instance_uid, "1.2.840.10008.5.1.4.1.1.7"),
        ),
        patient_id=demo.patient_id,
        patient_name=demo.patient_name,
        patient_sex="M",
        patient_birth_date=demo.patient_birth_date,
        accession_number=demo.accession_number,
        study_date="20240314",
        study_time="091500",
    )


def test_signed_report_round_trips(study: StudyReference) -> None:
    sr = build_report_sr(SECTIONS, study, series_instance_uid="2.25.100", sop_instance_uid="2.25.101",
                         observer=OBSERVER)  # fmt: skip
    ds, meta = read_instance(to_bytes(sr))
    assert meta.sop_class_uid == "1.2.840.10008.5.1.4.1.1.88.33" and meta.modality == "SR"
    assert (
        meta.study_instance_uid == study.study_instance_uid
        and meta.accession_number == study.accession_number
    )
    assert meta.patient_id == study.patient_id
    back = read_report_sr(ds)
    assert back.sections == {k: v for k, v in SECTIONS.items()}
    assert (back.completion_flag, back.verification_flag, back.preliminary_flag) == (
        "COMPLETE",
        "VERIFIED",
        "FINAL",
    )
    assert back.verifying_observer == "Curie^Marie" and back.verifying_organization == "RadPilot General"
    assert back.verification_datetime == "20240314103000+0100"
    assert back.evidence == [
        (i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid) for i in study.instances
    ]
    assert ds.ContentTemplateSequence[0].TemplateIdentifier == "2000"
    assert ds.ConceptNameCodeSequence[0].CodeValue == "18748-4"
    headings = [
        item.ConceptNameCodeSequence[0].CodeValue
        for item in ds.ContentSequence
        if item.ValueType == "CONTAINER"
    ]
    assert headings == ["121070", "121072", "121074"]


def test_draft_stays_unverified(study: StudyReference) -> None:
    sr = build_report_sr(SECTIONS, study, series_instance_uid="2.25.100", sop_instance_uid="2.25.102",
                         status="preliminary")  # fmt: skip
    back = read_report_sr(sr)
    assert (back.completion_flag, back.verification_flag, back.preliminary_flag) == (
        "PARTIAL",
        "UNVERIFIED",
        "PRELIMINARY",
    )
    assert "VerifyingObserverSequence" not in sr


def test_amendment_references_its_predecessor(study: StudyReference) -> None:
    first = build_report_sr(SECTIONS, study, series_instance_uid="2.25.100", sop_instance_uid="2.25.101",
                            observer=OBSERVER)  # fmt: skip
    amended = build_report_sr(
        {**SECTIONS, "impression": "Cardiomegaly. Amended: small left effusion."},
        study,
        series_instance_uid="2.25.100",
        sop_instance_uid="2.25.103",
        status="amended",
        observer=replace(OBSERVER, datetime=SIGNED_AT + timedelta(hours=2)),
        predecessor=DocumentReference(str(first.StudyInstanceUID), str(first.SeriesInstanceUID),
                                      str(first.SOPInstanceUID), str(first.SOPClassUID)),
    )  # fmt: skip
    back = read_report_sr(amended)
    assert back.predecessors == ["2.25.101"] and back.verification_flag == "VERIFIED"
    assert "Amended" in back.sections["impression"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sections": {"opinion": "x"}}, "unknown report section"),
        ({"sections": {"findings": "  "}}, "no text"),
        ({"observer": None}, "needs its verifying observer"),
        ({"status": "amended"}, "must reference the SR it replaces"),
        ({"status": "signed"}, "status must be"),
        ({"observer": Observer("Marie Curie", "Org", SIGNED_AT)}, "Family\\^Given"),
        ({"sop_instance_uid": "1.2.abc"}, "SOPInstanceUID '1.2.abc' is not a valid UID"),
        ({"no_instances": True}, "no instances"),
    ],
)
def test_bad_input_is_refused(study: StudyReference, kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"sections": SECTIONS, "study": study, "series_instance_uid": "2.25.1",
                               "sop_instance_uid": "2.25.2", "observer": OBSERVER}  # fmt: skip
    if kwargs.pop("no_instances", False):
        args["study"] = replace(study, instances=())
    args.update(kwargs)
    with pytest.raises(SRBuildError, match=message):
        build_report_sr(**args)  # type: ignore[arg-type]
