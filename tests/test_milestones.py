"""How ``milestone_entries`` picks each lifecycle entry from a timeline's words.

Each test is a small timeline in the shapes real teams write (times in UTC), checking one
pattern: outcomes over attempts, markers over guesses, impact over cause and response.
"""

from __future__ import annotations

from linter.document import parse_text
from linter.milestones import milestone_entries


def picks(*entries: str) -> dict[str, str]:
    """``{key: "HH:MM"}`` of the entries picked from a UTC timeline of ``entries``."""
    lines = "\n".join(f"- {entry}" for entry in entries)
    text = f'---\ndate: "2026-03-02"\n---\n# Queue outage\n\n## Timeline\n\nAll times UTC.\n\n{lines}\n'
    return {key: entry.at.strftime("%H:%M") for key, entry in milestone_entries(parse_text("t.md", text)).items()}


# 1. Mitigation is the outcome, not the first attempt.

def test_a_rollback_pr_being_opened_is_not_the_mitigation():
    found = picks("2026-03-02 09:00 — the release is merged, outage begins",
                  "09:10 — on-call notices workers idle",
                  "09:15 — Sam opens a PR to roll back the release",
                  "09:30 — Sam rolls the workers back by hand",
                  "09:41 — queue is confirmed to be draining normally. Outage ends.")
    assert found["mitigated_at"] == "09:41"


def test_an_initiated_rollback_waits_for_the_entry_that_says_it_worked():
    found = picks("2026-03-02 10:00 — checkout starts returning 502",
                  "10:04 — alert fires for checkout errors",
                  "10:20 — rollback of the payment service initiated",
                  "10:31 — checkout working as intended again")
    assert found["mitigated_at"] == "10:31"


def test_a_revert_that_a_later_entry_says_did_not_help_is_skipped():
    found = picks("2026-03-02 11:00 — alert fires: queue latency high",
                  "11:10 — revert deployed by hand",
                  "11:25 — latency persisted after the revert",
                  "11:50 — second fix deployed, workers confirmed healthy")
    assert found["mitigated_at"] == "11:50"


def test_an_entry_saying_the_restart_did_not_mitigate_is_not_the_mitigation():
    found = picks("2026-03-02 12:00 — users report failed uploads",
                  "12:10 — restarted the upload service, which did not mitigate the failures",
                  "12:40 — uploads back to normal after the disk was replaced")
    assert found["mitigated_at"] == "12:40"


def test_a_fix_on_staging_is_not_the_production_mitigation():
    found = picks("2026-03-02 13:00 — alerted by a customer that imports fail",
                  "13:20 — fix deployed to the staging cluster",
                  "13:45 — fix deployed to production")
    assert found["mitigated_at"] == "13:45" and found["resolved_at"] == "13:45"


def test_a_recovery_before_anyone_noticed_is_the_mitigation():
    found = picks("2026-03-02 06:00 — build success reaches 0%",
                  "06:20 — the cluster self-heals and builds return to normal",
                  "09:00 — dip in the success graph noticed on the dashboard")
    assert found == {"started_at": "06:00", "detected_at": "09:00", "mitigated_at": "06:20"}


def test_a_mitigation_worded_act_counts_when_no_outcome_is_written():
    found = picks("2026-03-02 14:00 — alert fires: disk full on db-2", "14:12 — db-2 failed over to the replica")
    assert found["mitigated_at"] == "14:12"


# 2. The start is a marker, else impact, else a cause; never the response.

def test_an_explicit_start_marker_wins_over_an_earlier_cause():
    found = picks("2026-01-10 08:00 — bug in the lease renewal is introduced",
                  "2026-03-02 04:00 — the lease holder is drained (**outage starts**)",
                  "04:30 — the outage is reported in the issue tracker")
    assert found["started_at"] == "04:00"


def test_impact_wins_over_the_deploy_that_caused_it():
    found = picks("2026-03-02 10:00 — version 7 deployed, traffic to the mirrors begins to drop",
                  "11:00 — config applied to the mirrors",
                  "13:00 — a mirror operator notices the drop")
    assert found["started_at"] == "10:00"


