"""The staff admin's spreadsheet import: upload, preview, confirm, follow (events.imports does the work)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import imports
from .models import ImportState, ProjectImport


class UploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("Excel workbook (.xlsx) or CSV (as Excel saves it, with ; or , between columns)."),
    )


class ImportedFilter(admin.SimpleListFilter):
    title = _("import")
    parameter_name = "imported"

    def lookups(self, request, model_admin):
        return [("waiting", _("imported, not yet submitted")), ("all", _("imported"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pk__in=imports.imported_not_submitted().values("pk"))
        if self.value() == "all":
            return queryset.filter(pk__in=ProjectImport.projects.through.objects.values("project_id"))
        return queryset


class ProjectImportAdminMixin:
    """Adds the import pages to the project admin. URL names: admin:events_project_import,
    admin:events_project_import_preview, admin:events_project_import_template."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_upload_view), name="events_project_import"),
            path(
                "import/template.xlsx", view(self.import_template_view), name="events_project_import_template"
            ),
            path("import/<int:pk>/", view(self.import_preview_view), name="events_project_import_preview"),
            *super().get_urls(),
        ]

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), ImportedFilter)

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def import_upload_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            data = upload.read(imports.MAX_BYTES + 1)
            try:
                project_import = imports.start_import(data=data, file_name=upload.name, user=request.user)
            except imports.SpreadsheetError as error:
                form.add_error("import_file", str(error))
            else:
                return HttpResponseRedirect(
                    reverse("admin:events_project_import_preview", args=[project_import.pk])
                )
        recent = ProjectImport.objects.select_related("created_by")[:10]
        return TemplateResponse(
            request,
            "admin/events/project/import.html",
            self._context(request, title=_("Import projects from a spreadsheet"), form=form, recent=recent),
        )

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            imports.template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="projects-template.xlsx"'
        return response

    def import_preview_view(self, request, pk):
        if not self.has_import_permission(request):
            raise PermissionDenied
        project_import = get_object_or_404(ProjectImport, pk=pk)
        if request.method == "POST" and project_import.state == ImportState.PREVIEWED:
            if any(row.get("id") for row in project_import.rows) and not self.has_change_permission(request):
                messages.error(request, _("This file changes existing projects, which you may not change."))
                return HttpResponseRedirect(request.path)
            with transaction.atomic():
                project_import = imports.confirm_import(project_import=project_import)
            if project_import.state == ImportState.DONE:
                messages.success(request, _("The spreadsheet was imported."))
            elif project_import.state == ImportState.FAILED:
                messages.error(request, _("Nothing was imported: the rows below need correcting."))
            else:
                messages.info(request, _("The import is running: this page shows its progress."))
            return HttpResponseRedirect(request.path)
        context = self._context(
            request,
            title=_("Import of %(file)s") % {"file": project_import.file_name},
            project_import=project_import,
            states=ImportState,
        )
        if project_import.state == ImportState.PREVIEWED:
            context["preview"] = imports.preview(project_import)
        elif project_import.state == ImportState.FAILED:
            context["failures"] = imports.failure_messages(project_import)
        elif project_import.state == ImportState.DONE:
            context["created"] = project_import.projects.order_by("pk")
        return TemplateResponse(request, "admin/events/project/import_preview.html", context)
