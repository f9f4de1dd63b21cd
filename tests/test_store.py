"""The SQLite store, exercised on real database files."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from warta.article import Article, Entity, Sentence
from warta.errors import ItemError, WartaError
from warta.store import AddStats, open_store
from warta.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]

# Deterministic synthetic articles with every layer; shared with the crash subprocess.
GEN = textwrap.dedent(
    '''
    from warta.article import Article, Entity, Sentence

    ACTORS = ["RUS", "RUSGOV", "USA", "USAGOV", "IDN", "PRK", "ROU", "RWA"]
    CODES = ["036", "0231", "042", "112", "190", "057"]

    def make(i):
        """Article i: two sentences, one entity, one quote, two events."""
        s1 = f"Juru bicara Dmitry Peskov mengatakan Rusia siap berunding nomor {i}."
        s2 = f"Amerika Serikat mengecam uji coba rudal ke-{i} di Semenanjung Korea."
        text = s1 + " " + s2
        day = f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"
        a, b = ACTORS[i % len(ACTORS)], ACTORS[(i + 2) % len(ACTORS)]
        events = [
            {"id": f"ev{i}a", "code": CODES[i % 6], "root": CODES[i % 6][:2], "plover": "CONSULT",
             "quad": 1 + i % 4, "goldstein": float(i % 10) - 5,
             "source": [{"entity": None, "name": a, "actor": a}],
             "target": [{"entity": None, "name": b, "actor": b}],
             "date": day, "start": 0, "end": len(s1), "by": "dict:test"},
            {"id": f"ev{i}b", "code": CODES[(i + 1) % 6], "plover": "DISAPPROVE", "quad": 3,
             "goldstein": -2.0, "source": [{"name": "AS", "actor": "USA"}], "target": [],
             "date": day, "start": len(s1) + 1, "end": len(text), "by": "dict:kecam"},
        ]
        return Article(
            text=text, title=f"Berita nomor {i}", outlet="Kompas", published=day,
            url=f"https://example.com/{i}", source=f"gen#{i}",
            sentences=[Sentence(0, len(s1)), Sentence(len(s1) + 1, len(text))],
            entities=[Entity(id="peskov", name="Dmitry Peskov", type="PER", actor="RUSGOV",
                             mentions=[{"start": 12, "end": 25, "by": "ner"}])],
            quotes=[{"id": f"q{i}", "start": 36, "end": len(s1), "text": s1[36:], "kind": "indirect",
                     "cue": "mengatakan", "speaker": {"entity": "peskov", "name": "Peskov"},
                     "by": "rules"}],
            events=events,
        )
    '''
)
GENERATED: dict = {}
exec(GEN, GENERATED)
make = GENERATED["make"]


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "warta.db") as s:
        yield s


def article(text: str, **kw) -> Article:
    return Article(text=text, **kw)


def kremlin() -> Article:
    """A hand-built article with an entity mentioned twice, a quote and an event."""
    s1 = "Juru bicara Kremlin Dmitry Peskov menolak tuduhan itu."
    s2 = "Peskov mengatakan Rusia tidak ikut campur."
    text = f"{s1} {s2}"
    return Article(
        text=text,
        title="Kremlin menolak tuduhan",
        outlet="Kompas",
        published="2017-12-26",
        url="https://example.com/kremlin",
        sentences=[Sentence(0, len(s1)), Sentence(len(s1) + 1, len(text))],
        entities=[
            Entity(
                id="Q_peskov", name="Dmitry Peskov", type="PER", actor="RUSGOV",
                mentions=[{"start": 20, "end": 33, "by": "ner"}, {"start": 55, "end": 61, "by": "coref"}],
            ),
            Entity(id="Q_kremlin", name="Kremlin", type="ORG", actor="RUSGOV",
                   mentions=[{"start": 12, "end": 19, "by": "ner"}]),
        ],
        quotes=[{"id": "q1", "start": 73, "end": len(text) - 1, "text": "Rusia tidak ikut campur",
                 "kind": "indirect", "cue": "mengatakan",
                 "speaker": {"entity": "Q_peskov", "name": "Peskov", "start": 55, "end": 61},
                 "by": "rules:say"}],
        events=[{"id": "e1", "code": "0231", "root": "02", "plover": "REJECT", "quad": 3,
                 "goldstein": -4.0, "source": [{"entity": "Q_peskov", "actor": "RUSGOV"}],
                 "target": [], "date": "2017-12-26", "start": 34, "end": 41, "by": "dict:menolak"}],
    )


# -- opening -------------------------------------------------------------------


def test_open_store_accepts_paths_and_sqlite_urls(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for url in (tmp_path / "a.db", str(tmp_path / "b.db"), "sqlite:///c.db", f"sqlite:///{tmp_path}/d.db"):
        with open_store(url) as s:
            assert s.count() == 0
    assert {p.name for p in tmp_path.glob("*.db")} == {"a.db", "b.db", "c.db", "d.db"}


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://localhost/warta", "unsupported"),
        ("sqlite://", "sqlite:///"),
        ("", "no store"),
    ],
)
def test_open_store_rejects_unusable_urls(url: str, message: str) -> None:
    with pytest.raises(WartaError, match=message):
        open_store(url)


def test_postgres_urls_go_to_the_postgres_backend_with_a_clear_error() -> None:
    # nothing listens on port 1: whichever way it fails, the user gets one WartaError line
    with pytest.raises(WartaError) as e:
        open_store("postgresql://127.0.0.1:1/warta")
    assert "\n" not in str(e.value).strip()


def test_open_store_reports_missing_folder_and_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(WartaError, match="folder does not exist"):
        open_store(tmp_path / "nope" / "w.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(WartaError, match="cannot open store"):
        open_store(junk)


def test_reopen_keeps_data_and_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(path) as s:
        s.add([kremlin()])
        assert s.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_store(path) as s:
        assert s.count() == 1
        s.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(WartaError, match="schema version 99"):
        open_store(path)


def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(path) as s:
        s.add([make(i) for i in range(8)])
        with s.transaction() as conn:
            conn.execute("DROP TABLE actor_key")
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(path) as s:
        version = s.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone()[0] == "2"
        keys = {k for (k,) in s.connection.execute("SELECT key FROM actor_key")}
        assert keys == {"RUS", "RUSGOV", "USA", "USAGOV", "IDN", "PRK", "ROU", "RWA"}
        assert len(s.events(actor="R", limit=100)) == len(list(s.iter_rows("events", actor="R")))


def test_components_migrate_their_own_tables_once(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    v1 = "CREATE TABLE story (id TEXT PRIMARY KEY, title TEXT);"
    v2 = """CREATE TABLE story_article (story TEXT, article TEXT);
    CREATE TRIGGER story_gone AFTER DELETE ON story BEGIN
        DELETE FROM story_article WHERE story = old.id;
    END;"""
    with open_store(path) as s:
        assert s.migrate("stories", [v1]) == 1
        s.connection.execute("INSERT INTO story VALUES ('s1', 'Uji rudal')")
        assert s.migrate("stories", [v1]) == 1  # already there: nothing re-run
    with open_store(path) as s:
        assert s.migrate("stories", [v1, v2]) == 2
        s.connection.execute("INSERT INTO story_article VALUES ('s1', 'a')")
        s.connection.execute("DELETE FROM story")
        assert s.connection.execute("SELECT count(*) FROM story_article").fetchone()[0] == 0
        with pytest.raises(WartaError, match="stories schema version 2"):
            s.migrate("stories", [v1])
        with pytest.raises(sqlite3.OperationalError):
            s.migrate("broken", ["CREATE TABLE ok (x);", "CREATE TABLE story (x);"])
        assert s.connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'ok'"
        ).fetchone()[0] == 0


# -- writing -------------------------------------------------------------------


def test_add_is_idempotent_and_round_trips_the_record(store) -> None:
    items = [make(i) for i in range(25)]
    assert store.add(items, batch_size=10) == AddStats(added=25, skipped=0)
    again = [make(i) for i in range(30)]
    assert store.add(again, batch_size=7) == AddStats(added=5, skipped=25)
    assert store.count() == 30
    assert store.count("events") == 60
    assert store.count("quotes") == 30
    assert store.count("mentions") == 30
    got = store.get(items[3].id)
    assert got == items[3]
    assert got.entities[0].name == "Dmitry Peskov"
    assert store.has(items[3].id) and not store.has("0" * 16)
    assert store.get("0" * 16) is None


def test_stored_json_is_the_record_without_its_text() -> None:
    from warta.article import Link, Mention, Removal
    from warta.store.rows import record_json

    a = kremlin()
    a.raw = "mentah"
    a.removed = [Removal("Baca juga: X", "related")]
    a.links = [Link("X", "https://example.com/x")]
    a.mentions = [Mention(20, 33, "Dmitry Peskov", "PER", "ner", "Q_peskov")]
    a.meta = {"dateline": {"city": "Moskwa"}, "confidence": 0.9}
    expected = a.to_dict()
    del expected["text"]
    assert json.loads(record_json(a)) == expected


def test_add_gives_missing_ids_and_skips_duplicates_in_one_batch(store) -> None:
    a, b = article("Satu dua tiga."), article("Satu dua tiga.")
    stats = store.add([a, b, article("Empat lima.")])
    assert stats == AddStats(added=2, skipped=1)
    assert a.id and a.id == b.id
    assert store.get(a.id).text == "Satu dua tiga."


def test_add_rejects_bad_batch_size(store) -> None:
    with pytest.raises(WartaError):
        store.add([make(0)], batch_size=0)


def test_a_record_the_database_refuses_becomes_an_item_error(store) -> None:
    good, broken = make(1), make(2)
    broken.source = "feed.jsonl#2"
    broken.entities = [Entity(id="x", name=None, type="PER", mentions=[{"start": 0, "end": 1}])]
    assert store.add([good, broken, make(3)], batch_size=10) == AddStats(added=2, failed=1)
    assert not store.has(broken.id)
    assert store.count("events") == 4 and store.count("mentions") == 2
    [err] = store.errors()
    assert err["source"] == "feed.jsonl#2" and err["stage"] == "store"
    assert "NOT NULL" in err["message"]
    odd = make(4)
    odd.quotes = [{"id": "q", "speaker": "Peskov"}]  # a layer of the wrong shape
    fine = make(5)
    assert store.add([odd, fine]) == AddStats(added=1, failed=1)
    assert store.has(fine.id) and not store.has(odd.id) and store.count("errors") == 2


def test_errors_are_recorded_once(store) -> None:
    errs = [ItemError("a.csv#3", "no text column"), ItemError("a.csv#4", "bad date", stage="meta")]
    assert store.add_errors(errs, run="r1") == 2
    assert store.add_errors(errs + [ItemError("b.txt", "empty file")], run="r2") == 1
    rows = store.errors()
    assert [r["source"] for r in rows] == ["b.txt", "a.csv#4", "a.csv#3"]
    assert rows[1]["stage"] == "meta" and rows[2]["run"] == "r1"
    assert store.count("errors") == 3
    assert len(store.errors(limit=1, offset=1)) == 1


# -- reading -------------------------------------------------------------------


def test_search_ranks_snippets_and_survives_bad_syntax(store) -> None:
    store.add([
        kremlin(),
        article("Presiden Joko Widodo meresmikan jalan tol di Jawa Tengah.", title="Jokowi resmikan tol"),
        article("Korea Utara kembali menguji rudal balistik.", title="Uji rudal Korea Utara"),
    ])
    hits = store.search("Peskov")
    assert len(hits) == 1 and hits[0]["title"] == "Kremlin menolak tuduhan"
    assert "[Peskov]" in hits[0]["snippet"]
    title_hit = store.search("rudal")
    assert title_hit[0]["title"] == "Uji rudal Korea Utara"
    assert store.search("jokowi OR rudal", limit=5)[0]["score"] <= 0
    assert len(store.search("jokowi OR rudal")) == 2
    assert len(store.search("jokowi OR rudal", limit=1, offset=1)) == 1
    # syntax errors are retried as a phrase instead of raising
    assert store.search('"Peskov')[0]["title"] == "Kremlin menolak tuduhan"
    assert store.search("Korea-Utara")[0]["title"] == "Uji rudal Korea Utara"
    assert [h["title"] for h in store.search("Jokowi:")] == ["Jokowi resmikan tol"]
    assert [h["title"] for h in store.search("menolak)")] == ["Kremlin menolak tuduhan"]
    for bad in ("AND OR", "NEAR(", "*", "   ", ""):
        assert store.search(bad) == []
    # valid FTS5 syntax keeps its meaning
    assert [h["title"] for h in store.search("title:tol")] == ["Jokowi resmikan tol"]
    assert [h["title"] for h in store.search("jok*")] == ["Jokowi resmikan tol"]


def test_articles_filters_and_order(store) -> None:
    store.add([make(i) for i in range(24)])
    rows = store.articles(limit=100)
    assert len(rows) == 24
    assert [r["published"] for r in rows] == sorted((r["published"] for r in rows), reverse=True)
    assert set(rows[0]) == {"id", "title", "outlet", "dateline", "published", "url"}
    june = store.articles(since="2017-06-01", until="2017-06-30", limit=100)
    assert june and all(r["published"].startswith("2017-06") for r in june)
    assert store.articles(outlet="kompas", limit=100) == rows
    assert store.articles(outlet="Tempo") == []
    assert store.articles(limit=5, offset=5) == rows[5:10]


def test_entities_counts_and_appearances(store) -> None:
    store.add([kremlin(), make(1), make(2)])
    # make() uses id "peskov", kremlin() "Q_peskov": both named Dmitry Peskov
    rows = store.entities()
    counts = {r["id"]: (r["mentions"], r["articles"]) for r in rows}
    assert counts == {"peskov": (2, 2), "Q_peskov": (2, 1), "Q_kremlin": (1, 1)}
    assert rows[0]["id"] == "peskov"
    assert [r["id"] for r in store.entities(type="org")] == ["Q_kremlin"]
    assert {r["id"] for r in store.entities(q="pesk")} == {"peskov", "Q_peskov"}
    found = store.entity("Q_peskov")
    assert found["name"] == "Dmitry Peskov"
    [seen] = found["appearances"]
    assert seen["title"] == "Kremlin menolak tuduhan"
    assert [(m["start"], m["end"], m["text"]) for m in seen["mentions"]] == [
        (20, 33, "Dmitry Peskov"), (55, 61, "Peskov")]
    assert store.entity("dmitry peskov")["id"] == "peskov"  # by name: most reported wins
    assert store.entity("kreml")["id"] == "Q_kremlin"
    assert len(store.entity("peskov", limit=1)["appearances"]) == 1
    assert store.entity("Vladimir Putin") is None


def test_deleting_an_article_keeps_counts_and_search_consistent(store) -> None:
    k = kremlin()
    store.add([k, make(1)])
    with store.transaction() as conn:
        conn.execute("DELETE FROM article WHERE id = ?", (k.id,))
    counts = {r["id"]: (r["mentions"], r["articles"]) for r in store.entities()}
    assert counts["Q_peskov"] == (0, 0) and counts["peskov"] == (1, 1)
    assert store.search("Kremlin") == []
    assert store.count("events") == 2 and store.count("quotes") == 1
    # make(1): RUSGOV -> USAGOV (prefixes RUS, RUSGOV, USA, USAGOV) and USA -> nobody
    assert store.connection.execute("SELECT count(*) FROM event_actor").fetchone()[0] == 5


def test_quotes_by_speaker_article_and_date(store) -> None:
    kr = kremlin()
    store.add([kr] + [make(i) for i in range(5)])
    assert len(store.quotes(speaker="pesk", limit=100)) == 6
    k = store.quotes(article=kr.id)
    assert [q["text"] for q in k] == ["Rusia tidak ikut campur"]
    assert k[0]["speaker_entity"] == "Q_peskov" and k[0]["url"].endswith("kremlin")
    assert store.quotes(speaker="Dmitry", article=kr.id)  # through the entity's name
    assert store.quotes(speaker="Putin") == []
    dated = store.quotes(since="2017-12-01")
    assert [q["date"] for q in dated] == ["2017-12-26"]
    assert len(store.quotes(limit=2, offset=1)) == 2


def _expected(events: list[dict], actor=None, code=None, since=None, until=None) -> list[str]:
    """Brute-force answer for the events filters: prefix actor/code, inclusive dates."""
    out = []
    for e in events:
        actors = [p["actor"] for p in e["source"] + e["target"]]
        if actor and not any(a.startswith(actor) for a in actors):
            continue
        if code and not e["code"].startswith(code):
            continue
        if since and e["date"] < since or until and e["date"] > until:
            continue
        out.append(e)
    out.sort(key=lambda e: (e["date"], e["order"]), reverse=True)
    return [e["id"] for e in out]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"actor": "RUS"},
        {"actor": "rusgov"},
        {"actor": "RU"},
        {"actor": "USAG"},
        {"actor": "R"},
        {"actor": "r", "code": "0", "since": "2017-04-01"},
        {"actor": "U", "until": "2017-08-31"},
        {"code": "03"},
        {"code": "023"},
        {"code": "0"},
        {"actor": "USA", "code": "04", "since": "2017-03-01", "until": "2017-09-30"},
        {"actor": "IDN", "since": "2017-06-15"},
        {"until": "2017-02-03"},
        {"actor": "PRK", "until": "2017-05-05"},
    ],
)
def test_events_filters_match_a_brute_force_scan(store, filters: dict) -> None:
    articles = [make(i) for i in range(60)]
    store.add(articles, batch_size=13)
    flat, order = [], 0
    for a in articles:
        for e in a.events:
            order += 1
            flat.append({**e, "order": order})
    want = _expected(flat, **{k: v.upper() if k == "actor" else v for k, v in filters.items()})
    got = store.events(limit=1000, **filters)
    assert [e["id"] for e in got] == want
    assert want, "every filter in this table selects some events"
    paged = store.events(limit=7, offset=3, **filters)
    assert [e["id"] for e in paged] == want[3:10]


def test_event_rows_carry_evidence_and_names(store) -> None:
    k = kremlin()
    store.add([k])
    [row] = store.events(actor="RUS")
    assert row["source"] == row["source_name"] == "Dmitry Peskov" and row["source_actor"] == "RUSGOV"
    assert row["target"] is None and row["target_actor"] is None
    assert row["sentence"] == "Juru bicara Kremlin Dmitry Peskov menolak tuduhan itu."
    assert row["code"] == "0231" and row["quad"] == 3 and row["goldstein"] == -4.0
    assert store.event(row["id"]) == row
    assert store.events(article=k.id) == [row]
    assert store.event("nope") is None


def test_an_event_between_two_matching_actors_is_listed_once(store) -> None:
    a = make(0)
    a.events = [{"id": "x", "code": "036", "source": [{"actor": "RUS"}],
                 "target": [{"actor": "RUSGOV"}, {"actor": "RUSMIL"}, {"actor": "ROU"}],
                 "date": "2018-01-01"}]
    store.add([a])
    assert len(store.events(actor="RUS")) == 1
    assert len(store.events(actor="RU")) == 1
    assert len(store.events(actor="R")) == 1  # under two index keys (RUS, ROU), listed once
    assert len(list(store.iter_rows("events", actor="R"))) == 1
    assert store.events(actor="X") == [] and store.events(actor="RUSX") == []
    assert len(store.events(actor="RUSMIL")) == 1
    assert store.events(actor="RUSMIL")[0]["target_actor"] == "RUSGOV;RUSMIL;ROU"


def test_stage_ids_are_kept_and_clashes_never_lose_an_event(store) -> None:
    a, b, c = make(0), make(1), make(2)
    b.events[0]["id"] = a.events[0]["id"]  # clash inside one batch
    c.events[1]["id"] = c.events[0]["id"]  # the same event twice in one article
    store.add([a, b])
    c.events[0]["id"] = c.events[1]["id"] = a.events[0]["id"]  # clash with a stored event
    store.add([c])
    assert store.event("ev0a")["article_id"] == a.id
    assert store.event(f"{b.id}:ev0a")["article_id"] == b.id
    assert store.event(f"{c.id}:ev0a")["article_id"] == c.id
    assert store.count("events") == 5
    d = make(3)
    for e in d.events:
        del e["id"]
    d.quotes[0]["id"] = None
    store.add([d])
    assert store.event(f"{d.id}:e1")["code"] == d.events[1]["code"]
    assert store.quotes(article=d.id)[0]["id"] == f"{d.id}:q0"


# -- the shared query builder ----------------------------------------------------


def test_dialects_say_the_same_query_each_their_own_way() -> None:
    from warta.store.sql import POSTGRES, SQLITE

    query = "SELECT '5%' AS pct FROM t WHERE a = ? AND b < ?"
    assert SQLITE.sql(query) == query
    assert POSTGRES.sql(query) == "SELECT '5%%' AS pct FROM t WHERE a = %s AND b < %s"
    named = "VALUES (:id, :end, '12:30', x::text)"
    assert POSTGRES.named(named) == "VALUES (%(id)s, %(end)s, '12:30', x::text)"
    assert SQLITE.in_list("id", ["a", "b"]) == ("id IN (?,?)", ["a", "b"])
    assert POSTGRES.in_list("id", ["a", "b"]) == ("id = ANY(?)", [["a", "b"]])
    assert [len(c) for c in SQLITE.chunks(list(range(1200)))] == [500, 500, 200]
    assert POSTGRES.clean("a\x00b") == "a\ufffdb" and SQLITE.clean("a\x00b") == "a\x00b"
    assert "DOUBLE PRECISION" in POSTGRES.schema("x {REAL}") and SQLITE.schema("x {BLOB}") == "x BLOB"


def test_shared_upsert_and_like_behave_on_sqlite() -> None:
    from warta.store.sql import SQLITE, like_pattern, upsert

    conn = sqlite3.connect(":memory:")
    conn.execute('CREATE TABLE t (k TEXT, j TEXT, v TEXT, "by" TEXT, PRIMARY KEY (k, j))')
    save = upsert("t", ("k", "j", "v", "by"), ("k", "j"))
    SQLITE.executemany(conn, save, [("a", "1", "old", "x"), ("a", "2", "other", "x")])
    SQLITE.executemany(conn, save, [("a", "1", "new", "y")])
    assert conn.execute('SELECT k, j, v, "by" FROM t ORDER BY j').fetchall() == [
        ("a", "1", "new", "y"), ("a", "2", "other", "x")]
    conn.executemany("INSERT INTO t (k, j) VALUES (?, '')", [("50% off",), ("500 off",), ("a_b",), ("AXB",)])

    def found(q: str) -> set[str]:
        rows = SQLITE.rows(conn, f"SELECT k FROM t WHERE {SQLITE.like('k')}", (like_pattern(q),))
        return {k for (k,) in rows}

    assert found("0%") == {"50% off"}
    assert found("A_B") == {"a_b"}


# -- export --------------------------------------------------------------------


def _read_back(fmt: str, data: bytes) -> list[dict]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    return pq.read_table(io.BytesIO(data)).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("what, n", [("articles", 11), ("entities", 3), ("quotes", 11), ("events", 21)])
def test_export_each_kind_reads_back(store, what: str, n: int, fmt: str) -> None:
    from warta.store.export import columns

    store.add([kremlin()] + [make(i) for i in range(10)])
    out = io.BytesIO()
    assert store.export(what, fmt, out) == n
    rows = _read_back(fmt, out.getvalue())
    assert len(rows) == n
    assert list(rows[0]) == columns(what)
    if what == "events":
        first = rows[0]
        assert first["sentence"] and first["url"].startswith("https://")
        assert str(first["quad"]) in "1234" and float(first["goldstein"]) <= 5
    if what == "articles":
        assert {r["title"] for r in rows} >= {"Kremlin menolak tuduhan", "Berita nomor 3"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_path_with_filters(store, tmp_path: Path, fmt: str) -> None:
    store.add([make(i) for i in range(30)])
    path = tmp_path / f"events.{fmt}"
    n = store.export("events", fmt, path, actor="RUS", since="2017-06-01")
    expected = store.events(actor="RUS", since="2017-06-01", limit=1000)
    assert n == len(expected) > 0
    rows = _read_back(fmt, path.read_bytes())
    assert [r["id"] for r in rows] == [e["id"] for e in expected]


def test_parquet_export_is_written_in_row_groups(store, monkeypatch) -> None:
    from warta.store import export

    monkeypatch.setattr(export, "ROW_GROUP", 7)
    store.add([make(i) for i in range(10)])
    out = io.BytesIO()
    assert store.export("events", "parquet", out) == 20
    parquet = pq.ParquetFile(io.BytesIO(out.getvalue()))
    assert parquet.metadata.num_row_groups == 3 and parquet.metadata.num_rows == 20


def test_export_of_an_empty_store_has_headers(store) -> None:
    out = io.BytesIO()
    assert store.export("quotes", "parquet", out) == 0
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 0
    out = io.BytesIO()
    assert store.export("quotes", "csv", out) == 0
    assert out.getvalue().decode().startswith("id,date,speaker_name")


def test_export_rejects_unknown_kind_format_and_filter(store) -> None:
    with pytest.raises(WartaError):
        store.export("mentions", "csv", io.BytesIO())
    with pytest.raises(WartaError):
        store.export("events", "xml", io.BytesIO())
    with pytest.raises(WartaError):
        store.export("events", "csv", io.BytesIO(), speaker="x")
    with pytest.raises(WartaError):
        store.count("stories")


# -- concurrency and crashes ---------------------------------------------------


def test_readers_see_committed_data_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = open_store(path)
    writer.add([make(0)])
    reader = open_store(path)
    with writer.transaction() as conn:
        conn.execute("UPDATE article SET title = 'baru'")
        assert reader.count() == 1
        assert reader.articles()[0]["title"] == "Berita nomor 0"
    assert reader.articles()[0]["title"] == "baru"
    writer.close()
    reader.close()


def test_another_process_reads_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(path) as writer:
        writer.add([make(i) for i in range(3)])
        with writer.transaction() as conn:
            conn.execute("DELETE FROM event")
            reader = subprocess.run(
                [sys.executable, "-c",
                 "import sys; from warta.store import open_store;"
                 "s = open_store(sys.argv[1]); print(s.count(), s.count('events'))", str(path)],
                capture_output=True, text=True, timeout=60,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        assert reader.returncode == 0, reader.stderr
        assert reader.stdout.split() == ["3", "6"]
        assert writer.count("events") == 0


CHILD = """
import sys, time
from warta.store.sqlite import SQLiteStore
exec(sys.argv[4], globals())
n, kill_at = int(sys.argv[2]), int(sys.argv[3])

