"""Click commands of the stories layer; ``warta.cli`` registers them.

* ``eval_summaries FILE``          -> ``warta eval summaries FILE``
* ``stories --db DB``              -> ``warta stories``: stories with counts, dates, top actors
* ``story ID --db DB``             -> ``warta story ID``: articles, timeline, summary
* ``timeline --actor CODE --db DB`` -> ``warta timeline``: one actor's events and quotes

``stories`` first runs the incremental update (articles ingested since the
last run join their stories); ``--recompute`` clusters the whole store again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..errors import WartaError
from .evaluate import evaluate_summaries
from .indosum import read_indosum

METRICS = (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeL", "ROUGE-L"))
DB_HELP = "The store: a SQLite file path, sqlite:///PATH or postgresql://…"


@click.command("summaries")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--no-title", is_flag=True, help="Do not use the title slug of IndoSum ids.")
def eval_summaries(path: str, limit: int | None, no_title: bool) -> None:
    """Score extractive summaries on IndoSum-format JSONL: ROUGE F of warta beside LEAD-3."""
    docs = read_indosum(path)
    if limit is not None:
        docs = (d for _, d in zip(range(limit), docs, strict=False))
    scores = evaluate_summaries(docs, use_title=not no_title)
    if not scores.n:
        raise click.ClickException(f"{path}: no article with sentences and a gold summary")
    click.echo(f"{'F x 100':10}" + "".join(f"{label:>10}" for _, label in METRICS))
    for name, s in (("warta", scores.warta), ("LEAD-3", scores.lead3)):
        click.echo(f"{name:10}" + "".join(f"{100 * s[key]:10.2f}" for key, _ in METRICS))
    click.echo(f"{scores.n} articles; tokens: lower-cased \\w+ runs, no stemming")
    if scores.held_out:
        click.echo(f"{scores.held_out} of them are in the summariser's training data: each was scored "
                   "by the cross-validation model that did not see it")
    else:
        click.echo("none of them is in the summariser's training data")


@contextmanager
def _store(db: str) -> Iterator[Any]:
    from ..store import open_store

    try:
        store = open_store(db)
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    try:
        yield store
    finally:
        store.close()


def _jsonl(rows: list[dict]) -> None:
    for r in rows:
        click.echo(json.dumps(r, ensure_ascii=False))


def _cut(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


@click.command("stories")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--since", default=None, help="Only stories active on or after this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--limit", default=50, show_default=True)
@click.option("--min-size", default=1, show_default=True, help="Hide stories with fewer articles.")
@click.option("--no-update", is_flag=True, help="List without assigning newly ingested articles first.")
@click.option("--recompute", is_flag=True, help="Forget all stories and cluster the store from scratch.")
def stories(db: str, since: str | None, fmt: str, limit: int, min_size: int, no_update: bool,
            recompute: bool) -> None:
    """Stories with their article count, dates and top actors, most recently active first."""
    from .queries import list_stories
    from .store_stage import recluster, update

    with _store(db) as store:
        if recompute:
            stats = recluster(store)
        elif not no_update:
            stats = update(store)
        else:
            stats = None
        if stats is not None and stats.articles:
            click.echo(f"{stats.articles} new articles: {stats.copies} copies, {stats.links} links "
                       f"resolved, {stats.new_stories} new stories, {stats.joined} joined", err=True)
        rows = list_stories(store, since=since, limit=limit, min_size=min_size)
    if fmt == "jsonl":
        _jsonl(rows)
        return
    click.echo(f"{'story':16} {'n':>4} {'copies':>6}  {'first':10} {'last':10}  {'actors':24} title")
    for r in rows:
        click.echo(f"{r['id']:16} {r['articles']:>4} {r['copies']:>6}  {r['first'] or '':10} "
                   f"{r['last'] or '':10}  {_cut(' '.join(r['actors']), 24):24} {_cut(r['title'], 70)}")


@click.command("story")
@click.argument("story_id")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--with-copies", is_flag=True, help="Keep the events and quotes of copies.")
@click.option("--json", "as_json", is_flag=True, help="The whole story as JSON.")
def story(story_id: str, db: str, with_copies: bool, as_json: bool) -> None:
    """One story: its articles, its timeline of events and quotes, its summary."""
    from .queries import story_detail

    with _store(db) as store:
        found = story_detail(store, story_id, with_copies=with_copies)
    if found is None:
        raise click.ClickException(f"no story {story_id} (story ids are ids of their first article)")
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(f"story   {found['id']}  {found['first']} … {found['last']}")
    click.echo(f"title   {found['title']}")
    click.echo(f"actors  {' '.join(found['actors'])}")
    click.echo("\narticles")
    for a in found["articles"]:
        mark = f"  (copy of {a['copy_of']})" if a["copy_of"] else ""
        click.echo(f"  {a['published'] or '':10}  {a['id']}  {_cut(a['title'], 70)}{mark}")
    click.echo("\nsummary")
    for s in found["summary"]:
        click.echo(f"  [{s['article']} {s['start']}:{s['end']}] {s['text']}")
    click.echo("\ntimeline")
    _print_items(found["timeline"])


def _print_items(items: list[dict]) -> None:
    for it in items:
        when = f"{it['date'] or '?':10}{'*' if it.get('date_from') == 'published' else ' '}"
        if it["kind"] == "event":
            who = f"{'/'.join(filter(None, it['source'])) or '?'} → {'/'.join(filter(None, it['target'])) or '?'}"
            head = f"event {it['code'] or '?':5} {who}"
        else:
            head = f"quote {it.get('speaker') or '?'}"
        click.echo(f"  {when} {_cut(head, 48):48} {_cut(it.get('text'), 90)}  "
                   f"[{it['article']} {it['start']}:{it['end']} {(it.get('by') or '').split(' ')[0]}]")
    if any(it.get("date_from") == "published" for it in items):
        click.echo("  * no date of its own: publication date of the article")


@click.command("timeline")
@click.option("--actor", required=True, help="Actor code, by prefix (PRK matches PRKGOV).")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--with-copies", is_flag=True, help="Keep the events and quotes of copies.")
@click.option("--limit", default=1000, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def timeline(actor: str, db: str, since: str | None, until: str | None, with_copies: bool,
             limit: int, fmt: str) -> None:
    """Events and quotes of one actor, ordered by event date, each with its evidence."""
    from .queries import actor_timeline

    with _store(db) as store:
        items = actor_timeline(store, actor, since, until, with_copies, limit)
    if fmt == "jsonl":
        _jsonl(items)
    elif not items:
        click.echo(f"nothing found for actor {actor}", err=True)
    else:
        _print_items(items)
