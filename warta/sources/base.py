"""What every reader shares: building raw articles, opening files, size limits.

Readers yield ``Article`` records that hold only the raw text and the metadata
the input carried; the cleaning stage after them fills ``text``. Anything that
goes wrong with one item becomes an ``ItemError`` for that item, never an
exception out of the reader, so that one bad row does not stop a run.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from ..article import Article
from ..errors import ItemError
from .dates import normalize_date, reconcile_with_url

Item = Article | ItemError

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 20_000_000


class TooBig(ValueError):
    """An input meant to hold one article is larger than the limit."""


def size_message(size: int, max_bytes: int) -> str:
    """The one-line refusal for an oversized one-article input."""
    return (
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit"
        " for one article (raise --max-bytes)"
    )


def is_gzip(path: str | os.PathLike) -> bool:
    """Whether a file is gzip-compressed, by its magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


@contextmanager
def open_binary(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Open a file for streaming, decompressing gzip transparently."""
    with open(path, "rb") as raw:
        if raw.read(2) == GZIP_MAGIC:
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                yield gz  # type: ignore[misc]
            return
        raw.seek(0)
        yield raw


def read_limited(path: str | os.PathLike, max_bytes: int) -> bytes:
    """Read a whole one-article file, refusing it by size before reading it all.

    Plain files are checked by ``stat`` first; compressed ones are read up to
    one byte past the limit, so memory never exceeds the limit either way.
    """
    if not is_gzip(path):
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise TooBig(size_message(size, max_bytes))
    with open_binary(path) as fh:
        return read_limited_stream(fh, max_bytes)


def read_limited_stream(binary: BinaryIO, max_bytes: int) -> bytes:
    """Read a whole one-article stream, refusing it once it passes the limit."""
    data = binary.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooBig(
            f"input is over the {max_bytes / 1e6:g} MB limit for one article (raise --max-bytes)"
        )
    return data


def clean_str(value: Any) -> str | None:
    """A metadata value as a stripped string; None for blanks and non-values."""
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def make_article(
    raw: str,
    source: str,
    fmt: str,
    *,
    url: Any = None,
    title: Any = None,
    published: Any = None,
    outlet: Any = None,
    published_iso: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Item:
    """A raw article, or an ItemError when the text is empty.

    ``published`` is the value as the input wrote it; it is normalised here
    (unless the caller already did, passing ``published_iso``) and the raw
    form is kept in ``meta["published_raw"]`` as evidence.
    """
    if not raw or not raw.strip():
        return ItemError(source, "empty text", stage="read")
    info: dict[str, Any] = {"format": fmt}
    info.update(meta or {})
    url_s = clean_str(url)
    date_iso = published_iso if published_iso is not None else normalize_date(published)
    if published is not None and clean_str(published) is not None:
        info["published_raw"] = str(published).strip()
    date_iso, repaired = reconcile_with_url(date_iso, url_s)
    if repaired:
        info["published_repaired"] = "day and month swapped; date taken from the URL"
    return Article(
        text="",
        source=source,
        url=url_s,
        outlet=clean_str(outlet),
        title=clean_str(title),
        published=date_iso,
        raw=raw,
        meta=info,
    )
