"""A project's French region follows from its French partners' places, by one rule
(events.services.derive_french_region) for the admin's forms and for imports (issue 15)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from events.models import Project, Theme
from events.services import derive_french_region
from partners.models import Partner, Territory
from tests.events.test_workflow_guard import form_data
from tests.factories import make_project
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("editrice", "Editors"))
    return client


def region(slug):
    return Territory.objects.get(slug=slug)


def partners(*slugs):
    return [Partner.objects.get(slug=slug) for slug in slugs]


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def save_change_form(client, project, **changes):
    url = reverse("admin:events_project_change", args=[project.pk])
    data = {**form_data(client.get(url)), **changes}
    return client.post(url, data)


def test_the_rule_takes_the_one_region_of_the_french_places():
    project = Project()
    assert derive_french_region(project=project, french=partners("nice", "marseille")) == [
        region("provence-alpes-cote-d-azur")
    ]
    assert project.french_region == region("provence-alpes-cote-d-azur")


def test_the_rule_leaves_the_region_empty_when_the_places_span_several():
    project = Project()
    found = derive_french_region(project=project, french=partners("nice", "angers"))
    assert [r.slug for r in found] == ["provence-alpes-cote-d-azur", "pays-de-la-loire"]
    assert project.french_region is None


def test_the_rule_never_replaces_a_region_already_chosen():
    project = Project(french_region=region("bretagne"))
    derive_french_region(project=project, french=partners("nice"))
    assert project.french_region == region("bretagne")


def test_saving_the_change_form_fills_the_empty_region_in_the_same_version(editor_client):
    project = make_project(title="Sans région", slug="sans-region", french=("nice",), russian=("moscou",))
    versions = project.history.count()
    response = save_change_form(editor_client, project, description_fr="Nouvelle description")
    assert response.status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert project.french_region == region("provence-alpes-cote-d-azur")
    assert (project.history.count(), project.version) == (versions + 1, 2)
    latest = project.history.order_by("-history_date", "-history_id").first()
    assert (latest.french_region_id, latest.description_fr) == (
        project.french_region_id,
        "Nouvelle description",
    )
    assert project.territories.filter(slug="provence-alpes-cote-d-azur").exists()
    assert (
        "La région française «\u202fProvence-Alpes-Côte d’Azur\u202f» a été déduite de la localisation "
        "des partenaires français." in texts(response)
    )


def test_the_add_form_fills_the_region_from_the_inline_partners(editor_client):
    url = reverse("admin:events_project_add")
    data = {
        **form_data(editor_client.get(url)),
        "title_fr": "Festival niçois",
        "slug": "festival-nicois",
        "description_fr": "Un festival.",
        "themes": [str(Theme.objects.get(slug="sport").pk)],
        "participations-TOTAL_FORMS": "2",
        "participations-0-partner": str(Partner.objects.get(slug="nice").pk),
        "participations-0-side": "fr",
        "participations-0-position": "0",
        "participations-1-partner": str(Partner.objects.get(slug="moscou").pk),
        "participations-1-side": "ru",
        "participations-1-position": "0",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    project = Project.objects.get(slug="festival-nicois")
    assert project.french_region == region("provence-alpes-cote-d-azur")
    assert project.history.count() == 1
    assert project.history.get().french_region_id == project.french_region_id


def test_places_in_several_regions_leave_the_region_empty_and_say_so(editor_client):
    project = make_project(title="Deux régions", slug="deux-regions", french=("nice", "angers"))
    response = save_change_form(editor_client, project)
    assert Project.objects.get(pk=project.pk).french_region is None
    assert (
        "Les partenaires français sont situés dans plusieurs régions (Provence-Alpes-Côte "
        "d’Azur, Pays de la Loire)\u00a0: choisissez la région française du projet." in texts(response)
    )


def test_the_region_the_editor_chose_is_kept(editor_client):
    project = make_project(title="Choisie", slug="choisie", french=("nice",))
    save_change_form(editor_client, project, french_region=str(region("bretagne").pk))
    assert Project.objects.get(pk=project.pk).french_region == region("bretagne")
