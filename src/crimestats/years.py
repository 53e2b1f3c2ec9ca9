"""Which year a figure describes (SPEC §5).

Year mentions are classed as they are written: a baseline (``so với cùng kỳ năm 2020``),
a span of several years (``giai đoạn 2016 – 2021``, ``từ năm 2020 đến nay``), a birth year
(``SN 1997``), a full date, or a period (``năm 2021``, ``6 tháng đầu năm 2021``).
A period or date that opens a sentence governs what follows; one inside a sentence governs
that sentence only; the first line (title or lead) gives the document's main year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import regex

from .lexicon import trie_pattern

YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%]|[.,]\d)")
# The patterns below read the words right before a year. They run in reverse mode, anchored
# where the year starts: one attempt each instead of a scan of the window.
FULL_DATE = regex.compile(r"(?r)\d{1,2}[/.\-]\d{1,2}[/.\-]")
BIRTH = regex.compile(r"(?r)(?:\bsn|sinh[ ]+nam|sinh)[ :]*")
BASELINE = regex.compile(r"(?r)(?:so[ ]+voi|cung[ ]+ky|so[ ]+cung[ ]+ky)[^,;:().]{0,40}")
# a date inside a legal reference ("Chỉ thị số 48-CT/TW ngày 22/10/2010") is no period
LEGAL_REF = regex.compile(r"(?r)(?:\d+[/\-][a-z][\w/\-]*|chi[ ]+thi|nghi[ ]+quyet|nghi[ ]+dinh|quyet[ ]+dinh|thong[ ]+tu|luat|cong[ ]+van|ban[ ]+hanh)[^.;]{0,20}")
MULTI_BEFORE = regex.compile(r"(?r)(?:giai[ ]+doan|tu[ ]+nam|nhung[ ]+nam|cac[ ]+nam|nhiem[ ]+ky|thoi[ ]+ky)[ ]*")
YEAR_CONTEXT = regex.compile(r"(?r)(?:nam|quy[ ]+[ivx\d]+|thang[ ]+\d{1,2}|[/.\-]|ky|dan|dau|cuoi|giua|tu|den)[ ]*")
# a day with no year ("ngày 19/11", "từ ngày 9 đến 15/6") opens a period whose year is not said;
# a pass over the whole text, so the standard library's faster engine
YEARLESS_DAY = re.compile(
    r"(?:" + trie_pattern(["ngay", "sang", "chieu", "toi", "trua", "dem", "rang sang"], word_start=True) + r")[ ]+\d{1,2}(?:[/.\-]\d{1,2})?(?![/.\-]?\d)")
MULTI_AFTER = regex.compile(r"[ ]*(?:-|den|toi|va)[ ]*(?:nam[ ]+|quy[ ]+[ivx\d]+[ ./]*)?(?:19|20)\d\d")
PERIOD_PHRASE = regex.compile(
    r"""(?:
        (?:\d+|[a-z]+)[ ]+thang[ ]+(?:dau|cuoi)[ ]+(?:nam[ ]+)?      # 6 tháng đầu năm 2021
      | quy[ ]+[ivx\d]+[ ]*[/.]?[ ]*(?:nam[ ]+)?                     # quý I/2025
      | (?:tu[ ]+)?(?:dau|cuoi|giua)[ ]+nam[ ]+                      # từ đầu năm 2011
      | thang[ ]+\d{1,2}[ ]*/[ ]*                                     # tháng 5/2021
    )\Z""",
    regex.VERBOSE,
)
COLON_AFTER = regex.compile(r"[ ]*:")
DOC_NUMBER_AFTER = regex.compile(r"/[ ]*[a-z]")
CLAUSE_BREAK = regex.compile(r"[;(]")
# how far into a text a full date still reads as the article's dateline
DATELINE_REACH = 400
WORDS = regex.compile(r"\p{L}+")
UNTIL_NOW = regex.compile(r"[ ]*(?:den|toi)[ ]+(?:nay|hien[ ]+nay|thoi[ ]+diem[ ]+nay)\b")


@dataclass(slots=True)
class YearMention:
    start: int
    end: int
    year: int | None          # None: a span of several years
    kind: str                 # period / date / baseline / day (a day with no year)
    carries: bool             # governs the sentences that follow
    period_start: int | None  # where a period phrase ("6 tháng đầu năm 2021") starts


class YearIndex:
    def __init__(self, doc, lex):
        F = doc.folded
        self.doc = doc
        self.mentions: list[YearMention] = []
        # the timeout guards the pattern pass only, so the matches are collected first
        for m in list(YEAR.finditer(F, timeout=doc.timeout)):
            s, e = m.span()
            lo = max(0, s - 60)
            y = int(m.group())
            if BIRTH.match(F, lo, s):
                continue  # a birth year
            year_context = YEAR_CONTEXT.match(F, lo, s)
            if not year_context:
                unit = lex.units.match_at(F, e, exact=doc.exact)
                if unit and unit[2] != "percent":
                    continue  # a count that looks like a year: "Bắt giữ 2021 đối tượng"
            if DOC_NUMBER_AFTER.match(F, e, e + 3):
                continue  # inside a document number: "58/2020/TT-BCA"
            if not year_context and not _in_first_line(doc, s):
                continue  # a bare 4-digit number is a year only where a year is expected
            kind = "period"
            date = FULL_DATE.match(F, lo, s)
            if date:
                kind = "date"
                if LEGAL_REF.match(F, max(0, s - 70), date.start()):
                    continue
            if BASELINE.match(F, lo, s):
                kind = "baseline"
            year: int | None = y
            if kind != "baseline" and (MULTI_BEFORE.match(F, lo, s) or MULTI_AFTER.match(F, e)):
                year = None
            if kind != "baseline" and self.mentions and self.mentions[-1].year is None \
                    and self.mentions[-1].kind != "baseline" and F[self.mentions[-1].end:s].strip(" -") in ("", "den", "toi", "va") \
                    and _same_run(F, self.mentions[-1].end, s):
                year = None  # second end of a span
            sent = doc.sentences[doc.sentence_of(s)]
            # a year in brackets or before a colon lists values ("(năm 2016: 1.112 vụ; …)"):
            # it holds for its own clause only
            lead = F[sent[0]:s]
            # "từ tháng 3/2023 đến nay" runs up to the time of writing: its sentence only
            carries = kind != "baseline" and lead.count("(") <= lead.count(")") \
                and not COLON_AFTER.match(F, e) and not UNTIL_NOW.match(F, e)
            pp = PERIOD_PHRASE.search(F, max(0, s - 40), s)
            self.mentions.append(YearMention(s, e, year, kind, carries, pp.start() if pp else None))
        for m in YEARLESS_DAY.finditer(F):
            self.mentions.append(YearMention(m.start(), m.end(), None, "day", True, None))
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # for each mention, the last mention up to it that governs what follows; a day with
        # no year after a full date keeps the date's year ("14/10/2024 … Ngày 12/10, …")
        self.last_carrying: list[YearMention | None] = []
        last = None
        for m in self.mentions:
            if m.carries:
                if m.kind == "day" and last is not None and last.kind == "date":
                    m.year, m.kind = last.year, "date"
                last = m
            self.last_carrying.append(last)
        self.main = self._main_year()
        self.baseline_fallback = next(
            (m.year + 1 for m in self.mentions if m.kind == "baseline" and m.year
             and "cung ky" in F[max(0, m.start - 40):m.start]), None)

    def _main_year(self) -> tuple[bool, int | None]:
        """(found, year): the year of the title or lead line, else of the first 'Năm YYYY'."""
        F = self.doc.folded
        first_line_end = F.find("\n")
        if first_line_end < 0:
            first_line_end = len(F)
        for m in self.mentions:
            if m.start < first_line_end and m.kind in ("period", "date"):
                return True, m.year
        for m in self.mentions:
            if m.kind == "date" and m.start < DATELINE_REACH and _alone_on_its_line(F, m.start):
                return True, m.year  # the article's dateline under its title
        for m in self.mentions:
            s0 = self.doc.sentences[self.doc.sentence_of(m.start)][0]
            if m.kind == "period" and F[s0:m.start].strip() in ("nam", "trong nam"):
                return True, m.year
        return False, None

    def year_for(self, pos: int, sentence: int) -> tuple[int | None, YearMention | None]:
        s0, s1 = self.doc.sentences[sentence]
        F = self.doc.folded
        lo, hi = bisect_left(self.starts, s0), bisect_left(self.starts, s1)
        in_sentence = [m for m in self.mentions[lo:hi] if m.kind != "baseline"]
        before = [m for m in in_sentence if m.end <= pos]
        if before and before[-1].kind != "day":
            return before[-1].year, before[-1]
        if not before:
            clause_end = _clause_end(F, pos, s1)
            after = [m for m in in_sentence if pos <= m.start < clause_end and m.kind != "day"]
            if after:
                return after[0].year, after[0]
            carried = self.last_carrying[lo - 1] if lo > 0 else None
            if carried is not None and carried.kind != "day":
                return carried.year, carried
        found, year = self.main
        if found:
            return year, None
        return self.baseline_fallback, None

    def period_text(self, mention: YearMention | None) -> str | None:
        if mention is None or mention.period_start is None or mention.year is None:
            return None
        return self.doc.input_text(mention.period_start, mention.end)


def _alone_on_its_line(F: str, pos: int) -> bool:
    """A dateline: "Thứ bảy, 6/12/2025 08:09 (GMT+7)", a line of a few words around a date."""
    start = F.rfind("\n", 0, pos) + 1
    end = F.find("\n", pos)
    line = F[start:end if end >= 0 else len(F)]
    return len(WORDS.findall(line)) <= 6


def _clause_end(F: str, pos: int, limit: int) -> int:
    m = CLAUSE_BREAK.search(F, pos, limit)
    return m.start() if m else limit


def _same_run(F: str, a: int, b: int) -> bool:
    return b - a <= 20


def _in_first_line(doc, pos: int) -> bool:
    nl = doc.folded.find("\n")
    return nl < 0 or pos < nl
