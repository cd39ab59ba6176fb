"""The document model: a postmortem file read and parsed once.

The linter's rules, the site plugin and the pattern reports all work from a ``Document``;
nothing parses a postmortem a second time. Every line number this module hands out is a
1-based file line (markdown-it's 0-based ``Token.map`` is converted here and nowhere else).
"""

from __future__ import annotations

import os
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, NamedTuple

from linter import formatspec
from linter.frontmatter import Frontmatter, load_frontmatter
from linter.html_comments import only_comments
from linter.markdown_limits import markup_budget_problem
from linter.markdown import Token, parse
from linter.admonitions import dedented_body
from linter.engine_differences import Ambiguity, differences
from linter.raw_blocks import raw_view
from linter.site_view import FenceProblem, fence_lines, site_tokens

MAX_FILE_BYTES = 1024 * 1024



class ProseLine(NamedTuple):  # a tuple, not a frozen dataclass: a file has ~100, and tuples are cheaper to build
    """One physical line of visible prose: markup and code spans removed."""

    line: int
    text: str


@dataclass
class Section:
    """A section: its heading and the tokens up to the next heading of its level or above.

    Sections are level-2 headings, or the level a document uses throughout; a wrapper (``Lessons
    learned``) ends where the first section it wraps (``### What went well``) begins, so every
    line belongs to one section at most."""

    title: str
    canonical: str | None  # the format's name for it (aliases folded), None when unknown
    line: int  # the heading's line
    end_line: int  # last line of the section
    token_start: int  # index of the first token after the heading
    token_end: int  # index one past the last token of the section
    document: "Document" = field(repr=False)
    level: int = 2  # the heading's level (the document's section level, one more when wrapped)
    parent: "Section | None" = field(default=None, repr=False)  # the wrapper holding it (Lessons learned)

    def tokens(self) -> list[Token]:
        return self.document.tokens[self.token_start:self.token_end]

    def prose(self) -> list[ProseLine]:
        """Visible prose of the section, line by line (code spans blanked, markup removed): a
        slice of the document's prose (don't modify the list)."""
        return self._prose

    @cached_property
    def _prose(self) -> list[ProseLine]:
        return self.document.prose_between(self.token_start, self.token_end)

    @cached_property
    def text(self) -> str:
        """Plain text of the section, for reports and similarity (kept after tokens are released)."""
        return "\n".join(entry.text for entry in self.prose())

    @property
    def wrapped(self) -> list["Section"]:
        """The sections this one wraps (a ``Lessons learned`` holding ``### What went well``)."""
        return [section for section in self.document.sections if section.parent is self]

    @property
    def is_empty(self) -> bool:
        """True when the section holds nothing but whitespace and HTML comments (hints), and
        wraps no section."""
        if self.canonical in formatspec.WRAPPERS and self.wrapped:
            return False
        for token in self.tokens():
            if token.type.endswith("_close") or (token.type == "html_block" and not token.meta.get("raw_region")
                                                 and only_comments(token.content)):
                continue  # a comment is a hint; other raw HTML, or Markdown read as HTML, is content
            if token.type == "inline" and not token.content.strip():
                continue
            return False
        return True


# ``ProseLine(line, text)`` runs the named tuple's Python-level ``__new__``; ``tuple.__new__``
# gives the same value without that call, on a path taken for every prose line.
_new_tuple = tuple.__new__


def prose_lines(inline: Token) -> list[ProseLine]:
    """Split an inline token into physical lines of visible text (code spans become spaces)."""
    first_line = inline.map[0] + 1 if inline.map else 0
    children = inline.children
    if children and len(children) == 1 and children[0].type == "text":
        return [_new_tuple(ProseLine, (first_line, children[0].content))]  # the common one-line paragraph
    out: list[ProseLine] = []
    current: list[str] = []
    line = first_line
    for child in children or ():
        kind = child.type
        if kind == "text":
            current.append(child.content)
        elif kind == "code_inline":
            current.append(" " * (len(child.content) + 2))
        elif kind == "softbreak" or kind == "hardbreak":
            out.append(_new_tuple(ProseLine, (line, "".join(current))))
            current = []
            line += 1
        elif kind == "image":
            current.append(child.content)
    out.append(_new_tuple(ProseLine, (line, "".join(current))))
    return out


