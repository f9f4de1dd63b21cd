"""Named-entity tagger (PER, ORG, LOC) for Indonesian news.

A linear-chain CRF (python-crfsuite) over rich lexical features. The features
are what a CRF needs to generalise beyond the names it saw in training:

* word shape, affixes and the Indonesian morphology visible in them
  ("me-", "di-", "-kan", "-nya" mark verbs and common words, not names);
* word clusters learned from unlabeled news at training time, so that an
  unseen surname lands near the surnames that were seen;
* how often the word is written capitalised in running text, which tells a
  sentence-initial common word ("Menurut") from a name ("Jokowi");
* a small gazetteer (countries, provinces, regencies, parties) and a list of
  cue words (titles such as "Presiden", "Kapolri", "juru bicara" before a
  person; "Partai", "PT" before an organisation; "Kabupaten" before a place).

A second feature set (``"features": 2`` in ``meta.json``) adds the coarse and
fine clusters and capitalisation of the neighbours, words three away, and the
run of capitalised tokens around a word (its first and last word, the words
just outside it, the word's position in it).

All of these are data files in ``warta/resources/ner`` that an analyst can
read and extend; the trained weights are ``model.crfsuite`` beside them.

The model was trained on four corpora with different annotation habits. Each
feature is also emitted with a corpus prefix while training ("frustratingly
easy" domain adaptation), so the shared weights learn what the corpora agree
on and the prefixed ones absorb their differences. Tagging ordinary news uses
the shared weights plus those of the news corpus named in ``meta.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
TYPES = ("PER", "ORG", "LOC")

_SENT_END = frozenset({".", "!", "?", "…"})
_MAX_CHUNK = 120  # tokens; a CRF does not need longer context than this
_CACHE_LIMIT = 50_000  # words per generation of a word cache (see _Recent)
_MAX = np.maximum.reduce


def resource_dir() -> Path:
    """Folder of the shipped NER resources (model, clusters, word lists)."""
    return Path(str(resources.files("warta").joinpath("resources", "ner")))


# The keys of meta.json that change what the tagger outputs (not "version" and other notes).
_META_KEYS = ("features", "default_domain", "domains")


def fingerprint(model_path: Path, lexicon_files: Iterable[Path] = (), meta: dict | None = None,
                size: int = 10) -> str:
    """Short hash of everything that decides the tagger's output.

    The model's weights, the word lists its features read (clusters, gazetteers, cues) and the
    settings of ``meta.json`` that change tagging. It names the tagger (``crf:ner-<hash>``, the
    ``by`` of its mentions), so a retrained or edited model gets a new name by itself: a label
    kept by hand went stale once and said nothing of which model tagged a stored mention.
    """
    h = hashlib.sha256()
    for path in [model_path, *sorted(lexicon_files, key=lambda p: p.name)]:
        h.update(path.name.encode() + b"\0")
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    settings = {k: (meta or {}).get(k) for k in _META_KEYS}
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()[:size]


def lexicon_files(folder: Path) -> list[Path]:
    """The word-list files of a resource folder that ``Lexicon.from_dir`` reads."""
    names = ["clusters.tsv", "cues.tsv", *(p.name for p in folder.glob("gazetteer*.tsv"))]
    return sorted({folder / n for n in names if (folder / n).exists()})


# --------------------------------------------------------------------------
# Language resources


def _data_lines(path: Path) -> Iterable[list[str]]:
    """Tab-separated fields of every non-comment, non-empty line."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


