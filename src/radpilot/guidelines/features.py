"""Report text -> the lesion features that guidelines use.

Works directly on sentences (``radpilot.report.parse_report``) and sizes (``find_measurements``), so it does
not depend on the observation lexicon. Every pattern is compiled once at import. A feature word preceded by a
negation in its clause ("no calcification", "without washout", "non-spiculated") does not count; where a guideline
needs the feature stated for sure (LI-RADS major features, benign nodule features) a hedged one ("possible washout",
"possibly a granuloma") does not count either.

Lesions are read from the findings (and headerless) text; the impression is used only when the findings say
nothing about that kind of lesion, so a nodule described twice is counted once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from radpilot.guidelines.lung_rads import GROWTH_MM, ExamFindings
from radpilot.guidelines.model import (
    BiRadsStatement,
    GuidelineInputError,
    LiverObservation,
    LungNodule,
    PatientContext,
    ThyroidNodule,
)
from radpilot.report import Measurement, Report, Sentence, find_measurements

IC = re.IGNORECASE
LESION_SECTIONS = ("findings",)
FALLBACK_SECTIONS = ("impression", "addendum")
CONTEXT_SECTIONS = frozenset({"history", "examination", "preamble"})

# ("rib fractures, none displaced", "nodules, none of which are calcified": what the items are not)
_NEG_CUE_RE = re.compile(
    r"\b(?:no|not|without|negative\s+for|free\s+of|absence\s+of|resolved|no\s+longer|nor|neither|rather\s+than"
    r"|instead\s+of|none\s+of\s+(?:which|them|these|those)|none)\b",
    IC,
)
# What ends a negation's scope: a contrast, a new clause, a sentence, or ", with" starting another attribute
# ("not taller-than-wide, with punctate echogenic foci"). "not" negates one attribute, so a comma ends it too
# ("not taller-than-wide, irregular margins"); "no"/"without" may govern a list ("no calcification, cystic change
# or vascularity").
_SCOPE_BREAK = (
    r"\b(?:but|however|although|though|except|whereas|while|which|there\s+is|there\s+are)\b|;|\.\s"
    r"|\b(?:and|with)\s+(?:a|an|the|there|its)\b|,\s*(?:and\s+)?(?:with|has|shows|showing|demonstrat\w*)\b"
)
_NEG_BREAK_RE = re.compile(_SCOPE_BREAK, IC)
_NOT_BREAK_RE = re.compile(_SCOPE_BREAK + r"|,", IC)
_NON_PREFIX_RE = re.compile(r"\bnon[- ]?$", IC)  # "non-spiculated", "non calcified"
_NEG_AFTER_RE = re.compile(
    r"\s*(?:is|are|was|were)?\s*(?:not\s+(?:seen|identified|present|evident|visualized|demonstrated)|absent"
    r"|no\s+longer\s+(?:seen|visualized|visible|identified|present|evident|apparent)|(?:now\s+)?resolved)\b"
    r"|\s*(?:has|have)\s+(?:since\s+|now\s+|completely\s+)?(?:resolved|cleared|disappeared)\b",
    IC,
)
# Hedges: the report is unsure the feature is there ("possible washout", "washout cannot be excluded").
_HEDGE_CUE_RE = re.compile(
    r"\b(?:possible|possibly|probable|probably|likely|questionabl[ey]|question\s+of|equivocal(?:ly)?|"
    r"suspect(?:ed)?|suspicious\s+for|presum(?:ed|ably|ptive)|may|might|could|differential(?:\s+diagnosis)?|"
    r"ddx|(?:subtle\s+)?suggestion\s+of|suggestive\s+of|uncertain|indeterminate|cannot\s+(?:be\s+)?"
    r"(?:exclude|excluded|rule\s+out|ruled\s+out)|can\s*not\s+exclude|not\s+excluded|rule\s+out|r/o|"
    r"concern(?:ing)?\s+for|versus|vs\.?|favou?r(?:ed|s|ing)?|borderline|vague(?:ly)?)(?!\w)|\?",
    IC,
)
_HEDGE_BREAK_RE = re.compile(_SCOPE_BREAK + r"|,|\bwith\b", IC)
_HEDGE_AFTER_RE = re.compile(
    r"\s*(?:\?|(?:is|are|was|were)?\s*(?:cannot|can\s*not|could\s+not|not)\s+(?:be\s+)?(?:entirely\s+|"
    r"completely\s+|definitely\s+)?(?:excluded|ruled\s+out)|(?:is|are)\s+(?:questionable|equivocal|possible|"
    r"uncertain|suspected|indeterminate|not\s+(?:certain|definite))|(?:versus|vs\.?)\s)",
    IC,
)
_ALTERNATIVE_RE = re.compile(r"\s+or\s+(?!no\b)", IC)


def _scoped(cue: re.Pattern[str], breaks: re.Pattern[str], before: str) -> re.Match[str] | None:
    """The last ``cue`` in ``before`` whose scope reaches its end (no break after it), or None."""
    last = None
    for last in cue.finditer(before):  # noqa: B007 - the last cue before the match decides
        pass
    if last is None:
        return None
    brk = _NOT_BREAK_RE if breaks is _NEG_BREAK_RE and last.group(0).lower() == "not" else breaks
    return None if brk.search(before[last.end() :]) else last


def negated_at(text: str, start: int, end: int) -> bool:
    """Whether the words at ``text[start:end]`` are negated in their clause."""
    if _NON_PREFIX_RE.search(text[max(0, start - 4) : start]):
        return True
    if _scoped(_NEG_CUE_RE, _NEG_BREAK_RE, text[max(0, start - 60) : start]) is not None:
        return True
    return _NEG_AFTER_RE.match(text[end : end + 40]) is not None


def hedged_at(text: str, start: int, end: int, alternatives: bool = False) -> bool:
    """Whether the report is unsure of the words at ``text[start:end]`` ("possible X", "X cannot be excluded";
    with ``alternatives``, also "X or Y")."""
    if _scoped(_HEDGE_CUE_RE, _HEDGE_BREAK_RE, text[max(0, start - 60) : start]) is not None:
        return True
    after = text[end : end + 40]
    return _HEDGE_AFTER_RE.match(after) is not None or (
        alternatives and _ALTERNATIVE_RE.match(after) is not None
    )


def affirmed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` not negated in its clause ("no X", "without X", "non-X", "X ... not seen")."""
    for m in pattern.finditer(text):
        if not negated_at(text, m.start(), m.end()):
            return m
    return None


def certain(pattern: re.Pattern[str], text: str, alternatives: bool = False) -> re.Match[str] | None:
    """The first match of ``pattern`` stated as present: neither negated nor hedged. For features a guideline
    counts only when sure (LI-RADS major features, benign nodule features)."""
    for m in pattern.finditer(text):
        if not negated_at(text, m.start(), m.end()) and not hedged_at(text, m.start(), m.end(), alternatives):
            return m
    return None


# -- dates and intervals -------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_DATE_RE = re.compile(
    r"\b(?:(?P<iso>(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d?)-(?P<d1>\d\d?))"
    r"|(?P<us>(?P<m2>\d\d?)/(?P<d2>\d\d?)/(?P<y2>(?:19|20)\d\d))"
    r"|(?P<mon>(?P<mname>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d\d?,?\s+)?(?P<y3>(?:19|20)\d\d))"
    r"|(?P<my>(?P<m5>\d\d?)/(?P<y5>(?:19|20)\d\d))"
    r"|(?P<year>(?P<y4>(?:19|20)\d\d)))\b",
    IC,
)
_AGO_RE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|nine|twelve|eighteen)[- ](?P<unit>month|year|week)s?"
    r"(?:\s+(?:ago|prior|earlier|previously|before)|\s+(?:interval|follow[- ]?up))\b",
    IC,
)
_WORD_NUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "nine": 9,
    "twelve": 12,
    "eighteen": 18,
}


