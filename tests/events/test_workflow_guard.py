"""The workflow fields change only through the workflow services, whatever the path, and a form
opened before a concurrent change is refused (issue 14, item 4). Crafted requests, one per path."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events import imports, services
from events.models import Project, ProjectImport, StaleProject, StatusChange, WorkflowBypassed
from events.resources import ProjectResource
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return make_staff("committee", "Labelling committee")


@pytest.fixture
def withdrawn(committee):
    """A project of the programme, published, then withdrawn by the committee."""
    project = Project.objects.get(reference="FR-RU-2021-0014")
    return services.withdraw_project(project=project, user=committee, reason="Annulé par la ville")


def change_url(project):
    return reverse("admin:events_project_change", args=[project.pk])


def form_data(response) -> dict:
    """What a browser would post back from an admin change or revert form, as rendered."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "on" if value is True else str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


# The model layer refuses every other path ------------------------------------------------------


def test_saving_a_new_status_outside_the_services_is_refused(withdrawn):
    project = Project.objects.get(pk=withdrawn.pk)
    project.status = "published"
    with pytest.raises(WorkflowBypassed) as excinfo:
        project.save()
    assert excinfo.value.fields == ["status"]
    assert Project.objects.get(pk=withdrawn.pk).status == "withdrawn"


def test_a_queryset_update_of_workflow_fields_is_refused(withdrawn):
    for change in ({"status": "published"}, {"reference": "FR-RU-2021-9999"}, {"labelled_on": None}):
        with pytest.raises(WorkflowBypassed):
            Project.objects.filter(pk=withdrawn.pk).update(**change)
    project = Project.objects.get(pk=withdrawn.pk)
    assert (project.status, project.reference) == ("withdrawn", "FR-RU-2021-0014")


def test_a_project_cannot_be_created_already_published():
    with pytest.raises(WorkflowBypassed) as excinfo:
        Project.objects.create(slug="raccourci", title_fr="Raccourci", status="published")
    assert excinfo.value.fields == ["status"]
    with pytest.raises(WorkflowBypassed):
        Project.objects.bulk_create(
            [Project(slug="raccourci", title_fr="Raccourci", reference="FR-RU-2021-0500")]
        )
    assert not Project.objects.filter(slug="raccourci").exists()


def test_bulk_update_of_a_workflow_field_is_refused(withdrawn):
    project = Project.objects.get(pk=withdrawn.pk)
    project.status = "published"
    with pytest.raises(WorkflowBypassed):
        Project.objects.bulk_update([project], ["status"])
    assert Project.objects.get(pk=withdrawn.pk).status == "withdrawn"


def test_a_copy_loaded_before_a_withdrawal_cannot_be_saved_over_it(committee):
    stale = Project.objects.get(reference="FR-RU-2021-0014")
    services.withdraw_project(
        project=Project.objects.get(pk=stale.pk), user=committee, reason="Annulé par la ville"
    )
    stale.title_fr = "Titre écrit sur une vieille copie"
    with pytest.raises(StaleProject) as excinfo:
        stale.save()
    assert (excinfo.value.expected, excinfo.value.current) == (1, 2)
    project = Project.objects.get(pk=stale.pk)
    assert (project.status, project.title_fr) == (
        "withdrawn",
        "50ème anniversaire du jumelage des villes de Poitiers et Iaroslav",
    )


def test_every_save_and_every_content_update_makes_a_new_version():
    project = Project.objects.get(reference="FR-RU-2021-0014")
    assert project.version == 1
    project.title_en = "Jazz"
    project.save()
    assert Project.objects.get(pk=project.pk).version == 2
    Project.objects.filter(pk=project.pk).update(title_ru="Джаз")
    assert Project.objects.get(pk=project.pk).version == 3
    services.refresh_derived_fields(project=project)  # derived data is no one's edit
    assert Project.objects.get(pk=project.pk).version == 3


