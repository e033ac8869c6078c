"""Review rv40 (held-out laterality in every form, report structure edge cases, spine imaging, and ultrasound of the
neck, the scrotum, the limbs' vessels and soft tissues, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the odontoid process is the "peg", no gastrostomy tube
        (
            "CT C-spine\nFindings: Type II odontoid peg fracture with 3 mm posterior displacement of the dens.",
            {"fracture": "present"},
        ),
        # the marrow's infiltration is no lung infiltrate; a marrow lesion is a bone's
        ("MRI WHOLE SPINE\nImpression: Diffuse and focal myelomatous marrow infiltration.", {}),
        ("EXAM: MRI LUMBAR SPINE\nFINDINGS: No suspicious marrow lesion.", {"bone_lesion": "absent"}),
        # a root pushed aside is impinged on
        (
            "A recurrent right paracentral disc extrusion contacts and mildly displaces the right L5 nerve root.",
            {"disc_herniation": "present", "nerve_root_compression": "present"},
        ),
        # only the stenosis is borderline
        (
            "L4-5: Mild bulge, mild facet hypertrophy, borderline central canal stenosis.",
            {"disc_bulge": "present", "degenerative_spine": "present", "spinal_stenosis": "uncertain"},
        ),
        (
            "Small effusion, mild atelectasis, borderline cardiomegaly.",
            {"pleural_effusion": "present", "atelectasis": "present", "cardiomegaly": "uncertain"},
        ),
        # ... and a denial before the comma does not reach it
        (
            "No effusion, borderline cardiomegaly.",
            {"pleural_effusion": "absent", "cardiomegaly": "uncertain"},
        ),
        (
            "No pneumothorax, equivocal small effusion.",
            {"pneumothorax": "absent", "pleural_effusion": "uncertain"},
        ),
        # the spine's hardware and its inflammatory arthritis; a joint's wear
        (
            "MRI LUMBAR SPINE\nFindings: Posterior instrumentation L3-L5 with expected susceptibility artifact.",
            {"spinal_fusion_hardware": "present"},
        ),
        (
            "CERVICAL SPINE RADIOGRAPHS\nAnterior plate and screws at C5-C6 with interbody spacer.",
            {"spinal_fusion_hardware": "present"},
        ),
        (
            "CT CERVICAL SPINE\nBamboo spine appearance with ankylosis of the facet joints and syndesmophytes.",
            {"arthritis": "present"},
        ),
        # a spine study's bare metastasis is the bone's, unless its sentence names another organ
        (
            "CT THORACIC SPINE WITH CONTRAST\nFindings: Expansile lytic lesion in the right T9 pedicle. Findings are "
            "highly suspicious for a metastasis.",
            {"lytic_bone_lesion": "present", "osseous_metastasis": "uncertain"},
        ),
        (
            "MRI SACRUM/COCCYX\nFindings: No soft tissue component or features to suggest metastatic disease.",
            {"osseous_metastasis": "absent"},
        ),
        (
            "CT CHEST\nFindings: Multiple lung nodules, likely metastases.",
            {"nodule": "present", "metastasis": "uncertain"},
        ),
        # atheroma at the carotids is carotid plaque
        ("CT C-spine\nCalcified atheroma at both carotid bifurcations.", {"carotid_plaque": "present"}),
        ("Mild calcified plaque at both carotid bifurcations.", {"carotid_plaque": "present"}),
        # a device's breaking said first is the device's, a bone's break with a device beside it is the bone's
        (
            "CT LUMBAR SPINE\nFracture of the right rod at the L5-S1 level.",
            {"hardware_complication": "present"},
        ),
        (
            "Right femoral neck fracture with intact hip screws.",
            {"fracture": "present", "orthopedic_hardware": "present"},
        ),
        (
            "Dislocation of the right hip prosthesis.",
            {"dislocation": "present", "hardware_complication": "present", "orthopedic_hardware": "present"},
        ),
        # a second finding joined by "and" is no reading of the first
        (
            "CT LUMBAR SPINE\nRight rod fracture at L5-S1 and probable loosening of the left S1 pedicle screw.",
            {"hardware_complication": "present", "spinal_fusion_hardware": "uncertain"},
        ),
    ],
)
def test_spine_rv40(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the scrotum's study by any of its names: its bare torsion and mass are the testis's
        (
            "US Testes\nReport: No torsion. Testes normal in size. No mass.",
            {"testicular_torsion": "absent", "testicular_mass": "absent"},
        ),
        (
            "SCROTAL DOPPLER ULTRASOUND\nTestes normal in size and echotexture, symmetric. No mass.",
            {"testicular_mass": "absent"},
        ),
        (
            "ULTRASOUND SCROTUM\nFINDINGS: 2 cm solid extratesticular mass in the left hemiscrotum.",
            {"mass": "present"},
        ),
        (
            "US SCROTUM - TRAUMA\nLeft testis: A 14 mm avascular area, likely an intratesticular haematoma, although an "
            "underlying lesion cannot be excluded.",
            {"hematoma": "uncertain", "testicular_mass": "uncertain"},
        ),
        # a bare hernia of the groin, the scrotum or the belly wall; the hiatus's on a chest film
        ("US scrotum.\nNo hernia seen on Valsalva bilaterally.", {"abdominal_hernia": "absent"}),
        ("ULTRASOUND SCROTUM\nINGUINAL CANALS: No hernia.", {"abdominal_hernia": "absent"}),
        (
            "US ANTERIOR ABDOMINAL WALL\nIMPRESSION:\nSmall fat-containing supraumbilical (port-site incisional) "
            "hernia, reducible.",
            {"abdominal_hernia": "present"},
        ),
        ("EXAM: CHEST 2 VIEWS\nFINDINGS: Small hernia behind the heart.", {"hiatal_hernia": "present"}),
        # another opening called a hiatus
        (
            "ARTERIAL DUPLEX RIGHT LOWER EXTREMITY\nReconstitution of the popliteal artery at the adductor hiatus.",
            {},
        ),
        # a bare thrombus in a report of a superficial thrombophlebitis that denies a DVT
        (
            "LEFT LEG VENOUS ULTRASOUND\nFindings:\nThere is occlusive thrombus within the left great saphenous vein. "
            "The proximal extent of thrombus is 4.5 cm from the saphenofemoral junction.\nNo DVT.\nConclusion:\n"
            "Superficial thrombophlebitis of the left GSV.",
            {"superficial_thrombophlebitis": "present", "deep_vein_thrombosis": "absent"},
        ),
        (
            "DUPLEX ULTRASOUND LEFT LOWER LIMB VEINS\nNon-compressible popliteal vein containing thrombus. Common "
            "femoral vein compressible. A tubular structure in the superficial medial calf, cannot exclude "
            "superficial thrombophlebitis.\nConclusion: Acute left popliteal DVT.",
            {"deep_vein_thrombosis": "present", "superficial_thrombophlebitis": "uncertain"},
        ),
        # nodes said not suspicious; a bowel wall of normal thickness
        ("US THYROID\nNodes: non suspicious.", {"lymphadenopathy": "absent"}),
        (
            "US GROIN/SCROTUM RIGHT\nNo features of strangulation: bowel wall of normal thickness.",
            {"bowel_wall_thickening": "absent"},
        ),
        # a bare lobe said to be gone on a neck study is no lung's
        ("ULTRASOUND OF THE NECK\nRight lobe: surgically absent.", {}),
        ("CT CHEST\nThe right lower lobe is surgically absent.", {"lung_resection": "present"}),
    ],
)
def test_ultrasound_rv40(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change word right before the statement's abnormal word is that word's
        ("heart size stable mildly enlarged", {"cardiomegaly": "present"}),
        (
            "Heart size stable. Mildly enlarged aorta.",
            {"cardiomegaly": "absent", "aortic_dilatation": "present"},
        ),
        # a heading's statement goes on past a side or a measure in brackets
        (
            "Kidneys: Mildly atrophic bilaterally. No hydronephrosis.",
            {"renal_atrophy": "present", "hydronephrosis": "absent"},
        ),
        (
            "ULTRASOUND ABDOMEN\nLiver: Normal size (14 cm) and echotexture. No focal lesion.",
            {"hepatomegaly": "absent", "liver_lesion": "absent"},
        ),
        # an organ's statement run on after a denial, without stops
        (
            "US abdomen complete\nliver is enlarged measuring 19 cm no focal lesion gallbladder contains layering "
            "sludge no stones",
            {
                "hepatomegaly": "present",
                "lesion": "absent",
                "gallbladder_sludge": "present",
                "gallstones": "absent",
            },
        ),
        # the gullet's wall is no bowel's
        (
            "CT THORAX AND ABDOMEN WITH CONTRAST\nFindings:\nThere is circumferential wall thickening of the distal "
            "oesophagus, maximal thickness 14 mm.",
            {"esophageal_wall_thickening": "present"},
        ),
        # the heart's and the mediastinum's outline said normal together
        (
            "Cardiomediastinal silhouette is within normal limits.",
            {"cardiomegaly": "absent", "mediastinal_widening": "absent"},
        ),
        ("The cardiomediastinal silhouette is enlarged.", {"cardiomegaly": "present"}),
        # a node said indeterminate
        (
            "IMPRESSION: Indeterminate right axillary node - sample at time of biopsy.",
            {"lymphadenopathy": "uncertain"},
        ),
        # a plain film's zone's contusion
        ("Right lower zone contusion.", {"pulmonary_contusion": "present"}),
        (
            "Left upper zone opacity, possibly contusion versus atelectasis.",
            {"lung_opacity": "present", "pulmonary_contusion": "uncertain", "atelectasis": "uncertain"},
        ),
    ],
)
def test_laterality_and_structure_rv40(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("US scrotum.\nR testis normal. R epididymal head cyst 9 mm.", "epididymal_cyst", "right"),
        ("CT C-spine\nCalcified atheroma at both carotid bifurcations.", "carotid_plaque", "bilateral"),
        (
            "MRI SACRUM\nBilateral sacroiliac joint degeneration with small subchondral cysts.",
            "arthritis",
            "bilateral",
        ),
    ],
)
def test_sides_rv40(text: str, code: str, side: str) -> None:
    assert side in sides(text).get(code, set())
