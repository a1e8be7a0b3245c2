"""Staff see the stored programme booklets: when each was built, whether it is current, what failed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Booklet


@admin.register(Booklet)
class BookletAdmin(admin.ModelAdmin):
    """Read-only: booklets are built by the portal (public.booklets), never edited by hand."""

    list_display = (
        "language",
        "query",
        "project_count",
        "page_count",
        "size",
        "built_at",
        "current",
        "failed_at",
    )
    list_filter = ("language",)
    search_fields = ("query",)
    readonly_fields = [f.name for f in Booklet._meta.fields if f.name != "pdf"]
    exclude = ("pdf",)

    @admin.display(boolean=True, description=_("up to date"))
    def current(self, booklet):
        return not booklet.is_stale

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
