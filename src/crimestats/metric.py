"""The metric stage: the words of the sentence that say what each figure measures (SPEC §2).

A figure's own words are those between the figure before it and its qualifier, its unit, and
the rest of its clause. Lists share: "bắt giữ 159 vụ, 177 đối tượng phạm tội về ma túy" gives
both figures the action before and the crime type after. Where its own words lack an action
or a crime type, the nearest in the sentence is added.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from .candidate import Candidate
from .category import BORROW_WINDOW
from .clauses import Clauses, trim
from .document import Document, skip_spaces
from .lexicon import Lexicon

RIGHT_CUT = regex.compile(r"[;()\[\]:]|,[ ]*(?=\d)|\.[ ]")
LETTERS = regex.compile(r"\p{L}+")
COMMA = regex.compile(r",[ ]*")
CLAUSE_BREAK = regex.compile(r"[;()]")
# a figure's own words before it, kept whole up to this many
LEFT_WORDS = 9
# after it, this many
RIGHT_WORDS = 8
# and of the lexicon's words further off, this many nearest
EXTRAS = 2
# words between two crime types of one phrase ("lừa đảo quốc tế qua mạng")
PHRASE_GAP = 3


class MetricReader:
    def __init__(self, lex: Lexicon, clauses: Clauses):
        self.clauses = clauses
        self.function_words = lex.folded("clause", "function_words")
        self.crime_joiners = lex.folded("metric", "crime_list_joiners")

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

    def read(self, doc: Document, figures: list[Candidate], noise=()) -> None:
        """The metric spans of every figure; ``noise`` are spans no metric keeps (periods,
        dates, baselines) found by the stages before."""
        by_sentence: dict[int, list[Candidate]] = {}
        for c in figures:
            by_sentence.setdefault(c.sentence, []).append(c)
        # the other figures' own words are theirs: "thu giữ 400kg heroin, 32 khẩu súng"
        noise = sorted([*noise, *((c.start, c.end) for c in figures)])
        for sent, group in by_sentence.items():
            self._left(doc, sent, group)
            self._right(doc, sent, group)
            s0, s1 = doc.sentences[sent]
            self._spans(doc, sent, group, self._noise(doc, s0, s1, noise))

    def _left(self, doc, sent, group) -> None:
        F, w = doc.folded, doc.words
        s0 = doc.sentences[sent][0]
        prev = None
        for k, c in enumerate(group):
            lo = prev.end if prev is not None else s0
            # an action is not cut by the words before the number ("cứu | được 452 người")
            own = (lo, min(self._snap(doc, c.prefix_start, forward=True), c.start))
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
                if cut >= 0 and text[cut] == ":" and not self.has_content(text[cut + 1:]):
                    # "Thụ lý theo thủ tục phúc thẩm: 1.003 vụ/1.341 bị cáo": the label heads it
                    c.label = (own[0] + max(text.rfind(";", 0, cut), text.rfind(".", 0, cut)) + 1, own[0] + cut)
            else:
                c.metric_left = prev.metric_left
                c.left_shared = True
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

    # ------------------------------------------------------------ concise metric
    def _noise(self, doc, s0: int, s1: int, found) -> list[tuple[int, int]]:
        """Spans of the sentence no metric keeps: periods, dates, baselines, who did it and
        the words that frame a report."""
        F, w = doc.folded, doc.words
        out = [(a, b) for a, b in found if a < s1 and b > s0]
        out += [m.span() for m in self.clauses.baseline.finditer(F, s0, s1)]
        for matches in (w.discourse, w.metric_periods):
            out += [m[:2] for m in matches.all(s0, s1)]
        for m in w.subjects.all(s0, s1):
            if not _longer_phrase(doc, m[0], m[1]) and not _in_phrase(doc, m[0], m[1]):
                out.append((m[0], self._name_end(doc, m[1], s1)))
        return _merge(out)

    @staticmethod
    def _name_end(doc, pos: int, limit: int) -> int:
        """Where the name after an organisation word ends: "Công an tỉnh Thái Nguyên",
        "Cơ quan Cảnh sát điều tra Công an tỉnh" run on over lower-case words between capitals
        and over the words of a place ("tỉnh", "huyện")."""
        nfc, starts, ends = doc.norm.nfc, doc.token_starts, doc.token_ends
        names = doc.words.name_words
        i = bisect_left(starts, pos)
        end = pos
        while i < len(starts) and starts[i] < limit:
            place = names.at(starts[i])
            if place:
                end = place[1]
                i = bisect_left(starts, end)
                continue
            ahead = [k for k in range(i, min(i + 3, len(starts))) if starts[k] < limit and nfc[starts[k]].isupper()]
            if not ahead or nfc[starts[i]] in ",;:.()":
                break
            end = ends[ahead[-1]] if ahead[-1] == i else ends[i]
            i += 1
        return end

    def _left_core(self, doc, a: int, b: int, noise) -> list[tuple[int, int]]:
        """The words before the figure that say what it counts: all of them when they are few;
        else the action (a list of them, "phát hiện, bắt giữ và xử lý") with up to four words
        of its topic before it ("án đặc biệt nghiêm trọng điều tra làm rõ") and the last words
        before the number; with no action, the last words before the number."""
        F, w = doc.folded, doc.words
        whole = _subtract([(a, b)], noise)
        fw = self.function_words
        if sum(_words(F, s, e, fw) for s, e in whole) <= LEFT_WORDS:
            return whole
        act = None
        for m in reversed(w.actions.all(a, b)):
            if not _inside(noise, m[0]):
                act = m
                break
        if act is not None:
            start, act_end = act[0], act[1]
            while True:  # earlier actions of a list
                back = start
                while back > a and F[back - 1] in " ,":
                    back -= 1
                joined = w.range_and.ending(back, a)
                if joined:
                    back = joined[0]
                    while back > a and F[back - 1] == " ":
                        back -= 1
                prev = w.actions.ending(back, a)
                if prev is None or _inside(noise, prev[0]):
                    break
                start = prev[0]
            core_start = self._topic_start(doc, a, start, noise)
            for core in ([(core_start, b)], [(start, b)]):
                core = _subtract(core, noise)
                if sum(_words(F, s, e, fw) for s, e in core) <= LEFT_WORDS:
                    return core
            # between the action and the number, its last few words ("bắt giữ 5 đối tượng,
            # thu giữ … 32 khẩu súng" keeps "thu giữ", not the whole list between)
            near = self._topic_start(doc, act_end, b, noise, words=3)
            return _subtract([(core_start, act_end), (near, b)], noise)
        core_start = self._topic_start(doc, a, b, noise, words=LEFT_WORDS - 1)
        return _subtract([(core_start, b)], noise)

    def _topic_start(self, doc, a: int, pos: int, noise, words: int = 4) -> int:
        """Up to ``words`` words back from ``pos``, not across punctuation or noise (a phrase
        of the lexicon is not cut)."""
        F, starts = doc.folded, doc.token_starts
        i = bisect_left(starts, pos) - 1
        start = pos
        taken = 0
        while i >= 0 and starts[i] >= a and taken < words:
            s = starts[i]
            if not F[s].isalnum() or _inside(noise, s):
                break
            start = s
            taken += 1
            i -= 1
        return max(a, self._snap(doc, start, forward=False))

    def _right_core(self, doc, a: int, b: int, noise, words: int = 0) -> list[tuple[int, int]]:
        """The words after the figure up to a comma, at most ``words`` of them (a phrase of the
        lexicon is not cut), without noise."""
        F, starts, ends = doc.folded, doc.token_starts, doc.token_ends
        words = words or RIGHT_WORDS
        i = bisect_left(starts, a)
        taken, end = 0, a
        # typed without diacritics these words are too often another ("tai" is also "tài")
        stops = doc.words.right_stops if not doc.folded_mode else None
        while i < len(starts) and starts[i] < b and taken < words:
            if F[starts[i]] in ",;" or (taken and stops is not None and stops.at(starts[i])):
                break
            if F[starts[i]].isalnum():
                taken += 1
            end = ends[i]
            i += 1
        end = min(self._snap(doc, end, forward=True), b)
        return _subtract([(a, end)], noise)

    @staticmethod
    def _snap(doc, pos: int, forward: bool) -> int:
        """``pos`` moved out of any phrase of the lexicon it would cut ("trật tự xã | hội")."""
        w = doc.words
        for matches in (w.crime_types, w.glossary, w.actions, w.units):
            items = matches.items
            i = bisect_left(matches.starts, pos) - 1
            while i >= 0 and pos - items[i][0] <= 40:
                s, e = items[i][0], items[i][1]
                if s < pos < e:
                    pos = e if forward else s
                i -= 1
        return pos

    def _crime_series(self, doc, ct, lo: int, hi: int, figure_starts=()) -> tuple[int, int]:
        """A crime type with the others listed next to it, joined only by commas or a joining
        word ("kinh tế, chức vụ, môi trường", "tổ chức đánh bạc và đánh bạc"). After a comma,
        a crime type followed by a figure in the same clause is that figure's ("50 kg cocain,
        ma túy khác 93 kg")."""
        F, crimes = doc.folded, doc.words.crime_types
        start, end = ct[0], ct[1]
        while (before := crimes.last(max(lo, start - 40), start)) and self._joins(F[before[1]:start]):
            start = before[0]
        while (after := crimes.first(end, min(hi, end + 40))) and self._joins(F[end:after[0]]):
            if "," in F[end:after[0]]:
                i = bisect_right(figure_starts, after[1])
                if i < len(figure_starts) and not CLAUSE_BREAK.search(F, after[1], figure_starts[i]):
                    break
            end = after[1]
        return start, end

    def _joins(self, gap: str) -> bool:
        """``gap`` between two crime types only joins them: a comma, a joining word, both, or
        nothing ("lừa đảo chiếm đoạt tài sản" is one phrase of two); or, with no comma, a few
        words of one phrase ("lừa đảo quốc tế qua mạng")."""
        words = LETTERS.findall(gap)
        rest = LETTERS.sub("", gap).replace(",", "").strip()
        if rest:
            return False
        if "," not in gap and len(words) <= PHRASE_GAP:
            return True
        return len(words) <= 1 and all(w in self.crime_joiners for w in words)

    def _spans(self, doc, sent, group, noise) -> None:
        F, w = doc.folded, doc.words
        s0, s1 = doc.sentences[sent]
        # what the lexicon knows in the sentence (actions, crime types, glossary terms), once
        known = sorted([m[:2] for matches in (w.actions, w.crime_types, w.glossary) for m in matches.all(s0, s1)])
        figure_starts = sorted(c.start for c in group)
        # the sentence's actions (but those inside a crime type's name) and crime types, once
        acts = _actions(doc, s0, s1)
        act_starts = [m[0] for m in acts]
        crimes = w.crime_types.all(s0, s1)
        crime_starts = [m[0] for m in crimes]
        for c in group:
            right = [s for a, b in c.metric_right for s in self._right_core(doc, a, b, noise)]
            if c.share_of is not None and not any(self.has_content(F[a:b]) for a, b in right):
                c.metric_spans = c.share_of.metric_spans
                continue
            spans = list(right)
            # the words after it, to the end of its clause: the next clause is another's
            long = [(a, _clause_end(F, a, b)) for a, b in c.metric_right]
            # a figure that shares the words of the one before ("159 vụ, 177 đối tượng") takes
            # their action and crime type below, not all their words
            own_left = c.list_left + ([c.metric_left] if c.metric_left else [])
            for a, b in own_left:
                spans += self._left_core(doc, a, b, noise)
                long.append((a, b))
            # what the lexicon knows among the figure's further words (an action, a crime
            # type, a glossary term) stays, however far from the number
            extras = []
            for a, b in _subtract(_merge(long), noise):
                i = bisect_left(known, (a, 0))
                while i < len(known) and known[i][0] < b:
                    if known[i][1] <= b:
                        extras.append(known[i])
                    i += 1
            # the nearest few to the number
            extras.sort(key=lambda m: min(abs(m[0] - c.end), abs(c.start - m[1])))
            spans += extras[:EXTRAS]
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
            if not any(_within(acts, act_starts, a, b) for a, b in spans):
                before = _within(acts, act_starts, lo, c.prefix_start)
                if before:
                    spans.append(before[-1][:2])
            if not any(w.crime_types.any(a, b) for a, b in spans):
                # the crime type of its own clause, after or before it; else of its own part
                # of the sentence (to a semicolon), later ones too ("…; 20 vụ về hành vi tàng
                # trữ, mua bán trái phép chất ma túy") but not past a clause of their own
                # ("…, trong đó 2 vụ cướp"); else the nearest before
                clause_end = _clause_end(F, c.end, hi)
                part = max(lo, F.rfind(";", s0, c.prefix_start) + 1)
                ct = w.crime_types.first(c.end, clause_end) or w.crime_types.last(part, c.prefix_start)
                if ct is None:
                    later = w.crime_types.first(c.end, hi)
                    if later and not w.discourse.any(c.end, later[0]):
                        ct = later
                    else:
                        ct = w.crime_types.last(lo, c.prefix_start)
                if ct:
                    start, end = self._crime_series(doc, ct, lo, hi, figure_starts)
                    # with the act that names the crime, right before it ("sử dụng trái
                    # phép chất ma túy") when it is borrowed from after the figure
                    act = _actions(doc, max(c.end, start - 30), start) if start > c.end else None
                    if act and _words(F, act[-1][1], start) <= 1 \
                            and not any(ch in ",;:()" or ch.isdigit() for ch in F[act[-1][1]:start]):
                        start = act[-1][0]
                    spans.append((start, end))
            # a crime type of the metric brings the rest of its list ("về kinh tế, chức vụ,
            # môi trường"), which a comma would otherwise cut; not across another figure
            for a, b in list(spans):
                for m in _within(crimes, crime_starts, a, b):
                    if m[1] <= b:
                        whole = self._crime_series(doc, m, s0, s1, figure_starts)
                        if whole != m[:2]:
                            spans.append(whole)
            if c.label:
                spans.append(c.label)
            c.metric_spans = _once(doc, _merge(spans))


