"""The phrase patterns built as tries agree with a plain longest-first reading (issue 5).

The patterns are rewritten for speed (one trie-shaped alternation, two engines, reverse
mode); these tests hold them to what a phrase set means, checked by brute force.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crimestats.lexicon import PhraseSet

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


@SETTINGS
@given(phrases_and_text())
def test_search_finds_the_first_phrase_and_search_last_the_last(case):
    """The first phrase is the longest that starts first; the last, the longest that ends last."""
    phrases, text = case
    ps = PhraseSet(dict.fromkeys(phrases, True))
    spans = phrase_spans(phrases, text)
    first, last = ps.search(text), ps.search_last(text)
    if not spans:
        assert first is None and last is None
        return
    s0 = min(s for s, _ in spans)
    assert first[:2] == (s0, max(e for s, e in spans if s == s0))
    e1 = max(e for _, e in spans)
    assert last[:2] == (min(s for s, e in spans if e == e1), e1)


@SETTINGS
@given(phrases_and_text(), st.integers(0, 40))
def test_match_before_is_the_longest_phrase_ending_at_a_position(case, pos):
    phrases, text = case
    pos = min(pos, len(text))
    ps = PhraseSet(dict.fromkeys(phrases, True))
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    # the phrase is read in text[:pos], so it may end right at pos
    ending = [s for s, e in phrase_spans(phrases, text[:pos]) if e == end]
    found = ps.match_before(text, pos, window=len(text))
    assert (found[:2] if found else None) == ((min(ending), end) if ending else None)


@SETTINGS
@given(phrases_and_text(), st.integers(0, 40))
def test_match_at_is_the_longest_phrase_starting_at_a_position(case, pos):
    phrases, text = case
    pos = min(pos, len(text))
    ps = PhraseSet(dict.fromkeys(phrases, True))
    start = pos
    while start < len(text) and text[start] == " ":
        start += 1
    # a phrase glued to what comes before ("20kg") is read too: only its end is a word end
    starting = [e for s, e in phrase_spans(phrases, " " + text[start:]) if s == 1]
    found = ps.match_at(text, pos)
    assert (found[:2] if found else None) == ((start, start + max(starting) - 1) if starting else None)


def test_a_longer_phrase_wins_over_its_start_and_a_word_end_is_required():
    ps = PhraseSet({"vu": "case", "vu an": "case", "nguoi": "person"})
    assert ps.match_at("5 vu an ma tuy", 1) == (2, 7, "case")
    assert ps.match_at("5 vuot", 1) is None
    assert ps.search("bat 3 nguoi, 2 vu") == (6, 11, "person")
    assert ps.search_last("bat 3 nguoi, 2 vu an") == (15, 20, "case")
    assert ps.match_before("trong 2 vu an  7", 15) == (8, 13, "case")
