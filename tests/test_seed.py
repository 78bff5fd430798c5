"""The seed page (Republika, 14 Sep 2017) read through the same code path as any page."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SEED


def test_metadata(seed_article):
    a = seed_article
    assert a.published == "2017-09-14T15:02:00+07:00"
    assert a.title == "Menteri Rusia Bertemu Assad Bahas Serangan Deir Az Zor"
    assert [(x.name, x.role) for x in a.authors] == [
        ("Marniati", "reporter"), ("Endro Yuwanto", "editor")]
    assert (a.outlet.name, a.outlet.domain) == ("Republika", "republika.co.id")
    assert a.dateline is not None and a.dateline.text == "Damaskus"
    assert [(i.caption, i.credit) for i in a.images] == [("Bashar Al-Assad",
                                                            "myfirstclasslife.com")]
    assert [x.name for x in a.attributions] == ["Aljazirah"]
    assert a.language == "id"


def test_body(seed_article):
    a = seed_article
    # The page has eight story paragraphs between the caption block and the page furniture.
    assert len(a.paragraphs) == 8
    assert a.text.startswith("Presiden Suriah Bashar al-Assad menyambut")
    assert a.text.endswith("Hilangnya Deir Az Zor akan menjadi pukulan besar bagi ISIS.")
    for absent in ("Advertisement", "Berita Lainnya", "REPUBLIKA.CO.ID", "\u00a0", "Foto:"):
        assert absent not in a.text
    for span in a.paragraphs:
        chunk = a.text[span.start:span.end]
        assert chunk == chunk.strip() and "\n" not in chunk


def test_offsets_point_into_text(seed_article):
    a = seed_article
    for attribution in a.attributions:
        assert a.text[attribution.start:attribution.end] == attribution.name
    assert a.sentences, "the default pipeline splits sentences"
    quote = next(s for s in a.sentences if a.span_text(s).startswith('"Baru kemarin'))
    assert a.span_text(quote).endswith("kata pernyataan tersebut.")


def test_cli_prints_the_article_as_json():
    done = subprocess.run([sys.executable, "-m", "warta", "parse", str(SEED)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "warta.article/1"
    assert data["published"] == "2017-09-14T15:02:00+07:00"
    assert data["dateline"]["text"] == "Damaskus"
