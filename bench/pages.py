"""Per-page SQL queries and median server time, in-process, for the database in DATABASE_URL.

python -m bench.pages REPEATS  ->  JSON on stdout: {page: {"url", "queries", "median_ms"}}
The page cache is off (DJANGO_CACHE_URL=dummy://): this measures the work a miss costs.
"""

import json
import statistics
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from profiles.models import Authorship, Organization, Paper, Person  # noqa: E402


def pages():
    """The pages the benchmark measures, chosen from the data the same way at every size."""
    busiest = Person.objects.annotate(n=Count("authorships")).order_by("-n", "pk").first()
    biggest = Organization.objects.annotate(n=Count("education")).order_by("-n", "pk").first()
    crowded = Paper.objects.annotate(n=Count("authorships")).order_by("-n", "pk").first()
    word = (crowded.title.split() or ["learning"])[-1]
    return {
        "home": "/",
        "people list, filtered": f"/people/?organization={biggest.slug}&degree=Ph.D.",
        "profile (most papers)": busiest.get_absolute_url(),
        "papers list, filtered": "/papers/?kind=conference&year_min=2015&sort=-year",
        "papers list, searched": f"/papers/?q={word}",
        "timeline": "/timeline/",
        "paper detail (most authors)": crowded.get_absolute_url(),
    }


def measure(client, url, repeats):
    for _ in range(2):  # warm up: template loading, connection, caches of the database
        assert client.get(url).status_code == 200, url
    # Counted with a wrapper: the query log that CaptureQueriesContext reads is reset when a
    # request starts.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return {"url": url, "queries": len(queries), "median_ms": round(statistics.median(times), 2)}


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    client = Client()
    result = {name: measure(client, url, repeats) for name, url in pages().items()}
    result["_counts"] = {
        "people": Person.objects.count(),
        "papers": Paper.objects.count(),
        "authorships": Authorship.objects.count(),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
