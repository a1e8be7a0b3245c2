"""Size and build time of one programme booklet on the benchmark database (docs/press.md).

    .venv/bin/python benchmarks/booklet.py fr                      # the whole programme in French
    .venv/bin/python benchmarks/booklet.py en "region=occitanie"   # a selection (the list's filters)
    .venv/bin/python benchmarks/booklet.py fr --first-request      # what its first reader gets

Runs in this process with the production settings. A build is public.booklet.build_booklet, what the
task runs, without storing anything; one JSON line: projects, pages, bytes, wall and CPU seconds of
the build, peak memory of the process and the 1-minute load average before and after. Run one at a
time, each in a fresh process (the peak memory is the process's). --first-request times the view for
the first request of that selection inside a transaction that is rolled back, so nothing is left in
the database.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common


def build(language: str, query: str) -> dict:
    from django.http import QueryDict

    from public.booklet import build_booklet, parse

    spec, errors = parse(QueryDict(query), language)
    if errors:
        sys.exit(f"bad filters: {errors}")
    load_before = os.getloadavg()[0]
    wall, cpu = time.monotonic(), time.process_time()
    built = build_booklet(spec, base_url="https://example.org")
    return {
        "projects": built.project_count,
        "pages": built.page_count,
        "bytes": len(built.pdf),
        "wall_s": round(time.monotonic() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load1": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def first_request(language: str, query: str) -> dict:
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("events:booklet") + (f"?{query}" if query else "")
    client = Client(HTTP_HOST=common.LOOPBACK)
    with transaction.atomic():
        started = time.monotonic()
        response = client.get(url)
        seconds = time.monotonic() - started
        transaction.set_rollback(True)
    return {
        "url": url,
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("language", choices=["fr", "ru", "en"])
    parser.add_argument("query", nargs="?", default="", help="the list's filters, e.g. region=occitanie")
    parser.add_argument("--first-request", action="store_true")
    args = parser.parse_args()
    with common.production_django():
        measure = first_request if args.first_request else build
        print(
            json.dumps({"language": args.language, "query": args.query, **measure(args.language, args.query)})
        )


if __name__ == "__main__":
    main()
