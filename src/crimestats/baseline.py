"""The baseline stage: what a change or target is measured against, as written (SPEC §2)."""

from __future__ import annotations

import regex

from .candidate import Candidate
from .clauses import Clauses, trim
from .document import Document

CLAUSE_STOP = regex.compile(r",(?!\d)|;|\.[ ]|\.$")


class BaselineReader:
    def __init__(self, clauses: Clauses):
        self.clauses = clauses

    def read(self, doc: Document, c: Candidate) -> str | None:
        if c.category not in ("change", "target"):
            return None
        F, pattern = doc.folded, self.clauses.baseline
        s0, s1 = doc.sentences[c.sentence]
        # "so với cùng kỳ" later in the figure's clause ("tăng 12,85% số vụ so với cùng kỳ");
        # brackets allowed: "giảm 12 vụ (-4,7%) so với cùng kỳ năm 2023"
        a0, a1 = c.end, min(s1, c.end + 80)
        stop = CLAUSE_STOP.search(F, a0, a1)
        a1 = stop.start() if stop else a1
        m = pattern.search(F, a0, a1)
        if m:
            return _clean(doc, m.start(), min(m.end(), a1))
        if c.category == "target":
            t = doc.words.target_words.first(max(s0, c.prefix_start - 5), min(s1, c.end + 40))
            if t:
                return _clean(doc, t[0], t[1])
        best = None
        for m in pattern.finditer(F, s0, c.start):
            best = m
        if best is not None:
            return _clean(doc, best.start(), min(best.end(), c.prefix_start))
        return None


def _clean(doc: Document, s: int, e: int) -> str:
    return trim(" ".join(doc.input_text(s, e).split()))
