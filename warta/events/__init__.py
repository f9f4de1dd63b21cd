"""Event coding: CAMEO/PLOVER events from Indonesian news.

``events_stage(article)`` fills ``article.events`` with one dict per real
action: code, root, PLOVER type, quad class, Goldstein weight, source and
target actors, date (and ``date_end`` for a range), place, the evidence span
(``start``, ``end``) and the dictionary row that fired (``by``).
"""

from __future__ import annotations

from ..article import Article
from .coder import code_article
from .when import find_time_expressions, resolve_date

__all__ = ["events_stage", "code_article", "resolve_date", "find_time_expressions"]


def events_stage(article: Article) -> Article:
    """Pipeline stage: add the events layer."""
    article.events = code_article(article)
    return article
