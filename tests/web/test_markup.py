"""How the editor lays out report text: sentences and their sources, marks, quotes, diffs."""

from __future__ import annotations

import pytest

from radpilot.service.web.markup import (
    Mark,
    annotate,
    engine_text,
    finding_marks,
    origin_label,
    quote_span,
    report_layout,
    section_starts,
    word_diff,
)


@pytest.mark.parametrize(
    ("entry", "source", "label"),
    [
        (None, "radiologist", "radiologist (edited)"),
        ({"source": "dictated", "backend": "radiologist"}, "dictated", "dictated"),
        ({"source": "impression", "backend": "rules", "model_id": ""}, "impression", "generated: rules"),
        (
            {"source": "vision", "backend": "openai", "model_id": "medgemma-4b"},
            "vision",
            "model: medgemma-4b",
        ),
        ({"source": "template", "backend": "rules"}, "template", "template: rules"),
        (
            {"source": "classifier", "backend": "xrv", "model_id": "densenet121-res224-all"},
            "classifier",
            "classifier: densenet121-res224-all",
        ),
    ],
)
def test_each_sentence_says_where_it_came_from(entry: dict[str, str] | None, source: str, label: str) -> None:
    assert origin_label(entry) == (source, label)


def test_the_same_sentence_keeps_its_own_source_in_each_section() -> None:
    findings, impression = "Large right pneumothorax. No effusion.", "1. Large right pneumothorax."
    provenance = [
        {"sentence": "Large right pneumothorax.", "source": "dictated", "backend": "radiologist"},
        {"sentence": "No effusion.", "source": "dictated", "backend": "radiologist"},
        {"sentence": "Large right pneumothorax.", "source": "impression", "backend": "rules"},
    ]
    f, i = report_layout(findings, impression, provenance, [])
    assert [(s.text, s.origin) for s in f.sentences] == [
        ("Large right pneumothorax.", "dictated"),
        ("No effusion.", "dictated"),
    ]
    assert [(s.text, s.origin) for s in i.sentences] == [("Large right pneumothorax.", "generated: rules")]


def test_engine_spans_map_back_onto_each_section() -> None:
    findings, impression = "  Small left effusion.  ", "Effusion."
    text = engine_text(findings, impression)
    starts = section_starts(findings)
    assert text[starts["findings"] :].startswith("Small left effusion.")
    assert text[starts["impression"] :] == "Effusion."
    a = text.index("effusion")
    marks = [Mark(a, a + 8, "present", "Pleural effusion, present, left")]
    f, _ = report_layout(findings, impression, [], marks)
    assert str(f.sentences[0].html) == (
        'Small left <mark class="f-present" title="Pleural effusion, present, left">effusion</mark>.'
    )
    assert quote_span(findings, impression, [a, a + 8]) == "effusion"


@pytest.mark.parametrize(
    ("text", "marks", "html"),
    [
        ("a <b> c", [], "a &lt;b&gt; c"),
        (
            "no effusion",
            [Mark(3, 11, "absent", 'x"y')],
            'no <mark class="f-absent" title="x&#34;y">effusion</mark>',
        ),
        (
            "abcdef",
            [Mark(0, 4, "present", "1"), Mark(2, 6, "present", "2")],
            '<mark class="f-present" title="1">abcd</mark>ef',
        ),
        ("abc", [Mark(1, 9, "present", "out of range")], "abc"),
    ],
)
def test_annotate_escapes_and_drops_overlaps(text: str, marks: list[Mark], html: str) -> None:
    assert str(annotate(text, marks)) == html


@pytest.mark.parametrize("span", [None, [], [5], [10, 5], [0, 10_000]])
def test_quote_span_is_empty_for_spans_it_cannot_place(span: list[int] | None) -> None:
    assert quote_span("Effusion.", "None.", span) == ""


def test_finding_marks_describe_the_finding() -> None:
    marks = finding_marks(
        [
            {
                "span": [0, 6],
                "name": "Solid pulmonary nodule",
                "assertion": "present",
                "laterality": "left",
                "size_mm": 9.0,
            },
            {"span": [7, 9], "code": "pneumothorax", "assertion": "absent"},
            {"span": None, "code": "no span"},
        ]
    )
    assert [(m.kind, m.label) for m in marks] == [
        ("present", "Solid pulmonary nodule, present, left, 9 mm"),
        ("absent", "pneumothorax, absent"),
    ]


@pytest.mark.parametrize(
    ("before", "after", "ops"),
    [
        ("a b c", "a b c", [("=", "a b c")]),
        ("small effusion", "large effusion", [("-", "small"), ("+", "large"), ("=", " effusion")]),
        (
            "No effusion.",
            "No effusion. Small pneumothorax.",
            [("=", "No effusion."), ("+", " Small pneumothorax.")],
        ),
        ("Right lung clear.", "Lung clear.", [("-", "Right lung"), ("+", "Lung"), ("=", " clear.")]),
    ],
)
def test_word_diff(before: str, after: str, ops: list[tuple[str, str]]) -> None:
    assert word_diff(before, after) == ops
