"""Reviews rv98 (paediatric emergency imaging; aortic and vascular surgery imaging; spine MRI and CT; inflammatory bowel
disease and GI imaging) and rv99 (ILD and PE; urology; cardiac imaging; oncology PET-CT), written before any output was
seen: what they found, and what the reviews of the change kept the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # paediatric emergency imaging (review rv98a)
        ("An 8 mm calcified appendicolith lies outside the appendiceal lumen.", {"appendicolith": "present"}),
        ("Multiple small thrombosed bridging veins at the vertex on SWI.", {"thrombus": "present"}),
        ("Bridging vein thrombosis at the vertex.", {"thrombus": "present"}),
        ("No evidence of IHPS.", {"pyloric_stenosis": "absent"}),
        (
            "On the expiratory film the left lung remains hyperlucent and does not deflate, with shift of the "
            "mediastinum to the right.",
            {"hyperlucency": "present", "mediastinal_shift": "present"},
        ),
        # aortic and vascular surgery imaging (review rv98b): the gut's arteries occluded
        (
            "Acute embolic SMA occlusion with transmural small bowel ischaemia.",
            {"mesenteric_ischemia": "present", "arterial_occlusion": "present"},
        ),
        ("Chronic celiac occlusion, not treated.", {"arterial_occlusion": "present"}),
        (
            "Lateral aortogram demonstrates occlusion of the celiac artery at its origin.",
            {"arterial_occlusion": "present"},
        ),
        # ... not a vein's occlusion beside them, nor a child's spinal muscular atrophy (the reviews of the change)
        ("The splenic vein is occluded near the celiac axis.", {}),
        ("3 year old with SMA: occluded gastrostomy tube.", {"gastrostomy_tube": "present"}),
        # contrast filling an aneurysm sac or the gut's arteries is no lung opacity
        (
            "Faint late opacification of the sac via a lumbar artery, in keeping with a type II endoleak.",
            {"endoleak": "present"},
        ),
        ("The distal SMA branches are poorly opacified.", {}),
        (
            "Stable bibasal opacities and type II endoleak.",
            {"lung_opacity": "present", "endoleak": "present"},
        ),
        # an endograft limb's clot is no deep vein's; a DVT beside a stent graft still is
        ("New thin non-occlusive thrombus in the left graft limb.", {}),
        (
            "Acute left iliofemoral DVT with a patent stent graft.",
            {"deep_vein_thrombosis": "present", "vascular_stent": "present"},
        ),
        ("The narrowing is non-atherosclerotic.", {}),
        # spine MRI and CT (review rv98c)
        ("No abnormal cord signal or enhancement.", {"cord_signal_abnormality": "absent"}),
        ("No tear of the supraspinatus tendon.", {"ligament_tear": "absent"}),
        (
            "Erosive destruction of the endplates with loss of disc height, consistent with spondylodiscitis.",
            {"degenerative_spine": "present", "osteomyelitis": "present"},
        ),
        ("No disc prolapse.", {"disc_herniation": "absent"}),
        ("Solid posterolateral fusion mass.", {}),
        ("There is free air in the belly.", {"pneumoperitoneum": "present"}),
        (
            "Bilateral sacroiliitis, consistent with IBD-associated spondyloarthropathy.",
            {"sacroiliitis": "present"},
        ),
        ("Facet spondyloarthropathy at L4/5.", {"degenerative_spine": "present"}),
        # a long bone's marrow cavity is no cord (the review of the change)
        (
            "Intramedullary T2 hyperintense signal within the proximal tibia, consistent with a stress reaction.",
            {},
        ),
        # IBD and GI imaging (review rv98d)
        (
            "The rectal wall is not thickened. No proctitis.",
            {"bowel_wall_thickening": "absent", "colitis": "absent"},
        ),
        (
            "The jejunum and ileum, including the terminal ileum, have normal wall thickness, T2 signal and "
            "enhancement.",
            {"bowel_wall_thickening": "absent"},
        ),
        ("No evidence of active small bowel inflammation.", {"enteritis": "absent"}),
        (
            "Normal appendix, arising medially from the caecum, with no periappendiceal inflammation.",
            {"appendicitis": "absent"},
        ),
        ("Colonic distension: Good in all segments, suboptimal in the sigmoid on the prone views.", {}),
        ("CT colonography. Colonic distention: good in all segments.", {}),
        ("Anastomotic/neoterminal ileal recurrence of Crohn disease.", {"enteritis": "present"}),
        ("Recurrent rectal cancer in a patient with Crohn's disease.", {"tumor_recurrence": "present"}),
        (
            "CT ABDOMEN\nFINDINGS:\nMidline ventral (incisional) hernia with a 4.5 cm fascial defect.",
            {"abdominal_hernia": "present"},
        ),
        # ... and the sacroiliac joints' own active inflammation stays theirs (the review of the change)
        ("Active inflammation of the sacroiliac joints.", {"sacroiliitis": "present"}),
        (
            "Pneumatosis intestinalis and emphysematous cystitis.",
            {"pneumatosis": "present", "cystitis": "present"},
        ),
        (
            "The bladder wall is diffusely thickened with curvilinear intramural gas, consistent with emphysematous "
            "cystitis.",
            {"bladder_wall_thickening": "present", "cystitis": "present"},
        ),
        # ILD and PE (review rv99a)
        (
            "Coarse reticular opacities in both lower zones, peripheral predominant.",
            {"lung_opacity": "present", "interstitial_markings": "present"},
        ),
        ("No mosaicism on expiratory imaging.", {"mosaic_attenuation": "absent"}),
        ("Turner mosaicism, lungs clear.", {}),
        # urology (review rv99b)
        (
            "Trabeculated thick-walled bladder, left paraureteric diverticulum.",
            {"bladder_wall_thickening": "present", "bladder_diverticulum": "present"},
        ),
        # cardiac imaging (review rv99c)
        ("The right ventricle is hypertrophied and dilated.", {"cardiac_chamber_enlargement": "present"}),
        ("LV dilated and hypertrophied.", {"cardiac_chamber_enlargement": "present"}),
        ("Native T1 elevated with raised T2, in keeping with myocardial oedema.", {}),
        ("Bilateral perihilar oedema post myocardial infarction.", {"pulmonary_edema": "present"}),
        # oncology PET-CT (review rv99d)
        ("Nodes: A 6 mm left external iliac node with intense PSMA uptake.", {"lymphadenopathy": "present"}),
        ("Right ureteric (JJ) stent in situ.", {"nonvascular_stent": "present"}),
        (
            "Subtle nodularity of the greater omentum, suspicious for early peritoneal spread.",
            {"peritoneal_nodules": "present"},
        ),
        (
            "SVC obstruction secondary to the mediastinal nodal mass.",
            {"svc_obstruction": "present", "mediastinal_mass": "present", "lymphadenopathy": "present"},
        ),
    ],
)
def test_review_rv98_rv99(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the hilum's nodes on a cross-sectional study are nodes, no enlarged hilum (reviews rv95-rv99) ...
        (
            "FDG PET/CT\nFindings: Bilateral hilar lymphadenopathy, SUVmax 9.",
            {"lymphadenopathy": "present"},
        ),
        ("CT CHEST\nFindings: No hilar or mediastinal lymphadenopathy.", {"lymphadenopathy": "absent"}),
        # ... and on a chest film the hilum enlarged too
        (
            "CHEST PA AND LATERAL\nFindings: Bilateral hilar lymphadenopathy.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
        ("Bilateral hilar lymphadenopathy.", {"hilar_enlargement": "present", "lymphadenopathy": "present"}),
        # ... also one that recommends a CT or names a prior one (the review of the change)
        (
            "Bilateral hilar lymphadenopathy. Recommend CT chest for further assessment.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
        (
            "EXAM: CHEST 2V. PRIOR: CT CHEST 01/2021.\nFINDINGS: Bilateral hilar lymphadenopathy.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present"},
        ),
    ],
)
def test_the_hilums_nodes_by_study(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("Findings c/w L epididymo-orchitis.", "epididymitis", "left"),
        ("Findings c/w L epididymo-orchitis.", "orchitis", "left"),
        ("Small L hip effusion, likely transient synovitis.", "joint_effusion", "left"),
        ("Right ureteric (JJ) stent in situ.", "nonvascular_stent", "right"),
    ],
)
def test_review_rv98_rv99_sides(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}
