"""Review rv57 (held-out HRCT for interstitial lung disease, obstetric and gynaecological ultrasound, nuclear medicine,
and gastrointestinal fluoroscopy, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # HRCT (rv57a): what an infection leaves is no infection; a drain's site is a place; honeycombing dictated apart
        ("Minor pleural thickening at the left drain site.", {"pleural_thickening": "present"}),
        (
            "Subpleural reticulation and honey combing both lower lobes.",
            {"interstitial_markings": "present", "honeycombing": "present"},
        ),
        ("Left chest drain in situ.", {"chest_tube": "present"}),
        # gynaecology (rv57b): a pregnancy of uncertain viability is a pregnancy; the hormonal coil and a myoma by their
        # names; a fallopian tube said with its pus is no device
        ("Intrauterine pregnancy of uncertain viability.", {"intrauterine_pregnancy": "present"}),
        (
            "LNG-IUS in satisfactory position. 1.2 cm posterior intramural myoma.",
            {"intrauterine_device": "present", "uterine_fibroid": "present"},
        ),
        (
            "The left tube is dilated and fluid-filled with thickened walls (pyosalpinx).",
            {"hydrosalpinx": "present"},
        ),
        (
            "Right ovarian cyst. Chest tube in the right hemithorax.",
            {"ovarian_cyst": "present", "chest_tube": "present"},
        ),
        # nuclear medicine (rv57c): a study that excludes denies; a tracer's title names the organ; a bile duct's
        # obstruction is no bowel's
        (
            "Normal perfusion scan. This effectively excludes clinically significant pulmonary embolism.",
            {"pulmonary_embolism": "absent"},
        ),
        ("This does not exclude a small PE.", {"pulmonary_embolism": "uncertain"}),
        ("Lungs clear, excluding the known nodule.", {"nodule": "present"}),
        (
            "Tc-99m pertechnetate thyroid scintigraphy.\nA dominant cold nodule is present in the right lobe, "
            "corresponding to the 2.3 cm solid nodule on ultrasound.",
            {"thyroid_nodule": "present"},
        ),
        ("Tc-99m DISIDA\nImpression: High-grade obstruction of the distal common bile duct.", {}),
        ("Small bowel obstruction with transition point.", {"bowel_obstruction": "present"}),
        # fluoroscopy (rv57d): what contrast fills, what a swallow aspirates, a barium column's end, a mucosa's plaques,
        # a join's swelling, what NEC left, a gallstone out of place
        (
            "A thin track of contrast extends into a collection, which subsequently opacifies the drain.",
            {"fluid_collection": "present", "drainage_catheter": "present"},
        ),
        ("Zenker's diverticulum with subsequent overflow aspiration into the trachea.", {}),
        (
            "Right lower lobe consolidation, likely aspiration.",
            {"consolidation": "present", "infection": "uncertain"},
        ),
        ("The barium column stops abruptly in the distal esophagus with a convex, irregular meniscus.", {}),
        ("Meniscus sign at the left costophrenic angle.", {"pleural_effusion": "present"}),
        ("Diffuse discrete plaque-like lesions throughout the esophagus.", {"lesion": "present"}),
        ("Mild anastomotic edema with slight delay in emptying of the pouch.", {}),
        ("Conclusion: Post-NEC stricture at the splenic flexure.", {}),
        (
            "Mechanical small bowel obstruction by an ectopic gallstone in the distal ileum.",
            {"bowel_obstruction": "present", "gallstones": "present"},
        ),
    ],
)
def test_review_rv57(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Tc-99m HDP bone scan\nNo focal skeletal lesion.", ["examination", "findings"]),
        ("I-123 thyroid scan.\nHomogeneous uptake.", ["examination", "findings"]),
        ("V/Q SCAN\nMatched defects.", ["examination", "findings"]),
    ],
)
def test_a_nuclear_medicine_title(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the review of the session's change: a denied list's "or" is the list's, not a choice read after a verb's
        # denial
        (
            "The CT does not demonstrate acute hemorrhage, mass effect, or midline shift.",
            {"intracranial_hemorrhage": "absent", "mass_effect": "absent", "midline_shift": "absent"},
        ),
        (
            "The lungs do not demonstrate consolidation, effusion, or pneumothorax.",
            {"consolidation": "absent", "pleural_effusion": "absent", "pneumothorax": "absent"},
        ),
        # ... a first line that names a change, or a device, is what is seen, not the study's purpose
        (
            "Since staging CT, new left pleural effusion.\nNo pneumothorax.",
            {"pleural_effusion": "present", "pneumothorax": "absent"},
        ),
        (
            "US abdomen for known cirrhosis, new moderate ascites.\nLiver nodular.",
            {"cirrhosis": "present", "ascites": "present"},
        ),
        (
            "Surveillance CT, enlarging right lower lobe nodule.\nNo lymphadenopathy.",
            {"nodule": "present", "lymphadenopathy": "absent"},
        ),
        (
            "Portable CXR, intubated patient, ETT 4 cm above the carina, NG tube in the stomach.",
            {"endotracheal_tube": "present", "enteric_tube": "present"},
        ),
        (
            "AP portable CXR, patient with right chest tube, small residual apical pneumothorax.",
            {"chest_tube": "present", "pneumothorax": "present"},
        ),
        ("CXR, patient with new left effusion.\nOtherwise clear.", {"pleural_effusion": "present"}),
        # ... a questioned rupture questions its aneurysm, which the report may deny
        (
            "Question of ruptured AAA. Normal caliber abdominal aorta without aneurysm or retroperitoneal hematoma.",
            {
                "aortic_rupture": "uncertain",
                "aortic_aneurysm": "uncertain",
                "aortic_dilatation": "absent",
                "hematoma": "absent",
            },
        ),
        # ... an open differential still hedges what it includes
        (
            "The differential is broad, including infection, inflammation and neoplasm such as lymphoma.",
            {"infection": "uncertain", "mass": "uncertain"},
        ),
        # ... a statement's words stay its own
        (
            "Both kidneys are small and echogenic.",
            {"renal_atrophy": "present", "medical_renal_disease": "present"},
        ),
        ("Within both kidneys are small simple cysts.", {"renal_cyst": "present"}),
        # ... a kidney's dilatation, a vein's thrombus, the lobes' fibrosis and a film's edema stay theirs
        (
            "Moderate right pyelocaliectasis with perinephric edema and an edematous kidney.",
            {"hydronephrosis": "present"},
        ),
        ("Mild right pelviectasis with a persistent striated nephrogram.", {"hydronephrosis": "present"}),
        ("Excretory phase images show thrombus in the IVC.", {"thrombus": "present"}),
        (
            "Mild fibrosis in the lower lobes bilaterally and small bilateral renal cysts.",
            {"pulmonary_fibrosis": "present", "renal_cyst": "present"},
        ),
        (
            "Mild edema with overlying breast tissue limiting evaluation of the bases.",
            {"pulmonary_edema": "present"},
        ),
        # ... other organs' thickening, drains and initials
        (
            "Peritoneal thickening and enhancement along the bladder wall, concerning for carcinomatosis.",
            {"peritoneal_carcinomatosis": "uncertain"},
        ),
        (
            "Pigtail catheter in the gallbladder and small right pleural effusion.",
            {"drainage_catheter": "present", "pleural_effusion": "present"},
        ),
        ("Expiratory images at TLC show no air trapping.", {"air_trapping": "absent"}),
        ("Idiopathic granulomatous mastitis of the right breast.", {}),
        # ... a hedge's own adverb, a choice of degree with its side, an aorta below an aneurysm's size, another reading
        ("Right lower lobe pneumonia, clinically likely.", {"pneumonia": "uncertain"}),
        ("Trace or small left pleural effusion.", {"pleural_effusion": "present"}),
        (
            "Sub-aneurysmal dilatation of the infrarenal aorta measuring 2.8 cm.",
            {"aortic_dilatation": "present"},
        ),
        (
            "Right hilar mass with mediastinal lymphadenopathy and a small effusion, lymphoma is the alternative.",
            {"mass": "present", "lymphadenopathy": "present", "pleural_effusion": "present"},
        ),
    ],
)
def test_review_of_the_change(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
