"""A finding the report weighs against the reading it favours ("favor radiation necrosis over tumor recurrence") is
told as less likely, never as a plain possibility; it gets no explanation line and no "may be there" note of its own
(review rv17d: the letter had said "There may be cancer that has come back")."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify

REPORTS = [
    "FINDINGS: Enhancing lesion in the right frontal lobe. Favor radiation necrosis over tumor recurrence.",
    "FINDINGS: Enhancing lesion in the right frontal lobe, favor radiation necrosis rather than tumor recurrence.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_told_as_less_likely(text: str) -> None:
    pv = simplify(text)
    assert pv.verified
    # (the recurrence read of the right frontal lesion across a comma is on its side, review rv37a)
    assert any(
        line
        in (
            "There may be cancer that has come back, but your report says this is less likely.",
            "There may be cancer that has come back on the right side, but your report says this is less likely.",
        )
        for line in pv.letter.found
    ), pv.letter.found
    assert not any(line.startswith("Possible cancer") for line in pv.letter.means)
    assert "When we say something may be there, it means the doctor is not sure." not in pv.letter.means


def test_spanish() -> None:
    pv = simplify(REPORTS[0], lang="es")
    assert pv.verified
    assert any(line.endswith("pero su informe dice que es menos probable.") for line in pv.letter.found)


def test_the_favoured_reading_is_still_possible() -> None:
    pv = simplify("FINDINGS: Appearances favour atelectasis over pneumonia at the left base.")
    assert pv.verified
    assert "There may be a partly closed lung." in pv.letter.found
    assert any("less likely" in line and "infection of the lung" in line for line in pv.letter.found)
