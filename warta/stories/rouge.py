"""ROUGE-1, ROUGE-2 and ROUGE-L F-scores, implemented here so scores are reproducible.

Tokenisation (the same for candidate and reference): text is lower-cased and
split into maximal runs of Unicode word characters (regex ``\\w+``), so
punctuation is dropped and "mata-mata" gives two tokens ``mata`` ``mata``.
No stemming and no stop-word removal: Indonesian affixes carry meaning and a
stemmer would make scores incomparable with published ones.

* ROUGE-N: clipped n-gram overlap; precision over the candidate's n-grams,
  recall over the reference's, F = harmonic mean (beta = 1).
* ROUGE-L: longest common subsequence over the whole token sequence of the
  candidate and of the reference (sentences concatenated), F with beta = 1.

Scores are returned on a 0-1 scale; the CLI prints them x100.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"\w+", re.UNICODE)


def rouge_tokens(text: str) -> list[str]:
    """Lower-cased word tokens; see the module docstring for why so simple."""
    return _WORD.findall(text.lower())


def _f(overlap: int, n_cand: int, n_ref: int) -> float:
    if overlap == 0 or n_cand == 0 or n_ref == 0:
        return 0.0
    p = overlap / n_cand
    r = overlap / n_ref
    return 2 * p * r / (p + r)


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(cand: Sequence[str], ref: Sequence[str], n: int) -> float:
    """F-score of clipped n-gram overlap between two token lists."""
    c, r = _ngrams(cand, n), _ngrams(ref, n)
    overlap = sum((c & r).values())
    return _f(overlap, sum(c.values()), sum(r.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a)*len(b)), one row of memory)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(cand: Sequence[str], ref: Sequence[str]) -> float:
    """F-score of the LCS between candidate and reference token sequences."""
    return _f(lcs_length(cand, ref), len(cand), len(ref))


def rouge_scores(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F of one candidate text against one reference text."""
    c, r = rouge_tokens(candidate), rouge_tokens(reference)
    return {"rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2), "rougeL": rouge_l(c, r)}


def mean_scores(scores: Iterable[dict[str, float]]) -> dict[str, float]:
    """Macro-average of per-document scores (how IndoSum results are reported)."""
    total: Counter = Counter()
    n = 0
    for s in scores:
        total.update(s)
        n += 1
    return {k: v / n for k, v in total.items()} if n else {}
