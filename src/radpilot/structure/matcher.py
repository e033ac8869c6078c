"""Greedy longest-match of token phrases: dictionary look-ups on n-grams, no regex alternation.

A phrase token ending in ``*`` is a prefix ("atelecta*" matches "atelectasis" and "atelectatic").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# ("<" and ">" only before a figure: "CTR > 0.5", "nodules < 6 mm")
# (a dash set apart by spaces parts a clause as a comma does: "Patchy R basilar opacity - atelectasis vs pneumonia",
# review rv43d; it is read as the comma)
# ("#" standing alone is the fracture's sign in British and Australian shorthand: "No #.", "Displaced subcapital # R)
# NOF", "?small avulsion #", review rv47d; "Multiple L rib #s", review rv69b; not "#45" or "image #3")
TOKEN_RE = re.compile(
    r"\d+(?:\.\d+)+|[a-z0-9]+(?:'[a-z0-9]+)*|[;:,()/?]|[<>](?=[ \t]*\d)|(?<=[ \t])(?:-{1,2}|\u2013|\u2014)(?=[ \t])"
    r"|#(?<![^\s(?]#)(?:s(?![ \t]*\d))?(?![\w#])"
)
_FRACTURE_SIGN = "#"
_FRACTURE_SIGNS = {"#": "fracture", "#s": "fractures"}
# ... but "#s" after what is numbered is its numbers ("images #s 10-20", "Patient ID #s", the review of the change)
_NUMBERED = frozenset(
    {"image", "images", "series", "id", "ids", "line", "lines", "slice", "slices", "accession", "acc", "page", "pages",
     "key", "the", "these", "those", "patient", "case", "cases", "study", "studies", "room", "bed", "item", "items"}
)  # fmt: skip
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


# "R"/"L" for right/left, only before a word they can be the side of ("R lower lobe", "L IJ catheter", "R and L
# bases"); "2 L nasal cannula" (litres) and "L1" (a vertebra) stay as they are
_SIDE_ABBREVIATIONS = {"r": "right", "l": "left", "rt": "right", "lt": "left"}
# the ribs', vertebrae's and digits' ordinals as written in figures
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th")
_SIDED_WORDS = frozenset(
    [
        "lower",
        "upper",
        "middle",
        "mid",
        "base",
        "bases",
        "basilar",
        "basal",
        "apex",
        "apical",
        "lung",
        "lungs",
        "hemithorax",
        "pleural",
        "effusion",
        "pneumothorax",
        "side",
        "sided",
        "hilum",
        "hilar",
        "perihilar",
        "hemidiaphragm",
        "costophrenic",
        "rib",
        "ribs",
        "clavicle",
        "shoulder",
        "hip",
        "knee",
        "ankle",
        "wrist",
        "elbow",
        "breast",
        "axilla",
        "axillary",
        "ij",
        "internal",
        "subclavian",
        "femoral",
        "jugular",
        "mainstem",
        "kidney",
        "renal",
        "adrenal",
        "ovary",
        "ovarian",
        "thyroid",
        "lobe",
        "chest",
        "paratracheal",
        "atrium",
        "ventricle",
        "ventricular",
        "humerus",
        "femur",
        "tibia",
        "fibula",
        "radius",
        "ulna",
        "scapula",
        "pelvis",
        "inguinal",
        "neck",
        "arm",
        "leg",
        "foot",
        "hand",
        "lateral",
        "medial",
        "greater",
        "effusions",
        "hila",
        "kidneys",
        "lobes",
        "breasts",
        # telegraphic dictation ("R PTX", "L distal radius fx", "R SDH 8 mm")
        "ptx",
        "pneumo",
        "hydro",
        "fx",
        "fxs",
        "fracture",
        "distal",
        "proximal",
        "popliteal",
        "hydronephrosis",
        "sdh",
        "edh",
        "picc",
        "testis",
        "testicle",
        "adnexa",
        "adnexal",
        "cfv",
        "sfv",
        # the head's and the spine's ("old L cerebellar infarct", "R MCA infarct", "EVD R frontal", "L paracentral
        # protrusion")
        "cerebellar",
        "cerebral",
        "frontal",
        "parietal",
        "temporal",
        "occipital",
        "thalamic",
        "thalamus",
        "mca",
        "aca",
        "pca",
        "ica",
        "cca",
        "carotid",
        "vertebral",
        "hemisphere",
        "subdural",
        "epidural",
        "insular",
        "caudate",
        "putamen",
        "paracentral",
        "foraminal",
        "subarticular",
        "facet",
        "transverse",
        "pedicle",
        "lamina",
        "pars",
        "iph",
        # the urinary tract's junctions and the chest drain's letters ("Lt VUJ calculus", "L ICC in situ", review rv46d)
        "vuj",
        "uvj",
        "puj",
        "upj",
        "ureter",
        "ureteric",
        "ureteral",
        "icc",
        "icd",
        # the pelvis's bones, the neck's and head's paired parts, a node's station (review rv47a: "Lytic avid lesion in
        # the L iliac bone", "L mastoid effusion", "Mild R maxillary sinus disease", "L supraclavicular node")
        "iliac",
        "ilium",
        "acetabulum",
        "acetabular",
        "sacroiliac",
        "pubic",
        "ischial",
        "obturator",
        "supraclavicular",
        "parotid",
        "submandibular",
        "tonsil",
        "tonsillar",
        "maxillary",
        "mastoid",
        "orbit",
        "orbital",
        "psoas",
        "gluteal",
        # a limb's and the neck's arteries by their short names (review rv48a: "R ATA occluded from origin", "R CIA 60%
        # stenosis", "L SFA multifocal <50% stenoses")
        "scfe",
        "ata",
        "pta",
        "sfa",
        "cfa",
        "cia",
        "eia",
        "iia",
        "peroneal",
        "eca",
        # the spaces around an abdominal organ and an arm's veins (review rv76b: "complex fluid collection L subphrenic
        # space", "L basilic vein")
        "subphrenic",
        "perinephric",
        "perirenal",
        "periureteric",
        "periureteral",
        # (the neck of the femur's short name: "Displaced subcapital # L NOF", review rv78b)
        "nof",
        "paracolic",
        "basilic",
        "cephalic",
        "brachial",
        *ORDINALS,  # "R 5th metatarsal", "L 4th and 5th ribs"
    ]
)
# slashed abbreviations of telegraphic dictation, read as one word ("effusion w/o PTX", "b/l effusions", "PNA w/
# small effusion"); "s/p", "h/o", "r/o" and "c/w" are modifiers' own literals
_SLASHED = {("w", "o"): "without", ("b", "l"): "bilateral"}
_WITH_SLASH = "w"  # "w/" with no letter after the slash: "with"


# Plain words of a patient's letter read as the report's: "your" as "the" ("fluid around your left lung"), and a size
# said against the normal as the word it means ("your spleen is bigger than normal": enlarged; the "normal" is no
# denial)
_COMPARED_TO_NORMAL = {"bigger": "enlarged", "larger": "enlarged", "wider": "dilated", "thicker": "thickened"}
_THE_NORMAL = frozenset({"normal"})


def plain_words(toks: list[str], spans: list[tuple[int, int]] | None = None) -> None:
    """Read the plain words of patient-facing text in place (``spans`` merged where words are read as one)."""
    for i, t in enumerate(toks):
        if t == "your":
            toks[i] = "the"
    if "than" in toks:
        i = 1
        while i + 1 < len(toks):
            meant = _COMPARED_TO_NORMAL.get(toks[i - 1])
            if toks[i] == "than" and meant is not None and toks[i + 1] in _THE_NORMAL:
                toks[i - 1 : i + 2] = [meant]
                if spans is not None:
                    spans[i - 1 : i + 2] = [(spans[i - 1][0], spans[i + 1][1])]
            i += 1


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lowercased tokens and their character spans (hyphens and most punctuation separate words); "R" and "L"
    said as sides read as "right" and "left"; a patient's plain words as the report's (``plain_words``); a verb's
    contracted denial as the words it stands for ("isn't" as "is not")."""
    low = text.lower()
    if len(low) != len(text):
        # (a letter whose lower case is two characters, "İ": each letter lowered to one, so that the spans stay the
        # text's)
        low = "".join(c.lower()[:1] for c in text)
    if _CURLY_APOSTROPHE in low:
        # (a typeset apostrophe is the typed one, one character for one: "isn’t", "Crohn’s disease")
        low = low.replace(_CURLY_APOSTROPHE, "'")
    toks: list[str]
    spans: list[tuple[int, int]]
    if low.isascii() and "<" not in low and ">" not in low:
        # (one call for every token, then each found from where the last ended: a token opens with a character the
        # pattern never skips, so the first place it stands is where it was matched; a skipped "<" or ">", one not
        # before a figure, could stand earlier)
        toks = TOKEN_RE.findall(low)
        spans = []
        at = 0
        for t in toks:
            at = low.find(t, at)
            spans.append((at, at + len(t)))
            at += len(t)
    else:
        said = list(TOKEN_RE.finditer(low))
        toks = [m.group() for m in said]
        spans = [m.span() for m in said]
    if " -" in low or " \u2013" in low or " \u2014" in low:
        toks = ["," if t in _DASHES else t for t in toks]
    if _FRACTURE_SIGN in low:
        toks = [
            t if t == "#s" and k > 0 and toks[k - 1] in _NUMBERED else _FRACTURE_SIGNS.get(t, t)
            for k, t in enumerate(toks)
        ]
    # (each reading looked for in the text before the tokens: a substring test, not a walk along the list; a "/" or
    # "?" in the text is always a token of its own)
    if ("your" in low or "than" in low) and ("your" in toks or "than" in toks):
        plain_words(toks, spans)
    if "/" in low:
        toks, spans = _read_slashed(toks, spans)
    if ">" in low or "<" in low:
        toks, spans = _read_sides_weighed(low, toks, spans)
    if not _SIDE_ABBREVIATIONS.keys().isdisjoint(toks):
        _read_side_abbreviations(toks)
    if "?" in low:
        _read_queries(text, toks, spans)
    if "tips" in low and "tips" in toks:
        _read_capitalised_abbreviations(text, toks, spans)
    if "n't" in low:
        toks, spans = _read_contractions(toks, spans)
    return toks, spans


