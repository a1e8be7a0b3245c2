"""Caches never serve what was withdrawn: every content table raises the content version (portal.cache),
pages are revalidated by browsers, and the API's validators follow every change of content.

The same guarantee across real worker processes is in test_workers.py.
"""

import pytest
from django.db import connection
from django.utils import translation

from events.models import LabellingStatus, Project, workflow_writer
from partners.models import Partner
from portal import cache as content

pytestmark = pytest.mark.django_db


def project_url(reference="FR-RU-2021-0014"):
    project = Project.objects.get(reference=reference)
    with translation.override("fr"):
        return project, project.get_absolute_url()


def triggers_on(table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass", [table])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        return {name for (name,) in cursor.fetchall() if name.startswith("portal_content_version")}


@pytest.mark.parametrize("model", content.content_models(), ids=lambda model: model._meta.db_table)
def test_every_table_of_public_content_has_the_triggers(model):
    expected = 1 if connection.vendor == "postgresql" else 3  # one per statement kind on SQLite
    assert len(triggers_on(model._meta.db_table)) == expected


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE events_project SET title_fr = 'Autre' WHERE reference = 'FR-RU-2021-0014'",
        "UPDATE partners_partner SET name_fr = 'Autre' WHERE slug = 'nice'",
        "UPDATE partners_territory SET name_ru = 'Другое' WHERE slug = 'bretagne'",
        "UPDATE events_theme SET name_en = 'Other' WHERE slug = 'sport'",
        "DELETE FROM events_project_themes WHERE id = (SELECT MIN(id) FROM events_project_themes)",
        "DELETE FROM events_participation WHERE id = (SELECT MIN(id) FROM events_participation)",
    ],
)
def test_any_write_to_content_even_raw_sql_raises_the_content_version(change):
    before = content.read_version()
    with connection.cursor() as cursor:
        cursor.execute(change)
    assert content.read_version() == before + 1


def test_pages_are_revalidated_by_browsers_with_their_etag(client):
    response = client.get("/fr/projets/")
    assert response["Cache-Control"] == "max-age=0, must-revalidate"
    assert client.get("/fr/projets/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_cdn_may_keep_pages_as_long_as_the_deployment_allows(client, settings):
    settings.CDN_MAX_AGE = 30
    response = client.get("/fr/projets/")
    assert response["Cache-Control"] == "max-age=0, must-revalidate, s-maxage=30"


def test_a_bulk_update_withdraws_a_cached_page_at_once(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    settings.CONTENT_VERSION_SECONDS = 0  # as if the 0.5 s of production had passed
    project, url = project_url()
    assert client.get(url).status_code == 200
    assert client.get(url).context is None  # now served from the cache
    with workflow_writer("a bulk write with no signal"):
        Project.objects.filter(pk=project.pk).update(status=LabellingStatus.WITHDRAWN)  # no signal at all
    assert client.get(url).status_code == 410
    assert project.title_fr not in client.get("/fr/projets/?q=" + project.slug).content.decode()


def test_the_api_validators_change_when_a_partner_is_renamed(client):
    first = client.get("/api/projects.json", {"partner": "nice"})
    assert first["Last-Modified"] and first["ETag"]
    Partner.objects.filter(slug="nice").update(name_fr="Nice Côte d'Azur")  # no project changes
    again = client.get("/api/projects.json", {"partner": "nice"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "Nice Côte d'Azur" in again.content.decode()
    assert again["ETag"] != first["ETag"]
    _version, changed_at = content.last_change()
    from django.utils.http import http_date

    assert again["Last-Modified"] == http_date(changed_at.timestamp())


def test_not_modified_answers_of_the_api_are_open_to_other_origins(client):
    first = client.get("/api/themes.json")
    by_etag = client.get("/api/themes.json", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/api/themes.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_etag.status_code, by_etag["Access-Control-Allow-Origin"]) == (304, "*")
    assert (by_date.status_code, by_date["Access-Control-Allow-Origin"]) == (304, "*")