class Lexicon:
    """Word clusters, capitalisation ratios, gazetteer and cue words.

    Kept apart from the CRF so that training and tagging build exactly the
    same features from the same files.
    """

    def __init__(
        self,
        clusters: dict[str, tuple[str, ...]],
        caps: dict[str, str],
        gazetteer: dict[tuple[str, ...], str],
        cues: dict[str, str],
    ):
        self.clusters = clusters
        self.caps = caps
        self.gazetteer = gazetteer
        self.gaz_first: dict[str, int] = {}
        for name in gazetteer:
            self.gaz_first[name[0]] = max(self.gaz_first.get(name[0], 0), len(name))
        self.cues = cues

    @classmethod
    def from_dir(cls, folder: Path) -> Lexicon:
        """Read the word lists of one resource folder (missing files = empty)."""
        clusters: dict[str, tuple[str, ...]] = {}
        caps: dict[str, str] = {}
        path = folder / "clusters.tsv"
        if path.exists():
            for row in _data_lines(path):
                word, cap, *ids = row
                clusters[word] = tuple(ids)
                caps[word] = cap
        gazetteer: dict[tuple[str, ...], str] = {}
        for path in sorted(folder.glob("gazetteer*.tsv")):
            for name, typ in _data_lines(path):
                gazetteer[tuple(name.lower().split())] = typ
        cues: dict[str, str] = {}
        path = folder / "cues.tsv"
        if path.exists():
            for word, typ in _data_lines(path):
                cues[word.lower()] = typ
        return cls(clusters, caps, gazetteer, cues)

    def gazetteer_tags(self, lowers: Sequence[str], titled: Sequence[bool]) -> list[str | None]:
        """Longest gazetteer match at each capitalised position: 'B-LOC', 'I-LOC'..."""
        out: list[str | None] = [None] * len(lowers)
        i, n = 0, len(lowers)
        while i < n:
            longest = self.gaz_first.get(lowers[i], 0) if titled[i] else 0
            hit = 0
            for k in range(min(longest, n - i), 0, -1):
                typ = self.gazetteer.get(tuple(lowers[i : i + k]))
                if typ:
                    hit = k
                    out[i] = "B-" + typ
                    for j in range(i + 1, i + k):
                        out[j] = "I-" + typ
                    break
            i += hit or 1
        return out


# --------------------------------------------------------------------------
# Features

_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_REPEAT = re.compile(r"(.)\1+")
_VERB_PREFIX = re.compile(r"^(meng|meny|mem|men|me|di|ber|ter|per|ke|se|pe[nmr]?)")
_COMMON_SUFFIX = re.compile(r"(kan|an|i|nya|lah|kah|pun)$")


#: what Featurizer keeps of a word: (own features, lower, shape, mid cluster, cue, titled)
WordInfo = tuple[list[str], str, str, str, str, bool]
_PAD: WordInfo = ([], "<s>", "<s>", "<s>", "", False)
NEIGHBOURS = (-2, -1, 1, 2)


def word_shape(word: str) -> str:
    """'Jokowi' -> 'Xx', 'KPK' -> 'X', '2019' -> 'd', 'Ma'ruf' -> "Xx'x"."""
    return _REPEAT.sub(r"\1", word.translate(_SHAPE_MAP))


