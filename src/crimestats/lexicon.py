"""The extractor's vocabulary, read from ``data/lexicon.toml``, and the word index of a document.

Every word list of the data is one *word set*. All the sets go into one trie of words, and a
document is walked through that trie once, token by token: each set's matches land in sorted
position arrays (:class:`Matches`), and every later question ("which qualifier ends right
before this number?", "the last action in this clause?") is a dictionary or ``bisect`` look-up,
not a new pattern search.

Text typed without diacritics is matched on its folded words (``tang``); text with diacritics on
each word's letters and tone marks (``tăng``), so that there ``giam`` is not ``giảm`` and
``chung`` not ``chừng``, while ``hoà`` and ``hòa`` (the tone on another vowel) stay one word.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import chain, compress
from operator import eq
from importlib import resources

from .textnorm import fold_word

__all__ = ["Lexicon", "LexiconError", "Matches", "WordIndex", "build_trie", "lexicon", "trie_pattern", "tokens", "word_key", "words_of"]

# A token: a run of letters, a run of digits, or one other visible character. Digits and
# letters are apart, so a unit glued to its number ("20kg") is a word of its own.
TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class LexiconError(ValueError):
    """The lexicon data is malformed; the message names the section and key."""


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A lower-case word with diacritics as its base letters followed by its tone marks:
    ``hoà`` and ``hòa`` have one key, ``giảm`` and ``giam`` do not."""
    parts = unicodedata.normalize("NFD", word)
    if not any(ch in _TONES for ch in parts):
        return unicodedata.normalize("NFC", parts)
    tones = "".join(sorted(ch for ch in parts if ch in _TONES))
    return unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES)) + tones


def tokens(phrase: str, folded: bool) -> tuple[str, ...]:
    """A lexicon phrase as the keys of its words, as :class:`WordIndex` reads a document."""
    text = unicodedata.normalize("NFC", phrase)
    if folded:
        return tuple(TOKEN.findall(fold_word(text)))
    return tuple(word_key(w) for w in TOKEN.findall(text.lower()))


# --------------------------------------------------------------------------------------------
# The layout of the data: each section, and for each key what it holds. A section given as
# TABLE takes any key ({phrase: value} or {code: [phrases]}). Anything else is an error.

LIST, TABLE, WORDS = "list", "table", "words"  # WORDS: a list read as single words, not phrases
LAYOUT: dict[str, object] = {
    "folding": {"ambiguous": LIST, "compounds": LIST, "after_number": LIST},
    "multipliers": TABLE,
    "not_multipliers": {"words": LIST},
    "written_numbers": {"digits": TABLE, "after_tens_only": LIST, "ten": LIST, "tens": LIST,
                        "hundred": LIST, "zero_filler": LIST, "zero": LIST, "half_after": LIST, "half": LIST,
                        "vague": TABLE, "chuc": LIST, "not_numbers": LIST},
    "numbers": {"range_to": LIST, "range_between": LIST, "range_and": LIST, "range_from": LIST, "totals": LIST,
                "glued_multipliers": TABLE, "compound_units": TABLE},
    "dates": {"day_month_before": LIST},
    "sentences": {"abbreviations": LIST},
    "units": TABLE,
    "currency_before": TABLE,
    "counted_nouns": {"not_nouns": LIST, "words": "int"},
    "classifiers": {"words": LIST},
    "people": {"offenders": LIST, "others": LIST, "not_offender_after": LIST, "arrest_actions": LIST,
               "case_as_person": LIST, "victim_cues": LIST, "offender_after": LIST},
    "money": {"cues": LIST},
    "seizure": {"actions": LIST, "units": LIST, "never": LIST},
    "qualifiers": {"more_than": LIST, "less_than": LIST, "about": LIST, "nearly": LIST,
                   "at_least": LIST, "at_most": LIST, "estimate_in_clause": LIST,
                   "at_least_after": LIST, "at_most_after": LIST, "negation": LIST, "about_adjacent": LIST},
    "change": {"up": LIST, "down": LIST, "none": LIST, "bridge": LIST, "back_reference": LIST,
               "sign_down": LIST, "sign_up": LIST, "compared": LIST, "not_amounts": LIST},
    "target": {"words": LIST, "up": LIST, "down": LIST, "level": LIST, "goal": LIST, "done": LIST},
    "baseline": {"openers": LIST, "stops": LIST},
    "period": {"after_number": LIST, "before_number": LIST, "before_number_unless_unit": LIST},
    "not_figures": {"before": LIST, "vague_few": LIST, "after": LIST},
    "years": {"birth": LIST, "baseline": LIST, "legal": LIST, "multi_before": LIST, "context": LIST,
              "month": LIST, "quarter": LIST, "part_of_year": LIST, "year_word": LIST, "from": LIST,
              "to": LIST, "and": LIST, "first_last": LIST, "until_now": LIST, "day_words": LIST,
              "main_lead": LIST, "same_period": LIST, "to_end": LIST, "duration_before": LIST,
              "duration_after": LIST, "plan": LIST, "review": LIST, "every_year": LIST},
    "clause": {"openers": LIST, "function_words": LIST, "and": LIST, "joiners": LIST, "list_joiners": LIST},
    "metric": {"actions": LIST, "crime_types": LIST, "subjects": LIST, "discourse": LIST, "periods": LIST,
               "lead_words": LIST, "trail_words": LIST, "inner_words": LIST, "name_words": LIST,
               "right_stops": LIST, "crime_list_joiners": LIST, "not_actions": LIST},
    "glossary": TABLE,
}


