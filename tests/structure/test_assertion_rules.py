"""Table-driven tests: one row per assertion rule family the structuring engine promises (issue 2)."""

from __future__ import annotations

import pytest

from radpilot.structure import ancestors, default_lexicon, structure


def _assertion(text: str, code: str) -> str | None:
    sr = structure(text)
    found = sr.by_code().get(code)
    return found.assertion.value if found else None


UNCERTAIN = [
    # a hedge after a comma says what is there instead of the denied finding before it
    ("No pneumothorax, possible small left pleural effusion.", "pleural_effusion"),
    ("Left basilar opacity, not pneumonia, likely atelectasis.", "atelectasis"),
    ("Left basilar opacity, unlikely to be pneumonia, most likely atelectasis.", "atelectasis"),
    ("No focal consolidation, probable atelectasis at the bases.", "atelectasis"),
    ("Borderline enlarged right paratracheal lymph node.", "lymphadenopathy"),
    ("It is not evident whether there is an effusion.", "pleural_effusion"),
    ("Not sure whether there is consolidation.", "consolidation"),
    ("Unclear if there is a small left effusion.", "pleural_effusion"),
    ("I doubt that there is pneumonia.", "pneumonia"),
    ("Retrocardiac opacity, likely overlying fat pad.", "lung_opacity"),
    ("Doubt pneumonia.", "pneumonia"),
    ("Pneumonia is doubtful.", "pneumonia"),
    ("It is unclear whether there is a small right pleural effusion.", "pleural_effusion"),
    ("I doubt there is pneumonia.", "pneumonia"),
    # a hedge after a comma that says the finding may not be real still hedges it
    ("Tiny left apical pneumothorax, possibly artifactual.", "pneumothorax"),
    ("Small left pneumothorax, possibly skin fold.", "pneumothorax"),
    ("Right lower lobe nodule, likely nipple shadow.", "nodule"),
    ("Widened mediastinum, likely due to AP technique.", "mediastinal_widening"),
    ("Small left pleural effusion, likely.", "pleural_effusion"),
    ("It is not clear whether the heart is enlarged.", "cardiomegaly"),
    ("I doubt the heart is enlarged.", "cardiomegaly"),
    # the pleura's thickening, said beside its fluid
    ("Small right pleural effusion versus thickening.", "pleural_thickening"),
    ("Loculated pleural fluid or thickening.", "pleural_thickening"),
    ("Stable cardiomediastinal silhouette with borderline heart size.", "cardiomegaly"),
    # a range from normal to abnormal is borderline
    ("The aorta is normal to mildly enlarged.", "aortic_dilatation"),
    ("The liver is upper limits of normal to mildly enlarged.", "hepatomegaly"),
    # a negation does not reach into a hedged clause of its own after ", and"
    ("This does not look like an acute infiltrate, and more likely represents a granuloma.", "granuloma"),
    # a hedge on "stable" still hedges; a hedged clause after a comma is uncertain itself
    ("Possible stable lung opacity.", "lung_opacity"),
    ("Probably unchanged small nodule.", "nodule"),
    ("Left basilar opacity, likely atelectasis or pneumonia.", "atelectasis"),
    ("Left basilar opacity, likely atelectasis or pneumonia.", "pneumonia"),
    ("Atelectasis versus pneumonia.", "atelectasis"),
    ("Small effusion, likely.", "pleural_effusion"),
    ("Cannot exclude pneumonia.", "pneumonia"),
    ("Cannot rule out a small pneumothorax.", "pneumothorax"),
    ("Pneumonia is not excluded.", "pneumonia"),
    ("No new consolidation.", "consolidation"),
    ("Possible small left pleural effusion.", "pleural_effusion"),
    ("Probable right lower lobe atelectasis.", "atelectasis"),
    ("Likely atelectasis at the left base.", "atelectasis"),
    ("Questionable nodule in the right upper lobe.", "nodule"),
    ("Opacity suspicious for pneumonia.", "pneumonia"),
    ("Findings concerning for pulmonary edema.", "pulmonary_edema"),
    ("Worrisome for a mass.", "mass"),
    ("This may represent atelectasis.", "atelectasis"),
    ("The opacity might reflect scarring.", "scarring"),
    ("This could represent an early pneumonia.", "pneumonia"),
    ("Atelectasis versus pneumonia.", "atelectasis"),
    ("Atelectasis versus pneumonia.", "pneumonia"),
    ("Scarring or atelectasis in the left base.", "scarring"),
    ("Borderline cardiomegaly.", "cardiomegaly"),
    ("Question small right pleural effusion.", "pleural_effusion"),
    ("There is no new pneumothorax.", "pneumothorax"),
    ("Opacity in the right base which may be compatible with pneumonia.", "pneumonia"),
    ("Pneumonia is in the differential.", "pneumonia"),
    ("A superimposed pneumonia would be a consideration.", "pneumonia"),
    ("It is difficult to completely exclude a small pneumothorax.", "pneumothorax"),
    ("Patchy opacity, differential considerations include atelectasis and infiltrate.", "atelectasis"),
    ("Hilar adenopathy; differential diagnosis reactive lymphadenopathy, metastatic disease.", "metastasis"),
    ("Differential diagnoses include pneumonia and atelectasis.", "pneumonia"),
    ("Heart size is upper limits normal or mildly enlarged.", "cardiomegaly"),
    ("The cardiac silhouette is at upper limits of normal to borderline enlarged.", "cardiomegaly"),
]
ABSENT = [
    ("No nodule. No follow-up needed.", "nodule"),
    ("No biopsy clip is seen.", "surgical_clips"),
    # a low likelihood says it is probably not there
    ("Low probability of pulmonary embolism.", "pulmonary_embolism"),
    ("Low likelihood of pneumonia.", "pneumonia"),
    ("Low suspicion for pneumothorax.", "pneumothorax"),
    ("The opacity is unlikely to represent pneumonia.", "pneumonia"),
    ("Pneumonia is not likely.", "pneumonia"),
    ("No pneumothorax, possible small left pleural effusion.", "pneumothorax"),
    ("Left basilar opacity, not pneumonia, likely atelectasis.", "pneumonia"),
    ("It is not evident the heart is enlarged.", "cardiomegaly"),
    ("It is not evident that there is pneumonia.", "pneumonia"),
    ("No evidence is seen of pneumothorax.", "pneumothorax"),
    ("It does not appear the heart is enlarged.", "cardiomegaly"),
    ("No suggestion the heart is enlarged.", "cardiomegaly"),
    ("No evidence the heart is enlarged.", "cardiomegaly"),
    ("No radiographic evidence the lungs are hyperinflated.", "hyperinflation"),
    ("No evidence that the lungs are hyperinflated.", "hyperinflation"),
    # a device taken out is gone
    ("Status post pacemaker removal.", "cardiac_pacemaker"),
    ("S/p ETT removal.", "endotracheal_tube"),
    ("No consolidation, effusion, and most importantly pneumothorax.", "pneumothorax"),
    ("Heart size, mediastinal contours, and pulmonary vasculature are within normal limits.", "cardiomegaly"),
    ("The heart and aorta are normal.", "tortuous_aorta"),
    # a list closed by a plural verb shares its predicate however long it is
    (
        "Liver, gallbladder, spleen, pancreas, adrenal glands and kidneys are within normal limits.",
        "hepatomegaly",
    ),
    (
        "Liver, gallbladder, spleen, pancreas, adrenal glands and kidneys are within normal limits.",
        "splenomegaly",
    ),
    ("The heart appears mildly enlarged, the hila and mediastinum are unremarkable.", "hilar_enlargement"),
    ("The heart, pulmonary vasculature and mediastinum are within normal limits.", "cardiomegaly"),
    ("The cardiac silhouette and upper mediastinum are within normal limits.", "cardiomegaly"),
    ("No pneumothorax.", "pneumothorax"),
    # a short predicate at the end of a longer one ("is normal") is still found
    ("The aorta is normal.", "tortuous_aorta"),
    ("The aorta is not dilated.", "aortic_dilatation"),
    # a finding hidden at the end of a statement's phrase is still read
    ("No cardiomegaly.", "cardiomegaly"),
    ("No cardiomegaly, and may have mild interstitial edema.", "cardiomegaly"),
    # a plural verb makes "within normal limits" the whole list's
    ("Interstitial markings and pulmonary vascularity are within normal limits.", "interstitial_markings"),
    # "and more than" is not a hedged clause
    ("No pneumothorax, effusion, and more than minimal atelectasis.", "atelectasis"),
    ("No pleural effusion or thickening.", "pleural_thickening"),
    ("No focal consolidation, pleural effusion, or pneumothorax.", "pleural_effusion"),
    ("No focal consolidation, pleural effusion, or pneumothorax.", "pneumothorax"),
    ("Lungs are clear without consolidation.", "consolidation"),
    ("Negative for pneumothorax.", "pneumothorax"),
    ("The lungs are free of edema.", "pulmonary_edema"),
    ("Costophrenic angles clear of effusion.", "pleural_effusion"),
    ("A pneumothorax is not seen.", "pneumothorax"),
    ("Pleural effusion is not identified.", "pleural_effusion"),
    ("The left pleural effusion has resolved.", "pleural_effusion"),
    ("The previously seen pneumonia has cleared.", "pneumonia"),
    ("Heart size is normal.", "cardiomegaly"),
    ("The cardiac silhouette is within normal limits.", "cardiomegaly"),
    ("Heart size is at the upper limits of normal.", "cardiomegaly"),
    ("The heart is not enlarged.", "cardiomegaly"),
    ("Normal heart size.", "cardiomegaly"),
    ("There are no XXXX of a pleural effusion.", "pleural_effusion"),
    ("No evidence of pneumothorax.", "pneumothorax"),
    ("There has been clearing of left base airspace opacities.", "airspace_disease"),
    ("Lungs are expanded and clear airspace disease.", "airspace_disease"),
    ("Heart size is accentuated by low lung volumes.", "cardiomegaly"),
    ("The lungs are well expanded.", "low_lung_volumes"),
]
PRESENT = [
    # what is not needed is the care, not the finding
    ("No follow-up needed for the 4 mm nodule.", "nodule"),
    ("No follow-up imaging is needed for the pulmonary nodule.", "nodule"),
    ("The 4 mm nodule does not require follow-up.", "nodule"),
    ("No further imaging is needed for the hepatic cyst.", "hepatic_cyst"),
    ("No intervention required for the small hernia.", "hiatal_hernia"),
    # what is said not likely to be something is there itself
    ("The opacity is unlikely to represent pneumonia.", "lung_opacity"),
    ("Left basilar opacity, unlikely to be pneumonia, most likely atelectasis.", "lung_opacity"),
    # an "or" inside a denied list is the list's, not a hedge of the finding before the denial
    ("Small effusion without pneumothorax or consolidation.", "pleural_effusion"),
    (
        "Low lung volumes without focal consolidation, pneumothorax or large pleural effusion.",
        "low_lung_volumes",
    ),
    ("Cholelithiasis without gallbladder wall thickening or pericholecystic fluid.", "gallstones"),
    # a cue's object ends where a clause of the writer's own begins ("and I think there is ...")
    ("No pneumothorax, and I think there is a small left effusion.", "pleural_effusion"),
    ("No focal consolidation, and signs are seen of hyperinflation.", "hyperinflation"),
    ("No acute fracture, other than that there is an old healed rib fracture.", "fracture"),
    ("There is no doubt that there is pneumonia.", "pneumonia"),
    # what is denied of a known finding is its change
    ("No evidence that the nodule has grown.", "nodule"),
    ("It is not evident that the effusion has increased.", "pleural_effusion"),
    # a hedge after a comma that describes the finding keeps it, whatever words follow
    ("Pulmonary edema, likely cardiogenic with prominent vessels.", "pulmonary_edema"),
    ("Hepatic lesion, likely fat-containing hemangioma.", "liver_lesion"),
    ("Distal radius fracture, likely acute given overlying soft tissue swelling.", "fracture"),
    ("Moderate right pleural effusion, likely layering on this supine AP radiograph.", "pleural_effusion"),
    # "whether" and "doubt" about a finding's change do not question the finding
    ("Recommend follow-up CT to determine whether the nodule has grown.", "nodule"),
    ("There is doubt about the stability of the right lower lobe nodule.", "nodule"),
    # an explanation far from its explaining word is not the density's
    (
        "Density in the left lower lobe represents progression of known disease in this patient with breast "
        "carcinoma.",
        "density",
    ),
    # a density explained by something else first, or said not to be explained, stays a lung density
    (
        "Patchy density at the left base consistent with pneumonia and old healed left rib fractures.",
        "density",
    ),
    (
        "Streaky density in the left base consistent with atelectasis, likely from splinting due to acute left rib "
        "fractures.",
        "density",
    ),
    (
        "Density in the right base is not due to overlying soft tissue and likely represents pneumonia.",
        "density",
    ),
    # a hedge after a comma followed by words of its own hedges those words, not the finding before
    ("Scattered thin-walled lung cysts in both lungs, likely lymphangioleiomyomatosis.", "cyst"),
    ("Small cystic lesion in the right clavicle, likely benign.", "bone_lesion"),
    # a new statement run on without its stop is not denied
    ("There is no pneumothorax the lungs are hyperinflated.", "hyperinflation"),
    (
        "Patchy density in the right lower lobe consistent with pneumonia, with old healed rib fractures.",
        "density",
    ),
    ("The aorta is unfolded and the hila are within normal limits.", "tortuous_aorta"),
    ("Aortic arch is calcified and tortuous.", "tortuous_aorta"),
    ("Small left effusion with normal to mildly enlarged heart.", "pleural_effusion"),
    ("Severe kyphosis limits positioning.", "kyphosis"),
    ("Right apical fibronodular pleural scarring/thickening.", "pleural_thickening"),
    ("Biapical fibronodular thickening/scarring.", "pleural_thickening"),
    ("There are broken left 4th and 5th ribs.", "fracture"),
    ("The 4th rib is broken.", "fracture"),
    # a predicate said of the subject before it is not said of the one after it
    ("Heart size is normal and the aorta is again noted to be dilated.", "aortic_dilatation"),
    ("Heart size is normal and lung volumes are again low.", "low_lung_volumes"),
    ("Enlarged, homogeneous spleen measuring 15 cm.", "splenomegaly"),
    # a device put in before is still there
    ("The patient is status post valve replacement.", "prosthetic_heart_valve"),
    # a rib, a denied rib or a rib after a comma does not make a lung density something else
    ("Patchy density in the left lower lobe, no rib fracture.", "density"),
    ("Patchy density in the right lower lobe with no displaced rib fracture.", "density"),
    # a cue that is another statement's own predicate does not reach back past it
    ("Stable mild tortuosity of the thoracic aorta, and heart size within normal limits.", "tortuous_aorta"),
    # the finding before a comma is not hedged by the interpretation after it
    ("Left basilar opacity, likely atelectasis or pneumonia.", "lung_opacity"),
    ("Stable opacity in the left base, possibly scarring.", "lung_opacity"),
    ("Cardiomegaly, possibly with mild edema.", "cardiomegaly"),
    ("Small left pleural effusion.", "pleural_effusion"),
    ("The heart is mildly enlarged.", "cardiomegaly"),
    ("Cardiomegaly.", "cardiomegaly"),
    ("Stable cardiomegaly.", "cardiomegaly"),
    ("Unchanged right lower lobe atelectasis.", "atelectasis"),
    ("Persistent left basilar opacity.", "lung_opacity"),
    ("Mildly tortuous aorta.", "tortuous_aorta"),
    ("The lungs are hyperinflated.", "hyperinflation"),
    ("Degenerative changes of the thoracic spine.", "degenerative_spine"),
    ("Opacity consistent with pneumonia.", "pneumonia"),
    ("No pneumothorax, but there is a small right pleural effusion.", "pleural_effusion"),
    ("No change in the moderate cardiomegaly.", "cardiomegaly"),
    ("Small hiatal hernia is not as well demonstrated on this exam.", "hiatal_hernia"),
    ("No change hiatus hernia.", "hiatal_hernia"),
    ("Almost completely resolved right apical pneumothorax.", "pneumothorax"),
    ("Heart size is accentuated by low lung volumes.", "low_lung_volumes"),
    ("The aorta is calcified and tortuous.", "aortic_atherosclerosis"),
    ("The aorta is calcified and tortuous.", "tortuous_aorta"),
    ("There are calcifications of the aortic XXXX.", "aortic_atherosclerosis"),
    ("The aortic XXXX is mildly tortuous.", "tortuous_aorta"),
    ("Mild degeneration of the thoracic spine.", "degenerative_spine"),
    ("The lungs are hypoventilated.", "low_lung_volumes"),
    ("Mild spine curvature noted.", "scoliosis"),
    ("Stable bilateral apical pleural capping.", "pleural_thickening"),
    # "without (significant) (interval) change" means stable, not absent
    ("Again seen without significant interval change is mild atelectasis at the left base.", "atelectasis"),
    ("Re-demonstrated without significant change: small right pleural effusion.", "pleural_effusion"),
    ("Right lower lobe opacity without appreciable change.", "lung_opacity"),
    # hyperinflation / low volumes: of the lung volumes, or the lungs stated hyperinflated / hypoinflated
    ("Lung volumes are increased.", "hyperinflation"),
    ("The lungs remain mildly hyperexpanded.", "hyperinflation"),
    ("The lungs are low with crowding of the bronchovascular markings.", "low_lung_volumes"),
    ("Inspiration is shallow.", "low_lung_volumes"),
    # a line named by its tip at the caval-atrial junction
    ("Right chest XXXX with the tip projecting over the caval atrial junction.", "catheter_tip"),
    ("Catheter tip at the cavo-atrial junction.", "catheter_tip"),
    # a calcified nodule and fibronodular change are nodules
    ("Scattered calcified pulmonary nodules in both upper lobes.", "calcified_nodule"),
    ("Biapical fibronodular thickening.", "fibronodular_change"),
]
NOT_PRESENT_CONTEXT = [
    ("History of pneumonia.", "pneumonia"),
    ("Evaluate for pneumothorax.", "pneumothorax"),
    ("To rule out pneumonia.", "pneumonia"),
    ("INDICATION: Shortness of breath, pleural effusion?\nFINDINGS: Lungs are clear.", "pleural_effusion"),
    ("EXAM: Chest x-ray for pneumothorax\nFINDINGS: The lungs are clear.", "pneumothorax"),
    ("Please note that fractures may not be demonstrated.", "fracture"),
    ("If clinically indicated, CT can be performed to identify a small nodule.", "nodule"),
    ("Does this patient have risk factors for malignancy?", "mass"),
    # a study requested for the evaluation of X does not report X
    ("Limited views were obtained for evaluation of rib fractures.", "fracture"),
    ("Chest CT is advised for further evaluation of a possible mass.", "mass"),
    ("Recommend further evaluation of this nodule with CT.", "nodule"),
    ("If there is continued concern for occult fracture, consider dedicated rib series.", "fracture"),
    ("If there are symptoms of pneumonia, a follow-up radiograph may help.", "pneumonia"),
    # a follow-up to exclude X does not report X
    (
        "Recommend followup chest x-ray in 4-6 weeks to ensure resolution and exclude an underlying mass.",
        "mass",
    ),
    ("Repeat radiograph after treatment to document resolution and exclude an underlying mass.", "mass"),
]


