"""Scope of negation, uncertainty and history: where a cue's reach must stop (an assertion and scope stress test of
581 made-up report sentences; every row here was read wrongly before, and each names the finding the sentence
names with the assertion a radiologist would give it)."""

from __future__ import annotations

import pytest

from radpilot.structure import structure

CASES = [
    # a follow-up to assess or confirm the resolution of a finding says the finding is there
    (
        "Recommend follow-up CT in 3 months to assess for resolution of the right lower lobe consolidation.",
        "consolidation",
        "present",
    ),
    (
        "Follow-up ultrasound in 6 weeks is recommended to confirm resolution of the left hemorrhagic ovarian cyst.",
        "ovarian_cyst",
        "present",
    ),
    # an unchanged hilum is not said to be normal ("the fullness to the right hilum is unchanged")
    ("The fullness to the right hilum is unchanged.", "hilar_enlargement", "present"),
    ("Normal hila.", "hilar_enlargement", "absent"),
    # what a differential after it explains is there; a hedge of a denied change is the change's
    ("Left lower lobe opacity, atelectasis or pneumonia.", "lung_opacity", "present"),
    ("Left lower lobe opacity, atelectasis or pneumonia.", "pneumonia", "uncertain"),
    ("Effusion, atelectasis, or pneumonia.", "pleural_effusion", "uncertain"),
    ("Stable appearance, suggesting no progression of the retrohilar nodule.", "nodule", "present"),
    # a colon after a part's name is not a denial ("Right shoulder: Negative for fracture or dislocation.")
    ("Right shoulder: Negative for fracture or dislocation.", "fracture", "absent"),
    ("Right shoulder: Negative for fracture or dislocation.", "dislocation", "absent"),
    # a second stress test (472 made-up sentences): the first rules' over-reach, and more scope
    ("Negative for pneumothorax and pleural effusion in the upright position.", "pneumothorax", "absent"),
    ("Negative for pneumothorax and pleural effusion in the upright position.", "pleural_effusion", "absent"),
    ("No pneumothorax and effusion with the patient in upright position.", "pneumothorax", "absent"),
    ("No pneumothorax and effusion with the patient in upright position.", "pleural_effusion", "absent"),
    ("No pleural effusions and pneumothorax are present.", "pleural_effusion", "absent"),
    ("No pleural effusions and pneumothorax are present.", "pneumothorax", "absent"),
    (
        "No suspicious masses, calcifications, and areas of architectural distortion are present.",
        "mass",
        "absent",
    ),
    (
        "No suspicious masses, calcifications, and areas of architectural distortion are present.",
        "calcification",
        "absent",
    ),
    (
        "No suspicious masses, calcifications, and areas of architectural distortion are present.",
        "architectural_distortion",
        "absent",
    ),
    (
        "No pneumothorax and pneumomediastinum after right internal jugular line placement.",
        "pneumothorax",
        "absent",
    ),
    (
        "No pneumothorax and pneumomediastinum after right internal jugular line placement.",
        "pneumomediastinum",
        "absent",
    ),
    (
        "No pneumothorax and pneumomediastinum after right internal jugular line placement.",
        "central_venous_catheter",
        "present",
    ),
    ("Resolution of the pneumothorax and effusion present on the prior exam.", "pneumothorax", "absent"),
    ("Resolution of the pneumothorax and effusion present on the prior exam.", "pleural_effusion", "absent"),
    (
        "Resolution of the pneumothorax and subcutaneous emphysema that were present on the prior study.",
        "pneumothorax",
        "absent",
    ),
    (
        "Resolution of the pneumothorax and subcutaneous emphysema that were present on the prior study.",
        "subcutaneous_emphysema",
        "absent",
    ),
    (
        "Interval removal of the enteric tube and the right IJ catheter placed yesterday.",
        "enteric_tube",
        "absent",
    ),
    (
        "Interval removal of the enteric tube and the right IJ catheter placed yesterday.",
        "central_venous_catheter",
        "absent",
    ),
    (
        "Interval removal of the endotracheal tube and enteric tube previously in good position.",
        "endotracheal_tube",
        "absent",
    ),
    (
        "Interval removal of the endotracheal tube and enteric tube previously in good position.",
        "enteric_tube",
        "absent",
    ),
    ("Enlarging right hilar lymph node from prior.", "lymphadenopathy", "present"),
    (
        "Unable to distinguish pneumonia from atelectasis adjacent to the small right effusion.",
        "pneumonia",
        "uncertain",
    ),
    (
        "Unable to distinguish pneumonia from atelectasis adjacent to the small right effusion.",
        "atelectasis",
        "uncertain",
    ),
    (
        "Unable to distinguish pneumonia from atelectasis adjacent to the small right effusion.",
        "pleural_effusion",
        "present",
    ),
    (
        "Negative for pneumonia and effusion with the endotracheal tube in good position.",
        "pneumonia",
        "absent",
    ),
    (
        "Negative for pneumonia and effusion with the endotracheal tube in good position.",
        "pleural_effusion",
        "absent",
    ),
    (
        "Negative for pneumonia and effusion with the endotracheal tube in good position.",
        "endotracheal_tube",
        "present",
    ),
    ("No nodules and masses are present in either lung.", "nodule", "absent"),
    ("No nodules and masses are present in either lung.", "mass", "absent"),
    ("No pneumothorax and pleural effusion following chest tube placement.", "pneumothorax", "absent"),
    ("No pneumothorax and pleural effusion following chest tube placement.", "pleural_effusion", "absent"),
    ("No pneumothorax and pleural effusion following chest tube placement.", "chest_tube", "present"),
    (
        "Resolution of the left effusion and atelectasis with the chest tube in place.",
        "pleural_effusion",
        "absent",
    ),
    (
        "Resolution of the left effusion and atelectasis with the chest tube in place.",
        "atelectasis",
        "absent",
    ),
    (
        "Resolution of the left effusion and atelectasis with the chest tube in place.",
        "chest_tube",
        "present",
    ),
    (
        "Interval resolution of the pneumothorax and subcutaneous emphysema following chest tube placement.",
        "pneumothorax",
        "absent",
    ),
    (
        "Interval resolution of the pneumothorax and subcutaneous emphysema following chest tube placement.",
        "subcutaneous_emphysema",
        "absent",
    ),
    (
        "Interval resolution of the pneumothorax and subcutaneous emphysema following chest tube placement.",
        "chest_tube",
        "present",
    ),
    (
        "Interval resolution of the pulmonary edema and bilateral effusions with improved aeration of the lung bases.",
        "pulmonary_edema",
        "absent",
    ),
    (
        "Interval resolution of the pulmonary edema and bilateral effusions with improved aeration of the lung bases.",
        "pleural_effusion",
        "absent",
    ),
    (
        "Resolution of the right lower lobe consolidation and effusion with improved aeration.",
        "consolidation",
        "absent",
    ),
    (
        "Resolution of the right lower lobe consolidation and effusion with improved aeration.",
        "pleural_effusion",
        "absent",
    ),
    ("No pneumothorax and pneumomediastinum with the new left chest tube.", "pneumothorax", "absent"),
    ("No pneumothorax and pneumomediastinum with the new left chest tube.", "pneumomediastinum", "absent"),
    ("No pneumothorax and pneumomediastinum with the new left chest tube.", "chest_tube", "present"),
    ("No hydronephrosis and hydroureter with the ureteral stent in place.", "hydronephrosis", "absent"),
    ("No hydronephrosis and hydroureter with the ureteral stent in place.", "hydronephrosis", "absent"),
    ("No hydronephrosis and hydroureter with the ureteral stent in place.", "nonvascular_stent", "present"),
    ("Status post right mastectomy with reconstruction for breast cancer.", "breast_mass", "not_present"),
    ("No worsening of the pulmonary edema.", "pulmonary_edema", "present"),
    ("No progression of the bilateral pleural effusions.", "pleural_effusion", "present"),
    ("No enlargement of the known left renal cyst.", "renal_cyst", "present"),
    ("No expansion of the left frontal intraparenchymal hemorrhage.", "intracranial_hemorrhage", "present"),
    ("No interval worsening of the right upper lobe cavitary lesion.", "cavitary_lesion", "present"),
    ("No growth plate fracture of the distal radius.", "fracture", "absent"),
    ("No growth plate injury or fracture of the distal tibia.", "fracture", "absent"),
    ("No evidence of progression of the osseous metastases.", "osseous_metastasis", "present"),
    ("It is not possible to exclude a small pneumothorax.", "pneumothorax", "uncertain"),
    ("Infection is not unlikely in this clinical setting.", "infection", "uncertain"),
    ("Pulmonary embolism is ruled out.", "pulmonary_embolism", "absent"),
    ("Pneumothorax has been excluded.", "pneumothorax", "absent"),
    ("Fracture is not suspected.", "fracture", "absent"),
    ("There is nothing to suggest pulmonary edema.", "pulmonary_edema", "absent"),
    ("No acute findings with the exception of a small right renal cyst.", "renal_cyst", "present"),
    ("No acute abnormality, save for a small hiatal hernia.", "hiatal_hernia", "present"),
    ("Ground glass opacities, which can be seen in viral pneumonia.", "ground_glass_opacity", "present"),
    ("Ground glass opacities, which can be seen in viral pneumonia.", "pneumonia", "uncertain"),
    ("These findings can be seen with pulmonary hypertension.", "pulmonary_hypertension", "uncertain"),
    (
        "Dilated main pulmonary artery, which can be seen with pulmonary hypertension.",
        "pulmonary_hypertension",
        "uncertain",
    ),
    ("No longer seen is the left apical pneumothorax.", "pneumothorax", "absent"),
    ("The pneumonia is now resolved.", "pneumonia", "absent"),
    ("The right pneumothorax, present yesterday, is now resolved.", "pneumothorax", "absent"),
    ("Previously noted pneumothorax has now resolved.", "pneumothorax", "absent"),
    ("The consolidation has almost completely cleared.", "consolidation", "present"),
    ("Pneumothorax: none.", "pneumothorax", "absent"),
    ("Hydronephrosis: absent.", "hydronephrosis", "absent"),
    ("Trace if any left pleural effusion.", "pleural_effusion", "uncertain"),
    ("Minimal, if any, pericardial effusion.", "pericardial_effusion", "uncertain"),
    ("Enlarged right hilar lymph node.", "lymphadenopathy", "present"),
    ("Enlarged mediastinal lymph node measuring 15 mm.", "lymphadenopathy", "present"),
    ("Enlarging left hilar lymph node.", "lymphadenopathy", "present"),
    # ... but a denial of this study stays one
    ("Pneumothorax is not seen on this radiograph.", "pneumothorax", "absent"),
    ("Pneumothorax not seen at this time.", "pneumothorax", "absent"),
    ("Nodule not seen on the CT of the abdomen.", "nodule", "absent"),
    (
        "Possible tiny left apical pneumothorax, not clearly seen on the prior study.",
        "pneumothorax",
        "uncertain",
    ),
    ("Small left effusion, not seen at that time.", "pleural_effusion", "present"),
    ("Unchanged from prior 4 mm nodule in the right upper lobe.", "nodule", "present"),
    # a negation does not run through "and" into a second statement with its own verb
    (
        "No biliary dilatation, and the gallbladder contains multiple gallstones.",
        "biliary_dilatation",
        "absent",
    ),
    ("No biliary dilatation, and the gallbladder contains multiple gallstones.", "gallstones", "present"),
    ("No pneumothorax is identified and the right pleural effusion has increased.", "pneumothorax", "absent"),
    (
        "No pneumothorax is identified and the right pleural effusion has increased.",
        "pleural_effusion",
        "present",
    ),
    ("There is no consolidation and a small left effusion persists.", "consolidation", "absent"),
    ("There is no consolidation and a small left effusion persists.", "pleural_effusion", "present"),
    ("There is no pneumothorax and the chest tube remains in place.", "pneumothorax", "absent"),
    ("There is no pneumothorax and the chest tube remains in place.", "chest_tube", "present"),
    ("No free air and a small amount of ascites is present.", "pneumoperitoneum", "absent"),
    ("No free air and a small amount of ascites is present.", "ascites", "present"),
    # "other than" ends a negation
    ("No acute abnormality other than a small hiatal hernia.", "hiatal_hernia", "present"),
    ("No acute process other than mild cardiomegaly.", "cardiomegaly", "present"),
    ("No acute findings other than a small left pleural effusion.", "pleural_effusion", "present"),
    # a device or an incidental finding after "with" is not the denied one
    ("No evidence of pneumothorax with a right chest tube in place.", "pneumothorax", "absent"),
    ("No evidence of pneumothorax with a right chest tube in place.", "chest_tube", "present"),
    ("No pneumothorax with the chest tube on water seal.", "pneumothorax", "absent"),
    ("No pneumothorax with the chest tube on water seal.", "chest_tube", "present"),
    (
        "No pulmonary embolism, with incidental note of a 5 mm right upper lobe nodule.",
        "pulmonary_embolism",
        "absent",
    ),
    ("No pulmonary embolism, with incidental note of a 5 mm right upper lobe nodule.", "nodule", "present"),
    ("No pneumothorax with the right chest tube in unchanged position.", "pneumothorax", "absent"),
    ("No pneumothorax with the right chest tube in unchanged position.", "chest_tube", "present"),
    (
        "No pericardial effusion with incidental note of a small hiatal hernia.",
        "pericardial_effusion",
        "absent",
    ),
    ("No pericardial effusion with incidental note of a small hiatal hernia.", "hiatal_hernia", "present"),
    ("No pneumothorax, with a left PICC in place.", "pneumothorax", "absent"),
    ("No pneumothorax, with a left PICC in place.", "picc", "present"),
    # a denied change keeps the finding
    ("No appreciable change in the size of the hepatic cyst.", "hepatic_cyst", "present"),
    ("There has been no change in the left apical pneumothorax.", "pneumothorax", "present"),
    ("No decrease in the left pleural effusion.", "pleural_effusion", "present"),
    ("No growth of the 6 mm right upper lobe nodule since 2019.", "nodule", "present"),
    ("No interval growth of the left adrenal nodule.", "adrenal_nodule", "present"),
    ("No interval enlargement of the right lower lobe nodule.", "nodule", "present"),
    ("No interval increase in the size of the thyroid nodule.", "thyroid_nodule", "present"),
    ("No appreciable change in the right pleural effusion.", "pleural_effusion", "present"),
    ("There has been no significant change in the pulmonary nodules.", "nodule", "present"),
    ("There has been no change in the size of the right renal cyst.", "renal_cyst", "present"),
    ("No reduction in the size of the left pleural effusion.", "pleural_effusion", "present"),
    # not seen on the prior study is new, not absent
    ("Tiny left apical pneumothorax, not seen on the prior examination.", "pneumothorax", "present"),
    ("New right pleural effusion, not present previously.", "pleural_effusion", "present"),
    ("Left lower lobe nodule, not seen on the prior CT.", "nodule", "present"),
    (
        "A 7 mm nodule in the right upper lobe, not identified on the prior study, is new.",
        "nodule",
        "present",
    ),
    (
        "New left lower lobe consolidation, not present on the radiograph from yesterday.",
        "consolidation",
        "present",
    ),
    ("Right lower lobe nodule, not present on the prior study.", "nodule", "present"),
    ("Right upper lobe consolidation, not visualized on the prior radiograph.", "consolidation", "present"),
    ("Small pneumothorax, not identified on the earlier film.", "pneumothorax", "present"),
    # a hedge said of the findings after it does not reach the one before
    ("Left lower lobe opacity, atelectasis versus pneumonia.", "lung_opacity", "present"),
    ("Left lower lobe opacity, atelectasis versus pneumonia.", "atelectasis", "uncertain"),
    ("Left lower lobe opacity, atelectasis versus pneumonia.", "pneumonia", "uncertain"),
    ("Right basilar opacity may represent atelectasis or pneumonia.", "lung_opacity", "present"),
    ("Right basilar opacity may represent atelectasis or pneumonia.", "atelectasis", "uncertain"),
    ("Right basilar opacity may represent atelectasis or pneumonia.", "pneumonia", "uncertain"),
    ("Cardiomegaly with possible mild interstitial edema.", "cardiomegaly", "present"),
    ("Cardiomegaly with possible mild interstitial edema.", "pulmonary_edema", "uncertain"),
    ("Right lower lobe opacity, pneumonia versus aspiration.", "lung_opacity", "present"),
    ("Right lower lobe opacity, pneumonia versus aspiration.", "pneumonia", "uncertain"),
    ("Bilateral pleural effusions with possible superimposed pneumonia.", "pleural_effusion", "present"),
    ("Bilateral pleural effusions with possible superimposed pneumonia.", "pneumonia", "uncertain"),
    ("Emphysema with possible superimposed infection.", "emphysema", "present"),
    ("Emphysema with possible superimposed infection.", "infection", "uncertain"),
    ("Hepatomegaly with possible hepatic steatosis.", "hepatomegaly", "present"),
    ("Hepatomegaly with possible hepatic steatosis.", "hepatic_steatosis", "uncertain"),
    # "cannot distinguish A from B" leaves both uncertain
    (
        "Cannot distinguish between atelectasis and consolidation at the left base.",
        "atelectasis",
        "uncertain",
    ),
    (
        "Cannot distinguish between atelectasis and consolidation at the left base.",
        "consolidation",
        "uncertain",
    ),
    ("Cannot distinguish between scarring and atelectasis.", "scarring", "uncertain"),
    ("Cannot distinguish between scarring and atelectasis.", "atelectasis", "uncertain"),
    ("Unable to distinguish pneumonia from atelectasis.", "pneumonia", "uncertain"),
    ("Unable to distinguish pneumonia from atelectasis.", "atelectasis", "uncertain"),
    # "indeterminate" says what a lesion is, not whether it is there
    ("Indeterminate 1.5 cm left adrenal nodule.", "adrenal_nodule", "present"),
    ("Indeterminate renal lesion.", "renal_mass", "present"),
    ("Indeterminate 8 mm pulmonary nodule in the right upper lobe.", "nodule", "present"),
    ("Indeterminate hypodense liver lesion.", "liver_lesion", "present"),
    ("Indeterminate 2 cm right adnexal cyst.", "ovarian_cyst", "present"),
    # a hedged cause is uncertain, what it causes is there
    ("Right lower lobe consolidation, possibly due to aspiration.", "consolidation", "present"),
    ("Right lower lobe consolidation, possibly due to aspiration.", "infection", "uncertain"),
    ("Left lower lobe collapse, possibly due to mucus plugging.", "atelectasis", "present"),
    ("Left lower lobe collapse, possibly due to mucus plugging.", "mucus_plugging", "uncertain"),
    # "has since resolved" is gone
    ("Right upper lobe pneumonia on the prior study, since resolved.", "pneumonia", "absent"),
    ("Right upper lobe pneumonia seen on the prior study has since resolved.", "pneumonia", "absent"),
    ("Left lower lobe pneumonia, since resolved.", "pneumonia", "absent"),
    ("Previously seen left pleural effusion has since resolved.", "pleural_effusion", "absent"),
    ("The pneumothorax has since resolved.", "pneumothorax", "absent"),
    # what a past disease left is there, the disease is not
    ("Scarring at the site of prior pneumonia.", "scarring", "present"),
    ("Scarring at the site of prior pneumonia.", "pneumonia", "not_present"),
    ("Pleural thickening from prior empyema.", "pleural_thickening", "present"),
    ("Pleural thickening from prior empyema.", "empyema", "not_present"),
    ("Scarring in the right lower lobe at the site of prior pneumonia.", "scarring", "present"),
    ("Scarring in the right lower lobe at the site of prior pneumonia.", "pneumonia", "not_present"),
    # "status post" does not reach past "with"
    (
        "Status post left upper lobectomy with postoperative pleural thickening.",
        "pleural_thickening",
        "present",
    ),
    (
        "Status post right pneumonectomy with a small residual pleural effusion.",
        "pleural_effusion",
        "present",
    ),
    ("Status post cholecystectomy with mild biliary ductal dilatation.", "biliary_dilatation", "present"),
    ("Status post right mastectomy with a new mass in the left breast.", "breast_mass", "present"),
    # "is resolving" and a partial resolution leave the finding
    ("The right lower lobe pneumonia is resolving.", "pneumonia", "present"),
    (
        "Near complete resolution of the right pneumothorax, with a tiny residual apical component.",
        "pneumothorax",
        "present",
    ),
    ("Incomplete resolution of the left lower lobe pneumonia.", "pneumonia", "present"),
    ("The pulmonary edema is resolving.", "pulmonary_edema", "present"),
    ("The effusion is resolving.", "pleural_effusion", "present"),
    ("The left lower lobe consolidation is slowly resolving.", "consolidation", "present"),
    ("Partial resolution of the right lower lobe consolidation.", "consolidation", "present"),
    ("Partial interval resolution of the right pleural effusion.", "pleural_effusion", "present"),
    # a resolution or removal does not reach a finding that persists
    ("Resolved right pneumothorax with persistent small right effusion.", "pneumothorax", "absent"),
    ("Resolved right pneumothorax with persistent small right effusion.", "pleural_effusion", "present"),
    ("Interval resolution of pulmonary edema with persistent cardiomegaly.", "pulmonary_edema", "absent"),
    ("Interval resolution of pulmonary edema with persistent cardiomegaly.", "cardiomegaly", "present"),
    (
        "Interval resolution of the right pleural effusion and improved left basilar atelectasis.",
        "pleural_effusion",
        "absent",
    ),
    (
        "Interval resolution of the right pleural effusion and improved left basilar atelectasis.",
        "atelectasis",
        "present",
    ),
    (
        "Interval removal of the right internal jugular central venous catheter, with the left PICC unchanged.",
        "central_venous_catheter",
        "absent",
    ),
    (
        "Interval removal of the right internal jugular central venous catheter, with the left PICC unchanged.",
        "picc",
        "present",
    ),
    (
        "Removal of the right internal jugular catheter and placement of a left PICC.",
        "central_venous_catheter",
        "absent",
    ),
    ("Removal of the right internal jugular catheter and placement of a left PICC.", "picc", "present"),
    (
        "Interval removal of the endotracheal tube, with the enteric tube remaining in place.",
        "endotracheal_tube",
        "absent",
    ),
    (
        "Interval removal of the endotracheal tube, with the enteric tube remaining in place.",
        "enteric_tube",
        "present",
    ),
    (
        "Interval resolution of the pneumothorax with persistent subcutaneous emphysema.",
        "pneumothorax",
        "absent",
    ),
    (
        "Interval resolution of the pneumothorax with persistent subcutaneous emphysema.",
        "subcutaneous_emphysema",
        "present",
    ),
    (
        "Resolution of the left pleural effusion with residual left basilar atelectasis.",
        "pleural_effusion",
        "absent",
    ),
    (
        "Resolution of the left pleural effusion with residual left basilar atelectasis.",
        "atelectasis",
        "present",
    ),
    ("Interval removal of the chest tube with a small residual pneumothorax.", "chest_tube", "absent"),
    ("Interval removal of the chest tube with a small residual pneumothorax.", "pneumothorax", "present"),
    (
        "Removal of the nasogastric tube with the endotracheal tube in unchanged position.",
        "enteric_tube",
        "absent",
    ),
    (
        "Removal of the nasogastric tube with the endotracheal tube in unchanged position.",
        "endotracheal_tube",
        "present",
    ),
]


