"""Web benchmark: /api/events?actor=… latency on a 1,000,000-event store, and a load test.

1. Sequential latency (p50/p95/max and requests/s) of ``GET /api/events?actor=…``
   over HTTP on loopback, beside two peers measured in the same run: the same
   query straight through the store API (no HTTP), and a static file served
   by the same server (the HTTP floor).
2. A bounded load test: N concurrent readers (default 200) asking
   ``/api/events?actor=…`` for T seconds (default 10); requests/s, latency
   percentiles and errors, then a check that the server still answers.

The store is built through ``Store.add`` (the ingest path) once and reused:
``python bench/web.py [--events 1000000] [--db PATH] [--readers 200] [--seconds 10]``.
The server runs in its own process; client and server share the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path

import httpx

from warta.article import Article
from warta.store import open_store

#: Actor codes with the skew of news coverage: a few actors dominate.
ACTORS = [
    ("IDN", 20), ("IDNGOV", 12), ("USA", 10), ("USAGOV", 8), ("RUS", 6), ("RUSGOV", 6),
    ("CHN", 6), ("CHNGOV", 4), ("PRK", 5), ("KOR", 4), ("IGOUNO", 3), ("MYS", 3),
    ("AUS", 3), ("JPN", 3), ("SAU", 2), ("IDNMIL", 2), ("USAMIL", 2), ("RUSMIL", 1),
]  # fmt: skip
CODES = [f"{r:02d}{s}" for r in range(1, 21) for s in ("", "1", "2", "3")]
ACTOR_CODES = [a for a, _ in ACTORS]
ACTOR_CUM = list(accumulate(w for _, w in ACTORS))
EVENTS_PER_ARTICLE = 10

# The server exactly as `warta serve` starts it.
SERVER = "from warta.web.web_cli import serve; serve()"


def weighted_actor(rng: random.Random) -> str:
    return rng.choices(ACTOR_CODES, cum_weights=ACTOR_CUM)[0]


def query_actor(rng: random.Random) -> str:
    """What a reader asks for: a country (RUS) or a country's sector (RUSGOV)."""
    return weighted_actor(rng)[: rng.choice((3, 6))]


def _article(i: int, n_articles: int, rng: random.Random) -> Article:
    """One small article with its events, dated so that the store spans three years."""
    day = i * 3 * 365 // n_articles
    date = f"{2016 + day // 365}-{1 + day % 365 // 31 % 12:02d}-{1 + day % 28:02d}"
    aid = f"bench{i:07d}"
    events = []
    for k in range(EVENTS_PER_ARTICLE):
        code = rng.choice(CODES)
        src, tgt = weighted_actor(rng), weighted_actor(rng)
        events.append(
            {
                "id": f"{aid}-e{k}",
                "code": code,
                "root": code[:2],
                "quad": 1 + k % 4,
                "goldstein": round(rng.uniform(-10, 10), 1),
                "plover": "CONSULT",
                "source": [{"actor": src, "name": src}],
                "target": [{"actor": tgt, "name": tgt}],
                "date": date,
                "start": 0,
                "end": 20,
                "by": "bench",
            }  # fmt: skip
        )
    text = f"Artikel {i}: pemerintah dan delegasi membahas kerja sama ekonomi dan keamanan."
    return Article(text=text, id=aid, title=f"Artikel {i}", outlet="Bench", published=date,
                   events=events)  # fmt: skip


def build_store(path: Path, n_events: int) -> None:
    """Fill ``path`` with ``n_events`` events through ``Store.add``, unless already there."""
    with open_store(path) as store:
        have = store.count("events")
        if have >= n_events:
            print(f"reusing {path} ({have:,} events)")
            return
        if have:
            sys.exit(f"{path} holds {have:,} events, fewer than asked: remove it first")
        n_articles = n_events // EVENTS_PER_ARTICLE
        rng = random.Random(11)
        t = time.perf_counter()

        def articles() -> Iterator[Article]:
            for i in range(n_articles):
                if i and i % 20_000 == 0:
                    print(f"  {i * EVENTS_PER_ARTICLE:,} events, {time.perf_counter() - t:.0f} s")
                yield _article(i, n_articles, rng)

        store.add(articles(), batch_size=5000)
        print(f"built {store.count('events'):,} events in {time.perf_counter() - t:.0f} s "
              f"({path.stat().st_size / 2**20:.0f} MB)")  # fmt: skip


def percentiles(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)

    def at(p: float) -> float:
        return s[min(len(s) - 1, max(0, round(p * len(s)) - 1))]

    return {"p50": statistics.median(s), "p95": at(0.95), "p99": at(0.99), "max": s[-1]}


def timed(fn: Callable[[], object], n: int) -> tuple[list[float], float]:
    """Latencies (ms) of n sequential calls, and calls per second."""
    out = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out, n / (time.perf_counter() - start)


