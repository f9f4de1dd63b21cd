"""The SQLite store: one file, WAL journal, one transaction per batch.

WAL lets readers (the web page, ``warta events``) query while an ingest runs,
and ``synchronous=NORMAL`` keeps every committed batch across a process crash
at a fraction of the cost of a full sync per commit. Writes go through
``executemany`` over whole batches, so the cost per article is a few b-tree
inserts, not a round trip per row.
"""

from __future__ import annotations

import heapq
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from ..article import Article
from ..errors import ItemError, WartaError
from . import rows as R
from .base import KINDS, AddStats, Store
from .schema import MIGRATIONS

#: Larger than any character, so ``x + TOP`` bounds every string starting with x.
TOP = "\U0010ffff"
FETCH = 1000  # rows per round trip when streaming
#: What a malformed record can raise while being flattened or written (a layer of
#: the wrong shape, a constraint, an unbindable value): that record is refused.
STORE_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
    AttributeError,
    KeyError,
    TypeError,
    ValueError,
)

TABLES = {
    "articles": "article",
    "entities": "entity",
    "mentions": "mention",
    "quotes": "quote",
    "events": "event",
    "errors": "item_error",
}

INSERT_ARTICLE = """INSERT OR IGNORE INTO article
 (id, source, url, outlet, title, dateline, published, lang, text, json, ingested_at)
 VALUES (:id, :source, :url, :outlet, :title, :dateline, :published, :lang, :text, :json,
 :ingested_at)"""
UPSERT_ENTITY = """INSERT INTO entity (id, name, type, actor, role, affiliation, wikidata, "by")
 VALUES (:id, :name, :type, :actor, :role, :affiliation, :wikidata, :by)
 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
  type = coalesce(excluded.type, type), actor = coalesce(excluded.actor, actor),
  role = coalesce(excluded.role, role), affiliation = coalesce(excluded.affiliation, affiliation),
  wikidata = coalesce(excluded.wikidata, wikidata)"""
INSERT_MENTION = """INSERT INTO mention (article_id, entity_id, start, "end", text, "by")
 VALUES (:article_id, :entity_id, :start, :end, :text, :by)"""
COUNT_ENTITY = """UPDATE entity SET mentions = mentions + :mentions, articles = articles + 1
 WHERE id = :id"""
INSERT_QUOTE = """INSERT OR IGNORE INTO quote (id, article_id, start, "end", text, kind, cue,
 speaker_entity, speaker_name, "by", date)
 VALUES (:id, :article_id, :start, :end, :text, :kind, :cue, :speaker_entity, :speaker_name,
 :by, :date)"""
INSERT_EVENT = """INSERT INTO event (n, id, article_id, date, date_end, code, root, quad,
 goldstein, plover, source_actor, source_name, source_entity, target_actor, target_name,
 target_entity, place, start, "end", "by", sentence)
 VALUES (:n, :id, :article_id, :date, :date_end, :code, :root, :quad, :goldstein, :plover,
 :source_actor, :source_name, :source_entity, :target_actor, :target_name, :target_entity,
 :place, :start, :end, :by, :sentence)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actor (actor, date, event, role, code)
 VALUES (?, ?, ?, ?, ?)"""

# "source"/"target" are the export (GDELT-like) names of source_name/target_name; rows carry both.
EVENT_COLUMNS = """e.id, e.article_id, e.date, e.date_end, e.code, e.root, e.quad, e.goldstein,
 e.plover, e.source_name AS source, e.source_actor, e.source_entity, e.target_name AS target,
 e.target_actor, e.target_entity, e.source_name, e.target_name, e.place, e.start, e."end",
 e."by", e.sentence, a.url, a.title, a.published"""
QUOTE_COLUMNS = """q.id, q.article_id, q.date, q.speaker_name, q.speaker_entity, q.text, q.kind,
 q.cue, q.start, q."end", q."by", a.url, a.title"""
ENTITY_COLUMNS = """id, name, type, actor, role, affiliation, wikidata, "by", mentions, articles"""
ARTICLE_LIGHT = "id, title, outlet, dateline, published, url"
ARTICLE_FULL = "id, title, outlet, dateline, published, url, lang, source, text, ingested_at"


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


def _like(q: str) -> str:
    """A LIKE pattern matching ``q`` anywhere, with its wildcards taken literally."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _statements(script: str) -> Iterator[str]:
    """Split a schema script into statements (trigger bodies hold semicolons)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""
    if buf.strip():
        yield buf.strip()


