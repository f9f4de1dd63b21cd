"""Finding statements: direct quotes by their marks, indirect ones by their cues.

A direct quote is a paired stretch of quote marks (see ``marks``) that is
attributed by a cue after it ('"…," kata Budi', '"…," ujarnya'), by a cue
before it ('Budi mengatakan, "…"'), or that stands as a sentence of its own
right after another statement (a continuation by the same speaker). A short
quoted phrase inside a sentence with no cue is a title or a scare quote, not
a statement, and is dropped.

An indirect quote is a reported clause without marks: 'Budi mengatakan
(bahwa) …', 'Menurut Budi, …' and '…, kata Budi.'

Each candidate keeps where its speaker is written (``SpeakerRef``); turning
that into a person is the job of ``speakers``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from . import lexicon
from .marks import Pair, pair_marks

WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_PLAIN_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)]*\s+|\n+")
_MIN_STANDALONE_WORDS = 4
_MIN_INDIRECT_WORDS = 3
_MAX_PHRASE_WORDS = 16
_ADJUNCT_PREPS = frozenset(
    "dalam di pada kepada saat ketika seusai usai melalui lewat via kemarin sewaktu "
    "sesudah setelah sebelum terkait menanggapi mengenai tentang soal".split()
)
_SKIP_BEFORE_CUE = frozenset({",", "demikian", "begitu", "lalu", "kemudian"})
_AFTER_NAME_BEFORE_VERB = frozenset(
    "juga pun kembali telah sudah lantas lalu kemudian pula sendiri secara terpisah "
    "sebelumnya sekaligus bahkan tak tidak".split()
)
_CONNECTIVES = _AFTER_NAME_BEFORE_VERB | {"dan", "serta", "namun", "tetapi", "sedangkan", "lalu"}
_PLACE_PREPS = frozenset({"ke", "dari", "di", "kota", "kabupaten", "provinsi"})
_INSIDE_ROLE = frozenset({"dari", "untuk", "bidang"})  # 'peneliti dari UGM, Budi'
_NOT_INDIRECT_BEFORE = frozenset({"yang", "untuk", "akan", "ingin", "bisa", "dapat", "mau", "harus"})


@dataclass(slots=True)
class SpeakerRef:
    """Where a statement's speaker is written, and how.

    kind: name (a name or noun phrase), clitic (-nya on the cue), pronoun
    (ia, dia, beliau, pihaknya), previous (a continuation: no reference at
    all, the previous speaker goes on), none (nothing to go on).
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Candidate:
    """A statement found in the text, before its speaker is resolved."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str  # direct | indirect
    by: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    ref: SpeakerRef | None = None
    said: str | None = None  # the statement's words when a cue sits inside its span


# ---------------------------------------------------------------- words


def words_from(text: str, pos: int, limit: int = 40, stop: int | None = None) -> list[re.Match]:
    """The next ``limit`` words (and marks) from ``pos``, not past ``stop``."""
    out = []
    for m in WORD.finditer(text, pos, len(text) if stop is None else stop):
        out.append(m)
        if len(out) >= limit:
            break
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


# ---------------------------------------------------------------- phrases


def speaker_after(text: str, pos: int, stop: int | None = None) -> SpeakerRef | None:
    """The speaker phrase written after a cue: 'kata [juru bicara X Budi] saat …'.

    The phrase runs until a boundary word ('saat', 'dalam', a day name), a
    sentence mark, or a lower-case word after a capitalised one; a comma goes
    on only when an apposition follows ('pemilik X, Budi (50), saat …').
    """
    ws = words_from(text, pos, _MAX_PHRASE_WORDS + 4, stop)
    if not ws:
        return None
    first = ws[0].group().lower()
    kinds = lexicon.pronouns()
    if first in kinds:
        return SpeakerRef("pronoun", ws[0].start(), ws[0].end(), ws[0].group())
    stops = lexicon.speaker_stops()
    roles = lexicon.role_words()
    # 'kata Budi, Ketua X, …' names first: the apposition after the comma is a
    # role. 'kata pemilik X, Budi (50), …' gives the role first: go on.
    role_first = first.rstrip(".") in roles or not _is_cap(ws[0].group())
    chosen: list[re.Match] = []
    seen_cap = False
    depth = 0
    for k, m in enumerate(ws):
        w = m.group()
        lw = w.lower()
        if w == "(":
            depth += 1
            continue
        if w == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if w == ",":
            nxt = ws[k + 1].group() if k + 1 < len(ws) else ""
            if role_first and nxt and _is_cap(nxt) and nxt.lower() not in stops:
                continue
            break
        if role_first and chosen and (w in "-–/" or w.isdigit() or lw in _INSIDE_ROLE):
            continue
        if lw == "dan" and role_first and k + 1 < len(ws) and _is_cap(ws[k + 1].group()):
            continue
        if not w[0].isalnum() or lw in stops:
            break
        if not _is_cap(w) and seen_cap and lw not in roles:
            break
        if not _is_cap(w) and lw not in roles and len(chosen) >= 3:
            break
        seen_cap = seen_cap or _is_cap(w)
        chosen.append(m)
        if len(chosen) >= _MAX_PHRASE_WORDS:
            break
    if not chosen:
        return None
    s, e = chosen[0].start(), chosen[-1].end()
    return SpeakerRef("name", s, e, text[s:e])


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Start of the sentence (or clause after a closing quote) that holds ``pos``."""
    best = floor
    for m in _SENTENCE_END.finditer(text, floor, pos):
        best = m.end()
    return best


