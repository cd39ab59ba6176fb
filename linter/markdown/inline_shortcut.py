"""The children of an inline token whose only inline syntax is code spans, line breaks and bold.

markdown-it's inline tokenizer pays a fixed setup per inline token and tries up to ten rules at
every character it stops at. Most inline tokens of a postmortem are plain text, text with
``code spans``, ``snake_case`` names (an underscore after a letter cannot open emphasis), soft
line breaks of wrapped paragraphs and a ``**bold**`` lead-in. For those, the token stream the
tokenizer produces is simple enough to build directly: text, ``code_inline``, ``softbreak``,
``hardbreak`` and one ``strong`` pair, exactly as markdown-it-py (4.x) builds them. Anything
else (other emphasis, links, images, HTML, entities, escapes) returns ``None`` and goes to the
real tokenizer. ``tests/test_parser.py`` checks the result token for token.
"""

from __future__ import annotations

import re
import string

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.token import Token

from linter.markdown.fast_tokens import new_token

# Where a character could start syntax the shortcut does not build: escapes, links, images,
# HTML and autolinks, entities. ('*' is looked at by the shortcut.) Strikethrough and linkify are off.
NEEDS_TOKENIZER = re.compile(r"[\\\[\]!<&]")
# Where the shortcut has something to do: a backtick run, an underscore run, a '*' run, a line break.
# First, the most common of them whole: a code span between single backticks (its closer is
# then the first backtick run after the opener, as markdown-it chooses it).
_STOP = re.compile(r"`(?!`)([^`]*)`(?!`)|`+|_+|\*+|\n")
_BACKTICK_RUN = re.compile(r"`+")
_WORD_CHARACTERS = frozenset(string.ascii_letters + string.digits)


def text_token(content: str) -> Token:
    """The ``text`` token markdown-it makes for a run of literal text."""
    token = new_token("text", "", 0)
    token.content = content
    return token


def _code_span(marker: str, content: str) -> Token:
    """markdown-it's ``code_inline``: line breaks become spaces; one space is stripped from
    each side when both sides have one and the span is not all spaces."""
    token = new_token("code_inline", "code", 0)
    token.markup = marker
    content = content.replace("\n", " ")
    if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
        content = content[1:-1]
    token.content = content
    return token


def _closing_run(content: str, after: int, length: int, last_run_at: dict[int, int]) -> re.Match | None:
    """The first backtick run after ``after`` exactly ``length`` long (a code span's end)."""
    if last_run_at.get(length, -1) < after:
        return None  # no run that long is left: the opener stays text (no scan needed)
    for run in _BACKTICK_RUN.finditer(content, after):
        if run.end() - run.start() == length:
            return run
    return None  # pragma: no cover - last_run_at guarantees one


def _last_runs(content: str) -> dict[int, int]:
    """Where the last backtick run of each length starts."""
    return {run.end() - run.start(): run.start() for run in _BACKTICK_RUN.finditer(content)}


def _flanking(content: str, start: int, end: int) -> tuple[bool, bool]:
    """``(can_open, can_close)`` of the '*' run ``content[start:end]``, as markdown-it's
    ``scanDelims`` decides them (the ends of the text count as spaces)."""
    last = content[start - 1] if start > 0 else " "
    after = content[end] if end < len(content) else " "
    last_punctuation = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punctuation = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(after))
    left = not (next_space or (next_punctuation and not (last_space or last_punctuation)))
    right = not (last_space or (last_punctuation and not (next_space or next_punctuation)))
    return left, right  # '*' may split words: it opens when left-flanking, closes when right


def simple_children(content: str) -> list[Token] | None:
    """The inline children markdown-it would build, or None when the real tokenizer is needed
    (call only when ``NEEDS_TOKENIZER`` finds nothing in ``content``).

    Besides text, code spans and line breaks, one ``**strong**`` pair is built: two '**' runs,
    the first able to open, the second able to close (a bold lead-in such as ``**Owner:**``;
    with two runs of two, markdown-it's rule of three cannot keep them apart). Any other '*'
    goes to the tokenizer. As markdown-it leaves them, the text before the pair and the text
    after it are tokens even when empty, and what is inside is one level down.
    """
    children: list[Token] = []
    pending: list[str] = []
    last_run_at: dict[int, int] | None = None
    strong_at: int | None = None  # where the children inside the open '**' begin
    strong_done = False
    text_owed = False  # after the closing '**', the next text is a token even when empty
    position, size = 0, len(content)
    while True:
        stop = _STOP.search(content, position)
        if stop is None:
            pending.append(content[position:])
            break
        start, end = stop.span()
        pending.append(content[position:start])
        character = content[start]
        if character == "`":
            if stop.lastindex:  # a code span between single backticks, matched whole
                code, position = _code_span("`", stop.group(1)), end
            else:
                if last_run_at is None:
                    last_run_at = _last_runs(content)
                closer = _closing_run(content, end, end - start, last_run_at)
                if closer is None:
                    pending.append(content[start:end])  # an unmatched run is text
                    position = end
                    continue
                code, position = _code_span(content[start:end], content[end:closer.start()]), closer.end()
            text = "".join(pending)
            if text or text_owed:
                children.append(text_token(text))
            pending, text_owed = [], False
            children.append(code)
        elif character == "_":
            # After a letter or digit a '_' run is right-flanking, and '_' may then open
            # emphasis only after punctuation: it cannot open, so no emphasis can form (a
            # closer without an opener stays text).
            if start == 0 or content[start - 1] not in _WORD_CHARACTERS:
                return None
            pending.append(content[start:end])
            position = end
        elif character == "*":
            can_open, can_close = _flanking(content, start, end)
            if end - start != 2 or strong_done or not (can_open if strong_at is None else can_close):
                return None
            text = "".join(pending)
            pending = []
            if strong_at is None:
                children.append(text_token(text))  # markdown-it's emptied first '*'
                children.append(_strong("strong_open", 1))
                strong_at = len(children)
            else:
                if text:
                    children.append(text_token(text))
                for child in children[strong_at:]:
                    child.level = 1
                children.append(_strong("strong_close", -1))
                strong_done = text_owed = True
            position = end
        else:  # a line break: trailing spaces decide soft or hard, the next line's indent goes
            text = "".join(pending)
            kind = "softbreak"
            if text.endswith("  "):
                text, kind = text.rstrip(" "), "hardbreak"
            elif text.endswith(" "):
                text = text[:-1]
            if text or text_owed:
                children.append(text_token(text))
            pending, text_owed = [], False
            children.append(new_token(kind, "br", 0))
            position = end
            while position < size and content[position] in " \t":
                position += 1
    if strong_at is not None and not strong_done:
        return None  # an opener without its closer
    text = "".join(pending)
    if text or text_owed:
        children.append(text_token(text))
    return children


def _strong(kind: str, nesting: int) -> Token:
    token = new_token(kind, "strong", nesting)
    token.markup = "**"
    return token
