import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from events.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def list_url(lang="fr", **params):
    with translation.override(lang):
        url = reverse("events:project-list")
    from urllib.parse import urlencode

    return url + ("?" + urlencode(params) if params else "")


def result_count(response):
    match = re.search(r'id="results-title"[^>]*>\s*(\d+)', response.content.decode())
    return int(match.group(1))


def listed(response) -> list[Project]:
    """The projects of a list page, in its order: the page holds their ids, public.cards draws them."""
    ids = response.context["page_obj"].object_list
    found = Project.objects.in_bulk(ids)
    return [found[pk] for pk in ids]


def titles(response):
    return re.findall(r'class="project-card-title"><a href="[^"]+">([^<]+)<', response.content.decode())


@pytest.mark.parametrize(
    "query", ["Ярославль", "Iaroslavl", "Yaroslavl", "iaroslavl", "IAROSLAVL", "ярославль"]
)
def test_yaroslavl_is_found_in_every_script_and_spelling(client, query):
    response = client.get(list_url(q=query))
    assert response.status_code == 200
    refs = {p.reference for p in listed(response)}
    assert "FR-RU-2021-0014" in refs  # Poitiers – Iaroslavl


@pytest.mark.parametrize("query", ["dentelle", "lace", "кружево", "Dentelle", "КРУЖЕВА"])
def test_the_lace_project_is_found_in_three_languages(client, query):
    response = client.get(list_url(q=query))
    refs = [p.reference for p in listed(response)]
    assert refs == ["FR-RU-2021-0007"]


@pytest.mark.parametrize(
    "query", ["Nijni Novgorod", "Nizhny Novgorod", "Нижний Новгород", "evreux", "Évreux", "Эврё"]
)
def test_place_names_match_across_languages_and_accents(client, query):
    assert result_count(client.get(list_url(q=query))) >= 1


def test_search_ranks_title_matches_first(client):
    response = client.get(list_url(q="Kashira"))
    first = listed(response)[0]
    assert "Kashira" in first.title_fr


def test_every_theme_filter_counts_its_projects(client):
    expected = {
        "partnerships-twinning": 22,
        "university-research": 11,
        "culture-education": 24,
        "economy-tourism": 9,
        "environment": 7,
        "sport": 3,
    }
    for slug, count in expected.items():
        assert result_count(client.get(list_url(theme=slug))) == count, slug


def test_region_filter(client):
    response = client.get(list_url(region="bretagne"))
    assert {p.reference for p in listed(response)} == {
        "FR-RU-2021-0003",
        "FR-RU-2021-0024",
    }


def test_russian_territory_filter_includes_cities_of_a_federal_subject(client):
    # Samara Oblast: the region itself (Grand Est, Angers) and the city of Samara (Toulouse).
    response = client.get(list_url(territory="oblast-samara"))
    assert {p.reference for p in listed(response)} == {
        "FR-RU-2021-0006",
        "FR-RU-2021-0018",
        "FR-RU-2021-0029",
    }


def test_filters_combine(client):
    response = client.get(list_url(theme="environment", region="normandie"))
    assert [p.reference for p in listed(response)] == ["FR-RU-2021-0011"]


def test_partner_filter(client):
    assert result_count(client.get(list_url(partner="nice"))) == 8


def test_a_month_finds_dated_projects_and_fuzzy_ones_that_overlap_it(client):
    refs = {p.reference for p in client.get(list_url(month="2021-12")).context["filter"].qs}
    assert "FR-RU-2021-0016" in refs  # 9–19 December
    assert "FR-RU-2021-0003" in refs  # second half of the year
    assert "FR-RU-2021-0005" in refs  # throughout 2021
    assert "FR-RU-2021-0033" not in refs  # 11–15 May
    assert "FR-RU-2021-0001" not in refs  # no date


def test_a_quarter_and_a_date_range_filter_by_overlap(client):
    q3 = {p.reference for p in client.get(list_url(quarter="2021-Q3")).context["filter"].qs}
    assert {"FR-RU-2021-0019", "FR-RU-2021-0054"} <= q3 and "FR-RU-2021-0071" not in q3
    may = {
        p.reference
        for p in client.get(list_url(date_from="2021-05-12", date_to="2021-05-13")).context["filter"].qs
    }
    assert "FR-RU-2021-0033" in may and "FR-RU-2021-0068" not in may


def test_facets_count_for_the_other_active_filters(client):
    response = client.get(list_url(region="normandie"))
    themes = {t.slug: t.n for t in response.context["facets"]["theme"]}
    assert themes["partnerships-twinning"] == 3 and themes["environment"] == 1
    regions = {r.slug: r.n for r in response.context["facets"]["region"]}
    assert regions["bretagne"] == 2  # the region facet ignores the region filter itself