def _check(data: dict) -> None:
    for section, body in data.items():
        layout = LAYOUT.get(section)
        if layout is None:
            raise LexiconError(f"lexicon: unknown section [{section}]")
        if not isinstance(body, dict) or not body:
            raise LexiconError(f"lexicon: [{section}] is empty")
        for key, value in body.items():
            if layout != TABLE and key not in layout:
                raise LexiconError(f"lexicon: unknown key {key!r} in [{section}]")
            if layout != TABLE and layout[key] == "int" and not isinstance(value, int):
                raise LexiconError(f"lexicon: [{section}] {key}: not a whole number")
            if isinstance(value, (list, dict)) and not value:
                raise LexiconError(f"lexicon: [{section}] {key}: empty word list")
    for section, layout in LAYOUT.items():
        if section not in data:
            raise LexiconError(f"lexicon: missing section [{section}]")
        if layout != TABLE:
            missing = [k for k in layout if k not in data[section]]
            if missing:
                raise LexiconError(f"lexicon: [{section}] lacks {', '.join(missing)}")


# --------------------------------------------------------------------------------------------
# Word sets: (name, section, key or None for a whole table, how the entry is read)

def _flat(entry) -> dict:
    """A list -> {phrase: True}; {code: [phrases]} -> {phrase: code}; {phrase: value} as is."""
    if isinstance(entry, list):
        return dict.fromkeys(entry, True)
    if all(isinstance(v, list) for v in entry.values()):
        return {p: code for code, phrases in entry.items() for p in phrases}
    return dict(entry)


SETS: dict[str, tuple] = {
    # numbers
    "multipliers": ("multipliers",),
    "not_multipliers": ("not_multipliers", "words"),
    "vague": ("written_numbers", "vague"),
    "not_numbers": ("written_numbers", "not_numbers"),
    "compounds": ("folding", "compounds"),
    "half_after": ("written_numbers", "half_after"),
    "range_to": ("numbers", "range_to"),
    "range_between": ("numbers", "range_between"),
    "range_and": ("numbers", "range_and"),
    "range_from": ("numbers", "range_from"),
    "currency_before": ("currency_before",),
    "totals": ("numbers", "totals"),
    # units and what is counted
    "units": ("units",),
    "classifiers": ("classifiers", "words"),
    "not_nouns": ("counted_nouns", "not_nouns"),
    "offenders": ("people", "offenders"),
    "non_offenders": ("people", "others"),
    "not_offender_after": ("people", "not_offender_after"),
    "arrest_actions": ("people", "arrest_actions"),
    "victim_cues": ("people", "victim_cues"),
    "case_as_person": ("people", "case_as_person"),
    "offender_after": ("people", "offender_after"),
    "seizure_actions": ("seizure", "actions"),
    "money_cues": ("money", "cues"),
    # qualifiers, comparisons, targets
    "qualifiers": ("qualifiers", None, ("estimate_in_clause", "at_least_after", "at_most_after", "negation",
                                        "about_adjacent")),
    "adjacent_qualifiers": ("qualifiers", None, ("more_than", "less_than", "about", "nearly", "at_least",
                                                 "at_most", "estimate_in_clause", "negation", "at_least_after",
                                                 "at_most_after")),
    "bounds_after": ("qualifiers", None, ("more_than", "less_than", "about", "nearly", "at_least", "at_most",
                                          "estimate_in_clause", "negation", "about_adjacent")),
    "negation": ("qualifiers", "negation"),
    "estimate_words": ("qualifiers", "estimate_in_clause"),
    "change_words": ("change", None, ("bridge", "back_reference", "sign_down", "sign_up", "compared")),
    "compared": ("change", "compared"),
    "change_bridge": ("change", "bridge"),
    "target_words": ("target", "words"),
    "target_direction": ("target", None, ("words", "goal", "done")),
    "goals": ("target", "goal"),
    "goal_done": ("target", "done"),
    "not_seized": ("seizure", "never"),
    "function_words": ("clause", "function_words"),
    # periods and non-figures
    "period_after": ("period", "after_number"),
    "period_before": ("period", "before_number"),
    "not_figure_before": ("not_figures", "before"),
    "not_figure_after": ("not_figures", "after"),
    "vague_few": ("not_figures", "vague_few"),
    # metric
    "clause_openers": ("clause", "openers"),
    "actions": ("metric", "actions"),
    "not_actions": ("metric", "not_actions"),
    "crime_types": ("metric", "crime_types"),
    "subjects": ("metric", "subjects"),
    "discourse": ("metric", "discourse"),
    "metric_periods": ("metric", "periods"),
    "lead_words": ("metric", "lead_words"),
    "trail_words": ("metric", "trail_words"),
    "inner_words": ("metric", "inner_words"),
    "name_words": ("metric", "name_words"),
    "right_stops": ("metric", "right_stops"),
    "glossary": ("glossary",),
}


