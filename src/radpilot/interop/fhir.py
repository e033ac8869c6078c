"""FHIR R4 resources for radiology, built and validated with ``fhir.resources.R4B`` models.

Out:

* DiagnosticReport (FHIR R4 §8.3 / R4B): status, category RAD (v2-0074), code LOINC 18748-4, subject,
  effectiveDateTime, issued, performer, resultsInterpreter, conclusion (the impression), conclusionCode
  (SNOMED CT of present findings), presentedForm as ``text/plain`` and ``application/pdf`` Attachments (data,
  size, SHA-1 hash per Attachment.hash), imagingStudy, basedOn, identifier (accession, type ACSN), and one
  contained Observation per structured finding referenced from ``result``.
* Observation (§8.11): code with RadLex (``http://radlex.org``) and SNOMED CT codings from the lexicon
  (``radpilot.structure.default_lexicon()``), valueCodeableConcept Present 52101004 / Absent 2667000 or the
  text "uncertain", bodySite laterality (SNOMED 7771000 left, 24028007 right, 51440002 both), component size.
* ImagingStudy (§5.5): identifier ``urn:dicom:uid``, series with DCM modality Codings, instances with SOP
  Class ``urn:oid:`` Codings, numberOfSeries/numberOfInstances.

In: ServiceRequest (§12.11) -> :class:`~radpilot.interop.order.ImagingOrder`, with :class:`FHIRValidationError`
naming the element (``ServiceRequest.identifier``) when the request cannot be an imaging order.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.imagingstudy import ImagingStudy
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import ValidationError

from radpilot.interop.order import ImagingOrder, OrderingProvider, OrderPatient
from radpilot.report import Finding

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
RADLEX = "http://radlex.org"
DCM = "http://dicom.nema.org/resources/ontology/DCM"
V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
LOCAL_OBSERVATION = "urn:radpilot:observation"

REPORT_STATUSES = (
    "registered",
    "partial",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "appended",
    "cancelled",
    "entered-in-error",
    "unknown",
)
# DiagnosticReport.status -> Observation.status (observation-status has no "appended"/"partial")
_OBSERVATION_STATUS = {"partial": "preliminary", "appended": "amended", "registered": "registered"}
REQUEST_STATUSES = ("draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown")
REQUEST_INTENTS = (
    "proposal",
    "plan",
    "directive",
    "order",
    "original-order",
    "reflex-order",
    "filler-order",
    "instance-order",
    "option",
)
PRIORITIES = {"routine": "routine", "urgent": "urgent", "asap": "asap", "stat": "stat"}
GENDER_TO_SEX = {"male": "M", "female": "F", "other": "O", "unknown": "U"}
SEX_TO_GENDER = {v: k for k, v in GENDER_TO_SEX.items()}
ASSERTION_VALUES = {
    "present": {"coding": [{"system": SNOMED, "code": "52101004", "display": "Present"}], "text": "present"},
    "absent": {"coding": [{"system": SNOMED, "code": "2667000", "display": "Absent"}], "text": "absent"},
    "uncertain": {"text": "uncertain"},
}
LATERALITY = {
    "left": (SNOMED, "7771000", "Left"),
    "right": (SNOMED, "24028007", "Right"),
    "bilateral": (SNOMED, "51440002", "Right and left"),
}
_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


class FHIRValidationError(ValueError):
    """A FHIR payload that cannot be used; ``errors`` lists ``(element path, message)``."""

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{path}: {msg}" for path, msg in self.errors))


@dataclass(frozen=True, slots=True)
class ObservationCodes:
    name: str
    radlex: str | None
    snomed: str | None


def lexicon_codes() -> dict[str, ObservationCodes]:
    """RadLex/SNOMED codes per observation code from the lexicon; empty when it cannot be loaded."""
    try:
        from radpilot.structure import DataFileError, default_lexicon

        try:
            lexicon = default_lexicon()
        except (DataFileError, OSError, ValueError):
            return {}
    except ImportError:
        return {}
    return {
        code: ObservationCodes(name=obs.name, radlex=obs.radlex, snomed=obs.snomed)
        for code, obs in lexicon.observations.items()
    }


def _pydantic_errors(resource: str, exc: ValidationError) -> list[tuple[str, str]]:
    return [(".".join([resource, *(str(p) for p in e["loc"])]), str(e["msg"])) for e in exc.errors()]


def _fhir_datetime(value: datetime | date) -> str:
    """FHIR dateTime/instant: a time needs a zone, so a naive datetime is taken as UTC."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _attachment(
    data: bytes, content_type: str, title: str, created: datetime | None, language: str
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "contentType": content_type,
        "language": language,
        "data": base64.b64encode(data).decode("ascii"),
        "size": len(data),
        "hash": base64.b64encode(hashlib.sha1(data).digest()).decode("ascii"),  # Attachment.hash is SHA-1
        "title": title,
    }
    if created is not None:
        out["creation"] = _fhir_datetime(created)
    return out


