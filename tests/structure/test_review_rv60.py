"""Twenty-ninth session: the last note's leftovers and review rv60 (held-out reports written before any output was
seen): what they found."""

from __future__ import annotations

import pytest

import radpilot
from radpilot.structure.matcher import tokenize
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb's denial written short reads as the words it stands for
        (
            "Small right effusion; can't exclude pneumonia.",
            {"pleural_effusion": "present", "pneumonia": "uncertain"},
        ),
        ("This doesn't exclude a small pneumothorax.", {"pneumothorax": "uncertain"}),
        ("Can't rule out early pneumonia.", {"pneumonia": "uncertain"}),
        ("Pneumonia can't be excluded.", {"pneumonia": "uncertain"}),
        ("There isn't any pneumothorax.", {"pneumothorax": "absent"}),
        ("Heart isn't enlarged.", {"cardiomegaly": "absent"}),
        ("The lungs don't show consolidation.", {"consolidation": "absent"}),
        # (a typeset apostrophe is the typed one)
        ("The heart isn\u2019t enlarged.", {"cardiomegaly": "absent"}),
        ("Crohn\u2019s disease of the terminal ileum.", {"enteritis": "present"}),
        # a jugular vein's infected clot (Lemierre syndrome) is a deep vein's, not a catheter
        ("Right IJ septic thrombophlebitis.", {"deep_vein_thrombosis": "present"}),
        ("Right IJ thrombosis.", {"deep_vein_thrombosis": "present"}),
        (
            "Septic thrombophlebitis of the left internal jugular vein (Lemierre syndrome).",
            {"deep_vein_thrombosis": "present"},
        ),
        ("Thrombophlebitis of the right great saphenous vein.", {"superficial_thrombophlebitis": "present"}),
        ("Right IJ catheter tip in the SVC.", {"central_venous_catheter": "present"}),
    ],
)
def test_leftovers(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_contraction_is_read_over_its_own_letters() -> None:
    text = "Heart isn't enlarged; can't exclude effusion."
    toks, spans = tokenize(text)
    assert toks == ["heart", "is", "not", "enlarged", ";", "cannot", "exclude", "effusion"]
    assert [text[a:b] for a, b in spans] == [
        "Heart",
        "is",
        "n't",
        "enlarged",
        ";",
        "can't",
        "exclude",
        "effusion",
    ]
    toks, spans = tokenize("Heart isn\u2019t enlarged")
    assert toks == ["heart", "is", "not", "enlarged"]
    assert spans[1:3] == [(6, 8), (8, 11)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv60a, TB and chest infection: the immunocompromised patient's pneumonia, dictation's "consol", a cyst of air
        # after infection (a laceration's is the laceration's), a lesion's own feature said "with" it, a pair said
        # before the place of both
        (
            "Extensive bilateral GGO, likely PJP.",
            {"ground_glass_opacity": "present", "pneumonia": "uncertain"},
        ),
        ("Results discussed with the patient's PCP.", {}),
        ("surrounding consol improved but persists.", {"consolidation": "present"}),
        ("Multiple upper lobe pneumatoceles.", {"cyst": "present"}),
        (
            "Pulmonary laceration with pneumatocele in the left lower lobe.",
            {"pulmonary_contusion": "present"},
        ),
        # rv60b, after thoracic surgery: a sternal wire out of place, a bare ICD that is clamped
        (
            "There is interval displacement of the third sternal wire.",
            {"hardware_complication": "present", "sternotomy_wires": "present"},
        ),
        ("Minimally displaced fracture of the lateral malleolus.", {"fracture": "present"}),
        ("left ICD clamped.", {"chest_tube": "present"}),
        ("Left chest wall ICD with leads in the right ventricle.", {"cardiac_pacemaker": "present"}),
        # rv60c, bone tumours: a line naming the known cancer is the history; so is the cancer a metastasis is from;
        # screws taken out
        (
            "XR LEFT HUMERUS\nKnown breast carcinoma.\nTransverse fracture of the humerus.",
            {"fracture": "present"},
        ),
        ("Known prostate adenocarcinoma.", {}),
        ("Evaluation of a known case of carcinoma breast.", {}),
        ("Known right lung cancer.", {"mass": "present"}),
        ("Known right upper lobe mass is unchanged.", {"mass": "present"}),
        ("Known liver metastases.", {"liver_metastasis": "present"}),
        (
            "In keeping with metastasis from known renal cell carcinoma.",
            {"metastasis": "present"},
        ),
        ("Expected lucent tracks at the former screw sites.", {"lucency": "present"}),
        # rv60d, English as a second language: the chest's bones are no interbody cage, a subpulmonic collection, the
        # diaphragm's domes said flat
        ("Bony cage intact, no fracture of ribs.", {"fracture": "absent"}),
        (
            "The interbody cage has migrated posteriorly.",
            {"spinal_fusion_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "No any pleural effusion is seen on either side. ? Subpulmonic collection.",
            {"pleural_effusion": "uncertain"},
        ),
        (
            "Both lung fields are hyperlucent with flattened domes of diaphragm.",
            {"hyperlucency": "present", "diaphragm_flattening": "present"},
        ),
    ],
)
def test_review_rv60(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the title's side past the patient's age and complaint in brackets
        (
            "XR RIGHT FEMUR (15M, knee pain 6 weeks)\nAggressive lytic lesion of the distal femoral metaphysis.",
            {"lytic_bone_lesion": "right"},
        ),
        ("XR LEFT ANKLE (12 years)\nWell-defined lucent lesion in the distal tibia.", {"lucency": "left"}),
        # a lesion's or collection's feature said "with" it
        ("Left upper lobe mass with cavitation.", {"mass": "left", "cavitary_lesion": "left"}),
        (
            "Right pleural collection with enhancing, thickened pleura.",
            {"pleural_effusion": "right", "pleural_thickening": "right"},
        ),
        # a pair of the lung or its airways said before the place of both
        (
            "Bronchiectasis and volume loss in the right upper lobe.",
            {"bronchiectasis": "right", "volume_loss": "right"},
        ),
        (
            "Bronchiectasis and mucus plugging in the right lower lobe.",
            {"bronchiectasis": "right", "mucus_plugging": "right"},
        ),
        # (not one said all through the lungs, nor across a join with words of the second's: the review of the change)
        (
            "Diffuse bronchial wall thickening and consolidation in the right lower lobe.",
            {"bronchial_wall_thickening": None, "consolidation": "right"},
        ),
        (
            "Emphysema and multiple nodules in the left lower lobe.",
            {"emphysema": None, "nodule": "left"},
        ),
        (
            "Left-sided pacemaker with pleural thickening.",
            {"cardiac_pacemaker": "left", "pleural_thickening": None},
        ),
        # (not a second finding with words of its own after a place said before the first)
        ("Right upper lobe scarring and multiple small nodules.", {"scarring": "right", "nodule": None}),
    ],
)
def test_sides_of_review_rv60(text: str, sides: dict[str, str | None]) -> None:
    report = radpilot.structure(text)
    got = {f.code: (f.laterality.value if f.laterality else None) for f in report.findings}
    assert {code: got.get(code, "missing") for code in sides} == sides
