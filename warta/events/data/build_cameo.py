"""Build ``cameo.tsv``: one row per CAMEO code with its PLOVER type and weights.

Run at build time, not at run time:

    python warta/events/data/build_cameo.py PATH/TO/events/plover/CAMEO2PLOVER-2021.txt

The PLOVER project's conversion table gives the PLOVER event type, mode and
context of every CAMEO code; ``cameo_extra.tsv`` (beside this script) gives what
that table lacks: names of the 01/02 families that PLOVER dropped, and the
Goldstein weights. The result is committed so that warta needs neither file at
run time. Quad classes follow the CAMEO convention by root code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")

# CAMEO quad classes: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
QUAD = {r: 1 for r in range(1, 6)} | {r: 2 for r in range(6, 9)}
QUAD |= {r: 3 for r in range(9, 14)} | {r: 4 for r in range(14, 21)}


def read_extra(path: Path) -> dict[str, tuple[str, float]]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, gold = line.split("\t")
        out[code] = (name, float(gold))
    return out


def read_plover(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """code -> (event, mode, context, name) from CAMEO2PLOVER."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = LINE.match(line.strip())
        if not m:
            continue
        code, body, name = m.group(1), m.group(2), (m.group(3) or "").strip()
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        out[code] = (parts[0], parts[1], parts[2].replace(" ", ""), name)
    return out


def goldstein_for(code: str, extra: dict[str, tuple[str, float]]) -> float:
    """Four-digit codes take the weight of their three-digit parent."""
    for c in (code, code[:3], code[:2]):
        if c in extra:
            return extra[c][1]
    raise KeyError(code)


def build(plover_path: Path) -> list[list[str]]:
    extra = read_extra(HERE / "cameo_extra.tsv")
    plover = read_plover(plover_path)
    rows = []
    for code in sorted(set(extra) | set(plover), key=lambda c: (c[:2], c)):
        name = extra[code][0] if code in extra else plover[code][3]
        event, mode, context, _ = plover.get(code, ("", "", "", ""))
        if not event and len(code) > 2:
            event = plover.get(code[:3], plover.get(code[:2], ("",)))[0]
        root = code[:2]
        rows.append([code, name, root, str(QUAD[int(root)]),
                     f"{goldstein_for(code, extra):.1f}", event, mode, context])
    return rows


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python warta/events/data/build_cameo.py PATH/TO/events/plover/CAMEO2PLOVER-2021.txt")
    src = Path(argv[1])
    rows = build(src)
    header = ["code", "name", "root", "quad", "goldstein", "plover", "plover_mode", "plover_context"]
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    (HERE / "cameo.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {len(rows)} codes to {HERE / 'cameo.tsv'}")


if __name__ == "__main__":
    main(sys.argv)
