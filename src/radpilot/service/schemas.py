"""Request bodies, validated at the edge (unknown keys refused, so a typo is a 422 and nothing is stored)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from radpilot.interop.order import (
    CONTROL_CHARACTERS,
    MAX_ACCESSION,
    MAX_EXAM,
    MAX_EXAM_CODE,
    MAX_INDICATION,
    MAX_ORDERING_CLINICIAN,
    MAX_PATIENT_ID,
    MAX_PATIENT_NAME,
    MAX_UID,
    MODALITY_PATTERN,
    PRIORITIES,
    UID_PATTERN,
)
from radpilot.service.lifecycle import COMMUNICATION_METHODS
from radpilot.store.models import ROLES


def _clean(value: str, field: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        raise ValueError(f"{field} contains control characters")
    return value


def _report_text(value: str) -> str:
    return _clean(value, "the text")  # tabs and line breaks are text; NUL and other controls are not


Text = Annotated[str, Field(max_length=20_000), AfterValidator(_report_text)]
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_report_text)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PatientIn(Body):
    id: Annotated[str, Field(min_length=1, max_length=MAX_PATIENT_ID)]
    name: Annotated[str, Field(max_length=MAX_PATIENT_NAME)] | None = None
    sex: Literal["F", "M", "O", "U"] | None = None
    birth_date: date | None = None

    @field_validator("sex", mode="before")
    @classmethod
    def _upper(cls, v: object) -> object:
        return v.upper() if isinstance(v, str) else v

    @field_validator("id", "name")
    @classmethod
    def _no_control(cls, v: str | None) -> str | None:
        return None if v is None else _clean(v, "patient id and name")

    @field_validator("birth_date")
    @classmethod
    def _past(cls, v: date | None) -> date | None:
        if v is not None and v > date.today():
            raise ValueError("birth_date is in the future")
        return v


class StudyCreate(Body):
    # The limits are the ones the HL7 v2 intake applies too (radpilot.interop.order).
    accession: Annotated[str, Field(min_length=1, max_length=MAX_ACCESSION)]
    exam: Annotated[str, Field(min_length=1, max_length=MAX_EXAM), AfterValidator(_report_text)]
    modality: Annotated[str, Field(pattern=MODALITY_PATTERN)]
    indication: Annotated[str, Field(max_length=MAX_INDICATION)] = ""
    patient: PatientIn
    priority: str = "routine"
    ordering_clinician: Annotated[str, Field(max_length=MAX_ORDERING_CLINICIAN)] | None = None
    study_instance_uid: Annotated[str, Field(pattern=UID_PATTERN, max_length=MAX_UID)] | None = None
    exam_code: Annotated[str, Field(max_length=MAX_EXAM_CODE)] | None = None

    @field_validator("modality")
    @classmethod
    def _mod(cls, v: str) -> str:
        return v.upper()

    @field_validator("priority")
    @classmethod
    def _prio(cls, v: str) -> str:
        v = v.lower()
        if v not in PRIORITIES:
            raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}")
        return v

    @field_validator("accession", "exam", "indication", "ordering_clinician", "exam_code")
    @classmethod
    def _no_control(cls, v: str | None) -> str | None:
        return None if v is None else _clean(v, "text")


class DraftCreate(Body):
    findings: Text | None = None
    backend: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class ReportEdit(Body):
    findings: Text
    impression: Text
    status: Literal["draft", "preliminary"] | None = None
    recommendations: list[Annotated[str, Field(max_length=2000), AfterValidator(_report_text)]] | None = None

    @model_validator(mode="after")
    def _some_text(self) -> ReportEdit:
        if not self.findings.strip() and not self.impression.strip():
            raise ValueError("findings and impression are both empty")
        return self


class AddendumCreate(Body):
    text: Annotated[str, Field(min_length=1, max_length=10_000), AfterValidator(_report_text)]


class AmendmentCreate(Body):
    findings: Text
    impression: Text
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    status: Literal["amended", "corrected"] = "amended"

    @model_validator(mode="after")
    def _some_text(self) -> AmendmentCreate:
        if not self.findings.strip() and not self.impression.strip():
            raise ValueError("findings and impression are both empty")
        return self


class Acknowledge(Body):
    note: Annotated[str, Field(max_length=2000)] | None = None


class CommunicationCreate(Body):
    recipient: Line
    method: Literal[COMMUNICATION_METHODS]  # type: ignore[valid-type]
    time: datetime
    note: Annotated[str, Field(max_length=2000)] | None = None


class PatientLinkCreate(Body):
    hours: Annotated[float, Field(gt=0, le=24 * 90)] | None = None
    lang: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"


class UserCreate(Body):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    role: Literal[ROLES]  # type: ignore[valid-type]

    @field_validator("name")
    @classmethod
    def _no_control(cls, v: str) -> str:
        return _clean(v, "name")


class FollowUpUpdate(Body):
    status: Literal["open", "scheduled", "completed", "cancelled"]
