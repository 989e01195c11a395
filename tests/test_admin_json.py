"""The JSON fields (links, awards, details, e-mails, phones, metrics): what a curator types in
the admin is checked there, and what is stored, whatever it is, never breaks a page or an
export."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import User
from django.db.models import JSONField, Value
from django.urls import reverse
from playwright.sync_api import expect

from profiles.models import Education, Job, Paper, Person
from tests.factories import make_organization, make_paper, make_person

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
GOOD_LINK = {"label": "Code", "url": "https://github.com/ada/river"}
# What a curator once could save through the admin's JSON boxes, each of which broke a page.
BAD_JSON = [
    [{"label": 5, "url": 7}],
    "abc",
    [1, 2],
    None,
    7,
    {"label": "Code", "url": "https://github.com/ada/river"},
    [{"label": "Run me", "url": "javascript:alert(1)"}, [GOOD_LINK], "https://x.org"],
]


@pytest.fixture
def admin_client(client):
    User.objects.create_superuser("root", password=PASSWORD)
    client.login(username="root", password=PASSWORD)
    return client


def change_url(record):
    return reverse(f"admin:profiles_{record._meta.model_name}_change", args=[record.pk])


def served_form_data(response):
    """The POST data of an admin change page as served: the form's and the inlines' fields."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value is not None and value is not False:
                data[field.html_name] = value
    return data


def post_change(client, record, **changes):
    data = served_form_data(client.get(change_url(record))) | changes
    return client.post(change_url(record), data)


def errors_of(response, field):
    assert response.status_code == 200  # the form again, not a 500 or a redirect
    return response.context["adminform"].form.errors.get(field, [])


# In the admin ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[{"label": 5, "url": 7}]', 'Item 1: {"label": 5, "url": 7} is not a link.'),
        ('[{"label": "Code", "url": "javascript:alert(1)"}]', "Item 1: javascript:alert(1) is"),
        ('[{"url": "https://x.org", "onclick": "alert(1)"}]', "Item 1: {"),
        ("abc", "Line 1: abc is not a link"),
        ("[1, 2]", "Item 1: 1 is not a link."),
        ('"https://x.org"', 'Line 1: "https://x.org" is not a link'),
        ("null", "Line 1: null is not a link"),
        ("Code | https://github.com/ada\nRun | javascript:alert(1)", "Line 2: javascript:alert"),
        ("Files | ftp://files.example.org/a.pdf", "Line 1: ftp://files.example.org/a.pdf is not"),
        ("Code |", "Line 1: no address after the label."),
        ("Bell\x07 | https://example.org", "Line 1: control characters are not allowed."),
    ],
)
@pytest.mark.parametrize("model", [Paper, Person])
def test_links_the_admin_refuses_say_which_line_and_why(admin_client, model, text, error):
    record = make_paper([]) if model is Paper else make_person()

    response = post_change(admin_client, record, links=text)

    assert any(message.startswith(error) for message in errors_of(response, "links"))
    record.refresh_from_db()
    assert record.links == []


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Paper, "awards"),
        (Person, "emails"),
        (Person, "phones"),
        (Education, "details"),
        (Job, "details"),
    ],
)
def test_texts_with_control_characters_are_refused(admin_client, model, field):
    record = make_record(model)

    response = post_change(admin_client, record, **{field: "Fine\nNUL\x00 here\nBell\x07"})

    assert errors_of(response, field) == [
        "Line 2: control characters are not allowed.",
        "Line 3: control characters are not allowed.",
    ]


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("[1, 2]", ["Item 1: 1 is not a text.", "Item 2: 2 is not a text."]),
        ('["Best Paper", null]', ["Item 2: null is not a text."]),
        ('[["Best Paper"]]', ['Item 1: ["Best Paper"] is not a text.']),
        ('["Bell\\u0007"]', ["Item 1: control characters are not allowed."]),
    ],
)
def test_a_json_list_is_read_as_its_items_and_checked_the_same(admin_client, text, errors):
    paper = make_paper([], awards=["Oral"])

    response = post_change(admin_client, paper, awards=text)

    assert errors_of(response, "awards") == errors
    paper.refresh_from_db()
    assert paper.awards == ["Oral"]


