"""The PostgreSQL store: the SQLite store's behaviour on a server a team can share.

Same interface, same rows (``rows.py``), same semantics as ``sqlite.py``:
idempotent ``add`` by content-hash id, one transaction per batch, per-item
errors for the articles the database refuses. What differs is how it stays
correct with several writers at once, which SQLite never has to face:

* articles are inserted with ``ON CONFLICT DO NOTHING RETURNING id`` and only
  the rows this transaction really inserted get their layers, so two runs
  loading the same article at once store it, and its mentions, once;
* event keys come from a sequence, not from ``max(n) + 1``;
* schema upgrades take a transaction-scoped advisory lock, so two processes
  opening an old store upgrade it once.

Columns compared by range (dates, CAMEO and actor codes) use the "C"
collation, so a prefix is one index range whatever the server's locale. Full
text uses a stored ``tsvector`` (the 'simple' configuration: lower-cased
words, no stemming, as Indonesian needs) with a GIN index; queries go through
``websearch_to_tsquery``, which never fails on odd syntax.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ..article import Article
from ..errors import ItemError, WartaError
from . import rows as R
from .base import KINDS, AddStats, Store

TOP = "\U0010ffff"  # larger than any character: x + TOP bounds every string starting with x
FETCH = 1000
STORE_ERRORS = (psycopg.errors.IntegrityError, psycopg.errors.DataError, UnicodeEncodeError)
MIGRATE_LOCK = 0x77617274  # "wart": the advisory lock held while the schema is upgraded

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE article (
    n BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT, url TEXT, outlet TEXT, title TEXT, dateline TEXT,
    published TEXT COLLATE "C", lang TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', text), 'B')) STORED
);
CREATE INDEX article_published ON article (published);
CREATE INDEX article_outlet ON article (lower(outlet), published);
CREATE INDEX article_tsv ON article USING gin (tsv);

CREATE TABLE entity (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT, actor TEXT, role TEXT, affiliation TEXT, wikidata TEXT, "by" TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entity_articles ON entity (articles DESC, mentions DESC);
CREATE INDEX entity_type ON entity (type, articles DESC);
CREATE INDEX entity_name ON entity (lower(name));

CREATE TABLE mention (
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entity (id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, "by" TEXT,
    PRIMARY KEY (article_id, entity_id, start, "end")
);
CREATE INDEX mention_entity ON mention (entity_id, article_id);

CREATE TABLE quote (
    n BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, kind TEXT, cue TEXT,
    speaker_entity TEXT, speaker_name TEXT, "by" TEXT, date TEXT COLLATE "C"
);
CREATE INDEX quote_date ON quote (date);
CREATE INDEX quote_article ON quote (article_id);

CREATE TABLE event (
    n BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    date TEXT COLLATE "C", date_end TEXT, code TEXT COLLATE "C", root TEXT COLLATE "C",
    quad INTEGER, goldstein DOUBLE PRECISION, plover TEXT,
    source_actor TEXT, source_name TEXT, source_entity TEXT,
    target_actor TEXT, target_name TEXT, target_entity TEXT,
    place TEXT, start INTEGER, "end" INTEGER, "by" TEXT, sentence TEXT
);
CREATE INDEX event_date ON event (date);
CREATE INDEX event_root ON event (root, date);
CREATE INDEX event_article ON event (article_id);

CREATE TABLE event_actor (
    actor TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    event BIGINT NOT NULL REFERENCES event (n) ON DELETE CASCADE,
    role TEXT NOT NULL,
    code TEXT COLLATE "C",
    PRIMARY KEY (actor, date, event)
);
CREATE INDEX event_actor_event ON event_actor (event);

CREATE TABLE item_error (
    id BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    stage TEXT,
    message TEXT NOT NULL,
    run TEXT,
    at TEXT NOT NULL,
    UNIQUE (source, message)
);

CREATE FUNCTION warta_article_entity_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entity SET
        mentions = mentions - (SELECT count(*) FROM mention m
                               WHERE m.article_id = OLD.id AND m.entity_id = entity.id),
        articles = articles - 1
    WHERE id IN (SELECT entity_id FROM mention WHERE article_id = OLD.id);
    RETURN OLD;
END $$;
CREATE TRIGGER article_entity_counts BEFORE DELETE ON article
    FOR EACH ROW EXECUTE FUNCTION warta_article_entity_counts();
"""

