"""Review rv93 (sickle cell and haematological conditions, HIV and other immunocompromised patients, bariatric and
upper-GI post-surgical imaging, suspected non-accidental injury and adolescent sports injuries), written before any
output was seen: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bone's infarct is osteonecrosis and an infarct, its own finding (review rv93a)
        (
            "Serpiginous sclerosis in the proximal humeral metadiaphysis compatible with an old bone infarct.",
            {"bone_infarct": "present"},
        ),
        (
            "Medullary infarcts in both proximal humeral diaphyses. No subacromial bursitis.",
            {"bone_infarct": "present", "bursitis": "absent"},
        ),
        (
            "Expansile sclerosis of the left 6th rib with periosteal new bone, likely a healing rib infarct.",
            {"periosteal_reaction": "present", "bone_infarct": "uncertain"},
        ),
        # ... and the brain's bare infarct stays the brain's
        (
            "CT head. No hemorrhage or infarct.",
            {"intracranial_hemorrhage": "absent", "cerebral_infarct": "absent"},
        ),
        # what a joint was replaced for is history (review rv93a)
        (
            "XR R HIP 2 VIEWS. s/p R total hip arthroplasty for sickle cell AVN. Components well seated. No "
            "dislocation.",
            {"orthopedic_hardware": "present", "dislocation": "absent"},
        ),
        # the sickle cell vertebra (review rv93a)
        ("H-shaped thoracic vertebrae.", {"bone_deformity": "present"}),
        ("Multiple thoracic vertebrae with H-shaped configuration.", {"bone_deformity": "present"}),
        # an apophysis's oedema is no lung's (review rv93d)
        (
            "MRI PELVIS. Findings: Marrow oedema and fluid signal at the left AIIS apophyseal physis with mild widening.",
            {},
        ),
        # a bone's medullary infarct is said with its bone; the medulla's is the brain's (the reviews of the change)
        ("MRI BRAIN. Findings: Lateral medullary infarction on the right.", {"cerebral_infarct": "present"}),
        (
            "FEMUR AP AND LATERAL. Calcified medullary infarct in the distal femoral diaphysis.",
            {"bone_infarct": "present", "calcification": "present"},
        ),
        # a haematoma said with the scalp's swelling, or over a skull fracture, is the scalp's (the reviews of the change)
        (
            "CT HEAD: Haematoma with scalp swelling over the right occiput.",
            {"hematoma": "present", "soft_tissue_swelling": "present"},
        ),
        (
            "CT HEAD: Left frontal bone fracture with overlying haematoma.",
            {"fracture": "present", "hematoma": "present"},
        ),
        # the differential's several are each uncertain (the review of the change)
        (
            "CT chest. Findings: Consolidation in the left lower lobe. Impression: Aspergillosis and mucormycosis are the "
            "main considerations.",
            {"consolidation": "present", "infection": "uncertain"},
        ),
        # the disease whose complications are denied is not denied (the review of the change)
        (
            "MRI brain. History: Meningitis. Findings: No complications of meningitis such as abscess, empyema or "
            "hydrocephalus.",
            {"abscess": "absent", "empyema": "absent", "hydrocephalus": "absent"},
        ),
        # free air's crescent is no cavity (the review of the change)
        (
            "Abdominal radiograph. Findings: Large air crescent under the right hemidiaphragm. Impression: Free air.",
            {"pneumoperitoneum": "present"},
        ),
        # what came with or after the replaced joint is the film's (the review of the change)
        (
            "RIGHT HIP. Findings: Right total hip arthroplasty for AVN with a periprosthetic fracture of the greater "
            "trochanter. No dislocation.",
            {"orthopedic_hardware": "present", "fracture": "present", "dislocation": "absent"},
        ),
        # new bone under the periosteum (review rv93d)
        (
            "The distal radial metaphyseal irregularity now shows subperiosteal new bone and sclerosis.",
            {"periosteal_reaction": "present"},
        ),
        # the skull's sutures are no stitches, and a course not taken denies nothing after it (review rv93d)
        (
            "Non-depressed linear fracture of the left parietal bone, 4 cm in length, not crossing sutures, with "
            "overlying soft tissue swelling and subgaleal haematoma.",
            {"fracture": "present", "soft_tissue_swelling": "present", "hematoma": "present"},
        ),
        (
            "The calvarium is intact; the sutures and synchondroses are normal and no skull fracture is seen. No scalp "
            "swelling.",
            {"fracture": "absent", "soft_tissue_swelling": "absent"},
        ),
        (
            "Left parietal lucency, likely an accessory suture; a fracture is considered less likely.",
            {"lucency": "present", "fracture": "uncertain"},
        ),
        # one finding, not a reticular opacity beside it (review rv93a)
        (
            "Bibasal reticular interstitial markings, slightly increased.",
            {"interstitial_markings": "present"},
        ),
        # the opportunistic infections by name (review rv93b)
        (
            "Impression: Multiple ring-enhancing lesions, most consistent with cerebral toxoplasmosis.",
            {"infection": "present"},
        ),
        (
            "Differential includes tuberculous lymphadenitis and lymphoma.",
            {"infection": "uncertain", "mass": "uncertain"},
        ),
        # ... not an allergy to the fungus
        (
            "History: asthma. Findings: Central bronchiectasis with mucoid impaction, in keeping with allergic "
            "bronchopulmonary aspergillosis.",
            {"bronchiectasis": "present", "mucus_plugging": "present"},
        ),
        # the crescent of air is a cavity's; cavities listed with the lung's nodules (review rv93b)
        ("No cavitation or air-crescent.", {"cavitary_lesion": "absent"}),
        (
            "The lungs are clear; no nodules, cavities or consolidation.",
            {"nodule": "absent", "cavitary_lesion": "absent", "consolidation": "absent"},
        ),
        # what a finding predisposes to is not there (review rv93b)
        ("The cysts (pneumatoceles) predispose to pneumothorax; none at present.", {"cyst": "present"}),
        # the stations named as one phrase, said normal (review rv93b)
        ("Mesenteric and retroperitoneal lymph nodes are normal in size.", {"lymphadenopathy": "absent"}),
        # a kidney's hilum is no lung's (review rv93b)
        ("A hypoechoic 3.1 x 2.6 cm mass is present at the renal hilum.", {"renal_mass": "present"}),
        # a gastric band's port, in the belly wall, is no venous port, nor its tubing a line (review rv93c)
        # (the band itself is a device: review rv111a)
        (
            "Gastric band port overlies the left upper quadrant. Tubing is kinked near the band.",
            {"support_device": "present"},
        ),
        (
            "KUB. LAGB. Band orientation normal. Port L abd wall. No free air.",
            {"pneumoperitoneum": "absent", "support_device": "present"},
        ),
        # ... while a chest wall port stays one, with its tubing or beside a band (the review of the change)
        ("Left chest wall port with catheter tip at the cavoatrial junction.", {"port_catheter": "present"}),
        (
            "CHEST X-RAY: Port-a-cath accessed with needle and tubing in place. Lungs clear.",
            {"port_catheter": "present", "support_device": "present"},
        ),
        (
            "CHEST X-RAY: Port-a-cath and gastric band noted.",
            {"port_catheter": "present", "support_device": "present"},
        ),
        # a leak at a join named, and swallowed contrast out of the join (review rv93c)
        (
            "No leak at the gastrojejunostomy. No hiatal hernia.",
            {"anastomotic_leak": "absent", "hiatal_hernia": "absent"},
        ),
        ("No oral contrast leak from the anastomosis.", {"anastomotic_leak": "absent"}),
        # the portal and mesenteric veins' clot (review rv93c)
        (
            "Impression: 1. Acute portomesenteric venous thrombosis. 2. Splenic infarct.",
            {"portal_vein_thrombosis": "present", "splenic_infarct": "present"},
        ),
        # the duodenal wall's haematoma is no aorta's (review rv93d)
        (
            "Intramural haematoma of the third part of the duodenum measuring 2.8 x 1.9 cm.",
            {"bowel_injury": "present", "hematoma": "present"},
        ),
        # a barium study's ulcer crater is no collection (review rv93c)
        (
            "At the gastrojejunal anastomosis there is a persistent 6 mm collection of barium, suspicious for a "
            "marginal ulcer.",
            {},
        ),
        # a bowel loop's herniation is no brain's (review rv93c)
        (
            "There is a 2.5 cm fascial defect at the left upper quadrant trocar site with herniation of a "
            "non-obstructed loop of small bowel, consistent with a port-site incisional hernia.",
            {"abdominal_hernia": "present"},
        ),
        # a collection read across the staple line it lies along (review rv93c)
        (
            "A 7.2 x 4.1 cm hyperdense collection along the staple line in the left upper quadrant, consistent with "
            "haematoma.",
            {"surgical_clips": "present", "hematoma": "present"},
        ),
    ],
)
def test_review_rv93(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("Medullary infarcts in both proximal humeral diaphyses.", "bone_infarct", "bilateral"),
        # what lies over a sided break is on its side (review rv93d)
        (
            "Non-depressed linear fracture of the left parietal bone, 4 cm in length, not crossing sutures, with "
            "overlying soft tissue swelling and subgaleal haematoma.",
            "hematoma",
            "left",
        ),
        ("Fracture of the left femur with adjacent haematoma.", "hematoma", "left"),
        (
            "Right distal radius fracture with surrounding soft tissue swelling.",
            "soft_tissue_swelling",
            "right",
        ),
    ],
)
def test_the_sides_rv93(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


def test_a_haematoma_of_another_clause_keeps_its_own_side() -> None:
    assert sides("Left rib fracture with overlying swelling; haematoma in the right thigh.")["hematoma"] == {
        "right"
    }


def test_an_inline_history_ends_at_the_films_ggo() -> None:
    text = (
        "CT chest w/o. Hx: renal tx, high-dose steroids for rejection, new hypoxia. Diffuse bilat GGO, upper lobe "
        "predominant, w/ relative subpleural sparing. No consolidation. No effusions. No LAD."
    )
    s = structure(text)
    assert [sec.text for sec in s.report.sections if sec.name == "history"] == [
        "renal tx, high-dose steroids for rejection, new hypoxia."
    ]
    assert report_codes(text) == {
        "ground_glass_opacity": "present",
        "consolidation": "absent",
        "pleural_effusion": "absent",
        "lymphadenopathy": "absent",
    }
