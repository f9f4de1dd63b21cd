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

The queries are the shared ones of ``sql.py`` (the ``POSTGRES`` dialect turns
their placeholders into ``%s``, ``LIKE`` into ``ILIKE``…); this module keeps
the connection, transactions, schema, the article, quote and error inserts,
event keys and search.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ..errors import ItemError, WartaError
from .sql import FETCH, POSTGRES, SQLStore

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

# Every key of event_actor, so that a prefix off a block boundary ("US") expands
# to the few keys it covers (USA) and each is read as an index range (as in SQLite).
V2 = """
CREATE TABLE actor_key (key TEXT COLLATE "C" PRIMARY KEY);
INSERT INTO actor_key (key) SELECT DISTINCT actor FROM event_actor;
"""

MIGRATIONS: list[str] = [V1, V2]

INSERT_ARTICLE = """INSERT INTO article
 (id, source, url, outlet, title, dateline, published, lang, text, json, ingested_at)
 VALUES (%(id)s, %(source)s, %(url)s, %(outlet)s, %(title)s, %(dateline)s, %(published)s,
 %(lang)s, %(text)s, %(json)s, %(ingested_at)s)
 ON CONFLICT (id) DO NOTHING RETURNING id"""
INSERT_QUOTE = """INSERT INTO quote (id, article_id, start, "end", text, kind, cue,
 speaker_entity, speaker_name, "by", date)
 VALUES (:id, :article_id, :start, :end, :text, :kind, :cue, :speaker_entity, :speaker_name,
 :by, :date)
 ON CONFLICT (id) DO NOTHING"""
SEARCH = """SELECT a.id, a.title, a.outlet, a.dateline, a.published, a.url,
 ts_headline('simple', a.text, hit.q,
   'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…')
   AS snippet, hit.score
 FROM (SELECT n, q, ts_rank_cd(tsv, q) AS score
       FROM article, websearch_to_tsquery('simple', ?) AS q
       WHERE tsv @@ q ORDER BY score DESC, n LIMIT ? OFFSET ?) AS hit
 JOIN article a ON a.n = hit.n ORDER BY hit.score DESC, hit.n"""


class PostgresStore(SQLStore):
    """A warta store in a PostgreSQL database, given by a ``postgresql://`` URL."""

    dialect = POSTGRES
    STORE_ERRORS = STORE_ERRORS
    INSERT_QUOTE = INSERT_QUOTE

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
            return cur.execute(POSTGRES.sql(sql), tuple(params)).fetchall()

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict]:
        """Rows through a server-side cursor on a connection of its own.

        The export reads one consistent snapshot in constant memory, and the
        store's own connection stays free for the caller meanwhile.
        """
        with psycopg.connect(self.url) as conn, conn.transaction():
            with conn.cursor(name="warta_export", row_factory=dict_row) as cur:
                cur.execute(POSTGRES.sql(sql), tuple(params))
                while chunk := cur.fetchmany(FETCH):
                    yield from chunk

    # -- writing -------------------------------------------------------------
    def _insert_articles(self, conn: psycopg.Connection, rows: list[dict]) -> set[str]:
        """Insert article rows; the ids this transaction really inserted (another may have won)."""
        if not rows:
            return set()
        inserted: set[str] = set()
        clean = POSTGRES.clean
        with conn.cursor() as cur:
            cur.executemany(INSERT_ARTICLE, [{k: clean(v) for k, v in r.items()} for r in rows],
                            returning=True)
            while True:
                inserted.update(r[0] for r in cur.fetchall())
                if not cur.nextset():
                    break
        return inserted

    def _event_keys(self, conn: psycopg.Connection, count: int) -> list[int]:
        """Keys from the event sequence, so concurrent writers never collide."""
        keys = conn.execute(
            "SELECT nextval(pg_get_serial_sequence('event', 'n')) FROM generate_series(1, %s)",
            (count,),
        ).fetchall()
        return [n for (n,) in keys]

    def add_errors(self, errors: Iterable[ItemError], run: str | None = None) -> int:
        """Record per-item errors; one already recorded (same source and message) is kept as is."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        clean = POSTGRES.clean
        params = [tuple(map(clean, (e.source, e.stage, e.message, run, now))) for e in errors]
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

    # -- reading -------------------------------------------------------------
    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search, best match first; ``score`` is higher for better matches."""
        q = POSTGRES.clean((q or "").strip())
        if not q:
            return []
        return self._all(SEARCH, (q, limit, offset))


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        creds, _, host = rest.rpartition("@")
        rest = f"{creds.split(':', 1)[0]}@{host}"
    return f"{scheme}{sep}{rest}"
