"""Patterns over the folded text that join the lexicon's words with punctuation: lists,
brackets, baselines. Built once per lexicon and shared by the stages that read clauses."""

from __future__ import annotations

import re

import regex

from .lexicon import Lexicon

# Punctuation a metric or baseline neither starts nor ends with; a closing bracket may end one.
_EDGES = " \t\n\r\f\v,;:.-–—\"'“”/=(+"
LEAD_EDGES, TRAIL_EDGES = _EDGES + ")", _EDGES


def trim(text: str) -> str:
    return text.lstrip(LEAD_EDGES).rstrip(TRAIL_EDGES)


class Clauses:
    def __init__(self, lex: Lexicon):
        openers = lex.alternation("baseline", "openers")
        stops = lex.alternation("baseline", "stops")
        and_ = lex.alternation("clause", "and")
        joiners = lex.alternation("clause", "joiners")
        list_joiners = lex.alternation("clause", "list_joiners")
        # "so với cùng kỳ năm 2022", up to the clause's next verb or punctuation
        self.baseline = re.compile(openers + r"(?:(?![ ]+" + stops + r"\b)[^,;.()]){0,60}")
        # "tăng so với cùng kỳ năm ngoái là 268 vụ": between a change verb and its "là"
        self.baseline_between = regex.compile(r"[ ]+" + openers + r"[^,;.]{0,60}")
        self.opener = regex.compile(openers)
        # between two figures of one list: "83 vụ, 174 đối tượng", "159 vụ và 177 đối tượng"
        self.list_gap = regex.compile(r"[ ]*(?:\([^()]{0,40}\))?[ ]*(?P<words>[\p{L} ]{0,30}?)[ ]*(?:,|"
                                      + list_joiners + r"|/)[ ]*(?:" + and_ + r"[ ]+)?\Z")
        self.joiner = regex.compile(r"[ ,;./]*(?:" + joiners + r"[ ]*)?")
        self.and_ = regex.compile(r"[ ]+" + and_ + r"[ ]+")
        # "131% kế hoạch", "8% so với chỉ tiêu": a plan word right after a rate
        self.near_target = regex.compile(r"[ ]*(?:" + openers + r"[ ]+)?(?:\S+[ ]+){0,1}\Z")
        # "giảm 15 vụ (4,95%)", "ít hơn 03 vụ = 1,6%": a share right after a figure
        self.bracket_bridge = regex.compile(r"[ ]*(?:\(|=|\([ ]*=)[ ]*\Z")
