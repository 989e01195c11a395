"""`make bench`: builds databases at two sizes on PostgreSQL and measures pages, throughput
and the importer in one run; writes BENCHMARKS.md and bench/results.json.

Expects DATABASE_URL to point at a PostgreSQL server where its user may create databases
(bench/run.sh starts a throwaway one). BENCH_SIZES, BENCH_SECONDS, BENCH_DOCUMENTS and
BENCH_REPEATS shrink a run for a quick look.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,10000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
CONCURRENCY = 8  # connections wrk keeps busy, as in TOOLCHAIN.md's floor
SEED = 1


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database_url(name):
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def env(database, cache="dummy://"):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url(database),
        "DJANGO_CACHE_URL": cache,
        "DATABASE_CONN_MAX_AGE": "60",
    }


def run(args, database, **kwargs):
    return subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env(database), check=True, text=True, **kwargs
    )


def create_database(name):
    admin = env("postgres")
    script = (
        "import psycopg, os\n"
        f"with psycopg.connect(os.environ['DATABASE_URL'], autocommit=True) as c:\n"
        f"    c.execute('DROP DATABASE IF EXISTS {name}')\n"
        f"    c.execute('CREATE DATABASE {name}')\n"
    )
    subprocess.run([PYTHON, "-c", script], env=admin, check=True)
    run(["manage.py", "migrate", "-v0"], name)


def build(size):
    name = f"bench_{size}"
    log(f"building {name}: {size} people")
    create_database(name)
    start = time.perf_counter()
    run(["manage.py", "generate_portfolios", "--people", str(size), "--seed", str(SEED)], name)
    seconds = time.perf_counter() - start
    # Fresh statistics, as autovacuum would give a production database; the warnings are
    # about system catalogs the role may not analyse.
    run(
        ["manage.py", "dbshell", "--", "-c", "ANALYZE"],
        name,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return name, round(seconds, 1)


def measure_pages(database):
    out = run(["-m", "bench.pages", str(REPEATS)], database, capture_output=True).stdout
    return json.loads(out)


def throughput(database, pages):
    urls = {
        "trivial view (floor)": "/bench/trivial/",
        "profile (most papers)": pages["profile (most papers)"]["url"],
        "papers list, filtered": pages["papers list, filtered"]["url"],
    }
    result = {}
    for cache in ("locmem://", "dummy://"):
        label = "cache on" if cache != "dummy://" else "cache off"
        server, port = gunicorn(database, cache, workers=2)
        try:
            wait_for(port)
            for name, path in urls.items():
                url = f"http://127.0.0.1:{port}{path}"
                load(url, 2)  # warm-up: both workers, their connections and caches
                log(f"load {label}: {name}")
                result.setdefault(label, {})[name] = load(url, SECONDS)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return result


def gunicorn(database, cache, *, workers, timeout=30):
    """(process, port) of a gunicorn serving the product on 127.0.0.1; wait_for(port)."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "portfolio.wsgi:application", "-w", str(workers)]
        + ["-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", str(timeout)],
        cwd=ROOT,
        env=env(database, cache),
    )
    return server, port


def load(url, seconds):
    """Requests per second from wrk: one thread keeping CONCURRENCY requests in flight."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{int(seconds)}s", url],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": round(rps, 1), "non_2xx": int(errors.group(1)) if errors else 0}


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port):
    import socket

    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def importer():
    folder = Path(tempfile.mkdtemp(prefix="bench-cvs-"))
    try:
        log(f"writing {DOCUMENTS} CV files")
        create_database("bench_import")
        run(
            [
                "manage.py",
                "generate_portfolios",
                "--people",
                str(DOCUMENTS),
                "--seed",
                "2",
                "--documents",
                str(folder),
            ],
            "bench_import",
            stdout=subprocess.DEVNULL,
        )
        files = sorted(p for p in folder.iterdir() if p.is_file())
        lines = sum(p.read_bytes().count(b"\n") for p in files)
        log("parsing only")
        parse = run(["-m", "bench.parse", str(folder)], "bench_import", capture_output=True)
        parse_rate = json.loads(parse.stdout)["documents_per_second"]
        log("importing into PostgreSQL")
        start = time.perf_counter()
        run(
            ["manage.py", "import_portfolios", "--as-of", "2026-11-22", str(folder), "-v0"],
            "bench_import",
        )
        seconds = time.perf_counter() - start
        return {
            "documents": len(files),
            "mean_lines": round(lines / max(len(files), 1)),
            "import_seconds": round(seconds, 1),
            "import_documents_per_second": round(len(files) / seconds, 1),
            "parse_documents_per_second": parse_rate,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def versions():
    out = run(
        [
            "-c",
            "import django, psycopg, sys; print(sys.version.split()[0], django.get_version(), "
            "psycopg.__version__)",
        ],
        f"bench_{SIZES[0]}",
        capture_output=True,
    ).stdout.split()
    server = run(
        ["manage.py", "dbshell", "--", "-tAc", "SHOW server_version"],
        f"bench_{SIZES[0]}",
        capture_output=True,
    ).stdout.strip()
    return {"python": out[0], "django": out[1], "psycopg": out[2], "postgresql": server}


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
    }


def main():
    started = time.perf_counter()
    results = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    results["sizes"] = {}
    log("collectstatic: pages link the hashed, compressed files, as in production")
    run(["manage.py", "collectstatic", "--noinput", "-v0"], "postgres")
    for size in SIZES:
        database, seconds = build(size)
        log(f"pages at {size} people")
        pages = measure_pages(database)
        results["sizes"][str(size)] = {"build_seconds": seconds, "pages": pages}
    results["versions"] = versions()
    large = f"bench_{SIZES[-1]}"
    results["throughput"] = throughput(large, results["sizes"][str(SIZES[-1])]["pages"])
    results["importer"] = importer()
    results["total_seconds"] = round(time.perf_counter() - started)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    from bench.report import rewrite

    rewrite()
    log(f"done in {results['total_seconds']} s: BENCHMARKS.md, bench/results.json")


if __name__ == "__main__":
    main()
