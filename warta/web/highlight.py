"""Turn an article's clean text and its spans into highlighted, escaped HTML.

Spans overlap and nest freely (an entity inside a quote inside an event
sentence), so the text is cut at every span boundary into flat segments; each
segment carries the list of spans that cover it. Every piece of article text
(the segments and every label shown beside them) is escaped here or by the
template engine: nothing from an article can become markup in the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..article import Article


@dataclass(slots=True)
class Mark:
    """One highlighted span: what it is, where it is, and what to show about it."""

    key: str  # unique within the page, used in ids and data attributes
    kind: str  # entity | quote | cue | event
    start: int
    end: int
    label: str  # short heading for the popover
    css: str = ""  # extra CSS classes (e.g. entity type)
    details: list[tuple[str, Any]] = field(default_factory=list)
    link: str | None = None  # page about the thing (entity page...)


@dataclass(slots=True)
class Segment:
    """A run of text covered by exactly the same set of marks."""

    text: str
    marks: list[Mark]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece lists the marks covering it.

    Marks with offsets outside the text or with ``start >= end`` are ignored:
    a bad span from one stage must not break the page for the whole article.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in valid if m.start <= a and b <= m.end]
        out.append(Segment(text[a:b], covering))
    return out


def render_segments(segs: Iterable[Segment]) -> Markup:
    """HTML for the article body: escaped text, marked runs wrapped in <span>.

    The class list and data attribute are built only from our own keys and
    kinds; the article text goes through ``escape`` exactly once.
    """
    parts: list[str] = []
    for seg in segs:
        body = str(escape(seg.text))
        if not seg.marks:
            parts.append(body)
            continue
        classes = {"hl"} | {f"hl-{m.kind}" for m in seg.marks}
        classes |= {m.css for m in seg.marks if m.css}
        keys = " ".join(m.key for m in seg.marks)
        parts.append(
            f'<span class="{escape(" ".join(sorted(classes)))}" data-marks="{escape(keys)}"'
            f' tabindex="0">{body}</span>'
        )
    return Markup("".join(parts))


def _actors(side: Iterable[dict] | None) -> str:
    """Each participant of one side of an event as name and actor code."""
    names = []
    for p in side or []:
        name = p.get("name") or p.get("entity") or "?"
        names.append(f"{name} ({p['actor']})" if p.get("actor") else str(name))
    return ", ".join(names)


def entity_marks(article: Article) -> list[Mark]:
    """One mark per entity mention, labelled with the entity it resolves to."""
    marks: list[Mark] = []
    for i, ent in enumerate(article.entities):
        details = [
            ("type", ent.type),
            ("actor", ent.actor),
            ("role", ent.role),
            ("affiliation", ent.affiliation),
        ]
        for j, m in enumerate(ent.mentions):
            marks.append(
                Mark(
                    key=f"e{i}-{j}",
                    kind="entity",
                    start=int(m.get("start", -1)),
                    end=int(m.get("end", -1)),
                    label=ent.name,
                    css=f"hl-{str(ent.type).lower()}" if ent.type else "",
                    details=[*details, ("rule", m.get("by") or ent.by)],
                    link=f"/entities/{quote(str(ent.id), safe='')}" if ent.id else None,
                )
            )
    return marks


def _cue_mark(i: int, q: dict) -> Mark | None:
    """The speech verb of a quote, when the quote stage gives its offsets.

    The quote layer gives ``cue`` (the word) with ``cue_start``/``cue_end``;
    a cue given as a span dict of its own is read the same way.
    """
    cue = q.get("cue")
    if isinstance(cue, dict):
        start, end, word = cue.get("start"), cue.get("end"), cue.get("text")
    else:
        start, end, word = q.get("cue_start"), q.get("cue_end"), cue
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return Mark(
        key=f"c{i}",
        kind="cue",
        start=start,
        end=end,
        label=f"cue: {word or ''}",
        details=[("rule", q.get("by"))],
    )


def quote_marks(article: Article) -> list[Mark]:
    """One mark per quotation (and its cue), labelled with the speaker."""
    marks: list[Mark] = []
    for i, q in enumerate(article.quotes):
        speaker = q.get("speaker") or {}
        cue = q.get("cue")
        cue_text = cue.get("text") if isinstance(cue, dict) else cue
        marks.append(
            Mark(
                key=f"q{i}",
                kind="quote",
                start=int(q.get("start", -1)),
                end=int(q.get("end", -1)),
                label=f"quote: {speaker.get('name') or 'unknown speaker'}",
                details=[("kind", q.get("kind")), ("cue", cue_text), ("rule", q.get("by"))],
                link=f"/entities/{quote(str(speaker['entity']), safe='')}"
                if speaker.get("entity")
                else None,
            )
        )
        cue_mark = _cue_mark(i, q)
        if cue_mark:
            marks.append(cue_mark)
    return marks


def event_marks(article: Article) -> list[Mark]:
    """One mark per event, showing its code, actors and the rule that fired."""
    marks: list[Mark] = []
    for i, ev in enumerate(article.events):
        marks.append(
            Mark(
                key=f"v{i}",
                kind="event",
                start=int(ev.get("start", -1)),
                end=int(ev.get("end", -1)),
                label=f"event {ev.get('code', '?')}",
                details=[
                    ("code", ev.get("code")),
                    ("plover", ev.get("plover")),
                    ("quad", ev.get("quad")),
                    ("goldstein", ev.get("goldstein")),
                    ("source", _actors(ev.get("source"))),
                    ("target", _actors(ev.get("target"))),
                    ("date", ev.get("date")),
                    ("rule", ev.get("by")),
                ],
            )
        )
    return marks


def article_marks(article: Article) -> list[Mark]:
    """Every mark of an article, in a stable order (entities, quotes, events)."""
    return [*entity_marks(article), *quote_marks(article), *event_marks(article)]


def highlight(article: Article) -> tuple[Markup, list[Mark]]:
    """The highlighted body of an article and the marks it refers to."""
    marks = article_marks(article)
    return render_segments(segments(article.text, marks)), marks
