"""State changes of the programme. Each function is atomic and takes keyword arguments only."""

import contextvars
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import F, Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from partners.services import ensure_pairs, unique_slug

from . import completeness, history, notifications, search
from .models import (
    AttendanceMode,
    ChangeKind,
    EventStatus,
    LabelCounter,
    LabellingStatus,
    Participation,
    PlannedSource,
    ProgrammeChange,
    Project,
    Side,
    StaleProject,
    StatusChange,
    check_side,
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
    do not change. Their `updated_at` moves too: what a reuser downloads of them (partners' names,
    places, themes) has changed, so `updated_since` must return them. Returns how many projects
    were refreshed."""
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
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE events_project SET search_document = %s, search_title = %s, updated_at = %s "
                "WHERE id = %s",
                [(p.search_document, p.search_title, now, p.pk) for p in batch],
            )
        done += len(batch)
        last_pk = batch[-1].pk
    return done


def source_changed(*, instance, moved: bool) -> int:
    """A partner, place or theme was saved: refresh the projects that derive data from it.
    `moved` when its place in the tree changed (a partner's territory, a place's parent).

    Up to DERIVED_INLINE_PROJECTS projects are refreshed at once, in the saver's transaction; a
    source shared by more (Moscow, a theme, at a hundred times the programme) is refreshed by the
    task queue right after the commit, so that a staff member's save never waits minutes or meets
    the worker's timeout. Returns how many projects were refreshed now."""
    projects = _projects_deriving_from(instance)
    if _deferred_refresh.get() is None and projects.count() > settings.DERIVED_INLINE_PROJECTS:
        source = {"model": instance._meta.label, "pk": instance.pk, "moved": moved}
        transaction.on_commit(lambda: refresh_derived_data_later.enqueue(**source))
        return 0
    return refresh_places_and_search_text(projects=projects, places=moved)


@task()
def refresh_derived_data_later(*, model: str, pk: int, moved: bool) -> int:
    """The task of source_changed for a source shared by many projects (from its current state)."""
    instance = apps.get_model(model).objects.filter(pk=pk).first()
    if instance is None:  # deleted meanwhile: its projects were refreshed by the deletion
        return 0
    return refresh_places_and_search_text(projects=_projects_deriving_from(instance), places=moved)


def _projects_deriving_from(instance):
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
    return projects


def project_slug(title: str, partners=()) -> str:
    """The one slug rule of new projects: from the French title, and generic titles ("Culture")
    told apart by their first two partners."""
    if not Project.objects.filter(slug=slugify(title)[:120]).exists():
        return unique_slug(Project, title, max_length=120)
    return unique_slug(Project, " ".join([title, *(p.slug for p in list(partners)[:2])]), max_length=120)


def regions_of_places(partners) -> list:
    """The French regions in which `partners`' places lie (Territory.lineage), each once, in the
    partners' order; a place outside any region (a national body, a place in Russia) adds none."""
    from partners.models import TerritoryKind

    regions = {}
    for partner in partners:
        for territory in partner.territory.lineage():
            if territory.kind == TerritoryKind.REGION:
                regions.setdefault(territory.pk, territory)
    return list(regions.values())


def derive_french_region(*, project: Project, french) -> list:
    """The one rule by which a project's French region follows from its French partners' places
    (imports, the admin's forms): a project without a region takes the one in which all those places
    lie, set on `project` (not saved). A region already chosen is never replaced, and places in
    several regions leave it empty, for staff to choose. Returns the regions of those places, so
    that a caller can say which ones."""
    regions = regions_of_places(french)
    if project.french_region_id is None and len(regions) == 1:
        project.french_region = regions[0]
    return regions


def fill_french_region(*, project: Project) -> list:
    """derive_french_region() from the French partners the project has in the database, written
    without making a version of its own (neither a history record nor a new `version`): for the
    admin, which calls it after saving the partners, within the save that made the current version,
    before that version is completed (events.history.complete_latest_version)."""
    had_region = project.french_region_id
    regions = derive_french_region(
        project=project,
        french=[
            p.partner
            for p in project.participations.select_related("partner__territory__parent__parent")
            .filter(side=Side.FRENCH)
            .order_by("position")
        ],
    )
    if project.french_region_id != had_region:
        # Part of the save that made the current version (the admin's transaction holds the row):
        # written without ProjectQuerySet.update's new version, which would refuse the next form.
        models.QuerySet.update(Project.objects.filter(pk=project.pk), french_region=project.french_region)
    return regions


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
    history.record_partners(project)


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
    # The committee returns a submitted or labelled project to its editor, with a comment.
    "send_back": (
        "events.label_project",
        {LabellingStatus.PROPOSED, LabellingStatus.LABELLED},
        LabellingStatus.PROPOSED,
    ),
}
ACTION_NAMES = {
    "submit": gettext_lazy("submitted for labelling"),
    "label": gettext_lazy("labelled"),
    "publish": gettext_lazy("published"),
    "withdraw": gettext_lazy("withdrawn"),
    "send_back": gettext_lazy("sent back for changes"),
}


