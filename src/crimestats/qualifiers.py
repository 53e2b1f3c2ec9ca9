"""The qualifier stage: bound, change and target words right before a number (SPEC §2, §3)."""

from __future__ import annotations

from .candidate import Candidate
from .clauses import Clauses
from .document import Document, skip_spaces, skip_spaces_back
from .lexicon import Lexicon

BOUNDS = ("at_least", "at_most", "more_than", "less_than")
# a negated bound is the opposite bound: "không hơn" is at most, "không dưới" at least
NEGATED = {"more_than": "at_most", "less_than": "at_least", "at_least": "less_than", "at_most": "more_than"}
# how far back a phrase before a number may start, and how many phrases are read
REACH, STEPS = 30, 5


class PrefixReader:
    def __init__(self, lex: Lexicon, clauses: Clauses):
        self.back_references = lex.folded("change", "back_reference")
        self.clauses = clauses

    def read(self, doc: Document, c: Candidate, floor: int) -> None:
        """Qualifier, change and target words before the number, back to ``floor``; a bound
        after it ("trở lên")."""
        F, w = doc.folded, doc.words
        after = w.bounds_after.at(skip_spaces(F, c.end))
        if after:
            c.qualifier = after[2].removesuffix("_after")
        # "từ 5 người trở lên", "từ 20 đến 50 vụ", "giữa 100 và 150": the opening word is read past
        opened = after is not None or c.num.value_max is not None
        p = c.start
        # a sign glued to the number inside a bracket: "(-6,23%)"
        if p > 0 and F[p - 1] in "+-" and (p < 2 or not F[p - 2].isalnum()):
            c.sign = "up" if F[p - 1] == "+" else "down"
            p -= 1
        kinds = (("qual", w.qualifiers), ("change", w.change_words), ("target", w.target_direction),
                 ("bridge", w.change_bridge), ("plan", w.target_words))
        if opened:
            kinds += (("open", w.range_from), ("open", w.range_between))
        adjacent = w.adjacent_qualifiers.ending(skip_spaces_back(F, p), max(floor, p - REACH))
        if adjacent:  # "tầm 200 người"
            c.qualifier = adjacent[2].removesuffix("_adjacent")
            p = adjacent[0]
        steps = 0
        while steps < STEPS and p > floor:
            # the longest phrase ending here; a phrase in several sets counts for each
            # ("cao hơn" is a rise and, before a plan, a target above it)
            back = skip_spaces_back(F, p)
            lo = max(floor, p - REACH)
            found = [(kind, m) for kind, matches in kinds if (m := matches.ending(back, lo))]
            if not found and steps == 0:
                # "cao hơn năm trước 7,7%": the period compared with stands between
                compared = w.compared.ending(back, lo)
                if compared and w.change_words.ending(skip_spaces_back(F, compared[0]), lo):
                    p = compared[0]
                    continue
            if not found:
                break
            s = min(m[0] for _, m in found)
            found = [(kind, m[2]) for kind, m in found if m[0] == s]
            if ("change", "none") in found:
                break  # "tạm giam", "bắt quả tang": no change word after all
            kinds_found = {kind for kind, _ in found}
            if "qual" in kinds_found and "change" in kinds_found:
                c.bound_or_change = True  # "nhiều hơn 20 đối tượng"
            for kind, v in found:
                if kind == "qual":
                    neg = w.negation.ending(skip_spaces_back(F, s), lo)
                    if neg and v in NEGATED:
                        v, s = NEGATED[v], neg[0]
                    if c.qualifier == "exact" or (v in BOUNDS and c.qualifier not in BOUNDS):
                        c.qualifier = v
                elif kind == "change":
                    c.change = c.change or v
                elif kind == "target":
                    if c.target in (None, "level"):
                        c.target = v
                elif kind == "plan":
                    c.target = c.target or "level"  # "thấp hơn chỉ tiêu 3 %": the direction comes next
                    c.plan_before = True
                elif kind == "bridge" and steps == 0 and F[s:p].strip() in self.back_references:
                    # "tăng so với cùng kỳ năm ngoái là 268 vụ"
                    verb = w.change_words.last(max(floor, s - 90), s)
                    if verb and verb[2] != "none" and self.clauses.baseline_between.fullmatch(F, verb[1], s):
                        c.change = c.change or verb[2]
            p = s
            steps += 1
        c.prefix_start = p
