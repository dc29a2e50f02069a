"""Charts drawn on the server as inline SVG, so that they need no JavaScript and look the
same on a phone, on paper and in a PDF (WeasyPrint renders inline SVG).

Each chart comes with its numbers as a table: the SVG is a picture (role="img" with
a title and a description), the table is what screen readers and print rely on.
Colours meet 3:1 against white, and the series also differ by line pattern and
marker, so nothing depends on colour alone.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 480

FONT = 'font-family="Arial, Helvetica, sans-serif"'

INK = "#0b0c0c"

MUTED = "#505a5f"

GRID = "#b1b4b6"

BASELINE_COLOUR = "#505a5f"

TARGET_COLOUR = "#00703c"

HIGHLIGHT = "#1d70b8"

# (colour, dash pattern, marker) per series; the city comes first.
SERIES_STYLES = [
    ("#1d70b8", "", "circle"),
    ("#4c2c92", "8 4", "square"),
    ("#d4351c", "2 3", "triangle"),
    ("#505a5f", "10 3 2 3", "diamond"),
    ("#912b88", "4 2", "circle"),
]

MAX_AREAS = len(SERIES_STYLES) - 1


@dataclass
class Chart:
    """An SVG picture and the same numbers as a table (first cell of each row is its header)."""

    chart_id: str
    title: str
    description: str
    svg: str
    caption: str
    headers: list
    rows: list
    notes: list = field(default_factory=list)


def format_number(value):
    """A number shown the UK way, without needless trailing zeros: 1,234.5."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, force_grouping=True)


def format_date(value):
    return date_format(value, "j F Y")


def _nice_step(span, target_ticks=5):
    if span <= 0:
        return 1.0
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _nice_range(values):
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if min(values) >= 0 > low:
        low = 0.0
    ticks, tick = [], low
    while tick <= high + step / 1000:
        ticks.append(round(tick, 10))
        tick += step
    return low, high, ticks


def _tick_label(value):
    return format_number(Decimal(str(value)))


