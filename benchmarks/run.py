"""Latency and throughput of the public pages under gunicorn, side by side with the trivial /ping.

    .venv/bin/python benchmarks/run.py [--duration 10] [--connections 8] [--workers 2]
                                       [--caches nocache data page redis] [--label latest]

Needs the benchmark database (benchmarks/generate.py) and wrk (Debian's package). Serves the portal
with gunicorn and the production settings on a free loopback port, then for each configuration:

- "nocache": no cache at all (CACHE_SECONDS=0 and Django's DummyCache, see benchmarks/settings.py):
  every request does all the work, as a search nobody made before does;
- "data": the page cache off (CACHE_SECONDS=0), the app's data caches (slug tables, facet counts)
  on: every request renders its page;
- "page": the deployed configuration, the settings' default cache with whole pages cached;
- "redis": the same with REDIS_URL=redis://127.0.0.1:6379/1 (flushed first), when Redis answers.

For each configuration a fresh server answers: one first request per page (cold, timed alone), a
first load pass of every page (cold), a second one (warm) and, unless --unloaded 0, a warm pass
with one connection (the latency of a page without queueing). Each load pass measures every page
with the same tool, duration and concurrency, /ping first, so the ratio to /ping is like for like.

Also measured, in this process with the page cache off: SQL queries per public page (first and
second request, Django's test client and CaptureQueriesContext), and the size of each page with
and without gzip. The results are printed as Markdown tables with the targets of
docs/benchmarks.md, and saved as JSON in benchmarks/results/<label>.json.
"""

import argparse
import gzip
import hashlib
import http.client
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, wrk

REDIS_URL = "redis://127.0.0.1:6379/1"
CACHES = {
    "nocache": {"CACHE_SECONDS": "0", "BENCH_DUMMY_CACHE": "1"},
    "data": {"CACHE_SECONDS": "0"},
    "page": {},
    "redis": {"REDIS_URL": REDIS_URL},
}
# The targets of docs/benchmarks.md: per configuration, page -> (minimum × /ping under load,
# maximum p50 in ms on one connection or None).
LIST_PAGES = ("list", "filtered list", "search latin", "search cyrillic")
TARGETS = {
    "nocache": {**dict.fromkeys(("list", "search latin", "search cyrillic"), (0.03, None))},
    "data": {
        **dict.fromkeys(LIST_PAGES, (0.08, 10)),
        "project": (0.06, None),
        "home": (0.06, None),
        "map": (0.02, 40),
    },
    "page": dict.fromkeys((*LIST_PAGES, "project", "map", "home"), (0.9, None)),
    "redis": dict.fromkeys((*LIST_PAGES, "project", "map", "home"), (0.9, None)),
}
MAX_QUERIES = 8
MAX_LIST_GZIP_BYTES = 40 * 1024


def fetch(base_url: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes, float]:
    """(status, headers, body, seconds) of one GET over a new loopback connection."""
    common.require_loopback(base_url)
    split = urlsplit(base_url)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return (
        response.status,
        {k.lower(): v for k, v in response.getheaders()},
        body,
        time.perf_counter() - started,
    )


def settle(base_url: str, max_latency_ms: float) -> None:
    """Let the server finish what the last load left in flight before the next measurement.

    A load tool stops at its deadline with up to one request per connection still queued in
    gunicorn, which answers them anyway; they take about as long as the slowest measured request.
    After that time, /ping must answer fast three times in a row.
    """
    time.sleep(min(max_latency_ms / 1000, 60))
    deadline, fast = time.monotonic() + 120, 0
    while fast < 3 and time.monotonic() < deadline:
        fast = fast + 1 if fetch(base_url, "/ping")[3] < 0.02 else 0


# --- What this run measures ---------------------------------------------------------------------


def machine() -> dict:
    """The machine and software the numbers belong to."""
    import django
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]

    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "postgresql": postgres,
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": command_output(str(common.VENV_BIN / "gunicorn"), "--version"),
        "load_tool": command_output(wrk.WRK, "--version").splitlines()[0],
        "code": code_state(),
    }


def command_output(*command) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=common.ROOT, timeout=30)
    except OSError:
        return "not available"
    return (result.stdout or result.stderr).strip()


