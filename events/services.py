"""State changes of the programme. Each function is atomic and takes keyword arguments only."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.services import ensure_pairs, unique_slug

from . import search
from .models import (
    LabelCounter,
    LabellingStatus,
    Participation,
    Project,
    Side,
    StaleProject,
    StatusChange,
    workflow_writer,
)
from .periods import Precision, describe_period


def _search_texts(project: Project, partners, territories, themes) -> tuple[str, str]:
    """(search document, search title) of a project from its sources."""
    texts = [
        getattr(project, f"{field}_{lang}")
        for field in ("title", "description", "planned_text")
        for lang in ("fr", "ru", "en")
    ]
    titles = [getattr(project, f"title_{lang}") for lang in ("fr", "ru", "en")]
    for partner in partners:
        texts += [getattr(partner, f"name_{lang}") for lang in ("fr", "ru", "en")]
    for territory in territories:
        texts += [getattr(territory, f"name_{lang}") for lang in ("fr", "ru", "en")]
        texts += territory.alternative_names_list
    for theme in themes:
        texts += [getattr(theme, f"name_{lang}") for lang in ("fr", "ru", "en")]
    return search.build_document(texts), search.build_document(titles)


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
        for territory in participation.partner.territory.lineage():
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
    document, title = _search_texts(
        project, [p.partner for p in participations], territories.values(), project.themes.all()
    )
    Project.objects.filter(pk=project.pk).update(search_document=document, search_title=title)


# Derived data follows its sources. Renaming a partner, a place or a theme, editing a place's
# alternative spellings, moving a partner or a place: every project they touch is refreshed in the
# same transaction (events.receivers connects the signals; the admin's saves are atomic), in
# batches of SEARCH_BATCH projects: 5 queries to read a batch, 1 UPDATE for its search text, and
# for a move 1 INSERT and 1 DELETE for its places. The cost grows with the number of projects
# touched (about 6 ms each, the search text's folding and stemming); docs/reliability.md has the
# measures.

SEARCH_BATCH = 500
_deferred_refresh = contextvars.ContextVar("deferred_refresh", default=None)


@contextmanager
def deferring_derived_refresh():
    """Collect the projects to refresh while the code inside saves many sources (the programme
    loader), and refresh each of them once at the end."""
    pending = set()
    token = _deferred_refresh.set(pending)
    try:
        yield
    finally:
        _deferred_refresh.reset(token)
    if pending:
        refresh_places_and_search_text(projects=Project.objects.filter(pk__in=pending), places=True)


def _places_of(project) -> dict:
    """{pk: territory} of a project from its (prefetched) partners and its French region."""
    places = {}
    for participation in project.participations.all():
        for territory in participation.partner.territory.lineage():
            places[territory.pk] = territory
    if project.french_region_id:
        places[project.french_region_id] = project.french_region
    return places


@transaction.atomic
def refresh_places_and_search_text(*, projects, places: bool = False) -> int:
    """Rebuild the search text of `projects` (a queryset) from their current sources, and their
    territories too when `places` (a partner or a place moved). Pairs depend on partners only and
    do not change. Returns how many projects were refreshed."""
    pending = _deferred_refresh.get()
    if pending is not None:
        pending.update(projects.values_list("pk", flat=True))
        return 0
    through = Project.territories.through
    queryset = (
        projects.order_by("pk")
        .select_related("french_region")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "partner__territory__parent__parent", "partner__territory__parent"
                ).order_by("side", "position"),
            ),
            "territories",
            "themes",
        )
    )
    done, last_pk = 0, 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:SEARCH_BATCH]):
        added, removed = [], {}
        for project in batch:
            current = {t.pk: t for t in project.territories.all()}
            wanted = _places_of(project) if places else current
            added += [
                through(project_id=project.pk, territory_id=pk) for pk in wanted.keys() - current.keys()
            ]
            for territory_id in current.keys() - wanted.keys():
                removed.setdefault(territory_id, []).append(project.pk)
            project.search_document, project.search_title = _search_texts(
                project,
                [p.partner for p in project.participations.all()],
                wanted.values(),
                project.themes.all(),
            )
        if added:
            through.objects.bulk_create(added)
        for territory_id, project_ids in removed.items():
            through.objects.filter(territory_id=territory_id, project_id__in=project_ids).delete()
        # One statement, many rows: bulk_update's CASE expressions cost more than the text itself.
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE events_project SET search_document = %s, search_title = %s WHERE id = %s",
                [(p.search_document, p.search_title, p.pk) for p in batch],
            )
        done += len(batch)
        last_pk = batch[-1].pk
    return done


def source_changed(*, instance, moved: bool) -> int:
    """A partner, place or theme was saved: refresh the projects that derive data from it.
    `moved` when its place in the tree changed (a partner's territory, a place's parent)."""
    from partners.models import Partner, Territory

    if isinstance(instance, Partner):
        projects = Project.objects.filter(
            pk__in=Participation.objects.filter(partner=instance).values("project")
        )
    elif isinstance(instance, Territory):
        # Its own partners' projects and those of every place below it have it among their
        # territories (the lineage goes up), and so does a project of which it is the French region.
        projects = Project.objects.filter(territories=instance)
    else:  # a theme
        projects = Project.objects.filter(themes=instance)
    return refresh_places_and_search_text(projects=projects, places=moved)


def project_slug(title: str, partners=()) -> str:
    """The one slug rule of new projects: from the French title, and generic titles ("Culture")
    told apart by their first two partners."""
    if not Project.objects.filter(slug=slugify(title)[:120]).exists():
        return unique_slug(Project, title, max_length=120)
    return unique_slug(Project, " ".join([title, *(p.slug for p in list(partners)[:2])]), max_length=120)


def check_side(*, partner, side) -> None:
    """A partner on the French side belongs to France, on the Russian side to Russia: by its own
    country or its place's (France's embassy in Moscow is French and in Russia, and the programme
    lists its consulate on either side); raises ValidationError otherwise."""
    expected = "FR" if side == Side.FRENCH else "RU"
    countries = {partner.country, partner.territory.country} if partner.territory_id else {partner.country}
    if expected not in countries:
        if expected == "FR":
            message = _("“%(partner)s” is not in France: it cannot be a French partner.")
        else:
            message = _("“%(partner)s” is not in Russia: it cannot be a Russian partner.")
        raise ValidationError(
            message % {"partner": partner},
            code="wrong_side",
        )


def region_of_places(partners):
    """The French region of the first of `partners` whose place lies in one (Territory.lineage), or
    None (a national partner, a place outside France)."""
    from partners.models import TerritoryKind

    for partner in partners:
        for territory in partner.territory.lineage():
            if territory.kind == TerritoryKind.REGION:
                return territory
    return None


def fill_french_region(*, project: Project) -> bool:
    """A project without a French region takes the one of its French partners' places, where it
    can; returns whether it changed. Call after its participations are saved."""
    if project.french_region_id:
        return False
    region = region_of_places(
        p.partner
        for p in project.participations.select_related("partner__territory__parent__parent").filter(
            side=Side.FRENCH
        )
    )
    if region is None:
        return False
    project.french_region = region
    project.save(update_fields=["french_region"])
    return True


@transaction.atomic
def set_participants(*, project: Project, french, russian, themes=None) -> None:
    """Make `french` and `russian` (partners, in programme order) the project's partners, and
    `themes` its themes when given, then refresh what derives from them. A partner on the side of
    the other country is refused (ValidationError)."""
    for side, partners in ((Side.FRENCH, french), (Side.RUSSIAN, russian)):
        for partner in partners:
            check_side(partner=partner, side=side)
    project.participations.all().delete()
    Participation.objects.bulk_create(
        Participation(project=project, partner=partner, side=side, position=position)
        for side, partners in ((Side.FRENCH, french), (Side.RUSSIAN, russian))
        for position, partner in enumerate(partners)
    )
    if themes is not None:
        project.themes.set(themes)
    refresh_derived_fields(project=project)


# The labelling workflow: proposed → labelled → published, and withdrawn from any of them.
# Each transition checks the user's permission and the project's state, writes the change and its
# log entry in one transaction, and raises PermissionDenied or ValidationError otherwise.

WORKFLOW = {
    # action: (permission, statuses it starts from, status it leads to)
    "submit": ("events.submit_project", {LabellingStatus.PROPOSED}, LabellingStatus.PROPOSED),
    "label": ("events.label_project", {LabellingStatus.PROPOSED}, LabellingStatus.LABELLED),
    "publish": ("events.publish_project", {LabellingStatus.LABELLED}, LabellingStatus.PUBLISHED),
    "withdraw": (
        "events.withdraw_project",
        {LabellingStatus.PROPOSED, LabellingStatus.LABELLED, LabellingStatus.PUBLISHED},
        LabellingStatus.WITHDRAWN,
    ),
}
ACTION_NAMES = {
    "submit": gettext_lazy("submitted for labelling"),
    "label": gettext_lazy("labelled"),
    "publish": gettext_lazy("published"),
    "withdraw": gettext_lazy("withdrawn"),
}


ACTION_LABELS = {
    "submit": gettext_lazy("Submit for labelling"),
    "label": gettext_lazy("Label"),
    "publish": gettext_lazy("Publish"),
    "withdraw": gettext_lazy("Withdraw"),
}


def allowed_actions(*, project: Project, user) -> list[str]:
    """The transitions this user may apply to this project now."""
    return [
        action
        for action, (permission, sources, _target) in WORKFLOW.items()
        if project.status in sources
        and user.has_perm(permission)
        and not (action == "submit" and project.submitted_at)
    ]


@transaction.atomic
def _transition(
    *, project: Project, user, action: str, note: str = "", apply=None, expected_version: int | None = None
) -> Project:
    permission, sources, target = WORKFLOW[action]
    if not user.has_perm(permission):
        raise PermissionDenied(
            _("You are not allowed to change projects to “%(action)s”.") % {"action": ACTION_NAMES[action]}
        )
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleProject(title=locked.title, expected=expected_version, current=locked.version)
    if locked.status not in sources:
        raise ValidationError(
            _("“%(title)s” is %(status)s: it cannot be %(action)s now.")
            % {"title": locked.title, "status": locked.get_status_display(), "action": ACTION_NAMES[action]},
            code="invalid_transition",
        )
    previous = locked.status
    with workflow_writer(f"services.{action}"):
        locked.status = target
        if apply:
            apply(locked)
        locked._history_user = user
        locked.save()
    StatusChange.objects.create(
        project=locked, action=action, from_status=previous, to_status=target, changed_by=user, note=note
    )
    project.refresh_from_db()
    return project


def submit_for_labelling(*, project: Project, user, expected_version: int | None = None) -> Project:
    """An editor hands a proposed project to the labelling committee.

    Every transition takes `expected_version`: the version the user saw (a form's hidden field);
    when the project changed since, the transition is refused with StaleProject.
    """
    if project.submitted_at:
        raise ValidationError(_("This project has already been submitted for labelling."), code="submitted")

    def apply(p):
        if p.submitted_at:
            raise ValidationError(
                _("This project has already been submitted for labelling."), code="submitted"
            )
        p.submitted_at = timezone.now()

    return _transition(
        project=project, user=user, action="submit", apply=apply, expected_version=expected_version
    )


def next_reference(year: int) -> str:
    """The next free label reference of `year`, e.g. FR-RU-2021-0074; call inside a transaction.

    The year's counter row is locked (an UPDATE, which PostgreSQL holds until the transaction ends
    and SQLite serialises with its database lock), so concurrent labellings wait for each other
    instead of both taking max + 1. References given outside the counter (the programme loader's)
    are skipped over.
    """
    prefix = f"FR-RU-{year}-"
    if not LabelCounter.objects.filter(year=year).update(last_number=F("last_number") + 1):
        LabelCounter.objects.get_or_create(year=year)  # first label of the year (race-safe)
        LabelCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    counter = LabelCounter.objects.get(year=year)
    taken = [
        int(ref.removeprefix(prefix))
        for ref in Project.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
        if ref.removeprefix(prefix).isdigit()
    ]
    if taken and max(taken) >= counter.last_number:
        counter.last_number = max(taken) + 1
        counter.save(update_fields=["last_number"])
    return f"{prefix}{counter.last_number:04d}"


def label_project(*, project: Project, user, expected_version: int | None = None) -> Project:
    """The committee labels a proposed project: label date today and a label reference."""

    def apply(p):
        p.labelled_on = timezone.localdate()
        p.reference = p.reference or next_reference(settings.PROGRAMME_YEAR)

    return _transition(
        project=project, user=user, action="label", apply=apply, expected_version=expected_version
    )


def publish_project(*, project: Project, user, expected_version: int | None = None) -> Project:
    """The committee publishes a labelled project: from now on it is public everywhere.

    `published_at` is set once and kept after a withdrawal: it is how the public pages know that a
    withdrawn project was once public (410 with its title) rather than never (404, nothing shown).
    """

    def apply(p):
        p.published_at = p.published_at or timezone.now()

    return _transition(
        project=project, user=user, action="publish", apply=apply, expected_version=expected_version
    )


def withdraw_project(*, project: Project, user, reason: str, expected_version: int | None = None) -> Project:
    """Withdraw a project at any stage, with the reason recorded; its page then answers 410 if it was
    ever published, 404 otherwise."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the withdrawal."), code="reason_required")

    def apply(p):
        p.withdrawn_reason = reason.strip()

    return _transition(
        project=project,
        user=user,
        action="withdraw",
        note=reason.strip(),
        apply=apply,
        expected_version=expected_version,
    )


def generate_planned_wording(*, project: Project) -> None:
    """Fill empty date wordings from the planned interval, in each language (staff may edit them)."""
    for code, _name in settings.LANGUAGES:
        field = f"planned_text_{code}"
        if not getattr(project, field):
            if project.planned_precision == Precision.UNKNOWN:
                continue
            with translation.override(code):
                # A wording stands on its own, as the programme's do: a capital at the start.
                setattr(
                    project,
                    field,
                    capfirst(
                        describe_period(project.planned_start, project.planned_end, project.planned_precision)
                    ),
                )
