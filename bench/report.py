"""BENCHMARKS.md from bench/results.json, with each target checked; bench/NOTES.md (written by
hand, about the numbers) is appended."""

import json
from pathlib import Path

TIME_RATIO = 1.5
FLOOR_SHARE = 0.40
IMPORT_RATE = 50
PARSE_RATE = 500


def mark(ok):
    return "✅" if ok else "❌"


def write_report(results, path, load=None):
    sizes = list(results["sizes"])
    small, large = sizes[0], sizes[-1]
    pages = {k: v for k, v in results["sizes"][small]["pages"].items() if not k.startswith("_")}
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (bench/run.py); the raw numbers are in `bench/results.json`.",
        "Re-run it to check them: it builds both databases from scratch on a throwaway PostgreSQL.",
        "",
        f"- date: {results['date']}, whole run {results['total_seconds']} s",
        f"- machine: {results['machine']['cpu']}, {results['machine']['cores']} cores, "
        f"{results['machine']['memory']}, {results['machine']['os']}",
        "- versions: "
        + ", ".join(f"{name} {version}" for name, version in results["versions"].items()),
        "",
        "## Data",
        "",
        "| size | people | papers | authorships | build (generate_portfolios) |",
        "|---|---|---|---|---|",
    ]
    for size in sizes:
        counts = results["sizes"][size]["pages"]["_counts"]
        lines.append(
            f"| {size} | {counts['people']:,} | {counts['papers']:,} | "
            f"{counts['authorships']:,} | {results['sizes'][size]['build_seconds']} s |"
        )
    lines += [
        "",
        "## Pages: SQL queries and median server time (page cache off)",
        "",
        f"In-process through the whole middleware stack, median of repeated requests. Targets: "
        f"the same number of queries at both sizes, and time at {large} people at most "
        f"{TIME_RATIO} × the time at {small}.",
        "",
        f"| page | queries ({small} / {large}) | ms at {small} | ms at {large} | ratio | |",
        "|---|---|---|---|---|---|",
    ]
    for name in pages:
        a, b = results["sizes"][small]["pages"][name], results["sizes"][large]["pages"][name]
        ratio = b["median_ms"] / a["median_ms"] if a["median_ms"] else float("inf")
        ok = a["queries"] == b["queries"] and ratio <= TIME_RATIO
        lines.append(
            f"| {name} | {a['queries']} / {b['queries']} | {a['median_ms']} | {b['median_ms']} "
            f"| {ratio:.2f} | {mark(ok)} |"
        )
    lines += [
        "",
        f"## Throughput under gunicorn (2 sync workers, 127.0.0.1, {large} people)",
        "",
        "`wrk -t1 -c8` (on the same two cores, so these are floors) against gunicorn running "
        "the product's settings with DEBUG off; the trivial view goes through the same "
        "middleware. "
        f"Target: the profile and the papers list at least {FLOOR_SHARE:.0%} of the trivial "
        "view's requests per second with the page cache on.",
        "",
        "| page | cache on: req/s | share of floor | cache off: req/s | share of floor |",
        "|---|---|---|---|---|",
    ]
    on, off = results["throughput"]["cache on"], results["throughput"]["cache off"]
    floor_on = on["trivial view (floor)"]["rps"]
    floor_off = off["trivial view (floor)"]["rps"]
    for name in on:
        share_on = on[name]["rps"] / floor_on if floor_on else 0
        share_off = off[name]["rps"] / floor_off if floor_off else 0
        ok = name.startswith("trivial") or share_on >= FLOOR_SHARE
        lines.append(
            f"| {name} | {on[name]['rps']:,} | {share_on:.0%} {mark(ok)} | "
            f"{off[name]['rps']:,} | {share_off:.0%} |"
        )
    imp = results["importer"]
    import_rate, parse_rate = imp["import_documents_per_second"], imp["parse_documents_per_second"]
    lines += [
        "",
        "## Importer",
        "",
        f"{imp['documents']} generated CV files (mean {imp['mean_lines']} lines) in several "
        "formats. Targets: at least "
        f"{IMPORT_RATE} documents/s end to end (`import_portfolios` into PostgreSQL, process "
        f"start included), at least {PARSE_RATE} documents/s parsing alone.",
        "",
        "| measure | documents/s | |",
        "|---|---|---|",
        f"| import, end to end ({imp['import_seconds']} s) | "
        f"{import_rate} | {mark(import_rate >= IMPORT_RATE)} |",
        f"| parse only | {parse_rate} | {mark(parse_rate >= PARSE_RATE)} |",
        "",
    ]
    if load:
        lines += load_section(load)
    notes = Path(__file__).with_name("NOTES.md")
    if notes.exists():
        lines += [notes.read_text().strip(), ""]
    Path(path).write_text("\n".join(lines))


def load_section(load):
    imp, out = load["import"], load["load"]
    emptied = (
        "the import empties the page cache once, when its batch is done."
        if load.get("cache_emptied") == "per batch"
        else "every import invalidates the page cache."
    )
    ok = out["errors"] == 0 and imp["lost"] == 0 and imp["exit_code"] == 0
    return [
        "## Load: mixed browsing while documents import (`make loadtest`)",
        "",
        f"{load['date']}: gunicorn ({load['gunicorn_workers']} sync workers, page cache on) on "
        f"PostgreSQL holding the demo documents and {load['people_before_import']:,} generated "
        f"people. wrk keeps {load['clients']} connections busy for {load['seconds']} s, each "
        f"request a random one of {load['paths']} paths (home, lists, filters, searches, "
        f"profiles, papers, timelines, organisations), while `import_portfolios` imports "
        f"{imp['documents']} generated CV files; {emptied} "
        "Targets: no failed request and no lost document.",
        "",
        "| requests | req/s | errors | p50 | p95 | p99 | max | documents imported | |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {out['requests']:,} | {out['rps']} | {out['errors']} | {out['p50_ms']} ms | "
        f"{out['p95_ms']} ms | {out['p99_ms']} ms | {out['max_ms']} ms | "
        f"{imp['imported']} / {imp['documents']} in {imp['seconds']} s | {mark(ok)} |",
        "",
        *(export_section(load["exports"]) if "exports" in load else []),
    ]


def export_section(mix):
    # loadtest.py knows what its export mix did; imported here, where it is needed, since
    # loadtest.py imports this module's rewrite().
    from bench.loadtest import export_section

    return export_section(mix)


def rewrite():
    """BENCHMARKS.md from whichever of bench/results.json and bench/loadtest.json exist."""
    root = Path(__file__).resolve().parent.parent
    results, load = root / "bench" / "results.json", root / "bench" / "loadtest.json"
    load = json.loads(load.read_text()) if load.exists() else None
    if results.exists():
        write_report(json.loads(results.read_text()), root / "BENCHMARKS.md", load)
    elif load:
        (root / "BENCHMARKS.md").write_text("\n".join(["# Benchmarks", "", *load_section(load)]))


if __name__ == "__main__":
    rewrite()
