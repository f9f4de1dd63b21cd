"""API tokens: created once, shown once, stored only as a SHA-256 hash.

A token is what lets a client write (POST /api/articles) and, when the server
runs with closed reads, read. Only the hash is kept in the ``api_token``
table, so a copy of the database does not give away working tokens. Tokens
carry 256 bits of randomness, which is why a plain (unsalted) hash is enough:
there is nothing to guess from it.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import UTC, datetime
from typing import Any

PREFIX = "warta_"

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_token (
    hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
)
"""


def _connection(store: Any) -> Any:
    """The raw DB-API connection of a store (or a connection passed directly)."""
    return getattr(store, "connection", store)


def _sql(conn: Any, query: str) -> str:
    """Adapt '?' placeholders to the driver: sqlite3 uses '?', psycopg '%s'."""
    return query if isinstance(conn, sqlite3.Connection) else query.replace("?", "%s")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_schema(store: Any) -> None:
    """Create the token table if this database has never held one.

    Through the store's versioned migrations when it has them (so a later
    change to the table is one more script), else directly.
    """
    migrate = getattr(store, "migrate", None)
    if migrate is not None:
        migrate("web", [SCHEMA])
        return
    conn = _connection(store)
    conn.execute(SCHEMA)
    conn.commit()


def create_token(store: Any, name: str) -> str:
    """Make a new token called ``name``; the clear token is returned only here."""
    if not name.strip():
        raise ValueError("a token needs a name (who or what will use it)")
    ensure_schema(store)
    token = PREFIX + secrets.token_urlsafe(32)
    conn = _connection(store)
    conn.execute(
        _sql(conn, "INSERT INTO api_token (hash, name, created) VALUES (?, ?, ?)"),
        (token_hash(token), name.strip(), datetime.now(UTC).isoformat(timespec="seconds")),
    )
    conn.commit()
    return token


def verify_token(store: Any, token: str | None) -> str | None:
    """The name of the token's owner when it is valid, else None."""
    if not token or not token.startswith(PREFIX):
        return None
    conn = _connection(store)
    row = conn.execute(
        _sql(conn, "SELECT name FROM api_token WHERE hash = ? AND revoked = 0"),
        (token_hash(token),),
    ).fetchone()
    return row[0] if row else None


def revoke_token(store: Any, name: str) -> int:
    """Revoke every token called ``name``; returns how many were revoked."""
    ensure_schema(store)
    conn = _connection(store)
    cur = conn.execute(
        _sql(conn, "UPDATE api_token SET revoked = 1 WHERE name = ? AND revoked = 0"),
        (name,),
    )
    conn.commit()
    return cur.rowcount


def list_tokens(store: Any) -> list[dict]:
    """Names and creation times of the tokens (never the tokens themselves)."""
    ensure_schema(store)
    conn = _connection(store)
    rows = conn.execute(
        "SELECT name, created, revoked FROM api_token ORDER BY created, name"
    ).fetchall()
    return [{"name": r[0], "created": r[1], "revoked": bool(r[2])} for r in rows]
