"""CSV and XLSX dumps: one article per row, columns found by name.

News dumps name their columns in many ways (``Body_Text``, ``isi_berita``,
``content``...). The known names below cover the dumps we have met; any other
layout is read with an explicit mapping (``--map text=col,title=col``). A table
without a text column gives one ItemError naming the columns it has, so the
user sees at once what to map.

Both readers stream: the csv module reads one record at a time and openpyxl's
read-only mode yields rows without loading the sheet.
"""

from __future__ import annotations

import ast
import csv
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO

from ..errors import ItemError
from .base import Item, make_article, open_binary
from .dates import DateOrder
from .decode import NotText, text_stream

FIELDS = ("text", "title", "url", "date", "outlet", "id")
FIELD_ALIASES = {"published": "date", "body": "text", "source": "outlet"}

# Known column names per field, in order of preference (compared without case,
# spaces, underscores or hyphens).
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("body_text", "isi_berita", "content", "isi", "body", "text", "artikel",
             "article", "article_text", "full_text", "konten", "berita", "teks"),
    "title": ("judul", "title", "headline", "judul_berita"),
    "url": ("tautan", "url", "link", "permalink", "canonical_url"),
    "date": ("tanggal", "date", "publishdate", "publish_date", "published", "published_at",
             "pubdate", "waktu", "datetime", "tgl", "tanggal_terbit"),
    "outlet": ("sumber", "source", "outlet", "media", "publisher", "portal", "situs"),
    "id": ("id", "article_id", "doc_id", "uid"),
}  # fmt: skip

LIST_LITERAL_MAX = 5_000_000  # characters; larger bodies are kept as written
_LIST_START = re.compile(r"^\[\s*['\"]")
_LIST_END = re.compile(r"['\"]\s*,?\s*\]$")
_DELIMITERS = (",", ";", "\t", "|")
MAX_CONSECUTIVE_ERRORS = 50  # a file this broken is not a table


class NoTextColumn(ValueError):
    """The header has no column to take the article text from."""


def _norm(name: object) -> str:
    """A column name reduced for matching: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", str(name or "").lower())


def _resolve_mapped(header: Sequence[object], field: str, column: str) -> int:
    """Index of a column the user named, by exact then loose match."""
    names = [str(h) if h is not None else "" for h in header]
    if column in names:
        return names.index(column)
    loose = [_norm(h) for h in names]
    if _norm(column) in loose:
        return loose.index(_norm(column))
    if column.isdigit() and int(column) < len(names):
        return int(column)
    raise NoTextColumn(f"mapped column {column!r} for {field} not among: {_list(header)}")


def _list(header: Sequence[object]) -> str:
    """The header as the user will recognise it in an error line."""
    shown = [str(h) if h not in (None, "") else "(unnamed)" for h in header]
    return ", ".join(shown) if shown else "(no header)"


def normalize_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """The mapping with field aliases resolved; unknown fields are refused."""
    out: dict[str, str] = {}
    for key, column in (mapping or {}).items():
        field = FIELD_ALIASES.get(key.lower(), key.lower())
        if field not in FIELDS and field != "sheet":
            raise ValueError(f"unknown field {key!r} in mapping (known: {', '.join(FIELDS)})")
        out[field] = column
    return out


def detect_columns(
    header: Sequence[object], mapping: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Map each field (text, title, url, date, outlet, id) to a column index.

    ``mapping`` wins over the known names. Raises NoTextColumn when there is
    no text column, with a message listing the columns the table has.
    """
    mapping = normalize_mapping(mapping)
    found: dict[str, int] = {}
    for field, column in mapping.items():
        if field in FIELDS:
            found[field] = _resolve_mapped(header, field, column)
    loose = [_norm(h) for h in header]
    for field, names in KNOWN_COLUMNS.items():
        if field in found:
            continue
        for name in names:
            key = _norm(name)
            if key in loose and loose.index(key) not in found.values():
                found[field] = loose.index(key)
                break
    if "text" not in found:
        raise NoTextColumn(
            f"no text column among: {_list(header)} (map one with --map text=COLUMN)"
        )
    return found


