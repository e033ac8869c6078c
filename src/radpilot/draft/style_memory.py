"""Site style: say "nothing acute" the way the site's radiologists say it, learned from their signed reports.

Radiologists dictate from templates, and each has a normal impression of their own ("No acute cardiopulmonary
abnormality.", "No active disease.", "1. No acute radiographic cardiopulmonary process."). A style memory holds the normal impressions of a
site's signed reports with the FINDINGS they were written for. For a new FINDINGS text it finds the prior
reports whose findings share the most sentences with it (rare sentences weigh more, so a radiologist's own
template is what matches), and lets their normal impressions vote; the winner replaces the configured normal
statement. Nothing else of the impression changes.

A remembered statement can never add or contradict a finding, because it can only be another wording of the
one statement the writer makes anyway, "no acute cardiopulmonary abnormality": every sentence of it must read,
as a whole, as a closed grammar of that statement (``_NOTHING_ACUTE``: "No acute cardiopulmonary disease.",
"Negative for acute abnormality.", "No evidence of active disease.", "There is no radiographic evidence of
acute cardiopulmonary process.", optionally numbered "1."). A statement that names any finding, side, place,
procedure, comparison, recommendation, communication, other study, clinical context, or says more than
"nothing acute" ("Normal chest.", "Clear lungs.", "Negative.") is never remembered. It is checked when
remembered and again whenever a memory file is loaded: the file is not trusted. It is used exactly where the
writer would say "No acute cardiopulmonary abnormality." (nothing acute in the findings), and only for the kind
of study it was learned from.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from radpilot.report import parse_report

#: The site's style memory file (written by ``radpilot style build``); every impression uses it when set.
ENV = "RADPILOT_STYLE_MEMORY"
NEIGHBOURS = 5
FORMAT = "radpilot-style-memory/1"

# One sentence of "nothing acute": a negation, at most one hedge-free qualifier pair that says *acute* or
# *active*, the organs it is about, and a noun for "something wrong" ("No acute or active cardiac, pulmonary or
# pleural disease"; "There is no radiographic evidence of acute cardiopulmonary process identified").
_ORGANS = (
    r"(?:cardiopulmonary|pulmonary|cardiac|cardiothoracic|intrathoracic|thoracic|chest|lung|pleural|heart)"
)
_NOTHING_ACUTE = re.compile(
    r"(?:there\s+(?:is|are)\s+)?(?:no|negative\s+for)\s+"
    r"(?:(?:radiographic(?:ally)?\s+)?(?:evidence|signs?|findings?)\s+(?:of|for)\s+(?:an?\s+)?)?"
    r"(?:(?:significant|visible|visualized|definite|obvious)\s+)?"
    r"(?:acute|active)(?:\s*(?:or|and|/)\s*(?:acute|active))?\s+"
    r"(?:radiographic(?:ally)?\s+)?(?:visualized\s+)?"
    rf"(?:{_ORGANS}(?:\s*,\s*{_ORGANS})*(?:,?\s+(?:or|and)\s+{_ORGANS})?\s+)?"
    r"(?:disease(?:\s+process)?|diseases|abnormality|abnormalities|findings?|process(?:es)?|pathology)"
    r"(?:\s+(?:is\s+|are\s+)?(?:identified|seen|demonstrated|noted|detected|visualized|evident|present))?"
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_STATEMENT_SENTENCES = re.compile(r"[.;]\s*")
_WORD = re.compile(r"[a-z]+")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_ENUMERATION = re.compile(r"(?:(?<=\s)|^)\d{1,2}[.)]\s+")
_OTHER_MODALITIES = frozenset(
    {"ct", "cta", "mr", "mri", "mra", "us", "ultrasound", "sonogram", "sonography", "pet", "nm", "spect"}
)


class StyleMemoryError(ValueError):
    """A style memory file or a prior report that cannot be used; the message names what and where."""


def _findings_body(text: str) -> str:
    """The FINDINGS section's text (a text without headers is all findings)."""
    report = parse_report(text)
    return report.section_text("findings") or text


def _sentences(text: str) -> frozenset[str]:
    out = set()
    for raw in _SENTENCE.split(text):
        s = _SPACES.sub(" ", _NOT_LETTERS.sub(" ", raw.lower())).strip()
        if len(s.split()) >= 2:
            out.add(s)
    return frozenset(out)