def test_starting_work_on_it_is_the_acknowledgement_not_the_start():
    found = picks("2026-03-02 07:00 — automated warning: the load balancer cannot scale",
                  "08:00 — started working on a longer-term fix")
    assert "started_at" not in found
    assert found["detected_at"] == "07:00" and found["acknowledged_at"] == "08:00"


def test_a_cause_is_the_start_only_when_no_impact_is_written():
    found = picks("2026-03-02 12:00 — training session started",
                  "12:15 — new admission policy applied to the cluster",
                  "13:40 — users reporting timeouts on deploys")
    assert found["started_at"] == "12:15"


# 3. Detection: a label, then the first alert, report or notice.

def test_an_entry_labelled_detection_wins():
    found = picks("2026-03-02 09:05 — **Detection:** the metrics server fails to start after the upgrade",
                  "09:08 — a developer reports the dashboards are empty")
    assert found["detected_at"] == "09:05"


def test_an_alert_named_as_a_cause_is_not_the_detection():
    found = picks("2026-03-02 10:02 — Incident declared",
                  "10:09 — the PR that triggered the alerts reverted")
    assert found["detected_at"] == "10:02"


def test_detection_is_no_later_than_the_incident_being_declared():
    found = picks("2026-03-02 15:00 — Incident declared",
                  "15:02 — a second engineer joins the call",
                  "15:30 — first user reports of 404s arrive")
    assert found["detected_at"] == "15:00" and found["acknowledged_at"] == "15:02"


def test_the_first_ping_is_the_detection_not_a_later_report():
    found = picks("2026-03-02 07:18 — on-call first pinged about stuck jobs",
                  "08:02 — the vendor reports their side is fine",
                  "08:07 — Kim begins looking and finds the crash loop")
    assert found["detected_at"] == "07:18" and found["acknowledged_at"] == "08:07"


# 4. Acknowledgement: the team's own acknowledge/investigate, not a weak word.

def test_declaring_the_service_online_is_mitigation_not_acknowledgement():
    found = picks("2026-03-02 16:00 — alert fires for the hub",
                  "17:08 — engineer declares the hub online and tells the users",
                  "17:11 — incident resolved")
    assert "acknowledged_at" not in found
    assert found["mitigated_at"] == "17:08" and found["resolved_at"] == "17:11"


def test_the_community_answering_is_not_the_teams_acknowledgement():
    found = picks("2026-03-02 17:15 — ticket reports slow server starts",
                  "18:00 — community responds that launches work but hang",
                  "19:00 — second engineer starts looking through the logs")
    assert found["acknowledged_at"] == "19:00"


def test_waking_up_and_noticing_the_reports_is_the_acknowledgement():
    found = picks("2026-03-02 02:50 — the outage is reported on the tracker",
                  "07:16 — Lee wakes up and notices the reports",
                  "08:10 — fixed lease service deployed (**outage ends**)")
    assert found["acknowledged_at"] == "07:16"
    assert found["mitigated_at"] == "08:10" and found["resolved_at"] == "08:10"


def test_an_investigation_starting_after_recovery_is_still_the_acknowledgement():
    found = picks("2026-03-02 14:35 — mirror operators notice a drop in traffic",
                  "18:00 — traffic to all mirrors returns to normal",
                  "2026-03-03 09:00 — investigation starts on the redirector logs")
    assert found["acknowledged_at"] == "09:00" and found["mitigated_at"] == "18:00"


# 5. Resolution: confirmed outcomes, the last confirmed one over a partial fix.

def test_a_confirmed_resolution_is_found():
    found = picks("2026-03-02 08:00 — alert fires: webhooks dropped",
                  "08:12 — root cause identified, config fix begins",
                  "08:27 — Ana announces the resolution is confirmed complete")
    assert found["mitigated_at"] == "08:27" and found["resolved_at"] == "08:27"


