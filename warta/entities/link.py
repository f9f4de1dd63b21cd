"""Find the names in an article, join their mentions into entities, give each an actor code.

The steps, all over one token sequence of ``Article.text``:

1. candidates: dictionary aliases (``gazetteer``), names after a role ("Menteri Luar Negeri Rusia
   Sergei Lavrov"), next to a speech verb ("kata Peskov", "Budi Santoso mengatakan") or in
   apposition before a role ("Budi, juru bicara Polri"), organisation phrases that open with a head
   word ("Pemerintah Rusia", "Departemen Luar Negeri AS"), and, when a tagger is given, the
   statistical NER's spans; unnamed institutional actors ("majelis hakim", "JPU", "penyidik":
   ``generic_actors.tsv``) where they name no person's role; compounds of two bodies
   ("TNI-Polri") are cut at the hyphen first;
2. resolution: overlapping candidates are settled longest first, the dictionary winning ties, so
   the dictionary decides identity and the tagger only adds names the dictionary lacks;
3. linking: a later "Peskov" joins the "Dmitry Peskov" of the same article, an acronym given in
   brackets after a name ("Komisi Pemberantasan Korupsi (KPK)") joins that name, an
   organisation's acronym standing alone joins it ("PT SPR" ... "konsorsium SPR"), "penyidik"
   joins the body the article names (KPK, Polri);
4. roles: a role before a name (with an affiliation between them) or after it in apposition
   (", juru bicara Kremlin,") becomes the person's role and affiliation;
5. actor codes: the dictionary's code when the entity is in it (for generated office records, only
   when the text gives no role of its own); otherwise the affiliation's code
   (juru bicara Kremlin -> RUSGOV) or the country the role names or the sentence is about, plus
   the role's sector (Menteri Luar Negeri Rusia -> RUSGOV, Kapolri -> IDNCOP).

Entity ids are stable across articles: the dictionary id, else ``type:slug-of-the-full-name``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..article import Entity, Mention
from .gazetteer import Actor, Gazetteer, GenericActor, Hit, Role, is_acronym, normalise

NEWLINE = re.compile(r"\n")
DIGIT = re.compile(r"\d")
ROMAN = re.compile(r"[IVX]{1,4}")  # "Komisi I", "Kodam IV"
ARTICLE_NAME = re.compile(r"(?:al|el|as|ash|ad|ar|at|az|an)-(\w{3,})")  # "al-Sisi" -> "Sisi"
COMPOUND = re.compile(r"[^\W\d_]+(?:[-/][^\W\d_]+)+")  # "TNI-Polri", "AS-China"
MAX_NAME = 4  # tokens in a name found by rule
MAX_ORG = 7  # tokens in an organisation phrase found by rule
MAX_RUN = 18  # tokens after a role: affiliation, bracketed short forms, ranks and the name
NER_TYPES = {
    "PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "GPE": "LOC",
}
PRIORITY = {"dict": 0, "role": 1, "org": 2, "generic": 2, "cue": 3, "ner": 4}
# Words before an institutional noun that make it no actor: "mantan jaksa", "sebagai polisi".
NOT_ACTING = frozenset({"mantan", "eks", "bekas", "calon", "sebagai", "menjadi", "jadi", "gadungan",
                        "selaku", "profesi", "main", "laporan"})  # "main hakim sendiri"
DEFAULT_COUNTRY = "IDN"  # an Indonesian outlet's unqualified "Presiden" is Indonesia's


@dataclass(slots=True)
class Cand:
    """A candidate mention over tokens [start, end)."""

    start: int
    end: int
    type: str
    by: str
    source: str  # dict | role | org | cue | ner | link
    entry: Actor | None = None
    actor: str | None = None  # for organisation phrases: country + sector
    key: str = ""
    role: Hit[Role] | None = None  # the role a rule found the name by, if not adjacent
    canon: tuple[str, str] | None = None  # (id, name) of a country's own body
    generic: GenericActor | None = None  # the unnamed institutional actor it stands for


@dataclass(slots=True)
class EntityInfo:
    """What is known about one entity while the article is read."""

    key: str
    type: str
    entry: Actor | None
    cands: list[Cand] = field(default_factory=list)
    role: Role | None = None
    affiliation: Cand | None = None
    actor: str | None = None
    actor_by: str = ""  # the rule that gave ``actor``
    context: str | None = None  # country the sentence of its first role is about


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday Indonesian words (the language layer's list), to doubt one-word names."""
    try:
        text = resources.files("warta.lang.id").joinpath("common_words.txt").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip()
                     and not w.startswith("#"))


def slug(text: str) -> str:
    """Stable slug of a name for entity ids ("Dmitry Peskov" -> "dmitry-peskov")."""
    return re.sub(r"[^\w]+", "-", normalise(text)).strip("-")


