"""NER: readers and tag mapping, scoring, the shipped tagger, the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.entities.ner import NerTagger, bio_spans, word_shape
from warta.entities.ner_cli import eval_ner, train_ner
from warta.entities.ner_train import (
    Scores,
    detect_corpus,
    map_tag,
    read_conll,
    repair_bio,
)

# -- readers and tag sets ---------------------------------------------------

IDNER = "Kata PROPN O\r\nAnis PROPN B-PER\r\nBaswedan PROPN I-PER\r\ndi ADP O\r\nSamarinda PROPN B-LOC\r\n\r\n"
NERUGM = "Yenny\tB-PERSON\nWahid\tI-PERSON\ndatang\tO\npukul\tB-TIME\n10\tI-TIME\nke\tO\nPKB\tB-ORGANIZATION\n\n"
NERUI = "Shamrock\tB-ORGANIZATION\nHoldings\tI-ORGANIZATION\ndi\tO\nWashington\tB-LOCATION\n\n"
NERGRIT = (
    "Desa\tB-PLACE\nKedungbulus\tI-PLACE\noleh\tO\nObama\tB-PERSON\ndan\tO\nPBB\tB-ORGANISATION\n\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


@pytest.mark.parametrize(
    "tag, mapped",
    [
        ("B-PERSON", "B-PER"),
        ("I-PER", "I-PER"),
        ("B-ORGANISATION", "B-ORG"),
        ("I-ORGANIZATION", "I-ORG"),
        ("B-PLACE", "B-LOC"),
        ("I-LOCATION", "I-LOC"),
        ("B-TIME", "O"),
        ("I-QUANTITY", "O"),
        ("O", "O"),
        ("B", "O"),
    ],
)
def test_map_tag(tag: str, mapped: str) -> None:
    assert map_tag(tag) == mapped


def test_repair_bio_starts_orphan_inside_tags() -> None:
    assert repair_bio(["O", "I-PER", "I-PER", "I-LOC"]) == ["O", "B-PER", "I-PER", "B-LOC"]


@pytest.mark.parametrize(
    "text, corpus, tokens, labels",
    [
        (IDNER, "idner-news-2k", 5, ["O", "B-PER", "I-PER", "O", "B-LOC"]),
        (NERUGM, "ner-ugm", 7, ["B-PER", "I-PER", "O", "O", "O", "O", "B-ORG"]),
        (NERUI, "ner-ui", 4, ["B-ORG", "I-ORG", "O", "B-LOC"]),
        (NERGRIT, "nergrit", 6, ["B-LOC", "I-LOC", "O", "B-PER", "O", "B-ORG"]),
    ],
)
def test_readers_map_each_format(
    tmp_path: Path, text: str, corpus: str, tokens: int, labels: list[str]
) -> None:
    path = _write(tmp_path, corpus + ".txt", text)
    sents = read_conll(path)
    assert len(sents) == 1
    toks, labs = sents[0]
    assert len(toks) == tokens and labs == labels
    assert all("\r" not in t for t in toks)
    assert detect_corpus(path) == corpus


# -- spans and scores -------------------------------------------------------


def test_bio_spans_conlleval_convention() -> None:
    labels = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"]
    assert bio_spans(labels) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]


def test_scores_count_exact_spans_only() -> None:
    s = Scores()
    s.add(["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "O", "O", "B-LOC"])
    assert s.tp["LOC"] == 1 and s.tp["PER"] == 0
    assert s.fp["PER"] == 1 and s.fn["PER"] == 1
    p, r, f, n = s.prf()
    assert (round(p), round(r), n) == (50, 50, 2)


def test_word_shape() -> None:
    assert word_shape("Jokowi") == "Xx"
    assert word_shape("KPK") == "X"
    assert word_shape("2019") == "d"


# -- the shipped tagger -----------------------------------------------------


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def _typed(text: str, tagger: NerTagger) -> set[tuple[str, str]]:
    return {(text[s:e], t) for s, e, t in tagger.spans(text)}


def test_load_is_cached_and_named(tagger: NerTagger) -> None:
    assert NerTagger.load() is tagger
    assert re.fullmatch(r"crf:ner-[0-9a-f]{10}", tagger.name)


def test_name_comes_from_the_shipped_files(tagger: NerTagger) -> None:
    import json

    from warta.entities.ner import fingerprint, lexicon_files, resource_dir

    folder = resource_dir()
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    assert "version" not in meta  # no label kept by hand
    files = lexicon_files(folder)
    assert {p.name for p in files} >= {"clusters.tsv", "cues.tsv", "gazetteer.tsv",
                                       "gazetteer_districts.tsv", "gazetteer_extra.tsv"}
    assert tagger.name == "crf:ner-" + fingerprint(folder / "model.crfsuite", files, meta)
    assert meta["tagger"] == tagger.name  # what training wrote is what loading works out


def test_name_changes_with_model_word_lists_and_settings(tmp_path: Path) -> None:
    from warta.entities.ner import fingerprint

    model, words = tmp_path / "model.crfsuite", tmp_path / "cues.tsv"
    model.write_bytes(b"weights-1")
    words.write_text("kata\tPER\n", "utf-8")
    meta = {"features": 1, "default_domain": "idner-news-2k", "domains": ["idner-news-2k"]}
    base = fingerprint(model, [words], meta)
    assert re.fullmatch(r"[0-9a-f]{10}", base)
    assert fingerprint(model, [words], {**meta, "version": "2031.01", "c1": 9}) == base
    assert fingerprint(model, [words], {**meta, "features": 2}) != base
    assert fingerprint(model, [words], {**meta, "default_domain": "nergrit"}) != base
    assert fingerprint(model, [], meta) != base
    words.write_text("kata\tPER\nujar\tPER\n", "utf-8")
    assert fingerprint(model, [words], meta) != base
    words.write_text("kata\tPER\n", "utf-8")
    model.write_bytes(b"weights-2")  # a retrained model
    assert fingerprint(model, [words], meta) != base
    model.write_bytes(b"weights-1")
    assert fingerprint(model, [words], meta) == base


def test_write_meta_names_the_files_it_describes(tmp_path: Path, tagger: NerTagger) -> None:
    import json
    import shutil

    from warta.entities.ner import resource_dir
    from warta.entities.ner_train import TrainConfig, write_meta

    out = tmp_path / "ner"
    shutil.copytree(resource_dir(), out)
    (out / "meta.json").unlink()
    write_meta(out, TrainConfig())  # the shipped settings over the shipped files
    meta = json.loads((out / "meta.json").read_text("utf-8"))
    assert meta["tagger"] == tagger.name == NerTagger.from_dir(out).name
    with open(out / "cues.tsv", "a", encoding="utf-8") as f:
        f.write("tutur\tPER\n")  # an edited word list is another tagger
    assert NerTagger.from_dir(out).name != tagger.name


def test_spokesman_name(tagger: NerTagger) -> None:
    text = "Hal itu disampaikan juru bicara Kremlin Dmitry Peskov kepada wartawan di Moskwa."
    found = _typed(text, tagger)
    assert ("Dmitry Peskov", "PER") in found
    assert ("Kremlin", "ORG") in found
    assert ("Moskwa", "LOC") in found


def test_known_sentences(tagger: NerTagger) -> None:
    text = (
        "Presiden Joko Widodo bertemu Ketua Umum Partai Gerindra Prabowo Subianto "
        "di Istana Merdeka, Jakarta, Senin (12/3/2018)."
    )
    found = _typed(text, tagger)
    assert ("Joko Widodo", "PER") in found
    assert ("Prabowo Subianto", "PER") in found
    assert ("Jakarta", "LOC") in found
    assert any(t == "ORG" and "Gerindra" in s for s, t in found)


def test_tag_returns_one_label_per_token(tagger: NerTagger) -> None:
    tokens = "Menteri Luar Negeri Retno Marsudi tiba di Beijing .".split()
    labels = tagger.tag(tokens)
    assert len(labels) == len(tokens)
    assert labels[3:5] == ["B-PER", "I-PER"]
    assert tagger.tag([]) == []


def test_spans_offsets_and_long_input(tagger: NerTagger) -> None:
    sentence = "Gubernur Jawa Barat Ridwan Kamil meninjau banjir di Bekasi. "
    text = sentence * 80  # longer than one chunk: tagged piece by piece
    spans = tagger.spans(text)
    assert len([1 for s, e, t in spans if text[s:e] == "Ridwan Kamil" and t == "PER"]) == 80
    assert all(0 <= s < e <= len(text) for s, e, _ in spans)


def test_spans_accept_given_token_spans(tagger: NerTagger) -> None:
    text = "Kata Anies Baswedan."
    spans = tagger.spans(text, [(0, 4), (5, 10), (11, 19), (19, 20)])
    assert (5, 19, "PER") in spans


# -- commands ---------------------------------------------------------------


def test_eval_command_prints_table(tmp_path: Path) -> None:
    fixture = (
        "Presiden\tO\nJoko\tB-PERSON\nWidodo\tI-PERSON\ntiba\tO\ndi\tO\n"
        "Surabaya\tB-LOCATION\n.\tO\n\n"
        "Juru\tO\nbicara\tO\nKPK\tB-ORGANIZATION\nmenolak\tO\n.\tO\n\n"
    )
    path = _write(tmp_path, "tiny.tsv", fixture)
    res = CliRunner().invoke(eval_ner, [str(path)])
    assert res.exit_code == 0, res.output
    lines = {ln.split()[0]: ln.split()[1:] for ln in res.output.splitlines()[2:] if ln.strip()}
    assert set(lines) == {"PER", "ORG", "LOC", "micro"}
    assert lines["micro"][3] == "3"  # gold entities
    assert 0.0 <= float(lines["micro"][2]) <= 100.0


def test_eval_command_rejects_unknown_domain(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny.tsv", NERUI)
    res = CliRunner().invoke(eval_ner, [str(path), "--domain", "twitter"])
    assert res.exit_code != 0


# Regression guard: dev micro F1 of the shipped model (see resources/ner/MODEL.md) minus a
# margin of about one point. The targets of the issue are not asserted here.
DEV_FLOORS = {"idner-news-2k": 87.3, "ner-ui": 88.0, "ner-ugm": 82.0, "nergrit": 72.0}


def test_eval_dev_sets(shared_data: Path) -> None:
    from warta.entities.ner_train import corpus_file

    files = [str(corpus_file(shared_data, c, "dev")) for c in DEV_FLOORS]
    res = CliRunner().invoke(eval_ner, files)
    assert res.exit_code == 0, res.output
    blocks = res.output.split("\n" + str(shared_data))
    assert len(blocks) == len(files)
    micro = [
        float(ln.split()[3]) for ln in res.output.splitlines() if ln.strip().startswith("micro")
    ]
    assert len(micro) == len(files)
    for corpus, f1 in zip(DEV_FLOORS, micro, strict=True):
        assert f1 >= DEV_FLOORS[corpus], (corpus, f1)


@pytest.mark.slow
def test_train_command_on_a_sample(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    res = CliRunner().invoke(
        train_ner,
        ["--data", str(shared_data), "--out", str(out), "--sample", "40", "--iterations", "5"],
    )
    assert res.exit_code == 0, res.output
    for name in (
        "model.crfsuite",
        "clusters.tsv",
        "gazetteer.tsv",
        "gazetteer_districts.tsv",
        "meta.json",
    ):
        assert (out / name).exists()
    tagger = NerTagger.from_dir(out)
    assert len(tagger.tag(["Joko", "Widodo", "tiba", "."])) == 4


# -- feature sets and word lists ------------------------------------------


def test_title_runs() -> None:
    from warta.entities.ner import _title_runs

    toks = "kata Joko Widodo di Istana Merdeka".split()
    assert _title_runs(toks) == [(0, 0), (1, 3), (1, 3), (3, 3), (4, 6), (4, 6)]


def test_second_feature_set_sees_the_capitalised_run() -> None:
    from warta.entities.ner import Featurizer, Lexicon

    lex = Lexicon({}, {}, {}, {})
    toks = "juru bicara Kremlin Dmitry Peskov kepada wartawan".split()
    v1 = Featurizer(lex, 1).sentence(toks)
    v2 = Featurizer(lex, 2).sentence(toks)
    assert not any(f.startswith("run=") for f in v1[3])
    assert {"run=I", "rh=kremlin", "rt=peskov", "rb=bicara", "ra=kepada"} <= set(v2[3])
    assert "w-3=juru" in v2[3]


def test_district_entries_skip_common_words(tmp_path: Path) -> None:
    from warta.entities.ner_train import district_entries

    folder = tmp_path / "gazetteer" / "wilayah"
    folder.mkdir(parents=True)
    (folder / "districts.csv").write_text(
        "3402010,3402,PAJANGAN\n3402020,3402,BARU\n3402030,3402,PAKIS AJI\n", "utf-8"
    )
    clusters = {"baru": ("0", ("1",)), "pajangan": ("4", ("2",))}
    assert district_entries(tmp_path, clusters) == {"Pajangan": "DISTRICT", "Pakis Aji": "DISTRICT"}


def test_cached_scores_equal_the_sum_over_training_features(tagger: NerTagger) -> None:
    import numpy as np

    tokens = "Juru bicara Kremlin Dmitry Peskov tiba di Moskwa , kata Reuters .".split()
    for domain in (None, "nergrit"):
        t = tagger.with_domain(domain)
        weights = t._current()
        for toks in (tokens, tokens[:1], tokens[:3]):
            fast = weights.scores(t.featurizer, toks)
            full = np.array(
                [
                    sum(
                        (weights.matrix[weights.rows[f]] for f in feats if f in weights.rows),
                        np.zeros(len(weights.trans)),
                    )
                    for feats in t.featurizer.sentence(toks)
                ]
            )
            assert fast.shape == (len(toks), len(weights.trans))
            assert np.allclose(fast, full)


def test_token_list_scored_in_chunks_equals_sentence_by_sentence(tagger: NerTagger) -> None:
    import numpy as np

    from warta.entities.ner import _chunks

    tokens = (
        "Presiden Joko Widodo tiba di Jakarta . Juru bicara Kremlin Dmitry Peskov berkata ! "
        "Ia menolak . PT Pertamina ( Persero ) di Kabupaten Bogor"
    ).split()
    t = tagger.with_domain(None)
    weights = t._current()
    chunks = list(_chunks(tokens))
    assert len(chunks) == 4
    whole = weights.scores(t.featurizer, tokens, chunks)
    apart = np.concatenate([weights.scores(t.featurizer, tokens[s:e]) for s, e in chunks])
    assert np.array_equal(whole, apart)
    assert t.tag(tokens) == [lab for s, e in chunks for lab in t.tag(tokens[s:e])]


def test_batched_viterbi_equals_one_sequence_at_a_time() -> None:
    import itertools

    import numpy as np

    from warta.entities.ner import _viterbi, _viterbi_batch

    rng = np.random.default_rng(7)
    into = rng.normal(size=(7, 7))
    into[2, 4] = into[2, 5]  # a tie: the lower label wins in both
    seqs = [rng.normal(size=(n, 7)) for n in (5, 1, 12, 3, 12)]
    assert _viterbi_batch(seqs, into) == [_viterbi(s, into) for s in seqs]
    brute = []
    for s in seqs[:2] + seqs[3:4]:
        best = max(
            itertools.product(range(7), repeat=len(s)),
            key=lambda p: (
                s[0, p[0]]
                + sum(
                    into[b, a] + s[k + 1, b]
                    for k, (a, b) in enumerate(zip(p[:-1], p[1:], strict=True))
                )
            ),
        )
        brute.append(list(best))
    assert [_viterbi(s, into) for s in seqs[:2] + seqs[3:4]] == brute


def test_word_cache_is_bounded_and_keeps_words_in_use() -> None:
    from warta.entities.ner import _Recent

    cache = _Recent(3)
    for k in range(3):
        cache.put(k, str(k))
    cache.put(3, "3")  # the first generation becomes the old one
    assert cache.get(0) == "0"  # moved back into the young generation
    for k in range(4, 7):
        cache.put(k, str(k))
    assert len(cache) <= 6
    assert cache.get(0) == "0" and cache.get(1) is None
