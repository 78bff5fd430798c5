"""The event table: columns, TSV layout, and the same rows from an article or the store."""

from __future__ import annotations

import io

from warta.model import Actor, Article, Event, Mention, Place, Span
from warta.nlp.event_table import COLUMNS, from_article, from_store, write_tsv


def test_rows_and_tsv():
    article = Article(
        id="a1", text="Polisi menangkap tiga tersangka.", paragraphs=[Span(0, 32)],
        published="2018-03-05T10:00:00+07:00",
        events=[Event(code="173", label="Arrest", trigger=Mention(7, 16, "menangkap"),
                      sentence=0, confidence=0.9, actor1=Actor("Polisi", None, "IDNCOP"),
                      actor2=Actor("tersangka\tbaru", None, "IDNCRM"), date="2018-03-05",
                      counts={"arrested": 3},
                      place=Place("Medan", "ID", 3.59, 98.67, "wilayah:12.71", "city"))])
    rows = list(from_article(article))
    assert rows[0]["day"] == "20180305" and rows[0]["root"] == "17"
    assert rows[0]["arrested"] == 3 and rows[0]["event_id"] == "a1-0"
    out = io.StringIO()
    assert write_tsv(rows, out) == 1
    header, line = out.getvalue().splitlines()
    assert header.split("\t") == list(COLUMNS)
    assert len(line.split("\t")) == len(COLUMNS) and "tersangka baru" in line

    stored = {"article": "a1", "code": "173", "date": "2017-W36", "counts": '{"killed": 2}'}
    row = next(from_store([stored]))
    assert row["killed"] == 2 and row["day"] == "" and row["root"] == "17"
