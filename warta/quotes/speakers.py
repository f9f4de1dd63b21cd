"""Who said it: from a written speaker reference to a person.

A reference is a name or noun phrase ('juru bicara Kremlin Dmitry Peskov',
'Kapolri'), a clitic on the cue ('ujarnya'), a pronoun ('ia', 'beliau',
'pihaknya'), or nothing at all when a quote simply continues. Names are linked
to the entities layer when it is there (a PER mention inside the phrase wins);
without it, the name is read from the capitalised words of the phrase, with
role, title and organisation words stripped from its front. A role alone is
resolved to the person named with that role earlier in the article. Clitics,
pronouns and continuations go to the previous speaker. When nothing fits, the
speaker stays None: a quote is never given a guessed speaker.

Each speaker also gets a standing: how the article presents the person,
as a private person (an age or a pseudonym after the name, 'warga',
'pedagang', 'ujar pria itu') or as a public figure (a role before the name or
in apposition), with the span that says so; None when the article does not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..article import Article
from . import lexicon
from .extract import WORD, Candidate, SpeakerRef, strip_adverbials

# How far (in characters) a quote with no reference of its own may be from
# the previous statement and still continue it.
CONTINUATION_WINDOW = 1200
# Lower-case words that open a clause but never name who speaks.
_NOT_SPEAKERS = frozenset("apa siapa hal yang ini itu tersebut hal-hal sesuatu semua".split())
_DEMONSTRATIVES = frozenset({"itu", "tersebut", "ini"})
_CONNECTORS = frozenset({"bin", "binti", "van", "de", "der", "von", "al", "el"})


@dataclass(slots=True)
class _NER:
    """The entities layer, indexed for lookups by offset."""

    mentions: list[tuple[int, int, str, str, str | None]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # entity id -> canonical name
    starts: list[int] = field(default_factory=list)
    # PER mentions ordered by end, for 'the last person named before'
    persons: list[tuple[int, int, str, str, str | None]] = field(default_factory=list)
    person_ends: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> _NER:
        names = {e.id: e.name for e in article.entities}
        ms = sorted((m.start, m.end, m.text, m.type, m.entity) for m in article.mentions)
        pers = sorted((m for m in ms if m[3] == "PER"), key=lambda m: m[1])
        return cls(ms, names, [m[0] for m in ms], pers, [m[1] for m in pers])

    def inside(self, s: int, e: int, types: tuple[str, ...] = ("PER",)) -> list[tuple]:
        out = []
        for k in range(bisect_left(self.starts, s), bisect_left(self.starts, e)):
            m = self.mentions[k]
            if m[1] <= e and m[3] in types:
                out.append(m)
        return out

    def last_person_before(self, pos: int) -> tuple | None:
        """The PER mention that ends last at or before ``pos``."""
        k = bisect_right(self.person_ends, pos)
        return self.persons[k - 1] if k else None


def name_runs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in [s, e) that may be names (see ``flagged_runs``)."""
    return [(a, b) for a, b, _ in flagged_runs(text, s, e)]


