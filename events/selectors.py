"""Querysets for everything public. The "published only" rule lives here and nowhere else."""

import hashlib
from datetime import date

from django.core.cache import cache
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from . import search
from .models import LabellingStatus, Participation, Project, Theme

# The programme's order: by planned start (undated projects last, on every database), then entry.
PROGRAMME_ORDER = (F("planned_start").asc(nulls_last=True), "id")


def slug_table(queryset) -> dict:
    """{slug: object} for a small reference table (themes, territories, partners), cached.

    portal.cache empties the cache whenever content changes, so the table never goes stale.
    """
    key = "slugs:" + hashlib.sha256(str(queryset.query).encode()).hexdigest()[:32]
    table = cache.get(key)
    if table is None:
        table = {obj.slug: obj for obj in queryset}
        cache.set(key, table, 3600)
    return table


def published_projects() -> QuerySet[Project]:
    """Every project the public may see."""
    return Project.objects.filter(status=LabellingStatus.PUBLISHED)


def withdrawn_projects() -> QuerySet[Project]:
    """Projects taken out of the programme: their addresses answer 410 Gone, nothing more."""
    return Project.objects.filter(status=LabellingStatus.WITHDRAWN)


def addressable_projects() -> QuerySet[Project]:
    """Projects whose address answers: published ones (200) and withdrawn ones (410)."""
    return Project.objects.filter(status__in=(LabellingStatus.PUBLISHED, LabellingStatus.WITHDRAWN))


def with_relations(projects: QuerySet[Project]) -> QuerySet[Project]:
    """What a list, a page or an export shows of each project, in a fixed number of queries."""
    return projects.select_related("french_region").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position")),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("partner__territory").order_by("side", "position"),
        ),
    )


def overlapping(projects: QuerySet[Project], start: date | None, end: date | None) -> QuerySet[Project]:
    """Projects whose planned interval meets [start, end]; a fuzzy period meets every range it overlaps."""
    if start:
        projects = projects.filter(planned_end__gte=start)
    if end:
        projects = projects.filter(planned_start__lte=end)
    return projects


def matching(projects: QuerySet[Project], query: str) -> QuerySet[Project]:
    """Projects matching every word of `query` in any language or script, title matches first."""
    words = search.query_words(query)
    if not words:
        return projects
    return projects.filter(search.matches("search_document", words)).annotate(
        title_match=Case(
            When(search.matches("search_title", words), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def projects_with_partner(projects: QuerySet[Project], partner, side=None) -> QuerySet[Project]:
    condition = Q(participations__partner=partner)
    if side:
        condition &= Q(participations__side=side)
    return projects.filter(condition).distinct()
