import gzip
import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from events import selectors as project_selectors
from events.models import LabellingStatus, Participation
from partners.models import Partner, PartnerPair, Territory
from public import map as coop_map
from public.filters import ProjectFilter
from public.map import MINI, STACKED, WIDE, Conic, Link, Place, build_map
from tests.factories import make_project

SVG = "{http://www.w3.org/2000/svg}"


def map_url(lang="fr", name="partners:map", **params):
    with translation.override(lang):
        url = reverse(name)
    return url + ("?" + urlencode(params) if params else "")


def inline_svg(response, layout="wide"):
    """The inline SVG of one layout of the map page, parsed as XML."""
    html = response.content.decode()
    start = html.index("<svg", html.index(f'class="map-variant map-variant-{layout}"'))
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def places_of(svg):
    return {a.get("data-place") for a in svg.iter(f"{SVG}a") if a.get("data-place")}


def links_of(svg):
    return [a for a in svg.iter(f"{SVG}a") if a.get("data-ends")]


def place(key, country, lon, lat, count=1, label="x"):
    return Place(key=key, country=country, lon=lon, lat=lat, count=count, label=label)


# Projections and geometry ---------------------------------------------------------------------------


def test_the_projection_puts_its_origin_at_zero():
    x, y = Conic(100, (52, 64), 60)(100, 60)
    assert abs(x) < 1e-12 and abs(y) < 1e-12


def test_the_conic_projection_keeps_areas():
    """A 1°×1° cell near Sochi and one near Norilsk cover areas in the ratio of the sphere's."""
    project = coop_map.PROJECTIONS["RU"]

    def projected_area(lon, lat):
        corners = [project(lon, lat), project(lon + 1, lat), project(lon + 1, lat + 1), project(lon, lat + 1)]
        return abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise([*corners, corners[0]]))
        )

    def sphere_area(lat):
        return math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat))

    ratio = (projected_area(40, 43) / sphere_area(43)) / (projected_area(88, 69) / sphere_area(69))
    assert ratio == pytest.approx(1, abs=0.01)


def test_east_is_to_the_right_and_north_is_up_in_both_panels():
    paris, nice = coop_map.project(WIDE, "FR", 2.35, 48.86), coop_map.project(WIDE, "FR", 7.27, 43.7)
    assert nice[0] > paris[0] and nice[1] > paris[1]
    moscow, novosibirsk = coop_map.project(WIDE, "RU", 37.6, 55.75), coop_map.project(WIDE, "RU", 82.9, 55.0)
    saint_petersburg = coop_map.project(WIDE, "RU", 30.3, 59.94)
    assert novosibirsk[0] > moscow[0] and saint_petersburg[1] < moscow[1]


def test_chukotka_continues_east_across_the_antimeridian():
    before, west, east = (coop_map.project(WIDE, "RU", lon, 66.0) for lon in (160, 175, 190))  # 190 = 170°W
    left, _, width, _ = WIDE.panels["RU"]
    assert before[0] < west[0] < east[0] <= left + width
    assert math.dist(west, east) == pytest.approx(math.dist(before, west), rel=0.01)  # not the far end


@pytest.mark.parametrize("layout", [WIDE, STACKED, MINI], ids=lambda layout: layout.name)
def test_each_outline_fits_in_its_panel(layout):
    for country, rings in coop_map._outline_rings().items():
        left, top, width, height = layout.panels[country]
        for lon, lat in itertools.chain.from_iterable(rings):
            x, y = coop_map.project(layout, country, lon, lat)
            assert left - 0.5 <= x <= left + width + 0.5 and top - 0.5 <= y <= top + height + 0.5


def test_the_outlines_are_small_and_name_their_source():
    data = json.loads(coop_map.OUTLINES.read_text())
    assert coop_map.OUTLINES.stat().st_size < 40_000
    assert "world-atlas 2.0.2" in data["source"] and "Natural Earth" in data["source"]
    assert set(data["countries"]) == {"FR", "RU"}


