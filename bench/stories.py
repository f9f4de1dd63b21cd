"""Benchmark: copy detection + incremental story clustering at 10k, 30k and 100k articles.

Input: the shared corpora (``corpus/*.csv``) turned into a synthetic stream of
N articles. Each generated article is a perturbed variant of a corpus article
(a random subset of its sentences, a quarter of its words replaced by words
of other articles, a date drawn so that about 300 articles appear per day);
one in ten is instead a syndicated copy of an earlier generated article
(another outlet's footer, one sentence changed), published the same or the
next day. Generation is seeded, so every method sees the same stream.

Methods, each run in its own process (so peak RSS is its own):

* ``warta``: ``dedup.DuplicateIndex`` (30-day window) + ``cluster.StoryClusterer``,
  one article at a time, as ``warta stories`` does.
* ``warta-previous-join`` (only when named in ``--peers``): the same with the
  join test off (``handcheck.PREVIOUS``), to see what the test costs.
* ``exact-hash`` (peer): dedup by a hash of the normalised text only.
* ``datasketch-lsh`` (peer): datasketch out of the box, ``MinHash(128)`` over
  the same shingles with its default hash, ``MinHashLSH(threshold=0.5)``,
  insert + query per article; no containment check, no clustering.

Printed: CPU seconds of the method alone (``time.process_time``, stream generation
excluded), articles per CPU second, peak RSS (MB, whole process, input included),
copies found among the planted copies (recall), stories formed.

``--summaries N`` instead measures the per-article summary (the last
pipeline stage): CPU time of ``summarize`` on N corpus articles whose
sentences are already split, beside LEAD-3 (the floor: first three
sentences) and beside the sentence splitter itself (a stage every article
pays for anyway), all on the same articles in the same run.

Usage::

    python bench/stories.py [--data ../shared/data] [--sizes 10000,30000,100000]
           [--peers exact-hash,datasketch-lsh] [--peer-max 30000]
    python bench/stories.py --summaries 2000
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import click

csv.field_size_limit(1 << 30)
FOOTERS = (
    "Artikel ini telah tayang di Tribunnews.com dengan judul yang sama. Simak berita lainnya di Google News.",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup "
    "Telegram \"Kompas.com News Update\", caranya klik link https://t.me/kompascomupdate, kemudian join.",
    "Baca berita selengkapnya di Detik.com dan ikuti kanal WhatsApp detikcom untuk kabar terbaru setiap hari.",
)
CHANGED = "Sementara itu, pihak berwenang belum memberikan keterangan lebih lanjut mengenai hal tersebut."
PER_DAY = 300
DEDUP_DAYS = 30  # copies are looked for among the last 30 days, as ``store_stage.update`` does
_SENT = re.compile(r"(?<=[.!?])\s+")


def base_articles(data: Path) -> list[tuple[str, str]]:
    """(title, body) of every article of the shared CSV corpora."""
    from warta.clean import normalize

    sources = [
        ("kompas_tribun_2023-02-27.csv", "Title", "Body_Text"),
        ("kompas_kontan_bisnis_2018-2019.csv", "title", "content"),
        ("detik_2025-10.csv", "judul", "isi_berita"),
        ("click-id/tribunnews_2019-09.csv", "title", "content"),
    ]
    out = []
    for name, title, body in sources:
        path = data / "corpus" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = normalize(row.get(body) or "")
                if len(text.split()) >= 60:
                    out.append((row.get(title) or "", text))
    return out


def stream(data: Path, n: int, seed: int = 7) -> list[dict]:
    """The synthetic stream of ``n`` articles (see the module docstring)."""
    rng = random.Random(seed)
    base = base_articles(data)
    vocab = [w for _, t in base[:400] for w in t.split()]
    start = date(2020, 1, 1)
    out: list[dict] = []
    for i in range(n):
        day = start + timedelta(days=i // PER_DAY)
        if out and rng.random() < 0.1:
            src = out[rng.randrange(max(0, len(out) - PER_DAY), len(out))]
            sents = _SENT.split(src["text"])
            sents[rng.randrange(len(sents))] = CHANGED
            text = " ".join(sents) + "\n" + rng.choice(FOOTERS)
            when = date.fromisoformat(src["published"]) + timedelta(days=rng.randint(0, 1))
            out.append({"id": f"a{i}", "title": src["title"], "text": text,
                        "published": when.isoformat(), "copy_of": src["id"]})
            continue
        title, body = base[rng.randrange(len(base))]
        sents = [s for s in _SENT.split(body) if rng.random() < 0.8] or [body]
        words = " ".join(sents).split()
        for j in range(len(words)):
            if rng.random() < 0.25:
                words[j] = rng.choice(vocab)
        out.append({"id": f"a{i}", "title": title, "text": " ".join(words),
                    "published": day.isoformat(), "copy_of": None})
    return out


def run_warta(items: list[dict], **options: object) -> dict:
    from warta.stories.cluster import StoryClusterer, StoryDoc
    from warta.stories.dedup import DuplicateIndex, signature

    index, clusterer, found = DuplicateIndex(window_days=DEDUP_DAYS), StoryClusterer(**options), {}
    for it in items:
        m = index.add(it["id"], signature(it["text"]), it["published"])
        if m is not None:
            found[it["id"]] = m.other
            story = clusterer.story_of.get(m.other)
            if story is not None:
                clusterer.story_of[it["id"]] = story
                continue
        clusterer.add(StoryDoc(it["id"], it["text"], it["title"], it["published"]))
    return {"found": found, "stories": len(clusterer.stories)}


def run_exact(items: list[dict]) -> dict:
    seen: dict[str, str] = {}
    found = {}
    for it in items:
        key = hashlib.blake2b(" ".join(it["text"].lower().split()).encode(), digest_size=16).digest()
        if key in seen:
            found[it["id"]] = seen[key]
        else:
            seen[key] = it["id"]
    return {"found": found, "stories": None}


def run_datasketch(items: list[dict]) -> dict:
    from datasketch import MinHash, MinHashLSH

    from warta.stories.dedup import shingles

    lsh, found = MinHashLSH(threshold=0.5, num_perm=128), {}
    for it in items:
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles(it["text"])))
        hits = lsh.query(m)
        if hits:
            found[it["id"]] = hits[0]
        lsh.insert(it["id"], m)
    return {"found": found, "stories": None}


def summary_cost(data: Path, n: int) -> None:
    """CPU ms per article: sentence splitting, LEAD-3 and warta's summary, same articles."""
    from warta.lang.id.sentences import split_sentences
    from warta.stories.summarize import load_model, summarize

    load_model()
    arts = [(t, b) for t, b in base_articles(data)][:n]
    t0 = time.process_time()
    spans = [[(s.start, s.end) for s in split_sentences(b)] for _, b in arts]
    t_split = time.process_time() - t0
    t0 = time.process_time()
    lead = [[{"start": s, "end": e} for s, e in sp[:3]] for sp in spans]
    t_lead = time.process_time() - t0
    t0 = time.process_time()
    ours = [summarize(b, sp, title=t) for (t, b), sp in zip(arts, spans, strict=True)]
    t_ours = time.process_time() - t0
    words = sum(len(b.split()) for _, b in arts) / len(arts)
    sents = sum(map(len, spans)) / len(arts)
    click.echo(f"{len(arts)} articles, {words:.0f} words and {sents:.1f} sentences on average")
    for name, secs in (("sentence split", t_split), ("LEAD-3", t_lead), ("warta summary", t_ours)):
        click.echo(f"{name:16}{1000 * secs / len(arts):9.3f} CPU ms/article")
    click.echo(f"warta summary spans/article: {sum(map(len, ours)) / len(arts):.2f} "
               f"(LEAD-3: {sum(map(len, lead)) / len(arts):.2f})")


