"""In Chromium: no page breaks its Content-Security-Policy, and hostile text never runs."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.test_security import admin_urls, make_hostile_records, public_urls

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-battery-42"


def watch(page):
    """Collect CSP violations, script errors and dialogs (an alert() would be one)."""
    problems = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and problems.append(f"{page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))

    def dialog(dialog):
        problems.append(f"{page.url}: a {dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dialog)
    return problems


def test_public_pages_keep_their_policy(live_server, page):
    records = make_hostile_records()
    problems = watch(page)

    for url in public_urls(records):
        page.goto(live_server.url + url)
    page.goto(live_server.url + "/no/such/page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")

    assert problems == []


def test_the_admin_keeps_its_policy(live_server, page, monkeypatch):
    records = make_hostile_records()
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)
    call_command("createcurator", "cura", "--noinput", verbosity=0)
    problems = watch(page)

    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("cura")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Records")).to_be_visible()
    for url in admin_urls(records):
        page.goto(live_server.url + url)

    # The scripts' own work: inline rows, autocomplete, the action bar, the import preview.
    page.goto(
        live_server.url + reverse("admin:profiles_person_change", args=[records["person"].pk])
    )
    page.get_by_role("button", name="Add another Education").click()
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.goto(live_server.url + reverse("admin:profiles_person_changelist"))
    page.locator("#action-toggle").check()
    page.get_by_role("combobox", name="Action").select_option("merge_selected")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("button", name="Yes, merge them")).to_be_visible()
    page.goto(live_server.url + reverse("admin:profiles_sourcedocument_add"))
    text = "Jane Example\n\nEducation\nPh.D. in Physics, Example University, 2010 - 2015\n"
    page.get_by_label("Or paste a document").fill(text)
    page.get_by_label("File name for the pasted text").fill("eve-example.txt")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Education \(1\)"))).to_be_visible()

    assert problems == []