def strip_adverbials(text: str, s: int, e: int) -> int:
    """Skip sentence openers such as 'Sebelumnya,' or 'Sementara itu,'."""
    while s < e:
        head = text[s:e].lower()
        for adv in lexicon.adverbials():
            if head.startswith(adv) and (len(head) == len(adv) or not head[len(adv)].isalnum()):
                s += len(adv)
                while s < e and (text[s].isspace() or text[s] == ","):
                    s += 1
                break
        else:
            return s
    return s


def _is_adjunct_chunk(chunk: str) -> bool:
    """A comma chunk that is a time or place adjunct rather than a speaker."""
    ws = chunk.split()
    if not ws:
        return True
    first = ws[0].lower().strip("(")
    if first in _ADJUNCT_PREPS or first in lexicon.speaker_stops():
        return True
    if ws[0].startswith("di") and len(first) > 5:
        return True  # 'dihubungi kemarin', 'ditemui di kantornya'
    if ws[0].startswith("saat") or ws[0].startswith("ketika"):
        return True
    return bool(re.fullmatch(r"[\d\s/().-]+", chunk))


def _has_subject_name(text: str, a: int, b: int) -> bool:
    """Whether an adjunct chunk ends with its subject ('di jalan Wali Kota Risma').

    A capitalised word right after a preposition is a place ('di Jakarta'),
    not a speaker.
    """
    ws = list(WORD.finditer(text, a, b))
    for k in range(1, len(ws)):
        if _is_cap(ws[k].group()) and ws[k - 1].group().lower() not in _ADJUNCT_PREPS | _PLACE_PREPS:
            return not any(_is_cap(w.group()) is False and w.group().lower() in _ADJUNCT_PREPS for w in ws[k:])
    return False


def _pure_name(text: str, a: int, b: int) -> bool:
    """A chunk that is only a name: capitalised words, no role, no preposition."""
    ws = text[a:b].split()
    roles = lexicon.role_words()
    return (
        0 < len(ws) <= 4
        and all(_is_cap(w) and not w.isupper() for w in ws)
        and ws[0].lower() not in _ADJUNCT_PREPS | _PLACE_PREPS
        and not any(w.lower().rstrip(".") in roles for w in ws)
        and ws[0].lower() not in lexicon.pronouns()
    )


def _is_connective_chunk(chunk: str) -> bool:
    """A chunk of lower-case linking words only ('…, sekaligus menyampaikan')."""
    ws = chunk.split()
    return all(w.lower() in _CONNECTIVES for w in ws)