def test_a_json_list_of_texts_and_links_is_saved_as_the_box_used_to_take_it(admin_client):
    paper = make_paper([])

    post_change(admin_client, paper, awards='["Best Paper"]', links=f"[{json.dumps(GOOD_LINK)}]")

    paper.refresh_from_db()
    assert (paper.awards, paper.links) == (["Best Paper"], [GOOD_LINK])


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "[1]",
        '"abc"',
        "{bad",
        '{"h_index": {"value": 1}}',
        '{"h_index": NaN}',
        '{"h_index": Infinity}',
        '{"h_index": "1\\u0000"}',
    ],
)
def test_metrics_that_are_not_names_and_values_are_refused(admin_client, text):
    person = make_person(metrics={"citations": 10})

    response = post_change(admin_client, person, metrics=text)

    assert errors_of(response, "metrics")
    person.refresh_from_db()
    assert person.metrics == {"citations": 10}


def test_lists_are_saved_one_item_a_line(admin_client):
    paper = make_paper([], links=[GOOD_LINK])
    links = "Code | github.com/ada/river\n\n  https://example.org/river.pdf  \nSlides | A | mailto:a@b.org"

    response = post_change(admin_client, paper, links=links, awards="Best Paper\n\n Oral ")

    assert response.status_code == 302, response.context["errors"]
    paper.refresh_from_db()
    assert paper.links == [
        {"label": "Code", "url": "github.com/ada/river"},
        {"label": "Link", "url": "https://example.org/river.pdf"},
        {"label": "Slides | A", "url": "mailto:a@b.org"},
    ]
    assert paper.awards == ["Best Paper", "Oral"]


def test_blank_boxes_store_empty_lists_not_null(admin_client):
    person = make_person(links=[GOOD_LINK], emails=["a@b.org"], metrics={"citations": 1})

    response = post_change(admin_client, person, links="", emails="", phones="", metrics="")

    assert response.status_code == 302, response.context["errors"]
    person.refresh_from_db()
    assert (person.links, person.emails, person.phones, person.metrics) == ([], [], [], {})


def test_the_admin_shows_a_stored_value_as_lines_to_edit(admin_client):
    paper = make_paper([], links=[GOOD_LINK, {"label": "Odd", "url": 7}], awards=["Best", 3])

    form = admin_client.get(change_url(paper)).context["adminform"].form

    assert form["links"].value() == "Code | https://github.com/ada/river\nOdd | 7"
    assert form["awards"].value() == "Best\n3"


@pytest.mark.parametrize("value", BAD_JSON)
def test_the_admin_opens_a_record_whatever_its_json_holds(admin_client, value):
    paper = make_paper([])
    person = make_person()
    Paper.objects.filter(pk=paper.pk).update(links=stored(value), awards=stored(value))
    Person.objects.filter(pk=person.pk).update(links=stored(value), metrics=stored(value))

    assert admin_client.get(change_url(paper)).status_code == 200
    assert admin_client.get(change_url(person)).status_code == 200


@pytest.mark.e2e
def test_a_curator_edits_a_papers_links_as_lines(live_server, page, screenshot):
    User.objects.create_superuser("root", password=PASSWORD)
    paper = make_paper([], links=[GOOD_LINK], awards=["Best Paper"])
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + change_url(paper))
    links = page.get_by_label("Links")
    expect(links).to_have_value("Code | https://github.com/ada/river")
    links.fill("Code | https://github.com/ada/river\nSlides | javascript:alert(1)")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Line 2: javascript:alert(1) is not a link")
    screenshot(page, "26-admin-paper-links-refused")

    page.get_by_label("Links").fill("Code | https://github.com/ada/river\nSlides | ada.example/s")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    paper.refresh_from_db()
    assert paper.links[1] == {"label": "Slides", "url": "ada.example/s"}


# On the site ----------------------------------------------------------------------------


