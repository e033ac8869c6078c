"""The deterministic rewriter: a StructuredReport -> a patient letter in short sentences and plain words.

Two steps. ``make_plan`` decides *what* to tell (language-free): every present and uncertain finding with its
certainty, side, location, severity, change and sizes (most important first), the negatives a patient cares
about (what the indication asked about, then a few key negatives the report states), the next steps the report
or the guideline engine made, and how many result sentences could not be put in plain words. ``Rewriter``
decides *how* to tell it in one language, from the glossary and letter data files only.

English wording is chosen so that the structuring engine reads it back: for each finding, the glossary's plain
phrase is tried first, then the lexicon's lay synonyms, then its synonyms, and the first one that the engine
reads as that finding is used (checked once per code and cached).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, TypeVar

from radpilot.patient.glossary import (
    Glossary,
    LetterText,
    Qualifier,
    RecommendedTest,
    TermEntry,
    glossary,
    letter_text,
)
from radpilot.report import (
    ASSERTION_RANK,
    Assertion,
    Change,
    Finding,
    Laterality,
    Measurement,
    MentionContext,
    StructuredReport,
    find_measurements,
)
from radpilot.structure import (
    WEIGHED_AGAINST,
    StructuringEngine,
    ancestors,
    body_part,
    default_engine,
    default_lexicon,
)
from radpilot.structure.lexicon import Lexicon, tokenize_phrase
from radpilot.structure.matcher import PhraseMatcher, tokenize

# Sections whose sentences are not results: the indication, the exam name, the technique, the comparison.
NON_RESULT_SECTIONS = frozenset({"history", "examination", "technique", "comparison", "preamble"})
MAX_WORDS = 15
MAX_KEY_NEGATIVES = 3

Recommendation = str | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Told:
    """One finding as told to the patient (one per code and side)."""

    code: str
    name: str
    assertion: Assertion
    laterality: Laterality | None = None
    location: str | None = None
    severity: str | None = None
    change: Change | None = None
    sizes: tuple[str, ...] = ()  # measurement texts exactly as written ("1.2 x 0.9 cm")
    largest_mm: float | None = None
    priority: int = 5
    first_sentence: int = 0
    in_impression: bool = False
    # only said as "no new X" (uncertain by the report's rules, but nothing new is seen)
    not_new: bool = False
    # only said as what the report weighs against the reading it favours ("favor radiation necrosis over tumor
    # recurrence"): less likely
    less_likely: bool = False
    # a critical result of the report (red or orange: a misplaced tube, a tension pneumothorax): the letter says
    # the doctor needs to act on it soon
    urgent: bool = False
    right_away: bool = False  # a red critical result: minutes, not hours
    # the glossary term of the kind of this finding the report names ("biopsy clip"): told in that term's words
    kind: str | None = None
    # the glossary qualifier the report's words beside it name ("old healed", "perforated", "concerning for
    # incarceration"), and whether the report hedges those words
    qualifier: str | None = None
    hedged: bool = False
    # an old or healing finding beside the report's denial of a new one ("No acute fracture. Old healed rib
    # fractures."): the letter says there is no new one
    denied_new: bool = False
    # the report says there are several ("multiple hepatic cysts"), and gives the biggest one's size ("the largest")
    several: bool = False
    largest: bool = False
    # sizes the report gives as earlier ones ("4 mm, previously 6 mm"): told as what it measured before
    prior_sizes: tuple[str, ...] = ()
    # the result sentences that speak of it
    sentences: tuple[int, ...] = ()
    # what the report says this one finding may be, in a sentence that speaks of it ("1.4 cm lesion in the right upper
    # lobe, suspicious for malignancy"): told in its sentence ("an abnormal area that may be a lump"), not as a second
    # finding
    may_be: Told | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "assertion": self.assertion.value,
            "laterality": self.laterality.value if self.laterality else None,
            "location": self.location,
            "severity": self.severity,
            "change": self.change.value if self.change else None,
            "sizes": list(self.sizes),
        }


# "no other nodules", "without additional nodules": the word just before the finding says some exist
_RELATIVE_DENIAL = re.compile(r"\b(?:other|additional|further|more|new|second)\s+(?:\w+\s+)?$", re.IGNORECASE)

#: The signal of a next step the report says is not needed ("No follow-up is needed.")
NOT_NEEDED = "not_needed"
#: The signal of results the report says are not back yet ("Pathology pending.")
PENDING = "pending"


@dataclass(frozen=True, slots=True)
class NextStep:
    """A recommendation made by the report or the guideline engine."""

    source: str  # "report" | "guideline"
    text: str
    signal: str | None  # the test it names (RecommendedTest.signal), None when no known test is named
    when: tuple[str, str] | None  # ("3", "month") for "in 3 months"
    # the tests a sentence lists together, in the order said ("biopsy and MRI are recommended")
    signals: tuple[str, ...] = ()
    sentence: int | None = None  # the report sentence it comes from (None: the guideline engine's)
    either: bool = False  # the tests are choices ("CT or MRI"), not all to be done
    # what the step is said for: "high_risk" ("if high risk", "in a high-risk patient"), "low_risk", "optional"
    condition: str = ""


_HIGH_RISK_RE = re.compile(r"\bhigh[- ]risk\b", re.IGNORECASE)
_LOW_RISK_RE = re.compile(r"\blow[- ]risk\b", re.IGNORECASE)
_OPTIONAL_RE = re.compile(r"\boptional(?:ly)?\b", re.IGNORECASE)


def _condition(text: str) -> str:
    """What a recommendation clause is said for (one clause: "In a low-risk patient, no routine follow-up is needed";
    "optional CT at 12 months if high risk")."""
    high, low = bool(_HIGH_RISK_RE.search(text)), bool(_LOW_RISK_RE.search(text))
    if high != low:
        return "high_risk" if high else "low_risk"
    return "optional" if _OPTIONAL_RE.search(text) else ""


# Organ places and the lexicon category of that organ's own findings, whose plain words name the organ already
_ORGAN_CATEGORY = {
    "liver": "liver",
    "kidney": "kidney",
    "ureter": "kidney",
    "pancreas": "pancreas",
    "thyroid": "thyroid",
    "brain": "brain",
    "breast": "breast",
    "adrenal gland": "adrenal",
    "gallbladder": "biliary",
    "spleen": "spleen",
}


_SUSPICIOUS_RE = re.compile(
    r"\b(?:suspicious|suspicion|concerning|worrisome)\s+(?:for|of)\s+(?:[a-z-]+\s+){0,3}?"
    r"(?:malignan|cancer|carcinoma|neoplas|metasta|sarcoma|lymphoma|melanoma)"
    r"|\bhighly\s+suggestive\s+of\s+malignancy|\bBI-?RADS\s*(?:category\s*)?[456]|\bTR\s*[45]\b"
    r"|\bTI-?RADS\s*(?:TR)?\s*[45]\b|\bLR-?\s*[45M]\b|\bLung-?RADS\s*4"
    # an ovarian lesion's risk category and a stated risk ("O-RADS 4, intermediate risk of malignancy")
    r"|\bO-?RADS\s*(?:US\s*|MRI\s*)?(?:category\s*)?[45]\b|\b(?:intermediate|high)\s+risk\s+(?:of|for)\s+malignancy",
    re.IGNORECASE,
)


# a benign assessment category ("BI-RADS 2: Benign", "Lung-RADS 2", "TR1", "LR-2"): the letter says the findings
# look benign, so that a cyst's or a calcified fibroadenoma's "needs a closer look" is not read as worry
_BENIGN_RE = re.compile(
    r"\bBI-?RADS\s*(?:category\s*)?:?\s*2\b(?![.,]\d)|\bLung-?RADS\s*(?:category\s*)?:?\s*2\b(?![.,]\d)"
    r"|\bTR\s*[12]\b|\bTI-?RADS\s*(?:TR)?\s*[12]\b(?![.,]\d)|\bLR-?\s*[12]\b(?![.,]\d)",
    re.IGNORECASE,
)


# a probably-benign category ("BI-RADS 3: Probably benign", "Lung-RADS 3"): a short-interval check, not a worry
_PROBABLY_BENIGN_RE = re.compile(
    r"\bBI-?RADS\s*(?:category\s*)?:?\s*3\b(?![.,]\d)|\bLung-?RADS\s*(?:category\s*)?:?\s*3\b(?![.,]\d)",
    re.IGNORECASE,
)
# cancer already proven by biopsy (BI-RADS 6), and liver cancer that is definite by imaging (LR-5): told as such, never
# as "could be cancer"
_PROVEN_RE = re.compile(r"\bBI-?RADS\s*(?:category\s*)?:?\s*6\b(?![.,]\d)", re.IGNORECASE)
_DEFINITE_RE = re.compile(
    r"\bLR-?\s*5\b(?![.,]\d)|\bLI-?RADS\s*(?:category\s*)?:?\s*5\b(?![.,]\d)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True, eq=False)
class _Words:
    """A pattern of words as a cache key, by identity: a compiled pattern hashes and compares its whole program on
    every lookup, which for the list of trigger words takes longer than the search it saves."""

    pattern: re.Pattern[str]


@lru_cache(maxsize=1 << 15)
def _says(words: _Words, text: str) -> bool:
    """Whether the text holds one of the pattern's words (the plan and the verifier ask of the same sentences)."""
    return words.pattern.search(text) is not None


# (the sentence checks below are asked of the same report sentences by the plan and the verifier, and sentences
# repeat across reports: each is remembered per sentence text)
_SUSPICIOUS = _Words(_SUSPICIOUS_RE)
_BENIGN = _Words(_BENIGN_RE)
_PROBABLY_BENIGN = _Words(_PROBABLY_BENIGN_RE)
_PROVEN = _Words(_PROVEN_RE)
_DEFINITE = _Words(_DEFINITE_RE)


def _results_say(sr: StructuredReport, words: _Words) -> bool:
    return any(_says(words, s.text) for s in sr.report.sentences if s.section not in NON_RESULT_SECTIONS)


def states_benign(sr: StructuredReport) -> bool:
    """Whether the report's results give a benign assessment category and raise no concern of cancer (nor a
    probably-benign category: a left BI-RADS 3 beside a right BI-RADS 2 is told as probably benign)."""
    return (
        not raises_cancer_concern(sr) and _results_say(sr, _BENIGN) and not _results_say(sr, _PROBABLY_BENIGN)
    )


def states_probably_benign(sr: StructuredReport) -> bool:
    """Whether the report's results give a probably-benign category (BI-RADS 3, Lung-RADS 3) and raise no concern of
    cancer."""
    return (
        bool(_PROBABLY_BENIGN_RE.search(sr.report.text))
        and not raises_cancer_concern(sr)
        and _results_say(sr, _PROBABLY_BENIGN)
    )


def cancer_concern(sr: StructuredReport) -> tuple[str, ...]:
    """How the report's results speak of cancer: "proven" (BI-RADS 6: found by biopsy already), "definite" (LR-5: liver
    cancer by imaging) and "concern" (any other concern of cancer: "suspicious for malignancy", "BI-RADS 4", "LR-4")."""
    out: list[str] = []
    text = sr.report.text
    if not (_SUSPICIOUS_RE.search(text) or _PROVEN_RE.search(text) or _DEFINITE_RE.search(text)):
        return ()
    for s in sr.report.sentences:
        if s.section in NON_RESULT_SECTIONS:
            continue
        for m in _SUSPICIOUS_RE.finditer(s.text):
            kind = (
                "proven"
                if _PROVEN_RE.fullmatch(m.group())
                else "definite"
                if _DEFINITE_RE.fullmatch(m.group())
                else "concern"
            )
            if kind not in out:
                out.append(kind)
        for kind, pattern in (("proven", _PROVEN_RE), ("definite", _DEFINITE_RE)):
            if kind not in out and pattern.search(s.text):
                out.append(kind)
    return tuple(k for k in ("proven", "definite", "concern") if k in out)


# "No evidence of recurrent disease.", "No residual or recurrent tumor.", "No evidence of recurrent or metastatic
# disease.": a whole statement, with no place or qualifier ("local recurrence", "in the liver" are not told), that the
# disease treated before has not come back, is not left or has not spread. The letter tells it in the report's own
# noun: "disease" is never told as "cancer".
_NO_RECURRENCE_LEAD_RE = re.compile(
    r"(?:^|[;:]\s*)(?:there\s+is\s+)?(?:no|negative\s+for|without)\s+"
    r"(?:(?:ct|mri?|pet|imaging|sonographic|radiographic|definite|convincing|definitive|evidence|signs?|findings?"
    r"|to\s+suggest|suggestive|suspicious)\s+(?:of\s+|for\s+)?)*(?P<rest>[^.;]*)",
    re.IGNORECASE,
)
_RECURRENCE_WORDS_RE = re.compile(
    r"(?:\s|,|/|\b(?:residual|recurrent|recurrence|metastatic|metastases|metastasis|disease|tumou?r|neoplasm"
    r"|malignancy|malignant|cancer|carcinoma|neoplastic|of|or|and|the|is|are|seen|identified|detected|present"
    r"|demonstrated)\b)+",
    re.IGNORECASE,
)


_RECURRENCE_HINT_RE = re.compile(r"recurren|residual|metasta", re.IGNORECASE)


