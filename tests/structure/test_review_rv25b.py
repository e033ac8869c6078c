"""Review rv25b (a blind check of the pediatric and obstetric codes, 190 inputs written before any run): the words of
a neonatal film, a voiding cystourethrogram and a pelvic ultrasound it found unread."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plain film's bowel gas pattern
        ("Nonobstructive bowel gas pattern.", [("bowel_obstruction", "absent", None)]),
        ("Non-obstructive bowel gas pattern.", [("bowel_obstruction", "absent", None)]),
        ("The bowel gas pattern is nonobstructive.", [("bowel_obstruction", "absent", None)]),
        ("Obstructive bowel gas pattern.", [("bowel_obstruction", "present", None)]),
        # a voiding cystourethrogram's graded reflux
        ("Grade IV reflux on the left.", [("vesicoureteral_reflux", "present", "left")]),
        ("Gastroesophageal reflux.", []),
        # a rotated IUD is out of place
        (
            "T-shaped IUD is rotated, with the arms oriented transversely in the lower uterine segment.",
            [("intrauterine_device", "present", None), ("iud_malposition", "present", None)],
        ),
        ("The patient is rotated.", []),
        # the neonatal film's abbreviation
        ("Worsening right-sided PIE.", [("pulmonary_interstitial_emphysema", "present", "right")]),
    ],
)
def test_the_words_it_found_unread(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected
