"""The timeline model v2: zones declared once, the stamp forms teams write, dates from context."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from conftest import clean_text
from linter.document import parse_text
from linter.milestones import milestone_entries
from linter.timestamps import parse_entry_date, parse_entry_time, unknown_time_prefix
from linter.zones import read_zone, zone_declared_in


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def timeline_doc(body: str, heading: str = "Timeline", front: str = "", drop_date: bool = False):
    text = clean_text()
    start = text.index("## Timeline\n")
    end = text.find("\n## ", start + 1) + 1
    text = text[:start] + f"## {heading}\n\n{body}\n\n" + text[end:]
    if front:
        text = text.replace("\n---\n", f"\n{front}\n---\n", 1)
    if drop_date:
        text = text.replace('date: "2026-04-07"\n', "")
    return parse_text("x.md", text)


# --- stamp forms -------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "hour", "minute", "zone"), [
    ("21:28 UTC: text", 21, 28, "UTC"),
    ("[13:26] text", 13, 26, None),
    ("**14:02 UTC** text", 14, 2, "UTC"),
    ("21:50 (UTC) text", 21, 50, "UTC"),
    ("1900 UTC text", 19, 0, "UTC"),
    ("2021-08-27: At 12:50:07 UTC text", 12, 50, "UTC"),
    ("Feb 04, 2021, 21:45 text", 21, 45, None),
    ("05:19 +02:00 — text", 5, 19, "+02:00"),
    ("05:19 -07 — text", 5, 19, "-07"),
    ("2022-08-03 12:26-12:?? | text", 12, 26, None),
])
def test_stamp_forms(written, hour, minute, zone):
    time = parse_entry_time(written)
    assert (time.hour, time.minute, time.zone) == (hour, minute, zone)


@pytest.mark.parametrize(("written", "hour24"), [("4:49 PM", 16), ("11:21a", 11), ("12:10 AM", 0), ("12:30 pm", 12), ("5:00 PM", 17)])
def test_twelve_hour_clock_is_read_as_24_hour(written, hour24):
    time = parse_entry_time(written + " — text")
    assert time.twelve_hour and time.hour24 == hour24


def test_four_digit_times_need_a_declared_zone_or_their_own():
    assert parse_entry_time("1625 — text") is None
    assert parse_entry_time("1625 — text", compact=True).hour == 16
    assert parse_entry_time("2019-01-22 — text", compact=True) is None  # a date, not 20:19


def test_capitalised_words_are_not_zones():
    assert parse_entry_time("10:34 DNS fails").zone is None
    assert parse_entry_time("10:34 et al.").zone is None
    assert parse_entry_time("05:10 UTC — 70 minutes later").text == "05:10 UTC"


def test_local_time_with_its_utc_time():
    time = parse_entry_time("13:14 EDT (17:14 UTC) — text")
    assert time.zone == "EDT" and time.utc_clock == (17, 14)


@pytest.mark.parametrize(("written", "expected"), [
    ("2023-07-20", (date(2023, 7, 20), 7, 20)),
    ("Thursday, July 20", (None, 7, 20)),
    ("19. April", (None, 4, 19)),
    ("5 March 2024", (date(2024, 3, 5), 3, 5)),
])
def test_dates_as_written(written, expected):
    found = parse_entry_date(written)
    assert (found.day, found.month, found.day_of_month) == expected


@pytest.mark.parametrize("written", ["??:?? — text", "[???] text", "unknown: text", "2023-MM-DD text", "2022-05-?? HH:mm | text", "XX:XX text",
                                     "2X:XX (not sure exact time)", "2026-04-07 --:-- text", "??:?? UTC text", "1X:30 text"])
def test_unknown_time_marks(written):
    assert unknown_time_prefix(written) is not None
    assert parse_entry_time(written) is None


@pytest.mark.parametrize("written", ["14:30 text", "4:05 text", "Xylophone: 12 text", "12:345 text"])
def test_times_with_all_their_digits_are_not_unknown(written):
    assert unknown_time_prefix(written) is None


def test_unknown_time_heading_and_row_shapes_are_entries():
    document = timeline_doc("All times UTC.\n\n### 09:15 — deploy\n\n### 1X:XX (not sure exact time)\n\nerrors climb\n\n"
                            "| Time | Event |\n| --- | --- |\n| 2026-04-07 --:-- | retries pile up |\n| ??:?? UTC | pager fires |")
    assert [entry.unknown for entry in document.timeline] == [None, "1X:XX", "2026-04-07 --:--", "??:??"]


# --- zones -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "name", "ambiguous"), [
    ("PDT", "America/Los_Angeles", False), ("PST", "America/Los_Angeles", False), ("EDT", "America/New_York", False),
    ("CEST", "Europe/Berlin", False), ("BST", "Europe/London", False), ("UTC", "UTC", False), ("GMT+2", "UTC+02:00", False),
    ("UTC-7", "UTC-07:00", False), ("US/Pacific", "US/Pacific", False), ("Central European Time (CET)", "Europe/Berlin", False),
    ("CST", None, True), ("IST", None, True),
])
def test_zone_names(written, name, ambiguous):
    zone = read_zone(written)
    assert (zone.name, zone.ambiguous) == (name, ambiguous)


@pytest.mark.parametrize(("note", "name"), [
    ("All times UTC.", "UTC"), ("_all times are in UTC_", "UTC"), ("Times are US/Pacific", "US/Pacific"),
    ("All times in CEST", "Europe/Berlin"), ("All times in PST, on February 5th 2019", "America/Los_Angeles"),
    ("All times in CET (GMT+1)", "Europe/Berlin"), ("All times in UC/Pacific", None),
])
def test_zone_notes(note, name):
    assert zone_declared_in(note).name == name


def test_a_note_that_names_no_zone_declares_nothing():
    assert zone_declared_in("Times are approximate where marked") is None
    assert zone_declared_in("The deploy went out at noon") is None


def test_declared_zone_converts_with_daylight_saving_by_date():
    document = timeline_doc("All times in CEST\n\n- 2026-03-28 10:00 — before the change\n- 2026-03-30 10:00 — after the change")
    assert document.timeline_zone.name == "Europe/Berlin" and document.timeline_zone.source == "note"
    assert [entry.at for entry in document.timeline] == [utc(2026, 3, 28, 9, 0), utc(2026, 3, 30, 8, 0)]
    assert all(entry.zone_source == "declared" for entry in document.timeline)
    assert document.timeline[0].local == datetime(2026, 3, 28, 10, 0)


@pytest.mark.parametrize(("heading", "name"), [("Timeline (PDT)", "America/Los_Angeles"), ("Timeline (all times UTC)", "UTC"), ("Timeline (times in BST)", "Europe/London")])
def test_zone_in_the_heading(heading, name):
    document = timeline_doc("- 2026-04-07 10:00 — text", heading=heading)
    assert document.section("Timeline") is not None
    assert document.timeline_zone.name == name and document.timeline_zone.source == "heading"


def test_zone_in_frontmatter_and_in_a_table_header():
    document = timeline_doc("- 2026-04-07 10:00 — text", front="timezone: Asia/Tokyo")
    assert document.timeline_zone.source == "frontmatter" and document.timeline[0].at == utc(2026, 4, 7, 1, 0)
    document = timeline_doc("| Date and Time in CET | Event |\n|---|---|\n| 2026-01-07 10:00 | text |")
    assert document.timeline_zone.source == "table-header" and document.timeline[0].at == utc(2026, 1, 7, 9, 0)


def test_ambiguous_zone_is_not_converted():
    document = timeline_doc("All times IST.\n\n- 2026-04-07 10:00 — text")
    assert document.timeline_zone.ambiguous and document.timeline[0].at is None


def test_own_zone_wins_over_the_declared_one_and_utc_given_wins_over_both():
    document = timeline_doc("All times in PDT.\n\n- 2026-04-07 10:00 UTC — a\n- 2026-04-07 06:00 EDT (10:05 UTC) — b\n- 2026-04-07 03:10 — c")
    a, b, c = document.timeline
    assert (a.at, a.zone_source) == (utc(2026, 4, 7, 10, 0), "entry")
    assert (b.at, b.zone_source) == (utc(2026, 4, 7, 10, 5), "utc-given")
    assert (c.at, c.zone_source) == (utc(2026, 4, 7, 10, 10), "declared")


def test_one_zone_written_on_every_zoned_entry_covers_the_bare_ones():
    document = timeline_doc("- 2026-04-07 16:22 PST — a\n- 16:59 PST — b\n- 17:07 — c")
    assert document.timeline_zone.source == "first-entry"
    assert document.timeline[2].at == utc(2026, 4, 8, 0, 7)


# --- entries -----------------------------------------------------------------------------------

def test_one_heading_per_entry_with_its_body():
    document = timeline_doc("All times UTC.\n\n### 2026-04-07\n\n### 10:34 — Launches fail\n\nThe success rate drops to 0%.\n\n"
                            "- a detail under the heading\n\n#### 11:55\n\nRolled back; launches recover.")
    first, second = document.timeline
    assert (first.kind, first.at, second.at) == ("heading", utc(2026, 4, 7, 10, 34), utc(2026, 4, 7, 11, 55))
    assert "a detail under the heading" in first.body and "Rolled back" in second.words


def test_bold_lead_and_time_first_paragraphs():
    document = timeline_doc("All times UTC.\n\n**10:34** Launches fail\n\n1:03\nFirst alert fires\n\nSome prose that is not an entry.")
    assert [(entry.kind, entry.time.hour) for entry in document.timeline] == [("paragraph", 10), ("paragraph", 1)]
    assert "First alert fires" in document.timeline[1].words


def test_date_headings_lines_and_level_two_days_give_the_date():
    document = timeline_doc("All times UTC.\n\n### Thursday, April 9\n\n- 10:00 — a\n\n**2026-04-10**\n\n- 11:00 — b\n\n## April 11\n\n- 12:00 — c")
    assert [entry.at for entry in document.timeline] == [utc(2026, 4, 9, 10), utc(2026, 4, 10, 11), utc(2026, 4, 11, 12)]


def test_date_and_time_columns():
    document = timeline_doc("| Date | Time (UTC) | Event |\n|---|---|---|\n| 2026-04-08 | 09:30 | text |")
    entry = document.timeline[0]
    assert entry.at == utc(2026, 4, 8, 9, 30) and entry.text == "2026-04-08 09:30 — text"


def test_date_only_and_unknown_entries():
    document = timeline_doc("All times UTC.\n\n- 2026-02-01 — latent bug ships\n- ??:?? — nobody notices\n- 2026-04-07 10:00 — alert")
    latent, unknown, alert = document.timeline
    assert latent.date_only == date(2026, 2, 1) and latent.at is None
    assert unknown.unknown == "??:??" and unknown.at is None
    assert alert.at == utc(2026, 4, 7, 10)


def test_a_list_of_links_is_not_a_list_of_entries():
    document = timeline_doc("All times UTC.\n\nDashboards:\n\n- [overview](https://example.org/a)\n- [pods](https://example.org/b)\n\n"
                            "### 2026-04-07 10:00\n\nLaunches fail.")
    assert [entry.kind for entry in document.timeline] == ["heading"]


def test_milestone_entries_are_chosen_by_their_words():
    document = timeline_doc("All times in CEST\n\n- 2026-04-07 05:15 — v42 deployed\n- 05:19 — alert fires\n- 05:59 — rolled back\n- 07:10 — incident resolved")
    found = milestone_entries(document)
    assert found["detected_at"].at == utc(2026, 4, 7, 3, 19)
    assert found["mitigated_at"].at == utc(2026, 4, 7, 3, 59)
    assert found["resolved_at"].at == utc(2026, 4, 7, 5, 10)


def test_hostile_zone_values_do_not_raise():
    for value in ("'../../etc/passwd'", "'Nowhere/Atlantis'", "'   '", "123", "'UTC+99'"):
        document = timeline_doc("- 2026-04-07 10:00 — text", front=f"timezone: {value}")
        assert len(document.timeline) == 1  # built without raising
        assert document.timeline_zone is None or not document.timeline_zone.known


def test_a_zone_note_under_the_title_declares_the_timeline_zone():
    text = clean_text().replace("\n## Summary\n", "\nAll times PDT.\n\n## Summary\n", 1)
    document = parse_text("x.md", text.replace(" UTC —", " —"))
    assert document.timeline_zone.name == "America/Los_Angeles" and document.timeline_zone.source == "note"
    assert document.timeline[0].zone_source == "declared"


def test_a_timestamp_column_is_not_a_zone():
    document = timeline_doc("| Timestamp | Note |\n|---|---|\n| 2026-04-07 10:00 | text |")
    assert document.timeline_zone is None and document.timeline[0].at == utc(2026, 4, 7, 10, 0)


def test_a_date_without_its_year_takes_the_year_nearest_its_context():
    document = timeline_doc("All times UTC.\n\n- [12-05 16:21] latent bug ships\n- [03-26 17:40] node upgrade starts")
    assert [entry.at for entry in document.timeline] == [utc(2025, 12, 5, 16, 21), utc(2026, 3, 26, 17, 40)]


def test_midnight_crossing_in_a_local_zone_gets_the_local_date_hint():
    from linter.rules import timeline_out_of_order

    document = timeline_doc("All times in EEST\n\n### May 12, 2025\n\n### 23:00\n\nlate\n\n### 00:40\n\nafter midnight")
    (finding,) = timeline_out_of_order.RULE.check(document, None)
    assert finding.message.endswith("write its date: '2025-05-13 00:40'")


def test_entries_in_their_own_local_zone_stay_on_the_day_they_were_written():
    # Heading per entry, each in PST, no declaration: one Pacific evening, not a UTC day per entry.
    body = ("### 2026-01-12 16:22 PST\n\nDisk fills up.\n\n### 16:59 PST\n\nPaged.\n\n"
            "### 17:04 PST\n\nNode drained.\n\n### 17:07\n\nService back.")
    document = timeline_doc(body, drop_date=True)
    assert [entry.at for entry in document.timeline] == [
        utc(2026, 1, 13, 0, 22), utc(2026, 1, 13, 0, 59), utc(2026, 1, 13, 1, 4), utc(2026, 1, 13, 1, 7)]


def test_a_standard_time_abbreviation_on_summer_dates_is_converted_as_the_local_clock_and_says_so():
    from linter.rules.timeline_not_utc import check

    class Context:
        config = None

    summer = timeline_doc("All times PST.\n\n- 2026-07-07 10:00 — deploy", drop_date=True)
    message = next(iter(check(summer, Context))).message
    assert "UTC-07:00 on its dates" in message and "'PST' alone means UTC-08:00" in message
    assert "is 2026-07-07 17:00 UTC" in message
    winter = timeline_doc("All times PST.\n\n- 2026-01-07 10:00 — deploy", drop_date=True)
    assert "alone means" not in next(iter(check(winter, Context))).message


def test_a_twelve_hour_clock_in_a_local_timeline_is_folded_into_the_zone_finding():
    from linter.rules.timeline_not_utc import check

    class Context:
        config = None

    document = timeline_doc("All times in EDT.\n\n- 2026-07-07 9:05 PM — deploy\n- 9:40 PM — alert fires", drop_date=True)
    messages = [violation.message for violation in check(document, Context)]
    assert len(messages) == 1
    assert "2 use a 12-hour clock" in messages[0] and "convert its times to 24-hour UTC" in messages[0]
    assert "'2026-07-07 9:05 PM' is 2026-07-08 01:05 UTC" in messages[0]
    utc_clock = timeline_doc("All times UTC.\n\n- 2026-07-07 9:05 PM — deploy")
    assert ["a time uses a 12-hour clock" in violation.message for violation in check(utc_clock, Context)] == [True]


def _messages(check, document) -> list[str]:
    class Context:
        config = None

    return [violation.message for violation in check(document, Context)]


def test_a_misspelt_date_repeated_down_the_timeline_is_one_finding_with_the_fix_when_plain():
    from linter.rules.timeline_entry_no_timestamp import check

    typo = timeline_doc("- 20266-04-07 03:15 UTC — deploy\n- 20266-04-07 03:19 UTC — alert\n- 2026-04-07 03:59 UTC — rollback")
    assert _messages(check, typo) == [
        "'20266-04-07' and 1 more date in this timeline are not real dates: the year has one digit too many "
        "(the timeline's other dates are in 2026): write '2026-04-07', and the year 2026 in the other 1"]
    # No other date to take the year from (and no frontmatter date): the count, no guess.
    alone = timeline_doc("- 20202-01-16 12:00 UTC — a\n- 20202-01-17 12:00 UTC — b", drop_date=True)
    assert _messages(check, alone) == ["'20202-01-16' and 1 more date in this timeline are not real dates: correct them (YYYY-MM-DD)"]
    # A month that is wrong is no one-digit year typo.
    month = timeline_doc("- 2026-13-07 03:15 UTC — deploy\n- 2026-04-07 03:19 UTC — alert")
    assert _messages(check, month) == ["'2026-13-07' is not a real date: correct it (YYYY-MM-DD)"]


def test_a_timeline_with_no_time_or_date_is_empty_and_a_dates_only_one_needs_no_zone():
    from linter.rules.timeline_entry_no_timestamp import check as no_timestamp
    from linter.rules.timeline_missing import check as missing
    from linter.rules.timeline_not_utc import check as not_utc

    links = timeline_doc("- [chat export](https://chat.example.com/x)\n- [deploy log](https://deploy.example.com/y)")
    assert len(_messages(missing, links)) == 1 and _messages(no_timestamp, links) == []
    dates = timeline_doc("All times in CET.\n\n- 2026-04-06 — model trained\n- 2026-04-07 — model deployed")
    assert _messages(missing, dates) == [] and _messages(not_utc, dates) == []
    timed = timeline_doc("All times in CET.\n\n- 2026-04-06 — model trained\n- 2026-04-07 05:15 — model deployed")
    assert len(_messages(not_utc, timed)) == 1


def test_out_of_order_suggests_a_date_only_for_a_bare_time():
    from linter.rules.timeline_out_of_order import check

    # The later entries agree with each other: the earlier one has the wrong day. No date to move them to.
    written = timeline_doc("- [04-07 22:50 UTC] job ends\n- [04-07 03:15 UTC] deploy\n- [04-07 03:19 UTC] alert")
    assert _messages(check, written) == ["entry at 2026-04-07 03:15 UTC comes after one at 2026-04-07 22:50 UTC (line 40)"]
    bare = timeline_doc("- 2026-04-07 23:50 UTC — failover\n- 00:10 UTC — replica promoted")
    assert _messages(check, bare)[0].endswith("read as the next day; if it is, write its date: '2026-04-08 00:10 UTC'")


def test_a_bare_time_just_past_midnight_is_read_on_the_next_day_and_a_typo_is_not():
    crossing = timeline_doc("### 2026-04-07\n\n- 23:00 UTC — second engineer looks\n- 00:40 UTC — cause found\n- 07:00 UTC — back to normal")
    assert [(entry.at.day, entry.rolled_over) for entry in crossing.timeline] == [(7, False), (8, True), (8, False)]
    typo = timeline_doc("- 2026-04-07 03:15 UTC — deploy\n- 13:19 UTC — alert\n- 03:22 UTC — acknowledged")
    assert [entry.at.day for entry in typo.timeline] == [7, 7, 7] and not any(entry.rolled_over for entry in typo.timeline)
    backwards = timeline_doc("- 2026-04-07 23:00 UTC — a\n- 22:50 UTC — b")
    assert [entry.at.day for entry in backwards.timeline] == [7, 7]


@pytest.mark.parametrize(("words", "key"), [
    ("Automated warning from the cloud provider: volume full", "detected_at"),
    ("Users reporting timeouts on deploy", "detected_at"),
    ("Hub back online", "mitigated_at"),
    ("All systems verified operational", "mitigated_at"),
    ("Ingress traffic working as intended", "mitigated_at"),
    ("Workshop running smoothly again", "mitigated_at"),
    ("Prow is confirmed to be functional. **Outage ends.**", "resolved_at"),
    ("Long-term fix applied through the pipeline", "resolved_at"),
])
def test_milestone_words_real_timelines_use(words, key):
    from linter.milestones import MILESTONES

    assert MILESTONES[key][1].search(words)


@pytest.mark.parametrize("words", ["Some daemon sets not operational", "Load balancer unable to scale up"])
def test_words_that_deny_a_mitigation_are_none(words):
    from linter.milestones import MILESTONES

    assert not MILESTONES["mitigated_at"][1].search(words)


def test_an_alert_quoted_under_a_heading_entry_is_part_of_what_it_says():
    document = timeline_doc("### 2026-04-07 03:19 UTC\n\nIncident declared\n\n> Uptime check failing | Violation started 03:15 UTC\n\n"
                            "### 03:59 UTC\n\nRolled back")
    assert "Violation started" in document.timeline[0].words


def test_a_quoted_utc_time_that_agrees_with_the_declared_zone_keeps_the_conversion_example():
    from linter.rules.timeline_not_utc import check

    agrees = timeline_doc("Times are PDT.\n\n### 2026-04-06 20:19\n\nAlert pages on-call\n\n"
                          "> Violation started: Apr 7, 2026 at 3:19AM UTC (less than 1 sec ago)\n\n### 20:59\n\nRolled back")
    assert _messages(check, agrees)[0].startswith("the timeline is in PDT")
    disagrees = timeline_doc("Times are PDT.\n\n### 2026-04-06 20:19\n\nAlert pages on-call\n\n"
                             "> Violation started: Apr 7, 2026 at 12:19AM UTC\n\n### 20:59\n\nRolled back")
    assert "quotes '12:19AM UTC', 3 hours from its time" in _messages(check, disagrees)[0]
