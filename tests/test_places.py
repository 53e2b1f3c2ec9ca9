"""place: the province, city or district a figure is about (crimestats.places, the pipeline's post-step).

Every report here is invented for the test; the facts may be real, the sentences are not
copied from any report.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from crimestats import pipeline
from crimestats.places import PlaceIndex, gazetteer, place_matches, resolve, spelling_key

DATA = Path(__file__).resolve().parent.parent / "data"

TWO_PROVINCES = (
    "Công an tỉnh Nghệ An cho biết, trong tháng 3 năm 2023 đã bắt giữ 14 đối tượng mua bán trái phép chất ma túy.\n\n"
    "Tại tỉnh Hà Tĩnh, lực lượng chức năng phát hiện 9 vụ trộm cắp tài sản trong năm 2023.\n\n"
    "Trong quý I năm 2024, cả nước xảy ra 2.310 vụ tai nạn giao thông.\n"
)
TWO_PROVINCES_PLACES = {"14": "Nghệ An", "9": "Hà Tĩnh", "2.310": "Việt Nam"}


def undiacritic(text: str) -> str:
    """The text as typed without diacritics."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                if not unicodedata.combining(c)))


def places_by_number(text: str) -> dict[str, str | None]:
    figures, _ = pipeline.scan(text)
    return {f["text"].split()[0]: f["place"] for f in figures}


def mentions(text: str) -> list[tuple[str, str]]:
    index = PlaceIndex(text)
    return [(text[m.start:m.end], m.place) for m in index.mentions]


# -- the records ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_seed_figures_are_of_thai_nguyen(seed):
    figures, _ = pipeline.scan(seed.read_text(encoding="utf-8"), str(seed))
    assert figures and {f["place"] for f in figures} == {"Thái Nguyên"}


def test_each_figure_has_the_place_its_paragraph_names():
    assert places_by_number(TWO_PROVINCES) == TWO_PROVINCES_PLACES


def test_text_without_diacritics_gives_the_same_places():
    assert places_by_number(undiacritic(TWO_PROVINCES)) == TWO_PROVINCES_PLACES


@pytest.mark.parametrize("form", ["NFD", "CRLF"])
def test_offsets_and_places_hold_for_decomposed_and_crlf_text(form):
    text = unicodedata.normalize("NFD", TWO_PROVINCES) if form == "NFD" else TWO_PROVINCES.replace("\n", "\r\n")
    index = PlaceIndex(text)
    assert [unicodedata.normalize("NFC", text[m.start:m.end]) for m in index.mentions] == [
        "tỉnh Nghệ An", "tỉnh Hà Tĩnh", "cả nước"]
    assert places_by_number(text) == TWO_PROVINCES_PLACES


def test_records_of_the_library_and_the_pipeline_agree():
    import crimestats

    text = TWO_PROVINCES
    # The library says where the text came from, as the command does; the pipeline only reads text.
    assert [f.to_dict() for f in crimestats.extract(text)] == [{**r, "source_format": "txt"}
                                                                for r in pipeline.scan(text)[0]]


