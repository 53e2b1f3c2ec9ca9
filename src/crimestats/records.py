"""The records stage: each figure and skipped number as a plain dict (SPEC §2)."""

from __future__ import annotations

from .baseline import BaselineReader
from .candidate import Candidate
from .document import Document
from .metric import gloss, metric_text
from .serialize import clean
from .years import YearIndex

COUNT_UNITS = frozenset({"case", "person", "person_time", "group", "admin_unit", "item", "vehicle",
                         "pill", "brick", "vnd", "usd"})


def _num(v: float):
    return int(v) if float(v).is_integer() else round(v, 6)


def _direction(c: Candidate) -> str | None:
    if c.category == "change":
        return c.change or c.sign
    if c.category == "target":
        return c.target if c.target in ("up", "down") else None
    return None


def _unit_text(doc: Document, c: Candidate) -> str:
    if c.unit_end <= c.unit_start:
        return ""
    # money is written with its multiplier: "tỷ đồng", "triệu đồng"
    start = c.num.multiplier_start if c.unit in ("vnd", "usd") and c.num.multiplier_start else c.unit_start
    return doc.input_text(start, c.unit_end)


def figures(doc: Document, cands: list[Candidate], years: YearIndex, baseline: BaselineReader,
            file: str, index: int) -> list[dict]:
    out = []
    sentence_text: dict[int, str] = {}  # one string per sentence, shared by its figures
    for i, c in enumerate(cands, index + 1):
        start, end = doc.input_span(c.start, c.end)
        year, mention = years.year_for(c.start, c.sentence)
        sentence = sentence_text.get(c.sentence)
        if sentence is None:
            s0, s1 = doc.sentences[c.sentence]
            sentence = sentence_text[c.sentence] = " ".join(doc.input_text(s0, s1).split())
        out.append(clean({
            "file": file,
            "index": i,
            "value": _num(c.num.value),
            "value_max": _num(c.num.value_max) if c.num.value_max is not None else None,
            "text": doc.input_text(c.start, c.end),
            "start": start,
            "end": end,
            "line": doc.line_of(start),
            "unit": c.unit,
            "unit_text": _unit_text(doc, c),
            "category": c.category,
            "qualifier": c.qualifier,
            "direction": _direction(c),
            "metric": metric_text(doc, c),
            "metric_en": gloss(doc, c),
            "year": year,
            "period": years.period_text(mention),
            "baseline": baseline.read(doc, c),
            "sentence": sentence,
        }))
    return out


def skipped(doc: Document, spans: list[tuple[int, int, str]], file: str) -> list[dict]:
    out = []
    for s, e, reason in sorted(spans):
        a, b = doc.input_span(s, e)
        out.append(clean({"file": file, "text": doc.input_text(s, e), "start": a, "end": b,
                          "line": doc.line_of(a), "reason": reason}))
    return out
