from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import gazetteer
from .models import Partner, PartnerPair, Territory, TerritoryKind
from .services import parent_of_place, place_from_gazetteer


def _gazetteer_attrs() -> dict:
    """A text input that static/js/gazetteer.js completes from the gazetteer's lookup view."""
    return {
        "data-gazetteer-url": reverse("admin:partners_territory_gazetteer"),
        "autocomplete": "off",
        "list": "gazetteer-places",
    }


class TerritoryAdminForm(forms.ModelForm):
    gazetteer = forms.CharField(
        label=_("Find a town"),
        required=False,
        help_text=_(
            "French communes and Russian towns: type a name (any language), choose it, and its names "
            "and coordinates are filled in."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gazetteer"].widget.attrs.update(_gazetteer_attrs())


@admin.register(Territory)
class TerritoryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = TerritoryAdminForm
    list_display = ("name", "kind", "country", "parent")
    list_filter = ("country", "kind")
    search_fields = ("name_fr", "name_ru", "name_en", "alternative_names", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_fr",)}
    change_form_template = "admin/partners/territory/change_form.html"

    class Media:
        js = ("js/gazetteer.js",)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "gazetteer"]
        return fields if obj else ["gazetteer", *fields]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("gazetteer/", view(self.gazetteer_view), name="partners_territory_gazetteer"),
            path("gazetteer/fill/", view(self.gazetteer_fill_view), name="partners_territory_gazetteer_fill"),
            *super().get_urls(),
        ]

    def gazetteer_view(self, request):
        """Places of the gazetteer matching ?q= (JSON), with the territory each would belong to."""
        places = gazetteer.search(request.GET.get("q", ""), country=request.GET.get("country") or None)
        results = []
        for place in places:
            parent = parent_of_place(place)
            results.append(
                {**place.as_dict(), "parent": parent.pk if parent else None, "parent_name": str(parent or "")}
            )
        return JsonResponse({"results": results})

    def gazetteer_fill_view(self, request):
        """Without JavaScript: the "find coordinates" button opens the add form filled from the
        first place of that name."""
        query = request.GET.get("gazetteer", "")
        places = gazetteer.search(query, limit=1)
        add_url = reverse("admin:partners_territory_add")
        if not places:
            self.message_user(request, _("No town of that name in the gazetteer."), level="warning")
            return HttpResponseRedirect(add_url)
        place = places[0]
        parent = parent_of_place(place)
        initial = {
            "name_fr": place.name_fr,
            "name_ru": place.name_ru or place.name_fr,
            "name_en": place.name_en,
            "country": place.country,
            "kind": TerritoryKind.CITY,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "gazetteer": place.label,
        }
        if parent:
            initial["parent"] = parent.pk
        if place.is_approximate:
            self.message_user(
                request,
                _("The coordinates of %(place)s are approximate (those of its postal area): check them.")
                % {"place": place.label},
                level="warning",
            )
        return HttpResponseRedirect(f"{add_url}?{urlencode(initial)}")


class PartnerAdminForm(forms.ModelForm):
    new_place = forms.CharField(
        label=_("or a new place"),
        required=False,
        help_text=_(
            "When its town is not in the list above: type it (a French commune or a Russian town); "
            "it is created, with its coordinates, when the partner is saved."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].required = False
        self.fields["new_place"].widget.attrs.update(_gazetteer_attrs())
        if "country" in self.fields:  # left empty, the country of the partner's place
            self.fields["country"].required = False
            self.fields["country"].help_text = _(
                "Left empty, the country of its place. Choose it for a body based abroad (France’s "
                "consulate in Saint Petersburg is French)."
            )

    def clean(self):
        cleaned = super().clean()
        new_place = (cleaned.get("new_place") or "").strip()
        if cleaned.get("territory") or not new_place:
            if not cleaned.get("territory"):
                self.add_error("territory", _("Choose the partner's place, or type a new one below."))
            else:
                self._country_of_place(cleaned, cleaned["territory"].country)
            return cleaned
        country = cleaned.get("country") or None
        place = gazetteer.resolve(new_place, country=country)
        places = [place] if place else gazetteer.search(new_place, country=country, limit=1)
        if not places:
            self.add_error("new_place", _("No town of that name in the gazetteer: create the place first."))
        else:
            cleaned["gazetteer_place"] = places[0]
            self._country_of_place(cleaned, places[0].country)
        return cleaned

    def _country_of_place(self, cleaned, country):
        if "country" in self.fields and not cleaned.get("country") and "country" not in self.errors:
            cleaned["country"] = country


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = PartnerAdminForm
    list_display = ("name", "kind", "country", "territory")
    list_filter = ("country", "kind")
    search_fields = ("name_fr", "name_ru", "name_en", "slug")
    autocomplete_fields = ("territory",)
    prepopulated_fields = {"slug": ("name_fr",)}

    class Media:
        js = ("js/gazetteer.js",)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "new_place"]
        at = fields.index("territory") + 1 if "territory" in fields else len(fields)
        return [*fields[:at], "new_place", *fields[at:]]

    def save_model(self, request, obj, form, change):
        place = form.cleaned_data.get("gazetteer_place")
        if obj.territory_id is None and place is not None:
            obj.territory = place_from_gazetteer(place)
        super().save_model(request, obj, form, change)


@admin.register(PartnerPair)
class PartnerPairAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_twinning", "twinned_in")
    list_filter = ("is_twinning",)
    search_fields = ("french_partner__name_fr", "russian_partner__name_fr", "russian_partner__name_ru")
    autocomplete_fields = ("french_partner", "russian_partner")
