"""Exports: rows of one kind to CSV, JSON Lines or Parquet, streamed.

The column lists below are the public contract of ``warta export``; the event
columns follow the GDELT/Phoenix event tables (date, source, source actor,
target, target actor, CAMEO code, root, quad class, Goldstein) plus the PLOVER
type and the evidence (article id, url, sentence, and the rule that fired).
Rows are written as they arrive, a row group at a time for Parquet, so memory
stays constant however large the store.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import WartaError

FORMATS = ("csv", "jsonl", "parquet")
ROW_GROUP = 50_000

STR, INT, FLT = "string", "int64", "float64"

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", STR), ("published", STR), ("outlet", STR), ("dateline", STR), ("title", STR), ("url", STR),
        ("lang", STR), ("source", STR), ("text", STR), ("ingested_at", STR),
    ],
    "entities": [
        ("id", STR), ("name", STR), ("type", STR), ("actor", STR), ("role", STR), ("affiliation", STR),
        ("wikidata", STR), ("mentions", INT), ("articles", INT),
    ],
    "quotes": [
        ("id", STR), ("date", STR), ("speaker_name", STR), ("speaker_entity", STR), ("text", STR),
        ("kind", STR), ("cue", STR), ("article_id", STR), ("url", STR), ("start", INT), ("end", INT),
        ("by", STR),
    ],
    "events": [
        ("date", STR), ("source", STR), ("source_actor", STR), ("target", STR), ("target_actor", STR),
        ("code", STR), ("root", STR), ("quad", INT), ("goldstein", FLT), ("plover", STR), ("place", STR),
        ("article_id", STR), ("url", STR), ("sentence", STR), ("id", STR), ("by", STR),
    ],
}


def columns(what: str) -> list[str]:
    """The exported column names of one kind, in order."""
    if what not in COLUMNS:
        raise WartaError(f"cannot export {what!r}; choose one of {', '.join(COLUMNS)}")
    return [name for name, _ in COLUMNS[what]]


def write_rows(what: str, rows: Iterable[dict], fmt: str, out: str | Path | IO[bytes]) -> int:
    """Write rows (dicts holding at least the export columns) to ``out``; returns the count."""
    writers = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}
    if fmt not in writers:
        raise WartaError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    names = columns(what)
    with _binary(out) as stream:
        return writers[fmt](what, names, rows, stream)


@contextmanager
def _binary(out: str | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    """A binary stream for ``out``; a stream the caller passed in is left open."""
    if isinstance(out, str | Path):
        try:
            handle = open(out, "wb")  # noqa: SIM115 - closed below
        except OSError as e:
            raise WartaError(f"cannot write {out}: {e.strerror}") from e
        with handle:
            yield handle
    else:
        yield out


@contextmanager
def _text(stream: IO[bytes]) -> Iterator[io.TextIOWrapper]:
    wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="")  # type: ignore[arg-type]
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def _write_csv(what: str, names: list[str], rows: Iterable[dict], stream: IO[bytes]) -> int:
    n = 0
    with _text(stream) as text:
        writer = csv.writer(text)
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in names])
            n += 1
    return n


def _write_jsonl(what: str, names: list[str], rows: Iterable[dict], stream: IO[bytes]) -> int:
    n = 0
    with _text(stream) as text:
        for row in rows:
            text.write(json.dumps({c: row.get(c) for c in names}, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_parquet(what: str, names: list[str], rows: Iterable[dict], stream: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS[what]])
    n = 0
    with pq.ParquetWriter(stream, schema, compression="zstd") as writer:
        chunk: list[dict] = []
        for row in rows:
            chunk.append({c: row.get(c) for c in names})
            if len(chunk) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
