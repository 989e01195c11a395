"""Hostile text, links, headers, login guessing, error pages and privacy, page by page."""

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.template import loader
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import server_error

from profiles import ratelimit
from profiles.models import Authorship, Education, Job, SectionItem, SourceDocument
from profiles.templatetags.portfolio import safe_url
from tests.factories import (
    PRIVATE_ADDRESS,
    PRIVATE_EMAIL,
    PRIVATE_PHONE,
    make_organization,
    make_paper,
    make_person,
    make_private_person,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)></title><script>'
# What must never reach a page as markup, and what the page shows instead.
RAW = ["<script>alert(1)", "<img src=x onerror", "</title><script>"]
ESCAPED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
    "&lt;/title&gt;&lt;script&gt;",
]
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "\\\\evil.example/x",
    "/\\evil.example/x",
    'https://example.org/"onmouseover="alert(1)',
]
PASSWORD = "correct-horse-battery-42"


class PageAudit(HTMLParser):
    """Markup a browser would run, style inline or follow to a non-web scheme."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if handlers := [name for name in attrs if name.startswith("on")]:
            self.problems.append(f"<{tag}> has event handlers {handlers}")
        if "style" in attrs:
            self.problems.append(f"<{tag}> has a style attribute (style-src is 'self')")
        data_block = tag == "script" and attrs.get("type") == "application/ld+json"
        if (
            tag in ("script", "style")
            and "src" not in attrs
            and "nonce" not in attrs
            and not data_block
        ):
            self.problems.append(f"inline <{tag}> without a nonce")
        for name in ("href", "action", "formaction", "src"):
            if name in attrs and (tag != "link" or name != "href"):
                self.hrefs.append(attrs[name])
                if not is_web_url(attrs[name]):
                    self.problems.append(f"<{tag} {name}={attrs[name]!r}>")


def is_web_url(url):
    # As a browser reads it: tabs and newlines dropped, control characters and spaces trimmed.
    url = re.sub(r"[\t\n\r]", "", url or "").strip("".join(map(chr, range(33))))
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    return urlsplit(url).scheme.lower() in ("", "http", "https", "mailto")


def audit(response, *, public):
    """The page's problems: raw payloads, unsafe markup, and on public pages any inline script
    or style at all (they are cached whole, so a per-response nonce could not match)."""
    html = response.content.decode()
    problems = [f"raw {raw!r}" for raw in RAW if raw in html]
    parser = PageAudit()
    parser.feed(html)
    problems += parser.problems
    # JSON-LD is a data block, which browsers do not run.
    if public and re.search(r'<(script(?! type="application/ld\+json">)|style)\b', html):
        problems.append("a public page has a <script> or <style> element")
    return problems


@pytest.fixture
def hostile():
    return make_hostile_records()


def make_hostile_records():
    """One of everything a document can name, each holding HOSTILE."""
    organization = make_organization(f"University {HOSTILE}")
    person = make_person(
        name=f"Eve {HOSTILE}",
        slug="eve",
        headline=f"Researcher {HOSTILE}",
        location=f"Paris {HOSTILE}",
        homepage="javascript:alert(1)",
        links=[{"label": f"Site {HOSTILE}", "url": url} for url in BAD_URLS]
        + [{"label": "Good", "url": "https://eve.example.org/"}],
        metrics={"h_index": HOSTILE},
    )
    other = make_person(name=f"Mallory {HOSTILE}", slug="mallory")
    Education.objects.create(
        person=person,
        organization=organization,
        degree_text=f"Ph.D. {HOSTILE}",
        field=f"Physics {HOSTILE}",
        advisor=f"Prof. {HOSTILE}",
        details=[f"Thesis {HOSTILE}"],
        start_year=2015,
        end_year=2020,
    )
    Job.objects.create(
        person=person,
        organization=organization,
        title=f"Scientist {HOSTILE}",
        details=[f"Built {HOSTILE}"],
        start_year=2020,
        current=True,
    )
    SectionItem.objects.create(person=person, section=f"Awards {HOSTILE}", text=f"Prize {HOSTILE}")
    paper = make_paper(
        [person, other],
        title=f"On Escaping {HOSTILE}",
        venue=f"Conf {HOSTILE}",
        venue_full=f"Conference {HOSTILE}",
        abstract=f"We show {HOSTILE}",
        awards=[f"Best paper {HOSTILE}"],
        links=[{"label": "Code", "url": url} for url in BAD_URLS]
        + [{"label": f"PDF {HOSTILE}", "url": url} for url in BAD_URLS],
        has_code=True,
        year=2023,
    )
    Authorship.objects.create(paper=paper, position=3, name=f"Trudy {HOSTILE}")
    SourceDocument.objects.create(
        name="eve.txt",
        sha256="0" * 64,
        text=f"Eve {HOSTILE}\n\nEducation\nPh.D. {HOSTILE}, University, 2015 - 2020\n",
        captured_on=date(2026, 11, 22),
        parser_version="test",
        report={"warnings": [f"odd {HOSTILE}"], "unparsed": [{"line": 1, "text": HOSTILE}]},
        person=person,
    )
    return {"person": person, "other": other, "organization": organization, "paper": paper}


def public_urls(hostile):
    person, paper = hostile["person"], hostile["paper"]
    return [
        reverse("profiles:home"),
        reverse("profiles:search") + "?q=Eve",
        reverse("profiles:search") + "?q=Escaping",
        reverse("profiles:person-list"),
        reverse("profiles:person-list") + "?q=Eve",
        person.get_absolute_url(),
        reverse("profiles:person-cv", args=[person.slug]),
        reverse("profiles:paper-list"),
        reverse("profiles:paper-list") + f"?author={person.slug}",
        paper.get_absolute_url(),
        reverse("profiles:timeline"),
        reverse("profiles:timeline") + f"?author={person.slug}",
        reverse("profiles:organization-list"),
        hostile["organization"].get_absolute_url(),
    ]


def admin_urls(hostile):
    person, paper = hostile["person"], hostile["paper"]
    document = SourceDocument.objects.get()
    urls = [reverse("admin:index")]
    for name, pk in [
        ("person", person.pk),
        ("paper", paper.pk),
        ("organization", hostile["organization"].pk),
        ("education", Education.objects.get().pk),
        ("job", Job.objects.get().pk),
        ("sectionitem", SectionItem.objects.get().pk),
        ("authorship", Authorship.objects.filter(paper=paper).first().pk),
        ("sourcedocument", document.pk),
    ]:
        urls += [
            reverse(f"admin:profiles_{name}_changelist"),
            reverse(f"admin:profiles_{name}_changelist") + "?q=e",
            reverse(f"admin:profiles_{name}_change", args=[pk]),
            reverse(f"admin:profiles_{name}_history", args=[pk]),
        ]
    urls.append(reverse("admin:profiles_sourcedocument_reimport", args=[document.pk]))
    return urls


def test_public_pages_escape_document_text(client, hostile):
    for url in public_urls(hostile):
        response = client.get(url)
        html = response.content.decode()

        assert response.status_code == 200, url
        assert audit(response, public=True) == [], url
        assert any(escaped in html for escaped in ESCAPED), url


def test_titles_and_charts_hold_the_escaped_text(client, hostile):
    html = client.get(hostile["person"].get_absolute_url()).content.decode()

    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]  # the page's, before the charts'
    assert all(escaped in title for escaped in ESCAPED)
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert f"Scientist {ESCAPED[0]}" in chart  # a bar's label and its tooltip
    assert chart.count("<title") == chart.count("</title>")
    paper_page = client.get(hostile["paper"].get_absolute_url()).content.decode()
    assert ESCAPED[2] in re.search(r"<title>(.*?)</title>", paper_page, re.S)[1]


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("search", {"q": HOSTILE}),
        ("person-list", {"q": HOSTILE, "skill": HOSTILE, "organization": HOSTILE}),
        ("paper-list", {"q": HOSTILE, "venue": HOSTILE, "year_min": HOSTILE, "sort": HOSTILE}),
        ("timeline", {"author": HOSTILE, "kind": HOSTILE}),
    ],
)
def test_query_parameters_are_escaped_where_shown(client, url_name, params):
    response = client.get(reverse(f"profiles:{url_name}"), params)

    assert response.status_code == 200
    assert audit(response, public=True) == []
    assert ESCAPED[0] in response.content.decode()


def test_admin_pages_escape_document_text(admin_client, hostile):
    for url in admin_urls(hostile):
        response = admin_client.get(url)

        assert response.status_code == 200, url
        assert audit(response, public=False) == [], url
    document = admin_client.get(
        reverse("admin:profiles_sourcedocument_change", args=[SourceDocument.objects.get().pk])
    ).content.decode()
    assert all(escaped in document for escaped in ESCAPED)  # the lines, warnings, the person


def test_admin_merge_and_messages_escape_names(admin_client, hostile):
    url = reverse("admin:profiles_person_changelist")
    people = [hostile["person"].pk, hostile["other"].pk]
    selected = {"action": "merge_selected", "_selected_action": people}

    confirmation = admin_client.post(url, selected)
    done = admin_client.post(url, selected | {"post": "yes", "keep": people[0]}, follow=True)
    index = admin_client.get(reverse("admin:index"))

    for response in (confirmation, done, index):
        assert audit(response, public=False) == []
        assert ESCAPED[0] in response.content.decode()


def test_the_import_preview_escapes_the_document(admin_client):
    text = (
        f"Eve {HOSTILE}\n{HOSTILE}\n\nEducation\n"
        f"Ph.D. in {HOSTILE}, University {HOSTILE}, 2015 - 2020\n\n"
        f"Publications\n1. Eve. On {HOSTILE}. In Proc. {HOSTILE}, 2021.\n"
    )
    response = admin_client.post(
        reverse("admin:profiles_sourcedocument_add"),
        {"text": text, "name": f"eve{HOSTILE}.txt", "captured_on": "2026-11-22"},
    )

    html = response.content.decode()
    assert response.templates[0].name == "admin/profiles/sourcedocument/preview.html"
    assert audit(response, public=False) == []
    # The importer keeps tags other than formatting as written; the file name keeps what
    # follows its last slash.
    assert "title&gt;&lt;script&gt;.txt" in html
    assert "University &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in html


# Links -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", BAD_URLS)
def test_safe_url_refuses_other_schemes_and_disguises(url):
    assert safe_url(url) == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("HTTP://example.org", "HTTP://example.org"),
        (" http://example.org ", "http://example.org"),
        ("mailto:eve@example.org", "mailto:eve@example.org"),
        ("example.org/eve", "https://example.org/eve"),
    ],
)
def test_safe_url_keeps_web_and_mail_links(url, expected):
    assert safe_url(url) == expected


def test_only_web_links_become_links(client, admin_client, hostile):
    profile = client.get(hostile["person"].get_absolute_url())
    paper = client.get(hostile["paper"].get_absolute_url())

    for response in (profile, paper):
        parser = PageAudit()
        parser.feed(response.content.decode())
        assert parser.problems == []
        assert not [href for href in parser.hrefs if "alert" in href or "evil" in href]
    assert 'href="https://eve.example.org/"' in profile.content.decode()
    for name in ("person", "paper"):
        public_url = hostile[name].get_absolute_url()
        changelist = admin_client.get(reverse(f"admin:profiles_{name}_changelist"))
        change = admin_client.get(reverse(f"admin:profiles_{name}_change", args=[hostile[name].pk]))
        assert audit(changelist, public=False) == audit(change, public=False) == []
        assert f'href="{public_url}"' in changelist.content.decode()
        view_on_site = re.search(r'href="([^"]+)" class="viewsitelink"', change.content.decode())
        assert admin_client.get(view_on_site[1]).url == f"http://testserver{public_url}"


# Headers -----------------------------------------------------------------------------------

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = dict(
        (directive.split(" ", 1) + [""])[:2]
        for directive in response.headers["Content-Security-Policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"].startswith("'self'")
    assert policy["style-src"].startswith("'self'")
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_every_response_carries_the_security_headers(client, admin_client, hostile, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
    }
    for url in public_urls(hostile):
        for response in (client.get(url), client.get(url)):  # rendered, then from the cache
            assert_security_headers(response)
    for url in admin_urls(hostile)[:4]:
        assert_security_headers(admin_client.get(url))
    assert_security_headers(Client().get(reverse("admin:login")))
    assert_security_headers(client.get("/no/such/page/"))


def test_tls_settings_give_hsts_and_secure_cookies(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    User.objects.create_superuser("root", password=PASSWORD)

    plain = client.get(reverse("admin:login"))
    login = client.get(reverse("admin:login"), secure=True)
    logged_in = client.post(
        reverse("admin:login"), {"username": "root", "password": PASSWORD}, secure=True
    )

    assert plain.status_code == 301 and plain.url.startswith("https://")
    assert login.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert login.cookies["csrftoken"]["secure"]
    assert logged_in.cookies["sessionid"]["secure"] and logged_in.cookies["sessionid"]["httponly"]


# Login rate limit --------------------------------------------------------------------------


@pytest.fixture
def users():
    return [User.objects.create_superuser(name, password=PASSWORD) for name in ("cura", "bob")]


def log_in(username, password, address="192.0.2.1"):
    """A fresh browser's attempt from `address`: whether it got in, and the page."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    return response.status_code == 302, response.content.decode()


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


