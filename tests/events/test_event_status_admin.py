"""The committee's event status page in the admin: permission checked by the view and the service,
stale forms refused, the change recorded; the normal change form never carries these fields."""

from datetime import date

import pytest
from django.urls import reverse

from events.models import ProgrammeChange, Project
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return make_project(title="Fête publique", status="published", slug="fete-publique")


def event_url(project):
    return reverse("admin:events_project_event_status", args=[project.pk])


def test_an_editor_crafting_the_post_gets_403_and_nothing_changes(client, published):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(
        event_url(published),
        {"event_status": "cancelled", "attendance_mode": "in_person", "version": published.version},
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=published.pk).event_status == "scheduled"
    assert not ProgrammeChange.objects.filter(project=published).exists()
    page = client.get(reverse("admin:events_project_change", args=[published.pk])).content.decode()
    assert "event-status/" not in page


def test_the_committee_reschedules_from_the_change_form(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    change_form = client.get(reverse("admin:events_project_change", args=[published.pk])).content.decode()
    assert f'href="{event_url(published)}?version={published.version}"' in change_form
    response = client.post(
        event_url(published),
        {
            "event_status": "rescheduled",
            "attendance_mode": "online",
            "new_start": "2021-10-04",
            "new_end": "2021-10-08",
            "new_precision": "day",
            "note_fr": "Nouvelles dates.",
            "note_ru": "",
            "note_en": "New dates.",
            "version": published.version,
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(pk=published.pk)
    assert (project.event_status, project.attendance_mode) == ("rescheduled", "online")
    assert (project.planned_start, project.previous_start) == (date(2021, 10, 4), date(2021, 12, 1))
    change = ProgrammeChange.objects.get(project=published)
    assert (change.kind, change.note_fr, change.note_en) == ("rescheduled", "Nouvelles dates.", "New dates.")


def test_a_stale_form_is_refused_with_its_reason(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    response = client.post(
        event_url(published),
        {"event_status": "cancelled", "attendance_mode": "in_person", "version": published.version - 1},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["stale"]
    assert "a été modifié par quelqu’un d’autre" in response.content.decode()
    assert Project.objects.get(pk=published.pk).event_status == "scheduled"


def test_a_rescheduling_without_dates_is_refused_with_its_reason(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    response = client.post(
        event_url(published),
        {"event_status": "rescheduled", "attendance_mode": "in_person", "version": published.version},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["new_period"]] == ["period_required"]
    assert not ProgrammeChange.objects.filter(project=published).exists()


def reschedule(client, project, **fields):
    return client.post(
        event_url(project),
        {
            "event_status": "rescheduled",
            "attendance_mode": "in_person",
            "version": project.version,
            **fields,
        },
    )


@pytest.mark.parametrize(
    "wording", ["du 4 au 8 octobre 2021", "с 4 по 8 октября 2021 года", "October 4–8, 2021"]
)
def test_the_new_period_is_typed_in_words_in_any_of_the_three_languages(client, published, wording):
    client.force_login(make_staff("committee", "Labelling committee"))
    response = reschedule(client, published, new_period=wording)
    assert response.status_code == 302
    project = Project.objects.get(pk=published.pk)
    assert (project.planned_start, project.planned_end, project.planned_precision) == (
        date(2021, 10, 4),
        date(2021, 10, 8),
        "day",
    )
    assert project.event_status == "rescheduled"


def test_a_month_in_words_reschedules_to_that_month(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    reschedule(client, published, new_period="ноябрь 2021 года")
    project = Project.objects.get(pk=published.pk)
    assert (project.planned_start, project.planned_end, project.planned_precision) == (
        date(2021, 11, 1),
        date(2021, 11, 30),
        "month",
    )


def test_two_dates_without_a_precision_get_the_one_they_state(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    reschedule(client, published, new_start="01/10/2021", new_end="31/12/2021")
    project = Project.objects.get(pk=published.pk)
    assert (project.planned_start, project.planned_end, project.planned_precision) == (
        date(2021, 10, 1),
        date(2021, 12, 31),
        "quarter",
    )


def test_an_unreadable_wording_is_refused_on_its_field_in_the_staff_members_language(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    client.cookies["django_language"] = "ru"
    response = reschedule(client, published, new_period="bientôt")
    assert response.status_code == 200
    assert response.context["form"].errors["new_period"] == [
        "«bientôt»\u00a0— формулировка периода, которую форма не распознаёт. Укажите его в виде "
        "«12–18\u00a0октября\u00a02021\u00a0года», «октябрь\u00a02021\u00a0года», «третий квартал "
        "2021\u00a0года», «второе полугодие 2021\u00a0года» или «лето 2021» (на французском, русском "
        "или английском языке) либо заполните начало и окончание."
    ]
    assert Project.objects.get(pk=published.pk).event_status == "scheduled"


def test_a_new_end_before_the_new_start_is_refused_on_the_end(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    response = reschedule(
        client, published, new_start="08/10/2021", new_end="04/10/2021", new_precision="day"
    )
    assert [e.code for e in response.context["form"].errors.as_data()["new_end"]] == ["period_order"]
    assert Project.objects.get(pk=published.pk).event_status == "scheduled"


def test_the_change_form_cannot_set_the_event_status(client, published):
    client.force_login(make_staff("committee", "Labelling committee"))
    page = client.get(reverse("admin:events_project_change", args=[published.pk]))
    assert "event_status" not in page.context["adminform"].form.fields
    assert "attendance_mode" not in page.context["adminform"].form.fields
