"""The glossary and letter data files: size, validation, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot.patient.glossary import (
    glossary,
    languages,
    letter_text,
    load_glossary,
    load_letter_text,
    load_plain_words,
    plain_words,
)
from radpilot.structure import DataFileError


def test_both_languages_ship() -> None:
    assert {"en", "es"} <= set(languages())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_glossary_has_300_terms_with_plain_words_and_one_sentence(lang: str) -> None:
    g = glossary(lang)
    assert len(g.terms) >= 300
    for t in g.terms:
        assert t.plain.strip() and t.explain.endswith((".", "!", "?"))
    assert g.data.positions.keys() == {"left", "right", "bilateral"}
    assert g.data.measurements.comparisons
    assert len(plain_words(lang)) > 300
    letter_text(lang)


def test_spanish_terms_use_the_english_report_words() -> None:
    en = {t.term for t in glossary("en").terms}
    es = glossary("es")
    assert {t.term for t in es.terms} <= en
    assert all(t.gender or not t.countable for t in es.terms)


def test_comparisons_are_exactly_true() -> None:
    inch = 25.4
    words = {
        "a quarter of an inch": inch / 4,
        "half an inch": inch / 2,
        "an inch": inch,
        "two inches": 2 * inch,
    }
    for c in glossary("en").data.measurements.comparisons:
        for phrase, mm in words.items():
            if c.text == f"less than {phrase}":
                assert c.below_mm <= mm


def _glossary_file(tmp_path: Path, terms: str) -> Path:
    src = (Path(glossary("en").source)).read_text(encoding="utf-8")
    head, rest = src.split("\nterms:\n", 1)
    tail = rest[rest.index("\npositions:") :]
    p = tmp_path / "glossary_en.yaml"
    p.write_text(f"{head}\nterms:\n{terms}{tail}", encoding="utf-8")
    return p


def test_bad_term_names_file_line_entry_and_field(tmp_path: Path) -> None:
    p = _glossary_file(
        tmp_path,
        "  - {term: pneumothorax, code: pneumothorax, plain: air leak, explain: Air leaked.}\n"
        "  - {term: effusion, explain: Fluid.}\n",
    )
    with pytest.raises(DataFileError) as exc:
        load_glossary(p)
    msg = str(exc.value)
    assert "glossary_en.yaml:" in msg and "(entry effusion)" in msg and "field 'plain'" in msg


def test_two_sentence_explanation_is_refused(tmp_path: Path) -> None:
    p = _glossary_file(tmp_path, "  - {term: mass, plain: lump, explain: It is big. It is round.}\n")
    with pytest.raises(DataFileError, match="one sentence"):
        load_glossary(p)


def test_phrase_listed_twice_is_refused(tmp_path: Path) -> None:
    p = _glossary_file(
        tmp_path,
        "  - {term: mass, plain: lump, explain: It is big.}\n"
        "  - {term: tumor, also: [mass], plain: growth, explain: It is big.}\n",
    )
    with pytest.raises(DataFileError, match="already listed under 'mass'"):
        load_glossary(p)


def test_letter_template_without_placeholder_is_refused(tmp_path: Path) -> None:
    src = Path(glossary("en").source).with_name("letter_en.yaml").read_text(encoding="utf-8")
    p = tmp_path / "letter_en.yaml"
    p.write_text(src.replace('present: "We see {thing}{where}."', 'present: "We see it."'), encoding="utf-8")
    with pytest.raises(DataFileError, match="field 'present'"):
        load_letter_text(p)


def test_plain_words_one_word_a_line(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("# comment\nlung\nchest wall\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"plain.txt:3"):
        load_plain_words(p)


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        glossary("xx")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_place_the_engine_gives_has_plain_words(lang: str) -> None:
    from radpilot.patient.glossary import glossary
    from radpilot.structure.rules import default_attributes

    places = {a.location for a in default_attributes().values() if a.location}
    missing = sorted(places - set(glossary(lang).data.locations))
    assert not missing, f"{lang} glossary has no plain words for {missing}"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        # a side adjective's gender must be m or f
        ("sided_nouns: {pulmón: m,", "sided_nouns: {pulmón: x,", "sided_nouns"),
        # a qualifier's priority is 1-9
        ('note: "Hay latido del corazón."}', 'note: "Hay latido del corazón.", priority: 0}', "priority"),
    ],
)
def test_bad_spanish_side_and_qualifier_fields_are_named(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    src = Path(glossary("es").source).read_text(encoding="utf-8")
    assert old in src
    p = tmp_path / "glossary_es.yaml"
    p.write_text(src.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        load_glossary(p, "es")
    assert "glossary_es.yaml" in str(exc.value) and field in str(exc.value)
