"""The staff admin: trilingual editing, the labelling workflow, history, import and export."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Q, When
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import completeness, freshness, history, review, services
from .admin_forms import DeskProjectFormMixin, period_in_words
from .admin_imports import ProjectImportAdminMixin
from .models import (
    AttendanceMode,
    EventStatus,
    LabellingStatus,
    Participation,
    ProgrammeChange,
    Project,
    ProjectRevision,
    RevisionState,
    StaffProfile,
    StaleProject,
    StatusChange,
    Theme,
    side_of,
)
from .periods import Precision, infer_precision
from .resources import ProjectResource


def missing_translation(lang: str) -> Q:
    """Projects lacking a title, or a description the French text has, in `lang`."""
    empty = lambda field: Q(**{f"{field}_{lang}": ""}) | Q(**{f"{field}_{lang}__isnull": True})  # noqa: E731
    return empty("title") | (~Q(description_fr="") & empty("description"))


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("ru", _("missing Russian")), ("en", _("missing English"))]

    def queryset(self, request, queryset):
        if self.value() in ("ru", "en"):
            return queryset.filter(missing_translation(self.value()))
        return queryset


class TranslationOutOfDateFilter(admin.SimpleListFilter):
    title = _("translation out of date")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("ru", _("Russian out of date")),
            ("en", _("English out of date")),
            ("any", _("any language")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("ru", "en", "any"):
            lang = None if self.value() == "any" else self.value()
            return queryset.filter(pk__in=freshness.out_of_date_ids(queryset, lang))
        return queryset


class WaitingFilter(admin.SimpleListFilter):
    title = _("labelling queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("waiting", _("submitted, waiting for labelling")), ("draft", _("not submitted yet"))]

    def queryset(self, request, queryset):
        proposed = queryset.filter(status=LabellingStatus.PROPOSED)
        if self.value() == "waiting":
            return proposed.filter(submitted_at__isnull=False)
        if self.value() == "draft":
            return proposed.filter(submitted_at__isnull=True)
        return queryset


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "position")
    prepopulated_fields = {"slug": ("name_en",)}


class ParticipationForm(forms.ModelForm):
    """A row of the project's partners: the side, left empty, is the partner's country's (a body of
    one country placed in the other, such as a consulate, may be put on either side: choose it)."""

    class Meta:
        model = Participation
        fields = ("partner", "side", "position")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "side" in self.fields:
            self.fields["side"].required = False
            self.fields["side"].help_text = _("Left empty: the side of the partner’s country.")

    def clean(self):
        cleaned = super().clean()
        partner = cleaned.get("partner")
        if partner is not None and not cleaned.get("side") and "side" not in self.errors:
            cleaned["side"] = side_of(partner)
        return cleaned


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    extra = 1
    autocomplete_fields = ("partner",)
    verbose_name = _("partner")
    verbose_name_plural = _("partners (French and Russian sides)")


class ReadOnlyInline(admin.TabularInline):
    """A log shown on the project's page: written by the services only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log or a queue of its own: written by the services only, never through the admin's forms."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ("changed_at", "action", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields
    verbose_name_plural = _("labelling history")


class PublicNoteForm(forms.Form):
    """A note for readers, one optional text per language (French, Russian, English)."""

    note_label = _("Public note")
    note_fr = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note_ru = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note_en = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in ("fr", "ru", "en"):
            self.fields[f"note_{code}"].label = f"{self.note_label} ({code.upper()})"
        # The note comes last, after the fields of the form itself.
        for code in ("fr", "ru", "en"):
            self.fields[f"note_{code}"] = self.fields.pop(f"note_{code}")

    def public_note(self) -> dict:
        return {code: self.cleaned_data.get(f"note_{code}", "") for code in ("fr", "ru", "en")}


class WithdrawForm(PublicNoteForm):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the committee only: never shown to the public."),
    )
    note_label = _("Public reason, shown on the project’s page")


