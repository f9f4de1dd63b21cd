"""Scoring warta's summaries on IndoSum-format JSONL, beside LEAD-3 on the same articles.

Each article is rebuilt as text with its given sentence spans (see
``indosum.rebuild``), summarised by ``summarize`` exactly as the pipeline
does (title: the article's title slug from its IndoSum id, when present), and
scored with ``rouge`` against the gold summary. LEAD-3 takes the first three
sentences as given, the usual baseline.

The shipped model was fitted on IndoSum articles, so scoring it on those same
articles would flatter it. The model file keeps the cross-validation fold
models and a hash of each training article's text with the fold that held it
out: an article the shipped model was trained on is scored by the fold model
that did not see it (the cross-validated figure); any other article is scored
by the shipped model itself. ``SummaryScores`` counts both kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..article import text_key
from .indosum import SumDoc
from .rouge import mean_scores, rouge_scores
from .summarize import load_model, summarize


@dataclass(slots=True)
class SummaryScores:
    """Macro-averaged ROUGE F (0-1) of warta and LEAD-3 over ``n`` articles.

    ``held_out`` of them were in the shipped model's training data and were
    scored by the cross-validation model that had not seen them.
    """

    n: int = 0
    warta: dict[str, float] = field(default_factory=dict)
    lead3: dict[str, float] = field(default_factory=dict)
    held_out: int = 0


def model_for(doc: SumDoc, model: dict) -> tuple[dict, bool]:
    """The model to score ``doc`` with, and whether it is a fold model (doc was trained on)."""
    cv = model.get("cv") or {}
    fold = (cv.get("held_out") or {}).get(text_key(doc.text))
    if fold is None:
        return model, False
    return cv["models"][fold], True


def summary_text(doc: SumDoc, use_title: bool = True, model: dict | None = None) -> str:
    """warta's summary of one rebuilt article, sentences joined by newlines."""
    spans = summarize(doc.text, doc.sentences, 3, doc.title if use_title else None, doc.paragraph,
                      model=model)
    return "\n".join(doc.text[s["start"] : s["end"]] for s in spans)


def lead3_text(doc: SumDoc) -> str:
    return "\n".join(doc.text[s:e] for s, e in doc.sentences[:3])


def evaluate_summaries(docs: Iterable[SumDoc], use_title: bool = True) -> SummaryScores:
    """ROUGE of warta and of LEAD-3 on the same articles, in one pass."""
    shipped = load_model()
    ours, lead, held = [], [], 0
    for doc in docs:
        if not doc.sentences or not doc.reference.strip():
            continue
        model, was_trained_on = model_for(doc, shipped) if shipped else (None, False)
        held += was_trained_on
        ours.append(rouge_scores(summary_text(doc, use_title, model), doc.reference))
        lead.append(rouge_scores(lead3_text(doc), doc.reference))
    return SummaryScores(len(ours), mean_scores(ours), mean_scores(lead), held)
