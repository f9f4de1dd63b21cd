"""Bad input never crashes a run: fuzzing every reader and every stage.

Each reader gets random bytes, mutated valid files, truncated UTF-8, giant
lines, deeply nested HTML, quotes without ends and empty articles; the
pipeline gets random and adversarial text. Every call must give either a
valid record (every span inside the text) or a clear per-item error, and a
stage must never raise: an ``analysis failed`` error means a stage crashed.

Example counts are bounded so the whole suite runs in a few minutes on a
loaded two-core machine; ``HYPOTHESIS_PROFILE=deep`` runs ten times more.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.article import Article
from warta.errors import ItemError
from warta.ingest import analyze_one, ingest
from warta.pipeline import Pipeline
from warta.sources import read
from warta.store import open_store

settings.register_profile(
    "ci", deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile("deep", parent=settings.get_profile("ci"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 1

EXTENSIONS = (".txt", ".csv", ".tsv", ".jsonl", ".html", ".warc", ".xml", ".xlsx", ".rss", "")
BODY = (
    "JAKARTA, KOMPAS.com - Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang, "
    'Senin (4/3/2024). "Bendungan ini mengairi 4.000 hektar sawah," ujar Jokowi. '
    "Menteri PUPR Basuki Hadimuljono mengatakan proyek itu selesai tepat waktu.\n"
    "Baca juga: Jokowi Resmikan Tol Baru\nPenulis: Ani | Editor: Budi"
)


# -- valid seed files of every format, which the mutations start from -------------


def _csv() -> bytes:
    rows = ['"title","url","date","content"']
    for i in range(3):
        rows.append(f'"Judul {i}","https://kompas.com/{i}","2024-03-0{i + 1}","{BODY.replace(chr(34), chr(34) * 2)}"')
    return ("\n".join(rows) + "\n").encode()


def _jsonl() -> bytes:
    lines = [json.dumps({"title": f"Judul {i}", "url": f"https://x.id/{i}", "text": BODY}) for i in range(3)]
    return ("\n".join(lines) + "\n").encode()


def _html() -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines())
    return (f"<!DOCTYPE html><html><head><title>Judul</title></head><body><article>{paragraphs}"
            "</article></body></html>").encode()  # fmt: skip


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://kompas.com/a", "response", payload=io.BytesIO(_html()),
                                       http_headers=http)  # fmt: skip
    writer.write_record(record)
    return out.getvalue()


def _rss() -> bytes:
    item = f"<item><title>Judul</title><link>https://x.id/1</link><description>{BODY}</description></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{item}</channel></rss>'.encode()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["judul", "tautan", "tanggal", "isi_berita"])
    ws.append(["Judul", "https://x.id/1", "2024-03-04", BODY])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# built once: a workbook's bytes carry its creation time, and examples must replay exactly
SEEDS = {suffix: functools.cache(make) for suffix, make in {
    ".csv": _csv, ".jsonl": _jsonl, ".html": _html, ".warc": _warc, ".rss": _rss, ".xlsx": _xlsx,
    ".txt": lambda: BODY.encode(),
}.items()}  # fmt: skip


# -- checks -------------------------------------------------------------------------


def _spans(article: Article) -> list[tuple[str, object, object]]:
    """Every (layer, start, end) the record carries."""
    out = [("sentence", s.start, s.end) for s in article.sentences]
    out += [("mention", m.start, m.end) for m in article.mentions]
    for ent in article.entities:
        out += [("entity mention", m.get("start"), m.get("end")) for m in ent.mentions]
    for layer in ("quotes", "events", "summary"):
        for item in getattr(article, layer):
            if isinstance(item, dict) and ("start" in item or "end" in item):
                out.append((layer, item.get("start"), item.get("end")))
    return out


def assert_valid(article: Article) -> None:
    """A record whose every span lies inside its text."""
    n = len(article.text)
    for layer, start, end in _spans(article):
        assert isinstance(start, int) and isinstance(end, int), (layer, start, end)
        assert 0 <= start <= end <= n, f"{layer} span {start}..{end} outside text of {n} characters"


def assert_items(items: list, label: str) -> None:
    """Readers give raw articles (with raw text) or per-item errors, each naming its input."""
    for item in items:
        assert isinstance(item, Article | ItemError), type(item)
        assert item.source.startswith(label), (item.source, label)
        if isinstance(item, Article):
            assert isinstance(item.raw, str)
        else:
            assert item.message.strip()


def read_bytes(data: bytes, suffix: str, **kw) -> list:
    """Everything ``read`` yields for a file holding ``data``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"input{suffix}")
        with open(path, "wb") as fh:
            fh.write(data)
        items = list(read([path], **kw))
        assert_items(items, path)
        return items


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyze_checked(pipeline: Pipeline, text: str, **meta) -> Article | ItemError:
    """The ingest path for one raw text: a valid record or a clean/language error, never a crash."""
    out = analyze_one(Article(text="", raw=text, source="fuzz", **meta), pipeline, verbose=True)
    if isinstance(out, ItemError):
        assert out.stage != "analyze", f"a stage crashed on {text[:200]!r}:\n{out.message}"
        assert out.stage in ("clean", "lang")
    else:
        assert_valid(out)
    return out


