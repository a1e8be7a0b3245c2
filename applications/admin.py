"""Staff side of applications: read what the applicant sent, accept it or decline it with a reason."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import Project

from . import services
from .forms import DeclineForm
from .models import Application, ApplicationState

APPLICANT_FIELDS = (
    "organisation",
    "kind",
    "country",
    "place",
    "contact_name",
    "email",
    "phone",
    "partner",
    "partner_name",
)
PROJECT_FIELDS = ("language", "title", "description", "planned_text", "themes", "interface_language")
DECISION_FIELDS = (
    "state",
    "project_link",
    "looks_like_existing",
    "similar_project_link",
    "staff_note",
    "decline_reason",
    "received_at",
    "consented_at",
    "decided_at",
)


def _project_link(project):
    """A link to a project's admin page, or a dash."""
    if project is None:
        return "—"
    url = reverse("admin:events_project_change", args=[project.pk])
    return format_html('<a href="{}">{}</a>', url, project)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "country", "state", "looks_like_existing", "received_at")
    list_filter = ("state", "country", "looks_like_existing", "language")
    search_fields = ("title", "organisation", "partner_name", "contact_name", "email")
    date_hierarchy = "received_at"
    fieldsets = (
        (_("Applicant"), {"fields": APPLICANT_FIELDS}),
        (_("Project, as sent"), {"fields": PROJECT_FIELDS}),
        (_("Decision"), {"fields": DECISION_FIELDS}),
    )
    readonly_fields = (*APPLICANT_FIELDS, *PROJECT_FIELDS, *DECISION_FIELDS)
    actions = ["accept_selected"]

    def has_add_permission(self, request):
        return False  # applications come from the public form only

    @admin.display(description=_("proposed project"))
    def project_link(self, application):
        return _project_link(application.project)

    @admin.display(description=_("similar project"))
    def similar_project_link(self, application):
        return _project_link(application.similar_project)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        decidable = (
            application is not None
            and application.state == ApplicationState.RECEIVED
            and request.user.has_perm(services.DECIDE_PERMISSION)
        )
        extra_context = {**(extra_context or {}), "decidable": decidable}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/accept/", self.admin_site.admin_view(self.accept_view), name="applications_accept"
            ),
            path(
                "<int:pk>/decline/",
                self.admin_site.admin_view(self.decline_view),
                name="applications_decline",
            ),
            *super().get_urls(),
        ]

    def _application(self, request, pk):
        application = self.get_object(request, str(pk))
        if application is None or not self.has_view_permission(request, application):
            raise PermissionDenied
        return application

    def _change_url(self, application):
        return HttpResponseRedirect(reverse("admin:applications_application_change", args=[application.pk]))

    def _context(self, request, application, title, **more):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "application": application,
            **more,
        }

    def _accept(self, request, application) -> bool:
        try:
            services.accept_application(application=application, user=request.user)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return False
        application.refresh_from_db()
        project = application.project
        if project is not None and project.submitted_at:
            done = _("“%(title)s” was accepted and submitted for labelling.")
        else:
            done = _("“%(title)s” was accepted: complete its project, then submit it for labelling.")
        messages.success(request, done % {"title": application.title})
        if application.staff_note:
            messages.warning(request, application.staff_note)
        return True

    def accept_view(self, request, pk):
        application = self._application(request, pk)
        if request.method == "POST":
            self._accept(request, application)
            return self._change_url(application)
        return TemplateResponse(
            request,
            "admin/applications/application/decide.html",
            self._context(request, application, _("Accept the application"), action="accept"),
        )

    def decline_view(self, request, pk):
        application = self._application(request, pk)
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decline_application(
                    application=application,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    base_url=request.build_absolute_uri("/"),
                )
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("The application was declined; the applicant is told by e-mail."))
            return self._change_url(application)
        return TemplateResponse(
            request,
            "admin/applications/application/decide.html",
            self._context(request, application, _("Decline the application"), action="decline", form=form),
        )

    @admin.action(description=_("Accept the selected applications"), permissions=["decide"])
    def accept_selected(self, request, queryset):
        for application in queryset:
            self._accept(request, application)

    def has_decide_permission(self, request):
        return request.user.has_perm(services.DECIDE_PERMISSION)


class FromApplicationFilter(admin.SimpleListFilter):
    """On the projects' list: the proposed projects that came from an application."""

    title = _("origin")
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("application", _("application")), ("programme", _("programme or staff"))]

    def queryset(self, request, queryset):
        if self.value() == "application":
            return queryset.filter(application__isnull=False)
        if self.value() == "programme":
            return queryset.filter(application__isnull=True)
        return queryset


# The projects' admin belongs to events, which knows nothing of applications: the filter is added here.
_project_admin = admin.site._registry.get(Project)
if _project_admin is not None:
    _project_admin.list_filter = (*_project_admin.list_filter, FromApplicationFilter)
