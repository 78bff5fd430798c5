"""Entity resolution inside one article (warta.nlp.entities), on hand-made NER mentions."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.model import Article, Dateline, Span, replace
from warta.nlp.entities import build, entity_key, resolve, resolve_dateline

# Sentences of the seed article (Republika, 14 Sep 2017), with a caption line in front.
SEED = (
    "Bashar Al-Assad\n\n"
    "REPUBLIKA.CO.ID,  DAMASKUS--- Presiden Suriah Bashar al-Assad menyambut Menteri "
    "Pertahanan Rusia Sergei Shoigu di ibu kota Damaskus. Penyambutan ini dilakukan karena "
    "pasukan Suriah yang didukung oleh tentara Rusia bersiap untuk melakukan serangan terakhir "
    "ke bagian timur Kota Deir Az Zor.\n\n"
    "Dilansir dari Aljazirah, Kamis (14/9), Shoigu memberikan sebuah surat dari Presiden Rusia "
    "Vladimir Putin kepada Assad. Ia juga mengucapkan selamat kepada Assad karena berhasil "
    "mengepung Negara Islam Irak dan Suriah (ISIS) di Kota Deir Az Zor.\n\n"
    "Shoigu dan Assad terakhir bertemu pada bulan Juni 2016 di Damaskus. Pertemuan itu membahas "
    "kerja sama militer dan strategi untuk mengalahkan ISIS di Suriah.\n\n"
    "Pemerintah Damaskus telah memiliki banyak kemenangan dan saat ini menguasai hampir semua "
    "kota utama Suriah. Hilangnya Deir Az Zor akan menjadi pukulan besar bagi ISIS."
)


def sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.?", text)]


def at(text: str, phrase: str, kind: str, nth: int = 0) -> tuple[int, int, str]:
    """The ``nth`` occurrence of ``phrase`` as a mention."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(phrase, start + 1)
        assert start >= 0, phrase
    return (start, start + len(phrase), kind)


def seed_mentions() -> list[tuple[int, int, str]]:
    """What a tagger could plausibly return: some full names, some short, not every mention."""
    return [
        at(SEED, "Bashar Al-Assad", "PER"),
        at(SEED, "DAMASKUS", "LOC"),
        at(SEED, "Bashar al-Assad", "PER"),
        at(SEED, "Sergei Shoigu", "PER"),
        at(SEED, "Damaskus", "LOC"),
        at(SEED, "Rusia", "ORG", 1),  # "tentara Rusia": the state, as a tagger may label it
        at(SEED, "Deir Az Zor", "LOC"),
        at(SEED, "Aljazirah", "ORG"),
        at(SEED, "Shoigu", "PER", 1),
        at(SEED, "Vladimir Putin", "PER"),
        at(SEED, "Assad", "PER", 2),
        at(SEED, "Negara Islam Irak dan Suriah", "ORG"),
        at(SEED, "Suriah", "LOC", 4),
        at(SEED, "ISIS", "ORG", 1),
    ]


@pytest.fixture(scope="module")
def seed_entities():
    return resolve(SEED, seed_mentions(), sentences(SEED))


def by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.key) for e in entities]
    return found[0]


def test_assad_is_one_person_with_his_title(seed_entities):
    assad = by_name(seed_entities, "Bashar al-Assad")
    assert assad.type == "PER"
    assert assad.key == "PER:bashar al-assad"
    assert assad.titles == ["Presiden Suriah"]
    texts = [m.text for m in assad.mentions]
    assert "Bashar Al-Assad" in texts and "Assad" in texts
    assert len(assad.mentions) >= 5  # the tagger gave 3; the rest are found by name
    assert [e for e in seed_entities if "assad" in e.key] == [assad]


def test_shoigu_and_putin_with_their_titles(seed_entities):
    shoigu = by_name(seed_entities, "Sergei Shoigu")
    assert shoigu.titles == ["Menteri Pertahanan Rusia"]
    assert {m.text for m in shoigu.mentions} == {"Sergei Shoigu", "Shoigu"}
    assert len(shoigu.mentions) == 3
    putin = by_name(seed_entities, "Vladimir Putin")
    assert putin.titles == ["Presiden Rusia"]


def test_isis_joins_its_expansion(seed_entities):
    isis = by_name(seed_entities, "ISIS")
    assert isis.type == "ORG"
    assert isis.key == "ORG:isis"
    assert isis.aliases == ["Negara Islam Irak dan Suriah"]
    assert len(isis.mentions) == 4  # the expansion and every "ISIS"


