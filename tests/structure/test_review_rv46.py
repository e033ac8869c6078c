"""Review rv46 (held-out MRI across the body, paediatric imaging, chest CT around lung cancer, and national house
styles outside the US, written before any output was seen), and the last note's leftovers: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import placed, report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the devices' heading is no device of its own when a device of any kind is said under it
        ("PELVIS XR\nDevices: IUD in situ.", {"intrauterine_device": "present"}),
        ("Devices: Bilateral breast implants.", {"breast_implant": "present"}),
        ("Devices: None.", {"support_device": "absent"}),
        ("Support devices: Left chest tube.", {"chest_tube": "present"}),
        # house styles outside the US (rv46d)
        (
            "USG KUB\nIMP: Lt VUJ calculus causing mild HDUN.\nUB: Well distended, wall not thickened.",
            {"hydronephrosis": "present", "ureterolithiasis": "present", "bladder_wall_thickening": "absent"},
        ),
        ("CXR: Post R pleural aspiration. No pneumothorax.", {"pneumothorax": "absent"}),
        (
            "CECT ABDOMEN\nGall bladder shows few calculi; no pericholecystic fluid. CBD 8 mm.",
            {"gallstones": "present", "pericholecystic_fluid": "absent"},
        ),
        ("Gall bladder wall thickening.", {"gallbladder_wall_thickening": "present"}),
        ("Polyp in the gall bladder.", {"gallbladder_polyp": "present"}),
        ("Right CIA ectatic at 1.8 cm.", {}),
        ("Diffuse aortoiliac atheroma.", {"aortic_atherosclerosis": "present"}),
        ("Features suggestive of pulmonary Koch's - likely active.", {"infection": "uncertain"}),
        ("Bladder: Well distended, wall not thickened.", {"bladder_wall_thickening": "absent"}),
        # paediatric imaging (rv46b)
        (
            "In the absence of a plausible history of significant trauma, the pattern is highly suspicious for "
            "non-accidental injury.",
            {"nonaccidental_trauma": "uncertain"},
        ),
        (
            "In the absence of pneumothorax or effusion, no further imaging is needed.",
            {"pneumothorax": "absent", "pleural_effusion": "absent"},
        ),
        (
            "Right hip joint effusion, most likely transient synovitis; septic arthritis cannot be excluded - "
            "aspiration if febrile.",
            {"joint_effusion": "present", "septic_arthritis": "uncertain"},
        ),
        ("Aspiration pneumonia is possible.", {"pneumonia": "uncertain"}),
        (
            "Appearances in keeping with perforated NEC.",
            {"necrotizing_enterocolitis": "present", "bowel_perforation": "present"},
        ),
        ("Right hip: Hip subluxes with Barlow stress manoeuvre.", {"dislocation": "present"}),
        ("Unstable dysplastic R hip, subluxable.", {"dislocation": "present"}),
        # the question the report answers, asked on its first line
        (
            "4 m/o, RSV +ve, cough and wheeze, ?consolidation.\nCXR: No consolidation or effusion.",
            {"consolidation": "absent", "pleural_effusion": "absent"},
        ),
        ("US abdomen ?intussusception: No intussusception seen.", {"intussusception": "absent"}),
        # (a referrer's line that asks of a complaint is the history, answered or not: review rv48c, "PEG placed
        # yesterday, pain around the site, ?peritonitis."; asked of the film, the query stays)
        (
            "Cough, ?consolidation.\nCXR: Patchy opacity at the left base.",
            {"lung_opacity": "present"},
        ),
        (
            "CXR: Patchy opacity at the left base.\nImpression: ?consolidation. No effusion.",
            {"consolidation": "uncertain", "lung_opacity": "present", "pleural_effusion": "absent"},
        ),
        # MRI across the body (rv46a): a bare plaque on a brain or spine MRI is a demyelinating one, not the aorta's
        (
            "MRI BRAIN\nMultiple ovoid periventricular T2/FLAIR hyperintense plaques. No new or enlarging T2 plaques. "
            "No enhancing plaques.",
            {"demyelinating_lesions": "present"},
        ),
        ("Periventricular FLAIR hyperintense plaques.", {"demyelinating_lesions": "present"}),
        ("MRI BRAIN\nCalcified plaque in the cavernous ICA.", {"vascular_calcification": "present"}),
        ("CT CHEST\nCalcified plaques in the aortic arch.", {"aortic_atherosclerosis": "present"}),
        # ... a head's study said first is the study ("MRI brain:", "MRI head.")
        (
            "MRI brain: No acute infarct, haemorrhage or mass.",
            {"acute_infarct": "absent", "intracranial_hemorrhage": "absent", "brain_mass": "absent"},
        ),
        (
            "MRI head. Indication: memory complaints, 72M.\nNo mass, no hydrocephalus.",
            {"brain_mass": "absent", "hydrocephalus": "absent"},
        ),
        # ... a disc's mass effect on a nerve root is no brain's; the brain's stays
        (
            "MRI L-SPINE\nL4-5: left paracentral extrusion with mass effect on the traversing left L5 nerve root.",
            {"disc_herniation": "present"},
        ),
        (
            "CT HEAD\nMild mass effect on the atrium of the right lateral ventricle with 3 mm leftward midline shift.",
            {"mass_effect": "present", "midline_shift": "present"},
        ),
        # ... the prostate's transition zone, the ducts' calibre, a meniscus torn again, a dislocation of the past
        ("MRI PROSTATE\nEnlarged transition zone with BPH nodules.", {"prostatomegaly": "present"}),
        ("Mild transition zone enlargement.", {"prostatomegaly": "present"}),
        ("Biliary: no dilatation.", {"biliary_dilatation": "absent"}),
        ("The pancreatic duct is of normal calibre.", {"pancreatic_duct_dilatation": "absent"}),
        (
            "MRCP: Strictures and beading of the intrahepatic ducts in both lobes with mild upstream dilatation. CBD "
            "normal calibre.",
            {"biliary_dilatation": "present"},
        ),
        (
            "Medial meniscus: linear high signal reaching the inferior surface of the posterior horn remnant, could "
            "represent a re-tear vs postoperative signal.",
            {"meniscal_tear": "uncertain"},
        ),
        ("ACL graft retear.", {"ligament_tear": "present"}),
        ("Hill-Sachs deformity in keeping with prior anterior dislocation.", {"fracture": "present"}),
        ("Paravertebral phlegmonous soft tissue.", {"phlegmon": "present"}),
        # chest CT around lung cancer (rv46c)
        (
            "The bilateral pulmonary nodules have decreased in size, several have resolved.",
            {"nodule": "present"},
        ),
        ("The pulmonary nodules have resolved.", {"nodule": "absent"}),
        (
            "Multiple ground-glass nodules. Recommend follow-up CT; persistence would raise concern for the "
            "adenocarcinoma spectrum.",
            {"ground_glass_nodule": "present"},
        ),
        (
            "Bones: Lytic osseous metastases at T9.",
            {"lytic_bone_lesion": "present", "osseous_metastasis": "present"},
        ),
        (
            "Sclerotic metastases in the pelvis.",
            {"sclerotic_bone_lesion": "present", "osseous_metastasis": "present"},
        ),
    ],
)
def test_review_rv46(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a side's short letters before the urinary tract's junctions and the chest drain's letters (rv46d)
        ("IMP: Rt renal calculus. Lt VUJ calculus causing mild HDUN.", "ureterolithiasis", "left"),
        ("L ICC in situ with tip at the apex.", "chest_tube", "left"),
        ("R PUJ obstruction with hydronephrosis.", "hydronephrosis", "right"),
        # a side said once, of both sides or of a place in the lungs said with it (rv46c-d)
        ("Bilateral small pleural effusions with basal atelectasis.", "atelectasis", "bilateral"),
        (
            "Bilateral lower lobe predominant ground-glass opacities with fine reticulation and traction "
            "bronchiectasis.",
            "bronchiectasis",
            "bilateral",
        ),
        ("Right pleural effusion with basal atelectasis.", "atelectasis", "right"),
    ],
)
def test_side_letters_rv46(text: str, code: str, side: str) -> None:
    assert sides(text)[code] == {side}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (one merely joined on to one side takes none, as reviews rv22 and rv29 asked; nor one of another side, nor
        # one denied)
        (
            "Left pleural effusion with atelectasis.",
            [("pleural_effusion", "present", "left", None), ("atelectasis", "present", None, None)],
        ),
        (
            "Right pleural effusion with left basal atelectasis.",
            [("pleural_effusion", "present", "right", None), ("atelectasis", "present", "left", "base")],
        ),
        (
            "Left pleural effusion with no basal atelectasis.",
            [("pleural_effusion", "present", "left", None), ("atelectasis", "absent", None, "base")],
        ),
    ],
)
def test_no_side_said_with_rv46(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected
