"""Classification metrics for report labelling (per label, micro and macro)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, pred: bool) -> None:
        if truth and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(slots=True)
class LabelScores:
    per_label: dict[str, Counts] = field(default_factory=dict)

    def add(self, label: str, truth: bool, pred: bool) -> None:
        self.per_label.setdefault(label, Counts()).add(truth, pred)

    def micro(self, exclude: tuple[str, ...] = ("normal",)) -> Counts:
        total = Counts()
        for name, c in self.per_label.items():
            if name in exclude:
                continue
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
            total.tn += c.tn
        return total

    def macro_f1(self, exclude: tuple[str, ...] = ("normal",)) -> float:
        vals = [c.f1 for n, c in self.per_label.items() if n not in exclude and c.support]
        return sum(vals) / len(vals) if vals else 0.0


def _lcs(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: str, reference: str, beta: float = 1.2) -> float:
    """ROUGE-L F-measure on lowercased word tokens (beta 1.2, as in pycocoevalcap)."""
    import re

    c = re.findall(r"[a-z0-9]+", candidate.lower())
    r = re.findall(r"[a-z0-9]+", reference.lower())
    lcs = _lcs(c, r)
    if lcs == 0:
        return 0.0
    p, rec = lcs / len(c), lcs / len(r)
    return ((1 + beta**2) * p * rec) / (rec + beta**2 * p)
