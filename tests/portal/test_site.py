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