class Slow(SQLiteStore):
    def _write_layers(self, conn, articles):
        super()._write_layers(conn, articles)
        if kill_at >= 0 and any(a.title == f"Berita nomor {kill_at}" for a in articles):
            print("inside", flush=True)
            time.sleep(120)

store = Slow(sys.argv[1])
print("start", flush=True)
store.add((make(i) for i in range(n)), batch_size=10)
print("done", flush=True)
"""


def _dump(path: Path) -> dict[str, list]:
    """Every stored fact, without insertion-order keys or timestamps."""
    conn = sqlite3.connect(path)
    queries = {
        "article": "SELECT id, source, url, title, published, text, json FROM article ORDER BY id",
        "entity": "SELECT * FROM entity ORDER BY id",
        "mention": "SELECT * FROM mention ORDER BY article_id, entity_id, start",
        "quote": "SELECT id, article_id, text, speaker_name, date FROM quote ORDER BY id",
        "event": "SELECT id, article_id, date, code, source_actor, target_actor, sentence"
        " FROM event ORDER BY id",
        "event_actor": "SELECT x.actor, x.date, e.id, x.role FROM event_actor x"
        " JOIN event e ON e.n = x.event ORDER BY 1, 2, 3",
        "fts": "SELECT rowid FROM article_fts WHERE article_fts MATCH 'peskov' ORDER BY rowid",
    }
    out = {k: conn.execute(q).fetchall() for k, q in queries.items()}
    out["integrity"] = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return out


def _run_child(path: Path, n: int, kill_at: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(n), str(kill_at), GEN],
        stdout=subprocess.PIPE, text=True, env=env,
    )


@pytest.mark.parametrize("kill_at", [0, 45])
def test_kill_9_mid_batch_leaves_whole_batches_and_rerun_matches(tmp_path: Path, kill_at: int) -> None:
    n = 80
    clean = tmp_path / "clean.db"
    with open_store(clean) as s:
        s.add((make(i) for i in range(n)), batch_size=10)

    crashed = tmp_path / "crashed.db"
    child = _run_child(crashed, n, kill_at)
    assert child.stdout.readline().strip() == "start"
    assert child.stdout.readline().strip() == "inside"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with open_store(crashed) as s:
        assert s.count() == kill_at // 10 * 10
        assert s.count("events") == 2 * s.count()
        assert s.add(make(i) for i in range(n)).added == n - kill_at // 10 * 10
    assert _dump(crashed) == _dump(clean)


def test_kill_9_at_a_random_moment_then_rerun_matches(tmp_path: Path) -> None:
    n = 600
    clean = tmp_path / "clean.db"
    with open_store(clean) as s:
        s.add((make(i) for i in range(n)), batch_size=10)
    crashed = tmp_path / "crashed.db"
    child = _run_child(crashed, n, -1)
    assert child.stdout.readline().strip() == "start"
    child.stdout.close()
    try:
        child.wait(timeout=0.15)
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    with open_store(crashed) as s:
        assert s.count() % 10 == 0
        s.add(make(i) for i in range(n))
    assert _dump(crashed) == _dump(clean)


def test_sqlite_store_is_the_default_backend(tmp_path: Path) -> None:
    assert isinstance(open_store(tmp_path / "x.db"), SQLiteStore)
