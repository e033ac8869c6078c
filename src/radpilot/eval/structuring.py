"""Structuring benchmark on the IU reports: RadPilot's engine vs medspaCy ConText over the same lexicon.

Scoring follows shared/eval/iu_xray_labels.yaml: a label is predicted when a finding's code (or a broader code
it ``is_a``, e.g. endotracheal_tube -> support_device) is listed under the label's codes with assertion present
or uncertain; ``normal`` is predicted from ``normal: true``.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from radpilot.eval.iu import IUReport, label_specs, truth_labels
from radpilot.eval.metrics import LabelScores
from radpilot.report import Assertion
from radpilot.structure import ancestors, default_engine, default_lexicon

# (codes predicted positive, codes predicted present-only, normal)
Prediction = tuple[set[str], set[str], bool]
Labeler = Callable[[str], Prediction]


def radpilot_labeler() -> Labeler:
    engine = default_engine()
    lex = default_lexicon()
    closure: dict[str, set[str]] = {}

    def expand(code: str) -> set[str]:
        got = closure.get(code)
        if got is None:
            got = closure[code] = ancestors(lex, code)
        return got

    def label(text: str) -> Prediction:
        sr = engine.structure(text)
        pos: set[str] = set()
        present: set[str] = set()
        for f in sr.findings:
            if f.assertion is Assertion.ABSENT:
                continue
            codes = expand(f.code)
            pos |= codes
            if f.assertion is Assertion.PRESENT:
                present |= codes
        return pos, present, sr.normal

    return label


def labels_from_codes(codes: set[str]) -> dict[str, bool]:
    return {s.name: any(c in codes for c in s.codes) for s in label_specs() if s.name != "normal"}


@dataclass(slots=True)
class RunResult:
    name: str
    scores: LabelScores
    present_scores: LabelScores
    seconds: float
    n: int
    peak_mb: float | None = None

    @property
    def reports_per_s(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


def score(reports: Sequence[IUReport], preds: Sequence[Prediction], name: str, seconds: float) -> RunResult:
    scores = LabelScores()
    present_scores = LabelScores()
    for r, (pos, present, normal) in zip(reports, preds, strict=True):
        truth = truth_labels(r)
        plab = labels_from_codes(pos)
        prlab = labels_from_codes(present)
        for lab, t in truth.items():
            if lab == "normal":
                scores.add("normal", t, normal)
                present_scores.add("normal", t, normal)
                continue
            scores.add(lab, t, plab[lab])
            present_scores.add(lab, t, prlab[lab])
    return RunResult(name, scores, present_scores, seconds, len(reports))


def run(labeler: Labeler, reports: Sequence[IUReport], name: str, measure_memory: bool = False) -> RunResult:
    texts = [r.labelled_text for r in reports]
    gc.collect()
    t0 = time.perf_counter()
    preds = [labeler(t) for t in texts]
    seconds = time.perf_counter() - t0
    result = score(reports, preds, name, seconds)
    if measure_memory:
        tracemalloc.start()
        for t in texts:
            labeler(t)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result.peak_mb = peak / 1e6
    return result


def errors(labeler: Labeler, reports: Sequence[IUReport], label: str) -> list[dict[str, Any]]:
    """False positives and negatives for one label (for rule development on the dev split only)."""
    out = []
    for r in reports:
        truth = truth_labels(r)[label]
        pos, _, normal = labeler(r.labelled_text)
        pred = normal if label == "normal" else labels_from_codes(pos)[label]
        if pred != truth:
            out.append(
                {
                    "number": r.number,
                    "truth": truth,
                    "pred": pred,
                    "mesh": r.mesh_major,
                    "text": r.labelled_text,
                }
            )
    return out