class EventStatusForm(PublicNoteForm):
    """What became of a published project’s event (events.services.change_event_status)."""

    event_status = forms.ChoiceField(label=_("Event status"), choices=EventStatus.choices)
    attendance_mode = forms.ChoiceField(label=_("Attendance"), choices=AttendanceMode.choices)
    new_period = forms.CharField(
        label=_("New period in words"),
        required=False,
        max_length=200,
        help_text=_(
            "For a rescheduled event, in French, Russian or English, e.g. “du 12 au 18 octobre 2021”, "
            "“ноябрь 2021 года”, “second half of 2021”: fills the new start, end and precision."
        ),
    )
    new_start = forms.DateField(label=_("New start"), required=False, help_text=_("For a rescheduled event."))
    new_end = forms.DateField(label=_("New end"), required=False)
    new_precision = forms.ChoiceField(
        label=_("Precision of the new period"),
        choices=[("", "—"), *[(v, label) for v, label in Precision.choices if v != Precision.UNKNOWN]],
        required=False,
    )

    # The field on which each refusal of events.services.change_event_status is shown.
    FIELD_OF_ERROR = {
        "period_required": "new_period",
        "same_period": "new_period",
        "period_not_rescheduled": "new_period",
        "period_order": "new_end",
    }

    def clean(self):
        """A period in words fills the new start, end and precision (the project form's rule:
        admin_forms.period_in_words); two dates alone get the precision they state."""
        cleaned = super().clean()
        wording = (cleaned.get("new_period") or "").strip()
        if wording:
            try:
                period = period_in_words(wording, dated=True)
            except ValidationError as error:
                self.add_error("new_period", error)
                return cleaned
            cleaned["new_start"], cleaned["new_end"] = period.start, period.end
            cleaned["new_precision"] = period.precision
        start, end = cleaned.get("new_start"), cleaned.get("new_end")
        if start and end and end >= start and not cleaned.get("new_precision"):
            cleaned["new_precision"] = infer_precision(start, end)
        return cleaned

    def add_service_error(self, error: ValidationError) -> None:
        code = error.error_list[0].code if hasattr(error, "error_list") else None
        self.add_error(self.FIELD_OF_ERROR.get(code), error)


class ProgrammeChangeInline(ReadOnlyInline):
    model = ProgrammeChange
    fields = (
        "changed_on",
        "kind",
        "event_status",
        "attendance_mode",
        "previous_display",
        "new_display",
        "note",
    )
    readonly_fields = fields
    verbose_name_plural = _("public changes of the programme")

    @admin.display(description=_("before"))
    def previous_display(self, change):
        return change.previous_display

    @admin.display(description=_("after"))
    def new_display(self, change):
        return change.new_display


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should be changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The editor sees this comment on the project and receives it by e-mail."),
    )


class PublishForm(forms.Form):
    without_translations = forms.BooleanField(
        label=_("Publish without the translations"),
        required=False,
        help_text=_(
            "Tick only if the project must be public before its Russian or English text is ready: "
            "the decision is recorded in the labelling log."
        ),
    )


# The form each workflow step asks for before it is applied (None: a confirmation only).
STEP_FORMS = {"withdraw": WithdrawForm, "send_back": SendBackForm, "publish": PublishForm}