class Featurizer:
    """Turns a token sequence into CRF feature strings.

    Features of a word alone are cached per word (news repeats its words), so
    a sentence costs little more than a few list concatenations per token.
    """

    def __init__(self, lexicon: Lexicon, version: int = 1):
        self.lex = lexicon
        self.version = version
        self._cache = _Recent(_CACHE_LIMIT)
        self._ctx = _Recent(_CACHE_LIMIT)

    def _word(self, word: str) -> WordInfo:
        """``word_info``, kept for the words seen lately."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self.word_info(word)
            self._cache.put(word, hit)
        return hit

    def word_info(self, word: str) -> WordInfo:
        """(intrinsic features, lower, shape, mid cluster, cue type, titled)."""
        low = word.lower()
        shape = word_shape(word)
        ids = self.lex.clusters.get(low)
        cue = self.lex.cues.get(low, "")
        titled = word[:1].isupper()
        feats = [
            "w=" + low,
            "sh=" + shape,
            "p3=" + low[:3],
            "s3=" + low[-3:],
            "s4=" + low[-4:],
            "p2=" + low[:2],
            "s2=" + low[-2:],
            "len=" + str(min(len(word), 10)),
        ]
        if titled:
            feats.append("title")
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        if any(c.isdigit() for c in word):
            feats.append("digit")
        if "-" in word:
            feats.append("hyphen")
        if ids:
            feats.extend(f"k{i}={c}" for i, c in enumerate(ids))
            feats.append("cap=" + self.lex.caps.get(low, "?"))
        else:
            feats.append("oov")
        m = _VERB_PREFIX.match(low)
        if m and len(low) > 5:
            feats.append("pre=" + m.group(1))
        m = _COMMON_SUFFIX.search(low)
        if m and len(low) > 5:
            feats.append("suf=" + m.group(1))
        if cue:
            feats.append("cue=" + cue)
        mid = ids[1] if ids and len(ids) > 1 else ("?" + shape[:3])
        return (feats, low, shape, mid, cue, titled)

    def sentence(self, tokens: Sequence[str], domain: str | None = None) -> list[list[str]]:
        """Feature strings for every token of one sentence.

        A token's features are its own (``own``), what each neighbour within two
        tokens adds (``neighbour``) and the features of the token in its context
        (``sentence_parts``); tagging sums the weights of the same three parts.
        """
        infos, pairs = self.sentence_parts(tokens)
        n = len(tokens)
        out = []
        for i in range(n):
            f = self.own(infos[i])
            for o in NEIGHBOURS:
                j = i + o
                f.extend(self.neighbour(infos[j] if 0 <= j < n else _PAD, o))
            f.extend(pairs[i])
            if domain:
                f.extend([domain + ":" + x for x in f])
            out.append(f)
        return out

    @staticmethod
    def own(info: WordInfo) -> list[str]:
        """The features of a word by itself (and the bias)."""
        return ["b", *info[0]]

    @staticmethod
    def neighbour(info: WordInfo, o: int) -> list[str]:
        """The features a word gives the token it is the ``o`` neighbour of.

        ``o = -1``: the word stands just before that token; ``o = 2``: two after it.
        """
        _, nlow, nshape, nmid, ncue, _nt = info
        f = [f"w{o:+d}={nlow}", f"k{o:+d}={nmid}"]
        if ncue:
            f.append(f"cue{o:+d}={ncue}")
        if o in (-1, 1):
            f.append(f"sh{o:+d}={nshape}")
        return f

    def sentence_parts(self, tokens: Sequence[str]) -> tuple[list[WordInfo], list[list[str]]]:
        """Word infos, and for every token the features that depend on its context."""
        infos = [self._word(t) for t in tokens]
        lows = [x[1] for x in infos]
        gaz = self.lex.gazetteer_tags(lows, [x[5] for x in infos])
        n = len(tokens)
        ctx: list[tuple[str, ...]] = []
        runs: list[tuple[int, int]] = []
        if self.version >= 2:
            ctx = [self._context(t, x[1]) for t, x in zip(tokens, infos, strict=True)]
            runs = _title_runs(tokens)
        out = []
        for i in range(n):
            low = lows[i]
            prev = lows[i - 1] if i else "<s>"
            nxt = lows[i + 1] if i + 1 < n else "</s>"
            f = [
                "sh3="
                + (infos[i - 1][2] if i else "<s>")
                + "|"
                + infos[i][2]
                + "|"
                + (infos[i + 1][2] if i + 1 < n else "</s>"),
                "w-1|w=" + prev + "|" + low,
                "w|w+1=" + low + "|" + nxt,
            ]
            if i == 0:
                f.append("first")
            if gaz[i]:
                f.append("gz=" + gaz[i])
            if self.version >= 2:
                f.extend(self._wide(i, infos, ctx, runs))
            out.append(f)
        return infos, out

    def _context(self, word: str, low: str) -> tuple[str, ...]:
        """What a neighbour contributes in the v2 features: coarse and fine cluster, caps."""
        hit = self._ctx.get(word)
        if hit is None:
            ids = self.lex.clusters.get(low)
            if ids:
                hit = (ids[0], ids[-1], self.lex.caps.get(low, "?"))
            else:
                hit = ("?", "?", "?")
            self._ctx.put(word, hit)
        return hit

    def _wide(
        self,
        i: int,
        infos: list[WordInfo],
        ctx: list[tuple[str, ...]],
        runs: list[tuple[int, int]],
    ) -> list[str]:
        """v2: neighbours' clusters and caps, the capitalised run around the token."""
        n = len(infos)
        f = []
        for o in (-1, 1):
            j = i + o
            if 0 <= j < n:
                c0, c3, cap = ctx[j]
                f.append(f"kc{o:+d}={c0}")
                f.append(f"kf{o:+d}={c3}")
                f.append(f"cap{o:+d}={cap}")
        for o in (-3, 3):
            j = i + o
            f.append(f"w{o:+d}=" + (infos[j][1] if 0 <= j < n else "<s>"))
        a, b = runs[i]
        if b > a:
            pos = "S" if b - a == 1 else "B" if i == a else "E" if i == b - 1 else "I"
            f.append("run=" + pos)
            f.append("rl=" + str(min(b - a, 4)))
            f.append("rh=" + infos[a][1])
            f.append("rt=" + infos[b - 1][1])
            f.append("rb=" + (infos[a - 1][1] if a else "<s>"))
            f.append("ra=" + (infos[b][1] if b < n else "</s>"))
        return f


