"""Review rv66 (held-out joint replacement and orthopaedic hardware films, incidental findings outside the organ
studied, paediatric chest and airway, chest imaging of immunocompromised and oncology patients, written before any
output was seen) and the last session's leftovers: what they found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leftovers: a cavitary mass is both; a denial's exception of a few bubbles (not of a few small nodes)
        (
            "Cavitary mass in the right upper lobe.",
            {"cavitary_lesion": "present", "mass": "present"},
        ),
        ("No cavitary mass.", {"cavitary_lesion": "absent", "mass": "absent"}),
        ("No free air beyond a few locules.", {"pneumoperitoneum": "present"}),
        ("No free fluid beyond the pelvis.", {"free_fluid": "absent"}),
        ("No lymphadenopathy beyond a few small nodes.", {"lymphadenopathy": "absent"}),
        # rv66a, hardware: a device whose failure is denied is there; the failure said with its verb; an implant's
        # pegs are no gastrostomy; a fixed fracture's collapse is no atelectasis
        (
            "No loosening of the left hip prosthesis.",
            {"hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "The previously seen dislocation of the left total hip replacement has resolved following closed "
            "reduction.",
            {"dislocation": "absent", "hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "The fracture of the sternal wire has resolved.",
            {"hardware_complication": "absent", "sternotomy_wires": "present"},
        ),
        ("No hardware or fracture.", {"support_device": "absent", "hardware_complication": "absent"}),
        ("The broken screw has been removed.", {"hardware_complication": "absent"}),
        (
            "The syndesmotic screw has broken within the tibia, an expected finding with weight bearing.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "The lag screw has cut out through the superior femoral head with varus collapse of the fracture.",
            {"hardware_complication": "present", "fracture": "present"},
        ),
        (
            "Two of the proximal locking screws penetrate the articular surface of the humeral head.",
            {"hardware_complication": "present"},
        ),
        (
            "Glenoid component pegs without lucency.",
            {"hardware_complication": "absent", "lucency": "absent"},
        ),
        ("New 3 mm lucency around the patellar button peg.", {"lucency": "present"}),
        (
            "PEG tube in the stomach. Right femoral line.",
            {"gastrostomy_tube": "present", "central_venous_catheter": "present"},
        ),
        ("Posterior thoracolumbar instrumentation partially imaged.", {"spinal_fusion_hardware": "present"}),
        (
            "Stable appearance of C3-C7 laminectomy with lateral mass screw and rod fusion.",
            {"spinal_fusion_hardware": "present"},
        ),
        ("Bilateral metal-on-metal hip resurfacings.", {"orthopedic_hardware": "present"}),
        ("A retained broken drill bit fragment is present in the distal tibia.", {"foreign_body": "present"}),
        # rv66c, children's chests: hilar nodes, "CF." ends its sentence, the disease under treatment, a study's title
        # that says what it was done for
        (
            "Enlarged hilar lymph nodes bilaterally.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
        (
            "CXR: Hyperinflated lungs with diffuse bronchiectasis and ring shadows, CF. Questionable new left lower "
            "lobe consolidation.",
            {"hyperinflation": "present", "bronchiectasis": "present", "consolidation": "uncertain"},
        ),
        (
            "Follow-up lateral neck, day 3 of IV antibiotics for epiglottitis.\nThe epiglottis now appears normal in "
            "thickness; the epiglottitis has resolved.",
            {"epiglottitis": "absent"},
        ),
        (
            "On antibiotics for pneumonia with persistent right lower lobe consolidation.",
            {"consolidation": "present"},
        ),
        (
            "Bilateral decubitus views for suspected foreign body aspiration.\nThe foreign body itself is not "
            "visualised.",
            {"foreign_body": "absent"},
        ),
        # rv66d, immunocompromised chests: a tunnelled line, a cavitating nodule, the disease treated
        (
            "Right internal jugular tunnelled line in situ, tip in the right atrium.",
            {"central_venous_catheter": "present"},
        ),
        (
            "The left lower lobe cavitating nodule has decreased from 2.4 cm to 1.6 cm.",
            {"cavitary_lesion": "present", "nodule": "present"},
        ),
        (
            "Post chemoradiation for oesophageal carcinoma. Oesophageal wall thickening.",
            {"esophageal_wall_thickening": "present"},
        ),
    ],
)
def test_review_rv66(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # "cf." in small letters is still "compare": no sentence ends there; "CF." in capitals is cystic fibrosis
        ("Nodule, cf. Prior study shows it.", ["Nodule, cf. Prior study shows it."]),
        (
            "Ring shadows, CF. Questionable consolidation.",
            ["Ring shadows, CF.", "Questionable consolidation."],
        ),
    ],
)
def test_cf_ends_its_sentence_only_in_capitals(text: str, sentences: list[str]) -> None:
    assert [s.text for s in parse_report(text).sections[0].sentences] == sentences
