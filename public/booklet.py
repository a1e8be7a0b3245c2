"""The programme booklet and the printable sheet of a project: PDF built with WeasyPrint from the
portal's own templates (templates/public/booklet/) and its vendored PT Sans fonts.

Pure building: a language, the list's filters and the site's address in, PDF bytes out. Storing,
serving and rebuilding the booklets is public.booklets' job.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from django import forms
from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import place_selectors, search, selectors
from events.models import LabellingStatus, Side
from partners.models import TerritoryKind

from .filters import ProjectFilter
from .map import WIDE, build_map

FONTS = Path(settings.BASE_DIR) / "static" / "vendor" / "pt-sans"
# Tagged PDF for accessibility (structure tree, language, title shown in the window's bar).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
GROUPINGS = ("theme", "region")


class BookletForm(forms.Form):
    group = forms.ChoiceField(
        choices=[("theme", _("theme")), ("region", _("French region"))],
        required=False,
        error_messages={"invalid_choice": _("Group the booklet by “theme” or “region”.")},
    )


class BookletError(Exception):
    """The booklet cannot be built (e.g. a filter that named a deleted theme)."""


@dataclass(frozen=True)
class BookletSpec:
    """What a booklet contains: a language and a normalised query string (filters and grouping)."""

    language: str
    query: str

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.language}?{self.query}".encode()).hexdigest()


@dataclass(frozen=True)
class BuiltPDF:
    pdf: bytes
    page_count: int
    project_count: int
    seconds: float

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def parse(params: QueryDict, language: str):
    """(BookletSpec, None) for understood parameters, (None, {name: [messages]}) otherwise.

    The page number and unknown parameters are left out of the spec: they change nothing in a booklet.
    """
    filterset = ProjectFilter(params, queryset=selectors.published_projects())
    form = BookletForm(params)
    if not filterset.is_valid() or not form.is_valid():
        errors = {**filterset.form.errors, **form.errors}
        return None, {name: [str(message) for message in messages] for name, messages in errors.items()}
    kept = QueryDict(mutable=True)
    for name in [*filterset.filters, "group"]:
        value = params.get(name, "").strip()
        if value and not (name == "group" and value == "theme"):
            kept[name] = value
    return BookletSpec(language=language, query=kept.urlencode()), None


def selected_count(spec: BookletSpec) -> int:
    """How many published projects the spec's filters select (one query)."""
    filterset = ProjectFilter(QueryDict(spec.query), queryset=selectors.published_projects())
    if not filterset.is_valid():
        raise BookletError(f"{spec.query!r} is no longer valid: {filterset.form.errors.as_text()}")
    return filterset.qs.count()


def _fonts_css() -> str:
    """@font-face rules pointing at the vendored files (WeasyPrint reads them from the disk).

    The web pages' files, one per weight covering Latin and Cyrillic (scripts/build_fonts.py): with two
    subsets of one family, WeasyPrint would draw the Latin letters of a Russian page with the wrong ones.
    """
    rules = []
    for weight in (400, 700):
        path = (FONTS / f"pt-sans-{weight}.woff2").as_uri()
        rules.append(
            f'@font-face {{ font-family: "PT Sans"; font-weight: {weight}; '
            f'src: url("{path}") format("woff2"); }}'
        )
    return "\n".join(rules)


def long_date(day: date) -> str:
    """'3 May 2021', '3 mai 2021', '3 мая 2021' (Russian months in the genitive, as after a day)."""
    return date_format(day, "j E Y" if translation.get_language() == "ru" else "j F Y")


def qr_code(url: str) -> str:
    """An SVG QR code of `url`, inline (vector: sharp in print and a few hundred bytes)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#1b1f2a"))  # noqa: S308


def _places(project) -> list:
    """The places of a project's partners (towns, then regions when no town is known), no country."""
    places = {}
    for participation in project.participations.all():
        territory = participation.partner.territory
        if territory.kind != TerritoryKind.COUNTRY:
            places[territory.pk] = territory
    if project.french_region and not any(p.country == "FR" for p in places.values()):
        places[project.french_region.pk] = project.french_region
    return sorted(places.values(), key=lambda t: (t.country != "FR", search.fold(t.name)))


def _entry(project, base_url: str) -> dict:
    short_url = base_url + reverse("short-link", args=[project.pk])
    return {
        "project": project,
        "anchor": f"project-{project.pk}",
        "short_url": short_url,
        "qr": qr_code(short_url),
        "places": _places(project),
        "french_partners": project.participants(Side.FRENCH),
        "russian_partners": project.participants(Side.RUSSIAN),
        "labelled_on": long_date(project.labelled_on) if project.labelled_on else "",
    }


