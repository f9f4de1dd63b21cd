"""The event dictionary: Indonesian patterns → CAMEO codes, compiled for speed.

``data/verbs.tsv`` holds one pattern a row (code, pattern, options, note);
``data/lexicon.yaml`` holds the word classes the patterns and the coder use
(light verbs, negation, intent, prepositions...). Both are plain data so an
analyst can extend them without Python; each event names the row that fired.

Pattern syntax, tokens separated by spaces:

* ``menolak`` a literal word (case-insensitive; a "-nya" clitic is ignored)
* ``~tolak`` every verbal form of a root (menolak, ditolak, menolakkan, ...);
  ``~temu/ber,meN-i,di-i`` only the listed forms (see ``morph.ALL_FORMS``)
* ``@light`` any word of a class from lexicon.yaml
* ``a|b|~c`` alternatives for one token
* ``(kerja sama|kerjasama|bekerja sama)`` alternatives of whole phrases
* ``*`` a gap of up to 8 tokens (``*3``: up to 3) that never crosses , ; : . ? ! nor
  a conjunction opening another verb phrase ("dan menunjuk")

The first token is the trigger: its form decides the voice (di- forms are
passive, which swaps source and target; the row option ``passive`` makes any
form passive, for ter- verbs whose subject underwent the act: "tertangkap tangan"). Code ``---`` marks a stop pattern:
a phrase that looks like a trigger but is not an event ("menahan diri").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .cameo import is_known
from .morph import ALL_FORMS, DEFAULT_FORMS, forms

STOP = "---"
GAP_DEFAULT = 8
# Punctuation and the openers of a complement clause ("menuntut agar ... dana ..."): what
# follows them is what was said or asked, not the trigger's own object.
NO_GAP_CROSS = frozenset({",", ";", ":", ".", "!", "?", '"', "“", "”", "agar", "supaya", "bahwa"})
VP_JOIN = frozenset({"dan", "serta", "lalu", "kemudian"})


@dataclass(frozen=True, slots=True)
class Gap:
    max: int


@dataclass(frozen=True, slots=True)
class Group:
    """Alternative phrases for one position: each a tuple of token sets."""

    alts: tuple[tuple[frozenset, ...], ...]
    first: frozenset = frozenset()  # every word an alternative can start with (a cheap first test)

    @classmethod
    def of(cls, alts: tuple[tuple[frozenset, ...], ...]) -> Group:
        return cls(alts, frozenset().union(*(alt[0] for alt in alts if alt)))


@dataclass(slots=True)
class Pattern:
    """One row of verbs.tsv, compiled."""

    code: str
    text: str
    line: int
    elements: list = field(default_factory=list)  # frozenset[str] | Gap
    options: dict[str, str] = field(default_factory=dict)
    voices: dict[str, str] = field(default_factory=dict)  # trigger surface -> voice
    literals: int = 0
    # The words the token after the trigger must be (or have as its base), None when any will
    # do (a gap, or the trigger alone): a cheap first test before matching the rest.
    after: frozenset | None = None
    # After a leading gap: the words the next element can start with, one of which must come
    # within the gap's reach (None when the pattern does not start with a gap).
    reach: frozenset | None = None

    @property
    def by(self) -> str:
        return f"verbs.tsv:{self.line} {self.text}"

    @property
    def mutual(self) -> bool:
        return "mutual" in self.options


@dataclass(slots=True)
class Match:
    pattern: Pattern
    first: int  # token index of the trigger
    last: int  # token index of the last literal element
    positions: list[int]  # token index of every literal element
    voice: str


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """Word classes and code maps from lexicon.yaml (class values as sets)."""
    raw = yaml.safe_load(_read("lexicon.yaml"))
    out: dict = {}
    for key, val in raw.items():
        if isinstance(val, list):
            words: dict[str, str] = {}
            for item in val:
                words.update(expand_token(str(item), {}))
            out[key] = words
        else:
            out[key] = val
    return out


def expand_token(tok: str, classes: dict[str, dict[str, str]]) -> dict[str, str]:
    """Surface → voice for one pattern token (alternatives, roots, classes)."""
    out: dict[str, str] = {}
    for alt in tok.split("|"):
        alt = alt.strip()
        if not alt:
            continue
        if alt.startswith("~"):
            root, _, spec = alt[1:].partition("/")
            root = root.lower()
            wanted = tuple(f.strip() for f in spec.split(",")) if spec else DEFAULT_FORMS
            bad = [f for f in wanted if f not in ALL_FORMS]
            if bad:
                raise ValueError(f"unknown form(s) {bad} in {tok!r}")
            for w, v in forms(root, wanted).items():
                out.setdefault(w, v)
        elif alt.startswith("@"):
            alt = alt.lower()
            if alt[1:] not in classes:
                raise ValueError(f"unknown word class {alt!r}")
            for w, v in classes[alt[1:]].items():
                out.setdefault(w, v)
        else:
            alt = alt.lower()
            out.setdefault(alt, "passive" if alt.startswith("di") and len(alt) > 5 else "active")
    return out


_GAP = re.compile(r"^\*(\d*)$")
_PIECE = re.compile(r"\([^)]*\)|\S+")


def _classes() -> dict[str, dict[str, str]]:
    return {k: v for k, v in lexicon().items() if isinstance(v, dict) and not k.endswith("_codes")}


def compile_pattern(code: str, text: str, line: int, options: dict[str, str],
                    shown: str | None = None) -> Pattern:
    """Compile one pattern; ``shown`` is the row's text as the analyst wrote it."""
    classes = _classes()
    p = Pattern(code=code, text=shown or text, line=line, options=options)
    for piece in _PIECE.findall(text):
        m = _GAP.match(piece)
        if m:
            if not p.elements:
                raise ValueError("a pattern cannot start with a gap")
            p.elements.append(Gap(int(m.group(1) or GAP_DEFAULT)))
            continue
        if piece.startswith("("):
            alts = tuple(
                tuple(frozenset(expand_token(t, classes)) for t in alt.split())
                for alt in piece[1:-1].split("|")
                if alt.strip()
            )
            if not p.elements:
                raise ValueError("a pattern cannot start with a group")
            p.elements.append(Group.of(alts))
            p.literals += 1
            continue
        surf = expand_token(piece, classes)
        if not p.elements:
            p.voices = surf
        p.elements.append(frozenset(surf))
        p.literals += 1
    if isinstance(p.elements[-1], Gap):
        raise ValueError("a pattern cannot end with a gap")
    if "passive" in options:  # "tertangkap tangan", "terjaring OTT": the subject underwent it
        p.voices = dict.fromkeys(p.voices, "passive")
    if len(p.elements) > 1:
        p.after = _first_words(p.elements[1])
        if isinstance(p.elements[1], Gap):
            p.reach = _first_words(p.elements[2])
    return p


