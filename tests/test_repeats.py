"""repeat_of: a figure that restates an earlier figure of its file (crimestats.repeats).

The reports are invented for the test.
"""

from __future__ import annotations

import pytest

from crimestats import pipeline
from crimestats.repeats import RepeatFinder, metric_words, overlap

# A headline restating two figures of the body; the body holds other figures with the same
# value (2 people) that are no restatement.
HEADLINE_REPORT = (
    "Lạng Sơn: bắt 25 đối tượng tàng trữ ma túy, thu giữ 3 kg heroin\n\n"
    "Ngày 12/4/2024, Công an tỉnh Lạng Sơn cho biết đã triệt phá một đường dây ma túy lớn, bắt 25 đối tượng "
    "tàng trữ trái phép chất ma túy. Tại các điểm kiểm tra, lực lượng chức năng thu giữ 3 kg heroin cùng "
    "120 triệu đồng tiền mặt. Cũng trong tháng, đơn vị đã bắt 6 đối tượng trộm cắp xe máy, trong đó 2 đối "
    "tượng là người chưa thành niên. Tại một điểm khác, tổ công tác bắt thêm 2 đối tượng đánh bạc.\n"
)


def test_a_headline_restated_in_the_body_marks_exactly_the_restated_figures():
    figures, _ = pipeline.scan(HEADLINE_REPORT)
    by_index = {f["index"]: f for f in figures}
    marked = {f["index"]: f["repeat_of"] for f in figures if f["repeat_of"] is not None}
    assert {by_index[i]["text"]: by_index[j]["text"] for i, j in marked.items()} == {
        "25 đối tượng": "25 đối tượng", "3 kg": "3 kg"}
    # the body restates the headline: the later figure points at the earlier one
    assert all(j < i and by_index[j]["line"] == 1 and by_index[i]["line"] == 3 for i, j in marked.items())


def test_repeats_are_found_across_chunks(monkeypatch):
    """A large file is extracted chunk by chunk; the finder keeps its state between them."""
    from crimestats import pipeline as context

    monkeypatch.setattr(context, "CHUNK", 200)  # every sentence or two a chunk
    pieces = list(pipeline.iter_scan(HEADLINE_REPORT))
    assert len(pieces) > 1
    chunked = [f for figures, _ in pieces for f in figures]
    assert chunked == pipeline.scan(HEADLINE_REPORT)[0]
    assert sum(f["repeat_of"] is not None for f in chunked) == 2


def record(index, value=25, unit="person", category="arrests", year=2024, place="Lạng Sơn",
           metric="bắt đối tượng tàng trữ ma túy", unit_text="đối tượng", sentence=None):
    return {"index": index, "value": value, "value_max": None, "unit": unit, "category": category,
            "year": year, "place": place, "metric": metric, "unit_text": unit_text,
            "sentence": sentence or f"sentence {index}"}


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        (record(2), 1),
        (record(2, metric="bắt giữ đối tượng tàng trữ trái phép chất ma túy"), 1),
        (record(2, year=None), 1),            # a headline names no year: unknown agrees
        (record(2, place=None), 1),
        (record(2, sentence="sentence 1"), None),   # one sentence never restates itself
        (record(2, value=26), None),
        (record(2, unit="case", unit_text="vụ"), None),
        (record(2, category="people"), None),
        (record(2, year=2023), None),
        (record(2, place="Cao Bằng"), None),
        (record(2, metric="bắt đối tượng trộm cắp tài sản"), None),
        (record(2, unit_text="người bị thương", category="people"), None),
    ],
)
def test_what_makes_a_repeat(later, expected):
    finder = RepeatFinder()
    assert finder.check(record(1)) is None
    assert finder.check(later) == expected


def test_a_repeat_points_at_the_first_statement():
    finder = RepeatFinder()
    assert [finder.check(record(i)) for i in (1, 2, 3)] == [None, 1, 1]


def test_metric_words_leave_out_generic_words_by_their_spelling():
    # "mà" (but) is generic; "ma" of "ma túy" is not, though both fold to the same letters
    assert metric_words("những vụ ma túy mà") == frozenset({"ma", "tuy"})
    assert metric_words("tham nhũng") == frozenset({"tham", "nhung"})
    assert not overlap(metric_words("phát hiện tham nhũng"), metric_words("phát hiện ma túy"))
