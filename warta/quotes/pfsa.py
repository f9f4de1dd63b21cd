"""PFSA-ID reader and scorer.

PFSA-ID (Purnomo et al., 2022) annotates Kompas articles for statement
attribution: one token a line with a BILOU tag, a blank line between
sentences, and no article separator. The reader rebuilds articles from the
sentence sequence (a new article starts at a "CITY , KOMPAS —" dateline, or at
a second ISSUE span), detokenises them into plain text with character offsets,
and keeps the gold STATEMENT spans with the PERSON / PERSONCOREF mention that
names each statement's speaker.

The scorer matches predicted quotes to gold statements one to one: a pair
counts when the Jaccard overlap of their token sets is at least one half. It
reports span precision, recall and F1, and speaker accuracy over matched
statements whose gold names a speaker. PFSA-ID marks the statements of public
figures only: by default the quotes whose speaker the article presents as a
private person (``standing``) are not scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article, Sentence

SPEAKER_LABELS = ("PERSON", "PERSONCOREF")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’]*$")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "…"}
_NO_SPACE_AFTER = {"(", "["}


@dataclass(slots=True)
class GoldSpan:
    """One labelled span of the rebuilt text."""

    label: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class GoldArticle:
    """A rebuilt PFSA-ID article: plain text, sentences and gold spans."""

    index: int
    text: str
    sentences: list[Sentence]
    spans: list[GoldSpan] = field(default_factory=list)

    def statements(self) -> list[GoldSpan]:
        return [s for s in self.spans if s.label == "STATEMENT"]

    def speakers(self) -> list[GoldSpan]:
        return [s for s in self.spans if s.label in SPEAKER_LABELS]

    def to_article(self) -> Article:
        """The rebuilt text as a bare Article, ready for the pipeline stages."""
        return Article(
            text=self.text,
            id=f"pfsa-{self.index}",
            source=f"pfsa-id#{self.index}",
            outlet="Kompas",
            sentences=list(self.sentences),
        )


def read_sentences(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    """Sentences as lists of (token, tag); a blank line ends a sentence."""
    sent: list[tuple[str, str]] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if sent:
                yield sent
                sent = []
            continue
        tok, _, tag = line.partition("\t")
        sent.append((tok, tag.strip() or "O"))
    if sent:
        yield sent


def _is_dateline(sent: list[tuple[str, str]]) -> bool:
    """A sentence that opens an article: 'JAKARTA , KOMPAS —'."""
    words = [t for t, _ in sent[:8]]
    if "KOMPAS" not in words:
        return False
    k = words.index("KOMPAS")
    if k < 2 or words[k - 1] != "," or k + 1 >= len(words) or words[k + 1] not in "—–-":
        return False
    return bool(_DATELINE.match(" ".join(words[: k - 1])))


def _has_issue(sent: list[tuple[str, str]]) -> bool:
    return any(tag.endswith("-ISSUE") and tag[0] in "BU" for _, tag in sent)


def split_articles(sentences: Iterable[list[tuple[str, str]]]) -> Iterator[list[list]]:
    """Group sentences into articles (see the module docstring for the rule)."""
    current: list[list[tuple[str, str]]] = []
    seen_issue = False
    for sent in sentences:
        new_by_dateline = _is_dateline(sent)
        new_by_issue = _has_issue(sent) and seen_issue
        if current and (new_by_dateline or new_by_issue):
            yield current
            current, seen_issue = [], False
        current.append(sent)
        seen_issue = seen_issue or _has_issue(sent)
    if current:
        yield current


def _join_token(parts: list[str], tok: str, prev: str | None) -> int:
    """Append ``tok`` to ``parts`` with the spacing news text would have; its offset."""
    if prev is not None and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
        parts.append(" ")
    elif prev is not None and tok in _NO_SPACE_BEFORE and prev in {"”", "“", '"'}:
        parts.append(" ")
    offset = sum(len(p) for p in parts)
    parts.append(tok)
    return offset


def rebuild(index: int, sentences: list[list[tuple[str, str]]]) -> GoldArticle:
    """Detokenise one article and turn its BILOU tags into character spans.

    Tokens are joined by one space except before closing punctuation and after
    opening brackets; quote marks keep a space on both sides because the data
    does not say whether a mark opens or closes.
    """
    parts: list[str] = []
    length = 0
    prev: str | None = None
    sents: list[Sentence] = []
    spans: list[GoldSpan] = []
    open_label: str | None = None
    open_start = 0
    for sent in sentences:
        s_start = None
        for tok, tag in sent:
            before = len(parts)
            start = _join_token(parts, tok, prev)
            length += sum(len(p) for p in parts[before:])
            end = start + len(tok)
            prev = tok
            s_start = start if s_start is None else s_start
            kind, _, label = tag.partition("-")
            if kind in ("B", "U"):
                open_label, open_start = label, start
            if kind in ("L", "U") and open_label == label:
                spans.append(GoldSpan(label, open_start, end, ""))
                open_label = None
        sents.append(Sentence(s_start or 0, length, by="pfsa-id"))
    text = "".join(parts)
    for sp in spans:
        sp.text = text[sp.start : sp.end]
    return GoldArticle(index, text, sents, spans)


def read_pfsa(path: str | Path) -> list[GoldArticle]:
    """All articles of a PFSA-ID file, rebuilt."""
    with open(path, encoding="utf-8") as fh:
        groups = list(split_articles(read_sentences(fh)))
    return [rebuild(i, g) for i, g in enumerate(groups)]


# ---------------------------------------------------------------- scoring

_TOKEN = re.compile(r"\w+")
GOLD_SPEAKER_AFTER = 160  # characters after a statement where its cue and speaker sit


def _tokens(text: str, s: int, e: int) -> set[int]:
    """Token positions (start offsets) of [s, e): the unit of span overlap."""
    return {m.start() for m in _TOKEN.finditer(text, s, e)}


def jaccard(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    ta, tb = _tokens(text, *a), _tokens(text, *b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _sentence_end(article: GoldArticle, pos: int) -> int:
    """End of the sentence that holds the first word at or after ``pos`` (a statement's cue)."""
    text = article.text
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for sent in article.sentences:
        if sent.start <= pos < sent.end:
            return sent.end
    return len(text)


def gold_speaker(article: GoldArticle, stmt: GoldSpan) -> GoldSpan | None:
    """The PERSON / PERSONCOREF that names a statement's speaker.

    The one written just after the statement, in the sentence that holds its
    cue ('"…," kata Budi.'), when there is one; otherwise the last one before
    it, which is how PFSA-ID marks the speaker of '"…," katanya.' (the clitic
    is a CUECOREF and names nobody: a person named in the next sentence is
    someone else).
    """
    stmts = article.statements()
    later = [s.start for s in stmts if s.start >= stmt.end]
    limit = min([stmt.end + GOLD_SPEAKER_AFTER, _sentence_end(article, stmt.end)] + later)
    speakers = article.speakers()
    after = [s for s in speakers if stmt.end <= s.start < limit]
    if after:
        return after[0]
    before = [s for s in speakers if s.end <= stmt.start]
    return before[-1] if before else None


def _name_tokens(name: str) -> set[str]:
    from .lexicon import pronouns, role_words

    skip = role_words().keys() | pronouns().keys()
    return {w.lower() for w in _TOKEN.findall(name) if w.lower() not in skip and len(w) > 1}


def speaker_matches(article: GoldArticle, gold: GoldSpan, speaker: dict | None) -> bool:
    """Whether a predicted speaker is the gold one.

    It is when its evidence span overlaps the gold mention, or when the names
    share a word (titles and roles aside). A gold PERSONCOREF ('Presiden',
    'ia') is also compared with the last gold PERSON before it.
    """
    if not speaker:
        return False
    if speaker.get("start") is not None and speaker["start"] < gold.end and gold.start < speaker["end"]:
        return True
    mine = _name_tokens(speaker.get("name") or "")
    if mine & _name_tokens(gold.text):
        return True
    if gold.label == "PERSONCOREF":
        persons = [s for s in article.spans if s.label == "PERSON" and s.end <= gold.start]
        if persons and mine & _name_tokens(persons[-1].text):
            return True
    return False


@dataclass(slots=True)
class Score:
    """Counts for span F1 and speaker accuracy."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    with_speaker: int = 0
    speaker_right: int = 0
    articles: int = 0

    def add(self, other: Score) -> None:
        for f in ("gold", "predicted", "matched", "with_speaker", "speaker_right", "articles"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_speaker if self.with_speaker else 0.0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(100 * self.precision, 1),
            "recall": round(100 * self.recall, 1),
            "f1": round(100 * self.f1, 1),
            "speaker_gold": self.with_speaker,
            "speaker_right": self.speaker_right,
            "speaker_accuracy": round(100 * self.speaker_accuracy, 1),
        }


def public(quote: dict) -> bool:
    """Whether a quote may be a public figure's: its speaker is not known to be a private person."""
    standing = (quote.get("speaker") or {}).get("standing") or {}
    return standing.get("kind") != "private"


def score_article(
    article: GoldArticle,
    quotes: list[dict],
    kinds: tuple[str, ...] = ("direct",),
    public_only: bool = True,
) -> Score:
    """Match one article's predicted quotes to its gold statements, greedily by overlap.

    PFSA-ID marks the statements of public figures only: with ``public_only``
    the quotes of speakers known to be private people are not scored.
    """
    text = article.text
    preds = [q for q in quotes if q["kind"] in kinds and (public(q) or not public_only)]
    golds = article.statements()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, q in enumerate(preds):
            j = jaccard(text, (g.start, g.end), (q["start"], q["end"]))
            if j >= 0.5:
                pairs.append((j, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    sc = Score(gold=len(golds), predicted=len(preds), articles=1)
    for _j, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        sc.matched += 1
        gs = gold_speaker(article, golds[gi])
        if gs is not None:
            sc.with_speaker += 1
            sc.speaker_right += speaker_matches(article, gs, preds[pi]["speaker"])
    return sc


def evaluate(
    articles: list[GoldArticle],
    analyze,
    kinds: tuple[str, ...] = ("direct",),
    public_only: bool = True,
) -> Score:
    """Score ``analyze(Article) -> list of quote dicts`` over rebuilt articles."""
    total = Score()
    for ga in articles:
        total.add(score_article(ga, analyze(ga.to_article()), kinds, public_only))
    return total


def halves(articles: list[GoldArticle]) -> tuple[list[GoldArticle], list[GoldArticle]]:
    """Even-numbered articles (inspected while developing) and odd ones (never inspected)."""
    return articles[0::2], articles[1::2]
