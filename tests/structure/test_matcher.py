"""The phrase matcher: leftmost, then longest, non-overlapping matches, with prefix phrase words ("atelecta*")."""

from __future__ import annotations

import itertools
import random

import pytest

from radpilot import structure
from radpilot.structure.matcher import PhraseMatcher, tokenize

TABLE = {
    ("no",): "no",
    ("no", "new"): "no new",
    ("no", "new", "focal"): "no new focal",
    ("left",): "left",
    ("left", "lower", "lobe"): "LLL",
    ("atelecta*",): "atelectasis",
    ("atelectasis",): "the word itself",
    ("atelecta*", "changes"): "atelectatic changes",
    ("left", "atelecta*", "changes", "at", "the", "base"): "long",
    ("lower", "lobe", "atelecta*"): "lobar atelectasis",
}


def _reference(table: dict[tuple[str, ...], str], toks: list[str]) -> list[tuple[int, int, str]]:
    """Every n-gram at every position, longest first, each token as itself or as any prefix word it fits."""
    prefixes = sorted({t[:-1] for k in table for t in k if t.endswith("*")}, key=len, reverse=True)
    forms = [(t, *(p + "*" for p in prefixes if t.startswith(p))) for t in toks]
    longest = max(len(k) for k in table)
    out, i = [], 0
    while i < len(toks):
        hit = None
        for length in range(min(longest, len(toks) - i), 0, -1):
            for key in itertools.product(*forms[i : i + length]):
                if key in table:
                    hit = (i, i + length, table[key])
                    break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no new focal opacity", [(0, 3, "no new focal")]),
        ("no new opacity", [(0, 2, "no new")]),
        # the word itself before its prefix form, on a tie of lengths
        ("atelectasis", [(0, 1, "the word itself")]),
        ("atelectatic", [(0, 1, "atelectasis")]),
        # a prefix word in the middle of a phrase, and a longer phrase through it
        ("left lower lobe atelectatic changes", [(0, 3, "LLL"), (3, 5, "atelectatic changes")]),
        ("left atelectasis changes at the base", [(0, 6, "long")]),
        ("left atelectasis changes at the apex", [(0, 1, "left"), (1, 3, "atelectatic changes")]),
        ("lower lobe atelectasis", [(0, 3, "lobar atelectasis")]),
        ("", []),
    ],
)
def test_leftmost_longest(text: str, expected: list[tuple[int, int, str]]) -> None:
    toks = text.split()
    assert PhraseMatcher(TABLE).match(toks) == expected
    assert _reference(TABLE, toks) == expected


def test_same_matches_as_every_n_gram_looked_up() -> None:
    words = [
        "no",
        "new",
        "focal",
        "left",
        "lower",
        "lobe",
        "atelectasis",
        "atelectatic",
        "changes",
        "at",
        "the",
        "base",
    ]
    rng = random.Random(7)
    matcher = PhraseMatcher(TABLE)
    for _ in range(3000):
        toks = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        assert matcher.match(toks) == _reference(TABLE, toks), toks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R lower lobe", ["right", "lower", "lobe"]),
        ("small L effusion", ["small", "left", "effusion"]),
        ("R and L bases", ["right", "and", "left", "bases"]),
        # (the sides weighed: both, review rv92a)
        ("R > L effusions", ["bilateral", "effusions"]),
        ("L>R patchy opacities", ["bilateral", "patchy", "opacities"]),
        ("effusions R<L", ["effusions", "bilateral"]),
        # (a figure's sign is no side's)
        ("CTR > 0.5", ["ctr", ">", "0.5"]),
        ("Rt IJ line", ["right", "ij", "line"]),
        # not a side: litres, a vertebra, "rule out", a letter at the end
        ("2 L nasal cannula", ["2", "l", "nasal", "cannula"]),
        ("L1 fracture", ["l1", "fracture"]),
        ("r/o pneumonia", ["r", "/", "o", "pneumonia"]),
        ("vitamin D and L", ["vitamin", "d", "and", "l"]),
    ],
)
def test_side_abbreviations(text: str, expected: list[str]) -> None:
    toks, spans = tokenize(text)
    assert toks == expected
    assert len(spans) == len(toks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word that is also an abbreviation is the abbreviation only in capitals, in a text that is not all capitals
        ("TIPS is patent.", ["tipss", "is", "patent"]),
        ("The tips of both catheters.", ["the", "tips", "of", "both", "catheters"]),
        ("TIPS OF THE CATHETERS.", ["tips", "of", "the", "catheters"]),
    ],
)
def test_capitalised_abbreviations(text: str, expected: list[str]) -> None:
    assert tokenize(text)[0] == expected


