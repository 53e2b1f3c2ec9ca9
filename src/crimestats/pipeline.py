"""The extraction pipeline: the stages, in order, over one document.

    document   decoded text, folded copy, words, sentences        (document.py)
    numbers    digits, written numbers, multipliers, ranges        (numbers.py)
    units      the unit or counted noun after each number          (units.py)
    filters    numbers that are no figures: dates, names, periods  (filters.py)
    qualifier  bound, change and target words before the number    (qualifiers.py)
    category   rate, change, target, cases, arrests, …             (category.py)
    metric     what the figure measures, in the input's words      (metric.py)
    years      the year each figure describes                      (years.py)
    baseline   what a change or target is measured against         (baseline.py)
    records    plain dicts, SPEC §2, strings clean and NFC          (records.py)
    place      the province or district each figure is about       (places.py)
    repeats    a figure that restates an earlier one                (repeats.py)

The command line and the engines (local processes, dask) call :func:`iter_scan`, which
yields the records chunk by chunk of whole sentences, so a very large text is never held as
records all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import records
from .baseline import BaselineReader
from .candidate import Candidate
from .category import Categoriser
from .clauses import Clauses
from .document import Document, pieces, read_document
from .filters import NonFigures
from .lexicon import Lexicon, lexicon
from .metric import MetricReader
from .numbers import NumberFinder
from .qualifiers import PrefixReader
from .units import UnitReader
from .years import YearIndex, YearPatterns, YearState

__all__ = ["Engine", "engine", "iter_scan", "iter_scan_pieces", "scan", "warm"]

# A long text is read in pieces of about this many characters, so that the indexes of one
# piece, not of the whole text, are held at a time.
CHUNK = 100_000


class Engine:
    """Every stage, built from one lexicon. Build once; :meth:`run` is pure."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        clauses = Clauses(lex)
        self.numbers = NumberFinder(lex)
        self.units = UnitReader(lex)
        self.filters = NonFigures(lex)
        self.prefix = PrefixReader(lex, clauses)
        self.category = Categoriser(lex, clauses)
        self.metric = MetricReader(lex, clauses)
        self.years = YearPatterns(lex)
        self.baseline = BaselineReader(clauses)
        lex.build_all()

    def run(self, text: str, file: str = "-", stage_done=None) -> Iterator[tuple[list[dict], list[dict]]]:
        """(figures, skipped) of ``text``, piece by piece of whole paragraphs."""
        return self.run_pieces(pieces(text, CHUNK), file, stage_done)

    def run_pieces(self, parts: Iterable[str], file: str = "-",
                   stage_done=None) -> Iterator[tuple[list[dict], list[dict]]]:
        """(figures, skipped) of a text given as consecutive pieces (each ending at a
        paragraph or sentence end), one pair per piece; offsets and lines are the whole
        text's. A reader can so feed a large file without ever holding it whole.

        ``stage_done(name)``, if given, is called as each stage of a piece ends (document,
        index, numbers, context, metric, records): the benchmark times them so."""
        done = stage_done or _nothing
        from .places import PlaceIndex
        from .repeats import RepeatFinder

        state = YearState()
        repeats = RepeatFinder()
        document_place = None
        index = base = line_base = 0
        for part in parts:
            doc = read_document(part, self.lex, base, line_base)
            done("document")
            places = PlaceIndex(part, doc.norm)
            if base == 0:
                document_place = places.document_place  # the title's or dateline's, for every piece
            places.document_place = document_place
            years = YearIndex(doc, self.years, state)
            done("index")
            figures, skipped = self._piece(doc, years, file, index, places, repeats, done)
            index += len(figures)
            base += len(part)
            line_base += len(doc.newlines)
            yield figures, skipped

    def _piece(self, doc: Document, years: YearIndex, file: str, index: int, places, repeats, done):
        numbers, set_aside = self.numbers.find(doc, 0, len(doc.folded))
        cands = [Candidate(n) for n in numbers]
        for c in cands:
            self.units.attach(doc, c)
        cands = self.units.shared(doc, cands)

        figures: list[Candidate] = []
        skipped = list(set_aside)
        for c in cands:
            if c.num.article and not c.tail_end:
                continue  # "một xã": the article "a"; "một tấn rưỡi" is a number
            reason = self.filters.reason(doc, c)
            if reason:
                if c.num.kind == "digits" or c.unit is not None:
                    # a word such as "năm" or "hai" is a number only where it counts something
                    skipped.append((c.start, c.num.end, reason))
                continue
            if c.num.ambiguous_thousands is not None and c.unit in records.COUNT_UNITS:
                c.num.value = c.num.ambiguous_thousands  # "1,500 người" in English-style copy
            c.sentence = doc.sentence_of(c.start)
            figures.append(c)
        done("numbers")

        prev = None
        for c in figures:
            same = prev is not None and prev.sentence == c.sentence
            floor = max(doc.sentences[c.sentence][0], prev.end) if same else doc.sentences[c.sentence][0]
            self.prefix.read(doc, c, floor)
            self.category.categorise(doc, c, prev if same else None)
            prev = c
        done("context")
        noise = years.noise() + [(s, e) for s, e, _ in skipped]
        self.metric.read(doc, figures, noise)
        done("metric")
        out = records.figures(doc, figures, years, self.baseline, file, index)
        for c, record in zip(figures, out):
            s0, s1 = (p - doc.base for p in doc.input_span(*doc.sentences[c.sentence]))
            record["place"] = places.place_for(record["start"] - doc.base, s0, s1)
            record["repeat_of"] = repeats.check(record, s0 + doc.base)
        out_skipped = records.skipped(doc, skipped, file)
        done("records")
        return out, out_skipped


def _nothing(stage: str) -> None:
    pass


_ENGINE: Engine | None = None


def engine() -> Engine:
    """The engine of the package lexicon, built once per process."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine(lexicon())
    return _ENGINE


def warm() -> None:
    """Build the engine now (lexicon, tries, patterns, gazetteer), e.g. once before worker
    processes fork."""
    from .places import gazetteer
    from .repeats import views_words

    engine()
    gazetteer()
    views_words()


def iter_scan(text: str, file: str = "-") -> Iterator[tuple[list[dict], list[dict]]]:
    """(figures, skipped) of ``text`` (already decoded), chunk by chunk, as dicts."""
    return engine().run(text, file)


def iter_scan_pieces(parts: Iterable[str], file: str = "-") -> Iterator[tuple[list[dict], list[dict]]]:
    """(figures, skipped) of a text read as consecutive pieces, each ending where a line or
    sentence ends (see :func:`crimestats.document.pieces`); offsets index the whole text."""
    return engine().run_pieces(parts, file)


def scan(text: str, file: str = "-") -> tuple[list[dict], list[dict]]:
    """Every figure and skipped number of ``text``, as dicts, in order of appearance."""
    figures: list[dict] = []
    skipped: list[dict] = []
    for f, s in iter_scan(text, file):
        figures.extend(f)
        skipped.extend(s)
    return figures, skipped
