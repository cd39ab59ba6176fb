"""Systemic gaps and whether they were fixed: the items that address a gap, and its state."""

from __future__ import annotations

from datetime import date

from linter.reports.gap_fixes import addresses, gap_fixes
from linter.incident import Action, Incident
from linter.reports.recurring import systemic_gaps


def _action(ident: str, day: date, text: str, done: bool = False, due: date | None = None) -> Action:
    return Action(ident, day, text, "@owner", due or day, "P1", "done" if done else "open", done, "", 10)


def _incident(ident: str, day: date, factors: tuple[str, ...], *actions: Action) -> Incident:
    return Incident(ident, ident, day, "SEV2", "published", ("checkout",), "deploy", factors, "alert", {}, {}, actions)


def _fixes(*incidents: Incident):
    gaps = tuple(systemic_gaps(list(incidents), 3, 180))
    return {fix.gap.name: fix for fix in gap_fixes(gaps, {incident.id: incident for incident in incidents})}


def test_an_item_addresses_a_gap_by_naming_it_or_by_its_remedy():
    day = date(2026, 1, 1)
    assert addresses(_action("A", day, "Route model deploys through a 5% canary for 30 minutes"), "no-canary")
    assert addresses(_action("A", day, "Close the gap (no-canary) in the release train"), "no-canary")
    assert addresses(_action("A", day, "Alert `QueueDepthHigh` when depth exceeds 10,000"), "missing-alert")
    assert not addresses(_action("A", day, "Rewrite the runbook section on failover"), "no-canary")
    assert not addresses(_action("A", day, "Add a canary-free path"), "missing-alert")


def test_states_unaddressed_open_recurring_and_fixed_in_that_order():
    jan, feb, mar, apr = (date(2026, month, 5) for month in (1, 2, 3, 4))
    incidents = [
        # no-canary: three incidents, no item about canaries -> unaddressed
        _incident("PM-1", jan, ("no-canary",), _action("PM-1", jan, "Fix the parser")),
        _incident("PM-2", feb, ("no-canary", "missing-alert"), _action("PM-2", feb, "Alert on error rate above 2%", done=True, due=feb)),
        _incident("PM-3", mar, ("no-canary", "missing-alert", "stale-runbook"),
                  _action("PM-3", mar, "Rewrite the rollback runbook")),
        # missing-alert: fixed in February, and incidents went on -> recurring
        _incident("PM-4", apr, ("missing-alert", "stale-runbook"), _action("PM-4", apr, "Document the failover in the runbook",
                                                                          done=True, due=date(2026, 4, 30))),
        _incident("PM-5", date(2026, 4, 20), ("stale-runbook",)),
    ]
    fixes = _fixes(*incidents)
    assert fixes["no-canary"].state == "unaddressed" and fixes["no-canary"].items == ()
    assert fixes["missing-alert"].state == "recurring" and fixes["missing-alert"].incidents_after_fix == 2
    assert fixes["missing-alert"].first_fix_on == feb
    # stale-runbook: PM-3's item open, PM-4's done on 04-30, after the last incident (04-20) -> fixed
    assert fixes["stale-runbook"].state == "fixed" and len(fixes["stale-runbook"].items) == 2
    order = [fix.gap.name for fix in gap_fixes(tuple(systemic_gaps(incidents, 3, 180)), {i.id: i for i in incidents})]
    assert order.index("no-canary") < order.index("missing-alert") < order.index("stale-runbook")


def test_open_when_items_address_it_but_none_is_done():
    days = [date(2026, 5, day) for day in (1, 8, 15)]
    incidents = [_incident(f"PM-{n}", day, ("slow-rollback",), _action(f"PM-{n}", day, "Make rollback one command"))
                 for n, day in enumerate(days)]
    fix = _fixes(*incidents)["slow-rollback"]
    assert fix.state == "open" and len(fix.items) == 3 and fix.first_fix_on is None


def test_many_items_take_the_pre_checks_and_find_what_each_item_is_asked_alone(monkeypatch):
    """Past _PRECHECK_FROM items a gap runs the literal pre-checks over all their texts joined:
    the same items as the regexes on each text (case, the Kelvin sign that IGNORECASE folds to
    'k', a slug at a line's end, text with line breaks)."""
    from linter.reports import gap_fixes as module

    texts = ["Add a canary stage to the deploy", "Add a CANARY", "Fix (no-canary) for good", "tune the \u212aill switch",
             "Write the runbook\nand the playbook", "no-canary", "nothing to see", "Page on-call when lag > 5 min",
             "validate the schema", "roll back faster", "kill-switch for the flag", "retries with a fallback"]
    items = [_action(f"PM-{number}", date(2026, 1, 1), text) for number, text in enumerate(texts * 30)]
    monkeypatch.setattr(module, "_PRECHECK_FROM", 1)
    for slug in list(module.REMEDIES) + ["unknown-slug"]:
        assert module.addressing(items, slug) == [item for item in items if addresses(item, slug)], slug
