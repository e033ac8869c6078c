"""De-identification of report text before it leaves RadPilot, and re-identification of the answer.

Names, MRNs, accession numbers and other record numbers, phone and pager numbers, e-mail addresses, street
addresses and ages over 89 become numbered placeholders (``[NAME_1]``, ``[MRN_1]``...). Dates are shifted by
one random number of days per ``Deidentifier`` (one study), so intervals between dates are kept and the
model still reads a date. The mapping never leaves the process: ``reidentify`` puts the originals back
into the model's answer and shifts its dates back.

Rules, not a model, in the spirit of the Safe Harbor list: they over-redact rather than miss (a capitalised
word after "Dr." is taken as a name), which is harmless here because the answer is re-identified. DICOM
header and burned-in PHI are the interop layer's job (images are rendered before they reach a backend).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

KINDS = ("NAME", "MRN", "ACCESSION", "ID", "PHONE", "EMAIL", "ADDRESS", "AGE")

_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

# --- dates -------------------------------------------------------------------------------------------
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-]|\.\d)")),
    (
        "mdy",
        re.compile(
            r"(?<![\w/.-])(?P<m>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/-]|\.\d)"
        ),
    ),
    (
        "month_d_y",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})(?P<dot>\.?)\s+(?P<d>\d{{1,2}})(?P<suf>st|nd|rd|th)?(?P<comma>,?)\s+(?P<y>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "d_month_y",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?P<sep>\s+|-)(?P<mon>{_MONTH_RE})(?P<dot>\.?)(?P=sep)(?P<y>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_y",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})(?P<dot>\.?)(?P<comma>,?)\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE
        ),
    ),
    ("dicom", re.compile(r"(?<![\w.-])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\w-]|\.\d)")),
]


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y <= date.today().year % 100 else 1900 + y
    return y


def _month(name: str) -> int:
    low = name.lower()
    return next(i for i, m in enumerate(_MONTHS, start=1) if m.startswith(low[:3]))


def _render_month(original: str, month: int) -> str:
    full = _MONTHS[month - 1]
    word = full if original.lower() in _MONTHS else full[:3]
    if original.isupper():
        return word.upper()
    return word.capitalize() if original[:1].isupper() else word


def _pad(original: str, value: int) -> str:
    return f"{value:02d}" if len(original) == 2 else str(value)


def _shift_date_match(kind: str, m: re.Match[str], days: int) -> str | None:
    """Render the date of ``m`` moved by ``days``, in the same format; None if it is not a real date."""
    g = m.groupdict()
    try:
        if kind == "month_y":
            d0 = date(_year(g["y"]), _month(g["mon"]), 15)
        elif "mon" in g and g.get("mon"):
            d0 = date(_year(g["y"]), _month(g["mon"]), int(g["d"]))
        else:
            d0 = date(_year(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    new = d0 + timedelta(days=days)
    y = str(new.year) if len(g["y"]) == 4 else f"{new.year % 100:02d}"
    if kind == "iso":
        return f"{y}-{_pad(g['m'], new.month)}-{_pad(g['d'], new.day)}"
    if kind == "mdy":
        return f"{_pad(g['m'], new.month)}{g['sep']}{_pad(g['d'], new.day)}{g['sep']}{y}"
    if kind == "dicom":
        return f"{new.year:04d}{new.month:02d}{new.day:02d}"
    mon = _render_month(g["mon"], new.month) + (g.get("dot") or "")
    if kind == "month_d_y":
        return f"{mon} {_pad(g['d'], new.day)}{(g.get('suf') and _suffix(new.day)) or ''}{g['comma']} {y}"
    if kind == "d_month_y":
        return f"{_pad(g['d'], new.day)}{g['sep']}{mon}{g['sep']}{y}"
    return f"{mon}{g['comma']} {y}"


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def shift_dates(
    text: str, days: int, seen: dict[str, str] | None = None, record: dict[str, str] | None = None
) -> str:
    """Move every full date in ``text`` by ``days`` (negative: earlier), keeping each date's format.

    ``seen`` maps a date string to the exact string to use for it (so a round trip restores "3/5/24" and
    not "3/05/24"); ``record`` receives new form -> original form for every date moved.
    """
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            new = _shift_date_match(kind, m, days)
            if new is None:
                continue
            if seen is not None:
                new = seen.get(m.group(0), new)
            if record is not None:
                record.setdefault(new, m.group(0))
            spans.append((m.start(), m.end(), new))
            taken.append((m.start(), m.end()))
    for s, e, new in sorted(spans, reverse=True):
        text = text[:s] + new + text[e:]
    return text


# --- identifiers ---------------------------------------------------------------------------------------
_NAME_TOKEN = r"[A-Z][A-Za-z'’-]+"
_NAME_SEQ = rf"{_NAME_TOKEN}(?:(?: |, ?|\^)(?:{_NAME_TOKEN}|[A-Z]\.?))" + r"{0,3}"
_STOP = {
    "the", "a", "an", "and", "or", "at", "on", "in", "of", "to", "for", "with", "by", "via", "was", "is",
    "who", "on-call", "team", "department", "service", "radiology", "emergency", "er", "ed", "icu", "clinic",
    "hospital", "center", "centre", "unit", "office", "nurse", "staff", "patient", "physician", "provider",
    "findings", "impression", "comparison", "technique", "indication", "history", "report", "exam", "study",
    "chest", "ct", "mri", "xr", "cxr", "pa", "ap", "md", "do", "rn", "np", "phd", "time", "date", "am", "pm",
    "today", "yesterday", "none", "no", "not", "unknown", "n/a", "mrn", "dob", "acc", "accession", "sex",
    "age", "male", "female", "phone", "tel", "address", "email", "ssn",
}  # fmt: skip
_LABELS = (
    r"patient(?:'s)?\s+name|patient|pt(?:\s+name)?|name|referring(?:\s+(?:physician|provider|doctor|clinician))?|"
    r"ordering(?:\s+(?:physician|provider|doctor|clinician))?|attending(?:\s+physician)?|radiologist|"
    r"(?:electronically\s+)?signed(?:\s+by)?|dictated(?:\s+by)?|read\s+by|reported\s+by|reviewed\s+by|"
    r"interpreted\s+by|transcribed\s+by|technologist|tech|performed\s+by|resident|fellow|requested\s+by|"
    r"cc|copy\s+to|primary\s+care(?:\s+physician)?|pcp"
)
_RE_LABELLED_NAME = re.compile(rf"(?i:\b(?:{_LABELS}))\s*[:=]\s*(?P<v>{_NAME_SEQ})")
_RE_TITLED_NAME = re.compile(
    rf"\b(?:Drs?|Mrs?|Ms|Miss|Prof|Nurse)\.?\s+(?P<v>{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|[A-Z]\.))"
    + r"{0,2})"
)
_RE_CREDENTIAL_NAME = re.compile(
    rf"(?P<v>{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|[A-Z]\.))"
    + r"{0,2}),?\s+(?:M\.?D\.?|D\.?O\.?|R\.?N\.?|N\.?P\.?|PA-C|Ph\.?D\.?|MBBS|FRCR|RT\(R\))(?![A-Za-z])"
)
_RE_ACTION_NAME = re.compile(
    r"(?i:\b(?:discussed\s+with|communicated\s+(?:to|with)|called\s+to|spoke\s+(?:to|with)|paged|"
    r"telephoned|conveyed\s+to|reviewed\s+with|notified|informed|relayed\s+to|read\s+back\s+by|acknowledged\s+by))"
    rf"\s+(?:(?:Drs?|Mrs?|Ms|Nurse|NP|PA)\.?\s+)?(?P<v>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})" + r"{0,2})"
)
_ID_VALUE = r"(?P<v>[A-Z0-9](?:[A-Z0-9-]*\d[A-Z0-9-]*|\d*))"
_RE_MRN = re.compile(
    r"(?i:\b(?:MRN|MR\s*#|MR\s+No\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|patient\s+ID|PID|"
    r"hospital\s+(?:number|no\.?)|chart\s+(?:number|no\.?|#)|UR\s+number))\s*(?:[:#=]|is)?\s*" + _ID_VALUE
)
_RE_ACCESSION = re.compile(
    r"(?i:\b(?:accession|acc(?:ession)?\.?)(?:\s*(?:number|no\.?|num|#))?)\s*[:#=]?\s*" + _ID_VALUE
)
_RE_OTHER_ID = re.compile(
    r"(?i:\b(?:order|visit|encounter|account|acct|FIN|CSN|study\s+ID|insurance|policy|member)"
    r"(?:\s*(?:number|no\.?|num|ID|#))?)\s*[:#=]\s*" + _ID_VALUE
)
_RE_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_RE_PHONE = re.compile(
    r"(?<![\w.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\w])"
)
_RE_PAGER = re.compile(r"(?i:\b(?:pager|beeper|bleep|ext(?:ension)?\.?|x)\s*#?:?\s*)(?P<v>\d{4,7})\b")
_RE_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|"
    r"Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl)"
)
_RE_ADDRESS = re.compile(
    rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\.?\s+){{1,4}}{_STREET}\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[\w-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)?(?:,\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?"
)
_RE_LABELLED_ADDRESS = re.compile(
    r"(?i:\b(?:home\s+)?address\s*:)[ \t]*(?P<v>[^\n;]+?)(?=\.(?:\s|$)|;|\s{2,}|$)", re.MULTILINE
)
_RE_ZIP = re.compile(r"(?<=\b[A-Z]{2}\s)\d{5}(?:-\d{4})?\b")
_RE_OLD_AGE = re.compile(
    r"\b(?P<v>(?:9\d|1[0-4]\d))(?=[\s-]*(?:years?|yrs?|y/?o|year-old|-year-old)\b)", re.IGNORECASE
)
_RE_PLACEHOLDER = re.compile(r"\[\s*(?P<kind>" + "|".join(KINDS) + r")[ _-]?(?P<n>\d+)\s*\]", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    priority: int


class Deidentifier:
    """One study's de-identification: a placeholder mapping and a date shift, both kept in this object."""

    def __init__(self, *, shift_days: int | None = None, known_names: Iterable[str] = ()) -> None:
        if shift_days is None:
            shift_days = -(1 + secrets.randbelow(365))
        if shift_days == 0:
            raise ValueError("shift_days must not be 0 (dates would pass through unchanged)")
        self.shift_days = shift_days
        self._by_original: dict[tuple[str, str], str] = {}
        self._originals: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._name_parts: dict[str, str] = {}  # lower-cased name token -> the name it came from
        self._shifted: dict[str, str] = {}  # shifted date string -> the original string
        self._name_pattern: re.Pattern[str] | None = None
        self.add_known_names(known_names)

    # -- mapping ---------------------------------------------------------------------------------
    @property
    def mapping(self) -> dict[str, str]:
        """Placeholder -> original (for audit inside RadPilot; never send it anywhere)."""
        return dict(self._originals)

    def _placeholder(self, kind: str, original: str) -> str:
        # One placeholder per surface form, so the answer comes back exactly as written ("Mr. Doe" stays
        # "Mr. Doe", "DOE, JOHN" stays "DOE, JOHN").
        key = (kind, original.strip())
        if key in self._by_original:
            return self._by_original[key]
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        ph = f"[{kind}_{n}]"
        self._by_original[key] = ph
        self._originals[ph] = original
        if kind == "NAME":
            self._remember_name(original)
        return ph

    def _remember_name(self, original: str) -> None:
        tokens = [t for t in _name_tokens(original) if t not in self._name_parts]
        if not tokens:
            return
        self._name_parts.update(dict.fromkeys(tokens, original))
        words = sorted(self._name_parts, key=len, reverse=True)
        self._name_pattern = re.compile(
            r"(?<![\w\[])(?:" + "|".join(map(re.escape, words)) + r")(?![\w\]])", re.IGNORECASE
        )

    def add_known_names(self, names: Iterable[str]) -> None:
        """Names the caller knows (patient, referring physician: from the order or the DICOM header).

        DICOM person names (``DOE^JOHN^A``) are accepted; each part of three letters or more is also
        matched on its own, case-insensitively, wherever it stands as a word.
        """
        for name in names:
            if name.strip():
                self._remember_name(name)

    # -- de-identify -----------------------------------------------------------------------------------
    def deidentify(self, text: str) -> str:
        spans = self._find(text)
        out = []
        last = 0
        for span in spans:
            out.append(text[last : span.start])
            original = text[span.start : span.end]
            out.append(self._placeholder(span.kind, original))
            last = span.end
        out.append(text[last:])
        result = "".join(out)
        if self._name_pattern is not None:
            pattern = self._name_pattern
            result = pattern.sub(lambda m: self._placeholder("NAME", m.group(0)), result)
        return shift_dates(result, self.shift_days, record=self._shifted)

    def _find(self, text: str) -> list[_Span]:
        found: list[_Span] = []

        def add(
            pattern: re.Pattern[str], kind: str, priority: int, check: Callable[[str], bool] | None = None
        ) -> None:
            for m in pattern.finditer(text):
                group = "v" if "v" in pattern.groupindex else 0
                start, end = m.span(group)
                value = m.group(group)
                if kind == "NAME":
                    start, end, value = _trim_name(text, start, end)
                if end <= start or (check is not None and not check(value)):
                    continue
                found.append(_Span(start, end, kind, priority))

        add(_RE_EMAIL, "EMAIL", 0)
        add(_RE_MRN, "MRN", 1, _has_digit)
        add(_RE_ACCESSION, "ACCESSION", 1, _has_digit)
        add(_RE_OTHER_ID, "ID", 1, _has_digit)
        add(_RE_SSN, "ID", 1)
        add(_RE_LABELLED_ADDRESS, "ADDRESS", 2)
        add(_RE_ADDRESS, "ADDRESS", 2)
        add(_RE_ZIP, "ADDRESS", 3)
        add(_RE_PHONE, "PHONE", 3)
        add(_RE_PAGER, "PHONE", 4)
        add(_RE_LABELLED_NAME, "NAME", 5)
        add(_RE_TITLED_NAME, "NAME", 5)
        add(_RE_CREDENTIAL_NAME, "NAME", 6)
        add(_RE_ACTION_NAME, "NAME", 6)
        add(_RE_OLD_AGE, "AGE", 7)
        chosen: list[_Span] = []
        for span in sorted(found, key=lambda s: (s.priority, s.start, -(s.end - s.start))):
            if all(span.end <= c.start or span.start >= c.end for c in chosen):
                chosen.append(span)
        return sorted(chosen, key=lambda s: s.start)

    # -- re-identify -----------------------------------------------------------------------------------
    def reidentify(self, text: str) -> str:
        """Put the originals back and shift dates back. Unknown placeholders are left as they are."""
        shifted = shift_dates(text, -self.shift_days, self._shifted)

        def back(m: re.Match[str]) -> str:
            ph = f"[{m.group('kind').upper()}_{int(m.group('n'))}]"
            return self._originals.get(ph, m.group(0))

        return _RE_PLACEHOLDER.sub(back, shifted)

    def reidentify_json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.reidentify(value)
        if isinstance(value, list):
            return [self.reidentify_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.reidentify_json(v) for k, v in value.items()}
        return value