def test_five_failures_for_a_username_lock_it_without_checking_passwords(users, clock, monkeypatch):
    for n in range(5):
        assert not log_in("cura", "guess", f"192.0.2.{n}")[0]

    def authenticate(*args, **kwargs):
        raise AssertionError("the password was checked while locked")

    with monkeypatch.context() as patch:
        patch.setattr("django.contrib.auth.forms.authenticate", authenticate)
        ok, page = log_in("CURA ", PASSWORD, "198.51.100.7")
    assert not ok and "Too many failed attempts to log in. Try again in 15 minutes." in page
    assert log_in("bob", PASSWORD, "198.51.100.7")[0]  # others still get in, from anywhere


def test_the_lock_ends_when_the_window_has_passed(users, clock):
    for n in range(5):
        log_in("cura", "guess", f"192.0.2.{n}")
        clock[0] += 60  # the oldest failure counts until it is 15 minutes old

    clock[0] += 10 * 60 - 1
    assert "Try again in 1 minute." in log_in("cura", PASSWORD, "198.51.100.1")[1]
    clock[0] += 1
    assert log_in("cura", PASSWORD, "198.51.100.1")[0]


def test_a_successful_login_forgives_the_usernames_earlier_failures(users, clock):
    for n in range(4):
        log_in("cura", "guess", f"192.0.2.{n}")
    assert log_in("cura", PASSWORD, "192.0.2.50")[0]
    for n in range(4):
        log_in("cura", "guess", f"192.0.2.{n + 10}")

    assert log_in("cura", PASSWORD, "192.0.2.60")[0]


