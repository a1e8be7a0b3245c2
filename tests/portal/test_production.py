"""Production settings, security headers, caching and behaviour when the database fails."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from events.models import Project
from portal.logs import JSONFormatter, RequestIdFilter
from tests.factories import make_project

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-production-like-secret-" + "k7#Qz9!x" * 8,
    "ALLOWED_HOSTS": "portal.example.org",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0 and missing in result.stderr


pytestmark = pytest.mark.django_db


def pages():
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override("fr"):
        return [
            reverse("home"),
            reverse("events:project-list"),
            project.get_absolute_url(),
            reverse("events:calendar"),
            reverse("partners:territory-detail", args=["bretagne"]),
        ]


def test_every_page_has_a_strict_content_security_policy_and_no_inline_script(client):
    for url in pages():
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy
        scripts = re.findall(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", response.content.decode()
        )
        assert scripts == [], url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]


def test_the_embed_alone_may_be_framed(client):
    with translation.override("fr"):
        response = client.get(reverse("events:embed"))
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert response["X-Request-ID"] == "proxy-abc-12345"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="<bad id>")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)


def test_logs_are_json_lines_with_the_request_id():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom %s", ("here",), None)
    RequestIdFilter().filter(record)
    entry = json.loads(JSONFormatter().format(record))
    assert entry["message"] == "boom here" and entry["level"] == "ERROR" and "request_id" in entry


def test_healthz_reports_database_and_cache(client):
    assert client.get("/healthz").json()["checks"] == {"database": "ok", "cache": "ok"}


def test_a_publish_shows_up_at_once_on_cached_pages(client, settings, django_user_model):
    from events import services

    settings.CACHE_MIDDLEWARE_SECONDS = 600
    with translation.override("fr"):
        url = reverse("events:project-list") + "?theme=sport"
    first = client.get(url)
    assert first.context is not None  # rendered
    cached = client.get(url)
    assert cached.context is None  # served from the cache, no template rendered
    project = make_project(
        title="Tournoi de lutte", status="labelled", slug="tournoi-de-lutte", themes=("sport",)
    )
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-test-password-123")
    services.publish_project(project=project, user=boss)
    fresh = client.get(url)
    assert "Tournoi de lutte" in fresh.content.decode()


def test_feeds_and_calendars_answer_conditional_requests(client):
    with translation.override("fr"):
        url = reverse("events:feed")
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    ics = client.get("/api/projects.ics")
    assert client.get("/api/projects.ics", HTTP_IF_MODIFIED_SINCE=ics["Last-Modified"]).status_code == 304


def test_a_lost_database_connection_answers_a_translated_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    client.raise_request_exception = False  # as in production: Django's handler answers
    with translation.override("ru"):
        url = reverse("events:project-list")
    response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Временно недоступно" in response.content.decode()
    assert client.get("/healthz").status_code == 503
