"""`make loadtest`: a bounded mixed load on gunicorn while 200 documents import.

On a throwaway PostgreSQL (bench/loadtest.sh starts it): the demo documents from samples/
plus LOADTEST_PEOPLE generated people; gunicorn with the product's settings (DEBUG off, the
page cache on, so every import invalidates it as in production); wrk keeping 20 connections
busy for 60 seconds on a mix of browsing, filtering, searching, profiles and timelines drawn
from the database; and, at the same time, `import_portfolios` on 200 generated CV files.

Passes when no request fails (socket errors, timeouts or a status other than 2xx/3xx) and every
document was imported; writes bench/loadtest.json and the load section of BENCHMARKS.md.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import PYTHON, ROOT, create_database, env, gunicorn, log, run, wait_for

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "20"))
PEOPLE = int(os.environ.get("LOADTEST_PEOPLE", "2000"))
DOCUMENTS = int(os.environ.get("LOADTEST_DOCUMENTS", "200"))
WORKERS = 4  # gunicorn's advice, 2 × cores, on the 2-core machines this runs on
DATABASE = "loadtest"

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


def main():
    started = time.perf_counter()
    paths = prepare()
    folder = Path(tempfile.mkdtemp(prefix="loadtest-cvs-"))
    names = write_documents(folder)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(WRK_SCRIPT % (quoted, random.Random(1).randrange(1 << 30)))

    server, port = gunicorn(DATABASE, "locmem://", workers=WORKERS, timeout=60)
    try:
        wait_for(port)
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
        wrk = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CLIENTS}",
                f"-d{SECONDS}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            check=True,
            text=True,
            capture_output=True,
        )
        import_errors = importer.communicate(timeout=1800)[1]
        import_seconds = time.perf_counter() - import_start
    finally:
        server.terminate()
        server.wait(timeout=30)
        script.unlink()
        shutil.rmtree(folder, ignore_errors=True)
    load = json.loads(wrk.stdout.strip().splitlines()[-1])
    errors = sum(load[k] for k in ("connect", "read", "write", "timeout", "status"))
    imported = count_documents(names)
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "clients": CLIENTS,
        "seconds": SECONDS,
        "paths": len(paths),
        "gunicorn_workers": WORKERS,
        "people_before_import": PEOPLE,
        "load": load | {"errors": errors, "rps": round(load["requests"] / load["seconds"], 1)},
        "import": {
            "documents": len(names),
            "imported": imported,
            "lost": len(names) - imported,
            "exit_code": importer.returncode,
            "seconds": round(import_seconds, 1),
            "stderr": import_errors.strip().splitlines()[-5:],
        },
        "total_seconds": round(time.perf_counter() - started),
    }
    (ROOT / "bench" / "loadtest.json").write_text(json.dumps(results, indent=2) + "\n")
    from bench.report import rewrite

    rewrite()
    passed = errors == 0 and results["import"]["lost"] == 0 and importer.returncode == 0
    log(
        f"{load['requests']:,} requests, {errors} errors, p50 {load['p50_ms']} ms, "
        f"p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms; imported {imported}/{len(names)} "
        f"documents in {results['import']['seconds']} s: {'PASSED' if passed else 'FAILED'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
