"""The staff admin: permissions enforced, workflow buttons and bulk actions, filters, import/export."""

import io
import re

import pytest
import tablib
from django.urls import reverse

from events.models import Project
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/project/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("editor", "Editors"))
    return client


@pytest.fixture
def committee_client(client):
    client.force_login(make_staff("committee", "Labelling committee"))
    return client


def test_anonymous_users_see_nothing_of_the_admin(client):
    for url in [CHANGELIST, "/admin/", "/admin/events/project/1/change/", "/admin/events/project/import/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_a_staff_member_without_group_cannot_open_projects(client):
    client.force_login(make_staff("nobody", None))
    assert client.get(CHANGELIST).status_code == 403


def test_the_editor_sees_no_committee_action(editor_client):
    html = editor_client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in html and "label_selected" not in html


def test_an_editor_cannot_publish_even_by_posting_the_action(editor_client):
    project = make_project(title="Brouillon", status="proposed", slug="brouillon")
    editor_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [project.pk]})
    url = reverse("admin:events_project_transition", args=[project.pk])
    editor_client.post(url + "?action=publish", {"action": "publish"})
    assert Project.objects.get(pk=project.pk).status == "proposed"


def test_committee_bulk_actions_label_then_publish(committee_client):
    projects = [make_project(title=f"Initiative {i}", slug=f"initiative-{i}") for i in range(3)]
    ids = [p.pk for p in projects]
    committee_client.post(CHANGELIST, {"action": "label_selected", "_selected_action": ids})
    assert set(Project.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"labelled"}
    committee_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": ids})
    assert set(Project.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"published"}


def test_bulk_withdraw_asks_for_a_reason_first(committee_client):
    project = Project.objects.get(reference="FR-RU-2021-0003")
    page = committee_client.post(
        CHANGELIST, {"action": "withdraw_selected", "_selected_action": [project.pk]}
    )
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    assert Project.objects.get(pk=project.pk).status == "published"
    committee_client.post(
        CHANGELIST,
        {"action": "withdraw_selected", "_selected_action": [project.pk], "reason": "Reporté à 2022"},
    )
    project.refresh_from_db()
    assert project.status == "withdrawn" and project.withdrawn_reason == "Reporté à 2022"


def test_the_transition_button_needs_a_post_with_csrf(committee_client):
    project = make_project(title="Brouillon", slug="brouillon")
    url = reverse("admin:events_project_transition", args=[project.pk]) + "?action=label"
    assert committee_client.get(url).status_code == 200  # a confirmation page, nothing changed
    assert Project.objects.get(pk=project.pk).status == "proposed"
    committee_client.post(url, {"action": "label"})
    assert Project.objects.get(pk=project.pk).status == "labelled"


def test_missing_translation_filter(committee_client):
    make_project(title="Sans russe", slug="sans-russe")
    Project.objects.filter(slug="sans-russe").update(title_ru="", description_en="")
    response = committee_client.get(CHANGELIST, {"missing": "ru"})
    assert [p.slug for p in response.context["cl"].result_list] == ["sans-russe"]
    # Its French description has no English version either; the programme's projects lack nothing.
    response = committee_client.get(CHANGELIST, {"missing": "en"})
    assert [p.slug for p in response.context["cl"].result_list] == ["sans-russe"]


def test_staff_preview_a_project_before_it_is_public(client, editor_client):
    project = make_project(title="Brouillon visible", slug="brouillon-visible")
    response = editor_client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert (
        response.context["is_preview"]
        and 'class="notice notice-error" role="status"' in response.content.decode()
    )
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 404


def test_the_dashboard_counts_statuses_and_the_queue(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "programme-dashboard" in html


def _import(client, dataset, confirm=False):
    """Upload a CSV through the admin import form (preview), then confirm it if asked."""
    upload = io.BytesIO(dataset.export("csv").encode())
    upload.name = "new.csv"
    response = client.post("/admin/events/project/import/", {"import_file": upload})
    preview = client.get(response["Location"])
    if not confirm:
        return preview
    return client.post(response["Location"], follow=True)


def new_rows(*rows):
    headers = [
        "id",
        "region",
        "french_partner",
        "russian_partner",
        "title",
        "description",
        "planned_date",
        "theme",
        "title_ru",
        "title_en",
        "description_ru",
        "description_en",
    ]
    return tablib.Dataset(*rows, headers=headers)


GOOD = [
    "",
    "Occitanie",
    "Toulouse",
    "Samara",
    "Festival de jazz",
    "Concerts croisés",
    "Semestre 2",
    "Coopération culturelle et éducative",
    "Джазовый фестиваль",
    "Jazz festival",
    "",
    "",
]


def test_import_dry_run_writes_nothing_and_confirm_creates_proposed_projects(editor_client):
    response = _import(editor_client, new_rows(GOOD))
    assert response.status_code == 200
    assert "Confirmer l’import" in response.content.decode()
    assert not Project.objects.filter(title_fr="Festival de jazz").exists()
    _import(editor_client, new_rows(GOOD), confirm=True)
    project = Project.objects.get(title_fr="Festival de jazz")
    assert project.status == "proposed"
    assert (project.planned_start.isoformat(), project.planned_precision) == ("2021-07-01", "semester")
    assert [p.slug for p in project.french_partners] == ["toulouse"]
    assert project.title_ru == "Джазовый фестиваль"


def test_import_with_one_bad_row_reports_every_error_and_changes_nothing(editor_client):
    bad_theme = [*GOOD[:4], "Autre titre", "", "Semestre 2", "Cuisine", "", "", "", ""]
    bad_date = [*GOOD[:4], "Encore un", "", "un jour", "Sport", "", "", "", ""]
    no_title = [*GOOD[:4], "", "", "Semestre 2", "Sport", "", "", "", ""]
    response = _import(editor_client, new_rows(GOOD, bad_theme, bad_date, no_title), confirm=True)
    html = response.content.decode()
    assert "thème inconnu «\u00a0Cuisine\u00a0»" in html
    assert "date prévue illisible «\u00a0un jour\u00a0»" in html
    assert "le titre manque" in html
    assert not Project.objects.filter(title_fr__in=["Festival de jazz", "Autre titre"]).exists()


def test_export_then_import_is_a_lossless_round_trip(editor_client):
    from events.resources import ProjectResource

    before = ProjectResource().export(queryset=Project.objects.filter(reference__startswith="FR-RU-2021-00"))
    response = _import(editor_client, before, confirm=True)
    assert response.status_code == 200
    after = ProjectResource().export(queryset=Project.objects.filter(reference__startswith="FR-RU-2021-00"))
    assert before.export("csv") == after.export("csv")
    assert Project.objects.count() == 73


def test_the_workflow_steps_on_a_project_form_follow_who_looks(client):
    project = make_project(title="Brouillon", slug="brouillon")
    url = reverse("admin:events_project_change", args=[project.pk])
    client.force_login(make_staff("editor", "Editors"))
    html = client.get(url).content.decode()
    assert "?action=submit" in html and "?action=label" not in html
    client.force_login(make_staff("committee", "Labelling committee"))
    html = client.get(url).content.decode()
    assert "?action=label" in html and "?action=withdraw" in html and "?action=submit" not in html


def test_the_admin_loads_no_script_or_style_from_another_site(client):
    client.force_login(make_staff("editor", "Editors"))
    project = Project.objects.get(reference="FR-RU-2021-0003")
    html = client.get(reverse("admin:events_project_change", args=[project.pk])).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert any("jquery-ui" in s for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