def _cut_at_stop(text: str, s: int, e: int) -> int:
    """End a subject chunk at its first boundary word ('Budi saat dihubungi')."""
    stops = lexicon.speaker_stops() | _ADJUNCT_PREPS
    ws = list(WORD.finditer(text, s, e))
    for k, m in enumerate(ws):
        w = m.group().lower()
        if w == "dan" and k + 1 < len(ws) and _is_cap(ws[k + 1].group()):
            continue  # 'Asosiasi Logistik dan Forwarder Indonesia'
        if k and w in stops:
            return m.start()
    return e


def subject_before(text: str, clause: int, verb: int) -> SpeakerRef | None:
    """The speaker phrase written before a speech verb: '[Budi], Senin, mengatakan'.

    The clause is cut at commas; time and place adjuncts next to the verb are
    skipped, and an apposition ('Budi, Ketua X, mengatakan') gives way to the
    name before it.
    """
    s = strip_adverbials(text, clause, verb)
    chunks: list[tuple[int, int]] = []
    pos = s
    for m in re.finditer(r",|\s[—–]\s|\s-\s(?=[A-Z])", text[s:verb]):
        chunks.append((pos, s + m.start()))
        pos = s + m.end()
    chunks.append((pos, verb))
    chunks = [_trim(text, a, b) for a, b in chunks]
    chunks = [c for c in chunks if c[1] > c[0]]
    pick = None
    for idx in range(len(chunks) - 1, -1, -1):
        a, b = chunks[idx]
        if _is_adjunct_chunk(text[a:b]) and not (b == _trim(text, a, verb)[1] and _has_subject_name(text, a, b)):
            continue
        if _is_connective_chunk(text[a:b]):
            continue
        pick = idx
        break
    if pick is None:
        return None
    if pick > 0 and _pure_name(text, *chunks[0]):
        pick = 0  # 'Budi, Kepala X, di Y — tim Z — menuturkan'
    a, b = chunks[pick]
    first = text[a:b].split()[0].lower()
    if pick > 0 and lexicon.role_words().get(first) == "role":
        pa, pb = chunks[pick - 1]
        if all(_is_cap(w) for w in text[pa:pb].split()) and not _is_adjunct_chunk(text[pa:pb]):
            a, b = pa, pb
    b = _cut_at_stop(text, a, b)
    b = _trim_trailing(text, a, b)
    if b <= a:
        return None
    phrase = text[a:b]
    last = list(WORD.finditer(text, a, b))[-1]
    if last.group().lower() in lexicon.pronouns():
        # 'Seketika ia memastikan …', 'Dalam kesempatan itu, dia mengatakan …'
        return SpeakerRef("pronoun", last.start(), last.end(), last.group())
    if len(phrase.split()) > _MAX_PHRASE_WORDS:
        return None
    return SpeakerRef("name", a, b, phrase)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _trim_trailing(text: str, a: int, b: int) -> int:
    """Drop adverbs between a subject and its verb ('Budi juga mengatakan')."""
    while True:
        a2, b2 = _trim(text, a, b)
        words = text[a2:b2].split()
        if len(words) > 1 and words[-1].lower() in _AFTER_NAME_BEFORE_VERB:
            b = b2 - len(words[-1])
            continue
        return b2


# ---------------------------------------------------------------- direct


