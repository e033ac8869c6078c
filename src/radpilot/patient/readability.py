"""Readability computed by the project: Flesch-Kincaid grade, Flesch reading ease, SMOG, jargon ratio.

No textstat, no NLTK: syllables are counted by rule (English vowel groups with the usual silent-e, -le,
-ed and -es adjustments; Spanish vowel nuclei with diphthong and hiatus rules), which is how the published
formulas were meant to be applied by hand. Spanish texts get the Fernández-Huerta reading ease and the
Crawford grade level (a grade formula written for Spanish), since Flesch-Kincaid constants are English-only.

Formulas (Kincaid et al. 1975; Flesch 1948; McLaughlin 1969; Fernández-Huerta 1959; Crawford 1984):
    FK grade  = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
    FRE       = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
    SMOG      = 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291
    FH ease   = 206.84 - 0.60 * syllables per 100 words - 1.02 * sentences per 100 words
    Crawford  = -0.205 * sentences per 100 words + 0.049 * syllables per 100 words - 3.407
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

# A sentence ends at a run of . ! ? before a space or the end, or at a run of line breaks. Written to open with the
# one character class (". ! ? or a line break", then the run it starts) so that the regex engine skips to those
# characters instead of trying both alternatives at every character: the same matches as
# ``[.!?]+(?=\s|$)|\n+``, four times faster on a letter.
_SENTENCE_END_RE = re.compile(r"[.!?\n](?:(?<=\n)\n*|[.!?]*(?=\s|$))")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)

# English words the vowel-group rule gets wrong that turn up in reports and letters.
_EN_EXCEPTIONS: dict[str, int] = {
    "area": 3,
    "areas": 3,
    "idea": 3,
    "ideas": 3,
    "being": 2,
    "doing": 2,
    "going": 2,
    "seeing": 2,
    "science": 2,
    "quiet": 2,
    "diet": 2,
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "different": 3,
    "business": 2,
    "people": 2,
    "create": 2,
    "created": 3,
    "fluid": 2,
    "fluids": 2,
    "pleural": 2,
    "ray": 1,
    "rays": 1,
    "x": 1,
    "ct": 2,
    "mri": 3,
    "mm": 2,
    "cm": 2,
    "via": 2,
    "aorta": 3,
    "aortic": 3,
    "trachea": 3,
    "edema": 3,
    "anemia": 4,
    "pneumonia": 3,
    "pneumothorax": 4,
    "radiology": 5,
    "radiologist": 5,
    "radiograph": 4,
    "idiopathic": 5,
    "diaphragm": 3,
    "diaphragms": 3,
    "lying": 2,
    "dying": 2,
    "trying": 2,
    "period": 3,
    "serious": 3,
    "previous": 3,
    "various": 3,
    "obvious": 3,
    "video": 3,
    "radio": 3,
    "ratio": 3,
    "cardiomegaly": 6,
    "cardiomediastinal": 7,
    "nodule": 2,
    "nodules": 2,
    "vertebrae": 3,
    "sometimes": 2,
    "somewhere": 2,
    "whole": 1,
    "before": 2,
    "were": 1,
    "there": 1,
    "where": 1,
    "here": 1,
    "more": 1,
    "one": 1,
    "once": 1,
    "done": 1,
    "gone": 1,
    "none": 1,
    "come": 1,
    "some": 1,
    "give": 1,
    "have": 1,
    "live": 1,
    "move": 1,
    "lose": 1,
    "whose": 1,
    "sure": 1,
    "are": 1,
    "doctor": 2,
}
_EN_VOWELS = frozenset("aeiouy")


@cache
def english_syllables(word: str) -> int:
    """Syllables in one English word by rule; at least 1 for any word with a letter."""
    w = word.lower().strip("'’")
    if not w:
        return 0
    if w in _EN_EXCEPTIONS:
        return _EN_EXCEPTIONS[w]
    if w.isdigit() or not any(c.isalpha() for c in w):
        return 1
    if len(w) <= 3:
        return 1
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    groups = 0
    prev_vowel = False
    for c in w:
        v = c in _EN_VOWELS
        if v and not prev_vowel:
            groups += 1
        prev_vowel = v
    # silent final e ("heart", "size"), but a syllabic -le after a consonant ("nodule", "middle")
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")) and groups > 1:
        groups -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in _EN_VOWELS:
        pass
    elif w.endswith("le") and groups > 1:
        groups -= 1
    # -ed is silent except after t/d ("seemed" 1, "noted" 2); -es is silent except after s/x/z/ch/sh/ce/ge
    if (w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and groups > 1) or (
        w.endswith("es")
        and len(w) > 3
        and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges", "les"))
        and w[-3] not in _EN_VOWELS
        and groups > 1
    ):
        groups -= 1
    # vowel pairs said as two syllables at word ends ("cardiac", "medial", "calcium", "osseous")
    if w.endswith(_TWO_VOWEL_ENDINGS) and not (
        w.endswith(("ial", "ian", "ials", "ians")) and w[-4] in "cstx"
    ):
        groups += 1
    if w.startswith(("neo", "geo", "video", "stereo", "bio")):
        groups += 1
    return max(1, groups)


_TWO_VOWEL_ENDINGS = ("ia", "ial", "ian", "iac", "ias", "ials", "ians", "ium", "ius", "eous", "eum", "uous")


_ES_VOWELS = frozenset("aeiouáéíóúü")
_ES_STRONG = frozenset("aeoáéó")
_ES_ACCENTED_WEAK = frozenset("íú")


@cache
def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word: vowel nuclei, with diphthongs joined and hiatus split."""
    w = word.lower()
    if not any(c.isalpha() for c in w):
        return 1
    # "y" is a vowel only at the end after a vowel ("muy", "hay", "hoy") where it closes a diphthong
    count = 0
    prev: str | None = None
    for c in w:
        if c in _ES_VOWELS:
            if prev is None or _es_hiatus(prev, c):
                count += 1
            prev = c
        else:
            prev = None
    # "qu"/"gu" before e/i: the u is silent, which the rule above already joins with the next vowel
    return max(1, count)


