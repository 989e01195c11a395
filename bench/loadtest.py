"""`make loadtest`: bounded loads on gunicorn: whole-site exports beside browsing, then a
mixed browsing load while 200 documents import.

On a throwaway PostgreSQL (bench/loadtest.sh starts it): the demo documents from samples/
plus LOADTEST_PEOPLE generated people; gunicorn with the product's settings (DEBUG off, the
page cache on, which the import empties once, when its batch is done, as in production).

- Exports: each whole-site export is downloaded twice alone (built, then sent from its file).
  Then wrk keeps 8 connections busy on pages for LOADTEST_EXPORT_SECONDS, and as long again
  while 8 more download exports, whole-site or filtered anew each time, from 8 client
  addresses. Passes when the pages' p95 beside the exports is at most P95_RATIO times that
  without, and no request fails; the exports' 429s are their limits at work, counted apart.
- Imports: wrk keeps 20 connections busy for 60 seconds on a mix of browsing, filtering,
  searching, profiles and timelines drawn from the database while `import_portfolios` imports
  200 generated CV files. Passes when no request fails (socket errors, timeouts or a status
  other than 2xx/3xx) and every document was imported.

Writes bench/loadtest.json and the load sections of BENCHMARKS.md.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.run import PYTHON, ROOT, create_database, env, gunicorn, log, run, wait_for

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "20"))
PEOPLE = int(os.environ.get("LOADTEST_PEOPLE", "2000"))
DOCUMENTS = int(os.environ.get("LOADTEST_DOCUMENTS", "200"))
WORKERS = 4  # gunicorn's advice, 2 × cores, on the 2-core machines this runs on
DATABASE = "loadtest"
EXPORT_SECONDS = int(os.environ.get("LOADTEST_EXPORT_SECONDS", "20"))
PAGE_CLIENTS = EXPORT_CLIENTS = 8
WHOLE_SITE_EXPORTS = ["/people/export.csv", "/papers/export.csv", "/papers/export.bib"]
# A filtered export as large, with a year drawn for each request: a new file to build each time.
FILTERED_EXPORT = "/papers/export.bib?year_min="
FILTERED_YEARS = (1900, 2020)
# Clients of their own to the per-address limit, as if through our proxy (TEST-NET-1).
EXPORT_ADDRESSES = [f"192.0.2.{n}" for n in range(1, EXPORT_CLIENTS + 1)]
P95_RATIO = 3

# wrk picks a path at random per request and reports from done() as one JSON line.
WRK_SCRIPT = """
local paths = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.1f, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"timeout": %%d, "status": %%d, "p50_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, ' ..
    '"max_ms": %%.1f}\\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.timeout,
    e.status, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""

# Each request one of the paths, or the filtered one, from one of the addresses; counts the
# statuses in each thread.
EXPORT_WRK_SCRIPT = """
local paths = {%s}
local filtered, first, last = %s, %d, %d
local addresses = {%s}
local threads = {}
math.randomseed(%d)
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  statuses = {}
end
request = function()
  local headers = {["X-Forwarded-For"] = addresses[math.random(#addresses)]}
  local n = math.random(#paths + 1)
  local path = n <= #paths and paths[n] or filtered .. math.random(first, last)
  return wrk.format("GET", path, headers)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local totals, counts = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    counts[#counts + 1] = string.format('"%%d": %%d', status, n)
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.1f, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "timeout": %%d, "statuses": {%%s}}\\n',
    summary.requests, summary.duration / 1e6, summary.bytes, e.connect, e.read, e.write,
    e.timeout, table.concat(counts, ", ")))
end
"""