@dataclass
class Document:
    """One postmortem file, parsed. ``tokens`` may be released after linting to save memory."""

    path: str
    lines: list[str]
    frontmatter: Frontmatter | None
    tokens: list[Token]
    sections: list[Section] = field(default_factory=list)
    read_error: str | None = None  # set when the file could not be read or decoded at all
    read_error_line: int = 1
    # Code fences the site renders as text (linter.site_view): the tokens are the site's reading.
    fence_problems: list[FenceProblem] = field(default_factory=list)
    # Constructs the site renders otherwise (PM807), and the line edits that make the site
    # render the top level as the linter read it (linter.engine_differences).
    ambiguities: list[Ambiguity] = field(default_factory=list)
    site_edits: dict[int, str] = field(default_factory=dict)

    @property
    def meta(self) -> dict[str, Any]:
        """The frontmatter values ({} when missing or unusable)."""
        if self.frontmatter is None or self.frontmatter.data is None:
            return {}
        return self.frontmatter.data

    @property
    def body_start_line(self) -> int:
        return (self.frontmatter.end_line + 1) if self.frontmatter else 1

    @cached_property
    def body_text(self) -> str:
        """The source after the frontmatter: what rules search before walking tokens (a
        character that is not here cannot be in any token of the body)."""
        return "\n".join(self.lines[self.body_start_line - 1:])

    def section(self, canonical: str) -> Section | None:
        for section in self.sections:
            if section.canonical == canonical:
                return section
        return None

    def sections_named(self, canonical: str) -> list[Section]:
        return [section for section in self.sections if section.canonical == canonical]

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def column_of(self, line: int, needle: str, default: int = 1) -> int:
        """1-based column of ``needle`` on a file line (case-insensitive), else ``default``.

        A rule may ask this for each of thousands of matches on one long line: the lower-cased
        line and each answer are kept, so repeated questions cost nothing (lower-casing a
        250,000-character line for every match made those rules quadratic)."""
        if needle:
            answers = self._column_answers
            key = (line, needle)
            index = answers.get(key)
            if index is None:
                lowered = self._lowered_lines
                text = lowered.get(line)
                if text is None:
                    text = lowered[line] = self.line_text(line).lower()
                index = answers[key] = text.find(needle.lower())
            if index >= 0:
                return index + 1
        text = self.line_text(line)
        stripped = len(text) - len(text.lstrip())
        return max(default, stripped + 1) if default == 1 else default

    @property
    def timeline(self) -> list["TimelineEntry"]:
        return self._timeline_and_zone[0]

    @property
    def timeline_zone(self) -> "Zone | None":
        """The zone the timeline declares for its bare times (heading, note, table header or
        ``timezone:``), None when it declares none."""
        return self._timeline_and_zone[1]

    @cached_property
    def _timeline_and_zone(self) -> tuple[list["TimelineEntry"], "Zone | None"]:
        from linter.timeline import extract_timeline

        return extract_timeline(self)

    @cached_property
    def action_items(self) -> list["ActionItem"]:
        return self._action_items_and_tables[0]

    @property
    def action_tables(self) -> list["ActionTable"]:
        """The action-item tables with the columns they lack (read in the same pass as the items)."""
        return self._action_items_and_tables[1]

    @cached_property
    def _action_items_and_tables(self) -> tuple[list["ActionItem"], list["ActionTable"]]:
        from linter.action_items import extract_action_items_and_tables

        return extract_action_items_and_tables(self)

    @cached_property
    def html_comments(self) -> list[tuple[int, str]]:
        """``(line, text)`` of every HTML comment outside code, block-level or inline."""
        comments: list[tuple[int, str]] = []
        if "<!--" not in self.body_text:
            return comments  # most files: no need to walk the tokens
        for token in self.tokens:
            if token.type == "html_block" and token.map and "<!--" in token.content:
                comments.append((token.map[0] + 1, token.content))
            elif token.type == "inline" and token.map and "<!--" in token.content:
                for child in token.children or ():
                    if child.type == "html_inline" and child.content.startswith("<!--"):
                        comments.append((token.map[0] + 1, child.content))
        return comments

    @property
    def prose(self) -> list[ProseLine]:
        """Prose lines of every inline token, in document order: built once, read by several rules."""
        return self._prose_index[0]

    @cached_property
    def _prose_index(self) -> tuple[list[ProseLine], list[int], list[int]]:
        """The prose lines; the index of each inline token; where its lines start in the list."""
        tokens = self.tokens
        token_indexes = self._inline_indexes
        lines: list[ProseLine] = []
        starts: list[int] = []
        for index in token_indexes:
            starts.append(len(lines))
            lines.extend(prose_lines(tokens[index]))
        starts.append(len(lines))
        return lines, token_indexes, starts

    @cached_property
    def _inline_indexes(self) -> list[int]:
        """Where the inline tokens are: found once, for the prose and the rules that walk them."""
        return [index for index, token in enumerate(self.tokens) if token.type == "inline"]

    def prose_between(self, token_start: int, token_end: int) -> list[ProseLine]:
        """Prose lines of the inline tokens with an index in ``[token_start, token_end)``."""
        lines, token_indexes, starts = self._prose_index
        return lines[starts[bisect_left(token_indexes, token_start)]:starts[bisect_left(token_indexes, token_end)]]

    def all_inline_tokens(self) -> list[Token]:
        """Every inline token, in order: collected once, as several rules walk them."""
        return self._inline_tokens

    @cached_property
    def _inline_tokens(self) -> list[Token]:
        tokens = self.tokens
        return [tokens[index] for index in self._inline_indexes]

    @cached_property
    def _column_answers(self) -> dict[tuple[int, str], int]:
        return {}

    @cached_property
    def _lowered_lines(self) -> dict[int, str]:
        return {}

    def memo(self, key: str, compute: Callable[["Document"], Any]) -> Any:
        """A value other modules derive from the document (the rules' shared walks), computed
        once. Kept where ``cached_property`` keeps the document's own derived values, the
        instance's ``__dict__``, and dropped with the tokens like them: one mechanism."""
        name = _MEMO_PREFIX + key
        try:
            return self.__dict__[name]
        except KeyError:
            value = self.__dict__[name] = compute(self)
            return value

    def release_tokens(self) -> None:
        """Drop the token stream and what was derived from it once rules have run (the corpus
        can then be held in memory); what the reports and the site read is computed first."""
        self.timeline, self.action_items  # noqa: B018 - materialize what the reports need
        for section in self.sections:
            section.text  # noqa: B018 - cache the text the reports read
            section.__dict__.pop("_prose", None)
        self.tokens = []
        for name in [name for name in self.__dict__ if name in _FROM_TOKENS or name.startswith(_MEMO_PREFIX)]:
            del self.__dict__[name]