class Doc:
    """One article's tokens and the per-token facts every step needs, computed once."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]], sent_starts: Sequence[int]):
        self.text = text
        self.spans = spans
        self.toks = [text[s:e] for s, e in spans]
        lowered = text.lower().replace("’", "'").replace("`", "'")
        if len(lowered) == len(text):
            self.low = [lowered[s:e] for s, e in spans]
        else:  # a character whose lower case is longer: go token by token
            self.low = [normalise(t) for t in self.toks]
        self.n = len(self.toks)
        starts = [s for s, _ in spans]
        self.sent = self._sentence_ids(starts, sent_starts)
        # token i is separated from token i-1 by a line break or a sentence boundary
        self.brk = [True] + [self.sent[i] != self.sent[i - 1] for i in range(1, self.n)]
        for m in NEWLINE.finditer(text):
            j = bisect.bisect_left(starts, m.start())
            if j < self.n:
                self.brk[j] = True
        self.caps = [t[0].isupper() for t in self.toks]
        self.where: dict[str, list[int]] = {}
        for i, w in enumerate(self.low):
            self.where.setdefault(w, []).append(i)

    def positions(self, words: Container[str]) -> list[int]:
        """Sorted token positions of any of ``words`` (one probe per distinct word of the text)."""
        out = [i for w, at in self.where.items() if w in words for i in at]
        out.sort()
        return out

    def _sentence_ids(self, starts: list[int], sent_starts: Sequence[int]) -> list[int]:
        ids = [0] * len(starts)
        marks = [bisect.bisect_left(starts, s) for s in sorted(sent_starts)]
        k = -1
        prev = 0
        for m in marks:
            for i in range(prev, min(m, len(ids))):
                ids[i] = k
            k += 1
            prev = max(prev, m)
        for i in range(prev, len(ids)):
            ids[i] = k
        return ids

    def sentence_of(self, i: int) -> int:
        return self.sent[i]

    def cap(self, i: int) -> bool:
        return self.caps[i]

    def surface(self, c: Cand) -> str:
        return self.text[self.spans[c.start][0] : self.spans[c.end - 1][1]]


class Linker:
    """Runs the steps above for one article; ``run`` returns mentions and entities."""

    def __init__(self, gaz: Gazetteer, doc: Doc, context_country: str | None):
        self.gaz = gaz
        self.particles = gaz.words("particle")
        self.joiners = self.particles | gaz.words("joiner")
        self.apposition = gaz.words("apposition")
        self.given = gaz.words("given")
        self.openers = gaz.words("opener")
        self.street = gaz.words("street")
        self.doc = doc
        self.context_country = context_country
        d = doc
        self.actor_hits = gaz.aliases.scan(d.toks, d.low, d.positions(gaz.aliases.lengths))
        roles = gaz.roles.scan(d.toks, d.low, d.positions(gaz.roles.lengths))
        self.role_hits = [h for h in roles if self._role_ok(h)]
        self.role_end = {h.end: h for h in self.role_hits}
        self.role_start = {h.start: h for h in self.role_hits}
        self.actor_start = {h.start: h for h in self.actor_hits}
        self.covered = [False] * d.n
        self.article_parts: set[str] = set()  # one-word names cut from "al-Sisi" and the like
        self.actor_at = {k: h for h in self.actor_hits for k in range(h.start, h.end)}
        self.role_cover = {k for h in self.role_hits for k in range(h.start, h.end)}
        self.actor_cover = self.actor_at.keys()
        nonnames = gaz.nonnames | gaz.words("honorific")
        self.names = [
            d.caps[i] and len(t) >= 2 and d.low[i] not in nonnames and not is_acronym(t)
            and d.low[i] not in gaz.stops and DIGIT.search(t) is None
            and d.low[i] not in gaz.heads.lengths
            for i, t in enumerate(d.toks)
        ]

    # ---- candidates -------------------------------------------------------------------------

    def _role_ok(self, h: Hit[Role]) -> bool:
        """Not a street ("Jalan Kapten P Tendean"), nor a capitalised name word ("Budi Jaksa")."""
        if h.start > 0 and self.doc.low[h.start - 1] in self.street:
            return False
        if h.start > 0 and self.doc.low[h.start - 1] in self.gaz.heads.lengths:
            return False  # "Direktorat Jenderal Pajak", "Universitas Jenderal Soedirman"
        if h.value.phrase.lower() in self.gaz.words("honorific"):
            return True
        return not (h.end - h.start == 1 and self.doc.toks[h.start][:1].isupper()
                    and h.value.phrase[:1].islower() and h.start > 0
                    and not self.doc.brk[h.start] and self.doc.cap(h.start - 1))

    def _name_token(self, i: int) -> bool:
        """Could be a word of a person's name: capitalised, not an institution or time word."""
        return self.names[i]

    def dictionary_cands(self) -> list[Cand]:
        out = []
        for h in self.actor_hits:
            a = h.value
            if a.type == "PER" and h.end - h.start == 1 and self._inside_longer_name(h.start):
                h = self._own_longer_name(h)  # "Tayyip Erdogan" is Recep Tayyip Erdogan
                if h is None:
                    continue
            if self._short_form_of_preceding(h):
                continue  # "Ogan Komering Ilir (OKI)" is not the OIC
            by = f"gazetteer:{a.source}"
            if self._compound_part(h.start, h.end):
                by += "+rule:compound"  # "TNI-Polri": one of two bodies
            out.append(Cand(h.start, h.end, a.type, by, "dict", entry=a))
        return out

    def _compound_part(self, i: int, j: int) -> bool:
        """Tokens [i, j) glued by a hyphen or slash to a neighbour ("TNI" of "TNI-Polri")."""
        d = self.doc
        left = i > 0 and d.toks[i - 1] in ("-", "/") and d.spans[i - 1][1] == d.spans[i][0]
        right = j < d.n and d.toks[j] in ("-", "/") and d.spans[j][0] == d.spans[j - 1][1]
        return left or right

    def _own_longer_name(self, h: Hit[Actor]) -> Hit[Actor] | None:
        """The surname with the name words before it, when they are all the person's own."""
        d = self.doc
        own = {normalise(w) for a in h.value.aliases for w in a.split()}
        i = h.start
        while i > 0 and not d.brk[i] and self._name_token(i - 1) and d.low[i - 1] in own:
            i -= 1
        right = h.end < d.n and not d.brk[h.end] and self._name_token(h.end)
        if i == h.start or right or self._inside_longer_name_left(i):
            return None
        return Hit(i, h.end, h.value)

    def _short_form_of_preceding(self, h: Hit[Actor]) -> bool:
        """A bracketed acronym abbreviating the capitalised words before it (not itself)."""
        d = self.doc
        i = h.start
        if h.end - i != 1 or i < 2 or d.toks[i - 1] != "(" or h.end >= d.n or d.toks[h.end] != ")":
            return False
        before = self.actor_at.get(i - 2)
        if before is not None and before.value.id == h.value.id:
            return False
        k = i - 1
        while k > 0 and i - 1 - k < 8 and (d.caps[k - 1] or d.low[k - 1] == "dan"):
            k -= 1
            words = d.text[d.spans[k][0] : d.spans[i - 2][1]]
            if _abbreviates(d.toks[i], words):
                return True
        return False

    def _inside_longer_name(self, i: int) -> bool:
        """A lone surname next to other name words ("Ivanka Trump") is someone else."""
        d = self.doc
        right = i + 1 < d.n and not d.brk[i + 1] and self._name_token(i + 1)
        return right or self._inside_longer_name_left(i)

    def _inside_longer_name_left(self, i: int) -> bool:
        d = self.doc
        if i == 0 or d.brk[i] or not self._name_token(i - 1) or i in self.role_end:
            return False
        return not any(h.end == i for h in self.actor_hits)

    def _skip_affiliations(self, k: int) -> int:
        """Past the places, organisations, acronyms and numbers right after a role.

        "Menteri Luar Negeri AS ...", "Anggota Komisi I DPR ...", "Ketua Umum PSSI ...".
        """
        d = self.doc
        while k < d.n and not d.brk[k]:
            hit = self.actor_at.get(k)  # may have begun inside the role ("Wali Kota Palembang")
            if hit is not None and hit.value.type in ("LOC", "ORG"):
                k = hit.end
            elif hit is None and (ROMAN.fullmatch(d.toks[k]) or is_acronym(d.toks[k])):
                k += 1
            elif d.toks[k] == "(" and ")" in d.toks[k + 1 : k + 5]:  # "Menteri Keuangan (Menkeu)"
                k = d.toks.index(")", k + 1) + 1
            else:
                break
        return k

    def _run(self, k: int) -> int:
        """End of the run of capitalised tokens (with name particles) starting at ``k``."""
        d = self.doc
        j = k
        while j < d.n and (j == k or not d.brk[j]):
            if d.cap(j) and (j == k or j not in self.role_start or j in self.actor_start):
                j += 1
            elif d.low[j] in self.particles and j + 1 < d.n and d.cap(j + 1) and j > k:
                j += 1
            else:
                break
        return j

    def role_cands(self) -> list[Cand]:
        """Names right after a role and its affiliation.

        "Menteri Luar Negeri Rusia Sergei Lavrov", "Menteri Koperasi dan UKM Teten Masduki", and
        "Ketua Unit Komunikasi Publik Unud, Ni Nyoman Dewi Pascarani" (name after the comma that
        closes the affiliation).
        """
        out = []
        d = self.doc
        for h in self.role_hits:
            k = self._skip_affiliations(h.end)
            if k >= d.n or d.brk[k] or k in self.role_start and not d.caps[k]:
                continue
            if self._after_name_in_apposition(h):
                continue  # "Subur Saroso, Kepala Seksi ...": the name is before
            j = k if k in self.actor_start else self._role_run(k)
            start = self._name_start(k, j)
            head = self.gaz.heads.word(d.low[k])
            if head is not None and head.sector in ("BUS", "") and start < j:
                start = j  # "Direktur Utama PT Permata Dunia Sukses Utama": all company name
            has_org = start > k or k > h.end
            after = self._name_after_comma(j) if has_org or start == j else None
            if after is not None:
                out.append(Cand(after[0], after[1], "PER", "rule:role-name", "role", role=h))
                continue
            size = j - start
            if size < 1 or size > MAX_NAME or not self._name_token(start):
                continue
            after_marker = start in self.role_end or start - 1 in self.actor_cover \
                or d.toks[start - 1] == ")"
            if size == 1 and not (start == k and d.caps[h.start] or after_marker):
                continue  # "mahasiswa Sosiologi" is not a name; "Kombes Ariasandy" is
            if size == 1 and self._common_word(start):
                continue
            out.append(Cand(start, j, "PER", "rule:role-name", "role", role=h))
        return out

    def _common_word(self, i: int) -> bool:
        """A lone capitalised word that is an everyday word ("Hasilnya", "Center")."""
        low = self.doc.low[i]
        return low in common_words() or low.endswith("nya")

    def _after_name_in_apposition(self, h: Hit[Role]) -> bool:
        d = self.doc
        i = h.start
        return i >= 2 and d.low[i - 1] in self.apposition and self._name_token(i - 2) \
            and (i - 2) not in self.actor_cover

    def _role_run(self, k: int) -> int:
        """End of the capitalised run after a role, through places, bodies and ranks.

        "Kapolsek Dayeuhkolot AKP Triyono", "Kepala Kejari Jember Ichwan Efendi".
        """
        d = self.doc
        j = k
        while j < d.n and (j == k or not d.brk[j]) and j - k < MAX_RUN:
            hit = self.actor_start.get(j)
            if hit is not None:
                if hit.value.type == "PER":
                    return j
                j = hit.end
            elif d.caps[j] or j in self.role_start:  # a word, or a rank or title ("AKP", "dr")
                j = self.role_start[j].end if j in self.role_start else j + 1
            elif d.toks[j] == "(" and j > k and ")" in d.toks[j + 1 : j + 5]:  # "(BGN)"
                j = d.toks.index(")", j + 1) + 1
            elif d.low[j] in self.joiners and j + 1 < d.n and d.caps[j + 1] and j > k:
                j += 1  # "Deputi Penindakan dan Eksekusi KPK ...", "Mohammed bin Salman"
            else:
                break
        return j

    def _name_start(self, k: int, j: int) -> int:
        """Start of the name at the end of the capitalised run [k, j)."""
        d = self.doc
        start = j
        while start > k and start - 1 not in self.actor_cover and start - 1 not in self.role_cover and (
            self._name_token(start - 1)
            or (start > k + 1 and d.low[start - 1] in self.particles)
        ):
            start -= 1
        if d.low[k] in self.gaz.heads.lengths:  # "Rektor Universitas Udayana Made ..."
            start = max(start, k + 2)
        if k < start < j and d.toks[start - 1] in self.openers:  # "AKBP I Made Parwita"
            start -= 1
        return min(start, j)

    def _name_after_comma(self, j: int) -> tuple[int, int] | None:
        """A name of two to four words between "," and the next non-name word.

        A rank or the last words of the affiliation may come first (", Kombes Rizki Agung
        Prakoso", ", Policy Strategic Hifdzil Alim"): the name starts after them.
        """
        d = self.doc
        if j + 1 >= d.n or d.toks[j] != "," or d.brk[j + 1] or j + 1 in self.actor_start:
            return None
        b = j + 1
        while b < d.n and b - j <= 3 and not d.brk[b] and d.caps[b]:
            rank = self.role_start.get(b)
            if rank is not None and d.low[b] not in self.given and (
                rank.value.sector in ("COP", "MIL")
                or rank.value.phrase.lower() in self.gaz.words("honorific")
            ):  # a rank or title, not an office with its own body ("Ketua Umum Kadin")
                b = rank.end
            elif d.low[b] in self.gaz.english:  # "Policy Strategic"
                b += 1
            else:
                break
        if b in self.actor_start:
            return None
        e = b
        while e < d.n and e - b < MAX_NAME + 1 and self._name_token(e) and not d.brk[e]:
            e += 1
        size = e - b
        if 2 <= size <= MAX_NAME and (e >= d.n or not self._name_token(e)):
            return b, e
        return None

    def apposition_cands(self) -> list[Cand]:
        """Names right before ", <role>": "Budi Santoso, juru bicara Polri, ..."."""
        out = []
        d = self.doc
        for h in self.role_hits:
            comma = h.start - 1
            if comma < 1 or d.low[comma] not in self.apposition or d.brk[h.start]:
                continue
            end = start = comma
            while start > 0 and end - start < MAX_NAME and self._name_token(start - 1) \
                    and not d.brk[start] and (start - 1) not in self.actor_cover:
                start -= 1
            if any(t in self.role_cover for t in range(start, end)):
                continue  # "Hakim, jaksa ..." lists roles, not a name
            if end - start == 1 and self._common_word(start):
                continue  # "Hasilnya, polisi menemukan ..."
            if start < end and self._name_token(start) and (start - 1) not in self.actor_cover \
                    and (d.brk[start] or not d.caps[start - 1]):
                out.append(Cand(start, end, "PER", "rule:apposition-name", "role"))
        return out

    def _stop_at_actor(self, k: int, j: int) -> int:
        """A run ends where a dictionary place or organisation begins."""
        for m in range(k + 1, j):
            if m in self.actor_start and self.actor_start[m].value.type != "PER":
                return m
        return j

    def cue_cands(self) -> list[Cand]:
        """Names next to a speech verb or a form of address.

        Before the name: "kata Peskov", "Pak Budi", "pelaku Astrid"; after it: "Budi Santoso
        mengatakan".
        """
        out = []
        d = self.doc
        for h in self.gaz.cues.scan(d.toks, d.low, d.positions(self.gaz.cues.lengths)):
            if h.value == "label":  # "pelaku Astrid", "korban Dea Puspita"
                span = self._name_after(h.end)
                if span is not None and span[1] - span[0] == 1 and self._common_word(span[0]):
                    continue
            else:
                span = self._name_after(h.end) if h.value == "before" else self._name_before(h.start)
            if span is not None:
                out.append(Cand(span[0], span[1], "PER", "rule:cue-name", "cue"))
        return out

    def _name_after(self, k: int) -> tuple[int, int] | None:
        d = self.doc
        if k >= d.n or d.brk[k] or not self._name_token(k) or k in self.role_start \
                or k in self.actor_start:
            return None
        j = min(self._stop_at_actor(k, self._run(k)), k + MAX_NAME)
        while j > k and not self._name_token(j - 1):
            j -= 1
        return (k, j) if j > k else None

    def _name_before(self, j: int) -> tuple[int, int] | None:
        """A run of name words ending at ``j`` that opens its clause ("..., Budi Santoso")."""
        d = self.doc
        if j == 0 or d.brk[j]:
            return None
        k = j
        while k > 0 and j - k < MAX_NAME and self._name_token(k - 1) \
                and (k - 1) not in self.actor_cover and (k - 1) not in self.role_cover \
                and (k == j or not d.brk[k]):
            k -= 1
        if k == j or (k > 0 and not d.brk[k] and (d.caps[k - 1] or d.low[k - 1] in self.particles)):
            return None  # not the whole name, or no name at all
        if j - k == 1 and self._common_word(k):
            return None
        return k, j

    def org_cands(self, taken: Sequence[Cand]) -> list[Cand]:
        """Organisation phrases: a head word and the capitalised words after it."""
        d = self.doc
        blocked = set()
        for c in taken:
            if c.type == "PER":
                blocked.update(range(c.start, c.end))
        out = []
        for h in self.gaz.heads.scan(d.toks, d.low, d.positions(self.gaz.heads.lengths)):
            if not d.cap(h.start) or h.start in blocked:
                continue
            if h.start in self.actor_start:  # a dictionary body: only "<body> <country>" extends it
                j, actor = self._body_of_country(self.actor_start[h.start])
            else:
                j, actor = self._org_extent(h.end, blocked)
            if j <= h.end:
                continue
            country = actor.country if actor is not None else None
            if actor is not None and actor.type == "ORG" and actor.actor:
                code = actor.actor  # "Juru bicara Kemenlu ..." keeps the named body's code
            else:
                code = f"{country}{h.value.sector}" if country else None
            cand = Cand(h.start, j, "ORG", "rule:org-head", "org", actor=code)
            if h.value.generic and actor is not None and actor.kind == "country" \
                    and self.actor_start.get(h.end, None) is not None \
                    and self.actor_start[h.end].value is actor and j == self.actor_start[h.end].end:
                label = h.value.generic  # "Pemerintah Rusia" -> Government of Russia
                cand.canon = (f"org:{slug(label)}-of-{actor.id}", f"{label} of {actor.name}")
            out.append(cand)
        return out

    def _body_of_country(self, hit: Hit[Actor]) -> tuple[int, Actor | None]:
        """ "Kementerian Luar Negeri" + "Rusia": Russia's ministry, not Indonesia's."""
        nxt = self.actor_start.get(hit.end)
        if nxt is None or nxt.value.kind != "country" or self.doc.brk[hit.end]:
            return hit.start, None
        return nxt.end, nxt.value

    def _org_extent(self, k: int, blocked: set[int]) -> tuple[int, Actor | None]:
        d = self.doc
        j = k
        while j < d.n and j - k < MAX_ORG and not d.brk[j] and j not in blocked:
            if d.low[j] in self.gaz.stops:
                break
            if j in self.actor_start:
                hit = self.actor_start[j]
                if hit.value.type == "PER":
                    break
                return hit.end, hit.value
            if j in self.role_start and (j > k or self.role_start[j].value.sector == "GOV"):
                break  # "Pemerintah Presiden terpilih ..." is no organisation's name
            if d.cap(j):
                j += 1
            elif d.low[j] == "dan" and j + 1 < d.n and d.cap(j + 1) and j > k:
                j += 1
            else:
                break
        while j > k and d.low[j - 1] == "dan":  # cut off by a name: "Dinas Pertanian dan"
            j -= 1
        return j, None

    def generic_cands(self, cands: Sequence[Cand]) -> list[Cand]:
        """Unnamed institutional actors ("majelis hakim", "JPU", "penyidik"): ``generic_actors.tsv``.

        Not when the words are part of a longer role ("Hakim Agung", "Jaksa Agung"), the role of
        a named person ("jaksa penuntut umum Budi", "JPU, Budi Santoso,"), followed by the body
        they belong to ("penyidik KPK", "hakim PN Jakarta Selatan": that body is the actor) or
        by a capitalised name the rules left alone, or after a word that makes them no actor
        ("mantan jaksa", "bekerja sebagai polisi", "main hakim sendiri", "laporan polisi"), or
        inside a capitalised name ("Rakhmat Nur Hakim"). Followed by a country they are its own
        ("polisi Malaysia" -> MYSCOP). ``cands``: the other candidates, to see the persons.
        """
        d = self.doc
        persons = {c.start for c in cands if c.type == "PER"}
        out = []
        for h in self.gaz.generics.scan(d.toks, d.low, d.positions(self.gaz.generics.lengths)):
            g = h.value
            if any(r.start < h.end and h.start < r.end and (r.start < h.start or r.end > h.end)
                   for r in self.role_hits):
                continue  # "Hakim Agung", "Ketua Majelis Hakim", "Jaksa Agung Muda"
            if h.start > 0 and not d.brk[h.start] and d.low[h.start - 1] in NOT_ACTING:
                continue
            if h.start > 1 and d.caps[h.start] and d.caps[h.start - 1] and not d.brk[h.start] \
                    and not d.brk[h.start - 1]:
                continue  # in a capitalised name: "Rakhmat Nur Hakim", "Ilmu Kepolisian"
            k = h.end
            if k + 2 < d.n and d.toks[k] == "(" and d.toks[k + 2] == ")":
                k += 3  # "jaksa penuntut umum (JPU) ..."
            if k < d.n and not d.brk[k]:
                if k in persons or (d.toks[k] in (",", "(") and k + 1 in persons):
                    continue  # a named person's role
                hit = self.actor_start.get(k)
                if hit is not None and hit.value.type != "PER":
                    if hit.value.kind == "country" and hit.value.country and k == h.end:
                        country = hit.value
                        out.append(Cand(h.start, hit.end, "ORG", "rule:generic-actor", "generic",
                                        actor=country.country + g.sector,
                                        canon=(f"{g.id}-of-{country.id}",
                                               f"{g.name} {country.name}")))
                    continue  # "penyidik KPK": KPK is the actor
                if d.caps[k] and (self._name_token(k) or is_acronym(d.toks[k])):
                    continue  # "hakim Wahyu", "penyidik Polda": a name or body follows
            out.append(Cand(h.start, h.end, "ORG", "rule:generic-actor", "generic",
                            actor=g.actor, canon=(g.id, g.name), generic=g))
        return out

    def attach_bodies(self, chosen: Sequence[Cand]) -> None:
        """A word standing for whichever body the article names ("penyidik", "polisi") joins the
        nearest Indonesian body of its sectors named before it (else after it): "KPK ... penyidik
        memeriksa" is KPK acting. With no such body it stays an entity of its own."""
        bodies = []
        for c in chosen:
            code = c.entry.actor if c.entry is not None else c.actor
            if c.type == "ORG" and c.source != "generic" and code and code.startswith("IDN"):
                bodies.append((c.start, code[3:], c))
        for c in chosen:
            g = c.generic
            if g is None or not g.body:
                continue
            fit = [b for b in bodies if b[1] in g.body]
            before = [b for b in fit if b[0] < c.start]
            body = before[-1][2] if before else (fit[0][2] if fit else None)
            if body is not None:
                c.key, c.canon, c.actor, c.by = body.key, None, None, "rule:generic-body"

    def ner_cands(self, spans: Sequence[tuple[int, int, str]], by: str) -> list[Cand]:
        d = self.doc
        starts = {s: i for i, (s, _) in enumerate(d.spans)}
        ends = {e: i for i, (_, e) in enumerate(d.spans)}
        out = []
        for s, e, typ in spans:
            t = NER_TYPES.get(typ.upper())
            if t and s in starts and e in ends:
                out.append(Cand(starts[s], ends[e] + 1, t, by, "ner"))
        return out

    # ---- person names: their first word -------------------------------------------------------

    def trim_persons(self, cands: list[Cand]) -> list[Cand]:
        """Person candidates cut to their name; those with no name in them dropped.

        Rules and the tagger both reach left over capitalised words that belong to something
        else: "peneliti Pusat Studi Konstitusi, Policy Strategic Hifdzil Alim" (English words of
        an institution), "Polri, Kombes Rizki Agung Prakoso" (a rank), "Boston College Edith
        Hotchkiss" (a college), "Kapolsek Panggang AKP" (a role, a place and a rank: the name
        comes after it). See ``_name_span``. Dictionary names stay whole.
        """
        ner_other: dict[int, tuple[int, int]] = {}  # token -> a tagger ORG/LOC span over it
        for c in cands:
            if c.source == "ner" and c.type != "PER":
                for k in range(c.start, c.end):
                    ner_other.setdefault(k, (c.start, c.end))
        out = []
        for c in cands:
            if c.type == "PER" and c.source != "dict":
                span = self._name_span(c, ner_other)
                if span is None:
                    continue  # "Kapolsek", "Chief Executive Officer": no name at all
                c.start, c.end = span
            out.append(c)
        return out

    def _name_span(self, c: Cand, ner_other: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
        """Tokens [start, end) of the name in ``c``, or None when it is no person's name.

        The name starts after the last word capitalised for another reason (``_not_name_at``)
        that a name word follows. After the last name word, English words of a job are cut
        off ("Jojo President Director"); an English word of an institution makes the whole an
        institution's name ("Duta Palma Group", "Harvard Business School"), and a role or rank
        at the end puts the name after the candidate ("Kapolsek Panggang AKP" Anang
        Prastawa): no person. Other words after the name are left to the rules and the tagger
        that found it (a month may be a given name: "Ahmad Juni"). A bare initial keeps
        the rank before it ("Brigadir J", "Bharada E" are how the news names them).
        ``ner_other``: the tagger's ORG and LOC spans, by the tokens they cover.
        """
        d = self.doc
        other = [0] * (c.end - c.start)  # 1: capitalised for another reason, 2: a role
        k = cut = c.start
        while k < c.end:
            end, kind = self._not_name_at(k, c, ner_other, k == cut)
            if end:
                other[k - c.start : end - c.start] = [kind] * (end - k)
                cut = k = end
            else:
                k += 1
        if not any(other):
            return c.start, c.end
        if other[-1] == 2:
            return None
        words = [k for k in range(c.start, c.end) if self._name_token(k) and not other[k - c.start]]
        if not words:
            rest = d.toks[cut : c.end]
            if rest and all(len(t) == 1 and t.isupper() for t in rest):
                return c.start, c.end  # "Brigadir J"
            return None
        start = c.start
        for k in range(words[-1], c.start - 1, -1):
            if other[k - c.start]:
                start = k + 1
                break
        end = c.end
        while end - 1 > words[-1] and d.low[end - 1] in self.gaz.english:
            if self.gaz.english[d.low[end - 1]] == "body":
                return None
            end -= 1
        return start, end

    def _not_name_at(self, k: int, c: Cand, ner_other: dict[int, tuple[int, int]],
                     first: bool) -> tuple[int, int]:
        """End of the words at ``k`` capitalised for a reason other than a person's name, or 0,
        and what they are: 2 a role, 1 anything else.

        - organisation heads and words of institutions (``nonnames.txt``, ``english_words.txt``);
        - roles and ranks (Kombes, Kasi), but not the few that are also given names (Raja,
          Sultan: ``given`` in ``name_words.tsv``);
        - an organisation or place of the dictionary or the tagger that reaches into the
          candidate's first words ("Kepala Ekonom Bank Mandiri Andry Asmoro", "Ketua Umum BPP
          Hipmi Akbar Himawan Buchari": the tagger's ORG "BPP Hipmi"), or, as its first words,
          begins there right after a capitalised word or a role ("Rektor Unand Yuliandri").
          A tagger span is not followed over a bracket ("(Bapanas) Arief" as one ORG) nor past
          a name that begins where a dictionary place ends ("Kejari Sidoarjo Jhon Franky"):
          those are its boundary errors. After a comma or a lower-case word a place name may be
          a given name ("asal Jakarta, Vienna Varella"), and is left. (A name right after an
          organisation's head word is left whole: "Sekretaris Kabinet Teddy Indra Wijaya".)
        """
        d = self.doc
        low = d.low[k]
        if low in self.gaz.nonnames or low in self.gaz.heads.lengths:
            return k + 1, 1
        role = self.role_start.get(k)
        if role is not None and role.end <= c.end and low not in self.given:
            return role.end, 2
        if not first:
            return 0, 0
        glued = k > 0 and not d.brk[k] and (d.caps[k - 1] or k in self.role_end)
        hit = self.actor_at.get(k)
        if hit is not None and hit.value.type != "PER" and hit.end < c.end \
                and (hit.start < k or glued):
            return hit.end, 1
        span = ner_other.get(k)
        if span is not None and span[1] < c.end \
                and (self._ner_reach_ok(span, k) if span[0] < k else glued):
            return span[1], 1
        return 0, 0

    def _ner_reach_ok(self, span: tuple[int, int], k: int) -> bool:
        """A tagger span begun before token ``k`` may be followed into a name starting there."""
        d = self.doc
        if any(t in "()" for t in d.toks[span[0] : span[1]]):
            return False
        before = self.actor_at.get(k - 1)
        return not (before is not None and before.end == k) and k not in self.role_end

    # ---- resolution ---------------------------------------------------------------------------

    def resolve(self, cands: list[Cand]) -> list[Cand]:
        """Non-overlapping candidates, longest first; the dictionary wins a tie."""
        cands.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.source], c.start))
        ner_last = [c for c in cands if c.source != "ner"] + [c for c in cands if c.source == "ner"]
        out = []
        for c in ner_last:
            if any(self.covered[c.start : c.end]):
                continue
            self.covered[c.start : c.end] = [True] * (c.end - c.start)
            out.append(c)
        out.sort(key=lambda c: c.start)
        return out

    # ---- linking ------------------------------------------------------------------------------

    def assign_keys(self, cands: list[Cand]) -> None:
        """Dictionary id, or the slug of the longest form of the name in this article."""
        d = self.doc
        persons = sorted((c for c in cands if c.entry is None and c.type == "PER"),
                         key=lambda c: -(c.end - c.start))
        parts: dict[tuple[str, ...], str | None] = {}
        for c in cands:
            if c.entry is not None:
                c.key = c.entry.id
            elif c.canon is not None:
                c.key = c.canon[0]
            elif c.type != "PER":
                c.key = f"{c.type.lower()}:{slug(d.surface(c))}"
        for c in persons:
            words = tuple(d.low[c.start : c.end])
            owner = parts.get(words)
            c.key = owner or f"per:{slug(d.surface(c))}"
            self._register_parts(parts, words, c.key)
        for c in cands:
            if c.entry is not None and c.type == "PER":
                self._register_parts(parts, tuple(normalise(w) for w in c.entry.name.split()),
                                     c.key)
        self.parts = parts

    def _register_parts(self, parts: dict, words: tuple[str, ...], key: str) -> None:
        """Every run of words of the name, and the name after an Arabic article ("al-Sisi"
        -> "Sisi": "Erdogan dan Sisi bertemu" after "Abdul Fattah al-Sisi")."""
        if len(words) > 1:
            for w in words:
                m = ARTICLE_NAME.fullmatch(w)
                if m and m.group(1) not in self.gaz.nonnames:
                    self.article_parts.add(m.group(1))
                    self._register_parts(parts, (m.group(1),), key)
        for a in range(len(words)):
            for b in range(a + 1, len(words) + 1):
                sub = words[a:b]
                if len(sub) == 1 and (sub[0] in self.gaz.nonnames or len(sub[0]) < 3):
                    continue
                if sub in parts and parts[sub] != key:
                    parts[sub] = None  # shared by two people: ambiguous
                else:
                    parts.setdefault(sub, key)

    def name_parts(self) -> list[Cand]:
        """Later short forms of a person named in full ("Peskov" after "Dmitry Peskov")."""
        d = self.doc
        out = []
        longest = max((len(p) for p in self.parts), default=0)
        firsts = {p[0] for p, key in self.parts.items() if key}
        free = 0
        for i in d.positions(firsts):
            if i < free or self.covered[i] or not self._name_token(i):
                continue
            found = None
            for n in range(min(longest, d.n - i), 0, -1):
                words = tuple(d.low[i : i + n])
                key = self.parts.get(words)
                if n == 1 and d.brk[i] and words[0] in self.article_parts and self._common_word(i):
                    continue  # "Sisi lain, ...": an everyday word opening a sentence
                if key and not any(self.covered[i : i + n]) and self._ends_name(i + n) \
                        and not self._inside_longer_name_left(i):
                    found = Cand(i, i + n, "PER", "link:name-part", "link", key=key)
                    break
            if found:
                out.append(found)
                self.covered[found.start : found.end] = [True] * (found.end - found.start)
                free = found.end
        return out

    def _ends_name(self, j: int) -> bool:
        d = self.doc
        return j >= d.n or d.brk[j] or not self._name_token(j)

    def acronyms(self, cands: list[Cand]) -> list[Cand]:
        """ "Komisi Pemberantasan Korupsi (KPK)": later "KPK" joins the full name."""
        d = self.doc
        short: dict[str, str] = {}
        for c in cands:
            j = c.end
            if c.type != "PER" and j + 2 < d.n and d.toks[j] == "(" and d.toks[j + 2] == ")":
                acr = d.toks[j + 1]
                short_form = is_acronym(acr) or (d.caps[j + 1] and len(acr) <= 8)  # KPK, Unud
                if short_form and _abbreviates(acr, d.surface(c)) and not self.covered[j + 1]:
                    short[acr] = c.key
        out = []
        for i in d.positions({a.lower() for a in short}):
            t = d.toks[i]
            if t in short and not self.covered[i]:
                owner = next(c for c in cands if c.key == short[t])
                out.append(Cand(i, i + 1, owner.type, "link:acronym", "link", key=short[t]))
                self.covered[i] = True
        return out

    def acronym_echoes(self, cands: list[Cand]) -> list[Cand]:
        """An organisation's acronym ("BYPOL", "PT SPR") is that organisation wherever else it
        stands alone in the article ("milik BYPOL", "konsorsium SPR dan KCL"). What only the
        tagger found must be more than half of its occurrences (a programme's acronym it tagged
        once of two is no organisation's)."""
        d = self.doc
        owner: dict[str, str | None] = {}
        tagged: dict[str, int] = {}
        for c in cands:
            if c.type != "ORG":
                continue
            if c.end - c.start == 1:
                i = c.start
            elif c.end - c.start == 2 and (head := self.gaz.heads.word(d.low[c.start])) \
                    and head.sector in ("BUS", "PTY", "NGO"):
                i = c.start + 1  # "PT SPR" (not "Satgas RW": a body's unit, not its name)
            else:
                continue
            t = d.toks[i]
            if is_acronym(t) and t.isalpha():
                owner[t] = c.key if owner.get(t, c.key) == c.key else None
                tagged[t] = tagged.get(t, 0) + (1 if c.source == "ner" else 2 * d.n)
        for t in owner:
            if 2 * tagged[t] <= sum(d.toks[i] == t for i in d.where.get(t.lower(), ())):
                owner[t] = None
        out = []
        for i in d.positions({t.lower() for t, k in owner.items() if k}):
            key = owner.get(d.toks[i])
            if key and not self.covered[i]:
                out.append(Cand(i, i + 1, "ORG", "link:acronym-echo", "link", key=key))
                self.covered[i] = True
        return out

    # ---- roles and actors ---------------------------------------------------------------------

    def roles_for(self, c: Cand, by_end: dict[int, Cand], by_start: dict[int, Cand]) -> tuple[
        list[Hit[Role]], Cand | None
    ]:
        """Roles and affiliation around a person mention, left ("Presiden AS X") then right."""
        d = self.doc
        roles: list[Hit[Role]] = []
        aff: Cand | None = None
        j = c.start
        for _ in range(4):  # role [affiliation] [rank] NAME
            if j in by_end and by_end[j].type in ("ORG", "LOC") and not d.brk[j]:
                org = by_end[j]
                if aff is None or (aff.type == "LOC" and org.type == "ORG"):
                    aff = org  # "Ketua KPU Makassar": the KPU, not Makassar
                j = org.start
                inner = self._role_overlapping(org)
                if inner is not None:  # "Anggota Komisi" + "Komisi I DPR"
                    roles.insert(0, inner)
                    j = inner.start
            elif j in self.role_end and not d.brk[j]:
                roles.insert(0, self.role_end[j])
                j = self.role_end[j].start
            else:
                break
        if not any(r.value.sector for r in roles) and c.end + 1 < d.n \
                and d.low[c.end] in self.apposition:
            k = c.end + 1
            if k in self.role_start:
                roles.append(self.role_start[k])
                k = self.role_start[k].end
                if k in by_start and by_start[k].type in ("ORG", "LOC"):
                    aff = by_start[k]
        if c.role is not None and c.role not in roles:
            roles.insert(0, c.role)  # the role the name was found by, further left
            if aff is None:
                aff = self._between(c.role.end, c.start, by_start)
        if roles and aff is None:
            aff = self._inside_role(roles, by_start)
        return roles, aff

    def role_anaphors(self, chosen: list[Cand], infos: dict[str, EntityInfo]) -> list[Cand]:
        """A role named again without its name stands for the one person holding it before.

        "Menteri Ketenagakerjaan Ida Fauziyah … Menaker menambahkan …": the second role is a
        mention of Ida Fauziyah. Only where exactly one person of the article holds that role
        (two foreign ministers leave "Menlu" alone), the role stands bare (no name or
        affiliation after it) and is written as a title (capitalised) or pointed at ("menteri
        itu").
        """
        holders: dict[str, list[tuple[int, str]]] = {}
        for info in infos.values():
            if info.type == "PER" and info.role is not None and info.role.sector:
                first = min(c.start for c in info.cands)
                holders.setdefault(info.role.canonical.lower(), []).append((first, info.key))
        if not holders:
            return []
        d = self.doc
        taken = {k for c in chosen for k in range(c.start, c.end)}
        out: list[Cand] = []
        for h in self.role_hits:
            if any(k in taken for k in range(h.start, h.end)):
                continue
            k = h.end
            if self._skip_affiliations(k) != k or (k < d.n and not d.brk[k] and d.cap(k)):
                continue  # "Menlu Rusia …", "Menaker Hanif …": the text says who
            if h.start > 0 and d.low[h.start - 1] in ("mantan", "eks", "bekas", "calon", "para"):
                continue
            pointed = k < d.n and d.low[k] in ("itu", "tersebut")
            if not (d.caps[h.start] or pointed):
                continue
            role = h.value.canonical.lower()
            found = list(holders.get(role, []))
            if pointed:  # "menteri itu": the one minister named before, whatever the ministry
                found += [x for r, xs in holders.items() if r.startswith(role + " ") for x in xs]
            end = h.end
            other = self.role_start.get(k + 1) if k < d.n and d.low[k] == "dan" else None
            if other is not None and not any(j in taken for j in range(other.start, other.end)) \
                    and self._skip_affiliations(other.end) == other.end \
                    and not (other.end < d.n and not d.brk[other.end] and d.cap(other.end)):
                # "Perdana menteri dan putra mahkota": two offices of the one holder of either
                found = list(dict.fromkeys(found + holders.get(other.value.canonical.lower(), [])))
                end = other.end if found else end
            if len({key for _, key in found}) != 1 or min(f for f, _ in found) >= h.start:
                continue
            out.append(Cand(h.start, end, "PER", "rule:role-anaphor", "role", key=found[0][1]))
        return out

    def best_role(self, roles: list[Hit[Role]]) -> Role:
        """The role to show: one with a sector, else any office, else an honorific."""
        honorific = self.gaz.words("honorific")
        offices = [r.value for r in roles if r.value.phrase.lower() not in honorific]
        return next((r for r in offices if r.sector), (offices or [roles[0].value])[0])

    def _between(self, a: int, b: int, by_start: dict[int, Cand]) -> Cand | None:
        """The first organisation (else place) named between tokens a and b."""
        found = [by_start[k] for k in range(a, b) if k in by_start and by_start[k].type != "PER"]
        orgs = [c for c in found if c.type == "ORG"]
        return (orgs or found or [None])[0]

    def _role_overlapping(self, org: Cand) -> Hit[Role] | None:
        """A role that begins before an organisation and ends inside it."""
        for k in range(org.start + 1, org.end):
            hit = self.role_end.get(k)
            if hit is not None and hit.start < org.start:
                return hit
        return None

    def _inside_role(self, roles: list[Hit[Role]], by_start: dict[int, Cand]) -> Cand | None:
        """An organisation named inside the role itself ("Ketua KPK")."""
        for r in roles:
            for k in range(r.start, r.end):
                if k in by_start and by_start[k].end <= r.end and by_start[k].type != "PER":
                    return by_start[k]
        return None

    def sentence_country(self, c: Cand, cands: list[Cand]) -> str | None:
        """The country last named before ``c`` in its sentence: whose president "Presiden X" is."""
        d = self.doc
        sent = d.sentence_of(c.start)
        best = None
        for o in cands:
            if o.start >= c.start:
                break
            if o.entry is not None and o.entry.kind == "country" and d.sentence_of(o.start) == sent:
                best = o.entry.country
        return best