def _cue_after(text: str, pair: Pair) -> Candidate | None:
    """'"…," kata X' / '"…," ujarnya' / '"…" tambah dia' right after a quote."""
    ws = words_from(text, pair.end, 8)
    k = 0
    while k < len(ws) and ws[k].group().lower() in _SKIP_BEFORE_CUE:
        k += 1
    if k >= len(ws):
        return None
    m = ws[k]
    hit = lexicon.post_cue(m.group())
    if hit is not None:
        cue, clitic = hit
        cand = _direct(pair, "rules:direct-cue-after", m)
        if clitic:
            cand.ref = SpeakerRef("clitic", m.end() - 3, m.end(), m.group()[-3:])
        else:
            after = m.end()
            if k + 1 < len(ws) and ws[k + 1].group().lower() == "oleh":
                after = ws[k + 1].end()
            cand.ref = speaker_after(text, after)
        return cand
    # '"…," Budi menambahkan.' — a name, then a speech verb
    if _is_cap(m.group()) and k + 1 < len(ws):
        for j in range(k + 1, min(k + 5, len(ws))):
            if lexicon.verb_cue(ws[j].group()):
                cand = _direct(pair, "rules:direct-name-verb-after", ws[j])
                cand.ref = SpeakerRef("name", m.start(), ws[j - 1].end(), text[m.start() : ws[j - 1].end()])
                return cand
            if not _is_cap(ws[j].group()):
                break
    return None


def _cue_before(text: str, pair: Pair, floor: int) -> Candidate | None:
    """'Budi mengatakan, "…"' / 'kata Budi: "…"' / 'Menurut dia, "…"'."""
    clause = clause_start(text, pair.start, floor)
    head = text[clause : pair.start].rstrip()
    if not head or head[-1] not in ",:":
        return None
    ws = words_from(text, clause, 60, pair.start)
    for k in range(len(ws) - 1, -1, -1):
        w = ws[k].group()
        nxt = ws[k + 1].group() if k + 1 < len(ws) else ","
        if lexicon.verb_cue(w, nxt) and (k == 0 or ws[k - 1].group().lower() not in _NOT_INDIRECT_BEFORE):
            cand = _direct(pair, "rules:direct-cue-before", ws[k])
            cand.ref = subject_before(text, clause, ws[k].start())
            return cand
        hit = lexicon.post_cue(w)
        if hit is not None and lexicon.cues()[hit[0].form].use == "post":
            cand = _direct(pair, "rules:direct-cue-before", ws[k])
            if hit[1]:
                cand.ref = SpeakerRef("clitic", ws[k].end() - 3, ws[k].end(), "nya")
            else:
                cand.ref = speaker_after(text, ws[k].end(), pair.start)
            return cand
        if w.lower() == "menurut" and k + 1 < len(ws):
            cand = _direct(pair, "rules:direct-menurut", ws[k])
            cand.ref = speaker_after(text, ws[k].end(), pair.start)
            return cand
    return None


def _direct(pair: Pair, by: str, cue: re.Match | None) -> Candidate:
    return Candidate(
        pair.start,
        pair.end,
        pair.inner_start,
        pair.inner_end,
        "direct",
        by,
        cue.group() if cue else None,
        cue.start() if cue else None,
        cue.end() if cue else None,
    )


def _sentence_like(text: str, pair: Pair) -> bool:
    """Whether a quoted stretch reads as a statement rather than a title."""
    inner = text[pair.inner_start : pair.inner_end].strip()
    words = inner.split()
    if len(words) < _MIN_STANDALONE_WORDS:
        return False
    first = inner.lstrip("‘'\"(…. ")[:1]
    return (first.isupper() or first.isdigit()) and inner[-1:] in ".,!?…-—"


def _starts_sentence(text: str, pair: Pair, floor: int) -> bool:
    """A quote that opens a sentence or paragraph (or follows a colon)."""
    j = pair.start - 1
    while j >= floor and text[j] in " \t\u00a0":
        j -= 1
    return j < floor or text[j] in ".!?:\n…\"”’»"


def find_direct(text: str) -> list[Candidate]:
    """Direct quotes with their cue and speaker reference, in text order."""
    out: list[Candidate] = []
    floor = 0
    for pair in pair_marks(text):
        cand = _cue_after(text, pair) or _cue_before(text, pair, floor)
        if cand is None and _sentence_like(text, pair) and _starts_sentence(text, pair, floor):
            cand = _direct(pair, "rules:direct-standalone", None)
            cand.ref = SpeakerRef("previous", pair.start, pair.start, "")
        if cand is not None:
            if not pair.closed:
                cand.by += "+unclosed"
            out.append(cand)
        floor = pair.end
    return out


# ---------------------------------------------------------------- indirect


