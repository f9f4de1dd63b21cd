"""Shape store rows and article layers into what the page templates show.

An event reaches the page either as a layer of an article (``source`` and
``target`` are lists of {entity, name, actor}) or as a store row (the sides
flattened into ``source_actor``, ``source_name``... joined by ';'). The
templates see one shape only, built here.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from ..article import Article


def _split(value: Any, sep: str) -> list[str | None]:
    if not value:
        return []
    return [v.strip() or None for v in str(value).split(sep)]


def _side(row: dict, side: str) -> list[dict]:
    """One side of a flattened event row back into a list of participants."""
    actors = _split(row.get(f"{side}_actor"), ";")
    names = _split(row.get(f"{side}_name"), "; ")
    entities = _split(row.get(f"{side}_entity"), ";")
    n = max(len(actors), len(names), len(entities))
    out = []
    for i in range(n):
        out.append(
            {
                "actor": actors[i] if i < len(actors) else None,
                "name": names[i] if i < len(names) else None,
                "entity": entities[i] if i < len(entities) else None,
            }
        )
    return out


def event_view(ev: dict, article: Article | None = None, index: int | None = None) -> dict:
    """An event as the templates show it, from a store row or an article layer."""
    source = ev["source"] if isinstance(ev.get("source"), list) else _side(ev, "source")
    target = ev["target"] if isinstance(ev.get("target"), list) else _side(ev, "target")
    text = ev.get("sentence") or ev.get("text")
    if not text and article is not None:
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int):
            text = article.text[start:end]
    return {
        "id": ev.get("id"),
        "date": ev.get("date") or (article.published if article else None),
        "code": ev.get("code"),
        "plover": ev.get("plover"),
        "quad": ev.get("quad"),
        "goldstein": ev.get("goldstein"),
        "source": source or [],
        "target": target or [],
        "text": text,
        "article": ev.get("article_id") or (article.id if article else None),
        "anchor": f"v{index}" if index is not None else None,
        "by": ev.get("by"),
    }


def quote_view(q: dict, article: Article | None = None) -> dict:
    """A quotation as the templates show it, from a store row or an article layer."""
    speaker = q.get("speaker")
    if speaker is None and (q.get("speaker_entity") or q.get("speaker_name")):
        speaker = {"entity": q.get("speaker_entity"), "name": q.get("speaker_name")}
    return {
        "id": q.get("id"),
        "text": q.get("text"),
        "speaker": speaker,
        "article": q.get("article_id") or (article.id if article else None),
        "title": q.get("title") or (article.title if article else None),
        "published": q.get("date")
        or q.get("published")
        or (article.published if article else None),
        "by": q.get("by"),
    }


def safe_url(value: Any) -> str:
    """A link target that cannot run script: only http(s) URLs, anything else is '#'."""
    url = str(value or "").strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return "#"
    return url if scheme in ("http", "https") else "#"


def urlencode_with(params: dict, **changes: Any) -> str:
    """The current query string with some parameters changed (for paging links)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


# Full-text search marks each match as [word]; only balanced pairs without
# nested brackets are taken as marks, so brackets in the text stay as they are.
MATCH = re.compile(r"\[([^\[\]]*)\]")


def snippet(value: Any) -> Markup:
    """A search snippet: escaped text, with the store's match markers as <mark>."""
    text = str(escape(str(value or "")))
    return Markup(MATCH.sub(r"<mark>\1</mark>", text))
