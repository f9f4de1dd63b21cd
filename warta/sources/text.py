"""Plain text: one article per file, like the seed articles.

The whole file is the raw article; nothing is guessed from it here (the
dateline, outlet and date are the metadata stage's work on the clean text).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..errors import ItemError
from .base import Item, TooBig, make_article, read_limited
from .decode import NotText, decode_bytes


def article_from_bytes(data: bytes, source: str, fmt: str = "text") -> Item:
    """One article from the bytes of a whole text input (a file or stdin)."""
    if not data:
        return ItemError(source, "empty file", stage="read")
    try:
        text, encoding = decode_bytes(data)
    except NotText as e:
        return ItemError(source, str(e), stage="read")
    return make_article(text, source, fmt, meta={"encoding": encoding})


def read_text(path: str | os.PathLike, source: str, max_bytes: int) -> Iterator[Item]:
    """Yield the one article of a text file (or one ItemError saying why not)."""
    try:
        data = read_limited(path, max_bytes)
    except TooBig as e:
        yield ItemError(source, str(e), stage="read")
        return
    yield article_from_bytes(data, source)
