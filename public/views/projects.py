"""Public pages of the programme. Views parse input, call selectors and render."""

from datetime import date

from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from events import selectors
from events.models import LabellingStatus, Project, Theme
from events.periods import Precision
from partners.models import PartnerPair

from .. import structured_data
from ..cards import project_cards
from ..filters import ProjectFilter


class BadPage(Exception):
    pass


def paginate(request, queryset, per_page=None):
    """The requested page; BadPage (a 400) for a number that is not one or before the first page,
    Http404 after the last one."""
    # "per_page=all" is the printable list: every result on one page, up to a sane maximum.
    if request.GET.get("per_page") == "all":
        per_page = settings.PROJECTS_PRINT_MAX
    paginator = Paginator(queryset, per_page or settings.PROJECTS_PER_PAGE)
    number = request.GET.get("page", "1")
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        raise BadPage(_("The page number must be a whole number.")) from None
    if wanted < 1:
        raise BadPage(_("The page number must be 1 or more."))
    try:
        return paginator.page(wanted)
    except EmptyPage as exc:
        if paginator.count == 0 and wanted == 1:
            return paginator.page(1)
        raise Http404(_("There is no page %(number)s of this list.") % {"number": number[:12]}) from exc


def validated_filters(request, base, *, ignore=()):
    """The list's filters applied to `base`, and the errors of the parameters that were dropped.

    A parameter that cannot be understood is left out (the others still apply) and reported, so
    that pages can show the results for what was right and say what was wrong.
    """
    data = request.GET.copy()
    for name in ignore:
        data.pop(name, None)
    filterset = ProjectFilter(data, queryset=base, request=request)
    errors = {}
    if not filterset.is_valid():
        errors = {name: filterset.form.errors[name] for name in filterset.form.errors}
        for name in errors:
            data.pop(name, None)
        filterset = ProjectFilter(data, queryset=base, request=request)
        filterset.is_valid()
    return filterset, errors


def filtered_listing(request, base, *, hidden=(), facets=True, cards=True):
    """Filter, sort and paginate `base` from the query string.

    Returns (context, status). Invalid parameters are dropped with a message and answer 400, so
    that the reader sees what was wrong and the results for what was right. With `cards`, the page
    holds the ids of its projects (count and ids cached) and `cards` their cached cards
    (public.cards); without, the projects themselves.
    """
    filterset, errors = validated_filters(request, base)
    projects = filterset.qs
    if cards:
        projects = selectors.CachedSelection(projects, key=filterset.selection_key(sort=True))
    else:
        projects = selectors.with_relations(projects)
    context = {"filter": filterset, "filter_errors": errors, "hidden_filters": hidden}
    status = 400 if errors else 200
    try:
        context["page_obj"] = paginate(request, projects)
    except BadPage as exc:
        context["filter_errors"] = {**errors, "page": [str(exc)]}
        context["page_obj"] = Paginator(projects, settings.PROJECTS_PER_PAGE).page(1)
        status = 400
    page = context["page_obj"]
    if cards:
        context["cards"] = project_cards(page.object_list)
    context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    context["facets"] = filterset.facets(skip=hidden) if facets else {}
    context["controls"] = filterset.controls(context["facets"], hidden=hidden)
    context["active_filters"] = filterset.chips(exclude=hidden)
    context["filter_summary"] = filterset.summary(exclude=hidden)
    context["error_summary"] = error_summary(filterset, context["filter_errors"])
    return context, status


def error_summary(filterset, errors) -> list[dict]:
    """The parameters that were ignored, each with its label and message, and the control to fix it."""
    summary = []
    for name, messages in errors.items():
        f = filterset.filters.get(name)
        label = f.label if f is not None else _("Page")
        # The link leads to the control that fixes it; a page number has none but the results.
        anchor = f"id_{name}" if f is not None and getattr(f, "kind", "") != "hidden" else "results"
        summary.append({"name": name, "label": label, "messages": " ".join(messages), "anchor": anchor})
    return summary


def without_empty_parameters(request):
    """A redirect to the same page without its empty parameters (`?q=&theme=&region=bretagne`, as
    a form without JavaScript sends them), so that addresses people share stay short; or None."""
    if not any(value == "" for _name, values in request.GET.lists() for value in values):
        return None
    params = request.GET.copy()
    for name, values in request.GET.lists():
        kept = [value for value in values if value != ""]
        if kept:
            params.setlist(name, kept)
        else:
            del params[name]
    return redirect(f"{request.path}?{params.urlencode()}" if params else request.path)


