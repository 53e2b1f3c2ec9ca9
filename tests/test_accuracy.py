"""Mechanisms that must hold on reports nobody tuned to: open counted nouns, years by role and
scope, concise metrics built from the clause, lists and pairs, text typed without diacritics.

Sentences are invented for these tests; each names the figure by its text and the fields that
matter for the mechanism. ``kw`` are words the metric must contain, ``not_kw`` words it must not
(compared case- and diacritic-insensitively).
"""

from __future__ import annotations

import unicodedata

import pytest

from crimestats import extract
from crimestats.evaluate import fold


def plain(text: str) -> str:
    """The text typed without diacritics."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def figure(sentence: str, text: str, nth: int = 0):
    figures = [f for f in extract(sentence) if f.text.startswith(text)]
    assert len(figures) > nth, f"no figure {text!r} in {sentence!r}: {[f.text for f in extract(sentence)]}"
    return figures[nth]


def check(sentence, text, expected, nth=0):
    f = figure(sentence, text, nth)
    for key, want in expected.items():
        if key == "kw":
            for word in want:
                assert fold(word) in fold(f.metric), f"metric {f.metric!r} lacks {word!r}"
        elif key == "not_kw":
            for word in want:
                assert fold(word) not in fold(f.metric), f"metric {f.metric!r} holds {word!r}"
        else:
            assert getattr(f, key) == want, f"{key}: {getattr(f, key)!r} != {want!r} in {sentence!r}"


CASES = [
    # open counted nouns
    ("Đoàn kiểm tra 14 cửa hàng, tuyên truyền cho 60 tiểu thương.", "14 cửa hàng",
     dict(unit="item", unit_text="cửa hàng", category="count")),
    ("Đoàn kiểm tra 14 cửa hàng, tuyên truyền cho 60 tiểu thương.", "60 tiểu thương",
     dict(unit="person", category="people")),
    ("Tổ công tác thu giữ 4 quả mìn tự chế.", "4 quả mìn", dict(unit="item", category="seizure")),
    ("Ngọn lửa thiêu rụi 7 xe máy.", "7 xe máy", dict(unit="vehicle", category="count")),
    ("Vụ án tham ô 120 tỷ.", "120 tỷ", dict(value=120_000_000_000, unit="vnd", category="money")),
    ("Các đối tượng chiếm đoạt 15 tỷ 33 triệu đồng.", "15 tỷ 33 triệu đồng",
     dict(value=15_033_000_000, unit="vnd")),
    # years by role and scope
    ("Trong tháng 9.2023, Công an huyện khởi tố 12 vụ.", "12 vụ", dict(year=2023)),
    ("Trong năm 2019 và 9 tháng đầu năm 2020, toàn tỉnh xảy ra 37 vụ.", "37 vụ", dict(year=None)),
    ("Công an tỉnh tổ chức hội nghị tổng kết công tác năm 2021 và triển khai nhiệm vụ năm 2022. "
     "Trong năm, bắt giữ 45 đối tượng.", "45 đối tượng", dict(year=2021)),
    ("Từ tháng 11/2021 đến khi bị bắt, nhóm này lừa hơn 9 tỷ đồng.", "9 tỷ đồng",
     dict(year=None, qualifier="more_than")),
    ("Báo cáo tổng kết cho biết, từ ngày 01/10/2024 đến ngày 30/9/2025, ngành đã thụ lý 812 vụ.", "812 vụ",
     dict(year=2025)),
    ("Phát hiện 30 vụ đánh bạc, giảm 4 vụ so với cùng kỳ năm 2018.", "30 vụ", dict(year=2019)),
    ("Trung bình hằng năm có khoảng 300 vụ mua bán người.", "300 vụ", dict(year=None)),
    # concise metrics from the clause
    ("Án đặc biệt nghiêm trọng xảy ra 9 vụ, điều tra làm rõ 8 vụ, trong đó 2 vụ cướp tài sản.", "9 vụ",
     dict(kw=["án đặc biệt nghiêm trọng"], not_kw=["cướp"])),
    ("Án đặc biệt nghiêm trọng xảy ra 9 vụ, điều tra làm rõ 8 vụ, trong đó 2 vụ cướp tài sản.", "8 vụ",
     dict(kw=["điều tra làm rõ"])),
    ("Án đặc biệt nghiêm trọng xảy ra 9 vụ, điều tra làm rõ 8 vụ, trong đó 2 vụ cướp tài sản.", "2 vụ",
     dict(kw=["cướp tài sản"])),
    ("Chỉ tính riêng trong 6 tháng đầu năm 2024, các lực lượng chức năng đã chuyển truy tố 17 vụ.", "17 vụ",
     dict(kw=["truy tố"], not_kw=["lực lượng chức năng", "6 tháng", "tính riêng"])),
    ("Tội phạm về trật tự xã hội giảm 6,5% so với cùng kỳ năm 2023.", "6,5%",
     dict(category="change", direction="down", kw=["trật tự xã hội"], not_kw=["so với"])),
    # lists and pairs
    ("Phát hiện 14 vụ/22 đối tượng về tội đánh bạc; 6 vụ/9 đối tượng về tội trộm cắp tài sản.", "14 vụ",
     dict(kw=["đánh bạc"])),
    ("Phát hiện 14 vụ/22 đối tượng về tội đánh bạc; 6 vụ/9 đối tượng về tội trộm cắp tài sản.", "9 đối tượng",
     dict(kw=["trộm cắp tài sản"], category="arrests")),
    ("So với cùng kỳ, tăng 120 vụ với 260 bị can.", "260 bị can", dict(category="change", direction="up")),
    ("Tỷ lệ tái phạm giảm 3%-5%.", "3%-5%", dict(value=3, value_max=5, category="change", direction="down")),
    # a list of crime types is one phrase of the metric, across its commas
    ("Trên lĩnh vực phòng chống tội phạm về buôn lậu, hàng giả, môi trường phát hiện 48 vụ.", "48 vụ",
     dict(kw=["buôn lậu, hàng giả, môi trường"])),
    ("Lực lượng chức năng bắt 17 đối tượng vi phạm về kinh tế, tham nhũng (tăng 2 vụ).", "17 đối tượng",
     dict(kw=["kinh tế, tham nhũng"])),
    ("Công an huyện bắt 9 đối tượng về hành vi tổ chức đánh bạc và đánh bạc.", "9 đối tượng",
     dict(kw=["tổ chức đánh bạc và đánh bạc"])),
    # an action is whole, and one inside a crime type's name is not the figure's action
    ("Đội cứu nạn đã trực tiếp cứu được 37 người mắc kẹt.", "37 người", dict(kw=["cứu được"])),
    ("Quý III, toàn tỉnh điều tra, xử lý 21 vụ mua bán người/48 đối tượng/60 nạn nhân.", "48 đối tượng",
     dict(kw=["xử lý", "mua bán người"])),
    # a crime type borrowed from the figure's own part of the sentence, with the act naming it
    ("Phát hiện 11 vụ vi phạm về môi trường; 26 vụ/40 đối tượng về hành vi tàng trữ, mua bán trái phép "
     "chất ma túy.", "26 vụ", dict(kw=["ma túy"], not_kw=["môi trường"])),
    ("Công an huyện còn phát hiện, xử lý 13 vụ với 29 đối tượng sử dụng trái phép chất ma túy.", "13 vụ",
     dict(kw=["sử dụng trái phép chất ma túy"])),
    # the class of crime and the court procedure are what a list counts, shared along it
    ("Án rất nghiêm trọng xảy ra 12 vụ, điều tra làm rõ 11 vụ.", "11 vụ", dict(kw=["rất nghiêm trọng", "làm rõ"])),
    ("Tòa án thụ lý theo thủ tục phúc thẩm 120 vụ với 200 bị cáo, đã giải quyết 110 vụ.", "110 vụ",
     dict(kw=["phúc thẩm", "giải quyết"])),
    # … but a crime type followed by a figure of its own is that figure's
    ("Tổ công tác thu giữ 12 kg heroin, ma túy tổng hợp 3 kg.", "12 kg",
     dict(kw=["heroin"], not_kw=["tổng hợp"])),
    ("Tỷ lệ khám phá đạt 86%, cao hơn cùng kỳ 4,5%.", "86%", dict(category="rate")),
    ("Tỷ lệ khám phá đạt 86%, cao hơn cùng kỳ 4,5%.", "4,5%", dict(category="change", direction="up")),
    # how many measures fell is a count, not a change
    ("So với năm trước, tai nạn giao thông trên địa bàn giảm cả 3 tiêu chí.", "3 tiêu chí",
     dict(category="count", direction=None)),
    # who is arrested
    ("Công an bắt quả tang một sòng bạc, đưa 14 người có liên quan về trụ sở.", "14 người",
     dict(category="arrests")),
    ("Đến nay còn 210 đối tượng truy nã đang lẩn trốn.", "210 đối tượng", dict(category="people")),
    ("Công an xã vận động 4 đối tượng truy nã ra đầu thú.", "4 đối tượng", dict(category="arrests")),
    ("Cơ quan chức năng xử lý từ 5 đối tượng trở lên.", "5 đối tượng", dict(qualifier="at_least")),
    # goals
    ("Công an thành phố phấn đấu kéo giảm 30% số đối tượng truy nã.", "30%",
     dict(category="target", direction=None)),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[f"{c[1]}|{c[0][:40]}" for c in CASES])
def test_mechanism(sentence, text, expected):
    check(sentence, text, expected)


# Typed without diacritics, "14 cua hang" may be "14 của hàng …" as well as "14 cửa hàng": a
# word that is mostly a function word is not read as the start of a counted noun.
FOLDED_AMBIGUOUS = {"14 cửa hàng"}


@pytest.mark.parametrize(("sentence", "text", "expected"), [c for c in CASES if c[1] not in FOLDED_AMBIGUOUS],
                         ids=[f"{c[1]}|{c[0][:40]}" for c in CASES if c[1] not in FOLDED_AMBIGUOUS])
def test_mechanism_without_diacritics(sentence, text, expected):
    """Typed without diacritics, the same figure with the same fields (the metric folded)."""
    folded = {k: v for k, v in expected.items() if k not in ("unit_text",)}
    check(plain(sentence), plain(text), folded)


@pytest.mark.parametrize(("sentence", "number"), [
    # folded words with two readings, decided by their neighbours
    ("Luc luong chuc nang nam tinh hinh dia ban, bat giu 5 doi tuong.", "nam tinh"),
    ("Cuc Hai quan phat hien 12 vu buon lau.", "Hai quan"),
    ("Co so kinh doanh tai so 68 Tran Thai Tong bi chay.", "68 Tran"),
    ("Ngay 2/5, luc luong tuan tra phat hien nhieu xe vi pham.", "2/5"),
])
def test_no_figure_from_a_word_with_another_reading(sentence, number):
    figures = extract(sentence)
    pos = sentence.index(number)
    assert not [f for f in figures if f.start <= pos < f.end], [f.text for f in figures]


def test_a_number_before_no_noun_stays_no_figure():
    figures = extract("Đường dây có 24 , khu phố 3 và mã số 17 của hồ sơ.")
    assert figures == []
