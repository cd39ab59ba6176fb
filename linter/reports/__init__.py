"""Cross-incident pattern reports: what the postmortems have in common, and whether we learn.

A pure aggregation package: it knows nothing of MkDocs. Each module computes one report from
``Incident`` records (``linter.incident``), built once from the linter's ``Document``s:

- ``recurring``: root-cause categories and contributing factors per quarter, systemic gaps;
- ``repeats``: incidents that repeat an earlier one (same service and category), and chains;
- ``detection``: how incidents were found, per quarter and per service;
- ``response``: time to detect/acknowledge/mitigate/resolve, time between incidents, lag;
- ``actions``: the action-item tracker and the open backlog over time;
- ``similar``: the few most similar earlier incidents for each incident;
- ``quarterly``: the last full quarter's review.

``analysis.analyze()`` runs them all into one ``PatternReport``; ``render_markdown`` and
``render_json`` turn that into the CLI's output, and the site (``site_config.report_pages``)
puts the same sections on its pages, so the command line and the site always show the same
findings.
"""

# ``postmortem actions --format``: here, not in ``follow_ups``, so that building the command line
# (every subcommand's options, for every command run) imports no report module.
FOLLOW_UP_FORMATS = ("text", "json", "jira-csv", "linear-csv", "markdown")
