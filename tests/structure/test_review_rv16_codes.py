"""Conditions reviews rv16a/b/c of made-up dictation found without a code (superficial thrombophlebitis, epidural
abscess, leptomeningeal disease, a cord signal change, SVC obstruction, tumor thrombus, a dilated pancreatic duct,
pyonephrosis, suspected non-accidental trauma, a meniscal tear apart from a ligament's, a sprain, thin cartilage),
the grade a percent gives a carotid stenosis, a millimetre that is no change, and the critical tiers they take."""

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
    ("Nonocclusive thrombus in the right great saphenous vein at the mid thigh, approximately 6 cm from the "
     "saphenofemoral junction.", [("superficial_thrombophlebitis", "present", "right")]),
    ("Superficial thrombophlebitis of the right great saphenous vein. No deep venous thrombosis.",
     [("deep_vein_thrombosis", "absent", None), ("superficial_thrombophlebitis", "present", "right")]),
    ("Occlusive thrombus in the left common femoral vein.", [("deep_vein_thrombosis", "present", "left")]),
    ("Ventral epidural abscess at L4-5 associated with discitis-osteomyelitis.",
     [("epidural_abscess", "present", None), ("osteomyelitis", "present", None)]),
    ("Leptomeningeal enhancement along the cerebellar folia, concerning for leptomeningeal carcinomatosis.",
     [("leptomeningeal_disease", "uncertain", None)]),
    ("Mediastinal mass causes severe narrowing of the superior vena cava.",
     [("mediastinal_mass", "present", None), ("svc_obstruction", "present", None)]),
    ("No SVC obstruction.", [("svc_obstruction", "absent", None)]),
    # a tumour in a vein is no deep vein thrombosis
    ("Nonocclusive thrombus in the left renal vein, likely tumor thrombus.", [("tumor_thrombus", "uncertain", "left")]),
    ("The main pancreatic duct is dilated to 5 mm.", [("pancreatic_duct_dilatation", "present", None)]),
    ("Right hydronephrosis with layering debris, concerning for pyonephrosis.",
     # (the reading across the finding's own description takes its side: rv28)
     [("hydronephrosis", "present", "right"), ("pyonephrosis", "uncertain", "right")]),
    ("Multiple fractures of differing ages, highly suspicious for nonaccidental trauma.",
     [("fracture", "present", None), ("nonaccidental_trauma", "uncertain", None)]),
    # a meniscus's tear is not a ligament's; both are told
    ("Complete tear of the anterior cruciate ligament. Vertical longitudinal tear of the posterior horn of the lateral "
     "meniscus.", [("ligament_tear", "present", None), ("meniscal_tear", "present", None)]),
    ("Horizontal oblique tear of the posterior horn of the medial meniscus.", [("meniscal_tear", "present", None)]),
    ("Low-grade sprain of the MCL.", [("ligament_sprain", "present", None)]),
    ("Mild chondral thinning of the medial femoral condyle.", [("chondromalacia", "present", None)]),
    # a lesion of the cord is no bone's
    ("Cord lesion at C4 demonstrates patchy enhancement, suggesting active demyelination.",
     [("cord_signal_abnormality", "present", None), ("demyelinating_lesions", "uncertain", None)]),
    # (the wear of an arthritic joint is the arthritis's)
    ("Severe tricompartmental osteoarthritis with cartilage loss.", [("arthritis", "present", None)]),
    # the neural foramen's narrowing is not the vena cava's
    ("Severe narrowing of the right neural foramen.", [("foraminal_stenosis", "present", "right")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_read(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Right ICA origin stenosis of approximately 75% by NASCET criteria.", "severe"),
        ("50-69% stenosis of the right internal carotid artery.", "moderate"),
        ("Less than 50% stenosis of the left ICA.", "mild"),
        ("Left internal carotid artery stenosis, less than 50 percent.", "mild"),
        # (a word says the degree first)
        ("Mild right ICA stenosis.", "mild"),
    ],
)
def test_a_carotid_stenosis_is_graded_by_its_percent(text: str, severity: str) -> None:
    (f,) = structure(text).findings
    assert f.severity == severity


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The left lobe nodule measures 1.2 x 0.9 x 0.8 cm, previously 1.1 x 0.9 x 0.8 cm.", "stable"),
        ("Left lower lobe mass measures 3.0 cm, previously 3.1 cm.", "stable"),
        ("The nodule measures 6 mm, previously 4 mm.", "worsened"),
        ("The mass measures 2.1 cm, previously 2.6 cm.", "improved"),
    ],
)
def test_a_millimetre_either_way_is_no_change(text: str, change: str) -> None:
    (f,) = structure(text).findings
    assert f.change is not None and f.change.value == change