MIGRATIONS: list[str] = [V1]

INSERT_ARTICLE = """INSERT INTO article
 (id, source, url, outlet, title, dateline, published, lang, text, json, ingested_at)
 VALUES (%(id)s, %(source)s, %(url)s, %(outlet)s, %(title)s, %(dateline)s, %(published)s,
 %(lang)s, %(text)s, %(json)s, %(ingested_at)s)
 ON CONFLICT (id) DO NOTHING RETURNING id"""
UPSERT_ENTITY = """INSERT INTO entity (id, name, type, actor, role, affiliation, wikidata, "by")
 VALUES (%(id)s, %(name)s, %(type)s, %(actor)s, %(role)s, %(affiliation)s, %(wikidata)s, %(by)s)
 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
  type = coalesce(excluded.type, entity.type), actor = coalesce(excluded.actor, entity.actor),
  role = coalesce(excluded.role, entity.role),
  affiliation = coalesce(excluded.affiliation, entity.affiliation),
  wikidata = coalesce(excluded.wikidata, entity.wikidata)"""
INSERT_MENTION = """INSERT INTO mention (article_id, entity_id, start, "end", text, "by")
 VALUES (%(article_id)s, %(entity_id)s, %(start)s, %(end)s, %(text)s, %(by)s)"""
COUNT_ENTITY = """UPDATE entity SET mentions = mentions + %(mentions)s, articles = articles + 1
 WHERE id = %(id)s"""
INSERT_QUOTE = """INSERT INTO quote (id, article_id, start, "end", text, kind, cue,
 speaker_entity, speaker_name, "by", date)
 VALUES (%(id)s, %(article_id)s, %(start)s, %(end)s, %(text)s, %(kind)s, %(cue)s,
 %(speaker_entity)s, %(speaker_name)s, %(by)s, %(date)s)
 ON CONFLICT (id) DO NOTHING"""
INSERT_EVENT = """INSERT INTO event (n, id, article_id, date, date_end, code, root, quad,
 goldstein, plover, source_actor, source_name, source_entity, target_actor, target_name,
 target_entity, place, start, "end", "by", sentence)
 VALUES (%(n)s, %(id)s, %(article_id)s, %(date)s, %(date_end)s, %(code)s, %(root)s, %(quad)s,
 %(goldstein)s, %(plover)s, %(source_actor)s, %(source_name)s, %(source_entity)s,
 %(target_actor)s, %(target_name)s, %(target_entity)s, %(place)s, %(start)s, %(end)s, %(by)s,
 %(sentence)s)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actor (actor, date, event, role, code)
 VALUES (%s, %s, %s, %s, %s)"""

EVENT_COLUMNS = """e.id, e.article_id, e.date, e.date_end, e.code, e.root, e.quad, e.goldstein,
 e.plover, e.source_name AS source, e.source_actor, e.source_entity, e.target_name AS target,
 e.target_actor, e.target_entity, e.source_name, e.target_name, e.place, e.start, e."end",
 e."by", e.sentence, a.url, a.title, a.published"""
QUOTE_COLUMNS = """q.id, q.article_id, q.date, q.speaker_name, q.speaker_entity, q.text, q.kind,
 q.cue, q.start, q."end", q."by", a.url, a.title"""
ENTITY_COLUMNS = """id, name, type, actor, role, affiliation, wikidata, "by", mentions, articles"""
ARTICLE_LIGHT = "id, title, outlet, dateline, published, url"
ARTICLE_FULL = "id, title, outlet, dateline, published, url, lang, source, text, ingested_at"
SEARCH = """SELECT a.id, a.title, a.outlet, a.dateline, a.published, a.url,
 ts_headline('simple', a.text, hit.q,
   'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…')
   AS snippet, hit.score
 FROM (SELECT n, q, ts_rank_cd(tsv, q) AS score
       FROM article, websearch_to_tsquery('simple', %s) AS q
       WHERE tsv @@ q ORDER BY score DESC, n LIMIT %s OFFSET %s) AS hit
 JOIN article a ON a.n = hit.n ORDER BY hit.score DESC, hit.n"""

TABLES = {
    "articles": "article",
    "entities": "entity",
    "mentions": "mention",
    "quotes": "quote",
    "events": "event",
    "errors": "item_error",
}


