"""The place a figure is about: a province, a centrally-run city, a district, or the country.

``PlaceIndex(text)`` finds every place a document names, once; ``place_for(start,
sentence_start, sentence_end)`` then answers for one figure: a place named in its clause or
sentence, else the last one named before it in its paragraph, else the document's place (its
title, its dateline, else the place it names most often). Unknown is ``None``.

Names come from ``data/places.toml`` (the provinces and cities before and after the 2025
merger). Matching runs on the folded copy of the text (:mod:`crimestats.textnorm`), so text
typed without diacritics finds the same places; where the text has diacritics a name must also
be spelled as listed. Every offset taken or given is an offset of the input as decoded, NFD
input included.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from .lexicon import trie_pattern
from .textnorm import fold_word, normalize

__all__ = ["PlaceIndex", "Mention", "gazetteer", "resolve", "place_matches", "spelling_key"]

WORD = regex.compile(r"[^\W_]+")
# Between the words of one name: "Ba Ria - Vung Tau", "Ba Ria-Vung Tau", "TP.HCM".
NAME_SEP = regex.compile(r"[ .\-]{1,4}")
# Between a prefix and a name: "tinh Thai Nguyen", "TP. Vinh", "TP.HCM".
PREFIX_SEP = regex.compile(r"(?:[ ]*\.[ ]*|[ ]{1,3})")
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# "hoa" with its tone mark on the o or on the a is one spelling (old and new style, in NFD).
OLD_TONE = regex.compile(rf"([ouOU])([{TONE_MARKS}])([aeyAEY])(?![^\W_])")
NON_WORD = regex.compile(r"[\W_]+")
# A district's name as written: capitalised words (or words in capitals, in a heading).
CAP_WORD = r"(?:\p{Lu}[\p{Ll}\p{M}]*|\p{Lu}[\p{Lu}\p{M}]+)"
CAP_UNIT = rf"{CAP_WORD}(?:-{CAP_WORD})*"
DISTRICT_NAME = regex.compile(rf"{CAP_UNIT}(?:[ ]{CAP_UNIT}){{0,7}}(?![\p{{L}}\p{{M}}\p{{N}}])")
# District names have one to three words ("Bac Tra My"); a longer run of capitalised words
# runs on into another name (a district, then a person's name), where the district's end is unknown.
DISTRICT_WORDS = 3
DISTRICT_NUMBER = regex.compile(r"\d{1,2}(?![\p{L}\p{N}])")
LAST_WORD = regex.compile(r"([^\W\d_]+)[ ]{1,3}\Z")
NEXT_WORD = regex.compile(r"[ ]{1,3}([^\W\d_]+)")
# What may stand before the first word of a sentence or a heading.
SENTENCE_OPENERS = frozenset(".!?:;\"'\u201c\u201d\u2018\u2019(\u2026-\u2013\u2014\n")
# Where a residence phrase stops reaching: the end of its bracket, clause or sentence.
RESIDENCE_STOP = regex.compile(r"[);\n]|\.[ ]")
RESIDENCE_REACH = 80
# Where a clause of a sentence ends: a semicolon, a colon, a comma that is no decimal mark.
CLAUSE_MARK = regex.compile(r"[;:()\[\]]|,(?!\d)")
BRACKET = regex.compile(r"[()\[\]]")
TITLE_MAX = 200
DATELINE_LINES = 3
DATELINE_AFTER = regex.compile(r"[ ]*\)?[ ]*[-\u2013\u2014,:]")


def spelling_key(text: str) -> str:
    """``text`` lower-cased, NFC, tone marks placed one way, words separated by one space:
    two spellings of one name give the same key, a different word with the same letters does not."""
    text = unicodedata.normalize("NFD", text.lower())
    text = OLD_TONE.sub(r"\1\3\2", text)
    return NON_WORD.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold_word(text)))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A listed phrase: its folded words and its spellings with diacritics."""

    words: tuple[str, ...]
    spellings: frozenset[str]
    # typed without diacritics it is more often another word: not matched then
    unmarked_ambiguous: bool = False

    def spelled(self, written: str) -> bool:
        """Whether ``written`` (NFC text matched by the folded words) is this phrase as written:
        text without diacritics always is; text with them must be one of the listed spellings."""
        if written.isascii():
            return not self.unmarked_ambiguous
        return spelling_key(written) in self.spellings


@dataclass(frozen=True, slots=True)
class Name(Phrase):
    """A name of a place."""

    place: str = ""
    kind: str = "province"  # city, province, district, country
    need: str = ""          # "", "capital" (capital letters as listed, or a prefix), "prefix"
    caps: tuple[bool, ...] = ()  # which words the listed form capitalises


