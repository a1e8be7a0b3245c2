"""Small factory functions for data the programme does not have (e.g. unpublished projects)."""

from datetime import date

from events.models import LabellingStatus, Participation, Project, Side, Theme
from events.services import refresh_derived_fields
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
):
    project = Project.objects.create(
        slug=slug or title.lower().replace(" ", "-"),
        title_fr=title,
        title_ru=f"{title} (ru)",
        title_en=f"{title} (en)",
        description_fr=description,
        planned_start=start,
        planned_end=end,
        planned_precision=precision if start else "unknown",
        status=status,
        labelled_on=None if status == LabellingStatus.PROPOSED else date(2021, 6, 1),
    )
    for position, key in enumerate(french):
        Participation.objects.create(
            project=project, partner=Partner.objects.get(slug=key), side=Side.FRENCH, position=position
        )
    for position, key in enumerate(russian):
        Participation.objects.create(
            project=project, partner=Partner.objects.get(slug=key), side=Side.RUSSIAN, position=position
        )
    project.themes.set(Theme.objects.filter(slug__in=themes))
    refresh_derived_fields(project=project)
    return project
