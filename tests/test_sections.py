"""Sections as real templates write them: heading names, levels, wrappers and orders."""

from __future__ import annotations

import pytest

from linter import formatspec
from linter.config import Config
from linter.document import parse_text
from linter.rules import impact_without_numbers, placeholder_text, section_missing, section_order
from linter.rules.base import Context


def _findings(rule, text):
    return [(v.line, v.message) for v in rule.check(parse_text("x.md", text), Context(config=Config()))]


# --- headings -------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, canonical", [
    ("Root Causes", "Root cause"), ("Five whys", "Root cause"), ("5 whys", "Root cause"), ("Root cause(s)", "Root cause"),
    ("Root cause analysis", "Root cause"), ("Incident summary", "Summary"), ("Overview", "Summary"),
    ("Description", "Summary"), ("1. Summary", "Summary"), ("Summary:", "Summary"), ("**Timeline**", "Timeline"),
    ("Timeline (PDT)", "Timeline"), ("Timeline (all times UTC)", "Timeline"), ("3.1 Impact", "Impact"),
    ("What didn’t go so well?", "What went wrong"), ("What went poorly", "What went wrong"),
    ("What we're doing about it", "Action items"), ("Follow-ups", "Action items"), ("Next steps", "Action items"),
    ("Corrective actions", "Action items"), ("Lessons learnt", "Lessons learned"), ("How'd We Do?", "Lessons learned"),
    ("Contributing Factors (findings)", "Contributing factors"),
    # the big templates' own sections are sections of their own, not aliases of the format's
    ("Detection", "Detection"), ("Trigger", "Trigger"), ("Resolution", "Resolution"), ("Recovery", "Resolution"),
    ("Response", "Response"), ("Leadup", "Leadup"), ("Fault", "Fault"), ("What happened", "What happened"),
    ("Responders", "Responders"), ("Messaging", "Messaging"), ("Supporting information", "Appendix"),
])
def test_template_headings_fold_to_the_format_sections(heading, canonical):
    assert formatspec.canonical_section(heading) == canonical


@pytest.mark.parametrize("heading", ["Follow-up timeline (times in BST)", "Stats", "Attendees", "Appendix: query used",
                                     "2023-07-20", "10:34 — alias swapped", "Whys"])
def test_other_headings_are_not_sections(heading):
    assert formatspec.canonical_section(heading) is None


def test_optional_sections_are_known_but_not_required():
    for name in ("Detection", "Trigger", "Resolution", "Response", "Leadup", "Fault", "What happened", "Appendix"):
        assert name in formatspec.SECTION_ORDER and name not in formatspec.REQUIRED_SECTIONS
    assert set(formatspec.SECTION_ORDER) == set(formatspec.SECTIONS)
    for ranks in formatspec.TEMPLATE_ORDERS.values():
        assert {name for rank in ranks for name in rank} <= set(formatspec.SECTIONS)


# --- levels and wrappers --------------------------------------------------------------------

WRAPPED = """# Title

## Summary

Search was down.

## Lessons Learned

Intro line.

### What went well

- Paged fast.

### What went wrong

- Slow rollback.

### Process improvements

- Review alias swaps.

### Where we got lucky

- Quiet hour.

## Timeline (PDT)

### 2026-05-12

- 08:40 swap

### 09:21 — alias reverted

## Action items

- a
"""


def test_a_lessons_learned_wrapper_holds_sections_of_its_own():
    document = parse_text("x.md", WRAPPED)
    lines = WRAPPED.split("\n")
    found = [(s.title, s.canonical, s.level, s.line, s.end_line) for s in document.sections]
    assert found == [
        ("Summary", "Summary", 2, 3, 6),
        ("Lessons Learned", "Lessons learned", 2, 7, 10),
        ("What went well", "What went well", 3, 11, 14),
        ("What went wrong", "What went wrong", 3, 15, 22),  # keeps the unknown ### after it
        ("Where we got lucky", "Where we got lucky", 3, 23, 26),
        ("Timeline (PDT)", "Timeline", 2, 27, 34),  # its ### date and entry headings stay in it
        ("Action items", "Action items", 2, 35, len(lines) - 1),
    ]
    for section in document.sections:
        assert lines[section.line - 1].lstrip("#").strip() == section.title
    wrapper = document.section("Lessons learned")
    assert wrapper.text == "Intro line." and not wrapper.is_empty
    assert [s.title for s in wrapper.wrapped] == ["What went well", "What went wrong", "Where we got lucky"]
    assert document.section("What went wrong").parent is wrapper
    assert "Review alias swaps." in document.section("What went wrong").text
    assert document.section("Timeline").parent is None
    # every prose line of the body belongs to one section at most (rules reading all sections see it once)
    seen = [p.line for s in document.sections for p in s.prose()]
    assert len(seen) == len(set(seen))


