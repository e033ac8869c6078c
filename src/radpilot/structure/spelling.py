"""Misspelled and misheard words of dictation, read as the word meant, before the phrases are matched.

Each reading keeps the tokens' spans: a finding's text shows what was typed. This module loads the rules and word
lists; ``speller.py`` (``Speller``, ``MIN_LENGTH``, ``one_error_apart``) reads a sentence with them.

- ``spellings.yaml`` (rules as data): the misspellings of short and important words ("rigth", "nodlue", "wihtout")
  read anywhere; the misheard real words read only where they cannot be meant ("plural" before "effusion", "write"
  before "lower", "Know" opening a sentence); two words heard for one ("with out", "new monia").
- one typing error (a letter left out or added, or two letters swapped; see ``one_error_apart``) in a word of the
  finding lexicon or the attributes of at least ``MIN_LENGTH`` letters ("pneumothroax", "cardiomeglay",
  "consolidaiton"), when the word typed is no word the engine knows and no real word (``real_words.txt``: the English
  words one error from a lexicon word, "injection" one from "infection", "sparing" from "scaring"; ``known_words.txt``:
  medical words the English list lacks, "ventriculotomy"), it starts with the same letter, and every word one error
  from it is a word of the same finding. No one-word cue (a denial, a hedge) is ever read this way: a wrong cue would
  turn what the report says.
- a British spelling the lexicon does not hold is read in its American form ("demineralisation", "cephalisation",
  "haemopneumothorax", "faecalith").
- a degree, side or place typed without its space before a finding ("pleuraleffusion", "Mildcardiomegaly") is read
  as two words.
- a word broken by a hyphen or by a hyphen at the end of a line ("peri-cardial", "effu-\\nsion") is read whole when
  the whole is a word the engine knows and the two parts are not a phrase of their own.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field, model_validator

from radpilot.structure.datafiles import DataFileError, StrictModel, load_entries
from radpilot.structure.speller import Speller, edits1, one_error_apart


class Spelling(StrictModel):
    """One entry of spellings.yaml: ``term`` is read as ``means``; with ``before``/``after``/``opening`` only there."""

    # (two words heard for one: "with out", "new monia"; said with a space between them, not a hyphen)
    term: str = Field(pattern=r"^[a-z]+( [a-z]+)?$")
    means: str = Field(pattern=r"^[a-z]+$")
    before: tuple[str, ...] = ()  # only right before one of these words
    after: tuple[str, ...] = ()  # only right after one of these words
    not_before: tuple[str, ...] = ()  # never right before one of these words ("with out of phase")
    opening: bool = False  # only as the first word of a sentence (or after a colon)

    @model_validator(mode="after")
    def _not_itself(self) -> Spelling:
        if self.term == self.means:
            raise ValueError("a term is not a misspelling of itself")
        return self

    @property
    def anywhere(self) -> bool:
        return not (self.before or self.after or self.opening or self.not_before or " " in self.term)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("radpilot.structure") / "data" / name))


@lru_cache(maxsize=1)
def default_spellings() -> tuple[Spelling, ...]:
    return load_spellings(_data_path("spellings.yaml"))


def load_spellings(path: str | Path) -> tuple[Spelling, ...]:
    out = tuple(entry for entry, _ in load_entries(path, "spellings", Spelling))
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...], bool]] = set()
    for s in out:
        key = (s.term, s.before, s.after, s.opening)
        if key in seen:
            raise DataFileError(path, "given twice", entry=s.term)
        seen.add(key)
    return out


@lru_cache(maxsize=1)
def default_real_words() -> frozenset[str]:
    return _word_list("real_words.txt")


@lru_cache(maxsize=1)
def default_known_words() -> frozenset[str]:
    """Words of reports the engine does not know that are never read as another (kept by hand, data/known_words.txt:
    "ventriculotomy" is no ventriculostomy, "veinstone" no vein and stone)."""
    return _word_list("known_words.txt")


def _word_list(name: str) -> frozenset[str]:
    text = _data_path(name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def build_real_words(speller: Speller) -> list[str]:
    """The English words (pyspellchecker's list) one typing error from a word ``speller`` may read an error as,
    that the engine does not know: they are never read as that word. Needs the ``pyspellchecker`` package (dev)."""
    from spellchecker import SpellChecker  # type: ignore[import-not-found,unused-ignore]

    english = {w for w in SpellChecker(language="en").word_frequency.dictionary if w.isalpha()}
    out = set()
    for w in speller.correctable:
        for e in edits1(w):
            if e in english and e[0] == w[0] and one_error_apart(e, w) and not speller.known(e):
                out.add(e)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    """``python -m radpilot.structure.spelling [--write]``: print (or write) real_words.txt for the current
    lexicon."""
    from radpilot.structure.engine import default_engine

    words = build_real_words(default_engine().speller)
    body = (
        "# English words one typing error from a lexicon word that the engine does not know: never read as that word.\n"
        "# Generated by `python -m radpilot.structure.spelling --write` from pyspellchecker 0.9.1's English list (MIT);\n"
        "# regenerate when the lexicon changes (tests/structure/test_spelling.py checks it is current).\n"
        + "\n".join(words)
        + "\n"
    )
    args = sys.argv[1:] if argv is None else argv
    if "--write" in args:
        _data_path("real_words.txt").write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
