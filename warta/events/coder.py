"""The event coder: who did what to whom, sentence by sentence.

For every sentence the dictionary finds its triggers (``dictionary.find_matches``);
the coder then reads Indonesian syntax around each trigger:

* source: the actor phrase before the verb (subject-verb order), the rightmost
  one in the clause that is not the object of a preposition ("dari X", "di X");
* target: the first actor phrase after the verb, including "kepada/terhadap/
  dengan/antara X dan Y";
* passive ("di-… oleh X"): the agent after the verb becomes the source and
  the subject becomes the target;
* coordinated actors ("AS dan Rusia") stay together; reciprocal verbs
  ("bertemu", "sepakat") with no object pair the coordinated subjects;
* negation turns cooperation into rejection and suppresses the rest; intent
  ("siap", "akan", "berencana") turns cooperation into a 03x intent;
  modality, conditionals and questions are not coded as facts;
* precision guards: a code whose definition names a party acted upon (lexicon
  ``dyadic``: praise, cooperation, rejection, threat, assault, fight ...) is
  dropped without a target; hearsay ("kabar ... bahwa"), actions asked of
  someone ("meminta X menjatuhkan ...") and a target that is the source again
  are not coded; the object search ends at a purpose clause, a comma before a
  new subject, a topic word ("soal X") and, for appeals and meetings, an actor
  that only owns the object ("pesan Bung Karno").

* further party rules, each named in the event's ``by``: a late "oleh X" closing a
  passive's complement (+late-agent); a fronted "Kepada X, ..." (+fronted); the body
  where graft under inquiry took place, "korupsi ... di Kementan" (+graft-site); a
  name in apposition to a country modifier, "perusahaan teknologi China, Huawei"
  (+apposed); an event noun after a support verb, "menegaskan dukungan terhadap X"
  (+support); police, soldiers or a task force named by noun as the party of any
  action (+state-group);
  a person described by a role or noun closed by "ini/itu" (+described); one action
  on parties joined by "dan" in one sentence is one event (+joined); a group spelled
  out after "yakni/yaitu" is one appeal, praise or criticism per body (+enumerated);

* unnamed parties: a group named by what it is ("warga sipil", "korban",
  "wartawan") is the party acted upon by coercion, assault or force when no named
  party is there (CVL, MED, COP, MIL ..., with IDN in an Indonesian story); a
  description closed by "itu/ini" ("mantan Komisaris Utama Bank X itu",
  "Akademisi Universitas X ini") is the last person who spoke or acted.

Actors come from the entities layer (``article.mentions`` and
``article.entities``); a trigger with no actor before it is not an event.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..article import Article
from . import cameo
from .dictionary import Match, find_matches, lexicon
from .gate import DEFAULT_GATE, Gate
from .when import find_time_expressions, is_citation_date

STATE = re.compile(r"^[A-Z]{3}(?:GOV|MIL|ELI|LEG|JUD|SPY)?$")
ARMED = re.compile(r"^[A-Z]{3}(?:GOV|MIL)?$")
# Roots of stances taken against someone (disapproval, rejection, threat): a later
# telling that leaves the target out repeats the first ("X mengkritik Y" ... "kami
# mempertanyakan ..."). Appeals and praise are not: one speaker makes several.
VERBAL_ROOTS = frozenset({"11", "12", "13"})
# Roots of what is done by speaking (appeal, demand, disapproval, rejection): told inside a
# quotation with no subject of its own, the quotation's speaker does it.
SPOKEN_ROOTS = frozenset({"02", "10", "11", "12"})
DONE_NOT_SAID = frozenset({"115", "116", "128", "129"})  # lawsuits, verdicts, violations, vetoes
# "tak hanya", "bukan sekadar": "not only", the verb after them still happened.
NOT_ONLY = frozenset({"hanya", "sekadar", "cuma", "saja"})
MAX_TARGET_DISTANCE = 15


@dataclass(slots=True)
class Actor:
    """One actor mention group: adjacent mentions of one noun phrase."""

    first: int  # token index
    last: int
    entity: str | None
    name: str
    actor: str | None
    type: str
    start: int
    end: int

    text: str = ""

    def as_dict(self) -> dict:
        return {"entity": self.entity, "name": self.name, "actor": self.actor, "text": self.text}

    @property
    def key(self) -> str:
        """Identity of the actor for "not the same as the source" checks."""
        return self.entity or self.name.lower()


@dataclass(slots=True)
class SentenceView:
    """A sentence as the coder sees it: tokens, lower-cased words, actors."""

    index: int
    start: int
    end: int
    spans: list[tuple[int, int]]
    words: list[str]
    orig: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def _classes() -> dict:
    return lexicon()


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    try:
        from ..lang.id.sentences import split_sentences
    except ImportError:  # pragma: no cover - the sentence layer ships with warta
        return [(0, len(article.text))]
    return [(s.start, s.end) for s in split_sentences(article.text)]


def _token_spans(text: str) -> list[tuple[int, int]]:
    from ..lang.id.tokenize import token_spans

    return token_spans(text)


def _entity_table(article: Article) -> dict[str, object]:
    return {e.id: e for e in article.entities}


def _raw_mentions(article: Article) -> list[tuple[int, int, str | None, str, str]]:
    """(start, end, entity id, text, type) of every mention, from either layer."""
    out = []
    if article.mentions:
        for m in article.mentions:
            out.append((m.start, m.end, m.entity, m.text, m.type))
    else:
        for e in article.entities:
            for m in e.mentions:
                text = m.get("text") or article.text[m["start"] : m["end"]]
                out.append((m["start"], m["end"], e.id, text, e.type))
    out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str | None, str, str]] = []
    for m in out:  # nested or overlapping mentions: the longest wins
        if kept and m[0] < kept[-1][1]:
            continue
        kept.append(m)
    return kept


_TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}


def _actors_in(sv: SentenceView, mentions, ents, text: str) -> list[Actor]:
    """Actor groups of one sentence; adjacent mentions form one noun phrase.

    "Menteri Luar Negeri Rusia Sergei Lavrov" may come as two mentions
    (Rusia, Sergei Lavrov): with nothing but title words between them they
    are one actor, represented by the person.
    """
    starts = [s for s, _ in sv.spans]
    raw: list[Actor] = []
    for ms, me, eid, mtext, mtype in mentions:
        if ms < sv.start or me > sv.end:
            continue
        first = bisect.bisect_right(starts, ms) - 1
        last = bisect.bisect_left(starts, me) - 1
        if first < 0 or last < first:
            continue
        ent = ents.get(eid) if eid else None
        name = getattr(ent, "name", None) or mtext
        actor = getattr(ent, "actor", None)
        etype = getattr(ent, "type", None) or mtype
        if etype == "LOC" and not _state_place(ent, actor, name):
            if not _governed(sv, first):
                continue  # a town or province is where things happen, not who acts
            # "pemerintah Kota Ambon": the local government acts
            first, ms = first - 1, sv.spans[first - 1][0]
            name, actor, etype = f"{sv.orig[first]} {name}", (actor or "IDN")[:3] + "GOV", "ORG"
        raw.append(Actor(first, last, eid, name, actor, etype, ms, me))
    groups: list[Actor] = []
    for a in raw:
        if groups and _same_phrase(groups[-1], a, sv):
            g = groups[-1]
            best = min((g, a), key=lambda x: (_TYPE_RANK.get(x.type, 3), -x.first))
            actor = best.actor or next((x.actor for x in (g, a) if x.actor), None)
            groups[-1] = Actor(g.first, a.last, best.entity, best.name, actor,
                               best.type, g.start, a.end)
        else:
            groups.append(a)
    rel = _classes()["relational"] | _classes()["law_nouns"]  # "ajudan X", "revisi UU KPK": X is no party
    groups = [g for g in groups if not (g.first > 0 and sv.words[g.first - 1] in rel)]
    return _with_roles(sv, groups)


@lru_cache(maxsize=1)
def _role_index() -> tuple[frozenset[str], frozenset[str], int]:
    """Role phrases, their first words (a cheap first test) and the longest length."""
    try:
        from ..entities import role_words
    except ImportError:  # the entities layer is optional
        return frozenset(), frozenset(), 0
    roles = role_words()
    firsts = frozenset(r.split()[0] for r in roles)
    return roles, firsts, max((r.count(" ") + 1 for r in roles), default=0)


def _with_roles(sv: SentenceView, groups: list[Actor]) -> list[Actor]:
    """Add role phrases the entities layer left unnamed ("Kapolri", "Presiden
    Ukraina", "Menteri Luar Negeri AS"), coded by ``warta.entities.actor_for``."""
    roles, firsts, longest = _role_index()
    if not roles or firsts.isdisjoint(sv.words):
        return groups
    from ..entities import actor_for

    taken = {i for g in groups for i in range(g.first, g.last + 1)}
    found: list[Actor] = []
    i, n = 0, len(sv.words)
    for c in [k for k, w in enumerate(sv.words) if w in firsts]:  # where a role can start
        if c < i:
            continue  # inside the role phrase just found
        i = c
        if i in taken or not sv.orig[i][:1].isupper():
            continue
        size = next((k for k in range(longest, 0, -1)
                     if i + k <= n and " ".join(sv.words[i : i + k]) in roles), 0)
        if not size:
            i += 1
            continue
        j = i + size
        while j < n and j - i < size + 3 and sv.orig[j][:1].isupper() and j not in taken:
            j += 1
        phrase = " ".join(sv.orig[i:j])
        titled = j < n and j in taken  # "Presiden Joko Widodo": a title of a named actor
        code = None if titled else actor_for(phrase)
        if code and not any(k in taken for k in range(i, j)):
            a = Actor(i, j - 1, None, phrase, code, "ROLE", sv.spans[i][0], sv.spans[j - 1][1])
            found.append(a)
        i = j
    if not found:
        return groups
    return sorted(groups + found, key=lambda g: g.first)


def _governed(sv: SentenceView, first: int) -> bool:
    """"pemerintah Kota Ambon", "DPRD Jawa Timur": the place names an institution."""
    return first > 0 and sv.words[first - 1] in ("pemerintah", "pemkot", "pemkab", "pemprov", "pemda", "dprd")


def _state_place(ent, actor: str | None, name: str) -> bool:
    """A place name acts as a state ("Washington", "Rusia"), not a town or province.

    Indonesian regions are places in Indonesian news, never the state itself.
    """
    if not actor:
        return False
    by = getattr(ent, "by", "") or ""
    if by.startswith("gazetteer:regions"):
        return False
    return not (actor == "IDN" and name.lower() not in ("indonesia", "republik indonesia", "ri"))


def _is_title_word(tok: str) -> bool:
    return (
        tok[:1].isupper()
        or tok in ("(", ")", "/", "-", ".")
        or tok.lower() in ("luar", "negeri", "dalam", "besar", "jenderal")
    )


def _same_phrase(a: Actor, b: Actor, sv: SentenceView) -> bool:
    """Only title words between two mentions: "Kepala Detasemen (Kaden) A Biro
    Paminal Div Propam Polri Agus Nurpatria" is one actor, the person."""
    gap = range(a.last + 1, b.first)
    if len(gap) > 8:
        return False
    toks = [sv.words[i] for i in gap]
    if toks == ["("] and b.last + 1 < len(sv.words) and sv.words[b.last + 1] == ")":
        return True  # "Badan Pusat Statistik (BPS)": the short form in brackets
    if any(t in _classes()["coordination"] or t in _classes()["oblique_prepositions"] for t in toks):
        return False
    if "(" in toks and ")" not in toks:
        return False
    text_toks = [_orig(sv, i) for i in gap]
    return all(_is_title_word(t) for t in text_toks)




def _orig(sv: SentenceView, i: int) -> str:
    return sv.orig[i]


# ----------------------------------------------------------- actor search


def _chain_left(actors: list[Actor], k: int, sv: SentenceView) -> list[Actor]:
    """Coordinated actors ending with actors[k], walking left: "AS dan Rusia"."""
    chain = [actors[k]]
    while k > 0 and _coordinated(actors[k - 1], actors[k], sv):
        k -= 1
        chain.insert(0, actors[k])
    return chain if _listed(chain, sv) else chain[-1:]


def _chain_right(actors: list[Actor], k: int, sv: SentenceView) -> list[Actor]:
    chain = [actors[k]]
    while k + 1 < len(actors) and _coordinated(actors[k], actors[k + 1], sv):
        k += 1
        chain.append(actors[k])
    return chain if _listed(chain, sv) else chain[:1]


def _listed(chain: list[Actor], sv: SentenceView) -> bool:
    """Commas alone do not make a list ("Selain gugatan Jovi, MK mengabulkan ..."):
    one link of the chain must be a conjunction ("Rusia, China, serta Iran")."""
    if len(chain) < 2:
        return True
    return any(any(sv.words[i] != "," for i in range(a.last + 1, b.first)
                   if sv.words[i] in _classes()["coordination"] or sv.words[i] == "dengan")
               for a, b in zip(chain, chain[1:], strict=False))


def _coordinated(a: Actor, b: Actor, sv: SentenceView) -> bool:
    gap = list(range(a.last + 1, b.first))
    if not gap or len(gap) > 6:
        return False
    coord = _classes()["coordination"]
    words = [sv.words[i] for i in gap]
    joiners = [w for w in words if w in coord]
    if not joiners and "dengan" in words and _after_antara(a, sv):
        joiners = ["dengan"]
    if not joiners:
        return False
    rest = [i for i in gap if sv.words[i] not in coord and sv.words[i] != "dengan"]
    # "Kong Xuanyou dan juru bicara kementerian luar negeri Geng Shuang": a role in lower case
    return all(_is_title_word(_orig(sv, i)) or sv.words[i] in _classes()["role_words"] for i in rest)


def _after_antara(a: Actor, sv: SentenceView) -> bool:
    return any(sv.words[i] == "antara" for i in range(max(0, a.first - 2), a.first))


def _prep_before(sv: SentenceView, a: Actor) -> str | None:
    """The word that introduces an actor phrase, looking past title words:
    "dengan Menlu Turki Mevlut Cavusoglu" → "dengan"."""
    quant = _classes()["quantifiers"]
    i, steps = a.first - 1, 0
    while i >= 0 and steps < 4 and (sv.orig[i][:1].isupper() or sv.words[i] in quant) \
            and sv.words[i] not in (",", "(", ")"):
        i, steps = i - 1, steps + 1
    return sv.words[i] if i >= 0 else None


def _is_oblique(a: Actor, sv: SentenceView) -> bool:
    return _prep_before(sv, a) in _classes()["oblique_prepositions"]


def _clause_start(sv: SentenceView, head: int, said: bool = True) -> int:
    """First token of the clause holding the trigger.

    Besides conjunctions and quote marks, "X mengatakan, ..." and
    "Menurut X, ..." open a new clause: X said it, X did not do it.
    """
    lx = _classes()
    bound, speech, say = lx["boundary"], lx["speech"], lx["say_verbs"]
    for i in range(head - 1, -1, -1):
        w = sv.words[i]
        if w == "saat" and sv.words[i + 1] in ("ini", "itu"):
            continue  # "Veronica saat ini telah ditetapkan ...": "now", no clause of its own
        if w in bound or (w in speech and i > 0 and sv.words[i - 1] in (",", '"', "”")):
            return i + 1
        if said and w in say:  # "X menilai aturan itu melanggar ...": the rule violates, not X
            return i + 1
        if w == "," and i > 0 and (sv.words[i - 1] in say or _menurut_before(sv, i)):
            return i + 1
    return 0


def _say_opener(sv: SentenceView, lo: int, head: int) -> bool:
    """The clause is what someone said or judged ("X mengatakan [pihaknya akan
    menyerang]") and names no subject of its own: the speaker is its subject."""
    if lo == 0:
        return False
    lx = _classes()
    i = lo - 1
    if sv.words[i] == "," and i > 0:
        i -= 1
    if sv.words[i] not in lx["say_verbs"]:
        return False
    skip = {*lx["between"], *lx["intent"], *lx["negation"], *lx["modal"], *lx["pronoun"],
            *lx["time_adverbs"], ",", "bahwa"}
    return all(sv.words[j] in skip for j in range(lo, head))


def _say_verb_at(sv: SentenceView, lo: int) -> int:
    """Index of the say verb that opened the clause starting at ``lo``."""
    return lo - 2 if sv.words[lo - 1] == "," else lo - 1


def _menurut_before(sv: SentenceView, comma: int) -> bool:
    return any(sv.words[j] == "menurut" for j in range(max(0, comma - 8), comma))


def _clause_end(sv: SentenceView, head: int) -> int:
    bound = _classes()["boundary"]
    speech = _classes()["speech"]
    end = min(len(sv.words), head + 1 + MAX_TARGET_DISTANCE)
    for i in range(head + 1, end):
        w = sv.words[i]
        if w in bound or w in speech or w in (".", "?", "!"):
            return i
    return end


def find_source(sv: SentenceView, head: int) -> list[Actor]:
    """The subject: rightmost non-oblique actor phrase of the clause before the verb.

    A clause opened by "ketika/setelah/untuk..." right before the verb has no
    subject of its own: it shares the subject of the clause before it.
    """
    lo = _clause_start(sv, head)
    got = _subject_in(sv, lo, head)
    if got or lo == 0:
        return got
    if _say_opener(sv, lo, head):
        return find_source(sv, _say_verb_at(sv, lo))
    lead = [w for w in sv.words[lo - 1 : head] if w not in _classes()["between"]]
    if lead and lead[0] in _classes()["control"] and (len(lead) == 1 or lead[1] in _classes()["pronoun"]):
        outer = _clause_start(sv, lo - 1, said=False)
        chains = [k for k, a in enumerate(sv.actors) if a.first >= outer and a.last < lo - 1]
        for k in chains:
            chain = _chain_right(sv.actors, k, sv)
            if not _is_oblique(chain[0], sv) or sv.words[chain[0].first - 1] in _classes()["speech"]:
                return chain  # '"...," kata Agung usai menemui X': the speaker met X
    return []


def _subject_in(sv: SentenceView, lo: int, head: int) -> list[Actor]:
    lx = _classes()
    i = head - 1
    while i >= lo and (sv.words[i] in lx["between"] or sv.words[i] in lx["negation"]
                       or sv.words[i] in lx["intent"]):
        i -= 1
    if i >= lo and (sv.words[i] in lx["first_person"] or sv.words[i] in lx["pronoun"]) \
            and not (i > 0 and sv.words[i - 1] in lx["oblique_prepositions"]):
        return []  # "kita hargai pemerintah dan kita mengapresiasi ...": the pronoun is the subject
    cands = [k for k, a in enumerate(sv.actors) if a.first >= lo and a.last < head]
    for k in reversed(cands):
        chain = _chain_left(sv.actors, k, sv)
        if chain[0].first < lo:
            chain = [a for a in chain if a.first >= lo]
        if not _is_oblique(chain[0], sv):
            return chain if _antecedent_ok(sv, chain[-1], head) else []
        last = chain[-1]
        if len(chain) > 1 and sv.words[last.first - 1] in ("dan", "serta") and _right_before(sv, last, head):
            # "... di sela-sela Majelis Umum PBB dan Kairo telah mengirim ...":
            # a new clause begins with the last actor.
            return [last]
        if _prep_before(sv, chain[0]) == "dengan" and _right_before(sv, last, head):
            return chain  # "dengan Liga Arab menangguhkan ..."
    return []


def _right_before(sv: SentenceView, a: Actor, head: int) -> bool:
    """"dengan Liga Arab menangguhkan ...": an actor right before the verb is its subject."""
    lx = _classes()
    skip = lx["between"] | lx["intent"] | lx["negation"]
    return all(sv.words[i] in skip for i in range(a.last + 1, head))


def _antecedent_ok(sv: SentenceView, subject: Actor, head: int) -> bool:
    """In "resolusi ... yang membatasi", the verb's subject is the noun before
    "yang"; an actor further left is not it."""
    rel = [i for i in range(subject.last + 1, head) if sv.words[i] == "yang"]
    if not rel:
        return True
    i = rel[-1] - 1
    while i > subject.last and sv.words[i] == ",":
        i -= 1
    return i == subject.last


def find_target(sv: SentenceView, after: int, exclude: set[str], mutual: bool = False,
                last: int | None = None, culprit: bool = False, appeal: bool = False,
                doer: bool = False, owner_out: bool = False, aid: bool = False,
                inquiry: bool = False) -> list[Actor]:
    """The object: the first actor phrase after the verb within the clause.

    A reciprocal verb ("bertemu") takes its partner only from "dengan/antara X"
    or right after it, never from a later phrase of the sentence. Past a noun of
    another event ("dalam kasus pembunuhan X") nothing is the verb's object,
    except, for an inquiry or charge (``culprit``), the one who committed it
    ("mengungkap kasus korupsi yang dilakukan oleh X"). A relative clause after
    the object ("yang ...") holds no object either, except, for a stance taken
    (``doer``), the one who did the thing judged ("mengkritik retorika yang
    dilakukan Trump"). With ``owner_out`` (statements, appeals, intents, meetings:
    acts aimed at a party, not at its things) an actor owning the object noun
    ("mengingatkan pesan Bung Karno") is not the object. A purpose clause
    ("untuk/agar + verb") ends the search, except for ``aid``, whose purpose may
    name who receives it ("mengirim bantuan untuk membantu warga Gaza"), as a
    threat's may name whom it is aimed at. An ``inquiry`` into graft "di X"
    ("mengusut dugaan korupsi di Kementan") targets the body X.
    """
    hi = _clause_end(sv, after)
    skip = {"dari", "oleh", "di", "pada", "dalam", "sejak", "menurut", "via", "melalui", "lewat", "sebagai"}
    nested = _classes()["nested_nouns"]
    start = max(after, last if last is not None else after) + 1
    if after + 1 < len(sv.words) and sv.words[after + 1] == ",":
        return []  # "AS dan China akan bertemu, Puja memprediksi ...": the clause is over
    rel = next((i for i in range(start + 1, hi) if sv.words[i] == "yang"), None)
    if rel is not None and not (doer and rel + 1 < len(sv.words) and sv.words[rel + 1].startswith("di")):
        hi = rel  # "menangkap tiga orang yang diduga ... Abby Choi": the relative clause is not the object
    goal = start if start < len(sv.words) and sv.words[start] in _classes()["goal_clause"] else \
        start - 1 if sv.words[start - 1] in _classes()["goal_clause"] else None  # a trigger ending in "agar"
    if appeal and goal is not None:
        asked = _asked_subject(sv, goal + 1, _clause_end(sv, goal), exclude)
        if asked:  # "meminta agar TNI mengungkapkan ...": the one asked is the subject of what is asked
            return asked
    if appeal:  # "meminta X untuk bekerja sama dengan Y", "meminta X memakai Y": Y is in what was asked
        hi = next((i for i in range(start, hi) if sv.words[i] in _classes()["complement"]
                   or _verb_like(sv, i) or _ber_verb(sv, i)), hi)
    hi = _new_subject(sv, start, hi)
    if not aid:  # "bertemu X untuk membahas Y": Y belongs to the purpose's verb
        hi = next((i for i in range(start, hi) if _purpose_clause(sv, i)), hi)
    # "mengirimkan hasil analisis transaksi Rafael ke KPK": a trigger that ends in the
    # preposition of its target names the target after it, not inside its gap
    lo = start - 1 if last is not None and sv.words[last] in _classes()["target_prepositions"] else after
    for k, a in enumerate(sv.actors):
        if a.first <= lo or a.first >= hi:
            continue
        inner = [i for i in range(start, a.first) if sv.words[i] in nested]
        if inner:
            if not culprit:
                return []
            if any(sv.words[i] in ("oleh", "dilakukan") for i in range(inner[-1], a.first)):
                return _chain_right(sv.actors, k, sv)
            if inquiry and _graft_at(sv, inner[0], a):  # "mengusut dugaan korupsi pengolahan karet di Kementan"
                return [c for c in _chain_right(sv.actors, k, sv) if c.key not in exclude]
            continue  # "dugaan TPPU yang dilakukan Rafael": the culprit may come later
        prep = _prep_before(sv, a)
        if prep in skip and not _counterpart(sv, a) and not (appeal and _members_from(sv, a)) \
                and not (aid and prep == "di" and a.type == "LOC"):  # "bantuan bagi korban gempa di Turki"
            continue
        if prep in _TOPIC and not doer:
            continue  # "berbicara dengan wartawan soal Jepang": Japan is the topic
        if owner_out and _possessor(sv, start, a):
            continue
        if mutual and a.first > after + 2 and prep not in ("dengan", "antara") and not _counterpart(sv, a) \
                and not all(sv.orig[i][:1].isupper() for i in range(start, a.first)):
            continue  # "bertemu Menlu Rusia Sergei Lavrov": titles only between, the partner
        chain = [c for c in _chain_right(sv.actors, k, sv) if c.key not in exclude]
        if chain:
            return _apposed(sv, k, chain, exclude, start, hi)
    return _examples(sv, start, _clause_end(sv, after), exclude)


def _apposed(sv: SentenceView, k: int, chain: list[Actor], exclude: set[str], start: int,
             hi: int) -> list[Actor]:
    """"menuduh dua afiliasi perusahaan teknologi China, Huawei": a country naming where
    a common noun comes from, followed by a comma and a name, is not the party; the
    name in apposition is."""
    a = chain[0]
    if len(chain) > 1 or not a.actor or len(a.actor) != 3 or k + 1 >= len(sv.actors):
        return chain
    b = sv.actors[k + 1]  # within the object ("kebijakan AS, Trump mengatakan ...": a new clause)
    if b.first != a.last + 2 or b.first >= hi or sv.words[a.last + 1] != "," or b.type not in ("ORG", "PER") \
            or b.key in exclude or (b.actor and len(b.actor) == 3):
        return chain
    before = sv.orig[a.first - 1] if a.first > start else ""  # a noun of the object phrase
    if not (before.isalpha() and before.islower() and sv.words[a.first - 1] not in _classes()["oblique_prepositions"]
            and sv.words[a.first - 1] not in _classes()["coordination"] and not _verb_like(sv, a.first - 1)):
        return chain
    return [b]


def _graft_at(sv: SentenceView, lo: int, a: Actor) -> bool:
    """"korupsi (pengadaan X) di Kementan", "suap di lingkungan Pemprov": the body where
    the graft under inquiry took place is what the inquiry targets."""
    if a.type != "ORG" or sv.words[a.first - 1] not in ("di", "lingkungan", "tubuh"):
        return False
    graft = _classes()["graft_nouns"]
    words = sv.words[lo : a.first]
    return any(w in graft for w in words) and not any(w in (",", "yang", "dan", "oleh") for w in words)


def _target_note(sv: SentenceView, m: Match, target: list[Actor]) -> str:
    """The evidence note of a target found by the graft-site or apposition rule."""
    if not target:
        return ""
    t = target[0]
    if m.pattern.code[:2] == "09" and _graft_at(sv, m.last, t):
        return " +graft-site"
    if t.first >= 2 and sv.words[t.first - 1] == "," and any(
            a.last == t.first - 2 and a.actor and len(a.actor) == 3 for a in sv.actors):
        return " +apposed"
    return ""


def _fronted_target(sv: SentenceView, head: int, exclude: set[str]) -> list[Actor]:
    """"Kepada Budi, Andi menuntut pertanggungjawaban": the party addressed is fronted
    before the subject, "kepada/terhadap X" opening the sentence and closed by a comma."""
    lx = _classes()
    i = 0
    while i < head and (sv.words[i] in lx["carry_openers"] or sv.words[i] in ('"', "“", "-", ",")):
        i += 1
    if i >= head or sv.words[i] not in ("kepada", "terhadap"):
        return []
    k = next((k for k, a in enumerate(sv.actors) if i < a.first <= i + 3), None)
    if k is None:
        return []
    chain = _chain_right(sv.actors, k, sv)
    j = chain[-1].last + 1
    if j >= head or sv.words[j] != "," or any((c.actor or "").endswith("MED") for c in chain):
        return []  # "Kepada Kompas, Budi mengatakan ...": the outlet spoken to is no party
    return [c for c in chain if c.key not in exclude]


def _asked_subject(sv: SentenceView, i: int, hi: int, exclude: set[str]) -> list[Actor]:
    """The actor opening a clause at ``i`` (after "para anggota ..." at most), when
    a verb follows it: the subject of what was asked."""
    quant = _classes()["quantifiers"] | _classes()["members"]
    starts = {a.first for a in sv.actors}
    while i < hi and sv.words[i] in quant and i not in starts:  # "pemerintah" may be the actor itself
        i += 1
    k = next((k for k, a in enumerate(sv.actors) if a.first == i), None)
    if k is None:
        return []
    chain = [c for c in _chain_right(sv.actors, k, sv) if c.key not in exclude]
    j = chain[-1].last + 1 if chain else hi
    lx = _classes()
    while j < len(sv.words) and sv.words[j] in lx["between"] | lx["time_adverbs"] | lx["negation"]:
        j += 1
    if j < len(sv.words) and _clause_verb(sv, j):  # "melanggar", "bersinergi", "dikaji"
        return chain
    return []


_EXAMPLE = frozenset({"seperti", "yakni", "yaitu", "termasuk", "antaranya"})


def _examples(sv: SentenceView, start: int, hi: int, exclude: set[str]) -> list[Actor]:
    """"menonaktifkan kadernya yang bermasalah, seperti Sahroni dan Nafa Urbach": an
    object made of members of a group, then named by example, has the named persons
    (or coded actors) as its parties."""
    lx = _classes()
    members = lx["members"]
    for i in range(start, hi - 1):
        if sv.words[i] not in _EXAMPLE or sv.words[i - 1] not in (",", "di"):
            continue
        if not any(w in members or (w.endswith("nya") and w[:-3] in members) for w in sv.words[start:i]):
            return []
        k = next((k for k, a in enumerate(sv.actors) if a.first == i + 1), None)
        if k is None:
            return []
        chain = [c for c in _chain_right(sv.actors, k, sv) if c.key not in exclude]
        if chain and all(c.type == "PER" or c.actor for c in chain):
            return chain
        return []
    return []


def _possessor(sv: SentenceView, start: int, a: Actor) -> bool:
    """"mengingatkan pesan Bung Karno": the actor follows a common noun of the
    object phrase; it owns the object and is not acted upon. Members of the actor
    ("kader PAN", "warga Gaza") are the actor."""
    lx = _classes()
    free = {*lx["target_prepositions"], *lx["quantifiers"], *lx["coordination"], *lx["between"],
            *lx["counterpart"], *lx["oblique_prepositions"], *lx["members"], *lx["appositive"]}
    i = a.first - 1
    while i >= start and sv.orig[i][:1].isupper():
        i -= 1
    if i < start:
        return False
    w = sv.orig[i]
    return w[:1].islower() and w.isalpha() and sv.words[i] not in free and not _verb_like(sv, i)


def _new_subject(sv: SentenceView, start: int, hi: int) -> int:
    """A comma followed by an actor and its own verb opens a new clause
    ("menangkap dua pelaku, Polri kemudian menyita ..."): the object search ends there."""
    between = _classes()["between"]
    by_first = {a.first: a for a in sv.actors}
    for i in range(start, hi):
        if sv.words[i] != "," or i + 1 not in by_first:
            continue
        j = by_first[i + 1].last + 1
        while j < len(sv.words) and (sv.words[j] in between or sv.words[j] in ("kemudian", "lalu")):
            j += 1
        if j < len(sv.words) and (_verb_like(sv, j) or sv.words[j].startswith(("ber", "di"))
                                  and sv.orig[j][:1].islower() and sv.words[j] not in ("di", "dari")):
            return i
    return hi


_TOPIC = frozenset({"terkait", "soal", "tentang", "mengenai", "perihal", "seputar"})


def _purpose_clause(sv: SentenceView, i: int) -> bool:
    """"untuk/agar/guna + verb" opens what the action is for."""
    if sv.words[i] not in _classes()["complement"] or i + 1 >= len(sv.words):
        return False
    nxt = sv.orig[i + 1]
    return nxt[:1].islower() and (_verb_like(sv, i + 1) or nxt.startswith(("ber", "di"))
                                  or nxt in ("tidak", "tak", "segera"))


_NOT_VERBS = frozenset({"menteri", "mengenai", "menjelang", "menuju", "menurut", "mendatang", "memang",
                        "mentah", "menengah", "mental", "mereka", "media", "meja", "merah", "melalui"})


def _verb_like(sv: SentenceView, i: int) -> bool:
    """A lower-case meN- word: the verb of a complement clause ("menggunakan")."""
    w = sv.orig[i]
    return w[:1].islower() and w.startswith(("meng", "meny", "mem", "men")) and w not in _NOT_VERBS


_NOT_BER_VERBS = frozenset({"berbagai", "bersama", "bersama-sama", "berdasarkan", "berupa", "berikut",
                            "beserta", "berkaitan", "bersangkutan", "beberapa", "berapa", "berat", "besar",
                            "bersih", "berita", "beras", "berkas"})


def _clause_verb(sv: SentenceView, i: int, prefixes: tuple[str, ...] = ("me", "ber", "di", "ter")) -> bool:
    """A lower-case verb of six letters or more opening a clause ("melanggar", "bersinergi", "dikaji")."""
    w = sv.orig[i]
    return (w[:1].islower() and w.startswith(prefixes) and len(w) > 5 and w not in _NOT_VERBS
            and sv.words[i] not in _NOT_BER_VERBS)


def _ber_verb(sv: SentenceView, i: int) -> bool:
    """A lower-case ber- verb ("berlibur", "bersabar"): the verb of what is asked."""
    w = sv.orig[i]
    return w[:1].islower() and w.startswith("ber") and len(w) > 5 and sv.words[i] not in _NOT_BER_VERBS


_MEMBERS_FROM = frozenset({"kader", "anggota", "kepala", "pimpinan", "pengurus", "perwakilan", "utusan",
                           "delegasi", "pejabat", "petinggi", "fraksi", "legislator"})


def _members_from(sv: SentenceView, a: Actor) -> bool:
    """"meminta kepala daerah dari PDI Perjuangan untuk ...": people asked as members of
    the actor after "dari" make it the party appealed to."""
    i = a.first - 1
    return sv.words[i] == "dari" and any(sv.words[j] in _MEMBERS_FROM for j in range(max(0, i - 3), i))


def _counterpart(sv: SentenceView, a: Actor) -> bool:
    """"bertemu rekannya dari Suriah Faisal Mekdad": the counterpart is the partner."""
    i = a.first - 1
    while i > 0 and sv.words[i] != "dari" and a.first - i < 4:
        i -= 1
    return sv.words[i] == "dari" and i > 0 and sv.words[i - 1] in _classes()["counterpart"]


def _complement_of(sv: SentenceView, m: Match, done: list) -> bool:
    """"memperingatkan China untuk tidak mengirim senjata": the second verb is
    what was asked or warned about, not an event."""
    lx = _classes()
    comp = lx["complement"]
    for prev, _, _ in done:
        if prev.last >= m.first:
            continue
        gap = sv.words[prev.last + 1 : m.first]
        if any(w in comp for w in gap):
            return True
        if prev.pattern.code[:2] == "14" and m.pattern.code[:2] in ("11", "12") and len(gap) <= 1:
            return True  # "unjuk rasa menentang Israel": what the protest is against
        if prev.pattern.code[:2] in ("02", "05", "10", "11", "13", "17") and gap and not any(
                w in lx["vp_join"] or w in lx["boundary"] or w in (",", "yang") for w in gap):
            return True  # "meminta BPS membantu", "mendakwa Isa melanggar": what was asked or charged
    return False


def _shared_subject(sv: SentenceView, m: Match, done: list) -> list[Actor] | None:
    """"X mengadakan pembicaraan dengan Y dan mengunjungi Z": the second verb
    phrase keeps X as its subject."""
    if not done:
        return None
    prev, source, _ = done[-1]
    lx = _classes()
    i = m.first - 1
    while i > prev.last and sv.words[i] in lx["between"] | lx["intent"]:
        i -= 1
    if i <= prev.last or sv.words[i] not in lx["vp_join"]:
        return None
    if any(sv.words[j] in lx["boundary"] or sv.words[j] == "yang" for j in range(prev.last + 1, i)):
        return None
    return source


def noun_parties(sv: SentenceView, m: Match) -> tuple[list[Actor], list[Actor]]:
    """Parties of an event noun.

    "baku tembak antara X dengan Y" (both sides after "antara"); "serangan
    oleh X terhadap Y" and "invasi yang dilakukan X ke Y" (agent after "oleh"
    or the passive verb); "serangan rudal Rusia ... menewaskan" (the agent
    inside the noun phrase).
    """
    last_word = sv.words[m.last]
    after = [k for k, a in enumerate(sv.actors) if m.last < a.first <= m.last + 3]
    if last_word == "antara":
        if not after:
            return [], []
        first = sv.actors[after[0]]
        rest = [a for a in sv.actors[after[0] + 1 :]
                if a.first <= first.last + 4 and sv.words[a.first - 1] not in _classes()["oblique_prepositions"]
                or (a.first <= first.last + 4 and "dengan" in sv.words[first.last + 1 : a.first])
                or _joined_by_titles(sv, first, a)]
        return [first], rest[:1]
    if last_word == "oleh" or (last_word.startswith("di") and m.voice == "active" and len(m.positions) > 1):
        if not after:
            return [], []
        source = _chain_right(sv.actors, after[0], sv)
        return source, find_target(sv, source[-1].last, {x.key for x in source})
    for k, a in enumerate(sv.actors):
        if m.first < a.first and a.last < m.last and not _is_oblique(a, sv):
            source = _chain_right(sv.actors, k, sv)
            exclude = {x.key for x in source}
            if last_word in _classes()["goal_clause"]:  # "pesan Prabowo agar semua pihak bekerja ..."
                return source, _asked_subject(sv, m.last + 1, _clause_end(sv, m.last), exclude)
            return source, find_target(sv, m.last, exclude)
    lx = _classes()
    if last_word in lx["goal_clause"] and m.first > 0 and (sv.words[m.first - 1] in lx["light"]
                                                          or sv.words[m.first - 1] in lx["say_verbs"]):
        # "Jokowi menyampaikan pesan kepada Budi agar ...": the subject of the support verb
        source = find_source(sv, m.first - 1)
        exclude = {x.key for x in source}
        target = find_target(sv, m.first, exclude, appeal=True, owner_out=True) \
            or _asked_subject(sv, m.last + 1, _clause_end(sv, m.last), exclude)
        return source, target
    if _support_noun(sv, m):  # "Kemensos menegaskan dukungan penuh terhadap X"
        source = find_source(sv, m.first - 1)
        return source, find_target(sv, m.first, {x.key for x in source}, last=m.last)
    return [], []


def _support_noun(sv: SentenceView, m: Match) -> bool:
    """The event noun is the object of a support verb ("melakukan serangan", "menegaskan
    dukungan terhadap X"); a verb of expressing supports only a noun of what is said
    ("menyampaikan apresiasi"), and a verb of reporting only a noun owned by its subject
    ("KJRI menyebut perbincangannya dengan X"): "menyebut serangan ... berasal dari
    Iran" reports an attack, it does not make one."""
    lx = _classes()
    if m.first == 0 or int(m.pattern.code[:2]) >= 14 and sv.words[m.first - 1] not in lx["light"]:
        return False
    w = sv.words[m.first - 1]
    return w in lx["light"] or w in lx["express_verbs"] or (w in lx["say_verbs"] and sv.words[m.first].endswith("nya"))


def _joined_by_titles(sv: SentenceView, a: Actor, b: Actor) -> bool:
    """"antara Pemerintah Provinsi (Pemprov) Jawa Tengah dan Kantor Wilayah ...": only
    the rest of the first name and one "dan/dengan" stand between the two sides."""
    gap = range(a.last + 1, b.first)
    if not gap or len(gap) > 8:
        return False
    joins = [i for i in gap if sv.words[i] in ("dan", "dengan")]
    return len(joins) == 1 and all(_is_title_word(sv.orig[i]) for i in gap if i != joins[0])


def _own_country_out(source: list[Actor], target: list[Actor]) -> list[Actor]:
    """'Prabowo backs cooperation between Indonesia and Singapore': the target is
    Singapore; the source's own country drops out when another target remains."""
    own = {a.actor[:3] for a in source if a.actor}
    rest = [a for a in target if not (a.actor and a.actor[:3] in own)]
    if rest and len(rest) < len(target):
        return rest
    # a state body acting on its own bare state ("Menaker ... Pekerja Migran Indonesia")
    return [a for a in target if not (a.actor and len(a.actor) == 3 and a.actor in own)]


def find_giver(sv: SentenceView, after: int, exclude: set[str]) -> list[Actor]:
    """"X menerima bantuan dari Y": the giver is the actor after "dari"."""
    hi = _clause_end(sv, after)
    for k, a in enumerate(sv.actors):
        if after < a.first < hi and _prep_before(sv, a) in ("dari", "oleh") and a.key not in exclude:
            return _chain_right(sv.actors, k, sv)
    return []


def find_agent(sv: SentenceView, m: Match) -> list[Actor]:
    """Passive agent: "ditangkap oleh polisi" or "ditangkap polisi"."""
    for k, a in enumerate(sv.actors):
        if a.first <= m.first:
            continue
        roles = _classes()["agent_roles"]
        j = a.first - 1
        while j > m.last and a.first - j <= 2 and sv.words[j] in roles:
            j -= 1  # "oleh majelis hakim PN Jakarta Selatan", "ditangkap tim Polres X"
        direct = j == m.first
        by = j if sv.words[j] == "oleh" else None
        if by is not None and by > m.last + 3:
            break  # "ditahan di polres dan akan diperiksa oleh X": X is another verb's agent
        if by is not None or direct:
            return _chain_right(sv.actors, k, sv)
        if a.first > m.last + 3:
            break
    return []


def _late_agent(sv: SentenceView, m: Match) -> list[Actor]:
    """"ditetapkan sebagai tersangka dugaan penghasutan di Surabaya oleh Polda Jatim":
    an "oleh X" closing the clause after a long complement is the agent of the passive
    verb when no other verb, conjunction or relative clause stands between them."""
    lx = _classes()
    hi = min(len(sv.words), m.last + 1 + MAX_TARGET_DISTANCE)
    for j in range(m.last + 1, hi):
        w = sv.words[j]
        if w == "oleh":
            k = next((k for k, a in enumerate(sv.actors) if j < a.first <= j + 3
                      and all(sv.words[i] in lx["agent_roles"] for i in range(j + 1, a.first))), None)
            return _chain_right(sv.actors, k, sv) if k is not None else []
        if w in lx["boundary"] or w in ("yang", ".", "?", "!") \
                or _clause_verb(sv, j) or (w in lx["speech"] and w not in ("jelas", "tegas")):
            return []
    return []


# ------------------------------------------------------------- modality


@dataclass(slots=True)
class Mood:
    negation: str | None = None
    intent: str | None = None
    modal: str | None = None
    hypothetical: str | None = None
    prevented: str | None = None
    purpose: str | None = None


def read_mood(sv: SentenceView, head: int) -> Mood:
    """Negation, intent and modality words just before the trigger."""
    lx = _classes()
    mood = Mood()
    lo = _clause_start(sv, head)
    for j in range(lo, head):
        if sv.words[j] in lx["hypothetical"] and _conditional_at(sv, j):
            mood.hypothetical = sv.words[j]
    if lo > 0 and sv.words[lo - 1] in lx["goal_clause"]:
        mood.purpose = sv.words[lo - 1]  # "... agar Indonesia tetap menjadi tuan rumah": a goal, not a fact
    in_actor = {i for a in sv.actors for i in range(a.first, a.last + 1)}
    i, steps = head - 1, 0
    while i >= lo and steps < 6:
        if i in in_actor:  # "mencegah China memberikan ...": look past the actor
            i -= 1
            continue
        w = sv.words[i]
        if w in lx["prevent"]:
            mood.prevented = w
        elif w in lx["purpose"] and i == _first_content_before(sv, head, lo) and not _intent_before(sv, i, lo):
            mood.purpose = w  # a goal stated, not an action reported
        elif w in lx["negation"] and not mood.negation:
            if sv.words[i + 1] not in NOT_ONLY:  # "tak hanya mencopot X, ...": not only, no negation
                mood.negation = w
        elif w in lx["intent"] and not mood.intent:
            mood.intent = w
        elif w in lx["modal"] and not mood.modal:
            mood.modal = w
        elif w not in lx["between"]:
            break
        i -= 1
        steps += 1
    return mood


def _conditional_at(sv: SentenceView, j: int) -> bool:
    """The hypothetical word at ``j`` opens a condition. "selama" mostly tells a
    duration ("selama ini", "selama dua pekan", "selama dirawat"): it is "as long as"
    only with a condition after it ("selama masih ...", "selama tidak ..."); "asal"
    before a name or a place noun is an origin ("mahasiswa asal Riau"), not "provided"."""
    lx = _classes()
    w = sv.words[j]
    if w == "selama":
        return any(x in lx["as_long_as"] for x in sv.words[j + 1 : j + 5])
    if w == "asal":
        nxt = sv.orig[j + 1] if j + 1 < len(sv.orig) else ""
        return bool(nxt) and nxt[:1].islower() and nxt.lower() not in lx["origin_nouns"]
    return True


def _first_content_before(sv: SentenceView, head: int, lo: int) -> int:
    """Index of the nearest word before the trigger that is not an adverb like "segera"."""
    adverbs = {"segera", "juga", "pun", "kembali", "langsung", "lagi", "terus", "bisa", "dapat"}
    i = head - 1
    while i > lo and sv.words[i] in adverbs:
        i -= 1
    return i


def _intent_before(sv: SentenceView, i: int, lo: int) -> bool:
    """"siap untuk", "sepakat untuk": the purpose word belongs to an intent marker."""
    return i - 1 >= lo and sv.words[i - 1] in _classes()["intent"]


def _mapped(code: str, table: dict) -> str | None:
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def apply_mood(code: str, mood: Mood) -> tuple[str | None, str]:
    """The code after negation/intent/modality, and a note for ``by``; None = not an event."""
    lx = _classes()
    root = code[:2]
    if mood.hypothetical or mood.prevented or mood.purpose or (mood.modal and not mood.negation):
        return None, ""
    if mood.negation:
        if root in ("12", "16") or code == "016" or mood.negation in lx["not_yet"]:
            return None, ""
        new = _mapped(code, lx["negated_codes"])
        return (new, f" +neg({mood.negation})") if new else (None, "")
    if mood.intent:
        if root == "03" or root == "13":
            return code, ""
        new = _mapped(code, lx["intent_codes"])
        return (new, f" +intent({mood.intent})") if new else (None, "")
    if mood.modal:
        return None, ""
    return code, ""


# ------------------------------------------------------------------ coder


def _question(sv: SentenceView, head: int) -> bool:
    """The piece of the sentence holding the trigger asks, it does not tell."""
    ends = (".", "!", "?")
    lo = head
    while lo > 0 and sv.words[lo - 1] not in ends:
        lo -= 1
    hi = head
    while hi < len(sv.words) and sv.words[hi] not in ends:
        hi += 1
    first = next((w for w in sv.words[lo:hi] if w not in ('"', "“", "”", "'")), "")
    return first in _classes()["question"] or (hi < len(sv.words) and sv.words[hi] == "?")


def _hearsay(sv: SentenceView, head: int) -> bool:
    """The trigger sits in a "bahwa" clause of hearing or belief ("kabar yang kami
    dengar bahwa AS akan mengadili ...", "keyakinan mereka bahwa ..."): not a fact told."""
    lx = _classes()
    heard, bound = lx["hearsay"], lx["boundary"]
    for i in range(head - 1, -1, -1):
        w = sv.words[i]
        if w == "bahwa":
            return any(sv.words[j] in heard for j in range(max(0, i - 3), i))
        if w in bound or w in lx["vp_join"] or w in (".", "?", "!", ","):
            return False  # "... bahwa X berkata ... dan kami menerima": a clause of its own
    return False


def _asked(sv: SentenceView, head: int) -> bool:
    """"JPU yang meminta majelis hakim menjatuhkan vonis": a verb of asking and the
    one asked a few words before the trigger, in its clause, make the trigger what
    was asked."""
    lx = _classes()
    stop = {*lx["boundary"], *lx["vp_join"], *lx["speech"], ",", ".", "?", "!"}
    for i in range(head - 1, max(-1, head - 20), -1):
        w = sv.words[i]
        if w in lx["asking"]:  # the one asked stands between
            return any(x not in lx["between"] for x in sv.words[i + 1 : head])
        if w in stop:
            return False
    return False


def _state_only(actors: list[Actor]) -> bool:
    return bool(actors) and all(a.actor and STATE.match(a.actor) for a in actors)


def _armed_only(actors: list[Actor]) -> bool:
    """Every actor is a state, its government or its armed forces."""
    return bool(actors) and all(a.actor and ARMED.match(a.actor) for a in actors)


def event_id(article_id: str, start: int, code: str) -> str:
    h = hashlib.blake2b(f"{article_id}\x00{start}\x00{code}".encode(), digest_size=6)
    return "ev" + h.hexdigest()


@dataclass(slots=True)
class Context:
    """Per-article state the sentences share."""

    article: Article
    times: list[tuple[int, int, str | None, str | None, bool]]
    ents: dict = field(default_factory=dict)
    seen: list[Actor] = field(default_factory=list)
    last_person: list[Actor] = field(default_factory=list)
    last_source: list[Actor] = field(default_factory=list)
    last_pair: list[Actor] = field(default_factory=list)
    home: str = ""  # the article's own country when it is Indonesian, for unnamed groups
    agents: list[Actor] = field(default_factory=list)  # persons who were the source of an event
    subject: tuple[int, list[Actor]] = (-1, [])  # the last sentence's actor subject, by its index
    groups: list[Actor] = field(default_factory=list)  # unnamed groups acted upon, in order


_STANCE_ADVERBS = frozenset({"tentu", "tentunya", "memang", "pasti", "jelas", "sungguh"})


@lru_cache(maxsize=1)
def _adverbs() -> frozenset[str]:
    """Words that stand between a subject and its verb: adverbs, auxiliaries, intents, negation."""
    lx = _classes()
    return frozenset({*lx["between"], *lx["intent"], *lx["negation"], *lx["time_adverbs"]})


def _last_before(sv: SentenceView, head: int, lo: int) -> int:
    """Index of the last word of the clause before the trigger that is none of ``_adverbs``
    ("Komisi itu juga tidak segera meminta": "itu"); below ``lo`` when there is none."""
    i = head - 1
    while i >= lo and sv.words[i] in _adverbs() and not _demonstrative(sv, i):
        i -= 1
    return i


_TIME_NOUNS = frozenset({"saat", "hari", "kali", "pekan", "minggu", "bulan", "tahun", "malam", "pagi", "siang",
                         "sore", "sampai", "hingga", "kini", "waktu", "masa", "detik"})


def _demonstrative(sv: SentenceView, i: int) -> bool:
    """"ini" closing a noun phrase ("komunitas ini"), not a time ("saat ini", "hari ini")."""
    return sv.words[i] == "ini" and i > 0 and sv.words[i - 1].isalpha() and sv.words[i - 1] not in _TIME_NOUNS


def _subject_pronoun(sv: SentenceView, head: int) -> str | None:
    """The pronoun standing as subject right before the trigger, if any."""
    lx = _classes()
    lo = _clause_start(sv, head)
    i = head - 1
    while i >= lo and (sv.words[i] in lx["between"] or sv.words[i] in lx["intent"]
                       or sv.words[i] in lx["negation"] or sv.words[i] in lx["modal"]
                       or sv.words[i] in lx["time_adverbs"]):  # "Ia kemudian mengkritik ..."
        i -= 1
    if (i < lo or sv.words[i] in lx["pronoun"]) and _say_opener(sv, lo, head):
        return _subject_pronoun(sv, _say_verb_at(sv, lo))  # "Dia mengatakan pihaknya ..."
    if i < lo:
        return _controller_pronoun(sv, lo)
    while i > lo and sv.words[i] in _STANCE_ADVERBS:  # "kami tentu sangat mengapresiasi"
        i -= 1
    owner = next((a for a in sv.actors if a.last == i and a.first - 2 >= lo), None)
    if owner is not None and sv.words[owner.first - 1] in ("di", "dari") \
            and sv.words[owner.first - 2] in lx["first_person"]:
        i = owner.first - 2  # "kami di Komisi III mengapresiasi": we, of the body, speak
    w = sv.words[i]
    if w in lx["pronoun"] or w in lx["first_person"]:
        if i == 0 or sv.words[i - 1] not in lx["oblique_prepositions"]:
            return w
    return None


def _controller_pronoun(sv: SentenceView, lo: int) -> str | None:
    """"Dia menyatakannya dalam konferensi pers seusai bertemu Putin": a clause opened
    by "seusai/saat/setelah" with no subject of its own shares the subject of the clause
    it hangs on, here a pronoun standing first in that clause."""
    lx = _classes()
    if lo == 0 or sv.words[lo - 1] not in lx["control"]:
        return None
    j = _clause_start(sv, lo - 1, said=False)
    while j < lo - 1 and (sv.words[j] in ('"', "“", "”", ",") or sv.words[j] in lx["time_adverbs"]):
        j += 1
    w = sv.words[j]
    if (w in lx["pronoun"] or w in lx["first_person"]) and (j == 0 or sv.words[j - 1] not in lx["oblique_prepositions"]):
        return w
    return None


def _pronoun_source(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """'saya/kami' in a quote → its speaker; 'ia/dia/beliau' → the last person
    named; 'pihaknya' → the last source."""
    w = _subject_pronoun(sv, head)
    if w is None:
        return []
    if w in _classes()["first_person"]:
        return _speaker_at(sv.spans[head][0], ctx)
    if w == "pihaknya":
        return list(ctx.last_source)
    return list(ctx.last_person)


def _subjectless(sv: SentenceView, head: int) -> bool:
    """Nothing but adverbs and quote marks before the trigger in its clause."""
    lx = _classes()
    skip = {*lx["between"], *lx["intent"], *lx["time_adverbs"], '"', "“", "”", ","}
    return all(w in skip for w in sv.words[_clause_start(sv, head):head])


def _speaker_clause(sv: SentenceView, head: int) -> bool:
    """No subject of its own stands before the trigger: the clause opens with it (past
    adverbs, negation, quote marks) or it continues a predicate ("tragis dan sangat
    mengecewakan"), and no actor stands anywhere before it in the clause."""
    lx = _classes()
    lo = _clause_start(sv, head)
    if any(lo <= a.first < head for a in sv.actors):
        return False
    if lo > 0 and sv.words[lo - 1] in lx["control"]:
        return False  # "Sebelum mengimbau bawahan, Presiden ...": the clause shares a later subject
    i = _last_before(sv, head, lo)
    if i >= lo and sv.words[i] in ("dan", "serta"):  # "... si korban membatalkan ... dan meminta": its subject
        return not any(_verb_like(sv, j) or _ber_verb(sv, j) for j in range(lo, i))
    return i < lo or sv.words[i] in ('"', "“", "”", ",")


_HOPE_MODALS = frozenset({"harus", "bisa", "dapat", "perlu", "segera", "mampu", "tetap", "terus", "tidak", "tak",
                          "jangan", "mau", "akan", "lebih", "benar-benar", "serius", "wajib", "mesti", "sungguh-sungguh"})


def _opens_sentence(sv: SentenceView, head: int) -> bool:
    """The trigger opens its sentence: only adverbs, connectives ("Selain itu juga",
    "Kemudian", "Pertama,") and quote marks stand before it, so the sentence names
    no subject of its own."""
    lx = _classes()
    skip = lx["carry_openers"] | lx["between"] | lx["intent"] | lx["time_adverbs"]
    return all(w in skip for w in sv.words[:head])


def _in_paragraph_after(prev_end: int, start: int, text: str) -> bool:
    return "\n" not in text[prev_end:start]


def _carried_subject(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """A sentence with no subject of its own continues the one before it.

    Inside a quotation the speaker's side acts ('"Menjatuhkan sanksi peringatan
    keras kepada X," kata Ketua DKPP'); otherwise the subject of the sentence just
    before, in the same paragraph ("KPK memeriksa X. Kemudian menahan Y").
    """
    if any(w in ("merupakan", "adalah", "ialah") for w in sv.words[head:]):
        return []  # '"Melakukan aksi bersama ... merupakan hal yang baik"': the phrase is a topic
    speaker = _speaker_at(sv.spans[head][0], ctx)
    if speaker:
        return speaker
    index, subject = ctx.subject
    if index != sv.index - 1 or not subject or not _in_paragraph_after(subject[-1].end, sv.start, ctx.article.text):
        return []
    return list(subject)


def _initial_subject(sv: SentenceView) -> list[Actor]:
    """The actor phrase opening a sentence, followed by its verb ("Polisi kemudian
    menangkap ...", "Menteri Luar Negeri Retno Marsudi bertemu ..."): the
    subject a following subjectless sentence carries on."""
    lx = _classes()
    skip = lx["carry_openers"] | lx["between"] | lx["time_adverbs"]
    for k, a in enumerate(sv.actors):
        if not all(w in skip for w in sv.words[: a.first]):
            return []
        chain = _chain_right(sv.actors, k, sv)
        j = chain[-1].last + 1
        while j < len(sv.words) and (sv.words[j] in lx["between"] or sv.words[j] in lx["intent"]
                                     or sv.words[j] in lx["negation"]):
            j += 1
        return chain if j < len(sv.words) and (_verb_like(sv, j) or _ber_verb(sv, j)) else []
    return []


def _hoped_subject(sv: SentenceView, i: int, exclude: set[str]) -> list[Actor]:
    """"berharap (agar) Bawaslu (itu) harus lebih aktif", "mengharapkan pemerintah segera
    ...": the actor right after a verb of hoping, followed by a modal or a verb, is the one
    the hope is about."""
    lx = _classes()
    while i < len(sv.words) and (sv.words[i] in lx["goal_clause"] or sv.words[i] in ("kepada", "para", "seluruh", "pihak")):
        i += 1
    k = next((k for k, a in enumerate(sv.actors) if a.first == i), None)
    if k is None:
        return []
    chain = [c for c in _chain_right(sv.actors, k, sv) if c.key not in exclude]
    if not chain:
        return []
    j = chain[-1].last + 1
    while j < len(sv.words) and sv.words[j] in ("itu", "ini", "tersebut", "juga", "pun", "ke", "depan"):
        j += 1
    if j >= len(sv.words):
        return []
    if sv.words[j] in _HOPE_MODALS or _clause_verb(sv, j, ("me", "ber", "di")):
        return chain
    return []


def _speaker_at(pos: int, ctx: Context) -> list[Actor]:
    for q in ctx.article.quotes:
        sp = q.get("speaker") or {}
        if q.get("start", 0) <= pos < q.get("end", 0) and sp.get("name"):
            ent = ctx.ents.get(sp.get("entity")) if sp.get("entity") else None
            actor = getattr(ent, "actor", None)
            name = getattr(ent, "name", None) or sp["name"]
            etype = getattr(ent, "type", None) or "PER"
            if etype != "PER" and _described(ctx.article.text, sp.get("start", 0), sp.get("end", 0)):
                # "ujar mantan Komisaris Utama Bank Nagari itu": the person described
                return _last_person_before(ctx, q.get("start", 0))
            a = Actor(0, 0, sp.get("entity"), name, actor, etype, sp.get("start", 0), sp.get("end", 0))
            a.text = sp["name"]
            return [a]
    return []


_CLOSER = re.compile(r"\s*(?:itu|ini|tersebut)\b")


def _described(text: str, start: int, end: int) -> bool:
    """The name at start:end sits in a description of a person closed by "itu/ini/
    tersebut" ("mantan Komisaris Utama Bank Nagari itu", "Akademisi Universitas
    Trisakti ini"): a person noun opens it, title words only stand between."""
    if not _CLOSER.match(text, end):
        return False
    words = text[max(0, start - 80) : start].split()
    nouns = _classes()["person_nouns"]
    for k in range(len(words) - 1, max(-1, len(words) - 7), -1):
        w = words[k]
        if w.lower() in nouns:
            return True
        if not w[:1].isupper():
            return False
    return False


def _last_person_before(ctx: Context, pos: int) -> list[Actor]:
    """The person a description before ``pos`` points back to: the last one who
    spoke or acted (a quote's speaker, an event's source), else the last one named."""
    best: Actor | None = ctx.agents[-1] if ctx.agents else None
    for q in ctx.article.quotes:
        sp = q.get("speaker") or {}
        ent = ctx.ents.get(sp.get("entity")) if sp.get("entity") else None
        if getattr(ent, "type", None) != "PER" or q.get("end", 0) > pos:
            continue
        if best is None or q.get("end", 0) > best.end:
            best = Actor(0, 0, ent.id, ent.name, ent.actor, "PER", sp.get("start", 0), q.get("end", 0))
            best.text = sp.get("name") or ent.name
    if best is not None:
        return [best]
    for a in reversed(ctx.seen):
        if a.type == "PER" and a.end <= pos:
            return [a]
    return []


def _described_subject(sv: SentenceView, source: list[Actor], ctx: Context) -> list[Actor]:
    """A subject that only names the body of a person described ("Akademisi
    Universitas Trisakti ini menyarankan ...") stands for the last person named."""
    if len(source) != 1 or source[0].type == "PER" or source[0].first == 0:
        return source
    a = source[0]
    text = ctx.article.text
    if not _described(text, a.start, a.end):
        return source
    # the person introduced with that body ("pakar hukum Universitas Trisakti Abdul Fickar")
    body = text[a.start : a.end]
    for p in reversed(ctx.seen):
        if p.type != "PER" or p.end > sv.start:
            continue
        before = text[max(0, p.start - 80) : p.start].rsplit(". ", 1)[-1]  # in the person's own sentence
        if body in before + text[p.start : p.end]:
            return [p]
    return _last_person_before(ctx, sv.start) or source


def _date_for(sv: SentenceView, head: int, ctx: Context, intent: bool = False) -> tuple[str | None, str | None, str]:
    """The nearest time expression of the trigger's clause, else the article's date.

    Only an intent may lie in the future: "anggaran untuk 2026" does not date
    a proposal made today.
    """
    head_char = sv.spans[head][0]
    pub = ctx.article.published
    best = None
    for s, e, d, de, cited in ctx.times:
        if s < sv.start or e > sv.end or d is None or cited:
            continue
        if pub and d > pub and not intent:
            continue
        if not _same_clause(sv, head, s):
            continue
        dist = abs(s - head_char)
        if best is None or dist < best[0]:
            best = (dist, d, de)
    if best:
        return best[1], best[2], "text"
    when = _while_date(sv, head, ctx)
    if when:
        return when[0], when[1], "text"
    told = _story_date(sv, ctx)
    if told:
        return told, None, "context"
    return ctx.article.published, None, "published"


def _while_date(sv: SentenceView, head: int, ctx: Context) -> tuple[str, str | None] | None:
    """"X mengingatkan PAN agar ... saat memberikan sambutan ..., Minggu (26/2/2023)":
    a day named in a later clause of the same sentence opened by "saat/ketika/usai"
    dates the action that clause accompanies."""
    starts = [a for a, _ in sv.spans]
    pub = ctx.article.published
    temporal = _classes()["temporal"]
    for s, _e, d, de, cited in ctx.times:
        if s < sv.spans[head][0] or s >= sv.end or d is None or cited or (pub and d > pub):
            continue
        t = bisect.bisect_right(starts, s) - 1
        opener = next((sv.words[i] for i in range(t - 1, head, -1)
                       if sv.words[i] in _classes()["boundary"] or sv.words[i] == "yang"), None)
        if opener in temporal:
            return d, de
    return None


def _story_date(sv: SentenceView, ctx: Context) -> str | None:
    """The last day named before this sentence ("Minggu (26/2/2023)" in the lead)
    dates what follows until another day is named; only days close to the
    article's date count, so background years do not spill over."""
    pub = ctx.article.published
    for s, _e, d, de, cited in reversed(ctx.times):
        if s >= sv.start or d is None or de is not None or cited:
            continue
        if pub and (d > pub or _days(d, pub) > 14):
            continue
        return d
    return None


def _days(a: str, b: str) -> int:
    from datetime import date

    return abs((date.fromisoformat(b) - date.fromisoformat(a)).days)


def _same_clause(sv: SentenceView, head: int, char: int) -> bool:
    """A date after "yang ..." or behind a clause boundary dates something else."""
    starts = [a for a, _ in sv.spans]
    t = bisect.bisect_right(starts, char) - 1
    lo, hi = sorted((head, t))
    stop = _classes()["boundary"]
    return not any(sv.words[i] == "yang" or sv.words[i] in stop for i in range(lo + 1, hi))


def _place_for(sv: SentenceView, mentions, ents, head: int, text: str) -> str | None:
    starts = [s for s, _ in sv.spans]
    places = []
    for ms, me, eid, mtext, mtype in mentions:
        if ms < sv.start or me > sv.end:
            continue
        ent = ents.get(eid) if eid else None
        if (getattr(ent, "type", None) or mtype) != "LOC":
            continue
        i = bisect.bisect_right(starts, ms) - 1
        if i > 0 and sv.words[i - 1] == "di":
            places.append((i < head, getattr(ent, "name", None) or mtext))
    if places:
        places.sort(key=lambda p: p[0])  # after the verb first
        return places[0][1]
    return None


def _sports(sv: SentenceView) -> bool:
    """A sentence about a match, not about politics."""
    if not _classes()["sports"].keys().isdisjoint(sv.words):
        return True
    return "liga" in sv.words and any(
        w == "liga" and i + 1 < len(sv.words) and sv.words[i + 1] != "arab"
        for i, w in enumerate(sv.words))


def code_sentence(sv: SentenceView, ctx: Context, mentions, ents) -> list[dict]:
    """Events of one sentence (before merging)."""
    out = []
    done: list[tuple[Match, list[Actor]]] = []
    acted = False  # a person was the source of an event here, kept or not
    if _sports(sv):
        return out
    for m in find_matches(sv.words):
        if _question(sv, m.first) or _complement_of(sv, m, done) or _hearsay(sv, m.first) \
                or _asked(sv, m.first):
            continue
        mood = read_mood(sv, m.first)
        performative = "performative" in m.pattern.options
        if performative and mood.intent in ("ingin", "mau", "hendak"):
            mood.intent = None  # "Saya ingin berterima kasih kepada ...": the thanks are given
        code, note = apply_mood(m.pattern.code, mood)
        if code is None:
            continue
        if "noun" in m.pattern.options:
            source, target = noun_parties(sv, m)
            note += " +support" if source and _support_noun(sv, m) else ""
        elif m.voice == "passive":
            source = find_agent(sv, m)
            if not source:
                source = _late_agent(sv, m)
                note += " +late-agent" if source else ""
            source = source or _implicit_agent(sv, m, ctx)
            if not source and _generic_root(m.pattern.code):
                source = _generic_agent(sv, m, ctx)
            patient = find_source(sv, m.first)
            if not any(a.type == "PER" for a in patient):  # "Eks Kadiv Propam Polri itu dijatuhi ..."
                patient = _described_person(sv, m.first, ctx) or patient
            exclude = {a.key for a in source}
            target = [a for a in patient if a.key not in exclude] or find_target(sv, m.last, exclude)
            if not target and _generic_root(m.pattern.code):
                target = _generic_patient(sv, m.first, ctx)
        elif "recipient" in m.pattern.options:
            target = find_source(sv, m.first) or _pronoun_source(sv, m.first, ctx)
            source = find_giver(sv, m.first, {a.key for a in target})
        else:
            source = (find_source(sv, m.first) or _pronoun_source(sv, m.first, ctx)
                      or _role_source(sv, m.first, ctx) or _anaphoric_body(sv, m.first, ctx)
                      or (_speaker_at(sv.spans[m.first][0], ctx) if performative
                          and _subjectless(sv, m.first) else []))
            if not source and m.pattern.code[:2] in SPOKEN_ROOTS and m.pattern.code not in DONE_NOT_SAID \
                    and _speaker_clause(sv, m.first):
                # '"... sangat mengecewakan ...," kata X': said with no subject, the speaker's own stance
                source = _speaker_at(sv.spans[m.first][0], ctx)
                note += " +speaker(quote)" if source else ""
            if not source:  # "Untuk itu, mahasiswi ini berharap agar ...": the person described
                source = _described_person(sv, m.first, ctx)
                note += " +described" if source else ""
            source = _described_subject(sv, source, ctx)
            if not source and _opens_sentence(sv, m.first):
                source = _carried_subject(sv, m.first, ctx)
                note += " +carried" if source else ""
            if not source and _generic_root(m.pattern.code):
                source = _generic_subject(sv, m.first, ctx, m.pattern.code[:2] != "17")
            target = find_target(sv, m.first, {a.key for a in source}, m.pattern.mutual, m.last,
                                 m.pattern.code[:2] in ("09", "11", "17"), m.pattern.code[:2] in ("02", "10"),
                                 m.pattern.code[:2] in ("05", "09", "10", "11", "12", "13"),
                                 m.pattern.code[:2] in ("01", "02", "03", "04"),
                                 m.pattern.code[:2] in ("07", "13") or m.pattern.code[:3] == "033",
                                 m.pattern.code[:2] == "09")
            target = _own_country_out(source, target)
            note += _target_note(sv, m, target)
            if not target and source:
                target = _fronted_target(sv, m.first, {a.key for a in source})
                note += " +fronted" if target else ""
            if not target and _generic_root(m.pattern.code):
                target = _generic_object(sv, m.last, ctx, source)
            elif not target:  # "meminta aparat keamanan mengawal ...", "meminta 65 orang satgas": state bodies
                target = _generic_object(sv, m.last, ctx, source, ("COP", "MIL", "GOV"))
                note += " +state-group" if target else ""
        if "no_target" in m.pattern.options:
            target = []
        if "hoped" in m.pattern.options:  # "berharap Bawaslu harus lebih aktif": a hope about an actor
            target = _hoped_subject(sv, m.last + 1, {a.key for a in source})
            if not target:
                continue
        shared = _shared_subject(sv, m, done)
        if shared is not None and "noun" not in m.pattern.options and m.voice != "passive":
            source = shared
            target = [a for a in target if a.key not in {x.key for x in shared}]
            if done[-1][2] and not mood.intent:  # "akan A dan B": the intent covers B
                code, note = apply_mood(m.pattern.code, Mood(intent=done[-1][2]))
                if code is None:
                    continue
        if source and not target and ctx.last_pair and not (m.pattern.mutual and len(source) > 1) \
                and _both_states(sv, m):
            target = _own_country_out(source, [a for a in ctx.last_pair if a.key not in {x.key for x in source}])
        if not target and "untargeted" in m.pattern.options:
            code = m.pattern.options["untargeted"]  # "membantah tudingan itu": a denial, no one refuted
        elif not source or ("needs_target" in m.pattern.options and not target):
            continue
        if not source:
            continue
        if not target and m.pattern.code[:2] == "02" and _self_appeal(sv, m):
            continue  # "saya menyarankan agar kita menilai ...": the speaker's own side, no one else
        if _internal_meeting(sv, m, m.pattern.code, source, target):
            continue
        if "or_after" in m.pattern.options and not target and not _followed_by(
                sv, m, m.pattern.options["or_after"].split("|")):
            continue  # "mengingatkan sejak era reformasi, ...": a statement, not an appeal
        done.append((m, source, mood.intent))
        mutual = m.pattern.mutual
        if mutual and not target and len(source) > 1:
            source, target = source[:1], source[1:]
        if "state" in m.pattern.options and _state_only(target) and not any(a.type == "PER" for a in target):
            # a sanction on a state is an embargo, on its official a sanction ("Sekjen KPU")
            code = m.pattern.options["state"]
        elif "armed" in m.pattern.options and _armed_only(source):
            code = m.pattern.options["armed"]  # a state's forces kill: conventional force
        target = _not_self(source, target)
        if not cameo.is_known(code):
            continue
        ctx.last_source = source
        if source[0].type == "PER":
            ctx.last_person = source[:1]
            ctx.agents.append(source[0])
        acted = acted or _is_person(source[0].as_dict(), ctx)
        if not target and _dyadic(code):
            continue  # "X menolak" with no one rejected: the actor still spoke, no event
        said = code[:2] < "14" and code[:3] not in DONE_NOT_SAID and m.voice != "passive"
        listed = _enumerated(sv, target) if said and not mutual else None
        for part in [[t] for t in listed] if listed else [target]:
            out.append(_event(sv, ctx, mentions, ents, code, source, part, m.first, m.last,
                              m.pattern.by + note + (" +enumerated" if listed else ""), mutual))
    out.extend(_judgments(sv, ctx, mentions, ents, out))
    out = _join_targets(_accord_with_content(out), ctx.article.text)
    if not acted:
        for a in sv.actors:  # no person acted here: the last one named stands by
            if a.type == "PER":
                ctx.last_person = [a]
    ctx.seen.extend(sv.actors)
    ctx.subject = (sv.index, done[0][1] if done else _initial_subject(sv))
    states = sum(1 for a in sv.actors if a.actor and STATE.match(a.actor))
    for k in range(len(sv.actors) if states > 1 else 0):  # "antara Amerika Serikat dengan Korea Utara"
        pair = _chain_right(sv.actors, k, sv)
        if len(pair) == 2 and _state_only(pair):
            ctx.last_pair = pair
            break
    return out


def _event(sv: SentenceView, ctx: Context, mentions, ents, code: str, source: list[Actor],
           target: list[Actor], first: int, last: int, by: str, mutual: bool = False) -> dict:
    """One event record: the code's table row, the parties, date, place and evidence."""
    row = cameo.lookup(code)
    head_s, head_e = sv.spans[first][0], sv.spans[last][1]
    date, date_end, date_by = _date_for(sv, first, ctx, code[:2] == "03")
    place = _place_for(sv, mentions, ents, first, ctx.article.text) or ctx.article.dateline
    return {
        "id": event_id(ctx.article.id, sv.start, code),
        "code": code,
        "name": row.name,
        "root": row.root,
        "plover": row.plover or None,
        "plover_mode": row.plover_mode or None,
        "quad": row.quad,
        "goldstein": row.goldstein,
        "source": [a.as_dict() for a in source],
        "target": [a.as_dict() for a in target],
        "mutual": mutual,
        "date": date,
        "date_end": date_end,
        "date_by": date_by,
        "place": place,
        "start": sv.start,
        "end": sv.end,
        "trigger": [head_s, head_e],
        "by": by,
        "_sentence": (sv.index, len(sv.actors), _in_quote(head_s, ctx)),
    }


def _in_quote(pos: int, ctx: Context) -> bool:
    return any(q.get("start", 0) <= pos < q.get("end", 0) for q in ctx.article.quotes)


def _judgments(sv: SentenceView, ctx: Context, mentions, ents, found: list[dict]) -> list[dict]:
    """What a speaker judges of an actor, with no verb of criticism or appeal.

    "Ray menilai KPU mudah diintervensi" and '"Bawaslu telah gagal," kata X' judge an
    actor negatively: criticism (111) by the judge or the speaker. "X menilai sistem di
    tubuh Polri perlu diperkuat" and '"Bawaslu harus lebih aktif," kata X' say what an
    actor must do: an appeal (020). The actor is the first one of the judged clause; the
    judge is the subject of the verb of judging, else the speaker of the quotation.
    """
    lx = _classes()
    roots = {ev["root"] for ev in found}
    if "11" in roots and "02" in roots:
        return []
    out: list[dict] = []
    opens: list[tuple[int, list[Actor], str]] = []  # (first word judged, judge, how)
    for j, w in enumerate(sv.words):
        if w in lx["judge_verbs"] and not _question(sv, j):
            judge = find_source(sv, j) or _pronoun_source(sv, j, ctx) or _role_source(sv, j, ctx)
            judge = _described_subject(sv, judge, ctx)
            if judge:
                opens.append((j + 1, judge, f"judged({w})"))
    if not opens:
        i = 0
        while i < len(sv.words) and sv.words[i] in ('"', "“", "”", "jadi", "maka", "namun", "tapi", "dan"):
            i += 1
        speaker = _speaker_at(sv.spans[i][0], ctx) if i < len(sv.words) else []
        if speaker and any(q.get("kind") == "direct" and q.get("start", 0) <= sv.spans[i][0] < q.get("end", 0)
                           for q in ctx.article.quotes):
            opens.append((i, speaker, "said"))
    for lo, judge, how in opens:
        hi = _clause_end(sv, lo)
        while lo < hi and sv.words[lo] in ("bahwa", ",", "langkah", "kebijakan", "sikap", "keputusan", "kinerja"):
            lo += 1
        k = next((k for k, a in enumerate(sv.actors) if lo <= a.first < min(hi, lo + 8)), None)
        if k is None:
            continue
        target = [a for a in _chain_right(sv.actors, k, sv) if a.key not in {x.key for x in judge}]
        target = _not_self(judge, target)
        if not target or any(_verb_like(sv, i) for i in range(lo, target[0].first)):
            continue
        code = _judged(sv, target[-1].last + 1, hi)
        if code is None or code[:2] in roots or (how == "said" and code != "111"):
            continue  # what a quotation says an actor must do is often a warning, not an appeal
        if how == "said" and target[0].first > lo + 3:
            continue  # a quotation judges the actor it opens with
        roots.add(code[:2])
        ctx.last_source = judge
        out.append(_event(sv, ctx, mentions, ents, code, judge, target, target[0].first, target[-1].last,
                          f"rule:{how} {'negative judgment' if code == '111' else 'prescription'}"))
    return out


def _judged(sv: SentenceView, i: int, hi: int) -> str | None:
    """111 when a negative judgment, 020 when a prescription follows the judged actor
    within a few words (past adverbs and "itu/ini"), before any other verb."""
    lx = _classes()
    neg, must = lx["negative_judgments"], lx["prescriptive"]
    for j in range(i, min(hi, i + 6)):
        w = sv.words[j]
        for n in (3, 2, 1):
            if " ".join(sv.words[j : j + n]) in neg:
                return "111"
        if w in lx["negation"] or w == "terbukti":
            return None  # "DKPP menilai Betty tidak terbukti melanggar ...": cleared, not blamed
        if w in must:  # "Pak Teddy perlu saya laporkan": the speaker must, not the actor
            return None if j + 1 < len(sv.words) and sv.words[j + 1] in lx["first_person"] else "020"
        if w in (",", "yang", "dan", "serta") or _verb_like(sv, j) or w in lx["boundary"]:
            return None
    return None


def _self_appeal(sv: SentenceView, m: Match) -> bool:
    """"menyarankan agar kita ...", "mengajak kita semua ...": what is asked of the
    speaker's own side is no appeal to another party."""
    lx = _classes()
    i = m.last + 1
    if i < len(sv.words) and sv.words[i] in lx["goal_clause"]:
        i += 1
    return i < len(sv.words) and sv.words[i] in ("kita", "kami")


def _generic_root(code: str) -> bool:
    return code[:2] in _classes()["generic_roots"]


def _generic_at(sv: SentenceView, i: int, ctx: Context, source: list[Actor] | None = None) -> list[Actor]:
    """The unnamed group whose noun stands at ``i`` ("warga sipil", "korban"); it
    takes the article's country unless a foreign party acts on it."""
    lx = _classes()
    kind = lx["generic_groups"].get(sv.words[i])
    if kind is None or any(a.first <= i <= a.last for a in sv.actors):
        return []
    j = i
    if j + 1 < len(sv.words) and sv.words[j + 1] in lx["generic_modifiers"]:
        j += 1  # "warga sipil", "pengunjuk rasa"
    if j + 1 < len(sv.words) and sv.orig[j + 1][:1].isupper() and sv.words[j + 1] not in ("(", '"'):
        return []  # "warga Gaza": a named party the entities layer did not code is not guessed
    name = " ".join(sv.words[i : j + 1])
    home = ctx.home
    if home and any(s.actor and not s.actor.startswith(home) for s in source or []):
        home = ""  # "Israel membunuhi warga sipil" in an Indonesian story: not Indonesians
    a = Actor(i, j, None, name, home + kind, "GRP", sv.spans[i][0], sv.spans[j][1])
    a.text = " ".join(sv.orig[i : j + 1])
    return [a]


def _generic_object(sv: SentenceView, last: int, ctx: Context, source: list[Actor],
                    kinds: tuple[str, ...] = ()) -> list[Actor]:
    """"Israel membunuhi warga sipil", "menganiaya korban": with no named party after
    a verb of force, the group named right after it (past a preposition of the
    target, a quantifier or a number) is the one acted upon. With ``kinds`` only
    groups of those kinds count: police and soldiers ("aparat", "polisi") are a state
    body whatever is done to them, an appeal or a protest."""
    lx = _classes()
    skip = {*lx["quantifiers"], "terhadap", "kepada", "seorang", "salah", "satu", "dua", "tiga", "puluhan", "ratusan",
            "ribuan", "belasan", "sejumlah", "para", "banyak", "orang"}
    for i in range(last + 1, min(len(sv.words), last + 5)):
        got = _generic_at(sv, i, ctx, source)
        if got and kinds and not got[0].actor.endswith(kinds):
            return []
        if got:
            ctx.groups.append(got[0])
            return got
        w = sv.words[i]
        if w in ("itu", "tersebut") and i > last + 1 and sv.words[i - 1] == "orang" and ctx.groups \
                and (not kinds or (ctx.groups[-1].actor or "").endswith(kinds)):
            return ctx.groups[-1:]  # "mengingatkan 65 orang tersebut": the group just named
        if w not in skip and not w.isdigit():
            return []
    return []


def _generic_agent(sv: SentenceView, m: Match, ctx: Context) -> list[Actor]:
    """"Korban dianiaya ibu tiri": an unnamed person right after a passive verb of
    force (or after "oleh") did it."""
    lx = _classes()
    i = m.last + 1
    if i < len(sv.words) and sv.words[i] == "oleh":
        i += 1
    w = sv.words[i] if i < len(sv.words) else ""
    if w.endswith("nya") and len(w) > 5:
        w = w[:-3]  # "dianiaya ayahnya"
    if w not in lx["generic_agents"] \
            or any(a.first <= i + 1 <= a.last for a in sv.actors):
        return []
    j = i
    while j + 1 < len(sv.words) and j - i < 2 and sv.words[j + 1] in lx["generic_agent_modifiers"]:
        j += 1
    a = Actor(i, j, None, " ".join(sv.words[i : j + 1]), ctx.home + "CVL", "GRP",
              sv.spans[i][0], sv.spans[j][1])
    a.text = " ".join(sv.orig[i : j + 1])
    return [a]


def _generic_subject(sv: SentenceView, head: int, ctx: Context, groups: bool = True) -> list[Actor]:
    """"Pelaku menusuk korban", "orang tak dikenal menembak ...", "massa membakar ...":
    the unnamed doer standing as the subject of an active verb of force, as
    ``_generic_agent`` finds it after a passive one. Without ``groups`` (coercion) a
    group of civilians is no doer ("pedagang mencopot QRIS"), only police and soldiers are."""
    lx = _classes()
    lo = _clause_start(sv, head)
    i = head - 1
    while i >= lo and (sv.words[i] in lx["between"] or sv.words[i] in lx["time_adverbs"]
                       or sv.words[i] in ("itu", "tersebut")):
        i -= 1
    j = i
    while i > lo and j - i < 2 and sv.words[i] in lx["generic_agent_modifiers"]:
        i -= 1  # "orang tak dikenal"
    if i < lo or any(a.first <= i <= a.last for a in sv.actors) \
            or (i > 0 and sv.words[i - 1] in lx["oblique_prepositions"]):
        return []
    w = sv.words[i]
    if w in lx["generic_agents"]:
        kind = "CVL"
    elif w in lx["generic_groups"] and w != "korban" and (groups or lx["generic_groups"][w] in ("COP", "MIL")):
        kind = lx["generic_groups"][w]
    else:
        return []
    a = Actor(i, j, None, " ".join(sv.words[i : j + 1]), ctx.home + kind, "GRP", sv.spans[i][0], sv.spans[j][1])
    a.text = " ".join(sv.orig[i : j + 1])
    return [a]


def _generic_patient(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """"Korban dianiaya ibu tiri": the group named right before a passive verb of force."""
    lx = _classes()
    lo = _clause_start(sv, head)
    i = head - 1
    while i >= lo and (sv.words[i] in lx["between"] or sv.words[i] in lx["time_adverbs"]):
        i -= 1
    if i < lo:
        return []
    got = _generic_at(sv, i, ctx)
    if not got and i - 1 >= lo and sv.words[i] in lx["generic_modifiers"]:
        got = _generic_at(sv, i - 1, ctx)
    # "29 karyawan gedung Sarinah didakwa": the group heads a noun phrase of a few
    # plain words (no verb, preposition or comma between it and the verb)
    k = i - 1
    while not got and k >= max(lo, i - 3) and sv.words[k + 1].isalpha() \
            and sv.words[k + 1] not in lx["oblique_prepositions"] and not _clause_verb(sv, k + 1):
        got = _generic_at(sv, k, ctx) if sv.orig[k + 1][:1].islower() else []
        k -= 1
    return got


def _not_self(source: list[Actor], target: list[Actor]) -> list[Actor]:
    """Targets that are not one of the sources under another mention: same entity,
    same name, or one name holding the other ("Prabowo" and "Prabowo Subianto")."""
    def same(a: Actor, b: Actor) -> bool:
        if a.entity and a.entity == b.entity:
            return True
        x, y = a.name.lower(), b.name.lower()
        return x == y or (a.type == b.type == "PER" and (x in y.split() or y in x.split()
                                                          or x.startswith(y + " ") or y.startswith(x + " ")))
    return [t for t in target if not any(same(s, t) for s in source)]


def _dyadic(code: str) -> bool:
    """The code's definition names a party acted upon (lexicon ``dyadic``)."""
    dy = _classes()["dyadic"]
    return code[:2] in dy or code[:3] in dy or code in dy


def _both_states(sv: SentenceView, m: Match) -> bool:
    """"meminta kepada kedua negara itu", "antara kedua belah pihak": the two
    states named together before."""
    hi = _clause_end(sv, m.first)
    words = sv.words[m.first + 1 : hi]
    return any(w == "kedua" and j + 1 < len(words) and words[j + 1] in ("negara", "pemerintah", "belah", "pihak")
               for j, w in enumerate(words))


def _accord_with_content(events: list[dict]) -> list[dict]:
    """"AS dan Rusia sependapat tidak akan mengakui klaim X": the agreement is
    told through what was agreed; the accord (019) adds no event of its own
    when a later event of the sentence carries the content."""
    keep = []
    for k, ev in enumerate(events):
        if ev["code"] == "019" and any(
                later["trigger"][0] > ev["trigger"][0] for later in events[k + 1:]):
            continue
        keep.append(ev)
    return keep


_NEXT = re.compile(r"\b(?:kemudian|lalu|selanjutnya|sementara|adapun|selain)\b", re.I)


_NAMELY = frozenset({"yakni", "yaitu"})


def _enumerated(sv: SentenceView, target: list[Actor]) -> list[Actor] | None:
    """"meminta penyelenggara pemilu, yakni KPU, Bawaslu, dan DKPP ...", "mengapresiasi
    lembaga-lembaga penegak hukum, yakni Polri, Kejagung dan KPK": a group spelled out
    body by body after "yakni/yaitu" sums up one action on each of them (each is then
    told on its own): the named bodies, one event each. Only for what is said, asked or
    offered; suspects charged or sentenced together stay one event."""
    if not target:
        return None
    i = target[0].first - 1
    if len(target) > 1 and i >= 1 and sv.words[i] in _NAMELY and sv.words[i - 1] == ",":
        return target
    j = target[-1].last + 1
    if len(target) == 1 and j + 2 < len(sv.words) and sv.words[j] == "," and sv.words[j + 1] in _NAMELY:
        k = next((k for k, a in enumerate(sv.actors) if a.first == j + 2), None)
        chain = _chain_right(sv.actors, k, sv) if k is not None else []
        if len(chain) > 1:
            return chain
    return None


def _join_targets(events: list[dict], text: str) -> list[dict]:
    """"Kuat Maruf divonis 15 tahun dan Ricky Rizal divonis 13 tahun": one sentence telling
    the same action by the same party on several targets joined by "dan/serta" is one
    event with all of them ("Kemudian, terdakwa lain ..." goes on to another)."""
    def joined(a: dict, b: dict) -> bool:
        gap = text[a["trigger"][1] : b["trigger"][0]]
        return bool(re.search(r"\b(?:dan|serta)\b", gap)) and not _NEXT.search(gap)

    keep: list[dict] = []
    for ev in events:
        first = next((k for k in keep if k["code"] == ev["code"] and not k["mutual"] and not ev["mutual"]
                      and k["target"] and ev["target"] and joined(k, ev)
                      and [a["name"] for a in k["source"]] == [a["name"] for a in ev["source"]]), None)
        if first is None:
            keep.append(ev)
            continue
        names = {a["name"] for a in first["target"]}
        first["target"] = first["target"] + [a for a in ev["target"] if a["name"] not in names]
        first["by"] += " +joined"
    return keep


def _followed_by(sv: SentenceView, m: Match, words: list[str]) -> bool:
    """One of ``words``, or the verb of what is asked ("meminta petugas mengeluarkan
    ..."), within a few tokens after the trigger, before any punctuation."""
    for i in range(m.last + 1, min(len(sv.words), m.last + 7)):
        w = sv.words[i]
        if w in words or (i > m.last + 1 and _verb_like(sv, i)):
            return True
        if w in (",", ".", ";", ":", "?", "!"):
            return False
    return False


def _internal_meeting(sv: SentenceView, m: Match, code: str, source: list[Actor],
                      target: list[Actor]) -> bool:
    """"KPU menggelar rapat": a body meeting by itself is no event between actors;
    "rapat dengan delegasi" is, even when the partner is left unnamed."""
    if code not in ("040", "041") or target or len(source) > 1:
        return False
    trigger = sv.words[m.first]
    if not (trigger in _classes()["light"] or trigger.startswith("ber")):
        return False  # "menemui para pekerja": a visit to someone left unnamed
    return not any(w in ("dengan", "bersama", "antara") for w in sv.words[m.last + 1: _clause_end(sv, m.last)])


def _is_person(party: dict, ctx: Context) -> bool:
    ent = ctx.ents.get(party.get("entity") or "")
    return getattr(ent, "type", None) == "PER" or bool(
        ctx.last_person and ctx.last_person[0].name == party.get("name"))


_KIND_CODES = {"police": "IDNCOP", "prosecutor": "IDNJUD", "court": "IDNJUD", "kpk": "IDNJUD"}


def _role_source(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """"Penyidik telah memeriksa 45 saksi": the investigating body named before
    acts; a bare "polisi" or "jaksa" with none named is the police or prosecution."""
    lx = _classes()
    lo = _clause_start(sv, head)
    i = _last_before(sv, head, lo)
    if i > lo and sv.words[i] in ("itu", "tersebut"):  # "Lembaga antirasuah itu meminta ..."
        i -= 1
    if i < lo or sv.words[i] not in lx["role_subjects"]:
        return []
    if i > 0 and sv.words[i - 1] in lx["oblique_prepositions"] and sv.words[i - 1] != "pihak":
        return []  # "Pihak kepolisian mengimbau ...": the police side acts
    kinds = lx["role_subjects"][sv.words[i]].split("|")
    found = _last_of_kind(ctx.seen + [a for a in sv.actors if a.last < i], kinds)
    if found:
        return found
    speaker = _speaker_at(sv.spans[head][0], ctx)  # '"Petugas mengamankan ...," kata Kapolres X'
    if speaker and speaker[0].actor in {_KIND_CODES.get(k) for k in kinds}:
        return speaker
    code = {"police": "IDNCOP", "prosecutor": "IDNJUD"}.get(kinds[0]) if len(kinds) == 1 else None
    if kinds == ["court"] and ctx.home == "IDN":  # "Majelis hakim menjatuhkan vonis ..." in an Indonesian story
        code = "IDNJUD"
    if code and sv.words[i] not in ("aparat", "bhayangkara"):
        a = Actor(i, i, None, sv.orig[i], code, "ORG", sv.spans[i][0], sv.spans[i][1])
        a.text = sv.orig[i]
        return [a]
    return []


def _fits_body(a: Actor, kind: str) -> bool:
    code = a.actor or ""
    if kind == "state":
        return (a.type == "LOC" and len(code) == 3) or (a.type == "ORG" and code[3:6] == "GOV")
    if a.type != "ORG":
        return False
    if kind == "party":
        return "PTY" in code or "partai" in (a.name or "").lower()
    if kind == "business":
        return "BUS" in code or (a.name or "").startswith("PT ")
    return True


def _anaphoric_body(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """"Komunitas ini juga meminta DKPP ...", "Negara itu menerbitkan proposal ...":
    a noun of a body closed by "ini/itu/tersebut" and standing as the subject points
    back to the last body of that kind named before."""
    lx = _classes()
    lo = _clause_start(sv, head)
    i = _last_before(sv, head, lo)
    if i <= lo or sv.words[i] not in ("ini", "itu", "tersebut"):
        return []
    bodies = lx["anaphoric_bodies"]
    k = next((k for k in range(i - 1, max(lo, i - 4) - 1, -1) if sv.words[k] in bodies), None)
    if k is None:
        return []
    start = max([lo] + [j + 1 for j in range(lo, k) if sv.words[j] == ","])  # "Sementara itu, komunitas ini ..."
    if any(w not in ('"', "“", "”") and w not in _adverbs() for w in sv.words[start:k]):
        return []
    if any(a.last >= k and a.first < i for a in sv.actors):
        return []  # "Partai Gerindra itu": the phrase names its own actor
    kind = bodies[sv.words[k]]
    earlier = ctx.seen + [a for a in sv.actors if a.last < k]
    # "Komunitas Pemilu Bersih ... komunitas ini": the body whose name holds the noun
    noun = sv.words[k].capitalize()
    named = [a for a in earlier if noun in a.name.split() or noun in a.text.split()]
    if named:
        return named[-1:]
    if re.search(rf"\b{re.escape(noun)} [A-Z]", ctx.article.text[: sv.start]):
        return []  # named before, but not as an actor: no other body stands in for it
    for a in reversed(earlier):
        if _fits_body(a, kind):
            return [a]
    return []


def _described_person(sv: SentenceView, head: int, ctx: Context) -> list[Actor]:
    """"Mantan ajudan Ferdy Sambo itu divonis ...", "mahasiswi ini berharap ...": a
    description of a person closed by "itu/ini/tersebut" stands for the last person named."""
    lx = _classes()
    lo = _clause_start(sv, head)
    lo = max([lo] + [j + 1 for j in range(lo, head) if sv.words[j] == ","])  # "Untuk itu, mahasiswi ini ..."
    skip = {*lx["between"], *lx["negation"], *lx["time_adverbs"]}
    words = [sv.words[j] for j in range(lo, head) if (sv.words[j] not in skip or _demonstrative(sv, j))
             and sv.words[j] not in ('"', "“", "”", ",")]
    if len(words) < 2 or words[-1] not in ("itu", "ini", "tersebut") or words[0] not in lx["person_nouns"]:
        return []
    return list(ctx.last_person)


def _last_of_kind(earlier: list[Actor], kinds: list[str]) -> list[Actor]:
    table = _classes()["implicit_agents"]
    keys = {w for k in kinds for w in table.get(k, [])}
    for a in reversed(earlier):
        words = set(re.findall(r"\w+", f"{a.name} {a.text}".lower()))
        if words & keys:
            return [a]
    return []


def _implicit_agent(sv: SentenceView, m: Match, ctx: Context) -> list[Actor]:
    """"Agus divonis 2 tahun": the court named earlier in the article passed it."""
    kinds = m.pattern.options.get("implicit", "")
    if not kinds:
        return []
    return _last_of_kind(ctx.seen + [a for a in sv.actors if a.last < m.first], kinds.split("|"))


def view_sentences(article: Article) -> tuple[list[SentenceView], list, dict]:
    """Tokenise once and cut the article into sentence views with their actors."""
    text = article.text
    spans = _token_spans(text)
    starts = [s for s, _ in spans]
    # Lower-casing the text once gives the same words as lower-casing each token when no
    # character changes length or depends on its neighbours (only İ and Σ do).
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        low = None
    mentions = _raw_mentions(article)
    mention_starts = [m[0] for m in mentions]  # sorted: a sentence's mentions are one run
    ents = _entity_table(article)
    views = []
    countries: dict[str, int] = {}
    for n, (s, e) in enumerate(_sentences(article)):
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        sp = spans[lo:hi]
        orig = [text[a:b] for a, b in sp]
        lowered = [low[a:b] for a, b in sp] if low is not None else [w.lower() for w in orig]
        sv = SentenceView(n, s, e, sp, lowered, orig)
        inside = mentions[bisect.bisect_left(mention_starts, s):bisect.bisect_right(mention_starts, e)]
        sv.actors = _actors_in(sv, inside, ents, text)
        for a in sv.actors:
            if a.actor and ARMED.match(a.actor):
                countries[a.actor[:3]] = countries.get(a.actor[:3], 0) + 1
        if "pemerintah" in sv.words:
            sv.actors = _bare_government(sv, countries)
        if "penegak" in sv.words:
            sv.actors = _law_enforcers(sv, countries)
        for a in sv.actors:
            a.text = text[a.start : a.end]
        views.append(sv)
    return views, mentions, ents


def _bare_government(sv: SentenceView, countries: dict[str, int]) -> list[Actor]:
    """A bare "pemerintah" is the government of the country the article is about
    so far (the one its state actors name most, Indonesia when none): "Dia
    mempertanyakan keseriusan pemerintah"."""
    taken = {i for a in sv.actors for i in range(a.first, a.last + 1)}
    country = max(countries, key=lambda c: (countries[c], c == "IDN")) if countries else "IDN"
    found = []
    for i, w in enumerate(sv.words):
        if w != "pemerintah" or i in taken:
            continue
        after = sv.words[i + 1] if i + 1 < len(sv.words) else ""
        if any(t[:1].isupper() for t in sv.orig[i + 1 : i + 3]) or after in ("(", "negara", "asing"):
            continue  # "pemerintah Kota Ambon", "pemerintah negara lain": another government
        if i > 0 and (sv.words[i - 1] == "oleh" or sv.words[i - 1].startswith("di")):
            continue  # "uang yang diberikan pemerintah": the agent of a relative clause
        found.append(Actor(i, i, None, "pemerintah", country + "GOV", "ORG", sv.spans[i][0], sv.spans[i][1]))
    return sorted(sv.actors + found, key=lambda a: a.first) if found else sv.actors


def _law_enforcers(sv: SentenceView, countries: dict[str, int]) -> list[Actor]:
    """"(aparat/lembaga-lembaga) penegak hukum" stands for the named bodies that enforce
    the law (police, prosecutors, KPK) of the article's country: one actor, coded as its police."""
    taken = {i for a in sv.actors for i in range(a.first, a.last + 1)}
    country = max(countries, key=lambda c: (countries[c], c == "IDN")) if countries else "IDN"
    found = []
    for i, w in enumerate(sv.words[:-1]):
        if w != "penegak" or sv.words[i + 1] != "hukum" or i in taken or i + 1 in taken:
            continue
        if i + 2 < len(sv.words) and sv.orig[i + 2][:1].isupper():
            continue  # "penegak hukum Polda X": the named body is the actor
        first = i - 1 if i > 0 and sv.words[i - 1] in ("aparat", "aparatur", "lembaga", "lembaga-lembaga",
                                                       "institusi", "instansi") and i - 1 not in taken else i
        a = Actor(first, i + 1, None, "penegak hukum", country + "COP", "ORG", sv.spans[first][0], sv.spans[i + 1][1])
        found.append(a)
    return sorted(sv.actors + found, key=lambda a: a.first) if found else sv.actors


def _anaphoric(text: str, e: int) -> bool:
    """'pada Selasa (26/12/2017) itu' refers back to an event already told."""
    return re.match(r"\s*(?:itu|tersebut)\b", text[e : e + 12]) is not None


_SPORTS_URL = re.compile(r"//(?:bola|sport|sports|olahraga|superball)\.|/(?:sport|sports|bola|superskor|olahraga)/")


def _sports_article(article: Article) -> bool:
    """A match report ("Almeria kembali mengancam") by its section or its title."""
    if article.url and _SPORTS_URL.search(article.url):
        return True
    return bool(re.search(r"\bvs\.?\s", (article.title or "").lower()))


def code_article(article: Article, gate: Gate | None = DEFAULT_GATE, raw: bool = False) -> list[dict]:
    """All events of an article, merged: one event per real action.

    The rules' events go through the learned ``gate``, which gives each a ``confidence``
    and drops those its features say are likely wrong; ``gate=None`` keeps them all.
    ``raw`` gives every event the rules propose, before gate and merging, with the
    gate's inputs (``_sentence``), for training."""
    if _sports_article(article):
        return []
    text = article.text
    times = [
        (s, e, d, de, is_citation_date(text, s))
        for s, e, d, de in find_time_expressions(text, article.published)
    ]
    views, mentions, ents = view_sentences(article)
    ctx = Context(article, times, ents, home=_home_country(views))
    events: list[dict] = []
    for sv in views:
        events.extend(code_sentence(sv, ctx, mentions, ents))
        _redate_back(sv, ctx, events)
    if raw:
        return events
    if gate is not None:
        events = gate.judge(events, article)
    for ev in events:
        ev.pop("_sentence", None)
    return merge(events, frozenset(e.id for e in article.entities if e.type == "PER"), ctx.home)


def _home_country(views: list[SentenceView]) -> str:
    """"IDN" when the article is about Indonesia (its state actors name Indonesia
    most, or none is named), else "": unnamed groups then carry no country."""
    countries: dict[str, int] = {}
    for sv in views:
        for a in sv.actors:
            if a.actor and ARMED.match(a.actor) or (a.actor or "").startswith("IDN"):
                countries[a.actor[:3]] = countries.get(a.actor[:3], 0) + 1
    if not countries:
        return "IDN"
    top = max(countries.values())
    return "IDN" if countries.get("IDN", 0) == top else ""


def _redate_back(sv: SentenceView, ctx: Context, events: list[dict]) -> None:
    """An anaphoric date dates the undated events told just before it."""
    for s, e, d, de, cited in ctx.times:
        if sv.start <= s < sv.end and d and not cited and _anaphoric(ctx.article.text, e):
            for ev in reversed(events):
                if ev["start"] >= sv.start:
                    continue
                if ev["date_by"] != "published":
                    break
                ev.update(date=d, date_end=de, date_by="anaphora")


def _actor_key(actors: list[dict], persons: frozenset[str] = frozenset(), home: str = "") -> tuple[str, ...]:
    """Merge key of a party: a person by its entity, a state or body by its country.

    Two police officers share the code IDNCOP but are two parties; "AS",
    "Amerika Serikat" and "Pemerintah Amerika Serikat" are one state.
    """
    keys = set()
    for a in actors:
        code = a["actor"] or ""
        if a["entity"] and (a["entity"] in persons or not code):
            keys.add(a["entity"])
        elif len(code) == 3 or (code.endswith("GOV") and not (a["entity"] and code[:3] == home)):
            keys.add(code[:3])  # a named body of the article's own country stays itself
        else:
            keys.add(a["entity"] or code or a["name"].lower())
    return tuple(sorted(keys))


def _other_day(a: dict, b: dict) -> bool:
    """Both events dated by the text, on days that do not meet."""
    if a["date_by"] != "text" or b["date_by"] != "text" or not a["date"] or not b["date"]:
        return False
    a_end, b_end = a["date_end"] or a["date"], b["date_end"] or b["date"]
    return a_end < b["date"] or b_end < a["date"]


def _country_key(actors: list[dict]) -> tuple[str, ...] | None:
    """The countries of a party made only of states and their governments
    ("Presiden Kim Jong Un" and "Korea Utara" are one party to a rejection)."""
    codes = [a.get("actor") or "" for a in actors]
    if not codes or not all(len(c) == 3 or (len(c) == 6 and c.endswith("GOV")) for c in codes):
        return None
    return tuple(sorted({c[:3] for c in codes}))


def merge(events: list[dict], persons: frozenset[str] = frozenset(), home: str = "") -> list[dict]:
    """Repeats of one action (same root, same parties) become one event.

    States and their governments are one party each, except those of the article's own
    country (``home``): there one code stands for many bodies (KPU, Bawaslu: IDNGOV).

    The first telling is kept; later ones add their evidence to ``repeats``
    and may lend an explicit date the first lacked.
    """
    out: list[dict] = []
    seen: dict[tuple, dict] = {}
    for ev in events:
        src, tgt = _actor_key(ev["source"], persons, home), _actor_key(ev["target"], persons, home)
        parties = (tuple(sorted(src + tgt)),) if ev["mutual"] else (src, tgt)
        # with no one acted upon, only the same kind of action is a repeat: "KPK menahan
        # tersangka" and "KPK menyita uang" are two actions of one root (17)
        key = (ev["root"] if tgt else ev.get("code", ev["root"]),) + parties
        country = _country_key(ev["target"])
        alt = None
        src_country = _country_key(ev["source"])
        if country and not ev["mutual"] and src_country != country and country != (home,):
            # states and their governments: one party each; within one country ("Kemenkeu
            # membantah Rizal", "Rizal mengkritisi pemerintah") the parties stay apart
            alt = (ev["root"], src_country or src, country)
        first = seen.get(key) or (seen.get(alt) if alt else None)
        said = None
        if first is None and ev["root"] in VERBAL_ROOTS and not ev["mutual"]:
            said = (ev["root"], src)
            first = seen.get(said) if not tgt else None
        if first is None and "+carried" in ev.get("by", ""):
            # a telling with no subject of its own ('"Menjatuhkan pidana kepada X," sambung dia')
            # repeats an earlier action of its kind on the same party, whoever it named as doer
            first = next((f for f in reversed(out) if f["code"] == ev["code"] and (
                not tgt or _actor_key(f["target"], persons, home) == tgt)), None)
        if first is not None and _other_day(first, ev):
            first = None  # the same kind of action on another day told in the text: a new event
        if first is None:
            seen[key] = ev
            if alt:
                seen[alt] = ev
            if said:
                seen.setdefault(said, ev)
            ev["repeats"] = []
            out.append(ev)
            continue
        first["repeats"].append([ev["start"], ev["end"]])
        if first["date_by"] == "published" and ev["date_by"] != "published":
            first.update(date=ev["date"], date_end=ev["date_end"], date_by=ev["date_by"])
    return out