def _reference(resource_type: str, resource_id: str | None, display: str | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {}
    if resource_id:
        ref["reference"] = f"{resource_type}/{resource_id}"
    if display:
        ref["display"] = display
    return ref


def patient_reference(patient: OrderPatient, reference: str | None = None) -> dict[str, Any]:
    """``Patient/<id>`` when the caller knows the resource id, else a logical reference by identifier."""
    display = " ".join(p for p in (patient.given_name, patient.family_name) if p) or None
    ref: dict[str, Any] = {"type": "Patient"}
    if reference:
        ref["reference"] = reference
    else:
        ident: dict[str, Any] = {"value": patient.id}
        if patient.id_authority:
            ident["assigner"] = {"display": patient.id_authority}
        ref["identifier"] = ident
    if display:
        ref["display"] = display
    return ref


def _finding_dict(finding: Finding | Mapping[str, Any]) -> dict[str, Any]:
    return finding.to_dict() if isinstance(finding, Finding) else dict(finding)


def observation(
    finding: Finding | Mapping[str, Any],
    *,
    subject: Mapping[str, Any],
    status: str = "final",
    effective: datetime | None = None,
    issued: datetime | None = None,
    codes: Mapping[str, ObservationCodes] | None = None,
    resource_id: str | None = None,
) -> Observation:
    """One Observation for a structured finding (``Finding`` or its ``to_dict()``)."""
    f = _finding_dict(finding)
    code = str(f.get("code") or "")
    if not code:
        raise FHIRValidationError([("Observation.code", "the finding has no code")])
    known = (codes if codes is not None else lexicon_codes()).get(code)
    name = str(f.get("name") or (known.name if known else code))
    coding: list[dict[str, str]] = []
    if known and known.radlex:
        coding.append({"system": RADLEX, "code": known.radlex, "display": name})
    if known and known.snomed:
        coding.append({"system": SNOMED, "code": known.snomed, "display": name})
    coding.append({"system": LOCAL_OBSERVATION, "code": code, "display": name})
    assertion = str(f.get("assertion") or "present")
    if assertion not in ASSERTION_VALUES:
        raise FHIRValidationError([("Observation.valueCodeableConcept", f"unknown assertion {assertion!r}")])
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": _OBSERVATION_STATUS.get(status, status),
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "imaging", "display": "Imaging"}]}],
        "code": {"coding": coding, "text": name},
        "subject": dict(subject),
        "valueCodeableConcept": ASSERTION_VALUES[assertion],
    }
    if resource_id:
        resource["id"] = resource_id
    if effective is not None:
        resource["effectiveDateTime"] = _fhir_datetime(effective)
    if issued is not None:
        resource["issued"] = _fhir_datetime(issued)
    laterality = f.get("laterality")
    location = f.get("location")
    if laterality in LATERALITY or location:
        site: dict[str, Any] = {}
        if laterality in LATERALITY:
            system, value, display = LATERALITY[str(laterality)]
            site["coding"] = [{"system": system, "code": value, "display": display}]
        site["text"] = " ".join(str(p) for p in (laterality, location) if p)
        resource["bodySite"] = site
    components = []
    sizes = [float(s) for s in (f.get("sizes_mm") or ([f["size_mm"]] if f.get("size_mm") else []))]
    for i, size in enumerate(sizes, start=1):
        components.append(
            {
                "code": {
                    "coding": [{"system": SNOMED, "code": "246116008", "display": "Lesion size"}],
                    "text": f"size (axis {i})" if len(sizes) > 1 else "size",
                },
                "valueQuantity": {"value": size, "unit": "mm", "system": UCUM, "code": "mm"},
            }
        )
    if f.get("change"):
        components.append({"code": {"text": "change"}, "valueString": str(f["change"])})
    if f.get("severity"):
        components.append({"code": {"text": "severity"}, "valueString": str(f["severity"])})
    if components:
        resource["component"] = components
    if f.get("text"):
        resource["note"] = [{"text": str(f["text"])}]
    try:
        return Observation.model_validate(resource)
    except ValidationError as exc:
        raise FHIRValidationError(_pydantic_errors("Observation", exc)) from None


