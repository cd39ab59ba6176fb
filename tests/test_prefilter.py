"""The regex pre-check may let through text that does not match, but never rejects text that does."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from linter import phrases
from linter.prefilter import Prefilter, prefilter
from linter.rules import placeholder_text

PATTERNS = [
    phrases.compile_phrases(phrases.BLAME, ()),
    phrases.compile_phrases(phrases.JUDGEMENTS, ()),
    phrases.compile_phrases(phrases.VAGUE_ACTIONS, ()),
    phrases.compile_phrases(phrases.VAGUE_CAUSES, ()),
    phrases.compile_phrases(phrases.BLAME, ("ran the wrong script", "pushed to prod")),
    placeholder_text._PLACEHOLDER,
]
NON_ASCII_PHRASE = phrases.compile_phrases(phrases.BLAME, ("Öl spill",))

# Words the patterns are made of, so random text often comes close to (or hits) a match.
_WORDS = sorted({word for pattern in PATTERNS for word in re.findall(r"[A-Za-z$@'-]+|\d+|[%\[\]()]", pattern.pattern)} |
                {"the", "engineer", "we", "not", "X", "N", "users", "[Owner]", "İ", "ſ", "K", "—", "\u00a0", "Öl spill"})
_text = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=3)), max_size=12).map(
    lambda words: "".join(word + sep for word, sep in zip(words, ([" ", "", "-", " ", ". ", "\t"] * 3)[:len(words)])))
_cased = _text.flatmap(lambda text: st.sampled_from([text, text.upper(), text.title(), text.swapcase()]))


@settings(max_examples=150, deadline=None)
@given(text=_cased)
def test_prefilter_never_rejects_a_match(text):
    for pattern in PATTERNS + [NON_ASCII_PHRASE]:
        if pattern.search(text):
            assert prefilter(pattern).might_match(text), (pattern.pattern[:60], text)


def test_the_phrase_lists_get_a_prefilter():
    # Each list yields literals; otherwise the pre-check silently stops saving time.
    for pattern in PATTERNS:
        assert prefilter(pattern).literals


def test_prefilter_rejects_plain_prose():
    text = "The rollout reached 100% of hosts at 03:15 UTC and latency rose to 900 ms."
    assert not prefilter(phrases.compile_phrases(phrases.BLAME, ())).might_match(text)


def test_examples_that_match_pass_the_prefilter():
    cases = [
        (phrases.BLAME, "It was HUMAN ERROR, plain and simple."),
        (phrases.BLAME, "Bob forgot to run the migration."),
        (phrases.VAGUE_ACTIONS, "Add more monitoring"),
        (phrases.VAGUE_ACTIONS, "Double-check the config"),
        (phrases.VAGUE_CAUSES, "A transient issue in the network"),
    ]
    for builtin, text in cases:
        pattern = phrases.compile_phrases(builtin, ())
        assert pattern.search(text) and prefilter(pattern).might_match(text)
    assert prefilter(placeholder_text._PLACEHOLDER).might_match("Owner: TBD")


def test_a_non_ascii_phrase_turns_the_prefilter_off():
    # Case folding outside ASCII is subtle (the regex folds 'ſ' to 's'): rather than guess, always run it.
    assert prefilter(NON_ASCII_PHRASE).literals is None
    assert prefilter(NON_ASCII_PHRASE).might_match("öL SPILL")


def test_case_folding_outside_ascii_matches_the_regex_engine():
    pattern = re.compile("ks", re.IGNORECASE)
    assert pattern.search("\u212a\u017f")  # Kelvin sign and long s fold to k and s
    assert Prefilter(pattern).might_match("\u212a\u017f")
    for text in ("\u0130S TO BLAME", "\u0131s to blame", "Is to blame \u2014 ok"):
        expected = bool(re.search("is to blame", text, re.IGNORECASE))
        assert Prefilter(re.compile("is to blame", re.IGNORECASE)).might_match(text) or not expected


def test_local_case_insensitive_group_is_not_used_as_a_literal():
    pattern = re.compile(r"ab(?i:cd)ef")
    assert pattern.search("abCDef") and Prefilter(pattern).might_match("abCDef")
    assert "cd" not in Prefilter(pattern).literals


def test_patterns_without_literals_always_run():
    pattern = re.compile(r"\d+\s*[a-z]?")
    assert Prefilter(pattern).literals is None
    assert Prefilter(pattern).might_match("")


@settings(max_examples=150, deadline=None)
@given(literals=st.lists(st.text(alphabet="ab c'", min_size=1, max_size=5), min_size=1, max_size=6, unique=True),
       text=st.text(alphabet="ab c'\n", max_size=30))
def test_trie_finds_what_the_plain_alternation_finds(literals, text):
    from linter.prefilter import _trie

    trie = re.compile(_trie(tuple(literals)))
    alternation = re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))
    assert all(trie.fullmatch(literal) for literal in literals)
    assert bool(trie.search(text)) == bool(alternation.search(text))
    assert [match.start() for match in trie.finditer(text)] == [match.start() for match in alternation.finditer(text)]


def test_candidates_are_the_lines_that_might_match():
    pattern = phrases.compile_phrases(phrases.BLAME, ())
    lines = ["All good.", "It was HUMAN ERROR.", "", "We forgot to page — twice.", "İt was human error"]
    assert prefilter(pattern).candidates(lines) == [index for index, line in enumerate(lines) if prefilter(pattern).might_match(line)]
    assert prefilter(pattern).candidates(lines) == [1, 3, 4]


_line_parts = st.sampled_from(["human error", "HUMAN ERROR", "forgot to", "TODO", "X users", "N", "[Owner]", "İ", "ſ",
                                "ok", " ", "é", "error", "to", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_line_parts, max_size=5).map("".join), max_size=8))
def test_candidates_are_exact_with_many_occurrences_per_line(lines):
    for pattern in (phrases.compile_phrases(phrases.BLAME, ()), placeholder_text._PLACEHOLDER):
        expected = [index for index, line in enumerate(lines) if prefilter(pattern).might_match(line)]
        assert prefilter(pattern).candidates(lines) == expected


def test_ignorecase_ascii_folds_are_complete():
    # Every non-ASCII character the regex engine matches to an ASCII letter ignoring case.
    from linter.prefilter import IGNORECASE_ASCII_FOLDS

    everything = "".join(chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code <= 0xDFFF)
    found = {match.group(0): letter for letter in "abcdefghijklmnopqrstuvwxyz"
             for match in re.finditer(letter, everything, re.IGNORECASE)}
    assert found == IGNORECASE_ASCII_FOLDS


def test_without_cpythons_regex_parser_the_rules_find_the_same(monkeypatch):
    """re._parser is private: on a Python without it (or with another parse tree) every
    pre-check says "maybe" and the regexes run on every line, with the same findings."""
    from conftest import TESTS
    from linter import prefilter as module
    from linter.config import load_config
    from linter.engine import lint_paths

    folders = [str(path) for code in ("PM204", "PM405", "PM406", "PM501", "PM502") for path in (TESTS / "rules" / code).glob("*")
               if path.is_dir()]

    def findings():
        return [f.as_dict() for folder in folders for f in lint_paths([folder], load_config(start=folder), jobs=1).findings]

    usual = findings()
    monkeypatch.setattr(module, "_sre_parse", None)
    monkeypatch.setattr(module, "_CACHE", {})
    assert prefilter(PATTERNS[0]).literals is None and prefilter(PATTERNS[0]).might_match("no phrase here")
    assert usual and findings() == usual
