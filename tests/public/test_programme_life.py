"""The programme's life after launch on every public surface: badges, the event_status facet, What's
new and its feed, iCalendar, JSON-LD, the API, CSV, Atom; nothing about never-published projects."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import urlencode

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.models import ChangeKind, ProgrammeChange, Project
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, lang="fr", *args, **params):
    with translation.override(lang):
        path = reverse(name, args=args)
    return path + ("?" + urlencode(params) if params else "")


@pytest.fixture
def committee():
    return make_staff("committee", "Labelling committee")


@pytest.fixture
def festival(committee):
    """A published project rescheduled from June to September 2021, with a note for readers."""
    project = make_project(
        title="Festival zanzibar de juin",
        status="labelled",
        slug="festival-zanzibar",
        themes=("culture-education",),
        start=date(2021, 6, 1),
        end=date(2021, 6, 30),
    )
    services.publish_project(project=project, user=committee)
    services.change_event_status(
        project=project,
        user=committee,
        event_status="rescheduled",
        attendance_mode="mixed",
        new_start=date(2021, 9, 1),
        new_end=date(2021, 9, 30),
        new_precision="month",
        note={"fr": "Nouvelle saison zanzibar.", "ru": "Новый сезон.", "en": "A new season."},
    )
    project.refresh_from_db()
    return project


@pytest.fixture
def cancelled(committee):
    project = make_project(title="Tournoi zanzibar annulé", status="published", slug="tournoi-zanzibar")
    services.change_event_status(project=project, user=committee, event_status="cancelled")
    project.refresh_from_db()
    return project


@pytest.fixture
def secrets(committee):
    """What could leak: a labelled project with a change written past the services, and a project
    withdrawn after publication whose earlier note and public reason stay off What's new."""
    hidden = make_project(title="Brouillon confidentiel", status="labelled", slug="brouillon-confidentiel")
    ProgrammeChange.objects.create(
        project=hidden,
        kind=ChangeKind.CANCELLED,
        changed_on=date(2021, 5, 3),
        event_status="cancelled",
        attendance_mode="in_person",
        previous_precision="month",
        new_precision="month",
        note_fr="Note confidentielle",
    )
    gone = make_project(title="Projet parti zanzibar", status="published", slug="projet-parti")
    services.change_event_status(
        project=gone, user=committee, event_status="postponed", note={"fr": "Note ancienne du parti"}
    )
    services.withdraw_project(
        project=gone,
        user=committee,
        reason="Motif interne du comité",
        public_note={"fr": "Les partenaires ont renoncé.", "en": "The partners gave up."},
    )
    return {"hidden": hidden, "gone": gone}


# The project's page, cards and the list


def test_the_project_page_says_the_new_dates_and_its_dated_notes_in_three_languages(client, festival):
    today = timezone.localdate()
    expected = {
        "fr": (
            "Reprogrammé\u00a0: initialement juin\u00a02021, désormais septembre\u00a02021",
            "Sur place et en ligne",
        ),
        "ru": (
            "Перенесено: прежний срок\u00a0— июнь\u00a02021\u00a0года, "
            "новый\u00a0— сентябрь\u00a02021\u00a0года",
            "Очно и онлайн",
        ),
        "en": ("Rescheduled: planned for June 2021, now September 2021", "In person and online"),
    }
    for lang, (badge, attendance) in expected.items():
        html = client.get(url("events:project-detail", lang, festival.slug)).content.decode()
        assert f'<span class="event-badge event-badge-rescheduled">{badge}</span>' in html
        assert f'<span class="event-badge event-badge-attendance">{attendance}</span>' in html
    with translation.override("en"):
        day = today.strftime("%-d %B %Y")
    html = client.get(url("events:project-detail", "en", festival.slug)).content.decode()
    assert f"Rescheduled on {day}: planned for June 2021, now September 2021" in html
    assert f"Added to the programme on {day}" in html
    assert "A new season." in html


def test_the_list_filters_by_event_status_and_counts_each_status(client, festival, cancelled):
    response = client.get(url("events:project-list", "en", event_status="cancelled"))
    ids = response.context["page_obj"].object_list  # the page holds ids; public.cards draws them
    assert [Project.objects.get(pk=pk).slug for pk in ids] == ["tournoi-zanzibar"]
    html = response.content.decode()
    assert '<span class="event-badge event-badge-cancelled">Cancelled</span>' in html
    counts = {
        c.slug: c.n for c in client.get(url("events:project-list", "en")).context["facets"]["event_status"]
    }
    published = sum(counts.values())
    assert counts == {"scheduled": published - 2, "rescheduled": 1, "cancelled": 1}
    assert "Event status: Cancelled" in html


