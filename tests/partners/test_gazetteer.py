"""The vendored gazetteer, the territory and partner forms that use it, and a partner's side."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Participation, Project
from events.services import set_participants
from partners import gazetteer
from partners.models import Partner, Territory
from tests.staff import make_staff


def test_a_small_french_commune_is_found_whatever_its_spelling_with_its_coordinates():
    for spelling in ("Lémeré", "lemere", "LEMERE", "Lèmerè"):
        [place] = gazetteer.find(spelling, country="FR")
        assert (place.name_fr, place.department, place.region, place.postcode) == (
            "Lémeré",
            "Indre-et-Loire",
            "Centre-Val de Loire",
            "37120",
        )
    # Fewer than 500 inhabitants: not among GeoNames' towns, placed by its entry in the postal dump.
    assert (place.latitude, place.longitude, place.is_approximate) == (
        Decimal("47.08310"),
        Decimal("0.33530"),
        False,
    )


def test_a_commune_nouvelle_absent_from_the_sources_is_placed_among_its_former_communes_and_said_so():
    # Aigondigné (2019) merged Aigonnay, Mougon and Thorigné: it is placed at the mean of the former
    # communes its postal code still lists in the postal dump, and marked approximate.
    [place] = gazetteer.find("Aigondigné", country="FR")
    assert (place.latitude, place.longitude, place.is_approximate) == (
        Decimal("46.30600"),
        Decimal("-0.23432"),
        True,
    )


def test_a_russian_town_has_its_russian_name_and_is_found_in_either_script():
    [by_cyrillic] = gazetteer.find("Ярославль", country="RU")
    [by_latin] = gazetteer.find("Yaroslavl", country="RU")
    assert by_cyrillic == by_latin
    assert (by_latin.name_ru, by_latin.name_fr, by_latin.name_en) == ("Ярославль", "Iaroslavl", "Yaroslavl")
    assert (by_latin.latitude, by_latin.longitude, by_latin.is_approximate) == (
        Decimal("57.62987"),
        Decimal("39.87368"),
        False,
    )


@pytest.mark.django_db
def test_the_lookup_view_is_for_staff_only_and_gives_names_coordinates_and_parent(client):
    url = reverse("admin:partners_territory_gazetteer")
    assert client.get(url, {"q": "Douarnenez"}).status_code == 302  # to the login page
    client.force_login(make_staff("editor", "Editors"))
    [place] = client.get(url, {"q": "Douarnenez", "country": "FR"}).json()["results"]
    bretagne = Territory.objects.get(kind="region", name_fr="Bretagne")
    assert (place["label"], place["name_ru"], place["latitude"], place["parent"]) == (
        "Douarnenez (Finistère)",
        "Дуарненез",
        "48.09542",
        bretagne.pk,
    )


@pytest.mark.django_db
def test_without_javascript_find_coordinates_opens_the_add_form_filled_in(client):
    client.force_login(make_staff("admin", None))
    response = client.get(reverse("admin:partners_territory_gazetteer_fill"), {"gazetteer": "Ковров"})
    query = parse_qs(urlsplit(response["Location"]).query)
    russia = Territory.objects.get(kind="country", country="RU")
    assert {key: values[0] for key, values in query.items()} == {
        "name_fr": "Kovrov",
        "name_ru": "Ковров",
        "name_en": "Kovrov",
        "country": "RU",
        "kind": "city",
        "latitude": "56.35752",
        "longitude": "41.31893",
        "gazetteer": "Ковров (Kovrov)",
        "parent": str(russia.pk),
    }


@pytest.mark.django_db
def test_a_partner_and_its_new_place_are_created_in_one_step(admin_client):
    response = admin_client.post(
        reverse("admin:partners_partner_add"),
        {
            "slug": "mairie-de-chinon",
            "name_fr": "Mairie de Chinon",
            "name_ru": "Мэрия Шинона",
            "name_en": "Chinon town hall",
            "kind": "local_authority",
            "country": "FR",
            "territory": "",
            "new_place": "Chinon (Indre-et-Loire)",
        },
    )
    assert response.status_code == 302
    place = Partner.objects.get(slug="mairie-de-chinon").territory
    assert (place.name_fr, place.kind, place.parent.name_fr, place.country) == (
        "Chinon",
        "city",
        "Centre-Val de Loire",
        "FR",
    )


@pytest.fixture
def ville_de_tours(db):
    tours = Territory.objects.create(
        slug="tours",
        name_fr="Tours",
        name_ru="Тур",
        name_en="Tours",
        country="FR",
        kind="city",
        parent=Territory.objects.get(kind="region", name_fr="Centre-Val de Loire"),
        latitude=Decimal("47.39484"),
        longitude=Decimal("0.70398"),
    )
    return Partner.objects.create(
        slug="ville-de-tours", name_fr="Ville de Tours", kind="local_authority", country="FR", territory=tours
    )


def test_ville_de_tours_cannot_be_added_as_a_russian_partner(ville_de_tours):
    project = Project.objects.get(reference="FR-RU-2021-0003")
    with pytest.raises(ValidationError) as refused:
        set_participants(project=project, french=project.french_partners, russian=[ville_de_tours])
    assert refused.value.messages == [
        "«\u00a0Ville de Tours\u00a0» n’est pas en Russie\u00a0: il ne peut pas être partenaire russe."
    ]
    with pytest.raises(ValidationError) as invalid:
        Participation(project=project, partner=ville_de_tours, side="ru").full_clean()
    assert list(invalid.value.message_dict) == ["partner"]
    Participation(project=project, partner=ville_de_tours, side="fr", position=9).full_clean()


def test_a_project_without_a_french_region_takes_the_one_of_its_french_place(db):
    from events.services import fill_french_region
    from tests.factories import make_project

    project = make_project(title="Sans région", slug="sans-region", french=("nice",), russian=("moscou",))
    assert project.french_region is None
    versions = project.history.count()
    assert [r.name_fr for r in fill_french_region(project=project)] == ["Provence-Alpes-Côte d’Azur"]
    assert Project.objects.get(pk=project.pk).french_region.name_fr == "Provence-Alpes-Côte d’Azur"
    assert project.history.count() == versions  # the admin's own version carries it


@pytest.mark.django_db
def test_a_new_place_chosen_among_homonyms_is_the_one_of_its_departement(admin_client):
    admin_client.post(
        reverse("admin:partners_partner_add"),
        {
            "slug": "mairie-de-saint-aubin",
            "name_fr": "Mairie de Saint-Aubin",
            "kind": "local_authority",
            "country": "FR",
            "new_place": "Saint-Aubin (Jura)",
        },
    )
    place = Partner.objects.get(slug="mairie-de-saint-aubin").territory
    assert (place.name_fr, place.parent.name_fr) == ("Saint-Aubin", "Bourgogne-Franche-Comté")


@pytest.mark.parametrize(
    ("latin", "russian"),
    [("Tver", "Тверь"), ("Kazan", "Казань"), ("Blagoveshchensk", "Благовещенск"), ("Smolensk", "Смоленск")],
)
def test_russian_towns_take_their_russian_spelling_not_a_ukrainian_or_old_one(latin, russian):
    [place] = gazetteer.find(latin, country="RU")[:1]
    assert place.name_ru == russian


@pytest.mark.parametrize(
    ("latin", "russian", "french"),
    [
        ("Rostov-on-Don", "Ростов-на-Дону", "Rostov-sur-le-Don"),
        ("Kalach-na-Donu", "Калач-на-Дону", "Kalatch-na-Donou"),
        ("Nikol’skoye-na-Cheremshane", "Никольское-на-Черемшане", "Nikolskoe-na-Tcheremchane"),
    ],
)
def test_a_russian_town_on_a_river_is_hyphenated_as_in_russian_not_spaced_as_in_bulgarian(
    latin, russian, french
):
    [place] = gazetteer.find(latin, country="RU")
    assert (place.name_ru, place.name_fr) == (russian, french)
    assert gazetteer.find(russian, country="RU") == [place]


@pytest.mark.parametrize(
    ("latin", "french", "russian"),
    [
        ("Moscow", "Moscou", "Москва"),
        ("Saint Petersburg", "Saint-Pétersbourg", "Санкт-Петербург"),
        ("Rostov-on-Don", "Rostov-sur-le-Don", "Ростов-на-Дону"),
        ("Ulan-Ude", "Oulan-Oude", "Улан-Удэ"),
        ("Yasnaya Polyana", "Iasnaia Poliana", "Ясная Поляна"),
    ],
)
def test_russian_towns_have_their_french_exonym_and_their_russian_hyphenation(latin, french, russian):
    [place] = gazetteer.find(latin, country="RU")[:1]
    assert (place.name_fr, place.name_ru) == (french, russian)