def flagged_runs(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """Runs of capitalised words in [s, e) with role/title/org words stripped.

    'Kepala Pusat Penerangan Kementerian Dalam Negeri Bahtiar' -> 'Bahtiar'.
    A run made only of such words is dropped (it is a role, not a name). The
    flag says whether a role came right before the name ('Menteri X Budi',
    'pemilik warung Budi'): such a run names a person.
    """
    runs: list[list[re.Match]] = []
    skip = _not_name_words()
    # Only stretches of capitalised words (and connectors) can hold a name:
    # find them with one expression, then look at their words.
    for span in _CAP_STRETCH.finditer(text, s, e):
        current: list[re.Match] = []
        for m in WORD.finditer(text, span.start(), span.end()):
            w = m.group()
            lw = w.lower()
            if w[:1].isupper() and lw not in skip:
                current.append(m)
            elif current and lw in _CONNECTORS:
                current.append(m)
            else:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
    out = []
    roles = lexicon.role_words()
    for run in runs:
        # the name is what follows the last role, title or organisation word
        k = 0
        role_k = 0
        for i, m in enumerate(run):
            if m.group().lower().rstrip(".") in roles or _acronym(m.group()):
                k = role_k = i + 1
        while run[k:] and run[-1].group().lower() in _CONNECTORS:
            run = run[:-1]
        if k == 0 and run and _sentence_initial_word(text, run[0]):
            k = 1
        if run[k:]:
            after_role = role_k > 0 and not _acronym(run[role_k - 1].group())
            after_role = after_role or _role_before(text, run[k].start())
            out.append((run[k].start(), run[-1].end(), after_role))
    return out


_LAST_WORD = re.compile(r"(\w+)\W*$")
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_CAP_STRETCH = re.compile(
    rf"(?<!\w){_CAP}(?:[ \t]+(?:(?:bin|binti|van|de|der|von|al|el)[ \t]+)?{_CAP})*"
)


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """Capitalised words that never start or continue a name."""
    words = set(lexicon.pronouns()) | set(lexicon.adverbials()) | lexicon.speaker_stops()
    for form, cue in lexicon.cues().items():
        words.add(form)
        if cue.use == "post":
            words.add(form + "nya")
    return frozenset(words)


def _role_before(text: str, pos: int) -> bool:
    """Whether the word just before ``pos`` is a role ('kata pemilik Budi')."""
    m = _LAST_WORD.search(text[max(0, pos - 30) : pos])
    return bool(m) and lexicon.role_words().get(m.group(1).lower()) in ("role", "title")


def _sentence_initial_word(text: str, m: re.Match) -> bool:
    """A capitalised common word opening a sentence ('Selain', 'Secara')."""
    j = m.start() - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    at_start = j < 0 or text[j] in ".!?\n\"”’:"
    return at_start and m.group().lower() in _common_words()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Indonesian common words, from the language folder when it ships them."""
    try:
        path = resources.files("warta.lang.id").joinpath("common_words.txt")
        return frozenset(w.strip().lower() for w in path.read_text("utf-8").split())
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()


def _acronym(word: str) -> bool:
    """'OCBC', 'DKI', 'PT.': an organisation, not a name."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def _role_key(phrase: str) -> list[str]:
    """The role words of a role phrase ('juru bicara itu' -> ['juru', 'bicara'])."""
    return [w for w in phrase.lower().split() if w not in _DEMONSTRATIVES]


class Resolver:
    """Resolves the speakers of one article's statements, in text order."""

    def __init__(self, article: Article):
        self.text = article.text
        self.ner = _NER.of(article)
        self.history: list[tuple[int, dict]] = []  # (end of statement, speaker)
        self._group_at: set[int] = set()  # history entries whose speaker is an organisation or place
        flagged = flagged_runs(self.text, 0, len(self.text))
        self._runs = [(a, b) for a, b, _ in flagged]
        self._run_words: dict[str, list[int]] = {}  # word -> the runs that hold it, in order
        for k, (a, b) in enumerate(self._runs):
            for w in set(self.text[a:b].split()):
                self._run_words.setdefault(w, []).append(k)
        self._history_words: dict[str, list[int]] = {}  # word -> the history entries naming it
        self._word_index: dict[str, list[tuple[int, int]]] | None = None  # built when first needed
        self._searches = 0
        self._persons = [set(m[2].split()) for m in self.ner.mentions if m[3] == "PER"]
        if not self._persons:  # no entities layer: a name written after a role is a person
            self._persons = [set(self.text[a:b].split()) for a, b, person in flagged if person]
        self._subjects = [(a, b) for a, b in self._runs if self._opens_clause(a, b)]
        self._subject_starts = [a for a, _b in self._subjects]
        self._standings: dict[str, dict | None] = {}  # speaker name -> standing
        self._roles_named: dict[tuple[str, ...], tuple[list[int], list[tuple[int, int]]]] = {}

    # -- public

    def resolve(self, cand: Candidate) -> dict | None:
        """The speaker of ``cand`` (and remember it for what follows)."""
        ref = cand.ref
        if ref is None:
            speaker = None
        elif ref.kind == "name":
            speaker = self._named(ref, cand.start)
        elif ref.kind in ("clitic", "pronoun"):
            speaker = self._previous(cand.start, f"{ref.kind}:{ref.text.lower()}", window=None)
        elif ref.kind == "previous":
            speaker = self._previous(cand.start, "continuation", window=CONTINUATION_WINDOW)
        else:
            speaker = None
        group = speaker is not None and self._is_group(speaker)
        if speaker is not None and ref is not None and ref.kind != "previous":
            # the evidence is the reference written at this statement
            if ref.kind != "name" or not (ref.start <= speaker["start"] < ref.end):
                speaker = {**speaker, "start": ref.start, "end": ref.end}
        if speaker is not None:
            speaker = {**speaker, "standing": self._standing(speaker, ref)}
        if speaker is not None and (speaker["by"] != "phrase" or cand.kind == "direct"):
            if group:
                self._group_at.add(len(self.history))
            for w in set(speaker["name"].split()):
                self._history_words.setdefault(w, []).append(len(self.history))
            self.history.append((cand.end, speaker))
        return speaker

    def _occurrences(self, word: str) -> list[tuple[int, int]]:
        """Where ``word`` is written as a whole word.

        The first few names are searched for directly; an article with many
        speakers gets an index of its words, so the search stays linear.
        """
        self._searches += 1
        if self._searches <= _DIRECT_SEARCHES or not _INDEXED_WORD.fullmatch(word):
            return _occurrences(self.text, word)
        if self._word_index is None:
            self._word_index = {}
            for m in _INDEXED_WORD.finditer(self.text):
                self._word_index.setdefault(m.group(), []).append((m.start(), m.end()))
        return self._word_index.get(word, [])[:_MAX_INTRODUCTIONS]

    def _is_group(self, speaker: dict) -> bool:
        """Whether a speaker is an organisation or a place rather than a person ('Pertamina')."""
        s, e = speaker.get("start"), speaker.get("end")
        if s is None or e is None:
            return False
        inside = self.ner.inside(s, e, ("PER", "ORG", "LOC"))
        if inside:
            return all(m[3] != "PER" for m in inside) and inside[0][0] == s and inside[-1][1] == e
        first = (speaker.get("name") or "").split()[:1]
        return speaker["by"] == "role-unresolved" and bool(first) and lexicon.role_words().get(first[0].lower()) == "org"

    # -- standing

    def _standing(self, speaker: dict, ref: SpeakerRef | None) -> dict | None:
        """Whether the speaker is a private person or a public figure, with evidence.

        The reference written at the statement speaks first ('ujar pria itu',
        'kata salah satu warga'); otherwise the way the person is introduced
        anywhere in the article ('Andi (38), pedagang ayam', 'Menteri X Budi').
        """
        if ref is not None and ref.kind == "name":
            found = _described(self.text, ref.start, ref.end)
            if found is not None and found["kind"] == "private":
                return found
        name = speaker.get("name") or ""
        if name not in self._standings:
            self._standings[name] = _introduced(self.text, name, self._occurrences)
        return self._standings[name] or speaker.get("standing")

    # -- references

    def _named(self, ref: SpeakerRef, pos: int) -> dict | None:
        if ref.text.split()[-1].lower() in _DEMONSTRATIVES:
            # 'Wali Kota dua periode ini', 'juru bicara itu': someone named before
            return self._role(ref, pos, quiet=True) or self._previous(pos, "demonstrative", None)
        pers = self.ner.inside(ref.start, ref.end, ("PER",))
        if pers:
            return self._from_mention(pers[-1], "entity")
        orgs = self.ner.inside(ref.start, ref.end, ("ORG", "LOC"))
        runs = name_runs(self.text, ref.start, ref.end)
        if runs:
            s, e = runs[-1]
            for m in orgs:
                if m[0] < e and s < m[1]:
                    rest = name_runs(self.text, m[1], e)
                    if not rest:
                        return self._from_mention(m, "entity")
                    s = rest[0][0]  # 'Kota Surabaya Eddy C.' -> 'Eddy C.'
            return self._canonical(s, e, pos, "name")
        role = self._role(ref, pos)
        if role is not None:
            return role
        if orgs:
            return self._from_mention(orgs[-1], "entity")
        if len(ref.text.split()) <= 4 and ref.text[:1].isalpha() and ref.text.split()[0].lower() not in _NOT_SPEAKERS:
            return _speaker(None, ref.text, ref.start, ref.end, "phrase")
        return None

    def _from_mention(self, m: tuple, by: str) -> dict:
        s, e, text, _type, ent = m
        name = self.ner.names.get(ent, text) if ent else text
        return _speaker(ent, name, s, e, by)

    def _canonical(self, s: int, e: int, pos: int, by: str) -> dict:
        """A name, completed from a longer form written earlier ('Peskov' -> 'Dmitry Peskov')."""
        name = self.text[s:e]
        tokens = set(name.split())
        if not tokens:
            return _speaker(None, name, s, e, by)
        # only the speakers and runs that share a word with the name can hold it
        for k in reversed(_fewest(self._history_words, tokens)):
            sp = self.history[k][1]
            if tokens <= set(sp["name"].split()):
                return {**sp, "start": s, "end": e, "by": by + "+previous-form"}
        for k in _fewest(self._run_words, tokens):
            rs, re_ = self._runs[k]
            if rs >= pos:
                break
            full = self.text[rs:re_]
            if len(full) > len(name) and tokens <= set(full.split()):
                name = full
        return _speaker(None, name, s, e, by)

    def _role(self, ref: SpeakerRef, pos: int, quiet: bool = False) -> dict | None:
        """'Kapolri' or 'juru bicara itu' -> the person named with that role before."""
        key = _role_key(ref.text)
        roles = lexicon.role_words()
        if not key or key[0].rstrip(".") not in roles:
            return None
        ends, names = self._role_names(tuple(key))
        k = bisect_right(ends, pos)
        if k:
            best = names[k - 1]
            return self._canonical(best[0], best[1], pos, "role")
        if quiet:
            return None
        return _speaker(None, ref.text, ref.start, ref.end, "role-unresolved")

    def _role_names(self, key: tuple[str, ...]) -> tuple[list[int], list[tuple[int, int]]]:
        """Where a role is written with a name right after it ('Kapolri Listyo Sigit').

        The ends of those role mentions and the names, in text order; found once
        per role and article.
        """
        if key not in self._roles_named:
            pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in key) + r"\b", re.IGNORECASE)
            ends: list[int] = []
            names: list[tuple[int, int]] = []
            for m in pattern.finditer(self.text):
                if key[0] != "wakil" and self.text[max(0, m.start() - 6) : m.start()].lower().strip() == "wakil":
                    continue
                runs = name_runs(self.text, m.end(), min(len(self.text), m.end() + 80))
                if runs and runs[0][0] - m.end() <= 40 and "," not in self.text[m.end() : runs[0][0]]:
                    ends.append(m.end())
                    names.append(runs[0])
            self._roles_named[key] = (ends, names)
        return self._roles_named[key]

    def _opens_clause(self, a: int, b: int) -> bool:
        """A name that is the subject of its sentence: 'Bima tidak memiliki …'."""
        nxt = re.match(r"\s*(\w+)", self.text[b : b + 40])
        if not nxt or not nxt.group(1)[:1].islower() or lexicon.post_cue(nxt.group(1)):
            return False
        head = self.text[max(0, a - 120) : a]
        cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("” "), head.rfind("? "))
        if cut < 0 and a > 120:
            return False
        prefix = head[cut + 1 :].strip(" ”") if cut >= 0 else head.strip()
        words = prefix.split()
        roles = lexicon.role_words()
        while words and words[-1].lower().rstrip(".") in roles:
            words.pop()  # 'Bupati Dedi …': the role belongs to the subject
        prefix = " ".join(words)
        if not prefix:
            return True
        if prefix.endswith(",") and len(prefix.split()) <= 3:
            return True
        return _role_phrase(strip_adverbials(prefix, 0, len(prefix)), prefix)

    def _known_person(self, a: int, b: int) -> tuple[int, int] | None:
        """The longest tail of a name run that names a known person ('Bekasi [Rahmat Effendi]')."""
        names = self._persons + [
            set(sp["name"].split()) for k, (_, sp) in enumerate(self.history) if k not in self._group_at
        ]
        words = list(re.finditer(r"\S+", self.text[a:b]))
        for k in range(len(words)):
            tokens = {w.group() for w in words[k:]}
            if any(tokens <= n for n in names):
                return a + words[k].start(), b
        return None

    def _recent_subject(self, since: int, pos: int) -> tuple[int, int] | None:
        """The last known person opening a sentence between ``since`` and ``pos``."""
        lo = bisect_left(self._subject_starts, since)
        for k in range(bisect_left(self._subject_starts, pos) - 1, lo - 1, -1):
            a, b = self._subjects[k]
            known = self._known_person(a, b)
            if known is not None:
                return known
        return None

    def _previous(self, pos: int, by: str, window: int | None) -> dict | None:
        """The speaker of the previous statement, or a person who became the
        subject of the narrative since (or the last person named)."""
        if window is None:
            since = self.history[-1][0] if self.history else 0
            subject = self._recent_subject(since, pos)
            if subject is not None:
                pers = self.ner.inside(subject[0], subject[1], ("PER",))
                if pers:
                    found = self._from_mention(pers[-1], f"{by}->sentence-subject")
                else:
                    found = self._canonical(subject[0], subject[1], pos, f"{by}->sentence-subject")
                last = self.history[-1][1]["name"].split() if self.history else []
                if not set(found["name"].split()) <= set(last):
                    return found
        if self.history:
            k = len(self.history) - 1
            if window is None and _person_reference(by):
                # 'ujarnya', 'ia': a person, not the organisation that spoke last
                while k > 0 and k in self._group_at:
                    k -= 1
            end, sp = self.history[k]
            if window is None or pos - end <= window:
                return {**sp, "by": f"{by}->previous-speaker"}
            return None
        if window is not None:
            return None
        m = self.ner.last_person_before(pos)
        if m is not None:
            return self._from_mention(m, f"{by}->last-person")
        return None


