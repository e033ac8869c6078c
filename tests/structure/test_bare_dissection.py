"""A dissection said with no artery named ("No aortic aneurysm or dissection.", "Dissection of the descending
thoracic aorta.", "No dissection.") is read: the aorta's on a study of the chest or abdomen, a neck artery's on a
study of the head or neck (or in a report that names the carotid or vertebral arteries and never the aorta), and
neither when it is a surgeon's dissection, air's, or another artery's. Also a neural foramen narrowed in so many
words and the CT signs of an infarct. Sentences are made up."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results
from radpilot.patient import simplify


def _codes(text: str) -> set[tuple[str, str]]:
    return {(f.code, f.assertion.value) for f in structure(text).findings}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "No aortic aneurysm or dissection.",
            {("aortic_aneurysm", "absent"), ("aortic_dissection", "absent")},
        ),
        ("FINDINGS: Dissection of the descending thoracic aorta.", {("aortic_dissection", "present")}),
        (
            "Dissection extends from the left subclavian artery origin to the iliac bifurcation.",
            {("aortic_dissection", "present")},
        ),
        ("EXAMINATION: CTA chest\nFINDINGS: There is a dissection.", {("aortic_dissection", "present")}),
        (
            "EXAMINATION: CT angiography of the chest, abdomen and pelvis\nFINDINGS: No dissection.",
            {("aortic_dissection", "absent")},
        ),
        ("FINDINGS: Normal caliber thoracic aorta. No dissection.", {("aortic_dissection", "absent")}),
        (
            "With tortuosity of the aorta and concern for dissection, CT is recommended.",
            {("aortic_dissection", "uncertain")},
        ),
        (
            "Type A dissection of the aortic arch extending into the left common carotid artery.",
            {("aortic_dissection", "present")},
        ),
    ],
)
def test_a_dissection_of_the_chest_or_abdomen_is_the_aortas(
    text: str, expected: set[tuple[str, str]]
) -> None:
    got = _codes(text)
    assert expected <= got
    assert not any(code == "cervical_artery_dissection" for code, _ in got)


@pytest.mark.parametrize(
    ("text", "assertion"),
    [
        ("EXAMINATION: CTA NECK\nFINDINGS: No dissection or stenosis.", "absent"),
        ("EXAMINATION: CTA head and neck\nFINDINGS: Dissection with 50% narrowing of the lumen.", "present"),
        ("FINDINGS: The common carotid arteries are patent. No dissection.", "absent"),
        ("FINDINGS: Dissection of the left vertebral artery.", "present"),
    ],
)
def test_a_dissection_on_a_study_of_the_neck_is_a_neck_arterys(text: str, assertion: str) -> None:
    got = _codes(text)
    assert ("cervical_artery_dissection", assertion) in got
    assert not any(code == "aortic_dissection" for code, _ in got)


@pytest.mark.parametrize(
    "text",
    [
        "FINDINGS: Postoperative changes of right neck dissection.",
        "Status post left axillary lymph node dissection.",
        "Pneumomediastinum with dissection of air into the neck.",
        "Spontaneous coronary artery dissection.",
        "Prior endoscopic submucosal dissection of the gastric antrum.",
    ],
)
def test_a_surgeons_or_airs_or_another_arterys_dissection_is_no_aortic_one(text: str) -> None:
    assert not any("dissection" in code for code, _ in _codes(text))


def test_a_bare_dissection_of_the_aorta_is_a_critical_result_and_a_letter_keeps_its_absence() -> None:
    sr = structure(
        "EXAMINATION: CTA chest\nFINDINGS: Dissection extends from the left subclavian origin to the iliac "
        "bifurcation.\nIMPRESSION: Dissection."
    )
    assert any(r.code == "aortic_dissection" for r in critical_results(sr))
    letter = simplify(
        "EXAMINATION: CTA chest\nFINDINGS: The thoracic aorta is normal in caliber. No dissection.\n"
        "IMPRESSION: No aortic aneurysm or dissection."
    )
    assert letter.verified
    assert "There is no sign of a tear in the main artery." in letter.letter.found


# (two more readings found beside the dissections in the same sweep of template sentences)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moderate narrowing of the left neural foramen at C5-C6.",
            ("foraminal_stenosis", "present", "left"),
        ),
        ("Severe narrowing of the right neural foramen.", ("foraminal_stenosis", "present", "right")),
        ("No narrowing of the neural foramina.", ("foraminal_stenosis", "absent", None)),
        ("Hypoattenuation in the right MCA territory.", ("cerebral_infarct", "present", "right")),
        (
            "Area of hypodensity in the left PCA territory, likely chronic.",
            ("cerebral_infarct", "present", "left"),
        ),
        ("Subtle loss of the insular ribbon on the left.", ("acute_infarct", "present", "left")),
        (
            "Loss of gray-white differentiation in the left frontal lobe.",
            ("acute_infarct", "present", "left"),
        ),
    ],
)
def test_a_narrowed_foramen_and_the_ct_signs_of_an_infarct(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    got = {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    }
    assert expected in got


CTA_NECK = (
    "EXAMINATION: CTA NECK WITH AND WITHOUT CONTRAST\n"
    "FINDINGS: Right carotid system: The common and internal carotid arteries are patent without stenosis. "
    "Vertebral arteries: There is a dissection of the left vertebral artery in the V2 segment with 60% narrowing of "
    "the lumen. No dissection on the right.\n"
    "IMPRESSION: Dissection of the left vertebral artery."
)


def test_a_neck_studys_dissection_keeps_its_side_and_its_letter_names_the_neck_arteries() -> None:
    got = {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(CTA_NECK).findings
    }
    assert ("cervical_artery_dissection", "present", "left") in got
    assert ("cervical_artery_dissection", "absent", "right") in got
    assert not any(code == "aortic_dissection" for code, _, _ in got)
    pv = simplify(CTA_NECK)
    assert pv.verified
    words = {w.term: w.plain for w in pv.letter.words}
    assert words["vertebral artery"] == "artery at the back of the neck"
    assert "vertebra" not in words  # (the artery, not the bone)
