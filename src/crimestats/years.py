"""The years stage: which year a figure describes (SPEC §5).

Each year the text names is given a role once per document, from the words around it:

    period    "Năm 2020, …", "trong 6 tháng đầu năm 2021", "tháng 9.2023", "quý III/2024",
              "từ tháng 3/2023, …" (an onset with no end governs forward like a period)
    date      "Ngày 23/12/2025, …": its year, for its sentence and what follows
    plan      "Về nhiệm vụ công tác năm 2022, …": a period, but not what the report reports
    launch    "tổng kết năm 2021 và triển khai nhiệm vụ năm 2022": the plan of a review meeting,
              which governs nothing (the figures that follow are of the year reviewed)
    baseline  "so với cùng kỳ năm 2020": never a figure's year
    span      "giai đoạn 2016 – 2020", "năm 2019 và 9 tháng đầu năm 2020", "từ tháng 11/2021
              đến khi bị bắt", "trong 5 năm qua": the figures it governs have no one year
    day       "Ngày 15/10": a day whose year is that of the period around it

and a scope: a year listed in brackets or before a colon ("(năm 2016: 1.112 vụ)") holds for its
clause only; the others govern forward until the next. A figure takes the nearest that
governs it: a year of its own sentence before it, else one later in its clause, else the last
that governs forward, else the document's main year — the year of its title, else of its
dateline, else the first year the text names as the time of what it reports, else the year
after a baseline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

import regex

from .document import Document
from .lexicon import Lexicon

# passes over the whole text run on the standard library's engine, several times faster; the
# patterns cannot backtrack
# (the character before a year is checked on each match: a lookbehind first slows the scan)
YEAR = re.compile(r"(?:19|20)\d\d(?![\d%]|[.,]\d)")
# The patterns read the words right before a year. They run in reverse mode, anchored where
# the year starts: one attempt each instead of a scan of the window.
FULL_DATE = regex.compile(r"(?r)(\d{1,2})[/.\-](\d{1,2})[/.\-][ ]*")
_NOT_BEFORE = frozenset("0123456789.,")
COLON_AFTER = regex.compile(r"[ ]*:")
DOC_NUMBER_AFTER = regex.compile(r"/[ ]*[a-z]")
CLAUSE_BREAK = regex.compile(r"[;(]")
CLAUSE_CLOSE = regex.compile(r"[;)]")
# how far into a text a full date still reads as the article's dateline
DATELINE_REACH = 400
WORDS = regex.compile(r"\p{L}+")
# a reporting year written as its dates runs about twelve months ("từ 16/12/2022 đến 15/12/2023")
REPORTING_YEAR_DAYS = (300, 366)


class YearPatterns:
    """The year patterns, built from the lexicon once."""

    def __init__(self, lex: Lexicon):
        def alt(key):
            return lex.alternation("years", key)

        year_word, month, quarter = alt("year_word"), alt("month"), alt("quarter")
        roman = r"[ ]+[ivx\d]+"
        period_phrase = (r"(?:(?:\d+|[a-z]+)[ ]+" + month + r"[ ]+" + alt("first_last") + r"[ ]+)?(?:"
                         + year_word + r"[ ]+)?")
        self.birth = regex.compile(r"(?r)\b" + alt("birth") + r"[ :]*")
        self.baseline = regex.compile(r"(?r)" + alt("baseline") + r"[^,;:().]{0,40}")
        # a date inside a legal reference ("Chỉ thị số 48-CT/TW ngày 22/10/2010") is no period
        self.legal_ref = regex.compile(r"(?r)(?:\d+[/\-][a-z][\w/\-]*|" + alt("legal") + r")[^.;]{0,20}")
        self.multi_before = regex.compile(r"(?r)" + alt("multi_before") + r"[ ]*")
        self.context = regex.compile(r"(?r)(?:" + year_word + "|" + quarter + roman + "|" + month
                                     + r"[ ]+\d{1,2}|[/.\-]|" + alt("context") + "|" + alt("multi_before") + r")[ ]*")
        # "15.10.2019": a full date written with full stops
        self.dotted_date = re.compile(r"\b\d{1,2}\.\d{1,2}\.((?:19|20)\d\d)(?!\d)")
        # "tháng 7.2022": a month and its year joined by a full stop
        self.month_year = re.compile(r"\b" + month + r"[ ]+\d{1,2}\.((?:19|20)\d\d)(?!\d)")
        # a day with no year ("ngày 19/11", "từ ngày 9 đến 15/6") opens a period whose year is
        # not said; a pass over the whole text, so the standard library's faster engine
        self.yearless_day = re.compile(r"(?<!\w)" + alt("day_words")
                                       + r"[ ]+\d{1,2}(?:[/.\-]\d{1,2})?(?![/.\-]?\d)")
        # "trong 5 năm", "10 năm qua": a stretch of several years
        self.duration = re.compile(r"(?<!\w)(?:" + alt("duration_before") + r"[ ]+(\d{1,2})[ ]+" + year_word
                                   + r"|(\d{1,2})[ ]+" + year_word + r"[ ]+" + alt("duration_after") + r")(?!\w)")
        # "trung bình hằng năm": every year, no one year
        self.every_year = re.compile(r"(?<!\w)" + alt("every_year") + r"(?!\w)")
        to_and = r"(?:-|" + alt("to") + "|" + alt("and") + ")"
        # "2016 – 2020", "năm 2019 và 9 tháng đầu năm 2020", "năm 2011 đến hết tháng 6-2020"
        self.link = to_and + r"[ ]*(?:" + alt("to_end") + r"[ ]+)?"
        self.multi_after = regex.compile(r"[ ]*" + self.link + r"(?:" + period_phrase + r"|" + quarter + roman
                                         + r"[ ./]*|" + month + r"[ ]+\d{1,2}[ ./\-]*)(?:19|20)\d\d")
        self.second_end = regex.compile(r"[ ]*" + self.link + r"(?:" + period_phrase + r"|" + quarter + roman
                                        + r"[ ./]*|" + month + r"[ ]+\d{1,2}[ ./\-]*|(?:\w+[ ]+)?\d{1,2}[/.\-]\d{1,2}[/.\-])[ ]*\Z")
        # "từ tháng 11/2021 đến khi bị bắt": an onset with an end that is not a year
        self.open_end = regex.compile(r"[ ]*" + alt("to") + r"[ ]+(?!\d)(?!" + alt("until_now")
                                      + r"\b)(?![^,;:()]{0,25}?(?:19|20)\d\d)")
        self.until_now = regex.compile(r"[ ]*" + alt("to") + r"[ ]+" + alt("until_now") + r"\b")
        self.onset = regex.compile(r"(?r)" + alt("from") + r"[ ]+(?:" + alt("part_of_year") + r"[ ]+"
                                   + year_word + r"|[^,;:()]{0,25})[ ]*")
        self.start_of_year = regex.compile(r"(?r)" + alt("from") + r"[ ]+" + alt("part_of_year") + r"[ ]+"
                                           + year_word + r"[ ]*")
        self.year_before = regex.compile(r"(?r)" + year_word + r"[ ]+")
        self.same_period = regex.compile(alt("same_period"))
        self.plan = regex.compile(r"(?r)(?:" + alt("plan") + r")[^,;:.()]{0,40}")
        self.review = regex.compile(alt("review"))
        self.period_phrase = regex.compile(
            r"(?:(?:\d+|[a-z]+)[ ]+" + month + r"[ ]+" + alt("first_last") + r"[ ]+(?:" + year_word + r"[ ]+)?"
            + r"|" + quarter + roman + r"[ ]*[/.]?[ ]*(?:" + year_word + r"[ ]+)?"
            + r"|(?:" + alt("from") + r"[ ]+)?" + alt("part_of_year") + r"[ ]+" + year_word + r"[ ]+"
            + r"|" + month + r"[ ]+\d{1,2}[ ]*[/.][ ]*"
            + r")\Z")


@dataclass(slots=True)
class YearMention:
    start: int
    end: int
    year: int | None          # None: a span of several years
    role: str                 # period / date / plan / launch / baseline / span / day
    carries: bool             # governs what follows, not only its clause
    period: str | None        # the period phrase as written ("6 tháng đầu năm 2021")
    phrase_start: int = -1    # where the words of its period start ("tháng 7/2022", "năm 2021")


@dataclass(slots=True)
class YearState:
    """What the pieces of a long text read so far hand on to the next."""

    carried: YearMention | None = None           # the last mention that governs what follows
    main: tuple[bool, int | None] = (False, None)
    fallback: int | None = None                   # the year after a baseline


# what each role may be: the document's main year, a figure's year
MAIN_ROLES = ("period", "date")
NOT_GOVERNING = ("baseline", "launch")


class YearIndex:
    def __init__(self, doc: Document, pat: YearPatterns, state: YearState | None = None):
        self.doc = doc
        state = state if state is not None else YearState()
        self.mentions = sorted(self._mentions(doc, pat), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # for each mention, the last mention up to it that governs what follows; a day with
        # no year after a full date keeps the date's year ("14/10/2024 … Ngày 12/10, …")
        self.last_carrying: list[YearMention | None] = []
        self.carried_in = last = state.carried
        for m in self.mentions:
            if m.carries:
                if m.role == "day":
                    if last is not None and last.role == "date":
                        m.year, m.role = last.year, "date"
                    else:
                        self.last_carrying.append(last)
                        continue
                last = m
            self.last_carrying.append(last)
        state.carried = last
        if not state.main[0]:
            state.main = self._main_year()
        self.main = state.main
        if state.fallback is None:
            state.fallback = self._after_baseline(pat)
        self.baseline_fallback = state.fallback

    # -------------------------------------------------------------- mentions
    def _mentions(self, doc: Document, pat: YearPatterns) -> list[YearMention]:
        F = doc.folded
        out: list[YearMention] = []
        units = doc.words.units
        found = [(m.start(), m.end()) for m in YEAR.finditer(F) if not m.start() or F[m.start() - 1] not in _NOT_BEFORE]
        found += [m.span(1) for m in pat.month_year.finditer(F)]
        found += [m.span(1) for m in pat.dotted_date.finditer(F)]
        found.sort()
        for s, e in found:
            lo = max(0, s - 60)
            y = int(F[s:e])
            if pat.birth.match(F, lo, s):
                continue  # a birth year
            year_context = pat.context.match(F, lo, s)
            if not year_context:
                unit = units.at(_skip(F, e))
                if unit and unit[2] != "percent":
                    continue  # a count that looks like a year: "Bắt giữ 2021 đối tượng"
                if not _in_first_line(doc, s):
                    continue  # a bare 4-digit number is a year only where a year is expected
            if DOC_NUMBER_AFTER.match(F, e, e + 3):
                continue  # inside a document number: "58/2020/TT-BCA"
            role, year = "period", y
            date_before = FULL_DATE.match(F, lo, s)
            if date_before:
                role = "date"
                if pat.legal_ref.match(F, max(0, s - 70), date_before.start()):
                    continue
            if pat.baseline.match(F, lo, s):
                role = "baseline"
            elif pat.multi_before.match(F, lo, s) or _other_year_after(F, pat, e, y):
                role, year = "span", None
            elif out and out[-1].role in ("span", "period", "date") and _second_end(F, pat, out[-1], s):
                role = self._range_end(F, out[-1], date_before, y, s)
                year = out[-1].year
                if role == "span" and _in_brackets(F, doc.sentences[doc.sentence_of(s)][0], s):
                    out[-1].carries = False
            elif pat.open_end.match(F, e) and pat.onset.match(F, lo, s):
                role, year = "span", None  # "từ tháng 11/2021 đến khi bị bắt"
            elif pat.until_now.match(F, e) and pat.onset.match(F, lo, s) and not pat.start_of_year.match(F, lo, s):
                role, year = "span", None  # "từ tháng 3/2023 đến nay"; but "từ đầu năm X đến nay" is X
            elif pat.plan.match(F, max(doc.sentences[doc.sentence_of(s)][0], lo), s):
                role = "plan"
                prev = out[-1] if out else None
                if prev and prev.year == y - 1 and prev.role == "period" and \
                        doc.sentence_of(prev.start) == doc.sentence_of(s) and \
                        pat.review.search(F, doc.sentences[doc.sentence_of(s)][0], prev.start):
                    role = "launch"  # "tổng kết năm 2021 và triển khai nhiệm vụ năm 2022"
            sent = doc.sentences[doc.sentence_of(s)]
            # a year in brackets before a colon lists values ("(năm 2016: 1.112 vụ; …)"):
            # it holds for its own clause only
            in_brackets = _in_brackets(F, sent[0], s)
            # a span in brackets spells out the period before it ("5 tháng đầu năm 2022 (từ
            # ngày 15/12/2021 đến 14/5/2022)"): it governs nothing beyond its brackets
            carries = role not in NOT_GOVERNING and not COLON_AFTER.match(F, e) \
                and not (in_brackets and (role == "span" or regex.match(r"[^()]*:", F[e:sent[1]])))
            pp = pat.period_phrase.search(F, max(0, s - 40), s)
            period = doc.input_text(pp.start(), e) if pp and year is not None else None
            phrase_start = min(pp.start() if pp else s, year_context.start() if year_context else s,
                               date_before.start() if date_before else s)
            out.append(YearMention(s, e, year, role, carries, period, phrase_start))
        for m in pat.every_year.finditer(F):
            out.append(YearMention(m.start(), m.end(), None, "span", True, None, m.start()))
        for m in pat.duration.finditer(F):
            n = int(m.group(1) or m.group(2))
            if n >= 2:
                out.append(YearMention(m.start(), m.end(), None, "span", True, None, m.start()))
        for m in pat.yearless_day.finditer(F):
            out.append(YearMention(m.start(), m.end(), None, "day", True, None, m.start()))
        return out

    @staticmethod
    def _range_end(F: str, first: YearMention, date_before, y: int, s: int) -> str:
        """The role of the second end of a range ("2016 – 2020", "từ 1-7-2018 đến 31-12-2018"):
        the first end's year stays when both ends are one year, or the range is a reporting year
        written as its dates; else both ends are a span."""
        if first.year is not None and first.year == y:
            return first.role
        if first.role == "date" and date_before and first.year is not None:
            d1 = _date_at(F, first.start)
            try:
                d2 = date(y, int(date_before.group(2)), int(date_before.group(1)))
            except ValueError:
                d2 = None
            if d1 and d2 and REPORTING_YEAR_DAYS[0] <= (d2 - d1).days <= REPORTING_YEAR_DAYS[1]:
                first.year = y
                return "period"
        first.year, first.role = None, "span"
        return "span"

    def _after_baseline(self, pat: YearPatterns) -> int | None:
        """The year a text describes when it names only the years it is compared with: the
        year after a same-period baseline ("so với cùng kỳ năm 2018", "so với năm 2021"), else
        the year of a baseline month ("so với tháng 7/2019")."""
        F = self.doc.folded
        other = None
        for m in self.mentions:
            if m.role == "baseline" and m.year:
                if pat.same_period.search(F, max(0, m.start - 40), m.start) or pat.year_before.match(F, 0, m.start):
                    return m.year + 1
                other = other or m.year
        return other

    def _main_year(self) -> tuple[bool, int | None]:
        """(found, year): the year of the title, else of the dateline, else the first year
        named as the time of what the text reports."""
        F = self.doc.folded
        if self.doc.first:
            first_line_end = F.find("\n")
            if first_line_end < 0:
                first_line_end = len(F)
            for m in self.mentions:
                if m.start < first_line_end and m.role in MAIN_ROLES and m.year is not None:
                    return True, m.year
            for m in self.mentions:
                if m.role == "date" and m.start < DATELINE_REACH and _alone_on_its_line(F, m.start):
                    return True, m.year  # the article's dateline under its title
        for m in self.mentions:
            if m.role in MAIN_ROLES and m.year is not None:
                return True, m.year
        return False, None

    # -------------------------------------------------------------- look-ups
    def year_for(self, pos: int, sentence: int) -> tuple[int | None, YearMention | None]:
        s0, s1 = self.doc.sentences[sentence]
        F = self.doc.folded
        lo, hi = bisect_left(self.starts, s0), bisect_left(self.starts, s1)
        in_sentence = [m for m in self.mentions[lo:hi] if m.role not in NOT_GOVERNING]
        # a year closed in brackets before the figure ("… năm 2022 (từ ngày 15/12/2021 đến …),
        # toàn quốc xảy ra …") held for its own clause only
        before = [m for m in in_sentence if m.end <= pos and m.role != "day"
                  and (m.carries or not CLAUSE_CLOSE.search(F, m.end, pos))]
        if before:
            return before[-1].year, before[-1]
        # a year later in the sentence: the explicit period of its sentence wins over one
        # carried from before ("cam kết trích 10% …, từ tháng 2-2017 đến khi bị bắt, …")
        after = [m for m in in_sentence if pos <= m.start and m.role != "day" and m.carries]
        if after:
            return after[0].year, after[0]
        carried = self.last_carrying[lo - 1] if lo > 0 else self.carried_in
        if carried is not None:
            return carried.year, carried
        found, year = self.main
        if found:
            return year, None
        return self.baseline_fallback, None

    def noise(self) -> list[tuple[int, int]]:
        """The spans of the year mentions and their period words, which no metric keeps."""
        return [(m.phrase_start, m.end) for m in self.mentions]

    @staticmethod
    def period_text(mention: YearMention | None) -> str | None:
        return None if mention is None else mention.period


def _second_end(F: str, pat: YearPatterns, first: YearMention, s: int) -> bool:
    return s - first.end <= 40 and bool(pat.second_end.match(F, first.end, s))


def _other_year_after(F: str, pat: YearPatterns, e: int, y: int) -> bool:
    """A range to another year follows: "2016 – 2020", "năm 2019 và 9 tháng đầu năm 2020"."""
    m = pat.multi_after.match(F, e)
    return bool(m) and int(m.group()[-4:]) != y


def _date_at(F: str, year_start: int) -> date | None:
    m = FULL_DATE.match(F, max(0, year_start - 12), year_start)
    if not m:
        return None
    try:
        return date(int(F[year_start:year_start + 4]), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _in_brackets(F: str, s0: int, pos: int) -> bool:
    lead = F[s0:pos]
    return lead.count("(") > lead.count(")")


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
