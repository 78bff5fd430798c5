"""The page-field functions, one by one, on the forms Indonesian outlets write."""

from __future__ import annotations

import pytest

from warta.article import fields
from warta.article.build import article_id, canonical_url, find_outlet
from warta.article.lexicon import outlets


@pytest.mark.parametrize(("line", "expected"), [
    ("Kamis 14 Sep 2017 15:02 WIB", "2017-09-14T15:02:00+07:00"),
    ("Kamis, 14 September 2017 | 15:02 WIB", "2017-09-14T15:02:00+07:00"),
    ("Senin, 27/03/2017 10:33 WITA", "2017-03-27T10:33:00+08:00"),
    ("Selasa 5 Agt 1998, 08.15 WIT", "1998-08-05T08:15:00+09:00"),
    ("Rabu, 12 Nop 1997 pukul 19.00", "1997-11-12T19:00:00+07:00"),
    ("3 Peb 1965", "1965-02-03"),
    ("Sabtu, 1 Mrt 2003 - 07:45", "2003-03-01T07:45:00+07:00"),
    ("12 Djan 1960", "1960-01-12"),
    ("Jum'at, 15 Agu 2008 21:30:05 WIB", "2008-08-15T21:30:05+07:00"),
    ("31 Februari 2017", None),
    ("Menteri Rusia Bertemu Assad", None),
])
def test_header_date(line, expected):
    assert fields.header_date(line) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2017-09-14T08:02:00Z", "2017-09-14T08:02:00+00:00"),
    ("2017-09-14 15:02:00", "2017-09-14T15:02:00+07:00"),
    (1505376120, "2017-09-14T15:02:00+07:00"),
    ("1505376120000", "2017-09-14T15:02:00+07:00"),
    ("Kamis, 14 September 2017 15:02 WIB", "2017-09-14T15:02:00+07:00"),
    ("kemarin sore", None),
])
def test_iso_datetime(value, expected):
    assert fields.iso_datetime(value) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Rep: Marniati / Red: Endro Yuwanto", [("Marniati", "reporter"), ("Endro Yuwanto", "editor")]),
    ("Reporter: Dian Fath Risalah | Editor: Nurul Hidayati",
     [("Dian Fath Risalah", "reporter"), ("Nurul Hidayati", "editor")]),
    ("Penulis: Ahmad Z. dan Budi S.", [("Ahmad Z", "writer"), ("Budi S", "writer")]),
    ("Pewarta: Sugiharto Purnama / Redaktur: Ade P Marboen",
     [("Sugiharto Purnama", "reporter"), ("Ade P Marboen", "editor")]),
    ("Pewarta foto: Rivan Awal Lingga", [("Rivan Awal Lingga", "photographer")]),
    ("Presiden Suriah Bashar al-Assad menyambut menteri", None),
])
def test_bylines(line, expected):
    found = fields.bylines(line)
    assert (None if found is None else [(a.name, a.role) for a in found]) == expected


def test_image_credit_and_caption_split():
    assert fields.image_credit("Foto: myfirstclasslife.com") == "myfirstclasslife.com"
    assert fields.image_credit("(FOTO: ANTARA/Yusran Uccang)") == "ANTARA/Yusran Uccang"
    assert fields.image_credit("Bashar Al-Assad") is None
    assert fields.split_credit("Presiden Joko Widodo (Foto: ANTARA/Puspa)") == (
        "Presiden Joko Widodo", "ANTARA/Puspa")


