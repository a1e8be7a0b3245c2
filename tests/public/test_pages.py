import re

import pytest
from django.urls import reverse
from django.utils import translation

from public.views import places as views

pytestmark = pytest.mark.django_db


def territory_url(slug, lang="fr"):
    with translation.override(lang):
        return reverse("partners:territory-detail", args=[slug])


@pytest.mark.parametrize("slug", ["nice", "bretagne", "moscou", "oblast-samara"])
def test_a_territory_page_links_to_its_projects_in_the_list(client, slug):
    page = client.get(territory_url(slug)).content.decode()
    link = re.search(r'href="(/fr/projets/\?[^"]+)">Filtrer ces projets', page).group(1)
    listing = client.get(link.replace("&amp;", "&"))
    assert listing.status_code == 200
    assert listing.context["page_obj"].paginator.count > 0


def test_a_french_town_in_the_list_is_called_a_place_not_a_russian_territory(client):
    with translation.override("fr"):
        url = reverse("events:project-list")
    for slug, label in (("nice", "Lieu"), ("moscou", "Territoire russe")):
        chips = {
            chip["name"]: chip["label"]
            for chip in client.get(url, {"territory": slug}).context["active_filters"]
        }
        assert chips["territory"] == label


def test_a_territory_page_lists_the_busiest_partnerships_and_sends_to_the_map_for_more(client, monkeypatch):
    everything = client.get(territory_url("moscou")).context["pairs"]
    assert len(everything) > 2
    monkeypatch.setattr(views, "PAIRS_SHOWN", 2)
    response = client.get(territory_url("moscou"))
    shown = response.context["pairs"]
    assert len(shown) == 2 and response.context["more_pairs"]
    assert [p.n for p in shown] == sorted((p.n for p in everything), reverse=True)[:2]
    assert 'href="/fr/carte/?territory=moscou"' in response.content.decode()
