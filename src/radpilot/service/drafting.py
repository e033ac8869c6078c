"""The service's view of the drafting pipeline, the QA checks and critical results (imported lazily).

Everything here takes and returns plain data, so the job worker (in-process or Celery) and the lifecycle code
never depend on the drafting package's classes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from radpilot.store.models import Study


class DraftFailed(RuntimeError):
    """The drafting pipeline refused the study; the message says why (no patient data in it)."""


def age_at(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return years if years >= 0 else None


def study_context(study: Study) -> dict[str, Any]:
    """The clinical context the checks take (exam, indication, age, sex)."""
    ctx: dict[str, Any] = {"exam": study.order.exam, "indication": study.order.indication or ""}
    age = age_at(study.patient.birth_date, study.created_at.date())
    if age is not None:
        ctx["age"] = age
    if study.patient.sex in ("F", "M"):
        ctx["sex"] = study.patient.sex
    return ctx


def study_input_fields(study: Study, images: list[str]) -> dict[str, Any]:
    """The StudyInput fields of a study, as JSON (a job payload)."""
    return input_fields(
        exam=study.order.exam,
        modality=study.modality,
        indication=study.order.indication,
        accession=study.order.accession,
        study_instance_uid=study.study_instance_uid,
        birth_date=study.patient.birth_date,
        sex=study.patient.sex,
        created_at=study.created_at,
        images=images,
    )


def input_fields(
    *,
    exam: str,
    modality: str,
    indication: str | None,
    accession: str,
    study_instance_uid: str | None,
    birth_date: date | None,
    sex: str | None,
    created_at: datetime,
    images: list[str],
) -> dict[str, Any]:
    """:func:`study_input_fields` from the columns themselves (for a caller that selected only those)."""
    return {
        "exam": exam,
        "modality": modality,
        "indication": indication or "",
        "age": age_at(birth_date, created_at.date()),
        "sex": sex if sex in ("F", "M") else None,
        "accession": accession,
        "study_instance_uid": study_instance_uid or "",
        "images": images,
    }


def draft(fields: dict[str, Any], findings: str | None, backend: str | None) -> dict[str, Any]:
    """Run ``radpilot.draft.draft_report`` and return ``DraftResult.to_dict()``."""
    from pathlib import Path

    from radpilot.draft import StudyInput, draft_report

    study = StudyInput(
        exam=fields["exam"],
        modality=fields["modality"],
        indication=fields.get("indication") or "",
        age=fields.get("age"),
        sex=fields.get("sex"),
        accession=fields.get("accession") or "",
        study_instance_uid=fields.get("study_instance_uid") or "",
        images=[Path(p) for p in fields.get("images") or []],
    )
    try:
        result = draft_report(study, findings=findings, backend=backend)
    except ValueError as exc:
        raise DraftFailed(str(exc)) from None
    out: dict[str, Any] = result.to_dict()
    return out


def checks(findings: str, impression: str, context: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the QA checks on an edited report; each check as ``Check.to_dict()``."""
    from radpilot.checks import run_checks

    if not findings.strip() and not impression.strip():
        return []
    return [c.to_dict() for c in run_checks(findings, impression, context)]


def critical_results(findings: str, impression: str) -> list[dict[str, Any]]:
    """Critical (actionable) results in the report text: ``[{code, tier, text, span}]``."""
    from radpilot.guidelines.critical import critical_results as find_critical
    from radpilot.structure import default_engine

    text = f"FINDINGS: {findings.strip()}\nIMPRESSION: {impression.strip()}"
    if not findings.strip() and not impression.strip():
        return []
    sr = default_engine().structure(text)
    return [{"code": c.code, "tier": c.tier, "text": c.text, "span": list(c.span)} for c in find_critical(sr)]