PATHS_SCRIPT = """
import json, random
from profiles.models import Organization, Paper, Person
rng = random.Random(1)
people = list(Person.objects.order_by("?").values_list("slug", flat=True)[:200])
places = list(Organization.objects.order_by("?").values_list("slug", flat=True)[:50])
papers = list(Paper.objects.order_by("?").values_list("pk", flat=True)[:200])
words = [w for t in Paper.objects.values_list("title", flat=True)[:300] for w in t.split()
         if len(w) > 5 and w.isalpha()]
names = [s.split("-")[0] for s in people]
paths = ["/", "/people/", "/papers/", "/organizations/", "/timeline/"]
paths += ["/people/?sort=-papers", "/papers/?kind=journal&year_min=2018", "/papers/?sort=title"]
paths += [f"/people/{s}/" for s in people]
paths += [f"/timeline/?author={s}" for s in people[:50]]
paths += [f"/papers/{pk}/" for pk in papers]
paths += [f"/people/?organization={s}" for s in places]
paths += [f"/organizations/{s}/" for s in places[:20]]
paths += [f"/search/?q={rng.choice(words)}" for _ in range(40)]
paths += [f"/papers/?q={rng.choice(words)}&sort=-year" for _ in range(40)]
paths += [f"/people/?q={rng.choice(names)}" for _ in range(20)]
paths += [f"/people/?page=2", "/papers/?page=3"]
print(json.dumps(paths))
"""


