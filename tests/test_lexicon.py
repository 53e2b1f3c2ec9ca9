"""Every Vietnamese word lives in the lexicon data, and the data is checked when it loads."""

from __future__ import annotations

import ast
import re
import tomllib
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from crimestats.lexicon import LAYOUT, Lexicon, LexiconError, tokens

SRC = Path(__file__).resolve().parent.parent / "src" / "crimestats"
PATTERN_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}


def data() -> dict:
    return tomllib.loads(resources.files("crimestats").joinpath("data/lexicon.toml").read_text("utf-8"))


def has_diacritic(text: str) -> bool:
    """A Vietnamese letter with a mark: a letter whose decomposition has one, or d with stroke."""
    return any(ch in "\u0111\u0110" or (ch.isalpha() and len(unicodedata.normalize("NFD", ch)) > 1)
               for ch in text)


def docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def sources():
    for path in sorted(SRC.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def string_literals(tree):
    """The string constants the code uses; docstrings, which only document it, are not."""
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node


def pattern_literals(tree):
    """The string constants that are part of a regular expression given to re or regex: the
    first argument of a pattern call, minus what other calls inside it return (words read
    from the lexicon)."""

    def constants(node):
        if isinstance(node, ast.Call):
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node
        for child in ast.iter_child_nodes(node):
            yield from constants(child)

    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
                and node.func.attr in PATTERN_CALLS and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")):
            yield from constants(node.args[0])


def folded_lexicon_words() -> set[str]:
    """Every word of two letters or more in any phrase of the lexicon, folded."""
    phrases: list[str] = []

    def entry(value):
        # a list of phrases, a table {phrase: value}, or a table {code: [phrases]}
        if isinstance(value, list):
            phrases.extend(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, list):
                    phrases.extend(v)
                else:
                    phrases.append(k)

    for section, body in data().items():
        if LAYOUT[section] == "table":
            entry(body)
        else:
            for value in body.values():
                entry(value)
    return {w for p in phrases for w in tokens(p, folded=True) if len(w) > 1 and w.isalpha()}


# regex syntax that spells letters without being words: \d, \p{L}, (?r), a-z
REGEX_SYNTAX = re.compile(r"\\[pP]\{\w+\}|\\[a-zA-Z]|\(\?[a-zA-Z]+\)|[a-zA-Z]-[a-zA-Z]|#[^\n]*")


def test_no_string_literal_in_the_code_holds_a_vietnamese_word():
    found = [f"{path.name}:{node.lineno}: {node.value!r}"
             for path, tree in sources() for node in string_literals(tree) if has_diacritic(node.value)]
    assert found == [], "Vietnamese words belong in data/lexicon.toml:\n" + "\n".join(found)


def test_no_pattern_in_the_code_spells_a_lexicon_word():
    lexicon_words = folded_lexicon_words()
    found = []
    for path, tree in sources():
        for node in pattern_literals(tree):
            for word in re.findall(r"[^\W\d_]{2,}", REGEX_SYNTAX.sub(" ", node.value)):
                if word.lower() in lexicon_words:
                    found.append(f"{path.name}:{node.lineno}: {word!r} in {node.value!r}")
    assert found == [], "build the pattern from the lexicon's words:\n" + "\n".join(found)


def test_the_checks_see_what_they_look_for():
    code = ast.parse('import re\nP = re.compile(r"(?:so[ ]+voi|cung[ ]+ky)\\d")\nQ = "giảm"\n')
    assert [n.value for n in pattern_literals(code)] == ["(?:so[ ]+voi|cung[ ]+ky)\\d"]
    assert any(has_diacritic(n.value) for n in string_literals(code))
    assert {"so", "voi", "cung", "ky"} <= folded_lexicon_words()


def test_the_package_lexicon_loads_and_fits_its_layout():
    lex = Lexicon(data())
    assert set(lex.data) == set(LAYOUT)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(nonsense={"words": ["x"]}), "unknown section [nonsense]"),
    (lambda d: d["people"].update(villains=["kẻ xấu"]), "unknown key 'villains' in [people]"),
    (lambda d: d["qualifiers"].update(about=[]), "[qualifiers] about: empty word list"),
    (lambda d: d.pop("baseline"), "missing section [baseline]"),
    (lambda d: d["change"].pop("up"), "[change] lacks up"),
])
def test_a_malformed_lexicon_is_a_clear_error_naming_the_place(change, message):
    broken = data()
    change(broken)
    with pytest.raises(LexiconError) as err:
        Lexicon(broken)
    assert message in str(err.value)


@pytest.mark.parametrize(("sentence", "word", "is_action"), [
    ("Đối tượng nhận 50 triệu đồng tiền công.", "nhận", True),
    ("Theo nhận định của cơ quan điều tra, số vụ giảm.", "nhận", False),
    ("Ông ta đã thừa nhận hành vi.", "nhận", False),
    ("Lực lượng bắt 4 đối tượng.", "bắt", True),
    ("Chiến dịch bắt đầu từ tháng 3.", "bắt", False),
    ("Tổ công tác cứu 3 người.", "cứu", True),
    ("Theo báo cáo nghiên cứu, cứ 200 người có 1 nạn nhân.", "cứu", False),
])
def test_an_action_inside_a_longer_word_is_no_action(sentence, word, is_action):
    """The lexicon's not_actions block the action syllable they hold, with and without diacritics."""
    from crimestats.document import read_document
    from crimestats.pipeline import engine

    from test_accuracy import plain

    for text, w in ((sentence, word), (plain(sentence), plain(word))):
        doc = read_document(text, engine().lex)
        at = text.index(w)
        found = [m for m in doc.words.actions.all(0, len(text)) if m[0] == at]
        assert bool(found) == is_action, (text, found)
