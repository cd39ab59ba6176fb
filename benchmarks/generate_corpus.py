#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic postmortems for the benchmarks.

    python benchmarks/generate_corpus.py OUT_DIR --count 10000 [--seed 7] [--defect-rate 0.15]

Each file is about 8 KB: frontmatter across services, root-cause categories, contributing
factors, severities and years 2019-2026; every section of the format (with the accepted
heading aliases mixed in); a timeline as a list or a table; action items as a table or a
checklist. A configurable share of files carries one or two defects the linter must find; the
expected rule codes are written to ``OUT_DIR/corpus-manifest.json`` so a benchmark can check
that the linter did its work rather than skip it.

File ``i`` depends only on ``(seed, i)``: the 1,000-file corpus is the first 1,000 files of
the 10,000-file one. Standard library only. It writes only into a directory that is empty or
that it generated before (it refuses the repository's ``postmortems/``), and never overwrites
a file it did not write.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

MANIFEST = "corpus-manifest.json"

# The date the benchmarks judge time-bound rules at (``--today``): the corpus ends just before it.
JUDGED_AT = datetime(2026, 11, 1, tzinfo=timezone.utc)
JUDGED_AT_TEXT = f"{JUDGED_AT:%Y-%m-%d}"

SERVICES = (
    "checkout", "payments-api", "pricing-agent", "search", "auth", "identity", "notifications",
    "sms-gateway", "ingest", "warehouse-sync", "orders", "inventory", "recommendations",
    "support-agent", "billing", "ledger", "cdn-edge", "api-gateway", "dns", "kafka",
    "postgres-primary", "redis-cache", "feature-flags", "ml-serving", "retrieval-index",
    "tax-service", "shipping-quotes", "mobile-api", "webhooks", "reporting",
)
TEAMS = ("payments", "platform", "sre", "agents", "ml", "search", "identity", "data", "mobile", "infra")
PEOPLE = (
    "priya", "kenji", "sofia", "ravi", "noor", "alice", "bob", "jane", "omar", "li", "marta",
    "tomas", "aisha", "chen", "diego", "fatima", "hana", "ivan", "jonas", "keiko", "lena", "mateo",
)
CATEGORIES = (
    "code", "config", "deploy", "dependency", "capacity", "data", "infrastructure", "security",
    "model", "prompt", "tool-schema", "retrieval", "downstream-api", "process",
)
FACTORS = (
    "no-canary", "missing-alert", "noisy-alert", "missing-eval-case", "missing-validation",
    "stale-runbook", "unclear-ownership", "access-gap", "slow-rollback", "no-kill-switch",
    "config-drift", "untested-failover", "single-point-of-failure", "late-escalation",
    "late-communication",
)
DETECTIONS = ("alert", "alert", "alert", "customer-report", "internal-report", "automated-eval", "drill", "other")
TAGS = ("llm", "latency", "errors", "data-quality", "rollout", "cost", "repeat", "eu", "us", "mobile", "batch", "tls", "cache")
YEARS = tuple(range(2019, 2027))

SYMPTOMS = (
    "checkout requests failed with HTTP 502", "search returned zero results for model-number queries",
    "customers were charged twice for one order", "login attempts timed out", "SMS one-time codes were not delivered",
    "order confirmations arrived hours late", "prices were shown without tax", "the support agent promised refunds it could not issue",
    "shipping quotes came back empty", "webhooks to merchants were dropped", "the mobile app showed a blank cart",
    "stock levels drifted from the warehouse count", "invoices carried the wrong currency", "recommendations showed out-of-stock items",
)
METRICS = (
    "checkout_completion_rate", "http_5xx_ratio", "p99_latency_ms", "queue_depth", "login_success_rate",
    "sms_delivery_rate", "refund_requests_per_min", "zero_result_rate", "consumer_lag_seconds", "error_budget_burn",
)
ALERTS = ("CheckoutCompletionLow", "Api5xxHigh", "LatencyP99High", "QueueDepthHigh", "LoginSuccessLow",
          "SmsDeliveryLow", "RefundRateHigh", "ZeroResultRateHigh", "ConsumerLagHigh", "BudgetBurnFast")
CONFIG_KEYS = ("max_connections", "request_timeout_ms", "retry_budget", "pool_size", "cache_ttl_seconds",
               "batch_size", "rate_limit_per_min", "replica_count", "max_tokens", "temperature")
FILES = ("config/service.yaml", "deploy/values.yaml", "src/handlers/checkout.py", "src/pricing/discount.go",
         "prompts/support_agent.md", "schemas/lookup_order.json", "terraform/dns.tf", "jobs/reconcile.sql",
         "src/search/tokenizer.ts", "evals/pricing/price_match.yaml")

MECHANISMS = {
    "code": "a refactor of `{fn}` in `{file}` changed the default of `{key}` from {good} to {bad}, so every request on the hot path took the slow branch",
    "config": "a change to `{key}` in `{file}` set it to {bad} instead of {good}; the value was applied to all regions at once by the config push",
    "deploy": "release `{release}` was rolled out to 100% of hosts in one step, and its database migration locked the `orders` table for {minutes} minutes",
    "dependency": "the upstream library `{lib}` changed the meaning of `{key}` in version {version}, and our lockfile allowed the minor upgrade",
    "capacity": "traffic reached {factor}x the weekly peak while `{key}` was still {bad}, so the connection pool was exhausted within {minutes} minutes",
    "data": "a backfill job wrote {rows} rows with a null `{key}`, and `{fn}` treated null as zero when computing totals",
    "infrastructure": "the primary node in `{zone}` lost its disk, and failover waited {minutes} minutes for a health check with a {bad}-second timeout",
    "security": "the TLS certificate for `{host}` expired because the renewal job had been failing since a permission change on `{file}`",
    "model": "the model alias `{alias}` moved to a new snapshot that ignored the `{key}` field in {pct}% of decisions, against {low}% for the pinned snapshot",
    "prompt": "an edit to `{file}` removed the sentence that limited `{fn}` to {good} calls per conversation, and the agent looped on tool errors",
    "tool-schema": "the `{fn}` tool schema returned `{key}` in cents while the agent's instructions described it in dollars",
    "retrieval": "the retrieval index for `{host}` was rebuilt from a snapshot {days} days old, so {pct}% of answers cited a retired policy",
    "downstream-api": "the carrier API behind `{fn}` began returning HTTP 429 after {good} requests per minute, and our client retried without backoff",
    "process": "the runbook step for rotating `{key}` skipped the canary region, and the change was applied during the weekly freeze",
}
FUNCTIONS = ("apply_discount", "lookup_order", "quote_shipping", "issue_refund", "send_otp", "rank_results",
             "reserve_stock", "compute_tax", "verify_token", "publish_event")
LIBS = ("httpx", "protobuf", "grpcio", "boto3", "pydantic", "sqlalchemy", "libpq", "openssl")
ZONES = ("us-east-1a", "us-east-1b", "eu-west-1a", "eu-central-1b", "ap-southeast-2a")
HOSTS = ("api.example.com", "auth.example.com", "help.example.com", "pay.example.com", "cdn.example.com")

FILLER_EVENTS = (
    "Dashboards show `{metric}` at {value} (baseline {baseline}) — Grafana",
    "Status page updated: degraded performance for {service} — @{person}",
    "Second responder from @{team} joins the bridge in #inc-{slug} — @{person}",
    "Error rate on `{fn}` reaches {pct}% of requests — {service}",
    "Support reports {tickets} tickets mentioning {service} — support desk",
    "Traffic shifted away from `{zone}` to the remaining zones — @{person}",
    "Logs show `{key}` set to {bad} on {hosts} hosts — @{person}",
    "Customer communication drafted and sent to {tickets} merchants — @{person}",
    "Canary of the fix on 5% of traffic shows `{metric}` back at {baseline} — @{person}",
    "Query plan for `{fn}` shows a sequential scan over {rows} rows — @{person}",
)

WENT_WELL = (
    "The `{alert}` alert paged within {minutes} minutes of the first failed request.",
    "The kill switch `{service}.{key}.enabled` stopped the impact without a deploy.",
    "The runbook for {service} had the exact rollback command, and it worked on the first try.",
    "Customer support had a macro ready within {minutes} minutes, so replies stayed consistent.",
    "The replay harness reproduced the failure from {rows} logged requests in under an hour.",
    "Traffic shifting between zones took {minutes} minutes, as the last failover drill predicted.",
)
WENT_WRONG = (
    "The alert on `{metric}` evaluates hourly windows, so it fired {minutes} minutes after the impact began.",
    "The rollback needed approval from a second on-call, who was paged {minutes} minutes late.",
    "The dashboard for {service} had no panel for `{metric}`, so responders read raw logs.",
    "Nobody owned the `{key}` setting after the team reorganisation, so the change had no reviewer.",
    "The status page stayed green for {minutes} minutes while customers reported failures.",
    "The change shipped to every region at once; there was no stage where {pct}% of traffic saw it first.",
)
LUCKY = (
    "The incident started on a {weekday}, when traffic is {pct}% below the weekly peak.",
    "A large merchant's batch job that usually runs at this hour was paused for maintenance.",
    "The engineer who wrote `{fn}` was already online for another review and recognised the symptom.",
)
LESSONS = (
    "A setting that can take every region down needs the same staged rollout as code.",
    "An alert that needs two hourly windows cannot catch an incident that lasts one hour.",
    "When a dependency changes meaning, the lockfile is the last line of defence; pin what matters.",
    "Replay harnesses pay for themselves: they turned a guess into a measured comparison.",
    "The first question after a repeat incident is which action items from the last one are still open.",
)
ACTIONS = (
    "Add alert `{alert}` on `{metric}` above {value} for 5 minutes, routed to #{team}-oncall",
    "Cap `{key}` at {good} in `{file}` and reject larger values in CI with `tools/check_limits.py`",
    "Stage config pushes for `{key}`: 5% of hosts for 15 minutes, then 50%, then 100%, in `deploy/pipeline.yaml`",
    "Pin `{lib}` to {version} in `requirements.lock` and add a contract test for `{fn}`",
    "Add runbook section \"Rolling back {service}\" with the exact `kubectl rollout undo` command and expected output",
    "Add a health check with a {minutes}-second timeout to the failover for `{zone}`",
    "Add a dashboard panel for `{metric}` to the {service} overview, with the {baseline} baseline marked",
    "Make the certificate renewal job for `{host}` page #{team}-oncall after 2 consecutive failures",
    "Reject `{fn}` calls where `{key}` is null with HTTP 422 `{code}`",
    "Add kill switch `{service}.{key}.enabled` to flagd and document it in the {service} runbook",
)
EVAL_ACTIONS = (
    "Add regression eval case set `{fn}_{key}` ({rows} cases reproducing this failure) to `evals/{service}.yaml`, blocking in `make eval`",
    "Add {rows} golden test cases for `{fn}` with differing `{key}` values to the eval suite, run on every model or prompt change",
)
VAGUE_ACTIONS = ("Add more monitoring", "Improve observability of the service", "Be more careful with deploys",
                 "Investigate further", "Look into the alerting gaps", "Better testing before releases")
BLAME_SENTENCES = ("The outage came down to human error during the rollout.",
                   "The on-call forgot to check the dashboard before approving the change.",
                   "The engineer should have caught the typo in review.")

DEFECTS = {
    # defect name -> the rule code the linter must report for it
    "vague-action": "PM405", "owner-missing": "PM402", "due-invalid": "PM403", "priority-invalid": "PM404",
    "vague-time": "PM304", "local-zone": "PM303", "out-of-order": "PM305", "missing-section": "PM201",
    "empty-section": "PM203", "placeholder": "PM204", "blame": "PM501", "unknown-key": "PM103",
    "bad-severity": "PM102", "lifecycle-order": "PM105", "yaml11-value": "PM106", "duplicate-key": "PM004",
    "summary-too-long": "PM205", "impact-vague": "PM502", "related-unknown": "PM702", "duplicate-id": "PM701",
    "missing-eval": "PM602", "timestamp-offset": "PM104", "unused-suppression": "PM901",
}
DUPLICATE_ID_SHARE = 0.04  # of the defective files, this share reuse an earlier file's id
# Defects that only apply to model or prompt root causes.
_STOCHASTIC_ONLY = {"missing-eval"}


class CorpusError(Exception):
    """The target directory is not safe to write into."""


# --- the plan of one file (cheap, so other files can refer to it) ---------------------------

def _rng(seed: int, index: int, purpose: str) -> random.Random:
    return random.Random(f"{seed}:{index}:{purpose}")


def plan(seed: int, index: int, defect_rate: float) -> dict:
    """Date, id and whether the file reuses an earlier id: what other files may refer to."""
    rng = _rng(seed, index, "plan")
    year = rng.choice(YEARS)
    day = datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(365 if year < 2026 else 300))
    # Decided here, not with the other defects, so that no file lists a reused id as related.
    reuses_id = index > 0 and rng.random() < defect_rate * DUPLICATE_ID_SHARE
    return {"year": year, "day": day, "id": f"PM-{year}-{index + 1:05d}", "reuses_id": reuses_id}


