"""Training and evaluation of the NER tagger.

Four Indonesian NER corpora are read, each with its own tag set, and mapped
onto PER/ORG/LOC (NER-UGM's QUANTITY and TIME are not entities here). Before
the CRF is trained, the word lists it relies on are rebuilt from reference
data: word clusters and capitalisation ratios from unlabeled news text, and a
small gazetteer of places and parties. Everything lands in one folder, which
is what ``NerTagger.from_dir`` reads.
"""

from __future__ import annotations

import csv
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..lang.id.tokenize import token_spans
from .ner import (
    TYPES,
    Featurizer,
    Lexicon,
    NerTagger,
    _data_lines,
    bio_spans,
    fingerprint,
    lexicon_files,
    resource_dir,
)

Sentence = tuple[list[str], list[str]]  # tokens, BIO labels over PER/ORG/LOC

#: corpus folder under <data>/ner -> its name as a training domain
CORPORA = ("idner-news-2k", "ner-ui", "ner-ugm", "nergrit")

#: every tag type seen in the corpora -> our type (anything else is O)
TYPE_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "GPE": "LOC",
}


# --------------------------------------------------------------------------
# Readers


def map_tag(tag: str) -> str:
    """One corpus tag onto our BIO set: 'B-ORGANISATION' -> 'B-ORG', 'B-TIME' -> 'O'."""
    if tag in ("O", "") or len(tag) < 3 or tag[1] != "-":
        return "O"
    typ = TYPE_MAP.get(tag[2:].upper())
    if typ is None or tag[0] not in "BIES":
        return "O"
    return ("B-" if tag[0] in "BS" else "I-") + typ