def project_list(request):
    if clean := without_empty_parameters(request):
        return clean
    context, status = filtered_listing(request, selectors.published_projects())
    return render(request, "public/project_list.html", context, status=status)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request):
    """A bare list for partner sites to show in an iframe, with the list page's filters."""
    if clean := without_empty_parameters(request):
        return clean
    context, status = filtered_listing(request, selectors.published_projects(), facets=False, cards=False)
    return render(request, "public/embed.html", context, status=status)


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    if clean := without_empty_parameters(request):
        return clean
    base = selectors.published_projects().filter(themes=theme)
    context, status = filtered_listing(request, base, hidden=("theme",))
    context["theme"] = theme
    return render(request, "public/theme_detail.html", context, status=status)


def project_detail(request, slug):
    is_staff_preview = selectors.may_preview(request.user)
    visible = selectors.previewable_projects(request.user)
    projects = selectors.with_changes(selectors.with_relations(visible)).prefetch_related(
        Prefetch("pairs", queryset=PartnerPair.objects.select_related("french_partner", "russian_partner"))
    )
    project = projects.filter(slug=slug).first()
    if project is None or project.status == LabellingStatus.WITHDRAWN:
        withdrawn = get_object_or_404(selectors.withdrawn_projects(), slug=slug)
        context = {"project": withdrawn, "notice": selectors.withdrawal_notice(withdrawn)}
        return render(request, "public/project_withdrawn.html", context, status=410)
    context = {
        "project": project,
        "is_preview": not project.is_published,
        "related": project_cards(selectors.related_project_ids(project)),
        "short_url": request.build_absolute_uri(reverse("short-link", args=[project.pk])),
        "structured_data": structured_data.project_event(project, request),
    }
    response = render(request, "public/project_detail.html", context)
    if is_staff_preview:
        add_never_cache_headers(response)
    return response


def short_link(request, pk):
    """/p/<id>/: the project's page in the visitor's language (a 302, since the target depends on it)."""
    project = get_object_or_404(selectors.addressable_projects().only("pk", "slug"), pk=pk)
    with translation.override(translation.get_language_from_request(request)):
        return redirect(project.get_absolute_url())


CALENDAR_SLOT_SIZE = 15  # projects shown per month or band; the rest are one link away


def calendar(request):
    """The year month by month: dated projects in each month they cover, fuzzy ones in their
    quarter, half-year or whole-year band. Each slot shows its first projects and links to all."""
    try:
        year = int(request.GET.get("year", settings.PROGRAMME_YEAR))
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        # Answered here rather than raised: a reader's typo deserves the reason, not a logged traceback.
        reason = _("The year must be a number between 2000 and 2100.")
        return render(request, "400.html", {"reason": reason}, status=400)
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = selectors.overlapping(selectors.published_projects(), first, last).order_by(
        "planned_start", "planned_end", "id"
    )
    slots = selectors.calendar_slots(in_year, first, last)
    shown_ids = {pk for ids in slots.values() for pk in ids[:CALENDAR_SLOT_SIZE]}
    shown = {p.pk: p for p in selectors.with_relations(Project.objects.filter(pk__in=shown_ids))}

    def slot(key, **extra):
        ids = slots.get(key, [])
        return {
            "projects": [shown[pk] for pk in ids[:CALENDAR_SLOT_SIZE]],
            "more": len(ids) - CALENDAR_SLOT_SIZE,
            "count": len(ids),
            **extra,
        }

    def bands(precision):
        return [slot(key, start=key[1]) for key in sorted(k for k in slots if k[0] == precision)]

    years = selectors.years_with_projects()
    context = {
        "year": year,
        # The arrows lead only to years that have projects: never to an empty calendar.
        "previous_year": max((y for y in years if y < year), default=None),
        "next_year": min((y for y in years if y > year), default=None),
        "months": [slot(("month", m), date=date(year, m, 1)) for m in range(1, 13)],
        "quarters": bands(Precision.QUARTER),
        "halves": bands(Precision.SEMESTER),
        "whole_year": bands(Precision.YEAR),
        "undated_count": selectors.published_projects().filter(planned_precision=Precision.UNKNOWN).count(),
    }
    return render(request, "public/calendar.html", context)
