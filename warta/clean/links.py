"""Related-article links: "Baca juga: <title>" out of the text, into ``links``.

On its own line the title is the rest of the line. Inline, scrapers glue the
title to the next sentence ("… Baca juga: Richard Eliezer Dipindahkan ke Lapas
Salemba Menurut Susi, LPSK mempertimbangkan …"), so the end of the title must
be found. Kompas titles are in title case: every word capitalised but a few
function words. The title-case run ends at the first lower-case content word
("mempertimbangkan"); the sentence that follows started somewhere inside the
run, and we pick that start by rule:

* the sentence head is a suffix of the run: a first word, then only proper
  names (capitalised words that are not common lower-case words) and commas;
* the first word is a proper name, a known sentence opener ("Menurut",
  "Adapun") or role noun ("Pemerintah", "Presiden"), or it stands alone
  before the lower-case word ("Terdakwa terakhir …");
* the title keeps at least two words and does not end on a comma, an opener
  or a function word;
* openers and role nouns win over bare names, and the longest head wins among
  equals.
An opening quote mark or the end of the paragraph ends the title outright.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..article import Link

_CUE = re.compile(
    r"(?<!\w)(?:Baca(?: [Jj]uga)?|BACA(?: JUGA)?|Baca [Ss]elengkapnya|Simak [Jj]uga|Lihat [Jj]uga|Artikel [Tt]erkait)\s*:\s*",
)
_TOKEN = re.compile(r"[\w][\w'’.&/-]*|[^\w\s]")
_OPEN_QUOTES = set("\"“”'‘«")
_URL = re.compile(r"\s*\(?(https?://\S+?)\)?(?=\s|$)")


@cache
def _words(name: str) -> frozenset[str]:
    pkg = "warta.lang.id"
    text = resources.files(pkg).joinpath(name).read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def common_words() -> frozenset[str]:
    return _words("common_words.txt")


def title_function_words() -> frozenset[str]:
    return _words("title_function_words.txt")


def sentence_openers() -> frozenset[str]:
    return _words("sentence_openers.txt")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


def _is_name(tok: str) -> bool:
    """A capitalised word that is not a common word: a proper name, an acronym."""
    if not _is_cap(tok):
        return False
    if tok.isupper() and len(tok) > 1:
        return True
    return tok.lower().rstrip(".") not in common_words()


def _title_like(tok: str) -> bool:
    return _is_cap(tok) or tok.lower() in title_function_words() or tok in {",", ":", "?", "!", "-", "–", "(", ")", "&", "'", "’", "/"}


def _title_end(tokens: list[str]) -> int:
    """How many of ``tokens`` (all of one paragraph, after the cue) are title."""
    run = 1 if tokens and tokens[0] not in _OPEN_QUOTES else 0  # "iQoo Neo 7 …": first word as is
    while run < len(tokens) and tokens[run] not in _OPEN_QUOTES and _title_like(tokens[run]):
        run += 1
    if run == len(tokens) or tokens[run] in _OPEN_QUOTES:
        return run
    best, best_rank = None, -1
    for k in range(run - 1, 1, -1):  # the title keeps at least 2 tokens
        head = tokens[k:run]
        if not all(_is_name(t) or t == "," for t in head[1:]):
            break
        first = head[0]
        last_title = tokens[k - 1]
        low_first = first.lower()
        if not _is_cap(first):
            continue
        if last_title in {",", ":", "-", "(", "&"} or last_title.lower() in title_function_words():
            continue
        if last_title.lower() in sentence_openers():
            continue
        if low_first in sentence_openers():
            rank = 3
        elif _is_name(first):
            rank = 2
        elif len(head) == 1:
            rank = 1
        else:
            continue
        if rank >= best_rank:  # ties: keep the longer head (smaller k)
            best, best_rank = k, rank
    return best if best is not None else run


def find_related_links(text: str) -> tuple[list[tuple[int, int, str]], list[Link]]:
    """Spans to remove and the related links they carried."""
    spans: list[tuple[int, int, str]] = []
    links: list[Link] = []
    for m in _CUE.finditer(text):
        start = m.start()
        par_end = text.find("\n", m.end())
        par_end = len(text) if par_end < 0 else par_end
        rest = text[m.end() : par_end]
        toks = [(t.start(), t.end()) for t in _TOKEN.finditer(rest)]
        if not toks:
            continue
        n = _title_end([rest[s:e] for s, e in toks])
        if n == 0:
            continue
        title_end = toks[n - 1][1]
        title = rest[:title_end].strip()
        end = m.end() + title_end
        url = None
        um = _URL.match(text, end)
        if um:
            url, end = um.group(1), um.end()
        spans.append((start, end, "related-link"))
        links.append(Link(title=title, url=url, by="rules:baca-juga"))
    return spans, links
