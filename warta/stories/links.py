"""Resolving "Baca juga" titles to stored articles.

Cleaning keeps each related-article line as a ``Link(title, url)``. When the
linked article is in the store, the link becomes an edge between the two
articles, which story clustering treats as strong evidence. Titles are
compared after normalisation (lower case, word characters only); an exact
match is a dictionary look-up, otherwise rapidfuzz's ``token_sort_ratio``
over the known titles must reach ``min_score`` (editors re-case and
re-punctuate titles, and sometimes drop a word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

BY_EXACT = "links:title-exact"
BY_FUZZY = "links:title-fuzzy"
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Lower-cased words joined by single spaces: what two renderings of a title share."""
    return " ".join(_WORD.findall(title.lower()))


@dataclass(slots=True)
class Resolved:
    title: str
    target: str
    score: float
    by: str


class TitleIndex:
    """Titles of stored articles, for exact and fuzzy look-up."""

    def __init__(self, min_score: float = 90.0, min_words: int = 3):
        self.min_score = min_score
        self.min_words = min_words
        self.exact: dict[str, str] = {}
        self.keys: list[str] = []
        self.ids: list[str] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, article_id: str, title: str | None) -> None:
        key = normalise_title(title or "")
        if len(key.split()) < self.min_words or key in self.exact:
            return
        self.exact[key] = article_id
        self.keys.append(key)
        self.ids.append(article_id)

    def resolve(self, title: str, exclude: str | None = None) -> Resolved | None:
        """The stored article a link title names, or None when none is close enough."""
        key = normalise_title(title)
        if len(key.split()) < self.min_words:
            return None
        found = self.exact.get(key)
        if found and found != exclude:
            return Resolved(title, found, 100.0, BY_EXACT)
        best = process.extractOne(key, self.keys, scorer=fuzz.token_sort_ratio,
                                  score_cutoff=self.min_score)
        if best is None:
            return None
        _, score, i = best
        if self.ids[i] == exclude:
            return None
        return Resolved(title, self.ids[i], float(score), BY_FUZZY)
