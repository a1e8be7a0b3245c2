"""A Redis outage degrades the portal, it does not take it down.

The portal runs under gunicorn with REDIS_URL pointing at a throwaway redis-server that the test
started (tests/servers.py) and then stops, or freezes with SIGSTOP (the kernel still accepts
connections, nothing answers: the worst case). Public pages are served uncached within a bounded
delay, the admin works, /healthz answers 503 naming the cache, and caching resumes by itself.
"""

import json
import time

import pytest

from tests.servers import PortalServer

PAGES = ["/fr/projets/", "/ru/", "/api/projects.json", "/admin/login/", "/ping"]


@pytest.fixture
def portal_with_redis(redis_server, tmp_path):
    database = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    portal = PortalServer(DATABASE_URL=database, REDIS_URL=redis_server.url)
    portal.manage("migrate", "--no-input")
    with portal:
        yield portal


def health(portal):
    answer = portal.get("/healthz")
    return answer.status, json.loads(answer.body)["checks"]


def recovers(portal, seconds=10):
    deadline = time.monotonic() + seconds
    while health(portal)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    return health(portal) == (200, {"database": "ok", "cache": "ok"})


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_pages_are_served_uncached_while_redis_is_down_and_caching_resumes(
    portal_with_redis, redis_server, outage
):
    portal = portal_with_redis
    assert health(portal) == (200, {"database": "ok", "cache": "ok"})
    assert {path: portal.get(path).status for path in PAGES} == dict.fromkeys(PAGES, 200)

    redis_server.stop() if outage == "stopped" else redis_server.freeze()
    try:
        answers = {path: portal.get(path) for path in PAGES * 3}
        status, checks = health(portal)
    finally:
        redis_server.start() if outage == "stopped" else redis_server.thaw()

    assert {path: a.status for path, a in answers.items()} == dict.fromkeys(PAGES, 200)
    assert max(a.seconds for a in answers.values()) < 1.5
    assert status == 503 and checks["database"] == "ok"
    assert checks["cache"] in {"error: ConnectionError", "error: TimeoutError"}
    assert recovers(portal)
    assert portal.get("/fr/projets/").status == 200
