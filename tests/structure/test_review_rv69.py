"""Review rv69 (held-out renal and urinary tract ultrasound and CT, whole-body trauma CT, spine MRI and CT, ICU portable
chest films, written before any output was seen) and the last session's leftovers: what they found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leftover: a bone's fracture that heals beside its hardware is the bone's
        (
            "Plate and screws, with healing fracture.",
            {"orthopedic_hardware": "present", "fracture": "present"},
        ),
        (
            "Plate and screws, with fracture.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        # rv69a, kidneys and bladder: a kidney's size and echogenicity said normal; the bladder's wall said further on;
        # low-density areas placed in the kidneys place what they are read as
        (
            "Right kidney measures 10.9 cm and left kidney 11.3 cm in length, both normal in size. Renal cortical "
            "echogenicity is normal bilaterally with preserved corticomedullary differentiation.",
            {"renal_atrophy": "absent", "medical_renal_disease": "absent"},
        ),
        (
            "Normal renal echogenicity and corticomedullary differentiation.",
            {"medical_renal_disease": "absent"},
        ),
        (
            "Both kidneys are small and echogenic.",
            {"renal_atrophy": "present", "medical_renal_disease": "present"},
        ),
        (
            "Kidneys: Normal size. Left kidney is atrophic.",
            {"renal_atrophy": "present"},
        ),
        (
            "The urinary bladder is moderately distended with diffuse wall thickening up to 9 mm.",
            {"bladder_wall_thickening": "present"},
        ),
        ("The bladder is well distended without wall thickening.", {"bladder_wall_thickening": "absent"}),
        (
            "Several subcentimeter hypodensities in both kidneys are too small to characterize but statistically most "
            "likely represent cysts.",
            {"hypodensity": "present", "renal_cyst": "uncertain"},
        ),
        # (organs listed before one predicate each take it: no "liver and spleen" subject of an injury's statement)
        ("Liver and spleen are normal in size.", {"hepatomegaly": "absent", "splenomegaly": "absent"}),
        (
            "The liver, spleen and kidneys are normal in size.",
            {"hepatomegaly": "absent", "splenomegaly": "absent", "renal_atrophy": "absent"},
        ),
        ("Liver and spleen without laceration.", {"solid_organ_injury": "absent"}),
        # rv69b, trauma shorthand and another study's denial
        ("Multiple L rib #s (2nd-7th).", {"fracture": "present"}),
        ("Image #3 and #45.", {}),
        # ("HTx" is as often a heart transplant; "not seen on the CXR" on a radiograph's own report is its denial: the
        # review of the change)
        ("Lungs: clear, no PTX or HTX.", {"pneumothorax": "absent"}),
        (
            "Orthotopic HTx. Sternotomy wires. No pleural effusion.",
            {"sternotomy_wires": "present", "pleural_effusion": "absent"},
        ),
        ("No active bleed.", {"active_extravasation": "absent"}),
        (
            "CHEST RADIOGRAPH\nFINDINGS: Pneumothorax not seen on the CXR. Lungs clear.",
            {"pneumothorax": "absent"},
        ),
        ("Left lower lobe nodule, not seen on the prior CT.", {"nodule": "present"}),
        # ("#s" after what is numbered is its numbers)
        ("Image #s 23-45 show the lesion.", {"lesion": "present"}),
        ("Patient ID #s do not match.", {}),
        (
            "The haematoma extends to the region of the urogenital diaphragm and the prostate appears elevated.",
            {"hematoma": "present"},
        ),
        (
            "Bilat haemothoraces R>L with bilat ICDs in situ, tips apical.",
            {"hemothorax": "present", "chest_tube": "present"},
        ),
        # rv69c, spine: a spine study's bare edema is no lung's; the spine's normal curves; ligaments, canal, facets
        (
            "MRI L-SPINE\nFINDINGS: Vertical linear T1 hypointense signal with surrounding STIR hyperintense edema in "
            "the left sacral ala.",
            {},
        ),
        ("CT CHEST AND SPINE\nFINDINGS: Mild interstitial edema.", {"pulmonary_edema": "present"}),
        # (the normal curve named is no finding; said normal after it, it is denied; a normal word beside it is
        # another's: the review of the change)
        ("Normal thoracic kyphosis.", {}),
        ("Thoracic kyphosis is normal.", {"kyphosis": "absent"}),
        ("Exaggerated thoracic kyphosis.", {"kyphosis": "present"}),
        ("Mild exaggeration of normal thoracic kyphosis.", {"kyphosis": "present"}),
        ("The normal thoracic kyphosis is exaggerated.", {"kyphosis": "present"}),
        ("Kyphosis, normal disc heights.", {"kyphosis": "present"}),
        ("Marked thoracic kyphosis, normal heart size.", {"kyphosis": "present", "cardiomegaly": "absent"}),
        ("Mineralization is decreased, normal joint spaces.", {}),
        ("Vascular mineralization is normal for age.", {}),
        ("Normal lumbar lordosis and alignment.", {"loss_of_lordosis": "absent"}),
        ("The normal cervical lordosis is straightened.", {"loss_of_lordosis": "present"}),
        ("Normal heart size is prominent left ventricular contour.", {"cardiomegaly": "absent"}),
        (
            "Disruption of the anterior and posterior longitudinal ligaments at C5-6.",
            {"ligament_tear": "present"},
        ),
        (
            "Large disc herniation severely narrowing the central canal.",
            {"disc_herniation": "present", "spinal_stenosis": "present"},
        ),
        (
            "Small left C7-T1 facet joint effusion with periarticular edema, possibly septic facet arthritis.",
            {"joint_effusion": "present", "septic_arthritis": "uncertain"},
        ),
        ("Bone mineralization is normal.", {"osteopenia": "absent"}),
        # (... but the lungs' on a spine study, said with the chest's words, and on a chest film that names the spine)
        (
            "CT THORACIC SPINE\nFINDINGS: Cardiomegaly with mild edema and bilateral pleural effusions.",
            {"cardiomegaly": "present", "pulmonary_edema": "present", "pleural_effusion": "present"},
        ),
        (
            "Cardiomegaly with edema. Degenerative change in the thoracic spine.",
            {"cardiomegaly": "present", "pulmonary_edema": "present", "degenerative_spine": "present"},
        ),
        ("Liver and spleen: no laceration.", {"solid_organ_injury": "absent"}),
        # rv70d, a bone's look and fragment are no lung's density
        ("Femoral epiphyses are symmetric in size and density.", {}),
        ("Small well-corticated ossific density posterior to the talus.", {}),
        (
            "MRI L-SPINE\nFINDINGS: No epidural abscess or hematoma.",
            {"epidural_abscess": "absent", "spinal_epidural_hematoma": "absent"},
        ),
        # rv69d, ICU films: the mediastinum's shift said with its direction first; a device's former site; a port
        # named with its catheter
        (
            "Complete opacification of the left hemithorax with leftward shift of the mediastinum.",
            {"lung_opacity": "present", "mediastinal_shift": "present"},
        ),
        ("Mild leftward shift of the septum pellucidum.", {"midline_shift": "present"}),
        (
            "The right chest tube has been removed. Minimal residual subcutaneous air in the right chest wall at the "
            "former tube site.",
            {"chest_tube": "absent", "subcutaneous_emphysema": "present"},
        ),
        (
            "Left chest wall port catheter with tip at the cavoatrial junction.",
            {"port_catheter": "present"},
        ),
    ],
)
def test_review_rv69(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (what follows the title asks, goes on with the history, asks for something or speaks of another study)
        "Indication: Fever. PA and lateral chest. ?pneumonia.",
        "Indication: ICU patient. Portable AP. Previous left pneumothorax, drain removed.",
        "History: Post-op day 1 CABG. Portable AP. Ensure no pneumothorax.",
        "Clinical history: Lung cancer on chemotherapy. PA chest. Right pleural effusion, for drainage.",
        "Indication: Dyspnoea. AP erect. Pleural effusion on ultrasound yesterday.",
        "Clinical: Trauma. Supine. Exclude PTX.",
    ],
)
def test_a_films_title_does_not_end_a_history_that_goes_on(text: str) -> None:
    assert [s.name for s in parse_report(text).sections] == ["history"]


def test_a_films_title_after_the_history_opens_the_findings() -> None:
    report = parse_report(
        "Indication: COPD exacerbation, intubated. Portable AP chest. Hyperinflated lungs with flattened "
        "hemidiaphragms. No pneumothorax."
    )
    assert [(s.name, s.text) for s in report.sections] == [
        ("history", "COPD exacerbation, intubated."),
        (
            "findings",
            "Portable AP chest. Hyperinflated lungs with flattened hemidiaphragms. No pneumothorax.",
        ),
    ]
    # (a complaint that names a part is no title)
    assert [s.name for s in parse_report("History: cough. Chest pain. Fever.").sections] == ["history"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv70d, a limb film's title said first, with the patient after a comma or a stop
        (
            "L thumb XR. 32M, fell skiing.\nIntra-articular fracture through the base of the first metacarpal.",
            {"fracture": {"left"}},
        ),
        (
            "RIGHT ANKLE, 14 yo F, twisting injury on trampoline.\nFindings: Fracture through the distal tibial physis.",
            {"fracture": {"right"}},
        ),
        (
            "Left elbow XR, 3 yo F, fall at nursery.\nFINDINGS: The anterior fat pad is elevated, indicating an elbow "
            "joint effusion.",
            {"joint_effusion": {"left"}},
        ),
        (
            "R calcaneus, axial and lateral.\nSmall plantar calcaneal enthesophyte.",
            {"enthesophyte": {"right"}},
        ),
        ("Leftward shift of the mediastinum.", {"mediastinal_shift": {"left"}}),
        ("Multiple L rib #s (2nd-7th).", {"fracture": {"left"}}),
    ],
)
def test_the_sides_rv69_found(text: str, expected: dict[str, set[str]]) -> None:
    assert sides(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv70a, head CT: small vessel change without "ischaemic"; a head study's venous thrombosis is the sinuses',
        # said as what a finding can accompany, in doubt
        (
            "Stable mild generalised volume loss and chronic small vessel change.",
            {"volume_loss": "present", "small_vessel_disease": "present"},
        ),
        ("US LEFT LEG VENOUS\nFINDINGS: No venous thrombosis.", {"deep_vein_thrombosis": "absent"}),
        # rv70b, lung cancer CT: the study's purpose is no mass; a comparison said on the history's line ends it
        ("Low-dose CT chest for lung cancer surveillance.", {}),
        ("CT chest for lung cancer staging.", {}),
        # (... not the staged tumour named: the review of the change)
        ("Impression: Left lower lobe lung cancer staging T3N2M0.", {"mass": "present"}),
        # (a bare small vessel change may be a foot's or a kidney's; a head study's limb or neck vein is a DVT)
        (
            "XR foot: Extensive vascular calcification in keeping with diabetic small vessel change.",
            {"vascular_calcification": "present"},
        ),
        (
            "CT head: no acute intracranial abnormality. Patient anticoagulated for recent venous thrombosis in the calf.",
            {"deep_vein_thrombosis": "present"},
        ),
        # rv70c, the acute abdomen: both organs in one word; a perforated diverticulitis or bulbar ulcer is a
        # perforation; a rupture said before the aneurysm's size; the mesentery's haziness
        ("Hepatosplenomegaly, spleen 16 cm.", {"hepatomegaly": "present", "splenomegaly": "present"}),
        ("No hepatosplenomegaly.", {"hepatomegaly": "absent", "splenomegaly": "absent"}),
        (
            "Impression: Perforated sigmoid diverticulitis with pelvic abscess.",
            {"diverticulitis": "present", "bowel_perforation": "present", "abscess": "present"},
        ),
        ("Perforated duodenal bulb ulcer.", {"bowel_perforation": "present"}),
        ("Mild wall thickening with mesenteric haziness.", {"bowel_wall_thickening": "present"}),
    ],
)
def test_review_rv70(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv71a/b/d: a headerless report's first sentence that names the study and what it is for is its title
        (
            "CT angiogram of the chest for PE. No pulmonary arterial filling defects.",
            {"pulmonary_embolism": "absent"},
        ),
        (
            "CTA chest PE protocol. L chest wall dual-chamber pacemaker. No PE.",
            {"cardiac_pacemaker": "present", "pulmonary_embolism": "absent"},
        ),
        (
            "CTPA neg for PE. Aorta nml caliber.",
            {"pulmonary_embolism": "absent", "aortic_dilatation": "absent"},
        ),
        # rv71c, knee and shoulder MRI: the knee's menisci and pes anserine; arthrosis; cartilage loss; the horns'
        # initials; a complete tear
        # (the cruciates and collaterals said short are the ligaments, review rv100b)
        ("Menisci, cruciates and collaterals intact.", {"ligament_tear": "absent"}),
        (
            "Blunting with a meniscus at the left base.",
            {"costophrenic_blunting": "present", "pleural_effusion": "present"},
        ),
        ("Fluid distension of the pes anserine bursa, consistent with bursitis.", {"bursitis": "present"}),
        ("Bilateral PEs.", {"pulmonary_embolism": "present"}),
        ("Mild AC joint arthrosis.", {"arthritis": "present"}),
        (
            "Full-thickness cartilage loss over the posterior glenoid and humeral head.",
            {"chondromalacia": "present"},
        ),
        ("No PHMM tear.", {"meniscal_tear": "absent"}),
        ("Complex tear of the PHLM.", {"meniscal_tear": "present"}),
        ("Intrasubstance signal in PHMM not reaching the articular surface, no tear.", {}),
        # (a head study's venous thrombosis is the sinuses')
        (
            "CT HEAD\nFINDINGS: Hyperdense right transverse sinus in keeping with venous thrombosis.",
            {"venous_sinus_thrombosis": "present"},
        ),
        (
            "CT head.\nFall on enoxaparin for venous thrombosis. No intracranial bleed.",
            {"deep_vein_thrombosis": "present", "intracranial_hemorrhage": "absent"},
        ),
        # (a first sentence with a finding after its question is no title)
        (
            "CT head for fall, small right SDH. No midline shift.",
            {"subdural_hematoma": "present", "midline_shift": "absent"},
        ),
        (
            "CT chest for PE with saddle embolus. Right heart strain.",
            {"pulmonary_embolism": "present", "right_heart_strain": "present"},
        ),
    ],
)
def test_review_rv71(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (a history that goes on after its comparison with what the prior showed, a question or a request)
        "History: SOB. Comparison CXR 1 month prior, which showed bilateral effusions and pulmonary oedema. Now resolved.",
    ],
)
def test_a_comparison_on_the_history_line_ends_it_only_before_findings(text: str) -> None:
    assert [s.name for s in parse_report(text).sections] == ["history"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (two parts' titles, or a finding after the comma, give no study's side)
        ("Left hip, right knee, 70F, fall.\nNondisplaced fracture of the patella.", {"fracture": {None}}),
    ],
)
def test_no_side_from_a_title_that_is_no_single_limbs(
    text: str, expected: dict[str, set[str | None]]
) -> None:
    assert sides(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # (a denial said on the history's line is as often a symptom, a sign or another study's result: the review of
        # the change took the rule that ended the history there back out)
        "Hx: productive cough 2/52. No haemoptysis. Ex-smoker 40 pack years. ?lung mass.",
        "History: pleuritic chest pain. No leg swelling. Exclude PE.",
        "Reason: chest pain. No PE on CTPA yesterday.",
    ],
)
def test_a_denial_on_the_history_line_stays_the_historys(text: str) -> None:
    assert [s.name for s in parse_report(text).sections] == ["history"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nodule given its TI-RADS category is the thyroid's, with no exam line too (review rv71a)
        (
            "Right lobe: 8 mm solid hypoechoic nodule, wider-than-tall, smooth margins, no echogenic foci (TR4).",
            {"thyroid_nodule": "present"},
        ),
        ("Left lobe 1.1 cm solid nodule, ACR TI-RADS 4.", {"thyroid_nodule": "present"}),
        ("8 mm RUL solid nodule. Lung-RADS 3.", {"solid_nodule": "present"}),
    ],
)
def test_a_ti_rads_category_places_the_nodule(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv72a: the bowel's oedema and wall vascularity are no lung's
        ("The ileocaecal valve is oedematous.", {}),
        (
            "Terminal ileum wall thickening with increased mural vascularity.",
            {"bowel_wall_thickening": "present"},
        ),
        (
            "No free fluid or inflammatory fat change in the RIF.",
            {"free_fluid": "absent", "fat_stranding": "absent"},
        ),
        # (not the colon or a mural thrombus a chest film names, nor an appendicitis's fat: the review of the change)
        (
            "Mild vascular congestion with gaseous distension of the colon under the left hemidiaphragm.",
            {"vascular_congestion": "present"},
        ),
        ("Bibasal oedema with dilated caecum under the right hemidiaphragm.", {"pulmonary_edema": "present"}),
        (
            "Intramural haematoma of the descending aorta posterior to the oesophagus.",
            {"intramural_hematoma": "present"},
        ),
        # (the inflamed fat is the fat's stranding, as "inflamed mesenteric fat" is: review rv72a)
        (
            "Non-compressible appendix 9 mm with inflamed periappendiceal fat.",
            {"appendicitis": "present", "fat_stranding": "present"},
        ),
        # (a history's line ends at the film's own denials and normal organs when all the line says after them is
        # what the film shows: review rv72d, rv73c)
        (
            "CXR PA/LAT. Hx: cough. Lungs clear. No consolidation, effusion, or PTX.",
            {"consolidation": "absent", "pleural_effusion": "absent", "pneumothorax": "absent"},
        ),
    ],
)
def test_review_rv72(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
