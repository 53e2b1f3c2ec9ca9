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

from .document import Document
from .lexicon import Lexicon

YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%]|[.,]\d)")
# The patterns read the words right before a year. They run in reverse mode, anchored where
# the year starts: one attempt each instead of a scan of the window.
FULL_DATE = regex.compile(r"(?r)\d{1,2}[/.\-]\d{1,2}[/.\-]")
COLON_AFTER = regex.compile(r"[ ]*:")
DOC_NUMBER_AFTER = regex.compile(r"/[ ]*[a-z]")
CLAUSE_BREAK = regex.compile(r"[;(]")
# how far into a text a full date still reads as the article's dateline
DATELINE_REACH = 400
WORDS = regex.compile(r"\p{L}+")


class YearPatterns:
    """The year patterns, built from the lexicon once."""

    def __init__(self, lex: Lexicon):
        def alt(key):
            return lex.alternation("years", key)

        year_word, month, quarter = alt("year_word"), alt("month"), alt("quarter")
        roman = r"[ ]+[ivx\d]+"
        self.birth = regex.compile(r"(?r)\b" + alt("birth") + r"[ :]*")
        self.baseline = regex.compile(r"(?r)" + alt("baseline") + r"[^,;:().]{0,40}")
        # a date inside a legal reference ("Chỉ thị số 48-CT/TW ngày 22/10/2010") is no period
        self.legal_ref = regex.compile(r"(?r)(?:\d+[/\-][a-z][\w/\-]*|" + alt("legal") + r")[^.;]{0,20}")
        self.multi_before = regex.compile(r"(?r)" + alt("multi_before") + r"[ ]*")
        self.context = regex.compile(r"(?r)(?:" + year_word + "|" + quarter + roman + "|" + month
                                     + r"[ ]+\d{1,2}|[/.\-]|" + alt("context") + r")[ ]*")
        # a day with no year ("ngày 19/11", "từ ngày 9 đến 15/6") opens a period whose year is
        # not said; a pass over the whole text, so the standard library's faster engine
        self.yearless_day = re.compile(r"(?<!\w)" + alt("day_words")
                                       + r"[ ]+\d{1,2}(?:[/.\-]\d{1,2})?(?![/.\-]?\d)")
        to_and = r"(?:-|" + alt("to") + "|" + alt("and") + ")"
        self.multi_after = regex.compile(r"[ ]*" + to_and + r"[ ]*(?:" + year_word + r"[ ]+|" + quarter + roman
                                         + r"[ ./]*)?(?:19|20)\d\d")
        self.span_link = lex.folded("years", "to") | lex.folded("years", "and")
        self.period_phrase = regex.compile(
            r"(?:(?:\d+|[a-z]+)[ ]+" + month + r"[ ]+" + alt("first_last") + r"[ ]+(?:" + year_word + r"[ ]+)?"
            + r"|" + quarter + roman + r"[ ]*[/.]?[ ]*(?:" + year_word + r"[ ]+)?"
            + r"|(?:" + alt("from") + r"[ ]+)?" + alt("part_of_year") + r"[ ]+" + year_word + r"[ ]+"
            + r"|" + month + r"[ ]+\d{1,2}[ ]*/[ ]*"
            + r")\Z")
        self.until_now = regex.compile(r"[ ]*" + alt("to") + r"[ ]+" + alt("until_now") + r"\b")
        self.main_lead = lex.folded("years", "main_lead")
        self.same_period = regex.compile(alt("same_period"))


@dataclass(slots=True)
class YearMention:
    start: int
    end: int
    year: int | None          # None: a span of several years
    kind: str                 # period / date / baseline / day (a day with no year)
    carries: bool             # governs the sentences that follow
    period: str | None        # the period phrase as written ("6 tháng đầu năm 2021")


@dataclass(slots=True)
class YearState:
    """What the pieces of a long text read so far hand on to the next."""

    carried: YearMention | None = None           # the last mention that governs what follows
    main: tuple[bool, int | None] = (False, None)
    fallback: int | None = None                   # the year after a same-period baseline


