"""The programme's life after launch, in a real browser: a committee member postpones a published
project, then reschedules it, through the admin; every public surface then says so."""

import json
from datetime import date
from importlib import import_module

import feedparser
import icalendar
import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from tests.factories import make_project

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password-123"


@pytest.fixture
def committee(programme):
    # The live server's database is emptied after each test: the permission is granted again, as
    # the migration grants it.
    import_module("events.migrations.0009_event_status_and_programme_changes").grant_to_committee(apps, None)
    user = User.objects.create_user("committee", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Labelling committee"))
    return user


def change_event(page, project, *, status, note, dates=None):
    page.goto(f"{page.base_url}/admin/events/project/{project.pk}/change/")
    page.click("a.button:has-text('Change the event')")
    page.select_option("#id_event_status", status)
    if dates:
        page.fill("#id_new_start", dates[0])
        page.fill("#id_new_end", dates[1])
        page.select_option("#id_new_precision", "month")
    page.fill("#id_note_en", note)
    page.click("input[type=submit][value=Confirm]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/events/project/{project.pk}/change/")


def test_a_committee_member_postpones_then_reschedules_and_every_surface_says_so(
    browser, live_server, committee
):
    project = make_project(
        title="Festival de la dentelle",
        status="published",
        slug="festival-dentelle",
        start=date(2021, 6, 1),
        end=date(2021, 6, 30),
    )
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    page = context.new_page()
    page.base_url = live_server.url
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "committee")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    change_event(page, project, status="postponed", note="The lace makers need more time.")
    assert "is now: postponed" in page.content()
    public = context.new_page()
    public.goto(f"{live_server.url}/en/projects/festival-dentelle/")
    assert public.locator(".event-badge").first.inner_text() == "Postponed – new dates to be announced"

    change_event(
        page, project, status="rescheduled", note="Now in September.", dates=("2021-09-01", "2021-09-30")
    )
    context.clear_cookies()

    # The project's page, in three languages, with its dated notes.
    public.goto(f"{live_server.url}/en/projects/festival-dentelle/")
    assert (
        public.locator(".event-badge").first.inner_text()
        == "Rescheduled: planned for June 2021, now September 2021"
    )
    notes = public.locator("#changes-title + ul li").all_inner_texts()
    assert [note.split(" on ")[0] for note in notes] == ["Rescheduled", "Postponed"]
    assert "Now in September." in notes[0]
    public.goto(f"{live_server.url}/fr/projets/festival-dentelle/")
    assert public.locator(".event-badge").first.inner_text() == (
        "Reprogrammé\u00a0: initialement juin\u00a02021, désormais septembre\u00a02021"
    )
    public.goto(f"{live_server.url}/ru/proekty/festival-dentelle/")
    assert public.locator(".event-badge").first.inner_text().startswith("Перенесено: прежний срок")

    # The JSON-LD of the page.
    public.goto(f"{live_server.url}/en/projects/festival-dentelle/")
    data = json.loads(public.locator("script[type='application/ld+json']").inner_text())
    assert (data["eventStatus"], data["previousStartDate"], data["startDate"]) == (
        "https://schema.org/EventRescheduled",
        "2021-06-01",
        "2021-09-01",
    )

    # The iCalendar file, parsed.
    body = public.request.get(f"{live_server.url}/api/projects/{project.pk}.ics?lang=en").body()
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert (event.decoded("dtstart"), int(event["sequence"]), str(event["status"])) == (
        date(2021, 9, 1),
        2,
        "TENTATIVE",
    )

    # The API.
    api = public.request.get(f"{live_server.url}/api/projects.json?event_status=rescheduled").json()
    assert [(p["slug"], p["event"]["status"], p["event"]["sequence"]) for p in api["results"]] == [
        ("festival-dentelle", "rescheduled", 2)
    ]

    # What's new and its feed.
    public.goto(f"{live_server.url}/en/whats-new/")
    entries = public.locator(".programme-change .event-badge").all_inner_texts()
    assert entries == [
        "Rescheduled: planned for June 2021, now September 2021",
        "Postponed – new dates to be announced",
    ]
    feed = feedparser.parse(public.request.get(f"{live_server.url}/en/whats-new/feed/").body())
    assert [entry.title for entry in feed.entries] == [
        "Rescheduled: planned for June 2021, now September 2021 – Festival de la dentelle (en)",
        "Postponed – new dates to be announced – Festival de la dentelle (en)",
    ]
    context.close()


def test_whats_new_and_a_cancelled_project_pass_axe_in_three_languages(page, committee):
    from events import services
    from tests.browser.conftest import axe_violations

    project = make_project(title="Régate annulée", status="published", slug="regate-annulee")
    services.change_event_status(
        project=project, user=committee, event_status="cancelled", note={"en": "Not enough wind."}
    )
    for path in (
        "/fr/nouveautes/",
        "/ru/novoe/",
        "/en/whats-new/",
        "/en/projects/regate-annulee/",
        "/ru/proekty/regate-annulee/",
        "/en/projects/?event_status=cancelled",
    ):
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path
    assert page.locator(".project-card .event-badge-cancelled").inner_text() == "Cancelled"
