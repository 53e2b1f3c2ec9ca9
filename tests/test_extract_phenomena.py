"""What the extractor reads from sentences a report could contain, one table per phenomenon.

Every sentence here is written for this file (SPEC §3–7). A case names the figure by
its ``text`` (found at its first occurrence in the sentence, or at ``at``) and lists only the
fields that matter for the phenomenon; ``kw`` are words the ``metric`` must contain, compared
case- and diacritic-insensitively.
"""

from __future__ import annotations

import unicodedata

import pytest

from crimestats import extract, scan

# ---------------------------------------------------------------------------------------------
# helpers


def fold(text: str) -> str:
    """Lower case, no diacritics: NFD, combining marks dropped, đ -> d."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def case(sentence: str, text: str, *, at: int | None = None, id: str | None = None, **expected):
    return pytest.param(sentence, text, at, expected, id=id or f"{text}|{sentence[:60]}")


def same_text(got: str, want: str) -> bool:
    """``got`` is ``want``, or ``want`` followed by more of the counted noun phrase.

    SPEC §2 calls ``text`` "the number with its multiplier and unit"; the extractor also keeps
    the words that complete the counted noun (``231 vụ phạm pháp``).  The number, multiplier and
    unit must be there in full either way; ``exact_text`` cases below pin the text down.
    """
    return got == want or got.startswith(want + " ") or got.startswith(want + ",")


def figure_at(sentence: str, text: str, at: int | None = None):
    figures = extract(sentence)
    start = sentence.index(text) if at is None else at
    for f in figures:
        if f.start == start and same_text(f.text, text):
            return f
    shown = [(f.text, f.start, f.value, f.unit, f.category) for f in figures]
    pytest.fail(f"no figure {text!r} at {start} in {sentence!r}; figures: {shown}")


def check(sentence: str, text: str, at: int | None, expected: dict) -> None:
    f = figure_at(sentence, text, at)
    assert sentence[f.start:f.end] == f.text
    for key, want in expected.items():
        if key == "exact_text":
            assert f.text == text
        elif key == "kw":
            for word in want:
                assert fold(word) in fold(f.metric), f"metric {f.metric!r} lacks {word!r}"
        elif key in ("value", "value_max") and isinstance(want, float):
            assert getattr(f, key) == pytest.approx(want), key
        else:
            assert getattr(f, key) == want, f"{key}: {getattr(f, key)!r} != {want!r} ({f.metric!r})"


# ---------------------------------------------------------------------------------------------
# categories (SPEC §3)

CATEGORIES = [
    case("Tỷ lệ điều tra, khám phá các vụ án hình sự đạt 87,5 %.", "87,5 %",
         value=87.5, unit="percent", category="rate", direction=None, kw=["khám phá"]),
    case("Số vụ phạm tội về kinh tế chiếm 12,4 % tổng số vụ án được thụ lý.", "12,4 %",
         value=12.4, unit="percent", category="rate", kw=["kinh tế"]),
    case("Tỷ lệ thu hồi tài sản trong các vụ án tham nhũng đạt 41,3 %.", "41,3 %",
         value=41.3, category="rate", kw=["thu hồi"]),
    case("Số vụ tai nạn giao thông giảm 8,3 % so với cùng kỳ.", "8,3 %",
         value=8.3, unit="percent", category="change", direction="down", kw=["tai nạn giao thông"]),
    case("Tội phạm về môi trường tăng 14 vụ so với cùng kỳ.", "14 vụ",
         value=14, unit="case", category="change", direction="up", kw=["môi trường"]),
    case("Số đối tượng nghiện ma túy giảm 37 người so với cùng kỳ.", "37 người",
         value=37, unit="person", category="change", direction="down"),
    case("Công tác vận động quần chúng tố giác tội phạm vượt chỉ tiêu 12,5 %.", "12,5 %",
         value=12.5, unit="percent", category="target", direction="up", kw=["tố giác"]),
    case("Trong năm 2019, toàn tỉnh xảy ra 231 vụ phạm pháp hình sự.", "231 vụ",
         value=231, unit="case", category="cases", year=2019, kw=["phạm pháp hình sự"]),
    case("Trên địa bàn huyện xảy ra 46 vụ tai nạn giao thông.", "46 vụ",
         value=46, unit="case", category="cases", kw=["tai nạn giao thông"]),
    case("Cơ quan Cảnh sát điều tra đã khởi tố 64 bị can về tội đánh bạc.", "64 bị can",
         value=64, unit="person", category="arrests", kw=["khởi tố", "đánh bạc"]),
    case("Tòa án nhân dân tỉnh đã xét xử 112 bị cáo về các tội xâm phạm sở hữu.", "112 bị cáo",
         value=112, unit="person", category="arrests", kw=["xét xử"]),
    case("Công an huyện đã bắt giữ 27 đối tượng trộm cắp tài sản.", "27 đối tượng",
         value=27, unit="person", category="arrests", kw=["bắt giữ", "trộm cắp"]),
    case("Tai nạn giao thông đã làm chết 45 người trên địa bàn tỉnh.", "45 người",
         value=45, unit="person", category="people", kw=["chết"]),
    case("Đã xảy ra 12 vụ tai nạn, làm chết 5 người, bị thương 8 người.", "5 người", value=5,
         category="people", kw=["chết"]),
    case("Đã xảy ra 12 vụ tai nạn, làm chết 5 người, bị thương 8 người.", "8 người", value=8,
         category="people", kw=["bị thương"]),
    case("Trên địa bàn xảy ra 15 vụ TNGT, làm chết 6 người.", "15 vụ", value=15, unit="case",
         category="cases", kw=["TNGT"]),
    case("Các cơ sở cai nghiện đã tiếp nhận 420 người nghiện vào điều trị.", "420 người nghiện",
         value=420, unit="person", category="people", kw=["tiếp nhận"]),
    case("Lực lượng chức năng đã giải cứu 12 nạn nhân bị mua bán sang biên giới.", "12 nạn nhân",
         value=12, unit="person", category="people", kw=["giải cứu"]),
    case("Cơ quan điều tra đã thu hồi số tiền 2,5 tỷ đồng cho Nhà nước.", "2,5 tỷ đồng",
         value=2_500_000_000, unit="vnd", category="money", kw=["thu hồi"]),
    case("Các đối tượng đã chiếm đoạt 870 triệu đồng của người bị hại.", "870 triệu đồng",
         value=870_000_000, unit="vnd", category="money", kw=["chiếm đoạt"]),
    case("Lực lượng chức năng thu giữ 18,6 kg ma túy tổng hợp.", "18,6 kg",
         value=18.6, unit="kg", category="seizure", kw=["thu giữ", "ma túy"]),
    case("Bộ đội Biên phòng đã thu giữ 4.200 viên ma túy tổng hợp.", "4.200 viên",
         value=4200, unit="pill", category="seizure", kw=["thu giữ"]),
    case("Toàn tỉnh có 35 xã, phường đạt tiêu chuẩn an toàn về an ninh trật tự.", "35 xã",
         value=35, unit="admin_unit", category="count"),
    case("Ban chỉ đạo đã khen thưởng 25 tập thể có thành tích xuất sắc.", "25 tập thể",
         value=25, unit="group", category="count", kw=["khen thưởng"]),
    case("Đơn vị đã tổ chức 85 buổi tuyên truyền pháp luật tại các trường học.", "85 buổi",
         value=85, unit="item", unit_text="buổi", category="count", kw=["tuyên truyền"]),
]


# ---------------------------------------------------------------------------------------------
# units (SPEC §4)

UNITS = [
    case("Số vụ cướp giật tài sản giảm 10 phần trăm so với cùng kỳ.", "10 phần trăm",
         value=10, unit="percent", category="change", direction="down"),
    case("Tỷ lệ phục hồi tài sản đạt 76 phần trăm.", "76 phần trăm", value=76, unit="percent", category="rate"),
    case("Công an thành phố đã phát hiện 58 vụ án về tham nhũng.", "58 vụ án",
         value=58, unit="case", category="cases", kw=["tham nhũng"]),
    case("Công an các cấp đã tiếp nhận 96 vụ việc tố giác tội phạm.", "96 vụ việc",
         value=96, unit="case", category="cases", kw=["tố giác"]),
    case("Trên địa bàn tỉnh đã xảy ra 14 vụ cháy nhà dân.", "14 vụ",
         value=14, unit="case", category="cases", kw=["cháy"]),
    case("Lực lượng Cảnh sát giao thông phát hiện 1.245 trường hợp vi phạm nồng độ cồn.",
         "1.245 trường hợp", value=1245, unit="case", kw=["nồng độ cồn"]),
    case("Trung tâm đang quản lý 380 học viên cai nghiện bắt buộc.", "380 học viên",
         value=380, unit="person", category="people"),
    case("Trại giam đã đề nghị giảm án cho 215 phạm nhân.", "215 phạm nhân", value=215, unit="person"),
    case("Ủy ban nhân dân tỉnh đã khen thưởng 45 cá nhân có thành tích xuất sắc.", "45 cá nhân",
         value=45, unit="person", category="people", kw=["khen thưởng"]),
    case("Chương trình đã hỗ trợ 30 trẻ em có hoàn cảnh khó khăn.", "30 trẻ em",
         value=30, unit="person", category="people"),
    case("Các đối tượng đã lừa bán 9 phụ nữ sang nước ngoài.", "9 phụ nữ", value=9, unit="person"),
    case("Công an xã đã tổ chức tuyên truyền cho 5.600 lượt người tham dự.", "5.600 lượt người",
         value=5600, unit="person_time", unit_text="lượt người", category="people"),
    case("Đã tổ chức 48 đội tuần tra vũ trang vào ban đêm.", "48 đội", value=48, unit="group"),
    case("Lực lượng chức năng đã kiểm tra 148 cơ sở kinh doanh karaoke.", "148 cơ sở",
         value=148, unit="group", category="count", kw=["kiểm tra"]),
    case("Toàn huyện đã thành lập 120 tổ tự quản về an ninh trật tự.", "120 tổ",
         value=120, unit="group", category="count"),
    case("Kiểm tra 14 đơn vị kinh doanh dịch vụ cầm đồ.", "14 đơn vị", value=14, unit="group"),
    case("Xử phạt vi phạm hành chính 850 triệu đồng.", "850 triệu đồng",
         value=850_000_000, unit="vnd", category="money"),
    case("Mỗi đối tượng bị xử phạt 12.500.000 đồng.", "12.500.000 đồng",
         value=12_500_000, unit="vnd", category="money"),
    case("Nộp vào ngân sách nhà nước 3,2 tỷ VNĐ tiền xử phạt.", "3,2 tỷ VNĐ",
         value=3_200_000_000, unit="vnd", category="money"),
    case("Trong quá trình khám xét, thu giữ 15.000 USD tiền mặt.", "15.000 USD",
         value=15000, unit="usd", category="money"),
    case("Thu giữ 3,5 kg heroin cùng nhiều tang vật liên quan.", "3,5 kg",
         value=3.5, unit="kg", category="seizure", kw=["heroin"]),
    case("Thu giữ 2.000 đô la Mỹ tiền mặt.", "2.000 đô la", value=2000, unit="usd", category="money"),
    case("Trong ví của đối tượng có 500 $ tiền mặt.", "500 $", value=500, unit="usd", category="money"),
    case("Mỗi đối tượng bị phạt 20 triệu đ.", "20 triệu đ", value=20_000_000, unit="vnd", category="money",
         exact_text=True),
    case("Thu giữ 5 ký pháo nổ tự chế.", "5 ký", value=5, unit="kg", category="seizure"),
    case("Thu giữ 12 l rượu không rõ nguồn gốc.", "12 l", value=12, unit="litre", category="seizure"),
    case("Thu giữ 120 gram ma túy đá.", "120 gram", value=120, unit="g", category="seizure"),
    case("Toàn tỉnh có 14 thị trấn đạt chuẩn an toàn.", "14 thị trấn", value=14, unit="admin_unit",
         unit_text="thị trấn", category="count"),
    case("Mô hình đã được nhân rộng ra 120 xóm.", "120 xóm", value=120, unit="admin_unit", category="count"),
    case("Mô hình đã được nhân rộng ra 45 tổ dân phố.", "45 tổ dân phố", value=45, unit="admin_unit",
         unit_text="tổ dân phố", category="count"),
    case("Thu giữ 2 kilôgam cần sa khô.", "2 kilôgam", value=2, unit="kg", category="seizure"),
    case("Thu giữ 45,8 gam ma túy đá.", "45,8 gam", value=45.8, unit="g", category="seizure"),
    case("Thu giữ 12 g heroin giấu trong bao thuốc lá.", "12 g", value=12, unit="g", category="seizure"),
    case("Thu giữ 1,2 tấn pháo nổ các loại.", "1,2 tấn", value=1.2, unit="tonne", category="seizure",
         kw=["pháo"]),
    case("Thu giữ 6.000 viên ma túy tổng hợp.", "6.000 viên", value=6000, unit="pill", category="seizure"),
    case("Thu giữ 24 bánh heroin vận chuyển qua biên giới.", "24 bánh", value=24, unit="brick",
         category="seizure", kw=["heroin"]),
    case("Thu giữ 3.000 lít xăng không rõ nguồn gốc.", "3.000 lít", value=3000, unit="litre",
         category="seizure"),
    case("Tạm giữ 68 xe mô tô vi phạm trật tự an toàn giao thông.", "68 xe mô tô", value=68,
         unit="vehicle", category="seizure"),
    case("Tạm giữ 1.540 phương tiện vi phạm.", "1.540 phương tiện", value=1540, unit="vehicle"),
    case("Thu giữ 3 ô tô dùng để vận chuyển hàng lậu.", "3 ô tô", value=3, unit="vehicle", category="seizure"),
    case("Mô hình được triển khai tại 140 thôn trên địa bàn tỉnh.", "140 thôn", value=140,
         unit="admin_unit", category="count"),
    case("Tội phạm ma túy xuất hiện tại 7 huyện vùng cao.", "7 huyện", value=7, unit="admin_unit"),
    case("Năm 2024, Ban chỉ đạo xác định 6 nhiệm vụ trọng tâm.", "6 nhiệm vụ", value=6, unit="item",
         unit_text="nhiệm vụ", category="count"),
    case("Thu giữ 4 khẩu súng tự chế và 20 viên đạn.", "4 khẩu súng", value=4, unit="item",
         category="seizure"),
    case("Xã đã hoàn thành 03 tiêu chí về an ninh trật tự.", "03 tiêu chí", value=3, unit="item",
         unit_text="tiêu chí", category="count"),
]


# ---------------------------------------------------------------------------------------------
# qualifiers (SPEC §2)

QUALIFIERS = [
    case("Năm 2022, toàn tỉnh xảy ra trên 300 vụ trộm cắp tài sản.", "300 vụ",
         value=300, qualifier="more_than", category="cases"),
    case("Lực lượng chức năng đã bắt giữ hơn 2.000 đối tượng.", "2.000 đối tượng",
         value=2000, qualifier="more_than", category="arrests"),
    case("Đã có khoảng 500 người tham gia lễ ra quân.", "500 người", value=500, qualifier="about"),
    case("Thiệt hại ước tính khoảng 4 tỷ đồng.", "4 tỷ đồng", value=4_000_000_000, qualifier="about",
         category="money"),
    case("Các đối tượng chiếm đoạt xấp xỉ 700 triệu đồng.", "700 triệu đồng", value=700_000_000,
         qualifier="about"),
    case("Có gần 40 người bị thương trong các vụ tai nạn.", "40 người", value=40, qualifier="nearly"),
    case("Đã thu giữ gần 3 tấn pháo nổ.", "3 tấn", value=3, qualifier="nearly", category="seizure"),
    case("Số vụ án kinh tế chỉ còn dưới 10 vụ.", "10 vụ", value=10, qualifier="less_than"),
    case("Mỗi vụ có ít nhất 3 đối tượng tham gia.", "3 đối tượng", value=3, qualifier="at_least"),
    case("Mỗi chốt có tối thiểu 4 cán bộ.", "4 cán bộ", value=4, qualifier="at_least"),
    case("Mỗi tổ tuần tra có tối đa 6 người.", "6 người", value=6, qualifier="at_most"),
    case("Mỗi đợt tập huấn không quá 50 học viên.", "50 học viên", value=50, qualifier="at_most"),
    case("Các đường dây đã tổ chức đánh bạc với số tiền khoảng trên 1,5 tỷ đồng.", "1,5 tỷ đồng",
         value=1_500_000_000, qualifier="more_than", category="money"),
    case("Công an tỉnh bắt giữ 17 đối tượng.", "17 đối tượng", value=17, qualifier="exact"),
    case("Số người tham gia vượt quá 100 người.", "100 người", value=100, qualifier="more_than"),
    case("Có chừng 30 người tụ tập gây rối.", "30 người", value=30, qualifier="about"),
    case("Số tiền thiệt hại ước 2 tỷ đồng.", "2 tỷ đồng", value=2_000_000_000, qualifier="about",
         category="money", exact_text=True),
    case("Thu giữ số tiền chưa đến 5 triệu đồng.", "5 triệu đồng", value=5_000_000, qualifier="less_than"),
    case("Gần như 100 % số xã đã có mô hình tự quản.", "100 %", value=100, qualifier="nearly", category="rate"),
    case("Trên 90 % số vụ án được điều tra làm rõ.", "90 %", value=90, qualifier="more_than", category="rate"),
    case("Xảy ra 3 vụ cháy, thiệt hại khoảng 800 triệu đồng.", "800 triệu đồng", value=800_000_000,
         qualifier="about", category="money", exact_text=True),
    case("Thu giữ hơn hai tấn pháo nổ.", "hai tấn", value=2, qualifier="more_than", unit="tonne",
         category="seizure", exact_text=True),
]


# ---------------------------------------------------------------------------------------------
# how numbers are written (SPEC §6)

NUMBERS = [
    case("Tỷ lệ giải quyết tin báo đạt 90,9 %.", "90,9 %", value=90.9),
    case("Toàn quốc đã xảy ra 23.328 vụ tai nạn giao thông.", "23.328 vụ", value=23328),
    case("Thu giữ 1.234,5 kg pháo nổ.", "1.234,5 kg", value=1234.5, unit="kg"),
    case("Thu giữ 1.053.099 viên ma túy tổng hợp.", "1.053.099 viên", value=1053099, unit="pill"),
    case("Phát hiện 03 vụ vận chuyển pháo nổ.", "03 vụ", value=3, unit="case"),
    case("Đã kiểm tra 07 cơ sở kinh doanh có điều kiện.", "07 cơ sở", value=7, unit="group"),
    case("The ceremony in Hanoi was attended by 1,500 người dân.", "1,500 người", value=1500, unit="person"),
    case("Các đối tượng đã tiêu thụ 20 nghìn lít xăng giả.", "20 nghìn lít", value=20000, unit="litre"),
    case("Thu giữ 15 ngàn bao thuốc lá lậu.", "15 ngàn bao", value=15000),
    case("Thiệt hại về tài sản ước 1,5 tỷ đồng.", "1,5 tỷ đồng", value=1_500_000_000, unit="vnd"),
    case("Thu lợi bất chính 2 tỉ đồng.", "2 tỉ đồng", value=2_000_000_000, unit="vnd"),
    case("Các đối tượng đã vay 2,75 triệu đồng.", "2,75 triệu đồng", value=2_750_000, unit="vnd"),
    case("Số tiền đã thu hồi là 12,5 nghìn USD.", "12,5 nghìn USD", value=12500, unit="usd"),
    case("Thu giữ 1.500 bao thuốc lá điếu nhập lậu.", "1.500 bao", value=1500),
    case("Thu giữ 5 vạn viên ma túy.", "5 vạn viên", value=50000, unit="pill"),
    case("Thu giữ 2,5 vạn viên ma túy.", "2,5 vạn viên", value=25000, unit="pill"),
    case("Thu giữ 1,5 kg heroin.", "1,5 kg", value=1.5, unit="kg", exact_text=True),
    case("Tỷ lệ giải quyết tin báo đạt 98,25 %.", "98,25 %", value=98.25, exact_text=True),
    case("Lực lượng chức năng thu giữ 1.234,5 kg.", "1.234,5 kg", value=1234.5, exact_text=True),
    case("Công an xã đã phát hiện 03 vụ.", "03 vụ", value=3, exact_text=True),
    case("Năm 2021, đã có 1,5 tỷ đồng.", "1,5 tỷ đồng", value=1_500_000_000, unit="vnd", exact_text=True),
    case("Đã thu hồi 20 nghìn USD.", "20 nghìn USD", value=20000, unit="usd", exact_text=True),
]


# ---------------------------------------------------------------------------------------------
# written numbers (SPEC §6)

WRITTEN = [
    case("Lực lượng chức năng thu giữ hai tấn pháo nổ.", "hai tấn", value=2, unit="tonne",
         category="seizure"),
    case("Trong tháng, toàn huyện xảy ra mười lăm vụ trộm cắp.", "mười lăm vụ", value=15, unit="case"),
    case("Các đối tượng đã chiếm đoạt ba trăm triệu đồng.", "ba trăm triệu đồng", value=300_000_000,
         unit="vnd", category="money"),
    case("Lễ ra quân có một trăm hai mươi người tham dự.", "một trăm hai mươi người", value=120,
         unit="person"),
    case("Công an xã đã bắt giữ năm đối tượng đánh bạc.", "năm đối tượng", value=5, unit="person",
         category="arrests"),
    case("Lực lượng chức năng đã bắt giữ bốn mươi mốt đối tượng.", "bốn mươi mốt đối tượng", value=41,
         category="arrests"),
    case("Đã có hai mươi lăm người bị thương.", "hai mươi lăm người", value=25),
    case("Thu giữ nửa tấn pháo nổ.", "nửa tấn", value=0.5, unit="tonne"),
    case("Đường dây này đã lôi kéo hàng trăm đối tượng tham gia.", "hàng trăm đối tượng", value=100,
         qualifier="at_least", unit="person"),
    case("Chương trình đã thu hút hàng nghìn lượt người tham gia.", "hàng nghìn lượt người", value=1000,
         qualifier="at_least", unit="person_time"),
    case("Năm 2021, địa bàn này đã xảy ra hàng chục vụ cướp giật.", "hàng chục vụ", value=10,
         qualifier="at_least", unit="case"),
    case("Đã tạm giữ ba xe ô tô chở hàng lậu.", "ba xe", value=3, unit="vehicle"),
    case("Xảy ra hai mươi tư vụ và ba mươi nhăm người bị thương.", "hai mươi tư vụ", value=24, unit="case"),
    case("Xảy ra hai mươi tư vụ và ba mươi nhăm người bị thương.", "ba mươi nhăm người", value=35,
         unit="person", category="people"),
    case("Trên địa bàn xảy ra mười vụ cháy.", "mười vụ", value=10, unit="case", category="cases"),
    case("Trong năm, toàn huyện xảy ra một trăm linh năm vụ.", "một trăm linh năm vụ", value=105,
         unit="case", exact_text=True),
]


# ---------------------------------------------------------------------------------------------
# ranges (SPEC §6)

RANGES = [
    case("Mỗi đường dây có từ 20 đến 60 người tham gia.", "20 đến 60 người", value=20, value_max=60,
         unit="person"),
    case("Mỗi đường dây có 20 – 60 người tham gia.", "20 – 60 người", value=20, value_max=60, unit="person"),
    case("Mỗi tổ có 10-15 người.", "10-15 người", value=10, value_max=15, unit="person"),
    case("Mỗi người phải trả từ 25 đến 35 triệu đồng.", "25 đến 35 triệu đồng", value=25_000_000,
         value_max=35_000_000, unit="vnd", category="money"),
    case("Mỗi năm xảy ra từ 10 đến 15 vụ cháy rừng.", "10 đến 15 vụ", value=10, value_max=15, unit="case"),
    case("Mỗi đối tượng được trả 3 – 5 triệu đồng mỗi chuyến.", "3 – 5 triệu đồng", value=3_000_000,
         value_max=5_000_000, unit="vnd"),
    case("Công an xã bắt giữ 17 đối tượng.", "17 đối tượng", value=17, value_max=None),
    case("Mỗi người phải nộp từ 1,2 đến 1,5 tỷ đồng.", "1,2 đến 1,5 tỷ đồng", value=1_200_000_000,
         value_max=1_500_000_000, unit="vnd", category="money", exact_text=True),
    case("Mỗi đường dây có 20-60 người.", "20-60 người", value=20, value_max=60, exact_text=True),
]


# ---------------------------------------------------------------------------------------------
# comparisons (SPEC §3 change)

COMPARISONS = [
    case("Số vụ trộm cắp tài sản tăng 12 vụ so với cùng kỳ.", "12 vụ", value=12, category="change",
         direction="up", unit="case"),
    case("Tội phạm về trật tự xã hội giảm 9 vụ so với cùng kỳ.", "9 vụ", value=9, category="change",
         direction="down"),
    case("Số vụ phạm tội về ma túy tăng 12,85% so với cùng kỳ.", "12,85%", value=12.85,
         category="change", direction="up", unit="percent"),
    case("So với cùng kỳ, số vụ tai nạn giao thông nhiều hơn 15 vụ.", "15 vụ", value=15,
         category="change", direction="up"),
    case("Số vụ cháy ít hơn 03 vụ so với cùng kỳ.", "03 vụ", value=3, category="change",
         direction="down"),
    case("Phạm pháp hình sự xảy ra 288 vụ, giảm 15 vụ (4,95%) so với cùng kỳ.", "15 vụ", value=15,
         category="change", direction="down"),
    case("Phạm pháp hình sự xảy ra 288 vụ, giảm 15 vụ (4,95%) so với cùng kỳ.", "4,95%", value=4.95,
         category="change", direction="down", unit="percent"),
    case("Phạm pháp hình sự xảy ra 288 vụ, giảm 15 vụ (4,95%) so với cùng kỳ.", "288 vụ", value=288,
         category="cases", direction=None),
    case("Trong đó, tội phạm trộm cắp 53 vụ (29,44%).", "53 vụ", value=53, category="cases"),
    case("Trong đó, tội phạm trộm cắp 53 vụ (29,44%).", "29,44%", value=29.44, category="rate",
         direction=None),
    case("Tai nạn giao thông xảy ra 87 vụ (-6,2%).", "6,2%", value=6.2, category="change",
         direction="down"),
    case("Số người chết vì tai nạn giao thông giảm 11 người so với cùng kỳ.", "11 người", value=11,
         category="change", direction="down", unit="person"),
    case("Tỷ lệ án đạt 90 %, tăng 2,5 % so với cùng kỳ.", "90 %", value=90, category="rate", direction=None),
    case("Tỷ lệ án đạt 90 %, tăng 2,5 % so với cùng kỳ.", "2,5 %", value=2.5, category="change",
         direction="up", baseline="so với cùng kỳ"),
    case("Số vụ phạm tội về ma túy tăng 12,85% số vụ so với cùng kỳ.", "12,85%", value=12.85,
         category="change", direction="up", exact_text=True),
    case("Số vụ tai nạn giao thông giảm 4,1 % so với cùng kỳ.", "4,1 %", category="change",
         direction="down", baseline="so với cùng kỳ"),
]


# ---------------------------------------------------------------------------------------------
# targets (SPEC §3 target)

TARGETS = [
    case("Tỷ lệ khám phá án rất nghiêm trọng vượt chỉ tiêu 17,8 %.", "17,8 %", value=17.8,
         category="target", direction="up", qualifier="exact", baseline="chỉ tiêu", exact_text=True),
    case("Năm 2021, tỷ lệ án đạt 95 % kế hoạch.", "95 %", value=95, category="target", direction=None,
         baseline="kế hoạch", year=2021),
    case("Số đối tượng truy nã bị bắt giữ bằng 131% kế hoạch.", "131%", value=131, category="target",
         direction=None),
    case("Công tác tuần tra kiểm soát đạt 112 % kế hoạch năm.", "112 %", value=112, category="target",
         direction=None),
]


# ---------------------------------------------------------------------------------------------
# lists that share action and crime type

LISTS_SENTENCE_1 = "Năm 2023, lực lượng Công an đã bắt giữ 214 vụ, 286 đối tượng phạm tội về ma túy."
LISTS_SENTENCE_2 = "Cơ quan Cảnh sát điều tra đã khởi tố 45 vụ, 78 bị can về tội trộm cắp tài sản."
LISTS_SENTENCE_3 = "Đã phát hiện, bắt giữ 36 vụ, 52 đối tượng buôn lậu qua biên giới."

LISTS = [
    case(LISTS_SENTENCE_1, "214 vụ", value=214, category="cases", kw=["bắt giữ", "ma túy"], year=2023),
    case(LISTS_SENTENCE_1, "286 đối tượng", value=286, category="arrests", kw=["bắt giữ", "ma túy"],
         year=2023),
    case(LISTS_SENTENCE_2, "45 vụ", value=45, category="cases", kw=["khởi tố", "trộm cắp"]),
    case(LISTS_SENTENCE_2, "78 bị can", value=78, category="arrests", kw=["khởi tố", "trộm cắp"]),
    case(LISTS_SENTENCE_3, "36 vụ", value=36, category="cases", kw=["bắt giữ", "buôn lậu"]),
    case(LISTS_SENTENCE_3, "52 đối tượng", value=52, category="arrests", kw=["bắt giữ", "buôn lậu"]),
]


# ---------------------------------------------------------------------------------------------
# years (SPEC §5)

Y1 = "Năm 2021, Công an huyện bắt giữ 40 đối tượng. Lực lượng chức năng thu giữ 2 kg ma túy."
Y2 = "Năm 2022, toàn tỉnh xảy ra 120 vụ phạm pháp hình sự, giảm 10 vụ so với cùng kỳ năm 2021."
Y3 = "Về nhiệm vụ công tác năm 2024, Ban chỉ đạo xác định 4 nhiệm vụ trọng tâm."
Y4 = "So với cùng kỳ năm 2018, số vụ phạm pháp hình sự giảm 23 vụ."
Y5 = "Năm 2019, toàn tỉnh xảy ra 30 vụ cháy. Năm 2020, toàn tỉnh xảy ra 25 vụ cháy."
Y6 = "Trong năm 2016, Công an thành phố đã khởi tố 88 bị can."
Y7 = "6 tháng đầu năm 2021, toàn tỉnh xảy ra 45 vụ tai nạn giao thông."
Y8 = "Ngày 23/12/2025, Công an xã đã bắt giữ 3 đối tượng đánh bạc."
Y9 = "Trong 6 tháng đầu năm 2022, xảy ra 20 vụ cướp giật. So với cùng kỳ, giảm 4 vụ."
Y10 = "Năm 2020 xảy ra 40 vụ cháy.\n\nNăm 2021, xảy ra 35 vụ cháy."

YEARS = [
    case(Y1, "40 đối tượng", year=2021),
    case(Y1, "2 kg", year=2021),
    case(Y2, "120 vụ", year=2022, category="cases"),
    case(Y2, "10 vụ", year=2022, category="change", direction="down", baseline="so với cùng kỳ năm 2021"),
    case(Y3, "4 nhiệm vụ", year=2024, category="count"),
    case(Y4, "23 vụ", year=2019, category="change", direction="down"),
    case(Y5, "30 vụ", year=2019),
    case(Y5, "25 vụ", year=2020),
    case(Y6, "88 bị can", year=2016),
    case(Y7, "45 vụ", year=2021, period="6 tháng đầu năm 2021"),
    case(Y8, "3 đối tượng", year=2025),
    case("Lực lượng công an đã bắt giữ 12 đối tượng cướp giật.", "12 đối tượng", year=None),
    case("Quý I/2022, toàn tỉnh xảy ra 12 vụ cháy.", "12 vụ", year=2022),
    case("Trong tháng 5/2021, xảy ra 3 vụ cướp tài sản.", "3 vụ", year=2021, period="tháng 5/2021"),
    case(Y9, "20 vụ", year=2022, category="cases"),
    case(Y9, "4 vụ", year=2022, category="change", direction="down"),
    case(Y10, "40 vụ", year=2020),
    case(Y10, "35 vụ", year=2021),
    case("Năm 2021, số vụ phạm pháp hình sự chiếm 64,2 % tổng số vụ.", "64,2 %", year=2021, category="rate"),
    case("Số vụ trộm cắp giảm 5 vụ so với cùng kỳ.", "5 vụ", year=None, category="change"),
]


TABLE = CATEGORIES + UNITS + QUALIFIERS + NUMBERS + WRITTEN + RANGES + COMPARISONS + TARGETS + LISTS + YEARS


@pytest.mark.parametrize(("sentence", "text", "at", "expected"), TABLE)
def test_figure(sentence, text, at, expected):
    check(sentence, text, at, expected)


# ---------------------------------------------------------------------------------------------
# not figures (SPEC §7): skipped with a reason, and no figure overlaps them


def nf(sentence: str, number: str, *figures: str):
    return pytest.param(sentence, number, figures, id=f"{number}|{sentence[:50]}")


NOT_FIGURES = [
    nf("Ngày 22/10/2010, Công an huyện bắt giữ 2 đối tượng.", "22/10/2010", "2 đối tượng"),
    nf("Vào ngày 15-11-2019, lực lượng chức năng phát hiện 3 vụ vi phạm.", "15-11-2019", "3 vụ"),
    nf("Từ tháng 5/2021, toàn tỉnh đã thu giữ 6 kg ma túy.", "5/2021", "6 kg"),
    nf("Thứ hai, 04/03/2024 08:15, Công an phường bắt giữ 4 đối tượng.", "08:15", "4 đối tượng"),
    nf("Thứ hai, 04/03/2024 08:15, Công an phường bắt giữ 4 đối tượng.", "04/03/2024", "4 đối tượng"),
    nf("Theo Báo cáo số 243/BC-BCA, toàn quốc xảy ra 9 vụ.", "243/BC-BCA", "9 vụ"),
    nf("Thực hiện Chỉ thị số 48-CT/TW, tỉnh đã ban hành 12 kế hoạch.", "48-CT/TW", "12 kế hoạch"),
    nf("Các đối tượng bị khởi tố theo Điều 249 Bộ luật Hình sự.", "249"),
    nf("Xử phạt theo Nghị định 100/2019/NĐ-CP với 320 trường hợp vi phạm.", "100/2019/NĐ-CP",
       "320 trường hợp"),
    nf("Vụ án được khởi tố theo khoản 2 Điều 173 Bộ luật Hình sự.", "173"),
    nf("Phòng C04 đã phối hợp triệt phá đường dây ma túy.", "C04"),
    nf("Do ảnh hưởng của dịch Covid-19, số vụ giảm 8 vụ so với cùng kỳ.", "Covid-19", "8 vụ"),
    nf("Tai nạn xảy ra trên Quốc lộ 3 làm chết 2 người.", "3", "2 người"),
    nf("Ban Chỉ đạo 138 tỉnh đã kiểm tra 14 đơn vị.", "138", "14 đơn vị"),
    nf("Đối tượng Nguyễn Văn A (SN 1997) bị bắt giữ.", "1997"),
    nf("Người dân có thể báo tin qua số điện thoại 0912.345.678 của Công an xã.", "0912.345.678"),
    nf("Đây là lần thứ 4 đối tượng bị xử lý.", "4"),
    nf("Trong 6 tháng đầu năm, xảy ra 74 vụ trộm cắp.", "6", "74 vụ"),
    nf("Trong 9 tháng, lực lượng chức năng bắt giữ 31 đối tượng.", "9", "31 đối tượng"),
    nf("Trong đợt 2, lực lượng chức năng bắt giữ 16 đối tượng.", "2", "16 đối tượng"),
    nf("Trong năm 2021, toàn tỉnh xảy ra 12 vụ cháy.", "2021", "12 vụ"),
    nf("Theo Quyết định số 1234/QĐ-UBND, tỉnh khen thưởng 8 tập thể.", "1234/QĐ-UBND", "8 tập thể"),
    nf("Chuyên án 218LP đã triệt phá đường dây với 11 đối tượng.", "218LP", "11 đối tượng"),
    nf("Đồn Biên phòng K02 bắt giữ 2 đối tượng.", "K02", "2 đối tượng"),
    nf("Thực hiện Kế hoạch số 15/KH-CAT, lực lượng chức năng kiểm tra 30 cơ sở.", "15/KH-CAT", "30 cơ sở"),
    nf("Gọi đường dây nóng 0987 654 321 để tố giác tội phạm.", "0987 654 321"),
    nf("Ngày 5/3, Công an huyện bắt giữ 2 đối tượng.", "5/3", "2 đối tượng"),
    nf("Lúc 14h30, Công an huyện bắt giữ 2 đối tượng.", "14h30", "2 đối tượng"),
    nf("1. Tình hình tội phạm\nNăm 2020, xảy ra 40 vụ.", "1", "40 vụ"),
]


@pytest.mark.parametrize(("sentence", "number", "figures"), NOT_FIGURES)
def test_not_a_figure(sentence, number, figures):
    found, skipped = scan(sentence)
    start = sentence.index(number)
    end = start + len(number)
    for f in found:
        assert f.end <= start or f.start >= end, f"{f.text!r} taken as a figure"
    assert any(s.start < end and start < s.end for s in skipped), [(s.text, s.reason) for s in skipped]
    for s in skipped:
        assert sentence[s.start:s.end] == s.text and s.reason
    assert len(found) == len(figures)
    for f, want in zip(found, figures):
        assert same_text(f.text, want)


# ---------------------------------------------------------------------------------------------
# text without diacritics gives the same figures (SPEC §6)

PLAIN = [
    "Năm 2022, lực lượng Công an đã bắt giữ 159 vụ, 211 đối tượng phạm tội về ma túy.",
    "Tỷ lệ điều tra, khám phá các vụ án hình sự đạt 87,5 %.",
    "Số vụ tai nạn giao thông giảm 8,3 % so với cùng kỳ năm 2020.",
    "Tội phạm về môi trường tăng 14 vụ so với cùng kỳ.",
    "Công tác vận động quần chúng tố giác tội phạm vượt chỉ tiêu 12,5 %.",
    "Cơ quan Cảnh sát điều tra đã khởi tố 64 bị can về tội đánh bạc.",
    "Tai nạn giao thông đã làm chết 45 người, bị thương 73 người.",
    "Cơ quan điều tra đã thu hồi số tiền 2,5 tỷ đồng cho Nhà nước.",
    "Lực lượng chức năng thu giữ 18,6 kg ma túy tổng hợp và 4.200 viên hồng phiến.",
    "Thu giữ 24 bánh heroin và 3.000 lít xăng.",
    "Đã có khoảng 500 người tham gia lễ ra quân.",
    "Có gần 40 người bị thương trong các vụ tai nạn.",
    "Năm 2019, toàn tỉnh xảy ra trên 300 vụ trộm cắp tài sản.",
    "Các đường dây đã tổ chức đánh bạc với số tiền khoảng trên 1,5 tỷ đồng.",
    "Mỗi đường dây có từ 20 đến 60 người tham gia.",
    "Phạm pháp hình sự xảy ra 288 vụ, giảm 15 vụ (4,95%) so với cùng kỳ.",
    "Trong đó, tội phạm trộm cắp 53 vụ (29,44%).",
    "Số đối tượng truy nã bị bắt giữ bằng 131% kế hoạch.",
    "Toàn tỉnh có 35 xã, phường đạt tiêu chuẩn an toàn về an ninh trật tự.",
    "Ban chỉ đạo đã khen thưởng 25 tập thể và 45 cá nhân.",
    "Tạm giữ 68 xe mô tô vi phạm trật tự an toàn giao thông.",
    "Về nhiệm vụ công tác năm 2024, Ban chỉ đạo xác định 4 nhiệm vụ trọng tâm.",
    "So với cùng kỳ năm 2018, số vụ phạm pháp hình sự giảm 23 vụ.",
    "Ngày 22/10/2010, Công an huyện bắt giữ 2 đối tượng theo Điều 249 Bộ luật Hình sự.",
    "Trong 6 tháng đầu năm 2021, Công an tỉnh xử phạt 850 triệu đồng.",
    "Xử phạt theo Nghị định 100/2019/NĐ-CP với 320 trường hợp vi phạm nồng độ cồn.",
    "Xảy ra hai mươi tư vụ và ba mươi nhăm người bị thương.",
    "Đường dây này đã lôi kéo hàng trăm đối tượng tham gia.",
    "Công an xã đã bắt giữ năm đối tượng đánh bạc.",
    "Các đối tượng đã chiếm đoạt ba trăm triệu đồng.",
    "Lễ ra quân có một trăm hai mươi người tham dự.",
    "Trong tháng, toàn huyện xảy ra mười lăm vụ trộm cắp.",
    "Mỗi tổ tuần tra có tối đa 6 người, ít nhất 3 người.",
    "Số vụ án kinh tế chỉ còn dưới 10 vụ.",
    "Thu giữ số tiền chưa đến 5 triệu đồng.",
    "Mỗi đường dây có 20 – 60 người, mỗi người trả từ 25 đến 35 triệu đồng.",
    "Tai nạn giao thông xảy ra 87 vụ (-6,2%).",
    "So với cùng kỳ, số vụ tai nạn giao thông nhiều hơn 15 vụ.",
    "Số vụ cháy ít hơn 03 vụ so với cùng kỳ.",
    "Tỷ lệ khám phá án rất nghiêm trọng vượt chỉ tiêu 17,8 %.",
    "Thu giữ 45,8 gam ma túy đá và 3 ô tô.",
    "Công an xã đã tổ chức tuyên truyền cho 5.600 lượt người tham dự.",
    "Thứ hai, 04/03/2024 08:15, Công an phường bắt giữ 4 đối tượng.",
    "Do ảnh hưởng của dịch Covid-19, số vụ giảm 8 vụ so với cùng kỳ.",
    "Ban Chỉ đạo 138 tỉnh đã kiểm tra 14 đơn vị.",
    "Trong 6 tháng đầu năm, xảy ra 74 vụ trộm cắp.",
    "Năm 2021, tỷ lệ án đạt 95 % kế hoạch.",
    "Trên 90 % số vụ án được điều tra làm rõ.",
    "Thu giữ 3.000 lít xăng và 2 kilôgam cần sa.",
    "Xử phạt vi phạm hành chính 850 triệu đồng, thu giữ 15.000 USD.",
    "Trong năm 2016, Công an thành phố đã khởi tố 88 bị can.",
    "Ngày 23/12/2025, Công an xã đã bắt giữ 3 đối tượng đánh bạc.",
    "Chương trình đã thu hút hàng nghìn lượt người tham gia.",
    "Năm 2021, địa bàn này đã xảy ra hàng chục vụ cướp giật.",
]

COMPARED = ("value", "value_max", "unit", "category", "qualifier", "direction", "year")


def record(f) -> tuple:
    return tuple(getattr(f, k) for k in COMPARED)


@pytest.mark.parametrize("sentence", PLAIN, ids=[s[:50] for s in PLAIN])
def test_without_diacritics(sentence):
    plain = _strip(sentence)
    assert plain != sentence
    with_marks = extract(sentence)
    without = extract(plain)
    assert with_marks, "no figure at all"
    assert [record(f) for f in without] == [record(f) for f in with_marks]
    assert [(f.start, f.end) for f in without] == [(f.start, f.end) for f in with_marks]
    for f in without:
        assert plain[f.start:f.end] == f.text


def test_without_diacritics_metric_in_own_spelling():
    plain = _strip(LISTS_SENTENCE_1)
    figures = extract(plain)
    assert [f.value for f in figures] == [214, 286]
    for f in figures:
        assert "bat giu" in f.metric.lower() and "ma tuy" in f.metric.lower()
        assert f.year == 2023


def _strip(text: str) -> str:
    """The text as typed without diacritics: same length, same case."""
    out = []
    for c in text:
        if c in "đĐ":
            out.append("d" if c == "đ" else "D")
        else:
            out.append(unicodedata.normalize("NFD", c)[0])
    return "".join(out)


def test_fold_helper():
    assert _strip("Đã bắt giữ 159 vụ") == "Da bat giu 159 vu"
    assert fold("Tố Giác") == "to giac"


# ---------------------------------------------------------------------------------------------
# offsets and lines

MULTILINE = (
    "BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2021\n"
    "\n"
    "1. Tình hình tội phạm\n"
    "Năm 2021, toàn tỉnh xảy ra 245 vụ phạm pháp hình sự, giảm 6,7 % so với cùng kỳ.\n"
    "Lực lượng chức năng đã bắt giữ 159 vụ, 177 đối tượng phạm tội về ma túy;\n"
    "thu giữ 3,5 kg heroin và 1.200 viên ma túy tổng hợp.\n"
    "\n"
    "2. Công tác phòng ngừa\n"
    "Tổ chức 85 buổi tuyên truyền cho 5.600 lượt người.\n"
)

MULTILINE_EXPECTED = [
    ("245 vụ", 4), ("6,7 %", 4), ("159 vụ", 5), ("177 đối tượng", 5), ("3,5 kg", 6),
    ("1.200 viên", 6), ("85 buổi", 9), ("5.600 lượt người", 9),
]


def test_offsets_and_lines():
    figures = extract(MULTILINE)
    assert len(figures) == len(MULTILINE_EXPECTED)
    for f, (text, line) in zip(figures, MULTILINE_EXPECTED):
        assert same_text(f.text, text) and f.line == line
    for f in figures:
        assert MULTILINE[f.start:f.end] == f.text
        assert MULTILINE.count("\n", 0, f.start) + 1 == f.line
    assert [f.index for f in figures] == list(range(1, len(figures) + 1))
    assert all(f.year == 2021 for f in figures)


def test_offsets_with_crlf_and_nfd():
    crlf = MULTILINE.replace("\n", "\r\n")
    nfd = unicodedata.normalize("NFD", MULTILINE)
    plain = [(f.text, f.line, f.value, f.unit, f.category) for f in extract(MULTILINE)]
    for text in (crlf, nfd):
        figures = extract(text)
        for f in figures:
            assert text[f.start:f.end] == f.text
        got = [(unicodedata.normalize("NFC", f.text), f.line, f.value, f.unit, f.category) for f in figures]
        assert got == plain


def test_file_name_and_sentence():
    text = "Công an huyện bắt giữ 12 đối tượng. Thu giữ 2 kg ma túy."
    figures = extract(text, file="bao-cao.txt")
    assert [f.file for f in figures] == ["bao-cao.txt"] * 2
    assert figures[0].sentence.strip() == "Công an huyện bắt giữ 12 đối tượng."
    assert figures[1].sentence.strip() == "Thu giữ 2 kg ma túy."


@pytest.mark.parametrize(("sentence", "text", "category", "direction"), [
    # "cao hơn/thấp hơn" against an earlier period is a change; against a plan, a target
    ("Số vụ cháy cao hơn 5 vụ so với cùng kỳ năm 2022.", "5 vụ", "change", "up"),
    ("Số người bị thương thấp hơn 12 người so với năm trước.", "12 người", "change", "down"),
    ("Tỷ lệ khám phá đạt 90%, cao hơn 5% so với chỉ tiêu.", "5%", "target", "up"),
    ("Tỷ lệ giải quyết thấp hơn chỉ tiêu 3 %.", "3 %", "target", "down"),
])
def test_higher_or_lower_than_a_period_or_a_plan(sentence, text, category, direction):
    f = next(f for f in extract(sentence) if f.text == text)
    assert (f.category, f.direction) == (category, direction)
