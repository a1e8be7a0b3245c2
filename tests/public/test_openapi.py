"""The API contract: the OpenAPI description validates, describes every public endpoint and every
property of the real documents, and the live API honours it (Schemathesis, generated parameters)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import get_resolver
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from portal.wsgi import application
from public import openapi

pytestmark = pytest.mark.django_db

DESCRIPTION = openapi.description("http://localhost")
schema = schemathesis.openapi.from_dict(DESCRIPTION)
# Generated parameters, valid and invalid (the fuzzing phase, bounded below), and the examples of the
# description; the coverage phase's hundreds of boundary cases would take minutes on a CI machine.
schema.config.phases.coverage.enabled = False


def test_the_description_is_valid_openapi_3_1(client):
    served = client.get("/api/openapi.json")

    assert served.status_code == 200
    assert served["Access-Control-Allow-Origin"] == "*"
    assert served.json()["openapi"] == "3.1.0"
    validate(served.json())


def test_every_api_address_is_described():
    api_routes = sorted(
        str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if str(pattern.pattern).startswith("api/") and str(pattern.pattern) != "api/openapi.json"
    )
    described = sorted(path.removeprefix("/").replace("{id}", "<int:pk>") for path in DESCRIPTION["paths"])
    assert described == api_routes


def properties(name: str) -> set:
    return set(DESCRIPTION["components"]["schemas"][name]["properties"])


def test_the_project_schema_names_exactly_the_properties_of_a_project(client):
    project = client.get("/api/projects.json", {"page_size": 1}).json()["results"][0]

    assert set(project) == properties("Project")
    planned = DESCRIPTION["components"]["schemas"]["Project"]["properties"]["planned"]
    assert set(project["planned"]) == set(planned["properties"])
    assert set(project["french_partners"][0]) == properties("Partner")
    assert set(project["french_region"]) == properties("TerritoryRef")
    assert set(project["themes"][0]) == properties("ThemeRef")


def test_the_reference_page_lists_every_endpoint_without_any_other_site(client):
    page = client.get("/ru/api/")

    html = page.content.decode()
    assert page.status_code == 200
    for path in DESCRIPTION["paths"]:
        assert f"GET {path}</code>" in html
    assert 'id="schema-Project"' in html
    assert "Справочник API" in html
    assert '<script src="http' not in html
    assert "cdn" not in html.lower()


def test_the_russian_reference_page_describes_the_endpoints_and_parameters_in_russian(client):
    html = client.get("/ru/api/").content.decode()

    assert (
        '<li><a href="#listProjects"><code>GET /api/projects.json</code></a>'
        " — Опубликованные проекты с фильтрами и разбивкой на страницы</li>"
    ) in html
    assert (
        "<td>Только проекты, изменённые после этого момента (ISO 8601, с часовым поясом), а в"
        " <code>removed</code>\u00a0— идентификаторы проектов, которые с тех пор выбыли из опубликованной"
        " программы. Сначала загрузите всё целиком, затем передавайте в каждом запросе значение"
        " <code>as_of</code> из предыдущего ответа. Пример: <code>2021-05-03T12:00:00+02:00</code></td>"
    ) in html
    assert "<caption>Параметры</caption>" in html
    assert "<td><code>целое число (≥ 1, ≤ 100)</code></td>" in html
    assert "Only the projects changed since" not in html


def test_the_french_reference_page_describes_the_endpoints_in_french(client):
    html = client.get("/fr/api/").content.decode()

    assert "<p>Projets publiés, filtrés et paginés.</p>" in html
    assert "<td>Numéro de page (à partir de 1).</td>" in html
    assert "Published projects" not in html


def test_the_openapi_document_stays_in_english_whatever_the_visitor_s_language(client):
    client.cookies["django_language"] = "ru"

    document = client.get("/api/openapi.json", headers={"accept-language": "ru"}).json()

    english = json.loads(json.dumps(DESCRIPTION))
    assert (document["info"], document["paths"]) == (english["info"], english["paths"])
    assert (
        document["paths"]["/api/projects.json"]["get"]["summary"]
        == "Published projects, filtered and paginated"
    )


@pytest.fixture
def test_transaction_kept():
    """The WSGI handler closes the database connection after each request, which would end the test's
    transaction on PostgreSQL; Django's test client avoids it the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_live_api_honours_its_description(case, test_transaction_kept):
    case.call_and_validate(
        app=application,
        # The WSGI transport does not decompress: ask for the body as it is.
        headers={"Host": "localhost", "Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
