"""The learned event triggers: features, tagging, and how the coder takes them."""

from __future__ import annotations

import pycrfsuite

import warta
from warta.model import Span, replace
from warta.nlp import events
from warta.nlp.event_triggers import (
    TriggerTagger,
    default_tagger,
    sentence_features,
    sentence_tokens,
    stem,
)

# "menjemput paksa" (fetched by force) is an arrest the lexicon does not list.
TEACHING = ["Polisi menjemput paksa tersangka di rumahnya kemarin.",
            "Petugas kemudian menjemput paksa dua pelaku di Bekasi.",
            "Penyidik menjemput paksa saksi yang mangkir dari panggilan."]
CODES = {"17": {"code": "173", "label": "Arrest, detain, or charge with legal action",
                "plover": "coerce"}}


def _tagger(tmp_path):
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in TEACHING:
        text = sentence
        span = Span(0, len(text))
        tokens = sentence_tokens(text, span)
        labels = ["B-17" if w == "menjemput" else "I-17" if w == "paksa" else "O"
                  for _, _, w in tokens]
        trainer.append(sentence_features(text, span, tokens), labels)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    trainer.train(str(tmp_path / "t.crfsuite"))
    return TriggerTagger(tmp_path / "t.crfsuite", CODES)


BODY = ("Polisi menjemput paksa seorang tersangka penipuan di Depok pada Senin (5/3). "
        "Polisi juga menangkap dua tersangka lain di Bogor. "
        "Keduanya dibawa ke markas Polda Metro Jaya untuk diperiksa lebih lanjut oleh penyidik.")


def test_the_coder_adds_learned_triggers_only_where_the_lexicon_gave_no_event_of_the_root(
        tmp_path):
    tagger = _tagger(tmp_path)
    article = replace(warta.parse(BODY, stages=["sentences"]),
                      published="2018-03-05T10:00:00+07:00")
    found = events.code_events(article, tagger=tagger)
    first = [e for e in found if e.sentence == 0]
    assert [(e.code, e.trigger.text) for e in first] == [("173", "menjemput paksa")]
    assert first[0].actor1 is not None and first[0].actor1.text == "Polisi"
    # Sentence 1 has the lexicon's arrest; no second event of root 17 is learned there.
    assert [e.trigger.text for e in found if e.sentence == 1] == ["menangkap"]
    # Without learned triggers only the lexicon speaks.
    alone = events.code_events(article, tagger=tagger, learned=False)
    assert all(e.trigger.text != "menjemput paksa" for e in alone)


def test_stems_relate_the_forms_of_one_verb():
    assert {stem(w) for w in ("menangkap", "ditangkap", "penangkapan", "tangkapan")} == {
        "angkap"}
    assert {stem(w) for w in ("menyerang", "diserang", "serangannya")} == {"erang"}
    # A cluster keeps its consonant: "memprotes", "diprotes".
    assert stem("memprotes") == stem("diprotes") == "protes"


def test_the_shipped_tagger_loads_with_codes_for_the_common_roots():
    tagger = default_tagger()
    assert tagger is not None
    article = warta.parse(BODY, stages=["sentences"])
    for sentence in article.sentences:
        for found in tagger.triggers(article, sentence):
            assert sentence.start <= found.start < found.end <= sentence.end
            assert len(found.code) == 3 and found.label and found.plover


def test_the_learned_triggers_setting(tmp_path):
    import pytest

    from warta.errors import ConfigError
    from warta.settings import Settings

    assert Settings().learned_triggers is True
    assert Settings().with_(learned_triggers="off").learned_triggers is False
    assert Settings().with_(learned_triggers="1").learned_triggers is True
    with pytest.raises(ConfigError, match="true or false"):
        Settings().with_(learned_triggers="maybe")
    article = replace(warta.parse(BODY, stages=["sentences"]),
                      published="2018-03-05T10:00:00+07:00")
    lexicon_only = events.build(Settings().with_(learned_triggers=False))(article).events
    assert [(e.code, e.trigger) for e in lexicon_only] == [
        (e.code, e.trigger) for e in events.code_events(article, learned=False)]