def _abbreviates(acronym: str, name: str) -> bool:
    """ "KPK" abbreviates "Komisi Pemberantasan Korupsi": same first letter, letters in order."""
    letters = [c for c in name.upper() if c.isalpha()]
    acr = [c for c in acronym.upper() if c.isalpha()]
    if not acr or not letters or acr[0] != letters[0]:
        return False
    it = iter(letters)
    return all(c in it for c in acr)


def person_actor(role: Role | None, aff_code: str | None, aff_type: str | None,
                 context: str | None) -> tuple[str | None, str]:
    """Actor code of a person from role and affiliation; also says which rule decided it.

    An organisation's code is the person's (juru bicara Kremlin -> RUSGOV); a place gives the
    country (Menteri Luar Negeri Rusia -> RUS + GOV); a role naming its country needs no more
    (Kapolri -> IDNCOP); else the country the sentence is about.
    """
    fully_named = role is not None and role.sector and role.country  # "anggota DPR", "Kapolri"
    if aff_type == "ORG" and aff_code and (aff_code.startswith(("IGO", "NGO")) or not fully_named):
        return aff_code, "rule:affiliation-actor"
    if role is None:
        return None, ""
    place = aff_code[:3] if aff_type == "LOC" and aff_code else None
    if not role.sector:  # "pelatih", "juru bicara" alone say nothing of the actor
        return place, "rule:role-actor" if place else ""
    country = role.country or place
    country = country or context
    if not country:
        return None, ""
    return country + role.sector, "rule:role-actor"


