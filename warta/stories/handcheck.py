"""Samples of story pairs and copy pairs from real corpora, printed for checking by hand.

Usage::

    python -m warta.stories.handcheck ../shared/data [--stories 60] [--copies 55]

The kompas_tribun (2023-02-27) and detik (2025-10) corpora are cleaned with
``warta.clean.clean_text`` (footers out, "Baca juga" titles out of the text
into links), sorted by publication date and fed one article at a time to
``dedup.DuplicateIndex``, ``links.TitleIndex`` (link titles resolved to
earlier articles) and ``cluster.StoryClusterer`` with their default settings,
as ``warta stories`` does. Printed:

* story pairs: from each story of two or more articles, one random pair of
  articles that are not copies of each other (seeded), shuffled, the first N;
* copy pairs: a seeded random sample of N copy-matches, with the exact share
  of the smaller text's word 5-grams found in the larger (not the MinHash
  estimate), so a reader can judge each pair.

Each article is shown by id, date, title and opening words. The method and
the judgements are in ``docs/stories.md``.

With ``--pairs`` the clustering is scored on judged pairs instead; with
``--runs`` also through the store (``store_stage.update`` on a temporary
SQLite store), the corpora added in one run (``all``), one run per
publication day (``day``) or runs of N articles, as a daily ingest does, so
an incremental clustering can be compared with the one-run clustering.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from .cluster import StoryClusterer, StoryDoc
from .dedup import DuplicateIndex, shingles, signature
from .links import TitleIndex

Item = tuple[str, str, str, str | None, list[str]]  # id, title, text, published, link titles
# The join test before template, edition, anchor and date checks (for comparison).
PREVIOUS: dict[str, Any] = {"day_step": 0.0, "wording_min": 0.0, "templates": False,
                            "editions": False}


def _date(raw: str) -> str | None:
    """YYYY-MM-DD from an ISO timestamp or from detik's "MM/DD/YYYY HH:MM"."""
    raw = (raw or "").strip()
    try:
        return date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.strptime(raw, "%m/%d/%Y %H:%M").date().isoformat()
    except ValueError:
        return None


def corpus(data: Path) -> list[Item]:
    """The two corpora as (id, title, clean text, date, link titles), in date order."""
    from ..clean import clean_text

    csv.field_size_limit(1 << 30)
    sources = [("kompas_tribun_2023-02-27.csv", "kt", "Article_ID", "Title", "Body_Text", "PublishDate"),
               ("detik_2025-10.csv", "dt", "id", "judul", "isi_berita", "tanggal")]
    items: list[Item] = []
    for name, prefix, key, title, body, when in sources:
        path = data / "corpus" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text, _, links = clean_text(row[body])
                items.append((prefix + row[key], row[title], text, _date(row[when]),
                              [lk.title for lk in links if lk.title]))
    return sorted(items, key=lambda x: x[3] or "")  # stable: file order within a day


