"""Review rv52 (held-out terse US Veterans-hospital chest radiographs, emergency abdominal CT, musculoskeletal MRI,
and the chest imaging of elderly patients after many operations, written before any output was seen): what it
found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a singular verb's subject is the one its article opens, named or not (rv52b)
        (
            "There is focal bladder wall thickening and a colovesical fistula is not excluded.",
            {"bladder_wall_thickening": "present"},
        ),
        (
            "There is a small left effusion and a pneumothorax is not excluded.",
            {"pleural_effusion": "present", "pneumothorax": "uncertain"},
        ),
        (
            "Small left effusion and pneumothorax are not excluded.",
            {"pleural_effusion": "uncertain", "pneumothorax": "uncertain"},
        ),
        (
            "A small effusion and a pneumothorax is not seen.",
            {"pleural_effusion": "present", "pneumothorax": "absent"},
        ),
        # how much a finding is made to look is hedged, not what makes it so (rv52d)
        (
            "Enlarged cardiac silhouette, possibly accentuated by AP technique and low lung volumes.",
            {"cardiomegaly": "present", "low_lung_volumes": "present"},
        ),
        # words (rv52b, rv52c, rv52d)
        (
            "The sigmoid colon is thick-walled with adjacent extraluminal gas.",
            {"bowel_wall_thickening": "present", "extraluminal_gas": "present"},
        ),
        (
            "Findings are nonspecific and may represent enteritis or early low-flow ischaemia.",
            {"enteritis": "uncertain", "mesenteric_ischemia": "uncertain"},
        ),
        (
            "Menisci: Oblique tear of the posterior horn of the medial meniscus extending to the inferior articular "
            "surface.",
            {"meniscal_tear": "present"},
        ),
        ("Central tear (perforation) of the TFCC articular disc.", {"ligament_tear": "present"}),
        (
            "Anteroinferior labral tear with detached labroligamentous complex (soft-tissue Bankart lesion); no bony "
            "Bankart fragment.",
            {"ligament_tear": "present", "fracture": "absent"},
        ),
        (
            "Redemonstrated sternotomy, CABG clips and prosthetic aortic and mitral valves.",
            {"surgical_clips": "present", "prosthetic_heart_valve": "present"},
        ),
        (
            "The sternotomy wires and LV assist device are unchanged.",
            {"sternotomy_wires": "present", "ventricular_assist_device": "present"},
        ),
    ],
)
def test_review_rv52(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reading after the finding's place and a comma, and a pair joined by "and/or", take its side (rv52a)
        (
            "Patchy opacity in the lingula, atelectasis versus consolidation.",
            {"lung_opacity": {"left"}, "atelectasis": {"left"}, "consolidation": {"left"}},
        ),
        (
            "Persistent left lower lobe opacity, atelectasis and/or pneumonia.",
            {"lung_opacity": {"left"}, "atelectasis": {"left"}, "pneumonia": {"left"}},
        ),
    ],
)
def test_a_readings_side(text: str, expected: dict[str, set[str]]) -> None:
    assert sides(text) == expected
