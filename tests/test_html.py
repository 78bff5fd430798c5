"""HTML pages: the seed rebuilt as a page, and real IndoSum text wrapped as each outlet's page."""

from __future__ import annotations

import html
import json

import pytest

import warta
from warta.errors import NoArticle
from warta.sources import indosum

from conftest import INDOSUM_SAMPLE


def page(title: str, header: list[str], paragraphs: list[str], extra_head: str = "") -> str:
    head = "".join(f"<div class='meta'>{html.escape(h)}</div>" for h in header)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='id'><head><title>{html.escape(title)} | Situs</title>"
        f"{extra_head}</head><body><nav><a href='/'>Beranda</a> <a href='/n'>Nasional</a></nav>"
        f"<header><h1>{html.escape(title)}</h1>{head}</header><article>{body}"
        "<div class='ads'>Advertisement</div></article>"
        "<aside><h3>Berita Lainnya</h3><ul><li><a href='/a'>Judul lain yang tidak terkait</a></li>"
        "</ul></aside><footer>Copyright 2017 Situs</footer></body></html>"
    )


def test_seed_as_html_gives_the_same_article(seed_text, seed_article):
    lines = seed_text.split("\n")
    body = [line for line in seed_text.split("\n\n")[3:] if "Advertisement" not in line]
    page_html = page(lines[2], [lines[0], lines[4]], body)
    article = warta.parse(page_html, url="https://www.republika.co.id/berita/owb3ki/menteri")
    assert article.title == seed_article.title
    assert article.published == seed_article.published
    assert article.text == seed_article.text
    assert article.outlet.name == "Republika"
    assert article.dateline.text == "Damaskus"
    assert [a.name for a in article.authors] == ["Marniati", "Endro Yuwanto"]


def test_meta_tags_win_over_visible_text(seed_text):
    body = seed_text.split("\n\n")[3:11]
    meta = ("<meta property='article:published_time' content='2017-09-14T15:02:00+07:00'>"
            "<meta property='og:title' content='Judul dari meta'>"
            "<link rel='canonical' href='https://www.republika.co.id/berita/x'>")
    article = warta.parse(page("Judul", [], body, meta))
    assert article.published == "2017-09-14T15:02:00+07:00"
    assert article.title == "Judul dari meta"
    assert article.url == "https://www.republika.co.id/berita/x"
    assert article.outlet.name == "Republika"


def _samples_by_outlet() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for line in INDOSUM_SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found.setdefault(record["source"], record)
    return found


@pytest.mark.parametrize("outlet", sorted(_samples_by_outlet()))
def test_real_outlet_text_as_html(outlet):
    record = _samples_by_outlet()[outlet]
    raw = indosum.to_raw(indosum.parse_line(json.dumps(record)))
    paragraphs = str(raw.content).split("\n\n")
    article = warta.parse(page(record["id"][11:], ["Senin, 27 Maret 2017 10:33 WIB"], paragraphs),
                          url=record["source_url"])
    text_article = warta.parse(raw.content, url=record["source_url"])
    assert article.published == "2017-03-27T10:33:00+07:00"
    assert article.outlet is not None
    assert article.text == text_article.text
    assert (article.dateline is None) == (text_article.dateline is None)
    assert "Berita Lainnya" not in article.text and "Copyright" not in article.text


def test_html_without_an_article_is_rejected():
    nav = "".join(f"<li><a href='/{i}'>Kategori {i}</a></li>" for i in range(30))
    with pytest.raises(NoArticle, match="no article body"):
        warta.parse(f"<html><body><ul>{nav}</ul></body></html>")


def test_htmldate_is_the_last_resort_for_the_date():
    body = ("Polisi menangkap dua orang tersangka pencurian sepeda motor di Bekasi pada malam "
            "hari. Kedua tersangka kini ditahan di Polres Metro Bekasi untuk pemeriksaan lebih "
            "lanjut oleh penyidik kepolisian setempat.")
    page_html = f"<html><body><article><p>{body}</p><p>{body}</p></article></body></html>"
    article = warta.parse(page_html, url="https://www.merdeka.com/peristiwa/2018/03/12/x.html",
                          stages=[])
    assert article.published == "2018-03-12"
