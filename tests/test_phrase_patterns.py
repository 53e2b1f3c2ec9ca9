"""The word index agrees with a plain longest-first reading of each phrase set.

A document is walked once through one trie of every word set, and the questions the stages
ask become look-ups in the matches; these tests hold the look-ups to what a phrase set
means, checked by brute force on texts made of the phrases themselves.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crimestats.lexicon import WordIndex, build_trie, words_of

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)

# few letters, so phrases share starts and ends and overlap in the text
PHRASES = st.lists(st.from_regex(r"[abc]{1,3}( [abc]{1,3}){0,2}", fullmatch=True), min_size=1, max_size=8)



@st.composite
def phrases_and_text(draw):
    """A phrase set and a text made mostly of its phrases, glued or spaced."""
    phrases = draw(PHRASES)
    pieces = draw(st.lists(st.one_of(st.sampled_from(phrases), st.text("abcd1", max_size=3)), max_size=8))
    seps = draw(st.lists(st.sampled_from([" ", "  ", "", "1", ", "]), min_size=len(pieces), max_size=len(pieces)))
    return phrases, "".join(p + s for p, s in zip(pieces, seps))


def is_word(ch: str) -> bool:
    return ch.isalnum()


def phrase_spans(phrases, text):
    """Every (start, end) where a phrase stands as whole words, spaces inside counted loosely."""
    spans = set()
    for p in phrases:
        words = p.split()
        for s in range(len(text)):
            if s > 0 and is_word(text[s - 1]):
                continue
            i, ok = s, True
            for k, w in enumerate(words):
                if k:
                    j = i
                    while j < len(text) and text[j] == " ":
                        j += 1
                    if j == i:
                        ok = False
                        break
                    i = j
                if not text.startswith(w, i):
                    ok = False
                    break
                i += len(w)
            if ok and (i == len(text) or not is_word(text[i])):
                spans.add((s, i))
    return spans


def index(phrases, text):
    """The matches of one phrase set in ``text`` (folded text: it is lower case ASCII here)."""
    trie = build_trie([(0, dict.fromkeys(phrases, True))], folded=True)
    return WordIndex(trie, ["p"], text, *words_of(text, True)).p


@SETTINGS
@given(phrases_and_text())
def test_first_is_the_first_phrase_and_last_the_last(case):
    """The first phrase is the longest that starts first; the last, the longest that ends last."""
    phrases, text = case
    matches = index(phrases, text)
    spans = phrase_spans(phrases, text)
    first, last = matches.first(0, len(text)), matches.last(0, len(text))
    if not spans:
        assert first is None and last is None
        return
    s0 = min(s for s, _ in spans)
    assert first[:2] == (s0, max(e for s, e in spans if s == s0))
    e1 = max(e for _, e in spans)
    assert last[:2] == (min(s for s, e in spans if e == e1), e1)


@SETTINGS
@given(phrases_and_text(), st.integers(0, 40), st.integers(0, 40))
def test_first_and_last_inside_a_window(case, a, b):
    phrases, text = case
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    inside = {(s, e) for s, e in phrase_spans(phrases, text) if lo <= s and e <= hi}
    matches = index(phrases, text)
    first, last = matches.first(lo, hi), matches.last(lo, hi)
    if not inside:
        assert first is None and last is None
        return
    s0 = min(s for s, _ in inside)
    assert first[:2] == (s0, max(e for s, e in inside if s == s0))
    e1 = max(e for _, e in inside)
    assert last[:2] == (min(s for s, e in inside if e == e1), e1)


@SETTINGS
@given(phrases_and_text(), st.integers(0, 40))
def test_ending_is_the_longest_phrase_ending_at_a_position(case, pos):
    phrases, text = case
    pos = min(pos, len(text))
    ending = [s for s, e in phrase_spans(phrases, text) if e == pos]
    found = index(phrases, text).ending(pos)
    assert (found[:2] if found else None) == ((min(ending), pos) if ending else None)


@SETTINGS
@given(phrases_and_text(), st.integers(0, 40))
def test_at_is_the_longest_phrase_starting_at_a_position(case, pos):
    phrases, text = case
    pos = min(pos, len(text))
    # a phrase glued to what comes before ("20kg") is read too: only its end is a word end
    glued = [e for s, e in phrase_spans(phrases, " " + text[pos:]) if s == 1]
    found = index(phrases, text).at(pos)
    if found is None:
        # no phrase, or pos is inside a word, where no look-up starts
        assert not glued or (pos > 0 and text[pos - 1].isalpha() and text[pos].isalpha())
    else:
        assert found[:2] == (pos, pos + max(glued) - 1)


def test_a_longer_phrase_wins_over_its_start_and_a_word_end_is_required():
    phrases = {"vu", "vu an", "nguoi"}
    assert index(phrases, "5 vu an ma tuy").at(2) == (2, 7, True, False)
    assert index(phrases, "5 vuot").at(2) is None
    text = "bat 3 nguoi, 2 vu"
    assert index(phrases, text).first(0, len(text)) == (6, 11, True, False)
    text = "bat 3 nguoi, 2 vu an"
    assert index(phrases, text).last(0, len(text)) == (15, 20, True, False)
    assert index(phrases, "trong 2 vu an  7").ending(13) == (8, 13, True, False)
    assert index(phrases, "20vu an").at(2) == (2, 7, True, True)  # glued to its number


def test_a_phrase_does_not_run_across_a_line():
    assert index({"vu an"}, "2 vu\nan").at(2) is None
