"""The selectors that decide what public pages show, tested on their own."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User

from events import place_selectors, selectors
from events.models import LabellingStatus, Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_related_projects_share_a_partner_first_then_the_region_then_a_theme():
    project = Project.objects.get(title_fr="Partenariats équestres")  # Saumur, Saint Petersburg…
    same_partner = make_project(
        title="Même partenaire", status=LabellingStatus.PUBLISHED, french=("saumur",), russian=("moscou",)
    )
    make_project(title="Pas publié", french=("saumur",), russian=("moscou",))

    ids = selectors.related_project_ids(project, limit=6)

    # Every one shares a partner (Saint Petersburg or Saumur), in programme order, undated last.
    related = Project.objects.in_bulk(ids)
    assert [(related[pk].title_fr[:24], related[pk].planned_start) for pk in ids] == [
        ("Ville de Nice (préside l", date(2021, 1, 1)),
        (same_partner.title_fr, date(2021, 12, 1)),
        ("Semaine France-Russie", date(2021, 12, 9)),
        ("Signature de l’accord de", None),
        ("Forum culturel internati", None),
        ("Echanges", None),
    ]


def test_calendar_slots_put_dated_projects_in_each_month_and_fuzzy_ones_in_their_band():
    spanning = make_project(
        title="Trois mois", start=date(2021, 3, 5), end=date(2021, 5, 20), precision="day"
    )
    quarter = make_project(
        title="Un trimestre", start=date(2021, 7, 1), end=date(2021, 9, 30), precision="quarter"
    )
    earlier = make_project(
        title="Depuis 2020", start=date(2020, 11, 1), end=date(2021, 1, 31), precision="month"
    )
    projects = Project.objects.filter(pk__in=[spanning.pk, quarter.pk, earlier.pk]).order_by("planned_start")

    slots = selectors.calendar_slots(projects, date(2021, 1, 1), date(2021, 12, 31))

    assert slots == {
        ("month", 1): [earlier.pk],
        ("month", 3): [spanning.pk],
        ("month", 4): [spanning.pk],
        ("month", 5): [spanning.pk],
        ("quarter", date(2021, 7, 1)): [quarter.pk],
    }


def test_only_staff_who_may_view_projects_preview_unpublished_ones():
    draft = make_project(title="Brouillon")
    editor = User.objects.create_user("editor", password="x" * 16)
    visitor = User.objects.create_user("visitor", password="x" * 16)
    editor.user_permissions.add(Permission.objects.get(codename="view_project"))
    editor = User.objects.get(pk=editor.pk)  # permissions are cached on the instance

    assert draft in selectors.previewable_projects(editor)
    assert draft not in selectors.previewable_projects(visitor)
    assert draft not in selectors.previewable_projects(AnonymousUser())


def test_a_crowded_map_keeps_the_busiest_pairs_and_the_places_they_join():
    projects = selectors.published_projects()
    every_pair = list(place_selectors.map_pairs(projects))

    places, pairs, truncated = place_selectors.map_data(projects, max_pairs=3)

    assert truncated is True
    assert pairs == every_pair[:3]
    ends = {p.french_partner.territory_id for p in pairs} | {p.russian_partner.territory_id for p in pairs}
    assert ends <= {place.pk for place in places}
    assert len(places) < len(list(place_selectors.map_places(projects)))
