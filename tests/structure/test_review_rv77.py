"""Reviews rv76 (cardiac imaging, interventional radiology, paediatric neuro and spine, chest infection), rv77
(vascular imaging, major trauma CT, the acute abdomen, thoracic oncology) and rv78 (stroke, fracture clinic, urology,
intensive care films), written before any output was seen, and the reviews of the change: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-line history ends after a note that ends on its question, when the film's words follow (review rv77b)
        (
            "CT CERVICAL SPINE WITHOUT CONTRAST. Indication: MVC, neck pain, r/o fracture. No acute fracture or malalignment. Mild degenerative change at C5-6 with small anterior osteophytes.",
            {"fracture": "absent", "degenerative_spine": "present"},
        ),
        # ... or at a part's heading
        (
            "CT head and cervical spine. Hx: 79M fall, head strike, on aspirin. HEAD: No acute intracranial haemorrhage. Age-appropriate atrophy.",
            {"intracranial_hemorrhage": "absent", "cerebral_atrophy": "present"},
        ),
        # ... or after a note of the prior study (review rv76c)
        (
            "CT HEAD W/O. Hx: 2 yo s/p L parietal VP shunt placement 3 weeks ago, now irritable. Cf. pre-op CT. Marked interval decrease in ventricular size. No acute hemorrhage.",
            {"intracranial_hemorrhage": "absent"},
        ),
        # ... but not where the referrer's words go on: more history
        ("CXR. Hx: fever, ?pneumonia. Recent pneumonia treated with antibiotics.", {}),
        ("CT chest. Hx: SOB, ?PE. Known lung cancer.", {}),
        # septic emboli, tuberculous pleuritis, primary TB (review rv76d)
        (
            "Multiple bilateral peripheral cavitating nodules, consistent with septic emboli.",
            {"cavitary_lesion": "present", "infection": "present", "nodule": "present"},
        ),
        (
            "Left pleural effusion; tuberculous pleuritis is the leading consideration.",
            {"pleural_effusion": "present", "infection": "uncertain"},
        ),
        ("Given HIV status, primary TB remains a consideration.", {"infection": "uncertain"}),
        ("No radiographic evidence of active or prior tuberculosis.", {"infection": "absent"}),
        # a needle's technique is no aspiration
        ("25G needle, 3 passes, non-aspiration technique; samples to cytology.", {}),
        # a cavity by its lobe's short name
        ("The RLL cavity has decreased in size from 6 cm to 3.5 cm.", {"cavitary_lesion": "present"}),
        # the cardiac set (review rv76a): pericardial 'eff', the calcium score in brackets, valves, a lead's perforation
        ("Heart nl size. No pericardial eff.", {"cardiomegaly": "absent", "pericardial_effusion": "absent"}),
        ("Coronary artery calcium score (Agatston): 0.", {"coronary_calcification": "absent"}),
        ("Mild aortic valve calcification.", {"calcification": "present"}),
        (
            "Pacemaker leads; the tip of the RV lead extends into the epicardial fat, compatible with lead perforation.",
            {"cardiac_pacemaker": "present", "hardware_complication": "present"},
        ),
        ("Pericardium: normal thickness.", {"pericardial_thickening": "absent"}),
        # a shunt's catheter in the ventricles is the CSF shunt's (review rv76c)
        ("R frontal shunt catheter tip in the frontal horn.", {"csf_shunt": "present"}),
        # hedges and injections (reviews rv77a, rv76b)
        (
            "An embolus in the right lower lobe segmental arteries cannot be confidently excluded.",
            {"pulmonary_embolism": "uncertain"},
        ),
        (
            "Contrast injection opacifies a small residual abscess cavity around the pigtail.",
            {"abscess": "present"},
        ),
        # places: the gallbladder's wall in its sentence, two organs' denied lesions, a deep vein's clot (reviews rv76b, rv77a, rv77d)
        (
            "PROCEDURE: Ultrasound-guided percutaneous cholecystostomy.\nFINDINGS: The gallbladder is distended, 11 x 5 cm, with 6 mm wall thickening and layering sludge.",
            {"gallbladder_wall_thickening": "present", "gallbladder_sludge": "present"},
        ),
        (
            "Abdomen: Liver and adrenal glands without focal lesion.",
            {"liver_lesion": "absent", "adrenal_nodule": "absent"},
        ),
        (
            "Liver and kidneys without focal lesion or stones.",
            {"liver_lesion": "absent", "nephrolithiasis": "absent", "renal_mass": "absent"},
        ),
        (
            "Venous duplex L leg.\nFemoral vein: wall thickening with echogenic chronic thrombus. No acute thrombus. Small saphenous vein: non-compressible with thrombus.\nImpression: Acute superficial vein thrombosis of the SSV. No acute DVT.",
            {"deep_vein_thrombosis": "present", "superficial_thrombophlebitis": "present"},
        ),
        # study titles and short sides (reviews rv77a, rv77b, rv76b)
        (
            "US venous Doppler RLE. Indication: R leg swelling.\nDeep veins are fully compressible. Incidental 2.4 cm Baker cyst.",
            {"deep_vein_thrombosis": "absent", "baker_cyst": "present"},
        ),
        (
            "Non-contrast CT head. No haemorrhage. Left frontal scalp haematoma with overlying soft tissue swelling.",
            {"intracranial_hemorrhage": "absent", "hematoma": "present", "soft_tissue_swelling": "present"},
        ),
        ("9 x 6 cm complex fluid collection L subphrenic space.", {"fluid_collection": "present"}),
        # a denial before 'surrounding' is its own (review rv77c); a partial obstruction
        (
            "Colon: few sigmoid diverticula, no surrounding inflammation.",
            # (the inflammation around the diverticula is theirs, no colon's nor lung's: review rv98d)
            {"diverticulosis": "present"},
        ),
        (
            "CT abdomen.\nFindings favor postoperative ileus; partial obstruction is less likely but not excluded.",
            {"ileus": "uncertain", "bowel_obstruction": "uncertain"},
        ),
        # the first review of the change: what another study showed, the family's history, any shunt, a healed primary focus, a test's name, a denial taken back, a binder, the mesentery's haematoma, a superficial vein's clot near a deep vein, an exception, the quadrants' sides
        ("CT HEAD. Hx: fall. Cf. 03/2024. Small subdural hematoma on that scan. No subdural hematoma.", {}),
        ("CXR. Hx: cough, ?mass. Lung cancer in father. Lungs clear.", {}),
        (
            "CXR. Hx: SOB, ?effusion. Chest: Moderate right pleural effusion. No pneumothorax.",
            {"pleural_effusion": "present", "pneumothorax": "absent"},
        ),
        (
            "Denver shunt catheter tip in the superior vena cava.",
            {"support_device": "present", "catheter_tip": "present"},
        ),
        ("Shunt catheter tip in the temporal horn.", {"csf_shunt": "present"}),
        ("Old healed primary TB with calcified Ghon complex.", {"granuloma": "present"}),
        ("Coronary calcium scoring was not performed.", {}),
        (
            "An underlying obstructing mass is not identified but cannot be entirely excluded.",
            {"mass": "uncertain"},
        ),
        ("Pelvic binder in situ.", {"support_device": "present"}),
        (
            "Short segment wall thickening of the proximal jejunum with a small mesenteric haematoma.",
            {"bowel_wall_thickening": "present", "bowel_injury": "present", "hematoma": "present"},
        ),
        (
            "VENOUS DUPLEX LEFT LOWER LIMB\nFindings: Thrombus in the GSV extends to the saphenofemoral junction but does not extend into the common femoral vein.\nImpression: Superficial thrombophlebitis. No DVT.",
            {"superficial_thrombophlebitis": "present", "deep_vein_thrombosis": "absent"},
        ),
        (
            "CT ABDOMEN\nFindings: Kidneys and adrenal glands without mass, except a 1.5 cm left adrenal nodule.",
            {"renal_mass": "absent", "adrenal_nodule": "present"},
        ),
        ("4.1 cm rim-enhancing collection in the RLQ, consistent with abscess.", {"abscess": "present"}),
        (
            "Transplant kidney in the right lower quadrant with mild hydronephrosis.",
            {"hydronephrosis": "present"},
        ),
        (
            "Small bowel obstruction with a transition point in the right lower quadrant.",
            {"bowel_obstruction": "present"},
        ),
        # the second review of the change: a fistula's shunt, a superficial clot below a deep vein, quadrants of both sides or the midline, a short diagnosis after the question, what is excluded or still to be ruled out; review rv78: borderzone infarcts, a sinus's arachnoid granulation, the ureter's stranding
        (
            "CT HEAD\nFindings: Dural arteriovenous fistula at the right transverse-sigmoid junction with shunt into the sigmoid sinus. No intracranial hemorrhage.",
            {
                "vascular_malformation": "present",
                "support_device": "present",
                "intracranial_hemorrhage": "absent",
            },
        ),
        (
            "CT HEAD\nFindings: Shunt catheter through a right frontal burr hole. Ventricles are slightly smaller than prior.",
            {"csf_shunt": "present"},
        ),
        (
            "VENOUS DUPLEX LEFT LOWER EXTREMITY\nFindings: Superficial thrombophlebitis. Thrombus terminates just below the common femoral vein.\nImpression: No DVT.",
            {"superficial_thrombophlebitis": "present", "deep_vein_thrombosis": "absent"},
        ),
        (
            "VENOUS DUPLEX RIGHT LOWER EXTREMITY\nFindings: Superficial thrombophlebitis of the GSV. The right CFV contains thrombus.\nImpression: No DVT in the calf.",
            {"superficial_thrombophlebitis": "present", "deep_vein_thrombosis": "present"},
        ),
        ("Clips in the RLQ and LLQ from prior surgery.", {"surgical_clips": "present"}),
        (
            "Midline fluid collection extending into the right lower quadrant.",
            {"fluid_collection": "present"},
        ),
        ("CXR. Hx: SOB, ?CCF. Severe aortic stenosis. Cardiomegaly.", {}),
        ("Pulmonary embolism is confidently excluded.", {"pulmonary_embolism": "absent"}),
        ("PE needs to be ruled out.", {"pulmonary_embolism": "uncertain"}),
        ("Additional fractures cannot entirely be excluded.", {"fracture": "uncertain"}),
        ("Acute borderzone infarcts in the left centrum semiovale.", {"acute_infarct": "present"}),
        (
            "A 6 mm rounded filling defect in the lateral right transverse sinus is compatible with an arachnoid granulation rather than thrombus.",
            {},
        ),
        (
            "CT KUB: 3 mm calculus L VUJ. Mild L periureteric stranding.",
            {"ureterolithiasis": "present", "fat_stranding": "present"},
        ),
        # (review rv78d, rv78b: a vein's name before "venous catheter", the neck of the femur's short name)
        (
            "The right internal jugular venous catheter is seen with its tip at the junction of the SVC and right atrium.",
            {"central_venous_catheter": "present"},
        ),
        ("Displaced subcapital # L NOF, Garden IV.", {"fracture": "present"}),
    ],
)
def test_review_rv76_rv77(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Multiple bilateral peripheral cavitating nodules, consistent with septic emboli.",
            {"cavitary_lesion": {"bilateral"}, "infection": {"bilateral"}, "nodule": {"bilateral"}},
        ),
        (
            "Left pleural effusion; tuberculous pleuritis is the leading consideration.",
            {"pleural_effusion": {"left"}, "infection": {"left"}},
        ),
        ("The RLL cavity has decreased in size from 6 cm to 3.5 cm.", {"cavitary_lesion": {"right"}}),
        ("R frontal shunt catheter tip in the frontal horn.", {"csf_shunt": {"right"}}),
        (
            "An embolus in the right lower lobe segmental arteries cannot be confidently excluded.",
            {"pulmonary_embolism": {"right"}},
        ),
        (
            "Venous duplex L leg.\nFemoral vein: wall thickening with echogenic chronic thrombus. No acute thrombus. Small saphenous vein: non-compressible with thrombus.\nImpression: Acute superficial vein thrombosis of the SSV. No acute DVT.",
            {"deep_vein_thrombosis": {"left"}, "superficial_thrombophlebitis": {"left"}},
        ),
        (
            "US venous Doppler RLE. Indication: R leg swelling.\nDeep veins are fully compressible. Incidental 2.4 cm Baker cyst.",
            {"baker_cyst": {"right"}},
        ),
        (
            "Non-contrast CT head. No haemorrhage. Left frontal scalp haematoma with overlying soft tissue swelling.",
            # (the swelling over the haematoma is on its side: review rv95c)
            {"hematoma": {"left"}, "soft_tissue_swelling": {"left"}},
        ),
        ("9 x 6 cm complex fluid collection L subphrenic space.", {"fluid_collection": {"left"}}),
        (
            "CXR. Hx: SOB, ?effusion. Chest: Moderate right pleural effusion. No pneumothorax.",
            {"pleural_effusion": {"right"}},
        ),
        (
            "VENOUS DUPLEX LEFT LOWER LIMB\nFindings: Thrombus in the GSV extends to the saphenofemoral junction but does not extend into the common femoral vein.\nImpression: Superficial thrombophlebitis. No DVT.",
            {"superficial_thrombophlebitis": {"left"}},
        ),
        (
            "CT ABDOMEN\nFindings: Kidneys and adrenal glands without mass, except a 1.5 cm left adrenal nodule.",
            {"adrenal_nodule": {"left"}},
        ),
        ("4.1 cm rim-enhancing collection in the RLQ, consistent with abscess.", {"abscess": {"right"}}),
        (
            "CT HEAD\nFindings: Dural arteriovenous fistula at the right transverse-sigmoid junction with shunt into the sigmoid sinus. No intracranial hemorrhage.",
            {"vascular_malformation": {"right"}},
        ),
        (
            "CT HEAD\nFindings: Shunt catheter through a right frontal burr hole. Ventricles are slightly smaller than prior.",
            {"csf_shunt": {"right"}},
        ),
        (
            "VENOUS DUPLEX LEFT LOWER EXTREMITY\nFindings: Superficial thrombophlebitis. Thrombus terminates just below the common femoral vein.\nImpression: No DVT.",
            {"superficial_thrombophlebitis": {"left"}},
        ),
        (
            "VENOUS DUPLEX RIGHT LOWER EXTREMITY\nFindings: Superficial thrombophlebitis of the GSV. The right CFV contains thrombus.\nImpression: No DVT in the calf.",
            {"superficial_thrombophlebitis": {"right"}, "deep_vein_thrombosis": {"right"}},
        ),
        ("Acute borderzone infarcts in the left centrum semiovale.", {"acute_infarct": {"left"}}),
        (
            "CT KUB: 3 mm calculus L VUJ. Mild L periureteric stranding.",
            {"ureterolithiasis": {"left"}, "fat_stranding": {"left"}},
        ),
        ("Displaced subcapital # L NOF, Garden IV.", {"fracture": {"left"}}),
    ],
)
def test_the_sides_rv76_rv77(text: str, expected: dict[str, set[str | None]]) -> None:
    got = {k: v for k, v in sides(text).items() if v != {None}}
    assert got == expected
