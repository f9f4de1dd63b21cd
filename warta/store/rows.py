"""Flatten an article record into the rows of the normalised tables.

This is the one place that knows how the record's layers map onto tables, and
it knows nothing about any database: every backend writes the same plain
dicts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from ..article import Article, Entity, content_id

#: One event actor code is made of three-letter blocks (RUS + GOV); every
#: block boundary is indexed so that a prefix query is one index range.
ACTOR_BLOCK = 3


def ensure_id(article: Article) -> str:
    """Give an article its content id when the pipeline has not already."""
    if not article.id:
        article.id = content_id(article.text, article.url)
    return article.id


def scoped_id(article_id: str, given: Any, kind: str, index: int) -> str:
    """The store-wide id of a quote or event.

    The stages hash the article id into the ids they give, so those are kept
    as they are (the record and the store then agree); an item without one is
    named after its article and position.
    """
    if given not in (None, ""):
        return str(given)
    return f"{article_id}:{kind}{index}"


_FIELDS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple]] | None] = {}


def _fields_of(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple]] | None:
    """Field names and a C-level getter of all of them, per dataclass type (cached)."""
    if cls not in _FIELDS:
        names = tuple(getattr(cls, "__dataclass_fields__", ()))
        if not names:
            _FIELDS[cls] = None
        elif len(names) == 1:
            one = attrgetter(names[0])
            _FIELDS[cls] = (names, lambda x: (one(x),))
        else:
            _FIELDS[cls] = (names, attrgetter(*names))
    return _FIELDS[cls]


def _plain(value: Any) -> Any:
    """A dataclass as a dict, one level deep: the record's span types hold only plain values."""
    spec = _fields_of(type(value))
    if spec is None:
        return value
    names, get = spec
    return dict(zip(names, get(value), strict=True))


def _json_default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def record_json(article: Article) -> str:
    """``Article.to_dict()`` without the raw and clean text, as compact JSON.

    Same content as ``to_dict``, built without its deep copies: storing is
    dominated by serialisation otherwise.
    """
    record = {}
    for name in article.__dataclass_fields__:
        if name in ("raw", "text"):
            continue
        value = getattr(article, name)
        record[name] = [_plain(x) for x in value] if isinstance(value, list) else value
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def article_row(article: Article, now: str | None = None) -> dict:
    """The ``article`` row; the JSON keeps every layer except the text, stored once beside it."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "dateline": article.dateline,
        "published": _text(article.published),
        "lang": article.lang,
        "text": article.text,
        "json": record_json(article),
        "ingested_at": now or datetime.now(UTC).isoformat(timespec="seconds"),
    }


def record_from_row(text: str, record_json: str) -> dict:
    """The dict ``Article.from_dict`` expects, from the stored text and JSON."""
    record = json.loads(record_json)
    record["text"] = text
    return record


def entity_rows(article: Article) -> list[dict]:
    """The article's entities, one row per entity id (the last description wins)."""
    rows: dict[str, dict] = {}
    for ent in article.entities:
        rows[ent.id] = {
            "id": ent.id,
            "name": ent.name,
            "type": ent.type,
            "actor": ent.actor,
            "role": ent.role,
            "affiliation": ent.affiliation,
            "wikidata": ent.wikidata,
            "by": ent.by,
        }
    return list(rows.values())


def _entity_mentions(article: Article, ent: Entity) -> list[dict]:
    """Mentions of one entity: its own list, else the article mentions linked to it."""
    if ent.mentions:
        return ent.mentions
    return [
        {"start": m.start, "end": m.end, "text": m.text, "by": m.by}
        for m in article.mentions
        if m.entity == ent.id
    ]


def mention_rows(article: Article) -> list[dict]:
    """One row per located mention of a known entity, with the mentioned text.

    A mention without offsets cannot be shown with its evidence and is left out.
    """
    rows: dict[tuple, dict] = {}
    aid, text = article.id, article.text
    for ent in article.entities:
        for m in _entity_mentions(article, ent):
            start, end = m.get("start"), m.get("end")
            if start is None or end is None:
                continue
            rows[(ent.id, start, end)] = {
                "article_id": aid,
                "entity_id": ent.id,
                "start": start,
                "end": end,
                "text": m.get("text") or text[start:end],
                "by": m.get("by") or ent.by,
            }
    return list(rows.values())


