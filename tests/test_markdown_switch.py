"""``POSTMORTEM_MARKDOWN=plain``: the rules on markdown-it-py as shipped say exactly what they say
on the linter's parser with its shortcuts, over the example corpus and every rule fixture.

``tests/test_parser.py`` compares the two token streams; this compares what a user sees, so a
shortcut that changed a token the comparison does not reach would show here as a finding that
differs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO, TESTS

FOLDERS = [str(REPO / "postmortems"), *sorted(str(path) for path in (TESTS / "rules").glob("PM*/*") if path.is_dir())]
PROBE = "import linter.markdown as m; print(m.PLAIN, type(m._PARSER.block).__module__)"


LINT_EACH = """
import json, sys
from linter.config import load_config
from linter.engine import lint_paths
found = []
for folder in sys.argv[1:]:  # each fixture folder is a corpus of its own, as the rule tests lint it
    found.extend(finding.as_dict() for finding in lint_paths([folder], load_config(start=folder), jobs=1).findings)
print(json.dumps(found))
"""


def _lint(plain: bool) -> list[dict]:
    """Every folder's findings, linted in one process (the switch is read when it starts)."""
    done = subprocess.run([sys.executable, "-c", LINT_EACH, *FOLDERS], cwd=REPO, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "POSTMORTEM_MARKDOWN": "plain" if plain else ""})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_switch_selects_the_library_as_shipped():
    for value, expected in (("plain", "True markdown_it.parser_block"), ("", "False linter.markdown.block_parser")):
        done = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "POSTMORTEM_MARKDOWN": value})
        assert done.stdout.strip() == expected, done.stderr


def test_every_rule_finds_the_same_with_and_without_the_shortcuts():
    with_shortcuts, plain = _lint(plain=False), _lint(plain=True)
    assert len(with_shortcuts) > 200  # the fixtures' bad files were linted
    assert plain == with_shortcuts
