"""Items a curator hides: on no public page, count, chart, search result or export; still in
the admin, with who hid them; still hidden after a re-import or a merge."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from profiles import services
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    Job,
    Organization,
    Paper,
    PaperSource,
    SectionItem,
    SourceDocument,
)
from tests.factories import cv, import_cv, make_organization, make_paper, make_person

pytestmark = pytest.mark.django_db

# What the hidden education entry, job and section item say, and nothing public says.
SECRETS = ["Secret College", "M.Phil.", "Hidden Corp", "Undercover Analyst", "Secret Prize"]


def hide(record, by=None):
    record.set_hidden(True, by=by)
    record.save()
    DataVersion.bump()


@pytest.fixture
def ada():
    """Ada, with one hidden entry of each kind beside a public one, and a hidden authorship:
    'Withdrawn Claims' is Bob's and Cy's paper too, but no longer shown as hers."""
    ada = make_person(name="Ada Example", slug="ada", emails=["ada@example.org"])
    bob = make_person(name="Bob Example", slug="bob")
    cy = make_person(name="Cy Example", slug="cy")
    document = SourceDocument.objects.create(
        name="ada-cv.txt",
        sha256="0" * 64,
        text="",
        captured_on=date(2026, 11, 22),
        parser_version="test",
        person=ada,
    )
    Education.objects.create(
        person=ada,
        organization=make_organization("Open University"),
        degree="Ph.D.",
        start_year=2015,
        end_year=2020,
    )
    Job.objects.create(
        person=ada,
        organization=make_organization("Open Labs"),
        title="Research Scientist",
        start_year=2020,
        current=True,
    )
    SectionItem.objects.create(person=ada, section="Skills", text="Python", order=1)
    hide(
        Education.objects.create(
            person=ada,
            organization=make_organization("Secret College"),
            degree="M.Phil.",
            start_year=2012,
            end_year=2014,
        )
    )
    hide(
        Job.objects.create(
            person=ada,
            organization=make_organization("Hidden Corp"),
            title="Undercover Analyst",
            start_year=2019,
            current=True,
        )
    )
    hide(SectionItem.objects.create(person=ada, section="Honours", text="Secret Prize", order=2))
    kept = make_paper([ada, bob], title="Open Results", year=2022)
    withdrawn = make_paper([ada, bob, cy], title="Withdrawn Claims", year=2021)
    for paper in (kept, withdrawn):
        PaperSource.objects.create(paper=paper, source=document, person=ada, record={})
    hide(Authorship.objects.get(paper=withdrawn, person=ada))
    return {"ada": ada, "bob": bob, "cy": cy, "kept": kept, "withdrawn": withdrawn}


def body(response):
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def ada_urls():
    """Every public page and export about Ada, or listing what she did."""
    lists = [
        reverse("profiles:home"),
        reverse("profiles:person-list"),
        reverse("profiles:person-list") + "?sort=-paper_count",
        reverse("profiles:organization-list"),
        reverse("profiles:search") + "?q=Ada",
        reverse("profiles:person-list-csv"),
        "/sitemap-organizations.xml",
    ]
    own = [
        reverse("profiles:person-detail", args=["ada"]),
        reverse("profiles:person-detail", args=["ada"]) + "?group=kind",
        reverse("profiles:person-cv", args=["ada"]),
        reverse("profiles:person-json", args=["ada"]),
        reverse("profiles:person-bibtex", args=["ada"]),
        reverse("profiles:paper-list") + "?author=ada",
        reverse("profiles:paper-list") + "?first_author=ada",
        reverse("profiles:timeline") + "?author=ada",
        reverse("profiles:paper-list-csv") + "?author=ada",
        reverse("profiles:paper-list-bibtex") + "?author=ada",
    ]
    return lists, own


def test_hidden_entries_are_on_no_public_page_or_export(client, ada, tmp_path):
    lists, own = ada_urls()
    pages = {url: body(client.get(url)) for url in lists + own}
    call_command("export_portfolios", str(tmp_path), verbosity=0)
    pages["export_portfolios"] = (tmp_path / "ada.json").read_text()

    for url, text in pages.items():
        assert not [secret for secret in SECRETS if secret in text], url
    sitemap = pages["/sitemap-organizations.xml"]
    assert "/organizations/" in sitemap
    for organization in Organization.objects.all():
        listed = organization.get_absolute_url() in sitemap
        assert listed == (organization.name.startswith("Open")), organization
    for url in own + ["export_portfolios"]:
        assert "Withdrawn Claims" not in pages[url], url
        assert "Open Results" in pages[url], url


def test_hidden_entries_are_not_searched_or_filtered_on(client, ada):
    def people(url_name, **params):
        response = client.get(reverse(f"profiles:{url_name}"), params)
        found = response.context["people" if url_name == "search" else "object_list"]
        return {person.slug for person in found}

    assert people("search", q="Secret College") == set()
    assert people("search", q="Hidden Corp") == set()
    assert people("person-list", q="Hidden Corp") == set()
    slug = {organization.name: organization.slug for organization in Organization.objects.all()}
    assert people("person-list", organization=slug["Secret College"]) == set()
    assert people("person-list", current=slug["Hidden Corp"]) == set()
    assert people("person-list", degree="M.Phil.") == set()
    assert people("person-list", skill="Secret Prize") == set()
    # The public ones still find her.
    assert people("person-list", organization=slug["Open University"]) == {"ada"}
    assert people("person-list", current=slug["Open Labs"]) == {"ada"}
    assert people("person-list", degree="Ph.D.") == {"ada"}
    assert people("person-list", skill="Python") == {"ada"}
    assert people("search", q="Open Labs") == {"ada"}


def test_a_hidden_authorship_leaves_the_persons_counts_charts_and_coauthors(client, ada):
    profile = client.get(ada["ada"].get_absolute_url())
    people = client.get(reverse("profiles:person-list"), {"sort": "-paper_count"})
    timeline = client.get(reverse("profiles:timeline"), {"author": "ada"})
    cy = client.get(ada["cy"].get_absolute_url())
    bob = client.get(ada["bob"].get_absolute_url())

    assert profile.context["papers_total"] == 1
    assert {p.title for p in profile.context["credited"]} == set()
    assert "1 dated papers" in profile.context["timeline"].summary
    assert len(profile.context["timeline"].rows) == 2  # the public education entry and job
    assert {c.slug: c.shared for c in profile.context["coauthors"]} == {"bob": 1}
    row = next(p for p in people.context["object_list"] if p.slug == "ada")
    assert (row.paper_count, row.first_year, row.latest_year) == (1, 2022, 2022)
    assert "1 paper from 2022" in timeline.context["chart"].summary
    assert "ada" not in {c.slug for c in cy.context["coauthors"]}
    assert {c.slug: c.shared for c in bob.context["coauthors"]} == {"ada": 1, "cy": 1}
    counts = client.get(reverse("profiles:home")).context["counts"]
    assert counts["organizations"] == 2  # not the places only hidden entries name


def test_the_paper_stays_with_the_name_as_plain_text(client, ada):
    paper = ada["withdrawn"]

    rows = [
        body(client.get(ada["bob"].get_absolute_url())),
        body(client.get(reverse("profiles:paper-list"))),
        body(client.get(reverse("profiles:search"), {"q": "Withdrawn"})),
    ]
    detail = body(client.get(paper.get_absolute_url()))

    for html in rows:
        row = html[html.index("Withdrawn Claims") :]
        row = row[: row.index("</li>")]
        assert "Ada Example" in row and "/people/ada/" not in row
        assert '<a href="/people/cy/">Cy Example</a>' in row
    assert 'href="/people/ada/"' not in detail  # not in the byline, "Listed in" or JSON-LD
    assert "ada-cv.txt" not in detail  # her document's listing names her
    assert '<a href="/people/bob/">Bob Example</a>' in detail
    (jsonld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', detail)
    authors = {a["name"]: a.get("url") for a in json.loads(jsonld)["author"]}
    assert authors["Ada Example"] is None and authors["Bob Example"].endswith("/people/bob/")


def test_json_ld_and_the_json_export_hold_only_public_entries(client, ada):
    html = body(client.get(ada["ada"].get_absolute_url()))
    (jsonld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(jsonld)
    exported = json.loads(body(client.get(reverse("profiles:person-json", args=["ada"]))))

    assert [o["name"] for o in data["alumniOf"]] == ["Open University"]
    assert [o["name"] for o in data["worksFor"]] == ["Open Labs"]
    assert [e["institution"] for e in exported["education"]] == ["Open University"]
    assert [j["organization"] for j in exported["jobs"]] == ["Open Labs"]
    assert [(s["title"], s["items"]) for s in exported["sections"]] == [("Skills", ["Python"])]
    assert [p["title"] for p in exported["publications"]] == ["Open Results"]


def test_the_people_csv_counts_only_public_papers_and_jobs(client, ada):
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/people/export.csv")).lstrip("\ufeff")))
    )

    row = next(row for row in rows if row["name"] == "Ada Example")
    assert (row["papers"], row["current_organizations"]) == ("1", "Open Labs")


def test_the_admin_shows_hidden_items_and_who_hid_them(admin_client, admin_user, ada):
    job = Job.objects.get(title="Undercover Analyst")
    job.set_hidden(True, by=admin_user)
    job.save()

    person_page = body(
        admin_client.get(reverse("admin:profiles_person_change", args=[ada["ada"].pk]))
    )
    hidden_jobs = admin_client.get(reverse("admin:profiles_job_changelist"), {"hidden__exact": 1})
    job_page = body(admin_client.get(reverse("admin:profiles_job_change", args=[job.pk])))

    assert all(secret in person_page for secret in SECRETS)
    assert [j.title for j in hidden_jobs.context["cl"].result_list] == ["Undercover Analyst"]
    assert f"{admin_user.username}, {job.hidden_at:%Y-%m-%d %H:%M}" in job_page


def form_data(form, **changes):
    """A bound admin form's current values as a POST would send them, with changes."""
    data = {}
    for name in form.fields:
        value = changes.get(name, form[name].value())
        if value is True:
            value = "on"
        if value is not None and value is not False:
            data[name] = value
    return data


