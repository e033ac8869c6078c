"""Readability by the project's own formulas and syllable rules."""

from __future__ import annotations

import pytest

from radpilot.patient.readability import english_syllables, measure, spanish_syllables


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("the", 1),
        ("heart", 1),
        ("lungs", 1),
        ("fluid", 2),
        ("nodule", 2),
        ("middle", 2),
        ("seemed", 1),
        ("noted", 2),
        ("sizes", 2),
        ("cardiac", 3),
        ("effusion", 3),
        ("biopsy", 3),
        ("opacity", 4),
        ("pneumonia", 3),
        ("atelectasis", 5),
        ("unremarkable", 5),
    ],
)
def test_english_syllables(word: str, n: int) -> None:
    assert english_syllables(word) == n


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("pulmón", 2),
        ("corazón", 3),
        ("neumonía", 4),
        ("muy", 1),
        ("huesos", 2),
        ("radiografía", 5),
        ("médico", 3),
    ],
)
def test_spanish_syllables(word: str, n: int) -> None:
    assert spanish_syllables(word) == n


def test_flesch_formulas_by_hand() -> None:
    # 6 words, 6 syllables, 1 sentence
    r = measure("The cat sat on the mat.", plain_words=frozenset(["the", "cat", "sat", "on", "mat"]))
    assert (r.words, r.syllables, r.sentences) == (6, 6, 1)
    assert r.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59, abs=0.01)
    assert r.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1, abs=0.01)
    assert r.smog == pytest.approx(3.1291, abs=0.01)
    assert r.jargon_ratio == 0.0


def test_jargon_ratio_counts_words_outside_the_plain_list() -> None:
    r = measure("The pneumothorax is small.", plain_words=frozenset({"the", "is", "small"}))
    assert r.jargon_ratio == 0.25
    assert r.jargon == ("pneumothorax",)


def test_inflections_of_plain_words_are_plain() -> None:
    r = measure("The lungs looked clearer.", plain_words=frozenset({"the", "lung", "look", "clear"}))
    assert r.jargon_ratio == 0.0


def test_long_words_raise_the_grade() -> None:
    plain = measure("We see fluid around the lung.", "en")
    jargon = measure("Bibasilar atelectasis and consolidation are demonstrated.", "en")
    assert jargon.grade > plain.grade + 5
    assert jargon.jargon_ratio > plain.jargon_ratio


def test_empty_text_scores_zero() -> None:
    r = measure("", "en")
    assert (r.words, r.sentences, r.grade) == (0, 0, 0.0)


def test_spanish_uses_crawford_grade() -> None:
    r = measure("Vemos líquido alrededor del pulmón.", "es")
    per100_syll = 100.0 * r.syllables / r.words
    per100_sent = 100.0 * r.sentences / r.words
    assert r.grade == pytest.approx(-0.205 * per100_sent + 0.049 * per100_syll - 3.407, abs=0.01)


def test_sentence_ends_split_as_the_plain_pattern() -> None:
    """The sentence-end pattern is written for speed; it splits every text as the plain one does."""
    import random
    import re

    from radpilot.patient.readability import _SENTENCE_END_RE, split_sentences

    plain = re.compile(r"[.!?]+(?=\s|$)|\n+")
    rng = random.Random(7)
    alphabet = [".", "!", "?", "\n", "\n", " ", "\t", "\r", "\u00a0", "a", "b", "1", ",", "é", "'"]
    texts = ["", ".", "\n", "a.\n\nb", "3.5 cm. Next!? Yes...\n", "Dr. X.Y. is here.", "a.b"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(5000)]
    for text in texts:
        assert _SENTENCE_END_RE.split(text) == plain.split(text), repr(text)
    assert split_sentences("The heart is normal. No fluid!\nSee your doctor") == [
        "The heart is normal",
        "No fluid",
        "See your doctor",
    ]
