"""Who an event is aimed at (and who does it): the party-finding rules of the coder.

Every sentence here is invented; entities are made by hand as the entities layer
would, from the table below.
"""

from __future__ import annotations

from test_events import article as hand_article

from warta.article import Article

ACTORS = {
    "Polda Jatim": ("ORG", "IDNCOP"),
    "Polri": ("ORG", "IDNCOP"),
    "KPK": ("ORG", "IDNJUD"),
    "PPATK": ("ORG", "IDNGOV"),
    "Kementan": ("ORG", "IDNGOV"),
    "Kemenkes": ("ORG", "IDNGOV"),
    "KPU": ("ORG", "IDNGOV"),
    "Bawaslu": ("ORG", "IDNGOV"),
    "Pemprov Banten": ("ORG", "IDNGOV"),
    "Partai Demokrat": ("ORG", "IDNPTY"),
    "Kompas": ("ORG", "IDNMED"),
    "Budi": ("PER", None),
    "Budi Santoso": ("PER", None),
    "Komunitas Warga Peduli": ("ORG", None),
    "Andi": ("PER", None),
    "Rina": ("PER", None),
    "Surabaya": ("LOC", "IDN"),
    "PN Surabaya": ("ORG", "IDNJUD"),
    "Amerika Serikat": ("LOC", "USA"),
    "China": ("LOC", "CHN"),
    "Rusia": ("LOC", "RUS"),
    "Malaysia": ("LOC", "MYS"),
    "Wang Yi": ("PER", "CHNGOV"),
    "Mao Ning": ("PER", "CHNGOV"),
    "Turki": ("LOC", "TUR"),
    "Indonesia": ("LOC", "IDN"),
    "Palestina": ("LOC", "PSE"),
    "pemerintah": ("ORG", "IDNGOV"),
    "Palang Merah Indonesia": ("ORG", "IDNNGO"),
    "Xiaomi": ("ORG", "CHNBUS"),
}


def article(text: str) -> Article:
    return hand_article(text, published="2024-05-01", actors=ACTORS)


def parties(text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]])
            for e in article(text).events]


def test_a_late_oleh_after_a_long_complement_is_the_passive_agent():
    got = parties("Budi saat ini telah ditetapkan sebagai tersangka dugaan penipuan proyek jalan "
                  "di Surabaya oleh Polda Jatim.")
    assert got == [("173", ["Polda Jatim"], ["Budi"])]
    assert parties("Budi ditetapkan sebagai tersangka kasus penipuan oleh Polda Jatim.") == [
        ("173", ["Polda Jatim"], ["Budi"])]
    # another verb between: "oleh" is its agent, the charge has none
    got = parties("Budi ditetapkan sebagai tersangka kasus penipuan dan diperiksa oleh Polda Jatim.")
    assert [e for e in got if e[0] == "173"] == []


def test_saat_ini_does_not_open_a_clause():
    assert parties("Budi saat ini ditahan oleh Polda Jatim.") == [("173", ["Polda Jatim"], ["Budi"])]


def test_a_trigger_ending_in_its_target_preposition_takes_the_actor_after_it():
    got = parties("PPATK telah mengirimkan hasil analisis transaksi Budi ke KPK.")
    assert got == [("064", ["PPATK"], ["KPK"])]


def test_a_fronted_kepada_phrase_is_the_target():
    got = parties("Kepada Budi, Andi menuntut pertanggungjawaban atas kerugian itu.")
    assert got == [("100", ["Andi"], ["Budi"])]
    assert "+fronted" in article("Kepada Budi, Andi menuntut pertanggungjawaban atas kerugian itu.").events[0]["by"]
    # an outlet spoken to is no party
    assert parties("Kepada Kompas, Andi menuntut pertanggungjawaban atas kerugian itu.") == [("100", ["Andi"], [])]


def test_the_body_where_graft_took_place_is_the_inquiry_target():
    assert parties("KPK tengah mengusut dugaan korupsi pengadaan alat di Kementan.") == [
        ("091", ["KPK"], ["Kementan"])]
    # a murder case at a place names no body investigated
    assert parties("Polri mengusut kasus pembunuhan di Surabaya.") == [("091", ["Polri"], [])]


