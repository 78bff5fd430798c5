"""The actor model (warta.nlp.event_actors): what it may choose from, how it decides, the
shipped model, and the seed article through the full default pipeline with it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import warta
from warta.model import Article, replace
from warta.nlp import event_actors, events
from warta.nlp.event_actors import ActorChoice, ActorModel
from warta.settings import Settings


def article_of(text: str) -> Article:
    return replace(warta.parse(text, stages=["sentences", "entities", "times", "quantities",
                                             "quotes"]),
                   published="2018-03-05T10:00:00+07:00")


class Recorder:
    """Keeps the rules' picks and what the model would have been shown."""

    def __init__(self) -> None:
        self.seen: list[ActorChoice] = []

    def choose(self, choice):
        self.seen.append(choice)
        return choice.source, choice.target


SUSPECT = ("Warga melaporkan seorang pria berinisial FI yang membawa barang curian ke pos "
           "polisi di Depok pada Senin (5/3). Karena itu, FI kemudian diamankan dan diperiksa. "
           "\"Uang tersebut kami sita dari rumahnya,\" kata Kapolsek Depok kepada wartawan.")


def recorded(text: str) -> tuple[list, list[ActorChoice]]:
    recorder = Recorder()
    found = events.code_events(article_of(text), chooser=recorder)
    return found, recorder.seen


def test_options_hold_pronouns_initials_and_phrases_no_dictionary_knows():
    _, seen = recorded(SUSPECT)
    kinds = {(kind, c.text) for choice in seen for kind, c in choice.extra}
    assert ("initials", "FI") in kinds
    assert ("pronoun", "kami") in kinds
    for choice in seen:
        spans = [(o.start, o.end) for o in choice.options]
        assert len(spans) == len(set(spans))  # each option once
        for picked in (choice.source, choice.target):
            assert picked is None or picked in choice.options


def _choice(text: str, source=None, target=None) -> ActorChoice:
    """A hand-made choice over the candidates the coder finds in ``text``'s first trigger."""
    _, seen = recorded(text)
    return replace_choice(seen[0], source=source, target=target)


def replace_choice(choice: ActorChoice, **changes) -> ActorChoice:
    from dataclasses import replace as dc_replace

    return dc_replace(choice, **changes)


# "Polisi menangkap dua tersangka": the rules pick both roles.
ARREST = ("Polisi menangkap dua tersangka pengedar narkoba di Medan pada Senin (5/3). "
          "Kedua tersangka itu dibawa ke markas Polda Sumatera Utara di Medan untuk diperiksa "
          "lebih lanjut oleh penyidik, dan barang bukti sabu seberat dua kilogram dibawa serta.")


def test_a_model_that_prefers_the_first_word_fills_both_roles_with_different_actors():
    choice = _choice(ARREST)
    assert len(choice.options) >= 2
    # Filling is certain, and every option scores by whether it opens the sentence: the best
    # pair cannot name the same actor twice, so the target is the next best.
    weights = {role: {"fill": {"bias": 10.0}, "pick": {"first": 5.0}}
               for role in event_actors.ROLES}
    source, target = ActorModel(weights).choose(choice)
    assert source is not None and source.text == "Polisi"
    assert target is not None and target.text != source.text


def test_a_role_stays_empty_below_the_fill_threshold():
    choice = _choice(ARREST)
    weights = {"a1": {"fill": {"bias": 10.0}, "pick": {"first": 5.0}},
               "a2": {"fill": {"bias": -1.0}, "pick": {}}}  # p(fill) = 0.27
    assert ActorModel(weights, threshold=0.5).choose(choice)[1] is None
    assert ActorModel(weights, threshold=0.2).choose(choice)[1] is not None


def test_keeping_the_rules_decides_only_the_empty_roles():
    rules = events.code_events(article_of(ARREST), learned_actors=False)
    arrest = next(e for e in rules if e.code.startswith("17"))
    assert arrest.actor1 is not None and arrest.actor2 is not None
    _, seen = recorded(ARREST)
    choice = seen[0]
    # A model that would rather name nobody keeps both of the rules' actors ...
    nobody = {role: {"fill": {"bias": -10.0}, "pick": {}} for role in event_actors.ROLES}
    assert ActorModel(nobody, keep_rules=True).choose(choice) == (choice.source, choice.target)
    assert ActorModel(nobody).choose(choice) == (None, None)
    # ... and with the target left empty, decides that role alone.
    eager = {role: {"fill": {"bias": 10.0}, "pick": {"first": -5.0}}
             for role in event_actors.ROLES}
    source, target = ActorModel(eager, keep_rules=True).choose(
        replace_choice(choice, target=None))
    assert source == choice.source and target is not None and target.text != source.text


SUPPORTED = ("Pasukan Suriah yang didukung oleh tentara Rusia menyerang wilayah yang telah "
             "diduduki oleh militan ISIS di dekat Kota Deir Az Zor pada Senin (5/3) pagi. "
             "Pertempuran itu berlangsung selama beberapa jam dan warga setempat mengungsi ke "
             "desa-desa di sekitarnya.")


