"""Eleventh 2026-12-02 session: what review rv20a left alone and reviews rv21a/rv21b found (made-up text). Tables by
kind, one test a kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot import structure
from radpilot.structure import default_lexicon
from radpilot.structure.datafiles import DataFileError
from radpilot.structure.lexicon import load_lexicon
from tests.structure.conftest import placed


def _read(text: str) -> list[tuple[str, str, str | None]]:
    """(code, assertion, change) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    ]


# a sign on the images hedged as the finding it is a sign of leaves that finding in doubt; a thing hedged as what
# it may be is there
SIGN_HEDGED = [
    (
        "Loss of grey-white differentiation concerning for acute infarct.",
        [("acute_infarct", "uncertain", None), ("acute_infarct", "uncertain", None)],
    ),
    (
        "Loss of the insular ribbon, suspicious for acute infarct.",
        [("acute_infarct", "uncertain", None), ("acute_infarct", "uncertain", None)],
    ),
    (
        "Hyperdense basilar artery, concerning for basilar thrombosis.",
        [("large_vessel_occlusion", "uncertain", None), ("large_vessel_occlusion", "uncertain", None)],
    ),
    # (the sign said to be that finding, no hedge: there)
    (
        "Loss of grey-white differentiation, consistent with acute infarct.",
        [("acute_infarct", "present", None), ("acute_infarct", "present", None)],
    ),
    # (no sign: the thing is there, what it is in doubt)
    (
        "Paraspinal foreign body which may represent a bullet fragment.",
        [("foreign_body", "present", None), ("foreign_body", "uncertain", None)],
    ),
    (
        "Right renal mass, suspicious for renal cell carcinoma.",
        [("renal_mass", "present", None), ("renal_mass", "uncertain", None)],
    ),
    (
        "Right hilar mass, highly concerning for malignancy.",
        [("mass", "present", None), ("mass", "uncertain", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SIGN_HEDGED, ids=[t for t, _ in SIGN_HEDGED])
def test_a_sign_hedged_as_its_finding(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def test_a_sign_must_be_one_of_its_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "observations:\n  - code: x_finding\n    name: X\n    synonyms: [x finding]\n    signs: [x sign]\n"
    )
    with pytest.raises(DataFileError, match="field 'signs': 'x sign' is not one of its synonyms"):
        load_lexicon([path])


def test_the_signs_are_read_as_their_synonyms() -> None:
    obs = default_lexicon().observations
    assert ("loss", "of", "the", "insular", "ribbon") in obs["acute_infarct"].signs
    assert obs["pleural_effusion"].signs == frozenset()


# a cause denied with "a/an" or a bare noun is not there; said of "the" thing, only the link is denied
CAUSE_DENIED = [
    (
        "Right hydronephrosis, not due to a stone.",
        [("hydronephrosis", "present", None), ("calculus", "absent", None)],
    ),
    (
        "Mild left hydronephrosis not due to an obstructing stone.",
        [("hydronephrosis", "present", None), ("ureterolithiasis", "absent", None)],
    ),
    (
        "Left pleural effusion, not due to the known mass.",
        [("pleural_effusion", "present", None), ("mass", "present", None)],
    ),
    (
        "The effusion is not from the pneumonia.",
        [("pleural_effusion", "present", None), ("pneumonia", "present", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAUSE_DENIED, ids=[t for t, _ in CAUSE_DENIED])
def test_a_cause_denied(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# a change said in a relative clause between commas yields to the one the sentence's verb says
RELATIVE_CLAUSE_CHANGE = [
    ("The effusion, which had resolved, has recurred.", [("pleural_effusion", "present", "new")]),
    ("The effusion, which had increased, has decreased.", [("pleural_effusion", "present", "improved")]),
    ("The nodule, which was new on the prior study, is unchanged.", [("nodule", "present", "stable")]),
    # (no change said after the clause: the clause's stands)
    ("The effusion, which has increased, is moderate.", [("pleural_effusion", "present", "worsened")]),
]


@pytest.mark.parametrize(
    ("text", "expected"), RELATIVE_CLAUSE_CHANGE, ids=[t for t, _ in RELATIVE_CLAUSE_CHANGE]
)
def test_the_verbs_change_beats_the_relative_clauses(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


# "not excluded" right after its own subject, which a comma parts from what comes before, is said of that subject
# alone; a list joined by "or"/"and" is reached whole
OWN_SUBJECT = [
    (
        "Cirrhosis with splenomegaly, HCC not excluded.",
        [
            ("cirrhosis", "present", None),
            ("splenomegaly", "present", None),
            ("hepatocellular_carcinoma", "uncertain", None),
        ],
    ),
    (
        "Patchy opacity in the left lower lobe, pneumonia not excluded.",
        [("lung_opacity", "present", None), ("pneumonia", "uncertain", None)],
    ),
    (
        "Right lower lobe opacity, underlying mass cannot be excluded.",
        [("lung_opacity", "present", None), ("mass", "uncertain", None)],
    ),
    (
        "Effusion, atelectasis or pneumonia not excluded.",
        [
            ("pleural_effusion", "uncertain", None),
            ("atelectasis", "uncertain", None),
            ("pneumonia", "uncertain", None),
        ],
    ),
    (
        "Small left effusion, pneumothorax not seen.",
        [("pleural_effusion", "present", None), ("pneumothorax", "absent", None)],
    ),
    # (a list of bare names before it is the cue's)
    (
        "Pneumothorax, effusion, consolidation not seen.",
        [
            ("pneumothorax", "absent", None),
            ("pleural_effusion", "absent", None),
            ("consolidation", "absent", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWN_SUBJECT, ids=[t for t, _ in OWN_SUBJECT])
def test_not_excluded_said_of_its_own_subject(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# a telegraphic denial said last, after the names it denies, with no colon (review rv21a)
TRAILING_DENIAL = [
    ("Sonographic Murphy sign negative.", [("sonographic_murphy_sign", "absent", None)]),
    ("Pneumothorax absent.", [("pneumothorax", "absent", None)]),
    ("Hydronephrosis negative.", [("hydronephrosis", "absent", None)]),
    ("Ascites none.", [("ascites", "absent", None)]),
    ("Sonographic Murphy sign is negative.", [("sonographic_murphy_sign", "absent", None)]),
    # (a study "negative for" what follows it)
    ("The CT is negative for pulmonary embolism.", [("pulmonary_embolism", "absent", None)]),
    (
        "Pneumothorax and pleural effusion absent.",
        [("pneumothorax", "absent", None), ("pleural_effusion", "absent", None)],
    ),
    (
        "Effusion, pneumothorax, consolidation absent.",
        [
            ("pleural_effusion", "absent", None),
            ("pneumothorax", "absent", None),
            ("consolidation", "absent", None),
        ],
    ),
    # (a statement of its own before the comma stays)
    (
        "Small left effusion, pneumothorax absent.",
        [("pleural_effusion", "present", None), ("pneumothorax", "absent", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TRAILING_DENIAL, ids=[t for t, _ in TRAILING_DENIAL])
def test_a_denial_said_after_the_names(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# a template's field left unanswered says nothing; a ticked box says what it says (review rv21a)
FORM_FIELDS = [
    ("Pneumothorax: ___", []),
    ("Pneumothorax: [ ]", []),
    ("Pneumothorax: ***", []),
    ("Pneumothorax:", []),
    ("Ascites: [ ] Yes [ ] No", []),
    ("Pleural effusion: Yes / No", []),
    ("[ ] Pleural effusion", []),
    ("[X] Pleural effusion", [("pleural_effusion", "present", None)]),
    ("Pleural effusion: [X] Yes [ ] No", [("pleural_effusion", "present", None)]),
    ("Pleural effusion: [ ] Yes [X] No", [("pleural_effusion", "absent", None)]),
    ("Effusion: yes", [("pleural_effusion", "present", None)]),
    ("Cardiomegaly: No.", [("cardiomegaly", "absent", None)]),
    # (each line of a template is its own statement)
    (
        "FINDINGS:\nPneumothorax: ___\nEffusion: [ ]\n[ ] Consolidation\n[X] Cardiomegaly\nLungs: clear.",
        [("cardiomegaly", "present", None)],
    ),
    # (a label whose answer is on the next line is one statement)
    ("FINDINGS:\nPleural effusion:\nSmall on the right.", [("pleural_effusion", "present", None)]),
]


@pytest.mark.parametrize(("text", "expected"), FORM_FIELDS, ids=[t for t, _ in FORM_FIELDS])
def test_a_templates_fields(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def test_a_blank_template_leaves_a_normal_study_normal() -> None:
    sr = structure(
        "FINDINGS:\nLungs: Clear.\nPneumothorax: ___\nPleural effusion: [ ]\nHeart: Normal size.\n"
        "IMPRESSION: No acute cardiopulmonary process."
    )
    assert sr.normal
    assert all(f.assertion.value == "absent" for f in sr.findings)


# a bare effusion under a template's heart or mastoid heading is theirs, not the pleura's (review rv21a)
HEADED_EFFUSIONS = [
    ("PERICARDIUM: Small effusion.", [("pericardial_effusion", "present", None, "pericardium")]),
    ("HEART AND PERICARDIUM: Trace effusion.", [("pericardial_effusion", "present", None, "pericardium")]),
    ("MASTOIDS: Small left effusion.", [("mastoid_effusion", "present", "left", "mastoid")]),
    (
        "FINDINGS:\nPLEURA: No effusion.\nPERICARDIUM: Small effusion.",
        [
            ("pleural_effusion", "absent", None, None),
            ("pericardial_effusion", "present", None, "pericardium"),
        ],
    ),
    # (another heading said in the sentence ends the heart's)
    (
        "Heart: mildly enlarged; effusions: resolved.",
        [("cardiomegaly", "present", None, None), ("pleural_effusion", "absent", None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADED_EFFUSIONS, ids=[t for t, _ in HEADED_EFFUSIONS])
def test_an_effusion_under_the_hearts_heading(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


# an exam's title on the first line with no header of its own is the examination (review rv21a)
EXAM_TITLES = [
    (
        "MRI LEFT SHOULDER WITHOUT CONTRAST\nFINDINGS:\nModerate joint effusion.",
        [("joint_effusion", "present", "left", "shoulder")],
    ),
    ("MRI RIGHT KNEE\nFINDINGS:\nModerate effusion.", [("joint_effusion", "present", "right", "knee")]),
    (
        "US THYROID\nLEFT LOBE: 2.3 cm nodule.\nRIGHT LOBE: Normal.",
        [("thyroid_nodule", "present", "left", "thyroid")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXAM_TITLES, ids=[t.split("\n")[0] for t, _ in EXAM_TITLES])
def test_an_exam_title_without_its_header(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected
    assert structure(text).report.sections[0].name == "examination"


def test_a_sentence_is_no_exam_title() -> None:
    assert [s.name for s in structure("CT shows a nodule.").report.sections] == ["findings"]


# a state said after an organ's or a ligament's heading, and the template's pertinent negatives (review rv21a)
HEADED_STATES = [
    ("THYROID: Enlarged.", [("goiter", "present", None, "thyroid")]),
    ("The thyroid gland is enlarged.", [("goiter", "present", None, "thyroid")]),
    ("BLADDER: Wall thickening.", [("bladder_wall_thickening", "present", None, None)]),
    ("Common bile duct: Dilated to 9 mm.", [("biliary_dilatation", "present", None, None)]),
    ("Aorta: Dilated to 4.8 cm.", [("aortic_dilatation", "present", None, None)]),
    ("ACL: Complete tear.", [("ligament_tear", "present", None, None)]),
    ("Medial meniscus: Torn.", [("meniscal_tear", "present", None, None)]),
    ("Rotator cuff: Tear.", [("ligament_tear", "present", None, None)]),
    ("ACL: Intact.", [("ligament_tear", "absent", None, None)]),
    ("Medial meniscus: Intact.", [("meniscal_tear", "absent", None, None)]),
    ("The cruciate ligaments are intact.", [("ligament_tear", "absent", None, None)]),
    # (a word said of what follows the heading is no state of the heading's: "Heart: Stable cardiomegaly.")
    ("Heart: Stable cardiomegaly.", [("cardiomegaly", "present", None, None)]),
    # (the goiter's "enlarged" does not hide the heart's)
    ("There is enlarged heart silhouette.", [("cardiomegaly", "present", None, None)]),
    # (a gland's flow is no lung congestion)
    (
        "The thyroid is diffusely heterogeneous and mildly enlarged with increased vascularity.",
        [("goiter", "present", None, "thyroid")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADED_STATES, ids=[t for t, _ in HEADED_STATES])
def test_a_state_said_after_a_heading(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


def test_sizes_said_after_a_headings_state() -> None:
    (f,) = structure("Common bile duct: Dilated to 9 mm.").findings
    assert f.size_mm == 9.0


# each side's answer on the lines after a label is the label's on that side (review rv21a)
SIDE_ANSWERS = [
    (
        "FINDINGS:\nHYDRONEPHROSIS:\nRight: None.\nLeft: Mild.",
        [("hydronephrosis", "absent", "right", None), ("hydronephrosis", "present", "left", None)],
    ),
    (
        "FINDINGS:\nPNEUMOTHORAX:\nRight: Small.\nLeft: None.",
        [("pneumothorax", "present", "right", None), ("pneumothorax", "absent", "left", None)],
    ),
    (
        "FINDINGS:\nHydronephrosis: Right: none. Left: mild.",
        [("hydronephrosis", "absent", "right", None), ("hydronephrosis", "present", "left", None)],
    ),
    # (an organ's label: its findings on that side; the side lines end at another label)
    (
        "FINDINGS:\nKIDNEYS:\nRight: Normal.\nLeft: 2 cm cyst.\nLIVER: Normal.",
        [("renal_cyst", "present", "left", "kidney"), ("hepatomegaly", "absent", None, "liver")],
    ),
    # (a side line with no label before it is read as it stands)
    ("FINDINGS:\nRight: small effusion.", [("pleural_effusion", "present", "right", None)]),
]


@pytest.mark.parametrize(("text", "expected"), SIDE_ANSWERS, ids=[t.split("\n")[1] for t, _ in SIDE_ANSWERS])
def test_the_sides_answered_after_a_label(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


def test_a_side_answers_span_is_in_the_report() -> None:
    text = "FINDINGS:\nHYDRONEPHROSIS:\nRight: None.\nLeft: Mild."
    for f in structure(text).findings:
        assert text[f.span[0] : f.span[1]] == f.text


# an organ's heading in other forms places the bare finding after it (review rv21a)
ORGAN_HEADINGS = [
    ("Liver. 1.6 cm cyst.", [("hepatic_cyst", "present", None, "liver")]),
    ("LIVER. 1.6 cm cyst.", [("hepatic_cyst", "present", None, "liver")]),
    ("Kidneys. 1 cm cyst on the right.", [("renal_cyst", "present", "right", "kidney")]),
    ("RENAL: 1 cm cyst on the right.", [("renal_cyst", "present", "right", "kidney")]),
    ("Renal/urinary: 1 cm cyst on the right.", [("renal_cyst", "present", "right", "kidney")]),
    ("Hepatic: 1.6 cm cyst.", [("hepatic_cyst", "present", None, "liver")]),
    ("Spleen. 1 cm cyst.", [("splenic_lesion", "present", None, "spleen")]),
    ("Pancreas. 1.2 cm cyst in the tail.", [("pancreatic_cyst", "present", None, "pancreas")]),
    # (a mass of the ovary is an adnexal mass)
    ("Right ovary: 4 cm complex cystic mass.", [("adnexal_mass", "present", "right", "ovary")]),
    (
        "THYROID ULTRASOUND\nRight lobe: 1.1 cm TR3 nodule in the upper pole.",
        [("thyroid_nodule", "present", "right", "thyroid")],
    ),
    # (a heading's stop does not carry past the next heading)
    (
        "CT ABDOMEN PELVIS\nFINDINGS:\nLiver. 1.6 cm cyst in the right lobe.\nKidneys. 2 mm nonobstructing stone on the "
        "left.\nSpleen. Normal.",
        [("hepatic_cyst", "present", "right", "liver"), ("nephrolithiasis", "present", "left", "kidney")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORGAN_HEADINGS, ids=[t for t, _ in ORGAN_HEADINGS])
def test_an_organs_heading_in_other_forms(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


def test_a_ligaments_heading_reaches_its_tear_across_more_words() -> None:
    assert placed("PCL: Intact. ACL: Complete mid-substance tear.") == [
        ("ligament_tear", "absent", None, None),
        ("ligament_tear", "present", None, None),
    ]
    # (not said as a heading: the near predicate only)
    assert placed("ACL is intact with a tear of the medial meniscus.") == [
        ("ligament_tear", "absent", None, None),
        ("meniscal_tear", "present", None, None),
    ]


def test_each_label_line_of_capitals_is_its_own_statement() -> None:
    sr = structure(
        "CT ABDOMEN PELVIS\nFINDINGS:\nLIVER: ***\nGALLBLADDER: [ ] Normal [ ] Abnormal\nSPLEEN: ___\n"
        "KIDNEYS: Normal/abnormal\nBOWEL: No obstruction."
    )
    assert [s.text for s in sr.report.sentences][1:4] == [
        "LIVER: ***",
        "GALLBLADDER: [ ] Normal [ ] Abnormal",
        "SPLEEN: ___",
    ]
    # (the blank and unticked labels say nothing; the bowel's line denies an obstruction, review rv39d)
    assert [(f.code, f.assertion.value) for f in sr.findings] == [("bowel_obstruction", "absent")]
