"""Impression benchmark on the IU test split: the impression is written from the FINDINGS section alone and
compared with the radiologist's IMPRESSION (report-level labels read by the structuring engine, ROUGE-L)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from radpilot.eval.iu import IUReport
from radpilot.eval.metrics import LabelScores, rouge_l
from radpilot.eval.structuring import labels_from_codes
from radpilot.report import Assertion
from radpilot.structure import ancestors, default_engine, default_lexicon

Writer = Callable[[str], str]
NORMAL_TEMPLATE = "No acute cardiopulmonary abnormality."


def impression_labels(text: str) -> tuple[dict[str, bool], bool]:
    sr = default_engine().structure(f"IMPRESSION: {text}")
    lex = default_lexicon()
    codes: set[str] = set()
    for f in sr.findings:
        if f.assertion is not Assertion.ABSENT:
            codes |= ancestors(lex, f.code)
    return labels_from_codes(codes), sr.normal


@dataclass(slots=True)
class ImpressionRun:
    name: str
    scores: LabelScores
    rouge: float
    seconds: float
    n: int

    @property
    def per_s(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


def eligible(reports: Sequence[IUReport]) -> list[IUReport]:
    return [
        r
        for r in reports
        if (r.sections.get("FINDINGS") or "").strip() and (r.sections.get("IMPRESSION") or "").strip()
    ]


def run_writer(
    name: str,
    write: Writer | None,
    reports: Sequence[IUReport],
    write_report: Callable[[IUReport, str], str] | None = None,
) -> ImpressionRun:
    """Score a writer of impressions from FINDINGS; ``write_report`` is for a writer that also needs to know
    which report it writes for (the site's style learned from the other half of the dev split)."""
    findings = [(r.sections.get("FINDINGS") or "").strip() for r in reports]
    if write_report is None:
        if write is None:
            raise ValueError("run_writer needs write or write_report")
        plain = write

        def write_report(r: IUReport, f: str) -> str:
            return plain(f)

    if findings:
        write_report(
            reports[0], findings[0]
        )  # loads the lexicon, rules and tables once, outside the timed pass
    default_engine().clear_cache()  # the timed pass starts cold
    t0 = time.perf_counter()
    outs = [write_report(r, f) for r, f in zip(reports, findings, strict=True)]
    seconds = time.perf_counter() - t0
    scores = LabelScores()
    rouge_total = 0.0
    for r, out in zip(reports, outs, strict=True):
        ref = (r.sections.get("IMPRESSION") or "").strip()
        truth, truth_normal = impression_labels(ref)
        pred, pred_normal = impression_labels(out)
        for lab, t in truth.items():
            scores.add(lab, t, pred[lab])
        scores.add("normal", truth_normal, pred_normal)
        rouge_total += rouge_l(out, ref)
    return ImpressionRun(name, scores, rouge_total / max(len(reports), 1), seconds, len(reports))


def supported_ceiling(reports: Sequence[IUReport]) -> LabelScores:
    """Label scores of an oracle that names exactly the radiologist's impression findings that the FINDINGS
    section states (present or hedged). A writer that may not add a finding the findings do not state (the
    verifier's rule) can do no better: what it misses here the radiologist inferred ("opacity" -> "pneumonia")
    or brought from outside the findings (the history, a prior study)."""
    scores = LabelScores()
    for r in reports:
        findings, _ = impression_labels((r.sections.get("FINDINGS") or "").strip())
        truth, truth_normal = impression_labels((r.sections.get("IMPRESSION") or "").strip())
        for lab, t in truth.items():
            scores.add(lab, t, t and findings[lab])
        scores.add("normal", truth_normal, truth_normal)
    return scores