# a verb's denial written short, read as the words it stands for, each over its own letters ("isn't": "is" over "is",
# "not" over "n't"); "can't" is "cannot", one word, as the modifiers write it ("can't exclude pneumonia", "Heart isn't
# enlarged", "The lungs don't show consolidation")
_CURLY_APOSTROPHE = "\u2019"
_CONTRACTIONS = {
    "can't": ("cannot",), "won't": ("will", "not"), "isn't": ("is", "not"), "aren't": ("are", "not"),
    "wasn't": ("was", "not"), "weren't": ("were", "not"), "doesn't": ("does", "not"), "don't": ("do", "not"),
    "didn't": ("did", "not"), "hasn't": ("has", "not"), "haven't": ("have", "not"), "hadn't": ("had", "not"),
    "couldn't": ("could", "not"), "wouldn't": ("would", "not"), "shouldn't": ("should", "not"),
    "mustn't": ("must", "not"), "needn't": ("need", "not"), "ain't": ("is", "not"),
}  # fmt: skip


def _read_contractions(
    toks: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]]]:
    out_t: list[str] = []
    out_s: list[tuple[int, int]] = []
    for t, (a, b) in zip(toks, spans, strict=True):
        said = _CONTRACTIONS.get(t)
        if said is None:
            out_t.append(t)
            out_s.append((a, b))
        elif len(said) == 1:
            out_t.append(said[0])
            out_s.append((a, b))
        else:
            out_t.extend(said)
            out_s.extend(((a, b - 3), (b - 3, b)))
    return out_t, out_s