def _words(F: str, a: int, b: int, skip=frozenset()) -> int:
    return sum(1 for w in LETTERS.findall(F, a, b) if w not in skip)


def _actions(doc, a: int, b: int) -> list:
    """The actions among the words ``[a, b)``, but those that are part of a crime type's name
    ("mua bán" of "mua bán người")."""
    w = doc.words
    acts = w.actions.all(a, b)
    if not acts:
        return acts
    crimes = w.crime_types.all(max(0, a - 30), b + 30)
    return [m for m in acts
            if not any(ct[0] <= m[0] and m[1] <= ct[1] and (ct[0], ct[1]) != (m[0], m[1]) for ct in crimes)]


def _within(matches, starts, a: int, b: int) -> list:
    """The ``matches`` (sorted, with their ``starts``) that start in ``[a, b)`` and end by ``b``."""
    i = bisect_left(starts, a)
    out = []
    while i < len(starts) and starts[i] < b:
        if matches[i][1] <= b:
            out.append(matches[i])
        i += 1
    return out


def _once(doc, spans):
    """The spans without one that only repeats the words of an earlier one."""
    F = doc.folded
    out, seen = [], []
    for a, b in spans:
        text = " ".join(F[a:b].split())
        if text and any(text in s for s in seen):
            continue
        seen.append(text)
        out.append((a, b))
    return out


