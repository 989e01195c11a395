"""Curation in the admin: importing with a preview, a document's lines, merges, access."""

import random
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from profiles.models import (
    DataVersion,
    Education,
    Job,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    PendingImport,
    Person,
    PersonAlias,
    SourceDocument,
)
from tests.factories import make_organization, make_person
from tests.importer.conftest import SEEDS
from tests.pdf_files import make_pdf

pytestmark = pytest.mark.django_db

SEED_FILES = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))
ADD_URL = reverse("admin:profiles_sourcedocument_add")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def curator(monkeypatch):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)
    call_command("createcurator", "cura", "--noinput", verbosity=0)
    return User.objects.get(username="cura")


@pytest.fixture
def curator_client(client, curator):
    assert client.login(username="cura", password=PASSWORD)
    return client


@pytest.fixture
def seeded():
    call_command("import_portfolios", "--as-of=2026-11-22", *map(str, SEED_FILES), verbosity=0)


def upload(client, *files, **fields):
    data = {"captured_on": "2026-11-22", **fields}
    if files:
        data["files"] = list(files)
    return client.post(ADD_URL, data)


def seed_file(index=0):
    return SEED_FILES[index].open("rb")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_upload_previews_then_confirm_imports(curator_client, curator):
    with seed_file() as file:
        preview = upload(curator_client, file)

    assert preview.status_code == 200
    assert preview.templates[0].name == "admin/profiles/sourcedocument/preview.html"
    [shown] = preview.context["previews"]
    name = shown["parsed"].person.name
    html = preview.content.decode()
    assert name in html and "Education (2)" in html and "Creates a new person." in html
    assert re.search(r'<tr class="unparsed-line"><td class="num">\d+</td>', html)
    assert SourceDocument.objects.count() == Person.objects.count() == 0  # nothing saved yet

    confirmed = curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
        follow=True,
    )

    document = SourceDocument.objects.get()
    person = Person.objects.get(name=name)
    assert document.person == person and document.captured_on.isoformat() == "2026-11-22"
    assert confirmed.redirect_chain[-1][0] == reverse(
        "admin:profiles_sourcedocument_change", args=[document.pk]
    )
    [message] = messages_of(confirmed)
    assert message.startswith(f"Imported {SEED_FILES[0].name}: ") and "new person" in message
    entry = LogEntry.objects.get(object_id=str(document.pk))
    assert (entry.user, entry.action_flag) == (curator, ADDITION)
    assert "Imported: 2 education" in entry.change_message


def test_an_upload_of_several_documents_empties_the_page_cache_once(curator_client):
    with seed_file(0) as one, seed_file(1) as two, seed_file(2) as three:
        preview = upload(curator_client, one, two, three)
    start = DataVersion.current().version

    curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
    )

    assert SourceDocument.objects.count() == 3
    assert DataVersion.current().version == start + 1


def test_pasted_text_needs_a_name_and_imports_under_it(curator_client):
    text = "Jane Example\n\nEducation\nPh.D. in Physics, Example University, 2010 - 2015\n"

    missing = curator_client.post(ADD_URL, {"text": text, "captured_on": "2026-11-22"})
    preview = curator_client.post(
        ADD_URL, {"text": text, "name": "../jane.txt", "captured_on": "2026-11-22"}
    )
    curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
    )

    assert "Give the pasted document a file name" in missing.content.decode()
    assert SourceDocument.objects.get().name == "jane.txt"
    assert Education.objects.get().organization.name == "Example University"


