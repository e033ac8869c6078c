"""A lymph node named with its size and no word of its own: lymphadenopathy when its short axis reaches the limit
(RECIST 1.1: >= 10 mm short axis; retrocrural more than 6 mm, cardiophrenic more than 5 mm, inguinal from 15 mm),
otherwise no finding; a node now below its limit that was enlarged before is lymphadenopathy that has resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot import structure
from radpilot.structure.datafiles import DataFileError
from radpilot.structure.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("text", "assertion", "size", "side", "change"),
    [
        ("12 mm right paratracheal lymph node.", "present", 12.0, "right", None),
        ("A 2.3 cm left axillary lymph node.", "present", 23.0, "left", None),
        # two axes: the smaller one is the short axis
        ("Right hilar lymph node measures 1.5 x 1.1 cm.", "present", 15.0, "right", None),
        ("Mediastinal lymph node measuring 13 mm.", "present", 13.0, None, None),
        ("Stable 12 mm precarinal lymph node.", "present", 12.0, None, "stable"),
        ("Right paratracheal node now measures 14 mm, previously 8 mm.", "present", 14.0, "right", "worsened"),
        ("An 8 mm retrocrural lymph node.", "present", 8.0, None, None),
        ("Right cardiophrenic lymph node measures 9 mm, previously 5 mm.", "present", 9.0, "right", "worsened"),
        ("A 17 mm right inguinal lymph node.", "present", 17.0, "right", None),
        ("Possible 11 mm necrotic node in the left neck.", "uncertain", 11.0, "left", None),
    ],
)  # fmt: skip
def test_a_node_at_its_limit_is_lymphadenopathy(
    text: str, assertion: str, size: float, side: str | None, change: str | None
) -> None:
    f = structure(text).by_code()["lymphadenopathy"]
    assert f.assertion.value == assertion
    assert f.size_mm == size
    assert (f.laterality.value if f.laterality else None) == side
    assert (f.change.value if f.change else None) == change


@pytest.mark.parametrize(
    "text",
    [
        "Stable 9 mm precarinal lymph node.",
        "A 1.2 x 0.9 cm right hilar lymph node.",  # short axis 9 mm
        "Mediastinal lymph nodes measuring up to 8 mm in short axis.",
        "Subcentimeter mediastinal lymph nodes.",
        "A 12 mm right inguinal lymph node.",  # inguinal nodes from 15 mm
        "A 6 mm retrocrural lymph node.",
        "A 5 mm right cardiophrenic lymph node.",
        "No lymph node larger than 1 cm.",
        "Previously described 15 mm node has resolved.",
    ],
)
def test_a_node_below_its_limit_is_no_finding(text: str) -> None:
    assert "lymphadenopathy" not in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        # (review rv72c)
        "Mediastinal lymph nodes are now subcentimeter.",
        "Few small mesenteric LN, not enlarged, largest 6 mm short axis.",
    ],
)
def test_nodes_said_small_deny_lymphadenopathy(text: str) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == [("lymphadenopathy", "absent")]


def test_the_node_does_not_take_what_is_another_findings() -> None:
    # a node kept out by its size leaves its side and place to the finding it stands beside
    by = structure("Calcified left hilar node and 5 mm left upper lobe nodule.").by_code()
    assert "lymphadenopathy" not in by
    assert by["calcification"].laterality is not None and by["calcification"].laterality.value == "left"
    assert by["nodule"].size_mm == 5.0


def test_named_lymphadenopathy_is_told_once() -> None:
    found = structure("Mediastinal lymphadenopathy, the largest node measuring 15 mm.").findings
    nodes = [f for f in found if f.code == "lymphadenopathy"]
    assert len(nodes) == 1 and nodes[0].size_mm == 15.0


def test_a_statement_about_the_node_wins() -> None:
    f = structure("Lymph nodes are not enlarged by size criteria, the largest measuring 9 mm.").by_code()[
        "lymphadenopathy"
    ]
    assert f.assertion.value == "absent"


@pytest.mark.parametrize(
    ("by_size", "field"),
    [
        ("      subject: [node]\n      short_axis_mm: -1\n", "short_axis_mm"),
        ("      subject: [node]\n      short_axis_mm: 10\n      limits: {inguinal canal: 15}\n", "one word"),
        (
            "      subject: [node]\n      short_axis_mm: 10\n      limits: {inguinal: 0}\n",
            "between 0 and 100",
        ),
        ("      short_axis_mm: 10\n", "subject"),
    ],
)
def test_a_damaged_by_size_rule_names_its_field(tmp_path: Path, by_size: str, field: str) -> None:
    p = tmp_path / "lex.yaml"
    p.write_text("observations:\n  - code: a\n    name: A\n    synonyms: [aa]\n    by_size:\n" + by_size)
    with pytest.raises(DataFileError, match=field) as err:
        load_lexicon([p])
    assert "lex.yaml:2 (entry a): field 'by_size" in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "Right paratracheal node now measures 8 mm, previously 14 mm.",
        "Right paratracheal node now 8 mm (short axis), previously 14 mm.",
        "The previously enlarged precarinal lymph node now measures 7 mm.",
        "Right axillary node measures 11 x 7 mm, previously 18 x 12 mm.",
    ],
)
def test_a_node_no_longer_enlarged_is_resolved_lymphadenopathy(text: str) -> None:
    f = structure(text).by_code()["lymphadenopathy"]
    assert (f.assertion.value, f.change.value if f.change else None) == ("absent", "resolved")


def test_a_previously_enlarged_node_still_enlarged_stays() -> None:
    f = structure("The previously enlarged precarinal lymph node now measures 12 mm.").by_code()[
        "lymphadenopathy"
    ]
    assert (f.assertion.value, f.size_mm) == ("present", 12.0)


@pytest.mark.parametrize(
    ("text", "size", "side", "change"),
    [
        # a node kept out leaves its size and its change to nobody else (review rv80)
        ("Mixed response: the right axillary node has decreased to 6 mm whereas the left axillary node has "
         "increased to 14 mm.", 14.0, "left", "worsened"),
        ("A 7 mm right hilar node and a 12 mm left hilar node.", 12.0, "left", None),
    ],
)  # fmt: skip
def test_each_node_keeps_its_own_size(text: str, size: float, side: str, change: str | None) -> None:
    nodes = [f for f in structure(text).findings if f.code == "lymphadenopathy"]
    assert len(nodes) == 1
    f = nodes[0]
    assert (f.size_mm, f.laterality.value if f.laterality else None) == (size, side)
    assert (f.change.value if f.change else None) == change


def test_a_kept_out_node_leaves_its_size_to_nobody() -> None:
    by = structure("Stable 9 mm precarinal lymph node and stable right effusion.").by_code()
    assert "lymphadenopathy" not in by and by["pleural_effusion"].size_mm is None