def test_places(seed_entities):
    damaskus = by_name(seed_entities, "Damaskus")  # DAMASKUS in the dateline joins it
    assert damaskus.type == "GPE"
    assert damaskus.key == "geonames:170654"
    assert damaskus.place is not None and damaskus.place.name == "Damascus"
    assert any(m.text == "DAMASKUS" for m in damaskus.mentions)
    deir = by_name(seed_entities, "Deir Az Zor")
    assert deir.place is not None and deir.place.country_code == "SY"
    assert deir.place.latitude is not None
    assert by_name(seed_entities, "Suriah").key == "iso:SY"
    rusia = by_name(seed_entities, "Rusia")
    assert rusia.key == "iso:RU" and rusia.type == "GPE"  # the ORG-tagged mention joined it


def test_mentions_are_exact_sorted_and_disjoint(seed_entities):
    spans = []
    for entity in seed_entities:
        assert entity.mentions == sorted(entity.mentions, key=lambda m: m.start)
        for mention in entity.mentions:
            assert SEED[mention.start : mention.end] == mention.text
            spans.append((mention.start, mention.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    firsts = [e.mentions[0].start for e in seed_entities]
    assert firsts == sorted(firsts)


def test_title_inside_the_mention_is_split_off():
    text = "Presiden Suriah Bashar al-Assad menyambut tamunya. Assad tersenyum."
    entities = resolve(text, [at(text, "Presiden Suriah Bashar al-Assad", "PER"),
                              at(text, "Assad", "PER", 1)], sentences(text))
    [assad] = [e for e in entities if e.type == "PER"]
    assert assad.name == "Bashar al-Assad"
    assert assad.titles == ["Presiden Suriah"]
    assert [m.text for m in assad.mentions] == ["Bashar al-Assad", "Assad"]


def test_first_name_the_tagger_missed_joins_the_name():
    text = "Kemarin Presiden Suriah Bashar al-Assad menyambut tamunya."
    [assad] = [e for e in resolve(text, [at(text, "al-Assad", "PER")], sentences(text))
               if e.type == "PER"]
    assert assad.name == "Bashar al-Assad"
    assert assad.titles == ["Presiden Suriah"]


def test_namesakes_with_full_names_stay_apart():
    text = ("Joko Widodo bertemu Iriana Widodo di Istana. Kemudian Iriana Widodo pergi. "
            "Widodo lalu berpidato.")
    mentions = [at(text, "Joko Widodo", "PER"), at(text, "Iriana Widodo", "PER"),
                at(text, "Iriana Widodo", "PER", 1), at(text, "Widodo", "PER", 3)]
    people = [e for e in resolve(text, mentions, sentences(text)) if e.type == "PER"]
    assert sorted(e.name for e in people) == ["Iriana Widodo", "Joko Widodo"]
    iriana = next(e for e in people if e.name == "Iriana Widodo")
    assert len(iriana.mentions) == 3  # the lone "Widodo" goes to the one mentioned last


def test_a_short_form_of_a_name_given_earlier_is_that_person():
    text = ("Wakil Ketua KPK Alexander Marwata hadir. Alex lalu berbicara. Syarif datang, "
            "kemudian Menteri Syarifuddin Hasan dan Menteri Syarifudin Amir tiba. Syarif pulang.")
    mentions = [at(text, "Alexander Marwata", "PER"), at(text, "Alex", "PER", 1),
                at(text, "Syarif", "PER"), at(text, "Syarifuddin Hasan", "PER"),
                at(text, "Syarifudin Amir", "PER"), at(text, "Syarif", "PER", 3)]
    people = {e.name: [m.text for m in e.mentions]
              for e in resolve(text, mentions, sentences(text))}
    # "Alex" after "Alexander Marwata" is him, while no other name could be meant.
    assert people["Alexander Marwata"] == ["Alexander Marwata", "Alex"]
    # A short form before the full name, or one that fits two people (the second "Syarif"),
    # stays apart.
    assert people["Syarif"] == ["Syarif", "Syarif"]
    assert people["Syarifuddin Hasan"] == ["Syarifuddin Hasan"]


def test_address_words_and_honorifics():
    text = "Pak Budi Santoso datang. Prof. Dr. H. Ahmad Syafii hadir. Budi Santoso pulang."
    mentions = [at(text, "Pak Budi Santoso", "PER"), at(text, "Ahmad Syafii", "PER"),
                at(text, "Budi Santoso", "PER", 1)]
    # As the sentencizer splits it: not after the abbreviations.
    spans = [Span(0, 23), Span(24, 56), Span(57, len(text))]
    people = {e.name: e for e in resolve(text, mentions, spans)}
    assert people["Budi Santoso"].titles == []  # "Pak" is a form of address, not a title
    assert len(people["Budi Santoso"].mentions) == 2
    assert people["Ahmad Syafii"].titles == ["Prof. Dr. H."]


def test_a_bare_title_is_not_a_person():
    text = "Presiden mengatakan hal itu."
    assert resolve(text, [at(text, "Presiden", "PER")], sentences(text)) == []


def test_a_mention_that_only_completes_a_title_is_not_a_person():
    # The tagger marks "Agung" of "Jaksa Agung" (Attorney General) as a name; with the word
    # before it, it is a title of its own, and a common given name elsewhere.
    text = "Jaksa Agung M Prasetyo menolak. Jaksa Agung juga menegaskan hal itu."
    entities = resolve(text, [at(text, "M Prasetyo", "PER"), at(text, "Agung", "PER", 1)],
                       sentences(text))
    [person] = [e for e in entities if e.type == "PER"]
    assert person.name == "M Prasetyo"
    assert person.titles == ["Jaksa Agung"]


def test_the_area_after_a_title_is_not_a_person():
    # "Kapolsek Tambun" is the police chief of Tambun, which the article also names in
    # "Polsek Tambun"; "Gubernur Ahok" is a person with a one-word name.
    text = ("Boby Kusumawardhana, Kapolsek Tambun, mengatakan pelaku dibawa ke Polsek Tambun. "
            "Relawan Teman Ahok berkumpul. Gubernur Ahok hadir.")
    mentions = [at(text, "Boby Kusumawardhana", "PER"), at(text, "Tambun", "PER"),
                at(text, "Polsek Tambun", "ORG"), at(text, "Teman Ahok", "ORG"),
                at(text, "Ahok", "PER", 1)]
    people = [e.name for e in resolve(text, mentions, sentences(text)) if e.type == "PER"]
    assert people == ["Boby Kusumawardhana", "Ahok"]


def test_a_name_that_opens_like_an_organisation_is_one():
    text = "Hal itu disampaikan Kasat Reskrim Polresta Depok, Kompol Teguh Nugroho, Senin."
    mentions = [at(text, "Reskrim Polresta Depok", "PER"), at(text, "Teguh Nugroho", "PER")]
    found = {e.name: e for e in resolve(text, mentions, sentences(text))}
    assert found["Polresta Depok"].type == "ORG" and found["Polresta Depok"].titles == []
    assert found["Teguh Nugroho"].type == "PER"


def test_spellings_of_one_name_join():
    # The old spelling (Soeharto), and a foreign c written k (Victor, Viktor).
    text = ("Kompol Victor Ziliwu memimpin operasi. Menurut Viktor, pelaku ditangkap. "
            "Presiden Soeharto dikenang. Suharto memerintah lama.")
    mentions = [at(text, "Victor Ziliwu", "PER"), at(text, "Viktor", "PER"),
                at(text, "Presiden Soeharto", "PER"), at(text, "Suharto", "PER")]
    people = {e.name: e for e in resolve(text, mentions, sentences(text)) if e.type == "PER"}
    assert [m.text for m in people["Victor Ziliwu"].mentions] == ["Victor Ziliwu", "Viktor"]
    assert len(people) == 2  # Soeharto and Suharto are one person


def test_a_rank_inside_a_place_or_an_organisation_opens_a_person():
    # The tagger ran a place and an office on into a rank and a name; "Direktorat Jenderal" keeps
    # its long-form rank word.
    text = ("Kapolsek Simpang Kramat Ipda Abdul Azis menjelaskan kasus itu. Kasubaghumas "
            "Polrestabes Bandung Kompol Reny Marthaliana hadir. Direktorat Jenderal Pajak diam.")
    mentions = [at(text, "Simpang Kramat Ipda Abdul Azis", "LOC"),
                at(text, "Kasubaghumas Polrestabes Bandung Kompol Reny Marthaliana", "ORG"),
                at(text, "Direktorat Jenderal Pajak", "ORG")]
    found = {e.name: e for e in resolve(text, mentions, sentences(text))}
    assert found["Abdul Azis"].type == "PER" and found["Abdul Azis"].titles[-1].endswith("Ipda")
    assert found["Reny Marthaliana"].type == "PER"
    assert found["Direktorat Jenderal Pajak"].type == "ORG"


def test_two_names_joined_by_alias_are_one_person():
    text = ("KPK menahan Andi Agustinus alias Andi Narogong di Jakarta. Andi Narogong diperiksa "
            "delapan jam. Budi Santoso dan Bule juga hadir.")
    mentions = [at(text, "Andi Agustinus", "PER"), at(text, "Andi Narogong", "PER"),
                at(text, "Budi Santoso", "PER"), at(text, "Bule", "PER")]
    people = [e for e in resolve(text, mentions, sentences(text)) if e.type == "PER"]
    assert [(e.name, [m.text for m in e.mentions]) for e in people] == [
        ("Andi Agustinus", ["Andi Agustinus", "Andi Narogong", "Andi Narogong"]),
        ("Budi Santoso", ["Budi Santoso"]), ("Bule", ["Bule"])]  # "dan" joins two people


def test_an_old_ch_for_an_arabic_h_joins():
    # "ch" before a consonant was written for "h": Muchsin is Muhsin, and Chandra stays apart.
    text = ("Ketua FPI DKI Jakarta, Habib Muchsin Al Atas, datang. Muhsin menyebutkan mobil "
            "terbakar. Chandra Wijaya juga hadir.")
    mentions = [at(text, "Habib Muchsin Al Atas", "PER"), at(text, "Muhsin", "PER"),
                at(text, "Chandra Wijaya", "PER")]
    people = [e for e in resolve(text, mentions, sentences(text)) if e.type == "PER"]
    assert [[m.text for m in e.mentions] for e in people] == [
        ["Muchsin Al Atas", "Muhsin"], ["Chandra Wijaya"]]  # "Habib" is a title


def test_a_surname_after_a_title_is_the_person():
    # The tagger found "Doug Chin" once; "Jaksa Agung Chin" later is him. A surname alone
    # elsewhere is not looked for ("Chin" in "Chin Hotel" stays out).
    text = ("Putusan itu disambut Jaksa Agung Hawaii Doug Chin. Jaksa Agung Chin menyambut baik "
            "putusan tersebut. Ia menginap di Chin Hotel.")
    entities = resolve(text, [at(text, "Doug Chin", "PER")], sentences(text))
    [chin] = [e for e in entities if e.type == "PER"]
    assert [m.text for m in chin.mentions] == ["Doug Chin", "Chin"]


def test_initialism_without_brackets():
    text = "Komisi Pemberantasan Korupsi memeriksa saksi. KPK menolak berkomentar."
    entities = resolve(text, [at(text, "Komisi Pemberantasan Korupsi", "ORG"),
                              at(text, "KPK", "ORG")], sentences(text))
    assert len(entities) == 1
    assert entities[0].name == "KPK"
    assert entities[0].aliases == ["Komisi Pemberantasan Korupsi"]


def test_acronym_the_tagger_put_inside_the_mention():
    text = "Negara Islam Irak dan Suriah (ISIS) mundur."
    [isis] = resolve(text, [at(text, "Negara Islam Irak dan Suriah (ISIS)", "ORG")],
                     sentences(text))
    assert isis.name == "ISIS"
    assert [m.text for m in isis.mentions] == ["Negara Islam Irak dan Suriah", "ISIS"]


def test_bracketed_country_is_not_an_alias():
    text = "Pasukan tiba di Deir Az Zor (Suriah) kemarin."
    entities = resolve(text, [at(text, "Deir Az Zor", "LOC"), at(text, "Suriah", "LOC")],
                       sentences(text))
    assert [e.key for e in entities] == ["geonames:170794", "iso:SY"]


def test_unresolved_place_keeps_a_name_key():
    text = "Warga berkumpul di Lapangan Banteng Utara Raya."
    [place] = resolve(text, [at(text, "Lapangan Banteng Utara Raya", "LOC")], sentences(text))
    assert place.type == "LOC" and place.place is None
    assert place.key == "LOC:lapangan banteng utara raya"


def test_bad_mentions_are_ignored():
    text = "Assad menyambut Shoigu."
    mentions = [(-5, 0, "PER"), (100, 120, "PER"), (5, 5, "PER"), (5, 6, "PER"), (0, 5, "PER"),
                (1, 4, "PER"), (15, 23, "PER")]
    entities = resolve(text, mentions, sentences(text))
    assert [[m.text for m in e.mentions] for e in entities] == [["Assad"], ["Shoigu"]]


def test_entity_key():
    assert entity_key("PER", "  Bashar   al-Assad ") == "PER:bashar al-assad"
    assert entity_key("ORG", "Café Bénédicte") == "ORG:cafe benedicte"


@pytest.mark.parametrize(
    ("dateline", "name"),
    [("DAMASKUS", "Damascus"), ("Jakarta", "Daerah Khusus Ibukota Jakarta"),
     ("JAKARTA, KOMPAS.com", "Daerah Khusus Ibukota Jakarta"),
     ("REPUBLIKA.CO.ID,  DAMASKUS---", "Damascus"), ("SURABAYA", "Kota Surabaya")],
)
def test_resolve_dateline(dateline, name):
    place = resolve_dateline(dateline)
    assert place is not None and place.name == name


def test_resolve_dateline_without_a_place():
    assert resolve_dateline("Kamis (14/9)") is None


def test_stage_fills_entities_and_the_dateline(monkeypatch):
    import sys
    import types

    fake = types.ModuleType("warta.nlp.ner")
    fake.find_mentions = lambda text, sents: seed_mentions()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "warta.nlp.ner", fake)
    article = Article(id="seed", text=SEED, paragraphs=[Span(0, len(SEED))],
                      sentences=sentences(SEED), dateline=Dateline("DAMASKUS"))
    result = build(None)(article)
    assert isinstance(result, Article)
    assert result.dateline is not None and result.dateline.place is not None
    assert result.dateline.place.gazetteer_id == "geonames:170654"
    assert {e.name for e in result.entities} >= {"Bashar al-Assad", "Sergei Shoigu", "ISIS"}


def test_a_title_does_not_reach_back_over_another_person():
    text = "Hadir pula Presiden Jokowi dan Menteri Luar Negeri Retno Marsudi di sana."
    people = {e.name: e for e in resolve(text, [at(text, "Retno Marsudi", "PER")],
                                         sentences(text))}
    assert people["Retno Marsudi"].titles == ["Menteri Luar Negeri"]


def test_title_with_an_organisation_and_in_lower_case():
    text = "Ketua KPK Firli Bahuri hadir, kata juru bicara Kementerian Luar Negeri Teuku Faizasyah."
    mentions = [at(text, "KPK", "ORG"), at(text, "Firli Bahuri", "PER"),
                at(text, "Kementerian Luar Negeri", "ORG"), at(text, "Teuku Faizasyah", "PER")]
    people = {e.name: e for e in resolve(text, mentions, sentences(text))}
    assert people["Firli Bahuri"].titles == ["Ketua KPK"]
    assert people["Teuku Faizasyah"].titles == ["juru bicara Kementerian Luar Negeri"]


def test_other_label_spellings_map_to_entity_types():
    text = "Budi Santoso pergi ke Surabaya untuk Piala Dunia."
    entities = resolve(text, [at(text, "Budi Santoso", "PERSON"), at(text, "Surabaya", "PLACE"),
                              at(text, "Piala Dunia", "WORK_OF_ART")], sentences(text))
    assert [e.type for e in entities] == ["PER", "GPE", "MISC"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, len(SEED) + 3), st.integers(0, 40),
                          st.sampled_from(["PER", "ORG", "LOC", "EVT", "x"])), max_size=40))
