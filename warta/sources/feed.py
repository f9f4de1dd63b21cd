"""RSS and Atom feeds: one article per item or entry.

Feeds are parsed incrementally with ``iterparse`` and every finished item is
dropped from the tree, so a long feed archive reads in constant memory. A
feed that declares a DOCTYPE is refused: entity declarations are how XML
"billion laughs" expansion attacks work, and real feeds do not need them.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import ItemError
from .base import Item, make_article, open_binary
from .decode import looks_binary, peek
from .html import fragment_text

ITEM_TAGS = {"item", "entry"}
TEXT_TAGS = ("encoded", "content", "description", "summary")  # by preference
DATE_TAGS = ("pubDate", "published", "date", "updated", "issued", "modified")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
PROLOG_BYTES = 1 << 16


def _local(tag: Any) -> str:
    """An element name without its namespace (``{ns}encoded`` → ``encoded``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(item: ET.Element) -> dict[str, ET.Element]:
    """The first child of each local name (``content:encoded`` is ``encoded``)."""
    found: dict[str, ET.Element] = {}
    for child in item:
        found.setdefault(_local(child.tag), child)
    return found


def _link(item: ET.Element) -> str | None:
    """The article URL: RSS ``<link>`` text, Atom ``<link rel="alternate" href>``."""
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def _item_text(children: dict[str, ET.Element]) -> str:
    """The fullest text an item offers, converted from HTML to plain lines."""
    for name in TEXT_TAGS:
        el = children.get(name)
        if el is None:
            continue
        content = el.text or ""
        if not content.strip() and len(el):  # Atom type="xhtml": markup as children
            content = "".join(ET.tostring(c, encoding="unicode") for c in el)
        text = fragment_text(content)
        if text:
            return text
    return ""


def _item_article(item: ET.Element, source: str, outlet: str | None) -> Item:
    """One article from a finished item/entry element."""
    children = _children(item)
    title_el = children.get("title")
    title = fragment_text(title_el.text or "") if title_el is not None else None
    date = next((children[t].text for t in DATE_TAGS if t in children and children[t].text), None)
    meta: dict[str, Any] = {}
    guid = children.get("guid") if "guid" in children else children.get("id")
    if guid is not None and guid.text:
        meta["guid"] = guid.text.strip()
    return make_article(
        _item_text(children),
        source,
        "feed",
        url=_link(item),
        title=title,
        published=date,
        outlet=outlet,
        meta=meta,
    )


def _prolog_problem(binary: BinaryIO) -> str | None:
    """Why a feed must be refused before parsing, or None."""
    head = peek(binary, PROLOG_BYTES)
    if not head.strip():
        return "empty file"
    if looks_binary(head):
        return "binary file, not text"
    if _DOCTYPE.search(head):
        return "feed declares a DOCTYPE; refused (XML entity expansion risk)"
    return None


def read_feed_stream(binary: BinaryIO, label: str) -> Iterator[Item]:
    """Yield one article per item/entry of an RSS or Atom stream."""
    problem = _prolog_problem(binary)
    if problem:
        yield ItemError(label, problem, stage="read")
        return
    stack: list[ET.Element] = []
    outlet: str | None = None
    count = 0
    try:
        for event, el in ET.iterparse(binary, events=("start", "end")):
            if event == "start":
                stack.append(el)
                continue
            stack.pop()
            name = _local(el.tag)
            if (
                name == "title"
                and outlet is None
                and not any(_local(p.tag) in ITEM_TAGS for p in stack)
            ):
                outlet = fragment_text(el.text or "") or None
            elif name in ITEM_TAGS:
                count += 1
                yield _item_article(el, f"{label}#item={count}", outlet)
                if stack:
                    stack[-1].remove(el)  # constant memory over long feeds
    except ET.ParseError as e:
        yield ItemError(label, f"not well-formed XML after {count} items: {e}", stage="read")
        return
    if count == 0:
        yield ItemError(label, "no RSS item or Atom entry found", stage="read")


def read_feed(path: str | os.PathLike, label: str) -> Iterator[Item]:
    """Yield the articles of an RSS/Atom file, gzip-compressed or not."""
    with open_binary(path) as binary:
        yield from read_feed_stream(binary, label)
