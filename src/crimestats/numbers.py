"""Find the numbers of a folded text and read their values.

Three kinds of number are found: digits (``1.053.099``, ``90,9``, ``1,5``), written words
(``mười lăm``, ``ba trăm``) and vague quantities (``hàng trăm``). Numbers that are part of
dates, codes and document references are reported as skipped with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .lexicon import Lexicon, trie_pattern

# A run of digits with the separators reports put inside numbers.
DIGIT_RUN = regex.compile(r"\d+(?:[.,]\d+)*")

# Calendar dates and clock times. Tried before a run is read as a number.
DATE = regex.compile(
    r"""
    \d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d(?!\d)      # 23/12/2025, 15.4.2019, 15-11-2019
  | (?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\d/])          # 5/2021 (month/year)
  | (?:19|20)\d\d[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)      # 2025-12-23
  | \d{1,2}\s*[:h]\s*\d{2}(?![\d%])                    # 08:09, 17h30
    """,
    regex.VERBOSE,
)
# day/month with no year: only a date where a date word comes before it ("ngày 15/4")
DAY_MONTH = regex.compile(r"\d{1,2}[/.]\d{1,2}(?![\d%]|[.,]\d)")
DATE_WORDS = regex.compile(
    r"(?:ngay|sang|chieu|toi|trua|dem|hom|tu|den|thang|quy|khoang|dip|truoc|sau|-)[ ]*\Z"
)

# Document numbers and legal references: 243/BC-BCA, 48-CT/TW, 100/2019/ND-CP.
# Possessive and bounded so a long run of "1.1.1…" cannot make it backtrack.
DOC_REF = regex.compile(r"\d++(?:[./]\d++){0,6}+[/\-][a-z]")

# Phone numbers: long digit strings, or groups that are not thousands groups.
PHONE = regex.compile(r"0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?!\d)|\d{7,}(?![.,]\d)")
VN_GROUPS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
EN_GROUPS = regex.compile(r"\d{1,3}(?:,\d{3})+")
EN_DECIMAL = regex.compile(r"\d+\.\d{1,2}")


@dataclass(slots=True)
class Number:
    start: int          # folded span of the number expression (without unit)
    end: int
    value: float
    value_max: float | None = None
    vague: bool = False  # "hàng trăm": at least that many
    ambiguous_thousands: float | None = None  # "1,500": 1500 where a count makes sense
    kind: str = "digits"
    multiplier_start: int | None = None  # "1,5 tỷ đồng": where "tỷ" starts


def parse_digits(tok: str) -> tuple[float, float | None] | None:
    """Value of a digit run in Vietnamese style, and an English-style alternative.

    ``1.234,5`` -> 1234.5; ``90,9`` -> 90.9; ``1,500`` -> 1.5 with 1500 as the alternative.
    Returns None for runs that are no number (``1.2.3``).
    """
    if "." in tok and "," in tok:
        if tok.rfind(",") > tok.rfind("."):        # 1.234,5
            intpart, frac = tok.rsplit(",", 1)
            if not VN_GROUPS.fullmatch(intpart):
                return None
            return float(intpart.replace(".", "") + "." + frac), None
        intpart, frac = tok.rsplit(".", 1)           # 1,234.5 (English)
        if not EN_GROUPS.fullmatch(intpart):
            return None
        return float(intpart.replace(",", "") + "." + frac), None
    if "." in tok:
        if VN_GROUPS.fullmatch(tok):  # 23.328
            return float(tok.replace(".", "")), None
        if EN_DECIMAL.fullmatch(tok):         # 1.5 in English-style copy
            return float(tok), None
        return None
    if "," in tok:
        if tok.count(",") == 1:
            whole, frac = tok.split(",")
            value = float(whole + "." + frac)
            if len(frac) == 3 and len(whole) <= 3 and whole != "0":
                return value, float(whole + frac)
            return value, None
        if EN_GROUPS.fullmatch(tok):   # 1,234,567 (English)
            return float(tok.replace(",", "")), None
        return None
    return float(tok), None


class WrittenNumbers:
    """Reads written numbers: "mười lăm" = 15, "một trăm hai mươi" = 120, "ba trăm" = 300."""

    def __init__(self, lex: Lexicon, folded: bool):
        self.roles = roles = lex.number_words[folded]
        words = {w for r in roles.values() for w in r}
        self.pattern = re.compile(r"(?:" + trie_pattern(words, word_start=True) + r")(?!\w)")

    def read(self, words: list[str]) -> tuple[float, int] | None:
        """Value and number of words used from the start of ``words``, or None."""
        r = self.roles
        total = 0.0
        pending: float | None = None
        after_tens = False
        used = 0
        for i, w in enumerate(words):
            if w in r.get("digit", {}) and not after_tens:
                if pending is not None:
                    break  # "hai ba" is not one number
                pending = float(r["digit"][w])
            elif after_tens and w in r.get("after_tens", {}):
                total += float(r["after_tens"][w])
                after_tens = False
                used = i + 1
                break
            elif w in r.get("hundred", {}):
                total += (pending if pending is not None else 1) * 100
                pending = None
            elif w in r.get("ten", {}) or w in r.get("tens", {}):
                total += (pending * 10) if pending is not None else 10
                pending = None
                after_tens = True
                used = i + 1
                continue
            elif w in r.get("zero_filler", {}) and total:
                pass
            elif w in r.get("half", {}) and used == 0 and pending is None and not total:
                return 0.5, 1
            elif w in r.get("half_after", {}) and (total or pending):
                base = total + (pending or 0)
                step = 100 if total % 100 == 0 and total else 1
                return base + step / 2 if step == 100 else base + 0.5, i + 1
            else:
                break
            after_tens = False
            used = i + 1
        if pending is not None:
            total += pending
        if used == 0 or (total == 0 and pending is None):
            return None
        return total, used