def test_ticking_hidden_in_the_admin_stamps_it_and_refreshes_the_cached_page(
    client, admin_client, admin_user, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v"}
    }
    cache.clear()
    person = make_person(name="Ada Example", slug="ada")
    entry = Education.objects.create(
        person=person, organization=make_organization("Secret College"), degree="M.Phil."
    )
    DataVersion.bump()
    assert "Secret College" in body(client.get(person.get_absolute_url()))  # now cached

    url = reverse("admin:profiles_education_change", args=[entry.pk])
    form = admin_client.get(url).context["adminform"].form
    response = admin_client.post(url, form_data(form, hidden=True))

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert (entry.hidden, entry.hidden_by) == (True, admin_user)
    assert entry.hidden_at is not None
    assert "Secret College" not in body(client.get(person.get_absolute_url()))

    form = admin_client.get(url).context["adminform"].form
    admin_client.post(url, form_data(form, hidden=False))
    entry.refresh_from_db()
    assert (entry.hidden, entry.hidden_by, entry.hidden_at) == (False, None, None)
    assert "Secret College" in body(client.get(person.get_absolute_url()))
    cache.clear()


def test_the_hide_and_show_actions(admin_client, admin_user, ada):
    url = reverse("admin:profiles_authorship_changelist")
    shown = Authorship.objects.filter(person=ada["bob"])
    selected = {"_selected_action": [a.pk for a in shown]}
    version = DataVersion.current().version

    admin_client.post(url, {"action": "hide_selected", **selected})

    assert {(a.hidden, a.hidden_by) for a in shown.all()} == {(True, admin_user)}
    assert DataVersion.current().version > version
    assert Paper.objects.for_profile(ada["bob"]).count() == 0
    admin_client.post(url, {"action": "show_selected", **selected})
    assert {(a.hidden, a.hidden_by, a.hidden_at) for a in shown.all()} == {(False, None, None)}


