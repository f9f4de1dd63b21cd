"""The HTTP API and the pages, against a real SQLite store holding hand-made articles."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_web_support import EVIL_NAME, HOSTILE_TITLE, SCRIPT, fill_store

from warta.article import Article
from warta.store import open_store
from warta.web import create_app, create_token, verify_token
from warta.web.web_cli import token as token_cli

with warnings.catch_warnings():  # the test client's notice about its HTTP library
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@dataclass
class Site:
    client: TestClient
    token: str
    articles: list[Article]
    db: Path


def _site(tmp_path: Path, open_reads: bool = True) -> Iterator[Site]:
    db = tmp_path / "warta.db"
    articles = fill_store(db)
    with open_store(db) as store:
        token = create_token(store, "tests")
    with TestClient(create_app(str(db), open_reads=open_reads)) as client:
        yield Site(client, token, articles, db)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    yield from _site(tmp_path)


@pytest.fixture
def closed(tmp_path: Path) -> Iterator[Site]:
    yield from _site(tmp_path, open_reads=False)


class Elements(HTMLParser):
    """Start tags with their attributes, and the text inside the article body."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.body_text: list[str] = []
        self._depth = 0  # >0 while inside <div id="article-text">

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if self._depth or a.get("id") == "article-text":
            self._depth += 1 if tag != "br" else 0

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.body_text.append(data)


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


# -- API -----------------------------------------------------------------------


def test_events_are_listed_filtered_and_paged(site: Site) -> None:
    c = site.client
    everything = c.get("/api/events", params={"limit": 500}).json()
    assert len(everything["items"]) == 6 and everything["next_offset"] is None
    assert {e["code"] for e in everything["items"]} == {"057", "111"}
    assert len(c.get("/api/events", params={"actor": "RUS"}).json()["items"]) == 6
    assert len(c.get("/api/events", params={"actor": "USA", "code": "11"}).json()["items"]) == 3
    dated = c.get("/api/events", params={"since": "2017-12-21", "until": "2017-12-21"}).json()
    assert {e["date"] for e in dated["items"]} == {"2017-12-21"}
    first = c.get("/api/events", params={"limit": 4}).json()
    assert len(first["items"]) == 4 and first["next_offset"] == 4
    rest = c.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert len(set(ids)) == 6


def test_every_list_is_paged(site: Site) -> None:
    for path in ("/api/articles", "/api/entities", "/api/quotes", "/api/events", "/api/stories"):
        page = site.client.get(path, params={"limit": 1}).json()
        assert set(page) == {"items", "limit", "offset", "next_offset"}, path
        assert page["limit"] == 1 and len(page["items"]) <= 1
    assert site.client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert site.client.get("/api/articles", params={"limit": 501}).status_code == 422
    assert site.client.get("/api/events", params={"since": "26/12/2017"}).status_code == 422


def test_article_record_is_the_analyze_output(site: Site) -> None:
    article = site.articles[0]
    record = site.client.get(f"/api/articles/{article.id}").json()
    assert record == article.to_dict()
    assert site.client.get("/api/articles/missing").status_code == 404


def test_search_entities_and_quotes(site: Site) -> None:
    c = site.client
    hits = c.get("/api/search", params={"q": "mediator"}).json()["items"]
    assert {h["id"] for h in hits} == {a.id for a in site.articles}
    assert all("[mediator]" in h["snippet"] for h in hits)
    names = [e["name"] for e in c.get("/api/entities", params={"type": "PER"}).json()["items"]]
    assert names == [EVIL_NAME]
    quotes = c.get("/api/quotes", params={"speaker": "Peskov"}).json()["items"]
    assert len(quotes) == 3 and all(q["speaker_entity"] == "peskov" for q in quotes)
    assert c.get("/api/entities/rusia").json()["actor"] == "RUS"


