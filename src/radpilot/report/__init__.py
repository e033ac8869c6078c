"""The report as data: Report, Section, Sentence, Finding, Measurement, and text -> sections -> sentences."""

from radpilot.report.measure import find_measurements
from radpilot.report.model import (
    ASSERTION_RANK,
    Assertion,
    Change,
    Finding,
    Laterality,
    Measurement,
    MentionContext,
    Report,
    Section,
    Sentence,
    StructuredReport,
)
from radpilot.report.sections import SECTION_HEADERS, parse_report, split_sentences

__all__ = [
    "ASSERTION_RANK",
    "SECTION_HEADERS",
    "Assertion",
    "Change",
    "Finding",
    "Laterality",
    "Measurement",
    "MentionContext",
    "Report",
    "Section",
    "Sentence",
    "StructuredReport",
    "find_measurements",
    "parse_report",
    "split_sentences",
]
