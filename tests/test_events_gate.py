"""The learned event gate: a confidence for every coded event, its evidence and its honest evaluation."""

from __future__ import annotations

import json
import math

import pytest
from test_events import article

from warta.article import Article, text_key
from warta.events import gate as gate_module
from warta.events.coder import code_article
from warta.events.gate import GATE_FILE, Gate, features, gate_for

SENTENCE = "Pemerintah Rusia mengecam Amerika Serikat atas sanksi baru itu."


def test_every_event_carries_the_gate_confidence_in_its_evidence():
    events = article(SENTENCE).events
    assert events
    for ev in events:
        assert 0.0 <= ev["confidence"] <= 1.0
        assert f"+gate({ev['confidence']:.2f})" in ev["by"]  # stored and exported with the rule
        assert not any(k.startswith("_") for k in ev)  # the gate's inputs do not leak out


def test_without_the_gate_the_rules_events_are_untouched():
    a = article(SENTENCE)
    rules = code_article(a, gate=None)
    assert [(e["code"], e["start"]) for e in rules] == [(e["code"], e["start"]) for e in a.events]
    assert all("confidence" not in e and "+gate(" not in e["by"] for e in rules)


def test_the_threshold_drops_what_the_weights_doubt():
    a = article(SENTENCE)
    assert code_article(a, gate=Gate({"bias": -6.0}, 0.5)) == []
    kept = code_article(a, gate=Gate({"bias": 6.0}, 0.5))
    assert kept and all(e["confidence"] == pytest.approx(1 / (1 + math.exp(-6)), abs=1e-3) for e in kept)
    # a weight on the row that fired moves only the events of that row
    row = kept[0]["by"].split()[0]
    only = code_article(a, gate=Gate({"bias": -1.0, f"row={row}": 3.0}, 0.5))
    assert only and all(e["by"].startswith(row + " ") for e in only)


def test_features_see_code_row_parties_and_quotation():
    text = 'Budi mengatakan, "Kami mengecam Amerika Serikat atas sanksi itu."'
    quote = {"start": 17, "end": len(text), "text": text[17:], "speaker": {"name": "Budi"}}
    raw = code_article(article(text, quotes=[quote]), gate=None, raw=True)
    assert raw
    f = features(raw[0], {"e:amerika-serikat": "LOC"}, 1)
    assert f[0] == "bias"
    assert f"root={raw[0]['root']}" in f and f"code={raw[0]['code']}" in f
    assert any(x.startswith("row=verbs.tsv:") for x in f)
    assert "quoted=True" in f
    assert "target_type=LOC" in f and "target_actor=state" in f


def test_the_shipped_gate_is_data_with_its_cross_validated_scores():
    data = json.loads(GATE_FILE.read_text(encoding="utf-8"))
    assert len(data["weights"]) > 50 and "bias" in data["weights"]
    assert 0.0 <= data["keep"] < 1.0
    cv = data["cross_validated"]
    assert cv["folds"] == len(data["fold_weights"]) >= 2
    assert 0 < cv["precision"] <= 1 and 0 < cv["recall"] <= 1 and cv["gold_events"] >= 300
    assert set(data["fold_of"].values()) == set(range(cv["folds"]))
    assert "gate_train" in data["about"]  # the command that rebuilds it


def test_a_training_article_is_judged_by_the_fold_that_did_not_see_it(monkeypatch):
    seen, unseen = Article(text="dilatih", id="a"), Article(text="baru", id="b")
    model = {"fold_of": {text_key(seen.text): 1}, "fold_weights": [{"bias": -9.0}, {"bias": 9.0}], "keep": 0.3}
    monkeypatch.setattr(gate_module, "_model", lambda: model)
    assert gate_for(seen) == Gate({"bias": 9.0}, 0.3)
    assert gate_for(unseen) is gate_module.DEFAULT_GATE


def test_explain_reports_the_confidence():
    from warta.events.events_cli import explain, rule_for

    ev = article(SENTENCE).events[0]
    rule = rule_for(ev["by"])
    assert rule is not None and all(kind in ("neg", "intent") for kind, _ in rule["modifiers"])
    assert f"confidence {ev['confidence']:.2f}" in explain(ev)


def test_training_labels_an_event_right_only_with_its_parties():
    from warta.events.gate_train import examples

    a = article(SENTENCE)
    start, end = 0, len(SENTENCE)
    gold = {"start": start, "end": end, "code": "111", "source": [["RUS"]], "target": [["USA"]]}
    xs, ys = examples(a, [gold])
    assert ys == [1] and xs[0][0] == "bias"
    _, ys = examples(a, [{**gold, "target": [["Singapura"]]}])
    assert ys == [0]
    _, ys = examples(a, [])
    assert ys == [0]
