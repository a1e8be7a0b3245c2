from modeltranslation.translator import TranslationOptions, register

from .models import Partner, Territory


@register(Territory)
class TerritoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)
