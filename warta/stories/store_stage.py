"""The stories corpus stage on the store: copies, links, stories, incrementally.

``update(store)`` takes the stored articles that no story holds yet, in
publication order, and for each: finds whether it copies an earlier article
(``dedup``), resolves its "Baca juga" titles to stored articles (``links``)
and places it in a story (``cluster``). Only the state near the new articles
is read back (signatures and titles of the surrounding weeks, stories still
open in the time window with their join-test state, document frequencies), so
a run costs in proportion to the new articles and their window, not to the
whole store, and gives the stories one run over all the articles would.
``recluster(store)`` recomputes every story from scratch for comparison.

Tables (created here through ``store.migrate("stories", ...)``):

* ``story(id, first, last, size, title, centroid, entities, state)``: one row
  per story; ``id`` is the id of its first article; ``centroid``,
  ``entities`` and ``state`` are JSON: the clustering state needed to extend
  the story later. ``state`` is what the join test knows of the story
  (``Story.join_state``: member names, titles, dated days, summed wording of
  200 terms), written while the story is open and kept once it closes, so a
  run resumes the stories of earlier runs with the test they would have had
  in one run (schema version 2; stories written before it have none, and
  ``warta stories --recompute`` fills it).
* ``story_article(article_id, story_id, score, by)``: the story of each
  processed article, with the join score and the rule that placed it
  ("copy" when it copies an article of that story).
* ``duplicate(article_id, canonical_id, containment, jaccard, by)``: one row
  per copy, pointing at the canonical article of its group (the canonical
  article has no row).
* ``story_signature(article_id, published, size, sig)``: the MinHash of each
  processed article, so later runs can recognise copies of it.
* ``story_link(article_id, title, target_id, score, by)``: "Baca juga"
  titles resolved to stored articles.
* ``story_df(term, df)``: document frequencies of the clustering terms; the
  number of documents is ``meta['stories:n']``.

The stage runs on every SQL store: its statements are written once and go
through the store's dialect (``store.dialect``: placeholders, column types).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from ..store.sql import dialect_of, upsert
from .cluster import DocFreq, Story, StoryClusterer, StoryDoc
from .dedup import DuplicateIndex, Match, Signature, canonical_key, signature
from .links import TitleIndex

#: Schema scripts, with the column types each database names its own way ({REAL},
#: {BLOB}, and {KEY} for text compared by range or sorted) filled in by the dialect.
SCHEMA = [
    """
