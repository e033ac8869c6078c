"""Critical (actionable) results with ACR-style tiers, from a site-editable data file.

Negation-aware: a result needs a mention that the structuring engine asserts present or uncertain, about this
exam (not history, indication or hypothetical), so "no pneumothorax" is never critical. Entries for
observations the lexicon does not have yet match their own ``phrases`` with the same negation rules as the
guideline feature readers; every other code is checked against the lexicon at load, so a typo is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from radpilot.guidelines.features import CONTEXT_SECTIONS, affirmed
from radpilot.report import Assertion, Finding, StructuredReport
from radpilot.structure import DataFileError, Lexicon, default_lexicon
from radpilot.structure.datafiles import StrictModel, load_entries, load_mapping

Tier = Literal["red", "orange", "yellow"]
AssertionName = Literal["present", "uncertain"]
_BOTH: tuple[AssertionName, ...] = ("present", "uncertain")


def _both_assertions() -> list[AssertionName]:
    return list(_BOTH)


TIER_RANK = {"red": 3, "orange": 2, "yellow": 1}
_SKIP_SECTIONS = CONTEXT_SECTIONS | {"comparison", "technique"}


class CriticalEntry(StrictModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    tier: Tier
    label: str = Field(min_length=1)
    severity: list[str] = Field(default_factory=list)
    change: list[Literal["new", "stable", "improved", "worsened", "resolved"]] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    assertions: list[AssertionName] = Field(default_factory=_both_assertions)
    phrases: list[str] = Field(default_factory=list)

    @field_validator("words", "unless", "phrases")
    @classmethod
    def _has_words(cls, v: list[str]) -> list[str]:
        for p in v:
            if not p.strip():
                raise ValueError("empty phrase")
        return v


class _Header(StrictModel):
    version: str
    tiers: dict[Tier, str]
    results: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Rule:
    entry: CriticalEntry
    words: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    phrases: re.Pattern[str] | None  # set when matched by phrases instead of lexicon findings


@dataclass(frozen=True, slots=True)
class CriticalRules:
    version: str
    tiers: dict[str, str]
    rules: tuple[Rule, ...]
    phrase_codes: tuple[str, ...]  # codes matched by phrases because the lexicon lacks them
    source: str


@dataclass(frozen=True, slots=True)
class CriticalResult:
    code: str
    tier: str
    text: str
    span: tuple[int, int]
    label: str
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "tier": self.tier,
            "text": self.text,
            "span": list(self.span),
            "label": self.label,
            "sentence": self.sentence,
        }


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def critical_file() -> Path:
    return Path(str(resources.files("radpilot.guidelines") / "data" / "critical.yaml"))


def load_critical_rules(path: str | Path | None = None, lexicon: Lexicon | None = None) -> CriticalRules:
    """Load and validate the critical results list against the lexicon's codes."""
    p = Path(path) if path is not None else critical_file()
    header = load_mapping(p, _Header)
    lex = lexicon if lexicon is not None else default_lexicon()
    rules: list[Rule] = []
    phrase_codes: list[str] = []
    for entry, line in load_entries(p, "results", CriticalEntry):
        if entry.code not in lex.observations and not entry.phrases:
            raise DataFileError(
                p,
                f"field 'code': unknown observation code '{entry.code}' (not in the lexicon; give 'phrases' to "
                "match it without the lexicon)",
                line=line,
                entry=entry.code,
            )
        use_phrases = entry.phrases and entry.code not in lex.observations
        if use_phrases and entry.code not in phrase_codes:
            phrase_codes.append(entry.code)
        rules.append(
            Rule(
                entry=entry,
                words=_alternation(entry.words),
                unless=_alternation(entry.unless),
                phrases=_alternation(entry.phrases) if use_phrases else None,
            )
        )
    return CriticalRules(
        version=header.version,
        tiers={str(k): v for k, v in header.tiers.items()},
        rules=tuple(rules),
        phrase_codes=tuple(phrase_codes),
        source=str(p),
    )


@cache
def default_critical_rules() -> CriticalRules:
    return load_critical_rules()


def _sentence_ok(rule: Rule, sentence: str) -> bool:
    if rule.words is not None and affirmed(rule.words, sentence) is None:
        return False
    return not (rule.unless is not None and rule.unless.search(sentence))


def _finding_matches(rule: Rule, f: Finding, sentence: str) -> bool:
    e = rule.entry
    if f.assertion.value not in e.assertions:
        return False
    if e.severity and (f.severity or "") not in e.severity:
        return False
    if e.change and (f.change.value if f.change else "") not in e.change:
        return False
    return _sentence_ok(rule, sentence)


def critical_results(sr: StructuredReport, rules: CriticalRules | None = None) -> list[CriticalResult]:
    """Critical results in a structured report: one per code, at its most urgent tier, most urgent first."""
    rules = rules or default_critical_rules()
    sentences = sr.report.sentences
    by_code: dict[str, list[Rule]] = {}
    for r in rules.rules:
        by_code.setdefault(r.entry.code, []).append(r)
    best: dict[str, CriticalResult] = {}

    def offer(res: CriticalResult) -> None:
        cur = best.get(res.code)
        if cur is None or TIER_RANK[res.tier] > TIER_RANK[cur.tier]:
            best[res.code] = res

    for f in sr.findings:
        if f.context is not None or f.assertion is Assertion.ABSENT:
            continue
        sentence = sentences[f.sentence].text if 0 <= f.sentence < len(sentences) else f.text
        for rule in by_code.get(f.code, ()):
            if rule.phrases is None and _finding_matches(rule, f, sentence):
                offer(CriticalResult(f.code, rule.entry.tier, f.text, f.span, rule.entry.label, sentence))
                break
    phrase_rules = [r for r in rules.rules if r.phrases is not None]
    if phrase_rules:
        for s in sentences:
            if s.section in _SKIP_SECTIONS:
                continue
            done: set[str] = set()
            for rule in phrase_rules:
                code = rule.entry.code
                if code in done or rule.phrases is None:
                    continue
                m = affirmed(rule.phrases, s.text)
                if m is None or _HYPOTHETICAL_RE.search(s.text[: m.start()]):
                    continue
                if _sentence_ok(rule, s.text):
                    span = (s.span[0] + m.start(), s.span[0] + m.end())
                    offer(CriticalResult(code, rule.entry.tier, m.group(0), span, rule.entry.label, s.text))
                    done.add(code)
    return sorted(best.values(), key=lambda r: (-TIER_RANK[r.tier], r.span[0]))


_HYPOTHETICAL_RE = re.compile(
    r"\b(?:evaluate\s+for|to\s+evaluate|assess\s+for|rule\s+out|r/o|to\s+exclude|history\s+of|h/o|s/p|"
    r"status\s+post|if|risk\s+of|concern\s+for\s+possible)\b[^.;]*$",
    re.IGNORECASE,
)
