"""Bad input gets a clear reason, never a traceback, and never stops a batch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import warta
from warta import errors
from warta.model import Article, Rejection
from warta.sources.files import read_all

INDONESIAN = (
    "Pemerintah Kota Bandung menutup sementara Jalan Asia Afrika pada Minggu pagi untuk acara "
    "hari bebas kendaraan bermotor. Warga memadati jalan itu sejak pukul 06.00 WIB untuk "
    "berolahraga dan berjalan santai bersama keluarga, kata Kepala Dinas Perhubungan kepada "
    "wartawan. Penutupan jalan berlangsung sampai pukul 10.00 WIB dan lalu lintas dialihkan "
    "ke jalan-jalan di sekitarnya."
)
ENGLISH = (
    "The government of Bandung closed Asia Afrika Street on Sunday morning for a car-free day. "
    "Residents filled the street from six o'clock to exercise and walk with their families, the "
    "head of the transport agency told reporters. The closure lasted until ten and traffic was "
    "diverted to the surrounding streets."
)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warta", *args], input=stdin and stdin.decode(),
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("content", "error"), [
    (b"", errors.EmptyInput),
    (b"   \n\t \n", errors.EmptyInput),
    (bytes(range(256)) * 40, errors.BinaryInput),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, errors.BinaryInput),
    (ENGLISH.encode(), errors.WrongLanguage),
    (b"<html><body><p>Halo</p></body></html>", errors.NoArticle),
])
def test_library_raises_a_specific_error(content, error):
    with pytest.raises(error) as caught:
        warta.parse(content)
    assert caught.value.code and len(caught.value.message) > 20


def test_cp1252_text_is_read():
    text = INDONESIAN.replace("Kepala", "Kepala Dinas—yang juga café owner—") + " Harga Rp 5.000."
    article = warta.parse(text.encode("cp1252"))
    assert "café owner" in article.text and "—" in article.text


def test_huge_input_is_rejected(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes((INDONESIAN + "\n\n").encode() * (50_000_000 // len(INDONESIAN)))
    assert big.stat().st_size >= 49_000_000
    done = run_cli("parse", str(big))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "too-large" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (ENGLISH.encode(), "language"),
    (b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "no-article"),
])
def test_cli_gives_one_line_and_exit_code(tmp_path, content, reason):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    done = run_cli("parse", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"({reason})" in done.stderr and "Traceback" not in done.stderr


def test_cli_missing_file():
    done = run_cli("parse", "/no/such/file.txt")
    assert done.returncode == 2 and "no such file" in done.stderr


def test_jsonl_batch_with_a_bad_line_keeps_the_good_ones(tmp_path):
    lines = [
        json.dumps({"url": "https://kumparan.com/a/1", "title": "Satu", "content": INDONESIAN}),
        "{this is not json",
        json.dumps({"url": "https://kumparan.com/a/2", "title": "Dua"}),
        json.dumps({"link": "https://www.merdeka.com/x", "judul": "Tiga",
                    "isi": "Merdeka.com - " + INDONESIAN, "tanggal": "2017-09-14 10:00:00"}),
        json.dumps({"url": "https://example.com/en", "content": ENGLISH}),
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(warta.parse_many(read_all([str(path)], 10**7)))
    assert len(results) == 5
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, Rejection)]
    assert [a.title for a in good] == ["Satu", "Tiga"]
    assert good[1].outlet.name == "Merdeka" and good[1].published == "2017-09-14T10:00:00+07:00"
    assert [(r.origin["line"], r.code) for r in bad] == [
        ("2", "bad-record"), ("3", "bad-record"), ("5", "language")]
    assert "line 2" in bad[0].reason.message

    done = run_cli("parse", str(path))
    assert done.returncode == 1
    assert len(done.stdout.strip().splitlines()) == 2
    assert len(done.stderr.strip().splitlines()) == 3 and "Traceback" not in done.stderr


def test_html_from_stdin_with_url():
    page = ("<html><head><title>Berita</title></head><body><article>"
            f"<h1>Jalan Ditutup</h1><p>{INDONESIAN}</p></article></body></html>")
    done = run_cli("parse", "-", "--url", "https://www.detik.com/berita/d-1/x",
                   stdin=page.encode())
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["outlet"]["name"] == "Detik" and data["title"] == "Jalan Ditutup"


def test_a_date_that_does_not_exist_is_not_invented():
    page = "Senin 31 Feb 2017 10:00 WIB\n\nJudul Berita Ini\n\n" + INDONESIAN
    assert warta.parse(page).published is None
