"""Tenth 2026-12-02 session: what rv19a left alone (made-up text): a hedge that leaks over ", with" into a plain
statement, the cause of a denied effect ("no mass effect from the subdural hematoma"), and changes said in other
words ("no longer visible", "not seen on the prior study"). Tables by kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None]]:
    """(code, assertion, change) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    ]


# a hedge said of one finding ends where ", with" adds another
HEDGE_BEFORE_WITH = [
    (
        "Consolidation, possibly pneumonia, with small left effusion.",
        [
            ("consolidation", "present", None),
            ("pneumonia", "uncertain", None),
            ("pleural_effusion", "present", None),
        ],
    ),
    (
        "Atelectasis or pneumonia, with small effusion.",
        [
            ("atelectasis", "uncertain", None),
            ("pneumonia", "uncertain", None),
            ("pleural_effusion", "present", None),
        ],
    ),
    (
        "Possible pneumonia, with associated small effusion.",
        [("pneumonia", "uncertain", None), ("pleural_effusion", "present", None)],
    ),
    (
        "Findings concerning for pneumonia, with small left effusion.",
        [("pneumonia", "uncertain", None), ("pleural_effusion", "present", None)],
    ),
    (
        "Patchy opacity, which may represent atelectasis, with small effusion.",
        [
            ("lung_opacity", "present", None),
            ("atelectasis", "uncertain", None),
            ("pleural_effusion", "present", None),
        ],
    ),
    # (a hedge of its own after "with" stays)
    (
        "Possibly pneumonia, with effusion or atelectasis.",
        [
            ("pneumonia", "uncertain", None),
            ("pleural_effusion", "uncertain", None),
            ("atelectasis", "uncertain", None),
        ],
    ),
    # (no comma: one statement)
    (
        "Possible pneumonia with effusion.",
        [("pneumonia", "uncertain", None), ("pleural_effusion", "uncertain", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEDGE_BEFORE_WITH)
def test_a_hedge_ends_where_with_adds_a_finding(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


# what caused a denied effect is there
CAUSE_OF_THE_DENIED = [
    (
        "There is no significant mass effect from the subdural hematoma.",
        [("mass_effect", "absent", None), ("subdural_hematoma", "present", None)],
    ),
    (
        "No midline shift from the left subdural hematoma.",
        [("midline_shift", "absent", None), ("subdural_hematoma", "present", None)],
    ),
    (
        "No mass effect or midline shift from the subdural hematoma.",
        [
            ("mass_effect", "absent", None),
            ("midline_shift", "absent", None),
            ("subdural_hematoma", "present", None),
        ],
    ),
    (
        "No hydronephrosis from the 4 mm left ureteral stone.",
        [("hydronephrosis", "absent", None), ("ureterolithiasis", "present", None)],
    ),
    (
        "No hydronephrosis caused by the left ureteral stone.",
        [("hydronephrosis", "absent", None), ("ureterolithiasis", "present", None)],
    ),
    (
        "No pneumothorax, effusion, or hemorrhage from the rib fractures.",
        [
            ("pneumothorax", "absent", None),
            ("pleural_effusion", "absent", None),
            ("hematoma", "absent", None),
            ("fracture", "present", None),
        ],
    ),
    (
        "No pneumothorax from the chest tube placement.",
        [("pneumothorax", "absent", None), ("chest_tube", "present", None)],
    ),
    (
        "No mass effect from the hematoma, or hydrocephalus.",
        [("mass_effect", "absent", None), ("hematoma", "present", None), ("hydrocephalus", "absent", None)],
    ),
    # (a denied list that goes on after what caused it is still denied; telling two findings apart is no cause)
    (
        "No pneumothorax from the biopsy, or hematoma.",
        [("pneumothorax", "absent", None), ("hematoma", "absent", None)],
    ),
    (
        "No pneumothorax from the biopsy or hematoma at the site.",
        [("pneumothorax", "absent", None), ("hematoma", "absent", None)],
    ),
    (
        "Cannot distinguish atelectasis from consolidation.",
        [("atelectasis", "uncertain", None), ("consolidation", "uncertain", None)],
    ),
    (
        "No pneumothorax or effusion.",
        [("pneumothorax", "absent", None), ("pleural_effusion", "absent", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAUSE_OF_THE_DENIED)
def test_the_cause_of_a_denied_effect_is_there(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


# a change said in other words
CHANGE_IN_OTHER_WORDS = [
    ("The right pleural effusion is no longer visible.", [("pleural_effusion", "absent", "resolved")]),
    ("The left pneumothorax is no longer present.", [("pneumothorax", "absent", "resolved")]),
    ("The nodule is no longer apparent.", [("nodule", "absent", "resolved")]),
    ("The pneumothorax has disappeared.", [("pneumothorax", "absent", "resolved")]),
    ("The nodule was not seen on the prior study.", [("nodule", "present", "new")]),
    (
        "There is a 6 mm right upper lobe nodule which was not present on the prior exam.",
        [("nodule", "present", "new")],
    ),
    ("Small left effusion, not seen previously.", [("pleural_effusion", "present", "new")]),
    ("Small left effusion, not previously seen.", [("pleural_effusion", "present", "new")]),
    # (not seen now is absent, and says nothing new)
    ("The fracture is not seen on the current study.", [("fracture", "absent", None)]),
    ("No pneumothorax, not seen previously either.", [("pneumothorax", "absent", None)]),
    # (what has gone is something else's: the nodule after "but" stays)
    (
        "The cystic component has disappeared but the solid nodule persists.",
        [("solid_nodule", "present", "stable")],
    ),
    (
        "The cystic component has resolved but the solid nodule persists.",
        [("solid_nodule", "present", "stable")],
    ),
    (
        "The effusion has resolved but the pneumothorax persists.",
        [("pleural_effusion", "absent", "resolved"), ("pneumothorax", "present", "stable")],
    ),
    ("New but small left effusion.", [("pleural_effusion", "present", "new")]),
]


@pytest.mark.parametrize(("text", "expected"), CHANGE_IN_OTHER_WORDS)
def test_a_change_said_in_other_words(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# a relative clause between commas stands between a subject and its verb
RELATIVE_CLAUSE = [
    ("The nodule, which measures 6 mm, is unchanged.", [("nodule", "present", "stable")]),
    ("The effusion, which was small, has resolved.", [("pleural_effusion", "absent", "resolved")]),
    (
        "The pneumothorax, which was seen yesterday, is no longer visible.",
        [("pneumothorax", "absent", "resolved")],
    ),
    ("Pneumothorax, which is small, is not increased.", [("pneumothorax", "present", "stable")]),
    ("Small effusion, which is new.", [("pleural_effusion", "present", "new")]),
    (
        "Cardiomegaly, which is stable, and a new left effusion.",
        [("cardiomegaly", "present", "stable"), ("pleural_effusion", "present", "new")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE_CLAUSE)
def test_a_relative_clause_between_subject_and_verb(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


# wordings the lexicon lacked
WORDINGS = [
    ("No ligament tear.", [("ligament_tear", "absent", None)]),
    ("Loosening of the femoral component.", [("hardware_complication", "present", None)]),
    ("No loosening of the femoral component.", [("hardware_complication", "absent", None)]),
    ("The gallbladder shows wall thickening.", [("gallbladder_wall_thickening", "present", None)]),
    ("Gallbladder is normal without wall thickening.", [("gallbladder_wall_thickening", "absent", None)]),
    ("Bowel wall thickening in the sigmoid colon.", [("bowel_wall_thickening", "present", None)]),
]


@pytest.mark.parametrize(("text", "expected"), WORDINGS)
def test_wordings(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# held-out review rv20a: relations and changes against the prior study
RV20A = [
    # what a denied effect is linked to is there
    (
        "No pulmonary infarct related to the small subsegmental emboli.",
        [("pulmonary_infarct", "absent", None), ("pulmonary_embolism", "present", None)],
    ),
    (
        "No hydronephrosis despite the 7 mm right ureteral stone.",
        [("hydronephrosis", "absent", None), ("ureterolithiasis", "present", None)],
    ),
    (
        "No pleural effusion in association with the left lower lobe pneumonia.",
        [("pleural_effusion", "absent", None), ("pneumonia", "present", None)],
    ),
    (
        "There is no hemothorax accompanying the left rib fractures.",
        [("hemothorax", "absent", None), ("fracture", "present", None)],
    ),
    (
        "Pneumothorax resulting from the right PICC placement is not seen.",
        [("pneumothorax", "absent", None), ("picc", "present", None)],
    ),
    # a denial or "not excluded" in a clause of its own
    (
        "Left chest tube in place, with the pneumothorax not seen.",
        [("chest_tube", "present", None), ("pneumothorax", "absent", None)],
    ),
    (
        "Gallstones, with cholecystitis not excluded.",
        [("gallstones", "present", None), ("cholecystitis", "uncertain", None)],
    ),
    (
        "Pleural effusion with underlying atelectasis, cannot exclude superimposed pneumonia.",
        [
            ("pleural_effusion", "present", None),
            ("atelectasis", "present", None),
            ("pneumonia", "uncertain", None),
        ],
    ),
    (
        "Pneumothorax, effusion, consolidation: not seen.",
        [
            ("pneumothorax", "absent", None),
            ("pleural_effusion", "absent", None),
            ("consolidation", "absent", None),
        ],
    ),
    # absent on an earlier study: new
    ("Left renal mass, not present on the study of 2019.", [("renal_mass", "present", "new")]),
    ("Right pleural effusion, previously not seen.", [("pleural_effusion", "present", "new")]),
    ("Liver lesion, not visualized on the outside CT.", [("liver_lesion", "present", "new")]),
    ("Hydronephrosis, not present in 2021.", [("hydronephrosis", "present", "new")]),
    ("The effusion is not seen on the exam of today.", [("pleural_effusion", "absent", None)]),
    # a denied change keeps the finding
    (
        "There is no significant change in the left pleural effusion.",
        [("pleural_effusion", "present", "stable")],
    ),
    ("There is no increase in the size of the 6 mm nodule.", [("nodule", "present", "stable")]),
    # a finding said as a clause of its own after a denial and a comma
    ("No ascites, liver is enlarged.", [("ascites", "absent", None), ("hepatomegaly", "present", None)]),
    (
        "No effusion, lungs are hyperinflated.",
        [("pleural_effusion", "absent", None), ("hyperinflation", "present", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RV20A)
def test_review_rv20a(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# held-out review rv20b: a patient's plain words read as the report's ("your" as "the"; "bigger than normal" is no
# denial)
PLAIN_WORDS = [
    ("Your spleen is bigger than normal.", [("splenomegaly", "present", None)]),
    ("Your heart is bigger than normal.", [("cardiomegaly", "present", None)]),
    ("The liver is larger than normal.", [("hepatomegaly", "present", None)]),
    ("The aorta is wider than normal.", [("aortic_dilatation", "present", None)]),
    ("Your lungs are bigger than normal.", [("hyperinflation", "present", None)]),
    ("The spleen is smaller than normal.", [("splenomegaly", "absent", None)]),  # (no change: than normal)
    ("There is fluid around your left lung.", [("pleural_effusion", "present", None)]),
    ("No fluid around your lungs.", [("pleural_effusion", "absent", None)]),
    ("Your appendix is swollen and infected.", [("appendicitis", "present", None)]),
    ("There are small pouches in the wall of your colon.", [("diverticulosis", "present", None)]),
    ("A blood clot in a vein in your left leg.", [("deep_vein_thrombosis", "present", None)]),
    ("Your testicle has twisted.", [("testicular_torsion", "present", None)]),
    (
        "Incidental developmental venous anomaly in the right frontal lobe.",
        [("vascular_malformation", "present", None)],
    ),
    ("Hallux valgus.", [("bone_deformity", "present", None)]),
    (
        "Complex tear of the posterior horn of the medial meniscus.",
        [("meniscal_tear", "present", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLAIN_WORDS)
def test_plain_words_of_a_letter(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# rv20a's smaller patterns: "with no new", a resolution said otherwise, and the bare infarct
MORE = [
    (
        "Evolving left MCA infarct with no new hemorrhage.",
        [("cerebral_infarct", "present", None), ("intracranial_hemorrhage", "uncertain", None)],
    ),
    (
        "Improving right effusion with no new consolidation.",
        [("pleural_effusion", "present", "improved"), ("consolidation", "uncertain", None)],
    ),
    ("There is no longer a pericardial effusion.", [("pericardial_effusion", "absent", "resolved")]),
    ("Spleen size has normalized.", [("splenomegaly", "absent", "resolved")]),
    ("No hemorrhage or infarct.", [("hematoma", "absent", None), ("infarct", "absent", None)]),
    ("Infarct in the lower pole of the right kidney.", [("renal_infarct", "present", None)]),
    ("Old infarct in the right occipital lobe.", [("cerebral_infarct", "present", None)]),
    ("History of myocardial infarction.", []),
    # (back after it had gone; a density a finding lost is no density)
    ("The right pleural effusion has recurred.", [("pleural_effusion", "present", "new")]),
    ("The tumor has not recurred.", [("mass", "absent", None)]),
    (
        "Intraparenchymal hemorrhage, decreased in density.",
        [("intracranial_hemorrhage", "present", "improved")],
    ),
    # (an area of increased density is what is seen, not a change: see test_change_words_of_a_name)
    ("Increased density in the left lower lobe.", [("density", "present", None)]),
    ("Increased density in the left lower lobe since the prior study.", [("density", "present", "worsened")]),
]


@pytest.mark.parametrize(("text", "expected"), MORE)
def test_more_of_review_rv20a(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def test_a_bare_infarct_on_a_head_study_is_the_brains() -> None:
    sr = structure("EXAMINATION: CT HEAD WITHOUT CONTRAST\nFINDINGS: No hemorrhage or infarct. No mass.")
    assert ("cerebral_infarct", "absent") in {(f.code, f.assertion.value) for f in sr.findings}


# "both" said of the findings before it is each of them, not two sides; a comparative against the earlier study
EACH_AND_COMPARED = [
    (
        "Effusion and atelectasis, both unchanged.",
        [("pleural_effusion", "present", "stable", None), ("atelectasis", "present", "stable", None)],
    ),
    (
        "The effusion and atelectasis have both improved.",
        [("pleural_effusion", "present", "improved", None), ("atelectasis", "present", "improved", None)],
    ),
    ("Both effusions are unchanged.", [("pleural_effusion", "present", "stable", "bilateral")]),
    ("Effusions in both hemithoraces.", [("pleural_effusion", "present", None, "bilateral")]),
    (
        "The common bile duct is less dilated than before.",
        [("biliary_dilatation", "present", "improved", None)],
    ),
    ("The pneumothorax is more extensive than previously.", [("pneumothorax", "present", "worsened", None)]),
    # (a comparison of sides is no change; it says both sides, as "worse on the left" does: review rv67c)
    ("Atelectasis, more pronounced on the left.", [("atelectasis", "present", None, "bilateral")]),
]


@pytest.mark.parametrize(("text", "expected"), EACH_AND_COMPARED)
def test_each_of_them_and_compared_with_before(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    got = [
        (
            f.code,
            f.assertion.value,
            f.change.value if f.change else None,
            f.laterality.value if f.laterality else None,
        )
        for f in structure(text).findings
    ]
    assert got == expected


# common findings rv20b found with no code
NEW_CODES = [
    ("Large stool burden throughout the colon.", [("fecal_loading", "present", None)]),
    ("Fecal impaction in the rectum.", [("fecal_loading", "present", None)]),
    ("There is a lot of stool in your colon.", [("fecal_loading", "present", None)]),
    (
        "Heterogeneous plaque at the left carotid bifurcation without hemodynamically significant stenosis.",
        [("carotid_plaque", "present", None), ("carotid_stenosis", "absent", None)],
    ),
    ("Calcified plaque in the aortic arch.", [("aortic_atherosclerosis", "present", None)]),
    ("Greater saphenous vein reflux.", [("venous_insufficiency", "present", None)]),
    ("Varicose veins of the left leg.", [("venous_insufficiency", "present", None)]),
    ("Varicosities of the pampiniform plexus.", [("varicocele", "present", None)]),
    ("Subacromial-subdeltoid bursitis.", [("bursitis", "present", None)]),
    ("No bursitis.", [("bursitis", "absent", None)]),
]


@pytest.mark.parametrize(("text", "expected"), NEW_CODES)
def test_common_findings_that_had_no_code(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# "the other side" said with its own verb after a sided finding: the head said once
ELIDED_HEAD = [
    (
        "The right hydronephrosis has resolved, and the left is unchanged.",
        [("hydronephrosis", "absent", "resolved", "right"), ("hydronephrosis", "present", "stable", "left")],
    ),
    (
        "The right pleural effusion has decreased and the left has increased.",
        [
            ("pleural_effusion", "present", "improved", "right"),
            ("pleural_effusion", "present", "worsened", "left"),
        ],
    ),
    (
        "The left effusion is stable and the right has resolved.",
        [
            ("pleural_effusion", "present", "stable", "left"),
            ("pleural_effusion", "absent", "resolved", "right"),
        ],
    ),
    (
        "No right hydronephrosis, the left is moderate.",
        [("hydronephrosis", "absent", None, "right"), ("hydronephrosis", "present", None, "left")],
    ),
    (
        "Right kidney stone; the left is normal.",
        [("nephrolithiasis", "present", None, "right"), ("nephrolithiasis", "absent", None, "left")],
    ),
    # (the other side's own organ is no elided head)
    ("Right lower lobe atelectasis, the left lung is clear.", [("atelectasis", "present", None, "right")]),
]


@pytest.mark.parametrize(("text", "expected"), ELIDED_HEAD)
def test_the_other_side_said_with_its_own_verb(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    got = [
        (
            f.code,
            f.assertion.value,
            f.change.value if f.change else None,
            f.laterality.value if f.laterality else None,
        )
        for f in structure(text).findings
    ]
    assert got == expected
