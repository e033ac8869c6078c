"""One word that says two findings is read as both (a hemopneumothorax is blood and air in the pleural space), and
a word speech recognition split in two is still the finding."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
            for f in structure(text).findings
        }
    )


CASES = [
    ("Right hemopneumothorax.", [("hemothorax", "present", "right"), ("pneumothorax", "present", "right")]),
    ("Possible right hemopneumothorax.",
     [("hemothorax", "uncertain", "right"), ("pneumothorax", "uncertain", "right")]),
    ("No hemopneumothorax.", [("hemothorax", "absent", None), ("pneumothorax", "absent", None)]),
    ("Small left hydropneumothorax.", [("pleural_effusion", "present", "left"), ("pneumothorax", "present", "left")]),
    ("Bilateral hydropneumothoraces.",
     [("pleural_effusion", "present", "bilateral"), ("pneumothorax", "present", "bilateral")]),
    ("Left pyopneumothorax.", [("empyema", "present", "left"), ("pneumothorax", "present", "left")]),
    ("Right tension hydropneumothorax.",
     [("pleural_effusion", "present", "right"), ("tension_pneumothorax", "present", "right")]),
    # speech recognition's splits
    ("Small right pneumo thorax.", [("pneumothorax", "present", "right")]),
    ("Mild cardio megaly.", [("cardiomegaly", "present", None)]),
    ("No pneumo peritoneum.", [("pneumoperitoneum", "absent", None)]),
    ("Mild left hydro nephrosis.", [("hydronephrosis", "present", "left")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_both_findings_are_read(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def test_a_split_word_keeps_its_place() -> None:
    (f,) = structure("Bibasilar a telectasis.").findings
    assert (f.code, f.laterality and f.laterality.value, f.location) == ("atelectasis", "bilateral", "base")


def test_the_air_of_a_hemopneumothorax_is_a_critical_result() -> None:
    codes = {c.code for c in critical_results(structure("FINDINGS: Large right hemopneumothorax."))}
    assert "pneumothorax" in codes