def tidy(phrase: str) -> str:
    """One line, no space before a stop, no doubled stops, ending with a period ("No acute disease. ." ->
    "No acute disease.")."""
    out = _SPACES.sub(" ", phrase).strip()
    out = re.sub(r"\s+([.,;:])", r"\1", out)
    out = re.sub(r"([.,;:])(?:\s*[.,;:])+", r"\1", out)
    out = out.strip(" ,;:")
    if out and out[-1] not in ".!?":
        out += "."
    return out


def without_numbers(phrase: str) -> str:
    """The statement without its list numbering ("1. No acute disease. 2. No effusion." -> "No acute disease.
    No effusion."), for when it follows numbered findings."""
    return _SPACES.sub(" ", _ENUMERATION.sub("", phrase)).strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    sentences: frozenset[str]  # the prior FINDINGS' sentences, normalized
    phrase: str  # the radiologist's "nothing acute" statement, as written (tidied)


def read_statement(impression: str) -> str | None:
    """The impression, tidied, when it is only "nothing acute" in some radiologist's words; else None."""
    phrase = tidy(impression)
    if not phrase or not phrase.isascii() or len(phrase) > 200:
        return None
    body = phrase[3:] if re.match(r"1[.)] ", phrase) else phrase  # "1. No acute disease." (one numbered line)
    sentences = [x.strip() for x in _STATEMENT_SENTENCES.split(body) if x.strip()]
    if not sentences or len(sentences) > 3:
        return None
    for sentence in sentences:
        if not _NOTHING_ACUTE.fullmatch(_SPACES.sub(" ", sentence.lower())):
            return None
    return phrase


