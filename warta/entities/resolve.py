"""Corpus-level identity: a person named by one name only joins the full name it stands for.

Within one article the linker already joins "Hasto" to the "Hasto Kristiyanto" named before it.
An article that only ever writes "Hasto" (or "Sjafrie") gives the person an entity of its own,
``per:hasto``, apart from ``per:hasto-kristiyanto`` everywhere else in the store.
``resolve_surnames(store)`` settles those, article by article:

* a one-word person entity (not a dictionary entry: those have their own ids, nor an everyday
  word, a place's or organisation's name, an acronym or a word under three letters) is looked up among the store's full-name
  person entities that have the word as one of their names;
* only full names the store mentions within ``window_days`` (30) of the article's date count,
  and only if the article itself names none of them (an article naming "Hasto Wibowo" but
  leaving a "Hasto" unlinked has had its say);
* exactly one such full name: the article's mentions of the one-word entity become mentions
  of it; several: the one whose role or affiliation is the one the article gives the one-word
  entity, if exactly one has it; otherwise nothing changes (the report lists the case).

A change moves the article's mention rows and the entity counts, points its quotations and
events at the full name, rewrites the article's stored record the same way (the entity there
says ``by: "rule:surname-across-articles"``) and records the evidence in ``entity_merge``
(article, the one-word entity, the full name, the rule, and why as JSON). A one-word entity
left with no mention is deleted, so the store's entity listings show one identity. Running it
again changes nothing; after an ingest it only has the new one-word mentions to look at.

The statements go through the store's SQL dialect (``store.dialect``); the store has no
method to re-point stored mentions, so they are written here against the core schema
(``warta/store/schema.py``): tables ``entity``, ``mention``, ``quote``, ``event`` and
``article.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .gazetteer import gazetteer, is_acronym, normalise, tokens_of
from .link import common_words

BY = "rule:surname-across-articles"
WINDOW_DAYS = 30
COMPONENT = "entity_resolution"

SCHEMA = [
    """
CREATE TABLE IF NOT EXISTS entity_merge (
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    from_id TEXT NOT NULL, into_id TEXT NOT NULL, "by" TEXT NOT NULL, evidence TEXT,
    PRIMARY KEY (article_id, from_id)
);
CREATE INDEX IF NOT EXISTS entity_merge_into ON entity_merge (into_id);
"""
]


@dataclass(slots=True)
class Merge:
    """One article's one-word entity joined to a full name, and why."""

    article_id: str
    published: str
    from_id: str
    from_name: str
    into_id: str
    into_name: str
    why: str  # "only-candidate" | "same-role" | "same-affiliation"
    candidates: list[str] = field(default_factory=list)  # full names in the window
    mentions: int = 0

    def evidence(self) -> dict:
        return {"by": BY, "name": self.from_name, "full_name": self.into_name, "why": self.why,
                "candidates": self.candidates, "published": self.published}


@dataclass(slots=True)
class ResolveReport:
    """What ``resolve_surnames`` looked at and did."""

    considered: int = 0  # one-word person entities looked at
    articles: int = 0  # (one-word entity, article) pairs looked at
    merges: list[Merge] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)  # several full names, none singled out
    same_article: int = 0  # the article names a full name with the word itself: left as it is
    undated: int = 0  # articles without a date: no window to look in
    deleted: list[str] = field(default_factory=list)  # one-word entities left with no mention
    applied: bool = True

    def summary(self) -> str:
        verb = "joined" if self.applied else "would join"
        return (f"surnames: {self.considered} one-word names in {self.articles} articles; "
                f"{verb} {len(self.merges)} to a full name, {len(self.ambiguous)} ambiguous, "
                f"{len(self.deleted)} entities merged away")

    def to_dict(self) -> dict:
        return asdict(self)


def _dialect(store: Any):
    from ..store.sql import dialect_of

    return dialect_of(store)


def _day(published: Any) -> date | None:
    try:
        return date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        return None


def _name_words(name: str) -> list[str]:
    return [normalise(t) for t in tokens_of(name) if any(c.isalpha() for c in t)]


def _one_word(name: str) -> str | None:
    """The lower-cased word of a one-word person name worth resolving, else None."""
    words = _name_words(name)
    if len(words) != 1 or len(tokens_of(name)) != 1:
        return None
    w = words[0]
    if len(w) < 3 or is_acronym(name) or w in common_words() or w in gazetteer().nonnames:
        return None
    known = gazetteer().lookup(name)
    if known is not None:  # "Asia", "Jakarta": a place's name; "Jokowi": the dictionary's own
        return None
    if any(c.isupper() for c in name[1:]):  # "BUMDes", "LavAni": an abbreviation, not a name
        return None
    if w in _clipped_words():  # "Jakart" of a text cut mid-word: a known word less its last letter
        return None
    if w in _title_words():  # "Nyai", "Habib", "Sultan": a title, shared by many
        return None
    return w


