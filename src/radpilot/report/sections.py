"""Text -> sections -> sentences.

Section headers are recognised at the start of a line ("FINDINGS:", "IMPRESSION" alone on its line) or inline
after a sentence ("... normal. IMPRESSION: ..."). A report without headers is treated as findings.
"""

from __future__ import annotations

import itertools
import re

from radpilot.report.model import Report, Section, Sentence

# canonical name -> header variants (matched case-insensitively, longest first)
SECTION_HEADERS: dict[str, tuple[str, ...]] = {
    "examination": ("EXAMINATION", "EXAM", "PROCEDURE", "STUDY"),
    "history": (
        "CLINICAL HISTORY",
        "CLINICAL INDICATION",
        "CLINICAL INFORMATION",
        "HISTORY",
        "INDICATIONS",
        "INDICATION",
        "REASON FOR EXAMINATION",
        "REASON FOR EXAM",
        "REASON FOR STUDY",
        "CLINICAL DATA",
        "CLINICAL DETAILS",
        "CLINICAL QUESTION",
        "CLINICAL NOTES",
        "CLINICAL CONTEXT",
        "CLINICAL HX",
        "CLINICAL INFO",
        "CLINICAL",
        # (the British house style's shorthand: "Clin: L) ptx, ICC inserted yesterday.", review rv47d)
        "CLIN",
        "HX",
        "REASON FOR REFERRAL",
        # a British referral's line ("Ref: Anterior STEMI. Assess viability, exclude thrombus."; review rv37a)
        "REFERRAL",
        "REF",
        "REQUEST",
        "REASON",
        # a British history's heading ("Background: Cirrhosis (HCV). HCC segment 8 treated with microwave ablation
        # 2023.", review rv41a)
        "CLINICAL BACKGROUND",
        "BACKGROUND",
    ),
    "technique": ("TECHNIQUE", "PROCEDURE DETAILS"),
    # (dictation's short word: "Hx: HTN, DM, annual exam. Cmp: XXXX. Heart nl size.", review rv85a)
    "comparison": ("COMPARISONS", "COMPARISON", "PRIOR STUDIES", "PRIORS", "PREVIOUS", "COMP", "CMP"),
    # a mammogram's composition (density) line is read as a finding of the exam
    # ("Report:" heads the findings in British dictation)
    "findings": ("FINDINGS", "REPORT", "BREAST COMPOSITION", "BREAST DENSITY", "BREAST TISSUE DENSITY"),
    "impression": (
        "IMPRESSIONS",
        "IMPRESSION",
        "CONCLUSIONS",
        "CONCLUSION",
        "SUMMARY",
        "OPINION",
        "DIAGNOSIS",
    ),
    "recommendation": ("RECOMMENDATIONS", "RECOMMENDATION"),
    # (a correction said after the report: "Correction (voice recognition error): Line 2 of the findings should read
    # 'There is NO pneumothorax on the right.'", review rv63c)
    "addendum": ("ADDENDUM", "CORRECTION", "AMENDMENT"),
}

_VARIANT_TO_NAME = {v: name for name, vs in SECTION_HEADERS.items() for v in vs}
_VARIANTS = sorted(_VARIANT_TO_NAME, key=len, reverse=True)


def _alternatives(variants: list[str]) -> str:
    """The variants as one alternation grouped by their first letter, each group in the variants' order: the same
    matches as ``a|b|c...`` (two variants with different first letters never both match at one place), but a
    position where no header stands fails at its first letter instead of at each variant in turn."""
    groups: dict[str, list[str]] = {}
    for v in variants:
        groups.setdefault(v[0], []).append(re.escape(v[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


_ALT = _alternatives(_VARIANTS)
# A header either starts a line (colon optional when the line holds only the header) or follows the end of a
# sentence inline and carries a colon. Each match opens with the character before the header (a line break or a
# stop; the text's first line is matched by itself), so that the search only tries where one of them stands: a
# pattern that opens with a line start or a look-behind is tried at every position of the text.
# (... with a short note in brackets before its colon: "ADDENDUM (14:32):", "Correction (dictated 10:48):", review
# rv63c)
_LINE_HEADER = rf"[ \t]*(?P<h1>{_ALT})(?:[ \t]*\([^()\n]{{1,40}}\))?[ \t]*(?::|(?=[ \t]*(?:\n|$)))"
# ... or a line that opens with the word "Comparison" and the date or the word it names, no colon ("Comparison
# 12/05/23. Known renal cell carcinoma.", "Comparison 3/14 (when RLL pneumonia was present).", review rv53a)
_COMPARISON_LINE = r"[ \t]*(?P<h5>comparison)(?=[ \t]+(?:\d|none\b|not\s+available\b|is\s+made\b|made\b))"
_FIRST_HEADER_RE = re.compile(rf"{_LINE_HEADER}|{_COMPARISON_LINE}", re.IGNORECASE | re.MULTILINE)
_HEADER_RE = re.compile(
    rf"\n{_LINE_HEADER}"
    + "".join(rf"|{stop}[ \t]*(?P<h{k}>{_ALT})[ \t]*:" for k, stop in ((2, r"\."), (3, "!"), (4, r"\?")))
    + rf"|\n{_COMPARISON_LINE}",
    re.IGNORECASE | re.MULTILINE,
)

# the shortened words of dictation among the abbreviations: an end before a space and a capital ("Torsion: neg.
# Normal flow to both testes.")
_SHORTENED = frozenset(
    [
        "bilat",
        "neg",
        "pos",
        "prox",
        "dist",
        "mod",
        "sev",
        "sig",
        "susp",
        "poss",
        "prob",
        "eval",
        "abd",
        "ant",
        "post",
        "sup",
        "inf",
        "lat",
        "med",
        "ext",
        "diam",
        "meas",
        "ref",
    ]
)
# Abbreviations whose period does not end a sentence (lowercased, without the period).
ABBREVIATIONS = (
    frozenset(
        [
            "dr",
            "mr",
            "mrs",
            "ms",
            "prof",
            "approx",
            "appr",
            "vs",
            "e.g",
            "i.e",
            "etc",
            "st",
            "fig",
            "no",
            "nos",
            "incl",
            "cf",
            "al",
            "resp",
            "est",
            "max",
            "min",
            "sr",
            "jr",
            "pt",
            "pts",
            "hx",
            "w/o",
            "a.m",
            "p.m",
            "u.s",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
        ]
    )
    | _SHORTENED
)  # (and the shortened words of dictation: "No bilat.pleural effusions", "Neg.for fracture")
# a sentence end is a stop before a space, a quote or bracket, or the end; or a stop typed without its space
# between a word (or "XXXX") and a capitalised word ("effusion.Heart size"), which a decimal or "e.g." never is, or
# after a word of three letters or more before any word ("No effusion.small pneumothorax", "NO PNEUMOTHORAX.RIGHT
# LOWER LOBE CONSOLIDATION", "No pneumothorax.4 mm nodule"; an abbreviation is no end: "approx.5 cm"); a blank line; a line that opens a list item;
# or a line break before a capitalised word after a line that ended its statement without a stop (a template's
# "No pneumothorax\nSmall right pleural effusion"; not "... seen on\nMarch 3", see _OPEN_ENDINGS; not before an
# acronym or a line of capitals, which a wrapped line goes on with: "no evidence of acute\nPE")
# (every alternative opens with a literal character, so that the search skips the text between stops and line
# breaks instead of trying each alternative at every position)
_STOP_END = r"(?=[\s\"')\]]|$)"
_BOUNDARY = (
    rf"\.[.!?]*{_STOP_END}|![.!?]*{_STOP_END}|\?[.!?]*{_STOP_END}"
    r"|\.(?<=[A-Za-z]{2}\.)(?=[A-Z][a-z])|\.(?<=[A-Za-z]{3}\.)(?=[A-Za-z\d])|\n[ \t]*\n"
    r"|\n(?=[ \t]*(?:\d{1,2}[.)]|[-*\u2022])[ \t]+)"
)
# (... or before a line that opens with a size after a line that asks: "?renal colic L)\n4mm distal L) ureteric
# calculus", review rv47d; not a wrapped line's size: "Small nodule\n4 mm in the RUL", "measuring\n4 mm")
_BOUNDARY_RE = re.compile(
    _BOUNDARY + r"|\n(?=[ \t]*(?:[A-Z][a-z]|\[[ \txX\u2713\u2714]*\]|[A-Z][A-Za-z /&,-]{1,40}:"
    r"|\d+(?:\.\d+)?[ \t]?(?:mm|cm)\b))(?P<bare>)"
)
# a checklist's answer that ends with one of these closes its line ("Effusion: Small left\nCardiomegaly: No"), though
# elsewhere they leave it open (see _OPEN_ENDINGS)
_ANSWER_ENDINGS = frozenset(
    [
        "no",
        "left",
        "right",
        "bilateral",
        "small",
        "mild",
        "moderate",
        "large",
        "trace",
        "new",
        "acute",
        "focal",
    ]
)
# the last words of a line that leave its statement open, so that a line break after them is no sentence end
_OPEN_ENDINGS = _ANSWER_ENDINGS | frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "of",
        "with",
        "without",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "than",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "not",
        "versus",
        "vs",
        "which",
        "that",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "into",
        "onto",
        "over",
        "under",
        "per",
        "early",
        "residual",
        "suggest",
        "exclude",
        "represent",
        "likely",
        "possible",
        "probable",
        "since",
        "dated",
        # (a measure said on the next line: "nodule measuring\n4 mm")
        "measuring",
        "measures",
        "measure",
        "measured",
        "approximately",
        "approx",
        "about",
        "up",
        "size",
        "diameter",
    ]
)
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)[ \t]*$")
# (or a template's blank or box: "Pneumothorax: ___", "Effusion: [ ]", "Ascites: ***")
_OPEN_LINE_END_RE = re.compile(r"[A-Za-z0-9)\]_*][ \t]*$")
_CAPITAL_NEXT_RE = re.compile(r"\s+[A-Z]")
# abbreviations that in capitals are an acronym of a disease ("CF": cystic fibrosis)
_ACRONYMS_TOO = frozenset({"cf"})
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:\(?\d{1,2}[.)]|[-*\u2022])[ \t]+")
_LIST_MARKER_FIRST = "(0123456789-*\u2022"
_WORD_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NUMBER_WORDS = frozenset({"no", "nos"})
_DIGIT_NEXT_RE = re.compile(r"[ \t]*\d")
_ENUMERATION_RE = re.compile(r"\s*\(?\d{1,2}")
_ALNUM_RE = re.compile(r"[^\W_]")
# the word before a period is looked for in this many characters (longer than any abbreviation), so that the
# search does not scan the whole sentence
_WORD_WINDOW = 16


def _canonical(header: str) -> str:
    return _VARIANT_TO_NAME[" ".join(header.upper().split())]


def split_sentences(text: str, offset: int = 0) -> list[tuple[str, tuple[int, int]]]:
    """Split a section body into sentences with spans (relative to the report when ``offset`` is given).

    Robust to decimals ("1.2 cm": no space after the period), abbreviations ("Dr.", "approx.", "vs."),
    numbered lists ("1. ... 2. ...") and de-identification tokens ("XXXX").
    """
    out: list[tuple[str, tuple[int, int]]] = []
    start = 0
    one_case = "\n" in text and (text.islower() or text.isupper())
    for m in (_ONE_CASE_BOUNDARY_RE if one_case else _BOUNDARY_RE).finditer(text):
        at, end = m.span()
        piece = text[at:end]
        if piece == "?" and (at == 0 or text[at - 1] in " \t\n(["):
            continue  # a query before a finding ("? pneumonia", "(? granuloma)") does not end the sentence
        if m.lastgroup == "bare":
            # (a line break after a statement with no stop of its own, after a word, a number or a bracket: not one
            # that leaves it open)
            if not _OPEN_LINE_END_RE.search(text, max(start, at - _WORD_WINDOW), at):
                continue
            if _SIZE_NEXT_RE.match(text, end) and not _ASKS_RE.match(text[text.rfind("\n", 0, at) + 1 : at]):
                continue  # (a size opens a statement only after a line that asks)
            wm = _LAST_WORD_RE.search(text, max(start, at - _WORD_WINDOW), at)
            last = wm.group(1).lower() if wm else ""
            if (
                last in _OPEN_ENDINGS
                # (a checklist's answer closes its line: "Pneumothorax: No\nEffusion: Small left")
                and not (last in _ANSWER_ENDINGS and ":" in text[text.rfind("\n", 0, at) + 1 : at])
            ):
                continue
        elif piece[0] in ".!?":
            if piece == ".":
                said = _word_before(text, max(start, at - _WORD_WINDOW), at)
                word = said.lower().rstrip(".")
                # ("No." is a number only before one: "No. 5"; a checklist's answer ends its sentence: "Cardiomegaly:
                # No.\nPneumothorax: Small."; a shortened word of dictation is no end only glued to the next word or
                # before a small letter: "Neg.for fracture", "No bilat. pleural effusions", not "Torsion: neg. Normal
                # flow")
                if word in ABBREVIATIONS and not (
                    (word in _NUMBER_WORDS and not _DIGIT_NEXT_RE.match(text, end))
                    or (word in _SHORTENED and _CAPITAL_NEXT_RE.match(text, end))
                    # (an acronym in capitals ends its sentence before a capital: "ring shadows, CF. Questionable new
                    # consolidation", review rv66c; not "cf. Fig. 2")
                    or (word in _ACRONYMS_TOO and said.isupper() and _CAPITAL_NEXT_RE.match(text, end))
                ):
                    continue
            # an enumeration marker "1." / "2." that opens a list item is not a sentence of its own (one ends with a
            # figure)
            if at > start and text[at - 1].isdecimal() and _ENUMERATION_RE.fullmatch(text, start, at):
                continue
        _emit(text, start, end, offset, out)
        start = end
    _emit(text, start, len(text), offset, out)
    return out


