"""Charts drawn on the server as inline SVG (no script, no chart library): plain geometry computed
here, drawn by templates/program/_chart.html, with the same figures in a table beside it.

Series differ by line pattern and marker shape as well as by colour, and are labelled at their end,
so the chart reads in greyscale and for people who do not tell the colours apart."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 84, 16, 40  # margins: axis labels left and below, series and guide labels right

# (colour, dash pattern, marker) per series, in order; all three differ.
STYLES = (
    ("#1f5f99", "", "circle"),
    ("#8a4b00", "6 4", "square"),
    ("#2e7d32", "2 3", "triangle"),
)


@dataclass(frozen=True)
class Tick:
    value: float
    position: float  # y for the value axis, x for the quarters
    label: str


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    value: float
    label: str  # the quarter


@dataclass(frozen=True)
class Series:
    name: str
    short: str  # the label at the line's end (e.g. the province's code)
    colour: str
    dash: str
    marker: str
    marks: tuple[Mark, ...]
    path: str  # the polyline's points, "x,y x,y …" (marks with a value only)
    end_label_y: float


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    center: float
    width: float
    height: float
    value: float
    label: str


@dataclass(frozen=True)
class Guide:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    guides: tuple[Guide, ...]
    series: tuple[Series, ...] = ()
    bars: tuple[Bar, ...] = ()


def nice_top(highest: float, floor: float) -> float:
    """A round top for the value axis at or above `highest` and `floor`."""
    top = max(highest, floor, 1.0)
    magnitude = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= top:
            return float(step * magnitude)
    return float(10 * magnitude)


def _scale(top: float) -> tuple[float, float]:
    plot_height = HEIGHT - TOP - BOTTOM
    return plot_height / top, float(HEIGHT - BOTTOM)


def _y(value: float, top: float) -> float:
    per_unit, baseline = _scale(top)
    return round(baseline - value * per_unit, 1)


def _x_positions(n: int) -> list[float]:
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / max(n, 1)
    return [round(LEFT + step * (i + 0.5), 1) for i in range(n)]


def _x_ticks(labels: list[str], xs: list[float]) -> tuple[Tick, ...]:
    every = max(1, math.ceil(len(labels) / 8))  # at most 8 labels under the axis
    return tuple(Tick(i, xs[i], labels[i]) for i in range(0, len(labels), every))


def _y_ticks(top: float, suffix: str) -> tuple[Tick, ...]:
    values = [top * i / 4 for i in range(5)]
    return tuple(Tick(v, _y(v, top), f"{number_format(int(v) if v == int(v) else v)}{suffix}") for v in values)


def bar_chart(
    key: str,
    title: str,
    description: str,
    labels: list[str],
    values: list[int],
    guides: list[tuple[float, str]],
) -> Chart:
    top = nice_top(max(values, default=0), max((g for g, _ in guides), default=0))
    xs = _x_positions(len(labels))
    width = round(0.6 * (WIDTH - LEFT - RIGHT) / max(len(labels), 1), 1)
    bars = tuple(
        Bar(
            x=round(x - width / 2, 1),
            y=_y(v, top),
            center=x,
            width=width,
            height=round(_y(0, top) - _y(v, top), 1),
            value=v,
            label=q,
        )
        for x, v, q in zip(xs, values, labels, strict=True)
    )
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        y_ticks=_y_ticks(top, ""),
        x_ticks=_x_ticks(labels, xs),
        guides=tuple(Guide(_y(g, top), text) for g, text in guides),
        bars=bars,
    )


def line_chart(
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, str, list[float | None]]],
    guides: list[tuple[float, str]],
    suffix: str = "",
) -> Chart:
    highest = max((v for _, _, values in series for v in values if v is not None), default=0.0)
    top = nice_top(highest, max((g for g, _ in guides), default=0))
    xs = _x_positions(len(labels))
    drawn = []
    for (name, short, values), (colour, dash, marker) in zip(series, STYLES, strict=False):
        marks = tuple(Mark(x, _y(v, top), v, q) for x, v, q in zip(xs, values, labels, strict=True) if v is not None)
        drawn.append(
            Series(
                name=name,
                short=short,
                colour=colour,
                dash=dash,
                marker=marker,
                marks=marks,
                path=" ".join(f"{m.x},{m.y}" for m in marks),
                end_label_y=marks[-1].y if marks else _y(0, top),
            )
        )
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        y_ticks=_y_ticks(top, suffix),
        x_ticks=_x_ticks(labels, xs),
        guides=tuple(Guide(_y(g, top), text) for g, text in guides),
        series=_spread_end_labels(drawn),
    )


def _spread_end_labels(series: list[Series], gap: float = 12.0) -> tuple[Series, ...]:
    """Move the labels at the lines' ends apart so they never overlap."""
    order = sorted(range(len(series)), key=lambda i: series[i].end_label_y)
    placed: dict[int, float] = {}
    last = -math.inf
    for i in order:
        y = max(series[i].end_label_y, last + gap)
        placed[i] = y
        last = y
    return tuple(
        Series(s.name, s.short, s.colour, s.dash, s.marker, s.marks, s.path, round(placed[i], 1))
        for i, s in enumerate(series)
    )