def no_recurrence(sr: StructuredReport) -> tuple[tuple[str, str], ...]:
    """What the report says has not come back, is not left or has not spread, as (kind, noun) pairs: kind is
    "recurrence", "residual", "residual_or_recurrence" or "spread"; noun is "disease", "tumor" or "cancer". Nothing
    where the report raises a concern of cancer or finds cancer spread (a statement beside it would mislead)."""
    found: list[tuple[str, str]] = []
    if not _RECURRENCE_HINT_RE.search(sr.report.text):
        return ()
    for _, sent, _, _ in _result_sentences(sr):
        for m in _NO_RECURRENCE_LEAD_RE.finditer(sent):
            rest = m.group("rest").strip().lower()
            if not rest or not _RECURRENCE_WORDS_RE.fullmatch(rest):
                continue
            noun = (
                "cancer"
                if re.search(r"cancer|malignan|carcinoma|neoplastic", rest)
                else "tumor"
                if re.search(r"tumou?r|neoplasm", rest)
                else "disease"
            )
            back, left = "recurren" in rest, "residual" in rest
            kind = (
                "residual_or_recurrence"
                if back and left
                else "recurrence"
                if back
                else "residual"
                if left
                else ""
            )
            if kind == "residual" and not re.search(
                r"disease|tumou?r|neoplas|malignan|cancer|carcinoma", rest
            ):
                kind = ""  # ("No residual." alone names nothing)
            if kind and (kind, noun) not in found:
                found.append((kind, noun))
            if "metasta" in rest and ("spread", "cancer") not in found:
                found.append(("spread", "cancer"))
    if not found or raises_cancer_concern(sr):
        return ()
    lex = default_lexicon()
    if any(
        f.assertion is not Assertion.ABSENT
        and ("metastasis" in ancestors(lex, f.code) or "metasta" in f.code)
        for f in sr.findings
        if f.section not in NON_RESULT_SECTIONS
    ):
        return ()
    return tuple(found)


def no_recurrence_sentences(sr: StructuredReport) -> set[int]:
    """The result sentences that state what ``no_recurrence`` tells."""
    if not _RECURRENCE_HINT_RE.search(sr.report.text) or not no_recurrence(sr):
        return set()
    return {
        i
        for i, sent, _, _ in _result_sentences(sr)
        if any(
            (rest := m.group("rest").strip()) and _RECURRENCE_WORDS_RE.fullmatch(rest)
            for m in _NO_RECURRENCE_LEAD_RE.finditer(sent)
        )
    }


def recurrence_notes(text: LetterText, said: Sequence[tuple[str, str]]) -> list[str]:
    """The letter's sentences for what ``no_recurrence`` found."""
    out: list[str] = []
    for kind, noun in said:
        tpl = next((v for k, v in text.no_recurrence.items() if k == kind), "")
        what = next((v for k, v in text.recurrence_nouns.items() if k == noun), noun)
        line = tpl.format(what=what) if tpl else ""
        if line and line not in out:
            out.append(line)
    return out


def all_recurrence_notes(text: LetterText) -> list[str]:
    """Every sentence the letter can say for ``no_recurrence`` (the verifier looks for each; built once per text)."""
    return _once_per(
        text,
        _ALL_NOTES,
        lambda: recurrence_notes(text, [(k, n) for k in text.no_recurrence for n in text.recurrence_nouns]),
    )


_ALL_NOTES: dict[int, tuple[object, list[str]]] = {}


def raises_cancer_concern(sr: StructuredReport) -> bool:
    """Whether the report's results raise a concern of cancer ("highly suggestive of malignancy", "BI-RADS 5",
    "suspicious for renal cell carcinoma"); not a history or an indication of cancer."""
    return _results_say(sr, _SUSPICIOUS)


def _midline_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or r"(?!x)x"
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


_MIDLINE_RES: dict[tuple[str, ...], re.Pattern[str]] = {}
_CLAUSE_END_RE = re.compile(r"[,;]|\band\b|\bwith\b", re.IGNORECASE)
_AFTER_PLACE_RE = re.compile(r"\s+(?:in|of|within|at)\s+the\s+(?P<place>\w+)", re.IGNORECASE)


def midline_findings(
    sr: StructuredReport, findings: Sequence[Finding], words: Sequence[str]
) -> list[Finding]:
    """The findings, with no side for one said of a midline part (the thyroid's ``isthmus``, glossary ``midline``):
    "TR5 isthmus nodule", "Isthmus: 1.1 cm nodule", "nodule in the isthmus" (the engine can give such a nodule the side
    of a node named beside it, "the isthmus nodule and the right level 3 lymph node"); its location is the midline
    part where the finding is the thyroid's."""
    key = tuple(words)
    pattern = _MIDLINE_RES.get(key)
    if pattern is None:
        pattern = _MIDLINE_RES[key] = _midline_re(key)
    if not key or not pattern.search(sr.report.text):
        return list(findings)
    starts = {s.index: s.span[0] for s in sr.report.sentences}
    text = sr.report.text
    out: list[Finding] = []
    for f in findings:
        start = starts.get(f.sentence, 0)
        before = text[start : f.span[0]]
        cut = [m.end() for m in _CLAUSE_END_RE.finditer(before)]
        clause = before[cut[-1] :] if cut else before
        after = _AFTER_PLACE_RE.match(text, f.span[1])
        part = (
            pattern.search(clause)
            or pattern.search(text, f.span[0], f.span[1])  # the finding's own words: "isthmus nodule"
            or (after and pattern.fullmatch(after.group("place")))
        )
        if part:
            obs = default_lexicon().observations.get(f.code)
            thyroid = f.location == "thyroid" or (obs is not None and obs.category == "thyroid")
            f = replace(f, laterality=None, location=part.group().lower() if thyroid else f.location)
        out.append(f)
    return out


# A mammogram's density, as the four BI-RADS composition categories are written ("C: The breasts are
# heterogeneously dense, which may obscure small masses.", "Breast density: category B", "ACR density D",
# "Breast composition: b", "Category C density")
_CATEGORY = r"(?:density|composition)\s*[:=]?\s*(?:category\s*)?[:=]?\s*\(?"
_DENSE_RE = re.compile(
    r"\b(?:heterogeneously|extremely)\s+dense\b|\bdense\s+(?:breasts|breast\s+tissue|fibroglandular\s+tissue)\b"
    rf"|\b{_CATEGORY}[cd]\)?(?![\w-])|\bACR\s+(?:density\s+)?(?:category\s+)?[cd](?![\w-])"
    r"|\bcategory\s+[cd]\s+(?:density|composition)\b|\bheterogeneous\s+fibroglandular\b",
    re.IGNORECASE,
)
_NOT_DENSE_RE = re.compile(
    r"\b(?:almost\s+entirely|predominantly|entirely)\s+fatty\b|\bfatty\s+replaced\b"
    r"|\bscattered\s+(?:areas\s+of\s+)?fibroglandular\b"
    rf"|\b{_CATEGORY}(?:[ab]\)?(?![\w-])|fatty\b)|\bACR\s+(?:density\s+)?(?:category\s+)?[ab](?![\w-])"
    r"|\bcategory\s+[ab]\s+(?:density|composition)\b|\b(?:is|are)\s+not\s+dense\b",
    re.IGNORECASE,
)
# a mammogram: the FDA's density statement is for mammography (not a breast ultrasound or MRI)
_MAMMOGRAM_RE = re.compile(r"\bmammo\w*|\btomosynthesis\b|\bdbt\b", re.IGNORECASE)
_OTHER_BREAST_STUDY_RE = re.compile(
    r"\b(?:mri|mr|magnetic|ultrasound|us|sonograph\w*|sonogram)\b", re.IGNORECASE
)


# the places the letter words as the lung's ("near the outer edge of the lung"): told only of a chest finding
_LUNG_PLACES = frozenset(
    {
        "upper lobe",
        "middle lobe",
        "mid lung",
        "lower lobe",
        "lingula",
        "base",
        "apex",
        "perihilar",
        "peripheral",
    }
)


_OUTSIDE_THE_CHEST = frozenset(
    {"liver", "kidney", "breast", "thyroid", "brain", "bowel", "biliary", "pancreas", "spleen", "adrenal", "pelvis",
     "scrotum", "abdomen", "gi", "head_neck"}
)  # fmt: skip


def breast_density(sr: StructuredReport) -> tuple[str | None, set[int]]:
    """The breast density a mammogram's report states ("dense" for heterogeneously or extremely dense breasts,
    "not dense" for almost entirely fatty or scattered fibroglandular density) and the sentences that state it. In
    one sentence the density said last is today's ("decreased from heterogeneously dense to scattered
    fibroglandular"); across sentences dense wins."""
    exam = " ".join(s.text for s in sr.report.sentences if s.section in ("examination", "preamble"))
    mammogram = (
        bool(_MAMMOGRAM_RE.search(exam)) if exam.strip() else bool(_MAMMOGRAM_RE.search(sr.report.text))
    )
    if not mammogram or (_OTHER_BREAST_STUDY_RE.search(exam) and not _MAMMOGRAM_RE.search(exam)):
        return None, set()  # ("dense breast tissue overlies the lung bases" on a chest film is not a density)
    dense = not_dense = False
    said: set[int] = set()
    for i, sent, _, _ in _result_sentences(sr):
        d = [m.start() for m in _DENSE_RE.finditer(sent)]
        n = [m.start() for m in _NOT_DENSE_RE.finditer(sent)]
        if not (d or n):
            continue
        said.add(i)
        if d and (not n or max(d) > max(n)):
            dense = True
        else:
            not_dense = True
    return ("dense" if dense else "not dense" if not_dense else None), said


_NO_ACUTE_RE = re.compile(r"\bno\s+(?:acute|active|new)\b", re.IGNORECASE)
_REASSURING_RE = re.compile(r"\bharmless\b|\binofensiv|\bcommon\b|\bcomún\b|\bfrecuente", re.IGNORECASE)


@dataclass(slots=True)
class Plan:
    told: list[Told]
    negatives: list[Told]
    next_steps: list[NextStep]
    extra_sizes: list[str]
    other_notes: int
    normal_statement: bool
    terms: list[str]  # glossary terms (English, as in the report) to list under "Words you may see"
    # the impression says the study is normal and nothing else ("Normal renal ultrasound.", "Negative. BI-RADS 1.")
    impression_normal: bool = False
    # the report raises a concern of cancer ("highly suspicious for malignancy", "BI-RADS 5", "TR5"): no
    # explanation may then say that most such findings are harmless
    suspicious: bool = False
    # a mammogram's stated breast density ("dense", "not dense"): the letter says it in the prescribed words
    density: str | None = None
    # the report gives a benign assessment category ("BI-RADS 2", "Lung-RADS 2", "TR1"): the letter says so
    benign: bool = False
    # ... or a probably-benign one ("BI-RADS 3", "Lung-RADS 3")
    probably_benign: bool = False
    # how the report speaks of cancer (``cancer_concern``): proven by biopsy, definite by imaging, a concern
    cancer: tuple[str, ...] = ()
    # distances the report gives ("6 cm from the nipple"), told as distances, never as a finding's size
    extra_distances: list[str] = field(default_factory=list)
    # the impression says nothing acute beside its findings ("Chronic small vessel disease. No acute intracranial
    # abnormality."): the letter says so after them
    no_acute: bool = False
    # the report says the study could not show everything ("subsegmental evaluation limited by motion")
    limited: bool = False
    # the terms whose finding the report only denies ("No intracranial hemorrhage."): their word-list explanation
    # leaves out "which needs care right away"
    denied_terms: tuple[str, ...] = ()
    # what the report says has not come back, is not left or has not spread ("No evidence of recurrent disease."):
    # (kind, noun) pairs of ``no_recurrence``, told first
    no_recurrence: tuple[tuple[str, str], ...] = ()
    # earlier sizes ("previously 6 mm") no told finding owns, told as earlier sizes
    extra_priors: list[str] = field(default_factory=list)
    # the report says the results were told to the care team ("Findings discussed with Dr. Lee at 16:05.")
    communicated: bool = False
    # a result sentence that tells nothing else says the patient had an operation before ("Status post nephrectomy.")
    surgery: bool = False
    # organs' sizes the report gives ("The liver measures 16 cm."): (the organ as the glossary lists it, the size)
    organ_sizes: list[tuple[str, str]] = field(default_factory=list)
    # the sizes no told finding owns, in the order said, with their earlier sizes: an organ's ("organ", (the organ,)),
    # an organ part's ("part", (the organ, the part)), one said in the part of the report about a place ("place",
    # (the place,)); as (kind, name, size, earlier sizes)
    loose_sizes: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.told
            or self.negatives
            or self.next_steps
            or self.normal_statement
            or self.extra_sizes
            or self.extra_distances
            or self.no_recurrence
            or self.extra_priors
            or self.organ_sizes
            or self.loose_sizes
        )


@dataclass(frozen=True, slots=True)
class WordEntry:
    term: str
    local: str | None
    plain: str
    explain: str

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "local": self.local, "plain": self.plain, "explain": self.explain}


@dataclass(slots=True)
class Letter:
    """The patient letter as sentences per section; ``prose`` is what is read back and scored."""

    lang: str
    title: str
    headings: tuple[str, str, str, str]
    found: list[str]
    means: list[str]
    next: list[str]
    closing: str
    words: list[WordEntry] = field(default_factory=list)
    told: list[Told] = field(default_factory=list)

    def prose(self) -> str:
        return "\n".join([*self.found, *self.means, *self.next, self.closing])