def _word_before(text: str, lo: int, at: int) -> str:
    """The word (letters and its dots, from a letter on) that ends at ``at``, or right before a line break there,
    looked for no further back than ``lo``; "" where none ("approx" in "approx.", "e.g" in "e.g.", "vs" in "vs\n.").
    A scan back, faster than a pattern searched forward, with the same answer as ``([A-Za-z][A-Za-z.]*)$``."""
    if at > lo and text[at - 1] == "\n":
        at -= 1
    i = at
    while i > lo and (text[i - 1] in _WORD_LETTERS or text[i - 1] == "."):
        i -= 1
    while i < at and text[i] == ".":
        i += 1
    return text[i:at]


def _emit(text: str, start: int, end: int, offset: int, out: list[tuple[str, tuple[int, int]]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    # (only a chunk that opens with a marker's first character is tried for one)
    if stripped and stripped[0] in _LIST_MARKER_FIRST and (lm := _LIST_MARKER_RE.match(chunk)):
        start += lm.end()
        chunk = text[start:end]
        stripped = chunk.strip()
    if not stripped or not (stripped[0].isalnum() or _ALNUM_RE.search(stripped)):
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append((stripped, (offset + s, offset + s + len(stripped))))


# the sections that open a report before what it finds; a report with no FINDINGS header dictates its findings
# after the last of them ("COMPARISON: None.\nLungs: Right lower lobe consolidation.")
_LEAD_SECTIONS = frozenset({"examination", "history", "technique", "comparison"})
# ... where the findings start at a blank line or at a line that opens with a heading of its own ("Lungs:",
# "PLEURA:"); in a comparison, a technique or an exam line also at the first sentence that does not speak of the
# prior study ("Comparison: None. Small left pleural effusion."; not "Comparison: CT 1/1/2020. This showed a right
# effusion."); in a history at its first line after the one that states it that does not go on with the history
# ("Clinical details: cough\nSmall left pleural effusion."; not "INDICATION: 65M\nKnown sarcoidosis with hilar
# adenopathy", "History: cough and\nfever", "Indication: fever\nPneumonia?"), or at a statement said on its line
# after the question it asks ("Clinical details: ?PE. Large saddle pulmonary embolus.")
_LEAD_SENTENCE_SPLIT = frozenset({"examination", "technique", "comparison"})
# the words a history's line goes on with: who the patient is, what is known, asked or felt (a line of a history
# opens with one of them, with a small letter, a number that is no size, or asks)
_HISTORY_WORDS_RE = re.compile(
    r"(?:known|history|hx|h/o|pmh|past|previous|prior|previously|query|r/o|rule|ruled|eval|evaluate|evaluation|"
    r"assess|assessment|exclude|excluding|suspected|suspicion|clinical|clinically|s/p|status|post|follow|f/u|fu|"
    r"on|for|with|without|and|or|but|in|at|after|since|male|female|man|woman|boy|girl|patient|pt|mr|mrs|ms|miss|"
    r"age|aged|adult|child|infant|elderly|symptoms?|complains?|complaining|presents?|presenting|presented|"
    r"admitted|referred|sob|shortness|breathless|breathlessness|dyspnoea|dyspnea|cough|coughing|fever|fevers|"
    r"febrile|pain|painful|tender|tenderness|trauma|fall|fell|injury|injured|mva|rta|mvc|haemoptysis|hemoptysis|"
    r"weight|smoker|smoking|ex-smoker|nonsmoker|wheeze|wheezing|chest|hypoxia|hypoxic|tachycardia|tachycardic|"
    r"sepsis|septic|unwell|confusion|confused|headache|vomiting|nausea|diarrhoea|diarrhea|staging|restaging|"
    r"surveillance|screening|pre-op|preop|preoperative|postoperative|post-op|postop|ed|a&e|icu|itu|ward|gp|"
    r"request|requested|please|thanks|thank|dr|ref|ca|cancer|malignancy|metastatic|mets|copd|asthma|chf|ccf|hf|"
    r"ckd|dm|ihd|htn|af|tb|hiv|syncope|seizure|seizures|weakness|numbness|dizziness)\b",
    re.IGNORECASE,
)
# ... and the words that open a line of history or of findings alike ("Acute shortness of breath", "Acute left
# subdural hematoma."): the history's when the line names a complaint
_EITHER_WORDS_RE = re.compile(
    r"(?:acute|new|newly|chronic|recent|recently|increasing|worsening|persistent|ongoing|recurrent|reduced|"
    r"decreased|raised|elevated|high|low|abnormal|sudden)\b",
    re.IGNORECASE,
)
_COMPLAINT_RE = re.compile(
    r"\b(?:sob|shortness|breath|breathless\w*|dyspn\w*|cough\w*|fevers?|febrile|pain\w*|tender\w*|trauma|fall|"
    r"fell|injur\w*|ha?emoptysis|weight|wheez\w*|hypox\w*|tachycard\w*|sepsis|septic|unwell|confus\w*|headaches?|"
    r"vomit\w*|nausea|diarrh\w*|onset|surgery|operation|procedure|admission|admitted|episodes?|exacerbation|"
    r"symptoms?|illness|diagnos\w*|markers?|inr|crp|wcc|wbc|bloods|syncope|seizures?|weakness|"
    r"numbness|dizz\w*|desaturation|oxygen|requirement|gcs|presentation|complaint)\b",
    re.IGNORECASE,
)
_LIST_MARK_RE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*\u2022])[ \t]+")


def _goes_on_with_the_history(line: str, before: str = "") -> bool:
    """Whether a line (or sentence) after a history's first goes on with the history rather than starting the
    findings. It starts the findings when it states what is seen: it opens with a size or a count, or with a
    statement's word ("No", "There is", "The", "A", "Small", "Left", "Displaced") and speaks of no patient or
    what is known of them in its first words; it goes on with the history when it asks, opens with an age or a date
    or a history's word, opens with a word said of complaints and findings alike ("Acute", "New") and names a
    complaint, is a short note of a diagnosis ("Pulmonary embolism.", "Colon cancer.", "PE"), or goes on with the
    words of the line ``before`` it (a small letter after a line that ends on a joining word: "... with known\nright
    pleural effusion")."""
    body = line[m.end() :] if (m := _LIST_MARK_RE.match(line)) else line
    text = body.strip()
    if not text:
        return True
    if text.endswith("?") or text[0] == "?":
        return True
    if text[0].isdigit():
        # an age or a date ("72 year old female", "65M", "12/03/2024"), not a size or a count ("2 cm right apical
        # pneumothorax", "3 displaced left rib fractures", "5th rib fracture")
        return bool(_AGE_OR_DATE_RE.match(text))
    # (a breast's clock face opens what is seen there: "At 3 o'clock periareolar there is ...")
    if _CLOCK_FACE_RE.match(text):
        return False
    if _HISTORY_WORDS_RE.match(text):
        return True
    if text[0].islower() or text[0] in "(,&+/-":
        return not before.rstrip() or (before.rstrip()[-1] not in ".!" and bool(_JOINS_ON_RE.search(before)))
    if _STATEMENT_OPENERS_RE.match(text):
        # ("The patient has a known left pleural effusion.", "A known right effusion")
        return bool(_ABOUT_THE_PATIENT_RE.search(" ".join(text.split()[:4])))
    # (in its first sentence: "Coils in the proximal splenic artery. Known splenic laceration through the hilum,
    # unchanged. ..." is the findings, review rv48c)
    sentences = split_sentences(text)
    if _ABOUT_THE_PATIENT_RE.search(sentences[0][0] if sentences else text):
        return True  # "Rib fractures on outside film."
    if _EITHER_WORDS_RE.match(text):
        # ("Acute shortness of breath", "New onset chest pain"; not "Acute left subdural hematoma.")
        return bool(_COMPLAINT_RE.search(text))
    # a note of a diagnosis or two ("Pulmonary embolism.", "Congestive heart failure.", "Colon cancer."), but not the
    # answer to the question the line before asks ("Reason: Fracture?\nDistal radius fracture.")
    if before.rstrip().endswith("?"):
        return False
    # ... nor a short line that says how something is ("Sternotomy wires intact.", "LV mildly dilated.")
    if _STATES_HOW_RE.search(text) or _SAID_NORMAL_FIRST_RE.match(text):
        return False
    # ... nor one that names the hardware seen on the images ("Hx: POD 1 CABG\nSternotomy wires, mediastinal clips.",
    # review rv42b), not a procedure's ("Chest tube placement.")
    if _HARDWARE_SEEN_RE.search(text) and not _PROCEDURE_RE.search(text):
        return False
    return len(sentences) < 2 and len(text.split()) <= 4


# the hardware a film shows, said in the plural a note of a procedure does not use
_HARDWARE_SEEN_RE = re.compile(
    r"\b(?:wires|clips|staples|sutures|leads|coils|markers|screws)\b", re.IGNORECASE
)
_PROCEDURE_RE = re.compile(
    r"\b(?:placement|placed|insertion|inserted|removal|removed|repair|exchange|evaluation|eval|check|assess\w*)\b",
    re.IGNORECASE,
)


# ... or says first that a part is normal ("Hx: RLQ pain.\nAppendix normal, no appendicitis.", review rv45c)
_SAID_NORMAL_FIRST_RE = re.compile(
    r"[A-Za-z]+(?:\s+[A-Za-z]+)?\s+(?:is\s+|are\s+)?(?:normal|unremarkable)\s*,", re.IGNORECASE
)
# the word a short statement of what is seen ends on
_STATES_HOW_RE = re.compile(
    r"\b(?:intact|noted|seen|present|unchanged|stable|normal|unremarkable|enlarged|dilated|patent|occluded|"
    r"identified|demonstrated|redemonstrated|visuali[sz]ed|appreciated|evident|satisfactory|removed|in\s+situ|"
    r"in\s+place|in\s+position|thickened|calcified)\s*\.?\s*$",
    re.IGNORECASE,
)


_CLOCK_FACE_RE = re.compile(r"at\s+(?:the\s+)?\d{1,2}(?::\d{2}|\s*o'?\s?clock)", re.IGNORECASE)
_A_SIDE_FIRST_RE = re.compile(r"(?:left|right|bilateral)\b", re.IGNORECASE)
# the words a statement of what is seen opens with
_STATEMENT_OPENERS_RE = re.compile(
    r"(?:no|there|the|small|large|moderate|mild|mildly|severe|trace|tiny|minimal|massive|extensive|left|right|"
    r"bilateral|both|bibasal|bibasilar|lungs?|heart|cardiac|normal|stable|unchanged|interval|persistent|"
    r"multiple|several|scattered|few|a|an|single|solitary|focal|diffuse|patchy|subtle|displaced|undisplaced|"
    r"nondisplaced|non-displaced|impacted|comminuted|enlarged|dilated|distended|thickened|calcified|"
    r"hyperdense|hypodense|hyperechoic|hypoechoic|homogeneous|heterogeneous|ill-defined|well-defined|"
    r"resolved|resolving|improved|improving|increased|decreased|worsened|further|again|redemonstrated|"
    r"status|widened|widening|narrowed|narrowing|blunted|blunting|free|collapsed|consolidated|opacified|"
    r"minimally|moderately|markedly|slightly|grossly)\b",
    re.IGNORECASE,
)
# ... and in a text typed in one case, all capitals or all small letters, a line break before a word that opens a
# statement after a line that ended its statement without a stop ("no hydronephrosis\nsmall amount of free fluid in
# the pelvis", "... VS PNA\nNO PTX", review rv44c; not "NO PNEUMOTHORAX OR PLEURAL\nEFFUSION")
_ONE_CASE_BOUNDARY_RE = re.compile(
    _BOUNDARY + r"|\n(?=[ \t]*(?i:" + _STATEMENT_OPENERS_RE.pattern + r"))(?P<bare>)"
)
# a line about the patient, what is known of them or an outside study is the history's ("The patient has a known
# left pleural effusion.", "Rib fractures on outside film.")
_ABOUT_THE_PATIENT_RE = re.compile(
    r"\b(?:patient|pt|known|history|hx|h/o|outside|referred|presents|presenting|complains?|query|r/o|suspected|"
    r"immunocompromised|immunosuppressed|"
    # (the patient's transplant, not the graft the film shows: "New moderate hydronephrosis of the transplant kidney",
    # "The transplant is enlarged", review rv88c)
    r"(?<!the\s)transplant(?!\s+(?:kidney|kidneys|renal|ureter|liver|hepatic|pancreas|pancreatic|lungs?|artery|"
    r"vein|graft|allograft|bladder|bed|site)\b))\b",
    re.IGNORECASE,
)


_AGE_OR_DATE_RE = re.compile(
    r"\d+\s*(?:-\s*)?(?:y|yo|y/o|yr|yrs|year|years|m|f|male|female|mo|mos|month|months|wk|wks|week|weeks|d|day|days|"
    r"/|-\s*(?:year|yr|month|week|day))(?:\b|/)",
    re.IGNORECASE,
)
# the words a wrapped line of history ends on before it goes on ("Metastatic breast cancer with known\n...")
_JOINS_ON_RE = re.compile(
    r"(?:\b(?:with|and|or|of|for|to|the|a|an|in|on|at|known|history|from|after|by|including|as|but|possible|"
    r"probable|suspected|query)|[,/&+-])\s*$",
    re.IGNORECASE,
)


