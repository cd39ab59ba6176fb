"""Action items as real teams write them: what is an item, owners, priority schemes, tickets."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import clean_text
from linter import owners, phrases, priorities, promises
from linter.config import ConfigError, from_mapping
from linter.document import parse_text
from linter.incident import from_document


def with_actions(body: str, text: str | None = None) -> str:
    text = text if text is not None else clean_text()
    start = text.index("## Action items\n")
    end = text.find("\n## ", start + 1) + 1 or len(text)
    return text[:start] + f"## Action items\n\n{body}\n" + text[end:]


def items_of(body: str):
    return parse_text("x.md", with_actions(body)).action_items


# --- only items are items ------------------------------------------------------------------

def test_a_legend_before_the_items_is_not_parsed_as_items():
    items = items_of("Priority levels:\n\n* **P0**: this week\n* **P1**: this month\n\n"
                     "- Add a 5% canary to `deploy/models.yaml` — @jane — due 2026-05-01 — P1")
    assert [item.get("owner") for item in items] == ["@jane"]


def test_a_list_whose_entries_all_define_levels_is_a_legend_even_without_an_intro():
    assert items_of("- HIGH — fix before the next release\n- LOW — when there is time") == []


def test_rejected_proposals_and_other_sections_sub_headings_hold_no_items():
    body = ("### Rejected\n\n- Freeze all deploys for a quarter\n\n"
            "### What went wrong\n\n- Nobody was paged\n\n"
            "### Deploys\n\n- Add a 5% canary to `deploy/models.yaml` — @jane — due 2026-05-01 — P1\n"
            "- ~~Rewrite the pricing service~~\n- Move quotes to a queue — Status: rejected")
    items = items_of(body)
    assert [item.get("action") for item in items][:1] == ["Add a 5% canary to `deploy/models.yaml`"]
    assert len(items) == 2 and items[1].get("action").startswith("Move quotes")  # "Status: rejected" is no field here


def test_an_explanatory_paragraphs_list_is_not_items_but_an_announced_one_is():
    assert items_of("We considered these options:\n\n- Freeze deploys\n- Hire a release manager") == []
    assert len(items_of("We will:\n\n- Add a 5% canary to `deploy/models.yaml` — @jane — due 2026-05-01 — P1")) == 1


def test_sub_bullets_belong_to_their_item_and_carry_its_fields():
    body = ("1. Route model deploys through a 5% canary in `deploy/models.yaml`,\n"
            "   so that a bad model reaches few requests\n"
            "   - Owner: Jane Doe\n   - Due: 2026-05-01\n   - Priority: P1\n   - https://tracker.example.com/OPS-9\n"
            "2. Add the cents SKUs to `evals/pricing/units.yaml` — jennifer — due 2026-04-17 — P2")
    first, second = items_of(body)
    assert first.get("action") == "Route model deploys through a 5% canary in `deploy/models.yaml`, so that a bad model reaches few requests"
    assert (first.get("owner"), first.get("due"), first.get("priority"), first.get("link")) == (
        "Jane Doe", "2026-05-01", "P1", "https://tracker.example.com/OPS-9")
    assert first.fields["owner"].line == first.line + 2
    assert second.get("owner") == "jennifer"


@pytest.mark.parametrize("written, action, status, done", [
    ("DONE: Add the canary stage — @jane — due 2026-05-01 — P1", "Add the canary stage", "DONE", True),
    ("**TODO** Add the canary stage — @jane — due 2026-05-01 — P1", "Add the canary stage", "TODO", False),
    ("Make sure everybody gets an e-mail when the site is down (DONE)", "Make sure everybody gets an e-mail when the site is down", "DONE", True),
    ("[wip] Add the canary stage", "Add the canary stage", "wip", False),
    ("Document the DONE column of the tracker", "Document the DONE column of the tracker", "", False),
])
def test_status_words_are_status_not_part_of_the_action(written, action, status, done):
    (item,) = items_of("- " + written)
    assert (item.get("action"), item.get("status"), item.done) == (action, status, done)


def test_a_bold_lead_is_the_action_and_its_explanation_is_not():
    (item,) = items_of("- **Split node groups per zone**: the scheduler does not see zones, so one zone filled up.")
    assert item.get("action") == "Split node groups per zone"


def test_a_ticket_link_anywhere_in_the_item_is_its_link():
    (item,) = items_of("- Automate the deploys of the pool manager\n  ([#1195](https://example.com/issues/1195))")
    assert item.get("link") == "[#1195](https://example.com/issues/1195)"


# --- owners ----------------------------------------------------------------------------------

@pytest.mark.parametrize("owner", ["@jane", "@payments/bob", "jane.doe@example.com", "jennifer", "Jane Doe", "Ana de Souza"])
def test_handles_e_mail_addresses_and_plain_names_are_owners(owner):
    assert owners.is_owner(owner)


@pytest.mark.parametrize("owner", ["TBD", "team", "the team", "everyone", "?", "", "the SRE team", "Platform team", "soon", "n/a"])
def test_placeholders_and_groups_are_not_owners(owner):
    assert not owners.is_owner(owner)


def test_a_configured_owner_pattern_replaces_the_shapes_but_not_the_placeholders():
    handles_only = r"@[\w-]+"
    assert owners.is_owner("@jane", handles_only) and not owners.is_owner("Jane Doe", handles_only)
    assert not owners.is_owner("TBD", r"\w+")


def test_owner_pattern_is_checked_when_configured():
    assert from_mapping({"owner-pattern": r"@[\w-]+"}).owner_pattern == r"@[\w-]+"
    with pytest.raises(ConfigError, match="owner-pattern"):
        from_mapping({"owner-pattern": "(unclosed"})


# --- priority schemes ------------------------------------------------------------------------

@pytest.mark.parametrize("setting, written, level", [
    ("p0-p3", "P2", "P2"), ("p0-p4", "P4", "P3"), ("high-medium-low", "HIGH", "P1"), ("high-medium-low", "low", "P3"),
    ("critical-high-medium-low", "Critical", "P0"), ("critical-high-medium-low", "**Medium**", "P2"),
    ({"Must": "P0", "Should": "P2"}, "should", "P2"),
])
def test_a_scheme_maps_each_accepted_value_onto_the_reports_scale(setting, written, level):
    scheme = priorities.scheme_from_setting(setting)
    assert priorities.is_accepted(written, scheme) and priorities.report_priority(written, scheme) == level


def test_an_unknown_priority_keeps_its_own_name_and_a_bad_scheme_is_a_config_error():
    assert priorities.report_priority("urgent") == "URGENT" and not priorities.is_accepted("HIGH")
    for bad in ("fibonacci", {"HIGH": "P7"}, {}, 3):
        with pytest.raises(ConfigError, match="priority-scheme"):
            from_mapping({"priority-scheme": bad})


def test_the_reports_read_priorities_through_the_scheme():
    text = with_actions("| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
                        "| Add a 5% canary to `deploy/models.yaml` | @jane | 2026-05-01 | HIGH |")
    document = parse_text("x.md", text)
    assert [a.priority for a in from_document(document).actions] == ["HIGH"]
    assert [a.priority for a in from_document(document, priorities.PRESETS["high-medium-low"]).actions] == ["P1"]


# --- through the linter, with configuration --------------------------------------------------

_TICKET_ONLY = "- Add the cents SKUs to `evals/pricing/units.yaml` ([OPS-130](https://tracker.example.com/OPS-130)) — P1"


def _findings(write_postmortem, lint, tmp_path, body: str, settings: str = "", select: str = "PM402,PM403,PM404"):
    config = tmp_path / ".postmortem.toml"
    config.write_text(settings, encoding="utf-8")
    path = write_postmortem(with_actions(body))
    return lint(str(path), "--select", select, config=config)[1]


def test_a_ticket_link_stands_in_for_owner_and_due_only_with_the_switch(write_postmortem, lint, tmp_path):
    default = _findings(write_postmortem, lint, tmp_path, _TICKET_ONLY)
    assert sorted(f["code"] for f in default) == ["PM402", "PM403"]
    assert all("ticket-as-owner-and-due = true" in f["message"] and "(OPS-130)" in f["message"] for f in default)
    assert _findings(write_postmortem, lint, tmp_path, _TICKET_ONLY, "ticket-as-owner-and-due = true\n") == []


def test_without_a_ticket_the_switch_changes_nothing(write_postmortem, lint, tmp_path):
    body = "- Add the cents SKUs to `evals/pricing/units.yaml` — P1"
    found = _findings(write_postmortem, lint, tmp_path, body, "ticket-as-owner-and-due = true\n")
    assert sorted(f["code"] for f in found) == ["PM402", "PM403"] and not any("ticket" in f["message"] for f in found)


def test_a_configured_scheme_accepts_its_values_and_the_default_says_how(write_postmortem, lint, tmp_path):
    body = "- Add the cents SKUs to `evals/pricing/units.yaml` — @omar — due 2026-04-17 — HIGH"
    (finding,) = _findings(write_postmortem, lint, tmp_path, body)
    assert 'priority-scheme = "high-medium-low"' in finding["message"]
    assert _findings(write_postmortem, lint, tmp_path, body, 'priority-scheme = "high-medium-low"\n') == []
    (finding,) = _findings(write_postmortem, lint, tmp_path, body.replace("HIGH", "P1"), 'priority-scheme = "high-medium-low"\n')
    assert "not one of HIGH, MEDIUM, LOW" in finding["message"]


# --- vague actions and promises --------------------------------------------------------------

_PATTERN = phrases.compile_phrases(phrases.VAGUE_ACTIONS, ())


@pytest.mark.parametrize("text", [
    "Systematically cull old nodes?", "Reflect on how releases are announced", "Work with the data team to improve reliability",
    "Establish a process for node upgrades", "Develop rules for repository contributions", "Start writing integration tests",
    "Document how to recycle nodes", "Investigate whether the exporter is maintained", "Write an incident report",
    "Testing is high quality", "Look into `kubectl` access ([#87](https://example.com/87))",
    "Investigate root cause of \"no space left on device\" messages",
    "Look into the v2 API for webhooks", "Consider if failurePolicy should be Ignore",
    "Find a way to test upgrades before prod", "Discuss how to share on-call load", "Identify a path to upgrade the CNI",
])
def test_vague_shapes(text):
    assert phrases.vague_action(text, _PATTERN) is not None


@pytest.mark.parametrize("text", [
    "Alert when p99 > 2 s for 5 min on checkout-api",
    "Add a log-based metric for 'no space left on device' and page on >10/min",
    "Document how to recycle nodes in the node-pools section of the SRE guide",
    "Investigate whether the exporter leaks memory and fix it in `exporter/main.go`",
    "Fix bug preventing the prime cluster's version from being updated while it is full",
    "Separate the Python version from the distribution version",
    "Set `failurePolicy: Ignore` on the kyverno webhook in `infra/kyverno.yaml`",
    "Investigate whether the cache causes it and write up a decision by 2026-05-01",
])
def test_specific_items_stay_clean(text):
    assert phrases.vague_action(text, _PATTERN) is None


def test_promises_are_read_outside_action_items_and_timeline_only():
    text = clean_text()
    text = text.replace("## Root cause\n", "## Root cause\n\nThe disk filled up. We'll be putting better\nmonitoring in place. We will not look into it.\n", 1)
    found = promises.promised_follow_ups(parse_text("x.md", text))
    assert [(p.clause, p.written) for p in found] == [("putting better monitoring in place", "putting better monitoring in place")]
    line = text.splitlines().index("The disk filled up. We'll be putting better") + 1
    assert found[0].line == line


def test_a_done_item_needs_no_owner_due_or_priority_but_an_open_one_does(write_postmortem, lint):
    from conftest import clean_text

    row = "| Reject quotes below $0.50 in `price_quote` validation | @jane | 2026-04-14 | P0 | done | PR #2341 |\n"
    text = clean_text()
    assert row in text
    done = text.replace(row, row + "| Pin the pricing model version in `deploy/models.yaml` |  |  |  | done | PR #2338 |\n")
    _, findings = lint(str(write_postmortem(done)))
    assert [f["code"] for f in findings] == []
    still_open = done.replace("|  |  |  | done | PR #2338 |", "|  |  |  | open | PR #2338 |")
    _, findings = lint(str(write_postmortem(still_open)))
    assert sorted(f["code"] for f in findings) == ["PM402", "PM403", "PM404"]
