"""The ``warta`` command: one command per user task, each a thin shell over the library.

Commands that belong to a layer (``eval ner``, ``serve``, ``stories``…) live
beside that layer and are imported only when called, so ``warta --help`` is
fast and a layer that is not installed never breaks the others.
"""

from __future__ import annotations

import importlib
import json
import sys

import click

from .errors import WartaError

DB_HELP = "The store: a SQLite file path (created if missing), sqlite:///PATH or postgresql://…"


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx))
        names.update(n for n in self.lazy if self._load(n) is not None)
        return sorted(names)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or self._load(name)

    def _load(self, name: str) -> click.Command | None:
        target = self.lazy.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name and (module == e.name or module.startswith(e.name + ".")):
                return None  # that layer is not part of this install
            raise
        return getattr(mod, attr, None)


def _store(db: str):
    from .store import open_store

    return open_store(db)


def _fail(message: str) -> None:
    click.echo(f"warta: {message}", err=True)
    sys.exit(2)


def _print_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def _parse_map(values: tuple[str, ...]) -> dict[str, str] | None:
    """``--map text=isi,title=judul`` (repeatable) → {"text": "isi", "title": "judul"}."""
    out: dict[str, str] = {}
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            field, sep, column = part.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise click.BadParameter(f"expected FIELD=COLUMN, got {part!r}", param_hint="--map")
            out[field.strip()] = column.strip()
    return out or None


def _stages(value: str | None) -> tuple[str, ...]:
    from .pipeline import DEFAULT, STAGES

    if not value:
        return DEFAULT
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise click.BadParameter(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}", param_hint="--stages")
    return names


_input_options = [
    click.option("--map", "maps", multiple=True, metavar="FIELD=COL,…", help="Name the columns/keys for text, title, url, date, outlet, id (and sheet=NAME for an XLSX sheet)."),
    click.option("--format", "fmt", default=None, help="Force the input format (text, csv, tsv, xlsx, jsonl, html, warc, feed)."),
    click.option("--max-bytes", type=int, default=None, help="Largest one-article input accepted (default 20 MB)."),
    click.option("--stages", default=None, help="Comma-separated stages to run (default: all available)."),
    click.option("--no-learn", is_flag=True, help="Do not learn boilerplate from the input's repeated lines."),
]


def input_options(f):
    for opt in reversed(_input_options):
        f = opt(f)
    return f


