"""PFSA-ID reader and scorer, on a hand-written file in its format."""

from __future__ import annotations

import pytest

from warta.quotes import extract_quotes
from warta.quotes.pfsa import gold_speaker, jaccard, read_pfsa, score_article, speaker_matches

SAMPLE = """\
BANDUNG\tO
,\tO
KOMPAS\tO
—\tO
Harga\tB-ISSUE
beras\tI-ISSUE
naik\tL-ISSUE
.\tO
”\tB-STATEMENT

Kami\tI-STATEMENT
tambah\tI-STATEMENT
pasokan\tI-STATEMENT
pekan\tI-STATEMENT
ini\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
kata\tU-CUE
Kepala\tB-ROLE
Bulog\tL-ROLE
Budi\tB-PERSON
Santoso\tL-PERSON
.\tO

”\tB-STATEMENT
Harga\tI-STATEMENT
segera\tI-STATEMENT
turun\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
ujarnya\tU-CUECOREF
.\tO

SURABAYA\tO
,\tO
KOMPAS\tO
—\tO
Hujan\tB-ISSUE
turun\tL-ISSUE
.\tO
"""


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return read_pfsa(path)


def test_articles_split_at_datelines(sample):
    assert len(sample) == 2
    assert sample[0].text.startswith("BANDUNG, KOMPAS — Harga beras naik.")
    assert sample[1].text.startswith("SURABAYA, KOMPAS")


def test_spans_are_offsets_into_the_rebuilt_text(sample):
    art = sample[0]
    stmts = art.statements()
    assert [s.text for s in stmts] == ["” Kami tambah pasokan pekan ini, ”", "” Harga segera turun, ”"]
    for s in art.spans:
        assert art.text[s.start : s.end] == s.text
    assert len(art.sentences) == 3


def test_gold_speaker_after_then_before(sample):
    art = sample[0]
    first, second = art.statements()
    assert gold_speaker(art, first).text == "Budi Santoso"
    # '"…," ujarnya' names nobody after it: the last PERSON before is the speaker
    assert gold_speaker(art, second).text == "Budi Santoso"


CLITIC_THEN_NEW_PERSON = """\
JAKARTA\tO
,\tO
KOMPAS\tO
—\tO
Budi\tB-PERSON
Santoso\tL-PERSON
datang\tB-ISSUE
.\tO

”\tB-STATEMENT
Kami\tI-STATEMENT
siap\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
ujarnya\tU-CUECOREF
.\tO

Sementara\tO
itu\tO
,\tO
Ani\tB-PERSON
Lestari\tL-PERSON
menilai\tO
lain\tO
.\tO
"""


def test_gold_speaker_of_a_clitic_is_not_the_person_of_the_next_sentence(tmp_path):
    path = tmp_path / "clitic.txt"
    path.write_text(CLITIC_THEN_NEW_PERSON, encoding="utf-8")
    (art,) = read_pfsa(path)
    (stmt,) = art.statements()
    assert gold_speaker(art, stmt).text == "Budi Santoso"


def test_jaccard_over_tokens():
    text = "a b c d"
    assert jaccard(text, (0, 7), (0, 7)) == 1.0
    assert jaccard(text, (0, 3), (2, 7)) == pytest.approx(1 / 4)
    assert jaccard(text, (0, 0), (0, 7)) == 0.0


def test_speaker_match_by_span_or_name(sample):
    art = sample[0]
    gold = gold_speaker(art, art.statements()[0])
    assert speaker_matches(art, gold, {"name": "Budi Santoso", "start": gold.start, "end": gold.end})
    assert speaker_matches(art, gold, {"name": "Pak Santoso", "start": 0, "end": 3})
    assert not speaker_matches(art, gold, {"name": "Ani", "start": 0, "end": 3})
    assert not speaker_matches(art, gold, None)


def test_scoring_the_quotes_layer_on_the_sample(sample):
    art = sample[0]
    sc = score_article(art, extract_quotes(art.to_article()))
    assert (sc.gold, sc.predicted, sc.matched) == (2, 2, 2)
    assert sc.speaker_right == sc.with_speaker == 2
    assert sc.f1 == 1.0


def test_a_prediction_that_misses_counts_against_precision(sample):
    art = sample[0]
    fake = [{"kind": "direct", "start": 0, "end": 10, "speaker": None}]
    sc = score_article(art, fake)
    assert (sc.matched, sc.precision, sc.recall) == (0, 0.0, 0.0)


def test_quotes_of_private_people_are_not_scored(sample):
    art = sample[0]
    quotes = extract_quotes(art.to_article())
    private = {"kind": "private", "start": 0, "end": 3, "by": "test"}
    extra = {**quotes[0], "start": 0, "end": 10, "speaker": {"name": "Ani", "standing": private}}
    sc = score_article(art, quotes + [extra])
    assert (sc.predicted, sc.matched) == (2, 2)
    sc = score_article(art, quotes + [extra], public_only=False)
    assert (sc.predicted, sc.matched) == (3, 2)


@pytest.mark.slow
def test_pfsa_dev_figures_hold(shared_data):
    """Regression guard on PFSA-ID dev (rules only, no entities layer)."""
    from warta.quotes.pfsa import evaluate

    path = shared_data / "quotes" / "pfsa-id" / "dev-40.txt"
    if not path.exists():
        pytest.skip("PFSA-ID dev not available")
    sc = evaluate(read_pfsa(path), extract_quotes)
    # measured: recall 98.9, F1 95.1, speaker accuracy 93.9 (public speakers, no entities layer)
    assert sc.recall > 0.97
    assert sc.f1 > 0.93
    assert sc.speaker_accuracy > 0.92
