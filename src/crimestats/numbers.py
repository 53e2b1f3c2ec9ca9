"""The numbers stage: find the numbers of a document and read their values.

Three kinds of number are found: digits (``1.053.099``, ``90,9``, ``1,5``), written words
(``mười lăm``, ``ba trăm``) and vague quantities (``hàng trăm``). Numbers that are part of
dates, codes and document references are set aside with the reason (SPEC §7).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from .document import Document, skip_spaces
from .lexicon import Lexicon

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
# day/month with no year: only a date where a date word comes before it
DAY_MONTH = regex.compile(r"\d{1,2}[/.]\d{1,2}(?![\d%]|[.,]\d)")

# Document numbers and legal references: 243/BC-BCA, 48-CT/TW, 100/2019/ND-CP.
# Possessive and bounded so a long run of "1.1.1…" cannot make it backtrack.
DOC_REF = regex.compile(r"\d++(?:[./]\d++){0,6}+[/\-][a-z]")

# Phone numbers: long digit strings, or groups that are not thousands groups.
PHONE = regex.compile(r"0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?!\d)|\d{7,}(?![.,]\d)")
VN_GROUPS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
EN_GROUPS = regex.compile(r"\d{1,3}(?:,\d{3})+")
EN_DECIMAL = regex.compile(r"\d+\.\d{1,2}")
LETTER_BEFORE = regex.compile(r"[\p{L}][\-]?\Z")
CLOCK = regex.compile(r"[:h]")
NON_DIGIT = regex.compile(r"\D")
WORDISH = regex.compile(r"[\p{L}\p{N}./\-]*")


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


def is_year_like(v: float) -> bool:
    return 1900 <= v <= 2100


class WrittenNumbers:
    """Reads written numbers: "mười lăm" = 15, "một trăm hai mươi" = 120, "ba trăm" = 300."""

    def __init__(self, roles: dict[str, dict[str, object]]):
        self.roles = roles
        self.words = frozenset(w for r in roles.values() for w in r)

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


class NumberFinder:
    """The numbers of a document, built once per lexicon."""

    def __init__(self, lex: Lexicon):
        self.written = {folded: WrittenNumbers(lex.number_roles[folded]) for folded in (True, False)}
        self.date_words = regex.compile(r"(?:" + lex.alternation("dates", "day_month_before") + r"|-)[ ]*\Z")
        self.range_tail = regex.compile(
            r"[ ]*(?:-|~|" + lex.alternation("numbers", "range_to") + r")[ ]*(\d+(?:[.,]\d+)*)")

    def find(self, doc: Document, lo: int, hi: int) -> tuple[list[Number], list[tuple[int, int, str]]]:
        """Numbers starting in the folded span ``[lo, hi)``, sorted, and the set-aside ones."""
        F = doc.folded
        numbers: list[Number] = []
        skipped: list[tuple[int, int, str]] = []
        taken_until = 0
        # the timeout guards the pattern pass only, so the matches are collected first
        for m in list(DIGIT_RUN.finditer(F, lo, hi, timeout=doc.timeout)):
            s, e = m.span()
            if s < taken_until:
                continue
            parsed = parse_digits(m.group())
            aside = self._set_aside(doc, s, e, parsed)
            if aside:
                skipped.append((s, aside[0], aside[1]))
                taken_until = aside[0]
                continue
            num = Number(s, e, parsed[0], ambiguous_thousands=parsed[1])
            taken_until = self._extend(doc, num)
            numbers.append(num)
        numbers.extend(self._written(doc, numbers, lo, hi))
        numbers.sort(key=lambda n: n.start)
        return numbers, skipped

    def _set_aside(self, doc: Document, s: int, e: int, parsed) -> tuple[int, str] | None:
        """(end, reason) when the digit run at ``[s, e)`` is part of no figure (SPEC §7)."""
        F = doc.folded
        before = F[max(0, s - 25):s]
        if LETTER_BEFORE.search(before):
            return _word_end(F, e), "code"  # C04, TG564, Covid-19, PA05
        ref = DOC_REF.match(F, s)
        if ref:
            return _word_end(F, ref.end()), "document number"
        d = DATE.match(F, s)
        if d:
            clock = CLOCK.search(d.group()) and "/" not in d.group()
            return d.end(), "time" if clock else "date"
        dm = DAY_MONTH.match(F, s)
        if dm and self.date_words.search(before):
            return dm.end(), "date"
        ph = PHONE.match(F, s)
        if ph and (F[s] == "0" or len(NON_DIGIT.sub("", ph.group())) >= 9):
            return ph.end(), "phone number"
        if parsed is None:
            return e, "code"
        if e < len(F) and F[e].isalpha():
            w = doc.words
            if not w.units.at(e) and not w.multipliers.at(e):
                return _word_end(F, e), "code"  # 218LP, 4G
        return None

    def multiplier(self, doc: Document, pos: int) -> tuple[float, int]:
        """Multiplier words after ``pos`` ("nghìn tỷ" = 1e12) and where they end."""
        F, w = doc.folded, doc.words
        factor, end = 1.0, pos
        while True:
            at = skip_spaces(F, end)
            m = w.multipliers.at(at)
            if not m:
                return factor, end
            # "tỷ lệ" is a rate and "triệu tập" a summons, not a billion or a million
            if w.not_multipliers.at(at):
                return factor, end
            factor *= float(m[2])
            end = m[1]

    def _extend(self, doc: Document, num: Number) -> int:
        """Apply multipliers and read a range; returns where the number expression ends."""
        F = doc.folded
        factor, end = self.multiplier(doc, num.end)
        if factor != 1:
            num.multiplier_start = skip_spaces(F, num.end)
        num.value *= factor
        if num.ambiguous_thousands is not None:
            num.ambiguous_thousands = None if factor != 1 else num.ambiguous_thousands
        num.end = end
        # ranges: "20 - 60 người", "từ 25 đến 35 triệu đồng"
        r = self.range_tail.match(F[end:end + 40])
        if r and not DATE.match(F, end + r.start(1)) and not DOC_REF.match(F, end + r.start(1)):
            parsed = parse_digits(r.group(1))
            if parsed is not None and not is_year_like(parsed[0]) or (parsed and not is_year_like(num.value)):
                hi_end = end + r.end(1)
                f2, hi_end2 = self.multiplier(doc, hi_end)
                hi = parsed[0] * f2
                if factor == 1 and f2 != 1:
                    num.value *= f2
                if hi > num.value:
                    num.value_max = hi
                    num.end = hi_end2
        return num.end

    def _written(self, doc: Document, digits: list[Number], lo: int, hi: int) -> list[Number]:
        F = doc.folded
        out: list[Number] = []
        # spans already read as numbers, sorted, to check overlaps in log time
        occ_starts = [n.start for n in digits]
        occ_ends = [n.end for n in digits]

        def free(s, e):
            i = bisect_right(occ_starts, s)
            if i > 0 and occ_ends[i - 1] > s:
                return False
            return i >= len(occ_starts) or occ_starts[i] >= e

        def occupy(s, e):
            i = bisect_right(occ_starts, s)
            occ_starts.insert(i, s)
            occ_ends.insert(i, e)

        # vague quantities: "hàng trăm", "hàng chục nghìn"
        for s, e, v, _ in doc.words.vague.all(lo, hi):
            if not free(s, e):
                continue
            num = Number(s, e, float(v), vague=True, kind="vague")
            factor, end = self.multiplier(doc, e)
            num.value *= factor
            num.end = end
            occupy(s, end)
            out.append(num)
        # words: "mười lăm vụ", "hai đối tượng"
        reader = self.written[doc.folded_mode]
        words = reader.words
        keys, starts, ends = doc.keys, doc.token_starts, doc.token_ends
        nfc = doc.norm.nfc
        n = len(keys)
        pos = 0
        i = bisect_right(starts, lo - 1)
        while i < n and starts[i] < hi:
            if keys[i] not in words or starts[i] < pos or (i > 0 and ends[i - 1] == starts[i]
                                                             and F[starts[i] - 1].isalnum()):
                i += 1
                continue
            s = starts[i]
            if not free(s, ends[i]):
                i += 1
                continue
            # the words that follow, separated by spaces only
            j = i + 1
            while j < n and j - i < 16 and not F[ends[j - 1]:starts[j]].strip() and F[starts[j]].isalnum():
                j += 1
            read = reader.read(keys[i:j])
            if not read:
                i += 1
                continue
            value, used = read
            e = ends[i + used - 1]
            pos = e
            i += used
            if used == 1 and value == 1:
                continue  # "một" alone is mostly the article "a": "một xã", "một căn nhà"
            if nfc[s].isupper() and s > 0 and doc.sentences[doc.sentence_of(s)][0] != s:
                continue  # a capital inside a sentence starts a name: "Hai Phong", "Ba Vì"
            num = Number(s, e, value, kind="written")
            factor, end = self.multiplier(doc, e)
            num.value *= factor
            num.end = end
            occupy(s, end)
            out.append(num)
        return out


def _word_end(F: str, pos: int) -> int:
    m = WORDISH.match(F[pos:pos + 40])
    return pos + (m.end() if m else 0)
