"""The queries both SQL stores share, written once, with a small dialect for what differs.

Every query here is written in the qmark style (``?`` placeholders; ``:name``
in the insert statements) and in the SQL that SQLite and PostgreSQL both
speak. The few places where the two databases really say things differently
go through a ``Dialect``:

* the placeholder style (``?`` vs ``%s``), translated once per query text;
* case-insensitive matching (``LIKE … ESCAPE`` and ``COLLATE NOCASE`` vs
  ``ILIKE`` and ``lower()``);
* a list of values (``IN (?, ?, …)`` in chunks under SQLite's variable limit
  vs one array parameter, ``= ANY(%s)``);
* where NULLs sort (SQLite puts them first in ascending order, PostgreSQL
  last), so both answer in the same order;
* column types in schema scripts (``REAL``/``BLOB`` vs ``DOUBLE
  PRECISION``/``BYTEA``; range-compared text in the "C" collation);
* NUL characters, which PostgreSQL text cannot hold.

``SQLStore`` holds the shared reading (articles, entities, quotes, events,
exports) and the shared writing of an article's layers; each backend keeps
only its connection, transactions, schema, article and error inserts, event
keys and full-text search. Corpus stages that keep their own tables (the
stories layer) reach the same dialect as ``store.dialect``.
"""

from __future__ import annotations

import heapq
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from typing import Any

from ..article import Article
from ..errors import ItemError, WartaError
from . import rows as R
from .base import KINDS, AddStats, Store

#: Larger than any character, so ``x + TOP`` bounds every string starting with x.
TOP = "\U0010ffff"
FETCH = 1000  # rows per round trip when streaming

TABLES = {
    "articles": "article",
    "entities": "entity",
    "mentions": "mention",
    "quotes": "quote",
    "events": "event",
    "errors": "item_error",
}

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

# Layer statements both databases run as they are (the article and quote inserts,
# whose conflict handling differs, stay with each backend).
UPSERT_ENTITY = """INSERT INTO entity (id, name, type, actor, role, affiliation, wikidata, "by")
 VALUES (:id, :name, :type, :actor, :role, :affiliation, :wikidata, :by)
 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
  type = coalesce(excluded.type, entity.type), actor = coalesce(excluded.actor, entity.actor),
  role = coalesce(excluded.role, entity.role),
  affiliation = coalesce(excluded.affiliation, entity.affiliation),
  wikidata = coalesce(excluded.wikidata, entity.wikidata)"""
INSERT_MENTION = """INSERT INTO mention (article_id, entity_id, start, "end", text, "by")
 VALUES (:article_id, :entity_id, :start, :end, :text, :by)"""
COUNT_ENTITY = """UPDATE entity SET mentions = mentions + :mentions, articles = articles + 1
 WHERE id = :id"""
INSERT_EVENT = """INSERT INTO event (n, id, article_id, date, date_end, code, root, quad,
 goldstein, plover, source_actor, source_name, source_entity, target_actor, target_name,
 target_entity, place, start, "end", "by", sentence)
 VALUES (:n, :id, :article_id, :date, :date_end, :code, :root, :quad, :goldstein, :plover,
 :source_actor, :source_name, :source_entity, :target_actor, :target_name, :target_entity,
 :place, :start, :end, :by, :sentence)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actor (actor, date, event, role, code)
 VALUES (?, ?, ?, ?, ?)"""
INSERT_ACTOR_KEY = "INSERT INTO actor_key (key) VALUES (?) ON CONFLICT (key) DO NOTHING"


def like_pattern(q: str) -> str:
    """A LIKE/ILIKE pattern matching ``q`` anywhere, with its wildcards taken literally."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def upsert(table: str, columns: Iterable[str], key: Iterable[str]) -> str:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` every other column: a replace both databases run."""
    cols, keys = list(columns), list(key)
    names = ", ".join(_quoted(c) for c in cols)
    sets = ", ".join(f"{_quoted(c)} = excluded.{_quoted(c)}" for c in cols if c not in keys)
    return (f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}")


def _quoted(column: str) -> str:
    return f'"{column}"' if column in ("by", "end") else column


