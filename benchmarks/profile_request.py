"""Where the time of one page goes: its SQL, the plan of its slowest query, and a Python profile.

    .venv/bin/python benchmarks/profile_request.py ["search latin" | --path /fr/projets/?q=…] [--repeat 20]

Needs the benchmark database (benchmarks/generate.py). Runs in this process, with the production
settings and the page cache off, through Django's test client (no network, no gunicorn):

1. one request under CaptureQueriesContext: every query with its time, slowest first;
2. EXPLAIN (ANALYZE, BUFFERS) of the slowest query;
3. cProfile over --repeat requests: the time by layer (SQL driver, ORM, templates, the app…) and
   the functions with the most cumulative and own time.

cProfile slows Python code down more than the database, so the shares of step 3 overstate Python
somewhat; the wall-clock time per request without the profiler is printed first for reference.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common

# Layers of the stack, recognised by the source file of each profiled function (first match wins).
LAYERS = [
    ("PostgreSQL driver (waiting for the database)", ("psycopg2", "django/db/backends")),
    ("ORM: building SQL and model instances", ("django/db/",)),
    ("templates", ("django/template/", "django/templatetags/")),
    ("translations and URL reversing", ("django/utils/translation", "django/urls/", "modeltranslation")),
    ("forms and filters", ("django/forms/", "django_filters/")),
    ("the portal's own code", ("/events/", "/partners/", "/portal/")),
    ("middleware and the rest of Django", ("django/",)),
]


def layer_of(filename: str, function: str) -> str:
    where = f"{filename}:{function}"  # C functions have no file: "~:<method 'execute' of 'psycopg2…'>"
    for name, markers in LAYERS:
        if any(marker in where for marker in markers):
            return name
    return "Python standard library and other packages"


def show_queries(client, path: str) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        status = client.get(path).status_code
        elapsed = time.perf_counter() - started
    queries = sorted(context.captured_queries, key=lambda q: float(q["time"]), reverse=True)
    total = sum(float(q["time"]) for q in queries)
    print(
        f"\n## SQL: {len(queries)} queries, {total * 1000:.1f} ms of {elapsed * 1000:.1f} ms "
        f"(status {status})\n"
    )
    for q in queries:
        print(f"{float(q['time']) * 1000:8.1f} ms  {q['sql'][:300]}")
    return queries


def explain(sql: str) -> None:
    from django.db import connection

    print("\n## Plan of the slowest query\n")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        for (line,) in cursor.fetchall():
            print(line)


def profile(client, path: str, repeat: int, top: int) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        client.get(path)
    plain = (time.perf_counter() - started) / repeat
    print(f"\n## Profile of {repeat} requests ({plain * 1000:.1f} ms per request without the profiler)\n")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)

    by_layer = defaultdict(float)
    for (filename, _line, function), (_cc, _nc, own, _cumulative, _callers) in stats.stats.items():
        by_layer[layer_of(filename, function)] += own
    total = sum(by_layer.values())
    print("Own time by layer:")
    for name, seconds in sorted(by_layer.items(), key=lambda item: -item[1]):
        print(f"  {seconds / total:6.1%}  {seconds / repeat * 1000:7.1f} ms/request  {name}")

    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\nTop {top} by {order} time:")
        print(out.getvalue().split("\n", 6)[-1].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", default="search latin", help="a page name of benchmarks.common")
    parser.add_argument("--path", help="any address of the portal instead of a named page")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    with common.production_django():
        from django.test import Client

        pages = {e.name: e.path for e in common.public_endpoints()}
        path = args.path or pages[args.page]
        print(f"# {path}")
        client = Client(HTTP_HOST=common.LOOPBACK)
        client.get(path)  # templates, translations and connections ready, as on a warm server
        queries = show_queries(client, path)
        if queries:
            explain(queries[0]["sql"])
        profile(client, path, args.repeat, args.top)


if __name__ == "__main__":
    main()