class StreamReidentifier:
    """Wraps a stream callback for a de-identified call: text is released a line at a time, re-identified,
    so that a placeholder or a date split across chunks is restored whole. ``flush`` sends the rest."""

    def __init__(self, deid: Deidentifier, callback: Callable[[str], None]) -> None:
        self._deid = deid
        self._callback = callback
        self._buffer = ""

    def __call__(self, chunk: str) -> None:
        self._buffer += chunk
        cut = self._buffer.rfind("\n")
        if cut >= 0:
            ready, self._buffer = self._buffer[: cut + 1], self._buffer[cut + 1 :]
            self._callback(self._deid.reidentify(ready))

    def flush(self) -> None:
        if self._buffer:
            ready, self._buffer = self._buffer, ""
            self._callback(self._deid.reidentify(ready))


def _name_tokens(text: str) -> list[str]:
    return [
        t
        for t in (w.lower().strip(".'’") for w in re.split(r"[\s,^]+", text))
        if len(t) >= 3 and t not in _STOP
    ]


def _has_digit(value: str) -> bool:
    return any(c.isdigit() for c in value)


def _trim_name(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop leading/trailing words that are not names ("Dr. Smith The patient" -> "Smith")."""
    words = list(re.finditer(r"[^\s,^]+", text[start:end]))
    keep = []
    for w in words:
        if w.group(0).lower().strip(".") in _STOP:
            break
        keep.append(w)
    if not keep:
        return start, start, ""
    s = start + keep[0].start()
    e = start + keep[-1].end()
    value = text[s:e]
    return s, e, value
