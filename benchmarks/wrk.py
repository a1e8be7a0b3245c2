"""Load generation with wrk (Debian's `wrk`): closed loop (each connection sends its next request
when the previous one is answered), bounded by a duration and a number of requests, aimed at
loopback only. A `Measurement` holds requests per second, latency percentiles (p50, p95, p99, max),
responses by status and connection-level errors.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass, field

from benchmarks.common import BENCH_DIR, require_loopback

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
