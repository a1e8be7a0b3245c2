from modeltranslation.translator import TranslationOptions, register

from .models import Project, Theme


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "description", "planned_text")
    required_languages = ("fr",)
