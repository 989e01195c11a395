"""Downloading exports in headless Chromium, with screenshots of the pages that link them."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from profiles.filters import PaperFilter
from profiles.models import Paper
from tests.importer.conftest import SEEDS
from tests.test_exports import byline, parse_bibtex

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(live_server):
    paths = sorted(map(str, SEEDS.glob("*.txt")))
    call_command("import_portfolios", "--as-of=2026-11-22", *paths, verbosity=0)
    return live_server.url


def test_a_filtered_papers_list_downloads_as_bibtex(site, page, screenshot):
    page.goto(site + "/papers/")
    page.get_by_label("Kind").select_option("conference")
    page.get_by_label("From year").fill("2023")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"\?(?=.*kind=conference)(?=.*year_min=2023)"))
    screenshot(page, "40-papers-export-links")

    with page.expect_download() as download:
        page.get_by_role("link", name="BibTeX", exact=True).click()

    assert download.value.suggested_filename == "papers.bib"
    entries = parse_bibtex(Path(download.value.path()).read_text(encoding="utf-8"))
    filters = {"kind": "conference", "year_min": "2023"}
    expected = list(PaperFilter(filters, queryset=Paper.objects.for_list()).qs)
    assert len(expected) > 3
    assert [entry["title"] for entry in entries] == [paper.title for paper in expected]
    assert [[name.merge_first_name_first for name in e["author"]] for e in entries] == [
        byline(paper) for paper in expected
    ]
    assert {entry.entry_type for entry in entries} == {"inproceedings"}


def test_profiles_and_papers_link_their_exports(site, page, screenshot):
    page.goto(site + "/people/zhengxiao-du/")
    expect(page.get_by_role("link", name="papers as BibTeX")).to_be_visible()
    screenshot(page, "41-profile-export-links")
    with page.expect_download() as download:
        page.get_by_role("link", name="portfolio as JSON").click()
    assert download.value.suggested_filename == "zhengxiao-du.json"

    page.goto(site + "/people/?organization=tsinghua-university")
    expect(page.get_by_role("link", name="CSV", exact=True)).to_be_visible()
    screenshot(page, "42-people-export-links")

    paper = Paper.objects.get(title__startswith="GLM-130B")
    page.goto(site + paper.get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("link", name="BibTeX", exact=True).click()
    assert download.value.suggested_filename == f"paper-{paper.pk}.bib"
    screenshot(page, "43-paper-export-link")
