"""Ingest throughput and memory: warta beside the floor, same input, same run.

    python bench/ingest.py [DATA_DIR] [--sizes 1000,5000,20000] [--stages clean,meta,sentences]

warta: read → clean → metadata → sentences → SQLite store (``warta.ingest.ingest``).
floor: read the same input with the same readers and split every text into
tokens with one regular expression — the least any ingest must do.

Each measurement runs in a fresh process (one core), so its peak RSS is its own.
Part 1 uses the reference corpora as they are; part 2 grows a JSONL input built
from them (each copy made distinct) to show whether memory stays flat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPORA = [
    "corpus/kompas_tribun_2023-02-27.csv",
    "corpus/kompas_kontan_bisnis_2018-2019.csv",
    "corpus/detik_2025-10.csv",
    "corpus/click-id/tribunnews_2019-09.csv",
]


def _worker(kind: str, inputs: list[str], stages: str) -> None:
    """Run one measurement in this process and print its figures as JSON."""
    import re

    from warta.sources import read

    t0 = time.perf_counter()
    start = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = start.ru_utime + start.ru_stime
    n = 0
    if kind == "floor":
        token = re.compile(r"\w+|[^\w\s]")
        tokens = 0
        for item in read(inputs):
            if hasattr(item, "raw") and item.raw:
                tokens += len(token.findall(item.raw))
                n += 1
    else:
        from warta.ingest import ingest
        from warta.store import open_store

        with tempfile.TemporaryDirectory() as tmp, open_store(os.path.join(tmp, "b.db")) as store:
            stats = ingest(inputs, store, stages=tuple(stages.split(",")))
            n = stats.read
    secs = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu0
    print(json.dumps({"n": n, "secs": secs, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024}))


def measure(kind: str, inputs: list[str], stages: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, "--stages", stages, *inputs]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def grown_input(data: Path, size: int, folder: Path) -> str:
    """A JSONL of ``size`` distinct articles made from the corpora's texts."""
    from warta.sources import read

    texts = [a.raw for a in read([str(data / c) for c in CORPORA]) if getattr(a, "raw", None)]
    rnd = random.Random(size)
    path = folder / f"grown-{size}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            text = texts[i % len(texts)]
            fh.write(json.dumps({"text": f"{text}\nCatatan arsip {i}-{rnd.randrange(10**9)}.", "url": f"https://bench.example/{i}"}) + "\n")
    return str(path)


def row(label: str, n: int, w: dict, f: dict) -> str:
    def rates(m: dict) -> str:
        return f"{m['n'] / m['secs']:>7.0f} {m['n'] / m['cpu']:>7.0f} {m['rss_mb']:>6.0f}"

    return f"{label:<36} {n:>6}   {rates(w)}   {rates(f)}   {(f['n'] / f['cpu']) / (w['n'] / w['cpu']):>6.1f}x"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--stages", default="clean,meta,sentences")
    ap.add_argument("--worker", default=None)
    ap.add_argument("inputs", nargs="*")
    args, rest = ap.parse_known_args()
    if args.worker:
        _worker(args.worker, [args.data, *args.inputs, *rest], args.stages)
        return
    data = Path(args.data)
    if not (data / CORPORA[0]).exists():
        sys.exit(f"reference corpora not found under {data}")
    head = (f"{'input':<36} {'items':>6}   {'warta: wall/s  cpu/s     MB':>27}   "
            f"{'floor: wall/s  cpu/s     MB':>27}   {'floor/warta (cpu)':>6}")  # fmt: skip
    print(f"stages: {args.stages}  (one process, one core; wall/s and cpu/s = articles per second of")
    print("wall-clock and of CPU time — CPU time is what one core spends, whatever else the machine runs; MB = peak RSS)")
    print(head)
    print("-" * len(head))
    for c in CORPORA:
        w = measure("warta", [str(data / c)], args.stages)
        f = measure("floor", [str(data / c)], args.stages)
        print(row(Path(c).name, w["n"], w, f), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = grown_input(data, size, Path(tmp))
            w = measure("warta", [path], args.stages)
            f = measure("floor", [path], args.stages)
            print(row(f"grown JSONL {size}", w["n"], w, f), flush=True)


if __name__ == "__main__":
    main()