# -- what to tell ---------------------------------------------------------------------------------------


def _result_sentences(sr: StructuredReport) -> list[tuple[int, str, tuple[int, int], str]]:
    return [
        (s.index, s.text, s.span, s.section)
        for s in sr.report.sentences
        if s.section not in NON_RESULT_SECTIONS
    ]


def _urgent_codes(sr: StructuredReport) -> dict[tuple[str, Laterality | None], bool]:
    """The code and side of each of the report's red and orange critical results (a misplaced tube, a tension
    pneumothorax; "large left effusion" beside a small right one: only the left), each with whether it is red (to be
    acted on right away, not within hours)."""
    from radpilot.guidelines.critical import critical_results

    out: dict[tuple[str, Laterality | None], bool] = {}
    for c in critical_results(sr):
        if c.tier not in ("red", "orange"):
            continue
        sides = {
            f.laterality
            for f in sr.findings
            if f.code == c.code and f.span[0] < c.span[1] and c.span[0] < f.span[1]
        }
        for side in sides or {None}:
            out[(c.code, side)] = out.get((c.code, side), False) or c.tier == "red"
    return out


_DIGIT_RE = re.compile(r"\d")


def sizes_in(text: str, offset: int = 0) -> list[Measurement]:
    """``find_measurements``, without looking through a text that has no digit (every size has a number; most
    sentences and letters have none)."""
    return find_measurements(text, offset) if _DIGIT_RE.search(text) else []


def same_size(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether two measurements (in mm) are one size said twice: the same values, or one single size that is the
    other's largest axis or its mean diameter (the average of its long and short axes, "6.5 mm" of "7 x 6 mm")."""
    if tuple(a) == tuple(b):
        return True
    one, full = (a, b) if len(a) == 1 else (b, a)
    if len(one) != 1 or len(full) < 2:
        return False
    means = {round((max(full) + min(full)) / 2, 1), round((full[0] + full[1]) / 2, 1), max(full)}
    return round(one[0], 1) in means


def _sizes_agree(t: Told, u: Told, impression: AbstractSet[int]) -> bool:
    """Whether the sizes of two mentions can be one lesion's: the same sizes, or the impression's single size of the
    findings' measurement ("6.5 mm RUL nodule" of "7 x 6 mm solid nodule in the right upper lobe")."""
    if not (t.sizes and u.sizes) or set(t.sizes) == set(u.sizes):
        return True
    if not (set(t.sentences) <= impression and not set(u.sentences) & impression):
        return False
    if len(t.sizes) != 1 or len(u.sizes) != 1:
        return False
    a, b = find_measurements(t.sizes[0]), find_measurements(u.sizes[0])
    return len(a) == 1 and len(b) == 1 and same_size(a[0].values_mm, b[0].values_mm)


def _merge_broader(told: list[Told], impression: AbstractSet[int] = frozenset()) -> list[Told]:
    """A broader mention of a finding told more specifically ("nodule" in the impression, "solid nodule" in the
    findings; same side, same certainty) is told once, as the specific one, with what the broader one adds. A
    broader mention with no side in the impression is the one specific finding of its kind that has a side in the
    findings ("No follow-up needed for the 4 mm nodule" after "4 mm solid nodule in the right upper lobe"), never one
    of two. The impression's single size of the findings' measurement is the same size ("6.5 mm RUL nodule", the mean
    diameter of "7 x 6 mm solid nodule in the right upper lobe"); the specific one's measurement is told."""
    lex = default_lexicon()
    out = list(told)
    for t in told:
        j = next((j for j, u in enumerate(out) if _same_finding(lex, t, u, False, impression)), None)
        if j is None and t.laterality is None and t.in_impression:  # (the impression's summary of a finding)
            sided = [j for j, u in enumerate(out) if _same_finding(lex, t, u, True, impression)]
            j = sided[0] if len(sided) == 1 else None
        if j is None:
            continue
        u = out[j]
        out[j] = replace(
            u,
            location=u.location or t.location,
            severity=u.severity or t.severity,
            change=u.change or t.change,
            sizes=u.sizes or t.sizes,
            prior_sizes=u.prior_sizes or t.prior_sizes,
            largest_mm=u.largest_mm if u.sizes else t.largest_mm,
            first_sentence=min(u.first_sentence, t.first_sentence),
            in_impression=u.in_impression or t.in_impression,
            sentences=tuple(sorted({*u.sentences, *t.sentences})),
        )
        out = [x for x in out if x is not t]
    return out


# what a lesion may be: a growth (a mass, a nodule, a metastasis) ...
_GROWTHS = frozenset({"mass", "nodule"})
# ... said of a growth, an opacity or a bone or liver lesion seen
_SEEN_LESIONS = frozenset({"mass", "nodule", "lesion", "lung_opacity", "bone_lesion", "liver_lesion"})


def _merge_interpretation(told: list[Told]) -> list[Told]:
    """What the report says a lesion may be, in sentences that speak of it ("Spiculated 1.4 cm lesion in the right
    upper lobe, suspicious for malignancy", "right upper lobe opacity, suspicious for mass") is told with that
    lesion, as one finding ("an abnormal area on the right side that may be a lump"), not as a second one. Only a
    possible growth, said only in sentences of one present growth or lesion of the same side and place; never one
    of two lesions, and never one with its own size or change."""
    lex = default_lexicon()
    out = list(told)
    for t in told:
        if (
            t.assertion is not Assertion.UNCERTAIN
            or t.not_new
            or t.sizes
            or t.change
            or not t.sentences
            or not ancestors(lex, t.code) & _GROWTHS
        ):
            continue
        cands = [
            j
            for j, u in enumerate(out)
            if u is not t
            and u.assertion is Assertion.PRESENT
            and u.may_be is None
            and set(u.sentences) & set(t.sentences)
            and ancestors(lex, u.code) & _SEEN_LESIONS
        ]
        # every one of its sentences speaks of the one lesion: no other lesion is said there
        if len(cands) != 1 or not set(t.sentences) <= set(out[cands[0]].sentences):
            continue
        u = out[cands[0]]
        if u.laterality != t.laterality or (t.location and u.location and t.location != u.location):
            continue
        # ("1.4 cm and 2 cm lesions ..., suspicious for malignancy": which one?)
        if len(u.sizes) > 1 or u.several:
            continue
        out[cands[0]] = replace(
            u,
            location=u.location or t.location,
            in_impression=u.in_impression or t.in_impression,
            first_sentence=min(u.first_sentence, t.first_sentence),
            may_be=t,
        )
        out = [x for x in out if x is not t]
    return out


def _kind_named(sr: StructuredReport, members: Sequence[Finding], gl: Glossary) -> str | None:
    """The glossary term of a kind of the finding (``kind_of``) that the report names for it, with the word before
    its words ("Biopsy clip", "marker clip"): one kind for all its mentions ("Clip in expected position." names none), or
    none where a mention names the finding itself ("surgical clips")."""
    text = sr.report.text
    kinds: set[str] = set()
    for f in members:
        toks = tokenize_phrase(text[max(0, f.span[0] - 25) : f.span[1]])
        for n in range(min(len(toks), 4), 0, -1):
            e = gl.by_phrase.get(tuple(toks[-n:]))
            if e is not None and e.kind_of == f.code:
                kinds.add(e.term)
                break
            if e is not None and e.code == f.code and n > 1:
                kinds.add("")  # named as the finding itself ("surgical clips"): no one kind for all
                break
    return next(iter(kinds)) or None if len(kinds) == 1 else None


def _same_finding(
    lex: Lexicon, t: Told, u: Told, sided: bool, impression: AbstractSet[int] = frozenset()
) -> bool:
    """Whether ``t`` is a broader mention of ``u`` (``sided``: ``t`` has no side, ``u`` is from the findings)."""
    return not (
        u is t
        or (sided and u.in_impression)
        or u.code == t.code
        or t.code not in ancestors(lex, u.code)
        or (u.laterality != t.laterality and not sided)
        or u.assertion is not t.assertion
        # two sizes or two places: maybe two lesions; tell both
        or not _sizes_agree(t, u, impression)
        or (t.location and u.location and t.location != u.location)
        # ... or two changes: a new lesion beside a stable one
        or (t.change and u.change and t.change != u.change)
    )


_T = TypeVar("_T")


def _once_per(data: object, cache: dict[int, tuple[object, _T]], build: Callable[[], _T]) -> _T:
    """What ``build`` makes of a glossary's list, built once per list object (the object is kept beside it, so its
    id is never reused): the next-step matcher and trigger pattern, not rebuilt for every sentence."""
    known = cache.get(id(data))
    if known is None or known[0] is not data:
        known = cache[id(data)] = (data, build())
    return known[1]


_MATCHERS: dict[int, tuple[object, PhraseMatcher[str]]] = {}
_TRIGGERS: dict[int, tuple[object, _Words]] = {}


def _signal_matcher(tests: Sequence[RecommendedTest]) -> PhraseMatcher[str]:
    def build() -> PhraseMatcher[str]:
        table: dict[tuple[str, ...], str] = {}
        for t in tests:
            for p in t.patterns:
                table.setdefault(tokenize_phrase(p), t.signal)
        return PhraseMatcher(table)

    return _once_per(tests, _MATCHERS, build)


_INTERVAL_RE = re.compile(
    r"\b(\d+(?:\s*(?:-|to)\s*\d+)?)\s*[- ]?\s*(day|week|month|year|mo|wk|yr)s?\b", re.IGNORECASE
)
_UNIT_ALIAS = {"mo": "month", "wk": "week", "yr": "year"}


def find_interval(text: str) -> tuple[str, str] | None:
    m = _INTERVAL_RE.search(text)
    return _interval(m) if m else None


def _interval(m: re.Match[str]) -> tuple[str, str]:
    num = re.sub(r"\s*(?:-|to)\s*", "-", m.group(1))
    unit = m.group(2).lower()
    return num, _UNIT_ALIAS.get(unit, unit)


def recommendation_signals(text: str, gl: Glossary) -> set[str]:
    """The tests and intervals a text names: what a lay text may not add to its source."""
    toks, _ = tokenize(text)
    out = {sig for _, _, sig in _signal_matcher(gl.data.recommendations.tests).match(toks)}
    for m in _INTERVAL_RE.finditer(text):
        num, unit = _interval(m)
        out.add(f"in {num} {unit}")
    return out


# a sentence that opens with a recommending verb is a next step ("Repeat frontal radiograph after therapy.",
# "Correlate to clinical findings.")
_IMPERATIVE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?(?:please\s+)?(?:repeat|recommend|suggest|consider|correlate|obtain|perform|advise)\b",
    re.IGNORECASE,
)


def is_recommendation(text: str, triggers: Sequence[str]) -> bool:
    # (_once_per written out: asked of every sentence of the report and of both letters)
    known = _TRIGGERS.get(id(triggers))
    if known is None or known[0] is not triggers:
        known = _TRIGGERS[id(triggers)] = (triggers, _Words(_trigger_re(tuple(triggers))))
    return _says(known[1], text)


def recommends(text: str, triggers: Sequence[str]) -> bool:
    """Whether a report sentence is a next step: it opens with a recommending verb or holds a trigger."""
    return bool(_IMPERATIVE.match(text)) or is_recommendation(text, triggers)


@cache
def _trigger_re(triggers: tuple[str, ...]) -> re.Pattern[str]:
    """Trigger words match at a word start ("recommend" finds "recommended")."""
    alts = sorted((re.escape(t.lower()).replace(r"\ ", r"\s+") for t in triggers), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(alts)})", re.IGNORECASE) if alts else re.compile(r"(?!x)x")


# said beside a test, these are its context, not tests of their own ("follow-up CT", "radiograph after treatment")
_GENERIC_TESTS = frozenset({"follow_up", "treatment"})
_TEST_LIST = re.compile(r"\s*(?:,|and|or|and / or|plus|/|, and|, or)?\s*", re.IGNORECASE)


def _next_step(text: str, source: str, gl: Glossary) -> NextStep:
    toks, _ = tokenize(text)
    # "ultrasound-guided biopsy": the ultrasound guides the biopsy, it is not a test of its own
    hits = [
        (s, e, sig)
        for s, e, sig in _signal_matcher(gl.data.recommendations.tests).match(toks)
        if not (e < len(toks) and toks[e] in ("guided", "guidance"))
    ]
    order = {t.signal: i for i, t in enumerate(gl.data.recommendations.tests)}
    # the most specific test named wins ("follow-up CT" is a CT): tests are listed specific first
    signal = min((sig for *_, sig in hits), key=order.__getitem__, default=None)
    ordered = sorted(hits)
    # several tests are told only when the sentence lists them together ("biopsy and MRI", "CT or MRI"), not
    # when one is mentioned by the way ("CT for the opacity seen on the radiograph")
    listed = ordered[:1]
    either = False
    for prev, cur in itertools.pairwise(ordered):
        if not _TEST_LIST.fullmatch(" ".join(toks[prev[1] : cur[0]])):
            break
        either = either or "or" in toks[prev[1] : cur[0]]
        listed.append(cur)
    said = list(dict.fromkeys(sig for *_, sig in listed))
    if any(sig not in _GENERIC_TESTS for sig in said):
        said = [sig for sig in said if sig not in _GENERIC_TESTS]  # "follow-up CT": a CT, not two tests
    return NextStep(
        source=source,
        text=text,
        signal=signal,
        when=find_interval(text),
        signals=tuple(said),
        either=either and len(said) > 1,
        condition=_condition(text),
    )