def test_facet_counts_are_cached_and_follow_a_publish(client, django_assert_num_queries):
    def sport_count():
        return {t.slug: t.n for t in client.get(list_url()).context["facets"]["theme"]}["sport"]

    before = sport_count()
    with django_assert_num_queries(0):  # the count, the page's ids and cards, the facets: all cached
        client.get(list_url())
    make_project(title="Nouveau tournoi", status="published", themes=("sport",))
    assert sport_count() == before + 1


def test_a_selected_option_without_projects_stays_selected(client):
    response = client.get(list_url(q="iaroslavl", region="bretagne"))
    assert result_count(response) == 0
    assert "bretagne" not in {r.slug for r in response.context["facets"]["region"]}
    assert '<option value="bretagne" selected>' in response.content.decode()


def test_active_filters_can_be_removed_one_by_one(client):
    response = client.get(list_url(theme="sport", region="pays-de-la-loire"))
    chips = {chip["name"]: chip["remove_query"] for chip in response.context["active_filters"]}
    assert chips["theme"] == "region=pays-de-la-loire"
    assert chips["region"] == "theme=sport"


def test_pagination_keeps_the_filters(client):
    response = client.get(list_url(theme="culture-education"))
    assert 'href="?theme=culture-education&amp;page=2"' in response.content.decode()
    page2 = client.get(list_url(theme="culture-education", page=2))
    assert len(page2.context["page_obj"].object_list) == 4


def test_sorting_by_title(client):
    response = client.get(list_url(sort="title"))
    names = [p.title_fr for p in listed(response)]
    assert len(names) == 20
    assert names == sorted(names, key=str.casefold)
    assert names[3] == "Action de sensibilisation à la transition écologique"
    assert names[-1] == "Coopération universitaire dans le domaine de l’environnement"


def test_language_switcher_keeps_the_page_and_its_filters(client):
    response = client.get(list_url("fr", theme="sport", q="lutte"))
    alternates = {a["code"]: a["url"] for a in response.context["language_alternates"]}
    with translation.override("ru"):
        ru_path = reverse("events:project-list")
    assert alternates["ru"] == f"{ru_path}?theme=sport&q=lutte"
    assert client.get(alternates["ru"]).status_code == 200


def test_pages_declare_language_alternates_and_canonical(client):
    html = client.get(list_url("en")).content.decode()
    assert '<html lang="en">' in html
    assert 'rel="canonical"' in html
    assert html.count('rel="alternate" hreflang=') == 4  # fr, ru, en and x-default


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "nope"},
        {"region": "atlantis"},
        {"territory": "<script>"},
        {"month": "2021-13"},
        {"month": "december"},
        {"quarter": "2021-Q9"},
        {"date_from": "2021-02-30"},
        {"date_to": "99999-01-01"},
        {"page": "abc"},
        {"sort": "price"},
        {"partner": "%00"},
    ],
)
def test_bad_parameters_answer_400_with_a_message_not_500(client, params):
    response = client.get(list_url(**params))
    assert response.status_code == 400
    html = response.content.decode()
    # A summary at the top of the page, before the filters and the results, says what was ignored.
    assert (
        html.index('class="error-summary"') < html.index('class="filters-panel"') < html.index('id="results"')
    )


def test_a_page_beyond_the_end_is_404(client):
    assert client.get(list_url(page=999999)).status_code == 404


@pytest.mark.parametrize(
    "query", ["x" * 10_000, "\u0000", "😀🇫🇷", "%", "_", "' OR 1=1 --", "\u202e", "ё" * 300]
)
def test_odd_queries_never_fail(client, query):
    assert client.get(list_url(q=query)).status_code in (200, 400)


def test_unpublished_projects_are_in_no_public_listing(client):
    make_project(title="Projet secret zanzibar", status="labelled")
    assert result_count(client.get(list_url())) == 73
    assert result_count(client.get(list_url(q="zanzibar"))) == 0
    assert result_count(client.get(list_url(theme="sport"))) == 3


def test_an_unpublished_project_page_is_404(client):
    project = make_project(title="Projet secret zanzibar", status="labelled")
    assert client.get(project.get_absolute_url()).status_code == 404


