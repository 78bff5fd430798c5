"""The CAMEO coder on hand-checked sentences, given entities, times and quantities.

Entities here come from the entity resolver fed with mentions found by name, and the actors
are the rules' own picks (``learned_actors=False``), so these tests check the coder's own logic
whatever the NER model and the actor model find; the seed through the full default pipeline,
with both models, is checked in test_event_actors.py.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

import warta
from warta.model import Article, replace
from warta.nlp import entities, events, quotes
from warta.nlp.quantities import tag_quantities
from warta.nlp.times import tag_times

SEED_NAMES = {
    "PER": ["Bashar al-Assad", "Assad", "Sergei Shoigu", "Shoigu", "Vladimir Putin"],
    "LOC": ["Damaskus", "Suriah", "Rusia", "Deir Az Zor", "Astana"],
    "ORG": ["Negara Islam Irak dan Suriah", "ISIS", "Aljazirah"],
}


def with_entities(article: Article, names: dict[str, list[str]]) -> Article:
    """The article with entities resolved from every occurrence of the given names."""
    pairs = sorted(((n, t) for t, ns in names.items() for n in ns), key=lambda p: -len(p[0]))
    taken: set[int] = set()
    mentions = []
    for name, kind in pairs:
        for m in re.finditer(re.escape(name), article.text):
            if taken.isdisjoint(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                mentions.append((m.start(), m.end(), kind))
    found = entities.resolve(article.text, sorted(mentions), article.sentences)
    anchor = datetime.fromisoformat(article.published) if article.published else None
    article = replace(article, entities=found, times=tag_times(article.text, anchor),
                      quantities=tag_quantities(article.text))
    return replace(article, quotes=quotes.find_quotes(article))


def rules(article: Article) -> list:
    """The coder's events with the actors its rules pick (no actor model)."""
    return events.code_events(article, learned_actors=False)


@pytest.fixture(scope="module")
def seed_events(seed_text):
    article = warta.parse(seed_text, stages=["sentences"])
    return rules(with_entities(article, SEED_NAMES))


def find(found, code_prefix, trigger):
    return [e for e in found if e.code.startswith(code_prefix) and e.trigger.text == trigger]


def test_seed_meeting_in_damascus(seed_events):
    host = find(seed_events, "04", "menyambut")[0]
    assert (host.actor1.code, host.actor2.code) == ("SYRGOV", "RUSMIL")
    assert host.actor1.entity == "PER:bashar al-assad"
    assert host.place.name == "Damascus" and host.date == "2017-09-14"
    assert host.factuality == "asserted"
    met = find(seed_events, "04", "bertemu")[0]
    assert {met.actor1.text, met.actor2.text} == {"Shoigu", "Assad"}
    assert met.date == "2016-06"


def test_seed_praise_and_fighting(seed_events):
    praise = find(seed_events, "05", "mengucapkan selamat")[0]
    # "Ia mengucapkan selamat …": the pronoun as written, linked to the person it stands for.
    assert (praise.actor1.text, praise.actor2.text) == ("Ia", "Assad")
    assert praise.actor1.entity == "PER:sergei shoigu" and praise.actor1.code == "RUSMIL"
    claimed = [e for e in seed_events if e.counts.get("killed") == 450]
    assert len(claimed) == 1 and claimed[0].code.startswith("19")
    assert claimed[0].actor2.code == "IMGMUSISI" and claimed[0].factuality == "reported"
    assert claimed[0].place.name == "Deir ez-Zor"
    capture = find(seed_events, "19", "merebut")[0]
    assert (capture.actor1.code, capture.actor2.code) == ("SYRMIL", "IMGMUSISI")
    assert capture.date == "2017-W36"


def test_seed_future_and_topics_are_not_facts(seed_events):
    planned = find(seed_events, "19", "serangan")[0]
    assert planned.factuality == "future" and planned.actor1.code == "SYRMIL"
    assert not find(seed_events, "04", "Pertemuan"), "'Pertemuan itu' points back"
    assert all(e.factuality != "asserted" for e in seed_events
               if e.trigger.text in ("mengalahkan", "perundingan damai", "gencatan senjata"))


def article_of(text: str, published: str = "2018-03-05T10:00:00+07:00") -> Article:
    return replace(warta.parse(text, stages=["sentences"]), published=published)


