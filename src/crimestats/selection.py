"""Which figure records to keep: the ``extract`` options ``-c``, ``--year``, ``--place``,
``--unit``, ``--metric`` and ``--no-repeats``.

Options combine with AND; the values of one repeatable option with OR. A filter is plain data
(it travels to worker processes) and is false when it keeps everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .textnorm import fold_word

__all__ = ["RecordFilter", "select"]


def _get(record, name: str):
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def _folded(text: str) -> str:
    return " ".join(fold_word(text).split())


@dataclass(frozen=True)
class RecordFilter:
    """Keep a record when it passes every given test.

    ``categories``, ``units``: codes; ``years``: years (a record with no year never matches);
    ``places``: names as a user types them, matched by :func:`crimestats.places.place_matches`;
    ``metrics``: text found in the metric without regard to case or diacritics;
    ``repeats``: False drops the figures that restate an earlier one.
    """

    categories: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    places: tuple[str, ...] = ()
    units: frozenset[str] = frozenset()
    metrics: tuple[str, ...] = ()
    repeats: bool = True

    def __bool__(self) -> bool:
        return bool(self.categories or self.years or self.places or self.units or self.metrics
                    or not self.repeats)

    def __call__(self, record) -> bool:
        if self.categories and _get(record, "category") not in self.categories:
            return False
        if self.years and _get(record, "year") not in self.years:
            return False
        if self.units and _get(record, "unit") not in self.units:
            return False
        if not self.repeats and _get(record, "repeat_of") is not None:
            return False
        if self.places:
            from .places import place_matches

            place = _get(record, "place")
            if not any(place_matches(q, place) for q in self.places):
                return False
        if self.metrics:
            metric = _folded(_get(record, "metric") or "")
            if not any(_folded(m) in metric for m in self.metrics):
                return False
        return True


def select(figures: Iterable, keep) -> list:
    """The figures ``keep`` keeps: a :class:`RecordFilter`, or a set of category codes."""
    if isinstance(keep, RecordFilter):
        return [f for f in figures if keep(f)]
    return [f for f in figures if _get(f, "category") in keep]