# -- readers ------------------------------------------------------------------------


@settings(max_examples=120 * SCALE)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(EXTENSIONS), gz=st.booleans())
def test_readers_survive_random_bytes(data, suffix, gz):
    read_bytes(gzip.compress(data) if gz else data, suffix + (".gz" if gz else ""))


def _mutate(seed: bytes, draw) -> bytes:
    """A valid file truncated, with bytes flipped, or with a random run spliced in."""
    kind = draw(st.sampled_from(["truncate", "flip", "splice"]))
    at = draw(st.integers(0, max(0, len(seed) - 1)))
    if kind == "truncate":
        return seed[:at]
    if kind == "flip":
        out = bytearray(seed)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(out) - 1))
            out[i] = draw(st.integers(0, 255))
        return bytes(out)
    return seed[:at] + draw(st.binary(min_size=1, max_size=200)) + seed[at:]


@settings(max_examples=150 * SCALE)
@given(suffix=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_readers_survive_mutated_valid_files(suffix, data):
    mutated = _mutate(SEEDS[suffix](), data.draw)
    read_bytes(mutated, suffix)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_valid_seed_files_give_articles(suffix):
    items = read_bytes(SEEDS[suffix](), suffix)
    assert any(isinstance(i, Article) for i in items), items


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl", ".html", ".rss"])
def test_truncated_utf8_is_read_or_refused_cleanly(suffix):
    data = SEEDS[suffix]()
    data = data.replace(b"Presiden", "Présidén “Jokowi”".encode())
    for cut in range(1, 4):  # inside a multi-byte character
        marker = data.index("“".encode()) + cut
        read_bytes(data[:marker] + data[marker + 3 :], suffix)
        read_bytes(data[:marker], suffix)
    read_bytes(b"\xff\xfe" + BODY.encode("utf-16-le"), suffix)
    read_bytes(b"\xef\xbb\xbf" + data, suffix)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".txt", ".html"])
def test_giant_lines_get_a_clear_error(suffix):
    giant = b"kata " * 40_000  # 200 kB on one line, over the 50 kB limit below
    if suffix == ".csv":
        data = b"title,content\nJudul," + giant + b"\nJudul 2," + BODY.replace("\n", " ").encode() + b"\n"
    elif suffix == ".jsonl":
        data = json.dumps({"text": giant.decode()}).encode() + b"\n" + _jsonl()
    else:
        data = giant
    items = read_bytes(data, suffix, max_bytes=50_000)
    errors = [i for i in items if isinstance(i, ItemError)]
    assert errors and any("limit" in e.message for e in errors), items
    if suffix in (".csv", ".jsonl"):  # the next rows are still read
        assert any(isinstance(i, Article) for i in items)


@pytest.mark.parametrize("depth", [1_000, 20_000, 200_000])
def test_deeply_nested_html_is_read_or_refused(depth, pipeline):
    html = b"<html><body>" + b"<div>" * depth + BODY.encode() + b"</div>" * (depth // 2)
    items = read_bytes(html, ".html")
    assert len(items) == 1
    if isinstance(items[0], Article):
        analyze_checked(pipeline, items[0].raw)


def test_quotes_without_ends_and_empty_articles_in_tables():
    unclosed = b'title,content\n"Judul,"' + BODY.encode() + b'\n"Judul 2","' + b"x" * 100 + b"\n"
    read_bytes(unclosed, ".csv")
    empties = b'title,content\nJudul,\n,\n"",""\nJudul 4,   \n'
    items = read_bytes(empties, ".csv")
    assert all(isinstance(i, ItemError) for i in items) or all(not (i.raw or "").strip() for i in items)
    items = read_bytes(b'{"text": ""}\n{"text": null}\n{}\n[]\n"x"\n\n{"text": 5}\n', ".jsonl")
    assert items and not any(isinstance(i, Article) and (i.raw or "").strip() for i in items)


# -- the pipeline -------------------------------------------------------------------

WORDS = (
    "Presiden", "Joko", "Widodo", "Jokowi", "kata", "ujar", "ungkap", "menurut", "Menteri", "Luar",
    "Negeri", "Rusia", "Amerika", "Serikat", "KPK", "menahan", "mengecam", "bertemu", "dengan",
    "di", "Jakarta", "JAKARTA,", "KOMPAS.com", "-", "Senin", "(25/12/2017)", "pekan", "lalu",
    "Baca", "juga:", "\"", "“", "”", "'", "«", "»", "(", ")", ",", ".", ":", "—", "\n", "\n\n",
    "SCROLL", "TO", "CONTINUE", "Penulis:", "Editor:", "Rp", "1,2", "miliar", "yang", "itu",
)  # fmt: skip
MIXED = st.characters(codec="utf-8", exclude_categories=("Cs",))
ADVERSARIAL_TEXT = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=400).map(" ".join),
    st.text(MIXED, max_size=1500),
    st.text(st.sampled_from("\"“”'‘’«»()[]{}.,;:!?—–-…\n\t \x00\x0b\x1b\u200b\u202e\ufeff"), max_size=800),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(MIXED, max_size=12)), max_size=300).map(" ".join),
)


