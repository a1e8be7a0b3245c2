"""The public experience of issue 17: filters described once, clean addresses, page titles, the Year
in figures, the legal pages, the widget's code, calendar years, dates and error pages."""

import csv
import io
import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from events import search, selectors
from events.models import Project
from partners.districts import DISTRICT_OF_SUBJECT
from partners.models import TOP_LEVEL_KINDS, Territory
from public.filters import Facet, ProjectFilter
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def url(name, lang="fr", *args, **params):
    with translation.override(lang):
        path = reverse(name, args=args)
    return path + ("?" + urlencode(params) if params else "")


def page_title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


# Filters: one description, clean addresses, titles


def test_the_form_draws_every_filter_of_the_filterset_in_its_order(client):
    response = client.get(url("events:project-list"))
    drawn = [c["name"] for group in response.context["controls"] for c in group["controls"]]
    expected = [name for name in ProjectFilter.base_filters if name != "sort"]
    assert drawn == expected
    html = response.content.decode()
    for name in ("q", "theme", "region", "territory", "partner", "month", "date_from", "date_to"):
        assert f'name="{name}" id="id_{name}"' in html


def test_every_facet_of_the_filterset_gets_its_counts(client):
    response = client.get(url("events:project-list"))
    facets = [name for name, f in ProjectFilter.base_filters.items() if isinstance(f, Facet)]
    expected = ["theme", "region", "territory", "partner", "event_status"]
    assert list(response.context["facets"]) == facets == expected


def test_empty_parameters_are_dropped_by_a_redirect(client):
    response = client.get(url("events:project-list", q="", theme="sport", region="", month=""))
    assert response.status_code == 302
    assert response["Location"] == url("events:project-list", theme="sport")


def test_a_query_string_of_empty_parameters_only_redirects_to_the_bare_page(client):
    response = client.get(url("events:project-list", "en", q="", region=""))
    assert response["Location"] == url("events:project-list", "en")


def test_the_list_title_says_the_search_the_filters_and_the_page(client):
    response = client.get(url("events:project-list", "fr", theme="culture-education", page=2))
    assert (
        page_title(response)
        == "Thème\u00a0: Coopération culturelle et éducative – Programme – page 2 · FR–RU 2021"
    )
    response = client.get(url("events:project-list", "ru", q="кружево", region="normandie"))
    assert page_title(response) == "«кружево» · Регион Франции: Нормандия – Программа · RU–FR 2021"
    assert page_title(client.get(url("events:project-list", "en"))) == "Programme · FR–RU 2021"


def test_the_chips_name_each_filter_in_words_and_remove_it(client):
    response = client.get(url("events:project-list", "en", theme="sport", month="2021-09"))
    chips = {
        chip["name"]: (chip["label"], chip["value"], chip["remove_query"])
        for chip in response.context["active_filters"]
    }
    assert chips == {
        "theme": ("Theme", "Sport", "month=2021-09"),
        "month": ("Month", "September 2021", "theme=sport"),
    }


def test_the_filter_toggle_counts_the_active_filters(client):
    html = client.get(url("events:project-list", "en", theme="sport", region="bretagne")).content.decode()
    assert re.search(
        r'<summary class="filters-toggle">Filter <span class="filters-count">\(2\)</span></summary>', html
    )


def test_sorting_sits_above_the_results_and_keeps_the_selection(client):
    html = client.get(url("events:project-list", "en", theme="culture-education")).content.decode()
    assert html.index('id="results-title"') < html.index('id="id_sort"') < html.index('class="project-card"')
    assert '<input type="hidden" name="theme" value="culture-education">' in html


# Titles, breadcrumbs, places, dates, error pages


def test_a_project_tab_title_names_its_partners():
    project = Project.objects.get(reference="FR-RU-2021-0009")
    from django.test import Client

    with translation.override("fr"):
        response = Client().get(project.get_absolute_url())
    assert (
        page_title(response)
        == "Regards croisés · Ville de Poissy, Département des Yvelines ↔ Ville de Kalouga · FR–RU 2021"
    )


def test_a_partner_named_after_its_town_is_not_named_twice_in_the_breadcrumbs(client):
    html = client.get(url("partners:partner-detail", "fr", "nice")).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|li)>", crumbs) == ["Accueil", "Provence-Alpes-Côte d’Azur", "Nice"]


