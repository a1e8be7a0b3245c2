"""A change of content shows in every worker within a second, whatever made it and wherever it was made.

Two real portal processes (gunicorn, page cache on, 10 minutes) share one database, like two workers
or two machines; each keeps its own cache in memory, or both share a throwaway Redis. A third process
withdraws a project with a bulk `queryset.update()` (no signal, no save: the path a shell, a loader or
a careless script takes), and both workers must stop serving it within one second.
"""

import time

import pytest

from tests.servers import PortalServer

FIND = """
from events.models import Project
project = Project.objects.filter(status="published").order_by("pk").first()
print(project.pk, project.get_absolute_url(), project.title_fr, sep="\\t")
"""
API = "/api/projects.json?page_size=100"
WITHDRAW = (
    "from events.models import Project, workflow_writer\n"
    'with workflow_writer("a bulk write with no signal"):\n'
    '    Project.objects.filter(pk={pk}).update(status="withdrawn")'
)


@pytest.fixture(scope="module")
def programme_database(tmp_path_factory):
    """A SQLite file with the programme, copied for each test."""
    path = tmp_path_factory.mktemp("workers") / "programme.sqlite3"
    PortalServer(DATABASE_URL=f"sqlite:///{path}").manage("migrate", "--no-input")
    PortalServer(DATABASE_URL=f"sqlite:///{path}").manage("load_programme")
    return path


@pytest.fixture(params=["memory of each worker", "shared Redis"])
def workers(request, programme_database, tmp_path):
    database = tmp_path / "portal.sqlite3"
    database.write_bytes(programme_database.read_bytes())
    environment = {"DATABASE_URL": f"sqlite:///{database}", "CACHE_SECONDS": "600"}
    if request.param == "shared Redis":
        environment["REDIS_URL"] = request.getfixturevalue("redis_server").url
    with PortalServer(**environment) as first, PortalServer(**environment) as second:
        yield first, second


def test_a_withdrawal_by_a_bulk_update_elsewhere_shows_in_every_worker_within_a_second(workers):
    first, second = workers
    pk, url, title = first.manage("shell", "-v", "0", "-c", FIND).strip().split("\t")
    for worker in (first, second):
        for _ in range(2):  # the second answers come from the page cache
            page = worker.get(url)
            assert page.status == 200 and title.split("'")[0] in page.text
            assert url in worker.get(API).text
        assert worker.get(url).headers["Cache-Control"] == "max-age=0, must-revalidate"

    first.manage("shell", "-v", "0", "-c", WITHDRAW.format(pk=pk))
    withdrawn_at = time.monotonic()
    delays = {}
    while len(delays) < 2 and time.monotonic() - withdrawn_at < 5:
        for name, worker in (("first", first), ("second", second)):
            if name not in delays and worker.get(url).status != 200:
                delays[name] = time.monotonic() - withdrawn_at
        time.sleep(0.02)
    assert set(delays) == {"first", "second"}
    assert max(delays.values()) < 1, delays
    for worker in (first, second):
        assert worker.get(url).status in (404, 410)
        assert url not in worker.get(API).text