class _Recent:
    """A word cache of bounded size that keeps the words in steady use.

    Entries go into a young generation; when it holds ``size`` entries it
    becomes the old generation and the previous old one is dropped. A word
    found only in the old generation moves back into the young one, so the
    words met again and again stay, and at most ``2 * size`` entries are kept.
    """

    def __init__(self, size: int):
        self.size = size
        self.young: dict = {}
        self.old: dict = {}

    def get(self, key):
        hit = self.young.get(key)
        if hit is None:
            hit = self.old.get(key)
            if hit is not None:
                self.put(key, hit)
        return hit

    def put(self, key, value) -> None:
        if len(self.young) >= self.size:
            self.old = self.young
            self.young = {}
        self.young[key] = value

    def __len__(self) -> int:
        return len(self.young) + len(self.old)


def _title_runs(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """For every token, the (start, end) of the run of capitalised tokens it is in.

    Tokens outside any run get an empty (i, i).
    """
    out: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if tokens[i][:1].isupper():
            j = i + 1
            while j < n and tokens[j][:1].isupper():
                j += 1
            out.extend([(i, j)] * (j - i))
            i = j
        else:
            out.append((i, i))
            i += 1
    return out


# --------------------------------------------------------------------------
# Decoding helpers


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end-exclusive, type) of a BIO sequence.

    An I- tag that does not continue an entity of its type starts a new one
    (the conlleval convention), so a stray I- is still counted.
    """
    spans = []
    start, typ = -1, ""
    for i, lab in enumerate(labels):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != typ):
            if typ:
                spans.append((start, i, typ))
            start, typ = (i, lab[2:]) if lab != "O" else (-1, "")
    if typ:
        spans.append((start, len(labels), typ))
    return spans


def _chunks(tokens: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Sentence-sized (start, end) slices: cut after . ! ? or at a length cap."""
    start = 0
    for i, tok in enumerate(tokens):
        if tok in _SENT_END or i + 1 - start >= _MAX_CHUNK:
            yield start, i + 1
            start = i + 1
    if start < len(tokens):
        yield start, len(tokens)


# --------------------------------------------------------------------------
# The tagger