def _phrases(entries, ambiguous: frozenset[str] = frozenset()) -> list[Phrase]:
    grouped: dict[tuple[str, ...], set[str]] = {}
    for entry in entries:
        grouped.setdefault(_words(entry), set()).add(spelling_key(entry))
    return [Phrase(w, frozenset(s), w in ambiguous) for w, s in grouped.items() if w]


class Gazetteer:
    """The names of ``data/places.toml``, indexed by their first folded word."""

    def __init__(self, data: dict):
        ambiguous = frozenset(_words(w) for w in data.get("folding", {}).get("ambiguous", []))
        prefixes = data["prefixes"]
        self.province_prefixes = _phrases(prefixes["province"], ambiguous)
        self.district_prefixes: list[tuple[Phrase, str]] = []
        for written, canonical in prefixes["district"].items():
            (phrase,) = _phrases([written], ambiguous)
            self.district_prefixes.append((phrase, unicodedata.normalize("NFC", canonical)))
        self.numbered = frozenset(unicodedata.normalize("NFC", w) for w in prefixes.get("numbered", []))
        context = data["context"]
        self.street = _phrases(context["street"], ambiguous)
        self.residence = _phrases(context["residence"], ambiguous)
        self.places: list[dict] = data["place"]
        self.country = unicodedata.normalize("NFC", data["country"]["name"])
        names: list[Name] = []
        for form in data["country"]["forms"]:
            names.append(Name(_words(form), frozenset({spelling_key(form)}), place=self.country,
                              kind="country"))
        for entry in self.places:
            canonical = unicodedata.normalize("NFC", entry["name"])
            for field, need in (("forms", ""), ("capital_forms", "capital"), ("prefix_forms", "prefix")):
                for form in entry.get(field, []):
                    caps = tuple(w[:1].isupper() for w in WORD.findall(unicodedata.normalize("NFC", form)))
                    names.append(Name(_words(form), frozenset({spelling_key(form)}), place=canonical,
                                      kind=entry["kind"], need=need, caps=caps))
        # one Name per folded words and requirement, with every spelling of it
        merged: dict[tuple, Name] = {}
        for n in names:
            key = (n.words, n.place, n.need)
            old = merged.get(key)
            merged[key] = n if old is None else Name(n.words, old.spellings | n.spellings, place=n.place,
                                                     kind=n.kind, need=n.need, caps=old.caps)
        self.names: dict[str, list[Name]] = {}
        for n in sorted(merged.values(), key=lambda n: -len(n.words)):
            self.names.setdefault(n.words[0], []).append(n)
        # One pass finds every name, with its prefix if any; another every district word
        # before a capital letter or a number. Python then checks only what they find.
        # The standard library's engine runs these factored alternations several times faster.
        names = [" ".join(n.words) for n in merged.values()]
        prefix_phrases = [" ".join(p.words) for p in self.province_prefixes]
        self.name_pattern = re.compile(
            rf"(?<![^\W_])(?:(?P<pre>{_trie(prefix_phrases, '[ ]+')}){PREFIX_SEP.pattern})?"
            rf"(?P<name>{_trie(names, NAME_SEP.pattern)})(?![^\W_])")
        district_forms = set()
        for p, _written in self.district_prefixes:
            district_forms.update(p.spellings)
            if not p.unmarked_ambiguous:
                district_forms.add(" ".join(p.words))
        self.abbreviated = {a: unicodedata.normalize("NFC", w) for a, w in prefixes.get("abbreviated", {}).items()}
        abbreviations = "|".join(regex.escape(a) for a in sorted(self.abbreviated, key=len, reverse=True)) or "(?!)"
        # the standard library's engine, several times faster on this pass over every text; the
        # capital or digit that must follow is checked on each match (it has no \p{Lu})
        self.district_pattern = re.compile(
            rf"(?<![^\W_])(?:(?P<pre>(?i:{_alternation([tuple(f.split()) for f in sorted(district_forms, key=len, reverse=True)], '[ ]+')}))"
            rf"{PREFIX_SEP.pattern}|(?P<abbr>{abbreviations})\.[ ]?)(?=\w)")
        self.prefix_by_words = {p.words: p for p in self.province_prefixes}
        self.street_end = self._tail_pattern(self.street)
        self.residence_words = regex.compile(
            r"(?<![^\W_])(?:" + "|".join(sorted(("[ ]+".join(p.words) for p in self.residence), key=len, reverse=True))
            + r")(?![^\W_])")
        self.residence_by_words = {p.words: p for p in self.residence}
        self.street_by_words = {p.words: p for p in self.street}
        # every folded form, with and without a prefix, for resolving a name a user types
        self.by_words: dict[tuple[str, ...], str] = {}
        for n in merged.values():
            self.by_words.setdefault(n.words, n.place)
        for entry in self.places:
            canonical = unicodedata.normalize("NFC", entry["name"])
            self.by_words.setdefault(_words(canonical), canonical)

    @staticmethod
    def _tail_pattern(phrases: list[Phrase]):
        alternatives = sorted(("[ ]+".join(p.words) for p in phrases), key=len, reverse=True)
        return regex.compile(r"(?<![^\W_])(" + "|".join(alternatives) + r")[ ]{1,3}\Z")

    def canonical_names(self, after_2025: bool | None = None) -> list[str]:
        """The provinces and cities, all or those before (False) or after (True) the 2025 merger."""
        key = {None: None, False: "before_2025", True: "after_2025"}[after_2025]
        return [unicodedata.normalize("NFC", p["name"]) for p in self.places if key is None or p.get(key)]