BODY = ("Polisi menangkap tiga tersangka pengedar narkoba di Medan pada Senin (5/3). "
        "Ketiganya ditangkap oleh petugas Polda Sumatera Utara saat bertransaksi. "
        "Polisi tidak menembak para tersangka. Kapolda akan bertemu Gubernur pekan depan.")


def test_arrest_negation_and_future():
    article = with_entities(article_of(BODY),
                            {"LOC": ["Medan", "Sumatera Utara"]})
    found = rules(article)
    arrest = find(found, "173", "menangkap")[0]
    assert arrest.actor1.code == "IDNCOP" and arrest.counts == {"arrested": 3}
    assert arrest.place is not None and arrest.place.gazetteer_id == "wilayah:12.71"  # Medan
    assert arrest.date == "2018-03-05"
    passive = find(found, "173", "ditangkap")[0]
    assert passive.actor1 is not None and passive.actor1.code == "IDNCOP"
    shot = find(found, "19", "menembak")[0]
    assert shot.factuality == "negated"
    # "akan bertemu" is itself an event: CAMEO 036, an expressed intent to meet.
    intent = next(e for e in found if e.trigger.text == "akan bertemu")
    assert intent.code == "036" and (intent.actor1.code, intent.actor2.code) == ("IDNCOP",
                                                                                   "IDNGOV")


GRAMMAR = ("Nenek penjual sayur ditangkap pedagang pasar pada Rabu (28/2). "
           "Uang yang disita dari pelaku berjumlah Rp 2 juta. "
           "Uang tersebut kami sita untuk barang bukti, kata Kapolsek. "
           "Pelaku dijerat pasal berlapis. "
           "KPK menetapkan Bupati Jombang sebagai tersangka. "
           "Tentara menembak 20 demonstran di alun-alun kota.")


def test_voice_relative_clauses_and_repression():
    found = rules(with_entities(article_of(GRAMMAR), {}))
    by_trigger = {e.trigger.text: e for e in found}
    # A bare agent right after a passive verb, even one no dictionary knows.
    assert by_trigger["ditangkap"].actor1.text == "pedagang pasar"
    # "yang disita" only describes the money; "kami sita" is the act, "kami" its agent.
    assert [e.trigger.text for e in found if e.code == "171"] == ["sita"]
    assert by_trigger["sita"].actor1.text == "kami"
    # "Pelaku dijerat" is a clause, not the description "pelaku bom".
    assert by_trigger["dijerat"].actor2.text == "Pelaku"
    # "menetapkan" is a charge only with "… sebagai tersangka".
    assert by_trigger["menetapkan"].code == "173"
    # Soldiers firing on civilians: violent repression, not combat.
    assert by_trigger["menembak"].code == "175"


DIPLOMACY = ("Kuwait mengusir duta besar Korea Utara. "
             "Menteri Pertahanan Ryamizard Ryacudu membicarakan persoalan ISIS dengan Menteri "
             "Pertahanan Selandia Baru Mark Mitchell. "
             "Kuwait juga menghentikan pinjaman untuk Pyongyang, dan melarang impor. "
             "Dua pelaku menembaki gerbang kantor itu. "
             "Pasukan Demokratik Suriah memerangi militan ISIS di Raqqa.")


def test_diplomacy_and_conflict():
    names = {"PER": ["Ryamizard Ryacudu", "Mark Mitchell"],
             "LOC": ["Kuwait", "Korea Utara", "Selandia Baru", "Raqqa", "Pyongyang"],
             "ORG": ["ISIS", "Pasukan Demokratik Suriah"]}
    found = rules(with_entities(article_of(DIPLOMACY), names))
    by_trigger = {e.trigger.text: e for e in found}
    # Expelling an ambassador cuts relations (161), it is not a deportation.
    assert by_trigger["mengusir duta besar"].code == "161"
    # Who one talks with follows "dengan"; the topic comes first.
    assert "Mark Mitchell" in by_trigger["membicarakan"].actor2.text
    # "…, dan melarang impor": the coordinated verb shares the sentence's subject.
    assert by_trigger["melarang impor"].code == "163"
    assert by_trigger["melarang impor"].actor1.text == "Kuwait"
    # Criminals firing a gun: unconventional violence (18), not combat.
    assert by_trigger["menembaki"].code == "180"
    # Rebels fighting a militant group: a battle (190), not a one-off attack.
    assert by_trigger["memerangi"].code == "190"


