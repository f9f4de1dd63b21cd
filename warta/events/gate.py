"""The learned event gate: which coded events to keep.

The dictionary rules propose events; some are wrong (a wrong party, a statement
that is no action, a row that fires on the wrong sense). The gate is a logistic
regression over what the coder knew when it proposed an event: the code and root,
the dictionary row and the notes of the rules that chose the parties, the kinds
of actors on each side, where the sentence stands, whether it is quoted and how
the date was found. It gives every event a ``confidence`` (evidence a user sees
beside ``by``) and keeps those at or above the threshold.

(A second use was tried and left out: proposing the matches the rules drop for
want of a party, with the party the context offers — the quotation's speaker,
the subject of the sentence before, the last source. Only 14 of 299 such
candidates on the annotated articles were right.)

The weights are data (``data/gate.json``), rebuilt by ``python -m
warta.events.gate_train`` from the annotated events in ``tests/data``; inference
needs nothing but this module.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..article import Article, text_key

GATE_FILE = Path(__file__).parent / "data" / "gate.json"


def _bucket(i: int) -> str:
    return "0" if i == 0 else "1-3" if i <= 3 else "4-9" if i < 10 else "10+"


def _side(name: str, actors: list[dict], types: dict[str, str]) -> list[str]:
    out = [f"{name}_n={min(len(actors), 2)}"]
    if actors:
        a = actors[0]
        code = a.get("actor") or ""
        out += [
            f"{name}_type={types.get(a.get('entity') or '', 'none')}",
            f"{name}_actor={'state' if len(code) == 3 else code[3:6] or 'none'}",
            f"{name}_named={'y' if a.get('entity') else 'n'}",
        ]
    return out


def features(ev: dict, types: dict[str, str], same_sentence: int) -> list[str]:
    """The gate's view of one proposed event (before merging)."""
    index, n_actors, quoted = ev["_sentence"]
    root = ev["root"]
    words = ev["by"].split()
    f = [
        "bias",
        f"root={root}",
        f"code={ev['code']}",
        f"row={words[0] if words else ''}",
        f"sentence={_bucket(index)}",
        f"actors={min(n_actors, 4)}",
        f"quoted={quoted}",
        f"quoted|root={quoted}|{root}",
        f"date={ev.get('date_by')}",
        f"mutual={ev.get('mutual')}",
        f"same_sentence={min(same_sentence, 3)}",
    ]
    f += [f"note={w.split('(')[0]}" for w in words if w.startswith("+")]
    f += _side("source", ev["source"], types) + _side("target", ev["target"], types)
    return f


def features_of(events: list[dict], article: Article) -> list[list[str]]:
    """``features`` of each event the rules propose in one article (what the gate judges
    and what training learns from)."""
    types = {e.id: e.type for e in article.entities}
    per_sentence = Counter(ev["start"] for ev in events)
    return [features(ev, types, per_sentence[ev["start"]]) for ev in events]


@dataclass(frozen=True)
class Gate:
    weights: dict[str, float]
    keep: float  # the least confidence an event is kept with

    @classmethod
    def load(cls, path: Path = GATE_FILE) -> Gate | None:
        data = _model(path)
        return cls(data["weights"], data["keep"]) if data else None

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def judge(self, events: list[dict], article: Article) -> list[dict]:
        """Give each proposed event a ``confidence``; keep those at or above the threshold."""
        out = []
        for ev, feats in zip(events, features_of(events, article), strict=True):
            p = self.probability(feats)
            ev["confidence"] = round(p, 3)
            ev["by"] += f" +gate({p:.2f})"  # stored and exported with the rule that fired
            if p >= self.keep:
                out.append(ev)
        return out


@lru_cache(maxsize=2)
def _model(path: Path = GATE_FILE) -> dict | None:
    """The gate file, read once."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def gate_for(article: Article) -> Gate | None:
    """The shipped gate, or for an article it was trained on the fold model that did
    not see it: what ``warta eval events`` codes its training articles with."""
    data = _model()
    k = data["fold_of"].get(text_key(article.text)) if data else None
    return DEFAULT_GATE if k is None else Gate(data["fold_weights"][k], data["keep"])


DEFAULT_GATE = Gate.load()
