"""Fit the event gate (``data/gate.json``) on the annotated events, with k-fold cross-validation.

Usage::

    python -m warta.events.gate_train [--data DATA] [--gold tests/data/events_gold.jsonl] \
        [--folds 5] [--write warta/events/data/gate.json]

``DATA`` is the reference data directory holding ``corpus/`` (the gold stores
article ids and offsets, not texts). The gate learns from the splits in
``TRAIN_SPLITS`` only; held-out splits are never read.

Every event the rules propose (before repeats are merged) is one example, labelled right when it
agrees with a gold event of its article in root code, source and target on a
sentence that tells it. An L2-regularised logistic regression (scikit-learn,
training only) is fitted over ``gate.features``. Folds hold whole articles out;
the fold models code their held-out articles with each threshold of the grid and
the event-level precision and recall are scored exactly as ``warta eval events``
scores them, beside the rules alone on the same articles. The threshold with
the best F1 is kept; the final weights are fitted on all articles and written with
the fold models and, per training article, the hash of its text and its fold, so
that ``warta eval events`` codes a training article with a model that did not see it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from ..article import text_key
from .coder import code_article
from .evaluate import Score, _overlaps, gold_articles, load_gold, parties_agree, score_article
from .gate import GATE_FILE, Gate, features_of

TRAIN_SPLITS = ("dev", "train")
KEEP_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
MARGIN = 0.01  # a threshold that drops events must beat keeping them all by this much F1


def examples(article, golds: list[dict]) -> tuple[list[list[str]], list[int]]:
    """The features of each event the rules propose in ``article``, and whether it is right."""
    events = code_article(article, gate=None, raw=True)
    ys = [int(any(_overlaps(g, ev) and g["code"][:2] == ev["root"] and all(parties_agree(g, ev))
                  for g in golds)) for ev in events]
    return features_of(events, article), ys


def fit(xs: list[list[str]], ys: list[int], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in xs])
    # "bias" is a feature of every example: no separate intercept, so it is regularised too
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, ys)
    return {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 1e-4}


def _score(articles, gates, split: str | None = None) -> Score:
    sc = Score()
    for (art, golds, name), gate in zip(articles, gates, strict=True):
        if split is None or name == split:
            score_article(art.text, code_article(art, gate=gate), golds, sc)
    return sc


def _f1(sc: Score) -> tuple[float, float, float]:
    p, r = sc.pr(sc.full)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@click.command()
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True)
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("tests/data/events_gold.jsonl"), show_default=True)
@click.option("--folds", default=5, show_default=True)
@click.option("--c", "cs", multiple=True, type=float, default=(0.3, 1.0), show_default=True,
              help="inverse L2 strength; the best by cross-validated F1 is kept")
@click.option("--write", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"write the gate (the shipped one is {GATE_FILE.name})")
def main(data: Path, gold: Path, folds: int, cs: Sequence[float], write: Path | None) -> None:
    from sklearn.metrics import roc_auc_score

    articles = list(gold_articles(load_gold(gold), data, TRAIN_SPLITS))
    fold_of = [i % folds for i in range(len(articles))]
    per_article = [examples(a, g) for a, g, _ in articles]
    n_events = sum(len(g) for _, g, _ in articles)
    n_ex = sum(len(y) for _, y in per_article)
    n_pos = sum(sum(y) for _, y in per_article)
    click.echo(f"{len(articles)} articles, {n_events} gold events; {n_ex} proposed events, {n_pos} right")

    rules = _score(articles, [None] * len(articles))
    p, r, f = _f1(rules)
    click.echo(f"{'rules alone':28} P {p:6.1%}  R {r:6.1%}  F1 {f:6.1%}")
    best = None
    for c in cs:
        fold_weights = []
        for k in range(folds):
            xs = [x for (fx, _), fk in zip(per_article, fold_of, strict=True) if fk != k for x in fx]
            ys = [y for (_, fy), fk in zip(per_article, fold_of, strict=True) if fk != k for y in fy]
            fold_weights.append(fit(xs, ys, c))
        held, labels = [], []  # each proposed event scored by the fold model that did not see it
        for (fx, fy), k in zip(per_article, fold_of, strict=True):
            held += [Gate(fold_weights[k], 0.0).probability(x) for x in fx]
            labels += fy
        click.echo(f"C={c:<4} ranking of proposed events (cross-validated): AUC "
                   f"{roc_auc_score(labels, held):.3f}")
        for keep in KEEP_GRID:
            gates = [Gate(fold_weights[k], keep) for k in fold_of]
            p, r, f = _f1(_score(articles, gates))
            if best is None or f > best[0] + (MARGIN if keep else 0.0):
                best = (f, p, r, c, keep, fold_weights)
            click.echo(f"C={c:<4} keep>={keep:<5} P {p:6.1%}  R {r:6.1%}  F1 {f:6.1%}")
    f, p, r, c, keep, fold_weights = best
    for split in TRAIN_SPLITS:
        base = _score(articles, [None] * len(articles), split)
        gated = _score(articles, [Gate(fold_weights[k], keep) for k in fold_of], split)
        (bp, br), (gp, gr) = base.pr(base.full), gated.pr(gated.full)
        click.echo(f"  {split:6} {base.gold:4d} gold events: rules P {bp:6.1%} R {br:6.1%}   "
                   f"gated (cross-validated) P {gp:6.1%} R {gr:6.1%}")
    click.echo(f"best (cross-validated, {folds} folds by article): C={c} keep>={keep}  "
               f"P {p:.1%}  R {r:.1%}  F1 {f:.1%}")
    if write:
        xs = [x for fx, _ in per_article for x in fx]
        ys = [y for _, fy in per_article for y in fy]
        model = {
            "about": "event gate: logistic regression over warta.events.gate.features; "
                     "rebuilt by python -m warta.events.gate_train --write",
            "c": c, "keep": keep,
            "cross_validated": {"folds": folds, "precision": round(p, 4), "recall": round(r, 4),
                                "articles": len(articles), "gold_events": n_events},
            "weights": fit(xs, ys, c),
            "fold_weights": fold_weights,
            "fold_of": {text_key(a.text): k for (a, _, _), k in zip(articles, fold_of, strict=True)},
        }
        write.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                         encoding="utf-8")
        click.echo(f"wrote {write} ({len(model['weights'])} weights)")


if __name__ == "__main__":
    main()
