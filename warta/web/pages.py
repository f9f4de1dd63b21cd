"""Server-rendered pages: search, articles with highlights, entities, events, stories.

Each page is a few store calls and a template; the templates autoescape
everything, and the article body is built by ``highlight`` which escapes each
piece of text itself.
"""

from __future__ import annotations

import re
import time
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..article import Article
from . import stories as story_source
from .api import DATE, MAX_OFFSET
from .auth import verify_token
from .deps import COOKIE, Store, require_reader
from .highlight import highlight
from .timeline import timeline
from .views import event_view, quote_view

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
reader = [Depends(require_reader)]

PAGE = 30
CHART_EVENTS = 1000  # events drawn on an entity's timeline
STORY_EVENTS = 200  # events listed under a story's timeline (all are charted)
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str, Path(min_length=1, max_length=200)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Any:
    context.setdefault("q", "")
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )


def page_of(rows: list[dict], offset: int, limit: int = PAGE) -> dict:
    """The template's view of one page (rows were fetched with one extra)."""
    more = len(rows) > limit
    return {
        "items": rows[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


COUNTED = ("articles", "entities", "quotes", "events")
COUNT_TTL = 30.0  # seconds the start page's totals may lag behind the store


def totals(request: Request, store: Any) -> list[tuple[str, int]]:
    """Item totals for the start page, recounted at most every ``COUNT_TTL`` seconds.

    Counting a million events takes a large part of a second in SQLite; the
    start page is the most visited one, and its totals need not be exact to
    the second.
    """
    state = request.app.state
    cache = getattr(state, "totals", None)
    if cache is None:
        cache = state.totals = {"at": -COUNT_TTL, "rows": []}
    if time.monotonic() - cache["at"] >= COUNT_TTL:
        cache["rows"] = [(what, store.count(what)) for what in COUNTED]
        cache["at"] = time.monotonic()
    return cache["rows"]


@router.get("/", dependencies=reader)
def home(request: Request, store: Store) -> Any:
    counts = totals(request, store)
    return render(
        request,
        "index.html",
        counts=counts,
        articles=store.articles(limit=10),
        entities=store.entities(limit=15),
        stories=story_source.stories(store, limit=10),
    )


@router.get("/search", dependencies=reader)
def search(request: Request, store: Store, q: Text = None, offset: Offset = 0) -> Any:
    q = (q or "").strip()
    rows = store.search(q, limit=PAGE + 1, offset=offset) if q else []
    entities = store.entities(limit=12, q=q) if q and offset == 0 else []
    return render(
        request,
        "search.html",
        q=q,
        page=page_of(rows, offset),
        entities=entities,
        params={"q": q},
    )


@router.get("/articles", dependencies=reader)
def articles(request: Request, store: Store, offset: Offset = 0, outlet: Text = None) -> Any:
    rows = store.articles(limit=PAGE + 1, offset=offset, outlet=outlet)
    return render(request, "articles.html", page=page_of(rows, offset), params={"outlet": outlet})


@router.get("/articles/{article_id}", dependencies=reader)
def article(request: Request, store: Store, article_id: Id) -> Any:
    record = store.get(article_id)
    if record is None:
        raise HTTPException(404, "No such article.")
    body, marks = highlight(record)
    record.quotes = [quote_view(q, record) | {"article": None} for q in record.quotes]
    record.events = [
        event_view(e, record, i) | {"article": None} for i, e in enumerate(record.events)
    ]
    return render(
        request,
        "article.html",
        article=record,
        body=body,
        marks=marks,
        summary=_summary(record),
        stories=story_source.stories_of(store, record.id),
    )


def _summary(article: Article) -> list[str]:
    """The sentences the summary layer picked, as text (spans with bad offsets are skipped)."""
    out = []
    for span in article.summary:
        start, end = span.get("start"), span.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(article.text)
        ):
            out.append(article.text[start:end].strip())
    return out


@router.get("/entities", dependencies=reader)
def entities(
    request: Request,
    store: Store,
    offset: Offset = 0,
    q: Text = None,
    type: Annotated[str | None, Query(max_length=5)] = None,
) -> Any:
    rows = store.entities(limit=PAGE + 1, offset=offset, type=type or None, q=q or None)
    return render(
        request, "entities.html", page=page_of(rows, offset), params={"q": q, "type": type}
    )


def _names_entity(event: dict, entity_id: str) -> bool:
    sides = f"{event.get('source_entity') or ''};{event.get('target_entity') or ''}"
    return entity_id in sides.split(";")


def entity_events(store: Any, entity: dict, limit: int = PAGE + 1) -> list[dict]:
    """Events whose source or target is this entity, from the articles it appears in.

    An actor code is shared by many entities (every Russian official is
    RUSGOV), so the entity page lists the events that name the entity itself;
    the actor code links to all events of that code.
    """
    out: list[dict] = []
    for appearance in entity.get("appearances") or []:
        rows = store.events(article=appearance["article_id"], limit=500)
        out += [e for e in rows if _names_entity(e, entity["id"])]
        if len(out) >= limit:
            break
    return out[:limit]


@router.get("/entities/{entity_id}", dependencies=reader)
def entity(request: Request, store: Store, entity_id: Id) -> Any:
    found = store.entity(entity_id)
    if found is None:
        raise HTTPException(404, "No such entity.")
    quotes = store.quotes(speaker=found["id"], limit=PAGE + 1)
    events = entity_events(store, found, limit=CHART_EVENTS)
    return render(
        request,
        "entity.html",
        entity=found,
        quotes=[quote_view(q) for q in quotes[:PAGE]],
        quotes_more=len(quotes) > PAGE,
        events=[event_view(e) for e in events[:PAGE]],
        events_more=len(events) > PAGE,
        chart=timeline(events),
        articles=[{**a, "id": a["article_id"]} for a in found.get("appearances") or []],
    )


@router.get("/quotes", dependencies=reader)
def quotes(request: Request, store: Store, offset: Offset = 0, speaker: Text = None) -> Any:
    rows = store.quotes(speaker=speaker or None, limit=PAGE + 1, offset=offset)
    page = page_of(rows, offset)
    page["items"] = [quote_view(q) for q in page["items"]]
    return render(request, "quotes.html", page=page, params={"speaker": speaker})


def _date(value: str | None) -> str | None:
    """A date filter from a form: empty means none; a malformed one is a 400."""
    if not value:
        return None
    if not re.fullmatch(DATE, value):
        raise HTTPException(400, "Dates are YYYY, YYYY-MM or YYYY-MM-DD.")
    return value


@router.get("/events", dependencies=reader)
def events(
    request: Request,
    store: Store,
    offset: Offset = 0,
    actor: Text = None,
    code: Text = None,
    since: Text = None,
    until: Text = None,
) -> Any:
    rows = store.events(
        actor=actor or None,
        code=code or None,
        since=_date(since),
        until=_date(until),
        limit=PAGE + 1,
        offset=offset,
    )
    page = page_of(rows, offset)
    page["items"] = [event_view(e) for e in page["items"]]
    params = {"actor": actor, "code": code, "since": since, "until": until}
    return render(request, "events.html", page=page, params=params)


@router.get("/stories", dependencies=reader)
def stories(request: Request, store: Store, offset: Offset = 0) -> Any:
    rows = story_source.stories(store, limit=PAGE + 1, offset=offset)
    return render(
        request,
        "stories.html",
        page=page_of(rows, offset),
        params={},
        available=story_source.available(store),
    )


@router.get("/stories/{story_id}", dependencies=reader)
def story(request: Request, store: Store, story_id: Id) -> Any:
    found = story_source.story(store, story_id)
    if found is None:
        raise HTTPException(404, "No such story.")
    evs = story_source.events_of(store, found)
    return render(
        request,
        "story.html",
        story=found,
        articles=found.get("articles") or [],
        summary=story_source.summary_of(found),
        events=[event_view(e) for e in evs[:STORY_EVENTS]],
        events_more=len(evs) > STORY_EVENTS,
        quotes=[
            {
                "text": it.get("text"),
                "speaker": {"name": it.get("speaker")},
                "article": it.get("article"),
                "published": it.get("date"),
            }
            for it in found.get("timeline") or []
            if it.get("kind") == "quote"
        ],  # fmt: skip
        chart=timeline(evs),
    )


@router.get("/docs")
def api_docs(request: Request) -> Any:
    """A plain list of the API endpoints, from the OpenAPI schema (no external assets)."""
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "params": [p["name"] for p in op.get("parameters", [])],
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "docs.html", endpoints=endpoints, info=schema["info"])


@router.get("/login")
def login_form(request: Request) -> Any:
    return render(request, "login.html")


@router.post("/login")
async def login(request: Request) -> Any:
    """Keep a valid token in an HttpOnly cookie so the browser can read closed pages."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    store = request.app.state.stores.get()
    if verify_token(store, token) is None:
        return render(request, "login.html", status_code=401, error="That token is not valid.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


@router.post("/logout")
def logout() -> Any:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response
