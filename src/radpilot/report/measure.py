"""Size statements -> Measurement, normalized to millimetres ("7 mm", "1.2 cm", "1.2 x 0.9 cm", "12 by 9 mm")."""

from __future__ import annotations

import re

from radpilot.report.model import Bound, Measurement

_UNIT = r"(?:mms?|cms?|millimet(?:er|re)s?|centimet(?:er|re)s?)"  # ("6 mms", "3.2 x 2.9 cms": Indian and British typing)
# numbers as dictated: "1.2", ".5", a decimal comma ("2,5 cm"; one digit after it, so "1,200" is no decimal), a
# number said with "point" ("1 point 5 cm", "two point five cm") and the numbers one to twenty said as words ("a four
# mm nodule"; speech recognition writes them so); the "point" form first, so that "1 point 5 cm" is not read as 5 cm
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
    if i
}
_WORD_NUM = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"(?:\d+|{_WORD_NUM})\s+point\s+(?:\d+|{_WORD_NUM})\b|\d+(?:\.\d+|,\d(?!\d))?|\.\d+|(?:{_WORD_NUM})\b"
_SEP = r"\s*(?:x|by|×|\*)\s*"
# (a hyphen may join a number to its unit: "a 12-mm right subdural hematoma")
_TO_UNIT = r"(?:\s*-\s*|\s*)"
# (an axis named after a number: "2.4 (CC) x 2.0 x 1.8 cm", "3.1 cm (AP) x 2.2 cm (TR)")
_AXIS = (
    r"(?:\s*\((?:cc|ap|tr|trv|trans|ml|si|lr|craniocaudal|transverse|anteroposterior|mediolateral|sagittal|coronal"
    r"|axial|long|short|width|length|height|depth)\))?"
)
MEASUREMENT_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_NUM}){_TO_UNIT}(?P<ua>{_UNIT})?{_AXIS}"
    rf"(?:{_SEP}(?P<b>{_NUM}){_TO_UNIT}(?P<ub>{_UNIT})?{_AXIS})?"
    rf"(?:{_SEP}(?P<c>{_NUM}){_TO_UNIT}(?P<uc>{_UNIT})?)?"
    rf"(?<=[a-z\d])(?![\w])",
    re.IGNORECASE,
)
_FACTOR = {"mm": 1.0, "cm": 10.0}


def _number(said: str) -> float:
    """The value of a number as dictated (see ``_NUM``)."""
    words = said.lower().split()
    if len(words) == 3:  # "1 point 5", "two point five"
        whole, frac = (str(_WORD_NUMBERS.get(w, w)) for w in (words[0], words[2]))
        return float(f"{whole}.{frac}")
    if words[0] in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[words[0]])
    return float(said.replace(",", "."))


def _unit_key(u: str) -> str:
    u = u.lower()
    return "cm" if u.startswith("c") else "mm"


