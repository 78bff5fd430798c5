"""Ingest: counts, idempotence, updates, rejects with reasons, kill -9 resume, near-duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from store_backends import BACKENDS, count_articles, fresh_url
from warta.api import parse_many
from warta.model import Article, replace
from warta.settings import load
from warta.sources.files import read_all
from warta.store import open_store
from warta.store.ingest import count_inputs, ingest, write_rejects

from conftest import INDOSUM_SAMPLE, ROOT

# The parser alone: these tests are about the store, and the NLP stages would only slow them.
FAST = load(stages="none")


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    results = parse_many(read_all([str(INDOSUM_SAMPLE)], FAST.max_input_bytes), settings=FAST)
    return [r for r in results if isinstance(r, Article)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_twice_changes_nothing(tmp_path, backend):
    url = fresh_url(backend, tmp_path)
    with open_store(url) as store:
        first = ingest([str(INDOSUM_SAMPLE)], store, FAST)
        assert first.new == 300 and first.done == 300 and not first.rejected
        second = ingest([str(INDOSUM_SAMPLE)], store, FAST)
        assert (second.new, second.updated, second.unchanged) == (0, 0, 300)
        assert store.count() == 300
        forced = ingest([str(INDOSUM_SAMPLE)], store, FAST, reparse=True)
        assert (forced.new, forced.updated, forced.unchanged) == (0, 0, 300)
    assert count_inputs([str(INDOSUM_SAMPLE)]) == 300


def test_changed_input_updates_in_place(tmp_path):
    lines = INDOSUM_SAMPLE.read_text(encoding="utf-8").splitlines()[:5]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store("sqlite://:memory:") as store:
        assert ingest([str(crawl)], store, FAST).new == 5
        record = json.loads(lines[2])
        record["paragraphs"][0][0].extend(["Tambahan", "kalimat", "koreksi", "redaksi", "."])
        lines[2] = json.dumps(record)
        crawl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = ingest([str(crawl)], store, FAST)
        assert (report.new, report.updated, report.unchanged) == (0, 1, 4)
        assert store.count() == 5
        updated = store.conn.execute("SELECT json FROM articles WHERE ingested <= modified "
                                     "AND json LIKE '%koreksi redaksi%'").fetchall()
        assert len(updated) == 1


def test_rejects_are_counted_and_kept(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "english.txt").write_text(
        "The finance minister said on Thursday that the budget deficit would narrow next year "
        "as revenue from commodity exports recovered and spending on fuel subsidies fell. "
        "Economists welcomed the plan but warned that growth could slow if global demand "
        "weakened further in the coming months, and that investment must rise.\n" * 2)
    (folder / "bad.jsonl").write_text('{"title": "no body"}\nnot json\n')
    report_file = tmp_path / "rejects.jsonl"
    with open_store("sqlite://:memory:") as store:
        report = ingest([str(folder)], store, FAST)
        write_rejects(report, report_file)
        assert report.stored == 0
        assert report.rejected == {"empty": 1, "binary": 1, "language": 1, "bad-record": 2}
        codes = dict(store.conn.execute("SELECT origin_key, code FROM rejects").fetchall())
        assert codes[f"{folder}/bad.jsonl:2"] == "bad-record"
        assert len(codes) == 5
        again = ingest([str(folder)], store, FAST)
        assert again.rejected == report.rejected
        assert sorted(r.code for r in again.rejects) == sorted(r.code for r in report.rejects)
        assert store.count("rejects") == 5
    lines = [json.loads(x) for x in report_file.read_text().splitlines()]
    assert {x["code"] for x in lines} == {"empty", "binary", "language", "bad-record"}
    assert all(x["message"] and x["origin"]["path"] for x in lines)


_INGEST_SCRIPT = """
import sys
from warta.settings import load
from warta.store import open_store
from warta.store.ingest import ingest
store = open_store(sys.argv[1])
report = ingest([sys.argv[2]], store, load(stages="none"))
print(report.new, report.unchanged)
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_kill_9_then_resume(tmp_path, backend):
    url = fresh_url(backend, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", _INGEST_SCRIPT, url, str(INDOSUM_SAMPLE)]
    killed_at = []
    # Kill once almost at once (likely while creating the schema), then at three article counts.
    for threshold in (0, 30, 120, 210):
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        if threshold == 0:
            time.sleep(0.4)
        else:
            while count_articles(url) < threshold and process.poll() is None:
                assert time.monotonic() < deadline, "ingest made no progress"
                time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_at.append(count_articles(url))
    assert killed_at[-1] < 300, f"the ingest finished before it was killed: {killed_at}"
    finish = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finish.returncode == 0, finish.stderr
    with open_store(url) as store:
        assert store.integrity() == "ok"
        assert store.count() == 300
        ids = store.conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0]
        assert ids == 300
        fts = store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == 300
        assert store.count("sources") == 300
        orphans = store.conn.execute(
            "SELECT count(*) FROM minhash_bands WHERE article NOT IN "
            "(SELECT rowid FROM articles)").fetchone()[0]
        assert orphans == 0
    new, unchanged = map(int, finish.stdout.split())
    assert new == 300 - killed_at[-1] and unchanged == killed_at[-1]


