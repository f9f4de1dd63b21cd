"""Batch runs: the ingest pipeline mapped over partitions of a large input, on Dask.

``run_batch`` gives exactly the articles (and events) of ``warta ingest`` on
the same input; it loads them into a store and/or writes one Parquet shard
per partition. See ``warta.batch.runner`` for why the two agree and why a run
killed at any moment can simply be started again.
"""

from __future__ import annotations

from .runner import PARTITION_SIZE, BatchStats, run_batch

__all__ = ["PARTITION_SIZE", "BatchStats", "run_batch"]
