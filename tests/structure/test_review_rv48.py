"""Review rv48 (held-out vascular imaging, speech-recognition dictation of ICU films, post-operative imaging and
women's imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dictation (rv48b): the findings said on the history's line; speech recognition's words; a temporary wire
        (
            "Portable AP chest at 2210. History: new central line. Left IJ central venous catheter terminates in "
            "the left brachiocephalic vein. No pneumothorax.",
            {"central_venous_catheter": "present", "pneumothorax": "absent"},
        ),
        # (a history's line that speaks of the patient, a complaint, a year or another study stays the history)
        ("History: Fall. Left hip pain. Fracture?", {}),
        ("Hx: Left mastectomy in 2019. Right breast mass seen on mammogram.", {}),
        ("History: new line. Tip position?", {}),
        (
            "Pick line placement. Left arm pick line with tip projecting at the cavoatrial junction.",
            {"picc": "present"},
        ),
        ("Portable chest. Bilateral chess tubes in place.", {"chest_tube": "present"}),
        (
            "Stable. ETT, NG, R PICC in place. No PTX.",
            {
                "endotracheal_tube": "present",
                "enteric_tube": "present",
                "picc": "present",
                "pneumothorax": "absent",
            },
        ),
        ("Troponin 5 ng/mL. ETT in place.", {"endotracheal_tube": "present"}),
        # (what a differential after it explains is there)
        (
            "Increased interstitial markings, fluid overload or atypical infection.",
            {"interstitial_markings": "present", "pulmonary_edema": "uncertain", "infection": "uncertain"},
        ),
        (
            "Interstitial markings or edema.",
            {"interstitial_markings": "uncertain", "pulmonary_edema": "uncertain"},
        ),
        (
            "Right IJ transvenous pacing wire with tip projecting over the right ventricular apex. No pneumothorax.",
            {"cardiac_pacemaker": "present", "pneumothorax": "absent"},
        ),
        # women's imaging (rv48d)
        (
            "On spot compression the previously described asymmetry disperses into normal fibroglandular tissue.",
            {"breast_asymmetry": "absent"},
        ),
        (
            "LEFT: Post-surgical changes at the lumpectomy site, stable. Mild post-radiation skin thickening, "
            "decreased from prior.",
            {"breast_skin_thickening": "present"},
        ),
        ("TV pelvic US: Ovaries wnl. No FF.", {"free_fluid": "absent"}),
        (
            "Left ovary: 2.6 cm cyst with lacy reticular internal echoes and no internal flow, c/w hemorrhagic cyst.",
            {"ovarian_cyst": "present"},
        ),
        (
            "Right ovary: enlarged, 6.2 x 5.1 x 4.8 cm (volume ~79 mL), edematous with peripherally displaced "
            "follicles.",
            {},
        ),
        ("Lungs: diffusely edematous lungs.", {"pulmonary_edema": "present"}),
        (
            "L ovary contains a 3.8 cm hemorrhagic cyst with retracting clot-like component.",
            {"ovarian_cyst": "present"},
        ),
        ("Impression: Live DCDA twin IUP, concordant growth at ~9w.", {"intrauterine_pregnancy": "present"}),
        (
            "Uterus 7.2 cm. Myomectomy scar at the fundus. No fibroids identified.",
            {"uterine_fibroid": "absent"},
        ),
        (
            "SCREENING MAMMOGRAM BILAT\nNo suspicious mass, calcifications or distortion in either breast.",
            {
                "breast_mass": "absent",
                "breast_calcifications": "absent",
                "architectural_distortion": "absent",
            },
        ),
        ("Distortion of the bowel loops by the mass.", {"mass": "present"}),
        # post-operative imaging (rv48c): the title in small letters, the history's next line, the referrer's
        # line that asks, an operation's reason, a treated tumour, a doubt that keeps it open
        (
            "CT abdomen with contrast\nHx: Grade IV splenic laceration, coil embolisation 3 days ago. Follow-up.\n"
            "Coils in the proximal splenic artery. Known splenic laceration through the hilum, unchanged. Moderate "
            "haemoperitoneum, stable.",
            {"embolization_coils": "present", "solid_organ_injury": "present", "hemoperitoneum": "present"},
        ),
        (
            "CT abdomen\nPEG placed yesterday, pain around the site, ?peritonitis.\nGastrostomy tube in the gastric "
            "lumen. No peritoneal enhancement.",
            {"gastrostomy_tube": "present"},
        ),
        ("CT head\n?bleed - no bleed.", {"intracranial_hemorrhage": "absent"}),
        (
            "CT AP. Lap appendicectomy 8/7 ago for perforated appendicitis with appendicolith. Now RIF pain.\n"
            "5 cm rim-enhancing collection in the right paracolic gutter, consistent with abscess. No retained "
            "appendicolith seen.",
            {"abscess": "present", "appendicolith": "absent"},
        ),
        ("Segment 6 ablation zone 3.8 cm, encompassing the treated tumour with margin.", {}),
        (
            "Appearance most in keeping with seroma; infection is not suggested but cannot be entirely excluded.",
            {"fluid_collection": "present", "infection": "uncertain"},
        ),
        ("Infection is not suggested.", {"infection": "absent"}),
        (
            "Vaginal cuff: 4.5 cm collection, suspicious for cuff abscess; an infected haematoma could look similar.",
            {"fluid_collection": "present", "abscess": "uncertain", "hematoma": "uncertain"},
        ),
        # vascular imaging (rv48a)
        (
            "Aorta: Atherosclerotic, non-aneurysmal.",
            {"aortic_aneurysm": "absent", "aortic_atherosclerosis": "present"},
        ),
        ("The abdominal aorta is nonaneurysmal.", {"aortic_aneurysm": "absent"}),
        ("The ascending aorta is aneurysmal.", {"aortic_aneurysm": "present"}),
        (
            "Arterial phase: No intimal flap; no dissection.\nIMPRESSION: Acute aortic syndrome: type B intramural "
            "haematoma with penetrating atherosclerotic ulcer at T8. No dissection or rupture.",
            {
                "aortic_dissection": "absent",
                "intramural_hematoma": "present",
                "penetrating_aortic_ulcer": "present",
                "aortic_rupture": "absent",
            },
        ),
        ("No acute aortic syndrome.", {"aortic_dissection": "absent"}),
        (
            "EXAM: Carotid and vertebral duplex\nIMPRESSION: 1. Left ICA occlusion. 2. Right ICA >70% stenosis.",
            {"arterial_occlusion": "present", "carotid_stenosis": "present"},
        ),
        ("CTA HEAD AND NECK\nLeft ICA occlusion.", {"large_vessel_occlusion": "present"}),
        (
            "Tibial: R ATA occluded from origin, R PTA occluded in the distal third; peroneal patent.",
            {"arterial_occlusion": "present"},
        ),
        ("The left iliac limb is occluded from its origin.", {"arterial_occlusion": "present"}),
        (
            "L ATA and PTA patent with heavily calcified walls.",
            {"vascular_calcification": "present"},
        ),
        (
            "ABIs non-compressible bilaterally due to medial calcification.",
            {"vascular_calcification": "present"},
        ),
        (
            "Arterial duplex R leg post SFA stent. No stenosis.",
            {"vascular_stent": "present", "arterial_stenosis": "absent"},
        ),
    ],
)
def test_review_rv48(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a dictation's "correction" takes back the clause before it (rv48b)
        (
            "Moderate left pleural effusion, correction, moderate right pleural effusion, increased since yesterday.",
            "pleural_effusion",
            "right",
        ),
        ("There is a left, scratch that, right pneumothorax.", "pneumothorax", "right"),
        # a first line in small letters that is a limb's title, with its technique in brackets (rv48c)
        (
            "CT L hip w/o contrast (metal artefact reduction)\nHistory: L THR 2014, groin pain. ?loosening\nSmall "
            "joint effusion.",
            "joint_effusion",
            "left",
        ),
        ("XR left wrist (2 views)\nDistal radius fracture.", "fracture", "left"),
        # a limb's arteries by their short names after a side's letter, and the study's side before its history (rv48a)
        ("R ATA occluded from origin.", "arterial_occlusion", "right"),
        ("R CIA 60% stenosis.", "arterial_stenosis", "right"),
        (
            "Venous duplex RIGHT leg. Hx ?DVT, post knee arthroscopy.\nCalf vein thrombosis cannot be excluded.",
            "deep_vein_thrombosis",
            "right",
        ),
    ],
)
def test_withdrawn_words_rv48(text: str, code: str, side: str) -> None:
    assert sides(text)[code] == {side}


def test_a_finding_after_withdrawn_words_keeps_the_reports_words() -> None:
    from radpilot import structure

    text = "Small left, correction, right apical pneumothorax."
    (f,) = structure(text).findings
    assert f.text == text[f.span[0] : f.span[1]]
    assert (f.code, f.laterality.value if f.laterality else None) == ("pneumothorax", "right")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size said as a bound from above is below it (a leftover of review rv46c)
        (
            "The previously enlarged mediastinal lymph nodes now measure less than 1 cm.",
            {"lymphadenopathy": "absent"},
        ),
        ("Previously enlarged mediastinal nodes now <1 cm.", {"lymphadenopathy": "absent"}),
        (
            "Previously enlarged right hilar node now measures <1 cm in short axis.",
            {"lymphadenopathy": "absent"},
        ),
        ("Right paratracheal lymph node measuring less than 10 mm.", {}),
        ("Right paratracheal lymph node measuring 10 mm.", {"lymphadenopathy": "present"}),
        ("Several enlarged axillary nodes, the largest 2.1 cm.", {"lymphadenopathy": "present"}),
        ("No enlarged lymph nodes.", {"lymphadenopathy": "absent"}),
    ],
)
def test_a_size_bounded_from_above(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an addendum that takes a finding back (a leftover of review rv46): the report's earlier statements of it go
        (
            "XR LEFT FOOT\nFINDINGS: Nondisplaced fracture at the base of the fifth metatarsal.\nIMPRESSION: Fifth "
            "metatarsal base fracture.\nADDENDUM: On review with the lateral view, the lucency probably represents "
            "an accessory ossicle rather than a fracture.",
            {"fracture": "absent", "lucency": "present"},
        ),
        # (a plain denial in an addendum takes nothing back)
        (
            "FINDINGS: Nondisplaced fracture of the distal radius.\nADDENDUM: No displaced fracture. Discussed with "
            "the ED.",
            {"fracture": "present"},
        ),
    ],
)
def test_withdrawn_in_the_addendum(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_an_addendum_takes_back_only_its_side() -> None:
    text = "FINDINGS: Left pleural effusion. Right pleural effusion.\nADDENDUM: Correction: there is no right pleural effusion."
    assert sides(text)["pleural_effusion"] == {"left"}