_MEMO_PREFIX = "memo:"  # not an identifier: no attribute can share the name
# The cached values computed from the tokens (the timeline and the action items are kept:
# the reports read them).
_FROM_TOKENS = frozenset({"_prose_index", "_inline_indexes", "_inline_tokens", "body_text", "html_comments",
                          "_column_answers", "_lowered_lines"})


# Importing these after Document is defined keeps the type names resolvable for readers.
from linter.action_items import ActionItem, ActionTable  # noqa: E402
from linter.timeline import TimelineEntry  # noqa: E402
from linter.zones import Zone  # noqa: E402


def _sections(document: Document) -> list[Section]:
    """The sections: headings at the document's section level (known ones above it too), and
    the sections a wrapper (``Lessons learned``) holds one level deeper. Any other heading below
    the section level is part of the section's content (a Timeline's ``### 2023-07-20``); an
    unknown one above it (a title) ends the section."""
    tokens = document.tokens
    headings = []  # (token index, level, line, title, canonical name)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            title = tokens[index + 1].content if index + 1 < len(tokens) else ""
            headings.append((index, int(token.tag[1:]), token.map[0] + 1, title, formatspec.canonical_section(title)))
    if not headings:
        return []
    level = _section_level(headings)
    sections: list[Section] = []
    wrapper: Section | None = None  # the open section that may hold wrapped ones
    total_lines = len(document.lines)
    for index, heading_level, line, title, canonical in headings:
        wrapped = (heading_level == level + 1 and wrapper is not None
                   and canonical in formatspec.WRAPPERS.get(wrapper.canonical or "", ()))
        if heading_level > level and not wrapped:
            continue  # content of the open section
        if sections and sections[-1].token_end == len(tokens):  # end the open section here
            sections[-1].token_end = index
            sections[-1].end_line = line - 1
        if heading_level < level and canonical is None:
            wrapper = None  # a higher heading (a title) ends the section, starts none
            continue
        section = Section(title=title, canonical=canonical, line=line, end_line=total_lines, token_start=index + 3,
                          token_end=len(tokens), document=document, level=heading_level,
                          parent=wrapper if wrapped else None)
        sections.append(section)
        if not wrapped:
            wrapper = section if section.canonical in formatspec.WRAPPERS else None
    return sections


_WRAPPABLE = frozenset(name for names in formatspec.WRAPPERS.values() for name in names)


def _section_level(headings: list[tuple[int, int, int, str, str | None]]) -> int:
    """The heading level the document's sections use: the level most known sections are at,
    2 (the format's) on a tie. Sections a wrapper may hold are not counted (they are one level
    deeper by design); a known heading above that level is a section too (an odd ``## Timeline``
    among ``###`` sections), one below it is content."""
    known: dict[int, int] = {}
    for _, level, _, _, canonical in headings:
        if canonical is not None and canonical not in _WRAPPABLE:
            known[level] = known.get(level, 0) + 1
    if not known:
        return 2
    return max(known, key=lambda level: (known[level], -abs(level - 2), -level))


# Byte-order marks of the encodings a Windows editor may save in; UTF-32 first (its LE mark
# starts with UTF-16 LE's).
_OTHER_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"), (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"), (b"\xfe\xff", "UTF-16 (big-endian)"),
)
_NOT_UTF8_ADVICE = ("save it as UTF-8: git and code review show it as binary, so what the site would "
                    "publish could not be reviewed")


