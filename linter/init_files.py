"""The files ``postmortem init`` writes into a team's repository, as text.

Each is what that file needs to work at once: the site configuration the plugin reads, a
pre-commit hook, a GitHub workflow (gate, annotations, SARIF, site build, optional Pages), the
configuration, the frontmatter schema for editors and, unless ``bare``, one example postmortem
that passes the gate. ``files`` returns them by path; the command decides what to write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from linter import __version__

CORPUS = "postmortems"
EXAMPLE_PATH = f"{CORPUS}/2026/2026-01-15-search-results-stale.md"
SCHEMA_PATH = "postmortem.schema.json"


@dataclass(frozen=True)
class InitOptions:
    bare: bool = False  # no example postmortem
    pages: bool = False  # a job that deploys the site to GitHub Pages from main
    package: str = f"postmortem-kit=={__version__}"  # what the workflow installs
    site_name: str = "Incident library"


def files(options: InitOptions, schema: dict) -> dict[str, str]:
    """``{relative path: content}``; the example postmortem only when not ``bare``."""
    out = {
        "mkdocs.yml": _mkdocs(options),
        "docs/.gitkeep": "",  # MkDocs needs its docs_dir; every page comes from the plugin
        ".postmortem.toml": _config(),
        ".pre-commit-config.yaml": _pre_commit(),
        ".github/workflows/postmortems.yml": _workflow(options),
        SCHEMA_PATH: json.dumps(schema, indent=2) + "\n",
        ".gitignore": _gitignore(),
        ".vscode/tasks.json": _json(_vscode_tasks()),
        ".vscode/settings.json": _json(_vscode_settings()),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
        f"{CORPUS}/.gitkeep": "",
    }
    if not options.bare:
        out[EXAMPLE_PATH] = _example()
    return out


def _json(data: dict) -> str:
    return json.dumps(data, indent=2) + "\n"


def _gitignore() -> str:
    return ("# What `mkdocs build` writes (the site, and the copy that opens from disk), with the lock and the\n"
            "# staging folder it uses beside them to publish in one step (site_config/publish.py).\n"
            "site/\nincident-library/\n.site.lock\n.incident-library.lock\n.*.publish-*/\n")


# `postmortem lint`'s text lines, `path:line:column: CODE name [severity] message`, for VS Code's
# Problems panel (the text format escapes ':' and line breaks in names, so a line is one finding).
# Notes (for reviewers, never a failure) have a matcher of their own: shown as information, as
# the language server shows them (VS Code has no "note" severity).
LINT_LINE = r"^(.+?):(\d+):(\d+): (PM\d+) [\w-]+ \[(error|warning)\] (.*)$"
NOTE_LINE = r"^(.+?):(\d+):(\d+): (PM\d+) [\w-]+ \[note\] (.*)$"


def _vscode_tasks() -> dict:
    """The tasks ``init`` writes, which docs/editor.md shows (tests/test_ci_docs.py compares them)."""
    where = {"owner": "postmortem", "source": "postmortem", "fileLocation": ["relative", "${workspaceFolder}"]}
    matcher = [{**where, "pattern": {"regexp": LINT_LINE, "file": 1, "line": 2, "column": 3, "code": 4, "severity": 5,
                                     "message": 6}},
               {**where, "severity": "info", "pattern": {"regexp": NOTE_LINE, "file": 1, "line": 2, "column": 3,
                                                         "code": 4, "message": 5}}]
    return {"version": "2.0.0", "tasks": [
        {"label": "postmortem: lint", "type": "shell", "command": "postmortem lint --format text",
         "group": {"kind": "test", "isDefault": True}, "presentation": {"reveal": "silent"},
         "problemMatcher": matcher},
        {"label": "postmortem: lint this file", "type": "shell", "command": "postmortem lint --format text \"${file}\"",
         "presentation": {"reveal": "silent"}, "problemMatcher": matcher},
        {"label": "postmortem: preview the site", "type": "shell", "command": "mkdocs serve", "isBackground": True,
         "problemMatcher": []},
    ]}


def _vscode_settings() -> dict:
    # The YAML extension validates mkdocs.yml against Material's schema; !ENV is MkDocs' tag.
    return {"yaml.schemas": {"https://squidfunk.github.io/mkdocs-material/schema.json": "mkdocs.yml"},
            "yaml.customTags": ["!ENV scalar", "!ENV sequence"],
            "files.trimTrailingWhitespace": True, "files.insertFinalNewline": True}


def _mkdocs(options: InitOptions) -> str:
    return f"""\
# The incident library: `mkdocs build --strict` publishes {CORPUS}/ into site/; `mkdocs serve`
# previews drafts. The postmortem plugin adds every page (incidents, browse, reports, rules, the
# format); docs/ is only for pages you write yourself.
site_name: {json.dumps(options.site_name)}
docs_dir: docs
site_dir: site

theme:
  name: material
  font: false            # no Google Fonts: the site loads nothing from another host
  features:
    - navigation.tabs
    - search.highlight

extra:
  generator: false

plugins:
  - search
  # OFFLINE=true mkdocs build: a site that works opened from disk (a CI artifact, a copied
  # folder): .html links, the search index inlined, nothing loaded from another host.
  - offline:
      enabled: !ENV [OFFLINE, false]
  - postmortem:
      postmortems: [{CORPUS}]
      lint: error          # a lint error fails the build; `mkdocs serve` shows it on the page
      lint_on_serve: warn

markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist
"""


def _config() -> str:
    return """\
