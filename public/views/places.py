"""Public pages for territories, partners and partner pairs."""

from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext

from events import place_selectors as selectors
from events import selectors as project_selectors
from partners.models import Country

from .. import structured_data
from ..map import DETAIL_STACKED, DETAIL_WIDE, STACKED, WIDE, Link, Place, build_map, pair_name
from .projects import BadPage, error_summary, paginate, validated_filters, without_empty_parameters

PAIRS_SHOWN = 50
MAP_SECONDS = 3600


def territory_detail(request, slug):
    territory = get_object_or_404(selectors.public_territories().select_related("parent__parent"), slug=slug)
    projects = project_selectors.published_projects().filter(territories=territory)
    try:
        page = paginate(
            request, project_selectors.with_relations(projects).order_by(*project_selectors.PROGRAMME_ORDER)
        )
    except BadPage as exc:
        raise BadRequest(str(exc)) from exc
    # The busiest partnerships (a region of a programme a hundred times larger has a thousand).
    pairs = list(selectors.pairs_around_territory(territory).order_by("-n", "pk")[: PAIRS_SHOWN + 1])
    context = {
        "territory": territory,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "children": selectors.children_with_projects(territory),
        "pairs": pairs[:PAIRS_SHOWN],
        "more_pairs": len(pairs) > PAIRS_SHOWN,
        "structured_data": structured_data.territory_place(territory, request),
    }
    return render(request, "public/territory_detail.html", context)


def partner_detail(request, slug):
    partner = get_object_or_404(selectors.public_partners().select_related("territory__parent"), slug=slug)
    projects = list(
        project_selectors.with_relations(
            project_selectors.projects_with_partner(project_selectors.published_projects(), partner)
        ).order_by(*project_selectors.PROGRAMME_ORDER)
    )
    return render(
        request,
        "public/partner_detail.html",
        {
            "partner": partner,
            "projects": projects,
            "pairs": selectors.pairs_around_partner(partner),
            "structured_data": structured_data.partner_organization(partner, request),
        },
    )


def pair_detail(request, slug):
    pair = get_object_or_404(
        selectors.public_pairs().select_related("french_partner__territory", "russian_partner__territory"),
        slug=slug,
    )
    projects = list(
        project_selectors.with_relations(project_selectors.published_projects().filter(pairs=pair)).order_by(
            *project_selectors.PROGRAMME_ORDER
        )
    )
    return render(request, "public/pair_detail.html", {"pair": pair, "projects": projects})


# The map of the cooperation ------------------------------------------------------------------------


def map_filterset(request):
    """The project list's filters on the published projects (the page number means nothing here)."""
    return validated_filters(request, project_selectors.published_projects(), ignore=("page",))


def map_marks(places, pairs, absolute=str):
    """The map's places and links from annotated territories and pairs; `absolute` makes URLs absolute."""
    marks = [
        Place(
            key=t.pk,
            country=t.country,
            lon=t.longitude,
            lat=t.latitude,
            count=t.n,
            label=t.name,
            url=absolute(t.get_absolute_url()),
            title=ngettext("%(name)s — %(count)d project", "%(name)s — %(count)d projects", t.n)
            % {"name": t.name, "count": t.n},
            hosts_french_body=t.country == Country.RUSSIA and getattr(t, "french_partners", 0) > 0,
        )
        for t in places
    ]
    links = [
        Link(
            key=pair.pk,
            start=pair.french_partner.territory_id,
            end=pair.russian_partner.territory_id,
            count=pair.n,
            url=absolute(pair.get_absolute_url()),
            title=ngettext("%(pair)s — %(count)d project", "%(pair)s — %(count)d projects", pair.n)
            % {"pair": pair_name(pair), "count": pair.n},
        )
        for pair in pairs
    ]
    return marks, links


def cooperation_map(request):
    """France and Russia side by side: a circle per place with projects, a curve per partnership,
    for the projects the list's filters select; a table of the partnerships below."""
    if clean := without_empty_parameters(request):
        return clean
    filterset, errors = map_filterset(request)
    projects = filterset.qs
    facets = filterset.facets()
    key = filterset.selection_key(sort=False)
    context = {
        "filter": filterset,
        "filter_errors": errors,
        "error_summary": error_summary(filterset, errors),
        "hidden_filters": (),
        "facets": facets,
        "controls": filterset.controls(facets),
        "active_filters": filterset.chips(),
        "filter_summary": filterset.summary(),
        "project_count": project_selectors.CachedSelection(projects, key=key).count(),
        "query": filterset.data.urlencode(),
        "drawing": map_drawing(projects, key),
    }
    return render(request, "public/map.html", context, status=400 if errors else 200)


def map_drawing(projects, key: str | None) -> dict:
    """The maps and tables of `projects`, drawn as HTML; cached per selection (`key`, see
    ProjectFilter.selection_key) and language: drawing them is most of the page's time (their
    queries, four maps of hundreds of marks, two long tables). portal.cache versions the key by
    content, so a change (a rename, a withdrawal) is drawn at once."""

    def draw():
        places, pairs, truncated = selectors.map_data(projects)
        context = {
            "places": places,
            "pairs": pairs,
            "truncated": truncated,
            "max_pairs": selectors.MAP_MAX_PAIRS,
            # A layout for wide screens and one for phones; the stylesheet shows one of them.
            "maps": [build_map(*map_marks(places, pairs), layout=layout) for layout in (WIDE, STACKED)],
            # European Russia enlarged, where the Russian places crowd on the maps of the whole country.
            "detail_maps": [
                build_map(*map_marks(places, []), layout=layout) for layout in (DETAIL_WIDE, DETAIL_STACKED)
            ],
        }
        return {
            "figures": render_to_string("public/_map_figures.html", context),
            "tables": render_to_string("public/_map_tables.html", context),
        }

    if key is None:
        return draw()
    return cache.get_or_set(f"map:{get_language()}:{key}", draw, MAP_SECONDS)


def cooperation_map_svg(request):
    """The wide map alone, as a file to download (links made absolute so that they work offline)."""
    filterset, errors = map_filterset(request)
    if errors:
        messages = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in errors.items())
        return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
    places, pairs, _truncated = selectors.map_data(filterset.qs)
    marks = map_marks(places, pairs, absolute=request.build_absolute_uri)
    context = {
        "map": build_map(*marks, layout=WIDE),
        "svg_id": "cooperation-map",
        "standalone": True,
        "with_style": True,  # the page's map.css is not there to hide the pointer's targets
    }
    response = HttpResponse(
        render_to_string("public/_map.svg", context, request=request),
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="cooperation-map.svg"'
    return response
