"""End-to-end throughput and memory: the full pipeline beside its floor and a peer, same run.

    python bench/pipeline.py [DATA_DIR] [--sizes 1000,5000,20000,50000] [--dask-size 5000]
    python bench/pipeline.py --quick   # a smoke run on 100 and 300 articles
    python bench/pipeline.py --sizes 20000 --dask-size 0 --stage-size 0   # one row

warta: read → clean → metadata → sentences → entities → quotes → events →
summary → SQLite store (``warta.ingest.ingest``, every available stage).
floor: read the same input with the same readers and split every text into
tokens with one regular expression — the least any pipeline must do.
HTML stage: the same articles rendered as HTML pages
(``<html><body><article><p>…</p></article></body></html>``, one file each),
read by warta's HTML reader (``warta.sources.read``) and, as the peer, by
``trafilatura.extract`` alone.

Every measurement runs in a fresh process, so its peak RSS is its own. Rates
are given per wall-clock second and per CPU second: on a shared machine the
wall-clock rate says how loaded it was, the CPU rate what the code costs.
warta's rates leave out loading its models (one warm-up article, whose CPU
time is printed as ``load``). The input grows from 1k to 50k articles (a JSONL
built from the reference corpora, each copy made distinct) to show whether
memory stays flat; on the ``--dask-size`` input the same pipeline also runs
on Dask with 1 and 2 workers (``warta.batch.run_batch``). First, one
in-process run on ``--stage-size`` articles is broken down by stage.
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
WARM_UP = (
    "JAKARTA, KOMPAS.com - Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, "
    'Senin (4/3/2024). "Bendungan ini mengairi 4.000 hektar sawah," ujar Jokowi. '
    "Menteri PUPR Basuki Hadimuljono mengatakan proyek itu selesai tepat waktu."
)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _warm_up() -> float:
    """Load every stage's models on one article; its CPU seconds."""
    from warta.article import Article
    from warta.pipeline import Pipeline

    start = time.process_time()
    Pipeline()(Article(text="", raw=WARM_UP, url="https://www.kompas.com/a"))
    return time.process_time() - start


def _floor(inputs: list[str], tmp: str) -> int:
    import re

    from warta.sources import read

    token = re.compile(r"\w+|[^\w\s]")
    n = tokens = 0
    for item in read(inputs):
        if getattr(item, "raw", None):
            tokens += len(token.findall(item.raw))
            n += 1
    return n


def _warta(inputs: list[str], tmp: str) -> int:
    from warta.ingest import ingest
    from warta.store import open_store

    with open_store(os.path.join(tmp, "bench.db")) as store:
        return ingest(inputs, store).read


def _warta_html(inputs: list[str], tmp: str) -> int:
    from warta.sources import read

    return sum(1 for item in read(inputs) if getattr(item, "raw", None))


def _trafilatura(inputs: list[str], tmp: str) -> int:
    import trafilatura

    n = 0
    for folder in inputs:
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as fh:
                if trafilatura.extract(fh.read(), favor_precision=True):
                    n += 1
    return n


def _dask(workers: int):
    def run(inputs: list[str], tmp: str) -> int:
        from warta.batch import run_batch
        from warta.store import open_store

        with open_store(os.path.join(tmp, "bench.db")) as store:
            return run_batch(inputs, store=store, engine="dask", workers=workers).read

    return run


def _by_stage(inputs: list[str], tmp: str) -> dict[str, float]:
    """The ingest path with every stage timed: CPU seconds per stage, reading and storing."""
    from warta.ingest import analyze_items, with_learned_pipeline
    from warta.sources import read
    from warta.store import open_store

    spent: dict[str, float] = {}

    def timed(name, fn):
        def stage(article):
            t = time.process_time()
            try:
                return fn(article)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t

        return stage

    start = time.process_time()
    pipe, items = with_learned_pipeline(read(inputs))
    pipe.stages = [timed(n, f) for n, f in zip(pipe.names, pipe.stages, strict=True)]
    with open_store(os.path.join(tmp, "bench.db")) as store:
        store.add(a for a in analyze_items(items, pipe) if not hasattr(a, "message"))
    spent["read, learn boilerplate, store"] = time.process_time() - start - sum(spent.values())
    return spent


KINDS = {
    "floor": _floor, "warta": _warta, "warta-html": _warta_html, "trafilatura": _trafilatura,
    "dask-1": _dask(1), "dask-2": _dask(2),
}  # fmt: skip