def test_police_or_soldiers_asked_to_act_are_a_state_body():
    ev = article("Andi meminta aparat keamanan untuk menjaga unjuk rasa itu.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["actor"] for x in e["target"]]) for e in ev] == [
        ("020", ["Andi"], ["IDNCOP"])]
    assert "+state-group" in ev[0]["by"]
    # civilians asked to act stay no actor outside coercion
    assert parties("Andi meminta warga untuk menjaga kebersihan.") == [("020", ["Andi"], [])]


def test_a_group_heading_the_passive_subject_phrase_is_the_patient():
    assert parties("Sebanyak 12 karyawan pabrik tekstil ditangkap Polri.") == [("173", ["Polri"], ["karyawan"])]


def test_a_body_noun_closed_by_ini_points_back_to_the_body_of_that_name():
    text = ("Komunitas Warga Peduli mengkritik KPU. Andi memuji Bawaslu. "
            "Sementara itu, komunitas ini juga meminta Kemenkes bertindak cepat.")
    got = parties(text)
    assert ("020", ["Komunitas Warga Peduli"], ["Kemenkes"]) in got


def test_a_body_named_before_but_not_as_an_actor_is_not_replaced_by_another():
    text = ("Komunitas Pemerhati Kota mengkritik KPU. Andi memuji Kemenkes. "
            "Sementara itu, komunitas ini juga meminta Polri bertindak cepat.")
    assert [e for e in parties(text) if e[0] == "020"] == []


def test_a_nickname_apposition_is_the_person_addressed():
    got = parties("Rina berpesan kepada Mas Bud, sapaan akrab Budi Santoso, untuk bekerja keras.")
    assert got == [("020", ["Rina"], ["Budi Santoso"])]


def test_a_company_in_apposition_to_its_country_is_the_target():
    got = parties("Amerika Serikat menuduh anak perusahaan teknologi China, Xiaomi melanggar sanksi.")
    assert got == [("112", ["Amerika Serikat"], ["Xiaomi"])]
    # "China, Xiaomi" after a preposition or a conjunction: a list, left as it was
    got = parties("Amerika Serikat menuduh China, Xiaomi dan Rusia melanggar sanksi.")
    assert got == [("112", ["Amerika Serikat"], ["China", "Xiaomi", "Rusia"])]


def test_an_event_noun_after_a_support_verb_takes_its_subject_and_object():
    ev = article("Kemenkes menegaskan dukungan penuh terhadap Pemprov Banten.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]]) for e in ev] == [
        ("051", ["Kemenkes"], ["Pemprov Banten"])]
    assert "+support" in ev[0]["by"]
    # a verb of reporting reports an attack, or a criticism, it does not make one
    assert [e for e in parties("Polri menyebutkan serangan terhadap Pemprov Banten berasal dari luar.")
            if e[0][:2] == "19"] == []
    assert [e for e in parties("Andi menyebut kritik terhadap KPK tidak berdasar.") if e[1] == ["Andi"]] == []
    # unless the noun is the subject's own ("kritiknya")
    assert ("111", ["Andi"], ["KPK"]) in parties("Andi menyebut kritiknya terhadap KPK sudah disampaikan.")


def test_a_late_agent_past_a_coordinated_sentence_length():
    ev = article("Budi divonis pidana penjara 1 tahun dan 6 bulan oleh PN Surabaya.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]]) for e in ev] == [
        ("116", ["PN Surabaya"], ["Budi"])]
    assert "+late-agent" in ev[0]["by"]


def test_a_body_naming_a_law_is_no_party():
    assert [e for e in parties("Andi menolak revisi UU KPK.") if "KPK" in e[2]] == []
    assert parties("Andi menolak permintaan KPK.") == [("124", ["Andi"], ["KPK"])]


