"""Build ``common_words.txt``: Indonesian words usually written in lower case.

Cleaning uses it to tell a proper name ("Julius", "LPSK") from a common word
written in title case ("Pengawalan") when it finds where an inline
"Baca juga: <title>" link ends. The list is derived from the training
sentences of the NER sets and the article text of the reference corpora:
a word is kept when it appears at least ``MIN_COUNT`` times in lower case in
mid-sentence and more often in lower case than capitalised.

    python -m warta.lang.id.build_lexicon ../shared/data
"""

from __future__ import annotations

import ast
import csv
import re
import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _ner_tokens(path: Path):
    for line in path.open(encoding="utf-8", errors="replace"):
        parts = line.split()
        if parts:
            yield parts[0]


def _corpus_words(path: Path):
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if len(cell) < 200:
                    continue
                if cell.startswith("['"):
                    try:
                        cell = " ".join(ast.literal_eval(cell))
                    except (ValueError, SyntaxError):
                        pass
                # skip the first word of each sentence: its case says nothing
                for sent in re.split(r"[.!?\n]\s+", cell):
                    yield from _WORD.findall(sent)[1:]


def build(data: Path) -> list[str]:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    streams = [_ner_tokens(p) for p in sorted(data.glob("ner/*/train.*"))]
    streams += [_corpus_words(p) for p in sorted(data.glob("corpus/*.csv"))]
    for stream in streams:
        for w in stream:
            if not w[:1].isalpha():
                continue
            if w.islower():
                lower[w] += 1
            elif w[0].isupper() and not w.isupper():
                upper[w.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= MIN_COUNT and n > upper[w])


def main(argv: list[str]) -> None:
    data = Path(argv[0] if argv else "../shared/data")
    words = build(data)
    out = Path(__file__).with_name("common_words.txt")
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
