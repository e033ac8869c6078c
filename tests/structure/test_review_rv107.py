"""Reviews rv107 (emergency face and neck imaging; upper GI fluoroscopy and swallow studies; systemic disease; spinal
trauma), rv108 (non-acute neuroradiology; abdominal wall, hernia and soft tissue imaging; airways and obstructive lung
disease; nephrology and dialysis imaging) and rv109 (orthopaedic post-operative imaging; paediatric neuro and spine;
chest imaging after cardiac surgery; diabetic foot and musculoskeletal infection), written before any output was
seen: what they found, and what the reviews of the change kept the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a neck space's and the jaw muscles' oedema, a neck artery's wall
        ("Rib deformity.", {"bone_deformity": "present"}),
        (
            "Retropharyngeal space: small amount of reactive edema; no retropharyngeal abscess.",
            {"abscess": "absent"},
        ),
        ("Oedema and enhancement of the left masseter and medial pterygoid muscles.", {}),
        ("Epididymal oedema.", {}),
        ("Right CCA: smooth mural thickening without luminal narrowing.", {}),
        ("Mural thickening of the terminal ileum.", {"bowel_wall_thickening": "present"}),
        # a pedicle screw's breach, a gastric band's slip, a migrated PD catheter (still there)
        (
            "The left L2 pedicle screw breaches the medial pedicle wall by approximately 4 mm.",
            {"spinal_fusion_hardware": "present", "hardware_complication": "present"},
        ),
        ("Findings consistent with band slippage.", {"hardware_complication": "present"}),
        (
            "Migrated PD catheter, now in the LUQ.",
            {"hardware_complication": "present", "support_device": "present"},
        ),
        # what fish bones are in general, a deformity put right, a hernia repaired
        (
            "No radio-opaque foreign body seen. ENT review recommended as fish bones are frequently radiolucent.",
            {"foreign_body": "absent"},
        ),
        ("NB many fish bones are not radio-opaque; if symptoms persist, ENT review advised.", {}),
        ("A fish bone is lodged in the left piriform fossa.", {"foreign_body": "present"}),
        ("Kyphosis has been corrected.", {}),
        ("The scoliosis has been partially corrected.", {"scoliosis": "present"}),
        (
            "Previously seen hiatal hernia has been repaired; no residual hernia.",
            {"hiatal_hernia": "absent"},
        ),
        # the cord's signal, a neck artery's dissection on a C-spine study
        (
            "There is ill-defined T2/STIR hyperintense signal within the central cord extending from C3 to C5.",
            {"cord_signal_abnormality": "present"},
        ),
        (
            "MRI C-SPINE\nFINDINGS: The normal flow void of the left vertebral artery is absent - ? occlusion or dissection.",
            {"large_vessel_occlusion": "absent", "cervical_artery_dissection": "uncertain"},
        ),
        # an epilepsy study's lesions, small vessel disease by other names, NPH, the brain's cavity, a bone's haemangioma
        ("Left hippocampal sclerosis.", {"brain_lesion": "present"}),
        (
            "Mild blurring of the grey-white matter junction; an associated focal cortical dysplasia cannot be excluded.",
            {"brain_lesion": "uncertain"},
        ),
        (
            "These could reflect migraine-related change or minor microvascular change.",
            {"small_vessel_disease": "uncertain"},
        ),
        (
            "Extensive leukoencephalopathy, highly suggestive of CADASIL.",
            # (the white matter's disease is there, whatever it is: review rv109b)
            {"small_vessel_disease": "uncertain", "white_matter_lesions": "present"},
        ),
        ("Superimposed NPH cannot be excluded.", {"hydrocephalus": "uncertain"}),
        (
            "Old lobar haemorrhage cavity in the right parietal lobe with a haemosiderin rim.",
            {"intracranial_hemorrhage": "present"},
        ),
        ("Cavity in the right upper lobe.", {"cavitary_lesion": "present"}),
        (
            "Incidental right parietal bone lesion, likely haemangioma.",
            {"bone_lesion": "present"},
        ),
        ("Liver: 2 cm haemangioma in segment 6.", {"hepatic_hemangioma": "present"}),
        ("Mild tortuosity of both optic nerves.", {}),
        # an appendix not inflamed, a hedge in British words
        ("Right inguinal hernia containing a non-inflamed appendix.", {"abdominal_hernia": "present"}),
        (
            "Small bowel obstruction with features worrying for ischaemia of the herniated loop.",
            {"bowel_obstruction": "present", "mesenteric_ischemia": "uncertain"},
        ),
        # an airway's narrowing is no artery's; a tracheostomy of the past
        ("Post-tracheostomy tracheal stenosis, 18 mm in length.", {}),
        ("Left main bronchus stenosis.", {}),
        ("Tracheal stenosis at the level of the previous tracheostomy stoma.", {}),
        ("Tracheostomy tube tip 4 cm above the carina.", {"tracheostomy_tube": "present"}),
        ("Severe left renal artery stenosis.", {"arterial_stenosis": "present"}),
        # veins' stents, an arm's arteries' calcium, a port by its long name, lung valves
        (
            "The cephalic arch stent is patent with no in-stent narrowing.",
            {"vascular_stent": "present", "stent": "absent"},
        ),
        ("Bilateral radial artery calcification.", {"vascular_calcification": "present"}),
        (
            "Left-sided totally implantable venous access device with catheter tip at the cavoatrial junction.",
            {"port_catheter": "present"},
        ),
        (
            "Three endobronchial valves in situ within the left upper lobe segmental bronchi.",
            {"support_device": "present"},
        ),
        # the liver's sign hedged with its reading, the hila's nodes with another station's, the sinuses listed
        (
            "Nodular liver contour with caudate lobe hypertrophy, suggestive of cirrhosis.",
            {"cirrhosis": "uncertain"},
        ),
        (
            "Enlarged hilar and subcarinal lymph nodes.",
            {"lymphadenopathy": "present", "hilar_enlargement": "present"},
        ),
        (
            "No enlarged hilar and mediastinal lymph nodes.",
            {"lymphadenopathy": "absent", "hilar_enlargement": "absent"},
        ),
        # what the reviews of the change kept the rules from reading: a tube in an old tracheostomy, a bone's
        # deformity by the globe, valves still to be placed, calcium beside an artery, a ureteric stent by a vein,
        # fish bones seen, a lung's cavity beside the brain's, the heart's small vessels, the spermatic cord, a
        # tumour's breach, the iliotibial band, an angulation corrected, the other hernia repaired, the aorta on a
        # C-spine study, the nasopharynx by the sinuses
        ("Old tracheostomy tube in situ, tip 4 cm above the carina.", {"tracheostomy_tube": "present"}),
        ("Deformity of the left orbital floor with the globe intact.", {"bone_deformity": "present"}),
        ("Complete left major fissure, favourable for endobronchial valve placement.", {}),
        (
            "Dystrophic soft tissue calcification adjacent to the brachial artery.",
            {"calcification": "present"},
        ),
        ("Nephroureteric stent, crossing the iliac vein.", {"stent": "present"}),
        ("Many fish bones in the oesophagus.", {"foreign_body": "present"}),
        (
            "Cavitating lung metastases and cerebral metastases.",
            {"cavitary_lesion": "present", "pulmonary_metastases": "present", "brain_metastases": "present"},
        ),
        ("Coronary microvascular change cannot be excluded on this cardiac MRI.", {}),
        ("STIR hyperintense signal along the right spermatic cord.", {}),
        ("There is lateral breach of the tibial cortex by the osteosarcoma.", {}),
        (
            "Medial breach of the left L5 pedicle screw without thecal sac contact.",
            {"hardware_complication": "present", "spinal_fusion_hardware": "present"},
        ),
        ("Iliotibial band slippage over the greater trochanter on dynamic ultrasound.", {}),
        ("Distal radius fracture whose dorsal angulation has been corrected.", {"fracture": "present"}),
        ("Bilateral inguinal hernias, the left has been repaired.", {"abdominal_hernia": "present"}),
        (
            "EXAMINATION: CT C-SPINE\nFindings: No fracture. Incidental intimal flap in the visualised aortic arch.",
            {"fracture": "absent", "aortic_dissection": "present"},
        ),
        ("Mucosal thickening in the nasopharynx, adjacent to the sphenoid sinuses.", {}),
        (
            "Acute left subdural haematoma and a right frontal subdural hygroma.",
            {"subdural_hematoma": "present", "subdural_hygroma": "present"},
        ),
        (
            "Incidental mucus retention cyst in the right maxillary sinus.",
            {"paranasal_sinus_disease": "present"},
        ),
        (
            "Appearances favour right peritonsillar phlegmon; a small early quinsy cannot be excluded.",
            {"phlegmon": "uncertain", "abscess": "uncertain"},
        ),
        (
            "Intramedullary T2 hyperintensity at C5-6, suspicious for oedema/myelopathy.",
            {"cord_signal_abnormality": "present"},
        ),
        (
            "Mild chronic microvascular change in the periventricular white matter.",
            {"small_vessel_disease": "present"},
        ),
        ("Brachial artery tortuous.", {}),
        # rv109: a lucency about a device, a joint in place, an infant's skull shape and its sutures, a shunt's
        # fracture and over-drainage, a sternal dehiscence, a septic sacroiliac joint, a limb MRI's title with its
        # contrast (not the femur's lesion by its vessels)
        (
            "No periprosthetic lucency at the bone-cement interfaces.",
            {"hardware_complication": "absent", "lucency": "absent"},
        ),
        (
            "A 1-2 mm lucent halo now surrounds the distal half of the screw.",
            {"lucency": "present", "orthopedic_hardware": "present"},
        ),
        ("Hip located.", {}),
        ("The left hip has been reduced and is now concentrically located.", {"dislocation": "absent"}),
        (
            "Features consistent with sagittal craniosynostosis (scaphocephaly).",
            {"bone_deformity": "present"},
        ),
        ("Patent sutures. No sonographic evidence of craniosynostosis.", {"bone_deformity": "absent"}),
        (
            "Coronal reformats show surgical sutures along the ileocolic anastomosis.",
            {"surgical_sutures": "present"},
        ),
        ("No radiographic evidence of shunt fracture or disconnection.", {"shunt_malfunction": "absent"}),
        (
            "Slit ventricles and new bilateral subdural hygromas; appearances in keeping with shunt over-drainage.",
            {"subdural_hygroma": "present", "shunt_malfunction": "present"},
        ),
        (
            "Sternal dehiscence with a retrosternal collection.",
            {"hardware_complication": "present", "fluid_collection": "present"},
        ),
        (
            "Right septic sacroiliitis with adjacent iliacus abscess.",
            {"sacroiliitis": "present", "abscess": "present", "septic_arthritis": "present"},
        ),
        (
            "MRI LEFT THIGH (pre and post gadolinium)\nFindings: Diffuse oedema and enlargement of the vastus lateralis.",
            {"soft_tissue_swelling": "present"},
        ),
        (
            "MRI Right Thigh with and without gadolinium\nFindings: The lesion abuts but does not encase the superficial femoral artery and vein.",
            {"lesion": "present"},
        ),
        (
            "XR LEFT FEMUR\nFindings: Lytic lesion in the distal femoral metaphysis.",
            {"lytic_bone_lesion": "present"},
        ),
        # ... and what the second round of reviews kept them from reading
        (
            "Left acute subdural, 8 mm, with a contralateral right frontal hygroma.",
            {"subdural_hematoma": "present", "subdural_hygroma": "present"},
        ),
        ("Small mucous retention cyst in the left vallecula.", {"cyst": "present"}),
        (
            "Incidental mucus retention cyst in the right maxillary sinus.",
            {"paranasal_sinus_disease": "present"},
        ),
        ("The humeral head is located inferior to the glenoid.", {}),
        (
            "Postoperative changes of L4-S1 posterior fusion with surgical sutures in the soft tissues.",
            {"surgical_sutures": "present"},
        ),
        (
            "Moderate small vessel ischaemic change in this patient with coronary artery disease.",
            {"small_vessel_disease": "present"},
        ),
        ("Coronary microvascular change cannot be excluded on this cardiac MRI.", {}),
        (
            "Cavitating RUL mass; known frontal lobe metastasis.",
            {"cavitary_lesion": "present", "mass": "present", "brain_metastases": "present"},
        ),
        ("Scoliosis has been corrected to 20 degrees with residual lumbar curve.", {"scoliosis": "present"}),
        (
            "Coarctation has been repaired with mild residual narrowing at the isthmus.",
            {"arterial_stenosis": "present"},
        ),
        ("CSF overdrainage via the lumbar drain.", {"drainage_catheter": "present"}),
        ("The physis is seen as a normal radiolucent line.", {}),
        (
            "CXR: No sternal wire fracture. Sternotomy wires.",
            {"hardware_complication": "absent", "sternotomy_wires": "present"},
        ),
        ("Mild brachycephaly, within the normal range.", {}),
        (
            "MRI RIGHT FEMUR\nFindings: 4 cm enhancing lesion with surrounding soft tissue oedema.",
            {"bone_lesion": "present", "soft_tissue_swelling": "present"},
        ),
        (
            "MRI LEFT HUMERUS\nFindings: Enhancing lesion with cortical destruction and soft tissue extension.",
            {"bone_lesion": "present"},
        ),
        ("MRI RIGHT KNEE\nFindings: Lesion within the medial gastrocnemius muscle.", {"lesion": "present"}),
        (
            "CTA NECK\nFindings: Left V3 segment: short intimal flap at the level of the C1 arch.",
            {"cervical_artery_dissection": "present"},
        ),
        (
            "Left convexity subdural collection measuring 12 mm with 5 mm midline shift and a small contralateral hygroma.",
            {"subdural_hematoma": "present", "midline_shift": "present", "subdural_hygroma": "present"},
        ),
        ("Myocardial microvascular change is suspected.", {}),
        (
            "CARDIAC CT: Mild PVL around the TAVI prosthesis.",
            {"prosthetic_heart_valve": "present", "support_device": "present"},
        ),
        (
            "EXAMINATION: CT C-SPINE\nFindings: Incidental intimal flap in the superior mediastinum.",
            {"aortic_dissection": "present"},
        ),
        ("? early PVL vs transient flare.", {"white_matter_lesions": "uncertain"}),
        # a device with its side where a denied finding would be is there (the session's end-to-end check)
        (
            "No periprosthetic lucency around the right hip arthroplasty.",
            {"hardware_complication": "absent", "orthopedic_hardware": "present", "lucency": "absent"},
        ),
        (
            "No lucency around the left screws.",
            {"lucency": "absent", "hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "Calcified plaque in both common iliac arteries without significant narrowing.",
            {"vascular_calcification": "present", "arterial_stenosis": "absent"},
        ),
        # a nail's broken screw, a stem sinking (not a swelling subsiding, the brain stem, the MCA's stem), a
        # revision's spacer, an infected joint replacement (not another prosthesis's infection)
        (
            "One of the two distal interlocking screws is fractured, with the fragments slightly displaced.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        ("The stem has subsided by 11 mm compared with 2022.", {"hardware_complication": "present"}),
        ("Mass effect on the brain stem has subsided.", {"mass_effect": "absent"}),
        (
            "The haematoma around the hip prosthesis has subsided.",
            {"hematoma": "absent", "orthopedic_hardware": "present"},
        ),
        ("Left MCA stem occlusion.", {"large_vessel_occlusion": "present"}),
        (
            "Articulating antibiotic-loaded cement spacer in situ, with antibiotic beads in the suprapatellar pouch.",
            {"orthopedic_hardware": "present"},
        ),
        (
            "Large effusion and prepatellar abscess with sinus tract, in keeping with prosthetic joint infection.",
            {
                "pleural_effusion": "present",
                "abscess": "present",
                "septic_arthritis": "present",
                "hardware_complication": "present",
            },
        ),
        (
            "Periprosthetic infection of the aortic stent graft.",
            {"infection": "present", "vascular_stent": "present"},
        ),
    ],
)
def test_review_rv107_rv108(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected_sides"),
    [
        ("Small atrophic kidneys with vascular calcification.", {"renal_atrophy": "bilateral"}),
        ("Kidneys small and atrophic, in keeping with ESKD.", {"renal_atrophy": "bilateral"}),
        ("Echogenic kidneys.", {"medical_renal_disease": None}),
        (
            "US Right Wrist - dorsal lump\nFindings: There is an anechoic multilocular cyst measuring 11 x 7 mm.",
            {"cyst": "right"},
        ),
        (
            "MRI LEFT THIGH (pre and post contrast)\nFindings: There is an 11.5 cm predominantly fatty mass.",
            {"mass": "left"},
        ),
        ("A stent projects over the left brachiocephalic vein, unchanged.", {"vascular_stent": "left"}),
        # one of the kidneys, a complaint's side before a study of both, the hila's nodes with another station's
        ("Kidneys: one is small and atrophic, the other normal.", {"renal_atrophy": None}),
        ("Tiny AML in one of the kidneys.", {"angiomyolipoma": None}),
        (
            "Right knee swelling\nXR BOTH KNEES: Osteoarthritis. Chondrocalcinosis. Joint effusion.",
            {"joint_effusion": None},
        ),
        ("Enlarged hilar and subcarinal lymph nodes (up to 14 mm short axis).", {"lymphadenopathy": None}),
    ],
)
def test_review_rv107_rv108_sides(text: str, expected_sides: dict[str, str | None]) -> None:
    found = sides(text)
    for code, side in expected_sides.items():
        assert found.get(code) == {side}
