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

__all__ = ["EXACT_FIELDS", "clean", "dumps", "strip_controls"]

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
# are escaped here, the same way for both.
_C1 = re.compile("[\x7f-\x9f]")
_std_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _same_in_both(record: dict) -> bool:
    """False when a value is written differently by orjson and the standard library:
    a float written with an exponent below 1e-4 (``1e-05`` / ``0.00001``) or not finite."""
    if float not in set(map(type, record.values())):  # most records: no loop in Python
        return True
    for value in record.values():
        if type(value) is float and not (value == 0.0 or 1e-4 <= abs(value) < math.inf):
            return False
    return True


def _std_dumps(record: dict) -> str:
    if not _same_in_both(record):
        # orjson writes NaN and infinities as null; the standard library would write
        # NaN, which is no JSON.
        record = {k: None if type(v) is float and not math.isfinite(v) else v for k, v in record.items()}
    return _std_encode(record)


def dumps(record: dict) -> str:
    """One record as compact JSON text (no newline), the same bytes with or without orjson.

    Records are flat: strings, numbers, booleans and nulls. orjson is used where it writes
    what the standard library writes; for the rest (tiny floats, integers beyond 64 bits,
    unpaired surrogates), both installations take the standard library's path.
    """
    line = None
    if _orjson is not None and _same_in_both(record):
        try:
            line = _orjson.dumps(record).decode()
        except TypeError:  # orjson.JSONEncodeError: an integer beyond 64 bits, a surrogate
            pass
    if line is None:
        line = _std_dumps(record)
    # A search first: most lines have no C1 control, and a search is much cheaper than a rewrite.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", line) if _C1.search(line) else line