def _es_hiatus(a: str, b: str) -> bool:
    if a in _ES_STRONG and b in _ES_STRONG:
        return True
    return a in _ES_ACCENTED_WEAK or b in _ES_ACCENTED_WEAK


@dataclass(frozen=True, slots=True)
class Readability:
    """Counts and scores for one text in one language."""

    lang: str
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    grade: float  # FK grade (en) or Crawford grade (es)
    reading_ease: float  # Flesch (en) or Fernández-Huerta (es)
    smog: float
    jargon_ratio: float
    jargon: tuple[str, ...]  # the words outside the plain-word list, in order of first use

    def to_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "syllables": self.syllables,
            "grade": self.grade,
            "reading_ease": self.reading_ease,
            "smog": self.smog,
            "jargon_ratio": self.jargon_ratio,
            "jargon": list(self.jargon),
        }


def split_sentences(text: str) -> list[str]:
    """Sentences for readability: ends at . ! ? followed by space, or a line break (headings count once)."""
    return [s.strip() for s in _SENTENCE_END_RE.split(text) if _WORD_RE.search(s)]


def words(text: str) -> list[str]:
    """Word tokens: runs of letters (with inner apostrophes) and numbers ("3.5" is one word)."""
    return _WORD_RE.findall(text)


def syllables(word: str, lang: str = "en") -> int:
    return spanish_syllables(word) if lang == "es" else english_syllables(word)


def _stem_forms(word: str) -> Iterable[str]:
    """The word and the simple inflection stems a plain-word list would list instead."""
    yield word
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
        ("est", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            yield word[: len(word) - len(suffix)] + repl


@lru_cache(maxsize=65536)
def is_plain(word: str, plain_words: frozenset[str]) -> bool:
    w = word.lower().replace("’", "'")
    if not any(c.isalpha() for c in w):
        return True  # numbers are not jargon
    return any(f in plain_words for f in _stem_forms(w))


_MAX_WORD_FACTS = 100_000


@lru_cache(maxsize=8)
def _word_facts(lang: str, plain_words: frozenset[str]) -> dict[str, tuple[int, bool]]:
    """Per language and plain-word list, each word's syllables and whether it is plain, filled as words are met
    (up to _MAX_WORD_FACTS words): letters say the same few hundred words, three texts are scored per report."""
    return {}


def measure(text: str, lang: str = "en", plain_words: frozenset[str] | None = None) -> Readability:
    """Score a text. ``plain_words`` defaults to the language's bundled list (see glossary.plain_words)."""
    if plain_words is None:
        from radpilot.patient.glossary import plain_words as load_plain

        plain_words = load_plain(lang)
    toks = words(text)
    n_words = len(toks)
    if n_words == 0:
        return Readability(lang, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, ())
    # (the sentences split_sentences keeps: the pieces between sentence ends that hold a word)
    n_sents = sum(1 for piece in _SENTENCE_END_RE.split(text) if _WORD_RE.search(piece))
    n_sent = max(1, n_sents)
    facts = _word_facts(lang, plain_words)
    n_syll = poly = n_jargon = 0
    jargon: list[str] = []
    for t in toks:
        known = facts.get(t)
        if known is None:
            known = (syllables(t, lang), is_plain(t, plain_words))
            if len(facts) < _MAX_WORD_FACTS:
                facts[t] = known
        n_syll += known[0]
        if known[0] >= 3:
            poly += 1
        if not known[1]:
            n_jargon += 1
            low = t.lower()
            if low not in jargon:
                jargon.append(low)
    asl = n_words / n_sent
    asw = n_syll / n_words
    if lang == "es":
        per100_syll = 100.0 * asw
        per100_sent = 100.0 * n_sent / n_words
        grade = -0.205 * per100_sent + 0.049 * per100_syll - 3.407
        ease = 206.84 - 0.60 * per100_syll - 1.02 * per100_sent
    else:
        grade = 0.39 * asl + 11.8 * asw - 15.59
        ease = 206.835 - 1.015 * asl - 84.6 * asw
    smog = 1.043 * math.sqrt(poly * 30.0 / n_sent) + 3.1291
    return Readability(
        lang=lang,
        sentences=n_sents,
        words=n_words,
        syllables=n_syll,
        polysyllables=poly,
        grade=round(grade, 2),
        reading_ease=round(ease, 2),
        smog=round(smog, 2),
        jargon_ratio=round(n_jargon / n_words, 4),
        jargon=tuple(jargon),
    )