@pytest.fixture
def broken(db):
    """Ada, her two papers and her job, the first paper and Ada herself holding bad_json."""
    ada = make_person(name="Ada Example", slug="ada-example", show_email=True)
    job = Job.objects.create(
        person=ada, organization=make_organization(), title="Researcher", start_year=2020
    )
    spoilt = make_paper([ada], title="Rivers of Sparse Data", has_code=True)
    fine = make_paper(
        [ada],
        title="Lakes of Dense Data",
        links=[GOOD_LINK],
        awards=["Best Paper"],
        has_code=True,
    )
    return {"ada": ada, "job": job, "spoilt": spoilt, "fine": fine}


def spoil(broken, value):
    Paper.objects.filter(pk=broken["spoilt"].pk).update(links=stored(value), awards=stored(value))
    Person.objects.filter(pk=broken["ada"].pk).update(links=stored(value), emails=stored(value))
    Job.objects.filter(pk=broken["job"].pk).update(details=stored(value))


def stored(value):
    # A bare None would be SQL NULL, which the column refuses: this is JSON null.
    return Value(value, JSONField()) if value is None else value


def body(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("value", BAD_JSON)
def test_stored_json_of_any_shape_breaks_no_page(client, broken, value):
    spoil(broken, value)
    ada, spoilt, fine = broken["ada"], broken["spoilt"], broken["fine"]

    assert spoilt.title in body(client, spoilt.get_absolute_url())
    assert 'href="https://github.com/ada/river"' in body(client, fine.get_absolute_url())
    profile = body(client, ada.get_absolute_url())
    cv = body(client, reverse("profiles:person-cv", args=[ada.slug]))
    search = body(client, reverse("profiles:search"), q="Data")
    papers = body(client, reverse("profiles:paper-list"))
    for page in (profile, cv, search, papers):
        assert "Rivers of Sparse Data" in page and "Lakes of Dense Data" in page
        assert "javascript:" not in page
    for page in (profile, papers):
        assert 'href="https://github.com/ada/river"' in page and "Best Paper" in page


@pytest.mark.parametrize("value", BAD_JSON)
def test_stored_json_of_any_shape_breaks_no_export(client, broken, value):
    spoil(broken, value)
    ada, spoilt, fine = broken["ada"], broken["spoilt"], broken["fine"]

    bibtex = body(client, reverse("profiles:paper-list-bibtex"))
    assert bibtex.count("@inproceedings{") == 2
    assert "url = {https://github.com/ada/river}" in bibtex and "Best Paper" in bibtex
    assert "@inproceedings{" in body(client, reverse("profiles:paper-bibtex", args=[spoilt.pk]))
    assert body(client, reverse("profiles:person-bibtex", args=[ada.slug])).count("@") == 2

    rows = read_csv(body(client, reverse("profiles:paper-list-csv")))
    assert {row["title"] for row in rows} == {spoilt.title, fine.title}
    assert {row["links"] for row in rows} == {"", GOOD_LINK["url"]}
    people = read_csv(body(client, reverse("profiles:person-list-csv")))
    assert [row["name"] for row in people] == ["Ada Example"]

    document = json.loads(body(client, reverse("profiles:person-json", args=[ada.slug])))
    assert document["person"]["links"] == []
    assert all(isinstance(email, str) for email in document["person"]["emails"])
    publications = {p["title"]: p for p in document["publications"]}
    assert publications[spoilt.title]["links"] == []
    assert all(isinstance(award, str) for award in publications[spoilt.title]["awards"])
    assert publications[fine.title]["links"] == [GOOD_LINK]


def test_only_well_formed_entries_are_read_from_a_list():
    person = Person(
        links=[
            GOOD_LINK,
            {"label": 5, "url": "example.org/ada"},
            {"url": 7},
            {"label": "Run", "url": "javascript:alert(1)"},
            {"label": "Tab", "url": "java\tscript:alert(1)"},
            "https://x.org",
        ],
        emails=["a@b.org", 5, " ", None],
        show_email=True,
    )

    assert person.safe_links() == [GOOD_LINK, {"label": "Link", "url": "example.org/ada"}]
    assert person.public_emails() == ["a@b.org"]
    assert Paper(awards=["Best", 2, ["x"], " Oral "]).safe_awards() == ["Best", " Oral "]


def make_record(model):
    if model is Paper:
        return make_paper([])
    if model is Person:
        return make_person()
    return model.objects.create(person=make_person(), organization=make_organization())


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