# --- text helpers ---------------------------------------------------------------------------

class _Fill(dict):
    """str.format_map values drawn at random the first time a name is used."""

    def __init__(self, rng: random.Random, fixed: dict):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str):
        rng = self.rng
        value = {
            "fn": lambda: rng.choice(FUNCTIONS), "file": lambda: rng.choice(FILES), "key": lambda: rng.choice(CONFIG_KEYS),
            "good": lambda: rng.choice((20, 50, 100, 250, 500)), "bad": lambda: rng.choice((0, 1, 5000, 30000)),
            "release": lambda: f"v{rng.randint(3, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}",
            "minutes": lambda: rng.randint(3, 45), "lib": lambda: rng.choice(LIBS),
            "version": lambda: f"{rng.randint(1, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
            "factor": lambda: rng.randint(2, 6), "rows": lambda: f"{rng.randint(2, 900) * 100:,}",
            "zone": lambda: rng.choice(ZONES), "host": lambda: rng.choice(HOSTS),
            "alias": lambda: f"lm-{rng.choice(('pro', 'fast', 'mini'))}-latest",
            "pct": lambda: rng.randint(6, 60), "low": lambda: rng.choice(("0.4", "0.8", "1.2")),
            "days": lambda: rng.randint(9, 120), "metric": lambda: rng.choice(METRICS),
            "value": lambda: f"{rng.randint(5, 95)}%", "baseline": lambda: f"{rng.randint(90, 99)}%",
            "alert": lambda: rng.choice(ALERTS), "tickets": lambda: rng.randint(3, 400),
            "hosts": lambda: rng.randint(4, 120), "person": lambda: f"{rng.choice(TEAMS)}/{rng.choice(PEOPLE)}",
            "team": lambda: rng.choice(TEAMS), "code": lambda: rng.choice(("INVALID_AMOUNT", "MISSING_UNIT", "STALE_QUOTE")),
            "weekday": lambda: rng.choice(("Sunday", "Saturday", "public holiday")),
        }[key]()
        self[key] = value
        return value


