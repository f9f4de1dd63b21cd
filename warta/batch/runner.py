"""The batch runner: the ingest pipeline mapped over partitions of the input.

Why it gives exactly the articles of ``warta ingest``:

* the inputs are read once, in order, with ``warta.sources.read`` on the
  driver, so every raw item has the same ``source`` key as under ingest;
  reading is two orders of magnitude faster than analysis, so the driver
  keeps any number of workers busy while memory stays bounded (at most
  ``max_inflight`` partitions exist at a time);
* corpus-learned boilerplate is learned on the driver from the same first
  ``LEARN_SAMPLE`` items that ``with_learned_pipeline`` uses, and the learned
  object is shipped to every worker, so every partition cleans identically;
* workers run ``analyze_items``, the one function ingest also uses.

Crash safety follows from two properties: the store's ``add`` is idempotent
(content-hash ids, one transaction per batch), and shards are written
atomically under a name fixed by the partition's content. A run killed at any
moment and started again skips finished shards and re-adds the rest, ending
with exactly the articles of an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..errors import ItemError, WartaError
from ..ingest import analyze_items, learn_from_head
from ..pipeline import DEFAULT, Pipeline
from .shards import read_shard, shard_path, sweep_stale, write_shard

PARTITION_SIZE = 500


@dataclass(slots=True)
class Setup:
    """What every worker needs to build the run's pipeline: stages and learned boilerplate."""

    stages: tuple[str, ...]
    learned: object | None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    verbose: bool = False


@dataclass(slots=True)
class Partition:
    """A run of consecutive raw articles of the input, named by its position and content."""

    index: int
    key: str
    articles: list[Article]


@dataclass(slots=True)
class PartitionResult:
    """What a worker hands back: analysed records (unless only shards are wanted) and errors."""

    key: str
    records: list[dict]
    errors: list[ItemError]
    analysed: int
    from_shard: bool = False


@dataclass(slots=True)
class BatchStats:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0
    partitions_done: int = 0
    partitions_total: int | None = None  # known once the input is read to its end
    shards_reused: int = 0
    error_lines: list[str] = field(default_factory=list)


# -- the worker side --------------------------------------------------------------

_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(setup: Setup) -> Pipeline:
    """The run's pipeline, built once per worker process (loading stages costs seconds)."""
    pipe = _PIPELINES.get(setup.token)
    if pipe is None:
        _PIPELINES.clear()
        pipe = _PIPELINES[setup.token] = Pipeline(setup.stages, learned=setup.learned)
    return pipe


def analyze_partition(
    key: str, articles: list[Article], setup: Setup, out: str | None, keep: bool
) -> PartitionResult:
    """Analyse one partition; write its shard when ``out`` is set, return records when ``keep``."""
    records, errors = [], []
    for item in analyze_items(articles, _pipeline(setup), setup.verbose):
        if isinstance(item, ItemError):
            errors.append(item)
        else:
            records.append(item.to_dict())
    if out is not None:
        write_shard(out, key, records, errors)
    return PartitionResult(key, records if keep else [], errors, len(articles))


# -- the driver side ----------------------------------------------------------------


def partition_key(index: int, articles: list[Article]) -> str:
    """``part-000012-<hash of the sources>``: stable across reruns of the same input."""
    h = hashlib.blake2b(digest_size=6)
    for a in articles:
        h.update(a.source.encode("utf-8", "surrogatepass") + b"\x00")
    return f"part-{index:06d}-{h.hexdigest()}"


def partitions(
    items: Iterable[Article | ItemError], size: int, on_error: Callable[[ItemError], None]
) -> Iterator[Partition]:
    """Consecutive runs of ``size`` raw articles; read errors go to ``on_error`` at once."""
    buf: list[Article] = []
    index = 0
    for item in items:
        if isinstance(item, ItemError):
            on_error(item)
            continue
        buf.append(item)
        if len(buf) >= size:
            yield Partition(index, partition_key(index, buf), buf)
            index, buf = index + 1, []
    if buf:
        yield Partition(index, partition_key(index, buf), buf)


