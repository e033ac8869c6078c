"""A letter never tells a denial the report contradicts or narrows: not beside a present or possible finding of the
denial's family (a narrower kind by the lexicon's is_a, or a kin its plain words cover: microbleeds are bleeding in the
brain), and not for a denial said with a degree, a kind or a hedge ("No large pleural effusion" is no "no fluid around
the lung"). A denial of one side is told with its side. The verifier refuses each of these "no X" sentences."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.patient import simplify
from radpilot.patient.verifier import verify

BLEED = {
    "en": "There is no sign of bleeding in the brain.",
    "es": "No hay señales de sangrado en el cerebro.",
}
FLUID = {
    "en": "There is no sign of fluid around the lung.",
    "es": "No hay señales de líquido alrededor del pulmón.",
}
AIR = {
    "en": "There is no sign of an air leak around the lung.",
    "es": "No hay señales de una fuga de aire alrededor del pulmón.",
}
BONE = {"en": "There is no sign of a broken bone.", "es": "No hay señales de un hueso roto."}
SPOT = {"en": "There is no sign of a spot on the lung.", "es": "No hay señales de mancha en el pulmón."}
CLOT = {
    "en": "There is no sign of a blood clot in the lung arteries.",
    "es": "No hay señales de un coágulo en las arterias del pulmón.",
}
SOLID = {
    "en": "There is no sign of a solid-looking area in the lung.",
    "es": "No hay señales de zona de aspecto sólido en el pulmón.",
}
DVT_RIGHT = {
    "en": "There is no sign of a blood clot in a deep vein on the right side.",
    "es": "No hay señales de un coágulo en una vena profunda en el lado derecho.",
}

# (made-up report, denials the letter tells, denials it never tells)
CASES = [
    # a narrower kind of the denied finding is present: "no bleeding in the brain" would deny the hemorrhage
    (
        "FINDINGS: Small subarachnoid hemorrhage in the left sylvian fissure. No intraparenchymal hematoma.",
        [],
        [BLEED],
    ),
    (
        "FINDINGS: Thin left subdural hematoma. No intracranial hemorrhage elsewhere. No midline shift.",
        [],
        [BLEED],
    ),
    # a kin the plain words cover: tiny blood spots in the brain are bleeding in the brain
    (
        "FINDINGS: Acute infarct in the left frontal lobe. Two chronic microhemorrhages in the right parietal lobe. "
        "No hemorrhagic transformation.",
        [],
        [BLEED],
    ),
    (
        "FINDINGS: Scattered cerebral microbleeds. No acute intracranial hemorrhage.",
        [],
        [BLEED],
    ),
    (
        "FINDINGS: Calcified granuloma in the right upper lobe. No pulmonary nodules.",
        [],
        [SPOT],
    ),
    # an old fracture of a narrower kind beside "no acute fracture"
    ("FINDINGS: Chronic T12 compression fracture. No acute fracture.", [], [BONE]),
    # a degree, a kind or a hedge makes the denial narrower than its finding
    ("FINDINGS: Small left pneumothorax. No large pleural effusion.", [], [FLUID]),
    ("FINDINGS: Mild cardiomegaly. No significant pleural effusion.", [], [FLUID]),
    ("FINDINGS: Mild cardiomegaly. No suspicious pulmonary nodule.", [], [SPOT]),
    ("FINDINGS: Mild cardiomegaly. No displaced rib fracture.", [], [BONE]),
    ("FINDINGS: Mild cardiomegaly. No definite pneumothorax.", [], [AIR]),
    ("FINDINGS: Small right pleural effusion. No central pulmonary embolism.", [], [CLOT]),
    # ... said only of the finding it stands before
    ("FINDINGS: Mild cardiomegaly. No large pleural effusion or pneumothorax.", [AIR], [FLUID]),
    ("FINDINGS: Mild cardiomegaly. No confluent lobar consolidation or pleural effusion.", [FLUID], [SOLID]),
    # plain denials are told as before, and one of the study's extent where the report says the study was limited
    ("FINDINGS: No pleural effusion. No pneumothorax.", [FLUID, AIR], []),
    ("FINDINGS: No acute fracture. Mild cardiomegaly.", [BONE], []),
    (
        "FINDINGS: No central pulmonary embolism. Subsegmental evaluation limited by respiratory motion.",
        [CLOT],
        [],
    ),
    # a denial of one side is told with its side
    ("IMPRESSION: No deep venous thrombosis in the right lower extremity.", [DVT_RIGHT], []),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("report", "told", "never"), CASES)
def test_a_denial_is_told_only_as_the_report_says_it(
    report: str, told: list[dict[str, str]], never: list[dict[str, str]], lang: str
) -> None:
    pv = simplify(report, lang=lang)
    assert pv.verified, pv.issues
    for said in told:
        assert said[lang] in pv.letter.found, pv.letter.found
    for said in never:
        assert said[lang] not in pv.letter.found, pv.letter.found


# (made-up report, lay text, the verifier's issue or None)
VERIFIED = [
    (
        "FINDINGS: Small subarachnoid hemorrhage. No intracranial hemorrhage elsewhere.",
        "We see bleeding around the brain. There is no sign of bleeding in the brain.",
        "new negative statement: the lay text says no intracranial hemorrhage, the report has subarachnoid hemorrhage",
    ),
    (
        "FINDINGS: Small subarachnoid hemorrhage. No intraparenchymal hematoma.",
        "We see bleeding around the brain. There is no sign of bleeding in the brain.",
        "new negative statement: the lay text says no intracranial hemorrhage",
    ),
    (
        "FINDINGS: Two chronic microhemorrhages. No hemorrhagic transformation.",
        "We see tiny blood spots in the brain. There is no sign of bleeding in the brain.",
        "new negative statement: the lay text says no intracranial hemorrhage",
    ),
    (
        "FINDINGS: No large pleural effusion.",
        "There is no sign of fluid around the lung.",
        "new negative statement: the lay text says no pleural effusion",
    ),
    (
        "FINDINGS: No left pneumothorax.",
        "There is no sign of an air leak around the lung on the right side.",
        "new negative statement: the lay text says no pneumothorax (right)",
    ),
    (
        "FINDINGS: No left pneumothorax.",
        "There is no sign of an air leak around the lung.",
        "new negative statement: the lay text says no pneumothorax",
    ),
    (
        "FINDINGS: No left pneumothorax.",
        "There is no sign of an air leak around the lung on the left side.",
        None,
    ),
    ("FINDINGS: No pleural effusion.", "There is no sign of fluid around the lung.", None),
]


@pytest.mark.parametrize(("report", "lay", "issue"), VERIFIED)
def test_the_verifier_refuses_a_denial_the_report_does_not_make(
    report: str, lay: str, issue: str | None
) -> None:
    check = verify(structure(report), lay)
    if issue is None:
        assert check.ok, check.issues
    else:
        assert any(i.lower().startswith(issue) for i in check.issues), check.issues