# --- near-duplicates --------------------------------------------------------------------------

BOILERPLATE_TOP = "Baca juga: Berita terpopuler hari ini di kanal kami. Advertisement"
BOILERPLATE_BOTTOM = ("Ikuti berita terkini dari kami di Google News dan media sosial. "
                      "Copyright 2017, semua hak dilindungi. Berita Lainnya")
ADDED = ("Sementara itu, sejumlah pengamat menilai perkembangan tersebut perlu dicermati "
         "lebih lanjut oleh pemerintah daerah maupun masyarakat setempat dalam beberapa "
         "pekan ke depan.")


def repost(article: Article, kind: int) -> Article:
    """A copy of a real article as another site would re-post it."""
    paragraphs = article.text.split("\n\n")
    if kind == 0:  # a changed headline, the body as is
        text, title = article.text, f"BREAKING: {article.title or 'Berita'} (Update)"
    elif kind == 1:  # an added paragraph in the middle
        middle = max(1, len(paragraphs) // 2)
        text = "\n\n".join([*paragraphs[:middle], ADDED, *paragraphs[middle:]])
        title = article.title
    elif kind == 2:  # boilerplate around the body
        text = f"{BOILERPLATE_TOP}\n\n{article.text}\n\n{BOILERPLATE_BOTTOM}"
        title = article.title
    else:  # all of it, and the last paragraph cut
        kept = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
        text = "\n\n".join([BOILERPLATE_TOP, *kept, ADDED, BOILERPLATE_BOTTOM])
        title = f"{article.title or 'Berita'} - Selengkapnya"
    return replace(article, id=f"copy-{kind}-{article.id}", title=title, text=text,
                   url=f"https://repost.example/{kind}/{article.id}")


@pytest.mark.parametrize("backend", BACKENDS)
def test_near_duplicates(sample_articles, backend):
    originals, distinct = sample_articles[:120], sample_articles[120:]
    copies = [repost(article, i % 4) for i, article in enumerate(originals)]
    with open_store(fresh_url(backend)) as store:
        for article in originals + distinct:
            store.upsert(article)
        found = sum(store.upsert(copy).duplicate_of == copy.id.split("-", 2)[2]
                    for copy in copies)
        false_marks = store.conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL "
            "AND id NOT LIKE 'copy-%'").fetchone()[0]
        # A copy of a copy points at the first article, not at the copy.
        second = replace(copies[0], id="copy-again", url="https://x.example/again")
        assert store.upsert(second).duplicate_of == originals[0].id
    recall = found / len(copies)
    false_rate = false_marks / (len(originals) + len(distinct))
    print(f"near-duplicates: recall {recall:.3f}, false marks {false_rate:.4f}")
    assert recall >= 0.95
    assert false_rate < 0.01


def test_near_duplicate_marks_persist_across_runs(tmp_path, sample_articles):
    url = f"sqlite:///{tmp_path}/dup.db"
    original = sample_articles[0]
    with open_store(url) as store:
        store.upsert(original)
    with open_store(url) as store:
        written = store.upsert(repost(original, 3))
        assert written.status == "new" and written.duplicate_of == original.id
        # The article is not a copy of itself when it is written again, changed.
        changed = replace(original, title="Judul baru")
        assert store.upsert(changed).duplicate_of is None
