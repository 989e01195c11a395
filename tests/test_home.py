import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_answers_200(client):
    response = client.get(reverse("profiles:home"))

    assert response.status_code == 200
    assert b"<h1>Research portfolios</h1>" in response.content


@pytest.mark.e2e
def test_home_page_renders_with_its_stylesheet(live_server, page, screenshot):
    response = page.goto(live_server.url + reverse("profiles:home"))

    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Research portfolios"
    # Browsers give <body> an 8px margin; site.css resets it, so 0px means the CSS was applied.
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    screenshot(page, "home")
