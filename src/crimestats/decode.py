"""Turn the bytes of a report into text, with the standard library's codecs only.

Rules, in order:

* ``encoding`` given: decode with it (a leading byte-order mark is dropped); bytes invalid in
  that encoding are replaced and a warning says so.
* a UTF-8 byte-order mark: UTF-8; a UTF-16 byte-order mark: UTF-16 (the mark is not text).
* UTF-16 without a byte-order mark: NUL bytes at most odd (little-endian) or most even
  (big-endian) positions, as the ASCII letters, digits and spaces of a report give, and text
  that decodes cleanly with no control characters; otherwise NUL bytes mean binary,
  :class:`DecodeError` (naming ``--encoding utf-16-le`` when the NULs alternate).
* valid UTF-8: UTF-8.
* otherwise, when the bytes read as Windows-1258 and look Vietnamese (few or no valid UTF-8
  multi-byte sequences, the non-ASCII characters mostly Vietnamese letters and tone marks):
  Windows-1258.  Tone marks then come as combining characters and are kept as they are, so
  offsets index the text exactly as the decoder returns it.
* otherwise UTF-8 with the bad bytes replaced by U+FFFD, and a warning.

Nothing here normalises the text: ``text[start:end]`` of any figure is taken from the string
returned here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

__all__ = ["DecodeError", "decode_bytes", "read_file"]

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_REPLACEMENT = "\ufffd"
_D_STROKE = unicodedata.lookup("LATIN SMALL LETTER D WITH STROKE") + unicodedata.lookup("LATIN CAPITAL LETTER D WITH STROKE")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Base letters of the Vietnamese alphabet outside ASCII, with the precomposed forms that
# Windows-1258 has as single bytes.
# the vowels Vietnamese writes with a circumflex, breve or horn: â ê ô ă ơ ư
_MARKED_VOWELS = {("a", "\u0302"), ("e", "\u0302"), ("o", "\u0302"), ("a", "\u0306"), ("o", "\u031b"),
                  ("u", "\u031b")}


def _viet_letters() -> str:
    """The Vietnamese letters among Windows-1258's single bytes: a vowel with a vowel mark or a
    tone mark, and d with stroke."""
    out = []
    for byte in range(0xC0, 0x100):
        ch = bytes([byte]).decode("cp1258", "ignore")
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[:1].lower(), parts[1:]
        if ch in _D_STROKE or (base in "aeiouy" and (marks in _TONE_MARKS or (base, marks) in _MARKED_VOWELS)):
            out.append(ch)
    return "".join(out)


_DROP_VIET = dict.fromkeys(map(ord, _viet_letters() + _TONE_MARKS))
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


class DecodeError(ValueError):
    """The input cannot be read as text; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_file(path: Path, encoding: str | None = None) -> tuple[str, str | None]:
    """Read and decode ``path``: ``(text, warning)``; ``warning`` is ``None`` when all went well.

    Raises ``OSError`` when the file cannot be read and :class:`DecodeError` when it is not text.
    """
    return decode_bytes(Path(path).read_bytes(), encoding)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode ``data`` by the rules of this module: ``(text, warning)``."""
    if encoding:
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        text, warning = _decode_or_replace(data, codec.name, encoding)
        return _strip_bom(text), warning
    if data.startswith(_UTF8_BOM):
        return _decode_or_replace(data, "utf-8-sig", "UTF-8")
    if data.startswith(_UTF16_BOMS):
        return _decode_or_replace(data, "utf-16", "UTF-16")
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", "replace")
    bad = utf8.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    valid_multibyte = _count_non_ascii(utf8) - utf8.count(_REPLACEMENT)
    if bad > valid_multibyte:
        legacy = _try_cp1258(data)
        if legacy is not None:
            return legacy, None
    return utf8, f"not valid UTF-8: {bad} invalid byte sequence{'s' if bad != 1 else ''} replaced with U+FFFD"


# Of the first bytes, the share of NULs at one parity (high bytes of ASCII characters) that
# says UTF-16, and the most that may be at the other.
_UTF16_SAMPLE = 1 << 16
_UTF16_NULS = 0.3
_UTF16_OTHER_NULS = 0.01
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> tuple[str, None]:
    """The text of UTF-16 ``data`` that has no byte-order mark, or :class:`DecodeError`."""
    sample = data[:_UTF16_SAMPLE]
    half = len(sample) // 2 or 1
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= _UTF16_NULS and other <= _UTF16_OTHER_NULS:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None
            if text is not None and not _TEXT_CONTROLS.search(text):
                return text, None
            raise DecodeError(f"binary file (contains NUL bytes); if it is UTF-16 text without a "
                              f"byte-order mark, try --encoding {codec}")
    raise DecodeError("binary file (contains NUL bytes)")


def _decode_or_replace(data: bytes, codec: str, label: str) -> tuple[str, str | None]:
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as exc:
        text = data.decode(codec, "replace")
        return text, f"not valid {label} (first bad byte at offset {exc.start}): invalid bytes replaced with U+FFFD"


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _try_cp1258(data: bytes) -> str | None:
    """``data`` as Windows-1258 when that decodes and reads as Vietnamese, else ``None``."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    high = _count_non_ascii(text)
    other = len(_ASCII_RUNS.sub("", text).translate(_DROP_VIET))
    return text if high and (high - other) * 2 >= high else None


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))
