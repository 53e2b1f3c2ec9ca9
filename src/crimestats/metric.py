"""The metric stage: the words of the sentence that say what each figure measures (SPEC §2).

A figure's own words are those between the figure before it and its qualifier, its unit, and
the rest of its clause. Lists share: "bắt giữ 159 vụ, 177 đối tượng phạm tội về ma túy" gives
both figures the action before and the crime type after. Where its own words lack an action
or a crime type, the nearest in the sentence is added.
"""

from __future__ import annotations

import regex

from .candidate import Candidate
from .category import BORROW_WINDOW
from .clauses import Clauses, trim
from .document import Document, skip_spaces
from .lexicon import Lexicon

RIGHT_CUT = regex.compile(r"[;()\[\]:]|,[ ]*(?=\d)|\.[ ]")
LETTERS = regex.compile(r"\p{L}+")
COMMA = regex.compile(r",[ ]*")


class MetricReader:
    def __init__(self, lex: Lexicon, clauses: Clauses):
        self.clauses = clauses
        self.function_words = lex.folded("clause", "function_words")

    def has_content(self, text: str) -> bool:
        """Whether ``text`` (folded) has a word that says what is counted."""
        text = self.clauses.baseline.sub(" ", text)
        words = LETTERS.findall(text)
        fw = self.function_words
        # two-word function phrases ("tỷ lệ", "so với") are checked as pairs first
        i = 0
        while i < len(words):
            if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in fw:
                i += 2
                continue
            if words[i] not in fw:
                return True
            i += 1
        return False

    def read(self, doc: Document, figures: list[Candidate]) -> None:
        by_sentence: dict[int, list[Candidate]] = {}
        for c in figures:
            by_sentence.setdefault(c.sentence, []).append(c)
        for sent, group in by_sentence.items():
            self._left(doc, sent, group)
            self._right(doc, sent, group)
            self._spans(doc, sent, group)

    def _left(self, doc, sent, group) -> None:
        F, w = doc.folded, doc.words
        s0 = doc.sentences[sent][0]
        prev = None
        for k, c in enumerate(group):
            lo = prev.end if prev is not None else s0
            own = (lo, c.prefix_start)
            text = F[own[0]:own[1]]
            if prev is not None and c.unit == "percent" and self.clauses.bracket_bridge.fullmatch(F[prev.end:c.prefix_start]):
                c.metric_left = None
                c.share_of = prev  # "giảm 36 người chết (giảm 6,91%)"
            elif prev is None or self.has_content(text):
                # after a semicolon or colon a new clause starts; with no words of its own
                # there, the figure continues a list ("…; gần 220kg ma tuý tổng hợp")
                cut = max(text.rfind(";"), text.rfind(":"))
                comma = text.rfind(",")
                if cut >= 0 and not self.has_content(text[cut + 1:]):
                    c.metric_left = None
                elif cut < 0 and prev is not None and comma >= 0 and not self.has_content(text[comma + 1:]) \
                        and not w.actions.any(own[0], own[1]):
                    # "1 ôtô đầu kéo rơmooc, 6 triệu đồng": the words before the comma
                    # belong to the figure before; this one continues the list (a rate
                    # after it, "… việc có điều kiện, đạt 80,1%", measures that figure)
                    c.metric_left = None
                    if c.unit == "percent":
                        c.share_of = prev
                else:
                    c.metric_left = (own[0] + cut + 1, own[1])
            else:
                c.metric_left = prev.metric_left
                if c.unit == "percent":
                    # "làm rõ 221 vụ, bắt 389 đối tượng, đạt tỷ lệ 90,2%": a rate with no
                    # words of its own is the rate of the whole list, back to a change
                    for earlier in reversed(group[:k]):
                        if earlier.category in ("change", "target") or earlier.metric_left is None:
                            break
                        c.list_left.append(earlier.metric_left)
            prev = c

    def _right(self, doc, sent, group) -> None:
        F, w, cl = doc.folded, doc.words, self.clauses
        s1 = doc.sentences[sent][1]
        nxt = None
        for c in reversed(group):
            hi = nxt.prefix_start if nxt is not None else s1
            text = F[c.end:hi]
            cut = RIGHT_CUT.search(text)
            opener = COMMA.search(text)
            end = c.end + (cut.start() if cut else len(text))
            if opener and opener.start() < end - c.end:
                r0 = skip_spaces(F, c.end + opener.end())
                if w.clause_openers.at(r0) or w.qualifiers.at(r0) or w.change_words.at(r0):
                    end = c.end + opener.start()
            # "… nhựa, quả thuốc phiện và đấu tranh …": "và" before an action opens a new clause
            for j in cl.and_.finditer(F, c.end, end):
                if w.actions.at(j.end()):
                    end = j.start()
                    break
            right = [(c.end, end)]
            # "3.272,20 kg và 437.334 viên ma túy tổng hợp": the list shares its noun
            if nxt is not None and cl.joiner.fullmatch(F[c.end:end]) and cl.list_gap.fullmatch(F[c.end:nxt.prefix_start]):
                right = nxt.metric_right
            c.metric_right = right
            nxt = c

    def _spans(self, doc, sent, group) -> None:
        F, w = doc.folded, doc.words
        s0, s1 = doc.sentences[sent]
        for c in group:
            if c.share_of is not None:
                c.metric_spans = c.share_of.metric_spans
                continue
            spans = list(c.metric_right) + c.list_left
            if c.metric_left:
                spans.append(c.metric_left)
            if c.unit != "percent" and c.unit_end > c.unit_start:
                spans.append((c.unit_start, c.unit_end))
            # A figure with words of its own borrows only from its own clause; one that
            # only continues a list ("…; gần 220kg ma tuý tổng hợp") from the whole sentence.
            has_words = c.metric_left is not None and self.has_content(F[c.metric_left[0]:c.metric_left[1]])
            anchor = c.metric_left[0] if c.metric_left else c.prefix_start
            lo = max(s0, F.rfind(";", s0, anchor) + 1) if has_words else s0
            lo = max(lo, c.prefix_start - BORROW_WINDOW)
            semi = F.find(";", c.end, s1)
            hi = min(semi if semi >= 0 else s1, c.end + BORROW_WINDOW)
            if not any(w.actions.any(a, b) for a, b in spans):
                act = w.actions.last(lo, c.prefix_start)
                if act:
                    spans.append(act[:2])
            if not any(w.crime_types.any(a, b) for a, b in spans):
                ct = w.crime_types.last(lo, c.prefix_start) or w.crime_types.first(c.end, hi)
                if ct:
                    spans.append(ct[:2])
            c.metric_spans = _merge(spans)


def _merge(spans):
    out = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def metric_text(doc: Document, c: Candidate) -> str:
    parts = [trim(" ".join(doc.input_text(a, b).split())) for a, b in c.metric_spans]
    return trim(" ".join(p for p in parts if p))


def gloss(doc: Document, c: Candidate) -> str | None:
    """English for the glossary words of the metric, read off its folded spans."""
    seen = []
    for a, b in c.metric_spans:
        for _s, _e, en, _ in doc.words.glossary.all(a, b):
            if en not in seen:
                seen.append(en)
    return ", ".join(seen) if seen else None
