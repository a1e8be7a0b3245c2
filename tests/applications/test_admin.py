"""Staff accept or decline applications: the services check the permission, whatever posts to them."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from applications import services
from applications.models import Application
from events.models import Project
from partners.models import Partner
from tests.staff import make_staff

from .helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/ru/zayavka/", form_data()).status_code == 302
    client.logout()
    translation.activate("fr")  # the Russian page left its language active in this thread
    return Application.objects.get()


def url(application, step):
    return f"/admin/applications/application/{application.pk}/{step}/"


NOT_YET = (
    "«\u00a0Дни французского кино в Ярославле\u00a0» ne peut pas encore être soumis "
    "à la labellisation\u00a0: "
)


def test_an_editor_accepts_and_the_project_waits_for_its_french_text_with_its_partners(client, application):
    client.force_login(make_staff("editor", "Editors"))
    assert client.get(url(application, "accept")).status_code == 200
    response = client.post(url(application, "accept"))
    assert response.status_code == 302
    application.refresh_from_db()
    project = Project.objects.get(pk=application.project_id)
    # Written in Russian: an editor writes its French text, then submits it.
    assert (application.state, project.status, project.submitted_at) == ("accepted", "proposed", None)
    created = Partner.objects.get(name_ru="Мэрия города Ярославля")
    assert (created.territory.slug, created.kind, created.country) == ("iaroslavl", "local_authority", "RU")
    assert [p.slug for p in project.french_partners] == ["nice"]
    assert [p.pk for p in project.russian_partners] == [created.pk]
    # Written in the language of the admin (French here), for staff.
    assert application.staff_note.splitlines() == [
        "Le partenaire «\u00a0Мэрия города Ярославля\u00a0» a été créé à Iaroslavl\u00a0: "
        "vérifiez son nom en français.",
        NOT_YET + "Le titre français manque.",
        NOT_YET + "La description française manque.",
    ]


def test_partners_with_no_known_place_are_left_for_staff_and_said_so(application):
    Application.objects.filter(pk=application.pk).update(
        place="Нигдебург", partner=None, partner_name="Ville inconnue"
    )
    application.refresh_from_db()
    services.accept_application(application=application, user=make_staff("editor", "Editors"))
    application.refresh_from_db()
    assert application.state == "accepted"
    assert application.staff_note.splitlines() == [
        "«\u00a0Мэрия города Ярославля\u00a0» n’est pas encore un partenaire du portail et aucun lieu ne "
        "s’appelle «\u00a0Нигдебург\u00a0»\u00a0: ajoutez le lieu (avec ses coordonnées) et le "
        "partenaire, puis ajoutez-le au projet.",
        "Le partenaire «\u00a0Ville inconnue\u00a0» n’est pas sur le portail et la candidature ne "
        "donne pas son lieu\u00a0: ajoutez-le (avec son lieu) au projet.",
        NOT_YET + "Le titre français manque.",
        NOT_YET + "La description française manque.",
        NOT_YET + "Aucun partenaire français\u00a0: nommez-en un, ou cochez "
        "«\u00a0autres partenaires français\u00a0» s’ils restent à déterminer.",
        NOT_YET + "Aucun partenaire russe\u00a0: nommez-en un, ou cochez "
        "«\u00a0autres partenaires russes\u00a0» s’ils restent à déterminer.",
    ]
    assert application.project.participations.count() == 0
    assert application.project.submitted_at is None


def test_the_committee_cannot_accept_or_decline_by_a_crafted_post(client, application):
    client.force_login(make_staff("committee", "Labelling committee"))
    client.post(url(application, "accept"))
    client.post(url(application, "decline"), {"reason": "Non."})
    application.refresh_from_db()
    assert (application.state, application.project.submitted_at) == ("received", None)


def test_a_staff_member_without_group_cannot_open_applications(client, application):
    client.force_login(make_staff("nobody", None))
    assert client.get("/admin/applications/application/").status_code == 403
    assert client.post(url(application, "accept")).status_code == 403
    assert Application.objects.get().state == "received"


def test_the_services_refuse_a_user_without_the_permission(application):
    committee = make_staff("committee", "Labelling committee")
    with pytest.raises(PermissionDenied):
        services.accept_application(application=application, user=committee)
    with pytest.raises(PermissionDenied):
        services.decline_application(application=application, user=committee, reason="Non.", base_url="/")


def test_declining_asks_for_a_reason(client, application):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(url(application, "decline"), {"reason": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert Application.objects.get().state == "received"


def test_a_declined_applicant_is_told_why_in_their_language(
    client, application, smtp_server, run_tasks, django_capture_on_commit_callbacks
):
    project_pk = application.project_id
    client.force_login(make_staff("editor", "Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(application, "decline"), {"reason": "Проект уже включён в программу."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.state, application.decline_reason, application.project) == (
        "declined",
        "Проект уже включён в программу.",
        None,
    )
    assert not Project.objects.filter(pk=project_pk).exists()
    run_tasks()
    [declined] = [m for m in smtp_server.messages if "не принята" in m["Subject"]]
    assert declined["Subject"].lstrip() == "Ваша заявка «Дни французского кино в Ярославле» не принята"
    assert "по следующей причине:\n\nПроект уже включён в программу.\n" in declined.get_content()


def test_an_application_is_decided_once(application):
    editor = make_staff("editor", "Editors")
    services.accept_application(application=application, user=editor)
    with pytest.raises(ValidationError, match=r"Cette candidature est déjà acceptée\."):
        services.decline_application(application=application, user=editor, reason="Non.", base_url="/")


def test_projects_from_applications_are_marked_in_the_projects_list(client, application):
    client.force_login(make_staff("editor", "Editors"))
    html = client.get("/admin/events/project/?origin=application").content.decode()
    assert f"/admin/events/project/{application.project_id}/change/" in html
    assert "1 projet" in html


def test_the_change_page_offers_the_decision_to_editors_only(client, application):
    change = f"/admin/applications/application/{application.pk}/change/"
    client.force_login(make_staff("editor", "Editors"))
    html = client.get(change).content.decode()
    assert f'href="{url(application, "accept")}"' in html
    assert "Мэрия города Ярославля" in html
    client.force_login(make_staff("committee", "Labelling committee"))
    response = client.get(change)
    assert response.status_code == 200
    assert f'href="{url(application, "accept")}"' not in response.content.decode()


def test_the_bulk_action_accepts_the_selected_applications(client, application):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(
        "/admin/applications/application/",
        {"action": "accept_selected", "_selected_action": [application.pk], "index": 0},
    )
    assert response.status_code == 302
    assert Application.objects.get().state == "accepted"


def test_the_desk_lists_the_applications_waiting_for_a_decision(client, application):
    client.force_login(make_staff("editor", "Editors"))
    desk = client.get("/admin/").content.decode()
    waiting = desk.split('<div class="module" id="applications-waiting">')[1].split("</div>")[0]
    assert re.findall(r"<li>(.*?)</li>", waiting) == [
        f'<a href="/admin/applications/application/{application.pk}/change/">Дни французского кино в '
        f"Ярославле</a> — Мэрия города Ярославля ({application.received_at:%d/%m/%Y})"
    ]
    services.accept_application(application=application, user=make_staff("editor2", "Editors"))
    desk = client.get("/admin/").content.decode()
    waiting = desk.split('<div class="module" id="applications-waiting">')[1].split("</div>")[0]
    assert re.findall(r"<li>(.*?)</li>", waiting) == ["Aucun projet en attente."]


def test_an_applicant_from_a_town_new_to_the_portal_gets_its_place_from_the_gazetteer(application):
    Application.objects.filter(pk=application.pk).update(
        organisation="Мэрия города Костромы", place="Кострома"
    )
    application.refresh_from_db()
    services.accept_application(application=application, user=make_staff("editor", "Editors"))
    application.refresh_from_db()
    partner = Partner.objects.get(name_ru="Мэрия города Костромы")
    kostroma = partner.territory
    assert (kostroma.name_ru, kostroma.name_fr, kostroma.country, kostroma.kind) == (
        "Кострома",
        "Kostroma",
        "RU",
        "city",
    )
    assert (round(kostroma.latitude, 2), round(kostroma.longitude, 2)) == (Decimal("57.77"), Decimal("40.93"))
    assert application.staff_note.splitlines()[:2] == [
        "Le lieu «\u00a0Kostroma\u00a0» a été ajouté depuis le répertoire géographique\u00a0: "
        "vérifiez sa position sur la carte.",
        "Le partenaire «\u00a0Мэрия города Костромы\u00a0» a été créé à Kostroma\u00a0: vérifiez son nom en "
        "français.",
    ]