# how far a part moved ("retropulsion", "diastasis"), said after or before the number
_MOVED = r"retropulsion|displacement|diastasis|distraction|offset|shortening|step-?off|separation|override|overriding"
_DISTANCE_AFTER = re.compile(
    r"\s*(above|below|from(?!\s*\d)|proximal to|distal to|beyond|superior to|inferior to|past|short of|into"
    # "6 mm of retropulsion", "1.5 cm of retraction": how far a part moved, not the finding's size
    rf"|(?:of\s+(?:\w+\s+)?)?(?:{_MOVED}|retraction|overlap|depression|widening|height\s+loss|loss\s+of\s+height)"
    # "2.5 cm deep", "2.5 cm in depth": how deep a tear goes
    r"|deep|in\s+depth"
    # "a 5 mm distance from the pleura", "a 3 mm gap", "extends a 2 cm distance": a distance or a gap, no size
    r"|distance|gap|interval\s+from|margin\s+from"
    # "10:00, 5 cm FN": how far a breast finding is from the nipple
    r"|fn|from\s+(?:the\s+)?nipple)\b",
    re.I,
)
# "previously 9 mm", "increased from 1.1 cm to 1.6 cm", "now 6 mm from 9 mm": a size the finding had before
_PRIOR_BEFORE = re.compile(
    r"(?:\b(?:previously|formerly|(?<!ranging )(?<!ranges )(?<!range )from|compared (?:to|with))|[,;(]\s*prior)"
    r"(?:\s+(?:measuring|measured|approximately|about))?\s*\(?\s*$",
    re.I,
)
# "recommend retraction by approximately 2 cm", "advance 3 cm": how far to move a tube, not a size
_DISTANCE_BEFORE = re.compile(
    r"\b(?:retract(?:ed|ion|ing|s)?|withdraw(?:n|al|ing|s)?|advanc(?:e|ed|ement|ing|es)|pull(?:ed|ing|s)?\s+back"
    r"|push(?:ed|ing)?\s+in|reposition(?:ed|ing)?)(?:\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:tube|catheter|line|tip))?"
    r"(?:\s+(?:by|of))?(?:\s+(?:approximately|about|roughly|around|at\s+least))?\s*$",
    re.I,
)
# "pubic symphysis diastasis of 3 cm", "displaced by 3 mm", "laceration depth of 2.5 cm": how far a part moved or
# how deep a tear goes, said before the number; not the finding's size
_MOVED_BEFORE = re.compile(
    rf"\b(?:{_MOVED}|displaced|retropulsed|depth)(?:\s+(?:by|of|measuring|to))?"
    r"(?:\s+(?:approximately|about|roughly|around|up\s+to|at\s+least))?\s*$",
    re.I,
)
# "<1 cm", "less than 5 mm", "subcentimetre", "sub-6 mm": the size is below the number
_BELOW_BEFORE = re.compile(r"(?:<|\b(?:less\s+than|smaller\s+than|under|below)|\bsub-?)\s*$", re.IGNORECASE)
# "up to 10 mm", "\u2264 5 mm": the size is at most the number
_AT_MOST_BEFORE = re.compile(r"(?:\u2264|\bup\s+to)\s*$", re.IGNORECASE)
# "> 2 mm", "greater than 1 cm", "exceeding 5 mm": the size is over the number
_ABOVE_BEFORE = re.compile(
    r"(?:>|\b(?:(?:greater|larger|bigger|more)\s+than|exceeding|over|above))\s*$", re.IGNORECASE
)
# "at least 3 mm", "\u2265 8 mm": the size is the number or more
_AT_LEAST_BEFORE = re.compile(r"(?:\u2265|\bat\s+least)\s*$", re.IGNORECASE)
_BOUNDS: tuple[tuple[re.Pattern[str], Bound], ...] = (
    (_BELOW_BEFORE, "below"),
    (_AT_MOST_BEFORE, "at_most"),
    (_ABOVE_BEFORE, "above"),
    (_AT_LEAST_BEFORE, "at_least"),
)
_BOUND_WINDOW = 24  # characters before a number in which its bound is said


def _bound_before(text: str, start: int) -> Bound | None:
    """Whether the number at ``start`` is said as a bound, and which."""
    lo = max(0, start - _BOUND_WINDOW)
    return next((bound for pattern, bound in _BOUNDS if pattern.search(text, lo, start)), None)


# "ranging in size from 4 mm to 9 mm", "measuring from 3 to 5 mm": the low end of a range, not a prior size
_RANGE_FROM = re.compile(r"\b(?:rang\w*|var\w*|measur\w*)(?:\s+in\s+size)?\s+from\s*$", re.I)
# "seen on 5 mm axial images", "1.25 mm reconstructions", "at 5 mm intervals", "5 mm slice thickness": how the
# study was made, not the size of anything in it
_TECHNIQUE_AFTER = re.compile(
    r"\s*(?:thick\s+|thin\s+|-\s*)?(?:(?:axial|coronal|sagittal|contiguous|helical|reformatted|multiplanar|thin|thick"
    r"|and|soft\s+tissue|lung|bone)\s+){0,4}"
    r"(?:images|slices|sections|reconstructions|reformats|reformations|cuts|collimation|intervals|increments"
    r"|slice\s+thickness|thick\s+(?:images?|slices?|sections?)|(?:axial|coronal|sagittal)\s+(?:image|slice|section))"
    r"\b(?!\s*(?:#|no\.?)?\s*\d)",
    re.I,
)
# "PSV 160 cm/s", "EDV 22 cm per second": a velocity, no size
_PER_TIME = re.compile(r"\s*(?:/|per\s+)\s*(?:s|sec|secs|second|seconds|min|minute|minutes|hr|hour)\b", re.I)
MAX_SIZE_MM = 2000.0  # two metres: larger than any structure a report measures


