"""The language resources of the quotation layer, read from ``data/``.

Cue verbs, pronouns, role words and phrase boundaries are plain TSV/text files
so that an analyst can extend them without touching Python. Each loader is
cached: the files are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DATA = "warta.quotes.data"


def _lines(name: str) -> list[list[str]]:
    """Non-comment lines of a data file, split on tabs."""
    text = resources.files(_DATA).joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True, slots=True)
class Cue:
    """One speech cue of ``cues.tsv``."""

    form: str
    lemma: str
    use: str  # post | verb | passive


@lru_cache(maxsize=1)
def cues() -> dict[str, Cue]:
    """Cue form (lower case) -> Cue; the first line wins on duplicates."""
    out: dict[str, Cue] = {}
    for row in _lines("cues.tsv"):
        form = row[0].lower()
        if form not in out:
            out[form] = Cue(form, row[1] if len(row) > 1 else form, row[2] if len(row) > 2 else "post")
    return out


@lru_cache(maxsize=1)
def pronouns() -> dict[str, str]:
    """Pronoun (lower case) -> what it refers to: person | group."""
    out: dict[str, str] = {}
    for row in _lines("pronouns.tsv"):
        out.setdefault(row[0].lower(), row[1] if len(row) > 1 else "person")
    return out


@lru_cache(maxsize=1)
def role_words() -> dict[str, str]:
    """Word (lower case) -> role | title | org; the first line wins."""
    out: dict[str, str] = {}
    for row in _lines("roles.tsv"):
        out.setdefault(row[0].lower(), row[1] if len(row) > 1 else "role")
    return out


@lru_cache(maxsize=1)
def speaker_stops() -> frozenset[str]:
    """Words that end a speaker phrase written after a cue."""
    return frozenset(r[0].lower() for r in _lines("speaker_stops.txt"))


@lru_cache(maxsize=1)
def private_nouns() -> frozenset[tuple[str, ...]]:
    """Words (or runs of words) that describe a private person: ('warga',), ('ibu', 'rumah', 'tangga')."""
    return frozenset(tuple(r[0].lower().split()) for r in _lines("private_nouns.txt"))


@lru_cache(maxsize=1)
def adverbials() -> tuple[str, ...]:
    """Sentence openers that precede a speaker, longest first."""
    return tuple(sorted({r[0].lower() for r in _lines("adverbials.txt")}, key=len, reverse=True))


def post_cue(word: str) -> tuple[Cue, bool] | None:
    """The post cue a word is, and whether it carries the clitic -nya.

    'ujarnya' -> (ujar, True); 'kata' -> (kata, False); other words -> None.
    """
    w = word.lower()
    table = cues()
    cue = table.get(w)
    if cue is not None and cue.use in ("post", "passive"):
        return cue, False
    if w.endswith("nya"):
        cue = table.get(w[:-3])
        if cue is not None and cue.use == "post":
            return cue, True
    return None


def verb_cue(word: str, next_word: str | None = None) -> Cue | None:
    """The cue a speech verb is ('mengatakan'), or None.

    An opinion verb ('menilai', 'melihat') counts only when ``next_word`` is a
    comma or 'bahwa': 'Budi melihat, …' reports, 'Budi melihat rumah' does not.
    """
    cue = cues().get(word.lower())
    if cue is None:
        return None
    if cue.use == "verb":
        return cue
    if cue.use == "opinion" and next_word is not None and next_word.lower() in (",", "bahwa", ":"):
        return cue
    return None


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Every word that may be a cue (or 'menurut'), with and without -nya, in lower case."""
    forms = set(cues()) | {"menurut"}
    return frozenset(forms | {f + "nya" for f in forms})