# Forms of address that stand before a name and are no name of their own.
ADDRESS = frozenset({"nyai", "kyai", "gus", "mbah", "ustaz", "ustad", "ustadz", "syekh", "tuan", "nona",
                     "bapak", "ibu", "pak", "bu", "mas", "mbak", "bung", "kak", "bang", "cak", "ning"})


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    g = gazetteer()
    return ADDRESS | g.words("honorific") | g.words("given")


@lru_cache(maxsize=1)
def _clipped_words() -> frozenset[str]:
    """Every dictionary word (of 5+ letters) less its last letter: clipped names, not persons."""
    out = set()
    for actor in gazetteer().actors.values():
        for alias in (actor.name, *actor.aliases):
            for t in _name_words(alias):
                if len(t) >= 5:
                    out.add(t[:-1])
    return frozenset(out)


def _person_like(name: str) -> bool:
    """A full name fit to stand for a one-word name: two or more words, none of them a word of
    institutions, titles or places ("Ecolab Southeast Asia", "Kanwilkumham DKI Jakarta")."""
    g = gazetteer()
    words = _name_words(name)
    toks = tokens_of(name)
    if len(words) < 2 or any(is_acronym(t) or any(c.isdigit() for c in t) for t in toks):  # "DKI", "G22"
        return False
    common = common_words()
    for t in words:
        if t in g.nonnames or t in common:  # "Hengki Berdasarkan"; a rare "Indah ..." is left alone
            return False
        if g.roles.lookup(t) is not None or g.heads.lookup(t) is not None:  # "Menteri X", "Universitas X"
            return False
        known = g.lookup(t)
        if known is not None and known.type != "PER":
            return False
    return True


def resolve_surnames(store: Any, window_days: int = WINDOW_DAYS, apply: bool = True) -> ResolveReport:
    """Join one-word person entities to the one full name they stand for (see the module).

    ``apply=False`` only reports what would change. Returns a ``ResolveReport``.
    """
    d = _dialect(store)
    conn = store.connection
    report = ResolveReport(applied=apply)
    singles: dict[str, tuple[str, str]] = {}  # id -> (name, word)
    for eid, name in d.rows(conn, "SELECT id, name FROM entity WHERE type = 'PER' AND articles > 0"
                            " AND name NOT LIKE '% %'"):
        word = _one_word(name)
        if word and eid not in gazetteer().actors:  # dictionary entries keep their ids
            singles[eid] = (name, word)
    report.considered = len(singles)
    if not singles:
        return report
    wanted = {w for _, w in singles.values()}
    full: dict[str, dict] = {}  # id -> {name, role, affiliation}
    by_word: dict[str, list[str]] = {}
    for eid, name, role, aff in d.rows(
        conn, "SELECT id, name, role, affiliation FROM entity WHERE type = 'PER'"
        " AND articles > 0 AND name LIKE '% %'"
    ):
        seq = _name_words(name)
        words = {seq[0], seq[-1]} if seq else set()  # "Hasto" stands for a first or a last name
        hit = words & wanted
        if hit and _person_like(name):
            full[eid] = {"name": name, "role": role, "affiliation": aff}
            for w in hit:
                by_word.setdefault(w, []).append(eid)
    seen = _appearances(store, list(full) + sorted(singles))
    days = {c: {"articles": {a for a, _ in seen[c]}, "days": {x for _, p in seen[c] if (x := _day(p))}}
            for c in full}
    merges: list[Merge] = []
    for sid, (sname, word) in sorted(singles.items()):
        cands = by_word.get(word, [])
        for aid, published in seen[sid]:
            report.articles += 1
            if not cands:
                continue
            day = _day(published)
            if day is None:
                report.undated += 1
                continue
            if any(aid in days[c]["articles"] for c in cands):
                report.same_article += 1
                continue
            lo, hi = day - timedelta(days=window_days), day + timedelta(days=window_days)
            near = sorted(c for c in cands if any(lo <= x <= hi for x in days[c]["days"]))
            if not near:
                continue
            chosen, why = _choose(store, aid, sid, near, full)
            names = [full[c]["name"] for c in near]
            if chosen is None:
                report.ambiguous.append({"article_id": aid, "name": sname, "candidates": names})
                continue
            merges.append(Merge(aid, str(published), sid, sname, chosen, full[chosen]["name"],
                                why, names))
    report.merges = merges
    if apply and merges:
        report.deleted = _apply(store, merges)
    return report


