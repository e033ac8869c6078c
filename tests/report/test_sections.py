"""Section parser and sentence splitter (issue 2)."""

from __future__ import annotations

import pytest

from radpilot.report import find_measurements, parse_report, split_sentences


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("EXAMINATION", "examination"),
        ("EXAM", "examination"),
        ("CLINICAL HISTORY", "history"),
        ("HISTORY", "history"),
        ("INDICATION", "history"),
        ("REASON FOR EXAM", "history"),
        ("TECHNIQUE", "technique"),
        ("COMPARISON", "comparison"),
        ("FINDINGS", "findings"),
        ("IMPRESSION", "impression"),
        ("CONCLUSION", "impression"),
        ("SUMMARY", "impression"),
        ("OPINION", "impression"),
        ("RECOMMENDATIONS", "recommendation"),
        ("RECOMMENDATION", "recommendation"),
        ("ADDENDUM", "addendum"),
    ],
)
def test_header_variants(header: str, name: str) -> None:
    report = parse_report(f"{header}: Something here.\nFINDINGS: Lungs are clear.")
    assert report.sections[0].name == name
    assert report.sections[0].text == "Something here."


def test_header_on_its_own_line_and_inline() -> None:
    report = parse_report("FINDINGS\nLungs are clear. IMPRESSION: Normal chest.")
    assert [s.name for s in report.sections] == ["findings", "impression"]
    assert report.section("impression").text == "Normal chest."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (section, header as written, body span) for every place a header may stand
        ("  FINDINGS: clear.", [("findings", "FINDINGS", (11, 18))]),
        ("\nFINDINGS\nclear.", [("findings", "FINDINGS", (9, 16))]),
        (
            "Clear.\n\tImpression: normal.",
            [("findings", None, (0, 7)), ("impression", "Impression", (19, 27))],
        ),
        ("Clear. IMPRESSION: normal.", [("findings", None, (0, 6)), ("impression", "IMPRESSION", (18, 26))]),
        ("Clear!IMPRESSION: normal.", [("findings", None, (0, 6)), ("impression", "IMPRESSION", (17, 25))]),
        ("Clear? Impression: normal.", [("findings", None, (0, 6)), ("impression", "Impression", (18, 26))]),
        ("Clinical\nhistory: cough.", [("history", "Clinical\nhistory", (17, 24))]),
        # an inline header needs its colon, one at a line's start does not when it has the line to itself
        ("Clear. Impression normal.", [("findings", None, (0, 25))]),
        ("Impression normal.", [("findings", None, (0, 18))]),
        ("FINDINGS\nIMPRESSION:", [("findings", "FINDINGS", (8, 9)), ("impression", "IMPRESSION", (20, 20))]),
    ],
)
def test_header_positions(text: str, expected: list[tuple[str, str | None, tuple[int, int]]]) -> None:
    assert [(s.name, s.header, s.span) for s in parse_report(text).sections] == expected


def test_report_without_headers_is_findings() -> None:
    report = parse_report("Heart size normal. Lungs are clear.")
    assert [s.name for s in report.sections] == ["findings"]
    assert len(report.sentences) == 2


def test_numbered_impression_list() -> None:
    report = parse_report("IMPRESSION:\n1. Right pleural effusion.\n2. No pneumothorax.\n3. Cardiomegaly.")
    assert [s.text for s in report.sentences] == [
        "Right pleural effusion.",
        "No pneumothorax.",
        "Cardiomegaly.",
    ]


def test_inline_numbered_list() -> None:
    report = parse_report("IMPRESSION: 1. Cardiomegaly. 2. No effusion.")
    assert [s.text for s in report.sentences] == ["Cardiomegaly.", "No effusion."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 1.2 cm nodule. Heart normal.", ["A 1.2 cm nodule.", "Heart normal."]),
        (
            "Discussed with Dr. Smith at 10:00. No change.",
            ["Discussed with Dr. Smith at 10:00.", "No change."],
        ),
        ("Measures approx. 3 mm. Stable.", ["Measures approx. 3 mm.", "Stable."]),
        ("Atelectasis vs. scarring. No effusion.", ["Atelectasis vs. scarring.", "No effusion."]),
        ("Normal chest x-XXXX. XXXX XXXX are intact.", ["Normal chest x-XXXX.", "XXXX XXXX are intact."]),
        ("No effusion\n\nHeart normal", ["No effusion", "Heart normal"]),
        # a stop typed without its space still ends the sentence; a decimal, "vs." or "Dr." does not
        (
            "No pleural effusion.Heart size is normal.Minimal degenerative changes.",
            ["No pleural effusion.", "Heart size is normal.", "Minimal degenerative changes."],
        ),
        ("Measures 1.2 cm.Stable.", ["Measures 1.2 cm.", "Stable."]),
        ("Atelectasis vs.Scarring.", ["Atelectasis vs.Scarring."]),
        ("Discussed with Dr.Smith.", ["Discussed with Dr.Smith."]),
        ("Stable XXXX.Heart size is normal.", ["Stable XXXX.", "Heart size is normal."]),
        # a question mark ends a question; one written before a finding queries it and ends nothing
        ("Effusion? No pneumothorax.", ["Effusion?", "No pneumothorax."]),
        ("? pneumonia. Heart normal.", ["? pneumonia.", "Heart normal."]),
        ("Nodule 5 mm (? granuloma). Stable.", ["Nodule 5 mm (? granuloma).", "Stable."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert [s for s, _ in split_sentences(text)] == expected


def test_sentence_spans_index_the_report() -> None:
    text = "FINDINGS: Heart normal. Lungs clear.\nIMPRESSION: Normal."
    for s in parse_report(text).sentences:
        assert text[s.span[0] : s.span[1]] == s.text


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("7 mm", (7.0,)),
        ("1.2 cm", (12.0,)),
        ("1.2 x 0.9 cm", (12.0, 9.0)),
        ("12 by 9 mm", (12.0, 9.0)),
        ("3.4cm x 2 cm", (34.0, 20.0)),
        ("5 x 4 x 3 mm", (5.0, 4.0, 3.0)),
    ],
)
def test_measurements(text: str, values: tuple[float, ...]) -> None:
    (m,) = find_measurements(f"nodule {text} in size")
    assert m.values_mm == values


def test_bare_numbers_are_not_sizes() -> None:
    assert find_measurements("2 views of the chest, rib 7") == []


def test_every_abbreviation_fits_the_window_the_splitter_looks_in() -> None:
    from radpilot.report.sections import _WORD_WINDOW, ABBREVIATIONS

    assert max(len(a) for a in ABBREVIATIONS) < _WORD_WINDOW


def test_header_alternation_grouped_by_first_letter_matches_as_the_plain_one() -> None:
    """The header pattern's variants, grouped by their first letter, find the same headers as the variants tried one
    by one in order (longest first)."""
    import re

    from radpilot.report import sections

    plain = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sections._VARIANTS)
    grouped = sections._alternatives(sections._VARIANTS)
    texts = [
        f"{sep}{v.lower() if k % 2 else v.title()}{gap}{end}"
        for k, v in enumerate(sections._VARIANTS)
        for sep in ("", "x ", "\n")
        for gap in ("", " ", "S", "ATION")
        for end in (":", " : x", "\n", "")
    ]
    for text in texts:
        for pat in (r"(?P<h>{})[ \t]*:", r"\b(?P<h>{})\b"):
            a = [m.span("h") for m in re.finditer(pat.format(plain), text, re.IGNORECASE)]
            b = [m.span("h") for m in re.finditer(pat.format(grouped), text, re.IGNORECASE)]
            assert a == b, text
