"""Near-duplicate articles: syndicated copies, re-posts with another footer or a changed sentence.

Method: each clean text becomes the set of its word 5-gram shingles (lower-cased
``\\w+`` tokens), summarised by a 128-permutation MinHash (datasketch, with a
CRC32 shingle hash so signatures are stable across processes and can be
stored). A MinHash LSH index returns candidates whose estimated Jaccard
similarity is around ``lsh_threshold`` or more, so the cost per article does
not grow with the number of stored articles (no all-pairs comparison).

A candidate is a copy when the estimated *containment* of the smaller shingle
set in the larger is at least ``containment``: a copy with another outlet's
footer or an extra paragraph has a modest Jaccard similarity but is almost
entirely contained in the original. Very short texts (fewer than
``min_shingles`` shingles) are never called copies: too little evidence.

With ``window_days`` the index forgets articles published more than that
many days before the latest date it has seen (as the store stage reads back
only the signatures of the surrounding weeks), so a long stream costs time and
memory in proportion to one window, not to its whole history.

Within a group of copies the canonical article is the earliest published
(then the longest text, then the smallest id): the one a reader would cite.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
BY = "minhash-lsh:5gram"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Signature:
    """A stored MinHash: hash values and the number of distinct shingles they summarise."""

    hashvalues: np.ndarray
    size: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, size: int) -> Signature:
        return cls(np.frombuffer(blob, dtype="<u4").astype(np.uint64), size)


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """Permutations are drawn once; drawing them per article would dominate the cost."""
    return MinHash(NUM_PERM, seed=1)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Distinct word k-grams of the lower-cased text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of a clean text."""
    sh = shingles(text)
    t = _template()
    m = MinHash(NUM_PERM, hashfunc=_crc32, permutations=t.permutations, scheme=t.scheme)
    if sh:
        m.update_batch(list(sh))
    return Signature(m.hashvalues.copy(), len(sh))


def _minhash(sig: Signature) -> MinHash:
    t = _template()
    return MinHash(NUM_PERM, hashvalues=sig.hashvalues, permutations=t.permutations, scheme=t.scheme)


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set found in the larger one.

    From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J (|A| + |B|) / (1 + J).
    """
    j = jaccard(a, b)
    if not a.size or not b.size:
        return 0.0
    inter = j * (a.size + b.size) / (1.0 + j)
    return min(1.0, inter / min(a.size, b.size))


@dataclass(slots=True)
class Match:
    """An earlier article this one copies, and how closely."""

    other: str
    containment: float
    jaccard: float


class DuplicateIndex:
    """An incremental near-duplicate index: ``add`` answers "is this a copy of something seen?"."""

    def __init__(self, lsh_threshold: float = 0.3, min_containment: float = 0.7,
                 min_shingles: int = 20, window_days: int | None = None):
        self.lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM)
        self.min_containment = min_containment
        self.min_shingles = min_shingles
        self.sigs: dict[str, Signature] = {}
        self.window = window_days
        self._dated: list[tuple[str, str]] = []  # heap of (published, article id)
        self._clock = ""

    def __len__(self) -> int:
        return len(self.sigs)

    def match(self, sig: Signature) -> Match | None:
        """The best earlier copy-match of a signature, or None."""
        if sig.size < self.min_shingles:
            return None
        best: Match | None = None
        for other in self.lsh.query(_minhash(sig)):
            o = self.sigs[other]
            if o.size < self.min_shingles:
                continue
            c = containment(sig, o)
            if c >= self.min_containment and (best is None or c > best.containment):
                best = Match(other, c, jaccard(sig, o))
        return best

    def insert(self, article_id: str, sig: Signature, published: str | None = None) -> None:
        if article_id not in self.sigs:
            self.sigs[article_id] = sig
            self.lsh.insert(article_id, _minhash(sig))
            if self.window is not None and published:
                heapq.heappush(self._dated, (published[:10], article_id))

    def expire(self, published: str | None) -> None:
        """Forget articles older than the window before ``published`` (no-op without a window)."""
        if self.window is None or not published or published[:10] <= self._clock:
            return
        self._clock = published[:10]
        try:
            horizon = (date.fromisoformat(self._clock) - timedelta(days=self.window)).isoformat()
        except ValueError:
            return
        while self._dated and self._dated[0][0] < horizon:
            _, old = heapq.heappop(self._dated)
            if self.sigs.pop(old, None) is not None:
                self.lsh.remove(old)

    def add(self, article_id: str, sig: Signature, published: str | None = None) -> Match | None:
        """Match then insert: the copy-match of a new article among those added before
        (within the window, when the index has one)."""
        if article_id in self.sigs:
            return None
        self.expire(published)
        found = self.match(sig)
        self.insert(article_id, sig, published)
        return found


def canonical_key(published: str | None, length: int, article_id: str) -> tuple:
    """Sort key: earliest date first, then the longest text, then the smallest id."""
    return (published or "9999-99-99", -length, article_id)


def group_copies(records: Iterable[tuple[str, str, str | None]], **index_options: float
                 ) -> dict[str, str]:
    """From (id, text, published) triples, the canonical id of every article that has copies.

    Articles without copies are absent from the result; a canonical article
    maps to itself. Groups are the connected components of copy-matches.
    """
    index = DuplicateIndex(**index_options)
    parent: dict[str, str] = {}
    key: dict[str, tuple] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for article_id, text, published in records:
        key[article_id] = canonical_key(published, len(text), article_id)
        m = index.add(article_id, signature(text))
        if m is None:
            continue
        a, b = root(article_id), root(m.other)
        if a != b:
            first, second = sorted((a, b), key=key.__getitem__)
            parent[second] = first
            parent.setdefault(first, first)
    return {x: root(x) for x in parent}