def test_a_tips_is_a_vascular_stent_and_tips_are_ends() -> None:
    assert (
        structure("FINDINGS: TIPS noted. No pneumothorax.").by_code()["vascular_stent"].assertion.value
        == "present"
    )
    assert "vascular_stent" not in structure("FINDINGS: The tips of both catheters are in the SVC.").by_code()


def _lowered(text: str) -> str:
    """The text lowered letter for letter ("İ" as "i"), so that its places are the text's."""
    return "".join(c.lower()[:1] for c in text)


@pytest.mark.parametrize(
    "text",
    [
        "Heart size normal. Lungs are clear.",
        "1.2 x 0.9 cm nodule, 3.4.5 level; (stable): patient's prior study/film?",
        "'quoted' words -- dashes... and ''doubled'' quotes",
        "nodules << 5 mm and > 6 mm; CTR > 0.5, a<b, x >y",  # a "<" skipped before one kept
        "Café-au-lait spots, naïve, İstanbul, ١٢.٣ cm",  # letters and figures outside ASCII
        "\tTabs\tand\nline breaks\r\n  and   spaces  ",
        "",
    ],
)
def test_tokens_and_spans_as_the_pattern_finds_them(text: str) -> None:
    """The tokenizer's shortcut (every token at once, each found from where the last ended) gives what the pattern's
    matches give, token for token and span for span, in ASCII text and in text outside it."""
    from radpilot.structure.matcher import TOKEN_RE

    low = _lowered(text)
    toks, spans = tokenize(text)
    # (a dash set apart by spaces is read as the comma it stands for)
    assert toks == ["," if m.group() in ("-", "--") else m.group() for m in TOKEN_RE.finditer(low)]
    assert spans == [m.span() for m in TOKEN_RE.finditer(low)]
    assert all(low[a:b] == t or low[a:b] in ("-", "--") for t, (a, b) in zip(toks, spans, strict=True))


def test_tokens_and_spans_of_random_text() -> None:
    from radpilot.structure.matcher import TOKEN_RE

    rng = random.Random(7)
    alphabet = "ab1 .'<>;:,()/\t\n-éX9İ"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        low = _lowered(text)
        if {"r", "l", "rt", "lt", "?", "tips", "your", "than", "/", "-", "--"} & set(TOKEN_RE.findall(low)):
            continue  # (words the tokenizer reads on: not this test's)
        assert tokenize(text) == (
            [m.group() for m in TOKEN_RE.finditer(low)],
            [m.span() for m in TOKEN_RE.finditer(low)],
        ), text


@pytest.mark.parametrize(
    "text",
    [
        "FINDINGS: İİİ?a",
        "FINDINGS: İİ ?pneumonia",
        "İSTANBUL: small left pleural effusion.",
        "İ TIPS is patent.",
    ],
)
def test_a_letter_whose_lower_case_is_longer_keeps_the_spans(text: str) -> None:
    """ "İ" lowers to two characters: the tokens' spans are still the text's (they had run past its end, and a "?"
    after it raised an IndexError)."""
    _, spans = tokenize(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert tokenize("İSTANBUL, İ?a") == (
        ["istanbul", ",", "i", "?", "a"],
        [(0, 8), (8, 9), (10, 11), (11, 12), (12, 13)],
    )
    for f in structure(text).findings:
        assert text[f.span[0] : f.span[1]] == f.text


def test_a_dash_set_apart_by_spaces_is_a_comma() -> None:
    # (review rv43d: "Patchy R basilar opacity - atelectasis vs pneumonia": the hedge does not reach the opacity)
    toks, spans = tokenize("opacity - atelectasis vs pneumonia; T4-T5 \u2013 stable")
    assert toks == ["opacity", ",", "atelectasis", "vs", "pneumonia", ";", "t4", "t5", ",", "stable"]
    assert spans[1] == (8, 9)
