"""Review rv72 (paediatric abdominal US, gynaecological US, oncology PET-CT, emergency chest films) and rv73 (chronic
lung disease CT, hepatobiliary and pancreatic imaging, older patients after a fall, inpatient and post-operative chest
films), written before any output was seen: what they found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dermoid's fat floating on its fluid is no joint's, however the sentence runs on; a joint's still is
        (
            "Right ovary contains a 4.2 x 3.6 cm echogenic mass with an echogenic dermoid plug casting posterior "
            "acoustic shadowing and a fat-fluid level.",
            {"adnexal_mass": "present", "ovarian_cyst": "present"},
        ),
        (
            "Large knee joint effusion with a fat-fluid level.",
            {"joint_effusion": "present", "lipohemarthrosis": "present"},
        ),
        # the uterus's perforation by an IUD is no bowel's
        (
            "Malpositioned IUCD with myometrial embedment of the left arm; partial perforation cannot be excluded.",
            {"intrauterine_device": "present", "iud_malposition": "present"},
        ),
        (
            "Mirena in situ with the shaft in the endometrial cavity. No myometrial embedment or displacement.",
            {"intrauterine_device": "present", "iud_malposition": "absent"},
        ),
        # (the review of the change: a joint's fat-fluid level beside the ovaries, the bowel's perforation beside an
        # IUD, the device named after its denied embedment)
        (
            "Fat-fluid level in the knee joint; the ovaries are not imaged.",
            {"lipohemarthrosis": "present"},
        ),
        (
            "Pneumoperitoneum consistent with bowel perforation; IUD in place.",
            {"pneumoperitoneum": "present", "bowel_perforation": "present", "intrauterine_device": "present"},
        ),
        ("No myometrial embedment of the IUD.", {"iud_malposition": "absent"}),
        # the ultrasound's inflamed fat
        ("The periappendiceal fat is echogenic and inflamed.", {"fat_stranding": "present"}),
        ("There is inflamed colon.", {"colitis": "present"}),
        # nodes: the dictated LN, a conglomerate, another organ's hilum, a small amount of disease
        ("Mesenteric nodal conglomerate decreased to 4.5 x 2.8 cm.", {"lymphadenopathy": "present"}),
        ("Mild splenic hilar lymphadenopathy, largest 1.4 cm.", {"lymphadenopathy": "present"}),
        ("Stable low-volume bilateral pelvic and inguinal adenopathy.", {"lymphadenopathy": "present"}),
        ("Low-volume ascites.", {"ascites": "present"}),
        ("Low volume study.", {"low_lung_volumes": "present"}),
        (
            "Low lung volumes and mediastinal adenopathy.",
            {"low_lung_volumes": "present", "lymphadenopathy": "present"},
        ),
        (
            "Subcentimeter nodes with enlarged para-aortic nodes up to 2 cm.",
            {"lymphadenopathy": "present"},
        ),
        (
            "Borderline enlarged mediastinal lymph nodes measuring up to 10 mm in short axis.",
            {"lymphadenopathy": "uncertain"},
        ),
        ("Some of the nodes contain punctate calcification.", {"calcified_lymph_node": "present"}),
        # a history's "documented prior" pregnancy, a stent into the stomach, gas in the gallbladder's wall
        (
            "Findings are consistent with emphysematous cholecystitis with gangrenous change.",
            {"cholecystitis": "present"},
        ),
        (
            "Interval decrease of walled-off necrosis with a lumen-apposing metal stent in place.",
            {"nonvascular_stent": "present", "fluid_collection": "present"},
        ),
        # the fat around the pancreas, its oedema and its stranding
        (
            "The previously seen peripancreatic edema and stranding have resolved.",
            {"fat_stranding": "absent"},
        ),
        ("Perihilar haziness and stranding.", {"pulmonary_edema": "present"}),
        # a sentence about one organ places its lesion there, denied too
        (
            "Liver normal in size and echogenicity without focal lesion.",
            {"hepatomegaly": "absent", "liver_lesion": "absent"},
        ),
        ("Spleen normal in size, no focal lesion.", {"splenomegaly": "absent", "splenic_lesion": "absent"}),
        # (not an organ taken out)
        (
            "Thyroid cancer status post thyroidectomy with a new 8 mm nodule.",
            {"thyroid_nodule": "present", "nodule": "present"},
        ),
        # chest: the mediastinum wider, a hemithorax small, the CT's three densities
        (
            "The mediastinum is wider than on the prior film, measuring 9.5 cm.",
            {"mediastinal_widening": "present"},
        ),
        ("Increased mediastinal width.", {"mediastinal_widening": "present"}),
        ("The left hemithorax is diminished in volume.", {"volume_loss": "present"}),
        (
            "On expiratory images there is extensive lobular air trapping, producing a three-density pattern.",
            {"air_trapping": "present"},
        ),
        (
            "Scattered lobules of decreased attenuation on inspiration with corresponding air trapping.",
            {"air_trapping": "present"},
        ),
        # head and bones: two choices each read; a study's limit hedges nothing; the wrist's and the sinus's words
        (
            "Collections which may represent subdural hygromas or chronic subdural haematomas.",
            {"subdural_hygroma": "uncertain", "subdural_hematoma": "uncertain"},
        ),
        (
            "The bones are mildly osteopenic, which limits sensitivity for a nondisplaced fracture.",
            {"osteopenia": "present"},
        ),
        ("LEFT WRIST: Degenerative changes at the STT joint.", {"arthritis": "present"}),
        ("Partially opacified right mastoid air cells.", {"mastoid_effusion": "present"}),
        # (the review of the change: a reference range is no artery said normal, a sinus clear now is no disease)
        ("Main pulmonary artery 3.2 cm (normal < 2.9 cm).", {}),
        ("Previously opacified left maxillary sinus is now clear.", {}),
    ],
)
def test_review_rv72_rv73(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-line report whose history goes on into the film's own denials and normal organs (reviews rv72d,
        # rv73c): the findings start there
        (
            "CXR PA/LAT. Hx: cough. Lungs clear. No consolidation, effusion, or PTX. Nl heart size. Impression: NAD.",
            {
                "consolidation": "absent",
                "pleural_effusion": "absent",
                "pneumothorax": "absent",
                "cardiomegaly": "absent",
            },
        ),
        (
            "CT HEAD W/O. Hx: 88F fall, hit head, on apixaban. No acute intracranial haemorrhage or mass effect. No "
            "midline shift. Grey-white differentiation preserved. No skull fracture.",
            {
                "intracranial_hemorrhage": "absent",
                "mass_effect": "absent",
                "midline_shift": "absent",
                "fracture": "absent",
            },
        ),
        (
            "US PELVIS TV. Hx: postmenopausal bleeding. Uterus 7.2 cm, retroverted. No free fluid.",
            {"free_fluid": "absent"},
        ),
        # (rv76a, written at the end: the lungs' oedema by name)
        (
            "PA and lateral chest. Indication: palpitations. Comparison 2 years prior. Heart size is normal. No focal "
            "consolidation, pleural effusion or pneumothorax. No pulmonary edema.",
            {
                "cardiomegaly": "absent",
                "consolidation": "absent",
                "pleural_effusion": "absent",
                "pneumothorax": "absent",
                "pulmonary_edema": "absent",
            },
        ),
        # (... only when every sentence to the line's end is one: a finding said after them is as often the referrer's
        # - a diagnosis, an echo's or an examination's result, a treated or planned finding - the reviews of the change)
        (
            "CT HEAD W/O. Hx: fall. No intracranial haemorrhage. No midline shift. Small right scalp haematoma.",
            {},
        ),
        ("CXR. Hx: SOB. Lungs clear. No effusion. Left lung cancer.", {}),
        ("CXR. Hx: SOB. No effusion. Heart size normal. Severe aortic stenosis.", {}),
    ],
)
def test_the_films_statements_end_the_history_line(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ... not when the line goes on with the history after them: a diagnosis, a treatment, the clinical
        # examination, a worry, another study
        "Hx: SOB. Lungs clear. Lung cancer on chemotherapy.",
        "Hx: cough. Lungs clear on auscultation. ?pneumonia.",
        "Hx: chest pain. No effusion. Sats 91% on air.",
        "Hx: cough. Lungs clear. Possible aspiration.",
        "Hx: trauma. No pneumothorax on the outside CT.",
    ],
)
def test_a_history_line_that_goes_on_stays_the_historys(text: str) -> None:
    assert [s.name for s in parse_report(text).sections] == ["history"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv74a, breast imaging: a one-sided study's markers, scars and lumps take its side; the report's shorthand
        (
            "Targeted left breast ultrasound.\nFindings: A linear scar marker was placed along the lumpectomy scar. "
            "Small hematoma. Stable postsurgical scarring.",
            {"skin_marker": {"left"}, "hematoma": {"left"}, "scarring": {"left"}},
        ),
        (
            "Screening mammo bilat w/ tomo. R UOQ 5 mm circumscribed oval mass, likely IMLN.",
            # (a quadrant's shorthand with its side: review rv97a)
            {"breast_mass": {"right"}, "intramammary_lymph_node": {None}},
        ),
        # (the axilla and the chest wall on a breast study are no breast's)
        ("WHOLE-BREAST ULTRASOUND\nFINDINGS: Mass in the left axilla measuring 2 cm.", {"mass": {"left"}}),
        (
            "WHOLE-BREAST ULTRASOUND\nFINDINGS: Multiple bilateral simple cysts.",
            {"breast_cyst": {"bilateral"}},
        ),
    ],
)
def test_the_sides_rv74(text: str, expected: dict[str, set[str | None]]) -> None:
    assert sides(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "No new masses, suspicious calcs or distortion.",
            {"mass": "uncertain", "breast_calcifications": "uncertain"},
        ),
        ("Ultrasound: irregular hypoechoic mass with increased internal vascularity.", {"mass": "present"}),
        # rv74b, neuroradiology: the heights kept, the brain's volume, the small vessels' change
        (
            "Vertebral body heights are maintained and marrow signal is normal.",
            {"compression_fracture": "absent"},
        ),
        ("Mild global brain volume loss, unchanged.", {"cerebral_atrophy": "present"}),
        (
            "Scattered periventricular hypodensities, likely chronic microangiopathic change.",
            {"hypodensity": "present", "small_vessel_disease": "uncertain"},
        ),
        # rv74c, rv74d: a flattened dome, a gastrostomy's button, the colon's pouches, a gallstone's obstruction
        (
            "The mediastinum is shifted to the right and the hemidiaphragms are flattened.",
            {"mediastinal_shift": "present", "diaphragm_flattening": "present"},
        ),
        ("Gastrostomy button projected over the stomach.", {"gastrostomy_tube": "present"}),
        ("A few diverticula in the descending colon.", {"diverticulosis": "present"}),
        ("Small duodenal diverticula.", {}),
        (
            "Findings diagnostic of gallstone ileus.",
            {"bowel_obstruction": "present", "gallstones": "present"},
        ),
    ],
)
def test_review_rv74(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headerless report's title, then what the study is for: the disease it names is no finding (rv72c, rv73b)
        (
            "CT chest, abdomen and pelvis. Metastatic breast cancer, rising bilirubin.\nInnumerable hepatic "
            "metastases. Moderate ascites.",
            {"liver_metastasis": "present", "ascites": "present"},
        ),
        # (... but a note of how its finding is now is the findings': the review of the change)
        (
            "CT chest. Rib fractures after fall, healing.\nNo pneumothorax.",
            {"fracture": "present", "pneumothorax": "absent"},
        ),
        # a device named where a denied finding would be is there
        (
            "No nodularity along the staple line to suggest local recurrence.",
            {"nodule": "absent", "surgical_clips": "present", "tumor_recurrence": "absent"},
        ),
        # the organ a sentence opens with places only its bare denied lesions
        ("Kidneys are normal and there is a 6 mm stone in the bladder.", {"calculus": "present"}),
        ("Thyroid is normal; no mass in the larynx.", {"mass": "absent"}),
    ],
)
def test_review_of_the_change_rv73(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv75a, joint MRI: the ligaments and tendons said intact, a tendon's split tear
        (
            "The anterior and posterior talofibular, calcaneofibular, deltoid and syndesmotic ligaments are intact.",
            {"ligament_tear": "absent"},
        ),
        ("Distal biceps and triceps tendons are intact.", {"ligament_tear": "absent"}),
        ("The peroneus brevis has a longitudinal split tear measuring 3 cm.", {"ligament_tear": "present"}),
        # (the review of the change: a length intact and a length torn, a meniscus's longitudinal tear, a pleural
        # haemorrhagic effusion beside a joint, a bladder's pouches beside the colon)
        ("The ligament is intact proximally but torn distally.", {"ligament_tear": "present"}),
        ("A longitudinal tear of the medial meniscus body.", {"meniscal_tear": "present"}),
        ("Right hemorrhagic effusion following a fall onto the right shoulder.", {"hemothorax": "present"}),
        ("Diverticula in the bladder abutting the sigmoid colon.", {"bladder_diverticulum": "present"}),
        # rv75c, rv75d: the middle ear's blood, the fetus's fluid and skin
        (
            "Opacification of the left mastoid air cells is consistent with hemorrhagic effusion (hemotympanum).",
            {"mastoid_effusion": "present"},
        ),
        ("Large right hemorrhagic effusion.", {"hemothorax": "present"}),
        ("Amniotic fluid volume is normal.", {"oligohydramnios": "absent", "polyhydramnios": "absent"}),
        ("Moderate skin and scalp edema.", {"soft_tissue_swelling": "present"}),
        ("Amniotic fluid sludge near the internal os.", {}),
        # rv76c, written at the end: a CSF shunt's short form and its valve
        ("R parietal VPS unchanged in position.", {"csf_shunt": "present"}),
        (
            "Right frontal burr hole with the shunt valve projecting over the right parietal region.",
            {"csf_shunt": "present"},
        ),
    ],
)
def test_review_rv75(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
