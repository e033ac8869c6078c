"""The signed report as a DICOM Structured Report, built with highdicom.

Document: Comprehensive SR (PS3.3 A.35.3, SOP Class 1.2.840.10008.5.1.4.1.1.88.33) whose content tree follows
TID 2000 "Basic Diagnostic Imaging Report" (PS3.16): root CONTAINER titled LOINC 18748-4 "Diagnostic Imaging
Report" (CID 7000), with HAS CONCEPT MOD Language (TID 1204), HAS OBS CONTEXT Observer (TID 1002/1003), and
one CONTAINS section CONTAINER per report section with headings from CID 7001 (Findings 121070, Impressions
121072, Recommendations 121074, History 121060, Current/Prior Procedure Descriptions 121064/121066, ...)
holding TEXT items (TID 2002; CID 7002 concepts: Finding 121071, Impression 121073, Recommendation 121075).

Sign-off semantics are those of the SR Document General Module (PS3.3 C.17.2): a signed (final, amended or
corrected) report is CompletionFlag COMPLETE, PreliminaryFlag FINAL and VerificationFlag VERIFIED with a
Verifying Observer Sequence (name, organization, VerificationDateTime); a draft stays PARTIAL / PRELIMINARY /
UNVERIFIED. The study is referenced through Current Requested Procedure Evidence Sequence, and an amendment
lists the SR it replaces in Predecessor Documents Sequence (C.17.2.3).

Input is plain data (:class:`StudyReference`, :class:`Observer`, a ``{section: text}`` mapping) so that the
service can call :func:`build_report_sr` without touching pydicom.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydicom.dataset import Dataset
from pydicom.uid import UID
from pydicom.valuerep import DA, TM

from radpilot.interop.dicom_read import _UID_RE

SRStatus = Literal["preliminary", "final", "amended", "corrected"]
COMPREHENSIVE_SR = UID("1.2.840.10008.5.1.4.1.1.88.33")

# section name -> (heading code, heading meaning, item code, item meaning), PS3.16 CID 7001 / CID 7002
SECTION_CODES: dict[str, tuple[str, str, str, str]] = {
    "history": ("121060", "History", "121060", "History"),
    "indication": ("121109", "Indications for Procedure", "121109", "Indications for Procedure"),
    "examination": ("121064", "Current Procedure Descriptions", "121065", "Procedure Description"),
    "technique": ("121064", "Current Procedure Descriptions", "121065", "Procedure Description"),
    "comparison": ("121066", "Prior Procedure Descriptions", "121065", "Procedure Description"),
    "findings": ("121070", "Findings", "121071", "Finding"),
    "impression": ("121072", "Impressions", "121073", "Impression"),
    "recommendation": ("121074", "Recommendations", "121075", "Recommendation"),
    "conclusion": ("121076", "Conclusions", "121077", "Conclusion"),
    "addendum": ("121078", "Addendum", "121078", "Addendum"),
}
_HEADING_TO_SECTION = {
    "121060": "history",
    "121109": "indication",
    "121064": "technique",
    "121066": "comparison",
    "121070": "findings",
    "121072": "impression",
    "121074": "recommendation",
    "121076": "conclusion",
    "121078": "addendum",
}


class SRBuildError(ValueError):
    """The report cannot be encoded as asked (unknown section, missing observer, bad UID...)."""


@dataclass(frozen=True, slots=True)
class ReferencedInstance:
    """An image of the study, listed as evidence (PS3.3 C.17.2.2 SOP Instance Reference Macro)."""

    series_instance_uid: str
    sop_instance_uid: str
    sop_class_uid: str


@dataclass(frozen=True, slots=True)
class StudyReference:
    """Patient and study identification copied into the SR (Patient, General Study modules)."""

    study_instance_uid: str
    instances: tuple[ReferencedInstance, ...]
    patient_id: str = ""
    patient_name: str = ""
    patient_sex: str = ""
    patient_birth_date: str = ""  # DA, YYYYMMDD
    accession_number: str = ""
    study_id: str = ""
    study_date: str = ""
    study_time: str = ""
    referring_physician_name: str = ""


@dataclass(frozen=True, slots=True)
class Observer:
    """The verifying observer (PS3.3 C.17.2.1 Verifying Observer Sequence).

    ``name`` is in DICOM PN form ``Family^Given``.
    """

    name: str
    organization: str
    datetime: datetime


@dataclass(frozen=True, slots=True)
class DocumentReference:
    """A previous SR version, for Predecessor Documents Sequence."""

    study_instance_uid: str
    series_instance_uid: str
    sop_instance_uid: str
    sop_class_uid: str = str(COMPREHENSIVE_SR)


@dataclass(frozen=True, slots=True)
class ReportSR:
    """What :func:`read_report_sr` reads back from an SR document."""

    sections: dict[str, str]
    completion_flag: str
    verification_flag: str
    preliminary_flag: str | None
    verifying_observer: str | None
    verifying_organization: str | None
    verification_datetime: str | None
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (series, sop instance, sop class)
    predecessors: list[str] = field(default_factory=list)  # SOP Instance UIDs


def _check_uid(name: str, value: str) -> None:
    if not value or len(value) > 64 or not _UID_RE.match(value):
        raise SRBuildError(f"{name} {value!r} is not a valid UID (PS3.5 Section 9.1)")


def _dt(value: datetime) -> str:
    text = value.strftime("%Y%m%d%H%M%S")
    if value.utcoffset() is not None:
        text += value.strftime("%z")
    return text


def _evidence(study: StudyReference) -> list[Dataset]:
    out = []
    for inst in study.instances:
        ds = Dataset()
        ds.StudyInstanceUID = study.study_instance_uid
        ds.SeriesInstanceUID = inst.series_instance_uid
        ds.SOPInstanceUID = inst.sop_instance_uid
        ds.SOPClassUID = inst.sop_class_uid
        ds.PatientID = study.patient_id
        ds.PatientName = study.patient_name
        ds.PatientBirthDate = study.patient_birth_date
        ds.PatientSex = study.patient_sex
        ds.AccessionNumber = study.accession_number
        ds.StudyID = study.study_id
        ds.StudyDate = study.study_date
        ds.StudyTime = study.study_time
        ds.ReferringPhysicianName = study.referring_physician_name
        out.append(ds)
    return out


def _content_tree(sections: Mapping[str, str], observer: Observer | None) -> Dataset:
    from highdicom.sr import (
        CodedConcept,
        ContainerContentItem,
        ContentSequence,
        LanguageOfContentItemAndDescendants,
        ObserverContext,
        PersonObserverIdentifyingAttributes,
        RelationshipTypeValues,
        TextContentItem,
    )
    from pydicom.sr.codedict import codes

    root = ContainerContentItem(
        name=CodedConcept("18748-4", "LN", "Diagnostic Imaging Report"),
        template_id="2000",
    )
    root.ContentSequence = ContentSequence()
    root.ContentSequence.extend(
        LanguageOfContentItemAndDescendants(CodedConcept("en-US", "RFC5646", "English (United States)"))
    )
    if observer is not None:
        root.ContentSequence.extend(
            ObserverContext(
                observer_type=codes.cid270.Person,
                observer_identifying_attributes=PersonObserverIdentifyingAttributes(
                    name=observer.name, organization_name=observer.organization
                ),
            )
        )
    headings: dict[str, Any] = {}
    for name, text in sections.items():
        body = text.strip()
        if not body:
            continue
        heading_code, heading_meaning, item_code, item_meaning = SECTION_CODES[name]
        heading = headings.get(heading_code)
        if heading is None:
            heading = ContainerContentItem(
                name=CodedConcept(heading_code, "DCM", heading_meaning),
                relationship_type=RelationshipTypeValues.CONTAINS,
            )
            heading.ContentSequence = ContentSequence()
            headings[heading_code] = heading
            root.ContentSequence.append(heading)
        heading.ContentSequence.append(
            TextContentItem(
                name=CodedConcept(item_code, "DCM", item_meaning),
                value=body,
                relationship_type=RelationshipTypeValues.CONTAINS,
            )
        )
    return root


def build_report_sr(
    sections: Mapping[str, str],
    study: StudyReference,
    *,
    series_instance_uid: str,
    sop_instance_uid: str,
    status: SRStatus = "final",
    observer: Observer | None = None,
    predecessor: DocumentReference | None = None,
    series_number: int = 900,
    instance_number: int = 1,
    manufacturer: str = "RadPilot",
    institution_name: str | None = None,
    content_datetime: datetime | None = None,
) -> Dataset:
    """Encode report sections as a Comprehensive SR (TID 2000).

    ``sections`` maps section names (keys of :data:`SECTION_CODES`: findings, impression, recommendation,
    history, indication, technique, comparison, examination, conclusion, addendum) to their text.
    ``status`` other than ``"preliminary"`` means the report is signed: ``observer`` is required and the
    document is VERIFIED. ``"amended"`` and ``"corrected"`` require ``predecessor``.
    """
    from highdicom.sr import ComprehensiveSR

    if status not in ("preliminary", "final", "amended", "corrected"):
        raise SRBuildError(f"status must be preliminary, final, amended or corrected, got {status!r}")
    unknown = [name for name in sections if name not in SECTION_CODES]
    if unknown:
        raise SRBuildError(
            f"unknown report section(s) {', '.join(map(repr, unknown))}; known: {', '.join(SECTION_CODES)}"
        )
    if not any(text.strip() for text in sections.values()):
        raise SRBuildError("the report has no text: every section is empty")
    signed = status != "preliminary"
    if signed and observer is None:
        raise SRBuildError(f"a {status} report needs its verifying observer (name, organization, datetime)")
    if observer is not None:
        if "^" not in observer.name:
            raise SRBuildError(
                f"observer name {observer.name!r} must be a DICOM person name 'Family^Given' (PS3.5 6.2.1)"
            )
        if not observer.organization.strip():
            raise SRBuildError("observer organization is empty (Verifying Organization is Type 1)")
    if status in ("amended", "corrected") and predecessor is None:
        raise SRBuildError(f"an {status} report must reference the SR it replaces (predecessor)")
    if not study.instances:
        raise SRBuildError("the study has no instances to reference as evidence (C.17.2.2 is Type 1C here)")
    _check_uid("StudyInstanceUID", study.study_instance_uid)
    _check_uid("SeriesInstanceUID", series_instance_uid)
    _check_uid("SOPInstanceUID", sop_instance_uid)
    for inst in study.instances:
        _check_uid("referenced SeriesInstanceUID", inst.series_instance_uid)
        _check_uid("referenced SOPInstanceUID", inst.sop_instance_uid)
        _check_uid("referenced SOPClassUID", inst.sop_class_uid)
    previous: list[Dataset] = []
    if predecessor is not None:
        for name, value in (
            ("predecessor StudyInstanceUID", predecessor.study_instance_uid),
            ("predecessor SeriesInstanceUID", predecessor.series_instance_uid),
            ("predecessor SOPInstanceUID", predecessor.sop_instance_uid),
            ("predecessor SOPClassUID", predecessor.sop_class_uid),
        ):
            _check_uid(name, value)
        pre = Dataset()
        pre.StudyInstanceUID = predecessor.study_instance_uid
        pre.SeriesInstanceUID = predecessor.series_instance_uid
        pre.SOPInstanceUID = predecessor.sop_instance_uid
        pre.SOPClassUID = predecessor.sop_class_uid
        previous.append(pre)

    try:
        sr = ComprehensiveSR(
            evidence=_evidence(study),
            content=_content_tree(sections, observer),
            series_instance_uid=series_instance_uid,
            series_number=series_number,
            sop_instance_uid=sop_instance_uid,
            instance_number=instance_number,
            manufacturer=manufacturer,
            is_complete=signed,
            is_final=signed,
            is_verified=signed,
            institution_name=institution_name,
            verifying_observer_name=observer.name if signed and observer else None,
            verifying_organization=observer.organization if signed and observer else None,
            previous_versions=previous or None,
            specific_character_set="ISO_IR 192",
        )
    except (ValueError, TypeError) as exc:
        raise SRBuildError(f"highdicom refused the SR: {exc}") from None
    when = content_datetime or (observer.datetime if observer else None)
    if when is not None:
        sr.ContentDate = DA(when.strftime("%Y%m%d"))
        sr.ContentTime = TM(when.strftime("%H%M%S"))
    if signed and observer is not None:
        sr.VerifyingObserverSequence[0].VerificationDateTime = _dt(observer.datetime)
    return sr


def _code(item: Dataset) -> str:
    seq = item.get("ConceptNameCodeSequence")
    return str(seq[0].CodeValue) if seq else ""


def read_report_sr(ds: Dataset) -> ReportSR:
    """Read the sections, flags, observer, evidence and predecessors back from a TID 2000 SR document."""
    if "ContentSequence" not in ds:
        raise SRBuildError("not an SR document: Content Sequence (0040,A730) is missing")
    sections: dict[str, list[str]] = {}
    for item in ds.ContentSequence:
        if item.get("ValueType") != "CONTAINER":
            continue
        name = _HEADING_TO_SECTION.get(_code(item))
        if name is None:
            continue
        for child in item.get("ContentSequence", []):
            if child.get("ValueType") == "TEXT":
                sections.setdefault(name, []).append(str(child.TextValue))
    observer_seq = ds.get("VerifyingObserverSequence") or []
    first = observer_seq[0] if observer_seq else None
    evidence = [
        (str(series.SeriesInstanceUID), str(ref.ReferencedSOPInstanceUID), str(ref.ReferencedSOPClassUID))
        for study_item in ds.get("CurrentRequestedProcedureEvidenceSequence", [])
        for series in study_item.ReferencedSeriesSequence
        for ref in series.ReferencedSOPSequence
    ]
    predecessors = [
        str(ref.ReferencedSOPInstanceUID)
        for study_item in ds.get("PredecessorDocumentsSequence", [])
        for series in study_item.ReferencedSeriesSequence
        for ref in series.ReferencedSOPSequence
    ]
    return ReportSR(
        sections={k: "\n".join(v) for k, v in sections.items()},
        completion_flag=str(ds.get("CompletionFlag", "")),
        verification_flag=str(ds.get("VerificationFlag", "")),
        preliminary_flag=str(ds.PreliminaryFlag) if "PreliminaryFlag" in ds else None,
        verifying_observer=str(first.VerifyingObserverName) if first is not None else None,
        verifying_organization=str(first.VerifyingOrganization) if first is not None else None,
        verification_datetime=str(first.VerificationDateTime) if first is not None else None,
        evidence=evidence,
        predecessors=predecessors,
    )
