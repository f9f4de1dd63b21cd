"""The PostgreSQL store against a real server: same answers as SQLite, safe with several writers.

The tests start a throwaway server (initdb in a temporary folder, loopback
only, run as an unprivileged user) or use ``WARTA_TEST_POSTGRES=postgresql://…``
for a running one; they skip, with the reason, where neither is possible.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.article import Article, Entity
from warta.cli import main
from warta.errors import ItemError, WartaError
from warta.ingest import ingest
from warta.resources import sample_paths
from warta.store import open_store

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'warta[postgres]')")


class Unavailable(RuntimeError):
    """No PostgreSQL server can be had here; the message says why."""


def _binaries() -> Path:
    """The folder holding initdb and pg_ctl (Debian keeps them off PATH)."""
    found = shutil.which("initdb")
    if found:  # may be a link into /usr/lib/postgresql/*/bin, where pg_ctl is sure to be
        folder = Path(found).resolve().parent
        if (folder / "pg_ctl").exists():
            return folder
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        raise Unavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    return Path(candidates[0]).parent


def _server_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as: PostgreSQL refuses to run as root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise Unavailable("running as root and no 'postgres' or 'nobody' user to run the server as")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], ids: tuple[int, int] | None) -> None:
    kw = {"user": ids[0], "group": ids[1], "extra_groups": []} if ids else {}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)
    if done.returncode != 0:
        raise Unavailable(f"{Path(cmd[0]).name} failed: {(done.stderr or done.stdout).strip()[-300:]}")


@contextmanager
def server(folder: Path) -> Iterator[str]:
    """A running server's admin URL; the server is stopped and its files removed at the end."""
    given = os.environ.get("WARTA_TEST_POSTGRES")
    if given:
        yield given
        return
    bindir, ids = _binaries(), _server_user()
    folder.mkdir(parents=True, exist_ok=True)
    if ids:
        os.chown(folder, *ids)
    data, port = folder / "data", _free_port()
    _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ids)  # fmt: skip
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options,
          "-w", "-t", "60", "start"], ids)  # fmt: skip
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], ids)


def fresh_database(admin_url: str) -> str:
    """A new empty database on the server, so every test starts from nothing."""
    import psycopg

    name = f"warta_{uuid.uuid4().hex[:12]}"
    deadline = time.time() + 30
    while True:
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            break
        except psycopg.OperationalError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


# -- fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    # not under pytest's private temporary root: the server's user must reach the folder
    folder = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    stack = ExitStack()
    try:
        url = stack.enter_context(server(folder))
    except Unavailable as e:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server: {e}")
    try:
        yield url
    finally:
        try:
            stack.close()
        except Unavailable:  # the server would not stop; its files go all the same
            pass
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def pg_url(pg_admin: str) -> str:
    return fresh_database(pg_admin)


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_admin) -> Iterator[tuple]:
    """The sample articles ingested (all stages) into SQLite and PostgreSQL, in the same order."""
    folder = tmp_path_factory.mktemp("both")
    lite = open_store(str(folder / "w.db"))
    ingest(sample_paths(), lite)
    pg = open_store(fresh_database(pg_admin))
    ids = [r[0] for r in lite.connection.execute("SELECT id FROM article ORDER BY n")]
    pg.add([lite.get(i) for i in ids])
    yield lite, pg
    lite.close()
    pg.close()