def _fewest(index: dict[str, list[int]], words: set[str]) -> list[int]:
    """The shortest of the index lists of ``words`` (empty when a word is not indexed)."""
    return min((index.get(w, []) for w in words), key=len)


def _person_reference(by: str) -> bool:
    """Whether a reference ('clitic:nya', 'pronoun:ia') points at one person, not a group."""
    kind, _, word = by.partition(":")
    return kind == "clitic" or (kind == "pronoun" and lexicon.pronouns().get(word) == "person")


_ROLE_LINKS = frozenset({"dan", "dari", "sekaligus", "serta", "-", "–", "(", ")", "/", "&"})
_MAX_ROLE_WORDS = 14


def _role_phrase(start: int, prefix: str) -> bool:
    """Whether a sentence opens with a role phrase that runs into the name after it.

    'Kepala Dinas Kesehatan Kota Bekasi [Budi]', 'Co-Founder dan Direktur
    Komunitas X [Hanna]': a role word first, then only capitalised words and
    links, all of it the title of the subject.
    """
    words = re.findall(r"[\w'’.]+|[^\w\s]", prefix[start:])
    if not words or len(words) > _MAX_ROLE_WORDS:
        return False
    roles = lexicon.role_words()
    first = re.split(r"[-–]", words[0].lower())[0].rstrip(".")
    if roles.get(first) not in ("role", "title") and roles.get(words[0].lower()) not in ("role", "title"):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _ROLE_LINKS for w in words)


