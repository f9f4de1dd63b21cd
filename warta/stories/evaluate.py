"""Scoring warta's summaries on IndoSum-format JSONL, beside LEAD-3 on the same articles.

Each article is rebuilt as text with its given sentence spans (see
``indosum.rebuild``), summarised by ``summarize`` exactly as the pipeline
does (title: the article's title slug from its IndoSum id, when present), and
scored with ``rouge`` against the gold summary. LEAD-3 takes the first three
sentences as given, the usual baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .indosum import SumDoc
from .rouge import mean_scores, rouge_scores
from .summarize import summarize


@dataclass(slots=True)
class SummaryScores:
    """Macro-averaged ROUGE F (0-1) of warta and LEAD-3 over ``n`` articles."""

    n: int = 0
    warta: dict[str, float] = field(default_factory=dict)
    lead3: dict[str, float] = field(default_factory=dict)


def summary_text(doc: SumDoc, use_title: bool = True) -> str:
    """warta's summary of one rebuilt article, sentences joined by newlines."""
    spans = summarize(doc.text, doc.sentences, 3, doc.title if use_title else None, doc.paragraph)
    return "\n".join(doc.text[s["start"] : s["end"]] for s in spans)


def lead3_text(doc: SumDoc) -> str:
    return "\n".join(doc.text[s:e] for s, e in doc.sentences[:3])


def evaluate_summaries(docs: Iterable[SumDoc], use_title: bool = True) -> SummaryScores:
    """ROUGE of warta and of LEAD-3 on the same articles, in one pass."""
    ours, lead = [], []
    for doc in docs:
        if not doc.sentences or not doc.reference.strip():
            continue
        ours.append(rouge_scores(summary_text(doc, use_title), doc.reference))
        lead.append(rouge_scores(lead3_text(doc), doc.reference))
    return SummaryScores(len(ours), mean_scores(ours), mean_scores(lead))