class StyleMemory:
    """Normal impressions of prior signed reports, found by their FINDINGS. Build once, reuse; read-only after
    (safe to share between threads)."""

    def __init__(self, entries: Iterable[_Entry], neighbours: int = NEIGHBOURS, exam: str = "chest") -> None:
        if neighbours < 1:
            raise ValueError(f"neighbours must be at least 1, not {neighbours}")
        if not _WORD.findall(exam.lower()):
            raise ValueError("exam must name the kind of study in words, e.g. 'chest'")
        self._entries = tuple(entries)
        self.neighbours = neighbours
        self.exam = exam  # the kind of study the reports were of: used only for such studies
        df: Counter[str] = Counter(s for e in self._entries for s in e.sentences)
        n = max(len(self._entries), 1)
        self._idf = {s: math.log(1.0 + n / c) for s, c in df.items()}  # rare sentences weigh more
        self._by_sentence: dict[str, list[int]] = {}
        for i, e in enumerate(self._entries):
            for s in e.sentences:
                self._by_sentence.setdefault(s, []).append(i)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def phrases(self) -> list[str]:
        """The remembered statements, one per prior report."""
        return [e.phrase for e in self._entries]

    def fits(self, exam: str) -> bool:
        """Whether this memory speaks for a study of kind ``exam``: every word of its own kind is in it
        ("chest" fits "XR CHEST 2 VIEWS") and it names no other modality (not "CT chest")."""
        words = set(_WORD.findall(exam.lower()))
        return set(_WORD.findall(self.exam.lower())) <= words and not words & _OTHER_MODALITIES

    @classmethod
    def from_reports(
        cls,
        reports: Iterable[tuple[str, str]],
        neighbours: int = NEIGHBOURS,
        exam: str = "chest",
    ) -> StyleMemory:
        """From (FINDINGS, IMPRESSION) pairs of signed reports; pairs whose impression is more than "nothing
        acute" are left out."""
        read: dict[str, str | None] = {}
        entries = []
        for findings, impression in reports:
            sentences = _sentences(_findings_body(findings))
            if not sentences:
                continue
            if impression not in read:
                read[impression] = read_statement(impression)
            phrase = read[impression]
            if phrase is not None:
                entries.append(_Entry(sentences, phrase))
        return cls(entries, neighbours, exam)

    def normal_statement(self, findings: str, *, body: str | None = None) -> str | None:
        """The site's words for "no acute cardiopulmonary abnormality" after these FINDINGS, or None when no
        prior report is near enough. The caller says it only where it would say its own normal statement.
        ``body``: the FINDINGS section's text when the caller has already parsed the report."""
        if not self._entries:
            return None
        scores: dict[int, float] = {}
        for s in _sentences(body if body is not None else _findings_body(findings)):
            w = self._idf.get(s, 0.0)
            for i in self._by_sentence.get(s, ()):
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return None
        votes: dict[str, float] = {}
        for i in sorted(scores, key=lambda j: (-scores[j], j))[: self.neighbours]:
            phrase = self._entries[i].phrase
            votes[phrase] = votes.get(phrase, 0.0) + scores[i]
        best = max(votes.values())
        return min(p for p, v in votes.items() if v == best)  # ties: the same answer every time

    # --- files ------------------------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the memory whole or not at all (a temporary file in the same folder, then renamed)."""
        target = Path(path)
        data = {
            "format": FORMAT,
            "exam": self.exam,
            "neighbours": self.neighbours,
            "entries": [{"sentences": sorted(e.sentences), "phrase": e.phrase} for e in self._entries],
        }
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | Path) -> StyleMemory:
        """Read a memory file, checking every statement again as when it was remembered."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise StyleMemoryError(f"{p}: cannot read the style memory: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise StyleMemoryError(
                f"{p}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from exc
        except (RecursionError, ValueError) as exc:  # nested too deep, a number too long to read
            raise StyleMemoryError(f"{p}: not JSON this program can read ({type(exc).__name__})") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StyleMemoryError(f"{p}: not a style memory (field 'format' must be {FORMAT!r})")
        neighbours = data.get("neighbours", NEIGHBOURS)
        if not isinstance(neighbours, int) or isinstance(neighbours, bool) or neighbours < 1:
            raise StyleMemoryError(f"{p}: field 'neighbours' must be a whole number >= 1")
        exam = data.get("exam", "chest")
        if not isinstance(exam, str) or not _WORD.findall(exam.lower()):
            raise StyleMemoryError(f"{p}: field 'exam' must name the kind of study in words, e.g. 'chest'")
        raw = data.get("entries")
        if not isinstance(raw, list):
            raise StyleMemoryError(f"{p}: field 'entries' must be a list")
        entries = []
        for n, item in enumerate(raw):
            where = f"{p}: entries[{n}]"
            if not isinstance(item, dict):
                raise StyleMemoryError(f"{where}: must be an object")
            sentences, phrase = item.get("sentences"), item.get("phrase")
            if not isinstance(phrase, str) or not phrase.strip():
                raise StyleMemoryError(f"{where}: field 'phrase' must be a non-empty string")
            if not isinstance(sentences, list) or not all(isinstance(x, str) for x in sentences):
                raise StyleMemoryError(f"{where}: field 'sentences' must be a list of strings")
            checked = read_statement(phrase)
            if checked is None:
                raise StyleMemoryError(
                    f"{where}: field 'phrase' is not a 'nothing acute' statement: {phrase!r}"
                )
            entries.append(_Entry(frozenset(sentences), checked))
        return cls(entries, neighbours, exam)


def site_style() -> StyleMemory | None:
    """The site's style memory named by ``RADPILOT_STYLE_MEMORY``; None when it is not set. Read again when the
    file changes (a rebuilt memory is used without a restart)."""
    path = os.environ.get(ENV, "").strip()
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError as exc:
        raise StyleMemoryError(f"{ENV}: {path}: cannot read the style memory: {exc}") from exc
    return _load_once(path, st.st_mtime_ns, st.st_size)


@cache
def _load_once(path: str, _mtime_ns: int, _size: int) -> StyleMemory:
    try:
        return StyleMemory.load(path)
    except StyleMemoryError as exc:
        raise StyleMemoryError(f"{ENV}: {exc}") from exc


def read_prior_reports(path: str | Path) -> list[tuple[str, str]]:
    """(FINDINGS, IMPRESSION) pairs from a JSONL file of signed reports: one object a line, either
    {"findings": ..., "impression": ...} or {"text": <the whole report>} (its FINDINGS and IMPRESSION sections
    are used). A bad line is an error naming the line; nothing is built from a half-read file."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StyleMemoryError(f"{p}: cannot read the prior reports: {exc}") from exc
    pairs: list[tuple[str, str]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StyleMemoryError(f"{p}: line {n}: not JSON ({exc.msg})") from exc
        except (RecursionError, ValueError) as exc:
            raise StyleMemoryError(
                f"{p}: line {n}: not JSON this program can read ({type(exc).__name__})"
            ) from exc
        if not isinstance(item, dict):
            raise StyleMemoryError(f"{p}: line {n}: must be a JSON object")
        if "text" in item:
            if not isinstance(item["text"], str):
                raise StyleMemoryError(f"{p}: line {n}: field 'text' must be a string")
            report = parse_report(item["text"])
            pairs.append((report.section_text("findings"), report.section_text("impression")))
            continue
        findings, impression = item.get("findings"), item.get("impression")
        if not isinstance(findings, str) or not isinstance(impression, str):
            raise StyleMemoryError(
                f"{p}: line {n}: needs 'findings' and 'impression' strings, or a 'text' string"
            )
        pairs.append((findings, impression))
    return pairs
