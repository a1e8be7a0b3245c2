"""The project list's filters, shared by the list, theme, territory pages and (later) the API."""

import hashlib
import re
from datetime import date
from operator import attrgetter
from typing import NamedTuple

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.http import QueryDict
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import search, selectors
from events.models import EventStatus, Theme
from events.periods import _month_end
from events.place_selectors import public_partners, public_territories
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


class Presented:
    """How a filter shows itself: the form template, the chips and the page title read these, so
    that a filter is described once, here, whatever the surface.

    kind: the control the form draws ("search", "facet", "month", "date"; "hidden" for a filter
    that only links set); group: a fieldset the control belongs to; placeholder: an example.
    """

    kind = "text"

    def __init__(self, *args, group="", placeholder="", **kwargs):
        self.group, self.placeholder = group, placeholder
        super().__init__(*args, **kwargs)

    def chip_label(self, value) -> str:
        return str(self.label)

    def shown(self, value, raw) -> str:
        """The value as a reader says it (a theme's name, "December 2021"), for chips and titles."""
        return str(value)

    def input_value(self, value, raw) -> str:
        """The value as the form's control holds it."""
        return raw or ""


class SearchFilter(Presented, django_filters.CharFilter):
    kind = "search"

    def shown(self, value, raw):
        quotes = {"fr": "«\u00a0{}\u00a0»", "ru": "«{}»"}.get(translation.get_language(), "“{}”")
        return quotes.format(value)

    def input_value(self, value, raw):
        return value or ""


class MonthFilter(Presented, django_filters.Filter):
    field_class = MonthField
    kind = "month"

    def filter(self, qs, value):
        if not value:
            return qs
        return selectors.overlapping(qs, value, _month_end(value.year, value.month))

    def shown(self, value, raw):
        return date_format(value, "YEAR_MONTH_FORMAT")

    def input_value(self, value, raw):
        return value.strftime("%Y-%m") if value else ""