@pytest.mark.parametrize(("text", "code"), UNCERTAIN)
def test_uncertain(text: str, code: str) -> None:
    assert _assertion(text, code) == "uncertain"


@pytest.mark.parametrize(("text", "code"), ABSENT)
def test_absent(text: str, code: str) -> None:
    assert _assertion(text, code) == "absent"


@pytest.mark.parametrize(("text", "code"), PRESENT)
def test_present(text: str, code: str) -> None:
    assert _assertion(text, code) == "present"


@pytest.mark.parametrize(("text", "code"), NOT_PRESENT_CONTEXT)
def test_history_indication_hypothetical_never_present(text: str, code: str) -> None:
    sr = structure(text)
    assert code not in sr.by_code()
    assert any(f.code == code and f.context is not None for f in sr.other_mentions)


# Phrases that name an observation of their own, not the broader one they are often confused with
# (IU indexes these apart: "Calcinosis/lung/hilum/lymph nodes", "Volume Loss", "Cicatrix/pleura", ...).
OWN_OBSERVATION = [
    ("The ascending thoracic aorta is aneurysmal.", "aortic_aneurysm", "aneurysm"),
    # beyond the chest: a word a chest film reads one way names another organ's finding
    ("Occlusive thrombus in the main portal vein.", "portal_vein_thrombosis", "deep_vein_thrombosis"),
    (
        "Chronic occlusive thrombus in the left lower lobe pulmonary artery.",
        "pulmonary_embolism",
        "deep_vein_thrombosis",
    ),
    ("Pneumobilia, likely related to prior sphincterotomy.", "pneumobilia", "biliary_dilatation"),
    ("Bilateral L5 spondylolysis without listhesis.", "spondylolysis", "degenerative_spine"),
    ("Old healed fracture deformity of the right clavicle.", "fracture", "bone_deformity"),
    ("Grade 3 AC joint separation on the right.", "dislocation", "arthritis"),
    (
        "Elevated anterior and posterior fat pads without visible fracture.",
        "joint_effusion",
        "pleural_effusion",
    ),
    ("Enchondroma in the proximal phalanx of the right ring finger.", "bone_lesion", "mass"),
    (
        "The common bile duct is dilated with a 7 mm stone in the distal duct.",
        "choledocholithiasis",
        "gallstones",
    ),
    ("Wall thickening of the ascending colon and cecum.", "bowel_wall_thickening", "pleural_thickening"),
    (
        "Interlobular septal thickening and small bilateral effusions.",
        "interstitial_markings",
        "pleural_thickening",
    ),
    ("Hemorrhagic cyst in the left ovary measuring 2.9 cm.", "ovarian_cyst", "cyst"),
    ("Colloid cyst in the right thyroid lobe measuring 4 mm.", "thyroid_nodule", "cyst"),
    ("Hypoechoic solid nodule in the right lobe of the thyroid.", "thyroid_nodule", "solid_nodule"),
    (
        "Moderate osteoarthritis of the right knee with joint space narrowing and marginal osteophytes.",
        "arthritis",
        "degenerative_spine",
    ),
    # the wear of a limb joint's parts is that joint's, not the spine's
    ("Osteophytes along the acetabulum.", "arthritis", "degenerative_spine"),
    ("Marginal osteophytes of the left elbow.", "arthritis", "degenerative_spine"),
    ("Spurring of the ankle.", "arthritis", "degenerative_spine"),
    ("Right hilar calcifications.", "calcified_lymph_node", "granuloma"),
    ("Stable left-sided volume loss.", "volume_loss", "atelectasis"),
    ("Bibasilar pleural scarring.", "scarring", "pleural_thickening"),
    ("Hyperlucent lungs.", "hyperlucency", "hyperinflation"),
    ("Flattening of the hemidiaphragms.", "diaphragm_flattening", "hyperinflation"),
    ("DISH of the thoracic spine.", "dish", "degenerative_spine"),
    ("Arthritic changes of the spine.", "arthritis", "degenerative_spine"),
    ("Peribronchial cuffing.", "bronchial_wall_thickening", "pulmonary_edema"),
    ("Findings of congestive heart failure.", "heart_failure", "pulmonary_edema"),
    ("Patchy basilar atelectasis.", "atelectasis", "lung_opacity"),
    ("Lung volumes are low normal.", None, "low_lung_volumes"),
    ("Vascular calcification is noted.", "vascular_calcification", "aortic_atherosclerosis"),
    # a density along the pleura is read as the pleura's (plaques, thickening), as before
    ("Pleural-based density along the left chest wall.", "pleural_thickening", "density"),
    ("A cystic lesion in the right upper lobe appears similar to prior examination.", "cyst", "mass"),
    ("Right apical cavitary lesion consistent with prior tuberculosis.", "cavitary_lesion", "mass"),
    ("Simple cyst in the left kidney.", "renal_cyst", "cyst"),
    ("Minimally complex cyst in the right kidney, Bosniak II.", "renal_cyst", "renal_mass"),
    ("Aneurysmal bone cyst of the right tibia.", "bone_lesion", "aneurysm"),
    # a complex cystic lesion is a mass to work up, not a simple cyst
    (
        "Complex cystic lesion in the lower pole of the right kidney with septations.",
        "renal_mass",
        "renal_cyst",
    ),
    ("Complex cystic lesion in the liver with internal septations.", "liver_lesion", "hepatic_cyst"),
    ("2 cm cyst in the liver.", "hepatic_cyst", "cyst"),
    ("Aortic vascular calcifications.", "aortic_atherosclerosis", "vascular_calcification"),
    (
        "There are vascular calcifications over the aortic arch.",
        "aortic_atherosclerosis",
        "vascular_calcification",
    ),
    ("The thoracic aorta is prominent.", "aortic_dilatation", "tortuous_aorta"),
]