def _content_after_verb(text: str, pos: int, end: int) -> int:
    """Where the reported clause starts after a speech verb.

    Skips a comma, 'bahwa', and a short adjunct closed by a comma ('menyampaikan
    dalam sebuah pernyataan, …').
    """
    ws = words_from(text, pos, 16, end)
    k = 0
    if k < len(ws) and ws[k].group() in ",:":
        k += 1
    if k < len(ws) and ws[k].group().lower() in _ADJUNCT_PREPS:
        for j in range(k + 1, min(len(ws), k + 14)):
            if ws[j].group() == ",":
                k = j + 1
                break
        else:
            return -1
    if k + 1 < len(ws) and ws[k].group().lower() in _CONNECTIVES and lexicon.verb_cue(ws[k + 1].group()):
        k += 2  # '… meminta kepada X, sekaligus menyampaikan (bahwa) …'
    if k < len(ws) and ws[k].group().lower() == "bahwa":
        k += 1
    if k < len(ws) and ws[k].group() == ",":
        k += 1
    return ws[k].start() if k < len(ws) else -1


def _content_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?…;"):
        e -= 1
    return e


def _enough_words(text: str, s: int, e: int) -> bool:
    return len(text[s:e].split()) >= _MIN_INDIRECT_WORDS


def _indirect_verb(text: str, s: int, e: int, ws: list[re.Match]) -> Candidate | None:
    """'X mengatakan (bahwa) …' inside the sentence [s, e).

    A speech verb with too little after it ('X menyampaikan harapan serupa.')
    is no statement, but it still introduces the speaker of the quotes that
    follow: it comes back as kind "intro".
    """
    for k, m in enumerate(ws):
        if not lexicon.verb_cue(m.group(), ws[k + 1].group() if k + 1 < len(ws) else ""):
            continue
        if k == 0 or ws[k - 1].group().lower() in _NOT_INDIRECT_BEFORE:
            continue
        c_start = _content_after_verb(text, m.end(), e)
        if c_start < 0 or text[c_start] in '"“”„«':
            c_start = _content_end(text, m.end(), e)
        c_end = _content_end(text, c_start, e)
        ref = subject_before(text, s, m.start())
        kind = "indirect" if _enough_words(text, c_start, c_end) else "intro"
        return Candidate(c_start, c_end, c_start, c_end, kind, "rules:indirect-verb",
                         m.group(), m.start(), m.end(), ref)
    return None


def _indirect_menurut(text: str, s: int, e: int, ws: list[re.Match]) -> Candidate | None:
    """'Menurut X, …' (speaker first), '…, menurut X.' (speaker last) and
    '…, menurut X, …' (speaker set inside: 'Saat ini, menurut Budi, usulan …')."""
    for k, m in enumerate(ws):
        if m.group().lower() != "menurut":
            continue
        comma = next((w for w in ws[k + 1 : k + 14] if w.group() == ","), None)
        said, by = None, "rules:indirect-menurut"
        if k <= 1 and comma is not None:
            c_start, c_end = comma.end(), _content_end(text, comma.end(), e)
            while c_start < c_end and text[c_start].isspace():
                c_start += 1
            ref = speaker_after(text, m.end(), comma.start())
        elif k > 1 and ws[k - 1].group() == ",":
            ref = speaker_after(text, m.end(), e)
            tail = _interposed_tail(text, ref.end if ref else m.end(), e)
            c_start, c_end = s, ws[k - 1].start()
            if tail is not None:
                c_end = _content_end(text, tail, e)
                said, by = _join(text[s : ws[k - 1].start()], text[tail:c_end]), "rules:indirect-menurut-inside"
            elif k == 2:
                continue
        else:
            continue
        if not _enough_words(text, c_start, c_end) or (said is not None and len(said.split()) < _MIN_INDIRECT_WORDS):
            return None
        return Candidate(c_start, c_end, c_start, c_end, "indirect", by,
                         m.group(), m.start(), m.end(), ref, said)
    return None


