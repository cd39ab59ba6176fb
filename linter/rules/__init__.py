"""The rule registry: an explicit, ordered list. A retired code is never reused.

Selectors (in --select/--ignore, configuration and suppression comments) are a rule's code
(``PM405``), its name (``action-item-vague``), a code prefix (``PM4``) or ``ALL``. The most
specific matching selector wins, as in flake8: a name or full code beats a prefix, a longer
prefix beats a shorter one, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

from linter.rules import (
    action_item_due,
    action_item_owner,
    action_item_priority,
    action_item_vague,
    action_items_missing,
    ambiguous_markdown,
    attr_list_handler,
    blame_language,
    duplicate_id,
    file_budget_exceeded,
    file_name,
    file_skipped,
    five_whys_chain,
    file_unreadable,
    follow_up_vague,
    frontmatter_control_character,
    foreign_resource,
    frontmatter_duplicate_key,
    frontmatter_inconsistent,
    frontmatter_key_missing,
    frontmatter_key_unknown,
    frontmatter_missing,
    frontmatter_syntax,
    frontmatter_unsupported_yaml,
    frontmatter_value_invalid,
    generated_pages_limit,
    impact_without_numbers,
    invalid_suppression,
    lifecycle_order,
    link_target_missing,
    missing_regression_eval,
    nesting_too_deep,
    pathological_markdown,
    placeholder_text,
    postmortem_deadline,
    raw_html,
    related_id_unknown,
    root_cause_vague,
    section_empty,
    section_missing,
    section_order,
    severity_impact_mismatch,
    summary_too_long,
    timeline_contradicts_frontmatter,
    timeline_date_outlier,
    timeline_dual_time_mismatch,
    timeline_duration_contradicts,
    timeline_entry_no_timestamp,
    timeline_milestone_missing,
    timeline_missing,
    timeline_not_utc,
    timeline_out_of_order,
    timeline_time_unknown,
    timeline_vague_time,
    timestamp_not_utc,
    unclosed_code_fence,
    unsafe_url,
    unused_suppression,
    yaml11_ambiguous_value,
)
from linter.rules.base import Rule

RULES: tuple[Rule, ...] = tuple(sorted((
    file_unreadable.RULE,
    file_skipped.RULE,
    file_budget_exceeded.RULE,
    frontmatter_missing.RULE,
    frontmatter_syntax.RULE,
    frontmatter_duplicate_key.RULE,
    frontmatter_unsupported_yaml.RULE,
    frontmatter_key_missing.RULE,
    frontmatter_value_invalid.RULE,
    frontmatter_key_unknown.RULE,
    timestamp_not_utc.RULE,
    lifecycle_order.RULE,
    yaml11_ambiguous_value.RULE,
    frontmatter_inconsistent.RULE,
    file_name.RULE,
    frontmatter_control_character.RULE,
    section_missing.RULE,
    section_order.RULE,
    section_empty.RULE,
    placeholder_text.RULE,
    summary_too_long.RULE,
    timeline_missing.RULE,
    timeline_entry_no_timestamp.RULE,
    timeline_not_utc.RULE,
    timeline_vague_time.RULE,
    timeline_out_of_order.RULE,
    timeline_milestone_missing.RULE,
    timeline_contradicts_frontmatter.RULE,
    timeline_time_unknown.RULE,
    timeline_dual_time_mismatch.RULE,
    timeline_duration_contradicts.RULE,
    timeline_date_outlier.RULE,
    action_items_missing.RULE,
    action_item_owner.RULE,
    action_item_due.RULE,
    action_item_priority.RULE,
    action_item_vague.RULE,
    follow_up_vague.RULE,
    blame_language.RULE,
    impact_without_numbers.RULE,
    root_cause_vague.RULE,
    severity_impact_mismatch.RULE,
    missing_regression_eval.RULE,
    postmortem_deadline.RULE,
    five_whys_chain.RULE,
    duplicate_id.RULE,
    related_id_unknown.RULE,
    link_target_missing.RULE,
    raw_html.RULE,
    unsafe_url.RULE,
    foreign_resource.RULE,
    nesting_too_deep.RULE,
    pathological_markdown.RULE,
    attr_list_handler.RULE,
    unclosed_code_fence.RULE,
    ambiguous_markdown.RULE,
    generated_pages_limit.RULE,
    unused_suppression.RULE,
    invalid_suppression.RULE,
), key=lambda rule: rule.code))

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 when it does not match at all."""
    selector = selector.strip()
    if selector.lower() == rule.name or selector.upper() == rule.code:
        return 100
    if selector.upper() == "ALL":
        return 1
    if selector and rule.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def resolve_selector(selector: str) -> list[Rule]:
    return [rule for rule in RULES if specificity(selector, rule)]


def is_enabled(rule: Rule, select: list[str], ignore: list[str]) -> bool:
    best_select = max((specificity(s, rule) for s in select), default=0)
    best_ignore = max((specificity(s, rule) for s in ignore), default=0)
    return best_select > 0 and best_select > best_ignore


def enabled_rules(select: list[str], ignore: list[str]) -> list[Rule]:
    return [rule for rule in RULES if is_enabled(rule, select, ignore)]