def _marker(shape, x, y, colour, size=4.5):
    if shape == "square":
        side = 2 * size
        return f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{side:.1f}" height="{side:.1f}" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - size - 1:.1f} {x - size - 1:.1f},{y + size:.1f} {x + size + 1:.1f},{y + size:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        s = size + 1
        points = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} {x - s:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


def _svg(chart_id, title, description, height, body):
    return mark_safe(  # every text in body is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def indicator_chart(indicator, readings, *, chart_id=None):
    """A line chart of an indicator's readings over time: the city, and up to four areas,
    with the baseline and the target marked.

    ``readings`` are IndicatorReading objects of this indicator (area "" is the city).
    """
    chart_id = chart_id or f"indicator-{indicator.pk}-chart"
    series = {}
    for reading in sorted(readings, key=lambda r: (r.area, r.date)):
        series.setdefault(reading.area, []).append((reading.date, reading.value))
    areas = sorted(name for name in series if name)
    shown_areas = areas[:MAX_AREAS]
    ordered = ([("", series[""])] if "" in series else []) + [(name, series[name]) for name in shown_areas]

    direction = _("Higher is better.") if indicator.higher_is_better else _("Lower is better.")
    title = _("%(name)s (%(unit)s)") % {"name": indicator.name, "unit": indicator.unit}
    description = _describe_indicator(indicator, ordered, direction)

    dates = [d for _, points in ordered for d, _ in points]
    values = [float(v) for _, points in ordered for _, v in points]
    for when, value in (
        (indicator.baseline_date, indicator.baseline_value),
        (indicator.target_date, indicator.target_value),
    ):
        if value is not None:
            values.append(float(value))
        if when is not None:
            dates.append(when)

    notes = [direction]
    if len(areas) > MAX_AREAS:
        notes.append(_("The chart shows the first %(n)d areas; the table has them all.") % {"n": MAX_AREAS})
    height = 300
    if not dates or not values:
        body = (
            f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" {FONT} font-size="16" fill="{INK}">'
            f"{escape(_('No readings yet.'))}</text>"
        )
        svg = _svg(chart_id, title, description, height, body)
    else:
        svg = _svg(
            chart_id,
            title,
            description,
            height + 20 * ((len(ordered) + 2) // 2),
            _line_body(indicator, ordered, dates, values, direction, height),
        )

    all_dates = sorted({r.date for r in readings})
    headers = [_("Date"), _("City")] + areas if "" in series or not areas else [_("Date")] + areas
    by_key = {(r.area, r.date): r.value for r in readings}
    columns = ([""] if "" in series or not areas else []) + areas
    rows = [[format_date(d)] + [format_number(by_key.get((area, d))) for area in columns] for d in all_dates]
    for label, when, value in (
        (_("Baseline"), indicator.baseline_date, indicator.baseline_value),
        (_("Target"), indicator.target_date, indicator.target_value),
    ):
        if value is not None:
            notes.append(
                _("%(label)s: %(value)s %(unit)s%(when)s.")
                % {
                    "label": label,
                    "value": format_number(value),
                    "unit": indicator.unit,
                    "when": (" (" + format_date(when) + ")") if when else "",
                }
            )
    caption = _("Readings of %(name)s, in %(unit)s") % {"name": indicator.name, "unit": indicator.unit}
    return Chart(chart_id, title, description, svg, caption, headers, rows, notes)


def _describe_indicator(indicator, ordered, direction):
    parts = []
    city = dict(ordered).get("")
    if city:
        first_date, first_value = city[0]
        last_date, last_value = city[-1]
        parts.append(
            _("City: %(first)s on %(first_date)s, %(last)s on %(last_date)s.")
            % {
                "first": format_number(first_value),
                "first_date": format_date(first_date),
                "last": format_number(last_value),
                "last_date": format_date(last_date),
            }
        )
    elif not ordered:
        parts.append(_("No readings yet."))
    if indicator.baseline_value is not None:
        parts.append(_("Baseline %(value)s.") % {"value": format_number(indicator.baseline_value)})
    if indicator.target_value is not None:
        parts.append(_("Target %(value)s.") % {"value": format_number(indicator.target_value)})
    parts.append(str(direction))
    return " ".join(parts)


def _line_body(indicator, ordered, dates, values, direction, height):
    left, right, top, bottom = 56, 16, 34, height - 40
    y_low, y_high, y_ticks = _nice_range(values)
    start, end = min(dates), max(dates)
    span_days = max((end - start).days, 1)

    def x_of(when):
        if start == end:
            return (left + WIDTH - right) / 2
        return left + (when - start).days / span_days * (WIDTH - right - left)

    def y_of(value):
        return bottom - (float(value) - y_low) / (y_high - y_low) * (bottom - top)

    out = [f'<rect x="0" y="0" width="{WIDTH}" height="100%" fill="#ffffff"/>']
    out.append(
        f'<text x="{left}" y="18" {FONT} font-size="14" fill="{INK}">{escape(indicator.unit)}</text>'
        f'<text x="{WIDTH - right}" y="18" text-anchor="end" {FONT} font-size="14" font-weight="bold" '
        f'fill="{INK}">{escape(direction)}</text>'
    )
    for tick in y_ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 5:.1f}" text-anchor="end" {FONT} font-size="14" fill="{INK}">'
            f"{escape(_tick_label(tick))}</text>"
        )
    years = list(range(start.year, end.year + 1))
    step = max(1, math.ceil(len(years) / 6))
    for year in years[::step]:
        when = date(year, 1, 1) if year != start.year else start
        x = x_of(max(when, start))
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="{INK}"/>'
            f'<text x="{x:.1f}" y="{bottom + 20}" text-anchor="middle" {FONT} font-size="14" fill="{INK}">'
            f"{year}</text>"
        )
    out.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="{INK}"/>')

    for label, value, when, colour in (
        (_("Baseline"), indicator.baseline_value, indicator.baseline_date, BASELINE_COLOUR),
        (_("Target"), indicator.target_value, indicator.target_date, TARGET_COLOUR),
    ):
        if value is None:
            continue
        y = y_of(value)
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - right - 2}" y="{y - 5:.1f}" text-anchor="end" {FONT} font-size="14" '
            f'fill="{colour}">{escape(label)} {escape(format_number(value))}</text>'
        )
        if when is not None:
            out.append(_marker("diamond", x_of(when), y, colour, 5))

    for index, (area, points) in enumerate(ordered):
        colour, dash, shape = SERIES_STYLES[index]
        coords = " ".join(f"{x_of(d):.1f},{y_of(v):.1f}" for d, v in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        width = 3 if area == "" else 2
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr} '
            f'stroke-linejoin="round"/>'
        )
        out.extend(_marker(shape, x_of(d), y_of(v), colour) for d, v in points)

    out.extend(_line_legend(ordered, left, bottom + 44))
    return "".join(out)