def _date_range(column: str, since: str | None, until: str | None) -> tuple[list[str], list]:
    """Conditions for an inclusive date range; ``until`` includes any time on that day."""
    where, params = [], []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"{column} <= ?")
        params.append(until + TOP)
    return where, params


def _unique_ids(conn: sqlite3.Connection, table: str, rows: list[dict]) -> list[dict]:
    """Rows whose id another article already uses are renamed ``article_id:id``.

    Stage ids are hashes over the article id, so this is a safety net: an id
    clash never costs an article its events. The same id twice within one
    article is one item, kept once by the insert.
    """
    taken: set[str] = set()
    ids = [r["id"] for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        taken.update(x for (x,) in conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
    owner: dict[str, str] = {}
    for r in rows:
        if r["id"] in taken or owner.get(r["id"], r["article_id"]) != r["article_id"]:
            r["id"] = f"{r['article_id']}:{r['id']}"
        owner.setdefault(r["id"], r["article_id"])
    return rows


class SQLiteStore(Store):
    """A warta store in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._lock = threading.RLock()
        if self.path != ":memory:" and not Path(self.path).parent.is_dir():
            raise WartaError(f"cannot create store {self.path}: folder does not exist")
        try:
            self._conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise WartaError(f"cannot open store {self.path}: {e}") from e

    # -- setup -------------------------------------------------------------
    def _configure(self) -> None:
        for pragma in (
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "foreign_keys = ON",
            "busy_timeout = 30000",
            "temp_store = MEMORY",
            "cache_size = -32000",
        ):
            self._conn.execute(f"PRAGMA {pragma}")

    def _version(self, key: str) -> int:
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not exists:
            return 0
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        self.migrate("core", MIGRATIONS)

    def migrate(self, component: str, migrations: Sequence[str]) -> int:
        """Bring one component's tables up to date; returns its schema version.

        ``migrations`` are SQL scripts, applied in order from the version the
        store records for ``component`` (key ``schema_version`` for the core,
        ``schema_version:<component>`` otherwise), all in one transaction that
        re-reads the version under the write lock: two processes opening an
        old store at once upgrade it once. Corpus stages that keep their own
        tables (stories) call this with their own scripts.
        """
        key = "schema_version" if component == "core" else f"schema_version:{component}"
        target = len(migrations)
        if self._version(key) == target:
            return target
        with self.transaction() as conn:
            version = self._version(key)
            if version > target:
                raise WartaError(
                    f"store {self.path} has {component} schema version {version}; this warta "
                    f"reads up to {target}: upgrade warta"
                )
            for script in migrations[version:]:
                for statement in _statements(script):
                    conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(target)))
        return target

    # -- plumbing ------------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (including Ctrl-C)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        with self._lock:
            cur = self._conn.cursor()
            cur.row_factory = _dict_row
            return cur.execute(sql, tuple(params)).fetchall()

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        found = self._all(sql, params)
        return found[0] if found else None

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict]:
        """Rows of a query fetched a chunk at a time, so exports run in constant memory."""
        with self._lock:
            cur = self._conn.cursor()
            cur.row_factory = _dict_row
            cur.execute(sql, tuple(params))
        while True:
            with self._lock:
                chunk = cur.fetchmany(FETCH)
            if not chunk:
                return
            yield from chunk

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- writing -------------------------------------------------------------
    def add(self, articles: Iterable[Article], batch_size: int = 200) -> AddStats:
        """Store the articles not stored yet, committing every ``batch_size`` articles."""
        if batch_size < 1:
            raise WartaError("batch_size must be at least 1")
        stats = AddStats()
        it = iter(articles)
        while batch := list(islice(it, batch_size)):
            try:
                stats += self._add_batch(batch)
            except STORE_ERRORS:
                stats += self._add_one_by_one(batch)
        return stats

    def _add_one_by_one(self, batch: list[Article]) -> AddStats:
        """After a batch failed as a whole: store each article alone, record the refused ones."""
        stats = AddStats()
        refused = []
        for article in batch:
            try:
                stats += self._add_batch([article])
            except STORE_ERRORS as e:
                stats.failed += 1
                refused.append(ItemError(article.source or article.id, f"cannot store: {e}", "store"))
        self.add_errors(refused)
        return stats

    def _add_batch(self, batch: list[Article]) -> AddStats:
        unique: dict[str, Article] = {}
        for article in batch:
            unique.setdefault(R.ensure_id(article), article)
        with self.transaction() as conn:
            stored = self._existing(list(unique))
            new = [a for i, a in unique.items() if i not in stored]
            now = datetime.now(UTC).isoformat(timespec="seconds")
            conn.executemany(INSERT_ARTICLE, [R.article_row(a, now) for a in new])
            self._write_layers(conn, new)
        return AddStats(added=len(new), skipped=len(batch) - len(new))

    def _existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            cur = self._conn.execute(f"SELECT id FROM article WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in cur)
        return found

    def _write_layers(self, conn: sqlite3.Connection, articles: list[Article]) -> None:
        """Entities, mentions, quotes and events of freshly inserted articles."""
        entities, mentions, counts, quotes, events = [], [], [], [], []
        for a in articles:
            entities += R.entity_rows(a)
            found = R.mention_rows(a)
            mentions += found
            counts += R.entity_counts(found)
            quotes += R.quote_rows(a)
            events += R.event_rows(a)
        conn.executemany(UPSERT_ENTITY, entities)
        conn.executemany(INSERT_MENTION, mentions)
        conn.executemany(COUNT_ENTITY, counts)
        conn.executemany(INSERT_QUOTE, _unique_ids(conn, "quote", quotes))
        self.write_events(conn, _unique_ids(conn, "event", events))

    @staticmethod
    def write_events(conn: sqlite3.Connection, events: list[dict]) -> None:
        """Insert event rows (from ``rows.event_rows``) and their actor index rows.

        Must run inside a write transaction: the integer keys are allocated from
        the current maximum.
        """
        unique = {e["id"]: e for e in events}  # an id given twice: the event once
        if not unique:
            return
        n = conn.execute("SELECT coalesce(max(n), 0) FROM event").fetchone()[0]
        actors = []
        for e in unique.values():
            n += 1
            e["n"] = n
            date = e["date"] or ""
            actors += [(p, date, n, role, e["code"]) for p, role in e["actors"].items()]
        conn.executemany(INSERT_EVENT, list(unique.values()))
        conn.executemany(INSERT_EVENT_ACTOR, actors)
        keys = {(row[0],) for row in actors}
        conn.executemany("INSERT OR IGNORE INTO actor_key (key) VALUES (?)", keys)

    def add_errors(self, errors: Iterable[ItemError], run: str | None = None) -> int:
        """Record per-item errors; one already recorded (same source and message) is kept as is."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        params = [(e.source, e.stage, e.message, run, now) for e in errors]
        with self.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO item_error (source, stage, message, run, at)"
                " VALUES (?, ?, ?, ?, ?)",
                params,
            )
            return conn.total_changes - before

    # -- reading: articles -----------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self._one("SELECT text, json FROM article WHERE id = ?", (article_id,))
        if row is None:
            return None
        return Article.from_dict(R.record_from_row(row["text"], row["json"]))

    def has(self, article_id: str) -> bool:
        return self._one("SELECT 1 AS x FROM article WHERE id = ?", (article_id,)) is not None

    def count(self, what: str = "articles") -> int:
        if what not in TABLES:
            raise WartaError(f"cannot count {what!r}; choose one of {', '.join(KINDS)}")
        row = self._one(f"SELECT count(*) AS n FROM {TABLES[what]}")
        return row["n"] if row else 0

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict]:
        return self._all(
            "SELECT id, source, stage, message, run, at FROM item_error"
            " ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )

    def _articles_sql(
        self, columns: str, since: str | None, until: str | None, outlet: str | None
    ) -> tuple[str, list]:
        where, params = _date_range("published", since, until)
        if outlet:
            where.append("outlet = ? COLLATE NOCASE")
            params.append(outlet)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {columns} FROM article {cond} ORDER BY published DESC, n DESC", params

    def articles(
        self,
        limit: int = 50,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> list[dict]:
        sql, params = self._articles_sql(ARTICLE_LIGHT, since, until, outlet)
        return self._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """FTS5 search; a query FTS5 cannot parse is searched again as one phrase."""
        q = (q or "").strip()
        if not q:
            return []
        try:
            return self._search(q, limit, offset)
        except sqlite3.OperationalError:
            phrase = '"' + q.replace('"', '""') + '"'
            try:
                return self._search(phrase, limit, offset)
            except sqlite3.OperationalError:
                return []

    def _search(self, match: str, limit: int, offset: int) -> list[dict]:
        return self._all(
            "SELECT a.id, a.title, a.outlet, a.dateline, a.published, a.url,"
            " snippet(article_fts, -1, '[', ']', '…', 16) AS snippet, article_fts.rank AS score"
            " FROM article_fts JOIN article a ON a.n = article_fts.rowid"
            " WHERE article_fts MATCH ? ORDER BY article_fts.rank LIMIT ? OFFSET ?",
            (match, limit, offset),
        )

    # -- reading: entities and quotes -------------------------------------------
    def _entities_sql(self, type: str | None, q: str | None) -> tuple[str, list]:
        where, params = [], []
        if type:
            where.append("type = ?")
            params.append(type.upper())
        if q:
            where.append("(name LIKE ? ESCAPE '\\' OR id = ?)")
            params += [_like(q), q]
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        order = "ORDER BY articles DESC, mentions DESC, name"
        return f"SELECT {ENTITY_COLUMNS} FROM entity {cond} {order}", params

    def entities(
        self, limit: int = 50, offset: int = 0, type: str | None = None, q: str | None = None
    ) -> list[dict]:
        sql, params = self._entities_sql(type, q)
        return self._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])

    def _find_entity(self, id_or_name: str) -> dict | None:
        """By id, else by exact name (any case), else by name substring; most reported wins."""
        sql = f"SELECT {ENTITY_COLUMNS} FROM entity WHERE "
        order = " ORDER BY articles DESC, mentions DESC LIMIT 1"
        return (
            self._one(sql + "id = ?", (id_or_name,))
            or self._one(sql + "name = ? COLLATE NOCASE" + order, (id_or_name,))
            or self._one(sql + "name LIKE ? ESCAPE '\\'" + order, (_like(id_or_name),))
        )

    def entity(self, id_or_name: str, limit: int = 100) -> dict | None:
        """The entity and the articles it is mentioned in, newest first, with mention offsets."""
        found = self._find_entity(id_or_name)
        if found is None:
            return None
        appearances = self._all(
            "SELECT a.id AS article_id, a.title, a.published, a.url FROM article a"
            " WHERE a.id IN (SELECT article_id FROM mention WHERE entity_id = ?)"
            " ORDER BY a.published DESC, a.n DESC LIMIT ?",
            (found["id"], limit),
        )
        by_article = {row["article_id"]: row for row in appearances}
        for row in appearances:
            row["mentions"] = []
        ids = list(by_article)
        if ids:
            marks = ",".join("?" * len(ids))
            for m in self._all(
                f'SELECT article_id, start, "end", text, "by" FROM mention'
                f" WHERE entity_id = ? AND article_id IN ({marks}) ORDER BY start",
                [found["id"], *ids],
            ):
                by_article[m.pop("article_id")]["mentions"].append(m)
        found["appearances"] = appearances
        return found

    def _quotes_sql(
        self, speaker: str | None, article: str | None, since: str | None, until: str | None
    ) -> tuple[str, list]:
        where, params = _date_range("q.date", since, until)
        if speaker:
            pattern = _like(speaker)
            where.append(
                "(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_entity = ? OR q.speaker_entity IN"
                " (SELECT id FROM entity WHERE name LIKE ? ESCAPE '\\'))"
            )
            params += [pattern, speaker, pattern]
        if article:
            where.append("q.article_id = ?")
            params.append(article)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {QUOTE_COLUMNS} FROM quote q JOIN article a ON a.id = q.article_id {cond}"
            " ORDER BY q.date DESC, q.n DESC",
            params,
        )

    def quotes(
        self,
        speaker: str | None = None,
        article: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict]:
        sql, params = self._quotes_sql(speaker, article, since, until)
        return self._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])

    # -- reading: events ---------------------------------------------------------
    def _events_sql(
        self,
        actor: str | None,
        code: str | None,
        since: str | None,
        until: str | None,
        article: str | None,
    ) -> tuple[str, list]:
        """The event query; an actor code made of whole blocks reads the actor index only."""
        actor = actor.strip().upper() if actor else None
        if actor and len(actor) % R.ACTOR_BLOCK == 0:
            return self._events_by_actor_sql(actor, code, since, until, article)
        where, params = _date_range("e.date", since, until)
        if actor:
            where.append("e.n IN (SELECT event FROM event_actor WHERE actor >= ? AND actor < ?)")
            params += [actor, actor + TOP]
        if code:
            code = code.strip()
            if len(code) >= 2:  # the root index narrows, the full code is checked there
                where.append("e.root = ?")
                params.append(code[:2])
            if len(code) != 2:
                where.append("e.code >= ? AND e.code < ?")
                params += [code, code + TOP]
        if article:
            where.append("e.article_id = ?")
            params.append(article)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {EVENT_COLUMNS} FROM event e JOIN article a ON a.id = e.article_id {cond}"
            " ORDER BY e.date DESC, e.n DESC",
            params,
        )

    def _events_by_actor_sql(
        self,
        actor: str,
        code: str | None,
        since: str | None,
        until: str | None,
        article: str | None,
    ) -> tuple[str, list]:
        where, params = ["x.actor = ?"], [actor]
        if since or until:
            lo, hi = _date_range("x.date", since or "0", until)
            where += lo
            params += hi
        if code:
            where.append("x.code >= ? AND x.code < ?")
            params += [code.strip(), code.strip() + TOP]
        if article:
            where.append("e.article_id = ?")
            params.append(article)
        return (
            f"SELECT {EVENT_COLUMNS}, x.event AS _n FROM event_actor x JOIN event e ON e.n = x.event"
            f" JOIN article a ON a.id = e.article_id WHERE {' AND '.join(where)}"
            " ORDER BY x.date DESC, x.event DESC",
            params,
        )

    def events(
        self,
        actor: str | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Events, newest first; a prefix off a block boundary reads each key it covers."""
        actor = actor.strip().upper() if actor else None
        if actor and len(actor) % R.ACTOR_BLOCK:
            keys = self._actor_keys(actor)
            if len(keys) != 1:
                return self._events_merged(keys, code, since, until, article, limit, offset)
            actor = keys[0]
        if actor:
            sql, params = self._events_by_actor_sql(actor, code, since, until, article)
        else:
            sql, params = self._events_sql(None, code, since, until, article)
        rows = self._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
        for row in rows:
            row.pop("_n", None)
        return rows

    def _actor_keys(self, prefix: str) -> list[str]:
        """The index keys covering an actor prefix: its codes cut at the next block boundary."""
        width = -(-len(prefix) // R.ACTOR_BLOCK) * R.ACTOR_BLOCK
        rows = self._all(
            "SELECT key FROM actor_key WHERE key >= ? AND key < ? AND length(key) <= ?",
            (prefix, prefix + TOP, width),
        )
        return [r["key"] for r in rows]

    def _events_merged(
        self,
        keys: list[str],
        code: str | None,
        since: str | None,
        until: str | None,
        article: str | None,
        limit: int,
        offset: int,
    ) -> list[dict]:
        """Newest-first merge of one index range per key; an event under two keys comes once."""
        runs = []
        for key in keys:
            sql, params = self._events_by_actor_sql(key, code, since, until, article)
            runs.append(self._all(sql + " LIMIT ?", [*params, offset + limit]))
        seen: set[str] = set()
        out: list[dict] = []
        newest = lambda row: (row["date"] or "", row["_n"])  # noqa: E731
        for row in heapq.merge(*runs, key=newest, reverse=True):
            if row["id"] not in seen:
                seen.add(row["id"])
                out.append(row)
            if len(out) == offset + limit:
                break
        for row in out:
            row.pop("_n")
        return out[offset:]

    def event(self, event_id: str) -> dict | None:
        return self._one(
            f"SELECT {EVENT_COLUMNS} FROM event e JOIN article a ON a.id = e.article_id"
            " WHERE e.id = ?",
            (event_id,),
        )

    # -- streaming -----------------------------------------------------------------
    def iter_rows(self, what: str, **filters: Any) -> Iterator[dict]:
        """Every row of one kind, filtered like the matching list method, streamed."""
        builders = {
            "articles": lambda since=None, until=None, outlet=None: self._articles_sql(
                ARTICLE_FULL, since, until, outlet
            ),
            "entities": lambda type=None, q=None: self._entities_sql(type, q),
            "quotes": lambda speaker=None, article=None, since=None, until=None: self._quotes_sql(
                speaker, article, since, until
            ),
            "events": lambda actor=None, code=None, since=None, until=None, article=None: (
                self._events_sql(actor, code, since, until, article)
            ),
        }
        if what not in builders:
            raise WartaError(f"cannot list {what!r}; choose one of {', '.join(builders)}")
        try:
            sql, params = builders[what](**filters)
        except TypeError as e:
            raise WartaError(f"unknown filter for {what}: {e}") from e
        return _drop_order_key(self._stream(sql, params))


def _drop_order_key(rows: Iterator[dict]) -> Iterator[dict]:
    """Rows without the internal ordering column of the event queries."""
    for row in rows:
        row.pop("_n", None)
        yield row
