"""Summaries: ROUGE implementation, the extractive summariser, IndoSum reading and scoring."""

from __future__ import annotations

import math

import pytest

from warta.article import Article, Sentence
from warta.stories.evaluate import evaluate_summaries, model_for, text_key
from warta.stories.indosum import SumDoc, read_indosum, rebuild, title_from_id
from warta.stories.rouge import lcs_length, rouge_l, rouge_n, rouge_scores, rouge_tokens
from warta.stories.summarize import (
    boost_score,
    candidate_sets,
    dateline_end,
    expected_rouge1,
    load_model,
    pseudo_reference,
    select_set,
    sentence_probs,
    subset_features,
    summarize,
    summary_stage,
)

TEXT = (
    "JAKARTA, KOMPAS.com - Pemerintah menaikkan harga bahan bakar mulai pekan depan. "
    "Kenaikan itu diumumkan Menteri Energi di Jakarta pada Senin. "
    "\"Kami tidak punya pilihan lain,\" kata Menteri. "
    "Harga baru berlaku di seluruh Indonesia.\n"
    "Baca juga: Harga Minyak Dunia Turun. "
    "Warga mengantre di sejumlah SPBU sejak pagi. "
    "Pengamat menilai kenaikan akan mendorong inflasi."
)


def _spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            while text[start] in " \n":
                start += 1
            out.append((start, i + 1))
            start = i + 1
    return out


def test_rouge_tokens_lowercase_words_only():
    assert rouge_tokens("Kata-kata, \"Rusia\" siap!") == ["kata", "kata", "rusia", "siap"]


def test_rouge_identical_and_disjoint():
    assert rouge_scores("a b c d", "a b c d") == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge_scores("a b", "c d") == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}


def test_rouge_values_by_hand():
    cand, ref = "the cat sat on the mat".split(), "the cat lay on the mat".split()
    assert rouge_n(cand, ref, 1) == pytest.approx(5 / 6)
    assert rouge_n(cand, ref, 2) == pytest.approx(3 / 5)
    assert lcs_length(cand, ref) == 5
    assert rouge_l(cand, ref) == pytest.approx(5 / 6)
    # clipped counts: a repeated word is matched as often as the reference has it
    assert rouge_n(["a", "a", "a"], ["a", "b"], 1) == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_dateline_skipped_only_at_the_start():
    s, e = _spans(TEXT)[0]
    start = dateline_end(TEXT, s, e)
    assert TEXT[start:].startswith("Pemerintah menaikkan")
    plain = "Menurut dia, harga - yang naik - terlalu tinggi."
    assert dateline_end(plain, 0, len(plain)) == 0


def test_summarize_returns_up_to_three_sentence_spans():
    spans = _spans(TEXT)
    out = summarize(TEXT, spans, title="Harga BBM Naik Pekan Depan")
    assert 1 <= len(out) <= 3
    starts = [o["start"] for o in out]
    assert starts == sorted(starts)
    for o in out:
        assert o["by"]
        assert any(s <= o["start"] < o["end"] == e for s, e in spans)
    assert TEXT[out[0]["start"] : out[0]["end"]].startswith("Pemerintah menaikkan harga")
    assert not any("Baca juga" in TEXT[o["start"] : o["end"]] for o in out)
    assert len(summarize(TEXT, spans, k=1)) == 1
    assert summarize("", []) == []


def test_shipped_model_is_loaded():
    model = load_model()
    assert model["boost"]["trees"] and model["boost"]["features"]
    toks = [["a", "b"], ["c"]]
    assert len(model["subset"]) == len(subset_features((0,), [0.5, 0.5], toks))
    assert summarize(TEXT, _spans(TEXT))[0]["by"].startswith("model:")


def test_expected_rouge_prefers_the_likely_sentences():
    toks = [["harga", "bbm", "naik"], ["warga", "antre"], ["harga", "bbm", "naik", "lagi"]]
    pseudo = pseudo_reference([0.9, 0.1, 0.8], toks)
    assert sum(pseudo.values()) == pytest.approx(60.0)
    assert expected_rouge1((0,), toks, pseudo) > expected_rouge1((1,), toks, pseudo)



def test_set_features_shared_across_sets_match_each_set_worked_out_alone():
    toks = [["harga", "bbm", "naik", "harga"], ["warga", "antre", "bbm"], ["harga", "naik", "lagi"],
            ["pengamat", "menilai", "inflasi", "naik"]]
    probs = [0.9, 0.2, 0.7, 0.4]
    pseudo = pseudo_reference(probs, toks)
    weights = [0.0] * 17 + [1.0]  # the expected ROUGE-1 alone
    for c in candidate_sets(probs):
        words = [w for j in c for w in toks[j]]
        alone = expected_rouge1(c, toks, pseudo)
        overlap = sum(min(words.count(w), pseudo[w]) for w in dict.fromkeys(words))
        assert alone == pytest.approx(2 * overlap / (len(words) + 60.0))
        assert subset_features(c, probs, toks, pseudo)[-1] == alone
    best = max(candidate_sets(probs), key=lambda c: expected_rouge1(c, toks, pseudo))
    assert select_set(probs, toks, weights) == list(best)