@pytest.mark.parametrize(("text", "code", "not_code"), OWN_OBSERVATION)
def test_phrase_names_its_own_observation(text: str, code: str | None, not_code: str) -> None:
    codes = structure(text).by_code()
    assert not_code not in codes
    if code is not None:
        assert codes[code].assertion.value == "present"


def test_stable_finding_keeps_change() -> None:
    f = structure("Stable calcified granuloma in the right upper lobe.").findings[0]
    assert (f.code, f.assertion.value, f.change) == ("granuloma", "present", "stable")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("present and uncertain", "present"),
        ("absent and uncertain", "uncertain"),
        ("absent only", "absent"),
    ],
)
def test_report_level_aggregation(text: str, expected: str) -> None:
    reports = {
        "present and uncertain": "Possible pleural effusion. Small left pleural effusion.",
        "absent and uncertain": "No pleural effusion on the right. Possible small left pleural effusion.",
        "absent only": "No pleural effusion.",
    }
    assert _assertion(reports[text], "pleural_effusion") == expected


def test_pericardial_effusion_is_not_a_pleural_effusion() -> None:
    assert "pleural_effusion" not in structure("Small pericardial effusion.").by_code()


def test_calcified_nodule_is_a_nodule_not_a_stated_granuloma() -> None:
    # a calcified nodule is a nodule (with its calcification); granuloma only where the report says so
    lex = default_lexicon()
    codes = structure("Calcified nodule in the left upper lobe.").by_code()
    assert set(codes) == {"calcified_nodule"}
    assert "nodule" in ancestors(lex, "calcified_nodule")
    assert "granuloma" not in ancestors(lex, "calcified_nodule")
    both = structure("Two calcified nodules, sequela of old granulomatous disease.").by_code()
    assert {"calcified_nodule", "granuloma"} <= set(both)