@dataclass(frozen=True, slots=True)
class ReportInput:
    """A report as plain data, for :func:`diagnostic_report`."""

    id: str
    status: str
    sections: Mapping[str, str]
    patient: OrderPatient
    issued: datetime
    effective: datetime | None = None
    patient_reference: str | None = None  # e.g. "Patient/12" when the receiver knows the resource
    accession: str | None = None
    study_instance_uid: str | None = None
    imaging_study_id: str | None = None
    service_request_id: str | None = None
    exam_code: str | None = None
    exam_text: str | None = None
    exam_coding_system: str | None = None
    performer_organization: str | None = None
    interpreter: OrderingProvider | None = None
    pdf: bytes | None = None
    findings: Sequence[Finding | Mapping[str, Any]] = field(default_factory=tuple)
    language: str = "en"


_SECTION_TITLES = {
    "examination": "EXAMINATION",
    "history": "HISTORY",
    "indication": "INDICATION",
    "technique": "TECHNIQUE",
    "comparison": "COMPARISON",
    "findings": "FINDINGS",
    "impression": "IMPRESSION",
    "recommendation": "RECOMMENDATION",
    "addendum": "ADDENDUM",
}


def report_text(sections: Mapping[str, str]) -> str:
    """The report as plain text with section headers (the ``text/plain`` presentedForm)."""
    parts = []
    for name, body in sections.items():
        if body.strip():
            parts.append(f"{_SECTION_TITLES.get(name, name.upper())}:\n{body.strip()}")
    return "\n\n".join(parts) + "\n"