TIERS = [
    ("Mild flattening of the ventral cord at C5-6 without signal abnormality.", [("spinal_cord_compression", "yellow")]),
    ("Severe canal stenosis at C5-6 with compression of the cord and myelomalacia.",
     [("spinal_cord_compression", "red")]),
    ("Epidural tumor at T7 compresses the thecal sac and flattens the cord.",
     [("mass", "yellow"), ("spinal_cord_compression", "red")]),
    ("Ventral epidural abscess at L4-5. No cord or cauda compression.", [("epidural_abscess", "red")]),
    ("Mediastinal mass causes severe narrowing of the superior vena cava with chest wall collaterals.",
     [("mediastinal_mass", "yellow"), ("svc_obstruction", "orange")]),
    ("Basilar tip aneurysm measuring 11 mm, increased from 8 mm.", [("aneurysm", "orange")]),
    ("Saccular aneurysm of the left MCA bifurcation measuring 7 mm. No subarachnoid hemorrhage.",
     [("aneurysm", "yellow")]),
    ("3 mm aneurysm of the right MCA.", []),
    ("Status post EVAR with the aneurysm sac measuring 6.2 cm.", []),
    ("Right ICA stenosis of approximately 80% by NASCET criteria.", [("carotid_stenosis", "yellow")]),
    ("50-69% stenosis of the left ICA.", []),
    ("Leptomeningeal carcinomatosis along the cerebellar folia.", [("leptomeningeal_disease", "yellow")]),
    ("Right hydronephrosis with layering debris, concerning for pyonephrosis.", [("pyonephrosis", "red")]),
    ("Emphysematous pyelonephritis of the left kidney.", [("pyelonephritis", "red")]),
    ("Acute pyelonephritis of the left kidney.", []),
    ("Multiple fractures of differing ages, highly suspicious for nonaccidental trauma.",
     [("nonaccidental_trauma", "red")]),
    ("Nonocclusive thrombus in the right great saphenous vein approximately 6 cm from the saphenofemoral junction.", []),
    ("Occlusive thrombus in the great saphenous vein 1.5 cm from the saphenofemoral junction.",
     [("superficial_thrombophlebitis", "orange")]),
    ("Nonocclusive thrombus in the left renal vein, likely tumor thrombus.", [("tumor_thrombus", "yellow")]),
    ("Tumor thrombus in the IVC extending to the right atrium.", [("tumor_thrombus", "yellow")]),
    ("New portal vein thrombosis.", [("portal_vein_thrombosis", "orange")]),
    ("Chronic portal vein thrombosis with cavernous transformation.", []),
    # a phlegmon is not yet an abscess
    ("Small ventral epidural phlegmon at C6-7 without drainable abscess.", []),
    ("Mild interval enlargement of the lateral ventricles, concerning for shunt malfunction.",
     [("shunt_malfunction", "orange")]),
    ("Right frontal VP shunt in place. No evidence of shunt malfunction.", []),
    # a bone lesion through more than half of its cortex is about to break (Harrington, Mirels)
    ("Lytic metastasis in the left proximal femur involving more than 50% of the cortical thickness.",
     [("impending_pathologic_fracture", "orange")]),
    ("No lesion involves more than 50% of the cortex.", []),
    # a treated cancer shrinking is its oncologist's, not a result to call
    ("Right lower lobe mass has decreased in size to 1.4 cm from 2.6 cm.", []),
    ("New 3 cm mass in the right lower lobe.", [("mass", "yellow")]),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), TIERS, ids=[c[0][:60] for c in TIERS])
def test_tier(finding: str, expected: list[tuple[str, str]]) -> None:
    got = sorted((r.code, r.tier) for r in critical_results(structure(f"FINDINGS: {finding}")))
    assert got == sorted(expected)
