"""Quotation layer speed: articles and quotes per second, beside a bare regex.

    python bench/quotes.py [DATA] [--limit N]

DATA is the reference data folder (default ../shared/data). The articles of
the Kompas/Tribun corpus are run through clean → meta → sentences → entities
once (not timed); then the same articles go through

* warta's quotation layer (``quotes_stage``: quote-mark pairing, cues before
  and after, indirect statements, speaker resolution);
* a peer with no attribution at all, the floor of any quote finder: one
  compiled regular expression that only finds pairs of quote marks.

The entities stage is timed on the same articles too, to show what share of
the pipeline the quotation layer takes. Times are CPU seconds of this process
(``time.process_time``), best of three runs, so other work on the machine
does not count.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warta.pipeline import Pipeline, load_stage  # noqa: E402
from warta.quotes import quotes_stage  # noqa: E402
from warta.sources import read  # noqa: E402

PAIRS = re.compile(r'"[^"\n]{1,2000}"|“[^”\n]{1,2000}”|”[^”\n]{1,2000}”')


def prepare(data: Path, limit: int) -> list:
    pipe = Pipeline(["clean", "meta", "sentences"])
    out = []
    for art in read([str(data / "corpus" / "kompas_tribun_2023-02-27.csv")]):
        out.append(pipe(art))
        if len(out) >= limit:
            break
    return out


def warta_quotes(articles: list) -> tuple[float, int]:
    t = time.process_time()
    n = 0
    for a in articles:
        n += len(quotes_stage(a).quotes)
    return time.process_time() - t, n


def regex_peer(articles: list) -> tuple[float, int]:
    t = time.process_time()
    n = 0
    for a in articles:
        n += sum(1 for _ in PAIRS.finditer(a.text))
    return time.process_time() - t, n


def entities(articles: list) -> tuple[float, int]:
    stage = load_stage("entities")
    if stage is None:
        return float("nan"), 0
    t = time.process_time()
    n = 0
    for a in articles:
        n += len(stage(a).mentions)
    return time.process_time() - t, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    articles = prepare(Path(args.data), args.limit)
    ent = entities(articles[:3])  # load the entities model outside the timing
    ent = entities(articles)  # the quotes then see real entity mentions
    warta_quotes(articles[:5])
    rows = [("entities stage (context)", ent[0], ent[1], "mentions")]
    for name, fn, unit in (("warta quotes", warta_quotes, "quotes"), ("quote-mark regex (peer)", regex_peer, "pairs")):
        best = min((fn(articles) for _ in range(3)), key=lambda r: r[0])
        rows.append((name, best[0], best[1], unit))
    n = len(articles)
    print(f"{n} articles, {sum(len(a.text) for a in articles):,} characters, one process")
    print(f"{'system':26} {'CPU s':>8} {'articles/s':>11} {'items/s':>10} {'output':>16}")
    for name, secs, out, unit in rows:
        print(f"{name:26} {secs:8.3f} {n / secs:11,.0f} {out / secs:10,.0f} {out:>7} {unit}")


if __name__ == "__main__":
    main()
