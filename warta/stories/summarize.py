"""Extractive summaries: up to three sentence spans per article, scored by a small trained model.

Why a trained scorer: Indonesian news puts the gist in the first paragraph,
but not always (greetings, scene-setting openers, quotes, photo captions).
Gradient-boosted trees over cheap sentence features (position, paragraph,
length, centrality, overlap with the title, quote and caption marks, anaphoric
openers) learn when to leave the lead; trees rather than one linear score
because the features interact (a quote in a three-sentence article is its
gist, further down a long one it is colour). A linear model then picks
the best set of one to three sentences among the six most probable: set
length against the usual summary length, redundancy, and ROUGE-1 against a
pseudo-reference (the article's words weighted by their sentences'
probabilities), since the reference is an F-scored bag of words, not a list
of individually good sentences.

Both were fitted on IndoSum extractive labels and summaries; the trees and
weights are a JSON file beside this module (plain lists walked by
``boost_score``), so nothing is downloaded and inference is pure Python. A
model with logistic ``weights`` instead of ``boost`` is read as well.
Rebuilt with::

    python -m warta.stories.summary_train INDOSUM_DEV_JSONL \
        --folds 5 --write warta/stories/summary_model.json

where ``INDOSUM_DEV_JSONL`` is IndoSum's dev split (docs/stories.md gives the
command as run from the repository).

The leading dateline ("JAKARTA, KOMPAS.com -") is left out of the first span:
it is not part of what the article says.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import chain, combinations, repeat
from operator import mul

from ..article import Article

MODEL_FILE = "summary_model.json"
BY = "model:summary-trees"
BY_FALLBACK = "rules:lead"

_WORD = re.compile(r"\w+", re.UNICODE)
# A dateline: a short capitalised/outlet prefix ended by a dash ("JAKARTA, KOMPAS.com -",
# "Jakarta , CNN Indonesia - -", "Jakarta (ANTARA News) -", "Suara.com -").
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.]*(?:[ ,()]+[A-Z(][\w.()]*){0,6})\s*[,)]?\s*(?:-\s*-|--|—|–|-)\s+"
)
_QUOTES = "\"“”'‘’"
_SPEECH = frozenset(
    "kata ujar ungkap ungkapnya ujarnya katanya tutur tuturnya jelas jelasnya tambah tambahnya "
    "imbuh imbuhnya tegas tegasnya sebut sebutnya papar paparnya".split()
)
_OPENERS = frozenset(
    "namun sementara selain sebelumnya menurut ia dia mereka hal itu tersebut adapun kemudian "
    "bahkan padahal oleh karena meski sedangkan selanjutnya lalu ini saat dalam".split()
)
# Sentence openers whose weight the model learns one by one (connectives, pronouns, time words).
_FIRST_WORDS = _OPENERS | frozenset(
    "di pada sejak untuk dengan yang kami saya kita jika bila seperti sebab ketika setelah usai "
    "hingga sampai bagi tak tidak akan sudah telah juga kini sekarang pun para sang".split()
)
_CAPTION = re.compile(r"baca juga|lihat juga|simak juga|foto\s*:|video\s*:|https?://|www\.|\[|\]", re.I)


def words(text: str) -> list[str]:
    """Lower-cased word tokens used by every similarity feature."""
    return _WORD.findall(text.lower())


def dateline_end(text: str, start: int, end: int) -> int:
    """Offset where the sentence proper begins once a leading dateline is skipped."""
    m = _DATELINE.match(text, start, end)
    if m and m.end() < end and m.end() - start <= 60:
        return m.end()
    return start


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def _centrality(vecs: list[dict[str, float]], norms: list[float]) -> list[float]:
    """Cosine of each sentence with the sum of all the others (weights are non-negative, so
    |C - v|^2 = |C|^2 - 2 v.C + |v|^2 and no per-sentence copy of the centroid is needed)."""
    centroid: dict[str, float] = {}
    get = centroid.get
    for v in vecs:
        for k, x in v.items():
            centroid[k] = x + get(k, 0)
    c2 = sum(x * x for x in centroid.values())
    out = []
    for v, n in zip(vecs, norms, strict=True):
        dot, vv = _dot(v, centroid), n * n
        rest = math.sqrt(max(c2 - 2 * dot + vv, 0.0))
        out.append((dot - vv) / (n * rest) if n and rest > 1e-9 else 0.0)
    return out


def _caption(raw: str) -> bool:
    """A photo caption, link or "Baca juga" line. Every form of _CAPTION holds "juga" (in any
    case), a colon, "www." or a bracket, so most sentences need no regular expression."""
    low = raw.lower()
    if "juga" in low or ":" in raw or "www." in low or "[" in raw or "]" in raw:
        return _CAPTION.search(raw) is not None
    return False


def sentence_features(
    text: str, spans: list[tuple[int, int]], title: str | None = None,
    paragraphs: list[int] | None = None,
) -> list[dict[str, float]]:
    """One sparse feature dict per sentence; the model's weights are keyed by these names."""
    return _sentence_features(text, spans, [words(text[s:e]) for s, e in spans], title, paragraphs)


