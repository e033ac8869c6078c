"""The peer a user would otherwise pick: medspaCy's ConText (default English rules) over RadPilot's lexicon.

Targets are the lexicon's synonyms and lay phrases as medspaCy TargetRules (a final ``*`` becomes a prefix
regex); compounds ("heart size is normal") are RadPilot's own mechanism and are not given to the peer.
"""

from __future__ import annotations

from typing import Any

from radpilot.eval.structuring import Labeler, Prediction
from radpilot.structure import ancestors, default_lexicon
from radpilot.structure.lexicon import tokenize_phrase


def medspacy_labeler() -> Labeler:
    import medspacy
    from loguru import logger

    logger.remove()  # PyRuSH logs every sentence at DEBUG level
    from medspacy.target_matcher import TargetRule

    nlp: Any = medspacy.load(
        medspacy_enable=["medspacy_pyrush", "medspacy_target_matcher", "medspacy_context"]
    )
    lex = default_lexicon()
    rules = []
    for obs in lex.observations.values():
        for phrase in (*obs.synonyms, *obs.lay):
            toks = tokenize_phrase(phrase)
            pattern: list[dict[str, Any]] = []
            for t in toks:
                if t.endswith("*"):
                    pattern.append({"LOWER": {"REGEX": "^" + t[:-1]}})
                else:
                    pattern.append({"LOWER": t})
            rules.append(TargetRule(phrase, obs.code, pattern=pattern))
    nlp.get_pipe("medspacy_target_matcher").add(rules)
    closure: dict[str, set[str]] = {}

    def label(text: str) -> Prediction:
        doc = nlp(text)
        pos: set[str] = set()
        present: set[str] = set()
        for ent in doc.ents:
            e: Any = ent
            if e._.is_negated or e._.is_historical or e._.is_hypothetical or e._.is_family:
                continue
            code = str(e.label_)
            codes = closure.get(code)
            if codes is None:
                codes = closure[code] = ancestors(lex, code)
            pos |= codes
            if not e._.is_uncertain:
                present |= codes
        return pos, present, not pos

    return label