def test_france_is_metropolitan_france_only():
    points = list(itertools.chain.from_iterable(coop_map._outline_rings()["FR"]))
    assert all(-5.5 <= lon <= 10 and 41 <= lat <= 51.5 for lon, lat in points)
    assert any(lon > 9 for lon, _ in points)  # Corsica is there


def test_russia_is_continuous_across_the_antimeridian():
    rings = coop_map._outline_rings()["RU"]
    assert all(lon > 0 for lon, _ in itertools.chain.from_iterable(rings))
    assert max(lon for lon, _ in itertools.chain.from_iterable(rings)) > 185  # Chukotka, shifted east
    assert min(lon for lon, _ in itertools.chain.from_iterable(rings)) < 21  # Kaliningrad


def test_a_circle_area_is_proportional_to_the_number_of_projects():
    assert coop_map.radius(WIDE, 4) == pytest.approx(2 * coop_map.radius(WIDE, 1), abs=0.1)
    assert coop_map.radius(WIDE, 9) == pytest.approx(3 * coop_map.radius(WIDE, 1), abs=0.1)


def test_a_line_is_thicker_for_more_projects():
    assert coop_map.stroke_width(WIDE, 1) < coop_map.stroke_width(WIDE, 2) < coop_map.stroke_width(WIDE, 3)


def test_partnerships_between_the_same_two_places_get_distinct_curves():
    places = [place(1, "FR", 2.35, 48.86), place(2, "RU", 37.6, 55.75)]
    links = [Link(key=k, start=1, end=2, count=1) for k in "abc"]
    drawn = build_map(places, links).links
    assert len(drawn) == 3 and len({link.d for link in drawn}) == 3
    assert all(link.d.startswith("M") and "Q" in link.d for link in drawn)


def test_partners_in_the_same_place_are_joined_by_a_loop():
    drawn = build_map([place(1, "RU", 37.6, 55.75)], [Link(key="a", start=1, end=1, count=1)]).links
    assert len(drawn) == 1 and "C" in drawn[0].d


def test_a_partnership_with_an_unplaced_end_is_not_drawn():
    drawn = build_map([place(1, "FR", 2.35, 48.86)], [Link(key="a", start=1, end=99, count=1)])
    assert drawn.links == [] and len(drawn.places) == 1


