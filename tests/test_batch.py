"""Batch runs give exactly the articles of ``warta ingest``: in-process, on Dask, from shards."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from warta.batch import run_batch
from warta.batch import runner as batch_runner
from warta.batch.runner import learned_setup, partition_key, partitions
from warta.batch.shards import read_shard, write_shard
from warta.errors import ItemError, WartaError
from warta.ingest import drain, ingest
from warta.resources import sample_paths
from warta.sources import read
from warta.store import open_store

FAST = ("clean", "meta", "sentences")
CORPUS = "corpus/kompas_kontan_bisnis_2018-2019.csv"


def _ids(db: str | Path, sql: str) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute(sql))
    finally:
        con.close()


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A JSONL of 40 distinct articles, two exact copies, one bad line and one non-object."""
    base = [Path(p).read_text(encoding="utf-8") for p in sample_paths()]
    path = tmp_path / "archive.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(40):
            text = base[i % len(base)] + f"\nCatatan redaksi nomor {i} untuk arsip."
            fh.write(json.dumps({"text": text, "url": f"https://example.id/{i}"}) + "\n")
        fh.write(json.dumps({"text": base[0] + "\nCatatan redaksi nomor 0 untuk arsip.", "url": "https://example.id/0"}) + "\n")
        fh.write(json.dumps({"text": base[1] + "\nCatatan redaksi nomor 1 untuk arsip.", "url": "https://example.id/1"}) + "\n")
        fh.write("{not json\n")
        fh.write("[1, 2]\n")
    return path


def _ingested(tmp_path: Path, inputs: list[str], stages=FAST) -> str:
    db = str(tmp_path / "ingest.db")
    with open_store(db) as store:
        ingest(inputs, store, stages=stages)
    return db


def test_local_batch_equals_ingest_over_many_partitions(tmp_path, archive):
    reference = _ingested(tmp_path, [str(archive)])
    db = str(tmp_path / "batch.db")
    with open_store(db) as store:
        stats = run_batch([str(archive)], store=store, engine="local", partition_size=7, stages=FAST)
    assert stats.read == 44 and stats.errors == 2
    assert stats.added == 40 and stats.skipped == 2
    assert stats.partitions_done == stats.partitions_total == 6  # 42 readable articles / 7
    for sql in ("SELECT id FROM article", "SELECT source FROM article", "SELECT source FROM item_error"):
        assert _ids(db, sql) == _ids(reference, sql)


def test_shards_are_written_once_and_reused_by_a_rerun(tmp_path, archive):
    out = tmp_path / "shards"
    first = run_batch([str(archive)], out=out, engine="local", partition_size=10, stages=FAST)
    shards = sorted(out.glob("*.parquet"))
    assert len(shards) == first.partitions_done == 5
    assert first.shards_reused == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in shards}
    db = str(tmp_path / "from-shards.db")
    with open_store(db) as store:
        again = run_batch([str(archive)], store=store, out=out, engine="local", partition_size=10, stages=FAST)
    assert again.shards_reused == 5
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == stamps
    assert _ids(db, "SELECT id FROM article") == _ids(_ingested(tmp_path, [str(archive)]), "SELECT id FROM article")
    assert not list(out.glob(".*.tmp"))


def test_shard_round_trip_keeps_records_and_errors(tmp_path):
    items = [a for a in read(sample_paths()) if not isinstance(a, ItemError)]
    from warta.pipeline import Pipeline

    pipe = Pipeline(FAST)
    records = [pipe(a).to_dict() for a in items]
    errors = [ItemError("x.csv#row=3", "no text", "read")]
    path = write_shard(tmp_path, "part-000000-abc", records, errors)
    articles, back = read_shard(path)
    assert [a.to_dict() for a in articles] == records
    assert back == errors


def test_partition_keys_depend_on_position_and_sources(archive):
    def keys():
        return [p.key for p in partitions(read([str(archive)]), 10, lambda e: None)]

    first = keys()
    assert first == keys()
    assert len(set(first)) == len(first)
    assert all(k.startswith(f"part-{i:06d}-") for i, k in enumerate(first))
    assert partition_key(0, []) != first[0]


