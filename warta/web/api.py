"""The JSON API: every list is paged, every read is one store call.

Paging fetches one row more than asked, which tells whether a next page
exists without a COUNT over a possibly large, filtered table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from . import stories as story_source
from .deps import Store, require_reader, require_writer
from .models import ArticleRow, EntityRow, EventRow, Page, QuoteRow, SearchHit, StoryRow

router = APIRouter(prefix="/api", dependencies=[Depends(require_reader)], tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Printable ASCII without brackets or backslash: what a news URL is, and what
# URL parsing accepts without raising.
URL = r"^https?://[!-Z^-~]+$"
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Since = Annotated[str | None, Query(pattern=DATE, description="first date, YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Query(pattern=DATE, description="last date, YYYY[-MM[-DD]]")]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str, Path(min_length=1, max_length=200)]


class RawPage(BaseModel):
    """What ``paged`` serialises: store rows as they are (``models`` documents them)."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None = None


class ArticleIn(BaseModel):
    """An article to analyse and store (the same JSON as `warta analyze` input)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(
        None,
        max_length=4_000,
        pattern=URL,
        description="http(s) URL, ASCII (percent-encode anything else)",
    )
    published: str | None = Field(
        None, max_length=100, description="YYYY-MM-DD, or as the outlet wrote it (26/12/2017...)"
    )
    outlet: str | None = Field(None, max_length=200)


class Created(BaseModel):
    id: str
    created: bool = Field(description="false when the same article was already stored")


class Problem(BaseModel):
    detail: str


NOT_FOUND = {404: {"model": Problem, "description": "no such item"}}
UNAUTHORIZED = {401: {"model": Problem, "description": "missing or invalid API token"}}


async def paged(fetch: Callable[[int, int], list[dict]], limit: int, offset: int) -> Response:
    """Run a store query for one page plus one row, and report whether more exist.

    The query runs on a worker thread (one trip per request); the page is
    serialised here and returned as a ready response, which skips a second
    validation of rows the store has just produced.
    """
    rows = await run_in_threadpool(fetch, limit + 1, offset)
    more = len(rows) > limit
    page = RawPage(
        items=rows[:limit], limit=limit, offset=offset, next_offset=offset + limit if more else None
    )
    return Response(page.model_dump_json(), media_type="application/json")


async def one(fetch: Callable[[], dict | None], what: str, key: str) -> dict[str, Any]:
    """One item from the store (on a worker thread), or 404."""
    found = await run_in_threadpool(fetch)
    if found is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return found


@router.get("/articles", response_model=Page[ArticleRow], responses=UNAUTHORIZED)
async def list_articles(
    store: Store,
    limit: Limit = 50,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
) -> Response:
    """Articles, newest first (light rows: id, title, outlet, dateline, published, url)."""
    return await paged(
        lambda n, o: store.articles(limit=n, offset=o, since=since, until=until, outlet=outlet),
        limit,
        offset,
    )


@router.get("/articles/{article_id}", responses={**NOT_FOUND, **UNAUTHORIZED})
async def get_article(store: Store, article_id: Id) -> dict[str, Any]:
    """The full analysis record of one article (the output of `warta analyze`)."""

    def record() -> dict | None:
        article = store.get(article_id)
        return article.to_dict() if article is not None else None

    return await one(record, "article", article_id)


def _pipeline(state: Any) -> Any:
    """The app's analysis pipeline, loaded on the first write (models take a while)."""
    if getattr(state, "pipeline", None) is None:
        from ..pipeline import Pipeline

        state.pipeline = Pipeline()
    return state.pipeline


