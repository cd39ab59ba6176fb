"""Action items leaving the repository: a list to filter, a tracker import, a due-soon digest.

``postmortem actions`` reads every action item of the corpus (the same records as the reports)
and writes them where the team tracks work. The CSV flavours use the column names the
importers map without editing:

- ``jira-csv``: Jira's CSV importer (*System → External system import → CSV*) maps columns
  named as Jira fields: Summary, Description, Issue Type, Assignee, Due Date (``yyyy-MM-dd``),
  Priority (Highest/High/Medium/Low), Status (To Do/Done), Labels (one column per label).
- ``linear-csv``: Linear's CSV import reads Title, Description, Status (Todo/Done), Priority
  (Urgent/High/Medium/Low/No priority), Assignee, Labels (comma-separated), Created.

Cells are text from pull requests: a cell that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``, as Linear's
own exports do (its importer strips it again).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from linter.reports import FOLLOW_UP_FORMATS
from linter.reports.actions import is_overdue
from linter.reports.formatting import link_target, plain, prose, table, text
from linter.incident import Action, Incident

FORMATS = FOLLOW_UP_FORMATS
_JIRA_PRIORITY = {"P0": "Highest", "P1": "High", "P2": "Medium", "P3": "Low"}
_LINEAR_PRIORITY = {"P0": "Urgent", "P1": "High", "P2": "Medium", "P3": "Low"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WITHIN = re.compile(r"^\s*(\d{1,4})\s*([dw]?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FollowUp:
    item: Action
    title: str  # the incident's title
    severity: str  # "" when absent
    path: str  # the postmortem, as the linter shows it

    def days_overdue(self, today: date) -> int | None:
        return (today - self.item.due).days if is_overdue(self.item, today) else None


@dataclass(frozen=True)
class Selection:
    open_only: bool = False
    overdue_only: bool = False
    due_within_days: int | None = None  # open items due on or before today + N (overdue included)
    owners: frozenset[str] = frozenset()  # as written, compared without case and a leading '@'


def parse_within(value: str) -> int:
    """``14d``, ``2w`` or ``14`` as a number of days; ValueError saying what is accepted."""
    match = _WITHIN.match(value)
    if not match:
        raise ValueError(f"--due-within '{plain(value, 40)}' is not a number of days like 14d or weeks like 2w")
    return int(match[1]) * (7 if match[2].lower() == "w" else 1)


def _owner_key(owner: str) -> str:
    return owner.strip().lstrip("@").casefold()


def follow_ups(incidents: list[Incident], today: date, selection: Selection) -> list[FollowUp]:
    """The selected items, oldest incident first, in each incident in the file's order."""
    owners = {_owner_key(owner) for owner in selection.owners}
    horizon = today + timedelta(days=selection.due_within_days) if selection.due_within_days is not None else None
    chosen = []
    for incident in sorted(incidents, key=lambda incident: incident.order_key):
        for item in incident.actions:
            if (selection.open_only or selection.overdue_only or horizon is not None) and item.done:
                continue
            if selection.overdue_only and not is_overdue(item, today):
                continue
            if horizon is not None and (item.due is None or item.due > horizon):
                continue
            if owners and _owner_key(item.owner) not in owners:
                continue
            chosen.append(FollowUp(item, incident.title, incident.severity, incident.path))
    return chosen


def _state(follow_up: FollowUp, today: date) -> str:
    if follow_up.item.done:
        return "done"
    days = follow_up.days_overdue(today)
    return f"overdue {days} d" if days is not None else "open"


def render_text(chosen: list[FollowUp], today: date) -> str:
    if not chosen:
        return "No action items match.\n"
    lines = []
    for follow_up in chosen:
        item = follow_up.item
        due = item.due.isoformat() if item.due else "no due date"
        lines.append(f"{follow_up.path}:{item.line}: {item.incident_id} [{_state(follow_up, today)}] "
                     f"{plain(item.action, 160)} — {plain(item.owner, 40) or 'no owner'}, {due}, "
                     f"{plain(item.priority, 10) or 'no priority'}" + (f", {plain(item.link, 80)}" if item.link else ""))
    return "\n".join(lines) + f"\n{len(chosen)} action items (judged at {today.isoformat()}).\n"


