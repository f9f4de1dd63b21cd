"""CAMEO code tables: name, root, quad class, Goldstein weight and PLOVER type.

The table is ``data/cameo.tsv`` (built from the PLOVER project's CAMEO→PLOVER
conversion by ``data/build_cameo.py``), so an analyst can read and correct it
without touching Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    root: str
    quad: int
    goldstein: float
    plover: str
    plover_mode: str
    plover_context: str

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES[self.quad]


@lru_cache(maxsize=1)
def table() -> dict[str, Code]:
    """Every CAMEO code known to warta, keyed by code string ("039", "0311")."""
    text = resources.files(__package__).joinpath("data").joinpath("cameo.tsv").read_text("utf-8")
    out: dict[str, Code] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        code, name, root, quad, gold, plover, mode, context = (line.split("\t") + [""] * 8)[:8]
        out[code] = Code(code, name, root, int(quad), float(gold), plover, mode, context)
    return out


def lookup(code: str) -> Code:
    """The row of a code; raises KeyError for a code CAMEO does not define."""
    return table()[code]


def is_known(code: str) -> bool:
    return code in table()
