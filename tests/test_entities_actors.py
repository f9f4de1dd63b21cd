"""Entities layer: actors the news names without a proper name.

Unnamed institutional actors ("majelis hakim", "JPU", "penyidik"), compounds of two bodies
("TNI-Polri"), one-word foreign leaders, names after "pelaku"/"korban" and acronyms of
organisations named once. The sentences are invented for the tests.
"""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from warta.article import Article, Entity, Mention
from warta.entities import make_entities_stage
from warta.entities.gazetteer import gazetteer

stage = make_entities_stage(use_ner=False)
ACTOR_CODE = re.compile(r"(?:[A-Z]{3})+")


def run(text: str) -> Article:
    return stage(Article(text=text))


def mention(article: Article, surface: str, nth: int = 0) -> Mention:
    """The ``nth`` mention of ``surface``, checked against the text at its offsets."""
    found = [m for m in article.mentions if m.text == surface]
    assert len(found) > nth, f"{surface!r} not among {[m.text for m in article.mentions]}"
    m = found[nth]
    assert article.text[m.start : m.end] == surface
    return m


def entity_of(article: Article, m: Mention) -> Entity:
    return next(e for e in article.entities if e.id == m.entity)


def no_mention(article: Article, surface: str) -> None:
    assert not [m for m in article.mentions if m.text == surface], article.mentions


# ---- the table ------------------------------------------------------------------------------


