"""The extractor's vocabulary, read from ``data/lexicon.toml`` and compiled into patterns.

Every phrase is folded (see :mod:`crimestats.textnorm`) so the patterns match text with or
without diacritics. Nothing here knows a particular report: it is the language of reports.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import regex

from .textnorm import fold_word

_BOUND_AFTER = r"(?![\p{L}\p{N}])"
_BOUND_BEFORE = r"(?<![\p{L}\p{N}])"


def _phrase_regex(phrase: str) -> str:
    return r"[ ]+".join(regex.escape(w) for w in phrase.split())


@lru_cache(maxsize=65536)
def tone_key(word: str) -> tuple[str, tuple[str, ...]]:
    """A word's letters and tone marks, apart: "hoà" and "hòa" (tone placed on another
    vowel) have the same key, "giảm" and "giam" do not."""
    parts = unicodedata.normalize("NFD", " ".join(word.lower().split()))
    tones = tuple(sorted(ch for ch in parts if ch in _TONES))
    base = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    return base, tones


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class PhraseSet:
    """A set of folded phrases, each with a value, matched longest first.

    Matching runs on folded text. Where the caller also passes ``exact`` (the same text
    lower-cased with its diacritics), a match must agree with a listed spelling there too,
    so in text with diacritics "chung" is not "chừng" and "giam" is not "giảm".
    """

    def __init__(self, phrases: dict[str, object], ambiguous: frozenset[str] = frozenset()):
        self.values: dict[str, object] = {}
        self.spellings: dict[str, set] = {}
        # folded forms not to match in text without diacritics (see [folding] in the data)
        self.ambiguous = frozenset(" ".join(fold_word(p).split()) for p in phrases
                                   if unicodedata.normalize("NFC", p) in ambiguous)
        for p, v in phrases.items():
            f = " ".join(fold_word(p).split())
            if f:
                self.values.setdefault(f, v)
                self.spellings.setdefault(f, set()).add(tone_key(p))
        ordered = sorted(self.values, key=len, reverse=True)
        alts = "(?:" + ("|".join(_phrase_regex(p) for p in ordered) or r"(?!)") + ")"
        # A phrase ends where a word ends. The regex engine tries the alternatives longest
        # first and backtracks to a shorter one when the boundary fails ("vụ" in "vượt").
        # At a position, after optional spaces; a unit may be glued to its number ("20kg").
        self._at = regex.compile(r"[ ]*" + alts + _BOUND_AFTER)
        # Ending right before a position, before optional spaces.
        self._before = regex.compile(_BOUND_BEFORE + alts + _BOUND_AFTER + r"[ ]*\Z")
        self._any = regex.compile(_BOUND_BEFORE + alts + _BOUND_AFTER)
        self._any_reversed = regex.compile(r"(?r)" + _BOUND_BEFORE + alts + _BOUND_AFTER)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.values

    def value(self, matched: str) -> object:
        return self.values[" ".join(matched.split())]

    def _spelled(self, text: str, s: int, e: int, exact: str | None) -> bool:
        key = " ".join(text[s:e].split())
        if exact is None:
            return key not in self.ambiguous
        return tone_key(exact[s:e]) in self.spellings[key]

    def match_at(self, text: str, pos: int, endpos: int | None = None, exact: str | None = None):
        """The phrase that starts at ``pos`` (after spaces): (start, end, value) or None."""
        end = endpos if endpos is not None else len(text)
        m = self._at.match(text, pos, end)
        while m:
            s = m.start() + (len(m.group()) - len(m.group().lstrip(" ")))
            if self._spelled(text, s, m.end(), exact):
                return s, m.end(), self.value(text[s:m.end()])
            # a shorter phrase may still fit ("vụ" where "vụ án" is misspelled), but it
            # must end where a word ends in the whole text, not just before ``end``
            end = m.end() - 1
            while end > s:
                m = self._at.match(text, pos, end)
                if m is None:
                    return None
                if m.end() >= len(text) or not text[m.end()].isalnum() or not text[m.end() - 1].isalnum():
                    break
                end = m.end() - 1
            else:
                return None
        return None

    def match_before(self, text: str, pos: int, window: int = 60, exact: str | None = None):
        """The phrase that ends at ``pos`` (before spaces): (start, end, value) or None."""
        lo = max(0, pos - window)
        while lo < pos:
            m = self._before.search(text, lo, pos)
            if not m:
                return None
            e = m.start() + len(m.group().rstrip(" "))
            if self._spelled(text, m.start(), e, exact):
                return m.start(), e, self.value(text[m.start():e])
            lo = m.start() + 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, exact: str | None = None):
        for m in self._any.finditer(text, pos, endpos if endpos is not None else len(text)):
            if self._spelled(text, m.start(), m.end(), exact):
                yield m.start(), m.end(), self.value(m.group())

    def search(self, text: str, pos: int = 0, endpos: int | None = None, exact: str | None = None):
        """The first phrase in ``text[pos:endpos]``: (start, end, value) or None."""
        end = len(text) if endpos is None else endpos
        m = self._any.search(text, pos, end)
        while m is not None:
            if self._spelled(text, m.start(), m.end(), exact):
                return m.start(), m.end(), self.value(m.group())
            m = self._any.search(text, m.start() + 1, end)
        return None

    def search_last(self, text: str, pos: int = 0, endpos: int | None = None, exact: str | None = None):
        """The last phrase in ``text[pos:endpos]`` (a reverse search: one pass from the end)."""
        end = len(text) if endpos is None else endpos
        m = self._any_reversed.search(text, pos, end)
        while m is not None:
            if self._spelled(text, m.start(), m.end(), exact):
                return m.start(), m.end(), self.value(m.group())
            m = self._any_reversed.search(text, pos, m.end() - 1)
        return None


def _by_value(section: dict[str, list[str]]) -> dict[str, str]:
    """{code: [phrases]} -> {phrase: code}"""
    return {p: code for code, phrases in section.items() for p in phrases}


def _flag(phrases: list[str], value: object = True) -> dict[str, object]:
    return {p: value for p in phrases}


@dataclass(frozen=True)
class Lexicon:
    data: dict

    @classmethod
    def load(cls) -> "Lexicon":
        raw = resources.files("crimestats").joinpath("data/lexicon.toml").read_bytes()
        return cls(tomllib.loads(raw.decode("utf-8")))

    @cached_property
    def ambiguous(self) -> frozenset[str]:
        return frozenset(unicodedata.normalize("NFC", w) for w in self.data["folding"]["ambiguous"])

    def _set(self, phrases: dict[str, object]) -> PhraseSet:
        return PhraseSet(phrases, self.ambiguous)

    # -- numbers -------------------------------------------------------------
    @cached_property
    def multipliers(self) -> PhraseSet:
        return self._set(self.data["multipliers"])

    @cached_property
    def not_multipliers(self) -> PhraseSet:
        return self._set(_flag(self.data["not_multipliers"]["words"]))

    @cached_property
    def vague(self) -> PhraseSet:
        return self._set(self.data["written_numbers"]["vague"])

    @cached_property
    def number_words(self) -> dict[bool, dict[str, dict[str, object]]]:
        """Written-number words by role: ``[True]`` folded, ``[False]`` exact (lower case).

        Text with diacritics is read with the exact words, so "sau" (after) is not "sáu" (six).
        """
        w = self.data["written_numbers"]
        out: dict[bool, dict[str, dict[str, object]]] = {True: {}, False: {}}
        for folded in (True, False):
            roles = out[folded]

            def add(role, word, value, roles=roles, folded=folded):
                roles.setdefault(role, {})[fold_word(word) if folded else word] = value

            for word, v in w["digits"].items():
                add("after_tens", word, v)
                if word not in w["after_tens_only"]:
                    add("digit", word, v)
            for role in ("ten", "tens", "hundred", "zero_filler", "half_after", "half", "chuc"):
                for word in w[role]:
                    add(role, word, True)
        return out

    # -- units ---------------------------------------------------------------
    @cached_property
    def units(self) -> PhraseSet:
        return self._set(_by_value(self.data["units"]))

    @cached_property
    def classifiers(self) -> PhraseSet:
        return self._set(_flag(self.data["classifiers"]["words"]))

    @cached_property
    def offenders(self) -> PhraseSet:
        return self._set(_flag(self.data["people"]["offenders"]))

    @cached_property
    def non_offenders(self) -> PhraseSet:
        return self._set(_flag(self.data["people"]["others"]))

    @cached_property
    def not_offender_after(self) -> PhraseSet:
        return self._set(_flag(self.data["people"]["not_offender_after"]))

    @cached_property
    def arrest_actions(self) -> PhraseSet:
        return self._set(_flag(self.data["people"]["arrest_actions"]))

    @cached_property
    def victim_cues(self) -> PhraseSet:
        return self._set(_flag(self.data["people"]["victim_cues"]))

    @cached_property
    def seizure_actions(self) -> PhraseSet:
        return self._set(_flag(self.data["seizure"]["actions"]))

    @cached_property
    def seizure_units(self) -> frozenset[str]:
        return frozenset(self.data["seizure"]["units"])

    # -- qualifiers, comparisons, targets -------------------------------------
    @cached_property
    def qualifiers(self) -> PhraseSet:
        q = {k: v for k, v in self.data["qualifiers"].items() if k != "estimate_in_clause"}
        return self._set(_by_value(q))

    @cached_property
    def estimate_words(self) -> PhraseSet:
        return self._set(_flag(self.data["qualifiers"]["estimate_in_clause"]))

    @cached_property
    def change_words(self) -> PhraseSet:
        c = self.data["change"]
        return self._set(_by_value({"up": c["up"], "down": c["down"], "none": c["none"]}))

    @cached_property
    def change_bridge(self) -> PhraseSet:
        return self._set(_flag(self.data["change"]["bridge"]))

    @cached_property
    def change_not_amount(self) -> PhraseSet:
        return self._set(_flag(self.data["change"]["not_amount"]))

    @cached_property
    def target_words(self) -> PhraseSet:
        return self._set(_flag(self.data["target"]["words"]))

    @cached_property
    def target_direction(self) -> PhraseSet:
        t = self.data["target"]
        return self._set(_by_value({"up": t["up"], "down": t["down"], "level": t["level"]}))

    @cached_property
    def rate_words(self) -> PhraseSet:
        return self._set(_flag(self.data["rate"]["words"]))

    @cached_property
    def baseline_openers(self) -> PhraseSet:
        return self._set(_flag(self.data["baseline"]["openers"]))

    # -- periods and non-figures ---------------------------------------------
    @cached_property
    def period_after(self) -> PhraseSet:
        return self._set(_flag(self.data["period"]["after_number"]))

    @cached_property
    def period_before(self) -> PhraseSet:
        return self._set(_flag(self.data["period"]["before_number"]))

    @cached_property
    def multi_year(self) -> PhraseSet:
        return self._set(_flag(self.data["period"]["multi_year"]))

    @cached_property
    def not_figure_before(self) -> PhraseSet:
        return self._set(_flag(self.data["not_figures"]["before"]))

    @cached_property
    def vague_few(self) -> PhraseSet:
        return self._set(_flag(self.data["not_figures"]["vague_few"]))

    @cached_property
    def money_cues(self) -> PhraseSet:
        return self._set(_flag(self.data["money"]["cues"]))

    @cached_property
    def not_figure_after(self) -> PhraseSet:
        return self._set(_flag(self.data["not_figures"]["after"]))

    # -- metric --------------------------------------------------------------
    @cached_property
    def clause_openers(self) -> PhraseSet:
        return self._set(_flag(self.data["clause"]["openers"]))

    @cached_property
    def function_words(self) -> frozenset[str]:
        return frozenset(fold_word(w) for w in self.data["clause"]["function_words"])

    @cached_property
    def actions(self) -> PhraseSet:
        return self._set(_flag(self.data["metric"]["actions"]))

    @cached_property
    def crime_types(self) -> PhraseSet:
        return self._set(_flag(self.data["metric"]["crime_types"]))

    @cached_property
    def glossary(self) -> PhraseSet:
        return self._set(self.data["glossary"])


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    """The package lexicon, loaded once (it is read-only)."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    return _LEXICON