def test_a_place_already_in_a_partner_name_is_not_repeated():
    project = Project.objects.get(reference="FR-RU-2021-0003")
    from django.test import Client

    with translation.override("fr"):
        html = Client().get(project.get_absolute_url()).content.decode()
    assert "Douarnenez (Finistère)</a> <span" not in html
    assert "(Douarnenez)" not in html


def test_english_dates_are_written_day_month_year(client):
    project = Project.objects.get(reference="FR-RU-2021-0009")
    with translation.override("en"):
        html = client.get(project.get_absolute_url()).content.decode()
    assert "<dd>19 March 2021</dd>" in html


@pytest.mark.parametrize(("lang", "word"), [("fr", "Erreur"), ("ru", "Ошибка"), ("en", "Error")])
def test_error_page_titles_say_error(client, lang, word):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert page_title(response).startswith(f"{word} 404 · ")


def test_the_programme_link_is_marked_current_on_a_project_page(client):
    project = Project.objects.get(reference="FR-RU-2021-0009")
    with translation.override("en"):
        html = client.get(project.get_absolute_url()).content.decode()
    assert f'<a href="{url("events:project-list", "en")}" aria-current="true">Programme</a>' in html


# Calendar


def test_the_calendar_links_only_to_years_with_projects(client):
    html = client.get(url("events:calendar", "en")).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' not in html  # the whole programme is in 2021
    make_project(title="Rencontre de 2023", status="published", start=date(2023, 5, 1), end=date(2023, 5, 2))
    html = client.get(url("events:calendar", "en")).content.decode()
    assert 'href="?year=2023" rel="next"' in html  # 2022 has nothing: the arrow jumps over it
    later = client.get(url("events:calendar", "en", year=2023)).content.decode()
    assert 'href="?year=2021" rel="prev"' in later and 'rel="next"' not in later


# The Year in figures


def test_the_figures_page_answers_in_three_languages_with_its_address(client):
    for lang, path in (("fr", "/fr/bilan/"), ("ru", "/ru/itogi/"), ("en", "/en/figures/")):
        assert url("events:figures", lang) == path
        response = client.get(path)
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1


def test_the_key_figures_count_the_published_programme(client):
    figures = client.get(url("events:figures", "en")).context["figures"]
    published = selectors.published_projects()
    assert figures["projects"] == published.count() == 73
    assert figures["french_regions"] == 12
    assert figures["russian_subjects"] == 30


def test_the_figures_follow_the_list_filters(client):
    response = client.get(url("events:figures", "en", theme="sport"))
    assert response.context["figures"]["projects"] == 3
    themes = next(c for c in response.context["charts"] if c.slug == "themes")
    assert [(bar.label, bar.value) for bar in themes.bars] == [("Sport", 3)]


def test_each_chart_is_an_accessible_svg_with_its_table_and_csv(client):
    html = client.get(url("events:figures", "en")).content.decode()
    charts = ("themes", "regions", "districts", "subjects", "months", "twinnings", "partners")
    for slug in charts:
        assert f'role="img" aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in html
        assert f'href="{url("events:figures-csv", "en", slug)}" download' in html
    assert html.count("<table>") == len(charts)


