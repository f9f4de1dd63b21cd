"""Quotations: who said what.

``quotes_stage(article)`` fills ``article.quotes`` with every statement of the
article, direct (in quote marks) and indirect (reported), each with its cue
word, its speaker resolved to an entity when possible, and the evidence span:

    {id, start, end, text, kind: direct|indirect, cue, cue_start, cue_end,
     speaker: {entity, name, start, end, by, standing} | None, by}

``start``/``end`` cover the statement in ``article.text`` (quote marks
included for direct quotes); ``text`` is the statement without its marks.
A statement whose speaker cannot be found keeps ``speaker: None``.

``standing`` says how the article presents the speaker: ``{kind: private |
public, start, end, by}`` with the evidence span ('Andi (38), pedagang ayam'
is a private person, 'Kepala Dinas X Budi' a public figure), or None when the
article does not say.
"""

from __future__ import annotations

import hashlib

from ..article import Article
from .extract import Candidate, find_direct, find_indirect
from .speakers import Resolver

__all__ = ["quotes_stage", "extract_quotes"]


def _sentences(article: Article) -> list[tuple[int, int]]:
    """The article's sentences; split here when the sentence layer has not run."""
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    from ..lang.id.sentences import split_sentences

    return [(s.start, s.end) for s in split_sentences(article.text)]


def _quote_id(article: Article, start: int) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{article.id}\x00{start}".encode())
    return h.hexdigest()


def _to_dict(article: Article, cand: Candidate, speaker: dict | None) -> dict:
    text = cand.said if cand.said is not None else article.text[cand.inner_start : cand.inner_end].strip()
    return {
        "id": _quote_id(article, cand.start),
        "start": cand.start,
        "end": cand.end,
        "text": text,
        "kind": cand.kind,
        "cue": cand.cue,
        "cue_start": cand.cue_start,
        "cue_end": cand.cue_end,
        "speaker": speaker,
        "by": cand.by,
    }


def extract_quotes(article: Article) -> list[dict]:
    """All statements of ``article`` as quote dicts, in text order."""
    text = article.text
    direct = find_direct(text)
    indirect = find_indirect(text, _sentences(article), direct)
    resolver = Resolver(article)
    out = []
    for cand in sorted(direct + indirect, key=lambda c: c.start):
        speaker = resolver.resolve(cand)
        if cand.kind != "intro":
            out.append(_to_dict(article, cand, speaker))
    return out


def quotes_stage(article: Article) -> Article:
    """Pipeline stage: fill ``article.quotes``."""
    article.quotes = extract_quotes(article)
    return article
