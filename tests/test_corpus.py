"""Real IndoSum articles from ten outlets: every one parses, datelines come off the body."""

from __future__ import annotations

import json
import re

import pytest

import warta
from warta.model import Article, Rejection
from warta.sources.files import read_all

from conftest import INDOSUM_SAMPLE

# Prefixes an outlet puts before the story: they must never be left in the body.
DATELINE_LEFTOVER = re.compile(
    r"^(?:[A-Z][\w .,]*, CNN Indonesia\s*-|[\w .,]+\(ANTARA(?: News)?\)|[\w .,]+\(Pos Kota\)"
    r"|Merdeka\.com\s*-|Suara\.com\s*-|Rimanews\s*-|[\w .,]*JUARA\.net|JUARA\.NET)", re.I)


@pytest.fixture(scope="module")
def results():
    return list(warta.parse_many(read_all([str(INDOSUM_SAMPLE)], 10**8)))


def test_every_sample_article_parses(results):
    articles = [r for r in results if isinstance(r, Article)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert len(results) == 300
    assert len(articles) >= 297, [r.reason for r in rejected]
    assert all(a.language == "id" and a.published and a.outlet for a in articles)


def test_dateline_prefixes_are_cut_and_recorded(results):
    articles = [r for r in results if isinstance(r, Article)]
    records = {json.loads(line)["source_url"]: json.loads(line)
               for line in INDOSUM_SAMPLE.read_text(encoding="utf-8").splitlines()}
    with_dateline = 0
    for article in articles:
        assert not DATELINE_LEFTOVER.match(article.text), article.text[:80]
        first = records[article.url]["paragraphs"][0][0]
        if first[:3] == ["Jakarta", ",", "CNN"]:
            assert article.dateline is not None and article.dateline.text == "Jakarta"
            assert article.outlet.name == "CNN Indonesia"
        if article.dateline is not None:
            with_dateline += 1
    assert with_dateline >= 100


def test_antara_dateline_with_region():
    text = ("Karangasem, Bali (ANTARA News) - Badan Nasional Penanggulangan Bencana (BNPB) "
            "menyatakan keadaan darurat masih berlaku bagi warga di sekitar Gunung Agung. "
            "Warga diminta tetap berada di pengungsian sampai ada pemberitahuan lebih lanjut "
            "dari petugas di lapangan, kata juru bicara badan itu kepada wartawan.")
    article = warta.parse(text)
    assert article.dateline.text == "Karangasem, Bali"
    assert article.outlet.name == "Antara"
    assert article.text.startswith("Badan Nasional")


def test_syndicated_dateline_becomes_an_attribution():
    text = ("Jakarta (ANTARA) - Pemerintah menyiapkan anggaran tambahan untuk perbaikan jalan "
            "nasional yang rusak akibat banjir di sejumlah provinsi. Menteri mengatakan dana itu "
            "akan cair bulan depan setelah disetujui oleh Dewan Perwakilan Rakyat di Jakarta.")
    article = warta.parse(text, url="https://www.suara.com/news/2019/01/01/x")
    assert article.outlet.name == "Suara"
    assert [a.name for a in article.attributions][:1] == ["Antara"]
