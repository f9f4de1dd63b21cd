"""Wire and press sources an article cites: "dilansir Reuters.com",
"mengutip kantor berita Rusia, Tass", "Dikutip dari The Independent",
"seperti dilaporkan AFP", "melansir laman BBC"."""

from __future__ import annotations

import re

_CUE = re.compile(
    r"\b(?:(?:seperti|sebagaimana|yang)\s+)?(?:dilansir|melansir|dikutip|mengutip|dilaporkan|melaporkan|diberitakan|memberitakan|menurut laporan|dalam laporan)"
    r"(?:\s+(?:dari|oleh))?\s+",
    re.I,
)
_CUE_STEMS = ("lansir", "kutip", "lapor", "berita")  # a cheap test before the regex
# words between the cue and the name: "kantor berita Rusia,", "laman resmi", "situs"
_FILLER = re.compile(
    r"(?:(?:kantor berita|media|surat kabar|harian|majalah|stasiun televisi|televisi|laman|situs|portal|akun|jaringan berita|koran)"
    r"(?:\s+(?:resmi|pemerintah|milik negara|negara))?(?:\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s*,)?\s+)",
    re.I,
)
_NAME = re.compile(r"(?:The\s+)?[A-Z][\w&'’-]*(?:\.(?:com|co\.id|co\.uk|co|net|org|id))?(?:\s+(?:[A-Z][\w&'’-]*|of|de|al)(?:\.(?:com|co\.uk|net|org))?){0,4}")
_DOMAIN = re.compile(r"\.(?:com|co\.id|co\.uk|co|net|org|id)$", re.I)
# not sources: a cue followed by a weekday or a person's pronoun
_NOT_SOURCE = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Ia", "Dia", "Mereka", "Pihak"}


def find_cited(text: str) -> list[dict]:
    """Sources cited, in order, each once: [{name, start, end, by}]."""
    low = text.lower()
    if not any(k in low for k in _CUE_STEMS):
        return []
    out, seen = [], set()
    for m in _CUE.finditer(text):
        pos = m.end()
        f = _FILLER.match(text, pos)
        if f:
            pos = f.end()
        n = _NAME.match(text, pos)
        if not n:
            continue
        name = _DOMAIN.sub("", n.group(0).strip())
        name = re.sub(r"\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)$", "", name)
        if not name or name.split()[0] in _NOT_SOURCE or len(name) < 2:
            continue
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        out.append({"name": name, "start": n.start(), "end": n.start() + len(n.group(0)), "by": "rules:cited"})
    return out
