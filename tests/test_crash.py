"""kill -9 of ``warta batch`` at any moment, then the same command again: no article lost or doubled.

Real processes, real files: the batch run is killed with SIGKILL while it
works, and the rerun must end with exactly the articles of an uninterrupted
``warta ingest`` of the same input. (The same property of ``warta ingest``
itself is tested in test_cli.py.)
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta.resources import sample_paths

STAGES = "clean,meta,sentences"
WARTA = [sys.executable, "-m", "warta.cli"]
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _ids(db: Path) -> list[str]:
    """Article ids in a store that may be mid-write (or not created yet)."""
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return sorted(r[0] for r in con.execute("SELECT id FROM article"))
    except sqlite3.OperationalError:  # schema not there yet
        return []
    finally:
        con.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, list[str]]:
    """A JSONL of 2,000 distinct articles and the article ids of an uninterrupted ingest."""
    folder = tmp_path_factory.mktemp("crash")
    base = [Path(p).read_text(encoding="utf-8") for p in sample_paths()]
    path = folder / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(2000):
            text = base[i % len(base)] + f"\nCatatan redaksi nomor {i} untuk arsip."
            fh.write(json.dumps({"text": text, "url": f"https://example.id/{i}"}) + "\n")
    reference = folder / "reference.db"
    subprocess.run([*WARTA, "ingest", str(path), "--stages", STAGES, "--db", str(reference), "-q"],
                   env=ENV, check=True, capture_output=True)  # fmt: skip
    ids = _ids(reference)
    assert len(ids) == 2000
    return path, ids


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 240) -> None:
    """SIGKILL the process as soon as ``ready()`` holds (or at the timeout)."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None and not ready():
        time.sleep(0.1)
    assert proc.poll() is None, "the run finished before it could be killed; make the input larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _reap(proc: subprocess.Popen, timeout: float = 90) -> bool:
    """Whether the killed run's other processes (Dask workers) exit on their own; kills them if not."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    return False


def _batch(path: Path, *args: str) -> list[str]:
    return [*WARTA, "batch", str(path), "--stages", STAGES, "--partition-size", "100", "-q", *args]


def test_kill_9_of_a_dask_batch_then_rerun(archive, tmp_path):
    path, expected = archive
    db, shards = tmp_path / "killed.db", tmp_path / "shards"
    cmd = _batch(path, "--engine", "dask", "--workers", "2", "--db", str(db), "--out", str(shards))
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    _kill_when(proc, lambda: len(list(shards.glob("*.parquet"))) >= 3 and len(_ids(db)) >= 100)
    partial = _ids(db)
    assert 0 < len(partial) < len(expected)
    assert _reap(proc), "Dask workers outlived the killed driver by more than 90 s"
    again = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    reused = int(again.stderr.split(" shards reused")[0].rsplit(" ", 1)[-1])
    assert reused >= 3
    assert _ids(db) == expected
    assert len(list(shards.glob("*.parquet"))) == 20
    assert not [p for p in shards.iterdir() if p.suffix != ".parquet"]


@pytest.mark.parametrize("moment", ["while reading", "mid-run", "near the end"])
def test_kill_9_of_an_in_process_batch_at_any_moment_then_rerun(archive, tmp_path, moment):
    path, expected = archive
    db = tmp_path / "killed.db"
    cmd = _batch(path, "--engine", "local", "--db", str(db), "--batch-size", "25")
    ready = {
        "while reading": lambda: db.exists(),
        "mid-run": lambda: len(_ids(db)) >= 700,
        "near the end": lambda: len(_ids(db)) >= 1800,
    }[moment]
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_when(proc, ready)
    assert len(_ids(db)) < len(expected)
    subprocess.run(cmd, env=ENV, check=True, capture_output=True, timeout=600)
    assert _ids(db) == expected
