"""SVG chart geometry as pure functions returning plain data; templates draw it.

Nothing here queries the database: views pass in rows they fetched.
"""

from dataclasses import dataclass, field
from datetime import date

# Colour per paper kind, readable on white and distinct for common colour blindness
# (Okabe-Ito palette).
KIND_COLOURS = {
    "conference": "#0072B2",
    "journal": "#D55E00",
    "preprint": "#009E73",
    "book": "#CC79A7",
    "thesis": "#E69F00",
    "patent": "#56B4E9",
    "other": "#7f7f7f",
}
KIND_ORDER = list(KIND_COLOURS)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # the <title> a reader hovers or a screen reader reads


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    gridlines: list[tuple[float, str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    rows: list = field(default_factory=list)  # career timeline rows
    marks: list = field(default_factory=list)  # paper ticks on the timeline
    note: str = ""  # what the drawing means beyond the summary
    top: int = 0
    bottom: int = 0
    left: int = 0


def papers_per_year(counts, *, width=640, height=220, stacked=True):
    """Bars per year, stacked by kind. counts: iterable of (year, kind, n); None years skipped.

    papers_per_year([(2023, "conference", 3), (2024, "preprint", 1)]) -> Chart with 2 bars.
    """
    by_year = {}
    for year, kind, n in counts:
        if year is None or not n:
            continue
        by_year.setdefault(year, {}).setdefault(kind or "other", 0)
        by_year[year][kind or "other"] += n
    chart = Chart(width=width, height=height, left=36, top=12, bottom=height - 28)
    if not by_year:
        chart.summary = "No dated papers."
        return chart
    years = list(range(min(by_year), max(by_year) + 1))
    totals = {year: sum(by_year.get(year, {}).values()) for year in years}
    peak = max(totals.values())
    plot_height = chart.bottom - chart.top
    slot = (width - chart.left - 8) / len(years)
    bar_width = max(2.0, slot * 0.72)
    for index, year in enumerate(years):
        x = chart.left + index * slot + (slot - bar_width) / 2
        y = chart.bottom
        for kind in KIND_ORDER:
            n = by_year.get(year, {}).get(kind, 0)
            if not n:
                continue
            h = plot_height * n / peak
            y -= h
            chart.bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(bar_width, 1),
                    round(h, 1),
                    KIND_COLOURS[kind],
                    f"{year}: {n} {kind} paper{'s' if n != 1 else ''}",
                )
            )
        every = max(1, round(len(years) / 8))
        if index % every == 0 or index == len(years) - 1:
            chart.ticks.append(Tick(round(x + bar_width / 2, 1), str(year)))
    step = _nice_step(peak)
    value = step
    while value <= peak:
        chart.gridlines.append((round(chart.bottom - plot_height * value / peak, 1), str(value)))
        value += step
    present = {kind for counts_ in by_year.values() for kind in counts_}
    chart.legend = [(kind, KIND_COLOURS[kind]) for kind in KIND_ORDER if kind in present]
    total = sum(totals.values())
    busiest = max(years, key=lambda year: totals[year])
    chart.summary = (
        f"{total} paper{'s' if total != 1 else ''} from {years[0]} to {years[-1]}; "
        f"most in {busiest} ({totals[busiest]})."
    )
    return chart