def test_names_never_overlap():
    places = [
        place(i, "FR", 2 + (i % 5) * 0.3, 48 + (i // 5) * 0.3, count=i % 4 + 1, label=f"Ville {i}")
        for i in range(40)
    ]
    labels = build_map(places, []).labels
    assert 0 < len(labels) <= WIDE.max_labels

    def box(label):
        width = 0.6 * WIDE.font_size * len(label.text)
        x0 = {"start": label.x, "end": label.x - width, "middle": label.x - width / 2}[label.anchor]
        return (x0, label.y - WIDE.font_size, x0 + width, label.y + 3)

    for a, b in itertools.combinations(labels, 2):
        assert not coop_map._boxes_overlap(box(a), box(b)), (a.text, b.text)


@pytest.mark.parametrize("layout", [WIDE, STACKED], ids=lambda layout: layout.name)
def test_the_key_fits_in_the_drawing(layout):
    key = coop_map.legend(layout)
    assert key["x"] >= 0 and key["x"] + key["width"] <= layout.width
    assert key["y"] >= 0 and key["y"] + key["height"] <= layout.height


def contrast(first, second):
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mark", ["FR", "RU", "line"])
@pytest.mark.parametrize("background", ["land", "sea"])
def test_marks_have_a_non_text_contrast_of_3_to_1(mark, background):
    assert contrast(coop_map.COLOURS[mark], coop_map.COLOURS[background]) >= 3


# The map page and the SVG file --------------------------------------------------------------------


def published_places():
    return set(
        Participation.objects.filter(project__in=project_selectors.published_projects())
        .exclude(partner__territory__kind="country")
        .values_list("partner__territory", flat=True)
    )


def published_pairs():
    return (
        PartnerPair.objects.filter(projects__in=project_selectors.published_projects())
        .exclude(french_partner__territory__kind="country")
        .exclude(russian_partner__territory__kind="country")
        .distinct()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_the_map_page_answers_in_each_language(client, lang):
    response = client.get(map_url(lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response.content.decode().count("<h1") == 1


@pytest.mark.django_db
def test_the_unfiltered_svg_is_valid_xml_and_small(client):
    response = client.get(map_url(name="partners:map-svg"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == 'attachment; filename="cooperation-map.svg"'
    svg = ET.fromstring(response.content)
    assert svg.tag == f"{SVG}svg"
    assert len(gzip.compress(response.content)) <= 150_000
    assert len(response.content) <= 150_000  # even uncompressed


@pytest.mark.django_db
def test_every_placed_territory_is_one_point_and_every_pair_one_line(client):
    svg = inline_svg(client.get(map_url("en")))
    assert places_of(svg) == {str(pk) for pk in published_places()}
    with translation.override("en"):
        expected = sorted(pair.get_absolute_url() for pair in published_pairs())
    assert sorted(a.get("href") for a in links_of(svg)) == expected


@pytest.mark.django_db
def test_the_downloaded_svg_draws_the_same_marks_with_absolute_links(client):
    page = inline_svg(client.get(map_url("fr")))
    download = ET.fromstring(client.get(map_url("fr", name="partners:map-svg")).content)
    assert places_of(download) == places_of(page)
    assert len(links_of(download)) == len(links_of(page))
    assert all(a.get("href").startswith("http://localhost/fr/") for a in download.iter(f"{SVG}a"))


@pytest.mark.django_db
def test_the_stacked_drawing_has_the_same_marks(client):
    response = client.get(map_url("fr"))
    wide, stacked = inline_svg(response, "wide"), inline_svg(response, "stacked")
    assert places_of(wide) == places_of(stacked) and len(links_of(wide)) == len(links_of(stacked))
    ids = re.findall(r'\bid="([^"]+)"', response.content.decode())
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"theme": "sport"}, {"region": "occitanie"}, {"month": "2021-12"}])
def test_a_filter_gives_its_own_map_with_the_list_count(client, rf, params):
    response = client.get(map_url("fr", **params))
    assert response.status_code == 200
    request = rf.get("/", params)
    expected = ProjectFilter(request.GET, queryset=project_selectors.published_projects(), request=request)
    assert response.context["project_count"] == expected.qs.count()
    list_response = client.get(reverse("events:project-list") + "?" + urlencode(params))
    assert response.context["project_count"] == list_response.context["page_obj"].paginator.count

    svg = inline_svg(response)
    unfiltered = inline_svg(client.get(map_url("fr")))
    assert 0 < len(places_of(svg)) < len(places_of(unfiltered))
    placed = set(
        Participation.objects.filter(project__in=expected.qs)
        .exclude(partner__territory__kind="country")
        .values_list("partner__territory", flat=True)
    )
    assert places_of(svg) == {str(pk) for pk in placed}
    assert len(links_of(svg)) == len(response.context["pairs"])


@pytest.mark.django_db
def test_the_three_filters_give_three_different_maps(client):
    maps = [
        frozenset(places_of(inline_svg(client.get(map_url("fr", **params)))))
        for params in ({"theme": "sport"}, {"region": "occitanie"}, {"month": "2021-12"})
    ]
    assert len(set(maps)) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"month": "2021-13"}, {"theme": "no-such-theme"}, {"date_from": "yesterday"}, {"region": "x" * 300}],
)
def test_a_bad_filter_value_answers_400_with_a_message(client, params):
    response = client.get(map_url("en", **params))
    assert response.status_code == 400
    content = response.content.decode()
    assert "could not be understood" in content and f'<a href="#id_{next(iter(params))}">' in content
    inline_svg(response)  # the map of the valid part is still drawn
    download = client.get(map_url("en", name="partners:map-svg", **params))
    assert download.status_code == 400 and next(iter(params)) in download.content.decode()


@pytest.mark.django_db
def test_a_bad_value_keeps_the_valid_filters(client):
    response = client.get(map_url("en", theme="sport", month="2021-13"))
    assert response.status_code == 400
    assert (
        response.context["project_count"] == client.get(map_url("en", theme="sport")).context["project_count"]
    )


EVERY_FILTER = {
    "q": "Nice",
    "theme": "sport",
    "region": "provence-alpes-cote-d-azur",
    "territory": "moscou",
    "partner": "nice",
    "month": "2021-12",
    "date_from": "2021-01-01",
    "date_to": "2021-12-31",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "svg_queries", "page_queries"),
    [({}, 2, 0), ({"theme": "sport"}, 2, 0), (EVERY_FILTER, 4, 2)],
    ids=["none", "theme", "every"],
)
def test_the_map_needs_few_queries_whatever_the_filters(
    client, django_assert_num_queries, params, svg_queries, page_queries
):
    client.get(map_url("fr", **params))  # caches the small slug tables, the facets, the count and the drawing
    # Places and pairs: two queries. A territory or a partner filter is looked up in the database
    # (one query each): tables of thousands would cost more to unpickle from the cache.
    with django_assert_num_queries(svg_queries):
        assert client.get(map_url("fr", name="partners:map-svg", **params)).status_code == 200
    # The page draws its maps and tables once per selection and language (public.views.places.map_drawing).
    with django_assert_num_queries(page_queries):
        assert client.get(map_url("fr", **params)).status_code == 200


