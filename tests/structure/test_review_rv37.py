"""Review rv37 (held-out cardiovascular CT and MR, ICU chest films, breast and gynaecological imaging, and
multi-region staging and trauma CT, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import asserted, placed, report_codes, sides

# --- the report's parts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "CT chest, pulmonary embolism protocol.\nIndication: SOB.\nNo PE.",
            "CT chest, pulmonary embolism protocol",
        ),
        ("MRI brain - stroke protocol\nAcute left MCA infarct.", "MRI brain - stroke protocol"),
        ("CTA chest - r/o dissection.\nNo dissection.", "CTA chest - r/o dissection"),
        ("CT head ?bleed\nNo haemorrhage.", "CT head ?bleed"),
    ],
)
def test_a_title_in_small_letters_that_names_its_protocol(text: str, title: str) -> None:
    report = parse_report(text)
    assert report.sections[0].name == "examination"
    assert report.sections[0].text == title


def test_the_protocols_name_is_no_finding() -> None:
    assert asserted(
        "CT chest, pulmonary embolism protocol.\nIndication: SOB.\nNo PE. Small left effusion."
    ) == [
        ("pulmonary_embolism", "absent"),
        ("pleural_effusion", "present"),
    ]


def test_a_first_line_that_states_is_no_title() -> None:
    # (a line in small letters with no protocol is read as what it says)
    assert report_codes("CT chest: large pulmonary embolism.") == {"pulmonary_embolism": "present"}


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a short line after the history that says how something is, is what the study finds
        (
            "CCTA - graft assessment\nHistory: CABG 2015 (LIMA-LAD, SVG-OM). PCI to LCx 2020.\nSternotomy wires intact."
            "\nLIMA to LAD: patent.",
            "sternotomy_wires",
            "present",
        ),
        (
            "Cardiac MR\nHistory: Anterior STEMI.\nLV mildly dilated.",
            "cardiac_chamber_enlargement",
            "present",
        ),
        # ... but a short note of a diagnosis still goes on with the history
        ("CT chest\nIndication: breathless\nPulmonary embolism.", "pulmonary_embolism", None),
    ],
)
def test_a_short_statement_after_the_history(text: str, code: str, assertion: str | None) -> None:
    assert report_codes(text).get(code) == assertion


def test_a_referral_line_is_history() -> None:
    text = (
        "Cardiac MR\nRef: Anterior STEMI, LAD PCI 3 weeks ago. Assess viability, exclude thrombus.\n"
        "No LV thrombus on early or late gadolinium imaging."
    )
    assert report_codes(text) == {"thrombus": "absent"}
    assert parse_report("CTPA\nClinical info: Tachycardic. ?PE\nNo PE.").sections[1].name == "history"


# --- the heart and its vessels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Normal chamber sizes.", [("cardiac_chamber_enlargement", "absent")]),
        ("Cardiac chambers normal in size.", [("cardiac_chamber_enlargement", "absent")]),
        ("Left ventricle normal size.", [("cardiac_chamber_enlargement", "absent")]),
        ("LV cavity size normal, hyperdynamic function.", [("cardiac_chamber_enlargement", "absent")]),
        ("LV mildly dilated, LVEF 38%.", [("cardiac_chamber_enlargement", "present")]),
        ("Moderate LA enlargement.", [("cardiac_chamber_enlargement", "present")]),
        ("Pericardium is diffusely thickened.", [("pericardial_thickening", "present")]),
        # the heart muscle's weight and scar are no mass and no lung fibrosis
        ("Patchy mid-wall LGE at the RV insertion points (approx. 6% of LV mass).", []),
        (
            "Moderate LA enlargement and RV insertion point fibrosis.",
            [("cardiac_chamber_enlargement", "present")],
        ),
        # an aneurysm's growth, measured, is no growth of tissue
        ("Enlarging AAA, now 5.6 cm (6 mm growth in 12 months).", [("aortic_aneurysm", "present")]),
        ("Type II endoleak with slow sac growth.", [("endoleak", "present")]),
        # the coronary arteries by their CT names
        ("Native coronaries: heavily calcified.", [("coronary_calcification", "present")]),
        ("LCx: calcified plaque in the proximal LCx.", [("coronary_calcification", "present")]),
        ("Native RCA occluded proximally.", [("arterial_occlusion", "present")]),
        ("Stent in the proximal LCx is patent.", [("vascular_stent", "present")]),
        ("LAD: Patent stent mid LAD.", [("vascular_stent", "present")]),
        # a vein's near occlusion is no carotid's
        (
            "Mass encasing and severely narrowing the SVC with near-occlusion.",
            [("mass", "present"), ("svc_obstruction", "present")],
        ),
        ("Near-occlusion of the right ICA.", [("carotid_stenosis", "present")]),
        # the pericardium's and the heart muscle's inflammation is no lung infection
        ("Enhancing pericardium, consistent with active pericardial inflammation.", []),
        ("No penetrating ulcer.", [("penetrating_aortic_ulcer", "absent")]),
        # a fluid's density is no lung density
        (
            "Small pericardial effusion; density of 40 HU raises concern for hemopericardium.",
            [("pericardial_effusion", "present"), ("hemopericardium", "uncertain")],
        ),
        ("Small left pleural effusion of simple density.", [("pleural_effusion", "present")]),
        ("Oval circumscribed equal-density mass.", [("mass", "present")]),
        ("Extensive aorto-iliac atherosclerosis.", [("aortic_atherosclerosis", "present")]),
        # ... but another artery's plaque is still not the aorta's (review rv38a: the limb's arteries' calcium)
        ("Calcified plaque in the iliac arteries.", [("vascular_calcification", "present")]),
    ],
)
def test_heart_and_vessel_words_rv37a(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


def test_an_effusion_with_the_thickened_pericardium_is_the_pericardiums() -> None:
    assert report_codes("Thickened, enhancing pericardium with small effusion.") == {
        "pericardial_thickening": "present",
        "pericardial_effusion": "present",
    }
    # (a sided effusion is the pleura's)
    assert report_codes("Thickened pericardium and small left effusion.") == {
        "pericardial_thickening": "present",
        "pleural_effusion": "present",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a bare aneurysm is the aorta's on a study of the aorta
        (
            "CTA ABDOMINAL AORTA AND RENAL ARTERIES\nAorta: Diffuse atherosclerosis. No aneurysm.",
            "aortic_aneurysm",
        ),
        ("CTA chest - r/o dissection.\nAorta: No dissection; no aneurysm.", "aortic_aneurysm"),
        ("EXAM: CT aortogram\nAneurysm begins 1.8 cm below the lowest renal artery.", "aortic_aneurysm"),
        # ... not another artery's, nor on a study of the head
        ("EXAM: CTA abdomen/pelvis aorta\nRight CIA aneurysm, 2.1 cm.", "aneurysm"),
        ("EXAM: CTA HEAD\nNo aneurysm.", "aneurysm"),
    ],
)
def test_a_bare_aneurysm_on_a_study_of_the_aorta(text: str, code: str) -> None:
    assert code in report_codes(text)


# --- readings and their sides ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a metastasis reads a finding of any part of the body
        ("Abnormal enlarged left axillary lymph nodes, suspicious for metastasis.", "metastasis", "left"),
        # lung nodules read as metastases are the lung's
        (
            "Multiple bilateral pulmonary nodules up to 1.2 cm, in keeping with metastases.",
            "pulmonary_metastases",
            "bilateral",
        ),
        ("Right lower lobe mass, consistent with metastasis.", "pulmonary_metastases", "right"),
        # a pair of readings after a comma reads the finding before it
        ("Bibasilar opacities, atelectasis versus consolidation.", "atelectasis", "bilateral"),
        ("Right basilar opacity, atelectasis or pneumonia.", "pneumonia", "right"),
    ],
)
def test_readings_take_the_side(text: str, code: str, side: str) -> None:
    assert sides(text)[code] == {side}


def test_a_comma_alone_gives_no_side_to_the_next_finding() -> None:
    assert sides("Left pleural effusion, cardiomegaly.")["cardiomegaly"] == {None}


@pytest.mark.parametrize(
    "text",
    [
        "Patchy opacity at the left base likely reflects atelectasis.",
        "Patchy opacity at the left base most likely represents atelectasis.",
        "Patchy opacity at the left base probably represents atelectasis.",
    ],
)
def test_a_hedge_with_its_reading_verb_is_the_readings(text: str) -> None:
    assert placed(text) == [
        ("lung_opacity", "present", "left", "base"),
        ("atelectasis", "uncertain", "left", "base"),
    ]


# --- words of studies --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Port CXR 0500.\nETT 4 cm above carina.", {"endotracheal_tube": "present"}),
        ("Enlargement of the right hilum.", {"hilar_enlargement": "present"}),
        # a typing slip near the end of the word
        ("No architectural distorsion.", {"architectural_distortion": "absent"}),
        ("Right common iliac artery aneurysym 2.1 cm.", {"aneurysm": "present"}),
        # an organ's increased vascularity is no lungs' congestion on a study of no chest
        ("OB US FIRST TRIMESTER\nUterus enlarged. Increased vascularity.", {}),
        ("PORTABLE CHEST\nIncreased vascularity.", {"vascular_congestion": "present"}),
        # a bare torsion is the ovary's on a gynaecological study
        (
            "ULTRASOUND PELVIS - URGENT\nPreserved arterial flow does not exclude torsion.",
            {"ovarian_torsion": "uncertain"},
        ),
        ("SCROTAL ULTRASOUND\nNo torsion.", {"testicular_torsion": "absent"}),
        ("Residual soft tissue, likely post-treatment fibrosis.", {}),
    ],
)
def test_words_of_studies_rv37(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a differential said after a semicolon hedges its finding
        (
            "Ground-glass opacities in both lower lobes, which may represent pneumonitis; infection is a differential.",
            {"ground_glass_opacity": "present", "pneumonitis": "uncertain", "infection": "uncertain"},
        ),
        # a lobe's metastasis is the lung's
        ("Decreased size of the left lower lobe metastasis, now 9 mm.", {"pulmonary_metastases": "present"}),
        # a borderline spleen is a hedged one; one at the upper limit of normal is not enlarged
        ("Spleen borderline in size at 13 cm.", {"splenomegaly": "uncertain"}),
        ("The spleen is at the upper limits of normal in size.", {"splenomegaly": "absent"}),
        # an ectatic ascending aorta is dilated; the chest film's ectatic aorta is the tortuous one
        ("Ascending aorta ectatic at 4.2 cm.", {"aortic_dilatation": "present"}),
        ("Ectatic thoracic aorta.", {"tortuous_aorta": "present"}),
        # blood's density is no lung density
        (
            "Free fluid around the liver, of density in keeping with blood.",
            {"free_fluid": "present"},
        ),
    ],
)
def test_staging_and_trauma_words_rv37d(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # telegraphic: a sign's hedge said right after it, with its reading right after the hedge, is the reading's
        (
            "Bibasilar opacities likely atelectasis.",
            [
                ("lung_opacity", "present", "bilateral", "base"),
                ("atelectasis", "uncertain", "bilateral", "base"),
            ],
        ),
        (
            "Right lower lobe opacity likely pneumonia.",
            [
                ("lung_opacity", "present", "right", "lower lobe"),
                ("pneumonia", "uncertain", "right", "lower lobe"),
            ],
        ),
        # ... and a hedge at the end of a sentence is still its finding's
        ("Small effusion likely.", [("pleural_effusion", "uncertain", None, None)]),
    ],
)
def test_a_telegraphic_sign_and_its_reading(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected
