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
        self.not_amounts = lex.folded("change", "not_amounts")

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
        if c.change and " ".join(F[c.unit_start:c.unit_end].split()) in self.not_amounts:
            c.change = None  # "giảm cả 3 tiêu chí": how many measures fell
        if c.change and (c.plan_before or self._goal(doc, c)):
            # "phấn đấu kéo giảm 50% số đối tượng truy nã": a change set as a goal
            c.category, c.target, c.change = "target", None, None
            return
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

    def _goal(self, doc: Document, c: Candidate) -> bool:
        """A goal word before the change verb in its clause ("mục tiêu … giảm 5%-10%")."""
        F = doc.folded
        s0 = doc.sentences[c.sentence][0]
        lo = max(s0, F.rfind(";", s0, c.prefix_start) + 1, c.prefix_start - 120)
        goal = doc.words.goals.last(lo, c.prefix_start)
        return goal is not None and not doc.words.goal_done.any(goal[1], c.prefix_start)

    def _seized(self, doc: Document, c: Candidate) -> bool:
        """A seizure verb governs the figure: before it in its clause, or at the head of the
        list it stands in ("thu giữ 400kg heroin; trên 300kg ma túy …, 32 khẩu súng"), with
        no other action between."""
        F, w = doc.folded, doc.words
        s0 = doc.sentences[c.sentence][0]
        lo = max(s0, c.prefix_start - BORROW_WINDOW)
        verb = w.seizure_actions.last(lo, c.prefix_start)
        if verb is None:
            return False
        # across a semicolon only where what lies between is the list's other items
        if any(not any(ch.isdigit() for ch in part) for part in F[verb[1]:c.prefix_start].split(";")[1:-1]) \
                or (";" in F[verb[1]:c.prefix_start] and not any(ch.isdigit() for ch in F[verb[1]:c.prefix_start].split(";")[0])):
            return False
        other = w.actions.last(verb[1], c.prefix_start)
        return other is None or w.seizure_actions.ending(other[1]) is not None

    def _count_category(self, doc: Document, c: Candidate) -> str:
        F, w = doc.folded, doc.words
        unit = c.unit
        s0 = doc.sentences[c.sentence][0]
        left = max(s0, c.prefix_start - 60)
        if unit in ("vnd", "usd"):
            return "money"
        if unit == "vehicle":
            # vehicles are seized only where a seizure verb says so: "thiêu rụi 7 xe máy" counts
            return "seizure" if self._seized(doc, c) else "count"
        if unit in self.seizure_units:
            return "seizure"
        if w.not_seized.at(c.unit_start):
            return "count"
        if unit == "person_time":
            return "people"
        if unit == "case":
            if w.case_as_person.at(c.unit_start) and (
                    w.victim_cues.any(left, c.prefix_start) or w.victim_cues.any(*after_window(doc, c, 40))):
                return "people"
            return "cases"
        if unit == "person":
            clause = max(s0, F.rfind(";", s0, c.prefix_start) + 1, c.prefix_start - 60)
            arrested = w.arrest_actions.any(clause, c.prefix_start) \
                or w.offender_after.any(c.unit_end, min(len(F), c.unit_end + 30))
            if w.offenders.at(c.unit_start):
                # "13.511 đối tượng truy nã", "đối tượng dương tính": wanted or tested, not
                # arrested, unless an arrest action governs them
                if not arrested and w.not_offender_after.any(c.unit_end, min(len(F), c.unit_end + 20)):
                    return "people"
                return "arrests"
            if w.non_offenders.at(c.unit_start):
                return "people"
            # plain "người": offenders where an arrest action governs it, or said to be
            # ("1.839 người phạm tội", "đưa 14 người có liên quan về trụ sở")
            if w.arrest_actions.any(max(s0, c.prefix_start - 30), c.prefix_start) \
                    or w.offender_after.any(c.unit_end, min(len(F), c.unit_end + 30)):
                return "arrests"
            return "people"
        # goods and things seized ("thu giữ 1 két sắt, 11 điện thoại")
        if self._seized(doc, c):
            return "seizure"
        return "count"