def test_the_limit_and_window_come_from_settings(users, clock, settings):
    settings.PORTFOLIO_LOGIN_FAILURE_LIMIT = 2
    settings.PORTFOLIO_LOGIN_FAILURE_WINDOW = 60
    log_in("cura", "guess", "192.0.2.1")
    log_in("cura", "guess", "192.0.2.2")

    assert "Try again in 1 minute." in log_in("cura", PASSWORD, "192.0.2.3")[1]
    clock[0] += 60
    assert log_in("cura", PASSWORD, "192.0.2.3")[0]


@pytest.mark.parametrize(
    ("behind_proxy", "expected"), [(False, "10.0.0.2"), (True, "198.51.100.7")]
)
def test_the_client_address_behind_a_proxy_is_the_one_it_appended(settings, behind_proxy, expected):
    settings.PORTFOLIO_BEHIND_PROXY = behind_proxy
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )

    assert ratelimit.client_address(request) == expected


# Error pages -------------------------------------------------------------------------------

SECRET = "SELECT password FROM auth_user WHERE /srv/portfolio/settings.py"


def fail(request):
    raise RuntimeError(SECRET)


def forbid(request):
    raise PermissionDenied(SECRET)


def suspicious(request):
    raise SuspiciousOperation(SECRET)


def missing(request):
    raise Http404(SECRET)


