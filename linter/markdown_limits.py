"""What the two Markdown engines can take: the limits the gate enforces so the build never hangs.

The linter parses with markdown-it-py; the site renders with Python-Markdown. Both are pure
Python and both have inputs on which they crawl. Measured on this stack (markdown-it-py 4.x,
Python-Markdown 3.11 with the site's extensions, Python 3.11; see docs/security.md):

- markdown-it-py is linear, but its cost per Markdown punctuation character (the characters
  that stop its plain-text scanner) reaches ~25-50 µs on bracket floods, against ~1.2 µs per
  byte of ordinary prose: 1 MiB of ``![`` takes ~50 s, and 1 MiB of table cells ~700 MB.
  ``MAX_MARKUP_CHARS`` bounds that before parsing (a real postmortem has ~600).
- Python-Markdown is quadratic in the unmatched ``[`` (and ``<``) of a paragraph times its
  length (~0.25 µs per bracket per character: 4,000 ``[`` take 5 s), cubic in the rungs of a
  backtick ladder (400 rungs: 1.8 s), quadratic in the number of headings (toc), quadratic in
  list and blockquote nesting, and raises ``RecursionError`` at ~248 nested lists, ~330
  nested admonitions and ~800 nested emphasis markers.

Each limit below is far above what a postmortem needs and far below where either engine
slows down; PM001 (before parsing), PM803 and PM804 report what exceeds them, and the site
refuses to publish a file that fails them.
"""

from __future__ import annotations

import re

# markdown-it-py: characters that end its plain-text run (markdown_it.rules_inline.text) plus
# '|' (tables). Each one costs a pass through the inline or block rules.
MARKUP_CHARS = "\n!#$%&*+-:<=>@[\\]^_`{}~|"
MAX_MARKUP_CHARS = 25_000

# Python-Markdown: nesting of lists, blockquotes and admonitions; and of inline emphasis and
# links. markdown-it-py stops nesting blocks at 20 token levels (10 lists) and then drops the
# rest of the file, so the limit must stay below that (tests/test_hostile.py checks it).
MAX_NESTING = 8
INDENT_WIDTH = 4  # Python-Markdown nests by four columns; a tab counts as four

# Python-Markdown, per paragraph (any block of inline text: paragraph, heading, table cell).
MAX_UNMATCHED_BRACKETS = 32  # '[' and '<' left as text by the parser
MAX_UNMATCHED_BRACKETS_PER_FILE = 200
MAX_UNMATCHED_BACKTICK_RUNS = 16
MAX_INLINE_CHARS = 20_000
MAX_HEADINGS = 200

_MARKUP = re.compile("[" + re.escape(MARKUP_CHARS) + "]")


def markup_count(text: str) -> int:
    """How many markdown-it punctuation characters ``text`` holds (fast: one C pass each)."""
    return sum(text.count(char) for char in MARKUP_CHARS)


def markup_budget_problem(body: str) -> tuple[str, int] | None:
    """``(message, 1-based line)`` when ``body`` holds too much markup to parse safely, else
    None. The blank lines that stand for the frontmatter in ``body`` do not count."""
    text = body.lstrip("\n")
    if len(text) <= MAX_MARKUP_CHARS:
        return None  # nearly every file: it cannot hold more markup than characters
    skipped_lines = len(body) - len(text)
    count = markup_count(text)
    if count <= MAX_MARKUP_CHARS:
        return None
    offset = 0
    for index, match in enumerate(_MARKUP.finditer(text)):
        if index == MAX_MARKUP_CHARS:
            offset = match.start()
            break
    line = skipped_lines + text.count("\n", 0, offset) + 1
    return (f"file holds {count:,} Markdown punctuation characters (the limit is {MAX_MARKUP_CHARS:,}; "
            f"a postmortem has a few hundred): too many to check or render in bounded time. "
            f"Shorten pasted logs or tables, or link to them", line)


def indent_width(line: str) -> int:
    """Leading whitespace in columns, a tab counting as ``INDENT_WIDTH`` (as Python-Markdown does)."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += INDENT_WIDTH - width % INDENT_WIDTH
        else:
            break
    return width
