"""Geometry of the story timeline: events counted by date, stacked by quad class.

The chart is drawn server-side as inline SVG (the template only places the
rectangles computed here), so the page needs no chart library, no CDN and no
script to show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

# CAMEO quad classes, in stacking order (cooperation at the bottom).
QUADS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
    0: "unclassified",
}

WIDTH = 720
HEIGHT = 200
MARGIN_LEFT = 36
MARGIN_BOTTOM = 28
MARGIN_TOP = 10
MAX_DAYS = 92  # longer stories are counted by month


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    quad: int
    title: str  # tooltip text: the bucket, the quad class and the count


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    max_count: int = 0
    total: int = 0
    undated: int = 0
    baseline: float = 0.0
    left: float = MARGIN_LEFT


def _parse(value: object) -> date | None:
    """The calendar day of an event date ("2017-12-26", "2017-12-26T10:00"...)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _quad(value: object) -> int:
    try:
        q = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return q if q in QUADS else 0


def _buckets(days: list[date]) -> tuple[list[str], bool]:
    """Every bucket label between the first and the last day, gaps included."""
    first, last = min(days), max(days)
    if (last - first).days < MAX_DAYS:
        n = (last - first).days + 1
        return [(first + timedelta(d)).isoformat() for d in range(n)], False
    labels = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        labels.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return labels, True


def _ticks(labels: list[str], left: float, step: float) -> list[Tick]:
    """About six evenly spaced date labels, always including the first one."""
    every = max(1, len(labels) // 6)
    return [Tick(left + i * step + step / 2, labels[i]) for i in range(0, len(labels), every)]


def timeline(events: Iterable[dict]) -> Chart:
    """Stacked bars of event counts per day (or per month for long stories)."""
    counts: Counter[tuple[date, int]] = Counter()
    undated = 0
    for ev in events:
        d = _parse(ev.get("date"))
        if d is None:
            undated += 1
            continue
        counts[(d, _quad(ev.get("quad")))] += 1
    chart = Chart(WIDTH, HEIGHT, undated=undated, baseline=HEIGHT - MARGIN_BOTTOM)
    if not counts:
        return chart
    labels, by_month = _buckets([d for d, _ in counts])
    per_bucket: dict[str, Counter[int]] = {label: Counter() for label in labels}
    for (d, q), n in counts.items():
        per_bucket[d.isoformat()[:7] if by_month else d.isoformat()][q] += n
    chart.max_count = max(sum(c.values()) for c in per_bucket.values())
    chart.total = sum(counts.values())
    step = (WIDTH - MARGIN_LEFT) / len(labels)
    scale = (HEIGHT - MARGIN_BOTTOM - MARGIN_TOP) / chart.max_count
    for i, label in enumerate(labels):
        y = chart.baseline
        for q in (1, 2, 3, 4, 0):
            n = per_bucket[label][q]
            if not n:
                continue
            h = n * scale
            y -= h
            chart.bars.append(
                Bar(
                    MARGIN_LEFT + i * step + step * 0.1,
                    y,
                    step * 0.8,
                    h,
                    q,
                    f"{label}: {n} {QUADS[q]}",
                )
            )
    chart.ticks = _ticks(labels, MARGIN_LEFT, step)
    return chart
