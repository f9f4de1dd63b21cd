"""Incremental story clustering: each new article joins the best open story or starts one.

An article is represented by its 30 heaviest terms (title words count twice;
weights are sublinear tf x idf, with document frequencies kept as articles
arrive, doubled for words mostly written capitalised, i.e. names), the entities it names and the stored articles it links to. A story
keeps the sum of its members' term vectors (pruned to 60 terms), the entities
of its members and its first and last date.

Candidates come from inverted indexes (story terms, story entities, stories of
linked articles), never from a scan of all stories, and only stories whose
dates lie within ``window_days`` of the article are considered; very common
terms are not used as keys. The cost per article is bounded by the posting
lists of its rarer terms, so clustering is near-linear in the number of
articles. ``cluster_all`` sorts articles by date and feeds them to the same
assigner: clusters recomputed from scratch, to compare with the incremental run.

The join score is the cosine of the article with the story centroid, plus a
bonus for shared entities and a larger one when the article links to (or is
linked from) a story member; an article joins when the score reaches
``threshold``.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

BY = "cluster:tfidf+entities+links"
ARTICLE_TERMS = 30
STORY_TERMS = 60
KEY_TERMS = 12
MAX_CANDIDATES = 40
_TERM = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words never counted as shared content (``stopwords.txt`` beside this module)."""
    text = resources.files(__package__).joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


NAME_BOOST = 2.0


def terms(text: str) -> list[str]:
    """Content words: letters only, three or more, lower-cased, stop words removed."""
    stop = stopwords()
    return [w for w in _TERM.findall(text.lower()) if w not in stop]


_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]{2,}")


def name_like(text: str, counts: Counter | None = None) -> set[str]:
    """Terms written capitalised in most of their occurrences: names of people, places, bodies.

    Names are the strongest sign that two reports follow the same development,
    and spotting them by case needs no model and works while idf is still thin.
    ``counts`` (all lower-cased terms of the text) saves a second pass.
    """
    seen = counts if counts is not None else Counter(_TERM.findall(text.lower()))
    caps = Counter(map(str.lower, _CAPITALISED.findall(text)))
    return {w for w, c in caps.items() if c * 2 > seen.get(w, 0)}


@dataclass(slots=True)
class StoryDoc:
    """The light record clustering needs from an article."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    entities: list[str] = field(default_factory=list)  # entity ids (or actor codes)
    links: list[str] = field(default_factory=list)  # ids of stored articles it links to


@dataclass(slots=True)
class Story:
    """A cluster of articles about one development, with what is needed to extend it."""

    id: str
    first: str
    last: str
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter = field(default_factory=Counter)
    members: list[str] = field(default_factory=list)
    norm: float = 0.0  # L2 norm of the centroid, kept with it

    def centroid_norm(self) -> float:
        if not self.norm:
            self.norm = _norm(self.centroid)
        return self.norm

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(slots=True)
class Assignment:
    article: str
    story: str
    score: float
    new: bool
    by: str = BY


def _day(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d[:10]) if d else None
    except ValueError:
        return None


def _norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


class DocFreq:
    """Document frequencies, updated as articles arrive (so idf needs no second pass)."""

    def __init__(self, df: dict[str, int] | None = None, n: int = 0):
        self.df: Counter = Counter(df or {})
        self.n = n

    def add(self, words: Iterable[str]) -> None:
        self.df.update(set(words))
        self.n += 1

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0


def term_counts(doc: StoryDoc, counts: Counter | None = None) -> Counter:
    """Term frequencies of an article (stop words out), title words counted three times."""
    stop = stopwords()
    every = counts if counts is not None else Counter(_TERM.findall(doc.text.lower()))
    tf = Counter({w: c for w, c in every.items() if w not in stop})
    for w in terms(doc.title or ""):
        tf[w] += 2
    return tf


def vector(doc: StoryDoc, df: DocFreq, size: int = ARTICLE_TERMS,
           tf: Counter | None = None, every: Counter | None = None) -> dict[str, float]:
    """The article's heaviest terms, L2-normalised."""
    every = Counter(_TERM.findall(doc.text.lower())) if every is None else every
    tf = term_counts(doc, every) if tf is None else tf
    names = name_like(doc.text, every)
    weights = {
        w: (1 + math.log(c)) * df.idf(w) * (NAME_BOOST if w in names else 1.0)
        for w, c in tf.items()
    }
    top = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:size])
    n = _norm(top)
    return {w: v / n for w, v in top.items()}


