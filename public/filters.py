"""The project list's filters, shared by the list, theme, territory pages and (later) the API."""

import re
from datetime import date
from operator import attrgetter

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events import search, selectors
from events.models import Theme
from events.periods import _month_end
from partners.models import TOP_LEVEL_KINDS, Country, Partner, Territory

MAX_PARTNER_CHOICES = 100
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


class MonthField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, e.g. 2021-12.")}

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        m = MONTH.match(value)
        if not m or not (1 <= int(m.group(2)) <= 12) or not (1900 <= int(m.group(1)) <= 2100):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return date(int(m.group(1)), int(m.group(2)), 1)


class QuarterField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a quarter as YYYY-Qn, e.g. 2021-Q3.")}

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        m = QUARTER.match(value)
        if not m or not (1900 <= int(m.group(1)) <= 2100):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return (int(m.group(1)), int(m.group(2)))


class BoundedDateField(forms.DateField):
    """An ISO date within a sane range (year 1900–2100)."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2021-12-09.")}

    def to_python(self, value):
        result = super().to_python(value)
        if result and not (1900 <= result.year <= 2100):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return result


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        return selectors.overlapping(qs, value, _month_end(value.year, value.month))


class QuarterFilter(django_filters.Filter):
    field_class = QuarterField

    def filter(self, qs, value):
        if not value:
            return qs
        year, quarter = value
        first = 3 * quarter - 2
        return selectors.overlapping(qs, date(year, first, 1), _month_end(year, first + 2))


class CachedSlugChoiceField(forms.ModelChoiceField):
    """Validates a slug against a cached table of the choices instead of one query per request.

    For small tables only (themes, regions): unpickling a cached table of thousands of partners
    costs more than the query it saves. The table is dropped whenever content changes (portal.cache).
    """

    def to_python(self, value):
        if value in self.empty_values:
            return None
        table = selectors.slug_table(self.queryset)
        if not isinstance(value, str) or value not in table:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return table[value]


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CachedSlugChoiceField


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    theme = SlugChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label=_("All themes"),
    )
    region = SlugChoiceFilter(
        label=_("French region"),
        queryset=Territory.objects.filter(kind="region"),
        to_field_name="slug",
        field_name="territories",
        empty_label=_("All regions"),
    )
    # The menu offers Russian territories; any place below a country is accepted, so that the page
    # of a French town or département can link to its projects in the list.
    territory = django_filters.ModelChoiceFilter(
        label=_("Russian territory"),
        queryset=Territory.objects.exclude(kind="country"),
        to_field_name="slug",
        field_name="territories",
        empty_label=_("All territories"),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        to_field_name="slug",
        method="filter_partner",
        empty_label=_("All partners"),
    )
    month = MonthFilter(label=_("Month"), help_text=_("YYYY-MM"))
    quarter = QuarterFilter(label=_("Quarter"), help_text=_("YYYY-Qn"))
    date_from = BoundedDateFilter(label=_("From"), field_name="planned_end", lookup_expr="gte")
    date_to = BoundedDateFilter(label=_("To"), field_name="planned_start", lookup_expr="lte")
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("planned_start", "date"), ("title", "title"), ("french_region__name", "region")),
        field_labels={"planned_start": _("date"), "title": _("title"), "french_region__name": _("region")},
        empty_label=None,
    )

    class Meta:
        fields = []

    def filter_queryset(self, queryset):
        """Filtered, then sorted as asked, or by relevance for a search, or in programme order."""
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("sort"):
            return queryset
        if "title_match" in queryset.query.annotations:
            return queryset.order_by("-title_match", *selectors.PROGRAMME_ORDER)
        return queryset.order_by(*selectors.PROGRAMME_ORDER)

    def filter_search(self, qs, name, value):
        return selectors.matching(qs, value)

    def filter_partner(self, qs, name, value):
        return selectors.projects_with_partner(qs, value)

    def filter_queryset_except(self, queryset, excluded: str):
        """The queryset filtered by every active filter but one: the base of that filter's facet counts."""
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self, skip=()) -> dict:
        """Counts per theme, French region, Russian federal subject and partner for the current
        selection, each computed with every other active filter (one query per facet shown, none
        when cached). Options with no project are left out; the templates keep a selected one."""
        names = [name for name in ("theme", "region", "territory", "partner") if name not in skip]
        return {name: self._facet(name, self.filter_queryset_except(self.queryset, name)) for name in names}

    def _facet(self, name, projects) -> list:
        if name == "theme":
            return sorted(selectors.counted(Theme.objects.all(), projects), key=attrgetter("position"))
        if name == "partner":
            # The busiest partners only (a menu of thousands helps nobody), and the selected one.
            selected = self.form.cleaned_data.get("partner")
            partners = Partner.objects.all()
            counted = selectors.counted(partners, projects, limit=MAX_PARTNER_CHOICES, first=selected)
        else:
            # French regions and Russian federal subjects are counted together, then split: while
            # neither filter is in use, both menus count the same projects and the second is cached.
            country = Country.FRANCE if name == "region" else Country.RUSSIA
            top_level = Territory.objects.filter(kind__in=TOP_LEVEL_KINDS)
            counted = [t for t in selectors.counted_territories(top_level, projects) if t.country == country]
        return sorted(counted, key=lambda item: search.fold(item.name))  # in the reader's language