def test_tree_ensemble_walks_each_tree_to_a_leaf():
    # one stump on "relpos" (left when <= 0.5) and one leaf alone
    boost = {"features": ["relpos"], "base": -1.0, "trees": [[[0, 0.5, 1, 2], [2.0], [-1.0]], [[0.5]]]}
    early, late, missing = boost_score([{"relpos": 0.5}, {"relpos": 0.9}, {}], boost)
    assert early == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert late == pytest.approx(1 / (1 + math.exp(1.5)))
    assert missing == early  # an absent feature is 0
    assert sentence_probs([{"relpos": 0.9}], {"boost": boost}) == [late]
    assert sentence_probs([{"bias": 1.0}], {"weights": {"bias": 0.0}}) == [0.5]


def test_exported_trees_give_the_probabilities_of_the_fitted_ensemble():
    np = pytest.importorskip("numpy")
    ensemble = pytest.importorskip("sklearn.ensemble")
    from warta.stories.summary_train import fit_boost

    rng = np.random.default_rng(0)
    feats = [[{"relpos": float(rng.random()), "q_any": float(rng.integers(0, 2)),
               "cent": float(rng.normal())} for _ in range(10)] for _ in range(60)]
    labels = [[f["relpos"] + 0.5 * f["q_any"] + 0.3 * f["cent"] > 1 for f in d] for d in feats]
    boost = fit_boost(feats, labels, trees=20, rate=0.05, leaves=15)
    x = np.array([[f["cent"], f["q_any"], f["relpos"]] for d in feats for f in d])
    y = np.array([v for d in labels for v in d]).astype(int)
    clf = ensemble.HistGradientBoostingClassifier(
        max_iter=20, learning_rate=0.05, max_leaf_nodes=15, early_stopping=False, random_state=0
    ).fit(x, y)
    ours = [p for d in feats for p in boost_score(d, boost)]
    assert ours == pytest.approx(list(clf.predict_proba(x)[:, 1]), abs=1e-5)
    assert len(boost["trees"]) == 20


def test_training_articles_are_scored_by_a_model_that_did_not_see_them():
    model = load_model()
    cv = model["cv"]
    assert len(cv["models"]) == model["folds"] and len(cv["held_out"]) == model["articles"]
    key, fold = next(iter(cv["held_out"].items()))
    seen = SumDoc("x", "teks", [(0, 4)], [0], "teks")
    assert model_for(seen, model) == (model, False)  # never trained on: the shipped model
    fake = {**model, "cv": {"models": cv["models"], "held_out": {text_key("teks"): fold}}}
    assert model_for(seen, fake) == (cv["models"][fold], True)
    assert cv["models"][fold]["boost"] != model["boost"]
    assert len(key) == 16


def test_summary_stage_fills_article_summary():
    a = Article(text=TEXT, title="Harga BBM Naik", sentences=[Sentence(s, e) for s, e in _spans(TEXT)])
    a = summary_stage(a)
    assert 1 <= len(a.summary) <= 3
    assert all({"start", "end", "by"} <= set(x) for x in a.summary)


def test_indosum_rebuild_spans_and_labels():
    rec = {
        "id": "1504900800-harga-bbm-naik",
        "paragraphs": [[["Harga", "naik", "."], ["Warga", "antre", "."]], [["Inflasi", "naik", "."]]],
        "summary": [["Harga", "naik", "."]],
        "gold_labels": [[True, False], [False]],
    }
    doc = rebuild(rec)
    assert [doc.text[s:e] for s, e in doc.sentences] == ["Harga naik .", "Warga antre .", "Inflasi naik ."]
    assert doc.paragraph == [0, 0, 1]
    assert doc.labels == [True, False, False]
    assert doc.title == "harga bbm naik"
    assert title_from_id("no-timestamp") is None


def test_indosum_dev_beats_lead3(shared_data):
    path = shared_data / "summaries" / "indosum" / "dev.jsonl"
    if not path.exists():
        pytest.skip("IndoSum dev not available")
    docs = [d for _, d in zip(range(300), read_indosum(path), strict=False)]
    scores = evaluate_summaries(docs)
    assert scores.n == 300
    assert scores.held_out == 300  # dev trained the shipped model: scored by fold models
    assert scores.warta["rouge1"] > scores.lead3["rouge1"] + 0.02
    assert 0.6 < scores.lead3["rouge1"] < 0.72


def test_caption_test_agrees_with_the_caption_expression():
    from warta.stories.summarize import _CAPTION, _caption

    for raw in ("BACA JUGA: Harga naik", "Foto : Kompas", "video:", "lihat https://x.id",
                "kunjungi WWW.KOMPAS.COM", "[Ilustrasi]", "Harga BBM naik lagi.",
                "Warga juga mengantre", "Pukul 10:00 WIB", "simak  juga"):
        assert _caption(raw) == bool(_CAPTION.search(raw)), raw
    assert _caption("BACA JUGA: Harga naik") and not _caption("Harga BBM naik lagi.")


def test_model_json_keeps_tree_ensembles_on_one_line_and_reads_back():
    import json

    from warta.stories.summary_train import dump

    boost = {"features": ["relpos"], "base": 0.1, "trees": [[[0, 0.5, 1, 2], [1.0], [-1.0]]]}
    model = {"boost": boost, "subset": [1.0, 2.0],
             "cv": {"models": [{"boost": {**boost, "base": 0.2}, "subset": [3.0]}], "held_out": {"k": 0}}}
    text = dump(model)
    assert json.loads(text) == model
    assert text.count('"trees":') == 2 and '"trees":[[[0,0.5,1,2],[1.0],[-1.0]]]' in text
