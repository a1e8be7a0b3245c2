"""Querysets for everything public. The "published only" rule lives here and nowhere else."""

import copy
import hashlib
from datetime import date

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from partners.districts import DISTRICT_OF_SUBJECT, FederalDistrict
from partners.models import PartnerPair

from . import search
from .models import (
    ChangeKind,
    LabellingStatus,
    Participation,
    ProgrammeChange,
    Project,
    Side,
    StatusChange,
    Theme,
)
from .periods import Precision

# The programme's order: by planned start (undated projects last, on every database), then entry.
PROGRAMME_ORDER = (F("planned_start").asc(nulls_last=True), "id")


def _cached(kind: str, queryset, build):
    """`build(queryset)`, cached under the SQL of the queryset (its parameters included).

    portal.cache empties the cache whenever content changes, so nothing cached here goes stale.
    """
    try:
        sql = str(queryset.query)
    except EmptyResultSet:  # a filter on an empty list (no territory at all yet): nothing to count
        return build(queryset.none())
    key = f"{kind}:" + hashlib.sha256(sql.encode()).hexdigest()[:32]
    return cache.get_or_set(key, lambda: build(queryset), 3600)


def slug_table(queryset, name: str | None = None) -> dict:
    """{slug: object} for a small reference table (themes, regions, Russian federal subjects), cached
    under its SQL, or under `name` when the caller declares the queryset once for good (which spares
    compiling its SQL at every request)."""
    if name:
        return cache.get_or_set(f"slugs:{name}", lambda: {obj.slug: obj for obj in queryset}, 3600)
    return _cached("slugs", queryset, lambda rows: {obj.slug: obj for obj in rows})


def counted(choices: QuerySet, projects: QuerySet[Project], limit: int | None = None, first=None) -> list:
    """The `choices` (themes or partners) that have some of `projects`, with their number as `n`:
    `first` if it has any, then the most frequent, at most `limit`. Cached: every visitor of a list
    asks for the same counts, and portal.cache empties the cache when content changes.

    The filter comes before the count, so that the database joins from the matching projects
    instead of counting over every choice.
    """
    first_of_all = [Case(When(pk=first.pk, then=Value(0)), default=Value(1))] if first else []
    rows = (
        choices.filter(projects__in=projects.values("pk"))
        .annotate(n=Count("projects", distinct=True))
        .order_by(*first_of_all, "-n", "pk")
    )
    return _cached("counts", rows[:limit] if limit else rows, list)


def counted_event_statuses(projects: QuerySet[Project]) -> dict[str, int]:
    """{event status: number of `projects`} for the statuses some of them have; one query, cached."""
    rows = projects.order_by().values_list("event_status").annotate(n=Count("pk"))
    return dict(_cached("counts", rows, list))


def counted_territories(territories: QuerySet, projects: QuerySet[Project]) -> list:
    """The `territories` (a small set, e.g. the regions and federal subjects) that have some of
    `projects`, with their number as `n`, counted on the link table alone and cached.

    Grouping the link table by a list of known territory ids gives PostgreSQL exact row estimates;
    joining the territory table instead made it check the search condition once per link row
    (160–230 ms for a search at 100× data, against 10–30 ms this way).
    """
    objects = {obj.pk: obj for obj in slug_table(territories).values()}
    rows = (
        Project.territories.through.objects.filter(
            territory__in=list(objects), project__in=projects.values("pk")
        )
        .values_list("territory")
        .annotate(n=Count("project"))
        .order_by()
    )
    return [_with_count(objects[pk], n) for pk, n in _cached("counts", rows, list)]


def _with_count(obj, n):
    obj = copy.copy(obj)  # the object may be shared by the slug table of this request
    obj.n = n
    return obj


