"""Incremental story clustering: each new article joins the best open story or starts one.

An article is represented by its 30 heaviest terms (title words count twice;
weights are sublinear tf x idf, with document frequencies kept as articles
arrive, doubled for words mostly written capitalised, i.e. names), the
entities it names and the stored articles it links to. A story
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
linked from) a story member; an article may join when the score reaches
``threshold``. The score alone merges template articles (forecasts for two
cities score 0.9) and articles that share one name but no development, so the
best-scoring story is joined only if the join test (``StoryClusterer.admits``)
agrees, else the next one is tried, else the article starts a story:

* editions: a title dated to a day ("Hari Ini 27 Februari", "Besok") must name
  a day the story's dated titles name;
* templates: when the article's title shares a third of its words with a
  member's title, each side naming something in its title (a name as written
  in the body, a number that is not a year) the other side never mentions,
  they are two fillings of one template ("Prakiraan Cuaca di Surabaya" and
  "... di Yogyakarta", "Kunci Jawaban ... Halaman 167" and "... 170");
* days: every day since the story last grew adds ``day_step`` to the score
  needed (weekly market reports are not one story);
* wording: below a ``strong`` score, the article's full wording (every term,
  sublinear tf x idf, no name boost, 200 terms) must reach ``wording_min``
  cosine with the story's summed wording. The 30-term vector is dominated by
  names, so two items on one minister or one town score high; their wording
  differs.

A resolved "Baca juga" link admits the join without the test. The test's
state (member names, title words, dated days, wording) is kept while the story
is open and dropped when it leaves the window. ``Story.join_state`` gives it
as plain JSON-ready data and ``Story.restore`` takes it back, so a store can
keep it with the story and a later run (the next day's ingest) extends the
story under the same test as one run over the whole archive would.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

BY = "cluster:tfidf+entities+links"
ARTICLE_TERMS = 30
STORY_TERMS = 60
KEY_TERMS = 12
MAX_CANDIDATES = 40
MAX_TITLES = 8  # member titles a story keeps for the template test
WORDING_TERMS = 200  # terms of an article's and a story's full wording vector
TEMPLATE_SHARE = 1 / 3  # title words two fillings of one template share (Jaccard)
STATE_NAMES = 300  # most frequent member names a stored story keeps
STATE_TITLE_WORDS = 1000  # title words a stored story keeps (more only in runaway stories)
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


_MID_CAPITAL = re.compile(r"(?:(?<=[^\W_] )|(?<=[^\W_], ))[A-Z][^\W\d_]{2,}")


def proper_names(text: str, counts: Counter | None = None, like: set[str] | None = None) -> set[str]:
    """Name-like terms written capitalised at least once inside a sentence.

    A capital after a full stop, a quote or a line break proves nothing (the
    "Baca", "Dapatkan" and "Anda" of footers are written so), so a name must
    also appear capitalised right after a word or a comma. ``like`` is
    ``name_like(text)`` when the caller has it already.
    """
    if like is None:
        like = name_like(text, counts)
    return {w.lower() for w in _MID_CAPITAL.findall(text)} & like


_TITLE_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_MONTHS = {m: i for i, m in enumerate(
    "januari februari maret april mei juni juli agustus september oktober november desember".split(), 1)}
_TITLE_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\b")
_RELATIVE = {"hari ini": 0, "besok": 1, "kemarin": -1}


def _is_slot_number(tok: str) -> bool:
    """Numbers that tell one edition from another (a page, a count), not years."""
    return tok.isdigit() and not (len(tok) == 4 and tok[:2] in ("19", "20"))


def edition(title: str | None, published: str | None) -> str | None:
    """The day a dated title is about ("Hari Ini 27 Februari", "Besok"), as MM-DD.

    Forecasts, exchange-rate reports, codes and schedules are published as a
    series with one title per day; two of them are different editions, not one story.
    """
    low = (title or "").lower()
    m = _TITLE_DATE.search(low)
    if m:
        return f"{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    day = _day(published)
    if day is None:
        return None
    for word, shift in _RELATIVE.items():
        if re.search(rf"\b{word}\b", low):
            return (day + timedelta(days=shift)).strftime("%m-%d")
    return None


@dataclass(slots=True)
class TitleInfo:
    """What the template test needs from a member's title."""

    words: frozenset[str]  # content words of the title
    slots: frozenset[str]  # its names (as written in the body) and edition numbers


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
    # Kept while the story is open, for the join test (see ``join_state``;
    # emptied when the story leaves the window).
    names: Counter = field(default_factory=Counter)  # proper names of its members
    wording: dict[str, float] = field(default_factory=dict)  # summed member wordings, pruned
    wording_norm: float = 1.0
    titles: list[TitleInfo] = field(default_factory=list)  # of its first members
    title_words: set[str] = field(default_factory=set)  # every member title's words and numbers
    editions: set[str] = field(default_factory=set)  # days its dated titles are about

    def centroid_norm(self) -> float:
        if not self.norm:
            self.norm = _norm(self.centroid)
        return self.norm

    @property
    def size(self) -> int:
        return len(self.members)

    def join_state(self) -> dict | None:
        """What the join test knows of the story, as JSON-ready data; None once it left the window.

        Every story that grew in this process has at least one title, so an
        empty ``titles`` means the state was dropped (or never read back) and
        there is nothing to save. The wording is already trimmed to
        ``WORDING_TERMS`` terms; names keep their ``STATE_NAMES`` most frequent.
        """
        if not self.titles:
            return None
        return {
            "names": dict(self.names.most_common(STATE_NAMES)),
            "wording": {t: round(v, 5) for t, v in self.wording.items()},
            "titles": [[sorted(t.words), sorted(t.slots)] for t in self.titles],
            "title_words": sorted(self.title_words)[:STATE_TITLE_WORDS],
            "editions": sorted(self.editions),
        }

    def restore(self, state: dict | None) -> None:
        """Take back what ``join_state`` gave (None or {} leaves the story without test state)."""
        if not state:
            return
        self.names = Counter(state.get("names", {}))
        self.wording = dict(state.get("wording", {}))
        self.wording_norm = _norm(self.wording)
        self.titles = [TitleInfo(frozenset(w), frozenset(s)) for w, s in state.get("titles", [])]
        self.title_words = set(state.get("title_words", []))
        self.editions = set(state.get("editions", []))


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