class QuarterFilter(Presented, django_filters.Filter):
    field_class = QuarterField
    kind = "hidden"

    def filter(self, qs, value):
        if not value:
            return qs
        year, quarter = value
        first = 3 * quarter - 2
        return selectors.overlapping(qs, date(year, first, 1), _month_end(year, first + 2))

    def shown(self, value, raw):
        year, quarter = value
        return gettext("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}

    def input_value(self, value, raw):
        return f"{value[0]}-Q{value[1]}" if value else ""


class CachedSlugChoiceField(forms.ModelChoiceField):
    """Validates a slug against a cached table of the choices instead of one query per request.

    For small tables only (themes, regions): unpickling a cached table of thousands of partners
    costs more than the query it saves. The table is dropped whenever content changes (portal.cache).
    `table` names it in the cache: one name per queryset declared in ProjectFilter.
    """

    def __init__(self, *args, table: str, **kwargs):
        self.table = table
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        table = selectors.slug_table(self.queryset, name=self.table)
        if not isinstance(value, str) or value not in table:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return table[value]


class Option(NamedTuple):
    """A facet's choice as its menu (and the home page) shows it: plain values in the active
    language, cheap to cache and to read back, unlike model instances."""

    slug: str
    name: str
    n: int
    url: str = ""
    description: str = ""


class Facet(Presented):
    """A menu of choices, each with its number of matching projects (counted by `count`)."""

    kind = "facet"

    def shown(self, value, raw):
        return value.name

    def input_value(self, value, raw):
        return value.slug if value else ""

    @property
    def all_label(self) -> str:
        return str(self.extra["empty_label"])

    def count(self, projects, selected) -> list[Option]:
        """The choices that have some of `projects`, with their number as `n`, in reading order."""
        raise NotImplementedError


class ThemeFilter(Facet, django_filters.ModelChoiceFilter):
    field_class = CachedSlugChoiceField

    def count(self, projects, selected):
        themes = sorted(selectors.counted(Theme.objects.all(), projects), key=attrgetter("position"))
        return [Option(t.slug, t.name, t.n, t.get_absolute_url(), t.description) for t in themes]


class TopLevelPlaceFilter(Facet, django_filters.ModelChoiceFilter):
    """French regions or Russian federal subjects. Both are counted together, then split: while
    neither filter is in use, both menus count the same projects, once per request (and cached)."""

    PLACE_FILTERS = ("region", "territory")

    def __init__(self, *args, country, **kwargs):
        self.country = country
        super().__init__(*args, **kwargs)

    def count(self, projects, selected):
        filterset = self.parent
        shared = not any(filterset._value(name) for name in self.PLACE_FILTERS)
        counts = getattr(filterset, "_top_level_counts", None) if shared else None
        if counts is None:  # without any cache at all, the second menu still costs no query
            top_level = Territory.objects.filter(kind__in=TOP_LEVEL_KINDS)
            counts = selectors.counted_territories(top_level, projects)
            if shared:
                filterset._top_level_counts = counts
        counted = [t for t in counts if t.country == self.country]
        options = [Option(t.slug, t.name, t.n, t.get_absolute_url()) for t in counted]
        return sorted(options, key=lambda item: search.fold(item.name))  # in the reader's language


class RegionFilter(TopLevelPlaceFilter):
    field_class = CachedSlugChoiceField


class TerritoryFilter(TopLevelPlaceFilter):
    # The menu offers Russian territories; any place below a country is accepted, so that the page
    # of a French town or département can link to its projects in the list.
    def chip_label(self, value):
        return gettext("Place") if value.country == Country.FRANCE else str(self.label)


class PartnerFilter(Facet, django_filters.ModelChoiceFilter):
    def count(self, projects, selected):
        # The busiest partners only (a menu of thousands helps nobody), and the selected one.
        counted = selectors.counted(
            Partner.objects.all(), projects, limit=MAX_PARTNER_CHOICES, first=selected
        )
        return sorted((Option(p.slug, p.name, p.n) for p in counted), key=lambda item: search.fold(item.name))


class Choice:
    """A fixed choice (a value of TextChoices) shown as a facet's option, as themes and places are."""

    def __init__(self, slug, name, n=0):
        self.slug, self.name, self.n = slug, name, n

    def __eq__(self, other):
        return isinstance(other, Choice) and other.slug == self.slug

    def __hash__(self):
        return hash(self.slug)


class EventStatusField(forms.CharField):
    default_error_messages = {
        "invalid_choice": _("Choose one of: scheduled, postponed, rescheduled, cancelled, moved_online.")
    }

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value not in EventStatus.values:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return Choice(value, EventStatus(value).label)


class EventStatusFilter(Facet, django_filters.Filter):
    """The event's status (scheduled, postponed, rescheduled, cancelled, moved online): one query for
    its counts, cached like the others."""

    field_class = EventStatusField

    @property
    def all_label(self) -> str:
        return gettext("All statuses")

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(event_status=value.slug)

    def shown(self, value, raw):
        return capfirst(str(value.name))

    def count(self, projects, selected):
        counts = selectors.counted_event_statuses(projects)
        return [
            Option(status, capfirst(str(label)), counts[status])
            for status, label in EventStatus.choices
            if counts.get(status)
        ]


class BoundedDateFilter(Presented, django_filters.DateFilter):
    field_class = BoundedDateField
    kind = "date"

    def shown(self, value, raw):
        return date_format(value, "DATE_FORMAT")

    def input_value(self, value, raw):
        return value.isoformat() if value else ""


PERIOD = _("Planned period")


class ProjectFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        placeholder=_("e.g. Iaroslavl, lace, Ярославль"),
    )
    theme = ThemeFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label=_("All themes"),
        table="themes",
    )
    region = RegionFilter(
        label=_("French region"),
        queryset=public_territories().filter(kind="region"),
        to_field_name="slug",
        field_name="territories",
        empty_label=_("All regions"),
        country=Country.FRANCE,
        table="public-regions",
    )
    # The menu offers Russian territories; any public place is accepted, so that the page of a French
    # town or département can link to its projects in the list. Only public places, partners and
    # regions are valid choices: another one answers as an unknown slug does, and no chip names it.
    territory = TerritoryFilter(
        label=_("Russian territory"),
        queryset=public_territories(),
        to_field_name="slug",
        field_name="territories",
        empty_label=_("All territories"),
        country=Country.RUSSIA,
    )
    partner = PartnerFilter(
        label=_("Partner"),
        queryset=public_partners(),
        to_field_name="slug",
        method="filter_partner",
        empty_label=_("All partners"),
    )
    event_status = EventStatusFilter(label=_("Event status"))
    month = MonthFilter(label=_("Month"), help_text=_("YYYY-MM"), group=PERIOD)
    quarter = QuarterFilter(label=_("Quarter"), help_text=_("YYYY-Qn"))
    date_from = BoundedDateFilter(label=_("From"), field_name="planned_end", lookup_expr="gte", group=PERIOD)
    date_to = BoundedDateFilter(label=_("To"), field_name="planned_start", lookup_expr="lte", group=PERIOD)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("planned_start", "date"), ("title", "title"), ("french_region__name", "region")),
        field_labels={"planned_start": _("date"), "title": _("title"), "french_region__name": _("region")},
        empty_label=None,
    )
    SORTS = (("-date", _("date, latest first")), ("title", _("title")), ("region", _("region")))

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

    def facets(self, skip=()) -> dict[str, list[Option]]:
        """Counts per choice of every facet filter for the current selection, each computed with
        every other active filter (one query per facet shown, none when cached). Options with no
        project are left out; the form keeps a selected one.

        Cached as plain options in the active language, under the selection (selection_key):
        portal.cache versions the key by content, so a change shows at once."""

        def count():
            return {
                name: facet.count(self.filter_queryset_except(self.queryset, name), self._value(name))
                for name, facet in self.filters.items()
                if isinstance(facet, Facet) and name not in skip
            }

        key = self.selection_key(sort=False)
        if key is None:
            return count()
        language = translation.get_language()
        return cache.get_or_set(f"facets:{language}:{key}:{','.join(sorted(skip))}", count, 3600)

    def selection_key(self, *, sort: bool) -> str | None:
        """A digest of what selects the projects: the base queryset's SQL and the valid filter
        parameters (the order too with `sort`), for cache keys that cost no SQL to build; None
        when the base selects nothing."""
        if not hasattr(self, "_base_sql"):
            try:
                self._base_sql = str(self.queryset.query)
            except EmptyResultSet:
                self._base_sql = None
        base = self._base_sql
        if base is None:
            return None
        params = sorted(
            (name, value)
            for name, values in self.clean_query(drop=("page",)).lists()
            if name in self.filters and (sort or name != "sort")
            for value in values
        )
        return hashlib.sha256(repr((base, params)).encode()).hexdigest()[:32]

    def _value(self, name):
        return self.form.cleaned_data.get(name) if hasattr(self.form, "cleaned_data") else None

    def active(self, exclude=()) -> list[tuple[str, Presented, object]]:
        """(name, filter, cleaned value) of every filter in use, in the form's order."""
        return [
            (name, f, self._value(name))
            for name, f in self.filters.items()
            if isinstance(f, Presented) and name not in exclude and self._value(name) not in (None, "")
        ]

    def chips(self, exclude=()) -> list[dict]:
        """One removable chip per filter in use: label, value shown, the query string without it."""
        chips = []
        for name, f, value in self.active(exclude):
            params = self.clean_query(drop=(name, "page"))
            chips.append(
                {
                    "name": name,
                    "label": f.chip_label(value),
                    "value": f.shown(value, self.data.get(name)),
                    "remove_query": params.urlencode(),
                }
            )
        return chips

    def summary(self, exclude=()) -> str:
        """The selection in words, for the page title: "“Nice” · Theme: Sport"."""
        parts = []
        for name, f, value in self.active(exclude):
            shown = f.shown(value, self.data.get(name))
            label = f.chip_label(value)
            parts.append(
                shown
                if name == "q"
                else gettext("%(label)s: %(message)s") % {"label": label, "message": shown}
            )
        return " · ".join(parts)

    def controls(self, facets, hidden=()) -> list[dict]:
        """The form's controls in order, each with what the template needs to draw it, in groups:
        consecutive controls of one `group` share a fieldset with that legend."""
        groups = []
        for control in self._controls(facets, hidden):
            if not groups or groups[-1]["legend"] != control["group"]:
                groups.append({"legend": control["group"], "controls": []})
            groups[-1]["controls"].append(control)
        return groups

    def _controls(self, facets, hidden):
        controls = []
        for name, f in self.filters.items():
            if not isinstance(f, Presented) or name in hidden:
                continue
            value = self._value(name)
            control = {
                "name": name,
                "id": f"id_{name}",
                "label": f.label,
                "kind": f.kind,
                "group": f.group,
                "placeholder": f.placeholder,
                "value": f.input_value(value, self.data.get(name)) if value not in (None, "") else "",
            }
            if isinstance(f, Facet):
                items = facets.get(name, [])
                selected = value.slug if value else None
                options = [(item.slug, f"{item.name} ({item.n})", item.slug == selected) for item in items]
                if value and selected not in {item.slug for item in items}:  # kept, though without projects
                    options.insert(0, (value.slug, value.name, True))
                control.update(options=options, all_label=f.all_label)
            controls.append(control)
        return controls

    def sort_options(self) -> list[tuple[str, str, bool]]:
        current = self.data.get("sort", "") if self._value("sort") else ""
        first = _("relevance") if self._value("q") else _("date")
        return [("", first, not current)] + [(key, label, key == current) for key, label in self.SORTS]

    def sort_hidden(self) -> list[tuple[str, str]]:
        """The selection, as hidden fields of the sort form (which changes only the order)."""
        return [
            (name, value)
            for name, values in self.clean_query(drop=("sort", "page")).lists()
            for value in values
        ]

    def clean_query(self, drop=()) -> QueryDict:
        """The query string of the current selection without empty or invalid parameters."""
        params = QueryDict(mutable=True)
        for name, value in self.data.lists():
            kept = [v for v in value if v != ""]
            if name in drop or not kept:
                continue
            if name in self.filters and name in getattr(self.form, "errors", {}):
                continue
            params.setlist(name, kept)
        return params
