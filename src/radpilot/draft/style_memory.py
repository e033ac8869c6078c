"""Site style: say "nothing acute" the way the site's radiologists say it, learned from their signed reports.

Radiologists dictate from templates, and each has a normal impression of their own ("No acute cardiopulmonary
abnormality.", "No active disease.", "Negative chest."). A style memory holds the normal impressions of a
site's signed reports with the FINDINGS they were written for. For a new FINDINGS text it finds the prior
reports whose findings share the most sentences with it (rare sentences weigh more, so a radiologist's own
template is what matches), and lets their normal impressions vote; the winner replaces the configured normal
statement. Nothing else of the impression changes.

What a remembered statement may say is checked twice, so that it can never add or contradict a finding:
- when remembered: the structuring engine reads no finding in it (present or uncertain), it has no
  de-identification token, no number other than list numbering, at most ``MAX_WORDS`` words, and none of the
  words that would make it more than "nothing acute" (a side, a recommendation, a communication, another
  body part, a disease the engine cannot read back, the study's quality: ``_UNFIT``);
- when used: every finding it says is absent ("No pneumothorax.") is said absent in the new FINDINGS too, and
  it speaks of a comparison ("No change from prior.") only when the new FINDINGS do.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from radpilot.report import Assertion, StructuredReport
from radpilot.structure import StructuringEngine, default_engine

#: The site's style memory file (written by ``radpilot style build``); every impression uses it when set.
ENV = "RADPILOT_STYLE_MEMORY"
MAX_WORDS = 20
NEIGHBOURS = 5
FORMAT = "radpilot-style-memory/1"

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_ENUMERATION = re.compile(r"(?:(?<=\s)|^)\d{1,2}[.)]\s+")
_COMPARES = re.compile(
    r"\b(stable|unchanged|change|changes|changed|prior|previous|previously|interval|again|compared|comparison|"
    r"since|improved|improvement|improving|resolved|resolving|persistent|persists|redemonstrat\w*|"
    r"worse|worsening|increased|decreased)\b",
    re.IGNORECASE,
)


# Words that make a statement more than "nothing acute": a side, a recommendation, a communication, a body
# part of another study, a disease the structuring engine cannot read back, the quality of the study, or a
# pointer to text that is not there. A statement with any of them is never remembered.
_UNFIT = re.compile(
    r"\b(left|right|bilateral|bilaterally|recommend\w*|consider\w*|please|correlat\w*|follow\w*|advis\w*|"
    r"should|critical|notif\w*|communicat\w*|discuss\w*|called|paged|primordial|veriphy|abnormal|described|"
    r"above|below|see|limited|technical\w*|suboptimal|rotated|chronic|postoperative|surgical|specifically|"
    r"tubercul\w*|tb|sarcoid\w*|etiology|hemoptysis|injury|trauma|shoulders?|spine|foot|feet|ankles?|knees?|"
    r"hips?|hands?|wrists?|elbows?|pelvis|abdomen|humerus|femur|ribs?|clavicles?|lumbar|cervical|sternum)\b",
    re.IGNORECASE,
)


class StyleMemoryError(ValueError):
    """A style memory file or a prior report that cannot be used; the message names what and where."""


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
    phrase: str  # the radiologist's normal impression, as written
    negatives: frozenset[str]  # codes it says are absent
    compares: bool


class StyleMemory:
    """Normal impressions of prior signed reports, found by their FINDINGS. Build once, reuse; read-only after."""

    def __init__(self, entries: Iterable[_Entry], neighbours: int = NEIGHBOURS, exam: str = "chest") -> None:
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

    def fits(self, exam: str) -> bool:
        """Whether this memory speaks for a study of kind ``exam`` ("chest radiograph" fits "chest")."""
        return self.exam.lower() in exam.lower()

    @classmethod
    def from_reports(
        cls,
        reports: Iterable[tuple[str, str]],
        engine: StructuringEngine | None = None,
        neighbours: int = NEIGHBOURS,
        exam: str = "chest",
    ) -> StyleMemory:
        """From (FINDINGS, IMPRESSION) pairs of signed reports; pairs whose impression names a finding, or is
        not fit to repeat, are left out."""
        eng = engine or default_engine()
        entries = []
        for findings, impression in reports:
            phrase = tidy(impression)
            sentences = _sentences(findings)
            if not phrase or not sentences or not _fit_to_repeat(phrase):
                continue
            sr = eng.structure(f"IMPRESSION: {phrase}")
            if any(f.assertion is not Assertion.ABSENT for f in sr.findings):
                continue
            negatives = frozenset(f.code for f in sr.findings if f.context is None)
            entries.append(_Entry(sentences, phrase, negatives, bool(_COMPARES.search(phrase))))
        return cls(entries, neighbours, exam)

    def normal_statement(self, findings: str, sr: StructuredReport) -> str | None:
        """The site's normal statement for these FINDINGS (structured as ``sr``), or None when no prior report
        is near enough or none of the near ones may be said of them."""
        query = _sentences(findings)
        scores: dict[int, float] = {}
        for s in query:
            w = self._idf.get(s, 0.0)
            for i in self._by_sentence.get(s, ()):
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return None
        absent = {f.code for f in sr.findings if f.assertion is Assertion.ABSENT}
        compares = bool(_COMPARES.search(findings))
        votes: dict[str, float] = {}
        taken = 0
        for i in sorted(scores, key=lambda j: (-scores[j], j)):
            e = self._entries[i]
            if not e.negatives <= absent or (e.compares and not compares):
                continue
            votes[e.phrase] = votes.get(e.phrase, 0.0) + scores[i]
            taken += 1
            if taken >= self.neighbours:
                break
        if not votes:
            return None
        best = max(votes.values())
        return min(p for p, v in votes.items() if v == best)  # ties: the same answer every time

    # --- files ------------------------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        data = {
            "format": FORMAT,
            "exam": self.exam,
            "neighbours": self.neighbours,
            "entries": [
                {
                    "sentences": sorted(e.sentences),
                    "phrase": e.phrase,
                    "negatives": sorted(e.negatives),
                    "compares": e.compares,
                }
                for e in self._entries
            ],
        }
        Path(path).write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> StyleMemory:
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
        exam = data.get("exam", "chest")
        if not isinstance(exam, str) or not exam.strip():
            raise StyleMemoryError(f"{p}: field 'exam' must be a non-empty string")
        if not isinstance(neighbours, int) or isinstance(neighbours, bool) or neighbours < 1:
            raise StyleMemoryError(f"{p}: field 'neighbours' must be a whole number >= 1")
        raw = data.get("entries")
        if not isinstance(raw, list):
            raise StyleMemoryError(f"{p}: field 'entries' must be a list")
        entries = []
        for n, item in enumerate(raw):
            where = f"{p}: entries[{n}]"
            if not isinstance(item, dict):
                raise StyleMemoryError(f"{where}: must be an object")
            sentences, phrase = item.get("sentences"), item.get("phrase")
            negatives, compares = item.get("negatives", []), item.get("compares", False)
            if not isinstance(phrase, str) or not phrase.strip():
                raise StyleMemoryError(f"{where}: field 'phrase' must be a non-empty string")
            for name, value in (("sentences", sentences), ("negatives", negatives)):
                if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                    raise StyleMemoryError(f"{where}: field '{name}' must be a list of strings")
            if not isinstance(compares, bool):
                raise StyleMemoryError(f"{where}: field 'compares' must be true or false")
            if not _fit_to_repeat(phrase):
                raise StyleMemoryError(f"{where}: field 'phrase' is not fit to repeat: {phrase!r}")
            assert isinstance(sentences, list) and isinstance(negatives, list)
            entries.append(_Entry(frozenset(sentences), phrase, frozenset(negatives), compares))
        return cls(entries, neighbours, exam)


def _fit_to_repeat(phrase: str) -> bool:
    """No de-identification token, no number but list numbering, short, nothing but "nothing acute"."""
    if "xxxx" in phrase.lower() or _UNFIT.search(phrase):
        return False
    if re.search(r"\d", without_numbers(phrase)):
        return False
    return len(phrase.split()) <= MAX_WORDS


def read_prior_reports(path: str | Path) -> list[tuple[str, str]]:
    """(FINDINGS, IMPRESSION) pairs from a JSONL file of signed reports: one object a line, either
    {"findings": ..., "impression": ...} or {"text": <the whole report>} (its FINDINGS and IMPRESSION sections
    are used). A bad line is an error naming the line; nothing is built from a half-read file."""
    from radpilot.report import parse_report

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


def site_style() -> StyleMemory | None:
    """The site's style memory named by ``RADPILOT_STYLE_MEMORY``, loaded once; None when it is not set."""
    path = os.environ.get(ENV, "").strip()
    return _load_once(path) if path else None


@cache
def _load_once(path: str) -> StyleMemory:
    try:
        return StyleMemory.load(path)
    except StyleMemoryError as exc:
        raise StyleMemoryError(f"{ENV}: {exc}") from exc