# a line that asks (the history's question)
_ASKS_RE = re.compile(r"^\s*(?:\?|query\b|r/o\b|rule\s+out\b|\S.*\?\s*$)", re.IGNORECASE)
_HEADING_LINE_RE = re.compile(r"\n[ \t]*(?:\n|[A-Za-z][A-Za-z/&, -]{1,40}:)")
# a sentence that opens by naming the prior study ("Previous film shows ...", "The prior CT demonstrates ...")
_OPENS_WITH_THE_PRIOR_RE = re.compile(
    r"(?:the\s+)?(?:previous|prior|earlier)\s+(?:film|study|studies|exam|examination|ct|mri|cxr|radiograph|scan|"
    r"ultrasound|us|imaging)\b",
    re.IGNORECASE,
)
# (the past tense only: a present one is what this study shows, "Comparison: 2 months prior.\nThe treated T6
# metastasis shows decreased enhancement.", review rv58a; "This shows" still speaks of the prior by its "this")
_SPEAKS_OF_THE_PRIOR_RE = re.compile(
    r"\b(?:this|that|these|those|which|it|then|showed|demonstrated|"
    r"revealed|was|were|had|at\s+that\s+time|dated)\b",
    re.IGNORECASE,
)


_PRIOR_PRONOUNS_RE = re.compile(r"(?:this|that|these|those|which|it)\b", re.IGNORECASE)
_NOW_SAID_RE = re.compile(
    r"\b(?:has|have|is|are|remains?|persists?|now)\b(?!\s+(?:been\s+)?(?:resected|removed|excised))",
    re.IGNORECASE,
)
_NAMED_BY_THE_PRIOR_RE = re.compile(
    r"\b(?:previously|earlier|formerly)\s+(?:demonstrated|described|seen|noted|shown|reported|identified|visuali[sz]ed)\b",
    re.IGNORECASE,
)


# an exam's title: a first line of capitals that names a modality among its first six words and says nothing more
# (no stop inside, no colon, at most 17 words: "US THYROID", "THYROID ULTRASOUND", "MRI LEFT SHOULDER WITHOUT
# CONTRAST")
_MODALITY = (
    r"(?:XR|CXR|AXR|CR|DX|CT|CTA|CTV|MR|MRI|MRA|MRV|US|ULTRASOUND|SONOGRAM|SONOGRAPHY|NM|PET|PET/CT|MAMMOGRAM|MAMMOGRAPHY"
    # (the studies' short names: "CTPA", "CCTA", "CMR", review rv38a)
    r"|CTPA|CCTA|CTCA|CMR|HRCT|LDCT|MRCP|CTU|NCCT|CECT"
    r"|X-RAY|XRAY|RADIOGRAPH|RADIOGRAPHS|FLUOROSCOPY|DEXA|DXA|PORTABLE|DUPLEX|DOPPLER"
    # (breast imaging's and other countries' short names: "SCREENING MAMMO 3D", "USG BOTH BREASTS", review rv55b)
    r"|MAMMO|MAMMOGRAMS|MAMMOGRAPHIC|TOMOSYNTHESIS|DBT|USG|USS"
    # (nuclear medicine's: "Tc-99m pertechnetate thyroid scintigraphy.", "V/Q SCAN", "Tc-99m DISIDA", review rv57c)
    r"|SCINTIGRAPHY|SCINTIGRAM|SPECT|SPECT/CT|HIDA|DISIDA|MIBI|DMSA|MAG3|V/Q|VQ|MUGA)"
)
_EXAM_TITLE_RE = re.compile(
    r"[ \t]*(?P<title>(?:[A-Z0-9/&(),+-]+[ \t]+){0,5}" + _MODALITY + r"(?:[ \t]+[A-Z0-9/&(),+-]+){0,11})"
    r"\.?[ \t]*(?:\n|$)"
)


