"""The document stage: the decoded text, its folded copy, its words, sentences and lines.

Everything later reads positions in the folded copy (same length as the NFC text) and maps
them back to the input with :meth:`Document.input_span`, so ``input[start:end] == text``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from .lexicon import Lexicon, WordIndex, words_of
from .textnorm import Normalized, normalize

# A sentence longer than this is cut at a space: no report writes one, and every context
# window is bounded by its sentence, so hostile input stays linear.
MAX_SENTENCE = 3000


def pass_timeout(size: int) -> float:
    """Seconds one pattern pass over a text may take before it is abandoned.

    The patterns are written not to backtrack; this is the last guard, so that a text no
    one foresaw is reported as an error (a TimeoutError) instead of hanging the run.
    """
    return 10.0 + size / 100_000


_SENTENCE_END: dict[int, object] = {}


def sentence_end(lex: Lexicon):
    """Sentence ends: . ! ? … before a capital letter or a digit, or a line break. Run on the
    NFC text (folded text has no capitals); an abbreviation ("TP.") does not end one."""
    pattern = _SENTENCE_END.get(id(lex))
    if pattern is None:
        abbreviations = "|".join(sorted(lex.folded("sentences", "abbreviations"), key=len, reverse=True))
        pattern = regex.compile(
            r"""(?<!\b(?:""" + abbreviations + r""")\.)
                [.!?…]+(?=[\s"'”’)\]]*(?:\n|$|[ \t\u00a0]+["'“‘(\[]?[\p{Lu}\d]))
              | \n+""",
            regex.VERBOSE | regex.IGNORECASE,
        )
        _SENTENCE_END[id(lex)] = pattern
    return pattern


@dataclass(slots=True)
class Document:
    norm: Normalized
    lower: str                      # the NFC text lower-cased, same length as the folded text
    folded_mode: bool               # typed without diacritics
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    newlines: list[int]
    words: WordIndex
    keys: list[str]                 # each token as the lexicon keys it
    token_starts: list[int]
    token_ends: list[int]
    timeout: float = 10.0
    base: int = 0                   # input offset of this piece of a longer text
    line_base: int = 0              # lines before this piece

    @property
    def first(self) -> bool:
        """This is the start of the text (its title, its dateline)."""
        return self.base == 0

    @property
    def folded(self) -> str:
        return self.norm.folded

    @property
    def input(self) -> str:
        return self.norm.input

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def input_span(self, s: int, e: int) -> tuple[int, int]:
        """Offsets in the whole input of the folded span ``[s, e)``."""
        a, b = self.norm.span(s, e)
        return a + self.base, b + self.base

    def input_text(self, s: int, e: int) -> str:
        a, b = self.norm.span(s, e)
        return self.input[a:b]

    def nfc_text(self, s: int, e: int) -> str:
        return self.norm.nfc[s:e]

    def line_of(self, input_pos: int) -> int:
        """The 1-based line of an offset in the whole input."""
        return self.line_base + bisect_right(self.newlines, input_pos - self.base) + 1

    def word_at(self, pos: int) -> tuple[int, int] | None:
        """The word (token) starting at ``pos`` or after spaces from it."""
        F = self.norm.folded
        n = len(F)
        while pos < n and F[pos] == " ":
            pos += 1
        i = bisect_right(self.token_starts, pos) - 1
        if i >= 0 and self.token_starts[i] == pos:
            return pos, self.token_ends[i]
        return None


    def word_before(self, pos: int) -> tuple[int, int] | None:
        """The word (token) that ends at ``pos`` or before spaces before it."""
        pos = skip_spaces_back(self.norm.folded, pos)
        i = bisect_right(self.token_ends, pos) - 1
        if i >= 0 and self.token_ends[i] == pos:
            return self.token_starts[i], pos
        return None


def skip_spaces(F: str, pos: int) -> int:
    n = len(F)
    while pos < n and F[pos] == " ":
        pos += 1
    return pos


def skip_spaces_back(F: str, pos: int) -> int:
    while pos > 0 and F[pos - 1] == " ":
        pos -= 1
    return pos


def _lower_same_length(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _newlines(text: str) -> list[int]:
    out, i = [], text.find("\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1)
    return out


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


# a letter outside ASCII: Vietnamese with diacritics has one in every five or six characters
_MARKED_LETTER = regex.compile(r"[^\W\d_a-zA-Z]")


def is_folded_mode(nfc: str) -> bool:
    """Text typed without diacritics: almost no letter outside ASCII (dashes and quotes, which
    such text may still hold, do not count)."""
    sample = nfc[:20000]
    if sample.isascii():
        return True
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii >= 0.05 * len(sample):
        return False  # far more than quotes and dashes
    return len(_MARKED_LETTER.findall(sample)) < 0.02 * len(sample)


def read_document(text: str, lex: Lexicon, base: int = 0, line_base: int = 0) -> Document:
    """The document stage over ``text``, a whole input or one piece of it starting at input
    offset ``base`` after ``line_base`` lines."""
    norm = normalize(text)
    F = norm.folded
    lower = _lower_same_length(norm.nfc)
    folded_mode = is_folded_mode(norm.nfc)
    timeout = pass_timeout(len(text))

    sentences = []
    start = 0
    for m in sentence_end(lex).finditer(norm.nfc, timeout=timeout):
        if m.end() > start:
            sentences.append((start, m.end()))
        start = m.end()
    if start < len(F):
        sentences.append((start, len(F)))
    if not sentences:
        sentences = [(0, len(F))]
    sentences = _bounded(sentences, F)

    # the words, keyed as the lexicon's: folded, or with their tone marks
    keys, starts, ends, joined = words_of(F if folded_mode else lower, folded_mode)
    words = WordIndex(lex.trie(folded_mode), lex.set_names, F, keys, starts, ends, joined)
    return Document(norm, lower, folded_mode, sentences, [s for s, _ in sentences], _newlines(text),
                    words, keys, starts, ends, timeout, base, line_base)


# A piece of a long text is cut where a paragraph, else a sentence, else a word ends.
_PIECE_CUTS = (regex.compile(r"\n"), regex.compile(r"[.!?…][ ]+(?=\p{Lu})"), regex.compile(r" "))


def pieces(text: str, size: int):
    """``text`` in pieces of about ``size`` characters, cut between paragraphs where it can.

    Every context window of the stages ends at its sentence, so pieces of whole paragraphs or
    sentences give the figures of the whole text; only what a whole text decides once (the
    main year) is decided from the pieces read so far.
    """
    start, n = 0, len(text)
    while n - start > size:
        window_end = start + size
        cut = -1
        for pattern in _PIECE_CUTS:
            last = None
            for last in pattern.finditer(text, start + size // 2, window_end):
                pass
            if last is not None:
                cut = last.end()
                break
        if cut <= start:
            cut = window_end
        yield text[start:cut]
        start = cut
    yield text[start:]