def test_an_unknown_event_status_is_refused_with_its_reason(client):
    response = client.get(url("events:project-list", "en", event_status="forgotten"))
    assert response.status_code == 400
    assert (
        "Choose one of: scheduled, postponed, rescheduled, cancelled, moved_online."
        in response.content.decode()
    )


# Reuse: iCalendar, JSON-LD, API, CSV, Atom


def test_ical_cancels_a_cancelled_event_and_counts_the_changes(client, festival, cancelled):
    for path in (f"/api/projects/{cancelled.pk}.ics", "/api/projects.ics?q=zanzibar"):
        events = {
            str(e["uid"]): e for e in icalendar.Calendar.from_ical(client.get(path).content).walk("VEVENT")
        }
        event = events[f"project-{cancelled.pk}@2021.fr-ru-cooperation"]
        assert (str(event["status"]), int(event["sequence"])) == ("CANCELLED", 1)
        assert event.decoded("last-modified") == cancelled.updated_at.replace(microsecond=0)
    (event,) = icalendar.Calendar.from_ical(
        client.get(f"/api/projects/{festival.pk}.ics?lang=en").content
    ).walk("VEVENT")
    assert (str(event["status"]), int(event["sequence"])) == ("TENTATIVE", 1)
    assert event.decoded("dtstart") == date(2021, 9, 1)
    assert str(event["description"]).startswith(
        "Rescheduled: planned for June 2021, now September 2021\n\nIn person and online\n\n"
    )


def test_ical_marks_a_postponed_event_tentative(client, committee):
    project = make_project(title="Concert zanzibar", status="published", slug="concert", precision="day")
    services.change_event_status(project=project, user=committee, event_status="postponed")
    (event,) = icalendar.Calendar.from_ical(client.get(f"/api/projects/{project.pk}.ics").content).walk(
        "VEVENT"
    )
    assert (str(event["status"]), int(event["sequence"])) == ("TENTATIVE", 1)


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_json_ld_says_rescheduled_with_the_previous_start_and_the_attendance(client, festival, cancelled):
    data = json_ld(client.get(url("events:project-detail", "en", festival.slug)).content.decode())
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2021-06-01"
    assert (data["startDate"], data["endDate"]) == ("2021-09-01", "2021-09-30")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    data = json_ld(client.get(url("events:project-detail", "en", cancelled.slug)).content.decode())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert "previousStartDate" not in data


def test_the_api_gives_the_event_and_filters_by_its_status(client, festival):
    document = client.get("/api/projects.json", {"event_status": "rescheduled"}).json()
    assert document["count"] == 1
    assert document["results"][0]["event"] == {
        "status": "rescheduled",
        "attendance_mode": "mixed",
        "previous_planned": {"start": "2021-06-01", "end": "2021-06-30", "precision": "month"},
        "sequence": 1,
    }
    assert document["results"][0]["planned"]["start"] == "2021-09-01"
    refused = client.get("/api/projects.json", {"event_status": "gone"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["event_status"]


def test_the_csv_has_the_event_columns(client, festival):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/api/projects.csv", {"q": "zanzibar"}).content.decode("utf-8-sig"))
        )
    )
    (row,) = [r for r in rows if r["title_fr"] == "Festival zanzibar de juin"]
    assert (row["event_status"], row["attendance_mode"]) == ("rescheduled", "mixed")
    assert (row["previous_planned_start"], row["previous_planned_end"]) == ("2021-06-01", "2021-06-30")


def test_the_atom_feed_entry_says_the_status(client, cancelled):
    feed = ET.fromstring(client.get(url("events:feed", "en")).content)
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text == cancelled.title_en)
    assert entry.find(f"{ATOM}summary").text.startswith("Cancelled. ")


# What's new