# ---------------------------------------------------------------- standing

# '(38)', '(38 tahun)': the age Indonesian news gives for private people, and
# '(bukan nama sebenarnya)', '(nama samaran)': a pseudonym, given to nobody public.
_AGE = re.compile(
    r"(?:\s+[A-Z][\w'’.-]*){0,2}\s*\(\s*(?:\d{1,3}(?:\s*tahun)?"
    r"|(?i:bukan\s+nama\s+(?:sebenarnya|asli)|nama\s+samaran))\s*\)"
)
_DETERMINERS = (("salah", "satu"), ("salah", "seorang"), ("seorang",), ("sang",), ("para",))
_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
_BEFORE_WORDS = 10  # how far back a description may start before a name
_MAX_INTRODUCTIONS = 20  # places where a person is named that are read for their standing
# Role words that do not make a public figure ('pemilik warung Budi', 'guru SD Ani').
_NOT_PUBLIC_ROLES = frozenset({"pemilik", "guru"})


def _public_role(word: str) -> bool:
    w = word.lower().rstrip(".")
    return lexicon.role_words().get(w) == "role" and w not in _NOT_PUBLIC_ROLES


def _standing(kind: str, start: int, end: int, by: str) -> dict:
    return {"kind": kind, "start": start, "end": end, "by": by}


