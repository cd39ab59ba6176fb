"""The linter's parser shortcut changes nothing: its token stream equals plain markdown-it-py's.

``linter.markdown.parser`` builds the children of simple inline tokens itself instead of running
markdown-it's inline tokenizer, and ``linter.markdown.block_parser`` gates the block rules and builds
tight bullet lists of one-paragraph items itself. Every token (children included, every field) must
be what the reference configuration produces: on every Markdown file in the repository, on
inline, block and list edge cases, and on Hypothesis' mutated postmortems and generated lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from linter.markdown.parser import make_parser, reference_parser
from conftest import FUZZ_CASES, fuzz_case_bytes
from test_properties import FRAGMENTS, mutated_postmortem

ROOT = Path(__file__).resolve().parent.parent
FAST, REFERENCE = make_parser(), reference_parser()
MARKDOWN_FILES = sorted(
    [path for folder in ("postmortems", "tests", "docs") for path in (ROOT / folder).rglob("*.md")]
    + [path for path in FUZZ_CASES if path.name.endswith(".gz")]
)


# A saved fuzz case is often one line repeated ten thousand times (a 10,000-row table): its
# first lines hold every shape it has; both parsers on the whole of it take seconds each.
_COMPARED_LINES = 1000


def dump(text: str, parser) -> list[dict]:
    return [token.as_dict() for token in parser.parse(text)]


def assert_same_tokens(text: str) -> None:
    assert dump(text, FAST) == dump(text, REFERENCE)


def test_the_repository_has_markdown_to_compare():
    assert len(MARKDOWN_FILES) > 50


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_markdown_file_parses_the_same(path):
    text = fuzz_case_bytes(path).decode("utf-8", errors="replace")
    if path.name.endswith(".gz"):
        text = "".join(text.splitlines(keepends=True)[:_COMPARED_LINES])
    assert_same_tokens(text)


@pytest.mark.parametrize("text", [
    "", "plain words", "trailing spaces   ", "a line\nand the next", "hard  \nbreak", "back\\slash",
    "`code`", "*em* and _em_", "[link](https://example.com)", "![image](x.png)", "<https://a.example>",
    "<b>html</b>", "&amp; entity", "a ] alone", "a ! alone", "| a | b |\n|---|---|\n| c | d |",
    "# heading", "- item\n- item", "> quote", "~~strike~~", "www.example.com", "03:17 UTC — alert fired (p99 2.4 s)",
    "[ref]\n\n[ref]: https://example.com", "\u00a0non-breaking\u00a0", "tab\tinside",
    # what the code-span and line-break shortcut builds itself (linter/markdown/inline_shortcut.py)
    "`a` and `b`", "`` a ` b ``", "` a `", "`  `", "` `` `", "```x``", "x `a\nb` y", "`unclosed", "`a``b`",
    "snake_case and `snake_case`", "a__b", "_lead", "trail_", "a_ b", "a _b", "é_x", "x_é", "`a`_b", "a_`b`",
    "one\ntwo", "one \ntwo", "one  \ntwo", "one   \n   two", "`x`  \ny", "`x` \ny", "a\n\tb", "a_\nb",

    # each block rule's gate and dispatch (linter/markdown/block_parser.py) let its rule's lines through
    "___", "a\n___", "a\n***", "-\t-\t-", "* *\t*", "- - x", "--", "- item", "+ plus", "1) one", "a | b\n:-- | --:\nc | d", "| a |\n|:-:|", "~~~\ncode\n~~~",
    "Title\n=====", "Title\n---", "    code", "[x]: /url", "<div>\nhtml\n</div>", "> a\n> ---", "- a\n  b\n  ===",
    # the table's delimiter-row gate and the setext gate's underline, character by character
    "|a|\n|-", "|a|\n-|", "|a|\n|\t-", "|a|\n--\t", "a | b\n-- |\t--", "a | b\n| ---\t| --- |", "|a|\n-\t", "|a|\n- ",
    "|a|\n:|", "a | b\n| --- | x", "a | b\n|---|---|x", "- a\n- b\n- c",
    "Title\n===\t", "Title\n--- \t", "Title\n- -", "Title\n-- x", "Title\n=\t \t", "a\n-foo\n---", "a\n=x\n==",
    # the shortcut's one **strong** pair, and the '*' it leaves to the tokenizer
    "**Owner:** @alice", "a **b** c", "**a**`b`", "`x`**a** b", "x\n**a** \nb", "**`x`.** The", "**a**", "**a\nb**",
    "**a", "a**", "** a**", "**a **", "a**b**c", "**a**b", "(**a**)", "**—a—**", "\u00a0**a**\u00a0", "**a** **b**",
    "***a***", "**a*", "*a**", "**`a**`**", "**a**  \nb", "**a_b**", "**a_**", "__a__", "**a** `b` **c**",
    "a**.b**", "**a.**b", "x**—y** z", ".**a**.", "a**b**c", "**a**b**", "**a** b**", "**a**b**c**",
])
def test_edge_cases_parse_the_same(text):
    assert_same_tokens(text)


def test_plain_text_and_code_spans_take_the_shortcut():
    """The shortcuts are used (otherwise the tests above prove nothing about them)."""
    calls = []
    parser = make_parser()
    original = parser.inline.parse
    parser.inline.parse = lambda *args: (calls.append(args[0]), original(*args))[1]
    parser.parse("A plain paragraph.\n\nOne with `code` and a\nsnake_case name.\n\n**Bold:** lead-in.\n\nOne with *emphasis*.\n")
    assert calls == ["One with *emphasis*."]


@settings(max_examples=300, deadline=None)
@given(mutated_postmortem())
def test_mutated_postmortems_parse_the_same(text):
    assert_same_tokens(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=12))
def test_random_fragments_parse_the_same(parts):
    assert_same_tokens("\n".join(parts))


# Text made of what the shortcut handles (and a few characters that make it give up), densely.
shortcut_text = st.text(st.sampled_from(list("``__  \n\tab1é.*[")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(shortcut_text)
def test_code_spans_underscores_and_breaks_parse_the_same(text):
    assert_same_tokens(text)
    assert_same_tokens("- " + text.replace("\n", "\n  "))  # inside a list item, continued


# Text made of '*' runs and what decides whether they open or close: spaces, punctuation
# (ASCII and Unicode), letters, code spans, line breaks.
strong_text = st.lists(st.sampled_from(["**", "**", "*", "a", " ", ".", "—", "\u00a0", "`", "\n", "_", "é"]), max_size=14).map("".join)


@settings(max_examples=800, deadline=None)
@given(strong_text)
def test_strong_pairs_parse_the_same(text):
    assert_same_tokens(text)


# Lines made of block syntax: every block rule's gate meets the lines its rule matches.
block_line = st.text(st.sampled_from(list("-_*=#>`~[]<:|+1.)  \ta")), max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.lists(block_line, max_size=8))
def test_block_syntax_parses_the_same(lines):
    assert_same_tokens("\n".join(lines))


# A line, then one that may be a table's delimiter row or a setext underline: the gates that
# look at the next line.
next_line = st.text(st.sampled_from(list("-=:|  \tx")), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["a | b", "|a|", "a", "- a", "> a | b"]), next_line, st.sampled_from(["", "\nc | d", "\n- c"]))
def test_lines_under_a_line_parse_the_same(first, second, rest):
    assert_same_tokens(f"{first}\n{second}{rest}")


# Tight bullet lists of one-paragraph items are built by block_parser._simple_bullet_list; anything else
# goes to markdown-it's list rule. Each case sits on a boundary of that decision.
LIST_CASES = [
    "- a\n- b", "* a\n* b", "+ a\n+ b", "- a\n* b", "- a\n- b\n", "- a\n- b\n\ntext", "- a\n- b\n\n- c",
    "- a\n- b\n\n\n- c", "- a\n\n  b", "- a\n\n c", "- a\n\n   c", "- a\n\n    c", "- a\n- b\n\n-",
    "- a\n- b\n\n-c", "- a\n- b\n\n---", "- a\n- b\n\n* c", "- a\nb", "- a\n## h", "- a\n---", "- a\n- b\n\n\n",
    "-  a\n- b", "-\ta", "- a\n-\tb", "-", "- ", "- a\n-", "- a\n- ", " - a\n - b", "- a\n - b", "- a\n  - b",
    "- - a", "- * a", "- + a", "- -a", "- *a*", "- **a** b", "- ***", "- * * *", "- ---", "- ___", "- _a_", "- __a__",
    "- 1. a", "- 1) a", "- 1.a", "- 2026-01-02 03:04 UTC — a", "- 1234567890. a", "- 1.", "- # h", "- #chan",
    "- ####### h", "- #", "- > q", "- <div>", "- <b>a</b>", "- ```", "- ``a``", "- `a` b", "- ~~~", "- ~a~",
    "- [ ] task", "- [x] done", "- [a]: /url", "- [a] b]: c", "- [a](b)", "- =", "- | a |\n- |---|", "- a  ", "- a\t",
    "- \u00a0a", "- a\n\n\u00a0b", "> - a\n> - b", "> - *\n> - **b** c", "1. a\n2. b", "- a\n1. b", "text\n- a\n- b", "- a\n- b\n    code",
    "# t\n- a\n- b\n## h", "- a\n- b\n<!-- c -->", "- a\n\n<!-- c -->", "- a\n- [b]: /u", "- a\n- b\n[b]: /u",
    # wrapped items: lines indented two spaces continue the item's paragraph
    "- a\n  b", "- a\n  b\n- c", "- a\n  b\n  c\n\ntext", "- a  \n  b", "- a\\\n  b", "- a\n  b  ", "- a\n  ===",
    "- a\n  ---", "- a\n  -", "- a\n  -|-", "- a | b\n  --|--", "- a | b\n  :-:|--", "- a\n  | x |", "- a\n  :x",
    "- a\n  # h", "- a\n  #chan", "- a\n  > q", "- a\n   b", "- a\n    b", "- a\n \tb", "- a\n\tb", "- a\n  b\n\n- c",
    "- a\n  b\nc", "- a\n  - b", "- a\n  * b", "- a\n  1. b", "- a\n  2. b", "- a\n  ```", "- a\n  ~~~", "- a\n  <div>",
    "- a\n  [x]: /u", "- a\n  *b*", "- a\n  ***", "- a\n  `c`", "- a\n  b\n\n  c", "- **a**\n  b", "- a\n  b\n  - c",
    "- a\n  = 0; b", "- a\n  ==", "- a\n  = =", "- a\n  ==  ", "- a\n  ==\tx", "- a\n  250.", "- a\n  1.", "- a\n  1. b",
    "- a\n  01) b", "- a\n  2) b", "- a\n  10. b", "- a\n  1.b", "- = a", "- =",
    # a wrapped line as a table's header, the next as its delimiter row: a table inside the item
    "- x\n  a | b\n  --|--", "- x\n  a | b\n  |--|--|", "- x\n  a | b\n  :--|--", "- x\n  a | b\n  |--|--|\n- y",
    # lines the list rule is called for that are no bullet item: a digit, an indent
    "1 a", "1 a\n1 b", "2020 was a year", "  x", "  1 a",
]


@pytest.mark.parametrize("text", LIST_CASES)
def test_list_cases_parse_the_same(text):
    assert_same_tokens(text)


item_start = st.sampled_from([
    "- ", "* ", "+ ", "-  ", "-\t", "-", " - ", "  - ", "    - ", "1. ", "2) ", "", "", "> - ", "- - ", "- [ ] ",
    "  ", "  ", "   ", " \t",  # wrapped lines of an item, and near misses
])
item_text = st.sampled_from([
    "a", "b c", "**b** c", "*", "* x", "-", "- x", "_", "***", "* * *", "1. x", "1) x", "12345678901. x", "#", "# h",
    "#chan", "####### x", "> q", "<div>", "```", "``x``", "~~~", "`x`", "[ ] task", "[x]: /u", "[a] b]: c", "=", "===",
    "| a |", "|---|", "\\- x", "é", " ", "  x", "\u00a0", "", "a  ", "---", ":x", "-|-", "a | b", "--|--", "a\\", "= 0", "==", "== ", "250.", "1.", "01) x", "2) x",
])


quote_start = st.sampled_from(["", "", "", "> ", ">", "> > ", " > "])  # lists in quotes are left to the list rule


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(quote_start, item_start, item_text), max_size=8))
def test_list_lines_parse_the_same(lines):
    assert_same_tokens("\n".join(quote + start + text for quote, start, text in lines))


def test_tight_one_line_lists_take_the_shortcut():
    """The list shortcut builds timeline-like lists, wrapped or not, and declines a loose list
    and an item with a second paragraph (otherwise the tests above prove nothing about it)."""
    from linter.markdown import block_parser

    calls = []
    original = block_parser._simple_bullet_list
    block_parser._simple_bullet_list = lambda *args: (calls.append((args[1], original(*args))), calls[-1][1])[1]
    try:
        text = "- 03:17 UTC — alert\n- 03:20 UTC — `rollback`\n\ntext\n\n- [ ] a\n- [ ] b\n\n- [ ] c\n\n* x\n\n  y\n"
        tokens = make_parser().parse(text)
        wrapped = "- 03:17 UTC — the alert on p99 latency fired,\n  12 minutes after the deploy\n- 03:20 UTC — rollback\n"
        wrapped_tokens = make_parser().parse(wrapped)
    finally:
        block_parser._simple_bullet_list = original
    assert calls == [(0, True), (5, False), (10, False), (0, True)]
    assert [token.map for token in tokens if token.type == "bullet_list_open"] == [[0, 3], [5, 10], [10, 13]]
    assert [token.map for token in wrapped_tokens if token.type == "inline"] == [[0, 2], [2, 3]]
    assert dump(text, FAST) == dump(text, REFERENCE) and dump(wrapped, FAST) == dump(wrapped, REFERENCE)


def test_task_lists_option_still_marks_items():
    """With markdown-it's ``tasklists`` option a checklist's items carry their state: the list
    shortcut, which does not, leaves such a list to the list rule."""
    from markdown_it import MarkdownIt

    fast = make_parser()
    fast.options["tasklists"] = True
    reference = MarkdownIt("commonmark", {"html": True, "tasklists": True}).enable("table")
    text = "- [ ] a\n- [x] b\n"
    assert dump(text, fast) == dump(text, reference)
    assert dump(text, fast)[1]["meta"] == {"checked": False}


def test_new_token_is_a_token_with_the_same_fields():
    from markdown_it.token import Token

    from linter.markdown import fast_tokens

    assert fast_tokens.new_token is fast_tokens._new_token  # the installed markdown-it has the fields it knows
    for args in (("text", "", 0), ("paragraph_open", "p", 1), ("tr_close", "tr", -1)):
        made, expected = fast_tokens.new_token(*args), Token(*args)
        assert type(made) is Token and made.as_dict() == expected.as_dict()
        assert made.attrs is not fast_tokens.new_token(*args).attrs  # fresh dicts, as default_factory makes