def test_a_wrapper_with_no_text_of_its_own_is_not_empty_but_one_with_nothing_is():
    text = "## Summary\n\nx\n\n## Lessons learned\n\n### What went well\n\n- y\n\n## Action items\n\n- z\n"
    assert not parse_text("x.md", text).section("Lessons learned").is_empty
    text = "## Summary\n\nx\n\n## Lessons learned\n\n## Action items\n\n- z\n"
    assert parse_text("x.md", text).section("Lessons learned").is_empty


def test_wrapped_headings_under_other_sections_stay_content():
    text = "## Summary\n\nx\n\n### What went well\n\n- y\n\n## Impact\n\n3 users\n"
    document = parse_text("x.md", text)
    assert [s.canonical for s in document.sections] == ["Summary", "Impact"]
    assert "y" in document.section("Summary").text


@pytest.mark.parametrize("marks", ["###", "#"])
def test_sections_one_level_too_deep_or_too_shallow_throughout_are_found(marks):
    title = "## Search outage\n\n" if marks == "###" else ""
    text = title + "".join(f"{marks} {name}\n\ntext of {name}\n\n" for name in ("Summary", "Impact", "Timeline", "Action items"))
    document = parse_text("x.md", text)
    assert [(s.canonical, s.level) for s in document.sections] == [
        (name, len(marks)) for name in ("Summary", "Impact", "Timeline", "Action items")]
    for section in document.sections:
        assert document.line_text(section.line) == f"{marks} {section.title}"
        assert section.text == f"text of {section.title}"


def test_a_stray_known_heading_above_the_document_level_is_still_a_section():
    text = "# Outage\n\n### Summary\n\na\n\n### Impact\n\nb\n\n## **Timeline**\n\n- 08:40 UTC c\n\n### Causes\n\nd\n"
    document = parse_text("x.md", text)
    assert [(s.canonical, s.level) for s in document.sections] == [
        ("Summary", 3), ("Impact", 3), ("Timeline", 2), ("Root cause", 3)]


def test_format_documents_keep_level_two_and_their_appendix_subheadings():
    text = "## Summary\n\na\n\n## Root cause\n\n### Five whys\n\n1. why\n\n## Appendix\n\n### Raw logs\n\nz\n"
    document = parse_text("x.md", text)
    assert [(s.canonical, s.level) for s in document.sections] == [("Summary", 2), ("Root cause", 2), ("Appendix", 2)]
    assert "why" in document.section("Root cause").text


# --- PM201 / PM202 ----------------------------------------------------------------------------

def test_section_missing_says_what_it_looked_for():
    text = "## Summary\n\na\n\n## Impact\n\n3 users\n"
    messages = dict((m.split("'")[1], m) for _, m in _findings(section_missing.RULE, text))
    assert "'Why'" in messages["## Root cause"] and "'Root causes'" in messages["## Root cause"]
    assert "'### What went well' under '## Lessons learned'" in messages["## What went well"]
    assert "more" in messages["## Action items"]  # the list is cut short, not all 20 aliases


def test_section_missing_uses_the_documents_own_level():
    text = "## Outage\n\n### Summary\n\na\n\n### Impact\n\n3 users\n"
    assert all(message.startswith("required section '###") for _, message in _findings(section_missing.RULE, text))


GOOGLE_ORDER = ["Summary", "Impact", "Root Causes", "Trigger", "Resolution", "Detection", "Action Items",
                "Lessons Learned", "### What went well", "### What went wrong", "### Where we got lucky", "Timeline"]


def _outline(headings):
    return "".join((h if h.startswith("#") else "## " + h) + "\n\ntext\n\n" for h in headings)