def _trie(phrases, separator: str) -> str:
    """One factored alternation for ``phrases`` (words joined by spaces), the words joined in
    the text by ``separator``."""
    return trie_pattern(sorted(set(phrases))).replace("[ ]+", separator)


def _alternation(phrases, separator: str) -> str:
    """A pattern for any of ``phrases`` (tuples of words), the words joined by ``separator``."""
    return "|".join(separator.join(regex.escape(w) for w in words) for words in phrases)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``data/places.toml`` (read once per process)."""
    raw = resources.files("crimestats").joinpath("data/places.toml").read_text(encoding="utf-8")
    return Gazetteer(tomllib.loads(raw))


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in the text: input offsets, the canonical place, its kind."""

    start: int
    end: int
    place: str
    kind: str


def _match_words(folded: str, pos: int, words: tuple[str, ...]) -> int | None:
    """End of ``words`` read at ``pos`` of the folded text (whole words), or None."""
    n = len(folded)
    for i, word in enumerate(words):
        if i:
            m = NAME_SEP.match(folded, pos)
            if m is None:
                return None
            pos = m.end()
        if not folded.startswith(word, pos):
            return None
        pos += len(word)
        if pos < n and (folded[pos].isalnum() or unicodedata.combining(folded[pos])):
            return None
    return pos