def prepare():
    log(f"building {DATABASE}: the demo documents and {PEOPLE} generated people")
    create_database(DATABASE)
    # generate_portfolios wants an empty database; the demo documents import on top.
    run(["manage.py", "generate_portfolios", "--people", str(PEOPLE), "--seed", "3"], DATABASE)
    run(["manage.py", "import_portfolios", "samples/", "-v0"], DATABASE)
    run(["manage.py", "dbshell", "--", "-c", "ANALYZE"], DATABASE, capture_output=True)
    run(["manage.py", "collectstatic", "--noinput", "-v0"], DATABASE)
    out = run(["manage.py", "shell", "-v0", "-c", PATHS_SCRIPT], DATABASE, capture_output=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_documents(folder):
    log(f"writing {DOCUMENTS} CV files to import under load")
    # --documents leaves the database alone; another seed, so these are new people.
    run(
        [
            "manage.py",
            "generate_portfolios",
            "--people",
            str(DOCUMENTS),
            "--seed",
            "4",
            "--documents",
            str(folder),
        ],
        DATABASE,
        stdout=subprocess.DEVNULL,
    )
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def count_documents(names):
    script = (
        "import json, sys\n"
        "from profiles.models import SourceDocument\n"
        "names = json.load(sys.stdin)\n"
        "print(SourceDocument.objects.filter(name__in=names).count())\n"
    )
    out = run(
        ["manage.py", "shell", "-c", script], DATABASE, input=json.dumps(names), capture_output=True
    ).stdout
    return int(out.strip().splitlines()[-1])


def lua(text):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(text)
    return script


def wrk_command(script, clients, seconds, port):
    threads = 2 if clients > 10 else 1
    return [
        *("wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s"),
        *("-s", str(script), f"http://127.0.0.1:{port}"),
    ]


def wrk(script, clients, seconds, port):
    out = subprocess.run(
        wrk_command(script, clients, seconds, port), check=True, text=True, capture_output=True
    ).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    failed = sum(summary[k] for k in ("connect", "read", "write", "timeout", "status"))
    return summary | {"errors": failed, "rps": round(summary["requests"] / summary["seconds"], 1)}


def export_mix(port, pages):
    """The pages' latency alone, then beside clients downloading whole-site exports."""
    built = {path: download(port, path) for path in WHOLE_SITE_EXPORTS}
    sent = {path: download(port, path) for path in WHOLE_SITE_EXPORTS}
    exports = lua(
        EXPORT_WRK_SCRIPT
        % (
            ", ".join(json.dumps(p) for p in WHOLE_SITE_EXPORTS),
            json.dumps(FILTERED_EXPORT),
            *FILTERED_YEARS,
            ", ".join(json.dumps(a) for a in EXPORT_ADDRESSES),
            random.Random(2).randrange(1 << 30),
        )
    )
    log(
        f"exports: {PAGE_CLIENTS} clients on pages for {EXPORT_SECONDS} s, then as long again "
        f"beside {EXPORT_CLIENTS} clients on exports"
    )
    try:
        wrk(pages, PAGE_CLIENTS, 5, port)  # warm-up: the workers, their connections, the cache
        alone = wrk(pages, PAGE_CLIENTS, EXPORT_SECONDS, port)
        downloads = subprocess.Popen(
            wrk_command(exports, EXPORT_CLIENTS, EXPORT_SECONDS + 4, port),
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)  # the downloads under way before the pages are timed
        beside = wrk(pages, PAGE_CLIENTS, EXPORT_SECONDS, port)
        out = downloads.communicate(timeout=EXPORT_SECONDS + 60)[0]
    finally:
        exports.unlink()
    downloaded = json.loads(out.strip().splitlines()[-1])
    statuses = {int(status): n for status, n in downloaded.pop("statuses").items()}
    served, refused = statuses.pop(200, 0), statuses.pop(429, 0)
    failed = sum(downloaded[k] for k in ("connect", "read", "write", "timeout"))
    failed += sum(statuses.values())
    ratio = beside["p95_ms"] / alone["p95_ms"] if alone["p95_ms"] else float("inf")
    mix = {
        "seconds": EXPORT_SECONDS,
        "page_clients": PAGE_CLIENTS,
        "export_clients": EXPORT_CLIENTS,
        "export_addresses": len(EXPORT_ADDRESSES),
        "whole_site": {path: {"built": built[path], "sent": sent[path]} for path in built},
        "filtered": {"path": FILTERED_EXPORT, "years": FILTERED_YEARS},
        "pages_alone": alone,
        "pages_with_exports": beside,
        "exports": downloaded
        | {"served": served, "refused": refused, "other_statuses": statuses, "errors": failed},
        "p95_ratio": round(ratio, 2),
    }
    mix["passed"] = (
        min(alone["requests"], beside["requests"]) > 0  # pages never answered have no p95
        and alone["errors"] == beside["errors"] == failed == 0
        and ratio <= P95_RATIO
    )
    return mix


def download(port, path):
    """The time and size of one download, from an address of its own."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-For": "192.0.2.200"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        size = len(response.read())
    return {"seconds": round(time.perf_counter() - start, 3), "bytes": size}


def import_mix(port, pages, paths, names, folder):
    log(
        f"load: {CLIENTS} clients for {SECONDS} s over {len(paths)} paths, "
        f"importing {len(names)} documents meanwhile"
    )
    importer = subprocess.Popen(
        [PYTHON, "manage.py", "import_portfolios", "--as-of", "2026-11-22", str(folder), "-v0"],
        cwd=ROOT,
        env=env(DATABASE),
        stderr=subprocess.PIPE,
        text=True,
    )
    import_start = time.perf_counter()
    load = wrk(pages, CLIENTS, SECONDS, port)
    import_errors = importer.communicate(timeout=1800)[1]
    imported = count_documents(names)
    return load, {
        "documents": len(names),
        "imported": imported,
        "lost": len(names) - imported,
        "exit_code": importer.returncode,
        "seconds": round(time.perf_counter() - import_start, 1),
        "stderr": import_errors.strip().splitlines()[-5:],
    }


def main():
    started = time.perf_counter()
    paths = prepare()
    folder = Path(tempfile.mkdtemp(prefix="loadtest-cvs-"))
    names = write_documents(folder)
    quoted = ", ".join(json.dumps(p) for p in paths)
    pages = lua(WRK_SCRIPT % (quoted, random.Random(1).randrange(1 << 30)))
    # The export clients' X-Forwarded-For is their address, as behind our proxy; the built
    # exports go in a folder of this run's.
    exports_dir = Path(tempfile.mkdtemp(prefix="loadtest-exports-"))
    os.environ |= {"DJANGO_BEHIND_TLS_PROXY": "1", "PORTFOLIO_EXPORT_DIR": str(exports_dir)}

    server, port = gunicorn(DATABASE, "locmem://", workers=WORKERS, timeout=60)
    try:
        wait_for(port)
        exports = export_mix(port, pages)
        load, imported = import_mix(port, pages, paths, names, folder)
    finally:
        server.terminate()
        server.wait(timeout=30)
        pages.unlink()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(exports_dir, ignore_errors=True)
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "clients": CLIENTS,
        "seconds": SECONDS,
        "paths": len(paths),
        "gunicorn_workers": WORKERS,
        "people_before_import": PEOPLE,
        "load": load,
        "import": imported,
        "exports": exports,
        "cache_emptied": "per batch",  # DataVersion.batched() in import_portfolios
        "total_seconds": round(time.perf_counter() - started),
    }
    (ROOT / "bench" / "loadtest.json").write_text(json.dumps(results, indent=2) + "\n")
    from bench.report import rewrite

    rewrite()
    passed = load["errors"] == 0 and imported["lost"] == 0 and imported["exit_code"] == 0
    log(
        f"{load['requests']:,} requests, {load['errors']} errors, p50 {load['p50_ms']} ms, "
        f"p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms; imported "
        f"{imported['imported']}/{len(names)} documents in {imported['seconds']} s: "
        f"{'PASSED' if passed else 'FAILED'}"
    )
    out = exports["exports"]
    log(
        f"exports: pages' p95 {exports['pages_alone']['p95_ms']} ms alone, "
        f"{exports['pages_with_exports']['p95_ms']} ms beside {out['served']} exports served and "
        f"{out['refused']} refused (429), {out['errors']} errors: "
        f"{'PASSED' if exports['passed'] else 'FAILED'}"
    )
    return 0 if passed and exports["passed"] else 1


def export_section(mix):
    """BENCHMARKS.md on the export mix."""
    alone, beside, out = mix["pages_alone"], mix["pages_with_exports"], mix["exports"]
    whole, filtered = mix["whole_site"], mix["filtered"]
    first, last = filtered["years"]
    rows = [
        f"| {label} | {run['requests']:,} | {run['rps']} | {run['errors']} | {run['p50_ms']} ms "
        f"| {run['p95_ms']} ms | {run['p99_ms']} ms | {run['max_ms']} ms |"
        for label, run in (("alone", alone), ("beside the exports", beside))
    ]
    builds = [
        f"| `{path}` | {times['built']['bytes'] / 1e6:.1f} MB | {times['built']['seconds']} s "
        f"| {times['sent']['seconds'] * 1000:.0f} ms |"
        for path, times in whole.items()
    ]
    return [
        "## Load: whole-site exports beside browsing (`make loadtest`)",
        "",
        "The same server and data, before the imports. Each whole-site export is downloaded "
        "twice, alone: the first download builds its file for the data version, the second "
        f"is sent from it. Then wrk keeps {mix['page_clients']} connections busy on the paths "
        f"above for {mix['seconds']} s, and as long again while {mix['export_clients']} more "
        f"download those exports or `{filtered['path']}Y` (Y from {first} to {last}, drawn for "
        f"each request: a file to build almost every time), each request from one of "
        f"{mix['export_addresses']} client addresses (X-Forwarded-For, the server set as behind "
        "a proxy), under the default limits of profiles/throttle.py. Targets: the pages' p95 "
        f"beside the exports at most {P95_RATIO} × alone, and no failed request; a 429 is a "
        "limit at work.",
        "",
        "| export | size | first download (built) | second (from the file) |",
        "|---|---|---|---|",
        *builds,
        "",
        "| pages | requests | req/s | errors | p50 | p95 | p99 | max |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "| export requests | served | refused (429) | errors | MB/s sent | pages' p95 ratio | |",
        "|---|---|---|---|---|---|---|",
        f"| {out['requests']:,} | {out['served']:,} | {out['refused']:,} | {out['errors']} | "
        f"{out['bytes'] / out['seconds'] / 1e6:.1f} | {mix['p95_ratio']} | "
        f"{'✅' if mix['passed'] else '❌'} |",
        "",
    ]


if __name__ == "__main__":
    sys.exit(main())
