"""Spellings readers type for Russian places, and no place listed as a variant of itself."""

import pytest

from events import search, selectors
from partners.models import Territory

pytestmark = pytest.mark.django_db


def found(query):
    return sorted(
        int(ref.rsplit("-", 1)[1])
        for ref in selectors.matching(selectors.published_projects(), query).values_list(
            "reference", flat=True
        )
    )


@pytest.mark.parametrize("query", ["Ulianovsk", "ulianovsk", "Oulianovsk", "Ulyanovsk", "Ульяновск"])
def test_ulyanovsk_is_found_under_every_spelling_with_its_city_and_its_region(query):
    # The city (Limoges, the consulate's intercultural approach) and the oblast (Toulouse, Beaujolais).
    assert found(query) == [15, 46, 50, 51]


@pytest.mark.parametrize(
    "query", ["Nizhni Novgorod", "Nijni-Novgorod", "Nijni Novgorod", "Nizhny Novgorod", "Нижний Новгород"]
)
def test_nizhny_novgorod_is_found_under_every_spelling(query):
    assert found(query) == [33]  # the Nanterre project is in Veliky Novgorod, not here


@pytest.mark.parametrize(
    "query", ["Veliky Novgorod", "Velikiy Novgorod", "Великий Новгород", "Великом Новгороде"]
)
def test_veliky_novgorod_finds_the_nanterre_twinning_and_the_tourist_centre(query):
    assert found(query) == [47, 65]


def test_no_place_lists_one_of_its_own_names_as_a_variant():
    for territory in Territory.objects.all():
        names = {search.fold(getattr(territory, f"name_{lang}")) for lang in ("fr", "ru", "en")}
        variants = [search.fold(name) for name in territory.alternative_names_list]
        assert not names & set(variants), territory.slug
        assert len(variants) == len(set(variants)), territory.slug
