"""`warta train ner` and `warta eval ner`: thin shells over ner_train."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .ner import NerTagger, resource_dir
from .ner_train import (
    CORPORA,
    ClusterConfig,
    Scores,
    TrainConfig,
    cross_validate,
    detect_corpus,
    evaluate,
    read_conll,
    train,
)


def _log(msg: str) -> None:
    click.echo(msg, err=True)


def _config(c1: float, c2: float, iterations: int, adapt: bool, features: int) -> TrainConfig:
    return TrainConfig(
        c1=c1,
        c2=c2,
        max_iterations=iterations,
        domain_adapt=adapt,
        features=features,
        clusters=ClusterConfig(),
    )


@click.command("ner")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Reference data folder (reads ner/*/train.*, corpus/, gazetteer/).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the model into [default: the package's resources/ner].",
)
@click.option("--c1", default=TrainConfig.c1, show_default=True, help="L1 penalty.")
@click.option("--c2", default=TrainConfig.c2, show_default=True, help="L2 penalty.")
@click.option("--iterations", default=TrainConfig.max_iterations, show_default=True)
@click.option(
    "--features",
    type=click.IntRange(1, 2),
    default=TrainConfig.features,
    show_default=True,
    help="Feature set: 1 word and +-2 window; 2 adds neighbours' clusters and capitalised runs.",
)
@click.option(
    "--domain-adapt/--no-domain-adapt",
    default=True,
    show_default=True,
    help="Corpus-prefixed feature copies (one model, four annotation conventions).",
)
@click.option(
    "--sample", type=int, default=None, help="Train on N sentences per corpus (a quick check)."
)
@click.option(
    "--cv",
    "folds",
    type=int,
    default=0,
    help="Cross-validate K folds on train instead of training.",
)
@click.option(
    "--run-folds",
    type=int,
    default=None,
    help="With --cv: score only the first N of the K folds (a quicker screen).",
)
def train_ner(
    data: Path,
    out: Path | None,
    c1: float,
    c2: float,
    iterations: int,
    features: int,
    domain_adapt: bool,
    sample: int | None,
    folds: int,
    run_folds: int | None,
) -> None:
    """Train the NER model from the corpora in DATA/ner (train splits only)."""
    cfg = _config(c1, c2, iterations, domain_adapt, features)
    if folds:
        work = out or Path("ner-cv")
        work.mkdir(parents=True, exist_ok=True)
        results = cross_validate(data, work, cfg, folds=folds, run_folds=run_folds, log=_log)
        for corpus, scores in results.items():
            _print_scores(f"{corpus} ({folds}-fold CV on train)", scores)
        return
    out = out or resource_dir()
    t0 = time.time()
    train(data, out, cfg, sample=sample, log=_log)
    click.echo(f"model written to {out} in {time.time() - t0:.0f}s")


@click.command("ner")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--model",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Model folder [default: the shipped model].",
)
@click.option(
    "--domain",
    default="auto",
    show_default=True,
    help="Annotation conventions to tag with: auto (judged from the file's tag set), "
    "news (the default model), or one of: " + ", ".join(CORPORA) + ".",
)
def eval_ner(files: tuple[str, ...], model: Path | None, domain: str) -> None:
    """Entity-level precision/recall/F1 (exact span) on CoNLL-style FILES."""
    tagger = NerTagger.load(model)
    for path in files:
        dom = _domain_for(path, domain, tagger)
        t = tagger.with_domain(dom) if dom != "news" else tagger
        sents = read_conll(path)
        t.tag(["."])  # fold this corpus's weights before the clock starts
        t0 = time.process_time()
        scores = evaluate(t, sents)
        secs = time.process_time() - t0
        _print_scores(
            f"{path}  [{tagger.name}, conventions: {t.domain or 'shared'}, "
            f"{scores.tokens:,} tokens, {scores.tokens / max(secs, 1e-9):,.0f} tokens/s CPU]",
            scores,
        )


def _domain_for(path: str, domain: str, tagger: NerTagger) -> str | None:
    known = tagger.meta.get("domains", [])
    if domain == "auto":
        found = detect_corpus(path)
        return found if found in known else "news"
    if domain == "news":
        return "news"
    if domain in ("none", "shared"):
        return None
    if domain not in known:
        raise click.BadParameter(f"unknown domain {domain!r}; the model knows {known}")
    return domain


def _print_scores(title: str, scores: Scores) -> None:
    click.echo(title)
    click.echo(f"  {'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for typ, p, r, f, n in scores.table():
        click.echo(f"  {typ:<6} {p:6.2f} {r:6.2f} {f:6.2f} {n:6d}")
