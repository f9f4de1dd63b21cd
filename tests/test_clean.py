from warta.clean import clean_text, normalize
from warta.clean.learned import LearnedBoilerplate

FOOTER = ('Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup '
          'Telegram "Kompas.com News Update", caranya klik link https://t.me/kompascomupdate, kemudian join.')  # fmt: skip


def test_normalize_decodes_double_escaped_entities_and_tags():
    raw = "&amp;ldquo;Kami siap,&amp;rdquo; kata dia.&nbsp;<p>Paragraf</p> kedua&quot;"
    assert normalize(raw) == "“Kami siap,” kata dia.\nParagraf\nkedua\""


def test_footer_removed_and_recorded():
    text, removed, _ = clean_text("Presiden meresmikan jembatan itu pada Senin.\n" + FOOTER)
    assert text == "Presiden meresmikan jembatan itu pada Senin."
    assert removed[0].why == "boilerplate:kompas-telegram-footer"
    assert "Telegram" in removed[0].text


def test_baca_juga_on_its_own_line():
    text, removed, links = clean_text("Kalimat pertama.\nBaca juga: Rusia Siap Jadi Mediator antara AS dengan Korea Utara\nKalimat kedua.")
    assert text == "Kalimat pertama.\nKalimat kedua."
    assert links[0].title == "Rusia Siap Jadi Mediator antara AS dengan Korea Utara"
    assert any(r.why == "related-link" for r in removed)


def test_inline_baca_juga_title_end_before_sentence_opener():
    raw = ("Pemindahan dilakukan atas rekomendasi LPSK. Baca juga: Richard Dipindahkan dari Rutan Bareskrim ke "
           "Lapas Salemba Menurut Susi, LPSK mempertimbangkan aspek keselamatan.")  # fmt: skip
    text, _, links = clean_text(raw)
    assert links[0].title == "Richard Dipindahkan dari Rutan Bareskrim ke Lapas Salemba"
    assert text == "Pemindahan dilakukan atas rekomendasi LPSK. Menurut Susi, LPSK mempertimbangkan aspek keselamatan."


def test_inline_baca_juga_title_end_before_a_name():
    raw = "kata dia. Baca juga: Kapal Selam India Berlabuh di Tanjung Priok, TNI AL Beri Pengawalan Julius menambahkan bahwa Lanal belum diresmikan."
    text, _, links = clean_text(raw)
    assert links[0].title == "Kapal Selam India Berlabuh di Tanjung Priok, TNI AL Beri Pengawalan"
    assert text.endswith("kata dia. Julius menambahkan bahwa Lanal belum diresmikan.")


def test_inline_baca_juga_before_role_noun_subject():
    raw = "Baca juga: Rusia Siap Jadi Mediator antara AS dengan Korea Utara Pemerintah Rusia menyatakan siap."
    _, _, links = clean_text(raw)
    assert links[0].title == "Rusia Siap Jadi Mediator antara AS dengan Korea Utara"


def test_inline_baca_juga_before_opening_quote():
    raw = "Ia tidak merinci. Baca juga: Validasi Organisasi TNI AL, Lantamal Akan Diubah Jadi Kodamar “Birokrasi perubahan itu panjang,” katanya."
    text, _, links = clean_text(raw)
    assert links[0].title == "Validasi Organisasi TNI AL, Lantamal Akan Diubah Jadi Kodamar"
    assert "“Birokrasi perubahan itu panjang,” katanya." in text


def test_detik_and_tribun_boilerplate():
    raw = ("Polisi menangkap pelaku.\nSCROLL TO CONTINUE WITH CONTENT\nPelaku sudah ditahan.\n"
           "Simak juga Video 'Polisi Tangkap Pelaku':\nArtikel ini telah tayang di Tribunnews.com dengan judul X")  # fmt: skip
    text, removed, _ = clean_text(raw)
    assert text == "Polisi menangkap pelaku.\nPelaku sudah ditahan."
    assert {r.why for r in removed} >= {"boilerplate:detik-scroll", "boilerplate:detik-simak-video", "boilerplate:tribun-artikel-tayang"}


def test_learned_boilerplate_removes_repeated_lines_of_an_outlet():
    promo = "Ikuti kanal kami untuk kabar terbaru setiap pagi hari ini."
    learner = LearnedBoilerplate(min_articles=5, min_share=0.05)
    for i in range(20):
        learner.observe(f"Artikel nomor {i} tentang topik berbeda ke-{i * 7} sekali.\n{promo}", "baru")
    learned = learner.finalize()
    text, removed, _ = clean_text(f"Berita lain yang sama sekali berbeda isinya.\n{promo}", "baru", learned)
    assert text == "Berita lain yang sama sekali berbeda isinya."
    assert removed[-1].why == "learned-boilerplate"


def test_learned_boilerplate_ignores_duplicated_articles():
    body = "Kalimat yang sama persis muncul di artikel duplikat ini."
    learner = LearnedBoilerplate(min_articles=5, min_share=0.05)
    for _ in range(10):  # the same article ten times: one distinct article
        learner.observe(f"Pembuka yang sama.\n{body}", "dup")
    assert len(learner.finalize()) == 0


def test_learned_boilerplate_roundtrips_as_json():
    lb = LearnedBoilerplate()
    lb.learned = {"x": {"abc"}}
    assert LearnedBoilerplate.from_json(lb.to_json()).learned == {"x": {"abc"}}


def test_needles_are_literal_text_every_match_contains():
    from warta.clean import needle, rules

    assert needle(r"ab{0,3}cdef") == "cdef"
    assert needle(r"x(a|b)yyyy") == "yyyy"
    assert needle(r"(Artikel|Berita) ini") == ""  # too short to be worth it
    assert needle(r"foo|barbaz") == ""  # top-level alternatives share nothing
    for rule in rules():
        for n in rule.needles:
            assert n == n.lower() and n.strip() == n


def test_learned_pipeline_hands_on_the_sample_in_order_and_lets_it_go():
    import gc
    import weakref

    from warta.article import Article
    from warta.ingest import with_learned_pipeline

    class Tracked(Article):  # a weak reference needs a __weakref__ slot
        pass

    raw = [Tracked(text=f"Berita nomor {i}. Kalimat yang sama di tiap berita.", source=str(i))
           for i in range(20)]
    refs = [weakref.ref(a) for a in raw]
    _, items = with_learned_pipeline(iter(raw), ("clean",), learn=True)
    del raw
    first = next(items)
    assert first.source == "0"
    del first
    gc.collect()
    assert refs[0]() is None  # handed on and dropped: not held by the learning sample
    assert [a.source for a in items] == [str(i) for i in range(1, 20)]


def test_paragraphs_joined_by_a_bare_comma_are_split_again():
    from warta.clean import normalize

    raw = ('Presiden menegaskan hal itu kepada wartawan.,Hal itu disampaikan di Jakarta. "Tidak ada," '
           'kata Jokowi, Senin (16/9/2019).,"Yang ada itu mundur.",Dia lalu pergi.')
    assert normalize(raw).split("\n") == [
        "Presiden menegaskan hal itu kepada wartawan.",
        'Hal itu disampaikan di Jakarta. "Tidak ada," kata Jokowi, Senin (16/9/2019).',
        '"Yang ada itu mundur."',
        "Dia lalu pergi.",
    ]
    # a quote closed before its speech verb, degrees after a name: no paragraph there
    kept = 'Ini benar?," tanya hakim. Oleh Syahrir Rasyid, S.Si.,M.M., CRA.,CRP'
    assert normalize(kept) == kept