def test_post_without_token_is_401(site: Site) -> None:
    body = {"text": "JAKARTA, KOMPAS.com - Presiden bertemu duta besar Rusia."}
    r = site.client.post("/api/articles", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = site.client.post("/api/articles", json=body, headers={"Authorization": "Bearer warta_x"})
    assert r.status_code == 401
    assert site.client.get("/api/articles").json()["items"][0]["id"] != r.json().get("id")


def test_post_with_token_analyses_and_stores_once(site: Site) -> None:
    auth = {"Authorization": f"Bearer {site.token}"}
    body = {
        "text": "JAKARTA, KOMPAS.com - Presiden Joko Widodo bertemu duta besar Rusia di Istana "
        f"Merdeka untuk membahas kerja sama perdagangan kedua negara. {SCRIPT}",
        "title": HOSTILE_TITLE,
        "published": "2018-01-02",
    }
    first = site.client.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201 and first.json()["created"] is True
    again = site.client.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json() == {"id": first.json()["id"], "created": False}
    stored = site.client.get(f"/api/articles/{first.json()['id']}").json()
    assert SCRIPT in stored["text"] and stored["published"] == "2018-01-02"
    page = site.client.get(f"/articles/{first.json()['id']}").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only the page's own script tag


def test_concurrent_posts_are_all_stored(site: Site) -> None:
    from concurrent.futures import ThreadPoolExecutor

    auth = {"Authorization": f"Bearer {site.token}"}
    texts = [
        f"JAKARTA, KOMPAS.com - Presiden Rusia bertemu menteri luar negeri Indonesia "
        f"untuk membahas kerja sama ekonomi kedua negara, pertemuan nomor {i}."
        for i in range(8)
    ]

    def post(text: str) -> int:
        return site.client.post("/api/articles", json={"text": text}, headers=auth).status_code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(post, texts))
    assert codes == [201] * 8
    listed = site.client.get("/api/articles", params={"limit": 50}).json()["items"]
    assert len(listed) == len(site.articles) + 8


def test_post_reads_the_json_like_ingest(site: Site) -> None:
    """Dates are normalised as the file readers do; text that is not news is refused."""
    auth = {"Authorization": f"Bearer {site.token}"}
    body = {
        "text": "MOSKWA, KOMPAS.com - Pemerintah Rusia menyatakan siap menjadi mediator "
        "antara Amerika Serikat dan Korea Utara dalam perundingan program nuklir.",
        "published": "26/12/2017",
    }
    r = site.client.post("/api/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    stored = site.client.get(f"/api/articles/{r.json()['id']}").json()
    assert stored["published"] == "2017-12-26"
    english = {"text": "The quick brown fox jumps over the lazy dog, again and again, all day."}
    refused = site.client.post("/api/articles", json=english, headers=auth)
    assert refused.status_code == 422 and "Indonesian" in refused.json()["detail"]


def test_post_rejects_unknown_fields_and_empty_text(site: Site) -> None:
    auth = {"Authorization": f"Bearer {site.token}"}
    assert site.client.post("/api/articles", json={"text": ""}, headers=auth).status_code == 422
    bad = {"text": "x", "rogue": 1}
    assert site.client.post("/api/articles", json=bad, headers=auth).status_code == 422


def test_closed_reads_need_a_token(closed: Site) -> None:
    c = closed.client
    assert c.get("/api/events").status_code == 401
    auth = {"Authorization": f"Bearer {closed.token}"}
    assert c.get("/api/events", headers=auth).status_code == 200
    page = c.get("/")
    assert page.status_code == 401 and 'href="/login"' in page.text
    assert c.post("/login", data={"token": "warta_wrong"}).status_code == 401
    signed_in = c.post("/login", data={"token": closed.token}, follow_redirects=False)
    assert signed_in.status_code == 303
    assert "httponly" in signed_in.headers["set-cookie"].lower()
    assert c.get("/").status_code == 200  # the cookie is kept by the client
    # The cookie opens reads, never writes.
    assert c.post("/api/articles", json={"text": "Rusia."}).status_code == 401


def test_openapi_schema_lists_every_endpoint(site: Site) -> None:
    schema = site.client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/entities",
        "/api/quotes",
        "/api/events",
        "/api/stories",
        "/api/stories/{story_id}",
    } <= paths
    assert "401" in schema["paths"]["/api/articles"]["post"]["responses"]
    assert not any(p.startswith("/articles") for p in paths)  # pages are not API


# -- pages ---------------------------------------------------------------------