def _url(follow_up: FollowUp, template: str | None) -> str | None:
    return link_target(follow_up.item.link, template) if follow_up.item.link else None


def render_json(chosen: list[FollowUp], today: date, template: str | None = None) -> str:
    rows = [{"incident": f.item.incident_id, "incident_title": f.title, "severity": f.severity or None, "path": f.path,
             "line": f.item.line, "action": f.item.action, "owner": f.item.owner or None,
             "due": f.item.due.isoformat() if f.item.due else None, "priority": f.item.priority or None,
             "status": f.item.status or None, "done": f.item.done, "overdue_days": f.days_overdue(today),
             "link": f.item.link or None, "url": _url(f, template)} for f in chosen]
    return json.dumps({"today": today.isoformat(), "count": len(rows), "action_items": rows}, indent=2,
                      ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    value = plain(value, 4000)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _description(follow_up: FollowUp, template: str | None) -> str:
    item = follow_up.item
    parts = [f"Action item of postmortem {item.incident_id}: {follow_up.title}",
             f"Source: {follow_up.path}, line {item.line}"]
    if item.link:
        url = _url(follow_up, template)
        parts.append(f"Link: {item.link}" + (f" ({url})" if url and url != item.link else ""))
    return ". ".join(plain(part, 500) for part in parts) + "."


def _assignee(owner: str) -> str:
    return owner.strip().lstrip("@")


def render_csv(chosen: list[FollowUp], flavour: str, template: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what both importers read
    if flavour == "jira-csv":
        writer.writerow(["Summary", "Description", "Issue Type", "Assignee", "Due Date", "Priority", "Status",
                         "Labels", "Labels"])
        for f in chosen:
            item = f.item
            writer.writerow([_cell(item.action), _cell(_description(f, template)), "Task", _cell(_assignee(item.owner)),
                             item.due.isoformat() if item.due else "", _JIRA_PRIORITY.get(item.priority, ""),
                             "Done" if item.done else "To Do", "postmortem", _cell(item.incident_id)])
    else:
        writer.writerow(["Title", "Description", "Status", "Priority", "Assignee", "Labels", "Created", "Due Date"])
        for f in chosen:
            item = f.item
            writer.writerow([_cell(item.action), _cell(_description(f, template)), "Done" if item.done else "Todo",
                             _LINEAR_PRIORITY.get(item.priority, "No priority"), _cell(_assignee(item.owner)),
                             _cell(f"postmortem, {item.incident_id}"), item.incident_date.isoformat(),
                             item.due.isoformat() if item.due else ""])
    return out.getvalue()


def render_digest(chosen: list[FollowUp], today: date, within_days: int | None) -> str:
    """Markdown for a scheduled job to post: overdue first (oldest first), then what falls due soon."""
    open_items = [f for f in chosen if not f.item.done]
    overdue = sorted((f for f in open_items if f.days_overdue(today) is not None), key=lambda f: f.item.due)
    soon = sorted((f for f in open_items if f.days_overdue(today) is None and f.item.due is not None),
                  key=lambda f: f.item.due)
    horizon = f" (due within {within_days} days)" if within_days is not None else ""
    lines = [f"# Postmortem action items, {today.isoformat()}{horizon}", ""]
    if not overdue and not soon:
        return "\n".join(lines + ["Nothing overdue and nothing due.", ""])

    def rows(group: list[FollowUp], when) -> list[list[str]]:
        return [[text(f.item.incident_id), prose(f.item.action, 160), text(f.item.owner or "no owner", 60),
                 f.item.due.isoformat(), when(f)] for f in group]

    if overdue:
        lines += [f"## Overdue: {len(overdue)}", "",
                  table(["Incident", "Action", "Owner", "Due", "Late"], rows(overdue, lambda f: f"{f.days_overdue(today)} d"))]
    if soon:
        lines += [f"## Due soon: {len(soon)}", "",
                  table(["Incident", "Action", "Owner", "Due", "In"], rows(soon, lambda f: f"{(f.item.due - today).days} d"))]
    return "\n".join(lines)