urlpatterns = [
    path("fail/", fail),
    path("forbid/", forbid),
    path("suspicious/", suspicious),
    path("missing/", missing),
    path("", include("profiles.urls")),
]


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/fail/", 500, "Something went wrong"),
        ("/forbid/", 403, "Forbidden"),
        ("/suspicious/", 400, "Bad request"),
        ("/missing/", 404, "Not found"),
        ("/no/such/page/", 404, "Not found"),
    ],
)
def test_error_pages_leak_nothing(settings, url, status, heading):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get(url)
    html = response.content.decode()

    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    for leak in ("SELECT", "/srv/", "settings", "Traceback", "DEBUG", url.strip("/")):
        assert leak not in html
    assert_security_headers(response)


def test_a_bad_host_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()
    assert "evil.example" not in response.content.decode()


def test_a_csrf_failure_gets_a_page_without_the_reason(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "cura", "password": PASSWORD})
    html = response.content.decode()

    assert response.status_code == 403
    assert "The form could not be sent" in html
    assert "CSRF cookie" not in html and "DEBUG" not in html


def test_the_500_page_renders_without_a_request_or_context():
    assert "Something went wrong" in loader.get_template("500.html").render()
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


# Privacy -----------------------------------------------------------------------------------

PHONE, ADDRESS, EMAIL = PRIVATE_PHONE, PRIVATE_ADDRESS, PRIVATE_EMAIL


