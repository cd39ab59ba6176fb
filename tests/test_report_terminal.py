"""``postmortem report --format text``: the report for a terminal (no Markdown escapes or markup)."""

from __future__ import annotations

from conftest import REPO, run_cli
from linter.reports.formatting import text
from linter.reports.render_terminal import render


def test_escaped_values_come_back_as_written():
    markdown = f"## Action items\n\n- {text('Enforce `percent_off` <= 15 (*now*) | [x](y)')}\n"
    assert render(markdown, width=100) == "Action items\n------------\n\n- Enforce `percent_off` <= 15 (*now*) | [x](y)\n"


def test_markup_is_laid_out_not_printed():
    markdown = ("# Report\n\nSee **this** and [OPS-1](https://tracker.example/OPS-1) and `code`.\n\n"
                "- one\n  - nested\n- two\n")
    shown = render(markdown, width=100)
    assert shown == ("Report\n======\n\nSee this and OPS-1 <https://tracker.example/OPS-1> and code.\n\n"
                     "- one\n  - nested\n- two\n")


def test_tables_are_columns_or_one_block_a_row_when_too_wide():
    markdown = "| Due | Owner |\n|---|---|\n| 2026-01-02 | @a |\n| 2026-02-03 | @bob |\n"
    assert render(markdown, width=100) == "Due         Owner\n----------  -----\n2026-01-02  @a\n2026-02-03  @bob\n"
    wide = "| Due | Action |\n|---|---|\n| 2026-01-02 | " + "x" * 80 + " |\n"
    assert render(wide, width=40) == "   Due: 2026-01-02\nAction: " + "x" * 80 + "\n"


def test_no_control_character_reaches_the_terminal():
    """Neither a raw control character nor an entity for one (which markdown-it decodes) survives."""
    shown = render("- title \x1b[31mred &#27;]0;pwned&#7; and \u202eevil\n", width=100)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "[31mred" in shown and "evil" in shown


def test_the_command_prints_text_for_a_terminal_and_markdown_for_a_pipe():
    piped = run_cli("report", str(REPO / "postmortems"))
    assert piped.code == 0 and piped.out.startswith("# Pattern report")
    shown = run_cli("report", "--format", "text", str(REPO / "postmortems"))
    assert shown.code == 0 and shown.out.startswith("Pattern report\n==============\n")
    assert "\\" not in shown.out and "**" not in shown.out and "&amp;" not in shown.out