# ... or a first line in any letters that opens with its modality and names its protocol or the question it asks,
# with no colon ("CT chest, pulmonary embolism protocol.", "MRI brain - stroke protocol", "CTA chest - r/o
# dissection.")
_PROTOCOL_TITLE_RE = re.compile(
    r"[ \t]*(?P<title>(?:[^\s:]+[ \t]+){0,2}"
    + _MODALITY
    + r"\b[^:\n]{0,60}?(?:\bprotocol\b|\br/o\b|\brule\s+out\b|\?)[^:.\n]{0,30}?)\.?[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


# ... or a first line in any letters of the modality and only a title's words: its parts, its contrast, its phases
# ("CT abdomen with contrast", "CT abdomen, arterial and portal venous phase", "US pelvis TA/TV w/ Doppler"; review
# rv48c: the first was read as a finding's sentence, and the findings after the history's line as its history)
_TITLE_WORD = (
    r"(?:abdomen|abdo|abdominal|pelvis|pelvic|a/p|ap|chest|thorax|thoracic|head|brain|neck|face|facial|sinuses|"
    r"orbits?|spine|c-spine|t-spine|l-spine|cervical|lumbar|sacrum|kub|urogram|liver|hepatic|renal|kidneys?|"
    r"bladder|pancreas|biliary|aorta|aortic|carotids?|venous|arterial|portal|phases?|delayed|triphasic|biphasic|"
    r"multiphase|angiogram|angiography|enterography|colonography|with|without|and|w/|w/o|wo|iv|oral|rectal|"
    r"contrast|non-contrast|noncontrast|non-enhanced|unenhanced|enhanced|plain|limited|complete|follow-up|"
    r"followup|repeat|urgent|stat|portable|tv|ta|ta/tv|transvaginal|transabdominal|doppler|duplex|"
    # (a series' name: "CT head - shunt series", review rv51b)
    r"series|shunt|survey|"
    # (a limb's, with its side: "CT L hip w/o contrast (metal artefact reduction)", review rv48c)
    r"left|right|l|r|lt|rt|bilateral|both|hips?|knees?|shoulders?|elbows?|wrists?|ankles?|feet|foot|hands?|"
    r"femur|tibia|fibula|humerus|forearm|leg|arm|"
    r"of|the|&|\+|/|,|-)"
)
# the modality and one to ten of a title's words after it
_TITLE_OF_WORDS = _MODALITY + r"(?:[ \t]*(?:,|-|/|\+|&)?[ \t]+" + _TITLE_WORD + r"){1,10}"
_PLAIN_TITLE_RE = re.compile(
    r"[ \t]*(?P<title>"
    + _TITLE_OF_WORDS
    # (... and what it says of its technique in brackets)
    + r"(?:[ \t]+\([^()\n]{1,60}\))?)\.?[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


# ... or a first line that opens with its modality and a few words and goes on after a dash with a note of the
# patient's (see _HISTORY_CUE_RE)
_TITLE_WITH_HISTORY_RE = re.compile(
    r"[ \t]*(?P<title>(?:[A-Za-z/&+]+[ \t]+){0,2}"
    + _MODALITY
    + r"(?:[ \t]+[A-Za-z/&+,]+){0,5}?[ \t]+[-\u2013\u2014][ \t]+(?P<note>[^:\n]+?))"
    r"[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
# ... or after a comma, when it speaks of the patient ("Portable CXR, ventilated patient with ARDS.", review rv55d)
# (one clause that ends its line, with a line after it, naming no device and no change: not "Portable CXR, intubated
# patient, ETT 4 cm above the carina", "CXR, patient with new left effusion.")
_TITLE_WITH_THE_PATIENT_RE = re.compile(
    r"[ \t]*(?P<title>(?:[A-Za-z/&+]+[ \t]+){0,2}"
    + _MODALITY
    + r"(?:[ \t]+[A-Za-z/&+]+){0,5}?),[ \t]+(?P<note>(?:(?:ventilated|intubated)[ \t]+)?(?:patient|pt)[ \t]+with"
    r"[ \t]+[^,:;\n]+?)\.?[ \t]*\n(?=[^\n]*\w)",
    re.IGNORECASE,
)
# ... or in brackets, when it gives the patient's age, complaint or history, or the study's contrast ("XR RIGHT FEMUR (15M,
# knee pain 6 weeks)", "XR LEFT ANKLE (12 years)", "MRI RIGHT WRIST (with gadolinium)", review rv60c: the title's side
# is the findings')
_TITLE_WITH_A_BRACKETED_NOTE_RE = re.compile(
    r"[ \t]*(?P<title>(?:[A-Za-z/&+]+[ \t]+){0,2}"
    + _MODALITY
    + r"(?:[ \t]+[A-Za-z0-9/&+,-]+){0,6}?[ \t]*\((?P<note>[^()\n]{1,80})\))[ \t]*:?[ \t]*\n(?=[^\n]*\w)",
    re.IGNORECASE,
)
_BRACKETED_NOTE_RE = re.compile(
    r"\b\d{1,3}[ \t]*(?:(?-i:[MF])\b|y/?o\b|yo\b|years?\b|yrs?\b|months?\b|mos?\b)"
    r"|^[ \t]*(?:(?:with|without|w/o?|and|iv|oral|contrast|gadolinium|gad|non-contrast|noncontrast|\d+|views?)[ \t,]*)+$",
    re.IGNORECASE,
)
# ... and only those words: a note that names what is seen or done ("(with effusion, 45M)", "(3 months post left
# lobectomy)", "(left lower lobe mass, 65M)") stays the findings' (review of the change)
_BRACKETED_NOTE_WORDS = frozenset(
    {"m", "f", "male", "female", "man", "woman", "boy", "girl", "yo", "y", "o", "year", "years", "yr", "yrs", "month",
     "months", "mo", "mos", "week", "weeks", "wk", "wks", "day", "days", "old", "with", "without", "w", "and", "iv",
     "oral", "contrast", "gadolinium", "gad", "non", "noncontrast", "view", "views", "knee", "hip", "ankle", "leg",
     "legs", "arm", "back", "neck", "thigh", "shoulder", "wrist", "foot", "hand", "head", "abdominal", "chest", "left",
     "right", "on", "not", "no", "bearing", "walking", "witnessed", "acute", "chronic", "recent", "since", "for",
     "x", "a", "the", "of", "in", "after", "ago", "child", "infant", "adult", "patient", "pt", "refusing", "limp",
     "swelling", "lump"}
)  # fmt: skip
_NOTE_NAMES_A_DEVICE_RE = re.compile(
    r"\b(?:tubes?|lines?|catheters?|drains?|ett|ngt?|picc|cvc|pacemaker)\b",
    re.IGNORECASE,
)
# ... or a first line that names its modality among its first four words and the treatment or staging the study is
# for, in any order and with no colon ("CT chest 9 months post chemoradiation (60 Gy) for stage IIIB NSCLC.", "PET-CT
# end-of-treatment, Hodgkin lymphoma, 19M.", "Lymphoma staging PET-CT (mantle cell).", "PET-CT, DLBCL, 3 months after
# CAR-T.", review rv56a): the disease it names is the one the study is for
_FIRST_LINE_RE = re.compile(r"[ \t]*(?P<title>[^\n:]{4,200}?)[ \t]*(?:\n|$)")
# (the short names in capitals only: "CR", "MR", "US" in small letters are other words)
_MODALITY_FIRST_WORDS_RE = re.compile(
    r"^(?:\S+\s+){0,3}(?:"
    + _MODALITY
    + r"|(?i:ultrasound|sonogra\w*|mammogra\w*|radiograph\w*|x-?ray|scintigra\w*|fluoroscop\w*|pet(?=-ct)|duplex|doppler"
    r"|angiogra\w*|venogra\w*|mri|mra|cta|ct))"
    r"(?![A-Za-z])"
)
# ... and a line that names a change says what is seen ("Surveillance CT, enlarging right lower lobe nodule.", "US
# abdomen for known cirrhosis, new moderate ascites.": review of the change)
_A_CHANGE_SAID_RE = re.compile(
    r"\b(?:new|newly|enlarg\w*|larger|smaller|residual|persistent|increas\w*|decreas\w*|interval|since|compared|"
    r"worse\w*|progress\w*|improv\w*|resolv\w*|developing|growing|recurrent)\b",
    re.IGNORECASE,
)
# a report's first sentence on its first line ("CTPA for PE." before "No PE." on the same line)
_FIRST_SENTENCE_RE = re.compile(r"[ \t]*(?P<title>[^\n.:;]{4,120}?)\.(?=[ \t]+\S)")
# ... not one that answers it ("CTPA neg for PE.", "CT positive for appendicitis.")
_ANSWERED_RE = re.compile(
    # (the words of _SAYS_WHAT_IS_SEEN_RE too: shows, showing, demonstrates, reveals, is, are, was, were)
    r"\b(?:neg|negative|no|not|without|w/o|positive|pos|shows?|showed|shown|showing|demonstrat\w*|reveals?|revealed|"
    r"confirms?|confirmed|consistent|c/w|likely|suspicious|concerning|compatible|in\s+keeping|is|are|was|were)\b",
    re.IGNORECASE,
)


def _a_study_for(title: str) -> bool:
    """Whether a first sentence is a study's title and what it is for, said whole: a title's words only before "for"
    and a few words of the question after it ("CT angiogram of the chest for PE", "CTPA for PE/dissection"), or a
    protocol's title ("CTA chest PE protocol"); not a finding said after the question ("CT head for fall, small right
    SDH", "CT chest for PE with saddle embolus", "Follow-up CT for RUL nodule which grew": the review of the
    change)."""
    if _PROTOCOL_TITLE_RE.fullmatch(title) is not None:
        return "," not in title and not any(c.isdigit() for c in title)
    done_for = _FOR_RE.search(title)
    if done_for is None:
        return False
    after = title[done_for.end() :].split()
    before = title[: done_for.start()].rstrip()
    return (
        (_PLAIN_TITLE_RE.fullmatch(before) is not None or _MODALITY_ALONE_RE.fullmatch(before) is not None)
        and 0 < len(after) <= 5
        and not any(any(c.isdigit() for c in w) or w.lower().strip(",") in _SAYS_MORE for w in after)
        and "," not in title[done_for.end() :]
        and " - " not in title[done_for.end() :]
    )


_FOR_RE = re.compile(r"\s+for\s+", re.IGNORECASE)
_MODALITY_ALONE_RE = re.compile(r"[ \t]*" + _MODALITY, re.IGNORECASE)
_SAYS_MORE = frozenset(
    {"with", "which", "that", "and", "showing", "shows", "revealing", "reveals", "w/", "now"}
)
_AFTER_A_PROCEDURE_RE = re.compile(r"\b(?:post|s/p|status\s+post|after|following)\b", re.IGNORECASE)
_STUDY_PURPOSE_RE = re.compile(
    r"\b(?:staging|restaging|re-staging|end[- ]of[- ]treatment|interim|surveillance|"
    r"post[- ]?(?:chemo\w*|radiation|radiotherapy|chemoradiation|chemoradiotherapy|treatment|therapy|sbrt|car-?t|"
    # (... or the drug that may harm the lung: "CT chest, post bleomycin (Hodgkin lymphoma).", "CT chest. Rheumatoid
    # arthritis on MTX.", review rv61d)
    r"bleomycin|amiodarone|methotrexate|mtx|nitrofurantoin|gemcitabine)|"
    r"after\s+(?:completing\s+|completion\s+of\s+)?(?:\w+\s+){0,2}(?:chemo\w*|radiation|radiotherapy|chemoradiation|"
    r"chemoradiotherapy|treatment|therapy|sbrt|car-?t|immunotherapy)|"
    r"on\s+(?:pembrolizumab|nivolumab|immunotherapy|chemo\w*|treatment|therapy|bleomycin|amiodarone|methotrexate|"
    r"mtx|nitrofurantoin|gemcitabine)|for\s+(?:stage|known)|"
    # (... or the disease it follows: "CT chest follow-up of pneumonia.")
    r"follow[- ]?up\s+(?:of|for))\b",
    re.IGNORECASE,
)
# ... or a nuclear medicine study's first line, named by its tracer ("Tc-99m pertechnetate thyroid scintigraphy.",
# "Tc-99m HDP bone scan", "I-123 thyroid scan", review rv57c)
_TRACER_TITLE_RE = re.compile(
    r"[ \t]*(?P<title>(?:tc-?99m|i-?12[3-5]|i-?131|ga-?6[78]|in-?111|18f|f-?18|fdg|tl-?201|rb-?82)\b[^\n:.]{0,80}?"
    r"\b(?:scintigraphy|scintigram|scan|spect(?:/ct)?|pet(?:/ct|-ct)?|imaging|study))\.?[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
_NOTE_SAYS_WHAT_IS_SEEN_RE = re.compile(
    r"\b(?:no|now|resolved|resolving|shows?|showed|demonstrates?|reveals?|is|are|was|were|seen|noted|unchanged|"
    r"stable|improved|worse|worsened|increased|decreased)\b|\.\s",
    re.IGNORECASE,
)
_HISTORY_CUE_RE = re.compile(
    r"\b(?:s/p|status\s+post|post-?op\w*|chemo\w*|radiotherapy|chemoradiation|ctrt|staging|restaging|surveillance|"
    r"follow-?up|f/u|known|history|hx|h/o|r/o|rule\s+out|treated|treatment|on\s+(?:treatment|therapy)|raised|"
    r"elevated|rising|deranged)\b|\?",
    re.IGNORECASE,
)
# a first line of capitals, a title's words only
_CAPITAL_LINE_RE = re.compile(r"[ \t]*(?P<title>[A-Z][A-Z0-9/&(),+ \t-]{1,60}?)[ \t]*\n")
# ... or a short first line in any letters, with no stop, before the patient's age ("PA/lateral chest\n34 F, asthma,
# pre-op for laparoscopy.", review rv59a)
_SHORT_LINE_RE = re.compile(r"[ \t]*(?P<title>[A-Za-z][A-Za-z0-9/&(),+ \t-]{1,40}?)[ \t]*\n")
# (... made of a title's words only, a body part and its views: "PA/lateral chest", "Chest 2 views"; not "Small left
# effusion", "CT head with acute subdural", "Portable chest, ETT and NG tube in place")
_VIEW_WORDS_RE = re.compile(
    r"(?:(?:chest|thorax|abdomen|pelvis|head|brain|spine|neck|knee|hip|shoulder|ankle|wrist|hand|foot|views?|pa|lat|"
    r"lateral|ap|portable|frontal|films?|xr|x-?ray|cxr|and|two|three|one|[1-4]|upright|supine|erect|left|right|"
    r"bilateral)(?:[ \t,/&+-]+|$))+",
    re.IGNORECASE,
)
# a line that opens with the patient's age ("72 year old female ...", "6-year-old with ...", "65M, cough")
_AGE_LINE_RE = re.compile(
    r"[ \t]*(?P<line>\d{1,3}[ \t]*-?[ \t]*(?:(?:y/?o|yo|y\.o\.)(?![a-z])"
    # (a span of time is an age only said "old" or of a patient: "3-month-old", "72 years, female"; not "6 months
    # follow-up", "2 yrs stable nodule")
    r"|(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)[ \t-]*old(?![a-z])"
    r"|(?:years?|yrs?)[ \t,]+(?:male|female|man|woman|boy|girl|gentleman|lady|m|f)(?![/\w])"
    # (a sex's capital letter after the age, then a stop or "with": "65M, fall", "72F. SOB"; not a catheter's French
    # size, "14F pigtail drain")
    r"|(?-i:[MF])(?:[ \t]*[,.;:]|[ \t]+with\b|[ \t]*$))[^\n]*)(?:\n|$)",
    re.IGNORECASE,
)


# a line of capitals that says what is seen, with its verb, is no title ("CXR SHOWS LARGE RIGHT PNEUMOTHORAX"; a title
# may name what is asked: "CTA CHEST PULMONARY EMBOLUS", "CT HEAD HEMORRHAGE PROTOCOL")
_SAYS_WHAT_IS_SEEN_RE = re.compile(
    r"\b(?:SHOWS?|SHOWED|SHOWING|DEMONSTRATES?|DEMONSTRATED|DEMONSTRATING|REVEALS?|REVEALED|IS|ARE|WAS|WERE)\b"
)


def _findings_after_the_lead(
    text: str, raw: list[tuple[str, str | None, int, int]], first: int = 0
) -> list[tuple[str, str | None, int, int]]:
    """Split what follows the last opening section from ``first`` on (up to the impression, or the end) into that
    section and the findings the report dictates without a header of their own."""
    i = next((k for k in range(first, len(raw)) if raw[k][0] not in _LEAD_SECTIONS), len(raw)) - 1
    if i < first:
        return raw
    # (a history before another opening section has its findings after it too when they open with the study's own
    # title: "Clinical: 58F, lump.\n\nBilateral mammography: R breast - 25 mm mass ...\n\nProcedure: US-guided core
    # biopsy ...", review rv97a; not a second paragraph of the request, which a later header leaves the history's:
    # "History: 30F.\n\nPneumothorax right side 2020, pleurodesis.\n\nComparison: ...", "CXR: ?right hilar mass.",
    # "CT 3/12 ago: 8 mm RUL nodule.", the review of the change)
    for j in range(i - 1, first - 1, -1):
        if raw[j][0] == "history":
            split = _split_the_lead(text, raw, j)
            if len(split) > len(raw) and _a_studys_own_findings(text, split[j + 1][2], split[j + 1][3]):
                i += 1
                raw = split
    return _split_the_lead(text, raw, i)


def _a_studys_own_findings(text: str, start: int, end: int) -> bool:
    """Whether the text from ``start`` opens with a title of this study's own and what it shows ("Bilateral
    mammography: R breast - 25 mm mass", "US R breast/axilla: ..."), not a question or another study's result."""
    line = text[start:end].lstrip().split("\n", 1)[0]
    return _STUDYS_TITLE_RE.match(line) is not None and _NOT_THIS_STUDY_RE.search(line) is None


_STUDYS_TITLE_RE = re.compile(
    r"(?:(?:bilateral|left|right|[lr])\s+)?(?:mammograph(?:y|ic)|mammograms?|tomosynthesis|dbt|ultrasound|us|uss|mri|"
    r"ct|xr|radiograph)(?:\s*(?:bilateral|left|right|[lr]|breasts?|axillae?|chest|abdomen|pelvis|neck|thyroid|liver|"
    r"kidneys?|and|/|&))*\s*:\s*[^?\s]",
    re.IGNORECASE,
)
_NOT_THIS_STUDY_RE = re.compile(r"\?|\b(?:previous|prior|outside|ago|earlier|last|dated)\b", re.IGNORECASE)


def _split_the_lead(
    text: str, raw: list[tuple[str, str | None, int, int]], i: int
) -> list[tuple[str, str | None, int, int]]:
    """Split the opening section raw[i] into itself and the findings dictated after it with no header of their
    own (see _findings_after_the_lead)."""
    name, header, b0, b1 = raw[i]
    body = text[b0:b1]
    lead = len(body) - len(body.lstrip())
    if lead == len(body):
        return raw
    cuts: list[int] = []
    if m := _HEADING_LINE_RE.search(body, lead):
        cuts.append(m.start() + 1)
    if name in _LEAD_SENTENCE_SPLIT:
        sentences = split_sentences(body)
        own = next((sp[0] for _, sp in sentences[1:] if not _speaks_of_the_prior(body, sp)), None)
        if own is not None:
            cuts.append(own)
    elif name == "history" and (own := _after_the_history(body, lead)) is not None:
        cuts.append(own)
    cut = min(cuts, default=None)
    if cut is None or not _ALNUM_RE.search(body[cut:]):
        return raw
    return [*raw[:i], (name, header, b0, b0 + cut), ("findings", None, b0 + cut, b1), *raw[i + 1 :]]


def _speaks_of_the_prior(body: str, sp: tuple[int, int]) -> bool:
    """Whether a sentence after a comparison's (or a technique's, an exam line's) first speaks of the prior study
    ("Comparison: CT 1/1/2020. This showed a right effusion."); one on a line of its own does so in its first words,
    not in a clause of what it finds ("Comparison: CT enterography 6 months prior.\nApproximately 15 cm of terminal
    ileal wall thickening ..., which ... likely represents active enteritis": the findings; review rv39c)."""
    if _OPENS_WITH_THE_PRIOR_RE.match(body, sp[0]):
        return True  # ("Comparison: CXR yesterday. Previous film shows a right pneumothorax.": the second review)
    if body[: sp[0]].rstrip(" \t").endswith("\n"):
        # (a finding named by the study that showed it is named, not spoken of, when the sentence says what it is now:
        # "The previously demonstrated left lower lobe consolidation has resolved." says what this study shows,
        # review rv101a; not "Previously demonstrated right lower lobe segmental emboli.", the prior's summary, nor
        # "Previously demonstrated 4 cm left renal mass, since resected.", the review of the change)
        said = body[sp[0] : sp[1]]
        if _NOW_SAID_RE.search(said):
            said = _NAMED_BY_THE_PRIOR_RE.sub(" ", said)
        words = said.split()[:6]
        # (a pronoun speaks of the prior only as the line's first word: "New bilateral perihilar ground-glass
        # opacities, which could reflect pulmonary edema" is what this study shows, review rv65a)
        return _PRIOR_PRONOUNS_RE.match(words[0]) is not None or (
            _SPEAKS_OF_THE_PRIOR_RE.search(" ".join(w for w in words[1:] if not _PRIOR_PRONOUNS_RE.match(w)))
            is not None
        )
    return _SPEAKS_OF_THE_PRIOR_RE.search(body, sp[0], sp[1]) is not None


def _after_the_history(body: str, lead: int) -> int | None:
    """Where a history's body stops going on with the history (see _goes_on_with_the_history): the first line after
    its first that does not go on with it, or a statement said on its first line after the question it asks; None
    when it goes on to its end, or when a blank line parts its notes from what follows (the blank line is then the
    cut)."""
    first_end = body.find("\n", lead)
    first = body[lead : first_end if first_end >= 0 else len(body)]
    sentences = split_sentences(first)
    for k, ((said, _), (nxt, sp)) in enumerate(itertools.pairwise(sentences)):
        # (... not another study's result: "?DVT. No DVT on the ED bedside ultrasound. Thrombus in ...", the review
        # of the change)
        if (
            _ASKS_RE.match(said)
            and not _goes_on_with_the_history(nxt)
            and _OF_ANOTHER_STUDY_RE.search(nxt) is None
        ):
            return lead + sp[0]
        # (at a part's heading, or after a note of the prior study or a note that ends on its question, when what
        # follows states what is seen in the film's words, with none of the referrer's, and is no short note of a
        # diagnosis: "Hx: 79M fall, head strike, on aspirin. HEAD: No acute intracranial haemorrhage.", "Hx: ..., now
        # irritable. Cf. pre-op CT. Marked interval decrease in ventricular size ...", "Indication: MVC, neck pain, r/o
        # fracture. No acute fracture or malalignment.", reviews rv76c, rv77b; not "Cf. 2021. Known lung cancer.",
        # "?pneumonia. Recent pneumonia treated with antibiotics.", "Cf. 03/2024. Small subdural hematoma on that
        # scan.", "?mass. Lung cancer in father.", "?CCF. Severe aortic stenosis. Cardiomegaly.", the reviews of the
        # change; a short denial is the film's: "No acute fracture.")
        # (what agrees with a known diagnosis is the film's: "Comparison 8 months ago. Nodular, coarsened liver
        # consistent with known cirrhosis.", review rv79a)
        seen = _AGREES_WITH_THE_KNOWN_RE.sub(r"\g<1>", nxt)
        heading = _PART_HEADING_RE.match(seen)
        compared = _COMPARED_NOTE_RE.fullmatch(said.strip()) is not None
        # (an organ described in two or three words after a note of the prior study: "Comparison 6/2023. Cirrhotic
        # liver. 1.4 cm seg 6 observation ...", review rv79a; or an organ opening with its measurement, which only
        # the scan gives: "Hx: NAFLD, fibrosis staging. Liver 16.2 cm, diffusely hyperechoic ...", "Hx: recurrent
        # stones. Comparison 1 yr. R kidney 11.6 cm: 2 lower pole stones", "Hx: 10 days s/p miscarriage. Uterus
        # anteverted, 8.9 cm.", review rv84b, rv84c)
        # (... said with what it shows, not its size alone, which a note may give: "Hx: pelvic pain. Uterus 8 cm. No
        # free fluid. Right ovarian cyst removed.", the review of the change)
        # (... and neither it nor a scan's heading names what was done about it, as a referrer's note does: "Hx: left
        # PUJ stone. Left kidney 12 cm, moderate hydronephrosis, JJ stent inserted.", "Hx: ectopic. TV US: left adnexal
        # mass 2 cm, methotrexate given.", the review of the change)
        treated = _TREATED_RE.search(seen) is not None or (
            # (... or the note right after it: "R kidney 11.6 cm: 2 lower pole stones, 8 and 6 mm. ESWL booked.")
            k + 2 < len(sentences) and _TREATED_RE.search(sentences[k + 2][0]) is not None
        )
        organ_state = None
        described = (
            (compared and _AN_ORGAN_DESCRIBED_RE.fullmatch(seen) is not None)
            or (
                (measured := _AN_ORGAN_MEASURED_RE.match(seen)) is not None
                and not treated
                and (
                    _ITS_LIE_RE.search(seen) is not None or len(_A_WORD_RE.findall(seen, measured.end())) >= 2
                )
            )
            # (an organ opening with how the scan sees it, and saying more: "Indication: recurrent post-prandial
            # epigastric pain. Gallbladder well distended with several mobile, echogenic, shadowing calculi up to 9 mm.",
            # "... ?hepatic congestion. Liver normal in size (14.2 cm) with normal echotexture and no focal lesion.",
            # review rv89a)
            or (
                (organ_state := _AN_ORGAN_STATED_RE.match(seen)) is not None
                and not treated
                and len(_A_WORD_RE.findall(seen, organ_state.end())) >= 3
                # (not a note the referrer's question follows: "Hx: ITP. Spleen enlarged with low platelet count.
                # ?hypersplenism. Spleen 11 cm, normal size.", the review of the change)
                and not any("?" in x or _ASKS_RE.match(x.strip()) for x, _ in sentences[k + 2 :])
            )
        )
        if heading is not None and heading.group("scan") is not None and treated:
            heading = None
        if (
            (
                heading is not None
                or described
                or ((compared or _ASKED_LAST_RE.search(said)) and not _goes_on_with_the_history(seen))
            )
            # (the organ's own state is the scan's word: "Gallbladder well distended ..." is no distended abdomen)
            and _no_referrers_word(
                seen[organ_state.end() :] if organ_state is not None and described else seen
            )
            and (
                len(seen.split()) > 4
                or _DENIED_FIRST_RE.match(seen[heading.end() if heading else 0 :].strip())
                or described
            )
        ):
            return lead + sp[0]
        if _says_what_the_image_shows(nxt):
            return lead + sp[0]
        # (a lung finding placed in the film's words - a zone, a lobe - and the film's own statement after it:
        # "Indication: cough, SOB, COVID swab pending. Patchy hazy opacity in the right lower zone, possibly early
        # pneumonia versus atelectasis. Left lung clear. ...", "Indication: RSV positive adult, productive cough.
        # Centrilobular nodules and tree-in-bud opacities in the RML and RLL ... No consolidation.", review rv92a)
        if (
            k + 2 < len(sentences)
            and _a_lung_finding_placed(nxt)
            and _FILM_STATEMENT_RE.match(after := sentences[k + 2][0].strip()) is not None
            and _no_referrers_word(after)
        ):
            return lead + sp[0]
        # (a note of the prior study with its colon, then what the film shows: "Hx: s/p RLL lobectomy 2022. Compared
        # to 11/2024: New nodular pleural thickening along the R major fissure ...", review rv87b)
        if (cf := _COMPARED_COLON_RE.match(nxt)) is not None:
            shown = nxt[cf.end() :]
            if len(shown.split()) > 4 and not _goes_on_with_the_history(shown) and _no_referrers_word(shown):
                return lead + sp[0]
        # (a plain note, then the film's denial in its words, five words or more, when nothing the line says from it
        # on has a word of the referrer's: "Indication: MVC, low back pain. No acute fracture or malalignment of the
        # lumbar spine. Vertebral body heights ... are preserved. No spondylolysis. ...", review rv79c)
        stated = nxt.strip()
        if (
            len(stated.split()) > 4
            and _DENIED_FIRST_RE.match(stated)
            and _FILM_STATEMENT_RE.match(stated)
            and _OF_ANOTHER_STUDY_RE.search(said) is None
            and all(
                _no_referrers_word(x) and _OF_ANOTHER_STUDY_RE.search(x) is None
                for x, _ in sentences[k + 1 :]
            )
        ):
            return lead + sp[0]
        # (a film's title, when what follows it says what the film shows, not what is asked or known: "Indication:
        # Fever. PA and lateral chest. ?pneumonia.", "... Portable AP. Previous left pneumothorax, drain removed."
        # go on with the history, the review of the change)
        if _a_films_title(nxt) and k + 2 < len(sentences) and _the_findings_go_on(sentences[k + 2][0]):
            return lead + sp[0]
        # (the film's own denials and normal organs, when all the line says after them is what the film shows:
        # "CXR PA/LAT. Hx: cough. Lungs clear. No consolidation, effusion, or PTX. Nl heart size.", review rv72d;
        # "CT HEAD W/O. Hx: 88F fall, hit head, on apixaban. No acute intracranial haemorrhage ...", review rv73c)
        if _the_films_own_from(sentences[k + 1 :]):
            return lead + sp[0]
    blank = _BLANK_LINE_RE.search(body, first_end) if first_end >= 0 else None
    if (
        blank is not None
        and _ALNUM_RE.search(body, blank.end())
        # (the lines before the blank one are the history's notes, short and with no stop: "Indication: SOB\nPE\n
        # \nNo pulmonary embolus.")
        and all(
            len(x.split()) <= 4
            and not x.rstrip().endswith(".")
            # (a note may open with its side, "Left pneumothorax"; not with what it states, "Large right pneumothorax")
            and (not _STATEMENT_OPENERS_RE.match(x.strip()) or _A_SIDE_FIRST_RE.match(x.strip()) is not None)
            for x in body[first_end : blank.start()].splitlines()
        )
    ):
        return None
    pos, before = first_end, first
    while pos >= 0:
        nl = body.find("\n", pos + 1)
        line = body[pos + 1 : nl if nl >= 0 else len(body)]
        if line.strip():
            if not _goes_on_with_the_history(line, before) or _the_film_after_a_note_of_the_prior(
                line, before
            ):
                return pos + 1 + len(line) - len(line.lstrip())
            before = line
        pos = nl
    return None


# what an operation left, in the film's words ("Post-surgical changes of right upper lobectomy", "Postoperative
# appearances of ...")
_AN_OPERATIONS_CHANGES_RE = re.compile(
    r"(?:post-?\s?surgical|post-?\s?operative)\s+(?:changes?|appearances?)\b", re.IGNORECASE
)


def _the_film_after_a_note_of_the_prior(line: str, before: str) -> bool:
    """Whether a line after a line of its own that notes the prior study ("Cf 09/2024.") says what the film shows: it
    opens with what an operation left, and its first sentence, of five words or more, has none of the referrer's words
    and does not speak of the prior study
    ("Hx: 2 yrs s/p R upper lobectomy. Routine surveillance.\nCf 09/2024.\nPost-surgical changes of right upper
    lobectomy with a staple line at the right hilum. ...", review rv101a)."""
    if (
        _COMPARED_NOTE_RE.fullmatch(before.strip()) is None
        or _AN_OPERATIONS_CHANGES_RE.match(line.strip()) is None
    ):
        return False
    sentences = split_sentences(line.strip())
    first = sentences[0][0] if sentences else line.strip()
    return (
        len(first.split()) > 4
        and _no_referrers_word(first)
        and _OPENS_WITH_THE_PRIOR_RE.match(first) is None
        and _SPEAKS_OF_THE_PRIOR_RE.search(_NAMED_BY_THE_PRIOR_RE.sub(" ", first)) is None
    )


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_DEVICES_HEADING_LINE_RE = re.compile(
    r"\n[ \t]*(?:(?:support\s+)?devices|lines?|tubes?|hardware|(?:lines?|tubes?)\s*(?:and|&|/|,)\s*(?:lines?|tubes?)"
    r"(?:\s*(?:and|&|/|,)\s*(?:drains?|devices))?)[ \t]*:",
    re.IGNORECASE,
)
# another study's or person's words, named with the words before the study ("No fracture or subluxation on the cervical
# spine x-ray.", "No pleural effusion on the ED ultrasound.", "No rib fracture on the rib series.", "... per the GP",
# the review of the change)
_OF_ANOTHER_STUDY_RE = re.compile(
    r"\b(?:(?:on|at|by|from|in)\s+(?:the\s+|an?\s+|this\s+)?(?:[\w/-]+\s+){0,3}?(?:x-?rays?|radiographs?|films?|"
    r"series|ultrasound|ultrasounds|us|uss|pocus|e?fast|ct|cta|ctpa|mri|mra|pet(?:-?ct)?|scans?|echo|duplex|doppler|"
    r"cxr|axr|kub|imaging)|per|according\s+to|e?fast\s+(?:scan\s+)?(?:negative|positive)|"
    r"by\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:doctor|nurse|practitioner|gp|clinicians?|team|sonographer|registrar|"
    r"physician|paramedics?|surgeons?))\b",
    re.IGNORECASE,
)
# the question a history's note ends on, in its last clause ("MVC, neck pain, r/o fracture.")
_ASKED_LAST_RE = re.compile(
    r"(?:^|[,;]\s*)(?:\?|query\b|r/o\b|rule\s+out\b|(?:eval(?:uate)?|assess)\s+for\b)[^,;?]*\??\s*\.?\s*$",
    re.IGNORECASE,
)
# the heading of a part of the body the findings go on under ("HEAD: No acute intracranial haemorrhage.")
_PART_HEADING_RE = re.compile(
    r"\s*(?:head|brain|neck|chest|thorax|lungs?|abdomen|pelvis|c-?spine|cervical\s+spine|t-?spine|thoracic\s+spine|"
    r"l-?spine|lumbar\s+spine|spine|"
    # (an abdominal organ's or a graft's heading: "Indication: s/p renal transplant, microscopic hematuria. Native
    # kidneys: right 7.8 cm, left 8.1 cm, both atrophic ...", review rv88c)
    r"(?:native\s+|transplant(?:ed)?\s+)?kidneys?|liver|spleen|pancreas|gallbladder|(?:renal\s+)?(?:graft|allograft)|"
    # (a spine's level: "... history of lumbar discitis 2015. Intrathecal contrast via L2-3 puncture, 10 mL. L2-3: mild
    # DDD, no stenosis.", review rv79c)
    r"[ctls]\d{1,2}\s*[-/]\s*[ctls]?\d{1,2}|"
    # (the scan's own name as a heading: "Hx: 2/52 post ERPC for missed miscarriage, continued bleeding. TV US:
    # Thickened endometrium, 16 mm, ...", review rv84c)
    r"(?P<scan>(?:(?:tv|ta|tvs|tas|transvaginal|transabdominal|pelvic|renal|abdominal)\s+)?(?:us|uss|usg|ultrasound)))"
    r"\s*:",
    re.IGNORECASE,
)
# an organ named first with its measurement, as only the scan measures it ("Liver 16.2 cm, ...", "R kidney 11.6 cm:
# ...", "Uterus anteverted, 8.9 cm."); not a finding named after the organ ("Kidney stone 5 mm")
_AN_ORGAN_MEASURED_RE = re.compile(
    r"\s*(?:(?:the|left|right|l|r|lt|rt)\s+)?(?:liver|spleen|kidney|kidneys|uterus|endometrium|gallbladder|cbd|"
    r"pancreas|(?:left|right)\s+ovary|ovary|bladder|prostate|thyroid|aorta)"
    r"(?:\s+(?:measures|measuring|is|size|span|length|anteverted|retroverted|bulky|axial|sagittal|longitudinal),?){0,2}"
    r"\s+\d+(?:\.\d+)?\s*(?:mm|cm)\b",
    re.IGNORECASE,
)
_A_WORD_RE = re.compile(r"[A-Za-z]{2,}")
_AN_ORGAN_STATED_RE = re.compile(
    r"\s*(?:the\s+)?(?:liver|gallbladder|gb|spleen|pancreas|(?:urinary\s+)?bladder|(?:both\s+|left\s+|right\s+)?kidneys?)\s+"
    r"(?:is\s+|are\s+|appears?\s+)?(?:well[\s-]+|moderately\s+|mildly\s+|markedly\s+)?(?:distended|contracted|"
    r"normal\s+in\s+(?:size|appearance|echotexture)|of\s+normal\s+(?:size|appearance)|surgically\s+absent|"
    # (not "enlarged", the referrer's palpation too: "Hx: alcohol excess. Liver enlarged 3 cm below the costal margin.",
    # the review of the change)
    r"(?:diffusely\s+)?(?:echogenic|hyperechoic|bright|coarse(?:ned)?|heterogeneous)|shrunken|atrophic)\b",
    re.IGNORECASE,
)
# the uterus's lie or bulk, which the scan says with its size ("Uterus anteverted, 8.9 cm.", "Uterus 7.2 cm,
# retroverted.")
_ITS_LIE_RE = re.compile(r"\b(?:anteverted|retroverted|bulky)\b", re.IGNORECASE)
# what was done about a finding, or is to be: the referrer's note, not the scan's ("JJ stent inserted", "ERPC done",
# "methotrexate given", "anticoagulated", "awaiting lap chole", "on metformin")
_TREATED_RE = re.compile(
    r"\b(?:inserted|insertion|placed|done|given|started|commenced|anticoagulated|catheteri[sz]ed|awaiting|planned|"
    r"clearance|cleared|ercp|ogd|endoscopy|erpc|evacuated|passed|advised|lap\s+chole|surgery|operated|stented|"
    r"drained|treated|treatment|therapy|misoprostol|methotrexate|metformin|antibiotics|[a-z]+ectomy|[a-z]+ostomy|"
    r"booked|scheduled|listed|referred|eswl|pcnl|lithotripsy|ureteroscopy|"
    r"for\s+(?:(?:a|an|the)\s+)?(?:stent\w*|pcnl|eswl|lithotripsy|ureteroscopy|surgery|review|oncology|mdt|biopsy|"
    r"drainage|repair|removal|ercp|embolisation|embolization|ablation|chemo\w*|radiotherapy)|"
    r"on\s+(?:metformin|warfarin|apixaban|rivaroxaban|heparin|tamoxifen|hrt|steroids))\b",
    re.IGNORECASE,
)
_AGREES_WITH_THE_KNOWN_RE = re.compile(
    r"\b((?:consistent|compatible|in\s+keeping)\s+with\s+(?:the\s+)?)known\s+", re.IGNORECASE
)
# an organ described, as only the images show it ("Cirrhotic liver.", "Shrunken nodular liver.", "Hyperinflated
# lungs.")
_AN_ORGAN_DESCRIBED_RE = re.compile(
    r"\s*(?:[a-z-]+,?\s+){1,2}(?:liver|lungs|spleen|kidneys|gallbladder|pancreas|uterus|ventricles)\s*\.?\s*",
    re.IGNORECASE,
)
# a short note of the prior study, with no colon, said as a sentence of its own ("Cf. 03/2024.", "Compared w/ 3 wks
# ago.", "Comparison 14 months prior.")
_COMPARED_NOTE_RE = re.compile(
    r"(?:cf\.?|compared\s+(?:with|to|w/)|comparison(?:\s+(?:with|to|is\s+made\s+(?:with|to)))?|"
    # (dictation's short word: "Comp 1 yr.", review rv80c)
    r"comp\.?)"
    r"(?:\s+[^\s,;:?]+){1,7}\s*\.?",
    re.IGNORECASE,
)
# ... said with a colon before what the film shows
_COMPARED_COLON_RE = re.compile(
    r"\s*(?:cf\.?|compared\s+(?:with|to|w/)|comparison(?:\s+(?:with|to))?|comp\.?)(?:\s+[^\s,;:?]+){1,5}\s*:",
    re.IGNORECASE,
)
# a line that asks, with its question mark inside it and no colon ("pain around the site, ?peritonitis.")
_ASKING_LINE_RE = re.compile(r"\s*(?P<line>[^\n:?]*\?[^\n:?]*)(?:\n|$)")


def _says_what_the_image_shows(sentence: str) -> bool:
    """Whether a sentence said on a history's first line after its first is the findings: it opens as a statement
    and says where something lies or that it is seen, and speaks of no patient, complaint or year ("History: new
    central line. Left IJ central venous catheter terminates in the left brachiocephalic vein. No pneumothorax.",
    review rv48b; not "History: Fall. Left hip pain.", "Hx: Left mastectomy in 2019, now on tamoxifen.")."""
    shows = _IMAGE_SHOWS_RE.search(sentence)
    return (
        _STATEMENT_OPENERS_RE.match(sentence) is not None
        and (
            (
                shows is not None
                # (what a part of an organ holds, not what a report or another study holds: "The prior CT report
                # contains a 3 cm lesion.", the review of the change)
                and not (
                    shows.group(0).lower() == "contains"
                    and _A_STUDY_SAID_RE.search(sentence, 0, shows.start())
                )
            )
            or _ORGANS_SAID_NORMAL_RE.match(sentence) is not None
        )
        and _ABOUT_THE_PATIENT_RE.search(sentence) is None
        and _COMPLAINT_RE.search(sentence) is None
        and _YEAR_RE.search(sentence) is None
        and _ON_ANOTHER_STUDY_RE.search(sentence) is None
        # (... nor one said of another study or by someone else: "No fracture seen on the lumbar spine radiographs.",
        # "... are compressible per the GP.", the review of the change)
        and _OF_ANOTHER_STUDY_RE.search(sentence) is None
    )


def _a_lung_finding_placed(sentence: str) -> bool:
    """Whether a sentence on a history's first line names what a film or scan shows in the lungs at a place of the
    lungs, in the images' words (an opacity, consolidation or nodules in a zone or a lobe), and none of the
    referrer's (see _after_the_history)."""
    text = sentence.strip()
    return (
        (found := _A_LUNG_FINDINGS_WORD_RE.search(text)) is not None
        and _A_LUNG_PLACE_RE.search(text, found.end()) is not None
        and _no_referrers_word(text)
        and not _HEDGED_NOTE_RE.match(text)
        and _ON_ANOTHER_STUDY_RE.search(text) is None
        and _OF_ANOTHER_STUDY_RE.search(text) is None
        # (nor another study's result in the referrer's words: "Indication: cough. CT showed a nodule in the right
        # upper lobe. Left lung clear.", "HRCT: ground glass in both lower lobes.", the review of the change)
        and _A_STUDY_SAID_RE.search(text) is None
        and _ANOTHER_STUDY_SHOWED_RE.search(text) is None
    )


_ANOTHER_STUDY_SHOWED_RE = re.compile(
    r"\b(?:showed|shows|show|found|revealed|reveals|demonstrated|reported|hrct|ctpa|pet|cect|ncct)\b",
    re.IGNORECASE,
)
_A_LUNG_FINDINGS_WORD_RE = re.compile(
    # (... and dictation's short word for ground glass: "Hx: renal tx, high-dose steroids for rejection, new hypoxia.
    # Diffuse bilat GGO, upper lobe predominant, w/ relative subpleural sparing. No consolidation.", review rv93b)
    r"\b(?:opacit(?:y|ies)|opacification|consolidation|ground[\s-]*glass|ggos?|tree[\s-]*in[\s-]*bud|nodules?|"
    r"air[\s-]*space\s+(?:disease|shadowing))\b",
    re.IGNORECASE,
)
_A_LUNG_PLACE_RE = re.compile(
    r"\b(?:(?:upper|middle|mid|lower)\s+(?:zones?|lobes?)|lingula|rul|rml|rll|lul|lll|(?:lung\s+)?bases|apices|"
    r"perihilar|hemithorax)\b",
    re.IGNORECASE,
)


def _the_films_own_from(sentences: list[tuple[str, tuple[int, int]]]) -> bool:
    """Whether the sentences of a history's first line from one on, two or more, are all the film's own statements
    (_FILM_STATEMENT_RE), none with a word of the referrer's (_no_referrers_word), and none says a finding in the
    lungs after they were said clear (the clinician's chest: "Lungs clear. No effusion, right lower lobe
    pneumonia.")."""
    texts = [x.strip() for x, _ in sentences]
    # (a dictated impression after them is the film's too: "... No PTX. No radiopaque FB. IMP: Neg chest.", review
    # rv87a; "IMP:" is no header, as on a referral it is the referrer's working diagnosis)
    if len(texts) > 2 and _DICTATED_IMPRESSION_RE.match(texts[-1]):
        texts.pop()
    # (every one of them a statement only the film makes: a sentence after them that says something is there is as
    # often the referrer's - a diagnosis, an echo's or an examination's result, a treated or planned finding - and
    # reading it would invent a finding; the reviews of the change)
    if len(texts) < 2 or not all(_FILM_STATEMENT_RE.match(x) and _no_referrers_word(x) for x in texts):
        return False
    clear = any(_LUNGS_CLEAR_RE.match(x) for x in texts)
    return not (clear and any(_A_LUNG_FINDING_RE.search(x) and not _DENIED_FIRST_RE.match(x) for x in texts))


_DICTATED_IMPRESSION_RE = re.compile(r"imp(?:r|ression)?\s*:", re.IGNORECASE)
_LUNGS_CLEAR_RE = re.compile(r"(?:the\s+)?(?:lungs?|chest)\s+(?:(?:is|are)\s+)?clear\b", re.IGNORECASE)
_A_LUNG_FINDING_RE = re.compile(
    r"\b(?:consolidation|pneumonia|effusions?|nodules?|mass|pneumothorax|ptx|abscess|opacit(?:y|ies)|collapse|"
    r"atelectasis|infiltrates?|oedema|edema)\b",
    re.IGNORECASE,
)
_DENIED_FIRST_RE = re.compile(r"(?:no|without|nil|negative)\b", re.IGNORECASE)


def _no_referrers_word(sentence: str) -> bool:
    """Whether a film-like sentence on a history's first line has none of the referrer's words: it does not ask or
    ask for something, and speaks of no patient, complaint, year, other study, clinical examination, treatment, time
    or worry ("Hx: cough. Lungs clear on auscultation.", "... No effusion. Sats 91% on air.", "No effusion on
    bedside US.")."""
    # (a figure or a change compared with the prior study is the film's own: "Ventricular size is unchanged, ...
    # ratio 0.38 (prior 0.37)", "Cavitating mass in the right upper lobe, new since prior", "4.2 cm, previously 3.9
    # cm")
    text = _COMPARED_WITH_THE_PRIOR_RE.sub(" ", sentence.strip())
    return (
        "?" not in text
        and not _ASKS_RE.match(text)
        and _REQUESTS_RE.search(text) is None
        and _ABOUT_THE_PATIENT_RE.search(text) is None
        and _COMPLAINT_RE.search(text) is None
        and _YEAR_RE.search(text) is None
        and _ON_ANOTHER_STUDY_RE.search(text) is None
        and _CLINICAL_EXAM_RE.search(text) is None
        and _HISTORY_SIGNS_RE.search(text) is None
        # (a short note of what is feared: "Possible aspiration.", "Likely pneumonia.")
        and not (_HEDGED_NOTE_RE.match(text) and len(text.split()) <= 5)
    )


_COMPARED_WITH_THE_PRIOR_RE = re.compile(
    r"\(\s*(?:prior|previously|previous)\s*:?\s*\d[^()]*\)|\b(?:previously|prior)\s*:?\s+\d+(?:\.\d+)?"
    # (two or more figures: "2 lower pole stones, 5 and 7 mm, previously 4 and 6 mm", review rv84b)
    r"(?:\s*(?:,|and|x|-)\s*\d+(?:\.\d+)?)*\s*(?:mm|cm)\b"
    r"|\b(?:(?:new|unchanged|increased|decreased|enlarged|larger|smaller)\s+)?(?:since|from|than|compared\s+(?:with|to))"
    r"\s+(?:the\s+)?(?:prior|previous)(?:\s+(?:study|exam|examination|scan|film|ct|mri))?\b",
    re.IGNORECASE,
)


# what only a report says of its own images: a denial of what films and scans show, in their words ("No
# consolidation, effusion, or PTX.", "No acute intracranial haemorrhage"), an organ the images show said normal ("Lungs
# clear.", "The heart is not enlarged.", "Nl heart size.", "Grey-white differentiation preserved.") or measured
# ("Uterus 7.2 cm, retroverted.")
_FILM_STATEMENT_RE = re.compile(
    r"(?:no|without)\s+(?:(?:acute|definite|obvious|evidence\s+of|significant|focal|gross|displaced|visible|new|"
    r"large|pleural)\s+)*(?:[a-z-]+\s+){0,2}?(?:consolidations?|effusions?|pneumothora(?:x|ces)|ptx|pneumoperitoneum|"
    r"pneumomediastinum|free\s+(?:air|gas|fluid)|(?:intracranial\s+)?ha?emorrhage|extra-?axial|mass\s+effect|"
    r"midline\s+shift|"
    r"hydrocephalus|hydronephrosis|lymphadenopathy|adenopathy|opacit(?:y|ies)|cardiomegaly|adnexal\s+mass|fractures?|"
    # (a child's chest after choking: "No hyperinflation or air trapping on exp view. No PTX. No radiopaque FB.",
    # review rv87a)
    r"hyperinflation|air\s+trapping|(?:radio-?opaque\s+)?(?:foreign\s+bod(?:y|ies)|fbs?)|"
    # (the lungs' oedema and congestion by name, not a limb's: "No pulmonary edema.", review rv76a)
    r"(?:pulmonary|interstitial|alveolar)\s+o?edema|(?:pulmonary\s+)?(?:vascular|venous)\s+congestion|"
    r"(?:cardiopulmonary|intracranial|osseous)\s+abnormality)\b"
    r"|(?:the\s+)?(?:(?:(?:left|right)\s+)?lungs?|heart(?:\s+size)?|cardiac\s+(?:size|silhouette)|"
    r"cardiomediastinal\s+(?:silhouette|contours?)|mediastinal\s+contours?|bony\s+thorax|osseous\s+structures|"
    r"gr[ae]y[\s-]*white(?:\s+matter)?\s+differentiation|"
    r"ventricles(?:\s+and\s+sulci)?)\s+(?:(?:is|are|appears?|remains?|size)\s+)?(?:clear|normal|unremarkable|intact|"
    r"preserved|not\s+enlarged|within\s+normal\s+limits)\b"
    r"|(?:nl|normal)\s+(?:heart|cardiac)\s+size\b"
    r"|(?:the\s+)?(?:heart|cardiac)\s+(?:nl|normal)\s+(?:in\s+)?size\b"
    r"|(?:the\s+)?(?:uterus|liver|spleen|(?:right|left)\s+kidney|endometrium|gallbladder|cbd)\s+(?:(?:is|measures)\s+)?"
    r"\d+(?:\.\d+)?\s*(?:cm|mm)\b",
    re.IGNORECASE,
)
# what a history says of treatments, times, the team's worries and the diagnoses weighed ("Lung cancer on
# chemotherapy.", "Possible aspiration.", "Discharged last week.")
_HISTORY_SIGNS_RE = re.compile(
    r"\b(?:chemo\w*|radiotherapy|immunotherapy|antibiotics?|abx|treated|treatment|therapy|ago|yesterday|tonight|"
    # (what was done, another study's result, what a film cannot show, a course: the review of the change)
    r"tapped|drained|aspirated|pocus|fast|bedside|echo|echocardiogra\w*|per|report|pes?|dvt|asthma|resolving|"
    r"recurrent|wells|surveillance|rta|rtc|mva|mvc|mph|old\s+films?|days?|weeks?|hours?|hrs|months?|discharge|"
    r"2ww|haemodynamically|hemodynamically|"
    r"today|last\s+(?:week|month|year|night)|recent\w*|worried|worry|concern\w*|team|gp|discharged|dx|ddx|"
    # (what another study showed, what was done since, the family's: "Small subdural hematoma on that scan.",
    # "Hydrocephalus at that time, shunted.", "Liver metastases ..., treated with ablation.", "Lung cancer in father.",
    # "Pneumonia on the left last winter.", the review of the change)
    r"then|since|that\s+(?:time|study|scan|ct|film|mri|exam)|last\s+(?:scan|study|film|ct|mri|exam|winter|spring|"
    r"summer|autumn|admission|visit)|evacuated|shunted|resected|resection|ablat\w*|emboli[sz]ed|stented|excised|"
    r"repaired|operated|placed|father|mother|sister|brother|sibling|family|maternal|paternal|now\s+on|follow[- ]?up|"
    r"differential|"
    # (another study's or hospital's: "No effusion at the other hospital.", "No haemorrhage on initial CT.", "No adnexal
    # mass by the sonographer.", the review of the change)
    r"initial|sonographer|other\s+hospital|transferred|second\s+opinion|"
    r"on\s+(?:warfarin|apixaban|rivaroxaban|doac|"
    r"anticoag\w*|steroids|o2|home\s+o2))\b",
    re.IGNORECASE,
)
_HEDGED_NOTE_RE = re.compile(
    r"(?:possible|possibly|probable|probably|likely|suspected|suspect|presumed|\?)", re.I
)
# the clinical examination's and the bedside's words (with _COMPLAINT_RE's, which _no_referrers_word checks too: tender,
# the blood tests, oxygen, a diagnosis)
_CLINICAL_EXAM_RE = re.compile(
    r"\b(?:auscultation|exam|examination|o/e|clinically|crackles|creps|sats|spo2|saturations?|afebrile|bp|hr|rr|"
    r"temp|obs|trop\w*|d-?dimer|lactate|pedal|peripheral|ankle|ankles|leg|legs|air\s+entry|bs|jvp|boggy|distended|"
    r"palpable|ecg|ekg|af|palpation|percussion|crepitations|speculum|ptosis|hemiparesis|neurology|"
    r"high\s+riding|lipase|bilirubin|bnp|ap\s+only|lfts?|u&e|fbc|vitals|neuro|abdomen\s+soft|"
    r"chest\s+clear)\b",
    re.IGNORECASE,
)


def _a_films_title(sentence: str) -> bool:
    """Whether a sentence said on a history's first line after its first is the film's title, its views and its
    part only, after which the findings go on ("Indication: COPD exacerbation, intubated. Portable AP chest.
    Hyperinflated lungs ...", review rv69d; not "History: cough. Chest pain.")."""
    title = sentence.strip().rstrip(".").strip()
    return _VIEW_WORDS_RE.fullmatch(title) is not None and not _FILM_WORDS.isdisjoint(
        w.lower() for w in re.split(r"[\s,/&+-]+", title)
    )


def _the_findings_go_on(sentence: str) -> bool:
    """Whether the sentence after a film's title on a history's line says what the film shows: it does not ask, go on
    with the history, ask for something ("Ensure no pneumothorax", "Right pleural effusion, for drainage") or speak of
    another study ("Pleural effusion on ultrasound yesterday")."""
    text = sentence.strip()
    return (
        "?" not in text
        and not _ASKS_RE.match(text)
        and not _goes_on_with_the_history(text)
        and _REQUESTS_RE.search(text) is None
        and _ON_ANOTHER_STUDY_RE.search(text) is None
    )


_REQUESTS_RE = re.compile(
    r"\b(?:ensure|exclude|excluding|query|assess|please|confirm|check|for\s+(?:drainage|aspiration|biopsy|"
    r"insertion|placement|review|follow-?up)|follow-?up\s+of|known|previous|previously|prior|history)\b",
    re.IGNORECASE,
)


# the words only a film's title says (not a body part, which a complaint may name: "Chest pain.")
_FILM_WORDS = frozenset(
    {"portable", "pa", "ap", "lat", "lateral", "view", "views", "film", "films", "xr", "xray", "x-ray", "cxr",
     "frontal", "upright", "supine", "erect"}
)  # fmt: skip
_IMAGE_SHOWS_RE = re.compile(
    r"\b(?:tip|terminat\w*|project\w*|seen|noted|identified|demonstrated|visuali[sz]ed|in\s+(?:place|situ)|"
    # (what a part of an organ holds: "The upper pole of the graft contains a 2.2 cm focal area of increased
    # echogenicity ...", review rv88c)
    r"contains|"
    # (a duplex's veins said compressible: "Clinical: L arm pain and swelling after IV infiltration. The internal
    # jugular, subclavian, ... veins are compressible with normal flow. No DVT.", review rv80b)
    r"(?:is|are)\s+(?:fully\s+|normally\s+|completely\s+)?compressible|"
    r"there\s+(?:is|are))\b",
    re.IGNORECASE,
)
# the abdomen's and pelvis's organs said normal, as the scan sees them ("Reason: palpable periumbilical lump. The
# liver, gallbladder, pancreas, spleen and kidneys appear normal. No gallstones.", review rv84b)
_ABDOMINAL_ORGAN = (
    r"(?:the\s+)?(?:liver|gallbladder|pancreas|spleen|kidneys?|urinary\s+bladder|bladder|uterus|ovaries|aorta|"
    r"(?:abdominal|pelvic|solid|intra-?abdominal)\s+organs)"
)
_ORGANS_SAID_NORMAL_RE = re.compile(
    rf"\s*{_ABDOMINAL_ORGAN}(?:\s*,\s*{_ABDOMINAL_ORGAN})*(?:,?\s+and\s+{_ABDOMINAL_ORGAN})?"
    r"\s+(?:is|are|appears?)\s+(?:sonographically\s+)?(?:normal|unremarkable)\b",
    re.IGNORECASE,
)
_A_STUDY_SAID_RE = re.compile(
    r"\b(?:prior|previous|earlier|outside|report|study|studies|ct|cta|mri?|us|uss|ultrasound|x-?rays?|xr|cxr|films?|"
    r"scans?|pet|mammo\w*|imaging|exam|examination)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# (what another study showed: "Right breast mass seen on mammogram.", "Nodule noted on prior CT.")
_ON_ANOTHER_STUDY_RE = re.compile(
    r"\b(?:on|at|by|from)\s+(?:the\s+|an?\s+)?(?:prior|previous|outside|recent|screening|earlier|external|"
    r"mammo\w*|ct|cta|ctpa|ctb|pet|pet-?ct|echo|echocardiogra\w*|v/q|vq|doppler|duplex|mri?|mrcp|us|uss|ultrasound|"
    r"x-?rays?|xr|cxr|axr|kub|"
    r"films?|imaging|scans?|radiographs?)\b",
    re.IGNORECASE,
)


def _headers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, header as written) of each section header, in order; a header's start is that of its line (or
    the character after the stop it follows)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    if m := _FIRST_HEADER_RE.match(text):
        out.append((0, m.end(), m.group(m.lastgroup or "h1")))
        pos = m.end()
    # (the line break or stop a match opens with is not the header's)
    for m in _HEADER_RE.finditer(text, pos):
        # (a comparison line with no colon is a header only among the lead sections, before the findings: "FINDINGS:
        # ... Comparison is made with 3/4/2024, when the effusion was larger." is the findings)
        if m.lastgroup == "h5" and any(_canonical(h) in ("findings", "impression") for _, _, h in out):
            continue
        out.append((m.start() + 1, m.end(), m.group(m.lastgroup or "h1")))
    return out


_SIZE_NEXT_RE = re.compile(r"[ \t]*\d")
_BACKGROUND_RE = re.compile(r"\W*(?:clinical\s+)?background\W*", re.IGNORECASE)
# a checklist's box, ticked or not ("PNEUMOTHORAX: [x] No  [ ] Yes", "Air leak: [ ] PTX [ ] PIE [x] None")
_BOX_RE = re.compile(r"\[[ \t]*([xX\u2713\u2714]?)[ \t]*\]")
# (an option's words run to the next box, a gap of two spaces or more, or the line's end)
_OPTION_END_RE = re.compile(r"\[|[ \t]{2,}|\n|$")


def _ticked_only(text: str) -> str:
    """``text`` with each checklist box blanked, and the words of each option whose box is not ticked: what the
    template says is what was ticked ("PNEUMOTHORAX: [x] No  [ ] Yes" reads "PNEUMOTHORAX:     No", no pneumothorax;
    "Lungs: [x] Diffuse granular opacities [ ] Clear"; review rv47c). The same length as ``text``, so that every span
    is still the text's. A line may put its boxes after their options ("APHE [x]  Washout [ ]  Capsule [ ]")."""
    if "[" not in text:
        return text
    out = list(text)
    boxes = list(_BOX_RE.finditer(text))
    lines = [text.count("\n", 0, m.start()) for m in boxes]
    spans = _option_spans(text, boxes, lines)
    options = [(m, text[a:b].strip()) for m, (a, b) in zip(boxes, spans, strict=True)]
    # (only on a line with a box ticked: a line whose boxes are all empty is a blank left in the template, "Pleural
    # effusion: [ ]", "GALLBLADDER: [ ] Normal [ ] Abnormal", which says nothing, as it is)
    ticked_lines = {line for line, (m, _) in zip(lines, options, strict=True) if m.group(1)}
    # (a line whose ticked answer denies denies the findings it offered: "Air leak: [ ] PTX [ ] PIE [x] None" reads
    # "Air leak: no  PTX no  PIE     None"; an offered answer, "[ ] Yes", "[ ] Abnormal", is blanked; a box said
    # after its option reads "neg" after it, "Air leak: PTX neg PIE neg None    ")
    denied_lines = {
        line
        for line, (m, said) in zip(lines, options, strict=True)
        if m.group(1) and said.lower().rstrip(".") in _DENYING_ANSWERS
    }
    for line, (m, said), (start, stop) in zip(lines, options, spans, strict=True):
        if line not in ticked_lines:
            continue
        a, b = m.span()
        if (
            not m.group(1)
            and line in denied_lines
            and said.lower().rstrip(".") not in _ANSWERS
            and b - a >= (2 if start >= b else 3)
        ):
            out[a:b] = (("no" if start >= b else "neg") + " " * (b - a))[: b - a]
            continue
        out[a:b] = " " * (b - a)
        if not m.group(1):
            out[start:stop] = " " * (stop - start)
    return "".join(out)


def _withdrawn_blanked(text: str) -> str:
    """``text`` with the words a dictation takes back blanked, up to the clause's start: "Moderate left pleural
    effusion, correction, moderate right pleural effusion" reads "... moderate right pleural effusion" (speech
    recognition's "correction", "scratch that", review rv48b). The same length as ``text``."""
    if _WITHDRAWN_RE.search(text) is None:
        return text
    out = list(text)
    for m in _WITHDRAWN_RE.finditer(text):
        starts = [c.end() for c in _CLAUSE_START_RE.finditer(text, max(0, m.start() - 300), m.start())]
        a = starts[-1] if starts else max(0, m.start() - 300)
        out[a : m.end()] = " " * (m.end() - a)
    return "".join(out)


# a dictation's taking back of what it said ("..., correction, ...", "..., scratch that, ..."); the clause it takes
# back starts after a stop, a colon, a semicolon, a comma or a line break
_WITHDRAWN_RE = re.compile(
    r",[ \t]*(?:correction|scratch[ \t]+that|strike[ \t]+that)[ \t]*[,:]", re.IGNORECASE
)
_CLAUSE_START_RE = re.compile(r"[.;:!?,](?=\s)|\n")


def _option_spans(text: str, boxes: list[re.Match[str]], lines: list[int]) -> list[tuple[int, int]]:
    """Where the words of each box's option lie: after the box ("[x] No  [ ] Yes"), or before it on a line whose
    last box ends it and whose first box follows words of its own ("APHE [x]  Washout [ ]", "No [x] Yes [ ]"); an
    option said before its box starts after the line's label ("Pneumothorax: No [x]"), the box before, or a gap."""
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(boxes):
        j = k
        while j + 1 < len(boxes) and lines[j + 1] == lines[k]:
            j += 1
        first, last = boxes[k], boxes[j]
        begin = text.rfind("\n", 0, first.start()) + 1
        end = text.find("\n", last.end())
        end = len(text) if end < 0 else end
        lead = text[begin : first.start()]
        after = not text[last.end() : end].strip() and bool(lead[lead.rfind(":") + 1 :].strip())
        for i in range(k, j + 1):
            m = boxes[i]
            if not after:
                start = _after_blanks(text, m.end())
                spans.append((start, _option_end(text, start)))
                continue
            start = boxes[i - 1].end() if i > k else begin
            start = max(start, text.rfind(":", start, m.start()) + 1)
            gaps = [g.end() for g in _GAP_RE.finditer(text, start, m.start()) if g.end() < m.start()]
            start = max([start, *gaps])
            spans.append((start, m.start()))
        k = j + 1
    return spans


def _after_blanks(text: str, at: int) -> int:
    """The first place at or after ``at`` that is no space or tab."""
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _option_end(text: str, start: int) -> int:
    """Where the option's words that start at ``start`` (after blanks) end."""
    end = _OPTION_END_RE.search(text, _after_blanks(text, start))
    return end.start() if end is not None else len(text)


_GAP_RE = re.compile(r"[ \t]{2,}")


# a checklist's answers, and those of them that deny
_DENYING_ANSWERS = frozenset({"no", "none", "absent", "negative", "nil", "not seen", "normal", "n"})
_ANSWERS = _DENYING_ANSWERS | frozenset(
    {"yes", "present", "positive", "abnormal", "y", "seen", "clear", "other"}
)


def _says_what_is_seen(words: str) -> bool:
    """Whether a first line's words report what is seen or a change in it ("now resolved", "new moderate ascites",
    "enlarging right lower lobe nodule"): a finding, not a title's note."""
    return bool(_NOTE_SAYS_WHAT_IS_SEEN_RE.search(words) or _A_CHANGE_SAID_RE.search(words))


def _title_then_note(text: str) -> re.Match[str] | None:
    """A first line that says the study's title in a sentence of its own, then in one sentence what it is for - a
    history's, a treatment's or a complaint's words, no statement of what is seen, no size - with the findings on the
    lines after it ("CT abdomen and pelvis with contrast. Staging, newly diagnosed breast cancer.\nLiver: ...")."""
    m = _TITLE_THEN_NOTE_RE.match(text)
    if m is None:
        return None
    note = m.group("note")
    if (
        (_HISTORY_CUE_RE.search(note) or _STUDY_PURPOSE_RE.search(note) or _COMPLAINT_RE.search(note))
        and not _NOTE_SAYS_WHAT_IS_SEEN_RE.search(note)
        and not _A_CHANGE_SAID_RE.search(_NEWLY_DIAGNOSED_RE.sub("", note))
        # (... nor how what it names is now: "Rib fractures after fall, healing.", the review of the change)
        and not _HOW_IT_IS_NOW_RE.search(note)
        and not _STATEMENT_OPENERS_RE.match(note)
        and not _A_SIZE_RE.search(note)
    ):
        return m
    return None


_TITLE_THEN_NOTE_RE = re.compile(
    r"[ \t]*(?P<title>" + _TITLE_OF_WORDS + r")\.[ \t]+(?P<note>[^\n.:;?]{3,120}?)\.?[ \t]*\n(?=[^\n]*\w)",
    re.IGNORECASE,
)
_HOW_IT_IS_NOW_RE = re.compile(
    r"\b(?:healing|healed|callus|evolving|evolution|united|non-?union)\b", re.IGNORECASE
)
_NEWLY_DIAGNOSED_RE = re.compile(r"\bnewly\s+diagnosed\b", re.IGNORECASE)
_A_SIZE_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:mm|cm)\b", re.IGNORECASE)


def _exam_title(text: str) -> re.Match[str] | None:
    """The exam's title on the report's first line, with no header of its own, which is its examination section: a
    title of capitals or one that names its protocol ("US THYROID", "MRI LEFT SHOULDER WITHOUT CONTRAST", "CT chest,
    pulmonary embolism protocol."), one that goes on with a note of the patient's, a nuclear medicine study named by
    its tracer, a first line of study and purpose, or a title of views before the patient's age line; None when the
    first line is none of these."""
    title = _EXAM_TITLE_RE.match(text) or _PROTOCOL_TITLE_RE.match(text) or _PLAIN_TITLE_RE.match(text)
    if title is not None and not _SAYS_WHAT_IS_SEEN_RE.search(title.group("title").upper()):
        return title  # (not "CXR SHOWS LARGE RIGHT PNEUMOTHORAX": a finding)
    # a title that goes on with the patient's history after a dash ("CT CAP - gastric cancer s/p total gastrectomy,
    # adjuvant chemo completed.", review rv50d; the exam line's history, as under an "EXAM:" header), or with the
    # patient after a comma, naming no device and no change ("Portable CXR, ventilated patient with ARDS.")
    dashed = _TITLE_WITH_HISTORY_RE.match(text)
    if dashed is not None and (
        _HISTORY_CUE_RE.search(dashed.group("note")) or _COMPLAINT_RE.search(dashed.group("note"))
    ):
        noted: re.Match[str] | None = dashed
    else:
        noted = _TITLE_WITH_THE_PATIENT_RE.match(text)
        if noted is not None and (
            _NOTE_NAMES_A_DEVICE_RE.search(noted.group("note"))
            or _A_CHANGE_SAID_RE.search(noted.group("note"))
        ):
            noted = None
        if noted is None:
            noted = _TITLE_WITH_A_BRACKETED_NOTE_RE.match(text)
            if noted is not None and not (
                (
                    _BRACKETED_NOTE_RE.search(noted.group("note"))
                    or _HISTORY_CUE_RE.search(noted.group("note"))
                    or _COMPLAINT_RE.search(noted.group("note"))
                )
                and all(
                    w.isdigit() or w in _BRACKETED_NOTE_WORDS or _COMPLAINT_RE.fullmatch(w)
                    for w in re.findall(r"[a-z0-9]+", noted.group("note").lower())
                )
            ):
                noted = None
    # (... not one that reports what is seen: "CXR - follow-up right effusion, now resolved")
    if noted is not None and not _NOTE_SAYS_WHAT_IS_SEEN_RE.search(noted.group("note")):
        return noted
    traced = _TRACER_TITLE_RE.match(text)
    if (
        traced is not None
        and traced.end() < len(text)
        and not _says_what_is_seen(traced.group("title"))
        and "avid" not in traced.group("title").lower()
    ):
        return traced
    # (a first line that says the study and what treatment or staging it is for, see _STUDY_PURPOSE_RE)
    line_one = _FIRST_LINE_RE.match(text)
    if (
        line_one is not None
        and line_one.end() < len(text)
        and len(line_one.group("title").split()) <= 20
        and _MODALITY_FIRST_WORDS_RE.search(line_one.group("title"))
        and _STUDY_PURPOSE_RE.search(line_one.group("title"))
        and not _says_what_is_seen(line_one.group("title"))
    ):
        return line_one
    # (... or a first sentence, on a line that goes on, that names the study and what it is done for or its protocol:
    # "CT angiogram of the chest for PE. No pulmonary arterial filling defects.", "CTA chest PE protocol. No PE.",
    # review rv71b)
    said_first = _FIRST_SENTENCE_RE.match(text)
    if (
        said_first is not None
        and said_first.end() < len(text)
        and len(said_first.group("title").split()) <= 16
        and _MODALITY_FIRST_WORDS_RE.search(said_first.group("title"))
        and _a_study_for(said_first.group("title"))
        and not _AFTER_A_PROCEDURE_RE.search(said_first.group("title"))
        and not _ANSWERED_RE.search(said_first.group("title"))
        and not _says_what_is_seen(said_first.group("title"))
    ):
        return said_first
    # a title of capitals that names no modality, or a short one of views and body parts, with the patient's age on
    # the line after it ("CHEST PA/LAT\n7 yo, cough and fever, treated for RML pneumonia 3 weeks ago per parents.",
    # review rv54a; "PA/lateral chest\n34 F, asthma, pre-op for laparoscopy.", review rv59a)
    capital = _CAPITAL_LINE_RE.match(text)
    if capital is None:
        capital = _SHORT_LINE_RE.match(text)
        if capital is not None and _VIEW_WORDS_RE.fullmatch(capital.group("title")) is None:
            capital = None
    if (
        capital is not None
        and _AGE_LINE_RE.match(text, capital.end()) is not None
        and not _SAYS_WHAT_IS_SEEN_RE.search(capital.group("title").upper())
    ):
        return capital
    return None


def parse_report(text: str) -> Report:
    """Parse report text into sections and sentences."""
    if not isinstance(text, str):
        raise TypeError(f"report text must be a string, got {type(text).__name__}")
    headers = _headers(text)
    raw: list[tuple[str, str | None, int, int]] = []
    # an exam's title on the report's first line, with no header of its own ("US THYROID", "MRI LEFT SHOULDER
    # WITHOUT CONTRAST") is its examination section
    begin = 0
    title = _exam_title(text)
    if title is not None and not (headers and headers[0][0] < title.end()):
        raw.append(("examination", None, title.start("title"), title.end("title")))
        begin = title.end()
    elif (
        title is None
        and (noted := _title_then_note(text)) is not None
        and not (headers and headers[0][0] < noted.end())
    ):
        # ("CT chest, abdomen and pelvis. Metastatic breast cancer, rising bilirubin.\nInnumerable hepatic metastases
        # ...": the title, then what the study is for, then the findings; reviews rv72c, rv73b)
        raw.append(("examination", None, noted.start("title"), noted.end("title")))
        raw.append(("history", None, noted.start("note"), noted.end("note")))
        begin = noted.end()
    # a line that opens with the patient's age, first or after the title, is the history ("CT CHEST\n6-year-old with
    # Wilms tumour (right nephrectomy), previously seen pulmonary metastases.", review rv50d)
    if (
        (aged := _AGE_LINE_RE.match(text, begin)) is not None
        and (not headers or headers[0][0] >= aged.end())
        and _ALNUM_RE.search(text, aged.end())
    ):
        raw.append(("history", None, aged.start("line"), aged.end("line")))
        begin = aged.end()
    # the referrer's line with no header of its own, first or after the title, that asks of a complaint ("CT abdomen\nPEG
    # placed yesterday, pain around the site, ?peritonitis.\nGastrostomy tube ...", review rv48c) is the history
    if (asks := _ASKING_LINE_RE.match(text, begin)) is not None and (
        not headers or headers[0][0] >= asks.end()
    ):
        line = asks.group("line")
        if _COMPLAINT_RE.search(line) and _ALNUM_RE.search(text, asks.end()):
            raw.append(("history", None, asks.start("line"), asks.end("line")))
            begin = asks.end()
    if not headers:
        raw.append(("findings", None, begin, len(text)))
    else:
        first = headers[0][0]
        if text[begin:first].strip():
            raw.append(("preamble", None, begin, first))
        for i, (_, end, h) in enumerate(headers):
            body_end = headers[i + 1][0] if i + 1 < len(headers) else len(text)
            raw.append((_canonical(h), h.strip(), end, body_end))
        # A preamble before the first header is dictated findings when the report has no FINDINGS section.
        # (... and what follows its opening sections is findings too: "Chest radiograph 03/05/2024\nComparison:
        # 28/04/2024.\nLarge right pneumothorax.")
        pre = next((k for k, r in enumerate(raw) if r[0] == "preamble"), None)
        if not any(r[0] == "findings" for r in raw):
            raw = _findings_after_the_lead(text, raw, 0 if pre is None else pre + 1)
            if pre is not None:
                raw[pre] = ("findings", None, raw[pre][2], raw[pre][3])
    # a comparison's or a technique's line followed by a line of the devices under their heading: that line is the
    # findings' ("Comparison: Yesterday.\nLines and tubes: Right IJ central venous catheter, ...\nFindings: ...",
    # review rv85d); so too after the exam's title ("CXR AP PORTABLE - POD 1 LEFT LOWER LOBECTOMY\n\nLines/tubes: Two
    # left intercostal chest drains in situ ...\n\nFindings: ...", review rv104c)
    for k in range(len(raw) - 1, -1, -1):
        name, header, b0, b1 = raw[k]
        if (
            name in ("comparison", "technique", "preamble")
            and (m := _DEVICES_HEADING_LINE_RE.search(text, b0, b1)) is not None
        ):
            raw[k : k + 1] = [(name, header, b0, m.start() + 1), ("findings", None, m.start() + 1, b1)]
    # a "Background:" said after the findings began is theirs, the background the acute findings are read against
    # ("Findings: ... Background: moderate atrophy, extensive white matter hypoattenuation from small vessel disease.",
    # review rv47b), not a history
    began = False
    for k, (name, header, b0, b1) in enumerate(raw):
        began = began or (name == "findings" and header is not None)
        if began and name == "history" and header is not None and _BACKGROUND_RE.fullmatch(header):
            raw[k] = ("findings", header, b0, b1)
    sections: list[Section] = []
    idx = 0
    said = _withdrawn_blanked(_ticked_only(text))
    for name, header, b0, b1 in raw:
        body = text[b0:b1]
        sec = Section(name=name, header=header, span=(b0, b1), text=body.strip())
        for sent_text, span in split_sentences(said[b0:b1], b0):
            sec.sentences.append(Sentence(index=idx, text=sent_text, span=span, section=name))
            idx += 1
        sections.append(sec)
    return Report(text=text, sections=sections, as_written=said == text)