def _top(weights: dict[str, float], size: int) -> dict[str, float]:
    """The ``size`` heaviest entries, L2-normalised."""
    top = dict(heapq.nlargest(size, weights.items(), key=lambda kv: kv[1]))
    n = _norm(top)
    return {w: v / n for w, v in top.items()}


@dataclass(slots=True)
class _Features:
    """An article as the join test sees it."""

    vec: dict[str, float]
    wording: dict[str, float]  # sublinear tf x idf of all its terms (no name boost), L2-normalised
    names: set[str]  # proper names (lower case)
    words: set[str]  # every term of the text, stop words included
    numbers: set[str]  # every number written in the text
    title: TitleInfo
    edition: str | None


class StoryClusterer:
    """Holds open stories and their indexes; ``add`` places one article.

    An article joins the best-scoring open story the join test (``admits``,
    see the module docstring) agrees to; ``refused`` counts its refusals by reason.
    """

    def __init__(self, threshold: float = 0.35, window_days: int = 7, entity_bonus: float = 0.15,
                 link_bonus: float = 0.4, common_share: float = 0.05, df: DocFreq | None = None,
                 day_step: float = 0.03, wording_min: float = 0.3, templates: bool = True,
                 editions: bool = True, strong: float = 0.5):
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.entity_bonus = entity_bonus
        self.link_bonus = link_bonus
        self.common_share = common_share
        self.day_step = day_step
        self.wording_min = wording_min
        self.strong = strong
        self.templates = templates
        self.editions = editions
        self.df = df or DocFreq()
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.by_term: dict[str, set[str]] = {}
        self.by_entity: dict[str, set[str]] = {}
        self.touched: set[str] = set()
        self.clock: date | None = None  # latest publication date seen
        self._closing: list[tuple[str, str]] = []  # heap of (last date, story id)
        self.refused: Counter = Counter()  # joins the join test turned down, by reason
        # Called with each story that grew here as it leaves the window, before its join
        # state is dropped (a store's run sets it, to save that state with the story).
        self.on_close: Callable[[Story], None] | None = None

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
        Stories stay in ``stories`` (without their join-test state); an article
        arriving far out of date order may then start a new story
        (``cluster_all`` sorts by date first).
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
                if self.on_close is not None and sid in self.touched and story.titles:
                    self.on_close(story)
                story.names, story.wording, story.titles, story.title_words = Counter(), {}, [], set()

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

    def features(self, doc: StoryDoc, every: Counter, tf: Counter) -> _Features:
        """Vector, names, words, numbers and title of an article, computed once."""
        like = name_like(doc.text, every)
        names = proper_names(doc.text, every, like)
        base = {w: (1 + math.log(c)) * self.df.idf(w) for w, c in tf.items()}
        vec = _top({w: v * NAME_BOOST if w in like else v for w, v in base.items()}, ARTICLE_TERMS)
        wording = _top(base, WORDING_TERMS)
        title = (doc.title or "").lower()
        tokens = _TITLE_TOKEN.findall(title)
        info = TitleInfo(frozenset(terms(title)),
                         frozenset(t for t in tokens if t in names or _is_slot_number(t)))
        return _Features(vec, wording, names, set(every), set(_NUMBER.findall(doc.text)), info,
                         edition(doc.title, doc.published))

    def _template_clash(self, f: _Features, story: Story) -> bool:
        """Two fillings of one title template: shared title wording, each with its own slots.

        Each side's title must name something (a name or a number, not a year)
        that the other side's text never mentions: "Prakiraan Cuaca di Surabaya"
        and "... di Yogyakarta", "Kunci Jawaban ... Halaman 167" and "... 170".
        """
        mine = f.title.slots - story.title_words - story.names.keys()
        if not mine:
            return False
        for other in story.titles:
            shared = len(f.title.words & other.words)
            if shared < 2 or shared < TEMPLATE_SHARE * len(f.title.words | other.words):
                continue
            theirs = {t for t in other.slots if t not in f.words and t not in f.numbers}
            if theirs:
                return True
        return False

    def admits(self, f: _Features, doc: StoryDoc, story: Story, score: float,
               day: date | None) -> str | None:
        """None when the article may join the story, else the reason it may not."""
        linked = any(self.story_of.get(link) == story.id for link in doc.links)
        if linked:
            return None
        if self.editions and f.edition and story.editions and f.edition not in story.editions:
            return "edition"
        if self.day_step and day is not None and _day(story.last) is not None:
            gap = (day - _day(story.last)).days
            if gap > 0 and score < self.threshold + self.day_step * gap:
                return "days"
        if self.wording_min and story.wording and score < self.strong:
            w = story.wording
            overlap = sum(f.wording[t] * w[t] for t in f.wording.keys() & w.keys())
            if overlap / story.wording_norm < self.wording_min:
                return "wording"
        if self.templates and story.titles and self._template_clash(f, story):
            return "template"
        return None

    def add(self, doc: StoryDoc) -> Assignment:
        """Place one article: join the best open story the join test admits, or start one."""
        if doc.id in self.story_of:
            return Assignment(doc.id, self.story_of[doc.id], 1.0, False, "already")
        day = _day(doc.published)
        self._expire(day)
        every = Counter(_TERM.findall(doc.text.lower()))
        tf = term_counts(doc, every)
        f = self.features(doc, every, tf)
        scored = []
        for sid in self.candidates(f.vec, doc):
            story = self.stories[sid]
            if not self._open(story, day):
                continue
            sc = self.score(f.vec, doc, story)
            if sc >= self.threshold:
                scored.append((sc, sid))
        self.df.add(tf)
        for sc, sid in sorted(scored, reverse=True):
            best = self.stories[sid]
            reason = self.admits(f, doc, best, sc, day)
            if reason is None:
                self._join(best, doc, f)
                return Assignment(doc.id, best.id, round(sc, 4), False)
            self.refused[reason] += 1
        story = Story(doc.id, doc.published or "", doc.published or "")
        self.stories[story.id] = story
        self._join(story, doc, f)
        return Assignment(doc.id, story.id, 1.0, True)

    def _join(self, story: Story, doc: StoryDoc, f: _Features) -> None:
        self._unindex(story)
        merged = Counter(story.centroid)
        merged.update(f.vec)
        story.centroid = dict(merged.most_common(STORY_TERMS))
        story.norm = _norm(story.centroid)
        story.entities.update(set(doc.entities))
        story.members.append(doc.id)
        story.names.update(f.names)
        wording = Counter(story.wording)
        wording.update(f.wording)
        story.wording = dict(wording.most_common(WORDING_TERMS))
        story.wording_norm = _norm(story.wording)
        if len(story.titles) < MAX_TITLES:
            story.titles.append(f.title)
        story.title_words.update(f.title.words, f.title.slots)
        if f.edition:
            story.editions.add(f.edition)
        if doc.published:
            story.first = min(story.first or doc.published, doc.published)
            story.last = max(story.last or doc.published, doc.published)
        self.story_of[doc.id] = story.id
        self._index(story)
        self.touched.add(story.id)


def cluster_all(docs: Iterable[StoryDoc], **options: Any) -> dict[str, str]:
    """Cluster from scratch (articles in date order): article id -> story id."""
    clusterer = StoryClusterer(**options)
    for doc in sorted(docs, key=lambda d: (d.published or "", d.id)):
        clusterer.add(doc)
    return dict(clusterer.story_of)
