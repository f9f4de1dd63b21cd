"""Foundation checks on the reference data (skipped where it is absent)."""

from __future__ import annotations

import re

import pytest

from warta.pipeline import Pipeline
from warta.sources import read

FOUNDATION = ("clean", "meta", "sentences")
FOOTER = re.compile(r"Dapatkan update berita|JernihBerkomentar|kompascomupdate|Grup Telegram|^Syarat & Ketentuan", re.M)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(FOUNDATION)


def test_seeds(seeds, pipeline):
    arts = [pipeline(a) for a in read([str(p) for p in seeds])]
    assert [a.outlet for a in arts] == ["Kompas", "Kompas"]
    assert [a.dateline for a in arts] == ["Moskwa", "Washington DC"]
    assert [a.published for a in arts] == ["2017-12-26", "2017-12-28"]
    assert arts[0].cited == ["Reuters", "Tass"]
    assert arts[1].cited == ["The Independent"]
    assert [link.title for link in arts[0].links] == [
        "Komisi Pemilu Rusia Tolak Pencalonan Diri Tokoh Oposisi Melawan Putin",
        "Penguatan Alutsista, Rusia Prioritaskan Nuklir dan Tank",
    ]
    assert [link.title for link in arts[1].links] == [
        "Kim Jong Un: Kami Telah Layak Disebut Negara Nuklir",
        "Rusia Siap Jadi Mediator antara AS dengan Korea Utara",
    ]
    for a in arts:
        assert not FOOTER.search(a.text) and "Baca juga" not in a.text
        assert len(a.sentences) >= 8


def test_kompas_articles_of_the_2023_dump(shared_data, pipeline):
    path = shared_data / "corpus" / "kompas_tribun_2023-02-27.csv"
    arts = [pipeline(a) for a in read([str(path)]) if getattr(a, "url", None) and "kompas.com" in a.url]
    assert len(arts) > 200
    left = [a.source for a in arts if "baca juga" in a.text.lower() or FOOTER.search(a.text)]
    assert left == []
    dateline = sum(any(r.why == "dateline" for r in a.removed) for a in arts) / len(arts)
    assert dateline >= 0.98
    dated = sum(a.published is not None for a in arts) / len(arts)
    assert dated >= 0.95


def test_dates_from_text_alone(shared_data, pipeline):
    """Without the dump's date column and URL, the text still dates most articles."""
    path = shared_data / "corpus" / "kompas_tribun_2023-02-27.csv"
    arts = []
    for a in read([str(path)]):
        if getattr(a, "url", None) and "kompas.com" in a.url:
            a.url, a.published = None, None
            arts.append(pipeline(a))
    assert sum(a.published is not None for a in arts) / len(arts) >= 0.80
