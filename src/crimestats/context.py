"""The context stage: what each number measures.

Given the numbers of a document with their units, decide which are figures, then give each
its category, qualifier, direction, metric, year and baseline, and build the records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import regex

from .figure import Figure, Skipped
from .years import YearIndex

COUNT_UNITS = frozenset({"case", "person", "person_time", "group", "admin_unit", "item", "vehicle",
                         "pill", "brick", "vnd", "usd"})
BRACKET_BRIDGE = regex.compile(r"[ ]*(?:\(|=|\([ ]*=)[ ]*\Z")
LIST_GAP = regex.compile(r"[ ]*(?:\([^()]{0,40}\))?[ ]*(?P<words>[\p{L} ]{0,30}?)[ ]*(?:,|va|/)[ ]*(?:va[ ]+)?\Z")
# Punctuation a metric or baseline neither starts nor ends with; a closing bracket may end one.
_EDGES = " \t\n\r\f\v,;:.-–—\"'“”/=("
LEAD_EDGES, TRAIL_EDGES = _EDGES + ")", _EDGES
# "so với cùng kỳ năm 2022", up to the clause's next verb or punctuation
BASELINE_PHRASE = re.compile(
    r"""(?:so[ ]+voi|cung[ ]+ky)
        (?:(?![ ]+(?:tang|giam|nhieu[ ]+hon|it[ ]+hon|cao[ ]+hon|thap[ ]+hon|la|dat|xay[ ]+ra
                   |phat[ ]+hien|bang|chiem|con|van|deu|co)\b)[^,;.()]){0,60}""",
    re.VERBOSE,
)
# How far a figure looks for an action or crime type to borrow: a report's list rarely
# runs longer, and the bound keeps dense input linear.
BORROW_WINDOW = 300
JOINER = regex.compile(r"[ ,;.]*(?:(?:va|cung)[ ]*)?")
AND = regex.compile(r"[ ]+va[ ]+")
RIGHT_CUT = regex.compile(r"[;()\[\]:]|,[ ]*(?=\d)|\.[ ]")
CLAUSE_END = regex.compile(r"[,;()]|\.[ ]|\.$")
NEAR_TARGET = regex.compile(r"[ ]*(?:so[ ]+voi[ ]+)?(?:\S+[ ]+){0,1}\Z")  # "131% kế hoạch", "8% so với chỉ tiêu"
LETTERS = regex.compile(r"\p{L}+")
CLAUSE_STOP = regex.compile(r",(?!\d)|;|\.[ ]|\.$")
COMMA = regex.compile(r",[ ]*")


# Sentences are read in chunks of about this many characters: every context window ends
# at its sentence, so chunks change nothing but how much is held in memory at once.
CHUNK = 200_000


def assemble(ex, doc, file: str) -> Iterator[tuple[list[Figure], list[Skipped]]]:
    """Records of the document, chunk by chunk of whole sentences."""
    years = YearIndex(doc, ex.lex)
    index = 0
    for lo, hi in _chunks(doc):
        figures, skipped = _assemble_chunk(ex, doc, file, years, lo, hi, index)
        index += len(figures)
        yield figures, skipped


def _chunks(doc):
    start = 0
    for _s, e in doc.sentences:
        if e - start >= CHUNK:
            yield start, e
            start = e
    if start < len(doc.folded) or start == 0:
        yield start, len(doc.folded)


def _assemble_chunk(ex, doc, file, years, lo, hi, index) -> tuple[list[Figure], list[Skipped]]:
    F, lex = doc.folded, ex.lex
    cands, skipped_spans = ex.find_numbers(doc, lo, hi)
    for c in cands:
        ex.attach_unit(doc, c)
    # a number inside another's unit is no number of its own ("100 phần trăm")
    kept = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    cands = kept
    # "3.389/3.599 vụ": the first number counts what the second counts
    for a, b in zip(cands, cands[1:]):
        if a.unit is None and b.unit and F[a.num.end:b.start] == "/" and b.unit != "percent":
            a.unit, a.unit_start, a.unit_end = b.unit, a.num.end, a.num.end
    for c in cands:
        if c.unit is None and c.num.multiplier_start is not None and c.num.value >= 1e6:
            clause = max(doc.sentences[doc.sentence_of(c.start)][0], F.rfind(",", 0, c.start) + 1)
            if lex.money_cues.search(F, clause, c.start, exact=doc.exact):
                c.unit, c.unit_start, c.unit_end = "vnd", c.num.end, c.num.end
    figures = []
    for c in cands:
        reason = ex.not_figure_reason(doc, c)
        if reason:
            if c.num.kind == "digits" or c.unit is not None:
                # a word such as "năm" or "hai" is a number only where it counts something
                skipped_spans.append((c.start, c.num.end, reason))
            continue
        if c.num.ambiguous_thousands is not None and c.unit in COUNT_UNITS:
            c.num.value = c.num.ambiguous_thousands  # "1,500 người" in English-style copy
        c.sentence = doc.sentence_of(c.start)
        figures.append(c)

    prev = None
    for c in figures:
        floor = doc.sentences[c.sentence][0]
        if prev is not None and prev.sentence == c.sentence:
            floor = max(floor, prev.end)
        ex.read_prefix(doc, c, floor)
        _categorise(ex, doc, c, prev if prev is not None and prev.sentence == c.sentence else None)
        prev = c
    _metrics(ex, doc, figures)

    records = []
    sentence_text: dict[int, str] = {}  # one string per sentence, shared by its figures
    for i, c in enumerate(figures, index + 1):
        start, end = doc.norm.span(c.start, c.end)
        year, mention = years.year_for(c.start, c.sentence)
        s0, s1 = doc.sentences[c.sentence]
        metric = _metric_text(doc, c)
        records.append(Figure(
            file=file,
            index=i,
            value=_num(c.num.value),
            value_max=_num(c.num.value_max) if c.num.value_max is not None else None,
            text=doc.input[start:end],
            start=start,
            end=end,
            line=bisect_right(doc.newlines, start) + 1,
            unit=c.unit,
            unit_text=_unit_text(doc, c),
            category=c.category,
            qualifier=c.qualifier,
            direction=_direction(c),
            metric=metric,
            metric_en=_gloss(ex, doc, c),
            year=year,
            period=years.period_text(mention),
            baseline=_baseline(ex, doc, c),
            sentence=sentence_text.get(c.sentence) or sentence_text.setdefault(
                c.sentence, " ".join(doc.input_text(s0, s1).split())),
        ))
    skipped = []
    for s, e, reason in sorted(skipped_spans):
        a, b = doc.norm.span(s, e)
        skipped.append(Skipped(file, doc.input[a:b], a, b, bisect_right(doc.newlines, a) + 1, reason))
    return records, skipped


def _unit_text(doc, c) -> str:
    if c.unit_end <= c.unit_start:
        return ""
    # money is written with its multiplier: "tỷ đồng", "triệu đồng"
    start = c.num.multiplier_start if c.unit in ("vnd", "usd") and c.num.multiplier_start else c.unit_start
    return doc.input_text(start, c.unit_end)


def _num(v: float):
    return int(v) if float(v).is_integer() else round(v, 6)


def _direction(c) -> str | None:
    if c.category == "change":
        return c.change or c.sign
    if c.category == "target":
        return c.target if c.target in ("up", "down") else None
    return None


def _after_window(doc, c, chars: int = 50) -> tuple[int, int]:
    """The rest of the figure's clause: up to the next comma, bracket or full stop."""
    F = doc.folded
    s1 = doc.sentences[c.sentence][1]
    text = F[c.end:min(s1, c.end + chars)]
    cut = CLAUSE_END.search(text)
    return c.end, c.end + (cut.start() if cut else len(text))


