"""Records as they leave the extraction: finalised for output, and written as JSON.

:func:`clean` is applied to every record where the pipeline makes it (SPEC §2): string fields
in Unicode NFC and without control characters, whatever the input's encoding or normalisation.
``text`` stays the input's exact slice, so that ``input[start:end] == text`` holds, and ``file``
stays the input's name as given (see :func:`crimestats.inputs.display_name`).

:func:`dumps` writes a record as one line of JSON: through ``orjson`` when it is installed (the
``fast`` extra), through the standard library otherwise, with the same bytes either way.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata

try:
    import orjson as _orjson
except ImportError:  # the optional ``fast`` extra
    _orjson = None

__all__ = ["EXACT_FIELDS", "clean", "dumpb", "dumps", "strip_controls"]

# Fields that are the input's own text and name, kept as they are.
EXACT_FIELDS = frozenset({"text", "file"})

# Terminal escape sequences go whole (not just their ESC, which would leave "[31m" behind):
# CSI (ESC [ or the 8-bit CSI, parameters, one final byte), OSC (ESC ] or the 8-bit OSC, a
# string, its terminator if any) and the other two-character escapes. Then every C0 and C1
# control, DEL, and the bidirectional marks and overrides that can reorder a line.
_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]?"
    "|[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_SPACES = frozenset("\t\n\r\x0b\x0c\x85")


def _replace(match: re.Match) -> str:
    return " " if match.group() in _SPACES else ""


def strip_controls(text: str) -> str:
    """``text`` with terminal escapes and control characters removed; whitespace controls
    (tab, line breaks) become a space."""
    # isprintable is a fast test in C: most strings need no rewrite.
    return text if text.isprintable() else _CONTROLS.sub(_replace, text)


def clean(record: dict) -> dict:
    """Finalise a record in place (and return it): every string field but ``text`` and
    ``file`` without control characters and in NFC."""
    for key, value in record.items():
        if type(value) is str and key not in EXACT_FIELDS:
            if not value.isprintable():
                value = _CONTROLS.sub(_replace, value)
            if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                value = unicodedata.normalize("NFC", value)
            record[key] = value
    return record


# C1 controls are valid raw in JSON but act on terminals; both encoders leave them, so they
# are escaped here, the same way for both. In UTF-8 they are DEL and 0xC2 0x80-0x9F (0xC2 is
# only ever a lead byte, so the pattern cannot match across characters).
_C1 = re.compile(b"\x7f|\xc2[\x80-\x9f]")
_std_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _escape_c1(match: re.Match) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def _std_dumps(record: dict) -> bytes:
    line = _std_encode(record)
    if "NaN" in line or "Infinity" in line:  # rare; a string that says so only costs a second pass
        # orjson writes NaN and infinities as null; the standard library would write NaN,
        # which is no JSON.
        line = _std_encode({k: None if type(v) is float and not math.isfinite(v) else v for k, v in record.items()})
    # An unpaired surrogate (a str made elsewhere) becomes its JSON escape, \udcff.
    return line.encode("utf-8", "backslashreplace")


def dumpb(record: dict) -> bytes:
    """One record as compact JSON in UTF-8 (no newline), the same bytes with or without orjson.

    Records are flat: strings, numbers, booleans and nulls. The two encoders agree on all of
    them but floats below 1e-4, which orjson writes ``0.00001`` or ``1.5e-7`` and the standard
    library ``1e-05`` or ``1.5e-07``; such a line (or one whose strings merely look so) is
    written by the standard library, as are the values orjson refuses (integers beyond 64
    bits, unpaired surrogates). Bytes, so that the writer need not decode and encode again.
    """
    data = None
    if _orjson is not None:
        try:
            data = _orjson.dumps(record)
        except TypeError:  # orjson.JSONEncodeError
            pass
        else:
            if b"e-" in data or b"0.0000" in data:
                data = None
    if data is None:
        data = _std_dumps(record)
    if b"\x7f" in data or b"\xc2" in data:  # a search in C first: most lines have neither
        data = _C1.sub(_escape_c1, data)
    return data


def dumps(record: dict) -> str:
    """:func:`dumpb` as text."""
    return dumpb(record).decode("utf-8")