# a question mark, a clinical setting or a hedged change: each hedges only what it is said of
HEDGES = [
    ("? pneumonia", "pneumonia", "uncertain"),
    ("?pneumonia.", "pneumonia", "uncertain"),
    ("Left basilar opacity, pneumonia?", "pneumonia", "uncertain"),
    ("Left basilar opacity, pneumonia?", "lung_opacity", "present"),
    ("Right lower lobe opacity ?infection ?aspiration.", "lung_opacity", "present"),
    ("Right lower lobe opacity ?infection ?aspiration.", "infection", "uncertain"),
    ("Left lower lobe atelectasis ? pneumonia", "atelectasis", "present"),
    ("Left lower lobe atelectasis ? pneumonia", "pneumonia", "uncertain"),
    ("Nodule in the right upper lobe measuring 5 mm (? granuloma).", "nodule", "present"),
    ("Nodule in the right upper lobe measuring 5 mm (? granuloma).", "granuloma", "uncertain"),
    ("Is there a pneumothorax?", "pneumothorax", "uncertain"),
    ("Effusion? No pneumothorax.", "pleural_effusion", "uncertain"),
    ("Effusion? No pneumothorax.", "pneumothorax", "absent"),
    # a reading held only in the right clinical setting is a hedge of the reading, not of what is seen; "right"
    # meaning correct is no side
    (
        "In the appropriate clinical setting this appearance is compatible with pneumonia.",
        "pneumonia",
        "uncertain",
    ),
    (
        "In the appropriate clinical setting, the right lower lobe opacity is consistent with pneumonia.",
        "lung_opacity",
        "present",
    ),
    (
        "In the appropriate clinical setting, the right lower lobe opacity is consistent with pneumonia.",
        "pneumonia",
        "uncertain",
    ),
    (
        "Right lower lobe consolidation consistent with pneumonia in the appropriate clinical setting.",
        "consolidation",
        "present",
    ),
    (
        "Right lower lobe consolidation consistent with pneumonia in the appropriate clinical setting.",
        "pneumonia",
        "uncertain",
    ),
    (
        "Right lower lobe opacity, in the right clinical setting consistent with pneumonia.",
        "lung_opacity",
        "present",
    ),
    ("Findings compatible with pneumonia, in the appropriate clinical setting.", "pneumonia", "uncertain"),
    (
        "In the appropriate clinical setting, there is consolidation but no effusion.",
        "consolidation",
        "present",
    ),
    (
        "In the appropriate clinical setting, there is consolidation but no effusion.",
        "pleural_effusion",
        "absent",
    ),
    # a denial does not run into what a joined clause says the finding is
    ("This does not look like an acute infiltrate and represents a granuloma.", "granuloma", "present"),
    ("This does not look like an acute infiltrate and represents a granuloma.", "infiltrate", "absent"),
    # a hedge said after the finding of its change hedges the change; said before, the finding
    ("The 6 mm right upper lobe nodule is likely stable.", "nodule", "present"),
    ("Left effusion, likely unchanged.", "pleural_effusion", "present"),
    ("Possible stable left lower lobe nodule.", "nodule", "uncertain"),
]


