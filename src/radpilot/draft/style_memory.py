"""Site style: say "nothing acute" the way the site's radiologists say it, learned from their signed reports.

Radiologists dictate from templates, and each has a normal impression of their own ("No acute cardiopulmonary
abnormality.", "No active disease.", "Negative chest."). A style memory holds the normal impressions of a
site's signed reports with the FINDINGS they were written for. For a new FINDINGS text it finds the prior
reports whose findings share the most sentences with it (rare sentences weigh more, so a radiologist's own
template is what matches), and lets their normal impressions vote; the winner replaces the configured normal
statement. Nothing else of the impression changes.

A remembered statement can never add or contradict a finding. It is checked when remembered (and again when a
memory file is loaded: the file is not trusted):
- every word of it is a word of "nothing acute" (``NORMAL_WORDS``: no, negative, normal, clear, acute,
  cardiopulmonary, disease, evidence...), a word of sameness (``SAME_WORDS``: stable, unchanged, no change...),
  or a word of a finding it says is absent ("No pneumothorax or effusion."), as the structuring engine reads
  it. So it names no finding, side, place, procedure, recommendation, communication, other study or clinical
  context;
- the engine reads no finding in it as present or uncertain; it has no number but list numbering and at most
  ``MAX_WORDS`` words.
And it is checked when used, against the new FINDINGS:
- every finding it says is absent is said absent there too;
- a statement that says more than "nothing acute" ("Normal chest.", "Clear lungs.": no "acute" or "active")
  is used only when the FINDINGS hold no finding at all (not even a chronic one);
- a statement of sameness ("Stable chest. No change.") is used only when the FINDINGS say something is
  stable or unchanged, do not say there is nothing to compare with, and name nothing new, worse or better.
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

from radpilot.report import Assertion, Change, StructuredReport, parse_report
from radpilot.structure import StructuringEngine, default_engine

#: The site's style memory file (written by ``radpilot style build``); every impression uses it when set.
ENV = "RADPILOT_STYLE_MEMORY"
MAX_WORDS = 20
NEIGHBOURS = 5
FORMAT = "radpilot-style-memory/1"

#: The words a "nothing acute" statement is made of.
NORMAL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "nor",
        "of",
        "for",
        "the",
        "in",
        "on",
        "to",
        "is",
        "are",
        "be",
        "been",
        "there",
        "no",
        "not",
        "none",
        "negative",
        "normal",
        "normally",
        "unremarkable",
        "clear",
        "acute",
        "active",
        "cardiopulmonary",
        "pulmonary",
        "cardiac",
        "cardiothoracic",
        "intrathoracic",
        "chest",
        "lung",
        "lungs",
        "heart",
        "disease",
        "diseases",
        "abnormality",
        "abnormalities",
        "finding",
        "findings",
        "process",
        "processes",
        "evidence",
        "radiographic",
        "radiographically",
        "seen",
        "identified",
        "apparent",
        "visible",
        "visualized",
        "significant",
        "exam",
        "examination",
        "study",
        "radiograph",
        "radiographs",
        "film",
        "films",
        "x",
        "ray",
        "xray",
        "definite",
        "definitely",
        "obvious",
        "demonstrated",
        "noted",
        "detected",
        "identifiable",
        "appreciable",
        "appreciated",
        "focal",
        "with",
        "without",
    ]
)
#: Words of sameness with an earlier study; a statement with them is used only after FINDINGS that compare.
SAME_WORDS = frozenset(
    [
        "stable",
        "unchanged",
        "change",
        "changes",
        "interval",
        "prior",
        "previous",
        "compared",
        "comparison",
        "similar",
    ]
)
_QUALIFIERS = frozenset({"acute", "active"})
# Findings whose very denial tells a clinical story the new study may not have ("no evidence of metastatic
# disease": a cancer follow-up; "no evidence for heart failure"): never repeated, even when denied there too.
_CONTEXT_WORDS = frozenset(
    {
        "metastatic",
        "metastasis",
        "metastases",
        "malignancy",
        "malignant",
        "cancer",
        "tumor",
        "tumour",
        "lymphoma",
    }
    | {"failure", "chf", "tuberculosis", "tuberculous", "injury", "injuries", "trauma", "traumatic"}
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z]+")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_ENUMERATION = re.compile(r"(?:(?<=\s)|^)\d{1,2}[.)]\s+")
_SAME_IN_FINDINGS = re.compile(
    r"\b(stable|unchanged|no (?:significant |interval |appreciable )?change|similar|again|redemonstrat\w*)\b"
)
_NOTHING_TO_COMPARE = re.compile(
    r"\b(no (?:prior|previous|old|comparison)|without (?:prior|comparison)|comparison:? none|"
    r"none (?:available|for comparison)|not available for comparison)\b"
)
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
    out = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", out, flags=re.IGNORECASE)  # "No acute acute disease."
    if out and out[-1] not in ".!?":
        out += "."
    return out


def without_numbers(phrase: str) -> str:
    """The statement without its list numbering ("1. No acute disease. 2. No effusion." -> "No acute disease.
    No effusion."), for when it follows numbered findings."""
    return _SPACES.sub(" ", _ENUMERATION.sub("", phrase)).strip()


@dataclass(frozen=True, slots=True)
class _Statement:
    phrase: str  # as the radiologist wrote it, tidied
    negatives: frozenset[str]  # codes it says are absent
    same: bool  # it speaks of sameness with an earlier study
    qualified: bool  # it says only that nothing *acute* (or active) is seen


@dataclass(frozen=True, slots=True)
class _Entry:
    sentences: frozenset[str]  # the prior FINDINGS' sentences, normalized
    statement: _Statement


def read_statement(impression: str, engine: StructuringEngine | None = None) -> _Statement | None:
    """The impression as a "nothing acute" statement fit to repeat, or None (see the module's rules)."""
    phrase = tidy(impression)
    bare = without_numbers(phrase)
    if not bare or re.search(r"\d", bare) or len(bare.split()) > MAX_WORDS:
        return None
    sr = (engine or default_engine()).structure(f"IMPRESSION: {bare}")
    if any(f.assertion is not Assertion.ABSENT or f.context is not None for f in sr.findings):
        return None
    # a history, an indication or a hypothetical ("to rule out pneumonia") is more than "nothing acute", and so
    # is an organ's size said normal ("heart size upper limits of normal"): a finding of its own
    if sr.other_mentions or any(f.rule == "compound" for f in sr.findings):
        return None
    words = _WORD.findall(bare.lower())
    allowed = NORMAL_WORDS | SAME_WORDS | {w for f in sr.findings for w in _WORD.findall(f.text.lower())}
    if not words or any(w not in allowed or w in _CONTEXT_WORDS for w in words):
        return None
    return _Statement(
        phrase=phrase,
        negatives=frozenset(f.code for f in sr.findings),
        same=any(w in SAME_WORDS for w in words),
        qualified=any(w in _QUALIFIERS for w in words),
    )


class StyleMemory:
    """Normal impressions of prior signed reports, found by their FINDINGS. Build once, reuse; read-only after
    (safe to share between threads)."""

    def __init__(self, entries: Iterable[_Entry], neighbours: int = NEIGHBOURS, exam: str = "chest") -> None:
        if neighbours < 1:
            raise ValueError(f"neighbours must be at least 1, not {neighbours}")
        if not exam.strip():
            raise ValueError("exam must name the kind of study, e.g. 'chest'")
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
        return [e.statement.phrase for e in self._entries]

    def fits(self, exam: str) -> bool:
        """Whether this memory speaks for a study of kind ``exam``: every word of its own kind is in it
        ("chest" fits "XR CHEST 2 VIEWS") and it names no other modality (not "CT chest")."""
        words = set(_WORD.findall(exam.lower()))
        return set(_WORD.findall(self.exam.lower())) <= words and not words & _OTHER_MODALITIES

    @classmethod
    def from_reports(
        cls,
        reports: Iterable[tuple[str, str]],
        engine: StructuringEngine | None = None,
        neighbours: int = NEIGHBOURS,
        exam: str = "chest",
    ) -> StyleMemory:
        """From (FINDINGS, IMPRESSION) pairs of signed reports; pairs whose impression is more than "nothing
        acute", or is not fit to repeat, are left out."""
        eng = engine or default_engine()
        read: dict[str, _Statement | None] = {}
        entries = []
        for findings, impression in reports:
            sentences = _sentences(_findings_body(findings))
            if not sentences:
                continue
            key = tidy(impression)
            if key not in read:
                read[key] = read_statement(impression, eng)
            statement = read[key]
            if statement is not None:
                entries.append(_Entry(sentences, statement))
        return cls(entries, neighbours, exam)

    def normal_statement(self, findings: str, sr: StructuredReport) -> str | None:
        """The site's normal statement for these FINDINGS (structured as ``sr``), or None when no prior report
        is near enough or none of the near ones may be said of them."""
        body = _findings_body(findings)
        scores: dict[int, float] = {}
        for s in _sentences(body):
            w = self._idf.get(s, 0.0)
            for i in self._by_sentence.get(s, ()):
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return None
        absent = {f.code for f in sr.findings if f.assertion is Assertion.ABSENT}
        nothing_found = not any(f.assertion is not Assertion.ABSENT for f in sr.findings)
        low = body.lower()
        compares = (
            bool(_SAME_IN_FINDINGS.search(low))
            and not _NOTHING_TO_COMPARE.search(low)
            and not any(
                f.change in (Change.NEW, Change.WORSENED, Change.IMPROVED)
                for f in sr.findings
                if f.assertion is not Assertion.ABSENT
            )
        )
        votes: dict[str, float] = {}
        taken = 0
        for i in sorted(scores, key=lambda j: (-scores[j], j)):
            st = self._entries[i].statement
            if (
                not st.negatives <= absent
                or (st.same and not compares)
                or (not st.qualified and not nothing_found)
            ):
                continue
            votes[st.phrase] = votes.get(st.phrase, 0.0) + scores[i]
            taken += 1
            if taken >= self.neighbours:
                break
        if not votes:
            return None
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
            "entries": [
                {"sentences": sorted(e.sentences), "phrase": e.statement.phrase} for e in self._entries
            ],
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
    def load(cls, path: str | Path, engine: StructuringEngine | None = None) -> StyleMemory:
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
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StyleMemoryError(f"{p}: not a style memory (field 'format' must be {FORMAT!r})")
        neighbours = data.get("neighbours", NEIGHBOURS)
        if not isinstance(neighbours, int) or isinstance(neighbours, bool) or neighbours < 1:
            raise StyleMemoryError(f"{p}: field 'neighbours' must be a whole number >= 1")
        exam = data.get("exam", "chest")
        if not isinstance(exam, str) or not exam.strip():
            raise StyleMemoryError(f"{p}: field 'exam' must be a non-empty string")
        raw = data.get("entries")
        if not isinstance(raw, list):
            raise StyleMemoryError(f"{p}: field 'entries' must be a list")
        eng = engine or default_engine()
        read: dict[str, _Statement | None] = {}
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
            if phrase not in read:
                read[phrase] = read_statement(phrase, eng)
            statement = read[phrase]
            if statement is None:
                raise StyleMemoryError(
                    f"{where}: field 'phrase' is not a 'nothing acute' statement fit to repeat: {phrase!r}"
                )
            entries.append(_Entry(frozenset(sentences), statement))
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
