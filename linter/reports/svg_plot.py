"""A small SVG plotter for the report charts: quarters along x, a linear or log y axis, lines with
markers that break where a value is missing, stacked bars with hatching, a legend row under the
title.

The report charts are a handful of lines and bars. Drawn with matplotlib, its import and layout
were most of the report pages' build time and about 50 MB of the site build's memory; this draws
the same charts in a few milliseconds with the standard library. The output is the same for the
same numbers, text stays text, and every label (severities, services, detection sources come
from postmortems) is escaped: the SVG is served from the site's origin and vetted by
``site_config.svg.inert_svg`` before it is published.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _escape

from linter.control_chars import strip_unwanted

WIDTH, HEIGHT = 700, 300
LEFT, RIGHT = 70, 16
FONT = 'font-family="sans-serif"'
INK, MUTED = "#222222", "#555555"
ROTATE_FROM = 9  # quarter labels are slanted when there are more than eight


# What XML cannot hold beyond the controls ``strip_unwanted`` already removes.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an SVG text node: escaped, without control and bidi characters (as the site
    shows every value) and without the characters XML cannot hold."""
    return _escape(_NOT_XML.sub("", strip_unwanted(text)))


def _nan(value: float | None) -> bool:
    return value is None or value != value


@dataclass
class Line:
    label: str
    values: list[float]  # NaN (or None) where a category has no value: the line breaks there
    color: str
    marker: str  # one of MARKER_SHAPES
    dashed: bool = False


@dataclass
class Bars:
    label: str
    heights: list[float]
    color: str
    hatch: str  # one of HATCH_PATHS ("" is a plain fill)


@dataclass
class Plot:
    title: str
    categories: list[str]
    ylabel: str = ""
    log: bool = False
    log_ticks: tuple[float, ...] = ()  # log axis: the ticks to choose from
    tick_label: Callable[[float], str] | None = None
    headroom: float = 1.0  # linear axis: top of the axis as a multiple of the largest value
    lines: list[Line] = field(default_factory=list)
    bars: list[Bars] = field(default_factory=list)
    rules: list[float] = field(default_factory=list)  # dashed horizontal lines (a budget's 100 %)

    def line(self, label: str, values: Sequence[float | None], color: str, marker: str, dashed: bool = False) -> None:
        self.lines.append(Line(label, [float("nan") if _nan(v) else float(v) for v in values], color, marker, dashed))

    def stacked(self, label: str, heights: Sequence[float], color: str, hatch: str) -> None:
        self.bars.append(Bars(label, [float(h) for h in heights], color, hatch))

    def totals(self) -> list[float]:
        return [sum(series.heights[i] for series in self.bars) for i in range(len(self.categories))]

    def svg(self) -> str:
        return _Drawing(self).render()


# --- scales ----------------------------------------------------------------------------------

