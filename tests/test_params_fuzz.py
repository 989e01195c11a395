"""Every public URL with query strings no form expects: NUL bytes, 100 KB values, repeated and
unknown keys, broken percent-escapes. Never a 500, and never a 200 cut short: streamed exports
are read to the end and must end as their format does.

A seeded generator rather than Hypothesis: the examples are the same on every run and on both
databases, and bounded, so that the test takes a few seconds.
"""

import csv
import io
import json
import random
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from profiles.filters import PaperFilter, PersonFilter
from profiles.models import Paper
from profiles.urls import urlpatterns
from tests.factories import make_organization, make_paper, make_portfolio

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # random query strings per URL, besides the fixed hard cases
HUGE = "x" * 100_000
VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    HUGE,
    "9" * 5000,
    "é✓中文",
    "0",
    "-1",
    "2",
    "2024",
    "99999999999999999999",
    "1e999",
    "NaN",
    "on",
    "false",
    "%",
    "_",
    "'; drop table x;--",
    "<script>",
    "-year",
    "year,title,-year",
    "-paper_count",
    "kind",
    "journal",
]
UNKNOWN_KEYS = ["v", "utm_source", "", "\x00", "PAGE", "x" * 1000]
RAW_TAILS = ["", "&%ff%fe=%c3", "&%zz=%", "&&&=", "&page"]

PAPER_PARAMS = [*PaperFilter.base_filters]
PERSON_PARAMS = [*PersonFilter.base_filters]
# (the view's parameters, the values of its URL's one path argument, or None)
ROUTES = {
    "home": ([], None),
    "search": (["q"], None),
    "person-list-csv": (PERSON_PARAMS, None),
    "person-json": ([], ["{person}", "nobody"]),
    "person-bibtex": ([], ["{person}", "nobody"]),
    "person-list": ([*PERSON_PARAMS, "page"], None),
    "person-detail": (["group"], ["{person}", "nobody", "x" * 300]),
    "person-cv": ([], ["{person}", "nobody"]),
    "paper-list-csv": (PAPER_PARAMS, None),
    "paper-list-bibtex": (PAPER_PARAMS, None),
    "paper-bibtex": ([], ["{paper}", "999999999"]),
    "paper-list": ([*PAPER_PARAMS, "page"], None),
    "paper-detail": ([], ["{paper}", "999999999999999999"]),
    "timeline": ([*PAPER_PARAMS, "page"], None),
    "organization-list": ([], None),
    "organization-detail": ([], ["{organization}", "nowhere"]),
    "sitemap": ([], None),
    "sitemap-section": (["p"], ["people", "papers", "lists", "organizations", "nonsense"]),
    "robots": ([], None),
}


def test_every_public_url_is_fuzzed():
    assert {pattern.name for pattern in urlpatterns} == ROUTES.keys()


@pytest.fixture
def records():
    people = make_portfolio(2, papers_each=2)
    make_paper(people, title="Undated", year=None)
    return {
        "person": people[0].slug,
        "paper": str(Paper.objects.order_by("pk").first().pk),
        "organization": make_organization("Example Institute").slug,
    }


def query_strings(params, rng):
    """The fixed hard cases for these parameters, then EXAMPLES random ones."""
    fixed = [{name: value} for name in params for value in ("\x00", HUGE)]
    fixed += [[(name, "1"), (name, "\x00"), (name, "")] for name in params[:3]]
    fixed += [{"v": "1"}, {**dict.fromkeys(params, "\x00"), "utm_source": HUGE}]
    queries = [urlencode(query) for query in fixed]
    for _ in range(EXAMPLES):
        keys = params + UNKNOWN_KEYS if params else UNKNOWN_KEYS
        pairs = [(rng.choice(keys), rng.choice(VALUES)) for _ in range(rng.randint(1, 5))]
        queries.append(urlencode(pairs) + rng.choice(RAW_TAILS))
    return queries


def assert_complete(response, url):
    """A 200 holds a whole document of its type."""
    if response.status_code != 200:
        return
    content_type = response["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    if content_type.startswith("text/html"):
        assert text.rstrip().endswith("</html>"), url
    elif content_type.startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert text.endswith("\r\n"), url
        assert {len(row) for row in rows} == {len(rows[0])}, url
    elif content_type.startswith("application/x-bibtex"):
        assert text.count("@") == 0 or text.rstrip().endswith("}"), url
    elif content_type.startswith("application/json"):
        json.loads(text)
    elif content_type.startswith("application/xml"):
        assert text.rstrip().endswith(("</urlset>", "</sitemapindex>")), url
    else:
        assert content_type.startswith("text/plain"), url


@pytest.mark.parametrize("name", ROUTES)
def test_no_query_string_breaks_a_page(client, records, name):
    params, arguments = ROUTES[name]
    rng = random.Random(name)  # the same examples on every run
    paths = [
        reverse(f"profiles:{name}", args=[argument.format(**records)] if arguments else [])
        for argument in arguments or [None]
    ]
    for path in paths:
        for query in query_strings(params, rng):
            url = f"{path}?{query}"
            response = client.get(url, follow=True)

            assert response.status_code in (200, 400, 404), url
            assert_complete(response, url)
