"""Public pages for territories, partners and partner pairs."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from events import selectors as project_selectors
from events.views import filtered_listing

from . import selectors
from .models import Partner, PartnerPair, Territory


def territory_detail(request, slug):
    territory = get_object_or_404(Territory.objects.select_related("parent__parent"), slug=slug)
    base = project_selectors.published_projects().filter(territories=territory)
    hidden = ("region",) if territory.kind == "region" else ("territory",)
    context, status = filtered_listing(request, base, hidden=hidden)
    context.update(
        territory=territory,
        children=selectors.children_with_projects(territory),
        pairs=selectors.pairs_around_territory(territory),
    )
    return render(request, "partners/territory_detail.html", context, status=status)


def partner_detail(request, slug):
    partner = get_object_or_404(Partner.objects.select_related("territory__parent"), slug=slug)
    projects = list(
        project_selectors.with_relations(
            project_selectors.projects_with_partner(project_selectors.published_projects(), partner)
        ).order_by("planned_start", "id")
    )
    if not projects:  # a partner of unpublished projects only is not public yet
        raise Http404
    return render(
        request,
        "partners/partner_detail.html",
        {"partner": partner, "projects": projects, "pairs": selectors.pairs_around_partner(partner)},
    )


def pair_detail(request, slug):
    pair = get_object_or_404(
        PartnerPair.objects.select_related("french_partner__territory", "russian_partner__territory"),
        slug=slug,
    )
    projects = list(
        project_selectors.with_relations(project_selectors.published_projects().filter(pairs=pair)).order_by(
            "planned_start", "id"
        )
    )
    if not projects:
        raise Http404
    return render(request, "partners/pair_detail.html", {"pair": pair, "projects": projects})
