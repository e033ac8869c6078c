"""Review rv45 (held-out emergency chest imaging, abdominal CT of older adults with incidental findings, and follow-up
and comparison language across the body, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what went away, said after "seen previously"
        (
            "The bone contusion of the lateral tibial plateau seen previously has resolved.",
            {"bone_contusion": "absent"},
        ),
        ("The small right apical pneumothorax seen previously has resolved.", {"pneumothorax": "absent"}),
        # (a denial of the study before still reads the finding as new)
        ("A small nodule previously not seen.", {"nodule": "present"}),
        (
            "Previously enlarged retroperitoneal nodes have normalised in size; no lymphadenopathy.",
            {"lymphadenopathy": "absent"},
        ),
        # the lungs' contusion under their heading or by the lobes' letters
        (
            "Lungs: No contusion. No pneumothorax.",
            {"pulmonary_contusion": "absent", "pneumothorax": "absent"},
        ),
        (
            "Lungs: No contusion or consolidation.",
            {"pulmonary_contusion": "absent", "consolidation": "absent"},
        ),
        ("Extensive RLL and RML contusion.", {"pulmonary_contusion": "present"}),
        ("CT HEAD\nNo contusion.", {}),
        # a risk of aspirating is not an aspiration, and its hedge is not the hernia's
        ("Large hiatus hernia, a likely aspiration risk.", {"hiatal_hernia": "present"}),
        (
            "Patchy opacities, concerning for aspiration.",
            {"lung_opacity": "present", "infection": "uncertain"},
        ),
        # a measured ectatic aorta is a dilated one; the chest film's ectatic aorta stays unfolded
        ("Vessels: Infrarenal aorta ectatic to 2.8 cm.", {"aortic_dilatation": "present"}),
        (
            "Mild aortic ectasia 2.7 cm. No AAA.",
            {"aortic_dilatation": "present", "aortic_aneurysm": "absent"},
        ),
        ("The aorta is ectatic and tortuous.", {"tortuous_aorta": "present"}),
        ("Ectatic thoracic aorta.", {"tortuous_aorta": "present"}),
        # a bare obstruction on a study of the abdomen is the bowel's, not on a study of the urinary tract
        (
            "CT ABDOMEN AND PELVIS\nBowel: Large sliding hiatal hernia. Diverticulosis. No obstruction.",
            {"hiatal_hernia": "present", "diverticulosis": "present", "bowel_obstruction": "absent"},
        ),
        (
            "CT KUB\nLeft VUJ calculus has passed with resolution of obstruction.",
            {"ureterolithiasis": "absent"},
        ),
        ("CT UROGRAM\nProstatomegaly, likely chronic outlet obstruction.", {"prostatomegaly": "present"}),
        ("CHEST XRAY\nNo obstruction.", {}),
        # a part said normal after a one-line history starts the findings
        (
            "Hx: RLQ pain.\nAppendix normal, no appendicitis.\nLiver: fatty.",
            {"appendicitis": "absent", "hepatic_steatosis": "present"},
        ),
        ("Small bilat inguinal herniae.", {"abdominal_hernia": "present"}),
        ("XR LEFT FOOT\nMild degenerative change at the first MTP joint.", {"arthritis": "present"}),
        # words dictated short or otherwise
        (
            "Mild wall thickening of the descending colon with surrounding stranding.",
            {"bowel_wall_thickening": "present", "fat_stranding": "present"},
        ),
        ("Extensive vasc calcs incl SMA origin.", {"vascular_calcification": "present"}),
        ("L1 wedge fracture.", {"compression_fracture": "present"}),
    ],
)
def test_words_rv45(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lesion read as metastatic after it: the lesion, and its hedged reading at the lesion's place
        (
            "Sclerotic focus in T8, also possibly metastatic.",
            {"sclerotic_bone_lesion": "present", "osseous_metastasis": "uncertain"},
        ),
        (
            "Multiple hepatic lesions, likely metastatic.",
            {"liver_lesion": "present", "liver_metastasis": "uncertain"},
        ),
        # ("metastatic" before a noun names the disease or the noun's kind, read only in the lexicon's own phrases)
        ("Metastatic NSCLC on osimertinib.", {"mass": "present"}),
        ("No metastatic lymphadenopathy.", {"lymphadenopathy": "absent"}),
    ],
)
def test_a_reading_said_after_rv45(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
