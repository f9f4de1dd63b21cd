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


def _paragraph_ends(text: str, marks: list[_Mark]) -> list[int]:
    """End of the paragraph of each mark (trailing spaces excluded), in one pass."""
    out: list[int] = []
    nl = -1
    end = 0
    for m in marks:
        if m.end > nl:  # the paragraph changed: find its end once
            nl = text.find("\n", m.end)
            end = len(text) if nl < 0 else nl
            nl = len(text) if nl < 0 else nl
            while end > m.end and text[end - 1].isspace():
                end -= 1
        out.append(end)
    return out


class _Table:
    """The marks of a text with what pairing asks of them, computed once.

    ``next_close[j]`` is the first mark at or after ``j`` that may close;
    ``after_para[j]`` the first mark past the end of mark ``j``'s paragraph.
    Both make finding a quote's close O(1), so pairing reads the text once
    however many marks find no close.
    """

    def __init__(self, text: str, marks: list[_Mark]):
        n = len(marks)
        self.text = text
        self.marks = marks
        self.para_end = _paragraph_ends(text, marks)
        self.next_close = [n] * (n + 1)
        for j in range(n - 1, -1, -1):
            self.next_close[j] = j if marks[j].can_close else self.next_close[j + 1]
        self.after_para = [n] * n
        k = 0
        for j in range(n):
            k = max(k, j + 1)
            while k < n and marks[k].start <= self.para_end[j]:
                k += 1
            self.after_para[j] = k
        # mark index -> (close index or -1, paragraph end, next index, paragraphs)
        self._follow: dict[int, tuple[int, int, int, int]] = {}
        self._reopens: dict[int, bool] = {}  # paragraph end -> whether the next mark reopens

    def _continues(self, j: int, n: int) -> bool:
        """Whether mark ``n`` reopens the quote of mark ``j``'s paragraph on the next one."""
        end = self.para_end[j]
        if end not in self._reopens:
            m = self.marks[n]
            self._reopens[end] = (
                m.para_start and m.can_open and _next_paragraph_starts_at(self.text, end, m.start)
            )
        return self._reopens[end]

    def _step(self, j: int) -> tuple[int, int, int, int] | int:
        """The quote read on from mark ``j``'s paragraph: its end, or the mark it continues at."""
        n = len(self.marks)
        k = self.next_close[j + 1]
        after = self.after_para[j]
        if k < after:
            return (k, self.marks[k].end, k + 1, 1)
        if after < n and self._continues(j, after):
            return after
        return (-1, self.para_end[j], after, 1)

    def follow(self, j: int) -> tuple[int, int, int, int]:
        """How a quote that reaches mark ``j`` ends: (close, end, next mark, paragraphs).

        ``close`` is -1 when the quote ran to a paragraph end unclosed. Chains of
        paragraphs that each reopen the quote are remembered, so every mark is
        walked once.
        """
        chain: list[int] = []
        while True:
            if j in self._follow:
                result = self._follow[j]
                break
            step = self._step(j)
            if isinstance(step, tuple):
                result = step
                self._follow[j] = result
                break
            chain.append(j)
            j = step
        for c in reversed(chain):
            close, end, nxt, paras = result
            result = (close, end, nxt, paras + 1)
            self._follow[c] = result
        return result


def pair_marks(text: str) -> list[Pair]:
    """All quoted stretches of ``text``, in order.

    A quote runs from an opening mark to the next mark that may close it in
    the same paragraph; a quote left open at its paragraph's end goes on when
    the next paragraph opens with a quote mark, and otherwise ends there
    unclosed. A quote longer than ``MAX_QUOTE`` characters is stray: its mark
    opens nothing and the next mark is read.
    """
    marks = [classify(text, m.start(), m.end()) for m in MARK.finditer(text)]
    table = _Table(text, marks)
    pairs: list[Pair] = []
    i = 0
    while i < len(marks):
        opener = marks[i]
        if not opener.can_open:
            i += 1
            continue
        close, end, nxt, paragraphs = table.follow(i)
        if end - opener.start > MAX_QUOTE:
            i += 1
            continue
        if close >= 0:
            pairs.append(Pair(opener.start, end, opener.end, marks[close].start, True, paragraphs))
        elif end > opener.end:
            pairs.append(Pair(opener.start, end, opener.end, end, False, paragraphs))
        i = nxt
    return pairs


def _next_paragraph_starts_at(text: str, para_end: int, pos: int) -> bool:
    """Whether ``pos`` is the first character of the paragraph after ``para_end``."""
    between = text[para_end:pos]
    return between.count("\n") == 1 and not between.strip()