TENTH_ROUND = ("Satgas 115 menenggelamkan 81 kapal pencuri ikan. "
               "Polisi menerbitkan surat perintah penangkapan untuk Rizieq. "
               "Masinton menantang pimpinan KPK. "
               "Saksi itu dimintai keterangan oleh penyidik. "
               "Kementerian Komunikasi dan Informatika memblokir layanan Telegram. "
               "Novel tidak setuju dengan rencana Aris.")


def test_triggers_the_tenth_round_added():
    names = {"PER": ["Rizieq", "Masinton", "Novel", "Aris"],
             "ORG": ["KPK", "Kementerian Komunikasi dan Informatika", "Satgas 115"]}
    found = rules(with_entities(article_of(TENTH_ROUND), names))
    codes = {e.trigger.text: e.code for e in found}
    assert codes["menenggelamkan"] == "171"  # sinking seized boats destroys property
    assert codes["menerbitkan surat perintah penangkapan"] == "173"  # the arrest ordered
    assert codes["menantang"] == "100"
    assert codes["dimintai keterangan"][:2] == "09"
    assert codes["memblokir"] == "172"
    assert codes["tidak setuju"] == "120"
    by_trigger = {e.trigger.text: e for e in found}
    # A passive questioning: the agent follows "oleh", the subject is questioned.
    assert by_trigger["dimintai keterangan"].actor1.text == "penyidik"
    assert by_trigger["dimintai keterangan"].actor2.text == "Saksi itu"


ELEVENTH_ROUND = ("Menlu Retno menghubungi Penasihat Keamanan Myanmar pada Senin. "
                  "Aliansi pemberontak menyalahkan pemerintah atas serangan itu. "
                  "Sandiaga mempertanyakan dampak proyek reklamasi. "
                  "Kontras mengajukan uji materi ke Mahkamah Konstitusi. "
                  "Jaringan itu merencanakan serangan di Bandung. "
                  "Polisi menghimbau warga tetap tenang. "
                  "Kapolda menampik tudingan itu. "
                  "Penyidik mengidentifikasi jenazah korban. "
                  "Polisi menangkap komplotan itu di Depok.")


def test_triggers_the_eleventh_round_added():
    names = {"PER": ["Retno", "Sandiaga"], "ORG": ["Kontras", "Mahkamah Konstitusi"]}
    found = rules(with_entities(article_of(ELEVENTH_ROUND), names))
    codes = {e.trigger.text: e.code for e in found}
    assert codes["menghubungi"] == "041"
    assert codes["menyalahkan"] == "112"
    assert codes["mempertanyakan"] == "111"
    assert codes["mengajukan uji materi"] == "115"
    assert codes["merencanakan serangan"] == "180"
    assert codes["menghimbau"] == "020"  # the common spelling of "mengimbau"
    assert codes["menampik"] == "110"
    assert codes["mengidentifikasi"][:2] == "09"
    by_trigger = {e.trigger.text: e for e in found}
    assert by_trigger["menghubungi"].actor1.text == "Menlu Retno"
    # A gang is a criminal actor.
    assert by_trigger["menangkap"].actor2.code == "IDNCRM"


def test_territory_takes_the_code_of_who_holds_it():
    text = ("Tentara Irak mengepung kawasan kota tua yang masih dikuasai oleh militan ISIS sejak "
            "2014. Pasukan Irak juga mengepung kawasan pasar di tepi sungai pada Senin malam. "
            "Menurut juru bicara militer, warga diminta tidak keluar rumah karena operasi "
            "pembersihan diperkirakan berlangsung hingga akhir pekan ini.")
    article = with_entities(article_of(text), {"ORG": ["ISIS"]})

    def phrase_code(words):
        start = text.index(words)
        return events._phrase(article, start, start + len(words), None).code

    # Held territory is its holder's, as the annotated set codes it ("daerah yang dikuasai
    # pemberontak" SYRREB); territory nobody is said to hold has no code.
    assert phrase_code("kawasan kota tua") == "IMGMUSISI"
    assert phrase_code("kawasan pasar") is None


