"""Stories as the web shows them, read through ``warta.stories.queries``.

Story detection is a corpus stage (``warta.stories.update``) that keeps its
own tables in the store. A store on which it never ran simply has no stories:
the lists are empty and every story id is unknown. An install without the
story layer behaves the same way.
"""

from __future__ import annotations

import importlib
from typing import Any


def _queries() -> Any | None:
    """The story query module, when this install has one."""
    try:
        return importlib.import_module("warta.stories.queries")
    except ModuleNotFoundError:
        return None


def available(store: Any) -> bool:
    """Whether story detection has produced anything in this store."""
    return bool(stories(store, limit=1))


def stories(store: Any, limit: int = 50, offset: int = 0) -> list[dict]:
    """Stories, most recently active first, as list rows for the API and the pages."""
    queries = _queries()
    if queries is None:
        return []
    return [
        {
            "id": s["id"],
            "title": s.get("title"),
            "first": s.get("first"),
            "last": s.get("last"),
            "size": s.get("articles"),
            "copies": s.get("copies"),
            "actors": s.get("actors") or [],
        }
        for s in queries.list_stories(store, limit=limit, offset=offset)
    ]


def story(store: Any, story_id: str) -> dict | None:
    """One story: its articles, timeline items (events and quotes) and summary."""
    queries = _queries()
    if queries is None:
        return None
    return queries.story_detail(store, story_id)


def stories_of(store: Any, article_id: str) -> list[dict]:
    """The story an article belongs to (with its size, and the original when it is a copy)."""
    queries = _queries()
    if queries is None:
        return []
    return queries.stories_of(store, article_id)


def events_of(store: Any, story: dict, limit: int = 5000) -> list[dict]:
    """The events of a story's own articles (copies repeat them and are left out)."""
    out: list[dict] = []
    for a in story.get("articles") or []:
        if a.get("copy_of"):
            continue
        out.extend(store.events(article=a["id"], limit=limit))
        if len(out) >= limit:
            break
    return out[:limit]


def summary_of(story: dict) -> list[dict]:
    """The story summary sentences, each with the article it comes from."""
    return [
        {"text": s.get("text"), "article": s.get("article")}
        for s in story.get("summary") or []
        if s.get("text")
    ]
