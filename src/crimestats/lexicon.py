"""The extractor's vocabulary, read from ``data/lexicon.toml`` and compiled into patterns.

Every phrase is folded (see :mod:`crimestats.textnorm`) so the patterns match text with or
without diacritics. Nothing here knows a particular report: it is the language of reports.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import regex

from .textnorm import fold_word

_BOUND_AFTER = r"(?![\p{L}\p{N}])"
_BOUND_BEFORE = r"(?<![\p{L}\p{N}])"


def _piece(ch: str) -> str:
    # a space in a phrase stands for any run of spaces in the text
    return "[ ]+" if ch == " " else re.escape(ch)


# After a phrase's first letter: the letter before it is no letter or digit. Put there and not
# first, it lets the standard library's engine skip ahead to a possible first letter.
WORD_START = r"(?<!\w.)"


def trie_pattern(phrases, reverse: bool = False, word_start: bool = False) -> str:
    """One alternation for many phrases, factored by their common starts.

    The engine then tries one branch per character instead of every phrase at every
    position, which makes a pass over a text several times faster. Longer continuations
    come before the end of a shorter phrase, so the longest phrase wins, as in a list
    sorted longest first. With ``reverse`` the phrases are factored by their common ends,
    for a pattern matched backwards (``regex``'s reverse mode).
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        chars = " ".join(phrase.split())
        for ch in (reversed(chars) if reverse else chars):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, first: bool = False) -> str:
        mark = WORD_START if first and word_start else ""
        branches = [emit(child) + _piece(ch) if reverse else _piece(ch) + mark + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"

    return emit(root, first=True) or "(?!)"


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

    # The patterns are compiled on first use: most sets are only ever read one way.
    # A phrase ends where a word ends. The engine tries the longest phrase first and
    # backtracks to a shorter one when the boundary fails ("vụ" in "vượt").
    # Forward passes use the standard library's engine, several times faster than
    # ``regex`` on such alternations; ``\w`` is a letter or a digit in folded text.
    @cached_property
    def _at(self):
        """At a position, after optional spaces; a unit may be glued to its number ("20kg")."""
        return re.compile(r"[ ]*(?:" + trie_pattern(self.values) + r")(?!\w)")

    @cached_property
    def _any(self):
        return re.compile(r"(?:" + trie_pattern(self.values, word_start=True) + r")(?!\w)")

    # Backwards, ``regex``'s reverse mode: ending right before a position, before optional
    # spaces, is one anchored attempt instead of a scan of the window.
    @cached_property
    def _before(self):
        return regex.compile(r"(?r)" + _BOUND_BEFORE + self._back + _BOUND_AFTER + r"[ ]*")

    @cached_property
    def _any_reversed(self):
        return regex.compile(r"(?r)" + _BOUND_BEFORE + self._back + _BOUND_AFTER)

    @cached_property
    def _back(self) -> str:
        return "(?:" + trie_pattern(self.values, reverse=True) + ")"

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
            m = self._before.match(text, lo, pos)
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
        return self._first(self._any, text, pos, endpos, exact)

    def search_last(self, text: str, pos: int = 0, endpos: int | None = None, exact: str | None = None):
        """The last phrase in ``text[pos:endpos]`` (a reverse search: one pass from the end)."""
        return self._first(self._any_reversed, text, pos, endpos, exact)

    def _first(self, pattern, text, pos, endpos, exact):
        lo, hi = pos, len(text) if endpos is None else endpos
        while lo < hi:
            m = pattern.search(text, lo, hi)
            if m is None:
                return None
            if self._spelled(text, m.start(), m.end(), exact):
                return m.start(), m.end(), self.value(m.group())
            # misspelled here: look on past it (forwards) or before its end (reversed)
            if pattern is self._any:
                lo = m.start() + 1
            else:
                hi = m.end() - 1
        return None


def _by_value(section: dict[str, list[str]]) -> dict[str, str]:
    """{code: [phrases]} -> {phrase: code}"""
    return {p: code for code, phrases in section.items() for p in phrases}


def _flag(phrases: list[str], value: object = True) -> dict[str, object]:
    return {p: value for p in phrases}


class _Phrases:
    """A :class:`PhraseSet` of one entry of the data, built on first use.

    ``_Phrases("people", "offenders")`` reads a list (each phrase flagged True) or a table
    ({phrase: value}); ``by_value=True`` reads a table of lists ({value: [phrases]}).
    """

    def __init__(self, *path: str, by_value: bool = False, keys: tuple[str, ...] = (),
                 skip: tuple[str, ...] = ()):
        self.path, self.by_value, self.keys, self.skip = path, by_value, keys, skip

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, lex: "Lexicon | None", owner=None):
        if lex is None:
            return self
        entry = lex.data
        for key in self.path:
            entry = entry[key]
        if self.by_value:
            entry = _by_value({k: v for k, v in entry.items()
                               if (not self.keys or k in self.keys) and k not in self.skip})
        elif isinstance(entry, list):
            entry = _flag(entry)
        phrases = lex._set(entry)
        lex.__dict__[self.name] = phrases  # built once; later reads find it first
        return phrases


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

    def build_all(self) -> None:
        """Build every word set now rather than on first use; their patterns still compile
        where they are first used."""
        for name, attr in vars(type(self)).items():
            if isinstance(attr, (_Phrases, cached_property)):
                getattr(self, name)

    def _set(self, phrases: dict[str, object]) -> PhraseSet:
        return PhraseSet(phrases, self.ambiguous)

    # -- numbers -------------------------------------------------------------
    multipliers = _Phrases("multipliers")
    not_multipliers = _Phrases("not_multipliers", "words")
    vague = _Phrases("written_numbers", "vague")

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

    # -- units and what is counted -------------------------------------------
    units = _Phrases("units", by_value=True)
    classifiers = _Phrases("classifiers", "words")
    offenders = _Phrases("people", "offenders")
    non_offenders = _Phrases("people", "others")
    not_offender_after = _Phrases("people", "not_offender_after")
    arrest_actions = _Phrases("people", "arrest_actions")
    victim_cues = _Phrases("people", "victim_cues")
    seizure_actions = _Phrases("seizure", "actions")
    money_cues = _Phrases("money", "cues")

    @cached_property
    def seizure_units(self) -> frozenset[str]:
        return frozenset(self.data["seizure"]["units"])

    # -- qualifiers, comparisons, targets -------------------------------------
    qualifiers = _Phrases("qualifiers", by_value=True, skip=("estimate_in_clause",))
    estimate_words = _Phrases("qualifiers", "estimate_in_clause")
    change_words = _Phrases("change", by_value=True, keys=("up", "down", "none"))
    change_bridge = _Phrases("change", "bridge")
    target_words = _Phrases("target", "words")
    target_direction = _Phrases("target", by_value=True, keys=("up", "down", "level"))

    # -- periods and non-figures ---------------------------------------------
    period_after = _Phrases("period", "after_number")
    period_before = _Phrases("period", "before_number")
    not_figure_before = _Phrases("not_figures", "before")
    not_figure_after = _Phrases("not_figures", "after")
    vague_few = _Phrases("not_figures", "vague_few")

    # -- metric --------------------------------------------------------------
    clause_openers = _Phrases("clause", "openers")
    actions = _Phrases("metric", "actions")
    crime_types = _Phrases("metric", "crime_types")
    glossary = _Phrases("glossary")

    @cached_property
    def back_references(self) -> frozenset[str]:
        return frozenset(fold_word(w) for w in self.data["change"]["back_reference"])

    @cached_property
    def function_words(self) -> frozenset[str]:
        return frozenset(fold_word(w) for w in self.data["clause"]["function_words"])


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    """The package lexicon, loaded once (it is read-only)."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    return _LEXICON
