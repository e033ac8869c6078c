"""Review rv62 (held-out neonatal and paediatric chest films, acute aortic syndromes, paediatric musculoskeletal imaging,
hepatobiliary and pancreatic imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv62a: a follow-up's reason is no finding
        # (the review of the change: a follow-up's subject is not a question, "Follow-up of the right pleural effusion
        # shows interval increase")
        ("Follow-up of the right pleural effusion shows interval increase.", {"pleural_effusion": "present"}),
        # rv62b, the aorta: a disease that did not become another, atheroma, the lumens' contrast, a repaired
        # aneurysm, fluid around a graft
        ("No progression to dissection.", {"aortic_dissection": "absent"}),
        ("No progression of the nodule.", {"nodule": "present"}),
        (
            "The aorta is of normal calibre with mild atheroma.",
            {"aortic_dilatation": "absent", "aortic_atherosclerosis": "present"},
        ),
        ("Atheromatous plaque in the proximal LAD.", {}),
        ("The false lumen is larger with delayed opacification.", {}),
        (
            "Type II endoleak after aneurysm repair, with sac enlargement.",
            {"endoleak": "present", "aneurysm": "present"},
        ),
        (
            "Status post hernia repair. Recurrent inguinal hernia.",
            {"abdominal_hernia": "present"},
        ),
        (
            "Perigraft fluid and soft tissue thickening around the proximal descending graft.",
            {"fluid_collection": "present", "soft_tissue_swelling": "present"},
        ),
        # rv62c, children's bones: a hip put back, NAI, the skull's sutures, what a later film may show, two readings
        # said as one after a choice
        ("Previously subluxed left hip is now reduced and stable.", {"dislocation": "absent"}),
        ("Given the age, these are worrisome for NAI.", {"nonaccidental_trauma": "uncertain"}),
        ("Skull: No fracture. Sutures normal.", {"fracture": "absent"}),
        ("Multiple wormian bones in the lambdoid sutures.", {}),
        ("Skin sutures in the scalp.", {"surgical_sutures": "present"}),
        (
            "No periosteal reaction yet. If symptoms persist, repeat radiographs in 10-14 days may show periosteal new "
            "bone.",
            {"periosteal_reaction": "absent"},
        ),
        (
            "Subtle lucent band: metaphyseal collar (normal variant) or a subtle classic metaphyseal lesion / corner "
            "fracture.",
            {"lucency": "present", "fracture": "uncertain"},
        ),
        (
            "Questionable subtle increased right basilar airspace disease/atelectasis.",
            {"airspace_disease": "uncertain", "atelectasis": "uncertain"},
        ),
        (
            "Borderline cardiomegaly, mild aortic ectasia/tortuosity.",
            {"cardiomegaly": "uncertain", "tortuous_aorta": "present"},
        ),
        # (a slash between two readings is the "or" of "atelectasis or scarring": one or the other, reviews rv83b,
        # rv92a)
        ("Left base atelectasis/scarring.", {"atelectasis": "uncertain", "scarring": "uncertain"}),
        # rv62d, bile ducts and pancreas: the duct said after its dilatation, the bile's microlithiasis, mass-forming
        # pancreatitis, the transplant's hepatic artery
        (
            "Fusiform dilatation of the common bile duct to 12 mm. No intrahepatic biliary dilatation.",
            {"biliary_dilatation": "present"},
        ),
        (
            "Sludge or tiny stones (microlithiasis) in the gallbladder.",
            {"gallbladder_sludge": "uncertain", "gallstones": "uncertain"},
        ),
        ("Testicular microlithiasis.", {"testicular_microlithiasis": "present"}),
        (
            "Focal pancreatic head abnormality - mass-forming pancreatitis versus pancreatic neoplasm.",
            {"pancreatitis": "uncertain", "pancreatic_mass": "uncertain"},
        ),
        ("Findings concerning for hepatic artery thrombosis.", {"arterial_occlusion": "uncertain"}),
    ],
)
def test_review_rv62(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