def test_the_agent_of_a_passive_relative_clause_is_marked_on_its_side():
    choice = _choice(SUPPORTED)
    marked = {o.text: side for o in choice.options for side in ("before", "after")
              if event_actors.features(choice, o, "a2").get(f"relative_agent&side={side}")}
    # The army backing the subject is named before the verb, the group holding the attacked
    # area after it; the subject itself is no relative clause's agent.
    assert any("Rusia" in text and side == "before" for text, side in marked.items())
    assert any("ISIS" in text and side == "after" for text, side in marked.items())
    assert not any(text.startswith("Pasukan Suriah") for text in marked)


def test_the_shipped_model_loads_and_the_setting_turns_it_off():
    model = event_actors.default_model()
    assert model is not None
    shipped = json.loads(resources.files("warta").joinpath(
        "models/events/actors.json").read_text(encoding="utf-8"))
    assert model.keep_rules == (shipped["mode"] == "fill-empty-roles")
    assert Settings().learned_actors is True
    assert Settings().with_(learned_actors="off").learned_actors is False
    article = article_of(SUSPECT + " " + ARREST)
    off = events.build(Settings().with_(learned_actors=False))(article).events
    assert [(e.code, e.actor1, e.actor2) for e in off] == [
        (e.code, e.actor1, e.actor2) for e in events.code_events(article, learned_actors=False)]
    on = events.build(Settings())(article).events
    # The same events: the model settles actors, never which events there are.
    assert [e.trigger for e in on] == [e.trigger for e in off]
    # Keeping the rules' actors, the shipped weights only add actors to empty roles.
    keeping = ActorModel(model.weights, keep_rules=True)
    kept = events.code_events(article, chooser=keeping)
    for with_model, alone in zip(kept, off, strict=True):
        for mine, theirs in ((with_model.actor1, alone.actor1), (with_model.actor2, alone.actor2)):
            assert theirs is None or mine == theirs


@pytest.fixture(scope="module")
def seed_parsed(seed_text):
    return warta.parse(seed_text)


def test_seed_events_through_the_full_pipeline(seed_parsed):
    """Issue #6, check 1, on the seed as a user parses it (NER, times, quotes, both models)."""
    found = seed_parsed.events

    def codes(actor):
        return actor.code if actor is not None else None

    meeting = [e for e in found if e.code.startswith("04") and e.date == "2017-09-14"
               and {(codes(e.actor1) or "")[:3], (codes(e.actor2) or "")[:3]} == {"RUS", "SYR"}]
    assert meeting and meeting[0].place is not None and meeting[0].place.name == "Damascus"
    assert any("SYRGOV" in (codes(e.actor1), codes(e.actor2)) for e in meeting)
    praise = [e for e in found if e.code.startswith("05")]
    assert praise and praise[0].actor1.entity == "PER:sergei shoigu"
    assert praise[0].actor2.entity == "PER:bashar al-assad"
    fights = [e for e in found if e.code.startswith("19") and codes(e.actor1) == "SYRMIL"
              and codes(e.actor2) == "IMGMUSISI"]
    assert fights and all(e.place.name == "Deir ez-Zor" for e in fights)
    claimed = [e for e in found if e.counts.get("killed") == 450]
    assert len(claimed) == 1 and claimed[0].code.startswith("19")
    assert codes(claimed[0].actor2) == "IMGMUSISI"
    assert any(e.trigger.text == "merebut" and e.date == "2017-W36" for e in fights)


def test_a_phrase_of_function_words_is_no_option_but_a_count_of_people_is():
    # "Meski" opens a clause and names nobody; "tiga orang" and "semua pihak" name people.
    _, seen = recorded("Meski bakal didukung PDIP, Dedi Mulyadi belum mendaftar ke KPU Jawa "
                       "Barat. Hal itu disampaikan Ketua DPD Partai Golkar Jawa Barat kepada "
                       "wartawan di Bandung pada Senin (5/3) setelah rapat pleno partai yang "
                       "membahas pencalonan itu selama tiga jam.")
    texts = {o.text for choice in seen for o in choice.options}
    assert "PDIP" in texts
    assert not any(t.lower().startswith("meski") for t in texts)
    for phrase in ("tiga orang", "semua pihak", "empat lainnya", "sejumlah saksi"):
        assert events._is_noun_phrase(phrase)
    for phrase in ("Hari ini", "Jadi", "tetap", "akhirnya"):
        assert not events._is_noun_phrase(phrase)


class FirstOption:
    """Fills the source with the first option the model is shown, if any."""

    def choose(self, choice):
        return (choice.options[0] if choice.options else None), None


class Nobody:
    def choose(self, choice):
        return None, None


def test_the_model_decides_an_event_the_rules_found_no_actor_for():
    # "pihaknya berkomitmen": the rules name nobody who commits; the actor model is still asked,
    # and the event stands only if it names someone.
    text = ("Kementerian luar negeri Kuwait mengatakan, pihaknya berkomitmen untuk menerapkan "
            "resolusi Dewan Keamanan terhadap Korut. Kuwait juga akan mengurangi jumlah pekerja "
            "Korea Utara yang bekerja di negara itu dalam beberapa bulan ke depan, kata pejabat.")
    article = article_of(text)

    def committed(found):
        return [e for e in found if e.trigger.text == "berkomitmen"]

    assert not committed(events.code_events(article, learned=False, learned_actors=False))
    kept = committed(events.code_events(article, learned=False, chooser=FirstOption()))
    assert kept and kept[0].actor1 is not None
    assert not committed(events.code_events(article, learned=False, chooser=Nobody()))