@pytest.mark.parametrize("headings", [
    GOOGLE_ORDER,
    # the Kubernetes variant of the Google template: detection first, lessons before actions
    ["Summary", "Impact", "Root Cause", "Detection", "Resolution", "Lessons learned", "### What went well",
     "### What went wrong", "### Where we got lucky", "Action items", "Timeline", "Appendix"],
    ["Incident summary", "Leadup", "Fault", "Impact", "Detection", "Response", "Recovery", "Timeline", "Five whys",
     "Root cause", "Lessons learned", "Corrective actions"],
    ["Overview", "What happened", "Contributing factors", "Resolution", "Impact", "Responders", "Timeline",
     "How'd we do?", "### What went well", "### What didn't go so well?", "Action items", "Messaging"],
    ["Summary", "Timeline", "Contributing Factors", "Lessons Learned", "Action Items"],
    ["Summary", "Timeline", "Lessons learnt", "### What went well", "### What went wrong", "Action items"],
])
def test_section_order_is_quiet_for_known_templates(headings):
    assert _findings(section_order.RULE, _outline(headings)) == []


def test_section_order_reports_against_the_closest_template():
    moved = [GOOGLE_ORDER[0]] + GOOGLE_ORDER[2:6] + [GOOGLE_ORDER[1]] + GOOGLE_ORDER[6:]
    [(line, message)] = _findings(section_order.RULE, _outline(moved))
    assert message == "'## Impact' should come before '## Resolution' (line 13) in the Google SRE template's order"
    shuffled = ["Summary", "Action items", "Root cause", "Impact"]
    # One finding for the document, saying how many more sections are out of that order.
    [(_, message)] = _findings(section_order.RULE, _outline(shuffled))
    assert message.endswith("in the format's order (1 more section out of that order)")


# --- PM502 -----------------------------------------------------------------------------------

ZERO_IMPACT = ["No data was lost.", "No data were lost.", "There was no impact to ordinary users.",
               "None of our users were affected.", "No customer-facing impact.", "No user-visible impact at all.",
               "Customers were not affected: only staging broke.", "It seems nobody used it during the window."]
# An outage with no figure is not a zero.
NO_FIGURE = ["No customers could check out.", "Nobody could log in for a while.", "Users saw errors.",
             "There was no significant impact on most users."]


@pytest.mark.parametrize("impact, findings", [(text, 0) for text in ZERO_IMPACT] + [(text, 1) for text in NO_FIGURE])
def test_explicit_zero_impact_counts_as_a_number(impact, findings):
    assert len(_findings(impact_without_numbers.RULE, f"## Impact\n\n{impact}\n")) == findings


# --- PM204 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, placeholder", [
    ("{{ summary }}", "{{ summary }}"), ("See [link to github issue].", "[link to github issue]"),
    ("Owner: [Name to fill in …]", "[Name to fill in …]"), ("About <insert the count> users.", "<insert the count>"),
    ("<Insert impact here>", "<Insert impact here>"), ("TODO: write this up", "TODO"), ("[Service name] failed.", "[Service name]"),
    ("[Describe the impact]", "[Describe the impact]"),
])
def test_template_placeholders_are_found(text, placeholder):
    found = [message for _, message in _findings(placeholder_text.RULE, f"## Summary\n\n{text}\n")]
    assert found == [f"placeholder '{placeholder}' left in the text: replace it with the real content"]


@pytest.mark.parametrize("text", [
    "The [No Data] alert fired.", "Created by [Jane Doe].", "[Action Item] count rejected launches apart.",
    "See [link to the issue](https://example.com/1).", "- [x] Runbook read", "- [ ] Runbook updated",
    "The [Investigating] update went out.", "Status was todo-free.",
])
def test_tags_names_links_and_checkboxes_are_not_placeholders(text):
    assert _findings(placeholder_text.RULE, f"## Summary\n\n{text}\n") == []


def test_status_words_in_an_action_table_are_status():
    table = ("## Action items\n\n| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"
             "| Add a document-count check to the swap | @ines | 2026-05-19 | P1 | **TODO** |\n"
             "| Grant alias rights to on-call | @omar | 2026-05-22 | P2 | DONE |\n")
    assert _findings(placeholder_text.RULE, table) == []
    assert len(_findings(placeholder_text.RULE, table.replace("Grant alias", "TODO: grant alias"))) == 1


def test_an_insert_field_is_found_once_as_html_in_the_body_and_as_text_in_frontmatter():
    text = '---\ntitle: "<insert title>"\n---\n\n## Summary\n\nWe saw <insert the count> users.\n\n<insert summary>\n'
    assert [line for line, _ in _findings(placeholder_text.RULE, text)] == [2, 7, 9]
