"""Review rv57 (held-out HRCT for interstitial lung disease, obstetric and gynaecological ultrasound, nuclear medicine,
and gastrointestinal fluoroscopy, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # HRCT (rv57a): a reading's examples are readings; what an infection leaves is no infection; a drain's site is
        # a place; honeycombing dictated apart
        (
            "Impression: Mild air trapping, likely related to small airways disease (e.g. asthma, post-infectious "
            "bronchiolitis).",
            {"air_trapping": "present", "bronchitis": "uncertain"},
        ),
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
