"""Reviews rv105 (paediatric imaging; breast imaging; neck and thyroid; cardiac and coronary imaging) and rv106 (stroke
and neurovascular imaging; scrotal and male pelvic imaging; pleural and occupational lung disease; bone tumours,
metabolic bone disease and rheumatology), written before any output was seen: what they found, and what the reviews
of the change kept the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a study's artefact keeps it from judging (not what the sentence says is there), a differential's first reading
        (
            "Dense calcification with blooming artifact, limiting assessment of luminal stenosis.",
            {"calcification": "present"},
        ),
        ("Motion artefact limits assessment for small pulmonary nodules.", {}),
        (
            "Motion artefact limits assessment of the lung bases, with small bilateral pleural effusions.",
            {"pleural_effusion": "present"},
        ),
        (
            "Overlying ECG leads limiting assessment of the right PICC tip.",
            {"ecg_leads": "present", "picc": "present"},
        ),
        ("The main differential is pneumonia.", {"pneumonia": "uncertain"}),
        # the oesophagus's perforation in British spelling (not the bowel's with free gas), inflamed fat, a neonate's long line
        (
            "Fish bone in the cervical oesophagus at C6/7, no evidence of perforation.",
            {"foreign_body": "present", "esophageal_perforation": "absent"},
        ),
        (
            "No periesophageal gas or fluid collection; no evidence of perforation.",
            {"fluid_collection": "absent", "esophageal_perforation": "absent"},
        ),
        (
            "NG tube coiled in the oesophagus, with free subdiaphragmatic gas consistent with perforation.",
            {"enteric_tube": "present", "pneumoperitoneum": "present", "bowel_perforation": "present"},
        ),
        (
            "Small extraluminal gas locule at the oesophago-gastric junction, may represent perforation.",
            {"extraluminal_gas": "present", "esophageal_perforation": "uncertain"},
        ),
        (
            "No secondary signs of appendicitis: no periappendiceal inflammatory fat, no free fluid.",
            {"appendicitis": "absent", "fat_stranding": "absent", "free_fluid": "absent"},
        ),
        ("Mild inflammatory fat wrapping around the TI.", {}),
        (
            "Inflammatory fat necrosis in the subcutaneous tissues of the buttock.",
            {"fat_necrosis": "present"},
        ),
        ("Left lower limb long line tip at L1, in the IVC.", {"picc": "present"}),
        (
            "A long line of fine linear calcifications extending towards the nipple.",
            {"breast_calcifications": "present"},
        ),
        # the heart's chambers said together (a fetus's or a brain's atria are its ventricles)
        ("Ventricles and atria normal in size.", {"cardiac_chamber_enlargement": "absent"}),
        ("Both atria are enlarged.", {"cardiac_chamber_enlargement": "present"}),
        (
            "FETAL ANOMALY SCAN.\nBoth atria are enlarged, measuring 12 mm, in keeping with mild ventriculomegaly.",
            {"hydrocephalus": "present"},
        ),
        ("MRI BRAIN.\nThe ventricles and atria are normal in size.", {"hydrocephalus": "absent"}),
        # a distal branch's occlusion, an aneurysm's occlusion by its coils, a petechial bleed, an orbit cleared for MRI
        ("Abrupt cutoff of a left MCA M3 branch.", {"arterial_occlusion": "present"}),
        ("Distal left M3 branch occlusion.", {"arterial_occlusion": "present"}),
        ("Occluded right M3 branch.", {"arterial_occlusion": "present"}),
        (
            "Occlusion of the left MCA with no opacification of distal branches.",
            {"large_vessel_occlusion": "present", "lung_opacity": "absent"},
        ),
        (
            "Stable RR II occlusion of the coiled basilar tip aneurysm with a 2 mm neck remnant.",
            {"aneurysm": "present"},
        ),
        (
            "Complete occlusion of the right cavernous ICA aneurysm following flow diversion.",
            {"aneurysm": "present"},
        ),
        (
            "Occlusion of the right M1 post aneurysm clipping, with acute infarct.",
            {"large_vessel_occlusion": "present", "aneurysm": "present", "acute_infarct": "present"},
        ),
        (
            "Left P2 occlusion with reconstitution of the P3 segment via collaterals.",
            {"large_vessel_occlusion": "present"},
        ),
        ("Cut-off of the left MCA.", {"large_vessel_occlusion": "present"}),
        ("CRT-D with leads in both atria and ventricles, normal position.", {"cardiac_pacemaker": "present"}),
        (
            "Left hilar fullness/adenopathy, CT recommended.",
            {"hilar_enlargement": "uncertain", "lymphadenopathy": "uncertain"},
        ),
        (
            "HMPAO SPECT BRAIN\nFindings: Failure of augmentation in the left MCA territory, with the asymmetry increasing to approximately 25%.",
            {},
        ),
        ("The asymmetry partially disperses on rolled views.", {"breast_asymmetry": "present"}),
        (
            "RENAL ULTRASOUND\nFindings: 2 cm cyst at the upper pole and bladder wall thickening.",
            {"renal_cyst": "present", "bladder_wall_thickening": "present"},
        ),
        (
            "Shadowing from a large gallstone limits assessment of the gallbladder wall, which appears thickened at 5 mm.",
            {"gallstones": "present", "gallbladder_wall_thickening": "present"},
        ),
        ("Right portal vein branch occlusion after PVE.", {}),
        (
            "Petechial haemorrhagic change in the right temporal infarct.",
            {"intracranial_hemorrhage": "present", "cerebral_infarct": "present"},
        ),
        ("Petechial haemorrhages in both lungs in keeping with fat embolism.", {}),
        ("OK to proceed to MRI from an orbital FB perspective.", {}),
        # the pleura, the mediastinum said central, a chest drain's catheter, pleural plaques
        (
            "Eggshell calcified hilar/mediastinal lymphadenopathy.",
            {"calcification": "present", "hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
        ("Right pleural rind, modified RECIST measured at 6 sites.", {"pleural_thickening": "present"}),
        ("Thick enhancing tumour rind surrounding central necrosis.", {"mass": "present"}),
        (
            "Ambulatory pleural vent device projected over the right 2nd intercostal space anteriorly.",
            {"chest_tube": "present", "support_device": "present"},
        ),
        ("Compressed right lower lobe.", {"atelectasis": "present"}),
        ("Compressed right lower lobe bronchus.", {}),
        ("Right hemithorax effusion volume reduced.", {"pleural_effusion": "present"}),
        (
            "FDG PET/CT SKULL BASE TO MID-THIGH\nFindings:\nSmall right pleural effusion. Volume loss of the right hemithorax with ipsilateral mediastinal shift.",
            {"pleural_effusion": "present", "volume_loss": "present", "mediastinal_shift": "present"},
        ),
        ("Mediastinum is central.", {"mediastinal_shift": "absent"}),
        ("Trachea central.", {"mediastinal_shift": "absent"}),
        ("There is central IV line.", {"central_venous_catheter": "present"}),
        ("Trachea and central airways are patent.", {}),
        (
            "ETT tip in the trachea, centrally placed, 4 cm above the carina.",
            {"endotracheal_tube": "present"},
        ),
        (
            "The catheter is kinked as it enters the pleural space.",
            {"support_device": "present", "hardware_complication": "present"},
        ),
        (
            "The catheter has been pulled out; no residual pneumothorax.",
            {"support_device": "present", "pneumothorax": "absent"},
        ),
        (
            "Right intercostal catheter and displaced right rib fractures.",
            {"chest_tube": "present", "fracture": "present"},
        ),
        (
            "CT CHEST\nFindings: Multiple bilateral calcified pleural plaques. Rounded atelectasis in the left lower lobe adjacent to a plaque.",
            {"pleural_plaque": "present", "atelectasis": "present"},
        ),
        (
            "CT CHEST\nFindings: No pleural plaques. Scattered calcified plaques.",
            {"pleural_plaque": "absent", "aortic_atherosclerosis": "present"},
        ),
        (
            "CT CHEST\nFindings: Calcified pleural plaques. Calcified plaque at the origin of the left subclavian.",
            {"pleural_plaque": "present", "aortic_atherosclerosis": "present"},
        ),
        # the bladder's stone on a study of the kidneys, the urethra's disruption and catheter
        (
            "US URINARY TRACT (KIDNEYS, BLADDER, PROSTATE)\nBladder: Mobile 14 mm echogenic shadowing calculus in the dependent bladder.",
            {"calculus": "present"},
        ),
        (
            "US KIDNEYS AND BLADDER\nNo hydronephrosis. 2 cm simple cyst at the upper pole of the right kidney, bladder well distended.",
            {"hydronephrosis": "absent", "renal_cyst": "present"},
        ),
        (
            "IMPRESSION: Partial disruption of the posterior (membranous) urethra.",
            {"urethral_injury": "present"},
        ),
        ("Indwelling urethral catheter in situ.", {"drainage_catheter": "present"}),
        # bone tumours, Paget disease of bone, bone density and its fracture risk, the knee's list
        ("Classic appearance of a cortical osteoid osteoma of the left tibia.", {"bone_lesion": "present"}),
        ("Probable brown tumour of the right 2nd metacarpal.", {"lytic_bone_lesion": "uncertain"}),
        ("Generalised reduction in bone density.", {"osteopenia": "present"}),
        ("No reduction in bone density.", {}),
        ("Paget's disease of bone, right hemipelvis.", {"bone_lesion": "present"}),
        ("Paget's disease of the left nipple.", {}),
        ("Vertebral fracture assessment (VFA) lateral image.", {}),
        ("CAROC 10-year fracture risk: high.", {}),
        ("Subcapital fracture risk of avascular necrosis.", {"fracture": "present"}),
        ("Menisci and ligaments intact.", {"meniscal_tear": "absent", "ligament_tear": "absent"}),
        ("Menisci and cruciates intact.", {"meniscal_tear": "absent", "ligament_tear": "absent"}),
        # skin thickening said with no place on a breast study
        (
            "ULTRASOUND LEFT BREAST - LIMITED\nFindings: Overlying skin thickening, expected post-operatively.",
            {"breast_skin_thickening": "present"},
        ),
        (
            "EXAMINATION: Bilateral diagnostic mammogram\nFindings: The nipple-areolar complex is not involved; no skin thickening.",
            {"breast_skin_thickening": "absent"},
        ),
        # what the study's artefact made, said after it, is no finding; only what it is said of
        ("Filling defect in the LAA, likely mixing artefact.", {"thrombus": "absent"}),
        (
            "Filling defect in the LAA tip on the early arterial phase, consistent with mixing artefact.",
            {"thrombus": "absent"},
        ),
        (
            "Acute pulmonary embolism in the right lower lobe segmental arteries and an apparent filling defect in the"
            " LAA, likely mixing artefact.",
            {"pulmonary_embolism": "present"},
        ),
        (
            "Cardiomegaly with a filling defect in the left atrial appendage, likely mixing artefact.",
            {"cardiomegaly": "present", "thrombus": "absent"},
        ),
        # a distribution denied aside denies nothing after it; "to suggest" still does
        (
            "Right parietal cortical/subcortical venous infarct, not in an arterial distribution, containing a 2.2 x 1.5"
            " cm focus of intraparenchymal haemorrhage.",
            {"cerebral_infarct": "present", "intracranial_hemorrhage": "present"},
        ),
        (
            "Region of restricted diffusion not in an arterial territory to suggest infarct.",
            {"infarct": "absent"},
        ),
        # the scrotal wall's oedema, the menisci's heading
        ("Marked oedema of the left scrotal wall.", {"soft_tissue_swelling": "present"}),
        ("Left hemiscrotal wall thickened and oedematous (up to 9 mm).", {"soft_tissue_swelling": "present"}),
        (
            "MRI KNEE.\nMenisci: Intact.\nLigaments: Complete ACL tear.",
            {"meniscal_tear": "absent", "ligament_tear": "present"},
        ),
        ("ECU tendon tear.", {"ligament_tear": "present"}),
        ("Coronary calcium burden is zero.", {"coronary_calcification": "absent"}),
        # review rv107: the oesophagus's contained perforation (not the gallbladder's beside a hiatus hernia), a doubt
        # with an adverb, the conus said normal in signal, one aryepiglottic fold's oedema
        (
            "IMPRESSION: Contained perforation of the cervical esophagus at C6 with leak into the retropharyngeal"
            " space.",
            {"esophageal_perforation": "present"},
        ),
        ("Possible microperforation of the oesophagus.", {"esophageal_perforation": "uncertain"}),
        (
            "Oesophageal hiatus hernia; sealed perforation of the gallbladder.",
            {"hiatal_hernia": "present", "extraluminal_gas": "present"},
        ),
        ("Cannot definitely exclude a fracture.", {"fracture": "uncertain"}),
        ("Does not fully exclude a fracture.", {"fracture": "uncertain"}),
        (
            "Lack of consolidation does not exclude pneumonia.",
            {"consolidation": "absent", "pneumonia": "uncertain"},
        ),
        ("The conus terminates at L1 and is normal in signal.", {"cord_signal_abnormality": "absent"}),
        ("MRI SPINE.\nFindings: Conus at T12-L1, sacrum normal in signal.", {}),
        (
            "Mild oedema of the right aryepiglottic fold and vallecula; the airway is adequately patent.",
            {"airway_edema": "present"},
        ),
        # the lungs' cystic change, the long bones' medullary sclerosis (not a joint's osteosclerosis), the conus's
        # contusion, a halo's fixation
        ("Background diffuse cystic change in both lungs consistent with known LAM.", {"cyst": "present"}),
        ("Glenoid cystic change, lungs clear.", {}),
        ("Bilateral symmetric medullary sclerosis of the diaphyses.", {"sclerotic_bone_lesion": "present"}),
        ("Subchondral osteosclerosis of the medial femoral condyle.", {}),
        (
            "Unstable L1 burst fracture with PLC disruption, conus contusion and 50% canal compromise.",
            {"fracture": "present", "spinal_cord_injury": "present", "spinal_stenosis": "present"},
        ),
        ("Halo fixation device in situ.", {"orthopedic_hardware": "present"}),
    ],
)
def test_review_rv105_rv106(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