@pytest.mark.django_db
def test_nothing_unpublished_is_drawn(client):
    nice = Territory.objects.get(slug="nice")
    hidden = Territory.objects.create(
        slug="village-secret", name_fr="Village secret", country="FR", kind="city", parent=nice.parent,
        latitude=45, longitude=3,
    )  # fmt: skip
    Partner.objects.create(slug="mairie-secrete", name_fr="Mairie secrète", kind="local_authority",
                           country="FR", territory=hidden)  # fmt: skip
    project = make_project(status=LabellingStatus.LABELLED, french=("mairie-secrete",), russian=("moscou",))
    pair = project.pairs.get()
    for lang in ("fr", "en"):
        page = client.get(map_url(lang)).content.decode()
        download = client.get(map_url(lang, name="partners:map-svg")).content.decode()
        for content in (page, download):
            assert "Village secret" not in content and "village-secret" not in content
            assert pair.slug not in content
    assert str(hidden.pk) not in places_of(inline_svg(client.get(map_url("fr"))))


@pytest.mark.django_db
def test_points_and_lines_link_to_their_pages_with_titles_in_the_page_language(client):
    svg = inline_svg(client.get(map_url("ru")))
    moscow = Territory.objects.get(slug="moscou")
    with translation.override("ru"):
        url = moscow.get_absolute_url()
    link = next(a for a in svg.iter(f"{SVG}a") if a.get("href") == url)
    assert link.find(f"{SVG}title").text.startswith("Москва\u00a0— 13")
    assert "Москва" in "".join(svg.itertext())


