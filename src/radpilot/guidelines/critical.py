"""Critical (actionable) results with ACR-style tiers, from a site-editable data file.

Negation-aware: a result needs a mention that the structuring engine asserts present or uncertain, about this
exam (not history, indication or hypothetical), so "no pneumothorax" is never critical. Entries for
observations the lexicon does not have yet match their own ``phrases`` with the same negation rules as the
guideline feature readers; every other code is checked against the lexicon at load, so a typo is an error.

For one mention every entry of its code (and, with ``family``, of the broader codes it is a kind of) is tried
and the most urgent one that matches wins, so the order of the entries never lowers a tier. A mention the report
calls chronic, old, remote or known (the ``known`` words, in the mention's own clause) is not a new result and is
not reported, unless the same clause also calls it acute, new or growing: a known, unchanged finding is neither
urgent nor unexpected, the two reasons the ACR gives for non-routine communication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from radpilot.guidelines.features import CONTEXT_SECTIONS, affirmed
from radpilot.report import Assertion, Finding, Sentence, StructuredReport
from radpilot.structure import WEIGHED_AGAINST, DataFileError, Lexicon, ancestors, default_lexicon
from radpilot.structure.datafiles import StrictModel, load_entries, load_mapping

Tier = Literal["red", "orange", "yellow"]
AssertionName = Literal["present", "uncertain"]
ChangeName = Literal["new", "stable", "improved", "worsened", "resolved"]
Scope = Literal["sentence", "mention", "tip"]
_BOTH: tuple[AssertionName, ...] = ("present", "uncertain")


def _both_assertions() -> list[AssertionName]:
    return list(_BOTH)


TIER_RANK = {"red": 3, "orange": 2, "yellow": 1}
_SKIP_SECTIONS = CONTEXT_SECTIONS | {"comparison", "technique"}


def _no_empty(v: list[str]) -> list[str]:
    for p in v:
        if not p.strip():
            raise ValueError("empty phrase")
    return v


class Distance(StrictModel):
    """A stated distance of the mention (a tube tip) from a landmark: "0.5 cm above the carina". A distance
    below or beyond the landmark counts as negative."""

    to: list[str] = Field(min_length=1)
    less_than_cm: float | None = None
    more_than_cm: float | None = None

    @field_validator("to")
    @classmethod
    def _has_words(cls, v: list[str]) -> list[str]:
        return _no_empty(v)

    @model_validator(mode="after")
    def _has_a_bound(self) -> Distance:
        if self.less_than_cm is None and self.more_than_cm is None:
            raise ValueError("give less_than_cm or more_than_cm")
        return self


class CriticalEntry(StrictModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    tier: Tier
    label: str = Field(min_length=1)
    family: bool = False
    severity: list[str] = Field(default_factory=list)
    min_size_mm: float | None = Field(default=None, gt=0)
    change: list[ChangeName] = Field(default_factory=list)
    not_change: list[ChangeName] = Field(default_factory=list)
    scope: Scope = "sentence"
    words: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    overruled_by: list[str] = Field(default_factory=list)
    distance: Distance | None = None
    tip_in_place: list[str] = Field(default_factory=list)
    assertions: list[AssertionName] = Field(default_factory=_both_assertions)
    phrases: list[str] = Field(default_factory=list)

    @field_validator("words", "unless", "overruled_by", "phrases", "tip_in_place")
    @classmethod
    def _has_words(cls, v: list[str]) -> list[str]:
        return _no_empty(v)


class _Known(StrictModel):
    words: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)

    @field_validator("words", "unless")
    @classmethod
    def _has_words(cls, v: list[str]) -> list[str]:
        return _no_empty(v)


class _Header(StrictModel):
    version: str
    tiers: dict[Tier, str]
    known: _Known = Field(default_factory=_Known)
    results: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Rule:
    entry: CriticalEntry
    words: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    phrases: re.Pattern[str] | None  # set when matched by phrases instead of lexicon findings
    overruled_by: re.Pattern[str] | None = None
    distance: re.Pattern[str] | None = None
    tip_in_place: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class CriticalRules:
    version: str
    tiers: dict[str, str]
    rules: tuple[Rule, ...]
    phrase_codes: tuple[str, ...]  # codes matched by phrases because the lexicon lacks them
    source: str
    known: re.Pattern[str] | None = None
    known_unless: re.Pattern[str] | None = None
    #: lexicon code -> the rules that apply to its mentions (its own, then its broader codes' ``family`` ones),
    #: most urgent first (file order within a tier)
    by_code: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    #: phrase code -> its phrase rules, most urgent first
    by_phrase_code: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    #: every phrase of every phrase rule (a sentence without one is skipped at once)
    any_phrase: re.Pattern[str] | None = None


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


# "prior" names an old finding ("prior rib fractures"), not when it names the exam compared with ("new since prior",
# "compared to the prior", "unchanged from prior study")
_COMPARED = ("since", "to", "than", "with", "from", "on", "versus", "vs.", "vs")
_PRIOR_NOT_COMPARED = (
    "".join(rf"(?<!{re.escape(w)} )(?<!{re.escape(w)} the )" for w in _COMPARED)
    + r"prior(?!\s+(?:study|studies|exam|exams|examination|examinations|ct|radiograph|radiographs|imaging|scan|film)\b)"
)


# "old" names an old finding, not a patient's age ("in this 85 year old man"; "85-year-old" is one word already)
_OLD_NOT_AN_AGE = (
    "".join(rf"(?<!{u} )" for u in ("year", "years", "month", "months", "week", "weeks", "day", "days"))
    + "old"
)
_SPECIAL_WORDS = {"prior": _PRIOR_NOT_COMPARED, "old": _OLD_NOT_AN_AGE}


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = sorted(
        (_SPECIAL_WORDS.get(p.lower()) or r"\s+".join(re.escape(w) for w in p.split()) for p in phrases),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


_NUM = r"\d+(?:\.\d+)?"


def _distance_re(d: Distance) -> re.Pattern[str]:
    to = _alternation(d.to)
    assert to is not None
    return re.compile(
        rf"(?:(?P<lo>{_NUM})\s*(?:-|–|to)\s*)?(?P<n>{_NUM})\s*(?P<u>cm|mm|centimeters?|millimeters?)\s+"
        r"(?P<dir>above|superior\s+to|proximal\s+to|from|below|inferior\s+to|distal\s+to|beyond|past)\s+"
        rf"(?:the\s+)?(?:level\s+of\s+(?:the\s+)?)?(?:{to.pattern})",
        re.IGNORECASE,
    )


def critical_file() -> Path:
    return Path(str(resources.files("radpilot.guidelines") / "data" / "critical.yaml"))


def _by_tier(rules: list[Rule]) -> tuple[Rule, ...]:
    return tuple(sorted(rules, key=lambda r: -TIER_RANK[r.entry.tier]))  # stable: file order within a tier


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
        if use_phrases and entry.min_size_mm is not None:
            raise DataFileError(
                p,
                "field 'min_size_mm': needs a lexicon code (a mention matched by 'phrases' has no size)",
                line=line,
                entry=entry.code,
            )
        if use_phrases and entry.code not in phrase_codes:
            phrase_codes.append(entry.code)
        rules.append(
            Rule(
                entry=entry,
                words=_alternation(entry.words),
                unless=_alternation(entry.unless),
                phrases=_alternation(entry.phrases) if use_phrases else None,
                overruled_by=_alternation(entry.overruled_by),
                distance=_distance_re(entry.distance) if entry.distance is not None else None,
                tip_in_place=_alternation(entry.tip_in_place),
            )
        )
    lexicon_rules = [r for r in rules if r.phrases is None]
    by_code: dict[str, tuple[Rule, ...]] = {}
    for code in lex.observations:
        broader = ancestors(lex, code) - {code}
        mine = [
            r for r in lexicon_rules if r.entry.code == code or (r.entry.family and r.entry.code in broader)
        ]
        if mine:
            by_code[code] = _by_tier(mine)
    by_phrase_code = {
        code: _by_tier([r for r in rules if r.phrases is not None and r.entry.code == code])
        for code in phrase_codes
    }
    return CriticalRules(
        version=header.version,
        tiers={str(k): v for k, v in header.tiers.items()},
        rules=tuple(rules),
        phrase_codes=tuple(phrase_codes),
        source=str(p),
        known=_alternation(header.known.words),
        known_unless=_alternation(header.known.unless),
        by_code=by_code,
        by_phrase_code=by_phrase_code,
        any_phrase=_alternation(sorted({p for r in rules if r.phrases is not None for p in r.entry.phrases})),
    )


@cache
def default_critical_rules() -> CriticalRules:
    return load_critical_rules()


# -- where a mention's words are read -------------------------------------------------------------------------

# Where the words between two mentions split between them: at the last of these, else all to the later mention
# (a word before a mention is usually its modifier: "acute subdural hematoma with chronic infarct").
_JOINERS = (
    r"and|with|without|but|or|plus|however|whereas|while|also|overlying|superimposed\s+on|adjacent\s+to|"
    r"in\s+addition\s+to|as\s+well\s+as|separate\s+from"
)
_SPLIT_RE = re.compile(rf"[,;:]|\b(?:{_JOINERS})\b", re.IGNORECASE)
# The mention's own clause, where "chronic", "old", "known" must be said of it ("small pneumothorax in a patient
# with chronic lung disease" does not call the pneumothorax chronic; "pulmonary embolism, chronic in appearance"
# does).
_CLAUSE_RE = re.compile(
    rf"[;:]|\b(?:{_JOINERS}|in\s+(?:a|this|the)\s+patient|given|due\s+to|secondary\s+to|related\s+to|from|after|"
    r"following)\b",
    re.IGNORECASE,
)
_TIP_RE = re.compile(r"\b(?:tip|tips|terminat\w*|ends|ending|distal\s+end)\b", re.IGNORECASE)
# "posterior to the trachea", "below the left lung base": a landmark the tube is next to, not where it is
_LANDMARK_RE = re.compile(
    r"\b(?:(?:posterior|anterior|lateral|medial|inferior|caudal|distal|deep)\s+to|below|beneath|under|behind|"
    r"beyond|past|along(?:side)?|outside(?:\s+of)?)(?:\s+the)?(?:\s+(?!into\b|in\b|within\b|at\b)[\w-]+){1,3}",
    re.IGNORECASE,
)
_PRIOR_DISTANCE_RE = re.compile(
    r"\b(?:previously|prior(?:ly)?|formerly|had\s+been|compared\s+(?:to|with))\b[^,;]*$", re.I
)


@dataclass(slots=True)
class _Mention:
    """One mention and the text its entry's words are read in."""

    sentence: Sentence
    start: int  # relative to the sentence
    end: int
    others: list[tuple[int, int]]  # other mentions in the sentence, relative spans
    _region: tuple[int, int] | None = None

    @property
    def region(self) -> str:
        if self._region is None:
            text = self.sentence.text
            left, right = 0, len(text)
            before = [oe for _, oe in self.others if oe <= self.start]
            after = [os_ for os_, _ in self.others if os_ >= self.end]
            if before:
                oe = max(before)
                between = list(_SPLIT_RE.finditer(text, oe, self.start))
                left = between[-1].start() if between else oe
            if after:
                os_ = min(after)
                between = list(_SPLIT_RE.finditer(text, self.end, os_))
                right = between[-1].start() if between else self.end
            semi = text.rfind(";", left, self.start)
            left = semi + 1 if semi >= 0 else left
            semi = text.find(";", self.end, right)
            right = semi if semi >= 0 else right
            self._region = (left, right)
        return self.sentence.text[self._region[0] : self._region[1]]

    @property
    def clause_span(self) -> tuple[int, int]:
        """Where the mention's own clause is in the sentence."""
        region = self.region
        assert self._region is not None
        start, end = self.start - self._region[0], self.end - self._region[0]
        left = 0
        for m in _CLAUSE_RE.finditer(region, 0, start):
            left = m.end()
        after = _CLAUSE_RE.search(region, end)
        return self._region[0] + left, self._region[0] + (after.start() if after else len(region))

    @property
    def clause(self) -> str:
        start, end = self.clause_span
        return self.sentence.text[start:end]

    def scoped(self, scope: Scope, in_place: re.Pattern[str] | None = None) -> tuple[str, int]:
        """The words an entry reads, and where they start in the sentence: the sentence, the mention's clause, or
        for a tube its clause with the landmarks it passes next to blanked, and only from its tip on when the tip
        is said to be in place (``in_place``: "with tip in the stomach" makes "posterior to the trachea" before it
        mere course)."""
        if scope == "sentence":
            return self.sentence.text, 0
        region = self.region
        assert self._region is not None
        if scope == "mention":
            return region, self._region[0]
        text = _LANDMARK_RE.sub(lambda m: " " * len(m.group(0)), region)
        tip = _TIP_RE.search(text)
        if tip and in_place is not None and affirmed(in_place, text[tip.start() :]) is not None:
            return text[tip.start() :], self._region[0] + tip.start()
        return text, self._region[0]