def code_state() -> str:
    """The commit, plus a digest of uncommitted changes to the app (the benchmarks left out).

    The app may change while a run lasts: the state is taken at the start and at the end, and the
    report says when they differ.
    """
    commit = command_output("git", "rev-parse", "--short", "HEAD")
    outside = ["--", ".", ":(exclude)benchmarks", ":(exclude)docs/benchmarks.md"]
    changes = command_output("git", "diff", "HEAD", *outside) + command_output(
        "git", "ls-files", "--others", "--exclude-standard", *outside
    )
    return f"{commit}+changes-{hashlib.sha256(changes.encode()).hexdigest()[:8]}" if changes else commit


def data_volume() -> dict:
    from events.models import Project
    from partners.models import Partner, PartnerPair, Territory

    return {
        "projects": Project.objects.count(),
        "published": Project.objects.filter(status="published").count(),
        "territories": Territory.objects.count(),
        "partners": Partner.objects.count(),
        "pairs": PartnerPair.objects.count(),
    }


def count_queries(endpoints: list[common.Endpoint]) -> list[dict]:
    """SQL queries of each public page with the page cache off: the first request with an empty
    cache (the app's data caches too), then a second one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=common.LOOPBACK)
    rows = []
    for endpoint in endpoints:
        counts, seconds, wall, status = [], [], [], None
        cache.clear()
        for _ in range(2):
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                status = client.get(endpoint.path).status_code
                wall.append(time.perf_counter() - started)
            counts.append(len(context.captured_queries))
            seconds.append(sum(float(q["time"]) for q in context.captured_queries))
        rows.append(
            {
                "name": endpoint.name,
                "path": endpoint.path,
                "status": status,
                "expected": endpoint.expected,
                "queries_first": counts[0],
                "queries": counts[1],
                "sql_ms_first": round(seconds[0] * 1000, 1),
                "ms_first": round(wall[0] * 1000, 1),
                "sql_ms": round(seconds[1] * 1000, 1),
                "ms": round(wall[1] * 1000, 1),
            }
        )
    return rows


def page_sizes(base_url: str, endpoints: list[common.Endpoint]) -> list[dict]:
    """Each page's body as served to a client accepting gzip, and its gzipped size.

    When the portal does not compress a response, the body is gzipped here (level 6, as a proxy
    would) and `served_gzip` says so.
    """
    rows = []
    for endpoint in endpoints:
        _status, headers, body, _seconds = fetch(base_url, endpoint.path, {"Accept-Encoding": "gzip"})
        served_gzip = headers.get("content-encoding") == "gzip"
        raw = gzip.decompress(body) if served_gzip else body
        rows.append(
            {
                "name": endpoint.name,
                "bytes": len(raw),
                "gzip_bytes": len(body) if served_gzip else len(gzip.compress(raw, compresslevel=6)),
                "served_gzip": served_gzip,
            }
        )
    return rows


def load_pass(
    base_url: str,
    endpoints: list[common.Endpoint],
    *,
    duration,
    connections,
    threads,
    max_requests,
    headers=None,
) -> list:
    rows = []
    for endpoint in endpoints:
        load_average = os.getloadavg()[0]  # other work on the machine skews the numbers: recorded
        result = wrk.measure(
            base_url + endpoint.path,
            duration=duration,
            connections=connections,
            threads=threads,
            max_requests=max_requests,
            headers=headers,
        )
        settle(base_url, result.max_ms)
        rows.append(
            {"name": endpoint.name, "path": endpoint.path, "load_average": load_average, **result.as_dict()}
        )
        print(
            f"    {endpoint.name:16} {result.rps:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  "
            f"p95 {result.p95_ms:7.1f} ms  non-2xx {result.non_2xx}  errors {result.error_count}  "
            f"(load average before: {load_average:.1f})",
            flush=True,
        )
    ping = next(r["rps"] for r in rows if r["name"] == "ping")
    for row in rows:
        row["ping_ratio"] = round(row["rps"] / ping, 3) if ping else None
    return rows


def cache_support() -> dict:
    """Whether the portal caches pages, and whether its settings turn REDIS_URL into a Redis cache."""
    from django.conf import settings

    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=common.ROOT, env=env, timeout=60
    )
    return {
        "page_cache": "portal.middleware.PageCacheMiddleware" in settings.MIDDLEWARE,
        "redis": "redis" in result.stdout.lower(),
    }


def flush_redis() -> None:
    """Empty the benchmark's Redis database (number 1), so that a Redis run starts cold."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def run_configuration(name: str, environment: dict, endpoints, static_root: Path, args) -> dict:
    """A fresh server with one page cache configuration: first requests, cold, warm and unloaded passes."""
    print(f"\n== page cache: {name} ({args.workers} workers × {args.gunicorn_threads} threads)", flush=True)
    if name == "redis":
        flush_redis()
    options = {
        "connections": args.connections,
        "threads": args.threads,
        "max_requests": args.max_requests,
        "headers": {"Accept-Encoding": "gzip"},  # as browsers send it
    }
    with common.gunicorn(
        workers=args.workers, threads=args.gunicorn_threads, static_root=static_root, environment=environment
    ) as server:
        first = {}
        for endpoint in endpoints:
            status, _headers, _body, seconds = fetch(server.url, endpoint.path)
            first[endpoint.name] = {"status": status, "ms": round(seconds * 1000, 1)}
        print("  cold pass", flush=True)
        cold = load_pass(server.url, endpoints, duration=args.duration, **options)
        print("  warm pass", flush=True)
        warm = load_pass(server.url, endpoints, duration=args.duration, **options)
        unloaded = []
        if args.unloaded:
            print("  warm pass, one connection", flush=True)
            one = {**options, "connections": 1, "threads": 1}
            unloaded = load_pass(server.url, endpoints, duration=args.unloaded, **one)
        sizes = page_sizes(server.url, endpoints)
        errors_logged = [line for line in server.log.read_text().splitlines() if common.is_error_line(line)]
    return {
        "cache": name,
        "environment": environment,
        "workers": args.workers,
        "gunicorn_threads": args.gunicorn_threads,
        "first_request": first,
        "cold": cold,
        "warm": warm,
        "unloaded": unloaded,
        "sizes": sizes,
        "server_errors_logged": errors_logged[:20],
    }


