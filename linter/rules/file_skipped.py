"""A path that is not a regular file inside the repository was skipped.

## What it does
Reports, and never opens, a `.md` path that is a symbolic link leading outside the
repository, a dangling or looping link, a FIFO, a socket or a device, or whose name is not
valid UTF-8; and never walks a symbolic link to a directory under the searched folders
(reported too).

## Why is this bad?
A symlinked `postmortems/x.md → /proc/self/environ` would publish the CI environment on the
site; a FIFO named `.md` hangs any tool that reads it, and a directory link back up the tree
makes a walk that follows links loop forever. Postmortems are regular files in the
repository. Git commits any bytes as a file name, but a name that is not UTF-8 cannot be
written into a page, a search index or a JSON report: the site build would crash on it.

## Example
`postmortems/2026/notes.md -> /etc/passwd`

## Use instead
Commit the postmortem itself as a regular file under `postmortems/`.
"""

from linter.rules.base import define

# Reported by file discovery (linter/files.py), before any file is opened.
RULE = define(__doc__, "PM006", "file-skipped", "error", blocks_publication=True)
