"""The time tagger: the seed article (issue 4, check 1), a table of Indonesian expressions
(check 3), anchors at year boundaries, weekday/date disagreements, impossible dates, and the
IndoSum weekday gate (check 2)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from warta.model import Article, Span
from warta.nlp.times import analyse, build, notice_span, tag_times

ANCHOR = datetime.fromisoformat("2017-09-14T15:02:00+07:00")  # Kamis 14 Sep 2017 15:02 WIB

# Sentences of the seed article (Republika, 14 Sep 2017), as printed.
SEED = (
    "Dilansir dari Aljazirah, Kamis (14/9), Shoigu memberikan sebuah surat dari Presiden Rusia "
    "Vladimir Putin kepada Assad.\n\n"
    "Shoigu dan Assad terakhir bertemu pada bulan Juni 2016 di Damaskus.\n\n"
    "Menurut Assad, pertemuan kali ini menekankan pentingnya proses Astana, dengan sebuah babak "
    "baru perundingan damai yang dijadwalkan pada hari Kamis dan Jumat (15/9).\n\n"
    "Dalam sebuah pernyataan yang dikeluarkan pada hari Selasa (12/9), tentara Rusia mengklaim "
    "lebih dari 450 militan ISIS telah terbunuh dalam serangan Deir Az Zor. \"Baru kemarin, "
    "angkatan udara Rusia melakukan lebih dari 50 penerbangan untuk membantu serangan tentara "
    "Suriah,\" kata pernyataan tersebut.\n\n"
    "Pekan lalu, pasukan Suriah yang didukung oleh serangan udara Rusia berhasil merebut dua "
    "kantong wilayah di sekitar Deir Az Zor yang telah diduduki oleh militan ISIS selama hampir "
    "tiga tahun.\n\n"
    "Rusia secara militer melakukan intervensi dalam konflik enam tahun Suriah pada bulan "
    "September 2015 atau ketika Pemerintah Suriah mendapat masalah."
)


def by_text(times, text):
    found = [t for t in times if t.text == text]
    assert found, f"{text!r} not tagged; got {[t.text for t in times]}"
    return found[0]


def test_seed_check_1():
    times = tag_times(SEED, ANCHOR)
    assert by_text(times, "Kamis (14/9)").value == "2017-09-14"
    assert by_text(times, "Jumat (15/9)").value == "2017-09-15"
    pair = by_text(times, "Kamis dan Jumat (15/9)")
    assert (pair.value, pair.end_value) == ("2017-09-14", "2017-09-15")
    assert by_text(times, "Kamis").value == "2017-09-14"  # the first day of the pair
    assert by_text(times, "Selasa (12/9)").value == "2017-09-12"
    assert by_text(times, "bulan Juni 2016").value == "2016-06"
    assert by_text(times, "bulan September 2015").value == "2015-09"
    assert by_text(times, "Pekan lalu").value == "2017-W36"
    almost = by_text(times, "hampir tiga tahun")
    assert (almost.type, almost.value, almost.mod) == ("DURATION", "P3Y", "APPROX")
    assert by_text(times, "kemarin").value == "2017-09-13"
    for t in times:
        assert SEED[t.start : t.end] == t.text
        assert t.anchor == "2017-09-14T15:02:00+07:00"


# (sentence, expression as tagged, value, extras); the sentence is the expression when the
# expression is None. Anchor: Thursday 14 September 2017, ISO week 2017-W37.
CASES: list[tuple[str, str | None, str, dict[str, str]]] = [
    # weekday + bracketed day/month, the form Indonesian newsrooms use
    ("Kamis (14/9)", None, "2017-09-14", {}),
    ("Rabu (13/9)", None, "2017-09-13", {}),
    ("Selasa (12/9)", None, "2017-09-12", {}),
    ("Senin (11/9)", None, "2017-09-11", {}),
    ("Minggu (10/9)", None, "2017-09-10", {}),
    ("Sabtu (9/9)", None, "2017-09-09", {}),
    ("Jumat (8/9)", None, "2017-09-08", {}),
    ("Jum'at (15/9)", None, "2017-09-15", {}),
    ("Ahad (17/9)", None, "2017-09-17", {}),
    ("Kamis (14/9/2017)", None, "2017-09-14", {}),
    ("Kamis (14/09/2017)", None, "2017-09-14", {}),
    ("Rabu (1/3/2017)", None, "2017-03-01", {}),
    ("Senin (27/3/2017)", None, "2017-03-27", {}),
    ("Kamis (14/9/17)", None, "2017-09-14", {}),
    ("Kamis, (14/9)", None, "2017-09-14", {}),
    ("kamis (14/9)", None, "2017-09-14", {}),
    ("Jakarta (14/9)", "(14/9)", "2017-09-14", {}),
    ("Jumat (1/9)", None, "2017-09-01", {}),
    ("Senin-Rabu (11-13/9)", None, "2017-09-11", {"end_value": "2017-09-13"}),
    ("Kamis dan Jumat (15/9)", None, "2017-09-14", {"end_value": "2017-09-15"}),
    ("Rabu dan Kamis (14/9)", None, "2017-09-13", {"end_value": "2017-09-14"}),
    ("Sabtu atau Minggu (17/9)", "Minggu (17/9)", "2017-09-17", {}),
    ("Sabtu atau Minggu (17/9)", "Sabtu", "2017-09-16", {}),
    ("Sabtu (16/9) malam", None, "2017-09-16TNI", {"type": "TIME"}),
    ("Selasa (12/9) pagi", None, "2017-09-12TMO", {}),
    ("Senin (11/9) sore", None, "2017-09-11TAF", {}),
    ("Rabu (13/9) dini hari", None, "2017-09-13TMO", {}),
    ("Kamis (14/9) siang", None, "2017-09-14TMI", {}),
    ("Kamis (14/9) pukul 10.00 WIB", None, "2017-09-14T10:00+07:00", {"type": "TIME"}),
    ("Rabu (13/9) pukul 19.30 WITA", None, "2017-09-13T19:30+08:00", {}),
    ("Selasa (12/9) pukul 08.00 WIT", None, "2017-09-12T08:00+09:00", {}),
    ("pada 14/9/2017", "14/9/2017", "2017-09-14", {}),
    ("pada 14-09-2017", "14-09-2017", "2017-09-14", {}),
    ("pada 14.09.2017", "14.09.2017", "2017-09-14", {}),
    # day and month name
    ("14 September 2017", None, "2017-09-14", {}),
    ("Senin, 27 Maret 2017", None, "2017-03-27", {}),
    ("27 Maret 2017", None, "2017-03-27", {}),
    ("1 Januari 2018", None, "2018-01-01", {}),
    ("17 Agustus 1945", None, "1945-08-17", {}),
    ("14 September", None, "2017-09-14", {}),
    ("10 Nopember", None, "2017-11-10", {}),
    ("3 Agt 2017", None, "2017-08-03", {}),
    ("5 Des 2016", None, "2016-12-05", {}),
    ("12 Peb 2017", None, "2017-02-12", {}),
    ("20 Mrt 2017", None, "2017-03-20", {}),
    ("14 Sep 2017", None, "2017-09-14", {}),
    ("14 Sept. 2017", None, "2017-09-14", {}),
    ("tanggal 17 Agustus 2017", None, "2017-08-17", {}),
    ("14-16 September", None, "2017-09-14", {"end_value": "2017-09-16"}),
    ("14 hingga 16 September 2017", None, "2017-09-14", {"end_value": "2017-09-16"}),
    ("30 Agustus - 2 September 2017", None, "2017-08-30", {"end_value": "2017-09-02"}),
    ("Sabtu (16 September 2017)", None, "2017-09-16", {}),
    ("1 Juni", None, "2017-06-01", {}),
    ("5 Djanuari 1950", None, "1950-01-05", {}),
    ("24 Pebruari 2017", None, "2017-02-24", {}),
    ("10 Nopember 1945", None, "1945-11-10", {}),
    ("Senin, 11 September 2017 malam", None, "2017-09-11TNI", {}),
    ("pada 9 Juli mendatang", "9 Juli mendatang", "2018-07-09", {}),
    ("sejak 1 Agustus lalu", "1 Agustus lalu", "2017-08-01", {}),
    ("20 September lalu", None, "2016-09-20", {}),
    # months
    ("bulan Juni 2016", None, "2016-06", {}),
    ("bulan September 2015", None, "2015-09", {}),
    ("Juni 2016", None, "2016-06", {}),
    ("Maret 2017", None, "2017-03", {}),
    ("pada Juli", "Juli", "2017-07", {}),
    ("sejak Januari", "Januari", "2017-01", {}),
    ("bulan Oktober", None, "2017-10", {}),
    ("awal Maret", None, "2017-03", {"mod": "START"}),
    ("akhir Agustus", None, "2017-08", {"mod": "END"}),
    ("pertengahan Oktober 2017", None, "2017-10", {"mod": "MID"}),
    ("Juni lalu", None, "2017-06", {}),
    ("Oktober mendatang", None, "2017-10", {}),
    ("Mei tahun 2018", None, "2018-05", {}),
    ("Desember lalu", None, "2016-12", {}),
    ("Januari depan", None, "2018-01", {}),
    # years
    ("tahun 2016", None, "2016", {}),
    ("pada 2016", "2016", "2016", {}),
    ("sejak 1998", "1998", "1998", {}),
    ("akhir 2016", None, "2016", {"mod": "END"}),
    ("awal tahun 2018", None, "2018", {"mod": "START"}),
    ("pertengahan 2017", None, "2017", {"mod": "MID"}),
    ("tahun 1990-an", None, "199", {}),
    ("tahun 2016-2017", None, "2016", {"end_value": "2017"}),
    ("film itu (2016)", "2016", "2016", {}),
    ("pada tahun 2020", "tahun 2020", "2020", {}),
    # days relative to the publication day
    ("kemarin", None, "2017-09-13", {}),
    ("hari ini", None, "2017-09-14", {}),
    ("besok", None, "2017-09-15", {}),
    ("lusa", None, "2017-09-16", {}),
    ("kemarin lusa", None, "2017-09-12", {}),
    ("kemarin sore", None, "2017-09-13TAF", {"type": "TIME"}),
    ("kemarin malam", None, "2017-09-13TNI", {}),
    ("besok pagi", None, "2017-09-15TMO", {}),
    ("tadi malam", None, "2017-09-13TNI", {}),
    ("semalam", None, "2017-09-13TNI", {}),
    ("malam ini", None, "2017-09-14TNI", {}),
    ("pagi tadi", None, "2017-09-14TMO", {}),
    ("esok hari", None, "2017-09-15", {}),
    ("saat ini", None, "PRESENT_REF", {}),
    ("baru-baru ini", None, "PAST_REF", {}),
    # weeks, months and years relative to the publication day
    ("pekan lalu", None, "2017-W36", {}),
    ("Pekan lalu", None, "2017-W36", {}),
    ("minggu lalu", None, "2017-W36", {}),
    ("Minggu lalu", None, "2017-W36", {}),
    ("pekan ini", None, "2017-W37", {}),
    ("pekan depan", None, "2017-W38", {}),
    ("minggu depan", None, "2017-W38", {}),
    ("pekan kemarin", None, "2017-W36", {}),
    ("bulan lalu", None, "2017-08", {}),
    ("bulan ini", None, "2017-09", {}),
    ("bulan depan", None, "2017-10", {}),
    ("tahun lalu", None, "2016", {}),
    ("tahun ini", None, "2017", {}),
    ("tahun depan", None, "2018", {}),
    ("tahun mendatang", None, "2018", {}),
    ("awal bulan depan", None, "2017-10", {"mod": "START"}),
    ("akhir bulan ini", None, "2017-09", {"mod": "END"}),
    ("pertengahan tahun lalu", None, "2016", {"mod": "MID"}),
    ("akhir tahun", None, "2017", {"mod": "END"}),
    ("awal tahun", None, "2017", {"mod": "START"}),
    ("akhir pekan lalu", None, "2017-W36-WE", {}),
    ("akhir pekan ini", None, "2017-W37-WE", {}),
    ("akhir pekan depan", None, "2017-W38-WE", {}),
    # counted back or ahead from the publication time
    ("tiga hari lalu", None, "2017-09-11", {}),
    ("dua hari yang lalu", None, "2017-09-12", {}),
    ("lima hari lagi", None, "2017-09-19", {}),
    ("dua pekan lalu", None, "2017-W35", {}),
    ("tiga minggu lalu", None, "2017-W34", {}),
    ("dua bulan lalu", None, "2017-07", {}),
    ("enam bulan lalu", None, "2017-03", {}),
    ("tiga tahun lalu", None, "2014", {}),
    ("dua tahun silam", None, "2015", {}),
    ("setahun lalu", None, "2016", {}),
    ("sebulan lalu", None, "2017-08", {}),
    ("seminggu lalu", None, "2017-W36", {}),
    ("10 tahun lalu", None, "2007", {}),
    ("dua jam lalu", None, "2017-09-14T13:02+07:00", {"type": "TIME"}),
    ("30 menit lalu", None, "2017-09-14T14:32+07:00", {}),
    ("beberapa hari lalu", None, "PAST_REF", {}),
    ("sepekan lagi", None, "2017-W38", {}),
    ("dua tahun mendatang", None, "2019", {}),
    # clock times and zones
    ("pukul 14.30 WITA", None, "2017-09-14T14:30+08:00", {"type": "TIME"}),
    ("pukul 14.30 WIB", None, "2017-09-14T14:30+07:00", {}),
    ("pukul 09.00 WIT", None, "2017-09-14T09:00+09:00", {}),
    ("pukul 10:15 WIB", None, "2017-09-14T10:15+07:00", {}),
    ("pukul 08.00-10.00 WIB", None, "2017-09-14T08:00+07:00",
     {"end_value": "2017-09-14T10:00+07:00"}),
    ("pukul 14.00 hingga 16.00 WIB", None, "2017-09-14T14:00+07:00",
     {"end_value": "2017-09-14T16:00+07:00"}),
    ("pukul 7 malam", None, "2017-09-14T19:00", {}),
    ("jam 3 sore", None, "2017-09-14T15:00", {}),
    ("pukul 2 dini hari", None, "2017-09-14T02:00", {}),
    ("pukul 11 siang", None, "2017-09-14T11:00", {}),
    ("pukul 1 siang", None, "2017-09-14T13:00", {}),
    ("jam 2 malam", None, "2017-09-14T02:00", {}),
    ("sekitar 14.30 WIB", "14.30 WIB", "2017-09-14T14:30+07:00", {}),
    ("pukul 20.00", None, "2017-09-14T20:00", {}),
    ("pkl. 09.00 WIB", None, "2017-09-14T09:00+07:00", {}),
    # a weekday alone: the last such day on or before the anchor, unless a cue says otherwise
    ("Ia datang pada Selasa.", "Selasa", "2017-09-12", {}),
    ("Ia datang pada Kamis.", "Kamis", "2017-09-14", {}),
    ("Ia datang pada Jumat.", "Jumat", "2017-09-08", {}),
    ("Senin lalu", None, "2017-09-11", {}),
    ("Kamis lalu", None, "2017-09-07", {}),
    ("Senin depan", None, "2017-09-18", {}),
    ("Kamis depan", None, "2017-09-21", {}),
    ("Jumat mendatang", None, "2017-09-15", {}),
    ("Sabtu pekan lalu", None, "2017-09-09", {}),
    ("Senin pekan depan", None, "2017-09-18", {}),
    ("Rabu malam", None, "2017-09-13TNI", {"type": "TIME"}),
    ("Minggu pagi", None, "2017-09-10TMO", {}),
    ("Acara itu akan digelar pada Sabtu.", "Sabtu", "2017-09-16", {}),
    ("Sidang dijadwalkan Senin.", "Senin", "2017-09-18", {}),
    ("Mereka tiba hari Minggu.", "Minggu", "2017-09-10", {}),
    ('"Tunggu konferensi pers besok," kata Agus di Jakarta, Selasa.', "Selasa", "2017-09-12", {}),
    ("Sabtu ini", None, "2017-09-16", {}),
    # durations
    ("hampir tiga tahun", None, "P3Y", {"mod": "APPROX", "type": "DURATION"}),
    ("tiga tahun", None, "P3Y", {}),
    ("enam bulan", None, "P6M", {}),
    ("dua minggu", None, "P2W", {}),
    ("sepuluh hari", None, "P10D", {}),
    ("24 jam", None, "PT24H", {}),
    ("30 menit", None, "PT30M", {}),
    ("sekitar dua jam", None, "PT2H", {"mod": "APPROX"}),
    ("lebih dari 10 tahun", None, "P10Y", {"mod": "MORE_THAN"}),
    ("setahun", None, "P1Y", {}),
    ("sebulan", None, "P1M", {}),
    ("sehari", None, "P1D", {}),
    ("1,5 tahun", None, "P1.5Y", {}),
    ("dua dekade", None, "P20Y", {}),
    ("puluhan tahun", None, "PXY", {"mod": "APPROX"}),
    ("bertahun-tahun", None, "PXY", {}),
    ("dua puluh lima tahun", None, "P25Y", {}),
    ("satu abad", None, "P100Y", {}),
    ("tiga tahun terakhir", None, "P3Y", {}),
    # sets
    ("setiap Senin", None, "XXXX-WXX-1", {"type": "SET"}),
    ("setiap hari Jumat", None, "XXXX-WXX-5", {}),
    ("setiap hari", None, "P1D", {}),
    ("tiap tahun", None, "P1Y", {}),
    ("setiap bulan", None, "P1M", {}),
    ("setiap minggu", None, "P1W", {}),
    ("saban pagi", None, "XXXX-XX-XXTMO", {}),
    ("setiap dua tahun", None, "P2Y", {}),
    ("setiap tanggal 17", None, "XXXX-XX-17", {}),
    ("setiap malam", None, "XXXX-XX-XXTNI", {}),
]


def test_table_is_large_and_distinct():
    assert len({(s, e) for s, e, _, _ in CASES}) >= 150


@pytest.mark.parametrize(("sentence", "expression", "value", "extra"), CASES,
                         ids=[f"{s}|{e or ''}" for s, e, _, _ in CASES])
def test_expression(sentence, expression, value, extra):
    found = by_text(tag_times(sentence, ANCHOR), expression or sentence)
    assert found.value == value
    for field, expected in extra.items():
        assert getattr(found, field) == expected


@pytest.mark.parametrize(("anchor", "sentence", "value"), [
    ("2018-01-02T09:00:00+07:00", "Sabtu (30/12)", "2017-12-30"),
    ("2018-01-02T09:00:00+07:00", "Minggu (31/12)", "2017-12-31"),
    ("2017-12-30T09:00:00+07:00", "Senin (1/1)", "2018-01-01"),
    ("2018-01-02T09:00:00+07:00", "28 Desember", "2017-12-28"),
    ("2018-01-02T09:00:00+07:00", "Desember lalu", "2017-12"),
    ("2018-01-02T09:00:00+07:00", "pekan lalu", "2017-W52"),
    ("2018-01-02T09:00:00+07:00", "kemarin", "2018-01-01"),
    ("2018-01-01T09:00:00+07:00", "bulan lalu", "2017-12"),
    ("2018-01-01T09:00:00+07:00", "Jumat", "2017-12-29"),
])
def test_year_boundaries(anchor, sentence, value):
    assert tag_times(sentence, datetime.fromisoformat(anchor))[0].value == value


def test_weekday_mismatch_keeps_date_and_warns():
    text = "Hal itu disampaikan pada Rabu (25/2/2018) di Jakarta."
    tagged = analyse(text, datetime.fromisoformat("2018-02-26T14:45:00+07:00"))
    assert by_text(tagged.times, "Rabu (25/2/2018)").value == "2018-02-25"  # a Sunday
    (notice,) = tagged.notices
    assert notice.code == "weekday-mismatch"
    assert notice_span(notice) == (25, 41)
    assert "Sunday" in notice.message


def test_weekday_mismatch_without_year_warns():
    tagged = analyse("Selasa (13/9)", ANCHOR)
    assert tagged.times[0].value == "2017-09-13"
    assert [n.code for n in tagged.notices] == ["weekday-mismatch"]


@pytest.mark.parametrize("text", [
    "(31/2)", "Senin (30/2/2017)", "Rabu (12/13)", "Sabtu (16/15)", "32 Januari 2017",
    "31 Juni", "Senin (0/9)",
])
def test_impossible_dates_are_notices_not_values(text):
    tagged = analyse(text, ANCHOR)
    assert not any(t.value[:4].isdigit() and "-" in t.value for t in tagged.times)
    assert [n.code for n in tagged.notices] == ["bad-date"]


@pytest.mark.parametrize("text", [
    "pukul 25.00", "pukul 10.75", "(99/99/9999)", "Kamis (", "", " ", "14/", "((14/9)",
    "Rp 2.000", "2017 orang", "Mei Lan datang", "Juni Ardianto", "minggu",
    "warga Pasar Minggu", "usai salat Jumat", "Nokia 3310 tahun lalu",
])
def test_no_crash_and_no_false_times(text):
    times = tag_times(text, ANCHOR)
    assert all(text[t.start : t.end] == t.text for t in times)
    if text in ("Rp 2.000", "2017 orang", "Mei Lan datang", "Juni Ardianto", "pukul 25.00",
                "warga Pasar Minggu", "usai salat Jumat"):
        assert times == []
    if text == "Nokia 3310 tahun lalu":  # a model number, not 3,310 years ago
        assert [t.text for t in times] == ["tahun lalu"]


@pytest.mark.parametrize("anchor", [datetime(1, 1, 1), datetime(9999, 12, 31), ANCHOR])
def test_calendar_edges_do_not_crash(anchor):
    text = "1 miliar hari lalu, kemarin, pekan depan, tahun depan, Senin (1/1), Minggu lalu"
    for t in tag_times(text, anchor):
        assert text[t.start : t.end] == t.text


def test_without_anchor():
    times = tag_times("Kamis (14/9) dan kemarin, pada Selasa.", None)
    assert by_text(times, "Kamis (14/9)").value == "XXXX-09-14"
    assert by_text(times, "kemarin").value == "PRESENT_REF" or by_text(times, "kemarin").value
    assert by_text(times, "Selasa").value == "XXXX-WXX-2"
    assert all(t.anchor is None for t in times)


def test_stage_adds_times_and_warnings():
    text = "Rapat digelar Rabu (25/2/2018). Sebelumnya, pekan lalu, rapat batal."
    article = Article(id="x", text=text, paragraphs=[Span(0, len(text))],
                      published="2018-02-26T14:45:00+07:00",
                      sentences=[Span(0, 31), Span(32, len(text))])
    out = build(None)(article)
    assert by_text(out.times, "pekan lalu").value == "2018-W08"
    assert [w.code for w in out.warnings] == ["weekday-mismatch"]
    missing = build(None)(Article(id="y", text=text, paragraphs=[Span(0, len(text))]))
    assert "no-anchor" in [w.code for w in missing.warnings]


def _indosum_dir() -> Path:
    base = os.environ.get("WARTA_DATA") or str(Path(__file__).resolve().parents[1] / ".." /
                                               "shared" / "data")
    return Path(base) / "sum-indosum-dev"


def test_gate_indosum_weekday_dates():
    """Issue 4, check 2. Floors are the measured scores, rounded down; they only move up.
    Measured (3,463 articles, 2,528 expressions): found 99.96%, on the stated weekday 95.92%,
    every off-weekday date carrying a weekday-mismatch notice. About 4 s."""
    folder = _indosum_dir()
    if not any(folder.glob("*.jsonl")):
        pytest.skip(f"IndoSum not found in {folder}; set WARTA_DATA")
    from warta.evaluate.dates import evaluate

    report = evaluate(folder)
    assert report["articles"] == 3463
    assert report["found_pct"] >= 99.9
    assert report["on_weekday_pct"] >= 95.9
    assert report["wrong_weekday_warned"] == report["wrong_weekday"]


def test_weekday_mismatch_is_flagged_on_the_expression():
    import warta

    page = ("Rabu 28 Feb 2018 10:00 WIB\n\nJudul Berita\n\nPolisi menangkap dua orang tersangka "
            "pencurian sepeda motor di Bekasi pada Rabu (25/2/2018) malam. Kedua tersangka kini "
            "ditahan di Polres Metro Bekasi untuk pemeriksaan lanjut oleh penyidik kepolisian.")
    article = warta.parse(page, stages=["sentences", "times"])
    flagged = [t for t in article.times if t.warning]
    assert [(t.text, t.value[:10], t.warning) for t in flagged] == [
        ("Rabu (25/2/2018) malam", "2018-02-25", "weekday-mismatch")]
    assert [n.code for n in article.warnings] == ["weekday-mismatch"]
