from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import HistoricalProjectExtras, ProgrammeChange, Project, Theme


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "description", "planned_text", "editorial_note")
    required_languages = ("fr",)


@register(ProgrammeChange)
class ProgrammeChangeTranslationOptions(TranslationOptions):
    fields = ("note",)


# History after translation, so that the historical model has the translated columns too.
# Themes are kept with each version (simple-history's m2m support); partners as text (events.history).
register_history(
    Project,
    excluded_fields=["search_document", "search_title", "translation_sources"],
    m2m_fields=["themes"],
    bases=[HistoricalProjectExtras],
)