def unpack_list_literal(value: str) -> str:
    """Join a body stored as a Python list literal (``"['para 1', 'para 2']"``).

    Some scrapers wrote ``str(list_of_paragraphs)`` into the CSV. Only strings
    shaped like a list of string literals, under a size guard, are evaluated
    (``ast.literal_eval`` never runs code); anything else is returned as is.
    """
    s = value.strip()
    if len(s) > LIST_LITERAL_MAX or not _LIST_START.match(s) or not _LIST_END.search(s):
        return value
    try:
        items = ast.literal_eval(s)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return value
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        return value
    return "\n".join(x.strip() for x in items if x.strip())


def _cell(row: Sequence[Any], index: int | None) -> Any:
    """A cell by index, None when the row is short or the field unmapped."""
    if index is None or index >= len(row):
        return None
    value = row[index]
    return None if value == "" else value


class RowReader:
    """Turns the rows of one table into raw articles, keyed by row number."""

    def __init__(
        self,
        header: Sequence[object],
        columns: dict[str, int],
        label: str,
        fmt: str,
        sheet: str | None = None,
    ):
        self.header = [str(h) if h is not None else "" for h in header]
        self.columns = columns
        self.prefix = f"{label}#sheet={sheet}&" if sheet else f"{label}#"
        self.fmt = fmt
        self.dates = DateOrder()
        self.used = set(columns.values())

    def item(self, row_no: int, row: Sequence[Any]) -> Item | None:
        """The article of one data row; None for a wholly blank row."""
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            return None
        source = f"{self.prefix}row={row_no}"
        text = _cell(row, self.columns["text"])
        raw = unpack_list_literal(text) if isinstance(text, str) else _as_text(text)
        date_value = _cell(row, self.columns.get("date"))
        meta: dict[str, Any] = {}
        if raw != text and text is not None:
            meta["body_format"] = "python list literal"
        input_id = _cell(row, self.columns.get("id"))
        if input_id is not None:
            meta["input_id"] = str(input_id).strip()
        extra = self._extra(row)
        if extra:
            meta["extra"] = extra
        return make_article(
            raw or "",
            source,
            self.fmt,
            url=_cell(row, self.columns.get("url")),
            title=_cell(row, self.columns.get("title")),
            outlet=_cell(row, self.columns.get("outlet")),
            published=date_value,
            published_iso=self.dates.normalize(date_value) if date_value is not None else None,
            meta=meta,
        )

    def _extra(self, row: Sequence[Any]) -> dict[str, str]:
        """The other named columns (category, summary...), kept as evidence."""
        extra = {}
        for i, value in enumerate(row):
            if i in self.used or i >= len(self.header) or not self.header[i]:
                continue
            if value is not None and str(value).strip():
                extra[self.header[i]] = _as_text(value)
        return extra