class StoryClusterer:
    """Holds open stories and their indexes; ``add`` places one article."""

    def __init__(self, threshold: float = 0.35, window_days: int = 7, entity_bonus: float = 0.15,
                 link_bonus: float = 0.4, common_share: float = 0.05, df: DocFreq | None = None):
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.entity_bonus = entity_bonus
        self.link_bonus = link_bonus
        self.common_share = common_share
        self.df = df or DocFreq()
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.by_term: dict[str, set[str]] = {}
        self.by_entity: dict[str, set[str]] = {}
        self.touched: set[str] = set()
        self.clock: date | None = None  # latest publication date seen
        self._closing: list[tuple[str, str]] = []  # heap of (last date, story id)

    # -- state -------------------------------------------------------------
    def load(self, story: Story, members: Iterable[str] = ()) -> None:
        """Put an existing story (e.g. read back from the store) into the indexes."""
        self.stories[story.id] = story
        for m in list(members) or story.members:
            self.story_of[m] = story.id
        self._index(story)

    def _index(self, story: Story) -> None:
        if story.last:
            heapq.heappush(self._closing, (story.last, story.id))
        for w in story.centroid:
            self.by_term.setdefault(w, set()).add(story.id)
        for e in story.entities:
            self.by_entity.setdefault(e, set()).add(story.id)

    def _unindex(self, story: Story) -> None:
        for w in story.centroid:
            self.by_term.get(w, set()).discard(story.id)
        for e in story.entities:
            self.by_entity.get(e, set()).discard(story.id)

    def _expire(self, day: date | None) -> None:
        """Drop stories closed before the window of the latest date from the indexes.

        This keeps posting lists to the stories still open, so the cost of an
        article depends on the volume of one window, not on the whole history.
        Stories stay in ``stories``; an article arriving far out of date order
        may then start a new story (``cluster_all`` sorts by date first).
        """
        if day is None or (self.clock is not None and day <= self.clock):
            return
        self.clock = day
        horizon = (day - self.window).isoformat()
        while self._closing and self._closing[0][0] < horizon:
            last, sid = heapq.heappop(self._closing)
            story = self.stories.get(sid)
            if story is not None and story.last == last:
                self._unindex(story)

    # -- placing -------------------------------------------------------------
    def _open(self, story: Story, day: date | None) -> bool:
        if day is None:
            return True
        first, last = _day(story.first), _day(story.last)
        return (last is None or day <= last + self.window) and (first is None or day >= first - self.window)

    def candidates(self, vec: dict[str, float], doc: StoryDoc) -> set[str]:
        """Stories sharing the most rarer key terms and entities, plus stories of linked articles.

        Only the ``MAX_CANDIDATES`` stories with most shared keys are scored,
        so the work per article stays bounded however busy the window is.
        """
        hits: Counter = Counter()
        limit = max(50, self.common_share * self.df.n)
        for w in sorted(vec, key=lambda w: -vec[w])[:KEY_TERMS]:
            if self.df.df.get(w, 0) <= limit:
                hits.update(self.by_term.get(w, ()))
        for e in set(doc.entities):
            hits.update(self.by_entity.get(e, ()))
        found = {sid for sid, _ in hits.most_common(MAX_CANDIDATES)}
        for link in doc.links:
            if link in self.story_of:
                found.add(self.story_of[link])
        return found

    def score(self, vec: dict[str, float], doc: StoryDoc, story: Story) -> float:
        """Cosine with the story centroid, plus entity and link evidence."""
        c = story.centroid
        s = sum(vec[w] * c[w] for w in vec.keys() & c.keys()) / story.centroid_norm()
        ents = set(doc.entities)
        if ents and story.entities:
            shared = len(ents & story.entities.keys())
            s += self.entity_bonus * min(shared, 3) / 3
        if any(self.story_of.get(link) == story.id for link in doc.links):
            s += self.link_bonus
        return s

    def add(self, doc: StoryDoc) -> Assignment:
        """Place one article: join the best open story or start a new one."""
        if doc.id in self.story_of:
            return Assignment(doc.id, self.story_of[doc.id], 1.0, False, "already")
        day = _day(doc.published)
        self._expire(day)
        every = Counter(_TERM.findall(doc.text.lower()))
        tf = term_counts(doc, every)
        vec = vector(doc, self.df, tf=tf, every=every)
        best, best_score = None, 0.0
        for sid in self.candidates(vec, doc):
            story = self.stories[sid]
            if not self._open(story, day):
                continue
            sc = self.score(vec, doc, story)
            if sc > best_score:
                best, best_score = story, sc
        self.df.add(tf)
        if best is not None and best_score >= self.threshold:
            self._join(best, doc, vec)
            return Assignment(doc.id, best.id, round(best_score, 4), False)
        story = Story(doc.id, doc.published or "", doc.published or "")
        self.stories[story.id] = story
        self._join(story, doc, vec)
        return Assignment(doc.id, story.id, 1.0, True)

    def _join(self, story: Story, doc: StoryDoc, vec: dict[str, float]) -> None:
        self._unindex(story)
        merged = Counter(story.centroid)
        merged.update(vec)
        story.centroid = dict(merged.most_common(STORY_TERMS))
        story.norm = _norm(story.centroid)
        story.entities.update(set(doc.entities))
        story.members.append(doc.id)
        if doc.published:
            story.first = min(story.first or doc.published, doc.published)
            story.last = max(story.last or doc.published, doc.published)
        self.story_of[doc.id] = story.id
        self._index(story)
        self.touched.add(story.id)


def cluster_all(docs: Iterable[StoryDoc], **options: float) -> dict[str, str]:
    """Cluster from scratch (articles in date order): article id -> story id."""
    clusterer = StoryClusterer(**options)
    for doc in sorted(docs, key=lambda d: (d.published or "", d.id)):
        clusterer.add(doc)
    return dict(clusterer.story_of)
