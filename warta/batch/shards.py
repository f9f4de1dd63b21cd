"""Parquet shards: one file per finished partition, written atomically.

A shard holds the analysed records of one partition (``Article.to_dict()`` as
JSON, plus a few flat columns for tools that read the shards directly) and
the per-item errors of that partition. It is written to a temporary file in
the same folder, flushed to disk and renamed into place, so a shard either
exists whole or not at all: a run killed at any moment and started again
skips exactly the partitions whose shard exists.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..article import Article
from ..errors import ItemError

SUFFIX = ".parquet"
FLAT = ("id", "source", "url", "outlet", "title", "published", "lang")


def shard_path(out_dir: str | Path, key: str) -> Path:
    """Where the shard of the partition ``key`` lives."""
    return Path(out_dir) / f"{key}{SUFFIX}"


def _schema():
    import pyarrow as pa

    fields = [(name, pa.string()) for name in FLAT]
    fields += [("record", pa.string()), ("error", pa.string()), ("stage", pa.string())]
    return pa.schema(fields)


def _rows(records: list[dict], errors: list[ItemError]) -> list[dict]:
    """One row per article (its record as JSON) and one per error (``record`` null)."""
    rows = []
    for rec in records:
        row = {name: _text(rec.get(name)) for name in FLAT}
        row["record"] = json.dumps(rec, ensure_ascii=False, separators=(",", ":"), default=str)
        rows.append(row)
    for err in errors:
        rows.append({"source": err.source, "error": err.message, "stage": err.stage})
    return rows


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def write_shard(
    out_dir: str | Path, key: str, records: list[dict], errors: list[ItemError]
) -> Path:
    """Write one partition's shard atomically (temporary file, fsync, rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    final = shard_path(out_dir, key)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    table = pa.Table.from_pylist(_rows(records, errors), schema=_schema())
    try:
        with open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def sweep_stale(out_dir: str | Path) -> list[Path]:
    """Remove the temporary files of writers that died mid-write (a run killed with -9).

    A temporary file is named after its writer's process id; one whose process is
    gone can never be renamed into place. Files of live writers (another run on the
    same folder) are left alone. Returns the files removed.
    """
    removed = []
    for tmp in Path(out_dir).glob(f".*{SUFFIX}.*.tmp"):
        try:
            pid = int(tmp.name.rsplit(".", 2)[-2])
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def read_shard(path: str | Path) -> tuple[list[Article], list[ItemError]]:
    """The articles and errors of one shard, as the runner stores them."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["source", "record", "error", "stage"])
    articles, errors = [], []
    for row in table.to_pylist():
        if row["record"] is not None:
            articles.append(Article.from_dict(json.loads(row["record"])))
        else:
            errors.append(
                ItemError(row["source"] or "", row["error"] or "", row["stage"] or "read")
            )
    return articles, errors
