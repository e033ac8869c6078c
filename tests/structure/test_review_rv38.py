"""Review rv38 (held-out cardiac and vascular imaging, staging and trauma CT, chest radiographs, and head and neck,
spine and musculoskeletal imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vein's collapse with breathing is no lung's
        ("IVC dilated (2.4 cm) with <50% inspiratory collapse.", {}),
        ("Right lower lobe collapse.", {"atelectasis": "present"}),
        # a vertebra's collapse under a tumour is its fracture
        ("T8: Pathological collapse.", {"compression_fracture": "present"}),
        ("Bioprosthetic mitral valve, well seated.", {"prosthetic_heart_valve": "present"}),
        # a limb's arteries' calcium
        ("Common femoral arteries moderately calcified bilaterally.", {"vascular_calcification": "present"}),
        ("Calcification of the cavernous ICAs bilaterally.", {"vascular_calcification": "present"}),
        ("Native vessels: heavily calcified.", {"coronary_calcification": "present"}),
        ("Features in keeping with CTEPH.", {"pulmonary_hypertension": "present"}),
        ("LV non-dilated, normal wall thickness.", {"cardiac_chamber_enlargement": "absent"}),
        # another artery's near occlusion is no carotid's
        (
            "Severe narrowing of the proximal left subclavian artery, with a 1 cm segment of near-occlusion proximal "
            "to the vertebral origin.",
            {"arterial_stenosis": "present"},
        ),
        ("Near-occlusion of the right ICA.", {"carotid_stenosis": "present"}),
        (
            "Right parietal approach ventricular catheter with tip in the frontal horn.",
            {"csf_shunt": "present"},
        ),
        # the spine's postoperative scar is no lung fibrosis
        ("Enhancing epidural soft tissue, most compatible with epidural fibrosis.", {}),
    ],
)
def test_words_rv38(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare rupture is the aorta's on a study of the aorta
        (
            "CT ANGIOGRAM ABDOMINAL AORTA AND ILIACS\nInfrarenal aneurysm 6.2 cm.\nNo retroperitoneal hematoma to "
            "suggest rupture.",
            {"aortic_aneurysm": "present", "hematoma": "absent", "aortic_rupture": "absent"},
        ),
        # ... or in a sentence that names the tissue around it
        (
            "6 cm infrarenal aneurysm.\nNo periaortic stranding or retroperitoneal hematoma to suggest rupture.",
            {
                "aneurysm": "present",
                "fat_stranding": "absent",
                "hematoma": "absent",
                "aortic_rupture": "absent",
            },
        ),
        # ... and of nothing said elsewhere
        ("EXAM: CTA CHEST\nSmall left effusion.\nNo rupture.", {"pleural_effusion": "present"}),
        # an old infarct is the kidney's on a study of the kidneys, the brain's on a study of the head
        (
            "CT ANGIOGRAM RENAL ARTERIES\nWedge-shaped non-enhancing area in the left lower pole, consistent with a "
            "small chronic infarct.",
            {"renal_infarct": "present"},
        ),
        ("CT HEAD\nOld infarct in the left frontal lobe.", {"cerebral_infarct": "present"}),
        # a bare plaque is a limb artery's on a study of a limb's arteries, the aorta's when said of it
        (
            "ARTERIAL DUPLEX RIGHT LOWER EXTREMITY\nCFA: triphasic. Diffuse calcified plaque.",
            {"vascular_calcification": "present"},
        ),
        (
            "CTA BILATERAL LOWER EXTREMITY RUNOFF\nAortoiliac: Mild atherosclerotic calcification of the infrarenal "
            "aorta.",
            {"aortic_atherosclerosis": "present"},
        ),
        ("CTA CHEST\nCalcified plaque.", {"aortic_atherosclerosis": "present"}),
    ],
)
def test_words_of_vessel_studies_rv38(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a limb's arterial or venous study gives its side to what it finds in the limb's vessels
        (
            "RIGHT LOWER EXTREMITY ARTERIAL DUPLEX\nFindings:\nSFA stent: consistent with >70% in-stent restenosis.",
            "arterial_stenosis",
            "right",
        ),
        (
            "RIGHT LOWER EXTREMITY ARTERIAL DUPLEX\nFindings:\nSFA stent: consistent with >70% in-stent restenosis.",
            "vascular_stent",
            "right",
        ),
        (
            "Venous Doppler ultrasound, left leg\nClinical: swollen L calf.\nNon-compressible posterior tibial veins "
            "containing echogenic thrombus.",
            "deep_vein_thrombosis",
            "left",
        ),
        # a reading across a semicolon, after a word it opens with, reads the finding before it
        (
            "Bibasilar opacities, likely atelectasis; superimposed infection is not excluded.",
            "infection",
            "bilateral",
        ),
        # a node's enlargement reads a finding of any part
        ("Right hilar enlargement, suspicious for lymphadenopathy.", "lymphadenopathy", "right"),
        # a count of views shortened in a limb study's title
        (
            "R ANKLE 3V\nHx: inversion injury.\nTrimalleolar fracture: oblique distal fibular fracture.",
            "fracture",
            "right",
        ),
    ],
)
def test_sides_rv38(text: str, code: str, side: str) -> None:
    assert sides(text)[code] == {side}


def test_a_venous_study_of_one_limb_said_first() -> None:
    # (the limb said after the study, with nothing found: no side is made up)
    assert report_codes("Venous Doppler ultrasound, left leg\nNo DVT.") == {"deep_vein_thrombosis": "absent"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a filling defect read, with a hedge, as an embolus is as hedged as its reading; on a CTPA both are the
        # pulmonary artery's
        ("CTPA\nSmall filling defect, possibly an embolus.", {"pulmonary_embolism": "uncertain"}),
        (
            "CTPA\nThere is a small eccentric filling defect in a subsegmental branch of the left lower lobe, possibly "
            "a small embolus, although partial volume artefact is a consideration. No central or lobar PE.",
            {"pulmonary_embolism": "uncertain"},
        ),
        ("CTPA\nFilling defect in the right lower lobe segmental artery.", {"pulmonary_embolism": "present"}),
        # a bare embolus elsewhere is a clot; a septic one is no clot but an infection (review rv76d)
        ("Small filling defect, possibly an embolus.", {"thrombus": "uncertain"}),
        ("No septic emboli.", {"infection": "absent"}),
        ("CMR\nLV mildly dilated.", {"cardiac_chamber_enlargement": "present"}),
    ],
)
def test_emboli_and_short_study_names_rv38a(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize("title", ["CTPA", "CCTA", "CMR", "HRCT", "MRCP"])
def test_a_studys_short_name_is_its_title(title: str) -> None:
    from radpilot.report import parse_report

    assert parse_report(f"{title}\nNo abnormality.").sections[0].name == "examination"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an embolus in a brain's artery is no pulmonary embolism
        ("Acute MCA embolus.", {"large_vessel_occlusion": "present"}),
        ("Acute embolus in the right MCA.", {"large_vessel_occlusion": "present"}),
        # ... and a pulmonary one stays one beside a limb's clot or the neck's arteries in another sentence
        (
            "Pulmonary embolism and left popliteal DVT.",
            {"pulmonary_embolism": "present", "deep_vein_thrombosis": "present"},
        ),
        ("Saddle embolus. Carotid arteries patent.", {"pulmonary_embolism": "present"}),
        ("No acute emboli.", {"pulmonary_embolism": "absent"}),
    ],
)
def test_a_brain_arterys_embolus(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
