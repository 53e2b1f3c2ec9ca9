"""The category stage: what kind of figure each number is (SPEC §3, decided in its order)."""

from __future__ import annotations

import regex

from .candidate import Candidate
from .clauses import Clauses
from .document import Document
from .lexicon import Lexicon

BOUNDS = ("at_least", "at_most", "more_than", "less_than")
CLAUSE_END = regex.compile(r"[,;()]|\.[ ]|\.$")
# How far a figure looks for a seizure verb that governs a list of goods.
BORROW_WINDOW = 300


def after_window(doc: Document, c: Candidate, chars: int = 50) -> tuple[int, int]:
    """The rest of the figure's clause: up to the next comma, bracket or full stop."""
    F = doc.folded
    s1 = doc.sentences[c.sentence][1]
    text = F[c.end:min(s1, c.end + chars)]
    cut = CLAUSE_END.search(text)
    return c.end, c.end + (cut.start() if cut else len(text))


class Categoriser:
    def __init__(self, lex: Lexicon, clauses: Clauses):
        self.clauses = clauses
        self.seizure_units = frozenset(lex.words("seizure", "units"))

    def categorise(self, doc: Document, c: Candidate, prev: Candidate | None) -> None:
        F, w, cl = doc.folded, doc.words, self.clauses
        if c.num.vague and c.qualifier not in BOUNDS:
            c.qualifier = "at_least"
        if c.qualifier == "exact":
            clause_start = max(doc.sentences[c.sentence][0], F.rfind(",", 0, c.prefix_start) + 1)
            if w.estimate_words.any(clause_start, c.prefix_start):
                c.qualifier = "about"

        a0, a1 = after_window(doc, c)
        target_after = w.target_words.first(a0, a1)
        if target_after and not cl.near_target.match(F[a0:target_after[0]]):
            target_after = None
        gap = F[prev.end:c.prefix_start] if prev is not None else None

        if c.target in ("up", "down", "level") and (
                target_after or c.plan_before or w.target_words.any(max(0, c.prefix_start - 5), c.start)):
            c.category = "target"
            return
        if target_after and c.unit == "percent" and c.target is None and c.change is None:
            c.category = "target"  # "131% kế hoạch"
            return
        if c.bound_or_change and c.change:
            # "nhiều hơn 20 đối tượng" is a bound; a percentage more, or a count against an
            # earlier period, is a change
            s0, s1 = doc.sentences[c.sentence]
            if c.unit == "percent" or cl.opener.search(F, s0, s1):
                c.qualifier = "exact"
            else:
                c.change = None
        if c.change or c.sign:
            c.category = "change"
            return
        if prev is not None and prev.category == "change":
            # "giảm 15 vụ (4,95%)", "ít hơn 03 vụ = 1,6%": the share of the same change
            if c.unit == "percent" and cl.bracket_bridge.fullmatch(gap):
                c.category, c.change = "change", prev.change or prev.sign
                return
            # "ít hơn 02 vụ, 04 người chết": the list goes on
            lg = cl.list_gap.fullmatch(gap)
            if lg and len(lg.group("words").split()) <= 3 and not cl.opener.search(gap):
                c.category, c.change = "change", prev.change or prev.sign
                return
        if c.unit == "percent":
            c.category = "rate"
            return
        c.category = self._count_category(doc, c)

    def _count_category(self, doc: Document, c: Candidate) -> str:
        F, w = doc.folded, doc.words
        unit = c.unit
        s0 = doc.sentences[c.sentence][0]
        left = max(s0, c.prefix_start - 60)
        if unit in ("vnd", "usd"):
            return "money"
        if unit in self.seizure_units:
            return "seizure"
        if unit == "person_time":
            return "people"
        if unit == "case":
            if w.case_as_person.at(c.unit_start) and (
                    w.victim_cues.any(left, c.prefix_start) or w.victim_cues.any(*after_window(doc, c, 40))):
                return "people"
            return "cases"
        if unit == "person":
            if w.offenders.at(c.unit_start):
                if w.not_offender_after.any(c.unit_end, min(len(F), c.unit_end + 20)):
                    return "people"
                return "arrests"
            if w.non_offenders.at(c.unit_start):
                return "people"
            # plain "người": offenders where an arrest action governs it
            if w.arrest_actions.any(max(s0, c.prefix_start - 30), c.prefix_start):
                return "arrests"
            return "people"
        # goods and things after a seizure verb of the same clause ("thu giữ 1 két sắt, 11 điện thoại")
        clause = max(s0, F.rfind(";", s0, c.prefix_start) + 1, c.prefix_start - BORROW_WINDOW)
        if w.seizure_actions.any(clause, c.prefix_start):
            return "seizure"
        return "count"
