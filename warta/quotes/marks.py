"""Pairing quotation marks in clean text.

News text mixes straight quotes ("), typographic quotes (“ ”) and the Kompas
style that opens with a right double quote as well (”…”), and a quote may run
over several sentences or paragraphs (each new paragraph of the quote opens
again, only the last one closes). Because the same character may open or
close, each mark is classified from its surroundings and the marks are paired
by a small state machine that reads the text once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Quote characters, plus escaped forms a cleaner may have left in the text.
MARK = re.compile(r'&(?:quot|#34|#x22|ldquo|rdquo|#8220|#8221|bdquo);|["“”„‟«»]')
_OPEN_ONLY = frozenset("“„«")
_CLOSE_ONLY = frozenset("»")
_OPEN_ENTITIES = frozenset({"&ldquo;", "&#8220;", "&bdquo;"})
_CLOSE_ENTITIES = frozenset({"&rdquo;", "&#8221;"})
_TERMINAL = frozenset(".,!?…;:-—–")
MAX_QUOTE = 4000  # characters; an open mark with no close this far away is stray


@dataclass(slots=True)
class Pair:
    """A quoted stretch: ``start``/``end`` include the marks."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True  # False when the quote ran to a paragraph end unclosed
    paragraphs: int = 1


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    can_open: bool
    can_close: bool
    para_start: bool  # first thing on its paragraph


def _prev_char(text: str, i: int) -> tuple[str, bool]:
    """The previous non-space character and whether a newline came first."""
    j = i - 1
    newline = False
    while j >= 0 and text[j] in " \t\r\n\u00a0":
        newline = newline or text[j] == "\n"
        j -= 1
    return (text[j] if j >= 0 else ""), newline or j < 0


def _next_char(text: str, i: int) -> str:
    j = i
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    return text[j] if j < len(text) else ""


def classify(text: str, start: int, end: int) -> _Mark:
    """Whether a mark may open, close, or both, from the characters around it."""
    ch = text[start:end]
    prev, para = _prev_char(text, start)
    nxt = _next_char(text, end)
    if ch in _OPEN_ONLY or ch in _OPEN_ENTITIES:
        return _Mark(start, end, True, False, para)
    if ch in _CLOSE_ONLY or ch in _CLOSE_ENTITIES:
        return _Mark(start, end, False, True, para)
    touch_left = start > 0 and not text[start - 1].isspace()
    touch_right = end < len(text) and not text[end].isspace()
    if touch_left and not touch_right:
        return _Mark(start, end, False, True, para)
    if touch_right and not touch_left:
        return _Mark(start, end, True, False, para)
    # Spaced on both sides (or on neither): judge by the words around it.
    opens = nxt == "" or not (nxt.islower() or nxt in _TERMINAL or nxt == ")")
    closes = prev != "" and not para and (prev in _TERMINAL or prev.isalnum() or prev in ")?!")
    if not opens and not closes:
        opens = closes = True
    return _Mark(start, end, opens or para, closes and not para, para)


def _paragraph_end(text: str, pos: int) -> int:
    """End of the paragraph that contains ``pos`` (trailing spaces excluded)."""
    nl = text.find("\n", pos)
    end = len(text) if nl < 0 else nl
    while end > pos and text[end - 1].isspace():
        end -= 1
    return end


def pair_marks(text: str) -> list[Pair]:
    """All quoted stretches of ``text``, in order."""
    marks = [classify(text, m.start(), m.end()) for m in MARK.finditer(text)]
    pairs: list[Pair] = []
    i = 0
    while i < len(marks):
        opener = marks[i]
        if not opener.can_open:
            i += 1
            continue
        pair, i = _close(text, marks, i)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _close(text: str, marks: list[_Mark], i: int) -> tuple[Pair | None, int]:
    """Find the close of the quote opened by ``marks[i]``; the next index to read."""
    opener = marks[i]
    paragraphs = 1
    para_end = _paragraph_end(text, opener.end)
    j = i + 1
    while j < len(marks):
        m = marks[j]
        if m.start - opener.start > MAX_QUOTE:
            return None, i + 1
        if m.start > para_end:
            # The quote reached its paragraph end unclosed: it continues only
            # when the next paragraph opens with a quote mark.
            if m.para_start and m.can_open and _next_paragraph_starts_at(text, para_end, m.start):
                paragraphs += 1
                para_end = _paragraph_end(text, m.end)
                j += 1
                continue
            return _unclosed(opener, para_end, paragraphs), j
        if m.can_close:
            return Pair(opener.start, m.end, opener.end, m.start, True, paragraphs), j + 1
        j += 1
    if para_end - opener.start <= MAX_QUOTE:
        return _unclosed(opener, para_end, paragraphs), j
    return None, i + 1


def _next_paragraph_starts_at(text: str, para_end: int, pos: int) -> bool:
    """Whether ``pos`` is the first character of the paragraph after ``para_end``."""
    between = text[para_end:pos]
    return between.count("\n") == 1 and not between.strip()


def _unclosed(opener: _Mark, para_end: int, paragraphs: int) -> Pair | None:
    if para_end <= opener.end:
        return None
    return Pair(opener.start, para_end, opener.end, para_end, False, paragraphs)
