"""Cached pieces of public pages (project cards, the lists' ids and counts, the map's drawing) follow
every change of content at once: a rename of a partner or a place, a withdrawal (portal.cache
versions every key by content, public.cards and public.views.places.map_drawing rely on it)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from events import services
from partners.models import Partner, Territory
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def url(name, **params):
    from urllib.parse import urlencode

    with translation.override("fr"):
        return reverse(name) + ("?" + urlencode(params) if params else "")


@pytest.fixture
def quenouille():
    """A published project with its own partner in its own town (the only one of either)."""
    region = Territory.objects.get(slug="occitanie")
    town = Territory.objects.create(
        slug="quenouilleville",
        name_fr="Quenouilleville",
        name_ru="Кенуйвиль",
        name_en="Quenouilleville",
        country="FR",
        kind="city",
        parent=region,
        latitude=Decimal("43.6"),
        longitude=Decimal("1.5"),
    )
    partner = Partner.objects.create(
        slug="mairie-de-quenouilleville",
        name_fr="Mairie de Quenouilleville",
        name_ru="Мэрия Кенуйвиля",
        name_en="Quenouilleville town hall",
        kind="local_authority",
        country="FR",
        territory=town,
    )
    committee = make_staff("committee", "Labelling committee")
    project = make_project(
        title="Atelier de quenouilles",
        slug="atelier-de-quenouilles",
        status="labelled",
        french=(partner.slug,),
        russian=("moscou",),
    )
    services.publish_project(project=project, user=committee)
    return {"project": project, "partner": partner, "town": town, "committee": committee}


def in_a_new_transaction():
    """Each change of content comes in a transaction of its own, which raises the content version
    once (portal.cache). A test runs in one transaction: on PostgreSQL, the trigger is told that a
    new one begins, so that the change that follows raises the version again, as it would live."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('portal.content_version_raised', '', true)")


def cached_page(client, django_assert_num_queries, address) -> str:
    """The page, fetched twice: the second time from the cached pieces alone (no query)."""
    client.get(address)
    with django_assert_num_queries(0):
        return client.get(address).content.decode()


def test_a_cached_card_shows_a_renamed_partner_at_once(client, django_assert_num_queries, quenouille):
    listing = url("events:project-list", q="quenouilles")
    assert "Mairie de Quenouilleville" in cached_page(client, django_assert_num_queries, listing)
    partner = quenouille["partner"]
    partner.name_fr = "Hôtel de ville de Quenouilleville"
    in_a_new_transaction()
    partner.save()
    html = client.get(listing).content.decode()
    assert "Hôtel de ville de Quenouilleville" in html
    assert "Mairie de Quenouilleville" not in html


def test_a_withdrawn_project_leaves_the_cached_list_and_home_at_once(
    client, django_assert_num_queries, quenouille
):
    listing = url("events:project-list", q="quenouilles")
    assert "Atelier de quenouilles" in cached_page(client, django_assert_num_queries, listing)
    assert "Atelier de quenouilles" in cached_page(client, django_assert_num_queries, url("home"))
    in_a_new_transaction()
    services.withdraw_project(project=quenouille["project"], user=quenouille["committee"], reason="Annulé")
    after = client.get(listing)
    assert after.context["page_obj"].paginator.count == 0
    assert "Atelier de quenouilles" not in after.content.decode()
    assert "Atelier de quenouilles" not in client.get(url("home")).content.decode()


def test_the_cached_map_shows_a_renamed_place_at_once(client, django_assert_num_queries, quenouille):
    address = url("partners:map")
    assert "Quenouilleville" in cached_page(client, django_assert_num_queries, address)
    town = quenouille["town"]
    town.name_fr = "Quenouille-sur-Garonne"
    in_a_new_transaction()
    town.save()
    html = client.get(address).content.decode()
    assert "Quenouille-sur-Garonne" in html
    assert ">Quenouilleville<" not in html


def test_the_cached_map_drops_a_withdrawn_project_at_once(client, django_assert_num_queries, quenouille):
    address = url("partners:map")
    assert "Mairie de Quenouilleville" in cached_page(client, django_assert_num_queries, address)
    in_a_new_transaction()
    services.withdraw_project(project=quenouille["project"], user=quenouille["committee"], reason="Annulé")
    html = client.get(address).content.decode()
    assert "Quenouilleville" not in html
