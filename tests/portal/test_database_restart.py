"""The portal survives a PostgreSQL outage: the translated 503 with Retry-After on every address while
the database is down, 200 again once it is back, without a restart.

The outage is real: the portal runs under gunicorn against a throwaway PostgreSQL cluster that this
test session started on a free port (tests/servers.py), and the test stops and restarts that cluster.
The machine's own PostgreSQL is never touched.
"""

import json
import time

import pytest

from tests.servers import PortalServer

# Routed pages, machine formats, the admin, and addresses that match no route (a 404 makes the
# redirects fallback query the database) or lack their slash (CommonMiddleware).
ADDRESSES = [
    "/fr/projets/",
    "/ru/",
    "/en/nope/",
    "/.env",
    "/fr/projets",
    "/api/projects.json",
    "/api/territories.json",
    "/sitemap.xml",
    "/p/1/",
    "/admin/login/",
    "/healthz",
]


@pytest.fixture(scope="module")
def portal_on_postgresql(throwaway_postgresql):
    url = throwaway_postgresql.create_database("portal_outage")
    portal = PortalServer(DATABASE_URL=url)
    portal.manage("migrate", "--no-input")
    with portal:
        yield portal


def wait_for(portal, path, status, seconds=30):
    deadline = time.monotonic() + seconds
    while (answer := portal.get(path)).status != status and time.monotonic() < deadline:
        time.sleep(0.2)
    return answer


def test_every_address_answers_503_while_postgresql_is_down_and_the_portal_recovers_by_itself(
    portal_on_postgresql, throwaway_postgresql
):
    portal = portal_on_postgresql
    assert portal.get("/fr/projets/").status == 200
    throwaway_postgresql.stop()
    try:
        time.sleep(0.6)  # the content version read before the outage is trusted 0.5 s
        answers = {path: portal.get(path) for path in ADDRESSES}
        heads = {path: portal.get(path, method="HEAD") for path in ADDRESSES}
        ping = portal.get("/ping")
    finally:
        throwaway_postgresql.start()
    assert {path: (a.status, a.headers.get("Retry-After")) for path, a in answers.items()} == {
        path: (503, "30") for path in ADDRESSES if path != "/healthz"
    } | {"/healthz": (503, None)}
    assert {path: a.status for path, a in heads.items()} == dict.fromkeys(ADDRESSES, 503)
    assert json.loads(answers["/healthz"].body)["checks"]["database"] == "error: OperationalError"
    assert ping.status == 200  # needs no database: the process itself is alive
    assert "Temporairement indisponible" in answers["/fr/projets/"].text
    assert "Temporarily unavailable" in answers["/en/nope/"].text
    assert "Временно недоступно" in answers["/ru/"].text
    assert max(a.seconds for a in answers.values()) < 2
    assert wait_for(portal, "/fr/projets/", 200).status == 200
    assert portal.get("/healthz").status == 200
    assert portal.get("/en/nope/").status == 404