def recommendation_text(rec: Recommendation) -> str:
    if isinstance(rec, str):
        return rec
    for key in ("text", "recommendation", "action"):
        v = rec.get(key)
        if isinstance(v, str) and v.strip():
            return v
    raise ValueError(f"a recommendation needs a 'text' field, got keys {sorted(rec)}")


# a word the report denies ("without perforation", "no evidence of incarceration") is no qualifier; one it hedges
# ("concerning for incarceration", "possibly perforated") is told hedged
_DENIED_BEFORE_RE = re.compile(
    r"\b(?:no|not|without|negative\s+for|free\s+of|absence\s+of|absent)\b[^,;]*$", re.IGNORECASE
)
_HEDGED_BEFORE_RE = re.compile(
    r"\b(?:concern\w*|suspicio\w*|suggest\w*|possibl[ey]|probabl[ey]|likely|may|might|could|cannot|question\w*"
    r"|worrisome|equivocal|versus|vs|indeterminate|differential|consider\w*|favou?r\w*|compatible|consistent"
    r"|raises?|impending)\b|\?",
    re.IGNORECASE,
)
_LARGEST_RE = re.compile(r"\b(?:largest|biggest|dominant|up\s+to)\b", re.IGNORECASE)
_ACUTE_RE = re.compile(r"\b(?:acute|new|recent|fresh|displaced)\b[^,;]*$", re.IGNORECASE)
_SINGULAR_S = ("ss", "is", "us")


def _words_re(words: Sequence[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})\b", re.IGNORECASE) if alts else re.compile(r"(?!x)x")


_WORD_RES: dict[int, tuple[object, re.Pattern[str]]] = {}


def _window(sr: StructuredReport, f: Finding, starts: Mapping[int, tuple[int, int]]) -> tuple[int, int]:
    """Where the report speaks of a finding: from its clause's start to the next finding's clause (or the sentence
    end): "Old healed right rib fractures", "Left inguinal hernia containing ..., concerning for incarceration"."""
    s_start, s_end = starts.get(f.sentence, (f.span[0], f.span[1]))
    text = sr.report.text
    cut = [m.end() for m in _CLAUSE_END_RE.finditer(text, s_start, f.span[0])]
    start = cut[-1] if cut else s_start
    nxt = min(
        (
            g.span[0]
            for g in (*sr.findings, *sr.other_mentions)
            if g.sentence == f.sentence and g.span[0] >= f.span[1]
        ),
        default=None,
    )
    end = s_end
    if nxt is not None:
        breaks = [m.start() for m in _CLAUSE_END_RE.finditer(text, f.span[1], nxt)]
        end = breaks[-1] if breaks else nxt
    return start, max(end, f.span[1])


def _qualifier_of(
    sr: StructuredReport, f: Finding, gl: Glossary, window: tuple[int, int]
) -> tuple[str, bool] | None:
    """The glossary qualifier the report's words beside a finding name, and whether they are hedged."""
    text = sr.report.text
    start, end = window
    for q in gl.data.qualifiers:
        if q.code != f.code or not q.words:
            continue
        words = _once_per(q.words, _WORD_RES, lambda q=q: _words_re(q.words))  # type: ignore[misc]
        if q.unless and _once_per(q.unless, _WORD_RES, lambda q=q: _words_re(q.unless)).search(  # type: ignore[misc]
            text, start, end
        ):
            continue
        for m in words.finditer(text, start, end):
            clause = [c.end() for c in re.finditer(r"[,;]", text[start : m.start()])]
            before = text[start + (clause[-1] if clause else 0) : m.start()]
            if _DENIED_BEFORE_RE.search(before):
                continue
            return q.name, bool(_HEDGED_BEFORE_RE.search(before))
    return None


def _qualified(
    sr: StructuredReport, members: Sequence[Finding], gl: Glossary, starts: Mapping[int, tuple[int, int]]
) -> tuple[str | None, bool]:
    """The qualifier all of a told finding's mentions have (none where one mention has none or another)."""
    if not any(q.code == members[0].code for q in gl.data.qualifiers):
        return None, False
    got = {_qualifier_of(sr, f, gl, _window(sr, f, starts)) for f in members}
    names = {g[0] if g else None for g in got}
    if len(names) != 1 or None in names:
        return None, False
    return names.pop(), any(g[1] for g in got if g)


def _several(
    sr: StructuredReport, members: Sequence[Finding], gl: Glossary, starts: Mapping[int, tuple[int, int]]
) -> tuple[bool, bool]:
    """Whether the report says there are several of a finding whose term has plural words ("multiple hepatic
    cysts", "hepatic cysts"), and whether it gives the biggest one's size ("the largest 2.1 cm")."""
    entry = gl.by_code.get(members[0].code)
    # (a term without plural words of its own counts when its plain words are no count noun: "swollen glands")
    if entry is None or (entry.plural is None and entry.countable):
        return False, False
    text = sr.report.text
    several_re = _once_per(gl.data.several, _WORD_RES, lambda: _words_re(gl.data.several))
    several = largest = False
    for f in members:
        start, end = _window(sr, f, starts)
        last = f.text.split()[-1].lower() if f.text.split() else ""
        if (last.endswith("s") and not last.endswith(_SINGULAR_S)) or several_re.search(
            text, start, f.span[0]
        ):
            several = True
            largest = largest or bool(_LARGEST_RE.search(text, start, end))
    return several, largest


def _denies_new(sr: StructuredReport, code: str, result_idx: set[int]) -> bool:
    """Whether the report denies a new, acute or recent finding of a code ("Negative for acute fracture.")."""
    text = sr.report.text
    return any(
        f.code == code
        and f.assertion is Assertion.ABSENT
        and f.sentence in result_idx
        and _ACUTE_RE.search(text, max(0, f.span[0] - 30), f.span[0])
        for f in sr.findings
    )


_DENIAL_CLAUSE_RE = re.compile(r"[,;:(]")


def denial_is_narrow(sr: StructuredReport, f: Finding, gl: Glossary) -> bool:
    """Whether the report says a denial with a degree, a kind, a place or a hedge that makes it narrower than its
    finding ("No large pleural effusion", "no suspicious nodule", "No intraparenchymal hematoma", "no definite
    pneumothorax"; glossary ``narrow_denials``): such a denial is never told as a plain "no X". (A denial of one side,
    "No left pneumothorax", is told with its side; one of the study's extent, "No central pulmonary embolism", is
    told where the report says the study was limited, which the letter says after it.)"""
    if f.severity is not None:
        return True
    words = gl.data.narrow_denials
    if not words:
        return False
    pattern = _once_per(words, _WORD_RES, lambda: _words_re(words))
    text = sr.report.text
    start = next((s.span[0] for s in sr.report.sentences if s.index == f.sentence), f.span[0])
    # from its clause's start, or from the end of the finding said before it there: "No confluent lobar consolidation
    # or pleural effusion" says "lobar" of the consolidation only, "No large pleural effusion or pneumothorax" "large"
    # of the effusion
    cut = [m.end() for m in _DENIAL_CLAUSE_RE.finditer(text, start, f.span[0])]
    cut += [
        g.span[1]
        for g in (*sr.findings, *sr.other_mentions)
        if g.sentence == f.sentence and g.span[1] <= f.span[0]
    ]
    said = {m.group().lower() for m in pattern.finditer(text, max(cut, default=start), f.span[1])}
    if not said:
        return False
    return not (said <= {w.lower() for w in gl.data.extent_denials} and bool(limited_sentences(sr, gl)))


def denial_contradicted(code: str, positive: AbstractSet[str], gl: Glossary) -> str | None:
    """The present or possible finding (of ``positive``) of a denied code's family, if any: a narrower kind of it
    ("No intraparenchymal hematoma", read as no bleeding in the brain, beside a subarachnoid hemorrhage) or a kin its
    plain words cover (glossary ``negative_kin``: microbleeds are bleeding in the brain), or a narrower kind of a kin.
    Such a denial is never told: "There is no sign of bleeding in the brain" would tell the opposite of the report."""
    lex = default_lexicon()
    kin = set(gl.data.negative_kin.get(code, ()))
    part = body_part(lex.observations[code].category)
    for p in sorted(positive):
        if p == code:
            continue
        family = ancestors(lex, p)
        # (of the same part of the body: an adrenal nodule does not contradict "no lung nodules")
        if (code in family or family & kin) and body_part(lex.observations[p].category) in (part, "other"):
            return p
    return None


def _organ_size(sent: str, start: int, gl: Glossary) -> str | None:
    """The organ whose size a measurement of a sentence is ("The liver measures 16 cm.", "Spleen: 12 cm", "the right
    kidney measuring 11.2 cm"), as the glossary's ``organs`` list it; None where it is no organ's."""
    if not gl.data.organs:
        return None
    pattern = _once_per(gl.data.organs, _ORGAN_RES, lambda: _organ_re(tuple(gl.data.organs)))
    m = pattern.search(sent[:start])
    return " ".join(m.group("organ").lower().split()) if m else None


def _organ_re(organs: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(o).replace(r"\ ", r"\s+") for o in organs), key=len, reverse=True)
    return re.compile(
        rf"(?:^|[,;:]\s*|\bthe\s+)(?P<organ>{'|'.join(alts)})\s*(?::|\b(?:measures|measuring|measured|spans|"
        r"(?:is\s+)?(?:normal\s+in\s+size|normal)[,\s]+(?:measuring|at)))?\s*(?:approximately|about|up\s+to)?\s*$",
        re.IGNORECASE,
    )


_ORGAN_RES: dict[int, tuple[object, re.Pattern[str]]] = {}


@dataclass(slots=True)
class _Loose:
    """A size no told finding owns: an organ's own ("organ": name (the organ,)), an organ part's ("part": (the organ,
    the part)) or one said in the part of the report about a place ("place": (the place,)); with its earlier sizes."""

    kind: str
    text: str
    name: tuple[str, ...]
    priors: list[str] = field(default_factory=list)


# a report line's sub-header ("LIVER:", "RIGHT OVARY:", "Lymph nodes:")
_HEADER_RE = re.compile(r"[ \t]*(?P<header>[A-Za-z][A-Za-z /&'-]{0,40}?)[ \t]*:")


def _line_header(text: str, pos: int) -> tuple[str, int] | None:
    """The sub-header of the report line a position is on, lowercased, and where it ends (after its colon)."""
    line = text.rfind("\n", 0, pos) + 1
    m = _HEADER_RE.match(text, line)
    if m is None or m.end() > pos:
        return None
    return " ".join(m.group("header").lower().split()), m.end()


def _header_size(
    sr: StructuredReport, i: int, m: Measurement, gl: Glossary, exam: str
) -> tuple[str, tuple[str, ...]] | None:
    """The organ (``organs``) or organ part (``organ_parts``, of the organ the exam names: "RIGHT LOBE:" of a thyroid
    ultrasound) whose own size a measurement is: said just after the organ's sub-header, with at most a few words and
    no finding between ("UTERUS: Anteverted, measuring 8.9 x 4.6 x 5.1 cm.", "RIGHT OVARY: Markedly enlarged, 6.5 x
    5.2 x 5.8 cm, ...", "ISTHMUS: 3 mm.")."""
    text = sr.report.text
    got = _line_header(text, m.span[0])
    if got is None:
        return None
    header, end = got
    between = text[end : m.span[0]]
    if len(_WORDS_RE.findall(between)) > 3 or re.search(r"[.!?;]|\d", between):
        return None
    if any(g.sentence == i and end <= g.span[0] < m.span[0] for g in (*sr.findings, *sr.other_mentions)):
        return None
    if header in gl.data.organs:
        return "organ", (header,)
    for organ, parts in gl.data.organ_parts.items():
        if header in parts and re.search(rf"\b{re.escape(organ)}\b", exam):
            return "part", (organ, header)
    return None


def _header_place(text: str, pos: int, gl: Glossary) -> str | None:
    """The place (glossary ``places``) whose part of the report a position is in: the sub-header of its line."""
    got = _line_header(text, pos)
    return got[0] if got is not None and got[0] in gl.data.places else None


def _only_size(sent: str, start: int, gl: Glossary) -> bool:
    """Whether a sentence says no more than an organ's size ("Liver measures 14.5 cm in craniocaudal length.",
    "ENDOMETRIUM: 8 mm, homogeneous."; glossary ``size_words``): else it is still a note the letter could not tell
    ("RIGHT OVARY: Markedly enlarged, 6.5 cm, with peripherally displaced follicles")."""
    rest = sent
    for mm in sizes_in(sent):
        rest = rest.replace(mm.text, " ")
    header = _HEADER_RE.match(rest)
    if header is not None:
        rest = rest[header.end() :]
    words = {w.lower() for w in _WORDS_RE.findall(rest)}
    organ_words = {w for o in (*gl.data.organs, *gl.data.places) for w in o.split()}
    plain = {w.lower() for w in gl.data.size_words}
    return not (words - plain - organ_words - {"x"})


