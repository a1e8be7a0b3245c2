from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partner, PartnerPair, Territory


@admin.register(Territory)
class TerritoryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "kind", "country", "parent")
    list_filter = ("country", "kind")
    search_fields = ("name_fr", "name_ru", "name_en", "alternative_names", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "kind", "country", "territory")
    list_filter = ("country", "kind")
    search_fields = ("name_fr", "name_ru", "name_en", "slug")
    autocomplete_fields = ("territory",)
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(PartnerPair)
class PartnerPairAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_twinning", "twinned_in")
    list_filter = ("is_twinning",)
    search_fields = ("french_partner__name_fr", "russian_partner__name_fr", "russian_partner__name_ru")
    autocomplete_fields = ("french_partner", "russian_partner")
