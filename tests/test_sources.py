"""Input readers: every format from fixtures written here, bad input, dates."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.article import Article
from warta.errors import ItemError, WartaError
from warta.sources import detect_format, read
from warta.sources.dates import DateOrder, normalize_date, reconcile_with_url, url_date
from warta.sources.decode import NotText, decode_bytes, looks_binary
from warta.sources.tabular import detect_columns, unpack_list_literal

BODY = (
    "JAKARTA, KOMPAS.com - Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah, "
    "Senin (27/2/2023).\n"
    '"Jalan ini akan memperlancar arus barang," kata Jokowi di lokasi peresmian.'
)


def articles(items: list) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def errors(items: list) -> list[ItemError]:
    return [x for x in items if isinstance(x, ItemError)]


def write_csv(path: Path, header: list[str], rows: list[list[str]], **kw) -> Path:
    with open(path, "w", newline="", encoding=kw.pop("encoding", "utf-8")) as fh:
        writer = csv.writer(fh, **kw)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# --- plain text --------------------------------------------------------------


def test_text_file_is_one_raw_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY + "\nBaca juga: Sesuatu &amp; lain\n", encoding="utf-8")
    [item] = list(read([str(path)]))
    assert isinstance(item, Article)
    assert item.source == str(path)
    assert item.text == ""
    assert item.raw.startswith("JAKARTA, KOMPAS.com")
    assert "&amp;" in item.raw  # raw stays raw: cleaning comes later
    assert item.meta["format"] == "text"
    assert item.meta["encoding"] == "utf-8"


def test_text_with_bom_and_cp1252(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Kafe di Bandung menjual caf\u00e9 \u201cenak\u201d seharga 20\u20ac.".encode("cp1252")
    )
    a, b = articles(list(read([str(bom), str(latin)])))
    assert a.raw.startswith("JAKARTA") and a.meta["encoding"] == "utf-8-sig"
    assert b.meta["encoding"] == "cp1252"
    assert "caf\u00e9 \u201cenak\u201d" in b.raw and "20\u20ac" in b.raw


def test_undefined_cp1252_bytes_fall_back_to_latin1() -> None:
    text, encoding = decode_bytes(b"Harga naik \x81 lagi \xe9")
    assert encoding == "cp1252"
    assert text == "Harga naik \x81 lagi \u00e9"


def test_binary_detection() -> None:
    assert looks_binary(b"GIF89a\x00\x01\x02")
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(BODY.encode("utf-8"))
    with pytest.raises(NotText):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_gzip_text_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(BODY.encode("utf-8")))
    [item] = list(read([str(path)]))
    assert isinstance(item, Article) and item.raw == BODY


# --- CSV ---------------------------------------------------------------------


def test_csv_kompas_tribun_layout_with_list_literal_body(tmp_path: Path) -> None:
    body = repr(["JAKARTA, KOMPAS.com - Paragraf satu.", "Paragraf dua, kata dia.", " "])
    path = write_csv(
        tmp_path / "dump.csv",
        ["URL", "PublishDate", "Article_ID", "Title", "Body_Text"],
        [
            ["https://nasional.kompas.com/read/2023/02/27/234/x", "2023-02-27 23:44:44", "234",
             "Judul Satu", body],
            ["https://www.tribunnews.com/x", "2023-02-27 21:43:30", "235", "Judul Dua",
             "TRIBUNNEWS.COM - Teks biasa [bukan daftar]"],
        ],
    )  # fmt: skip
    a, b = articles(list(read([str(path)])))
    assert a.source == f"{path}#row=1" and b.source == f"{path}#row=2"
    assert a.raw == "JAKARTA, KOMPAS.com - Paragraf satu.\nParagraf dua, kata dia."
    assert a.meta["body_format"] == "python list literal"
    assert a.title == "Judul Satu" and a.published == "2023-02-27"
    assert a.meta["published_raw"] == "2023-02-27 23:44:44"
    assert a.meta["input_id"] == "234"
    assert a.url == "https://nasional.kompas.com/read/2023/02/27/234/x"
    assert b.raw == "TRIBUNNEWS.COM - Teks biasa [bukan daftar]"
    assert "body_format" not in b.meta


def test_csv_detik_layout_learns_month_first_dates(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "detik.csv",
        ["id", "judul", "tautan", "tanggal", "isi_berita", "Summary"],
        [
            ["1", "Judul A", "https://news.detik.com/d-1/a", "10/21/2025 20:43", BODY, "Ringkas A"],
            ["2", "Judul B", "https://news.detik.com/d-2/b", "10/7/2025 11:55", BODY, ""],
        ],
    )
    a, b = articles(list(read([str(path)])))
    assert (a.title, a.url, a.published) == (
        "Judul A",
        "https://news.detik.com/d-1/a",
        "2025-10-21",
    )
    assert b.published == "2025-10-07"  # ambiguous, settled by the first row
    assert a.meta["extra"] == {"Summary": "Ringkas A"}
    assert "extra" not in b.meta


def test_csv_click_id_and_kontan_layouts(tmp_path: Path) -> None:
    click = write_csv(
        tmp_path / "click.csv",
        ["title", "source", "date", "time", "category", "sub-category", "content", "url"],
        [["Judul", "tribunnews.com", "10-Sep-19", "23:04", "Regional", "Regional", BODY,
          "https://www.tribunnews.com/regional/2019/09/10/judul"]],
    )  # fmt: skip
    kontan = write_csv(
        tmp_path / "kontan.csv",
        ["", "content", "date", "id", "images", "sumber", "title", "url"],
        [["0", BODY, "2018-12-13", "[1, 0]", "https://img/x.jpg", "kompas", "Judul K",
          "https://ekonomi.kompas.com/read/2018/12/13/1/x"]],
    )  # fmt: skip
    c, k = articles(list(read([str(click), str(kontan)])))
    assert (c.outlet, c.published, c.title) == ("tribunnews.com", "2019-09-10", "Judul")
    assert c.meta["extra"]["category"] == "Regional"
    assert (k.outlet, k.published, k.title, k.meta["input_id"]) == (
        "kompas",
        "2018-12-13",
        "Judul K",
        "[1, 0]",
    )


def test_csv_semicolon_and_tsv(tmp_path: Path) -> None:
    semi = write_csv(tmp_path / "semi.csv", ["judul", "isi"], [["J", BODY]], delimiter=";")
    tsv = write_csv(tmp_path / "t.tsv", ["title", "text"], [["T", BODY]], delimiter="\t")
    s, t = articles(list(read([str(semi), str(tsv)])))
    assert s.title == "J" and s.raw == BODY
    assert t.title == "T" and t.meta["format"] == "tsv"


def test_csv_mapping_overrides_detection(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv", ["headline_x", "naskah", "alamat"], [["H", BODY, "https://x/y"]]
    )
    [err] = list(read([str(path)]))
    assert isinstance(err, ItemError)
    assert "no text column among: headline_x, naskah, alamat" in err.message
    [a] = list(
        read([str(path)], mapping={"text": "naskah", "title": "headline_x", "url": "alamat"})
    )
    assert isinstance(a, Article)
    assert (a.raw, a.title, a.url) == (BODY, "H", "https://x/y")


def test_unknown_mapping_field_or_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(WartaError):
        list(read([str(tmp_path)], mapping={"bogus": "x"}))
    with pytest.raises(WartaError):
        list(read([str(tmp_path)], fmt="docx"))


def test_csv_missing_text_column_is_one_error_and_run_goes_on(tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "a_bad.csv", ["a", "b", "c"], [["1", "2", "3"]] * 5)
    good = tmp_path / "b_good.txt"
    good.write_text(BODY, encoding="utf-8")
    items = list(read([str(tmp_path)]))
    assert len(items) == 2
    err, art = items
    assert isinstance(err, ItemError) and err.source == str(bad)
    assert err.message.startswith("no text column among: a, b, c")
    assert isinstance(art, Article) and art.source == str(good)


def test_csv_empty_text_rows_and_blank_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "d.csv", ["title", "content"], [["A", BODY], ["B", "  "], ["", ""], ["D", BODY]]
    )
    items = list(read([str(path)]))
    assert [type(x).__name__ for x in items] == ["Article", "ItemError", "Article"]
    assert items[1].source == f"{path}#row=2" and items[1].message == "empty text"
    assert items[2].source == f"{path}#row=4"


def test_csv_cp1252_and_gzip(tmp_path: Path) -> None:
    raw = "title,content\nKaf\u00e9,\u201cIsi\u201d berita\n".encode("cp1252")
    path = tmp_path / "old.csv.gz"
    path.write_bytes(gzip.compress(raw))
    [a] = list(read([str(path)]))
    assert isinstance(a, Article)
    assert (a.title, a.raw, a.meta["encoding"]) == ("Kaf\u00e9", "\u201cIsi\u201d berita", "cp1252")


def test_csv_multiline_quoted_body(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv", ["title", "content"], [["A", "baris satu\r\nbaris dua"], ["B", BODY]]
    )
    a, b = articles(list(read([str(path)])))
    assert a.raw == "baris satu\r\nbaris dua" and b.source.endswith("#row=2")


def test_detect_columns_prefers_mapping_and_known_names() -> None:
    cols = detect_columns(["URL", "PublishDate", "Article_ID", "Title", "Body_Text"])
    assert cols == {"text": 4, "title": 3, "url": 0, "date": 1, "id": 2}
    cols = detect_columns(["judul", "tautan", "tanggal", "isi_berita"], {"title": "tautan"})
    assert cols["title"] == 1 and cols["text"] == 3 and "url" not in cols


def test_list_literal_guard() -> None:
    assert unpack_list_literal("['a', 'b']") == "a\nb"
    assert unpack_list_literal("[1, 2]") == "[1, 2]"
    assert unpack_list_literal("['a', __import__('os')]") == "['a', __import__('os')]"
    assert unpack_list_literal("[Foto] Presiden tiba") == "[Foto] Presiden tiba"
    assert unpack_list_literal("['tidak ditutup") == "['tidak ditutup"


# --- XLSX --------------------------------------------------------------------


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_xlsx_click_id_layout(tmp_path: Path) -> None:
    header = ["title", "source", "date", "time", "category", "sub-category", "content", "url"]
    path = write_xlsx(
        tmp_path / "kompas.xlsx",
        {
            "kompas": [
                header,
                # a spreadsheet program read 10/09/2019 month-first: the URL says 10 September
                ["Judul 1", "Kompas.com", datetime(2019, 10, 9), "21:48 WIB", "News", "Regional",
                 BODY, "https://regional.kompas.com/read/2019/09/10/21485171/judul-1"],
                ["Judul 2", "Kompas.com", "16/09/2019", "22:58 WIB", "Lifestyle", "Feel Good",
                 BODY, "https://lifestyle.kompas.com/read/2019/09/16/225817420/judul-2"],
                [None] * 8,
                ["Judul 4", "Kompas.com", datetime(2019, 9, 17), "21:12 WIB", "News", "-", None,
                 "https://x.kompas.com/read/2019/09/17/1/judul-4"],
            ],
            "kompas_labelling": [["title", "label"], ["Judul 1", "clickbait"]],
        },
    )  # fmt: skip
    items = list(read([str(path)]))
    a, b, e = items
    assert isinstance(a, Article) and isinstance(b, Article) and isinstance(e, ItemError)
    assert a.source == f"{path}#row=1" and a.meta["format"] == "xlsx"
    assert a.published == "2019-09-10" and "published_repaired" in a.meta
    assert b.published == "2019-09-16"
    assert (a.title, a.outlet, a.raw) == ("Judul 1", "Kompas.com", BODY)
    assert e.source == f"{path}#row=4" and e.message == "empty text"


def test_xlsx_sheet_mapping_and_missing_text_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx",
        {"notes": [["a", "b"], ["1", "2"]], "data": [["judul", "isi"], ["J", BODY]]},
    )
    [err] = list(read([str(path)]))
    assert isinstance(err, ItemError) and err.message.startswith("no text column among: a, b")
    [a] = list(read([str(path)], mapping={"sheet": "data"}))
    assert isinstance(a, Article) and a.source == f"{path}#sheet=data&row=1" and a.title == "J"


def test_broken_xlsx_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    [err] = list(read([str(path)]))
    assert isinstance(err, ItemError) and "not a readable XLSX workbook" in err.message


# --- JSONL -------------------------------------------------------------------


def test_jsonl_fields_and_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": BODY, "title": "T", "url": "https://u/1",
                    "published": "2023-02-27T21:43:30+07:00", "outlet": "Kompas"}),
        "",
        json.dumps({"text": ["Paragraf satu.", "Paragraf dua."]}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "tanpa teks"}),
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read([str(path)]))
    a, b, bad_json, not_obj, no_text = items
    assert isinstance(a, Article) and a.source == f"{path}#line=1"
    assert (a.title, a.url, a.published, a.outlet) == ("T", "https://u/1", "2023-02-27", "Kompas")
    assert a.meta["input_id"] == "a1" and a.meta["published_raw"] == "2023-02-27T21:43:30+07:00"
    assert isinstance(b, Article) and b.raw == "Paragraf satu.\nParagraf dua."
    assert b.source == f"{path}#line=3"
    assert isinstance(bad_json, ItemError) and bad_json.message.startswith(
        "not valid JSON on line 4"
    )
    assert isinstance(not_obj, ItemError) and "not a JSON object" in not_obj.message
    assert isinstance(no_text, ItemError) and no_text.message == "empty text"


def test_jsonl_overlong_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": BODY}) + "\n",
        encoding="utf-8",
    )
    err, art = list(read([str(path)], max_bytes=1000))
    assert isinstance(err, ItemError) and "over the" in err.message
    assert isinstance(art, Article) and art.raw == BODY and art.source.endswith("#line=2")


# --- HTML --------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Jokowi Resmikan Tol - Kompas.com</title>
<meta property="og:title" content="Jokowi Resmikan Tol">
<meta property="og:url" content="https://nasional.kompas.com/read/2023/02/27/1/jokowi-resmikan-tol">
<meta property="og:site_name" content="KOMPAS.com">
<meta property="article:published_time" content="2023-02-27T21:43:30+07:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Jokowi Resmikan Tol</h1>
<p>JAKARTA, KOMPAS.com - Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin.</p>
<p>"Jalan ini akan memperlancar arus barang dan orang di seluruh wilayah," kata Jokowi di lokasi.</p>
<p>Baca juga: Tol Lain Segera Dibuka</p>
<p>Peresmian dihadiri oleh menteri dan gubernur yang datang dari berbagai daerah sekitar.</p>
</article><footer>Copyright 2023 Kompas</footer></body></html>"""


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [a] = list(read([str(path)]))
    assert isinstance(a, Article), a
    assert a.meta["format"] == "html"
    assert a.url == "https://nasional.kompas.com/read/2023/02/27/1/jokowi-resmikan-tol"
    assert a.title == "Jokowi Resmikan Tol" and a.outlet == "KOMPAS.com"
    assert a.published == "2023-02-27"
    lines = a.raw.split("\n")
    assert lines[0].startswith("JAKARTA, KOMPAS.com - Presiden")
    assert len(lines) >= 3 and "Home" not in a.raw and "Copyright" not in a.raw


