"""``radpilot eval generation``: any backend over a folder of studies with reference reports.

Input (ReXrank-style): a JSON file, or a folder holding ``references.json``, mapping a study id to
``{"images": [paths relative to the file], "findings": "...", "impression": "...", "indication"?, "exam"?,
"modality"?, "age"?, "sex"?}``. The backend writes the findings (through the drafting pipeline, so provenance,
fallbacks and de-identification apply) and the result is scored against the reference findings with
BLEU-4, ROUGE-L, METEOR and CIDEr (pycocoevalcap, offline; METEOR needs Java) and CheXpert-style label F1
read by RadPilot's structuring engine. RadGraph and GREEN need weights the user supplies; they are not run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radpilot.eval.metrics import LabelScores
from radpilot.eval.structuring import labels_from_codes
from radpilot.report import Assertion
from radpilot.structure import ancestors, default_engine, default_lexicon


class EvalInputError(ValueError):
    """The reference file is missing or malformed; the message names the study and field."""


@dataclass(slots=True)
class GenerationScores:
    n: int
    bleu4: float
    rouge_l: float
    meteor: float | None
    cider: float
    label_f1: float
    per_study: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "bleu4": round(self.bleu4, 4),
            "rouge_l": round(self.rouge_l, 4),
            "meteor": None if self.meteor is None else round(self.meteor, 4),
            "cider": round(self.cider, 4),
            "label_f1": round(self.label_f1, 4),
            "per_study": self.per_study,
        }


def load_references(path: str | Path) -> tuple[dict[str, dict[str, Any]], Path]:
    p = Path(path)
    if p.is_dir():
        p = p / "references.json"
    if not p.is_file():
        raise EvalInputError(f"{p}: no such file (expected a references.json)")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{p}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or not data:
        raise EvalInputError(f"{p}: expected a non-empty object mapping study ids to studies")
    for sid, item in data.items():
        if not isinstance(item, dict):
            raise EvalInputError(f"{p}: study '{sid}': expected an object")
        if not isinstance(item.get("findings"), str) or not item["findings"].strip():
            raise EvalInputError(f"{p}: study '{sid}': field 'findings' (the reference) is required")
        if not isinstance(item.get("images", []), list):
            raise EvalInputError(f"{p}: study '{sid}': field 'images' must be a list")
    return data, p.parent


def _tok(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _labels(text: str) -> dict[str, bool]:
    sr = default_engine().structure(f"FINDINGS: {text}")
    lex = default_lexicon()
    codes: set[str] = set()
    for f in sr.findings:
        if f.assertion is not Assertion.ABSENT:
            codes |= ancestors(lex, f.code)
    return labels_from_codes(codes)


def score_texts(
    generated: dict[str, str], references: dict[str, str], meteor: bool = True
) -> GenerationScores:
    from pycocoevalcap.bleu.bleu import Bleu
    from pycocoevalcap.cider.cider import Cider
    from pycocoevalcap.rouge.rouge import Rouge

    ids = sorted(references)
    gts = {i: [_tok(references[i]) or "empty"] for i in ids}
    res = {i: [_tok(generated.get(i, "")) or "empty"] for i in ids}
    bleu, _ = Bleu(4).compute_score(gts, res, verbose=0)
    rouge, _ = Rouge().compute_score(gts, res)
    cider, _ = Cider().compute_score(gts, res)
    met: float | None = None
    if meteor:
        import shutil

        if shutil.which("java"):
            from pycocoevalcap.meteor.meteor import Meteor

            m = Meteor()
            met, _ = m.compute_score(gts, res)
            del m  # stops the METEOR Java process
    labels = LabelScores()
    per = []
    for i in ids:
        t, p = _labels(references[i]), _labels(generated.get(i, ""))
        for lab, v in t.items():
            labels.add(lab, v, p[lab])
        per.append({"id": i, "generated": generated.get(i, "")})
    return GenerationScores(
        len(ids), float(bleu[3]), float(rouge), met, float(cider), labels.micro(exclude=()).f1, per
    )


def evaluate_generation(path: str | Path, backend: str, meteor: bool = True) -> GenerationScores:
    from radpilot.draft import StudyInput, draft_report

    refs, base = load_references(path)
    generated: dict[str, str] = {}
    for sid, item in refs.items():
        images = [base / str(x) for x in item.get("images", [])]
        study = StudyInput(
            exam=str(item.get("exam") or "XR CHEST"),
            modality=str(item.get("modality") or "CR"),
            indication=str(item.get("indication") or ""),
            age=item.get("age") if isinstance(item.get("age"), int) else None,
            sex=item.get("sex") if isinstance(item.get("sex"), str) else None,
            images=[p for p in images if p.is_file()],
        )
        draft = draft_report(study, None, backend=backend, classifier=backend if backend == "xrv" else None)
        generated[sid] = draft.findings
    return score_texts(generated, {k: v["findings"] for k, v in refs.items()}, meteor)
