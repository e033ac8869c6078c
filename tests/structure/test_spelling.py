"""Misspelled and misheard words of dictation (structure/spelling.py, data/spellings.yaml, data/real_words.txt):
what is read as the word meant, and the real words that never are."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot import structure
from radpilot.structure.datafiles import DataFileError
from radpilot.structure.engine import default_engine
from radpilot.structure.speller import one_error_apart
from radpilot.structure.spelling import (
    build_real_words,
    default_real_words,
    default_spellings,
    load_spellings,
)


def _read(text: str) -> set[tuple[str, str, str | None]]:
    return {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    }


READ = [
    # one typing error in a long lexicon word (a letter left out or added, two letters swapped)
    ("Small right pneumothroax.", {("pneumothorax", "present", "right")}),
    ("Mild cardiomeglay.", {("cardiomegaly", "present", None)}),
    ("Right lower lobe consolidaiton.", {("consolidation", "present", "right")}),
    ("Atlectasis at the left base.", {("atelectasis", "present", "left")}),
    ("Lymphadenopahty in the mediastinum.", {("lymphadenopathy", "present", None)}),
    ("Small left pleural effussion.", {("pleural_effusion", "present", "left")}),
    ("Bilatearl pleural effusions.", {("pleural_effusion", "present", "bilateral")}),
    # (a word that is also part of a longer cue is a finding's word: "history of pneumonia", "not enlarged")
    ("Right lower lobe pnumonia.", {("pneumonia", "present", "right")}),
    ("The heart is enlagred.", {("cardiomegaly", "present", None)}),
    # (one from two spellings of one finding: "pneumothorax" and "pneumothorx")
    ("Pneumothoax on the left.", {("pneumothorax", "present", "left")}),
    # the short words and the cue words: spellings.yaml
    ("Small rigth pleural effusion.", {("pleural_effusion", "present", "right")}),
    ("No pulmonary nodlue.", {("nodule", "absent", None)}),
    ("Lungs are clear wihtout pleural effusion.", {("pleural_effusion", "absent", None)}),
    ("Posible right lower lobe pneumonia.", {("pneumonia", "uncertain", "right")}),
    ("Pneumothorax is nto seen.", {("pneumothorax", "absent", None)}),
    # ... the misheard real words only where they cannot be meant
    ("Know pneumothorax.", {("pneumothorax", "absent", None)}),
    ("Plural thickening on the left.", {("pleural_thickening", "present", "left")}),
    ("Moderate left pleural infusion.", {("pleural_effusion", "present", "left")}),
    ("Small bilateral plural infusions.", {("pleural_effusion", "present", "bilateral")}),
    ("Small write pleural effusion.", {("pleural_effusion", "present", "right")}),
    ("4 mm module in the right upper lobe.", {("nodule", "present", "right")}),
    # a British spelling the lexicon does not hold, read in its American form
    ("Cephalisation of the pulmonary vasculature.", {("vascular_congestion", "present", None)}),
    ("Diffuse osseous demineralisation.", {("osteopenia", "present", None)}),
    ("Appendiceal faecalith.", {("appendicolith", "present", None)}),
    (
        "Small right haemopneumothorax.",
        {("hemothorax", "present", "right"), ("pneumothorax", "present", "right")},
    ),
    # speech recognition's split and misheard words (lexicon and attribute data)
    ("Right lower lobe numonia.", {("pneumonia", "present", "right")}),
    ("Small right numothorax.", {("pneumothorax", "present", "right")}),
    ("Left basilar at electasis.", {("atelectasis", "present", "left")}),
    ("Bi lateral pleural effusions.", {("pleural_effusion", "present", "bilateral")}),
    ("Bi basilar atelectasis.", {("atelectasis", "present", "bilateral")}),
    # ... and two words heard for one, with a space between them
    ("Lungs are clear with out pleural effusion.", {("pleural_effusion", "absent", None)}),
    ("No evidence of new monia.", {("pneumonia", "absent", None)}),
    ("Small left pleural a fusion.", {("pleural_effusion", "present", "left")}),
    ("The cardio mediastinal silhouette is enlarged.", {("cardiomegaly", "present", None)}),
    (
        "Large right hydro pneumothorax.",
        {("pneumothorax", "present", "right"), ("pleural_effusion", "present", "right")},
    ),
    ("Moderate in physema.", {("emphysema", "present", None)}),
    ("By lateral pleural effusions.", {("pleural_effusion", "present", "bilateral")}),
    ("Right upper load consolidation.", {("consolidation", "present", "right")}),
    ("Right lower lobe ammonia.", {("pneumonia", "present", "right")}),
    ("Small left infusion.", {("pleural_effusion", "present", "left")}),
    ("Mo pneumothorax.", {("pneumothorax", "absent", None)}),
    # a word broken by a hyphen, two words typed as one
    ("Small peri-cardial effusion.", {("pericardial_effusion", "present", None)}),
    ("Sub-cutaneous emphysema in the left chest wall.", {("subcutaneous_emphysema", "present", "left")}),
    ("There is a small right pleural effu-\nsion.", {("pleural_effusion", "present", "right")}),
    ("Small right pleuraleffusion.", {("pleural_effusion", "present", "right")}),
    ("Mildcardiomegaly.", {("cardiomegaly", "present", None)}),
]

NOT_READ = [
    # real words one error from a lexicon word (real_words.txt) stay what they are
    ("Steroid injection at the left knee.", "infection"),
    ("Subpleural sparing.", "scarring"),
    # a changed letter is no typing error read, nor an error in the last two letters (real words' endings)
    ("Lobulated contour of the mass.", "loculated"),
    ("Osteogenic sarcoma of the femur.", "osteopenia"),
    ("Lymph node at the porta hepatis.", "hepatic"),
    # the misheard real words elsewhere
    ("Contrast infusion via the right arm.", "effusion"),
    ("I know the patient.", "pneumothorax"),
    ("The plural of the word.", "pleural"),
    # (not before "of": "out of phase" imaging)
    ("Signal loss with out of phase imaging, consistent with adrenal adenoma.", "without"),
    ("Serum ammonia was elevated.", "pneumonia"),
    ("Diffusing capacity is reduced.", "opacity"),
    ("Confirmed by lateral view.", "bilateral"),
    ("Follow-up in 6 mo.", "pneumothorax"),
    # (review rv18b: medical words the English list lacks, kept by hand in known_words.txt)
    ("External ventricular drain placed after ventriculotomy.", "ventriculostomy"),
    ("Alcohol coingestion.", "congestion"),
    ("Pelvic veinstones.", "stone"),
    ("Pleural infusion of alteplase via the right chest tube.", "effusion"),
    # a Latin plural's "-ae" is no British spelling
    ("Multiple lacunae in the basal ganglia.", "lacune"),
    # a prefix is no word said before a finding ("cardiopulmonary" is not "cardio pulmonary")
    ("No acute cardiopulmonary abnormality.", "cardio"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_what_is_read_as_the_word_meant(text: str, expected: set[tuple[str, str, str | None]]) -> None:
    assert _read(text) >= expected


@pytest.mark.parametrize(("text", "word"), NOT_READ)
def test_real_words_are_not_read_as_another(text: str, word: str) -> None:
    from radpilot.structure.matcher import tokenize

    toks, spans = tokenize(text)
    before = list(toks)
    default_engine().speller.read(text, toks, spans)
    assert toks == before, f"{text!r} was read as {toks}"
    assert not any(word in f.code for f in structure(text).findings)


def test_a_finding_shows_what_was_typed() -> None:
    (f,) = structure("Small right pneumothroax.").findings
    assert f.text == "pneumothroax" and f.span == (12, 24)
    (g,) = structure("Small peri-cardial effusion.").findings
    assert g.text == "peri-cardial effusion"


@pytest.mark.parametrize(
    ("typed", "word", "apart"),
    [
        ("pneumothroax", "pneumothorax", True),  # two neighbours swapped
        ("consoldation", "consolidation", True),  # a letter left out
        ("effussion", "effusion", True),  # a letter added
        ("consolodation", "consolidation", False),  # a letter changed
        ("cardia", "cardiac", False),  # in the last two letters
        ("hepatis", "hepatic", False),
        ("effusion", "effusion", False),
    ],
)
def test_one_error_apart(typed: str, word: str, apart: bool) -> None:
    assert one_error_apart(typed, word) is apart


def test_spellings_read_anywhere_are_no_words_of_their_own() -> None:
    spellchecker = pytest.importorskip("spellchecker")
    english = spellchecker.SpellChecker(language="en").word_frequency.dictionary
    speller = default_engine().speller
    for s in default_spellings():
        if s.anywhere:
            assert not speller.known(s.term), f"{s.term} is a word the engine knows: the entry is never read"
            assert s.term not in english, f"{s.term} is an English word: give it a context"
        assert speller.known(s.means), f"{s.term} means {s.means}, which the engine does not know"


def test_real_words_file_is_current() -> None:
    """real_words.txt is built from the lexicon: regenerate it (python -m radpilot.structure.spelling --write) when
    the lexicon changes."""
    pytest.importorskip("spellchecker")
    assert set(build_real_words(default_engine().speller)) == set(default_real_words())


def test_a_bad_spelling_entry_names_itself(tmp_path: Path) -> None:
    p = tmp_path / "spellings.yaml"
    p.write_text("spellings:\n  - {term: rigth, means: right}\n  - {term: Lfet, means: left}\n")
    with pytest.raises(DataFileError, match=r"spellings.yaml:3 \(entry Lfet\).*term"):
        load_spellings(p)
    p.write_text("spellings:\n  - {term: rigth, means: right}\n  - {term: rigth, means: right}\n")
    with pytest.raises(DataFileError, match=r"rigth.*given twice"):
        load_spellings(p)
    p.write_text("spellings:\n  - {term: rigth, means: rigth}\n")
    with pytest.raises(DataFileError, match="not a misspelling of itself"):
        load_spellings(p)
