"""Review rv92 (COVID-19 and viral pneumonia chest imaging, obstetric and postpartum emergencies, AAA surveillance and
EVAR follow-up, cystic fibrosis and bronchiectasis), written before any output was seen: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an artery said not aneurysmal (review rv92c)
        (
            "IMPRESSION: 1. Infrarenal AAA, 4.8 cm. 2. Non-aneurysmal common iliac arteries.",
            {"aortic_aneurysm": "present", "aneurysm": "absent"},
        ),
        # an endograft's limb, the aorta and the IMA occluded (review rv92c)
        (
            "Findings: Endograft in position. No limb occlusion, stenosis or kinking. No endoleak.",
            {
                "vascular_stent": "present",
                "arterial_occlusion": "absent",
                "hardware_complication": "absent",
                "arterial_stenosis": "absent",
                "endoleak": "absent",
            },
        ),
        (
            "AAA 5.6 cm, up from 5.2 cm. No rupture. IMA occluded.",
            {"aortic_aneurysm": "present", "aortic_rupture": "absent", "arterial_occlusion": "present"},
        ),
        (
            "Findings: The native aorta is occluded below the renal arteries, as before.",
            {"arterial_occlusion": "present"},
        ),
        # ... not a thrombosed aneurysm of the aorta, nor a branch said to arise from it (the review of the change)
        ("Partially thrombosed aneurysm of the infrarenal aorta.", {"aortic_aneurysm": "present"}),
        # (the gut's artery occluded: review rv98b)
        ("The celiac axis is occluded at its origin from the aorta.", {"arterial_occlusion": "present"}),
        # the IMA said occluded itself, not after another vessel's occlusion (the review of the change)
        ("Portal vein occluded, IMA patent.", {"portal_vein_thrombosis": "present"}),
        # a non-ruptured AAA is no rupture (the review of the change)
        ("Intact, non-ruptured 6.4 cm infrarenal AAA.", {"aortic_aneurysm": "present"}),
        # ... and its repair's name is no aneurysm (reviews rv81b, rv92c)
        (
            "History: Open infrarenal AAA repair 5 years ago. Findings: The aortic graft is patent.",
            {},
        ),
        # the aorta's segment said aneurysmal, and its aneurysmal degeneration denied (review rv92c)
        (
            "Chronic type B aortic dissection. The infrarenal segment is aneurysmal at 5.1 cm. Partial thrombosis of the "
            "false lumen.",
            {"aortic_dissection": "present", "aortic_aneurysm": "present", "thrombus": "present"},
        ),
        ("Impression: No aneurysmal degeneration of the native aorta.", {"aortic_aneurysm": "absent"}),
        # gas said ectopic is no ectopic pregnancy (review rv92c); its place's words say what it is (the review of the
        # change)
        ("New ectopic gas is present within the excluded aneurysm sac.", {"aortic_aneurysm": "present"}),
        ("Ectopic gas in the portal vein branches.", {"portal_venous_gas": "present"}),
        # the flow void lost in a vein or a venous sinus is no stroke's occlusion (reviews rv74b, rv89d, rv92b) ...
        ("Findings: The left ovarian vein is expanded to 11 mm with loss of the normal flow void.", {}),
        (
            "Loss of the normal flow void and T1 hyperintense intraluminal signal in the superior sagittal sinus.",
            {},
        ),
        # ... in an artery of the brain it is, hedged as its reading is, and an artery's occlusion named stays one
        # beside a sinus (the review of the change)
        ("Loss of the normal flow void in the left M1 segment.", {"large_vessel_occlusion": "present"}),
        (
            "Loss of the normal flow void in the basilar artery, concerning for basilar thrombosis.",
            {"large_vessel_occlusion": "uncertain"},
        ),
        (
            "Left M1 occlusion and superior sagittal sinus thrombosis.",
            {"large_vessel_occlusion": "present", "venous_sinus_thrombosis": "present"},
        ),
        (
            "No large vessel occlusion or venous sinus thrombosis.",
            {"large_vessel_occlusion": "absent", "venous_sinus_thrombosis": "absent"},
        ),
        # a collection said what it is with what it lacks between (review rv92b)
        (
            "There is a 7.4 cm heterogeneous collection without an enhancing wall or gas, compatible with a bladder flap "
            "hematoma.",
            {"hematoma": "present"},
        ),
        (
            "A crescentic hypoechoic collection lies beneath the liver capsule, 9.5 x 2.0 cm, without internal "
            "vascularity, in keeping with subcapsular haematoma.",
            {"hematoma": "present"},
        ),
        # a superinfection denied, and the source of a bleed hedged in apposition no hedge of what is before it (review
        # rv92b)
        (
            "Impression: Decreasing bladder flap haematoma; no evidence of superinfection.",
            {"hematoma": "present", "infection": "absent"},
        ),
        (
            "Impression: 1.4 cm right uterine artery pseudoaneurysm, the likely source of haemorrhage.",
            {"pseudoaneurysm": "present", "hematoma": "uncertain"},
        ),
        # ... but a possible source is as hedged as before (the review of the change)
        (
            "An AVM is a possible source of haemorrhage; CTA recommended.",
            {"vascular_malformation": "uncertain", "hematoma": "uncertain"},
        ),
        # the bronchi's walls and the lungs' volumes said normal (review rv92d)
        (
            "Findings: No bronchiectasis. Bronchial walls are of normal thickness.",
            {"bronchiectasis": "absent", "bronchial_wall_thickening": "absent"},
        ),
        (
            "Findings: Lung volumes are normal. No consolidation.",
            {"low_lung_volumes": "absent", "consolidation": "absent"},
        ),
        # ... and "within normal limits" still shared by a list of subjects (the review of the change)
        (
            "FINDINGS: The cardiac silhouette and mediastinal contours are within normal limits.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        # two findings slashed together are one or the other (reviews rv83b, rv92a) ...
        (
            "IMPRESSION: Worsening bilateral opacities, multifocal pneumonia/ARDS.",
            {"lung_opacity": "present", "pneumonia": "uncertain", "ards": "uncertain"},
        ),
        (
            "Mild bibasilar linear atelectasis/scarring.",
            {"atelectasis": "uncertain", "scarring": "uncertain"},
        ),
        # ... not when denied, nor devices, nor one disease's two names
        (
            "No collapse/consolidation. ETT/NGT in place. COPD/emphysema.",
            {
                "atelectasis": "absent",
                "consolidation": "absent",
                "endotracheal_tube": "present",
                "enteric_tube": "present",
                "copd": "present",
                "emphysema": "present",
            },
        ),
        # ... nor two names of one thing there, nor two things the film shows (the review of the change)
        (
            "Right upper zone fibrosis/scarring from old TB. CT C-spine: fracture/dislocation at C6/7.",
            {
                "pulmonary_fibrosis": "present",
                "scarring": "present",
                "granuloma": "present",
                "fracture": "present",
                "dislocation": "present",
            },
        ),
        (
            "CT chest. Ground glass/consolidation in the right upper lobe. Atelectasis/consolidation at the left base.",
            {"ground_glass_opacity": "present", "consolidation": "present", "atelectasis": "uncertain"},
        ),
        # ... nor what the film shows beside its reading (the review of the change)
        (
            "CT abdomen. Collection/abscess in the pelvis measuring 5 cm.",
            {"fluid_collection": "present", "abscess": "uncertain"},
        ),
        (
            "CT head. Left MCA territory infarct/oedema.",
            {"cerebral_infarct": "present", "cerebral_edema": "present"},
        ),
        # what another study is asked to tell is in doubt (review rv92d, the review of the change)
        (
            "IMPRESSION: Dilated main pulmonary artery; correlate with echocardiography for pulmonary hypertension.",
            {"pulmonary_artery_enlargement": "present", "pulmonary_hypertension": "uncertain"},
        ),
        (
            "Correlate with echocardiography for pericardial effusion versus cardiomegaly.",
            {"pericardial_effusion": "uncertain", "cardiomegaly": "uncertain"},
        ),
    ],
)
def test_review_rv92(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # the two sides weighed with a ">" (review rv92a)
        ("Portable CXR. L>R patchy peripheral opacities, slightly improved.", "lung_opacity", "bilateral"),
        ("Paraseptal emphysema, R>L. No nodules.", "emphysema", "bilateral"),
        ("Chest AP. Pleural effusions, R > L. Cardiomegaly.", "pleural_effusion", "bilateral"),
        ("Chest radiograph. Effusions R<L.", "pleural_effusion", "bilateral"),
        (
            "Chest AP. Airspace opacities in both lungs, R>L, likely multifocal pneumonia.",
            "pneumonia",
            "bilateral",
        ),
        # a reading after the opacity's place and the feature said with it (review rv92d)
        (
            "There is persistent opacification of the right lower lobe with air bronchograms, in keeping with "
            "consolidation.",
            "lung_opacity",
            "right",
        ),
        # ... and the second of two readings said one after the other (review rv92d)
        (
            "Impression: Increased RLL tree-in-bud opacities, likely infectious bronchiolitis.",
            "bronchitis",
            "right",
        ),
    ],
)
def test_the_sides_rv92(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


def test_the_sides_weighed_are_the_finding_befores() -> None:
    # ("Bilateral SDH, R>L, with mild mass effect": the mass effect has no side of its own, the review of the change)
    assert sides("CT head. Bilateral acute on chronic SDH, R>L, with mild mass effect.") == {
        "subdural_hematoma": {"bilateral"},
        "mass_effect": {None},
    }
    # ("CTR > 0.5", "nodules < 6 mm": a figure's sign is no side's)
    assert report_codes("Chest PA. CTR > 0.5.") == {"cardiomegaly": "present"}


def test_the_place_after_the_sides_weighed_stays() -> None:
    found = [
        (f.code, f.laterality.value if f.laterality else None, f.location)
        for f in structure("CT chest. Bilateral ground glass opacities, L>R, peripheral and basal.").findings
    ]
    assert found == [("ground_glass_opacity", "bilateral", "peripheral")]


def test_the_reading_after_the_feature_takes_the_place() -> None:
    text = (
        "There is persistent opacification of the right lower lobe with air bronchograms, in keeping with "
        "consolidation."
    )
    read = [f for f in structure(text).findings if f.code == "consolidation" and f.text == "consolidation"]
    assert [f.laterality.value if f.laterality else None for f in read] == ["right"]


@pytest.mark.parametrize(
    ("text", "history", "expected"),
    [
        # an inline indication ends where the film's placed lung finding starts, a film's statement after it
        # (review rv92a)
        (
            "Chest AP erect. Indication: cough, SOB, COVID swab pending. Patchy hazy opacity in the right lower zone, "
            "possibly early pneumonia versus atelectasis. Left lung clear. No pleural effusion.",
            "cough, SOB, COVID swab pending.",
            {
                "lung_opacity": "present",
                "pneumonia": "uncertain",
                "atelectasis": "uncertain",
                "pleural_effusion": "absent",
            },
        ),
        (
            "CT chest w/ contrast. Indication: RSV positive adult, productive cough. Centrilobular nodules and "
            "tree-in-bud opacities in the RML and RLL. No consolidation.",
            "RSV positive adult, productive cough.",
            {"nodule": "present", "tree_in_bud": "present", "consolidation": "absent"},
        ),
        # ... not another study's result in the referrer's words (the review of the change)
        (
            "Chest PA. Indication: cough. CT showed a nodule in the right upper lobe. Left lung clear. No pleural "
            "effusion.",
            "cough. CT showed a nodule in the right upper lobe.",
            {"pleural_effusion": "absent"},
        ),
        # ... not a referrer's note of another film's finding
        (
            "Chest PA. Indication: cough. Right lower zone opacity on CXR last week. No improvement with antibiotics.",
            "cough. Right lower zone opacity on CXR last week. No improvement with antibiotics.",
            {},
        ),
    ],
)
def test_an_inline_indication_ends_at_the_films_finding(
    text: str, history: str, expected: dict[str, str]
) -> None:
    s = structure(text)
    said = [sec.text for sec in s.report.sections if sec.name == "history"]
    assert said == [history]
    assert report_codes(text) == expected
