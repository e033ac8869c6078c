"""Review rv44 (held-out chest films of older outpatients, abdominal films, contrast studies and nuclear medicine,
speech-recognition and hurried dictation, and procedures and what follows them, written before any output was seen):
what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import placed, report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the spine's wear and a joint's said in one breath
        (
            "Degenerative changes of the spine and both shoulders.",
            {"degenerative_spine": "present", "arthritis": "present"},
        ),
        ("Degenerative changes of the spine.", {"degenerative_spine": "present"}),
        ("Degen T spine.", {"degenerative_spine": "present"}),
        # the hila said normal in size
        ("Hila normal in size.", {"hilar_enlargement": "absent"}),
        # a place word said once before a list of head words
        (
            "Aortic ectasia and calcification.",
            {"tortuous_aorta": "present", "aortic_atherosclerosis": "present"},
        ),
        (
            "Mild aortic tortuosity and calcification are noted.",
            {"tortuous_aorta": "present", "aortic_atherosclerosis": "present"},
        ),
        ("Renal cyst and stone.", {"renal_cyst": "present", "nephrolithiasis": "present"}),
        (
            "No pleural effusion or pneumothorax.",
            {"pleural_effusion": "absent", "pneumothorax": "absent"},
        ),
        # ... and a modifier that is a finding by itself, said once before a head word
        (
            "Bones: no lytic or sclerotic lesion.",
            {"lytic_bone_lesion": "absent", "sclerotic_bone_lesion": "absent"},
        ),
        ("Scarring and atelectatic changes.", {"scarring": "present", "atelectasis": "present"}),
        # markers advised are not markers on the film
        (
            "Probable right nipple shadow; repeat with nipple markers recommended.",
            {},
        ),
        ("Nipple markers are in place.", {"skin_marker": "present"}),
        # the spine's plates and screws fuse it
        (
            "Anterior cervical fusion plate and screws are partially imaged in the lower cervical spine.",
            {"spinal_fusion_hardware": "present"},
        ),
        (
            "s/p Lt hip DHS, no hardware complication.",
            {"orthopedic_hardware": "present", "hardware_complication": "absent"},
        ),
        # words typed in haste
        ("Positive sonographic murphys sign.", {"sonographic_murphy_sign": "present"}),
        ("Mild left basilar atelactasis.", {"atelectasis": "present"}),
        # a lung biopsy's bleed is the lung's, not the brain's
        (
            "PROCEDURE: CT-guided percutaneous biopsy, right lower lobe lung mass.\nPOST-PROCEDURE CT: Small right "
            "pneumothorax. Mild perilesional parenchymal hemorrhage along the needle tract.",
            {"pneumothorax": "present", "pulmonary_hemorrhage": "present"},
        ),
        ("CT HEAD\nLeft frontal parenchymal hemorrhage.", {"intracranial_hemorrhage": "present"}),
        # a port catheter's pinch-off; a staple line's leak; a leak said of the anastomosis
        (
            "The catheter is narrowed between the left clavicle and first rib, which may represent early pinch-off.",
            {"support_device": "present", "hardware_complication": "uncertain"},
        ),
        ("Consistent with staple line leak.", {"anastomotic_leak": "present"}),
        (
            "Colorectal anastomosis intact, no leak or collection.",
            {"anastomotic_leak": "absent", "fluid_collection": "absent"},
        ),
        ("No hepatic artery occlusion - flow present throughout.", {"arterial_occlusion": "absent"}),
        # a collection of fluid is not free fluid; a fluid's attenuation is no density
        ("Small perihepatic fluid collection (3.0 x 1.5 cm).", {"fluid_collection": "present"}),
        ("Small perihepatic fluid.", {"free_fluid": "present"}),
        ("Moderate hemoperitoneum, greatest in the pelvis, density 45 HU.", {"hemoperitoneum": "present"}),
        # a contrast phase names no vessel study: a bare stent is no vascular stent on it
        (
            "CT ABDOMEN PORTAL VENOUS PHASE\nBiliary: CBD metal stent in satisfactory position.",
            # (the duct's stent, review rv88b)
            {"nonvascular_stent": "present"},
        ),
        (
            "VENOUS DUPLEX LEFT LEG\nStent in the left common iliac vein is patent.",
            {"vascular_stent": "present"},
        ),
    ],
)
def test_words_rv44(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_descriptor_said_before_a_choice_is_what_it_explains() -> None:
    # (a report dictated without stops: the opacity is there, its reading hedged)
    assert report_codes("PERSISTENT LLL OPACITY ATELECTASIS VS PNA") == {
        "lung_opacity": "present",
        "atelectasis": "uncertain",
        "pneumonia": "uncertain",
    }
    assert report_codes("Opacity versus atelectasis.") == {
        "lung_opacity": "uncertain",
        "atelectasis": "uncertain",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report typed in small letters only: a line break ends a statement that left nothing open
        (
            "findings\nno hydronephrosis\nsmall amount of free fluid in the pelvis",
            {"hydronephrosis": "absent", "free_fluid": "present"},
        ),
        # ... and one in capitals
        (
            "FINDINGS:\nNO PNEUMOTHORAX\nSMALL LEFT EFFUSION",
            {"pneumothorax": "absent", "pleural_effusion": "present"},
        ),
        # (a line left open goes on: "NOT" / "VISUALIZED")
        (
            "NGT COURSES BELOW THE DIAPHRAGM, TIP NOT\nVISUALIZED. NO\nPNEUMOTHORAX",
            {"enteric_tube": "present", "pneumothorax": "absent"},
        ),
    ],
)
def test_one_case_line_breaks(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_the_tension_is_its_pneumothoraxs_side() -> None:
    text = "Large left pneumothorax.\nMild contralateral mediastinal shift, ?early tension."
    assert sides(text)["tension_pneumothorax"] == {"left"}
    # (pneumothoraces on both sides: no side for it)
    both = "Right pneumothorax. Left pneumothorax. Tension."
    assert sides(both)["tension_pneumothorax"] == {None}


def test_a_joint_after_the_spine_takes_its_side() -> None:
    assert ("arthritis", "present", "right", "shoulder") in placed(
        "Mild degenerative change of the spine and right shoulder."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare drain in a report whose only drains are chest drains is one of them
        (
            "Two right-sided intercostal drains in situ. Please check drains are swinging.",
            [("chest_tube", "present", "right", None), ("chest_tube", "present", None, None)],
        ),
        # (not where another drain is named)
        (
            "Left chest tube. JP drain in the abdomen. Drain output noted.",
            [
                ("chest_tube", "present", "left", None),
                ("drainage_catheter", "present", None, None),
                ("drainage_catheter", "present", None, None),
            ],
        ),
        (
            "No chest tube. Drain in the pelvis.",
            [("chest_tube", "absent", None, None), ("drainage_catheter", "present", None, None)],
        ),
    ],
)
def test_the_chest_tubes_drains(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abdominal films and contrast studies
        (
            "Multiple dilated loops of small bowel measuring up to 4.2 cm.\nImpression: Findings consistent with "
            "high-grade small-bowel obstruction.",
            {"bowel_obstruction": "present"},
        ),
        (
            "Dilated small bowel loops, ileus versus early obstruction.",
            {"bowel_obstruction": "uncertain", "ileus": "uncertain"},
        ),
        # (a bare obstruction in a report about the bowel is the bowel's)
        (
            "Dilated loops of small bowel. No obstruction.",
            {"ileus": "present", "bowel_obstruction": "absent"},
        ),
        (
            "Appearances are those of a post-operative ileus; no features of mechanical obstruction.",
            {"ileus": "present", "bowel_obstruction": "absent"},
        ),
        ("Unremarkable bowel gas pattern without obstruction.", {"bowel_obstruction": "absent"}),
        (
            "SMALL BOWEL FOLLOW-THROUGH\nThere is a 12 cm segment of narrowed distal ileum with nodular mucosa and a "
            "string sign.",
            {},
        ),
        ("CAROTID DUPLEX\nRight ICA string sign.", {"carotid_stenosis": "present"}),
        ("Contrast injected via the T-tube.", {"drainage_catheter": "present"}),
        ("A small focal collection of extraluminal contrast arises from the anastomosis.", {}),
        (
            "Laminated calcific densities projected over the gallbladder fossa, in keeping with gallstones.",
            {"calcification": "present", "gallstones": "present"},
        ),
        (
            "Posterior spinal fusion rods T10-L4; hardware intact without evidence of complication.",
            {
                "spinal_fusion_hardware": "present",
                "support_device": "present",
                "hardware_complication": "absent",
            },
        ),
        ("Pancreatic duct in the remnant 4 mm, mildly dilated.", {"pancreatic_duct_dilatation": "present"}),
        # nuclear medicine's hedges; a risk is not the event
        (
            "Intermediate probability for right lower lobe pulmonary embolism.",
            {"pulmonary_embolism": "uncertain"},
        ),
        ("PE can neither be confirmed nor excluded.", {"pulmonary_embolism": "uncertain"}),
        ("An obstructing neoplasm is the main concern.", {"mass": "uncertain"}),
        ("Caecal diameter approaching the threshold for perforation risk.", {}),
    ],
)
def test_films_and_contrast_studies_rv44(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
