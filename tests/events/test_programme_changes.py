"""The programme's life after launch: the committee changes a published event's status and
attendance through one service, and every change is recorded as a dated ProgrammeChange."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events import services
from events.models import EventStatus, ProgrammeChange, Project, StaleProject, workflow_writer
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return make_staff("committee", "Labelling committee")


@pytest.fixture
def editor():
    return make_staff("editor", "Editors")


@pytest.fixture
def published():
    return make_project(
        title="Festival de juin",
        status="published",
        slug="festival-de-juin",
        start=date(2021, 6, 1),
        end=date(2021, 6, 30),
        precision="month",
    )


def reschedule(project, user, **kwargs):
    return services.change_event_status(
        project=project,
        user=user,
        event_status="rescheduled",
        new_start=date(2021, 9, 1),
        new_end=date(2021, 9, 30),
        new_precision="month",
        **kwargs,
    )


def test_the_committee_reschedules_a_published_event_and_the_previous_period_is_kept(committee, published):
    change = reschedule(
        published,
        committee,
        note={"fr": "Reporté à la rentrée.", "ru": "Перенесён на осень.", "en": "Moved."},
    )

    project = Project.objects.get(pk=published.pk)
    assert (project.event_status, project.event_sequence) == ("rescheduled", 1)
    assert (project.planned_start, project.planned_end) == (date(2021, 9, 1), date(2021, 9, 30))
    assert (project.previous_start, project.previous_end, project.previous_precision) == (
        date(2021, 6, 1),
        date(2021, 6, 30),
        "month",
    )
    assert project.planned_text_fr == "Septembre\u00a02021"
    assert (change.kind, change.changed_on, change.changed_by) == (
        "rescheduled",
        timezone.localdate(),
        committee,
    )
    assert (change.previous_start, change.new_start) == (date(2021, 6, 1), date(2021, 9, 1))
    assert (change.note_fr, change.note_ru, change.note_en) == (
        "Reporté à la rentrée.",
        "Перенесён на осень.",
        "Moved.",
    )
    with translation.override("en"):
        assert project.event_status_display == "Rescheduled: planned for June 2021, now September 2021"
        assert change.summary == "Rescheduled: planned for June 2021, now September 2021"
    with translation.override("fr"):
        assert project.event_status_display == (
            "Reprogrammé\u00a0: initialement juin\u00a02021, désormais septembre\u00a02021"
        )
        change.changed_on = date(2021, 5, 3)  # as the project page says it, on a given day
        assert change.dated_summary == (
            "Reprogrammé le 3\u00a0mai\u00a02021\u00a0: "
            "initialement juin\u00a02021, désormais septembre\u00a02021"
        )
    with translation.override("en"):
        assert change.dated_summary == "Rescheduled on 3 May 2021: planned for June 2021, now September 2021"
    with translation.override("ru"):
        assert project.event_status_display == (
            "Перенесено: прежний срок\u00a0— июнь\u00a02021\u00a0года, "
            "новый\u00a0— сентябрь\u00a02021\u00a0года"
        )


def test_postponed_then_cancelled_counts_each_change_and_forgets_the_previous_period(committee, published):
    reschedule(published, committee)
    services.change_event_status(project=published, user=committee, event_status="postponed")
    services.change_event_status(project=published, user=committee, event_status="cancelled")

    project = Project.objects.get(pk=published.pk)
    assert (project.event_status, project.event_sequence) == ("cancelled", 3)
    assert (project.previous_start, project.previous_precision) == (None, "")
    kinds = list(
        ProgrammeChange.objects.filter(project=published).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["rescheduled", "postponed", "cancelled"]
    with translation.override("en"):
        assert project.event_status_display == "Cancelled"


def test_moving_online_makes_the_event_online_and_attendance_alone_is_a_change(committee, published):
    services.change_event_status(project=published, user=committee, event_status="moved_online")
    assert Project.objects.get(pk=published.pk).attendance_mode == "online"
    change = services.change_event_status(
        project=published, user=committee, event_status="moved_online", attendance_mode="mixed"
    )
    assert change.kind == "attendance"
    assert Project.objects.get(pk=published.pk).attendance_mode == "mixed"


def test_an_editor_may_not_change_an_event_and_nothing_is_recorded(editor, published):
    with pytest.raises(PermissionDenied):
        services.change_event_status(project=published, user=editor, event_status="cancelled")
    assert Project.objects.get(pk=published.pk).event_status == "scheduled"
    assert not ProgrammeChange.objects.filter(project=published).exists()


def test_a_change_based_on_an_older_version_is_refused(committee, published):
    seen = published.version
    services.change_event_status(project=published, user=committee, event_status="postponed")
    with pytest.raises(StaleProject):
        services.change_event_status(
            project=published, user=committee, event_status="cancelled", expected_version=seen
        )
    assert Project.objects.get(pk=published.pk).event_status == "postponed"
    assert ProgrammeChange.objects.filter(project=published).count() == 1


def test_a_project_that_is_not_published_has_no_event_to_change(committee):
    labelled = make_project(title="Pas encore public", status="labelled", slug="pas-encore-public")
    with pytest.raises(ValidationError) as excinfo:
        services.change_event_status(project=labelled, user=committee, event_status="cancelled")
    assert excinfo.value.code == "not_published"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"event_status": "rescheduled"}, "period_required"),
        (
            {
                "event_status": "rescheduled",
                "new_start": date(2021, 9, 30),
                "new_end": date(2021, 9, 1),
                "new_precision": "day",
            },
            "period_order",
        ),
        (
            {
                "event_status": "rescheduled",
                "new_start": date(2021, 6, 1),
                "new_end": date(2021, 6, 30),
                "new_precision": "month",
            },
            "same_period",
        ),
        ({"event_status": "cancelled", "new_start": date(2021, 9, 1)}, "period_not_rescheduled"),
        ({"event_status": "scheduled"}, "no_change"),
        ({"event_status": "forgotten"}, "invalid_status"),
    ],
)
def test_an_incomplete_or_empty_change_is_refused_with_its_reason(committee, published, kwargs, code):
    with pytest.raises(ValidationError) as excinfo:
        services.change_event_status(project=published, user=committee, **kwargs)
    assert excinfo.value.code == code
    assert not ProgrammeChange.objects.filter(project=published).exists()


def test_publishing_and_withdrawing_are_recorded_with_the_public_reason(committee):
    project = make_project(title="Bientôt public", status="labelled", slug="bientot-public")
    services.publish_project(project=project, user=committee)
    services.withdraw_project(
        project=project,
        user=committee,
        reason="Désaccord interne entre partenaires",
        public_note={"fr": "Les partenaires ont renoncé.", "ru": "Партнёры отказались.", "en": "Given up."},
    )
    changes = list(ProgrammeChange.objects.filter(project=project).order_by("id"))
    assert [c.kind for c in changes] == ["published", "withdrawn"]
    assert (changes[1].note_fr, changes[1].note_en) == ("Les partenaires ont renoncé.", "Given up.")
    assert "Désaccord" not in changes[1].note_fr


def test_a_withdrawal_before_publication_records_no_public_change(committee):
    project = make_project(title="Jamais public", status="labelled", slug="jamais-public")
    services.withdraw_project(project=project, user=committee, reason="Abandon")
    assert not ProgrammeChange.objects.filter(project=project).exists()


def test_the_event_status_is_a_workflow_field_no_ordinary_save_can_change(published):
    published.event_status = EventStatus.CANCELLED
    with pytest.raises(ValidationError) as excinfo:
        published.save()
    assert excinfo.value.code == "workflow_bypassed"


def test_the_database_refuses_a_rescheduled_event_without_its_previous_period(published):
    with workflow_writer("tests"), pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=published.pk).update(event_status="rescheduled")


def test_the_committee_group_has_the_permission_and_editors_do_not(committee, editor):
    assert committee.has_perm("events.change_event_status")
    assert not editor.has_perm("events.change_event_status")