# abbreviations that are also plain words, read as the abbreviation only when written in capitals in a text that is
# not all capitals ("TIPS is patent": the shunt; "the tips of both catheters": the ends)
_CAPITALISED = {"TIPS": "tipss"}


def _read_capitalised_abbreviations(text: str, toks: list[str], spans: list[tuple[int, int]]) -> None:
    if not any(c.islower() for c in text):
        return
    for i, (a, b) in enumerate(spans):
        said = _CAPITALISED.get(text[a:b])
        if said is not None:
            toks[i] = said


def _read_queries(text: str, toks: list[str], spans: list[tuple[int, int]]) -> None:
    """A question mark before a word ("? pneumonia", "(?granuloma)") queries what follows, as "question" does;
    one after a word ("pneumonia?") stays "?" and queries the word before it."""
    last = len(toks) - 1
    for i, t in enumerate(toks):
        if t == "?" and i < last:
            a = spans[i][0]
            if a == 0 or text[a - 1] in " \t\n([":
                toks[i] = "question"


def _read_slashed(toks: list[str], spans: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """ "w/o" -> "without", "b/l" -> "bilateral", "w/" -> "with", each one token over the whole abbreviation
    (written with no space around the slash)."""
    out_t: list[str] = []
    out_s: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if i + 1 < n and toks[i + 1] == "/" and spans[i][1] == spans[i + 1][0]:
            whole = (
                _SLASHED.get((toks[i], toks[i + 2]))
                if i + 2 < n and spans[i + 1][1] == spans[i + 2][0]
                else None
            )
            if whole is not None:
                out_t.append(whole)
                out_s.append((spans[i][0], spans[i + 2][1]))
                i += 3
                continue
            if toks[i] == _WITH_SLASH and (i + 2 >= n or spans[i + 1][1] != spans[i + 2][0]):
                out_t.append("with")
                out_s.append((spans[i][0], spans[i + 1][1]))
                i += 2
                continue
        out_t.append(toks[i])
        out_s.append(spans[i])
        i += 1
    return out_t, out_s


# the two sides weighed by a sign ("L>R", "R > L", "right>left", "R<L")
_SIDE_WORDS = {**_SIDE_ABBREVIATIONS, "right": "right", "left": "left"}
_WEIGHED_RE = re.compile(r"[ \t]*[<>][ \t]*")


def _read_sides_weighed(
    low: str, toks: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]]]:
    """Two sides with a ">" or "<" between them as the one word they say, over the three: both sides ("L>R patchy
    peripheral opacities", review rv92a; "Pleural effusions, R>L."). Read as "left greater than right", the
    comparison handed one side to the finding after it ("Bronchiectasis in both lower lobes, L>R, with mucus
    plugging": the plugging's left), the reviews of the change."""
    out_t: list[str] = []
    out_s: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        a = _SIDE_WORDS.get(toks[i])
        b = _SIDE_WORDS.get(toks[i + 1]) if i + 1 < n else None
        m = _WEIGHED_RE.fullmatch(low, spans[i][1], spans[i + 1][0]) if a and b and a != b else None
        if m is not None:
            out_t.append("bilateral")
            out_s.append((spans[i][0], spans[i + 1][1]))
            i += 2
            continue
        out_t.append(toks[i])
        out_s.append(spans[i])
        i += 1
    return out_t, out_s