def test_a_new_version_of_the_document_keeps_hidden_entries_hidden():
    curator = User.objects.create(username="cura")
    text = cv(
        "Ada Example",
        school="Secret College",
        employer="Hidden Corp",
        papers=[("Withdrawn Claims", "Ada Example, Bob Example")],
        extra="Secret Prize",
    )
    import_cv("ada.txt", text)
    hidden = [
        Education.objects.get(),
        Job.objects.get(),
        SectionItem.objects.get(),
        Authorship.objects.get(name="Ada Example"),
    ]
    for record in hidden:
        hide(record, by=curator)

    import_cv("ada.txt", text.replace("- Secret Prize", "- Secret Prize\n- Engines"))  # new version

    for model in (Education, Job, Authorship):
        (again,) = model.objects.filter(hidden=True)
        assert again.hidden_by == curator
    assert SectionItem.objects.get(text="Secret Prize").hidden
    assert not SectionItem.objects.get(text="Engines").hidden
    assert not Authorship.objects.get(name="Bob Example").hidden


def test_a_rebuilt_byline_keeps_a_hidden_authorship_hidden():
    shared = [("Withdrawn Claims", "Ada Example, Bob Example")]
    import_cv("ada.txt", cv("Ada Example", papers=shared))
    hide(Authorship.objects.get(name="Ada Example"))

    import_cv("bob.txt", cv("Bob Example", papers=shared, extra="Engines"))  # rebuilds it

    ada = Authorship.objects.get(name="Ada Example")
    assert ada.hidden and ada.person.slug == "ada-example"


def test_merging_papers_keeps_a_hidden_authorship_hidden():
    ada, bob = make_person(name="Ada Example"), make_person(name="Bob Example")
    keep = make_paper([ada, bob], title="Engines")
    other = make_paper([ada, bob], title="Engines (preprint)")
    hide(Authorship.objects.get(paper=other, person=ada))

    services.merge_papers(keep=keep, others=[other])

    assert Authorship.objects.get(paper=keep, person=ada).hidden
    assert not Authorship.objects.get(paper=keep, person=bob).hidden
