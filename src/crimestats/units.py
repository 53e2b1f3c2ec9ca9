"""The units stage: the unit or counted noun right after each number (SPEC §4)."""

from __future__ import annotations

from bisect import bisect_left

import regex

from .candidate import Candidate
from .document import Document, skip_spaces, skip_spaces_back
from .lexicon import Lexicon
from .textnorm import fold_word

WORD = regex.compile(r"[\p{L}\p{N}]+")


class UnitReader:
    def __init__(self, lex: Lexicon):
        self.function_words = lex.folded("clause", "function_words")
        # {larger unit: {smaller unit: its share of the larger}}
        self.compound = lex.data["numbers"]["compound_units"]
        self.noun_words = lex.data["counted_nouns"]["words"]
        self.bare_times = {" ".join(fold_word(p).split()) for p in lex.data["units"]["person_time"] if " " not in p}
        self.number_words = {k for roles in lex.number_roles.values() for r in roles.values() for k in r}

    def attach(self, doc: Document, c: Candidate) -> None:
        F, w = doc.folded, doc.words
        if c.num.currency:  # "USD 2.000": the unit came first
            c.unit, c.unit_start, c.unit_end = c.num.currency
            return
        at = skip_spaces(F, c.num.end)
        m = w.units.at(at)
        if not m:
            noun = self.counted_noun(doc, c, at)
            if noun:
                c.unit, c.unit_start, c.unit_end = "item", at, noun
            return
        s, e, unit, _ = m
        compound = w.compounds.at(at)
        if compound and compound[1] > e:
            return  # "3 văn bản" typed "3 van ban": not "vạn"
        nfc = doc.norm.nfc
        if nfc[s].isupper():
            if c.num.kind != "digits":
                return  # "Hai Phòng", "Bảy Núi": a written number before a capital is a name
            before = doc.word_before(c.start)
            if not nfc[s:e].isupper() and before and not nfc[before[0]].isupper():
                return  # "số 68 Trần Thái Tông", "phiên họp thứ 26 Ban Chỉ đạo": a name, not a unit
        # a classifier runs on to its noun: "4 chiếc điện thoại"
        cl = w.classifiers.at(at)
        if cl and cl[1] == e:
            nxt = WORD.match(F, e + 1) if F[e:e + 1] == " " else None
            if nxt and nxt.group() not in self.function_words:
                u2 = w.units.at(e + 1)
                if u2 and u2[2] not in ("vnd", "usd", "percent"):  # "450 chiếc đồng hồ" counts watches
                    e, unit = u2[1], (u2[2] if u2[2] != "item" else unit)
                else:
                    e = nxt.end()
        if unit == "person_time" and F[s:e] in self.bare_times:
            # "10.266 lượt phương tiện": times of something that is not a person
            u2 = w.units.at(skip_spaces(F, e))
            noun = u2[1] if u2 and u2[2] not in ("person", "percent", "vnd", "usd") else None
            if noun:
                unit, e = "item", noun
        c.unit, c.unit_start, c.unit_end = unit, s, e

    def counted_noun(self, doc: Document, c: Candidate, at: int) -> int | None:
        """Where the counted noun after a number ends, for a noun the unit table does not name
        ("14 cửa hàng", "3 quả lựu đạn"): up to ``words`` words in lower case, none of them a
        verb, a function word, a time or a word of the lexicon that says something else."""
        if c.num.kind == "vague" or (c.num.kind == "written" and not doc.words.classifiers.at(at)):
            return None  # a written number counts only the nouns the lexicon knows, or after a classifier
        F, nfc, keys = doc.folded, doc.norm.nfc, doc.keys
        starts, ends = doc.token_starts, doc.token_ends
        i = bisect_left(starts, at)
        if i >= len(starts) or starts[i] != at or at - c.num.end > 1:
            return None
        end = None
        first = i
        while i < len(starts) and i - first < self.noun_words:
            s = starts[i]
            if (end is not None and F[end:s] != " ") or not nfc[s].isalpha() or not nfc[s].islower() \
                    or keys[i] in self.number_words:
                break
            if i > first:
                if self._refused(doc, s, True) or self._little(doc, s):
                    break
            elif self._refused(doc, s) and not doc.words.classifiers.at(s):
                break  # a classifier ("quả", "chiếc") always opens a counted noun: "4 qua min"
            end = ends[i]
            i += 1
        if end is not None and i < len(starts) and starts[i] == end and F[end].isalnum():
            return None
        return end

    @staticmethod
    def _little(doc: Document, pos: int) -> bool:
        """A function word or a word that goes on the sentence ("của", "qua")."""
        return bool(doc.words.function_words.at(pos) or doc.words.not_nouns.at(pos))

    def _refused(self, doc: Document, pos: int, content: bool = False) -> bool:
        """No counted noun starts here; with ``content``, only for what the word says (an
        action, a time, a bound), not for being a little word or a reference before a number."""
        w = doc.words
        if content:
            return any(s.at(pos) for s in (w.actions, w.change_words, w.qualifiers, w.bounds_after, w.period_after,
                                           w.not_figure_after, w.multipliers, w.metric_periods, w.arrest_actions,
                                           w.seizure_actions))
        return any(s.at(pos) for s in (w.not_nouns, w.function_words, w.actions, w.change_words, w.qualifiers, w.bounds_after,
                                       w.period_after, w.not_figure_after, w.multipliers, w.clause_openers,
                                       w.metric_periods, w.discourse, w.range_to, w.range_and, w.target_words,
                                       w.not_figure_before, w.arrest_actions, w.seizure_actions))

    def shared(self, doc: Document, cands: list[Candidate]) -> list[Candidate]:
        """Ranges and compound amounts written with their units, units that one number lends
        another, and numbers inside another's unit dropped."""
        F, w = doc.folded, doc.words
        kept: list[Candidate] = []
        for c in cands:
            if kept and c.start < kept[-1].end:
                continue  # a number inside another's unit is no number of its own ("100 phần trăm")
            prev = kept[-1] if kept else None
            if prev is not None and prev.unit and c.unit and self._joined(doc, prev, c):
                continue
            kept.append(c)
        for c in kept:
            if c.unit and c.unit != "percent" and c.num.value_max is None:
                half = w.half_after.at(skip_spaces(F, c.end))
                if half and float(c.num.value).is_integer():
                    c.num.value += 0.5  # "một tấn rưỡi": half the unit
                    c.tail_end = half[1]
        # "3.389/3.599 vụ": the first number counts what the second counts
        for a, b in zip(kept, kept[1:]):
            if a.unit is None and b.unit and F[a.num.end:b.start] == "/" and b.unit != "percent":
                a.unit, a.unit_start, a.unit_end = b.unit, a.num.end, a.num.end
        # "Vụ án tham ô 120 tỷ", "giá trị lô hàng là gần 11 tỷ": millions and billions with no
        # unit are an amount of money
        for c in kept:
            if c.unit is None and c.num.multiplier_start is not None and c.num.value >= 1e6:
                c.unit, c.unit_start, c.unit_end = "vnd", c.num.end, c.num.end
        return kept

    def _joined(self, doc: Document, a: Candidate, b: Candidate) -> bool:
        """Join ``b`` into ``a`` where the two make one figure: a range written with its unit
        twice ("20 triệu đồng đến 50 triệu đồng", "3%-5%") or a compound amount ("2 tấn 300 kg")."""
        F, w = doc.folded, doc.words
        at = skip_spaces(F, a.end)
        if a.unit == b.unit and a.num.value_max is None and b.num.value > a.num.value:
            if at < len(F) and F[at] in "-~":
                link_end = at + 1
            else:
                link = w.range_to.at(at)
                if link is None and w.range_between.ending(skip_spaces_back(F, a.start)):
                    link = w.range_and.at(at)
                link_end = link[1] if link else -1
            if link_end > 0 and skip_spaces(F, link_end) == b.start:
                a.num.value_max = b.num.value_max if b.num.value_max is not None else b.num.value
                a.tail_end = b.end
                return True
        share = self.compound.get(a.unit, {}).get(b.unit)
        if share and at == b.start and b.num.value_max is None and a.num.value_max is None:
            a.num.value += b.num.value * share
            a.tail_end = b.end
            return True
        return False
