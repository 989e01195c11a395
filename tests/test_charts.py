"""Chart geometry as pure functions, and "Present" kept as ongoing from import to page."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from profiles.charts import ARROW, Span, as_years, career_timeline
from profiles.models import Job, SourceDocument
from profiles.templatetags.portfolio import period
from tests.factories import cv, import_cv, make_organization, make_person

CAPTURED = date(2026, 11, 22)
CAPTURED_YEARS = 2026 + 10 / 12 + 21 / 365  # the capture date as a fractional year


def x_of(chart, value, first=2024, last=2027):
    """Where a fractional year is on a chart whose axis runs from first to last."""
    return chart.left + (value - first) * (chart.width - chart.left - 20) / (last - first)


def ongoing(start=2024.0):
    return Span("Research Scientist", "Labs", "job", start, None, open_end=True)


def test_an_ongoing_bar_runs_to_the_capture_date_and_ends_in_an_arrow():
    chart = career_timeline([ongoing()], {}, as_of=CAPTURED)

    (row,) = chart.rows
    tip = round(x_of(chart, CAPTURED_YEARS), 1)
    assert row["x"] == round(x_of(chart, 2024), 1)
    assert row["x"] + row["width"] == pytest.approx(tip, abs=0.2)
    assert row["body_width"] == pytest.approx(row["width"] - ARROW, abs=0.1)
    points = [tuple(map(float, p.split(","))) for p in row["arrow"].split()]
    top, middle, bottom = points
    assert middle == (pytest.approx(tip, abs=0.2), row["y"] + row["height"] / 2)
    assert top[0] == bottom[0] < middle[0] and (top[1], bottom[1]) == (
        row["y"],
        row["y"] + row["height"],
    )
    assert "ongoing (22 November 2026)" in row["title"]
    assert chart.note == "An arrow ends an ongoing entry, drawn to 22 November 2026."


def test_a_finished_bar_has_no_arrow_and_no_note():
    closed = Span("Ph.D.", "University", "education", 2015.0, 2020.5, open_end=False)

    chart = career_timeline([closed], {2018: 2}, as_of=CAPTURED)

    (row,) = chart.rows
    assert (row["arrow"], row["body_width"], chart.note) == ("", row["width"], "")
    assert row["title"].startswith("Ph.D.: 2015–2020")


def test_without_a_capture_date_an_ongoing_bar_runs_to_today():
    chart = career_timeline([ongoing(start=as_years(2024, 3))], {})

    assert chart.note.endswith("drawn to today.")
    assert "ongoing (today)" in chart.rows[0]["title"]


def test_a_bar_that_began_last_month_still_shows_its_arrow():
    chart = career_timeline([ongoing(start=as_years(2026, 11))], {}, as_of=CAPTURED)

    (row,) = chart.rows
    assert row["width"] >= ARROW + 4 and row["body_width"] >= 4


@pytest.mark.parametrize(
    ("start", "end", "current", "expected"),
    [
        ("2024", None, True, "since 2024"),
        ("2024-03", None, True, "since Mar 2024"),
        (None, None, True, "ongoing"),
        ("2020-08", "2025-06", False, "Aug 2020 – Jun 2025"),
    ],
)
def test_an_ongoing_entry_reads_since(start, end, current, expected):
    entry = SimpleNamespace(start=start, end=end, current=current, expected=False)

    assert period(entry) == expected


@pytest.mark.django_db
def test_present_is_stored_as_ongoing_never_as_a_date():
    import_cv("ada.txt", cv("Ada Example", employer="Open Labs"))  # "10/2023-Now"

    job = Job.objects.get()

    assert (job.current, job.start_year, job.end_year, job.end_month) == (True, 2023, None, None)


@pytest.mark.django_db
def test_the_profile_draws_ongoing_entries_to_the_latest_capture_date(client):
    person = make_person(name="Ada Example", slug="ada")
    Job.objects.create(
        person=person,
        organization=make_organization(),
        title="Scientist",
        start_year=2024,
        current=True,
    )
    for name, day in (("old.txt", date(2025, 1, 5)), ("new.txt", CAPTURED)):
        SourceDocument.objects.create(
            name=name, sha256=name.ljust(64, "0"), text="", captured_on=day, person=person
        )

    response = client.get(reverse("profiles:person-detail", args=["ada"]))
    html = response.content.decode()

    timeline = response.context["timeline"]
    assert timeline.note.endswith("drawn to 22 November 2026.")
    assert '<polygon class="open-end"' in html
    assert "since 2024" in html