def test_any_mentions_give_exact_disjoint_sorted_mentions(raw):
    mentions = [(start, start + length, kind) for start, length, kind in raw]
    entities = resolve(SEED, mentions, sentences(SEED))
    spans = []
    for entity in entities:
        assert entity.mentions
        assert entity.key
        for mention in entity.mentions:
            assert SEED[mention.start : mention.end] == mention.text
            spans.append((mention.start, mention.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert len({e.key for e in entities}) == len(entities)


def test_a_short_name_goes_to_the_person_mentioned_last_each_time():
    text = ("Donald Trump bertemu Melania Trump. Trump lalu berbicara dengan Ivanka Trump. "
            "Trump tersenyum.")
    mentions = [at(text, "Donald Trump", "PER"), at(text, "Melania Trump", "PER"),
                at(text, "Trump", "PER", 2), at(text, "Ivanka Trump", "PER"),
                at(text, "Trump", "PER", 4)]
    people = {e.name: [m.start for m in e.mentions]
              for e in resolve(text, mentions, sentences(text))}
    assert people == {
        "Donald Trump": [0],
        "Melania Trump": [text.find("Melania"), text.find("Trump. Trump") + 7],
        "Ivanka Trump": [text.find("Ivanka"), text.rfind("Trump tersenyum")],
    }


def test_bracketed_nickname_joins_the_person():
    text = "Presiden Joko Widodo (Jokowi) meresmikan jalan tol. Jokowi mengatakan tol itu penting."
    [jokowi] = resolve(text, [at(text, "Joko Widodo", "PER")], sentences(text))
    assert jokowi.name == "Joko Widodo"
    assert jokowi.aliases == ["Jokowi"]
    assert len(jokowi.mentions) == 3
    assert jokowi.titles == ["Presiden"]


def test_a_title_runs_through_a_bracketed_organisation():
    text = "Dirut PT Pertamina (Persero) Nicke Widyawati menjelaskan harga BBM."
    entities = resolve(text, [at(text, "PT Pertamina (Persero)", "ORG"),
                              at(text, "Nicke Widyawati", "PER")], sentences(text))
    nicke = next(e for e in entities if e.type == "PER")
    assert nicke.titles == ["Dirut PT Pertamina (Persero)"]


def test_a_title_does_not_swallow_ordinary_small_words():
    text = "Hal itu disampaikan Presiden Joko Widodo dalam Karnaval Kemerdekaan di Bandung."
    entities = resolve(text, [at(text, "Joko Widodo", "PER"),
                              at(text, "Karnaval Kemerdekaan", "PER")], sentences(text))
    titles = {e.name: e.titles for e in entities}
    assert titles == {"Joko Widodo": ["Presiden"], "Karnaval Kemerdekaan": []}


def test_an_initial_before_the_name_belongs_to_the_name():
    text = "Menteri Ketenagakerjaan M Hanif Dhakiri meninjau balai latihan kerja."
    [hanif] = resolve(text, [at(text, "Hanif Dhakiri", "PER")], sentences(text))
    assert hanif.name == "M Hanif Dhakiri"
    assert hanif.titles == ["Menteri Ketenagakerjaan"]


def test_a_title_in_apposition_after_the_name():
    text = ("Sutopo Purwo Nugroho, Kepala Pusat Data dan Informasi BNPB, mengatakan hujan turun. "
            "Dalam pertemuan itu hadir Sergei Lavrov, Presiden Rusia Vladimir Putin, dan lainnya.")
    mentions = [at(text, "Sutopo Purwo Nugroho", "PER"), at(text, "BNPB", "ORG"),
                at(text, "Sergei Lavrov", "PER"), at(text, "Vladimir Putin", "PER")]
    titles = {e.name: e.titles for e in resolve(text, mentions, sentences(text))}
    assert titles["Sutopo Purwo Nugroho"] == ["Kepala Pusat Data dan Informasi BNPB"]
    assert titles["Sergei Lavrov"] == []  # the title after the comma is Putin's
    assert titles["Vladimir Putin"] == ["Presiden Rusia"]


def test_one_name_tagged_with_two_types_is_one_entity():
    text = "Assad menyambut tamunya. Kemudian Assad berpidato. Assad lalu pergi."
    mentions = [at(text, "Assad", "PER"), at(text, "Assad", "ORG", 1), at(text, "Assad", "PER", 2)]
    [assad] = resolve(text, mentions, sentences(text))
    assert assad.type == "PER" and len(assad.mentions) == 3


def test_kind_of_place_words_are_not_part_of_the_name_unless_they_tell_places_apart():
    text = "Serangan di Kota Deir Az Zor berlanjut. Warga Kabupaten Bogor dan Provinsi Jawa Barat."
    mentions = [at(text, "Kota Deir Az Zor", "LOC"), at(text, "Kabupaten Bogor", "LOC"),
                at(text, "Provinsi Jawa Barat", "LOC")]
    names = [(e.name, [m.text for m in e.mentions]) for e in resolve(text, mentions,
                                                                     sentences(text))]
    assert names == [("Deir Az Zor", ["Deir Az Zor"]), ("Kabupaten Bogor", ["Kabupaten Bogor"]),
                     ("Jawa Barat", ["Jawa Barat"])]


def test_a_title_the_tagger_cut_in_two():
    text = "Kemarin Presiden Suriah Bashar al-Assad menyambut tamunya."
    [assad] = resolve(text, [at(text, "Suriah Bashar al-Assad", "PER")], sentences(text))
    assert assad.name == "Bashar al-Assad"
    assert assad.titles == ["Presiden Suriah"]


def test_stage_runs_in_a_pipeline_after_a_sentence_stage(monkeypatch):
    import sys
    import types

    from warta.nlp.pipeline import Pipeline, Stage

    def fake_find_mentions(text, sents):
        return [at(text, "Sergei Shoigu", "PER"), at(text, "Damaskus", "LOC")]

    fake = types.ModuleType("warta.nlp.ner")
    fake.find_mentions = fake_find_mentions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "warta.nlp.ner", fake)
    # A stand-in for the spaCy sentence stage, which takes seconds to load.
    split = Stage("sentences", lambda a: replace(a, sentences=sentences(a.text)), ("text",),
                  ("sentences",))
    stage = Stage("entities", build(None), ("text", "sentences"), ("entities",))
    pipeline = Pipeline([split, stage])
    article = Article(id="seed", text=SEED, paragraphs=[Span(0, len(SEED))])
    result = pipeline(article)
    assert [e.name for e in result.entities] == ["Sergei Shoigu", "Damaskus"]
    assert result.dateline is None


def test_a_ticket_of_two_people_is_not_a_fuller_name_and_a_party_is_not_an_alias():
    text = ("Pasangan Jokowi-JK menang. Jusuf Kalla (JK) bersyukur. Teten Masduki (PDIP) hadir. "
            "JK lalu pulang.")
    mentions = [at(text, "Jokowi-JK", "PER"), at(text, "Jusuf Kalla", "PER"),
                at(text, "Teten Masduki", "PER"), at(text, "PDIP", "ORG")]
    entities = {e.name: e for e in resolve(text, mentions, sentences(text))}
    assert entities["Jusuf Kalla"].aliases == ["JK"]
    assert len(entities["Jusuf Kalla"].mentions) == 3
    assert entities["Jokowi-JK"].aliases == []
    assert entities["Teten Masduki"].aliases == []
    assert entities["PDIP"].type == "ORG"


def test_noisy_tagger_output_on_the_seed():
    """Mistakes a CRF tagger made on the seed: the long form of ISIS cut into two places, Deir Az
    Zor called a person, Assad once called a place."""
    mentions = [
        at(SEED, "Bashar al-Assad", "PER"), at(SEED, "Kota Deir Az Zor", "LOC"),
        at(SEED, "Assad", "LOC", 3), at(SEED, "Irak", "LOC"), at(SEED, "Suriah", "LOC", 2),
        at(SEED, "ISIS", "ORG"), at(SEED, "Deir Az Zor", "PER", 1),
        at(SEED, "Deir Az Zor", "PER", 2),
    ]
    entities = {e.name: e for e in resolve(SEED, mentions, sentences(SEED))}
    assert entities["ISIS"].aliases == ["Negara Islam Irak dan Suriah"]
    assert "Irak" not in entities
    deir = entities["Deir Az Zor"]
    assert deir.type == "GPE" and deir.key == "geonames:170794" and len(deir.mentions) == 3
    assad = entities["Bashar al-Assad"]
    assert assad.type == "PER" and len(assad.mentions) == 5  # both full names, 3 "Assad"


def test_a_well_known_short_name_joins_the_full_name():
    # The alias table (data/id/aliases.toml): no bracket links the two names here.
    text = ("Presiden Joko Widodo meresmikan jalan tol. Kemudian Jokowi mengatakan tol itu "
            "penting bagi PBB dan Perserikatan Bangsa-Bangsa.")
    mentions = [at(text, "Joko Widodo", "PER"), at(text, "Jokowi", "PER"), at(text, "PBB", "ORG"),
                at(text, "Perserikatan Bangsa-Bangsa", "ORG")]
    entities = {e.name: e for e in resolve(text, mentions, sentences(text))}
    assert entities["Joko Widodo"].aliases == ["Jokowi"]
    assert entities["PBB"].aliases == ["Perserikatan Bangsa-Bangsa"]
    assert len(entities) == 2


def test_an_alias_table_name_alone_stays_as_written():
    text = "Jokowi meresmikan jalan tol."
    [jokowi] = resolve(text, [at(text, "Jokowi", "PER")], sentences(text))
    assert jokowi.name == "Jokowi"