def repair_bio(labels: Sequence[str]) -> list[str]:
    """Turn an I- that starts an entity into B- (after mapping, TIME -> O may leave one)."""
    out = []
    prev = "O"
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def read_raw(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL-style file as (tokens, original tags).

    One token a line, the word in the first column and the tag in the last
    (tabs or spaces; IDNer-news-2k has a POS column between them), a blank line
    between sentences. Lines with a single field are tokens tagged O.
    """
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig", newline=None) as f:
        for line in f:
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            if parts[0] == "-DOCSTART-":
                continue
            toks.append(parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL-style file with tags mapped onto PER/ORG/LOC."""
    return [(toks, repair_bio([map_tag(t) for t in tags])) for toks, tags in read_raw(path)]


def detect_corpus(path: str | Path) -> str | None:
    """Which training corpus's conventions a file follows, judged by its format.

    The tag set tells the corpora apart: NERGRIT says PLACE/ORGANISATION,
    NER-UGM has QUANTITY/TIME beside PERSON/LOCATION/ORGANIZATION, NER-UI has
    only those three, IDNer-news-2k writes PER/ORG/LOC with a POS column.
    """
    types: set[str] = set()
    columns = 0
    for _toks, tags in read_raw(path):
        types.update(t[2:].upper() for t in tags if len(t) > 2 and t[1] == "-")
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                columns = len(line.split())
                break
    if types & {"PLACE", "ORGANISATION"}:
        return "nergrit"
    if types & {"QUANTITY", "TIME"}:
        return "ner-ugm"
    if types & {"PERSON", "LOCATION", "ORGANIZATION"}:
        return "ner-ui"
    if columns >= 3 or types & {"PER", "ORG", "LOC"}:
        return "idner-news-2k"
    return None


def corpus_file(data: Path, corpus: str, split: str) -> Path:
    """<data>/ner/<corpus>/<split>.txt or .tsv."""
    folder = data / "ner" / corpus
    for ext in ("txt", "tsv", "conll"):
        p = folder / f"{split}.{ext}"
        if p.exists():
            return p
    raise FileNotFoundError(f"no {split} file in {folder}")


# --------------------------------------------------------------------------
# Unlabeled text -> word clusters and capitalisation ratios

_CSV_TEXT_COLUMNS = ("Body_Text", "content", "isi_berita", "Title", "title", "judul")


def unlabeled_texts(data: Path) -> Iterator[str]:
    """Article texts of the news corpora in <data>/corpus (CSV and XLSX)."""
    csv.field_size_limit(1 << 30)
    for path in sorted((data / "corpus").rglob("*.csv")):
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.DictReader(f):
                for col in _CSV_TEXT_COLUMNS:
                    if row.get(col):
                        yield row[col]
    for path in sorted((data / "corpus").rglob("*.xlsx")):
        yield from _xlsx_texts(path)


def _xlsx_texts(path: Path) -> Iterator[str]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    rows = wb.active.iter_rows(values_only=True)
    header = [str(h) for h in next(rows, ())]
    cols = [i for i, h in enumerate(header) if h in _CSV_TEXT_COLUMNS]
    for row in rows:
        for i in cols:
            if i < len(row) and isinstance(row[i], str):
                yield row[i]
    wb.close()


def token_stream(texts: Iterable[str], sentences: Iterable[Sentence]) -> Iterator[list[str]]:
    """Token lists of raw texts (tokenised as at run time) and labeled sentences."""
    for text in texts:
        for para in re.split(r"\n\s*\n|\r\n", text):
            toks = [para[s:e] for s, e in token_spans(para)]
            if toks:
                yield toks
    for toks, _ in sentences:
        yield toks


def _cap_bucket(capitalised: int, total: int) -> str:
    """How often a word is capitalised mid-sentence, in five buckets."""
    if total < 3:
        return "?"
    r = capitalised / total
    return "0" if r < 0.05 else "1" if r < 0.3 else "2" if r < 0.7 else "3" if r < 0.95 else "4"


@dataclass
class ClusterConfig:
    min_count: int = 3
    max_vocab: int = 60_000
    context_words: int = 2_000
    dims: int = 100
    ks: tuple[int, ...] = (32, 128, 512, 2048)
    seed: int = 13


def build_clusters(
    streams: Iterable[list[str]], cfg: ClusterConfig, log: Callable[[str], None] = print
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """word -> (capitalisation bucket, cluster ids at each granularity).

    Distributional clusters: each word is described by the words seen just
    left and right of it (positive PMI), reduced by SVD, then grouped by
    k-means at several granularities, coarse to fine. They play the part of
    Brown clusters at a fraction of the training time.
    """
    import numpy as np
    from scipy import sparse
    from scipy.sparse.linalg import svds

    counts: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    mids: Counter[str] = Counter()
    sents: list[list[str]] = []
    for toks in streams:
        low = [t.lower() for t in toks]
        counts.update(low)
        for i in range(1, len(toks)):
            if toks[i - 1] not in (".", "!", "?", '"', "“", ":"):
                mids[low[i]] += 1
                if toks[i][:1].isupper():
                    caps[low[i]] += 1
        sents.append(low)
    vocab = [w for w, c in counts.most_common(cfg.max_vocab) if c >= cfg.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: cfg.context_words])}
    nc = len(ctx)
    log(f"clusters: {sum(counts.values()):,} tokens, {len(vocab):,} words")
    rows: list[int] = []
    cols: list[int] = []
    for low in sents:
        ids = [index.get(w, -1) for w in low]
        cids = [ctx.get(w, -1) for w in low]
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            if i and cids[i - 1] >= 0:
                rows.append(wi)
                cols.append(cids[i - 1])
            if i + 1 < len(ids) and cids[i + 1] >= 0:
                rows.append(wi)
                cols.append(nc + cids[i + 1])
    m = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(vocab), 2 * nc)
    ).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(axis=1)).ravel() + 1e-9
    cs = np.asarray(m.sum(axis=0)).ravel() ** 0.75 + 1e-9
    cs = cs / cs.sum() * total
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (rs[coo.row] * cs[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix(
        (pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape, dtype=np.float64
    )
    u, s, _ = svds(ppmi, k=min(cfg.dims, min(ppmi.shape) - 1), random_state=cfg.seed)
    emb = (u * np.sqrt(s)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    labels = [_kmeans(emb, k, cfg.seed) for k in cfg.ks]
    out = {}
    for i, w in enumerate(vocab):
        out[w] = (_cap_bucket(caps[w], mids[w]), tuple(str(lab[i]) for lab in labels))
    return out


def _kmeans(x, k: int, seed: int, iters: int = 15):
    """Spherical k-means (cosine), batched so memory stays small."""
    import numpy as np

    k = min(k, len(x))
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        for s in range(0, len(x), 8192):
            assign[s : s + 8192] = np.argmax(x[s : s + 8192] @ centers.T, axis=1)
        sums = np.zeros_like(centers)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms.ravel() == 0
        sums[~empty] /= norms[~empty]
        sums[empty] = centers[empty]
        centers = sums
    return assign


def write_clusters(path: Path, clusters: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write("# word<TAB>capitalised-mid-sentence bucket (0 never .. 4 always)<TAB>")
        f.write("k-means cluster ids, coarse to fine. Built by `warta train ner`.\n")
        for w, (cap, ids) in clusters.items():
            if "\t" in w or "\n" in w or w.startswith("#"):
                continue
            f.write(w + "\t" + cap + "\t" + "\t".join(ids) + "\n")


# --------------------------------------------------------------------------
# Gazetteer from reference lists (places, parties)


def _title(name: str) -> str:
    return " ".join(p.capitalize() if p.isalpha() else p for p in name.split())


def gazetteer_entries(data: Path) -> dict[str, str]:
    """name -> type from the country, region and party lists of <data>/gazetteer."""
    gz = data / "gazetteer"
    out: dict[str, str] = {}

    def add(name: str, typ: str) -> None:
        name = " ".join(name.replace("(", " ").replace(")", " ").split())
        if name and len(name) > 2 and not name[0].isdigit():
            out.setdefault(_title(name), typ)

    terr = gz / "cldr-id-territories.json"
    if terr.exists():
        names = json.loads(terr.read_text("utf-8"))["main"]["id"]["localeDisplayNames"]
        for code, name in names["territories"].items():
            if "-alt-" not in code:
                add(name, "LOC")
    for fname, col in (("country-list-id.csv", "value"), ("ngec-countries.csv", "Name")):
        p = gz / fname
        if p.exists():
            with open(p, encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    add(row[col], "LOC")
    for fname, col in (("provinces.csv", 1), ("regencies.csv", 2)):
        p = gz / "wilayah" / fname
        if p.exists():
            with open(p, encoding="utf-8") as f:
                for row in csv.reader(f):
                    add(re.sub(r"^(KABUPATEN|KOTA|KAB\.)\s+", "", row[col]), "LOC")
    p = gz / "dpr" / "fraksi.csv"
    if p.exists():
        with open(p, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                add(re.sub(r"^Fraksi\s+", "", row["nama_fraksi"]), "ORG")
    return out


def district_entries(
    data: Path, clusters: dict[str, tuple[str, tuple[str, ...]]] | None = None
) -> dict[str, str]:
    """District (kecamatan) names -> 'DISTRICT', from <data>/gazetteer/wilayah/districts.csv.

    Their own type, so the model weighs these thousands of small places apart from
    the well-known ones. A one-word name that running text mostly writes in lower
    case (a common word such as 'baru') is left out.
    """
    out: dict[str, str] = {}
    p = data / "gazetteer" / "wilayah" / "districts.csv"
    if not p.exists():
        return out
    with open(p, encoding="utf-8") as f:
        for row in csv.reader(f):
            name = " ".join(row[2].replace("(", " ").replace(")", " ").split())
            if len(name) < 3 or name[0].isdigit():
                continue
            low = name.lower()
            if " " not in low and clusters and clusters.get(low, ("?",))[0] in ("0", "1"):
                continue
            out.setdefault(_title(name), "DISTRICT")
    return out


_GAZETTEER_HEADER = (
    "# name<TAB>type: countries, regions, provinces, regencies and parliamentary\n"
    "# parties, derived from public lists by `warta train ner`. Add lines freely.\n"
)
_DISTRICTS_HEADER = (
    "# name<TAB>DISTRICT: Indonesian districts (kecamatan) not named in the other lists,\n"
    "# derived from a public list by `warta train ner`; a feature of their own type.\n"
)


def write_gazetteer(path: Path, entries: dict[str, str], header: str = _GAZETTEER_HEADER) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for name in sorted(entries):
            f.write(f"{name}\t{entries[name]}\n")


# --------------------------------------------------------------------------
# Evaluation


@dataclass
class Scores:
    """Entity-level counts (exact span and type) per type."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    tokens: int = 0

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        g = set(bio_spans(gold))
        p = set(bio_spans(pred))
        for _s, _e, t in g & p:
            self.tp[t] += 1
        for _s, _e, t in p - g:
            self.fp[t] += 1
        for _s, _e, t in g - p:
            self.fn[t] += 1
        self.tokens += len(gold)

    def prf(self, typ: str | None = None) -> tuple[float, float, float, int]:
        """Precision, recall, F1 (percent) and gold count; micro over types when typ is None."""
        types = [typ] if typ else list(TYPES)
        tp = sum(self.tp[t] for t in types)
        fp = sum(self.fp[t] for t in types)
        fn = sum(self.fn[t] for t in types)
        p = 100 * tp / (tp + fp) if tp + fp else 0.0
        r = 100 * tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp + fn

    def table(self) -> list[tuple[str, float, float, float, int]]:
        rows = [(t, *self.prf(t)) for t in TYPES]
        rows.append(("micro", *self.prf()))
        return rows


def evaluate(tagger: NerTagger, sentences: Iterable[Sentence]) -> Scores:
    scores = Scores()
    for toks, gold in sentences:
        scores.add(gold, tagger.tag(toks))
    return scores


# --------------------------------------------------------------------------
# Training


@dataclass
class TrainConfig:
    c1: float = 0.1
    c2: float = 0.05
    max_iterations: int = 150
    domain_adapt: bool = True
    default_domain: str | None = "idner-news-2k"
    corpora: tuple[str, ...] = CORPORA
    features: int = 1  # feature set version (see Featurizer)
    districts: bool = True  # district names as a gazetteer of their own
    clusters: ClusterConfig = field(default_factory=ClusterConfig)


def load_training(data: Path, corpora: Sequence[str] = CORPORA) -> dict[str, list[Sentence]]:
    return {c: read_conll(corpus_file(data, c, "train")) for c in corpora}


def build_lexicon(
    data: Path,
    out: Path,
    train: dict[str, list[Sentence]],
    cfg: ClusterConfig,
    log: Callable[[str], None] = print,
    districts: bool = True,
) -> None:
    """Write clusters.tsv and the gazetteers into ``out``; hand-kept lists are copied."""
    out.mkdir(parents=True, exist_ok=True)
    labeled = [s for sents in train.values() for s in sents]
    clusters = build_clusters(token_stream(unlabeled_texts(data), labeled), cfg, log)
    write_clusters(out / "clusters.tsv", clusters)
    main = gazetteer_entries(data)
    write_gazetteer(out / "gazetteer.tsv", main)
    for name in ("cues.tsv", "gazetteer_extra.tsv"):  # hand-kept lists travel with the model
        src = resource_dir() / name
        if src.exists() and src.resolve() != (out / name).resolve():
            (out / name).write_text(src.read_text("utf-8"), "utf-8")
    if districts:
        known = {k.lower() for k in main}
        extra = out / "gazetteer_extra.tsv"
        if extra.exists():
            known.update(k.lower() for k, *_ in _data_lines(extra))
        dist = {k: v for k, v in district_entries(data, clusters).items() if k.lower() not in known}
        write_gazetteer(out / "gazetteer_districts.tsv", dist, _DISTRICTS_HEADER)


def train_crf(
    train: dict[str, list[Sentence]],
    lexicon_dir: Path,
    model_path: Path,
    cfg: TrainConfig,
    log: Callable[[str], None] = print,
) -> None:
    """Fit the CRF on the union of the corpora, with corpus-prefixed copies of features."""
    import pycrfsuite

    feat = Featurizer(Lexicon.from_dir(lexicon_dir), cfg.features)
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for corpus, sents in train.items():
        domain = corpus if cfg.domain_adapt else None
        for toks, labels in sents:
            trainer.append(feat.sentence(toks, domain), labels)
            n += len(toks)
    trainer.set_params(
        {
            "c1": cfg.c1,
            "c2": cfg.c2,
            "max_iterations": cfg.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    log(f"training CRF on {n:,} tokens ...")
    t0 = time.time()
    trainer.train(str(model_path))
    log(f"trained in {time.time() - t0:.0f}s")


def write_meta(out: Path, cfg: TrainConfig, extra: dict | None = None) -> None:
    """Training settings, and the name the trained files give the tagger (``tagger``).

    The name is worked out from the model and word lists just written (``fingerprint``), as
    the tagger works it out when loaded, so ``meta.json`` cannot carry a stale one.
    """
    meta = {
        "default_domain": cfg.default_domain if cfg.domain_adapt else None,
        "domains": list(cfg.corpora) if cfg.domain_adapt else [],
        "c1": cfg.c1,
        "c2": cfg.c2,
        "max_iterations": cfg.max_iterations,
        "features": cfg.features,
        **(extra or {}),
    }
    meta["tagger"] = "crf:ner-" + fingerprint(out / "model.crfsuite", lexicon_files(out), meta)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")


def train(
    data: Path,
    out: Path,
    cfg: TrainConfig | None = None,
    sample: int | None = None,
    log: Callable[[str], None] = print,
) -> NerTagger:
    """Rebuild the whole NER folder ``out`` from the reference data in ``data``."""
    cfg = cfg or TrainConfig()
    train_sets = load_training(data, cfg.corpora)
    if sample:
        rng = random.Random(7)
        train_sets = {c: rng.sample(s, min(sample, len(s))) for c, s in train_sets.items()}
    build_lexicon(data, out, train_sets, cfg.clusters, log, cfg.districts)
    train_crf(train_sets, out, out / "model.crfsuite", cfg, log)
    write_meta(out, cfg)
    return NerTagger.from_dir(out)


def split_folds(sents: Sequence[Sentence], k: int, seed: int = 1) -> list[list[int]]:
    idx = list(range(len(sents)))
    random.Random(seed).shuffle(idx)
    return [idx[i::k] for i in range(k)]


def cross_validate(
    data: Path,
    work: Path,
    cfg: TrainConfig,
    folds: int = 3,
    run_folds: int | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Scores]:
    """k-fold cross-validation on the TRAIN files only (how settings are chosen).

    Each fold holds out 1/k of every corpus, trains on the rest of all of them
    and scores each corpus's held-out part with its own conventions. The word
    lists in ``work`` are built once from all training text (no labels used).
    """
    train_sets = load_training(data, cfg.corpora)
    if not (work / "clusters.tsv").exists():
        build_lexicon(data, work, train_sets, cfg.clusters, log, cfg.districts)
    folds_of = {c: split_folds(s, folds) for c, s in train_sets.items()}
    total = {c: Scores() for c in cfg.corpora}
    for k in range(run_folds or folds):
        tr = {
            c: [s[i] for f, ids in enumerate(folds_of[c]) if f != k for i in ids]
            for c, s in train_sets.items()
        }
        model = work / f"cv{k}.crfsuite"
        train_crf(tr, work, model, cfg, log)
        meta = {
            "domains": list(cfg.corpora) if cfg.domain_adapt else [],
            "features": cfg.features,
        }
        tagger = NerTagger(model, Lexicon.from_dir(work), meta)
        for c, s in train_sets.items():
            t = tagger.with_domain(c if cfg.domain_adapt else None)
            sc = evaluate(t, [s[i] for i in folds_of[c][k]])
            log(f"fold {k} {c}: F1 {sc.prf()[2]:.2f}")
            for attr in ("tp", "fp", "fn"):
                getattr(total[c], attr).update(getattr(sc, attr))
    return total
