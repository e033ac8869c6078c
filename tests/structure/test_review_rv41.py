"""Review rv41 (held-out oncology follow-up, assertion wording of abdominal and pelvic studies, head and neck and
neuroradiology, and paediatric imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report.sections import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a child's heart and thymus said of normal size
        ("Chest radiograph (AP)\nCardiothymic size within normal limits.", {"cardiomegaly": "absent"}),
        ("The cardiothymic shadow is enlarged.", {"cardiomegaly": "present"}),
        # the small bowel by its parts, obstructed
        (
            "UPPER GI SERIES\nFindings: There is a corkscrew configuration of the distal duodenum and proximal jejunum "
            "with partial obstruction.",
            {"bowel_obstruction": "present"},
        ),
        # the bladder's diverticulum
        ("VCUG\nBladder contour is smooth with no diverticulum.", {"bladder_diverticulum": "absent"}),
        # a perforated appendix is a hole in the bowel too
        (
            "CT ABDOMEN\nIMPRESSION: Perforated appendicitis with 4.2 cm pelvic abscess.",
            {"appendicitis": "present", "abscess": "present", "bowel_perforation": "present"},
        ),
        # a drain or a break to come is not there
        (
            "CHEST ULTRASOUND, LEFT\nImpression: Complex septated left pleural effusion, likely empyema. Suitable for "
            "drain insertion.",
            {"pleural_effusion": "present", "empyema": "uncertain"},
        ),
        (
            "CT RIGHT FEMUR\nRight femur: 4.5 cm expansile lytic lesion; no fracture line. High risk for pathological "
            "fracture.",
            {"lytic_bone_lesion": "present", "fracture": "absent"},
        ),
        # a lytic metastasis is a bone's metastasis
        (
            "Impression: Lytic metastasis in the right proximal femoral diaphysis.",
            {"lytic_bone_lesion": "present", "osseous_metastasis": "present"},
        ),
        # the mediastinum's mass
        ("CHEST PA\nNo mediastinal mass.", {"mediastinal_mass": "absent"}),
        # nodes no longer enlarged
        ("Subcarinal node SUVmax 2.1, 8 mm, no longer enlarged.", {"lymphadenopathy": "absent"}),
        # the brain's words
        (
            "MR BRAIN\nSmall parenchymal haematoma (1.8 cm) in the right temporal lobe with surrounding oedema, "
            "consistent with an acute venous haemorrhagic infarct.",
            {"intracranial_hemorrhage": "present", "cerebral_edema": "present", "acute_infarct": "present"},
        ),
        (
            "CT HEAD\nLarge left occipital scalp haematoma. No intracranial haemorrhage.",
            {"hematoma": "present", "intracranial_hemorrhage": "absent"},
        ),
        (
            "MRI HEAD\nNo disproportionate atrophy. Few scattered nonspecific FLAIR hyperintensities in the frontal "
            "subcortical WM bilaterally.",
            {"cerebral_atrophy": "absent", "white_matter_lesions": "present"},
        ),
        # unnamed white matter lesions read as what they are
        (
            "MRI BRAIN\nFLAIR: Scattered periventricular and deep WM FLAIR hyperintensities, moderate, c/w chronic "
            "small vessel ischaemic disease.",
            {"small_vessel_disease": "present"},
        ),
        (
            "MRI BRAIN\nVentricles and sulci normal for age. No hydrocephalus.",
            {"cerebral_atrophy": "absent", "hydrocephalus": "absent"},
        ),
        # the head and neck's words
        (
            "CT ORBITS\nStranding of the left intraconal and extraconal fat. No cavernous sinus thrombosis.",
            {"fat_stranding": "present", "venous_sinus_thrombosis": "absent"},
        ),
        ("US THYROID\n3. Normal thyroid size.", {"goiter": "absent"}),
        # what an operation removed is gone
        (
            "CT HEAD\nIMPRESSION:\n1. Expected postoperative changes after left frontal meningioma resection.",
            {"meningioma": "absent"},
        ),
        # the abdomen and pelvis's wording
        ("MRI PELVIS\nEndometrium: 7 mm, within normal limits.", {"endometrial_thickening": "absent"}),
        (
            "US\nIMPRESSION: findings are suspicious for acute cholecystitis, although the Murphy sign is unreliable "
            "given analgesia.",
            {"cholecystitis": "uncertain", "sonographic_murphy_sign": "uncertain"},
        ),
        # a statement's subject and its word are not read across a turn of the sentence
        (
            "CT ABDOMEN\nNo pneumatosis, portal venous gas or mesenteric oedema to suggest ischaemia, however a closed "
            "loop configuration cannot be entirely excluded given the clustered loops.",
            {"pneumatosis": "absent", "portal_venous_gas": "absent", "fat_stranding": "absent"},
        ),
    ],
)
def test_words_rv41(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_background_line_is_the_history() -> None:
    text = (
        "MRI liver (Primovist)\nBackground: Cirrhosis (HCV). HCC segment 8 treated with microwave ablation 2023.\n"
        "Comparison: 6 months.\nThe segment 8 ablation zone is smaller.\nConclusion: No evidence of local recurrence. "
        "No new HCC."
    )
    assert "history" in [s.name for s in parse_report(text).sections]
    assert report_codes(text) == {"tumor_recurrence": "absent", "hepatocellular_carcinoma": "uncertain"}
    # (a breast MRI's background enhancement is no heading)
    assert "history" not in [
        s.name for s in parse_report("FINDINGS:\nBackground parenchymal enhancement: minimal.").sections
    ]


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("CT ORBITS\nStranding of the left intraconal and extraconal fat.", "fat_stranding", "left"),
        (
            "Impression: Lytic metastasis in the right proximal femoral diaphysis.",
            "osseous_metastasis",
            "right",
        ),
    ],
)
def test_sides_rv41(text: str, code: str, side: str) -> None:
    assert side in sides(text).get(code, set())