# --- Report -------------------------------------------------------------------------------------


def ratio(row: dict) -> str:
    return "–" if row["ping_ratio"] is None else f"{row['ping_ratio']:.2f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def print_report(results: dict) -> None:
    m = results["machine"]
    print("\n## Machine\n")
    print(
        f"{m['cpus']} × {m['cpu_model']}, {m['memory_gib']} GiB, PostgreSQL {m['postgresql']}, "
        f"Python {m['python']}, "
        f"Django {m['django']}, {m['gunicorn']}, {m['load_tool']}; code {m['code']}"
    )
    if results.get("code_at_end") != m["code"]:
        print(
            f"**The app changed during the run**: {m['code']} at the start, "
            f"{results.get('code_at_end')} at the end"
        )
    print(f"data: {results['data']}")
    print(f"load: {results['options']}")

    for run in results["runs"]:
        first = run["first_request"]
        print(
            f"\n## Page cache: {run['cache']}, {run['workers']} workers × {run['gunicorn_threads']} threads\n"
        )
        for label, rows in (
            ("cold", run["cold"]),
            ("warm", run["warm"]),
            ("warm, 1 connection", run["unloaded"]),
        ):
            if not rows:
                continue
            print(f"\n### {label}\n")
            print(
                "| page | req/s | × /ping | p50 ms | p95 ms | p99 ms | non-2xx | errors | first request ms |"
            )
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for r in rows:
                print(
                    f"| {r['name']} | {r['rps']:.0f} | {ratio(r)} | {r['p50_ms']:.1f} "
                    f"| {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['non_2xx']} | {sum(r['errors'].values())} "
                    f"| {first[r['name']]['ms']} ({first[r['name']]['status']}) |"
                )
        if run["server_errors_logged"]:
            print("\nserver log errors:", *run["server_errors_logged"][:5], sep="\n  ")

    print(
        "\n## Queries per public page (page cache off; first request with an empty cache, then second; "
        "Django test client)\n"
    )
    print_queries(results["queries"])

    sizes = results["runs"][0]["sizes"] if results["runs"] else []
    print("\n## Page sizes\n")
    print("| page | bytes | gzip bytes | compressed by the portal |")
    print("| --- | ---: | ---: | --- |")
    for s in sizes:
        print(
            f"| {s['name']} | {s['bytes']} | {s['gzip_bytes']} "
            f"| {'yes' if s['served_gzip'] else 'no (gzipped here)'} |"
        )

    print("\n## Targets\n")
    for line in targets(results):
        print(f"- {line}")