@router.post(
    "/articles",
    response_model=Created,
    status_code=201,
    responses={
        200: {"model": Created, "description": "already stored"},
        422: {
            "model": Problem,
            "description": "not an article warta can analyse (no text left after cleaning, "
            "not Indonesian...)",
        },
        **UNAUTHORIZED,
    },
)
def post_article(
    body: ArticleIn,
    request: Request,
    response: Response,
    store: Store,
    _writer: Annotated[str, Depends(require_writer)],
) -> Created:
    """Analyse an article and store it; needs an API token.

    The JSON goes through the same reader and checks as `warta analyze` and
    `warta ingest` (date normalisation, cleaning, language), so an article
    posted here is stored exactly as if it had been ingested from a file.
    Ingests are serialised: the analysis models are not known to be safe to
    share between threads, and SQLite takes one writer at a time anyway.
    """
    from ..errors import ItemError
    from ..ingest import analyze_one
    from ..sources.jsonl import record_to_article

    state = request.app.state
    record = body.model_dump(exclude_none=True)
    with state.stores.write_lock:
        item = record_to_article(record, "api", {}, "utf-8")
        if not isinstance(item, ItemError):
            item = analyze_one(item, _pipeline(state))
        if isinstance(item, ItemError):
            raise HTTPException(422, item.message)
        stats = store.add([item])
    if getattr(stats, "failed", 0):
        raise HTTPException(422, "the store refused this article (see `warta errors`)")
    created = stats.added > 0
    if not created:
        response.status_code = 200
    return Created(id=item.id, created=created)


@router.get("/search", response_model=Page[SearchHit], responses=UNAUTHORIZED)
async def search(
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to find")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """Full-text search over titles and texts, best match first, with a snippet."""
    return await paged(lambda n, o: store.search(q, limit=n, offset=o), limit, offset)


@router.get("/entities", response_model=Page[EntityRow], responses=UNAUTHORIZED)
async def list_entities(
    store: Store,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[str | None, Query(pattern=r"^[A-Z]{2,5}$", description="PER, ORG, LOC")] = None,
    q: Text = None,
) -> Response:
    """Entities with mention and article counts, most widely reported first."""
    return await paged(
        lambda n, o: store.entities(limit=n, offset=o, type=type, q=q), limit, offset
    )


@router.get("/entities/{entity_id}", responses={**NOT_FOUND, **UNAUTHORIZED})
async def get_entity(store: Store, entity_id: Id) -> dict[str, Any]:
    """One entity (by id or name) and the articles it appears in."""
    return await one(lambda: store.entity(entity_id), "entity", entity_id)


@router.get("/quotes", response_model=Page[QuoteRow], responses=UNAUTHORIZED)
async def list_quotes(
    store: Store,
    speaker: Text = None,
    article: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Quotations, newest first; `speaker` matches part of the speaker's name."""
    return await paged(
        lambda n, o: store.quotes(
            speaker=speaker, article=article, since=since, until=until, limit=n, offset=o
        ),
        limit,
        offset,
    )


@router.get("/events", response_model=Page[EventRow], responses=UNAUTHORIZED)
async def list_events(
    store: Store,
    actor: Annotated[str | None, Query(max_length=60, description="actor code prefix: RUS")] = None,
    code: Annotated[str | None, Query(max_length=10, description="CAMEO code prefix: 04")] = None,
    since: Since = None,
    until: Until = None,
    article: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Events, newest first; `actor` and `code` match by prefix (RUS matches RUSGOV)."""
    return await paged(
        lambda n, o: store.events(
            actor=actor, code=code, since=since, until=until, article=article, limit=n, offset=o
        ),
        limit,
        offset,
    )


@router.get("/events/{event_id}", responses={**NOT_FOUND, **UNAUTHORIZED})
async def get_event(store: Store, event_id: Id) -> dict[str, Any]:
    """One event with its evidence sentence."""
    return await one(lambda: store.event(event_id), "event", event_id)


@router.get("/stories", response_model=Page[StoryRow], responses=UNAUTHORIZED)
async def list_stories(store: Store, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Stories (groups of articles about one development), most recent first."""
    return await paged(lambda n, o: story_source.stories(store, limit=n, offset=o), limit, offset)


@router.get("/stories/{story_id}", responses={**NOT_FOUND, **UNAUTHORIZED})
async def get_story(store: Store, story_id: Id) -> dict[str, Any]:
    """One story with its articles and events."""
    return await one(lambda: story_source.story(store, story_id), "story", story_id)
