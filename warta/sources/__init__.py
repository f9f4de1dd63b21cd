"""Input readers: raw articles from files, folders, globs and stdin.

``read`` is the one entry point. It streams: articles come out one at a time,
and memory stays flat however large a CSV, JSONL, WARC or feed is. Each
article carries the raw text (``Article.raw``; ``text`` is filled by the
cleaning stage), a stable ``source`` key (``dump.csv#row=12``,
``crawl.warc.gz#record=urn:uuid:...``, or the path of a one-article file) and
the metadata the input had. Bad input never raises: every failing file or item
becomes an ``ItemError`` and the run goes on with the next one.

Formats: ``text`` (one article per file), ``csv``, ``tsv``, ``xlsx``, ``jsonl``,
``html``, ``warc``, ``feed`` (RSS/Atom). They are told by extension (after an
optional ``.gz``) and sniffed from the first bytes otherwise.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ..article import Article
from ..errors import ItemError, WartaError
from .base import (
    DEFAULT_MAX_BYTES,
    GZIP_MAGIC,
    Item,
    TooBig,
    is_gzip,
    open_binary,
    read_limited_stream,
    size_message,
)
from .decode import SNIFF_BYTES, peek
from .feed import read_feed_stream
from .html import html_to_article
from .jsonl import read_jsonl_stream
from .tabular import detect_columns, normalize_mapping, read_csv_stream, read_xlsx
from .text import article_from_bytes
from .warc import read_warc_stream

__all__ = ["FORMATS", "STDIN", "detect_format", "read"]

FORMATS = ("text", "csv", "tsv", "xlsx", "jsonl", "html", "warc", "feed")
STDIN = "-"
STDIN_LABEL = "<stdin>"

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip
FORMAT_ALIASES = {"txt": "text", "rss": "feed", "atom": "feed", "xml": "feed",
                  "json": "jsonl", "ndjson": "jsonl", "htm": "html", "excel": "xlsx"}  # fmt: skip
_GLOB_CHARS = set("*?[")
_ONE_ARTICLE = ("text", "html")


def _format_by_name(name: str) -> str | None:
    """The format an extension names (``.csv.gz`` counts as ``.csv``)."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(os.path.splitext(lower)[1])


def sniff_format(head: bytes) -> str:
    """The format of an input told from its first bytes (decompressed)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl"
    lower = start[:4096].lower()
    if lower.startswith(b"<?xml") or lower.startswith((b"<rss", b"<feed", b"<rdf")):
        if any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")):
            return "feed"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")):
        return "html"
    return _sniff_table(start) or "text"


def _sniff_table(head: bytes) -> str | None:
    """``csv``/``tsv`` when the first line is a header naming a text column and more.

    Plain articles rarely start with a line of short comma-separated names
    that include both a text column and a title, URL or date column.
    """
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
    delimiter = max(("\t", ",", ";"), key=first.count)
    try:
        cells = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        return None
    if len(cells) < 2 or any(len(c) > 40 for c in cells):
        return None
    try:
        found = detect_columns(cells)
    except ValueError:
        return None
    if not {"title", "url", "date"} & set(found):
        return None
    return "tsv" if delimiter == "\t" else "csv"


def _head(path: str | os.PathLike, size: int = 8192) -> bytes:
    """The first bytes of a file, decompressed when it is gzip."""
    with open(path, "rb") as fh:
        head = fh.read(size)
    if head.startswith(GZIP_MAGIC):
        with gzip.open(path, "rb") as gz:
            try:
                return gz.read(size)
            except (OSError, EOFError):
                return b""
    return head


def detect_format(path: str | os.PathLike, head: bytes | None = None) -> str:
    """The format of an input: by extension, else sniffed from its first bytes."""
    by_name = _format_by_name(os.fspath(path))
    if by_name:
        return by_name
    if head is None:
        head = _head(path)
    return sniff_format(head)


def _canonical_format(fmt: str | None) -> str | None:
    """A user's format name resolved; unknown names are a usage error."""
    if fmt is None:
        return None
    name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise WartaError(f"unknown input format {fmt!r} (known: {', '.join(FORMATS)})")
    return name


def read(
    inputs: Iterable[str | os.PathLike],
    *,
    mapping: dict[str, str] | None = None,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ItemError]:
    """Raw articles from files, directories, glob patterns and ``-`` (stdin).

    ``mapping`` names the columns (or JSON keys) for the fields ``text``,
    ``title``, ``url``, ``date``, ``outlet``, ``id`` (and ``sheet`` for XLSX)
    when the known names do not fit. ``fmt`` forces one format for every
    input. ``max_bytes`` caps a one-article input (text, HTML) and any single
    line, field or page. Usage errors (an unknown format or mapping field)
    raise WartaError at once; input errors are yielded as ItemError.
    """
    fmt = _canonical_format(fmt)
    try:
        mapping = normalize_mapping(mapping)
    except ValueError as e:
        raise WartaError(str(e)) from e
    for given in inputs:
        for label, path in _expand(given):
            if path is None:
                yield ItemError(label, _missing_message(label), stage="read")
                continue
            yield from _guarded(label, path, fmt, mapping, max_bytes)


def _missing_message(label: str) -> str:
    """Why an input named by the user yields nothing."""
    if any(c in label for c in _GLOB_CHARS):
        return "no file matches this pattern"
    return "no such file or directory"


