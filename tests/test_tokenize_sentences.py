from warta.lang.id.sentences import split_sentences
from warta.lang.id.tokenize import split_clitic, tokenize


def texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_tokens_keep_numbers_abbreviations_and_reduplication():
    toks = [t.text for t in tokenize("Dr. Budi membayar Rp 2.000,50 di Jl. Sudirman No. 5 pada 26/12/2017. Negara-negara AS.")]
    assert toks[:3] == ["Dr.", "Budi", "membayar"]
    assert "2.000,50" in toks and "Jl." in toks and "No." in toks and "26/12/2017" in toks
    assert "Negara-negara" in toks
    assert toks[-2:] == ["AS", "."]


def test_token_offsets_point_into_text():
    text = "“Kami siap,” ujarnya di https://kompas.com/x."
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
    assert any(t.text == "https://kompas.com/x" for t in tokenize(text))


def test_split_clitic():
    assert split_clitic("ujarnya") == ("ujar", "nya")
    assert split_clitic("tambahnya") == ("tambah", "nya")
    assert split_clitic("Rusia") == ("Rusia", "")


def test_sentences_respect_abbreviations_initials_and_numbers():
    got = texts("Dr. Budi tiba pukul 10.00 WIB. Ia membayar Rp 2.000. A. Rahman hadir. Harga naik 3,5 persen di AS. PBB menolak.")
    assert got == ["Dr. Budi tiba pukul 10.00 WIB.", "Ia membayar Rp 2.000.", "A. Rahman hadir.",
                   "Harga naik 3,5 persen di AS.", "PBB menolak."]  # fmt: skip


def test_multi_sentence_quote_stays_together_with_its_cue():
    text = '"Tidak mungkin dari satu pihak. Karenanya perlu dua pihak," tambahnya. Proses itu sulit.'
    assert texts(text) == ['"Tidak mungkin dari satu pihak. Karenanya perlu dua pihak," tambahnya.', "Proses itu sulit."]


def test_kompas_right_quote_opening():
    text = "”Kami siap. Semua pihak diundang,” kata Peskov. Ia menambahkan hal lain."
    assert texts(text)[0] == "”Kami siap. Semua pihak diundang,” kata Peskov."


def test_paragraph_break_always_ends_a_sentence():
    assert texts("Judul tanpa titik\nKalimat kedua.") == ["Judul tanpa titik", "Kalimat kedua."]


def test_unclosed_quote_does_not_swallow_paragraph():
    got = texts('"Kutipan yang berlanjut. Ke paragraf lain. Tanpa penutup')
    assert len(got) == 3
