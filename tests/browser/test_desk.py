"""A change to a live project, from the editor to the committee and back, in a real browser: the
public keeps the published version until the committee approves, and everyone is told by e-mail."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from events.models import Project, StaffProfile
from tests.browser.test_staff import PASSWORD, fill_translated, sign_in

pytestmark = pytest.mark.browser

SLUG = "poursuite-de-la-cooperation-au-niveau-des-programmes-touristiques-et-gastronomiques"
OLD = "Poursuite de la coopération au niveau des programmes touristiques et gastronomiques"


def staff(username, group, email, language):
    user = User.objects.create_user(username, email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    StaffProfile.objects.create(user=user, language=language)


def test_a_change_to_a_live_project_is_reviewed_sent_back_then_approved(
    browser, live_server, programme, smtp_server, run_tasks
):
    staff("editor", "Editors", "editor@example.org", "fr")
    staff("natalia", "Labelling committee", "natalia@example.org", "ru")
    project = Project.objects.get(slug=SLUG)
    with translation.override("fr"):
        public_url = live_server.url + project.get_absolute_url()
    editor = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="fr-FR").new_page()
    editor.base_url = live_server.url
    committee = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="fr-FR").new_page()
    committee.base_url = live_server.url
    public = browser.new_context(locale="fr-FR").new_page()
    change_url = f"{live_server.url}/admin/events/project/{project.pk}/change/"

    # The editor changes the French title: it waits for review, the public sees the published one.
    sign_in(editor, "editor")
    editor.goto(change_url)
    fill_translated(editor, "title", {"fr": "Tourisme et gastronomie : coopération poursuivie"})
    editor.click("input[name=_continue]")
    editor.wait_for_load_state()
    assert "attend l’examen du comité de labellisation" in editor.locator(".messagelist").inner_text()
    public.goto(public_url)
    assert public.locator("h1").inner_text() == OLD

    # The committee reads the diff on its desk and sends the change back with a comment.
    sign_in(committee, "natalia")
    committee.click(f"#queue-revisions a:text('{OLD}')")
    rows = committee.locator("#revision-diff tbody tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-field") == "title_fr"
    assert rows.first.locator("td.current").inner_text() == OLD
    assert (
        rows.first.locator("td.proposed").inner_text() == "Tourisme et gastronomie : coopération poursuivie"
    )
    committee.fill("#id_comment", "Gardez le mot « poursuite » du programme.")
    committee.click("button[value=send_back]")
    committee.wait_for_load_state()

    # The editor sees the comment, corrects the title and saves again.
    editor.goto(change_url)
    assert "Gardez le mot « poursuite » du programme." in editor.locator("#latest-comment").inner_text()
    assert editor.input_value("#id_title_fr") == "Tourisme et gastronomie : coopération poursuivie"
    fill_translated(editor, "title", {"fr": "Poursuite de la coopération touristique et gastronomique"})
    editor.click("input[name=_continue]")
    editor.wait_for_load_state()
    editor.goto(editor.base_url + "/admin/")
    assert editor.locator("#queue-sent-back").inner_text() == "Rien n’a été renvoyé."

    # The committee approves: the public page shows the new title.
    committee.goto(committee.base_url + "/admin/")
    committee.click(f"#queue-revisions a:text('{OLD}')")
    assert committee.locator("#revision-diff td.proposed").inner_text() == (
        "Poursuite de la coopération touristique et gastronomique"
    )
    committee.click("button[value=approve]")
    committee.wait_for_load_state()
    public.goto(public_url)
    assert public.locator("h1").inner_text() == "Poursuite de la coopération touristique et gastronomique"

    # Each was told by e-mail in their own language.
    run_tasks()
    received = [(m["To"], m["Subject"].strip()) for m in smtp_server.messages]
    title_ru = Project.objects.get(pk=project.pk).title_ru
    assert received == [
        ("natalia@example.org", f"Изменение на рассмотрение: {title_ru}"),
        ("editor@example.org", f"Modification renvoyée\u00a0: {OLD}"),
        ("natalia@example.org", f"Изменение на рассмотрение: {title_ru}"),
        (
            "editor@example.org",
            "Modification publiée\u00a0: Poursuite de la coopération touristique et gastronomique",
        ),
    ]