def _indirect_cue_after(text: str, s: int, e: int, ws: list[re.Match]) -> Candidate | None:
    """'…, kata X.' or '…, ujarnya.' without quote marks, closing the sentence
    or set inside it ('Fenomena ini, kata Agus, menjadi indikator …')."""
    for k in range(len(ws) - 1, -1, -1):
        # the cue follows a comma: inside the clause, or right after an opener
        # such as 'Oleh karena itu, kata X, …' (the opener is already skipped)
        after_comma = ws[k - 1].group() == "," if k else text[max(0, s - 8) : s].rstrip().endswith(",")
        if not after_comma:
            continue
        hit = lexicon.post_cue(ws[k].group())
        if hit is None:
            continue
        m = ws[k]
        if hit[1]:
            ref = SpeakerRef("clitic", m.end() - 3, m.end(), "nya")
        else:
            ref = speaker_after(text, m.end(), e)
        before_end = ws[k - 1].start() if k else s
        tail = _interposed_tail(text, ref.end if ref else m.end(), e)
        if tail is not None:
            c_end = _content_end(text, tail, e)
            said = _join(text[s:before_end], text[tail:c_end])
            by = "rules:indirect-cue-inside"
        else:
            c_end, said, by = before_end, None, "rules:indirect-cue-after"
        if not _enough_words(text, s, c_end) or before_end <= s and tail is None:
            return None
        return Candidate(s, c_end, s, c_end, "indirect", by, m.group(), m.start(), m.end(), ref, said)
    return None


def _interposed_tail(text: str, pos: int, e: int) -> int | None:
    """Where the statement resumes after a cue set between commas, if it does."""
    ws = words_from(text, pos, 3, e)
    if len(ws) >= 3 and ws[0].group() == ",":
        return ws[1].start()
    return None


def _join(head: str, tail: str) -> str:
    """The statement without the cue set inside it."""
    head = head.strip().rstrip(",").strip()
    return f"{head} {tail.strip()}".strip() if head else tail.strip()


def _outside(s: int, e: int, taken: list[tuple[int, int]], first: int = 0) -> list[tuple[int, int]]:
    """The parts of [s, e) that no direct quote covers (``taken`` from index ``first``)."""
    parts = []
    for i in range(first, len(taken)):  # no slice: a copy per sentence would cost O(quotes)
        a, b = taken[i]
        if a >= e:
            break
        if b <= s:
            continue
        if a > s:
            parts.append((s, a))
        s = max(s, b)
    if s < e:
        parts.append((s, e))
    return parts


def find_indirect(text: str, sentences: list[tuple[int, int]], direct: list[Candidate]) -> list[Candidate]:
    """Reported statements in the text around the direct quotes.

    A sentence is read without the direct quotes it holds: what is left may
    still report a statement or introduce a speaker ('Budi mengatakan, "…"').
    """
    out: list[Candidate] = []
    taken = sorted((c.start, c.end) for c in direct)
    ends = [b for _a, b in taken]
    cue_words = lexicon.cue_words()
    cue_at = [m.start() for m in _PLAIN_WORD.finditer(text) if m.group().lower() in cue_words]
    for s0, e0 in sentences:
        k = bisect_left(cue_at, s0)
        if k == len(cue_at) or cue_at[k] >= e0:
            continue  # most sentences report nothing: the cue words of the text rule them out
        # quotes do not overlap: the first that may reach this sentence ends after its start
        for s, e in _outside(s0, e0, taken, bisect_right(ends, s0)):
            ws = words_from(text, s, 200, e)
            if len(ws) < 2 or any(w.group() in '"“”„«' for w in ws):
                continue
            s2 = strip_adverbials(text, ws[0].start(), e)
            if s2 > ws[0].start():
                ws = words_from(text, s2, 200, e)
                if len(ws) < 2:
                    continue
            cand = (
                _indirect_menurut(text, s2, e, ws)
                or _indirect_cue_after(text, s2, e, ws)
                or _indirect_verb(text, s2, e, ws)
            )
            if cand is not None:
                out.append(cand)
    return out
