"""Decoding: every encoding a report may come in, offsets into the decoded text."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from conftest import cp1258_form
from crimestats.decode import DecodeError, decode_bytes, read_file

SENTENCE = "Trong quý vừa qua, lực lượng cảnh sát phường Đông Hải đã triệt phá 17 ổ nhóm cờ bạc.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SENTENCE.encode("utf-8"), SENTENCE),
        (SENTENCE.encode("utf-8-sig"), SENTENCE),
        (SENTENCE.encode("utf-16"), SENTENCE),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), SENTENCE),
        (SENTENCE.replace("\n", "\r\n").encode("utf-8"), SENTENCE.replace("\n", "\r\n")),
        (unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), unicodedata.normalize("NFD", SENTENCE)),
        (b"", ""),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "crlf", "nfd", "empty"],
)
def test_decodes_without_warning_and_without_normalising(data, expected):
    text, warning = decode_bytes(data)
    assert text == expected
    assert warning is None


def test_cp1258_keeps_combining_tone_marks():
    legacy = cp1258_form(SENTENCE)
    assert legacy != SENTENCE  # the tone marks really are split off
    text, warning = decode_bytes(legacy.encode("cp1258"))
    assert warning is None
    assert text == legacy  # as the decoder returns it: not NFC
    assert unicodedata.normalize("NFC", text) == SENTENCE
    start = text.index("17")
    assert text[start:start + 2] == "17"


def test_utf8_with_a_few_bad_bytes_is_replaced_with_a_warning():
    data = SENTENCE.encode("utf-8").replace(b"17", b"1\xff7")
    text, warning = decode_bytes(data)
    assert "1\ufffd7" in text
    assert text.replace("\ufffd", "") == SENTENCE
    assert warning and "UTF-8" in warning and "\n" not in warning


def test_nul_bytes_without_bom_are_binary():
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in info.value.reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec):
    data = SENTENCE.encode(codec)
    assert decode_bytes(data) == (SENTENCE, None)
    assert decode_bytes(data, codec) == (SENTENCE, None)


def test_binary_with_alternating_nuls_names_the_utf16_option():
    # NULs at every odd position, as UTF-16-LE has them, but not text: say how to read it as text.
    data = b"".join(bytes([c, 0]) for c in b"abc\x01\x02\x03" * 50)
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert "binary" in info.value.reason and "--encoding utf-16-le" in info.value.reason


def test_encoding_override():
    data = cp1258_form(SENTENCE).encode("cp1258")
    text, warning = decode_bytes(data, "cp1258")
    assert (text, warning) == (cp1258_form(SENTENCE), None)
    # the override wins even where detection would pick something else
    text, warning = decode_bytes(SENTENCE.encode("utf-8"), "latin-1")
    assert warning is None and text != SENTENCE


def test_encoding_override_strips_bom_and_warns_on_bad_bytes():
    assert decode_bytes(SENTENCE.encode("utf-8-sig"), "utf-8") == (SENTENCE, None)
    text, warning = decode_bytes(b"abc \xff def", "utf-8")
    assert text == "abc \ufffd def" and warning


def test_unknown_encoding():
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode_bytes(b"abc", "no-such-codec")


def test_read_file(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(SENTENCE.encode("utf-16"))
    assert read_file(path, None) == (SENTENCE, None)
    with pytest.raises(OSError):
        read_file(tmp_path / "missing.txt", None)


# -- properties ------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ"
texts = st.text(alphabet=st.sampled_from(VIET + VIET.upper() + "0123456789 .,;:%()-–\n\r\t"), max_size=200)


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "nfd", "cp1258"]))
def test_every_encoding_round_trips(text, form):
    if form == "nfd":
        text = unicodedata.normalize("NFD", text)
        data = text.encode("utf-8")
    elif form == "cp1258":
        # Only letters outside ASCII: their Windows-1258 bytes are all >= 0xC0, so never valid
        # UTF-8. (A dash, 0x96, after such a letter can be, and then UTF-8 rightly wins.)
        text = cp1258_form(text.replace("–", "-"))
        data = text.encode("cp1258")
    else:
        data = text.encode(form)
    assert decode_bytes(data) == (text, None)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_a_decode_error(data):
    try:
        text, warning = decode_bytes(data)
    except DecodeError as exc:
        assert exc.reason
    else:
        assert isinstance(text, str) and (warning is None or "\n" not in warning)


REPORTS = sorted((Path(__file__).resolve().parent.parent / "data").glob("*.txt"))
FORMS = {
    "nfd": (lambda t: unicodedata.normalize("NFD", t), "utf-8"),
    "crlf": (lambda t: t.replace("\n", "\r\n"), "utf-8"),
    "cp1258": (cp1258_form, "cp1258"),
    "utf16": (lambda t: t, "utf-16"),
    "bom": (lambda t: t, "utf-8-sig"),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_bundled_reports_in_every_encoding(tmp_path, report, form):
    """The bundled reports as ../shared/tools/variants.py writes them decode to exactly that text."""
    transform, encoding = FORMS[form]
    expected = transform(unicodedata.normalize("NFC", report.read_text(encoding="utf-8")))
    path = tmp_path / report.name
    path.write_bytes(expected.encode(encoding))
    assert read_file(path) == (expected, None)