def test_a_binary_file_is_refused_with_its_reason_and_nothing_is_written(curator_client, tmp_path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(PNG)

    with picture.open("rb") as file:
        response = upload(curator_client, file)

    assert response.status_code == 200  # the form again, with the error
    assert messages_of(response) == ["photo.png: not a text document: it is a PNG image"]
    assert SourceDocument.objects.count() == Person.objects.count() == Paper.objects.count() == 0


def test_one_bad_file_does_not_stop_the_others(curator_client, tmp_path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(PNG)

    with picture.open("rb") as bad, seed_file(1) as good:
        response = upload(curator_client, bad, good)

    assert [p["parsed"].source for p in response.context["previews"]] == [SEED_FILES[1].name]
    assert messages_of(response) == ["photo.png: not a text document: it is a PNG image"]


def test_a_pdf_preview_shows_the_text_read_from_it_by_page(curator_client):
    line = 100
    first = [(72, line, "Jane Roe", "B", 18)]
    first += [(72, line + 40, "Education", "B", 12)]
    first += [(72, line + 60, "2010 - 2014 Ph.D. in Physics, University of Somewhere", "R", 10)]
    second = [(72, line, "Publications", "B", 12)]
    second += [(72, line + 20, "J. Roe. A Study of Things. Journal of Stuff, 2013.", "R", 10)]
    file = SimpleUploadedFile("jane-roe.pdf", make_pdf([first, second]), "application/pdf")

    preview = upload(curator_client, file)

    html = preview.content.decode()
    assert preview.status_code == 200, messages_of(preview)
    (document,) = preview.context["previews"]
    pages = [page for _, page, _ in document["extracted"] if page]
    assert pages == [1, 2]
    assert "The text read from this PDF" in html
    assert '<tr class="page-start"><th colspan="2" scope="rowgroup">Page 2</th></tr>' in html
    assert "<code>J. Roe. A Study of Things. Journal of Stuff, 2013.</code>" in html
    assert document["parsed"].person.name == "Jane Roe"


def test_a_text_preview_does_not_repeat_the_text(curator_client):
    with seed_file() as file:
        preview = upload(curator_client, file)
    assert preview.context["previews"][0]["extracted"] is None


def test_an_altered_preview_is_refused(curator_client):
    with seed_file() as file:
        preview = upload(curator_client, file)

    response = curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"] + "x", "captured_on": "2026-11-22"},
        follow=True,
    )

    assert messages_of(response) == ["The preview has expired or was altered; upload again."]
    assert SourceDocument.objects.count() == 0


def test_importing_the_same_file_again_says_there_is_nothing_to_do(curator_client, seeded):
    with seed_file() as file:
        preview = upload(curator_client, file)
    response = curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
        follow=True,
    )

    assert "Already imported, unchanged" in preview.content.decode()
    assert messages_of(response) == [
        f"{SEED_FILES[0].name}: nothing to do (this version is already imported)."
    ]


def test_a_document_page_shows_each_line_and_what_it_became(curator_client, seeded):
    document = SourceDocument.objects.get(name=SEED_FILES[0].name)

    response = curator_client.get(
        reverse("admin:profiles_sourcedocument_change", args=[document.pk])
    )
    html = response.content.decode()

    lines = response.context["lines"]
    assert response.status_code == 200
    assert len(lines) == len(document.text.split("\n"))
    kinds = {kind for _, _, _, kind, _, _ in lines}
    assert {"record", "person", "unparsed", "layout", "blank"} <= kinds
    education = Education.objects.filter(source=document).first()
    assert f'href="{reverse("admin:profiles_education_change", args=[education.pk])}"' in html
    unparsed = document.report["unparsed"][0]
    assert f'<tr id="line-{unparsed["line"]}" class="line-unparsed">' in html
    assert reverse("admin:profiles_sourcedocument_reimport", args=[document.pk]) in html


def test_a_paged_document_shows_its_pages_and_the_roles_stored_at_import(curator_client, tmp_path):
    text = (
        "Jane Roe\n\nEducation\n\n2010 - 2014   Ph.D. in Physics, University of Somewhere\n"
        "\fJane Roe, CV\n\nPublications\n\n"
        "1. J. Roe. A Study of Things. Journal of Stuff, 2013.\n"
    )
    path = tmp_path / "jane-roe.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_portfolios", "--as-of=2026-11-22", str(path), verbosity=0)
    document = SourceDocument.objects.get(name="jane-roe.txt")
    # The roles come from the import: the text is not parsed again to show them.
    document.text = document.text.replace("Education", "Some words nobody could read as one")
    document.save()

    response = curator_client.get(
        reverse("admin:profiles_sourcedocument_change", args=[document.pk])
    )

    lines = response.context["lines"]
    assert [(number, page) for number, page, *_ in lines if page] == [(1, 1), (6, 2)]
    by_number = {number: (kind, label) for number, _, _, kind, label, _ in lines}
    assert by_number[1][0] == "person"
    assert by_number[3][0] == "layout"
    assert by_number[5] == ("record", "Education: Ph.D., University of Somewhere")
    assert by_number[10][0] == "record" and by_number[10][1].startswith("Paper: ")
    assert '<tr class="page-start" id="page-2">' in response.content.decode()


def test_reimport_prefills_the_stored_text_and_replaces_the_records(curator_client, seeded):
    document = SourceDocument.objects.get(name=SEED_FILES[0].name)
    url = reverse("admin:profiles_sourcedocument_reimport", args=[document.pk])

    page = curator_client.get(url)
    lines = document.text.split("\n")
    heading = next(i for i, line in enumerate(lines) if "education" in line.lower())
    lines[heading + 1 : heading + 1] = [
        "",
        "**Example Institute**",
        "M.S. in Example Studies, 2001 - 2003",
    ]
    edited = "\n".join(lines)
    preview = curator_client.post(
        url, {"text": edited, "name": document.name, "captured_on": "2026-11-22"}
    )
    curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
    )

    assert page.context["form"].initial["text"] == document.text
    assert "A new version of the document" in preview.content.decode()
    document.refresh_from_db()
    assert "Example Institute" in document.text
    assert document.person.education.filter(organization__name="Example Institute").exists()
    assert LogEntry.objects.filter(object_id=str(document.pk), action_flag=CHANGE).exists()