def entity_counts(mentions: Iterable[dict]) -> list[dict]:
    """Counter increments per entity for one article: its mentions, and one article."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m["entity_id"]] = counts.get(m["entity_id"], 0) + 1
    return [{"id": k, "mentions": v} for k, v in counts.items()]


def _names(article: Article) -> dict[str, str]:
    return {e.id: e.name for e in article.entities}


def quote_rows(article: Article) -> list[dict]:
    """One row per quotation, with its speaker's entity and name flattened."""
    names = _names(article)
    rows = []
    for i, q in enumerate(article.quotes):
        speaker = q.get("speaker") or {}
        entity = speaker.get("entity")
        rows.append(
            {
                "id": scoped_id(article.id, q.get("id"), "q", i),
                "article_id": article.id,
                "start": q.get("start"),
                "end": q.get("end"),
                "text": q.get("text") or _slice(article.text, q.get("start"), q.get("end")),
                "kind": q.get("kind"),
                "cue": q.get("cue"),
                "speaker_entity": entity,
                "speaker_name": speaker.get("name") or names.get(entity or ""),
                "by": q.get("by", ""),
                "date": _text(q.get("date") or article.published),
            }
        )
    return rows


def _parties(value: Any) -> list[dict]:
    """An event side as a list of {entity, name, actor}, whatever shape the stage gave."""
    if not value:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, str):
        return [{"actor": value, "name": None, "entity": None}]
    return [p if isinstance(p, dict) else {"actor": str(p)} for p in value]


def _side(parties: list[dict], names: dict[str, str]) -> tuple[str | None, ...]:
    """One side of an event flattened: actor codes, display names, entity ids.

    Several parties are joined with ";" (codes, ids) and "; " (names); a party
    without a name is shown by its entity's name, else by its actor code.
    """
    codes, shown, ids = [], [], []
    for p in parties:
        actor, entity = p.get("actor"), p.get("entity")
        if actor:
            codes.append(str(actor))
        if entity:
            ids.append(str(entity))
        name = p.get("name") or names.get(entity or "") or actor
        if name:
            shown.append(str(name))
    return (";".join(codes) or None, "; ".join(shown) or None, ";".join(ids) or None)


def actor_prefixes(code: str) -> list[str]:
    """Every block prefix of an actor code: RUSGOVMIL -> RUS, RUSGOV, RUSGOVMIL."""
    code = code.upper()
    out = [code[:n] for n in range(ACTOR_BLOCK, len(code), ACTOR_BLOCK)]
    out.append(code)
    return out


def evidence(article: Article, start: Any, end: Any) -> str:
    """The sentence that holds a span, so an event can be shown with its evidence."""
    if start is None:
        return ""
    for s in article.sentences:
        if s.start <= start < s.end:
            return article.text[s.start : s.end]
    return _slice(article.text, start, end) or ""


def event_rows(article: Article) -> list[dict]:
    """One row per event; ``actors`` maps its actor-code prefixes to their role."""
    names = _names(article)
    rows = []
    for i, e in enumerate(article.events):
        source, target = _parties(e.get("source")), _parties(e.get("target"))
        code = _text(e.get("code"))
        sentence = e.get("sentence")
        if not isinstance(sentence, str):
            sentence = evidence(article, e.get("start"), e.get("end"))
        row = {
            "id": scoped_id(article.id, e.get("id"), "e", i),
            "article_id": article.id,
            "date": _text(e.get("date") or article.published),
            "date_end": _text(e.get("date_end")),
            "code": code,
            # a CAMEO root is the first two digits of the code; derived so the two agree
            "root": code[:2] if code else _text(e.get("root")),
            "quad": e.get("quad"),
            "goldstein": e.get("goldstein"),
            "plover": e.get("plover"),
            "place": _place(e.get("place")),
            "start": e.get("start"),
            "end": e.get("end"),
            "by": e.get("by", ""),
            "sentence": sentence,
            "actors": _actor_roles(source, target),
        }
        for side, parties in (("source", source), ("target", target)):
            row[f"{side}_actor"], row[f"{side}_name"], row[f"{side}_entity"] = _side(parties, names)
        rows.append(row)
    return rows


def _actor_roles(source: list[dict], target: list[dict]) -> dict[str, str]:
    """prefix -> 'source' | 'target' | 'both', one entry per prefix of every actor code."""
    roles: dict[str, str] = {}
    for role, parties in (("source", source), ("target", target)):
        for p in parties:
            if not p.get("actor"):
                continue
            for prefix in actor_prefixes(str(p["actor"])):
                seen = roles.get(prefix)
                roles[prefix] = role if seen in (None, role) else "both"
    return roles


def _place(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("name") or value.get("text")
    return _text(value)


def _slice(text: str, start: Any, end: Any) -> str | None:
    if start is None or end is None:
        return None
    return text[start:end]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
