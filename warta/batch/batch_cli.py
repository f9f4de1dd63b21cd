"""``warta batch``: the ingest pipeline over partitions of the input, on Dask or in-process."""

from __future__ import annotations

import sys

import click

from ..cli import DB_HELP, _parse_map, _stages, _with_samples, input_options, samples_option
from ..errors import WartaError
from .runner import PARTITION_SIZE, BatchStats, PartitionResult


def _progress(quiet: bool):
    """A rich progress bar on stderr: partitions done / total, articles, errors."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    return Progress(
        SpinnerColumn(), TextColumn("[bold]batch[/]"), BarColumn(bar_width=None),
        TextColumn("{task.completed}/{task.fields[parts]} partitions · {task.fields[arts]} articles · "
                   "{task.fields[errs]} errors"),
        TimeElapsedColumn(), console=err, transient=True, disable=quiet or not err.is_terminal,
    )  # fmt: skip


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", default=None, envvar="WARTA_DB", help=DB_HELP)
@click.option(
    "--out",
    "out",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder for Parquet shards, one per partition (a rerun skips finished ones).",
)
@click.option(
    "--engine",
    type=click.Choice(["dask", "local"]),
    default="dask",
    show_default=True,
    help="dask: a cluster of worker processes; local: this process only.",
)
@click.option(
    "--workers", default=2, show_default=True, help="Worker processes of the local Dask cluster."
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:8786",
    help="Use a running Dask scheduler instead of a local cluster.",
)
@click.option(
    "--partition-size", default=PARTITION_SIZE, show_default=True, help="Articles per partition."
)
@samples_option
@input_options
@click.option(
    "--batch-size", default=200, show_default=True, help="Articles per store transaction."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def batch(ctx, inputs, db, out, engine, workers, scheduler, partition_size, samples, maps, fmt,
          max_bytes, stages, no_learn, batch_size, quiet):  # fmt: skip
    """Analyse a large input over partitions on Dask; load a store (--db) and/or write shards (--out).

    The articles are exactly those of `warta ingest` on the same input. A run
    killed at any moment and started again ends with the articles of an
    uninterrupted run. Exit status 1 when any item failed.
    """
    from rich.markup import escape

    from .runner import run_batch

    if db is None and out is None:
        raise click.UsageError("give --db STORE and/or --out FOLDER")
    progress = _progress(quiet)
    task = progress.add_task("batch", total=None, parts="?", arts=0, errs=0)

    def on_progress(stats: BatchStats, result: PartitionResult) -> None:
        total = stats.partitions_total
        progress.update(
            task, completed=stats.partitions_done, total=total, parts=total or "?",
            arts=stats.read, errs=stats.errors,
        )  # fmt: skip
        for e in result.errors[:20]:
            progress.console.print(
                f"[red]error[/] {escape(str(e))}", highlight=False, soft_wrap=True
            )

    try:
        store = None if db is None else _open(db)
        with progress:
            stats = run_batch(
                _with_samples(inputs, samples), store=store, out=out, engine=engine, workers=workers,
                scheduler=scheduler, partition_size=partition_size, mapping=_parse_map(maps), fmt=fmt,
                max_bytes=max_bytes, stages=_stages(stages), learn=not no_learn, batch_size=batch_size,
                verbose=ctx.obj["verbose"], on_progress=on_progress,
            )  # fmt: skip
        if store is not None:
            store.close()
    except WartaError as e:
        click.echo(f"warta: {e}", err=True)
        sys.exit(2)
    click.echo(_summary(stats, db is not None, out), err=True)
    sys.exit(1 if stats.errors else 0)


def _open(db: str):
    from ..store import open_store

    return open_store(db)


def _summary(stats: BatchStats, stored: bool, out: str | None) -> str:
    """The closing line: what was read, stored, reused and refused."""
    parts = [f"{stats.read} items read in {stats.partitions_done} partitions"]
    if stored:
        parts.append(f"{stats.added} stored, {stats.skipped} already stored")
    if out is not None:
        parts.append(f"{stats.shards_reused} shards reused")
    parts.append(f"{stats.errors} errors")
    return ": ".join(parts[:1]) + ": " + ", ".join(parts[1:])
