"""Seventh 2026-12-01 session: reviews rv17a (chest radiographs in other house styles), rv17b (assertion scope),
rv17c (attributes), their re-runs and the regression sweep rv17d, all of made-up dictation. Tables by kind of check
(readings, assertions, what is said of this exam, assertion and change, attributes), one test a kind at the end."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
            for f in structure(text).findings
        }
    )


CASES = [
    # a reading of an organ's own finding is at that organ, though no place word is said: the kidney's cyst
    (
        "The right renal lesion is a simple cyst.",
        [("renal_cyst", "present", "right", "kidney"), ("renal_mass", "present", "right", None)],
    ),
    (
        "Right renal lesion, likely a cyst.",
        [("renal_cyst", "uncertain", "right", "kidney"), ("renal_mass", "present", "right", None)],
    ),
    (
        "Pancreatic lesion, likely a cyst.",
        [("pancreatic_cyst", "uncertain", None, "pancreas"), ("pancreatic_mass", "present", None, None)],
    ),
    # ("there is a" is no reading of the finding before it)
    (
        "Right renal lesion, there is a simple cyst in the liver.",
        [("hepatic_cyst", "present", None, "liver"), ("renal_mass", "present", "right", None)],
    ),
    (
        "There is a right renal lesion. There is a simple cyst.",
        [("cyst", "present", None, None), ("renal_mass", "present", "right", None)],
    ),
]


def _assertions(text: str) -> dict[str, str]:
    return {f.code: f.assertion.value for f in structure(text).findings}


# review rv17b: what a denial reaches, and what it does not
ASSERTIONS = [
    # a finding after a denied one, past a comma, a dash or "and", with its own degree, size, side, article or
    # change is a statement of its own ...
    ("No pleural effusion, mild cardiomegaly.", {"pleural_effusion": "absent", "cardiomegaly": "present"}),
    (
        "No pneumothorax, small left pleural effusion.",
        {"pneumothorax": "absent", "pleural_effusion": "present"},
    ),
    (
        "No effusion, new right lower lobe consolidation.",
        {"pleural_effusion": "absent", "consolidation": "present"},
    ),
    ("No pneumothorax, increasing left effusion.", {"pneumothorax": "absent", "pleural_effusion": "present"}),
    ("No hydronephrosis, 5 mm left renal stone.", {"hydronephrosis": "absent", "nephrolithiasis": "present"}),
    (
        "No pleural effusion, right basilar atelectasis.",
        {"pleural_effusion": "absent", "atelectasis": "present"},
    ),
    (
        "No intracranial hemorrhage, chronic left MCA infarct.",
        {"intracranial_hemorrhage": "absent", "cerebral_infarct": "present"},
    ),
    (
        "Hiatal hernia, no pneumothorax, mild scoliosis.",
        {"hiatal_hernia": "present", "pneumothorax": "absent", "scoliosis": "present"},
    ),
    ("No pneumothorax, the chest tube is in place.", {"pneumothorax": "absent", "chest_tube": "present"}),
    ("No effusion, and a small pneumothorax.", {"pleural_effusion": "absent", "pneumothorax": "present"}),
    (
        "There is no pneumothorax or pleural effusion and the cardiac silhouette is enlarged.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "cardiomegaly": "present"},
    ),
    (
        "No hydronephrosis or renal stones bilaterally, and the bladder wall is thickened.",
        {"hydronephrosis": "absent", "nephrolithiasis": "absent", "bladder_wall_thickening": "present"},
    ),
    # (... and the "or" that closed the denied list before it is no hedge of it)
    (
        "No consolidation or effusion, 5 mm nodule in the right upper lobe.",
        {"consolidation": "absent", "pleural_effusion": "absent", "nodule": "present"},
    ),
    # ... but a degree inside an "or" list is the denied list's, and so is one after "and" closing a list of several
    (
        "No focal consolidation, large pleural effusion, or pneumothorax.",
        {"consolidation": "absent", "pleural_effusion": "absent", "pneumothorax": "absent"},
    ),
    (
        "No pneumothorax, effusion, and more than minimal atelectasis.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "atelectasis": "absent"},
    ),
    ("No pleural effusion and pneumothorax.", {"pleural_effusion": "absent", "pneumothorax": "absent"}),
    # (a removal goes on through its list)
    (
        "Interval removal of the tracheostomy tube and right subclavian central venous catheter.",
        {"tracheostomy_tube": "absent", "central_venous_catheter": "absent"},
    ),
    # a denial reaches along a long list of findings past its scope
    (
        "No acute osseous abnormality, fracture, dislocation, joint effusion, soft tissue swelling, or radiopaque "
        "foreign body.",
        {
            "fracture": "absent",
            "dislocation": "absent",
            "joint_effusion": "absent",
            "soft_tissue_swelling": "absent",
            "foreign_body": "absent",
        },
    ),
    (
        "No pneumothorax, effusion, consolidation, edema, cardiomegaly, mediastinal widening, free air, or displaced "
        "rib fracture.",
        {
            "pneumothorax": "absent",
            "pleural_effusion": "absent",
            "consolidation": "absent",
            "pulmonary_edema": "absent",
            "cardiomegaly": "absent",
            "mediastinal_widening": "absent",
            "pneumoperitoneum": "absent",
            "fracture": "absent",
        },
    ),
    # a reading of a denied finding is denied with it; "not consistent with" denies
    (
        "No filling defect consistent with pulmonary embolism.",
        {"thrombus": "absent", "pulmonary_embolism": "absent"},
    ),
    ("No fluid collection consistent with abscess.", {"fluid_collection": "absent", "abscess": "absent"}),
    ("Findings are not consistent with appendicitis.", {"appendicitis": "absent"}),
    ("No findings consistent with appendicitis.", {"appendicitis": "absent"}),
    (
        "Right lower lobe opacity consistent with pneumonia.",
        {"lung_opacity": "present", "pneumonia": "present"},
    ),
    # denials the cue lists had missed; "does not exclude" is a hedge
    ("The left apical pneumothorax is no longer visible.", {"pneumothorax": "absent"}),
    ("The nodule is no longer apparent.", {"nodule": "absent"}),
    ("The previously seen effusion has disappeared.", {"pleural_effusion": "absent"}),
    ("A small pneumothorax can be excluded.", {"pneumothorax": "absent"}),
    ("The ultrasound failed to demonstrate gallstones.", {"gallstones": "absent"}),
    ("Appendicitis is improbable.", {"appendicitis": "absent"}),
    ("Pleural effusion (none).", {"pleural_effusion": "absent"}),
    ("This does not exclude early pneumonia.", {"pneumonia": "uncertain"}),
    # a word said both ways that opens the next item is that item's
    (
        "Decreased size of the left pleural effusion and resolved right pneumothorax.",
        {"pleural_effusion": "present", "pneumothorax": "absent"},
    ),
    ("Pneumothorax and effusion resolved.", {"pneumothorax": "absent", "pleural_effusion": "absent"}),
]


# reviews rv17a/rv17c: a report with no FINDINGS header dictates its findings after its opening sections; they
# had been read as the comparison or the history and dropped
REPORTS = [
    (
        "Comparison: 01/02/2023.\nThere is a new 8 mm nodule in the right middle lobe.",
        {"nodule": "present"},
        ["comparison", "findings"],
    ),
    (
        "Comparison: None. Small left pleural effusion.",
        {"pleural_effusion": "present"},
        ["comparison", "findings"],
    ),
    (
        "COMPARISON: None.\nLungs: Right lower lobe consolidation.\nPleura: Small right effusion.",
        {"consolidation": "present", "pleural_effusion": "present"},
        ["comparison", "findings"],
    ),
    (
        "TECHNIQUE: PA and lateral views.\nLungs: Right lower lobe consolidation.",
        {"consolidation": "present"},
        ["technique", "findings"],
    ),
    # (the history keeps its whole first line)
    (
        "INDICATION: Cough. Evaluate for pneumonia.\nLUNGS: Clear.\nPLEURA: Small right effusion.",
        {"pleural_effusion": "present"},
        ["history", "findings"],
    ),
    (
        "Clinical details: ?consolidation\nReport: The lungs are clear. No pleural effusion.",
        {"pleural_effusion": "absent"},
        ["history", "findings"],
    ),
    # (a report with a FINDINGS header, or with nothing after its opening sections, is as it was)
    (
        "INDICATION: Cough, rule out pneumonia.\nCOMPARISON: None.\nIMPRESSION: No acute disease.",
        {},
        ["history", "comparison", "impression"],
    ),
    (
        "HISTORY: Pneumonia.\nSmall effusion last year.\nFINDINGS: Right lower lobe consolidation.",
        {"consolidation": "present"},
        ["history", "findings"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "sections"), REPORTS, ids=[c[0][:50] for c in REPORTS])
def test_findings_after_the_opening_sections(
    text: str, expected: dict[str, str], sections: list[str]
) -> None:
    sr = structure(text)
    assert [s.name for s in sr.report.sections] == sections
    got = {f.code: f.assertion.value for f in sr.findings if f.context is None}
    assert got == expected


# review rv17a: a templated checklist's answers
CHECKLIST = [
    ("Cardiomegaly: No.", {"cardiomegaly": ("absent", None)}),
    ("Pneumothorax: Resolved.", {"pneumothorax": ("absent", "resolved")}),
    ("Chest tube: Removed.", {"chest_tube": ("absent", None)}),
    ("ETT: Removed.", {"endotracheal_tube": ("absent", None)}),
    ("Pneumothorax: None.", {"pneumothorax": ("absent", None)}),
    ("Pleural effusion: Small, right.", {"pleural_effusion": ("present", None)}),
    ("Lungs: no consolidation.", {"consolidation": ("absent", None)}),
    # a heading's colon joins it to what is said of it
    ("Heart: Mildly enlarged.", {"cardiomegaly": ("present", None)}),
    ("Heart size: Enlarged.", {"cardiomegaly": ("present", None)}),
    ("Heart: Enlarged, stable.", {"cardiomegaly": ("present", "stable")}),
    ("Mediastinum: Widened.", {"mediastinal_widening": ("present", None)}),
    ("Heart size: Normal.", {"cardiomegaly": ("absent", None)}),
    ("Mediastinum: Normal width.", {"mediastinal_widening": ("absent", None)}),
    (
        "Heart: Normal. Lungs: Hyperinflated.",
        {"cardiomegaly": ("absent", None), "hyperinflation": ("present", None)},
    ),
]


# reviews rv17a/rv17b: hedges, history and what may come
HEDGES = [
    ("Query LLL collapse.", {"atelectasis": "uncertain"}),
    ("Query small right effusion.", {"pleural_effusion": "uncertain"}),
    (
        "No definite consolidation, although early infection could have this appearance.",
        {"consolidation": "absent", "infection": "uncertain"},
    ),
    (
        # ("rather than" weighs what is not favoured as "over" does: rv16's "weighed against"; the letter tells it
        # as less likely)
        "Appearance favours atelectasis rather than pneumonia.",
        {"atelectasis": "uncertain", "pneumonia": "uncertain"},
    ),
    (
        "Appearances favour atelectasis over consolidation.",
        {"atelectasis": "uncertain", "consolidation": "uncertain"},
    ),
    ("Rather than pneumonia, this is atelectasis.", {"pneumonia": "absent", "atelectasis": "present"}),
    ("Eval for PTX.", {}),
    ("Previous episodes of diverticulitis.", {}),
    ("Prior episode of pancreatitis.", {}),
    ("Should the patient develop fever, abscess should be considered.", {}),
    ("Watch for signs of bowel obstruction.", {}),
    (
        "Given the history of lymphoma, the mediastinal lymphadenopathy is likely recurrent disease.",
        {"lymphadenopathy": "present", "tumor_recurrence": "uncertain"},
    ),
]


def _attrs(text: str) -> list[tuple[str, str | None, float | None, str | None, str | None]]:
    return sorted(
        (
            f.code,
            f.laterality.value if f.laterality else None,
            f.size_mm,
            f.severity,
            f.change.value if f.change else None,
        )
        for f in structure(text).findings
    )


# review rv17c: each list item's own size, degree and change, said before it; a study's slice thickness is no size
ATTRIBUTES = [
    (
        "6 mm right upper lobe nodule and 4 mm left lower lobe nodule.",
        [("nodule", "left", 4.0, None, None), ("nodule", "right", 6.0, None, None)],
    ),
    (
        "A 4 mm left lower lobe nodule, 5 mm right middle lobe nodule, and 6 mm right upper lobe nodule.",
        [
            ("nodule", "left", 4.0, None, None),
            ("nodule", "right", 5.0, None, None),
            ("nodule", "right", 6.0, None, None),
        ],
    ),
    (
        "New 6 mm RUL nodule and stable 4 mm LLL nodule.",
        [("nodule", "left", 4.0, None, "stable"), ("nodule", "right", 6.0, None, "new")],
    ),
    (
        "Stable left upper lobe nodule and increased right lower lobe mass.",
        [("mass", "right", None, None, "worsened"), ("nodule", "left", None, None, "stable")],
    ),
    (
        "The left effusion is new and cardiomegaly is stable.",
        [("cardiomegaly", None, None, None, "stable"), ("pleural_effusion", "left", None, None, "new")],
    ),
    (
        "Small right pleural effusion and moderate right lower lobe atelectasis.",
        [
            ("atelectasis", "right", None, "moderate", None),
            ("pleural_effusion", "right", None, "small", None),
        ],
    ),
    (
        "Mild cardiomegaly and moderate left lower lobe atelectasis.",
        [("atelectasis", "left", None, "moderate", None), ("cardiomegaly", None, None, "mild", None)],
    ),
    # (a change after a comma that opens no item is still the one before's)
    (
        "Right upper lobe granuloma, stable the lungs are clear.",
        [("granuloma", "right", None, None, "stable")],
    ),
    ("Nodule in the right upper lobe seen on 5 mm axial images.", [("nodule", "right", None, None, None)]),
    ("Right upper lobe nodule on 1.25 mm images measures 4 mm.", [("nodule", "right", 4.0, None, None)]),
    ("Left lower lobe nodule best seen on 3 mm reconstructions.", [("nodule", "left", None, None, None)]),
]


ATTRIBUTES_MORE = [
    # a word said both ways that opens the next item is that item's
    (
        "Decreased size of the left pleural effusion and resolved right pneumothorax.",
        [
            ("pleural_effusion", "left", None, None, "improved"),
            ("pneumothorax", "right", None, None, "resolved"),
        ],
    ),
    # the same side or the other one
    (
        "Left renal mass with contralateral adrenal nodule.",
        [("adrenal_nodule", "right", None, None, None), ("renal_mass", "left", None, None, None)],
    ),
    (
        "Left lower lobe consolidation with ipsilateral pleural effusion.",
        [("consolidation", "left", None, None, None), ("pleural_effusion", "left", None, None, None)],
    ),
    # "it" or "this" in the next sentence
    (
        "Small right pleural effusion. This is unchanged from prior.",
        [("pleural_effusion", "right", None, "small", "stable")],
    ),
    ("There is a left pleural effusion. It is small.", [("pleural_effusion", "left", None, "small", None)]),
    ("Left lower lobe nodule. It is new.", [("nodule", "left", None, None, "new")]),
    (
        "Left lower lobe mass. It has increased in size, now measuring 3.5 cm.",
        [("mass", "left", 35.0, None, "worsened")],
    ),
    (
        "There is a nodule in the right upper lobe. It now measures 9 mm, previously 6 mm.",
        [("nodule", "right", 9.0, None, "worsened")],
    ),
    # (not what the sentence goes on to)
    (
        "Left humeral head subluxation. This is likely related to decreased muscle support.",
        [("dislocation", "left", None, None, None)],
    ),
    # a change said as a noun has the degree, not the finding
    (
        "Slight increase in the right pleural effusion.",
        [("pleural_effusion", "right", None, None, "worsened")],
    ),
    (
        "Marked improvement in the left lower lobe consolidation.",
        [("consolidation", "left", None, None, "improved")],
    ),
]


# reviews rv17a/rv17b/rv17c: changes said as nouns, a compression fracture, "X or no Y", the referrer's question,
# what is not favoured, an organ's size
MORE = [
    ("Partial resolution of left lower lobe consolidation.", {"consolidation": ("present", "improved")}),
    (
        "Development of a left pleural effusion since the prior study.",
        {"pleural_effusion": ("present", "new")},
    ),
    ("Compression fracture of L1.", {"compression_fracture": ("present", None)}),
    ("T10 compression fracture.", {"compression_fracture": ("present", None)}),
    ("Trace or no pleural effusion.", {"pleural_effusion": ("uncertain", None)}),
    ("Small or no effusion.", {"pleural_effusion": ("uncertain", None)}),
    ("Clinical concern for PE. No PE.", {"pulmonary_embolism": ("absent", None)}),
    ("Pneumonia is not favored.", {"pneumonia": ("absent", None)}),
    ("The ventricles are enlarged out of proportion to the sulci.", {"hydrocephalus": ("present", None)}),
    ("The ventricular system is normal in size.", {"hydrocephalus": ("absent", None)}),
    ("The thyroid is not enlarged.", {"goiter": ("absent", None)}),
    ("The prostate is normal in size.", {"prostatomegaly": ("absent", None)}),
    # (a normal-sized heart is still the heart's)
    (
        "Heart and mediastinum are stable with normal sized heart.",
        {"cardiomegaly": ("absent", None), "mediastinal_widening": ("absent", None)},
    ),
]


# two sides compared are both sides, not a change over time (review rv17c I)
SIDES_COMPARED = [
    (
        "Small bilateral effusions, larger on the right.",
        [("pleural_effusion", "bilateral", None, "small", None)],
    ),
    ("Atelectasis at the bases, left more than right.", [("atelectasis", "bilateral", None, None, None)]),
    ("The right effusion is larger.", [("pleural_effusion", "right", None, None, "worsened")]),
]


# re-runs rv17a2/rv17b2/rv17c2: the new rules kept to what they are for
REGRESSIONS = [
    # a comparison's sentences about the prior stay the comparison's; a history's second line stays history
    ("Comparison: CT 1/1/2020. This showed a right effusion.", {}),
    ("COMPARISON: 1/1/2020. Large left pneumothorax at that time.", {}),
    ("HISTORY: 65M\nKnown sarcoidosis with bilateral hilar lymphadenopathy.", {}),
    ("Comparison: 1/1/2020. The nodule is unchanged from prior.", {"nodule": "present"}),
    # "No." ends a checklist's answer (a number only before one)
    (
        "FINDINGS:\nPneumothorax: None.\nCardiomegaly: No.\nPleural effusion: Small, right.",
        {"pneumothorax": "absent", "cardiomegaly": "absent", "pleural_effusion": "present"},
    ),
    (
        "Effusion: No. Pneumothorax: Small right apical.",
        {"pleural_effusion": "absent", "pneumothorax": "present"},
    ),
    (
        "Heart: mildly enlarged; effusions: resolved.",
        {"cardiomegaly": "present", "pleural_effusion": "absent"},
    ),
    # a denial said after a clause of its own
    (
        "Mild cardiomegaly and the pneumothorax is no longer visible.",
        {"cardiomegaly": "present", "pneumothorax": "absent"},
    ),
    (
        "The pneumothorax and the effusion have resolved.",
        {"pneumothorax": "absent", "pleural_effusion": "absent"},
    ),
    # "lack of" only of what follows it; "not consistent with" only close; "does not exclude" forward
    ("Lack of interval change in the nodule.", {"nodule": "present"}),
    (
        "The lesion is not consistent with a cyst and is suspicious for metastasis.",
        {"lesion": "present", "cyst": "absent", "metastasis": "uncertain"},
    ),
    (
        "Lack of consolidation does not exclude pneumonia.",
        {"consolidation": "absent", "pneumonia": "uncertain"},
    ),
    # the referrer's question only opening a sentence
    (
        "Clinical concern for pneumonia, and right lower lobe consolidation is present.",
        {"consolidation": "present"},
    ),
    ("Findings raise clinical concern for cholecystitis.", {"cholecystitis": "uncertain"}),
    # a reading of a denied finding only where nothing before is there
    (
        "Opacity without effusion consistent with pneumonia.",
        {"lung_opacity": "present", "pleural_effusion": "absent", "pneumonia": "present"},
    ),
    # after a removal or a resolution, what has its own degree or verb is there
    (
        "Removal of the left chest tube, small left apical pneumothorax.",
        {"chest_tube": "absent", "pneumothorax": "present"},
    ),
    (
        "Interval removal of the ETT, the NG tube remains in place.",
        {"endotracheal_tube": "absent", "enteric_tube": "present"},
    ),
    (
        "Pneumothorax resolved and pleural effusion is new.",
        {"pneumothorax": "absent", "pleural_effusion": "present"},
    ),
    (
        "Interval resolution of the pneumothorax and subcutaneous emphysema following chest tube placement.",
        {"pneumothorax": "absent", "subcutaneous_emphysema": "absent", "chest_tube": "present"},
    ),
    ("Sm bowel obstruction.", {"bowel_obstruction": "present"}),
]


REGRESSION_ATTRIBUTES = [
    ("6 mm nodule image 45.", [("nodule", None, 6.0, None, None)]),
    ("Sm bowel obstruction.", [("bowel_obstruction", None, None, None, None)]),
    ("Small right pleural effusion. It is not new.", [("pleural_effusion", "right", None, "small", None)]),
    (
        "There is a left pleural effusion. It was small and is now moderate.",
        [("pleural_effusion", "left", None, "moderate", "worsened")],
    ),
    ("There is a renal lesion. It is too small to characterize.", [("renal_mass", None, None, None, None)]),
    (
        "Right pneumothorax with contralateral mediastinal shift and ipsilateral rib fractures.",
        [
            ("fracture", "right", None, None, None),
            ("mediastinal_shift", "left", None, None, None),
            ("pneumothorax", "right", None, None, None),
        ],
    ),
]


CHECKLIST_OF_A_CHANGE = [
    ("Heart: Stable cardiomegaly.", {"cardiomegaly": ("present", "stable")}),
    ("Increase in effusion: No.", {"pleural_effusion": ("present", None)}),
    ("New consolidation: No.", {"consolidation": ("uncertain", None)}),
]


# two readings of one area of the lung said as a pair share its side and place (review rv17a #5, rv17a2 R3-R5)
PAIR_IN_ONE_PLACE = [
    (
        "Right middle lobe collapse and consolidation.",
        [
            ("atelectasis", "present", "right", "middle lobe"),
            ("consolidation", "present", "right", "middle lobe"),
        ],
    ),
    (
        "Atelectasis or consolidation at the right base.",
        [("atelectasis", "uncertain", "right", "base"), ("consolidation", "uncertain", "right", "base")],
    ),
    (
        "Atelectasis versus pneumonia in the left lower lobe.",
        [
            ("atelectasis", "uncertain", "left", "lower lobe"),
            ("pneumonia", "uncertain", "left", "lower lobe"),
        ],
    ),
    # (a slash between the two is one or the other: reviews rv83b, rv92a)
    (
        "LLL atx/PNA.",
        [
            ("atelectasis", "uncertain", "left", "lower lobe"),
            ("pneumonia", "uncertain", "left", "lower lobe"),
        ],
    ),
    # (not a pleural finding)
    (
        "Right lower lobe consolidation and pneumothorax.",
        [("consolidation", "present", "right", "lower lobe"), ("pneumothorax", "present", None, None)],
    ),
]


OWN_DENIALS_AND_VERBS = [
    (
        "No pneumothorax, no effusion, and mild cardiomegaly.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "cardiomegaly": "present"},
    ),
    (
        "No pleural effusion, cardiomegaly is present.",
        {"pleural_effusion": "absent", "cardiomegaly": "present"},
    ),
    (
        "No pneumothorax, pleural effusion, or consolidation is seen.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "consolidation": "absent"},
    ),
]


# the regression sweep of every earlier review's inputs (rv17d): the session's rules kept to their purpose
SWEEP = [
    (
        "The right chest tube is in place and a pneumothorax can be excluded.",
        {"chest_tube": "present", "pneumothorax": "absent"},
    ),
    (
        "Small left pleural effusion, right chest tube: Removed.",
        {"pleural_effusion": "present", "chest_tube": "absent"},
    ),
    (
        "No evidence of pneumothorax and a pleural effusion.",
        {"pneumothorax": "absent", "pleural_effusion": "absent"},
    ),
    (
        "Interval resolution of pulmonary edema and small bilateral pleural effusions.",
        {"pulmonary_edema": "absent", "pleural_effusion": "absent"},
    ),
    ("Pneumonia is not favored but cannot be excluded.", {"pneumonia": "uncertain"}),
    ("Small or no interval change in the nodule.", {"nodule": "present"}),
    ("Favor radiation necrosis rather than tumor recurrence.", {"tumor_recurrence": "uncertain"}),
    ("Favor radiation necrosis over tumor recurrence.", {"tumor_recurrence": "uncertain"}),
    ("CT for eval for abscess demonstrates a 3 cm rim-enhancing fluid collection.", {"abscess": "present"}),
    ("History of breast cancer, the left breast mass was treated with lumpectomy.", {}),
    ("Heart: Enlarged but stable.", {"cardiomegaly": "present"}),
    ("Heart: Stable.", {}),
    (
        "Bilateral obstructive hydronephrosis due to pelvic mass.",
        {"hydronephrosis": "present", "mass": "present"},
    ),
]


SWEEP_ATTRIBUTES = [
    (
        "Right adrenal nodule and left renal mass with ipsilateral hydronephrosis.",
        [
            ("adrenal_nodule", "right", None, None, None),
            ("hydronephrosis", "left", None, None, None),
            ("renal_mass", "left", None, None, None),
        ],
    ),
    (
        "RLL consolidation and LLL atelectasis with ipsilateral effusion.",
        [
            ("atelectasis", "left", None, None, None),
            ("consolidation", "right", None, None, None),
            ("pleural_effusion", "left", None, None, None),
        ],
    ),
    (
        "Right pleural effusion. It was large on the prior study.",
        [("pleural_effusion", "right", None, None, None)],
    ),
    (
        "Right pleural effusion. This was new on the prior study and is now stable.",
        [("pleural_effusion", "right", None, None, "stable")],
    ),
    (
        "Right pleural effusion. It has a small loculated component.",
        [("pleural_effusion", "right", None, None, None)],
    ),
]


SWEEP_RERUN = [
    (
        "Consolidation, effusion, pneumothorax: No.",
        [
            ("consolidation", None, None, None, None),
            ("pleural_effusion", None, None, None, None),
            ("pneumothorax", None, None, None, None),
        ],
    ),
    (
        "Right lower lobe mass, left pleural effusion, and ipsilateral hilar adenopathy.",
        [
            ("hilar_enlargement", "right", None, None, None),
            # (the hila's enlarged nodes are enlarged nodes too, review rv34c)
            ("lymphadenopathy", "right", None, None, None),
            ("mass", "right", None, None, None),
            ("pleural_effusion", "left", None, None, None),
        ],
    ),
    (
        "Right renal mass with left hydronephrosis and ipsilateral adrenal nodule.",
        [
            ("adrenal_nodule", "right", None, None, None),
            ("hydronephrosis", "left", None, None, None),
            ("renal_mass", "right", None, None, None),
        ],
    ),
]


# the other side's degree said alone after a comma; a degree said "now" after the one before
THE_OTHER_SIDE_AND_NOW = [
    (
        "Small left pleural effusion, moderate right.",
        [
            ("pleural_effusion", "left", None, "small", None),
            ("pleural_effusion", "right", None, "moderate", None),
        ],
    ),
    (
        "Left lower lobe consolidation, mild right.",
        [("consolidation", "left", None, None, None), ("consolidation", "right", None, "mild", None)],
    ),
    (
        "Small left pleural effusion, moderate right lower lobe atelectasis.",
        [
            ("atelectasis", "right", None, "moderate", None),
            ("pleural_effusion", "left", None, "small", None),
        ],
    ),
    (
        "Left pleural effusion, previously small, now large.",
        [("pleural_effusion", "left", None, "large", "worsened")],
    ),
    (
        "Left pleural effusion, previously moderate, now small.",
        [("pleural_effusion", "left", None, "small", "improved")],
    ),
]


# one test a kind of check, over every table of that kind above

READINGS = CASES + PAIR_IN_ONE_PLACE


@pytest.mark.parametrize(("text", "expected"), READINGS, ids=[c[0][:60] for c in READINGS])
def test_reading(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert _read(text) == expected


ALL_ASSERTIONS = ASSERTIONS + OWN_DENIALS_AND_VERBS


@pytest.mark.parametrize(("text", "expected"), ALL_ASSERTIONS, ids=[c[0][:60] for c in ALL_ASSERTIONS])
def test_assertion(text: str, expected: dict[str, str]) -> None:
    assert _assertions(text) == expected


# (mentions in the history, an indication or what may come are left out)
SAID_OF_THE_EXAM = HEDGES + REGRESSIONS + SWEEP


@pytest.mark.parametrize(("text", "expected"), SAID_OF_THE_EXAM, ids=[c[0][:60] for c in SAID_OF_THE_EXAM])
def test_said_of_the_exam(text: str, expected: dict[str, str]) -> None:
    got = {f.code: f.assertion.value for f in structure(text).findings if f.context is None}
    assert got == expected


ASSERTIONS_AND_CHANGES = CHECKLIST + MORE + CHECKLIST_OF_A_CHANGE


@pytest.mark.parametrize(
    ("text", "expected"), ASSERTIONS_AND_CHANGES, ids=[c[0][:60] for c in ASSERTIONS_AND_CHANGES]
)
def test_assertion_and_change(text: str, expected: dict[str, tuple[str, str | None]]) -> None:
    got = {
        f.code: (f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    }
    assert got == expected


ALL_ATTRIBUTES = (
    ATTRIBUTES
    + ATTRIBUTES_MORE
    + SIDES_COMPARED
    + REGRESSION_ATTRIBUTES
    + SWEEP_ATTRIBUTES
    + SWEEP_RERUN
    + THE_OTHER_SIDE_AND_NOW
)


@pytest.mark.parametrize(("text", "expected"), ALL_ATTRIBUTES, ids=[c[0][:60] for c in ALL_ATTRIBUTES])
def test_attributes(
    text: str, expected: list[tuple[str, str | None, float | None, str | None, str | None]]
) -> None:
    assert _attrs(text) == expected


def test_a_checklist_of_several_denied_is_normal() -> None:
    assert structure("Consolidation, effusion, pneumothorax: No.").normal
