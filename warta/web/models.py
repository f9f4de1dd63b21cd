"""The shapes of the API's answers, for the OpenAPI schema.

List endpoints answer with rows straight from the store, serialised once
(see ``api.paged``); these models describe those rows so that clients (and
the schema tests) know every field. Rows may carry more fields than listed:
the store adds columns without breaking clients.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleRow(Row):
    id: str
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    url: str | None = None


class SearchHit(ArticleRow):
    snippet: str | None = Field(None, description="matched words in [brackets]")
    score: float | None = Field(None, description="FTS rank, lower is better")


class EntityRow(Row):
    id: str
    name: str
    type: str | None = Field(None, description="PER, ORG or LOC")
    actor: str | None = Field(None, description="actor code, e.g. RUSGOV")
    role: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None
    by: str | None = Field(None, description="rule or model that found it")
    mentions: int | None = None
    articles: int | None = None


class QuoteRow(Row):
    id: str
    article_id: str
    date: str | None = None
    speaker_name: str | None = None
    speaker_entity: str | None = None
    text: str | None = None
    kind: str | None = Field(None, description="direct or indirect")
    cue: str | None = Field(None, description="the speech verb")
    start: int | None = None
    end: int | None = None
    by: str | None = None
    url: str | None = None
    title: str | None = None


class EventRow(Row):
    id: str
    article_id: str
    date: str | None = None
    code: str | None = Field(None, description="CAMEO code")
    root: str | None = None
    quad: int | None = Field(None, description="1-4: verbal/material cooperation/conflict")
    goldstein: float | None = None
    plover: str | None = None
    source: str | None = Field(None, description="source names, '; '-joined")
    source_actor: str | None = Field(None, description="source actor codes, ';'-joined")
    source_entity: str | None = None
    target: str | None = None
    target_actor: str | None = None
    target_entity: str | None = None
    start: int | None = None
    end: int | None = None
    by: str | None = Field(None, description="the dictionary entry that fired")
    sentence: str | None = Field(None, description="the evidence sentence")
    published: str | None = None


class StoryRow(Row):
    id: str
    title: str | None = None
    first: str | None = None
    last: str | None = None
    size: int | None = Field(None, description="articles in the story, copies included")
    copies: int | None = None
    actors: list[str] = Field(default_factory=list, description="most named actor codes")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="offset of the next page; null at the end")