def parse_date(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("iso"):
            return dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        if m.group("us"):
            return dt.date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        if m.group("mon"):
            return dt.date(int(m.group("y3")), _MONTHS[m.group("mname").lower()[:3]], 15)
        if m.group("my"):  # "10/2025": that month, read as its middle like "October 2025"
            return dt.date(int(m.group("y5")), int(m.group("m5")), 15)
        return dt.date(int(m.group("y4")), 7, 1)
    except ValueError:
        return None


def months_between(a: dt.date, b: dt.date) -> float:
    return round((b - a).days / 30.4375, 1)


def _months(n: str, unit: str) -> float:
    v = float(_WORD_NUM.get(n.lower(), 0) or n)
    return v * (12 if unit.lower().startswith("y") else (0.25 if unit.lower().startswith("w") else 1))


def text_interval(text: str) -> float | None:
    m = _AGO_RE.search(text)
    return _months(m.group("n"), m.group("unit")) if m else None


# -- lung nodules --------------------------------------------------------------------------------------------

_NODULE_RE = re.compile(
    r"\b(?:micro)?nodul(?:e|es|ar\s+(?:opacit(?:y|ies)|densit(?:y|ies)))\b|\bground[- ]glass\s+(?:opacit(?:y|ies)|"
    r"nodules?|lesions?)\b|\bGG[ON]s?\b|\b(?:pulmonary|lung|lobe|lobar|spiculated|solid)\s+mass(?:es)?\b|\bmass(?:es)?\b"
    r"(?=[^.]*\b(?:lung|lobe|lingula|pulmonary|perihilar)\b)|\b(?:thick[- ]walled|multilocular|atypical)\s+cysts?\b"
    r"|\b(?:endobronchial|endotracheal|intraluminal|airway)\s+(?:nodules?|lesions?|lesion)\b",
    IC,
)
# a table of nodules: each row is a clause of its own, and a row that names a lobe, a size and a nodule's type is a
# nodule with no word "nodule" in it ("| 1 | LLL | solid | 9 mm | new |"); not a row of another finding
_ROW_END_RE = re.compile(r"\|[ \t]*\n")
_NOT_A_NODULE_ROW_RE = re.compile(
    r"\b(?:atelecta\w*|scar\w*|consolidation|opacity|opacities|effusion|fibrosis|bronchiectasis|emphysema|"
    r"lymph|node|nodes|adenopathy|mass(?:es)?|cyst|cysts|bulla\w*|airway|bronch\w*|calcification)\b",
    IC,
)
_ROW_TYPE_RE = re.compile(r"\b(?:part[- ]solid|sub-?solid|non-?solid|ground[- ]glass|GGN|GGO|solid)\b", IC)
# A lesion, mass or sized solid opacity is a lung nodule when its clause places it in the lung: a lobe (named or
# abbreviated), the lingula, the lung(s), the parenchyma or the hilum ("Spiculated 1.4 cm lesion in the right upper
# lobe", "1.6 cm RUL mass", "left hilar mass", "9 x 8 mm solid opacity in the right lower lobe"). A lesion of another
# organ stays excluded (``_elsewhere``), and so does one of the mediastinum, pleura or chest wall.
_LUNG_LESION_RE = re.compile(r"\blesions?\b|\bmass(?:es)?\b|\bsolid\s+opacit(?:y|ies)\b", IC)
_LUNG_PLACE_RE = re.compile(
    r"\b(?:(?:right|left)\s+)?(?:upper|middle|lower)\s+lobes?\b|\b(?:RUL|RML|RLL|LUL|LLL)\b|\blingul\w*"
    r"|\blungs?\b|\bpulmonary\b|\b(?:peri)?hilar\b|\bparenchym\w*",
    IC,
)
_NOT_LUNG_BEFORE_RE = re.compile(
    r"\b(?:mediastin\w*|thymic|pericardial|cardiac|paratracheal|subcarinal|pleural|chest\s+wall|paraspinal)\s+"
    r"(?:[\w-]+\s+)?$",
    IC,
)
_MASS_EFFECT_RE = re.compile(r"\s+effect\b", IC)
_SIZE_WORD_RE = re.compile(r"\d\s*(?:mm|cm)\b", IC)
_PLURAL_RE = re.compile(
    r"\b(?:multiple|several|numerous|innumerable|few|scattered|bilateral|two|three|four|five|six|\d+)\s+(?:\w+[- ]){0,3}?"
    r"(?:nodules|GGOs|GGNs|opacities|masses)\b|\bnodules\b|\bthe largest\b|\bdominant\b",
    IC,
)
# (a number is a count, not a size: "4 mm and 6 mm nodules" are two)
_COUNT_RE = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)(?!\.\d)(?!\s*(?:mm|cm|millimet|centimet|x\b|×))"
    r"(?!\s*(?:and|or|to|-)\s*\d)\s+"
    r"(?:\w+[- ]){0,3}?nodules\b",
    IC,
)
_COUNT_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_PART_SOLID_RE = re.compile(
    r"\bpart(?:ly|ially)?[- ]solid\b|\bsemi[- ]?solid\b|\bmixed[- ](?:attenuation|density)\b|\bsolid\s+component\b",
    IC,
)
_GGN_RE = re.compile(r"\bground[- ]glass\b|\bGG[ON]s?\b|\bnon[- ]?solid\b|\bsubsolid\b", IC)
# The solid component's size, one axis or two ("solid component measuring 9 x 6 mm", "a 9 x 7 mm solid component");
# Lung-RADS uses its mean diameter like the nodule's.
_COMPONENT_SIZE = r"\d+(?:\.\d+)?(?:\s*(?:mm|cm))?(?:\s*(?:x|×|by)\s*\d+(?:\.\d+)?(?:\s*(?:mm|cm))?){0,2}"
_SOLID_COMPONENT_RE = re.compile(
    r"(?:solid\s+(?:component|portion|part|core)\s+(?:now\s+)?(?:measuring|measures|of|is|which\s+measures|up\s+to)?\s*"
    rf"(?:approximately\s+|about\s+)?(?P<a>{_COMPONENT_SIZE}))"
    rf"|(?:(?P<b>{_COMPONENT_SIZE})\s+solid\s+(?:component|portion|part|core))",
    IC,
)
# the solid component's own change ("solid component increased from 3 mm to 6 mm", "(solid component previously 3
# mm)"), and a nodule that had none ("previously pure ground glass 15 mm, now 18 mm with a 7 mm solid component")
_PART = r"solid\s+(?:component|portion|part|core)"
_COMPONENT_CHANGE_RE = re.compile(
    rf"{_PART}\s+(?:has\s+)?(?:increased|grown|enlarged|progressed|decreased)(?:\s+in\s+size)?\s+from\s+"
    rf"(?P<p>{_COMPONENT_SIZE})\s+to\s+(?P<c>{_COMPONENT_SIZE})",
    IC,
)
_COMPONENT_PRIOR_RE = re.compile(
    rf"{_PART}\s+(?:was\s+|which\s+was\s+)?previously\s+(?:measured\s+|measuring\s+)?(?P<p>{_COMPONENT_SIZE})"
    # (... said after its size now: "solid component now 6 mm (previously 3 mm)")
    rf"|{_PART}\s+(?:now\s+)?(?:measuring\s+|measures\s+|of\s+)?{_COMPONENT_SIZE}\s*[(,]?\s*(?:previously|was|from)\s+"
    rf"(?P<p2>{_COMPONENT_SIZE})",
    IC,
)
# the solid component's size said after its growth, with no size before ("solid component has increased to 6 mm")
_COMPONENT_GREW_TO_RE = re.compile(
    rf"{_PART}\s+(?:has\s+)?(?:increased|grown|enlarged|progressed)(?:\s+in\s+size)?\s+to\s+(?P<c>{_COMPONENT_SIZE})",
    IC,
)
_A_COMPONENT_BEFORE_RE = re.compile(r"\b(?:component|portion|part|core)\b(?:\s+[\w-]+){0,5}\s*$", IC)
_HAD_NO_COMPONENT_RE = re.compile(
    r"\bpreviously\s+(?:an?\s+)?(?:pure(?:ly)?\s+|entirely\s+)?(?:ground[- ]glass|non-?solid|subsolid)\b", IC
)
_BENIGN_CALC_RE = re.compile(
    r"\b(?:(?:completely|densely|diffusely|entirely|fully|homogeneously)\s+calcified|calcified\s+granulomas?"
    r"|popcorn|central(?:ly)?\s+calcifi\w+|laminated|concentric(?:\s+ring)?\s+calcifi\w+|granulomas?)\b",
    IC,
)
_CALC_RE = re.compile(r"\b(?<!non)(?<!non-)calcifi\w+\b", IC)
_NONCALCIFIED_RE = re.compile(r"\bnon[- ]?calcified\b", IC)
# Calcification said of a neighbouring lesion is not the nodule's ("9 mm noncalcified nodule, adjacent to a small
# calcified granuloma").
_NEIGHBOUR_BEFORE_RE = re.compile(
    r"\b(?:adjacent\s+to|next\s+to|near(?:by)?|beside|abutting|separate\s+from|in\s+addition\s+to|along\s+with|"
    r"as\s+well\s+as|and\s+(?=(?:an?|the|several|multiple|few)\s)|another|other|additional|several|multiple|scattered)\s+(?:(?:an?|the|several|few|"
    r"multiple|other|additional|another)\s+)?(?:[\w-]+\s+){0,2}$",
    IC,
)
_FAT_RE = re.compile(
    r"\bfat[- ]containing\b|\b(?:contains?|containing|with)\s+(?:macroscopic\s+)?fat\b|\bhamartoma\b", IC
)
_JUXTA_RE = re.compile(
    r"\bjuxta[- ]?pleural\b|\bsub[- ]?pleural\b|\bpleural[- ]based\b|\bcostal\s+pleura\b", IC
)
# Only the word "perifissural" implies the typical (oval/lentiform/triangular) shape; a nodule merely touching a
# fissure is juxtapleural (fissural pleura) and needs its shape and margins stated for category 2.
_PERIFISSURAL_RE = re.compile(r"\bperi[- ]?fissural\b|\bfissural\b", IC)
_FISSURE_RE = re.compile(
    r"\b(?:along|abutting|attached\s+to|contacting|touching|on|adjacent\s+to)\s+the\s+(?:(?:right|left)\s+)?"
    r"(?:major|minor|oblique|horizontal)?\s*fissures?\b",
    IC,
)
_MORPH = {
    "smooth": re.compile(r"\bsmooth(?:ly)?\b|\bwell[- ]circumscribed\b", IC),
    "lentiform": re.compile(r"\blentiform\b|\blenticular\b", IC),
    "oval": re.compile(r"\bovo?id\b|\boval\b", IC),
    "triangular": re.compile(r"\btriangular\b", IC),
    "spiculated": re.compile(r"\bspiculat\w*\b", IC),
    "lobulated": re.compile(r"\blobulated\b", IC),
    "irregular": re.compile(r"\birregular\b", IC),
}
_NEW_RE = re.compile(
    r"\bnew(?:ly)?\b|\bnot\s+(?:present|seen|visible|identified)\s+(?:on|in)\s+(?:the\s+)?(?:prior|previous)\b"
    r"|\binterval\s+(?:development|appearance)\b|\bnewly\s+(?:seen|developed)\b",
    IC,
)
_GROW_RE = re.compile(r"\b(?:enlarg\w*|increas\w*|grow\w*|grown|larger|growth)\b", IC)
_STABLE_RE = re.compile(
    r"\b(?:stable|unchanged|no\s+(?:significant\s+)?(?:interval\s+)?change|not\s+changed|similar|persistent)\b",
    IC,
)
_DECREASE_RE = re.compile(
    r"\b(?:decreas\w*|smaller|shrunk|shrinking|regress\w*|diminish\w*|(?:partially|partly|nearly|almost|largely|"
    r"mostly|incompletely)\s+resolv\w*)\b",
    IC,
)
# "stable since 2019", "Stable 2.5 cm right lower lobe mass since 2019": the words between are the nodule's
_STABLE_SINCE_RE = re.compile(
    r"\b(?:stable|unchanged)(?:\s+(?:\d+\.\d+|[^\s.;,]+)){0,12}?\s+since\s+(?P<date>[^.;,]{4,30})", IC
)
_STABLE_FOR_RE = re.compile(
    r"\b(?:stable|unchanged)\s+(?:for|over)\s+(?:more\s+than\s+|at\s+least\s+|approximately\s+)?"
    r"(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|nine|twelve|eighteen)\s+(?P<unit>month|year)s?",
    IC,
)
_PRIOR_BEFORE_RE = re.compile(
    r"(?:previously|prior(?:ly)?|formerly|was|were|from|compared\s+(?:to|with)|versus|vs\.?|before|measured|"
    r"measuring|previous\s+measurement\s+of|on\s+the\s+prior)\s*(?:approximately\s+|about\s+)?$",
    IC,
)
# after a size: "on the prior", "in January 2025", "in 2025", "previously", "12 months ago"; not "on image 1123"
# (an image number is no year) nor "prior to contrast"
_PRIOR_AFTER_RE = re.compile(
    r"^\s*(?:\w+\s+)?(?:on|in|at)\s+(?:the\s+)?(?:prior|previous|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+(?:\d\d?,?\s+)?(?:19|20)\d\d\b|(?:19|20)\d\d\b)"
    r"|^\s*(?:previously|prior(?!\s+to\b)|before|earlier)\b|^\s*\d+\s+(?:months|years)\s+ago",
    IC,
)
# "previously measured 5 x 4 mm" is the prior size ("measures 7 mm" alone is the current one); "5 x 4 mm on
# 11/2024" or "on 11/12/2025" after a size dates it to a prior exam.
_PRIOR_MEASURED_RE = re.compile(
    r"\b(?:previously|prior(?:ly)?|formerly|originally|initially)\s+(?:been\s+)?measur\w*\s*"
    r"(?:approximately\s+|about\s+)?$",
    IC,
)
_MEASURED_RE = re.compile(r"\bmeasur\w*\s*(?:approximately\s+|about\s+)?$", IC)
_PRIOR_DATE_AFTER_RE = re.compile(
    r"^\s*(?:on|in|at|from)\s+(?:the\s+)?(?:(?:\d\d?/){1,2}(?:19|20)\d\d|(?:19|20)\d\d-\d\d?-\d\d?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d\d?,?\s+)?(?:19|20)\d\d)\b",
    IC,
)
# v2022 4B: a solid or part-solid nodule growing slowly over multiple screens
_SLOW_GROWTH_RE = re.compile(
    r"\b(?:slow(?:ly)?|gradual(?:ly)?|steady|steadily|progressive(?:ly)?)[- ](?:grow\w*|enlarg\w*|increas\w*)"
    r"|\b(?:grow\w*|enlarg\w*|increas\w*)\s+(?:[\w-]+\s+){0,3}?(?:over|across|on)\s+(?:multiple|several|serial|"
    r"successive|consecutive|sequential)\s+(?:[\w-]+\s+)?(?:screen\w*|exam\w*|stud\w*|CTs?|LDCTs?|scans?)\b",
    IC,
)
_FROM_TO_RE = re.compile(r"\bfrom\s*$", IC)
# "ranging (in size) from 4 mm to 8 mm", "measuring from 3 to 5 mm": the low end of a range, not a prior size
_RANGE_FROM_RE = re.compile(r"\b(?:rang\w*|var\w*|measur\w*)(?:\s+in\s+size)?\s+from\s*$", IC)
# "increased from 7 to 8 mm": the prior size written without its unit, right before today's
_UNITLESS_FROM_RE = re.compile(
    r"\bfrom\s+(?P<a>\d+(?:\.\d+)?)(?:\s*(?:x|by|×)\s*(?P<b>\d+(?:\.\d+)?))?\s+to\s*$", IC
)


def prior_size(text: str, m: Measurement) -> bool:
    """Whether size ``m`` (its span relative to ``text``) is a size on a prior exam, not today's: "previously
    6 mm", "(previously 6 mm)", "previously measured 6 mm", "from 6 mm", "compared to 6 mm", "was 6 mm",
    "6 mm on the prior", "6 mm on 01/2025", "6 mm in January 2025", "6 mm 12 months ago". Not: "measures 8 mm",
    "measuring 8 mm on image 1123", "8 mm prior to contrast", the low end of a range ("ranging from 4 mm to 8 mm").
    The one reader of prior sizes for every guideline (lung nodules, thyroid nodules, liver observations)."""
    s0, e0 = m.span
    before = text[max(0, s0 - 40) : s0]
    after = text[e0 : e0 + 40]
    if _PRIOR_AFTER_RE.match(after) or _PRIOR_DATE_AFTER_RE.match(after):
        return True
    if _RANGE_FROM_RE.search(before):
        return False
    if _PRIOR_MEASURED_RE.search(before):
        return True
    return _PRIOR_BEFORE_RE.search(before) is not None and _MEASURED_RE.search(before) is None


