"""Topic labels and keywords: behaviour on real IndoSum text, the pipeline stage, and a quality
gate on cross-validated IndoSum topic accuracy."""

from __future__ import annotations

import pytest

from warta.model import Article, Span
from warta.nlp import topics

# Sentences from IndoSum articles (CC BY-SA 4.0).
SPORT = (  # 1473415217-fans-manchester-united-protes-ke-feyenoord
    "Suporter Manchester United mengkritik kebijakan Feyenoord yang hanya memberikan 1.400 "
    "alokasi tiket untuk laga perdana babak grup Liga Europa pada Jumat (16/9) dini hari WIB "
    "mendatang. Feyenoord mengurangi kapasitas stadionnya menjadi setengah dari yang semula 51 "
    "ribu demi mengindari kerusuhan penonton, dan oleh sebab itu United hanya diberi jatah "
    "sedikit. Feyenoord lantas hanya mengalokasikan 1.400 tiket untuk suporter United dari "
    "kapasitas stadion yang sudah dikurangi setengahnya."
)
TECH = (  # 1476732601-xbox-one-kembali-kalahkan-penjualan-ps4
    "Jakarta (ANTARA News) - Mengutip data dari perusahaan riset pasar NPD, Microsoft "
    "mengungkapkan bahwa Xbox One merupakan konsol game terlaris di Amerika Serikat untuk "
    "September, tiga bulan berturut-turut mengalahkan penjualan PS4 Sony. Berita itu datang "
    "dari bos pemasaran Xbox Mike Nichols yang juga mengungkapkan bahwa Xbox One merupakan "
    "konsol terlaris bulan lalu di Inggris."
)
POLITICS = (  # 1490674536-mustahil-transportasi-tradisional-dan-online-bersa
    "Ketua MPR Zulkifli Hasan menyesalkan kisruh yang terjadi antara pelaku sarana transportasi "
    "online dan tradisional. Zulkifli menyarankan adanya pertemuan bersama antara pemerintah, "
    "pelaku transportasi online dan transportasi tradisional demi meredam kisruh yang masih "
    "belum terselesaikan. Zulkifli menilai aturan yang dikeluarkan pemerintah seharusnya tidak "
    "hanya membahas tarif tapi juga mekanisme yang dapat menguntungkan semua pihak, baik pelaku "
    "transportasi online maupun tradisional."
)


@pytest.mark.parametrize(("text", "label"), [(SPORT, "olahraga"), (TECH, "teknologi"),
                                             (POLITICS, "tajuk utama")])
def test_classify_real_articles(text, label):
    result = topics.classify(text)
    assert result[0].label == label
    assert sorted(t.label for t in result) == sorted(topics.LABELS)
    assert sum(t.score for t in result) == pytest.approx(1.0, abs=1e-3)
    assert [t.score for t in result] == sorted((t.score for t in result), reverse=True)


def test_classify_empty_text_is_still_a_distribution():
    result = topics.classify("")
    assert len(result) == 6
    assert sum(t.score for t in result) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(("url", "sections"), [
    ("https://www.cnnindonesia.com/hiburan/20171211082717-220-261486/kru-the-last-jedi/",
     ["hiburan"]),
    ("https://www.merdeka.com/sehat/selain-dehidrasi-ini-penyebab-urin-berwarna-gelap.html",
     ["sehat"]),
    ("https://juara.bolasport.com/read/balap/motogp/1823534-diisukan-bakal-gantikan",
     ["read", "balap", "motogp"]),
    ("http://www.suara.com/News/2016/08/31/191400/tidur-di-rapat", ["news"]),
    ("https://dailysocial.id/post/mynurz?utm_campaign=funding", ["post"]),
    ("https://example.com/", []),
    (None, []),
])
def test_url_sections_are_the_path_words_before_the_slug(url, sections):
    assert topics.url_sections(url) == sections