CREATE TABLE IF NOT EXISTS story (
    id {KEY} PRIMARY KEY, first {KEY}, last {KEY}, size INTEGER NOT NULL DEFAULT 0,
    title TEXT, centroid TEXT, entities TEXT
);
CREATE INDEX IF NOT EXISTS story_last ON story (last);
CREATE TABLE IF NOT EXISTS story_article (
    article_id TEXT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL, score {REAL}, "by" TEXT
);
CREATE INDEX IF NOT EXISTS story_article_story ON story_article (story_id);
CREATE TABLE IF NOT EXISTS duplicate (
    article_id TEXT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    canonical_id TEXT NOT NULL, containment {REAL}, jaccard {REAL}, "by" TEXT
);
CREATE INDEX IF NOT EXISTS duplicate_canonical ON duplicate (canonical_id);
CREATE TABLE IF NOT EXISTS story_signature (
    article_id TEXT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    published {KEY}, size INTEGER, sig {BLOB}
);
CREATE INDEX IF NOT EXISTS story_signature_published ON story_signature (published);
CREATE TABLE IF NOT EXISTS story_link (
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    title TEXT NOT NULL, target_id TEXT, score {REAL}, "by" TEXT,
    PRIMARY KEY (article_id, title)
);
CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
""",
    # 2: the join test's state of each story (``cluster.Story.join_state``, JSON)
    "ALTER TABLE story ADD COLUMN state TEXT;",
]

COPY_BY = "copy"
STAGE_LOCK = 0x73746F72  # "stor": held while the stage runs, so runs on a shared store take turns

SAVE_SIGNATURE = upsert("story_signature", ("article_id", "published", "size", "sig"), ("article_id",))
SAVE_LINK = upsert("story_link", ("article_id", "title", "target_id", "score", "by"), ("article_id", "title"))
SAVE_STORY_ARTICLE = upsert("story_article", ("article_id", "story_id", "score", "by"), ("article_id",))
# A story that left the window has dropped its join-test state (``state`` None): the stored one is kept.
SAVE_STORY = (
    "INSERT INTO story (id, first, last, size, title, centroid, entities, state)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET first = excluded.first,"
    " last = excluded.last, size = excluded.size, title = excluded.title, centroid = excluded.centroid,"
    " entities = excluded.entities, state = coalesce(excluded.state, story.state)"
)
SAVE_DF = upsert("story_df", ("term", "df"), ("term",))
SAVE_META = upsert("meta", ("key", "value"), ("key",))


@dataclass(slots=True)
class UpdateStats:
    """What one ``update`` did."""

    articles: int = 0
    copies: int = 0
    links: int = 0
    new_stories: int = 0
    joined: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


dialect = dialect_of  # the store's SQL dialect (queries, handcheck and tests read it from here)


def ensure_schema(store: Any) -> None:
    d = dialect(store)
    store.migrate("stories", [d.schema(script) for script in SCHEMA])


def _shift(day: str | None, days: int) -> str:
    try:
        return (date.fromisoformat((day or "")[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return "0000-00-00" if days < 0 else "9999-99-99"


def pending(store: Any) -> Iterator[dict]:
    """Stored articles not yet in a story, oldest first (undated last)."""
    cur = dialect(store).execute(
        store.connection,
        "SELECT a.id, a.title, a.published, a.text, a.json FROM article a"
        " WHERE NOT EXISTS (SELECT 1 FROM story_article s WHERE s.article_id = a.id)"
        " ORDER BY a.published IS NULL, a.published, a.n",
    )
    for id_, title, published, text, raw in cur:
        record = json.loads(raw or "{}")
        yield {
            "id": id_, "title": title, "published": (published or "")[:10] or None, "text": text,
            "links": [lk.get("title") for lk in record.get("links", []) if lk.get("title")],
            "entities": sorted({e["id"] for e in record.get("entities", []) if e.get("id")}),
        }


class _State:
    """The slice of the stories state a run needs, loaded for a date range."""

    def __init__(self, store: Any, lo: str, hi: str, window_days: int, dedup_days: int,
                 cluster_options: dict[str, float]):
        conn = store.connection
        self.conn = conn
        rows = dialect(store).rows
        n = rows(conn, "SELECT value FROM meta WHERE key = 'stories:n'")
        df = DocFreq(dict(rows(conn, "SELECT term, df FROM story_df")), int(n[0][0]) if n else 0)
        self.clusterer = StoryClusterer(window_days=window_days, df=df, **cluster_options)
        # A story that grows and closes within this run is saved with the state it closed with.
        self.closed: dict[str, str | None] = {}
        self.clusterer.on_close = lambda story: self.closed.__setitem__(
            story.id, _state_json(story.join_state()))
        self.df_before = dict(df.df)
        self.rows = rows
        # Every story an article of [lo, hi] could join: open within the window of some day in it.
        span = (_shift(lo, -window_days), _shift(hi, window_days))
        members: dict[str, list[str]] = {}
        for aid, sid in rows(
            conn, "SELECT sa.article_id, sa.story_id FROM story_article sa JOIN story st"
            " ON st.id = sa.story_id WHERE st.last >= ? AND st.first <= ?", span,
        ):
            members.setdefault(sid, []).append(aid)
        for row in rows(conn, STORY_ROW + " WHERE last >= ? AND first <= ?", span):
            story = _story(row)
            story.members = members.get(story.id, [])
            self.clusterer.load(story)
        self.dups = DuplicateIndex()
        self.keys: dict[str, tuple] = {}
        self.canonical: dict[str, str] = dict(rows(
            conn, "SELECT d.article_id, d.canonical_id FROM duplicate d JOIN story_signature s"
            " ON s.article_id = d.article_id WHERE s.published >= ? AND s.published <= ?",
            (_shift(lo, -dedup_days), _shift(hi, dedup_days))))
        for aid, published, size, blob in rows(
            conn, "SELECT article_id, published, size, sig FROM story_signature"
            " WHERE published >= ? AND published <= ?", (_shift(lo, -dedup_days), _shift(hi, dedup_days)),
        ):
            self.dups.insert(aid, Signature.from_bytes(blob, size))
            self.keys[aid] = canonical_key(published, size, aid)
        self.titles = TitleIndex()
        for aid, title in rows(
            conn, "SELECT id, title FROM article WHERE published >= ? AND published <= ?",
            (_shift(lo, -dedup_days), hi),
        ):
            self.titles.add(aid, title)

    def story_of(self, article_id: str) -> str | None:
        """The story holding an article, read back if it closed before this run's window.

        A copy joins the story of its original, which may be up to ``dedup_days``
        old; a closed story is held (not indexed: no article may join it by score).
        """
        clus = self.clusterer
        sid = clus.story_of.get(article_id)
        if sid is not None:
            return sid
        found = self.rows(self.conn, "SELECT story_id FROM story_article WHERE article_id = ?", (article_id,))
        if not found:
            return None
        sid = found[0][0]
        if sid not in clus.stories:
            row = self.rows(self.conn, STORY_ROW + " WHERE id = ?", (sid,))
            if not row:
                return None
            story = _story(row[0])
            story.members = [r[0] for r in self.rows(
                self.conn, "SELECT article_id FROM story_article WHERE story_id = ?", (sid,))]
            clus.stories[sid] = story
            for m in story.members:
                clus.story_of[m] = sid
        clus.story_of[article_id] = sid
        return sid


STORY_ROW = "SELECT id, first, last, centroid, entities, state FROM story"


def _story(row: tuple) -> Story:
    """A story row (``STORY_ROW``) as the clusterer holds it, join-test state included."""
    sid, first, last, centroid, ents, state = row
    story = Story(sid, first or "", last or "", json.loads(centroid or "{}"))
    story.entities.update(json.loads(ents or "{}"))
    story.restore(json.loads(state or "null"))
    return story


def update(store: Any, window_days: int = 7, dedup_days: int = 30, batch: int = 2000,
           **cluster_options: float) -> UpdateStats:
    """Process every stored article that has no story yet; returns what was done.

    Two runs at once on a shared store (two ingests into one PostgreSQL
    database) take turns, so an article is never placed twice.
    """
    ensure_schema(store)
    stats = UpdateStats()
    with dialect(store).exclusive(store.connection, STAGE_LOCK):
        todo = list(pending(store))
        for i in range(0, len(todo), batch):
            _run(store, todo[i : i + batch], window_days, dedup_days, cluster_options, stats)
    return stats


def _run(store: Any, items: list[dict], window_days: int, dedup_days: int,
         cluster_options: dict[str, float], stats: UpdateStats) -> None:
    dated = [it["published"] for it in items if it["published"]]
    lo, hi = (min(dated), max(dated)) if dated else ("0000-00-00", "9999-99-99")
    state = _State(store, lo, hi, window_days, dedup_days, cluster_options)
    out: dict[str, list] = {"story_article": [], "duplicate": [], "story_signature": [], "story_link": []}
    for it in items:
        _place(state, it, out, stats)
    _write(store, state, out)


def _place(state: _State, it: dict, out: dict[str, list], stats: UpdateStats) -> None:
    """Copy check, links, story: one article."""
    aid = it["id"]
    sig = signature(it["text"])
    match = state.dups.add(aid, sig)
    state.keys[aid] = canonical_key(it["published"], sig.size, aid)
    out["story_signature"].append((aid, it["published"], sig.size, sig.to_bytes()))
    resolved = []
    for title in it["links"]:
        r = state.titles.resolve(title, exclude=aid)
        out["story_link"].append((aid, title, r.target if r else None, r.score if r else None,
                                  r.by if r else None))
        if r:
            resolved.append(r.target)
            stats.links += 1
    state.titles.add(aid, it["title"])
    stats.articles += 1
    clus = state.clusterer
    if match is not None:
        stats.copies += 1
        _record_copy(state, aid, match, out)
        story = state.story_of(match.other)
        if story is not None:
            clus.story_of[aid] = story
            clus.stories[story].members.append(aid)
            clus.touched.add(story)
            out["story_article"].append((aid, story, round(match.containment, 4), COPY_BY))
            return
    doc = StoryDoc(aid, it["text"], it["title"], it["published"], it["entities"], resolved)
    a = clus.add(doc)
    stats.new_stories += a.new
    stats.joined += not a.new
    out["story_article"].append((aid, a.story, a.score, a.by))


def _record_copy(state: _State, aid: str, match: Match, out: dict[str, list]) -> None:
    """Point the new copy (or, if it is earlier, the whole group) at the canonical article."""
    group_root = state.canonical.get(match.other, match.other)
    first, second = sorted((group_root, aid), key=lambda x: state.keys.get(x, ("9999",)))
    if first == aid:  # the new article predates the group: it becomes canonical
        members = [a for a, c in state.canonical.items() if c == group_root] + [group_root]
        for m in members:
            state.canonical[m] = aid
            out["duplicate"].append((m, aid, None, None, "minhash-lsh:regroup"))
    else:
        state.canonical[aid] = first
        out["duplicate"].append((aid, first, round(match.containment, 4), round(match.jaccard, 4),
                                 "minhash-lsh:5gram"))


def _write(store: Any, state: _State, out: dict[str, list]) -> None:
    clus = state.clusterer
    d = dialect(store)
    with store.transaction() as conn:
        d.executemany(conn, SAVE_SIGNATURE, out["story_signature"])
        d.executemany(conn, SAVE_LINK, out["story_link"])
        for aid, canon, cont, jac, by in out["duplicate"]:
            d.execute(conn, "DELETE FROM duplicate WHERE article_id = ?", (canon,))
            d.execute(
                conn,
                'INSERT INTO duplicate (article_id, canonical_id, containment, jaccard, "by")'
                " VALUES (?,?,?,?,?) ON CONFLICT (article_id) DO UPDATE SET canonical_id ="
                " excluded.canonical_id", (aid, canon, cont, jac, by))
        d.executemany(conn, SAVE_STORY_ARTICLE, out["story_article"])
        for sid in clus.touched:
            s = clus.stories[sid]
            title = d.execute(conn, "SELECT title FROM article WHERE id = ?", (s.id,)).fetchone()
            d.execute(
                conn, SAVE_STORY,
                (s.id, s.first, s.last, len(s.members), title[0] if title else None,
                 json.dumps({k: round(v, 5) for k, v in s.centroid.items()}),
                 json.dumps(dict(s.entities.most_common(50))),
                 _state_json(s.join_state()) if s.titles else state.closed.get(sid)))
        changed = [(t, c) for t, c in clus.df.df.items() if state.df_before.get(t) != c]
        d.executemany(conn, SAVE_DF, changed)
        d.execute(conn, SAVE_META, ("stories:n", str(clus.df.n)))


def _state_json(state: dict | None) -> str | None:
    return None if state is None else json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def recluster(store: Any, **options: Any) -> UpdateStats:
    """Forget every story, copy and link decision and compute them again from scratch."""
    ensure_schema(store)
    with dialect(store).exclusive(store.connection, STAGE_LOCK):
        with store.transaction() as conn:
            for table in ("story", "story_article", "duplicate", "story_signature", "story_link",
                          "story_df"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM meta WHERE key = 'stories:n'")
        return update(store, **options)
