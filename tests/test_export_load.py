"""The list exports under load: built once per data version and sent from a file, never more
of them built at once than there are slots, and a limit per client address; the pages are
not affected by any of it."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import exports, throttle
from tests.factories import make_paper, make_portfolio

pytestmark = pytest.mark.django_db

ADA, BOB = "203.0.113.1", "203.0.113.2"
WHOLE_SITE = ["paper-list-bibtex", "paper-list-csv", "person-list-csv"]


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    # The rate limit counts in the page cache, which the other tests leave off.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "e"}
    }
    settings.PORTFOLIO_EXPORT_DIR = tmp_path
    cache.clear()
    yield tmp_path
    cache.clear()


def body(response):
    assert response.status_code == 200, response
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def export_files(directory):
    return sorted(p.name for p in Path(directory).rglob("*") if p.is_file() and p.suffix != ".lock")


def authorship_queries(queries):
    return sum("profiles_authorship" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("name", WHOLE_SITE)
def test_a_whole_site_export_is_built_once_per_data_version(
    client, name, django_assert_num_queries
):
    make_portfolio(3, papers_each=2)
    url = reverse(f"profiles:{name}")
    first = body(client.get(url))

    with django_assert_num_queries(1):  # the data version
        response = client.get(url)
        again = body(response)

    assert again == first
    assert int(response["Content-Length"]) == len(again.encode())


def test_a_change_to_the_data_replaces_the_file(client, export_dir):
    people = make_portfolio(2)
    url = reverse("profiles:paper-list-bibtex")
    before = body(client.get(url))

    make_paper(people, title="Brand New Results")  # bumps the data version
    after = body(client.get(url))

    assert "Brand New Results" not in before
    assert "Brand New Results" in after
    (kept,) = export_files(export_dir)
    assert kept.startswith("papers-export.bib.")


def test_a_filtered_export_reads_the_database_and_its_file_a_chunk_at_a_time(
    client, monkeypatch, export_dir
):
    monkeypatch.setattr(exports, "CHUNK", 2)
    monkeypatch.setattr(throttle, "BLOCK", 100)
    make_portfolio(4, papers_each=2)
    url = reverse("profiles:paper-list-bibtex")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"kind": "conference"})
    chunks = list(response.streaming_content)

    assert response.streaming
    # Eight papers two at a time: no query reads them all, and no chunk holds them all.
    assert authorship_queries(queries) == 4
    assert {len(chunk) for chunk in chunks[:-1]} == {100}
    assert b"".join(chunks).count(b"@inproceedings") == 8
    assert len(export_files(export_dir)) == 1


def test_each_export_keeps_its_newest_files(client, monkeypatch, export_dir):
    monkeypatch.setattr(throttle, "KEEP", 2)
    make_portfolio(2)
    url = reverse("profiles:paper-list-csv")

    for year in ("2021", "2022", "2023"):
        body(client.get(url, {"year_min": year}))

    assert len(export_files(export_dir)) == 2


def test_exports_past_the_limit_are_429_for_that_address_only(client, settings, monkeypatch):
    settings.PORTFOLIO_EXPORT_RATE_LIMIT = 2
    settings.PORTFOLIO_EXPORT_RATE_WINDOW = 60
    monkeypatch.setattr(throttle, "clock", lambda: 6_000_020.0)  # 20 s into a window
    person = make_portfolio(2)[0]
    bib, csv = reverse("profiles:paper-list-bibtex"), reverse("profiles:person-list-csv")

    allowed = [client.get(bib, REMOTE_ADDR=ADA).status_code for _ in range(2)]
    refused = client.get(csv, REMOTE_ADDR=ADA)

    assert allowed == [200, 200]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert "try again in 40 s" in refused.content.decode()
    assert client.get(bib, REMOTE_ADDR=BOB).status_code == 200
    assert client.get(person.get_absolute_url(), REMOTE_ADDR=ADA).status_code == 200
    assert client.get(reverse("profiles:paper-list"), REMOTE_ADDR=ADA).status_code == 200
    monkeypatch.setattr(throttle, "clock", lambda: 6_000_060.0)
    assert client.get(bib, REMOTE_ADDR=ADA).status_code == 200


def test_behind_a_proxy_the_limit_is_per_forwarded_address(client, settings):
    settings.PORTFOLIO_BEHIND_PROXY = True
    settings.PORTFOLIO_EXPORT_RATE_LIMIT = 1
    make_portfolio(2)
    url = reverse("profiles:paper-list-csv")

    def status(forwarded):
        proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}
        return client.get(url, **proxy).status_code

    assert [status(f"1.2.3.4, {ADA}"), status(f"5.6.7.8, {ADA}"), status(BOB)] == [200, 429, 200]


def test_while_every_slot_builds_an_export_only_built_ones_are_served(client, settings):
    settings.PORTFOLIO_EXPORT_RATE_LIMIT = 3
    make_portfolio(2)
    url = reverse("profiles:paper-list-bibtex")
    whole = body(client.get(url))

    with throttle._slot(throttle._directory()):  # as another process building an export
        filtered = client.get(url, {"kind": "conference"})
        again = client.get(url)
        page = client.get(reverse("profiles:paper-list"), {"kind": "conference"})

    assert filtered.status_code == 429
    assert filtered["Retry-After"] == str(throttle.BUSY_RETRY_AFTER)
    assert body(again) == whole
    assert page.status_code == 200
    # The slot is free again, and the refusal did not count as one of the client's exports.
    assert client.get(url, {"kind": "conference"}).status_code == 200


def test_an_export_that_fails_halfway_leaves_no_file_and_no_slot_taken(
    client, monkeypatch, export_dir
):
    make_portfolio(2)
    url = reverse("profiles:paper-list-bibtex")

    def broken(papers):
        yield "@misc{half,\n"
        raise ConnectionError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(exports, "bibtex_stream", broken)
        with pytest.raises(ConnectionError):
            client.get(url)

    assert export_files(export_dir) == []
    assert body(client.get(url)).count("@inproceedings") == 6


def test_latex_escaping_skips_only_text_the_encoder_would_leave_alone():
    texts = [chr(n) for n in range(128)]
    texts += ["Jane Roe-Smith", "O'Brien", "x -- y", "R&D", "Élodie", "大型", "a_b {c}"]

    assert [exports._latex(text) for text in texts] == [
        exports._encode_latex(text) for text in texts
    ]
