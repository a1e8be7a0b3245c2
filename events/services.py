"""State changes of the programme. Each function is atomic and takes keyword arguments only."""

from django.db import transaction

from partners.services import ensure_pairs

from . import search
from .models import Project, Side


def _territory_chain(territory):
    """The territory and its ancestors below the country level."""
    chain = []
    while territory is not None and territory.kind != "country":
        chain.append(territory)
        territory = territory.parent
    return chain


@transaction.atomic
def refresh_derived_fields(*, project: Project) -> None:
    """Recompute what is derived from a project's partners: territories, pairs and search text.

    Call after the project's participations and themes are saved.
    """
    participations = list(
        project.participations.select_related(
            "partner__territory__parent__parent", "partner__territory__parent"
        ).order_by("side", "position")
    )
    territories = {}
    for participation in participations:
        for territory in _territory_chain(participation.partner.territory):
            territories[territory.pk] = territory
    if project.french_region_id:
        territories[project.french_region_id] = project.french_region
    project.territories.set(territories.values())
    project.pairs.set(
        ensure_pairs(
            french=[p.partner for p in participations if p.side == Side.FRENCH],
            russian=[p.partner for p in participations if p.side == Side.RUSSIAN],
        )
    )

    texts = [
        getattr(project, f"{field}_{lang}")
        for field in ("title", "description", "planned_text")
        for lang in ("fr", "ru", "en")
    ]
    titles = [getattr(project, f"title_{lang}") for lang in ("fr", "ru", "en")]
    for participation in participations:
        texts += [getattr(participation.partner, f"name_{lang}") for lang in ("fr", "ru", "en")]
    for territory in territories.values():
        texts += [getattr(territory, f"name_{lang}") for lang in ("fr", "ru", "en")]
        texts += territory.alternative_names_list
    for theme in project.themes.all():
        texts += [getattr(theme, f"name_{lang}") for lang in ("fr", "ru", "en")]
    Project.objects.filter(pk=project.pk).update(
        search_document=search.build_document(texts), search_title=search.build_document(titles)
    )
