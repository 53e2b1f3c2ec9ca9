"""Any integer written out in Vietnamese words is read back exactly (SPEC §6).

A small speller below writes an integer from 2 to 999 999 999 999 the way a Vietnamese report
does, with the variants hypothesis draws:

- groups of three digits before `tỷ`/`tỉ` (10⁹), `triệu` (10⁶), `nghìn`/`ngàn` (10³); an empty
  group is left out (`hai triệu không trăm linh năm` = 2 000 005, as read aloud);
- `mười` for 10–19, `mươi` after the tens digit 2–9;
- `mốt` for 1 after a tens word ≥ 20 (`hai mươi mốt`), `một` after `mười`/`lẻ`/`linh`;
- `tư` or `bốn` for 4 after a tens word ≥ 20 (`hai mươi tư`); `bốn` after `mười`/`lẻ`;
- `lăm` for 5 after any tens word, or `nhăm` after a tens word ≥ 20 (`ba mươi nhăm`);
- `lẻ` or `linh` for an empty tens place before a units digit (`một trăm lẻ năm`);
- `không trăm` for an empty hundreds place in any group but the first (`hai mươi mốt nghìn
  không trăm mười một` = 21 011);
- `một` before `trăm`, `nghìn`, `triệu`, `tỷ` is written (`một trăm`, `một nghìn`).

Why 0 and 1 are left out: SPEC §6 makes `một` the number one only *before a multiplier*
("not an article"), so `bắt giữ một đối tượng` reads as "arrested a suspect" — an article,
no figure — and `không đối tượng` is not how a report writes zero (`không` there is "no").
Every integer from 2 up is a figure in this sentence; 100, 1000, 10⁶ … (`một trăm`,
`một nghìn`, `một triệu`) are kept, since there `một` stands before a multiplier.

The sentence is `Lực lượng chức năng bắt giữ {spelled} đối tượng.`; extract must give exactly
one figure there, over `{spelled} đối tượng`, with that integer, unit `person`, qualifier
`exact`, no `value_max`; and the same with the sentence folded without diacritics.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crimestats import extract

DIGIT = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
TEMPLATE = "Lực lượng chức năng bắt giữ {} đối tượng."
UNIT = "đối tượng"


def fold(s: str) -> str:
    """Without diacritics: NFD, combining marks dropped, đ→d, Đ→D (case and length kept)."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def spell_group(n: int, first: bool, v: dict) -> list[str]:
    """Words for 1 <= n <= 999, one group of three digits; ``first`` when it leads the number."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    hundreds = h > 0 or not first           # `không trăm` inside a larger number
    if hundreds:
        words += [DIGIT[h], "trăm"]
    if t == 0:
        if u:
            words += ([v["le"]] if hundreds else []) + [DIGIT[u]]
    elif t == 1:
        words.append("mười")
        if u == 5:
            words.append("lăm")
        elif u:
            words.append(DIGIT[u])
    else:
        words += [DIGIT[t], "mươi"]
        if u == 1:
            words.append("mốt")
        elif u == 4:
            words.append(v["four"])
        elif u == 5:
            words.append(v["five"])
        elif u:
            words.append(DIGIT[u])
    return words


def spell(n: int, v: dict) -> str:
    assert 0 < n < 10**12
    groups = [(n // 10**9, v["billion"]), (n // 10**6 % 1000, "triệu"), (n // 1000 % 1000, v["thousand"]),
              (n % 1000, None)]
    words: list[str] = []
    for value, name in groups:
        if value:
            words += spell_group(value, first=not words, v=v)
            if name:
                words.append(name)
    return " ".join(words)


VARIANTS = st.fixed_dictionaries({
    "le": st.sampled_from(["lẻ", "linh"]),
    "thousand": st.sampled_from(["nghìn", "ngàn"]),
    "four": st.sampled_from(["tư", "bốn"]),
    "five": st.sampled_from(["lăm", "nhăm"]),
    "billion": st.sampled_from(["tỷ", "tỉ"]),
})

# Groups with the shapes that need care (empty places, 1/4/5 after tens, 10–19) come up often.
GROUP = st.one_of(
    st.just(0),
    st.integers(1, 999),
    st.sampled_from([1, 4, 5, 10, 11, 14, 15, 20, 21, 24, 25, 100, 101, 104, 105, 110, 111, 115, 121, 124,
                     125, 200, 205, 210, 215, 501, 505, 999]),
)


@st.composite
def integers(draw):
    n = draw(st.one_of(
        st.integers(2, 999),
        st.integers(2, 10**12 - 1),
        st.builds(lambda b, m, k, u: ((b * 1000 + m) * 1000 + k) * 1000 + u, GROUP, GROUP, GROUP, GROUP),
    ))
    return n if n >= 2 else n + 2


DEFAULT = {"le": "lẻ", "thousand": "nghìn", "four": "tư", "five": "lăm", "billion": "tỷ"}


def test_speller_spells_as_spec_says():
    # SPEC §6 examples, so that the speller itself is right.
    assert spell(15, DEFAULT) == "mười lăm"
    assert spell(120, DEFAULT) == "một trăm hai mươi"
    assert spell(21, DEFAULT) == "hai mươi mốt"
    assert spell(24, DEFAULT) == "hai mươi tư"
    assert spell(25, DEFAULT) == "hai mươi lăm"
    assert spell(105, DEFAULT) == "một trăm lẻ năm"
    assert spell(105, {**DEFAULT, "le": "linh"}) == "một trăm linh năm"
    assert spell(21011, DEFAULT) == "hai mươi mốt nghìn không trăm mười một"
    assert spell(1_000_000_000, DEFAULT) == "một tỷ"
    assert spell(2_000_005, DEFAULT) == "hai triệu không trăm lẻ năm"
    assert spell(3_050_000_104, {**DEFAULT, "four": "bốn"}) == "ba tỷ không trăm năm mươi triệu một trăm lẻ bốn"


def _check(sentence: str, text: str, n: int) -> None:
    pos = sentence.find(text)
    assert pos >= 0
    figures = extract(sentence)
    shown = [(f.text, f.start, f.value, f.unit, f.qualifier) for f in figures]
    assert len(figures) == 1, f"{n}: expected one figure in {sentence!r}, got {shown}"
    f = figures[0]
    assert sentence[f.start:f.end] == f.text
    assert (f.value, f.value_max, f.unit, f.qualifier, f.text, f.start) == (n, None, "person", "exact", text, pos), \
        f"{n}: {sentence!r} -> {shown}"


@settings(max_examples=300, deadline=None, database=None)  # nothing written to the cwd
@given(n=integers(), v=VARIANTS)
@example(n=21011, v=DEFAULT)
@example(n=105, v={**DEFAULT, "le": "linh"})
@example(n=2015, v=DEFAULT)
@example(n=5, v=DEFAULT)
@example(n=1000, v=DEFAULT)
@example(n=1_000_000, v=DEFAULT)
@example(n=999_999_999_999, v=DEFAULT)
def test_spelled_integer_reads_back(n, v):
    spelled = spell(n, v)
    _check(TEMPLATE.format(spelled), f"{spelled} {UNIT}", n)


@settings(max_examples=300, deadline=None, database=None)  # nothing written to the cwd
@given(n=integers(), v=VARIANTS)
@example(n=21011, v=DEFAULT)
@example(n=25, v=DEFAULT)
@example(n=5_005, v=DEFAULT)
@example(n=999_999_999_999, v=DEFAULT)
def test_spelled_integer_reads_back_without_diacritics(n, v):
    spelled = spell(n, v)
    _check(fold(TEMPLATE.format(spelled)), fold(f"{spelled} {UNIT}"), n)
