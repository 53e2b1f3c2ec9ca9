"""One line per report, and one table across reports: the ``summary`` command.

For each report: its place and main year (those most of its figures have), its period, how
many figures of each category it holds, and the headline figure of each category: the first
that restates no earlier figure and is not a part of a breakdown ("of which ...") of a total
given before it in its sentence. Across reports: the headline values by place, year,
category and unit.

Everything here works on figure records (dicts), so a summary can be made of records read
back from JSON as well as of records just extracted.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Iterable

import regex

from .figure import CATEGORIES
from .textnorm import fold_word

__all__ = ["Headline", "CategorySummary", "ReportSummary", "CrossValue", "CrossRow", "Summary",
           "summarize", "summarize_report", "breakdown_spans", "in_breakdown", "CSV_FIELDS"]

WORD = regex.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Headline:
    """The figure that stands for a category in a report."""

    index: int
    value: float | int
    value_max: float | int | None
    text: str
    unit: str
    metric: str
    line: int
    place: str | None
    year: int | None


@dataclass(frozen=True)
class CategorySummary:
    category: str
    count: int
    headline: Headline | None


@dataclass(frozen=True)
class ReportSummary:
    file: str
    place: str | None
    year: int | None
    period: str | None
    figures: int
    repeats: int
    categories: tuple[CategorySummary, ...] = ()


@dataclass(frozen=True)
class CrossValue:
    file: str
    index: int
    value: float | int
    value_max: float | int | None
    text: str


@dataclass(frozen=True)
class CrossRow:
    place: str | None
    year: int | None
    category: str
    unit: str
    values: tuple[CrossValue, ...] = ()


@dataclass(frozen=True)
class Summary:
    reports: tuple[ReportSummary, ...] = ()
    cross: tuple[CrossRow, ...] = ()

    def to_dict(self) -> dict:
        """Plain data, as JSON holds it (lists, not tuples)."""
        return _plain(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> "Summary":
        """The summary a :meth:`to_dict` (or the command's JSON) describes."""
        reports = tuple(
            ReportSummary(**{**r, "categories": tuple(
                CategorySummary(**{**c, "headline": Headline(**c["headline"]) if c["headline"] else None})
                for c in r["categories"])})
            for r in data["reports"])
        cross = tuple(CrossRow(**{**row, "values": tuple(CrossValue(**v) for v in row["values"])})
                      for row in data["cross"])
        return cls(reports, cross)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------------- breakdowns

@lru_cache(maxsize=1)
def _breakdown_cues():
    from .places import Phrase, spelling_key
    from .repeats import views_words

    cues = views_words()["breakdown"]["words"]
    phrases = [Phrase(tuple(WORD.findall(fold_word(c))), frozenset({spelling_key(c)})) for c in cues]
    alternatives = sorted((r"[ ]+".join(p.words) for p in phrases), key=len, reverse=True)
    pattern = regex.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")
    return pattern, {p.words: p for p in phrases}


def breakdown_spans(sentence: str) -> list[tuple[int, int]]:
    """The spans of ``sentence`` (NFC) that break a total down: from a breakdown word to the
    end of its bracket, when it stands inside one, else to the next semicolon or the end."""
    pattern, by_words = _breakdown_cues()
    folded = fold_word(sentence)
    if len(folded) != len(sentence):  # folding changed the length: no offsets to compare
        return []
    spans = []
    for m in pattern.finditer(folded):
        phrase = by_words.get(tuple(WORD.findall(m.group())))
        if phrase is None or not phrase.spelled(sentence[m.start():m.end()]):
            continue
        if sentence.rfind("(", 0, m.start()) > sentence.rfind(")", 0, m.start()):
            end = sentence.find(")", m.end())
        else:
            end = sentence.find(";", m.end())
        spans.append((m.end(), len(sentence) if end < 0 else end))
    return spans


def in_breakdown(records: list[dict]) -> list[bool]:
    """For each record of one file (in order), whether it stands in a breakdown of a total
    given before it in its sentence (see :func:`breakdown_spans`)."""
    import unicodedata

    out = []
    sentence, spans, cursor = None, [], 0
    for record in records:
        text = record.get("sentence") or ""
        if text != sentence:
            sentence, cursor = text, 0
            spans = breakdown_spans(sentence)
        if not spans:
            out.append(False)
            continue
        at = sentence.find(unicodedata.normalize("NFC", record.get("text") or ""), cursor)
        if at < 0:
            out.append(False)
            continue
        cursor = at + 1
        out.append(any(a <= at < b for a, b in spans))
    return out


# ---------------------------------------------------------------------- summaries

def _mode(values: Iterable):
    """The most frequent value that is not None (the first of equals), or None."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _category_order(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def summarize_report(file: str, records: list[dict]) -> ReportSummary:
    """The summary of one report from its figure records (in order)."""
    records = [r for r in records if not r.get("skipped")]
    year = _mode(r.get("year") for r in records)
    period = _mode(r.get("period") for r in records if r.get("year") == year)
    parts = in_breakdown(records)
    counts = Counter(r["category"] for r in records)
    headlines: dict[str, Headline] = {}
    for record, part in zip(records, parts):
        category = record["category"]
        if category in headlines or part or record.get("repeat_of") is not None:
            continue
        headlines[category] = Headline(
            record["index"], record["value"], record.get("value_max"), record["text"], record["unit"],
            record.get("metric") or "", record["line"], record.get("place"), record.get("year"))
    categories = tuple(CategorySummary(c, counts[c], headlines.get(c))
                       for c in sorted(counts, key=_category_order))
    return ReportSummary(file, _mode(r.get("place") for r in records), year, period, len(records),
                         sum(1 for r in records if r.get("repeat_of") is not None), categories)


def summarize(reports: Iterable[tuple[str, list[dict]]]) -> Summary:
    """The summary of many reports: ``(file, records)`` pairs, in order."""
    rows = [summarize_report(file, records) for file, records in reports]
    cross: dict[tuple, list[CrossValue]] = {}
    for report in rows:
        for c in report.categories:
            h = c.headline
            if h is None:
                continue
            # a headline that names no year or place (a title's) is of its report's
            key = (h.place or report.place, h.year if h.year is not None else report.year, c.category, h.unit)
            cross.setdefault(key, []).append(
                CrossValue(report.file, h.index, h.value, h.value_max, h.text))

    def order(key):
        place, year, category, unit = key
        return (place is None, place or "", year is None, year or 0, _category_order(category), unit)

    table = tuple(CrossRow(*key, tuple(cross[key])) for key in sorted(cross, key=order))
    return Summary(tuple(rows), table)


# ---------------------------------------------------------------------- output

CSV_FIELDS = ("file", "place", "year", "period", "figures", "repeats", "category", "count",
              "headline_index", "headline_value", "headline_value_max", "headline_unit",
              "headline_text", "headline_place", "headline_year", "headline_metric")


def to_json(summary: Summary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(summary: Summary) -> str:
    """One row per report and category (a report without figures: one row, no category)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in summary.reports:
        base = {"file": r.file, "place": r.place, "year": r.year, "period": r.period,
                "figures": r.figures, "repeats": r.repeats}
        if not r.categories:
            writer.writerow(base)
        for c in r.categories:
            row = {**base, "category": c.category, "count": c.count}
            if c.headline is not None:
                h = c.headline
                row.update(headline_index=h.index, headline_value=h.value, headline_value_max=h.value_max,
                           headline_unit=h.unit, headline_text=h.text, headline_place=h.place,
                           headline_year=h.year, headline_metric=h.metric)
            writer.writerow(row)
    return buffer.getvalue()


def headline_lines(report: ReportSummary) -> list[str]:
    """For a person: one line per category, ``category count: headline``."""
    return [f"{c.category} {c.count}" + (f": {c.headline.text}" if c.headline else "")
            for c in report.categories]


def tables(summary: Summary) -> list:
    """Rich tables for a terminal: the reports, then the cross table."""
    from rich.table import Table
    from rich.text import Text

    from .render import strip_controls

    def cell(value) -> Text:
        # each line of input text shown literally, the lines kept
        lines = [] if value is None else str(value).split("\n")
        return Text("\n".join(strip_controls(line) for line in lines))

    reports = Table(title=Text("reports", style="bold"), show_lines=True)
    reports.add_column("#", justify="right", no_wrap=True)
    reports.add_column("report", overflow="fold", ratio=2)
    reports.add_column("place", overflow="fold", ratio=1)
    reports.add_column("year", justify="right", no_wrap=True)
    reports.add_column("figures", justify="right", no_wrap=True)
    reports.add_column("headline per category", overflow="fold", ratio=3)
    number = {}
    for n, r in enumerate(summary.reports, 1):
        number.setdefault(r.file, n)
        figures = f"{r.figures}" + (f"\n{r.repeats} rep." if r.repeats else "")
        head = "\n".join(headline_lines(r))
        if r.period:
            head = f"({r.period})\n{head}" if head else f"({r.period})"
        reports.add_row(cell(n), cell(r.file), cell(r.place), cell(r.year), cell(figures), cell(head))
    if not summary.reports:
        reports.caption = "no reports"
    cross = Table(title=Text("headline figures by place, year, category and unit", style="bold"))
    cross.add_column("place", overflow="fold")
    cross.add_column("year", justify="right", no_wrap=True)
    cross.add_column("category", no_wrap=True)
    cross.add_column("unit", no_wrap=True)
    cross.add_column("headline values (report #)", overflow="fold")
    for row in summary.cross:
        values = "\n".join(f"{v.text} (#{number.get(v.file, '?')})" for v in row.values)
        cross.add_row(cell(row.place), cell(row.year), cell(row.category), cell(row.unit), cell(values))
    if not summary.cross:
        cross.caption = "no headline figures"
    return [reports, cross]
