"""When: Indonesian time expressions resolved against the article's date.

News rarely gives an event's date in full. It writes "Selasa (26/12/2017)",
"kemarin", "pekan lalu", "Senin lalu" or "bulan lalu", all relative to the
day the article appeared. ``find_time_expressions`` finds them with offsets;
``resolve_date`` turns one into a date, or a range (``date_end``) when the
text only gives a week, a month or a year. Vocabulary lives in
``data/time_words.yaml``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml

Resolved = tuple[str | None, str | None]


@lru_cache(maxsize=1)
def words() -> dict:
    text = resources.files(__package__).joinpath("data").joinpath("time_words.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _alt(keys) -> str:
    return "|".join(sorted((re.escape(k) for k in keys), key=len, reverse=True))


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    """One pattern, each branch starting on something distinctive (a digit,
    a month, a weekday...), so that the scan stays fast on long texts."""
    w = words()
    wd, mo, days = _alt(w["weekdays"]), _alt(w["months"]), _alt(w["days"])
    unit = r"(?:hari|pekan|minggu|bulan|tahun)"
    parts = [
        # (26/12/2017) | 26/12/2017 | 26-12-2017
        r"(?P<num>\(?\b(?P<d1>\d{1,2})[/\-](?P<m1>\d{1,2})(?:[/\-](?P<y1>\d{2,4}))?\b\)?)",
        # 26 Desember 2017 | 26 Des 2017 | 26 Desember
        rf"(?P<txt>\b(?P<d2>\d{{1,2}})\s+(?P<m2>{mo})\.?(?:\s+(?P<y2>\d{{4}}))?\b(?P<fut>\s+(?:mendatang|nanti)\b)?)",
        # tahun 2021 | pada 2021
        r"(?P<year>\b(?:tahun|pada)\s+(?P<y4>(?:19|20)\d{2})\b)",
        # Desember 2017 | bulan Desember 2017
        rf"(?P<month>\b(?:bulan\s+)?(?P<m3>{mo})\s+(?P<y3>\d{{4}})\b)",
        # 3 hari lalu | dua pekan lalu | sepekan lalu
        rf"(?P<ago>\b(?P<n>\d+|satu|dua|tiga|empat|lima|enam|tujuh|se)\s*(?P<u>{unit})\s+(?:yang\s+)?(?:lalu|silam|sebelumnya)\b)",
        # pekan lalu | bulan ini | tahun depan
        rf"(?P<rel>\b(?P<u2>{unit})\s+(?P<dir>lalu|kemarin|ini|depan|mendatang)\b)",
        # Selasa lalu | Kamis
        rf"(?P<wday>\b(?P<w>{wd})(?P<wdir>\s+(?:lalu|kemarin|depan|mendatang|ini))?\b)",
        # kemarin | hari ini
        rf"(?P<day>\b(?P<dw>{days})\b)",
    ]
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _anchors() -> frozenset[str]:
    """Words a time expression can start with; the full pattern is tried only there."""
    w = words()
    first = {k.split()[0] for k in w["days"]}
    units = {"hari", "pekan", "minggu", "bulan", "tahun"}
    numbers = {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "pada"}
    fused = {"se" + u for u in units}  # sepekan, sebulan
    return frozenset(set(w["weekdays"]) | set(w["months"]) | first | units | numbers | fused)


_WORD = re.compile(r"\w+")
_NUMBERED = re.compile(r"(?:\d|\bnomor|\bno\.?)\s*$")
_JOIN = re.compile(r"[\s,(]*$")


_NUMWORDS = {"se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _year_for(month: int, day: int, ref: date | None, ahead: bool = False) -> int | None:
    """A date without a year is the latest such date not after the article; with ``ahead``
    ("4 Maret mendatang") the first such date not before it."""
    if ref is None:
        return None
    cand = _safe(ref.year, month, day)
    if ahead:
        return ref.year + 1 if cand and cand < ref else ref.year
    if cand and cand > ref + timedelta(days=31):
        return ref.year - 1
    return ref.year


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(d: date, k: int) -> tuple[int, int]:
    i = d.year * 12 + d.month - 1 + k
    return i // 12, i % 12 + 1


def _relative(unit: str, k: int, ref: date) -> tuple[date, date | None]:
    """The calendar unit k steps from the reference (k=-1: 'pekan lalu')."""
    unit = unit.lower()
    if unit == "hari":
        return ref + timedelta(days=k), None
    if unit in ("pekan", "minggu"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=k)
        return monday, monday + timedelta(days=6)
    if unit == "bulan":
        y, m = _shift_month(ref, k)
        return _month_range(y, m)
    return date(ref.year + k, 1, 1), date(ref.year + k, 12, 31)


def _resolve_match(m, ref: date | None) -> tuple[date | None, date | None]:
    w = words()
    g = m.groupdict()
    if g["num"]:
        d, mo = int(g["d1"]), int(g["m1"])
        y = int(g["y1"]) if g["y1"] else _year_for(mo, d, ref)
        if y is not None and y < 100:
            y += 2000
        return (_safe(y, mo, d) if y else None), None
    if g["txt"]:
        d, mo = int(g["d2"]), w["months"][g["m2"].lower()]
        y = int(g["y2"]) if g["y2"] else _year_for(mo, d, ref, ahead=bool(g["fut"]))
        return (_safe(y, mo, d) if y else None), None
    if g["year"]:
        y = int(g["y4"])
        return date(y, 1, 1), date(y, 12, 31)
    if g["month"]:
        return _month_range(int(g["y3"]), w["months"][g["m3"].lower()])
    if ref is None:
        return None, None
    if g["ago"]:
        n = g["n"].lower()
        k = _NUMWORDS.get(n) or int(n)
        start, end = _relative(g["u"], -k, ref)
        return (start, end) if g["u"].lower() != "hari" else (start, None)
    if g["rel"]:
        k = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1}[g["dir"].lower()]
        return _relative(g["u2"], k, ref)
    if g["wday"]:
        return _weekday(w["weekdays"][g["w"].lower()], (g["wdir"] or "").strip().lower(), ref), None
    if g["day"]:
        return ref + timedelta(days=w["days"][g["dw"].lower()]), None
    return None, None


def _weekday(wd: int, direction: str, ref: date) -> date:
    """'Selasa' is the latest Tuesday not after the article ('depan': the next one)."""
    if direction in ("depan", "mendatang"):
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    back = (ref.weekday() - wd) % 7
    if back == 0 and direction in ("lalu", "kemarin"):
        back = 7
    return ref - timedelta(days=back)


def find_time_expressions(text: str, article_date: str | None = None) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, date, date_end) of every time expression in ``text``.

    Relative expressions ("kemarin", "pekan lalu") need ``article_date``
    (YYYY-MM-DD); without it their date is None. ``date_end`` is set when
    the text names a week, month or year rather than a day.
    """
    ref = _parse_date(article_date)
    out: list[tuple[int, int, str | None, str | None]] = []
    last_wday = -1
    for m in _scan(text):
        if m.group("wday"):
            if _is_sunday_week(m, text):
                continue
            last_wday = len(out)
        start, end = _resolve_match(m, ref)
        item = (m.start(), m.end(), _iso(start), _iso(end))
        if (m.group("num") or m.group("txt")) and last_wday == len(out) - 1 and out:
            ws = out[-1][0]
            if not m.group("wday") and _JOIN.fullmatch(text[out[-1][1] : m.start()] or ""):
                # "Selasa (26/12/2017)": the weekday and its date are one expression
                out[-1] = (ws, m.end(), item[2], item[3])
                continue
        out.append(item)
    return out


