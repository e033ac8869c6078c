"""Study -> draft report: findings sources, impression, recommendations, provenance, verified model text."""

from radpilot.draft.impression import ImpressionResult, deterministic_impression, write_impression
from radpilot.draft.pipeline import DraftResult, Provenance, draft_report
from radpilot.draft.study import StudyError, StudyInput, load_study, study_from_dict

__all__ = [
    "DraftResult",
    "ImpressionResult",
    "Provenance",
    "StudyError",
    "StudyInput",
    "deterministic_impression",
    "draft_report",
    "load_study",
    "study_from_dict",
    "write_impression",
]