def _distance_ok(rule: Rule, mention: _Mention) -> bool:
    d = rule.entry.distance
    if rule.distance is None or d is None:
        return True
    text = mention.region
    for m in rule.distance.finditer(text):
        if _PRIOR_DISTANCE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        scale = 0.1 if m.group("u").lower().startswith("m") else 1.0
        sign = (
            -1.0
            if m.group("dir").lower().split()[0] in ("below", "inferior", "distal", "beyond", "past")
            else 1.0
        )
        hi = float(m.group("n")) * scale * sign
        lo = float(m.group("lo")) * scale * sign if m.group("lo") else hi
        lo, hi = min(lo, hi), max(lo, hi)
        # a range counts only when all of it is out of bounds
        too_close = d.less_than_cm is not None and hi < d.less_than_cm
        too_far = d.more_than_cm is not None and lo > d.more_than_cm
        return too_close or too_far  # the first current distance decides
    return False


_NO_WORDS = -1  # a rule without ``words``: nothing in particular triggered it


def _trigger(rule: Rule, mention: _Mention) -> int | None:
    """None when the rule's words or unless keep it off; else where in the sentence its ``words`` matched
    (``_NO_WORDS`` for a rule without words)."""
    if rule.words is None and rule.unless is None:
        return _NO_WORDS
    text, offset = mention.scoped(rule.entry.scope, rule.tip_in_place)
    at = _NO_WORDS
    if rule.words is not None:
        hit = affirmed(rule.words, text)
        if hit is None:
            return None
        at = offset + hit.start()
    kept_off = rule.unless is not None and affirmed(rule.unless, text) is not None
    if kept_off and (rule.overruled_by is None or affirmed(rule.overruled_by, text) is None):
        return None
    return at


