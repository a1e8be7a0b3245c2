"""Requests a browser would not send still get a clear 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

HOSTS = [
    "evil.example",
    "localhost.evil.example",
    "exa mple.org",
    "[::1",
    "ÿ.example",
    "",
]
PATHS = ["/fr/", "/fr/projets/", "/en/nope/", "/healthz", "/api/projects.json", "/admin/login/"]


@pytest.mark.parametrize("host", HOSTS)
def test_a_host_header_not_allowed_answers_400_on_every_address(client, host):
    for path in PATHS:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 400, path
        if host:
            assert host not in response.content.decode(), path


def test_the_400_page_for_a_forged_host_is_the_translated_page(client):
    response = client.get("/ru/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="ru")
    assert "<h1>" in response.content.decode() and "evil.example" not in response.content.decode()


MACHINE_ADDRESSES = [
    "/healthz",
    "/ping",
    "/robots.txt",
    "/favicon.ico",
    "/api/projects.json",
    "/api/projects.csv",
    "/api/projects.ics",
    "/api/themes.json",
    "/api/territories.json",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", MACHINE_ADDRESSES)
def test_head_works_wherever_get_does(client, path):
    get, head = client.get(path), client.head(path)
    assert (head.status_code, head["Content-Type"]) == (get.status_code, get["Content-Type"])
    assert get.status_code in (200, 301) and head.content == b""


@pytest.mark.parametrize("page", ["0", "-1", "-99999999999999999999"])
@pytest.mark.parametrize("path", ["/fr/projets/", "/fr/territoires/bretagne/", "/api/projects.json"])
def test_a_page_before_the_first_is_a_bad_request(client, path, page):
    assert client.get(path, {"page": page}).status_code == 400
