"""Reads a sentence's tokens as the words meant before the phrases are matched: misspelled and misheard words of
dictation, British spellings, words typed without their space, words broken by a hyphen (the rules and word lists:
``spelling.py``, which loads them).

Kept apart from the data files' models (pydantic, interpreted) so that ``make compiled`` can compile it with the
engine: it runs once for every sentence the engine reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from radpilot.structure.spelling import Spelling

MIN_LENGTH = 7  # the shortest lexicon word read from one typing error (shorter ones: spellings.yaml only)
MIN_GLUED = 4  # the shortest word read out of two typed without their space
_CACHE_SIZE = 50_000  # unknown words remembered with their reading


# British spellings and their American forms ("demineralisation", "generalised", "haemopneumothorax", "faecalith",
# "oesophageal"): a word the engine does not know is read in its American form when that is a word it knows (not a
# Latin plural's "-ae": "lacunae" is no "lacune")
_BRITISH = tuple(
    (re.compile(uk), us)
    for uk, us in (
        ("isation", "ization"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("ise$", "ize"),
        ("ae(?!$)", "e"),
        ("oe(?!$)", "e"),
    )
)


def _american(t: str) -> list[str]:
    if "is" not in t and "ae" not in t and "oe" not in t:
        return [t]  # (each British spelling holds one of these)
    every = t
    for uk, us in _BRITISH:
        every = uk.sub(us, every)
    return [every, *(uk.sub(us, t) for uk, us in _BRITISH if uk.search(t))]


def one_error_apart(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter left out or added, or two neighbours swapped, before its last two
    letters. A changed letter is not read ("lobulated" is no "loculated", "osteogenic" no "osteopenic"), nor an error
    in the last two letters, where real words differ by their endings ("hepatis"/"hepatic", "cardia"/"cardiac")."""
    lt, lw = len(typed), len(word)
    if typed == word or abs(lt - lw) > 1:
        return False
    i = 0
    while i < min(lt, lw) and typed[i] == word[i]:
        i += 1
    if i >= lw - 2:
        return False
    if lt == lw:
        return (
            i + 1 < lt
            and typed[i] == word[i + 1]
            and typed[i + 1] == word[i]
            and typed[i + 2 :] == word[i + 2 :]
        )
    if lt > lw:
        return typed[i + 1 :] == word[i:]
    return typed[i:] == word[i + 1 :]


