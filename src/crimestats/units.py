"""The units stage: the unit or counted noun right after each number (SPEC §4)."""

from __future__ import annotations

import regex

from .candidate import Candidate
from .document import Document, skip_spaces
from .lexicon import Lexicon

WORD = regex.compile(r"[\p{L}\p{N}]+")


class UnitReader:
    def __init__(self, lex: Lexicon):
        self.function_words = lex.folded("clause", "function_words")

    def attach(self, doc: Document, c: Candidate) -> None:
        F, w = doc.folded, doc.words
        at = skip_spaces(F, c.num.end)
        m = w.units.at(at)
        if not m:
            return
        s, e, unit, _ = m
        if c.num.kind != "digits" and doc.norm.nfc[s].isupper():
            return  # "Hai Phòng", "Bảy Núi": a written number before a capital is a name
        # a classifier runs on to its noun: "4 chiếc điện thoại"
        cl = w.classifiers.at(at)
        if cl and cl[1] == e:
            nxt = WORD.match(F, e + 1) if F[e:e + 1] == " " else None
            if nxt and nxt.group() not in self.function_words:
                u2 = w.units.at(e + 1)
                if u2:
                    e, unit = u2[1], (u2[2] if u2[2] != "item" else unit)
                else:
                    e = nxt.end()
        c.unit, c.unit_start, c.unit_end = unit, s, e

    def shared(self, doc: Document, cands: list[Candidate]) -> list[Candidate]:
        """Units that one number lends another, and numbers inside another's unit dropped."""
        F = doc.folded
        # a number inside another's unit is no number of its own ("100 phần trăm")
        kept: list[Candidate] = []
        for c in cands:
            if kept and c.start < kept[-1].end:
                continue
            kept.append(c)
        # "3.389/3.599 vụ": the first number counts what the second counts
        for a, b in zip(kept, kept[1:]):
            if a.unit is None and b.unit and F[a.num.end:b.start] == "/" and b.unit != "percent":
                a.unit, a.unit_start, a.unit_end = b.unit, a.num.end, a.num.end
        # "giá trị của lô hàng là gần 11 tỷ": an amount with a multiplier where money is spoken of
        for c in kept:
            if c.unit is None and c.num.multiplier_start is not None and c.num.value >= 1e6:
                clause = max(doc.sentences[doc.sentence_of(c.start)][0], F.rfind(",", 0, c.start) + 1)
                if doc.words.money_cues.any(clause, c.start):
                    c.unit, c.unit_start, c.unit_end = "vnd", c.num.end, c.num.end
        return kept
