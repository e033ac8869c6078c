"""Reviews rv109 (orthopaedic post-operative imaging; paediatric neuro and spine; chest imaging after cardiac surgery;
diabetic foot and musculoskeletal infection), mended as the forty-eighth session's baseline, and rv110 (haematology and
sickle cell disease; complications of cancer treatment; imaging in pregnancy and the postpartum period; tropical and
parasitic infections), written before any output was seen: what they found, and what the reviews of the change kept
the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Polyethylene wear with periacetabular and calcar osteolysis.",
            {"hardware_complication": "present", "lucency": "present"},
        ),
        (
            "Consistent with an adverse local tissue reaction (pseudotumor).",
            {"hardware_complication": "present"},
        ),
        (
            "Prominent dorsal screw tip, possible source of extensor tendon irritation.",
            {"hardware_complication": "present", "orthopedic_hardware": "present"},
        ),
        ("Lucency beneath the medial tibial tray.", {"lucency": "present", "orthopedic_hardware": "present"}),
        ("No subsidence of the femoral stem.", {"orthopedic_hardware": "present"}),
        ("Loosening of the femoral component.", {"hardware_complication": "present"}),
        ("Pelvic ring fracture with an acetabular component.", {"fracture": "present"}),
        (
            "Osteolysis around the screws.",
            {"lucency": "present", "hardware_complication": "present", "orthopedic_hardware": "present"},
        ),
        (
            "XR RIGHT KNEE\nFindings: Moderate effusion/haemarthrosis and prepatellar soft tissue swelling.",
            {"joint_effusion": "present", "soft_tissue_swelling": "present"},
        ),
        (
            "IABP positioned too high - recommend withdrawal.",
            {"intra_aortic_balloon_pump": "present", "hardware_complication": "present"},
        ),
        (
            "Possible proximal migration of the Impella device.",
            {"hardware_complication": "uncertain", "ventricular_assist_device": "uncertain"},
        ),
        (
            "IABP with fracture of the left 5th rib.",
            {"intra_aortic_balloon_pump": "present", "fracture": "present"},
        ),
        (
            "Port catheter fracture at the costoclavicular space (pinch-off syndrome) with an embolised fragment.",
            {"hardware_complication": "present", "port_catheter": "present"},
        ),
        (
            "Referred for catheter embolization of the bleeding gastroduodenal artery.",
            {"support_device": "present"},
        ),
        ("Patent third ventriculostomy with continued reduction in ventricular size.", {}),
        (
            "Effacement of the prepontine cistern and mild compression of the fourth ventricle.",
            {"mass_effect": "present"},
        ),
        ("Right cerebellar pilocytic astrocytoma.", {"brain_mass": "present"}),
        (
            "EXAMINATION: MRI CERVICAL SPINE\nFINDINGS: Intramedullary mass, most in keeping with ependymoma.",
            {"mass": "present"},
        ),
        (
            "MRI CERVICAL SPINE\nBrainstem glioma partially imaged, extending to the cervicomedullary junction.",
            {"brain_mass": "present"},
        ),
        ("Posterior-predominant symmetric leukodystrophy.", {"white_matter_lesions": "present"}),
        ("Multiple cortical/subcortical tubers in both cerebral hemispheres.", {"brain_lesion": "present"}),
        ("Avulsion fractures of both ischial tubers.", {"fracture": "present"}),
        (
            "Neurocysticercosis with multiple vesicular cysts in both hemispheres.",
            {"brain_lesion": "present", "cyst": "present"},
        ),
        (
            "Two small ring-enhancing lesions, likely tuberculomas.",
            {"lesion": "present", "granuloma": "uncertain"},
        ),
        (
            "Findings typical of posterior reversible encephalopathy syndrome in the setting of eclampsia.",
            {"cerebral_edema": "present"},
        ),
        (
            "Partially opacified left maxillary sinus, likely incidental.",
            {"paranasal_sinus_disease": "present"},
        ),
        (
            "Maxillary sinuses clear, right mastoid opacified.",
            {"paranasal_sinus_disease": "absent", "mastoid_effusion": "present"},
        ),
        ("Sinuses: mild bilateral ethmoid mucosal thickening.", {"paranasal_sinus_disease": "present"}),
        ("Gastric antral mucosal thickening, likely gastritis.", {}),
        ("T10-T11 tuberculous spondylitis (Pott disease).", {"osteomyelitis": "present"}),
        ("Focal angular kyphosis (gibbus) of 28 degrees.", {"kyphosis": "present"}),
        ("Anterior wedge collapse of T8.", {"compression_fracture": "present"}),
        (
            "Bilateral paravertebral soft tissue masses in the posterior mediastinum.",
            {"mediastinal_mass": "present"},
        ),
        ("Right upper lobe mass with nodes in the mediastinum.", {"mass": "present"}),
        ("The endometrial echo complex is thickened at 22 mm.", {"endometrial_thickening": "present"}),
        ("Endometrial echo complex with increased vascularity.", {}),
        ("Upper abdomen: gravid uterus partially imaged.", {"intrauterine_pregnancy": "present"}),
        (
            "Non-gravid uterus. Left adnexal mass, concerning for ectopic pregnancy.",
            {"adnexal_mass": "present", "ectopic_pregnancy": "uncertain"},
        ),
        (
            "Low perfusion favors pseudoprogression; true tumor progression is not excluded.",
            {"tumor_recurrence": "uncertain"},
        ),
        (
            "Interval increase in size of the pancreatic head mass, in keeping with tumour progression.",
            {"pancreatic_mass": "present"},
        ),
        ("Likely urate stones related to tumour lysis.", {"calculus": "uncertain"}),
        ("Dilated calyces with infundibular stenoses.", {"hydronephrosis": "present"}),
        ("Haemostasis: right CFA closure device.", {}),
        ("Catheter fracture.", {"hardware_complication": "present", "support_device": "present"}),
        ("Bladder is thick-walled.", {"bladder_wall_thickening": "present"}),
        (
            "Large soft tissue mass in the anterior mediastinum, likely thymoma.",
            {"mediastinal_mass": "present"},
        ),
        ("Small locule of gas at the amputation site.", {"subcutaneous_emphysema": "present"}),
        (
            "Gas at the ulcer base in the duodenal bulb, consistent with perforation.",
            {"bowel_perforation": "present"},
        ),
        ("No retained fragment of the catheter.", {"support_device": "absent"}),
        ("No need for placement of a nasogastric tube.", {"enteric_tube": "absent"}),
        ("Shallow acetabular cup in keeping with developmental dysplasia.", {}),
        ("Balloon angioplasty of the SFA complicated by a flow-limiting dissection.", {}),
        ("Severe disc space collapse at L5-S1.", {}),
        ("Calcified retinal astrocytoma in the right globe.", {"calcification": "present"}),
        (
            "MRI SPINE\nIntramedullary ependymoma at T10 with cerebrospinal fluid seeding along the cauda equina.",
            {"mass": "present"},
        ),
        ("The left maxillary sinus was opacified on the prior study and is now well aerated.", {}),
        (
            "Endometrial echo complex 6 mm with a thick septation in the right adnexal cyst.",
            {"ovarian_cyst": "present"},
        ),
        (
            "Local tumour progression of the unresected pancreatic head adenocarcinoma.",
            {"pancreatic_mass": "present"},
        ),
        ("Patent third ventriculostomy. Right frontal VP shunt.", {"csf_shunt": "present"}),
        ("The posterior tibial veins are also thrombosed.", {"deep_vein_thrombosis": "present"}),
        (
            "Degenerate lateral meniscus with a complex tear of the body. ACL and PCL intact.",
            {"meniscal_tear": "present", "ligament_tear": "absent"},
        ),
        (
            "Deep laceration through the left renal midpole extending into the collecting system.",
            {"solid_organ_injury": "present"},
        ),
        ("Subcapsular hematoma of the liver without parenchymal laceration.", {"hematoma": "present"}),
        ("Contrast opacifies the left pelvicalyceal system.", {}),
        ("Attempted right nephrostomy was unsuccessful due to a non-dilated system.", {}),
        ("Haemostasis achieved without use of a closure device.", {"cardiac_occluder": "absent"}),
        (
            "Obese adolescent with left SCFE and Blount disease (tibia vara).",
            {"slipped_capital_femoral_epiphysis": "present"},
        ),
        (
            "Complex tear of the ACL, medial meniscus intact.",
            {"ligament_tear": "present", "meniscal_tear": "absent"},
        ),
        ("The popliteal vein is occluded by a large Baker cyst.", {"baker_cyst": "present"}),
        ("Laceration at the aortic isthmus with pseudoaneurysm.", {"pseudoaneurysm": "present"}),
        (
            "Overlying tubing obscures the fracture line.",
            {"support_device": "present", "fracture": "present"},
        ),
        (
            "Conclusion: Tubing disconnection/fracture and flipped port.",
            {"hardware_complication": "present", "support_device": "present", "port_catheter": "present"},
        ),
        ("Acetabular cup is well seated.", {"orthopedic_hardware": "present"}),
        ("Patient considering lap band surgery.", {}),
        ("Wedge collapse of the femoral head.", {}),
        (
            "Lap band in expected position. No band slippage.",
            {"support_device": "present", "hardware_complication": "absent"},
        ),
        ("Persistent sleeve leak complicated by gastropleural fistula.", {"anastomotic_leak": "present"}),
        (
            "In the right suprarenal region there is a 2.8 cm heterogeneous mass.",
            {"adrenal_nodule": "present"},
        ),
        (
            "Right hip normal. No slipped upper femoral epiphysis.",
            {"slipped_capital_femoral_epiphysis": "absent"},
        ),
        ("Nerve root sleeve leak at left T6.", {}),
        (
            "Old TB with calcified subcarinal nodes.",
            {"granuloma": "present", "calcified_lymph_node": "present"},
        ),
        ("Lesion in the suprarenal IVC consistent with bland thrombus.", {"thrombus": "present"}),
        (
            "MRI WHOLE SPINE\nKnown cerebellar pilocytic astrocytoma. No drop metastases.",
            {"brain_mass": "present", "leptomeningeal_disease": "absent"},
        ),
        (
            "MRI LUMBAR SPINE\nRecurrent myxopapillary ependymoma at the resection margin at L2.",
            {"mass": "present"},
        ),
        ("SIH: flattening of the pons and effacement of the prepontine cistern.", {}),
        (
            "Local tumour progression of the previously ablated HCC in segment 8.",
            {"tumor_recurrence": "present", "hepatocellular_carcinoma": "present"},
        ),
        ("Gravid uterus with a cervical ectopic pregnancy.", {"ectopic_pregnancy": "present"}),
        ("Colonic gas projects over the right amputation site.", {}),
        ("There is thickened bowel wall.", {"bowel_wall_thickening": "present"}),
        (
            "The conjoint hamstring tendon remains attached to the avulsed fragment with no intrasubstance tendon tear.",
            {"ligament_tear": "absent"},
        ),
    ],
)
def test_review_rv109_rv110(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected_sides"),
    [
        (
            "EXAMINATION: XR LEFT CLAVICLE 2 VIEWS\nFINDINGS: Plate with 6 screws. The plate has fractured.",
            {"orthopedic_hardware": "left", "fracture": "left"},
        ),
        ("XR Right clavicle\nMidshaft clavicle fracture.", {"fracture": "right"}),
        (
            "US LEFT CLAVICLE\n2 cm soft tissue mass in the subcutaneous fat, likely a lipoma.",
            {"mass": "left", "lipoma": "left"},
        ),
        (
            "XR PELVIS AND BOTH KNEES\nLeft knee: Moderate effusion.\nTibial plateau fracture.\nRight knee: Normal.",
            {"joint_effusion": "left", "fracture": "left"},
        ),
        (
            "Left hip: No fracture.\nSclerosis of the femoral head in keeping with avascular necrosis.",
            {"avascular_necrosis": "left"},
        ),
        (
            "XR BOTH HIPS\nRight hip:\nTotal hip arthroplasty.\nThe contralateral acetabulum shows a fracture.",
            {"orthopedic_hardware": "right", "fracture": "left"},
        ),
        ("Partially opacified left maxillary sinus.", {"paranasal_sinus_disease": "left"}),
    ],
)
def test_review_rv109_rv110_sides(text: str, expected_sides: dict[str, str | None]) -> None:
    found = sides(text)
    for code, side in expected_sides.items():
        assert found.get(code) == {side}
