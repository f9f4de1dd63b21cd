"""Cleaning: raw scraped text in, clean text plus a record of what went out.

Order matters and each step says why:
1. ``normalize``: HTML entities (also double-escaped ``&amp;ldquo;``), stray
   tags, non-breaking spaces and blank lines — so that later rules see text.
2. Outlet boilerplate from ``boilerplate.yaml`` (footers, widgets) — before
   "Baca juga", so that a link title at the end of an article stops where the
   footer starts.
3. "Baca juga: <title>" links, on their own line or inline (see ``links``).
4. Lines the corpus itself shows to be boilerplate (see ``learned``).
Every removal is kept in ``article.removed`` with the rule that made it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..article import Article, Removal
from .learned import LearnedBoilerplate
from .links import find_related_links

__all__ = ["clean_stage", "clean_text", "make_clean_stage", "normalize", "outlet_for", "LearnedBoilerplate"]

_TAG = re.compile(r"</?(?:p|br|div|span|strong|em|b|i|a|u|h\d|li|ul|ol|figure|figcaption|img|table|tr|td|blockquote)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|h\d|li|blockquote|tr)\b[^>]*>", re.I)
# white space to plain spaces, control characters (and zero-width ones) out, in one pass
_TRANSLATE = {c: " " for c in (0x09, 0xA0, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_TRANSLATE.update({c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x200B, 0xFEFF)})
_SPACES = re.compile(r"  +")
# Some dumps join paragraphs with a bare comma after the closing stop ("... lembaganya.,Hal itu ...",
# '... kata Jokowi.,"Yang ada ...'): a comma right after a sentence's end and right before a
# capitalised word or an opening quote, no space on either side. Degrees after a name
# ("S.Si.,M.M.", "CRA.,CRP") are followed by capitals, not a word, and stay. The comma becomes
# the paragraph break it stood for (same length: offsets hold).
_COMMA_PARAGRAPH = re.compile(r'(?<=[.!?"\u201d]),(?=[A-Z][a-z]|["\u201c][A-Za-z])')


def normalize(raw: str) -> str:
    """Decode entities, drop markup and normalise white space; keep paragraphs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(3):  # "&amp;ldquo;" needs two rounds
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    if "<" in text:
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    text = _SPACES.sub(" ", text.translate(_TRANSLATE))
    if "," in text:
        text = _COMMA_PARAGRAPH.sub("\n", text)
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    action: str  # cut_to_end | line | match
    outlets: frozenset[str] | None
    implies: str | None = None
    needles: tuple[str, ...] = ()  # lower-case texts one of which every match contains


# an atom that may be absent or varies (quantified atom, group, class, escape)
_ATOM = r"(?:\((?:[^()\\]|\\.)*\)|\[(?:[^\]\\]|\\.)*\]|\\.|[^\\])"
_VARIABLE = re.compile(rf"{_ATOM}(?:[?*+]|\{{\d*,?\d*\}})|\((?:[^()\\]|\\.)*\)|\[(?:[^\]\\]|\\.)*\]|\\.")


def needle(pattern: str) -> str:
    """The longest literal run that every match of ``pattern`` must contain ('' if unsure)."""
    flat = pattern
    for _ in range(6):  # innermost groups first
        stripped = _VARIABLE.sub("\x00", flat)
        if stripped == flat:
            break
        flat = stripped
    if "|" in flat:
        return ""  # top-level alternatives: no text common to all matches
    runs = re.split(r"[\x00^$.+*?{}()\[\]\\|]", flat)
    best = max(runs, key=len, default="").strip()
    return best.lower() if len(best) >= 4 else ""


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    data = yaml.safe_load(resources.files(__package__).joinpath("boilerplate.yaml").read_text("utf-8"))
    out = []
    for r in data["rules"]:
        if r["action"] not in {"cut_to_end", "line", "match"}:
            raise ValueError(f"boilerplate rule {r['id']}: unknown action {r['action']!r}")
        outlets = frozenset(r["outlets"]) if r.get("outlets") else None
        out.append(
            Rule(
                r["id"], re.compile(r["pattern"], re.I | re.M), r["action"], outlets, r.get("implies"),
                tuple(n.lower() for n in r.get("needles") or [needle(r["pattern"])] if n),
            )  # fmt: skip
        )
    return tuple(out)


def implied_outlet(removed: list[Removal]) -> str | None:
    """The outlet a removed piece of boilerplate gives away (Detik's "SCROLL TO CONTINUE…")."""
    by_id = {f"boilerplate:{r.id}": r.implies for r in rules() if r.implies}
    for rem in removed:
        if rem.why in by_id:
            return by_id[rem.why]
    return None


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _rule_spans(text: str, outlet: str | None) -> list[tuple[int, int, str]]:
    spans = []
    low = text.lower()
    for rule in rules():
        if rule.outlets is not None and outlet not in rule.outlets:
            continue
        if rule.needles and not any(n in low for n in rule.needles):
            continue
        for m in rule.pattern.finditer(text):
            if rule.action == "cut_to_end":
                spans.append((m.start(), len(text), f"boilerplate:{rule.id}"))
                break
            if rule.action == "line":
                s, e = _line_bounds(text, m.start())
            else:
                s, e = m.span()
            if e > s:
                spans.append((s, e, f"boilerplate:{rule.id}"))
    return spans


def _apply(text: str, spans: list[tuple[int, int, str]], removed: list[Removal]) -> str:
    """Cut the spans (merged where they overlap) and record each removal."""
    if not spans:
        return text
    spans.sort()
    merged: list[list] = []
    for s, e, why in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            continue
        merged.append([s, e, why])
    out, pos = [], 0
    for s, e, why in merged:
        out.append(text[pos:s])
        piece = text[s:e].strip()
        if piece:
            removed.append(Removal(piece, why))
        # keep a separator so the words on either side do not run together
        out.append("\n" if "\n" in text[s:e] or s == 0 or text[s - 1] == "\n" else " ")
        pos = e
    out.append(text[pos:])
    return normalize_space("".join(out))


def normalize_space(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n", text)
    return text.strip()


def clean_text(
    raw: str, outlet: str | None = None, learned: LearnedBoilerplate | None = None
) -> tuple[str, list[Removal], list]:
    """(clean text, removals, related links) of one raw article text."""
    removed: list[Removal] = []
    text = normalize(raw)
    text = _apply(text, _rule_spans(text, outlet), removed)
    link_spans, links = find_related_links(text)
    text = _apply(text, link_spans, removed)
    if learned is not None:
        text = _apply(text, learned.spans(text, outlet), removed)
    return text, removed, links


def make_clean_stage(learned: LearnedBoilerplate | None = None):
    """A cleaning stage that also removes corpus-learned boilerplate."""

    def clean_stage(article: Article) -> Article:
        raw = article.raw if article.raw is not None else article.text
        if article.raw is None:
            article.raw = raw
        outlet = outlet_for(article)
        text, removed, links = clean_text(raw, outlet, learned)
        article.text = text
        article.removed.extend(removed)
        article.links.extend(links)
        return article

    return clean_stage


def outlet_for(article: Article) -> str | None:
    """Outlet key for outlet-limited and learned rules; the meta stage names it properly."""
    from ..meta import outlet as outlets

    raw = article.raw if article.raw is not None else article.text
    o = outlets.from_url(article.url) or outlets.from_name(article.outlet) or outlets.from_text(normalize(raw[:400]))
    return o.key if o else (article.outlet or "").lower() or None


clean_stage = make_clean_stage()
