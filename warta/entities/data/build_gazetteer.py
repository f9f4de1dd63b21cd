"""Build the generated gazetteer files from the reference data.

Usage: ``python -m warta.entities.data.build_gazetteer [DATA_DIR]`` (default ``../shared/data``).

It reads, at build time only:

- ``gazetteer/cldr-id-territories.json`` and ``gazetteer/country-list-id.csv`` (Indonesian
  country names), ``gazetteer/ngec-countries.csv`` (English names, ISO-3 codes);
- ``gazetteer/wilayah/provinces.csv`` and ``regencies.csv`` (Indonesian provinces, regencies and
  cities);
- ``events/petrarch2-dictionaries/Phoenix.Countries.actors.txt`` (office holders with dated CAMEO
  codes) and the Phoenix/PLOVER agent dictionaries (the sector codes that exist);

and writes ``countries.tsv``, ``regions.tsv`` and ``people.tsv`` beside this file. Those files are
the product: they are committed, and the stage never reads the reference data. ``actors.tsv`` is
curated by hand; rows there with the same id add aliases to the generated rows and override their
other fields, so hand work survives a rebuild. The script also checks that every actor code used
in ``actors.tsv`` and ``roles.tsv`` is made of codes the CAMEO dictionaries know, and prints what
it does not recognise.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["id", "name", "type", "actor", "wikidata", "kind", "aliases"]

# ISO 3166 alpha-3 codes and English names of the territories that the NGEC country table (which
# lists sovereign states) lacks; CLDR gives their Indonesian names.
EXTRA_TERRITORIES: dict[str, tuple[str, str]] = {
    "AI": ("AIA", "Anguilla"), "AQ": ("ATA", "Antarctica"), "AS": ("ASM", "American Samoa"),
    "AW": ("ABW", "Aruba"), "AX": ("ALA", "Aland Islands"), "BL": ("BLM", "Saint Barthelemy"),
    "BM": ("BMU", "Bermuda"), "BQ": ("BES", "Caribbean Netherlands"), "BV": ("BVT", "Bouvet Island"),
    "CC": ("CCK", "Cocos Islands"), "CK": ("COK", "Cook Islands"), "CW": ("CUW", "Curacao"),
    "CX": ("CXR", "Christmas Island"), "DM": ("DMA", "Dominica"), "EH": ("ESH", "Western Sahara"),
    "FK": ("FLK", "Falkland Islands"), "FO": ("FRO", "Faroe Islands"), "GF": ("GUF", "French Guiana"),
    "GG": ("GGY", "Guernsey"), "GI": ("GIB", "Gibraltar"), "GL": ("GRL", "Greenland"),
    "GP": ("GLP", "Guadeloupe"), "GS": ("SGS", "South Georgia and the South Sandwich Islands"),
    "GU": ("GUM", "Guam"), "HM": ("HMD", "Heard Island and McDonald Islands"),
    "IM": ("IMN", "Isle of Man"), "IO": ("IOT", "British Indian Ocean Territory"),
    "JE": ("JEY", "Jersey"), "KY": ("CYM", "Cayman Islands"), "MF": ("MAF", "Saint Martin"),
    "MO": ("MAC", "Macau"), "MP": ("MNP", "Northern Mariana Islands"), "MQ": ("MTQ", "Martinique"),
    "MS": ("MSR", "Montserrat"), "NC": ("NCL", "New Caledonia"), "NF": ("NFK", "Norfolk Island"),
    "NU": ("NIU", "Niue"), "PF": ("PYF", "French Polynesia"), "PM": ("SPM", "Saint Pierre and Miquelon"),
    "PN": ("PCN", "Pitcairn Islands"), "PR": ("PRI", "Puerto Rico"), "RE": ("REU", "Reunion"),
    "SH": ("SHN", "Saint Helena"), "SJ": ("SJM", "Svalbard and Jan Mayen"), "SS": ("SSD", "South Sudan"),
    "SX": ("SXM", "Sint Maarten"), "TC": ("TCA", "Turks and Caicos Islands"),
    "TF": ("ATF", "French Southern Territories"), "TK": ("TKL", "Tokelau"),
    "UM": ("UMI", "United States Minor Outlying Islands"), "VG": ("VGB", "British Virgin Islands"),
    "VI": ("VIR", "United States Virgin Islands"), "WF": ("WLF", "Wallis and Futuna"),
    "YT": ("MYT", "Mayotte"), "HK": ("HKG", "Hong Kong"), "XK": ("XKX", "Kosovo"),
    "PS": ("PSE", "Palestine"), "TW": ("TWN", "Taiwan"), "VA": ("VAT", "Vatican City"),
}
# CLDR codes that are not places with an actor code of their own.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"}

# Bare regency/city names that are also everyday words ("Batu" stone, "Buru" hunt): only the
# full form ("Kota Batu") is an alias for them.
COMMON_WORDS = {
    "Batu", "Baru", "Metro", "Puncak", "Buru", "Pati", "Banjar", "Batang", "Landak", "Bima",
    "Malaka", "Lebak", "Agam", "Kaur", "Muna", "Sigi", "Ende", "Alor", "Belu", "Tebo", "Bungo",
    "Lahat", "Wajo", "Dairi", "Karo", "Tual", "Sarmi", "Asmat", "Lingga", "Bone", "Kota Baru",
}
# English words of Phoenix aliases that are titles, not names.
TITLE_WORDS = {
    "PRESIDENT", "MINISTER", "PRIME", "FOREIGN", "AMBASSADOR", "GENERAL", "SECRETARY", "CHIEF",
    "LEADER", "KING", "QUEEN", "PRINCE", "SHEIKH", "COMMANDER", "SPOKESMAN", "DEPUTY", "FORMER",
    "MR.", "MRS.", "DR.", "GEN.", "COL.", "SENATOR", "GOVERNOR", "MAYOR", "JUDGE", "CHAIRMAN",
}
COMMON_NAME_COUNT = 12  # a name word carried by this many office holders is a common one
NAME_RE = re.compile(r"[A-Z][A-Z.'_-]*")
SMALL = {"dan", "di", "of", "the", "and", "da", "de", "la", "el", "al", "bin", "van", "der", "von"}


def slug(text: str) -> str:
    """Lower-case ASCII-ish slug used in entity ids ("Jawa Timur" -> "jawa-timur")."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def title(text: str) -> str:
    """Title case for names written in capitals, keeping short acronyms ("DKI", "DI")."""
    words = []
    for w in text.split():
        if w in {"DKI", "DI", "NTB", "NTT"}:
            words.append(w)
        elif w.lower() in SMALL:
            words.append(w.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def row(id_: str, name: str, type_: str, actor: str, kind: str, aliases: Iterable[str],
        wikidata: str = "") -> dict[str, str]:
    seen: list[str] = []
    for a in [name, *aliases]:
        a = " ".join(a.split())
        if a and a not in seen:
            seen.append(a)
    return {"id": id_, "name": name, "type": type_, "actor": actor, "wikidata": wikidata,
            "kind": kind, "aliases": "|".join(seen)}


def countries(data: Path) -> list[dict[str, str]]:
    """One LOC row per country or territory: Indonesian (CLDR, country-list) and English names."""
    gaz = data / "gazetteer"
    terr = json.loads((gaz / "cldr-id-territories.json").read_text("utf-8"))
    terr = terr["main"]["id"]["localeDisplayNames"]["territories"]
    names: dict[str, list[str]] = {}
    for code, name in terr.items():
        iso2 = code.split("-")[0]
        if len(iso2) == 2 and iso2.isalpha() and iso2 not in NOT_COUNTRIES:
            names.setdefault(iso2, []).append(name)
    with open(gaz / "country-list-id.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["id"] in names:
                names[r["id"]].append(r["value"])
    english: dict[str, tuple[str, str]] = dict(EXTRA_TERRITORIES)
    with open(gaz / "ngec-countries.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            english[r["CCA2"]] = (r["CCA3"], r["Name"])
    rows = []
    for iso2, ids in sorted(names.items()):
        if iso2 not in english:
            print(f"warning: no ISO-3 code for {iso2} {ids[0]}", file=sys.stderr)
            continue
        iso3, en = english[iso2]
        aliases = [n for n in ids if "(" not in n] + [en]
        rows.append(row(iso3.lower(), en, "LOC", iso3, "country", aliases))
    return rows


def regions(data: Path) -> list[dict[str, str]]:
    """Provinces, regencies and cities of Indonesia (actor IDN), with their bare names."""
    wil = data / "gazetteer" / "wilayah"
    rows = []
    provinces: set[str] = set()
    with open(wil / "provinces.csv", encoding="utf-8") as f:
        for _, name in csv.reader(f):
            n = title(name)
            provinces.add(n)
            rows.append(row(f"loc:{slug(n)}", n, "LOC", "IDN", "province", [f"Provinsi {n}"]))
    regencies = []
    with open(wil / "regencies.csv", encoding="utf-8") as f:
        regencies = [title(r[2]) for r in csv.reader(f)]
    bare_owner: dict[str, str] = {}
    for n in regencies:  # a city keeps the bare name when a regency shares it (Kota Bogor)
        kind, _, bare = n.partition(" ")
        bare = bare.removeprefix("Administrasi ")
        if bare in provinces or bare in COMMON_WORDS:
            continue
        if bare not in bare_owner or kind == "Kota":
            bare_owner[bare] = n
    for n in regencies:
        kind, _, bare = n.partition(" ")
        short = bare.removeprefix("Administrasi ")
        aliases = [n, f"{kind} {short}"]
        if kind == "Kabupaten":
            aliases.append(f"Kab. {short}")
        if bare_owner.get(short) == n:
            aliases.append(short)
        rows.append(row(f"loc:{slug(n)}", n, "LOC", "IDN",
                        "city" if kind == "Kota" else "regency", aliases))
    return rows


def phoenix_entries(path: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """(name, aliases, codes) of every entry of a PETRARCH/TABARI .actors file."""
    name: str | None = None
    aliases: list[str] = []
    codes: list[str] = []
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in "+\t [":
            if name:
                yield name, aliases, codes
            head, _, rest = line.partition("[")
            name, aliases, codes = head.strip(), [], []
            line = "[" + rest if rest else ""
        elif line.startswith("+"):
            aliases.append(line[1:].split("[")[0].strip())
        codes.extend(re.findall(r"\[([^\]]+)\]", line))
    if name:
        yield name, aliases, codes


def _phoenix_name(token_name: str) -> str:
    return title(token_name.replace("_", " ").strip())


def _usable_alias(a: str, last: str) -> bool:
    words = a.replace("_", " ").split()
    return 2 <= len(words) <= 4 and words[-1] == last and not (set(words) & TITLE_WORDS)


def _common_name_words(entries: list[tuple[str, list[str], list[str]]]) -> set[str]:
    """Name words shared by many office holders (Ali, Mohamed, Khan): a name made only of them
    is no evidence of who is meant."""
    counts: dict[str, int] = {}
    for name, _, _ in entries:
        for w in set(name.replace("_", " ").split()):
            counts[w] = counts.get(w, 0) + 1
    return {w for w, n in counts.items() if n >= COMMON_NAME_COUNT}


def people(data: Path, taken: set[str]) -> list[dict[str, str]]:
    """Office holders from the Phoenix country dictionary whose last code is still open.

    Only names of two words or more are kept (a lone surname is joined to its full name inside an
    article by the linker, not by the dictionary), and people whose name a curated row already
    claims are left to that row.
    """
    path = data / "events" / "petrarch2-dictionaries" / "Phoenix.Countries.actors.txt"
    rows, seen = [], set()
    entries = list(phoenix_entries(path))
    common = _common_name_words(entries)
    for name, aliases, codes in entries:
        words = name.replace("_", " ").split()
        if len(words) < 2 or not codes or set(words) & TITLE_WORDS or not NAME_RE.fullmatch(name):
            continue
        last = codes[-1].split()
        if len(last) == 2 and not last[1].startswith(">"):
            continue  # the last office ended: not a current actor
        code = last[0]
        if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code) or len(code) < 6:
            continue
        if len(words) <= 3 and all(w.strip("_") in common for w in words):
            continue  # "Ismail Khan", "Abdullah Abdullah": too many people share it
        forms = [_phoenix_name(name)] + [
            _phoenix_name(a) for a in aliases if _usable_alias(a.strip("_"), words[-1].strip("_"))
        ]
        if any(f.lower() in taken for f in forms):
            continue
        id_ = f"per:{slug(forms[0])}"
        if id_ in seen:
            continue
        seen.add(id_)
        rows.append(row(id_, forms[0], "PER", code, "person", forms[1:]))
    return rows


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, rows: list[dict[str, str]], source: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(f"# Generated by build_gazetteer.py from {source}. Do not edit: add or correct\n")
        f.write("# entries in actors.tsv (same id), which overrides this file.\n")
        w = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writeheader()
        w.writerows(rows)


def known_codes(data: Path) -> set[str]:
    """Three-letter CAMEO codes that the agent and actor dictionaries use."""
    codes: set[str] = set()
    ev = data / "events"
    for p in [ev / "petrarch2-dictionaries" / "Phoenix.agents.txt", ev / "plover" / "PLOVER_agents.txt",
              ev / "petrarch2-dictionaries" / "Phoenix.International.actors.txt",
              ev / "petrarch2-dictionaries" / "Phoenix.Countries.actors.txt"]:
        for c in re.findall(r"\[~?([A-Z]+)", p.read_text("utf-8", errors="replace")):
            codes.update(c[i : i + 3] for i in range(0, len(c) - 2, 3))
    return codes


def check_codes(data: Path, curated: list[dict[str, str]], roles: list[dict[str, str]]) -> int:
    """Print actor and sector codes the CAMEO dictionaries do not know; return how many."""
    known = known_codes(data)
    bad = 0
    used = [(r["id"], r["actor"]) for r in curated if r["actor"]]
    used += [(r["role"], r["sector"]) for r in roles if r["sector"]]
    for what, code in used:
        parts = [code[i : i + 3] for i in range(0, len(code), 3)]
        unknown = [p for p in parts if p not in known]
        if unknown or len(code) % 3:
            bad += 1
            print(f"check: {what}: code {code} has parts unknown to CAMEO: {unknown}", file=sys.stderr)
    return bad


def main(argv: list[str]) -> int:
    data = Path(argv[0] if argv else "../shared/data")
    if not (data / "gazetteer").is_dir():
        print(f"error: {data} has no gazetteer/ folder", file=sys.stderr)
        return 2
    curated = read_tsv(HERE / "actors.tsv")
    taken = {a.lower() for r in curated for a in r["aliases"].split("|")}
    c, r = countries(data), regions(data)
    p = people(data, taken)
    write_tsv(HERE / "countries.tsv", c, "CLDR, country-list and NGEC country tables")
    write_tsv(HERE / "regions.tsv", r, "Wilayah Administratif Indonesia")
    write_tsv(HERE / "people.tsv", p, "the PETRARCH2 Phoenix country actor dictionary")
    roles = read_tsv(HERE / "roles.tsv")
    bad = check_codes(data, curated, roles)
    print(f"countries {len(c)}, regions {len(r)}, people {len(p)}, curated {len(curated)}, "
          f"codes not recognised {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
