"""Derived data (search text, territories, pairs) follows every source: renaming or moving a partner
or a place, editing alternative spellings, renaming a theme (issue 14, item 8)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from events import selectors
from events.models import Project, Theme
from partners.models import Partner, Territory
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def found(query):
    """References of the published projects a search finds."""
    projects = selectors.matching(selectors.published_projects(), query)
    return sorted(projects.values_list("reference", flat=True))


def poitiers_projects():
    return sorted(
        Project.objects.filter(participations__partner__slug="poitiers").values_list("reference", flat=True)
    )


def test_renaming_a_partner_makes_its_projects_found_by_the_new_name():
    assert found("Pictavium") == []
    partner = Partner.objects.get(slug="poitiers")
    partner.name_fr = "Ville de Pictavium"
    partner.save()
    assert found("Pictavium") == poitiers_projects() == ["FR-RU-2021-0014"]


def test_moving_a_partner_moves_its_projects():
    partner = Partner.objects.get(slug="poitiers")
    occitanie, nouvelle_aquitaine = (
        Territory.objects.get(slug="occitanie"),
        Territory.objects.get(slug="nouvelle-aquitaine"),
    )
    toulouse = Territory.objects.get(slug="toulouse")
    project = Project.objects.get(reference="FR-RU-2021-0014")
    assert nouvelle_aquitaine in project.territories.all()
    partner.territory = toulouse
    partner.save()
    territories = set(project.territories.values_list("slug", flat=True))
    assert {"toulouse", occitanie.slug} <= territories and "poitiers" not in territories
    assert project in selectors.published_projects().filter(territories=occitanie)
    assert found("Toulouse") == sorted(
        set(Project.objects.filter(territories__slug="toulouse").values_list("reference", flat=True))
    )
    assert "FR-RU-2021-0014" in found("Toulouse")


def test_moving_a_place_moves_the_projects_of_its_partners():
    poitiers = Territory.objects.get(slug="poitiers")
    poitiers.parent = Territory.objects.get(slug="occitanie")
    poitiers.save()
    project = Project.objects.get(reference="FR-RU-2021-0014")
    assert "occitanie" in set(project.territories.values_list("slug", flat=True))


def test_a_new_alternative_spelling_is_searchable_at_once():
    assert found("Pwatie") == []
    poitiers = Territory.objects.get(slug="poitiers")
    poitiers.alternative_names = "Pwatie\nPoictiers"
    poitiers.save()
    assert found("Pwatie") == found("Poictiers") == ["FR-RU-2021-0014"]


def test_renaming_a_theme_makes_its_projects_found_by_the_new_name():
    theme = Theme.objects.get(slug="sport")
    theme.name_en = "Athletics and games"
    theme.save()
    assert found("athletics") == sorted(theme.projects.values_list("reference", flat=True))
    assert len(found("athletics")) == 3


def test_a_partner_renamed_in_the_admin_is_found_in_the_public_list(client):
    partner = Partner.objects.get(slug="poitiers")
    staff = make_staff("editor", "Editors")
    client.force_login(staff)
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    data = {
        "name_fr": "Grand Poitiers",
        "name_ru": "Большой Пуатье",
        "name_en": "Greater Poitiers",
        "slug": partner.slug,
        "kind": partner.kind,
        "country": partner.country,
        "territory": partner.territory_id,
    }
    assert client.post(url, data).status_code == 302
    response = client.get(reverse("events:project-list"), {"q": "Большой Пуатье"})
    ids = response.context["page_obj"].object_list  # the page holds ids; public.cards draws them
    assert [Project.objects.get(pk=pk).reference for pk in ids] == ["FR-RU-2021-0014"]


def test_a_source_shared_by_many_projects_is_refreshed_by_the_task_queue_after_the_save(
    settings, django_capture_on_commit_callbacks, run_tasks
):
    """Above DERIVED_INLINE_PROJECTS projects, a save does not wait for their refresh: the task
    queue does it, from the source's state at that time."""
    settings.DERIVED_INLINE_PROJECTS = 5
    nice = Partner.objects.get(slug="nice")
    theirs = sorted(
        Project.objects.filter(participations__partner=nice, status="published").values_list(
            "reference", flat=True
        )
    )
    assert len(theirs) == 8
    with django_capture_on_commit_callbacks(execute=True):
        nice.name_fr = "Ville de Nikaia"
        nice.save()
    assert found("Nikaia") == []  # not yet: the task is queued
    assert DBTaskResult.objects.filter(task_path="events.services.refresh_derived_data_later").count() == 1
    run_tasks()
    assert found("Nikaia") == theirs


def test_a_source_shared_by_few_projects_is_refreshed_inside_the_save(
    settings, django_capture_on_commit_callbacks
):
    settings.DERIVED_INLINE_PROJECTS = 8
    nice = Partner.objects.get(slug="nice")
    with django_capture_on_commit_callbacks(execute=True):
        nice.name_fr = "Ville de Nikaia"
        nice.save()
    assert len(found("Nikaia")) == 8
    assert not DBTaskResult.objects.filter(task_path="events.services.refresh_derived_data_later").exists()
