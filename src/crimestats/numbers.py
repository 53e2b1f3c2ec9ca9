"""The numbers stage: every way a Vietnamese report writes a quantity, read into a value.

A small grammar over the document's words. Its atoms are digit runs (``1.053.099``,
``90,9``), written numbers below a thousand (``hai trăm lẻ năm``, ``mười lăm``,
``không trăm mười một``), vague amounts (``hàng trăm``) and ``nửa``. A quantity is atoms
joined by multiplier words, the larger first (``15 tỷ 33 triệu``, ``hai mươi mốt nghìn
không trăm mười một``, ``2 nghìn tỷ``), with ``rưỡi`` as half the last multiplier, a ``k``
glued to digits (``10k``), and a currency written before it (``USD 2.000``). Two quantities
joined by a dash, ``đến``/``tới`` or ``giữa … và`` make a range. Digit runs that are part of
dates, codes and document references are set aside with the reason (SPEC §7).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

from .document import Document, skip_spaces, skip_spaces_back
from .lexicon import Lexicon
from .textnorm import fold_word

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
CLOCK = regex.compile(r"[:h]")
NON_DIGIT = regex.compile(r"\D")
WORDISH = regex.compile(r"[\p{L}\p{N}./\-]*")
# a dash or tilde between the two ends of a range ("20 - 25", "3%-5%")
RANGE_MARK = frozenset("-~")


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
    currency: tuple[str, int, int] | None = None  # "USD 2.000": (unit, start, end) before it
    scaled: bool = False  # has a multiplier word
    article: bool = False  # "một" alone: mostly the article "a" ("một xã"), a number only in "một tấn rưỡi"


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    value: float
    kind: str                      # digits / written / vague
    alt: float | None = None       # "1,500": the English-style reading
    filled: bool = False           # "không trăm …", "lẻ năm": a lower group after a multiplier
    currency: tuple[str, int, int] | None = None


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
    """Reads a written number below a thousand from a document's word keys."""

    def __init__(self, roles: dict[str, dict[str, object]]):
        self.words = frozenset(w for r in roles.values() for w in r)
        get = roles.get
        self.digit = get("digit", {})
        self.after_tens = get("after_tens", {})
        self.ten, self.tens, self.chuc = get("ten", {}), get("tens", {}), get("chuc", {})
        self.hundred, self.zero = get("hundred", {}), get("zero", {})
        self.filler, self.half, self.half_after = get("zero_filler", {}), get("half", {}), get("half_after", {})

    def read(self, keys: list[str], i: int, n: int, after_multiplier: bool = False):
        """(value, end index, filled) of the number starting at word ``i`` (words up to ``n``
        follow each other with spaces only), or None. ``filled``: it opens with an empty place
        ("không trăm", "lẻ"), so it is the lower group of a larger number."""
        digit, after_tens = self.digit, self.after_tens
        j, value, filled, hundreds = i, 0.0, False, False
        k = keys[j]
        nxt = keys[j + 1] if j + 1 < n else None
        if nxt in self.hundred and (k in digit or k in self.zero):
            value, filled, hundreds = 100.0 * float(digit.get(k, 0)), k in self.zero, True
            j += 2
        elif k in self.hundred:
            value, hundreds = 100.0, True
            j += 1
        elif k in self.half:
            return 0.5, j + 1, False
        if j < n:
            k = keys[j]
            nxt = keys[j + 1] if j + 1 < n else None
            if k in self.ten:                                   # mười, mười lăm
                value += 10
                j += 1
                if j < n and keys[j] in after_tens:
                    value += float(after_tens[keys[j]])
                    j += 1
            elif k in digit and nxt in self.tens:               # hai mươi, hai mươi mốt
                value += 10.0 * float(digit[k])
                j += 2
                if j < n and keys[j] in after_tens:
                    value += float(after_tens[keys[j]])
                    j += 1
            elif k in digit and nxt in self.chuc:               # hai chục
                value += 10.0 * float(digit[k])
                j += 2
            elif k in self.tens and j == i:                     # "mươi" alone: about ten
                value += 10
                j += 1
            elif k in self.filler and nxt in digit and (hundreds or after_multiplier):
                value += float(digit[nxt])                      # (trăm) lẻ năm
                filled = filled or not hundreds
                j += 2
            elif k in digit and j == i:
                value += float(digit[k])
                j += 1
            elif k in digit and hundreds:                       # một trăm hai: a hundred and twenty
                value += 10.0 * float(digit[k])
                j += 1
        if j == i:
            return None
        if j < n and keys[j] in self.half_after:               # hai trăm rưỡi, hai rưỡi
            value += 50 if hundreds and value % 100 == 0 else 0.5
            j += 1
        return value, j, filled