class Connection:
    """A minimal HTTP/1.1 keep-alive client over asyncio streams.

    The load generator shares the machine with the server; a full client
    library spends more CPU per request than the server does, so readers speak
    just enough HTTP (GET, Content-Length bodies) to keep the client cheap.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def events_target(rng: random.Random) -> str:
    return f"/api/events?actor={query_actor(rng)}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    args = ["--db", str(db), "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen([sys.executable, "-c", SERVER, *args], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/static/warta.css", timeout=1).status_code == 200:
                return proc, port
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start")


async def _timed_http(conn: Connection, target: Callable[[], str], n: int) -> tuple[list, float]:
    out = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        status, body = await conn.get(target())
        out.append((time.perf_counter() - t) * 1000)
        assert status == 200 and body, status
    return out, n / (time.perf_counter() - start)


async def _sequential_http(port: int, n: int) -> list[tuple[str, list[float], float, str]]:
    rng = random.Random(5)
    conn = Connection("127.0.0.1", port)
    for _ in range(20):  # warm the server's worker threads and the page cache
        await conn.get(events_target(rng))
    ms, rate = await _timed_http(conn, lambda: events_target(rng), n)
    rows = [("warta GET /api/events?actor=…", ms, rate, "HTTP, loopback, limit 50")]
    ms, rate = await _timed_http(conn, lambda: "/static/warta.css", n)
    rows.append(("peer: GET /static/warta.css", ms, rate, "same server, static file"))
    conn.close()
    return rows


def sequential(db: Path, port: int, n: int) -> list[tuple[str, list[float], float, str]]:
    """The endpoint, a static file from the same server, and the same query without HTTP."""
    rows = asyncio.run(_sequential_http(port, n))
    rng = random.Random(5)
    with open_store(db) as store:
        ms, rate = timed(lambda: store.events(actor=query_actor(rng), limit=51), n)
        rows.append(("peer: store.events(actor=…)", ms, rate, "same query, no HTTP"))
    return rows


async def _reader(port: int, rng: random.Random, stop: float, out: dict) -> None:
    conn = Connection("127.0.0.1", port)
    while time.perf_counter() < stop:
        t = time.perf_counter()
        try:
            status, _ = await conn.get(events_target(rng))
            ok = status == 200
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            out["why"][type(e).__name__] = out["why"].get(type(e).__name__, 0) + 1
            conn.close()
            ok = False
        out["ms"].append((time.perf_counter() - t) * 1000)
        out["errors"] += not ok
    conn.close()


async def load(port: int, readers: int, seconds: float) -> dict:
    """N readers on their own connections, each asking again as soon as it has its answer."""
    out: dict = {"ms": [], "errors": 0, "why": {}}
    stop = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(_reader(port, random.Random(i), stop, out) for i in range(readers)))
    out["elapsed"] = time.perf_counter() - start
    return out


def still_answers(base: str) -> tuple[bool, float]:
    t = time.perf_counter()
    r = httpx.get(base + "/api/events", params={"actor": "RUS"}, timeout=10)
    return r.status_code == 200 and bool(r.json()["items"]), (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="store to reuse (built when absent)")
    ap.add_argument("--requests", type=int, default=500, help="sequential requests per system")
    ap.add_argument("--readers", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument(
        "--workers", type=int, default=1, help="server processes (warta serve --workers)"
    )
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"warta-bench-web-{args.events}.db"
    build_store(db, args.events)
    proc, port = start_server(db, args.workers)
    try:
        print(f"\n## sequential latency, {args.events:,} events, {args.requests} requests each"
              f" ({os.cpu_count()} CPUs, {args.workers} server process(es), client on the same machine)")  # fmt: skip
        print(
            f"{'system':34} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>8}  note"
        )
        for label, ms, rate, note in sequential(db, port, args.requests):
            p = percentiles(ms)
            print(f"{label:34} {p['p50']:8.2f} {p['p95']:8.2f} {p['p99']:8.2f} {p['max']:8.2f}"
                  f" {rate:8.0f}  {note}")  # fmt: skip
        print(f"\n## load: {args.readers} concurrent readers for {args.seconds:g} s,"
              " GET /api/events?actor=…")  # fmt: skip
        res = asyncio.run(load(port, args.readers, args.seconds))
        p = percentiles(res["ms"])
        n = len(res["ms"])
        print(f"requests {n}, {n / res['elapsed']:.0f} req/s, errors {res['errors']}, "
              f"p50 {p['p50']:.0f} ms, p95 {p['p95']:.0f} ms, p99 {p['p99']:.0f} ms, "
              f"max {p['max']:.0f} ms")  # fmt: skip
        if res["why"]:
            print(f"errors by kind: {res['why']}")
        ok, ms = still_answers(f"http://127.0.0.1:{port}")
        print(f"server answers after the load: {'yes' if ok else 'NO'} ({ms:.1f} ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
