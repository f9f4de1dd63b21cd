"""HTML pages: the main text through trafilatura, then our own cleaning.

trafilatura finds the article body and the page metadata (title, date,
canonical URL, site name) well; it keeps lines such as "Baca juga" that the
cleaning stage removes later, so the text handed on is still "raw". Paragraphs
stay separated by newlines because later stages rely on them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import ItemError
from .base import Item, TooBig, make_article, read_limited
from .decode import looks_binary

NO_TEXT = "no article text found in HTML"
# Dates only from the page's metadata, markup and URL: the extensive search
# also takes years from copyright lines ("(c) 2023" becomes 2023-01-01), and a
# wrong date is worse than none (the metadata stage reads the text's own).
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Broken markup can come back from extraction as stray punctuation ("<<>></");
# a text with fewer letters than this is no article.
MIN_LETTERS = 20

# trafilatura logs every page it cannot handle; the reader reports those
# pages itself as one ItemError each.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract(html: str | bytes, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page, or None when it finds none.

    No network is used: trafilatura only parses what it is given.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception:  # lxml and trafilatura raise many kinds on broken markup
        return None
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _body(found: dict[str, Any]) -> str:
    """The extracted text without a leading copy of the headline."""
    text = (found.get("text") or "").strip()
    title = (found.get("title") or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.strip()
    return text


def html_to_article(
    html: str | bytes,
    source: str,
    *,
    fmt: str = "html",
    url: str | None = None,
    date: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Item:
    """One raw article from an HTML page; ``url``/``date`` are fallbacks.

    The page's own canonical URL and date win over the fallbacks (a WARC
    record's target URI and capture date), which are only used when the page
    does not say.
    """
    sample = html[:65536] if isinstance(html, bytes) else html[:65536].encode("utf-8", "replace")
    if looks_binary(sample):
        return ItemError(source, "binary file, not text", stage="read")
    found = extract(html, url)
    body = _body(found) if found else ""
    if sum(c.isalpha() for c in body[:1000]) < MIN_LETTERS:
        return ItemError(source, NO_TEXT, stage="read")
    info = dict(meta or {})
    if found.get("hostname"):
        info["hostname"] = found["hostname"]
    published = found.get("date") or date
    if found.get("date"):
        info["date_from"] = "page"
    elif date:
        info["date_from"] = "capture"
    return make_article(
        body,
        source,
        fmt,
        url=found.get("url") or url,
        title=found.get("title"),
        outlet=found.get("sitename"),
        published=published,
        meta=info,
    )


def read_html(path: str | os.PathLike, source: str, max_bytes: int) -> Iterator[Item]:
    """Yield the one article of an HTML file (or one ItemError saying why not)."""
    try:
        data = read_limited(path, max_bytes)
    except TooBig as e:
        yield ItemError(source, str(e), stage="read")
        return
    if not data.strip():
        yield ItemError(source, "empty file", stage="read")
        return
    yield html_to_article(data, source)


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "tr", "table", "figure", "figcaption", "pre", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "iframe", "svg"}


class _FragmentText(HTMLParser):
    """Collects the text of an HTML fragment, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed item's content), paragraphs kept.

    Feed items carry the article body already isolated, so a full main-text
    extraction is not needed (and discards short items); tags only become
    line breaks and entities become characters.
    """
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
