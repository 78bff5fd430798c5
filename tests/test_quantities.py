"""The quantity tagger: the seed article (issue 4, check 1) and a table of Indonesian counts,
amounts, currencies and hedges, with the forms that must not be counted (dates, times, years,
durations, references like "Pasal 28")."""

from __future__ import annotations

import pytest

from warta.model import Article, Span
from warta.nlp.quantities import build, tag_quantities

SEED = (
    "Dalam sebuah pernyataan yang dikeluarkan pada hari Selasa (12/9), tentara Rusia mengklaim "
    "lebih dari 450 militan ISIS telah terbunuh dalam serangan Deir Az Zor. \"Baru kemarin, "
    "angkatan udara Rusia melakukan lebih dari 50 penerbangan untuk membantu serangan tentara "
    "Suriah,\" kata pernyataan tersebut.\n\n"
    "Pekan lalu, pasukan Suriah yang didukung oleh serangan udara Rusia berhasil merebut dua "
    "kantong wilayah di sekitar Deir Az Zor yang telah diduduki oleh militan ISIS selama hampir "
    "tiga tahun.\n\n"
    "Rusia secara militer melakukan intervensi dalam konflik enam tahun Suriah pada bulan "
    "September 2015."
)


def test_seed_check_1():
    found = tag_quantities(SEED)
    summary = [(q.value, q.approximation, q.counted) for q in found]
    assert summary == [
        (450.0, "lebih dari", "militan"),
        (50.0, "lebih dari", "penerbangan"),
        (2.0, None, "kantong"),
    ]
    for q in found:
        assert SEED[q.start : q.end] == q.text
    # Nothing from "(12/9)", "2015", "tiga tahun" or "enam tahun": those are times.


# (text, quantity text, value, approximation, unit, counted)
CASES = [
    ("Rp 2,3 triliun", "Rp 2,3 triliun", 2.3e12, None, "IDR", None),
    ("Rp2,3 triliun", "Rp2,3 triliun", 2.3e12, None, "IDR", None),
    ("Rp 500 ribu", "Rp 500 ribu", 500_000, None, "IDR", None),
    ("Rp 1.500.000", "Rp 1.500.000", 1_500_000, None, "IDR", None),
    ("Rp. 25 juta", "Rp. 25 juta", 25e6, None, "IDR", None),
    ("US$ 5 juta", "US$ 5 juta", 5e6, None, "USD", None),
    ("5 juta dolar AS", "5 juta dolar AS", 5e6, None, "USD", None),
    ("100 ribu rupiah", "100 ribu rupiah", 100_000, None, "IDR", None),
    ("dua ratus ribu rupiah", "dua ratus ribu rupiah", 200_000, None, "IDR", None),
    ("$ 3 miliar", "$ 3 miliar", 3e9, None, "USD", None),
    ("sekitar Rp 4 miliar", "sekitar Rp 4 miliar", 4e9, "sekitar", "IDR", None),
    ("1.500 orang", "1.500", 1500, None, None, "orang"),
    ("1,5 juta warga", "1,5 juta", 1.5e6, None, None, "warga"),
    ("2,5 ton beras", "2,5 ton", 2.5, None, "t", None),
    ("450 militan", "450", 450, None, None, "militan"),
    ("lebih dari 450 militan ISIS", "lebih dari 450", 450, "lebih dari", None, "militan"),
    ("sekitar 300 warga", "sekitar 300", 300, "sekitar", None, "warga"),
    ("hampir 1.000 pengungsi", "hampir 1.000", 1000, "hampir", None, "pengungsi"),
    ("kurang dari 20 kursi", "kurang dari 20", 20, "kurang dari", None, "kursi"),
    ("setidaknya 12 orang", "setidaknya 12", 12, "setidaknya", None, "orang"),
    ("sedikitnya 7 korban", "sedikitnya 7", 7, "sedikitnya", None, "korban"),
    ("nyaris 90 gol", "nyaris 90", 90, "nyaris", None, "gol"),
    ("mencapai 2.000 peserta", "mencapai 2.000", 2000, "mencapai", None, "peserta"),
    ("dua kantong wilayah", "dua", 2, None, None, "kantong"),
    ("tiga polisi", "tiga", 3, None, None, "polisi"),
    ("sebelas pemain", "sebelas", 11, None, None, "pemain"),
    ("sepuluh desa", "sepuluh", 10, None, None, "desa"),
    ("dua belas rumah", "dua belas", 12, None, None, "rumah"),
    ("dua puluh lima mahasiswa", "dua puluh lima", 25, None, None, "mahasiswa"),
    ("seratus tentara", "seratus", 100, None, None, "tentara"),
    ("seribu lima ratus buruh", "seribu lima ratus", 1500, None, None, "buruh"),
    ("tiga ratus ribu jiwa", "tiga ratus ribu", 300_000, None, None, "jiwa"),
    ("satu setengah juta penonton", "satu setengah juta", 1.5e6, None, None, "penonton"),
    ("setengah dari anggaran", "setengah", 0.5, None, None, None),
    ("belasan siswa", "belasan", 10, "belasan", None, "siswa"),
    ("puluhan warga", "puluhan", 10, "puluhan", None, "warga"),
    ("ratusan demonstran", "ratusan", 100, "ratusan", None, "demonstran"),
    ("ribuan buruh", "ribuan", 1000, "ribuan", None, "buruh"),
    ("puluhan ribu penonton", "puluhan ribu", 10_000, "puluhan", None, "penonton"),
    ("ratusan juta rupiah", "ratusan juta rupiah", 1e8, "ratusan", "IDR", None),
    ("10 persen", "10 persen", 10, None, "percent", None),
    ("35% suara", "35%", 35, None, "percent", None),
    ("5,2 persen", "5,2 persen", 5.2, None, "percent", None),
    ("sekitar 10 persen saham", "sekitar 10 persen", 10, "sekitar", "percent", None),
    ("kurang dari 1 persen", "kurang dari 1 persen", 1, "kurang dari", "percent", None),
    ("100 km", "100 km", 100, None, "km", None),
    ("3 kilometer", "3 kilometer", 3, None, "km", None),
    ("500 hektare sawah", "500 hektare", 500, None, "ha", None),
    ("Dua orang tewas.", "Dua", 2, None, None, "orang"),
    ("dari Rp 9,000 menjadi Rp 9,500", "Rp 9,000", 9000, None, "IDR", None),
    ("Rp 1,250,000", "Rp 1,250,000", 1_250_000, None, "IDR", None),
    ("1,250,000 orang", "1,250,000", 1_250_000, None, None, "orang"),
    ("1.500,75 ton", "1.500,75 ton", 1500.75, None, "t", None),
    ("memori hingga 128 GB", "hingga 128 GB", 128, "hingga", "GB", None),
    ("gempa 5,6 SR", "5,6 SR", 5.6, None, "Richter", None),
    ("antara 10 - 20 orang", "20", 20, None, None, "orang"),
    ("Sebanyak 30 orang hadir.", "30", 30, None, None, "orang"),
]


