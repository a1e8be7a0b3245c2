"""Load generators: wrk when installed (Debian's `wrk`), otherwise a bounded Python one.

Both are closed-loop (each connection sends its next request when the previous one is answered),
bounded by a duration and a number of requests, and aimed at loopback only. Both report the same
`Measurement`: requests per second, latency percentiles (p50, p95, p99, max), responses by status
and connection-level errors.
"""

import http.client
import itertools
import json
import random
import shutil
import statistics
import subprocess
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.common import BENCH_DIR, Endpoint, require_loopback

WRK = shutil.which("wrk")


@dataclass
class Measurement:
    tool: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def non_2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= int(status) < 300)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict:
        return {
            "tool": self.tool,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "max_ms": round(self.max_ms, 2),
            "statuses": self.statuses,
            "non_2xx": self.non_2xx,
            "errors": self.errors,
        }


def measure(
    url: str,
    *,
    duration: float,
    connections: int,
    threads: int,
    max_requests: int,
    headers: dict | None = None,
) -> Measurement:
    """Load one address for `duration` seconds (or `max_requests` requests) and measure it."""
    require_loopback(url)
    if WRK:
        return run_wrk(
            url,
            duration=duration,
            connections=connections,
            threads=threads,
            max_requests=max_requests,
            headers=headers,
        )
    split = urlsplit(url)
    base = f"{split.scheme}://{split.netloc}"
    path = split.path + (f"?{split.query}" if split.query else "")
    result = python_load(
        base,
        [Endpoint("one", path)],
        duration=duration,
        connections=connections,
        max_requests=max_requests,
        headers=headers,
    )
    return result.total


def run_wrk(
    url: str,
    *,
    duration: float,
    connections: int,
    threads: int,
    max_requests: int,
    headers: dict | None = None,
) -> Measurement:
    per_thread = max(1, max_requests // max(threads, 1))
    command = [
        WRK,
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        "--timeout=30s",
        f"--script={BENCH_DIR / 'wrk_report.lua'}",
        *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
        url,
        "--",
        str(per_thread),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    return Measurement(
        tool="wrk",
        requests=report["requests"],
        seconds=report["duration_us"] / 1e6,
        p50_ms=report["p50_us"] / 1000,
        p95_ms=report["p95_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        statuses={int(code): n for code, n in report["statuses"].items()},
        errors={kind: n for kind, n in report["errors"].items() if n},
    )


# --- The Python generator -------------------------------------------------------------------------


@dataclass
class MixResult:
    """Per-endpoint measurements of a mixed load, and their total."""

    by_endpoint: dict
    total: Measurement


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(pct) - 1]


def summarise(
    tool: str, latencies: list[float], statuses: Counter, errors: Counter, seconds: float
) -> Measurement:
    ms = [x * 1000 for x in latencies]
    return Measurement(
        tool=tool,
        requests=len(latencies),
        seconds=seconds,
        p50_ms=percentile(ms, 50),
        p95_ms=percentile(ms, 95),
        p99_ms=percentile(ms, 99),
        max_ms=max(ms, default=0.0),
        statuses=dict(statuses),
        errors=dict(errors),
    )


def python_load(
    base_url: str,
    endpoints: list[Endpoint],
    *,
    duration: float,
    connections: int,
    max_requests: int,
    timeout: float = 30,
    seed: int = 0,
    headers: dict | None = None,
) -> MixResult:
    """`connections` threads, each sending one request at a time to endpoints drawn by weight,
    until `duration` seconds have passed or `max_requests` requests have been sent."""
    require_loopback(base_url)
    split = urlsplit(base_url)
    host, port = split.hostname, split.port or 80
    sent = itertools.count()  # next() on a count is atomic under the GIL
    deadline = time.monotonic() + duration
    records = defaultdict(lambda: {"latencies": [], "statuses": Counter(), "errors": Counter()})
    lock = threading.Lock()
    weights = [e.weight for e in endpoints]

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        local = defaultdict(lambda: {"latencies": [], "statuses": Counter(), "errors": Counter()})
        while time.monotonic() < deadline and next(sent) < max_requests:
            endpoint = rng.choices(endpoints, weights=weights)[0]
            record = local[endpoint.name]
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
            started = time.perf_counter()
            try:
                connection.request("GET", endpoint.path, headers=headers or {"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                record["errors"][exc.__class__.__name__] += 1
            else:
                record["latencies"].append(time.perf_counter() - started)
                record["statuses"][response.status] += 1
            finally:
                connection.close()
        with lock:
            for name, record in local.items():
                records[name]["latencies"] += record["latencies"]
                records[name]["statuses"].update(record["statuses"])
                records[name]["errors"].update(record["errors"])

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(duration + timeout + 10)
    seconds = time.monotonic() - started
    by_endpoint = {
        name: summarise("python", r["latencies"], r["statuses"], r["errors"], seconds)
        for name, r in records.items()
    }
    everything = {"latencies": [], "statuses": Counter(), "errors": Counter()}
    for record in records.values():
        everything["latencies"] += record["latencies"]
        everything["statuses"].update(record["statuses"])
        everything["errors"].update(record["errors"])
    total = summarise(
        "python", everything["latencies"], everything["statuses"], everything["errors"], seconds
    )
    return MixResult(by_endpoint=by_endpoint, total=total)