def test_fibronodular_change_is_scarring_and_nodularity() -> None:
    lex = default_lexicon()
    f = structure("Minimal fibronodular scarring at the right apex.").findings[0]
    assert (f.code, f.assertion.value) == ("fibronodular_change", "present")
    assert {"scarring", "nodule"} <= ancestors(lex, f.code)


def test_normal_means_nothing_present_or_uncertain() -> None:
    assert structure("Heart size normal. No pneumothorax or pleural effusion. Lungs are clear.").normal
    assert not structure("Heart size normal. Possible left lower lobe pneumonia.").normal


# Statements that are about something else than they first look: none of these is the observation named.
NOT_THIS_OBSERVATION = [
    # edema, vascularity or collapse of something other than the lung
    ("Enlarged edematous right ovary with absent arterial flow.", "pulmonary_edema"),
    ("The gallbladder wall is thickened and edematous.", "pulmonary_edema"),
    ("Heterogeneous thyroid echotexture with increased vascularity.", "vascular_congestion"),
    ("Chronic avascular necrosis of the left femoral head without collapse.", "atelectasis"),
    # the "double density" of a large left atrium is the heart's, a density the sentence says is the mediastinum's
    # normal structures is theirs
    ("A double density is seen behind the heart, suggesting left atrial enlargement.", "lung_opacity"),
    (
        "Density surrounding the superior mediastinum reflects vascular and osseous structures.",
        "lung_opacity",
    ),
    # "tortuous" names the aorta only when nothing else is named
    ("Right paratracheal prominence likely represents tortuous vessels.", "tortuous_aorta"),
    ("Tortuous brachiocephalic vessels.", "tortuous_aorta"),
    # a density the sentence explains by something outside the lung, however far
    ("Vague density within the lower lung zone is secondary to soft tissue overlap.", "lung_opacity"),
    (
        "Fluid containing density seen adjacent to the heart is stable, most consistent with a hiatal hernia.",
        "lung_opacity",
    ),
    # broken hardware beside a bone is the hardware's
    ("Broken screw in the left humerus.", "fracture"),
    ("Broken lead projecting over the ribs.", "fracture"),
    ("Screw fracture in the proximal humerus.", "fracture"),
    ("No fractured sternal wires.", "fracture"),
    # a density explained after a comma is that explanation
    ("Retrocardiac density, likely hiatal hernia.", "lung_opacity"),
    # a statement's own subject takes its predicate
    ("The aorta is tortuous and heart size is normal.", "aortic_dilatation"),
    ("Degenerative arthritis of the thoracic spine.", "arthritis"),
    ("The right lung demonstrates a large pleural effusion.", "hyperinflation"),
    ("Stable mild cardiomegaly and increased lung vascularity.", "hyperinflation"),
    ("The lungs are mildly hypoinflated with increased peripheral markings.", "hyperinflation"),
    # a cystic or cavitary lesion is not a solid mass; a subchondral cyst is part of a worn joint
    ("A cystic lesion in the right upper lobe appears similar to prior examination.", "mass"),
    ("Right apical cavitary lesion consistent with prior tuberculosis.", "mass"),
    ("Severe subchondral sclerosis and cystic formation in the femoral head.", "cyst"),
    ("Hyperexpansion of the lungs and decreased peripheral vascular markings.", "low_lung_volumes"),
    ("Mildly limited study with lungs grossly clear.", "low_lung_volumes"),
    # a device that is broken is not a broken bone
    ("Left central venous catheter fracture near the first rib.", "fracture"),
    ("The tip of the left subclavian catheter has fractured and migrated.", "fracture"),
    ("One of the fixation screws in the humerus is fractured.", "fracture"),
    ("Fractured right ventricular pacemaker lead.", "fracture"),
    ("The lateral most screw of the clavicular fixation plate is fractured.", "fracture"),
    (
        "Once again noted is the surgical fixation plate, with fracture of the lateral most fixation screw.",
        "fracture",
    ),
    # a density the sentence places outside the lung is not a lung opacity
    (
        "There is retrocardiac density which likely corresponds to patient's known hiatal hernia.",
        "lung_opacity",
    ),
    (
        "Curvilinear density projecting over the upper chest appears external on the lateral projection.",
        "lung_opacity",
    ),
    ("Nodular densities projecting over right anterior fifth and six ribs.", "lung_opacity"),
    # calcified vessels the report does not name are not the aorta's; a dilated aorta is not a tortuous one
    ("Vascular calcification is noted.", "aortic_atherosclerosis"),
    ("Dilated aorta secondary to aortic dissection.", "tortuous_aorta"),
    ("Mildly prominent ascending aorta.", "tortuous_aorta"),
    ("Heart size is within normal limits and the aorta is tortuous.", "aortic_dilatation"),
    ("Heart size normal, aorta tortuous.", "aortic_dilatation"),
    ("Fractured sternal wire.", "fracture"),
    ("Broken sternotomy wire.", "fracture"),
    ("Pleural effusion and bronchial wall thickening.", "pleural_thickening"),
    # a kyphotic view is how the film was taken
    ("Frontal view kyphotic and rotated, low lung volumes.", "kyphosis"),
    ("Kyphotic positioning limits evaluation.", "kyphosis"),
    ("Fracture of the sternal wires, unchanged.", "fracture"),
]