def print_queries(rows: list[dict]) -> None:
    print("| page | status | queries first / second | SQL ms first / second | total ms first / second |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for q in rows:
        flag = "" if q["status"] == q["expected"] else f" (expected {q['expected']})"
        print(
            f"| {q['name']} | {q['status']}{flag} | {q['queries_first']} / {q['queries']} "
            f"| {q['sql_ms_first']} / {q['sql_ms']} | {q['ms_first']} / {q['ms']} |"
        )


def targets(results: dict) -> list[str]:
    """Each target of docs/benchmarks.md, met or missed: ratios on the warm pass, latencies on the
    warm pass with one connection."""
    lines = []
    over = [
        f"{q['name']} ({q['queries_first']}, then {q['queries']})"
        for q in results["queries"]
        if max(q["queries_first"], q["queries"]) > MAX_QUERIES
    ]
    lines.append(
        f"every public page ≤ {MAX_QUERIES} queries: {verdict(not over)}"
        + (f": {', '.join(over)}" if over else "")
    )
    for run in results["runs"]:
        warm = {r["name"]: r for r in run["warm"]}
        alone = {r["name"]: r for r in run["unloaded"]}
        for name, (min_ratio, max_ms) in TARGETS[run["cache"]].items():
            if name not in warm:
                continue
            r = warm[name]
            line = f"[{run['cache']}] {name}: {ratio(r)} × /ping ≥ {min_ratio}: "
            line += verdict(r["requests"] > 0 and (r["ping_ratio"] or 0) >= min_ratio)
            if max_ms is not None and name in alone:
                p50 = alone[name]["p50_ms"]
                line += f"; one connection p50 {p50:.1f} ms ≤ {max_ms}: {verdict(p50 <= max_ms)}"
            lines.append(line)
        wrong = [f"{name} ({r['status']})" for name, r in run["first_request"].items() if r["status"] != 200]
        if wrong:
            lines.append(
                f"[{run['cache']}] **not measured as intended**, first answer not 200: {', '.join(wrong)}"
            )
    sizes = {s["name"]: s for s in results["runs"][0]["sizes"]} if results["runs"] else {}
    if "list" in sizes:
        size = sizes["list"]
        lines.append(
            f"list page {size['gzip_bytes'] / 1024:.1f} KB gzipped ≤ {MAX_LIST_GZIP_BYTES // 1024} KB: "
            f"{verdict(size['gzip_bytes'] <= MAX_LIST_GZIP_BYTES)}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per page and pass")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="load generator threads")
    parser.add_argument("--max-requests", type=int, default=200_000, help="per page and pass")
    parser.add_argument(
        "--unloaded", type=float, default=5, help="seconds per page of the 1-connection pass (0: skip)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--gunicorn-threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--caches", nargs="+", choices=list(CACHES), default=list(CACHES))
    parser.add_argument("--label", default="latest", help="results go to benchmarks/results/<label>.json")
    parser.add_argument("--queries-only", action="store_true", help="only count queries and time each page")
    parser.add_argument(
        "--pages", nargs="+", help="measure only these pages (and /ping), e.g. list 'search latin'"
    )
    args = parser.parse_args()
    if not wrk.WRK:
        sys.exit("The benchmarks need wrk: apt-get install wrk")

    with common.production_django() as static_root:
        endpoints = [
            e for e in common.benchmark_endpoints() if not args.pages or e.name in ("ping", *args.pages)
        ]
        results = {
            "machine": machine(),
            "data": data_volume(),
            "options": {k: v for k, v in vars(args).items() if k != "label"},
            "endpoints": {e.name: e.path for e in endpoints},
        }
        print(json.dumps(results, ensure_ascii=False, indent=2), flush=True)
        support = cache_support()
        results["cache_support"] = support
        public = common.public_endpoints()
        results["queries"] = count_queries([e for e in public if not args.pages or e.name in args.pages])
        if args.queries_only:
            print_queries(results["queries"])
            return
        results["runs"] = []
        for name in args.caches:
            if name in ("page", "redis") and not support["page_cache"]:
                print(f"\n== page cache: {name}: skipped, the portal does not cache pages")
                continue
            if name == "redis" and not support["redis"]:
                print("\n== page cache: redis: skipped, the settings do not read REDIS_URL")
                continue
            if name == "redis" and not redis_answers():
                print(f"\n== page cache: redis: skipped, no Redis answers at {REDIS_URL}")
                continue
            results["runs"].append(run_configuration(name, CACHES[name], endpoints, static_root, args))

    results["code_at_end"] = code_state()
    output = common.BENCH_DIR / "results" / f"{args.label}.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nresults saved in {output.relative_to(common.ROOT)}")


if __name__ == "__main__":
    main()