def find_measurements(text: str, offset: int = 0) -> list[Measurement]:
    """All size statements in ``text``; a bare number without a unit is not a size."""
    out: list[Measurement] = []
    low = text.lower()
    if "mm" not in low and "cm" not in low and "met" not in low:
        return (
            out  # (no unit: no size; most sentences, and the regex's words are dear to try at every letter)
        )
    for m in MEASUREMENT_RE.finditer(text):
        nums = [m.group(k) for k in ("a", "b", "c") if m.group(k)]
        units = [m.group(k) for k in ("ua", "ub", "uc")]
        final_unit = next((u for u in reversed(units) if u), None)
        if final_unit is None:
            continue
        # the unit written after the last number applies to axes without their own unit
        vals: list[float] = []
        for n, u in zip(nums, units, strict=False):
            key = _unit_key(u or final_unit)
            vals.append(round(_number(n) * _FACTOR[key], 2))
        if not all(0 < v <= MAX_SIZE_MM for v in vals):
            continue  # "0 mm", a 400-digit number: not a size anything in a body has
        if _TECHNIQUE_AFTER.match(text, m.end()) or _PER_TIME.match(text, m.end()):
            continue
        unit = _unit_key(final_unit)
        # numbers listed before it share its unit ("cysts measuring 3.2 and 1.8 cm", "nodules of 4, 6 and 9 mm")
        listed: list[tuple[int, int, float]] = []
        if len(nums) == 1:
            start = m.start()
            joined = _LISTED_BEFORE  # (the last one joined by "and"/"or"; those before it by commas too)
            while (b := joined.search(text, max(0, start - 40), start)) is not None:
                joined = _LISTED_BEFORE_COMMA
                v = round(_number(b.group("n")) * _FACTOR[unit], 2)
                if not 0 < v <= MAX_SIZE_MM:
                    break
                listed.insert(0, (b.start("n"), b.end("n"), v))
                start = b.start("n")
        # (what is said before the first number, or after the size, is said of them all)
        first = listed[0][0] if listed else m.start()
        lo = max(0, first - 40)
        # "tip 4 cm above the carina", "retraction by 2 cm"
        distance = (
            bool(_DISTANCE_AFTER.match(text, m.end()))
            or bool(_DISTANCE_BEFORE.search(text, lo, first))
            or bool(_MOVED_BEFORE.search(text, lo, first))
        )
        prior = bool(_PRIOR_BEFORE.search(text, lo, first)) and not _RANGE_FROM.search(text, lo, first)
        out.extend(
            Measurement(
                values_mm=(v,),
                unit=unit,
                text=text[a:b],
                span=(offset + a, offset + b),
                distance=distance,
                prior=prior,
                bound=_bound_before(text, a),
            )
            for a, b, v in listed
        )
        out.append(
            Measurement(
                values_mm=tuple(vals),
                unit=unit,
                text=m.group(0),
                span=(offset + m.start(), offset + m.end()),
                distance=distance,
                prior=prior,
                bound=_bound_before(text, m.start()),
            )
        )
    return out


# a bare number listed right before a size, which shares its unit ("3.2 and 1.8 cm", "4, 6 and 9 mm"; not a range's
# low end: "between 3 and 5 mm", "3 to 5 mm")
_LISTED_BEFORE = re.compile(
    rf"(?<![\w.])(?<!between )(?P<n>{_NUM})\s*(?:,\s*and|,\s*or|and|or|&)\s*$", re.IGNORECASE
)
_LISTED_BEFORE_COMMA = re.compile(rf"(?<![\w.])(?<!between )(?P<n>{_NUM})\s*,\s*$", re.IGNORECASE)
