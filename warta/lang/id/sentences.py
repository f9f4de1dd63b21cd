"""Indonesian sentence splitting by rule.

Why rules and not a model: news prose is regular, and the errors that matter
are few and known — abbreviations with a dot ("dr.", "Jl.", "No."), initials
("A. Rahman"), numbers ("2.000", "3,5", "pukul 10.00"), and direct quotes that
run over several sentences. A quotation closed within its paragraph is kept in
one sentence, so that the cue after it ("…," tambahnya) stays with all of it.
Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re

from ...article import Article, Sentence
from .tokenize import abbreviations

QUOTE_CHARS = "\"“”„«»"
# A quotation longer than this is not held together: a stray quote mark must
# not swallow a whole paragraph into one sentence.
MAX_QUOTE_SPAN = 1200

# a match starts only at the first mark of a run, and runs are taken whole
# (possessive), so a long run of dots costs linear time, not quadratic
_BOUNDARY = re.compile(r"(?<![.!?…])([.!?…]++)([\"”’'»)\]]*+)(\s+)(?=[\"“”'‘«(\[]?[A-Z0-9À-Þ])")
_QUOTE = re.compile(f"[{QUOTE_CHARS}]")
_PARA = re.compile(r"\n\s*")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\.?$")


def _quote_spans(par: str) -> list[tuple[int, int]]:
    """Pair quote marks within a paragraph: first opens, second closes, …

    Kompas often opens with ” instead of “, so the glyph is not trusted;
    alternation is. An unpaired last mark (quote continuing in the next
    paragraph) is left open and holds nothing together.
    """
    marks = [m.start() for m in _QUOTE.finditer(par)]
    spans = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if b - a <= MAX_QUOTE_SPAN:
            spans.append((a, b))
    return spans


def _is_abbreviation_end(par: str, dot: int) -> bool:
    """True when the dot at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(par[max(0, dot - 40) : dot])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # initial: "A. Rahman", "J. Smith"
        return True
    return word.lower() in abbreviations()


def _split_paragraph(par: str, offset: int, out: list[Sentence]) -> None:
    quotes = _quote_spans(par)
    start = 0
    for m in _BOUNDARY.finditer(par):
        punct_start = m.start(1)
        if m.group(1) == "." and _is_abbreviation_end(par, punct_start):
            continue
        cut = m.end(2)
        if any(a < punct_start < b and b > cut for a, b in quotes):
            continue  # inside a quotation that closes later in the paragraph
        _emit(par, start, cut, offset, out)
        start = m.end(3)
    _emit(par, start, len(par), offset, out)


def _emit(par: str, s: int, e: int, offset: int, out: list[Sentence]) -> None:
    while s < e and par[s].isspace():
        s += 1
    while e > s and par[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(offset + s, offset + e))


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans (offsets into ``text``), paragraphs first."""
    out: list[Sentence] = []
    pos = 0
    for m in _PARA.finditer(text):
        _split_paragraph(text[pos : m.start()], pos, out)
        pos = m.end()
    _split_paragraph(text[pos:], pos, out)
    return out


def sentences_stage(article: Article) -> Article:
    article.sentences = split_sentences(article.text)
    return article
