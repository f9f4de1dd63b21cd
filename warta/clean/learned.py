"""Boilerplate learned from the corpus: what repeats across one outlet's articles.

A promo line, a widget label or a byline template appears in many articles of
an outlet whose contents otherwise differ. Counting each paragraph and each
sentence-sized piece (normalised: lower case, digits folded) per outlet over a
sample finds them, so a new outlet's footer goes without a new rule.

Two guards keep real sentences in: a piece counts once per *distinct* article
(articles are told apart by the hash of their first paragraph, so a dump that
holds the same article seven times does not make its sentences boilerplate),
and it must reach both ``min_articles`` articles and ``min_share`` of the
outlet's articles in the sample.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict

_PIECE = re.compile(r"[^\n]+?(?:[.!?…]+(?=\s|$)|$)", re.M)
MIN_WORDS = 4
_CAP = 64  # distinct articles remembered per piece: enough to pass any threshold


_FOLD_DIGITS = str.maketrans("123456789", "000000000")


def _key(piece: str) -> str | None:
    """The piece normalised (lower case, digits folded, spaces collapsed), or None if too short.

    The normalised text itself is the key: deterministic across processes
    (unlike ``hash``), readable in the saved model, and cheap.
    """
    if len(piece) < 20:
        return None
    words = piece.lower().translate(_FOLD_DIGITS).split()
    if len(words) < MIN_WORDS:
        return None
    return " ".join(words)


def units(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every paragraph and every sentence-sized piece."""
    out = []
    pos = 0
    for line in text.split("\n"):
        k = _key(line)
        if k:
            out.append((pos, pos + len(line), k))
        for m in _PIECE.finditer(line):
            piece = m.group(0)
            k2 = _key(piece)
            if k2 and len(piece) < len(line):
                s = pos + m.start() + (len(piece) - len(piece.lstrip()))
                out.append((s, pos + m.end(), k2))
        pos += len(line) + 1
    return out


class LearnedBoilerplate:
    """Counts pieces per outlet while observing, then removes the frequent ones."""

    def __init__(self, min_articles: int = 5, min_share: float = 0.05):
        self.min_articles = min_articles
        self.min_share = min_share
        self._seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._articles: dict[str, set[str]] = defaultdict(set)
        self.learned: dict[str, set[str]] = {}

    def observe(self, text: str, outlet: str | None) -> None:
        outlet = outlet or "*"
        first = text.split("\n", 1)[0][:300]
        sig = hashlib.blake2b(first.encode("utf-8"), digest_size=6).hexdigest()
        self._articles[outlet].add(sig)
        for _, _, k in units(text):
            seen = self._seen[(outlet, k)]
            if len(seen) < _CAP:
                seen.add(sig)

    def finalize(self) -> LearnedBoilerplate:
        """Freeze what was observed into the sets of pieces to remove."""
        learned: dict[str, set[str]] = defaultdict(set)
        for (outlet, k), sigs in self._seen.items():
            total = len(self._articles[outlet])
            if len(sigs) >= self.min_articles and len(sigs) >= self.min_share * total:
                learned[outlet].add(k)
        self.learned = dict(learned)
        self._seen.clear()
        return self

    def spans(self, text: str, outlet: str | None) -> list[tuple[int, int, str]]:
        keys = self.learned.get(outlet or "*")
        if not keys:
            return []
        low = text.lower()
        if not any(p in low for p in self._probes(outlet or "*")):
            return []  # no learned piece can be in this text: skip the per-piece work
        return [(s, e, "learned-boilerplate") for s, e, k in units(text) if k in keys]

    def _probes(self, outlet: str) -> tuple[str, ...]:
        """One digit-free word of each learned piece, for a fast substring pre-test."""
        cache = self.__dict__.setdefault("_probe_cache", {})
        if outlet not in cache:
            probes = set()
            for key in self.learned.get(outlet, ()):
                words = [w for w in key.split() if not any(c.isdigit() for c in w)]
                probes.add(max(words, key=len) if words else key)
            cache[outlet] = tuple(probes)
        return cache[outlet]

    def __len__(self) -> int:
        return sum(len(v) for v in self.learned.values())

    def to_json(self) -> str:
        return json.dumps({o: sorted(k) for o, k in self.learned.items()})

    @classmethod
    def from_json(cls, data: str) -> LearnedBoilerplate:
        lb = cls()
        lb.learned = {o: set(k) for o, k in json.loads(data).items()}
        return lb

    def merge(self, other: LearnedBoilerplate) -> LearnedBoilerplate:
        for o, keys in other.learned.items():
            self.learned.setdefault(o, set()).update(keys)
        return self