class ProjectAdminForm(DeskProjectFormMixin, forms.ModelForm):
    """The project form of the admin (change, add and history revert).

    It never carries the workflow fields (they are read-only and taken from the database, even when
    the form starts from an old copy in the history), and it carries the version the editor saw: a
    form opened before someone else's change is refused instead of undoing that change.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The content of a proposed change the form starts from (events.review.draft_for), when unbound.
    draft_initial = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.draft_initial and not self.is_bound:
            self.initial.update(self.draft_initial)
        if self.instance.pk:
            self.instance.take_workflow_state_from_database()
            self.fields["seen_version"].required = True
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            seen = cleaned.get("seen_version")
            # Locked until the admin's transaction ends: nobody changes the project between this
            # check and the save (PostgreSQL); the save checks the version again in any case.
            current = (
                Project.objects.select_for_update().filter(pk=self.instance.pk).values("version").first()
            )
            if seen is None:
                raise ValidationError(
                    _("This form is incomplete (the version you opened is missing): open the project again.")
                )
            if current is not None and seen != current["version"]:
                raise StaleProject(title=self.instance.title, expected=seen, current=current["version"])
            self.instance.version = seen
        return cleaned


@admin.register(Project)
class ProjectAdmin(ProjectImportAdminMixin, ExportMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    resource_classes = [ProjectResource]
    form = ProjectAdminForm
    list_display = ("title", "reference", "status", "french_region", "planned", "translations", "updated_at")
    list_display_links = ("title",)
    list_filter = (
        "status",
        WaitingFilter,
        MissingTranslationFilter,
        TranslationOutOfDateFilter,
        "themes",
        "french_region",
        ("territories", admin.RelatedOnlyFieldListFilter),
        "planned_precision",
    )
    search_fields = ("title_fr", "title_ru", "title_en", "reference", "slug", "partners__name_fr")
    list_select_related = ("french_region",)
    sortable_by = ("title", "reference", "status", "french_region", "planned", "updated_at")
    filter_horizontal = ("themes",)
    autocomplete_fields = ("french_region",)
    prepopulated_fields = {"slug": ("title_fr",)}
    inlines = [ParticipationInline, StatusChangeInline, ProgrammeChangeInline]
    actions = ["submit_selected", "label_selected", "publish_selected", "withdraw_selected"]
    readonly_fields = (
        "status",
        "reference",
        "labelled_on",
        "published_at",
        "submitted_at",
        "withdrawn_reason",
        "preview_links",
        "event_status",
        "attendance_mode",
        "previous_start",
        "previous_end",
        "previous_precision",
    )
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "themes", "editorial_note", "seen_version")}),
        (
            _("Partners and place"),
            {"fields": ("french_region", "has_unnamed_french_partners", "has_unnamed_russian_partners")},
        ),
        (
            _("Planned period"),
            {
                "fields": (
                    "planned_period",
                    "planned_start",
                    "planned_end",
                    "planned_precision",
                    "planned_text",
                    "planned_source",
                ),
                "description": _(
                    "Type the period in words, or enter the interval (its precision is inferred when "
                    "left “unknown”); leave the wording empty to have it written for you in each language."
                ),
            },
        ),
        (
            _("Labelling"),
            {
                "fields": (
                    "preview_links",
                    "status",
                    "reference",
                    "submitted_at",
                    "labelled_on",
                    "published_at",
                    "withdrawn_reason",
                )
            },
        ),
        (
            _("Event"),
            {
                "fields": (
                    "event_status",
                    "attendance_mode",
                    "previous_start",
                    "previous_end",
                    "previous_precision",
                ),
                "description": _(
                    "Changed by the labelling committee with the “Change the event’s status” button, "
                    "which records a dated public change."
                ),
            },
        ),
    )

    # The history reads as a diff (events.history), with no link the reader may not follow.
    object_history_list_template = "admin/events/project/object_history_list.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        stale = freshness.out_of_date(obj) if obj is not None else {}
        if not stale:
            return fieldsets
        confirm = tuple(
            f"translation_still_correct_{lang}" for lang in freshness.TARGET_LANGUAGES if lang in stale
        )
        section = (
            _("Translation out of date"),
            {
                "fields": confirm,
                "description": _(
                    "The French text changed since these translations were written: update them, or "
                    "confirm that they are still correct."
                ),
            },
        )
        return (*fieldsets, section)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        changes = history.readable_changes(historical_records)
        for record in historical_records:
            record.readable_changes = changes.get(record.history_id, [])

    def history_view(self, request, object_id, extra_context=None):
        project = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_open_versions": project is not None and self.has_change_permission(request, project),
        }
        return super().history_view(request, object_id, extra_context)

    @admin.display(description=_("planned"), ordering="planned_start")
    def planned(self, project):
        return project.planned_display

    @admin.display(description=_("translations"))
    def translations(self, project):
        missing = [
            label
            for lang, label in (("ru", "RU"), ("en", "EN"))
            if not getattr(project, f"title_{lang}")
            or (project.description_fr and not getattr(project, f"description_{lang}"))
        ]
        if not missing:
            return "✓"
        return format_html('<strong style="color:#b10d27">{} {}</strong>', _("missing"), ", ".join(missing))

    @admin.display(description=_("preview"))
    def preview_links(self, project):
        if not project.pk:
            return "—"
        links = []
        for code in ("fr", "ru", "en"):
            with translation.override(code):
                links.append((project.get_absolute_url(), code.upper()))
        return format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The workflow steps depend on who looks: computed per request, never kept on the admin.
        project = self.get_object(request, object_id)
        if project is not None:
            url = reverse("admin:events_project_transition", args=[project.pk])
            steps = services.allowed_actions(project=project, user=request.user)
            # The buttons carry the version shown: a step asked on a page opened before someone
            # else's change is refused.
            participations = project.participations.select_related("partner__territory").order_by(
                "side", "position"
            )
            extra_context = {
                **(extra_context or {}),
                "workflow_steps": [
                    (f"{url}?action={a}&version={project.version}", services.ACTION_LABELS[a]) for a in steps
                ],
                "missing": completeness.missing(project, participations),
                "latest_comment": review.latest_comment(project),
                "sent_back_revision": project.revisions.filter(state=RevisionState.SENT_BACK).first(),
                "pending_revision": review.pending_revision(project),
                "needs_review": review.needs_review(project=project, user=request.user),
            }
            if project.is_published and request.user.has_perm("events.change_event_status"):
                event_url = reverse("admin:events_project_event_status", args=[project.pk])
                extra_context["event_status_url"] = f"{event_url}?version={project.version}"
            if request.method == "GET":
                draft = review.draft_for(project=project, user=request.user)
                if draft is not None:
                    request._draft = draft
                    extra_context["draft"] = draft
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view the history post its "Revert" form; only
        # those who may change the project may revert it (and ProjectAdminForm keeps its workflow state).
        if request.method == "POST":
            project = self.get_object(request, unquote(object_id))
            if project is None or not self.has_change_permission(request, project):
                raise PermissionDenied
            request._reverting = True  # an editor's revert of a published project is reviewed too
        with transaction.atomic():  # as the change form: the version check locks the row until saved
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        draft = getattr(request, "_draft", None)
        if draft is None:
            return form
        return type(form.__name__, (form,), {"draft_initial": review.initial_from(draft)})

    def save_model(self, request, obj, form, change):
        # A published project saved by someone who may not publish is not written: its new content
        # waits for the committee as a revision (events.review), made in save_related with the partners.
        if change and review.needs_review(project=obj, user=request.user):
            request._proposes_change = True
            if getattr(request, "_reverting", False):  # no save_related follows a history revert
                form.save_m2m = lambda: None
                request._revision = review.propose_change(
                    project=Project.objects.get(pk=obj.pk),
                    user=request.user,
                    content=review.snapshot_from_form(form, None),
                )
            return
        if hasattr(form, "record_translation_sources"):
            form.record_translation_sources(obj)
        services.generate_planned_wording(project=obj)
        super().save_model(request, obj, form, change)
        if change:  # a history revert saves no related objects: its text is refreshed here
            services.refresh_derived_fields(project=obj)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_proposes_change", False):
            partners = next(fs for fs in formsets if fs.model is Participation)
            if form.has_changed() or any(fs.has_changed() for fs in formsets):
                request._revision = review.propose_change(
                    project=Project.objects.get(pk=form.instance.pk),
                    user=request.user,
                    content=review.snapshot_from_form(form, partners),
                )
            return
        # The version save_model() recorded gets this form's themes and partners (events.history),
        # rather than one more version per theme added or removed.
        form.instance.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del form.instance.skip_history_when_saving
        self._derive_french_region(request, form.instance)
        services.refresh_derived_fields(project=form.instance)
        history.complete_latest_version(form.instance)

    def _derive_french_region(self, request, project):
        """An empty French region follows from the French partners' places (events.services), in
        the version this save records; the Editor is told what was filled, or why it was not."""
        had_region = project.french_region_id
        regions = services.fill_french_region(project=project)
        if project.french_region_id != had_region:
            messages.info(
                request,
                _("The French region “%(region)s” was taken from the French partners’ places.")
                % {"region": project.french_region},
            )
        elif had_region is None and len(regions) > 1:
            messages.warning(
                request,
                _(
                    "The French partners’ places lie in several regions (%(regions)s): choose the "
                    "project’s French region."
                )
                % {"regions": ", ".join(str(region) for region in regions)},
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and review.needs_review(project=form.instance, user=request.user):
            return []  # the formsets are not saved: there is no change to describe
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "_proposes_change", False):
            return None  # nothing was changed: the revision is the record
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "_proposes_change", False):
            if getattr(request, "_revision", None) is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.warning(
                    request,
                    _(
                        "Your change to “%(title)s” waits for the labelling committee’s review: the "
                        "public keeps seeing the published version until it is approved."
                    )
                    % {"title": obj.title_fr},
                )
            return HttpResponseRedirect(reverse("admin:events_project_change", args=[obj.pk]))
        # "Save and open the next project missing this language" (a button per language)
        lang = request.POST.get("_next_missing")
        if lang not in freshness.TARGET_LANGUAGES:
            return super().response_change(request, obj)
        self.message_user(request, _("“%(title)s” was saved.") % {"title": obj}, messages.SUCCESS)
        following = (
            self.get_queryset(request)
            .filter(missing_translation(lang))
            .exclude(pk=obj.pk)
            .order_by(Case(When(pk__gt=obj.pk, then=0), default=1), "pk")  # the next, then from the top
            .first()
        )
        if following is None:
            self.message_user(request, _("No other project misses this language."), messages.INFO)
            return HttpResponseRedirect(reverse("admin:events_project_changelist") + f"?missing={lang}")
        return HttpResponseRedirect(reverse("admin:events_project_change", args=[following.pk]))

    # One-project transitions (buttons on the change form)

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="events_project_transition",
            ),
            path(
                "<int:pk>/event-status/",
                self.admin_site.admin_view(self.event_status_view),
                name="events_project_event_status",
            ),
        ]
        return urls + super().get_urls()

    def transition_view(self, request, pk):
        project = self.get_object(request, str(pk))
        if project is None or not self.has_view_permission(request, project):
            raise PermissionDenied
        action = request.GET.get("action") or request.POST.get("action")
        if action not in services.WORKFLOW:
            messages.error(request, _("Unknown workflow step."))
            return HttpResponseRedirect(reverse("admin:events_project_change", args=[pk]))
        form_class = STEP_FORMS.get(action)
        form = form_class(request.POST or None) if form_class else None
        seen = request.POST.get("version") or request.GET.get("version") or ""
        expected_version = int(seen) if seen.isdigit() else None
        if request.method == "POST" and (form is None or form.is_valid()):
            data = form.cleaned_data if form else {}
            options = {name: value for name, value in data.items() if not name.startswith("note_")}
            if isinstance(form, PublicNoteForm):
                options["public_note"] = form.public_note()
            self._apply(request, action, [project], expected_version=expected_version, **options)
            return HttpResponseRedirect(reverse("admin:events_project_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": services.ACTION_LABELS[action],
            "projects": [project],
            "action": action,
            "form": form,
            "version": expected_version if expected_version is not None else project.version,
            "missing": completeness.missing(
                project,
                project.participations.select_related("partner__territory").order_by("side", "position"),
            ),
        }
        return TemplateResponse(request, "admin/events/project/transition.html", context)

    def event_status_view(self, request, pk):
        """The committee's form for what became of a published project’s event. The permission is
        checked here and again in the service."""
        project = self.get_object(request, str(pk))
        if project is None or not request.user.has_perm("events.change_event_status"):
            raise PermissionDenied
        seen = request.POST.get("version") or request.GET.get("version") or ""
        version = int(seen) if seen.isdigit() else project.version
        form = EventStatusForm(
            request.POST or None,
            initial={"event_status": project.event_status, "attendance_mode": project.attendance_mode},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.change_event_status(
                    project=project,
                    user=request.user,
                    event_status=data["event_status"],
                    attendance_mode=data["attendance_mode"],
                    new_start=data["new_start"],
                    new_end=data["new_end"],
                    new_precision=data["new_precision"],
                    note=form.public_note(),
                    expected_version=version,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                project.refresh_from_db()
                messages.success(
                    request,
                    _("The event of “%(title)s” is now: %(status)s.")
                    % {"title": project.title, "status": project.get_event_status_display()},
                )
                return HttpResponseRedirect(reverse("admin:events_project_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Change the event’s status"),
            "project": project,
            "form": form,
            "version": version,
        }
        return TemplateResponse(request, "admin/events/project/event_status.html", context)

    # Bulk actions for the committee, through the same services

    def _apply(self, request, action, projects, expected_version=None, **options):
        steps = {
            "submit": services.submit_for_labelling,
            "label": services.label_project,
            "publish": services.publish_project,
            "withdraw": services.withdraw_project,
            "send_back": services.send_back,
        }
        done = 0
        for project in projects:
            common = {"project": project, "user": request.user, "expected_version": expected_version}
            try:
                steps[action](**common, **options)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        if done:
            messages.success(
                request,
                _("%(count)d project(s): %(action)s.")
                % {"count": done, "action": services.ACTION_NAMES[action]},
            )

    @admin.action(description=_("Submit the selected projects for labelling"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._apply(request, "submit", queryset.filter(submitted_at__isnull=True))

    @admin.action(description=_("Label the selected projects"), permissions=["label"])
    def label_selected(self, request, queryset):
        self._apply(request, "label", queryset)

    @admin.action(description=_("Publish the selected projects"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, "publish", queryset)

    @admin.action(description=_("Withdraw the selected projects…"), permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._apply(
                request,
                "withdraw",
                queryset,
                reason=form.cleaned_data["reason"],
                public_note=form.public_note(),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Withdraw the selected projects"),
            "projects": queryset,
            "form": form,
            "action": "withdraw",
            "bulk": True,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/events/project/transition.html", context)

    def has_submit_permission(self, request):
        return request.user.has_perm("events.submit_project")

    def has_label_permission(self, request):
        return request.user.has_perm("events.label_project")

    def has_publish_permission(self, request):
        return request.user.has_perm("events.publish_project")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("events.withdraw_project")


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("changed_at", "project", "action", "from_status", "to_status", "changed_by")
    list_filter = ("action", "to_status")
    search_fields = ("project__title_fr", "project__reference", "note")
    date_hierarchy = "changed_at"


@admin.register(ProgrammeChange)
class ProgrammeChangeAdmin(ReadOnlyAdmin):
    """The public change log, read-only: changes are made on a project's page."""

    list_display = ("changed_on", "project", "kind", "event_status", "attendance_mode", "changed_by")
    list_filter = ("kind", "event_status")
    search_fields = ("project__title_fr", "project__reference", "note_fr")
    date_hierarchy = "changed_on"
    list_select_related = ("project", "changed_by")


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the editor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to send the change back; optional when approving."),
    )


