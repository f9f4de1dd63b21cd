"""Datelines: "MOSKWA, KOMPAS.com - …", "TRIBUNNEWS.COM, JAKARTA - …",
"KONTAN.CO.ID - JAKARTA. …", "Bisnis.com, JAKARTA – …", "JAKARTA, KOMPAS — …".

The dateline is cut from the clean text (it is not part of the story) and the
city is normalised: upper-case datelines become title case ("MOSKWA" →
"Moskwa"), short parts stay upper case ("WASHINGTON DC"), and ``cities.tsv``
gives the English name and country where known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .outlet import marker_pattern

_DASH = r"\s*[-–—]+\s*"
_CITY = r"[A-Z][A-Za-z.'’ ]{1,40}?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    marker = f"(?P<outlet>{marker_pattern()})"
    return (
        # MOSKWA, KOMPAS.com - / JAKARTA, KOMPAS —
        re.compile(rf"^(?P<city>{_CITY})\s*,\s*{marker}{_DASH}"),
        # TRIBUNNEWS.COM, JAKARTA - / Bisnis.com, JAKARTA – / TEMPO.CO, Jakarta -
        re.compile(rf"^{marker}\s*[,.]?\s*(?P<city>{_CITY}){_DASH}"),
        # KONTAN.CO.ID - JAKARTA.
        re.compile(rf"^{marker}{_DASH}(?P<city>[A-Z][A-Z .]{{1,40}}?)\.\s+"),
        # JAKARTA (ANTARA) -
        re.compile(rf"^(?P<city>{_CITY})\s*\({marker}\){_DASH}"),
        # KOMPAS.com - (regional editions often give no city)
        re.compile(rf"^{marker}{_DASH}"),
        # detik style: "Jakarta - " (city must be known, see below)
        re.compile(rf"^(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?){_DASH}"),
    )


@dataclass(frozen=True, slots=True)
class City:
    name: str
    english: str
    country: str | None


@lru_cache(maxsize=1)
def cities() -> dict[str, City]:
    text = resources.files(__package__).joinpath("cities.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, name, english, country = line.split("\t")
        out[form] = City(name, english, country or None)
    return out


def normalize_city(raw: str) -> City:
    key = " ".join(raw.replace("’", "'").split()).upper().rstrip(".")
    known = cities().get(key)
    if known:
        return known
    words = []
    for w in key.split(" "):
        words.append(w if len(w) <= 2 else w[:1] + w[1:].lower())
    name = " ".join(words)
    return City(name, name, None)


@dataclass(frozen=True, slots=True)
class Dateline:
    city: City | None
    outlet_marker: str | None
    start: int
    end: int  # end of the whole dateline prefix in the text


def city_from_url(url: str | None) -> City | None:
    """A regional edition's city from the host ("surabaya.kompas.com")."""
    if not url or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0].lower()
    label = host.split(".", 1)[0]
    known = cities().get(label.upper())
    return known


def find_dateline(text: str) -> Dateline | None:
    head = text[:160]
    for i, pat in enumerate(_patterns()):
        m = pat.match(head)
        if not m:
            continue
        outlet = m.groupdict().get("outlet")
        if "city" not in m.groupdict():
            return Dateline(None, outlet, m.start(), m.end())
        raw_city = m.group("city").strip(" ,.")
        if not raw_city or len(raw_city) < 3:
            continue
        if i == len(_patterns()) - 1 and raw_city.upper() not in cities():
            continue  # the bare "City - " form only for known cities
        return Dateline(normalize_city(raw_city), outlet, m.start(), m.end())
    return None
