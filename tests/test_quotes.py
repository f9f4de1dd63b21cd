"""The quotation layer: direct and indirect statements and their speakers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.article import Article, Entity, Mention
from warta.quotes import extract_quotes, quotes_stage
from warta.quotes.marks import pair_marks


def quotes_of(text: str, **kw) -> list[dict]:
    return extract_quotes(Article(text=text, id="t", **kw))


def direct(text: str) -> list[dict]:
    return [q for q in quotes_of(text) if q["kind"] == "direct"]


# ---------------------------------------------------------------- direct quotes


def test_straight_quote_with_cue_and_name_after():
    text = 'Harga beras naik lagi. "Kami akan menambah pasokan," kata Budi Santoso di Jakarta.'
    (q,) = direct(text)
    assert text[q["start"] : q["end"]] == '"Kami akan menambah pasokan,"'
    assert q["text"] == "Kami akan menambah pasokan,"
    assert q["cue"] == "kata" and text[q["cue_start"] : q["cue_end"]] == "kata"
    assert q["speaker"]["name"] == "Budi Santoso"
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == "Budi Santoso"
    assert q["by"] == "rules:direct-cue-after"


def test_kompas_style_and_clitic_goes_to_previous_speaker():
    text = (
        "”Stok aman sampai Lebaran,” ujar Budi Waseso, Kepala Bulog, Senin.\n"
        "”Masyarakat tidak perlu panik,” tambahnya."
    )
    first, second = direct(text)
    assert first["speaker"]["name"] == "Budi Waseso"
    assert second["cue"] == "tambahnya"
    assert second["speaker"]["name"] == "Budi Waseso"
    assert second["speaker"]["by"].startswith("clitic:nya")
    assert text[second["speaker"]["start"] : second["speaker"]["end"]] == "nya"


def test_cue_before_the_quote():
    text = "Menteri Keuangan Sri Mulyani mengatakan, “Anggaran untuk bantuan sosial sudah cukup.”"
    (q,) = direct(text)
    assert q["by"] == "rules:direct-cue-before"
    assert q["cue"] == "mengatakan"
    assert q["speaker"]["name"] == "Sri Mulyani"


def test_quote_over_two_paragraphs_is_one_statement():
    text = "“Kami sudah siap sejak pagi.\n“Semua petugas berjaga di pintu masuk,” kata Ani Lestari."
    (q,) = direct(text)
    assert q["start"] == 0 and q["end"] == text.index("” kata") + 1
    assert "\n" in q["text"]
    assert q["speaker"]["name"] == "Ani Lestari"


def test_quote_reopened_on_every_paragraph_is_one_pair():
    text = "“Satu hal sudah jelas.\n“Dua hal lagi menyusul.\n“Tiga hal terakhir,” kata Ani Lestari."
    (p,) = pair_marks(text)
    assert (p.start, p.end, p.closed, p.paragraphs) == (0, text.index("” kata") + 1, True, 3)


def test_open_marks_that_never_close_pair_nothing_longer_than_the_limit():
    from warta.quotes.marks import MAX_QUOTE

    for text in ('"' * 3 * MAX_QUOTE, '"\n' * 2 * MAX_QUOTE, "“ " * 2 * MAX_QUOTE):
        pairs = pair_marks(text)
        assert all(p.end - p.start <= MAX_QUOTE for p in pairs)
        assert all(a.end <= b.start for a, b in zip(pairs, pairs[1:], strict=False))
        assert quotes_of(text) == []


def test_nested_single_quotes_stay_inside():
    text = "“Mereka menyebutnya ‘jalan tikus’ sejak lama,” kata Rudi Hartono."
    (q,) = direct(text)
    assert "‘jalan tikus’" in q["text"]


def test_html_escaped_quotes():
    text = "&quot;Kami menolak rencana itu,&quot; ujar Dewi Sartika."
    (q,) = direct(text)
    assert q["text"] == "Kami menolak rencana itu,"
    assert q["speaker"]["name"] == "Dewi Sartika"


def test_quote_marks_spaced_as_in_tokenised_text():
    text = "Ia tiba pukul 10.00. ” Saya minta semua bergerak minggu ini, ” kata Presiden."
    (q,) = direct(text)
    assert q["text"] == "Saya minta semua bergerak minggu ini,"


def test_scare_quote_and_title_are_not_statements():
    text = "Pemerintah meluncurkan program “Kartu Sakti” di Bandung, Senin."
    assert direct(text) == []
    assert len(pair_marks(text)) == 1


def test_continuation_without_cue_takes_previous_speaker():
    text = "“Air sudah surut,” kata Camat Joko Susilo. “Warga mulai membersihkan rumah mereka.”"
    first, second = direct(text)
    assert second["by"] == "rules:direct-standalone"
    assert second["speaker"]["name"] == "Joko Susilo"
    assert second["speaker"]["by"] == "continuation->previous-speaker"


def test_unattributed_quote_is_kept_with_no_speaker():
    text = "“Jalan ini rusak sejak tahun lalu dan belum diperbaiki.” Spanduk itu dipasang sejak Senin."
    (q,) = direct(text)
    assert q["speaker"] is None


def test_role_resolves_to_the_person_named_with_it_earlier():
    text = (
        "Kapolri Jenderal Listyo Sigit Prabowo meninjau lokasi banjir di Bekasi. "
        "“Kami kerahkan semua personel,” kata Kapolri."
    )
    (q,) = direct(text)
    assert q["speaker"]["name"] == "Listyo Sigit Prabowo"
    assert q["speaker"]["by"].startswith("role")
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == "Kapolri"


def test_pronoun_after_cue():
    text = "Bupati Kustini Sri Purnomo mengatakan, sekolah tetap dibuka. “Kami awasi ketat,” kata dia."
    qs = quotes_of(text)
    last = qs[-1]
    assert last["kind"] == "direct"
    assert last["speaker"]["name"] == "Kustini Sri Purnomo"
    assert last["speaker"]["by"].startswith("pronoun:dia")


def test_apposition_after_the_name():
    text = "“Stok kami cukup,” kata Joni, Direktur RSUD Dr Soetomo, Surabaya, Senin."
    (q,) = direct(text)
    assert q["speaker"]["name"] == "Joni"


def test_role_first_then_name_after_a_comma():
    text = "“Rumah makan ini buka sejak 2019,” kata pemilik warung Kopi Senja, Armanunsah Wahyu (50), saat dihubungi."
    (q,) = direct(text)
    assert q["speaker"]["name"] == "Armanunsah Wahyu"


# ---------------------------------------------------------------- indirect


def indirect(text: str) -> list[dict]:
    return [q for q in quotes_of(text) if q["kind"] == "indirect"]


def test_indirect_with_speech_verb_and_bahwa():
    text = "Ketua KPU Hasyim Asyari menegaskan bahwa pemungutan suara tetap digelar sesuai jadwal."
    (q,) = indirect(text)
    assert q["text"] == "pemungutan suara tetap digelar sesuai jadwal"
    assert q["cue"] == "menegaskan"
    assert q["speaker"]["name"] == "Hasyim Asyari"
    assert q["by"] == "rules:indirect-verb"


def test_indirect_skips_adjunct_after_the_verb():
    text = "Juru bicara Kementerian Luar Negeri Teuku Faizasyah menyampaikan dalam sebuah pernyataan, kedua negara sepakat berunding."
    (q,) = indirect(text)
    assert q["text"] == "kedua negara sepakat berunding"
    assert q["speaker"]["name"] == "Teuku Faizasyah"


def test_indirect_second_cue_after_a_connective():
    text = (
        "Menteri Budi Santoso meminta kepada seluruh kepala daerah, sekaligus menyampaikan "
        "bahwa anggaran tahun ini sudah cair."
    )
    (q,) = indirect(text)
    assert q["text"] == "anggaran tahun ini sudah cair"
    assert q["speaker"]["name"] == "Budi Santoso"


def test_indirect_menurut():
    text = "Menurut Rina Marlina, harga cabai turun karena panen raya."
    (q,) = indirect(text)
    assert q["text"] == "harga cabai turun karena panen raya"
    assert q["speaker"]["name"] == "Rina Marlina"
    assert q["by"] == "rules:indirect-menurut"


def test_indirect_cue_after_without_marks():
    text = "Sebelumnya, Bupati Dedi Mulyadi meninjau pasar. Harga cabai turun karena panen raya, katanya."
    (q,) = indirect(text)
    assert q["text"] == "Harga cabai turun karena panen raya"
    assert q["speaker"]["name"] == "Dedi Mulyadi"


def test_adverbial_opener_is_not_the_speaker():
    text = "Sementara itu, Gubernur Ridwan Kamil mengatakan, vaksinasi dipercepat bulan depan."
    (q,) = indirect(text)
    assert q["speaker"]["name"] == "Ridwan Kamil"


def test_speech_verb_after_yang_is_no_statement():
    text = "Surat yang menyatakan orang itu sehat ternyata palsu."
    assert indirect(text) == []


# ---------------------------------------------------------------- standing


def standing(q: dict) -> str | None:
    return ((q["speaker"] or {}).get("standing") or {}).get("kind")


def test_a_speaker_given_an_age_is_a_private_person():
    text = (
        "Harga daging naik. Kusnandar (50), pedagang daging kambing di Pasar Kramat Jati, sepi pembeli. "
        "”Sekarang yang beli sedikit,” kata Kusnandar.\n”Semoga cepat pulih,” ujarnya."
    )
    first, second = direct(text)
    st = first["speaker"]["standing"]
    assert st["kind"] == "private" and st["by"] == "rules:standing-age"
    assert text[st["start"] : st["end"]] == "Kusnandar (50)"
    assert standing(second) == "private"  # the clitic goes to the same person


def test_a_pseudonym_marks_a_private_person():
    text = "Arya (bukan nama sebenarnya) mengeluarkan pil. ”Ini obat saya setiap hari,” ujar Arya."
    st = direct(text)[0]["speaker"]["standing"]
    assert st["kind"] == "private" and st["by"] == "rules:standing-pseudonym"
    assert text[st["start"] : st["end"]] == "Arya (bukan nama sebenarnya)"


def test_standing_is_found_the_same_way_in_an_article_with_many_speakers():
    names = [f"Budi Nama{chr(65 + k)}" for k in range(12)]
    text = " ".join(f"”Kami sudah siap sejak pagi hari,” kata {n}." for n in names)
    text += " Ani Lestari (41), pedagang sayur, ikut antre. ”Harga naik terus,” kata Ani Lestari."
    quotes = direct(text)
    assert len(quotes) == 13
    assert [standing(q) for q in quotes] == [None] * 12 + ["private"]


def test_a_private_noun_in_apposition_or_before_the_name():
    text = "”Air bersih susah didapat,” kata Oyang Adrians, warga Kabupaten Maluku Barat Daya."
    (q,) = direct(text)
    st = q["speaker"]["standing"]
    assert st["kind"] == "private" and text[st["start"] : st["end"]] == "warga"
    text = "Ibu rumah tangga Trismiati mengeluh. ”Kami tidak dapat bantuan apa pun,” ucap Trismiati."
    assert standing(direct(text)[0]) == "private"
    text = "”Saya takut sekali tadi malam,” ujar perempuan yang tinggal di Bogor itu."
    assert standing(direct(text)[0]) == "private"


def test_an_official_is_a_public_figure():
    text = (
        "Kepala Dinas Pendidikan Aceh Saminan Ismail hadir. "
        "”Honor guru akan dinaikkan tahun depan,” kata Saminan."
    )
    (q,) = direct(text)
    st = q["speaker"]["standing"]
    assert st["kind"] == "public" and text[st["start"] : st["end"]] == "Kepala"


def test_an_owner_is_not_made_a_public_figure():
    text = "”Warung kami ramai lagi,” kata pemilik warung Budi Santoso."
    assert standing(direct(text)[0]) is None


def test_a_private_noun_inside_an_organisation_name_says_nothing():
    text = (
        "”Harga gula masih tinggi,” kata Ketua Umum Ikatan Pedagang Pasar Tradisional "
        "Abdullah Mansuri."
    )
    assert standing(direct(text)[0]) == "public"
    text = "Menurut Abdullah Mansuri, pedagang pasar membeli gula dengan harga tinggi. ”Itu berat,” katanya."
    assert standing(direct(text)[0]) is None


# ---------------------------------------------------------------- entities, record


def test_speaker_links_to_the_entities_layer():
    text = "“Kami siap menjadi penengah,” kata juru bicara Kremlin Dmitry Peskov."
    s = text.index("Dmitry")
    art = Article(
        text=text,
        id="e",
        mentions=[Mention(s, s + len("Dmitry Peskov"), "Dmitry Peskov", "PER", "ner", "per:peskov")],
        entities=[Entity("per:peskov", "Dmitry Peskov", "PER", actor="RUSGOV")],
    )
    (q,) = quotes_stage(art).quotes
    assert q["speaker"]["entity"] == "per:peskov"
    assert q["speaker"]["name"] == "Dmitry Peskov"
    assert q["speaker"]["by"] == "entity"


def test_ids_are_stable_and_distinct():
    text = "“Satu dua tiga empat,” kata Ani Lestari. “Lima enam tujuh delapan,” kata Budi Santoso."
    a = quotes_of(text)
    b = quotes_of(text)
    assert [q["id"] for q in a] == [q["id"] for q in b]
    assert len({q["id"] for q in a}) == 2


def test_empty_article():
    assert quotes_stage(Article(text="", id="x")).quotes == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list('ab cD.,"“”\n') + ["kata ", "ujarnya ", " Budi", "&quot;"]), max_size=60))
def test_spans_always_lie_inside_the_text(pieces: list[str]):
    text = "".join(pieces)
    for q in quotes_of(text):
        assert 0 <= q["start"] < q["end"] <= len(text)
        if q["cue_start"] is not None:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        sp = q["speaker"]
        if sp is not None:
            assert 0 <= sp["start"] <= sp["end"] <= len(text)


# ---------------------------------------------------------------- seeds


def _up_to_quotes(text: str, id: str) -> Article:
    """The default stages up to and including the quotation layer."""
    from warta.pipeline import DEFAULT, Pipeline

    return Pipeline(list(DEFAULT[: DEFAULT.index("quotes") + 1]))(Article(text=text, id=id))


def test_seed_peskov_three_quotes(seeds):
    art = _up_to_quotes(seeds[0].read_text("utf-8"), "seed0")
    direct_q = [q for q in art.quotes if q["kind"] == "direct"]
    assert len(direct_q) == 3
    assert all("Peskov" in q["speaker"]["name"] for q in direct_q)
    assert direct_q[2]["cue"] == "tambahnya"
    lavrov = [q for q in art.quotes if q["kind"] == "indirect" and q["speaker"] and "Lavrov" in q["speaker"]["name"]]
    assert lavrov and "siap memfasilitasi" in lavrov[0]["text"]


def test_seed_nauert_indirect(seeds):
    art = _up_to_quotes(seeds[1].read_text("utf-8"), "seed1")
    nauert = [q for q in art.quotes if q["speaker"] and "Nauert" in q["speaker"]["name"]]
    assert len(nauert) == 1
    assert nauert[0]["kind"] == "indirect"
    assert nauert[0]["text"].startswith("kedua negara")


def test_cue_set_inside_an_unquoted_statement():
    text = "Sebelumnya, Bupati Agus Salim meninjau masjid. Fenomena keramaian ini, kata Agus, menjadi tanda masyarakat rindu berkumpul."
    (q,) = indirect(text)
    assert q["by"] == "rules:indirect-cue-inside"
    assert q["text"] == "Fenomena keramaian ini menjadi tanda masyarakat rindu berkumpul"
    assert text[q["start"] : q["end"]].startswith("Fenomena") and "kata Agus" in text[q["start"] : q["end"]]
    assert q["speaker"]["name"] == "Agus Salim"


def test_cue_set_after_a_sentence_opener():
    text = (
        "Gubernur Khofifah Indar Parawansa dinyatakan positif. Oleh karena itu, kata ahli epidemiologi "
        "Universitas Airlangga, Windhu Purnomo, pemerintah daerah menegakkan lagi peraturan gubernur. "
        "”Penegakan aturan itu salah satu cara menghadang penularan,” ujarnya."
    )
    (ind,) = indirect(text)
    assert ind["by"] == "rules:indirect-cue-inside"
    assert ind["text"] == "pemerintah daerah menegakkan lagi peraturan gubernur"
    assert ind["speaker"]["name"] == "Windhu Purnomo"
    (q,) = direct(text)
    assert q["speaker"]["name"] == "Windhu Purnomo"  # not the governor named before


def test_clitic_follows_a_new_subject_introduced_with_a_long_title():
    text = (
        "”Pasokan cukup sampai akhir bulan,” kata Widji Lestariono. "
        "Koordinator Bidang Edukasi Banyuwangi Lawan Korona Yunan Fahmi menilai langkah itu tepat. "
        "”Namun, hasilnya belum terlihat di lapangan,” tuturnya."
    )
    people = ("Widji Lestariono", "Yunan Fahmi")
    art = Article(
        text=text,
        id="t",
        mentions=[Mention(text.index(p), text.index(p) + len(p), p, "PER", "ner", None) for p in people],
    )
    first, second = [q for q in extract_quotes(art) if q["kind"] == "direct"]
    assert first["speaker"]["name"] == "Widji Lestariono"
    assert second["speaker"]["name"] == "Yunan Fahmi"
    assert second["speaker"]["by"] == "clitic:nya->sentence-subject"


def test_menurut_set_inside_a_statement():
    text = (
        "”Kami mendukung perpanjangan PSBB,” kata Ibnu Sina. Saat ini, menurut Muhammad Muslim, usulan PSBB "
        "untuk tiga daerah sudah proses validasi data. ”Kami masih menunggu penilaian,” ujarnya."
    )
    (ind,) = indirect(text)
    assert ind["by"] == "rules:indirect-menurut-inside"
    assert ind["text"] == "Saat ini usulan PSBB untuk tiga daerah sudah proses validasi data"
    assert ind["speaker"]["name"] == "Muhammad Muslim"
    assert direct(text)[1]["speaker"]["name"] == "Muhammad Muslim"


def test_a_clitic_goes_to_the_last_person_not_to_an_organisation():
    text = (
        "”Api sudah dilokalisasi,” kata Nicke Widyawati. Pertamina memastikan pasokan bahan bakar tetap aman. "
        "”Sebenarnya yang terbakar hanya bagian tangki,” tuturnya."
    )
    spans = (("Nicke Widyawati", "PER"), ("Pertamina", "ORG"))
    art = Article(
        text=text,
        id="t",
        mentions=[Mention(text.index(w), text.index(w) + len(w), w, t, "ner", None) for w, t in spans],
    )
    quotes = extract_quotes(art)
    assert [q["speaker"]["name"] for q in quotes] == ["Nicke Widyawati", "Pertamina", "Nicke Widyawati"]
    assert quotes[1]["kind"] == "indirect"