def _like(q: str) -> str:
    """An ILIKE pattern matching ``q`` anywhere, with its wildcards taken literally."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _date_range(column: str, since: str | None, until: str | None) -> tuple[list[str], list]:
    """Conditions for an inclusive date range; ``until`` includes any time on that day."""
    where, params = [], []
    if since:
        where.append(f"{column} >= %s")
        params.append(since)
    if until:
        where.append(f"{column} <= %s")
        params.append(until + TOP)
    return where, params


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; U+FFFD takes its place, so offsets stay valid."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _clean_rows(rows: list[dict]) -> list[dict]:
    return [{k: _no_nul(v) for k, v in r.items()} for r in rows]


class PostgresStore(Store):
    """A warta store in a PostgreSQL database, given by a ``postgresql://`` URL."""

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as e:
            reason = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
            raise WartaError(f"cannot open store {_safe(url)}: {reason}") from e
        self.migrate("core", MIGRATIONS)

    # -- setup ---------------------------------------------------------------
    def _version(self, conn: psycopg.Connection, key: str) -> int:
        if conn.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
            return 0
        row = conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return int(row[0]) if row else 0

    def migrate(self, component: str, migrations: Sequence[str]) -> int:
        """Apply a component's missing schema scripts once, atomically, under an advisory lock."""
        key = "schema_version" if component == "core" else f"schema_version:{component}"
        target = len(migrations)
        if self._version(self._conn, key) == target:
            return target
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            version = self._version(conn, key)
            if version > target:
                raise WartaError(
                    f"store {_safe(self.url)} has {component} schema version {version}; this "
                    f"warta reads up to {target}: upgrade warta"
                )
            for script in migrations[version:]:
                conn.execute(script)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(target)),
            )
        return target

    # -- plumbing ------------------------------------------------------------
    @property
    def connection(self) -> psycopg.Connection:
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """One transaction on the store's connection, rolled back on any error."""
        with self._lock, self._conn.transaction():
            yield self._conn

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        with self._lock, self._conn.cursor(row_factory=dict_row) as cur:
            return cur.execute(sql, tuple(params)).fetchall()

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        found = self._all(sql, params)
        return found[0] if found else None

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict]:
        """Rows through a server-side cursor on a connection of its own.

        The export reads one consistent snapshot in constant memory, and the
        store's own connection stays free for the caller meanwhile.
        """
        with psycopg.connect(self.url) as conn, conn.transaction():
            with conn.cursor(name="warta_export", row_factory=dict_row) as cur:
                cur.execute(sql, tuple(params))
                while chunk := cur.fetchmany(FETCH):
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
                message = f"cannot store: {str(e).strip().splitlines()[0] if str(e).strip() else e}"
                refused.append(ItemError(article.source or article.id, message, "store"))
        self.add_errors(refused)
        return stats

    def _add_batch(self, batch: list[Article]) -> AddStats:
        unique: dict[str, Article] = {}
        for article in batch:
            unique.setdefault(R.ensure_id(article), article)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            stored = self._existing(conn, list(unique))
            new = [a for i, a in unique.items() if i not in stored]
            rows = _clean_rows([R.article_row(a, now) for a in new])
            inserted = self._insert_articles(conn, rows)
            self._write_layers(conn, [a for a in new if a.id in inserted])
        return AddStats(added=len(inserted), skipped=len(batch) - len(inserted))

    @staticmethod
    def _existing(conn: psycopg.Connection, ids: list[str]) -> set[str]:
        found = conn.execute("SELECT id FROM article WHERE id = ANY(%s)", (ids,)).fetchall()
        return {r[0] for r in found}

    @staticmethod
    def _insert_articles(conn: psycopg.Connection, rows: list[dict]) -> set[str]:
        """Insert article rows; the ids this transaction really inserted (another may have won)."""
        if not rows:
            return set()
        inserted: set[str] = set()
        with conn.cursor() as cur:
            cur.executemany(INSERT_ARTICLE, rows, returning=True)
            while True:
                inserted.update(r[0] for r in cur.fetchall())
                if not cur.nextset():
                    break
        return inserted

    def _write_layers(self, conn: psycopg.Connection, articles: list[Article]) -> None:
        """Entities, mentions, quotes and events of freshly inserted articles."""
        entities, mentions, counts, quotes, events = [], [], [], [], []
        for a in articles:
            entities += R.entity_rows(a)
            found = R.mention_rows(a)
            mentions += found
            counts += R.entity_counts(found)
            quotes += R.quote_rows(a)
            events += R.event_rows(a)
        with conn.cursor() as cur:
            # sorted: concurrent writers lock shared entity rows in one order, never deadlock
            for sql, rows in (
                (UPSERT_ENTITY, sorted(entities, key=lambda r: r["id"])),
                (INSERT_MENTION, mentions),
                (COUNT_ENTITY, sorted(counts, key=lambda r: r["id"])),
                (INSERT_QUOTE, _unique_ids(conn, "quote", quotes)),
            ):
                if rows:
                    cur.executemany(sql, _clean_rows(rows))
        self.write_events(conn, _unique_ids(conn, "event", events))

    @staticmethod
    def write_events(conn: psycopg.Connection, events: list[dict]) -> None:
        """Insert event rows (from ``rows.event_rows``) and their actor index rows.

        Keys come from the event sequence, so concurrent writers never collide.
        """
        unique = {e["id"]: e for e in events}
        if not unique:
            return
        keys = conn.execute(
            "SELECT nextval(pg_get_serial_sequence('event', 'n')) FROM generate_series(1, %s)",
            (len(unique),),
        ).fetchall()
        actors = []
        for (n,), e in zip(keys, unique.values(), strict=True):
            e["n"] = n
            date = e["date"] or ""
            actors += [(p, date, n, role, e["code"]) for p, role in e["actors"].items()]
        with conn.cursor() as cur:
            cur.executemany(INSERT_EVENT, _clean_rows(list(unique.values())))
            if actors:
                cur.executemany(INSERT_EVENT_ACTOR, [tuple(map(_no_nul, a)) for a in actors])

    def add_errors(self, errors: Iterable[ItemError], run: str | None = None) -> int:
        """Record per-item errors; one already recorded (same source and message) is kept as is."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        params = [tuple(map(_no_nul, (e.source, e.stage, e.message, run, now))) for e in errors]
        if not params:
            return 0
        new = 0
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO item_error (source, stage, message, run, at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (source, message) DO NOTHING"
                " RETURNING id",
                params,
                returning=True,
            )
            while True:
                new += len(cur.fetchall())
                if not cur.nextset():
                    break
        return new

    # -- reading: articles -----------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self._one("SELECT text, json FROM article WHERE id = %s", (article_id,))
        if row is None:
            return None
        return Article.from_dict(R.record_from_row(row["text"], row["json"]))

    def has(self, article_id: str) -> bool:
        return self._one("SELECT 1 AS x FROM article WHERE id = %s", (article_id,)) is not None

    def count(self, what: str = "articles") -> int:
        if what not in TABLES:
            raise WartaError(f"cannot count {what!r}; choose one of {', '.join(KINDS)}")
        row = self._one(f"SELECT count(*) AS n FROM {TABLES[what]}")
        return int(row["n"]) if row else 0

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict]:
        return self._all(
            "SELECT id, source, stage, message, run, at FROM item_error"
            " ORDER BY id DESC LIMIT %s OFFSET %s",
            (limit, offset),
        )

    def _articles_sql(
        self, columns: str, since: str | None, until: str | None, outlet: str | None
    ) -> tuple[str, list]:
        where, params = _date_range("published", since, until)
        if outlet:
            where.append("lower(outlet) = lower(%s)")
            params.append(outlet)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        order = "ORDER BY published DESC NULLS LAST, n DESC"
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
        return self._all(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search, best match first; ``score`` is higher for better matches."""
        q = _no_nul((q or "").strip())
        if not q:
            return []
        return self._all(SEARCH, (q, limit, offset))

    # -- reading: entities and quotes -------------------------------------------
    def _entities_sql(self, type: str | None, q: str | None) -> tuple[str, list]:
        where, params = [], []
        if type:
            where.append("type = %s")
            params.append(type.upper())
        if q:
            where.append("(name ILIKE %s OR id = %s)")
            params += [_like(q), q]
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        order = "ORDER BY articles DESC, mentions DESC, name, id"  # id: stable pages on ties
        return f"SELECT {ENTITY_COLUMNS} FROM entity {cond} {order}", params

    def entities(
        self, limit: int = 50, offset: int = 0, type: str | None = None, q: str | None = None
    ) -> list[dict]:
        sql, params = self._entities_sql(type, q)
        return self._all(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])

    def _find_entity(self, id_or_name: str) -> dict | None:
        """By id, else by exact name (any case), else by name substring; most reported wins."""
        sql = f"SELECT {ENTITY_COLUMNS} FROM entity WHERE "
        order = " ORDER BY articles DESC, mentions DESC LIMIT 1"
        return (
            self._one(sql + "id = %s", (id_or_name,))
            or self._one(sql + "lower(name) = lower(%s)" + order, (id_or_name,))
            or self._one(sql + "name ILIKE %s" + order, (_like(id_or_name),))
        )

    def entity(self, id_or_name: str, limit: int = 100) -> dict | None:
        """The entity and the articles it is mentioned in, newest first, with mention offsets."""
        found = self._find_entity(_no_nul(id_or_name))
        if found is None:
            return None
        appearances = self._all(
            "SELECT a.id AS article_id, a.title, a.published, a.url FROM article a"
            " WHERE a.id IN (SELECT article_id FROM mention WHERE entity_id = %s)"
            " ORDER BY a.published DESC NULLS LAST, a.n DESC LIMIT %s",
            (found["id"], limit),
        )
        by_article = {row["article_id"]: row for row in appearances}
        for row in appearances:
            row["mentions"] = []
        if by_article:
            for m in self._all(
                'SELECT article_id, start, "end", text, "by" FROM mention'
                " WHERE entity_id = %s AND article_id = ANY(%s) ORDER BY start",
                (found["id"], list(by_article)),
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
                "(q.speaker_name ILIKE %s OR q.speaker_entity = %s OR q.speaker_entity IN"
                " (SELECT id FROM entity WHERE name ILIKE %s))"
            )
            params += [pattern, speaker, pattern]
        if article:
            where.append("q.article_id = %s")
            params.append(article)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {QUOTE_COLUMNS} FROM quote q JOIN article a ON a.id = q.article_id {cond}"
            " ORDER BY q.date DESC NULLS LAST, q.n DESC",
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
        return self._all(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])

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
            where.append("e.n IN (SELECT event FROM event_actor WHERE actor >= %s AND actor < %s)")
            params += [actor, actor + TOP]
        if code:
            code = code.strip()
            if len(code) >= 2:
                where.append("e.root = %s")
                params.append(code[:2])
            if len(code) != 2:
                where.append("e.code >= %s AND e.code < %s")
                params += [code, code + TOP]
        if article:
            where.append("e.article_id = %s")
            params.append(article)
        cond = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {EVENT_COLUMNS} FROM event e JOIN article a ON a.id = e.article_id {cond}"
            " ORDER BY e.date DESC NULLS LAST, e.n DESC",
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
        where, params = ["x.actor = %s"], [actor]
        if since or until:
            lo, hi = _date_range("x.date", since or "0", until)
            where += lo
            params += hi
        if code:
            where.append("x.code >= %s AND x.code < %s")
            params += [code.strip(), code.strip() + TOP]
        if article:
            where.append("e.article_id = %s")
            params.append(article)
        return (
            f"SELECT {EVENT_COLUMNS} FROM event_actor x JOIN event e ON e.n = x.event"
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
        sql, params = self._events_sql(actor, code, since, until, article)
        return self._all(sql + " LIMIT %s OFFSET %s", [*params, limit, offset])

    def event(self, event_id: str) -> dict | None:
        return self._one(
            f"SELECT {EVENT_COLUMNS} FROM event e JOIN article a ON a.id = e.article_id"
            " WHERE e.id = %s",
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
        return self._stream(sql, params)


def _unique_ids(conn: psycopg.Connection, table: str, rows: list[dict]) -> list[dict]:
    """Rows whose id another article already uses are renamed ``article_id:id`` (as in SQLite)."""
    if not rows:
        return rows
    ids = [r["id"] for r in rows]
    taken = {x for (x,) in conn.execute(f"SELECT id FROM {table} WHERE id = ANY(%s)", (ids,))}
    owner: dict[str, str] = {}
    for r in rows:
        if r["id"] in taken or owner.get(r["id"], r["article_id"]) != r["article_id"]:
            r["id"] = f"{r['article_id']}:{r['id']}"
        owner.setdefault(r["id"], r["article_id"])
    return rows


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        creds, _, host = rest.rpartition("@")
        rest = f"{creds.split(':', 1)[0]}@{host}"
    return f"{scheme}{sep}{rest}"
