"""Fit the summary scorer on IndoSum extractive labels, with k-fold cross-validation.

Usage::

    python -m warta.stories.summary_train INDOSUM_DEV_JSONL \
        [--folds 5] [--write warta/stories/summary_model.json]

``INDOSUM_DEV_JSONL`` is IndoSum's ``dev.jsonl`` (from the reference data, see docs/stories.md).

The shipped ``summary_model.json`` was built by exactly that command (5 folds,
the defaults: ``--scorer boost --inner 3``) on IndoSum ``dev.jsonl`` (2,303 articles).

The sentence scorer is gradient-boosted trees (scikit-learn's
HistGradientBoostingClassifier, 100 trees of at most 31 leaves, learning rate
0.1) over the features of ``summarize.sentence_features``, exported as plain
lists so that inference needs neither scikit-learn nor pickles; only training
imports it. ``--scorer logreg`` fits the earlier L2-regularised logistic
regression instead (Newton's method with numpy). A second ridge model scores
candidate sets of 1-3 sentences by their predicted ROUGE-1 (length and
redundancy matter for an F-score), fitted on probabilities the sentence scorer
gives to training articles it did not see (``--inner`` folds); both are fitted
on the training folds only. Cross-validated ROUGE is printed beside LEAD-3 on the
same held-out articles; with ``--write`` a final model is fitted on all
articles and written as JSON together with the fold models and, for each
training article, a hash of its text and the fold that held it out, so that
``warta eval summaries`` scores every article it was trained on with a model
that did not see it (see ``evaluate.model_for``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import click
import numpy as np

from .evaluate import text_key
from .indosum import SumDoc, read_indosum
from .rouge import mean_scores, rouge_n, rouge_scores, rouge_tokens
from .summarize import (
    candidate_sets,
    choose,
    dateline_end,
    pseudo_reference,
    sentence_features,
    sentence_probs,
    subset_features,
    words,
)


def doc_features(doc: SumDoc) -> list[dict[str, float]]:
    return sentence_features(doc.text, doc.sentences, doc.title, doc.paragraph)


def fit(feats: Sequence[list[dict[str, float]]], labels: Sequence[list[bool]],
        l2: float = 1.0, iters: int = 25) -> dict[str, float]:
    """Logistic-regression weights keyed by feature name."""
    names = sorted({k for doc in feats for f in doc for k in f})
    index = {k: j for j, k in enumerate(names)}
    rows = [f for doc in feats for f in doc]
    y = np.array([float(v) for doc in labels for v in doc])
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(rows):
        for k, v in f.items():
            x[i, index[k]] = v
    w = np.zeros(len(names))
    reg = l2 * np.eye(len(names))
    reg[index["bias"], index["bias"]] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {k: float(w[j]) for k, j in index.items()}


def extract(doc: SumDoc, chosen: list[int]) -> str:
    """The text of the chosen sentences, dateline skipped as in ``summarize``."""
    parts = []
    for i in chosen:
        s, e = doc.sentences[i]
        parts.append(doc.text[dateline_end(doc.text, s, e) if i == 0 else s : e])
    return "\n".join(parts)


def lead(doc: SumDoc, k: int = 3) -> str:
    """LEAD-k, the sentences as given (no dateline removal): the usual baseline."""
    return "\n".join(doc.text[s:e] for s, e in doc.sentences[:k])


def fit_subset(docs: Sequence[SumDoc], doc_probs: Sequence[list[float]],
               ridge: float = 0.1) -> list[float]:
    """Ridge regression from candidate-set features to the set's ROUGE-1 on training articles."""
    x, y = [], []
    for d, probs in zip(docs, doc_probs, strict=True):
        # Features from the words inference sees; the target from the text a summary shows.
        toks = [words(d.text[s:e]) for s, e in d.sentences]
        shown = [rouge_tokens(extract(d, [j])) for j in range(len(d.sentences))]
        ref = rouge_tokens(d.reference)
        pseudo = pseudo_reference(probs, toks)
        for c in candidate_sets(probs):
            x.append(subset_features(c, probs, toks, pseudo))
            y.append(rouge_n([t for j in c for t in shown[j]], ref, 1))
    xa, ya = np.array(x), np.array(y)
    beta = np.linalg.solve(xa.T @ xa + ridge * np.eye(xa.shape[1]), xa.T @ ya)
    return [round(float(b), 6) for b in beta]