def diagnostic_report(
    report: ReportInput, *, codes: Mapping[str, ObservationCodes] | None = None
) -> DiagnosticReport:
    """Build and validate a DiagnosticReport (R4B model) with contained Observations."""
    errors: list[tuple[str, str]] = []
    if report.status not in REPORT_STATUSES:
        errors.append(
            ("DiagnosticReport.status", f"{report.status!r} is not one of {', '.join(REPORT_STATUSES)}")
        )
    if not _FHIR_ID.match(report.id):
        errors.append(("DiagnosticReport.id", f"{report.id!r} is not a FHIR id ([A-Za-z0-9-.]{{1,64}})"))
    if not any(t.strip() for t in report.sections.values()):
        errors.append(("DiagnosticReport.presentedForm", "the report has no text"))
    if report.pdf is not None and not report.pdf.startswith(b"%PDF-"):
        errors.append(("DiagnosticReport.presentedForm", "the PDF bytes do not start with %PDF-"))
    if errors:
        raise FHIRValidationError(errors)
    subject = patient_reference(report.patient, report.patient_reference)
    lookup = codes if codes is not None else lexicon_codes()
    code_coding: list[dict[str, str]] = [
        {"system": LOINC, "code": "18748-4", "display": "Diagnostic imaging study"}
    ]
    resource: dict[str, Any] = {
        "resourceType": "DiagnosticReport",
        "id": report.id,
        "language": report.language,
        "status": report.status,
        "category": [{"coding": [{"system": V2_0074, "code": "RAD", "display": "Radiology"}]}],
        "code": {"coding": code_coding, "text": report.exam_text or "Diagnostic imaging study"},
        "subject": subject,
        "issued": _fhir_datetime(report.issued),
    }
    if report.exam_code:
        exam: dict[str, str] = {"code": report.exam_code}
        if report.exam_coding_system:
            exam["system"] = _coding_system(report.exam_coding_system)
        if report.exam_text:
            exam["display"] = report.exam_text
        code_coding.append(exam)
    if report.accession:
        resource["identifier"] = [
            {
                "type": {"coding": [{"system": V2_0203, "code": "ACSN", "display": "Accession ID"}]},
                "value": report.accession,
            }
        ]
    if report.effective is not None:
        resource["effectiveDateTime"] = _fhir_datetime(report.effective)
    if report.performer_organization:
        resource["performer"] = [{"type": "Organization", "display": report.performer_organization}]
    if report.interpreter is not None and report.interpreter.display:
        ref: dict[str, Any] = {"type": "Practitioner", "display": report.interpreter.display}
        if report.interpreter.id:
            ref["identifier"] = {"value": report.interpreter.id}
        resource["resultsInterpreter"] = [ref]
    if report.service_request_id:
        resource["basedOn"] = [_reference("ServiceRequest", report.service_request_id)]
    elif report.accession:
        resource["basedOn"] = [
            {
                "type": "ServiceRequest",
                "identifier": {
                    "type": {"coding": [{"system": V2_0203, "code": "ACSN"}]},
                    "value": report.accession,
                },
            }
        ]
    if report.imaging_study_id:
        resource["imagingStudy"] = [_reference("ImagingStudy", report.imaging_study_id)]
    elif report.study_instance_uid:
        resource["imagingStudy"] = [
            {
                "type": "ImagingStudy",
                "identifier": {"system": "urn:dicom:uid", "value": f"urn:oid:{report.study_instance_uid}"},
            }
        ]
    impression = report.sections.get("impression", "").strip()
    if impression:
        resource["conclusion"] = impression
    contained = []
    conclusion_codes: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, finding in enumerate(report.findings, start=1):
        obs = observation(
            finding,
            subject=subject,
            status=report.status,
            effective=report.effective,
            issued=report.issued,
            codes=lookup,
            resource_id=f"finding-{i}",
        )
        contained.append(obs.model_dump(mode="json", exclude_none=True))
        f = _finding_dict(finding)
        known = lookup.get(str(f.get("code")))
        positive = f.get("assertion") == "present" and not f.get("context")
        if positive and known and known.snomed and known.snomed not in seen:
            seen.add(known.snomed)
            conclusion_codes.append(
                {
                    "coding": [{"system": SNOMED, "code": known.snomed, "display": known.name}],
                    "text": known.name,
                }
            )
    if contained:
        resource["contained"] = contained
        resource["result"] = [{"reference": f"#{c['id']}"} for c in contained]
    if conclusion_codes:
        resource["conclusionCode"] = conclusion_codes
    text = report_text(report.sections).encode("utf-8")
    forms = [
        _attachment(text, "text/plain; charset=utf-8", "Radiology report", report.issued, report.language)
    ]
    if report.pdf is not None:
        forms.append(
            _attachment(
                report.pdf, "application/pdf", "Radiology report (PDF)", report.issued, report.language
            )
        )
    resource["presentedForm"] = forms
    try:
        return DiagnosticReport.model_validate(resource)
    except ValidationError as exc:
        raise FHIRValidationError(_pydantic_errors("DiagnosticReport", exc)) from None


