"""JSON Lines: one article per line, ``text`` plus optional metadata.

Recognised keys: ``text`` (or ``content``/``body``/``isi``), ``id``, ``title``,
``url``, ``published`` (or ``date``/``tanggal``), ``outlet`` (or
``source``/``sumber``); a mapping renames them for other layouts. Lines are
read one at a time with a length cap, so a huge file or a runaway line never
fills memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ..errors import ItemError
from .base import Item, make_article, open_binary
from .decode import SNIFF_BYTES, NotText, decode_bytes, looks_binary, peek
from .tabular import normalize_mapping

KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "isi", "isi_berita", "article"),
    "title": ("title", "judul", "headline"),
    "url": ("url", "link", "tautan"),
    "date": ("published", "date", "tanggal", "publish_date", "published_at", "pubdate"),
    "outlet": ("outlet", "source", "sumber", "media"),
    "id": ("id", "article_id", "doc_id"),
}
CHUNK = 1 << 16


def _read_line(binary: BinaryIO, limit: int) -> tuple[bytes, bool] | None:
    """The next line (without its end) and whether it was cut at ``limit``.

    An over-long line is consumed to its end but only ``limit`` bytes are
    kept; None at the end of the stream.
    """
    line = binary.readline(limit + 1)
    if not line:
        return None
    if len(line) <= limit or line.endswith(b"\n"):
        return line.rstrip(b"\r\n"), False
    while True:
        rest = binary.readline(CHUNK)
        if not rest or rest.endswith(b"\n"):
            return line[:limit], True


def _pick(record: dict[str, Any], field: str, mapping: Mapping[str, str]) -> Any:
    """The value of a field under its mapped key or its first known key."""
    if field in mapping:
        return record.get(mapping[field])
    for key in KEYS[field]:
        if key in record and record[key] not in (None, ""):
            return record[key]
    return None


def _as_text(value: Any) -> str:
    """Article text from a string or a list of paragraph strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return "\n".join(value)
    return ""


def record_to_article(record: Any, source: str, mapping: Mapping[str, str], encoding: str) -> Item:
    """One article from one decoded JSON value."""
    if not isinstance(record, dict):
        return ItemError(source, f"not a JSON object but a {type(record).__name__}", stage="read")
    text = _pick(record, "text", mapping)
    if text is not None and not _as_text(text):
        return ItemError(source, "text is neither a string nor a list of strings", stage="read")
    meta: dict[str, Any] = {"encoding": encoding} if encoding != "utf-8" else {}
    input_id = _pick(record, "id", mapping)
    if input_id is not None:
        meta["input_id"] = str(input_id)
    return make_article(
        _as_text(text) if text is not None else "",
        source,
        "jsonl",
        url=_pick(record, "url", mapping),
        title=_pick(record, "title", mapping),
        published=_pick(record, "date", mapping),
        outlet=_pick(record, "outlet", mapping),
        meta=meta,
    )


def _line_item(data: bytes, source: str, line_no: int, mapping: Mapping[str, str]) -> Item:
    """Decode and parse one line into an article or an error for that line."""
    try:
        line, encoding = decode_bytes(data)
    except NotText as e:
        return ItemError(source, f"line {line_no}: {e}", stage="read")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return ItemError(source, f"not valid JSON on line {line_no}: {e.msg} (column {e.colno})")
    return record_to_article(record, source, mapping, encoding)


def read_jsonl_stream(
    binary: BinaryIO,
    label: str,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Yield one article per non-blank line of a JSON Lines stream."""
    keys = normalize_mapping(mapping)
    if looks_binary(peek(binary, SNIFF_BYTES)):
        yield ItemError(label, "binary file, not text", stage="read")
        return
    line_no = 0
    seen_any = False
    while (got := _read_line(binary, max_bytes)) is not None:
        data, cut = got
        line_no += 1
        if line_no == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if not data.strip():
            continue
        seen_any = True
        source = f"{label}#line={line_no}"
        if cut:
            yield ItemError(
                source, f"line is over the {max_bytes / 1e6:g} MB limit (raise --max-bytes)"
            )
            continue
        yield _line_item(data, source, line_no, keys)
    if not seen_any:
        yield ItemError(label, "empty file", stage="read")


def read_jsonl(
    path: str | os.PathLike,
    label: str,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Yield the articles of a JSON Lines file, gzip-compressed or not."""
    with open_binary(path) as binary:
        yield from read_jsonl_stream(binary, label, mapping, max_bytes)