def test_the_last_confirmed_working_entry_beats_a_partial_fix():
    found = picks("2026-03-02 12:11 — reports of failed sign-ins",
                  "13:18 — certificate rolled over, sign-in confirmed working on the root account",
                  "13:30 — script finished updating every account. Confirmed working")
    assert found["mitigated_at"] == "13:18" and found["resolved_at"] == "13:30"


def test_all_systems_verified_operational_is_the_resolution():
    found = picks("2026-03-02 07:24 — automated warning: subnet out of addresses",
                  "2026-03-05 05:00 — network replacement completed",
                  "2026-03-05 06:00 — all systems verified operational")
    assert found["resolved_at"] == "06:00"


def test_identified_and_fixed_is_the_resolution():
    found = picks("2026-03-02 13:35 — operators notice the drop",
                  "17:00 — traffic returns to normal",
                  "2026-03-03 10:00 — the redirector bug is identified and fixed")
    assert found["mitigated_at"] == "17:00" and found["resolved_at"] == "10:00"


def test_a_recovery_the_failures_come_back_after_is_not_the_mitigation():
    found = picks("2026-03-02 15:05 — launch success rate is at 0%",
                  "15:20 — alert fires for failed launches",
                  "15:33 — API restarted, launches succeed again",
                  "15:55 — launches begin failing again with timeouts",
                  "16:40 — launch success rate back to 100%")
    assert found["mitigated_at"] == "16:40"


def test_a_fix_the_problem_outlived_is_not_the_resolution():
    found = picks("2026-03-02 09:00 — alert fires: exports stalled",
                  "09:30 — fix deployed to the export workers",
                  "09:45 — exports still failing for large tenants",
                  "10:20 — incident resolved after the quota was raised")
    assert found["resolved_at"] == "10:20"


def test_a_mention_of_the_start_is_not_a_start_marker():
    found = picks("2026-03-02 11:30 — launch success drops to zero",
                  "12:29 — outage reported in the chat",
                  "12:49 — logs from around the start of the outage are read")
    assert found["started_at"] == "11:30"


def test_a_discovery_label_is_the_detection_and_a_later_change_is_not_the_start():
    found = picks("2026-03-02 06:16 — a developer asks whether the metrics server is up",
                  "08:03 — **Discovery:** a developer sees no queue metrics on the dashboard",
                  "08:40 — **Recovery:** scrape timeout raised as a quick fix",
                  "13:08 — upgraded the exporter for a small speed-up")
    assert found == {"detected_at": "08:03", "mitigated_at": "08:40"}


def test_words_inside_link_markup_count():
    found = picks("2026-03-02 13:35 — operators notice the drop",
                  "2026-03-03 10:00 — the redirector bug is identified and [fixed](https://example.org/pr/1)")
    assert found["resolved_at"] == "10:00"


# The pre-check that skips a regex (after the first dozens of timelines of a process) never
# changes a pick.

def test_the_same_picks_with_and_without_the_pre_check(monkeypatch):
    from linter import milestones
    from linter.prefilter import prefilter

    entries = ("2026-03-02 09:00 — the release is merged, outage begins",
               "09:04 — alert fires for checkout errors; [Sam](https://chat/x) acknowledges",
               "09:15 — Sam opens a PR to roll back the release",
               "09:20 — the revert did not help, errors persist",
               "09:41 — checkout working as intended again",
               "10:30 — resolution confirmed, incident closed")
    found, prechecks = {}, {}
    for read in (0, milestones._PRECHECK_AFTER + 1):
        asked = []
        milestones._words_say.cache_clear()
        monkeypatch.setattr(milestones, "prefilter", lambda pattern: asked.append(pattern) or prefilter(pattern))
        monkeypatch.setattr(milestones, "_timelines_read", read - 1)  # _choose counts this one
        found[read] = picks(*entries)
        prechecks[read] = len(set(asked))
    assert prechecks[0] == 0 and prechecks[milestones._PRECHECK_AFTER + 1] > 5  # both ways taken
    assert found[0] == found[milestones._PRECHECK_AFTER + 1]
    assert found[0]["mitigated_at"] == "09:41" and found[0]["detected_at"] == "09:04"
