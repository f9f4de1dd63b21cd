"""``warta eval foundation``: how well cleaning and metadata do on a dump.

No gold annotation exists for cleaning, so the figures are the checks a
reader would make by eye, counted per outlet: is a dateline found, is the
article dated (from the input's metadata, and from the text alone), is any
"Baca juga" or known promo footer left in the clean text.
"""

from __future__ import annotations

import re
from collections import defaultdict

import click

FOUNDATION = ("clean", "meta", "sentences")
LEFT_FOOTER = re.compile(
    r"Dapatkan update berita|JernihBerkomentar|kompascomupdate|Grup Telegram|^Syarat & Ketentuan|"
    r"SCROLL TO CONTINUE|Artikel ini telah tayang|Simak juga Video",
    re.M | re.I,
)
LEFT_LINK = re.compile(r"\bBaca juga\s*:", re.I)


def foundation_figures(inputs: list[str]) -> dict[str, dict[str, int]]:
    """Counts per outlet over every article of ``inputs``."""
    from .article import Article
    from .ingest import with_learned_pipeline
    from .pipeline import Pipeline
    from .sources import read

    pipeline, items = with_learned_pipeline(read(inputs), FOUNDATION)
    text_only = Pipeline(FOUNDATION)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        if not isinstance(item, Article):
            counts["(errors)"]["articles"] += 1
            continue
        raw = item.raw
        a = pipeline(item)
        c = counts[a.outlet or "(unknown)"]
        c["articles"] += 1
        c["dateline"] += any(r.why == "dateline" for r in a.removed)
        c["dateline_city"] += a.dateline is not None
        c["dated"] += a.published is not None
        c["link_left"] += bool(LEFT_LINK.search(a.text))
        c["footer_left"] += bool(LEFT_FOOTER.search(a.text))
        c["links"] += len(a.links)
        bare = text_only(Article(text="", raw=raw))  # no URL, no date column: the text alone
        c["dated_from_text"] += bare.published is not None
    return counts


@click.command("foundation")
@click.argument("inputs", nargs=-1, required=True)
def eval_foundation(inputs: tuple[str, ...]) -> None:
    """Cleaning and metadata figures per outlet for the articles of INPUTS."""
    counts = foundation_figures(list(inputs))
    head = f"{'outlet':<18} {'articles':>8} {'dateline':>9} {'city':>7} {'dated':>7} {'text-dated':>10} {'links':>6} {'link left':>9} {'footer left':>11}"
    click.echo(head)
    click.echo("-" * len(head))
    for outlet, c in sorted(counts.items(), key=lambda kv: -kv[1]["articles"]):
        n = c["articles"]
        if outlet == "(errors)":
            click.echo(f"{outlet:<18} {n:>8}")
            continue

        def pct(key: str, n: int = n, c=c) -> str:
            return f"{100 * c[key] / n:.1f}%"

        click.echo(
            f"{outlet:<18} {n:>8} {pct('dateline'):>9} {pct('dateline_city'):>7} {pct('dated'):>7} "
            f"{pct('dated_from_text'):>10} {c['links']:>6} {c['link_left']:>9} {c['footer_left']:>11}"
        )
