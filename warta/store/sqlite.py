"""The SQLite store: one file, WAL journal, one transaction per batch.

WAL lets readers (the web page, ``warta events``) query while an ingest runs,
and ``synchronous=NORMAL`` keeps every committed batch across a process crash
at a fraction of the cost of a full sync per commit. Writes go through
``executemany`` over whole batches, so the cost per article is a few b-tree
inserts, not a round trip per row. The queries are the shared ones of
``sql.py``; what is SQLite's own is here: the connection, transactions, the
schema (``schema.py``), the article, quote and error inserts, event keys and
FTS5 search.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ItemError, WartaError
from .schema import MIGRATIONS
from .sql import FETCH, SQLITE, SQLStore

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

INSERT_ARTICLE = """INSERT OR IGNORE INTO article
 (id, source, url, outlet, title, dateline, published, lang, text, json, ingested_at)
 VALUES (:id, :source, :url, :outlet, :title, :dateline, :published, :lang, :text, :json,
 :ingested_at)"""
INSERT_QUOTE = """INSERT OR IGNORE INTO quote (id, article_id, start, "end", text, kind, cue,
 speaker_entity, speaker_name, "by", date)
 VALUES (:id, :article_id, :start, :end, :text, :kind, :cue, :speaker_entity, :speaker_name,
 :by, :date)"""


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


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


class SQLiteStore(SQLStore):
    """A warta store in one SQLite file (or ``:memory:``)."""

    dialect = SQLITE
    STORE_ERRORS = STORE_ERRORS
    INSERT_QUOTE = INSERT_QUOTE

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

    # -- writing -------------------------------------------------------------
    def _insert_articles(self, conn: sqlite3.Connection, rows: list[dict]) -> set[str]:
        """Insert article rows; all are new, the write transaction holding the only writer."""
        conn.executemany(INSERT_ARTICLE, rows)
        return {r["id"] for r in rows}

    def _event_keys(self, conn: sqlite3.Connection, count: int) -> range:
        """Keys after the current maximum: the write transaction holds the only writer."""
        n = conn.execute("SELECT coalesce(max(n), 0) FROM event").fetchone()[0]
        return range(n + 1, n + count + 1)

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

    # -- reading -------------------------------------------------------------
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