ACTION_LABELS = {
    "submit": gettext_lazy("Submit for labelling"),
    "label": gettext_lazy("Label"),
    "publish": gettext_lazy("Publish"),
    "withdraw": gettext_lazy("Withdraw"),
    "send_back": gettext_lazy("Send back for changes"),
}
# The steps that need a complete project (events.completeness).
CHECKED_ACTIONS = ("submit", "label", "publish")


def check_complete(*, project: Project, action: str, without_translations: bool = False) -> list:
    """Raise ValidationError listing what stops `action` on `project`; return the gaps that do not
    stop it (translations published without, on an explicit decision)."""
    participations = project.participations.select_related("partner__territory").order_by("side", "position")
    items = completeness.missing(project, participations)
    blocking = completeness.blocking(items, action=action, without_translations=without_translations)
    if blocking:
        # A project proposed in Russian or English has no French title yet: it is named as written.
        title = project.title or project.title_ru or project.title_en
        raise ValidationError(
            [
                ValidationError(
                    _("“%(title)s” cannot be %(action)s yet: %(missing)s")
                    % {"title": title, "action": ACTION_NAMES[action], "missing": item.message},
                    code="incomplete",
                )
                for item in blocking
            ]
        )
    return items


def allowed_actions(*, project: Project, user) -> list[str]:
    """The transitions this user may apply to this project now."""
    return [
        action
        for action, (permission, sources, _target) in WORKFLOW.items()
        if project.status in sources
        and user.has_perm(permission)
        and not (action == "submit" and project.submitted_at)
        and not (
            action == "send_back" and project.status == LabellingStatus.PROPOSED and not project.submitted_at
        )
    ]


