"""Publication dates of the input dumps, normalised to ``YYYY-MM-DD``.

Every dump writes dates its own way: ``2023-02-27 21:43:30``, ``2018-12-13``,
``10/20/2025 10:38`` (month first, in the Detik dump), ``16/09/2019`` (day
first), ``10-Sep-19``, real Excel datetimes, ISO 8601 with a zone, RFC 822 in
feeds, and Indonesian month names. The date kept is the calendar date as the
source wrote it (no conversion to UTC): a story published at 23:00 WIB belongs
to that day in Indonesia.

Numeric dates with slashes are ambiguous when both numbers are at most 12.
``DateOrder`` learns the order of one column from its unambiguous values, and
``reconcile_with_url`` repairs the day/month swap spreadsheet programs make,
using the date many news URLs carry (``/read/2019/09/10/``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1900, 2100

MONTHS: dict[str, int] = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nop": 11, "november": 11, "nopember": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\b")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]{3,10})\.?[\s-]+(\d{4}|\d{2})\b")
_MONTH_NAME_DAY = re.compile(r"\b([A-Za-z]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|\d)")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _make(year: int, month: int, day: int) -> str | None:
    """A valid YYYY-MM-DD string, or None for an impossible or implausible date."""
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def numeric_order(raw: str) -> str | None:
    """``"DMY"`` or ``"MDY"`` when a numeric date shows its order, else None."""
    m = _NUMERIC.search(raw)
    if not m:
        return None
    first, second = int(m.group(1)), int(m.group(2))
    if first > 12 >= second:
        return "DMY"
    if second > 12 >= first:
        return "MDY"
    return None


def _from_excel_serial(value: float) -> str | None:
    """Excel stores dates as days since 1899-12-30; accept only plausible ones."""
    if not 1 <= value < 80000:  # up to year 2119
        return None
    return (_EXCEL_EPOCH + timedelta(days=float(value))).date().isoformat()


def _from_names(raw: str) -> str | None:
    """Dates written with a month name, in Indonesian or English."""
    m = _DAY_MONTH_NAME.search(raw)
    if m and m.group(2).lower() in MONTHS:
        return _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MONTH_NAME_DAY.search(raw)
    if m and m.group(1).lower() in MONTHS:
        return _make(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


def _from_rfc822(raw: str) -> str | None:
    """Feed dates such as ``Mon, 27 Feb 2023 21:43:30 +0700``."""
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", raw):
        return None
    try:
        return _make(*parsedate_to_datetime(raw).timetuple()[:3])
    except (TypeError, ValueError, IndexError):
        return None


def _from_string(raw: str, order: str) -> str | None:
    """Parse one date string; ``order`` settles ambiguous numeric dates."""
    for pattern in (_ISO, _YMD_SLASH):
        m = pattern.match(raw)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.search(raw)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        seen = numeric_order(raw) or order
        day, month = (b, a) if seen == "MDY" else (a, b)
        return _make(year, month, day)
    if re.fullmatch(r"\s*\d+(\.\d+)?\s*", raw):
        return _from_excel_serial(float(raw)) if "." in raw else None
    return _from_rfc822(raw) or _from_names(raw)


def normalize_date(value: object, order: str = "DMY") -> str | None:
    """A date in any of the dumps' formats as ``YYYY-MM-DD``; None when unknown.

    ``order`` ("DMY" or "MDY") is used only for numeric dates whose day and
    month could be swapped; Indonesian writing puts the day first.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _make(value.year, value.month, value.day)
    if isinstance(value, date):
        return _make(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return _from_excel_serial(float(value))
    raw = str(value).strip()
    if not raw:
        return None
    return _from_string(raw, order)


class DateOrder:
    """Learns whether one column writes numeric dates day-first or month-first.

    A column keeps one convention, so a single unambiguous value (a day above
    12) settles the order for the ambiguous values that follow it.
    """

    def __init__(self, default: str = "DMY"):
        self.order = default
        self.settled = False

    def observe(self, value: object) -> None:
        """Look at one raw value; settle the order when it is unambiguous."""
        if self.settled or not isinstance(value, str):
            return
        seen = numeric_order(value)
        if seen:
            self.order = seen
            self.settled = True

    def normalize(self, value: object) -> str | None:
        """Observe then normalise one value of the column."""
        self.observe(value)
        return normalize_date(value, self.order)


def url_date(url: str | None) -> str | None:
    """The date a news URL carries (``/2019/09/10/`` or ``/20190910``), if any."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        m = pattern.search(url)
        if m:
            found = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None


def reconcile_with_url(published: str | None, url: str | None) -> tuple[str | None, bool]:
    """Repair a day/month swap using the URL's date; returns ``(date, repaired)``.

    Spreadsheet programs read ``10/09/2019`` (10 September) as 9 October. When
    the URL of the article says 2019-09-10 and the stored date is exactly that
    date with day and month exchanged, the URL is right.
    """
    found = url_date(url)
    if not published or not found or published == found:
        return published, False
    y, m, d = published.split("-")
    if f"{y}-{d}-{m}" == found:
        return found, True
    return published, False