def test_whats_new_lists_the_public_changes_newest_first_in_three_languages(
    client, festival, cancelled, secrets
):
    paths = {"fr": "/fr/nouveautes/", "ru": "/ru/novoe/", "en": "/en/whats-new/"}
    for lang, path in paths.items():
        assert url("events:whats-new", lang) == path
        assert client.get(path).status_code == 200
    response = client.get("/en/whats-new/")
    shown = [(c.project.slug, c.kind) for c in response.context["page_obj"]]
    assert shown == [
        ("projet-parti", "withdrawn"),
        ("tournoi-zanzibar", "cancelled"),
        ("festival-zanzibar", "rescheduled"),
        ("festival-zanzibar", "published"),
    ]
    html = response.content.decode()
    assert '<a href="/en/projects/projet-parti/">Projet parti zanzibar (en)</a>' in html
    change = ProgrammeChange.objects.get(project=festival, kind="rescheduled")
    assert f'<a href="/en/projects/festival-zanzibar/#change-{change.pk}">' in html
    assert "A new season." in html
    for secret in (
        "Brouillon confidentiel",
        "Note confidentielle",
        "Note ancienne",
        "renoncé",
        "gave up",
        "Motif interne",
    ):
        assert secret not in html


def test_whats_new_takes_the_list_filters(client, festival, cancelled):
    response = client.get("/en/whats-new/", {"theme": "culture-education"})
    assert [(c.project.slug, c.kind) for c in response.context["page_obj"]] == [
        ("festival-zanzibar", "rescheduled"),
        ("festival-zanzibar", "published"),
    ]
    assert "<span>Theme: Cultural and educational cooperation</span>" in response.content.decode()
    response = client.get("/en/whats-new/", {"event_status": "cancelled"})
    assert [(c.project.slug, c.kind) for c in response.context["page_obj"]] == [
        ("tournoi-zanzibar", "cancelled")
    ]
    assert client.get("/en/whats-new/", {"region": "atlantis"}).status_code == 400
    assert client.get("/en/whats-new/", {"page": "zero"}).status_code == 400


def test_whats_new_feed_follows_the_filters(client, festival, cancelled, secrets):
    feed = ET.fromstring(client.get("/en/whats-new/feed/").content)
    titles = [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "Withdrawn from the programme – Projet parti zanzibar (en)",
        "Cancelled – Tournoi zanzibar annulé (en)",
        "Rescheduled: planned for June 2021, now September 2021 – Festival zanzibar de juin (en)",
        "Added to the programme – Festival zanzibar de juin (en)",
    ]
    body = client.get("/en/whats-new/feed/").content.decode()
    for secret in ("Brouillon confidentiel", "Note confidentielle", "renoncé", "gave up", "Motif interne"):
        assert secret not in body
    filtered = ET.fromstring(client.get("/fr/nouveautes/flux/", {"event_status": "cancelled"}).content)
    assert [e.find(f"{ATOM}title").text for e in filtered.iter(f"{ATOM}entry")] == [
        "Annulé – Tournoi zanzibar annulé"
    ]
    assert client.get("/en/whats-new/feed/", {"theme": "nothing"}).status_code == 400


def test_the_withdrawn_page_shows_the_public_reason_only(client, secrets):
    response = client.get(url("events:project-detail", "en", "projet-parti"))
    html = response.content.decode()
    assert response.status_code == 410
    assert "The partners gave up." in html
    assert "Motif interne" not in html


def test_whats_new_is_in_the_sitemap_and_linked_from_the_footer(client):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/fr/nouveautes/", "/ru/novoe/", "/en/whats-new/"):
        assert f"{path}</loc>" in sitemap
    assert '<a href="/ru/novoe/">Что нового</a>' in client.get("/ru/").content.decode()


def test_whats_new_queries(client, festival, cancelled, django_assert_num_queries):
    client.get("/en/whats-new/", {"theme": "culture-education"})  # the themes' slug table is cached
    # The count, then the page of changes with their projects.
    with django_assert_num_queries(2):
        assert client.get("/en/whats-new/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/en/whats-new/", {"theme": "culture-education"}).status_code == 200
    # The site (for the feed's absolute addresses), then the changes with their projects.
    with django_assert_num_queries(2):
        assert client.get("/en/whats-new/feed/").status_code == 200


def test_an_event_moved_online_says_so_once_and_in_json_ld(client, committee):
    project = make_project(title="Colloque zanzibar", status="published", slug="colloque-zanzibar")
    services.change_event_status(project=project, user=committee, event_status="moved_online")
    html = client.get(url("events:project-detail", "en", project.slug)).content.decode()
    assert (
        '<p class="event-badges"><span class="event-badge event-badge-moved_online">Moved online</span></p>'
        in html
    )
    data = json_ld(html)
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