class _Weights:
    """State weights of one set of conventions, as a matrix, and transitions.

    The CRF is trained with corpus-prefixed copies of every feature; for one
    corpus the score of a feature is its shared weight plus its prefixed
    weight. Folding the two into one row per feature once, at load time, makes
    tagging with a corpus's conventions cost the same as tagging without:
    each token needs only its plain feature strings.
    """

    def __init__(self, info, labels: list[str], domain: str | None, domains: Iterable[str]):
        lab = {x: i for i, x in enumerate(labels)}
        rows: dict[str, int] = {"": 0}
        entries: list[tuple[int, int, float]] = []
        prefix = (domain + ":") if domain else None
        known = set(domains)
        for (attr, label), w in info.state_features.items():
            if ":" in attr and attr.split(":", 1)[0] in known:
                if prefix is None or not attr.startswith(prefix):
                    continue
                attr = attr[len(prefix) :]
            r = rows.setdefault(attr, len(rows))
            entries.append((r, lab[label], w))
        w_mat = np.zeros((len(rows), len(labels)))
        for r, c, w in entries:
            w_mat[r, c] += w
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[lab[a], lab[b]] = w
        self.rows = rows
        self.matrix = w_mat
        self.trans = trans
        self.into = np.ascontiguousarray(trans.T)
        # rows of the context features by the text after their prefix
        self._sh3 = _by_prefix(rows, "sh3=")
        self._before = _by_prefix(rows, "w-1|w=")
        self._after = _by_prefix(rows, "w|w+1=")
        self._gz = _by_prefix(rows, "gz=")
        self._first = rows.get("first", 0)
        self._neighbour_rows = [
            tuple(
                _by_prefix(rows, f"{name}{o:+d}=") if name != "sh" or o in (-1, 1) else {}
                for name in ("w", "k", "cue", "sh")
            )
            for o in NEIGHBOURS
        ]
        # word -> (its _word_scores, lower case, shape, titled)
        self._words = _Recent(_CACHE_LIMIT)
        self._pad = self._word_scores(_PAD)

    def _word_scores(self, info: WordInfo) -> np.ndarray:
        """(5, labels): a word's own score, then what it adds to the token it is the
        -2, -1, +1 and +2 neighbour of."""
        return self._many_word_scores([info])[0]

    def _many_word_scores(self, infos: list[WordInfo]) -> np.ndarray:
        """(words, 5, labels): ``_word_scores`` of several words in one gather."""
        rows = self.rows
        parts = []
        for info in infos:
            _, low, shape, mid, cue, _ = info
            parts.append([r for r in map(rows.get, Featurizer.own(info)) if r is not None])
            # the features of Featurizer.neighbour, in its order
            for w, k, c, sh in self._neighbour_rows:
                parts.append([w.get(low, 0), k.get(mid, 0), c.get(cue, 0), sh.get(shape, 0)])
        # padded with row 0, which weighs nothing; each part summed row after row,
        # as a sum over its features would be
        width = max(map(len, parts))
        idx = [p + [0] * (width - len(p)) for p in parts]
        return self.matrix[idx].sum(axis=1).reshape(len(infos), len(NEIGHBOURS) + 1, -1)

    def scores(
        self,
        featurizer: Featurizer,
        tokens: Sequence[str],
        chunks: Sequence[tuple[int, int]] | None = None,
    ) -> np.ndarray:
        """(tokens, labels) state scores: the same sum as over ``featurizer.sentence``.

        With ``chunks`` ((start, end) slices of ``tokens``), every chunk is scored
        as a sentence of its own, all in one pass. The scores of what a word
        contributes by itself and to its neighbours are kept per word, so only
        the context features are looked up for each token.
        """
        n = len(tokens)
        if chunks is None:
            chunks = [(0, n)]
        if featurizer.version >= 2:
            return np.concatenate([self._scores_wide(featurizer, tokens[s:e]) for s, e in chunks])
        words = self._words
        entries = [*map(words.young.get, tokens)]
        if None in entries:
            new: dict[str, int] = {}
            for i, tok in enumerate(tokens):
                if entries[i] is None:
                    e = words.get(tok)
                    if e is None:
                        new.setdefault(tok, len(new))
                    entries[i] = e
            if new:
                infos = [featurizer.word_info(tok) for tok in new]
                vecs = self._many_word_scores(infos)
                made = {}
                for tok, k in new.items():
                    info = infos[k]
                    # a copy, so that a kept word does not keep its whole sentence's array
                    made[tok] = e = (vecs[k].copy(), info[1], info[2], info[5])
                    words.put(tok, e)
                for i, tok in enumerate(tokens):
                    if entries[i] is None:
                        entries[i] = made[tok]
        all_lows = [e[1] for e in entries]
        all_shapes = [e[2] for e in entries]
        titled = [e[3] for e in entries]
        gazetteer_tags = featurizer.lex.gazetteer_tags
        sh3, before, after, gz_get = self._sh3.get, self._before.get, self._after.get, self._gz.get
        pad = self._pad
        # every chunk between two pads on each side: the parts its words give their
        # neighbours (own, then -2, -1, +1, +2) never reach into the next chunk
        vecs = [pad, pad]
        cols: list[list[int]] = [[], [], [], [0] * n, []]
        for s, e in chunks:
            vecs.extend([x[0] for x in entries[s:e]])
            vecs += [pad, pad]
            # context features, in the order of sentence_parts; row 0 weighs nothing
            lows = ["<s>", *all_lows[s:e], "</s>"]
            shapes = ["<s>", *all_shapes[s:e], "</s>"]
            pairs = [a + "|" + b for a, b in zip(lows[:-1], lows[1:], strict=True)]
            cols[0] += [
                sh3(a + "|" + b + "|" + c, 0)
                for a, b, c in zip(shapes[:-2], shapes[1:-1], shapes[2:], strict=True)
            ]
            cols[1] += [before(x, 0) for x in pairs[:-1]]
            cols[2] += [after(x, 0) for x in pairs[1:]]
            cols[3][s] = self._first
            cols[4] += [gz_get(x, 0) if x else 0 for x in gazetteer_tags(lows[1:-1], titled[s:e])]
        # rows of the stacked parts that token i sums: part k of the word at i + offset
        if len(chunks) == 1:
            at = _PART_ROWS[:n] if n <= _MAX_CHUNK else _part_rows(np.arange(2, n + 2))
        else:
            lens = [e - s for s, e in chunks]
            at = _part_rows(np.arange(2, n + 2) + np.repeat(np.arange(0, 2 * len(chunks), 2), lens))
        out = np.concatenate(vecs)[at].sum(axis=1)
        out += self.matrix[np.array(cols).T].sum(axis=1)
        return out

    def _scores_wide(self, featurizer: Featurizer, tokens: Sequence[str]) -> np.ndarray:
        """``scores`` for feature sets whose context features are many and varied."""
        infos, pairs = featurizer.sentence_parts(tokens)
        vecs = []
        for tok, info in zip(tokens, infos, strict=True):
            e = self._words.get(tok)
            if e is None:
                e = (self._word_scores(info), info[1], info[2], info[5])
                self._words.put(tok, e)
            vecs.append(e[0])
        n = len(tokens)
        w = np.concatenate([self._pad, self._pad, *vecs, self._pad, self._pad])
        w = w.reshape(n + 4, len(NEIGHBOURS) + 1, -1)
        out = w[2 : n + 2, 0] + w[0:n, 1]
        out += w[1 : n + 1, 2]
        out += w[3 : n + 3, 3]
        out += w[4 : n + 4, 4]
        rows = self.rows
        idx: list[int] = []
        starts: list[int] = []
        for f in pairs:
            starts.append(len(idx))
            idx.append(0)
            idx.extend([r for r in map(rows.get, f) if r is not None])
        out += np.add.reduceat(self.matrix[idx], starts, axis=0)
        return out