def _private_at(text: str, words: list[re.Match], k: int) -> int:
    """How many words from ``words[k]`` spell a private noun (0 when none).

    The noun must be written in lower case, or open its sentence ('Warga X …').
    """
    private = lexicon.private_nouns()
    first = words[k].group()
    if not (first.islower() or _opens_sentence(text, words[k].start())):
        return 0
    for n in (3, 2, 1):
        run = tuple(m.group().lower() for m in words[k : k + n])
        if len(run) == n and run in private:
            return n
    return 0


def _head_noun(text: str, words: list[re.Match]) -> dict | None:
    """The standing a description gives by its head noun ('salah satu warga X')."""
    lows = [m.group().lower() for m in words]
    k = 0
    for det in _DETERMINERS:
        if tuple(lows[: len(det)]) == det:
            k = len(det)
            break
    if k >= len(words):
        return None
    n = _private_at(text, words, k)
    if n:
        return _standing("private", words[k].start(), words[k + n - 1].end(), "rules:standing-noun")
    if _public_role(lows[k]):
        return _standing("public", words[k].start(), words[k].end(), "rules:standing-role")
    return None


def _described(text: str, s: int, e: int) -> dict | None:
    """The standing a speaker phrase gives by its first words ('pria 32 tahun itu')."""
    return _head_noun(text, list(_WORDS.finditer(text, s, min(e, s + 80))))


