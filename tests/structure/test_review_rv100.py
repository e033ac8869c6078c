"""Reviews rv100 (obstetric and gynaecological imaging; sports and MSK MRI; interventional radiology; ENT, orbit, sinus
and temporal bone) and rv101 (adult chest radiographs; pancreas and biliary; infection imaging; post-operative chest and
abdomen), written before any output was seen: what they found, and what the reviews of the change kept the rules from
reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Findings: Uterus enlarged, 14.2 x 9.8 x 10.5 cm. Multiple fibroids:\n1. Fundal subserosal, 6.4 cm.\n2. Posterior intramural, 4.1 cm.",
            {"uterine_fibroid": "present"},
        ),
        ("Impression: Multifibroid uterus, suitable for UAE.", {"uterine_fibroid": "present"}),
        ("All enhance avidly; none shows T1 hyperintensity to suggest haemorrhagic degeneration.", {}),
        ("Placenta posterior fundal, clear of the internal os.", {"placenta_previa": "absent"}),
        ("Placenta anterior, upper segment, not low-lying.", {"placenta_previa": "absent"}),
        (
            "IUD in the endometrial cavity, appropriately sited.",
            {"intrauterine_device": "present", "iud_malposition": "absent"},
        ),
        (
            "DCDA twin pregnancy with intrauterine demise of Twin B.",
            {"intrauterine_pregnancy": "present", "fetal_demise": "present"},
        ),
        ("Impression: Normal perfusion scan. Pulmonary embolism excluded.", {"pulmonary_embolism": "absent"}),
        ("PE has been confidently excluded.", {"pulmonary_embolism": "absent"}),
        ("Malignancy cannot be excluded.", {"mass": "uncertain"}),
        ("AAA satisfactorily excluded.", {"aortic_aneurysm": "present"}),
        (
            "8 cm heterogeneous intermuscular collection in the right calf between gastrocnemius and soleus, in keeping with haematoma.",
            {"hematoma": "present"},
        ),
        ("Pelvic collection, likely haematoma.", {"fluid_collection": "present", "hematoma": "uncertain"}),
        (
            "Pelvic collection and a separate liver abscess.",
            {"fluid_collection": "present", "abscess": "present"},
        ),
        (
            "Moderate volume of echogenic free fluid in Morison's pouch and the pelvis, consistent with haemoperitoneum.",
            {"hemoperitoneum": "present"},
        ),
        ("Cruciates and collaterals intact.", {"ligament_tear": "absent"}),
        ("Lisfranc ligament intact.", {"lisfranc_injury": "absent"}),
        ("Articular cartilage is preserved in all three compartments.", {"chondromalacia": "absent"}),
        ("Articular cartilage: Preserved throughout.", {"chondromalacia": "absent"}),
        ("Glenohumeral cartilage: mild diffuse thinning.", {"chondromalacia": "present"}),
        ("The thyroid cartilage is intact.", {}),
        ("Type II accessory navicular with synchondrosis oedema.", {}),
        (
            "The lateral anchor is backed out, projecting 6 mm above the cortex.",
            {"hardware_complication": "present"},
        ),
        (
            "MRI RIGHT FOREFOOT\n\nFindings: MTP joints unremarkable, no effusion.",
            {"joint_effusion": "absent"},
        ),
        (
            "Incidental moderate uptake in both knees, compatible with degenerative arthritis.",
            {"arthritis": "present"},
        ),
        ("Degenerative arthritis of the lumbar spine.", {"degenerative_spine": "present"}),
        (
            "Malpositioned L PICC with tip in the right IJV; recommend repositioning.",
            {"hardware_complication": "present", "picc": "present"},
        ),
        ("Right PICC has been retracted and now terminates in the SVC.", {"picc": "present"}),
        (
            "Venogram: SVC widely patent, no central venous stenosis.",
            {"svc_obstruction": "absent", "arterial_stenosis": "absent"},
        ),
        ("10 Fr locking pigtail catheter placed using trocar technique.", {"drainage_catheter": "present"}),
        ("Fibrin sheath causing withdrawal occlusion.", {"hardware_complication": "present"}),
        ("May represent a small satellite lesion versus arterioportal shunt.", {"lesion": "uncertain"}),
        ("Lines: Hickman line tip at the SVC/RA junction.", {"central_venous_catheter": "present"}),
        ("Plastic stent in the CBD.", {"nonvascular_stent": "present"}),
        (
            "Complete opacification of the left middle ear cavity and mastoid air cells with erosion of the mastoid septations.",
            {"mastoid_effusion": "present"},
        ),
        ("Opacification of the right middle ear.", {}),
        ("No CPA or IAM mass.", {"brain_mass": "absent"}),
        ("Retropharyngeal soft tissues are not thickened.", {"soft_tissue_swelling": "absent"}),
        ("Greater than 50% anteroposterior collapse of the distal intrathoracic trachea on expiration.", {}),
        ("Clinical: ?fish bone. FB sensation in throat after eating cod.", {}),
        ("Stricture of R Stensen's duct, consistent with chronic obstructive parotitis.", {}),
        (
            "Chest X-ray PA\nClinical details: Follow up LLL pneumonia.\nComparison made with the radiograph of 22/08/2024.\nThe previously demonstrated left lower lobe consolidation has resolved. There is a thin residual band of linear opacity at the left base which may represent minor scarring.",
            {"consolidation": "absent", "lung_opacity": "present", "scarring": "uncertain"},
        ),
        (
            "CXR PA + LAT\nHx: 2 yrs s/p R upper lobectomy for adenocarcinoma. Routine surveillance.\nCf 09/2024.\nPost-surgical changes of right upper lobectomy with a staple line at the right hilum. No pleural effusion.",
            {"lung_resection": "present", "surgical_clips": "present", "pleural_effusion": "absent"},
        ),
        ("Hx: cough\nCf 2021.\nPrevious film showed a right effusion in 2021.\nLungs clear.", {}),
        (
            "There is cephalization of the pulmonary vasculature. No interstitial or alveolar edema.",
            {"vascular_congestion": "present", "pulmonary_edema": "absent"},
        ),
        ("No lead discontinuity.", {"hardware_complication": "absent"}),
        (
            "Appearances are unchanged and are consistent with old, inactive tuberculosis.",
            {"granuloma": "present"},
        ),
        (
            "The mediastinum, previously shifted to the right, is now midline.",
            {"mediastinal_shift": "absent"},
        ),
        ("No IHD dilatation. Normal CBD calibre.", {"biliary_dilatation": "absent"}),
        (
            "Diffuse dilatation of the main pancreatic duct, now 11 mm in the head and neck.",
            {"pancreatic_duct_dilatation": "present"},
        ),
        (
            "New dominant stricture of the common hepatic duct with mild upstream dilatation of the central intrahepatic ducts.",
            {"biliary_dilatation": "present"},
        ),
        ("Cholangiocarcinoma cannot be excluded.", {"mass": "uncertain"}),
        ("Subtle periductal wall thickening (4 mm) with delayed enhancement at the stricture.", {}),
        (
            "Malpositioned existing plastic stent, terminating below the stricture.",
            {"hardware_complication": "present", "stent": "present"},
        ),
        (
            "MRI BRAIN\nFindings: Ring-enhancing lesions with mild perilesional oedema.",
            {"brain_lesion": "present", "cerebral_edema": "present"},
        ),
        ("The joint is distended with fluid.", {"joint_effusion": "present"}),
        (
            "FINDINGS: Postsurgical changes of right upper lobectomy with intact staple line along the hilum.",
            {"lung_resection": "present", "surgical_clips": "present"},
        ),
        ("No signs of anastomotic insufficiency.", {"anastomotic_leak": "absent"}),
        (
            "There is extraluminal contrast and gas tracking from the oesophagogastric anastomosis.",
            {"extraluminal_gas": "present"},
        ),
        ("Oral contrast opacifies the conduit.", {}),
        (
            "Petersen internal hernia with closed-loop SBO.",
            {"abdominal_hernia": "present", "bowel_obstruction": "present"},
        ),
        (
            "Gallbladder: cholecystolithiasis without signs of cholecystitis.",
            {"gallstones": "present", "cholecystitis": "absent"},
        ),
        ("Post-procedure scan shows near-complete collapse of the collection.", {}),
        (
            "Fully covered self-expanding metallic stent across the cervical anastomosis.",
            {"nonvascular_stent": "present"},
        ),
        ("The tip of the NG tube is excluded.", {"enteric_tube": "present"}),
        (
            "Right subphrenic collection, and a left paracolic collection consistent with abscess.",
            {"fluid_collection": "present", "abscess": "present"},
        ),
    ],
)
def test_review_rv100_rv101(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the reviews of the change kept the new rules from reading
        (
            "Collection representing postoperative change, with separate abdominal wall haematoma.",
            {"fluid_collection": "present", "hematoma": "present"},
        ),
        ("Multiple pulmonary nodules previously described:\n1. RUL - no longer seen.", {}),
        ("EXAM: CXR (forefoot sepsis).\nFindings: Small effusion.", {"pleural_effusion": "present"}),
        ("Right PICC and displaced right clavicular fracture.", {"picc": "present", "fracture": "present"}),
        ("Calculus in the renal pelvis has migrated, nephrostomy in situ.", {"nephrolithiasis": "present"}),
        (
            "Central line, no displaced rib fractures.",
            {"central_venous_catheter": "present", "fracture": "absent"},
        ),
        (
            "Oesophageal stent has migrated into the stomach.",
            {"nonvascular_stent": "present", "hardware_complication": "present"},
        ),
        (
            "The left chest drain has been displaced.",
            {"chest_tube": "present", "hardware_complication": "present"},
        ),
        (
            "Pulmonary and hepatic venous congestion in keeping with right heart failure.",
            {"vascular_congestion": "present", "heart_failure": "present"},
        ),
        (
            "Cardiomegaly with cephalization and a right internal jugular line.",
            {
                "cardiomegaly": "present",
                "vascular_congestion": "present",
                "central_venous_catheter": "present",
            },
        ),
        (
            "Paranasal sinuses and mastoid air cells are clear.",
            {"paranasal_sinus_disease": "absent", "mastoid_effusion": "absent"},
        ),
        ("Opacification of the left middle ear with well-pneumatised mastoid air cells.", {}),
        ("Retropharyngeal soft tissue swelling.", {"soft_tissue_swelling": "present"}),
        # (the tumour is the bone's lesion, review rv106d; its oedema no brain's)
        ("Osteoid osteoma of the tibia with extensive perilesional oedema.", {"bone_lesion": "present"}),
        (
            "Small opacity in the right costophrenic recess, likely atelectasis.",
            {"lung_opacity": "present", "atelectasis": "uncertain"},
        ),
        (
            "Patchy opacity around the conduit, likely aspiration.",
            {"lung_opacity": "present", "infection": "uncertain"},
        ),
        (
            "The mediastinum, previously shifted to the right, is now shifted to the left after drainage.",
            {"mediastinal_shift": "present"},
        ),
        ("Distended urinary bladder without mechanical outlet obstruction.", {}),
        ("Extraluminal contrast and air in the mediastinum.", {"pneumomediastinum": "present"}),
        ("Bursa distended with fluid adjacent to the joint.", {}),
        ("CBD diameter 10 mm, dilated.", {"biliary_dilatation": "present"}),
        ("Anastomosis intact with a small contained leak at the blind end.", {"anastomotic_leak": "present"}),
        ("Endotracheal tube in situ, cuff intact.", {"endotracheal_tube": "present"}),
        ("No twin pregnancy. Single viable fetus with FHR 160 bpm.", {}),
        ("A degenerating fibroid is noted in the posterior wall.", {"uterine_fibroid": "present"}),
        ("Myxoid degeneration of the L5/S1 disc.", {"degenerative_spine": "present"}),
        ("Off-track Hill-Sachs lesion.", {"fracture": "present"}),
        ("Bladder empty, uterus anteverted and of normal size.", {}),
        (
            "XR LEFT HAND.\nHx: crush injury.\nFindings: Foreign body not seen in the index finger.",
            {"foreign_body": "absent"},
        ),
        (
            "CT CHEST.\nComparison: CT 12/2023 and PET-CT 01/2024.\nPreviously demonstrated FDG-avid right hilar nodes.\nNo lymphadenopathy today.",
            {"lymphadenopathy": "absent"},
        ),
        ("Hx: SOB.\nCompared with 2021.\nChf with cardiomegaly and bilateral pleural effusions.", {}),
        ("Attempted right nephrostomy was unsuccessful due to a non-dilated system.", {}),
        (
            "Mirena in situ in a satisfactory position.",
            {"intrauterine_device": "present", "iud_malposition": "absent"},
        ),
        ("Placenta anterior, high, not praevia.", {"placenta_previa": "absent"}),
        ("Dichorionic diamniotic twins, both live.", {"intrauterine_pregnancy": "present"}),
        ("Biceps tendon is medially subluxed.", {}),
        (
            "Anterior dislocation of the shoulder with a biceps tendon tear.",
            {"dislocation": "present", "ligament_tear": "present"},
        ),
        ("IHD not dilated.", {"biliary_dilatation": "absent"}),
        ("IHD, dilated cardiomyopathy.", {}),
        ("Displaced PEG.", {"hardware_complication": "present", "gastrostomy_tube": "present"}),
        # a trailing "excluded" with the study it was excluded on after it
        ("Pulmonary embolism excluded on the concurrent CTPA.", {"pulmonary_embolism": "absent"}),
        ("Stress fracture excluded radiographically.", {"fracture": "absent"}),
        ("Lesion excluded from the field of view.", {"lesion": "present"}),
        ("Fracture excluded?", {"fracture": "present"}),
        # a chronic clot's mosaic perfusion is no venous congestion
        (
            "Mosaic attenuation with vascular redistribution, raising the possibility of chronic thromboembolic disease.",
            {"mosaic_attenuation": "present", "pulmonary_embolism": "uncertain"},
        ),
        ("There is vascular redistribution.", {"vascular_congestion": "present"}),
        # the forty-fourth session's last batch (review rv102) and what its review kept
        ("The previously seen surrounding consolidation has resolved.", {"consolidation": "absent"}),
        ("No haematoma surrounding fracture.", {"hematoma": "absent", "fracture": "present"}),
        ("Residual right thoracic curve measures 18 deg (T5-T11).", {"scoliosis": "present"}),
        (
            "On the expiratory film the mediastinum shifts to the left.",
            {"mediastinal_shift": "present"},
        ),
        ("The mediastinum shifts normally with respiration.", {}),
        ("Discharged from nodule surveillance.", {}),
        ("RUL nodule follow-up CT recommended in 12 months.", {"nodule": "present"}),
        ("Several mucus-filled bronchi.", {"mucus_plugging": "present"}),
        ("2 mm solid micronodule RUL (3/67).", {"solid_nodule": "present"}),
        ("Non-solid micronodule in the RUL.", {"ground_glass_nodule": "present"}),
        ("Left basal drain. Pelvic drain in situ.", {"drainage_catheter": "present"}),
    ],
)
def test_what_the_reviews_of_the_change_kept(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