def _without(rows: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


def _key(row: dict) -> str:
    return repr(sorted(row.items(), key=lambda kv: kv[0]))


# -- same answers as SQLite ---------------------------------------------------------


QUERIES = [
    ("articles", {}),
    ("articles", {"since": "2024-01-01", "until": "2024-12-31"}),
    ("articles", {"outlet": "kompas"}),
    ("articles", {"limit": 2, "offset": 1}),
    ("quotes", {}),
    ("quotes", {"speaker": "a"}),
    ("events", {}),
    ("events", {"code": "0"}),
    ("events", {"since": "2024-01-01"}),
    ("errors", {}),
]


@pytest.mark.parametrize(("method", "kwargs"), QUERIES)
def test_queries_answer_as_sqlite_does(both, method, kwargs):
    lite, pg = both
    expected = getattr(lite, method)(**kwargs)
    assert getattr(pg, method)(**kwargs) == expected


def test_entities_events_by_actor_and_counts_match_sqlite(both):
    lite, pg = both
    for kind in ("articles", "entities", "mentions", "quotes", "events", "errors"):
        assert pg.count(kind) == lite.count(kind), kind
    assert pg.count("articles") == len(sample_paths())
    # ties in (articles, mentions, name) have no defined order: compare as sets
    assert sorted(map(_key, pg.entities(limit=10_000))) == sorted(map(_key, lite.entities(limit=10_000)))
    assert sorted(map(_key, pg.entities(type="PER"))) == sorted(map(_key, lite.entities(type="PER")))
    top = lite.entities(limit=1)[0]
    assert pg.entity(top["id"]) == lite.entity(top["id"])
    assert pg.entity(top["name"].upper())["id"] == lite.entity(top["name"].upper())["id"]
    actors = {e["source_actor"] for e in lite.events(limit=1000) if e["source_actor"]}
    for actor in sorted(actors)[:5]:
        for prefix in {actor.split(";")[0], actor.split(";")[0][:2]}:
            assert pg.events(actor=prefix) == lite.events(actor=prefix), prefix
    for e in lite.events(limit=3):
        assert pg.event(e["id"]) == e


def test_records_and_exports_match_sqlite(both, tmp_path):
    lite, pg = both
    for row in lite.articles(limit=100):
        assert pg.get(row["id"]).to_dict() == lite.get(row["id"]).to_dict()
        assert pg.has(row["id"])
    assert pg.get("nope") is None and not pg.has("nope")
    for what in ("articles", "entities", "quotes", "events"):
        rows = _without(list(pg.iter_rows(what)), "ingested_at")
        expected = _without(list(lite.iter_rows(what)), "ingested_at")
        if what == "entities":
            rows, expected = sorted(map(_key, rows)), sorted(map(_key, expected))
        assert rows == expected, what
    n = pg.export("events", "parquet", tmp_path / "e.parquet")
    assert n == lite.count("events")
    with pytest.raises(WartaError, match="unknown filter"):
        list(pg.iter_rows("events", colour="red"))


# -- writing ----------------------------------------------------------------------------


def _article(i: int, text: str | None = None, **kw) -> Article:
    body = text or f"Presiden meresmikan bendungan nomor {i} di Jawa Tengah pada hari Senin pagi."
    return Article(text=body, source=f"t.jsonl#line={i}", title=f"Bendungan {i}", published="2024-03-04", **kw)


def test_add_is_idempotent_and_batches_commit(pg_url):
    with open_store(pg_url) as store:
        first = store.add([_article(i) for i in range(25)], batch_size=10)
        assert (first.added, first.skipped, first.failed) == (25, 0, 0)
        again = store.add([_article(i) for i in range(30)], batch_size=7)
        assert (again.added, again.skipped) == (5, 25)
        assert store.count() == 30
        twice = store.add([_article(99), _article(99)])
        assert (twice.added, twice.skipped) == (1, 1)
        with pytest.raises(WartaError):
            store.add([_article(1)], batch_size=0)


def test_refused_articles_become_errors_and_nul_characters_are_kept_apart(pg_url):
    bad = _article(1)
    bad.entities = [Entity(id="per:x", name=None, type="PER")]  # type: ignore[arg-type]
    nul = _article(2, "Menteri berkata\x00 bahwa harga beras turun di pasar induk Jakarta pekan ini.")
    with open_store(pg_url) as store:
        stats = store.add([_article(0), bad, nul, _article(3)])
        assert (stats.added, stats.failed) == (3, 1)
        errors = store.errors()
        assert len(errors) == 1 and errors[0]["stage"] == "store" and errors[0]["source"] == "t.jsonl#line=1"
        stored = store.get(nul.id)
        assert stored.text == nul.text.replace("\x00", "\ufffd") and len(stored.text) == len(nul.text)


def test_errors_are_recorded_once_per_source_and_message(pg_url):
    with open_store(pg_url) as store:
        errs = [ItemError("a.csv#row=1", "no text"), ItemError("a.csv#row=2", "no text")]
        assert store.add_errors(errs) == 2
        assert store.add_errors([*errs, ItemError("a.csv#row=1", "other")]) == 1
        assert store.add_errors([]) == 0
        assert [e["source"] for e in store.errors()] == ["a.csv#row=1", "a.csv#row=2", "a.csv#row=1"]
        assert store.count("errors") == 3


def test_search_ranks_snippets_and_never_raises(pg_url):
    with open_store(pg_url) as store:
        store.add([
            _article(1, "Banjir merendam ratusan rumah warga di Jakarta Utara sejak Senin malam."),
            _article(2, "Harga cabai naik di pasar tradisional; banjir di sentra produksi jadi penyebab."),
            _article(3, "Timnas Indonesia menang dua gol tanpa balas atas Vietnam di Hanoi tadi malam."),
        ])  # fmt: skip
        hits = store.search("banjir")
        assert [h["title"] for h in hits][:2] and len(hits) == 2
        assert all("[" in h["snippet"] and h["score"] > 0 for h in hits)
        assert [h["title"] for h in store.search("BANJIR jakarta")] == ["Bendungan 1"]
        for odd in ('"unbalanced', "AND OR (", "*", "-", "a:b", "\x00", "' OR 1=1 --", ""):
            assert isinstance(store.search(odd), list)


def test_concurrent_writers_store_each_article_and_mention_once(pg_admin, tmp_path):
    url = fresh_database(pg_admin)
    reference = open_store(str(tmp_path / "r.db"))
    ingest(sample_paths(), reference)
    articles = [reference.get(r["id"]) for r in reference.articles(limit=100)]
    open_store(url).close()  # schema first, so the writers race on data only
    code = (
        "import sys, pickle; from warta.store import open_store; arts = pickle.load(open(sys.argv[2], 'rb'))\n"
        "s = open_store(sys.argv[1])\n"
        "for _ in range(3): s.add(arts, batch_size=1)\n"
        "s.close()"
    )
    import pickle
    import sys

    blob = tmp_path / "arts.pickle"
    blob.write_bytes(pickle.dumps(articles))
    procs = [subprocess.Popen([sys.executable, "-c", code, url, str(blob)]) for _ in range(3)]
    assert all(p.wait(timeout=300) == 0 for p in procs)
    with open_store(url) as store:
        for kind in ("articles", "mentions", "quotes", "events"):
            assert store.count(kind) == reference.count(kind), kind
        assert sorted(map(_key, store.entities(limit=10_000))) == sorted(
            map(_key, reference.entities(limit=10_000))
        )
    reference.close()


def test_migrations_apply_once_and_refuse_a_newer_store(pg_url):
    scripts = ["CREATE TABLE story (id TEXT PRIMARY KEY)", "ALTER TABLE story ADD COLUMN title TEXT"]
    with open_store(pg_url) as store:
        assert store.migrate("stories", scripts[:1]) == 1
        assert store.migrate("stories", scripts) == 2
        assert store.migrate("stories", scripts) == 2
        with store.transaction() as conn:
            conn.execute("INSERT INTO story (id, title) VALUES ('s1', 'Banjir')")
        with pytest.raises(WartaError, match="upgrade warta"):
            store.migrate("stories", scripts[:1])
        with pytest.raises(psycopg.errors.UndefinedTable), store.transaction() as conn:
            conn.execute("INSERT INTO nowhere VALUES (1)")
        assert store.connection.execute("SELECT count(*) FROM story").fetchone()[0] == 1
    with open_store(pg_url) as again:  # reopening finds the schema in place
        assert again.count() == 0


def test_a_version_1_store_gets_its_actor_keys_in_place(pg_url, both):
    lite, _ = both
    with_events = [lite.get(r["id"]) for r in lite.articles(limit=100)]
    with open_store(pg_url) as store:
        store.add(with_events)
        with store.transaction() as conn:
            conn.execute("DROP TABLE actor_key")
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(pg_url) as store:
        version = store.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone()[0] == "2"
        keys = {k for (k,) in store.connection.execute("SELECT key FROM actor_key")}
        assert keys == {k for (k,) in lite.connection.execute("SELECT key FROM actor_key")} and keys
        for prefix in sorted({k[:2] for k in keys}):
            assert store.events(actor=prefix, limit=1000) == lite.events(actor=prefix, limit=1000)
            assert len(store.events(actor=prefix, limit=1000)) == len(
                list(store.iter_rows("events", actor=prefix)))


def test_unreachable_server_is_one_clear_line():
    with pytest.raises(WartaError, match="cannot open store postgresql://warta@127.0.0.1:1/x"):
        open_store("postgresql://warta:secret@127.0.0.1:1/x?connect_timeout=2")


def test_cli_ingest_search_and_batch_on_postgres(pg_url, tmp_path):
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", "--samples", "--db", pg_url, "-q"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    hits = runner.invoke(main, ["search", "banjir", "--db", pg_url, "--json"])
    assert hits.exit_code == 0 and "banjir" in hits.output.lower()
    batch_url = fresh_database(pg_url.rpartition("/")[0] + "/postgres")
    ran = runner.invoke(
        main, ["batch", *sample_paths(), "--engine", "local", "--partition-size", "2", "--db", batch_url, "-q"],
        catch_exceptions=False,
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output
    with open_store(pg_url) as a, open_store(batch_url) as b:
        ids = sorted(r["id"] for r in a.articles(limit=100))
        assert ids and ids == sorted(r["id"] for r in b.articles(limit=100))


# -- the stories layer on PostgreSQL ----------------------------------------------------------


def _syndicated_copy(original: Path, folder: Path) -> Path:
    """Another outlet's copy of a seed: its dateline, one sentence reworded, its own footer."""
    lines = original.read_text(encoding="utf-8").splitlines()
    kept = [lines[0].replace("KOMPAS.com", "TRIBUNNEWS.COM")]
    kept += [line for line in lines[1:] if not line.startswith("Dapatkan update")]
    longest = max(range(1, len(kept)), key=lambda i: len(kept[i]))
    kept[longest] = kept[longest].rstrip() + " Keterangan itu dibenarkan oleh sumber yang sama."
    copy = folder / "copy.txt"
    copy.write_text("\n".join(kept) + "\n\nArtikel ini telah tayang di Tribunnews.com dengan judul "
                    "yang sama.\n", encoding="utf-8")
    return copy


def _unstamped(output: str) -> str:
    """An export's output without the ingest times, which differ between two ingests."""
    import json

    lines = []
    for line in output.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            row.pop("ingested_at", None)
            line = json.dumps(row, ensure_ascii=False)
        lines.append(line)
    return "\n".join(lines)


def _stories_run(db: str, first: list[str], second: list[str]) -> dict[str, object]:
    """Ingest in two runs (the second finds its copies against stored signatures), then every
    stories command and both exports; what each printed."""
    import json

    runner = CliRunner()

    def run(*args: str) -> str:
        done = runner.invoke(main, [*args, "--db", db], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.output

    out: dict[str, object] = {"ingest": [run("ingest", *first, "-q"), run("ingest", *second, "-q")]}
    out["stories"] = run("stories", "--format", "jsonl", "--no-update")
    listed = [json.loads(line) for line in out["stories"].splitlines()]
    grown = max(listed, key=lambda s: (s["copies"], s["articles"]))
    out["story"] = json.loads(run("story", grown["id"], "--json"))
    out["story_copies"] = json.loads(run("story", grown["id"], "--json", "--with-copies"))
    out["story_table"] = run("story", grown["id"])
    for actor in ("RUS", "USA"):
        out[f"timeline {actor}"] = run("timeline", "--actor", actor, "--format", "jsonl")
        out[f"timeline {actor} copies"] = run("timeline", "--actor", actor, "--format", "jsonl",
                                              "--with-copies")
    for what in ("articles", "quotes", "events"):
        out[f"export {what}"] = _unstamped(run("export", "--what", what))
        out[f"export {what} copies"] = _unstamped(run("export", "--what", what, "--with-copies"))
    out["recompute"] = run("stories", "--format", "jsonl", "--recompute")
    return out


def test_stories_stage_and_commands_on_postgres_match_sqlite(pg_url, seeds, tmp_path):
    import json

    from warta.stories.queries import copies, not_a_copy_sql, stories_of

    copy = _syndicated_copy(seeds[0], tmp_path)
    first = [str(seeds[0])]
    second = [*map(str, seeds[1:]), str(copy), *sample_paths()]
    lite_db = str(tmp_path / "w.db")
    lite, pg = _stories_run(lite_db, first, second), _stories_run(pg_url, first, second)

    assert "1 copies found" in lite["ingest"][1], lite["ingest"]
    for key, expected in lite.items():
        assert pg[key] == expected, key

    # the output says what it should, not only the same on both sides
    listed = [json.loads(line) for line in pg["stories"].splitlines()]
    assert len(listed) == len(sample_paths()) + 1
    grown = pg["story"]
    marked = [a for a in grown["articles"] if a["copy_of"]]
    assert len(grown["articles"]) == len(seeds) + 1 and len(marked) == 1
    assert {"RUS", "USA"} & {c[:3] for c in grown["actors"]}
    assert len(pg["story_copies"]["timeline"]) > len(grown["timeline"])
    copy_id = marked[0]["id"]

    def rows(key: str) -> list[dict]:
        return [json.loads(line) for line in pg[key].splitlines() if line.startswith("{")]

    for what in ("articles", "quotes", "events"):
        key = "id" if what == "articles" else "article_id"
        assert copy_id not in {r[key] for r in rows(f"export {what}")}, what
        assert copy_id in {r[key] for r in rows(f"export {what} copies")}, what
    assert "copies of 1 articles left out" in pg["export events"]
    assert len(rows("export events copies")) > len(rows("export events"))
    assert len(rows("timeline RUS copies")) > len(rows("timeline RUS"))
    assert copy_id not in {it["article"] for it in rows("timeline RUS")}

    with open_store(lite_db) as a, open_store(pg_url) as b:
        assert copies(a) == copies(b) == {copy_id}
        assert stories_of(b, copy_id) == stories_of(a, copy_id)
        assert stories_of(b, copy_id)[0]["copy_of"] == marked[0]["copy_of"]
        count = f"SELECT count(*) FROM event WHERE {not_a_copy_sql()}"
        assert b.connection.execute(count).fetchone()[0] == a.connection.execute(count).fetchone()[0]
        assert a.connection.execute(count).fetchone()[0] == len(rows("export events"))


def test_stories_schema_uses_postgres_types(pg_url):
    """Scores read back exactly as SQLite's (double precision, not 4-byte real); signatures are bytea."""
    from warta.stories.store_stage import ensure_schema

    with open_store(pg_url) as store:
        ensure_schema(store)
        ensure_schema(store)  # once only
        types = dict(store.connection.execute(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
            " WHERE table_name IN ('story_article', 'story_signature', 'duplicate')").fetchall())
        assert types["story_article.score"] == "double precision"
        assert types["duplicate.jaccard"] == "double precision"
        assert types["story_signature.sig"] == "bytea"
        version = store.connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version:stories'").fetchone()[0]
        assert version == "2"  # 2: the join test's state of each story (story.state)


def test_two_stories_runs_at_once_on_one_database_take_turns(pg_url, both, tmp_path):
    """Two ingests into one shared database both run the stories stage: each article is placed once."""
    import threading

    from warta.stories.queries import list_stories
    from warta.stories.store_stage import update

    lite, _ = both
    articles = [lite.get(r["id"]) for r in lite.articles(limit=100)]
    with open_store(str(tmp_path / "ref.db")) as ref:
        ref.add(articles)
        update(ref)
        expected = list_stories(ref)
    with open_store(pg_url) as store:
        store.add(articles)
    stores = [open_store(pg_url) for _ in range(2)]
    start, done = threading.Barrier(2), []

    def run(store) -> None:
        start.wait()
        done.append(update(store).articles)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(done) == [0, len(articles)]
    assert list_stories(stores[0]) == list_stories(stores[1]) == expected
    for s in stores:
        s.close()


def test_one_word_names_join_their_full_name_on_postgres_as_on_sqlite(pg_url, tmp_path):
    full = ("Ketua Dewan Pengawas Yayasan Cahaya Rudianto Wicaksono hadir di Jakarta pada Rabu. "
            "Rudianto Wicaksono mengatakan yayasannya siap membantu korban banjir di tiga provinsi.")
    short = ('"Kami tetap siap bekerja untuk warga," kata Rudianto kepada wartawan di Jakarta, '
             "Minggu. Rudianto menambahkan bahwa bantuan sudah dikirim ke semua daerah terdampak.")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "url": "https://contoh.id/1", "published": "2025-10-01", "text": full},
        {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": short},
    ]), "utf-8")
    runner = CliRunner()
    people = {}
    for db in (pg_url, str(tmp_path / "w.db")):
        r = runner.invoke(main, ["ingest", str(src), "--db", db, "-q"])
        assert r.exit_code == 0, r.output
        assert "joined 1 to a full name" in r.output
        out = runner.invoke(main, ["entities", "--db", db, "--type", "PER", "--json"])
        people[db] = [(e["name"], e["articles"]) for e in map(json.loads, out.output.splitlines())]
    assert people[pg_url] == people[str(tmp_path / "w.db")] == [("Rudianto Wicaksono", 2)]


def test_stories_of_daily_runs_are_the_one_run_stories_on_postgres(pg_admin):
    """The join test's state is stored with each story and read back by the next run, as on SQLite."""
    from test_stories import incremental_equals_one_run

    opened = []

    def open_pg(name: str):
        opened.append(open_store(fresh_database(pg_admin)))
        return opened[-1]

    try:
        incremental_equals_one_run(open_pg)
    finally:
        for s in opened:
            s.close()