# a possibility the report weighs against ("bowel perforation is less likely") is no result to call
_DISFAVOURED = _alternation(
    ["less likely", "unlikely", "doubtful", "not favored", "less favored", "not favoured"]
)


_ALSO_WORSE = re.compile(
    r"\b(?:new|newly|increas\w*|worse\w*|worsening|progress\w*|enlarg\w*)\b", re.IGNORECASE
)


def _finding_matches(rule: Rule, f: Finding, mention: _Mention) -> int | None:
    """None when the rule does not match the finding; else where its words matched (see ``_trigger``)."""
    e = rule.entry
    if f.assertion.value not in e.assertions:
        return None
    if f.assertion.value == "uncertain" and (
        f.rule == WEIGHED_AGAINST or (_DISFAVOURED is not None and _DISFAVOURED.search(mention.clause))
    ):
        return None
    if e.severity and (f.severity or "") not in e.severity:
        return None
    if e.min_size_mm is not None and (f.size_mm is None or f.size_mm < e.min_size_mm):
        return None
    change = f.change.value if f.change else ""
    if e.change and change not in e.change:
        return None
    if (
        e.not_change
        and change in e.not_change
        and not (change == "improved" and affirmed(_ALSO_WORSE, mention.region) is not None)
    ):
        # (improving in one place and new or worse in another is not improving: "pneumatosis, improving on the right
        # but new in the left lower quadrant"; a denied one is none: "improving, with no new areas of involvement")
        return None
    at = _trigger(rule, mention)
    return at if at is not None and _distance_ok(rule, mention) else None


