"""Where the portal departs from the published programme, readers are told: on the project page, in
the API document, the JSON export and the CSV."""

import csv
import html
import io
import re

import pytest
from django.utils import translation

from events.models import Project

pytestmark = pytest.mark.django_db


def project(ref):
    return Project.objects.get(reference=f"FR-RU-2021-{ref:04d}")


def page(client, ref, lang):
    with translation.override(lang):
        response = client.get(project(ref).get_absolute_url())
    assert response.status_code == 200
    # Non-breaking spaces are typography: the reader sees spaces.
    return re.sub(r"[\u00a0\u202f]", " ", html.unescape(response.content.decode()))


def note_section(text):
    match = re.search(
        r'<section class="notice editorial-note"[^>]*><h2[^>]*>([^<]+)</h2>(.*?)</section>', text, re.S
    )
    return (match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()) if match else None


@pytest.mark.parametrize(
    ("lang", "heading", "words"),
    [
        ("fr", "À propos de cette fiche", "Région de Nijni Novgorod"),
        ("ru", "Об этой записи", "Нижегородская область"),
        ("en", "About this entry", "Nizhny Novgorod Oblast"),
    ],
)
def test_a_project_page_says_in_its_language_where_the_entry_departs_from_the_programme(
    client, lang, heading, words
):
    shown_heading, text = note_section(page(client, 47, lang))
    assert shown_heading == heading
    assert words in text


def test_a_project_without_a_note_shows_no_note(client):
    assert note_section(page(client, 1, "en")) is None


@pytest.mark.parametrize(
    ("ref", "lang", "wording"),
    [
        (31, "en", "Date from the description: “April–May 2021”"),
        (54, "fr", "Date tirée du titre : « 21-25 septembre 2021 »"),
        (16, "ru", "Формулировка программы: «Второе полугодие: с 9 по 19 декабря 2021 года»"),
    ],
)
def test_a_date_says_where_its_wording_comes_from(client, ref, lang, wording):
    assert wording in page(client, ref, lang)


def test_the_dijon_page_shows_the_printed_2020_and_the_2021_it_is_planned_in(client):
    text = page(client, 2, "en")
    assert "Throughout 2021" in text and "Programme wording: “Throughout 2020”" in text


def test_a_national_project_says_it_has_no_french_region(client):
    assert "none: a national body" in page(client, 73, "en")


def test_the_api_and_the_csv_carry_the_notes_in_three_languages(client):
    document = client.get("/api/projects.json", {"q": "Nanterre"}).json()
    nanterre = next(p for p in document["results"] if p["reference"] == "FR-RU-2021-0047")
    assert set(nanterre["editorial_note"]) == {"fr", "ru", "en"}
    assert "Veliky Novgorod" in nanterre["editorial_note"]["en"]

    body = client.get("/api/projects.csv", {"q": "Nanterre"}).content.decode("utf-8").lstrip("\ufeff")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(body))}
    row = rows["FR-RU-2021-0047"]
    assert {f"editorial_note_{lang}" for lang in ("fr", "ru", "en")} <= set(row)
    assert "Великого Новгорода" in row["editorial_note_ru"]
    assert row["planned_source"] == "programme"


# French bodies based in Russia on the map -------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def map_svg(client, lang, **params):
    from urllib.parse import urlencode
    from xml.etree import ElementTree

    from django.urls import reverse

    with translation.override(lang):
        url = reverse("partners:map-svg")
    response = client.get(url + ("?" + urlencode(params) if params else ""))
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def ringed_places(svg):
    return {
        a.get("data-place")
        for a in svg.iter(f"{SVG}a")
        if any(c.get("class") == "map-french-body" for c in a.iter(f"{SVG}circle"))
    }


def test_the_map_rings_the_russian_places_of_french_bodies_and_its_key_says_so(client):
    from partners.models import Territory

    svg = map_svg(client, "en")
    expected = {str(Territory.objects.get(slug=slug).pk) for slug in ("moscou", "saint-petersbourg")}
    assert ringed_places(svg) == expected  # the Embassy's services and the Consulate General
    key = "".join(next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "map-legend").itertext())
    assert "French body in Russia" in key
    assert "A ring in the French colour marks a place in Russia" in svg.find(f"{SVG}desc").text


def test_a_map_without_a_french_body_in_russia_has_no_ring_and_no_such_key(client):
    svg = map_svg(client, "ru", theme="sport")
    assert ringed_places(svg) == set()
    assert "Французская организация в России" not in "".join(svg.itertext())


@pytest.mark.parametrize("layout_name", ["WIDE", "STACKED"])
def test_the_key_with_the_ring_fits_in_the_drawing(layout_name):
    from public import map as coop_map

    layout = getattr(coop_map, layout_name)
    key = coop_map.legend(layout, french_bodies=True)
    assert key["x"] >= 0 and key["x"] + key["width"] <= layout.width
    assert key["y"] >= 0 and key["y"] + key["height"] <= layout.height
    assert key["y"] < key["ring"]["y"] < key["y"] + key["height"]
