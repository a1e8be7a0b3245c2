"""Nothing that was never public leaks (issue 14, item 6; issue 13, "which places, partners and pairs
are public" written once). The data could leak: projects proposed, labelled and withdrawn before
publication, each with its own new French partner in its own new town, and one of them paired with a
public Russian partner (Moscow's). Every public surface is fetched, in every language."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Project
from partners.models import Partner, PartnerPair, Territory
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "ru", "en")
SECRET = re.compile(r"zanzibar|занзибар", re.IGNORECASE)
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def url(name, *args, lang="fr"):
    with translation.override(lang):
        return reverse(name, args=args)


def secret_place_and_partner(stage: str):
    region = Territory.objects.get(slug="occitanie")
    town = Territory.objects.create(
        slug=f"zanzibarville-{stage}",
        name_fr=f"Zanzibarville {stage}",
        name_ru=f"Занзибарвиль {stage}",
        name_en=f"Zanzibarville {stage}",
        country="FR",
        kind="city",
        parent=region,
        latitude=Decimal("43.5"),
        longitude=Decimal("1.4"),
        alternative_names="Zanzibarvile",
    )
    partner = Partner.objects.create(
        slug=f"mairie-zanzibar-{stage}",
        name_fr=f"Mairie de Zanzibarville {stage}",
        name_ru=f"Мэрия Занзибарвиля {stage}",
        name_en=f"Zanzibarville town hall {stage}",
        kind="local_authority",
        country="FR",
        territory=town,
    )
    return town, partner


@pytest.fixture
def could_leak():
    """Three projects never published, with their own partners and places, and a pair each."""
    made = {}
    for stage in ("proposed", "labelled", "withdrawn"):
        town, partner = secret_place_and_partner(stage)
        project = make_project(
            title=f"Projet zanzibar {stage}",
            slug=f"projet-zanzibar-{stage}",
            status="labelled" if stage == "withdrawn" else stage,
            french=(partner.slug,),
            russian=("moscou",),
        )
        made[stage] = {"project": project, "town": town, "partner": partner}
    committee = make_staff("committee", "Labelling committee")
    services.withdraw_project(project=made["withdrawn"]["project"], user=committee, reason="Annulé")
    for stage in made.values():
        stage["pair"] = PartnerPair.objects.get(french_partner=stage["partner"])
    return made


def assert_no_secret(response, where, typed=()):
    """No secret name in the body, apart from what the request itself typed (echoed in its links)."""
    body = response.content.decode()
    for value in typed:
        body = body.replace(value, "")
    found = SECRET.search(body)
    assert found is None, f"{where}: …{body[max(found.start() - 80, 0) : found.end() + 80]}…"


def sitemap_locations(client):
    """Every address of every page of the sitemap (the index, then each page it lists)."""
    index = client.get("/sitemap.xml")
    assert_no_secret(index, "/sitemap.xml")
    pages = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", SITEMAP)]
    assert len(pages) == 6
    locations = []
    for page in pages:
        path = re.sub(r"^https?://[^/]+", "", page)
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response, path)
        locations += [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP)]
    return locations


def test_no_sitemap_page_lists_anything_never_published(client, could_leak):
    locations = sitemap_locations(client)
    assert not [loc for loc in locations if SECRET.search(loc)]
    moscow = Partner.objects.get(slug="moscou")
    assert any(loc.endswith(url("partners:partner-detail", moscow.slug)) for loc in locations)


def test_feeds_name_nothing_never_published(client, could_leak):
    paths = [url("events:feed", lang=lang) for lang in LANGUAGES]
    paths += [url("events:theme-feed", "sport", lang=lang) for lang in LANGUAGES]
    paths += [
        url("events:territory-feed", slug, lang=lang)
        for slug in ("occitanie", "moscou")
        for lang in LANGUAGES
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response, path)
    for stage in could_leak.values():
        assert client.get(url("events:territory-feed", stage["town"].slug)).status_code == 404


def test_the_api_names_nothing_never_published(client, could_leak):
    for path in [
        "/api/projects.json?page_size=100",
        "/api/territories.json",
        "/api/themes.json",
        "/api/projects.csv",
        "/api/projects.ics",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response, path)
    territories = client.get("/api/territories.json").json()
    slugs = {t["slug"] for t in territories["results"]}
    assert "poitiers" in slugs and "occitanie" in slugs
    assert not {stage["town"].slug for stage in could_leak.values()} & slugs
    for stage in could_leak.values():
        assert client.get(f"/api/projects/{stage['project'].pk}.ics").status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_menus_and_map_name_nothing_never_published(client, could_leak, lang):
    for path in [
        url("home", lang=lang),
        url("events:project-list", lang=lang),
        url("events:project-list", lang=lang) + "?region=occitanie",
        url("events:theme-detail", "sport", lang=lang),
        url("events:calendar", lang=lang),
        url("events:embed", lang=lang),
        url("partners:map", lang=lang),
        url("partners:map-svg", lang=lang),
        url("partners:territory-detail", "occitanie", lang=lang),
        url("partners:territory-detail", "moscou", lang=lang),
        url("partners:partner-detail", "moscou", lang=lang),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_searching_a_secret_name_finds_nothing(client, could_leak, lang):
    response = client.get(url("events:project-list", lang=lang), {"q": "Zanzibarville"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert_no_secret(response, "search", typed=["Zanzibarville"])


@pytest.mark.parametrize("parameter", ["partner", "territory", "region"])
def test_a_filter_on_something_never_published_is_an_unknown_choice_without_a_chip(
    client, could_leak, parameter
):
    stage = could_leak["labelled"]
    value = stage["partner"].slug if parameter == "partner" else stage["town"].slug
    for path in [url("events:project-list"), url("partners:map"), "/api/projects.json"]:
        secret = client.get(path, {parameter: value})
        unknown = client.get(path, {parameter: "nowhere-at-all"})
        assert (secret.status_code, unknown.status_code) == (400, 400), path
        assert_no_secret(secret, path, typed=[value])
        # The same answer as for a slug that never existed (the slug itself aside).
        assert secret.content.decode().replace(value, "X") == unknown.content.decode().replace(
            "nowhere-at-all", "X"
        )


def test_pages_of_places_partners_and_pairs_never_published_are_404(client, could_leak):
    for stage in could_leak.values():
        for lang in LANGUAGES:
            for name, obj in [
                ("partners:territory-detail", stage["town"]),
                ("partners:partner-detail", stage["partner"]),
                ("partners:pair-detail", stage["pair"]),
            ]:
                path = url(name, obj.slug, lang=lang)
                response = client.get(path)
                assert response.status_code == 404, path
                assert_no_secret(response, path, typed=[obj.slug])


def test_a_project_never_published_answers_404_and_reveals_nothing(client, could_leak):
    missing_id = Project.objects.order_by("-pk").first().pk + 1000
    missing = client.get(f"/p/{missing_id}/")
    for stage in could_leak.values():
        project = stage["project"]
        for lang in LANGUAGES:
            with translation.override(lang):
                response = client.get(project.get_absolute_url())
            assert response.status_code == 404
            assert_no_secret(response, project.slug, typed=[project.slug])
        short = client.get(f"/p/{project.pk}/")
        assert short.status_code == 404
        assert short.content.decode().replace(
            f"/p/{project.pk}/", "/p/N/"
        ) == missing.content.decode().replace(f"/p/{missing_id}/", "/p/N/")


def test_a_project_withdrawn_after_publication_answers_410_with_its_title(client):
    committee = make_staff("committee", "Labelling committee")
    project = make_project(title="Initiative publiée", slug="initiative-publiee", status="labelled")
    services.publish_project(project=project, user=committee)
    services.withdraw_project(project=project, user=committee, reason="Reportée")
    response = client.get(project.get_absolute_url())
    assert response.status_code == 410
    assert "Initiative publiée" in response.content.decode()
    assert client.get(f"/p/{project.pk}/").status_code == 302


def test_a_public_partner_keeps_its_page_but_not_its_pairs_with_secret_partners(client, could_leak):
    response = client.get(url("partners:partner-detail", "moscou"))
    assert response.status_code == 200
    pairs = {pair.slug for pair in response.context["pairs"]}
    assert pairs and not {stage["pair"].slug for stage in could_leak.values()} & pairs