class YearIndex:
    def __init__(self, doc: Document, pat: YearPatterns, state: YearState | None = None):
        F = doc.folded
        state = state if state is not None else YearState()
        self.doc = doc
        self.mentions: list[YearMention] = []
        units = doc.words.units
        # the timeout guards the pattern pass only, so the matches are collected first
        for m in list(YEAR.finditer(F, timeout=doc.timeout)):
            s, e = m.span()
            lo = max(0, s - 60)
            y = int(m.group())
            if pat.birth.match(F, lo, s):
                continue  # a birth year
            year_context = pat.context.match(F, lo, s)
            if not year_context:
                unit = units.at(_skip(F, e))
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
                if pat.legal_ref.match(F, max(0, s - 70), date.start()):
                    continue
            if pat.baseline.match(F, lo, s):
                kind = "baseline"
            year: int | None = y
            if kind != "baseline" and (pat.multi_before.match(F, lo, s) or pat.multi_after.match(F, e)):
                year = None
            if kind != "baseline" and self.mentions and self.mentions[-1].year is None \
                    and self.mentions[-1].kind != "baseline" \
                    and (F[self.mentions[-1].end:s].strip(" -") in pat.span_link
                         or not F[self.mentions[-1].end:s].strip(" -")) \
                    and s - self.mentions[-1].end <= 20:
                year = None  # second end of a span
            sent = doc.sentences[doc.sentence_of(s)]
            # a year in brackets or before a colon lists values ("(năm 2016: 1.112 vụ; …)"):
            # it holds for its own clause only
            lead = F[sent[0]:s]
            # "từ tháng 3/2023 đến nay" runs up to the time of writing: its sentence only
            carries = kind != "baseline" and lead.count("(") <= lead.count(")") \
                and not COLON_AFTER.match(F, e) and not pat.until_now.match(F, e)
            pp = pat.period_phrase.search(F, max(0, s - 40), s)
            period = doc.input_text(pp.start(), e) if pp and year is not None else None
            self.mentions.append(YearMention(s, e, year, kind, carries, period))
        for m in pat.yearless_day.finditer(F):
            self.mentions.append(YearMention(m.start(), m.end(), None, "day", True, None))
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # for each mention, the last mention up to it that governs what follows; a day with
        # no year after a full date keeps the date's year ("14/10/2024 … Ngày 12/10, …")
        self.last_carrying: list[YearMention | None] = []
        self.carried_in = last = state.carried
        for m in self.mentions:
            if m.carries:
                if m.kind == "day" and last is not None and last.kind == "date":
                    m.year, m.kind = last.year, "date"
                last = m
            self.last_carrying.append(last)
        state.carried = last
        if not state.main[0]:
            state.main = self._main_year(pat)
        self.main = state.main
        if state.fallback is None:
            state.fallback = next(
                (m.year + 1 for m in self.mentions if m.kind == "baseline" and m.year
                 and pat.same_period.search(F, max(0, m.start - 40), m.start)), None)
        self.baseline_fallback = state.fallback

    def _main_year(self, pat: YearPatterns) -> tuple[bool, int | None]:
        """(found, year): the year of the title or lead line, else of the first 'Năm YYYY'."""
        F = self.doc.folded
        if self.doc.first:
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
            if m.kind == "period" and " ".join(F[s0:m.start].split()) in pat.main_lead:
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
            carried = self.last_carrying[lo - 1] if lo > 0 else self.carried_in
            if carried is not None and carried.kind != "day":
                return carried.year, carried
        found, year = self.main
        if found:
            return year, None
        return self.baseline_fallback, None

    @staticmethod
    def period_text(mention: YearMention | None) -> str | None:
        return None if mention is None else mention.period


def _skip(F: str, pos: int) -> int:
    while pos < len(F) and F[pos] == " ":
        pos += 1
    return pos


def _alone_on_its_line(F: str, pos: int) -> bool:
    """A dateline: "Thứ bảy, 6/12/2025 08:09 (GMT+7)", a line of a few words around a date."""
    start = F.rfind("\n", 0, pos) + 1
    end = F.find("\n", pos)
    line = F[start:end if end >= 0 else len(F)]
    return len(WORDS.findall(line)) <= 6


def _clause_end(F: str, pos: int, limit: int) -> int:
    m = CLAUSE_BREAK.search(F, pos, limit)
    return m.start() if m else limit


def _in_first_line(doc: Document, pos: int) -> bool:
    nl = doc.folded.find("\n")
    return doc.first and (nl < 0 or pos < nl)
