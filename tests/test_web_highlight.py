"""Highlighting: segments at every span boundary, and nothing from the text becomes markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from test_web_support import ATTRIBUTE_BREAK, SCRIPT, sample_article

from warta.web.highlight import Mark, highlight, render_segments, segments
from warta.web.timeline import timeline
from warta.web.views import safe_url, snippet


def mark(key: str, start: int, end: int, kind: str = "entity") -> Mark:
    return Mark(key=key, kind=kind, start=start, end=end, label=key)


class Tags(HTMLParser):
    """Collects the tags and attributes of an HTML fragment, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> Tags:
    parser = Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def test_nested_and_overlapping_spans_split_at_every_boundary() -> None:
    text = "abcdefghij"
    segs = segments(text, [mark("a", 0, 6), mark("b", 2, 4), mark("c", 3, 9)])
    assert [s.text for s in segs] == ["ab", "c", "d", "ef", "ghi", "j"]
    assert [[m.key for m in s.marks] for s in segs] == [
        ["a"],
        ["a", "b"],
        ["a", "b", "c"],
        ["a", "c"],
        ["c"],
        [],
    ]


def test_invalid_spans_are_ignored() -> None:
    segs = segments("hello", [mark("x", 3, 2), mark("y", -1, 2), mark("z", 4, 99)])
    assert [s.text for s in segs] == ["hello"]
    assert segs[0].marks == []


def test_script_in_text_is_rendered_as_text() -> None:
    text = f"before {SCRIPT} after"
    start = text.index("<script>")
    out = str(render_segments(segments(text, [mark("s", start, start + len(SCRIPT))])))
    tags = parse(out)
    assert [t for t, _ in tags.tags] == ["span"]
    assert "".join(tags.text) == text


def test_attribute_breaking_text_stays_inside_the_element() -> None:
    text = f"x {ATTRIBUTE_BREAK} y"
    out = str(render_segments(segments(text, [mark("k", 0, len(text))])))
    ((tag, attrs),) = parse(out).tags
    assert tag == "span"
    assert set(attrs) == {"class", "data-marks", "tabindex"}
    assert attrs["data-marks"] == "k"


def test_sample_article_highlights_every_layer_without_markup_leaks() -> None:
    article = sample_article()
    body, marks = highlight(article)
    tags = parse(str(body))
    assert {t for t, _ in tags.tags} == {"span"}
    assert "".join(tags.text) == article.text
    kinds = {m.kind for m in marks}
    assert kinds == {"entity", "quote", "cue", "event"}
    used = {k for _, attrs in tags.tags for k in attrs["data-marks"].split()}
    assert used == {m.key for m in marks}


@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'=/\n")), max_size=40),
    spans=st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45)), max_size=8),
)
def test_any_text_and_spans_round_trip(text: str, spans: list[tuple[int, int]]) -> None:
    """Whatever the text and spans, the page shows exactly the text and only our tags."""
    marks = [mark(f"m{i}", a, b) for i, (a, b) in enumerate(spans)]
    out = str(render_segments(segments(text, marks)))
    assert re.sub(r"<span [^>]*>|</span>", "", out) == str(escape(text))
    tags = parse(out)
    assert all(t == "span" for t, _ in tags.tags)
    assert "".join(tags.text) == text


def test_safe_url_refuses_script_schemes() -> None:
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url(" JaVaScRiPt:alert(1)") == "#"
    assert safe_url("data:text/html,<script>") == "#"
    assert safe_url("https://kompas.com/a?b=1") == "https://kompas.com/a?b=1"


def test_snippet_marks_matches_and_escapes_the_rest() -> None:
    out = str(snippet("Pemerintah [Rusia] <script>x</script> [a"))
    assert out == "Pemerintah <mark>Rusia</mark> &lt;script&gt;x&lt;/script&gt; [a"


def test_timeline_stacks_quads_per_day_and_fills_gaps() -> None:
    events = [
        {"date": "2017-12-26", "quad": 1},
        {"date": "2017-12-26", "quad": 4},
        {"date": "2017-12-28T10:00", "quad": 3},
        {"date": None, "quad": 1},
    ]
    chart = timeline(events)
    assert chart.total == 3 and chart.undated == 1 and chart.max_count == 2
    assert sorted(b.quad for b in chart.bars) == [1, 3, 4]
    day1 = [b for b in chart.bars if b.title.startswith("2017-12-26")]
    assert len(day1) == 2
    # The two bars of one day are stacked: one ends where the other begins.
    low, high = sorted(day1, key=lambda b: -b.y)
    assert abs(low.y - (high.y + high.height)) < 1e-6
    # Three buckets (26, 27, 28): the gap day is kept so the x axis is linear in time.
    xs = sorted({round(b.x, 1) for b in chart.bars})
    assert len(xs) == 2 and xs[1] - xs[0] > 2 * day1[0].width


def test_timeline_of_a_long_story_counts_by_month() -> None:
    chart = timeline([{"date": "2019-01-05", "quad": 2}, {"date": "2019-09-30", "quad": 2}])
    labels = [t.label for t in chart.ticks]
    assert labels[0] == "2019-01" and all(len(x) == 7 for x in labels)
    assert timeline([]).bars == []


def test_entity_links_quote_hostile_ids() -> None:
    from warta.article import Article, Entity
    from warta.web.highlight import entity_marks

    text = "Rusia siap."
    ent = Entity(id='a/b"<c>', name="Rusia", type="LOC", mentions=[{"start": 0, "end": 5}])
    (m,) = entity_marks(Article(text=text, entities=[ent]))
    assert m.link == "/entities/a%2Fb%22%3Cc%3E"
