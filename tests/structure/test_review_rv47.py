"""Review rv47 (held-out PET-CT and nuclear medicine in oncology, older patients after a fall, structured and
templated reports, and very terse reports of busy lists, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


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
