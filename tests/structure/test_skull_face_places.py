"""The skull and the bones of the face as places of a fracture on a head or face CT: a fracture of the left parietal
bone is a left skull fracture, one of the right zygomatic arch a right zygomatic fracture (never one in the aortic
arch); the impression names the bone before the finding and the letter says where in plain words. Sentences are made
up."""

from __future__ import annotations

import re

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression
from radpilot.patient import simplify

# (findings, side, place, impression line, English letter place, Spanish letter place)
FRACTURES = [
    (
        "Nondisplaced fracture of the left parietal bone.",
        "left",
        "skull",
        "Nondisplaced left skull fracture.",
        "in the skull",
        "en el cráneo",
    ),
    (
        "Comminuted fracture of the right zygomatic arch.",
        "right",
        "zygoma",
        "Right zygomatic fracture.",
        "in the cheekbone",
        "en el pómulo",
    ),
    (
        "Fracture of the nasal bones.",
        None,
        "nasal bone",
        "Nasal bone fracture.",
        "in a bone of the nose",
        "en un hueso de la nariz",
    ),
    (
        "Left mandibular angle fracture.",
        "left",
        "mandible",
        "Left mandibular fracture.",
        "in the lower jaw",
        "en la mandíbula",
    ),
    (
        "Fracture of the right orbital floor.",
        "right",
        "orbit",
        "Right orbital fracture.",
        "in the bony socket around the eye",
        "en el hueco de hueso que rodea el ojo",
    ),
    (
        "Fracture of the right maxilla.",
        "right",
        "maxilla",
        "Right maxillary fracture.",
        "in the upper jaw",
        "en el hueso de arriba de la boca",
    ),
]


@pytest.mark.parametrize(
    ("findings", "side", "place", "line", "en", "es"), FRACTURES, ids=[f[2] for f in FRACTURES]
)
def test_a_fracture_of_the_skull_or_face(
    findings: str, side: str | None, place: str, line: str, en: str, es: str
) -> None:
    f = structure(f"FINDINGS: {findings}").by_code()["fracture"]
    assert (f.assertion.value, f.laterality.value if f.laterality else None, f.location) == (
        "present",
        side,
        place,
    )
    lines = [
        re.sub(r"^\d+\. ", "", x) for x in write_impression(f"FINDINGS: {findings}").impression.splitlines()
    ]
    assert line in lines, lines
    for lang, words in (("en", en), ("es", es)):
        pv = simplify(f"FINDINGS: {findings}", lang=lang)
        assert pv.verified, pv.issues
        assert words in " ".join(pv.letter.found), pv.letter.found


def test_no_calvarial_fracture_is_a_denied_skull_fracture() -> None:
    f = structure("FINDINGS: No calvarial fracture.").by_code()["fracture"]
    assert (f.assertion.value, f.location) == ("absent", "skull")


def test_the_aortic_arch_is_still_the_aortas() -> None:
    f = structure("FINDINGS: Atherosclerotic calcification of the arch.").findings[0]
    assert f.location == "aortic arch"
