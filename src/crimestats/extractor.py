"""The pipeline: normalise -> find numbers -> attach unit, qualifier, category, metric, year
-> drop non-figures.

All matching runs on the folded copy of the text (see :mod:`crimestats.textnorm`); every
span is mapped back to the input, so ``input[start:end] == text`` always holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .context import assemble
from .figure import Figure, Skipped
from .lexicon import Lexicon, lexicon
from .numbers import (
    DATE,
    DATE_WORDS,
    DAY_MONTH,
    DIGIT_RUN,
    DOC_REF,
    PHONE,
    Number,
    WrittenNumbers,
    parse_digits,
)
from .textnorm import Normalized, normalize

# Sentence ends: . ! ? … before a capital letter or a digit, or a line break. Run on the
# NFC text (folded text has no capitals); abbreviations such as "TP." do not end one.
SENTENCE_END = regex.compile(
    r"""(?<!\b(?:tp|tx|q|p|h|ths|ts|gs|pgs|bs|ls|st|tt|mr|ms|dr|sn|tk|tr|nxb|ttxvn)\.)
        [.!?…]+(?=[\s"'”’)\]]*(?:\n|$|[ \t\u00a0]+["'“‘(\[]?[\p{Lu}\d]))
      | \n+""",
    regex.VERBOSE | regex.IGNORECASE,
)
WORD = regex.compile(r"[\p{L}\p{N}]+")
LETTER_BEFORE = regex.compile(r"[\p{L}][\-]?\Z")

BOUNDS = ("at_least", "at_most", "more_than", "less_than")
CLOCK = regex.compile(r"[:h]")
NON_DIGIT = regex.compile(r"\D")
RANGE_TAIL = regex.compile(r"[ ]*(?:-|~|den|toi)[ ]*(\d+(?:[.,]\d+)*)")
TOTAL_BEFORE = regex.compile(r"(?:tong|con)[ ]+\Z")  # "tổng số 120 vụ" is a count
LIST_MARK = regex.compile(r"[.)][ ]")
BASELINE_BETWEEN = regex.compile(r"[ ]+so[ ]+voi[^,;.]{0,60}")
WORDISH = regex.compile(r"[\p{L}\p{N}./\-]*")


@dataclass(slots=True)
class Candidate:
    """A number with its unit, before it is given its context."""

    num: Number
    unit: str | None = None
    unit_start: int = 0
    unit_end: int = 0
    # filled by the context stage
    prefix_start: int = 0
    qualifier: str = "exact"
    change: str | None = None           # "up" / "down" when a change word governs it
    target: str | None = None           # "up" / "down" / "level" for targets
    sign: str | None = None
    sentence: int = 0
    category: str = ""
    metric_left: tuple[int, int] | None = None
    metric_right: list = field(default_factory=list)
    metric_spans: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.num.start

    @property
    def end(self) -> int:
        return self.unit_end if self.unit else self.num.end


class Extractor:
    """Holds the compiled lexicon; ``scan`` is a pure function of its text."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or lexicon()
        self.written = {f: WrittenNumbers(self.lex, f) for f in (True, False)}

    # ------------------------------------------------------------------ numbers
    def find_numbers(self, doc: "Doc", lo: int = 0, hi: int | None = None
                     ) -> tuple[list[Candidate], list[tuple[int, int, str]]]:
        """Numbers starting in the folded span ``[lo, hi)``, and the skipped ones."""
        F = doc.folded
        cands: list[Candidate] = []
        skipped: list[tuple[int, int, str]] = []
        taken_until = 0

        # the timeout guards the pattern pass only, so the matches are collected first
        hi = len(F) if hi is None else hi
        for m in list(DIGIT_RUN.finditer(F, lo, hi, timeout=doc.timeout)):
            s, e = m.span()
            if s < taken_until:
                continue
            parsed = parse_digits(m.group())
            aside = self._set_aside(doc, s, e, parsed)
            if aside:
                skipped.append((s, aside[0], aside[1]))
                taken_until = aside[0]
                continue
            num = Number(s, e, parsed[0], ambiguous_thousands=parsed[1])
            taken_until = self._extend(doc, num)
            cands.append(Candidate(num))

        cands.extend(self._written_numbers(doc, cands, lo, hi))
        cands.sort(key=lambda c: c.start)
        return cands, skipped

    def _set_aside(self, doc: "Doc", s: int, e: int, parsed) -> tuple[int, str] | None:
        """(end, reason) when the digit run at ``[s, e)`` is part of no figure (SPEC §7)."""
        F = doc.folded
        before = F[max(0, s - 25):s]
        if LETTER_BEFORE.search(before):
            return _word_end(F, e), "code"  # C04, TG564, Covid-19, PA05
        ref = DOC_REF.match(F, s)
        if ref:
            return _word_end(F, ref.end()), "document number"
        d = DATE.match(F, s)
        if d:
            clock = CLOCK.search(d.group()) and "/" not in d.group()
            return d.end(), "time" if clock else "date"
        dm = DAY_MONTH.match(F, s)
        if dm and DATE_WORDS.search(before):
            return dm.end(), "date"
        ph = PHONE.match(F, s)
        if ph and (F[s] == "0" or len(NON_DIGIT.sub("", ph.group())) >= 9):
            return ph.end(), "phone number"
        if parsed is None:
            return e, "code"
        glued = e < len(F) and F[e].isalpha()
        if glued and not self.lex.units.match_at(F, e, exact=doc.exact) \
                and not self.lex.multipliers.match_at(F, e, exact=doc.exact):
            return _word_end(F, e), "code"  # 218LP, 4G
        return None

    def _multiplier(self, doc: "Doc", pos: int) -> tuple[float, int]:
        """Multiplier words after ``pos`` ("nghìn tỷ" = 1e12) and where they end."""
        F = doc.folded
        factor, end = 1.0, pos
        while True:
            m = self.lex.multipliers.match_at(F, end, exact=doc.exact)
            if not m or F[end:m[0]].strip():
                return factor, end
            # "tỷ lệ" is a rate and "triệu tập" a summons, not a billion or a million
            if self.lex.not_multipliers.match_at(F, m[0], exact=doc.exact):
                return factor, end
            factor *= float(m[2])
            end = m[1]

    def _extend(self, doc: "Doc", num: Number) -> int:
        """Apply multipliers and read a range; returns where the number expression ends."""
        F = doc.folded
        factor, end = self._multiplier(doc, num.end)
        if factor != 1:
            num.multiplier_start = _skip_spaces(F, num.end)
        num.value *= factor
        if num.ambiguous_thousands is not None:
            num.ambiguous_thousands = None if factor != 1 else num.ambiguous_thousands
        num.end = end
        # ranges: "20 - 60 người", "từ 25 đến 35 triệu đồng"
        r = RANGE_TAIL.match(F[end:end + 40])
        if r and not DATE.match(F, end + r.start(1)) and not DOC_REF.match(F, end + r.start(1)):
            parsed = parse_digits(r.group(1))
            if parsed is not None and not _is_year_like(parsed[0]) or (parsed and not _is_year_like(num.value)):
                hi_end = end + r.end(1)
                f2, hi_end2 = self._multiplier(doc, hi_end)
                hi = parsed[0] * f2
                if factor == 1 and f2 != 1:
                    num.value *= f2
                if hi > num.value:
                    num.value_max = hi
                    num.end = hi_end2
        return num.end

    def _written_numbers(self, doc: "Doc", digit_cands: list[Candidate], lo: int, hi: int) -> list[Candidate]:
        F, lex = doc.folded, self.lex
        out: list[Candidate] = []
        # spans already read as numbers, sorted, to check overlaps in log time
        occ_starts = [c.start for c in digit_cands]
        occ_ends = [c.num.end for c in digit_cands]

        def free(s, e):
            i = bisect_right(occ_starts, s)
            if i > 0 and occ_ends[i - 1] > s:
                return False
            return i >= len(occ_starts) or occ_starts[i] >= e

        def occupy(s, e):
            i = bisect_right(occ_starts, s)
            occ_starts.insert(i, s)
            occ_ends.insert(i, e)

        # vague quantities: "hàng trăm", "hàng chục nghìn"
        for s, e, v in lex.vague.finditer(F, lo, hi, exact=doc.exact):
            if not free(s, e):
                continue
            num = Number(s, e, float(v), vague=True, kind="vague")
            factor, end = self._multiplier(doc, e)
            num.value *= factor
            num.end = end
            occupy(s, end)
            out.append(Candidate(num))
        # words: "mười lăm vụ", "hai đối tượng"
        source = F if doc.folded_mode else doc.lower
        reader = self.written[doc.folded_mode]
        pos = 0
        for m in reader.pattern.finditer(source, lo, hi):
            if m.start() < pos or not free(m.start(), m.end()):
                continue
            words = []
            for w in WORD.finditer(source, m.start(), min(len(source), m.start() + 80)):
                if words and source[words[-1].end():w.start()].strip():
                    break
                words.append(w)
            read = reader.read([w.group() for w in words])
            if not read:
                continue
            value, used = read
            s, e = m.start(), words[used - 1].end()
            pos = e
            if used == 1 and value == 1:
                continue  # "một" alone is mostly the article "a": "một xã", "một căn nhà"
            nfc = doc.norm.nfc
            if nfc[s].isupper() and s > 0 and doc.sentences[doc.sentence_of(s)][0] != s:
                continue  # a capital inside a sentence starts a name: "Hai Phong", "Ba Vì"
            num = Number(s, e, value, kind="written")
            factor, end = self._multiplier(doc, e)
            num.value *= factor
            num.end = end
            occupy(s, end)
            out.append(Candidate(num))
        return out

    # ------------------------------------------------------------------ units
    def attach_unit(self, doc: "Doc", c: Candidate) -> None:
        F, lex = doc.folded, self.lex
        m = lex.units.match_at(F, c.num.end, exact=doc.exact)
        if not m:
            return
        s, e, unit = m
        if c.num.kind != "digits" and doc.norm.nfc[s].isupper():
            return  # "Hai Phòng", "Bảy Núi": a written number before a capital is a name
        # a classifier runs on to its noun: "4 chiếc điện thoại"
        cl = lex.classifiers.match_at(F, c.num.end, exact=doc.exact)
        if cl and cl[1] == e:
            nxt = WORD.match(F, e + 1) if F[e:e + 1] == " " else None
            if nxt and nxt.group() not in lex.function_words:
                u2 = lex.units.match_at(F, e, exact=doc.exact)
                if u2 and u2[0] == e + 1:
                    e, unit = u2[1], (u2[2] if u2[2] != "item" else unit)
                else:
                    e = nxt.end()
        c.unit, c.unit_start, c.unit_end = unit, s, e

    # ------------------------------------------------------------------ filters
    def not_figure_reason(self, doc: "Doc", c: Candidate) -> str | None:
        F, lex = doc.folded, self.lex
        s = c.start
        prev = lex.not_figure_before.match_before(F, s, 25, exact=doc.exact)
        if prev and prev[1] == _skip_spaces_back(F, s):
            word = F[prev[0]:prev[1]]
            if not (word == "so" and TOTAL_BEFORE.search(F[max(0, prev[0] - 6):prev[0]])):
                if c.unit != "percent":
                    return "name or reference"
        few = lex.vague_few.match_before(F, s, 10, exact=doc.exact)
        if few and few[1] == _skip_spaces_back(F, s) and c.num.kind == "written":
            return "vague"
        per = lex.period_before.match_before(F, s, 25, exact=doc.exact)
        if per and per[1] == _skip_spaces_back(F, s) and c.num.kind == "digits":
            if c.unit != "percent" and not (c.unit and c.unit not in ("item",) and F[per[0]:per[1]] in ("thu", "ngay", "toi", "sang")):
                return "year or period"
        if c.unit is None:
            after = lex.period_after.match_at(F, c.num.end, exact=doc.exact)
            if after and (after[0] == c.num.end or F[c.num.end:after[0]].strip() == ""):
                return "period"
            if _is_year_like(c.num.value) and c.num.value == int(c.num.value):
                return "year"
            if lex.not_figure_after.match_at(F, c.num.end, exact=doc.exact):
                return "name or reference"
            if LIST_MARK.match(F, c.num.end) and (c.start == 0 or F[c.start - 1] in "\n"):
                return "list number"
            return "no unit"
        if c.unit == "item" and _is_year_like(c.num.value) and c.num.value == int(c.num.value):
            return "year"
        return None

    # ------------------------------------------------------------------ context
    def read_prefix(self, doc: "Doc", c: Candidate, floor: int) -> None:
        """Qualifier, change and target words right before the number."""
        F, lex = doc.folded, self.lex
        p = c.start
        # a sign glued to the number inside a bracket: "(-6,23%)"
        if p > 0 and F[p - 1] in "+-" and (p < 2 or not F[p - 2].isalnum()):
            c.sign = "up" if F[p - 1] == "+" else "down"
            p -= 1
        x = doc.exact
        steps = 0
        while steps < 5 and p > floor:
            # the longest phrase ending here; a phrase in several sets counts for each
            # ("cao hơn" is a rise and, before a plan, a target above it)
            found = []
            for kind, ps in (("qual", lex.qualifiers), ("change", lex.change_words),
                             ("target", lex.target_direction), ("bridge", lex.change_bridge),
                             ("plan", lex.target_words)):
                m = ps.match_before(F, p, 30, exact=x)
                if m and m[0] >= floor and m[1] == _skip_spaces_back(F, p):
                    found.append((kind, m))
            if not found:
                break
            s = min(m[0] for _, m in found)
            found = [(kind, m[2]) for kind, m in found if m[0] == s]
            if ("change", "none") in found:
                break  # "tạm giam", "bắt quả tang": no change word after all
            for kind, v in found:
                if kind == "qual":
                    if c.qualifier == "exact" or (v in BOUNDS and c.qualifier not in BOUNDS):
                        c.qualifier = v
                elif kind == "change":
                    c.change = c.change or v
                elif kind == "target":
                    if c.target in (None, "level"):
                        c.target = v
                elif kind == "plan":
                    c.target = c.target or "level"  # "thấp hơn chỉ tiêu 3 %": the direction comes next
                    c.notes.append(("plan_before", s))
                elif kind == "bridge" and steps == 0 and F[s:p].strip() in lex.back_references:
                    # "tăng so với cùng kỳ năm ngoái là 268 vụ"
                    verb = lex.change_words.search_last(F, max(floor, s - 90), s, exact=x)
                    if verb and verb[2] != "none" and BASELINE_BETWEEN.fullmatch(F, verb[1], s):
                        c.change = c.change or verb[2]
            p = s
            steps += 1
        c.prefix_start = p


def _skip_spaces(F: str, pos: int) -> int:
    while pos < len(F) and F[pos] == " ":
        pos += 1
    return pos


def _skip_spaces_back(F: str, pos: int) -> int:
    while pos > 0 and F[pos - 1] == " ":
        pos -= 1
    return pos


def _word_end(F: str, pos: int) -> int:
    m = WORDISH.match(F[pos:pos + 40])
    return pos + (m.end() if m else 0)


def _is_year_like(v: float) -> bool:
    return 1900 <= v <= 2100


@dataclass
class Doc:
    norm: Normalized
    lower: str
    folded_mode: bool
    sentences: list[tuple[int, int]]
    newlines: list[int]
    sentence_starts: list[int] = field(default_factory=list)
    timeout: float = 10.0

    @property
    def exact(self) -> str | None:
        """Lower-cased text with diacritics, to check spellings; None for text without them."""
        return None if self.folded_mode else self.lower

    @property
    def folded(self) -> str:
        return self.norm.folded

    @property
    def input(self) -> str:
        return self.norm.input

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def input_text(self, s: int, e: int) -> str:
        a, b = self.norm.span(s, e)
        return self.input[a:b]


def _lower_same_length(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def prepare(text: str) -> Doc:
    norm = normalize(text)
    F = norm.folded
    # the NFC text lower-cased, same length as the folded text
    nfc_lower = _lower_same_length(norm.nfc)
    # Text typed without diacritics: almost no character outside ASCII (Vietnamese with
    # diacritics has one in every four or five).
    sample = norm.nfc[:20000]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    folded_mode = non_ascii < 0.02 * len(sample)
    sentences = []
    start = 0
    timeout = pass_timeout(len(text))
    for m in SENTENCE_END.finditer(norm.nfc, timeout=timeout):
        if m.end() > start:
            sentences.append((start, m.end()))
        start = m.end()
    if start < len(F):
        sentences.append((start, len(F)))
    if not sentences:
        sentences = [(0, len(F))]
    sentences = _bounded(sentences, F)
    newlines = _newlines(text)
    return Doc(norm, nfc_lower, folded_mode, sentences, newlines, [s for s, _ in sentences], timeout)


def _newlines(text: str) -> list[int]:
    out, i = [], text.find("\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1)
    return out


def pass_timeout(size: int) -> float:
    """Seconds one pattern pass over a text may take before it is abandoned.

    The patterns are written not to backtrack; this is the last guard, so that a text no
    one foresaw is reported as an error (a TimeoutError) instead of hanging the run.
    """
    return 10.0 + size / 100_000


# A sentence longer than this is cut at a space: no report writes one, and every context
# window is bounded by its sentence, so hostile input stays linear.
MAX_SENTENCE = 3000


def _bounded(sentences: list[tuple[int, int]], F: str) -> list[tuple[int, int]]:
    out = []
    for s, e in sentences:
        while e - s > MAX_SENTENCE:
            cut = F.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut + 1 if cut > s else s + MAX_SENTENCE
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out



_EXTRACTOR: Extractor | None = None


def _extractor() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def warm() -> None:
    """Load the lexicon and build its word sets now, e.g. once before worker processes fork
    (each process compiles a set's patterns where it first uses them)."""
    _extractor().lex.build_all()


def scan(text: str, file: str = "-") -> tuple[list[Figure], list[Skipped]]:
    """Figures and skipped numbers of ``text`` (already decoded), in order of appearance."""
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    for f, sk in iter_scan(text, file):
        figures.extend(f)
        skipped.extend(sk)
    return figures, skipped


def iter_scan(text: str, file: str = "-") -> Iterator[tuple[list[Figure], list[Skipped]]]:
    """Like :func:`scan`, in pieces of a few hundred sentences, so that a very large text
    can be written out as it is read without holding every record at once."""
    doc = prepare(text)
    return assemble(_extractor(), doc, file)


def extract(text: str, file: str = "-") -> list[Figure]:
    """Every figure of ``text``, in order of appearance."""
    return scan(text, file)[0]


def extract_path(path, encoding: str | None = None) -> list[Figure]:
    """Read and decode a file (see :mod:`crimestats.decode`), then extract."""
    from .decode import read_file

    text, _warning = read_file(Path(path), encoding)
    return extract(text, str(path))
