"""WARC archives: every HTML page captured in them, through the HTML reader.

Crawls store pages as ``response`` records (HTTP headers + body) and
sometimes as ``resource`` records. Only successful HTML captures are
articles; requests, metadata, images, redirects and error pages are skipped
without a word because they are not articles, not failures. The page's URL
falls back to WARC-Target-URI and its date to WARC-Date.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import ItemError
from .base import GZIP_MAGIC, Item
from .decode import peek
from .html import html_to_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio also reads the older ARC format, and reads any text as ARC: only
# streams that start like a WARC (or an ARC, or gzip of either) are archives.
WARC_MAGIC = (b"WARC/", b"filedesc://")


def _content_type(record: Any) -> str:
    """The content type of the captured page, from HTTP or WARC headers."""
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _is_page(record: Any) -> bool:
    """Whether a record is a successful HTML capture."""
    if record.rec_type not in ("response", "resource"):
        return False
    if _content_type(record).split(";")[0].strip().lower() not in HTML_TYPES:
        return False
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        return status.startswith("2")
    return True


def _page_text(payload: bytes, content_type: str) -> str | bytes:
    """The page decoded with its declared charset; bytes for trafilatura otherwise."""
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            pass
    return payload


def _record_item(record: Any, label: str, max_bytes: int) -> Item:
    """One article from one HTML capture."""
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    source = f"{label}#record={record_id}"
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return ItemError(
            source, f"page is over the {max_bytes / 1e6:g} MB limit (raise --max-bytes)"
        )
    if not payload.strip():
        return ItemError(source, "empty page", stage="read")
    page = _page_text(payload, _content_type(record))
    return html_to_article(
        page,
        source,
        fmt="warc",
        url=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
        meta={"warc_record_id": record_id},
    )


def read_warc_stream(binary: BinaryIO, label: str, max_bytes: int) -> Iterator[Item]:
    """Yield one article per HTML capture of a WARC stream (gzip or plain)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = peek(binary, 16)
    if not head:
        yield ItemError(label, "empty file", stage="read")
        return
    if not head.startswith(WARC_MAGIC) and not head.startswith(GZIP_MAGIC):
        yield ItemError(label, "not a WARC file (it does not start with 'WARC/')", stage="read")
        return
    count = pages = 0
    try:
        for record in ArchiveIterator(binary):
            count += 1
            if _is_page(record):
                pages += 1
                yield _record_item(record, label, max_bytes)
    except ArchiveLoadFailed as e:
        where = "not a WARC file" if count == 0 else f"WARC damaged after record {count}"
        yield ItemError(label, f"{where}: {str(e).splitlines()[0]}", stage="read")
        return
    if count == 0:
        yield ItemError(label, "empty file", stage="read")
    elif pages == 0:
        yield ItemError(label, f"no HTML page among its {count} records", stage="read")


def read_warc(path: str | os.PathLike, label: str, max_bytes: int) -> Iterator[Item]:
    """Yield one article per HTML capture of a WARC file (gzip or plain)."""
    with open(path, "rb") as fh:
        yield from read_warc_stream(fh, label, max_bytes)