def link(gaz: Gazetteer, text: str, spans: Sequence[tuple[int, int]], sent_starts: Sequence[int],
         ner: tuple[Sequence[tuple[int, int, str]], str] | None = None,
         context_country: str | None = None) -> tuple[list[Mention], list[Entity]]:
    """Mentions and entities of one text (see the module docstring for the steps)."""
    doc = Doc(text, split_compounds(gaz, text, spans), sent_starts)
    lk = Linker(gaz, doc, context_country)
    cands = lk.dictionary_cands() + lk.role_cands() + lk.apposition_cands() + lk.cue_cands()
    persons = [c for c in cands if c.type == "PER"]
    cands += lk.org_cands(persons)
    if ner is not None:
        cands += lk.ner_cands(*ner)
    cands = lk.trim_persons(cands)
    cands += lk.generic_cands(cands)
    chosen = lk.resolve(cands)
    lk.assign_keys(chosen)
    lk.attach_bodies(chosen)
    chosen += lk.name_parts()
    chosen += lk.acronyms(chosen)
    chosen += lk.acronym_echoes(chosen)
    chosen.sort(key=lambda c: c.start)
    return build(lk, chosen)


_JOINERS = re.compile(r"[-/]")


def split_compounds(gaz: Gazetteer, text: str,
                    spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans with compounds of bodies or countries cut at the hyphen: "TNI-Polri" is TNI,
    "-" and Polri (two actors, IDNMIL and IDNCOP), "AS-China" is the United States and China.
    Only when every part is a dictionary organisation or place with an actor code, and the whole
    is no name of its own ("TPNPB-OPM")."""
    starts = [s for s, _ in spans]
    cut: dict[int, list[tuple[int, int]]] = {}
    for hit in _JOINERS.finditer(text):  # only the tokens holding a hyphen or slash are looked at
        i = bisect.bisect_right(starts, hit.start()) - 1
        if i < 0 or i in cut or not spans[i][0] < hit.start() < spans[i][1] - 1:
            continue
        s, e = spans[i]
        tok = text[s:e]
        cut[i] = []
        if COMPOUND.fullmatch(tok) and gaz.lookup(tok) is None:
            parts = re.split(r"([-/])", tok)
            entries = [gaz.lookup(p) for p in parts[::2]]
            if all(a is not None and a.type != "PER" and a.actor for a in entries):
                at = s
                for p in parts:
                    cut[i].append((at, at + len(p)))
                    at += len(p)
    if not any(cut.values()):
        return list(spans)
    out: list[tuple[int, int]] = []
    for i, span in enumerate(spans):
        out += cut.get(i) or [span]
    return out


def build(lk: Linker, chosen: list[Cand]) -> tuple[list[Mention], list[Entity]]:
    """Group candidates into entities and fill role, affiliation and actor."""
    d = lk.doc
    by_end = {c.end: c for c in chosen}
    by_start = {c.start: c for c in chosen}
    infos: dict[str, EntityInfo] = {}
    for c in chosen:
        info = infos.get(c.key)
        if info is None:
            entry = c.entry or lk.gaz.actors.get(c.key)
            info = infos[c.key] = EntityInfo(c.key, entry.type if entry else c.type, entry)
        info.cands.append(c)
        if info.actor is None and c.actor:
            info.actor, info.actor_by = c.actor, c.by
        if info.type == "PER" and info.role is None:
            roles, aff = lk.roles_for(c, by_end, by_start)
            if roles:
                info.role = lk.best_role(roles)
                info.affiliation = aff
                info.context = lk.sentence_country(c, chosen) or lk.context_country
            elif aff is not None and info.affiliation is None:
                info.affiliation = aff
    anaphors = lk.role_anaphors(chosen, infos)
    if anaphors:
        for c in anaphors:
            infos[c.key].cands.append(c)
        chosen = sorted(chosen + anaphors, key=lambda c: c.start)
    mentions = [Mention(d.spans[c.start][0], d.spans[c.end - 1][1], d.surface(c),
                        infos[c.key].type, c.by, c.key) for c in chosen]
    return mentions, [_entity(lk, info, infos) for info in infos.values()]


def _entity(lk: Linker, info: EntityInfo, infos: dict[str, EntityInfo]) -> Entity:
    d = lk.doc
    e = info.entry
    aff_info = infos.get(info.affiliation.key) if info.affiliation is not None else None
    aff_code = None
    if aff_info is not None:
        aff_code = aff_info.actor or (aff_info.entry.actor if aff_info.entry else None)
    rule_actor, rule = None, ""
    if info.type == "PER":
        rule_actor, rule = person_actor(info.role, aff_code, aff_info.type if aff_info else None,
                                        info.context or DEFAULT_COUNTRY)
    if e is not None and e.actor and not (e.source == "people" and rule_actor):
        actor, by = e.actor, f"gazetteer:{e.source}"
    elif e is not None and e.actor:  # the text's role is newer than a generated office record
        actor, by = rule_actor, f"gazetteer:{e.source}+{rule}"
    elif info.actor:
        actor, by = info.actor, info.actor_by
    elif rule_actor:
        actor, by = rule_actor, rule
    else:
        actor, by = None, info.cands[0].by
    if e is not None and "+" not in by:
        by = f"gazetteer:{e.source}"
    canon = next((c.canon[1] for c in info.cands if c.canon), None)
    name = e.name if e is not None else canon or _longest(d, info.cands)
    affiliation = None
    if aff_info is not None:
        affiliation = aff_info.entry.name if aff_info.entry else _longest(d, aff_info.cands)
    return Entity(
        id=info.key, name=name, type=info.type, actor=actor,
        role=info.role.canonical if info.role else None, affiliation=affiliation,
        wikidata=e.wikidata if e is not None else None,
        mentions=[{"start": d.spans[c.start][0], "end": d.spans[c.end - 1][1],
                   "text": d.surface(c), "by": c.by} for c in info.cands],
        by=by,
    )


def _longest(d: Doc, cands: list[Cand]) -> str:
    return max((d.surface(c) for c in cands), key=lambda s: (len(s.split()), len(s)))