def edits1(word: str) -> set[str]:
    """Every string one typing error from ``word`` that ``one_error_apart`` may accept: a letter left out or added,
    or two neighbours swapped (lower-case letters)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b for a, b in splits for c in letters}
    ) - {word}


class Speller:
    """Reads the tokens of a sentence as the words meant (see the module's docstring)."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        correctable: Iterable[str],
        single_findings: Mapping[str, frozenset[str]],
        cue_words: Iterable[str],
        attribute_words: Iterable[str] = (),
        spellings: Iterable[Spelling] = (),
        real_words: Iterable[str] = (),
        known_pairs: Iterable[tuple[str, str]] = (),
        prefixes: tuple[str, ...] = (),
    ):
        """``vocabulary``: every word of every phrase the engine knows; ``correctable``: the words of the finding
        lexicon and of the attributes that a typing error may be read as; ``single_findings``: the findings each
        word names by itself ("pneumothorax", "pneumothorx"): an error one from several such words is read only when
        they all name one finding; ``cue_words``: the modifiers said as one word ("no", "without", "possible": never read from an error);
        ``attribute_words``: the words of the attributes (sides, places, degrees, changes); ``known_pairs``: the
        two-word starts of known phrases (a hyphenated pair that is one stays two words);
        ``prefixes``: the lexicon's prefix words ("atelecta*")."""
        self.vocabulary = frozenset(vocabulary)
        cues = frozenset(cue_words)
        self.real_words = frozenset(real_words)
        self.prefixes = prefixes
        self.correctable = frozenset(
            w for w in correctable if len(w) >= MIN_LENGTH and w.isalpha() and w not in cues
        )
        self._single = dict(single_findings)
        self._anywhere = {s.term: s.means for s in spellings if s.anywhere}
        self._in_context = [s for s in spellings if not s.anywhere]
        self._context_terms = frozenset(s.term for s in self._in_context)
        self._heard_as_two = frozenset(
            (s.term.split()[0], s.term.split()[1]) for s in self._in_context if " " in s.term
        )
        self._pairs = frozenset(known_pairs)
        self._read: dict[str, str | None] = {}
        self._readable: dict[str, bool] = {}  # unknown words: whether any reading reads them
        self._attribute_words = (
            frozenset(w for w in attribute_words if len(w) >= MIN_GLUED and w.isalpha()) - cues
        )

    def clear_cache(self) -> None:
        """Forget the readings of words worked out so far."""
        self._read = {}
        self._readable = {}

    def known(self, tok: str) -> bool:
        return tok in self.vocabulary or (bool(self.prefixes) and tok.startswith(self.prefixes))

    def read(self, text: str, toks: list[str], spans: list[tuple[int, int]]) -> None:
        """Read ``toks`` (the tokens of ``text``, with their ``spans``) in place."""
        if "-" in text:
            self._join_hyphenated(text, toks, spans)
        if not self._heard_as_two.isdisjoint(pairwise(toks)):
            self._join_heard_as_two(text, toks, spans)
        vocab = self.vocabulary
        contexts = self._context_terms
        # (most sentences hold only known words, numbers, stops and words with no reading: nothing to read)
        if contexts.isdisjoint(toks) and not any(
            self._has_a_reading(w) for w in set(toks).difference(vocab) if w.isalpha()
        ):
            return
        glued = False
        for i, t in enumerate(toks):
            # (a real word read in its context may be a word the engine knows: "pleural infusion")
            meant = (
                self._in_its_context(
                    t, toks[i - 1] if i else None, toks[i + 1] if i + 1 < len(toks) else None
                )
                if t in contexts
                else None
            )
            if meant is None:
                if t in vocab:
                    continue
                meant = self._anywhere.get(t) or self._typed_for(t)
                if meant is None and len(t) >= 2 * MIN_GLUED and self._two_words(t) is not None:
                    glued = True
            if meant is not None:
                toks[i] = meant
        if glued:
            self._split_glued(toks, spans)

    def _join_heard_as_two(self, text: str, toks: list[str], spans: list[tuple[int, int]]) -> None:
        i = 0
        while i + 1 < len(toks):
            if (toks[i], toks[i + 1]) in self._heard_as_two and not text[
                spans[i][1] : spans[i + 1][0]
            ].strip():
                meant = self._in_its_context(
                    f"{toks[i]} {toks[i + 1]}",
                    toks[i - 1] if i else None,
                    toks[i + 2] if i + 2 < len(toks) else None,
                )
                if meant is not None:
                    toks[i : i + 2] = [meant]
                    spans[i : i + 2] = [(spans[i][0], spans[i + 1][1])]
            i += 1

    def _in_its_context(self, term: str, before: str | None, after: str | None) -> str | None:
        """What ``term`` means between the word ``before`` it and the word ``after`` it (None: the sentence's
        edge), or None where it is not read."""
        for s in self._in_context:
            if s.term != term:
                continue
            if s.not_before and after in s.not_before:
                continue
            if s.before and after not in s.before:
                continue
            if s.after and before not in s.after:
                continue
            if s.opening and before not in (None, ":"):
                continue
            return s.means
        return None

    def _has_a_reading(self, t: str) -> bool:
        has = self._readable.get(t)
        if has is None:
            has = (
                t in self._anywhere
                or self._typed_for(t) is not None
                or (len(t) >= 2 * MIN_GLUED and self._two_words(t) is not None)
            )
            if len(self._readable) >= _CACHE_SIZE:
                self._readable.clear()
            self._readable[t] = has
        return has

    def _typed_for(self, t: str) -> str | None:
        if len(t) < MIN_LENGTH - 1 or not t.isalpha():
            return None
        if t in self._read:
            return self._read[t]
        meant: str | None = None
        if not self.known(t):
            meant = next((w for w in _american(t) if self.known(w)), None)
        if meant is None and t not in self.real_words and not self.known(t):
            # (every word one error from it, looked up: no index to keep, and each unknown word is looked up once)
            candidates = {w for w in edits1(t) & self.correctable if w[0] == t[0] and one_error_apart(t, w)}
            if len(candidates) == 1:
                (meant,) = candidates
            elif (
                candidates
                and all(w in self._single for w in candidates)
                and len(frozenset[str]().union(*(self._single[w] for w in candidates))) == 1
            ):
                meant = min(candidates)  # "pneumothoax": pneumothorax or pneumothorx
        if len(self._read) >= _CACHE_SIZE:
            self._read.clear()
        self._read[t] = meant
        return meant

    def _two_words(self, t: str) -> tuple[str, str] | None:
        """A word said before a finding and the finding typed without their space ("pleuraleffusion",
        "Mildcardiomegaly", "lobeconsolidation"): the second a word that names a finding by itself, the first a word
        of the attributes (a degree, a side, a place) or the first word of a phrase the second goes on ("pleural
        effusion"), at least ``MIN_GLUED`` letters each; not a word made with a prefix ("cardiopulmonary",
        "microadenoma": the prefix is no attribute)."""
        if len(t) < 2 * MIN_GLUED or not t.isalpha() or t in self.real_words:
            return None
        splits = [
            (t[:k], t[k:])
            for k in range(MIN_GLUED, len(t) - MIN_GLUED + 1)
            if t[k:] in self._single and (t[:k] in self._attribute_words or (t[:k], t[k:]) in self._pairs)
        ]
        return splits[0] if len(splits) == 1 else None

    def _split_glued(self, toks: list[str], spans: list[tuple[int, int]]) -> None:
        i = 0
        while i < len(toks):
            two = self._two_words(toks[i]) if toks[i] not in self.vocabulary else None
            if two is not None:
                a, b = spans[i]
                k = a + len(two[0])
                toks[i : i + 1] = list(two)
                spans[i : i + 1] = [(a, k), (k, b)]
                i += 1
            i += 1

    def _join_hyphenated(self, text: str, toks: list[str], spans: list[tuple[int, int]]) -> None:
        # (only where a hyphen stands right after a word: the text's hyphens, not every pair of words)
        ends = {b: k for k, (_, b) in enumerate(spans)}
        at = []
        pos = text.find("-")
        while pos >= 0:
            k = ends.get(pos, -1)
            if 0 <= k < len(toks) - 1:
                at.append(k)
            pos = text.find("-", pos + 1)
        for k in reversed(at):  # (from the last, so that the places before stay where they are)
            a, b = toks[k], toks[k + 1]
            if (
                not text[spans[k][1] + 1 : spans[k + 1][0]].strip(" \t\r\n")
                and a.isalpha()
                and b.isalpha()
                and (a + b) in self.vocabulary
                # (a pair that opens a phrase of its own stays two words: "extra-axial blood products")
                and (a, b) not in self._pairs
            ):
                toks[k : k + 2] = [a + b]
                spans[k : k + 2] = [(spans[k][0], spans[k + 1][1])]