# -- names in the text ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forms of one place
        ("Công an TP.HCM và Công an Thành phố Hồ Chí Minh", [("TP.HCM", "TP Hồ Chí Minh"),
                                                           ("Thành phố Hồ Chí Minh", "TP Hồ Chí Minh")]),
        ("Cảnh sát Sài Gòn, TPHCM", [("Sài Gòn", "TP Hồ Chí Minh"), ("TPHCM", "TP Hồ Chí Minh")]),
        ("Đoàn khách tới Khánh Hoà, rồi Thanh Hoá", [("Khánh Hoà", "Khánh Hòa"), ("Thanh Hoá", "Thanh Hóa")]),
        ("ở Bà Rịa-Vũng Tàu và BR-VT", [("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("BR-VT", "Bà Rịa - Vũng Tàu")]),
        ("CA tỉnh Đắc Lắc phối hợp", [("tỉnh Đắc Lắc", "Đắk Lắk")]),
        ("Công an Thủ đô ra quân", [("Thủ đô", "Hà Nội")]),
        # districts as written, with the canonical district word
        ("Công an huyện Phú Bình và thị xã Sơn Tây", [("huyện Phú Bình", "huyện Phú Bình"),
                                                    ("thị xã Sơn Tây", "thị xã Sơn Tây")]),
        ("Tại Quận 1 và TP. Vinh", [("Quận 1", "quận 1"), ("TP. Vinh", "thành phố Vinh")]),
        ("kho hàng tại H.Bình Chánh", [("H.Bình Chánh", "huyện Bình Chánh")]),
        ("CÔNG AN HUYỆN ĐỒNG HỶ", [("HUYỆN ĐỒNG HỶ", "huyện Đồng Hỷ")]),
        # a city sharing its province's name is the province
        ("Trên địa bàn TP Thái Nguyên", [("TP Thái Nguyên", "Thái Nguyên")]),
        # the whole country
        ("Toàn quốc có 63 tỉnh; trên cả nước", [("Toàn quốc", "Việt Nam"), ("cả nước", "Việt Nam")]),
        # common words that are no places
        ("Vì hòa bình. Hòa bình là mục tiêu.", []),
        ("Tình hình diễn biến phức tạp. Diễn biến khó lường.", []),
        ("Thuê hai phòng trọ", []),
        ("hải dương bao la", []),
        ("một con cá nước ngọt", []),
        # a place only when capitalised as a name or after a prefix
        ("Hòa Bình và tỉnh hòa bình", [("Hòa Bình", "Hòa Bình"), ("tỉnh hòa bình", "Hòa Bình")]),
        # names inside longer names: people, streets, the Pacific, a man
        ("Đối tượng Nguyễn Thái Bình bị bắt", []),
        ("Biển Thái Bình Dương rộng lớn", []),
        ("Nhà số 5 đường Hà Nội bị cháy", []),
        ("Học tập tư tưởng Hồ Chí Minh", []),
        ("đại diện báo Sài Gòn Giải Phóng", []),
        # where people live is no place of a figure
        ("Bắt Trần Văn A (SN 1990, trú tại huyện Đồng Hỷ, tỉnh Thái Nguyên) và thu giữ", []),
        ("Nguyễn Văn B, quê Thanh Hóa, đã bị bắt", []),
        # no diacritics: prefixes or capitals tell a place from a common word
        ("cong an tinh thai nguyen, ca nuoc", [("tinh thai nguyen", "Thái Nguyên"), ("ca nuoc", "Việt Nam")]),
        ("dien bien phuc tap o tinh Dien Bien", [("tinh Dien Bien", "Điện Biên")]),
        ("co quan Cong an huyen Dong Hy", [("huyen Dong Hy", "huyện Dong Hy")]),
        # a district name followed by a person's name: the district's end is unknown
        ("Cựu Chủ tịch xã huyện Tân Kỳ Lê Văn Cường bị bắt", []),
    ],
)
def test_names_found_in_text(text, expected):
    assert mentions(text) == expected


# -- which mention governs a figure ---------------------------------------------------------

def _place(text: str, number: str) -> str | None:
    start = text.index(number)
    # the sentence: from the previous full stop or line break to the next
    s = max(text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0, text.rfind("\n", 0, start) + 1)
    e = min(x for x in (text.find(". ", start), text.find("\n", start), len(text)) if x >= 0)
    return PlaceIndex(text).place_for(start, s, e)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # the clause, before or after the figure
        ("Bắt 12 vụ tại Hà Nội, 8 vụ tại Hải Phòng.", "8 vụ", "Hải Phòng"),
        ("Bắt 12 vụ tại Hà Nội, 8 vụ tại Hải Phòng.", "12 vụ", "Hà Nội"),
        # the last place named before it in the sentence
        ("Tại Cà Mau, trong tuần bắt 7 vụ.", "7 vụ", "Cà Mau"),
        # a bracketed side remark governs nothing outside its brackets
        ("Công an tỉnh Tây Ninh khám xét 4 điểm (trong đó 3 điểm ở Long An), thu giữ 5 kg ma túy.", "5 kg", "Tây Ninh"),
        ("Công an tỉnh Tây Ninh khám xét 4 điểm (trong đó 3 điểm ở Long An), thu giữ 5 kg ma túy.", "3 điểm", "Long An"),
        # the paragraph, before the sentence
        ("Công an tỉnh Yên Bái tổng kết năm. Trong năm, bắt 30 đối tượng.", "30 đối", "Yên Bái"),
        # the title
        ("Kon Tum tổng kết công tác\n\nTrong năm, lực lượng bắt 30 đối tượng.", "30 đối", "Kon Tum"),
        # a dateline
        ("Hội nghị tổng kết\n\nQUẢNG NGÃI - Năm qua phát hiện 11 vụ.\n\nTrong năm, bắt 30 đối tượng.", "30 đối",
         "Quảng Ngãi"),
        # else the place the report names most
        ("Tổng kết\n\nTrong năm, bắt 30 đối tượng.\n\nNhân dân tỉnh Bến Tre ghi nhận.", "30 đối", "Bến Tre"),
        # nothing named: unknown
        ("Trong năm, bắt 30 đối tượng.", "30 đối", None),
    ],
)
def test_the_place_that_governs_a_figure(text, number, expected):
    assert _place(text, number) == expected


