"""SLOs and SLAs: error budget consumed per service and period, SLA tiers breached, credits owed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import run_cli
from linter.config import ConfigError, from_mapping
from linter.reports.analysis import analyze
from linter.incident import Incident
from linter.reports.options import options
from linter.reports.render_json import dumps
from linter.reports.render_markdown import slo_section, Links
from linter.reports.slo import SloSettingError, settings_from, slo_report

SETTINGS = {
    "sla-tiers": [99.9, 99.5],
    "credits": {"99.9": 10, "99.5": 25},
    "services": {"checkout": {"target": 99.9}, "search": {"target": 99.5, "sla-tiers": []},
                 "dns": {"budget-minutes": 20}},
}


def _incident(ident: str, day: date, services: tuple[str, ...], minutes: float | None) -> Incident:
    return Incident(ident, ident, day, "SEV2", "published", services, "deploy", (), "alert", {}, {}, (),
                    impact={} if minutes is None else {"slo_budget_minutes": minutes})


INCIDENTS = [
    _incident("PM-1", date(2026, 4, 3), ("checkout",), 20),      # April: 20 of 43.2 min
    _incident("PM-2", date(2026, 4, 20), ("checkout", "dns"), 30),  # April: checkout 50 > 43.2; dns 30 of 20
    _incident("PM-3", date(2026, 6, 1), ("search", "billing"), 300),  # June: search 300 of 216; billing: no SLO
    _incident("PM-4", date(2026, 6, 9), ("checkout",), None),     # no figure: consumes nothing
]


def _report():
    return slo_report(INCIDENTS, settings_from(SETTINGS, "reports.slo"))


def test_budget_consumed_per_service_and_month():
    report = _report()
    april = {p.service: p for p in report.months if p.label == "2026-04"}
    assert april["checkout"].budget == pytest.approx(30 * 1440 * 0.001)  # 43.2 minutes in a 30-day month
    assert april["checkout"].consumed == 50 and april["checkout"].incidents == ("PM-1", "PM-2")
    assert april["checkout"].burned == pytest.approx(50 / 43.2)
    assert april["dns"].budget == 20 and april["dns"].consumed == 30
    june = {p.service: p for p in report.months if p.label == "2026-06"}
    assert set(june) == {"search"} and june["search"].budget == pytest.approx(30 * 1440 * 0.005)
    assert report.unconfigured == ("billing",)


def test_sla_tiers_breached_and_the_credit_owed():
    april = {p.service: p for p in _report().months if p.label == "2026-04"}
    checkout = april["checkout"]
    assert checkout.availability == pytest.approx(100 * (1 - 50 / 43200))  # 99.884%
    assert checkout.breached == (99.9,) and checkout.credit == 10
    june = {p.service: p for p in _report().months if p.label == "2026-06"}
    assert june["search"].breached == () and june["search"].credit == 0  # its own tiers: none


def test_quarters_add_up_their_months():
    quarters = {(p.label, p.service): p for p in _report().quarters}
    checkout = quarters[("2026-Q2", "checkout")]
    assert checkout.consumed == 50 and checkout.budget == pytest.approx(91 * 1440 * 0.001)
    assert checkout.breached == ()  # 50 minutes over a quarter stay above 99.9%
    assert quarters[("2026-Q2", "dns")].budget == 60  # a fixed monthly budget, three times


@pytest.mark.parametrize(("table", "message"), [
    ({"services": {"checkout": {"target": 100}}}, "target must be a number from 0 to below 100"),
    ({"services": {"checkout": {"target": 99.9, "budget-minutes": 4}}}, "must be { target = 99.9 } or { budget-minutes = 43 }"),
    ({"services": {"checkout": {}}}, "must be { target = 99.9 }"),
    ({"sla-tiers": "99.9"}, "sla-tiers must be a list"),
    ({"sla-tiers": [99.9], "credits": {"99.5": 10}}, "'99.5' is not one of the SLA tiers"),
    ({"credits": {"high": 10}}, "'high' is not a tier"),
    ({"budgets": {}}, "'budgets' is not a setting"),
])
def test_bad_settings_say_which_key(table, message):
    with pytest.raises(SloSettingError) as raised:
        settings_from(table, "reports.slo")
    assert message in str(raised.value)


def test_a_bad_slo_table_is_a_configuration_error():
    # Report settings are checked when the configuration loads: lint refuses what the build would stop on.
    with pytest.raises(ConfigError, match="reports.slo'.services.checkout.target must be a number"):
        from_mapping({"reports": {"slo": {"services": {"checkout": {"target": "high"}}}}}, "pyproject.toml")


def test_the_report_section_and_json():
    config = from_mapping({"reports": {"slo": SETTINGS}}, "pyproject.toml")
    report = analyze(INCIDENTS, options(config, date(2026, 7, 1)))
    section = slo_section(report, Links())
    assert "| 2026-04 | `checkout` | 43 min | 50 min | **116%** | 99.884% | 99.9% | 10% | PM-1, PM-2 |" in section
    assert "no SLO configured: `billing`" in section
    data = json.loads(dumps(report))["slo"]
    assert {"period": "2026-04", "service": "dns"}.items() <= data["months"][1].items()
    assert data["services_without_slo"] == ["billing"]


def test_without_settings_the_section_says_how_to_configure(tmp_path, monkeypatch):
    report = analyze(INCIDENTS, options(from_mapping({}, "pyproject.toml"), date(2026, 7, 1)))
    assert report.slo is None and "[tool.postmortem.reports.slo]" in slo_section(report, Links())


def test_the_example_corpus_reports_its_slos():
    result = run_cli("report", "--today", "2026-12-01", "--format", "json")
    data = json.loads(result.out)
    assert data["slo"]["months"], "pyproject.toml configures SLOs for the example services"
    assert any(period["sla_tiers_breached"] for period in data["slo"]["months"])
