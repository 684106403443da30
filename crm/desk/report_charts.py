"""Charts of the reports as server-rendered SVG geometry (no JavaScript, no library, no CDN).

A chart is computed here as plain shapes — rectangles and texts with coordinates and a
CSS class — and written by ``templates/pages/_report_chart.html`` as an ``<svg>`` with a
``viewBox``, so it scales with the page (phone to desktop). Colours come from classes in
``static/css/app.css`` (the strict CSP allows no inline style); every bar carries a
``<title>`` with its series and number, and the legend is HTML beside the chart (it wraps
on a phone and is translated like any text).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence

# A phone shows the chart at about its own size (358 px of a 390 px screen): its text
# stays readable there, and a laptop shows it larger (``.chart`` caps the width).
WIDTH = 360
LABEL_WIDTH = 112
VALUE_ROOM = 30
BAR = 14
GAP = 8
TOP = 6
MAX_LABEL = 17  # width of a category label (a Chinese character counts 2) before "…"


@dataclasses.dataclass(frozen=True)
class Series:
    key: str
    label: str
    css: str
    values: Sequence[float]


@dataclasses.dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclasses.dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str = "label"
    anchor: str = "start"


@dataclasses.dataclass
class Chart:
    title: str
    width: int
    height: int
    rects: list[Rect]
    texts: list[Text]
    lines: list[tuple[float, float, float, float]]
    legend: list[tuple[str, str]]

    @property
    def empty(self) -> bool:
        return not self.rects


def _cut(label: str) -> str:
    """The label, cut with "…" where it would run into the bars."""
    width = 0
    for index, char in enumerate(label):
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width > MAX_LABEL:
            return label[: max(1, index - 1)] + "…"
    return label


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _chart(title, height, rects, texts, axis, series: Sequence[Series]) -> Chart:
    """A chart of the full width, with its ``axis`` line and a legend entry per series."""
    legend = [(s.css, s.label) for s in series]
    return Chart(title, WIDTH, height, rects, texts, [axis], legend)


def _bar(x, y, width, height, series: Series, category: str, value: float) -> Rect:
    """A bar of ``series`` for ``category``, titled with its number (the SVG ``<title>``)."""
    title = f"{category} · {series.label}: {_number(value)}"
    return Rect(round(x, 1), round(y, 1), round(width, 1), height, series.css, title)


def bars(
    title: str,
    categories: Sequence[str],
    right: Sequence[Series],
    *,
    left: Sequence[Series] = (),
    grouped: bool = False,
) -> Chart:
    """Horizontal bars, one band per category.

    ``right`` series stack to the right of the axis; ``left`` ones (a ledger's other side)
    to the left, for a balance read at a glance. ``grouped`` draws one thin bar per series
    instead of a stack (for measures that overlap, such as open and overdue).
    """
    series = [*left, *right]
    band = (len(series) * (BAR * 0.7) if grouped else BAR) + GAP
    plot_from = LABEL_WIDTH + (VALUE_ROOM if left else 0)
    plot_to = WIDTH - VALUE_ROOM
    if left:
        axis = (plot_from + plot_to) / 2
        half = (plot_to - plot_from) / 2
    else:
        axis, half = plot_from, plot_to - plot_from

    def total(group: Sequence[Series], i: int) -> float:
        if grouped:
            return max((float(s.values[i]) for s in group), default=0.0)
        return sum(float(s.values[i]) for s in group)

    largest = max(
        (total(side, i) for side in (left, right) for i in range(len(categories))), default=0.0
    )
    scale = half / largest if largest else 0.0

    def value_text(direction: int, reach: float, y: float, value: float) -> Text:
        """The number written just past a bar's end ``reach`` from the axis, on its side."""
        anchor = "start" if direction > 0 else "end"
        return Text(axis + direction * (reach + 3), y, _number(value), "value", anchor)

    rects: list[Rect] = []
    texts: list[Text] = []
    for i, category in enumerate(categories):
        y = TOP + i * band
        texts.append(Text(4, y + band / 2 + 1, _cut(category)))
        for side, direction in ((right, 1), (left, -1)):
            offset = 0.0
            for k, s in enumerate(side):
                value = float(s.values[i])
                length = value * scale
                bar_y = y + (k * BAR * 0.7 if grouped else 0)
                height = BAR * 0.7 - 1 if grouped else BAR
                if length > 0:
                    x = axis + offset if direction > 0 else axis - offset - length
                    rects.append(_bar(x, bar_y, length, height, s, category, value))
                if not grouped:
                    offset += length
                elif value or length:
                    texts.append(value_text(direction, length, bar_y + height - 1, value))
            if not grouped and side:
                amount = total(side, i)
                if amount:
                    texts.append(value_text(direction, offset, y + BAR - 2, amount))
    height = int(TOP * 2 + max(1, len(categories)) * band)
    return _chart(title, height, rects, texts, (axis, 0, axis, height), series)


def columns(title: str, categories: Sequence[str], stacked: Sequence[Series]) -> Chart:
    """Vertical stacked columns, one per category (the twelve months of a year)."""
    plot_height, label_room = 120, 20
    step = (WIDTH - 8) / max(1, len(categories))
    sums = [sum(float(s.values[i]) for s in stacked) for i in range(len(categories))]
    largest = max(sums, default=0.0)
    scale = (plot_height - 16) / largest if largest else 0.0
    rects: list[Rect] = []
    texts: list[Text] = []
    base = TOP + plot_height
    for i, category in enumerate(categories):
        x = 4 + i * step + step * 0.15
        width = step * 0.7
        offset = 0.0
        for s in stacked:
            value = float(s.values[i])
            length = value * scale
            if length > 0:
                top = base - offset - length
                rects.append(_bar(x, top, width, round(length, 1), s, category, value))
            offset += length
        if sums[i]:
            texts.append(
                Text(x + width / 2, base - offset - 3, _number(sums[i]), "value", "middle")
            )
        texts.append(Text(x + width / 2, base + label_room - 4, category, "label", "middle"))
    height = int(base + label_room + TOP)
    return _chart(title, height, rects, texts, (4, base, WIDTH - 4, base), stacked)