# a bone's fracture stays one whatever hardware is near it
BONE_FRACTURE_NEAR_HARDWARE = [
    "Old left rib fractures, with pacemaker leads in standard position.",
    "Healed right rib fractures and a left chest wall pacemaker with leads in the right ventricle.",
    "Screw fixation of a right humerus fracture.",
    "Fracture of the left humerus with screw fixation.",
    "Healed fracture of the right 5th rib, pacemaker leads intact.",
    "Nondisplaced fracture of the lateral malleolus with syndesmotic screw in place.",
    "Right femoral neck fracture with intact hip screws.",
    "Nondisplaced radial head fracture; olecranon fixation screws intact.",
]


@pytest.mark.parametrize("text", BONE_FRACTURE_NEAR_HARDWARE)
def test_bone_fracture_near_hardware(text: str) -> None:
    assert _assertion(text, "fracture") == "present"


@pytest.mark.parametrize(("text", "code"), NOT_THIS_OBSERVATION)
def test_not_this_observation(text: str, code: str) -> None:
    assert code not in structure(text).by_code()


def test_a_finding_said_once_is_found_once() -> None:
    for text, code in (
        ("The aorta is not tortuous.", "tortuous_aorta"),
        ("The heart shows no cardiomegaly.", "cardiomegaly"),
    ):
        assert [f.code for f in structure(text).findings].count(code) == 1


