"""Chest CT findings with codes of their own, each a narrower kind of an existing code where one exists (``is_a``):
ground-glass opacity (a lung opacity), pleural plaque (a pleural thickening), the UIP and NSIP patterns (interstitial
lung disease), right aortic arch, and a lung resection (lobectomy, pneumonectomy, wedge resection), which is there
now: "status post right upper lobectomy" is a lobe that is gone, not history. Sentences are made up."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.structure import ancestors, default_lexicon


def _one(text: str, code: str) -> tuple[str, str | None, str | None]:
    sr = structure(text)
    found = [f for f in sr.findings if f.code == code]
    assert found, f"{code} not read from {text!r}: {[(f.code, f.assertion.value) for f in sr.findings]}"
    f = sr.by_code()[code]
    return f.assertion.value, f.laterality.value if f.laterality else None, f.location


# (text, code, assertion, side, place)
READINGS = [
    # --- ground-glass opacity -------------------------------------------------------------------------------
    ("Patchy ground-glass opacities in both lower lobes.", "ground_glass_opacity", "present", "bilateral",
     "lower lobe"),
    ("Diffuse groundglass opacity.", "ground_glass_opacity", "present", None, None),
    ("Ground glass attenuation in the right upper lobe.", "ground_glass_opacity", "present", "right", "upper lobe"),
    ("Peripheral GGOs in the left lower lobe.", "ground_glass_opacity", "present", "left", "lower lobe"),
    ("Scattered areas of ground glass in the right middle lobe.", "ground_glass_opacity", "present", "right",
     "middle lobe"),
    ("No ground-glass opacity.", "ground_glass_opacity", "absent", None, None),
    ("Possible ground glass opacity in the left lower lobe.", "ground_glass_opacity", "uncertain", "left",
     "lower lobe"),
    # a differential after a comma explains the opacity, which is there (as for any lung opacity)
    ("Left lower lobe ground-glass opacity, atelectasis or pneumonia.", "ground_glass_opacity", "present", "left",
     "lower lobe"),
    ("Scattered ground-glass opacities, likely infectious or inflammatory.", "ground_glass_opacity", "present",
     None, None),
    # mixed ground glass and consolidation: both, the consolidation kept, both in the lobe said after the pair
    ("Mixed ground glass and consolidative opacities in the right lower lobe.", "ground_glass_opacity", "present",
     "right", "lower lobe"),
    ("Mixed ground glass and consolidative opacities in the right lower lobe.", "consolidation", "present", "right",
     "lower lobe"),
    # --- pleural plaque ---------------------------------------------------------------------------------------
    ("Calcified pleural plaques bilaterally.", "pleural_plaque", "present", "bilateral", None),
    ("Diaphragmatic pleural plaques.", "pleural_plaque", "present", None, None),
    ("Asbestos-related pleural plaques on the right.", "pleural_plaque", "present", "right", None),
    ("Partially calcified pleural plaque along the left hemidiaphragm.", "pleural_plaque", "present", "left", None),
    ("No pleural plaques.", "pleural_plaque", "absent", None, None),
    # --- UIP and NSIP patterns --------------------------------------------------------------------------------
    ("UIP pattern.", "uip_pattern", "present", None, None),
    ("Usual interstitial pneumonia pattern of fibrosis.", "uip_pattern", "present", None, None),
    ("Usual interstitial pneumonia pattern of fibrosis.", "pulmonary_fibrosis", "present", None, None),
    # the pattern's grade is the pattern's certainty (ATS/ERS/JRS/ALAT 2018) ...
    ("Probable UIP pattern.", "uip_pattern", "uncertain", None, None),
    ("Probable UIP pattern of fibrosis.", "uip_pattern", "uncertain", None, None),
    ("Pattern indeterminate for UIP.", "uip_pattern", "uncertain", None, None),
    ("CT pattern is indeterminate for usual interstitial pneumonia.", "uip_pattern", "uncertain", None, None),
    ("Possible UIP.", "uip_pattern", "uncertain", None, None),
    # ... not the fibrosis': the disease said beside it is there
    ("Probable UIP pattern of fibrosis.", "pulmonary_fibrosis", "present", None, None),
    ("Fibrotic interstitial lung disease in a probable UIP pattern.", "interstitial_lung_disease", "present", None,
     None),
    ("Fibrotic interstitial lung disease in a probable UIP pattern.", "uip_pattern", "uncertain", None, None),
    ("No UIP pattern.", "uip_pattern", "absent", None, None),
    ("NSIP pattern.", "nsip_pattern", "present", None, None),
    ("Fibrotic nonspecific interstitial pneumonia.", "nsip_pattern", "present", None, None),
    ("Findings may represent NSIP.", "nsip_pattern", "uncertain", None, None),
    ("Interstitial pneumonia.", "interstitial_lung_disease", "present", None, None),
    # --- right aortic arch (midline: no side, no place) -----------------------------------------------------
    ("Right aortic arch.", "right_aortic_arch", "present", None, None),
    ("Right-sided aortic arch with aberrant left subclavian artery.", "right_aortic_arch", "present", None, None),
    ("Right arch with an aberrant left subclavian artery.", "right_aortic_arch", "present", None, None),
    ("Right arch with mirror image branching.", "right_aortic_arch", "present", None, None),
    ("Aortic arch on the right.", "right_aortic_arch", "present", None, None),
    ("The aortic arch is right-sided.", "right_aortic_arch", "present", None, None),
    ("No right aortic arch.", "right_aortic_arch", "absent", None, None),
    # --- lung resection: the lung part is gone now, with its side and lobe -----------------------------------
    ("Status post right upper lobectomy.", "lung_resection", "present", "right", "upper lobe"),
    ("S/p left lower lobectomy.", "lung_resection", "present", "left", "lower lobe"),
    ("Status post right middle lobectomy.", "lung_resection", "present", "right", "middle lobe"),
    ("Status post RUL wedge resection.", "lung_resection", "present", "right", "upper lobe"),
    ("Post-lobectomy changes in the right hemithorax.", "lung_resection", "present", "right", None),
    ("Right pneumonectomy.", "lung_resection", "present", "right", None),
    ("Postpneumonectomy changes on the left.", "lung_resection", "present", "left", None),
    ("Left lower lobectomy.", "lung_resection", "present", "left", "lower lobe"),
    ("Postsurgical changes of right upper lobectomy.", "lung_resection", "present", "right", "upper lobe"),
    ("Surgically absent right upper lobe.", "lung_resection", "present", "right", "upper lobe"),
    ("The left lower lobe has been resected.", "lung_resection", "present", "left", "lower lobe"),
    ("Left upper lobe segmentectomy.", "lung_resection", "present", "left", "upper lobe"),
    ("Status post left lingulectomy.", "lung_resection", "present", "left", "lingula"),
    ("Prior left upper lobectomy, unchanged.", "lung_resection", "present", "left", "upper lobe"),
    ("Status post median sternotomy and right upper lobectomy.", "lung_resection", "present", "right",
     "upper lobe"),
    ("Status post left pneumonectomy with opacification of the postpneumonectomy space.", "lung_resection",
     "present", "left", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "assertion", "side", "place"), READINGS)
def test_reading(text: str, code: str, assertion: str, side: str | None, place: str | None) -> None:
    assert _one(text, code) == (assertion, side, place)


# (text, the code it must not give, the code it gives instead or None)
NOT_THE_NEW_CODE = [
    # a nodule with a type keeps its own code
    ("6 mm ground-glass nodule in the right upper lobe.", "ground_glass_opacity", "ground_glass_nodule"),
    ("Ground glass opacity nodule in the left upper lobe.", "ground_glass_opacity", "ground_glass_nodule"),
    ("GGO nodule in the right lower lobe.", "ground_glass_opacity", "ground_glass_nodule"),
    ("Part-solid nodule in the left upper lobe.", "ground_glass_opacity", "part_solid_nodule"),
    ("Mixed ground glass and solid nodule in the right lower lobe.", "ground_glass_opacity", "part_solid_nodule"),
    ("Subsolid nodule in the left upper lobe.", "ground_glass_opacity", "subsolid_nodule"),
    ("Patchy opacity in the right lower lobe.", "ground_glass_opacity", "lung_opacity"),
    ("Ground glass matrix in the proximal femur.", "ground_glass_opacity", None),
    # a plaque is the pleura's only when said so; other pleural thickening stays
    ("Apical pleural thickening on the right.", "pleural_plaque", "pleural_thickening"),
    ("Calcified plaque in the aortic arch.", "pleural_plaque", "aortic_atherosclerosis"),
    # "right arch" without the aorta's branches is no aortic arch
    ("Right arch of the foot is preserved.", "right_aortic_arch", None),
    ("The right arch of C1 is intact.", "right_aortic_arch", None),
    ("Left-sided aortic arch.", "right_aortic_arch", None),
    # a staple line or sutures named by the operation are the clips' or sutures' finding only
    ("Wedge resection staple line in the left upper lobe.", "lung_resection", "surgical_clips"),
    ("Wedge resection sutures in the right upper lobe.", "lung_resection", "surgical_sutures"),
    # a lung operation that takes out no lung tissue
    ("Status post bilateral lung transplant.", "lung_resection", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "instead"), NOT_THE_NEW_CODE)
def test_not_the_new_code(text: str, code: str, instead: str | None) -> None:
    codes = {f.code for f in structure(text).findings if f.assertion.value != "absent"}
    assert code not in codes
    if instead is not None:
        assert instead in codes


def test_a_resection_named_with_its_staple_line_is_both_when_said_apart() -> None:
    sr = structure("Status post right upper lobectomy with staple line in the right hilum.")
    codes = {f.code for f in sr.findings}
    assert {"lung_resection", "surgical_clips"} <= codes


@pytest.mark.parametrize(
    "text",
    [
        "History of right upper lobectomy.",
        "HISTORY: Status post right upper lobectomy.\nFINDINGS: No pleural effusion.",
        "INDICATION: History of lobectomy, cough.\nFINDINGS: Lungs are clear.",
    ],
)
def test_a_resection_in_the_history_is_not_present(text: str) -> None:
    sr = structure(text)
    assert "lung_resection" not in sr.by_code()
    assert any(f.code == "lung_resection" for f in sr.other_mentions)


def test_status_post_still_makes_what_was_treated_history() -> None:
    # the compound swallows "status post" for the resection only: the cancer it treated is not there now
    sr = structure("Status post left upper lobectomy for lung cancer.")
    assert sr.by_code()["lung_resection"].assertion.value == "present"
    assert "mass" not in sr.by_code()
    assert any(f.code == "mass" for f in sr.other_mentions)


def test_a_chest_after_lobectomy_is_not_normal() -> None:
    assert not structure("Status post right upper lobectomy. The lungs are otherwise clear.").normal


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("ground_glass_opacity", "lung_opacity"),
        ("pleural_plaque", "pleural_thickening"),
        ("uip_pattern", "interstitial_lung_disease"),
        ("nsip_pattern", "interstitial_lung_disease"),
    ],
)
def test_each_is_a_kind_of_its_parent(code: str, parent: str) -> None:
    assert parent in ancestors(default_lexicon(), code)


@pytest.mark.parametrize(
    ("code", "sided"),
    [("right_aortic_arch", False), ("lung_resection", True), ("ground_glass_opacity", True)],
)
def test_sidedness(code: str, sided: bool) -> None:
    obs = default_lexicon().observations[code]
    assert obs.sided is sided
    assert obs.abnormal
