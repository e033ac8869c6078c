"""Conditions dictation names that had no code until the 2026-12-01 reviews: a perforation, peritonitis and
mediastinitis, epiglottitis and croup, infarcts of the kidney, spleen and lung, diffuse axonal injury, the obstetric
results (fetal demise, placenta previa and accreta, retained products, molar pregnancy), an IUD, a syrinx, myelitis,
tracheomalacia, a parathyroid adenoma, nipple retraction, a tumor's recurrence and a Lisfranc injury. Each is read
with its assertion and side, the phrases that only look like them are not, and the urgent ones are critical results
in their tier."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    ]


READINGS = [
    ("Free perforation of the sigmoid colon.", [("bowel_perforation", "present", None)]),
    ("Findings concerning for bowel perforation.", [("bowel_perforation", "uncertain", None)]),
    ("No evidence of perforation.", [("bowel_perforation", "absent", None)]),
    ("Perforated viscus.", [("bowel_perforation", "present", None)]),
    ("Perforated duodenal ulcer with free air.",
     [("bowel_perforation", "present", None), ("pneumoperitoneum", "present", None)]),
    # a perforation too small to spill air is a contained one
    ("Diverticulitis with microperforation.",
     [("diverticulitis", "present", None), ("extraluminal_gas", "present", None)]),
    # the esophagus's perforation is its own
    ("Contrast extravasation from the distal esophagus consistent with perforation.",
     [("active_extravasation", "present", None), ("esophageal_perforation", "present", None)]),
    ("Boerhaave syndrome.", [("esophageal_perforation", "present", None)]),
    ("Diffuse peritoneal enhancement consistent with peritonitis.", [("peritonitis", "present", None)]),
    ("Acute mediastinitis.", [("mediastinitis", "present", None)]),
    # the swollen epiglottis is what is seen, epiglottitis the reading; the thumb of the thumb sign is no hand
    ("Thumb sign suggestive of epiglottitis.", [("airway_edema", "present", None), ("epiglottitis", "uncertain", None)]),
    ("Steeple sign consistent with croup.", [("airway_edema", "present", None), ("croup", "present", None)]),
    ("Infarct in the lower pole of the right kidney.", [("renal_infarct", "present", "right")]),
    ("Multiple wedge-shaped hypoenhancing areas in the spleen consistent with infarcts.",
     [("splenic_infarct", "present", None)]),
    ("Peripheral wedge-shaped opacity in the right lower lobe, possibly pulmonary infarct.",
     [("lung_opacity", "present", "right"), ("pulmonary_infarct", "uncertain", "right")]),
    ("Multiple microhemorrhages at the gray-white junction consistent with diffuse axonal injury.",
     [("cerebral_microhemorrhages", "present", None), ("diffuse_axonal_injury", "present", None)]),
    ("No fetal cardiac activity, consistent with fetal demise.", [("fetal_demise", "present", None)]),
    ("Findings suspicious for but not diagnostic of pregnancy failure.", [("fetal_demise", "uncertain", None)]),
    ("Complete placenta previa.", [("placenta_previa", "present", None)]),
    ("No evidence of placenta accreta.", [("placenta_accreta", "absent", None)]),
    ("Heterogeneous endometrial material with vascularity, consistent with retained products of conception.",
     [("retained_products_of_conception", "present", None)]),
    ("Findings suggestive of molar pregnancy.", [("molar_pregnancy", "uncertain", None)]),
    ("IUD in appropriate position within the endometrial cavity.", [("intrauterine_device", "present", None)]),
    ("Cervical cord syrinx from C4 to C7.", [("syrinx", "present", None)]),
    ("T2 hyperintense cord signal consistent with transverse myelitis.",
     [("cord_signal_abnormality", "present", None), ("myelitis", "present", None)]),
    ("Expiratory collapse of the trachea consistent with tracheomalacia.", [("tracheomalacia", "present", None)]),
    ("Parathyroid adenoma posterior to the left thyroid lobe.", [("parathyroid_adenoma", "present", "left")]),
    ("Left nipple retraction.", [("nipple_retraction", "present", "left")]),
    ("No skin thickening or nipple retraction.",
     [("breast_skin_thickening", "absent", None), ("nipple_retraction", "absent", None)]),
    ("Local recurrence at the surgical bed.", [("tumor_recurrence", "present", None)]),
    ("Small lytic lesion, possibly recurrence.",
     [("lytic_bone_lesion", "present", None), ("tumor_recurrence", "uncertain", None)]),
    ("Widened Lisfranc interval.", [("lisfranc_injury", "present", None)]),
    # an embryo without a heartbeat, however said (review rv15a), and a diagnosis "diagnostic of" after a denial
    ("No fetal cardiac activity is identified.", [("fetal_demise", "present", None)]),
    ("Embryonic cardiac activity is not seen.", [("fetal_demise", "present", None)]),
    ("Cardiac activity is absent.", [("fetal_demise", "present", None)]),
    ("No embryonic cardiac activity is identified on grayscale or M-mode imaging.", [("fetal_demise", "present", None)]),
    ("Crown-rump length 9 mm and no cardiac activity, diagnostic of failed pregnancy.",
     [("fetal_demise", "present", None)]),
    ("Fetal cardiac activity is present with a heart rate of 150 bpm.", []),
    ("Gallbladder distension without wall thickening, findings diagnostic of acute cholecystitis.",
     [("cholecystitis", "present", None), ("gallbladder_wall_thickening", "absent", None)]),
    ("Lateral neck: epiglottis and aryepiglottic folds are thickened.", [("airway_edema", "present", None)]),
    ("CT is insensitive for diffuse axonal injury; MRI could be obtained if clinically indicated.", []),
    ("Recurrent glioblastoma in the left temporal lobe.", [("tumor_recurrence", "present", "left")]),
    ("No evidence of IUD malposition.", [("iud_malposition", "absent", None)]),
    ("1.2 cm hypoechoic nodule posterior to the left thyroid lobe, likely parathyroid adenoma.",
     [("parathyroid_adenoma", "uncertain", "left")]),
    ("The right nipple is retracted.", [("nipple_retraction", "present", "right")]),
    ("Multiple placental lacunae raise concern for accreta.", [("placenta_accreta", "uncertain", None)]),
    ("Lisfranc ligament sprain.", [("lisfranc_injury", "present", None)]),
    ("Peritoneal dialysis catheter in the pelvis.", [("support_device", "present", None)]),
    # a bare perforation in a sentence about the esophagus is the esophagus's (review rv15a, rerun)
    ("Small focus of extraluminal gas adjacent to the mid esophagus, suspicious for perforation.",
     [("extraluminal_gas", "present", None), ("esophageal_perforation", "uncertain", None)]),
    ("Perforation at the gastroesophageal junction with mediastinal air.",
     [("esophageal_perforation", "present", None), ("pneumomediastinum", "present", None)]),
    ("Perforated Meckel diverticulum with free air.",
     [("bowel_perforation", "present", None), ("pneumoperitoneum", "present", None)]),
    # an organ's infarct said after the organ, the organ said with its side
    ("Hypoenhancing area in the right kidney consistent with infarction.", [("renal_infarct", "present", "right")]),
    ("Right kidney infarction.", [("renal_infarct", "present", "right")]),
    ("Thickening of the epiglottis and aryepiglottic folds, concerning for epiglottitis.",
     [("airway_edema", "present", None), ("epiglottitis", "uncertain", None)]),
    ("Enlarged right inferior parathyroid gland.", [("parathyroid_adenoma", "present", "right")]),
    ("Fracture of the base of the fifth metatarsal. No Lisfranc malalignment.",
     [("fracture", "present", None), ("lisfranc_injury", "absent", None)]),
    # the cord is not the spine's bones: a lesion in the cord is the cord's signal change
    ("There is a longitudinally extensive T2 hyperintense lesion in the thoracic spinal cord from T3 to T9.",
     [("cord_signal_abnormality", "present", None)]),
    # what "without" denies after "status post" is about this study, not the history
    ("Status post left mastectomy without evidence of local recurrence.", [("tumor_recurrence", "absent", "left")]),
    ("Status post cholecystectomy without evidence of biliary dilatation.", [("biliary_dilatation", "absent", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READINGS, ids=[t for t, _ in READINGS])
def test_read_with_assertion_and_side(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert sorted(set(_read(text))) == sorted(expected)


NOT_THEM = [
    # a perforation of the eardrum, the nasal septum or the uterus is no hole in the gut
    "Tympanic membrane perforation.",
    "Nasal septal perforation.",
    "Uterine perforation by the IUD is not seen.",
    # a recurrent finding that is not a tumor is that finding's recurrence
    "Recurrent right pneumothorax.",
    "There is a recurrence moderate-sized left pleural effusion.",
    # a sclerosing peritonitis or fibrosing mediastinitis is no acute infection
    "Encapsulating sclerosing peritonitis.",
    "Fibrosing mediastinitis.",
    "Granulomatous mediastinitis with calcified mediastinal lymph nodes.",
    # a wire or a device through a wall, and the hollow organs that are not the gut
    "Screw perforation of the medial femoral cortex.",
    "Ureteral perforation by the stent with urine leak.",
    "Pacemaker lead perforation through the right ventricular apex.",
    "No evidence of perforation through the serosa.",
    "Interval recurrence of the right subdural hematoma.",
    "Recurrence of the right middle cerebral artery aneurysm after coiling.",
    "Perforation of the common bile duct.",
    "Recurrence of hydrocephalus.",
    "At the site of the prior cesarean scar there are placental lacunae.",
    "No ectopic uptake in the mediastinum.",
    "Vasa previa.",
]


@pytest.mark.parametrize("text", NOT_THEM)
def test_phrases_that_only_look_like_them(text: str) -> None:
    new = {
        "bowel_perforation",
        "tumor_recurrence",
        "peritonitis",
        "mediastinitis",
        "esophageal_perforation",
        "scarring",
        "ectopic_pregnancy",
        "placenta_previa",
    }
    assert not new & {code for code, _, _ in _read(text)}


def _tiers(text: str) -> list[tuple[str, str]]:
    return sorted((c.code, c.tier) for c in critical_results(structure(f"FINDINGS: {text}")))


CRITICAL = [
    ("Free perforation of the sigmoid colon.", [("bowel_perforation", "red")]),
    ("Findings concerning for bowel perforation.", [("bowel_perforation", "red")]),
    # the perforation of an appendix or a diverticulum, or a contained one, is urgent, not immediate
    ("Diverticulitis with perforation.", [("bowel_perforation", "orange")]),
    ("No evidence of perforation.", []),
    ("Esophageal perforation.", [("esophageal_perforation", "red")]),
    ("Enlarged epiglottis consistent with epiglottitis.", [("airway_edema", "red"), ("epiglottitis", "red")]),
    # the swollen epiglottis calls before anyone names epiglottitis
    ("Markedly enlarged epiglottis (thumb sign).", [("airway_edema", "red")]),
    ("Subglottic narrowing (steeple sign).", []),
    ("Bowel perforation is less likely.", []),
    ("Free perforation of the sigmoid colon due to diverticulitis.", [("bowel_perforation", "red")]),
    ("IUD strings are seen in the cervical canal.", []),
    ("The esophageal perforation has sealed; no residual leak.", []),
    ("Findings suspicious for but not diagnostic of pregnancy failure.", []),
    (
        "Crown-rump length 9 mm without cardiac activity, diagnostic of pregnancy failure.",
        [("fetal_demise", "orange")],
    ),
    (
        "New irregular mass in the right breast, highly suggestive of malignancy. BI-RADS 5.",
        [("breast_mass", "yellow")],
    ),
    (
        "Heterogeneous mass in the endometrial cavity, consistent with retained products of conception.",
        [("retained_products_of_conception", "orange")],
    ),
    ("Diffuse peritoneal enhancement consistent with peritonitis.", [("peritonitis", "orange")]),
    ("Acute mediastinitis.", [("mediastinitis", "orange")]),
    ("Splenic infarct.", [("splenic_infarct", "orange")]),
    ("Stable splenic infarct.", []),
    ("Left renal infarct.", [("renal_infarct", "orange")]),
    ("Diffuse axonal injury.", [("diffuse_axonal_injury", "orange")]),
    ("No fetal cardiac activity, consistent with fetal demise.", [("fetal_demise", "orange")]),
    ("Retained products of conception.", [("retained_products_of_conception", "orange")]),
    ("Complete placenta previa.", [("placenta_previa", "yellow")]),
    ("Malpositioned IUD in the lower uterine segment.", [("intrauterine_device", "yellow")]),
    ("The IUD is embedded in the myometrium.", [("intrauterine_device", "yellow")]),
    ("IUD in appropriate position within the endometrial cavity.", []),
    ("Local recurrence at the surgical bed.", [("tumor_recurrence", "yellow")]),
    ("No evidence of local recurrence.", []),
    ("Cervical cord syrinx.", []),
]


@pytest.mark.parametrize(("text", "expected"), CRITICAL, ids=[t for t, _ in CRITICAL])
def test_critical_tiers(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(text) == sorted(expected)
