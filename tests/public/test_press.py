"""The press room, the open-data description and synchronisation with `updated_since`."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import LabellingStatus, Project
from events.services import withdraw_project
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/fr/presse/", "Espace presse"), ("/ru/pressa/", "Пресс-центр"), ("/en/press/", "Press room")],
)
def test_the_press_room_answers_in_each_language(client, url, heading):
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    for booklet in ("/fr/programme.pdf", "/ru/programma.pdf", "/en/programme.pdf"):
        assert f'href="{booklet}"' in html
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" rel="license"' in html
    assert 'href="/api/projects.xlsx"' in html


def test_the_press_room_gives_a_short_link_the_embed_code_and_the_contact(client, settings):
    settings.PRESS_CONTACT = {
        "name": "Marie Dupont",
        "email": "presse@annee-2021.fr",
        "phone": "+33 1 23 45 67 89",
    }
    first = Project.objects.filter(status=LabellingStatus.PUBLISHED).order_by("pk").first()

    html = client.get("/en/press/").content.decode()

    assert f'<a href="http://localhost/p/{first.pk}/">http://localhost/p/{first.pk}/</a>' in html
    assert '&lt;iframe src="http://localhost/en/embed/?theme=sport" title="Franco-Russian Year' in html
    assert '<a href="mailto:presse@annee-2021.fr">presse@annee-2021.fr</a>' in html
    assert '<a href="tel:+33123456789">+33 1 23 45 67 89</a>' in html


def test_the_press_room_describes_the_open_data_as_a_schema_org_dataset(client):
    data = json_ld(client.get("/fr/presse/").content.decode())

    assert data["@type"] == "Dataset"
    assert data["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert data["inLanguage"] == ["fr", "ru", "en"]
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
    assert formats["text/csv"] == "http://localhost/api/projects.csv"
    assert formats["application/vnd.oai.openapi+json"] == "http://localhost/api/openapi.json"
    assert len(data["distribution"]) == 7


def test_the_press_room_shows_the_size_of_a_built_booklet(client):
    client.get("/en/programme.pdf")

    html = client.get("/en/press/").content.decode()

    assert re.search(r"PDF, [\d.]+\xa0KB, \d+ pages, edition of", html)


def test_the_list_and_the_home_page_link_to_the_booklets(client):
    listing = client.get("/fr/projets/?region=occitanie&page=1").content.decode()
    home = client.get("/ru/").content.decode()

    assert 'href="/ru/programma.pdf?region=occitanie"' in listing
    assert 'href="/en/programme.pdf?region=occitanie"' in listing
    assert 'href="/fr/programme.pdf"' in home


# Synchronisation


def test_updated_since_returns_only_what_changed_and_what_left(client):
    before = timezone.now()
    committee = make_staff("committee", "Labelling committee")
    changed = Project.objects.filter(status=LabellingStatus.PUBLISHED).order_by("pk")[3]
    changed.title_en = "A renamed project"
    changed.save()
    leaving = Project.objects.filter(status=LabellingStatus.PUBLISHED).order_by("pk")[5]
    withdraw_project(project=leaving, user=committee, reason="Annulé")
    make_project(title="Encore proposé")  # never public: neither changed nor removed

    document = client.get("/api/projects.json", {"updated_since": before.isoformat()}).json()

    assert [p["id"] for p in document["results"]] == [changed.pk]
    assert document["removed"] == [leaving.pk]
    assert document["count"] == 1
    assert before < timezone.datetime.fromisoformat(document["as_of"]) <= timezone.now()


def test_updated_since_in_the_future_returns_nothing(client):
    since = (timezone.now() + timedelta(days=1)).isoformat()

    document = client.get("/api/projects.json", {"updated_since": since}).json()

    assert document["count"] == 0
    assert document["results"] == []
    assert document["removed"] == []


def test_without_updated_since_the_document_is_unchanged(client):
    document = client.get("/api/projects.json", {"page_size": 1}).json()

    assert set(document) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize("value", ["yesterday", "2021-13-01T00:00:00Z", "1066-10-14T09:00:00Z"])
def test_a_bad_updated_since_answers_400(client, value):
    response = client.get("/api/projects.json", {"updated_since": value})

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "updated_since": [
                "Saisissez un instant au format ISO 8601, par exemple 2021-05-03T12:00:00+02:00."
            ]
        }
    }


# Query counts


def test_the_press_room_makes_five_queries(client, django_assert_num_queries):
    # Built booklets, the example project with its themes and partners, the latest change.
    with django_assert_num_queries(5):
        assert client.get("/en/press/").status_code == 200


def test_the_api_reference_makes_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/en/api/").status_code == 200


def test_a_stored_booklet_is_served_in_two_queries(client, django_assert_num_queries):
    client.get("/fr/programme.pdf?region=occitanie")  # built, and the region's slug table cached

    # The booklet without its PDF (validators first), then its PDF.
    with django_assert_num_queries(2):
        assert client.get("/fr/programme.pdf?region=occitanie").status_code == 200


def test_updated_since_returns_the_projects_of_a_renamed_partner(client):
    """What a reuser downloads of a project names its partners: a renamed partner changes it."""
    from partners.models import Partner

    before = timezone.now()
    partner = Partner.objects.get(slug="nice")
    partner.name_en = "City of Nice (renamed)"
    partner.save()
    expected = sorted(partner.projects.filter(status=LabellingStatus.PUBLISHED).values_list("pk", flat=True))

    query = {"updated_since": before.isoformat(), "page_size": 100}
    document = client.get("/api/projects.json", query).json()

    assert sorted(p["id"] for p in document["results"]) == expected
    assert len(expected) == 8
    assert document["removed"] == []
