"""Sustained concurrency on every public address: no server error, no connection error.

    .venv/bin/python benchmarks/load_test.py [--duration 60] [--connections 32] [--workers 2]
                                             [--cache none] [--base-url http://127.0.0.1:PORT]

Needs the benchmark database (benchmarks/generate.py). Starts gunicorn with the production settings
on a free loopback port (or uses --base-url, which must be a loopback address), then keeps
`--connections` clients busy for `--duration` seconds (at most `--max-requests` requests) with a
weighted mix of every public page, feed and API address, including wrong parameters that must
answer 400, 404 or 410. Prints a summary per address and exits 1 if any response was a 5xx, any
request failed at the connection level (refused, reset, timed out), or the server logged an error.
A status other than the expected one is reported too, as a failure.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common, load
from benchmarks.run import CACHES, code_state, flush_redis


def summary(result: load.MixResult, endpoints: list[common.Endpoint]) -> list[str]:
    """Prints one line per address; returns the failures."""
    failures = []
    print(f"\n{'address':24} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses / errors")
    for endpoint in endpoints:
        m = result.by_endpoint.get(endpoint.name)
        if m is None:
            print(f"{endpoint.name:24} {'not drawn':>8}")
            continue
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(m.statuses.items()))
        errors = ", ".join(f"{kind}×{n}" for kind, n in sorted(m.errors.items()))
        print(
            f"{endpoint.name:24} {m.requests:8} {m.p50_ms:8.1f} {m.p95_ms:8.1f} {m.max_ms:8.1f}  "
            f"{statuses}{'  errors: ' + errors if errors else ''}"
        )
        server_errors = sum(n for code, n in m.statuses.items() if code >= 500)
        if server_errors:
            failures.append(f"{endpoint.name} ({endpoint.path}): {server_errors} responses 5xx")
        if m.errors:
            failures.append(f"{endpoint.name} ({endpoint.path}): connection errors {errors}")
        unexpected = {code: n for code, n in m.statuses.items() if code != endpoint.expected and code < 500}
        if unexpected:
            failures.append(
                f"{endpoint.name} ({endpoint.path}): expected {endpoint.expected}, got {unexpected}"
            )
    total = result.total
    print(
        f"\n{total.requests} responses in {total.seconds:.1f} s ({total.rps:.0f} req/s), "
        f"p50 {total.p50_ms:.1f} ms, p95 {total.p95_ms:.1f} ms, p99 {total.p99_ms:.1f} ms, "
        f"max {total.max_ms:.0f} ms; 5xx: {sum(n for c, n in total.statuses.items() if c >= 500)}, "
        f"connection errors: {total.error_count}"
    )
    return failures


def run(base_url: str, endpoints: list[common.Endpoint], args) -> load.MixResult:
    print(
        f"{args.connections} connections for {args.duration:.0f} s (at most {args.max_requests} requests) "
        f"on {len(endpoints)} addresses of {base_url}",
        flush=True,
    )
    return load.python_load(
        base_url,
        endpoints,
        duration=args.duration,
        connections=args.connections,
        max_requests=args.max_requests,
        timeout=args.timeout,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=60, help="seconds a client waits for one response")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--cache", choices=list(CACHES), default="none", help="page cache of the server")
    parser.add_argument("--base-url", help="an already running portal on loopback, instead of starting one")
    args = parser.parse_args()
    if args.duration > 600:
        raise SystemExit("a load test runs for at most 600 s")

    with common.production_django() as static_root:
        endpoints = common.public_endpoints()
        if args.base_url:
            common.require_loopback(args.base_url)
            result, logged = run(args.base_url.rstrip("/"), endpoints, args), []
        else:
            if args.cache == "redis":
                flush_redis()
            with common.gunicorn(
                workers=args.workers, static_root=static_root, environment=CACHES[args.cache]
            ) as server:
                print(f"page cache: {args.cache}, {args.workers} gunicorn workers", flush=True)
                result = run(server.url, endpoints, args)
                logged = [line for line in server.log.read_text().splitlines() if common.is_error_line(line)]
    print(f"\ncode: {code_state()}")
    failures = summary(result, endpoints)
    if logged:
        failures.append(f"the server logged {len(logged)} errors, e.g. {logged[0][:300]}")
    if failures:
        print("\nFAILED:", *failures, sep="\n  ")
        raise SystemExit(1)
    print("\nOK: no 5xx, no connection error, every address answered its expected status")


if __name__ == "__main__":
    main()