def learned_setup(
    items: Iterator[Article | ItemError], stages: Iterable[str], learn: bool, verbose: bool
) -> tuple[Setup, Iterator[Article | ItemError]]:
    """Learn boilerplate from the input's head exactly as ``with_learned_pipeline`` does."""
    learned, items = learn_from_head(items, learn)
    return Setup(tuple(stages), learned, verbose=verbose), items


class Run:
    """One batch run: feeds partitions to an engine and stores what comes back."""

    def __init__(self, store, out: str | None, batch_size: int, on_progress):
        self.store = store
        self.out = out
        self.batch_size = batch_size
        self.on_progress = on_progress or (lambda stats, result: None)
        self.stats = BatchStats()

    def record_errors(self, errors: list[ItemError]) -> None:
        self.stats.errors += len(errors)
        self.stats.error_lines.extend(str(e) for e in errors)
        if self.store is not None and errors:
            self.store.add_errors(errors)

    def read_error(self, error: ItemError) -> None:
        self.stats.read += 1
        self.record_errors([error])

    def fresh(self, parts: Iterator[Partition]) -> Iterator[Partition]:
        """Partitions still to analyse; those with a finished shard are loaded from it."""
        seen = 0
        for part in parts:
            seen += 1
            self.stats.read += len(part.articles)
            if self.out is not None and shard_path(self.out, part.key).exists():
                self.finish(self.from_shard(part))
                continue
            yield part
        self.stats.partitions_total = seen

    def from_shard(self, part: Partition) -> PartitionResult:
        articles, errors = read_shard(shard_path(self.out, part.key))  # type: ignore[arg-type]
        self.stats.shards_reused += 1
        records = [a.to_dict() for a in articles] if self.store is not None else []
        return PartitionResult(part.key, records, errors, len(part.articles), from_shard=True)

    def finish(self, result: PartitionResult) -> None:
        """Store one partition's records (idempotent) and errors, then report progress."""
        self.record_errors(result.errors)
        if self.store is not None and result.records:
            added = self.store.add(
                (Article.from_dict(r) for r in result.records), batch_size=self.batch_size
            )
            self.stats.added += added.added
            self.stats.skipped += added.skipped
            self.stats.errors += added.failed
        self.stats.partitions_done += 1
        self.on_progress(self.stats, result)


def run_batch(
    inputs: Iterable[str],
    *,
    store=None,
    out: str | Path | None = None,
    engine: str = "dask",
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    mapping: dict[str, str] | None = None,
    fmt: str | None = None,
    max_bytes: int | None = None,
    stages: Iterable[str] = DEFAULT,
    learn: bool = True,
    batch_size: int = 200,
    verbose: bool = False,
    on_progress: Callable[[BatchStats, PartitionResult], None] | None = None,
) -> BatchStats:
    """Analyse the inputs over partitions on an engine; load a store and/or write shards."""
    from ..sources import read
    from .engines import make_engine

    if store is None and out is None:
        raise WartaError("nowhere to put the results: give a store (--db) or a folder (--out)")
    if partition_size < 1:
        raise WartaError("partition size must be at least 1")
    kw = {"mapping": mapping, "fmt": fmt}
    if max_bytes is not None:
        kw["max_bytes"] = max_bytes
    out_dir = None if out is None else str(out)
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        sweep_stale(out_dir)  # half-written shards of a killed run
    setup, items = learned_setup(read(list(inputs), **kw), stages, learn, verbose)
    run = Run(store, out_dir, batch_size, on_progress)
    parts = run.fresh(partitions(items, partition_size, run.read_error))
    with make_engine(engine, workers=workers, scheduler=scheduler) as eng:
        for result in eng.map(parts, setup, out_dir, keep=store is not None):
            run.finish(result)
    return run.stats