def _expand(given: str | os.PathLike) -> Iterator[tuple[str, str | None]]:
    """``(label, path)`` for each file an input names; path None when none exists.

    Labels keep the path as the user wrote it (joined with the relative path
    inside a directory), so that source keys stay stable across machines.
    """
    label = os.fspath(given)
    if label == STDIN:
        yield STDIN_LABEL, STDIN
    elif os.path.isdir(label):
        yield from ((p, p) for p in _walk(label))
    elif os.path.exists(label):
        yield label, label
    elif any(c in label for c in _GLOB_CHARS):
        matches = sorted(m for m in glob.glob(label, recursive=True) if not _hidden(m))
        if not matches:
            yield label, None
        for match in matches:
            if os.path.isdir(match):
                yield from ((p, p) for p in _walk(match))
            else:
                yield match, match
    else:
        yield label, None


def _hidden(path: str) -> bool:
    """Whether the file name starts with a dot."""
    return os.path.basename(path.rstrip("/\\")).startswith(".")


def _walk(directory: str) -> Iterator[str]:
    """Every non-hidden file under a directory, recursively, in sorted order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _guarded(
    label: str, path: str, fmt: str | None, mapping: Mapping[str, str], max_bytes: int
) -> Iterator[Item]:
    """Read one input; an unexpected failure becomes one ItemError, not a crash."""
    try:
        if path == STDIN:
            yield from _read_stdin(fmt, mapping, max_bytes)
        else:
            yield from _read_file(label, path, fmt, mapping, max_bytes)
    except TooBig as e:
        yield ItemError(label, str(e), stage="read")
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        yield ItemError(label, f"damaged gzip data: {e}", stage="read")
    except OSError as e:
        yield ItemError(label, f"cannot read: {e.strerror or e}", stage="read")
    except Exception as e:  # a reader bug or an exotic file must not end the run
        yield ItemError(label, f"unexpected {type(e).__name__}: {e}", stage="read")


def _read_file(
    label: str, path: str, fmt: str | None, mapping: Mapping[str, str], max_bytes: int
) -> Iterator[Item]:
    """Read one file in its format; one-article files are size-checked first."""
    fmt = fmt or detect_format(path)
    size = Path(path).stat().st_size
    if size == 0:
        yield ItemError(label, "empty file", stage="read")
        return
    if fmt in _ONE_ARTICLE and size > max_bytes and not is_gzip(path):
        yield ItemError(label, size_message(size, max_bytes), stage="read")
        return
    if fmt == "xlsx" and not is_gzip(path):
        yield from read_xlsx(path, label, mapping)
        return
    with open_binary(path) as binary:
        yield from _read_stream(binary, label, fmt, mapping, max_bytes)


def _read_stream(
    binary: BinaryIO, label: str, fmt: str, mapping: Mapping[str, str], max_bytes: int
) -> Iterator[Item]:
    """Dispatch a (decompressed) binary stream to the reader of its format."""
    if fmt in _ONE_ARTICLE:
        data = read_limited_stream(binary, max_bytes)
        if fmt == "text":
            yield article_from_bytes(data, label)
        elif not data.strip():
            yield ItemError(label, "empty file", stage="read")
        else:
            yield html_to_article(data, label)
    elif fmt in ("csv", "tsv"):
        yield from read_csv_stream(binary, label, mapping, max_bytes, fmt)
    elif fmt == "jsonl":
        yield from read_jsonl_stream(binary, label, mapping, max_bytes)
    elif fmt == "feed":
        yield from read_feed_stream(binary, label)
    elif fmt == "warc":
        yield from read_warc_stream(binary, label, max_bytes)
    elif fmt == "xlsx":
        yield from _read_xlsx_stream(binary, label, mapping)


def _read_xlsx_stream(binary: BinaryIO, label: str, mapping: Mapping[str, str]) -> Iterator[Item]:
    """XLSX needs random access: spool a non-seekable stream to a temporary file.

    GzipFile counts as non-seekable here: it cannot seek from the end, which
    reading a zip archive needs.
    """
    if binary.seekable() and not isinstance(binary, gzip.GzipFile):
        yield from read_xlsx(binary, label, mapping)
        return
    with tempfile.SpooledTemporaryFile(max_size=SNIFF_BYTES * 16) as spool:
        while chunk := binary.read(1 << 20):
            spool.write(chunk)
        spool.seek(0)
        yield from read_xlsx(spool, label, mapping)  # type: ignore[arg-type]


class _Unseekable(io.RawIOBase):
    """A decompressing stream that admits it cannot seek.

    GzipFile claims to be seekable even over a pipe; hiding that makes
    ``peek`` look ahead through a buffer instead of seeking back.
    """

    def __init__(self, inner: BinaryIO):
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _stdin_stream() -> BinaryIO:
    """Standard input as a peekable binary stream, decompressed when gzip."""
    stream: BinaryIO = sys.stdin.buffer
    if not stream.seekable() and not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream, buffer_size=SNIFF_BYTES)  # type: ignore[arg-type]
    if peek(stream, 2) == GZIP_MAGIC:
        gz = gzip.GzipFile(fileobj=stream, mode="rb")
        return io.BufferedReader(_Unseekable(gz), buffer_size=SNIFF_BYTES)  # type: ignore[return-value]
    return stream


def _read_stdin(fmt: str | None, mapping: Mapping[str, str], max_bytes: int) -> Iterator[Item]:
    """Read stdin: JSONL when it starts with ``{``, else sniffed (plain text by default)."""
    stream = _stdin_stream()
    head = peek(stream, 8192)
    if not head:
        yield ItemError(STDIN_LABEL, "empty input", stage="read")
        return
    yield from _read_stream(stream, STDIN_LABEL, fmt or sniff_format(head), mapping, max_bytes)
