from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Participation, Project, Theme
from .services import refresh_derived_fields


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "position")
    prepopulated_fields = {"slug": ("name_en",)}


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ("partner",)


@admin.register(Project)
class ProjectAdmin(TabbedTranslationAdmin):
    list_display = ("title", "reference", "status", "french_region", "planned_start", "planned_precision")
    list_filter = ("status", "themes", "planned_precision", "french_region")
    search_fields = ("title_fr", "title_ru", "title_en", "reference", "slug")
    filter_horizontal = ("themes",)
    autocomplete_fields = ("french_region",)
    prepopulated_fields = {"slug": ("title_fr",)}
    inlines = [ParticipationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_derived_fields(project=form.instance)
