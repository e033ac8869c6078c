"""Review rv63 (held-out emergency chest films, lung cancer treatment follow-up, addenda and template leftovers,
transplant imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv63a: a treated disease's follow-up
        (
            "Follow-up film after treated right middle lobe pneumonia.\nThe previously noted right middle lobe opacity "
            "has cleared.",
            {"lung_opacity": "absent"},
        ),
        # rv63b: a lesion's growing is no growth
        (
            "Enlarging opacity with high-risk features (bulging margin, craniocaudal growth).",
            {"lung_opacity": "present"},
        ),
        ("A growth in the right lung.", {"mass": "present"}),
        # rv63c: an addendum that takes a finding back, wherever in it the denial stands
        (
            "FINDINGS: There is an 8 mm rounded nodular opacity projecting over the right lower zone.\nIMPRESSION: 8 mm "
            "right lower zone nodule.\n\nADDENDUM (14:32): Repeat frontal view obtained with nipple markers. The right "
            "lower zone opacity coincides with the right nipple marker and represents the nipple shadow. No pulmonary "
            "nodule.",
            {"nodule": "absent", "lung_opacity": "present", "skin_marker": "present"},
        ),
        (
            "Right internal jugular line with tip at the cavoatrial junction. Right apical pneumothorax measuring 1 cm."
            "\n\nADDENDUM: The line previously described as a pneumothorax edge represents a skin fold. Lung markings "
            "extend to the chest wall. No pneumothorax.",
            {"central_venous_catheter": "present", "pneumothorax": "absent"},
        ),
        (
            "Left-sided chest tube in place.\n\nADDENDUM: Please disregard the reference to the left chest tube, which "
            "was carried forward from the prior report in error.",
            {"chest_tube": "absent"},
        ),
        (
            "FINDINGS: There is now a pneumothorax on the right.\n\nCorrection (voice recognition error): Line 2 of the "
            "findings should read 'There is NO pneumothorax on the right.'",
            {"pneumothorax": "absent"},
        ),
        (
            "A focal asymmetry is seen in the right breast on the CC view only.\n\nADDENDUM: The focal asymmetry "
            "disperses completely on spot compression views.",
            {"breast_asymmetry": "absent"},
        ),
        # (a plain denial in an addendum with no correction takes nothing back)
        (
            "Small right pneumothorax.\n\nADDENDUM: Findings discussed with Dr Smith. No rib fracture.",
            {"pneumothorax": "present", "fracture": "absent"},
        ),
        (
            "ADDENDUM: Comparison with the study of 3 days ago, not available at the time of initial reporting, shows "
            "the bibasilar opacities are new.",
            {"lung_opacity": "present"},
        ),
        # a template's blanks and answers that say nothing
        ("Midline shift: *** mm", {}),
        ("Midline shift: 4 mm", {"midline_shift": "present"}),
        ("Fracture: Not assessed", {}),
        ("Lines/tubes: N/A", {}),
        # rv63d: what an organ was transplanted for, the recipient's known disease
        (
            "Left single lung transplant for COPD.\nHyperinflated, emphysematous native right lung.",
            {"hyperinflation": "present", "emphysema": "present"},
        ),
        ("Lung transplant recipient with known Aspergillus infection, on treatment.", {}),
        # rv62c: a long bone bowed
        ("Mildly bowed left femur.", {"bone_deformity": "present"}),
    ],
)
def test_review_rv63(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_header_with_a_note_in_brackets() -> None:
    report = parse_report(
        "FINDINGS (compared to 2 months prior): Small effusion.\n\nADDENDUM (14:32): No change."
    )
    assert [(s.name, s.text) for s in report.sections] == [
        ("findings", "Small effusion."),
        ("addendum", "No change."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a device with advice about it that is not its putting in is there
        ("Recommend repeat radiograph to confirm NG tube position.", {"enteric_tube": "present"}),
        ("Recommend the PICC line be pulled back 3 cm.", {"picc": "present"}),
        ("Suggest the ET tube be withdrawn 2 cm.", {"endotracheal_tube": "present"}),
        ("Suggest checking the feeding tube position.", {"enteric_tube": "present"}),
        ("Recommend chest tube placement.", {}),
        # a plain finding whose bracketed examples are a choice of its causes stays plain
        (
            "Diffuse ground-glass opacities (e.g. infection versus edema).",
            {"ground_glass_opacity": "present", "infection": "uncertain", "pulmonary_edema": "uncertain"},
        ),
        # a hedge or a denial said after a finding reaches only the word before it
        (
            "Left lower lobe consolidation, a lateral view would be helpful.",
            {"consolidation": "present"},
        ),
        (
            "Small right effusion and the small bowel loops have returned to normal calibre.",
            {"pleural_effusion": "present"},
        ),
        (
            "Large right pleural effusion, empyema is the main consideration.",
            {"pleural_effusion": "present", "empyema": "uncertain"},
        ),
        (
            "Likely consistent with atelectasis, right pleural effusion is stable.",
            {"atelectasis": "uncertain", "pleural_effusion": "present"},
        ),
        ("The right lower lobe may show early consolidation.", {"consolidation": "uncertain"}),
        ("Indeterminate appearance of the 2 cm left adrenal nodule.", {"adrenal_nodule": "present"}),
        # history only of the disease named right after its cue
        (
            "Known case of lymphoma with enlarging mediastinal lymph nodes.",
            {"lymphadenopathy": "present"},
        ),
        (
            "Compression of the SVC from the known right hilar mass.",
            {"svc_obstruction": "present", "mass": "present"},
        ),
        ("Increased from prior right pleural effusion.", {"pleural_effusion": "present"}),
        # words read only in their own place
        ("Subluxation of the first MTP joint with reduced joint space.", {"dislocation": "present"}),
        (
            "Intact sternal wires and a malpositioned NG tube.",
            # (the tube out of its place is its complication, review rv100c)
            {"sternotomy_wires": "present", "enteric_tube": "present", "hardware_complication": "present"},
        ),
        (
            "Coronal reformats show surgical sutures along the ileocolic anastomosis.",
            {"surgical_sutures": "present"},
        ),
        (
            "SCROTAL ULTRASOUND\nBilateral microlithiasis without dilatation of the efferent ducts.",
            {"testicular_microlithiasis": "present"},
        ),
        ("The lesion shows a mosaic pattern of enhancement.", {"lesion": "present"}),
        (
            "Left knee radiograph (with effusion, 45M)\nNo fracture.",
            {"joint_effusion": "present", "fracture": "absent"},
        ),
        ("Known HCC.", {}),
    ],
)
def test_what_the_review_of_the_change_checked(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