def fit_boost(feats: Sequence[list[dict[str, float]]], labels: Sequence[list[bool]],
              trees: int = 100, rate: float = 0.1, leaves: int = 31) -> dict:
    """Gradient-boosted trees on the sentence labels, exported as plain lists for
    ``summarize.boost_score``. Training needs scikit-learn; inference does not."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = sorted({k for doc in feats for f in doc for k in f})
    index = {k: j for j, k in enumerate(names)}
    rows = [f for doc in feats for f in doc]
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(rows):
        for k, v in f.items():
            x[i, index[k]] = v
    y = np.array([int(v) for doc in labels for v in doc])
    clf = HistGradientBoostingClassifier(max_iter=trees, learning_rate=rate, max_leaf_nodes=leaves,
                                         early_stopping=False, random_state=0).fit(x, y)
    out = []
    for (tree,) in clf._predictors:
        nodes = []
        for nd in tree.nodes:
            if nd["is_leaf"]:
                nodes.append([round(float(nd["value"]), 6)])
            else:
                nodes.append([int(nd["feature_idx"]), float(nd["num_threshold"]),
                              int(nd["left"]), int(nd["right"])])
        out.append(nodes)
    used = sorted({n[0] for t in out for n in t if len(n) == 4})
    remap = {j: i for i, j in enumerate(used)}
    for t in out:
        for n in t:
            if len(n) == 4:
                n[0] = remap[n[0]]
    return {"features": [names[j] for j in used],
            "base": round(float(np.ravel(clf._baseline_prediction)[0]), 6), "trees": out}


def fit_sentences(feats: Sequence[list[dict[str, float]]], labels: Sequence[list[bool]],
                  l2: float, scorer: str, **boost: float) -> dict:
    """The sentence stage alone: logistic weights, or a tree ensemble."""
    if scorer == "boost":
        return {"boost": fit_boost(feats, labels, **boost)}
    return {"weights": fit(feats, labels, l2)}


def train_model(docs: Sequence[SumDoc], feats: Sequence[list[dict[str, float]]],
                labels: Sequence[list[bool]], l2: float, scorer: str = "boost",
                inner: int = 3, **boost: float) -> dict:
    """Both stages: sentence scorer on the labels, then the set scorer on ROUGE.

    The set scorer reads the sentence probabilities, so it is fitted on probabilities the
    sentence scorer gives to articles it did not see (``inner``-fold cross-fitting): trees
    are sure of the articles they were grown on, and a set scorer fitted on those would trust
    the probabilities too much."""
    model = fit_sentences(feats, labels, l2, scorer, **boost)
    probs: list[list[float]] = [[] for _ in docs]
    if inner > 1:
        for part in folds_of(len(docs), inner, seed=7):
            held = set(part)
            rest = [i for i in range(len(docs)) if i not in held]
            sub = fit_sentences([feats[i] for i in rest], [labels[i] for i in rest], l2, scorer,
                                **boost)
            for i in part:
                probs[i] = sentence_probs(feats[i], sub)
    else:
        probs = [sentence_probs(f, model) for f in feats]
    return {**model, "subset": fit_subset(docs, probs)}


def rounded(model: dict) -> dict:
    out = {k: v for k, v in model.items() if k != "weights"}
    if "weights" in model:
        out["weights"] = {k: round(v, 6) for k, v in sorted(model["weights"].items())}
    return out


def dump(model: dict) -> str:
    """The model as JSON: one line per tree ensemble (trees are read by code, not people),
    the rest indented."""
    def compact(m: dict) -> dict:
        return {k: json.dumps(v, separators=(",", ":")) if k == "boost" else v for k, v in m.items()}

    cv = model.get("cv", {})
    top = {**compact(model), "cv": {**cv, "models": [compact(m) for m in cv.get("models", [])]}}
    text = json.dumps(top, indent=1)
    # the ensembles were written as strings; put them back as JSON
    for m in [model, *cv.get("models", [])]:
        if "boost" in m:
            blob = json.dumps(m["boost"], separators=(",", ":"))
            text = text.replace(json.dumps(blob), blob, 1)
    return text + "\n"


def folds_of(n: int, k: int, seed: int = 13) -> list[list[int]]:
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    return [idx[i::k] for i in range(k)]


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--folds", default=5, show_default=True)
@click.option("--l2", default=1.0, show_default=True, help="L2 of the logistic scorer.")
@click.option("--scorer", type=click.Choice(["boost", "logreg"]), default="boost", show_default=True,
              help="Sentence scorer: gradient-boosted trees or logistic regression.")
@click.option("--inner", default=3, show_default=True,
              help="Folds for the out-of-fold probabilities the set scorer is fitted on (1: none).")
@click.option("--trees", default=100, show_default=True, help="Boosting rounds.")
@click.option("--rate", default=0.1, show_default=True, help="Boosting learning rate.")
@click.option("--leaves", default=31, show_default=True, help="Leaves per tree at most.")
@click.option("--write", "out", type=click.Path(dir_okay=False), default=None,
              help="Fit on all articles and write the model JSON here.")
def main(path: str, folds: int, l2: float, scorer: str, inner: int, trees: int, rate: float,
         leaves: int, out: str | None) -> None:
    """Cross-validate the summary scorer on IndoSum-format JSONL; optionally write the model."""
    docs = list(read_indosum(path))
    feats = [doc_features(d) for d in docs]
    boost = {"trees": trees, "rate": rate, "leaves": leaves}
    labels = [d.labels if len(d.labels) == len(d.sentences) else [False] * len(d.sentences) for d in docs]
    per_doc: dict[int, dict[str, float]] = {}
    lead_doc: dict[int, dict[str, float]] = {}
    fold_models: list[dict] = []
    held_out: dict[str, int] = {}
    for k, test in enumerate(folds_of(len(docs), folds)):
        held = set(test)
        train = [i for i in range(len(docs)) if i not in held]
        model = train_model([docs[i] for i in train], [feats[i] for i in train],
                            [labels[i] for i in train], l2, scorer, inner, **boost)
        fold_models.append(rounded(model))
        for i in test:
            held_out[text_key(docs[i].text)] = k
            chosen = choose(docs[i].text, docs[i].sentences, model, 3, docs[i].title, docs[i].paragraph)
            per_doc[i] = rouge_scores(extract(docs[i], chosen), docs[i].reference)
            lead_doc[i] = rouge_scores(lead(docs[i]), docs[i].reference)
        fold = mean_scores(per_doc[i] for i in test)
        click.echo(f"fold {k + 1}: ROUGE-1 {100 * fold['rouge1']:.2f}")
    cv, ld = mean_scores(per_doc.values()), mean_scores(lead_doc.values())
    click.echo(f"{'':10}{'R-1':>8}{'R-2':>8}{'R-L':>8}   ({len(docs)} articles, {folds}-fold CV)")
    for name, s in (("warta", cv), ("LEAD-3", ld)):
        click.echo(f"{name:10}" + "".join(f"{100 * s[m]:8.2f}" for m in ("rouge1", "rouge2", "rougeL")))
    if out:
        model = {**rounded(train_model(docs, feats, labels, l2, scorer, inner, **boost)),
                 "trained_on": "IndoSum extractive labels", "articles": len(docs),
                 "cv_rouge1": round(100 * cv["rouge1"], 2), "folds": folds,
                 "cv": {"models": fold_models, "held_out": held_out}}
        Path(out).write_text(dump(model), encoding="utf-8")
        click.echo(f"wrote {out}")


if __name__ == "__main__":
    main()