def test_article_page_highlights_every_layer_as_text(site: Site) -> None:
    article = site.articles[0]
    r = site.client.get(f"/articles/{article.id}")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    page = elements(r.text)
    assert "".join(page.body_text) == article.text
    spans = [a for t, a in page.tags if t == "span" and "data-marks" in a]
    classes = " ".join(a["class"] for a in spans)
    for kind in ("hl-entity", "hl-quote", "hl-cue", "hl-event", "hl-per", "hl-loc"):
        assert kind in classes, kind
    keys = {k for a in spans for k in a["data-marks"].split()}
    assert {"v0", "v1", "q0", "c0"} <= keys
    cards = {a["id"] for t, a in page.tags if a.get("class") == "mark-card"}
    assert {f"mark-{k}" for k in keys} == cards
    # Hostile title, entity name and rule name are text, never elements.
    assert not any(t in ("img", "b", "i") for t, _ in page.tags)
    assert r.text.count("<script") == 1
    assert "&lt;img src=x onerror=" in r.text
    assert "&lt;b onclick=&#34;alert(3)&#34;&gt;Peskov&lt;/b&gt;" in r.text


def test_event_popover_card_shows_code_actors_and_rule(site: Site) -> None:
    html = site.client.get(f"/articles/{site.articles[0].id}").text
    card = re.search(r'<div class="mark-card" id="mark-v1".*?</div>', html, re.S)
    assert card is not None
    text = re.sub(r"<[^>]+>", " ", card.group(0))
    for expected in ("111", "ACCUSE", "Rusia (RUS)", "Amerika Serikat (USA)", "test:verb:mengecam"):
        assert expected in text, expected


def test_article_page_shows_the_summary(site: Site) -> None:
    html = site.client.get(f"/articles/{site.articles[0].id}").text
    summary = re.search(r'<section class="summary">.*?</section>', html, re.S)
    assert summary is not None
    assert "Pemerintah Rusia menyatakan siap menjadi mediator" in summary.group(0)


def test_search_page_and_links(site: Site) -> None:
    r = site.client.get("/search", params={"q": "mediator"})
    assert r.status_code == 200
    links = {a.get("href") for t, a in elements(r.text).tags if t == "a"}
    assert {f"/articles/{a.id}" for a in site.articles} <= links
    assert "<mark>mediator</mark>" in r.text


def test_entity_page_shows_its_quotes_and_events(site: Site) -> None:
    peskov = site.client.get("/entities/peskov").text
    assert "Rusia sangat siap untuk membuka jalan" in peskov
    assert "&lt;b onclick" in peskov
    rusia = site.client.get("/entities/rusia").text
    assert rusia.count('href="/events?code=111"') == 3
    # Its timeline: three days, one cooperation and one conflict event each.
    rects = re.findall(r'<rect [^>]*class="quad(\d)"', rusia)
    assert sorted(rects) == ["1", "1", "1", "3", "3", "3"]
    assert site.client.get("/entities/nobody-at-all").status_code == 404


def test_list_pages_render(site: Site) -> None:
    for path in (
        "/",
        "/articles",
        "/entities",
        "/quotes",
        "/events?actor=RUS",
        "/stories",
        "/docs",
    ):
        r = site.client.get(path)
        assert r.status_code == 200, path
        assert r.text.count("<script") == 1, path
    assert site.client.get("/events", params={"since": "kemarin"}).status_code == 400


def test_stories_before_story_detection(site: Site) -> None:
    assert site.client.get("/api/stories").json()["items"] == []
    assert site.client.get("/api/stories/no-such-story").status_code == 404
    assert site.client.get("/stories/no-such-story").status_code == 404
    assert "has not been run" in site.client.get("/stories").text