def _part_rows(at: np.ndarray) -> np.ndarray:
    """For tokens at positions ``at`` of a padded word sequence, the rows of the
    stacked (5, labels) word parts they sum: own, then from -2, -1, +1, +2."""
    size = len(NEIGHBOURS) + 1
    offsets = [0] + [o * size + k for k, o in enumerate(NEIGHBOURS, 1)]
    return (at * size)[:, None] + np.array(offsets)


_PART_ROWS = _part_rows(np.arange(2, _MAX_CHUNK + 2))


def _by_prefix(rows: dict[str, int], prefix: str) -> dict[str, int]:
    """The rows of the features that start with ``prefix``, keyed by the rest."""
    k = len(prefix)
    return {f[k:]: r for f, r in rows.items() if f.startswith(prefix)}


def _viterbi(scores: np.ndarray, into: np.ndarray) -> list[int]:
    """Best label path; ``into[j, i]`` is the weight of the transition from label i to j.

    Of equal candidates the lowest label wins, as ``argmax`` has it.
    """
    back = []
    rows = iter(scores)
    delta = next(rows)
    for s in rows:
        cand = into + delta  # cand[j, i]: the path ending in i, continued by j
        back.append(cand.argmax(axis=1))
        delta = _MAX(cand, 1) + s
    j = int(delta.argmax())
    path = [j]
    if back:
        for best in reversed(np.array(back).tolist()):
            j = best[j]
            path.append(j)
        path.reverse()
    return path


