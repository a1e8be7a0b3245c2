"""The staff admin: trilingual editing, the labelling workflow, history, import and export."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .admin_imports import ProjectImportAdminMixin
from .models import LabellingStatus, Participation, Project, StaleProject, StatusChange, Theme
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


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ("partner",)
    verbose_name = _("partner")
    verbose_name_plural = _("partners (French and Russian sides)")


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "action", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields
    verbose_name_plural = _("labelling history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the withdrawal"), widget=forms.Textarea(attrs={"rows": 3}))


class ProjectAdminForm(forms.ModelForm):
    """The project form of the admin (change, add and history revert).

    It never carries the workflow fields (they are read-only and taken from the database, even when
    the form starts from an old copy in the history), and it carries the version the editor saw: a
    form opened before someone else's change is refused instead of undoing that change.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
    inlines = [ParticipationInline, StatusChangeInline]
    actions = ["label_selected", "publish_selected", "withdraw_selected"]
    readonly_fields = (
        "status",
        "reference",
        "labelled_on",
        "published_at",
        "submitted_at",
        "withdrawn_reason",
        "preview_links",
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
                    "planned_start",
                    "planned_end",
                    "planned_precision",
                    "planned_text",
                    "planned_source",
                ),
                "description": _(
                    "Enter the interval and its precision; leave the wording empty to have it "
                    "written for you in each language."
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
    )

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
            extra_context = {
                **(extra_context or {}),
                "workflow_steps": [
                    (f"{url}?action={a}&version={project.version}", services.ACTION_LABELS[a]) for a in steps
                ],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view the history post its "Revert" form; only
        # those who may change the project may revert it (and ProjectAdminForm keeps its workflow state).
        if request.method == "POST":
            project = self.get_object(request, unquote(object_id))
            if project is None or not self.has_change_permission(request, project):
                raise PermissionDenied
        with transaction.atomic():  # as the change form: the version check locks the row until saved
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        services.generate_planned_wording(project=obj)
        super().save_model(request, obj, form, change)
        if change:  # a history revert saves no related objects: its text is refreshed here
            services.refresh_derived_fields(project=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_derived_fields(project=form.instance)

    # One-project transitions (buttons on the change form)

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="events_project_transition",
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
        form = WithdrawForm(request.POST or None) if action == "withdraw" else None
        seen = request.POST.get("version") or request.GET.get("version") or ""
        expected_version = int(seen) if seen.isdigit() else None
        if request.method == "POST" and (form is None or form.is_valid()):
            self._apply(
                request,
                action,
                [project],
                reason=form.cleaned_data["reason"] if form else "",
                expected_version=expected_version,
            )
            return HttpResponseRedirect(reverse("admin:events_project_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": services.ACTION_LABELS[action],
            "projects": [project],
            "action": action,
            "form": form,
            "version": expected_version if expected_version is not None else project.version,
        }
        return TemplateResponse(request, "admin/events/project/transition.html", context)

    # Bulk actions for the committee, through the same services

    def _apply(self, request, action, projects, reason="", expected_version=None):
        done = 0
        for project in projects:
            common = {"project": project, "user": request.user, "expected_version": expected_version}
            try:
                if action == "submit":
                    services.submit_for_labelling(**common)
                elif action == "label":
                    services.label_project(**common)
                elif action == "publish":
                    services.publish_project(**common)
                else:
                    services.withdraw_project(**common, reason=reason)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        if done:
            messages.success(
                request,
                _("%(count)d project(s): %(action)s.")
                % {"count": done, "action": services.ACTION_NAMES[action]},
            )

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
            self._apply(request, "withdraw", queryset, reason=form.cleaned_data["reason"])
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

    def has_label_permission(self, request):
        return request.user.has_perm("events.label_project")

    def has_publish_permission(self, request):
        return request.user.has_perm("events.publish_project")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("events.withdraw_project")


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "project", "action", "from_status", "to_status", "changed_by")
    list_filter = ("action", "to_status")
    search_fields = ("project__title_fr", "project__reference", "note")
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