def _sole_told(
    i: int, in_sentence: Mapping[int, set[int]], owner: Mapping[tuple[int, Any], int]
) -> int | None:
    """The one finding a sentence tells, where it tells one only and gives it no size of its own there."""
    here = in_sentence.get(i, set())
    if len(here) != 1:
        return None
    one = next(iter(here))
    return None if any(k == i and j == one for (k, _), j in owner.items()) else one


# a broken bone or a torn band at two places is two injuries ("distal radius fracture ... ulnar styloid fracture": the
# forearm's and the wrist's), each told with its place; a mention with no place goes with the first
# (not a dislocation: "dislocation of the left humerus" is the shoulder's)
_TOLD_PER_PLACE = frozenset({"fracture", "ligament_tear", "meniscal_tear"})


def _by_place(
    side: Laterality | None, members: list[Finding]
) -> list[tuple[Laterality | None, list[Finding]]]:
    places: dict[str, list[Finding]] = {}
    for f in members:
        if f.location is not None:
            places.setdefault(f.location, []).append(f)
    if len(places) < 2:
        return [(side, members)]
    groups = list(places.values())
    groups[0] = [f for f in members if f.location is None] + groups[0]
    # (a place with no side said takes none: the spine's fracture beside the left ribs')
    return [
        (side if any(f.laterality is not None for f in g) else None, sorted(g, key=lambda f: f.sentence))
        for g in groups
    ]


def make_plan(
    sr: StructuredReport,
    recommendations: Sequence[Recommendation] = (),
    gl: Glossary | None = None,
    text: LetterText | None = None,
) -> Plan:
    """Decide what the letter tells, from the structured report and the recommendations given."""
    gl = gl or glossary("en")
    text = text or letter_text("en")
    result = _result_sentences(sr)
    result_idx = {i for i, *_ in result}
    density, density_said = breast_density(sr)
    # "ACR density B." on a mammogram is the breasts' composition, not a density seen in them
    midline = {w.lower() for w in gl.data.midline}
    mentions = [
        f
        for f in midline_findings(sr, sr.findings, gl.data.midline)
        if f.sentence in result_idx and not (f.sentence in density_said and f.code == "density")
    ]

    by_code: dict[str, list[Finding]] = {}
    for f in mentions:
        by_code.setdefault(f.code, []).append(f)

    told: list[Told] = []
    owner: dict[tuple[int, tuple[float, ...]], int] = {}  # (sentence, values_mm) -> index in told
    in_sentence: dict[int, set[int]] = {}  # sentence -> the told findings it speaks of
    starts = {s.index: s.span for s in sr.report.sentences}
    for code, fs in by_code.items():
        pos = [f for f in fs if f.assertion is not Assertion.ABSENT]
        if not pos:
            continue
        sides = sorted({f.laterality for f in pos if f.laterality is not None}, key=lambda s: s.value)
        groups: list[tuple[Laterality | None, list[Finding]]]
        # a finding of a midline part ("isthmus nodule") beside sided ones is its own, with no side
        mid = [f for f in pos if f.laterality is None and f.location in midline] if sides else []
        if sides:
            groups = [(s, [f for f in pos if f.laterality in (s, None) and f not in mid]) for s in sides]
            groups += [(None, mid)] if mid else []
        else:
            groups = [(None, pos)]
        if code in _TOLD_PER_PLACE:
            groups = [g for side, members in groups for g in _by_place(side, members)]
        entry = gl.by_code.get(code)
        for side, members in groups:
            own = [f for f in members if f.laterality == side] or members
            best = max(members, key=lambda f: ASSERTION_RANK[f.assertion])
            idx = len(told)
            for f in members:
                in_sentence.setdefault(f.sentence, set()).add(idx)
                if f.sizes_mm:
                    owner.setdefault((f.sentence, f.sizes_mm), idx)
            qualifier, hedged = _qualified(sr, members, gl, starts)
            several, largest = _several(sr, members, gl, starts)
            named = _qualifier_named(gl, qualifier)
            old = named.old if named is not None else False
            priority = entry.priority if entry else 5
            if named is not None and named.priority is not None and not hedged:
                priority = min(priority, named.priority)
            told.append(
                Told(
                    code=code,
                    kind=_kind_named(sr, members, gl),
                    name=best.name,
                    assertion=best.assertion,
                    laterality=side,
                    location=next((f.location for f in own if f.location), None),
                    severity=next((f.severity for f in own if f.severity), None),
                    change=next((f.change for f in own if f.change), None),
                    priority=priority,
                    first_sentence=min(f.sentence for f in members),
                    in_impression=any(f.section == "impression" for f in members),
                    not_new=best.assertion is Assertion.UNCERTAIN
                    and all((f.rule or "").startswith("no new") for f in members),
                    less_likely=best.assertion is Assertion.UNCERTAIN
                    and all(f.rule == WEIGHED_AGAINST for f in members if f.assertion is Assertion.UNCERTAIN),
                    qualifier=qualifier,
                    hedged=hedged,
                    denied_new=old and _denies_new(sr, code, result_idx),
                    several=several,
                    largest=largest,
                    sentences=tuple(sorted({f.sentence for f in members})),
                )
            )

    # sizes: each measurement of a result sentence goes with the finding the engine attached it to; one no finding
    # owns is an organ's ("The liver measures 16 cm.", "UTERUS: Anteverted, measuring 8.9 x 4.6 x 5.1 cm.", "RIGHT
    # LOBE: 5.2 cm" of a thyroid ultrasound), else the one finding's its sentence tells ("9 mm focus of restricted
    # diffusion ..., consistent with an acute lacunar infarct"), else said with the part of the report it is in ("In
    # the part about your liver, ..."), else said alone. A size said again of a told finding ("4.6 cm" of the aorta
    # in the findings, of the aortic aneurysm in the impression) is that finding's.
    # (text, largest mm, axes, values mm, sentence)
    sizes: dict[int, list[tuple[str, float, int, tuple[float, ...], int]]] = {}
    priors: dict[int, list[str]] = {}
    extra: list[str] = []
    extra_priors: list[str] = []
    distances: list[str] = []
    loose: list[_Loose] = []  # organs', organ parts' and places' sizes, in the order said
    organ_said: set[int] = set()
    placed: dict[tuple[tuple[float, ...], str], tuple[list[Any], Any] | None] = {}  # None: a told finding's
    impression = {i for i, _, _, section in result if section == "impression"}
    text_all = sr.report.text
    exam = " ".join(s.text for s in sr.report.sentences if s.section in ("examination", "preamble")).lower()

    def put(key: tuple[tuple[float, ...], str], where: list[Any], item: Any) -> None:
        where.append(item)
        placed[key] = (where, item)

    def attach(t: int, m: Measurement, i: int) -> None:
        items = sizes.setdefault(t, [])
        # the impression's "1.6 cm" of a nodule the findings measured "1.6 x 1.2 x 1.1 cm" is the same size, and
        # so is its "6.5 mm" of one measured "7 x 6 mm" (the mean diameter)
        same = next(
            (
                k
                for k, (_, mm, _, vals, at) in enumerate(items)
                if mm == m.largest_mm
                or ((at in impression) != (i in impression) and same_size(vals, m.values_mm))
            ),
            None,
        )
        if same is None:
            items.append((m.text, m.largest_mm, len(m.values_mm), m.values_mm, i))
        elif len(m.values_mm) > items[same][2]:
            items[same] = (m.text, m.largest_mm, len(m.values_mm), m.values_mm, i)

    for i, sent, span, _ in result:
        # the owner of the last size of today said in the sentence, if any, and the organ whose size it is
        now: tuple[int | None] | None = None
        organ_now: _Loose | None = None
        said = sizes_in(sent, span[0])
        # (a size of no finding is the one told finding's of its sentence only where it is the one such size there)
        unowned = [m for m in said if not (m.distance or m.prior) and (i, m.values_mm) not in owner]
        for m in said:
            key = (m.values_mm, m.unit)
            # a distance ("4 cm above the carina", "retract by 2 cm") is never a finding's size
            t = None if m.distance else owner.get((i, m.values_mm))
            if m.prior and not m.distance and t is None:
                # an earlier size ("4 mm, previously 6 mm") is told as one: of the finding whose size today was said
                # just before it ("nodule 12 mm (previously 18 mm); hilar node 9 mm (previously 16 mm)": the 16 mm is
                # the node's, told or not), else of the one finding of its sentence that has a size (or the one
                # finding of its sentence)
                if now is not None:
                    t = now[0]
                elif organ_now is None:
                    sized = {j for (k, _), j in owner.items() if k == i}
                    one = sized if len(sized) == 1 else in_sentence.get(i, set())
                    if len(one) == 1:
                        t = next(iter(one))
            if key in placed:
                got = placed[key]
                if got is None or t is None or m.distance:
                    if not (m.prior or m.distance):
                        now, organ_now = (t,), None
                    continue
                got[0].remove(got[1])  # said before of no told finding, now of one: it is that one's
                del placed[key]
            if m.prior and not m.distance:
                if t is not None:
                    priors.setdefault(t, []).append(m.text)
                    placed[key] = None
                else:
                    put(key, organ_now.priors if organ_now is not None else extra_priors, m.text)
                continue
            if not m.distance:
                now, organ_now = (t,), None
            if t is not None:
                attach(t, m, i)
                placed[key] = None
                continue
            if m.distance:
                put(key, distances, m.text)
                continue
            organ = _organ_size(sent, m.span[0] - span[0], gl)
            whose = ("organ", (organ,)) if organ is not None else _header_size(sr, i, m, gl, exam)
            if whose is not None:  # "The liver measures 16 cm.": told as the organ's size
                organ_now = _Loose(whose[0], m.text, whose[1])
                put(key, loose, organ_now)
                if _only_size(sent, m.span[0] - span[0], gl):
                    organ_said.add(i)
                continue
            sole = _sole_told(i, in_sentence, owner) if len(unowned) == 1 else None
            if sole is not None:  # "9 mm focus ..., consistent with an acute lacunar infarct": the infarct's
                attach(sole, m, i)
                placed[key] = None
                now = (sole,)
                continue
            place = _header_place(text_all, m.span[0], gl)
            if (
                place is not None
            ):  # "LIVER: ... A separate 6 mm arterially enhancing focus ...": said with the liver
                put(key, loose, _Loose("place", m.text, (place,)))
                continue
            put(key, extra, m.text)
    for t, items in sizes.items():
        told[t] = replace(told[t], sizes=tuple(x[0] for x in items), largest_mm=max(x[1] for x in items))
    for t, texts in priors.items():
        told[t] = replace(told[t], prior_sizes=tuple(texts))
    organ_sizes = [(x.name[0], x.text) for x in loose if x.kind == "organ"]

    told = _merge_interpretation(_merge_broader(told, impression))
    urgent = _urgent_codes(sr)
    told = [
        replace(
            t,
            urgent=True,
            right_away=urgent.get((t.code, t.laterality), False) or urgent.get((t.code, None), False),
        )
        if (t.code, t.laterality) in urgent or (t.code, None) in urgent
        else t
        for t in told
    ]
    old_kinds = {q.name for q in gl.data.qualifiers if q.old}
    told.sort(
        key=lambda t: (
            not t.urgent,  # what needs acting on soon comes first, what needs it right away before that
            not t.right_away,
            t.priority,
            t.qualifier in old_kinds,  # an old, healed broken bone after a new one
            t.assertion is not Assertion.PRESENT,
            not t.in_impression,
            t.first_sentence,
        )
    )

    # negatives a patient cares about: what the indication asked about, then key negatives the report states
    positive_codes = {t.code for t in told}
    asked = {
        f.code
        for f in sr.other_mentions
        if f.context in (MentionContext.INDICATION, MentionContext.HYPOTHETICAL)
    }
    # only what the report says is absent (a finding told under a more specific name is not absent)
    # "no other nodules" beside a calcified one is not "no spot on the lung": a relative denial is not told
    recurrence = no_recurrence(sr)
    recurrence_said = no_recurrence_sentences(sr) if recurrence else set()  # (none without a statement)
    # a denial said only with a degree, a kind or a hedge ("No large pleural effusion") is not "no fluid around the
    # lung", and one beside a finding of its family ("No intraparenchymal hematoma" beside a subarachnoid hemorrhage)
    # is not "no bleeding in the brain": neither is told
    found_codes = {f.code for f in mentions if f.assertion is not Assertion.ABSENT}
    denied: dict[str, Laterality | None] = {}  # code -> the side of the denial told (None: no side)
    for c, fs in by_code.items():
        if (
            c in positive_codes
            # "No residual or recurrent tumor." is told as such, not as "no lump"
            or all(f.sentence in recurrence_said for f in fs)
            or not all(f.assertion is Assertion.ABSENT for f in fs)
            or any(_RELATIVE_DENIAL.search(sr.report.text[max(0, f.span[0] - 30) : f.span[0]]) for f in fs)
            or denial_contradicted(c, found_codes, gl) is not None
        ):
            continue
        plain = {f.laterality for f in fs if not denial_is_narrow(sr, f, gl)}
        if not plain:
            continue
        # a denial of one side ("No right lower extremity DVT") is told with its side
        one_side = plain - {None, Laterality.BILATERAL} if len(plain) == 1 else set()
        denied[c] = one_side.pop() if one_side else None
    absent_codes = list(denied)
    # whether the report says it is normal ("The lungs are clear.", "LUNG BASES: Clear.")
    normal_said = {i for i, sent, _, _ in result if says_normal(sent, text)}
    normal = bool(normal_said)
    chosen = [c for c in absent_codes if c in asked]
    for c in gl.data.key_negatives:
        if len(chosen) >= len([c for c in absent_codes if c in asked]) + MAX_KEY_NEGATIVES:
            break
        if c in absent_codes and c not in chosen:
            chosen.append(c)
    if not told and not chosen and not normal:
        # a report that only denies ("No deep vein thrombosis.") tells what it denies (one that says it is normal
        # says so instead)
        chosen = absent_codes[:MAX_KEY_NEGATIVES]
    negatives = [
        Told(
            code=c,
            name=by_code[c][0].name,
            assertion=Assertion.ABSENT,
            laterality=denied[c],
            first_sentence=by_code[c][0].sentence,
        )
        for c in chosen
    ]

    # next steps: recommendation sentences of the report, then the guideline engine's
    triggers = gl.data.recommendations.triggers
    steps: list[NextStep] = []
    not_needed = gl.data.recommendations.not_needed
    pending = gl.data.recommendations.pending
    pending_said = {i for i, sent, _, _ in result if is_recommendation(sent, pending)} if pending else set()
    for i, sent, _, section in result:
        if i in pending_said:  # "Pathology pending.": the results are not back yet
            steps.append(NextStep(source="report", text=sent, signal=PENDING, when=None, sentence=i))
            continue
        if not (section == "recommendation" or recommends(sent, triggers)):
            continue
        # each clause for itself: "Recommend PET/CT; if PET negative, no further workup needed."
        clauses = [c for c in re.split(r";\s*", sent) if c.strip()] or [sent]
        for clause in clauses:
            if is_recommendation(clause, not_needed):
                steps.append(
                    NextStep(
                        source="report",
                        text=clause,
                        signal=NOT_NEEDED,
                        when=None,
                        sentence=i,
                        condition=_condition(clause),
                    )
                )
            elif len(clauses) == 1 or section == "recommendation" or recommends(clause, triggers):
                steps.append(replace(_next_step(clause, "report", gl), sentence=i))
    for rec in recommendations:
        steps.append(_next_step(recommendation_text(rec), "guideline", gl))

    # sentences that say nothing we could tell: count them so the letter says so (a density statement is told)
    mentioned = (
        {f.sentence for f in sr.findings}
        | {f.sentence for f in sr.other_mentions}
        | density_said
        | recurrence_said
        | organ_said
    )
    limited_said = limited_sentences(sr, gl)
    # the result told to the care team ("Findings discussed with Dr. Lee at 16:05."): the letter says so
    communicated_said = communicated_sentences(sr, gl)
    # an assessment category the letter tells by its note ("Lung-RADS 4B.": the concern of cancer; "Lung-RADS 2:
    # benign appearance.": that the findings look benign); how the exam was done ("PA and lateral views were obtained.")
    category_said = _category_sentences(sr, told)
    about_said = {i for i, sent, _, _ in result if _says_any(gl.data.not_notes, sent)}
    # an operation the patient had before, said in a sentence that tells nothing else ("Status post right nephrectomy.")
    surgery_said = surgery_sentences(sr, gl) - mentioned
    other = 0
    impression_seen = False
    impression_normal = True
    positive = {f.sentence for f in sr.findings if f.assertion is not Assertion.ABSENT}
    for i, sent, _, section in result:
        is_normal = i in normal_said
        neutral = i in communicated_said or i in about_said or i in surgery_said
        if section == "impression":
            impression_seen = True
            if i in positive or not (is_normal or neutral or recommends(sent, triggers) or i in mentioned):
                impression_normal = False
        if (
            i in mentioned
            or is_normal
            or neutral
            or i in category_said
            or section == "recommendation"
            or recommends(sent, triggers)
            or i in pending_said
            or i in limited_said
        ):
            continue
        if _words_in(sent) >= 2:
            other += 1

    terms = _terms_in(sr, result, gl, told)
    return Plan(
        told=told,
        negatives=negatives,
        next_steps=steps,
        extra_sizes=extra,
        extra_distances=distances,
        extra_priors=extra_priors,
        organ_sizes=organ_sizes,
        loose_sizes=[(x.kind, x.name, x.text, tuple(x.priors)) for x in loose],
        other_notes=other,
        normal_statement=normal,
        terms=terms,
        denied_terms=_denied_terms(sr, terms, gl),
        no_recurrence=recurrence,
        impression_normal=impression_seen and impression_normal and normal,
        suspicious=raises_cancer_concern(sr),
        benign=states_benign(sr),
        probably_benign=states_probably_benign(sr),
        cancer=cancer_concern(sr),
        density=density,
        no_acute=any(section == "impression" and _NO_ACUTE_RE.search(sent) for _, sent, _, section in result),
        limited=bool(limited_said),
        communicated=bool(communicated_said),
        surgery=bool(surgery_said),
    )