def merge(client, model, records, keep=None):
    url = reverse(f"admin:profiles_{model._meta.model_name}_changelist")
    data = {"action": "merge_selected", "_selected_action": [r.pk for r in records]}
    if keep is not None:
        data |= {"post": "yes", "keep": keep.pk}
    return client.post(url, data, follow=keep is not None)


def test_merging_organisations_moves_every_education_and_job(curator_client, curator):
    kept = make_organization("Tsinghua University")
    merged = make_organization("Tsinghua Univ.")
    alice, bob = make_person(), make_person()
    Education.objects.create(person=alice, organization=merged, degree="Ph.D.")
    Education.objects.create(person=bob, organization=kept, degree="B.S.")
    Job.objects.create(person=bob, organization=merged, title="Professor")

    confirmation = merge(curator_client, Organization, [kept, merged])
    done = merge(curator_client, Organization, [kept, merged], keep=kept)

    assert "Merge 2 organizations" in confirmation.content.decode()
    assert "1 education" in confirmation.content.decode()
    assert not Organization.objects.filter(pk=merged.pk).exists()
    assert set(Education.objects.values_list("organization", flat=True)) == {kept.pk}
    assert set(Job.objects.values_list("organization", flat=True)) == {kept.pk}
    assert OrganizationAlias.objects.get().name == "Tsinghua Univ."
    assert re.sub("<[^>]+>", "", messages_of(done)[0]).startswith(
        "Merged Tsinghua Univ. into Tsinghua University: 1 education entry, 1 job"
    )
    assert LogEntry.objects.filter(
        user=curator, action_flag=DELETION, object_id=str(merged.pk)
    ).exists()
    assert LogEntry.objects.filter(
        user=curator, action_flag=CHANGE, object_id=str(kept.pk)
    ).exists()


def test_merging_needs_two_records(curator_client):
    only = make_organization()

    response = merge(curator_client, Organization, [only])

    assert response.status_code == 302
    assert Organization.objects.filter(pk=only.pk).exists()


def test_merging_people_from_the_changelist(curator_client, seeded):
    kept = Person.objects.order_by("pk")[0]
    twin = make_person(name=f"{kept.name} (duplicate)")
    Job.objects.create(person=twin, organization=make_organization(), title="Visiting Scholar")

    merge(curator_client, Person, [kept, twin], keep=kept)

    assert not Person.objects.filter(pk=twin.pk).exists()
    assert kept.jobs.filter(title="Visiting Scholar").exists()


def test_every_admin_page_answers(curator_client, seeded, curator):
    # Every model needs a row to open; the seeds give all but the aliases.
    first, second = Organization.objects.order_by("pk")[:2]
    merge(curator_client, Organization, [first, second], keep=first)
    PersonAlias.objects.create(person=Person.objects.first(), name="A. N. Other")
    PaperAlias.objects.create(paper=Paper.objects.first(), name="An Older Title")

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "profiles":
            continue
        opts = model._meta
        changelist = curator_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        )
        assert changelist.status_code == 200, opts.model_name
        obj = model.objects.order_by("pk").first()
        assert obj is not None, f"no {opts.model_name} to open"
        change = curator_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert change.status_code == 200, opts.model_name
        searched = curator_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"}
        )
        assert searched.status_code == 200, opts.model_name
        if model_admin.has_add_permission(changelist.wsgi_request):
            add = curator_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
            assert add.status_code == 200, opts.model_name


def test_public_pages_link_staff_to_the_admin(curator_client, client, seeded):
    person = Person.objects.order_by("pk").first()
    edit = reverse("admin:profiles_person_change", args=[person.pk])

    assert edit in curator_client.get(person.get_absolute_url()).content.decode()


