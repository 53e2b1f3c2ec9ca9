"""Normalise text for matching, keeping a map back to the input.

Matching runs on a *folded* copy: NFC, lower case, diacritics removed (``đ`` -> ``d``),
dashes and spaces unified. Folding makes text typed without diacritics look the same as
text with them, so one set of patterns serves both. Folding is one character for one
character; only NFC composition (NFD or Windows-1258 input) changes lengths, and the
offset map records where.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex


_D_STROKE = unicodedata.lookup("LATIN SMALL LETTER D WITH STROKE") + unicodedata.lookup("LATIN CAPITAL LETTER D WITH STROKE")


def _fold_char(c: str) -> str:
    if c in _D_STROKE:  # a letter of its own, not d with a mark
        return "d"
    base = unicodedata.normalize("NFD", c.lower())
    out = "".join(ch for ch in base if not unicodedata.combining(ch))
    return out if len(out) == 1 else c


def _build_fold_table() -> dict[int, str | int]:
    # Every character of the scripts reports use is in the table, most mapped to itself:
    # str.translate treats a missing one as a failed lookup, which makes folding twice as slow.
    table: dict[int, str | int] = {cp: cp for cp in range(0x3100)}
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        table[cp] = _fold_char(chr(cp))
    # Spacing and punctuation that reports write in many ways.
    for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\f\v":
        table[ord(c)] = " "
    for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d":
        table[ord(c)] = "-"
    table[ord("\uff05")] = "%"
    table[ord("\u2018")] = table[ord("\u2019")] = "'"
    table[ord("\u201c")] = table[ord("\u201d")] = '"'
    table[ord("\u2026")] = "."  # an ellipsis ends a clause like a full stop
    return table


FOLD_TABLE = _build_fold_table()

# A base character with the combining marks that follow it (or marks with no base).
_MARK_CLUSTER = regex.compile(r"\P{M}?\p{M}+")


def fold(text: str) -> str:
    """Fold an NFC string: lower case, no diacritics, same length."""
    return text.translate(FOLD_TABLE)


def fold_word(text: str) -> str:
    """Fold any string (e.g. a lexicon entry) for comparison with folded text."""
    return fold(unicodedata.normalize("NFC", text))


@dataclass(frozen=True, slots=True)
class Normalized:
    """The input, its folded NFC copy, and the map from folded offsets to input offsets."""

    input: str
    nfc: str
    folded: str
    # Breakpoints of the offset map: at folded offset _norm[i] the input offset is
    # _orig[i], and it grows one for one until the next breakpoint. Empty = identity.
    _norm: tuple[int, ...] = ()
    _orig: tuple[int, ...] = ()

    def to_input(self, pos: int) -> int:
        if not self._norm:
            return pos
        i = bisect_right(self._norm, pos) - 1
        if i < 0:
            return pos
        return self._orig[i] + (pos - self._norm[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Input span of the folded span ``[start, end)``."""
        return self.to_input(start), self.to_input(end)


def normalize(text: str) -> Normalized:
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, text, fold(text))
    pieces: list[str] = []
    norm_bp: list[int] = [0]
    orig_bp: list[int] = [0]
    npos = 0
    last = 0
    for m in _MARK_CLUSTER.finditer(text):
        if m.start() > last:
            seg = unicodedata.normalize("NFC", text[last:m.start()])
            pieces.append(seg)
            npos += len(seg)
        composed = unicodedata.normalize("NFC", m.group())
        pieces.append(composed)
        # each composed character starts at the cluster's start in the input
        for k in range(len(composed)):
            norm_bp.append(npos + k)
            orig_bp.append(m.start())
        npos += len(composed)
        norm_bp.append(npos)
        orig_bp.append(m.end())
        last = m.end()
    if last < len(text):
        pieces.append(unicodedata.normalize("NFC", text[last:]))
    nfc = "".join(pieces)
    return Normalized(text, nfc, fold(nfc), tuple(norm_bp), tuple(orig_bp))