@click.group(
    cls=LazyGroup,
    lazy={
        "serve": "warta.web.web_cli:serve",
        "token": "warta.web.web_cli:token",
        "stories": "warta.stories.stories_cli:stories",
        "story": "warta.stories.stories_cli:story",
        "timeline": "warta.stories.stories_cli:timeline",
        "explain": "warta.events.events_cli:explain_event",
        "batch": "warta.batch.batch_cli:batch",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="warta")
@click.option("-v", "--verbose", is_flag=True, help="Show details (tracebacks) of errors.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """warta: structured, searchable knowledge from Indonesian online news."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


def _with_samples(inputs: tuple[str, ...], samples: bool) -> list[str]:
    out = list(inputs)
    if samples:
        from .resources import sample_paths

        out.extend(sample_paths())
    if not out:
        raise click.UsageError("give at least one input (a file, folder, glob or -), or --samples")
    return out


samples_option = click.option("--samples", is_flag=True, help="Also read the sample articles bundled with warta.")


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@samples_option
@input_options
@click.option("--batch-size", default=200, show_default=True, help="Articles per transaction.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--no-stories", is_flag=True, help="Do not group the new articles into stories and copies now "
              "(`warta stories` does it later).")
@click.option("--no-resolve", is_flag=True, help="Do not join one-word person names to the full name the "
              "store knows for them (rule:surname-across-articles).")
@click.pass_context
def ingest(ctx, inputs, db, samples, maps, fmt, max_bytes, stages, no_learn, batch_size, quiet, no_stories,
           no_resolve):
    """Read, analyse and store articles from files, folders, globs or - (stdin).

    Re-ingesting the same input is a no-op; bad items are reported one line
    each, recorded (see `warta errors`), and the run goes on. Exit status 1
    when any item failed.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .errors import ItemError
    from .ingest import ingest as run_ingest

    verbose = ctx.obj["verbose"]
    err = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(bar_width=None),
        TextColumn("{task.completed} items · {task.fields[rate]} items/s"), TimeElapsedColumn(),
        console=err, transient=True, disable=quiet or not err.is_terminal,
    )  # fmt: skip

    def on_item(item):
        progress.update(task, advance=1, rate=f"{task_rate():.0f}")
        if isinstance(item, ItemError):
            progress.console.print(f"[red]error[/] {escape(str(item))}", highlight=False, soft_wrap=True)

    def task_rate() -> float:
        t = progress.tasks[0]
        return (t.completed / t.elapsed) if t.elapsed else 0.0

    try:
        with _store(db) as store, progress:
            task = progress.add_task("ingest", total=None, rate="0")
            stats = run_ingest(
                _with_samples(inputs, samples), store, mapping=_parse_map(maps), fmt=fmt, max_bytes=max_bytes,
                stages=_stages(stages), learn=not no_learn, batch_size=batch_size,
                verbose=verbose, on_item=on_item,
            )  # fmt: skip
            grouped = None if no_stories or not stats.added else _update_stories(store)
            resolved = None if no_resolve or not stats.added else _resolve_surnames(store)
    except WartaError as e:
        _fail(str(e))
    click.echo(
        f"{stats.read} items read: {stats.added} stored, {stats.skipped} already stored, {stats.errors} errors",
        err=True,
    )
    if grouped is not None:
        click.echo(f"stories: {grouped.copies} copies found, {grouped.new_stories} new stories, "
                   f"{grouped.joined} articles joined a story", err=True)
    if resolved is not None:
        click.echo(resolved.summary(), err=True)
    sys.exit(1 if stats.errors else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@samples_option
@input_options
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
@click.pass_context
def analyze(ctx, inputs, samples, maps, fmt, max_bytes, stages, no_learn, pretty):
    """Analyse articles without a store: one JSON object per article on stdout."""
    from .errors import ItemError
    from .ingest import analyze_items, with_learned_pipeline
    from .sources import read

    kw = {"mapping": _parse_map(maps), "fmt": fmt}
    if max_bytes is not None:
        kw["max_bytes"] = max_bytes
    pipeline, items = with_learned_pipeline(read(_with_samples(inputs, samples), **kw), _stages(stages), not no_learn)
    failed = 0
    for item in analyze_items(items, pipeline, ctx.obj["verbose"]):
        if isinstance(item, ItemError):
            failed += 1
            click.echo(f"error {item}", err=True)
            continue
        click.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("query")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
def search(query, db, limit, offset, as_json):
    """Full-text search over titles and clean texts."""
    with _store(db) as store:
        hits = store.search(query, limit=limit, offset=offset)
    for h in hits:
        if as_json:
            _print_json(h)
        else:
            click.echo(f"{h['id']}  {h.get('published') or '':10}  {h.get('outlet') or '':10}  {h.get('title') or ''}")
            if h.get("snippet"):
                click.echo(f"    {h['snippet']}")
    if not hits and not as_json:
        click.echo("no match", err=True)


@main.command()
@click.argument("article_id")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="The full record as JSON.")
def show(article_id, db, as_json):
    """Show one stored article: metadata, clean text and its layers."""
    with _store(db) as store:
        article = store.get(article_id)
    if article is None:
        _fail(f"no article {article_id}")
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"id        {article.id}")
    for name in ("title", "outlet", "dateline", "published", "url", "lang"):
        value = getattr(article, name)
        if value:
            click.echo(f"{name:<9} {value}")
    if article.cited:
        click.echo(f"cited     {', '.join(article.cited)}")
    for link in article.links:
        click.echo(f"link      {link.title}" + (f" <{link.url}>" if link.url else ""))
    click.echo("")
    click.echo(article.text)
    click.echo("")
    click.echo(
        f"{len(article.sentences)} sentences · {len(article.entities)} entities · {len(article.quotes)} quotes · "
        f"{len(article.events)} events · {len(article.removed)} removals"
    )


@main.command()
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--what", type=click.Choice(["articles", "entities", "quotes", "events"]), default="articles", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("--out", "-o", default="-", help="Output file (default: stdout; Parquet needs a file).")
@click.option(
    "--with-copies", is_flag=True,
    help="Keep the articles, quotes and events of recognised copies (syndicated duplicates). By default "
    "each group of copies counts once, through its canonical article.",
)
def export(db, what, fmt, out, with_copies):
    """Export articles, entities, quotes or events as CSV, JSONL or Parquet."""
    from .store.export import write_rows

    if out == "-" and fmt == "parquet":
        _fail("Parquet needs a file: pass --out FILE.parquet")
    with _store(db) as store:
        rows = store.iter_rows(what)
        skip = set() if with_copies or what == "entities" else _copy_ids(store)
        if skip:
            key = "id" if what == "articles" else "article_id"
            rows = (r for r in rows if r.get(key) not in skip)
        n = write_rows(what, rows, fmt, sys.stdout.buffer if out == "-" else out)
    sys.stdout.flush()
    dropped = f" (copies of {len(skip)} articles left out; --with-copies keeps them)" if skip else ""
    click.echo(f"{n} {what} exported{dropped}", err=True)


def _update_stories(store):
    """Run the incremental stories stage (copies, links, story clusters) on the store."""
    try:
        from .stories.store_stage import update
    except ModuleNotFoundError:
        return None
    return update(store)


def _resolve_surnames(store):
    """Join one-word person entities to the one full name they stand for (warta.entities.resolve)."""
    from .entities.resolve import resolve_surnames

    return resolve_surnames(store)


def _copy_ids(store) -> set[str]:
    """Ids of the stored articles the stories stage recognised as copies (empty before it ran)."""
    try:
        from .stories.queries import export_skip
    except ModuleNotFoundError:
        return set()
    return export_skip(store)


@main.command()
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def errors(db, limit, as_json):
    """List the per-item errors recorded by ingest runs."""
    with _store(db) as store:
        rows = store.errors(limit=limit)
    for r in rows:
        if as_json:
            _print_json(r)
        else:
            click.echo(f"{r.get('at', '')}  [{r.get('stage', '')}]  {r['source']}: {r['message']}")
    if not rows and not as_json:
        click.echo("no errors recorded", err=True)


@main.command()
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--type", "etype", type=click.Choice(["PER", "ORG", "LOC"]), default=None)
@click.option("--query", "-q", default=None, help="Only names containing this.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def entities(db, etype, query, limit, as_json):
    """Entities with their mention and article counts."""
    with _store(db) as store:
        rows = store.entities(limit=limit, type=etype, q=query)
    for r in rows:
        if as_json:
            _print_json(r)
        else:
            click.echo(
                f"{r['name']:<32} {r['type']:<4} {r.get('actor') or '-':<8} "
                f"{r.get('mentions', 0):>5} mentions {r.get('articles', 0):>4} articles  {r['id']}"
            )


@main.command()
@click.argument("name")
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
def entity(name, db):
    """Where an entity (by id or name) appears."""
    with _store(db) as store:
        row = store.entity(name)
    if row is None:
        _fail(f"no entity {name!r}")
    click.echo(json.dumps(row, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--speaker", default=None, help="Speaker name or entity id (substring).")
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes(db, speaker, since, until, limit, as_json):
    """What was said, by whom, when, in which article."""
    with _store(db) as store:
        rows = store.quotes(speaker=speaker, since=since, until=until, limit=limit)
    for r in rows:
        if as_json:
            _print_json(r)
        else:
            who = r.get("speaker_name") or "(unattributed)"
            click.echo(f"{r.get('date') or '':10}  {who}  [{r.get('kind')}, {r.get('cue') or '-'}]  {r['article_id']}")
            click.echo(f"    {r['text']}")


@main.command()
@click.option("--db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--actor", default=None, help="Actor code prefix (RUS matches RUSGOV) for source or target.")
@click.option("--code", default=None, help="CAMEO code prefix (03 matches 036).")
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def events(db, actor, code, since, until, limit, as_json):
    """Coded events: who did what to whom, when."""
    with _store(db) as store:
        rows = store.events(actor=actor, code=code, since=since, until=until, limit=limit)
    for r in rows:
        if as_json:
            _print_json(r)
        else:
            src = f"{r.get('source_actor') or '-'} ({r.get('source_name') or '?'})"
            tgt = f"{r.get('target_actor') or '-'} ({r.get('target_name') or '?'})"
            click.echo(f"{r.get('date') or '':10}  {src:<32} {r['code']:<4} → {tgt:<32} {r['id']}")


@main.group(cls=LazyGroup, lazy={
    "ner": "warta.entities.ner_cli:eval_ner",
    "quotes": "warta.quotes.quotes_cli:eval_quotes",
    "events": "warta.events.events_cli:eval_events",
    "summaries": "warta.stories.stories_cli:eval_summaries",
    "foundation": "warta.evaluation:eval_foundation",
})  # fmt: skip
def eval():  # noqa: A001 - the command is called "eval"
    """Score warta against annotated data and print the figures."""


@main.group(cls=LazyGroup, lazy={"ner": "warta.entities.ner_cli:train_ner"})
def train():
    """Train the models warta ships."""


if __name__ == "__main__":
    main()
