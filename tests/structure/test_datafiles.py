"""Rules are data: a bad entry is an error naming the file, line, entry and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot.structure import DataFileError, StructuringEngine, default_lexicon, load_lexicon
from radpilot.structure.rules import (
    default_attributes,
    default_context_words,
    load_attributes,
    load_context_words,
    load_modifiers,
)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "lex.yaml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("observations:\n  - code: Bad-Code\n    name: X\n    synonyms: [x]\n", "field 'code'"),
        ("observations:\n  - code: x\n    synonyms: [x]\n", "field 'name'"),
        ("observations:\n  - code: x\n    name: X\n    synonym: [x]\n", "field 'synonym'"),
        ("observations:\n  - code: x\n    name: X\n    snomed: abc\n", "field 'snomed'"),
        ("observations:\n  - code: x\n    name: X\n    is_a: [nope]\n", "unknown code 'nope'"),
        (
            "observations:\n  - code: x\n    name: X\n    becomes_at: {rib: nope}\n",
            "field 'becomes_at' (rib): unknown code 'nope'",
        ),
        (
            "observations:\n  - code: x\n    name: X\n    synonyms: [xy]\n    also_says: {xy: nope}\n",
            "field 'also_says': unknown code 'nope'",
        ),
        (
            "observations:\n  - code: x\n    name: X\n    synonyms: [xy]\n    also_says: {yz: x}\n",
            "field 'also_says': 'yz' is not one of its synonyms",
        ),
        ("observations: [\n", "invalid YAML"),
        (
            "observations:\n  - code: x\n    name: X\n    exclude: [a]\n    exclude: [b]\n",
            "key 'exclude' is given twice in one entry",
        ),
        ("something_else: []\n", "'observations' list"),
    ],
)
def test_bad_lexicon_entries(tmp_path: Path, body: str, needle: str) -> None:
    with pytest.raises(DataFileError) as err:
        load_lexicon([_write(tmp_path, body)])
    assert needle in str(err.value)
    assert "lex.yaml" in str(err.value)


def test_error_names_line_and_entry(tmp_path: Path) -> None:
    body = "observations:\n  - code: a\n    name: A\n    synonyms: [aaa]\n  - code: b\n    name: B\n    synonyms: [aaa]\n"
    with pytest.raises(DataFileError) as err:
        load_lexicon([_write(tmp_path, body)])
    msg = str(err.value)
    assert "lex.yaml:5" in msg and "(entry b)" in msg and "already a synonym of 'a'" in msg


def test_duplicate_code(tmp_path: Path) -> None:
    body = "observations:\n  - code: a\n    name: A\n  - code: a\n    name: A2\n"
    with pytest.raises(DataFileError, match="duplicate code 'a'"):
        load_lexicon([_write(tmp_path, body)])


def test_bad_modifier(tmp_path: Path) -> None:
    p = tmp_path / "mods.yaml"
    p.write_text("modifiers:\n  - literals: [nope]\n    category: negated\n    direction: sideways\n")
    with pytest.raises(DataFileError, match="field 'direction'"):
        load_modifiers(p)


def test_of_reading_needs_a_cue(tmp_path: Path) -> None:
    p = tmp_path / "mods.yaml"
    p.write_text(
        "modifiers:\n  - literals: [but]\n    category: terminate\n    direction: none\n    of_reading: true\n"
    )
    with pytest.raises(DataFileError, match="of_reading is for a cue") as err:
        load_modifiers(p)
    assert "mods.yaml:2" in str(err.value)


def test_yields_to_hedge_needs_a_denial(tmp_path: Path) -> None:
    p = tmp_path / "mods.yaml"
    p.write_text(
        "modifiers:\n  - literals: [maybe]\n    category: uncertain\n    direction: forward\n"
        "    yields_to_hedge: true\n"
    )
    with pytest.raises(DataFileError, match="yields_to_hedge is for a negated entry") as err:
        load_modifiers(p)
    assert "mods.yaml:2" in str(err.value)


def test_opening_only_needs_a_cue(tmp_path: Path) -> None:
    p = tmp_path / "mods.yaml"
    p.write_text(
        "modifiers:\n  - literals: [but]\n    category: terminate\n    direction: none\n    opening_only: true\n"
    )
    with pytest.raises(DataFileError, match="opening_only is for a cue") as err:
        load_modifiers(p)
    assert "mods.yaml:2" in str(err.value)


def test_keeps_subject_must_be_a_flag(tmp_path: Path) -> None:
    body = (
        "observations:\n  - code: a\n    name: A\n    synonyms: [aa]\n    compounds:\n"
        "      - subject: [x]\n        predicate: [y]\n        keeps_subject: sometimes\n"
    )
    with pytest.raises(DataFileError, match="keeps_subject"):
        load_lexicon([_write(tmp_path, body)])


def test_bad_attribute(tmp_path: Path) -> None:
    p = tmp_path / "attrs.yaml"
    p.write_text("attributes:\n  - phrases: [huge]\n    severity: gigantic\n")
    with pytest.raises(DataFileError, match="field 'severity'"):
        load_attributes(p)


_WORDS = (
    "not_real: [skin]\nbone_places: [rib]\nspine_only: []\norgans_outside_lung: []\nchange_words: [grown]\n"
    "spine_words: [spine]\ntip_lines: [picc]\ntip_leads: []\nregion_places: {hip: hip}\naffirming: [persistent]\n"
    "lasting: [granuloma]\nbefore_words: [prior]\n"
)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("not_real: [skin]\n", "field 'bone_places'"),  # a list left out
        (_WORDS.replace("[skin]", "[Skin Fold]"), "'Skin Fold' is not one or two lower-case words"),
        (_WORDS.replace("[rib]", "[pubic ramus]"), "'pubic ramus' is not one lower-case word"),
        (_WORDS + "extra: [x]\n", "extra"),
        (_WORDS.replace("[persistent]", "[still there]"), "'still there' is not one lower-case word"),
        # a body-wall place must be a place the exam line can name
        (
            _WORDS + "exam_places: {groin: groin}\nbody_wall_places: [groin, flank]\n",
            "'flank' is no place of exam_places",
        ),
    ],
)
def test_bad_context_words(tmp_path: Path, body: str, needle: str) -> None:
    p = tmp_path / "words.yaml"
    p.write_text(body)
    with pytest.raises(DataFileError, match=needle) as err:
        load_context_words(p)
    assert str(p) in str(err.value)


def test_minimal_context_words_load(tmp_path: Path) -> None:
    p = tmp_path / "words.yaml"
    p.write_text(_WORDS)
    assert load_context_words(p).tip_lines == ["picc"]


def test_context_words_name_codes_and_places_the_engine_has() -> None:
    words = default_context_words()
    codes = set(default_lexicon().observations)
    places = {a.location for a in default_attributes().values() if a.location}
    assert set(words.spine_only) <= codes
    assert set(words.organs_outside_lung) <= places
    assert {p for p in words.region_places.values() if p is not None} <= places
    assert set(words.tip_lines) | set(words.tip_leads) <= codes
    assert set(words.lasting) <= codes
    assert set(words.ovary_codes) <= codes
    assert set(words.chest_only_codes) <= codes


def test_a_site_can_extend_the_lexicon_with_a_data_file(tmp_path: Path) -> None:
    body = (
        "observations:\n  - code: bezoar\n    name: Bezoar\n    synonyms: [bezoar]\n    lay: [ball of food]\n"
    )
    from radpilot.structure.lexicon import lexicon_files

    lex = load_lexicon([*lexicon_files(), _write(tmp_path, body)])
    engine = StructuringEngine(lexicon=lex)
    f = engine.structure("No bezoar. Small left pleural effusion.").by_code()
    assert f["bezoar"].assertion.value == "absent"
    assert f["pleural_effusion"].laterality == "left"
