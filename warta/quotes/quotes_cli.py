"""``warta eval quotes FILE``: statement spans and speakers against PFSA-ID.

Each rebuilt PFSA-ID article runs through the entities layer (when it is
installed) and the quotation layer; predicted quotes are matched to the gold
STATEMENT spans (Jaccard over tokens ≥ 0.5) and the speaker of each matched
statement is compared with the PERSON / PERSONCOREF that PFSA-ID gives it.
PFSA-ID marks the statements of public figures only, so by default the quotes
of speakers the article presents as private people ('Andi (38), pedagang')
are left out of the scoring (``--speakers all`` keeps them).
The figures are printed for all articles and for the two halves: the
even-numbered articles (looked at while the rules were written) and the
odd-numbered ones (never looked at).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from ..article import Article
from .pfsa import GoldArticle, Score, halves, read_pfsa, score_article


def _analyzer(with_entities: bool) -> Callable[[Article], list[dict]]:
    """Article -> quotes, through the entities layer when asked and available."""
    from . import extract_quotes

    stage = None
    if with_entities:
        from ..pipeline import load_stage

        stage = load_stage("entities")

    def analyze(article: Article) -> list[dict]:
        if stage is not None:
            article = stage(article)
        return extract_quotes(article)

    return analyze


def _score_all(
    articles: list[GoldArticle],
    analyze: Callable[[Article], list[dict]],
    kinds: tuple[str, ...],
    public_only: bool,
) -> dict[int, Score]:
    """One Score per article index, with a progress bar."""
    out: dict[int, Score] = {}
    with click.progressbar(articles, label="scoring", file=click.get_text_stream("stderr")) as bar:
        for ga in bar:
            out[ga.index] = score_article(ga, analyze(ga.to_article()), kinds, public_only)
    return out


def _sum(scores: dict[int, Score], subset: list[GoldArticle]) -> Score:
    total = Score()
    for ga in subset:
        total.add(scores[ga.index])
    return total


@click.command("quotes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--kinds",
    type=click.Choice(["direct", "all"]),
    default="direct",
    show_default=True,
    help="Which predicted quotes to score: PFSA-ID marks direct quotes only.",
)
@click.option(
    "--speakers",
    type=click.Choice(["public", "all"]),
    default="public",
    show_default=True,
    help="Score only quotes whose speaker is not presented as a private person (PFSA-ID marks public figures).",
)
@click.option("--entities/--no-entities", default=True, show_default=True, help="Run the entities layer first.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_quotes(file: str, kinds: str, speakers: str, entities: bool, as_json: bool) -> None:
    """Score statement spans (F1) and speakers (accuracy) on a PFSA-ID FILE."""
    articles = read_pfsa(file)
    wanted = ("direct",) if kinds == "direct" else ("direct", "indirect")
    scores = _score_all(articles, _analyzer(entities), wanted, speakers == "public")
    inspected, held_out = halves(articles)
    rows = {
        "all": _sum(scores, articles).as_dict(),
        "even (inspected)": _sum(scores, inspected).as_dict(),
        "odd (held out)": _sum(scores, held_out).as_dict(),
    }
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"PFSA-ID {file}: {len(articles)} articles, scoring {kinds} quotes of {speakers} speakers")
    click.echo(f"{'articles':<18} {'n':>4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker acc':>12}")
    for name, r in rows.items():
        click.echo(
            f"{name:<18} {r['articles']:>4} {r['gold']:>5} {r['predicted']:>5} {r['precision']:>6} "
            f"{r['recall']:>6} {r['f1']:>6} {r['speaker_accuracy']:>7} ({r['speaker_right']}/{r['speaker_gold']})"
        )