def _introduced(
    text: str, name: str, occurrences: Callable[[str], list[tuple[int, int]]] | None = None
) -> dict | None:
    """The standing the article gives a person wherever it names them.

    Each place where the last word of the name is written is read: private
    when an age follows ('Andi (38)'), when an apposition headed by a private
    noun follows ('Andi, pedagang ayam') or when such a noun comes right
    before ('warga Bekasi Lala Gozali'); public when a role does either
    ('Kepala Dinas X Budi', 'Budi, Kepala Dinas X'). Private evidence wins.
    """
    roles = lexicon.role_words()
    tokens = [t for t in name.split() if t[:1].isupper() and len(t) > 1 and t.lower().rstrip(".") not in roles]
    if not tokens:
        return None
    public = None
    find = occurrences or (lambda word: _occurrences(text, word))
    for start, end in find(tokens[-1]):
        age = _AGE.match(text, end)
        if age is not None:
            by = "rules:standing-age" if any(c.isdigit() for c in age.group()) else "rules:standing-pseudonym"
            return _standing("private", start, age.end(), by)
        before = list(_WORDS.finditer(text, max(0, start - 120), start))[-_BEFORE_WORDS:]
        found = _before(text, before, set(tokens))
        if found is None and not _interposed(before):
            found = _apposition(text, end)
        if found is not None:
            if found["kind"] == "private":
                return found
            public = public or found
    return public