def _sentence_features(
    text: str, spans: list[tuple[int, int]], toks: list[list[str]], title: str | None,
    paragraphs: list[int] | None,
) -> list[dict[str, float]]:
    n = len(spans)
    if paragraphs is None:
        paragraphs = _paragraphs(text, spans)
    # Sentence frequency inside the document stands in for IDF: words in every sentence say little.
    sf = Counter(w for t in toks for w in set(t))
    idf = {w: math.log(1 + n / c) for w, c in sf.items()}
    vecs = [{w: c * idf[w] for w, c in Counter(t).items()} for t in toks]
    norms = [math.sqrt(sum(x * x for x in v.values())) for v in vecs]
    # sim(i, i + 1) serves as sim_next of i and sim_prev of i + 1 when _dot walks the same
    # (smaller) vector both ways round, i.e. when the two differ in size.
    near: dict[tuple[int, int], float] = {}

    def sim(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key in near:
            return near[key]
        out = _dot(vecs[i], vecs[j]) / (norms[i] * norms[j]) if norms[i] and norms[j] else 0.0
        if len(vecs[i]) != len(vecs[j]):
            near[key] = out
        return out

    title_set = set(words(title)) if title else set()
    cent = _centrality(vecs, norms)
    order = _ranks(cent)
    tscore = [len(title_set & set(t)) / len(title_set) if title_set else 0.0 for t in toks]
    trank = _ranks(tscore)
    mean_len = sum(len(t) for t in toks) / n
    feats = []
    par_first: dict[int, int] = {}
    for i, p in enumerate(paragraphs[:n]):
        par_first.setdefault(p, i)
    quoted = [any(c in text[s:e] for c in _QUOTES) for s, e in spans]
    par_size = Counter(paragraphs[:n])
    before = 0
    for i, ((s, e), t) in enumerate(zip(spans, toks, strict=True)):
        raw = text[s:e]
        f: dict[str, float] = {"bias": 1.0, "relpos": i / max(n - 1, 1), "logn": math.log(n + 1)}
        # Raw counts for the tree scorer, which cuts them where it needs to: place in the
        # article, its paragraph's size, words read before it, share of capitalised words.
        f["index"], f["nsent"], f["nwords"] = float(i), float(n), float(len(t))
        f["parsize"] = float(par_size[paragraphs[i]])
        f["firstparsize"] = float(par_size[paragraphs[0]])
        f["lastinpar"] = float(i + 1 == n or paragraphs[i + 1] != paragraphs[i])
        f["wordsbefore"] = float(before)
        before += len(t)
        split = raw.split()
        f["caps"] = sum(1 for w in split if w[:1].isupper()) / max(1, len(split))
        f[f"pos{min(i, 8)}"] = 1.0
        f[f"par{min(paragraphs[i], 5)}"] = 1.0
        f[f"inpar{min(i - par_first[paragraphs[i]], 2)}"] = 1.0
        if n <= 6:
            f[f"short_doc_pos{min(i, 3)}"] = 1.0
        f["loglen"] = math.log(len(t) + 1)
        f["tiny"] = float(len(t) < 6)
        f["long"] = float(len(t) > 40)
        f["cent"] = cent[i]
        f["centrank"] = order[i] / max(n - 1, 1)
        f["centtop3"] = float(order[i] < 3)
        if i:
            f["sim_first"] = sim(i, 0)
        if title_set:
            f["title"] = tscore[i]
            f["titlerank"] = trank[i] / max(n - 1, 1)
            f["titletop"] = float(trank[i] == 0)
        f["rel_len"] = len(t) / mean_len if mean_len else 0.0
        if i + 1 < n:
            f["sim_next"] = sim(i, i + 1)
        if i:
            f["sim_prev"] = sim(i, i - 1)
            f["prev_q"] = float(quoted[i - 1])
        if t and t[0] in _FIRST_WORDS:
            f["w0=" + t[0]] = 1.0
        f["q_start"] = float(raw[:1] in _QUOTES)
        f["q_any"] = float(quoted[i])
        f["speech"] = float(not _SPEECH.isdisjoint(t))
        f["caption"] = float(_caption(raw))
        f["no_stop"] = float(not raw.rstrip().endswith((".", "!", "?", '"', "”")))
        f["question"] = float(raw.rstrip().endswith("?"))
        if t:
            f["digits"] = sum(map(str.isdigit, t)) / len(t)
            f["opener"] = float(t[0] in _OPENERS)
        f["dateline"] = float(i == 0 and dateline_end(text, s, e) > s)
        feats.append(f)
    return feats


def _ranks(values: list[float]) -> dict[int, int]:
    """Rank of each value, 0 for the largest."""
    return {i: r for r, i in enumerate(sorted(range(len(values)), key=lambda i: -values[i]))}


def _paragraphs(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Paragraph number of each sentence: a newline between two sentences starts a new one."""
    out, p, prev_end = [], 0, None
    for s, e in spans:
        if prev_end is not None and "\n" in text[prev_end:s]:
            p += 1
        out.append(p)
        prev_end = e
    return out


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped weights ({"weights": {...}, "threshold": float, ...}); empty when absent."""
    try:
        raw = resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(raw)


def score(feats: list[dict[str, float]], weights: dict[str, float]) -> list[float]:
    """Probability that each sentence belongs in the summary."""
    out = []
    for f in feats:
        z = sum(map(mul, f.values(), map(weights.get, f, repeat(0.0))))
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
    return out


def _tree_value(tree: list[list[float]], x: list[float]) -> float:
    """Leaf value of one regression tree: a split node is [feature, threshold, left, right]
    (left when the feature is at most the threshold), a leaf is [value]."""
    node = tree[0]
    while len(node) == 4:
        node = tree[node[2] if x[node[0]] <= node[1] else node[3]]
    return node[0]


def boost_score(feats: list[dict[str, float]], boost: dict) -> list[float]:
    """Probability of each sentence under a gradient-boosted tree ensemble
    ({"features": names, "base": log-odds, "trees": [...]}): trees see interactions a linear
    model misses (a quote is fine in a short article's lead, bad further down)."""
    names, base, trees = boost["features"], boost["base"], boost["trees"]
    out = []
    for f in feats:
        x = [f.get(k, 0.0) for k in names]
        z = base + sum(_tree_value(t, x) for t in trees)
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
    return out


def sentence_probs(feats: list[dict[str, float]], model: dict) -> list[float]:
    """Sentence probabilities under a model: its tree ensemble when it has one, else its
    logistic weights."""
    if model.get("boost"):
        return boost_score(feats, model["boost"])
    return score(feats, model["weights"])


def select(probs: list[float], k: int = 3, threshold: float = 0.0) -> list[int]:
    """Indices of the k most probable sentences (at least one), in text order.

    Sentences under ``threshold`` are dropped after the first: a short article
    gets a shorter summary rather than filler.
    """
    ranked = sorted(range(len(probs)), key=lambda i: -probs[i])[:k]
    keep = [i for j, i in enumerate(ranked) if j == 0 or probs[i] >= threshold]
    return sorted(keep)


REF_LEN = 60.0  # typical summary length in words; the subset scorer trades length against it


def pseudo_reference(probs: list[float], toks: list[list[str]]) -> dict[str, float]:
    """The expected bag of words of the reference: each sentence's words weighted by its
    probability, scaled to ``REF_LEN`` words."""
    bag: dict[str, float] = {}
    for p, t in zip(probs, toks, strict=True):
        for w in t:
            bag[w] = bag.get(w, 0.0) + p
    total = sum(bag.values())
    scale = REF_LEN / total if total else 0.0
    return {w: v * scale for w, v in bag.items()}


def expected_rouge1(chosen: tuple[int, ...], toks: list[list[str]], pseudo: dict[str, float]) -> float:
    """ROUGE-1 F of a candidate set against the pseudo-reference (clipped overlap)."""
    cand = Counter(w for j in chosen for w in toks[j])
    return _rouge1(cand, sum(cand.values()), pseudo)


def _rouge1(cand: dict[str, int], length: int, pseudo: dict[str, float]) -> float:
    overlap = sum(map(min, cand.values(), map(pseudo.get, cand, repeat(0.0))))
    return 2 * overlap / (length + REF_LEN)


class _SetParts:
    """The pieces of the set features that belong to single sentences or pairs, worked out
    once per article and shared by every candidate set that contains them."""

    def __init__(self, probs: list[float], toks: list[list[str]], pseudo: dict[str, float]):
        self.probs, self.toks, self.pseudo = probs, toks, pseudo
        self._bags: dict[tuple[int, ...], dict[str, int]] = {}
        self._one: dict[int, tuple[int, float, float, set[str]]] = {}
        self._pair: dict[tuple[int, int], float] = {}

    def bag(self, chosen: tuple[int, ...]) -> dict[str, int]:
        """Word counts of the set, words in order of first use (as a Counter of the words)."""
        if len(chosen) == 1:
            got = self._bags.get(chosen)
            if got is None:
                got = self._bags[chosen] = Counter(self.toks[chosen[0]])
            return got
        return Counter(chain.from_iterable([self.toks[j] for j in chosen]))

    def one(self, j: int) -> tuple[int, float, float, set[str]]:
        """Length, probability-weighted length, log probability and word set of sentence j."""
        got = self._one.get(j)
        if got is None:
            t, p = self.toks[j], self.probs[j]
            got = self._one[j] = (len(t), p * len(t), math.log(p + 1e-6), set(t))
        return got

    def overlap(self, i: int, j: int) -> float:
        got = self._pair.get((i, j))
        if got is None:
            a, b = self.one(i)[3], self.one(j)[3]
            got = self._pair[(i, j)] = len(a & b) / max(1, min(len(a), len(b)))
        return got

    def features(self, chosen: tuple[int, ...]) -> list[float]:
        ps = [self.probs[j] for j in chosen]
        parts = [self.one(j) for j in chosen]
        m = len(chosen)
        length = sum(x[0] for x in parts)
        weighted = sum(x[1] for x in parts)
        overlap = [self.overlap(a, b) for a, b in combinations(chosen, 2)]
        return [
            1.0, sum(ps), min(ps), max(ps), sum(x[2] for x in parts),
            float(m == 1), float(m == 2), float(m == 3),
            length / REF_LEN, (length / REF_LEN) ** 2, abs(length - REF_LEN) / REF_LEN,
            float(0 in chosen), float(chosen == tuple(range(m))), max(overlap, default=0.0),
            weighted / max(length, 1), 2 * weighted / (length + REF_LEN), max(chosen) / 10,
            _rouge1(self.bag(chosen), length, self.pseudo),
        ]


def subset_features(chosen: tuple[int, ...], probs: list[float], toks: list[list[str]],
                    pseudo: dict[str, float] | None = None) -> list[float]:
    """Features of a candidate summary as a whole: ROUGE is an F-score, so length and redundancy
    of the set matter, not just the sentences' own scores. The last one, ROUGE-1 against the
    probability-weighted bag of the article's words, rewards sets that cover what the likely
    summary sentences say without repeating it."""
    if pseudo is None:
        pseudo = pseudo_reference(probs, toks)
    return _SetParts(probs, toks, pseudo).features(chosen)


def candidate_sets(probs: list[float], k: int = 3, top: int = 6) -> list[tuple[int, ...]]:
    """Every set of 1..k sentences among the ``top`` most probable, in text order."""
    best = sorted(sorted(range(len(probs)), key=lambda i: -probs[i])[:top])
    return [c for m in range(1, k + 1) for c in combinations(best, m)]


def select_set(probs: list[float], toks: list[list[str]], weights: list[float], k: int = 3) -> list[int]:
    """The candidate set whose predicted ROUGE-1 (a linear model of its features) is highest."""
    parts = _SetParts(probs, toks, pseudo_reference(probs, toks))
    if len(weights) != len(parts.features((0,))):
        raise ValueError("subset weights do not match the set features")

    def value(c: tuple[int, ...]) -> float:
        return sum(map(mul, weights, parts.features(c)))

    return list(max(candidate_sets(probs, k), key=value))


def choose(text: str, spans: list[tuple[int, int]], model: dict, k: int = 3,
           title: str | None = None, paragraphs: list[int] | None = None) -> list[int]:
    """Indices of the summary sentences under a trained model."""
    toks = [words(text[s:e]) for s, e in spans]
    probs = sentence_probs(_sentence_features(text, spans, toks, title, paragraphs), model)
    if model.get("subset"):
        return select_set(probs, toks, model["subset"], k)
    return select(probs, k, model.get("threshold", 0.0))


def summarize(
    text: str, sentences: list[tuple[int, int]], k: int = 3, title: str | None = None,
    paragraphs: list[int] | None = None, model: dict | None = None,
) -> list[dict]:
    """Up to ``k`` summary spans ({start, end, by}) chosen among ``sentences``.

    ``model`` defaults to the shipped one (evaluation passes cross-validation models).
    """
    spans = [(s, e) for s, e in sentences if text[s:e].strip()]
    if not spans:
        return []
    if model is None:
        model = load_model()
    if model:
        chosen, by = choose(text, spans, model, k, title, paragraphs), BY
    else:
        chosen, by = list(range(min(k, len(spans)))), BY_FALLBACK
    out = []
    for i in chosen:
        s, e = spans[i]
        if i == 0:
            s = dateline_end(text, s, e)
        out.append({"start": s, "end": e, "by": by})
    return out


def summary_stage(article: Article) -> Article:
    """Pipeline stage: fill ``article.summary`` from its sentences (runs last)."""
    spans = [(s.start, s.end) for s in article.sentences]
    article.summary = summarize(article.text, spans, title=article.title)
    return article
