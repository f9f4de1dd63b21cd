from datetime import date

import warta
from warta.lang.detect import detect
from warta.meta.cited import find_cited
from warta.meta.dateline import find_dateline
from warta.meta.dates import find_dates, publication_date

FOUNDATION = ("clean", "meta", "sentences")


def analyze(text, **kw):
    return warta.analyze(text, stages=FOUNDATION, **kw)


def test_datelines_of_several_outlets():
    cases = {
        "MOSKWA, KOMPAS.com - Pemerintah Rusia menyatakan siap.": "Moskwa",
        "WASHINGTON DC, KOMPAS.com - Pemerintah AS menolak.": "Washington DC",
        "TRIBUNNEWS.COM, JAKARTA - Polisi memburu pelaku.": "Jakarta",
        "KONTAN.CO.ID - JAKARTA. Harga saham naik.": "Jakarta",
        "Bisnis.com, JAKARTA – Saham turun.": "Jakarta",
        "JAKARTA, KOMPAS — Presiden meminta menteri bekerja.": "Jakarta",
    }
    for text, city in cases.items():
        dl = find_dateline(text)
        assert dl is not None and dl.city is not None and dl.city.name == city, text


def test_dateline_english_name_and_country():
    city = find_dateline("MOSKWA, KOMPAS.com - Kremlin menyatakan.").city
    assert (city.english, city.country) == ("Moscow", "RUS")


def test_dateline_cut_from_text_and_recorded():
    art = analyze("MOSKWA, KOMPAS.com - Pemerintah Rusia menyatakan siap menjadi mediator, Selasa (26/12/2017).")
    assert art.text.startswith("Pemerintah Rusia")
    assert art.outlet == "Kompas" and art.dateline == "Moskwa"
    assert any(r.why == "dateline" and r.text.startswith("MOSKWA") for r in art.removed)


def test_weekday_dates_checked():
    found = find_dates("Hal itu disampaikan Selasa (26/12/2017) dan Senin (26/12/2017) malam.")
    assert [f.weekday_ok for f in found] == [True, False]
    assert found[0].value == date(2017, 12, 26)


def test_year_inferred_from_weekday_when_omitted():
    found = find_dates("Pada perdagangan Senin (28/1), IHSG turun. Sepanjang 2019 indeks naik.")
    assert found[0].value == date(2019, 1, 28) and found[0].weekday_ok
    assert find_dates("Senin (28/1) tanpa tahun sama sekali.") == []


def test_publication_date_prefers_url_then_valid_weekday():
    assert publication_date("Senin (27/2/2023)", "https://nasional.kompas.com/read/2023/02/26/x")[0] == date(2023, 2, 26)
    assert publication_date("Senin (26/12/2017) lalu dan Kamis (28/12/2017).")[0] == date(2017, 12, 28)
    assert publication_date("Rapat digelar 5 Maret 2024 di Jakarta.")[0] == date(2024, 3, 5)


def test_input_metadata_wins_over_text():
    art = analyze("Presiden berbicara Selasa (26/12/2017).", published="2018-01-02", url="https://www.detik.com/x")
    assert art.published == "2018-01-02" and art.outlet == "Detik"


def test_cited_sources():
    text = ('"Rusia siap," ungkap Peskov dilansir Reuters.com, Selasa. Kata Peskov mengutip kantor berita Rusia, Tass. '
            "Dikutip dari The Independent, Kamis. Seperti dilaporkan AFP, serangan itu terjadi.")  # fmt: skip
    assert [c["name"] for c in find_cited(text)] == ["Reuters", "Tass", "The Independent", "AFP"]


def test_language_detection():
    assert detect("Pemerintah menyatakan bahwa program itu akan dilanjutkan pada tahun depan dan tidak ada perubahan.")[0] == "id"
    assert detect("The government said that the program will continue next year and that there is no change.")[0] == "en"
    assert detect("Kerajaan berkata bahawa program itu akan diteruskan selepas ini kerana ia penting iaitu untuk rakyat.")[0] == "ms"


def test_content_id_is_stable_and_depends_on_text():
    a = analyze("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan baru di Jawa Tengah pada Senin (4/3/2024).")
    b = analyze("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan baru di Jawa Tengah pada Senin (4/3/2024).")
    c = analyze("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan lain di Jawa Barat pada Senin (4/3/2024).")
    assert a.id == b.id != c.id


def test_malformed_url_is_no_outlet_and_no_crash():
    art = analyze("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan baru, Senin (4/3/2024).", url="http://[::1")
    assert art.outlet == "Kompas" and art.published == "2024-03-04"
