"""Organ headings of templated CT and ultrasound reports ("LIVER: Normal in size. A 9 mm hypodensity in segment 7,
too small to characterize."): a finding after the heading that names no place of its own and becomes the organ's own
finding there is the organ's (a lesion of the liver is a liver lesion, a cyst of the right ovary a right ovarian
cyst), until the next heading; the organ's own findings ("Liver: nodular contour, consistent with cirrhosis") take
its place too. A low-density area named by its look ("hypodensity") is that organ's lesion where it is placed, and an
interpretation takes the place of the area it interprets ("hypodensity in the left cerebellar hemisphere, consistent
with subacute infarct"). Reports are made up."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression
from radpilot.patient import simplify


def _found(text: str) -> list[tuple[str, str, str | None, str | None, float | None]]:
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location, f.size_mm)
        for f in structure(text).findings
    ]


CT_ABDOMEN = """EXAMINATION: CT ABDOMEN AND PELVIS WITH CONTRAST
CLINICAL HISTORY: Right lower quadrant pain.
FINDINGS:
LOWER CHEST: Small left pleural effusion.
LIVER: Normal in size. A 9 mm hypodensity in segment 7 is too small to characterize.
GALLBLADDER AND BILE DUCTS: No biliary dilatation. A 2 cm lesion is seen.
SPLEEN: Normal size. 8 mm hypodensity.
ADRENALS: Normal.
KIDNEYS: 1 cm cyst on the right. No hydronephrosis.
"""


# (text, what must be read: code, assertion, side, place, size)
READINGS = [
    # the heading's organ for the sentences after it, until the next heading
    (CT_ABDOMEN, ("liver_lesion", "present", None, "liver", 9.0)),
    (CT_ABDOMEN, ("splenic_lesion", "present", None, "spleen", 8.0)),
    (CT_ABDOMEN, ("renal_cyst", "present", "right", "kidney", 10.0)),
    (CT_ABDOMEN, ("pleural_effusion", "present", "left", None, None)),
    # ... the gallbladder's heading ends the liver's: a lesion under it is no liver lesion
    (CT_ABDOMEN, ("lesion", "present", None, None, 20.0)),
    ("LIVER: Normal in size. A 2 cm lesion is seen.", ("liver_lesion", "present", None, "liver", 20.0)),
    ("Liver:\nSimple cyst.", ("hepatic_cyst", "present", None, "liver", None)),
    ("Right ovary: 3 cm simple cyst.", ("ovarian_cyst", "present", "right", "ovary", 30.0)),
    (
        "Left kidney: Normal size. 1.2 cm mass in the upper pole.",
        ("renal_mass", "present", "left", "kidney", 12.0),
    ),
    ("BRAIN: Moderate volume loss.", ("cerebral_atrophy", "present", None, "brain", None)),
    (
        "THYROID: Normal size. 1.2 cm nodule in the right lobe.",
        ("thyroid_nodule", "present", "right", "thyroid", 12.0),
    ),
    # the organ's own finding under its heading
    (
        "Liver: Nodular contour with caudate hypertrophy, consistent with cirrhosis.",
        ("cirrhosis", "present", None, "liver", None),
    ),
    # a finding that is no organ's own keeps no place from the heading
    ("LIVER: Normal. Small right pleural effusion.", ("pleural_effusion", "present", "right", None, None)),
    # a hypodensity where it is: the organ's lesion; too small to characterize is no degree of it
    (
        "Subcentimeter hepatic hypodensities, too small to characterize.",
        ("liver_lesion", "present", None, None, None),
    ),
    ("There is a 1 cm hypodensity in hepatic segment 7.", ("liver_lesion", "present", None, "liver", 10.0)),
    ("Hypodensity in the right frontal lobe.", ("brain_lesion", "present", "right", "brain", None)),
    ("2 cm lesion in the spleen.", ("splenic_lesion", "present", None, "spleen", 20.0)),
    ("No focal hypodensity in the liver.", ("liver_lesion", "absent", None, "liver", None)),
    # an interpretation takes the place of the low-density area it interprets
    (
        "Hypodensity in the left cerebellar hemisphere consistent with subacute infarct.",
        ("acute_infarct", "present", "left", "brain", None),
    ),
]


@pytest.mark.parametrize(("text", "want"), READINGS)
def test_organ_heading_and_hypodensity(
    text: str, want: tuple[str, str, str | None, str | None, float | None]
) -> None:
    assert want in _found(text), _found(text)


def test_too_small_to_characterize_is_no_degree() -> None:
    sr = structure("A 9 mm hypodense lesion in the right hepatic lobe is too small to characterize.")
    f = sr.by_code()["liver_lesion"]
    assert (f.size_mm, f.severity) == (9.0, None)
    # ... a degree said of it is still its degree
    assert (
        structure("Small hypodensity in the liver, too small to characterize.")
        .by_code()["liver_lesion"]
        .severity
        == "small"
    )


def test_another_organs_heading_is_not_the_studys_organ() -> None:
    # on an MRI of the liver, a lesion under the kidneys' heading is the kidney's, and one under the liver's the liver's
    text = (
        "EXAMINATION: MRI LIVER WITH AND WITHOUT CONTRAST\nFINDINGS:\nLIVER: 1.5 cm lesion.\n"
        "KIDNEYS: 2 cm lesion on the left.\n"
    )
    found = _found(text)
    assert ("liver_lesion", "present", None, "liver", 15.0) in found
    assert ("renal_mass", "present", "left", "kidney", 20.0) in found


def test_a_hypodensity_read_as_an_infarct_is_impressed_as_the_infarct() -> None:
    imp = write_impression(
        "FINDINGS: Hypodensity in the left cerebellar hemisphere consistent with subacute infarct."
    ).impression
    assert "infarct" in imp.lower() and "lesion" not in imp.lower(), imp


def test_a_letter_tells_the_hypodensity_under_its_heading_as_a_spot_on_the_liver() -> None:
    for lang, words in (("en", "liver"), ("es", "hígado")):
        pv = simplify("FINDINGS:\nLIVER: Normal in size. A 9 mm hypodensity in segment 7.\n", lang=lang)
        assert pv.verified, pv.issues
        assert {t["code"] for t in pv.findings_kept} == {"liver_lesion"}
        assert words in " ".join(pv.letter.found).lower(), pv.letter.found


def test_a_letter_tells_a_hypodensity_placed_nowhere() -> None:
    for lang in ("en", "es"):
        pv = simplify("FINDINGS: Small focal hypodensity, unchanged.", lang=lang)
        assert pv.verified, pv.issues
        assert {t["code"] for t in pv.findings_kept} == {"hypodensity"}, pv.findings_kept