def _read_side_abbreviations(toks: list[str]) -> None:
    n = len(toks)
    for i, t in enumerate(toks):
        side = _SIDE_ABBREVIATIONS.get(t)
        if side is None or (i > 0 and toks[i - 1][0].isdigit()):
            continue  # "1.5 L pleural fluid": litres
        if i >= 2 and toks[i - 2 : i] == ["to", "the"] and (i + 1 == n or not toks[i + 1].isalnum()):
            toks[i] = side  # "mediastinum shifted to the L."
            continue
        if i + 1 == n:
            continue
        nxt = toks[i + 1]
        if (
            nxt in _SIDED_WORDS
            or (nxt in _SIDE_ABBREVIATIONS and i + 2 < n and toks[i + 2] in _SIDED_WORDS)  # "R > L effusions"
            or (nxt in ("and", "or", "/") and i + 2 < n and toks[i + 2] in _SIDE_ABBREVIATIONS)
            # ribs counted before their word ("L 7-9 rib fxs", "R 4th and 5th ribs")
            or (nxt[0].isdigit() and any(w in ("rib", "ribs") for w in toks[i + 2 : i + 6]))
        ):
            toks[i] = side
        elif i > 0 and (
            toks[i - 1] in ("right", "left")
            or (i > 1 and toks[i - 1] in ("and", "or", "/") and toks[i - 2] in ("right", "left"))
        ):
            toks[i] = side  # the second of "R and L lower lobes", "R > L"