def _clause_end(F: str, pos: int, limit: int) -> int:
    for i in range(pos, limit):
        if F[i] in ",;()":
            return i
    return limit


def _inside(spans, pos: int) -> bool:
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _subtract(spans, noise):
    """``spans`` without the parts inside ``noise`` (sorted, merged)."""
    out = []
    for a, b in spans:
        i = max(0, bisect_right(noise, (a, float("inf"))) - 1)
        while a < b:
            while i < len(noise) and noise[i][1] <= a:
                i += 1
            if i >= len(noise) or noise[i][0] >= b:
                out.append((a, b))
                break
            if noise[i][0] > a:
                out.append((a, noise[i][0]))
            a = max(a, noise[i][1])
    return out


def _merge(spans):
    out = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def metric_text(doc: Document, c: Candidate) -> str:
    parts = [trim(" ".join(doc.input_text(a, b).split())) for a, b in _edges(doc, c.metric_spans)]
    return trim(" ".join(p for p in parts if p))


def _inner(doc: Document, spans):
    """The spans without the function words inside them, but those of a lexicon phrase.
    Typed without diacritics these words are too often another ("trong" is also "trọng",
    "tai" also "tài"): there they stay."""
    if doc.folded_mode:
        return spans
    w = doc.words
    out = []
    for a, b in spans:
        cut = [(m[0], m[1]) for m in w.inner_words.all(a, b) if not _in_phrase(doc, m[0], m[1])]
        out += _subtract([(a, b)], cut)
    return out


