"""The report charts' SVG plotter: scales, gaps, legends, and labels from postmortems kept inert."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from linter.reports.svg_plot import Plot, nice_ticks
from site_config.svg import inert_svg

NS = "{http://www.w3.org/2000/svg}"


def test_nice_ticks_are_round_and_reach_the_top():
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(40) == [0, 10, 20, 30, 40]
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(123)[-1] >= 123 and len(nice_ticks(123)) <= 7


def test_labels_from_postmortems_are_text_not_markup():
    hostile = '<script>alert(1)</script> & "q" \x01\x1f'
    plot = Plot(hostile, [hostile, "2026-Q2"], ylabel=hostile)
    plot.stacked(hostile, [1, 2], "#0072B2", "///")
    plot.line('"><svg onload=alert(1)>', [1, 2], "#D55E00", "o")
    svg = plot.svg()
    assert inert_svg(svg)
    root = ElementTree.fromstring(svg)  # well-formed: the control characters are gone
    texts = [element.text for element in root.iter(f"{NS}text")]
    assert '<script>alert(1)</script> & "q" ' in texts
    assert '"><svg onload=alert(1)>' in texts
    assert "<script" not in svg


def test_a_log_axis_labels_its_ticks_and_skips_values_it_cannot_draw():
    plot = Plot("t", ["a", "b", "c", "d"], log=True, log_ticks=(1, 60, 1440), tick_label=lambda v: f"{v:g} min")
    plot.line("x", [30, None, 0, 90], "#0072B2", "s")  # a gap and a zero: neither is drawn
    svg = plot.svg()
    assert "60 min" in svg and "1440 min" not in svg
    root = ElementTree.fromstring(svg)
    lines = [p for p in root.iter(f"{NS}path") if p.get("fill") == "none" and p.get("stroke") == "#0072B2"]
    assert lines == []  # no two neighbours with values: markers, no segment


def test_many_quarters_are_slanted_and_every_series_is_in_the_legend():
    quarters = [f"20{year}-Q{q}" for year in range(20, 26) for q in range(1, 5)]
    plot = Plot("t", quarters)
    for index, name in enumerate(("alert", "customer-report", "internal-report")):
        plot.stacked(name, [index + 1] * len(quarters), "#009E73", ("", "///", "...")[index])
    svg = plot.svg()
    assert svg.count("rotate(-45)") == len(quarters)
    root = ElementTree.fromstring(svg)
    texts = [element.text for element in root.iter(f"{NS}text")]
    assert {"alert", "customer-report", "internal-report"} <= set(texts)
    assert svg == plot.svg()  # the same numbers give the same file