def test_generic_actor_rows_are_well_formed() -> None:
    text = resources.files("warta.entities.data").joinpath("generic_actors.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    table = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert table
    names: dict[str, str] = {}
    for r in table:
        assert None not in r and all(v is not None for v in r.values()), r
        assert r["phrase"] and r["id"].startswith("org:") and r["name"], r
        assert ACTOR_CODE.fullmatch(r["actor"]) and r["actor"].startswith("IDN"), r
        assert all(re.fullmatch(r"[A-Z]{3}", b) for b in r["body"].split("|") if b), r
        assert names.setdefault(r["id"], r["name"]) == r["name"], r  # one name per entity
    assert gazetteer().generics.lookup("majelis hakim").actor == "IDNJUD"


# ---- unnamed institutional actors -----------------------------------------------------------


def test_bench_and_prosecutor_are_judicial_actors() -> None:
    text = "Vonis hakim itu lebih ringan dari tuntutan JPU yang meminta hukuman delapan tahun."
    a = run(text)
    hakim = mention(a, "hakim")
    assert (hakim.start, hakim.end) == (6, 11)
    assert hakim.by == "rule:generic-actor" and hakim.type == "ORG"
    e = entity_of(a, hakim)
    assert (e.id, e.name, e.actor, e.by) == (
        "org:majelis-hakim", "Majelis Hakim", "IDNJUD", "rule:generic-actor")
    jpu = mention(a, "JPU")
    assert jpu.start == text.index("JPU") and entity_of(a, jpu).actor == "IDNJUD"


def test_prosecutor_and_its_short_form_are_one_entity() -> None:
    a = run("Jaksa penuntut umum (JPU) meminta majelis hakim menolak eksepsi terdakwa. "
            "Setelah itu JPU membacakan replik.")
    full, short, later = (mention(a, "Jaksa penuntut umum"), mention(a, "JPU"),
                          mention(a, "JPU", 1))
    assert full.entity == short.entity == later.entity == "org:jaksa-penuntut-umum"
    assert entity_of(a, full).name == "Jaksa Penuntut Umum"
    assert entity_of(a, mention(a, "majelis hakim")).actor == "IDNJUD"


def test_role_before_a_name_stays_the_persons_role() -> None:
    """The clash that kept "Jaksa Penuntut Umum" out of the dictionary: before a name it is
    the person's role (one entity, the person), not a second entity."""
    a = run("Jaksa Penuntut Umum Andika Pratama membacakan tuntutan di ruang sidang.")
    ids = [e.id for e in a.entities]
    assert "org:jaksa-penuntut-umum" not in ids
    person = entity_of(a, mention(a, "Andika Pratama"))
    assert person.type == "PER" and person.actor == "IDNJUD"
    assert person.role.lower() == "jaksa penuntut umum"


def test_longer_roles_and_non_acting_uses_are_left_alone() -> None:
    a = run("Jaksa Agung meminta bawahannya bekerja keras. Warga sempat main hakim sendiri. "
            "Ia dulu bekerja sebagai jaksa di Medan. Berita itu ditulis Rakhmat Nur Hakim.")
    assert not [m for m in a.mentions if m.by.startswith("rule:generic")], a.mentions


def test_body_after_the_noun_is_the_actor() -> None:
    a = run("Penyidik KPK memeriksa tiga saksi di Jakarta.")
    assert not [m for m in a.mentions if m.by.startswith("rule:generic")]
    assert entity_of(a, mention(a, "KPK")).actor == "IDNJUD"


def test_investigators_join_the_body_the_article_names() -> None:
    text = ("Bareskrim Polri menetapkan dua tersangka korupsi. "
            "Kemudian penyidik memeriksa 45 saksi, lalu polisi menyita dokumen.")
    a = run(text)
    pen, pol = mention(a, "penyidik"), mention(a, "polisi")
    assert pen.start == text.index("penyidik") and pen.by == "rule:generic-body"
    assert pen.entity == pol.entity == mention(a, "Bareskrim Polri").entity
    assert entity_of(a, pen).actor == "IDNCOP"


def test_investigators_of_the_anti_graft_body() -> None:
    a = run("KPK menahan seorang bupati. Penyidik lalu menggeledah rumah dinasnya.")
    pen = mention(a, "Penyidik")
    assert pen.entity == "org:kpk" and entity_of(a, pen).actor == "IDNJUD"


def test_police_with_no_body_named_stays_its_own_actor() -> None:
    a = run("Polisi membubarkan kerumunan di depan pasar.")
    m = mention(a, "Polisi")
    e = entity_of(a, m)
    assert (m.by, e.id, e.actor) == ("rule:generic-actor", "org:polisi", "IDNCOP")


def test_foreign_country_after_the_noun() -> None:
    a = run("Kemarin penyidik Malaysia menangkap dua orang.")
    m = mention(a, "penyidik Malaysia")
    assert entity_of(a, m).actor == "MYSCOP"


def test_jaksa_in_a_non_legal_sentence_is_no_actor() -> None:
    a = run("Ia bercita-cita menjadi jaksa sejak kecil.")
    no_mention(a, "jaksa")


# ---- compounds ------------------------------------------------------------------------------


def test_compound_of_two_bodies_gives_two_actors() -> None:
    text = "Tawaran itu ditolak jajaran TNI-Polri di lapangan."
    a = run(text)
    tni, polri = mention(a, "TNI"), mention(a, "Polri")
    at = text.index("TNI-Polri")
    assert (tni.start, tni.end, polri.start, polri.end) == (at, at + 3, at + 4, at + 9)
    assert entity_of(a, tni).actor == "IDNMIL" and entity_of(a, polri).actor == "IDNCOP"
    assert tni.by.endswith("+rule:compound")


def test_hyphenated_words_that_are_not_bodies_stay_whole() -> None:
    a = run("Anak-anak bermain sepak-bola di lapangan.")
    assert a.mentions == []


# ---- one-word names -------------------------------------------------------------------------


def test_one_word_leader_after_full_name() -> None:
    text = ("Presiden Mesir Abdul Fattah al-Sisi menerima tamunya. "
            "Erdogan dan Sisi lalu bertemu di Doha. Sisi lain kota itu sepi.")
    a = run(text)
    sisi = mention(a, "Sisi")
    assert sisi.start == text.index("dan Sisi") + 4 and sisi.by == "link:name-part"
    assert sisi.entity == mention(a, "Abdul Fattah al-Sisi").entity
    assert entity_of(a, sisi).actor == "EGYGOV"
    assert entity_of(a, mention(a, "Erdogan")).actor == "TURGOV"
    assert len([m for m in a.mentions if m.text == "Sisi"]) == 1  # not "Sisi lain"


def test_names_after_case_words() -> None:
    text = "Menurut polisi, pelaku Astrid menendang korban Dea Lestari hingga jatuh."
    a = run(text)
    astrid = mention(a, "Astrid")
    assert astrid.start == text.index("Astrid") and astrid.type == "PER"
    assert mention(a, "Dea Lestari").type == "PER"


def test_everyday_word_after_case_word_is_no_name() -> None:
    a = run("Bantuan untuk korban Banjir mulai disalurkan.")
    assert not [m for m in a.mentions if m.type == "PER"]


# ---- acronyms -------------------------------------------------------------------------------


def test_company_acronym_echoed_alone() -> None:
    text = "PT ABK menggandeng mitra baru. Kemudian konsorsium ABK meneken kontrak."
    a = run(text)
    echo = mention(a, "ABK")
    assert echo.start == text.index("konsorsium ABK") + 11
    assert echo.by == "link:acronym-echo" and echo.type == "ORG"
    assert echo.entity == mention(a, "PT ABK").entity


@pytest.mark.parametrize("text, code", [
    ("Kelompok Kriminal Bersenjata (KKB) menyerang pos jaga.", "IDNREB"),
    ("Propam memeriksa enam anggota.", "IDNCOP"),
    ("Rusia dan Belarusia menggelar latihan.", "BLR"),
])
def test_new_dictionary_rows(text: str, code: str) -> None:
    a = run(text)
    assert code in {e.actor for e in a.entities}, a.entities


def test_two_offices_of_one_foreign_leader() -> None:
    text = ("Putra Mahkota Arab Saudi Mohammed bin Salman menerima tamunya. "
            "Perdana menteri dan putra mahkota itu lalu menelepon Zelensky.")
    a = run(text)
    m = mention(a, "Perdana menteri dan putra mahkota")
    assert m.start == text.index("Perdana") and m.by == "rule:role-anaphor"
    assert m.entity == "per:mohammed-bin-salman" and entity_of(a, m).actor == "SAUGOV"
    assert entity_of(a, mention(a, "Zelensky")).actor == "UKRGOV"
