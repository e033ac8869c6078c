"""Readings a review of made-up oncology follow-up CT sentences (rv80) found wrong; each row is the reading a
radiologist gives."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression
from radpilot.guidelines import assess
from radpilot.patient import simplify


def _readings(text: str) -> set[tuple[str, str, str | None]]:
    return {
        (f.code, f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    }


@pytest.mark.parametrize(
    ("text", "code", "assertion", "change"),
    [
        # tumour words are tumour, never a device
        ("Peritoneal implant in the right paracolic gutter measures 1.8 cm, previously 1.1 cm.",
         "peritoneal_carcinomatosis", "present", "worsened"),
        ("Interval development of peritoneal carcinomatosis with omental caking.", "peritoneal_carcinomatosis",
         "present", "new"),
        ("Peritoneal nodularity has increased.", "peritoneal_nodules", "present", "worsened"),
        ("Lymphangitic carcinomatosis in the right lung, new since the prior study.", "lymphangitic_carcinomatosis",
         "present", "new"),
        ("Right adrenal gland metastasis is stable at 1.8 cm.", "adrenal_metastasis", "present", "stable"),
        # (the reading has the change of the nodule it reads: a metastasis that has grown)
        ("Left adrenal nodule measures 2.4 cm, increased from 1.6 cm, consistent with metastasis.",
         "adrenal_metastasis", "present", "worsened"),
        ("Hydronephrosis of the left kidney, new, secondary to a retroperitoneal nodal mass.", "lymphadenopathy",
         "present", None),
        ("New moderate right pleural effusion with nodular pleural thickening, suspicious for malignant effusion.",
         "pleural_effusion", "present", "new"),
        # a change said at the end of the sentence is the finding's
        ("Pathologic compression fracture of L2 with retropulsion, new since prior.", "compression_fracture",
         "present", "new"),
    ],
)  # fmt: skip
def test_reading(text: str, code: str, assertion: str, change: str | None) -> None:
    assert (code, assertion, change) in _readings(text)


@pytest.mark.parametrize(
    ("text", "not_codes"),
    [
        ("Small bowel obstruction with transition point in the right lower quadrant near a serosal implant.",
         {"support_device"}),
        ("Consolidative opacity in the left perihilar region conforming to the radiation port, compatible with "
         "radiation pneumonitis.", {"port_catheter", "support_device"}),
        ("Hydronephrosis of the left kidney, new, secondary to a retroperitoneal nodal mass.", {"renal_mass"}),
        ("New moderate right pleural effusion with nodular pleural thickening, suspicious for malignant effusion.",
         {"mass"}),
        # what the study cannot tell, a risk, and a reading withdrawn are no findings
        ("New brain metastasis cannot be assessed on this examination.", {"brain_metastases"}),
        ("Cannot assess for pneumothorax on this supine film.", {"pneumothorax"}),
        ("New lytic lesion in the left proximal femur with cortical thinning, at risk for pathologic fracture.",
         {"fracture"}),
        ("Impending pathologic fracture of the left femur.", {"fracture"}),
        ("Hepatic hypodensity previously thought to represent metastasis is now favored to be a cyst.",
         {"metastasis", "liver_metastasis"}),
    ],
)  # fmt: skip
def test_not_read_as(text: str, not_codes: set[str]) -> None:
    found = {f.code for f in structure(text).findings if f.assertion.value != "absent" and f.context is None}
    assert not found & not_codes


@pytest.mark.parametrize(
    ("finding", "tiers"),
    [
        # an impending fracture is called, as one (no acute fracture)
        ("New lytic lesion in the left proximal femur with cortical thinning, at risk for pathologic fracture.",
         [("impending_pathologic_fracture", "orange")]),
        ("Impending pathologic fracture of the left femur.", [("impending_pathologic_fracture", "orange")]),
        ("No impending pathologic fracture.", []),
        # a fracture new since the prior is no old fracture ("prior" names the exam compared with)
        ("Pathologic compression fracture of L2 with retropulsion, new since prior.",
         [("compression_fracture", "orange")]),
        ("Prior left rib fractures.", []),
        ("Displaced left rib fracture, unchanged from prior.", []),
        # a nodule the report calls a metastasis is no indeterminate adrenal nodule
        ("Left adrenal nodule measures 2.4 cm, increased from 1.6 cm, consistent with metastasis.", []),
        ("New 2.4 cm left adrenal nodule.", [("adrenal_nodule", "yellow")]),
    ],
)  # fmt: skip
def test_critical(finding: str, tiers: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}").critical] == tiers


@pytest.mark.parametrize(
    ("findings", "impression"),
    [
        # the descriptor's change, size and side go to what it is read as
        ("New 1.5 cm hypoenhancing lesion in hepatic segment 6, compatible with metastasis.",
         "New 15 mm hepatic metastases."),
        ("Left adrenal nodule measures 2.4 cm, increased from 1.6 cm, consistent with metastasis.",
         "Increased 24 mm left adrenal metastasis."),
        ("Interval development of peritoneal carcinomatosis with omental caking.", "New peritoneal carcinomatosis."),
    ],
)  # fmt: skip
def test_impression(findings: str, impression: str) -> None:
    assert write_impression(findings).impression == impression


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "findings",
    [
        "Interval development of peritoneal carcinomatosis with omental caking.",
        "Peritoneal nodularity has increased.",
        "Lymphangitic carcinomatosis in the right lung, new since the prior study.",
        "Right adrenal gland metastasis is stable at 1.8 cm.",
    ],
)
def test_the_letter_tells_them_and_is_verified(findings: str, lang: str) -> None:
    pv = simplify(f"FINDINGS: {findings}", lang=lang)
    assert pv.verified
    assert not any("lung" in s or "pulmón" in s for s in pv.letter.found) or "Lymphangitic" in findings


@pytest.mark.parametrize(
    ("text", "code", "change", "location"),
    [
        # a clot in a deep vein of the arm or neck is a deep vein thrombosis
        ("Thrombus within the left internal jugular vein around the port catheter.", "deep_vein_thrombosis", None,
         "internal jugular vein"),
        ("Nonocclusive thrombus in the right subclavian vein.", "deep_vein_thrombosis", None, None),
        # the clot burden said after the emboli is theirs
        ("Known pulmonary emboli in the right lower lobe segmental arteries, with decreased clot burden.",
         "pulmonary_embolism", "improved", "lower lobe"),
        # a reading of lesions of an organ is that organ's, across a semicolon too
        ("Multiple hypoattenuating liver lesions consistent with metastases have decreased in size; largest segment "
         "8 2.3 cm, previously 3.4 cm.", "liver_metastasis", "improved", "liver"),
    ],
)  # fmt: skip
def test_reading_with_place(text: str, code: str, change: str | None, location: str | None) -> None:
    found = [f for f in structure(text).findings if f.code == code]
    assert len(found) == 1
    assert (found[0].change.value if found[0].change else None, found[0].location) == (change, location)


def test_a_line_in_an_arm_vein_is_no_clot() -> None:
    codes = {f.code for f in structure("Left subclavian vein catheter with tip in the SVC.").findings}
    assert "deep_vein_thrombosis" not in codes


@pytest.mark.parametrize(
    ("finding", "tiers"),
    [
        (
            "New deep venous thrombosis in the left internal jugular vein.",
            [("deep_vein_thrombosis", "orange")],
        ),
        ("Occlusive thrombus in the left femoral vein.", [("deep_vein_thrombosis", "orange")]),
        ("Chronic nonocclusive thrombus in the right popliteal vein.", []),
        ("Deep venous thrombosis of the left popliteal vein, improved.", []),
        ("No deep venous thrombosis.", []),
    ],
)
def test_a_deep_vein_thrombosis_is_orange(finding: str, tiers: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}").critical] == tiers


def test_an_enlarged_node_that_decreased_is_said_to_have_decreased() -> None:
    impression = write_impression("Enlarged left supraclavicular node, 1.2 cm, previously 2.0 cm.").impression
    assert impression == "Decreased 12 mm left lymphadenopathy."


@pytest.mark.parametrize(
    ("text", "code", "size", "change"),
    [
        # the largest of several named before it is one of them
        ("Increasing size and number of hepatic metastases, the dominant lesion now measuring 6.2 cm.",
         "liver_metastasis", 62.0, "worsened"),
        ("Multiple pulmonary nodules, the largest nodule measuring 8 mm in the right upper lobe.", "nodule", 8.0,
         None),
    ],
)  # fmt: skip
def test_the_largest_is_one_of_them(text: str, code: str, size: float, change: str | None) -> None:
    found = structure(text).findings
    assert [f.code for f in found] == [code]
    assert (found[0].size_mm, found[0].change.value if found[0].change else None) == (size, change)


@pytest.mark.parametrize(
    ("text", "severity", "change"),
    [
        # a degree said of the change is not the finding's
        ("Pancreatic head mass is stable to slightly decreased, measuring 3.1 cm, previously 3.3 cm.", None,
         "stable"),
        ("The effusion is mildly increased.", None, "worsened"),
        # ... but the finding's own words keep theirs
        ("Lung volumes are mildly decreased.", "mild", None),
        ("Mildly increased interstitial markings.", "mild", "worsened"),
    ],
)  # fmt: skip
def test_a_degree_of_the_change(text: str, severity: str | None, change: str | None) -> None:
    f = structure(text).findings[0]
    assert f.severity == severity
    if change is not None:
        assert f.change is not None and f.change.value == change