def test_url_section_shifts_the_scores_and_unknown_sections_change_nothing():
    model = topics.load_model()
    assert "/gaya-hidup" in model.index  # a lifestyle section, "hiburan" in IndoSum
    text = "Tips memilih sepatu lari yang nyaman untuk pemula. Pilih ukuran yang pas."
    lifestyle = "https://www.cnnindonesia.com/gaya-hidup/20170101-1-2/tips-memilih-sepatu/"
    by_label = {t.label: t.score for t in topics.classify(text, lifestyle)}
    plain = {t.label: t.score for t in topics.classify(text)}
    assert by_label["hiburan"] > plain["hiburan"]
    unknown = "https://example.com/rubrik-tak-dikenal/tips-memilih-sepatu"
    assert topics.classify(text, unknown) == topics.classify(text)


def test_keywords_are_content_words_and_names():
    words = topics.keywords(POLITICS)
    assert len(words) == 8
    assert len({w.lower() for w in words}) == len(words)
    assert any("transportasi" in w for w in words)
    assert any(w.startswith("Zulkifli") for w in words)
    stop = topics.stopwords()
    assert not any(w.lower() in stop for w in words)
    assert all(1 <= len(w.split()) <= topics.MAX_PHRASE for w in words)


def test_keywords_group_inflected_forms_by_lemma():
    text = ("Pertandingan itu berlangsung sengit. Kedua tim bertanding dua jam. "
            "Tim tamu menang dalam pertandingan ulang.")
    words = topics.keywords(text, k=3)
    # "Pertandingan" and "bertanding" share the lemma "tanding": one keyword, not two.
    assert sum(1 for w in words if "tanding" in w.lower()) == 1


def test_keywords_of_empty_text():
    assert topics.keywords("") == []
    assert topics.keywords("yang dan di ke", k=3) == []


def test_stage_sets_topics_and_keywords_and_round_trips():
    text = SPORT
    article = Article(id="test-sport", text=text, paragraphs=[Span(0, len(text))],
                      title="Fans Manchester United protes ke Feyenoord")
    result = topics.build(None)(article)
    assert result.topics[0].label == "olahraga"
    assert result.keywords and "Feyenoord" in result.keywords
    assert Article.from_json(result.to_json()) == result


def test_stage_reads_the_article_url():
    url = "https://www.cnnindonesia.com/olahraga/20160914-142-158297/fans-united-protes/"
    article = Article(id="test-sport-url", text=SPORT, paragraphs=[Span(0, len(SPORT))], url=url)
    result = topics.build(None)(article)
    assert result.topics == topics.classify(SPORT, url)
    assert result.topics != topics.classify(SPORT)


def test_model_file_mismatch_is_a_clear_error():
    npz = (topics.resources.files("warta") / "models/topics/model.npz").read_bytes()
    with pytest.raises(topics.TopicModelError, match="retrain"):
        topics.model_from_files(npz, '{"format": "warta.topics-linear/0"}')


# --- quality gate --------------------------------------------------------------------------

#: Floors from the measured 5-fold cross-validation (MODEL_CARD.md: accuracy 0.9387, macro-F1
#: 0.9149 over the five categories, text and URL). Floors only move up.
FLOOR_ACCURACY = 0.935
FLOOR_MACRO_F1 = 0.91
#: With the URL withheld (measured 0.9187 / 0.8892): the floors of the words-only model this one
#: replaced, so an article parsed without its URL is classified no worse than before.
FLOOR_TEXT_ONLY_ACCURACY = 0.915
FLOOR_TEXT_ONLY_MACRO_F1 = 0.885


def test_quality_gate_topics_cross_validated(indosum):
    folder = indosum
    from warta.evaluate.topics import evaluate

    result = evaluate(folder)
    assert result["articles"] == 3463
    assert result["five"]["accuracy"] >= FLOOR_ACCURACY, result["five"]
    assert result["five"]["macro_f1"] >= FLOOR_MACRO_F1, result["five"]
    assert result["text_only"]["accuracy"] >= FLOOR_TEXT_ONLY_ACCURACY, result["text_only"]
    assert result["text_only"]["macro_f1"] >= FLOOR_TEXT_ONLY_MACRO_F1, result["text_only"]
