"""The portal survives a PostgreSQL restart on its own: 503 while it is down, 200 once it is back.

This test really stops and starts the PostgreSQL cluster, so it runs only against PostgreSQL on a
machine where this user can control the cluster (pg_ctlcluster, as on the CI machines); anywhere
else it is skipped with the reason.
"""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


def cluster():
    """(version, name) of the local cluster, or None when it cannot be controlled from here."""
    if connection.vendor != "postgresql" or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        return None
    listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
    for line in listing.stdout.splitlines():
        version, name, port, status, *_ = line.split()
        if port == str(connection.settings_dict.get("PORT") or 5432) and status == "online":
            return version, name
    return None


def control(action, version, name):
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            version,
            name,
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=True,
        capture_output=True,
    )


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test's own live server
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_public_pages_answer_503_while_postgresql_is_down_and_recover_by_themselves(live_server, settings):
    found = cluster()
    if found is None:
        pytest.skip("needs PostgreSQL on this machine, controllable with pg_ctlcluster as root")
    from events.programme import load_programme

    load_programme()
    url = live_server.url + "/fr/projets/"
    assert status_of(url) == 200
    connections.close_all()
    control("stop", *found)
    try:
        assert status_of(url) == 503
        assert status_of(live_server.url + "/healthz") == 503
    finally:
        control("start", *found)
    deadline = time.monotonic() + 30
    while status_of(url) != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status_of(url) == 200
    connections.close_all()  # the test's own connection died with the server