_END = ""  # the key a trie node keeps its phrase's payload under (no token is empty)
_Node = dict[str, Any]  # token -> the node after it; _END -> the payload of the phrase ending here


class PhraseMatcher(Generic[T]):
    """Phrases in a trie of dictionaries, one level per token: a match walks only as far as the words go on
    matching, instead of looking up every n-gram up to the longest phrase."""

    def __init__(self, table: Mapping[tuple[str, ...], T]):
        self.table = dict(table)
        self.prefixes = tuple(
            sorted({t[:-1] for k in self.table for t in k if t.endswith("*")}, key=len, reverse=True)
        )
        self._root: _Node = {}
        for key, payload in self.table.items():
            node = self._root
            for tok in key:
                node = node.setdefault(tok, {})
            node[_END] = payload
        self._forms: dict[str, tuple[str, ...]] = {}

    def clear_cache(self) -> None:
        """Forget the words' phrase forms worked out so far."""
        self._forms = {}

    def forms(self, tok: str) -> tuple[str, ...]:
        f = self._forms.get(tok)
        if f is None:
            f = (tok, *(p + "*" for p in self.prefixes if tok.startswith(p)))
            if len(self._forms) < 200_000:
                self._forms[tok] = f
        return f

    def match(self, toks: list[str]) -> list[tuple[int, int, T]]:
        """Non-overlapping (start, end, payload) matches, leftmost then longest."""
        n = len(toks)
        root = self._root
        out: list[tuple[int, int, T]] = []
        # a token that is also a prefix phrase word ("atelectasis": "atelecta*") may branch the walk
        if self.prefixes:
            known = self._forms
            forms: list[tuple[str, ...]] | None = [known.get(t) or self.forms(t) for t in toks]
        else:
            forms = None
        i = 0
        while i < n:
            best: tuple[int, T] | None
            if forms is not None and len(forms[i]) > 1:
                best = _longest(root, forms, i, n)
            else:
                node = root.get(toks[i])
                if node is None:
                    i += 1
                    continue
                best = None
                j = i + 1
                while True:
                    if _END in node:
                        best = (j, node[_END])
                    if j == n:
                        break
                    if forms is not None and len(forms[j]) > 1:
                        deeper: tuple[int, T] | None = _longest(node, forms, j, n)
                        if deeper is not None:
                            best = deeper
                        break
                    node = node.get(toks[j])
                    if node is None:
                        break
                    j += 1
            if best is None:
                i += 1
            else:
                out.append((i, best[0], best[1]))
                i = best[0]
        return out

    def longest_at(
        self, toks: list[str], i: int, forms: list[tuple[str, ...]] | None = None
    ) -> tuple[int, T] | None:
        """The longest phrase starting at token ``i``, as (end, payload), whatever matched before it; ``forms``: each
        token's forms (see ``forms``), when the caller has them."""
        n = len(toks)
        if self.prefixes:
            return _longest(self._root, forms if forms is not None else [self.forms(t) for t in toks], i, n)
        node: _Node | None = self._root
        best: tuple[int, T] | None = None
        j = i
        while j < n and node is not None:
            node = node.get(toks[j])
            j += 1
            if node is not None and _END in node:
                best = (j, node[_END])
        return best


def _longest(root: _Node, forms: list[tuple[str, ...]], i: int, n: int) -> tuple[int, Any] | None:
    """The longest phrase going on from the trie node ``root`` at token ``i`` (beyond ``i``: the node's own
    phrase is the caller's), each token read as itself or as a prefix phrase word; on a tie of lengths, the
    first in the order of the forms."""
    best: tuple[int, Any] | None = None
    stack = [(root, i)]
    while stack:
        node, j = stack.pop()
        if j > i and _END in node and (best is None or j > best[0]):
            best = (j, node[_END])
        if j < n:
            # pushed in reverse so that the token itself is tried before its prefix forms
            for f in reversed(forms[j]):
                child = node.get(f)
                if child is not None:
                    stack.append((child, j + 1))
    return best
