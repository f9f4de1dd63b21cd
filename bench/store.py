"""Store benchmark: ingest throughput and event-query latency, warta beside a peer.

1. ``add`` of typical 3 KB articles with every layer, one transaction per batch
   of 200, beside the same ``add`` committing every article on its own.
2. p50/p95 latency of ``events(actor=..., [code=...], [since/until])`` on a
   store of N events (default 1,000,000), beside the same query over the same
   rows in a table without indexes (the plain "scan and sort" answer).

Run: ``python bench/store.py [--events 1000000] [--articles 4000] [--db PATH]``.
On a shared machine the wall-clock rate depends on the load; the CPU-time
rate beside it is the steadier figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from warta.article import Article, Entity, Sentence
from warta.store import open_store
from warta.store.rows import ACTOR_BLOCK, actor_prefixes
from warta.store.sqlite import SQLiteStore

WORDS = (
    "pemerintah presiden menteri rakyat kebijakan ekonomi harga minyak negara kerja sama "
    "keamanan wilayah perbatasan pasukan militer bantuan kemanusiaan pertemuan delegasi "
    "pernyataan resmi tuduhan sanksi perdagangan investasi pembangunan jalan daerah warga "
    "polisi pengadilan hukum pemilihan partai dukungan penolakan rencana anggaran"
).split()
#: Actor codes with a skew like news coverage: a few actors dominate.
ACTORS = [
    ("IDN", 20), ("IDNGOV", 12), ("USA", 10), ("USAGOV", 8), ("RUS", 6), ("RUSGOV", 6),
    ("CHN", 6), ("CHNGOV", 4), ("PRK", 5), ("KOR", 4), ("IGOUNO", 3), ("MYS", 3),
    ("AUS", 3), ("JPN", 3), ("SAU", 2), ("IDNMIL", 2), ("USAMIL", 2), ("RUSMIL", 1),
]
CODES = [f"{r:02d}{s}" for r in range(1, 21) for s in ("", "1", "2", "3")]
SQL_COLUMNS = (
    "id, article_id, date, code, root, quad, goldstein, plover, source_actor, source_name,"
    " target_actor, target_name, place, sentence"
)


def sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def typical_article(i: int, rng: random.Random) -> Article:
    """About 3 KB of text, 3 entities with 8 mentions, 2 quotes and 3 events."""
    sents = [sentence(rng) for _ in range(22)]
    text, spans, pos = "", [], 0
    for s in sents:
        spans.append(Sentence(pos, pos + len(s)))
        text += s + " "
        pos += len(s) + 1
    ents = [
        Entity(id=f"ent{rng.randrange(500)}", name=f"Tokoh {k}", type="PER", actor="IDNGOV",
               mentions=[{"start": spans[j].start, "end": spans[j].start + 8, "by": "ner"}
                         for j in range(k, 22, 8)])
        for k in range(3)
    ]
    quotes = [{"id": f"q{i}-{k}", "start": spans[k].start, "end": spans[k].end, "kind": "direct",
               "cue": "kata", "speaker": {"entity": ents[k].id, "name": ents[k].name},
               "by": "rules"} for k in range(2)]
    events = [{"id": f"ev{i}-{k}", "code": rng.choice(CODES), "quad": 1, "goldstein": 1.0,
               "plover": "CONSULT", "source": [{"actor": rng.choice(ACTORS)[0]}],
               "target": [{"actor": rng.choice(ACTORS)[0]}], "start": spans[k + 3].start,
               "end": spans[k + 3].end, "by": "bench"} for k in range(3)]
    return Article(text=text.strip(), title=sentence(rng, 8), outlet="Kompas",
                   published=f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   url=f"https://example.com/{i}", sentences=spans, entities=ents,
                   quotes=quotes, events=events)


def bench_add(folder: Path, n: int) -> list[tuple[str, float, str]]:
    """Articles per second for batched ``add`` and for one commit per article."""
    out = []
    for label, batch, count in (("warta add (batch 200)", 200, n),
                                ("peer: one commit per article", 1, max(n // 4, 1))):
        rng = random.Random(7)
        articles = [typical_article(i, rng) for i in range(count)]
        kb = sum(len(a.text.encode()) for a in articles) / count / 1024
        with open_store(folder / f"add-{batch}.db") as store:
            t, cpu = time.perf_counter(), time.process_time()
            stats = store.add(articles, batch_size=batch)
            dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
        assert stats.added == count
        out.append((label, count / dt, count / dcpu,
                    f"{count} articles of {kb:.1f} KB in {dt:.2f} s ({dcpu:.2f} s CPU)"))
    return out


ACTOR_CODES = [code for code, _ in ACTORS]
ACTOR_CUM = list(accumulate(weight for _, weight in ACTORS))
PREFIXES = {code: actor_prefixes(code) for code in ACTOR_CODES}


def weighted_actor(rng: random.Random) -> str:
    return rng.choices(ACTOR_CODES, cum_weights=ACTOR_CUM)[0]


def generate_events(store: SQLiteStore, n: int, per_article: int = 10, chunk: int = 100_000) -> None:
    """N events over N/per_article articles, written through the store's own event writer.

    Secondary indexes are dropped during the load and rebuilt after it (a sort
    per index instead of N random b-tree inserts); the layout queried is the
    store's own.
    """
    rng = random.Random(11)
    conn = store.connection
    conn.execute("PRAGMA foreign_keys = OFF")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('event', 'event_actor')"
    ).fetchall()
    with store.transaction() as c:
        for name, _ in indexes:
            c.execute(f"DROP INDEX {name}")
        c.executemany(
            "INSERT INTO article (id, title, published, url, text, json, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, '{}', '')",
            ((f"a{i:07d}", f"Artikel {i}", None, f"https://example.com/{i}", "teks")
             for i in range(max(n // per_article, 1))),
        )
    flat = f"INSERT INTO event_flat ({SQL_COLUMNS}) VALUES ({', '.join('?' * 14)})"
    keys = [k.strip() for k in SQL_COLUMNS.split(",")]
    for lo in range(0, n, chunk):
        rows = [_event(rng, k, n, per_article) for k in range(lo, min(lo + chunk, n))]
        with store.transaction() as c:
            store.write_events(c, rows)
            c.executemany(flat, ([r[k] for k in keys] for r in rows))
    with store.transaction() as c:
        for _, sql in indexes:
            c.execute(sql)
    conn.execute("PRAGMA foreign_keys = ON")


def _event(rng: random.Random, k: int, n: int, per_article: int) -> dict:
    day = k * 3 * 365 // n  # three years, events arriving in date order as news does
    y, d = 2016 + day // 365, day % 365
    date = f"{y}-{1 + d // 31 % 12:02d}-{1 + d % 28:02d}"
    code = rng.choice(CODES)
    src, tgt = weighted_actor(rng), weighted_actor(rng)
    roles: dict[str, str] = {}
    for role, actor in (("source", src), ("target", tgt)):
        for p in PREFIXES[actor]:
            roles[p] = role if roles.get(p) in (None, role) else "both"
    return {
        "id": f"ev{k:08d}", "article_id": f"a{k // per_article:07d}", "date": date,
        "date_end": None, "code": code, "root": code[:2], "quad": 1 + k % 4,
        "goldstein": round(rng.uniform(-10, 10), 1), "plover": "CONSULT",
        "source_actor": src, "source_name": src, "source_entity": None,
        "target_actor": tgt, "target_name": tgt, "target_entity": None, "place": None,
        "start": 0, "end": 10, "by": "bench", "sentence": "Kalimat bukti peristiwa.",
        "actors": roles,
    }


def random_query(rng: random.Random) -> dict:
    """An analyst's query: an actor, sometimes a code root, sometimes a date window."""
    # mostly whole codes (RUS, RUSGOV), sometimes a bare prefix (RU)
    q: dict = {"actor": weighted_actor(rng)[: rng.choice((2, ACTOR_BLOCK, ACTOR_BLOCK, 6, 6))]}
    if rng.random() < 0.3:
        q["code"] = rng.choice(CODES)[:2]
    if rng.random() < 0.5:
        y, m = rng.choice((2016, 2017, 2018)), rng.randrange(1, 12)
        q["since"], q["until"] = f"{y}-{m:02d}-01", f"{y}-{m + 1:02d}-28"
    return q