class Lexicon:
    """The data, checked when it loads, and the trie of every word set."""

    def __init__(self, data: dict):
        _check(data)
        self.data = data
        self.ambiguous = frozenset(unicodedata.normalize("NFC", w) for w in data["folding"]["ambiguous"])
        self.set_names = tuple(SETS)
        self.set_id = {name: i for i, name in enumerate(self.set_names)}
        self.phrases: dict[str, dict] = {name: self._entry(*spec) for name, spec in SETS.items()}
        # read only right before or after a number, where words typed without diacritics have
        # one reading ("5 to" is "5 tổ", "tam 200" is "tầm 200")
        after_number = frozenset(unicodedata.normalize("NFC", w) for w in data["folding"]["after_number"])
        self.unambiguous_sets = {self.set_id["units"]: after_number, self.set_id["multipliers"]: after_number,
                                 # ages and times after a number: "25 tuoi" is "25 tuổi"
                                 **{self.set_id[name]: frozenset(unicodedata.normalize("NFC", w) for w in self.phrases[name])
                                    for name in ("not_figure_after", "period_after")},
                                 self.set_id["adjacent_qualifiers"]: frozenset(
                                     unicodedata.normalize("NFC", w) for w in self.phrases["adjacent_qualifiers"])}
        # number words: their own roles, in the same trie so one walk finds them
        self.number_roles = self._number_roles()
        self._tries: dict[bool, dict] = {}

    @classmethod
    def load(cls) -> "Lexicon":
        raw = resources.files("crimestats").joinpath("data/lexicon.toml").read_bytes()
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise LexiconError(f"lexicon: not valid TOML: {exc}") from None
        return cls(data)

    def _entry(self, section: str, key: str | None = None, skip: tuple[str, ...] = ()) -> dict:
        entry = self.data[section]
        if key is not None:
            return _flat(entry[key])
        return _flat({k: v for k, v in entry.items() if k not in skip})

    def words(self, section: str, key: str) -> list[str]:
        """A word list as written in the data."""
        return list(self.data[section][key])

    def folded(self, section: str, key: str) -> frozenset[str]:
        """A word list folded, for comparison with folded text."""
        return frozenset(" ".join(fold_word(w).split()) for w in self.data[section][key])

    def alternation(self, section: str, key: str) -> str:
        """A word list as a regular-expression alternation over folded text, longest first;
        a space stands for a run of spaces."""
        words = sorted(self.folded(section, key), key=len, reverse=True)
        return "(?:" + "|".join(r"[ ]+".join(map(re.escape, w.split())) for w in words) + ")"

    def _number_roles(self) -> dict[bool, dict[str, dict[str, object]]]:
        """Written-number words by role, keyed as the document's words are (folded or exact)."""
        w = self.data["written_numbers"]
        out: dict[bool, dict[str, dict[str, object]]] = {}
        for folded in (True, False):
            roles: dict[str, dict[str, object]] = {}

            def add(role, word, value):
                (key,) = tokens(word, folded)
                roles.setdefault(role, {})[key] = value

            for word, v in w["digits"].items():
                add("after_tens", word, v)
                if word not in w["after_tens_only"]:
                    add("digit", word, v)
            for role in ("ten", "tens", "hundred", "zero_filler", "zero", "half_after", "half", "chuc"):
                for word in w[role]:
                    add(role, word, True)
            out[folded] = roles
        return out

    def trie(self, folded: bool) -> dict:
        """The word trie of every set (see :func:`build_trie`), built once per mode."""
        trie = self._tries.get(folded)
        if trie is None:
            trie = self._tries[folded] = build_trie(
                [(self.set_id[name], phrases) for name, phrases in self.phrases.items()], folded, self.ambiguous,
                self.unambiguous_sets)
        return trie

    def build_all(self) -> None:
        """Build both tries now, e.g. once before worker processes fork."""
        self.trie(True)
        self.trie(False)