def _fill(rng: random.Random, template: str, fixed: dict) -> str:
    return template.format_map(_Fill(rng, fixed))


def _handle(rng: random.Random) -> str:
    return f"@{rng.choice(TEAMS)}/{rng.choice(PEOPLE)}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- one file -------------------------------------------------------------------------------

def _choose_defects(rng: random.Random, defect_rate: float, meta: dict) -> list[str]:
    if rng.random() >= defect_rate:
        return []
    names = [name for name in DEFECTS if name != "duplicate-id"
             and (name not in _STOCHASTIC_ONLY or meta["category"] in ("model", "prompt"))]
    chosen = rng.sample(names, rng.choice((1, 1, 2)))
    if "empty-section" in chosen and "blame" in chosen:  # both edit "What went wrong"
        chosen.remove("blame")
    return chosen


def _impact_for(rng: random.Random, severity: str, minutes: int) -> dict:
    # Numbers within a level of the format's severity rubric (linter/severity_rubric.py), which
    # PM601 holds the severity to: a clean postmortem is consistent with its severity.
    minor = severity in ("SEV3", "SEV4")
    if minor:
        users = rng.randint(20, 4_000)
    elif severity == "SEV2":
        users = rng.randint(500, 9_000)
    else:
        users = rng.randint(10_000, 900_000)
    impact = {"users_affected": users, "duration_minutes": minutes}
    if rng.random() < 0.6:
        impact["revenue_usd"] = rng.randint(1, 190 if minor else 1_900) * 50
    if rng.random() < 0.5:
        impact["support_tickets"] = rng.randint(0, 400 if minor else 600)
    if rng.random() < 0.3:
        impact["slo_budget_minutes"] = rng.randint(5, 25 if minor else 300)
    impact["data_loss"] = False
    return impact


