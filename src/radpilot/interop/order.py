"""The imaging order as plain data, whichever way it arrived (HL7 v2 ORM^O01 / OMI^O23, FHIR ServiceRequest).

The workflow service turns an :class:`ImagingOrder` into its Order and Patient rows; nothing here touches a
database.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

# What an order may carry, whichever way it arrives: the REST API's schemas and the HL7 v2 parser both read
# these, so that a value one of them refuses cannot come in through the other. The lengths are the columns'
# (store/models.py); an indication is free text, bounded so that one order cannot fill an export.
MAX_PATIENT_ID = 64  # Patient.mrn; DICOM Patient ID (0010,0020) is LO, 64 characters
MAX_PATIENT_NAME = 200  # Patient.name, "Family^Given"
MAX_ACCESSION = 64  # Order.accession
MAX_EXAM = 200  # Order.exam
MAX_EXAM_CODE = 64  # Order.exam_code
MAX_INDICATION = 4000
MAX_ORDERING_CLINICIAN = 200  # Order.ordering_clinician
#: A modality code (DICOM Modality (0008,0060) defined terms: CR, CT, MR, US, ...).
MODALITY_PATTERN = r"^[A-Za-z]{2,16}$"
#: PS3.5 Section 9.1: a UID is at most 64 characters of digits and dots, components without leading zeros
#: (the rule radpilot.interop.dicom_read applies to an instance's UIDs).
UID_PATTERN = r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$"
MAX_UID = 64
#: Characters no order value may hold: C0 controls and DEL, except tab and line breaks (which free text uses).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UID_RE = re.compile(UID_PATTERN)


def is_uid(value: str) -> bool:
    """Whether ``value`` is a valid DICOM UID (:data:`UID_PATTERN`, at most :data:`MAX_UID` characters)."""
    return len(value) <= MAX_UID and _UID_RE.fullmatch(value) is not None


#: Order priority, normalized from HL7 v2 Table 0027 (S, A, R, P, C, T) and FHIR ``request-priority``
#: (routine | urgent | asap | stat).
PRIORITIES = ("stat", "asap", "urgent", "routine", "preop", "callback", "timing_critical")


@dataclass(frozen=True, slots=True)
class OrderPatient:
    """Minimal demographics (HL7 PID-3/5/7/8; FHIR Patient.identifier/name/birthDate/gender)."""

    id: str
    id_authority: str | None = None
    family_name: str | None = None
    given_name: str | None = None
    birth_date: date | None = None
    # 'F', 'M', 'O', 'U' (HL7 Table 0001 / DICOM Patient's Sex, O for other and U for unknown)
    sex: str | None = None

    @property
    def name(self) -> str | None:
        """The name in DICOM PN form (``Family^Given``)."""
        if not self.family_name and not self.given_name:
            return None
        if not self.given_name:
            return self.family_name
        return f"{self.family_name or ''}^{self.given_name}"


@dataclass(frozen=True, slots=True)
class OrderingProvider:
    id: str | None = None
    family_name: str | None = None
    given_name: str | None = None

    @property
    def display(self) -> str | None:
        parts = [p for p in (self.given_name, self.family_name) if p]
        return " ".join(parts) or self.id


@dataclass(frozen=True, slots=True)
class ImagingOrder:
    """An imaging order.

    ``accession`` is the identifier images will carry in Accession Number (0008,0050);
    ``accession_source`` says where it was read from (e.g. ``"OBR-18"`` or ``"ServiceRequest.identifier"``).
    """

    accession: str
    accession_source: str
    exam_code: str
    exam_text: str | None
    exam_coding_system: str | None
    patient: OrderPatient
    priority: str = "routine"
    indication: str | None = None
    ordering_provider: OrderingProvider | None = None
    placer_order_number: str | None = None
    filler_order_number: str | None = None
    order_control: str = "NW"  # HL7 Table 0119 (NW new, XO change, CA cancel, SC status changed)
    modality: str | None = None
    study_instance_uid: str | None = None
    requested_at: datetime | None = None
    source: str = "hl7v2"  # "hl7v2" | "fhir"
    message_control_id: str | None = None  # MSH-10 of the carrying message, for idempotent ingest

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["patient"]["name"] = self.patient.name
        for key in ("requested_at",):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        if out["patient"]["birth_date"] is not None:
            out["patient"]["birth_date"] = out["patient"]["birth_date"].isoformat()
        return out


#: HL7 v2 Table 0119 Order Control Codes (ORC-1).
ORDER_CONTROL_CODES = frozenset({
    "AF", "CA", "CH", "CN", "CR", "DC", "DE", "DF", "DR", "FU", "HD", "HR", "LI", "MC", "NA", "NW", "OC",
    "OD", "OE", "OF", "OH", "OK", "OP", "OR", "PA", "PR", "PY", "RE", "RF", "RL", "RO", "RP", "RQ", "RR",
    "RU", "SC", "SN", "SR", "SS", "UA", "UC", "UD", "UF", "UH", "UM", "UN", "UR", "UX", "XO", "XR", "XX",
})  # fmt: skip
#: The order control codes that end an order: a request to cancel or discontinue it (CA, DC), the filler's
#: notice that it was (OC, OD), or the answer to such a request (CR, DR).
CANCEL_CONTROLS = frozenset({"CA", "CR", "DC", "DR", "OC", "OD"})
