"""The programme: themes, projects, their partners and planned periods, and the labelling status."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from partners.models import Country, Partner, PartnerPair, Territory, TerritoryKind

from .periods import Precision, describe_period
from .typography import typeset


class Theme(models.Model):
    slug = models.SlugField(_("address (slug)"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the programme.")
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:theme-detail", kwargs={"slug": self.slug})


class LabellingStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    LABELLED = "labelled", _("labelled")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class EventStatus(models.TextChoices):
    """What became of a published project’s event (schema.org's eventStatus)."""

    SCHEDULED = "scheduled", _("scheduled")
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")
    CANCELLED = "cancelled", _("cancelled")
    MOVED_ONLINE = "moved_online", _("moved online")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    MIXED = "mixed", _("in person and online")


class WorkflowAction(models.TextChoices):
    """The steps recorded in a project's labelling history, shown by their names (events.services
    names them the same way in its messages)."""

    SUBMIT = "submit", _("submitted for labelling")
    LABEL = "label", _("labelled")
    PUBLISH = "publish", _("published")
    WITHDRAW = "withdraw", _("withdrawn")
    SEND_BACK = "send_back", _("sent back for changes")
    APPROVE_CHANGE = "approve_change", _("change to the published project approved")
    SEND_BACK_CHANGE = "send_back_change", _("change to the published project sent back")


class Side(models.TextChoices):
    FRENCH = "fr", _("French side")
    RUSSIAN = "ru", _("Russian side")


def fits_side(partner, side) -> bool:
    """A partner on the French side belongs to France, on the Russian side to Russia: by its own
    country or its place's (France's embassy in Moscow is French and in Russia, and the programme
    lists its consulate on either side). The one rule of the forms, imports and completeness check."""
    countries = {partner.country, partner.territory.country} if partner.territory_id else {partner.country}
    return ("FR" if side == Side.FRENCH else "RU") in countries


def side_of(partner) -> str:
    """The side a partner stands on unless staff choose otherwise: its own country's."""
    return Side.FRENCH if partner.country == Country.FRANCE else Side.RUSSIAN


def check_side(*, partner, side) -> None:
    """Raise ValidationError when `partner` may not stand on `side` (fits_side)."""
    if not fits_side(partner, side):
        if side == Side.FRENCH:
            message = _("“%(partner)s” is not in France: it cannot be a French partner.")
        else:
            message = _("“%(partner)s” is not in Russia: it cannot be a Russian partner.")
        raise ValidationError(
            message % {"partner": partner},
            code="wrong_side",
        )


class PlannedSource(models.TextChoices):
    """Where the wording of a planned date comes from."""

    PROGRAMME = "programme", _("the programme's date column")
    DESCRIPTION = "description", _("the description")
    TITLE = "title", _("the title")


# The state of a project in the labelling workflow. Only the workflow services of events.services
# (and the programme loader, which records decisions taken before the portal existed) write these
# fields, inside `workflow_writer()`; Project.save() and its queryset refuse any other write, whatever
# the path (admin form, history revert, import, shell).
WORKFLOW_FIELDS = (
    "status",
    "reference",
    "labelled_on",
    "published_at",
    "withdrawn_reason",
    "submitted_at",
    # The programme's life after launch (events.services.change_event_status).
    "event_status",
    "attendance_mode",
    "previous_start",
    "previous_end",
    "previous_precision",
    "event_sequence",
)
# Fields that nobody edits: recomputed from the sources, they do not make a new version.
DERIVED_FIELDS = ("search_document", "search_title", "updated_at")

_workflow_writer = contextvars.ContextVar("workflow_writer", default=None)


@contextmanager
def workflow_writer(name: str):
    """Let the code inside write workflow fields. For events.services and the programme loader only:
    everything else changes a project's state by calling a workflow service."""
    token = _workflow_writer.set(name)
    try:
        yield
    finally:
        _workflow_writer.reset(token)


class WorkflowBypassed(ValidationError):
    """A write to a workflow field that did not come through the workflow services."""

    def __init__(self, fields):
        self.fields = sorted(fields)
        super().__init__(
            _("The labelling status, reference and dates change only through the workflow (%(fields)s).")
            % {"fields": ", ".join(self.fields)},
            code="workflow_bypassed",
        )


class StaleProject(ValidationError):
    """A save based on an older version of the project than the one in the database."""

    def __init__(self, *, title, expected, current):
        self.expected, self.current = expected, current
        super().__init__(
            _(
                "“%(title)s” was changed by someone else since you opened it (version %(expected)d, "
                "now %(current)d): nothing was saved. Open it again to see its current state, then redo "
                "your change."
            )
            % {"title": title, "expected": expected, "current": current},
            code="stale",
        )


def _refuse_workflow_fields(fields) -> None:
    touched = set(fields) & {*WORKFLOW_FIELDS, "version"}
    if touched and _workflow_writer.get() is None:
        raise WorkflowBypassed(touched)


class ProjectQuerySet(models.QuerySet):
    """Bulk writes obey the same rule as Project.save(): workflow fields only inside workflow_writer(),
    and every change of content makes a new version (so that forms opened before it are refused)."""

    def update(self, **kwargs):
        _refuse_workflow_fields(kwargs)
        if set(kwargs) - set(DERIVED_FIELDS) and "version" not in kwargs:
            kwargs["version"] = models.F("version") + 1
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse_workflow_fields(fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj._refuse_new_workflow_state()
        return super().bulk_create(objs, *args, **kwargs)


class Project(models.Model):
    """One initiative of the programme, possibly listed under several themes."""

    reference = models.CharField(
        _("label reference"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Given when the project is labelled, e.g. FR-RU-2021-0042."),
    )
    slug = models.SlugField(_("address (slug)"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="projects")
    partners = models.ManyToManyField(Partner, through="Participation", related_name="projects")
    has_unnamed_french_partners = models.BooleanField(
        _("other French partners"),
        default=False,
        help_text=_("The programme adds “and others” on the French side."),
    )
    has_unnamed_russian_partners = models.BooleanField(
        _("other Russian partners"),
        default=False,
        help_text=_("The programme adds “and others” on the Russian side."),
    )
    french_region = models.ForeignKey(
        Territory,
        verbose_name=_("French region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_projects",
        limit_choices_to={"kind": "region"},
    )

    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_precision = models.CharField(
        _("precision of the planned date"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.UNKNOWN,
    )
    planned_text = models.CharField(
        _("planned date as worded"),
        max_length=200,
        blank=True,
        help_text=_("The programme's own wording, e.g. “Semestre 2”."),
    )
    planned_source = models.CharField(
        _("date taken from"),
        max_length=12,
        choices=PlannedSource.choices,
        default=PlannedSource.PROGRAMME,
        help_text=_("Where the date wording comes from when the programme's date column gave none."),
    )
    editorial_note = models.TextField(
        _("about this entry"),
        blank=True,
        help_text=_(
            "Shown to readers: where this entry departs from the published programme (merged rows, "
            "columns set right, a truncated cell completed, a date or a place corrected, a misprint "
            "kept [sic])."
        ),
    )

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LabellingStatus.choices,
        default=LabellingStatus.PROPOSED,
        db_index=True,
    )
    labelled_on = models.DateField(_("labelled on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    submitted_at = models.DateTimeField(
        _("submitted for labelling at"),
        null=True,
        blank=True,
        help_text=_("Set when an editor submits the project to the labelling committee."),
    )

    # The programme's life after launch: what became of the event, changed by the committee only
    # (events.services.change_event_status), each change recorded as a ProgrammeChange.
    event_status = models.CharField(
        _("event status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    attendance_mode = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    # The period planned before the latest rescheduling (set while the status is "rescheduled").
    previous_start = models.DateField(_("previously planned start"), null=True, blank=True)
    previous_end = models.DateField(_("previously planned end"), null=True, blank=True)
    previous_precision = models.CharField(
        _("precision of the previous period"), max_length=10, choices=Precision.choices, blank=True
    )
    # How many times the dates, status or attendance changed: the iCalendar SEQUENCE.
    event_sequence = models.PositiveIntegerField(_("changes of the event"), default=0)

    # Every territory a project touches (its partners' places and their regions), kept by
    # events.services.refresh_derived_fields so that territory filters and facets are one join.
    territories = models.ManyToManyField(Territory, related_name="projects", blank=True, editable=False)
    pairs = models.ManyToManyField(PartnerPair, related_name="projects", blank=True, editable=False)

    # Denormalised, accent- and script-folded text used by search; rebuilt on every save (events.search).
    search_document = models.TextField(editable=False, blank=True)
    search_title = models.TextField(editable=False, blank=True)

    # The French text each translation was made from (events.freshness): a translation whose source
    # changed since is "out of date" until it is updated or confirmed.
    translation_sources = models.JSONField(
        _("sources of the translations"), default=dict, blank=True, editable=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency: every save makes a new version, and a save based on an older one is
    # refused (StaleProject), so that a form opened before a concurrent change cannot undo it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["planned_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        planned_start__isnull=True, planned_end__isnull=True, planned_precision="unknown"
                    )
                    | models.Q(
                        planned_start__isnull=False,
                        planned_end__isnull=False,
                        planned_end__gte=models.F("planned_start"),
                    )
                    & ~models.Q(planned_precision="unknown")
                ),
                name="project_planned_period_consistent",
                violation_error_message=_(
                    "A planned period has a start, an end on or after it and a precision, or none of "
                    "them (date unknown)."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["labelled", "published"])
                | models.Q(labelled_on__isnull=False),
                name="project_labelled_has_label_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="project_published_has_publication_date",
            ),
            models.CheckConstraint(
                condition=models.Q(event_status__in=EventStatus.values),
                name="project_event_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(attendance_mode__in=AttendanceMode.values),
                name="project_attendance_mode_valid",
            ),
            # A rescheduled event keeps the period it had before, and only then.
            models.CheckConstraint(
                condition=models.Q(event_status="rescheduled", previous_precision__in=Precision.values)
                | models.Q(
                    ~models.Q(event_status="rescheduled"),
                    previous_precision="",
                    previous_start__isnull=True,
                    previous_end__isnull=True,
                ),
                name="project_rescheduled_has_previous_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(event_status="moved_online") | ~models.Q(attendance_mode="in_person"),
                name="project_moved_online_is_not_in_person",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "planned_start", "planned_end"], name="project_status_period")
        ]
        permissions = [
            ("submit_project", _("Can submit a project for labelling")),
            ("label_project", _("Can label a project")),
            ("publish_project", _("Can publish a labelled project")),
            ("withdraw_project", _("Can withdraw a project")),
            ("change_event_status", _("Can change the status and attendance of a published project’s event")),
        ]

    def __str__(self):
        return self.title

    # Optimistic concurrency and the workflow guard (see WORKFLOW_FIELDS)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._state.adding or self.pk is None:
            self._refuse_new_workflow_state()
            return super().save(*args, **kwargs)
        if update_fields is not None and not set(update_fields) - set(DERIVED_FIELDS):
            return super().save(*args, **kwargs)
        current = type(self).objects.filter(pk=self.pk).values(*WORKFLOW_FIELDS, "version").first()
        if current is None:  # deleted meanwhile: Django inserts it again, as a new project would be
            self._refuse_new_workflow_state()
            return super().save(*args, **kwargs)
        if self.version != current["version"]:
            raise StaleProject(title=self.title, expected=self.version, current=current["version"])
        _refuse_workflow_fields(name for name in WORKFLOW_FIELDS if getattr(self, name) != current[name])
        self._expected_version = self.version
        self.version += 1
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version -= 1
            raise
        finally:
            del self._expected_version

    def get_absolute_url(self):
        return reverse("events:project-detail", kwargs={"slug": self.slug})

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        # The version is part of the UPDATE's condition: a concurrent save between the check in
        # save() and this statement makes it match no row, and the save is refused.
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        updated = super()._do_update(
            base_qs.filter(version=expected), using, pk_val, values, update_fields, forced_update
        )
        if not updated:
            current = base_qs.filter(pk=pk_val).values_list("version", flat=True).first()
            if current is not None:
                raise StaleProject(title=self.title, expected=expected, current=current)
        return updated

    def _refuse_new_workflow_state(self) -> None:
        """A new project starts as proposed, with no reference and no dates, unless a workflow writer
        creates it (the programme loader)."""
        fields = self._meta
        _refuse_workflow_fields(
            name for name in WORKFLOW_FIELDS if getattr(self, name) != fields.get_field(name).get_default()
        )

    def take_workflow_state_from_database(self) -> None:
        """Replace this instance's workflow fields and version by the database's current ones.

        A history revert starts from an old copy of the project: it brings back its content, never its
        labelling state.
        """
        current = type(self).objects.filter(pk=self.pk).values(*WORKFLOW_FIELDS, "version").first()
        if current:
            for name, value in current.items():
                setattr(self, name, value)

    @property
    def is_published(self):
        return self.status == LabellingStatus.PUBLISHED

    @property
    def planned_display(self):
        return describe_period(self.planned_start, self.planned_end, self.planned_precision)

    @property
    def is_on_schedule(self):
        return self.event_status == EventStatus.SCHEDULED

    @property
    def event_status_display(self) -> str:
        """The badge of the event's status, or "" while it is scheduled: "Cancelled", "Postponed – new
        dates to be announced", "Rescheduled: planned for June 2021, now September 2021"."""
        return describe_event_status(
            self.event_status,
            previous=(self.previous_start, self.previous_end, self.previous_precision),
            current=(self.planned_start, self.planned_end, self.planned_precision),
        )

    @property
    def attendance_display(self) -> str:
        """ "Online" or "In person and online"; "" for the usual in-person event."""
        if self.attendance_mode == AttendanceMode.IN_PERSON:
            return ""
        return capfirst(self.get_attendance_mode_display())

    @property
    def attendance_badge(self) -> str:
        """The attendance as a badge beside the status: not repeated for an event moved online."""
        if self.event_status == EventStatus.MOVED_ONLINE and self.attendance_mode == AttendanceMode.ONLINE:
            return ""
        return self.attendance_display

    def participants(self, side):
        """Partners on one side, in programme order; uses the prefetched participations when present."""
        return [p.partner for p in self.participations.all() if p.side == side]

    @property
    def has_national_french_partner(self):
        """A French partner with no place below the country (a ministry's department): such a
        project may have no French region. Uses the prefetched participations."""
        return any(p.territory.kind == TerritoryKind.COUNTRY for p in self.french_partners)

    @property
    def french_partners(self):
        return self.participants(Side.FRENCH)

    @property
    def russian_partners(self):
        return self.participants(Side.RUSSIAN)

    def partner_names(self, side) -> str:
        """One side's partners as the programme names them ("A, B"), or "to be determined" when the
        side has none yet: the one wording of every list, card, feed and export."""
        return ", ".join(partner.name for partner in self.participants(side)) or gettext("to be determined")

    @property
    def french_partner_names(self) -> str:
        return self.partner_names(Side.FRENCH)

    @property
    def russian_partner_names(self) -> str:
        return self.partner_names(Side.RUSSIAN)


def describe_event_status(status: str, *, previous=None, current=None) -> str:
    """A status in words for readers, in the active language; "" for a scheduled event.
    `previous` and `current` are (start, end, precision) periods, used for a rescheduling."""
    return typeset(_event_status_words(status, previous=previous, current=current), get_language())


def _event_status_words(status: str, *, previous=None, current=None) -> str:
    if status == EventStatus.CANCELLED:
        return gettext("Cancelled")
    if status == EventStatus.POSTPONED:
        return gettext("Postponed – new dates to be announced")
    if status == EventStatus.MOVED_ONLINE:
        return gettext("Moved online")
    if status == EventStatus.RESCHEDULED:
        if previous and previous[2] and current:
            return gettext("Rescheduled: planned for %(previous)s, now %(current)s") % {
                "previous": describe_period(*previous),
                "current": describe_period(*current),
            }
        return gettext("Rescheduled")
    return ""


class ChangeKind(models.TextChoices):
    PUBLISHED = "published", _("published")
    RESCHEDULED = "rescheduled", _("rescheduled")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")
    MOVED_ONLINE = "moved_online", _("moved online")
    # Back on schedule after a postponement, or attendance changed alone (e.g. to in person and online).
    SCHEDULED = "scheduled", _("confirmed")
    ATTENDANCE = "attendance", _("attendance changed")
    WITHDRAWN = "withdrawn", _("withdrawn")


# The kinds that change the event itself (dates, status, attendance): they count in its iCalendar SEQUENCE.
EVENT_CHANGE_KINDS = (
    ChangeKind.RESCHEDULED,
    ChangeKind.POSTPONED,
    ChangeKind.CANCELLED,
    ChangeKind.MOVED_ONLINE,
    ChangeKind.SCHEDULED,
    ChangeKind.ATTENDANCE,
)


class ProgrammeChange(models.Model):
    """A dated, public change of the programme: a project published, rescheduled, postponed,
    cancelled, moved online or withdrawn, with an optional note for readers (in three languages) and
    the period before and after. Written only by events.services; shown on "What's new"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="programme_changes")
    kind = models.CharField(_("change"), max_length=12, choices=ChangeKind.choices)
    changed_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    note = models.TextField(
        _("public note"), blank=True, help_text=_("Shown to readers with the change (optional).")
    )
    event_status = models.CharField(_("event status"), max_length=12, choices=EventStatus.choices)
    attendance_mode = models.CharField(_("attendance"), max_length=10, choices=AttendanceMode.choices)
    previous_start = models.DateField(_("previously planned start"), null=True, blank=True)
    previous_end = models.DateField(_("previously planned end"), null=True, blank=True)
    previous_precision = models.CharField(
        _("precision of the previous period"), max_length=10, choices=Precision.choices
    )
    new_start = models.DateField(_("new start"), null=True, blank=True)
    new_end = models.DateField(_("new end"), null=True, blank=True)
    new_precision = models.CharField(
        _("precision of the new period"), max_length=10, choices=Precision.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["-recorded_at", "-id"], name="programme_change_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ChangeKind.values), name="programme_change_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    previous_precision__in=Precision.values, new_precision__in=Precision.values
                ),
                name="programme_change_precisions",
            ),
        ]

    def __str__(self):
        return f"{self.project} : {self.kind} ({self.changed_on})"

    @property
    def previous_display(self) -> str:
        return describe_period(self.previous_start, self.previous_end, self.previous_precision)

    @property
    def new_display(self) -> str:
        return describe_period(self.new_start, self.new_end, self.new_precision)

    @property
    def summary(self) -> str:
        """The change in words: "Rescheduled: planned for June 2021, now September 2021"."""
        if self.kind == ChangeKind.RESCHEDULED:
            return describe_event_status(
                EventStatus.RESCHEDULED,
                previous=(self.previous_start, self.previous_end, self.previous_precision),
                current=(self.new_start, self.new_end, self.new_precision),
            )
        if self.kind == ChangeKind.PUBLISHED:
            return gettext("Added to the programme")
        if self.kind == ChangeKind.WITHDRAWN:
            return gettext("Withdrawn from the programme")
        if self.kind == ChangeKind.SCHEDULED:
            return gettext("Confirmed: takes place as planned")
        if self.kind == ChangeKind.ATTENDANCE:
            return gettext("Attendance: %(mode)s") % {"mode": self.get_attendance_mode_display()}
        return describe_event_status(self.kind)

    @property
    def dated_summary(self) -> str:
        """The change with its date, as a project page lists it: "Rescheduled on 3 May 2021: planned
        for June 2021, now September 2021"."""
        values = {
            "date": date_format(self.changed_on, "DATE_FORMAT"),
            "previous": self.previous_display,
            "current": self.new_display,
            "mode": self.get_attendance_mode_display(),
        }
        wordings = {
            ChangeKind.PUBLISHED: gettext("Added to the programme on %(date)s"),
            ChangeKind.RESCHEDULED: gettext(
                "Rescheduled on %(date)s: planned for %(previous)s, now %(current)s"
            ),
            ChangeKind.POSTPONED: gettext("Postponed on %(date)s – new dates to be announced"),
            ChangeKind.CANCELLED: gettext("Cancelled on %(date)s"),
            ChangeKind.MOVED_ONLINE: gettext("Moved online on %(date)s"),
            ChangeKind.SCHEDULED: gettext("Confirmed on %(date)s: takes place as planned"),
            ChangeKind.ATTENDANCE: gettext("Attendance changed on %(date)s: %(mode)s"),
            ChangeKind.WITHDRAWN: gettext("Withdrawn from the programme on %(date)s"),
        }
        return typeset(wordings[self.kind] % values, get_language())


class HistoricalProjectExtras(models.Model):
    """What the history of a project keeps besides its own columns (events.translation): the
    partners of each side as they were, written out, since participations have their own table."""

    partners_text = models.TextField(_("partners"), blank=True, default="")

    class Meta:
        abstract = True


class LabelCounter(models.Model):
    """The last label number given in a year. Its row is locked while a reference is allocated, so
    that two committee members labelling at the same moment get two consecutive references."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("label counter")
        verbose_name_plural = _("label counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Participation(models.Model):
    """A partner's part in a project, on the French or the Russian side, in programme order."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="participations"
    )
    side = models.CharField(_("side"), max_length=2, choices=Side.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["side", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "partner", "side"], name="unique_participation"),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_side_display()})"

    def clean(self):
        if self.partner_id and self.side:
            try:
                check_side(partner=self.partner, side=self.side)
            except ValidationError as error:
                raise ValidationError({"partner": error.messages}) from error


class StatusChange(models.Model):
    """One step of a project through the labelling workflow: who, when, from what to what, why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    action = models.CharField(_("action"), max_length=20, choices=WorkflowAction.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=LabellingStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=LabellingStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.project}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ProgrammeLoadRecord(models.Model):
    """What the programme loader last wrote for one object of fixtures/programme/: which row it
    became and a hash of each field's value. A record whose row is gone (object_id empty) means
    staff deleted it: it is not created again. A field whose value no longer has the recorded hash
    was changed by staff: `load_programme --update` leaves it alone."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    object_id = models.BigIntegerField(null=True, blank=True)
    field_hashes = models.JSONField(default=dict)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme load record")
        verbose_name_plural = _("programme load records")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_programme_load_record")]

    def __str__(self):
        return f"{self.kind} {self.key}"


class StaffLanguage(models.TextChoices):
    FRENCH = "fr", "Français"
    RUSSIAN = "ru", "Русский"
    ENGLISH = "en", "English"


class StaffProfile(models.Model):
    """What the portal knows of a staff member beyond Django's user: the language of their e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=StaffLanguage.choices,
        default=StaffLanguage.FRENCH,
        help_text=_("The language of the notifications the portal sends you."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)


class RevisionState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    SENT_BACK = "sent_back", _("sent back to its author")
    SUPERSEDED = "superseded", _("replaced by a later proposal")


class ProjectRevision(models.Model):
    """A change to a published project proposed by someone who may not publish: the public keeps
    seeing the published version until the labelling committee approves it (events.review)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    # The project's version the proposal was made from: the review shows when it changed since.
    base_version = models.PositiveIntegerField(_("version it was made from"))
    # The proposed content, in the form of events.review.snapshot().
    content = models.JSONField(_("proposed content"))
    state = models.CharField(
        _("state"), max_length=10, choices=RevisionState.choices, default=RevisionState.PENDING, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.project} ({self.get_state_display()})"


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", _("waiting for confirmation")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ProjectImport(models.Model):
    """A spreadsheet uploaded by staff: its rows as read, and what became of them (events.imports).

    The rows live here, not in a session or a local file, so that the confirmation may reach any
    worker of any machine, and the import itself may run on the task queue.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    language = models.CharField(max_length=10, default="fr")
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.PREVIEWED
    )
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    result = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The projects this import created: "imported, not yet submitted" while their submitted_at is empty.
    projects = models.ManyToManyField(Project, related_name="imports", blank=True, editable=False)

    class Meta:
        verbose_name = _("project import")
        verbose_name_plural = _("project imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
