import pytest

from events.models import Project
from partners.models import Territory

pytestmark = pytest.mark.django_db

# Generous bounding boxes of metropolitan France and of Russia (which crosses no antimeridian here).
BOXES = {"FR": (41.3, 51.2, -5.2, 9.6), "RU": (41.1, 82.0, 19.6, 180.0)}
# The one project whose named partners are all national bodies: it happens at Bercy, in Paris.
PLACED_BY_THEIR_FRENCH_REGION = {"FR-RU-2021-0072": "ile-de-france"}


def test_every_territory_lies_inside_its_own_country():
    for territory in Territory.objects.all():
        south, north, west, east = BOXES[territory.country]
        assert south <= territory.latitude <= north and west <= territory.longitude <= east, territory.slug


def test_every_territory_but_a_country_belongs_to_one_of_the_same_country():
    for territory in Territory.objects.exclude(kind="country").select_related("parent"):
        assert territory.parent is not None and territory.parent.country == territory.country, territory.slug


def test_every_project_has_a_place_a_placed_partner_or_its_french_region():
    # National bodies are placed at the country: a project of theirs alone names where it happens
    # by its French region (the martial arts festival at Bercy, Paris).
    placed_at_the_country_only = {}
    for project in Project.objects.prefetch_related("participations__partner__territory"):
        kinds = {p.partner.territory.kind for p in project.participations.all()}
        if not kinds - {"country"}:
            placed_at_the_country_only[project.reference] = project.french_region.slug
    assert placed_at_the_country_only == PLACED_BY_THEIR_FRENCH_REGION


def test_russian_cities_have_their_usual_cyrillic_names():
    assert Territory.objects.get(slug="iaroslavl").name_ru == "Ярославль"
    assert Territory.objects.get(slug="nijni-novgorod").name_ru == "Нижний Новгород"


@pytest.mark.parametrize(
    ("kind", "country", "parameter"),
    [
        ("region", "FR", "region"),
        ("department", "FR", "territory"),
        ("city", "FR", "territory"),
        ("oblast", "RU", "territory"),
        ("federal_city", "RU", "territory"),
        ("city", "RU", "territory"),
        ("country", "RU", None),
    ],
)
def test_each_kind_of_place_is_selected_by_one_list_parameter(kind, country, parameter):
    assert Territory(kind=kind, country=country).filter_parameter == parameter
