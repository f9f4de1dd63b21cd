"""The web page in a real headless Chromium: search, open an article, see the highlights.

The server runs in a thread on loopback; Playwright drives the system's
Chromium (Debian's ``chromium`` package), so nothing is downloaded. The test
skips with a clear reason where Chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_web_support import EVIL_NAME, SCRIPT, sample_article

CHROMIUM = os.environ.get("WARTA_CHROMIUM") or shutil.which("chromium") or ""
if CHROMIUM and not os.access(CHROMIUM, os.X_OK):
    CHROMIUM = ""
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)
pytestmark = pytest.mark.skipif(
    not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def seed_files(request: pytest.FixtureRequest) -> list[Path]:
    """The seed articles when the reference data is there; the page is tested either way."""
    try:
        return request.getfixturevalue("seeds")
    except pytest.skip.Exception:
        return []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Iterator[str]:
    """A warta server on loopback over the seeds plus one hand-annotated article."""
    seeds = seed_files
    import uvicorn

    import warta
    from warta.store import open_store
    from warta.web import create_app

    db = tmp_path_factory.mktemp("browser") / "warta.db"
    with open_store(db) as store:
        store.add(warta.analyze(p.read_text(encoding="utf-8"), source=p.name) for p in seeds)
        store.add([sample_article()])
        try:
            from warta.stories import update
        except ImportError:
            pass
        else:
            update(store)
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        yield context
        context.close()


def png_pixels(data: bytes) -> np.ndarray:
    """Decode an 8-bit RGB(A) PNG (what Chromium writes) into an array, without PIL."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        f, line = (
            raw[y * (stride + 1)],
            np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int32),
        )
        out[y] = _unfilter(f, line, prev, channels)
        prev = out[y]
    return out.reshape(height, width, channels).astype(np.uint8)


def _unfilter(f: int, line: np.ndarray, prev: np.ndarray, bpp: int) -> np.ndarray:
    if f == 0:
        return line
    if f == 2:
        return (line + prev) % 256
    cur = line.copy()
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            cur[i] = (cur[i] + a) % 256
        elif f == 3:
            cur[i] = (cur[i] + (a + b) // 2) % 256
        else:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[i] = (cur[i] + pred) % 256
    return cur


def test_search_open_article_see_highlights(
    server: str, browser, tmp_path: Path, seed_files: list[Path]
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server + "/")
    page.fill("main input[name=q]", "mediator")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/search?q=mediator")
    results = page.locator("ul.results li.article-row a")
    # The annotated article mentions a mediator, and so does one seed.
    assert results.count() >= (2 if seed_files else 1)

    # Open the annotated article from the results.
    page.locator(f'ul.results a[href="/articles/{sample_article().id}"]').click()
    page.wait_for_selector("#article-text")
    for kind in ("hl-entity", "hl-quote", "hl-event", "hl-cue"):
        assert page.locator(f"#article-text .{kind}").count() > 0, kind

    # The <script> of the article is shown as text and never ran.
    assert SCRIPT in page.inner_text("#article-text")
    assert page.locator("#article-text script").count() == 0

    # Hovering an event shows its code, actors and the rule that fired.
    event = page.locator("#article-text .hl-event").last
    event.hover()
    popover = page.locator(".popover")
    popover.wait_for(state="visible")
    text = popover.inner_text()
    assert "111" in text and "Rusia (RUS)" in text and "test:verb:mengecam" in text

    # A hostile entity name shows as text in its popover, never as markup.
    page.mouse.move(0, 0)
    page.locator("#article-text .hl-per").first.hover()
    popover.wait_for(state="visible")
    assert EVIL_NAME in popover.inner_text()
    assert popover.locator("b").count() == 0

    # Clicking pins it; Escape closes it.
    page.locator("#article-text .hl-quote").first.click()
    assert "quote" in popover.inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")

    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=False)
    pixels = png_pixels(shot.read_bytes())[:, :, :3]
    colours = {tuple(c) for c in pixels[::7, ::7].reshape(-1, 3)}
    assert pixels.std() > 10 and len(colours) > 20, "the screenshot is blank"
    assert not dialogs and not errors
    page.close()


def test_story_and_entity_pages_load_in_the_browser(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "/entities/rusia")
    assert page.locator("table.events tbody tr").count() == 2
    chart = page.locator("figure.timeline svg")
    assert chart.locator("rect").count() == 2 and chart.bounding_box()["height"] > 50
    page.locator('a[href="/events?code=111"]').first.click()
    page.wait_for_url("**/events?code=111")
    codes = page.locator("table.events tbody tr td:nth-child(2)").all_inner_texts()
    assert codes and all(c.strip().startswith("111") for c in codes)
    page.goto(server + "/stories")
    assert page.locator("h1").inner_text() == "Stories"
    stories = page.locator("ul.stories li a")
    if stories.count():
        stories.first.click()
        page.wait_for_selector("figure.timeline svg")
        box = page.locator("figure.timeline svg").bounding_box()
        assert box["width"] > 300 and page.locator("figure.timeline rect").count() > 0
    page.close()