def _first_words(el) -> frozenset | None:
    """The words an element can start with (None for a gap)."""
    return el.first if isinstance(el, Group) else el if isinstance(el, frozenset) else None


def _options(field_text: str) -> dict[str, str]:
    out = {}
    for part in field_text.split(","):
        part = part.strip()
        if part:
            k, _, v = part.partition("=")
            out[k.strip()] = v.strip()
    return out


@lru_cache(maxsize=1)
def patterns() -> list[Pattern]:
    """Every row of verbs.tsv, compiled; a bad row fails loudly with its line."""
    out = []
    for n, line in enumerate(_read("verbs.tsv").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t") + ["", "", ""]
        code, text, opts = cols[0].strip(), cols[1].strip(), cols[2]
        if code != STOP and not is_known(code):
            raise ValueError(f"verbs.tsv:{n}: unknown CAMEO code {code!r}")
        try:
            out.extend(compile_pattern(code, t, n, _options(opts), shown=text) for t in _leading_group(text))
        except ValueError as e:
            raise ValueError(f"verbs.tsv:{n}: {e}") from None
    return out


def _leading_group(text: str) -> list[str]:
    """"(baku tembak|kontak tembak) *4 antara" → one pattern per leading phrase."""
    if not text.startswith("("):
        return [text]
    close = text.index(")")
    rest = text[close + 1 :]
    return [alt.strip() + rest for alt in text[1:close].split("|") if alt.strip()]


@lru_cache(maxsize=1)
def index() -> dict[str, list[Pattern]]:
    """Trigger surface form → patterns it can start (the only per-token lookup)."""
    idx: dict[str, list[Pattern]] = {}
    for p in patterns():
        for w in p.elements[0]:
            idx.setdefault(w, []).append(p)
    return idx


@lru_cache(maxsize=1)
def _longest_leading_gap() -> int:
    return max((p.elements[1].max for p in patterns() if p.reach is not None), default=0)


def normal(word: str) -> str:
    return word.lower()


_CLITICS = frozenset({"nya", "lah", "kah", "pun"})


def _strip_clitic(w: str) -> str | None:
    return w[:-3] if len(w) > 6 and w[-3:] in _CLITICS else None


def _base(w: str) -> str | None:
    return _unreduplicate(w) or _strip_clitic(w)


def _bases(words: list[str]) -> list[str | None]:
    """Each word without its clitic ("mengkritiknya" → "mengkritik") or its
    reduplication ("lapak-lapak" → "lapak"), once per sentence; a word with no dash
    and no clitic ending has none, which the comprehension tells without a call."""
    return [_base(w) if "-" in w or (len(w) > 6 and w[-3:] in _CLITICS) else None for w in words]


def _unreduplicate(w: str) -> str | None:
    half, dash, rest = w.partition("-")
    return half if dash and half == rest else None


def _in(el: frozenset, words: list[str], bases: list[str | None], i: int) -> bool:
    return words[i] in el or (bases[i] is not None and bases[i] in el)


def _match_el(el, words: list[str], bases: list[str | None], i: int) -> list[list[int]]:
    """Token positions an element can cover starting at i (one list per way)."""
    if i >= len(words):
        return []
    if isinstance(el, Group):
        w, b = words[i], bases[i]
        if w not in el.first and (b is None or b not in el.first):
            return []
        ways = []
        for alt in el.alts:
            j = i
            for toks in alt:
                if j >= len(words) or not _in(toks, words, bases, j):
                    break
                j += 1
            else:
                ways.append(list(range(i, j)))
        return ways
    if _in(el, words, bases, i):
        return [[i]]
    return []


def _match_from(p: Pattern, words: list[str], bases: list[str | None], k: int, i: int,
                pos: list[int]) -> list[int] | None:
    """Match elements k.. of p at token i; returns literal positions or None."""
    els = p.elements
    if k == len(els):
        return pos
    el = els[k]
    if type(el) is Gap:
        nxt = els[k + 1]
        word = type(nxt) is frozenset  # a single word after the gap: tested inline
        if not word and type(nxt) is not Group:
            raise TypeError(f"a gap must be followed by a word or a group: {p.by}")
        n = len(words)
        for j in range(i, min(n, i + el.max + 1)):
            w = words[j]
            if word:
                if w in nxt or (bases[j] is not None and bases[j] in nxt):
                    got = _match_from(p, words, bases, k + 2, j + 1, pos + [j])
                    if got is not None:
                        return got
            elif w in nxt.first or (bases[j] is not None and bases[j] in nxt.first):
                for way in _match_el(nxt, words, bases, j):
                    got = _match_from(p, words, bases, k + 2, way[-1] + 1, pos + way)
                    if got is not None:
                        return got
            if w in NO_GAP_CROSS or (w in VP_JOIN and j + 1 < n
                                     and words[j + 1].startswith(("me", "di", "ber"))
                                     and not _in(_first_words(nxt), words, bases, j + 1)):
                # "menerima laporan dan menunjuk Inspektur ...": another verb phrase, unless that
                # verb is the pattern's own next word ("hasil pemeriksaan kemudian diserahkan ke")
                return None
        return None
    if type(el) is frozenset:
        if i < len(words) and (words[i] in el or (bases[i] is not None and bases[i] in el)):
            return _match_from(p, words, bases, k + 1, i + 1, pos + [i])
        return None
    for way in _match_el(el, words, bases, i):
        got = _match_from(p, words, bases, k + 1, way[-1] + 1, pos + way)
        if got is not None:
            return got
    return None


def find_matches(words: list[str]) -> list[Match]:
    """All pattern matches in a sentence (lower-cased tokens), best first, no overlaps.

    Longer matches win over shorter ones they overlap (PETRARCH's rule: the
    most specific pattern decides); a stop pattern wins and yields nothing.
    """
    idx = index()
    reach = _longest_leading_gap()
    bases = _bases(words)
    triggers = idx.keys()
    if triggers.isdisjoint(words) and triggers.isdisjoint(bases):
        return []  # most sentences: no trigger at all
    found: list[Match] = []
    n = len(words)
    for i, w in enumerate(words):
        cands = idx.get(w)
        surf = w
        if cands is None:
            surf = bases[i]
            if surf is None or (cands := idx.get(surf)) is None:
                continue
        nw, nb = (words[i + 1], bases[i + 1]) if i + 1 < n else (None, None)
        ahead = None
        for p in cands:
            after = p.after
            if after is not None and (nw is None or (nw not in after and (nb is None or nb not in after))):
                continue  # the token after the trigger cannot start the rest of the pattern
            if p.reach is not None:
                if ahead is None:  # every word (and base) a leading gap can reach from here
                    ahead = {*words[i + 1 : i + 2 + reach], *bases[i + 1 : i + 2 + reach]}
                if p.reach.isdisjoint(ahead):
                    continue
            pos = _match_from(p, words, bases, 1, i + 1, [i])
            if pos is not None:
                found.append(Match(p, i, pos[-1], pos, p.voices.get(surf, "active")))
    found.sort(key=lambda m: (-(m.last - m.first + 1) - 2 * m.pattern.literals, m.first))
    taken: set[int] = set()
    out = []
    for m in found:
        span = set(m.positions)
        if span & taken:
            continue
        taken |= set(range(m.first, m.last + 1)) if m.pattern.code == STOP else span
        if m.pattern.code != STOP:
            out.append(m)
    out.sort(key=lambda m: m.first)
    return out
