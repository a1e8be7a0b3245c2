from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Partner, Territory


@register(Territory)
class TerritoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


# History after translation, so that the historical models have the translated columns too.
register_history(Territory)
register_history(Partner)