# a word that undoes a normal statement just before it ("not preserved", "loss of normal lordosis", "not compressible")
_UNDONE_RE = re.compile(
    r"\b(?:not|no\s+longer|non|loss\s+of|lack\s+of|absence\s+of|poorly|partially|incompletely|less|never)"
    r"(?:\s+[\w-]+){0,2}\s*$",
    re.IGNORECASE,
)
# a sub-header and one word ("LUNG BASES: Clear.", "FEMORAL VEIN: Compressible.")
_HEADER_BODY_RE = re.compile(r"\s*[A-Za-z][A-Za-z /&'-]{0,40}:\s*(?P<body>[A-Za-z][A-Za-z -]*?)\s*\.?\s*")


@lru_cache(maxsize=1 << 15)
def _says_normal(words: _Words, bodies: tuple[str, ...], sent: str) -> bool:
    for m in words.pattern.finditer(sent):
        cut = [c.end() for c in re.finditer(r"[,;:]", sent[: m.start()])]
        if not _UNDONE_RE.search(sent[cut[-1] if cut else 0 : m.start()]):
            return True
    body = _HEADER_BODY_RE.fullmatch(sent)
    return body is not None and body.group("body").lower() in bodies


def says_normal(sent: str, text: LetterText) -> bool:
    """Whether a report sentence says a result is normal (letter ``normal_phrases``: "The lungs are clear.", "Gray-white
    matter differentiation is preserved."; not where a word just before undoes it: "not preserved", "loss of normal
    lordosis"), or is a sub-header and a normal word (``normal_bodies``: "LUNG BASES: Clear.")."""
    phrases = text.normal_phrases
    words = _once_per(phrases, _NORMAL_PHRASES, lambda: _Words(_phrase_re(tuple(phrases))))
    return _says_normal(words, tuple(b.lower() for b in text.normal_bodies), sent)


def _says_any(phrases: Sequence[str], sent: str) -> bool:
    if not phrases:
        return False
    words = _once_per(phrases, _NORMAL_PHRASES, lambda: _Words(_phrase_re(tuple(phrases))))
    return _says(words, sent)


def communicated_sentences(sr: StructuredReport, gl: Glossary) -> set[int]:
    """The result sentences that say the results were told to the care team (glossary ``communicated``: "Findings
    discussed with Dr. Lee at 16:05.", "Dr. Chen was notified at 07:45.", "Critical result called to the emergency
    department"); not one told to the patient ("discussed with the patient"), which is no word of the care team."""
    phrases = gl.data.communicated
    if not phrases:
        return set()
    return {
        i
        for i, sent, _, _ in _result_sentences(sr)
        if _says_any(phrases, sent) and not _PATIENT_RE.search(sent)
    }


def surgery_sentences(sr: StructuredReport, gl: Glossary) -> set[int]:
    """The result sentences that say the patient had an operation before (glossary ``surgery_words``: "Status post
    right nephrectomy.", "Gallbladder: Surgically absent.", "Prior cholecystectomy.")."""
    words = gl.data.surgery_words
    if not words:
        return set()
    pattern = _once_per(words, _WORD_RES, lambda: _words_re(words))
    return {
        i
        for i, sent, _, _ in _result_sentences(sr)
        if pattern.search(sent)
        and not _HEDGED_BEFORE_RE.search(sent)
        and not _CAUSE_RE.search(sent)
        and not _SURGERY_AHEAD_RE.search(sent)
    }


# an operation asked for, not had ("Recommend vascular surgery follow-up.", "Emergent vascular surgery consultation."),
# or the surgeons told of the result ("Critical result called to Dr. Abrams (surgery) at 16:40.")
_SURGERY_AHEAD_RE = re.compile(
    r"\b(?:recommend\w*|consult\w*|referr?al|refer|follow[- ]?up|evaluation|emergent|urgent|planned|candidate|"
    r"consider\w*|may\s+require|requires?|needs?|should|called|communicated|discussed|notified|paged|conveyed|"
    r"informed|reported|dr)\b",
    re.IGNORECASE,
)


_CAUSE_RE = re.compile(r"\bdue\s+to\b|\bfrom\b|\bsecondary\s+to\b|\bcaused\s+by\b|\bor\b", re.IGNORECASE)


_PATIENT_RE = re.compile(r"\bpatient|\bparent|\bfamily\b|\bguardian", re.IGNORECASE)


def _category_sentences(sr: StructuredReport, told: Sequence[Told]) -> set[int]:
    """The result sentences whose assessment category the letter tells by its note (``Rewriter.render``): the concern
    of cancer, a probably-benign or a benign category ("Lung-RADS 4B.", "Lung-RADS 2: benign appearance.")."""
    if not told:
        return set()
    kinds: tuple[_Words, ...]
    if raises_cancer_concern(sr):
        kinds = (_SUSPICIOUS, _PROVEN, _DEFINITE)
    elif states_probably_benign(sr):
        kinds = (_PROBABLY_BENIGN,)
    elif states_benign(sr):
        kinds = (_BENIGN,)
    else:
        return set()
    return {i for i, sent, _, _ in _result_sentences(sr) if any(_says(k, sent) for k in kinds)}


def limited_sentences(sr: StructuredReport, gl: Glossary) -> set[int]:
    """The result sentences that say the study could not show everything (glossary ``limitations``: "subsegmental
    evaluation limited by motion", "nondiagnostic for pulmonary embolism")."""
    if not gl.data.limitations:
        return set()
    limitations = gl.data.limitations
    words = _once_per(limitations, _LIMITATIONS, lambda: _Words(_phrase_re(tuple(limitations))))
    if not words.pattern.search(sr.report.text):
        return set()  # (one look at the whole text first: most reports say no such thing)
    return {i for i, sent, _, _ in _result_sentences(sr) if _says(words, sent)}


_LIMITATIONS: dict[int, tuple[object, _Words]] = {}
_NORMAL_PHRASES: dict[int, tuple[object, _Words]] = {}


@cache
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(p.lower()).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(alts)})\b", re.IGNORECASE) if alts else re.compile(r"(?!x)x")


_WORDS_RE = re.compile(r"[A-Za-z]{2,}")


def _words_in(sent: str) -> int:
    return sum(1 for w in _WORDS_RE.findall(sent) if w.upper() != "XXXX")


_TERM_MATCHERS: dict[str, PhraseMatcher[TermEntry]] = {}


def _term_matcher(gl: Glossary) -> PhraseMatcher[TermEntry]:
    m = _TERM_MATCHERS.get(gl.source)
    if m is None:
        m = _TERM_MATCHERS[gl.source] = PhraseMatcher(gl.by_phrase)
    return m


@lru_cache(maxsize=1 << 14)
def _glossary_hits(matcher: PhraseMatcher[TermEntry], sent: str) -> tuple[tuple[int, int, TermEntry], ...]:
    """The glossary phrases a report sentence says, as (start, end, entry) with character offsets in the sentence:
    read once per sentence text, as the engine reads its sentences (reports repeat them: "No pneumothorax.")."""
    toks, spans = tokenize(sent)
    return tuple((spans[ms][0], spans[me - 1][1], e) for ms, me, e in matcher.match(toks))


@lru_cache(maxsize=1 << 12)
def _phrase_key(phrase: str) -> tuple[str, ...]:
    """A glossary term's key in ``Glossary.by_phrase`` (the same terms are looked up for every letter)."""
    return tokenize_phrase(phrase)


def _denied_terms(sr: StructuredReport, terms: Sequence[str], gl: Glossary) -> tuple[str, ...]:
    """The terms whose coded finding the report mentions only as absent."""
    lex = default_lexicon()
    said: set[str] = set()
    for f in (*sr.findings, *sr.other_mentions):
        if f.assertion is not Assertion.ABSENT or f.context is not None:
            said |= ancestors(lex, f.code)
    denied = {f.code for f in sr.findings if f.assertion is Assertion.ABSENT}
    out = []
    for term in terms:
        e = gl.by_phrase.get(_phrase_key(term))
        if e is not None and e.code is not None and e.code in denied and e.code not in said:
            out.append(term)
    return tuple(out)


# the urgency an explanation ends with, which a word list beside a denial leaves out
_URGENT_TAIL_RE = re.compile(
    r",\s*(?:which\s+(?:is\s+an\s+emergency\s+that\s+)?needs\s+care\s+right\s+away"
    r"|(?:y|lo\s+que)\s+necesita\s+atención\s+enseguida)\.$"
)