def test_a_transition_asked_on_an_old_version_is_refused(committee):
    project = make_project(title="Initiative", slug="initiative")
    seen = project.version
    Project.objects.filter(pk=project.pk).update(title_fr="Initiative renommée")
    with pytest.raises(StaleProject):
        services.label_project(project=project, user=committee, expected_version=seen)
    assert Project.objects.get(pk=project.pk).status == "proposed"
    services.label_project(project=project, user=committee, expected_version=seen + 1)
    assert Project.objects.get(pk=project.pk).status == "labelled"


# The admin change form ------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Labelling committee"])
def test_a_change_form_posted_with_a_status_does_not_change_it(client, group):
    project = make_project(title="Brouillon", slug="brouillon")
    client.force_login(make_staff("someone", group))
    data = form_data(client.get(change_url(project)))
    data.update(
        {
            "title_fr": "Brouillon corrigé",
            "status": "published",
            "reference": "FR-RU-2021-0999",
            "labelled_on": "2021-03-19",
            "published_at_0": "2021-03-19",
            "published_at_1": "12:00:00",
        }
    )
    response = client.post(change_url(project), data)
    assert response.status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert (
        project.title_fr,
        project.status,
        project.reference,
        project.labelled_on,
        project.published_at,
    ) == (
        "Brouillon corrigé",
        "proposed",
        None,
        None,
        None,
    )


def test_a_change_form_opened_before_a_withdrawal_is_refused_with_a_clear_message(client, committee):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    client.force_login(make_staff("editor", "Editors"))
    data = form_data(client.get(change_url(project)))
    services.withdraw_project(project=project, user=committee, reason="Annulé par la ville")
    data["title_fr"] = "Anniversaire (corrigé)"
    response = client.post(change_url(project), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert (version 1, désormais 2)\u00a0: "
        "rien n’a été enregistré" in html
    )
    project = Project.objects.get(pk=project.pk)
    assert (project.status, project.title_fr, project.version) == (
        "withdrawn",
        "50ème anniversaire du jumelage des villes de Poitiers et Iaroslav",
        2,
    )


def test_a_change_form_without_its_version_is_refused(client):
    project = make_project(title="Brouillon", slug="brouillon")
    client.force_login(make_staff("editor", "Editors"))
    data = form_data(client.get(change_url(project)))
    del data["seen_version"]
    data["title_fr"] = "Sans version"
    response = client.post(change_url(project), data)
    assert response.status_code == 200
    assert Project.objects.get(pk=project.pk).title_fr == "Brouillon"


def test_a_current_change_form_saves_and_makes_a_new_version(client):
    project = make_project(title="Brouillon", slug="brouillon")
    client.force_login(make_staff("editor", "Editors"))
    data = form_data(client.get(change_url(project)))
    data["title_fr"] = "Brouillon corrigé"
    assert client.post(change_url(project), data).status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert (project.title_fr, project.version) == ("Brouillon corrigé", 2)
    assert "brouillon corrige" in project.search_title


# History revert ---------------------------------------------------------------------------------


def revert_url(project, history):
    return reverse("admin:events_project_simple_history", args=[project.pk, history.history_id])


def test_reverting_history_never_brings_back_a_withdrawn_project(client, withdrawn):
    published_version = withdrawn.history.filter(status="published").earliest("history_date")
    client.force_login(make_staff("editor", "Editors"))
    page = client.get(revert_url(withdrawn, published_version))
    assert page.status_code == 200
    data = form_data(page)
    data.update({"status": "published", "title_fr": "Revenu par l'historique"})
    steps_before = StatusChange.objects.filter(project=withdrawn).count()
    response = client.post(revert_url(withdrawn, published_version), data)
    assert response.status_code == 302
    project = Project.objects.get(pk=withdrawn.pk)
    assert (project.status, project.withdrawn_reason, project.title_fr) == (
        "withdrawn",
        "Annulé par la ville",
        "Revenu par l'historique",
    )
    assert StatusChange.objects.filter(project=withdrawn).count() == steps_before
    assert client.get(project.get_absolute_url()).status_code == 410


