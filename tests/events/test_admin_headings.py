"""The workflow pages of the admin carry their title once: the admin's base template already writes
it as the page's heading, so the templates must not write it again."""

import re

import pytest
from django.urls import reverse

from events.models import LabellingStatus, ProjectRevision
from tests.events.test_desk import propose_title
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


def headings(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)


def test_a_workflow_step_and_the_event_status_page_have_one_heading(client):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(make_staff("committee", "Labelling committee"))
    transition = client.get(
        reverse("admin:events_project_transition", args=[project.pk]) + "?action=withdraw",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [h.strip() for h in headings(transition)].count("Withdraw") == 1
    status = client.get(
        reverse("admin:events_project_event_status", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [h.strip() for h in headings(status)].count("Change the event’s status") == 1


def test_the_review_of_a_proposed_change_has_one_heading(client):
    project = make_project(title="Fête publiée", slug="fete-publiee", status=LabellingStatus.PUBLISHED)
    client.force_login(make_staff("editor", "Editors"))
    propose_title(client, project, "Fête corrigée")
    revision = ProjectRevision.objects.get(project=project)
    client.force_login(make_staff("committee", "Labelling committee"))
    page = client.get(
        reverse("admin:events_projectrevision_review", args=[revision.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [h.strip() for h in headings(page)].count("Change to “Fête publiée (en)”") == 1
