"""warta: structured, searchable knowledge from Indonesian online news.

    >>> import warta
    >>> art = warta.analyze("MOSKWA, KOMPAS.com - Pemerintah Rusia menyatakan ...")
    >>> art.dateline, art.outlet
    ('Moskwa', 'Kompas')

``analyze`` runs the whole pipeline on one text; ``Pipeline`` runs chosen
stages over many; ``open_store`` opens the database that ``warta ingest``
fills.
"""

from __future__ import annotations

from functools import lru_cache

from .article import Article, content_id
from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Article", "Pipeline", "analyze", "content_id", "open_store", "__version__"]


@lru_cache(maxsize=4)
def _pipeline(stages: tuple[str, ...] | None) -> Pipeline:
    return Pipeline() if stages is None else Pipeline(stages)


def analyze(text: str, *, stages: tuple[str, ...] | None = None, **meta) -> Article:
    """Analyse one raw article text.

    Keyword arguments are the input's metadata: ``url``, ``title``,
    ``published`` (YYYY-MM-DD), ``outlet``, ``source``, ``id``.
    """
    known = {"url", "title", "published", "outlet", "source", "id"}
    unknown = set(meta) - known
    if unknown:
        raise TypeError(f"analyze() got unknown metadata: {', '.join(sorted(unknown))}")
    article = Article(text="", raw=text, **{k: v for k, v in meta.items() if v is not None})
    return _pipeline(stages)(article)


def open_store(url="warta.db"):
    """Open (or create) a store: a SQLite path, ``sqlite:///path`` or ``postgresql://…``."""
    from .store import open_store as _open

    return _open(url)