@pytest.mark.parametrize(("text", "code", "expected"), HEDGES)
def test_a_hedge_reaches_only_what_it_is_said_of(text: str, code: str, expected: str) -> None:
    got = {f.assertion.value for f in structure(text).findings if f.code == code}
    assert got == {expected}, (text, got)


@pytest.mark.parametrize(("text", "code", "expected"), CASES)
def test_scope(text: str, code: str, expected: str) -> None:
    sr = structure(text)
    mentions = [f for f in (*sr.findings, *sr.other_mentions) if f.code == code]
    assert mentions, f"no {code} in {text!r}"
    got = ["not_present" if f.context is not None else f.assertion.value for f in mentions]
    if expected == "not_present":
        assert any(g in ("not_present", "absent") for g in got), got
    else:
        assert expected in got, got


def test_a_degree_said_now_is_the_current_one() -> None:
    f = structure("The large left pneumothorax has decreased, now small.").by_code()["pneumothorax"]
    assert f.severity == "small" and f.change is not None and f.change.value == "improved"


def test_right_meaning_correct_is_no_side() -> None:
    f = structure("The findings are in the right clinical context consistent with pneumonia.").by_code()[
        "pneumonia"
    ]
    assert f.laterality is None and f.assertion.value == "uncertain"
    f = structure(
        "Right lower lobe opacity, in the right clinical setting consistent with pneumonia."
    ).by_code()["pneumonia"]
    assert f.laterality is not None and f.laterality.value == "right"


def test_a_hedged_change_keeps_the_change() -> None:
    f = structure("The 6 mm right upper lobe nodule is likely stable.").by_code()["nodule"]
    assert f.change is not None and f.change.value == "stable"