def _categorise(ex, doc, c, prev) -> None:
    F, lex = doc.folded, ex.lex
    if c.num.vague and c.qualifier not in ("at_least", "at_most", "more_than", "less_than"):
        c.qualifier = "at_least"
    if c.qualifier == "exact":
        clause_start = max(doc.sentences[c.sentence][0], F.rfind(",", 0, c.prefix_start) + 1)
        if lex.estimate_words.search(F, clause_start, c.prefix_start, exact=doc.exact):
            c.qualifier = "about"

    a0, a1 = _after_window(doc, c)
    target_after = lex.target_words.search(F, a0, a1, exact=doc.exact)
    if target_after and not NEAR_TARGET.match(F[a0:target_after[0]]):
        target_after = None
    gap = F[prev.end:c.prefix_start] if prev is not None else None

    plan_before = any(n[0] == "plan_before" for n in c.notes)
    if c.target in ("up", "down", "level") and (
            target_after or plan_before or _target_before(lex, doc, c)):
        c.category = "target"
        return
    if target_after and c.unit == "percent" and c.target is None and c.change is None:
        c.category = "target"  # "131% kế hoạch"
        return
    if c.change or c.sign:
        c.category = "change"
        return
    if prev is not None and prev.category == "change":
        # "giảm 15 vụ (4,95%)", "ít hơn 03 vụ = 1,6%": the share of the same change
        if c.unit == "percent" and BRACKET_BRIDGE.fullmatch(gap):
            c.category, c.change = "change", prev.change or prev.sign
            return
        # "ít hơn 02 vụ, 04 người chết": the list goes on
        lg = LIST_GAP.fullmatch(gap)
        if lg and len(lg.group("words").split()) <= 3 and "so voi" not in gap:
            c.category, c.change = "change", prev.change or prev.sign
            return
    if c.unit == "percent":
        c.category = "rate"
        return
    c.category = _count_category(ex, doc, c)


