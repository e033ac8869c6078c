"""The cheap tests that stand before a pattern on the hot path give the pattern's answer (a word test that missed an
alternative of its pattern would silently skip a report-level reading)."""

import re

import pytest

import radpilot
from radpilot.report import sections
from radpilot.structure import engine

# every alternative of each report-level pattern, as a report would say it
_SAID = {
    "_READ_AS_RE": (
        (engine._READ_AS_WORDS,),
        [
            "consistent with",
            "Compatible  with",
            "in keeping with",
            "DIAGNOSTIC OF",
            "characteristic of",
            "typical of",
            "represent",
            "represents",
            "representing",
        ],
    ),
    "_EXCEPTION_WORDS_RE": (
        (engine._EXCEPTION_GATE,),
        [
            "with the exception of",
            "except",
            "Except for",
            "apart from",
            "other than",
            "save for",
            "aside from",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(_SAID))
def test_each_alternative_passes_its_word_test(name: str) -> None:
    pattern: re.Pattern[str] = getattr(engine, name)
    (words,), phrases = _SAID[name]
    for phrase in phrases:
        text = f"Findings: a small opacity, {phrase} the nodule."
        assert pattern.search(text), phrase
        assert engine._said_in(text.lower(), words), phrase


@pytest.mark.parametrize(
    ("text", "sided"),
    [
        ("RIGHT: Moderate plaque at the bulb.", True),
        ("Findings:\n  Left ICA: PSV 410.", True),
        ("Findings:\nR ICA: normal.\nL ICA: occluded.", True),
        ("Bilateral: no effusion", True),
        ("The right lung: clear.", False),
        ("No effusion on the right: none.", False),
        ("Findings: normal.\nLeft. Nothing", False),
        ("", False),
        ("\n", False),
    ],
)
def test_a_sided_line_is_the_line_patterns(text: str, sided: bool) -> None:
    old = re.compile(r"(?:\A|\n)" + engine._LINE_SIDE_RE.pattern, re.IGNORECASE)
    assert engine._a_sided_line(text) is sided
    assert (old.search(text) is not None) is sided


@pytest.mark.parametrize(
    ("text", "lo", "word"),
    [
        ("approx", 0, "approx"),
        ("see e.g", 0, "e.g"),
        ("at 3", 0, ""),
        ("Dr", 0, "Dr"),
        ("..abc", 0, "abc"),
        ("x-ray", 0, "ray"),
        ("a.b.", 0, "a.b."),
        ("bilat", 2, "lat"),
        ("no", 2, ""),
        ("", 0, ""),
    ],
)
def test_the_word_before_a_stop_is_the_patterns(text: str, lo: int, word: str) -> None:
    old = re.compile(r"([A-Za-z][A-Za-z.]*)$")
    m = old.search(text, lo, len(text))
    assert (m.group(1) if m else "") == word
    assert sections._word_before(text, lo, len(text)) == word


def test_the_readings_behind_the_word_tests_still_run() -> None:
    # the exception after a denial (behind _EXCEPTION_GATE)
    got = radpilot.structure("Findings: No ascites apart from a small amount around the liver.").by_code()
    assert got["ascites"].assertion.value == "present"
    # the side of a line's heading (behind _a_sided_line)
    got = radpilot.structure(
        "Carotid duplex.\nRIGHT: Moderate plaque at the carotid bulb. Peak systolic velocity 245 cm/s, consistent"
        " with 70% or greater stenosis."
    ).by_code()
    assert got["carotid_stenosis"].laterality is not None
    assert got["carotid_stenosis"].laterality.value == "right"
    # the other side of the report (behind "ipsilateral"/"contralateral")
    got = radpilot.structure("Right breast mass. Contralateral axillary lymph node enlarged.").by_code()
    assert got["lymphadenopathy"].laterality is not None
    assert got["lymphadenopathy"].laterality.value == "left"