def test_a_chart_downloads_as_csv_with_the_same_numbers(client):
    response = client.get(url("events:figures-csv", "en", "themes", region="bretagne"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="themes.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Theme", "Projects"]
    total = sum(int(n) for _label, n in rows[1:])
    assert total >= 2 and all(int(n) > 0 for _label, n in rows[1:])


def test_an_unknown_chart_is_not_found_and_a_bad_filter_is_explained(client):
    assert client.get(url("events:figures-csv", "en", "nope")).status_code == 404
    response = client.get(url("events:figures-csv", "en", "themes", month="2021-13"))
    assert response.status_code == 400 and response.content.decode().startswith("month: ")


def test_svg_numbers_are_never_written_with_a_decimal_comma(client):
    html = client.get(url("events:figures", "fr")).content.decode()
    svg = html[html.index('<svg class="chart-svg"') :]
    assert not re.search(r'(?:width|x|y)="\d+,\d', svg)


def test_every_russian_subject_of_the_programme_has_its_federal_district():
    subjects = Territory.objects.filter(country="RU", kind__in=TOP_LEVEL_KINDS)
    assert {t.slug for t in subjects} <= set(DISTRICT_OF_SUBJECT)


def test_the_federal_districts_count_each_project_once():
    districts = dict(
        selectors.projects_by_federal_district(
            selectors.published_projects(),
            list(Territory.objects.filter(country="RU", kind__in=TOP_LEVEL_KINDS)),
        )
    )
    assert districts["central"] == 28
    assert "" not in districts


def test_the_figures_page_queries(client, django_assert_num_queries):
    client.get(url("events:figures", "en"))  # warms the cached counts and slug tables
    with django_assert_num_queries(6):
        client.get(url("events:figures", "en"))
    cache.clear()
    with django_assert_num_queries(10):
        client.get(url("events:figures", "en"))


# Legal pages and the widget's code


ABOUT = (
    "about:legal-notice",
    "about:accessibility",
    "about:personal-data",
    "about:contact",
    "about:organisers",
)


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
@pytest.mark.parametrize("name", ABOUT)
def test_each_legal_page_answers_in_each_language(client, name, lang, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url(name, lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and f'<html lang="{lang}">' in html


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_every_page_footer_links_to_the_legal_pages(client, lang):
    html = client.get(url("events:project-list", lang)).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for name in ABOUT:
        assert f'href="{url(name, lang)}"' in footer


def test_the_accessibility_link_says_the_conformity_status(client):
    html = client.get(url("home", "fr")).content.decode()
    assert "Accessibilité\u00a0: non conforme" in html


def test_operator_details_left_at_their_default_are_marked(client, settings):
    settings.LEGAL = {**settings.LEGAL_DEFAULTS, "HOST_NAME": "Hébergeur Exemple SAS"}
    settings.LEGAL_TO_CONFIRM = [name for name in settings.LEGAL_DEFAULTS if name != "HOST_NAME"]
    html = client.get(url("about:legal-notice", "en")).content.decode()
    assert "Hébergeur Exemple SAS" in html
    assert "Hébergeur Exemple SAS <mark" not in html
    assert "to be completed by the operator (<code>HOST_ADDRESS</code>)" in html
    assert "default value, to be confirmed by the operator (<code>PUBLISHER_NAME</code>)" in html


def test_the_accessibility_statement_gives_the_recourse(client):
    html = client.get(url("about:accessibility", "fr")).content.decode()
    assert "non conforme" in html and "Défenseur des droits" in html and "Libre réponse 71120" in html


def test_the_widget_page_gives_the_code_of_the_selection_and_previews_it(client, django_assert_num_queries):
    client.get(url("about:widget-code", "en", theme="sport"))  # the facet counts are cached
    with django_assert_num_queries(0):
        response = client.get(url("about:widget-code", "en", theme="sport"))
    html = response.content.decode()
    embed = url("events:embed", "en", theme="sport")
    assert f'&lt;iframe src="http://localhost{embed}"' in html
    assert f'<iframe class="widget-preview" src="{embed}"' in html


# Search precision (docs/search-quality.md)


def _found(query):
    return set(selectors.matching(selectors.published_projects(), query).values_list("title_fr", flat=True))


def test_a_short_russian_word_does_not_find_french_words_spelt_alike():
    # "лес" (forest) written in Latin letters is "les", in nearly every French description.
    assert _found("лес") == set()


def test_a_short_stem_finds_the_word_with_its_endings_but_not_longer_words():
    make_project(title="Exposition A", status="published", description="Новая выставка в музее")
    make_project(title="Rencontre B", status="published", description="Встреча в Великом Новгороде")
    found = _found("новый")
    assert "Exposition A" in found and "Rencontre B" not in found


def test_stop_words_are_left_out_when_the_query_has_other_words():
    assert _found("les musées") == _found("musées") != set()
    assert _found("the festival") == _found("festival") != set()
    assert search.query_words("и") == ["и"]  # alone, a stop word is still searched


def test_place_names_are_still_found_across_scripts():
    assert _found("Ярославль") == _found("Iaroslavl") == _found("Yaroslavl") != set()


def test_the_home_search_comes_right_under_the_title(client):
    html = client.get(url("home", "ru")).content.decode()
    assert html.index('id="hero-title"') < html.index('id="home-q"') < html.index('class="lede"')
