"""Quotes: direct and indirect, cue verbs, speakers and what pronouns point back to."""

from __future__ import annotations

import re

import warta
from warta.model import Article, Span, replace
from warta.nlp.entities import resolve
from warta.nlp.quotes import direct_spans, find_quotes
from warta.nlp.sentences import split


def article_from(paragraphs: list[str]) -> Article:
    text = "\n\n".join(paragraphs)
    spans, at = [], 0
    for p in paragraphs:
        spans.append(Span(at, at + len(p)))
        at += len(p) + 2
    return Article(id="t", text=text, paragraphs=spans, sentences=split(text, spans))


def with_names(a: Article, *names: str, kind: str = "PER") -> Article:
    """The article with entities resolved from every occurrence of the given names."""
    found = [(m.start(), m.end(), kind) for n in names for m in re.finditer(n, a.text)]
    return replace(a, entities=resolve(a.text, sorted(found), a.sentences))


def test_seed_quotes(seed_article):
    quotes = find_quotes(seed_article)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert q.text.startswith("Baru kemarin, angkatan udara Rusia")
    assert q.text.endswith("serangan tentara Suriah")
    assert seed_article.text[q.start:q.end] == q.text
    assert q.cue == "kata" and q.speaker.text == "pernyataan tersebut"
    assert q.antecedent is not None and q.antecedent.text == "tentara Rusia"
    menurut = [q for q in quotes if q.cue == "menurut"]
    assert len(menurut) == 1 and menurut[0].speaker.text == "Assad"
    assert menurut[0].text.startswith("pertemuan kali ini menekankan")


def test_speaker_before_the_quote_and_pronoun_suffix():
    a = article_from([
        'Gubernur Anies Baswedan mengatakan, "Kami akan membuka jalur sepeda baru tahun ini."',
        '"Jalur itu menghubungkan Sudirman dan Thamrin," katanya.',
    ])
    quotes = find_quotes(a)
    assert [(q.cue, q.speaker.text) for q in quotes] == [
        ("mengatakan", "Gubernur Anies Baswedan"), ("katanya", "-nya")]


def test_indirect_speech():
    a = article_from([
        "Kapolda Metro Jaya mengatakan bahwa dua tersangka telah ditangkap di Bekasi pada malam "
        "hari itu.",
        "Pelaku akan dijerat pasal berlapis, ujar Kapolda kepada wartawan.",
    ])
    quotes = find_quotes(a)
    assert [(q.kind, q.cue, q.speaker.text) for q in quotes] == [
        ("indirect", "mengatakan", "Kapolda Metro Jaya"), ("indirect", "ujar", "Kapolda")]
    assert quotes[0].text.startswith("dua tersangka")


def test_quote_over_three_paragraphs():
    a = article_from([
        '"Kami sudah bekerja keras sejak pagi untuk memadamkan api di gudang itu.',
        '"Angin kencang membuat api cepat menjalar ke bangunan sebelah.',
        '"Sekarang api sudah padam dan pendinginan masih berlangsung," kata Kepala Damkar.',
    ])
    quotes = find_quotes(a)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Kami sudah") and quotes[0].text.endswith("berlangsung")
    assert quotes[0].speaker.text == "Kepala Damkar"


def test_unbalanced_quote_is_closed_at_its_paragraph():
    a = article_from([
        '"Kami menolak rencana itu karena merugikan nelayan, kata Ketua HNSI.',
        "Paragraf ini bukan kutipan dan harus tetap utuh di luar kutipan mana pun.",
        '"Kami akan terus berjuang," ujar dia.',
    ])
    spans = direct_spans(a.text, a.paragraphs)
    assert len(spans) == 2
    assert spans[0][1] == a.paragraphs[0].end
    assert spans[1][0] == a.paragraphs[2].start


def test_nested_and_typographic_quotes():
    a = article_from([
        "“Saya bilang kepada mereka, ‘jangan pernah menyerah pada keadaan apa pun’, dan mereka "
        "mendengarkan,” tutur Susi.",
    ])
    quotes = find_quotes(a)
    assert len(quotes) == 1 and quotes[0].cue == "tutur" and quotes[0].speaker.text == "Susi"
    assert "‘jangan pernah" in quotes[0].text


def test_many_quote_marks_do_not_crash_or_lose_text():
    paragraph = " ".join(f'"kata{i}" dan' for i in range(250)) + " selesai."
    a = article_from([paragraph, "Paragraf terakhir tetap ada di artikel ini dengan utuh."])
    spans = direct_spans(a.text, a.paragraphs)
    assert all(a.paragraphs[0].start <= s < e <= a.paragraphs[0].end for s, e in spans)
    assert len(spans) == 250
    find_quotes(a)


def test_quotes_stage_in_the_pipeline(seed_text):
    article = warta.parse(seed_text, stages=["sentences", "quotes"])
    assert any(q.cue == "kata" for q in article.quotes)


def test_pronoun_and_unattributed_quote_follow_the_last_speaker():
    a = article_from([
        'Gubernur Anies Baswedan mengatakan, "Kami akan menertibkan parkir liar di Tanah Abang."',
        '"Petugas Dishub akan berjaga setiap hari," katanya.',
        '"Pelanggar akan ditindak tanpa kecuali dan kendaraannya diderek."',
    ])
    quotes = find_quotes(a)
    assert [q.antecedent.text if q.antecedent else None for q in quotes] == [
        None, "Gubernur Anies Baswedan", "Gubernur Anies Baswedan"]
    assert quotes[2].cue is None and quotes[2].speaker is None


