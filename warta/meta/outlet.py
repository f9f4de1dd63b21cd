"""Outlet: from the URL's host, else from the dateline marker in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Outlet:
    key: str
    name: str
    domains: tuple[str, ...]
    marker: str  # regex alternatives naming the outlet in a dateline


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    text = resources.files(__package__).joinpath("outlets.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, name, domains, marker = line.split("\t")
        out.append(Outlet(key, name, tuple(d.strip() for d in domains.split(",")), marker))
    return tuple(out)


@lru_cache(maxsize=1)
def _marker_regex() -> re.Pattern[str]:
    parts = [f"(?P<{o.key}>{o.marker})" for o in outlets()]
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])")


def by_key(key: str) -> Outlet | None:
    for o in outlets():
        if o.key == key:
            return o
    return None


def from_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # a malformed URL ("http://[x") names no outlet
        return None
    for o in outlets():
        if any(host == d or host.endswith("." + d) for d in o.domains):
            return o
    return None


def from_name(name: str | None) -> Outlet | None:
    """An outlet named by the input ('kompas', 'Kompas.com', 'tribunnews.com')."""
    if not name:
        return None
    low = name.strip().lower()
    for o in outlets():
        if low in (o.key, o.name.lower()) or any(low == d or low.startswith(d.split(".")[0]) for d in o.domains):
            return o
    return None


def from_text(head: str) -> Outlet | None:
    m = _marker_regex().search(head[:200])
    if not m:
        return None
    return by_key(m.lastgroup) if m.lastgroup else None


def outlet_key(url: str | None, head: str) -> str | None:
    o = from_url(url) or from_text(head)
    return o.key if o else None


def marker_pattern() -> str:
    """All outlets' dateline markers as one regex alternative (for datelines)."""
    return "|".join(o.marker for o in outlets())