def test_a_revert_form_opened_before_a_change_is_refused(client, committee):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    first = project.history.earliest("history_date")
    client.force_login(make_staff("editor", "Editors"))
    data = form_data(client.get(revert_url(project, first)))
    services.withdraw_project(project=project, user=committee, reason="Annulé")
    response = client.post(revert_url(project, first), data)
    assert response.status_code == 200
    assert "a été modifié par quelqu’un d’autre" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == "withdrawn"


def test_a_user_who_may_only_view_projects_gets_403_on_revert(client, withdrawn):
    viewer = make_staff("viewer", None)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events", codename__in=["view_project", "view_historicalproject"]
        )
    )
    client.force_login(viewer)
    published_version = withdrawn.history.filter(status="published").earliest("history_date")
    page = client.get(revert_url(withdrawn, published_version))
    assert page.status_code == 200  # viewing the history is allowed
    data = {"title_fr": "Piraté", "slug": withdrawn.slug, "themes": ["1"], "seen_version": "2"}
    response = client.post(revert_url(withdrawn, published_version), data)
    assert response.status_code == 403
    project = Project.objects.get(pk=withdrawn.pk)
    assert (project.status, project.version) == ("withdrawn", 2)


# Transition buttons, bulk actions, import -------------------------------------------------------


def test_a_transition_page_opened_before_a_change_is_refused(client, committee):
    project = make_project(title="Brouillon", slug="brouillon")
    client.force_login(committee)
    url = reverse("admin:events_project_transition", args=[project.pk])
    page = client.get(url, {"action": "label", "version": project.version})
    assert 'name="version" value="1"' in page.content.decode()
    services.withdraw_project(project=project, user=committee, reason="Annulé")
    response = client.post(url, {"action": "label", "version": "1"}, follow=True)
    assert "modifié par quelqu’un d’autre depuis que vous l’avez ouvert (version 1, désormais 2)" in (
        response.content.decode()
    )
    assert Project.objects.get(pk=project.pk).status == "withdrawn"


def test_an_editor_cannot_withdraw_or_label_with_a_bulk_action(client):
    project = Project.objects.get(reference="FR-RU-2021-0014")
    client.force_login(make_staff("editor", "Editors"))
    for action in ("withdraw_selected", "label_selected", "publish_selected"):
        client.post(
            "/admin/events/project/", {"action": action, "_selected_action": [project.pk], "reason": "non"}
        )
    assert Project.objects.get(pk=project.pk).status == "published"


def test_an_import_never_writes_the_status(client):
    proposed = make_project(title="Brouillon", slug="brouillon")
    exported = ProjectResource().export(queryset=Project.objects.filter(pk=proposed.pk))
    exported.append_col(["published"], header="status")
    exported.append_col(["FR-RU-2021-0999"], header="reference")
    exported.append_col(["Brouillon modifié"], header="title")  # a real change, so the row is written
    upload = io.BytesIO(exported.export("csv").encode())
    upload.name = "statuses.csv"
    client.force_login(make_staff("editor", "Editors"))
    response = client.post("/admin/events/project/import/", {"import_file": upload})
    client.post(response["Location"])
    project = Project.objects.get(pk=proposed.pk)
    assert (project.status, project.reference, project.version) == ("proposed", None, 2)


def test_an_import_whose_stored_rows_carry_workflow_fields_writes_none_of_them():
    # The rows wait in the database between preview and confirmation: whatever they hold, an import
    # writes only the content columns it knows.
    proposed = make_project(title="Brouillon", slug="brouillon")
    dataset = ProjectResource().export(queryset=Project.objects.filter(pk=proposed.pk))
    headers, rows = imports.read_spreadsheet(dataset.export("csv").encode(), "export.csv")
    rows[0].update(title="Brouillon revu", status="withdrawn", reference="FR-RU-2021-0998", version="9")
    stored = ProjectImport.objects.create(file_name="export.csv", headers=headers, rows=rows)
    imports.confirm_import(project_import=stored)
    project = Project.objects.get(pk=proposed.pk)
    assert (project.title, project.status, project.reference, project.version) == (
        "Brouillon revu",
        "proposed",
        None,
        2,
    )