def _coding_system(name: str) -> str:
    """Map common HL7 v2 coding system names (Table 0396) to FHIR system URIs."""
    return {
        "LN": LOINC,
        "LOINC": LOINC,
        "SCT": SNOMED,
        "SNM": SNOMED,
        "CPT": "http://www.ama-assn.org/go/cpt",
        "C4": "http://www.ama-assn.org/go/cpt",
        "RADLEX": RADLEX,
        "RID": RADLEX,
        "DCM": DCM,
    }.get(name.upper(), name if ":" in name else f"urn:radpilot:codesystem:{name}")


@dataclass(frozen=True, slots=True)
class InstanceInput:
    sop_instance_uid: str
    sop_class_uid: str
    number: int | None = None


@dataclass(frozen=True, slots=True)
class SeriesInput:
    series_instance_uid: str
    modality: str
    instances: Sequence[InstanceInput]
    number: int | None = None
    description: str | None = None
    body_part: str | None = None


def imaging_study(
    *,
    resource_id: str,
    study_instance_uid: str,
    patient: OrderPatient,
    series: Sequence[SeriesInput],
    patient_reference_value: str | None = None,
    accession: str | None = None,
    started: datetime | None = None,
    description: str | None = None,
    service_request_id: str | None = None,
    status: str = "available",
) -> ImagingStudy:
    """Build and validate an ImagingStudy (R4B model)."""
    if not _FHIR_ID.match(resource_id):
        raise FHIRValidationError([("ImagingStudy.id", f"{resource_id!r} is not a FHIR id")])
    resource: dict[str, Any] = {
        "resourceType": "ImagingStudy",
        "id": resource_id,
        "status": status,
        "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study_instance_uid}"}],
        "subject": patient_reference(patient, patient_reference_value),
        "numberOfSeries": len(series),
        "numberOfInstances": sum(len(s.instances) for s in series),
    }
    if accession:
        resource["identifier"].append(
            {"type": {"coding": [{"system": V2_0203, "code": "ACSN"}]}, "value": accession}
        )
    modalities = sorted({s.modality for s in series if s.modality})
    if modalities:
        resource["modality"] = [{"system": DCM, "code": m} for m in modalities]
    if started is not None:
        resource["started"] = _fhir_datetime(started)
    if description:
        resource["description"] = description
    if service_request_id:
        resource["basedOn"] = [_reference("ServiceRequest", service_request_id)]
    out_series = []
    for s in series:
        item: dict[str, Any] = {
            "uid": s.series_instance_uid,
            "modality": {"system": DCM, "code": s.modality},
            "numberOfInstances": len(s.instances),
            "instance": [
                {
                    "uid": inst.sop_instance_uid,
                    "sopClass": {"system": "urn:ietf:rfc:3986", "code": f"urn:oid:{inst.sop_class_uid}"},
                    **({"number": inst.number} if inst.number is not None else {}),
                }
                for inst in s.instances
            ],
        }
        if s.number is not None:
            item["number"] = s.number
        if s.description:
            item["description"] = s.description
        if s.body_part:
            item["bodySite"] = {"system": DCM, "code": s.body_part, "display": s.body_part}
        out_series.append(item)
    if out_series:
        resource["series"] = out_series
    try:
        return ImagingStudy.model_validate(resource)
    except ValidationError as exc:
        raise FHIRValidationError(_pydantic_errors("ImagingStudy", exc)) from None


# --- ServiceRequest in ---------------------------------------------------------------------------------------------


def _codeable_text(value: Mapping[str, Any] | None) -> str | None:
    if not value:
        return None
    if value.get("text"):
        return str(value["text"])
    for coding in value.get("coding") or []:
        if coding.get("display") or coding.get("code"):
            return str(coding.get("display") or coding.get("code"))
    return None


