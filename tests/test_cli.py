"""The command line as a user runs it: real processes, real SQLite files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from warta.cli import main
from warta.resources import sample_paths


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_ingest_samples_twice_stores_each_once(tmp_path):
    db = str(tmp_path / "w.db")
    first = run("ingest", "--samples", "--db", db, "-q")
    assert first.exit_code == 0, first.output
    assert f"{len(sample_paths())} stored" in first.output
    again = run("ingest", "--samples", "--db", db, "-q")
    assert again.exit_code == 0
    assert "0 stored" in again.output and f"{len(sample_paths())} already stored" in again.output


def test_search_show_and_export(tmp_path):
    db = str(tmp_path / "w.db")
    run("ingest", "--samples", "--db", db, "-q")
    hits = run("search", "pompa air", "--db", db, "--json")
    rows = [json.loads(line) for line in hits.output.splitlines()]
    assert rows and "pompa" in rows[0]["snippet"].lower()
    shown = run("show", rows[0]["id"], "--db", db, "--json")
    record = json.loads(shown.output)
    assert record["dateline"] == "Jakarta" and record["outlet"] == "Kompas"
    out = tmp_path / "a.jsonl"
    exported = run("export", "--db", db, "--what", "articles", "--format", "jsonl", "--out", str(out))
    assert exported.exit_code == 0
    assert len(out.read_text().splitlines()) == len(sample_paths())


def test_analyze_output_contract(tmp_path):
    result = run("analyze", sample_paths()[0])
    record = json.loads(result.output.splitlines()[0])
    for key in ("id", "url", "outlet", "title", "dateline", "published", "lang", "text", "links", "cited",
                "removed", "sentences", "entities", "quotes", "events", "summary"):  # fmt: skip
        assert key in record
    for s in record["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(record["text"])


def test_analyze_reads_stdin():
    text = "JAKARTA, KOMPAS.com - Presiden meresmikan bendungan baru di Jawa Tengah, Senin (4/3/2024). Bendungan itu mengairi ribuan hektar sawah."
    result = run("analyze", "-", "--stages", "clean,meta,sentences", input=text)
    assert result.exit_code == 0
    assert json.loads(result.output)["published"] == "2024-03-04"


def test_bad_inputs_each_get_one_error_and_the_run_goes_on(tmp_path):
    db = str(tmp_path / "w.db")
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    good = tmp_path / "good.txt"
    good.write_text(Path(sample_paths()[0]).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_text("")
    latin = "JAKARTA, KOMPAS.com - Pemerintah menyatakan kafé dan restoran tetap buka selama libur panjang, Senin (4/3/2024). Warga diminta tetap menjaga kebersihan."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("cp1252"))
    (tmp_path / "english.txt").write_text("The government said on Monday that the new dam will be opened next year and that farmers will benefit from it.")
    (tmp_path / "notext.csv").write_text("a,b\n1,2\n")
    (tmp_path / "broken.html").write_text("<html><body><div><p></div></p></b")
    result = run("ingest", str(tmp_path), "--db", db, "-q")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert len(errors) == 5, result.output
    for name in ("binary.txt", "empty.txt", "english.txt", "notext.csv", "broken.html"):
        assert sum(name in e for e in errors) == 1, name
    assert "2 stored" in result.output  # good.txt and the cp1252 file
    listed = run("errors", "--db", db, "--json")
    assert len(listed.output.splitlines()) == 5


def _count(db: str) -> set[str]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("select id from article")}
    except sqlite3.OperationalError:  # polled before the store made its tables
        return set()
    finally:
        con.close()


def test_kill_9_then_rerun_gives_the_uninterrupted_result(tmp_path):
    # a JSONL input big enough that ingest is still running when killed
    src = tmp_path / "many.jsonl"
    base = [Path(p).read_text(encoding="utf-8") for p in sample_paths()]
    with src.open("w", encoding="utf-8") as fh:
        for i in range(3000):
            text = base[i % len(base)].replace("Senin", "Senin", 1) + f"\nCatatan redaksi nomor {i} untuk arsip."
            fh.write(json.dumps({"text": text, "url": f"https://example.id/{i}"}) + "\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "warta.cli", "ingest", str(src), "--stages", "clean,meta,sentences", "-q", "--batch-size", "50"]
    killed_db, clean_db = str(tmp_path / "killed.db"), str(tmp_path / "clean.db")
    proc = subprocess.Popen([*cmd, "--db", killed_db], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some batches are committed
        time.sleep(0.2)
        if Path(killed_db).exists() and len(_count(killed_db)) >= 100:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(killed_db)
    assert 0 < len(partial) < 3000
    subprocess.run([*cmd, "--db", killed_db], env=env, check=True, capture_output=True)
    subprocess.run([*cmd, "--db", clean_db], env=env, check=True, capture_output=True)
    assert _count(killed_db) == _count(clean_db)
    assert len(_count(clean_db)) == 3000


def test_ingest_groups_copies_and_export_counts_them_once(tmp_path):
    """A syndicated copy (other outlet's footer, one sentence changed) is found at ingest; exports
    leave its rows out unless --with-copies is given."""
    original = Path(sample_paths()[0]).read_text(encoding="utf-8")
    body = original.split("\n")
    longest = max(range(len(body)), key=lambda i: len(body[i]))
    body[longest] = body[longest].rstrip() + " Keterangan itu dibenarkan oleh warga setempat."
    copy = tmp_path / "copy.txt"
    copy.write_text("\n".join(body) + "\n\nArtikel ini telah tayang di Tribunnews.com dengan judul "
                    "yang sama.\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    first = run("ingest", *sample_paths(), "--db", db, "-q")
    assert first.exit_code == 0, first.output
    second = run("ingest", str(copy), "--db", db, "-q")
    assert second.exit_code == 0 and "1 copies found" in second.output, second.output

    def exported(*flags: str) -> list[dict]:
        out = tmp_path / "rows.jsonl"
        res = run("export", "--db", db, "--what", "articles", "--out", str(out), *flags)
        assert res.exit_code == 0, res.output
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert len(exported()) == len(sample_paths())
    assert len(exported("--with-copies")) == len(sample_paths()) + 1


PERSON_FULL = ("Ketua Dewan Pengawas Yayasan Cahaya Rudianto Wicaksono hadir di Jakarta pada Rabu. "
               "Rudianto Wicaksono mengatakan yayasannya siap membantu korban banjir di tiga provinsi.")
PERSON_SHORT = ('"Kami tetap siap bekerja untuk warga," kata Rudianto kepada wartawan di Jakarta, '
                "Minggu. Rudianto menambahkan bahwa bantuan sudah dikirim ke semua daerah terdampak.")


def test_ingest_joins_a_one_word_name_to_the_full_name_the_store_knows(tmp_path):
    rows = [{"id": "1", "url": "https://contoh.id/1", "published": "2025-10-01", "text": PERSON_FULL},
            {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": PERSON_SHORT}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    runner = CliRunner()
    kept = runner.invoke(main, ["ingest", str(src), "--db", str(tmp_path / "a.db"), "-q", "--no-resolve"])
    assert kept.exit_code == 0, kept.output
    assert "surnames:" not in kept.output
    r = runner.invoke(main, ["ingest", str(src), "--db", str(tmp_path / "b.db"), "-q"])
    assert r.exit_code == 0, r.output
    assert "joined 1 to a full name" in r.output
    listing = {}
    for db in ("a.db", "b.db"):
        out = runner.invoke(main, ["entities", "--db", str(tmp_path / db), "--type", "PER", "--json"])
        assert out.exit_code == 0, out.output
        listing[db] = {json.loads(line)["name"] for line in out.output.splitlines() if line.strip()}
    assert listing["a.db"] == {"Rudianto Wicaksono", "Rudianto"}
    assert listing["b.db"] == {"Rudianto Wicaksono"}
