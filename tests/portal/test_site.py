import json

import pytest
from django.core.management import call_command


def test_the_wsgi_application_loads():
    from portal.wsgi import application

    assert callable(application)


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["database"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_unknown_pages_get_a_translated_404(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_migrate_names_the_site_after_site_domain(settings):
    from django.contrib.sites.models import Site
    from django.core.management import call_command

    settings.SITE_DOMAIN = "annee-franco-russe.example.org"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(pk=settings.SITE_ID).domain == "annee-franco-russe.example.org"


@pytest.mark.django_db
def test_sitemap_names_the_configured_domain(client, settings):
    from django.core.management import call_command

    settings.SITE_DOMAIN = "annee-franco-russe.example.org"
    call_command("migrate", verbosity=0)
    body = client.get("/sitemap.xml").content.decode()
    assert "://annee-franco-russe.example.org/sitemap-" in body
    assert "example.com" not in body
