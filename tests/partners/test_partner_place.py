"""A new partner and its place in one step, from the partner form or its window over the project
form: the country follows from the place, the town comes from the gazetteer into its département or
region, and the side of the project's partners follows from their country (issue 15)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import Project
from partners import gazetteer
from partners.models import Partner, Territory
from partners.services import place_from_gazetteer
from tests.events.test_workflow_guard import form_data
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("editrice", "Editors"))
    return client


def add_partner(client, popup=False, **fields):
    url = reverse("admin:partners_partner_add")
    if popup:
        url += "?_to_field=id&_popup=1"
    data = {"slug": fields.pop("slug"), "territory": "", "country": "", **fields}
    if popup:
        data.update({"_to_field": "id", "_popup": "1"})
    return client.post(url, data)


def test_the_partners_window_needs_name_kind_and_place_only(editor_client):
    response = add_partner(
        editor_client,
        popup=True,
        slug="ville-de-rostov",
        name_fr="Ville de Rostov-sur-le-Don",
        kind="local_authority",
        new_place="Ростов-на-Дону",
    )
    assert response.status_code == 200
    assert "admin/js/popup_response.js" in response.content.decode()
    partner = Partner.objects.get(slug="ville-de-rostov")
    rostov = partner.territory
    assert (partner.country, rostov.kind, rostov.parent.kind, rostov.country) == (
        "RU",
        "city",
        "country",
        "RU",
    )
    assert (rostov.name_fr, rostov.name_ru, rostov.name_en) == (
        "Rostov-sur-le-Don",
        "Ростов-на-Дону",
        "Rostov-on-Don",
    )
    assert (rostov.latitude, rostov.longitude) == (Decimal("47.21997"), Decimal("39.70769"))


def test_a_french_town_new_to_the_portal_is_placed_in_its_region(editor_client):
    add_partner(
        editor_client,
        slug="ville-de-tours",
        name_fr="Ville de Tours",
        kind="local_authority",
        new_place="Tours",
    )
    partner = Partner.objects.get(slug="ville-de-tours")
    assert (partner.country, partner.territory.name_ru, partner.territory.parent.name_fr) == (
        "FR",
        "Тур",
        "Centre-Val de Loire",
    )


def test_a_french_town_goes_into_its_departement_when_the_portal_has_it():
    [chinon] = gazetteer.find("Chinon", country="FR")
    region = Territory.objects.get(kind="region", name_fr="Centre-Val de Loire")
    departement = Territory.objects.create(
        slug="indre-et-loire",
        name_fr="Indre-et-Loire",
        name_ru="Эндр и Луара",
        name_en="Indre-et-Loire",
        country="FR",
        kind="department",
        parent=region,
        latitude="47.25",
        longitude="0.7",
    )
    town = place_from_gazetteer(chinon)
    assert (town.parent, town.lineage()[-1]) == (departement, region)


def test_a_town_the_portal_has_in_its_departement_is_not_created_twice(editor_client):
    add_partner(
        editor_client,
        slug="mairie-de-versailles",
        name_fr="Mairie de Versailles",
        kind="local_authority",
        new_place="Versailles",
    )
    assert Partner.objects.get(slug="mairie-de-versailles").territory.slug == "versailles"
    assert Territory.objects.filter(name_fr="Versailles").count() == 1


def test_a_chosen_country_is_kept_for_a_body_placed_abroad(editor_client):
    add_partner(
        editor_client,
        slug="consulat-spb",
        name_fr="Consulat général de France à Saint-Pétersbourg",
        kind="diplomatic",
        country="FR",
        territory=str(Territory.objects.get(slug="saint-petersbourg").pk),
    )
    partner = Partner.objects.get(slug="consulat-spb")
    assert (partner.country, partner.territory.country) == ("FR", "RU")


def test_a_partner_without_country_nor_place_is_refused_on_its_place(editor_client):
    response = add_partner(editor_client, slug="sans-lieu", name_fr="Sans lieu", kind="other")
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["territory"]
    assert not Partner.objects.filter(slug="sans-lieu").exists()


def _add_marseille_on_side(editor_client, side: str):
    """Post the project "Côtés" (Nice, Moscou) with Marseille added as a third partner on `side`."""
    project = make_project(title="Côtés", slug="cotes", french=("nice",), russian=("moscou",))
    url = reverse("admin:events_project_change", args=[project.pk])
    data = form_data(editor_client.get(url))
    data.update(
        {
            "participations-TOTAL_FORMS": "3",
            "participations-2-partner": str(Partner.objects.get(slug="marseille").pk),
            "participations-2-side": side,
            "participations-2-position": "1",
        }
    )
    return project, editor_client.post(url, data)


def test_the_side_of_a_partner_left_empty_is_its_countrys(editor_client):
    project, response = _add_marseille_on_side(editor_client, "")
    assert response.status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert [p.slug for p in project.french_partners] == ["nice", "marseille"]


def test_a_side_chosen_against_the_partners_country_is_still_refused(editor_client):
    _project, response = _add_marseille_on_side(editor_client, "ru")
    assert response.status_code == 200
    [errors] = [f.errors for f in response.context["inline_admin_formsets"][0].formset.forms if f.errors]
    assert errors["partner"] == [
        "«\u00a0Marseille\u00a0» n’est pas en Russie\u00a0: il ne peut pas être partenaire russe."
    ]