def test_a_repeated_sentence_is_placed_with_every_field_kept() -> None:
    import dataclasses

    from radpilot.report.model import Finding

    # the cache re-places a repeated sentence's findings field by field: a new Finding field must be added there
    assert [f.name for f in dataclasses.fields(Finding)] == [
        "code", "name", "assertion", "section", "sentence", "span", "text", "laterality", "location", "size_mm",
        "sizes_mm", "severity", "change", "context", "rule",
    ]  # fmt: skip
    text = "FINDINGS: Stable 8 mm right upper lobe nodule. IMPRESSION: Stable 8 mm right upper lobe nodule."
    first, second = structure(text).findings
    assert (first.section, second.section) == ("findings", "impression")
    a, b = first.to_dict(), second.to_dict()
    for key in ("section", "sentence", "span"):
        a.pop(key), b.pop(key)
    assert a == b and a["size_mm"] == 8.0 and a["laterality"] == "right"


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a head word said once for a list of modifiers is each one's
        ("No pleural or pericardial effusion.", "pleural_effusion", "absent"),
        ("No pleural or pericardial effusion.", "pericardial_effusion", "absent"),
        ("Mediastinal and hilar lymphadenopathy.", "lymphadenopathy", "present"),
        ("Interval removal of the endotracheal and enteric tubes.", "endotracheal_tube", "absent"),
        # (ground-glass opacity has its own code, a kind of lung opacity)
        ("Ground-glass and consolidative opacities.", "ground_glass_opacity", "present"),
        ("Ground-glass and consolidative opacities.", "consolidation", "present"),
    ],
)
def test_a_head_word_shared_by_a_list(text: str, code: str, assertion: str) -> None:
    assert _assertion(text, code) == assertion