@settings(max_examples=200 * SCALE)
@given(text=ADVERSARIAL_TEXT, url=st.one_of(st.none(), st.sampled_from(
    ["https://www.kompas.com/a", "https://news.detik.com/b", "not a url", "http://", "https://x.id/" + "a" * 3000]
)))  # fmt: skip
def test_pipeline_gives_a_valid_record_or_a_clean_error(pipeline, text, url):
    analyze_checked(pipeline, text, url=url)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "." * 5000,
        "\"" * 20_000,
        "“" + "Jokowi berkata " * 2000,
        ("Baca juga: " + "Judul " * 5 + "\n") * 300,
        "\x00\x01\x02 Presiden Joko Widodo bertemu Presiden Rusia di Moskwa, Senin. \x1b[31m",
        "Президент Джоко Видодо 习近平 会见 الرئيس " * 50 + " Presiden Jokowi bertemu Xi Jinping di Beijing.",
        "\u202eBENDUNGAN\u202c Presiden meresmikan bendungan di Subang, kata Menteri. " * 30,
        BODY * 400,  # a long article
    ],
    ids=["empty", "blank", "dots", "quote-marks", "unclosed-quote", "read-also", "control", "scripts", "bidi", "long"],
)
def test_adversarial_texts(pipeline, text):
    analyze_checked(pipeline, text)


def test_one_megabyte_single_line(pipeline):
    text = ("Presiden Joko Widodo mengatakan harga beras turun, kata Menteri " * 16_000)[:1_000_000]
    assert "\n" not in text and len(text) == 1_000_000
    analyze_checked(pipeline, text)


# -- the whole ingest path ------------------------------------------------------------


@settings(max_examples=15 * SCALE)
@given(files=st.lists(
    st.tuples(st.sampled_from(sorted(SEEDS) + [".bin", ".csv.gz"]), st.binary(max_size=2000), st.booleans()),
    min_size=1, max_size=6,
))  # fmt: skip
def test_ingest_of_a_folder_of_bad_files_never_raises(files):
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as db_dir:
        for i, (suffix, noise, keep_seed) in enumerate(files):
            base = SEEDS.get(suffix.removesuffix(".gz"), lambda: b"")()
            data = base + noise if keep_seed else noise
            Path(tmp, f"f{i}{suffix}").write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        with open_store(os.path.join(db_dir, "w.db")) as store:
            stats = ingest([tmp], store, stages=("clean", "meta", "sentences"))
            assert stats.added == store.count("articles")
            assert stats.read == stats.added + stats.skipped + stats.errors
            assert all(e["source"].startswith(tmp) for e in store.errors(limit=1000))


# -- pathological inputs: long runs of one mark -----------------------------------------
#
# These check results, not time. A run of 100,000 marks is where a quadratic algorithm
# (a regex backtracking over the run, a pairing loop rescanning it for every mark) would
# spend minutes of CPU: such a regression hangs the suite instead of passing quietly.

LONG_RUN = 100_000


def _through(stage_name: str, raw: str) -> Article:
    """A raw text run through the default stages up to and including ``stage_name``."""
    from warta.pipeline import DEFAULT, load_stage

    article = Article(text="", raw=raw)
    for name in DEFAULT[: DEFAULT.index(stage_name) + 1]:
        article = load_stage(name)(article)
    return article


def _tiles(article: Article) -> bool:
    """Sentences are in order, do not overlap and lie inside the text."""
    bounds = [(s.start, s.end) for s in article.sentences]
    ends = [0] + [e for _, e in bounds]
    return all(ends[i] <= s < e <= len(article.text) for i, (s, e) in enumerate(bounds))


@pytest.mark.parametrize("mark", [".", "!", "?", "…"])
def test_a_long_run_of_sentence_marks_is_one_sentence(mark):
    article = _through("sentences", mark * LONG_RUN)
    assert article.text == mark * LONG_RUN
    assert [(s.start, s.end) for s in article.sentences] == [(0, LONG_RUN)]


def test_a_long_run_of_dots_inside_text_ends_one_sentence():
    raw = "Harga beras naik" + "." * LONG_RUN + " Menteri Perdagangan datang ke Jakarta."
    article = _through("sentences", raw)
    assert _tiles(article)
    assert len(article.sentences) == 2
    assert article.text[article.sentences[1].start :] == "Menteri Perdagangan datang ke Jakarta."


def test_a_long_run_of_quote_marks_holds_no_quotation():
    article = _through("quotes", '"' * LONG_RUN)
    assert article.text == '"' * LONG_RUN
    assert article.quotes == []