def test_project_page_shows_partners_period_and_related(client):
    project = Project.objects.get(reference="FR-RU-2021-0016")
    with translation.override("en"):
        response = client.get(project.get_absolute_url())
    html = response.content.decode()
    assert "9–19 December 2021" in html
    assert "Saint Petersburg" in html
    assert response.context["related"]


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
def test_each_page_type_has_exactly_one_h1(client, lang):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    with translation.override(lang):
        urls = [
            reverse("home"),
            reverse("events:project-list"),
            project.get_absolute_url(),
            reverse("events:theme-detail", args=["sport"]),
            reverse("events:calendar"),
            reverse("partners:territory-detail", args=["nouvelle-aquitaine"]),
            reverse("partners:partner-detail", args=["poitiers"]),
            reverse("partners:pair-detail", args=["poitiers-iaroslavl"]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url


def test_calendar_puts_dated_projects_in_their_month_and_fuzzy_ones_in_bands(client):
    response = client.get(reverse("events:calendar"))
    december = response.context["months"][11]["projects"]
    assert {p.reference for p in december} >= {"FR-RU-2021-0016", "FR-RU-2021-0004", "FR-RU-2021-0069"}
    second_half = response.context["halves"][1]
    assert second_half["count"] == 13 and len(second_half["projects"]) == 13
    assert "FR-RU-2021-0003" in {p.reference for p in second_half["projects"]}


def test_a_crowded_calendar_shows_the_first_projects_of_each_slot_and_links_to_the_rest(
    client, many_projects
):
    response = client.get(reverse("events:calendar"))
    december = response.context["months"][11]
    assert len(december["projects"]) == 15 and december["more"] == december["count"] - 15 > 0
    more = december["count"] - 15
    assert f"et {more} autres projets datés" in response.content.decode()  # the default language


@pytest.mark.parametrize("year", ["abc", "-1", "99999999999999999999", "1800"])
def test_calendar_rejects_a_bad_year_with_400_and_says_why(client, year):
    with translation.override("en"):
        url = reverse("events:calendar")
    response = client.get(url, {"year": year})
    assert response.status_code == 400
    assert "The year must be a number between 2000 and 2100." in response.content.decode()


def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").headers["Location"] == "/fr/"


@pytest.fixture
def many_projects():
    """A few hundred more published projects: enough to show the query count does not follow the data."""
    return [make_project(title=f"Projet publié {n}", status="published", slug=f"p-{n}") for n in range(300)]


def test_list_queries_do_not_grow_with_page_size_or_filters(
    client, django_assert_num_queries, settings, many_projects
):
    settings.PROJECTS_PER_PAGE = 100
    filtered = list_url(
        theme="sport",
        region="provence-alpes-cote-d-azur",
        territory="moscou",
        q="nice",
        month="2021-12",
        partner="nice",
        page=1,
    )
    # After a content change the cache is empty: the reference tables and the facet counts are
    # computed once (a fixed number of queries whatever the data), then come from the cache. The
    # filtered page looks up its territory and partner, and counts its results.
    for url, cold, warm in ((list_url(), 10, 0), (filtered, 15, 2)):
        cache.clear()
        with django_assert_num_queries(cold):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(warm):
            assert client.get(url).status_code == 200


# Each page's queries with an empty cache (as after a content change), then with the reference tables
# and counts cached: the same whatever the amount of data (`many_projects`).
PAGE_QUERIES = [
    (("home", ()), 9, 0),
    (("events:calendar", ()), 6, 6),
    (("events:theme-detail", ("sport",)), 10, 1),
    (("partners:territory-detail", ("moscou",)), 7, 7),
    (("partners:partner-detail", ("nice",)), 5, 5),
    (("partners:pair-detail", ("nice-moscou",)), 4, 4),
    ((None, ()), 9, 5),  # the page of a project with ten partners, and its change notes
]


@pytest.mark.parametrize(("page", "cold", "warm"), PAGE_QUERIES, ids=[str(p[0][0]) for p in PAGE_QUERIES])
def test_pages_have_a_constant_number_of_queries(
    client, django_assert_num_queries, many_projects, page, cold, warm
):
    name, args = page
    with translation.override("fr"):
        if name is None:
            url = Project.objects.get(reference="FR-RU-2021-0071").get_absolute_url()
        else:
            url = reverse(name, args=args)
    cache.clear()
    with django_assert_num_queries(cold):
        assert client.get(url).status_code == 200, url
    with django_assert_num_queries(warm):
        assert client.get(url).status_code == 200, url


def test_the_partner_menu_shows_the_busiest_partners_and_always_the_selected_one(client):
    everything = client.get(list_url())
    partners = everything.context["facets"]["partner"]
    assert len(partners) == 100 and "nice" in {p.slug for p in partners}
    assert "ccifr" not in {p.slug for p in partners}  # one project, entered last
    quiet = client.get(list_url(partner="ccifr"))
    assert "ccifr" in {p.slug for p in quiet.context["facets"]["partner"]}
    assert '<option value="ccifr" selected>' in quiet.content.decode()