# The words of a text as whole-word search sees them: runs of letters, digits, '_' and '-'.
_INDEXED_WORD = re.compile(r"[\w-]+")
_DIRECT_SEARCHES = 8  # names searched for directly before the words of an article are indexed


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` is written as a whole word (the first ``_MAX_INTRODUCTIONS`` times)."""
    out: list[tuple[int, int]] = []
    pos = text.find(word)
    while pos >= 0 and len(out) < _MAX_INTRODUCTIONS:
        end = pos + len(word)
        before = text[pos - 1] if pos else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            out.append((pos, end))
        pos = text.find(word, end)
    return out


def _interposed(before: list[re.Match]) -> bool:
    """Whether the name follows 'menurut' or a cue set between commas (', kata X, …').

    Then a comma after the name goes back to the statement, not to an apposition.
    """
    k = len(before) - 1
    while k >= 0 and before[k].group()[:1].isupper() and before[k].group().lower() != "menurut":
        k -= 1
    if k < 0:
        return False
    w = before[k].group().lower()
    if w == "menurut":
        return True
    return lexicon.post_cue(w) is not None and k > 0 and before[k - 1].group() == ","


_COPULAS = frozenset({"adalah", "merupakan", "ialah", "sebagai", "selaku"})


def _apposition(text: str, pos: int) -> dict | None:
    """', pedagang ayam …', ', Kepala Dinas …' or 'adalah ibu rumah tangga' right after a name."""
    ws = list(_WORDS.finditer(text, pos, min(len(text), pos + 80)))
    k = 1 if ws and ws[0].group() == "," else 0
    if k < len(ws) and ws[k].group().lower() in _COPULAS:
        k += 1
    if k == 0 or len(ws) < k + 1:
        return None
    return _head_noun(text, ws[k : k + 5])


def _before(text: str, ws: list[re.Match], name: set[str]) -> dict | None:
    """A description that runs straight into a name ('pedagang sayur Nasipah', 'warga Bekasi Lala').

    Read back over the capitalised words before the name (places,
    organisations, the rest of the name) to the first lower-case word; a role
    met on the way makes the person public.
    """
    k = len(ws) - 1
    while k >= 0 and ws[k].group()[:1].isupper():
        if ws[k].group() not in name and _private_at(text, ws, k):
            n = _private_at(text, ws, k)
            return _standing("private", ws[k].start(), ws[k + n - 1].end(), "rules:standing-noun")
        if _public_role(ws[k].group()):
            return _standing("public", ws[k].start(), ws[k].end(), "rules:standing-role")
        k -= 1
    if k < 0 or not ws[k].group()[:1].isalpha():
        return None
    # the lower-case word ends the description: 'pedagang', 'ibu rumah tangga'
    for n in (3, 2, 1):
        j = k - n + 1
        if j >= 0 and _private_at(text, ws, j) == n:
            return _standing("private", ws[j].start(), ws[k].end(), "rules:standing-noun")
    if _public_role(ws[k].group()):
        return _standing("public", ws[k].start(), ws[k].end(), "rules:standing-role")
    return None


def _opens_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n\"”"


def _speaker(entity: str | None, name: str, start: int, end: int, by: str) -> dict:
    return {"entity": entity, "name": name, "start": start, "end": end, "by": by}