def test_a_pronoun_keeps_the_speaker_over_a_person_the_story_is_about():
    a = article_from([
        'Juru bicara PA 212 Slamet Marif mengatakan Rizieq Shihab akan pulang pekan ini.',
        'Rizieq Shihab sudah berada di Arab Saudi sejak April.',
        '"Jangan coba-coba pemerintah menghalangi kepulangannya," tandasnya.',
        'Sementara itu, Kapolda Metro Jaya Idham Azis menegaskan proses hukum tetap berjalan.',
        '"Kami menunggu kedatangannya," ujarnya.',
    ])
    names = ("Slamet Marif", "Rizieq Shihab", "Idham Azis")
    spans = [(m, m + len(n), "PER") for n in names
             for m in [i for i in range(len(a.text)) if a.text.startswith(n, i)]]
    a = replace(a, entities=resolve(a.text, spans, a.sentences))
    by_cue = {q.cue: q.speaker_entity for q in find_quotes(a)}
    # Rizieq, named again between the quotes, is whom Slamet talks about, not a new speaker ...
    assert by_cue["tandasnya"] == "PER:slamet marif"
    # ... while a person who enters the story as a subject takes over the pronoun.
    assert by_cue["ujarnya"] == "PER:idham azis"


def test_a_name_after_a_rank_closes_a_long_speaker_phrase():
    a = article_from([
        '"Lokasinya di perumahan, tapi dibuat gudang," ujar Direktur Tindak Pidana Narkotika, '
        'Bareskrim Mabes Polri, Kombes Pol John Turman Panjaitan di Cimahi, Senin.',
    ])
    (quote,) = find_quotes(a)
    assert quote.speaker is not None and quote.speaker.text.endswith("John Turman Panjaitan")


def test_straight_opening_mark_closed_by_a_curly_one():
    a = article_from(['"Tersangka sudah kami tahan sejak Senin malam, ” ujar Kapolsek Koja.'])
    quotes = find_quotes(a)
    assert len(quotes) == 1 and quotes[0].cue == "ujar"
    assert quotes[0].speaker.text == "Kapolsek Koja"