def _groups(entries: list, grouping: str) -> list:
    """Projects grouped by their first theme (in theme order) or by French region (by name)."""
    groups = {}
    for entry in entries:
        project = entry["project"]
        if grouping == "region":
            region = project.french_region
            key = (region is None, search.fold(region.name) if region else "", region.pk if region else 0)
            title = region.name if region else gettext("No French region given")
        else:
            theme = next(iter(project.themes.all()), None)
            key = (theme is None, theme.position if theme else 0, theme.pk if theme else 0)
            title = theme.name if theme else gettext("Other projects")
        group = groups.setdefault(key, {"title": title, "entries": []})
        group["entries"].append(entry)
    ordered = [groups[key] for key in sorted(groups)]
    numbers = iter(range(1, len(entries) + 1))
    for position, group in enumerate(ordered, start=1):
        group["anchor"] = f"group-{position}"
        for entry in group["entries"]:
            entry["number"] = next(numbers)  # the booklet's own numbering, which the index refers to
    return ordered


def _index(groups: list) -> list:
    """Every place with the numbers of its projects, alphabetically in the reader's language.

    Numbers rather than pages: several projects share a page, and page numbers are only known
    once laid out, too late to leave out repeats.
    """
    places = {}
    for group in groups:
        for entry in group["entries"]:
            for place in entry["places"]:
                places.setdefault(place.pk, {"place": place, "entries": []})["entries"].append(entry)
    return sorted(places.values(), key=lambda item: search.fold(item["place"].name))


def _map_svg(projects, base_url: str) -> str:
    from .views.places import map_marks

    places, pairs, _truncated = place_selectors.map_data(projects)
    if not places:
        return ""
    marks = map_marks(places, pairs, absolute=lambda url: base_url + url)
    context = {"map": build_map(*marks, layout=WIDE), "svg_id": "booklet-map", "with_style": True}
    return mark_safe(render_to_string("public/_map.svg", context))  # noqa: S308 (our own template)


def _selection(filterset) -> list:
    """(label, value) of each filter in use, for the cover."""
    shown = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        raw = filterset.data.get(name)
        shown.append((filterset.filters[name].label, raw if name in ("month", "quarter") else value))
    return shown


def _write(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML  # imported when needed: loading Pango takes a moment

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(**PDF_OPTIONS)
    return document.write_pdf(**PDF_OPTIONS), len(document.pages)


def build_booklet(spec: BookletSpec, *, base_url: str, today: date | None = None) -> BuiltPDF:
    """The booklet of the published projects the spec's filters select, in the spec's language."""
    started = time.monotonic()
    params = QueryDict(spec.query)
    with translation.override(spec.language):
        filterset = ProjectFilter(params, queryset=selectors.published_projects())
        if not filterset.is_valid():
            raise BookletError(f"{spec.query!r} is no longer valid: {filterset.form.errors.as_text()}")
        projects = filterset.qs
        entries = [_entry(p, base_url) for p in selectors.with_relations(projects)]
        grouping = params.get("group") or "theme"
        groups = _groups(entries, grouping)
        context = {
            "fonts_css": mark_safe(_fonts_css()),  # noqa: S308 (built above from file paths)
            "edition": long_date(today or timezone.localdate()),
            "count": len(entries),
            "selection": _selection(filterset),
            "grouping": grouping,
            "groups": groups,
            "index": _index(groups),
            "map_svg": _map_svg(projects, base_url),
            "site_url": base_url + "/",
            "programme_url": base_url + reverse("events:project-list"),
            "published_on": long_date(date.fromisoformat(settings.PROGRAMME_PUBLISHED_ON)),
            "published": LabellingStatus.PUBLISHED,
        }
        html = render_to_string("public/booklet/booklet.html", context)
    pdf, pages = _write(html)
    return BuiltPDF(pdf, pages, len(entries), time.monotonic() - started)


def build_project_sheet(project, *, language: str, base_url: str) -> bytes:
    """One printable page about one project (expects the relations of selectors.with_relations)."""
    with translation.override(language):
        context = {
            "fonts_css": mark_safe(_fonts_css()),  # noqa: S308
            "entry": _entry(project, base_url),
            "site_url": base_url + "/",
            "edition": long_date(timezone.localdate()),
        }
        html = render_to_string("public/booklet/project_sheet.html", context)
    return _write(html)[0]
