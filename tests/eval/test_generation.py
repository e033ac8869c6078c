"""`radpilot eval generation`: metrics computed offline over a folder of studies with references."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.eval.generation import score_texts


def test_identical_texts_score_high_and_unrelated_low() -> None:
    refs = {
        "a": "Small left pleural effusion.",
        "b": "No acute cardiopulmonary abnormality. Heart size normal.",
    }
    same = score_texts(refs, refs, meteor=False)
    other = score_texts({"a": "Large right pneumothorax.", "b": "Fracture of the femur."}, refs, meteor=False)
    assert same.bleu4 > 0.5 and same.rouge_l > 0.99 and same.label_f1 == 1.0
    assert other.rouge_l < 0.3 and other.label_f1 < 1.0


def test_eval_generation_command(tmp_path: Path) -> None:
    from radpilot.interop.demo_study import write_demo_study

    write_demo_study(tmp_path / "demo.dcm")
    refs = {
        "s1": {
            "images": ["demo.dcm"],
            "findings": "The heart is enlarged. The lungs are clear. No pleural effusion.",
        },
        "s2": {"images": [], "findings": "The lungs are clear. No pneumothorax or pleural effusion."},
    }
    (tmp_path / "references.json").write_text(json.dumps(refs))
    res = CliRunner().invoke(app, ["eval", "generation", str(tmp_path), "--backend", "rules"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["n"] == 2 and 0 < out["rouge_l"] <= 1 and out["meteor"] is not None


def test_eval_generation_bad_input(tmp_path: Path) -> None:
    (tmp_path / "references.json").write_text(json.dumps({"s1": {"images": []}}))
    res = CliRunner().invoke(app, ["eval", "generation", str(tmp_path)])
    assert res.exit_code == 1 and "field 'findings'" in res.output