def test_visitors_see_no_admin_links(client, seeded):
    person = Person.objects.order_by("pk").first()

    assert "/admin/" not in client.get(person.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_users_who_are_not_staff_are_refused(client):
    User.objects.create_user("reader", password=PASSWORD)
    client.login(username="reader", password=PASSWORD)

    for url in (reverse("admin:index"), ADD_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_curators_may_not_manage_users_or_groups(curator_client):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_user_add")).status_code == 403


def test_an_upload_needs_a_document(curator_client):
    response = upload(curator_client)

    assert "Choose at least one file or paste a document." in response.content.decode()


# Upload limits, file names, the login's redirect --------------------------------------------


def noise_document(size):
    """A CV of about `size` bytes that compresses badly, as a PDF does: its lines are random
    words the importer keeps as unparsed."""
    rng = random.Random(7)
    lines = ["Jane Example", ""]
    while sum(map(len, lines)) + len(lines) < size:
        lines.append(
            " ".join(rng.choice(NOISE_WORDS) + str(rng.randrange(10**6)) for _ in range(12))
        )
    return "\n".join(lines).encode()


NOISE_WORDS = ["river", "delta", "basin", "sparse", "model", "rain", "flux", "quartz", "myrrh"]


def test_one_large_document_within_the_limit_is_previewed_and_imported(curator_client, settings):
    data = noise_document(1_900_000)
    assert len(data) < settings.PORTFOLIO_MAX_DOCUMENT_BYTES

    preview = upload(curator_client, SimpleUploadedFile("jane-example.txt", data))
    assert preview.status_code == 200, messages_of(preview)
    assert len(preview.context["payload"]) < 100  # the document waits on the server
    curator_client.post(
        ADD_URL,
        {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"},
    )

    assert SourceDocument.objects.get().text.encode() == data


def test_more_files_than_django_reads_are_refused_with_the_limit(curator_client, settings):
    files = [
        SimpleUploadedFile(f"cv-{n}.txt", b"Jane Example\n")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]

    response = upload(curator_client, *files)

    assert response.status_code == 200  # the form again, not "Bad request"
    assert messages_of(response) == [
        "Too many files: up to 100 can be uploaded at a time. Upload them in several goes, "
        "or use the import_portfolios command."
    ]
    assert SourceDocument.objects.count() == 0


def test_a_pasted_text_larger_than_django_reads_is_refused_with_the_limit(curator_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = curator_client.post(
        ADD_URL, {"text": "Jane Example\n" * 1000, "name": "jane.txt", "captured_on": "2026-11-22"}
    )

    assert response.status_code == 200
    assert messages_of(response) == [
        "The pasted text is too large: documents may be up to 2.0\xa0MB."
    ]


def test_the_import_still_needs_the_csrf_token(curator):
    client = Client(enforce_csrf_checks=True)
    client.login(username="cura", password=PASSWORD)
    text = {"text": "Jane Example\n", "name": "jane.txt", "captured_on": "2026-11-22"}

    assert client.get(ADD_URL).status_code == 200
    assert client.post(ADD_URL, text).status_code == 403
    assert client.post(ADD_URL, {"confirm": "1", "payload": "x"}).status_code == 403


@pytest.mark.parametrize("name", ["jane\r\n.txt", "jane.txt\n<b>", "ja\tne.txt", "jane\x1b[2J.txt"])
def test_a_pasted_name_with_control_characters_is_refused(curator_client, name):
    response = curator_client.post(
        ADD_URL, {"text": "Jane Example\n", "name": name, "captured_on": "2026-11-22"}
    )

    assert response.context["form"].errors["name"] == [
        "A file name cannot hold line breaks, tabs or other control characters."
    ]


def test_a_preview_is_confirmed_only_by_its_curator_and_within_a_day(curator_client, client):
    with seed_file() as file:
        payload = upload(curator_client, file).context["payload"]
    User.objects.create_superuser("other", password=PASSWORD)
    other = Client()
    other.login(username="other", password=PASSWORD)
    confirm = {"confirm": "1", "payload": payload, "captured_on": "2026-11-22"}

    by_other = other.post(ADD_URL, confirm, follow=True)
    PendingImport.objects.update(created_at=timezone.now() - timedelta(days=2))
    with seed_file(1) as file:
        upload(curator_client, file)  # which clears previews a day old
    too_late = curator_client.post(ADD_URL, confirm, follow=True)

    for response in (by_other, too_late):
        assert messages_of(response) == ["The preview has expired or was altered; upload again."]
    assert SourceDocument.objects.count() == 0
    assert PendingImport.objects.count() == 1


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("https://evil.example/", reverse("admin:index")),
        ("//evil.example/", reverse("admin:index")),
        ("javascript:alert(1)", reverse("admin:index")),
        (reverse("admin:profiles_person_changelist"), reverse("admin:profiles_person_changelist")),
    ],
)
def test_logging_in_lands_on_next_only_when_it_is_safe(client, curator, next_url, lands_on):
    # As a form rendered before the page had a next, or made elsewhere, posts it: Django's
    # login then goes to LOGIN_REDIRECT_URL, which must be the admin's index.
    login = f"{reverse('admin:login')}?{urlencode({'next': next_url})}"

    response = client.post(login, {"username": "cura", "password": PASSWORD, "next": next_url})

    assert response.status_code == 302 and response["Location"] == lands_on