def _worker(kind: str, inputs: list[str]) -> None:
    """Run one measurement in this process and print its figures as JSON."""
    load = _warm_up() if kind == "warta" or kind == "stages" else 0.0
    cpu0, t0 = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "stages":
            print(json.dumps(_by_stage(inputs, tmp)))
            return
        n = KINDS[kind](inputs, tmp)
    secs = time.perf_counter() - t0
    figures = {
        "n": n, "secs": secs, "load": load,
        "cpu": _cpu(resource.RUSAGE_SELF) - cpu0 + _cpu(resource.RUSAGE_CHILDREN),
        "rss_mb": _peak_mb(resource.RUSAGE_SELF), "child_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }  # fmt: skip
    print(json.dumps(figures))


def measure(kind: str, inputs: list[str]) -> dict | None:
    """One measurement in a fresh process; None (with its error printed) when it failed."""
    cmd = [sys.executable, __file__, "--worker", kind, *inputs]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  [{kind} failed: {last}]", flush=True)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def corpus_texts(paths: list[str]) -> list[str]:
    from warta.sources import read

    return [a.raw for a in read(paths) if getattr(a, "raw", None)]


def grown_input(texts: list[str], size: int, folder: Path) -> tuple[str, str]:
    """A JSONL of ``size`` distinct articles and a folder of the same articles as HTML pages."""
    from html import escape

    rnd = random.Random(size)
    path, pages = folder / f"grown-{size}.jsonl", folder / f"html-{size}"
    pages.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            text = f"{texts[i % len(texts)]}\nCatatan arsip {i}-{rnd.randrange(10**9)}."
            fh.write(json.dumps({"text": text, "url": f"https://bench.example/{i}"}) + "\n")
            body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
            html = f"<html><body><article>{body}</article></body></html>"
            (pages / f"{i:06d}.html").write_text(html, encoding="utf-8")
    return str(path), str(pages)


def _rates(m: dict | None) -> str:
    if m is None:
        return f"{'-':>7} {'-':>7} {'-':>5}"
    return f"{m['n'] / m['secs']:>7.0f} {m['n'] / m['cpu']:>7.0f} {m['rss_mb']:>5.0f}"


COLUMNS = ("warta full → SQLite", "floor: regex tokens", "warta HTML reader", "trafilatura")


def print_head() -> None:
    head = f"{'input':<20} {'items':>6} |" + " |".join(f" {c:^21}" for c in COLUMNS)
    sub = f"{'':<20} {'':>6} |" + " |".join([f" {'a/s':>7} {'a/cpu-s':>7} {'MB':>5}"] * 4)
    print(head)
    print(sub)
    print("-" * len(sub), flush=True)


def print_row(label: str, size: int, warta: dict | None, *others: dict | None) -> None:
    cells = " |".join(f" {_rates(m)}" for m in (warta, *others))
    load = f"   (load {warta['load']:.1f} cpu-s)" if warta else ""
    print(f"{label:<20} {size:>6} |{cells}{load}", flush=True)


def dask_table(jsonl: str, size: int, in_process: dict | None) -> None:
    print(f"\nDask (LocalCluster, 1 thread per worker), same {size} articles, same pipeline:")
    head = f"{'engine':<20} {'items':>6} {'a/s':>7} {'a/cpu-s':>7} {'driver MB':>10} {'worker MB':>10}"
    print(head)
    print("-" * len(head), flush=True)
    for label, m in (("in-process ingest", in_process),) + tuple(
        (f"dask, {w} worker{'s' if w > 1 else ''}", measure(f"dask-{w}", [jsonl])) for w in (1, 2)
    ):
        if m is None:
            continue
        worker = f"{m['child_mb']:>10.0f}" if m is not in_process else f"{'-':>10}"
        rates = f"{m['n'] / m['secs']:>7.0f} {m['n'] / m['cpu']:>7.0f}"
        print(f"{label:<20} {m['n']:>6} {rates} {m['rss_mb']:>10.0f} {worker}", flush=True)
    print("(a/cpu-s for Dask counts the driver and every worker; worker MB: the largest worker)")


def stage_table(jsonl: str, size: int) -> None:
    spent = measure("stages", [jsonl])
    if spent is None:
        return
    total = sum(spent.values())
    print(f"\nWhere the CPU goes, in-process on {size} articles (models loaded before):")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<32} {1000 * secs / size:>7.1f} ms/article {100 * secs / total:>5.1f} %")
    print(f"  {'total':<32} {1000 * total / size:>7.1f} ms/article\n", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--sizes", default="1000,5000,20000,50000")
    ap.add_argument("--dask-size", type=int, default=5000, help="0: no Dask runs")
    ap.add_argument("--stage-size", type=int, default=1000, help="0: no CPU-by-stage table")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 100 and 300 articles")
    ap.add_argument("--worker", default=None)
    args, rest = ap.parse_known_args()
    if args.worker:
        _worker(args.worker, [args.data, *rest])
        return
    data = Path(args.data)
    paths = [str(data / c) for c in CORPORA if (data / c).exists()]
    if not paths:
        sys.exit(f"reference corpora not found under {data}")
    sizes = [100, 300] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    dask_size = 100 if args.quick else args.dask_size
    stage_size = 100 if args.quick else args.stage_size
    from warta.pipeline import Pipeline

    print(f"stages: {', '.join(Pipeline().names)}")
    print("a/s = articles per wall-clock second, a/cpu-s = per CPU second, MB = peak RSS; "
          "one fresh process per cell; rows print as they finish")  # fmt: skip
    texts = corpus_texts(paths)
    with tempfile.TemporaryDirectory() as tmp:
        if stage_size:
            stage_table(grown_input(texts, stage_size, Path(tmp, "stages"))[0], stage_size)
        print_head()
        for size in sizes:
            jsonl, pages = grown_input(texts, size, Path(tmp, str(size)))
            warta = measure("warta", [jsonl])
            print_row(
                "grown JSONL", size, warta, measure("floor", [jsonl]),
                measure("warta-html", [pages]), measure("trafilatura", [pages]),
            )  # fmt: skip
            if size == dask_size:
                dask_table(jsonl, size, warta)
                print()
                print_head()
    if not args.quick:
        rows = ("corpora as they are", len(texts), measure("warta", paths), measure("floor", paths))
        print_row(*rows, None, None)


if __name__ == "__main__":
    main()
