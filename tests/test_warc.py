"""WARC input: real IndoSum text wrapped in HTML, other languages, and broken records."""

from __future__ import annotations

import gzip
import html
import json
from collections import Counter
from pathlib import Path

import pytest

import warta
from warta.errors import InputError
from warta.sources import indosum, warc
from warta.sources.raw import RawDocument

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "indosum-sample.jsonl"

ENGLISH = (
    "The minister said on Tuesday that the government would not change its trade policy this "
    "year, and that the talks with its partners in the region were going well. It was the first "
    "meeting of its kind since the election, and officials from both sides said they expected "
    "an agreement to be signed before the end of the month. Analysts said the deal would help "
    "exporters who have been hit by the slowdown in demand from abroad."
)
# Bernama-style Malay (Malaysian national news agency register), written for this test.
MALAY = (
    "Perdana Menteri berkata kerajaan akan terus membantu rakyat yang terjejas akibat banjir di "
    "beberapa negeri, termasuk Kelantan dan Terengganu. Beliau berkata bantuan wang tunai "
    "sebanyak RM500 akan disalurkan kepada setiap keluarga mangsa banjir menerusi pejabat daerah "
    "masing-masing. Bagaimanapun, beliau menasihatkan orang ramai supaya sentiasa berwaspada "
    "kerana hujan lebat dijangka berterusan sehingga minggu hadapan, menurut laporan Jabatan "
    "Meteorologi Malaysia. Seramai 5,000 mangsa kini ditempatkan di pusat pemindahan sementara."
)


def indosum_pages(count: int) -> list[tuple[str, bytes, str | None]]:
    """(url, HTML page, publication time) for the first ``count`` articles of the sample."""
    pages = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:count]:
        raw = indosum.to_raw(indosum.parse_line(line))
        assert isinstance(raw.content, str) and raw.url
        pages.append((raw.url, page(raw.content.split("\n\n"), raw.hints.get("published")),
                      raw.hints.get("published")))
    return pages


def page(paragraphs: list[str], published: str | None = None, lang: str = "id",
         charset: str = "utf-8") -> bytes:
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}">{meta}'
            f"<title>Berita</title></head><body><nav><a href='/'>Beranda</a></nav>"
            f"<article>{body}</article><footer>Hak cipta</footer></body></html>"
            ).encode(charset)


def member(record: bytes) -> bytes:
    return gzip.compress(record, mtime=0)


def other_records() -> list[bytes]:
    """Well-formed records that must be skipped or rejected, one of each kind."""
    request = (b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: https://www.kompas.com/\r\n"
               b"Content-Type: application/http; msgtype=request\r\nContent-Length: 18\r\n\r\n"
               b"GET / HTTP/1.1\r\n\r\n\r\n\r\n")
    return [
        warc.response_record("https://www.bbc.com/news/world-1", page([ENGLISH] * 3, lang="en")),
        warc.response_record("https://www.bernama.com/bm/news.php?id=1", page([MALAY] * 2,
                                                                               lang="ms")),
        warc.response_record("https://www.detik.com/hilang", b"<html>Not found</html>",
                             status=404),
        warc.response_record("https://www.detik.com/foto.jpg", b"\xff\xd8\xff\xe0JFIF",
                             content_type="image/jpeg"),
        request,
    ]