# postmortem-kit's configuration: the keys of [tool.postmortem] (docs/configuration.md of
# postmortem-kit lists them). The defaults follow the postmortem format; change what your team
# decides, then regenerate the editors' schema: `postmortem schema > postmortem.schema.json`.
# severities = ["SEV1", "SEV2", "SEV3", "SEV4"]
# owner-pattern = '^@[\\w.-]+(/[\\w.-]+)?$'
# ticket-as-owner-and-due = false
# resource-hosts = ["grafana.example.com"]  # hosts images on the site may load from (default: the site only)
"""


def _pre_commit() -> str:
    return f"""\
# Checks the postmortems a commit changes (https://pre-commit.com): `pre-commit install` once per
# clone. It runs the `postmortem` command of the environment pre-commit runs in.
repos:
  - repo: local
    hooks:
      - id: postmortem-lint
        name: postmortem lint
        entry: postmortem lint
        language: system
        files: ^{CORPUS}/
        types: [markdown]
"""


def _workflow(options: InitOptions) -> str:
    install = f'python -m pip install "{options.package}"'
    pages = ""
    if options.pages:
        pages = """
  deploy:
    name: Publish to GitHub Pages
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    needs: site
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""
    upload_pages = """
      - if: github.event_name == 'push' && github.ref == 'refs/heads/main'
        uses: actions/upload-pages-artifact@v3
        with:
          path: site
""" if options.pages else ""
    return f"""\
# Lint the postmortems on every pull request (annotations on the lines it changed, every finding
# in code scanning) and build the incident library.
name: postmortems

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  lint:
    name: Lint postmortems
    runs-on: ubuntu-latest
    permissions:
      contents: read
      actions: read           # upload-sarif reads the run (private repositories)
      security-events: write  # upload-sarif writes code-scanning alerts
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0      # --changed-since compares with the base branch
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {install}
      - name: Lint what the pull request changed (annotations)
        if: github.event_name == 'pull_request'
        env:
          BASE: ${{{{ github.base_ref }}}}
        run: postmortem lint --format github --changed-since "origin/$BASE" --changed-lines {CORPUS}/
      - name: Lint everything (SARIF for code scanning)
        if: ${{{{ !cancelled() }}}}
        run: postmortem lint --format sarif --output-file postmortem.sarif {CORPUS}/ || test -s postmortem.sarif
      - name: Upload SARIF
        if: ${{{{ !cancelled() && hashFiles('postmortem.sarif') != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}}}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: postmortem.sarif
          category: postmortem-lint

  site:
    name: Build the incident library
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {install.replace('"postmortem-kit', '"postmortem-kit[site]', 1) if options.package.startswith("postmortem-kit") else install}
      - run: mkdocs build --strict
      - name: A copy that opens from disk, for reviewers (download, unzip, open index.html)
        if: github.event_name == 'pull_request'
        env:
          OFFLINE: "true"
        run: mkdocs build --strict --site-dir incident-library
      - if: github.event_name == 'pull_request'
        uses: actions/upload-artifact@v4
        with:
          name: incident-library
          path: incident-library
          retention-days: 14
{upload_pages}{pages}"""


def _example() -> str:
    return f"""\
---
# yaml-language-server: $schema=../../{SCHEMA_PATH}
id: PM-2026-001
title: "Search results were up to 40 minutes stale after an indexer deploy"
date: "2026-01-15"
severity: SEV3
status: published
services:
  - search-indexer
authors:
  - "@search/ravi"
incident_commander: "@search/ines"
started_at: "2026-01-15T09:12:00Z"
detected_at: "2026-01-15T09:40:00Z"
acknowledged_at: "2026-01-15T09:44:00Z"
mitigated_at: "2026-01-15T09:52:00Z"
resolved_at: "2026-01-15T10:30:00Z"
impact:
  users_affected: 1840
  duration_minutes: 40
  support_tickets: 6
detection: alert
root_cause_category: deploy
contributing_factors:
  - missing-alert
tags:
  - search
---

## Summary

From 09:12 to 09:52 UTC on 2026-01-15, search showed product data up to 40 minutes old to 1,840
shoppers, because the indexer deploy of 09:12 UTC stopped consuming product updates. Rolling the
indexer back at 09:52 UTC ended it.

## Impact

- 1,840 shoppers saw stale prices or stock in search results for up to 40 minutes.
- 6 support tickets about prices that changed at checkout.

## Timeline

- 2026-01-15 09:12 UTC — Indexer v3.4 deployed; its consumer group name changed by mistake — deploy bot
- 09:40 UTC — Alert `SearchIndexLagHigh` pages the search on-call at 25 minutes of lag — PagerDuty
- 09:44 UTC — @search/ines acknowledges and opens #inc-search-stale
- 09:52 UTC — Indexer rolled back to v3.3; lag starts falling — @search/ravi
- 10:30 UTC — Lag back under 1 minute; incident resolved — @search/ines

## Root cause

Indexer v3.4 renamed its Kafka consumer group in `config/indexer.yaml` (`search-indexer` became
`search-indexer-v3`). The new group had no committed offsets, and `auto.offset.reset: latest`
made it skip the backlog and then wait for a partition rebalance that took 28 minutes, so no
updates reached the index in that time.

## Contributing factors

- The lag alert fired at 25 minutes of lag; its threshold was set before the search SLO of 5
  minutes existed (missing-alert).

## What went well

- The rollback took 8 minutes from the page.

## What went wrong

- The config change was not called out in the deploy's pull request description.

## Action items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Lower `SearchIndexLagHigh` to 5 minutes of lag in `alerts/search.yaml` | @search/ravi | 2026-01-22 | P1 | open |
| Fail CI when `config/indexer.yaml` changes the consumer group name without `--allow-group-rename` | @search/ines | 2026-01-29 | P2 | open |
"""