# -- the gazetteer ---------------------------------------------------------------------------

def test_gazetteer_has_the_provinces_before_and_after_the_merger():
    gaz = gazetteer()
    before, after = gaz.canonical_names(after_2025=False), gaz.canonical_names(after_2025=True)
    assert len(before) == 63 and len(set(before)) == 63
    assert len(after) == 34 and len(set(after)) == 34
    for entry in gaz.places:
        if entry.get("before_2025") and not entry.get("after_2025"):
            assert unicodedata.normalize("NFC", entry["became"]) in after, entry["name"]


def test_every_listed_form_is_found_as_written_and_without_diacritics():
    gaz = gazetteer()
    for entry in gaz.places:
        name = unicodedata.normalize("NFC", entry["name"])
        for form in entry.get("forms", []) + entry.get("capital_forms", []):
            for text in (f"Lực lượng của {form} bắt giữ", f"Luc luong cua {undiacritic(form)} bat giu"):
                assert [p for _, p in mentions(text)] == [name], text
        for form in entry.get("prefix_forms", []):
            assert [p for _, p in mentions(f"Công an TP {form} bắt giữ")] == [name]


def test_spelling_key_joins_tone_placements_only():
    assert spelling_key("Hoà Bình") == spelling_key("Hòa  Bình") == spelling_key("HÒA BÌNH")
    assert spelling_key("diễn biến") != spelling_key("Điện Biên")


@pytest.mark.parametrize(
    ("query", "place", "expected"),
    [
        ("tp.hcm", "TP Hồ Chí Minh", True),
        ("Sai Gon", "TP Hồ Chí Minh", True),
        ("thai nguyen", "Thái Nguyên", True),
        ("Tỉnh Thái Nguyên", "Thái Nguyên", True),
        ("Phu Binh", "huyện Phú Bình", True),
        ("ca nuoc", "Việt Nam", True),
        ("Thai Binh", "Thái Nguyên", False),
        ("Binh", "huyện Phú Bình", False),
        ("Ha Noi", None, False),
    ],
)
def test_place_matches_what_a_user_types(query, place, expected):
    assert place_matches(query, place) is expected


def test_resolve_names_only_known_places():
    assert resolve("TP. Ho Chi Minh") == "TP Hồ Chí Minh"
    assert resolve("Atlantis") is None