class Dialect(ABC):
    """What SQLite says one way and PostgreSQL another; the shared queries ask it."""

    name = ""
    #: Appended to a descending sort key that may be NULL: NULLs come last in both.
    nulls_last = ""
    #: Appended to an ascending sort key that may be NULL: NULLs come first in both.
    nulls_first = ""
    #: Column types of schema scripts, as ``{REAL}``, ``{BLOB}`` and ``{KEY}`` (range-compared text).
    types: dict[str, str] = {}

    def sql(self, query: str) -> str:
        """``query`` (qmark placeholders) in this driver's placeholder style."""
        return query

    def named(self, query: str) -> str:
        """``query`` (``:name`` placeholders) in this driver's named style."""
        return query

    def schema(self, script: str) -> str:
        """A schema script with its ``{REAL}``, ``{BLOB}`` and ``{KEY}`` types filled in."""
        return script.format(**self.types)

    @abstractmethod
    def like(self, column: str) -> str:
        """A condition: ``column`` contains the parameter (a ``like_pattern``), any case."""

    @abstractmethod
    def same_text(self, column: str) -> str:
        """A condition: ``column`` equals the parameter, any case."""

    def binary(self, column: str) -> str:
        """``column`` compared code point by code point (prefix ranges with ``TOP``)."""
        return column

    @abstractmethod
    def in_list(self, column: str, values: list) -> tuple[str, list]:
        """A condition ``column`` is one of ``values`` (at most ``list_size`` of them), with its params."""

    #: How many values one ``in_list`` takes; ``chunks`` cuts longer lists.
    list_size = 500

    def chunks(self, values: list) -> Iterator[list]:
        it = iter(values)
        while chunk := list(islice(it, self.list_size)):
            yield chunk

    def clean(self, value: Any) -> Any:
        """A value as this database can store it."""
        return value

    @contextmanager
    def exclusive(self, conn: Any, key: int) -> Iterator[None]:
        """Hold a lock named ``key`` across several transactions: one runner of a stage at a time.

        SQLite needs none here: its stores have one writer process at a time in practice, and
        each write transaction already excludes the others.
        """
        yield

    # -- running statements on a raw connection (for stages with their own tables) --
    def execute(self, conn: Any, query: str, params: Iterable[Any] = ()) -> Any:
        """Run one qmark query on a DB-API connection of this dialect; returns the cursor."""
        return conn.execute(self.sql(query), tuple(params))

    def rows(self, conn: Any, query: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self.execute(conn, query, params).fetchall()

    @abstractmethod
    def executemany(self, conn: Any, query: str, rows: list) -> None:
        """Run one qmark (or ``:name``) statement per row of ``rows``."""


class SQLiteDialect(Dialect):
    name = "sqlite"
    types = {"REAL": "REAL", "BLOB": "BLOB", "KEY": "TEXT"}

    def like(self, column: str) -> str:
        return f"{column} LIKE ? ESCAPE '\\'"

    def same_text(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def in_list(self, column: str, values: list) -> tuple[str, list]:
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def executemany(self, conn: Any, query: str, rows: list) -> None:
        if rows:
            conn.executemany(query, rows)


class PostgresDialect(Dialect):
    name = "postgresql"
    nulls_last = " NULLS LAST"
    nulls_first = " NULLS FIRST"
    types = {"REAL": "DOUBLE PRECISION", "BLOB": "BYTEA", "KEY": 'TEXT COLLATE "C"'}
    list_size = 10_000

    def sql(self, query: str) -> str:
        return _pyformat(query)

    def named(self, query: str) -> str:
        return _pyformat_named(query)

    def like(self, column: str) -> str:
        return f"{column} ILIKE ?"

    def same_text(self, column: str) -> str:
        return f"lower({column}) = lower(?)"

    def binary(self, column: str) -> str:
        return f'{column} COLLATE "C"'

    def in_list(self, column: str, values: list) -> tuple[str, list]:
        return f"{column} = ANY(?)", [list(values)]

    def clean(self, value: Any) -> Any:
        """PostgreSQL text cannot hold NUL; U+FFFD takes its place, so offsets stay valid."""
        if isinstance(value, str) and "\x00" in value:
            return value.replace("\x00", "\ufffd")
        return value

    @contextmanager
    def exclusive(self, conn: Any, key: int) -> Iterator[None]:
        """A session advisory lock: a second runner (another process, another host) waits."""
        conn.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def executemany(self, conn: Any, query: str, rows: list) -> None:
        if not rows:
            return
        clean = self.clean
        if isinstance(rows[0], dict):
            query = self.named(query)
            rows = [{k: clean(v) for k, v in r.items()} for r in rows]
        else:
            query = self.sql(query)
            rows = [tuple(map(clean, r)) for r in rows]
        with conn.cursor() as cur:
            cur.executemany(query, rows)


@lru_cache(maxsize=512)
def _pyformat(query: str) -> str:
    return query.replace("%", "%%").replace("?", "%s")


@lru_cache(maxsize=64)
def _pyformat_named(query: str) -> str:
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", query.replace("%", "%%"))


SQLITE = SQLiteDialect()
POSTGRES = PostgresDialect()


def dialect_of(store: object) -> Dialect:
    """The store's SQL dialect (a store that names none speaks SQLite's)."""
    return getattr(store, "dialect", SQLITE)


class SQLStore(Store):
    """A store over a DB-API connection: the shared queries, run through ``dialect``.

    A backend provides the plumbing (``_all``, ``_stream``, ``transaction``,
    and ``_conn`` guarded by ``_lock``), its schema, the article and per-item
    error inserts, event keys (``_event_keys``), the quote insert
    (``INSERT_QUOTE``) and full-text ``search``.
    """

    dialect: Dialect = SQLITE
    _conn: Any
    _lock: Any
    #: What a malformed record can raise while being written: that record is refused.
    STORE_ERRORS: tuple[type[BaseException], ...] = ()
    INSERT_QUOTE = ""

    # -- plumbing the backend provides ---------------------------------------------
    @abstractmethod
    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        """Every row of a qmark query, as dicts."""

    @abstractmethod
    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict]:
        """The rows of a qmark query, fetched a chunk at a time."""

    @abstractmethod
    def _insert_articles(self, conn: Any, rows: list[dict]) -> set[str]:
        """Insert article rows (from ``rows.article_row``); the ids this transaction inserted."""

    @abstractmethod
    def _event_keys(self, conn: Any, count: int) -> Iterable[int]:
        """``count`` fresh integer keys for new event rows."""

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        found = self._all(sql, params)
        return found[0] if found else None

    @staticmethod
    def _reason(error: BaseException) -> str:
        """The first line of a database error, for the per-item error record."""
        text = str(error).strip()
        return text.splitlines()[0] if text else ""

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
            except self.STORE_ERRORS:
                stats += self._add_one_by_one(batch)
        return stats

    def _add_one_by_one(self, batch: list[Article]) -> AddStats:
        """After a batch failed as a whole: store each article alone, record the refused ones."""
        stats = AddStats()
        refused = []
        for article in batch:
            try:
                stats += self._add_batch([article])
            except self.STORE_ERRORS as e:
                stats.failed += 1
                refused.append(ItemError(article.source or article.id, f"cannot store: {self._reason(e)}",
                                         "store"))
        self.add_errors(refused)
        return stats

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _add_batch(self, batch: list[Article]) -> AddStats:
        """One transaction: the articles not stored yet, then the layers of those inserted."""
        unique: dict[str, Article] = {}
        for article in batch:
            unique.setdefault(R.ensure_id(article), article)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            stored = self._existing(conn, list(unique))
            new = [a for i, a in unique.items() if i not in stored]
            inserted = self._insert_articles(conn, [R.article_row(a, now) for a in new])
            self._write_layers(conn, [a for a in new if a.id in inserted])
        return AddStats(added=len(inserted), skipped=len(batch) - len(inserted))

    def _existing(self, conn: Any, ids: list[str]) -> set[str]:
        """The ids among ``ids`` already stored."""
        return self._taken(conn, "article", ids)

    def _taken(self, conn: Any, table: str, ids: list[str]) -> set[str]:
        d, found = self.dialect, set()
        for chunk in d.chunks(ids):
            cond, params = d.in_list("id", chunk)
            found.update(r[0] for r in d.execute(conn, f"SELECT id FROM {table} WHERE {cond}", params))
        return found

    def _unique_ids(self, conn: Any, table: str, rows: list[dict]) -> list[dict]:
        """Rows whose id another article already uses are renamed ``article_id:id``.

        Stage ids are hashes over the article id, so this is a safety net: an id
        clash never costs an article its events. The same id twice within one
        article is one item, kept once by the insert.
        """
        if not rows:
            return rows
        taken = self._taken(conn, table, [r["id"] for r in rows])
        owner: dict[str, str] = {}
        for r in rows:
            if r["id"] in taken or owner.get(r["id"], r["article_id"]) != r["article_id"]:
                r["id"] = f"{r['article_id']}:{r['id']}"
            owner.setdefault(r["id"], r["article_id"])
        return rows

    def _write_layers(self, conn: Any, articles: list[Article]) -> None:
        """Entities, mentions, quotes and events of freshly inserted articles."""
        entities, mentions, counts, quotes, events = [], [], [], [], []
        for a in articles:
            entities += R.entity_rows(a)
            found = R.mention_rows(a)
            mentions += found
            counts += R.entity_counts(found)
            quotes += R.quote_rows(a)
            events += R.event_rows(a)
        d = self.dialect
        # sorted: concurrent writers lock shared entity rows in one order, never deadlock
        d.executemany(conn, UPSERT_ENTITY, sorted(entities, key=lambda r: r["id"]))
        d.executemany(conn, INSERT_MENTION, mentions)
        d.executemany(conn, COUNT_ENTITY, sorted(counts, key=lambda r: r["id"]))
        d.executemany(conn, self.INSERT_QUOTE, self._unique_ids(conn, "quote", quotes))
        self.write_events(conn, self._unique_ids(conn, "event", events))

    def write_events(self, conn: Any, events: list[dict]) -> None:
        """Insert event rows (from ``rows.event_rows``), their actor index rows and keys.

        Must run inside a write transaction.
        """
        unique = {e["id"]: e for e in events}  # an id given twice: the event once
        if not unique:
            return
        actors = []
        for n, e in zip(self._event_keys(conn, len(unique)), unique.values(), strict=True):
            e["n"] = n
            date = e["date"] or ""
            actors += [(p, date, n, role, e["code"]) for p, role in e["actors"].items()]
        d = self.dialect
        d.executemany(conn, INSERT_EVENT, list(unique.values()))
        d.executemany(conn, INSERT_EVENT_ACTOR, actors)
        # sorted, as the entities: concurrent writers take the new keys in one order
        d.executemany(conn, INSERT_ACTOR_KEY, sorted({(row[0],) for row in actors}))

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
        return int(row["n"]) if row else 0

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
            where.append(self.dialect.same_text("outlet"))
            params.append(outlet)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        order = f"ORDER BY published DESC{self.dialect.nulls_last}, n DESC"
        return f"SELECT {columns} FROM article {cond} {order}", params

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

    # -- reading: entities and quotes -------------------------------------------
    def _entities_sql(self, type: str | None, q: str | None) -> tuple[str, list]:
        where, params = [], []
        if type:
            where.append("type = ?")
            params.append(type.upper())
        if q:
            where.append(f"({self.dialect.like('name')} OR id = ?)")
            params += [like_pattern(q), q]
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        order = "ORDER BY articles DESC, mentions DESC, name, id"  # id: stable pages on ties
        return f"SELECT {ENTITY_COLUMNS} FROM entity {cond} {order}", params

    def entities(
        self, limit: int = 50, offset: int = 0, type: str | None = None, q: str | None = None
    ) -> list[dict]:
        sql, params = self._entities_sql(type, q)
        return self._all(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])

    def _find_entity(self, id_or_name: str) -> dict | None:
        """By id, else by exact name (any case), else by name substring; most reported wins."""
        d = self.dialect
        sql = f"SELECT {ENTITY_COLUMNS} FROM entity WHERE "
        order = " ORDER BY articles DESC, mentions DESC LIMIT 1"
        return (
            self._one(sql + "id = ?", (id_or_name,))
            or self._one(sql + d.same_text("name") + order, (id_or_name,))
            or self._one(sql + d.like("name") + order, (like_pattern(id_or_name),))
        )

    def entity(self, id_or_name: str, limit: int = 100) -> dict | None:
        """The entity and the articles it is mentioned in, newest first, with mention offsets."""
        d = self.dialect
        found = self._find_entity(d.clean(id_or_name))
        if found is None:
            return None
        appearances = self._all(
            "SELECT a.id AS article_id, a.title, a.published, a.url FROM article a"
            " WHERE a.id IN (SELECT article_id FROM mention WHERE entity_id = ?)"
            f" ORDER BY a.published DESC{d.nulls_last}, a.n DESC LIMIT ?",
            (found["id"], limit),
        )
        by_article = {row["article_id"]: row for row in appearances}
        for row in appearances:
            row["mentions"] = []
        for chunk in d.chunks(list(by_article)):
            cond, params = d.in_list("article_id", chunk)
            for m in self._all(
                f'SELECT article_id, start, "end", text, "by" FROM mention'
                f" WHERE entity_id = ? AND {cond} ORDER BY start",
                [found["id"], *params],
            ):
                by_article[m.pop("article_id")]["mentions"].append(m)
        found["appearances"] = appearances
        return found

    def _quotes_sql(
        self, speaker: str | None, article: str | None, since: str | None, until: str | None
    ) -> tuple[str, list]:
        d = self.dialect
        where, params = _date_range("q.date", since, until)
        if speaker:
            pattern = like_pattern(speaker)
            where.append(
                f"({d.like('q.speaker_name')} OR q.speaker_entity = ? OR q.speaker_entity IN"
                f" (SELECT id FROM entity WHERE {d.like('name')}))"
            )
            params += [pattern, speaker, pattern]
        if article:
            where.append("q.article_id = ?")
            params.append(article)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {QUOTE_COLUMNS} FROM quote q JOIN article a ON a.id = q.article_id {cond}"
            f" ORDER BY q.date DESC{d.nulls_last}, q.n DESC",
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
            f" ORDER BY e.date DESC{self.dialect.nulls_last}, e.n DESC",
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


def _drop_order_key(rows: Iterator[dict]) -> Iterator[dict]:
    """Rows without the internal ordering column of the event queries."""
    for row in rows:
        row.pop("_n", None)
        yield row