def test_the_learning_sample_is_let_go_of_as_it_is_handed_on():
    buf = list(range(5))
    items = drain(buf)
    assert [next(items), next(items)] == [0, 1]
    assert sorted(buf) == [2, 3, 4]  # only what is still to come is held
    assert list(items) == [2, 3, 4] and buf == []


def test_learning_keeps_the_input_order(archive):
    items = list(read([str(archive)]))
    _, again = learned_setup(iter(items), FAST, learn=True, verbose=False)
    assert [i.source for i in again] == [i.source for i in items]


def test_a_partition_that_fails_as_a_whole_becomes_errors_and_the_run_goes_on(tmp_path, archive, monkeypatch):
    calls = {"n": 0}
    real = batch_runner.write_shard

    def flaky(out, key, records, errors):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(out, key, records, errors)

    monkeypatch.setattr(batch_runner, "write_shard", flaky)
    stats = run_batch([str(archive)], out=tmp_path / "s", engine="local", partition_size=10, stages=FAST)
    failed = [line for line in stats.error_lines if "failed: OSError" in line]
    assert len(failed) == 10 and all("No space left" in line for line in failed)
    assert stats.partitions_done == 5
    assert len(list((tmp_path / "s").glob("*.parquet"))) == 4


def test_usage_errors_are_one_line(tmp_path, archive):
    with pytest.raises(WartaError, match="nowhere"):
        run_batch([str(archive)], engine="local")
    with pytest.raises(WartaError, match="unknown engine"):
        run_batch([str(archive)], out=tmp_path, engine="spark")


def test_dask_with_a_given_scheduler(tmp_path, archive):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        db = str(tmp_path / "dask.db")
        with open_store(db) as store:
            stats = run_batch(
                [str(archive)], store=store, engine="dask", scheduler=cluster.scheduler_address,
                partition_size=15, stages=FAST,
            )  # fmt: skip
    assert stats.added == 40 and stats.partitions_done == 3
    assert _ids(db, "SELECT id FROM article") == _ids(_ingested(tmp_path, [str(archive)]), "SELECT id FROM article")


def test_cli_dask_two_workers_equals_ingest_on_the_corpus(tmp_path, shared_data):
    """The done-criterion: same articles and events as `warta ingest`, all default stages."""
    pytest.importorskip("distributed")
    corpus = str(shared_data / CORPUS)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    warta = [sys.executable, "-m", "warta.cli"]
    ingest_db, batch_db = str(tmp_path / "ingest.db"), str(tmp_path / "batch.db")
    # both at once: half the wall time, and both load the same version of every stage
    ingesting = subprocess.Popen([*warta, "ingest", corpus, "--db", ingest_db, "-q"], env=env)
    done = subprocess.run(
        [*warta, "batch", corpus, "--engine", "dask", "--workers", "2", "--partition-size", "40",
         "--db", batch_db, "-q"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert ingesting.wait(timeout=600) == 0
    assert done.returncode == 0, done.stderr
    assert "163 items read in 5 partitions" in done.stderr
    articles = _ids(ingest_db, "SELECT id FROM article")
    assert len(articles) > 100
    assert _ids(batch_db, "SELECT id FROM article") == articles
    assert _ids(batch_db, "SELECT id FROM event") == _ids(ingest_db, "SELECT id FROM event")
    assert _ids(batch_db, "SELECT id FROM quote") == _ids(ingest_db, "SELECT id FROM quote")


def test_a_rerun_sweeps_the_half_written_shards_of_dead_writers(tmp_path):
    import subprocess
    import sys

    from warta.batch.shards import sweep_stale

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stale = tmp_path / f".part-000002-ab.parquet.{dead}.tmp"
        busy = tmp_path / f".part-000003-cd.parquet.{live.pid}.tmp"
        shard = tmp_path / "part-000001-ef.parquet"
        for p in (stale, busy, shard):
            p.write_bytes(b"x")
        assert sweep_stale(tmp_path) == [stale]
        assert not stale.exists() and busy.exists() and shard.exists()
    finally:
        live.kill()
        live.wait()
