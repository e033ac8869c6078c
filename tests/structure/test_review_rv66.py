"""Review rv66 (held-out joint replacement and orthopaedic hardware films, incidental findings outside the organ
studied, paediatric chest and airway, chest imaging of immunocompromised and oncology patients, written before any
output was seen) and the last session's leftovers: what they found."""

from __future__ import annotations

import pytest

import radpilot
from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leftovers: a cavitary mass is both; a denial's exception of a few bubbles (not of a few small nodes)
        (
            "Cavitary mass in the right upper lobe.",
            {"cavitary_lesion": "present", "mass": "present"},
        ),
        ("No cavitary mass.", {"cavitary_lesion": "absent", "mass": "absent"}),
        ("No free air beyond a few locules.", {"pneumoperitoneum": "present"}),
        ("No free fluid beyond the pelvis.", {"free_fluid": "absent"}),
        ("No lymphadenopathy beyond a few small nodes.", {"lymphadenopathy": "absent"}),
        # rv66a, hardware: a device whose failure is denied is there; the failure said with its verb; an implant's
        # pegs are no gastrostomy; a fixed fracture's collapse is no atelectasis
        (
            "No loosening of the left hip prosthesis.",
            {"hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "The previously seen dislocation of the left total hip replacement has resolved following closed "
            "reduction.",
            {"dislocation": "absent", "hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "The fracture of the sternal wire has resolved.",
            {"hardware_complication": "absent", "sternotomy_wires": "present"},
        ),
        ("No hardware or fracture.", {"support_device": "absent", "hardware_complication": "absent"}),
        ("The broken screw has been removed.", {"hardware_complication": "absent"}),
        (
            "The syndesmotic screw has broken within the tibia, an expected finding with weight bearing.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "The lag screw has cut out through the superior femoral head with varus collapse of the fracture.",
            {"hardware_complication": "present", "fracture": "present"},
        ),
        (
            "Two of the proximal locking screws penetrate the articular surface of the humeral head.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "Glenoid component pegs without lucency.",
            {"hardware_complication": "absent", "lucency": "absent"},
        ),
        (
            "New 3 mm lucency around the patellar button peg.",
            {"lucency": "present", "orthopedic_hardware": "present"},
        ),
        (
            "PEG tube in the stomach. Right femoral line.",
            {"gastrostomy_tube": "present", "central_venous_catheter": "present"},
        ),
        ("Posterior thoracolumbar instrumentation partially imaged.", {"spinal_fusion_hardware": "present"}),
        (
            "Stable appearance of C3-C7 laminectomy with lateral mass screw and rod fusion.",
            {"spinal_fusion_hardware": "present"},
        ),
        ("Bilateral metal-on-metal hip resurfacings.", {"orthopedic_hardware": "present"}),
        ("A retained broken drill bit fragment is present in the distal tibia.", {"foreign_body": "present"}),
        # rv66c, children's chests: hilar nodes, "CF." ends its sentence, the disease under treatment, a study's title
        # that says what it was done for
        (
            "Enlarged hilar lymph nodes bilaterally.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
        (
            "CXR: Hyperinflated lungs with diffuse bronchiectasis and ring shadows, CF. Questionable new left lower "
            "lobe consolidation.",
            {"hyperinflation": "present", "bronchiectasis": "present", "consolidation": "uncertain"},
        ),
        (
            "Follow-up lateral neck, day 3 of IV antibiotics for epiglottitis.\nThe epiglottis now appears normal in "
            "thickness; the epiglottitis has resolved.",
            {"epiglottitis": "absent"},
        ),
        (
            "On antibiotics for pneumonia with persistent right lower lobe consolidation.",
            {"consolidation": "present"},
        ),
        (
            "Bilateral decubitus views for suspected foreign body aspiration.\nThe foreign body itself is not "
            "visualised.",
            {"foreign_body": "absent"},
        ),
        # rv66d, immunocompromised chests: a tunnelled line, a cavitating nodule, the disease treated
        (
            "Right internal jugular tunnelled line in situ, tip in the right atrium.",
            {"central_venous_catheter": "present"},
        ),
        (
            "The left lower lobe cavitating nodule has decreased from 2.4 cm to 1.6 cm.",
            {"cavitary_lesion": "present", "nodule": "present"},
        ),
        (
            "Post chemoradiation for oesophageal carcinoma. Oesophageal wall thickening.",
            {"esophageal_wall_thickening": "present"},
        ),
    ],
)
def test_review_rv66(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # "cf." in small letters is still "compare": no sentence ends there; "CF." in capitals is cystic fibrosis
        ("Nodule, cf. Prior study shows it.", ["Nodule, cf. Prior study shows it."]),
        (
            "Ring shadows, CF. Questionable consolidation.",
            ["Ring shadows, CF.", "Questionable consolidation."],
        ),
    ],
)
def test_cf_ends_its_sentence_only_in_capitals(text: str, sentences: list[str]) -> None:
    assert [s.text for s in parse_report(text).sections[0].sentences] == sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv66a, sides of a limb's study: a joint named by its replacement, a joint with its long bone, a bare infection
        (
            "RIGHT TKA. AP/lat/skyline.\nModerate suprapatellar effusion.",
            {"orthopedic_hardware": "right", "joint_effusion": "right"},
        ),
        (
            "RIGHT HIP AND FEMUR\nSclerosis and flattening of the femoral head; early avascular necrosis is not excluded.",
            {"avascular_necrosis": "right"},
        ),
        (
            "XR RIGHT KNEE, 2 VIEWS\nFINDINGS: Right total knee replacement. Moderate joint effusion with soft tissue "
            "swelling, worrisome for infection in this clinical context.",
            {"joint_effusion": "right", "infection": "right"},
        ),
        # rv67c, "more marked on the right" says both sides, as "worse on the right" does
        ("Patchy opacity, more marked on the right.", {"lung_opacity": "bilateral"}),
        ("Bilateral effusions, more marked on the right.", {"pleural_effusion": "bilateral"}),
    ],
)
def test_the_sides_rv66_rv67_found(text: str, expected: dict[str, str]) -> None:
    got = radpilot.structure(text).by_code()
    assert {c: (got[c].laterality.value if got[c].laterality else None) for c in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv67a, inflammatory bowel disease: a fibrotic stricture or tract is no lung fibrosis, a bowel wall's oedema no
        # lung oedema, a label answered "- none"
        ("Consistent with a predominantly fibrotic stricture of the terminal ileum.", {}),
        (
            "The previously seen left transsphincteric tract is non-enhancing, consistent with a healed (fibrotic) tract.",
            {},
        ),
        (
            "Bibasilar fibrotic changes with traction bronchiectasis.",
            {"pulmonary_fibrosis": "present", "bronchiectasis": "present"},
        ),
        ("Mucosal hyperenhancement and submucosal oedema producing a target appearance.", {}),
        ("Complications: Abscess - none. Fistula - none.", {"abscess": "absent"}),
        ("Pneumothorax - none.", {"pneumothorax": "absent"}),
        ("Small effusion, none.", {"pleural_effusion": "present"}),
        # rv67b, pulmonary vessels: the trunk enlarged in other words; a malformation's sac; the right heart's overload
        # (not a bare "enlarged PA": a PA view's, para-aortic nodes': the second review of the change)
        ("Heart enlarged PA view.", {"cardiomegaly": "present"}),
        ("Enlarged PA nodes measuring up to 2 cm.", {"lymphadenopathy": "present"}),
        ("PA and lateral views. Heart normal.", {"cardiomegaly": "absent"}),
        (
            "Persistent prominence of the main pulmonary artery and right heart border.",
            {"pulmonary_artery_enlargement": "present"},
        ),
        (
            "Massive aneurysmal dilatation of the pulmonary trunk (55 mm).",
            {"pulmonary_artery_enlargement": "present"},
        ),
        ("The central pulmonary arteries are enlarged.", {"pulmonary_artery_enlargement": "present"}),
        (
            "Simple pulmonary arteriovenous malformation, aneurysmal sac 14 mm.",
            {"vascular_malformation": "present"},
        ),
        (
            "Status post EVAR. The aneurysm sac measures 5.6 cm, stable. No endoleak.",
            {"vascular_stent": "present", "aortic_aneurysm": "present", "endoleak": "absent"},
        ),
        ("The septum bows towards the left ventricle, in keeping with pressure and volume overload.", {}),
        # rv67c, blood disorders: iron overload is no fluid, the vertebrae of sickle cell disease, a bone's collapse on a
        # study of the hips (and a patient's collapse, which is no finding, beside one of the lungs)
        (
            "Liver enlarged at 19 cm and diffusely hyperdense, consistent with iron overload.",
            {"hepatomegaly": "present"},
        ),
        ("H-shaped vertebrae L1-L4. Fish-mouth vertebrae.", {"bone_deformity": "present"}),
        (
            "MRI BOTH HIPS\nIMPRESSION: Bilateral femoral head AVN, worse on the left with early collapse.",
            {"avascular_necrosis": "present"},
        ),
        # (... but on a chest film's line that names a limb the lungs' collapse: the second review of the change)
        (
            "EXAMINATION: XR CHEST AND RIGHT SHOULDER\nFindings: Collapse at the left base.",
            {"atelectasis": "present"},
        ),
        ("EXAMINATION: CXR PICC LEFT ARM\nFindings: Collapse left base.", {"atelectasis": "present"}),
        ("Retrocardiac collapse.", {"atelectasis": "present"}),
        (
            "Left basal effusion with overlying collapse.",
            {"pleural_effusion": "present", "atelectasis": "present"},
        ),
        ("Query LLL collapse.", {"atelectasis": "uncertain"}),
        ("No effusion or collapse.", {"pleural_effusion": "absent", "atelectasis": "absent"}),
        ("Narrowing of the distal trachea with 50% expiratory collapse.", {}),
        # rv67d, the operated abdomen: free gas before "+ free fluid", a surgical item left behind, a stoma's
        # obstruction, what was drained before
        (
            "Small amt free gas + free fluid as expected post-op.",
            {"pneumoperitoneum": "present", "free_fluid": "present"},
        ),
        ("Gallbladder stone free.", {"gallstones": "absent"}),
        (
            "A wavy radiopaque marker thread consistent with a retained surgical swab.",
            # (the swab's own marker is no marker on the skin: review rv95c)
            {"foreign_body": "present"},
        ),
        ("Consistent with a retained drain fragment.", {"foreign_body": "present"}),
        ("In keeping with stomal outlet obstruction.", {"bowel_obstruction": "present"}),
        # ("drainage of" is no history cue: "Recommend drainage of the collection", "Pigtail catheter in situ for
        # drainage of the right pleural effusion"; the second review of the change)
        ("Recommend drainage of the collection.", {"fluid_collection": "present"}),
        ("Status post drainage of the abscess, with residual abscess in the pelvis.", {"abscess": "present"}),
    ],
)
def test_review_rv67(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fracture a fixation fixes is no broken hardware (but a fracture still, said with its part of the bone:
        # review rv112c); locking screws are hardware; a screw through the far cortex is as meant
        (
            "Cannulated screw fixation of the subcapital fracture.",
            {"orthopedic_hardware": "present", "fracture": "present"},
        ),
        (
            "Right hip DHS for intertrochanteric fracture.",
            {"orthopedic_hardware": "present", "fracture": "present"},
        ),
        ("IM nail intact, fracture healing.", {"orthopedic_hardware": "present", "fracture": "present"}),
        ("Distal locking screws in situ.", {"orthopedic_hardware": "present"}),
        ("The distal locking screws have been removed (dynamisation).", {"orthopedic_hardware": "absent"}),
        (
            "Broken distal locking screw.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        ("Screw tips penetrate the far cortex as expected.", {"orthopedic_hardware": "present"}),
        # a denied list's hardware stays denied; a device taken out in a later clause too
        (
            "No fracture, dislocation or retained hardware.",
            {
                "fracture": "absent",
                "dislocation": "absent",
                "hardware_complication": "absent",
                "support_device": "absent",
            },
        ),
        ("No fracture or hardware.", {"hardware_complication": "absent", "support_device": "absent"}),
        (
            "No migration of the stent, which has been removed.",
            {"hardware_complication": "absent", "stent": "absent"},
        ),
        # the disease under treatment is history only up to a comma or a dash
        (
            "On treatment for TB, cavitating lesion right upper lobe slightly smaller.",
            {"cavitary_lesion": "present"},
        ),
        ("Chemotherapy for lymphoma - mediastinal mass smaller.", {"mediastinal_mass": "present"}),
        (
            "Fever despite antibiotics for pneumonia, rule out empyema. Loculated pleural effusion on the right.",
            {"pleural_effusion": "present"},
        ),
        # "beyond" before an amount of the same only
        ("No lymphadenopathy beyond small reactive nodes.", {"lymphadenopathy": "absent"}),
        ("No pneumothorax beyond the minor fissure.", {"pneumothorax": "absent"}),
        ("No collection beyond a small amount of fluid.", {"fluid_collection": "absent"}),
        ("No free fluid beyond a trace in the pelvis.", {"free_fluid": "present"}),
        # a British tunnelled catheter may be the pleura's; a kind of nodule denied; a drill's tract; a study said to
        # show what it was done for
        ("Tunnelled catheter in the left pleural space.", {"support_device": "present"}),
        (
            "Multiple pulmonary nodules. No cavitating nodule.",
            {"nodule": "present", "cavitary_lesion": "absent"},
        ),
        ("Drill bit tract in the distal femur.", {}),
        (
            "Study for suspected intussusception shows a target sign in the right upper quadrant.",
            {"intussusception": "uncertain"},
        ),
    ],
)
def test_what_the_review_of_the_change_checked(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_stop_on_the_line_after_an_abbreviation_keeps_its_sentence() -> None:
    # ("vs" ends the line before: the stop is the abbreviation's, as the sentence splitter's pattern read it)
    got = report_codes("Mild cardiomegaly vs\n. Pericardial effusion.")
    assert got == {"cardiomegaly": "uncertain", "pericardial_effusion": "uncertain"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare collapse is the lungs' but on the study of a joint or a long bone
        ("Persistent collapse.", {"atelectasis": "present"}),
        ("Right hilar mass with distal collapse.", {"mass": "present", "atelectasis": "present"}),
        (
            "Expiratory views show air trapping; no collapse.",
            {"air_trapping": "present", "atelectasis": "absent"},
        ),
        (
            "EXAMINATION: FDG PET-CT SKULL BASE TO MID-THIGH\nFindings: Avid right hilar mass with distal collapse.",
            {"mass": "present", "atelectasis": "present"},
        ),
        # a chest film's line that names a joint's replacement is no joint's study
        (
            "EXAMINATION: CXR POST RIGHT TSA\nFindings: Effusion. Collapse at the base.",
            {"pleural_effusion": "present", "atelectasis": "present"},
        ),
        # a named screw's own fracture, through the joint; a denied failure of a list of devices
        (
            "Syndesmotic screw fracture, as expected.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "One cannulated screw penetrates into the hip joint.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        (
            "No fracture of the intramedullary nail.",
            {"hardware_complication": "absent", "orthopedic_hardware": "present"},
        ),
        (
            "Intact plate and screws. No fracture of the plate or screws.",
            {"orthopedic_hardware": "present", "hardware_complication": "absent"},
        ),
        (
            "No migration of the ureteric stent, due for removal in 3 months.",
            {"hardware_complication": "absent", "nonvascular_stent": "present"},
        ),
        (
            "No loosening of the pedicle screws, the drain has been removed.",
            {
                "hardware_complication": "absent",
                "spinal_fusion_hardware": "present",
                "drainage_catheter": "absent",
            },
        ),
        (
            "Once again noted is the surgical fixation plate, with fracture of the lateral most fixation screw.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        ("IM nail intact, fracture healing.", {"orthopedic_hardware": "present", "fracture": "present"}),
        # "drainage of" is no history; "for suspected" a title's indication
        (
            "Pigtail catheter in situ for drainage of the right pleural effusion, which is moderately sized.",
            {"drainage_catheter": "present", "pleural_effusion": "present"},
        ),
        ("Scan for suspected DVT.", {}),
        # the central pulmonary arteries said normal; the airway's expiratory collapse; the lung's fibrosis beside a
        # fistula, a drain's tract or a bronchial stenosis
        (
            "The main and central pulmonary arteries are normal in size.",
            {"pulmonary_artery_enlargement": "absent"},
        ),
        ("Dynamic expiratory collapse of the trachea.", {"tracheomalacia": "present"}),
        ("Fibrotic changes with a bronchopleural fistula.", {"pulmonary_fibrosis": "present"}),
        (
            "Established fibrotic change around the old chest drain tract.",
            {"pulmonary_fibrosis": "present", "chest_tube": "present"},
        ),
        # "beyond" a degree of the same
        ("No effusion beyond a small one on the left.", {"pleural_effusion": "present"}),
        ("No free fluid beyond minimal pelvic fluid.", {"free_fluid": "present"}),
        ("No emphysema beyond mild paraseptal changes at the apices.", {"emphysema": "present"}),
        # a side compared with the last study
        (
            "Left pleural effusion with atelectasis, more marked on the left than previously.",
            {"pleural_effusion": "present", "atelectasis": "present"},
        ),
    ],
)
def test_what_the_second_review_of_the_change_checked(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_side_compared_with_the_last_study_is_that_sides() -> None:
    got = radpilot.structure("Pneumothorax is more marked on the right than on the prior study.").by_code()
    f = got["pneumothorax"]
    assert (f.laterality.value if f.laterality else None, f.change.value if f.change else None) == (
        "right",
        "worsened",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv68a: the erect film's question is the indication; what it shows is the finding
        (
            "Erect CXR for free gas.\nNo free subdiaphragmatic gas. Large hiatus hernia.",
            {"pneumoperitoneum": "absent", "hiatal_hernia": "present"},
        ),
        ("Erect CXR for free gas shows free gas under both hemidiaphragms.", {"pneumoperitoneum": "present"}),
    ],
)
def test_the_erect_films_question(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