class CachedSelection:
    """A selection of projects as a paginated list reads it: its size, and the ids of a slice in
    its order, each cached under its SQL like the facet counts (portal.cache versions every key by
    content, so a publish or a withdrawal is seen at once). Pages then need the projects shown only
    when their cards are not cached (public.cards)."""

    ordered = True  # the queryset's order is kept; Paginator checks this attribute

    def __init__(self, queryset: QuerySet[Project], key: str | None = None):
        """`key`, if given, must stand for the queryset (its SQL) as a whole: it then replaces the
        SQL in the cache keys, which spares compiling it (public.filters.ProjectFilter.selection_key)."""
        self.queryset, self.key = queryset, key

    def count(self) -> int:
        if self.key:
            return cache.get_or_set(f"count:{self.key}", self.queryset.count, 3600)
        return _cached("count", self.queryset.order_by(), lambda rows: rows.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[int]:
        ids = self.queryset.values_list("pk", flat=True)[index]
        if self.key:
            return cache.get_or_set(f"ids:{self.key}:{index.start}:{index.stop}", lambda: list(ids), 3600)
        return _cached("ids", ids, list)


def cached_ids(projects: QuerySet[Project]) -> list[int]:
    """The ids of `projects` (a small, sliced selection), in its order, cached under its SQL."""
    return _cached("ids", projects.values_list("pk", flat=True), list)


def published_projects() -> QuerySet[Project]:
    """Every project the public may see."""
    return Project.objects.filter(status=LabellingStatus.PUBLISHED)


def left_programme_since(since) -> list[int]:
    """Ids of projects that were public and no longer are, having left the programme since `since`
    (withdrawn, or taken back by any other step of the workflow): what a reuser must delete."""
    return sorted(
        set(
            StatusChange.objects.filter(from_status=LabellingStatus.PUBLISHED, changed_at__gte=since)
            .exclude(project__status=LabellingStatus.PUBLISHED)
            .values_list("project_id", flat=True)
        )
    )


def withdrawn_projects() -> QuerySet[Project]:
    """Projects taken out of the programme after they were public: their addresses answer 410 Gone
    with their title. A project withdrawn before it was ever published is no public knowledge: its
    address answers 404 like an address that never existed."""
    return Project.objects.filter(status=LabellingStatus.WITHDRAWN, published_at__isnull=False)


def addressable_projects() -> QuerySet[Project]:
    """Projects whose address answers: published ones (200) and withdrawn ones once public (410)."""
    return Project.objects.filter(
        Q(status=LabellingStatus.PUBLISHED) | Q(status=LabellingStatus.WITHDRAWN, published_at__isnull=False)
    )


def public_changes(projects: QuerySet[Project] | None = None) -> QuerySet[ProgrammeChange]:
    """The programme's public changes, newest first, each with its project: every change of a
    published project, and only the withdrawal of a withdrawn one (its earlier news is no longer
    the programme's). Never a change of a project the public never saw. `projects` narrows them
    (e.g. the list's filters over addressable_projects())."""
    changes = ProgrammeChange.objects.filter(
        Q(project__status=LabellingStatus.PUBLISHED)
        | Q(
            project__status=LabellingStatus.WITHDRAWN,
            project__published_at__isnull=False,
            kind=ChangeKind.WITHDRAWN,
        )
    )
    if projects is not None:
        changes = changes.filter(project__in=projects.values("pk"))
    return changes.select_related("project").order_by("-recorded_at", "-id")


def withdrawal_notice(project: Project) -> ProgrammeChange | None:
    """The public record of a withdrawn project's withdrawal (its note is the public reason)."""
    return project.programme_changes.filter(kind=ChangeKind.WITHDRAWN).order_by("-recorded_at").first()


def with_changes(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with their public changes prefetched, newest first (one query)."""
    return projects.prefetch_related(
        Prefetch("programme_changes", queryset=ProgrammeChange.objects.order_by("-recorded_at", "-id"))
    )


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


def projects_with_partner(projects: QuerySet[Project], partner) -> QuerySet[Project]:
    return projects.filter(participations__partner=partner).distinct()


def _dated(projects: QuerySet[Project]) -> QuerySet[Project]:
    return with_relations(projects.filter(planned_precision__in=("day", "month")))


def upcoming_project_ids(projects: QuerySet[Project], today: date, limit: int = 6) -> list[int]:
    """The next dated projects (day or month precision) still running on `today`, soonest first
    (their ids, cached)."""
    dated = projects.filter(planned_precision__in=("day", "month"), planned_end__gte=today)
    return cached_ids(dated.order_by("planned_start", "planned_end", "id")[:limit])


def closing_project_ids(projects: QuerySet[Project], limit: int = 6) -> list[int]:
    """The last dated projects of the programme: what the home page shows once the Year is over
    (their ids, cached)."""
    dated = projects.filter(planned_precision__in=("day", "month"))
    return cached_ids(dated.order_by("-planned_end", "-id")[:limit])


def related_project_ids(project, limit=6) -> list[int]:
    """Other published projects sharing a partner, the region or a theme, the closest first: their
    ids, cached under the project's id (their query is the slowest of a project page); what makes
    them related is content, and portal.cache versions every key by content."""
    return cache.get_or_set(
        f"related:{project.pk}:{limit}",
        lambda: list(_related(project).values_list("pk", flat=True)[:limit]),
        3600,
    )


def _related(project) -> QuerySet[Project]:
    partner_ids = [p.partner_id for p in project.participations.all()]
    theme_ids = [t.pk for t in project.themes.all()]
    # Conditions on the other tables as EXISTS rather than joins: no duplicate rows, so no DISTINCT
    # over whole projects (53 → 38 ms at 100× data).
    shares_partner = Exists(Participation.objects.filter(project=OuterRef("pk"), partner__in=partner_ids))
    shares_theme = Exists(Project.themes.through.objects.filter(project=OuterRef("pk"), theme__in=theme_ids))
    candidates = published_projects().exclude(pk=project.pk).annotate(shares_partner=shares_partner)
    if not project.french_region_id:  # no region to share, and no constant to order by (PostgreSQL refuses)
        return candidates.filter(shares_partner | shares_theme).order_by("-shares_partner", *PROGRAMME_ORDER)
    same_region = Q(french_region=project.french_region_id)
    return (
        candidates.filter(shares_partner | same_region | shares_theme)
        # CASE rather than the bare comparison, which is NULL for projects without a region and
        # would rank them below projects of another region.
        .annotate(same_region=Case(When(same_region, then=Value(True)), default=Value(False)))
        .order_by("-shares_partner", "-same_region", *PROGRAMME_ORDER)
    )


def calendar_slots(projects: QuerySet[Project], first: date, last: date) -> dict:
    """The calendar's slots between `first` and `last` (one year): {("month", m): [ids]} for projects
    dated to the day or month, in every month they cover; {(precision, start): [ids]} for fuzzy
    ones, in their quarter, half-year or year band. Ids keep the order of `projects`; read from a
    light query of four columns, so that only the projects shown need reading in full."""
    slots = {}
    for pk, start, end, precision in projects.values_list(
        "pk", "planned_start", "planned_end", "planned_precision"
    ):
        if precision in (Precision.DAY, Precision.MONTH):
            keys = [("month", m) for m in range(max(start, first).month, min(end, last).month + 1)]
        else:
            keys = [(precision, start if start >= first else first)]
        for key in keys:
            slots.setdefault(key, []).append(pk)
    return slots


def may_preview(user) -> bool:
    """Staff who may see projects in the admin preview any project exactly as the public will see it."""
    return user.has_perm("events.view_project")


def previewable_projects(user) -> QuerySet[Project]:
    """What a project page may show to `user`: every project for staff previews, else the published ones."""
    return Project.objects.all() if may_preview(user) else published_projects()


def years_with_projects() -> list[int]:
    """The years that some published project covers, in order (for the calendar's year links)."""
    spans = (
        published_projects()
        .filter(planned_start__isnull=False)
        .values_list("planned_start__year", "planned_end__year")
    )
    return sorted({year for first, last in spans.distinct() for year in range(first, last + 1)})


# The Year in figures: counts over any selection of published projects (the list's filters apply).


def key_figures(projects: QuerySet[Project]) -> dict:
    """The headline numbers of a selection: projects, partners on each side, partnerships and
    twinnings among them (three queries)."""
    ids = projects.values("pk")
    sides = dict(
        Participation.objects.filter(project__in=ids)
        .values_list("side")
        .annotate(n=Count("partner", distinct=True))
        .order_by()
    )
    pair_ids = Project.pairs.through.objects.filter(project__in=ids).values("partnerpair")
    pairs = PartnerPair.objects.filter(pk__in=pair_ids).aggregate(
        total=Count("pk"), twinnings=Count("pk", filter=Q(is_twinning=True) | Q(twinned_in__isnull=False))
    )
    return {
        "projects": projects.count(),
        "french_partners": sides.get(Side.FRENCH, 0),
        "russian_partners": sides.get(Side.RUSSIAN, 0),
        "pairs": pairs["total"],
        "twinnings": pairs["twinnings"],
    }


def projects_by_federal_district(projects: QuerySet[Project], subjects: list) -> list[tuple[str, int]]:
    """(district, number of projects) for Russia's federal districts, in the districts' order; a
    project with partners in two subjects of one district counts once. `subjects` are the federal
    subjects (Territory) to consider; one query."""
    district_of = {s.pk: DISTRICT_OF_SUBJECT.get(s.slug, "") for s in subjects}
    links = Project.territories.through.objects.filter(
        territory__in=list(district_of), project__in=projects.values("pk")
    ).values_list("project", "territory")
    found = {}
    for project, territory in links:
        found.setdefault(district_of[territory], set()).add(project)
    order = [*FederalDistrict.values, ""]
    return [(district, len(found[district])) for district in order if district in found]


def dated_projects_by_month(projects: QuerySet[Project], year: int) -> list[int]:
    """For each month of `year`, the number of projects dated to the day or the month that take
    place in it (a project spanning three months counts in each); one query."""
    counts = [0] * 12
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = overlapping(_dated(projects), first, last).values_list("planned_start", "planned_end")
    for start, end in rows:
        for month in range(max(start, first).month, min(end, last).month + 1):
            counts[month - 1] += 1
    return counts


# Ages of twinnings, in years at the time of the programme: (lower bound, upper bound or None).
TWINNING_AGES = ((0, 9), (10, 19), (20, 29), (30, 39), (40, 49), (50, None))


def pairs_by_twinning_age(projects: QuerySet[Project], year: int) -> dict:
    """The partnerships of a selection by the age of their twinning in `year`: counts per
    TWINNING_AGES bracket, twinnings whose year is not known, and pairs that are not twinned."""
    pair_ids = Project.pairs.through.objects.filter(project__in=projects.values("pk")).values("partnerpair")
    brackets = [0] * len(TWINNING_AGES)
    unknown_year = not_twinned = 0
    for twinned_in, is_twinning in PartnerPair.objects.filter(pk__in=pair_ids).values_list(
        "twinned_in", "is_twinning"
    ):
        if twinned_in is None:
            if is_twinning:
                unknown_year += 1
            else:
                not_twinned += 1
            continue
        age = max(year - twinned_in, 0)
        for index, (low, high) in enumerate(TWINNING_AGES):
            if age >= low and (high is None or age <= high):
                brackets[index] += 1
                break
    return {"brackets": brackets, "unknown_year": unknown_year, "not_twinned": not_twinned}
