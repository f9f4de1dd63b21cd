"""The held-out event gold splits ``unseen3`` to ``unseen6``: size, codes, offsets and hashes.

Each split is scored once by ``warta eval events`` before any coder change made
while looking at it, so its lines must be well-formed without running the coder.
Once scored, a split joins ``dev`` and keeps its name in ``was``; the checks
here follow it there.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from warta.events.cameo import lookup
from warta.events.evaluate import SPLITS, load_gold

GOLD = Path(__file__).parent / "data" / "events_gold.jsonl"
SHA1 = re.compile(r"^[0-9a-f]{12}$")


HELD_OUT = ("unseen3", "unseen4", "unseen5", "unseen6", "unseen7")
# files each held-out split must draw from (click-id files are named by their folder)
FILES = {
    "unseen3": {"detik_2025-10.csv", "kompas_tribun_2023-02-27.csv"},
    "unseen4": {"detik_2025-10.csv", "kompas_tribun_2023-02-27.csv", "kompas_kontan_bisnis_2018-2019.csv",
                "click-id/kompas_2019-09.xlsx", "click-id/tempo_2019-09.xlsx", "click-id/tribunnews_2019-09.csv"},
    "unseen5": {"detik_2025-10.csv", "kompas_tribun_2023-02-27.csv", "kompas_kontan_bisnis_2018-2019.csv",
                "click-id/kompas_2019-09.xlsx", "click-id/tempo_2019-09.xlsx", "click-id/tribunnews_2019-09.csv"},
    # drawn from all six; its kompas_tribun articles hold no event
    "unseen6": {"detik_2025-10.csv", "kompas_kontan_bisnis_2018-2019.csv",
                "click-id/kompas_2019-09.xlsx", "click-id/tempo_2019-09.xlsx", "click-id/tribunnews_2019-09.csv"},
    # the same quotas; again its kompas_tribun articles hold no event
    "unseen7": {"detik_2025-10.csv", "kompas_kontan_bisnis_2018-2019.csv",
                "click-id/kompas_2019-09.xlsx", "click-id/tempo_2019-09.xlsx", "click-id/tribunnews_2019-09.csv"},
}
# events and articles with events each split holds at least (unseen6: 25 articles drawn, 10 hold none; unseen7: 23 kept, 5 hold none)
SIZE = {"unseen3": (55, 20), "unseen4": (55, 20), "unseen5": (55, 20), "unseen6": (40, 15), "unseen7": (50, 18)}


def _name(g: dict) -> str:
    """The split a line was annotated for (``was`` once it has joined dev)."""
    return g.get("was") or g["split"]


def _split(name: str) -> list[dict]:
    return [g for g in load_gold(GOLD) if _name(g) == name]


def _actors_well_formed(actors: list) -> bool:
    """A list of actors, each a non-empty list of alternative names or codes."""
    return isinstance(actors, list) and all(
        isinstance(a, list) and a and all(isinstance(x, str) and x.strip() for x in a)
        for a in actors
    )


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_split_is_scored_by_the_evaluator(split):
    rows = _split(split)
    assert rows
    # held out and scored as such, or scored once and now part of dev
    assert (split in SPLITS and {g["split"] for g in rows} == {split}) or {g["split"] for g in rows} == {"dev"}


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_size_codes_and_offsets(split):
    rows = _split(split)
    events = [g for g in rows if not g.get("none")]
    articles = {(g["file"], g["row"]) for g in events}
    assert len(events) >= SIZE[split][0]
    assert len(articles) >= SIZE[split][1]
    assert {g["file"] for g in events} >= FILES[split]
    for g in events:
        assert lookup(g["code"]).code == g["code"]  # raises KeyError on an unknown code
        assert isinstance(g["start"], int) and isinstance(g["end"], int)
        assert 0 <= g["start"] < g["end"]
        assert SHA1.match(g["sha1"])
        for s, e in g.get("also", []):
            assert 0 <= s < e and (s, e) != (g["start"], g["end"])
        assert _actors_well_formed(g["source"]) and _actors_well_formed(g["target"])
        assert g["source"] or g["target"]  # an event is between actors
        if g["date"]:
            start = date.fromisoformat(g["date"])
            if g["date_end"]:
                assert date.fromisoformat(g["date_end"]) >= start
        else:
            assert g["date_end"] is None
    # an article annotated as holding no event has no event line
    empty = {(g["file"], g["row"]) for g in rows if g.get("none")}
    assert empty and not empty & articles


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_articles_are_new_to_the_gold_set(split):
    gold = load_gold(GOLD)
    seen = {(g["file"], g["row"]) for g in gold if _name(g) != split}
    urls = {g["url"] for g in gold if _name(g) != split}
    rows = _split(split)
    assert not {(g["file"], g["row"]) for g in rows} & seen
    assert not {g["url"] for g in rows} & urls
    # one article, one row: the same URL is never annotated under two rows
    by_url: dict[str, set] = {}
    for g in rows:
        by_url.setdefault(g["url"], set()).add((g["file"], g["row"]))
    assert all(len(v) == 1 for v in by_url.values())


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_offsets_match_the_clean_text(shared_data, split):
    """Each evidence span is a sentence of the clean text and hashes to its sha1."""
    from warta.pipeline import DEFAULT, Pipeline
    from warta.sources import read

    rows = [g for g in _split(split) if not g.get("none")]
    pipeline = Pipeline(DEFAULT[: DEFAULT.index("entities")])  # the layers the offsets refer to
    wanted = {(g["file"], g["row"]) for g in rows}
    checked = 0
    for fname in sorted({f for f, _ in wanted}):
        path = shared_data / "corpus" / fname
        if not path.exists():
            pytest.skip(f"corpus file {fname} not available")
        for art in read([str(path)]):
            row = int(art.source.rsplit("#row=", 1)[1]) if "#row=" in art.source else -1
            if (fname, row) not in wanted:
                continue
            art = pipeline(art)
            spans = {(s.start, s.end) for s in art.sentences}
            for g in rows:
                if (g["file"], g["row"]) != (fname, row):
                    continue
                assert art.url == g["url"]
                text = art.text[g["start"] : g["end"]]
                assert hashlib.sha1(text.encode()).hexdigest()[:12] == g["sha1"], (
                    fname,
                    row,
                    g["start"],
                )
                assert (g["start"], g["end"]) in spans
                # another telling: whole sentences (one, or a run the splitter has since divided)
                starts, ends = {a for a, _ in spans}, {b for _, b in spans}
                assert all(x[0] in starts and x[1] in ends for x in g.get("also", []))
                checked += 1
    assert checked == len(rows)
