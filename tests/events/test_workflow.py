import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services
from events.models import Project, StatusChange
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_staff("editor", "Editors")


@pytest.fixture
def committee():
    return make_staff("committee", "Labelling committee")


@pytest.fixture
def proposed():
    return make_project(title="Nouvelle initiative", status="proposed", slug="nouvelle-initiative")


def test_the_whole_path_from_proposal_to_publication(editor, committee, proposed):
    services.submit_for_labelling(project=proposed, user=editor)
    assert proposed.submitted_at is not None and proposed.status == "proposed"
    services.label_project(project=proposed, user=committee)
    assert proposed.status == "labelled" and proposed.labelled_on is not None
    assert proposed.reference == "FR-RU-2021-0074"  # after the 73 projects of the programme
    services.publish_project(project=proposed, user=committee)
    assert proposed.status == "published" and proposed.published_at is not None
    steps = list(
        StatusChange.objects.filter(project=proposed).order_by("id").values_list("action", "changed_by")
    )
    assert steps == [("submit", editor.pk), ("label", committee.pk), ("publish", committee.pk)]


def test_an_editor_cannot_label_publish_or_withdraw(editor, proposed):
    for transition in (services.label_project, services.publish_project):
        with pytest.raises(PermissionDenied):
            transition(project=proposed, user=editor)
    with pytest.raises(PermissionDenied):
        services.withdraw_project(project=proposed, user=editor, reason="non")
    assert Project.objects.get(pk=proposed.pk).status == "proposed"


def test_the_committee_cannot_submit_for_editors(committee, proposed):
    with pytest.raises(PermissionDenied):
        services.submit_for_labelling(project=proposed, user=committee)


def test_a_proposed_project_cannot_be_published_before_it_is_labelled(committee, proposed):
    with pytest.raises(ValidationError) as excinfo:
        services.publish_project(project=proposed, user=committee)
    assert excinfo.value.code == "invalid_transition"
    assert not StatusChange.objects.filter(project=proposed).exists()


def test_a_published_project_cannot_be_labelled_again(committee):
    project = Project.objects.get(reference="FR-RU-2021-0001")
    with pytest.raises(ValidationError):
        services.label_project(project=project, user=committee)


def test_withdrawal_needs_a_reason_and_is_possible_at_any_stage(committee, proposed):
    with pytest.raises(ValidationError):
        services.withdraw_project(project=proposed, user=committee, reason="  ")
    services.withdraw_project(project=proposed, user=committee, reason="Annulé par la ville")
    assert proposed.status == "withdrawn" and proposed.withdrawn_reason == "Annulé par la ville"
    published = Project.objects.get(reference="FR-RU-2021-0002")
    services.withdraw_project(project=published, user=committee, reason="Reporté")
    with pytest.raises(ValidationError):
        services.withdraw_project(project=published, user=committee, reason="encore")


def test_a_project_is_submitted_once(editor, proposed):
    services.submit_for_labelling(project=proposed, user=editor)
    with pytest.raises(ValidationError):
        services.submit_for_labelling(project=proposed, user=editor)


def test_superusers_may_do_everything(proposed, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-test-password-123")
    services.label_project(project=proposed, user=boss)
    services.publish_project(project=proposed, user=boss)
    assert proposed.status == "published"


def test_allowed_actions_follow_permission_and_state(editor, committee, proposed):
    assert services.allowed_actions(project=proposed, user=editor) == ["submit"]
    assert services.allowed_actions(project=proposed, user=committee) == ["label", "withdraw"]


def test_the_wording_of_a_new_period_is_written_in_each_language(proposed):
    proposed.planned_text_fr = proposed.planned_text_ru = proposed.planned_text_en = ""
    services.generate_planned_wording(project=proposed)
    assert (proposed.planned_text_fr, proposed.planned_text_ru, proposed.planned_text_en) == (
        "Décembre\u00a02021",
        "Декабрь\u00a02021\u00a0года",
        "December 2021",
    )


def test_every_change_to_a_project_is_kept_in_its_history(committee, proposed):
    proposed.title_fr = "Titre corrigé"
    proposed.save()
    services.label_project(project=proposed, user=committee)
    history = proposed.history.order_by("history_date")
    assert [h.title_fr for h in history][-2:] == ["Titre corrigé", "Titre corrigé"]
    assert history.last().status == "labelled"