@admin.register(ProjectRevision)
class ProjectRevisionAdmin(ReadOnlyAdmin):
    """Proposed changes to published projects: a list, and a review page per change (events.review)."""

    list_display = ("project", "author", "created_at", "state", "reviewer")
    list_filter = ("state",)
    list_select_related = ("project", "author", "reviewer")
    search_fields = ("project__title_fr", "project__reference")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_project")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="events_projectrevision_review",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:events_projectrevision_review", args=[object_id]))

    def review_view(self, request, pk):
        revision = (
            ProjectRevision.objects.select_related("project", "author", "reviewer").filter(pk=pk).first()
        )
        if revision is None or not self.has_view_permission(request, revision):
            raise PermissionDenied
        may_review = request.user.has_perm("events.publish_project")
        form = ReviewForm(request.POST or None)
        if request.method == "POST":
            if not may_review:
                raise PermissionDenied
            decision = request.POST.get("decision")
            if decision in ("approve", "send_back") and form.is_valid():
                comment = form.cleaned_data["comment"]
                try:
                    if decision == "approve":
                        review.approve_revision(revision=revision, user=request.user, comment=comment)
                        messages.success(request, _("The change is approved: the public now sees it."))
                    else:
                        review.send_back_revision(revision=revision, user=request.user, comment=comment)
                        messages.success(request, _("The change was sent back to its author."))
                    return HttpResponseRedirect(
                        reverse("admin:events_project_change", args=[revision.project_id])
                    )
                except (PermissionDenied, ValidationError) as exc:
                    messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            elif decision not in ("approve", "send_back"):
                messages.error(request, _("Choose to approve the change or to send it back."))
        project = revision.project
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Change to “%(title)s”") % {"title": project.title},
            "revision": revision,
            "project": project,
            "changes": review.diff(review.compared_with(revision), revision.content),
            "project_changed_since": project.version != revision.base_version,
            "may_review": may_review and revision.state == RevisionState.PENDING,
            "form": form,
        }
        return TemplateResponse(request, "admin/events/projectrevision/review.html", context)


class StaffProfileForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ("language",)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """Each staff member edits their own profile (the language of their notifications), nobody else's."""

    form = StaffProfileForm

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        profile, _created = StaffProfile.objects.get_or_create(user=request.user)
        return HttpResponseRedirect(reverse("admin:events_staffprofile_change", args=[profile.pk]))