def test_story_page_and_api_after_story_detection(site: Site) -> None:
    stories = pytest.importorskip("warta.stories.queries", reason="no story layer")
    from warta.stories import update

    with open_store(site.db) as store:
        update(store)
        expected = stories.list_stories(store)
    listed = site.client.get("/api/stories").json()["items"]
    assert [s["id"] for s in listed] == [s["id"] for s in expected] and listed
    story = listed[0]
    detail = site.client.get(f"/api/stories/{story['id']}").json()
    assert {a["id"] for a in detail["articles"]} == {a.id for a in site.articles}
    page = site.client.get(f"/stories/{story['id']}")
    assert page.status_code == 200 and page.text.count("<script") == 1
    assert "&lt;img src=x onerror=" in page.text
    assert "Rusia sangat siap untuk membuka jalan" in page.text  # the story's quotations
    # The timeline charts the events of the story's own articles (copies left out).
    own = [a for a in detail["articles"] if not a.get("copy_of")]
    rects = re.findall(r"<rect [^>]*>", page.text)
    assert rects and len(rects) <= 2 * len(own)
    article_page = site.client.get(f"/articles/{site.articles[0].id}").text
    assert f'href="/stories/{story["id"]}"' in article_page
    assert f"({len(detail['articles'])} articles)" in article_page
    for a in detail["articles"]:  # a copy's page names the article it copies
        page_of = site.client.get(f"/articles/{a['id']}").text
        assert (f'a copy of <a href="/articles/{a["copy_of"]}"' in page_of) == bool(a.get("copy_of"))


def test_static_assets_are_local(site: Site) -> None:
    css = site.client.get("/static/warta.css")
    js = site.client.get("/static/warta.js")
    assert css.status_code == 200 and js.status_code == 200
    assert "http" not in css.text and "http" not in js.text


# -- tokens --------------------------------------------------------------------


def test_token_is_stored_hashed(site: Site) -> None:
    with open_store(site.db) as store:
        hashes = [r[0] for r in store.connection.execute("SELECT hash FROM api_token")]
        assert site.token not in hashes and len(hashes[0]) == 64
        assert verify_token(store, site.token) == "tests"
        assert verify_token(store, site.token + "x") is None


def test_token_cli_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    made = runner.invoke(token_cli, ["create", "robot", "--db", db])
    assert made.exit_code == 0, made.output
    value = made.stdout.strip().splitlines()[0]
    with open_store(db) as store:
        assert verify_token(store, value) == "robot"
    listed = runner.invoke(token_cli, ["list", "--db", db])
    assert "robot" in listed.output and value not in listed.output
    assert runner.invoke(token_cli, ["revoke", "robot", "--db", db]).exit_code == 0
    with open_store(db) as store:
        assert verify_token(store, value) is None
    assert runner.invoke(token_cli, ["revoke", "robot", "--db", db]).exit_code != 0


# -- the seed articles, through the real pipeline --------------------------------


def test_seeds_events_reach_the_api_and_the_page(tmp_path: Path, seeds: list[Path]) -> None:
    import warta
    from warta.pipeline import Pipeline

    if "events" not in Pipeline().names:
        pytest.skip("the events layer is not part of this install yet")
    db = tmp_path / "seeds.db"
    articles = [warta.analyze(p.read_text(encoding="utf-8"), source=p.name) for p in seeds]
    with open_store(db) as store:
        store.add(articles)
    expected = sum(len(a.events) for a in articles)
    if not expected:
        pytest.skip("the events layer found no events in the seeds")
    with TestClient(create_app(str(db))) as c:
        events = c.get("/api/events", params={"limit": 500}).json()["items"]
        assert len(events) == expected
        for article in articles:
            page = elements(c.get(f"/articles/{article.id}").text)
            keys = {
                k
                for t, a in page.tags
                if t == "span" and "data-marks" in a and "hl-event" in a["class"]
                for k in a["data-marks"].split()
            }
            events_shown = {k for k in keys if k.startswith("v")}
            valid = [
                f"v{i}"
                for i, e in enumerate(article.events)
                if 0 <= e["start"] < e["end"] <= len(article.text)
            ]
            assert events_shown == set(valid)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_answers_on_loopback(tmp_path: Path, workers: int) -> None:
    """`serve` (as the main CLI registers it) starts a server that answers the API."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "serve.db"
    fill_store(db, n=1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "from warta.web.web_cli import serve; serve()"
    args = ["--db", str(db), "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen([sys.executable, "-c", code, *args])
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and len(r.json()["items"]) == 2
        post = httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "Rusia."})
        assert post.status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
