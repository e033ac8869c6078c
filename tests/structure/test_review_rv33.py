"""Review rv33 (held-out musculoskeletal, abdomen and pelvis, ICU and oncology chest, emergency neuro and vascular
inputs written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import asserted, placed, sides


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a one-sided limb study's title said as the first line, without an exam header, gives its side to what the
        # study finds in the limb
        (
            "XR Right shoulder\nFindings: Small impaction fracture of the posterolateral humeral head.",
            "fracture",
            "right",
        ),
        (
            "X-ray left knee AP and lateral (weight-bearing)\nSmall suprapatellar effusion.",
            "joint_effusion",
            "left",
        ),
        (
            "MRI Right Hip\nFindings:\nSmall volume of fluid in the trochanteric bursa in keeping with bursitis.",
            "bursitis",
            "right",
        ),
        (
            "RIGHT FOOT, THREE VIEWS (WEIGHT-BEARING)\nModerate dorsal soft tissue swelling.",
            "soft_tissue_swelling",
            "right",
        ),
        ("LEFT WRIST, 3 VIEWS. Comparison 6 weeks prior.\nDisuse osteopenia.", "osteopenia", "left"),
        ("Right ankle - post op\nSoft tissue swelling.", "soft_tissue_swelling", "right"),
        (
            "XR HUMERUS LEFT 2 VIEWS\nThere is a 3.2 cm lytic lesion in the proximal humeral diaphysis.",
            "lytic_bone_lesion",
            "left",
        ),
        (
            "XR RIGHT SCAPHOID SERIES\nSoft tissue swelling over the radial aspect of the wrist.",
            "soft_tissue_swelling",
            "right",
        ),
        # ... also to a bleed, an abscess, a cyst, a mass or a vessel's calcification in the limb
        (
            "MRI LEFT ELBOW W/O CONTRAST\nHematoma in the antecubital fossa measuring 4.2 x 2.0 x 3.1 cm.",
            "hematoma",
            "left",
        ),
        ("MRI RIGHT FOOT\n1.9 cm rim-enhancing abscess in the plantar soft tissues.", "abscess", "right"),
        ("X-ray left knee\nVascular calcification noted.", "vascular_calcification", "left"),
        ("RIGHT KNEE RADIOGRAPHS\nAssociated soft tissue mass extending posteriorly.", "mass", "right"),
    ],
)
def test_a_limb_studys_title_gives_its_side(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a first line that says more than a study's title is no title
        ("Left knee pain after a fall.\nMild osteoarthritis.", "arthritis"),
        # a chest film's effusion takes no side from a limb named later
        ("XR CHEST 2 VIEWS\nSmall effusion. Left shoulder arthroplasty.", "pleural_effusion"),
    ],
)
def test_no_title_no_limb_side(text: str, code: str) -> None:
    assert sides(text).get(code) == {None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tendon's, a ligament's or the neck's edema is no lungs'
        (
            "MRI Right Hip\nPartial thickness tear of the gluteus medius tendon with surrounding peritendinous oedema.",
            [("ligament_tear", "present")],
        ),
        (
            "Anterior longitudinal ligament disruption at C4-5 with prevertebral oedema.",
            [("ligament_tear", "present")],
        ),
        # a dislocation put back is gone; a fracture-dislocation of the midfoot is a dislocation too
        (
            "Interval reduction of the previously demonstrated anterior glenohumeral dislocation.",
            [("dislocation", "absent")],
        ),
        ("The dislocation has been reduced.", [("dislocation", "absent")]),
        ("Anterior shoulder dislocation, not reduced.", [("dislocation", "present")]),
        ("Lisfranc fracture-dislocation.", [("lisfranc_injury", "present"), ("dislocation", "present")]),
        # words of bone bruises, screws that stick out, an endograft's sac, a fused neck
        ("Bone bruising of the inferomedial patella.", [("bone_contusion", "present")]),
        (
            "One distal screw tip protrudes 2 mm into the radiocarpal joint. Stable intra-articular screw protrusion.",
            [("orthopedic_hardware", "present"), ("hardware_complication", "present")],
        ),
        ("Aneurysm sac measures 5.9 cm, previously 5.6 cm.", [("aortic_aneurysm", "present")]),
        (
            "Prior C5-C7 anterior cervical discectomy and fusion, intact. Intact ACDF C5-7.",
            [("spinal_fusion_hardware", "present"), ("spinal_fusion_hardware", "present")],
        ),
        (
            "Right intercostal catheter with its tip projected over the right apex.",
            [("chest_tube", "present")],
        ),
        ("Bilateral intercostal drains in place.", [("chest_tube", "present")]),
        ("Left ICC removed. No pneumothorax.", [("chest_tube", "absent"), ("pneumothorax", "absent")]),
        ("2.1 cm ICC in segment 7 of the liver.", []),
        ("Bones: mild degen change thoracic spine.", [("degenerative_spine", "present")]),
        ("Coil mass stable.", [("embolization_coils", "present")]),
        # an inflamed sacroiliac joint is an arthritis
        ("Bilateral sacroiliac joint erosions, consistent with sacroiliitis.", [("sacroiliitis", "present")]),
    ],
)
def test_words_and_places_rv33a(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


def test_sacroiliitis_is_an_arthritis() -> None:
    from radpilot.structure.lexicon import ancestors, default_lexicon

    assert "arthritis" in ancestors(default_lexicon(), "sacroiliitis")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a differential's items stay hedged across the semicolons between them
        (
            "Differential includes abscess; necrotic lymph node; or metastasis. No ascites; no free air.",
            [
                ("abscess", "uncertain"),
                ("lymphadenopathy", "uncertain"),
                ("metastasis", "uncertain"),
                ("ascites", "absent"),
                ("pneumoperitoneum", "absent"),
            ],
        ),
        (
            "Findings may represent septic arthritis; inflammatory (e.g. crystal) arthropathy is a differential "
            "consideration.",
            [("septic_arthritis", "uncertain"), ("arthritis", "uncertain")],
        ),
        # a bare wall or stone under the gallbladder's heading is the gallbladder's; a line that opens with another
        # organ's name is that organ's
        (
            "EXAM: US ABDOMEN LIMITED\nGallbladder: Distended with multiple shadowing gallstones. Wall thickened to 6 mm."
            "\nKidneys: no calculi.",
            [
                ("gallstones", "present"),
                ("gallbladder_wall_thickening", "present"),
                ("nephrolithiasis", "absent"),
            ],
        ),
        (
            "US ABDOMEN\nGallbladder: 5 mm polyp. No calculi. Wall not thickened.\nKidneys unremarkable; no "
            "hydronephrosis or calculi.",
            [
                ("gallbladder_polyp", "present"),
                ("gallstones", "absent"),
                ("gallbladder_wall_thickening", "absent"),
                ("hydronephrosis", "absent"),
                ("nephrolithiasis", "absent"),
            ],
        ),
        # a statement and the bare word it holds are one finding
        (
            "Gallbladder is distended with sludge and mild wall thickening.",
            [("gallbladder_wall_thickening", "present"), ("gallbladder_sludge", "present")],
        ),
        # a uterus's bright foci, a bile duct's filling defects, a liver capsule's implants are no brain lesion, clot
        # or device
        (
            "Uterus: Junctional zone diffusely thickened to 16 mm with scattered T2 hyperintense foci, consistent with "
            "adenomyosis.",
            [("adenomyosis", "present")],
        ),
        (
            "The common bile duct is dilated to 11 mm and contains three filling defects in its distal portion, "
            "consistent with choledocholithiasis.",
            [("biliary_dilatation", "present"), ("choledocholithiasis", "present")],
        ),
        (
            "Liver: No parenchymal metastases. Perihepatic capsular implants.",
            [("liver_metastasis", "absent"), ("peritoneal_carcinomatosis", "present")],
        ),
        # a calcified stone or plaque is the stone's or the plaque's
        ("Gallbladder contains several calcified calculi.", [("gallstones", "present")]),
        ("There is moderate calcified atheroma at the SMA origin.", [("vascular_calcification", "present")]),
        ("Extensive calcified aortoiliac atherosclerosis.", [("aortic_atherosclerosis", "present")]),
        ("Kidneys: Atrophy of the left kidney, stable.", [("renal_atrophy", "present")]),
    ],
)
def test_body_readings_rv33b(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report's clinical line is its history
        ("CT CHEST\nClinical: Ventilated, severe hypoxaemia, COVID-19 pneumonia.\nLungs: clear.", []),
        ("CT CHEST\nHx: pneumonia.\nNo consolidation.", [("consolidation", "absent")]),
        # pleura thickened by name, a normal pulmonary artery and aorta in British spelling
        (
            "Moderate loculated right pleural collection with smooth enhancing thickened parietal and visceral pleura.",
            [("pleural_effusion", "present"), ("pleural_thickening", "present")],
        ),
        ("Main PA normal calibre.", [("pulmonary_artery_enlargement", "absent")]),
        ("Ascending aorta 3.6 cm (normal calibre).", [("aortic_dilatation", "absent")]),
        # the diaphragm's opening is no hernia
        (
            "Intramural haematoma from just distal to the left subclavian origin to the diaphragmatic hiatus.",
            [("intramural_hematoma", "present")],
        ),
        # a reading after a semicolon and its hedge hedge the sign before them
        (
            "Brain: Subtle loss of grey-white differentiation in the right insular ribbon; early ischaemia not "
            "excluded.",
            [("acute_infarct", "uncertain"), ("acute_infarct", "uncertain")],
        ),
        ("Evolving acute right cerebellar hemispheric infarct.", [("acute_infarct", "present")]),
        (
            "Mild periventricular white matter low attenuation, nonspecific.",
            [("small_vessel_disease", "present")],
        ),
        # a head study said among the parts of a mixed one is the head's; another neck artery's stenosis stays its own
        (
            "CTA HEAD AND NECK\nNon-contrast head CT performed immediately prior (separately reported): no hemorrhage.",
            [("intracranial_hemorrhage", "absent")],
        ),
        (
            "CTA NECK\nRight ICA: 50% stenosis.\nSevere left vertebral origin stenosis.",
            [("carotid_stenosis", "present"), ("arterial_stenosis", "present")],
        ),
        # a vein looked at on a venous study is no line
        (
            "RIGHT UPPER EXTREMITY VENOUS ULTRASOUND\nIJ, subclavian, axillary and brachial veins patent and "
            "compressible. No deep venous thrombosis.",
            [("deep_vein_thrombosis", "absent")],
        ),
        ("PORTABLE CHEST\nRight IJ tip in the SVC.", [("central_venous_catheter", "present")]),
    ],
)
def test_chest_neuro_vascular_rv33cd(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


def test_lesions_of_both_sides_read_as_metastases() -> None:
    assert placed(
        "Multiple enhancing lesions in both cerebral hemispheres and the right cerebellum, in keeping with metastases."
    ) == [("brain_metastases", "present", "bilateral", "brain")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hand-and-wrist series is the hands': their osteophytes are the joints' wear, not the spine's
        (
            "BOTH HANDS AND WRISTS\nFindings: Marginal osteophytes at the DIP and PIP joints.",
            [("arthritis", "present", None, "hand")],
        ),
        # a plate named by its bone is hardware; a loosening said with a hedge hedges its sign
        (
            "XR LEFT ANKLE\nInterval removal of the syndesmotic screws; the fibular plate remains.",
            [
                ("orthopedic_hardware", "absent", "left", None),
                ("orthopedic_hardware", "present", "left", None),
            ],
        ),
        (
            "XR LEFT KNEE\nNew lucency at the tibial component measuring up to 3 mm, concerning for aseptic loosening.",
            [
                ("lucency", "present", "left", None),
                ("hardware_complication", "uncertain", "left", None),
                ("hardware_complication", "uncertain", "left", None),
            ],
        ),
        # the sides' short forms before what they can be the side of
        ("Impression: Lt simple renal cyst, no f/u.", [("renal_cyst", "present", "left", None)]),
        ("Rt pleural effusion.", [("pleural_effusion", "present", "right", None)]),
        ("Post RT changes of the breast.", []),
        # a hedged reading that opens the clause after a semicolon is where the finding before it is
        (
            "Increased left lower lobe opacity obscuring the left hemidiaphragm; atelectasis versus pneumonia.",
            [
                ("lung_opacity", "present", "left", "lower lobe"),
                ("atelectasis", "uncertain", "left", "lower lobe"),
                ("pneumonia", "uncertain", "left", "lower lobe"),
            ],
        ),
        (
            "Left basilar opacity; possible pneumonia.",
            [("lung_opacity", "present", "left", "base"), ("pneumonia", "uncertain", "left", "base")],
        ),
        # ... not across a denied finding
        (
            "Right pleural effusion; no pneumothorax; possible atelectasis.",
            [
                ("pleural_effusion", "present", "right", None),
                ("pneumothorax", "absent", None, None),
                ("atelectasis", "uncertain", None, None),
            ],
        ),
    ],
)
def test_places_and_sides_rv33(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv34a: a limb's lesion is its bone's; a bone's collapse is no lung's; a shoulder's named lesions are
        # fractures; a tendon's undersurface tear; gas along the fascia; the conus not compressed
        (
            "XR LEFT KNEE 2V\nChondroid matrix lesion in the distal femoral metadiaphysis, 2.1 cm, likely an "
            "enchondroma.",
            [("bone_lesion", "present", "left", "knee"), ("bone_lesion", "uncertain", "left", "knee")],
        ),
        (
            "MRI BOTH HIPS\nRight hip: Geographic subchondral lesion of the femoral head with 3 mm subchondral collapse.",
            [("bone_lesion", "present", "right", "hip")],
        ),
        (
            "Anterior glenohumeral dislocation with Hill-Sachs lesion; ?bony Bankart.",
            [
                ("dislocation", "present", None, "shoulder"),
                ("fracture", "present", None, None),
                ("fracture", "uncertain", None, "shoulder"),
            ],
        ),
        (
            "MRI LEFT HIP\nPartial-thickness undersurface tear of gluteus medius.",
            [("ligament_tear", "present", "left", "hip")],
        ),
        (
            "Extensive gas tracking along the fascial planes of the posterior compartment of the calf.",
            [("subcutaneous_emphysema", "present", None, None)],
        ),
        ("Conus is not compressed.", [("spinal_cord_compression", "absent", None, None)]),
        ("Popliteal (Baker's) cyst with fluid tracking inferiorly.", [("baker_cyst", "present", None, None)]),
        # a spine study's bare screws are its fusion's; a hip's stay a hip's
        (
            "EXAM: CT LUMBAR SPINE\nIncreased bone resorption around both S1 screws, suspicious for loosening.",
            [
                ("spinal_fusion_hardware", "present", "bilateral", None),
                ("hardware_complication", "uncertain", "bilateral", None),
            ],
        ),
        ("XR LEFT HIP\nHip screws intact.", [("orthopedic_hardware", "present", "left", "hip")]),
        # more words of a limb study's title
        (
            "Right knee radiographs, AP and horizontal beam lateral.\nDepressed fracture of the lateral tibial plateau.",
            [("fracture", "present", "right", "knee")],
        ),
        (
            "MRI Right Ankle w/o contrast\nSmall tibiotalar effusion.",
            [("joint_effusion", "present", "right", "ankle")],
        ),
    ],
)
def test_musculoskeletal_rv34a(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv34b: the urinary tract's British and telegraphic words
        (
            "CT KUB\n4 x 3 mm calculus at the L) VUJ.\nR) kidney: 2 mm non-obstructing interpolar calculus. No R) "
            "hydronephrosis.",
            [
                ("ureterolithiasis", "present", "left", "ureter"),
                ("nephrolithiasis", "present", "right", "kidney"),
                ("hydronephrosis", "absent", "right", None),
            ],
        ),
        (
            "The 9 mm proximal left ureteric calculus is unchanged.",
            [("ureterolithiasis", "present", "left", "ureter")],
        ),
        (
            "8 mm calculus within a lower pole calyx of the right moiety.",
            [("nephrolithiasis", "present", "right", "kidney")],
        ),
        (
            "Right double-J ureteric stent in satisfactory position, proximal coil in the renal pelvis and distal coil in "
            "the bladder.",
            [("nonvascular_stent", "present", "right", "ureter")],
        ),
        (
            "US KUB\nRt kidney: no hydro. Small 4mm echogenic focus upper pole ? calculus.",
            [
                ("hydronephrosis", "absent", "right", "kidney"),
                ("nephrolithiasis", "uncertain", "right", "kidney"),
            ],
        ),
        # a gland's flow under its heading, an ovary's stroma, a uterus's wall, an ovarian cyst's nodule, a bleed's
        # clot, an ultrasound category that sees no lesion
        (
            "SCROTAL ULTRASOUND\nLeft testis: 4.6 x 2.8 x 3.1 cm, mildly heterogeneous with markedly increased "
            "vascularity.",
            [],
        ),
        ("Right ovary enlarged with peripherally displaced follicles and oedematous stroma.", []),
        ("The myometrium is heterogeneous with posterior wall asymmetry.", []),
        (
            "Right ovary: 5.2 cm mass containing macroscopic fat and a Rokitansky nodule.",
            [("adnexal_mass", "present", "right", "ovary")],
        ),
        (
            "Moderate volume haemoperitoneum with clot in the pouch of Douglas.",
            [("hemoperitoneum", "present", None, None)],
        ),
        (
            "Liver: nodular surface. No focal liver lesion. LI-RADS US-1 negative.\nGB: sludge, no stones.",
            [
                ("liver_lesion", "absent", None, "liver"),
                ("gallbladder_sludge", "present", None, None),
                ("gallstones", "absent", None, "gallbladder"),
            ],
        ),
        ("Likely a torted appendix testis.", [("appendix_testis_torsion", "uncertain", None, "scrotum")]),
        # review rv34c: a finding not seen on one view is still there; a hedge said as what should be considered;
        # enlarged nodes of the hila are enlarged nodes
        (
            "There is a 1.8 cm nodular opacity over the right mid zone, not clearly seen on the lateral view.",
            [("lung_opacity", "present", "right", "mid lung")],
        ),
        (
            "Enlarged pulmonary artery; pulmonary hypertension should be considered.",
            [
                ("pulmonary_artery_enlargement", "present", None, None),
                ("pulmonary_hypertension", "uncertain", None, None),
            ],
        ),
        (
            "Right hilar lymphadenopathy.",
            [
                ("hilar_enlargement", "present", "right", "perihilar"),
                ("lymphadenopathy", "present", "right", "perihilar"),
            ],
        ),
    ],
)
def test_urinary_pelvic_and_chest_rv34bc(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv34d: an ear's opacification and blunting, a vessel segment that opacifies, a salivary duct's
        # dilatation are no lung's, pleura's or pancreas's
        (
            "Middle ear: Soft tissue opacification of Prussak's space and the epitympanum with blunting of the scutum.",
            [],
        ),
        ("Distal V4 segment opacifies.", []),
        (
            "There is a 7 mm calculus within the distal right Wharton duct with upstream ductal dilatation.",
            [("calculus", "present", "right", None)],
        ),
        # the line of a mixed study that speaks of the head is the head's
        (
            "CTA HEAD AND NECK\nNoncontrast head: ASPECTS 8. No haemorrhage.\nCTA neck: No haemorrhage in the soft "
            "tissues.",
            [("intracranial_hemorrhage", "absent", None, "brain"), ("hematoma", "absent", None, None)],
        ),
    ],
)
def test_neuro_head_and_neck_rv34d(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv35a: a side's letter in a limb study's title; a report's first organ line after its title opens
        # that organ's part (not a one-line report's adjective); the words of emergency reports
        (
            "R SHOULDER XR\nFall onto outstretched arm.\nAnterior glenohumeral dislocation.",
            [("dislocation", "present", "right", "shoulder")],
        ),
        (
            "ULTRASOUND UPPER ABDOMEN\nGallbladder distended with multiple mobile calculi. Wall thickened to 5mm.\n"
            "CBD 4mm. No intrahepatic duct dilatation.",
            [
                ("gallstones", "present", None, "gallbladder"),
                ("gallbladder_wall_thickening", "present", None, "gallbladder"),
                ("biliary_dilatation", "absent", None, None),
            ],
        ),
        (
            "Renal cysts, no hydronephrosis or stones.",
            [
                ("renal_cyst", "present", None, None),
                ("hydronephrosis", "absent", None, None),
                ("calculus", "absent", None, None),
            ],
        ),
        (
            "CT ABDOMEN PELVIS\nPancreas: diffusely oedematous with peripancreatic fat stranding.\nLiver: steatotic.",
            [("fat_stranding", "present", None, "pancreas"), ("hepatic_steatosis", "present", None, "liver")],
        ),
        ("XR LEFT KNEE AP/LAT\nTwisting injury, unable to weight bear.", []),
        ("No extradural collection.", [("epidural_hematoma", "absent", None, None)]),
        (
            "Bilateral femoral arterial calcification.",
            [("vascular_calcification", "present", "bilateral", None)],
        ),
        (
            "Midline laparotomy scar with a small fat-containing ventral hernia.",
            [("abdominal_hernia", "present", None, None)],
        ),
        # a pulmonary infarct's early form is no brain's
        (
            "RLL peripheral consolidation, possible early infarction.",
            [("consolidation", "present", "right", "lower lobe"), ("infarct", "uncertain", None, None)],
        ),
    ],
)
def test_emergency_rv35a(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv35d: a vessel study's bare stent is a vessel's; a calf's subcutaneous oedema is swelling; a
        # thyroid line's lobe is the thyroid's; a breast density that disperses on compression is gone; an aspiration
        # proposed is no infection; a breast's scar is no lung's
        (
            "LOWER EXTREMITY ARTERIAL DUPLEX\nLEFT: Stent in the distal SFA is patent.",
            [("vascular_stent", "present", "left", None)],
        ),
        # (no vascular stent; the duct's stent, review rv88b)
        ("CT ABDOMEN\nStent in the CBD.", [("nonvascular_stent", "present", None, None)]),
        ("Subcutaneous oedema both calves.", [("soft_tissue_swelling", "present", "bilateral", None)]),
        (
            "US Neck\nThe thyroid is normal in size. A 4 mm cystic nodule left lobe (TR1) - no follow-up.",
            [("goiter", "absent", None, "thyroid"), ("thyroid_nodule", "present", "left", "thyroid")],
        ),
        (
            "Spot compression views: the questioned density disperses on compression.",
            [("density", "absent", None, None)],
        ),
        ("Aspiration, proceeding to core biopsy if solid.", []),
        ("US L UOQ: Lumpectomy scar with posterior shadowing, unchanged.", []),
        (
            "Varicose tributaries are noted in the right medial calf.",
            [("venous_insufficiency", "present", "right", None)],
        ),
    ],
)
def test_ultrasound_and_vascular_rv35d(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv35c: a title line whose sentence runs on to the next line; Perthes disease
        (
            "LEFT ELBOW, 2 VIEWS\n4 yo FOOSH.\nVisible posterior fat pad, indicating a joint effusion.",
            [("joint_effusion", "present", "left", "elbow")],
        ),
        ("IMPRESSION: Left Legg-Calve-Perthes disease.", [("avascular_necrosis", "present", "left", None)]),
    ],
)
def test_paediatric_rv35c(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected


def test_a_clock_face_after_the_history_opens_the_findings() -> None:
    # (review rv35d: "Clinical: ...\nAt 3 o'clock periareolar there is ... collection ..., in keeping with a breast
    # abscess"; an age after "At" stays the history's)
    report = structure(
        "ULTRASOUND LEFT BREAST\nClinical: red swelling.\nAt 3 o'clock there is a breast abscess."
    ).report
    assert [s.name for s in report.sections] == ["examination", "history", "findings"]
    report = structure("Clinical: fall.\nAt 65 years old, on warfarin.").report
    assert [s.name for s in report.sections] == ["history"]


def test_interpolar_stones_are_the_kidneys() -> None:
    assert sides(
        "CT KUB\nTwo non-obstructing calculi in the lower pole and interpolar region of the right kidney, 3 mm and 4 mm "
        "respectively."
    ) == {"nephrolithiasis": {"right"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv36 (scored held out first): a ureter's junction with its side's letter; a femoral head's edema
        ("CT KUB\n4 mm calculus at the L VUJ.", [("ureterolithiasis", "present", "left", "ureter")]),
        # osteoarthritis by its short form; the throat's edema is no lung's
        ("Mild left hip OA.", [("arthritis", "present", "left", "hip")]),
        # (the larynx's own airway edema since review rv58d)
        ("Edema of the supraglottic larynx.", [("airway_edema", "present", None, None)]),
        (
            "Right femoral head: Smaller geographic lesion in the anterosuperior femoral head without edema.",
            [("bone_lesion", "present", "right", "hip")],
        ),
    ],
)
def test_after_the_held_out_rv36(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert placed(text) == expected
