"""What the engine remembers between reports, and forgets when told to (benchmarks time each pass cold)."""

from __future__ import annotations

from radpilot.structure import StructuringEngine, default_lexicon


def test_clear_cache_forgets_sentences_word_forms_and_spellings() -> None:
    engine = StructuringEngine(lexicon=default_lexicon())
    text = "FINDINGS: Small left pleural efusion. Bibasilar atelectatic changes. No pnuemothorax."
    first = [f.to_dict() for f in engine.structure(text).findings]
    assert engine._sentences and engine.targets._forms and (engine.speller._read or engine.speller._readable)
    engine.clear_cache()
    assert not engine._sentences and not engine.speller._read and not engine.speller._readable
    assert not (engine.targets._forms or engine.modifiers._forms or engine.attributes._forms)
    # (read cold, the same findings)
    assert [f.to_dict() for f in engine.structure(text).findings] == first
    assert any(f["code"] == "pleural_effusion" for f in first)