class NumberFinder:
    """The numbers of a document, built once per lexicon."""

    def __init__(self, lex: Lexicon):
        self.written = {folded: WrittenNumbers(lex.number_roles[folded]) for folded in (True, False)}
        self.date_words = regex.compile(r"(?:" + lex.alternation("dates", "day_month_before") + r"|-)[ ]*\Z")
        self.glued = {k.lower(): float(v) for k, v in lex.data["numbers"]["glued_multipliers"].items()}
        self.currencies = {" ".join(fold_word(p).split()): unit
                           for unit, phrases in lex.data["currency_before"].items() for p in phrases}
        alternation = "|".join(regex.escape(p) for p in sorted(self.currencies, key=len, reverse=True))
        # read backwards from the digits: the currency, not glued to a letter before it
        self.currency_before = regex.compile(r"(?r)(?<![^\W\d_])(?:" + alternation + r")[ ]?")

    def find(self, doc: Document, lo: int, hi: int) -> tuple[list[Number], list[tuple[int, int, str]]]:
        """Numbers starting in the folded span ``[lo, hi)``, sorted, and the set-aside ones."""
        atoms, skipped = self._digit_atoms(doc, lo, hi)
        atoms = sorted(atoms + self._word_atoms(doc, atoms, lo, hi), key=lambda a: a.start)
        starts = [a.start for a in atoms]
        numbers: list[Number] = []
        used: set[int] = set()
        for k, atom in enumerate(atoms):
            if k in used:
                continue
            num = self._quantity(doc, atoms, starts, k, used)
            if num is None:
                continue
            self._range(doc, num, atoms, starts, used)
            numbers.append(num)
        return numbers, skipped

    # ------------------------------------------------------------------ atoms
    def _digit_atoms(self, doc: Document, lo: int, hi: int):
        F = doc.folded
        atoms: list[Atom] = []
        skipped: list[tuple[int, int, str]] = []
        taken_until = 0
        # the timeout guards the pattern pass only, so the matches are collected first
        for m in list(DIGIT_RUN.finditer(F, lo, hi, timeout=doc.timeout)):
            s, e = m.span()
            if s < taken_until:
                continue
            parsed = parse_digits(m.group())
            currency = self._currency_before(doc, s)
            aside = None if currency and parsed else self._set_aside(doc, s, e, parsed)
            if aside:
                skipped.append((s, aside[0], aside[1]))
                taken_until = aside[0]
                continue
            atoms.append(Atom(s, e, parsed[0], "digits", parsed[1], currency=currency))
        return atoms, skipped

    def _currency_before(self, doc: Document, s: int):
        """"USD 2.000", "$10", "VND1000": the currency right before the digits (glued or one
        space apart) as (unit, start, end)."""
        m = self.currency_before.match(doc.folded, max(0, s - 8), s)
        if m is None:
            return None
        end = m.start() + len(m.group().rstrip(" "))
        return self.currencies[doc.folded[m.start():end]], m.start(), end

    def _set_aside(self, doc: Document, s: int, e: int, parsed) -> tuple[int, str] | None:
        """(end, reason) when the digit run at ``[s, e)`` is part of no figure (SPEC §7)."""
        F = doc.folded
        c1 = F[s - 1] if s else " "
        if c1.isalpha() or (c1 == "-" and s > 1 and F[s - 2].isalpha()):
            return _word_end(F, e), "code"  # C04, TG564, Covid-19, PA05
        ref = DOC_REF.match(F, s)
        if ref:
            return _word_end(F, ref.end()), "document number"
        d = DATE.match(F, s)
        if d:
            clock = CLOCK.search(d.group()) and "/" not in d.group()
            return d.end(), "time" if clock else "date"
        dm = DAY_MONTH.match(F, s)
        if dm and self.date_words.search(F, max(0, s - 25), s):
            return dm.end(), "date"
        ph = PHONE.match(F, s)
        if ph and (F[s] == "0" or len(NON_DIGIT.sub("", ph.group())) >= 9):
            return ph.end(), "phone number"
        if parsed is None:
            return e, "code"
        if e < len(F) and F[e].isalpha():
            w = doc.words
            if not w.units.at(e) and not w.multipliers.at(e) and not self._glued_at(doc, e):
                return _word_end(F, e), "code"  # 218LP, 4G
        return None

    def _glued_at(self, doc: Document, pos: int) -> float | None:
        """A multiplier glued to the digits before ``pos`` ("10k"), not run on into a word."""
        F = doc.folded
        word = doc.word_at(pos)
        if word is None or word[0] != pos:
            return None
        return self.glued.get(F[pos:word[1]])

    def _word_atoms(self, doc: Document, digits: list[Atom], lo: int, hi: int) -> list[Atom]:
        F, w = doc.folded, doc.words
        out: list[Atom] = []
        taken = sorted((a.start, a.end) for a in digits)
        taken_starts = [s for s, _ in taken]

        def free(s, e):
            i = bisect_left(taken_starts, e)
            return i == 0 or taken[i - 1][1] <= s

        # vague amounts: "hàng trăm", "hàng chục nghìn"
        for s, e, v, _ in w.vague.all(lo, hi):
            if free(s, e):
                out.append(Atom(s, e, float(v), "vague"))
        vague_ends = [a.end for a in out]
        vague_starts = [a.start for a in out]
        reader = self.written[doc.folded_mode]
        words = reader.words
        keys, starts, ends = doc.keys, doc.token_starts, doc.token_ends
        n = len(keys)
        i = bisect_left(starts, lo)
        pos = 0
        while i < n and starts[i] < hi:
            s = starts[i]
            if keys[i] not in words or s < pos or (i > 0 and ends[i - 1] == s and F[s - 1].isalnum()):
                i += 1
                continue
            v = bisect_left(vague_starts, s + 1) - 1
            if v >= 0 and vague_ends[v] > s:
                i += 1
                continue
            if w.not_numbers.at(s):  # "một số", "ba lô", "năm nay"
                i = bisect_left(starts, w.not_numbers.at(s)[1])
                continue
            compound = w.compounds.ending(ends[i])
            if compound and compound[0] < s:  # "trung tâm" typed "trung tam": not "tám"
                i += 1
                continue
            # the words that follow, separated by spaces only
            j = i + 1
            while j < n and j - i < 8 and F[ends[j - 1]:starts[j]].strip(" ") == "" and F[starts[j]].isalnum():
                j += 1
            after_multiplier = i > 0 and bool(w.multipliers.ending(skip_spaces_back(F, s)))
            read = reader.read(keys, i, j, after_multiplier)
            if not read:
                i += 1
                continue
            value, k, filled = read
            e = ends[k - 1]
            if free(s, e):
                out.append(Atom(s, e, value, "written", filled=filled))
            pos = e
            i = k
        return out

    # ------------------------------------------------------------------ quantities
    def _next_atom(self, doc: Document, atoms, starts, pos: int, used: set[int]):
        """The atom right after ``pos`` (spaces only between), not yet used: its index or None."""
        at = skip_spaces(doc.folded, pos)
        k = bisect_left(starts, at)
        if k < len(atoms) and starts[k] == at and k not in used:
            return k
        return None

    def _scale(self, doc: Document, pos: int, glued_ok: bool):
        """The multiplier after ``pos``: (value, start, end) or None."""
        F, w = doc.folded, doc.words
        at = skip_spaces(F, pos)
        m = w.multipliers.at(at)
        compound = w.compounds.at(at)
        if compound and m and compound[1] > m[1]:
            m = None  # "15 van ban" is "15 văn bản", not "vạn"
        if m and not w.not_multipliers.at(at):  # "tỷ lệ" is a rate, "triệu tập" a summons
            return float(m[2]), m[0], m[1]
        if glued_ok and at == pos:
            g = self._glued_at(doc, pos)
            if g:
                word = doc.word_at(pos)
                return g, word[0], word[1]
        return None

    def _quantity(self, doc: Document, atoms, starts, k: int, used: set[int]) -> Number | None:
        F, w = doc.folded, doc.words
        atom = atoms[k]
        used.add(k)
        total, current, top, last = 0.0, atom.value, 0.0, 0.0
        end = atom.end
        multiplier_start = None
        glued_ok = atom.kind == "digits"
        while True:
            sc = self._scale(doc, end, glued_ok)
            glued_ok = False
            if sc is None:
                break
            f, s, e = sc
            if multiplier_start is None or f < last:
                multiplier_start = s  # the last group's: "15 tỷ 33 triệu đồng" is written in "triệu đồng"
            if f > top:               # "nghìn tỷ": a larger multiplier takes all before it
                total, top = (total + current) * f, f
            else:                     # "15 tỷ 33 triệu": a smaller one its own group
                total += current * f
            current, last, end = 0.0, f, e
            half = w.half_after.at(skip_spaces(F, end))
            if half:                  # "ba triệu rưỡi": half the multiplier
                total += f / 2
                end = half[1]
                break
            nk = self._next_atom(doc, atoms, starts, end, used)
            if nk is None or atoms[nk].kind == "vague":
                continue
            nxt = atoms[nk]
            following = self._scale(doc, nxt.end, nxt.kind == "digits")
            if following and following[0] < last:
                used.add(nk)           # "15 tỷ 33 triệu": a lower group and its multiplier
                current, end = nxt.value, nxt.end
                glued_ok = nxt.kind == "digits"
                continue
            tail = self._lower_group(nxt, last) if following is None else None
            if tail is not None:
                used.add(nk)
                total += tail
                end = nxt.end
            break
        value = total + current
        article = atom.kind == "written" and multiplier_start is None and value == 1 and end - atom.start <= 4
        if atom.kind == "written" and multiplier_start is None and atom.value == 0:
            return None
        nfc = doc.norm.nfc
        s = atom.start
        if atom.kind == "written" and nfc[s].isupper() and s > 0 and doc.sentences[doc.sentence_of(s)][0] != s:
            return None               # a capital inside a sentence starts a name: "Hai Phong", "Ba Vì"
        start = atom.currency[1] if atom.currency else atom.start
        return Number(start, end, value, vague=atom.kind == "vague",
                      ambiguous_thousands=atom.alt if multiplier_start is None else None,
                      kind=atom.kind, multiplier_start=multiplier_start, currency=atom.currency,
                      scaled=multiplier_start is not None, article=article)

    @staticmethod
    def _lower_group(atom: Atom, last: float) -> float | None:
        """What a number with no multiplier of its own adds after multiplier ``last``: the
        group below it, as written in full ("hai triệu không trăm lẻ năm" = 2 000 005,
        "hai nghìn năm trăm" = 2 500, "một triệu một trăm" = 1 000 100), or one digit said
        short for the next place down ("hai nghìn ba" = 2 300, "ba triệu hai" = 3 200 000)."""
        v = atom.value
        if v >= 1000 or atom.kind == "vague":
            return None
        if v < 10 and atom.kind == "written" and not atom.filled:
            return v * last / 10
        return v

    def _range(self, doc: Document, num: Number, atoms, starts, used: set[int]) -> None:
        """"20 - 25 triệu", "từ 20 đến 25 triệu", "giữa 100 và 150 nghìn": a second quantity
        right after the first makes a range; a multiplier on the second end is on both."""
        F, w = doc.folded, doc.words
        at = skip_spaces(F, num.end)
        if at < len(F) and F[at] in RANGE_MARK:
            link_end = at + 1
        else:
            link = w.range_to.at(at)
            if link is None and w.range_and.at(at) and w.range_between.ending(skip_spaces_back(F, num.start)):
                link = w.range_and.at(at)
            if link is None:
                return
            link_end = link[1]
        k = self._next_atom(doc, atoms, starts, link_end, used)
        if k is None or atoms[k].currency:
            return
        second = self._quantity(doc, atoms, starts, k, set(used))
        if second is None or (is_year_like(num.value) and is_year_like(second.value) and not second.scaled):
            return
        if not num.scaled and second.scaled:
            factor = second.value / atoms[k].value if atoms[k].value else 1
            if factor > 1 and num.value * factor <= second.value:
                num.value *= factor
                num.multiplier_start = second.multiplier_start
                num.scaled = True
        if second.value <= num.value:
            return
        self._quantity(doc, atoms, starts, k, used)  # mark its atoms used
        num.value_max = second.value
        num.end = second.end
        num.ambiguous_thousands = None


def _word_end(F: str, pos: int) -> int:
    m = WORDISH.match(F[pos:pos + 40])
    return pos + (m.end() if m else 0)
