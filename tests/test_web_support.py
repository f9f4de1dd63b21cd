"""Sample articles for the web tests, written with their layers by hand.

The web layer must show any layer the pipeline produces, whatever stages are
installed, so its tests build articles whose entities, quotes and events are
known exactly (including hostile text meant to break out of the HTML). The
tests in this file check that the samples themselves are consistent.
"""

from __future__ import annotations

from pathlib import Path

from warta.article import Article, Entity, content_id

HOSTILE_TITLE = '<img src=x onerror="alert(1)">Rusia siap'
SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE_BREAK = '" onmouseover="alert(2)" x="'
EVIL_NAME = '<b onclick="alert(3)">Peskov</b>'

TEXT = (
    "MOSKWA, KOMPAS.com - Pemerintah Rusia menyatakan siap menjadi mediator antara "
    "Amerika Serikat dan Korea Utara. " + SCRIPT + "\n"
    '"Rusia sangat siap untuk membuka jalan," kata juru bicara Kremlin Dmitry Peskov.\n'
    "Rusia mengecam sanksi baru Amerika Serikat " + ATTRIBUTE_BREAK + " pada Selasa."
)


def _span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def _mention(text: str, piece: str, nth: int = 0) -> dict:
    start, end = _span(text, piece, nth)
    return {"start": start, "end": end, "text": piece, "by": "test:gazetteer"}


def sample_article(published: str = "2017-12-26", text: str = TEXT) -> Article:
    """An article with nested and overlapping spans and hostile text in every layer.

    Quote and event ids include the article id, as the stages' ids do, so that
    they are unique in a store holding several samples.
    """
    quote_start, quote_end = _span(text, '"Rusia sangat siap untuk membuka jalan,"')
    cue_start, cue_end = _span(text, "kata")
    sentence2 = _span(text, "Rusia mengecam sanksi baru Amerika Serikat " + ATTRIBUTE_BREAK)
    sentence1 = _span(text, "Pemerintah Rusia menyatakan siap menjadi mediator")
    peskov = _span(text, "Dmitry Peskov")
    article_id = content_id(text + published)
    rus = {"entity": "rusia", "name": "Rusia", "actor": "RUS"}
    usa = {"entity": "amerika-serikat", "name": "Amerika Serikat", "actor": "USA"}
    entities = [
        Entity(
            id="rusia",
            name="Rusia",
            type="LOC",
            actor="RUS",
            mentions=[_mention(text, "Rusia", i) for i in range(3)],
            by="test:gazetteer",
        ),
        Entity(
            id="amerika-serikat",
            name="Amerika Serikat",
            type="LOC",
            actor="USA",
            mentions=[_mention(text, "Amerika Serikat", i) for i in range(2)],
            by="test:gazetteer",
        ),
        Entity(
            id="peskov",
            name=EVIL_NAME,
            type="PER",
            actor="RUSGOV",
            role="juru bicara Kremlin",
            mentions=[_mention(text, "Dmitry Peskov")],
            by="test:ner",
        ),
    ]
    quotes = [
        {
            "id": f"{article_id}-q1",
            "start": quote_start,
            "end": quote_end,
            "text": text[quote_start:quote_end],
            "kind": "direct",
            "cue": "kata",
            "cue_start": cue_start,
            "cue_end": cue_end,
            "speaker": {
                "entity": "peskov",
                "name": EVIL_NAME,
                "start": peskov[0],
                "end": peskov[1],
            },
            "by": "test:quote-rule",
        }
    ]
    events = [
        {
            "id": f"{article_id}-e1",
            "code": "057",
            "root": "05",
            "plover": "COOPERATE",
            "quad": 1,
            "goldstein": 4.5,
            "source": [rus],
            "target": [usa],
            "date": published,
            "start": sentence1[0],
            "end": sentence1[1],
            "by": "test:verb:siap menjadi mediator",
        },
        {
            "id": f"{article_id}-e2",
            "code": "111",
            "root": "11",
            "plover": "ACCUSE",
            "quad": 3,
            "goldstein": -2.0,
            "source": [rus],
            "target": [usa],
            "date": published,
            "start": sentence2[0],
            "end": sentence2[1],
            "by": 'test:verb:mengecam <i>"x"</i>',
        },
    ]
    return Article(
        text=text,
        id=article_id,
        url="https://www.kompas.com/sample",
        outlet="Kompas",
        title=HOSTILE_TITLE,
        dateline="Moskwa",
        published=published,
        entities=entities,
        quotes=quotes,
        events=events,
        summary=[{"start": sentence1[0], "end": _span(text, "Korea Utara.")[1], "by": "test:lead"}],
    )


def fill_store(path: Path, n: int = 3) -> list[Article]:
    """A SQLite store at ``path`` holding ``n`` sample articles on consecutive days."""
    from warta.store import open_store

    articles = [sample_article(f"2017-12-{20 + i:02d}") for i in range(n)]
    with open_store(path) as store:
        store.add(articles)
    return articles


def test_sample_spans_cover_their_text() -> None:
    article = sample_article()
    for ent in article.entities:
        for m in ent.mentions:
            assert article.text[m["start"] : m["end"]] == m["text"]
    q = article.quotes[0]
    assert article.text[q["start"] : q["end"]] == q["text"]
    assert article.text[q["cue_start"] : q["cue_end"]] == q["cue"]


def test_sample_events_overlap_entities() -> None:
    """The samples must exercise nesting: every event contains an entity mention."""
    article = sample_article()
    mentions = [m for e in article.entities for m in e.mentions]
    for ev in article.events:
        inside = [m for m in mentions if ev["start"] <= m["start"] and m["end"] <= ev["end"]]
        assert inside, ev["id"]
