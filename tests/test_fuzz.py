"""Hypothesis throws arbitrary values at every public parameter and path segment: never a 5xx."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMETERS = [
    "q",
    "theme",
    "region",
    "territory",
    "partner",
    "month",
    "quarter",
    "date_from",
    "date_to",
    "sort",
    "page",
    "page_size",
    "lang",
    "year",
]
LIST_PATHS = [
    "/fr/projets/",
    "/ru/proekty/",
    "/en/projects/",
    "/fr/calendrier/",
    "/en/embed/",
    "/ru/",
    "/api/projects.json",
    "/api/projects.csv",
    "/api/projects.ics",
    "/fr/themes/sport/",
    "/en/territories/occitanie/",
]
DETAIL_PATHS = [
    "/fr/projets/{}/",
    "/ru/temy/{}/",
    "/en/territories/{}/",
    "/fr/partenaires/{}/",
    "/en/pairs/{}/",
    "/fr/flux/themes/{}/",
    "/{}/projets/",
    "/p/{}/",
    "/api/projects/{}.ics",
]

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
values = st.one_of(
    text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["2021-12", "2021-Q3", "2021-02-30", "0000-00", "sport", "", "-title", "9" * 40]),
)
no_health_checks = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@no_health_checks
@given(
    path=st.sampled_from(LIST_PATHS), params=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=5)
)
def test_query_parameters_never_cause_a_server_error(client, path, params):
    response = client.get(path + "?" + urlencode(params))
    assert response.status_code < 500, (path, params)


@no_health_checks
@given(template=st.sampled_from(DETAIL_PATHS), segment=text)
def test_path_segments_never_cause_a_server_error(client, template, segment):
    response = client.get(template.format(quote(segment, safe="")))
    assert response.status_code < 500, (template, segment)