def run_warta_previous(items: list[dict]) -> dict:
    from warta.stories.handcheck import PREVIOUS

    return run_warta(items, **PREVIOUS)


METHODS = {"warta": run_warta, "warta-previous-join": run_warta_previous, "exact-hash": run_exact,
           "datasketch-lsh": run_datasketch}


def one(method: str, n: int, data: Path) -> dict:
    """Run one method on the stream of size n in this process; figures as a dict."""
    items = stream(data, n)
    t0 = time.process_time()
    res = METHODS[method](items)
    secs = time.process_time() - t0
    planted = {it["id"] for it in items if it["copy_of"]}
    recall = len(planted & res["found"].keys()) / len(planted) if planted else 0.0
    false = len(res["found"].keys() - planted)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"method": method, "n": n, "seconds": round(secs, 1), "per_s": round(n / secs),
            "peak_rss_mb": round(rss), "copy_recall": round(recall, 4), "extra_matches": false,
            "stories": res["stories"]}


@click.command()
@click.option("--data", default="../shared/data", show_default=True, type=click.Path(file_okay=False))
@click.option("--sizes", default="10000,30000,100000", show_default=True)
@click.option("--peers", default="exact-hash,datasketch-lsh", show_default=True)
@click.option("--peer-max", default=30000, show_default=True,
              help="Largest size the datasketch peer runs at (its default hash is slow).")
@click.option("--one", "single", nargs=2, default=None, hidden=True)
@click.option("--summaries", type=int, default=None,
              help="Measure the per-article summary on this many corpus articles instead.")
def main(data: str, sizes: str, peers: str, peer_max: int, single: tuple[str, str] | None,
         summaries: int | None) -> None:
    """Time and peak memory of warta's copy detection + story clustering beside peers."""
    if summaries:
        summary_cost(Path(data), summaries)
        return
    if single:
        click.echo(json.dumps(one(single[0], int(single[1]), Path(data))))
        return
    if not (Path(data) / "corpus").is_dir():
        raise click.ClickException(f"{data}: no corpus folder (pass --data)")
    rows = []
    click.echo(f"{'method':16}{'articles':>9}{'CPU s':>9}{'art/s':>8}{'peak MB':>9}"
               f"{'copy recall':>12}{'extra':>7}{'stories':>9}")
    for n in (int(x) for x in sizes.split(",")):
        for method in ["warta", *[p for p in peers.split(",") if p]]:
            if method == "datasketch-lsh" and n > peer_max:
                continue
            out = subprocess.run([sys.executable, __file__, "--data", data, "--one", method, str(n)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(r)
            click.echo(f"{r['method']:16}{r['n']:>9}{r['seconds']:>9}{r['per_s']:>8}{r['peak_rss_mb']:>9}"
                       f"{r['copy_recall']:>12.3f}{r['extra_matches']:>7}{r['stories'] or '-':>9}")
    warta_rows = [r for r in rows if r["method"] == "warta"]
    if len(warta_rows) > 1:
        a, b = warta_rows[0], warta_rows[-1]
        click.echo(f"warta: {b['n'] / a['n']:.1f}x articles -> {b['seconds'] / a['seconds']:.1f}x CPU time")


if __name__ == "__main__":
    main()
