"""File cannot be read as a UTF-8 Markdown postmortem.

## What it does
Reports a file that is not valid UTF-8 text (a Latin-1 export, a UTF-16 file, a binary file),
is too large to be a postmortem (over 1 MiB, or over 25,000 Markdown punctuation characters such as `[`, `*`,
`<` and `|` — a postmortem has a few hundred), or cannot be opened at all. No other rule runs
on such a file.

## Why is this bad?
The site generator aborts the whole build on one undecodable file, and a file nobody can
read is not a postmortem. Markdown parsers slow down on punctuation floods (a megabyte of `[`
takes the linter's parser a minute), so such a file is refused before it is parsed. Every
other file is still checked.

## Example
A postmortem saved from a word processor as Windows-1252: `Caf\xe9 outage`.

## Use instead
Save the file as UTF-8 (a byte-order mark and CRLF line endings are accepted). A file saved as
UTF-16 or UTF-32 ("Unicode" in some Windows editors) is refused with a message that names its
encoding: git and code review show such a file as binary.
"""

from linter.rules.base import Violation, define


def check(document, context):
    if document.read_error:
        yield Violation(document.read_error_line, 1, document.read_error)


RULE = define(__doc__, "PM001", "file-unreadable", "error", check, blocks_publication=True)