def _line_legend(ordered, left, legend_y):
    """One key per series, two to a row, below the chart."""
    items = [(area or _("City"), *SERIES_STYLES[i]) for i, (area, _points) in enumerate(ordered)]
    out = []
    for i, (label, colour, dash, shape) in enumerate(items):
        x = left + (i % 2) * 210
        y = legend_y + (i // 2) * 20
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" x2="{x + 28}" y1="{y - 5}" y2="{y - 5}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f"{_marker(shape, x + 14, y - 5, colour)}"
            f'<text x="{x + 36}" y="{y}" {FONT} font-size="14" fill="{INK}">{escape(label)}</text>'
        )
    return out


def survey_chart(results, *, current_issue=None, chart_id="survey-chart"):
    """A horizontal bar chart of the share of residents ranking each issue among the most
    important, largest first, the current issue highlighted.

    ``results`` are SurveyResult objects with their issue loaded (one per issue).
    """
    results = sorted(results, key=lambda r: (-r.share_percent, r.issue.name))
    current_id = getattr(current_issue, "pk", None)
    title = _("Residents' survey: share ranking each issue among the most important")
    if current_issue is not None:
        mine = next((r for r in results if r.issue_id == current_id), None)
        if mine is not None:
            rank = results.index(mine) + 1
            description = ngettext(
                "%(issue)s: %(share)s%% of residents (rank %(rank)d of %(n)d issue). "
                "Highest: %(top)s at %(top_share)s%%.",
                "%(issue)s: %(share)s%% of residents (rank %(rank)d of %(n)d issues). "
                "Highest: %(top)s at %(top_share)s%%.",
                len(results),
            ) % {
                "issue": current_issue.name,
                "share": format_number(mine.share_percent),
                "rank": rank,
                "n": len(results),
                "top": results[0].issue.name,
                "top_share": format_number(results[0].share_percent),
            }
        else:
            description = _("%(issue)s has no survey result yet.") % {"issue": current_issue.name}
    elif results:
        description = ngettext(
            "%(n)d issue; highest %(top)s at %(top_share)s%%.",
            "%(n)d issues; highest %(top)s at %(top_share)s%%.",
            len(results),
        ) % {
            "n": len(results),
            "top": results[0].issue.name,
            "top_share": format_number(results[0].share_percent),
        }
    else:
        description = _("No survey results yet.")

    row_height, top, left, right = 46, 10, 8, 64
    height = top + row_height * max(len(results), 1) + 10
    out = [f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    scale_max = 100.0 if not results else max(50.0, math.ceil(float(results[0].share_percent) / 10) * 10)
    bar_space = WIDTH - left - right
    for i, result in enumerate(results):
        is_current = result.issue_id == current_id
        y = top + i * row_height
        colour = HIGHLIGHT if is_current else MUTED
        width = max(float(result.share_percent) / scale_max * bar_space, 1)
        weight = ' font-weight="bold"' if is_current else ""
        label = result.issue.name + (" " + _("(this issue)") if is_current else "")
        out.append(
            f'<text x="{left}" y="{y + 15}" {FONT} font-size="14" fill="{INK}"{weight}>{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 21}" width="{width:.1f}" height="18" fill="{colour}"/>'
            f'<text x="{left + width + 6:.1f}" y="{y + 35}" {FONT} font-size="14" fill="{INK}"{weight}>'
            f"{escape(format_number(result.share_percent))}%</text>"
        )
    if not results:
        out.append(
            f'<text x="{WIDTH / 2}" y="{height / 2 + 5}" text-anchor="middle" {FONT} font-size="16" fill="{INK}">'
            f"{escape(_('No survey results yet.'))}</text>"
        )
    svg = _svg(chart_id, title, description, height, "".join(out))
    headers = [_("Issue"), _("Share of residents (%)"), _("Sample size"), _("Survey date")]
    rows = [
        [
            r.issue.name + (" " + _("(this issue)") if r.issue_id == current_id else ""),
            format_number(r.share_percent),
            format_number(r.sample_size),
            format_date(r.survey_date),
        ]
        for r in results
    ]
    caption = _("Residents' survey results")
    return Chart(chart_id, title, description, svg, caption, headers, rows)