def trie_pattern(phrases) -> str:
    """One regular-expression alternation for many phrases, factored by their common starts
    (a space stands for a run of spaces). Longer continuations come before the end of a shorter
    phrase, so the longest phrase wins."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [("[ ]+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"

    return emit(root) or "(?!)"


def build_trie(sets, folded: bool, ambiguous: frozenset[str] = frozenset(),
               exempt: dict[int, frozenset[str]] | None = None) -> dict:
    """One trie of words for many phrase sets (``[(set id, {phrase: value})]``).

    ``node[key]`` is the next node, ``node[None]`` the (set id, value) pairs of the phrases
    that end there. Folded (for text typed without diacritics), the ``ambiguous`` phrases are
    left out: typed so, they are mostly another word; ``exempt`` names, per set, those kept.
    """
    root: dict = {}
    exempt = exempt or {}
    for sid, phrases in sets:
        for phrase, value in phrases.items():
            nfc = unicodedata.normalize("NFC", phrase)
            if folded and nfc in ambiguous and nfc not in exempt.get(sid, ()):
                continue
            keys = tokens(phrase, folded)
            if not keys:
                continue
            node = root
            for k in keys:
                node = node.setdefault(k, {})
            ends = node.setdefault(None, [])
            if all(s != sid for s, _ in ends):
                ends.append((sid, value))
    return root


def words_of(text: str, folded: bool) -> tuple[list[str], list[int], list[int], list[bool]]:
    """The tokens of ``text`` (folded, or lower case with diacritics): their keys, starts,
    ends, and whether each is glued to the one before."""
    found = list(TOKEN.finditer(text))
    starts = list(map(_START, found))
    ends = list(map(_END, found))
    keys = list(map(_GROUP, found))
    joined = list(map(eq, starts, chain((-1,), ends)))
    if not folded:
        cache = _KEYS
        if len(cache) > 200_000:
            cache.clear()
        missing = set(keys).difference(cache)
        for k in missing:
            cache[k] = word_key(k)
        keys = list(map(cache.__getitem__, keys))
    return keys, starts, ends, joined


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
# the key of every word met so far (words repeat across reports; bounded below)
_KEYS: dict[str, str] = {}


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    """The package lexicon, loaded once (it is read-only)."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    return _LEXICON


# --------------------------------------------------------------------------------------------
# The word index of one document


