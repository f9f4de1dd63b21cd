"""Where partitions run: in this process, or on a Dask cluster.

An engine maps ``analyze_partition`` over a lazy stream of partitions and
yields results as they complete. It pulls partitions only as fast as it
finishes them (at most ``max_inflight`` at a time), so the driver's memory
stays bounded however large the input. A partition that fails as a whole (a
worker process killed, a shard that cannot be written) becomes one error per
article of that partition, and the run goes on; running the same command
again completes them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from ..errors import ItemError, WartaError
from .runner import Partition, PartitionResult, Setup, analyze_partition

LOCALHOST = "127.0.0.1"

# A local cluster's idle bookkeeping (the workers' sampling profiler every 10 ms, ticks and
# monitors several times a second) costs about 14 % of a core with 2 workers; these settings
# bring it under 2 %. None of them changes what is computed.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def failed_partition(part: Partition, error: BaseException) -> PartitionResult:
    """A partition that could not run at all: one error per article, so none is lost silently."""
    message = f"partition {part.key} failed: {type(error).__name__}: {error}"
    errors = [ItemError(a.source or part.key, message, stage="batch") for a in part.articles]
    return PartitionResult(part.key, [], errors, 0)


class LocalEngine(AbstractContextManager):
    """Partitions run one after the other in this process: no cluster, same results."""

    def map(
        self, parts: Iterator[Partition], setup: Setup, out: str | None, keep: bool
    ) -> Iterator[PartitionResult]:
        for part in parts:
            try:
                yield analyze_partition(part.key, part.articles, setup, out, keep)
            except Exception as e:  # a partition-wide failure must not end the run
                yield failed_partition(part, e)

    def __exit__(self, *exc: object) -> None:
        return None


class DaskEngine(AbstractContextManager):
    """Partitions run on Dask: a LocalCluster of ``workers`` processes, or a given scheduler."""

    def __init__(
        self, workers: int = 2, scheduler: str | None = None, max_inflight: int | None = None
    ):
        try:
            from distributed import Client, LocalCluster
        except ModuleNotFoundError as e:
            raise WartaError(
                "the Dask engine needs dask.distributed: pip install 'warta[dask]'"
            ) from e
        if workers < 1:
            raise WartaError("--workers must be at least 1")
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as e:
                raise WartaError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        else:
            import dask

            with dask.config.set(QUIET):
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, host=LOCALHOST, silence_logs=logging.ERROR,
                    death_timeout=30,
                )  # fmt: skip
                self.client = Client(self.cluster)
        slots = sum(self.client.nthreads().values()) or workers
        self.max_inflight = max_inflight or 2 * slots + 1

    def map(
        self, parts: Iterator[Partition], setup: Setup, out: str | None, keep: bool
    ) -> Iterator[PartitionResult]:
        from distributed import as_completed

        shared = self.client.scatter(setup, broadcast=True, hash=False)
        running: dict[Any, Partition] = {}
        done = as_completed()

        def submit(part: Partition) -> None:
            fut = self.client.submit(
                analyze_partition, part.key, part.articles, shared, out, keep,
                key=f"warta-{setup.token[:8]}-{part.key}", retries=1,
            )  # fmt: skip
            running[fut] = part
            done.add(fut)

        for part in parts:
            submit(part)
            if len(running) >= self.max_inflight:
                break
        for fut in done:
            part = running.pop(fut)
            yield self._result(fut, part)
            nxt = next(parts, None)
            if nxt is not None:
                submit(nxt)

    @staticmethod
    def _result(fut: Any, part: Partition) -> PartitionResult:
        try:
            return fut.result()
        except Exception as e:  # KilledWorker, a shard that could not be written...
            return failed_partition(part, e)
        finally:
            fut.release()

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(
    name: str, workers: int = 2, scheduler: str | None = None
) -> AbstractContextManager:
    """The engine called ``name``: ``dask`` or ``local``."""
    if name == "dask":
        return DaskEngine(workers=workers, scheduler=scheduler)
    if name == "local":
        return LocalEngine()
    raise WartaError(f"unknown engine {name!r}; choose dask or local")