def run(items: list[Item], **options: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Copy-matches (copy -> earlier article) and stories (article -> story id)."""
    index, clusterer, copies = DuplicateIndex(), StoryClusterer(**options), {}
    titles = TitleIndex()
    for aid, title, text, day, link_titles in items:
        resolved = [r.target for r in map(titles.resolve, link_titles) if r is not None]
        titles.add(aid, title)
        m = index.add(aid, signature(text), day)
        if m is not None:
            copies[aid] = m.other
            story = clusterer.story_of.get(m.other)
            if story is not None:
                clusterer.story_of[aid] = story
                continue
        clusterer.add(StoryDoc(aid, text, title, day, links=resolved))
    return copies, dict(clusterer.story_of)


def chunks(items: list[Item], how: str) -> Iterator[list[Item]]:
    """The items in date order cut into runs: ``all`` (one), ``day`` (one per date) or N articles."""
    if how == "all":
        yield items
    elif how == "day":
        by_day: dict[str | None, list[Item]] = defaultdict(list)
        for it in items:
            by_day[it[3]].append(it)
        yield from by_day.values()
    else:
        n = int(how)
        for i in range(0, len(items), n):
            yield items[i : i + n]


def store_run(items: list[Item], how: str, url: str | None = None) -> dict[str, str]:
    """Stories as the store stage makes them when the items arrive in runs (see ``chunks``).

    Each run adds its articles (clean text, title, date, "Baca juga" titles;
    no entities, as ``run`` uses none) and calls ``store_stage.update``, as
    ``warta ingest`` does after storing; the result is read back from
    ``story_article``. ``url`` names the store (default: a temporary SQLite file).
    """
    from ..article import Article, Link
    from ..store import open_store
    from .store_stage import dialect, update

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(url or f"{tmp}/handcheck.db")
        try:
            for run_items in chunks(items, how):
                store.add([Article(text=text, id=aid, title=title, published=day,
                                   url=f"https://example.org/{aid}", links=[Link(t) for t in links])
                           for aid, title, text, day, links in run_items])
                update(store, batch=max(2000, len(run_items)))
            return dict(dialect(store).rows(store.connection,
                                            "SELECT article_id, story_id FROM story_article"))
        finally:
            store.close()


def story_pairs(copies: dict[str, str], story_of: dict[str, str], n: int,
                seed: int = 1) -> list[tuple[str, str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for aid, sid in story_of.items():
        members[sid].append(aid)
    rng = random.Random(seed)
    pairs = []
    for ids in members.values():
        cand = [(a, b) for a in ids for b in ids
                if a < b and copies.get(a) != b and copies.get(b) != a]
        if cand:
            pairs.append(rng.choice(cand))
    rng.shuffle(pairs)
    return pairs[:n]


def load_pairs(path: Path) -> list[dict]:
    """Judged story pairs: one JSON object a line with ``a``, ``b`` and ``judgement``."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pair_scores(story_of: dict[str, str], pairs: list[dict]) -> dict[str, float]:
    """How a clustering treats judged pairs: precision among the pairs it still joins.

    ``precision`` counts only "same" pairs as right, ``lenient`` also "borderline"
    ones; ``kept`` is the share of the "same" pairs still in one story, ``split``
    the share of "unrelated" pairs no longer in one story.
    """
    joined = {j: 0 for j in ("same", "borderline", "unrelated")}
    total = dict.fromkeys(joined, 0)
    for p in pairs:
        total[p["judgement"]] += 1
        a, b = story_of.get(p["a"]), story_of.get(p["b"])
        joined[p["judgement"]] += a is not None and a == b
    n = sum(joined.values()) or 1
    return {
        "pairs": len(pairs), "joined": sum(joined.values()),
        "precision": joined["same"] / n, "lenient": (joined["same"] + joined["borderline"]) / n,
        "kept": joined["same"] / max(1, total["same"]),
        "split": 1 - joined["unrelated"] / max(1, total["unrelated"]),
        **{f"joined_{j}": joined[j] for j in joined}, **{f"total_{j}": total[j] for j in total},
    }


def together(story_of: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of articles one story holds (a < b): what two clusterings can be compared on."""
    members: dict[str, list[str]] = defaultdict(list)
    for aid, sid in story_of.items():
        members[sid].append(aid)
    return {(a, b) for ids in members.values() for a in ids for b in ids if a < b}


def story_counts(story_of: dict[str, str]) -> tuple[int, int, int]:
    """Stories, stories of two or more articles, articles in those."""
    sizes: dict[str, int] = defaultdict(int)
    for sid in story_of.values():
        sizes[sid] += 1
    multi = [k for k in sizes.values() if k > 1]
    return len(sizes), len(multi), sum(multi)


@click.command()
@click.argument("data", type=click.Path(file_okay=False, exists=True))
@click.option("--stories", "n_stories", default=60, show_default=True)
@click.option("--copies", "n_copies", default=55, show_default=True)
@click.option("--seed", default=1, show_default=True, help="Seed of the story-pair sample.")
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Score the clustering on judged pairs (e.g. tests/data/story_pairs.jsonl) "
                   "beside the previous join test, and print no samples.")
@click.option("--runs", default="", help="With --pairs: also score the store stage fed in runs, "
              "comma-separated: all (one run), day (one run per publication day), N (N articles a run).")
def main(data: str, n_stories: int, n_copies: int, seed: int, pairs_file: str | None, runs: str) -> None:
    """Print story pairs and copy pairs for checking by hand."""
    items = corpus(Path(data))
    info = {aid: (title, text, day) for aid, title, text, day, _ in items}
    if pairs_file:
        pairs = load_pairs(Path(pairs_file))
        samples = sorted({p.get("sample", "") for p in pairs})
        clusterings = [(name, lambda o=options: run(items, **o)[1])
                       for name, options in (("previous", PREVIOUS), ("current", {}))]
        clusterings += [(f"store, runs of {how}", lambda h=how: store_run(items, h))
                        for how in filter(None, runs.split(","))]
        one_run: set[tuple[str, str]] = set()
        for name, make in clusterings:
            story_of = make()
            n, multi, inside = story_counts(story_of)
            pairs_in = together(story_of)
            if name == "current":
                one_run = pairs_in
            differ = (f"; article pairs in one story: {len(pairs_in)}, {len(pairs_in & one_run)} of them "
                      f"also in the current one-run clustering ({len(one_run)})" if one_run else "")
            click.echo(f"{name}: {n} stories, {multi} with 2+ articles ({inside} articles){differ}")
            groups = [(s, [p for p in pairs if p.get("sample", "") == s]) for s in samples]
            groups.append(("all", pairs))
            for sample, chosen in groups:
                r = pair_scores(story_of, chosen)
                click.echo(f"  sample {sample or '-'}: joined {r['joined']}/{r['pairs']} judged pairs "
                           f"(same {r['joined_same']}/{r['total_same']}, borderline "
                           f"{r['joined_borderline']}/{r['total_borderline']}, unrelated "
                           f"{r['joined_unrelated']}/{r['total_unrelated']}): precision "
                           f"{r['precision']:.3f}, lenient {r['lenient']:.3f}, same pairs kept "
                           f"{r['kept']:.3f}")
        return
    copies, story_of = run(items)
    n, multi, inside = story_counts(story_of)
    click.echo(f"{len(items)} articles, {n} stories, {multi} with 2+ articles "
               f"({inside} articles), {len(copies)} copy-matches")

    def show(k: int, aid: str) -> None:
        title, text, day = info[aid]
        click.echo(f"{k:3} {aid} {day} | {title} | {' '.join(text[:160].split())}")

    click.echo("\n# story pairs")
    for k, (a, b) in enumerate(story_pairs(copies, story_of, n_stories, seed)):
        show(k, a)
        show(k, b)
        click.echo()
    click.echo("# copy pairs (exact 5-gram containment of the smaller text)")
    rows = []
    for k, (a, b) in enumerate(sorted(copies.items())):
        sa, sb = shingles(info[a][1]), shingles(info[b][1])
        rows.append((len(sa & sb) / max(1, min(len(sa), len(sb))), k, a, b))
    rows.sort()
    for i in sorted(random.Random(5).sample(range(len(rows)), min(n_copies, len(rows)))):
        share, k, a, b = rows[i]
        click.echo(f"{k:3} containment {share:.2f}")
        show(k, a)
        show(k, b)
        click.echo()


if __name__ == "__main__":
    main()