def _known(rules: CriticalRules, mention: _Mention, change: str, trigger: int = _NO_WORDS) -> bool:
    """The report calls this mention chronic, old or known (in its own clause), and not acute, new or growing
    (anywhere in the words that are about it), and the words that made the entry match (``trigger``, where in the
    sentence) are in that clause: "known aneurysm with new retroperitoneal hematoma" is not a known result."""
    if rules.known is None or change in ("new", "worsened"):
        return False
    if trigger != _NO_WORDS:
        start, end = mention.clause_span
        if not start <= trigger < end:
            return False
    if affirmed(rules.known, mention.clause) is None:
        return False
    return rules.known_unless is None or affirmed(rules.known_unless, mention.region) is None


def critical_results(sr: StructuredReport, rules: CriticalRules | None = None) -> list[CriticalResult]:
    """Critical results in a structured report: one per code, at its most urgent tier, most urgent first."""
    rules = rules or default_critical_rules()
    sentences = sr.report.sentences
    best: dict[str, CriticalResult] = {}
    spans_cache: dict[int, list[tuple[int, int]]] = {}

    def spans_in(s: Sentence) -> list[tuple[int, int]]:
        got = spans_cache.get(s.index)
        if got is None:
            got = [
                (g.span[0] - s.span[0], g.span[1] - s.span[0])
                for g in sr.findings
                if g.sentence == s.index and s.span[0] <= g.span[0] < s.span[1]
            ]
            spans_cache[s.index] = got
        return got

    def mention(s: Sentence, start: int, end: int) -> _Mention:
        others = [(a, b) for a, b in spans_in(s) if b <= start or a >= end]
        return _Mention(s, start, end, others)

    def offer(res: CriticalResult) -> None:
        cur = best.get(res.code)
        if cur is None or TIER_RANK[res.tier] > TIER_RANK[cur.tier]:
            best[res.code] = res

    for f in sr.findings:
        if f.context is not None or f.assertion is Assertion.ABSENT:
            continue
        candidates = rules.by_code.get(f.code)
        if not candidates or _said_more_exactly(f, sr.findings):
            continue
        if 0 <= f.sentence < len(sentences):
            s = sentences[f.sentence]
        else:
            s = Sentence(index=-1, text=f.text, span=f.span, section=f.section)
        m = mention(s, f.span[0] - s.span[0], f.span[1] - s.span[0])
        for rule in candidates:
            at = _finding_matches(rule, f, m)
            if at is not None:
                if not _known(rules, m, f.change.value if f.change else "", at):
                    offer(CriticalResult(f.code, rule.entry.tier, f.text, f.span, rule.entry.label, s.text))
                break
    if rules.by_phrase_code and rules.any_phrase is not None:
        for s in sentences:
            if s.section in _SKIP_SECTIONS or rules.any_phrase.search(s.text) is None:
                continue
            for code, phrase_rules in rules.by_phrase_code.items():
                for rule in phrase_rules:
                    if rule.phrases is None:
                        continue
                    hit = affirmed(rule.phrases, s.text)
                    if hit is None or _HYPOTHETICAL_RE.search(s.text[: hit.start()]):
                        continue
                    pm = mention(s, hit.start(), hit.end())
                    at = _trigger(rule, pm)
                    if at is None or not _distance_ok(rule, pm):
                        continue
                    if not _known(rules, pm, "", at):
                        span = (s.span[0] + hit.start(), s.span[0] + hit.end())
                        offer(
                            CriticalResult(
                                code, rule.entry.tier, hit.group(0), span, rule.entry.label, s.text
                            )
                        )
                    break
    return sorted(best.values(), key=lambda r: (-TIER_RANK[r.tier], r.span[0]))


def _said_more_exactly(f: Finding, findings: list[Finding]) -> bool:
    """Whether the mention's own sentence goes on to say, as a fact, what it is more exactly (a narrower code: "left
    adrenal nodule ..., consistent with metastasis" is an adrenal metastasis, no indeterminate nodule to work up); the
    narrower finding's own entries then decide."""
    return any(
        g.sentence == f.sentence
        and g.section == f.section
        and g.span[0] >= f.span[1]
        and g.assertion is Assertion.PRESENT
        and g.context is None
        and g.code != f.code
        and f.code in _ancestors(g.code)
        for g in findings
    )


@cache
def _ancestors(code: str) -> frozenset[str]:
    return frozenset(ancestors(default_lexicon(), code))


_HYPOTHETICAL_RE = re.compile(
    r"\b(?:evaluate\s+for|to\s+evaluate|assess\s+for|rule\s+out|r/o|to\s+exclude|history\s+of|h/o|s/p|"
    r"status\s+post|if|risk\s+of|concern\s+for\s+possible)\b[^.;]*$",
    re.IGNORECASE,
)
