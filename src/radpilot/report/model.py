"""The report as data: Report, Section, Sentence, Finding, Measurement.

These are plain slotted dataclasses: the structuring engine creates thousands of them per second, and every
other package (guidelines, checks, patient, interop) reads them without importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Assertion(StrEnum):
    """Whether the report asserts a finding for this exam (ConText-style)."""

    PRESENT = "present"
    ABSENT = "absent"
    UNCERTAIN = "uncertain"


class Laterality(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"


class Change(StrEnum):
    NEW = "new"
    STABLE = "stable"
    IMPROVED = "improved"
    WORSENED = "worsened"
    RESOLVED = "resolved"


class MentionContext(StrEnum):
    """Why a mention does not describe the current exam: such mentions are never ``present``."""

    HISTORICAL = "historical"
    HYPOTHETICAL = "hypothetical"
    INDICATION = "indication"


# Report-level aggregation: present > uncertain > absent (absent with uncertain gives uncertain).
ASSERTION_RANK: dict[Assertion, int] = {Assertion.ABSENT: 0, Assertion.UNCERTAIN: 1, Assertion.PRESENT: 2}


#: how a number said as a bound relates to the size: "below" it ("<1 cm", "less than 5 mm", "sub-6 mm"), "at_most"
#: it ("up to 10 mm", "\u2264 5 mm"), "above" it ("> 2 mm", "greater than 1 cm", "exceeding 5 mm") or "at_least" it
#: ("at least 3 mm", "\u2265 8 mm")
Bound = Literal["below", "at_most", "above", "at_least"]


@dataclass(slots=True, frozen=True)
class Measurement:
    """A size statement, normalized to millimetres; ``values_mm`` holds every axis in the order written."""

    values_mm: tuple[float, ...]
    unit: str
    text: str
    span: tuple[int, int]
    #: a distance ("tip 4 cm above the carina", "2 cm from the pleura"), not the size of anything
    distance: bool = False
    #: a size said of before ("previously 9 mm", "increased from 1.1 cm to 1.6 cm"), not the finding's now
    prior: bool = False
    #: a size said as a bound ("<1 cm", "up to 10 mm", "greater than 2 mm", "at least 3 mm"), see ``Bound``
    bound: Bound | None = None

    @property
    def largest_mm(self) -> float:
        return max(self.values_mm)

    @property
    def mean_mm(self) -> float:
        """Mean of the axes (Lung-RADS/Fleischner 'mean diameter' uses the long and short axes)."""
        vals = self.values_mm if len(self.values_mm) <= 2 else sorted(self.values_mm, reverse=True)[:2]
        return round(sum(vals) / len(vals), 1)


@dataclass(slots=True)
class Sentence:
    index: int  # index within the whole report
    text: str
    span: tuple[int, int]  # character span in the report text
    section: str  # canonical section name


@dataclass(slots=True)
class Section:
    name: str  # canonical: examination, history, technique, comparison, findings, impression, ...
    header: str | None  # the header as written, None for headerless text
    span: tuple[int, int]  # body span in the report text
    text: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    text: str
    sections: list[Section]
    # whether the sentences are the text's own words: False where a checklist's boxes or a dictation's withdrawn words
    # were blanked before they were read (a finding's words are then the text's over its span)
    as_written: bool = True

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]

    def section(self, name: str) -> Section | None:
        for sec in self.sections:
            if sec.name == name:
                return sec
        return None

    def section_text(self, *names: str) -> str:
        return "\n".join(sec.text for sec in self.sections if sec.name in names)


@dataclass(slots=True)
class Finding:
    """One mention of an observation, with its assertion and attributes."""

    code: str
    name: str
    assertion: Assertion
    section: str
    sentence: int
    span: tuple[int, int]
    text: str
    laterality: Laterality | None = None
    location: str | None = None
    size_mm: float | None = None
    sizes_mm: tuple[float, ...] = ()
    severity: str | None = None
    change: Change | None = None
    context: MentionContext | None = None
    rule: str | None = None  # the modifier or pattern that decided the assertion (explainability)

    @property
    def positive(self) -> bool:
        return self.context is None and self.assertion is not Assertion.ABSENT

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "assertion": self.assertion.value,
            "laterality": self.laterality.value if self.laterality else None,
            "location": self.location,
            "size_mm": self.size_mm,
            "sizes_mm": list(self.sizes_mm),
            "severity": self.severity,
            "change": self.change.value if self.change else None,
            "section": self.section,
            "sentence": self.sentence,
            "span": list(self.span),
            "text": self.text,
            "context": self.context.value if self.context else None,
            "rule": self.rule,
        }


@dataclass(slots=True)
class StructuredReport:
    """A report with its findings. ``findings`` are mentions about this exam; history, indication and
    hypothetical mentions are kept apart in ``other_mentions`` (they are never present)."""

    report: Report
    findings: list[Finding]
    other_mentions: list[Finding] = field(default_factory=list)

    def by_code(self) -> dict[str, Finding]:
        """Report-level aggregation per code: the most assertive mention wins (present > uncertain > absent)."""
        best: dict[str, Finding] = {}
        for f in self.findings:
            cur = best.get(f.code)
            if cur is None or ASSERTION_RANK[f.assertion] > ASSERTION_RANK[cur.assertion]:
                best[f.code] = f
        return best

    def assertion_of(self, code: str) -> Assertion | None:
        f = self.by_code().get(code)
        return f.assertion if f else None

    @property
    def positive_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.assertion is not Assertion.ABSENT]

    @property
    def normal(self) -> bool:
        """True when no finding is present or uncertain."""
        return not any(f.assertion is not Assertion.ABSENT for f in self.findings)

    def to_dict(self, report_id: Any = None) -> dict[str, Any]:
        return {
            "id": report_id,
            "normal": self.normal,
            "findings": [f.to_dict() for f in self.findings],
            "other_mentions": [f.to_dict() for f in self.other_mentions],
        }
