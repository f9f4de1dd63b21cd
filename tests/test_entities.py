"""Entities layer: dictionary well-formedness, lookup, linking, roles, actor codes, seeds."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.article import Article, Entity, Mention
from warta.entities import actor_for, entities_stage, make_entities_stage, role_words
from warta.entities.gazetteer import ACTOR_FILES, gazetteer, normalise, tokens_of

DATA = resources.files("warta.entities.data")
ACTOR_CODE = re.compile(r"(?:[A-Z]{3})+")
TYPES = {"PER", "ORG", "LOC"}

stage = make_entities_stage(use_ner=False)


def run(text: str, **kw) -> Article:
    return stage(Article(text=text, **kw))


def entity(article: Article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in article.entities]}"
    return found[0]


def rows(name: str) -> list[dict[str, str]]:
    text = DATA.joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# ---- the data files ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ACTOR_FILES)
def test_actor_rows_are_well_formed(name: str) -> None:
    table = rows(name)
    assert table, name
    ids = set()
    for r in table:
        assert None not in r and all(v is not None for v in r.values()), r  # column count
        assert r["id"] and r["id"] == r["id"].strip() and r["id"] not in ids, r
        ids.add(r["id"])
        assert r["type"] in TYPES, r
        assert r["name"].strip() == r["name"] and r["name"], r
        assert not r["actor"] or ACTOR_CODE.fullmatch(r["actor"]), r
        assert not r["wikidata"] or re.fullmatch(r"Q\d+", r["wikidata"]), r
        aliases = r["aliases"].split("|")
        assert all(a.strip() == a and a for a in aliases), r
        assert len(aliases) == len(set(aliases)), r


def test_dictionary_covers_the_world_and_indonesia() -> None:
    g = gazetteer()
    countries = [a for a in g.actors.values() if a.kind == "country"]
    provinces = [a for a in g.actors.values() if a.kind == "province"]
    assert len(countries) >= 240
    assert all(a.actor and len(a.actor) == 3 for a in countries)
    assert len(provinces) == 38
    assert sum(a.kind in ("regency", "city") for a in g.actors.values()) >= 500
    for igo in ("PBB", "ASEAN", "Uni Eropa", "NATO", "OKI", "Dewan Keamanan PBB"):
        assert g.lookup(igo).actor.startswith("IGO"), igo
    for body, code in [("DPR", "IDNLEG"), ("MPR", "IDNLEG"), ("KPK", "IDNJUD"),
                       ("Polri", "IDNCOP"), ("TNI", "IDNMIL"), ("Kementerian Keuangan", "IDNGOV")]:
        assert g.lookup(body).actor == code, body


def test_roles_rows_are_well_formed() -> None:
    seen = set()
    for r in rows("roles.tsv"):
        assert r["role"] and r["role"].lower() not in seen, r
        seen.add(r["role"].lower())
        assert not r["sector"] or ACTOR_CODE.fullmatch(r["sector"]), r
        assert not r["country"] or re.fullmatch(r"[A-Z]{3}", r["country"]), r
    for word in ("presiden", "menteri luar negeri", "juru bicara", "kapolri", "gubernur",
                 "jenderal", "hakim", "anggota dpr"):
        assert word in role_words()


def test_other_word_lists_load() -> None:
    g = gazetteer()
    assert g.heads.lookup("Kementerian").sector == "GOV"
    assert g.heads.lookup("Pemerintah").generic == "Government"
    assert g.cues.lookup("kata") == "before" and g.cues.lookup("mengatakan") == "after"
    assert {"senin", "luar", "negeri"} <= g.nonnames
    assert {"desember", "nomor"} <= g.stops
    assert "bin" in g.words("particle") and "selaku" in g.words("apposition")
    assert {"particle", "joiner", "apposition", "opener", "street"} <= set(g.name_words)


# ---- lookup --------------------------------------------------------------------------------


def test_short_forms_need_their_capitals() -> None:
    g = gazetteer()
    assert g.lookup("AS").id == "usa"
    assert g.lookup("as") is None
    assert g.lookup("Amerika Serikat").id == "usa"
    assert g.lookup("amerika serikat") is None  # a name is written with capitals


def test_capitals_and_seats_join_their_country_or_government() -> None:
    g = gazetteer()
    assert g.lookup("Washington").id == "usa"
    assert g.lookup("Pyongyang").id == "prk"
    assert g.lookup("Beijing").id == "chn"
    assert g.lookup("Kremlin").actor == "RUSGOV"
    assert g.lookup("Istana").actor == "IDNGOV"


def test_longest_match_wins() -> None:
    g = gazetteer()
    toks = tokens_of("kata Dewan Keamanan PBB dan Korea Utara")
    hits = g.aliases.scan(toks, [normalise(t) for t in toks])
    assert [(h.value.id, toks[h.start]) for h in hits] == [("unsc", "Dewan"), ("prk", "Korea")]


def test_actor_for_phrases() -> None:
    assert actor_for("Amerika Serikat") == "USA"
    assert actor_for("Dewan Keamanan PBB") == "IGOUNO"
    assert actor_for("Menteri Luar Negeri Rusia") == "RUSGOV"
    assert actor_for("juru bicara Kremlin") == "RUSGOV"
    assert actor_for("Kapolri") == "IDNCOP"
    assert actor_for("Panglima TNI") == "IDNMIL"
    assert actor_for("seorang warga") is None


# ---- linking -------------------------------------------------------------------------------


def test_output_shape_and_offsets() -> None:
    a = run("Presiden Joko Widodo bertemu Presiden Rusia Vladimir Putin di Moskwa.")
    assert a.mentions and a.entities
    ids = {e.id for e in a.entities}
    for m in a.mentions:
        assert isinstance(m, Mention)
        assert a.text[m.start : m.end] == m.text and m.by and m.entity in ids
        assert m.type in TYPES
    for e in a.entities:
        assert e.mentions and e.by
        for m in e.mentions:
            assert set(m) == {"start", "end", "text", "by"}
            assert a.text[m["start"] : m["end"]] == m["text"]
    assert Article.from_dict(a.to_dict()).entities == a.entities


def test_surname_joins_full_name_not_in_dictionary() -> None:
    a = run("Menteri Luar Negeri Rusia Ivan Petrovich Sidorov tiba. Sidorov menegaskan sikapnya.")
    e = entity(a, "Ivan Petrovich Sidorov")
    assert e.id == "per:ivan-petrovich-sidorov"
    assert [m["text"] for m in e.mentions] == ["Ivan Petrovich Sidorov", "Sidorov"]
    assert e.role == "Menteri Luar Negeri" and e.affiliation == "Russia"
    assert e.actor == "RUSGOV"


def test_role_and_affiliation_from_organisation() -> None:
    a = run("Juru bicara Kementerian Luar Negeri China Hua Chunying menolak tuduhan itu, kata Hua.")
    e = entity(a, "Hua Chunying")
    assert e.role == "juru bicara" and e.affiliation == "Kementerian Luar Negeri China"
    assert e.actor == "CHNGOV"
    assert len(e.mentions) == 2


def test_role_after_name_in_apposition() -> None:
    a = run("Budi Haryanto Saputra, juru bicara Polri, membantah kabar itu.")
    e = entity(a, "Budi Haryanto Saputra")
    assert e.role == "juru bicara"
    assert e.affiliation == "Kepolisian Negara Republik Indonesia"
    assert e.actor == "IDNCOP"


def test_indonesian_officials_get_sector_codes() -> None:
    a = run("Kapolri Jenderal Andi Wiratama meninjau lokasi. Gubernur Jawa Barat Rudi Kusnadi "
            "hadir. Hakim Agung Salman Luthan menolak kasasi.")
    assert entity(a, "Andi Wiratama").actor == "IDNCOP"
    assert entity(a, "Andi Wiratama").role.startswith("Kepala Kepolisian")
    assert entity(a, "Rudi Kusnadi").actor == "IDNGOV"
    assert entity(a, "Salman Luthan").actor == "IDNJUD"


def test_unqualified_role_reads_the_country_of_its_sentence() -> None:
    a = run("Diplomat AS menyatakan bahwa Presiden Ronald Hartley menolak usul itu.")
    assert entity(a, "Ronald Hartley").actor == "USAGOV"
    b = run("Presiden Ronald Hartley menolak usul itu.", dateline="PARIS")
    assert entity(b, "Ronald Hartley").actor == "FRAGOV"


def test_names_after_speech_verbs() -> None:
    a = run('"Kami siap membantu," kata Sutrisno Wibowo di Jakarta.')
    e = entity(a, "Sutrisno Wibowo")
    assert e.type == "PER" and e.mentions[0]["by"] == "rule:cue-name"
    assert entity(a, "DKI Jakarta").type == "LOC"


def test_acronym_in_brackets_joins_its_name() -> None:
    a = run("Lembaga Riset Pangan Nusantara (LRPN) merilis data. LRPN menyebut harga naik.")
    org = [e for e in a.entities if e.type == "ORG"]
    assert len(org) == 1 and len(org[0].mentions) == 3
    assert {m["text"] for m in org[0].mentions} == {"Lembaga Riset Pangan Nusantara", "LRPN"}


def test_government_phrase_takes_its_country_code() -> None:
    a = run("Pemerintah Rusia menyatakan siap. Kementerian Luar Negeri Rusia membenarkan.")
    codes = {e.name: e.actor for e in a.entities}
    assert codes["Government of Russia"] == "RUSGOV"
    assert entity(a, "Government of Russia").id == "org:government-of-rus"
    assert codes["Kementerian Luar Negeri Rusia"] == "RUSGOV"


def test_lone_surname_beside_another_name_is_someone_else() -> None:
    a = run("Ivanka Trump tiba di Seoul. Presiden Trump menyambutnya.")
    trump = entity(a, "Donald Trump")
    assert [m["text"] for m in trump.mentions] == ["Trump"]
    assert trump.mentions[0]["start"] == a.text.index("Presiden Trump") + len("Presiden ")


def test_lower_case_words_are_not_names() -> None:
    a = run("kami as the best, as usual. pemerintah pusat dan tanah air.")
    assert a.mentions == [] and a.entities == []


def test_same_entity_id_across_articles() -> None:
    one = run("Juru bicara KPK Ali Fikri Ramadhan mengatakan penyidik bekerja.")
    two = run("Ali Fikri Ramadhan, juru bicara KPK, menjelaskan perkara itu di Amerika Serikat.")
    assert {e.id for e in one.entities} <= {e.id for e in two.entities}
    assert entity(two, "United States").id == "usa"


def test_ner_switch_in_meta() -> None:
    a = Article(text="Presiden Donald Trump berbicara.", meta={"ner": False})
    entities_stage(a)
    assert all(not m.by.startswith("crf") for m in a.mentions)
    assert entity(a, "Donald Trump").actor == "USAGOV"


def test_empty_text() -> None:
    a = run("")
    assert a.mentions == [] and a.entities == []


# ---- the seed articles -----------------------------------------------------------------------


def _seed_articles(seeds: list[Path]) -> list[Article]:
    from warta.pipeline import Pipeline

    pipe = Pipeline(("clean", "meta", "sentences"))
    return [stage(pipe(Article(text="", raw=p.read_text("utf-8")))) for p in seeds]


def test_seed_expectations(seeds: list[Path]) -> None:
    arts = _seed_articles(seeds)
    people = {e.name: e for a in arts for e in a.entities if e.type == "PER"}
    expected = {
        "Dmitry Peskov": "RUS", "Sergei Lavrov": "RUS", "Donald Trump": "USA",
        "Rex Tillerson": "USA", "Heather Nauert": "USA", "Kim Jong Un": "PRK",
    }
    for name, country in expected.items():
        assert name in people, name
        assert people[name].actor and people[name].actor.startswith(country), people[name]
    places = {e.id: e for a in arts for e in a.entities}
    assert places["prk"].actor == "PRK" and places["usa"].actor == "USA"
    assert places["rus"].actor == "RUS"
    peskov = people["Dmitry Peskov"]
    assert peskov.role == "juru bicara" and peskov.affiliation == "Kremlin"
    assert peskov.actor == "RUSGOV"
    assert people["Donald Trump"].role == "Presiden" and people["Donald Trump"].actor == "USAGOV"
    assert places["unsc"].name == "UN Security Council" and places["unsc"].actor == "IGOUNO"


def test_seed_short_forms_join(seeds: list[Path]) -> None:
    first = _seed_articles(seeds)[0]
    usa = entity(first, "United States")
    assert {m["text"] for m in usa.mentions} >= {"Amerika Serikat", "AS", "Washington"}
    prk = entity(first, "North Korea")
    assert {m["text"] for m in prk.mentions} == {"Korea Utara", "Pyongyang"}
    assert {m["text"] for m in entity(first, "Dmitry Peskov").mentions} == {"Dmitry Peskov",
                                                                           "Peskov"}


# ---- guards against common false names ----------------------------------------------------


def test_given_names_before_a_dictionary_surname_join_it() -> None:
    a = run("Sekutu dekat pemimpin Turki Tayyip Erdogan itu ditangkap.")
    e = entity(a, "Recep Tayyip Erdogan")
    assert [m["text"] for m in e.mentions] == ["Tayyip Erdogan"] and e.actor == "TURGOV"


def test_streets_and_organisation_names_hold_no_roles() -> None:
    a = run("Kantornya di Jalan Kapten Pierre Tendean, dekat Direktorat Jenderal Pajak Sutomo.")
    assert not [e for e in a.entities if e.type == "PER"]


def test_role_with_bracketed_short_form_then_name() -> None:
    a = run("Menteri Keuangan (Menkeu) Hendra Wiratmaja menjawab. Kapolsek Dayeuhkolot AKP "
            "Triyono mengatakan pihaknya siaga.")
    assert entity(a, "Hendra Wiratmaja").actor == "IDNGOV"
    triyono = entity(a, "Triyono")
    assert triyono.actor == "IDNCOP" and triyono.role == "Kepala Kepolisian Sektor"


def test_name_after_the_comma_that_closes_an_affiliation() -> None:
    a = run("Hal itu dikatakan Ketua Unit Komunikasi Publik Unud, Ni Nyoman Dewi Pascarani, "
            "kemarin.")
    assert entity(a, "Ni Nyoman Dewi Pascarani").role == "Ketua"


def test_everyday_word_before_comma_is_not_a_name() -> None:
    a = run("Hasilnya, polisi menemukan barang bukti.")
    assert not [e for e in a.entities if e.type == "PER"]


def test_bracketed_acronym_of_a_regency_is_not_the_oic() -> None:
    a = run("Bupati Ogan Komering Ilir (OKI) Muchendi Mahzareki merespons penangkapan itu.")
    assert "oic" not in {e.id for e in a.entities}
    assert entity(a, "Muchendi Mahzareki").actor == "IDNGOV"


# ---- the statistical tagger, when present ---------------------------------------------------


class StubTagger:
    """Stands in for warta.entities.ner.NerTagger: fixed spans, a name for ``by``."""

    name = "stub:ner"

    def spans(self, text, token_spans=None):
        out = []
        for name, typ in [("Hailey Bieber", "PER"), ("Amerika Serikat", "LOC"),
                          ("Rusia Dmitry", "PER")]:
            i = text.find(name)
            if i >= 0:
                out.append((i, i + len(name), typ))
        return out


def test_tagger_adds_names_and_dictionary_keeps_identity(monkeypatch) -> None:
    import warta.entities as ent

    monkeypatch.setattr(ent, "_tagger", lambda: StubTagger())
    a = ent.entities_stage(Article(text="Kemarin Hailey Bieber tiba di Amerika Serikat. Jubir "
                                        "Rusia Dmitry Peskov menolak."))
    hailey = entity(a, "Hailey Bieber")
    assert hailey.type == "PER" and hailey.mentions[0]["by"] == "stub:ner"
    assert entity(a, "United States").mentions[0]["by"] == "gazetteer:actors"
    assert entity(a, "Dmitry Peskov").actor == "RUSGOV"  # the bad tagger span lost to the dictionary
    off = ent.entities_stage(Article(text="Model Hailey Bieber tiba.", meta={"ner": False}))
    assert all(m.by != "stub:ner" for m in off.mentions)


# ---- robustness -----------------------------------------------------------------------------

WORDS = ["Presiden", "Menteri", "Luar", "Negeri", "AS", "Rusia", "Kremlin", "juru", "bicara",
         "Budi", "Santoso", "(", ")", ",", ".", "dan", "kata", "KPK", "Kapolri", "Jenderal", "I",
         "Ni", "Pemerintah", "Jalan", "PT", "Trump", "Ivanka", "selaku", "\n", "Kota", "Bogor"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_any_word_salad_gives_consistent_offsets(words: list[str]) -> None:
    a = run(" ".join(words))
    ids = {e.id for e in a.entities}
    for m in a.mentions:
        assert a.text[m.start : m.end] == m.text and m.entity in ids
    starts = [m.start for m in a.mentions]
    assert starts == sorted(starts)
    assert all(x.end <= y.start for x, y in zip(a.mentions, a.mentions[1:], strict=False))


# ---- a corpus check: officials named with a role in Detik's hand-made entity lists ---------


def _expected_official(entry: str) -> str | None:
    """'Menteri Dalam Negeri Tito Karnavian' -> 'Tito Karnavian' (None when no role opens it)."""
    g = gazetteer()
    toks = tokens_of(entry)
    low = [normalise(t) for t in toks]
    if not toks or g.roles.match_at(toks, low, 0) is None:
        return None
    name: list[str] = []
    for t in reversed(toks):
        if not t[:1].isupper() or t.isupper() or normalise(t) in g.nonnames \
                or g.roles.lookup(t) is not None:
            break
        name.insert(0, t)
    return " ".join(name) if 1 <= len(name) <= 5 and len(name) < len(toks) else None


@pytest.mark.slow
def test_detik_officials_are_found_with_state_codes(shared_data: Path) -> None:
    import json

    from warta.pipeline import Pipeline

    path = shared_data / "corpus" / "detik_2025-10.csv"
    if not path.exists():
        pytest.skip("detik corpus not available")
    csv.field_size_limit(10**9)
    pre = Pipeline(("clean", "meta", "sentences"))
    n = found = state = 0
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                listed = json.loads(r["entity"]).get("government", [])
            except (ValueError, AttributeError):
                continue
            names = {x for x in map(_expected_official, listed) if x}
            if not names:
                continue
            a = stage(pre(Article(text="", raw=r["isi_berita"])))
            for name in (x for x in names if x in a.text):
                n += 1
                hit = [e for e in a.entities if e.type == "PER" and any(
                    m["text"] == name or m["text"].endswith(" " + name)
                    or (name.endswith(" " + m["text"]) and " " in m["text"]) for m in e.mentions)]
                found += bool(hit)
                code = (hit[0].actor or "") if hit else ""
                state += code[3:6] in ("GOV", "COP", "MIL", "LEG", "JUD") or code.startswith("IGO")
    print(f"officials {n}: found {found / n:.1%}, state actor code {state / n:.1%}")
    assert n > 500 and found / n > 0.85 and state / n > 0.8


def test_role_in_text_beats_a_generated_office_record() -> None:
    g = gazetteer()
    assert g.lookup("Andi Mallarangeng").source == "people"  # an office record of 2014
    a = run("Politikus Partai Demokrat Andi Mallarangeng mengkritik kebijakan itu.")
    e = entity(a, "Andi Mallarangeng")
    assert e.actor == "IDNPTY" and e.by.startswith("gazetteer:people+")
    b = run("Andi Mallarangeng tiba di Jakarta.")
    assert entity(b, "Andi Mallarangeng").actor == g.lookup("Andi Mallarangeng").actor


def test_titles_are_neither_names_nor_offices() -> None:
    a = run("Guru Besar IPB Prof. Dr. Rika Raffiudin menjelaskan. Semoga. Dr. Eddy Soeparno, "
            "Wakil Ketua MPR RI, hadir.")
    assert entity(a, "Rika Raffiudin").role == "Guru Besar"
    eddy = entity(a, "Eddy Soeparno")
    assert eddy.role == "Wakil Ketua" and eddy.actor == "IDNLEG"


def test_a_bare_role_stands_for_its_one_holder() -> None:
    art = run(
        "Menteri Ketenagakerjaan Ida Fauziyah menyatakan upah naik tahun depan. Menaker menambahkan "
        "bahwa aturan baru segera terbit. Menteri itu juga meminta pengusaha patuh."
    )
    ida = entity(art, "Ida Fauziyah")
    said = [(art.text[m["start"] : m["end"]], m["by"]) for m in ida.mentions]
    assert ("Menaker", "rule:role-anaphor") in said and ("Menteri", "rule:role-anaphor") in said


def test_a_role_two_people_hold_stays_unresolved() -> None:
    art = run(
        "Menteri Luar Negeri Rusia Sergei Lavrov bertelepon dengan Menteri Luar Negeri AS Rex "
        "Tillerson. Menlu menyebut pembicaraan itu penting. Mantan Presiden Susilo Bambang Yudhoyono "
        "hadir. Presiden Joko Widodo membuka acara."
    )
    for e in art.entities:
        assert all(m["by"] != "rule:role-anaphor" for m in e.mentions), e


# ---- where a person's name begins -------------------------------------------------------------


class PhraseTagger:
    """A tagger that tags the given phrases, wherever they occur, with the given types."""

    name = "phrase:ner"

    def __init__(self, phrases: list[tuple[str, str]]):
        self.phrases = phrases

    def spans(self, text, token_spans=None):
        out = []
        for phrase, typ in self.phrases:
            for m in re.finditer(re.escape(phrase), text):
                out.append((m.start(), m.end(), typ))
        return out


def tagged(monkeypatch, text: str, phrases: list[tuple[str, str]]) -> Article:
    import warta.entities as ent

    monkeypatch.setattr(ent, "_tagger", lambda: PhraseTagger(phrases))
    return ent.entities_stage(Article(text=text))


def persons(article: Article) -> set[str]:
    return {e.name for e in article.entities if e.type == "PER"}


def test_english_words_of_an_institution_do_not_open_a_name() -> None:
    a = entities_stage(Article(  # with the shipped tagger: it finds "Pusat Studi Konstitusi"
        text="Hal itu disampaikan peneliti Pusat Studi Konstitusi, Policy Strategic Hifdzil Alim "
             "kepada wartawan. Menurut Hifdzil, putusan itu keliru."))
    assert persons(a) == {"Hifdzil Alim"}
    e = entity(a, "Hifdzil Alim")
    assert e.id == "per:hifdzil-alim"
    assert e.role == "peneliti" and e.affiliation == "Pusat Studi Konstitusi"
    assert [m["text"] for m in e.mentions] == ["Hifdzil Alim", "Hifdzil"]


def test_a_rank_after_the_affiliation_is_not_part_of_the_name() -> None:
    a = run('"Berkas sudah lengkap," ujar Kasubdit I Dittipidsiber Bareskrim Polri, Kombes Rizki '
            "Agung Prakoso, kepada wartawan. Rizki menambahkan tersangka akan dipanggil.")
    e = entity(a, "Rizki Agung Prakoso")
    assert e.id == "per:rizki-agung-prakoso" and e.affiliation == "Bareskrim Polri"
    assert "Rizki" in [m["text"] for m in e.mentions]
    assert not any(n.startswith("Kombes") for n in persons(a))


def test_an_office_after_the_comma_is_not_skipped_into_its_body() -> None:
    # a rank may be skipped after the comma, not an office followed by its organisation
    a = run("Acara itu dihadiri Kepala Badan Pangan Nasional Arief Prasetyo Adi, Ketua Umum "
            "Kamar Dagang dan Industri Indonesia Anindya Novyan Bakrie, dan para gubernur.")
    assert "Kamar Dagang" not in persons(a)
    assert "Arief Prasetyo Adi" in persons(a)


def test_tagger_names_lose_roles_colleges_and_job_titles(monkeypatch) -> None:
    text = ("Menurut profesor keuangan Boston College Edith Hotchkiss, gagal bayar itu jarang. "
            '"Dengan membabi buta pelaku membacok korban," kata Kapolsek. Executive Vice '
            "President Corporate Communication Hera Haryn menjelaskan gangguan itu. Jojo President "
            "Director menolak berkomentar. Saham Duta Palma Group turun.")
    a = tagged(monkeypatch, text, [
        ("Boston College Edith Hotchkiss", "PER"), ("Kapolsek", "PER"),
        ("Executive Vice President Corporate Communication", "PER"), ("Hera Haryn", "PER"),
        ("Jojo President Director", "PER"), ("Duta Palma Group", "PER"),
    ])
    assert persons(a) == {"Edith Hotchkiss", "Hera Haryn", "Jojo"}
    edith = entity(a, "Edith Hotchkiss")
    assert edith.mentions[0]["by"] == "phrase:ner" and edith.mentions[0]["text"] == "Edith Hotchkiss"


def test_role_place_and_rank_before_a_name_hold_no_name(monkeypatch) -> None:
    text = "Kapolsek Panggang AKP Anang Prastawa mengatakan korban tewas di tempat."
    a = tagged(monkeypatch, text, [("Kapolsek Panggang AKP", "PER"), ("Anang Prastawa", "PER")])
    assert persons(a) == {"Anang Prastawa"}


def test_a_bare_initial_keeps_its_rank(monkeypatch) -> None:
    text = "Kasus pembunuhan Brigadir J kembali disidangkan pekan ini di Jakarta."
    a = tagged(monkeypatch, text, [("Brigadir J", "PER")])
    assert persons(a) == {"Brigadir J"}


def test_an_organisation_the_tagger_ends_inside_a_name_is_cut_off(monkeypatch) -> None:
    text = "Ketua Umum BPP Hipmi Akbar Himawan Buchari mengatakan pemerintah berpihak pada UMKM."
    a = tagged(monkeypatch, text, [("BPP Hipmi", "ORG")])
    assert "Akbar Himawan Buchari" in persons(a)
    assert not any("Hipmi" in n for n in persons(a))


def test_a_tagger_span_over_a_bracket_does_not_cut_a_name(monkeypatch) -> None:
    text = "Kepala Badan Pangan Nasional (Bapanas) Arief Prasetyo Adi meninjau pasar."
    a = tagged(monkeypatch, text, [("Bapanas) Arief", "ORG"), ("Prasetyo Adi", "PER")])
    assert "Arief Prasetyo Adi" in persons(a)


def test_a_body_glued_before_a_name_is_cut_off(monkeypatch) -> None:
    text = ("Menurut Kepala Ekonom Bank Mandiri Andry Asmoro, suku bunga bisa turun. Menurut "
            "Manajer Pertamina Rudi Hartono Saputra, stok aman. Sekretaris Kabinet Teddy Indra "
            "Wijaya hadir. Kepala Dinas Pendidikan Budi Santoso menyusul.")
    # the tagger's ORG reaches into the name; the dictionary's Pertamina is glued before one
    a = tagged(monkeypatch, text, [("Bank Mandiri", "ORG"), ("Pertamina Rudi Hartono Saputra",
                                                             "PER")])
    assert {"Andry Asmoro", "Rudi Hartono Saputra", "Teddy Indra Wijaya", "Budi Santoso"} \
        <= persons(a)
    assert not any("Mandiri" in n or "Pertamina" in n for n in persons(a))


def test_a_given_name_that_is_also_a_title_stays() -> None:
    a = run("Ketua Yayasan Budaya Melayu, Raja Antoni Saputra, hadir. Ketua Yayasan Seni Rupa, "
            "Kombes Budi Hartono, juga datang.")
    assert {"Raja Antoni Saputra", "Budi Hartono"} <= persons(a)


def test_a_month_after_a_given_name_stays_in_the_name(monkeypatch) -> None:
    text = "Mantan Kepala Dinas PUPR Kota Padangsidimpuan Ahmad Juni dituntut membayar ganti rugi."
    a = tagged(monkeypatch, text, [("Ahmad Juni", "PER")])
    assert "Ahmad Juni" in persons(a)


# ---- one-word names across the store ------------------------------------------------------------


def _store_of(tmp_path: Path, rows: list[dict]):
    import json

    from warta import open_store
    from warta.ingest import ingest

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    store = open_store(str(tmp_path / "w.db"))
    stats = ingest([str(src)], store)
    assert stats.added == len(rows), stats
    return store


FULL = ("Ketua Dewan Pengawas Yayasan Cahaya Rudianto Wicaksono hadir di Jakarta pada Rabu. "
        "Rudianto Wicaksono mengatakan yayasannya siap membantu korban banjir di tiga provinsi.")
SHORT = ('"Kami tetap siap bekerja untuk warga," kata Rudianto kepada wartawan di Jakarta, '
         "Minggu. Rudianto menambahkan bahwa bantuan sudah dikirim ke semua daerah terdampak.")


def test_a_one_word_name_joins_its_full_name_across_articles(tmp_path: Path) -> None:
    from warta.entities.resolve import BY, resolve_surnames

    store = _store_of(tmp_path, [
        {"id": "1", "url": "https://contoh.id/1", "published": "2025-10-01", "text": FULL},
        {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": SHORT},
    ])
    ids = {e["id"] for e in store.entities(type="PER")}
    assert ids == {"per:rudianto-wicaksono", "per:rudianto"}  # two identities before
    report = resolve_surnames(store)
    assert [(m.from_id, m.into_id, m.why) for m in report.merges] == [
        ("per:rudianto", "per:rudianto-wicaksono", "only-candidate")]
    assert report.deleted == ["per:rudianto"]
    people = store.entities(type="PER")
    assert [(e["id"], e["articles"], e["mentions"]) for e in people] == [
        ("per:rudianto-wicaksono", 2, 4)]
    found = store.entity("Rudianto Wicaksono")
    assert len(found["appearances"]) == 2
    assert {q["speaker_entity"] for q in store.quotes()} == {"per:rudianto-wicaksono"}
    short = next(a for a in store.articles() if a["published"] == "2025-10-05")
    art = store.get(short["id"])
    rud = next(e for e in art.entities if e.type == "PER")
    assert (rud.id, rud.name, rud.by) == ("per:rudianto-wicaksono", "Rudianto Wicaksono", BY)
    assert all(m.entity != "per:rudianto" for m in art.mentions)
    evidence = store.connection.execute(
        "SELECT from_id, into_id, \"by\", evidence FROM entity_merge").fetchall()
    assert [(f, i, b) for f, i, b, _ in evidence] == [
        ("per:rudianto", "per:rudianto-wicaksono", BY)]
    assert json.loads(evidence[0][3])["full_name"] == "Rudianto Wicaksono"
    again = resolve_surnames(store)  # nothing left to do
    assert again.merges == [] and again.considered == 0


def test_a_one_word_name_far_in_time_or_ambiguous_stays(tmp_path: Path) -> None:
    from warta.entities.resolve import resolve_surnames

    other = FULL.replace("Rudianto Wicaksono", "Rudianto Hartanto").replace("Cahaya", "Pelita")
    store = _store_of(tmp_path, [
        {"id": "1", "url": "https://contoh.id/1", "published": "2025-06-01", "text": FULL},
        {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": SHORT},
    ])
    report = resolve_surnames(store)  # the full name is four months away
    assert report.merges == [] and report.considered == 1
    assert "per:rudianto" in {e["id"] for e in store.entities(type="PER")}
    (tmp_path / "b").mkdir()
    store2 = _store_of(tmp_path / "b", [
        {"id": "1", "url": "https://contoh.id/1", "published": "2025-10-01", "text": FULL},
        {"id": "3", "url": "https://contoh.id/3", "published": "2025-10-02", "text": other},
        {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": SHORT},
    ])
    report = resolve_surnames(store2, apply=False)
    assert report.merges == []
    assert report.ambiguous == [{"article_id": report.ambiguous[0]["article_id"],
                                 "name": "Rudianto",
                                 "candidates": ["Rudianto Hartanto", "Rudianto Wicaksono"]}]


def test_the_same_role_singles_out_one_full_name(tmp_path: Path) -> None:
    from warta.entities.resolve import resolve_surnames

    police = ("Kabid Humas Polda Jawa Barat Kombes Rudianto Wicaksono mengatakan pelaku sudah "
              "ditangkap di Bandung. Rudianto Wicaksono menyebut barang bukti telah disita polisi.")
    analyst = ("Pengamat ekonomi Rudianto Hartanto menilai harga beras akan turun pekan depan. "
               "Rudianto Hartanto mengatakan pasokan dari petani mulai membaik di banyak daerah.")
    short = ("Kabid Humas Polda Jawa Barat Kombes Rudianto mengatakan penyidik masih memeriksa "
             "saksi. Rudianto menambahkan pelaku lain masih dicari oleh tim gabungan polisi.")
    store = _store_of(tmp_path, [
        {"id": "1", "url": "https://contoh.id/1", "published": "2025-10-01", "text": police},
        {"id": "3", "url": "https://contoh.id/3", "published": "2025-10-02", "text": analyst},
        {"id": "2", "url": "https://contoh.id/2", "published": "2025-10-05", "text": short},
    ])
    report = resolve_surnames(store)
    assert [(m.into_name, m.why) for m in report.merges] == [("Rudianto Wicaksono", "same-role")]
    assert sorted(m.candidates for m in report.merges)[0] == ["Rudianto Hartanto",
                                                              "Rudianto Wicaksono"]
    names = {e["name"]: e["articles"] for e in store.entities(type="PER")}
    assert names == {"Rudianto Wicaksono": 2, "Rudianto Hartanto": 1}


def test_surnames_do_not_join_clipped_words_or_institution_names():
    from warta.entities.resolve import _one_word, _person_like

    assert _one_word("Hasto") == "hasto"
    assert _one_word("Jakart") is None  # "Jakarta" cut mid-word by the source text
    assert _person_like("Hasto Kristiyanto")
    assert not _person_like("Kanwilkumham DKI Jakarta")  # an office, not a person
    assert not _person_like("Hasto")  # a full name has two words or more


def test_district_courts_and_the_corrections_directorate_are_actors() -> None:
    a = run("Majelis hakim PN Jakarta Selatan memvonis terdakwa. Ditjenpas memindahkan terpidana.")
    assert entity(a, "PN Jakarta Selatan").actor == "IDNJUD"
    assert entity(a, "Direktorat Jenderal Pemasyarakatan").actor == "IDNGOV"
