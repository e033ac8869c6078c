"""QA checks: one case per check, each with its severity and span; and the clean report raises nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.checks import run_checks, run_checks_on_text
from radpilot.cli import app

CASES = [
    (
        "FINDINGS: Small left pleural effusion.\nIMPRESSION: Small right pleural effusion.",
        {},
        "laterality_discrepancy",
        "blocking",
    ),
    (
        "FINDINGS: Small right knee joint effusion. Right patellar fracture.\nIMPRESSION: Right patellar fracture.",
        {"exam": "XR KNEE LEFT"},
        "laterality_order_discrepancy",
        "blocking",
    ),
    ("FINDINGS: The uterus is unremarkable.\nIMPRESSION: Normal.", {"sex": "M"}, "sex_mismatch", "blocking"),
    (
        "FINDINGS: The prostate is enlarged.\nIMPRESSION: Enlarged prostate.",
        {"sex": "F"},
        "sex_mismatch",
        "blocking",
    ),
    (
        "FINDINGS: Postmenopausal ovaries.\nIMPRESSION: Normal.",
        {"sex": "F", "age": 22},
        "age_mismatch",
        "warning",
    ),
    (
        "EXAMINATION: CT head without contrast.\nFINDINGS: No hemorrhage.\nIMPRESSION: Normal.",
        {"exam": "XR CHEST PA"},
        "exam_discrepancy",
        "blocking",
    ),
    (
        "FINDINGS: Heart size normal.\nIMPRESSION: Right lower lobe pneumonia.",
        {},
        "impression_unsupported",
        "warning",
    ),
    (
        "FINDINGS: A 9 mm nodule in the right upper lobe.\nIMPRESSION: 12 mm right upper lobe nodule.",
        {},
        "size_discrepancy",
        "blocking",
    ),
    (
        "FINDINGS: There is a new 7 x 5 mm solid nodule in the right upper lobe.\nIMPRESSION: Right upper lobe nodule.",
        {"exam": "CT CHEST LOW DOSE SCREENING", "indication": "lung cancer screening", "age": 63},
        "missing_recommendation",
        "warning",
    ),
    (
        "FINDINGS: Large right pneumothorax.\nIMPRESSION: Large right pneumothorax.",
        {},
        "critical_not_communicated",
        "blocking",
    ),
]


@pytest.mark.parametrize(("text", "ctx", "code", "severity"), CASES)
def test_each_check(text: str, ctx: dict[str, object], code: str, severity: str) -> None:
    checks = [c for c in run_checks_on_text(text, ctx) if c.code == code]
    assert checks, [c.code for c in run_checks_on_text(text, ctx)]
    assert checks[0].severity == severity
    assert checks[0].message


def test_span_points_at_the_words() -> None:
    text = "FINDINGS: Small left pleural effusion.\nIMPRESSION: Small right pleural effusion."
    (c,) = [c for c in run_checks_on_text(text) if c.code == "laterality_discrepancy"]
    assert c.span is not None and "pleural effusion" in text[c.span[0] : c.span[1]]
    assert c.section == "impression"


def test_documented_communication_clears_the_critical_check() -> None:
    text = (
        "FINDINGS: Large right pneumothorax.\nIMPRESSION: Large right pneumothorax. "
        "Discussed with Dr. Smith by telephone at 10:05."
    )
    assert not [c for c in run_checks_on_text(text) if c.code == "critical_not_communicated"]
    assert not [
        c
        for c in run_checks_on_text(
            "FINDINGS: Large right pneumothorax.\nIMPRESSION: Large right pneumothorax.",
            {"communication": True},
        )
        if c.code == "critical_not_communicated"
    ]


def test_clean_report_has_no_checks() -> None:
    assert (
        run_checks(
            "Heart size normal. Lungs are clear.",
            "No acute cardiopulmonary abnormality.",
            {"exam": "XR CHEST", "sex": "F", "age": 40},
        )
        == []
    )


def test_check_ids_are_stable() -> None:
    text = "FINDINGS: Small left pleural effusion.\nIMPRESSION: Small right pleural effusion."
    assert [c.id for c in run_checks_on_text(text)] == [c.id for c in run_checks_on_text(text)]


def test_check_cli(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("FINDINGS: The uterus is normal.\nIMPRESSION: Normal.")
    res = CliRunner().invoke(app, ["check", str(p), "--context", '{"sex": "M"}'])
    assert res.exit_code == 0
    out = json.loads(res.output)
    assert out["blocking"] == 1 and out["checks"][0]["code"] == "sex_mismatch"
    bad = CliRunner().invoke(app, ["check", str(p), "--context", "{oops"])
    assert bad.exit_code == 2 and "not JSON" in bad.output


LEFTOVERS = [
    ("Pneumothorax: ___", "Pneumothorax: ___"),
    ("Pleural effusion: [ ]", "Pleural effusion: [ ]"),
    ("Ascites: [ ] Yes [ ] No", "Ascites: [ ] Yes [ ] No"),
    ("Effusion: Yes / No", "Effusion: Yes / No"),
    ("Mediastinum: ***", "Mediastinum: ***"),
    ("Gallbladder: [ ] Normal [ ] Abnormal", "Gallbladder: [ ] Normal [ ] Abnormal"),
    ("Kidneys: Normal/abnormal", "Kidneys: Normal/abnormal"),
]


@pytest.mark.parametrize(("line", "named"), LEFTOVERS, ids=[x for x, _ in LEFTOVERS])
def test_a_template_field_left_unfilled_blocks(line: str, named: str) -> None:
    text = f"FINDINGS:\nLungs: Clear.\n{line}\nHeart: Normal size.\nIMPRESSION:\nNo acute process."
    checks = [c for c in run_checks_on_text(text) if c.code == "template_field_blank"]
    assert len(checks) == 1
    c = checks[0]
    assert c.severity == "blocking" and named in c.message and c.section == "findings"
    assert c.span is not None and text[c.span[0] : c.span[1]] in line


@pytest.mark.parametrize(
    "text",
    [
        "FINDINGS:\nLungs:\nClear.\nIMPRESSION:\nNormal.",  # the answer on the next line
        "FINDINGS:\nThyroid:\nRight lobe: 1.8 cm solid nodule.\nIMPRESSION:\nThyroid nodule.",  # a group heading
        "FINDINGS:\nPleural effusion: [X] Yes [ ] No\nIMPRESSION:\nEffusion.",  # a box ticked
        "FINDINGS:\nGallbladder: [X] Normal [ ] Abnormal\nIMPRESSION:\nNormal.",
        "FINDINGS: XXXX opacity in the right base.\nIMPRESSION: Opacity.",  # de-identification, not a blank
    ],
)
def test_a_filled_template_is_not_flagged(text: str) -> None:
    assert [c for c in run_checks_on_text(text) if c.code == "template_field_blank"] == []
