"""Reading stories back from the store: lists, one story in full, actor timelines.

These are the library calls behind ``warta stories``, ``warta story`` and
``warta timeline`` (and anything else that wants them: web pages, exports).
They only read; ``store_stage.update`` writes. Their SQL is written once and
runs on SQLite and PostgreSQL stores alike, through the store's dialect.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from .cluster import terms
from .store_stage import dialect, ensure_schema
from .timeline import article_items, sort_key, top_actors

STORY_SUMMARY_BY = "story-summary:centroid"


def copies(store: Any) -> set[str]:
    """Ids of every stored article recognised as a copy of another (not canonical)."""
    ensure_schema(store)
    return {r[0] for r in store.connection.execute("SELECT article_id FROM duplicate")}


def not_a_copy_sql(column: str = "article_id") -> str:
    """A SQL condition keeping rows whose article is not a recognised copy.

    For exports and counts over events or quotes: ``... WHERE <this>`` keeps
    one article per group of copies, so syndicated copies are not counted
    twice. Use only on a store where ``ensure_schema`` has run (or
    ``has_copies``).
    """
    return f"{column} NOT IN (SELECT article_id FROM duplicate)"


def has_copies(store: Any) -> bool:
    """Whether the stories stage has run on this store (its schema, hence ``duplicate``, exists).

    Asks the store's ``meta`` table, which both backends keep, with no placeholder.
    """
    row = store.connection.execute(
        "SELECT value FROM meta WHERE key = 'schema_version:stories'").fetchone()
    return row is not None


def export_skip(store: Any, with_copies: bool = False) -> set[str]:
    """Article ids an export leaves out: the recognised copies, unless ``with_copies``.

    Read-only: a store the stories stage never ran on has no copies to skip
    (its tables are not created here). For ``warta export --with-copies``.
    """
    if with_copies or not has_copies(store):
        return set()
    return {r[0] for r in store.connection.execute("SELECT article_id FROM duplicate")}


def _members(store: Any, story_id: str) -> list[tuple[str, str | None, float | None]]:
    d = dialect(store)
    return d.rows(
        store.connection,
        "SELECT s.article_id, d.canonical_id, s.score FROM story_article s"
        " LEFT JOIN duplicate d ON d.article_id = s.article_id"
        " JOIN article a ON a.id = s.article_id WHERE s.story_id = ?"
        f" ORDER BY a.published{d.nulls_first}, a.n", (story_id,))


def _actors_of(store: Any, ids: list[str], n: int = 5) -> list[tuple[str, int]]:
    d = dialect(store)
    counts: Counter = Counter()
    for chunk in d.chunks(ids):
        cond, params = d.in_list("article_id", chunk)
        for src, tgt in d.execute(
            store.connection, f"SELECT source_actor, target_actor FROM event WHERE {cond} ORDER BY n",
            params,
        ):  # in a fixed order (and each event's codes sorted): ties rank the same on every run
            for code in sorted({c for side in (src, tgt) if side for c in side.split(";")} - {""}):
                counts[code] += 1
    return counts.most_common(n)


def list_stories(store: Any, since: str | None = None, limit: int = 50, offset: int = 0,
                 min_size: int = 1) -> list[dict]:
    """Stories, most recently active first, with article and copy counts and top actors."""
    ensure_schema(store)
    d = dialect(store)
    where, params = ["size >= ?"], [min_size]
    if since:
        where.append("last >= ?")
        params.append(since)
    rows = d.rows(
        store.connection,
        f"SELECT id, first, last, size, title FROM story WHERE {' AND '.join(where)}"
        f" ORDER BY last DESC{d.nulls_last}, size DESC, id LIMIT ? OFFSET ?", [*params, limit, offset])
    out = []
    for sid, first, last, size, title in rows:
        members = _members(store, sid)
        canonical = [m for m, c, _ in members if c is None]
        out.append({
            "id": sid, "title": title or _fallback_title(store, sid), "first": first, "last": last,
            "articles": size, "copies": size - len(canonical),
            "actors": [code for code, _ in _actors_of(store, canonical)],
        })
    return out


def stories_of(store: Any, article_id: str) -> list[dict]:
    """The story (or stories) an article belongs to, empty when none holds it yet.

    Each: ``{"id", "title", "size", "first", "last", "score", "by", "copy_of"}``
    where ``score`` and ``by`` say how the article joined the story and
    ``copy_of`` names the canonical article when it is a recognised copy.
    """
    ensure_schema(store)
    rows = dialect(store).rows(
        store.connection,
        'SELECT st.id, st.title, st.size, st.first, st.last, sa.score, sa."by", d.canonical_id'
        " FROM story_article sa JOIN story st ON st.id = sa.story_id"
        " LEFT JOIN duplicate d ON d.article_id = sa.article_id"
        " WHERE sa.article_id = ? ORDER BY st.id", (article_id,))
    return [
        {"id": sid, "title": title or _fallback_title(store, sid), "size": size, "first": first,
         "last": last, "score": score, "by": by, "copy_of": canon}
        for sid, title, size, first, last, score, by, canon in rows
    ]


def _fallback_title(store: Any, article_id: str) -> str | None:
    """An untitled story is named by the opening words of its first article."""
    row = dialect(store).execute(store.connection, "SELECT substr(text, 1, 90) FROM article WHERE id = ?",
                                 (article_id,)).fetchone()
    return (row[0].split("\n")[0].strip() + "…") if row and row[0] else None


def story_detail(store: Any, story_id: str, with_copies: bool = False) -> dict | None:
    """One story: its articles (copies marked), its timeline and its summary."""
    ensure_schema(store)
    row = dialect(store).execute(
        store.connection, "SELECT id, first, last, size, title, centroid FROM story WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    sid, first, last, size, title, centroid = row
    articles, records = [], []
    for aid, canon, score in _members(store, sid):
        art = store.get(aid)
        if art is None:
            continue
        articles.append({"id": aid, "title": art.title, "published": art.published,
                         "outlet": art.outlet, "url": art.url, "copy_of": canon, "score": score})
        if canon is None or with_copies:
            records.append(art.to_dict())
    items = sorted((it for r in records for it in article_items(r)), key=sort_key)
    return {
        "id": sid, "title": title or _fallback_title(store, sid), "first": first, "last": last,
        "articles": articles, "actors": [c for c, _ in top_actors(items)],
        "timeline": items, "summary": story_summary(records, json.loads(centroid or "{}")),
    }


def story_summary(records: list[dict], centroid: dict[str, float], k: int = 3) -> list[dict]:
    """Up to ``k`` summary sentences of the story's articles, closest to the story centroid.

    Candidates are the articles' own summary spans (so each is a lead-worthy
    sentence); at most one per article, so the story summary spans the
    development; shown in publication order.
    """
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    scored = []
    for r in records:
        best = None
        for span in r.get("summary", []):
            text = r["text"][span["start"] : span["end"]]
            tf = Counter(terms(text))
            tn = math.sqrt(sum(v * v for v in tf.values())) or 1.0
            sim = sum(c * centroid.get(w, 0.0) for w, c in tf.items()) / (tn * norm)
            if best is None or sim > best[0]:
                best = (sim, span, text)
        if best:
            scored.append((best[0], r, best[1], best[2]))
    top = sorted(scored, key=lambda x: -x[0])[:k]
    top.sort(key=lambda x: (x[1].get("published") or "", x[2]["start"]))
    return [{"article": r["id"], "start": sp["start"], "end": sp["end"], "text": text,
             "score": round(sim, 4), "by": STORY_SUMMARY_BY} for sim, r, sp, text in top]


def actor_timeline(store: Any, actor: str, since: str | None = None, until: str | None = None,
                   with_copies: bool = False, limit: int = 1000) -> list[dict]:
    """Events and quotes of one actor code (prefix), in event-date order, copies left out."""
    skip = set() if with_copies else copies(store)
    items = []
    for e in store.events(actor=actor, since=since, until=until, limit=limit):
        if e["article_id"] in skip:
            continue
        items.append({
            "kind": "event", "date": e.get("date") or e.get("published"),
            "date_from": "event" if e.get("date") else "published", "code": e.get("code"),
            "source": _codes(e.get("source_actor"), e.get("source_name")),
            "target": _codes(e.get("target_actor"), e.get("target_name")),
            "article": e["article_id"], "start": e.get("start"), "end": e.get("end"),
            "by": e.get("by"), "text": e.get("sentence"),
        })
    items += _actor_quotes(store, actor, since, until, skip, limit)
    return sorted(items, key=sort_key)[:limit]


def _codes(actor: str | None, name: str | None) -> list[str]:
    """An event side of a store row: its actor codes (kept ';'-joined there), else its name."""
    if actor:
        return [c for c in actor.split(";") if c]
    return [name] if name else []


def _actor_quotes(store: Any, actor: str, since: str | None, until: str | None,
                  skip: set[str], limit: int) -> list[dict]:
    d = dialect(store)
    actor_code = d.binary("en.actor")
    where = [f"{actor_code} >= ? AND {actor_code} < ?"]
    params: list[Any] = [actor.upper(), actor.upper() + "\uffff"]
    if since:
        where.append("COALESCE(q.date, a.published) >= ?")
        params.append(since)
    if until:
        where.append("COALESCE(q.date, a.published) <= ?")
        params.append(until)
    rows = d.rows(
        store.connection,
        'SELECT q.article_id, q.date, a.published, q.speaker_name, en.actor, q.start, q."end",'
        ' q."by", q.text FROM quote q JOIN entity en ON en.id = q.speaker_entity'
        f" JOIN article a ON a.id = q.article_id WHERE {' AND '.join(where)}"
        f" ORDER BY COALESCE(q.date, a.published){d.nulls_first}, q.n LIMIT ?", [*params, limit])
    return [
        {"kind": "quote", "date": d or pub, "date_from": "quote" if d else "published",
         "speaker": name, "actor": code, "article": aid, "start": s, "end": e, "by": by, "text": t}
        for aid, d, pub, name, code, s, e, by, t in rows if aid not in skip
    ]
