"""The printable CV in headless Chromium: on screen, in print media, and printed to PDF."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from profiles.models import DataVersion, FeaturedPaper, Paper, Person
from tests.importer.conftest import SEEDS

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(live_server):
    paths = sorted(map(str, SEEDS.glob("*.txt")))
    call_command("import_portfolios", "--as-of=2026-11-22", *paths, verbosity=0)
    person = Person.objects.get(slug="zhengxiao-du")
    oldest_first = Paper.objects.for_profile(person).order_by("year", "title")
    for order, paper in enumerate(oldest_first[:2]):
        FeaturedPaper.objects.create(person=person, paper=paper, order=order)
    DataVersion.bump()
    return live_server.url


def words(text):
    return " ".join(text.split())


def test_the_printable_cv_prints_to_a_tidy_pdf(site, page, screenshot):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    person = Person.objects.get(slug="zhengxiao-du")
    titles = [words(paper.title) for paper in Paper.objects.for_profile(person)]

    page.goto(site + person.get_absolute_url())
    expect(page.locator("#selected + ul li.paper")).to_have_count(2)
    expect(page.locator("polygon.open-end")).to_have_count(1)  # the job since 2023
    screenshot(page, "09-profile-selected")
    page.get_by_role("link", name="Printable CV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zhengxiao Du")
    expect(page.get_by_role("heading", name="Selected publications")).to_be_visible()
    screenshot(page, "10-cv")

    page.emulate_media(media="print")
    expect(page.locator(".cv-toolbar")).to_be_hidden()
    printed = words(page.locator("main").inner_text())
    screenshot(page, "11-cv-print")
    pdf = page.pdf(format="A4")

    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 < pages <= 5, pages  # ten papers, two degrees, four jobs and the rest
    assert [title for title in titles if title not in printed] == []
    assert "since" in printed  # the ongoing job
    assert errors == []
