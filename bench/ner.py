"""NER speed: warta's CRF tagger beside two peers, same tokens, same run.

Usage: python bench/ner.py [DATA] [--tokens N]
       python bench/ner.py [DATA] --families [--epochs N]

The second form compares model families for accuracy instead: spaCy's
blank("id") NER trained on the same cross-validation split of the TRAIN
files that ``warta train ner --cv 3`` uses for its first fold.

The tokens are news article bodies from DATA/corpus (default ../shared/data),
tokenised once with warta's tokenizer and cut into sentences; every
contender gets exactly these token lists. Each contender runs in its own
fresh process (one core, cold caches) so its peak RSS is its own; the clock is the
process's CPU time while tagging (loading is not counted).

Peers:
* ``lookup``: a bare dictionary tagger (longest match of the shipped
  gazetteer over the tokens) - the floor any tagger costs;
* ``spacy-blank-id``: spaCy's blank("id") pipeline turning the same tokens
  into a Doc (no model: spaCy ships none for Indonesian), when spaCy is
  installed - the cost of merely entering a common NLP library.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def load_sentences(data: Path, limit: int) -> list[list[str]]:
    """Sentences of news text, ``limit`` tokens in all."""
    from warta.entities.ner import _chunks
    from warta.lang.id.tokenize import token_spans

    csv.field_size_limit(1 << 30)
    out: list[list[str]] = []
    n = 0
    path = data / "corpus" / "kompas_tribun_2023-02-27.csv"
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = row["Body_Text"]
            toks = [text[s:e] for s, e in token_spans(text)]
            for s, e in _chunks(toks):
                out.append(toks[s:e])
                n += e - s
                if n >= limit:
                    return out
    return out


Tagger = Callable[[list[str]], int]


def setup_warta() -> Tagger:
    from warta.entities.ner import NerTagger

    tagger = NerTagger.load()
    tagger.tag(["."])  # fold the weights

    def run(toks: list[str]) -> int:
        return sum(1 for lab in tagger.tag(toks) if lab[0] == "B")

    return run


def setup_lookup() -> Tagger:
    from warta.entities.ner import Lexicon, resource_dir

    lex = Lexicon.from_dir(resource_dir())

    def run(toks: list[str]) -> int:
        tags = lex.gazetteer_tags([t.lower() for t in toks], [t[:1].isupper() for t in toks])
        return sum(1 for t in tags if t and t[0] == "B")

    return run


def setup_spacy() -> Tagger:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("id")

    def run(toks: list[str]) -> int:
        doc = nlp(Doc(nlp.vocab, words=toks))
        return sum(1 for t in doc if t.is_title)

    return run


RUNNERS: dict[str, Callable[[], Tagger]] = {
    "warta-crf": setup_warta,
    "lookup": setup_lookup,
    "spacy-blank-id": setup_spacy,
}


def child(name: str, data: Path, limit: int) -> None:
    """Measure one contender in this process and print one JSON line."""
    sents = load_sentences(data, limit)
    tokens = sum(len(s) for s in sents)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = RUNNERS[name]()
    t0 = time.process_time()
    found = sum(run(toks) for toks in sents)
    secs = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "name": name,
                "tokens": tokens,
                "seconds": secs,
                "tokens_per_s": tokens / secs,
                "peak_rss_mb": rss / 1024,
                "rss_before_mb": rss0 / 1024,
                "found": found,
            }
        )
    )


def compare_families(data: Path, epochs: int) -> None:
    """Fold 0 of the 3-fold split on train: spaCy NER trained on the union."""
    import random

    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    from warta.entities.ner import TYPES
    from warta.entities.ner_train import CORPORA, Scores, load_training, split_folds

    train_sets = load_training(data, CORPORA)
    folds = {c: split_folds(s, 3) for c, s in train_sets.items()}
    nlp = spacy.blank("id")
    ner = nlp.add_pipe("ner")
    for t in TYPES:
        ner.add_label(t)
    examples = []
    for c, sents in train_sets.items():
        for f, ids in enumerate(folds[c]):
            if f != 0:
                for i in ids:
                    toks, labels = sents[i]
                    gold = Doc(nlp.vocab, words=toks, ents=labels)
                    examples.append(Example(Doc(nlp.vocab, words=toks), gold))
    t0 = time.perf_counter()
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(3)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for b in range(0, len(examples), 32):
            nlp.update(examples[b : b + 32], drop=0.2, sgd=optimizer, losses=losses)
        print(f"epoch {epoch}: loss {losses.get('ner', 0):.0f}", file=sys.stderr)
    print(f"spaCy blank('id') NER, {epochs} epochs, trained in {time.perf_counter() - t0:.0f}s")
    for c, sents in train_sets.items():
        sc = Scores()
        for i in folds[c][0]:
            toks, gold = sents[i]
            doc = nlp(Doc(nlp.vocab, words=toks))
            pred = ["O" if t.ent_iob_ in ("O", "") else f"{t.ent_iob_}-{t.ent_type_}" for t in doc]
            sc.add(gold, pred)
        print(f"{c:<15} " + "  ".join(f"{r[0]} {r[3]:.1f}" for r in sc.table()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--tokens", type=int, default=200_000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--families", action="store_true", help="accuracy: spaCy NER on a train fold")
    ap.add_argument("--epochs", type=int, default=15)
    args = ap.parse_args()
    if args.families:
        compare_families(args.data, args.epochs)
        return
    if args.child:
        child(args.child, args.data, args.tokens)
        return
    rows = []
    for name in RUNNERS:
        cmd = [sys.executable, __file__, str(args.data), "--tokens", str(args.tokens)]
        res = subprocess.run(cmd + ["--child", name], capture_output=True, text=True)
        if res.returncode != 0:
            last = (res.stderr.strip().splitlines() or ["failed"])[-1]
            print(f"{name}: skipped ({last})", file=sys.stderr)
            continue
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    print("one core, CPU time (process_time) of tagging only; loading is not counted")
    print(f"{'tagger':<16} {'tokens':>9} {'CPU s':>8} {'tokens/s':>10} {'peak RSS MB':>12}")
    for r in rows:
        print(
            f"{r['name']:<16} {r['tokens']:>9,} {r['seconds']:>8.2f} "
            f"{r['tokens_per_s']:>10,.0f} {r['peak_rss_mb']:>12.0f}"
        )


if __name__ == "__main__":
    main()