def _as_text(value: Any) -> str:
    """A cell value as text (numbers and dates from spreadsheets included)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _rows(reader: RowReader, rows: Iterable[Sequence[Any]]) -> Iterator[Item]:
    """Yield the articles of numbered data rows, skipping blank ones."""
    for row_no, row in enumerate(rows, start=1):
        item = reader.item(row_no, row)
        if item is not None:
            yield item


def _delimiter(first_line: str, fmt_hint: str) -> str:
    """The delimiter of a header line: tab for .tsv, else the most frequent candidate."""
    if fmt_hint == "tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(
    lines: Iterable[str], delimiter: str, label: str
) -> Iterator[list[str] | ItemError]:
    """csv records, header first, with a parse error yielded in place of its record.

    An error's source is the data row it stands for (the header is row 0).
    """
    reader = csv.reader(lines, delimiter=delimiter)
    failures = 0
    for row_no in itertools.count():
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            failures += 1
            message = str(e)
            if "field limit" in message:
                message = "a field is over the --max-bytes limit; lines after it may be misread"
            source = f"{label}#row={row_no}" if row_no else label
            yield ItemError(source, f"CSV error: {message}", stage="read")
            if failures >= MAX_CONSECUTIVE_ERRORS:
                yield ItemError(label, "too many CSV errors in a row; rest of file skipped")
                return
            continue
        failures = 0
        yield row


def read_csv_stream(
    binary: BinaryIO,
    label: str,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = 20_000_000,
    fmt: str = "csv",
) -> Iterator[Item]:
    """Yield the rows of a CSV from a binary stream (file, gzip or stdin)."""
    try:
        stream, encoding = text_stream(binary)
    except NotText as e:
        yield ItemError(label, str(e), stage="read")
        return
    try:
        yield from _csv_items(stream, encoding, label, mapping, max_bytes, fmt)
    finally:
        stream.detach()  # leave the caller's stream (stdin) open


def _csv_items(
    stream: Any,
    encoding: str,
    label: str,
    mapping: Mapping[str, str] | None,
    max_bytes: int,
    fmt: str,
) -> Iterator[Item]:
    """The rows of a decoded CSV stream, header first."""
    csv.field_size_limit(max(max_bytes, 1 << 17))  # process-wide; the csv default is 128 kB
    first = stream.readline()
    if not first.strip():
        yield ItemError(label, "empty file", stage="read")
        return
    delimiter = _delimiter(first, fmt)
    records = _csv_records(itertools.chain([first], stream), delimiter, label)
    header = next(records)
    if isinstance(header, ItemError):
        yield ItemError(label, f"unreadable CSV header: {header.message}", stage="read")
        return
    try:
        columns = detect_columns(header, mapping)
    except ValueError as e:
        yield ItemError(label, str(e), stage="read")
        return
    reader = RowReader(header, columns, label, fmt)
    row_no = read = 0
    for record in records:
        row_no += 1
        if isinstance(record, ItemError):
            yield record
            continue
        item = reader.item(row_no, record)
        if item is None:
            continue
        read += 1
        if not isinstance(item, ItemError):
            item.meta["encoding"] = encoding
        yield item
    if not read:
        yield ItemError(label, "no data rows under the header", stage="read")


def read_csv(
    path: str | os.PathLike,
    label: str,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = 20_000_000,
    fmt: str = "csv",
) -> Iterator[Item]:
    """Yield the rows of a CSV (or TSV) file, gzip-compressed or not."""
    with open_binary(path) as binary:
        yield from read_csv_stream(binary, label, mapping, max_bytes, fmt)


def _pick_sheet(workbook: Any, mapping: Mapping[str, str]) -> tuple[Any, bool]:
    """The worksheet to read and whether it is the first one.

    A mapped ``sheet`` wins; otherwise the first sheet is the data (later
    sheets of the dumps are labelled subsets or notes of the same rows).
    """
    name = mapping.get("sheet")
    if name is None:
        return workbook.worksheets[0], True
    if name not in workbook.sheetnames:
        raise NoTextColumn(f"no sheet {name!r}; sheets: {', '.join(workbook.sheetnames)}")
    return workbook[name], workbook.sheetnames[0] == name


def read_xlsx(
    path: str | os.PathLike | BinaryIO, label: str, mapping: Mapping[str, str] | None = None
) -> Iterator[Item]:
    """Yield the rows of the first (or mapped) worksheet of an XLSX file or seekable stream."""
    from openpyxl import load_workbook

    mapping = normalize_mapping(mapping)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken file
        yield ItemError(label, f"not a readable XLSX workbook ({type(e).__name__}: {e})")
        return
    try:
        yield from _read_sheet(workbook, label, mapping)
    finally:
        workbook.close()


def _read_sheet(workbook: Any, label: str, mapping: dict[str, str]) -> Iterator[Item]:
    """Stream one worksheet: the first non-blank row is the header."""
    try:
        sheet, first = _pick_sheet(workbook, mapping)
    except NoTextColumn as e:
        yield ItemError(label, str(e), stage="read")
        return
    rows = sheet.iter_rows(values_only=True)
    header = next((r for r in rows if any(v not in (None, "") for v in r)), None)
    if header is None:
        yield ItemError(label, "empty workbook: no header row", stage="read")
        return
    try:
        columns = detect_columns(header, mapping)
    except NoTextColumn as e:
        yield ItemError(label, str(e), stage="read")
        return
    reader = RowReader(header, columns, label, "xlsx", sheet=None if first else sheet.title)
    read = 0
    for item in _rows(reader, rows):
        read += 1
        yield item
    if not read:
        yield ItemError(label, "no data rows under the header", stage="read")
