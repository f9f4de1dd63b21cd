"""Stage order and configuration.

A stage is a callable ``stage(article) -> article`` that adds one layer of
annotations. Stages never reach into the store, the CLI or the web. Layers
register by name in ``STAGES``; the pipeline runs whichever of them are
importable, so a layer that is not installed never breaks the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator

from .article import Article

Stage = Callable[[Article], Article]

# name -> "module:function"; imported lazily, run in this order.
STAGES: dict[str, str] = {
    "clean": "warta.clean:clean_stage",
    "meta": "warta.meta:meta_stage",
    "sentences": "warta.lang.id.sentences:sentences_stage",
    "entities": "warta.entities:entities_stage",
    "quotes": "warta.quotes:quotes_stage",
    "events": "warta.events:events_stage",
    "summary": "warta.stories.summarize:summary_stage",
}

DEFAULT = tuple(STAGES)
FOUNDATION = ("clean", "meta", "sentences")


def load_stage(name: str) -> Stage | None:
    """Import a stage by name; None when that layer is not available."""
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; stages are: {', '.join(STAGES)}")
    module, _, func = STAGES[name].partition(":")
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and (e.name == module or module.startswith(e.name + ".")):
            return None
        raise
    return getattr(mod, func, None)


class Pipeline:
    """Runs the stages over articles, one at a time.

    ``learned`` is corpus-learned boilerplate (see ``warta.clean.learned``);
    when given, the cleaning stage removes it too.
    """

    def __init__(self, stages: Iterable[str] = DEFAULT, *, learned=None):
        self.names: list[str] = []
        self.stages: list[Stage] = []
        for name in stages:
            if name == "clean" and learned is not None:
                from .clean import make_clean_stage

                fn: Stage | None = make_clean_stage(learned)
            else:
                fn = load_stage(name)
            if fn is not None:
                self.names.append(name)
                self.stages.append(fn)

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            yield self(a)