def test_speaker_scored_by_any_name_the_article_gives_the_entity():
    from warta.evaluate.events import _match_quotes

    text = ("Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi pada Senin di Jakarta. "
            "KPK menyatakan bahwa pemeriksaan itu berjalan lancar dan akan dilanjutkan pekan "
            "depan dengan saksi lain dari kementerian.")
    article = with_entities(article_of(text), {"ORG": ["Komisi Pemberantasan Korupsi", "KPK"]})
    [quote] = article.quotes
    [kpk] = [e for e in article.entities if e.key == quote.speaker_entity]
    assert kpk.name == "KPK" and "Komisi Pemberantasan Korupsi" in kpk.aliases
    gold = {"start": quote.start, "end": quote.end, "speaker": "",
            "speaker_refers_to": "Komisi Pemberantasan Korupsi"}
    assert _match_quotes(article, [gold]) == (1, 1, 1, 1, 1)
    wrong = dict(gold, speaker_refers_to="Kejaksaan Agung")
    assert _match_quotes(article, [wrong]) == (1, 1, 0, 1, 1)
    # Two gold quotes found by the one predicted quote: recall 2, precision 1 of 1.
    halves = [dict(gold, end=(quote.start + quote.end) // 2),
              dict(gold, start=(quote.start + quote.end) // 2)]
    assert _match_quotes(article, halves)[::3] == (2, 1) and _match_quotes(article, halves)[4] == 1

# --- quality gate --------------------------------------------------------------------------

#: Floors from the measured figures of the dev split (the 456 articles the rules are tuned on
#: and the learned trigger tagger and actor model are trained on), rounded down by about 0.01:
#: events with correct actors P 0.663 / R 0.721, root only P 0.832 / R 0.903; quotes found
#: 0.919, speaker accuracy 0.878. This is a regression guard, not an estimate of quality on new
#: text: the models have seen these articles (their cross-validated figures are in
#: src/warta/models/events/MODEL_CARD.md),
#: and the test split is read only by `warta eval events --split test` when a round is reported
#: (eval/events/README.md), so that running the suite while tuning never shows test figures.
#: Floors only move up, except when the dev split grows (136, 161, 186, 211, 236, 261, 276, 301,
#: 312, 332, 352, 396, 426, 456: the new batch was annotated blind and scores like new text), a
#: model is added (the tagger, the actor model) or a change raises the cross-validated figures while
#: lowering these in-sample ones (session 8: the actor model also decides events the rules found
#: no actor for, CV 0.560 / 0.391 -> 0.559 / 0.399, in sample 0.638 / 0.684 -> 0.628 / 0.682).
EVENT_FLOOR = {"precision": 0.65, "recall": 0.71, "root_only_precision": 0.82,
               "root_only_recall": 0.89}
QUOTE_FLOOR = {"recall": 0.91, "speaker_accuracy": 0.87}


def test_quality_gate_events_and_quotes_on_dev_set(indosum):
    from pathlib import Path

    from warta.evaluate.events import evaluate

    folder = indosum
    gold = Path(__file__).resolve().parent.parent / "eval" / "events" / "gold.jsonl"
    report = evaluate(gold, folder, "dev")
    assert report["articles"] == 456 and not report["drifted_articles"]
    for key, floor in EVENT_FLOOR.items():
        assert report["events"][key] >= floor, (key, report["events"])
    for key, floor in QUOTE_FLOOR.items():
        assert report["quotes"][key] >= floor, (key, report["quotes"])
    # Precision and recall by CAMEO root add up to the totals.
    by_root = report["events"]["by_root"]
    assert sum(r["predicted"] for r in by_root.values()) == report["events"]["predicted"]
    assert sum(r["gold"] for r in by_root.values()) == report["events"]["gold"]
    assert all(0 <= r["precision"] <= 1 and 0 <= r["recall"] <= 1 for r in by_root.values())


NOT_ACTS = ("Warga yang ikut ditangkap polisi berjumlah empat orang. "
            "Kebutuhan mendesak warga saat ini adalah air bersih. "
            "Dalam surat itu, seolah-olah Gubernur meminta dukungan warga. "
            "Polisi menangkap PT Maju Jaya di Bekasi. "
            "Polisi juga mengamankan YIK di rumahnya. "
            "Sistem rudal ini dapat melumpuhkan 36 target sekaligus.")


def test_relative_adjectival_counterfactual_and_who_can_be_arrested():
    found = rules(with_entities(article_of(NOT_ACTS),
                                             {"ORG": ["PT Maju Jaya", "YIK"]}))
    by_sentence = {e.sentence: e for e in found}
    assert 0 not in by_sentence  # "yang ikut ditangkap": a relative clause
    assert 1 not in by_sentence  # "kebutuhan mendesak": urgent, not a demand
    assert 2 not in by_sentence  # "seolah-olah … meminta": did not happen
    company = by_sentence[3]
    assert company.code == "173" and company.actor2 is None  # a company is not arrested
    suspect = by_sentence[4]
    assert suspect.actor2 is not None and suspect.actor2.text == "YIK"  # initials are a person
    assert 5 not in by_sentence  # "dapat melumpuhkan": a capability, not an attack


def test_confidence_is_the_fitted_probability(monkeypatch):
    # The shipped weights load, every event gets a probability, and the score is the logistic
    # of the weighted features: with a known weight table the arithmetic can be checked.
    from warta.nlp import event_confidence

    text = ("Polisi menangkap dua tersangka pencurian sepeda motor di Jakarta Timur, Senin "
            "(4/9). Kedua tersangka kini ditahan di Polres Jakarta Timur untuk diperiksa. "
            "Menurut polisi, keduanya sudah beraksi di tujuh lokasi sejak awal tahun ini dan "
            "menjual motor curian itu ke luar kota.")
    article = warta.parse(text, published="2017-09-05T10:00:00+07:00")
    assert article.events and all(0.0 <= e.confidence <= 1.0 for e in article.events)
    assert event_confidence._weights() is not None
    # The stage writes the fitted probability, not the coder's rule-based score.
    fitted = event_confidence.score(article, article.events)
    assert fitted is not None
    assert [e.confidence for e in article.events] == [round(p, 2) for p in fitted]
    monkeypatch.setattr(event_confidence, "_weights", lambda: {"bias": 1.0, "root=17": -1.0})
    arrest = next(e for e in article.events if e.code.startswith("17"))
    assert event_confidence.score(article, [arrest]) == [0.5]  # logistic(1 - 1)
    monkeypatch.setattr(event_confidence, "_weights", lambda: None)
    assert event_confidence.score(article, [arrest]) is None  # the rule-based score stays


def test_cli_events_min_confidence():
    from typer.testing import CliRunner

    from warta.cli.main import app

    from conftest import SEED

    def rows(*extra: str) -> list[dict]:
        result = CliRunner().invoke(app, ["events", str(SEED), "--format", "jsonl", *extra])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    every = rows()
    sure = rows("--min-confidence", "0.7")
    assert sure and len(sure) < len(every)
    assert all(r["confidence"] >= 0.7 for r in sure)
    assert all(r in every for r in sure)


def test_not_only_is_no_negation():
    assert events._factuality("Jadi, bukan hanya ", False, False) == "asserted"
    assert events._factuality("Ia tidak saja ", False, False) == "asserted"
    assert events._factuality("Polisi tidak ", False, False) == "negated"


def test_origin_country_and_citizens():
    text = ("Seorang pria asal Uzbekistan menerobos masuk ke satu kelab malam di Istanbul dan "
            "melepaskan tembakan secara membabi buta. Warga kemudian mengamankan pria itu "
            "sebelum polisi tiba di kelab malam tersebut pada Minggu dini hari.")
    found = rules(with_entities(article_of(text), {"LOC": ["Istanbul"]}))
    shooting = next(e for e in found if e.trigger.text == "melepaskan tembakan")
    # A man from Uzbekistan is not the Uzbek state: unconventional violence by a civilian.
    assert shooting.code.startswith("18") and shooting.actor1.code == "UZBCVL"
    assert shooting.actor2 is None  # "secara membabi buta" is how, not whom
    held = next(e for e in found if e.trigger.text == "mengamankan")
    assert held.code == "170"  # citizens holding a man coerce; only authorities arrest
    assert (held.label, held.plover) == ("Coerce", "coerce")


LEFTOVERS = ("Menurut warga, sekelompok pemuda sangat menolak rencana itu. "
             "Dua orang tewas ditembak di sebuah desa dekat perbatasan. "
             "Warga desa itu mengatakan penembakan terjadi pada malam hari ketika mereka tidur.")


def test_actor_phrases_lose_leftover_words_and_unnamed_shooting_is_violence():
    found = rules(with_entities(article_of(LEFTOVERS), {}))
    by_sentence = {e.sentence: e for e in found}
    # "sekelompok pemuda sangat": the adverb left before the verb is no part of the actor.
    assert by_sentence[0].actor1 is not None
    assert by_sentence[0].actor1.text == "sekelompok pemuda"
    # Shot by nobody named, not in a battle against militants: an assault (18), not combat.
    assert by_sentence[1].code[:2] == "18"


def test_a_staff_word_takes_its_employers_role():
    from warta.nlp.event_lexicon import actor_code

    # KPK investigators act for the anti-graft commission (JUD), not the police.
    assert actor_code("penyidik KPK", None, "IDN") == "IDNJUD"
    assert actor_code("pejabat Kementerian Pertahanan", None, "IDN") == "IDNMIL"
    # Alone, a staff word keeps its own role.
    assert actor_code("penyidik", None, "IDN") == "IDNCOP"
    assert actor_code("Menteri Pertahanan Rusia", None, "IDN") == "RUSMIL"


def test_a_clitic_nya_does_not_hide_a_trigger():
    from warta.nlp.event_lexicon import find_triggers, is_noun

    text = "Serangannya menewaskan dua orang. Mereka lalu menyerangnya lagi."
    keys = [key for _, _, key in find_triggers(text, 0, len(text))]
    assert keys == ["serangan", "menewaskan", "menyerang"]
    # The span is the word as written, and "serangannya" is still a noun.
    assert text[0:11] == "Serangannya" and is_noun("Serangannya")


def test_roles_alone_take_the_country_the_story_is_about():
    # No dateline, but every place is in Pakistan: "polisi" there are Pakistan's police. With
    # Indonesia named as often, the roles stay Indonesian.
    text = ("Sekelompok militan menyerang sekolah polisi di Quetta, Pakistan, pada Senin malam. "
            "Polisi menangkap dua tersangka di Quetta setelah baku tembak selama lima jam. "
            "Serangan itu adalah yang terburuk di Pakistan tahun ini, kata pejabat setempat.")
    places = {"LOC": ["Quetta", "Pakistan"]}
    arrest = next(e for e in rules(with_entities(article_of(text), places))
                  if e.trigger.text == "menangkap")
    assert arrest.actor1 is not None and arrest.actor1.code == "PAKCOP"
    # A person named with an office alone is the outlet's own (foreign ones carry a country).
    visit = text + " Menteri Luar Negeri Retno Marsudi mengunjungi sekolah itu pada Selasa."
    found = rules(with_entities(article_of(visit), {**places, "PER": ["Retno Marsudi"]}))
    visited = next(e for e in found if e.trigger.text == "mengunjungi")
    assert visited.actor1 is not None and visited.actor1.code == "IDNGOV"
    at_home = text + " Indonesia mengecam serangan itu. Indonesia dan Indonesia siaga."
    arrest = next(e for e in rules(with_entities(article_of(at_home),
                                                 {"LOC": ["Quetta", "Pakistan", "Indonesia"]}))
                  if e.trigger.text == "menangkap")
    assert arrest.actor1 is not None and arrest.actor1.code == "IDNCOP"


def test_against_after_a_fight_is_its_preposition():
    text = ("Sejauh ini, Hamas telah tiga kali berperang melawan Israel sejak 2007. "
            "Kelompok itu menguasai Jalur Gaza sejak memenangi pemilu pada tahun 2006, "
            "kata para analis kepada wartawan di Gaza pada hari Senin.")
    found = [e for e in rules(with_entities(article_of(text), {"ORG": ["Hamas"]}))
             if e.code[:2] in ("18", "19") and e.sentence == 0]
    assert [e.trigger.text for e in found] == ["berperang"]
    assert found[0].actor1 is not None and found[0].actor1.code == "PSEREB"


def test_sanctions_suspensions_thanks_and_offers_to_mediate():
    text = ("Jepang akan membekukan aset enam organisasi Korea Utara. "
            "Tentara Nasional Indonesia menangguhkan kerja sama dengan militer Australia. "
            "Presiden Joko Widodo berterima kasih kepada pemerintah Bangladesh atas bantuannya. "
            "Sekjen PBB Antonio Guterres bersedia membantu menengahi konflik kedua negara.")
    names = {"LOC": ["Jepang", "Korea Utara", "Australia", "Bangladesh"],
             "ORG": ["Tentara Nasional Indonesia", "PBB"],
             "PER": ["Joko Widodo", "Antonio Guterres"]}
    codes = {e.trigger.text: e.code for e in rules(with_entities(article_of(text), names))}
    assert codes["membekukan aset"] == "163"
    assert codes["menangguhkan kerja sama"] == "162"
    assert codes["berterima kasih kepada"] == "051"
    assert codes["bersedia membantu menengahi"] == "039"