@pytest.mark.parametrize(("paragraph", "place", "outlet"), [
    ("REPUBLIKA.CO.ID,\u00a0 DAMASKUS--- Presiden", "Damaskus", "Republika"),
    ("Jakarta, CNN Indonesia -- Edward", "Jakarta", "CNN Indonesia"),
    ("Wamena (ANTARA News) - Pemerintah", "Wamena", "Antara"),
    ("Suara.com - Cerita", None, "Suara"),
    ("GOLD COAST, JUARA.net - Pebulu", "Gold Coast", "Juara.net"),
    ("TEMPO.CO, Jakarta - Presiden", "Jakarta", "Tempo"),
    ("Liputan6.com, Jakarta - Presiden", "Jakarta", "Liputan6"),
    ("JAKARTA, KOMPAS.com - Presiden", "Jakarta", "Kompas"),
    ("TRIBUNNEWS.COM, JAKARTA - Presiden", "Jakarta", "Tribunnews"),
    ("jpnn.com, JAKARTA - Presiden", "Jakarta", "JPNN"),
    ("VIVA.co.id – Presiden", None, "Viva"),
])
def test_dateline_with_outlet_marker(paragraph, place, outlet):
    found = fields.dateline(paragraph)
    assert found is not None
    assert found[0] == place and found[1] is not None and found[1].name == outlet
    assert paragraph[found[2]:].startswith(("Presiden", "Edward", "Pemerintah", "Cerita",
                                            "Pebulu"))


def test_bare_dateline_needs_capitals_or_a_known_outlet():
    detik = next(o for o in outlets() if o.key == "detik")
    assert fields.dateline("JAKARTA - Presiden Joko Widodo")[0] == "Jakarta"
    assert fields.dateline("Jakarta - Presiden Joko Widodo") is None
    assert fields.dateline("Jakarta - Presiden Joko Widodo", detik)[0] == "Jakarta"
    assert fields.dateline("Ketua MPR Zulkifli Hasan - yang juga") is None


def test_attributions_with_offsets():
    text = ("Dilansir dari Aljazirah, Kamis (14/9), Shoigu tiba. Hal itu mengutip Reuters pada "
            "Senin. Seperti dikutip dari laman resmi Kementerian Luar Negeri, kata dia. Ia "
            "mengutip pernyataan presiden.")
    found = fields.attributions(text)
    assert [(a.name, a.cue) for a in found] == [
        ("Aljazirah", "dilansir dari"), ("Reuters", "mengutip"),
        ("Kementerian Luar Negeri", "seperti dikutip dari")]
    for a in found:
        assert text[a.start:a.end] == a.name


@pytest.mark.parametrize("line", [
    "Advertisement", "Berita Lainnya", "Baca juga: Setya Novanto Minta Maaf", "BACA JUGA:",
    "Simak juga video berikut", "Lihat juga: Galeri Foto", "Copyright © 2017 Republika",
    "© Kompas.com", "Tags: politik, dpr", "Share: Facebook Twitter",
    "Artikel ini telah tayang di Tribunnews.com dengan judul X",
])
def test_boilerplate_lines(line):
    assert fields.is_boilerplate(line)


def test_story_lines_are_not_boilerplate():
    assert not fields.is_boilerplate("Baca Al-Quran bersama di masjid menjadi tradisi warga.")
    assert not fields.is_boilerplate("Presiden Joko Widodo membagikan sertifikat tanah.")


def test_inline_boilerplate_is_cut():
    paragraph = "Warga antre sejak pagi. Baca juga: Harga Cabai Naik"
    assert fields.strip_inline_boilerplate(paragraph) == "Warga antre sejak pagi."


def test_outlet_profiles_cover_the_major_outlets():
    names = {o.name for o in outlets()}
    for wanted in ("Republika", "Kompas", "Detik", "Tempo", "Liputan6", "Antara", "CNN Indonesia",
                   "Tribunnews", "Okezone", "Merdeka", "Suara", "Kumparan", "Viva", "Sindonews",
                   "JPNN"):
        assert wanted in names
    assert find_outlet("https://news.detik.com/berita/d-1", None).name == "Detik"
    assert find_outlet(None, "cnn indonesia").name == "CNN Indonesia"
    assert find_outlet("https://example.org/x", None) is None


def test_article_ids_are_stable():
    a = article_id("https://www.republika.co.id/berita/x/?utm_source=fb#top", "teks")
    b = article_id("http://republika.co.id/berita/x", "teks lain")
    assert a == b and len(a) == 16
    assert canonical_url("https://www.kompas.com/a/?utm_medium=x&page=2") == (
        "https://kompas.com/a?page=2")
    assert article_id(None, "Satu  dua\ntiga") == article_id(None, "satu dua tiga")
