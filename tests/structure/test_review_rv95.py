"""Review rv95 (lymphoma, myeloma and leukaemia; peripheral vascular and venous imaging; foreign bodies and
penetrating injuries; adult congenital heart disease and pulmonary hypertension; ICU and emergency chest films; the
acute abdomen; neuroradiology; musculoskeletal trauma), written before any output was seen: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a foreign body named by the object (review rv95c)
        (
            "In keeping with an ingested foreign body (likely a toothpick) with sigmoid perforation. Conclusion: Sigmoid "
            "perforation by an ingested toothpick.",
            {"foreign_body": "present", "bowel_perforation": "present"},
        ),
        (
            "Multiple retained metallic shotgun pellets over the left chest wall, unchanged.",
            {"foreign_body": "present"},
        ),
        ("The razor blade now projects over the right lower quadrant.", {"foreign_body": "present"}),
        ("Two AA batteries remain in the stomach.", {"foreign_body": "present"}),
        (
            "Inhaled pin in the right lower lobe bronchus. For bronchoscopic retrieval.",
            {"foreign_body": "present"},
        ),
        (
            "Retained guidewire extending from the right IJ line into the IVC.",
            {"foreign_body": "present", "central_venous_catheter": "present"},
        ),
        (
            "High-grade SBO secondary to an impacted partial denture in the distal ileum.",
            {"bowel_obstruction": "present", "foreign_body": "present"},
        ),
        ("Impression: 2 residual packets in the rectosigmoid.", {"foreign_body": "present"}),
        ("Impression: Aspirated tooth fragment in the bronchus intermedius.", {"foreign_body": "present"}),
        # ... and a swab's own marker is no marker on the skin (review rv95c)
        (
            "A thin wavy radiopaque marker strip, characteristic of a retained surgical sponge (gossypiboma).",
            {"foreign_body": "present"},
        ),
        ("Mediastinal swing to the left on expiration.", {"mediastinal_shift": "present"}),
        # a heart's shunt of blood is no device (review rv95d)
        ("Superior sinus venosus ASD with a significant L-R shunt causing RV volume loading.", {}),
        ("Cardiomegaly with shunt vasculature.", {"cardiomegaly": "present"}),
        # the right ventricle's overload is its strain, no pulmonary oedema (review rv95d)
        (
            "Conclusion: Severe pulmonary hypertension with RV pressure overload and severe RV dysfunction.",
            {"pulmonary_hypertension": "present", "right_heart_strain": "present"},
        ),
        (
            "Gallbladder wall thickened to 8 mm with layered oedema; no calculi.",
            {"gallbladder_wall_thickening": "present", "gallstones": "absent"},
        ),
        # the aorta's coarctation, the pulmonary arteries' enlargement (review rv95d)
        (
            "Appearances in keeping with coarctation of the aorta. No re-coarctation.",
            {"arterial_stenosis": "present"},
        ),
        (
            "Marked enlargement of the main and central pulmonary arteries with peripheral pruning.",
            {"pulmonary_artery_enlargement": "present"},
        ),
        (
            "Main PA is markedly aneurysmal at 68 mm.",
            {"pulmonary_artery_enlargement": "present"},
        ),
        # a lobe's infarct is the lung's (review rv95d)
        (
            "Impression: Acute left-sided PE with probable LLL infarct.",
            {"pulmonary_embolism": "present", "pulmonary_infarct": "uncertain"},
        ),
        # a differential's list is hedged to its end (review rv95a)
        (
            "Differential includes differentiation syndrome, pulmonary oedema/fluid overload, infection and alveolar "
            "haemorrhage.",
            {"pulmonary_edema": "uncertain", "infection": "uncertain", "pulmonary_hemorrhage": "uncertain"},
        ),
        # a clot said of the veins on a CT pulmonary angiogram is theirs (review rv95b)
        (
            "CT PULMONARY ANGIOGRAM WITH INDIRECT CT VENOGRAPHY\nFindings:\nVenous phase: Occlusive filling defect "
            "expanding the right popliteal and distal femoral veins, in keeping with DVT.\nConclusion: Right "
            "femoropopliteal DVT.",
            {"deep_vein_thrombosis": "present"},
        ),
        ("Left iliac vein thrombosis cannot be excluded.", {"deep_vein_thrombosis": "uncertain"}),
        # the popliteal artery's P2 segment is no brain's (review rv95b)
        ("Right popliteal artery occluded in the P2 segment over 4 cm.", {"arterial_occlusion": "present"}),
        # patent veins and sinuses said in a list (reviews rv95a)
        ("Portal and hepatic veins patent.", {"portal_vein_thrombosis": "absent"}),
        ("Portal, splenic and superior mesenteric veins are patent.", {"portal_vein_thrombosis": "absent"}),
        ("Dural venous sinuses are patent.", {"venous_sinus_thrombosis": "absent"}),
        # a lymphoma's spleen and bowel (review rv95a)
        ("The previously noted focal splenic deposits are no longer seen.", {"splenic_lesion": "absent"}),
        (
            "Wall thickening of the distal ileum with aneurysmal luminal dilatation.",
            {"bowel_wall_thickening": "present"},
        ),
        ("The constellation supports sinusoidal obstruction syndrome.", {}),
        (
            "Differential includes primary mediastinal B-cell lymphoma and germ cell tumour.",
            {"mass": "uncertain"},
        ),
        # a duct's filling defects are stones (review rv95f)
        (
            "The gallbladder contains multiple filling defects, consistent with gallstones. The final occlusion "
            "cholangiogram shows no residual filling defect.",
            {"gallstones": "present"},
        ),
        # the brain's (review rv95g)
        (
            "Mild involutional change and chronic small vessel ischaemia.",
            {"cerebral_atrophy": "present", "small_vessel_disease": "present"},
        ),
        ("No leptomeningeal or subependymal enhancement.", {"leptomeningeal_disease": "absent"}),
        ("Left psoas phlegmonous enhancement.", {"phlegmon": "present"}),
        # two measures compared are no choice between readings (review rv95g)
        (
            "Lateral and third ventricles are enlarged compared with 4/2024 (frontal horn ratio 0.48 vs 0.36) with "
            "transependymal CSF flow.",
            {"hydrocephalus": "present"},
        ),
        ("Hydronephrosis grade 0 vs 1 on the right.", {"hydronephrosis": "uncertain"}),
        ("Pulmonary nodule 12mm vs 9mm, enlarging.", {"nodule": "present"}),
        # the British hardware and the short names of pulmonary hypertension (reviews rv95d, rv95h)
        ("No metalwork complication seen.", {"hardware_complication": "absent"}),
        ("Stable right heart changes of known PAH.", {"pulmonary_hypertension": "present"}),
        (
            "Coarctation stent in situ, widely patent, with no re-coarctation.",
            {"vascular_stent": "present", "arterial_stenosis": "absent"},
        ),
        # an IVC filter's own failure (review rv95b)
        (
            "Chronic IVC filter with tilt and strut penetration.",
            {"ivc_filter": "present", "hardware_complication": "present"},
        ),
    ],
)
def test_review_rv95(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("Extensive L femoropopliteal DVT.", "deep_vein_thrombosis", "left"),
        ("Proximal LPA stenosis.", "arterial_stenosis", "left"),
        ("Mild RPA origin stenosis (9 mm).", "arterial_stenosis", "right"),
        ("Embolus in the LPA.", "pulmonary_embolism", "left"),
    ],
)
def test_review_rv95_sides(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


def test_a_marrows_fat_fraction_is_no_free_fluid() -> None:
    # (review rv95a: a marrow's fat fraction)
    assert "free_fluid" not in structure("Low fat fraction in the axial skeleton (mean FF 8%).").by_code()


def test_the_review_sets_name_only_codes_the_engine_has() -> None:
    # (the held-out sets of tests/structure/review_sets, scored by scripts/review_sets.py: a code renamed or taken out
    # of the lexicon must be renamed there too, or the sets silently score it as missed)
    import json
    from pathlib import Path

    from radpilot.structure.lexicon import default_lexicon

    codes = set(default_lexicon().observations)
    ids: set[str] = set()
    sets = sorted((Path(__file__).parent / "review_sets").glob("*.json"))
    assert len(sets) >= 8
    for path in sets:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert len(data["reports"]) == 40, path.name
        for rep in data["reports"]:
            assert rep["id"] not in ids and rep["text"].strip(), rep["id"]
            ids.add(rep["id"])
            assert set(rep["expected"]) <= codes, (rep["id"], set(rep["expected"]) - codes)
            assert set(rep["expected"].values()) <= {"present", "absent", "uncertain"}, rep["id"]
            assert set(rep.get("sides", {})) <= codes, rep["id"]
            assert set(rep.get("sides", {}).values()) <= {"left", "right", "bilateral"}, rep["id"]