def _target_before(lex, doc, c) -> bool:
    """A plan word among the words before the number ("vượt chỉ tiêu 17,8 %")."""
    return bool(lex.target_words.search(doc.folded, max(0, c.prefix_start - 5), c.start, exact=doc.exact))


def _count_category(ex, doc, c) -> str:
    F, lex = doc.folded, ex.lex
    unit = c.unit
    s0 = doc.sentences[c.sentence][0]
    left = max(s0, c.prefix_start - 60)
    x = doc.exact
    if unit in ("vnd", "usd"):
        return "money"
    if unit in lex.seizure_units:
        return "seizure"
    if unit == "person_time":
        return "people"
    if unit == "case":
        if F.startswith("truong hop", c.unit_start) and (
                lex.victim_cues.search(F, left, c.prefix_start, exact=x)
                or lex.victim_cues.search(F, *_after_window(doc, c, 40), exact=x)):
            return "people"
        return "cases"
    if unit == "person":
        if lex.offenders.match_at(F, c.unit_start, exact=x):
            if lex.not_offender_after.search(F, c.unit_end, min(len(F), c.unit_end + 20), exact=x):
                return "people"
            return "arrests"
        if lex.non_offenders.match_at(F, c.unit_start, exact=x):
            return "people"
        # plain "người": offenders where an arrest action governs it
        if lex.arrest_actions.search(F, max(s0, c.prefix_start - 30), c.prefix_start, exact=x):
            return "arrests"
        return "people"
    # goods and things after a seizure verb of the same clause ("thu giữ 1 két sắt, 11 điện thoại")
    clause = max(s0, F.rfind(";", s0, c.prefix_start) + 1, c.prefix_start - BORROW_WINDOW)
    if lex.seizure_actions.search(F, clause, c.prefix_start, exact=x):
        return "seizure"
    return "count"


def _has_content(ex, text: str) -> bool:
    text = BASELINE_PHRASE.sub(" ", text)
    words = LETTERS.findall(text)
    fw = ex.lex.function_words
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


def _metrics(ex, doc, figures) -> None:
    """The words of the sentence that say what each figure measures (SPEC §2 metric).

    A figure's own words are those between the figure before it and its qualifier, its
    unit, and the rest of its clause. Lists share: "bắt giữ 159 vụ, 177 đối tượng phạm tội
    về ma túy" gives both figures the action before and the crime type after. Where its own
    words lack an action or a crime type, the nearest in the sentence is added.
    """
    F, lex, x = doc.folded, ex.lex, doc.exact
    by_sentence: dict[int, list] = {}
    for c in figures:
        by_sentence.setdefault(c.sentence, []).append(c)
    for sent, group in by_sentence.items():
        s0, s1 = doc.sentences[sent]
        prev = None
        for c in group:
            lo = prev.end if prev is not None else s0
            own = (lo, c.prefix_start)
            text = F[own[0]:own[1]]
            if prev is not None and c.unit == "percent" and BRACKET_BRIDGE.fullmatch(F[prev.end:c.prefix_start]):
                c.metric_left = None
                c.notes.append(("share_of", prev))  # "giảm 36 người chết (giảm 6,91%)"
            elif _has_content(ex, text) or prev is None:
                # after a semicolon or colon a new clause starts; with no words of its own
                # there, the figure continues a list ("…; gần 220kg ma tuý tổng hợp")
                cut = max(text.rfind(";"), text.rfind(":"))
                comma = text.rfind(",")
                if cut >= 0 and not _has_content(ex, text[cut + 1:]):
                    c.metric_left = None
                elif cut < 0 and prev is not None and comma >= 0 and not _has_content(ex, text[comma + 1:]) \
                        and not lex.actions.search(F, own[0], own[1], exact=x):
                    # "1 ôtô đầu kéo rơmooc, 6 triệu đồng": the words before the comma
                    # belong to the figure before; this one continues the list (a rate
                    # after it, "… việc có điều kiện, đạt 80,1%", measures that figure)
                    c.metric_left = None
                    if c.unit == "percent":
                        c.notes.append(("share_of", prev))
                else:
                    c.metric_left = (own[0] + cut + 1, own[1])
            else:
                c.metric_left = prev.metric_left
                if c.unit == "percent":
                    # "làm rõ 221 vụ, bắt 389 đối tượng, đạt tỷ lệ 90,2%": a rate with no
                    # words of its own is the rate of the whole list, back to a change
                    for earlier in reversed(group[:group.index(c)]):
                        if earlier.category in ("change", "target") or earlier.metric_left is None:
                            break
                        c.notes.append(("list_left", earlier.metric_left))
            prev = c
        nxt = None
        for c in reversed(group):
            hi = nxt.prefix_start if nxt is not None else s1
            text = F[c.end:hi]
            cut = RIGHT_CUT.search(text)
            opener = COMMA.search(text)
            end = c.end + (cut.start() if cut else len(text))
            if opener and opener.start() < end - c.end:
                r0 = c.end + opener.end()
                if lex.clause_openers.match_at(F, r0, exact=x) or lex.qualifiers.match_at(F, r0, exact=x) \
                        or lex.change_words.match_at(F, r0, exact=x):
                    end = c.end + opener.start()
            # "… nhựa, quả thuốc phiện và đấu tranh …": "và" before an action opens a new clause
            for j in AND.finditer(F, c.end, end):
                if lex.actions.match_at(F, j.end(), exact=x):
                    end = j.start()
                    break
            right = [(c.end, end)]
            # "… và 437.334 viên ma túy tổng hợp": the list shares the noun after it
            if nxt is not None and JOINER.fullmatch(F[c.end:end]) and LIST_GAP.fullmatch(F[c.end:nxt.prefix_start]):
                # "3.272,20 kg và 437.334 viên ma túy tổng hợp": the list shares its noun
                right = nxt.metric_right
            c.metric_right = right
            nxt = c
        for c in group:
            share = next((n[1] for n in c.notes if n[0] == "share_of"), None)
            if share is not None:
                c.metric_spans = share.metric_spans
                continue
            spans = list(c.metric_right) + [n[1] for n in c.notes if n[0] == "list_left"]
            if c.metric_left:
                spans.append(c.metric_left)
            if c.unit != "percent" and c.unit_end > c.unit_start:
                spans.append((c.unit_start, c.unit_end))
            # A figure with words of its own borrows only from its own clause; one that
            # only continues a list ("…; gần 220kg ma tuý tổng hợp") from the whole sentence.
            has_words = c.metric_left is not None and _has_content(ex, F[c.metric_left[0]:c.metric_left[1]])
            anchor = c.metric_left[0] if c.metric_left else c.prefix_start
            lo = max(s0, F.rfind(";", s0, anchor) + 1) if has_words else s0
            lo = max(lo, c.prefix_start - BORROW_WINDOW)
            semi = F.find(";", c.end, s1)
            hi = min(semi if semi >= 0 else s1, c.end + BORROW_WINDOW)
            if not any(lex.actions.search(F, a, b, exact=x) for a, b in spans):
                act = lex.actions.search_last(F, lo, c.prefix_start, exact=x)
                if act:
                    spans.append(act[:2])
            if not any(lex.crime_types.search(F, a, b, exact=x) for a, b in spans):
                ct = lex.crime_types.search_last(F, lo, c.prefix_start, exact=x) \
                    or lex.crime_types.search(F, c.end, hi, exact=x)
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


