"""Review rv15c (608 made-up sentences: Doppler, pediatrics, stroke CT, MSK MRI, chest CT incidentals, GU ultrasound,
telegraphic ED reads, follow-up): telegraphic denials and abbreviations, signs read as the right finding, a clot
in a brain artery, MR tear wording, and a denial that does not reach past a comma that opens a reading."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
            for f in structure(text).findings
        }
    )


CASES = [
    # telegraphic denials
    ("Neg for SAH.", [("subarachnoid_hemorrhage", "absent", None)]),
    ("Neg for acute fx/dislocation.", [("dislocation", "absent", None), ("fracture", "absent", None)]),
    ("Torsion: neg.", [("torsion", "absent", None)]),
    ("Right shoulder: Negative for fracture or dislocation.",
     [("dislocation", "absent", "right"), ("fracture", "absent", "right")]),
    # telegraphic abbreviations
    ("L M1 occl.", [("large_vessel_occlusion", "present", None)]),
    ("Mildly displaced L 7-9 rib fxs.", [("fracture", "present", "left")]),
    ("Perf appy w/ 3cm RLQ abscess.",
     [("abscess", "present", "right"), ("appendicitis", "present", None), ("bowel_perforation", "present", None)]),
    # (the sign's word left out is the sign: review rv47d)
    ("Distended GB w/ wall thickening, +sonographic Murphy, c/w acute chole.",
     [("gallbladder_wall_thickening", "present", None), ("sonographic_murphy_sign", "present", None),
      ("cholecystitis", "present", None)]),
    ("Mild R hydro.", [("hydronephrosis", "present", "right")]),
    ("No FB.", [("foreign_body", "absent", None)]),
    ("Splenic lac.", [("solid_organ_injury", "present", None)]),
    ("Subcut emphysema L chest wall.", [("subcutaneous_emphysema", "present", "left")]),
    # signs read as the right finding
    ("Whirlpool sign of the mesenteric vessels, concerning for midgut volvulus.",
     [("volvulus", "present", None), ("volvulus", "uncertain", None)]),
    ("Stroke protocol: no acute findings. No LVO.", [("large_vessel_occlusion", "absent", None)]),
    ("Coronary artery calcium score of zero.", [("coronary_calcification", "absent", None)]),
    ("Subchondral cysts and osteophytes in the medial tibiofemoral compartment.", [("arthritis", "present", None)]),
    ("Clot within the left M1 segment.", [("large_vessel_occlusion", "present", "left")]),
    ("The left basilic vein contains occlusive thrombus; the deep veins are patent.",
     [("superficial_thrombophlebitis", "present", "left")]),
    # MR tear wording
    ("Medial meniscus root tear.", [("meniscal_tear", "present", None)]),
    ("ACL graft retear.", [("ligament_tear", "present", None)]),
    ("MPFL tear.", [("ligament_tear", "present", None)]),
    # a denial does not reach past a comma that opens a reading
    ("Elevated posterior fat pad without visible fracture, suggesting an occult supracondylar fracture.",
     [("fracture", "absent", None), ("fracture", "uncertain", None), ("joint_effusion", "present", None)]),
    ("Subpleural reticulation without honeycombing, representing a probable UIP pattern.",
     # (reticulation is the interstitium's lines, review rv43a)
     [("honeycombing", "absent", None), ("interstitial_markings", "present", None), ("uip_pattern", "uncertain", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_reading(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = _read(text)
    for e in expected:
        assert e in got, got
    assert {c for c, _, _ in got} == {c for c, _, _ in expected}, got


CRITICAL = [
    ("Neg for SAH.", []),
    ("Subacute infarct in the left cerebellar hemisphere with mass effect on the fourth ventricle.",
     [("acute_infarct", "red")]),
    ("Small ileoileal intussusception in the left upper quadrant, likely transient.", []),
    ("2.1 cm right femoral pseudoaneurysm, status post thrombin injection, with no residual flow.", []),
    ("Left SCFE, status post in situ pinning, unchanged.", []),
    ("Bone bruises in the pattern of a transient lateral patellar dislocation.", []),
    ("Lipohemarthrosis in the suprapatellar recess.", [("lipohemarthrosis", "orange")]),
    ("2.2 cm exophytic lesion of the left kidney, likely a cyst.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CRITICAL, ids=[t for t, _ in CRITICAL])
def test_critical(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((c.code, c.tier) for c in critical_results(structure(f"FINDINGS: {text}"))) == sorted(
        expected
    )
