"""Event coder speed: sentences per second, beside a bare keyword scan.

    python bench/events.py [DATA] [--limit N]

DATA is the reference data folder (default ../shared/data). The articles of
the Kompas/Tribun corpus are run through clean → sentences → entities →
quotes once (not timed); then, on one core, the same sentences go through

* warta's coder (``events_stage``: dictionary match, mood, actors, dates, merge);
Times are CPU seconds of this process (``time.process_time``), so that other
work on a shared machine does not count against either system.

* two peers with no syntax at all, the floor of any coder: one compiled
  regular expression of every trigger word the dictionary knows, searched
  over each sentence; and the same words looked up token by token in a set.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warta.events import events_stage  # noqa: E402
from warta.events.dictionary import index  # noqa: E402
from warta.pipeline import Pipeline  # noqa: E402
from warta.sources import read  # noqa: E402


def prepare(data: Path, limit: int) -> list:
    pipe = Pipeline(["clean", "meta", "sentences", "entities", "quotes"])
    out = []
    for art in read([str(data / "corpus" / "kompas_tribun_2023-02-27.csv")]):
        out.append(pipe(art))
        if len(out) >= limit:
            break
    return out


def keyword_peer(articles: list) -> tuple[float, int]:
    words = sorted(index(), key=len, reverse=True)
    rx = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    t = time.process_time()
    hits = 0
    for a in articles:
        for s in a.sentences:
            hits += sum(1 for _ in rx.finditer(a.text, s.start, s.end))
    return time.process_time() - t, hits


def keyword_set_peer(articles: list) -> tuple[float, int]:
    """The same trigger words, looked up token by token in a set."""
    words = frozenset(index())
    tok = re.compile(r"\w+(?:-\w+)*")
    t = time.process_time()
    hits = 0
    for a in articles:
        for s in a.sentences:
            hits += sum(1 for m in tok.finditer(a.text.lower(), s.start, s.end) if m.group() in words)
    return time.process_time() - t, hits


def coder(articles: list) -> tuple[float, int]:
    t = time.process_time()
    n = 0
    for a in articles:
        a.events = []
        n += len(events_stage(a).events)
    return time.process_time() - t, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    articles = prepare(Path(args.data), args.limit)
    n_sent = sum(len(a.sentences) for a in articles)
    index()  # load the dictionary outside the timing
    coder(articles[:5])
    rows = []
    systems = (
        ("warta coder", coder, "events"),
        ("keyword regex (peer)", keyword_peer, "hits"),
        ("keyword set (peer)", keyword_set_peer, "hits"),
    )
    for name, fn, unit in systems:
        best = min((fn(articles) for _ in range(3)), key=lambda r: r[0])
        rows.append((name, best[0], best[1], unit))
    print(f"{len(articles)} articles, {n_sent} sentences, one process")
    print(f"{'system':22} {'CPU s':>8} {'sentences/s':>12} {'output':>14}")
    for name, secs, out, unit in rows:
        print(f"{name:22} {secs:8.3f} {n_sent / secs:12,.0f} {out:>8} {unit}")


if __name__ == "__main__":
    main()