def _viterbi_batch(scores: list[np.ndarray], into: np.ndarray) -> list[list[int]]:
    """``_viterbi`` of several sequences at once, one step of all of them at a time.

    The sequences are taken longest first, so the ones still running at a step
    are a prefix of the batch; a finished one keeps its last scores.
    """
    order = sorted(range(len(scores)), key=lambda k: -len(scores[k]))
    lens = [len(scores[k]) for k in order]
    steps, size, n_lab = lens[0], len(order), into.shape[0]
    table = np.zeros((steps, size, n_lab))
    for b, k in enumerate(order):
        table[: lens[b], b] = scores[k]
    running = [sum(1 for x in lens if x > t) for t in range(steps)]
    back = np.zeros((steps, size, n_lab), dtype=np.intp)
    delta = table[0].copy()
    for t in range(1, steps):
        k = running[t]
        cand = delta[:k, None, :] + into
        back[t, :k] = cand.argmax(axis=2)
        delta[:k] = _MAX(cand, 2) + table[t, :k]
    cur = delta.argmax(axis=1)
    paths = np.empty((steps, size), dtype=np.intp)
    rows = np.arange(size)
    for t in range(steps - 1, 0, -1):
        k = running[t]
        paths[t, :k] = cur[:k]
        cur[:k] = back[t, rows[:k], cur[:k]]
    paths[0] = cur
    by_length = paths.T.tolist()
    out: list[list[int]] = [[]] * len(scores)
    for b, k in enumerate(order):
        out[k] = by_length[b][: lens[b]]
    return out


class NerTagger:
    """Tags Indonesian tokens with PER/ORG/LOC in BIO.

    ``name`` ("crf:ner-<hash>", see ``fingerprint``) is the ``by`` of every mention it finds.
    """

    def __init__(self, model_path: Path, lexicon: Lexicon, meta: dict,
                 files: Iterable[Path] = ()):
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        self._info = tagger.info()
        self._labels = tagger.labels()
        tagger.close()
        self._weights: dict[str | None, _Weights] = {}
        self.featurizer = Featurizer(lexicon, int(meta.get("features", 1)))
        self.meta = meta
        self.name = "crf:ner-" + fingerprint(Path(model_path), files, meta)
        self.domain: str | None = meta.get("default_domain") or None

    @classmethod
    def load(cls, folder: str | Path | None = None) -> NerTagger:
        """The shipped tagger (cached), or one trained into another folder."""
        return _load(str(folder) if folder else "")

    @classmethod
    def from_dir(cls, folder: Path) -> NerTagger:
        meta_path = folder / "meta.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        return cls(folder / "model.crfsuite", Lexicon.from_dir(folder), meta, lexicon_files(folder))

    def with_domain(self, domain: str | None) -> NerTagger:
        """The same model, tagging with one training corpus's conventions.

        ``None`` uses only the weights shared by all corpora.
        """
        if domain is not None and domain not in self.meta.get("domains", []):
            raise ValueError(f"the model was not trained on {domain!r}")
        clone = object.__new__(NerTagger)
        clone.__dict__.update(self.__dict__)
        clone.domain = domain
        return clone

    def _current(self) -> _Weights:
        w = self._weights.get(self.domain)
        if w is None:
            w = self._weights[self.domain] = _Weights(
                self._info, self._labels, self.domain, self.meta.get("domains", [])
            )
        return w

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels for one sentence (or any token list: it is chunked)."""
        if not tokens:
            return []
        weights = self._current()
        labels = self._labels
        chunks = list(_chunks(tokens))
        if len(chunks) == 1:
            return [
                labels[i] for i in _viterbi(weights.scores(self.featurizer, tokens), weights.into)
            ]
        scores = weights.scores(self.featurizer, tokens, chunks)
        paths = _viterbi_batch([scores[s:e] for s, e in chunks], weights.into)
        return [labels[i] for path in paths for i in path]

    def spans(
        self, text: str, token_spans: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, type) character spans of the names in ``text``."""
        if token_spans is None:
            from ..lang.id.tokenize import token_spans as tokenize_spans

            token_spans = tokenize_spans(text)
        tokens = [text[s:e] for s, e in token_spans]
        labels = self.tag(tokens)
        return [(token_spans[s][0], token_spans[e - 1][1], typ) for s, e, typ in bio_spans(labels)]


@lru_cache(maxsize=4)
def _load(folder: str) -> NerTagger:
    return NerTagger.from_dir(Path(folder) if folder else resource_dir())
