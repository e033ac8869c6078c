"""Result sentences the letter tells by a fixed note are not counted as notes it could not put in plain words: the
results told to the care team ("Findings discussed with Dr. Lee at 16:05."), an operation the patient had before
("Status post cholecystectomy."), a normal statement ("Gray-white matter differentiation is preserved.", "LUNG BASES:
Clear."; not where a word undoes it: "not preserved"), an assessment category the letter tells by its note
("Lung-RADS 4B."), a limit of the study ("PANCREAS: Not visualized due to bowel gas."), and how the exam was done
("PA and lateral views of the chest were obtained."). The verifier refuses a fixed note the report does not back."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.patient import simplify
from radpilot.patient.glossary import letter_text
from radpilot.patient.verifier import verify

TOLD = {
    "en": "Your report says the doctor who read your images told your care team about these results.",
    "es": "Su informe dice que el médico que leyó sus imágenes ya le contó estos resultados a su equipo de atención.",
}
SURGERY = {
    "en": "Your report also mentions an operation you had before.",
    "es": "Su informe también menciona una operación que tuvo antes.",
}
NOTHING = {
    "en": "We did not find a problem on your images.",
    "es": "No encontramos ningún problema en sus imágenes.",
}
LIMITED = {
    "en": "Your report says some parts of the pictures could not be checked well, so a small problem there could be "
    "missed.",
    "es": "Su informe dice que algunas partes de las imágenes no se pudieron revisar bien, así que podría no verse un "
    "problema pequeño allí.",
}

# (made-up report, fixed notes the letter says, notes it could not tell)
CASES = [
    (
        "FINDINGS: Small left pneumothorax.\nIMPRESSION: Small left pneumothorax. Findings discussed with Dr. Lee at "
        "16:05.",
        [TOLD],
        0,
    ),
    ("IMPRESSION: Small left pneumothorax. Dr. Chen was notified at 07:45.", [TOLD], 0),
    # told to the patient, not to the care team: no such note
    ("IMPRESSION: Small left pneumothorax. The results were discussed with the patient.", [], 1),
    ("FINDINGS: Small hiatal hernia. Status post cholecystectomy.", [SURGERY], 0),
    ("FINDINGS: Small hiatal hernia.\nGALLBLADDER: Surgically absent.", [SURGERY], 0),
    # no operation: a fall, or one the report only hedges
    ("FINDINGS: Small hiatal hernia. Status post fall from standing.", [], 1),
    ("FINDINGS: Mild cardiomegaly. Distal clavicle shortening, possibly postsurgical.", [], 1),
    (
        "FINDINGS:\nLUNG BASES: Clear.\nBRAIN: Gray-white matter differentiation is preserved. No restricted "
        "diffusion. No abnormal enhancement.\nIMPRESSION: Normal MRI of the brain.",
        [NOTHING],
        0,
    ),
    # (a sentence that names no finding; "vertebral body heights are not preserved" is a compression now, review rv74b)
    ("FINDINGS: Vertebral marrow signal is not preserved. Mild cardiomegaly.", [], 1),
    # (a superficial vein: no finding of its own; a deep one that does not compress is a clot, told)
    ("FINDINGS: Mild cardiomegaly. The left greater saphenous vein is not compressible.", [], 1),
    ("FINDINGS: PA and lateral views of the chest were obtained. Mild cardiomegaly.", [], 0),
    ("FINDINGS:\nPANCREAS: Not visualized due to bowel gas.\nLIVER: Mild hepatic steatosis.", [LIMITED], 0),
    ("FINDINGS: Mild cardiomegaly. Heart size cannot be accurately assessed on this AP view.", [LIMITED], 0),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("report", "notes", "untold"), CASES)
def test_a_sentence_told_by_a_note_is_no_untold_note(
    report: str, notes: list[dict[str, str]], untold: int, lang: str
) -> None:
    pv = simplify(report, lang=lang)
    assert pv.verified, pv.issues
    for note in notes:
        assert note[lang] in pv.letter.found, pv.letter.found
    for note in (TOLD, SURGERY):
        if note not in notes:
            assert note[lang] not in pv.letter.found, pv.letter.found
    assert pv.plan.other_notes == untold, pv.letter.found


def test_a_category_the_letter_tells_by_its_note_is_no_untold_note() -> None:
    report = (
        "FINDINGS: 9 mm solid nodule in the right upper lobe, new.\n"
        "IMPRESSION: New 9 mm right upper lobe nodule. Lung-RADS 4B."
    )
    pv = simplify(report)
    assert pv.verified, pv.issues
    assert letter_text("en").concern_note in pv.letter.means
    assert pv.plan.other_notes == 0


@pytest.mark.parametrize(
    ("report", "note", "issue"),
    [
        ("FINDINGS: Small left pneumothorax.", TOLD["en"], "results told to the care team"),
        ("FINDINGS: Small left pneumothorax. Status post fall.", SURGERY["en"], "an operation before"),
    ],
)
def test_the_verifier_refuses_a_note_the_report_does_not_back(report: str, note: str, issue: str) -> None:
    lay = "We see an air leak around the lung on the left side. It is small. " + note
    check = verify(structure(report), lay)
    assert any(i.startswith(issue) for i in check.issues), check.issues
    assert not any(i.startswith("new finding") for i in check.issues), check.issues


def test_a_result_called_to_the_surgeons_is_no_operation_had_before() -> None:
    pv = simplify(
        "FINDINGS: Infrarenal abdominal aortic aneurysm measuring 7.2 cm with a large left retroperitoneal hematoma.\n"
        "IMPRESSION: Ruptured abdominal aortic aneurysm. Critical result communicated to vascular surgery Dr. Han at "
        "11:22."
    )
    assert not any("operation you had before" in s for s in pv.letter.found), pv.letter.found


def test_no_follow_up_for_one_finding_is_not_told_as_if_it_were_for_an_urgent_one() -> None:
    """rvC 22: beside acute cholecystitis, "Simple right renal cyst; no follow-up needed." was told as "no more tests
    or visits are needed for this", reassurance that reads as the whole letter's."""
    pv = simplify(
        "FINDINGS: Gallstones with gallbladder wall thickening, pericholecystic fluid and a positive sonographic "
        "Murphy sign. A 2.1 cm simple cyst in the right kidney.\n"
        "IMPRESSION: 1. Acute calculous cholecystitis. 2. Simple right renal cyst; no follow-up needed."
    )
    assert letter_text("en").next_not_needed not in pv.letter.next, pv.letter.next
    assert letter_text("en").next_not_needed_one in pv.letter.next, pv.letter.next
