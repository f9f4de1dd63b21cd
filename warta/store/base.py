"""The store interface: what the CLI, the web API and batch runs may ask of a store.

The interface is small on purpose. Every backend (SQLite today, PostgreSQL
later) implements the same methods and returns plain dicts, so the callers
never know which database sits underneath. Writing is batch-oriented: ``add``
commits one transaction per batch, which makes it fast and makes a crash leave
only whole batches behind; ids are content hashes, so running the same ``add``
again completes the work without duplicating anything.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..article import Article
from ..errors import ItemError, WartaError

#: What ``count``, ``iter_rows`` and ``export`` accept.
KINDS = ("articles", "entities", "mentions", "quotes", "events", "errors")
EXPORTABLE = ("articles", "entities", "quotes", "events")


@dataclass(slots=True)
class AddStats:
    """What one ``add`` call did: articles stored, already there, and refused.

    A refused article (one the database cannot hold, e.g. a layer with a
    missing required field) is recorded as a per-item error and the run goes on.
    """

    added: int = 0
    skipped: int = 0
    failed: int = 0

    def __iadd__(self, other: AddStats) -> AddStats:
        self.added += other.added
        self.skipped += other.skipped
        self.failed += other.failed
        return self


class Store(ABC):
    """A place where analysed articles and their layers are kept and queried."""

    # -- writing ---------------------------------------------------------
    @abstractmethod
    def add(self, articles: Iterable[Article], batch_size: int = 200) -> AddStats:
        """Store articles not yet present, one transaction per batch."""

    @abstractmethod
    def add_errors(self, errors: Iterable[ItemError], run: str | None = None) -> int:
        """Record per-item errors, once per (source, message); returns how many were new."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction for corpus stages that keep their own tables."""

    @abstractmethod
    def migrate(self, component: str, migrations: Sequence[str]) -> int:
        """Apply a component's missing schema scripts, once, atomically; returns its version."""

    # -- reading ---------------------------------------------------------
    @abstractmethod
    def get(self, article_id: str) -> Article | None:
        """The full record of one article."""

    @abstractmethod
    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abstractmethod
    def count(self, what: str = "articles") -> int:
        """Number of stored items of one kind (see ``KINDS``)."""

    @abstractmethod
    def errors(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Recorded per-item errors, newest first."""

    @abstractmethod
    def articles(
        self,
        limit: int = 50,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> list[dict]:
        """Light article rows (id, title, outlet, dateline, published, url), newest first."""

    @abstractmethod
    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over title and text, best match first; never raises on bad syntax."""

    @abstractmethod
    def entities(
        self, limit: int = 50, offset: int = 0, type: str | None = None, q: str | None = None
    ) -> list[dict]:
        """Entities with their mention and article counts, most widely reported first."""

    @abstractmethod
    def entity(self, id_or_name: str, limit: int = 100) -> dict | None:
        """One entity and the articles it appears in, with mention offsets."""

    @abstractmethod
    def quotes(
        self,
        speaker: str | None = None,
        article: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Quotations, newest first; ``speaker`` matches a substring of the speaker's name."""

    @abstractmethod
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
        """Events, newest first; ``actor`` and ``code`` match by prefix."""

    @abstractmethod
    def event(self, event_id: str) -> dict | None:
        """One event with its evidence."""

    @abstractmethod
    def iter_rows(self, what: str, **filters: Any) -> Iterator[dict]:
        """Every row of one exportable kind, streamed, with the export columns."""

    # -- lifecycle -------------------------------------------------------
    @property
    @abstractmethod
    def connection(self) -> Any:
        """The raw DB-API connection, for stages that keep their own tables."""

    @abstractmethod
    def close(self) -> None:
        """Release the database connection."""

    # -- shared behaviour --------------------------------------------------
    def export(self, what: str, fmt: str, out: str | Path | IO[bytes], **filters: Any) -> int:
        """Write every row of one kind to ``out`` as csv, jsonl or parquet; returns the row count.

        Rows are streamed from the database, so exporting a large store runs
        in constant memory whatever the format.
        """
        from .export import write_rows

        if what not in EXPORTABLE:
            raise WartaError(f"cannot export {what!r}; choose one of {', '.join(EXPORTABLE)}")
        return write_rows(what, self.iter_rows(what, **filters), fmt, out)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