def prior_date(text: str, m: Measurement) -> dt.date | None:
    """The date written right after a prior size ("6 mm on 01/2025": 2025-01-15), else None."""
    dated = _PRIOR_DATE_AFTER_RE.match(text[m.span[1] : m.span[1] + 40])
    dm = _DATE_RE.search(dated.group(0)) if dated else None
    return parse_date(dm) if dm else None


# "8 mm, previously 6", "8 mm (previously 6.5)": a prior size without its unit right after today's size
_UNITLESS_AFTER_RE = re.compile(
    r"^\s*[,(]?\s*(?:previously|prior(?:ly)?|formerly|was|compared\s+(?:to|with))\s+(?P<a>\d+(?:\.\d+)?)"
    r"(?:\s*(?:x|by|×)\s*(?P<b>\d+(?:\.\d+)?))?\s*(?=[).,;]|$|\s+(?:on|in)\b)",
    IC,
)
# "has grown since 07/2026", "increased in size since March 2026", "compared to 05/2026": the prior exam's date
# when the prior size has none of its own (not "stable since": that is how long it has not grown)
_GROWN_SINCE_RE = re.compile(
    r"\b(?:grown|grow\w*|enlarg\w*|increas\w*|larger|bigger|decreas\w*|smaller|shrunk|changed)\b[^.;]{0,40}?"
    r"\b(?:since|compared\s+(?:to|with))\s+(?:the\s+)?(?:prior\s+)?(?:(?:exam|study|scan|ct)\s+)?(?:of\s+|on\s+|dated\s+)?"
    r"(?P<date>[^.;,]{4,30})",
    IC,
)


def _date_after(clause: str, m: Measurement) -> dt.date | None:
    """The date written right after a size ("8 mm on 11/20/2026", "6 mm in 2025"), else None."""
    after = clause[m.span[1] : m.span[1] + 40]
    dated = _PRIOR_DATE_AFTER_RE.match(after) or _YEAR_AFTER_RE.match(after)
    dm = _DATE_RE.search(dated.group(0)) if dated else None
    return parse_date(dm) if dm else None


_YEAR_AFTER_RE = re.compile(r"^\s*(?:on|in|at|from)\s+(?:(?:19|20)\d\d)\b", IC)


def _all_dated(
    measurements: list[tuple[Measurement, str]],
) -> list[tuple[dt.date, Measurement, str]] | None:
    """(date, size, clause) of every size in date order (stable), when there are two or more and each is dated."""
    dated = [(_date_after(c, m), m, c) for m, c in measurements if not m.distance]
    if len(dated) < 2:
        return None
    out = [(when, m, c) for when, m, c in dated if when is not None]
    return sorted(out, key=lambda x: x[0]) if len(out) == len(dated) else None


def _mean_of(values: tuple[float, ...]) -> float:
    """Mean diameter of the two largest axes, as ``Measurement.mean_mm``."""
    vals = sorted(values, reverse=True)[:2]
    return round(sum(vals) / len(vals), 1)


def _in_its_unit(u: re.Match[str], m: Measurement) -> tuple[float, ...]:
    """The numbers a pattern read without a unit (groups ``a`` and ``b``), in mm, in the unit of size ``m``."""
    factor = 10.0 if m.unit == "cm" else 1.0
    return tuple(round(float(g) * factor, 2) for g in (u.group("a"), u.group("b")) if g)


def unitless_prior(text: str, m: Measurement) -> tuple[float, ...] | None:
    """The prior size written without a unit right before today's size ("increased from 7 to 8 mm": 7 mm;
    "from 1.2 to 2.0 cm": 12 mm), in today's unit; None for a range ("ranging from 4 to 8 mm")."""
    before = text[max(0, m.span[0] - 40) : m.span[0]]
    u = _UNITLESS_FROM_RE.search(before)
    if u is None or _RANGE_FROM_RE.search(before[: u.start() + 4]):
        return None
    return _in_its_unit(u, m)


def unitless_prior_after(text: str, m: Measurement) -> tuple[float, ...] | None:
    """The prior size written without a unit right after today's size ("8 mm, previously 6": 6 mm; "1.2 cm
    (previously 0.9)": 9 mm), in today's unit."""
    u = _UNITLESS_AFTER_RE.match(text[m.span[1] : m.span[1] + 40])
    return _in_its_unit(u, m) if u is not None else None


_LOBE_RE = re.compile(
    r"\b(?P<side>right|left)\s+(?P<part>upper|middle|lower)\s+lobe\b|\b(?P<abbr>RUL|RML|RLL|LUL|LLL)\b|\b(?P<ling>lingula)r?\b",
    IC,
)
_ABBR = {
    "rul": "right upper lobe",
    "rml": "right middle lobe",
    "rll": "right lower lobe",
    "lul": "left upper lobe",
    "lll": "left lower lobe",
}
_AIRWAY_RE = re.compile(r"\b(?:endobronchial|endotracheal|intraluminal|airway)\b", IC)
_SUBSEGMENTAL_RE = re.compile(r"\bsubsegmental\b", IC)
_CYST_RE = re.compile(r"\bcyst(?:s|ic)?\b", IC)  # ("thick-walled cystic lesion": a cyst)
_CYST_GROWING_WALL_RE = re.compile(
    r"\b(?:wall|nodular(?:ity)?)\b[^.]*\b(?:increas|thicken|grow|enlarg)\w*", IC
)
_INFECT_RE = re.compile(r"\binfect\w*\b|\binflammat\w*\b", IC)
_CLAUSE_SPLIT_RE = re.compile(
    r";|\.\s|,?\s+(?:and|while|whereas|with)\s+(?=(?:there\s+(?:is|are)\s+)?(?:an?|another|additional|the|a\s+second)\s+"
    r"(?:\S+\s+){0,6}?(?:nodule|mass|ground|GG|cyst))|,\s+(?=(?:an?|another|additional)\s)"
    r"|,?\s+except(?:\s+for)?\s+",
    IC,
)
# ... and "and" or "with" before a sized lesion of its own, after a clause that names its own nodule ("4 mm solid
# nodule in the right lower lobe and 7 mm solid nodule in the left upper lobe", "... and a 3 mm calcified granuloma in
# the left lower lobe"; not "4 mm and 6 mm nodules in the RUL", one plural)
_SIZE = r"\d+(?:\.\d+)?(?:\s*[x×]\s*\d+(?:\.\d+)?)*\s*(?:mm|cm)\b"
_AND_A_SIZED_NODULE_RE = re.compile(
    rf",?\s+(?:and|with)\s+(?=(?:an?\s+|another\s+)?{_SIZE}\s*(?:\S+\s+){{0,4}}?"
    r"(?:nodules?|mass(?:es)?|ground|GG\w*|cysts?|granulomas?)\b)",
    IC,
)
_NODULE_WORD_RE = re.compile(r"\b(?:nodul|mass|ground|GG|cyst|granuloma)", IC)
# (not said of a component, see _A_COMPONENT_BEFORE_RE: "solid component now 4 mm")
_NOW_BEFORE_RE = re.compile(
    r"(?:\bnow\s+(?:measur\w*\s+|at\s+)?"
    # (... or the size it grew or shrank to: "The 5 mm right upper lobe solid nodule has increased to 9 mm.")
    r"|\b(?:increased|grown|enlarged|progressed|decreased|reduced|shrunk|diminished|regressed)(?:\s+in\s+size)?"
    r"\s+to\s+(?:approximately\s+|about\s+)?)$",
    IC,
)
# ... and before the lymph nodes said with a nodule, whose words are not the nodule's ("9 mm solid nodule in the RUL
# with new right hilar lymphadenopathy": the nodes are new, not the nodule)
_NODE_WORDS = (
    r"(?:(?:an?|new|newly|enlarged|enlarging|prominent|bulky|pathologic(?:al)?|suspicious|increased|hilar|"
    r"mediastinal|subcarinal|paratracheal|prevascular|aortopulmonary|supraclavicular|axillary|right|left|"
    r"bilateral|ipsilateral|contralateral|multiple|several|few|small|large|calcified|necrotic|additional)\s+){0,4}"
    r"(?:lymph\s+nodes?|lymphadenopathy|adenopathy)\b"
)
_AND_THE_NODES_RE = re.compile(rf",?\s+(?:and|with)\s+(?={_NODE_WORDS})", IC)
# the clause the cut above leaves: it opens with the nodes
_THE_NODES_RE = re.compile(rf"\s*{_NODE_WORDS}", IC)
# a clause of a sized granuloma of its own is another lesion, not more of the nodule before it
_A_SIZED_GRANULOMA_RE = re.compile(rf"\s*(?:an?\s+|another\s+)?{_SIZE}\s*(?:\S+\s+){{0,4}}?granulomas?\b", IC)
_ANAPHOR_RE = re.compile(
    r"^\s*(?:it|this|this\s+(?:nodule|lesion|finding|opacity)|the\s+(?:nodule|lesion)|which)\b", IC
)
_SIZE_RANGE_MAX_MM = 300.0
_LOBE_AFTER_RE = re.compile(
    r"\s*\)?\s*(?:in|within|of)\s+(?:the\s+)?(?:(?:right|left)\s+(?:upper|middle|lower)\s+lobe|RUL|RML|RLL|LUL|LLL|lingula)\b",
    IC,
)


def _location(text: str) -> str | None:
    m = _LOBE_RE.search(text)
    if not m:
        return None
    if m.group("abbr"):
        return _ABBR[m.group("abbr").lower()]
    if m.group("ling"):
        return "lingula"
    return f"{m.group('side').lower()} {m.group('part').lower()} lobe"


@dataclass(slots=True)
class _Draft:
    """A nodule being read from one or more clauses."""

    text: str
    span: tuple[int, int]
    clauses: list[str] = field(default_factory=list)
    measurements: list[tuple[Measurement, str]] = field(default_factory=list)  # (m, clause)
    prior_date: dt.date | None = None  # the date said with the prior size ("previously 5 mm on 11/12/2025")
    # the solid component's size before ("solid component increased from 3 mm")
    solid_prior: float | None = None

    @property
    def all_text(self) -> str:
        return " ".join(self.clauses)


