"""Publication dates from text and URLs.

Indonesian news dates the story in the text: "Selasa (26/12/2017)",
"Senin (27/2/2023) malam", "26 Desember 2017". The weekday is checked against
the date it names; a date whose weekday disagrees is kept only when nothing
better exists, and the disagreement is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
}  # fmt: skip

_DAY = "|".join(sorted(DAYS, key=len, reverse=True)).replace("'", "'?")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{_DAY}),?\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{2,4}}))?\s*\)",
    re.I,
)
LONG_DATE = re.compile(rf"\b(?:(?P<wd>{_DAY}),?\s+)?(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?\s+(?P<y>\d{{4}})\b", re.I)
URL_DATE = re.compile(r"/(?P<y>20\d\d|19\d\d)/?(?P<m>[01]\d)/?(?P<d>[0-3]\d)(?:/|\d)")


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int
    end: int
    weekday_ok: bool | None  # None when the text names no weekday
    by: str


def _year(y: str | None, default: int | None) -> int | None:
    if y is None:
        return default
    n = int(y)
    return n + 2000 if n < 100 else n


def _make(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")


def _year_by_weekday(text: str, month: int, day: int, weekday: int) -> int | None:
    """The year that gives "Senin (28/1)" its weekday, among the years the text mentions (±1).

    Outlets such as Kontan omit the year; the weekday then picks it, because
    a day of the year falls on the same weekday only every 5 to 11 years.
    """
    mentioned = {int(y) for y in _YEAR.findall(text)}
    candidates = {y + d for y in mentioned for d in (-1, 0, 1)}
    fits = [y for y in candidates if (dt := _make(y, month, day)) is not None and dt.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every weekday-date and long date in ``text``, in order of appearance."""
    out = []
    for m in WEEKDAY_DATE.finditer(text):
        wd = DAYS[m.group("wd").lower().replace("'", "")]
        month, day = int(m.group("m")), int(m.group("d"))
        year, by = _year(m.group("y"), default_year), "rules:weekday-date"
        if year is None:
            year, by = _year_by_weekday(text, month, day, wd), "rules:weekday-date-year-by-weekday"
        dt = _make(year, month, day)
        if dt:
            out.append(FoundDate(dt, m.start(), m.end(), dt.weekday() == wd, by))
    for m in LONG_DATE.finditer(text):
        dt = _make(int(m.group("y")), MONTHS[m.group("mon").lower()], int(m.group("d")))
        if dt:
            wd = m.group("wd")
            ok = None if not wd else dt.weekday() == DAYS[wd.lower().replace("'", "")]
            out.append(FoundDate(dt, m.start(), m.end(), ok, "rules:long-date"))
    out.sort(key=lambda f: f.start)
    return out


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    m = URL_DATE.search(url)
    return _make(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None


def publication_date(text: str, url: str | None = None) -> tuple[date | None, str, dict]:
    """(date, how it was found, evidence) — URL first, then the first valid date in the text."""
    from_url = date_from_url(url)
    if from_url:
        return from_url, "url", {}
    found = find_dates(text[:3000])
    for f in found:
        if f.weekday_ok is not False:
            return f.value, f.by, {"start": f.start, "end": f.end, "weekday_ok": f.weekday_ok}
    if found:
        f = found[0]
        return f.value, f.by, {"start": f.start, "end": f.end, "weekday_ok": False}
    return None, "", {}