def _titlecase(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _capitalised_as(written: str, caps: tuple[bool, ...]) -> bool:
    words = WORD.findall(written)
    return len(words) == len(caps) and all(w[:1].isupper() for w, cap in zip(words, caps) if cap)


class PlaceIndex:
    """Every place named in one document, to give each figure its place."""

    def __init__(self, text: str, norm=None):
        """``norm``: the text's :func:`crimestats.textnorm.normalize`, when already made."""
        self.text = text
        self.gaz = gazetteer()
        norm = norm if norm is not None else normalize(text)
        self._norm = norm
        self.mentions: list[Mention] = self._find(norm.nfc, norm.folded)
        self._starts = [m.start for m in self.mentions]
        self.document_place: str | None = self._document_place()

    # ------------------------------------------------------------------ finding names
    def _find(self, nfc: str, folded: str) -> list[Mention]:
        gaz = self.gaz
        hits: list[tuple[int, int, int, str, str]] = []  # start, rank, end, place, kind
        blocked = 0
        for m in gaz.name_pattern.finditer(folded):
            if m.start() < blocked:
                continue
            self._blocked = 0
            hit = self._read_name(nfc, folded, m)
            blocked = max(blocked, self._blocked)
            if hit is not None:
                hits.append((hit[0], 0, hit[1], hit[2], hit[3]))
        for m in gaz.district_pattern.finditer(nfc):
            if not (nfc[m.end()].isupper() or nfc[m.end()].isdigit()):
                continue
            abbreviated = m.group("abbr")
            written = gaz.abbreviated[abbreviated] if abbreviated else self._district_word(m.group("pre"))
            if written is None:
                continue
            hit = self._district_at(nfc, m.end(), written)
            if hit is not None:
                hits.append((m.start(), 1, hit[0], hit[1], "district"))
        # where a name and a district overlap, the one that starts first wins; at one start, the
        # province ("TP Thai Nguyen" is the province's name, "TP Vinh" a city of a province)
        hits.sort()
        found: list[Mention] = []
        done = 0
        for s, _rank, e, place, kind in hits:
            if s < done:
                continue
            done = e
            if self._in_residence(nfc, folded, s):
                continue
            a, b = self._norm.span(s, e)
            found.append(Mention(a, b, place, kind))
        return found

    def _read_name(self, nfc: str, folded: str, m) -> tuple[int, int, str, str] | None:
        """(start, end, place, kind) of the name ``m`` found, checked against the text."""
        at = m.start("name")
        if m.group("pre") is not None:
            prefix = self.gaz.prefix_by_words.get(tuple(WORD.findall(m.group("pre"))))
            if prefix is not None and prefix.spelled(nfc[m.start():m.end("pre")]):
                name = self._name_at(nfc, folded, at, prefixed=True)
                if name is not None:
                    return m.start(), name[0], name[1].place, name[1].kind
        name = self._name_at(nfc, folded, at, prefixed=False)
        if name is not None:
            return at, name[0], name[1].place, name[1].kind
        return None

    def _district_word(self, written: str) -> str | None:
        """The district word (as places are written) of a prefix as written, if spelled as listed."""
        words = tuple(WORD.findall(fold_word(written)))
        for phrase, canonical in self.gaz.district_prefixes:
            if phrase.words == words and phrase.spelled(written):
                return canonical
        return None

    def _name_at(self, nfc: str, folded: str, at: int, prefixed: bool) -> tuple[int, Name] | None:
        m = WORD.match(folded, at)
        if m is None:
            return None
        for name in self.gaz.names.get(m.group(), ()):
            end = _match_words(folded, at, name.words)
            if end is None or not name.spelled(nfc[at:end]):
                continue
            if not prefixed:
                if name.need == "prefix":
                    continue
                # A name that is also a common word or a given name ("hoa binh" is peace) needs
                # its capitals as listed ("Hoa binh" opening a sentence is still peace); in text
                # without capitals (typed in lower case) it needs a prefix.
                if name.need == "capital" and not _capitalised_as(nfc[at:end], name.caps):
                    continue
                if name.kind != "country" and not self._stands_alone(nfc, folded, at, end):
                    continue
            return end, name
        return None

    def _stands_alone(self, nfc: str, folded: str, s: int, e: int) -> bool:
        """Whether a name with no prefix is a place of its own, not part of a longer name: not
        a street's ("duong Ha Noi"), and not between capitalised words, as in a person's name
        ("Nguyen Thai Binh") or a longer proper name ("Thai Binh Duong", the Pacific), where the word before
        is capitalised only because it starts a sentence."""
        street = self.gaz.street_end.search(folded, max(0, s - 24), s)
        if street is not None:
            words = tuple(WORD.findall(street.group(1)))
            phrase = self.gaz.street_by_words.get(words)
            if phrase is not None and phrase.spelled(nfc[street.start(1):street.end(1)]):
                return False
        before = LAST_WORD.search(nfc, max(0, s - 40), s)
        if before is not None and _titlecase(before.group(1)):
            head = nfc[max(0, before.start() - 20):before.start()].rstrip(" ")
            if head and head[-1] not in SENTENCE_OPENERS:
                return False
        after = NEXT_WORD.match(nfc, e)
        if after is not None and _titlecase(after.group(1)):
            # the rest of the longer name holds no place either ("Thai Binh Duong")
            while after is not None and _titlecase(after.group(1)):
                e = after.end()
                after = NEXT_WORD.match(nfc, e)
            self._blocked = e
            return False
        return True

    def _district_at(self, nfc: str, at: int, written: str) -> tuple[int, str] | None:
        m = DISTRICT_NAME.match(nfc, at)
        if m is not None:
            name = m.group()
            if name.count(" ") >= DISTRICT_WORDS:
                return None
            if name.isupper() and len(name) > 1:
                name = name.title()  # a heading in capitals
            return m.end(), f"{written} {name}"
        if written in self.gaz.numbered:
            m = DISTRICT_NUMBER.match(nfc, at)
            if m is not None:
                return m.end(), f"{written} {m.group()}"
        return None

    def _in_residence(self, nfc: str, folded: str, s: int) -> bool:
        """Whether the name at ``s`` follows a residence word in its bracket or clause
        ("Nguyen Van A (tru tai huyen X, tinh Y)"): where someone lives, not what a figure is about."""
        lo = max(0, s - RESIDENCE_REACH)
        window = folded[lo:s]
        stop = None
        for stop in RESIDENCE_STOP.finditer(window):
            pass
        if stop is not None:
            lo += stop.end()
        for m in self.gaz.residence_words.finditer(folded, lo, s):
            phrase = self.gaz.residence_by_words.get(tuple(WORD.findall(m.group())))
            if phrase is not None and phrase.spelled(nfc[m.start():m.end()]):
                return True
        return False

    # ------------------------------------------------------------------ the document's place
    def _document_place(self) -> str | None:
        if not self.mentions:
            return None
        text = self.text
        lines = [(a, b) for a, b in _line_spans(text) if text[a:b].strip()]
        if lines:
            a, b = lines[0]
            b = min(b, a + TITLE_MAX)
            i = bisect_left(self._starts, a)
            if i < len(self.mentions) and self.mentions[i].start < b:
                return self.mentions[i].place
        for a, b in lines[:DATELINE_LINES] + lines[-DATELINE_LINES:]:
            i = bisect_left(self._starts, a)
            if i < len(self.mentions) and self.mentions[i].start < b:
                m = self.mentions[i]
                lead = text[a:m.start].strip()
                if lead in ("", "(") and DATELINE_AFTER.match(text, m.end):
                    return m.place
        counts = Counter(m.place for m in self.mentions)
        best = max(counts.values())
        return next(m.place for m in self.mentions if counts[m.place] == best)

    # ------------------------------------------------------------------ one figure
    def place_for(self, start: int, sentence_start: int, sentence_end: int) -> str | None:
        """The place of a figure at input offset ``start`` in the sentence
        ``[sentence_start, sentence_end)`` (input offsets)."""
        lo = bisect_left(self._starts, sentence_start)
        hi = bisect_left(self._starts, sentence_end, lo)
        if lo < hi:
            text = self.text
            brackets = _bracket_spans(text, sentence_start, sentence_end)
            # a place named inside brackets that do not hold the figure is a side remark
            # ("11 sites (9 in A, 2 in B), 19 bricks seized"): it governs nothing outside them
            named = [m for m in self.mentions[lo:hi]
                     if not any(a < m.start < b and not a < start < b for a, b in brackets)]
            if named:
                clause_start = sentence_start
                for m in CLAUSE_MARK.finditer(text, sentence_start, start):
                    clause_start = m.end()
                m = CLAUSE_MARK.search(text, start, sentence_end)
                clause_end = m.start() if m else sentence_end
                # in the figure's clause, a place before or after it ("12 cases in A, 8 in
                # B"); else the last one named before it in the sentence. One named only after it
                # in another clause is no guide: the paragraph and the document are.
                in_clause = [m for m in named if clause_start <= m.start < clause_end]
                if in_clause:
                    return _nearest(in_clause, start)
                before = [m for m in named if m.start <= start]
                if before:
                    return before[-1].place
        paragraph_start = self.text.rfind("\n", 0, sentence_start) + 1
        i = bisect_left(self._starts, paragraph_start)
        j = bisect_left(self._starts, sentence_start, i)
        if i < j:
            return self.mentions[j - 1].place
        return self.document_place


def _nearest(mentions: list[Mention], start: int) -> str:
    """The place of the last mention before ``start``, else of the first after it."""
    before = [m for m in mentions if m.start <= start]
    return (before[-1] if before else mentions[0]).place


def _bracket_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The bracketed spans of ``text[lo:hi]`` as (open, close) offsets; an unclosed bracket
    reaches ``hi``."""
    spans, opened = [], []
    for m in BRACKET.finditer(text, lo, hi):
        if m.group() in "([":
            opened.append(m.start())
        elif opened:
            spans.append((opened.pop(), m.start()))
    spans.extend((a, hi) for a in opened)
    return spans


def _line_spans(text: str):
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def resolve(query: str) -> str | None:
    """The canonical place a user's ``query`` names ("tp.hcm", "Sai Gon", "tinh Hoa Binh"),
    or None when it names none of the gazetteer's places."""
    gaz = gazetteer()
    words = _words(query)
    if words in gaz.by_words:
        return gaz.by_words[words]
    for prefix in gaz.province_prefixes:
        n = len(prefix.words)
        if words[:n] == prefix.words and words[n:] in gaz.by_words:
            return gaz.by_words[words[n:]]
    return None


def place_matches(query: str, place: str | None) -> bool:
    """Whether a record's ``place`` is the one a user's ``query`` names: the same canonical place,
    or the same words without diacritics or case, or a district's name without its prefix word
    ("Phu Binh" for the district "huyen Phu Binh" written with diacritics)."""
    if place is None:
        return False
    canonical = resolve(query)
    if canonical is not None and canonical == place:
        return True
    q, p = _words(query), _words(place)
    if not q:
        return False
    if q == p:
        return True
    for _phrase, written in gazetteer().district_prefixes:
        word = _words(written)
        if p[:len(word)] == word and p[len(word):] == q:
            return True
    return False