def _clauses(sentence: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    start = 0
    cuts = sorted(
        [
            *_CLAUSE_SPLIT_RE.finditer(sentence),
            *_AND_A_SIZED_NODULE_RE.finditer(sentence),
            *_AND_THE_NODES_RE.finditer(sentence),
            *_ROW_END_RE.finditer(sentence),
        ],
        key=lambda m: m.start(),
    )
    for m in cuts:
        if m.start() < start:
            continue
        if m.re not in (_CLAUSE_SPLIT_RE, _ROW_END_RE) and not _NODULE_WORD_RE.search(
            sentence, start, m.start()
        ):
            continue
        out.append((sentence[start : m.start()], start))
        start = m.end()
    out.append((sentence[start:], start))
    return [(c, o) for c, o in out if c.strip()]


# A nodule or mass said of another organ is not a lung nodule: Fleischner and Lung-RADS never grade a thyroid,
# adrenal, liver, kidney, breast, skin or chest-wall nodule ("8 mm nodule in the right thyroid lobe").
_ORGAN = (
    r"(?:thyroid|adrenal|hepatic|liver|renal|kidney|breast|axilla|axillary|subcutaneous|cutaneous|skin|"
    r"splenic|spleen|pancreatic|pancreas|parotid|chest\s+wall|soft\s+tissues?|lymph\s+nodes?|nodal|esophageal|"
    r"gastric|bone|osseous|rib|vertebral)"
)
_ELSEWHERE_RE = re.compile(
    rf"\b{_ORGAN}\s+(?:[\w-]+\s+){{0,2}}?(?:(?:micro)?nodul\w*|mass(?:es)?|lesions?)\b"
    rf"|\b(?:(?:micro)?nodul\w*|mass(?:es)?|lesions?)\s+(?:[\w-]+\s+){{0,3}}?(?:in|within|of|involving|arising\s+from|"
    rf"along)\s+(?:the\s+)?(?:(?:right|left|upper|lower|inner|outer|anterior|posterior)\s+){{0,2}}{_ORGAN}\b",
    IC,
)


def _elsewhere(clause: str) -> bool:
    m = _ELSEWHERE_RE.search(clause)
    # (a "soft tissue nodule" in an airway or a lobe is the lung's: "Endobronchial soft tissue nodule in the left lower
    # lobe segmental bronchus")
    if (
        m is not None
        and _SOFT_TISSUE_RE.match(m.group(0))
        and (_AIRWAY_RE.search(clause) or _LUNG_PLACE_RE.search(clause))
    ):
        # (... unless the clause places it in another organ too: "soft tissue nodule in the subcutaneous fat of the
        # right chest wall adjacent to the right upper lobe")
        return _ELSEWHERE_RE.search(_SOFT_TISSUE_RE.sub(lambda w: " " * len(w.group(0)), clause)) is not None
    return m is not None


_SOFT_TISSUE_RE = re.compile(r"soft\s+tissues?\s", IC)


def _negated_nodule(clause: str, m: re.Match[str]) -> bool:
    return affirmed(re.compile(re.escape(m.group(0)), IC), clause[: m.end()]) is None


def _mentions(clause: str) -> list[re.Match[str]]:
    """The clause's lung nodule words: nodules, GGOs, cysts, airway lesions, and a lesion, mass or sized solid
    opacity that the clause places in the lung."""
    found = [m for m in _NODULE_RE.finditer(clause) if not _not_lung(clause, m)]
    if (
        not found
        and "|" in clause
        and _LOBE_RE.search(clause)
        and _SIZE_WORD_RE.search(clause)
        and not _NOT_A_NODULE_ROW_RE.search(clause)
    ):
        # a row of a nodule table, with no word "nodule" in it ("| 1 | LLL | solid | 9 mm | new |"): its type word
        found = [m] if (m := _ROW_TYPE_RE.search(clause)) else []
    if not found and _LUNG_PLACE_RE.search(clause):
        for m in _LUNG_LESION_RE.finditer(clause):
            if _not_lung(clause, m):
                continue
            if m.group(0).lower().startswith("solid") and not _SIZE_WORD_RE.search(clause):
                continue  # an unsized "solid opacity" may be atelectasis or scar
            found.append(m)
    return found


def _not_lung(clause: str, m: re.Match[str]) -> bool:
    """Whether the mass or lesion at ``m`` is said of the mediastinum, pleura or chest wall, or is "mass effect"."""
    word = m.group(0).lower()
    return (word.startswith("mass") or word.startswith("lesion")) and (
        _NOT_LUNG_BEFORE_RE.search(clause[max(0, m.start() - 40) : m.start()]) is not None
        or _MASS_EFFECT_RE.match(clause, m.end()) is not None
    )


def _nodule_mention(clause: str) -> tuple[re.Match[str] | None, bool]:
    """(the first lung nodule word not negated in the clause, whether the clause names one at all): "No suspicious
    nodules except for a 7 x 6 mm solid nodule" names the second."""
    found = _mentions(clause)
    return next((m for m in found if not _negated_nodule(clause, m)), None), bool(found)


# A nodule the report says is gone ("is no longer visualized", "has resolved") is not graded; "has partially
# resolved" or "has nearly resolved" is a nodule that is still there.
_GONE_RE = re.compile(
    r"\b(?:has|have|had)\s+(?:since\s+|now\s+|completely\s+|entirely\s+|fully\s+)?(?:resolved|disappeared|cleared)\b"
    r"|\b(?:is|are|was|were)\s+(?:now\s+)?(?:completely\s+|entirely\s+|fully\s+)?(?:resolved|gone)\b"
    r"|\b(?:now|since|interval(?:ly)?)\s+(?:completely\s+)?resolved\b|\binterval\s+resolution\b"
    r"|\bno\s+longer\s+(?:seen|visualized|visible|identified|present|evident|apparent|demonstrated|appreciated)\b"
    r"|\b(?:is|are|was|were)\s+not\s+(?:seen|visualized|visible|identified|demonstrated|appreciated)\s+"
    r"(?:on\s+)?(?:this|the\s+current|today)",
    IC,
)


def _benign_calcification(text: str) -> bool:
    """Whether the nodule itself is said to have benign calcification: stated for sure, not said of a neighbouring
    lesion ("adjacent to a calcified granuloma"), and the nodule not called noncalcified."""
    if affirmed(_NONCALCIFIED_RE, text):
        return False
    for m in _BENIGN_CALC_RE.finditer(text):
        if _NEIGHBOUR_BEFORE_RE.search(text[max(0, m.start() - 50) : m.start()]):
            continue
        if not negated_at(text, m.start(), m.end()) and not hedged_at(text, m.start(), m.end(), True):
            return True
    return False


def _gone(text: str) -> bool:
    return _GONE_RE.search(text) is not None


class _Reader:
    """Reads lung nodules from the sentences of one report."""

    def __init__(self, context: PatientContext, interval: float | None, today: dt.date):
        self.context = context
        self.interval = interval
        self.today = today
        # nodules named without a size ("right upper lobe nodule, see impression"): (sentence, lobe, stated plainly)
        self.unsized: list[tuple[str, str | None, bool]] = []
        self.gone = 0  # nodules said to be gone ("has resolved")

    def read(self, sentences: Iterable[Sentence]) -> list[LungNodule]:
        drafts: list[_Draft] = []
        for sent in sentences:
            current: _Draft | None = drafts[-1] if drafts and _ANAPHOR_RE.match(sent.text) else None
            for clause, off in _clauses(sent.text):
                m, named = _nodule_mention(clause)
                if named:
                    if m is None or _elsewhere(clause):
                        current = None
                        continue
                    if _gone(clause):
                        self.gone += 1
                        current = None
                        continue
                    s0 = sent.span[0] + off
                    current = _Draft(text=sent.text, span=(s0, s0 + len(clause.rstrip())))
                    drafts.append(current)
                elif _A_SIZED_GRANULOMA_RE.match(clause) or (
                    current is not None and _THE_NODES_RE.match(clause)
                ):
                    current = None
                    continue
                elif current is not None and _gone(clause) and _ANAPHOR_RE.match(clause):
                    # "There was a 6 mm nodule in the RLL. It has resolved."
                    drafts.remove(current)
                    current = None
                    continue
                if current is None:
                    continue
                current.clauses.append(clause)
                for meas in find_measurements(clause):
                    if not meas.distance:  # "2 cm from the fissure" is not the nodule's size
                        current.measurements.append((meas, clause))
        return [n for d in drafts for n in self._nodules(d)]

    def _sizes(
        self, d: _Draft
    ) -> tuple[list[tuple[Measurement, str, str | None]], float | None, float | None, list[float]]:
        """(current sizes as (measurement, clause, note), prior mean, solid component, every prior mean in the
        order written)."""
        currents: list[tuple[Measurement, str, str | None]] = []
        prior: float | None = None
        priors: list[float] = []
        solid: float | None = None
        comp_spans: list[tuple[str, int, int]] = []
        comp_priors: list[tuple[str, int, int]] = []
        for clause in d.clauses:
            for cm in _SOLID_COMPONENT_RE.finditer(clause):
                g = "a" if cm.group("a") else "b"
                comp_spans.append((clause, cm.start(g), cm.end(g)))
            for cm in _COMPONENT_CHANGE_RE.finditer(clause):
                comp_spans.append((clause, cm.start("c"), cm.end("c")))
                comp_priors.append((clause, cm.start("p"), cm.end("p")))
            for cm in _COMPONENT_PRIOR_RE.finditer(clause):
                g = "p" if cm.group("p") else "p2"
                comp_priors.append((clause, cm.start(g), cm.end(g)))
            for cm in _COMPONENT_GREW_TO_RE.finditer(clause):
                comp_spans.append((clause, cm.start("c"), cm.end("c")))
        for meas, clause in d.measurements:
            s0 = meas.span[0]
            if any(c is clause and a <= s0 < b for c, a, b in comp_priors):
                d.solid_prior = meas.mean_mm if d.solid_prior is None else d.solid_prior
                continue
            if any(c is clause and a <= s0 < b for c, a, b in comp_spans):
                solid = meas.mean_mm if solid is None else solid
                continue
            before = clause[max(0, s0 - 40) : s0]
            if prior_size(clause, meas):
                if _FROM_TO_RE.search(before) or prior is None:
                    prior = meas.mean_mm
                    d.prior_date = prior_date(clause, meas)
                priors.append(meas.mean_mm)
                continue
            was = unitless_prior(clause, meas)
            if was is not None:
                # "increased from 7 to 8 mm": 7 mm is the prior, said right before today's size
                was_mean = _mean_of(was)
                prior = was_mean
                priors.append(was_mean)
            note = f"size stated as below {meas.largest_mm:g} mm" if meas.bound == "below" else None
            currents.append((meas, clause, note))
        now = (
            [
                c
                for c in currents
                if _NOW_BEFORE_RE.search(window := c[1][max(0, c[0].span[0] - 40) : c[0].span[0]])
                and not _A_COMPONENT_BEFORE_RE.search(window)
            ]
            if len(currents) > 1 and prior is None
            else []
        )
        if len(now) == 1:
            # a size sequence ("grown over the last three annual screens, 4 mm, then 5.5 mm, now 7 mm"): the size
            # said "now" is today's, the ones before it its earlier sizes
            k = currents.index(now[0])
            earlier = [c[0].mean_mm for c in currents[:k]]
            if earlier:
                priors.extend(earlier)
                prior = earlier[-1]
                currents = [now[0]]
        if not currents and prior is not None:
            # "measures 9 mm, previously 6 mm" read in the other order, or only "to 9 mm" present
            for meas, clause in d.measurements:
                before = clause[max(0, meas.span[0] - 12) : meas.span[0]]
                if re.search(r"\bto\s*$", before, IC):
                    currents = [(meas, clause, None)]
        if not currents and len(priors) > 1:
            # every size is dated ("8 mm on 11/20/2026, compared with 6 mm on 01/10/2025"): the latest is today's,
            # the latest before it the prior (a year alone gives no interval)
            dated = _all_dated(d.measurements)
            if dated is not None and dated[-1][0] != dated[-2][0]:
                _, meas, clause = dated[-1]
                currents = [(meas, clause, None)]
                priors.remove(meas.mean_mm)
                _, m, c = max(dated[:-1], key=lambda x: x[0])
                prior, d.prior_date = m.mean_mm, prior_date(c, m)
        if currents and prior is None:
            # "8 mm, previously 6": the prior size written without its unit right after today's, in today's unit
            meas, clause, _ = currents[0]
            after = unitless_prior_after(clause, meas)
            if after is not None:
                prior = _mean_of(after)
                priors.append(prior)
        if prior is not None and d.prior_date is None:
            # "has grown since 07/2026, now 8 mm, previously 6 mm": the date the sizes are compared with
            since = _GROWN_SINCE_RE.search(d.all_text)
            dm = _DATE_RE.search(since.group("date")) if since else None
            if dm is not None and not dm.group("year"):
                d.prior_date = parse_date(dm)
        return currents, prior, solid, priors

    def _nodules(self, d: _Draft) -> list[LungNodule]:
        """The nodule(s) of one draft: one per size when a plural mention lists several ("two nodules
        measuring 4 mm and 9 mm", "nodules in the RUL (5 mm) and LLL (10 mm)"), else one."""
        t = d.all_text
        currents, prior, solid, priors = self._sizes(d)
        plural = _PLURAL_RE.search(t) is not None
        if not (plural and len(currents) > 1):
            n = self._nodule(d, currents[0] if currents else None, prior, solid, priors=priors)
            return [n] if n is not None else []
        out: list[LungNodule] = []
        previous_end: dict[int, int] = {}
        for meas, clause, note in currents:
            # its lobe: "5 mm in the right upper lobe", else the last lobe named since the previous size
            start = previous_end.get(id(clause), 0)
            previous_end[id(clause)] = meas.span[1]
            loc_m = _LOBE_AFTER_RE.match(clause[meas.span[1] :])
            location = _location(loc_m.group(0)) if loc_m else None
            if location is None:
                lobes = list(_LOBE_RE.finditer(clause[start : meas.span[0]]))
                location = _location(lobes[-1].group(0)) if lobes else None
            n = self._nodule(d, (meas, clause, note), None, solid, location=location, split=True)
            if n is not None:
                out.append(n)
        return out

    def _nodule(
        self,
        d: _Draft,
        size: tuple[Measurement, str, str | None] | None,
        prior: float | None,
        solid: float | None,
        *,
        location: str | None = None,
        split: bool = False,
        priors: list[float] | None = None,
    ) -> LungNodule | None:
        t = d.all_text
        current = size[0] if size else None
        note = size[2] if size else None
        kwargs: dict[str, Any] = {"text": d.text, "span": d.span}
        if _AIRWAY_RE.search(t) and re.search(r"\b(?:nodule|lesion)\b", t, IC):
            kwargs["airway"] = "subsegmental" if _SUBSEGMENTAL_RE.search(t) else "segmental"
        elif _CYST_RE.search(t) and re.search(r"\b(?:thick[- ]walled|multilocular|atypical)\b", t, IC):
            if _CYST_GROWING_WALL_RE.search(t):
                kwargs["cyst"] = "growing-wall"
            elif re.search(r"\bmultilocular\b", t, IC):
                kwargs["cyst"] = "multilocular"
            elif _GROW_RE.search(t):
                kwargs["cyst"] = "growing-cystic-component"
            else:
                kwargs["cyst"] = "thick-walled"
        if _PART_SOLID_RE.search(t):
            kwargs["type"] = "part-solid"
        elif _GGN_RE.search(t):
            kwargs["type"] = "ground-glass"
        if solid is not None:
            kwargs["type"] = "part-solid"
            kwargs["solid_component_mm"] = solid
        # benign features count only when stated: "possibly a granuloma", "granuloma or neoplasm" are not
        if _benign_calcification(t):
            kwargs["calcification"] = "benign"
        elif affirmed(_CALC_RE, t) and not affirmed(_NONCALCIFIED_RE, t):
            kwargs["calcification"] = "indeterminate"
        if certain(_FAT_RE, t, alternatives=True):
            kwargs["fat_containing"] = True
        if affirmed(_JUXTA_RE, t) or affirmed(_FISSURE_RE, t):
            kwargs["juxtapleural"] = True
        if affirmed(_PERIFISSURAL_RE, t):
            kwargs["perifissural"] = True
        morph = tuple(k for k, rx in _MORPH.items() if affirmed(rx, t))
        if morph:
            kwargs["morphology"] = morph
        count = 1
        if _PLURAL_RE.search(t):
            cm = _COUNT_RE.search(t)
            count = (_COUNT_WORDS.get(cm.group(1).lower()) or int(cm.group(1))) if cm and cm.group(1) else 2
            count = max(count, 2)
        kwargs["count"] = count
        loc = location or _location(t)
        if loc:
            kwargs["location"] = loc
        if current is not None:
            vals = sorted(current.values_mm, reverse=True)[:2]
            if vals[0] > _SIZE_RANGE_MAX_MM:
                return None
            long_mm = vals[0] - 0.1 if note else vals[0]
            kwargs["long_axis_mm"] = round(long_mm, 1)
            if note:
                kwargs["size_below_mm"] = vals[0]
            if len(vals) > 1:
                kwargs["short_axis_mm"] = vals[1]
        elif not (
            kwargs.get("airway")
            or kwargs.get("cyst")
            or kwargs.get("calcification") == "benign"
            or kwargs.get("fat_containing")
        ):
            self.unsized.append((d.text, kwargs.get("location"), _UNSIZED_DOUBT_RE.search(t) is None))
            return None  # a nodule without a size cannot be categorized
        notes = [note] if note else []
        status = "baseline"
        if affirmed(_NEW_RE, t):
            status = "new"
        elif prior is not None:
            kwargs["prior_mean_mm"] = prior
            mean = (
                (kwargs["long_axis_mm"] + kwargs.get("short_axis_mm", kwargs["long_axis_mm"])) / 2
                if current
                else prior
            )
            delta = round(mean - prior, 1)
            status = "growing" if delta > 1.5 else ("decreased" if delta < 0 else "stable")
        elif affirmed(_GROW_RE, t):
            status = "growing"
        elif affirmed(_DECREASE_RE, t):
            status = "decreased"
        elif affirmed(_STABLE_RE, t):
            status = "stable"
        if solid is not None and status != "new":
            # the solid component's own growth, or one the nodule did not have ("previously pure ground glass")
            solid_prior = (
                d.solid_prior
                if d.solid_prior is not None
                else (0.0 if _HAD_NO_COMPONENT_RE.search(t) else None)
            )
            if solid_prior is not None:
                kwargs["prior_solid_component_mm"] = solid_prior
                if solid - solid_prior > GROWTH_MM:
                    status = "growing"
        if status != "new" and kwargs.get("type") != "ground-glass" and _slow_growth(t, kwargs, priors or []):
            kwargs["slow_growth"] = True
            status = "growing"
        kwargs["status"] = status
        if status != "new" and status != "baseline":
            stable_months = self._stable_months(t, notes)
            if stable_months is not None:
                kwargs["stable_months"] = stable_months
            interval = text_interval(t) or self._prior_interval(d) or self.interval
            if interval is not None:
                kwargs["interval_months"] = interval
        if affirmed(_INFECT_RE, t):
            kwargs["infectious"] = True
        if notes:
            kwargs["note"] = "; ".join(notes)
        if kwargs.get("type") == "part-solid" and current is not None and solid is not None:
            total = (kwargs["long_axis_mm"] + kwargs.get("short_axis_mm", kwargs["long_axis_mm"])) / 2
            if solid > total and split:
                del kwargs["solid_component_mm"]  # the component named is another nodule's of the group
            elif solid > total:
                raise GuidelineInputError(
                    f"contradictory sizes in {d.text!r}: solid component {solid:g} mm is larger than the "
                    f"nodule ({total:g} mm mean diameter)"
                )
        try:
            return LungNodule(**kwargs)
        except ValueError as exc:
            raise GuidelineInputError(f"cannot read the nodule in {d.text!r}: {exc}") from exc

    def _prior_interval(self, d: _Draft) -> float | None:
        """Months from the date said with the prior size to the exam date, when both are known."""
        exam = self.context.exam_date
        if d.prior_date is None or exam is None or d.prior_date > exam:
            return None
        return months_between(d.prior_date, exam)

    def _stable_months(self, t: str, notes: list[str]) -> float | None:
        m = _STABLE_FOR_RE.search(t)
        if m:
            return _months(m.group("n"), m.group("unit"))
        m = _STABLE_SINCE_RE.search(t)
        if m:
            dm = _DATE_RE.search(m.group("date"))
            if dm:
                since = parse_date(dm)
                if since is not None:
                    ref = self.context.exam_date or self.today
                    if self.context.exam_date is None:
                        notes.append(f"stable since {since.isoformat()} counted to today ({ref.isoformat()})")
                    return max(0.0, months_between(since, ref))
        return None


def _slow_growth(text: str, kwargs: dict[str, Any], priors: list[float]) -> bool:
    """Growth over multiple screens (v2022 4B): said so ("slowly enlarging over multiple screening exams"), or two
    or more priors that grow steadily to the current size by more than the growth threshold in all."""
    if affirmed(_SLOW_GROWTH_RE, text):
        return True
    if len(priors) < 2 or "long_axis_mm" not in kwargs:
        return False
    mean = (kwargs["long_axis_mm"] + kwargs.get("short_axis_mm", kwargs["long_axis_mm"])) / 2
    steps = list(itertools.pairwise(priors))
    steady = all(a > b for a, b in steps) or all(a < b for a, b in steps)  # newest first, or oldest first
    return steady and all(p < mean for p in priors) and round(mean - min(priors), 1) > 1.5


def lesion_sentences(report: Report, pattern: re.Pattern[str]) -> list[Sentence]:
    """Sentences of the findings (and headerless text), or of the impression when findings say nothing."""
    primary = [s for sec in report.sections if sec.name in LESION_SECTIONS for s in sec.sentences]
    if any(pattern.search(s.text) for s in primary):
        return primary
    return [s for sec in report.sections if sec.name in FALLBACK_SECTIONS for s in sec.sentences]


def report_interval(report: Report, context: PatientContext) -> float | None:
    """Months since the prior: context dates, else the comparison section's date and the exam date."""
    iv = context.interval_months()
    if iv is not None:
        return iv
    comp = report.section_text("comparison")
    if comp:
        ago = text_interval(comp)
        if ago is not None:
            return ago
        dm = _DATE_RE.search(comp)
        if dm and context.exam_date:
            prior = parse_date(dm)
            if prior is not None:
                return months_between(prior, context.exam_date)
    if context.prior_date and context.exam_date is None:
        return None
    return None


def lung_nodules(
    report: Report, context: PatientContext | None = None, today: dt.date | None = None
) -> list[LungNodule]:
    return lung_nodule_reading(report, context, today)[0]


def lung_nodule_reading(
    report: Report, context: PatientContext | None = None, today: dt.date | None = None
) -> tuple[list[LungNodule], tuple[str, ...]]:
    """(the lung nodules read, the sentences naming a lung nodule whose size neither findings nor impression
    give: "Subcentimeter solid nodule in the right upper lobe.")."""
    context = context or PatientContext()
    interval, day = report_interval(report, context), today or dt.date.today()
    primary = [s for sec in report.sections if sec.name in LESION_SECTIONS for s in sec.sentences]
    fallback = [s for sec in report.sections if sec.name in FALLBACK_SECTIONS for s in sec.sentences]
    reader = _Reader(context, interval, day)
    found = reader.read(primary)
    if not found and not reader.unsized and not reader.gone:
        # the findings describe no nodule: none named, or only denied ("No new pulmonary nodules.") while the
        # impression describes the followed one ("9 x 8 mm right upper lobe nodule, unchanged")
        impression = _Reader(context, interval, day)
        return impression.read(fallback), _unsized_texts(impression.unsized, [])
    if reader.unsized and fallback:
        # the findings name a nodule without its size ("right upper lobe nodule, see impression"): the impression's
        # nodules that the findings did not already describe are read too
        more = _Reader(context, interval, day).read(fallback)
        found += [n for n in more if not any(_same_nodule(n, f) for f in found)]
        return found, _unsized_texts(reader.unsized, more)
    return found, _unsized_texts(reader.unsized, [])


# An unsized mention is reported ("size not stated") only when stated plainly: not hedged or hypothetical ("could
# obscure a small nodule", "cannot exclude mass lesions"), not a recommendation, not calcified or granulomatous
# (likely benign), and not one "not well seen" today.
_UNSIZED_DOUBT_RE = re.compile(
    _HEDGE_CUE_RE.pattern
    + r"|\b(?:recommend\w*|consider\w*|correlat\w*|further\s+evaluation|sensitive|exclude\w*|"
    r"calcifi\w*|calcific|granulom\w*|histoplasm\w*|dense|not\s+(?:well[- ])?(?:seen|visualized))\b",
    IC,
)


def _unsized_texts(unsized: list[tuple[str, str | None, bool]], sized: list[LungNodule]) -> tuple[str, ...]:
    """The sentences of plainly stated unsized nodules that no sized nodule (of the impression) stands for: same
    lobe, or any when the lobe is not said."""
    out: list[str] = []
    for text, lobe, plain in unsized:
        if not plain or any(lobe is None or n.location is None or n.location == lobe for n in sized):
            continue
        if text not in out:
            out.append(text)
    return tuple(out)


def _same_nodule(a: LungNodule, b: LungNodule) -> bool:
    """Whether two nodules read from findings and impression are one: same lobe, or same size when a lobe is
    missing."""
    if a.location and b.location:
        return a.location == b.location
    ma, mb = a.mean_mm, b.mean_mm
    return ma is None or mb is None or abs(ma - mb) <= 1.0


# -- exam-level lung findings (Lung-RADS 0 and S) ------------------------------------------------------------

_INCOMPLETE_RE = re.compile(
    r"\b(?:lungs?|(?:(?:right|left)\s+)?lung\s+(?:apices|bases|apex|base)|(?:(?:the\s+)?lung\s+)?(?:apices|bases)|"
    r"(?:portions?|parts?)\s+of\s+the\s+(?:(?:right|left)\s+)?lungs?(?:\s+(?:apex|base|apices|bases))?)\s+"
    r"(?:is|are|were|was)?\s*"
    r"(?:not\s+(?:entirely\s+|fully\s+|completely\s+)?(?:included|imaged|evaluated|assessable)|incompletely\s+"
    r"(?:imaged|evaluated|visualized)|(?:partly\s+|partially\s+)?excluded\s+from\s+the\s+(?:field\s+of\s+view|scan)"
    r"|outside\s+the\s+field\s+of\s+view)\b"
    # (of this study, not the prior's: "The lung bases were outside the field of view on the prior study.")
    r"(?!\s+(?:on|in|of)\s+(?:the\s+)?(?:prior|previous|outside|comparison|old))"
    r"|\bprior\s+(?:outside\s+|comparison\s+|external\s+)?(?:ct|exam\w*|stud\w+|imaging|scans?)\s+(?:is|are)?\s*(?:being|will\s+be|to\s+be)\s+"
    r"(?:obtained|located|requested|retrieved)\b|\bnon[- ]?diagnostic\b",
    IC,
)
_INFECTIOUS_RE = re.compile(
    r"\b(?:segmental|lobar|multilobar)\s+consolidation\b|\bconsolidation\s+(?:in|of|involving)\s+the\s+\w+\s+\w+\s+lobe\b"
    r"|\b(?:(?:right|left)\s+(?:upper|middle|lower)\s+lobe|RUL|RML|RLL|LUL|LLL|lingular)\s+consolidation\b"
    r"|\b(?:broncho)?pneumonias?\b|\b(?:infectious|inflammatory)\s+(?:or\s+(?:infectious|inflammatory)\s+)?"
    r"(?:process|etiology)\b",
    IC,
)


def lung_exam_findings(
    report: Report, s_patterns: Iterable[tuple[str, re.Pattern[str]]] = ()
) -> ExamFindings:
    text = " ".join(
        s.text for sec in report.sections if sec.name not in CONTEXT_SECTIONS for s in sec.sentences
    )
    inc = affirmed(_INCOMPLETE_RE, text)
    inf = affirmed(_INFECTIOUS_RE, text)
    significant = tuple(name for name, rx in s_patterns if affirmed(rx, text))
    return ExamFindings(
        incomplete=inc.group(0) if inc else None,
        infectious=inf.group(0) if inf else None,
        significant_other=significant,
    )


# -- patient context from the report ------------------------------------------------------------------------

# "low dose" alone is not screening (a low-dose CT of the abdomen for stones): it must be said of the chest
_SCREENING_RE = re.compile(
    r"\b(?:lung\s+cancer\s+screening|lung\s+screening|LDCT|LCS|screening\s+(?:chest\s+)?ct"
    r"|(?:chest|lung)\s+(?:ct\s+)?low[- ]dose|low[- ]dose\s+(?:ct\s+)?(?:of\s+the\s+)?(?:chest|lung)"
    r"|low[- ]dose\s+(?:screening\s+)?ct\b(?!\s+(?:of\s+the\s+)?(?:abdomen|pelvis|kidneys?|head|sinus)))\b",
    IC,
)
# the findings may say what the exam is ("Baseline lung cancer screening examination."), not what to do next ("lung
# cancer screening is recommended")
_SCREENING_SAID_RE = re.compile(
    r"\b(?:baseline|annual|initial|follow-?up|prior|this)\s+(?:low[- ]dose\s+)?(?:ct\s+)?(?:lung\s+cancer\s+)?screening"
    r"(?:\s+(?:ct|exam|examination|study))?\b|\blung\s+cancer\s+screening\s+(?:ct|exam|examination|study)\b",
    IC,
)
_CANCER_RE = re.compile(
    r"\b(?:\w*carcinoma|cancer|ca|malignan\w+|lymphoma|melanoma|sarcoma|metasta\w+|leukemia|myeloma)\b"
    r"(?!\s+screening)",
    IC,
)
_CANCER_ASKED_RE = re.compile(
    r"\b(?:no|not|rule\s+out|r/o|evaluate|evaluation|assess|concern|concerning|suspect\w*|suspicious|question\w*|"
    r"possible|possibly|probable|likely|screen\w*|risk|exclude|versus|vs)\b|\?",
    IC,
)
_CANCER_KNOWN_RE = re.compile(r"\b(?:history|hx|known|treated|s/p|status\s+post|prior)\b", IC)
# A relative's cancer is family history, not the patient's cancer ("Family history of lung cancer", "Mother
# with breast cancer"); "personal history" or "patient" after the relative gives the patient back the cancer.
_RELATIVES = (
    r"(?:family\s+(?:history|hx)|FHx|FH|mother|father|parents?|sisters?|brothers?|siblings?|aunts?|uncles?|"
    r"grand(?:mother|father|parents?)|cousins?|daughters?|sons?|relatives?|maternal|paternal|nieces?|nephews?|"
    r"husband|wife|spouse|partner|twin|first[- ]degree)"
)
_RELATIVE_RE = re.compile(rf"\b{_RELATIVES}\b", IC)
_RELATIVE_AFTER_RE = re.compile(
    rf"\s*(?:in|of|\(|-)\s*(?:(?:her|his|the|a|patient'?s)\s+)?{_RELATIVES}\b", IC
)
_SELF_RE = re.compile(r"\b(?:personal|patient|pt|own|herself|himself|also\s+has)\b|[.;]", IC)
_LUNG_CANCER_FH_RE = re.compile(
    r"\b(?:lung|bronchogenic|pulmonary)\s+(?:cancer|carcinoma|malignancy|adenocarcinoma)\b", IC
)
_IMMUNO_RE = re.compile(
    r"\bimmuno(?:compromised|suppress\w*|deficien\w*)\b|\btransplant\w*\b|\bHIV\b|\bAIDS\b|\bchemotherapy\b"
    # (... or named by its drugs: "on high-dose prednisone and rituximab", "methotrexate", "tacrolimus")
    r"|\b(?:high[- ]dose\s+(?:steroids?|prednisone|prednisolone|corticosteroids?)|rituximab|methotrexate|tacrolimus|"
    r"cyclosporine|ciclosporin|mycophenolate|azathioprine|cyclophosphamide|infliximab|adalimumab|etanercept|"
    r"tocilizumab|sirolimus|everolimus|fingolimod|natalizumab|ocrelizumab|alemtuzumab|belatacept|basiliximab)\b",
    IC,
)
# LI-RADS population (cirrhosis, chronic hepatitis B, current or prior HCC), "HCC" written out too. HCC named in the
# findings counts only as the patient's history ("prior HCC", "HCC status post TACE", "HCC surveillance"), not as this
# lesion's diagnosis. The regex finds the words; the context around an HCC is checked after (faster than one pattern).
_HCC_RISK_RE = re.compile(
    r"\bcirrho\w+|\b(?:chronic\s+)?hepatitis\s+b\b|\bHBV\b|\b(?P<hcc>HCC|hepatocellular\s+(?:carcinoma|cancer))\b",
    IC,
)
_HCC_HISTORY_BEFORE_RE = re.compile(
    r"\b(?:(?:history|hx)\s+of|prior|previous|treated|known|recurrent|residual|(?:surveillance|screening)\s+for)"
    r"\s+(?:multifocal\s+)?$",
    IC,
)
_HCC_HISTORY_AFTER_RE = re.compile(
    r"^\s*(?:surveillance|screening)\b|^,?\s+(?:status\s+post|s/p|post-?|treated\s+with|after)\s*(?:[\w-]+\s+){0,2}?"
    r"(?:TACE|TARE|Y-?90|RFA|MWA|SBRT|\w*ablation|resection|hepatectomy|transplant\w*|chemoembolization|"
    r"radioembolization|segmentectomy|lobectomy)",
    IC,
)
# The history may ask about a risk rather than state it ("evaluate for cirrhosis", "rule out cirrhosis", "cirrhosis?").
_RISK_ASKED_BEFORE_RE = re.compile(
    r"(?:\b(?:evaluat\w*|assess\w*|rule\s+out|r/o|exclude|excluding|question\s+of|questionable|possible|possibly|"
    r"suspected|suspicion\s+of|concern\s+for|screen(?:ing)?\s+for|work-?up\s+for)|\?)"
    r"(?:\s+(?:for|of))?\s+(?:(?:underlying|early|possible|liver|hepatic)\s+)?$",
    IC,
)


def _hcc_risk(text: str) -> str | None:
    """The words of the first HCC risk the text states: not negated ("no cirrhosis", "no morphologic features of
    cirrhosis"), not asked ("evaluate for cirrhosis"), and an HCC only as the patient's history."""
    for m in _HCC_RISK_RE.finditer(text):
        start, end = m.start(), m.end()
        if m.group("hcc"):
            before = _HCC_HISTORY_BEFORE_RE.search(text[max(0, start - 40) : start])
            after = _HCC_HISTORY_AFTER_RE.match(text[end : end + 60])
            if before is None and after is None:
                continue
            start = start - len(before.group(0)) if before else start
            end = end + after.end() if after else end
        if negated_at(text, start, end):
            continue
        if _RISK_ASKED_BEFORE_RE.search(text[max(0, start - 40) : start]) or text[
            end : end + 2
        ].lstrip().startswith("?"):
            continue
        return text[start:end]
    return None


# The patient's age as the history states it ("28-year-old female", "64 yo", "Age: 70"); not "55 pack-years".
_AGE_RE = re.compile(
    r"\b(?P<a>\d{1,3})[- ]?(?:years?|yrs?|y)[- ]?old\b|\b(?P<b>\d{1,3})\s*(?:y/o|yo|y\.o\.)(?!\w)"
    r"|\b(?:age|aged)\s*:?\s*(?P<c>\d{1,3})\b(?!\s*(?:months?|weeks?|days?))",
    IC,
)


def _stated_age(text: str) -> tuple[int, str] | None:
    """(age in years, the words) from history text, or None."""
    m = _AGE_RE.search(text)
    if m is None:
        return None
    age = int(m.group("a") or m.group("b") or m.group("c"))
    return (age, m.group(0)) if age <= 120 else None


@dataclass(slots=True)
class TextContext:
    """Facts read from the report's history/indication/exam lines, with the words that said so."""

    screening: str | None = None
    known_cancer: str | None = None
    immunosuppressed: str | None = None
    hcc_risk: str | None = None
    risk_factor: str | None = None  # a lung cancer risk factor the history names (not used to set the risk)
    age: int | None = None  # the age the history states ("28-year-old female")
    age_words: str | None = None
    exam: str = ""
    indication: str = ""


def _relative_s(before: str) -> bool:
    """Whether the cancer named right after ``before`` is a relative's (the last of relative/self words decides)."""
    rel = None
    for rel in _RELATIVE_RE.finditer(before):  # noqa: B007 - the last one decides
        pass
    return rel is not None and _SELF_RE.search(before[rel.end() :]) is None


_METASTATIC_RE = re.compile(
    r"\b(?:metastases|metastasis|metastatic\s+(?:disease|lesions?|deposits?|foci|nodules?)|mets|carcinomatosis"
    r"|known\s+primary"
    # ... or its treatment ("right lower lobe mass treated with SBRT")
    r"|sbrt|stereotactic\s+body\s+radiation|chemoradiation|chemoradiotherapy|radiation\s+therapy|radiotherapy"
    r"|chemotherapy|immunotherapy)\b",
    re.IGNORECASE,
)


def text_context(report: Report, context: PatientContext) -> TextContext:
    exam = " ".join([context.exam or "", report.section_text("examination", "preamble")]).strip()
    indication = " ".join([context.indication or "", report.section_text("history")]).strip()
    head = f"{exam} {indication}"
    out = TextContext(exam=exam, indication=indication)
    stated = _stated_age(head)
    if stated is not None:
        out.age, out.age_words = stated
    m = _SCREENING_RE.search(head) or _SCREENING_SAID_RE.search(report.section_text("findings", "impression"))
    out.screening = m.group(0) if m else None
    for cm in _CANCER_RE.finditer(indication):
        before = indication[max(0, cm.start() - 40) : cm.start()]
        if _relative_s(indication[max(0, cm.start() - 80) : cm.start()]) or _RELATIVE_AFTER_RE.match(
            indication[cm.end() : cm.end() + 40]
        ):
            if out.risk_factor is None and _LUNG_CANCER_FH_RE.search(
                indication[max(0, cm.start() - 20) : cm.end()]
            ):
                out.risk_factor = "family history of lung cancer"
            continue
        # a cancer the indication names is the patient's ("cough, breast cancer", "restaging, lymphoma"), unless
        # the indication asks about it ("rule out malignancy", "concern for cancer", "screening")
        if not _CANCER_ASKED_RE.search(before):
            out.known_cancer = indication[max(0, cm.start() - 20) : cm.end()].strip()
            break
    if out.known_cancer is None:
        # the findings may say the patient's cancer is known ("... in this patient with known metastatic colon cancer")
        body = report.section_text("findings", "impression")
        for cm in _CANCER_RE.finditer(body):
            before = body[max(0, cm.start() - 40) : cm.start()]
            if _CANCER_KNOWN_RE.search(before) and not _relative_s(
                body[max(0, cm.start() - 80) : cm.start()]
            ):
                out.known_cancer = body[max(0, cm.start() - 20) : cm.end()].strip()
                break
    if out.known_cancer is None:
        # ... or state the cancer's spread for sure ("multiple hepatic metastases", "innumerable pulm mets"): a
        # patient with metastatic disease has a known cancer (Fleischner 2017 is for patients without one)
        body = report.section_text("findings", "impression")
        mm = certain(_METASTATIC_RE, body)
        if mm is not None:
            out.known_cancer = body[max(0, mm.start() - 20) : mm.end()].strip()
    im = affirmed(_IMMUNO_RE, indication)
    out.immunosuppressed = im.group(0) if im else None
    whole = " ".join([indication, report.section_text("findings", "impression")])
    out.hcc_risk = _hcc_risk(whole)
    return out


def effective_context(context: PatientContext, tc: TextContext) -> PatientContext:
    """The context with unset flags filled from the report text (explicit context always wins)."""
    update: dict[str, Any] = {}
    if context.age is None and tc.age is not None:
        update["age"] = tc.age
    if context.screening is None and tc.screening:
        update["screening"] = True
    if context.known_cancer is None and tc.known_cancer:
        update["known_cancer"] = True
    if context.immunosuppressed is None and tc.immunosuppressed:
        update["immunosuppressed"] = True
    if context.hcc_risk is None and tc.hcc_risk:
        update["hcc_risk"] = True
    return context.model_copy(update=update) if update else context


# -- thyroid nodules -----------------------------------------------------------------------------------------

# A thyroid "cyst" is a nodule to score too: a simple cyst is cystic (TR1), a complex cyst or a cyst with a solid
# component is mixed cystic and solid.
_THY_NODULE_RE = re.compile(r"\bnodules?\b|\blesions?\b|\bnodule\s*#?\s*\d+\b|\bcysts?\b", IC)
# Tried in order: "almost completely solid" is solid even with "a small cystic component"; "mixed echogenicity" is
# echogenicity, not composition.
_THY_COMPOSITION = (
    ("spongiform", re.compile(r"\bspongiform\b", IC)),
    ("solid", re.compile(r"\b(?:almost\s+)?(?:completely|entirely|purely|wholly)\s+solid\b", IC)),
    (
        "mixed",
        re.compile(
            r"\bmixed\s+(?:cystic\s+and\s+solid|solid\s+and\s+cystic|cystic[- ]solid|solid[- ]cystic)\b|\bpredominantly\s+"
            r"(?:solid|cystic)\b|\bpartially\s+cystic\b|\bcomplex\s+cyst(?:ic|s)?\b"
            r"|\bmixed\b(?!\s+(?:echo\w*|hypo\w*|hyper\w*|iso\w*|vascular\w*|internal\s+echo\w*)\b)"
            r"|\bcyst(?:ic)?\b[^.;]{0,40}?\bwith\s+(?:an?\s+)?(?:(?!no\b|non\b)[\w-]+\s+){0,3}?solid\s+(?:mural\s+)?"
            r"(?:component|portion|part|nodule|nodular\s+component|area)s?\b",
            IC,
        ),
    ),
    (
        "cystic",
        re.compile(
            r"\b(?:almost\s+completely\s+|completely\s+|purely\s+|simple\s+)?cyst(?:ic)?\b|\bcolloid\s+cyst\b",
            IC,
        ),
    ),
    ("solid", re.compile(r"\bsolid\b", IC)),
)
# An echo word said of a halo, foci or calcifications is not the nodule's echogenicity ("isoechoic with a thin
# hypoechoic halo", "punctate hyperechoic foci").
_NOT_ECHO = r"(?!\s+(?:halo|rim|foci|focus|calcifications?|septa\w*|debris|artifacts?)\b)"
_THY_ECHO = (
    ("very-hypoechoic", re.compile(rf"\b(?:very|markedly|marked)\s+hypoechoic\b{_NOT_ECHO}", IC)),
    ("hypoechoic", re.compile(rf"\bhypoechoic\b{_NOT_ECHO}", IC)),
    ("isoechoic", re.compile(rf"\biso-?echoic\b{_NOT_ECHO}", IC)),
    ("hyperechoic", re.compile(rf"\bhyper-?echoic\b{_NOT_ECHO}", IC)),
    ("anechoic", re.compile(rf"\banechoic\b{_NOT_ECHO}", IC)),
)
_TALLER_RE = re.compile(r"\btaller[- ]than[- ]wide\b", IC)
_WIDER_RE = re.compile(r"\bwider[- ]than[- ]tall\b", IC)
_THY_MARGIN = (
    ("extrathyroidal-extension", re.compile(r"\bextra-?\s?thyroidal\s+(?:extension|invasion)\b|\bETE\b", IC)),
    (
        "irregular",
        # ACR lexicon: irregular = spiculated or jagged; lobulated includes microlobulated
        re.compile(r"\birregular\b|\bspiculat\w*|\bjagged\b", IC),
    ),
    ("lobulated", re.compile(r"\b(?:micro-?)?lobulated\b", IC)),
    ("ill-defined", re.compile(r"\bill[- ]defined\b", IC)),
    ("smooth", re.compile(r"\bsmooth\b|\bwell[- ](?:defined|circumscribed)\b|\bcircumscribed\b", IC)),
)
_THY_FOCI = (
    (
        "punctate",
        re.compile(
            r"\bpunctate\s+(?:(?:echogenic|hyperechoic|bright)\s+)?(?:foci|focus|calcifications?)\b"
            r"|\bmicro-?calcifications?\b",
            IC,
        ),
    ),
    (
        "peripheral",
        re.compile(
            r"\b(?:peripheral|rim|eggshell)\s*(?:\(\s*(?:rim|peripheral|eggshell)\s*\)\s*)?calcifications?\b",
            IC,
        ),
    ),
    ("macrocalcification", re.compile(r"\bmacro-?calcifications?\b|\bcoarse\s+calcifications?\b", IC)),
    ("comet-tail", re.compile(r"\bcomet[- ]tail\b", IC)),
)
_NO_FOCI_RE = re.compile(
    r"\bno\s+(?:echogenic\s+foci|calcifications?|internal\s+calcifications?|microcalcifications?)\b", IC
)
_THY_LOC_RE = re.compile(
    r"\b(?:right|left)\s+(?:thyroid\s+)?lobe\b|\bisthmus\b|\b(?:upper|mid|lower)\s+pole\b", IC
)
_THYROID_RE = re.compile(r"\bthyroid\b", IC)
_NODULE_START_RE = re.compile(r"\bnodule\s*(?:#|no\.?|number)?\s*\d+\b|^\s*nodule\b", IC)


def _blocks(sentences: list[Sentence], start: re.Pattern[str]) -> Iterator[list[Sentence]]:
    """Group sentences into per-lesion blocks: a block starts at a sentence naming a lesion."""
    block: list[Sentence] = []
    for s in sentences:
        m = start.search(s.text)
        if m and affirmed(re.compile(re.escape(m.group(0)), IC), s.text[: m.end()]):
            if block:
                yield block
            block = [s]
        elif block:
            block.append(s)
    if block:
        yield block


def _first(options: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str | None:
    for name, rx in options:
        if affirmed(rx, text):
            return name
    return None


def _echogenicity(text: str) -> str | None:
    """The echogenicity said first ("isoechoic with a thin hypoechoic halo": isoechoic; "markedly hypoechoic" starts
    before its "hypoechoic"); anechoic only when no other echogenicity is said (a mixed nodule's solid part decides)."""
    said = [(m.start(), name) for name, rx in _THY_ECHO[:-1] if (m := affirmed(rx, text))]
    if said:
        return min(said)[1]
    return _first(_THY_ECHO[-1:], text)


# A size said of the gland, a lobe or the isthmus ("Left lobe measures 4.8 x 1.7 x 1.5 cm", "right lobe: 5 x 2 x 2 cm")
# is not a nodule's, unless a nodule word follows it ("Right lobe: 1.2 cm solid nodule").
_GLAND_BEFORE_RE = re.compile(
    r"\b(?:lobes?|gland|thyroid|isthmus)\s*(?:\((?:right|left)\)\s*)?:?\s*(?:(?:is|are|was)\s+)?"
    r"(?:(?:measur\w*|size|sized|dimensions?|volume)\s*(?:of|is|are)?\s*)?(?:approximately\s+|about\s+|up\s+to\s+)?"
    r"[:=]?\s*$",
    IC,
)
_NODULE_AFTER_RE = re.compile(
    r"^\s*(?:(?!(?:no|without|free|negative|nor)\b)[a-z-]+,?\s+){0,4}?(?:nodules?|lesions?|cysts?|masses|mass)\b",
    IC,
)
# A lymph node (or parathyroid) measured in the thyroid report is not a nodule ("a right level II lymph node measures
# 2.3 x 0.7 cm"): its sentence is left out of the nodule's block and its size is never the nodule's.
_THY_OTHER_RE = re.compile(r"\blymph\s+nodes?\b|\blymphadenopathy\b|\bparathyroid\b", IC)


_IN_GLAND_RE = re.compile(
    r"\b(?:in|within|of|at|from|involving)\s+(?:the\s+)?(?:(?:right|left|upper|lower|mid|thyroid)\s+){0,3}$",
    IC,
)


def _gland_size(sentence: str, m: Measurement) -> bool:
    """Whether measurement ``m`` is the size of the gland, a lobe, the isthmus or a lymph node rather than of a
    nodule."""
    before = sentence[: m.span[0]]
    other = None
    for other in _THY_OTHER_RE.finditer(before):  # noqa: B007 - the last one before the size decides
        pass
    if other is not None and not _THY_NODULE_RE.search(before[other.end() :]):
        return True
    g = _GLAND_BEFORE_RE.search(before[-60:])
    if g is None or _NODULE_AFTER_RE.match(sentence[m.span[1] :]):
        return False
    # "a nodule in the right lobe measures 1.6 cm": the lobe is where the nodule is, not what measures
    g_start = len(before) - len(before[-60:]) + g.start()
    return _IN_GLAND_RE.search(before[:g_start]) is None


# the ACR TI-RADS level a report states for a nodule ("TR3", "TI-RADS 4", "ACR TI-RADS category 5")
_TR_STATED_RE = re.compile(
    r"\b(?:(?:ACR\s+)?TI-?RADS(?:\s+(?:category|level))?[- ]?\s*(?:TR)?|TR[- ]?)(?P<c>[1-5])\b", IC
)


def thyroid_nodules(report: Report) -> list[ThyroidNodule]:
    sentences = [
        s
        for s in lesion_sentences(report, _THY_NODULE_RE)
        if not _THY_OTHER_RE.search(s.text) or _THY_NODULE_RE.search(s.text)
    ]
    out: list[ThyroidNodule] = []
    for block in _blocks(sentences, _THY_NODULE_RE):
        text = " ".join(s.text for s in block)
        # today's size, not the prior one ("now measuring 1.4 cm, previously 1.7 cm")
        sizes = [
            v
            for s in block
            for m in find_measurements(s.text)
            if not m.distance and not _gland_size(s.text, m) and not prior_size(s.text, m)
            for v in m.values_mm
        ]
        kwargs: dict[str, Any] = {"text": block[0].text, "span": (block[0].span[0], block[-1].span[1])}
        comp = _first(_THY_COMPOSITION, text)
        if comp:
            kwargs["composition"] = comp
        echo = _echogenicity(text)
        if echo:
            kwargs["echogenicity"] = echo
        if affirmed(_TALLER_RE, text):
            kwargs["shape"] = "taller-than-wide"
        elif _WIDER_RE.search(text) or re.search(r"\bnot\s+taller[- ]than[- ]wide\b", text, IC):
            kwargs["shape"] = "wider-than-tall"
        margin = _first(_THY_MARGIN, text)
        if margin:
            kwargs["margin"] = margin
        foci = tuple(name for name, rx in _THY_FOCI if affirmed(rx, text))
        if foci:
            kwargs["echogenic_foci"] = foci
        elif _NO_FOCI_RE.search(text):
            kwargs["echogenic_foci"] = ("none",)
        loc = _THY_LOC_RE.search(text)
        if loc:
            kwargs["location"] = loc.group(0).lower()
        if sizes:
            kwargs["max_diameter_mm"] = max(sizes)
        stated = _stated_category(_TR_STATED_RE, text)
        if stated is not None:
            kwargs["stated"] = f"TR{stated.group('c')}"
        if len(kwargs) <= 3 and "max_diameter_mm" not in kwargs:
            continue  # a mention without any feature ("no thyroid nodules" elsewhere, "see nodule above")
        out.append(ThyroidNodule(**kwargs))
    return out


# A category said of the past is not this exam's assessment: "history of BI-RADS 4 lesion which was biopsied",
# "previously BI-RADS 3", "BI-RADS 4 on the prior study", "previously categorized LR-2", "upgraded from LR-2",
# "recalled from screening (BI-RADS 0)".
_PAST_CATEGORY_BEFORE_RE = re.compile(
    r"\b(?:history\s+of|hx\s+of|prior|previous(?:ly)?|formerly|originally|initially|(?:was|were|had\s+been)\s+"
    r"(?:assessed|categori[sz]ed|classified|rated|called|given|reported)|(?:up|down)?graded\s+from|changed\s+from|"
    r"(?:recalled|called\s+back|callback)\s+from)\b[^.;,]{0,30}$",
    IC,
)
_PAST_CATEGORY_AFTER_RE = re.compile(
    r"^[^.;,]{0,40}?\b(?:(?:which|that)\s+)?(?:(?:was|were|had\s+been)\s+(?:biopsied|excised|resected|sampled|"
    r"removed|aspirated)|(?:on|in|at|from)\s+(?:the\s+)?(?:prior|previous|(?:19|20)\d\d))\b",
    IC,
)


def _past_category(text: str, m: re.Match[str]) -> bool:
    """Whether the category matched at ``m`` is said of an earlier exam or lesion, not of this one."""
    return bool(
        _PAST_CATEGORY_BEFORE_RE.search(text[max(0, m.start() - 60) : m.start()])
        or _PAST_CATEGORY_AFTER_RE.match(text[m.end() :])
    )


def _stated_category(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first category ``pattern`` finds that this exam states: not negated ("without tumor in vein", "no LR-M
    features") and not of the past ("previously categorized LR-2")."""
    for m in pattern.finditer(text):
        if not negated_at(text, m.start(), m.end()) and not _past_category(text, m):
            return m
    return None


# -- liver observations --------------------------------------------------------------------------------------

_LIVER_OBS_RE = re.compile(
    r"\bobservations?\b|\blesions?\b|\bnodules?\b|\bmass(?:es)?\b|\bfoc(?:us|i)\b|\bLR-?(?:\d|M|TIV|NC)\b", IC
)
_STATED_RE = re.compile(
    r"\b(?:LR|LI-?RADS)(?:\s+category)?[- ]?\s*(?P<c>1|2|M|TIV|NC)\b|\b(?P<tiv>tumou?r\s+in\s+vein)\b", IC
)
_RIM_APHE_RE = re.compile(r"\brim\s+(?:arterial\s+(?:phase\s+)?)?(?:hyper)?enhanc\w*|\brim\s+APHE\b", IC)
# LI-RADS v2018 targetoid (LR-M) features other than rim APHE: peripheral "washout", delayed central enhancement,
# targetoid restriction or transitional/hepatobiliary phase appearance ("targetoid" alone names them too).
_TARGETOID_RE = re.compile(
    r"\bperipheral\s+[\"“']?wash-?\s?out\b|\b(?:delayed|progressive)\s+central\s+(?:hyper-?)?enhanc\w*"
    r"|\bcentral\s+(?:delayed|progressive)\s+(?:hyper-?)?enhanc\w*|\btargetoid(?:\s+(?:restriction|diffusion|"
    r"appearance|pattern|enhancement|morphology|features?))?\b",
    IC,
)
_APHE_RE = re.compile(
    r"\b(?:non-?rim\s+)?(?:arterial(?:\s+phase)?\s+hyper-?enhanc\w*|APHE|arterial(?:\s+phase)?\s+enhancement"
    r"|hyper-?enhanc\w*\s+(?:in|on|during)\s+the\s+(?:late\s+)?arterial(?:\s+phase)?|arterially\s+(?:hyper)?enhancing"
    r"|hypervascular)\b",
    IC,
)
_WASHOUT_RE = re.compile(
    r"\b(?<!peripheral\s)(?<!pseudo-)(?:non-?peripheral\s+)?wash-?\s?out\b|\bwashes\s+out\b", IC
)
# An enhancing capsule is a major feature; the liver's own capsule is anatomy ("abutting the liver capsule",
# "Glisson's capsule", "along the capsule", "capsule of the liver").
_CAPSULE_RE = re.compile(
    r"(?<!liver\s)(?<!hepatic\s)(?<!glisson's\s)(?<!glissons\s)(?<!glisson\s)(?<!renal\s)(?<!splenic\s)"
    r"(?<!abutting\sthe\s)(?<!along\sthe\s)(?<!beneath\sthe\s)(?<!under\sthe\s)(?<!near\sthe\s)"
    r"(?<!touching\sthe\s)(?<!contacting\sthe\s)(?<!reaching\sthe\s)(?<!to\sthe\s)(?<!bulging\sthe\s)"
    r"\b(?:enhancing\s+)?(?:pseudo)?capsules?\b(?!\s+of\s+the\s+(?:liver|spleen|kidney))|\bcapsular\s+enhancement\b",
    IC,
)
_LIVER_WORD_RE = re.compile(r"\bobservation\b|\bLR-?\d\b|\bliver\b|\bhepatic\b|\bsegment\b", IC)
_THRESHOLD_RE = re.compile(r"\bthreshold\s+growth\b", IC)


def _targetoid_features(text: str) -> tuple[str, ...]:
    """The targetoid features stated for sure, in words, once each."""
    said: dict[str, None] = {}
    for m in _TARGETOID_RE.finditer(text):
        if not negated_at(text, m.start(), m.end()) and not hedged_at(text, m.start(), m.end()):
            said.setdefault(re.sub(r"\s+", " ", m.group(0).lower()).replace('"', "").replace("“", ""), None)
    return tuple(said)


def liver_observations(
    report: Report, interval: float | None = None, exam_date: dt.date | None = None
) -> list[LiverObservation]:
    """The liver observations of the report. ``interval`` is the report's months since the prior; a date written
    with the prior size ("1.2 cm on 07/2025") sets the interval to ``exam_date`` instead, as for lung nodules."""
    sentences = lesion_sentences(report, _LIVER_OBS_RE)
    out: list[LiverObservation] = []
    for block in _blocks(sentences, _LIVER_OBS_RE):
        text = " ".join(s.text for s in block)
        kwargs: dict[str, Any] = {"text": block[0].text, "span": (block[0].span[0], block[-1].span[1])}
        sm = _stated_category(_STATED_RE, text)
        if sm:
            kwargs["stated"] = "LR-TIV" if sm.group("tiv") else f"LR-{sm.group('c').upper()}"
        # LI-RADS v2018: if unsure whether a major feature is present, it is absent ("possible washout")
        uncertain: list[str] = []
        if certain(_RIM_APHE_RE, text):
            kwargs["aphe"] = "rim"
        elif certain(_APHE_RE, text):
            kwargs["aphe"] = "nonrim"
        elif affirmed(_RIM_APHE_RE, text) or affirmed(_APHE_RE, text):
            uncertain.append("arterial phase hyperenhancement")
        for key, rx, name in (
            ("washout", _WASHOUT_RE, "washout"),
            ("capsule", _CAPSULE_RE, "capsule"),
            ("threshold_growth", _THRESHOLD_RE, "threshold growth"),
        ):
            if certain(rx, text):
                kwargs[key] = True
            elif affirmed(rx, text):
                uncertain.append(name)
        targetoid = _targetoid_features(text)
        if targetoid:
            kwargs["targetoid"] = targetoid
        elif affirmed(_TARGETOID_RE, text):
            uncertain.append("targetoid features")
        if uncertain:
            kwargs["uncertain"] = tuple(uncertain)
        current: float | None = None
        prior: float | None = None
        dated: dt.date | None = None
        for s in block:
            for meas in find_measurements(s.text):
                if meas.distance:
                    continue
                if prior_size(s.text, meas):
                    if prior is None:
                        prior, dated = meas.largest_mm, prior_date(s.text, meas)
                elif current is None:
                    current = meas.largest_mm
                    was = unitless_prior(s.text, meas)  # "increased from 1.2 to 2.0 cm"
                    if was is not None:
                        prior = prior or max(was)
        if current is not None:
            kwargs["size_mm"] = current
        if prior is not None:
            kwargs["prior_size_mm"] = prior
            since = months_between(dated, exam_date) if dated and exam_date and dated <= exam_date else None
            iv = text_interval(text) or since or interval
            if iv is not None:
                kwargs["interval_months"] = iv
        if current is None and "stated" not in kwargs:
            continue
        featureless = not any(kwargs.get(k) for k in ("stated", "aphe", "washout", "capsule", "targetoid"))
        if featureless and not _LIVER_WORD_RE.search(text):
            continue
        out.append(LiverObservation(**kwargs))
    return out


# -- BI-RADS -------------------------------------------------------------------------------------------------

_BIRADS_RE = re.compile(
    r"\b(?:ACR\s+)?BI-?\s?RADS(?:®)?\s*(?:\((?:overall|final)\))?\s*(?:final\s+)?(?:assessment\s+)?(?:category|cat\.?)?\s*"
    r"[:#\-–]?\s*(?P<c>[0-6])\s*(?P<sub>[ABCabc])?\b"
    r"|\b(?:final\s+)?assessment\s*(?:category)?\s*[:\-–]?\s*(?:category\s+)?(?P<c2>[0-6])\s*(?P<sub2>[ABC])?\b"
    # without "BI-RADS"/"assessment", a category needs its BI-RADS descriptor: "Category 0: Incomplete."
    r"|\bcategory\s*(?P<c3>[0-6])\s*(?P<sub3>[ABC])?\s*[:\-–,]\s*(?=(?:incomplete|negative|benign|probably\s+benign|"
    r"suspicious|(?:low|moderate|high)\s+suspicion|highly\s+suggestive|known\s+(?:biopsy|malignancy))\b)",
    IC,
)
_SIDE_RE = re.compile(r"\b(?P<side>right|left|bilateral)\b(?:\s+breast)?", IC)
# The side a category is said of: right before it ("left breast BI-RADS 4A", "Left: BI-RADS 0") or right after it
# ("BI-RADS 4C for the left breast mass").
_SIDE_BEFORE_RE = re.compile(
    r"\b(?P<side>right|left|bilateral)\b(?:\s+breasts?)?\s*[:\-–,]?\s*(?:(?:is|was)\s+)?(?:assessment\s*:?\s*)?$",
    IC,
)
_SIDE_AFTER_RE = re.compile(r"^[^.;]{0,40}?\b(?:for|in|of)\s+(?:the\s+)?(?P<side>right|left|bilateral)\b", IC)
# A category that is hypothetical is not this exam's assessment: "they would be upgraded to BI-RADS 4".
_BIRADS_HYPOTHETICAL_RE = re.compile(
    r"(?:\b(?:would|could|might|will|should|may)\s+(?:then\s+)?(?:be(?:come)?\s+)?(?:(?:up|down)?graded|"
    r"re-?categori[sz]ed|categori[sz]ed|re-?classified|classified|considered|changed|assessed)?\s*(?:to|as)?"
    r"|\bif\b[^.;]*)\s*$",
    IC,
)


def birads_statements(report: Report) -> list[BiRadsStatement]:
    out: list[BiRadsStatement] = []
    seen: set[tuple[str, str | None]] = set()
    for s in report.sentences:
        if s.section in CONTEXT_SECTIONS or s.section == "comparison":
            continue
        matches = list(_BIRADS_RE.finditer(s.text))
        for i, m in enumerate(matches):
            prev_end = matches[i - 1].end() if i else 0
            next_start = matches[i + 1].start() if i + 1 < len(matches) else len(s.text)
            if _past_category(s.text, m) or _BIRADS_HYPOTHETICAL_RE.search(s.text[prev_end : m.start()]):
                continue
            c = m.group("c") or m.group("c2") or m.group("c3")
            sub = m.group("sub") or m.group("sub2") or m.group("sub3") or ""
            cat = f"{c}{sub.upper()}" if c == "4" else c
            side_m = (
                _SIDE_BEFORE_RE.search(s.text[prev_end : m.start()])
                or _SIDE_AFTER_RE.match(s.text[m.end() : next_start])
                or _SIDE_RE.search(s.text[: m.start()])
                or _SIDE_RE.search(s.text)
            )
            side = side_m.group("side").lower() if side_m else None
            if (cat, side) in seen:
                continue
            seen.add((cat, side))
            out.append(
                BiRadsStatement(
                    category=cat,
                    laterality=side,
                    text=m.group(0).strip(),
                    span=(s.span[0] + m.start(), s.span[0] + m.end()),
                )
            )
    return out
