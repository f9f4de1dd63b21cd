"""The article record: clean text plus layers of spans over it.

Every span-bearing item carries ``start`` and ``end`` (character offsets into
``Article.text``, never copies) and ``by`` (the rule or model that produced it),
so that every fact warta states can be shown with its evidence.

The record is plain dataclasses so that stages stay cheap; ``to_dict`` gives
the output contract of ``warta analyze`` and ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Span:
    start: int
    end: int
    by: str = ""


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    by: str = "rules:sentences"


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Link:
    """A related-article link ("Baca juga: <title>"), removed from the text."""

    title: str
    url: str | None = None
    by: str = ""


@dataclass(slots=True)
class Removal:
    """A piece of the raw text that cleaning removed, and why."""

    text: str
    why: str


@dataclass(slots=True)
class Mention:
    """One mention of a named entity in the text."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC
    by: str = ""
    entity: str | None = None  # id of the Entity it belongs to


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str  # PER | ORG | LOC
    actor: str | None = None
    role: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None
    mentions: list[dict] = field(default_factory=list)  # [{start, end, by}]
    by: str = ""


@dataclass(slots=True)
class Article:
    """One news article: clean text and every annotation layer over it."""

    text: str
    id: str = ""
    source: str = ""  # where it came from: file path, row number...
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    dateline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    lang: str | None = None
    raw: str | None = None  # the text before cleaning (not exported)
    removed: list[Removal] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    summary: list[dict] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # evidence for metadata

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start : s.end]

    def to_dict(self) -> dict:
        """The output contract of ``warta analyze`` (no raw text), in contract order."""
        d = {}
        for name in OUTPUT_ORDER:
            v = getattr(self, name)
            if isinstance(v, list):
                v = [asdict(x) if hasattr(x, "__dataclass_fields__") else x for x in v]
            d[name] = v
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Article:
        kinds = {
            "removed": Removal,
            "links": Link,
            "sentences": Sentence,
            "mentions": Mention,
            "entities": Entity,
        }
        kw = {}
        names = {f.name for f in fields(cls)}
        for k, v in d.items():
            if k not in names:
                continue
            if k in kinds and v:
                v = [kinds[k](**x) for x in v]
            kw[k] = v
        return cls(**kw)


OUTPUT_ORDER = (
    "id", "url", "outlet", "title", "dateline", "published", "lang", "text", "links", "cited",
    "removed", "sentences", "mentions", "entities", "quotes", "events", "summary", "source", "meta",
)  # fmt: skip


def content_id(text: str, url: str | None = None) -> str:
    """Stable id of an article: a hash of its clean text (and url when known).

    Two copies of the same text from the same place get the same id, so that
    ingesting the same input twice is a no-op.
    """
    h = hashlib.blake2b(digest_size=8)
    h.update((url or "").strip().encode("utf-8"))
    h.update(b"\x00")
    h.update(" ".join(text.split()).encode("utf-8"))
    return h.hexdigest()


def text_key(text: str) -> str:
    """Hash of an article's text, as a model file names the articles it was trained on
    (so that evaluation codes each with a fold model that did not see it)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