def _appearances(store: Any, ids: Iterable[str]) -> dict[str, list[tuple[str, Any]]]:
    """For each entity: the (article id, published) of the articles that mention it, by id."""
    d = _dialect(store)
    ids = list(ids)
    out: dict[str, set[tuple[str, Any]]] = {i: set() for i in ids}
    for chunk in d.chunks(ids):
        cond, params = d.in_list("m.entity_id", chunk)
        for eid, aid, published in d.rows(
            store.connection,
            "SELECT DISTINCT m.entity_id, a.id, a.published FROM mention m"
            f" JOIN article a ON a.id = m.article_id WHERE {cond}",
            params,
        ):
            out[eid].add((aid, published))
    return {i: sorted(v, key=lambda x: x[0]) for i, v in out.items()}


def _record(d: Any, conn: Any, article_id: str) -> dict | None:
    rows = d.rows(conn, "SELECT json FROM article WHERE id = ?", (article_id,))
    return json.loads(rows[0][0]) if rows else None


def _same(a: Any, b: Any) -> bool:
    return bool(a) and bool(b) and normalise(str(a)) == normalise(str(b))


def _choose(store: Any, article_id: str, single: str, near: list[str],
            full: dict[str, dict]) -> tuple[str | None, str]:
    """The one full name in the window, else the one with the article's role or affiliation."""
    if len(near) == 1:
        return near[0], "only-candidate"
    record = _record(_dialect(store), store.connection, article_id) or {}
    own = next((e for e in record.get("entities", []) if e.get("id") == single), {})
    for key, why in (("role", "same-role"), ("affiliation", "same-affiliation")):
        same = [c for c in near if _same(own.get(key), full[c][key])]
        if len(same) == 1:
            return same[0], why
    return None, ""


def _apply(store: Any, merges: Iterable[Merge]) -> list[str]:
    """Write the merges in one transaction; returns the one-word entities deleted."""
    d = _dialect(store)
    store.migrate(COMPONENT, [d.schema(s) for s in SCHEMA])
    froms: set[str] = set()
    with store.transaction() as conn:
        for m in merges:
            n = d.rows(conn, "SELECT count(*) FROM mention WHERE article_id = ? AND entity_id = ?",
                       (m.article_id, m.from_id))[0][0]
            m.mentions = int(n)
            d.execute(conn, "UPDATE mention SET entity_id = ? WHERE article_id = ? AND entity_id = ?",
                      (m.into_id, m.article_id, m.from_id))
            d.execute(conn, "UPDATE entity SET mentions = mentions + ?, articles = articles + 1"
                      " WHERE id = ?", (n, m.into_id))
            d.execute(conn, "UPDATE entity SET mentions = mentions - ?, articles = articles - 1"
                      " WHERE id = ?", (n, m.from_id))
            d.execute(conn, "UPDATE quote SET speaker_entity = ?, speaker_name = ?"
                      " WHERE article_id = ? AND speaker_entity = ?",
                      (m.into_id, m.into_name, m.article_id, m.from_id))
            for side in ("source", "target"):
                d.execute(conn, f"UPDATE event SET {side}_entity = ?"
                          f" WHERE article_id = ? AND {side}_entity = ?",
                          (m.into_id, m.article_id, m.from_id))
            record = _record(d, conn, m.article_id)
            if record is not None:
                record = _rewrite(record, m)
                d.execute(conn, "UPDATE article SET json = ? WHERE id = ?",
                          (json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                           m.article_id))
            d.execute(conn, 'INSERT INTO entity_merge (article_id, from_id, into_id, "by", evidence)'
                      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, from_id) DO UPDATE SET"
                      ' into_id = excluded.into_id, "by" = excluded."by",'
                      " evidence = excluded.evidence",
                      (m.article_id, m.from_id, m.into_id, BY,
                       json.dumps(m.evidence(), ensure_ascii=False)))
            froms.add(m.from_id)
        deleted = []
        for fid in sorted(froms):
            left = d.rows(conn, "SELECT count(*) FROM mention WHERE entity_id = ?", (fid,))[0][0]
            if not left:
                d.execute(conn, "DELETE FROM entity WHERE id = ?", (fid,))
                deleted.append(fid)
    return deleted


def _rewrite(record: dict, m: Merge) -> dict:
    """The article's record with the one-word entity replaced by the full name."""
    ents = record.get("entities") or []
    for e in ents:
        if e.get("id") == m.from_id:
            e.update(id=m.into_id, name=m.into_name, by=BY)
    for x in record.get("mentions") or []:
        if x.get("entity") == m.from_id:
            x["entity"] = m.into_id
    for q in record.get("quotes") or []:
        sp = q.get("speaker")
        if isinstance(sp, dict) and sp.get("entity") == m.from_id:
            sp["entity"] = m.into_id
            sp["name"] = m.into_name
    for ev in record.get("events") or []:
        for side in ("source", "target"):
            for p in ev.get(side) or []:
                if isinstance(p, dict) and p.get("entity") == m.from_id:
                    p["entity"] = m.into_id
                    p["name"] = m.into_name
    return record
