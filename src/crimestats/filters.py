"""The non-figure stage: numbers that are names, references, periods or ages (SPEC §7)."""

from __future__ import annotations

import regex

from .candidate import Candidate
from .document import Document, skip_spaces, skip_spaces_back
from .lexicon import Lexicon
from .numbers import is_year_like

LIST_MARK = regex.compile(r"[.)][ ]")


def in_compound(w, match) -> bool:
    """The word matched is the end of a longer word ("tập" in "triệu tập", "sở" in "trụ sở")."""
    compound = w.compounds.ending(match[1])
    return compound is not None and compound[0] < match[0]


class NonFigures:
    def __init__(self, lex: Lexicon):
        self.unless_unit = lex.folded("period", "before_number_unless_unit")

    def reason(self, doc: Document, c: Candidate) -> str | None:
        F, w = doc.folded, doc.words
        s = c.start
        back = skip_spaces_back(F, s)
        ref = w.not_figure_before.ending(back, s - 25)
        if ref and not w.totals.ending(back) and c.unit != "percent" and not in_compound(w, ref):
            return "name or reference"
        if c.num.kind == "written" and w.vague_few.ending(back, s - 10):
            return "vague"
        per = w.period_before.ending(back, s - 25)
        if per and c.num.kind == "digits":
            if c.unit != "percent" and not (c.unit and c.unit != "item" and F[per[0]:per[1]] in self.unless_unit):
                return "year or period"
        if c.unit is None:
            after = w.period_after.at(skip_spaces(F, c.num.end))
            if after:
                return "period"
            if is_year_like(c.num.value) and c.num.value == int(c.num.value):
                return "year"
            if w.not_figure_after.at(skip_spaces(F, c.num.end)):
                return "name or reference"
            if LIST_MARK.match(F, c.num.end) and (c.start == 0 or F[c.start - 1] in "\n"):
                return "list number"
            return "no unit"
        if c.unit == "item" and is_year_like(c.num.value) and c.num.value == int(c.num.value):
            return "year"
        return None
