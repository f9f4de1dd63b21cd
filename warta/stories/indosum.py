"""Reading IndoSum-format JSONL (tokenised paragraphs, gold summary) into plain text with spans.

IndoSum gives each article as paragraphs of sentences of tokens. Summaries in
warta are spans over clean text, so each article is rebuilt as text: tokens
joined by one space, sentences by one space, paragraphs by a newline. The
sentence spans come from that construction, not from a sentence splitter, so
evaluation measures sentence selection only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class SumDoc:
    """One IndoSum article rebuilt as text plus sentence spans."""

    id: str
    text: str
    sentences: list[tuple[int, int]]
    paragraph: list[int]  # paragraph index of each sentence
    reference: str
    title: str | None = None
    labels: list[bool] = field(default_factory=list)


_SLUG = re.compile(r"^\d+-")


def title_from_id(doc_id: str) -> str | None:
    """IndoSum ids are '<timestamp>-<title slug>'; the slug is the article's title in lower case."""
    if not _SLUG.match(doc_id):
        return None
    return _SLUG.sub("", doc_id).replace("-", " ").strip() or None


def rebuild(record: dict) -> SumDoc:
    """Text, sentence spans and paragraph numbers from one IndoSum record."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    para: list[int] = []
    pos = 0
    for p_i, paragraph in enumerate(record.get("paragraphs", [])):
        if parts:
            parts.append("\n")
            pos += 1
        for s_i, sent in enumerate(paragraph):
            if s_i:
                parts.append(" ")
                pos += 1
            s = " ".join(sent)
            parts.append(s)
            spans.append((pos, pos + len(s)))
            para.append(p_i)
            pos += len(s)
    labels = [bool(x) for p in record.get("gold_labels", []) for x in p]
    reference = "\n".join(" ".join(s) for s in record.get("summary", []))
    doc_id = str(record.get("id", ""))
    return SumDoc(doc_id, "".join(parts), spans, para, reference, title_from_id(doc_id), labels)


def read_indosum(path: str | Path) -> Iterator[SumDoc]:
    """Each article of an IndoSum JSONL file, rebuilt."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield rebuild(json.loads(line))
