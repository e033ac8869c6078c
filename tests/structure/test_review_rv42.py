"""Review rv42 (held-out chest radiographs in a US academic house style, what chest films and CT see outside the
lungs, adult brain imaging, and reports from UK, Irish and Australasian practice, written before any output was
seen), and the sides said by "ipsilateral"/"contralateral" and by a one-sided study of a part of the body wall:
what they found."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.report.measure import find_measurements
from radpilot.report.sections import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lungs' markings said normal are no increased markings
        (
            "CHEST PA AND LATERAL\nInterstitial markings are not increased.",
            {"interstitial_markings": "absent"},
        ),
        ("Interstitial markings are normal. Lungs clear.", {"interstitial_markings": "absent"}),
        ("The lung markings are not increased.", {"interstitial_markings": "absent"}),
        ("Interstitial markings are increased.", {"interstitial_markings": "present"}),
        ("Coarse interstitial markings, unchanged.", {"interstitial_markings": "present"}),
        # a sign on the film hedged as what it is a sign of leaves that uncertain
        (
            "Findings: Retrocardiac air-fluid level, likely a small hiatal hernia.\nImpression: Probable small hiatal "
            "hernia.",
            {"hiatal_hernia": "uncertain"},
        ),
        (
            "Bilateral perihilar haziness and indistinct pulmonary vasculature, likely pulmonary edema.",
            {"pulmonary_edema": "uncertain", "vascular_congestion": "present"},
        ),
        ("Perihilar haziness.", {"pulmonary_edema": "present"}),
        ("Retrocardiac air-fluid level consistent with hiatal hernia.", {"hiatal_hernia": "present"}),
        # a metastasis named with the bones' lesions or fractures alone is the bones'
        (
            "CT THORAX\nImpression: Lytic lesions of the right 8th and left 3rd ribs with T10 pathological fracture; "
            "differential is myeloma versus metastases.",
            {"lytic_bone_lesion": "present", "fracture": "present", "osseous_metastasis": "uncertain"},
        ),
        (
            "IMPRESSION: New T8 compression fracture, likely osteoporotic; an underlying metastatic deposit cannot be "
            "excluded.",
            {"compression_fracture": "present", "osteopenia": "uncertain", "osseous_metastasis": "uncertain"},
        ),
        (
            "Diffuse sclerotic osseous lesions, most concerning for metastases.",
            {"sclerotic_bone_lesion": "present", "osseous_metastasis": "uncertain"},
        ),
        # ... not one named with another organ's, nor one in a sentence of its own
        ("No fracture. Metastases are seen.", {"fracture": "absent", "metastasis": "present"}),
        # a breast's implant on a chest film, in a sentence that speaks of the breast
        (
            "CHEST RADIOGRAPH\nRight mastectomy with implant reconstruction; left augmentation implant.",
            {"breast_implant": "present"},
        ),
        ("CHEST RADIOGRAPH\nCochlear implant on the left. Left mastectomy.", {"support_device": "present"}),
        # shorthand for normal
        (
            "CXR PA/LAT\nHeart nml size. Mediastinum nml.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        # nodes calcified, their places listed between
        ("Calcified right hilar and right paratracheal lymph nodes.", {"calcified_lymph_node": "present"}),
        # a size said alone under an organ's heading or line is the organ's
        (
            "US LIVER\nLiver: coarse heterogeneous echotexture with a nodular surface contour in keeping with cirrhosis."
            " Not enlarged. No focal liver lesion.",
            {"cirrhosis": "present", "hepatomegaly": "absent", "liver_lesion": "absent"},
        ),
        ("Spleen: homogeneous. Enlarged at 15.8 cm.", {"splenomegaly": "present"}),
        ("LIVER: Normal echotexture. Normal in size.", {"hepatomegaly": "absent"}),
        # the abdominal wall's hernias by more of their names
        (
            "CT ABDOMEN AND PELVIS\nSmall fat-containing paraumbilical hernia.",
            {"abdominal_hernia": "present"},
        ),
        ("Bilateral inguinal hernias.", {"abdominal_hernia": "present"}),
        # a Baker's cyst named in brackets
        ("Incidental 42 x 15 mm popliteal fossa (Baker's) cyst, intact.", {"baker_cyst": "present"}),
        # the brain's: the ventricles' size, the midline's template line, white matter spots read as what the report
        # says they are, a collection under the scalp, a coil mass, a study of the pituitary
        ("MRI BRAIN\nNo abnormal enhancement. Ventricular size is normal.", {"hydrocephalus": "absent"}),
        ("CT HEAD\nMidline: No shift.", {"midline_shift": "absent"}),
        ("CT HEAD\nMidline: 4 mm leftward shift.", {"midline_shift": "present"}),
        ("MRI BRAIN\nFazekas grade 2 white matter hyperintensities.", {"white_matter_lesions": "present"}),
        (
            "MRI BRAIN\nFLAIR: Scattered punctate white matter hyperintensities in keeping with mild chronic small "
            "vessel ischaemic change.",
            {"small_vessel_disease": "present"},
        ),
        (
            "MRI HEAD\nA few scattered punctate T2/FLAIR white matter hyperintensities in both frontal lobes, "
            "nonspecific and within normal limits for age.",
            {"white_matter_lesions": "present"},
        ),
        (
            "CT HEAD\nThe ventricles and sulci are within normal limits for age.",
            {"hydrocephalus": "absent", "cerebral_atrophy": "absent"},
        ),
        (
            "CT HEAD\nSmall left frontal subgaleal fluid collection at the burr hole site.",
            {"fluid_collection": "present"},
        ),
        (
            "CT HEAD\nEmbolization coil mass at the basilar tip with streak artifact.",
            {"embolization_coils": "present"},
        ),
        # (what a denied finding would be in is there, or is the one said before it)
        ("MRI PITUITARY\nNo haemorrhage within the macroadenoma.", {"intracranial_hemorrhage": "absent"}),
        (
            "There is a 2 cm sellar mass. No haemorrhage within the lesion.",
            {"brain_mass": "present", "hematoma": "absent"},
        ),
        ("No calcification within the nodule.", {"calcification": "absent"}),
        ("No fat within lesion.", {"lesion": "present"}),
        (
            "CT THORAX\nRight pleural collection, consistent with empyema. No gas within the collection.",
            {"pleural_effusion": "present", "empyema": "present"},
        ),
        ("No nodule or mass in the lungs.", {"nodule": "absent", "mass": "absent"}),
        (
            "No focal lung opacity, pleural effusion of pneumothorax.",
            {"lung_opacity": "absent", "pleural_effusion": "absent", "pneumothorax": "absent"},
        ),
        ("CT BRAIN\nNew bilateral frontal CSF-density extra-axial collections measuring up to 7 mm.", {}),
        # hardware broken, organs denied a tear after their names, a cervical fusion's plate, a seeming finding
        (
            "Median sternotomy wires; the third wire is fractured, unchanged since 2020.",
            {"sternotomy_wires": "present", "support_device": "present", "hardware_complication": "present"},
        ),
        ("Liver, spleen and kidneys intact without laceration.", {"solid_organ_injury": "absent"}),
        (
            "Grade 3 splenic laceration without active extravasation.",
            {"solid_organ_injury": "present", "active_extravasation": "absent"},
        ),
        ("ACDF plate and screws in the lower cervical spine.", {"spinal_fusion_hardware": "present"}),
        (
            "Apparent widening of the superior mediastinum, likely accentuated by AP technique.",
            {"mediastinal_widening": "uncertain"},
        ),
        ("No apparent pneumothorax.", {"pneumothorax": "absent"}),
        ("The pneumothorax is apparent on the lateral view.", {"pneumothorax": "present"}),
        # a bare implant in a report that names the breasts' implants
        (
            "CT CHEST WITH IV CONTRAST\nBilateral subpectoral silicone breast implants. The left implant shows "
            "contour irregularity with a focal lateral bulge.",
            {"breast_implant": "present"},
        ),
        # a lesion of a part read as what it is there
        (
            "MRI BRAIN\nFour enhancing intracranial lesions in keeping with metastatic disease.",
            {"brain_metastases": "present"},
        ),
        ("Multiple bone lesions consistent with metastases.", {"osseous_metastasis": "present"}),
        # a carotid's plaque named by the aorta's words
        (
            "CTA neck: Mild calcified atherosclerotic plaque at both carotid bifurcations without hemodynamically "
            "significant stenosis by NASCET criteria.",
            {"carotid_plaque": "present", "carotid_stenosis": "absent"},
        ),
        ("Calcified atherosclerotic plaque in the aortic arch.", {"aortic_atherosclerosis": "present"}),
        # (review rv43d) the drains of the mediastinum after heart surgery; the silhouette widened; heart and
        # mediastinal contours said normal; a reading after a dash hedges no more than after a comma
        (
            "PORTABLE CHEST, POD 1 CABG\nMediastinal drain and left pleural tube in place.",
            {"drainage_catheter": "present", "chest_tube": "present"},
        ),
        (
            "Cardiomediastinal silhouette is mildly widened, expected postoperatively.",
            {"mediastinal_widening": "present"},
        ),
        (
            "Heart and mediastinal contours are normal.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        (
            "Patchy R basilar opacity - atelectasis vs pneumonia.",
            {"lung_opacity": "present", "atelectasis": "uncertain", "pneumonia": "uncertain"},
        ),
        # a shoulder's calcific density is no lung's
        (
            "Left shoulder: Calcific density adjacent to the greater tuberosity, consistent with calcific "
            "tendinopathy.",
            {"calcification": "present", "tendinosis": "present"},
        ),
    ],
)
def test_words_rv42(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_hardware_on_the_line_after_the_history_is_seen() -> None:
    # a line naming the hardware the film shows starts the findings; a procedure's note goes on with the history
    text = "PORTABLE AP CHEST 06:12\nHx: POD 1 CABG\nSternotomy wires, mediastinal clips.\nETT 4 cm above carina."
    report = parse_report(text)
    assert report.section_text("history") == "POD 1 CABG"
    assert report_codes(text) == {
        "sternotomy_wires": "present",
        "surgical_clips": "present",
        "endotracheal_tube": "present",
    }
    text = "Indication: SOB\nChest tube placement\nSmall left pneumothorax."
    assert "Chest tube placement" in parse_report(text).section_text("history")


def test_an_axis_named_after_a_number_is_no_end_of_the_size() -> None:
    (m,) = find_measurements("a 2.4 (CC) x 2.0 x 1.8 cm sellar mass")
    assert m.values_mm == (24.0, 20.0, 18.0)
    (m,) = find_measurements("nodule 3.1 cm (AP) x 2.2 cm (TR)")
    assert m.values_mm == (31.0, 22.0)


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # the same or the other side, said in a later sentence than the side
        ("Right lower lobe mass. There is an ipsilateral pleural effusion.", "pleural_effusion", "right"),
        # (... in a report dictated in capitals too)
        ("RIGHT LOWER LOBE MASS. THERE IS AN IPSILATERAL PLEURAL EFFUSION.", "pleural_effusion", "right"),
        ("Left breast mass at 2 o'clock. Ipsilateral axillary lymphadenopathy.", "lymphadenopathy", "left"),
        ("Left renal mass 4 cm. Contralateral kidney has a simple cyst.", "renal_cyst", "right"),
        # (... not the side this gave another: the pneumothorax's)
        (
            "Right pneumothorax with contralateral mediastinal shift. Ipsilateral rib fractures.",
            "fracture",
            "right",
        ),
        # ... or by a one-sided study
        (
            "MRI LEFT BREAST\nIrregular enhancing mass. Ipsilateral axillary node is enlarged.",
            "lymphadenopathy",
            "left",
        ),
        # a one-sided study of a part of the body wall or a limb's soft tissues
        ("US LEFT GROIN\nThere is a hernia containing fat.", "abdominal_hernia", "left"),
        ("ULTRASOUND RIGHT UPPER BACK\nThere is a 3 cm lipoma.", "lipoma", "right"),
        ("EXAMINATION: US RIGHT AXILLA\nFINDINGS: Small fluid collection.", "fluid_collection", "right"),
        # ... which yields to the vessels or the joint named with it
        (
            "EXAM: LEFT LEG VENOUS DUPLEX\nFINDINGS: Occlusive thrombus in the popliteal vein.",
            "deep_vein_thrombosis",
            "left",
        ),
        ("XR LEFT HIP FROG LEG\nMild osteoarthritis.", "arthritis", "left"),
        # a limb's veins named as the study
        (
            "US DOPPLER RIGHT LOWER LIMB VEINS\nIncidental 42 x 15 mm popliteal fossa (Baker's) cyst, intact.",
            "baker_cyst",
            "right",
        ),
        # a one-sided rib series with its chest film
        (
            "XR RIBS RIGHT WITH PA CHEST\nFindings: Possible nondisplaced fracture of the anterolateral 6th rib.",
            "fracture",
            "right",
        ),
        (
            "EXAM: XR LEFT RIBS 2 VIEWS AND PA CHEST\nFINDINGS: Acute fracture of the 7th rib.",
            "fracture",
            "left",
        ),
        # the bones' metastasis on the sides of its lesions
        (
            "Lytic lesions of the right 8th and left 3rd ribs with T10 pathological fracture; differential is myeloma "
            "versus metastases.",
            "osseous_metastasis",
            "bilateral",
        ),
    ],
)
def test_sides_rv42(text: str, code: str, side: str) -> None:
    assert side in sides(text).get(code, set())


def test_no_side_where_none_is_said() -> None:
    # a denied finding on the other side keeps none; a part of the body wall said with no side places nothing
    assert all(
        f.laterality is None
        for f in structure("Left lower lobe mass. No contralateral effusion.").findings
        if f.code == "pleural_effusion"
    )
    report = structure(
        "EXAMINATION: XR LUMBAR SPINE, LOW BACK PAIN\nFINDINGS: Mild degenerative disc disease at L4-5."
    )
    (f,) = report.findings
    assert (f.code, f.location, f.laterality) == ("degenerative_spine", "lumbar spine", None)
