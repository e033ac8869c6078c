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