def nice_ticks(high: float) -> list[float]:
    """0 to at least ``high`` in 3-6 round steps (1, 2, 2.5 or 5 times a power of ten)."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(high / step - 1e-9)
    return [round(step * i, 10) for i in range(count + 1)]


def _linear_label(value: float) -> str:
    return f"{value:g}"


# --- markers and hatching --------------------------------------------------------------------

def _marker(shape: str, x: float, y: float, r: float = 3.5) -> str:
    """An SVG path for one marker centred on (x, y)."""
    if shape == "o":
        return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"
    if shape == "s":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r}v{2 * r}h{-2 * r}Z"
    if shape == "^":
        return f"M{x:.1f},{y - r * 1.2:.1f}L{x + r * 1.1:.1f},{y + r * 0.8:.1f}L{x - r * 1.1:.1f},{y + r * 0.8:.1f}Z"
    if shape == "v":
        return f"M{x:.1f},{y + r * 1.2:.1f}L{x + r * 1.1:.1f},{y - r * 0.8:.1f}L{x - r * 1.1:.1f},{y - r * 0.8:.1f}Z"
    if shape == "D":
        return f"M{x:.1f},{y - r * 1.2:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r * 1.2:.1f}L{x - r:.1f},{y:.1f}Z"
    if shape == "P":
        t = r / 2.5
        return (f"M{x - t:.1f},{y - r:.1f}h{2 * t:.1f}v{r - t:.1f}h{r - t:.1f}v{2 * t:.1f}h{t - r:.1f}v{r - t:.1f}"
                f"h{-2 * t:.1f}v{t - r:.1f}h{t - r:.1f}v{-2 * t:.1f}h{r - t:.1f}Z")
    if shape == "X":
        return f"M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}M{x + r:.1f},{y - r:.1f}L{x - r:.1f},{y + r:.1f}"
    points = []  # "*": a five-pointed star
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        radius = r * 1.3 if i % 2 == 0 else r * 0.55
        points.append(f"{x + radius * math.cos(angle):.1f},{y - radius * math.sin(angle):.1f}")
    return "M" + "L".join(points) + "Z"


MARKER_SHAPES = ("o", "s", "^", "D", "v", "P", "X", "*")
_STROKED_MARKERS = frozenset({"X"})  # drawn as strokes, not filled

# Hatching drawn in white over the series' colour, in an 8 x 8 tile.
HATCH_PATHS = {
    "": "",
    "///": "M-2,2L2,-2M0,8L8,0M6,10L10,6",
    "...": "M2,2h1.2v1.2h-1.2ZM6,6h1.2v1.2h-1.2Z",
    "xx": "M0,0L8,8M8,0L0,8",
    "\\\\": "M-2,6L2,10M0,0L8,8M6,-2L10,2",
    "++": "M4,0V8M0,4H8",
    "oo": "M4,2a2,2 0 1,0 0.01,0",
    "--": "M0,4H8",
}


# --- drawing ---------------------------------------------------------------------------------

class _Drawing:
    def __init__(self, plot: Plot) -> None:
        self.plot = plot
        self.parts: list[str] = []
        self.legend_rows = self._legend_rows()
        self.top = 34 + 18 * len(self.legend_rows)
        self.rotated = len(plot.categories) >= ROTATE_FROM
        self.bottom = HEIGHT - (62 if self.rotated else 34)
        self.left, self.right = LEFT, WIDTH - RIGHT
        self.ticks, self.low, self.high = self._y_axis()

    # y axis ------------------------------------------------------------------------------
    def _values(self) -> list[float]:
        found = [v for line in self.plot.lines for v in line.values if not _nan(v)]
        found += self.plot.totals() if self.plot.bars else []
        return found + list(self.plot.rules)

    def _y_axis(self) -> tuple[list[float], float, float]:
        values = self._values()
        if self.plot.log:
            positive = [v for v in values if v > 0] or [1.0]
            low, high = min(positive) / 1.5, max(positive) * 1.5  # a margin like matplotlib's
            ticks = [t for t in self.plot.log_ticks if low <= t <= high]
            ticks = ticks or [t for t in self.plot.log_ticks if t <= high][-1:] or [min(positive)]
            return ticks, math.log10(min(low, *ticks)), math.log10(max(high, *ticks))
        ticks = nice_ticks(max(values, default=0.0) * self.plot.headroom)
        return ticks, 0.0, ticks[-1]

    def y(self, value: float) -> float:
        position = math.log10(value) if self.plot.log else value
        span = (self.high - self.low) or 1.0
        return self.bottom - (position - self.low) / span * (self.bottom - self.top)

    def x(self, index: int) -> float:
        slot = (self.right - self.left) / max(len(self.plot.categories), 1)
        return self.left + (index + 0.5) * slot

    # legend ------------------------------------------------------------------------------
    def _legend_items(self) -> list[tuple[str, object]]:
        return [(series.label, series) for series in self.plot.bars] + [(line.label, line) for line in self.plot.lines]

    def _legend_rows(self) -> list[list[tuple[str, object, float]]]:
        rows: list[list[tuple[str, object, float]]] = [[]]
        used = 0.0
        for label, series in self._legend_items():
            width = 30 + 6.2 * len(label)
            if rows[-1] and used + width > WIDTH - LEFT - RIGHT:
                rows.append([])
                used = 0.0
            rows[-1].append((label, series, width))
            used += width
        return [row for row in rows if row]

    def _legend(self) -> None:
        for number, row in enumerate(self.legend_rows):
            x, y = float(self.left), 36 + 18 * number
            for label, series, width in row:
                if isinstance(series, Bars):
                    self.parts.append(f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="16" height="10" fill="{self._fill(series)}"/>')
                else:
                    dash = ' stroke-dasharray="5,3"' if series.dashed else ""
                    self.parts.append(f'<path d="M{x:.1f},{y:.1f}h18" stroke="{series.color}" stroke-width="1.8"{dash}/>')
                    self._marker(series, x + 9, y)
                self.parts.append(f'<text x="{x + 23:.1f}" y="{y + 4:.1f}" font-size="11" fill="{INK}" {FONT}>{escape(label)}</text>')
                x += width

    # parts -------------------------------------------------------------------------------
    def _fill(self, series: Bars) -> str:
        return f"url(#hatch-{self.plot.bars.index(series)})" if HATCH_PATHS.get(series.hatch) else series.color

    def _patterns(self) -> None:
        defs = []
        for index, series in enumerate(self.plot.bars):
            path = HATCH_PATHS.get(series.hatch, "")
            if path:
                defs.append(f'<pattern id="hatch-{index}" patternUnits="userSpaceOnUse" width="8" height="8">'
                            f'<rect width="8" height="8" fill="{series.color}"/>'
                            f'<path d="{path}" stroke="#ffffff" stroke-width="1.1" fill="#ffffff" fill-opacity="0.9"/></pattern>')
        if defs:
            self.parts.append("<defs>" + "".join(defs) + "</defs>")

    def _marker(self, line: Line, x: float, y: float) -> None:
        path = _marker(line.marker, x, y)
        if line.marker in _STROKED_MARKERS:
            self.parts.append(f'<path d="{path}" stroke="{line.color}" stroke-width="2" fill="none"/>')
        else:
            self.parts.append(f'<path d="{path}" fill="{line.color}"/>')

    def _axes(self) -> None:
        label = self.plot.tick_label or _linear_label
        for tick in self.ticks:
            y = self.y(tick)
            self.parts.append(f'<path d="M{self.left},{y:.1f}H{self.right}" stroke="#000000" stroke-opacity="0.15" stroke-width="0.8"/>')
            self.parts.append(f'<text x="{self.left - 6}" y="{y + 4:.1f}" font-size="11" fill="{INK}" text-anchor="end" {FONT}>'
                              f'{escape(label(tick))}</text>')
        self.parts.append(f'<path d="M{self.left},{self.top}V{self.bottom}H{self.right}" stroke="{INK}" stroke-width="1" fill="none"/>')
        for index, category in enumerate(self.plot.categories):
            x = self.x(index)
            self.parts.append(f'<path d="M{x:.1f},{self.bottom}v4" stroke="{INK}" stroke-width="1"/>')
            if self.rotated:
                self.parts.append(f'<text transform="translate({x + 3:.1f},{self.bottom + 14}) rotate(-45)" font-size="11" '
                                  f'fill="{INK}" text-anchor="end" {FONT}>{escape(category)}</text>')
            else:
                self.parts.append(f'<text x="{x:.1f}" y="{self.bottom + 17}" font-size="11" fill="{INK}" text-anchor="middle" {FONT}>'
                                  f'{escape(category)}</text>')
        if self.plot.ylabel:
            middle = (self.top + self.bottom) / 2
            self.parts.append(f'<text transform="translate(16,{middle:.1f}) rotate(-90)" font-size="11" fill="{MUTED}" '
                              f'text-anchor="middle" {FONT}>{escape(self.plot.ylabel)}</text>')

    def _bars(self) -> None:
        slot = (self.right - self.left) / max(len(self.plot.categories), 1)
        width = slot * 0.8
        bottoms = [0.0] * len(self.plot.categories)
        for series in self.plot.bars:
            fill = self._fill(series)
            for index, height in enumerate(series.heights):
                if height > 0:
                    top, base = self.y(bottoms[index] + height), self.y(bottoms[index])
                    self.parts.append(f'<rect x="{self.x(index) - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
                                      f'height="{base - top:.1f}" fill="{fill}" stroke="#ffffff" stroke-width="0.5"/>')
                bottoms[index] += height

    def _lines(self) -> None:
        for value in self.plot.rules:
            y = self.y(value)
            self.parts.append(f'<path d="M{self.left},{y:.1f}H{self.right}" stroke="#000000" stroke-width="1" stroke-dasharray="5,3"/>')
        for line in self.plot.lines:
            points = [(self.x(i), self.y(v)) if not _nan(v) and (v > 0 or not self.plot.log) else None
                      for i, v in enumerate(line.values)]
            runs, current = [], []
            for point in points + [None]:  # a missing value ends a run: no line across it
                if point is None:
                    if current:
                        runs.append(current)
                    current = []
                else:
                    current.append(point)
            dash = ' stroke-dasharray="5,3"' if line.dashed else ""
            for run in runs:
                if len(run) > 1:
                    path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run)
                    self.parts.append(f'<path d="{path}" stroke="{line.color}" stroke-width="1.8" fill="none"{dash}/>')
                for x, y in run:
                    self._marker(line, x, y)

    def render(self) -> str:
        self.parts.append(f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
        self._patterns()
        self.parts.append(f'<text x="{WIDTH / 2}" y="20" font-size="13" fill="{INK}" text-anchor="middle" {FONT}>'
                          f'{escape(self.plot.title)}</text>')
        self._axes()
        self._bars()
        self._lines()
        self._legend()
        body = "\n".join(self.parts)
        return ('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
                f'version="1.1">\n{body}\n</svg>\n')
