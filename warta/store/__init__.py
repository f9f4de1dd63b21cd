"""Where analysed articles live: ``open_store(url)`` returns a ``Store``.

A plain path or ``sqlite:///path`` opens (or creates) a SQLite store;
``postgresql://`` URLs go to the PostgreSQL backend when it is installed. The
callers only ever see the ``Store`` interface.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import WartaError
from .base import EXPORTABLE, KINDS, AddStats, Store

__all__ = ["open_store", "Store", "AddStats", "KINDS", "EXPORTABLE"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(url: str | Path) -> Store:
    """Open the store at ``url``: a file path, ``sqlite:///path`` or ``postgresql://...``.

    SQLite stores are created on first use; an unusable location or a file that
    is not a warta store raises ``WartaError`` with a one-line reason.
    """
    if isinstance(url, Path):
        return _sqlite(url)
    text = str(url).strip()
    if not text:
        raise WartaError("no store given: pass a file path or a sqlite:/// URL")
    if text.startswith(POSTGRES_SCHEMES):
        return _postgres(text)
    if text.startswith("sqlite:"):
        # As in SQLAlchemy: sqlite:///rel.db is relative, sqlite:////abs/x.db absolute.
        path = text.removeprefix("sqlite:///")
        if path == text or not path:
            raise WartaError(f"{text}: expected sqlite:///PATH")
        return _sqlite(path)
    if "://" in text:
        raise WartaError(f"{text}: unsupported store URL (use a path, sqlite:/// or postgresql://)")
    return _sqlite(text)


def _sqlite(path: str | Path) -> Store:
    from .sqlite import SQLiteStore

    return SQLiteStore(path)


def _postgres(url: str) -> Store:
    """The PostgreSQL backend, when ``warta.store.postgres`` is part of this install."""
    try:
        module = importlib.import_module(f"{__name__}.postgres")
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith(__name__):
            raise WartaError(
                "PostgreSQL stores are not supported by this version of warta yet; "
                "use a SQLite file path"
            ) from e
        raise WartaError(f"PostgreSQL store needs {e.name}: pip install 'warta[postgres]'") from e
    return module.PostgresStore(url)
