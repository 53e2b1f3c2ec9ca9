"""Which year a figure describes (SPEC §5).

Year mentions are classed as they are written: a baseline (``so với cùng kỳ năm 2020``),
a span of several years (``giai đoạn 2016 – 2021``, ``từ năm 2020 đến nay``), a birth year
(``SN 1997``), a full date, or a period (``năm 2021``, ``6 tháng đầu năm 2021``).
A period or date that opens a sentence governs what follows; one inside a sentence governs
that sentence only; the first line (title or lead) gives the document's main year.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%]|[.,]\d)")
FULL_DATE = regex.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\Z")
BIRTH = regex.compile(r"(?:\bsn|sinh[ ]+nam|sinh)[ :]*\Z")
BASELINE = regex.compile(r"(?:so[ ]+voi|cung[ ]+ky|so[ ]+cung[ ]+ky)[^,;:()]{0,40}\Z")
MULTI_BEFORE = regex.compile(r"(?:giai[ ]+doan|tu[ ]+nam|nhung[ ]+nam|cac[ ]+nam|nhiem[ ]+ky|thoi[ ]+ky)[ ]*\Z")
MULTI_AFTER = regex.compile(r"[ ]*(?:-|den|toi|va)[ ]*(?:nam[ ]+|quy[ ]+[ivx\d]+[ ./]*)?(?:19|20)\d\d")
YEAR_CONTEXT = regex.compile(r"(?:nam|quy[ ]+[ivx\d]+|thang[ ]+\d{1,2}|[/.\-]|ky|dan|dau|cuoi|giua|tu|den)[ ]*\Z")
PERIOD_PHRASE = regex.compile(
    r"""(?:
        (?:\d+|[a-z]+)[ ]+thang[ ]+(?:dau|cuoi)[ ]+(?:nam[ ]+)?      # 6 tháng đầu năm 2021
      | quy[ ]+[ivx\d]+[ ]*[/.]?[ ]*(?:nam[ ]+)?                     # quý I/2025
      | (?:tu[ ]+)?(?:dau|cuoi|giua)[ ]+nam[ ]+                      # từ đầu năm 2011
      | thang[ ]+\d{1,2}[ ]*/[ ]*                                     # tháng 5/2021
    )\Z""",
    regex.VERBOSE,
)


@dataclass(slots=True)
class YearMention:
    start: int
    end: int
    year: int | None          # None: a span of several years
    kind: str                 # period / date / baseline
    opens_sentence: bool
    period_start: int | None  # where a period phrase ("6 tháng đầu năm 2021") starts


class YearIndex:
    def __init__(self, doc):
        F = doc.folded
        self.doc = doc
        self.mentions: list[YearMention] = []
        for m in YEAR.finditer(F):
            s, e = m.span()
            before = F[max(0, s - 60):s]
            y = int(m.group())
            if BIRTH.search(before):
                continue
            if not YEAR_CONTEXT.search(before) and not _in_first_line(doc, s):
                continue  # a bare 4-digit number is a year only where a year is expected
            kind = "period"
            if FULL_DATE.search(before):
                kind = "date"
            if BASELINE.search(before):
                kind = "baseline"
            year: int | None = y
            if kind != "baseline" and (MULTI_BEFORE.search(before) or MULTI_AFTER.match(F, e)):
                year = None
            if kind != "baseline" and self.mentions and self.mentions[-1].year is None \
                    and self.mentions[-1].kind != "baseline" and F[self.mentions[-1].end:s].strip(" -") in ("", "den", "toi", "va") \
                    and _same_run(F, self.mentions[-1].end, s):
                year = None  # second end of a span
            sent = doc.sentence_of(s)
            ss = doc.sentences[sent][0]
            lead = F[ss:s]
            opens = len(regex.findall(r"[\p{L}\p{N}]+", lead)) <= 7 and "," not in lead.rstrip(" ,")[:-1] if lead else True
            pp = PERIOD_PHRASE.search(F, max(0, s - 40), s)
            self.mentions.append(YearMention(s, e, year, kind, opens, pp.start() if pp else None))
        self.first_line_end = doc.newlines[0] if doc.newlines else len(doc.input)
        self.main = self._main_year()
        self.baseline_fallback = next(
            (m.year + 1 for m in self.mentions if m.kind == "baseline" and m.year
             and "cung ky" in F[max(0, m.start - 40):m.start]), None)

    def _main_year(self) -> tuple[bool, int | None]:
        """(found, year): the title's or lead's year, else the first opening 'Năm YYYY'."""
        first_line_norm_end = self.doc.folded.find("\n")
        if first_line_norm_end < 0:
            first_line_norm_end = len(self.doc.folded)
        for m in self.mentions:
            if m.start < first_line_norm_end and m.kind != "baseline":
                return True, m.year
        for m in self.mentions:
            if m.kind != "baseline" and m.opens_sentence:
                return True, m.year
        return False, None

    def year_for(self, pos: int, sentence: int) -> tuple[int | None, YearMention | None]:
        s0, s1 = self.doc.sentences[sentence]
        F = self.doc.folded
        in_sentence = [m for m in self.mentions if s0 <= m.start < s1 and m.kind != "baseline"]
        before = [m for m in in_sentence if m.end <= pos]
        if before:
            return before[-1].year, before[-1]
        clause_end = _clause_end(F, pos, s1)
        after = [m for m in in_sentence if pos <= m.start < clause_end]
        if after:
            return after[0].year, after[0]
        carried = [m for m in self.mentions if m.start < s0 and m.opens_sentence and m.kind != "baseline"]
        if carried:
            return carried[-1].year, carried[-1]
        found, year = self.main
        if found:
            return year, None
        return self.baseline_fallback, None

    def period_text(self, mention: YearMention | None) -> str | None:
        if mention is None or mention.period_start is None or mention.year is None:
            return None
        return self.doc.input_text(mention.period_start, mention.end)


def _clause_end(F: str, pos: int, limit: int) -> int:
    m = regex.compile(r"[;(]").search(F, pos, limit)
    return m.start() if m else limit


def _same_run(F: str, a: int, b: int) -> bool:
    return b - a <= 20


def _in_first_line(doc, pos: int) -> bool:
    nl = doc.folded.find("\n")
    return nl < 0 or pos < nl