def _scan(text: str):
    """Matches of the time pattern, tried only where an anchor word starts."""
    low = text.lower()
    if len(low) != len(text):  # a rare character changed length: keep offsets exact
        yield from re.compile(_regex().pattern, re.IGNORECASE).finditer(text)
        return
    rx, anchors = _regex(), _anchors()
    done = 0
    for t in _WORD.finditer(low):
        s = t.start()
        if s < done:
            continue
        w = t.group()
        if not (w[0].isdigit() or w in anchors):
            continue
        m = rx.match(low, s - 1) if s > 0 and low[s - 1] == "(" else None
        m = m or rx.match(low, s)
        if m and m.group("year") and _NUMBERED.search(low, max(0, m.start() - 14), m.start()):
            continue  # "Nomor 731 Tahun 2025" names a regulation, not a time
        if m:
            done = m.end()
            yield _Orig(m, text)


class _Orig:
    """A match on the lower-cased text that reports the original spelling."""

    def __init__(self, m: re.Match, text: str):
        self._m, self._text = m, text

    def group(self, name: str) -> str | None:
        g = self._m.group(name)
        if g is None:
            return None
        s, e = self._m.span(name)
        return self._text[s:e]

    def groupdict(self) -> dict:
        return {k: self.group(k) for k in self._m.groupdict()}

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def _is_sunday_week(m, text: str) -> bool:
    """'minggu' in lower case is a week ("dua minggu"), not Sunday."""
    return m.group("w").lower() == "minggu" and m.group("w")[0].islower()


def resolve_date(expr_text: str, article_date: str | None) -> Resolved:
    """Date (and end of range, if any) of one time expression, as ISO strings.

    ``resolve_date("Selasa (26/12/2017)", "2017-12-28") == ("2017-12-26", None)``;
    ``resolve_date("pekan lalu", "2017-12-28") == ("2017-12-18", "2017-12-24")``.
    """
    found = find_time_expressions(expr_text, article_date)
    if not found:
        return None, None
    _, _, d, e = found[0]
    return d, e


def is_citation_date(text: str, start: int) -> bool:
    """True when the expression dates a quoted report ("dilansir X, Selasa (...)")."""
    before = text[max(0, start - 60) : start].lower()
    tail = re.split(r"[.;\"“”]", before)[-1]
    return any(re.search(rf"\b{re.escape(c)}\b", tail) for c in words()["citation"])