@pytest.fixture
def private_person():
    person = make_private_person()
    job, paper = person.jobs.get(), person.authorships.get().paper
    return {"person": person, "organization": job.organization, "paper": paper}


def private_pages(client, private_person):
    """{url: html} of every public page, searches for private details included; a search
    page's echo of its own query is taken out."""
    pages = {url: client.get(url).content.decode() for url in public_urls(private_person)}
    for query in ("555 010", "Baker Street", EMAIL):
        html = client.get(reverse("profiles:search"), {"q": query}).content.decode()
        pages[f"search for {query}"] = html.replace(query, "").replace(quote(query), "")
    return pages


def test_phones_and_addresses_never_leave_the_admin(client, private_person):
    for url, html in private_pages(client, private_person).items():
        digits = re.sub(r"\D", "", html)
        assert "5550104477" not in digits and "442079460958" not in digits, url
        assert "Baker" not in html and "NW1" not in html, url


def test_search_does_not_find_people_by_private_details(client, private_person):
    for query in ("555", "Baker Street", EMAIL):
        response = client.get(reverse("profiles:search"), {"q": query})
        assert list(response.context["people"]) == [], query


def test_email_is_shown_only_when_the_person_allows_it(client, private_person):
    person = private_person["person"]
    hidden = private_pages(client, private_person)
    person.show_email = True
    person.save()
    profile = client.get(person.get_absolute_url()).content.decode()

    assert not [url for url, html in hidden.items() if EMAIL in html]
    assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in profile