@pytest.mark.django_db
def test_titles_count_projects_in_the_singular_and_plural(client):
    svg = inline_svg(client.get(map_url("en")))
    titles = [a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")]
    assert "Nice — 8 projects" in titles
    assert any(title.endswith(" — 1 project") for title in titles)


@pytest.mark.django_db
def test_the_map_is_labelled_for_assistive_technology(client):
    svg = inline_svg(client.get(map_url("fr")))
    assert svg.get("role") is None  # it contains links: not a single image
    title = svg.find(f"{SVG}title")
    assert svg.get("aria-labelledby") == title.get("id") and title.text
    assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby")
    assert all(a.find(f"{SVG}title") is not None for a in svg.iter(f"{SVG}a"))


@pytest.mark.django_db
def test_the_page_links_to_the_list_and_the_file_with_the_same_filters(client):
    response = client.get(map_url("en", theme="sport", page="3"))
    content = response.content.decode()
    with translation.override("en"):
        assert f'href="{reverse("events:project-list")}?theme=sport"' in content
        assert f'href="{reverse("partners:map-svg")}?theme=sport"' in content


@pytest.mark.django_db
def test_the_table_lists_the_partnerships_drawn(client):
    response = client.get(map_url("en", theme="sport"))
    content = response.content.decode()
    table = content[content.index('<caption id="pairs-caption">') : content.index("</table>")]
    assert table.count("<tr>") - 1 == len(links_of(inline_svg(response)))  # minus the header row


@pytest.mark.django_db
def test_an_empty_selection_says_so(client):
    response = client.get(map_url("en", q="zzzzzzzz"))
    assert response.status_code == 200
    assert "No project matches" in response.content.decode()


# The small maps --------------------------------------------------------------------------------------


def render_mini_map(**objects):
    arguments = " ".join(f"{name}={name}" for name in objects)
    return Template("{% load map_tags %}{% mini_map " + arguments + " %}").render(Context(objects))


@pytest.mark.django_db
def test_a_project_mini_map_uses_the_prefetched_partners(django_assert_num_queries):
    from django.db.models import Prefetch

    projects = project_selectors.with_relations(project_selectors.published_projects()).prefetch_related(
        Prefetch("pairs", queryset=PartnerPair.objects.select_related("french_partner", "russian_partner"))
    )
    project = projects.get(reference="FR-RU-2021-0014")  # Poitiers – Iaroslavl
    with translation.override("en"), django_assert_num_queries(0):
        html = render_mini_map(project=project)
    svg = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    expected = {str(p.partner.territory_id) for p in project.participations.all()}
    assert places_of(svg) == expected
    assert len(links_of(svg)) == project.pairs.count()


@pytest.mark.django_db
def test_a_territory_mini_map_reuses_the_pairs_of_the_page(django_assert_num_queries):
    from events import place_selectors as selectors

    territory = Territory.objects.get(slug="nice")
    pairs = list(selectors.pairs_around_territory(territory))
    with translation.override("fr"), django_assert_num_queries(0):
        html = render_mini_map(territory=territory, pairs=pairs)
    svg = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    placeable = [p for p in pairs if p.russian_partner.territory.kind != "country"]
    assert len(links_of(svg)) == len(placeable)
    assert str(territory.pk) in places_of(svg)


@pytest.mark.django_db
def test_a_pair_mini_map_draws_one_line(django_assert_num_queries):
    pair = PartnerPair.objects.select_related("french_partner__territory", "russian_partner__territory").get(
        slug="poitiers-iaroslavl"
    )
    with django_assert_num_queries(0):
        html = render_mini_map(pair=pair)
    svg = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    assert len(links_of(svg)) == 1 and len(places_of(svg)) == 2


@pytest.mark.django_db
def test_a_crowded_map_draws_the_busiest_partnerships_and_says_so(client, monkeypatch):
    from events import place_selectors

    monkeypatch.setattr(place_selectors, "MAP_MAX_PAIRS", 10)
    response = client.get(map_url("en"))
    svg = inline_svg(response)
    assert len(links_of(svg)) == 10
    assert "Only the 10 partnerships with the most projects are drawn" in response.content.decode()


# European Russia enlarged --------------------------------------------------------------------------


def detail_svg(response, variant):
    html = response.content.decode()
    start = html.index(
        "<svg", html.index(f'class="map-variant map-variant-{variant}"', html.index("map-detail"))
    )
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["wide", "stacked"])
def test_the_enlargement_draws_every_russian_place_west_of_the_urals_and_no_line(client, variant):
    svg = detail_svg(client.get(map_url("ru")), variant)
    european = Territory.objects.filter(pk__in=published_places(), country="RU", longitude__lt=62.5)
    assert places_of(svg) == {str(pk) for pk in european.values_list("pk", flat=True)}
    assert len(places_of(svg)) == 39
    assert links_of(svg) == []
    assert svg.find(f"{SVG}title").text == "Европейская часть России в увеличенном масштабе"
    assert svg.find(f"{SVG}g[@clip-path]") is not None


@pytest.mark.django_db
def test_the_enlargement_leaves_out_siberia_and_names_more_places(client):
    response = client.get(map_url("fr"))
    detail, whole = detail_svg(response, "wide"), inline_svg(response, "wide")
    novosibirsk = str(Territory.objects.get(slug="novossibirsk").pk)
    assert novosibirsk in places_of(whole)
    assert novosibirsk not in places_of(detail)
    names = [text.text for text in detail.iter(f"{SVG}text") if text.text]
    assert names[0] == "Russie d’Europe"
    assert "Obninsk" in names
    assert "Obninsk" not in [text.text for text in whole.iter(f"{SVG}text")]