def peer_events(conn, actor: str, code: str | None = None, since: str | None = None,
                until: str | None = None, limit: int = 50) -> list:
    """The same question over the unindexed table: scan, filter, sort."""
    where = ["(source_actor LIKE ? OR target_actor LIKE ?)"]
    params: list = [actor + "%", actor + "%"]
    if code:
        where.append("code LIKE ?")
        params.append(code + "%")
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until + "\U0010ffff")
    sql = (f"SELECT {SQL_COLUMNS} FROM event_flat WHERE {' AND '.join(where)}"
           " ORDER BY date DESC, rowid DESC LIMIT ?")
    return conn.execute(sql, [*params, limit]).fetchall()


def latencies(
    fn: Callable[[dict], list], queries: list[dict]
) -> tuple[list[float], list[float], list[list]]:
    """Wall-clock and CPU milliseconds of each query, and its answer."""
    wall, cpu, answers = [], [], []
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        answers.append(fn(q))
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return wall, cpu, answers


def summary(ms: list[float]) -> tuple[float, float, float]:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    return statistics.median(ms), p95, ms[-1]


def bench_events(path: Path, n: int, n_queries: int, n_peer: int) -> list[tuple]:
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    fresh = store.count("events") == 0
    if fresh:
        store.connection.execute(f"CREATE TABLE IF NOT EXISTS event_flat ({SQL_COLUMNS})")
        t, cpu = time.perf_counter(), time.process_time()
        generate_events(store, n)
        print(f"generated {n:,} events in {time.perf_counter() - t:.1f} s "
              f"({time.process_time() - cpu:.1f} s CPU, {path.stat().st_size / 2**20:.0f} MB)")
    total = store.count("events")
    rng = random.Random(5)
    queries = [random_query(rng) for _ in range(n_queries)]
    warta, warta_cpu, mine = latencies(lambda q: store.events(**q), queries)
    peer, peer_cpu, theirs = latencies(lambda q: peer_events(store.connection, **q), queries[:n_peer])
    store.close()
    for q, a, b in zip(queries, mine, theirs, strict=False):  # same answers on both sides
        assert [e["id"] for e in a] == [r[0] for r in b], q
    return [("warta events(actor=…)", total, len(warta), *summary(warta), summary(warta_cpu)[1]),
            ("peer: same rows, no index", total, len(peer), *summary(peer), summary(peer_cpu)[1])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--peer-queries", type=int, default=20)
    ap.add_argument("--db", type=Path, help="events store to reuse (generated when empty)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("\n## add: articles per second")
        print(f"{'system':32} {'art/s wall':>10} {'art/s CPU':>10}  detail")
        for label, rate, cpu_rate, detail in bench_add(folder, args.articles):
            print(f"{label:32} {rate:10.0f} {cpu_rate:10.0f}  {detail}")
        print(f"\n## events(actor=...) latency, {args.events:,} events")
        rows = bench_events(args.db or folder / "events.db", args.events, args.queries,
                            args.peer_queries)
        print(f"{'system':32} {'events':>10} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'max ms':>8} {'p95 CPU ms':>10}")
        for label, total, nq, p50, p95, worst, p95_cpu in rows:
            print(f"{label:32} {total:10,} {nq:8} {p50:8.2f} {p95:8.2f} {worst:8.2f} {p95_cpu:10.2f}")


if __name__ == "__main__":
    main()
