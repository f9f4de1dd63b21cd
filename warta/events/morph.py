"""Indonesian verb morphology for the event dictionary.

The dictionary names a root once ("~tolak") and this module spells out the
affixed forms a news text uses ("menolak", "ditolak", "menolaknya"...), so an
analyst writes one row instead of ten. Over-generation is harmless: a form
that does not exist in Indonesian never occurs in text. Where a derivation
changes the meaning ("menemui" meet vs "menemukan" find) the dictionary row
lists the forms it wants.

Each form carries a voice: ``passive`` for di-/diper- forms (roles swap),
``active`` otherwise.
"""

from __future__ import annotations

VOWELS = set("aiueo")
DEFAULT_FORMS = ("meN", "di", "meN-kan", "di-kan", "meN-i", "di-i")
ALL_FORMS = (
    "0", "meN", "di", "meN-kan", "di-kan", "meN-i", "di-i", "ber", "ber-an", "ter",
    "memper", "memper-kan", "memper-i", "diper", "diper-kan", "diper-i", "peN-an",
    "per-an", "ke-an", "-an", "RED",
)
PASSIVE_FORMS = frozenset({"di", "di-kan", "di-i", "diper", "diper-kan", "diper-i"})


def nasal(prefix: str, root: str) -> list[str]:
    """meN-/peN- with nasal assimilation: tolak→menolak, pukul→memukul, kirim→mengirim.

    Clusters keep their first consonant (kritik→mengkritik, protes→memprotes),
    so both spellings are produced for k/p/t/s; monosyllables take menge-/penge-.
    """
    me = prefix  # "me" or "pe"
    r = root
    first = r[0]
    second = r[1] if len(r) > 1 else ""
    out: list[str] = []
    if sum(ch in VOWELS for ch in r) <= 1:
        out.append(me + "nge" + r)
    if first in VOWELS or first in "gh":
        out.append(me + "ng" + r)
    elif first == "k":
        out += [me + "ng" + r[1:], me + "ng" + r]
    elif first == "p":
        out += [me + "m" + r[1:], me + "m" + r]
    elif first in "bfv":
        out.append(me + "m" + r)
    elif first == "t":
        out += [me + "n" + r[1:], me + "n" + r]
    elif first == "s" and second != "y":
        out += [me + "ny" + r[1:], me + "n" + r]
    elif first in "dcjzs":
        out.append(me + "n" + r)
    else:  # l m n r w y, ng-, ny-
        out.append(me + r)
    return out


def ber(root: str, prefix: str = "ber") -> str:
    """ber-/ter-: the r drops before a root that starts with r (berencana)."""
    return (prefix[:-1] if root.startswith("r") else prefix) + root


def be(root: str) -> str | None:
    """ber- is be- before a root whose first syllable ends in -er (kerja → bekerja,
    ternak → beternak) and in belajar; None for other roots."""
    if root == "ajar":
        return "belajar"
    if len(root) > 3 and root[0] not in VOWELS and root[1:3] == "er" and root[3] not in VOWELS:
        return "be" + root
    return None


def forms(root: str, wanted: tuple[str, ...] = DEFAULT_FORMS) -> dict[str, str]:
    """Surface form → voice for the wanted derivations of ``root``."""
    r = root.lower()
    out: dict[str, str] = {}

    def add(words: list[str] | str, form: str) -> None:
        for w in [words] if isinstance(words, str) else words:
            out.setdefault(w, "passive" if form in PASSIVE_FORMS else "active")

    for f in wanted:
        if f == "0":
            add(r, f)
        elif f in ("meN", "meN-kan", "meN-i"):
            suffix = f[3:].lstrip("-")
            add([w + suffix for w in nasal("me", r)], f)
        elif f in ("di", "di-kan", "di-i"):
            add("di" + r + f[2:].lstrip("-"), f)
        elif f in ("memper", "memper-kan", "memper-i"):
            # member-/diber- of roots that take ber- (berhenti → memberhentikan) ride along
            sfx = f[6:].lstrip("-")
            add([ber(r, "memper") + sfx, ber(r, "member") + sfx], f)
        elif f in ("diper", "diper-kan", "diper-i"):
            sfx = f[5:].lstrip("-")
            add([ber(r, "diper") + sfx, ber(r, "diber") + sfx], f)
        elif f == "ber":
            add([ber(r)] + [w for w in [be(r)] if w], f)
        elif f == "ber-an":
            add([ber(r) + "an"] + [w + "an" for w in [be(r)] if w], f)
        elif f == "ter":
            add(ber(r, "ter"), f)
        elif f == "peN-an":
            add([w + "an" for w in nasal("pe", r)], f)
        elif f == "per-an":
            add(ber(r, "per") + "an", f)
        elif f == "ke-an":
            add("ke" + r + "an", f)
        elif f == "-an":
            add(r + "an", f)
        elif f == "RED":  # tembak-menembak, serang-menyerang
            add([r + "-" + w for w in nasal("me", r)], f)
        else:
            raise ValueError(f"unknown form {f!r} for root {root!r}")
    return out