def build_warc(path: Path, count: int = 6, broken: bool = True) -> list[str]:
    """A WARC.gz of ``count`` IndoSum pages, the other records and (``broken``) a corrupted
    gzip member, a record with a damaged WARC header, a truncated member mid-file and a
    truncated member at the end. Returns the URLs of the IndoSum pages in file order."""
    pages = indosum_pages(count)
    good = [member(warc.response_record(url, body)) for url, body, _ in pages]
    others = [member(r) for r in other_records()]
    parts = good[: count // 2] + others
    if broken:
        corrupted = bytearray(member(warc.response_record("https://x.id/rusak", b"<p>x</p>" * 99)))
        corrupted[30:50] = bytes(20)
        bad_header = member(b"WARC/1.0\r\nWARC-Type: response\r\nno length here\r\n\r\nxyz")
        cut = member(warc.response_record("https://x.id/terpotong", page([MALAY] * 3)))
        parts += [bytes(corrupted), bad_header, cut[: len(cut) // 2]]
    parts += good[count // 2:]
    if broken:
        tail = member(warc.response_record("https://x.id/akhir", page([MALAY] * 3)))
        parts.append(tail[: len(tail) - 40])
    path.write_bytes(b"".join(parts))
    return [url for url, _, _ in pages]


def split(items: list[RawDocument | InputError]) -> tuple[list[RawDocument], list[InputError]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, InputError)]


def test_good_records_become_html_documents(tmp_path):
    path = tmp_path / "good.warc.gz"
    urls = build_warc(path, count=4, broken=False)
    docs, errors = split(list(warc.read(path)))
    assert [d.url for d in docs][:2] == urls[:2] and len(docs) == 4 + 2  # + English, Malay
    assert all(d.hints["format"] == "html" and isinstance(d.content, str) for d in docs)
    assert docs[0].origin == {"path": str(path), "offset": "0", "url": urls[0]}
    assert Counter(e.code for e in errors) == {"warc-skipped": 3}
    messages = " ".join(e.message for e in errors)
    assert "HTTP 404" in messages and "image/jpeg" in messages and "request record" in messages


def test_broken_records_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "broken.warc.gz"
    urls = build_warc(path, count=6)
    docs, errors = split(list(warc.read(path)))
    # Every IndoSum page before and after the damage is read, in order.
    assert [d.url for d in docs if d.url in urls] == urls
    codes = Counter(e.code for e in errors)
    assert codes["warc-skipped"] == 3
    assert codes["warc-corrupt"] == 3  # damaged member, bad header, member cut mid-file
    assert codes["warc-truncated"] == 1  # the member cut by the end of the file
    assert all(e.origin.get("path") == str(path) and "offset" in e.origin for e in errors)
    assert not any(d.url and "rusak" in d.url for d in docs)


def test_uncompressed_warc_and_garbage_between_records(tmp_path):
    records = [warc.response_record(url, body) for url, body, _ in indosum_pages(3)]
    path = tmp_path / "plain.warc"
    path.write_bytes(records[0] + b"garbage that is not a record\r\n" + records[1] + records[2]
                     + records[0][:300])
    docs, errors = split(list(warc.read(path)))
    assert len(docs) == 3
    assert [e.code for e in errors] == ["warc-corrupt", "warc-truncated"]


def test_charset_from_header_or_meta(tmp_path):
    text = "Menteri Keuangan menyampaikan anggaran tahun depan naik 5 persen. " * 10
    latin = page([text + "Café"], charset="iso-8859-1")
    declared = warc.response_record("https://a.id/1", latin,
                                    content_type="text/html; charset=iso-8859-1")
    meta_only = warc.response_record("https://a.id/2", latin, content_type="text/html")
    path = tmp_path / "charset.warc"
    path.write_bytes(declared + meta_only)
    docs, errors = split(list(warc.read(path)))
    assert not errors and all("Café" in str(d.content) for d in docs)


def test_chunked_and_gzip_http_bodies(tmp_path):
    body = page(["Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada Senin."])
    zipped = gzip.compress(body)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" + chunked)
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.id/z\r\n"
              b"Content-Type: application/http; msgtype=response\r\n"
              b"Content-Length: %d\r\n\r\n" % len(http)) + http + b"\r\n\r\n"
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(member(record))
    docs, errors = split(list(warc.read(path)))
    assert not errors and "Joko Widodo" in str(docs[0].content)


def test_missing_file_is_an_input_error(tmp_path):
    items = list(warc.read(tmp_path / "none.warc.gz"))
    assert len(items) == 1 and isinstance(items[0], InputError)


@pytest.mark.parametrize("name", ["a.warc", "a.WARC.GZ", "x/b.warc.gz"])
def test_is_warc(name):
    assert warc.is_warc(name) and not warc.is_warc("a.jsonl")


def test_only_indonesian_pages_become_articles(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    urls = build_warc(path, count=4)
    results = list(warta.parse_many(warc.read(path)))
    articles = [r for r in results if isinstance(r, warta.Article)]
    assert sorted(a.url or "" for a in articles) == sorted(urls)
    codes = Counter(r.code for r in results if isinstance(r, warta.Rejection))
    assert codes["language"] == 2  # English and Malay
    assert json.dumps(articles[0].to_dict())  # plain, serialisable records


def test_parse_and_ingest_read_warc_files_too(tmp_path):
    import gzip

    from warta.sources.files import read_all
    from warta.sources.warc import response_record

    body = ("<html><body><article><h1>Jalan Ditutup</h1><p>" + "Pemerintah Kota Bandung menutup "
            "sementara Jalan Asia Afrika pada Minggu pagi untuk acara hari bebas kendaraan. " * 4
            + "</p></article></body></html>").encode()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(response_record("https://www.detik.com/berita/d-1/x", body)))
    other = tmp_path / "notes.txt.gz"
    other.write_bytes(gzip.compress(b"catatan"))
    found = list(read_all([str(tmp_path)], 10**7))
    pages = [d for d in found if not isinstance(d, Exception)]
    errors = [d for d in found if isinstance(d, Exception)]
    assert [d.url for d in pages] == ["https://www.detik.com/berita/d-1/x"]
    assert len(errors) == 1 and "not WARC" in str(errors[0])
