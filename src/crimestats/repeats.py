"""Figures that restate an earlier figure of the same file (``repeat_of``).

A headline or a closing summary restates figures of the body: the same value, unit,
category and year, said of the same thing. The later statement is the repeat; ``repeat_of``
holds the ``index`` of the first. Records come chunk by chunk (a large file is extracted in
pieces), so a :class:`RepeatFinder` keeps its state from one chunk to the next.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import regex

from .places import spelling_key
from .textnorm import fold_word

__all__ = ["RepeatFinder", "metric_words", "views_words"]

WORD = regex.compile(r"[^\W\d_]+")
# Two metrics are of one thing when more than half the words of the shorter are in both.
MIN_SHARED = 0.5


@lru_cache(maxsize=1)
def views_words() -> dict:
    """``data/views.toml``: the words the views use (breakdown cues, generic metric words)."""
    raw = resources.files("crimestats").joinpath("data/views.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def _generic() -> tuple[frozenset[str], frozenset[str]]:
    words = views_words()["metric"]["generic"]
    return frozenset(spelling_key(w) for w in words), frozenset(fold_word(w) for w in words)


@lru_cache(maxsize=4096)
def metric_words(metric: str | None) -> frozenset[str]:
    """The words of a metric that say what is counted, folded, without the generic ones.

    Whether a word is generic is decided on its spelling where the metric has diacritics
    (folded, "ma" of "ma tuy" and the generic "ma" meaning "but" are one word), on its
    letters where it has none."""
    if not metric:
        return frozenset()
    spelled, folded = _generic()
    if metric.isascii():
        return frozenset(w for w in WORD.findall(fold_word(metric)) if w not in folded)
    return frozenset(fold_word(w) for w in WORD.findall(spelling_key(metric)) if w not in spelled)


def overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two metrics' words say the same thing: more than half the words of the shorter
    are in both."""
    if not a or not b:
        return False
    return len(a & b) > MIN_SHARED * min(len(a), len(b))


class RepeatFinder:
    """Marks each record of one file that restates an earlier one. Feed it the file's
    records in order (across chunks) with :meth:`check`."""

    def __init__(self):
        # (value, value_max, unit, category) -> [(index, year, place, metric, unit as written, sentence)]
        self._seen: dict[tuple, list[tuple]] = {}

    def check(self, record: dict, sentence: object = None) -> int | None:
        """The ``index`` of the earlier figure ``record`` restates, or None.

        ``sentence`` tells the figure's sentence apart from others (its start offset, say);
        without it the sentence's text does. Two figures of one sentence are never repeats: a
        sentence does not restate itself (twice 12 cases in one sentence are two counts); nor
        are figures of two different years or places, or of units written with other words
        (people killed, people injured). An unknown year or place (a headline often names
        neither) differs from none.
        """
        if sentence is None:
            sentence = record.get("sentence")
        key = (record["value"], record.get("value_max"), record["unit"], record["category"])
        year, place = record.get("year"), record.get("place")
        metric, unit_text = record.get("metric"), record.get("unit_text")
        earlier = self._seen.get(key)
        if earlier:  # words are read only where a figure of the same value came before
            words, unit_words = metric_words(metric), metric_words(unit_text)
            for index, other_year, other_place, other_metric, other_unit_text, where in earlier:
                if where == sentence or not (_agree(year, other_year) and _agree(place, other_place)):
                    continue
                other_unit = metric_words(other_unit_text)
                if (unit_words <= other_unit or other_unit <= unit_words) and overlap(words, metric_words(other_metric)):
                    return index
        self._seen.setdefault(key, []).append((record["index"], year, place, metric, unit_text, sentence))
        return None


def _agree(a, b) -> bool:
    return a is None or b is None or a == b