def _nice_step(peak):
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if peak / step <= 5:
            return step
    return max(1, peak // 5)


# Width of the arrowhead that ends an ongoing entry's bar: the bar stops at the capture date,
# and the entry goes on past it.
ARROW = 8


@dataclass
class Span:
    """One bar of the career timeline: an education or a job entry."""

    label: str
    detail: str
    kind: str  # "education" or "job"
    start: float | None  # fractional years: 2020.5 is July 2020
    end: float | None
    open_end: bool


def as_years(year, month):
    if year is None:
        return None
    return year + ((month or 1) - 1) / 12


def career_timeline(spans, paper_years, *, as_of=None, width=720, row_height=22):
    """Education and jobs as bars on one year axis, papers as ticks below.

    spans: list of Span; paper_years: {year: count}. Ongoing (open-ended) bars run to as_of,
    the capture date of the person's documents (today only when there is none), and end in
    an arrowhead: `body_width` is the rectangle's, `arrow` the arrowhead's polygon points.
    """
    until_text = f"{as_of.day} {as_of:%B %Y}" if as_of else "today"
    as_of = as_of or date.today()
    now = as_of.year + (as_of.month - 1) / 12 + (as_of.day - 1) / 365
    dated = [s for s in spans if s.start is not None or s.end is not None]
    points = [v for s in dated for v in (s.start, s.end) if v is not None]
    points += [float(y) for y in paper_years]
    if any(s.open_end for s in dated):
        points.append(now)
    chart = Chart(width=width, height=0, left=20)
    if not points:
        chart.summary = "No dates to draw."
        return chart
    first, last = int(min(points)), int(max(points)) + 1
    scale = (width - chart.left - 20) / max(1, last - first)

    def x_of(value):
        return round(chart.left + (value - first) * scale, 1)

    chart.top = 8
    y = chart.top
    for span in sorted(dated, key=lambda s: (s.kind != "education", -(s.start or s.end or 0))):
        start = span.start if span.start is not None else span.end
        end = span.end if span.end is not None else (now if span.open_end else start + 1 / 12)
        end = max(end, start + 1 / 12)
        colour = "#6a3d9a" if span.kind == "education" else "#1f78b4"
        until = f"ongoing ({until_text})" if span.open_end else _year_text(span.end)
        bar_x, bar_width = x_of(start), max(3.0, round(x_of(end) - x_of(start), 1))
        arrow, body_width = "", bar_width
        if span.open_end:
            bar_width = max(bar_width, ARROW + 4.0)
            body_width = round(bar_width - ARROW, 1)
            base, tip, middle = bar_x + body_width, bar_x + bar_width, y + (row_height - 6) / 2
            arrow = " ".join(
                f"{round(px, 1)},{round(py, 1)}"
                for px, py in [(base - 1, y), (tip, middle), (base - 1, y + row_height - 6)]
            )
        label = span.label if len(span.label) <= 40 else span.label[:39] + "…"
        text_width = len(label) * 6.2 + 8
        # The label goes inside a bar wide enough for it, else beside it, on the side with room.
        if text_width <= bar_width:
            placement, text_x, anchor = "inside", bar_x + 4, "start"
        elif bar_x + bar_width + text_width <= width:
            placement, text_x, anchor = "after", bar_x + bar_width + 4, "start"
        else:
            placement, text_x, anchor = "before", bar_x - 4, "end"
        chart.rows.append(
            {
                "x": bar_x,
                "y": y,
                "width": bar_width,
                "body_width": body_width,
                "arrow": arrow,
                "height": row_height - 6,
                "colour": colour,
                "open_end": span.open_end,
                "label": label,
                "placement": placement,
                "text_x": round(text_x, 1),
                "anchor": anchor,
                "title": f"{span.label}: {_year_text(start)}–{until}. {span.detail}".strip(),
            }
        )
        y += row_height
    papers_y = y + 6
    peak = max(paper_years.values(), default=0)
    for year, n in sorted(paper_years.items()):
        h = 6 + 18 * n / peak if peak else 0
        chart.marks.append(
            {
                "x": x_of(year + 0.5) - 2,
                "y": round(papers_y + 24 - h, 1),
                "height": round(h, 1),
                "title": f"{year}: {n} paper{'s' if n != 1 else ''}",
            }
        )
    chart.bottom = papers_y + 24
    chart.height = int(chart.bottom + 22)
    every = max(1, round((last - first) / 10))
    chart.ticks = [Tick(x_of(year), str(year)) for year in range(first, last + 1, every)]
    chart.gridlines = [(x_of(year), str(year)) for year in range(first, last + 1, every)]
    jobs = sum(1 for s in dated if s.kind == "job")
    studies = len(dated) - jobs
    chart.summary = (
        f"Career from {first} to {last - 1 if last - 1 >= first else first}: {studies} "
        f"education entr{'ies' if studies != 1 else 'y'}, {jobs} position"
        f"{'s' if jobs != 1 else ''}, {sum(paper_years.values())} dated papers."
    )
    if any(s.open_end for s in dated):
        chart.note = f"An arrow ends an ongoing entry, drawn to {until_text}."
    return chart


def _year_text(value):
    return str(int(value)) if value is not None else "?"