def test_one_action_on_two_parties_joined_by_dan_is_one_event():
    ev = article("Sidang digelar di PN Surabaya. Budi divonis 5 tahun penjara dan Andi divonis 3 tahun penjara.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]]) for e in ev] == [
        ("116", ["PN Surabaya"], ["Budi", "Andi"])]
    assert "+joined" in ev[0]["by"]
    # told as two sentences, or going on with "Kemudian", they stay two events
    two = parties("Sidang digelar di PN Surabaya. Budi divonis 5 tahun penjara. Kemudian, Andi divonis 3 tahun penjara.")
    assert two == [("116", ["PN Surabaya"], ["Budi"]), ("116", ["PN Surabaya"], ["Andi"])]


def test_aid_for_people_in_a_country_goes_to_that_country():
    assert parties("Palang Merah Indonesia menyalurkan bantuan makanan bagi korban gempa di Turki.") == [
        ("073", ["Palang Merah Indonesia"], ["Turki"])]


def test_a_person_described_with_ini_is_the_one_named_before():
    ev = article("Rina kuliah di Surabaya. Untuk itu, mahasiswi ini berharap agar pemerintah segera "
                 "memperbaiki jalan.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]]) for e in ev] == [
        ("020", ["Rina"], ["pemerintah"])]
    assert "+described" in ev[0]["by"]
    # "saat ini" is a time, not a description
    assert parties("Rina kuliah di Surabaya. Pelaku saat ini berharap agar pemerintah segera memperbaiki jalan.") == []


def test_a_list_goes_on_past_a_role_in_lower_case():
    got = parties("Wang Yi dan juru bicara kementerian luar negeri Mao Ning mengunjungi Malaysia.")
    assert got == [("042", ["Wang Yi", "Mao Ning"], ["Malaysia"])]


def test_a_role_of_a_body_closed_by_itu_is_the_person_who_holds_it():
    got = parties("Budi Santoso terpilih sebagai Ketua Partai Demokrat. Ketua Partai Demokrat itu mengkritik KPK.")
    assert ("111", ["Budi Santoso"], ["KPK"]) in got


def test_an_offer_of_peacekeepers_goes_to_the_country_they_serve_in():
    got = parties("Indonesia menawarkan pasukan penjaga perdamaian guna memulihkan keamanan di Palestina.")
    assert got == [("0334", ["Indonesia"], ["Palestina"])]


def test_a_task_force_asked_to_act_is_a_state_body():
    ev = article("Andi meminta 40 orang satgas itu berkoordinasi dengan Kemenkes.").events
    assert [(e["code"], [x["name"] for x in e["source"]], [x["actor"] for x in e["target"]]) for e in ev] == [
        ("020", ["Andi"], ["IDNGOV"])]


def test_a_group_spelled_out_after_yakni_is_one_appeal_per_body():
    ev = article("Andi meminta penyelenggara pemilu, yakni KPU, Bawaslu, dan Kemenkes bekerja jujur.").events
    got = [(e["code"], [x["name"] for x in e["source"]], [x["name"] for x in e["target"]]) for e in ev]
    assert got == [("020", ["Andi"], ["KPU"]), ("020", ["Andi"], ["Bawaslu"]), ("020", ["Andi"], ["Kemenkes"])]
    assert all("+enumerated" in e["by"] for e in ev)
    # suspects sentenced together stay one event
    got = parties("Sidang digelar di PN Surabaya. Terdakwa lainnya, yaitu Budi dan Andi divonis 2 tahun penjara.")
    assert got == [("116", ["PN Surabaya"], ["Budi", "Andi"])]


def test_a_name_after_a_country_opening_a_new_clause_is_not_in_apposition():
    got = parties("Andi mengkritik kebijakan perdagangan China, Budi kemudian menolak hal itu.")
    assert got[0] == ("111", ["Andi"], ["China"])


def test_n_orang_tersebut_points_back_to_the_group_just_named():
    ev = article("Andi meminta 40 orang satgas itu berkoordinasi dengan Kemenkes. "
                 "Andi juga mengingatkan 40 orang tersebut untuk menjaga kesehatan.").events
    assert [(e["code"], [x["actor"] for x in e["target"]], len(e["repeats"])) for e in ev] == [("020", ["IDNGOV"], 1)]
