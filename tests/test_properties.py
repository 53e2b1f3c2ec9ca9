"""Properties of ``extract`` on arbitrary and on generated text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimestats import extract, scan

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIET + VIET.upper() + "0123456789" + ".,/-–%" + "  \n\r\t" + "():;!?\"'[]…" + "\u0301\u0323"

WORDS = [
    "vụ", "vu", "đối tượng", "doi tuong", "người", "nguoi", "lượt người", "bị can", "tỷ", "ty", "tỉ",
    "triệu", "trieu", "nghìn", "ngàn", "vạn", "đồng", "dong", "USD", "kg", "g", "tấn", "tan", "viên",
    "bánh", "lít", "xe", "xã", "tổ", "%", "phần trăm", "trên", "hơn", "khoảng", "gần", "dưới",
    "ít nhất", "tối đa", "tăng", "giảm", "so với cùng kỳ", "năm", "Năm", "nam", "2021", "ngày",
    "tháng", "quý", "từ", "đến", "–", "-", "chỉ tiêu", "kế hoạch", "vượt", "bằng", "chiếm", "đạt",
    "hai", "ba", "mười", "mươi", "lăm", "mốt", "tư", "trăm", "linh", "rưỡi", "nửa", "hàng",
    "bắt giữ", "thu giữ", "ma túy", "Điều", "số", "/BC-BCA", "Covid-19", "C04", "lần thứ", "(", ")",
    ",", ".", ";", "\n", "\r\n", "Thứ sáu", ":", "SN",
]

NUMBERS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", ".")),
    st.tuples(st.integers(0, 9999), st.integers(0, 999)).map(lambda t: f"{t[0]},{t[1]}"),
    st.from_regex(r"[0-9]{1,3}([.,/\-–][0-9]{1,4}){0,5}", fullmatch=True),
)

TOKENS = st.lists(st.one_of(st.sampled_from(WORDS), NUMBERS, st.text(ALPHABET, max_size=6)), max_size=40)
TEXTS = st.one_of(st.text(ALPHABET, max_size=300), TOKENS.map(" ".join), TOKENS.map("".join))


def check_figures(text: str) -> None:
    figures, skipped = scan(text)
    again, skipped_again = scan(text)
    assert figures == again and skipped == skipped_again
    assert extract(text) == figures
    previous_end = -1
    for i, f in enumerate(figures, 1):
        assert f.index == i
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end, "spans overlap or are out of order"
        previous_end = f.end
        assert text[f.start:f.end] == f.text
        assert f.line >= 1
        assert f.line == text.count("\n", 0, f.start) + 1
    for s in skipped:
        assert text[s.start:s.end] == s.text and s.line >= 1


@SETTINGS
@given(TEXTS)
def test_arbitrary_text(text):
    check_figures(text)


@SETTINGS
@given(TEXTS)
def test_arbitrary_text_decomposed_and_crlf(text):
    check_figures(unicodedata.normalize("NFD", text))
    check_figures(text.replace("\n", "\r\n"))


# ---------------------------------------------------------------------------------------------
# generated sentences whose value is known


def vn_thousands(n: int) -> str:
    """``n`` with ``.`` between groups of three digits: 1234567 -> ``1.234.567``."""
    return f"{n:,}".replace(",", ".")


@SETTINGS
@given(st.integers(1, 10**9))
def test_grouped_count(n):
    text = f"Lực lượng chức năng đã bắt giữ {vn_thousands(n)} đối tượng."
    figures = extract(text)
    assert len(figures) == 1
    f = figures[0]
    assert f.value == n
    assert f.unit == "person" and f.category == "arrests"
    assert f.text.startswith(vn_thousands(n))


@SETTINGS
@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_decimal_money(whole, frac, multiplier):
    frac_text = str(frac).rjust(3, "0").rstrip("0") or "0"
    written = f"{whole},{frac_text} {multiplier} đồng"
    text = f"Các đối tượng đã chiếm đoạt {written} của người bị hại."
    figures = extract(text)
    assert len(figures) == 1
    f = figures[0]
    scale = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[multiplier]
    assert f.value == pytest.approx((whole + int(frac_text) / 10 ** len(frac_text)) * scale, rel=1e-12)
    assert f.unit == "vnd" and f.category == "money"
    assert f.text == written


@SETTINGS
@given(st.integers(1, 10**7), st.integers(1, 99))
def test_grouped_decimal_weight(whole, frac):
    written = f"{vn_thousands(whole)},{frac} kg"
    text = f"Năm 2021, lực lượng chức năng thu giữ {written} ma túy."
    figures = extract(text)
    assert len(figures) == 1
    f = figures[0]
    assert f.value == pytest.approx(whole + frac / 10 ** len(str(frac)), rel=1e-12)
    assert f.unit == "kg" and f.category == "seizure" and f.year == 2021


@SETTINGS
@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_two_counts_in_a_list(cases, people):
    text = f"Bắt giữ {vn_thousands(cases)} vụ, {vn_thousands(people)} đối tượng phạm tội về ma túy."
    figures = extract(text)
    assert [f.value for f in figures] == [cases, people]
    assert [f.unit for f in figures] == ["case", "person"]