def _terms_in(
    sr: StructuredReport, result: list[tuple[int, str, tuple[int, int], str]], gl: Glossary, told: list[Told]
) -> list[str]:
    matcher = _term_matcher(gl)
    out: list[str] = []
    for t in told:  # the words for what we tell come first
        e = gl.by_phrase.get(_phrase_key(t.kind)) if t.kind else None
        e = e or gl.by_code.get(t.code)
        if e is not None and e.term not in out:
            out.append(e.term)
    # a finding's word whose plain words belong to one organ is explained only where the report speaks of that
    # organ ("solid nodule" in a thyroid ultrasound is the thyroid's nodule, not the lung's "solid spot")
    lex = default_lexicon()
    spans_read = [(f.span, ancestors(lex, f.code)) for f in (*sr.findings, *sr.other_mentions)]
    read: set[str] = set().union(*(codes for _, codes in spans_read))
    organs: set[str | None] = {None, "other"}
    for f in (*sr.findings, *sr.other_mentions):
        o = lex.observations.get(f.code)
        organs.add(o.category if o else None)
    obs = lex.observations
    for _, sent, (base, _), _ in result:
        for start, end, e in _glossary_hits(matcher, sent):
            if e.code is not None:
                # words the engine read as another finding are that finding's ("edema" beside a brain lesion is
                # the brain's swelling, not "fluid in the lung")
                a, b = base + start, base + end
                if any(sp[0] < b and a < sp[1] and e.code not in codes for sp, codes in spans_read):
                    continue
            if e.code is not None and e.code not in read:
                o = obs.get(e.code)
                if o is not None and o.category not in organs:
                    continue
            if e.term not in out:
                out.append(e.term)
    return out[:MAX_WORDS]


# -- how to tell it -------------------------------------------------------------------------------------


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _plural_head(words: str) -> bool:
    """Whether plain words name several things by their first word ("puntitos de calcio", "ganglios agrandados";
    not "metástasis", "pelvis", "tórax"): only used where the language has plural templates."""
    head = words.split()[0].lower() if words.strip() else ""
    return head.endswith("s") and not head.endswith(_SINGULAR_ENDINGS) and head not in _SINGULAR_WORDS


_SINGULAR_ENDINGS = ("sis", "xis", "us", "ís", "és", "ás", "ós", "ús")
_SINGULAR_WORDS = frozenset(
    {
        "tos",
        "mes",
        "gas",
        "lunes",
        "caries",
        "diabetes",
        "bíceps",
        "tríceps",
        "herpes",
        "bilis",
        "páncreas",
        "tiroides",
    }
)


@dataclass(frozen=True, slots=True)
class Phrase:
    thing: str  # with its article where the language uses one
    bare: str  # without an article
    article: bool  # False when only the bare templates fit (a lexicon phrase of unknown grammar)


def _qualifier_named(gl: Glossary, name: str | None) -> Qualifier | None:
    """The glossary's qualifier of that name (None for none)."""
    if name is None:
        return None
    return next((q for q in gl.data.qualifiers if q.name == name), None)


# the article and the noun a phrase ends with ("... en el pulmón", "... de la rodilla")
_BOTH_RE = re.compile(r"\b(del|de la|en el|en la|el|la)\s+(\w+)$", re.IGNORECASE)

_MAX_WORD_ENTRIES = 10_000  # (a word list names glossary terms: a few hundred per language)


