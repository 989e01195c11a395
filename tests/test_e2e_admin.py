"""A curator's import in headless Chromium: log in, upload, preview, confirm, see the lines."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from profiles.models import Person, SourceDocument
from tests.importer.conftest import SEEDS
from tests.pdf_files import make_pdf

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def curator_page(live_server, page, monkeypatch):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)
    call_command("createcurator", "cura", "--noinput", verbosity=0)
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("cura")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Records")).to_be_visible()
    return page


def test_curator_uploads_previews_and_confirms(live_server, curator_page, screenshot):
    page = curator_page
    seed = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))[1]

    page.get_by_role("link", name="Source documents").click()
    page.get_by_role("link", name=re.compile("Add source document")).click()
    expect(page.get_by_role("heading", name="Import documents")).to_be_visible()
    page.get_by_label("Documents").set_input_files(seed)
    screenshot(page, "20-admin-upload")

    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name=seed.name)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Papers \(\d+\)"))).to_be_visible()
    expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
    assert SourceDocument.objects.count() == 0
    screenshot(page, "21-admin-preview")

    page.get_by_role("button", name="Import 1 document").click()
    expect(page.locator(".messagelist .success")).to_contain_text(f"Imported {seed.name}")
    expect(page.get_by_role("heading", name="Text, line by line")).to_be_visible()
    screenshot(page, "22-admin-document-lines")

    person = Person.objects.get()
    page.locator(".messagelist .success").get_by_role("link", name=person.name).click()
    expect(page.get_by_role("heading", name=re.compile("Change person"))).to_be_visible()
    screenshot(page, "23-admin-person")


def test_cancelling_a_preview_saves_nothing(live_server, curator_page):
    page = curator_page
    seed = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))[0]

    page.goto(live_server.url + reverse("admin:profiles_sourcedocument_add"))
    page.get_by_label("Documents").set_input_files(seed)
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("link", name="Cancel").click()

    expect(page.get_by_role("heading", name="Import documents")).to_be_visible()
    assert SourceDocument.objects.count() == 0


def test_curator_imports_a_pdf_and_reads_its_text_by_page(
    live_server, curator_page, screenshot, tmp_path
):
    first = [(72, 90, "Jane Roe", "B", 20), (72, 130, "Education", "B", 13)]
    first += [(72, 150, "2010 - 2014   Ph.D. in Physics, University of Somewhere", "R", 10)]
    second = [(72, 90, "Publications", "B", 13)]
    second += [(72, 110, "1. J. Roe. A Study of Things. Journal of Stuff, 2013.", "R", 10)]
    path = tmp_path / "jane-roe.pdf"
    path.write_bytes(make_pdf([first, second]))
    page = curator_page

    page.goto(live_server.url + reverse("admin:profiles_sourcedocument_add"))
    page.get_by_label("Documents").set_input_files(path)
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("The text read from this PDF").click()
    expect(page.locator("details.extracted-text tr.page-start").nth(1)).to_have_text("Page 2")
    screenshot(page, "24-admin-pdf-preview")

    page.get_by_role("button", name="Import 1 document").click()
    expect(page.get_by_role("heading", name="Text, line by line")).to_be_visible()
    expect(page.locator("#page-2")).to_be_visible()
    screenshot(page, "25-admin-pdf-lines")
    assert Person.objects.get().name == "Jane Roe"