@pytest.mark.parametrize(("text", "written", "value", "approximation", "unit", "counted"),
                         CASES, ids=[c[0] for c in CASES])
def test_quantity(text, written, value, approximation, unit, counted):
    found = [q for q in tag_quantities(text) if q.text == written]
    assert found, f"{written!r} not tagged in {text!r}: {tag_quantities(text)}"
    q = found[0]
    assert q.value == pytest.approx(value)
    assert (q.approximation, q.unit, q.counted) == (approximation, unit, counted)


@pytest.mark.parametrize("text", [
    "Kamis (14/9)", "14/9/2017", "pukul 14.30 WIB", "14.30 WIB", "pada 2017", "tahun 2016",
    "14 September 2017", "14-16 September", "tiga tahun", "hampir tiga tahun", "enam bulan",
    "24 jam", "tiga hari lalu", "Pasal 28 ayat 3", "nomor 5", "ke-3", "salah satu korban",
    "satu-satunya", "G20", "COVID-19", "Lima, ibu kota Peru, dan Kota Lima", "setiap dua tahun",
    "", "   ", "1.2.3", "Rp", "US$", "skor imbang 3 - 3.", "menang 21 - 13, 21 - 11",
    "Caranya:\n\n1. Persiapkan rencana", "laga pada 9 Juli mendatang", "kondisinya kosong",
])
def test_not_quantities(text):
    assert tag_quantities(text) == []


def test_stage_reuses_times_when_present():
    text = "Sebanyak 30 orang hadir pada 2017."
    article = Article(id="x", text=text, paragraphs=[Span(0, len(text))])
    out = build(None)(article)
    assert [(q.value, q.counted) for q in out.quantities] == [(30.0, "orang")]