def _metric_text(doc, c) -> str:
    parts = [" ".join(doc.input_text(a, b).split()) for a, b in c.metric_spans]
    parts = [_trim(p) for p in parts]
    return _trim(" ".join(p for p in parts if p))


def _gloss(ex, doc, c) -> str | None:
    """English for the glossary words of the metric, read off its folded spans."""
    seen = []
    for a, b in c.metric_spans:
        for _s, _e, en in ex.lex.glossary.finditer(doc.folded, a, b, exact=doc.exact):
            if en not in seen:
                seen.append(en)
    return ", ".join(seen) if seen else None


def _baseline(ex, doc, c) -> str | None:
    if c.category not in ("change", "target"):
        return None
    F = doc.folded
    s0, s1 = doc.sentences[c.sentence]
    # "so với cùng kỳ" later in the figure's clause ("tăng 12,85% số vụ so với cùng kỳ")
    # brackets allowed: "giảm 12 vụ (-4,7%) so với cùng kỳ năm 2023"
    a0, a1 = c.end, min(s1, c.end + 80)
    stop = CLAUSE_STOP.search(F, a0, a1)
    a1 = stop.start() if stop else a1
    m = BASELINE_PHRASE.search(F, a0, a1)
    if m:
        return _clean(doc, m.start(), min(m.end(), a1))
    if c.category == "target":
        t = ex.lex.target_words.search(F, max(s0, c.prefix_start - 5), min(s1, c.end + 40), exact=doc.exact)
        if t:
            return _clean(doc, t[0], t[1])
    best = None
    for m in BASELINE_PHRASE.finditer(F, s0, c.start):
        best = m
    if best is not None:
        return _clean(doc, best.start(), min(best.end(), c.prefix_start))
    return None


def _clean(doc, s: int, e: int) -> str:
    text = doc.input_text(s, e)
    # drop trailing words that belong to the next clause ("so với cùng kỳ năm 2022 phát hiện")
    return _trim(" ".join(text.split()))


def _trim(text: str) -> str:
    return text.lstrip(LEAD_EDGES).rstrip(TRAIL_EDGES)
