"""Review rv43 (held-out thoracic CT, everyday ultrasound, spine, head and neck and vessel imaging, and inpatient
chest radiographs, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reticulation is the interstitium's lines
        (
            "HRCT CHEST\nBilateral subpleural, basal-predominant reticulation with honeycombing in both lower lobes.",
            {"interstitial_markings": "present", "honeycombing": "present"},
        ),
        (
            "HRCT CHEST\nNo honeycombing, reticulation or traction bronchiectasis.",
            {"honeycombing": "absent", "interstitial_markings": "absent", "bronchiectasis": "absent"},
        ),
        # (... and the interstitial markings they are: review rv99a)
        ("Bibasilar reticular opacities.", {"lung_opacity": "present", "interstitial_markings": "present"}),
        # a disease's kind without fibrosis; nodes not enlarged
        (
            "Impression: Findings are typical for non-fibrotic hypersensitivity pneumonitis; early fibrosis is not "
            "excluded.",
            # (a pneumonitis by name too, review rv49b)
            {
                "interstitial_lung_disease": "present",
                "pneumonitis": "present",
                "pulmonary_fibrosis": "uncertain",
            },
        ),
        ("Several prominent but non-enlarged mediastinal nodes.", {"lymphadenopathy": "absent"}),
        ("Non-enlarged hilar lymph nodes.", {"lymphadenopathy": "absent"}),
        # LAD for the nodes, not the coronary artery
        (
            "CT chest low dose f/u.\nNo LAD. No effusion.",
            {"lymphadenopathy": "absent", "pleural_effusion": "absent"},
        ),
        ("Mediastinal LAD.", {"lymphadenopathy": "present"}),
        ("Calcification of the RCA and LAD.", {"coronary_calcification": "present"}),
        # a salivary duct's dilatation is no pancreas's, across its comma
        (
            "CT NECK WITH CONTRAST\n7 mm calculus in the distal right submandibular (Wharton) duct near the sublingual "
            "caruncle, with upstream ductal dilatation to 4 mm.",
            {"calculus": "present"},
        ),
        # an orbit's herniation, the spine's fibrosis, the middle ear's opacification
        (
            "CT FACIAL BONES / ORBITS\nRight orbital floor blowout fracture with herniation of the inferior rectus.",
            {"fracture": "present"},
        ),
        (
            "MRI LUMBAR SPINE\nRecurrent disc herniation versus epidural fibrosis.",
            {"disc_herniation": "uncertain"},
        ),
        (
            "CT TEMPORAL BONES\nOpacification of the right middle ear and mastoid air cells with blood/fluid.",
            {"mastoid_effusion": "present"},
        ),
        ("Partial opacification of the left mastoid air cells.", {"mastoid_effusion": "present"}),
        # a filling defect or a clot in a dural sinus
        (
            "MR VENOGRAM\nFilling defect within the left transverse and sigmoid sinuses extending into the proximal "
            "left internal jugular vein.",
            {"venous_sinus_thrombosis": "present"},
        ),
        ("CT HEAD\nNo filling defect in the dural venous sinuses.", {"venous_sinus_thrombosis": "absent"}),
        # (... and the bare clot said with it is its own)
        (
            "CTV: Filling defects within the left transverse and left sigmoid sinuses, in keeping with thrombosis.",
            {"venous_sinus_thrombosis": "present"},
        ),
        ("DUPLEX\nThrombus in the popliteal vein.", {"deep_vein_thrombosis": "present"}),
        # (review rv43b) a screening programme's name; the bile ducts inside and outside the liver; a dermoid's fat
        (
            "AAA screening ultrasound\nAorta is of normal calibre throughout its visualised length. No aneurysm.",
            {"aortic_dilatation": "absent", "aneurysm": "absent"},
        ),
        ("Known 5.6 cm AAA.", {"aortic_aneurysm": "present"}),
        (
            "No intra- or extrahepatic duct dilatation; the CBD measures 5 mm.",
            {"biliary_dilatation": "absent"},
        ),
        (
            "US PELVIS\nLeft ovary: dermoid with a fat-fluid level.",
            {"ovarian_cyst": "present"},
        ),
        # the heart's and the mediastinum's outline said normal together deny both
        (
            "The heart and mediastinal silhouettes are within normal limits.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        (
            "Cardiac and mediastinal contours are within normal limits.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        # the spine's scar is a scar
        (
            "MRI LUMBAR SPINE\nAt L4/5 there is enhancing epidural scar tissue encasing the right L5 nerve root.",
            {"scarring": "present"},
        ),
    ],
)
def test_words_rv43(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