def _identifier_by_type(identifiers: Sequence[Mapping[str, Any]], code: str) -> str | None:
    for ident in identifiers:
        for coding in (ident.get("type") or {}).get("coding") or []:
            if coding.get("code") == code and ident.get("value"):
                return str(ident["value"])
    return None


def _contained(
    resource: Mapping[str, Any], reference: str | None, resource_type: str
) -> Mapping[str, Any] | None:
    if not reference or not reference.startswith("#"):
        return None
    for item in resource.get("contained") or []:
        if item.get("resourceType") == resource_type and item.get("id") == reference[1:]:
            return dict(item)
    return None


def _split_display(display: str | None) -> tuple[str | None, str | None]:
    if not display:
        return None, None
    words = display.split()
    if len(words) == 1:
        return words[0], None
    return words[-1], " ".join(words[:-1])


def parse_service_request(payload: Mapping[str, Any] | str | bytes) -> ImagingOrder:
    """Read a FHIR R4 ServiceRequest (JSON) into an :class:`ImagingOrder`.

    Requires: status (active, draft, on-hold or revoked), intent, code, subject (a contained Patient, a
    ``Patient/<id>`` reference or an identifier reference) and an accession number (an identifier whose
    type is v2-0203 ``ACSN``; a ``FILL`` or ``PLAC`` identifier or ``requisition`` is used when there is none).
    """
    if isinstance(payload, str | bytes):
        try:
            data = json.loads(payload)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FHIRValidationError([("ServiceRequest", f"the body is not JSON ({exc})")]) from None
        except RecursionError:
            raise FHIRValidationError(
                [("ServiceRequest", "the body is not JSON (nested too deeply)")]
            ) from None
    else:
        data = dict(payload)
    if not isinstance(data, dict):
        raise FHIRValidationError([("ServiceRequest", "the body must be a JSON object")])
    if data.get("resourceType") != "ServiceRequest":
        raise FHIRValidationError(
            [("ServiceRequest.resourceType", f"expected 'ServiceRequest', got {data.get('resourceType')!r}")]
        )
    try:
        ServiceRequest.model_validate(data)
    except ValidationError as exc:
        raise FHIRValidationError(_pydantic_errors("ServiceRequest", exc)) from None
    errors: list[tuple[str, str]] = []
    status = data.get("status")
    if status not in ("active", "draft", "on-hold", "revoked"):
        errors.append(
            (
                "ServiceRequest.status",
                f"must be active, draft, on-hold or revoked to place an order, got {status!r}",
            )
        )
    if data.get("intent") not in REQUEST_INTENTS:
        errors.append(("ServiceRequest.intent", f"must be one of {', '.join(REQUEST_INTENTS)}"))
    code = data.get("code") or {}
    codings = code.get("coding") or []
    exam_code = next((str(c["code"]) for c in codings if c.get("code")), None) or code.get("text")
    if not exam_code:
        errors.append(("ServiceRequest.code", "the requested exam is missing (code.coding or code.text)"))
    priority = data.get("priority") or "routine"
    if priority not in PRIORITIES:
        errors.append(("ServiceRequest.priority", f"must be routine, urgent, asap or stat, got {priority!r}"))
    identifiers = data.get("identifier") or []
    accession = _identifier_by_type(identifiers, "ACSN")
    source = "ServiceRequest.identifier(ACSN)"
    if accession is None:
        for type_code in ("FILL", "PLAC"):
            accession = _identifier_by_type(identifiers, type_code)
            if accession:
                source = f"ServiceRequest.identifier({type_code})"
                break
    if accession is None and (data.get("requisition") or {}).get("value"):
        accession, source = str(data["requisition"]["value"]), "ServiceRequest.requisition"
    if accession is None:
        errors.append(
            ("ServiceRequest.identifier", f"no accession number: add an identifier with type {V2_0203}|ACSN")
        )
    subject = data.get("subject") or {}
    patient_res = _contained(data, subject.get("reference"), "Patient")
    patient: OrderPatient | None = None
    if patient_res is not None:
        ids = patient_res.get("identifier") or []
        pid = next((str(i["value"]) for i in ids if i.get("value")), None) or str(patient_res.get("id") or "")
        names = patient_res.get("name") or [{}]
        given = names[0].get("given") or []
        birth = patient_res.get("birthDate")
        try:
            birth_date = date.fromisoformat(birth) if birth and len(str(birth)) == 10 else None
        except ValueError:
            birth_date = None
            errors.append(("ServiceRequest.contained.Patient.birthDate", f"{birth!r} is not a date"))
        if not pid:
            errors.append(("ServiceRequest.contained.Patient.identifier", "the patient has no identifier"))
        patient = OrderPatient(
            id=pid,
            id_authority=(ids[0].get("system") if ids else None),
            family_name=names[0].get("family"),
            given_name=" ".join(given) or None,
            birth_date=birth_date,
            sex=GENDER_TO_SEX.get(str(patient_res.get("gender") or "")),
        )
    elif subject.get("identifier", {}).get("value"):
        ident = subject["identifier"]
        family, given_name = _split_display(subject.get("display"))
        patient = OrderPatient(
            id=str(ident["value"]),
            id_authority=ident.get("system"),
            family_name=family,
            given_name=given_name,
        )
    elif str(subject.get("reference") or "").startswith("Patient/"):
        family, given_name = _split_display(subject.get("display"))
        patient = OrderPatient(
            id=str(subject["reference"]).split("/", 1)[1], family_name=family, given_name=given_name
        )
    else:
        errors.append(
            ("ServiceRequest.subject", "must reference a Patient (contained, Patient/<id> or identifier)")
        )
    if errors:
        raise FHIRValidationError(errors)
    assert patient is not None and accession is not None and exam_code is not None
    reasons = [t for t in (_codeable_text(r) for r in data.get("reasonCode") or []) if t]
    reasons += [str(r["display"]) for r in data.get("reasonReference") or [] if r.get("display")]
    requester = data.get("requester") or {}
    provider = None
    practitioner = _contained(data, requester.get("reference"), "Practitioner")
    if practitioner is not None:
        pname = (practitioner.get("name") or [{}])[0]
        provider = OrderingProvider(
            id=next((str(i["value"]) for i in practitioner.get("identifier") or [] if i.get("value")), None),
            family_name=pname.get("family"),
            given_name=" ".join(pname.get("given") or []) or None,
        )
    elif requester:
        family, given_name = _split_display(requester.get("display"))
        provider = OrderingProvider(id=requester.get("reference"), family_name=family, given_name=given_name)
    modality = None
    for detail in data.get("orderDetail") or []:
        for coding in detail.get("coding") or []:
            if coding.get("system") == DCM and coding.get("code"):
                modality = str(coding["code"])
    when = data.get("occurrenceDateTime") or data.get("authoredOn")
    requested = None
    if when:
        try:
            requested = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
        except ValueError:
            requested = None
    first: dict[str, Any] = next((c for c in codings if c.get("code")), {})
    return ImagingOrder(
        accession=accession,
        accession_source=source,
        exam_code=exam_code,
        exam_text=first.get("display") or code.get("text"),
        exam_coding_system=first.get("system"),
        patient=patient,
        priority=PRIORITIES[priority],
        indication="; ".join(reasons) or None,
        ordering_provider=provider,
        placer_order_number=_identifier_by_type(identifiers, "PLAC"),
        filler_order_number=_identifier_by_type(identifiers, "FILL"),
        order_control="CA" if status == "revoked" else "NW",
        modality=modality,
        requested_at=requested,
        source="fhir",
        message_control_id=f"ServiceRequest/{data['id']}" if data.get("id") else None,
    )


def to_json(resource: DiagnosticReport | ImagingStudy | Observation) -> str:
    """Serialize a resource as FHIR JSON (no nulls)."""
    return resource.model_dump_json(exclude_none=True)
