"""Raw inputs → analysed articles → store: the library behind ``warta ingest``.

``analyze_items`` is the one place where a raw article becomes an analysed
one or a per-item error; ``warta analyze``, ``warta ingest`` and the Dask
batch runner all go through it, so they agree on every article.

Corpus-learned boilerplate is learned from the first ``LEARN_SAMPLE`` items
of the input itself (buffered, so stdin works and the input is read once).
The sample, and so the cleaning, depends only on the input: an interrupted
run started again cleans every article exactly as an uninterrupted run would,
which keeps content-hash ids — and the stored set — identical.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .article import Article
from .clean import LearnedBoilerplate, normalize, outlet_for
from .errors import ItemError
from .pipeline import DEFAULT, Pipeline

LEARN_SAMPLE = 2000
MIN_TEXT_CHARS = 40
ACCEPTED_LANGS = ("id",)


@dataclass(slots=True)
class IngestStats:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0
    error_lines: list[str] = field(default_factory=list)


def learn_boilerplate(raws: Iterable[Article]) -> LearnedBoilerplate:
    """Learn repeated lines per outlet from raw articles."""
    learner = LearnedBoilerplate()
    for a in raws:
        learner.observe(normalize(a.raw or ""), outlet_for(a))
    return learner.finalize()


def with_learned_pipeline(
    items: Iterator[Article | ItemError], stages: Iterable[str] = DEFAULT, learn: bool = True
) -> tuple[Pipeline, Iterator[Article | ItemError]]:
    """A pipeline whose cleaning knows the input's own boilerplate, and the items."""
    learned, items = learn_from_head(items, learn)
    return Pipeline(stages, learned=learned), items


def learn_from_head(
    items: Iterator[Article | ItemError], learn: bool = True
) -> tuple[LearnedBoilerplate | None, Iterator[Article | ItemError]]:
    """Boilerplate learned from the input's first items (None when not asked), and every item again."""
    if not learn:
        return None, items
    head = list(itertools.islice(items, LEARN_SAMPLE))
    learned = learn_boilerplate(a for a in head if isinstance(a, Article))
    return learned, itertools.chain(drain(head), items)


def drain(buf: list) -> Iterator:
    """The items of ``buf`` in order, each let go of as it is handed on.

    Chaining the list itself would keep every item of the learning sample
    alive (annotated, once analysed) until the last of them is reached.
    """
    buf.reverse()
    while buf:
        yield buf.pop()


def analyze_one(article: Article, pipeline: Pipeline, verbose: bool = False) -> Article | ItemError:
    """Run the pipeline on one raw article; any failure is an error for this item only."""
    source = article.source or "<input>"
    try:
        out = pipeline(article)
    except Exception as e:  # a bug or a pathological input must not end the run
        detail = traceback.format_exc() if verbose else f"{type(e).__name__}: {e}"
        return ItemError(source, f"analysis failed: {detail}".strip(), stage="analyze")
    if len(out.text) < MIN_TEXT_CHARS:
        return ItemError(source, f"no article text left after cleaning ({len(out.text)} characters)", stage="clean")
    if out.lang is not None and out.lang not in ACCEPTED_LANGS:
        what = {"en": "English", "ms": "Malay", "und": "not recognisable as a language"}.get(out.lang, out.lang)
        return ItemError(source, f"not Indonesian text (detected: {what})", stage="lang")
    out.raw = None
    return out


def analyze_items(
    items: Iterable[Article | ItemError], pipeline: Pipeline, verbose: bool = False
) -> Iterator[Article | ItemError]:
    for item in items:
        yield item if isinstance(item, ItemError) else analyze_one(item, pipeline, verbose)


def ingest(
    inputs: Iterable[str],
    store,
    *,
    mapping: dict[str, str] | None = None,
    fmt: str | None = None,
    max_bytes: int | None = None,
    stages: Iterable[str] = DEFAULT,
    learn: bool = True,
    batch_size: int = 200,
    verbose: bool = False,
    on_item: Callable[[Article | ItemError], None] | None = None,
) -> IngestStats:
    """Read, analyse and store; per-item errors are recorded and the run goes on."""
    from .sources import read

    kw = {"mapping": mapping, "fmt": fmt}
    if max_bytes is not None:
        kw["max_bytes"] = max_bytes
    stats = IngestStats()
    pipeline, items = with_learned_pipeline(read(list(inputs), **kw), stages, learn)
    errors: list[ItemError] = []

    def good() -> Iterator[Article]:
        for item in analyze_items(items, pipeline, verbose):
            stats.read += 1
            if on_item is not None:
                on_item(item)
            if isinstance(item, ItemError):
                errors.append(item)
                stats.errors += 1
                stats.error_lines.append(str(item))
                if len(errors) >= batch_size:
                    store.add_errors(errors)
                    errors.clear()
                continue
            yield item

    result = store.add(good(), batch_size=batch_size)
    if errors:
        store.add_errors(errors)
    stats.added, stats.skipped = result.added, result.skipped
    stats.errors += result.failed
    return stats