def _other_unicode(raw: bytes) -> str | None:
    """The name of the UTF-16/32 encoding ``raw`` is in (by its byte-order mark, or for
    UTF-16 without one, by every other byte being NUL, as in ASCII text), else None."""
    for mark, name in _OTHER_UNICODE_BOMS:
        if raw.startswith(mark):
            return f"{name}, with a byte-order mark"
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs >= 8:
        for offset, name in ((1, "UTF-16 (little-endian)"), (0, "UTF-16 (big-endian)")):
            if sample[offset::2].count(0) >= 0.9 * pairs and sample[1 - offset::2].count(0) == 0:
                return f"{name}, without a byte-order mark"
    return None


def decode(raw: bytes) -> tuple[str | None, str | None, int]:
    """UTF-8 (BOM optional) to text; else ``(None, message, line)``."""
    other = _other_unicode(raw) if raw[:1] in (b"\xff", b"\xfe", b"\x00") or b"\x00" in raw[:4096] else None
    if other is not None:
        return None, f"file is {other}, not UTF-8; {_NOT_UTF8_ADVICE}", 1
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, "file contains NUL bytes: it is binary, not a Markdown postmortem", line
    try:
        return raw.decode("utf-8-sig"), None, 1
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); save it as UTF-8", line


def file_lines(text: str) -> list[str]:
    """The lines of a file's text as markdown-it numbers them: CRLF and CR end a line as LF
    does, and a final line ending opens no line of its own."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def parse_text(path: str, text: str) -> Document:
    """Parse a postmortem from its text."""
    lines = file_lines(text)
    frontmatter = load_frontmatter(lines)
    if frontmatter is not None:
        # Blank out the frontmatter so markdown-it's line map equals the file's lines.
        body = "\n" * frontmatter.end_line + "\n".join(lines[frontmatter.end_line:])
    else:
        body = "\n".join(lines)
    too_complex = markup_budget_problem(body)
    if too_complex is not None:
        # markdown-it-py is linear but slow per punctuation character (a minute or so for
        # 1 MiB of brackets): refuse such a file before parsing it, with a finding, not a hang.
        message, line = too_complex
        return Document(path=path, lines=lines, frontmatter=frontmatter, tokens=[], read_error=message, read_error_line=line)
    # The site's reading (linter.site_view): admonition content as Markdown, fences it reads
    # as text, then raw HTML blocks; the text the rules read keeps every line where it was.
    tokens = parse(body)
    dedented = dedented_body(body, fence_lines(tokens))
    if dedented is not None:
        body, tokens = dedented, parse(dedented)
    tokens, fence_problems = site_tokens(body, tokens, parse)
    tokens, in_raw_html = raw_view(tokens, body)
    site_edits, ambiguities = differences(tokens, body.split("\n") if dedented is not None else lines, lines)
    document = Document(path=path, lines=lines, frontmatter=frontmatter, tokens=tokens, fence_problems=fence_problems,
                        ambiguities=sorted(in_raw_html + ambiguities, key=lambda found: found.line), site_edits=site_edits)
    document.sections = _sections(document)
    return document


def read_regular_file(path: str, limit: int) -> bytes | None:
    """Read at most ``limit`` bytes, or None when the path is not a regular file.

    Opened non-blocking and checked *after* opening, so a file swapped for a FIFO between
    discovery and reading can neither hang the run nor be read.
    """
    import stat

    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        chunks, remaining = [], limit
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_document(path: str, display_path: str | None = None) -> Document:
    """Read and parse one file; unreadable input becomes a Document with ``read_error``."""
    shown = display_path or path
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES + 1)
    except OSError as error:
        return unreadable_document(shown, f"cannot read file: {error.strerror or error}")
    if raw is None:
        return unreadable_document(shown, "not a regular file (it was replaced after discovery); skipped")
    if len(raw) > MAX_FILE_BYTES:
        return _too_large(shown)
    text, problem, line = decode(raw)
    if text is None:
        return unreadable_document(shown, problem or "cannot decode file", line)
    return parse_text(shown, text)


def text_document(path: str, text: str) -> Document:
    """A text not read from a file (an editor's buffer), under the size limit a file has."""
    if len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return _too_large(path)
    return parse_text(path, text)


def _too_large(path: str) -> Document:
    return unreadable_document(path, f"file is larger than {MAX_FILE_BYTES // 1024} KiB; a postmortem should be far smaller")


def unreadable_document(path: str, message: str, line: int = 1) -> Document:
    """A document with only ``read_error``: no rule but PM001 reads it, the site refuses it."""
    return Document(path=path, lines=[], frontmatter=None, tokens=[], read_error=message, read_error_line=line)
