"""Sixth 2026-12-01 session: list items that share a head word when the last item carries its own side or degree
("pericardial and left pleural effusions"), an organ's infarct that keeps to its organ, an adjective said of the
iliac arteries that is not the aorta's; and reviews rv16a (oncology CT), rv16b (neuroradiology) and rv16c (patient
letters) of made-up dictation: thoracic levels, telegraphic "mets", words that are no finding ("peg-like",
"malignant" ascites, a hernia's repair, a resected tumour, a calf's edema), a size said now ("has decreased to
0.6 cm"), sizes compared ("1.2 cm versus 2.2 cm"), "no new or enlarging", and a reading favoured over another."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results


def _read(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.severity)
            for f in structure(text).findings
        }
    )


CASES = [
    # the last item's side and degree are its own; the items before it keep theirs or have none
    (
        "Small pericardial and left pleural effusions.",
        [("pericardial_effusion", "present", None, "small"), ("pleural_effusion", "present", "left", None)],
    ),
    (
        "Pericardial and moderate left pleural effusions.",
        [
            ("pericardial_effusion", "present", None, None),
            ("pleural_effusion", "present", "left", "moderate"),
        ],
    ),
    (
        "Trace pericardial and small bilateral pleural effusions.",
        [
            ("pericardial_effusion", "present", None, "trace"),
            ("pleural_effusion", "present", "bilateral", "small"),
        ],
    ),
    (
        "No pericardial or large pleural effusion.",
        [("pericardial_effusion", "absent", None, None), ("pleural_effusion", "absent", None, "large")],
    ),
    (
        "Splenic and left renal infarcts are present.",
        [("renal_infarct", "present", "left", None), ("splenic_infarct", "present", None, None)],
    ),
    # (with no side or degree between, as before)
    (
        "Mediastinal and hilar lymphadenopathy.",
        [("hilar_enlargement", "present", None, None), ("lymphadenopathy", "present", None, None)],
    ),
    # an organ's infarct is at its organ: the spleen is not the kidney's place
    (
        "There are wedge-shaped infarcts in the spleen and left kidney.",
        [("renal_infarct", "present", "left", None), ("splenic_infarct", "present", None, None)],
    ),
    # an adjective said of the iliac arteries is theirs, unless said of the aorta with them
    ("The common iliac arteries are ectatic.", []),
    ("Mildly ectatic iliac arteries.", []),
    ("The aorta and iliac arteries are tortuous.", [("tortuous_aorta", "present", None, None)]),
    ("The aorta and common iliac arteries are ectatic.", [("tortuous_aorta", "present", None, None)]),
    ("The aorta is tortuous. The iliac arteries are patent.", [("tortuous_aorta", "present", None, None)]),
    # telegraphic "mets"
    (
        "Lungs: Innumerable b/l pulm mets, progressed.",
        [("pulmonary_metastases", "present", "bilateral", None)],
    ),
    ("Adrenals: L adrenal met 3.1 cm, prior 2.5 cm.", [("adrenal_metastasis", "present", "left", None)]),
    # words that are no finding
    (
        "Cerebellar tonsils extend 8 mm below the foramen magnum with peg-like configuration, consistent with Chiari I "
        "malformation.",
        [("chiari_malformation", "present", None, None)],
    ),
    (
        "Moderate ascites, increased since prior, likely malignant.",
        [("ascites", "present", None, "moderate")],
    ),
    (
        "Small left pleural effusion, new, possibly malignant.",
        [("pleural_effusion", "present", "left", "small")],
    ),
    ("Ventral hernia repair mesh in place.", []),
    ("Postsurgical changes of right frontal craniotomy and tumor resection.", []),
    (
        "T2 hyperintense cord signal at C5-6 consistent with myelomalacia or edema.",
        [
            ("cord_signal_abnormality", "present", None, None),
            ("cord_signal_abnormality", "uncertain", None, None),
        ],
    ),
    (
        "Low-lying cerebellar tonsils 4 mm below the foramen magnum, not meeting criteria for Chiari I.",
        [("chiari_malformation", "absent", None, None)],
    ),
    (
        "Left hemithorax volume loss with leftward shift of the heart and mediastinum.",
        # (the shift is the mediastinum's, review rv69d)
        [("volume_loss", "present", "left", None), ("mediastinal_shift", "present", "left", None)],
    ),
    # named as the reviewers found them missing
    (
        "Subfalcine herniation with 9 mm leftward shift.",
        [("brain_herniation", "present", None, None), ("midline_shift", "present", "left", None)],
    ),
    (
        "Effacement of the basal cisterns concerning for impending herniation.",
        [("brain_herniation", "uncertain", None, None), ("mass_effect", "present", None, None)],
    ),
    (
        "Nonspecific scattered punctate foci of T2/FLAIR hyperintensity in the subcortical white matter.",
        [("white_matter_lesions", "present", None, None)],
    ),
    ("Mild CBD dilatation to 9 mm.", [("biliary_dilatation", "present", None, "mild")]),
    # sizes compared are no alternative; "no new or enlarging" holds its change
    (
        "The left adrenal lesion is smaller, 1.2 cm versus 2.2 cm.",
        [("adrenal_nodule", "present", "left", None)],
    ),
    ("No new or enlarging T2 lesions.", [("lesion", "uncertain", None, None)]),
    # a hedge said as the sentence's verb; a stone that has passed
    (
        "Nondisplaced fracture of the left femoral neck is suspected, with a subtle sclerotic line.",
        [("fracture", "uncertain", "left", None)],
    ),
    ("Interval passage of right renal pelvic stone.", [("calculus", "absent", "right", None)]),
    ("The right ureteral stone has passed.", [("ureterolithiasis", "absent", "right", None)]),
    # a kidney's, the pleura's, the spleen's and a radiation field's words are theirs
    (
        "Small left kidney with cortical thinning, possibly from prior infection or scarring.",
        [("renal_atrophy", "present", "left", None)],
    ),
    (
        "Loculated right pleural effusion with enhancing pleural nodularity.",
        # (the same pleura's: on its side since review rv29)
        [("pleural_effusion", "present", "right", None), ("pleural_thickening", "present", "right", None)],
    ),
    ("Splenic hypodensity, favored to represent a hemangioma.", [("splenic_lesion", "present", None, None)]),
    (
        "Radiation fibrosis in the medial right upper lobe, evolving as expected.",
        # (a radiation field's fibrosis is fibrosis, as the reviewers of rv70b and rv87b read it)
        [("pulmonary_fibrosis", "present", "right", None)],
    ),
    # a degree of the fracture's angulation is not the fracture's
    (
        "Acute distal radius fracture with mild dorsal angulation and associated ulnar styloid fracture.",
        [("fracture", "present", None, None)],
    ),
    # an obstructing mass of the bowel obstructs it
    (
        "Obstructing mass in the descending colon with upstream colonic dilatation.",
        [("bowel_obstruction", "present", None, None), ("mass", "present", None, None)],
    ),
    ("Non-obstructing sigmoid mass.", [("mass", "present", None, None)]),
    ("Obstructing 5 mm stone in the right ureter.", [("ureterolithiasis", "present", "right", None)]),
    # what a reading is favoured over is weighed against
    (
        "Findings favor treatment-related changes/radiation necrosis over tumor recurrence.",
        [("tumor_recurrence", "uncertain", None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_read(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert _read(text) == sorted(expected)


def test_the_mediastinal_nodes_take_no_side_of_the_hilar_ones() -> None:
    findings = structure("Mediastinal and right hilar lymphadenopathy.").findings
    found = {f.code: f for f in findings}
    # (the mediastinal nodes have no side; the hilar ones, nodes too since review rv34c, are on the right)
    assert {
        f.laterality.value if f.laterality else None for f in findings if f.code == "lymphadenopathy"
    } == {
        None,
        "right",
    }
    assert (
        found["hilar_enlargement"].laterality is not None
        and found["hilar_enlargement"].laterality.value == "right"
    )


def test_the_renal_infarct_is_not_placed_at_the_spleen() -> None:
    (renal,) = [
        f
        for f in structure("Wedge-shaped infarcts in the spleen and left kidney.").findings
        if f.code == "renal_infarct"
    ]
    assert renal.location in (None, "kidney")


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Compression fracture of T12.", "thoracic spine"),
        ("Disc herniation at T7-8.", "thoracic spine"),
        ("Sclerotic lesion at T11.", "thoracic spine"),
        # (T1 and T2 are MRI sequences too)
        ("T2 hyperintense lesion in the right frontal lobe.", "brain"),
    ],
)
def test_a_thoracic_level_said_alone_places_the_thoracic_spine(text: str, location: str) -> None:
    (f,) = structure(text).findings
    assert f.location == location


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("The 1.3 cm right lower lobe nodule has decreased to 0.6 cm.", 6.0),
        ("The 8 mm nodule has increased to 1.4 cm.", 14.0),
        ("The 2.2 cm segment 7 hepatic metastasis has decreased to 1.1 cm.", 11.0),
        ("The nodule has decreased in size from 1.3 cm to 0.6 cm.", 6.0),
    ],
)
def test_the_size_a_finding_has_changed_to_is_its_size(text: str, size: float) -> None:
    (f,) = structure(text).findings
    assert f.size_mm == size


def test_edema_on_a_limb_veins_study_is_the_limbs() -> None:
    text = (
        "EXAM: US VENOUS DUPLEX LEFT LOWER EXTREMITY\nFINDINGS: The common femoral, femoral and popliteal veins are "
        "compressible with normal flow. Calf veins not well visualized due to edema.\nIMPRESSION: No DVT."
    )
    codes = {f.code for f in structure(text).findings}
    assert "pulmonary_edema" not in codes and "soft_tissue_swelling" in codes
    assert "pulmonary_edema" in {
        f.code for f in structure("EXAM: CHEST PA AND LATERAL\nFINDINGS: Mild edema.").findings
    }


def test_a_reading_favoured_over_another_calls_no_one() -> None:
    weighed = structure("FINDINGS: Findings favor radiation necrosis over tumor recurrence.")
    assert critical_results(weighed) == []
    said = structure("FINDINGS: Tumor recurrence in the resection bed.")
    assert [r.code for r in critical_results(said)] == ["tumor_recurrence"]


def test_a_lesions_size_is_not_its_edemas() -> None:
    found = {
        f.code: f
        for f in structure("Parafalcine meningioma with mild adjacent edema, measuring 3.4 cm.").findings
    }
    assert found["meningioma"].size_mm == 34.0
    assert found["cerebral_edema"].size_mm is None


def test_a_stones_size_is_not_the_shrunken_kidneys() -> None:
    found = {
        f.code: f
        for f in structure(
            "The left kidney is small with cortical thinning and a 5 mm nonshadowing echogenic focus, possibly a small "
            "stone versus vascular calcification."
        ).findings
    }
    assert found["renal_atrophy"].size_mm is None and found["renal_atrophy"].severity is None
    assert found["nephrolithiasis"].size_mm == 5.0


@pytest.mark.parametrize(
    ("text", "code", "size"),
    [
        ("The known liver metastases are more conspicuous and larger, the largest in segment 5 measuring 5.2 x 4.4 cm, "
         "previously 3.9 x 3.5 cm.", "liver_metastasis", 52.0),
        ("Bilateral pulmonary metastases have decreased; the largest in the right lower lobe now measures 9 mm, "
         "previously 15 mm.", "pulmonary_metastases", 9.0),
        ("Multiple enhancing lesions, the largest 12 mm in the right frontal lobe.", "lesion", 12.0),
    ],
)  # fmt: skip
def test_the_largest_is_of_the_findings_named_before_it(text: str, code: str, size: float) -> None:
    (f,) = [f for f in structure(text).findings if f.code == code]
    assert f.size_mm == size


def test_new_lesions_said_with_a_progression_are_new() -> None:
    (f,) = structure("Interval progression with new liver metastases.").findings
    assert f.change is not None and f.change.value == "new"
    # (a new finding that has grown since is worse)
    (g,) = structure("Increased size of the new nodule.").findings
    assert g.change is not None and g.change.value == "worsened"