@transaction.atomic
def _transition(
    *,
    project: Project,
    user,
    action: str,
    note: str = "",
    apply=None,
    expected_version: int | None = None,
    public_note: dict | None = None,
    without_translations: bool = False,
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
    if action in CHECKED_ACTIONS:
        check_complete(project=locked, action=action, without_translations=without_translations)
    previous = locked.status
    with workflow_writer(f"services.{action}"):
        locked.status = target
        if apply:
            apply(locked)
        locked._history_user = user
        locked.save()
    change = StatusChange.objects.create(
        project=locked, action=action, from_status=previous, to_status=target, changed_by=user, note=note
    )
    # Entering or leaving the public programme is news; a withdrawal before publication is not (the
    # public never knew the project): What's new shows only changes of projects once public.
    if action == "publish" or (action == "withdraw" and locked.published_at):
        kind = ChangeKind.PUBLISHED if action == "publish" else ChangeKind.WITHDRAWN
        _record_change(project=locked, user=user, kind=kind, note=public_note)
    notifications.workflow_step(change=change)
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


def publish_project(
    *, project: Project, user, expected_version: int | None = None, without_translations: bool = False
) -> Project:
    """The committee publishes a labelled project: from now on it is public everywhere.

    `published_at` is set once and kept after a withdrawal: it is how the public pages know that a
    withdrawn project was once public (410 with its title) rather than never (404, nothing shown).
    A project lacking its Russian or English text is published only with `without_translations`,
    a decision recorded in the labelling log with what was missing.
    """

    def apply(p):
        p.published_at = p.published_at or timezone.now()

    note = ""
    if without_translations:
        gaps = [
            str(item.message)
            for item in completeness.missing(
                project,
                project.participations.select_related("partner__territory").order_by("side", "position"),
            )
            if item.kind == completeness.TRANSLATION
        ]
        if gaps:
            note = _("Published without the translations: %(missing)s") % {"missing": " ".join(gaps)}
    return _transition(
        project=project,
        user=user,
        action="publish",
        note=note,
        apply=apply,
        expected_version=expected_version,
        without_translations=without_translations,
    )


def send_back(*, project: Project, user, comment: str, expected_version: int | None = None) -> Project:
    """The committee returns a submitted (or labelled, not yet published) project to its editor with
    a comment: it becomes an unsubmitted proposal again, which the editor corrects and resubmits.
    A labelled project keeps its reference, given again when it is labelled again."""
    if not (comment or "").strip():
        raise ValidationError(_("Say what should be changed."), code="comment_required")

    def apply(p):
        if p.labelled_on is None and not p.submitted_at:  # a proposal nobody submitted
            raise ValidationError(
                _("“%(title)s” has not been submitted: there is nothing to send back.") % {"title": p.title},
                code="not_submitted",
            )
        p.submitted_at = None
        p.labelled_on = None

    return _transition(
        project=project,
        user=user,
        action="send_back",
        note=comment.strip(),
        apply=apply,
        expected_version=expected_version,
    )


def withdraw_project(
    *,
    project: Project,
    user,
    reason: str,
    expected_version: int | None = None,
    public_note: dict | None = None,
) -> Project:
    """Withdraw a project at any stage, with the reason recorded; its page then answers 410 if it was
    ever published, 404 otherwise.

    `reason` is internal (the committee's record, never shown). `public_note` ({"fr": …, "ru": …,
    "en": …}, optional) is the reason readers see on the 410 page and What's new, kept on the
    withdrawal's ProgrammeChange.
    """
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
        public_note=public_note,
    )


def _record_change(
    *, project: Project, user, kind: str, note: dict | None = None, previous=None
) -> ProgrammeChange:
    """A dated ProgrammeChange of `project` as it is now (its period is the new one); `previous` is
    the (start, end, precision) before the change, the current period when not given."""
    previous = previous or (project.planned_start, project.planned_end, project.planned_precision)
    note = note or {}
    return ProgrammeChange.objects.create(
        project=project,
        kind=kind,
        changed_on=timezone.localdate(),
        changed_by=user,
        event_status=project.event_status,
        attendance_mode=project.attendance_mode,
        previous_start=previous[0],
        previous_end=previous[1],
        previous_precision=previous[2],
        new_start=project.planned_start,
        new_end=project.planned_end,
        new_precision=project.planned_precision,
        **{f"note_{lang}": (note.get(lang) or "").strip() for lang, _name in settings.LANGUAGES},
    )


def _change_kind(*, before: str, after: str, attendance_changed: bool) -> str | None:
    """The kind of ProgrammeChange a status change makes; None when nothing changes."""
    if after == EventStatus.RESCHEDULED:
        return ChangeKind.RESCHEDULED  # even from "rescheduled": new dates again
    if after != before:
        return {
            EventStatus.SCHEDULED: ChangeKind.SCHEDULED,
            EventStatus.POSTPONED: ChangeKind.POSTPONED,
            EventStatus.CANCELLED: ChangeKind.CANCELLED,
            EventStatus.MOVED_ONLINE: ChangeKind.MOVED_ONLINE,
        }[after]
    return ChangeKind.ATTENDANCE if attendance_changed else None


