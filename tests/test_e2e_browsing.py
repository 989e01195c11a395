"""A visitor's path through the site in headless Chromium, with screenshots of each page."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.importer.conftest import SEEDS

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(live_server):
    paths = sorted(map(str, SEEDS.glob("*.txt")))
    call_command("import_portfolios", "--as-of=2026-11-22", *paths, verbosity=0)
    return live_server.url


def test_visitor_path(site, page, screenshot):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Research portfolios")
    expect(page.locator("figure.chart svg title").first).to_contain_text("Papers per year")
    screenshot(page, "01-home")

    page.get_by_label("Find a researcher or a paper").fill("GLM-130B")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Papers")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("GLM-130B: An Open Bilingual"))).to_be_visible()
    screenshot(page, "02-search")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Papers").click()
    page.get_by_label("From year").fill("2024")
    page.get_by_label("To year").fill("2024")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"year_min=2024&year_max=2024"))
    venues = page.locator("li.paper .venue").all_inner_texts()
    assert venues and all(text.endswith("2024") for text in venues)
    screenshot(page, "03-papers-2024")

    page.get_by_role("link", name=re.compile("Understanding Emergent Abilities")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Understanding Emergent")
    screenshot(page, "04-paper")

    page.get_by_role("list").get_by_role("link", name="Zhengxiao Du").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zhengxiao Du")
    expect(page.locator("#career-title")).to_have_count(1)
    screenshot(page, "05-profile")

    page.locator("ul.coauthors").get_by_role("link", name="Aohan Zeng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aohan Zeng")
    screenshot(page, "06-coauthor")

    page.get_by_role("link", name="Publication timeline").click()
    expect(page).to_have_url(re.compile(r"/timeline/\?author=aohan-zeng"))
    expect(page.locator("figure.chart figcaption")).to_contain_text("27 papers")
    screenshot(page, "07-timeline")

    assert errors == []


def test_pages_work_without_javascript(site, browser, screenshot):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/papers/?kind=journal")
    expect(page.locator("li.paper").first).to_be_visible()
    page.goto(site + "/people/?organization=tsinghua-university")
    expect(page.get_by_role("link", name="Zhengxiao Du")).to_be_visible()
    screenshot(page, "08-people-no-js")
    context.close()
