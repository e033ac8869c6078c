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


def _bench_texts(limit: int | None) -> list[str]:
    """The labelled texts the throughput is measured on: the dev split, then the test split (first N of each)."""
    from radpilot.eval.iu import iu_reports

    splits = [iu_reports(split) for split in ("dev", "test")]
    return [r.labelled_text for reports in splits for r in (reports[:limit] if limit else reports)]


def _one_pass(labeler: Labeler, texts: Sequence[str]) -> float:
    from radpilot.structure import default_engine

    default_engine().clear_cache()  # each pass cold: repeats within the corpus count, repeats of the pass not
    t0 = time.perf_counter()
    for text in texts:
        labeler(text)
    return time.perf_counter() - t0


def timing_child(limit: int | None) -> None:
    """The source build's side of :func:`throughput`: one timed pass per line read from stdin."""
    import sys

    texts, labeler = _bench_texts(limit), radpilot_labeler()
    print("ready", flush=True)
    for _ in sys.stdin:
        print(_one_pass(labeler, texts), flush=True)


def throughput(limit: int | None, passes: int = 3) -> dict[str, float]:
    """Reports per second over the labelled texts, in this process, ``passes`` times over.

    Where this process runs the compiled hot path, the source build is timed beside it in a second process,
    pass for pass alternating (a busy minute on a shared host then weighs on both alike): ``{"this": r/s,
    "source": r/s}``; otherwise ``{"this": r/s}``.
    """
    import os
    import subprocess
    import sys

    from radpilot import compiled

    texts, labeler = _bench_texts(limit), radpilot_labeler()
    child = None
    if compiled.state().build == "compiled":
        code = f"from radpilot.eval.structuring import timing_child; timing_child({limit!r})"
        child = subprocess.Popen(
            [sys.executable, "-c", code],
            env={**os.environ, "RADPILOT_COMPILED": "0"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            child.kill()
            child.wait()
            print(
                "radpilot: the source build's timing process did not start; timing this build alone",
                file=sys.stderr,
            )
            child = None
    ours = theirs = 0.0
    try:
        for _ in range(passes):
            ours += _one_pass(labeler, texts)
            if child is not None:
                assert child.stdin is not None and child.stdout is not None
                try:
                    child.stdin.write("\n")
                    child.stdin.flush()
                    theirs += float(child.stdout.readline())
                except (OSError, ValueError):
                    print(
                        "radpilot: the source build's timing process failed; timing this build alone",
                        file=sys.stderr,
                    )
                    child.kill()
                    child.wait()
                    child, theirs = None, 0.0
    finally:
        if child is not None and child.stdin is not None:
            child.stdin.close()
            child.wait(timeout=60)
    got = {"this": passes * len(texts) / ours}
    if theirs:
        got["source"] = passes * len(texts) / theirs
    return got