def test_enlarged_places_stay_inside_their_panel_and_keep_their_bearings():
    moscow = Place(1, "RU", 37.6, 55.75, 3, "Moscou")
    petersburg = Place(2, "RU", 30.3, 59.94, 2, "Saint-Pétersbourg")
    novosibirsk = Place(3, "RU", 82.9, 55.0, 1, "Novossibirsk")
    drawn = build_map([moscow, petersburg, novosibirsk], [], layout=coop_map.DETAIL_WIDE).places
    assert [p.label for p in drawn] == ["Moscou", "Saint-Pétersbourg"]
    left, top, width, height = coop_map.DETAIL_WIDE.panels["RU"]
    by_name = {p.label: p for p in drawn}
    assert by_name["Saint-Pétersbourg"].x < by_name["Moscou"].x
    assert by_name["Saint-Pétersbourg"].y < by_name["Moscou"].y
    assert all(left <= p.x <= left + width and top <= p.y <= top + height for p in drawn)
    assert moscow.x == 0  # the places given are not changed: one list makes several maps


@pytest.mark.parametrize(
    "layout", [coop_map.DETAIL_WIDE, coop_map.DETAIL_STACKED], ids=lambda layout: layout.name
)
def test_the_enlargement_keeps_its_proportions_before_it_is_drawn(layout):
    """map.css renders the enlargement only near the screen (content-visibility) and gives its box the
    drawing's aspect ratio meanwhile: the ratio written there must be the layout's."""
    stylesheet = (Path(settings.BASE_DIR) / "static" / "css" / "map.css").read_text()
    assert ".map-detail .map-variant { content-visibility: auto; }" in stylesheet
    rule = f".map-detail .map-variant-{layout.variant} {{ aspect-ratio: {layout.width} / {layout.height}; }}"
    assert rule in stylesheet


# Weight of the map page -----------------------------------------------------------------------------


def test_outlines_are_whole_units_in_relative_moves():
    paths = coop_map.outline_paths(WIDE)
    assert set(paths) == {"FR", "RU"}
    for d in paths.values():
        assert re.fullmatch(r"(M\d+,\d+l-?\d+,-?\d+( -?\d+,-?\d+)*z)+", d)


def test_a_ring_of_whole_units_closes_where_it_started_and_skips_repeated_points():
    assert coop_map._ring_path([(10, 20), (13, 20), (13, 20), (13, 24), (10, 20)]) == "M10,20l3,0 0,4 -3,-4z"


@pytest.mark.django_db
def test_a_place_is_placed_once_and_takes_its_colour_from_its_country_group(client):
    svg = inline_svg(client.get(map_url("fr")))
    groups = svg.find(f"{SVG}g[@class='map-places']").findall(f"{SVG}g")
    assert [g.get("fill") for g in groups] == [coop_map.COLOURS["FR"], coop_map.COLOURS["RU"]]
    moscow = Territory.objects.get(slug="moscou")
    mark = next(a for a in svg.iter(f"{SVG}a") if a.get("data-place") == str(moscow.pk))
    x, y = coop_map.project(WIDE, "RU", moscow.longitude, moscow.latitude)
    assert mark.get("transform") == f"translate({x:g} {y:g})"
    target, ring, circle = mark.findall(f"{SVG}circle")
    assert (target.get("class"), ring.get("class"), circle.get("class")) == (
        "map-target",
        "map-french-body",
        None,
    )
    assert all(c.get("cx") is None and c.get("fill") is None for c in (target, circle))


@pytest.mark.django_db
def test_the_downloaded_svg_hides_the_pointer_targets_by_itself(client):
    download = ET.fromstring(client.get(map_url(name="partners:map-svg")).content)
    assert download.find(f"{SVG}style").text == ".map-target { fill: transparent; stroke: none; }"