def _in_phrase(doc: Document, s: int, e: int) -> bool:
    """The words at ``[s, e)`` are part of a longer phrase of the lexicon ("bị thương")."""
    w = doc.words
    for matches in (w.actions, w.crime_types, w.glossary, w.units):
        items = matches.items
        i = bisect_right(matches.starts, s) - 1
        while i >= 0 and s - items[i][0] <= 40:
            if items[i][0] <= s and e <= items[i][1] and (items[i][0], items[i][1]) != (s, e):
                return True
            i -= 1
    return False


def _longer_phrase(doc: Document, at: int, end: int) -> bool:
    """A phrase of the lexicon starts at ``at`` and runs past ``end`` ("chiếm | đoạt")."""
    w = doc.words
    for matches in (w.actions, w.crime_types, w.glossary, w.units):
        m = matches.at(at)
        if m and m[1] > end:
            return True
    return False


def _edges(doc: Document, spans):
    """The spans without the words a metric does not start or end with ("đã", "các")."""
    lead, trail = doc.words.lead_words, doc.words.trail_words
    if doc.folded_mode:
        return spans
    out = []
    for a, b in spans:
        while a < b:
            at = skip_spaces(doc.folded, a)
            m = lead.at(at)
            if m is None or m[1] > b or _longer_phrase(doc, at, m[1]):
                break
            a = skip_spaces(doc.folded, m[1])
        while b > a:
            e = b
            while e > a and doc.folded[e - 1] in " ,;:":
                e -= 1
            m = trail.ending(e, a)
            if m is None:
                break
            b = m[0]
        if b > a:
            out.append((a, b))
    return out


def gloss(doc: Document, c: Candidate) -> str | None:
    """English for the glossary words of the metric, read off its folded spans."""
    seen = []
    for a, b in c.metric_spans:
        for _s, _e, en, _ in doc.words.glossary.all(a, b):
            if en not in seen:
                seen.append(en)
    return ", ".join(seen) if seen else None
