"""Small factory functions for data the programme does not have (e.g. unpublished projects)."""

from datetime import date

from django.utils import timezone

from events.models import LabellingStatus, Project, Theme, workflow_writer
from events.services import set_participants
from partners.models import Partner


def make_project(
    *,
    title="Projet secret de test",
    status=LabellingStatus.PROPOSED,
    themes=("sport",),
    french=("nice",),
    russian=("moscou",),
    start=date(2021, 12, 1),
    end=date(2021, 12, 31),
    precision="month",
    slug=None,
    description="Description du projet secret zanzibar",
    was_published=False,
):
    published_at = None
    if status == LabellingStatus.PUBLISHED or (status == LabellingStatus.WITHDRAWN and was_published):
        published_at = timezone.now()
    # A project in a given state as the workflow would have left it (tests of the public pages need
    # projects at every stage without walking each one through the committee).
    with workflow_writer("tests.factories"):
        project = Project.objects.create(
            slug=slug or title.lower().replace(" ", "-"),
            title_fr=title,
            title_ru=f"{title} (ru)",
            title_en=f"{title} (en)",
            description_fr=description,
            description_ru=f"{description} (ru)" if description else "",
            description_en=f"{description} (en)" if description else "",
            planned_start=start,
            planned_end=end,
            planned_precision=precision if start else "unknown",
            status=status,
            labelled_on=None if status == LabellingStatus.PROPOSED else date(2021, 6, 1),
            published_at=published_at,
        )
    set_participants(
        project=project,
        french=[Partner.objects.get(slug=key) for key in french],
        russian=[Partner.objects.get(slug=key) for key in russian],
        themes=Theme.objects.filter(slug__in=themes),
    )
    return project
