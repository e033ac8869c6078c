"""Review rv47 (held-out PET-CT and nuclear medicine in oncology, older patients after a fall, structured and
templated reports, and very terse reports of busy lists, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # terse reports (rv47d): "#" for a fracture, "NG" said with where it lies, "Clin:" as the history,
        # "neg" after its finding, the sign's word left out
        (
            "XR L WRIST\nNo #. Soft tissue swelling dorsal aspect of wrist.",
            {"fracture": "absent", "soft_tissue_swelling": "present"},
        ),
        (
            "XR R) HIP + AP PELVIS\nDisplaced subcapital # R) NOF (Garden IV).\nNo other # seen.",
            {"fracture": "present"},
        ),
        (
            "XR L ANKLE\nNo # or dislocation demonstrated. Tiny ossific fragment adjacent to tip of lat malleolus - "
            "?small avulsion #, correlate clinically.",
            {"fracture": "uncertain", "dislocation": "absent"},
        ),
        ("See image #45. Case #3.", {}),
        ("NG in stomach. Nil else of note.", {"enteric_tube": "present"}),
        ("PSA 8.4 ng/mL.", {}),
        (
            "CXR\nClin: L) ptx, ICC inserted yesterday.\nL) ICC in situ, tip at apex. L) ptx has resolved.",
            {"chest_tube": "present", "pneumothorax": "absent"},
        ),
        (
            "GB: Multiple mobile calculi. Sonographic Murphy's neg.",
            {"gallstones": "present", "sonographic_murphy_sign": "absent"},
        ),
        ("Negative sonographic Murphy sign.", {"sonographic_murphy_sign": "absent"}),
        ("Sonographic Murphy's +ve.", {"sonographic_murphy_sign": "present"}),
        # (a size opens a statement after a line that asks, not a wrapped line's)
        (
            "CT KUB\n?renal colic L)\n4mm distal L) ureteric calculus at the VUJ.",
            {"ureterolithiasis": "present"},
        ),
        # older patients after a fall (rv47b): the brain's background said after the findings, bare atrophy on a
        # study of the head, a choice or a turn that names both a subdural haematoma and a hygroma
        (
            "CT HEAD\nFindings: No fracture.\nBackground: moderate atrophy, extensive white matter hypoattenuation "
            "from small vessel disease.",
            {"fracture": "absent", "cerebral_atrophy": "present", "small_vessel_disease": "present"},
        ),
        (
            "CT head: no ICH, no SDH, no mass effect. Mild small vessel dz. Atrophy approp for age.",
            {
                "intracranial_hemorrhage": "absent",
                "subdural_hematoma": "absent",
                "mass_effect": "absent",
                "small_vessel_disease": "present",
                "cerebral_atrophy": "present",
            },
        ),
        ("CXR: Muscle atrophy.", {}),
        (
            "CT HEAD\nBilateral extra-axial collections, likely chronic subdural haematomas though subdural hygromas "
            "are a differential.\nImpression: bilateral chronic SDH vs hygromas, R>L.",
            {"subdural_hematoma": "uncertain", "subdural_hygroma": "uncertain"},
        ),
        ("Subdural collections, likely hygromas.", {"subdural_hygroma": "uncertain"}),
        ("US NECK\nCystic hygroma.", {}),
        # ... a chest drain advised is not yet in; nipple markers for a repeat film are not on this one
        (
            "Impression: Displaced R rib fractures with moderate R PTX. Urgent chest drain suggested.",
            {"fracture": "present", "pneumothorax": "present"},
        ),
        ("Right chest drain in situ.", {"chest_tube": "present"}),
        (
            "L lower zone nodular density; repeat PA with nipple markers.",
            {"density": "present"},
        ),
        (
            "XR L shoulder: High-riding humeral head in keeping with rotator cuff arthropathy / chronic massive cuff "
            "tear.",
            {"arthritis": "present", "ligament_tear": "present"},
        ),
        # templates (rv47c): what a checklist says is what was ticked; a line of empty boxes says nothing
        (
            "EXAM: XR CHEST 1V PORTABLE\nETT: [x] Present  [ ] Absent   Tip 4.5 cm above carina\n"
            "PNEUMOTHORAX: [x] No  [ ] Yes\nPLEURAL EFFUSION: [ ] No  [x] Yes  - small, left\n"
            "CARDIOMEGALY: [x] No  [ ] Yes",
            {
                "endotracheal_tube": "present",
                "pneumothorax": "absent",
                "pleural_effusion": "present",
                "cardiomegaly": "absent",
            },
        ),
        (
            "XR BABYGRAM\nLungs: [x] Diffuse granular opacities [ ] Clear\nAir leak: [ ] PTX [ ] PIE [x] None",
            # (the findings a line offers are denied when its ticked answer denies)
            {
                "lung_opacity": "present",
                "pneumothorax": "absent",
                "pulmonary_interstitial_emphysema": "absent",
            },
        ),
        (
            "CT HEAD\nIntracranial hemorrhage: [ ] None  [x] Present - 6 mm thin left frontoparietal subdural "
            "hematoma\nMass effect / midline shift: [x] None  [ ] Present\nFracture: [x] None  [ ] Present",
            {
                "subdural_hematoma": "present",
                "mass_effect": "absent",
                "midline_shift": "absent",
                "fracture": "absent",
            },
        ),
        ("FINDINGS:\nLungs: Clear.\nPleural effusion: [ ]\nHeart: Normal size.", {"cardiomegaly": "absent"}),
        ("Air leak: [x] PTX [ ] PIE [ ] None", {"pneumothorax": "present"}),
        ("Steatosis: [ ] Yes [x] No\nAlignment: [x] Normal [ ] Abnormal", {"hepatic_steatosis": "absent"}),
        # (a line may tick its boxes after their options: what is ticked is said, and a denying answer denies)
        (
            "Pneumothorax: Yes [ ] No [x]\nPleural effusion: Yes [x] No [ ]\nAir leak: PTX [ ]  PIE [ ]  None [x]",
            {
                "pleural_effusion": "present",
                "pneumothorax": "absent",
                "pulmonary_interstitial_emphysema": "absent",
            },
        ),
        ("Renal: Hydronephrosis [ ]  Calculus [x]  Cyst [ ]", {"nephrolithiasis": "present"}),
        ("Renal: Hydronephrosis [x]  Calculus [ ]", {"hydronephrosis": "present"}),
        # PET-CT (rv47a)
        (
            "Local recurrence is considered unlikely but cannot be entirely excluded.",
            {"tumor_recurrence": "uncertain"},
        ),
        ("Recurrence is unlikely.", {"tumor_recurrence": "absent"}),
        ("Prostate: Enlarged gland (approx 70 mL).", {"prostatomegaly": "present"}),
        (
            "Neck: symmetric low grade mucosal uptake thru the pharynx and larynx c/w post-treatment inflammation.",
            {},
        ),
        ("Mild R maxillary sinus disease.", {"paranasal_sinus_disease": "present"}),
        ("Spleen nl size.", {"splenomegaly": "absent"}),
        (
            "Bones: Lytic avid lesion in the L iliac bone, 2.5 cm - osseous metastasis.",
            {"lytic_bone_lesion": "present", "osseous_metastasis": "present"},
        ),
    ],
)
def test_review_rv47(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_background_line_after_the_findings_is_theirs() -> None:
    from radpilot.report import parse_report

    names = [s.name for s in parse_report("CT HEAD\nFindings: No fracture.\nBackground: atrophy.").sections]
    assert "history" not in names
    # (before the findings it is the history, review rv41a)
    assert "history" in [s.name for s in parse_report("Background: Cirrhosis.\nFindings: Ascites.").sections]


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a side's letter before the pelvis's bones and the head's paired parts (rv47a)
        ("Lytic avid lesion in the L iliac bone.", "lytic_bone_lesion", "left"),
        ("L mastoid effusion.", "mastoid_effusion", "left"),
        ("Mild R maxillary sinus disease.", "paranasal_sinus_disease", "right"),
    ],
)
def test_side_letters_rv47(text: str, code: str, side: str) -> None:
    assert sides(text)[code] == {side}


def test_a_checklist_finding_keeps_the_reports_words() -> None:
    from radpilot import structure

    text = "CT C-SPINE\nPrevertebral soft tissues: [x] Normal [ ] Thickened\nAir leak: [ ] PTX [x] None"
    for f in structure(text).findings:
        assert f.text == text[f.span[0] : f.span[1]]
    assert [(f.code, f.assertion.value, f.text) for f in structure(text).findings] == [
        ("soft_tissue_swelling", "absent", "Prevertebral soft tissues: [x] Normal [ ] Thickened"),
        ("pneumothorax", "absent", "PTX"),
    ]
