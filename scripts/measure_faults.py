"""Measure what the portal does under the faults of docs/reliability.md, on throwaway servers.

    .venv/bin/python scripts/measure_faults.py

Starts its own PostgreSQL cluster, redis-server and gunicorn processes (tests/servers.py) on free
ports, breaks them, and prints one Markdown row per fault: status codes seen and the slowest answer.
Never touches the machine's own PostgreSQL or Redis. Takes about a minute.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import PortalServer, PostgreSQLServer, RedisServer  # noqa: E402

PAGES = ["/fr/projets/", "/ru/", "/en/nope/", "/api/projects.json", "/admin/login/"]


def timed(portal, paths, rounds=5, **kwargs):
    answers = [portal.get(path, **kwargs) for _ in range(rounds) for path in paths]
    by_path = {}
    for path, answer in zip(paths * rounds, answers, strict=True):
        by_path.setdefault(answer.status, set()).add(path)
    statuses = [f"{status} ({' '.join(sorted(by_path[status]))})" for status in sorted(by_path)]
    seconds = [a.seconds for a in answers]
    return statuses, statistics.median(seconds) * 1000, max(seconds) * 1000


def row(fault, statuses, median, slowest, note=""):
    print(f"| {fault} | {', '.join(map(str, statuses))} | {median:.0f} ms | {slowest:.0f} ms | {note} |")


def redis_faults(database):
    with RedisServer() as redis:
        portal = PortalServer(DATABASE_URL=database, REDIS_URL=redis.url)
        with portal:
            row("Redis up (reference)", *timed(portal, PAGES))
            redis.stop()
            row("Redis stopped", *timed(portal, PAGES), f"/healthz {portal.get('/healthz').status}")
            redis.start()
            time.sleep(2.5)
            row("Redis back", *timed(portal, PAGES), f"/healthz {portal.get('/healthz').status}")
            redis.freeze()
            row("Redis frozen (SIGSTOP)", *timed(portal, PAGES), f"/healthz {portal.get('/healthz').status}")
            redis.thaw()


def withdrawal(database, redis_url=None):
    environment = {"DATABASE_URL": database, **({"REDIS_URL": redis_url} if redis_url else {})}
    with PortalServer(**environment) as first, PortalServer(**environment) as second:
        pk, url = first.manage("shell", "-v", "0", "-c", FIND).split()
        for worker in (first, second):
            worker.get(url), worker.get(url)
        first.manage("shell", "-v", "0", "-c", WITHDRAW.format(pk=pk))
        start, delays = time.monotonic(), {}
        while len(delays) < 2 and time.monotonic() - start < 10:
            for name, worker in (("first", first), ("second", second)):
                if name not in delays and worker.get(url).status != 200:
                    delays[name] = (time.monotonic() - start) * 1000
        return delays


FIND = (
    "from events.models import Project; "
    "p = Project.objects.filter(status='published').order_by('?').first(); "
    "print(p.pk, p.get_absolute_url())"
)
WITHDRAW = (
    "from events.models import Project, workflow_writer\n"
    "with workflow_writer('a bulk write with no signal'):\n"
    "    Project.objects.filter(pk={pk}).update(status='withdrawn')"
)


def main():
    with tempfile.TemporaryDirectory() as directory:
        database = f"sqlite:///{directory}/portal.sqlite3"
        setup = PortalServer(DATABASE_URL=database)
        setup.manage("migrate", "--no-input")
        setup.manage("load_programme")
        print("| fault | statuses | median | slowest | notes |\n| --- | --- | --- | --- | --- |")
        redis_faults(database)
        with RedisServer() as redis:
            for label, url in (("memory of each worker", None), ("shared Redis", redis.url)):
                delays = withdrawal(database, url)
                print(f"| bulk withdrawal, 2 workers, {label} | gone from both after | "
                      f"{', '.join(f'{d:.0f} ms' for d in delays.values())} | | |")  # fmt: skip
    with PostgreSQLServer() as postgresql:
        database = postgresql.create_database("portal")
        portal = PortalServer(DATABASE_URL=database)
        portal.manage("migrate", "--no-input")
        with portal:
            row("PostgreSQL up (reference)", *timed(portal, PAGES))
            postgresql.stop()
            time.sleep(0.6)
            row("PostgreSQL stopped", *timed(portal, [*PAGES, "/.env", "/fr/projets"]),
                f"/healthz {portal.get('/healthz').status}, /ping {portal.get('/ping').status}")  # fmt: skip
            postgresql.start()
            time.sleep(1)
            row("PostgreSQL back", *timed(portal, PAGES))
            row("forged Host header", *timed(portal, PAGES, headers={"Host": "evil.example"}))


if __name__ == "__main__":
    main()
