"""The regex pre-check may let through text that does not match, but never rejects text that does."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from linter import phrases
from linter.prefilter import Prefilter, prefilter
from linter.rules import placeholder_text

PATTERNS = [
    phrases.compile_phrases(phrases.BLAME, ()),
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
    assert pattern.search("\u212aſ")  # Kelvin sign and long s fold to k and s
    assert Prefilter(pattern).might_match("\u212aſ")
    assert Prefilter(re.compile("is to blame", re.IGNORECASE)).might_match("İS TO BLAME — ok") is bool(
        re.search("is to blame", "İS TO BLAME — ok", re.IGNORECASE))


def test_local_case_insensitive_group_is_not_used_as_a_literal():
    pattern = re.compile(r"ab(?i:cd)ef")
    assert pattern.search("abCDef") and Prefilter(pattern).might_match("abCDef")
    assert "cd" not in Prefilter(pattern).literals


def test_patterns_without_literals_always_run():
    pattern = re.compile(r"\d+\s*[a-z]?")
    assert Prefilter(pattern).literals is None
    assert Prefilter(pattern).might_match("")