def test_broken_and_empty_html(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><<>></", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head></head><body></body></html>", encoding="utf-8")
    items = list(read([str(broken), str(empty)]))
    assert [(type(x), x.message) for x in items] == [
        (ItemError, "no article text found in HTML"),
        (ItemError, "no article text found in HTML"),
    ]


# --- WARC --------------------------------------------------------------------


def write_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        page = PAGE.replace(
            '<meta property="og:url" content="https://nasional.kompas.com/read/2023/02/27/1/jokowi-resmikan-tol">',
            "",
        )
        page = page.replace(
            '<meta property="article:published_time" content="2023-02-27T21:43:30+07:00">', ""
        )
        for uri, status, ctype, body in [
            ("https://news.example.id/a", "200 OK", "text/html; charset=utf-8", page.encode()),
            ("https://news.example.id/logo.png", "200 OK", "image/png", b"\x89PNG\x00\x00"),
            ("https://news.example.id/old", "301 Moved", "text/html", b"<html>moved</html>"),
            ("https://news.example.id/empty", "200 OK", "text/html", b"<html><body></body></html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-03-01T02:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)
        latin = page.replace("Jawa Tengah", "Jawa Tengah (caf\u00e9)").encode("cp1252")
        resource = writer.create_warc_record(
            "https://news.example.id/b", "resource", payload=io.BytesIO(latin),
            warc_content_type="text/html; charset=windows-1252",
            warc_headers_dict={"WARC-Date": "2023-03-02T02:00:00Z"},
        )  # fmt: skip
        writer.write_record(resource)
    return path


def test_warc_html_responses(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    items = list(read([str(path)]))
    assert len(items) == 3  # the image and the redirect are not articles
    a, err, b = items
    assert isinstance(a, Article), a
    assert a.source.startswith(f"{path}#record=urn:uuid:")
    assert a.url == "https://news.example.id/a"  # from WARC-Target-URI
    assert a.published == "2023-03-01"  # from WARC-Date
    assert a.meta["format"] == "warc" and a.meta["date_from"] == "capture"
    assert "JAKARTA, KOMPAS.com" in a.raw
    assert isinstance(err, ItemError) and err.message == "no article text found in HTML"
    assert isinstance(b, Article) and b.url == "https://news.example.id/b"
    assert "Jawa Tengah (caf\u00e9)" in b.raw and b.published == "2023-03-02"


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive at all\n" * 3, encoding="utf-8")
    [err] = list(read([str(path)]))
    assert isinstance(err, ItemError) and err.message.startswith("not a WARC file")


# --- RSS / Atom --------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Kompas.com - Nasional</title><link>https://nasional.kompas.com</link>
<item><title>Judul Satu</title><link>https://nasional.kompas.com/read/1</link>
<guid>k-1</guid><pubDate>Mon, 27 Feb 2023 21:43:30 +0700</pubDate>
<description>Ringkasan pendek.</description>
<content:encoded><![CDATA[<p>JAKARTA, KOMPAS.com - Paragraf satu &amp; dua.</p><p>Paragraf kedua.</p>]]></content:encoded>
</item>
<item><title>Judul Dua</title><link>https://nasional.kompas.com/read/2</link>
<pubDate>Tue, 28 Feb 2023 08:00:00 +0700</pubDate>
<description>&lt;p&gt;Hanya deskripsi.&lt;/p&gt;</description></item>
<item><title>Kosong</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tempo Atom</title>
<entry><title>Entri Atom</title><link rel="alternate" href="https://tempo.co/read/9"/>
<id>tag:tempo.co,2019:9</id><updated>2019-09-17T21:12:00+07:00</updated>
<content type="html">&lt;p&gt;Isi entri pertama.&lt;/p&gt;&lt;p&gt;Isi kedua.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "nasional.rss"
    path.write_text(RSS, encoding="utf-8")
    a, b, err = list(read([str(path)]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.source == f"{path}#item=1" and a.meta["format"] == "feed"
    assert a.raw == "JAKARTA, KOMPAS.com - Paragraf satu & dua.\nParagraf kedua."
    assert (a.title, a.url, a.published) == (
        "Judul Satu",
        "https://nasional.kompas.com/read/1",
        "2023-02-27",
    )
    assert a.outlet == "Kompas.com - Nasional" and a.meta["guid"] == "k-1"
    assert b.raw == "Hanya deskripsi." and b.published == "2023-02-28"
    assert isinstance(err, ItemError) and err.source == f"{path}#item=3"


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    [a] = list(read([str(path)]))
    assert isinstance(a, Article)
    assert (a.title, a.url, a.published, a.outlet) == (
        "Entri Atom",
        "https://tempo.co/read/9",
        "2019-09-17",
        "Tempo Atom",
    )
    assert a.raw == "Isi entri pertama.\nIsi kedua."


def test_feed_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>&b;</title><description>x</description></item></channel></rss>",
        encoding="utf-8",
    )
    [err] = list(read([str(path)]))
    assert isinstance(err, ItemError) and "DOCTYPE" in err.message


def test_truncated_feed_keeps_items_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(
        RSS[: RSS.index("<item><title>Judul Dua")] + "<item><title>Pot", encoding="utf-8"
    )
    a, err = list(read([str(path)]))
    assert isinstance(a, Article) and a.title == "Judul Satu"
    assert isinstance(err, ItemError) and "not well-formed XML after 1 items" in err.message


# --- inputs, formats, bad input ------------------------------------------------


def test_detect_format_by_extension_and_sniffing(tmp_path: Path) -> None:
    assert detect_format("x/dump.CSV") == "csv"
    assert detect_format("crawl.warc.gz") == "warc"
    assert detect_format("a.jsonl.gz") == "jsonl"
    assert detect_format("noext", head=b'{"text": "x"}\n') == "jsonl"
    assert detect_format("noext", head=b"WARC/1.1\r\n") == "warc"
    assert detect_format("noext", head=b"PK\x03\x04...") == "xlsx"
    assert detect_format("noext", head=b"<?xml version='1.0'?><rss>") == "feed"
    assert detect_format("noext", head=b"\n<!DOCTYPE html><html>") == "html"
    assert detect_format("noext", head=BODY.encode()) == "text"
    assert detect_format("noext", head=b"judul,tautan,isi_berita\nJ,https://x,Isi") == "csv"
    assert detect_format("noext", head=b"title\tcontent\nJ\tIsi") == "tsv"
    assert detect_format("noext", head=b"Isi, kata dia, tidak jelas.\nBaris dua") == "text"
    page = tmp_path / "page"
    page.write_bytes(gzip.compress(PAGE.encode()))
    assert detect_format(page) == "html"


def test_directory_glob_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(BODY, encoding="utf-8")
    given = str(tmp_path) + "/"
    sources = [x.source for x in read([given])]
    assert sources == [given + "a.txt", given + "sub/b.txt"]
    globbed = [x.source for x in read([str(tmp_path / "**" / "*.txt")])]
    assert globbed == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]
    missing = list(read([str(tmp_path / "nope.txt"), str(tmp_path / "*.csv")]))
    assert [x.message for x in missing] == [
        "no such file or directory",
        "no file matches this pattern",
    ]


def test_fmt_forces_a_format(tmp_path: Path) -> None:
    path = tmp_path / "data.dat"
    write_csv(path, ["naskah", "judul"], [[BODY, "J"]])
    [as_text] = list(read([str(path)]))
    assert as_text.meta["format"] == "text" and as_text.raw.startswith("naskah,judul")
    [as_csv] = list(read([str(path)], fmt="csv", mapping={"text": "naskah"}))
    assert as_csv.meta["format"] == "csv" and as_csv.title == "J" and as_csv.raw == BODY


def test_bad_inputs_each_give_one_clear_line_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "2_empty.txt").write_bytes(b"")
    (tmp_path / "3_big.txt").write_bytes(b"kata " * 2_000)  # 10 kB over a 5 kB limit
    (tmp_path / "4_broken.html").write_text("<html><body><<<", encoding="utf-8")
    write_csv(tmp_path / "5_notext.csv", ["a", "b"], [["1", "2"]])
    (tmp_path / "6_ok.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "7_latin.txt").write_bytes("Caf\u00e9 di Bandung.".encode("latin-1"))
    items = list(read([str(tmp_path)], max_bytes=5_000))
    messages = {Path(x.source).name: x.message for x in items if isinstance(x, ItemError)}
    assert messages == {
        "1_binary.txt": "binary file, not text",
        "2_empty.txt": "empty file",
        "3_big.txt": "file is 0.0 MB, over the 0.005 MB limit for one article (raise --max-bytes)",
        "4_broken.html": "no article text found in HTML",
        "5_notext.csv": "no text column among: a, b (map one with --map text=COLUMN)",
    }
    ok = {Path(x.source).name: x for x in articles(items)}
    assert set(ok) == {"6_ok.txt", "7_latin.txt"}
    assert (
        ok["7_latin.txt"].raw == "Caf\u00e9 di Bandung."
        and ok["7_latin.txt"].meta["encoding"] == "cp1252"
    )


def test_50_mb_text_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(52_400_000)  # sparse: no 50 MB written to disk
    tracemalloc.start()
    [err] = list(read([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert err.message == (
        "file is 52.4 MB, over the 20 MB limit for one article (raise --max-bytes)"
    )
    assert peak < 1_000_000  # the file was never read whole


def test_stdin_jsonl_and_text(monkeypatch) -> None:
    class FakeStdin:
        def __init__(self, data: bytes):
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin(b'{"text": "Satu."}\n{"text": "Dua."}\n'))
    items = list(read(["-"]))
    assert [x.raw for x in items] == ["Satu.", "Dua."]
    assert items[1].source == "<stdin>#line=2"
    monkeypatch.setattr(sys, "stdin", FakeStdin(BODY.encode()))
    [a] = list(read(["-"]))
    assert a.source == "<stdin>" and a.raw == BODY
    monkeypatch.setattr(sys, "stdin", FakeStdin(gzip.compress(b'{"text": "Tiga."}\n')))
    [c] = list(read(["-"]))
    assert c.raw == "Tiga."


# --- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-02-27 21:43:30", "2023-02-27"),
        ("2018-12-13", "2018-12-13"),
        ("10/20/2025 10:38", "2025-10-20"),
        ("16/09/2019", "2019-09-16"),
        ("10-Sep-19", "2019-09-10"),
        ("2023-02-27T21:43:30+07:00", "2023-02-27"),
        ("2023-02-27T23:30:00Z", "2023-02-27"),
        ("Mon, 27 Feb 2023 21:43:30 +0700", "2023-02-27"),
        ("Tue, 28 Feb 2023 08:00:00 GMT", "2023-02-28"),
        ("Senin, 27 Februari 2023 21:43 WIB", "2023-02-27"),
        ("27 Agustus 2019", "2019-08-27"),
        ("Sep 10, 2019", "2019-09-10"),
        ("2019/09/10", "2019-09-10"),
        ("Senin (25/12/2017)", "2017-12-25"),
        ("43718.9", "2019-09-10"),
        ("31/02/2023", None),
        ("kemarin", None),
        ("", None),
        ("12345", None),
    ],
)
def test_normalize_date_strings(raw: str, expected: str | None) -> None:
    assert normalize_date(raw) == expected


def test_normalize_date_values() -> None:
    assert normalize_date(datetime(2019, 9, 17, 0, 0)) == "2019-09-17"
    assert normalize_date(43718) == "2019-09-10"  # Excel serial day
    assert normalize_date(None) is None and normalize_date(True) is None
    assert normalize_date("05/04/2020") == "2020-04-05"  # Indonesian day-first by default
    assert normalize_date("05/04/2020", order="MDY") == "2020-05-04"


def test_date_order_learns_from_unambiguous_values() -> None:
    order = DateOrder()
    assert order.normalize("10/21/2025 20:43") == "2025-10-21"
    assert order.normalize("10/7/2025 11:55") == "2025-10-07"
    order = DateOrder()
    assert order.normalize("7/10/2025") == "2025-10-07"  # nothing learnt yet: day first


def test_reconcile_with_url() -> None:
    url = "https://regional.kompas.com/read/2019/09/10/21485171/x"
    assert url_date(url) == "2019-09-10"
    assert url_date("https://www.detik.com/d-8170307/x") is None
    assert reconcile_with_url("2019-10-09", url) == ("2019-09-10", True)
    assert reconcile_with_url("2019-09-11", url) == ("2019-09-11", False)
    assert reconcile_with_url(None, url) == (None, False)


# --- the reference corpus ----------------------------------------------------------


def test_every_corpus_file_reads(shared_data: Path) -> None:
    corpus = shared_data / "corpus"
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert files
    for path in files:
        ok = bad = 0
        for item in read([str(path)]):
            if isinstance(item, Article):
                ok += 1
                assert item.raw.strip() and item.source.startswith(f"{path}#row=")
            else:
                bad += 1
                assert item.message == "empty text", item
        assert ok >= 0.95 * (ok + bad) and ok > 100, (path.name, ok, bad)


def test_corpus_metadata_is_complete(shared_data: Path) -> None:
    path = shared_data / "corpus" / "click-id" / "kompas_2019-09.xlsx"
    if not path.exists():
        pytest.skip("click-id Kompas workbook not available")
    dates = [a.published for a in read([str(path)]) if isinstance(a, Article)]
    assert all(d and d.startswith("2019-09") for d in dates)


# --- streaming and robustness ---------------------------------------------------


def _peak_while_reading(path: Path) -> tuple[int, int]:
    """(articles read, peak traced memory) over one pass of ``read``."""
    tracemalloc.start()
    count = sum(1 for x in read([str(path)]) if isinstance(x, Article))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def test_big_csv_and_jsonl_stream_in_constant_memory(tmp_path: Path) -> None:
    body = (BODY + " ") * 12  # about 2.2 kB an article
    rows = 5000  # over 10 MB a file
    csv_path = tmp_path / "big.csv"
    write_csv(csv_path, ["title", "content"], ([f"J{i}", body] for i in range(rows)))
    jsonl_path = tmp_path / "big.jsonl"
    with open(jsonl_path, "w", encoding="utf-8") as fh:
        for i in range(rows):
            fh.write(json.dumps({"id": i, "text": body}) + "\n")
    for path in (csv_path, jsonl_path):
        assert path.stat().st_size > 10_000_000
        count, peak = _peak_while_reading(path)
        assert count == rows
        assert peak < 3_000_000, (path.name, peak)


def test_stdin_csv_is_sniffed(monkeypatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"judul,tanggal,isi_berita\nJ,16/09/2019,Isi berita.\n")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    [a] = list(read(["-"]))
    assert (a.source, a.title, a.published, a.raw) == (
        "<stdin>#row=1",
        "J",
        "2019-09-16",
        "Isi berita.",
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from(
        [".txt", ".csv", ".tsv", ".jsonl", ".html", ".warc", ".rss", ".xlsx", ""]
    ),
    gz=st.booleans(),
)
def test_read_never_raises_on_garbage(tmp_path: Path, data: bytes, suffix: str, gz: bool) -> None:
    path = tmp_path / f"junk{suffix}{'.gz' if gz else ''}"
    path.write_bytes(gzip.compress(data) if gz else data)
    items = list(read([str(path)]))
    assert items, "every input yields an article or an error"
    for item in items:
        assert isinstance(item, Article | ItemError)
        if isinstance(item, ItemError):
            assert item.source.startswith(str(path)) and "\n" not in item.message
        else:
            assert item.raw.strip() and item.text == ""


def test_inputs_without_articles_say_so(tmp_path: Path) -> None:
    header_only = write_csv(tmp_path / "a.csv", ["title", "content"], [])
    cut = tmp_path / "b.txt.gz"
    cut.write_bytes(gzip.compress(BODY.encode() * 50)[:60])
    images = tmp_path / "c.warc"
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(images, "wb") as fh:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        WARCWriter(fh, gzip=False).write_record(
            WARCWriter(fh).create_warc_record(
                "https://x.id/a.png", "response", payload=io.BytesIO(b"png"), http_headers=headers
            )
        )
    messages = [(x.source, x.message) for x in read([str(tmp_path)])]
    assert messages[0] == (str(header_only), "no data rows under the header")
    assert messages[1][0] == str(cut) and messages[1][1].startswith("damaged gzip data")
    assert messages[2] == (str(images), "no HTML page among its 1 records")


def test_oversized_csv_field_is_one_row_error(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        ["title", "content"],
        [["A", BODY], ["B", "x" * 300_000], ["C", BODY]],
    )
    items = list(read([str(path)], max_bytes=200_000))
    assert [a.title for a in articles(items)] == ["A", "C"]
    [err] = errors(items)
    assert err.source == f"{path}#row=2" and "--max-bytes" in err.message