class Matches:
    """The matches of one word set in a document, ``(start, end, value, loose)`` in order of
    start (and, at one start, of length). A match is whole words: it ends where a word ends;
    ``loose`` marks a match glued to a letter or digit before it, which counts only where a
    phrase is read right after a number ("20kg"). The look-up tables are made on first use:
    most sets are asked one kind of question, some none at all."""

    __slots__ = ("items", "_starts", "_at_start", "_at_end", "_longest")

    def __init__(self, items: list[tuple[int, int, object, bool]]):
        self.items = items
        self._starts = self._at_start = self._at_end = None
        self._longest = -1

    def at(self, pos: int):
        """The longest match starting at ``pos``, or None."""
        table = self._at_start
        if table is None:
            table = self._at_start = {m[0]: m for m in self.items}  # the longest comes last
        return table.get(pos)

    def ending(self, pos: int, lo: int = 0):
        """The longest match that ends at ``pos`` and starts at or after ``lo``."""
        table = self._at_end
        if table is None:
            table = self._at_end = {}
            for m in self.items:
                if not m[3] and m[1] not in table:
                    table[m[1]] = [m]
                elif not m[3]:
                    table[m[1]].append(m)
        found = table.get(pos)
        if found is None:
            return None
        for m in found:  # longest first
            if m[0] >= lo:
                return m
        return None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [m[0] for m in self.items]
        return self._starts

    def first(self, lo: int, hi: int):
        """The first match inside ``[lo, hi)`` (the longest there that fits)."""
        items = self.items
        i = bisect_left(self.starts, lo)
        n = len(items)
        while i < n and items[i][0] < hi:
            s = items[i][0]
            best = None
            while i < n and items[i][0] == s:
                if items[i][1] <= hi and not items[i][3]:
                    best = items[i]
                i += 1
            if best is not None:
                return best
        return None

    def last(self, lo: int, hi: int):
        """The match inside ``[lo, hi)`` that ends last (the longest of those)."""
        items = self.items
        if self._longest < 0:
            self._longest = max((m[1] - m[0] for m in items), default=0)
        i = bisect_left(self.starts, hi) - 1
        best = None
        while i >= 0 and items[i][0] >= lo:
            m = items[i]
            if best is not None and m[0] < best[1] - self._longest:
                break
            if m[1] <= hi and not m[3]:
                if best is None or m[1] > best[1] or (m[1] == best[1] and m[0] <= best[0]):
                    best = m
            i -= 1
        return best

    def all(self, lo: int, hi: int):
        """The matches inside ``[lo, hi)``, left to right, longest first, none overlapping."""
        items = self.items
        i = bisect_left(self.starts, lo)
        n = len(items)
        out = []
        taken = lo
        while i < n and items[i][0] < hi:
            s = items[i][0]
            best = None
            while i < n and items[i][0] == s:
                if items[i][1] <= hi and not items[i][3] and s >= taken:
                    best = items[i]
                i += 1
            if best is not None:
                out.append(best)
                taken = best[1]
        return out

    def any(self, lo: int, hi: int) -> bool:
        return self.first(lo, hi) is not None


# A set whose matches inside a longer word of another set are no matches: "nhận" is an
# action, but not inside "nhận định" (assess) or "thừa nhận" (admit)
BLOCKED = {"actions": "not_actions"}


def _unblocked(items: list, blockers: list) -> list:
    """``items`` without those inside one of ``blockers`` (both in text order)."""
    if not blockers:
        return items
    starts = [b[0] for b in blockers]

    def blocked(item) -> bool:
        # a blocker is a few words long: only the few starting just before the item can hold it
        i = bisect_right(starts, item[0]) - 1
        while i >= 0 and item[0] - starts[i] <= 40:
            if item[1] <= blockers[i][1]:
                return True
            i -= 1
        return False

    return [item for item in items if not blocked(item)]


class WordIndex:
    """Every word set's matches in one document: ``index.units``, ``index.qualifiers`` …

    ``text`` is the folded text (for word ends); ``keys``, ``starts``, ``ends``, ``joined``
    its words as :func:`words_of` reads them.
    """

    def __init__(self, trie: dict, names, text: str, keys: list[str],
                 starts: list[int], ends: list[int], joined: list[bool]):
        lists: list[list] = [[] for _ in names]
        n = len(keys)
        # only the words that start a phrase are walked from
        for i in compress(range(n), map(trie.__contains__, keys)):
            node = trie[keys[i]]
            s = starts[i]
            loose = joined[i] and i > 0 and text[s - 1].isalnum()
            j = i
            while True:
                found = node.get(None)
                if found is not None:
                    e = ends[j]
                    # whole words only: the match must not run on into a letter or digit
                    if j + 1 >= n or not (joined[j + 1] and text[e].isalnum()):
                        for sid, value in found:
                            lists[sid].append((s, e, value, loose))
                j += 1
                if j >= n or not joined[j] and text[ends[j - 1]:starts[j]].strip(" "):
                    break
                node = node.get(keys[j])
                if node is None:
                    break
        ids = {name: i for i, name in enumerate(names)}
        for kept, blocker in BLOCKED.items():
            if kept in ids and blocker in ids:
                lists[ids[kept]] = _unblocked(lists[ids[kept]], lists[ids[blocker]])
        for name, items in zip(names, lists):
            setattr(self, name, Matches(items))
