"""Press and reuse: permanent links, share previews, API, CSV, iCal, feeds, sitemap, embed."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Project
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def fr_url(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


@pytest.fixture
def secret():
    """An unpublished project that would show up everywhere if the published-only rule leaked."""
    return make_project(title="Projet secret zanzibar", status="labelled", slug="projet-secret-zanzibar")


# Permanent links


def test_short_link_sends_each_reader_to_the_page_in_their_language(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    response = client.get(f"/p/{project.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    with translation.override("ru"):
        assert response["Location"] == project.get_absolute_url()


def test_renamed_project_old_addresses_redirect_permanently_in_every_language(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    old = {lang: _url_in(project, lang) for lang in ("fr", "ru", "en")}
    project.slug = "poitiers-iaroslavl-50-ans"
    project.save()
    project.slug = "poitiers-iaroslavl-jumelage"  # renamed twice: no redirect chain
    project.save()
    for lang, path in old.items():
        response = client.get(path)
        assert response.status_code == 301, lang
        assert response["Location"] == _url_in(project, lang)
        assert client.get(response["Location"]).status_code == 200


def test_old_address_with_tracking_parameters_follows_its_redirect_without_them(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    old = _url_in(project, "fr")
    project.slug = "poitiers-iaroslavl-jumelage"
    project.save()
    response = client.get(old + "?utm_source=newsletter&utm_medium=email&fbclid=IwAR0abc")
    assert response.status_code == 301
    assert response["Location"] == _url_in(project, "fr")


def test_old_address_keeps_the_parameters_that_mean_something(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    old = _url_in(project, "en")
    project.slug = "poitiers-iaroslavl-jumelage"
    project.save()
    response = client.get(old + "?gclid=x&lang=ru")
    assert response.status_code == 301
    assert response["Location"] == _url_in(project, "en") + "?lang=ru"


def test_unknown_address_with_a_query_string_is_still_not_found(client):
    assert client.get("/fr/projets/nexiste-pas/?utm_source=x").status_code == 404


def _url_in(obj, lang):
    with translation.override(lang):
        return obj.get_absolute_url()


def test_renamed_territory_redirects(client):
    from partners.models import Territory

    territory = Territory.objects.get(slug="bretagne")
    old = _url_in(territory, "en")
    territory.slug = "region-bretagne"
    territory.save()
    assert client.get(old)["Location"] == _url_in(territory, "en")


def test_withdrawn_project_answers_410_gone(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    committee = make_staff("committee", "Labelling committee")
    services.withdraw_project(project=project, user=committee, reason="Annulé par la ville")
    response = client.get(project.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert project.title_fr in html
    assert client.get(f"/p/{project.pk}/").status_code == 302


def test_unpublished_project_has_no_short_link(client, secret):
    assert client.get(f"/p/{secret.pk}/").status_code == 404


# Share previews


def test_project_page_has_share_tags_and_json_ld(client):
    project = Project.objects.get(reference="FR-RU-2021-0016")
    with translation.override("en"):
        html = client.get(project.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{project.title_en}">' in html
    assert 'property="og:image" content="http://localhost/static/img/share/partnerships-twinning.png"' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2021-12-09", "2021-12-19")
    assert {o["name"] for o in data["organizer"]} == {"Bordeaux", "Bordeaux Métropole", "Saint Petersburg"}


def test_project_page_offers_short_link_and_citation(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override("ru"):
        html = client.get(project.get_absolute_url()).content.decode()
    assert f"http://localhost/p/{project.pk}/" in html
    assert "Пуатье – Ярославль" in html  # the citation, in the page's language


# JSON API


def test_api_serves_the_export_document_with_pagination(client):
    response = client.get("/api/projects.json", {"page_size": 10})
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["count"] == 73 and len(data["results"]) == 10
    assert data["previous"] is None and "page=2" in data["next"]
    assert set(data["results"][0]["title"]) == {"fr", "ru", "en"}
    last = client.get("/api/projects.json", {"page_size": 10, "page": 8}).json()
    assert len(last["results"]) == 3 and last["next"] is None


def test_api_takes_the_list_filters_including_search(client):
    data = client.get("/api/projects.json", {"q": "кружево"}).json()
    assert [p["reference"] for p in data["results"]] == ["FR-RU-2021-0007"]
    data = client.get("/api/projects.json", {"theme": "sport", "region": "pays-de-la-loire"}).json()
    assert data["count"] == 1


@pytest.mark.parametrize(
    "params", [{"theme": "nope"}, {"page": "x"}, {"page_size": "1000"}, {"month": "2021-99"}]
)
def test_api_rejects_bad_parameters_with_400_json(client, params):
    response = client.get("/api/projects.json", params)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_api_page_beyond_the_end_is_404(client):
    assert client.get("/api/projects.json", {"page": 99}).status_code == 404


def test_api_supports_conditional_get(client):
    response = client.get("/api/projects.json")
    again = client.get("/api/projects.json", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_api_refuses_other_methods(client):
    assert client.post("/api/projects.json").status_code == 405


def test_themes_and_territories_api(client):
    themes = client.get("/api/themes.json").json()
    assert themes["count"] == 6 and themes["results"][0]["name"]["ru"] == "Партнёрства и побратимство"
    territories = client.get("/api/territories.json").json()
    yaroslavl = next(t for t in territories["results"] if t["slug"] == "iaroslavl")
    assert yaroslavl["name"]["ru"] == "Ярославль" and yaroslavl["parent"] == "oblast-iaroslavl"


# CSV and iCalendar


def test_csv_has_a_bom_and_one_column_per_language(client):
    response = client.get("/api/projects.csv", {"theme": "sport"})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 3
    assert {"title_fr", "title_ru", "title_en", "planned_start"} <= set(rows[0])
    equestrian = next(r for r in rows if r["reference"] == "FR-RU-2021-0071")
    assert (
        equestrian["planned_start"] == "2021-04-01" and "Санкт-Петербург" in equestrian["russian_partners_ru"]
    )


def test_ical_is_valid_and_uses_all_day_events_over_the_interval(client):
    response = client.get("/api/projects.ics", {"region": "nouvelle-aquitaine", "lang": "en"})
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    week = (
        events["France–Russia Week"]
        if "France–Russia Week" in events
        else next(e for e in events.values() if e.decoded("dtstart").isoformat() == "2021-12-09")
    )
    assert week.decoded("dtstart").isoformat() == "2021-12-09"
    assert week.decoded("dtend").isoformat() == "2021-12-20"  # exclusive end of an all-day event
    fuzzy = next(e for e in calendar.walk("VEVENT") if e.decoded("dtstart").isoformat() == "2021-07-01")
    assert fuzzy.decoded("dtend").isoformat() == "2022-01-01"
    assert "exact dates are not known" in str(fuzzy["description"])


def test_ical_of_one_project(client):
    project = Project.objects.get(reference="FR-RU-2021-0033")
    calendar = icalendar.Calendar.from_ical(client.get(f"/api/projects/{project.pk}.ics").content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2021-05-11"


# Feeds, sitemap, robots, embed


def test_atom_feed_lists_published_projects_newest_first(client, secret):
    feed = feedparser.parse(client.get(fr_url("events:feed")).content)
    assert not feed.bozo and feed.version == "atom10"
    assert len(feed.entries) == 50
    assert all("zanzibar" not in e.title for e in feed.entries)


def test_theme_and_territory_feeds_in_each_language(client):
    with translation.override("ru"):
        feed = feedparser.parse(client.get(reverse("events:theme-feed", args=["sport"])).content)
    assert len(feed.entries) == 3 and "Спорт" in feed.feed.title
    with translation.override("en"):
        feed = feedparser.parse(client.get(reverse("events:territory-feed", args=["occitanie"])).content)
    assert len(feed.entries) == 5


def test_sitemap_lists_every_public_page_in_three_languages(client, secret):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert any(url.endswith("/sitemap-projects.xml") for url in sections)
    locations, root = [], None
    for url in sections:
        root = ET.fromstring(client.get(url.removeprefix("http://127.0.0.1:8000")).content)
        locations += [loc.text for loc in root.findall("s:url/s:loc", ns)]
    project = Project.objects.get(reference="FR-RU-2021-0014")
    for lang in ("fr", "ru", "en"):
        assert any(loc.endswith(_url_in(project, lang)) for loc in locations)
    assert not any("zanzibar" in loc for loc in locations)
    projects = ET.fromstring(client.get("/sitemap-projects.xml").content)
    assert projects.find("s:url/x:link[@hreflang='ru']", ns) is not None


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in body and "Disallow: /admin/" in body


def test_embed_is_framable_and_filtered(client, secret):
    response = client.get(fr_url("events:embed"), {"theme": "sport"})
    assert "X-Frame-Options" not in response
    assert response.content.decode().count("<li>") == 3


def test_nothing_unpublished_reaches_any_reuse_format(client, secret):
    for url in [
        "/api/projects.json?page_size=100",
        "/api/projects.csv",
        "/api/projects.ics",
        "/sitemap.xml",
        fr_url("events:feed"),
        fr_url("events:embed") + "?q=zanzibar",
        fr_url("events:theme-feed", "sport"),
        "/api/projects.json?q=zanzibar",
    ]:
        assert "projet secret zanzibar" not in client.get(url).content.decode().lower(), url
    assert client.get(f"/api/projects/{secret.pk}.ics").status_code == 404
