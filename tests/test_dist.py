"""The Dask path: same results as warta.parse_many, resumable, one bad page never fails a
partition; run with the synchronous scheduler and with a LocalCluster of two workers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import pyarrow.dataset as ds
import typer
from typer.testing import CliRunner

import warta
from test_warc import SAMPLE, build_warc
from warta.dist import read_manifest, run
from warta.dist.runner import MANIFEST, read_inputs
from warta.dist.shards import read_articles
from warta.model import Article
from warta.nlp.pipeline import stage
from warta.settings import load

# Built-in stages, so spawned workers build them too: everything that makes entities, events
# and quotes (summary and topics are left out only to keep worker start-up short).
SETTINGS = load(stages="sentences,entities,times,quantities,quotes,events")
# For the tests where worker start-up, not the stages, is the point.
LIGHT = load(stages="sentences,quotes")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    """A folder with a broken WARC.gz (6 IndoSum pages + others) and 24 IndoSum JSON lines."""
    folder = tmp_path_factory.mktemp("crawl")
    build_warc(folder / "crawl.warc.gz", count=6)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[100:124]
    (folder / "indosum.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local(crawl) -> dict[str, Article]:
    results = warta.parse_many(read_inputs([str(crawl)], SETTINGS.max_input_bytes),
                               settings=SETTINGS)
    return {r.id: r for r in results if isinstance(r, Article)}


@pytest.fixture(scope="module")
def synchronous(crawl, tmp_path_factory):
    out = tmp_path_factory.mktemp("sync")
    report = run([str(crawl)], out, SETTINGS, scheduler="synchronous", partition_size=8)
    return out, report


def shard_articles(out: Path) -> dict[str, Article]:
    files = [str(p.relative_to(out)) for p in (out / "articles").rglob("*.parquet")]
    articles = read_articles(out, files)
    assert len(articles) == len({a.id for a in articles})
    return {a.id: a for a in articles}


def test_synchronous_run_matches_parse_many(local, synchronous):
    out, report = synchronous
    assert report.articles == len(local) == 30 and not report.failed
    assert shard_articles(out) == local  # same ids and every field, entities and events too
    assert sum(len(a.entities) for a in local.values()) > 30
    assert sum(len(a.events) for a in local.values()) > 0
    assert report.rejected["language"] == 2
    assert report.rejected["warc-skipped"] == 3 and report.rejected["warc-corrupt"] == 3
    assert report.rejected["warc-truncated"] == 1


def test_shards_are_tables_partitioned_by_date(local, synchronous):
    out, _ = synchronous
    articles = ds.dataset(out / "articles", partitioning="hive").to_table().to_pylist()
    assert {row["date"] for row in articles} == {
        (a.published or "")[:10] or "unknown" for a in local.values()}
    for table, field in (("quotes", "quotes"), ("entities", "entities"), ("events", "events")):
        rows = ds.dataset(out / table, partitioning="hive").to_table()
        assert rows.num_rows == sum(len(getattr(a, field)) for a in local.values()) > 0
    mentions = ds.dataset(out / "mentions", partitioning="hive").to_table()
    assert mentions.num_rows == sum(len(e.mentions) for a in local.values() for e in a.entities)
    rejects = ds.dataset(out / "rejects").to_table().to_pylist()
    assert Counter(r["code"] for r in rejects)["language"] == 2
    assert all(r["message"] and r["path"] for r in rejects)


def test_resume_skips_finished_partitions(crawl, synchronous, tmp_path):
    out, first = synchronous
    again = run([str(crawl)], out, SETTINGS, scheduler="synchronous", partition_size=8)
    assert again.skipped == again.partitions == first.partitions and again.documents == 0
    # Forget one finished partition, as if the run had died before it: only it runs again.
    manifest = (out / MANIFEST).read_text().splitlines()
    (out / MANIFEST).write_text("\n".join(manifest[1:]) + "\n")
    redo = run([str(crawl)], out, SETTINGS, scheduler="synchronous", partition_size=8)
    assert redo.skipped == first.partitions - 1
    assert redo.documents == json.loads(manifest[0])["documents"]
    assert len(read_manifest(out)) == first.partitions


@stage("fails_on_calya", requires=("text",))
def _fails_on_calya(article: Article) -> Article:
    if "Calya" in article.text:
        raise RuntimeError("a bug in a stage")
    return article


def test_one_failing_page_never_fails_its_partition(crawl, tmp_path):
    settings = load(stages="sentences,fails_on_calya")
    report = run([str(crawl)], tmp_path, settings, scheduler="synchronous", partition_size=50)
    assert report.rejected["error"] == 1 and report.articles == 29 and not report.failed
    rejects = ds.dataset(tmp_path / "rejects").to_table().to_pylist()
    assert any("RuntimeError: a bug in a stage" in r["message"] for r in rejects)


def test_load_into_store(crawl, tmp_path):
    from warta.store import open_store

    url = f"sqlite:///{tmp_path / 'w.db'}"
    report = run([str(crawl)], tmp_path / "out", LIGHT, scheduler="synchronous",
                 partition_size=16, db=url)
    assert report.stored == report.articles == 30
    with open_store(url) as store:
        assert store.count() == 30


def test_local_cluster_of_two_workers_matches(crawl, tmp_path):
    # Lighter stages than the synchronous test, which runs the same worker code in process
    # with the entity and event stages: here the point is two spawned worker processes that
    # rebuild the pipeline from settings alone, and each loading the entity models would
    # double the test's time.
    local = warta.parse_many(read_inputs([str(crawl)], LIGHT.max_input_bytes), settings=LIGHT)
    expected = {r.id: r for r in local if isinstance(r, Article)}
    report = run([str(crawl)], tmp_path, LIGHT, workers=2, partition_size=8)
    assert report.workers == 2 and not report.failed
    assert shard_articles(tmp_path) == expected and len(expected) == 30
    assert len(report.peak_rss_mb) >= 1


def test_cli_run(crawl, tmp_path):
    from warta.cli.dist_command import register

    app = typer.Typer()
    app.command("noop")(lambda: None)  # a group, so "run" is a subcommand as in warta
    register(app)
    result = CliRunner().invoke(app, ["run", str(crawl), "--out", str(tmp_path),
                                      "--scheduler", "synchronous", "--stages", "sentences",
                                      "--quiet"])
    assert result.exit_code == 1, result.output  # some inputs were rejected
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["articles"] == 30 and report["rejected"]["language"] == 2