def test_a_closing_mark_written_onto_its_reporting_verb():
    # '… personel, "kata X': the mark is set off from the quotation and glued to the verb, after
    # a straight or a curly opening; and "dalih" (argued) is a cue.
    a = article_from([
        '"Untuk Imlek kali ini kami kerahkan 75 personel gabungan, "kata Kapolsek Taman Sari '
        'Komisaris Erick Frendriz, di lokasi.',
        '“ Kami mau adakan Rakernas. Di situ kami akan bahas soal itu, "kata Sekretaris Jenderal '
        'DPP PDIP Hasto Kristiyanto, di Jakarta.',
        '"Karena sistem presidensial itu harus kuat di parlemen," dalih Hasto.',
    ])
    quotes = find_quotes(a)
    assert [q.cue for q in quotes] == ["kata", "kata", "dalih"]
    assert [q.text[-8:] for q in quotes[:2]] == ["gabungan", "soal itu"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text.endswith("Erick Frendriz")
    assert quotes[1].speaker is not None and quotes[1].speaker.text.endswith("Hasto Kristiyanto")


def test_speaker_phrases_around_circumstances():
    a = article_from([
        '"Data itu perlu dibagi," kata Menteri Hukum dan HAM, Yasonna Laoly setelah membuka '
        'pertemuan di Kuta.',
        'Sementara itu, mantan perdana menteri Haiti Laurent Lamothe, melalui akun Twitternya '
        'mengatakan, "Dunia menyaksikan pernyataan yang tak bisa diterima."',
        '"Terorisme aktif tanpa adanya koordinasi" antara otoritas negara, kata Pangeran Salman.',
        '"Misi kami kecewa atas pernyataan itu," demikian pernyataan misi Uni Afrika.',
        'Laman berita Iraqi News melaporkan, para aktivis di Raqqa menyebutkan ISIS telah pergi.',
    ])
    speakers = [q.speaker.text if q.speaker else None for q in find_quotes(a)]
    assert speakers == ["Menteri Hukum dan HAM, Yasonna Laoly",
                        "mantan perdana menteri Haiti Laurent Lamothe", "Pangeran Salman",
                        "misi Uni Afrika", "para aktivis di Raqqa"]


def test_a_title_that_points_back_is_read_like_a_pronoun():
    a = article_from([
        '"Kalau PKI muncul, gebuk saja," kata Presiden Joko Widodo.',
        'Mantan Gubernur DKI Jakarta ini menuturkan bahwa pemerintah taat pada konstitusi.',
    ])
    start = a.text.index("Joko Widodo")
    a = replace(a, entities=resolve(a.text, [(start, start + 11, "PER")], a.sentences))
    indirect = [q for q in find_quotes(a) if q.kind == "indirect"]
    assert len(indirect) == 1
    assert indirect[0].speaker_entity == "PER:joko widodo"


def test_a_pointing_description_naming_a_party_is_still_read_like_a_pronoun():
    a = article_from([
        '"Jangan perlakukan mereka seperti teroris," ujar Anggota DPR Budi Santoso.',
        'Politikus Partai Demokrat itu membenarkan bahwa korupsi harus dibenci.',
    ])
    person, party = a.text.index("Budi Santoso"), a.text.index("Partai Demokrat")
    a = replace(a, entities=resolve(a.text, [(person, person + 12, "PER"),
                                             (party, party + 15, "ORG")], a.sentences))
    indirect = [q for q in find_quotes(a) if q.kind == "indirect"]
    assert len(indirect) == 1
    # The description points back to the man just quoted, not to the party it names.
    assert indirect[0].speaker_entity == "PER:budi santoso"


def test_a_person_described_with_a_pointer_or_a_relation_points_back():
    a = article_from([
        '"Biarkan DPR bekerja dulu," ujar Anggota Pansus Teuku Hasan.',
        'Penghuni Komisi III DPR RI itu mengatakan bahwa pansus bertujuan memperbaiki kinerja.',
        'Pada pemeriksaan lalu, mantan suami Nia Daniati itu juga hadir di Gedung KPK.',
        '"Kami tidak berani menyebutkan nama," tambahnya.',
    ])
    found = [(a.text.index(name), name) for name in ("Teuku Hasan", "Nia Daniati")]
    org = a.text.index("DPR RI")
    a = replace(a, entities=resolve(
        a.text, [(i, i + len(n), "PER") for i, n in found] + [(org, org + 6, "ORG")],
        a.sentences))
    quotes = find_quotes(a)
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert len(indirect) == 1 and indirect[0].speaker_entity == "PER:teuku hasan"
    # The husband of Nia Daniati is the subject, not she: the pronoun keeps the last speaker.
    last = [q for q in quotes if q.cue == "tambahnya"]
    assert len(last) == 1 and last[0].speaker_entity == "PER:teuku hasan"


def test_a_verb_of_purpose_is_not_a_report():
    a = article_from([
        'Tim BNNP kemudian melakukan pengawasan guna memastikan penerima paket itu tertangkap.',
        'Polisi bekerja keras untuk memastikan bahwa pelaku segera ditangkap.',
    ])
    assert not [q for q in find_quotes(a) if q.kind == "indirect"]


def test_outlet_openers_and_scare_quotes_do_not_hide_indirect_speech():
    a = article_from([
        'Dilaporkan Reuters, tiga anggota senior ISIS turut tewas dalam serangan di Kunar.',
        'Wood mengatakan ancaman "rudal korut" adalah prioritas utama Presiden Donald Trump.',
        'Diskusi keduanya meliputi perang melawan ISIS, demikian menurut kantor berita Reuters.',
    ])
    found = {(q.cue, q.speaker.text if q.speaker else None) for q in find_quotes(a)}
    assert found == {("dilaporkan", "Reuters"), ("mengatakan", "Wood"),
                     ("menurut", "kantor berita Reuters")}


def test_an_appeal_to_someone_is_not_a_quote():
    a = article_from([
        'Kapolri meminta seluruh anggota untuk waspada akan serangan susulan di Medan.',
        'Kapolri juga meminta agar seluruh anggota selalu waspada di pos masing-masing.',
    ])
    [quote] = find_quotes(a)
    assert quote.text.startswith("seluruh anggota selalu waspada")


def test_clause_verbs_report_speech_only_before_a_clause():
    a = article_from([
        "Kementerian Luar Negeri mengumumkan akan menutup kedutaan di Kabul mulai pekan depan.",
        "Warga melaporkan kejadian itu ke Polsek Cempaka Putih pada Senin malam.",
        "Reuters melaporkan, ribuan warga turun ke jalan untuk merayakan kemenangan itu.",
        "Menteri Agama memberitahu para jemaah haji bahwa keberangkatan ditunda satu pekan.",
    ])
    found = [(q.cue, q.speaker.text, q.text) for q in find_quotes(a)]
    assert found == [
        ("mengumumkan", "Kementerian Luar Negeri",
         "akan menutup kedutaan di Kabul mulai pekan depan"),
        ("melaporkan", "Reuters", "ribuan warga turun ke jalan untuk merayakan kemenangan itu"),
        ("memberitahu", "Menteri Agama", "keberangkatan ditunda satu pekan")]


def test_a_circumstance_between_subject_and_verb_is_not_the_speaker():
    a = article_from([
        "Bupati Sleman Sri Purnomo dalam jumpa pers di Yogyakarta, Selasa, mengatakan jembatan "
        "itu segera diperbaiki.",
    ])
    [quote] = find_quotes(a)
    assert quote.speaker.text == "Bupati Sleman Sri Purnomo"
    assert quote.text == "jembatan itu segera diperbaiki"


def test_passive_cues_and_sources_after_the_content():
    a = article_from([
        "Jembatan gantung itu akan dibongkar pekan depan karena sudah rapuh. Hal ini disampaikan "
        "Kepala Dinas PU Suharto kepada wartawan.",
        "Dikatakan Suharto, jembatan baru akan dibangun dengan dana provinsi tahun ini.",
        "Dana itu cukup untuk dua jembatan, seperti yang dikatakan Suharto saat rapat.",
        "Pelaku membuang barang bukti ke sungai menurut polisi.",
        "Dari pengakuan pelaku, senjata itu dibeli dari seorang kenalan di Medan.",
        "Warga menilai pembangunan itu sah menurut hukum dan menjadi kebutuhan bersama.",
    ])
    found = [(q.cue, q.speaker.text, q.text) for q in find_quotes(a)]
    assert found[:5] == [
        ("disampaikan", "Kepala Dinas PU Suharto",
         "Jembatan gantung itu akan dibongkar pekan depan karena sudah rapuh"),
        ("dikatakan", "Suharto", "jembatan baru akan dibangun dengan dana provinsi tahun ini"),
        ("dikatakan", "Suharto", "Dana itu cukup untuk dua jembatan"),
        ("menurut", "polisi", "Pelaku membuang barang bukti ke sungai"),
        ("dari pengakuan", "pelaku", "senjata itu dibeli dari seorang kenalan di Medan")]
    # "menurut hukum dan …" is part of a clause, not its source: the speaker is Warga.
    assert found[5][:2] == ("menilai", "Warga")


def test_a_name_before_a_relative_clause_is_the_speaker():
    a = article_from([
        "Angelina Jolie yang saat itu bertugas sebagai utusan khusus PBB menyerukan agar perang "
        "di Suriah segera dihentikan.",
        "Menteri Yasonna saat itu beralasan belum menerima surat panggilan dari KPK.",
    ])
    a = replace(a, entities=resolve(a.text, [(0, 14, "PER")], a.sentences))
    found = [(q.cue, q.speaker.text, q.text) for q in find_quotes(a)]
    assert found == [
        ("menyerukan", "Angelina Jolie", "perang di Suriah segera dihentikan"),
        ("beralasan", "Menteri Yasonna", "belum menerima surat panggilan dari KPK")]


def test_cues_before_a_clause_and_outlets_that_open_the_sentence():
    a = article_from([
        "Kantor berita AFP pada Senin melansir, banjir itu merendam tiga desa di pesisir.",
        "Bupati Sumarno berjanji akan membangun tanggul baru tahun depan.",
        "Camat Hadi percaya warga masih mampu bertahan di pengungsian.",
        "Ia mencontohkan, tanggul lama jebol karena tidak pernah dirawat.",
        "Lansiran harian Jawa Pos, Radar Kudus, air mulai surut pada Selasa pagi.",
        "Diberitakan Reuters, dua orang hilang terseret arus di sungai itu.",
        "Kata Sumarno, bantuan beras akan datang dari provinsi besok.",
        "Bupati itu percaya diri menghadapi kritik dari DPRD.",
    ])
    found = [(q.cue, q.speaker.text, q.text) for q in find_quotes(a)]
    assert found == [
        ("melansir", "Kantor berita AFP", "banjir itu merendam tiga desa di pesisir"),
        ("berjanji", "Bupati Sumarno", "akan membangun tanggul baru tahun depan"),
        ("percaya", "Camat Hadi", "warga masih mampu bertahan di pengungsian"),
        ("mencontohkan", "Ia", "tanggul lama jebol karena tidak pernah dirawat"),
        ("lansiran", "harian Jawa Pos, Radar Kudus", "air mulai surut pada Selasa pagi"),
        ("diberitakan", "Reuters", "dua orang hilang terseret arus di sungai itu"),
        ("kata", "Sumarno", "bantuan beras akan datang dari provinsi besok")]


def test_agentless_cue_and_a_cue_set_inside_the_content():
    a = article_from([
        '"Tanggul itu harus selesai sebelum musim hujan," kata Bupati Sumarno.',
        "Dikatakan, anggaran tanggul sudah disetujui DPRD pekan lalu.",
        "Sementara korban luka, kata Sumarno belum bisa dimintai keterangan polisi.",
        "Warga menerima bantuan itu, dan menurutnya jumlah beras sudah cukup.",
        "Menurut rencana, tanggul akan diresmikan pada akhir tahun.",
    ])
    quotes = find_quotes(a)
    found = [(q.cue, q.speaker.text if q.speaker else None, q.text) for q in quotes]
    assert found == [
        ("kata", "Bupati Sumarno", "Tanggul itu harus selesai sebelum musim hujan"),
        ("dikatakan", None, "anggaran tanggul sudah disetujui DPRD pekan lalu"),
        ("kata", "Sumarno", "Sementara korban luka, kata Sumarno belum bisa dimintai "
                            "keterangan polisi"),
        ("menurut", "-nya", "jumlah beras sudah cukup")]
    # "Dikatakan, …" is the last source's.
    assert quotes[1].antecedent.text == "Bupati Sumarno"


def test_a_pronoun_does_not_point_back_to_a_common_noun_source():
    a = article_from([
        "Ketua DPR Setya Novanto hadir di Istana Negara.",
        "Media nasional membenarkan bahwa jadwal pemeriksaan sudah diundur sepekan.",
        '"Nanti kita lihat kalau sudah ada panggilan," ujarnya.',
    ])
    start = a.text.index("Setya Novanto")
    a = replace(a, entities=resolve(a.text, [(start, start + 13, "PER")], a.sentences))
    quotes = find_quotes(a)
    assert quotes[-1].speaker_entity == "PER:setya novanto"


def test_set_phrases_and_reports_inside_an_outlet_line():
    a = article_from([
        "Malcolm Young, gitaris band itu, tutup usia pada Sabtu di Sydney.",
        "Dilansir Reuters, Menteri Luar Negeri Retno mengatakan bahwa dua WNI sudah dibebaskan.",
    ])
    found = [(q.cue, q.speaker.text, q.text) for q in find_quotes(a)]
    assert found == [("mengatakan", "Menteri Luar Negeri Retno", "dua WNI sudah dibebaskan")]


def test_relative_clauses_datelines_and_stray_marks():
    a = article_from([
        "Jakarta (ANTARA News) - Menteri Luar Negeri Retno mengatakan dua WNI sudah dibebaskan.",
        "Baru-baru ini, beredar sebuah kabar dari Manila yang menyebutkan bahwa sandera lain "
        "juga selamat.",
        "Polisi memeriksa seorang dukun yang mengaku bisa menggandakan uang milik korban.",
        "Pelaku sudah ditahan di Polsek Koja.“Kami masih memeriksa dua saksi lain,” kata Kapolsek.",
        "” Barang bukti sudah kami sita dari rumah pelaku, ” ujarnya.",
    ])
    found = [(q.cue, q.speaker.text) for q in find_quotes(a)]
    assert found == [("mengatakan", "Menteri Luar Negeri Retno"),
                     ("menyebutkan", "sebuah kabar dari Manila"),
                     ("kata", "Kapolsek"), ("ujarnya", "-nya")]


def test_the_name_at_the_end_of_a_speaker_phrase_is_the_speaker():
    a = article_from([
        "Kasat Reskrim Polresta Depok, Kompol Teguh Nugroho, mengatakan pelaku sudah ditangkap.",
    ])
    org, name = a.text.index("Polresta Depok"), a.text.index("Teguh Nugroho")
    a = replace(a, entities=resolve(a.text, [(org, org + 14, "PER"), (name, name + 13, "PER")],
                                    a.sentences))
    [quote] = find_quotes(a)
    assert quote.speaker_entity == "PER:teguh nugroho"


def test_a_speaker_mention_is_whole_words():
    # "ia" must not be found at the end of "Indonesia" before it.
    text = ("Menteri Luar Negeri Retno Marsudi tiba di Jakarta pada Senin untuk menghadiri rapat "
            "kerja. Saat berada di Indonesia, ia mengatakan bahwa kerja sama kedua negara akan "
            "terus ditingkatkan dalam waktu dekat ini.")
    article = warta.parse(text, published="2017-01-02T10:00:00+07:00")
    [quote] = article.quotes
    assert quote.speaker is not None and quote.speaker.text == "ia"
    assert article.text[quote.speaker.start - 1] == " "
    assert article.text[quote.speaker.start : quote.speaker.end] == "ia"


def test_a_circumstance_before_the_verb_is_not_the_speaker():
    # A long subject with a relative clause, then ", Selasa, mengatakan": the subject is the
    # name that opens the sentence, not the weekday.
    text = ("Ratu Maxima dari Belanda yang bertindak sebagai Utusan Khusus Perserikatan "
            "Bangsa-Bangsa untuk Inklusi Keuangan yang diterima Presiden Joko Widodo dalam "
            "kunjungan kehormatan di Istana Merdeka Jakarta, Selasa, mengatakan ia dan pemerintah "
            "telah berdiskusi tentang inklusi keuangan. Panglima TNI Jenderal Gatot Nurmantyo "
            "berbicara di depan prajurit di Medan. Saat ditemui wartawan di Medan, Sabtu, dia "
            "mengatakan prajurit siap menjaga negara.")
    article = warta.parse(text, published="2017-01-02T10:00:00+07:00")
    first, second = article.quotes
    assert first.speaker is not None and "Selasa" not in first.speaker.text
    assert first.speaker_entity == "PER:maxima"
    assert second.speaker is not None and second.speaker.text == "dia"
    assert second.speaker_entity == "PER:gatot nurmantyo"


def test_more_after_verbs_and_names_that_are_no_subject():
    a = article_from([
        '"Partai kami tetap mendukung pemerintah sampai akhir masa jabatan," cetus Mahyudin.',
        'Bergabungnya Idrus ke dalam kabinet tidak mensyaratkan apa pun dari partai.',
        '(Baca: Dua Jenderal Masuk Istana, Jokowi: Sudah Melalui Pertimbangan Panjang)',
        '"Dukungan itu keputusan tertinggi musyawarah nasional partai," ucapnya.',
    ])
    names = [(a.text.index(n), a.text.index(n) + len(n), "PER")
             for n in ("Mahyudin", "Idrus", "Jokowi")]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    quotes = [q for q in find_quotes(a) if q.kind == "direct"]
    # "cetus" reports speech as "kata" does.
    assert quotes[0].cue == "cetus" and quotes[0].speaker_entity == "PER:mahyudin"
    # Neither the man whose joining it was nor a name in a bracketed teaser took the floor.
    assert quotes[1].speaker_entity == "PER:mahyudin"


def test_the_name_right_before_the_verb_and_a_linking_adverbial():
    a = article_from([
        'Sebelumnya dalam persidangan kemarin Djafar mengaku bahwa dirinya menerima uang itu.',
        'Oleh karena itu, KPK berharap kepada semua saksi untuk mencontoh sikap tersebut.',
    ])
    names = [(a.text.index("Djafar"), a.text.index("Djafar") + 6, "PER"),
             (a.text.index("KPK"), a.text.index("KPK") + 3, "ORG")]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    quotes = find_quotes(a)
    assert [q.speaker.text if q.speaker else None for q in quotes] == ["Djafar", "KPK"]


def test_a_dated_weekday_and_a_companion_are_not_the_speaker():
    a = article_from([
        'Aparat penegak hukum setempat, seperti dilansir CNN.com, Jumat (30/6) menyebutkan, '
        'pelaku mengenakan jas putih saat melepaskan tembakan.',
        'Kapolres didampingi Kasat Reskrim AKP Harmianto menjelaskan bahwa kedua tersangka '
        'tertangkap basah oleh petugas.',
    ])
    start = a.text.index("Harmianto")
    a = replace(a, entities=resolve(a.text, [(start, start + 9, "PER")], a.sentences))
    speakers = [q.speaker.text if q.speaker else None for q in find_quotes(a)]
    assert speakers == ["Aparat penegak hukum setempat", "Kapolres"]


def test_a_particle_written_onto_a_pronoun():
    # "Iapun" is "Ia pun" (he too): the tagger took it for a name at the start of a sentence.
    a = article_from([
        'Megawati Soekarnoputri meminta pemerintah menindak tegas penyebar berita bohong.',
        'Iapun mengakui bahwa keberadaan berita bohong di negeri ini semakin merajalela.',
    ])
    names = [(a.text.index(n), a.text.index(n) + len(n), "PER")
             for n in ("Megawati Soekarnoputri", "Iapun")]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    assert [e.key for e in a.entities] == ["PER:megawati soekarnoputri"]
    [quote] = find_quotes(a)
    assert quote.speaker is not None and quote.speaker.text == "Ia"
    assert a.text[quote.speaker.start:quote.speaker.end + 3] == "Iapun"
    assert quote.speaker_entity == "PER:megawati soekarnoputri"


def test_a_cleft_is_not_a_speaker():
    # "Itulah yang …" (that is what …) names what is done; "berharap" after it reports nobody,
    # and the pronoun of the next quote still points back to the minister.
    a = article_from([
        '"Ini bagian dari verifikasi," kata Retno.',
        'Itulah yang saat ini tengah dilakukan perwakilan Indonesia di Riyadh, yaitu melakukan '
        'verifikasi sekaligus berharap nama perusahaan itu dibuka.',
        '"Saya minta KBRI untuk membuka nama perusahaan itu," katanya.',
    ])
    a = with_names(a, "Retno")
    quotes = find_quotes(a)
    assert [q.cue for q in quotes] == ["kata", "katanya"]
    assert [q.speaker_entity for q in quotes] == ["PER:retno", "PER:retno"]


def test_a_title_alone_stands_for_the_holder_of_a_longer_title():
    # "Kapolsek" after "Kapolsekta Medan Barat Kompol Victor Ziliwu": the same police chief.
    article = warta.parse(
        "Kapolsekta Medan Barat Kompol Victor Ziliwu mengatakan, pelaku berinisial S ini sempat "
        "berputar-putar mencari motor yang hendak dicuri di Medan.\n\n"
        "Menurut Kapolsek, S mengaku anggota polisi untuk menghindari amukan massa di lokasi.",
        published="2017-04-20T10:00:00+07:00")
    assert [(q.cue, q.speaker_entity) for q in article.quotes] == [
        ("mengatakan", "PER:victor ziliwu"), ("menurut", "PER:victor ziliwu")]


def test_an_indirect_quote_runs_on_over_connective_sentences_with_no_cue():
    a = article_from([
        "Menurut Alex, KPK tak dapat mengusut kasus ini. Sebab kewenangan KPK hanya menyangkut "
        "penyelenggara negara. Sementara itu, polisi terus bekerja.",
        "Tapi kasus itu belum selesai.",
    ])
    a = with_names(a, "Alex")
    [quote] = find_quotes(a)
    # "Sebab …" goes on with Alex's reasoning; "Sementara itu" turns to the narrative, and a
    # new paragraph is not carried over.
    assert quote.text == ("KPK tak dapat mengusut kasus ini. Sebab kewenangan KPK hanya "
                          "menyangkut penyelenggara negara")
    assert quote.speaker_entity == "PER:alex"


def test_run_on_connectives_of_guideline_v1_17_and_v1_19():
    a = article_from([
        "Menurut Agus, dewan itu hanya memberi saran. Kemudian, pengawas internal yang akan "
        "menindaklanjuti. Polisi juga hadir di sana.",
        "Kapolres mengatakan pemeriksaan sudah selesai. Sehingga berkas segera dikirim ke "
        "jaksa.",
    ])
    quotes = find_quotes(a)
    # "Kemudian …" and "Sehingga …" go on with the speaker's account; a sentence with its own
    # subject and no connective does not.
    assert [q.text for q in quotes] == [
        "dewan itu hanya memberi saran. Kemudian, pengawas internal yang akan menindaklanjuti",
        "pemeriksaan sudah selesai. Sehingga berkas segera dikirim ke jaksa"]


def test_an_agentless_cue_with_nya_is_the_last_source():
    a = article_from([
        '"Kami akan menindak tegas pelaku sweeping," kata Kapolres Harry Kurniawan.',
        "Dikatakannya, polisi dan TNI sudah bertemu dengan organisasi massa di kota itu.",
    ])
    quotes = find_quotes(a)
    assert [(q.cue, q.text) for q in quotes][1] == (
        "dikatakannya", "polisi dan TNI sudah bertemu dengan organisasi massa di kota itu")
    assert quotes[1].antecedent.text == "Kapolres Harry Kurniawan"


def test_a_quoted_fragment_object_of_a_verb_of_judging_is_a_direct_quote():
    a = article_from([
        'Ketua Komnas HAM Ahmad Taufan mengecam "tindakan brutal" aparat di perbatasan itu.',
        'Polisi menangkap dua pelaku "begal" di Bekasi pada Senin malam.',
        'Dia juga menuduh pemerintah daerah bertindak seperti "penguasa kolonial" selama ini.',
    ])
    quotes = find_quotes(a)
    # The object of "mengecam" and "menuduh" is the speaker's own words (guideline v1.18); a
    # quoted term with no such verb is a scare quote.
    assert [(q.kind, q.cue, q.text) for q in quotes] == [
        ("direct", "mengecam", "tindakan brutal"), ("direct", "menuduh", "penguasa kolonial")]
    assert quotes[0].speaker.text == "Ketua Komnas HAM Ahmad Taufan"


def test_data_and_surveys_as_source_and_a_suggestion():
    a = article_from([
        "Berdasarkan data Kemenkumham, jumlah narapidana di seluruh Indonesia naik tahun ini.",
        "Berdasarkan pantauan di lapangan, arus lalu lintas di jalan itu lancar sejak pagi.",
        "Polda Metro Jaya menyarankan agar sidang itu ditunda sampai pemungutan suara selesai.",
    ])
    quotes = find_quotes(a)
    # Data is a source; the outlet's own observation is not (guideline v1.14, v1.20).
    assert [(q.cue.lower(), q.speaker.text, q.text) for q in quotes] == [
        ("berdasarkan data", "Kemenkumham",
         "jumlah narapidana di seluruh Indonesia naik tahun ini"),
        ("menyarankan", "Polda Metro Jaya",
         "sidang itu ditunda sampai pemungutan suara selesai")]


def test_a_pronoun_after_a_named_person_reporting_without_a_quote():
    a = article_from([
        "Sudarso Arief Bakuma, kuasa hukum korban, melapor ke Polda Jawa Timur pada 2016.",
        '"Penyidikan masih berjalan," kata Kabid Humas Yudhistira.',
        "Kuasa korban yang melaporkan perkara ini, Sudarso Arief Bakuma, mengaku belum "
        "menerima surat resmi dari polisi.",
        '"Kami akan menentukan sikap setelah menerima pemberitahuan resmi," ujarnya.',
    ])
    a = with_names(a, "Sudarso Arief Bakuma", "Yudhistira")
    quotes = find_quotes(a)
    # "mengaku belum menerima" states what he knows (no quote), but it is Sudarso who speaks
    # last before "ujarnya", not the spokesman quoted before.
    assert quotes[-1].speaker.text == "-nya"
    assert quotes[-1].speaker_entity == "PER:sudarso arief bakuma"


def test_where_it_was_said_before_bahwa():
    a = article_from([
        "Biro hukum kota itu mengumumkan di situs resminya bahwa Liu meninggal karena gagal "
        "organ.",
        "Pemerintah kota itu mengumumkan hasil seleksi di situs resminya pada Senin pagi.",
    ])
    quotes = find_quotes(a)
    # The venue between the verb and "bahwa" is not what was said; an announcement with a noun
    # object and no "bahwa" is an act, not a quote.
    assert [(q.cue, q.text) for q in quotes] == [
        ("mengumumkan", "Liu meninggal karena gagal organ")]


def test_a_request_to_someone_with_agar_reports_what_was_asked():
    a = article_from([
        "Para aktivis telah mendesak Beijing agar membebaskan Liu dan mengizinkannya berobat.",
        "Presiden meminta Turki menghentikan komentar berlebihannya agar tidak memperkeruh "
        "suasana.",
    ])
    quotes = find_quotes(a)
    # An addressee then "agar": what was asked is quoted (guideline 7); an addressee then a
    # verb is an appeal only.
    assert [(q.cue, q.speaker.text, q.text) for q in quotes] == [
        ("mendesak", "Para aktivis", "membebaskan Liu dan mengizinkannya berobat")]


def test_an_office_named_by_its_short_form_stands_for_its_holder():
    # "(Menko Polhukam) Wiranto": the bracketed short form closes his title, so the office
    # alone later is him, not a body of that name; "KPK" alone stays the commission.
    a = article_from([
        "Menteri Koordinator Bidang Politik, Hukum dan Keamanan (Menko Polhukam) Wiranto "
        "mengatakan demonstrasi harus bubar pukul 18.00.",
        "Menko Polhukam juga mengatakan para ulama diminta menyerukan kepada umat agar tenang.",
        "KPK menyatakan bahwa pemeriksaan itu berjalan lancar.",
    ])
    found = [(m.start(), m.end(), "PER") for m in re.finditer("Wiranto", a.text)] + [
        (m.start(), m.end(), "ORG") for m in re.finditer("Menko Polhukam|KPK", a.text)]
    a = replace(a, entities=resolve(a.text, sorted(found), a.sentences))
    quotes = find_quotes(a)
    assert [q.speaker_entity for q in quotes] == ["PER:wiranto", "PER:wiranto", "ORG:kpk"]


def test_a_question_cue_and_a_pronoun_after_a_report_in_its_sentence():
    # "tanya Soesilo" is "asked Soesilo", not "ta" with a pronoun; "Mendengar pertanyaan
    # tersebut, Fahmi pun mengakui …, menurutnya …": "tersebut" is no verb, Fahmi is the
    # subject, and "-nya" is him though the last quote was Soesilo's.
    a = article_from([
        'Kuasa hukum terdakwa, Soesilo Aribowo mencecar saksi Husni Fahmi di persidangan.',
        '"Apakah benar ada undangan dari tim Fatmawati," tanya Soesilo dalam persidangan.',
        'Mendengar pertanyaan tersebut, Fahmi pun mengakui bila memang ada pertemuan di ruko, '
        'menurutnya dirinyalah yang menyuruh anak buahnya untuk datang ke pertemuan tersebut.',
    ])
    names = [(a.text.index(n), a.text.index(n) + len(n), "PER")
             for n in ("Soesilo Aribowo", "Husni Fahmi")]
    # The short names, each where it stands alone.
    names += [(a.text.index(n), a.text.index(n) + len(n.split()[0]), "PER")
              for n in ("Soesilo dalam", "Fahmi pun")]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    asked, told = find_quotes(a)
    assert asked.cue == "tanya" and asked.speaker_entity == "PER:soesilo aribowo"
    assert told.cue == "menurut" and told.text.startswith("dirinyalah")
    assert told.speaker_entity == "PER:husni fahmi"


def test_according_to_inside_a_clause_without_commas():
    # "Sekolah menurut Jokowi memegang …", "Tim ini menurutnya akan …": the whole sentence is
    # what was said, and the source is the name or the pronoun after the cue.
    a = article_from([
        'Presiden Joko Widodo meresmikan sekolah baru di Malang pada hari Sabtu.',
        'Sekolah menurut Jokowi memegang peranan penting dalam pembentukan karakter anak muda.',
        'Tim ini menurutnya akan terus bekerja untuk membongkar praktek para penimbun.',
    ])
    names = [(a.text.index(n), a.text.index(n) + len(n), "PER")
             for n in ("Joko Widodo", "Jokowi")]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    quotes = find_quotes(a)
    assert [(q.cue, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("menurut", "Jokowi"), ("menurut", "-nya")]
    assert quotes[0].text.startswith("Sekolah menurut Jokowi")
    assert [q.speaker_entity for q in quotes] == ["PER:joko widodo", "PER:joko widodo"]


def test_an_after_verb_or_a_passive_cue_inside_a_clause_without_commas():
    # "Hal tersebut kata Syarif …", "Kebijakan itu dinilai Jokowi penting …", "Pemeriksaan ini
    # dinilainya …": the cue and its source sit inside the clause; the sentence is what was said.
    a = article_from([
        'Presiden Joko Widodo meninjau kapal yang ditenggelamkan di perairan Natuna.',
        'Kebijakan penenggelaman kapal itu dinilai Jokowi penting untuk menunjukkan hukum.',
        'Jaksa Agung Muda Syarif hadir dalam sidang gugatan itu pada hari Senin.',
        'Hal tersebut kata Syarif juga tidak berdasar pada hukum yang berlaku.',
        'Pemeriksaan ini dinilainya penting untuk memastikan penyakit yang diderita terdakwa.',
        'Dengan kata lain, sidang itu ditunda sampai pekan depan oleh majelis hakim.',
    ])
    a = with_names(a, "Joko Widodo", "Jokowi", "Syarif")
    quotes = find_quotes(a)
    assert [(q.cue, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("dinilai", "Jokowi"), ("kata", "Syarif"), ("dinilai", "-nya")]
    assert quotes[1].text.startswith("Hal tersebut kata Syarif")
    assert quotes[0].speaker_entity == "PER:joko widodo"


def test_a_stated_belief_or_judgement_is_a_quote():
    a = article_from([
        'Kuasa hukum korban, Azam Khan, yakin pengeroyokan itu sudah direncanakan sejak awal.',
        'Jaksa menganggap terdakwa melanggar Pasal 156 KUHP dalam dakwaan alternatif.',
    ])
    a = with_names(a, "Azam Khan")
    quotes = find_quotes(a)
    assert [q.cue for q in quotes] == ["yakin", "menganggap"]
    assert quotes[0].speaker_entity == "PER:azam khan"
    assert quotes[1].speaker is not None and quotes[1].speaker.text == "Jaksa"
    assert quotes[0].text.startswith("pengeroyokan itu")


def test_a_quoted_fragment_inside_a_report_is_said_by_the_reporter():
    # Guterres says the quoted words; a scare-quoted term leaves the sentence's report alone.
    a = article_from([
        'Kim Jong Un kembali menguji rudal balistik di lepas pantai timur pada hari Minggu.',
        'Sementara itu Guterres mengatakan bahwa ini saatnya untuk "meredakan retorika dan '
        'mendorong diplomasi" terkait Korea Utara.',
        'Para senator membenarkan bahwa Trump menyebut negara itu "tempat kumuh" dalam rapat.',
    ])
    a = with_names(a, "Kim Jong Un", "Guterres", "Trump")
    quotes = find_quotes(a)
    assert [(q.kind, q.cue) for q in quotes] == [("direct", "mengatakan"),
                                                 ("indirect", "membenarkan")]
    assert quotes[0].text.startswith("meredakan retorika")
    assert quotes[0].speaker_entity == "PER:guterres"


def test_an_opening_circumstance_is_not_the_speaker():
    a = article_from([
        'Tentara Israel menahan seorang remaja Palestina di Tepi Barat pada bulan Desember.',
        'Seraya menyeru untuk pembebasan remaja itu, Amnesty International mengatakan bahwa '
        'penahanannya tidak dapat dibenarkan.',
    ])
    a = with_names(a, "Amnesty International", kind="ORG")
    (said,) = find_quotes(a)
    assert said.speaker is not None and said.speaker.text == "Amnesty International"


def test_a_relative_clause_and_a_spokesman_in_the_subject():
    # The name before the verb is in a relative clause after the subject; "melalui" names the
    # person who speaks for the subject (a Twitter account would not).
    a = article_from([
        'Bulan lalu, Fadli Zon yang juga menjabat Wakil Ketua Umum Partai Gerindra menyatakan '
        'partainya pasti mengusung Prabowo.',
        'Kapolres Lhokseumawe AKBP Hendri Budiman melalui Kapolsek Ipda Abdul Azis, Sabtu '
        '(10/2) malam mengatakan kedua pemuda itu diduga mencuri sekarung jengkol.',
        'Menteri Susi Pudjiastuti melalui akun Twitternya mengatakan kapal itu akan dibakar.',
    ])
    found = [("Fadli Zon", "PER"), ("Partai Gerindra", "ORG"), ("Prabowo", "PER"),
             ("Hendri Budiman", "PER"), ("Abdul Azis", "PER"), ("Susi Pudjiastuti", "PER")]
    names = [(a.text.index(n), a.text.index(n) + len(n), kind) for n, kind in found]
    a = replace(a, entities=resolve(a.text, names, a.sentences))
    assert [q.speaker_entity for q in find_quotes(a)] == [
        "PER:fadli zon", "PER:abdul azis", "PER:susi pudjiastuti"]