class Rewriter:
    """Renders a Plan in one language from its data files. Build once per language and engine."""

    def __init__(self, lang: str = "en", engine: StructuringEngine | None = None):
        self.lang = lang
        self.gl = glossary(lang)
        self.text = letter_text(lang)
        self.gl_en = glossary("en")
        self._engine = engine
        self._phrases: dict[str, Phrase] = {}
        self._own: dict[str, Phrase | None] = {}
        self._explain_ok: dict[tuple[str, Assertion], bool] = {}
        self._word_entries: dict[tuple[str, bool], WordEntry | None] = {}

    @property
    def engine(self) -> StructuringEngine:
        if self._engine is None:
            self._engine = default_engine()
        return self._engine

    # phrases --------------------------------------------------------------------------------------------
    def _article(self, entry: TermEntry, plain: str | None = None) -> str:
        """The article before an entry's plain words (or other ``plain`` words for it: a qualifier's)."""
        arts = self.text.articles
        if not entry.countable:
            return ""
        if entry.gender is not None:
            return arts.get(entry.gender, "")
        first = (entry.plain if plain is None else plain)[:1].lower()
        return arts.get("an", "") if first in "aeiou" else arts.get("a", "")

    def _reads_back(self, sentence: str, code: str, assertion: Assertion) -> bool:
        sr = self.engine.structure(sentence)
        return (
            bool(sr.findings)
            and all(f.code == code and f.assertion is assertion and f.laterality is None for f in sr.findings)
            and not sr.other_mentions
        )

    def _entry(self, t: Told) -> TermEntry | None:
        """The glossary entry a finding is told by: the kind the report names ("biopsy clip"), or its code's."""
        if t.kind is not None:
            e = self.gl.by_phrase.get(_phrase_key(t.kind))
            if e is not None and e.kind_of == t.code:
                return e
        return self.gl.by_code.get(t.code)

    def _qualifier(self, t: Told) -> Qualifier | None:
        return _qualifier_named(self.gl, t.qualifier)

    def _own_phrase(self, key: str, t: Told, entry: TermEntry, plain: str, article: str) -> Phrase | None:
        """A finding told in words of its own (a qualifier's, several of it): None where English does not read
        them back as the finding."""
        if key not in self._own:
            cand = Phrase(f"{article} {plain}".strip(), plain, True)
            probe = _cap(self.text.present.format(thing=cand.thing, bare=cand.bare, where=""))
            ok = self.lang != "en" or self._reads_back(probe, t.code, Assertion.PRESENT)
            self._own[key] = cand if ok else None
        return self._own[key]

    def told_phrase(self, t: Told) -> Phrase:
        base = self._told_phrase(t)
        entry = self.gl.by_code.get(t.code)
        if entry is None or t.kind is not None:
            return base
        q = self._qualifier(t)
        plain = (q.plain_hedged if t.hedged else q.plain) if q is not None else None
        if plain:
            got = self._own_phrase(
                f"{t.code}/{q.name if q else ''}/{t.hedged}", t, entry, plain, self._article(entry, plain)
            )
            return got or base
        if t.several and entry.plural:
            arts = self.text.articles
            some = arts.get(f"some_{entry.gender}", "") if entry.gender else arts.get("some", "")
            got = self._own_phrase(f"{t.code}/several", t, entry, entry.plural, some)
            return got or base
        return base

    def _told_phrase(self, t: Told) -> Phrase:
        entry = self._entry(t)
        if t.kind is None or entry is None or entry.kind_of is None:
            return self.phrase(t.code, t.name)
        got = self._own_phrase(f"{t.code}/kind/{entry.term}", t, entry, entry.plain, self._article(entry))
        return got or self.phrase(t.code, t.name)

    def phrase(self, code: str, name: str) -> Phrase:
        got = self._phrases.get(code)
        if got is None:
            got = self._phrases[code] = self._choose_phrase(code, name)
        return got

    def _choose_phrase(self, code: str, name: str) -> Phrase:
        entry = self.gl.by_code.get(code)
        if self.lang != "en":  # only English can be read back by the engine
            if entry is not None:
                art = self._article(entry)
                return Phrase(f"{art} {entry.plain}".strip(), entry.plain, True)
            unknown = self.text.unknown_thing.format(name=name)
            return Phrase(unknown, unknown, False)
        probe = self.text.present
        if entry is not None:
            art = self._article(entry)
            cand = Phrase(f"{art} {entry.plain}".strip(), entry.plain, True)
            if self._reads_back(
                _cap(probe.format(thing=cand.thing, bare=cand.bare, where="")), code, Assertion.PRESENT
            ):
                return cand
        obs = self.engine.lexicon.observations.get(code)
        options = [*(obs.lay if obs else ()), *(obs.synonyms if obs else ())]
        for opt in options:
            cand = Phrase(opt, opt, False)
            sentence = _cap(self.text.present_bare.format(thing=opt, bare=opt, where=""))
            if self._reads_back(sentence, code, Assertion.PRESENT):
                return cand
        unknown = self.text.unknown_thing.format(name=name.lower())
        return Phrase(unknown, unknown, False)

    def explanation(self, t: Told, ph: Phrase) -> str | None:
        """The 'What it means' line for a finding, or None when the glossary has none that reads back safely."""
        entry = self._entry(t)
        # (a finding said only not to be new, "No new meniscal tear.", is not explained as a possible one: the
        # explanation would say it is there; the word list defines the term)
        if entry is None or t.not_new or t.less_likely:
            return None
        tpl = self.text.means_present if t.assertion is Assertion.PRESENT else self.text.means_uncertain
        line = _cap(tpl.format(thing=ph.thing, bare=ph.bare, explain=entry.explain))
        if self.lang != "en":
            return line
        key = (t.code, t.assertion)
        ok = self._explain_ok.get(key)
        if ok is None:
            ok = self._explain_ok[key] = self._reads_back(line, t.code, t.assertion)
        return line if ok else None

    def _side_as_adjective(self, ph: Phrase, where: str, t: Told) -> tuple[Phrase, str]:
        """A side said of the paired body part the phrase ends with, as the language says it ("una mancha en el
        pulmón derecho"), where the glossary has such nouns; else the phrase and its side phrase as they are."""
        data = self.gl.data
        if not where or not data.sided_nouns or t.laterality is None:
            return ph, where
        if t.laterality.value == "bilateral":
            both = _BOTH_RE.search(ph.bare)
            if both is None:
                return ph, where
            article, noun = both.group(1).lower(), both.group(2)
            plural, lead = data.sided_plurals.get(noun.lower()), data.both_articles.get(article)
            if plural is None or lead is None:
                return ph, where
            said = f"{lead} {plural}"
            return (
                replace(
                    ph,
                    thing=ph.thing[: len(ph.thing) - len(both.group(0))] + said,
                    bare=ph.bare[: both.start()] + said,
                ),
                "",
            )
        adjectives = data.side_adjectives.get(t.laterality.value)
        last = ph.bare.split()[-1] if ph.bare.split() else ""
        gender = data.sided_nouns.get(last.lower())
        if adjectives is None or gender is None or gender not in adjectives:
            return ph, where
        word = adjectives[gender]
        return replace(ph, thing=f"{ph.thing} {word}", bare=f"{ph.bare} {word}"), ""

    # sentences ------------------------------------------------------------------------------------------
    def found_sentences(self, t: Told) -> list[str]:
        tx = self.text
        ph = self.told_phrase(t)
        sides = self.gl.data.positions
        if (
            t.code in self.gl.data.directional
            and t.laterality
            and t.laterality.value in self.gl.data.directions
        ):
            sides = self.gl.data.directions  # "pushed to one side toward the left"
        where = f" {sides[t.laterality.value]}" if t.laterality and t.laterality.value in sides else ""
        ph, where = self._side_as_adjective(ph, where, t)
        if t.assertion is Assertion.PRESENT and t.may_be is not None and tx.present_may_be:
            # "We see an abnormal area on the right side that may be a lump."
            other = self.told_phrase(t.may_be)
            tpl = (tx.present_may_be if ph.article else tx.present_bare_may_be or tx.present_may_be).replace(
                "{other}", other.thing if other.article else other.bare
            )
        elif t.assertion is Assertion.PRESENT:
            tpl = tx.present if ph.article else tx.present_bare
        elif t.assertion is Assertion.UNCERTAIN and t.not_new:
            return [_cap(tx.not_new.format(thing=ph.thing, bare=ph.bare, where=where))]
        elif t.assertion is Assertion.UNCERTAIN and t.less_likely and tx.less_likely:
            return [_cap(tx.less_likely.format(thing=ph.thing, bare=ph.bare, where=where))]
        elif t.assertion is Assertion.UNCERTAIN:
            tpl = tx.uncertain if ph.article else tx.uncertain_bare
        else:
            tpl = tx.absent if ph.article else tx.absent_bare
        out = [_cap(tpl.format(thing=ph.thing, bare=ph.bare, where=where))]
        if t.assertion is Assertion.ABSENT:
            return out
        q = self._qualifier(t)
        note = (q.note_hedged if t.hedged else q.note) if q is not None else None
        if note:
            out.append(note)  # "The bulge may be stuck."
        obs = self.engine.lexicon.observations.get(t.code)
        where_line = None
        plural_place = False  # ("Están ..." beside "Es leve.": told apart, not joined)
        if t.location and obs is not None and _ORGAN_CATEGORY.get(t.location) == obs.category:
            pass  # "a big liver", "a growth on the kidney" say their organ: never "It is in the liver."
        elif t.location in _LUNG_PLACES and obs is not None and obs.category in _OUTSIDE_THE_CHEST:
            pass  # "peripheral nodular enhancement" of a liver lesion is not "near the outer edge of the lung"
        elif t.location and t.location in self.gl.data.locations:
            place = self.gl.data.locations[t.location]
            if place.lower() not in ph.thing.lower():  # "an implant in the breast" says where it is already
                plural_place = bool(tx.location_plural) and _plural_head(ph.bare)
                tpl = tx.location_plural if plural_place else tx.location
                where_line = _cap(tpl.format(location=place))
        data = self.gl.data
        degree = None
        if t.severity and t.code in data.amount_of and t.severity in data.amounts:
            out += [x for x in (where_line, data.amounts[t.severity]) if x]  # "The amount is large."
            where_line = None
        elif t.severity and data.degrees and t.code not in data.sized and t.severity in data.degrees:
            degree = data.degrees[t.severity]  # "moderate hydronephrosis": "It is moderate."
        elif t.severity and t.severity in data.severities:
            degree = data.severities[t.severity]
        if degree and where_line and not plural_place:
            out.append(self.joined(degree, where_line))  # "It is mild and in the bottom part of the lung."
        else:
            out += [x for x in (where_line, degree) if x]
        if t.change and t.change.value in self.gl.data.changes:
            out.append(self.gl.data.changes[t.change.value])
        if t.urgent and t.right_away and tx.urgent_now:
            out.append(tx.urgent_now)  # "Your doctor needs to act on this right away."
        elif t.urgent and tx.urgent:
            out.append(tx.urgent)  # "Your doctor needs to act on this soon."
        entry = self.gl.by_code.get(t.code)
        several = t.several and entry is not None and (ph.bare == entry.plural or not entry.countable)
        if t.sizes:
            tpl = tx.size_plural if tx.size_plural and _plural_head(ph.bare) else tx.size
            if several:  # "The biggest one measures 2.1 cm.", "They measure 1 cm and 2 cm."
                tpl = (tx.size_largest if t.largest else tx.size_several) or tpl
            out.append(_cap(tpl.format(size=self._and([self._decimals(x) for x in t.sizes]))))
            comp = self.comparison(t.largest_mm)
            if comp and tx.size_compare_joined:  # "It measures 11 mm, which is less than half an inch."
                out[-1] = out[-1].rstrip(".") + tx.size_compare_joined.format(comparison=comp)
            elif comp:
                out.append(_cap(tx.size_compare.format(comparison=comp)))
        if t.prior_sizes:  # "It measured 6 mm before."
            out.append(_cap(tx.prior_size.format(size=self._and([self._decimals(x) for x in t.prior_sizes]))))
        if t.denied_new:  # "Your report says there is no new broken bone."
            base = self._told_phrase(t)
            out.append(_cap(tx.not_new.format(thing=base.thing, bare=base.bare, where="")))
        return out

    def loose_sentences(self, plan: Plan) -> list[str]:
        """The sizes no told finding owns: an organ's ("Your report says your liver measures 16 cm."), an organ
        part's ("Your report says the right part of your thyroid measures 5.2 cm."), one said in the part of the
        report about a place ("In the part about your liver, your report also gives a measurement of 6 mm."), each
        with its earlier sizes; one this language has no words for is said as a measurement."""
        tx, data = self.text, self.gl.data
        out: list[str] = []
        for kind, name, size, earlier in plan.loose_sizes:
            said = self._decimals(size)
            line = None
            if kind == "organ" and name[0] in data.organs:
                line = tx.organ_size.format(organ=data.organs[name[0]], size=said)
            elif kind == "part" and tx.part_size and name[1] in data.organ_parts.get(name[0], {}):
                line = tx.part_size.format(part=data.organ_parts[name[0]][name[1]], size=said)
            elif kind == "place" and tx.place_size and name[0] in data.places:
                line = tx.place_size.format(place=data.places[name[0]], size=said)
            out.append(_cap(line or tx.extra_size.format(size=said)))
            if earlier and line and kind != "place":
                out.append(_cap(tx.prior_size.format(size=self._and([self._decimals(x) for x in earlier]))))
            elif earlier:
                out += [_cap(tx.extra_prior.format(size=self._decimals(x))) for x in earlier]
        return out

    def joined(self, first: str, second: str) -> str:
        """Two short sentences about one finding as one ("It is mild." and "It is in the bottom part of the lung.":
        "It is mild and in the bottom part of the lung."; "Es leve y está en ..."): the second drops the opening it
        shares with the first (letter ``join_drop``), or starts in lower case."""
        tx = self.text
        if not tx.join_and:
            return f"{first} {second}"
        head = first.rstrip(".")
        for opening in tx.join_drop:
            if first.startswith(opening) and second.startswith(opening):
                return f"{head} {tx.join_and} {second[len(opening) :]}"
        return f"{head} {tx.join_and} {second[:1].lower()}{second[1:]}"

    def _decimals(self, size: str) -> str:
        """A size with the letter's decimal mark ("4.2 cm" is "4,2 cm" in Spanish)."""
        mark = self.text.decimal_mark
        return size if mark == "." else re.sub(r"(\d)\.(\d)", rf"\1{mark}\2", size)

    def _and(self, items: Sequence[str]) -> str:
        joiner = self.text.articles.get("and", "and")
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {joiner} {items[-1]}"

    def comparison(self, largest_mm: float | None) -> str | None:
        if largest_mm is None:
            return None
        for c in self.gl.data.measurements.comparisons:
            if largest_mm < c.below_mm:
                return c.text
        return None

    def _when(self, s: NextStep) -> str:
        if s.when is None:
            return ""
        num, unit = s.when
        forms = self.gl.data.recommendations.time_units.get(unit, [unit, unit + "s"])  # type: ignore[call-overload]
        word = forms[0] if num == "1" else forms[-1]
        return self.text.next_test_when.format(when=f"{num} {word}")

    def next_sentences(self, steps: Sequence[NextStep], told: Sequence[Told] = ()) -> list[str]:
        tx = self.text
        plain = {t.signal: t.plain for t in self.gl.data.recommendations.tests}
        out: list[str] = []
        for s in steps:
            if s.signal == NOT_NEEDED:
                # beside a step to take for another finding, "not needed for this" would read as undoing it: say it
                # is one finding's ("Recommend PET/CT; if PET negative, no further workup needed." is one finding's);
                # so too beside a finding the doctor must act on that it is not said of ("acute cholecystitis ...
                # simple renal cyst; no follow-up needed")
                others = any(
                    o.signal not in (NOT_NEEDED, PENDING) and (o.sentence is None or o.sentence != s.sentence)
                    for o in steps
                ) or any((t.urgent or t.right_away) and s.sentence not in t.sentences for t in told)
                # ... or when it is said with a finding of its own ("2.5 cm simple cyst; no follow-up imaging is
                # needed") beside one that matters said elsewhere (a malpositioned IUD, a parathyroid adenoma)
                others = others or (
                    any(s.sentence in t.sentences for t in told)
                    and any(
                        t.assertion is not Assertion.ABSENT
                        and (t.priority <= 3 or t.qualifier is not None)
                        and s.sentence not in t.sentences
                        for t in told
                    )
                )
                line = tx.next_not_needed_one if others and s.sentence is not None else tx.next_not_needed
                if s.condition == "low_risk" and tx.next_not_needed_if_low_risk:
                    line = tx.next_not_needed_if_low_risk
            elif s.signal == PENDING:  # "The results of the tissue sample are not back yet."
                line = tx.next_pending or tx.next_unknown
            elif len(tests := [plain[x] for x in s.signals if x in plain]) > 1:
                join = tx.articles.get("or", "or") if s.either else tx.articles.get("and", "and")
                joined = ", ".join(tests[:-1]) + f" {join} " + tests[-1]
                line = _cap(tx.next_test.format(test=joined, when=self._when(s)))
            elif s.signal is not None and s.signal in plain:
                template = tx.next_test
                if s.condition == "high_risk" and tx.next_test_if_high_risk:
                    template = tx.next_test_if_high_risk
                elif s.condition == "optional" and tx.next_test_optional:
                    template = tx.next_test_optional
                line = _cap(template.format(test=plain[s.signal], when=self._when(s)))
            else:
                line = tx.next_unknown
            if line not in out:
                out.append(line)
        return out or [tx.next_none]

    def words(self, terms: Sequence[str], denied: Sequence[str] = ()) -> list[WordEntry]:
        out: list[WordEntry] = []
        for term in terms:
            w = self._word_entry(term, term in denied)
            if w is not None:
                out.append(w)
        return out

    def _word_entry(self, term: str, denied: bool) -> WordEntry | None:
        """A term's line in the word list (None where the glossary has no such term), built once per term."""
        key = (term, denied)
        if key in self._word_entries:
            return self._word_entries[key]
        e = self.gl.by_phrase.get(_phrase_key(term))
        w = None
        if e is not None:
            explain = _URGENT_TAIL_RE.sub(".", e.explain) if denied else e.explain
            w = WordEntry(term=e.term, local=e.local, plain=e.plain, explain=explain)
        if len(self._word_entries) < _MAX_WORD_ENTRIES:
            self._word_entries[key] = w
        return w

    # the letter -----------------------------------------------------------------------------------------
    def render(self, plan: Plan) -> Letter:
        tx = self.text
        found: list[str] = []
        recurrence = recurrence_notes(tx, plan.no_recurrence)
        for t in plan.told:
            if recurrence and not t.urgent:  # "There is no sign that the disease has come back." first
                found += recurrence
                recurrence = []
            found.append(" ".join(self.found_sentences(t)))
            # (a language with no words for what a lesion may be: told apart)
            if t.may_be is not None and not tx.present_may_be:
                found.append(" ".join(self.found_sentences(t.may_be)))
        nothing = (
            not plan.told and plan.normal_statement and (plan.other_notes == 0 or plan.impression_normal)
        )
        if nothing:
            found.append(
                tx.nothing_found
            )  # (before the sizes of organs: "Your report says your liver measures ...")
        for size in plan.extra_sizes:
            found.append(_cap(tx.extra_size.format(size=self._decimals(size))))
        for size in plan.extra_distances:
            found.append(_cap(tx.extra_distance.format(size=self._decimals(size))))
        for size in plan.extra_priors:
            found.append(_cap(tx.extra_prior.format(size=self._decimals(size))))
        found += self.loose_sentences(plan)
        if (
            plan.told
            and plan.no_acute
            and tx.no_acute
            and not any(t.urgent or t.change is Change.NEW for t in plan.told)
        ):
            found.append(tx.no_acute)  # "Your report says there is no new or sudden problem."
        found += recurrence  # (after the urgent findings, or after "We did not find a problem")
        for t in plan.negatives:
            found.append(" ".join(self.found_sentences(t)))
        if plan.limited and tx.limited_note:
            found.append(tx.limited_note)  # (after what was not found: the study could not show everything)
        if plan.surgery and tx.surgery_note:
            found.append(tx.surgery_note)  # "Your report also mentions an operation you had before."
        if plan.communicated and tx.communicated_note:
            found.append(
                tx.communicated_note
            )  # "Your report says ... told your care team about these results."
        if plan.other_notes == 1:
            found.append(tx.other_note_one)
        elif plan.other_notes > 1:
            found.append(tx.other_notes.format(n=plan.other_notes))

        means: list[str] = []
        missing = False
        done: set[tuple[str, Assertion]] = set()
        for t in [x for told in plan.told for x in (told, told.may_be) if x is not None]:
            key = (t.code, t.assertion)
            if key in done:
                continue
            done.add(key)
            line = self.explanation(t, self._told_phrase(t))
            if line is not None and plan.suspicious and _REASSURING_RE.search(line):
                line = None  # "most are harmless" never beside a concern of cancer
            if line is None:
                missing = True
            elif line not in means:
                means.append(line)
        if plan.suspicious and plan.told:
            notes = {"proven": tx.proven_note, "definite": tx.definite_note, "concern": tx.concern_note}
            # (a report of old that says only "suspicious" has no kind: it gets the concern)
            means += [notes[k] or tx.concern_note for k in plan.cancer or ("concern",)]
        elif plan.probably_benign and plan.told and tx.probably_benign_note:
            means.append(tx.probably_benign_note)
        elif plan.benign and plan.told and tx.benign_note:
            means.append(tx.benign_note)
        # (a finding said only not to be new, "No new meniscal tear.", is told as such: nothing "may be" there)
        if any(
            (t.assertion is Assertion.UNCERTAIN and not t.not_new and not t.less_likely)
            or t.may_be is not None
            for t in plan.told
        ):
            means.append(tx.certainty_note)
        if missing or (not plan.told and plan.other_notes and not plan.impression_normal):
            means.append(tx.means_generic)
        elif not plan.told and plan.normal_statement:
            means.append(tx.means_nothing_found)
        if plan.density is not None:
            means.append(tx.density_dense if plan.density == "dense" else tx.density_not_dense)

        return Letter(
            lang=self.lang,
            title=tx.title,
            headings=(tx.heading_found, tx.heading_means, tx.heading_next, tx.heading_words),
            found=found,
            means=means,
            next=self.next_sentences(plan.next_steps, plan.told),
            closing=tx.closing,
            words=self.words(plan.terms, plan.denied_terms),
            told=[*plan.told, *plan.negatives],
        )


_REWRITERS: dict[tuple[str, int], Rewriter] = {}


def rewriter(lang: str = "en", engine: StructuringEngine | None = None) -> Rewriter:
    """A cached Rewriter per language and engine (phrase choices are checked once per code)."""
    eng = engine or default_engine()
    key = (lang, id(eng))
    rw = _REWRITERS.get(key)
    if rw is None or rw.engine is not eng:
        rw = _REWRITERS[key] = Rewriter(lang, eng)
    return rw
