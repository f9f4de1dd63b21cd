"""Click commands of the stories layer; ``warta.cli`` registers them.

* ``eval_summaries FILE`` -> ``warta eval summaries FILE``
"""

from __future__ import annotations

import click

from .evaluate import evaluate_summaries
from .indosum import read_indosum

METRICS = (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeL", "ROUGE-L"))


@click.command("summaries")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--no-title", is_flag=True, help="Do not use the title slug of IndoSum ids.")
def eval_summaries(path: str, limit: int | None, no_title: bool) -> None:
    """Score extractive summaries on IndoSum-format JSONL: ROUGE F of warta beside LEAD-3."""
    docs = read_indosum(path)
    if limit is not None:
        docs = (d for i, d in zip(range(limit), docs, strict=False))
    scores = evaluate_summaries(docs, use_title=not no_title)
    if not scores.n:
        raise click.ClickException(f"{path}: no article with sentences and a gold summary")
    click.echo(f"{'F x 100':10}" + "".join(f"{label:>10}" for _, label in METRICS))
    for name, s in (("warta", scores.warta), ("LEAD-3", scores.lead3)):
        click.echo(f"{name:10}" + "".join(f"{100 * s[key]:10.2f}" for key, _ in METRICS))
    click.echo(f"{scores.n} articles; tokens: lower-cased \\w+ runs, no stemming")