def build(seed: int, index: int, defect_rate: float) -> tuple[str, str, list[str], int | None]:
    """``(relative path, text, expected rule codes, index of the file whose id it reuses)``."""
    rng = _rng(seed, index, "body")
    base = plan(seed, index, defect_rate)
    day: datetime = base["day"]
    severity = rng.choices(("SEV1", "SEV2", "SEV3", "SEV4"), weights=(1, 3, 5, 2))[0]
    category = rng.choice(CATEGORIES)
    services = rng.sample(SERVICES, rng.randint(1, 3))
    status = rng.choices(("published", "in-review", "draft"), weights=(8, 1, 1))[0]
    if day < JUDGED_AT - timedelta(days=2):
        status = "published"  # a review still open past its deadline is a finding (PM603), not a clean file
    meta = {"index": index, "category": category}
    defects = _choose_defects(rng, defect_rate, meta)
    if base["reuses_id"]:
        defects.append("duplicate-id")

    # Lifecycle: impact windows short enough for SEV3/SEV4 to stay consistent with severity.
    started = day + timedelta(hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
    detect = rng.randint(1, 90)
    ack = detect + rng.randint(1, 20)
    long_ok = severity in ("SEV1", "SEV2")
    mitigate = ack + rng.randint(5, 400 if long_ok else 120)
    mitigate = min(mitigate, 239) if not long_ok else mitigate
    resolve = mitigate + rng.randint(10, 900)
    times = {
        "started_at": started, "detected_at": started + timedelta(minutes=detect),
        "acknowledged_at": started + timedelta(minutes=ack), "mitigated_at": started + timedelta(minutes=mitigate),
        "resolved_at": started + timedelta(minutes=resolve),
    }
    impact = _impact_for(rng, severity, mitigate)
    factors = rng.sample(FACTORS, rng.randint(1, 4))
    primary = services[0]
    slug_words = primary.split("-") + rng.sample(("errors", "outage", "latency", "timeouts", "drift", "duplicates", "failover", "rollout", "quota", "cache"), 2)
    slug = "-".join(slug_words) + f"-{index + 1:05d}"
    symptom = rng.choice(SYMPTOMS)
    fill = {"service": primary, "slug": slug}
    mechanism = _fill(rng, MECHANISMS[category], fill)
    related = []
    if index and rng.random() < 0.3:
        candidates = [plan(seed, j, defect_rate) for j in rng.sample(range(index), min(index, rng.randint(1, 3)))]
        related = sorted({other["id"] for other in candidates if not other["reuses_id"]})

    fm: list[str] = ["---"]
    identifier = base["id"]
    duplicated = None
    if "duplicate-id" in defects:
        # an earlier file of the same year, if any; else the file just before (its year too)
        earlier = [j for j in range(max(0, index - 50), index)
                   if not (other := plan(seed, j, defect_rate))["reuses_id"] and other["year"] == base["year"]]
        if earlier:
            duplicated = earlier[-1]
            identifier = plan(seed, duplicated, defect_rate)["id"]
        else:
            defects.remove("duplicate-id")
    fm.append(f"id: {identifier}")
    title = f"{symptom[0].upper()}{symptom[1:]} ({primary})"
    fm.append(f'title: "{title}"')
    if "duplicate-key" in defects:
        fm.append(f'title: "{title} again"')
    fm.append(f'date: "{day:%Y-%m-%d}"')
    fm.append(f"severity: {'SEV5' if 'bad-severity' in defects else severity}")
    fm.append(f"status: {status}")
    fm.append("services:")
    fm.extend(f"  - {service}" for service in services)
    fm.append("authors:")
    fm.extend(f'  - "{author}"' for author in sorted({_handle(rng) for _ in range(rng.randint(1, 3))}))
    fm.append(f'incident_commander: "{_handle(rng)}"')
    for key, moment in times.items():
        if key == "acknowledged_at" and rng.random() < 0.2:
            continue
        value = _stamp(moment)
        if key == "started_at" and "timestamp-offset" in defects:
            value = (moment + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
        if key == "detected_at" and "lifecycle-order" in defects:
            value = _stamp(started - timedelta(minutes=30))
        fm.append(f'{key}: "{value}"')
    fm.append("impact:")
    for key, value in impact.items():
        if key == "data_loss":
            value = "no" if "yaml11-value" in defects else "false"
        fm.append(f"  {key}: {value}")
    fm.append(f"detection: {rng.choice(DETECTIONS)}")
    fm.append(f"root_cause_category: {category}")
    fm.append("contributing_factors:")
    fm.extend(f"  - {factor}" for factor in factors)
    if related or "related-unknown" in defects:
        fm.append("related:")
        fm.extend(f"  - {rid}" for rid in related)
        if "related-unknown" in defects:
            # a dangling reference as it happens: an id of the same year that no file carries
            # (six digits: generated ids have five)
            fm.append(f"  - PM-{base['year']}-9{index:05d}")
    fm.append("tags:")
    fm.extend(f"  - {tag}" for tag in rng.sample(TAGS, rng.randint(1, 4)))
    if "unknown-key" in defects:
        fm.append("owner_team: payments")
    fm.append("---")

    body: list[str] = []
    heading = lambda name, aliases=(): body.extend(["", f"## {rng.choice((name,) * 3 + tuple(aliases))}", ""])  # noqa: E731

    # Summary: three sentences (five with the defect).
    heading("Summary")
    window = f"{started:%H:%M} to {times['mitigated_at']:%H:%M} UTC" if times["mitigated_at"].date() == started.date() else f"{started:%H:%M} UTC on {started:%Y-%m-%d} to {times['mitigated_at']:%H:%M} UTC the next day"
    sentences = [
        f"From {window} on {day:%Y-%m-%d}, {symptom} for {impact['users_affected']:,} users of {primary}",
        f"The cause: {mechanism}",
        f"We mitigated it after {mitigate} minutes and resolved it {resolve - mitigate} minutes later",
    ]
    if "summary-too-long" in defects:
        sentences += ["Support answered the tickets within the hour", "The status page was updated twice"]
    body.append(". ".join(sentences) + ".")

    heading("Impact", ("User impact", "What broke"))
    if "impact-vague" in defects:
        body.extend(["- Many customers could not complete their orders.", "- Some merchants saw failed webhooks for a significant part of the evening."])
    else:
        body.append(f"- {impact['users_affected']:,} users affected over {mitigate} minutes ({started:%H:%M}–{times['mitigated_at']:%H:%M} UTC).")
        if "revenue_usd" in impact:
            body.append(f"- Revenue impact: ${impact['revenue_usd']:,} in failed or mispriced orders.")
        if "support_tickets" in impact:
            body.append(f"- {impact['support_tickets']} support tickets, median first response {rng.randint(4, 90)} minutes.")
        # Above 5% of requests failing is SEV1 in the format's severity rubric: keep the rest below it.
        error_rate = rng.randint(6, 80) if severity == "SEV1" else rng.randint(1, 4)
        body.append(f"- Peak error rate {error_rate}% on `{rng.choice(FUNCTIONS)}`; {rng.randint(1, 40) * 1000:,} failed requests in total.")
        if "slo_budget_minutes" in impact:
            body.append(f"- {impact['slo_budget_minutes']} minutes of the monthly error budget consumed.")
        body.append("- No data loss.")
    if "placeholder" in defects:
        body.append("- Refunds issued: TODO once finance confirms the totals.")

    # Timeline: milestone entries at the frontmatter times plus filler between them.
    utc_heading = rng.random() < 0.25
    heading("Timeline (UTC)" if utc_heading else "Timeline")
    events: list[tuple[datetime, str]] = [
        (times["started_at"], f"{rng.choice(('Release', 'Config push', 'Provider change'))} deployed to 100% of traffic; `{rng.choice(METRICS)}` starts falling — deploy bot"),
        (times["detected_at"], f"Alert `{rng.choice(ALERTS)}` fires and pages primary on-call — PagerDuty"),
        (times["acknowledged_at"], f"On-call acknowledges and opens #inc-{slug} — {_handle(rng)}"),
        (times["mitigated_at"], f"Mitigated: change rolled back on all hosts; `{rng.choice(METRICS)}` back to baseline — {_handle(rng)}"),
        (times["resolved_at"], f"Resolved: fix deployed and verified over {rng.randint(2, 12)} hours of traffic — {_handle(rng)}"),
    ]
    for _ in range(rng.randint(6, 12)):
        offset = rng.randint(1, max(2, resolve - 1))
        events.append((started + timedelta(minutes=offset), _fill(rng, rng.choice(FILLER_EVENTS), fill)))
    events.sort(key=lambda event: event[0])
    if "out-of-order" in defects:
        # move the detection entry before the start: same day, earlier time
        events = [events[1], events[0]] + events[2:] if len(events) > 2 else events
    as_table = rng.random() < 0.25
    if as_table:
        body.extend(["| Time | Event |", "|---|---|"])
    last_day = None
    for position, (moment, text) in enumerate(events):
        full = last_day is None or moment.date() != last_day or rng.random() < 0.1
        last_day = moment.date()
        stamp = moment.strftime("%Y-%m-%d %H:%M" if full else "%H:%M")
        if rng.random() < 0.1 and not full:
            stamp = moment.strftime("%H:%M:%S")
        zone = "" if utc_heading and rng.random() < 0.5 else " UTC"
        if "local-zone" in defects and position == len(events) // 2:
            zone = " PST"
        line = f"{stamp}{zone} — {text}"
        if "vague-time" in defects and position == len(events) // 2 + 1:
            line = f"Around 2pm the {primary} team notices a second wave of errors — {_handle(rng)}"
        if as_table:
            time_cell, _, event_cell = line.partition(" — ")
            body.append(f"| {time_cell} | {event_cell.replace('|', '/')} |")
        else:
            body.append(f"- {line}")

    heading("Root cause", ("Why", "Root causes"))
    body.append(f"{mechanism[0].upper()}{mechanism[1:]}.")
    body.append("")
    body.append(_fill(rng, "The change passed review because `{file}` has no schema for `{key}`, and the staging environment runs with {good} as the value, so the new path was never exercised before production. The failure showed up first in `{metric}`, which moved from {baseline} to {value} within {minutes} minutes.", fill))
    if category in ("model", "prompt"):
        body.extend(["", _fill(rng, "- **Deterministic terminal:** `{fn}` accepted any value of `{key}` from 0 to {bad}; no server-side limit existed.", fill),
                     _fill(rng, "- **Stochastic terminal:** the new snapshot ignored `{key}` in {pct}% of sampled decisions, against {low}% before.", fill)])
    if rng.random() < 0.5:
        body.extend(["", "Five whys:", ""])
        chain = (  # each step asks about the answer before it, as PM604 wants
            "Why did `{fn}` fail? `{key}` held {bad} instead of {good}.",
            "Why did `{key}` hold {bad}? The change wrote it without a range check.",
            "Why was there no range check? `{file}` has no schema for the key.",
            "Why has `{file}` no schema? Its loader predates schema validation and was never migrated.",
            "Why was the loader never migrated? The migration had no owner after the team split.",
        )
        steps = rng.randint(3, 5)  # filled at once: every step names the same key, file and values
        body.extend(_fill(rng, "\n".join(f"{n}. {step}" for n, step in enumerate(chain[:steps], start=1)), fill).split("\n"))

    heading("Contributing factors", ("What kept it broken longer", "What made it worse"))
    for factor in factors:
        body.append(_fill(rng, f"- **`{factor}`.** " + rng.choice((
            "The gap added {minutes} minutes: the signal that would have shown it, `{metric}`, had no alert below {value}.",
            "Responders spent {minutes} minutes finding who owned `{key}`; the service catalogue listed a team that no longer exists.",
            "The rollback of {service} took {minutes} minutes because the previous image had been garbage-collected from the registry.",
            "The runbook described the {zone} topology from two years ago, so the first failover command targeted a retired node.",
        )), fill))

    if "missing-section" not in defects:
        heading("What went well")
        for template in rng.sample(WENT_WELL, rng.randint(2, 3)):
            body.append("- " + _fill(rng, template, fill))

    heading("What went wrong", ("What didn't go well",))
    if "empty-section" in defects:
        body.append("<!-- What did not go as planned, and what it cost. -->")
    else:
        for template in rng.sample(WENT_WRONG, rng.randint(2, 4)):
            body.append("- " + _fill(rng, template, fill))
        if "blame" in defects:
            body.append("- " + rng.choice(BLAME_SENTENCES))
        elif rng.random() < 0.03:
            # a valid suppression of a real finding: exercises the suppression path on clean files
            body.extend(["", "<!-- postmortem-lint disable-next-line=PM501 -->", "We quoted the customer's words in the status update: human error on our side."])

    if rng.random() < 0.3:
        heading("Where we got lucky")
        body.append("- " + _fill(rng, rng.choice(LUCKY), fill))

    heading("Action items", ("Specific changes", "Corrective actions"))
    templates = rng.sample(ACTIONS, rng.randint(3, 6))
    actions = [_fill(rng, template, fill) for template in templates]
    if category in ("model", "prompt") and "missing-eval" not in defects:
        actions.insert(0, _fill(rng, rng.choice(EVAL_ACTIONS), fill))
    if "vague-action" in defects:
        actions[-1] = rng.choice(VAGUE_ACTIONS)
    if "unused-suppression" in defects:
        body.extend(["<!-- postmortem-lint disable-next-line=PM405 -->", ""])
    checklist = rng.random() < 0.3
    if not checklist:
        with_status = rng.random() < 0.5
        body.append("| Action | Owner | Due | Priority |" + (" Status |" if with_status else "") + " Link |")
        body.append("|---|---|---|---|" + ("---|" if with_status else "") + "---|")
    for position, action in enumerate(actions):
        owner = _handle(rng)
        due = f"{day + timedelta(days=rng.randint(7, 120)):%Y-%m-%d}"
        priority = f"P{rng.randint(0, 3)}"
        link = rng.choice((f"OPS-{rng.randint(100, 9999)}", f"PR #{rng.randint(100, 9999)}"))
        last = position == len(actions) - 1
        if last and "owner-missing" in defects:
            owner = "TBD"
        if last and "due-invalid" in defects:
            due = "next sprint"
        if last and "priority-invalid" in defects:
            priority = "urgent"
        if checklist:
            box = "x" if rng.random() < 0.3 else " "
            if last and {"owner-missing", "due-invalid", "priority-invalid"}.intersection(defects):
                box = " "  # a done item needs no owner, due date or priority: the defect is on open work
            body.append(f"- [{box}] {action} — {owner} — due {due} — {priority} — {link}")
        else:
            status = (" " + rng.choice(("open", "done", "in progress")) + " |") if with_status else ""
            body.append(f"| {action} | {owner} | {due} | {priority} |{status} {link} |")

    if rng.random() < 0.6:
        heading("Lessons learned")
        for lesson in rng.sample(LESSONS, rng.randint(1, 3)):
            body.append(f"- {lesson}")

    # Pad to the file's size with more root-cause detail (an appendix section the format allows).
    target = rng.randint(6_800, 9_400)
    text = "\n".join(fm + body) + "\n"
    if len(text.encode()) < target:
        extra = ["", "## Appendix: investigation notes", ""]
        while len(text.encode()) + len("\n".join(extra).encode()) < target:
            extra.append(_fill(rng, rng.choice((
                "- Request sample {rows}: `{fn}` returned in {minutes} ms with `{key}` = {bad}; the same request on the previous release returned {good}.",
                "- The `{metric}` series for {zone} shows the step change at the minute of the start entry, and no change in the other zones.",
                "- Replaying {rows} requests against the fixed build gave 0 failures, against {pct}% on the faulty one.",
                "- Query `SELECT count(*) FROM events WHERE {key} IS NULL` returned {rows} for the affected window and 0 before it.",
            )), _Fill(rng, fill)))
        text = text + "\n".join(extra) + "\n"
    path = f"{day:%Y}/{day:%Y-%m-%d}-{slug}.md"
    return path, text, sorted({DEFECTS[name] for name in defects}), duplicated


# --- writing --------------------------------------------------------------------------------

def _check_target(target: str) -> None:
    real = os.path.realpath(target)
    repo_corpus = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "postmortems"))
    if real == repo_corpus or real.startswith(repo_corpus + os.sep):
        raise CorpusError(f"{target}: refusing to write into the repository's postmortems/")
    if os.path.exists(real) and not os.path.isdir(real):
        raise CorpusError(f"{target}: exists and is not a directory")
    if os.path.isdir(real) and os.listdir(real) and not os.path.isfile(os.path.join(real, MANIFEST)):
        raise CorpusError(f"{target}: not empty and not a generated corpus (no {MANIFEST}); choose another directory")


