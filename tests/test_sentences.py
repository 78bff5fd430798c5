"""Sentence splitting: where a sentence ends in Indonesian news text and where it does not."""

from __future__ import annotations

import pytest

from warta.model import Span
from warta.nlp.sentences import split, split_span


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_span(text, 0, len(text))]


def test_plain_ends_and_paragraphs():
    text = "Hujan turun sejak pagi. Apakah banjir datang? Belum!\n\nWarga berjaga."
    paragraphs = [Span(0, 52), Span(54, len(text))]
    assert [text[s.start:s.end] for s in split(text, paragraphs)] == [
        "Hujan turun sejak pagi.", "Apakah banjir datang?", "Belum!", "Warga berjaga."]


@pytest.mark.parametrize("text", [
    "Kantor itu ada di Jl. Kenanga No. 12, Kec. Sukajadi, Kab. Bandung Barat.",
    "Saham PT. Sinar Jaya Tbk. naik 1.500 rupiah pada Senin.",
    "Menurut Joko S. Widodo, rapat berjalan lancar.",
])
def test_abbreviations_initials_and_numbers_do_not_end(text):
    assert sentences(text) == [text]


# A full stop glued to an opening quote: the quote opens the next sentence.
@pytest.mark.parametrize("text, first, second", [
    ("Pelaku nyaris diamuk warga.“Untung polisi cepat datang,” kata Budi.",
     "Pelaku nyaris diamuk warga.", "“Untung polisi cepat datang,” kata Budi."),
    ('Rapat ditunda hingga Senin."Kami menunggu data," ujar Ani.',
     "Rapat ditunda hingga Senin.", '"Kami menunggu data," ujar Ani.'),
    # A closing-shaped mark with no quote open in the paragraph opens one too.
    ("Hal itu dibenarkan Kapolres Andi.”Besok saksi diperiksa,” katanya.",
     "Hal itu dibenarkan Kapolres Andi.", "”Besok saksi diperiksa,” katanya."),
    ("“Kami kalah,” ujar pelatih Dani.”Tapi tim sudah berjuang.”",
     "“Kami kalah,” ujar pelatih Dani.", "”Tapi tim sudah berjuang.”"),
])
def test_glued_opening_quote_starts_a_sentence(text, first, second):
    assert sentences(text) == [first, second]


@pytest.mark.parametrize("text, first, second", [
    ('"Semua sudah siap."Dia lalu meninggalkan ruangan.',
     '"Semua sudah siap."', "Dia lalu meninggalkan ruangan."),
    ("“Persiapan kami matang. Lawan juga kuat.”Pelatih itu lalu tersenyum.",
     "“Persiapan kami matang.", "Lawan juga kuat.”"),
])
def test_glued_closing_quote_ends_the_sentence(text, first, second):
    assert sentences(text)[:2] == [first, second]


@pytest.mark.parametrize("text", [
    "Kebakaran terjadi Pk. 02:15 dini hari di Jl. Melati.",
    "Kebakaran terjadi pk. 02.15 dini hari.",
    "Sidang dimulai Pkl. 09.00 WIB di ruang utama.",
    # A short capitalised word before a number is taken as an abbreviation, listed or not.
    "Modem itu mendukung LTE Cat. 6 dan Wi-Fi ganda.",
    "Laporan itu termuat di Hal. 12 buku tersebut.",
    # Listed abbreviations before a name.
    "Dinas Pariwisata Prov. Jawa Tengah ikut hadir.",
    "Hadir pula Kapolda Irjen Pol. Ahmad Dahlan dan Ny. Sari Dahlan.",
    "Pemeriksaan dilakukan dr. Rina Lestari, Sp. A, di rumah sakit.",
])
def test_abbreviation_before_a_time_number_or_name_does_not_end(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, first", [
    # Capitals are an acronym, not pk. (pukul): PK is peninjauan kembali (judicial review).
    ("Terpidana akhirnya mengajukan PK. Sidang digelar pekan depan.",
     "Terpidana akhirnya mengajukan PK."),
    # Lower-case and longer words before a number still end a sentence.
    ("Jumlahnya sekitar 900 ya. 300 di antaranya anak-anak.", "Jumlahnya sekitar 900 ya."),
    ("Ia tiba di Jakarta, Rabu. 20 orang menjemputnya.", "Ia tiba di Jakarta, Rabu."),
    # Words that close a list or a name may end a sentence.
    ("Pasar menjual sayur, buah, ikan, dll. Harga cabai naik.",
     "Pasar menjual sayur, buah, ikan, dll."),
    ("Gol itu dicetak Andi dkk. Penonton bersorak.", "Gol itu dicetak Andi dkk."),
    ("Laga itu dimenangi Mayweather Jr. Penonton bersorak.", "Laga itu dimenangi Mayweather Jr."),
])
def test_acronyms_list_ends_and_name_suffixes_can_end(text, first):
    assert sentences(text)[0] == first


@pytest.mark.parametrize("text", [
    "Pasar menjual sayur, buah, dll. untuk warga sekitar.",
    "Undangan datang dari Jenderal Robert K. Hamilton Jr. dalam sebuah surat.",
    "Surat itu ditandatangani Robert K. Hamilton Jr., kepala staf gabungan.",
    # A stray full stop inside a name: an initial and a capitalised word follow it.
    "Undangan datang dari Jenderal Robert. K. Hamilton Jr. dalam sebuah surat.",
])
def test_list_ends_and_names_before_lower_case_or_comma_do_not_end(text):
    assert sentences(text) == [text]


def test_editor_tag_at_paragraph_end_is_a_sentence():
    assert sentences("Laga berakhir imbang 1 - 1, ” kata Budi. (abc / def)") == [
        "Laga berakhir imbang 1 - 1, ” kata Budi.", "(abc / def)"]
    assert sentences("Korban dibawa ke rumah sakit. [xyz]") == [
        "Korban dibawa ke rumah sakit.", "[xyz]"]
    # Only at the end of the paragraph: a lower-case aside before more text stays.
    text = "Korban dibawa ke rumah sakit. (lihat foto) dan dirawat."
    assert sentences(text) == [text]