@transaction.atomic
def change_event_status(
    *,
    project: Project,
    user,
    event_status: str,
    attendance_mode: str | None = None,
    new_start=None,
    new_end=None,
    new_precision: str = "",
    note: dict | None = None,
    expected_version: int | None = None,
) -> ProgrammeChange:
    """The committee says what became of a published project’s event: postponed (new dates to be
    announced), rescheduled to a new period (the previous one is kept), cancelled, moved online, or
    scheduled again; and how people attend it (in person, online, both).

    Records a dated ProgrammeChange with the optional public `note` ({"fr": …, "ru": …, "en": …}) and
    the period before and after; raises PermissionDenied without the `events.change_event_status`
    permission, StaleProject when the project changed since `expected_version`, ValidationError for
    a project that is not published, a rescheduling without a complete new period, or no change.
    """
    if not user.has_perm("events.change_event_status"):
        raise PermissionDenied(_("You are not allowed to change the status of events."))
    if event_status not in EventStatus.values:
        raise ValidationError(_("Choose a status from the list."), code="invalid_status")
    if attendance_mode is not None and attendance_mode not in AttendanceMode.values:
        raise ValidationError(_("Choose an attendance from the list."), code="invalid_attendance")
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleProject(title=locked.title, expected=expected_version, current=locked.version)
    if locked.status != LabellingStatus.PUBLISHED:
        raise ValidationError(
            _("“%(title)s” is %(status)s: only a published project’s event can change.")
            % {"title": locked.title, "status": locked.get_status_display()},
            code="not_published",
        )
    rescheduling = event_status == EventStatus.RESCHEDULED
    if rescheduling:
        if not (new_start and new_end and new_precision and new_precision != Precision.UNKNOWN):
            raise ValidationError(
                _("Give the new period of a rescheduled event: its start, end and precision."),
                code="period_required",
            )
        if new_end < new_start:
            raise ValidationError(_("The new period ends before it starts."), code="period_order")
        if (new_start, new_end, new_precision) == (
            locked.planned_start,
            locked.planned_end,
            locked.planned_precision,
        ):
            raise ValidationError(
                _("The new period is the one already planned: nothing was changed."), code="same_period"
            )
    elif new_start or new_end:
        raise ValidationError(
            _("New dates are given only when the event is rescheduled."), code="period_not_rescheduled"
        )
    if attendance_mode is None:
        attendance_mode = locked.attendance_mode
    if event_status == EventStatus.MOVED_ONLINE and attendance_mode == AttendanceMode.IN_PERSON:
        attendance_mode = AttendanceMode.ONLINE
    kind = _change_kind(
        before=locked.event_status,
        after=event_status,
        attendance_changed=attendance_mode != locked.attendance_mode,
    )
    if kind is None:
        raise ValidationError(_("This is already the event’s status and attendance."), code="no_change")

    previous = (locked.planned_start, locked.planned_end, locked.planned_precision)
    with workflow_writer("services.change_event_status"):
        locked.event_status = event_status
        locked.attendance_mode = attendance_mode
        locked.event_sequence += 1
        if rescheduling:
            locked.previous_start, locked.previous_end, locked.previous_precision = previous
            locked.planned_start, locked.planned_end, locked.planned_precision = (
                new_start,
                new_end,
                new_precision,
            )
            # The programme's wording described the old period: written again for the new one.
            for code, _name in settings.LANGUAGES:
                setattr(locked, f"planned_text_{code}", "")
            locked.planned_source = PlannedSource.PROGRAMME
            generate_planned_wording(project=locked)
        else:
            locked.previous_start = locked.previous_end = None
            locked.previous_precision = ""
        locked._history_user = user
        locked.save()
    change = _record_change(project=locked, user=user, kind=kind, note=note, previous=previous)
    project.refresh_from_db()
    return change


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