def _clear_previous(target: str) -> None:
    """Remove the files a previous generation wrote (listed in its manifest), nothing else."""
    manifest_path = os.path.join(target, MANIFEST)
    if not os.path.isfile(manifest_path):
        return
    with open(manifest_path, encoding="utf-8") as handle:
        previous = json.load(handle)
    for relative in previous.get("files", {}):
        path = os.path.join(target, relative)
        if os.path.isfile(path) and not os.path.islink(path):
            os.remove(path)
    os.remove(manifest_path)


def _generator_version() -> str:
    """A corpus is reused only if this very generator (same source) wrote it."""
    with open(os.path.abspath(__file__), "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:16]


def generate(target: str, count: int, seed: int = 7, defect_rate: float = 0.15) -> dict:
    """Write ``count`` postmortems under ``target``; returns the manifest (also written)."""
    if count < 0 or not 0.0 <= defect_rate <= 1.0:
        raise CorpusError("count must be >= 0 and defect rate between 0 and 1")
    _check_target(target)
    manifest_path = os.path.join(target, MANIFEST)
    version = _generator_version()
    if os.path.isfile(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            previous = json.load(handle)
        if (previous.get("version"), previous.get("seed"), previous.get("count"), previous.get("defect_rate")) == (version, seed, count, defect_rate):
            return previous  # already there: same parameters give the same files
    _clear_previous(target)
    os.makedirs(target, exist_ok=True)
    files: dict[str, list[str]] = {}
    paths: list[str] = []
    total = 0
    for index in range(count):
        relative, text, codes, duplicated = build(seed, index, defect_rate)
        paths.append(relative)
        if duplicated is not None:  # the file whose id was reused is reported too
            files[paths[duplicated]] = sorted(set(files[paths[duplicated]]) | {"PM701"})
        path = os.path.join(target, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "xb") as handle:  # "x": never overwrite a file we did not write
            handle.write(data)
        files[relative] = codes
        total += len(data)
    manifest = {"version": version, "seed": seed, "count": count, "defect_rate": defect_rate,
                "bytes": total, "files": files}
    temporary = manifest_path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=0, sort_keys=True)
    os.replace(temporary, manifest_path)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="directory to write into (empty, or a corpus generated before)")
    parser.add_argument("--count", type=int, default=1000, help="number of postmortems (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--defect-rate", type=float, default=0.15, help="share of files with defects (default 0.15)")
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.target, args.count, args.seed, args.defect_rate)
    except CorpusError as error:
        print(f"generate_corpus: error: {error}", file=sys.stderr)
        return 2
    defective = sum(1 for codes in manifest["files"].values() if codes)
    print(f"{manifest['count']} postmortems ({manifest['bytes'] / 1e6:.1f} MB, {defective} with defects) in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
