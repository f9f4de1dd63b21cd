"""Timelines: the events and quotes of a story or of an actor, ordered by when they happened.

Items are ordered by the event's own date (``date``, resolved by the event
coder from "Selasa (26/12/2017)", "kemarin"...), not by publication date: a
report published on the 28th about a phone call on the 26th belongs on the
26th. An item without a date of its own falls back to its article's
publication date and says so (``date_from``). Each item keeps its evidence:
article id, character offsets and the rule or model that produced it.

Copies of an article (see ``dedup``) repeat its events; their items are left
out unless ``with_copies`` is asked, so nothing is counted twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any


def _actors(side: Any) -> list[dict]:
    """An event side as a list of {entity, name, actor}: the record keeps a list, the store a row."""
    if isinstance(side, list):
        return [s for s in side if isinstance(s, dict)]
    if isinstance(side, dict):
        return [side]
    return []


def event_item(event: Mapping[str, Any], article: Mapping[str, Any]) -> dict:
    """One timeline item from an event of the article record."""
    own = event.get("date")
    return {
        "kind": "event",
        "date": own or article.get("published"),
        "date_from": "event" if own else "published",
        "code": event.get("code"),
        "source": [a.get("actor") or a.get("name") for a in _actors(event.get("source"))],
        "target": [a.get("actor") or a.get("name") for a in _actors(event.get("target"))],
        "article": article.get("id"),
        "start": event.get("start"),
        "end": event.get("end"),
        "by": event.get("by"),
        "text": _evidence(article, event),
    }


def quote_item(quote: Mapping[str, Any], article: Mapping[str, Any],
               actor_of: Mapping[str, str] | None = None) -> dict:
    """One timeline item from a quotation of the article record."""
    speaker = quote.get("speaker") or {}
    entity = speaker.get("entity") if isinstance(speaker, dict) else None
    own = quote.get("date")
    return {
        "kind": "quote",
        "date": own or article.get("published"),
        "date_from": "quote" if own else "published",
        "speaker": speaker.get("name") if isinstance(speaker, dict) else None,
        "actor": (actor_of or {}).get(entity or ""),
        "article": article.get("id"),
        "start": quote.get("start"),
        "end": quote.get("end"),
        "by": quote.get("by"),
        "text": quote.get("text") or _evidence(article, quote),
    }


def _evidence(article: Mapping[str, Any], item: Mapping[str, Any]) -> str | None:
    text, s, e = article.get("text"), item.get("start"), item.get("end")
    if isinstance(text, str) and isinstance(s, int) and isinstance(e, int):
        return text[s:e]
    return None


def article_items(article: Mapping[str, Any]) -> list[dict]:
    """Every event and quote of one article record (a dict as ``Article.to_dict`` gives)."""
    actor_of = {e["id"]: e.get("actor") for e in article.get("entities", []) if e.get("actor")}
    items = [event_item(ev, article) for ev in article.get("events", [])]
    items += [quote_item(q, article, actor_of) for q in article.get("quotes", [])]
    return items


def involves(item: Mapping[str, Any], actor: str) -> bool:
    """Whether an item is about an actor code, by prefix (PRK matches PRKGOV)."""
    codes = [*item.get("source", []), *item.get("target", []), item.get("actor")]
    return any(isinstance(c, str) and c.upper().startswith(actor.upper()) for c in codes)


def sort_key(item: Mapping[str, Any]) -> tuple:
    """By date (undated last), then article, then position in the text."""
    return (item.get("date") or "9999", str(item.get("article")), item.get("start") or 0)


def timeline(articles: Iterable[Mapping[str, Any]], actor: str | None = None,
             copies: Iterable[str] = (), with_copies: bool = False) -> list[dict]:
    """Events and quotes of the given articles (optionally of one actor), in event-date order."""
    skip = set() if with_copies else set(copies)
    items = [
        it
        for a in articles
        if a.get("id") not in skip
        for it in article_items(a)
        if actor is None or involves(it, actor)
    ]
    return sorted(items, key=sort_key)


def top_actors(items: Iterable[Mapping[str, Any]], n: int = 5) -> list[tuple[str, int]]:
    """The actor codes most often named in a set of timeline items."""
    counts: Counter = Counter()
    for it in items:
        for code in {*it.get("source", []), *it.get("target", []), it.get("actor")}:
            if isinstance(code, str) and code:
                counts[code] += 1
    return counts.most_common(n)
