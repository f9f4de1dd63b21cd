"""Stories as the web shows them, read through the story layer of ``warta.stories``.

Story detection is a corpus stage that keeps its own tables in the store. A
store on which it never ran (or an install without it) simply has no
stories: the lists are empty and every story id is unknown.
"""

from __future__ import annotations

import importlib
from typing import Any


def _layer() -> Any | None:
    """The story query module, when this install has one."""
    try:
        return importlib.import_module("warta.stories.store")
    except ModuleNotFoundError:
        return None


def available(store: Any) -> bool:
    """Whether this store can answer story queries at all."""
    layer = _layer()
    return layer is not None and bool(getattr(layer, "has_stories", lambda s: True)(store))


def stories(store: Any, limit: int = 50, offset: int = 0) -> list[dict]:
    """Stories, most recent first; empty when there are none."""
    layer = _layer()
    if layer is None:
        return []
    return list(layer.stories(store, limit=limit, offset=offset))


def story(store: Any, story_id: str) -> dict | None:
    """One story with its articles (and events when the layer gives them)."""
    layer = _layer()
    if layer is None:
        return None
    return layer.story(store, story_id)


def stories_of(store: Any, article_id: str) -> list[dict]:
    """The stories an article belongs to (for links from the article page)."""
    layer = _layer()
    if layer is None or not hasattr(layer, "stories_of"):
        return []
    return list(layer.stories_of(store, article_id))


def events_of(store: Any, story: dict, limit: int = 2000) -> list[dict]:
    """The events of a story: its own list when given, else those of its articles."""
    if story.get("events") is not None:
        return list(story["events"])
    out: list[dict] = []
    for a in story.get("articles") or []:
        article_id = a.get("id") if isinstance(a, dict) else str(a)
        out.extend(store.events(article=article_id, limit=limit))
        if len(out) >= limit:
            break
    return out[:limit]
