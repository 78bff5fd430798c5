"""Load test of ``warta serve``: concurrent clients on loopback for a fixed time.

    python benchmarks/serve_load.py --db /tmp/warta-10k.db --build 10000 --clients 50 --seconds 30

``--build N`` first fills the store with N articles (the bundled IndoSum sample, parsed once,
copied under new ids, days and outlets) if it holds fewer. The server runs in a child process
(uvicorn, one worker); each client loops over a mix of requests — searches with facets, pages
of the web UI, entity and event queries — and the run prints requests per second, error count
and latency percentiles as JSON. Bounded in time (``--seconds``) and in requests per client
(``--max-requests``), so it never runs away.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = [("Kompas", "kompas.com"), ("Detik", "detik.com"), ("Tempo", "tempo.co"),
           ("Republika", "republika.co.id"), ("Antara", "antaranews.com")]
QUERIES = ["jakarta", "presiden", "serang", "ekonomi", "\"bank indonesia\"", "polisi",
           "gempa", "pemilu", "harga", "sepak bola", "menteri", "korupsi"]


def build(db: Path, count: int) -> None:
    import warta
    from warta.model import Outlet, replace
    from warta.store import open_store

    with open_store(f"sqlite:///{db}") as store:
        have = store.count()
        if have >= count:
            return
        sources = []
        sample = ROOT / "samples" / "indosum-sample.jsonl"
        for line in sample.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = "\n\n".join(" ".join(" ".join(s) for s in p) for p in record["paragraphs"])
            try:
                sources.append(warta.parse(text, stages=["sentences"]))
            except warta.errors.WartaError:
                continue
        started = time.perf_counter()
        for index in range(have, count):
            base = sources[index % len(sources)]
            name, domain = OUTLETS[index % len(OUTLETS)]
            day = 1 + index % 28
            month = 1 + (index // 28) % 12
            # A copy differs in its first sentence, so it is a new article to the store.
            article = replace(base, id=f"load{index:08d}", url=f"https://{domain}/{index}",
                              outlet=Outlet(name=name, domain=domain),
                              published=f"2017-{month:02d}-{day:02d}T10:00:00+07:00",
                              text=f"Nomor {index}. " + base.text, paragraphs=[],
                              sentences=[])
            store.upsert(article)
            if index % 1000 == 0:
                print(f"built {index} articles, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _paths(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY random() "
                                              "LIMIT 200")]
        keys = [row[0] for row in conn.execute("SELECT key FROM article_entities "
                                               "GROUP BY key ORDER BY count(*) DESC LIMIT 50")]
    from urllib.parse import quote

    paths = [f"/api/articles?q={quote(q)}" for q in QUERIES]
    paths += [f"/?q={quote(q)}" for q in QUERIES]
    paths += [f"/api/articles?q={quote(q)}&outlet=Kompas&from=2017-03" for q in QUERIES[:4]]
    paths += [f"/api/articles/{i}" for i in ids[:50]] + [f"/article/{i}" for i in ids[50:100]]
    paths += [f"/api/entities/{quote(k, safe='')}/timeline" for k in keys]
    paths += ["/api/entities?limit=50", "/api/events?root=19", "/api/stats", "/events", "/"]
    return paths


async def _client(base: str, paths: list[str], until: float, limit: int,
                  latencies: list[float], errors: list[str], seed: int) -> None:
    import httpx

    chooser = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(limit):
            if time.perf_counter() >= until:
                return
            path = chooser.choice(paths)
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code >= 400:
                    errors.append(f"{response.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append(time.perf_counter() - started)


def run(db: Path, clients: int, seconds: float, max_requests: int,
        workers: int = 1) -> dict[str, object]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "warta.cli.serve_command", "--db", f"sqlite:///{db}",
         "--port", str(port), "--workers", str(workers)])
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        paths = _paths(db)
        latencies: list[float] = []
        errors: list[str] = []
        started = time.perf_counter()
        until = started + seconds

        async def main() -> None:
            await asyncio.gather(*(_client(base, paths, until, max_requests, latencies, errors,
                                           seed) for seed in range(clients)))

        asyncio.run(main())
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"articles": articles, "clients": clients, "workers": workers,
            "seconds": round(elapsed, 1),
            "requests": len(ordered), "errors": len(errors), "error_sample": errors[:5],
            "requests_per_second": round(len(ordered) / elapsed, 1),
            "p50_ms": percentile(0.50), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/warta-load.db"))
    parser.add_argument("--build", type=int, default=0, metavar="N")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.build:
        build(args.db, args.build)
    print(json.dumps(run(args.db, args.clients, args.seconds, args.max_requests,
                         args.workers), indent=2))


if __name__ == "__main__":
    main()
