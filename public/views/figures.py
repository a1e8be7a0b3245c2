"""The Year in figures: key numbers and charts of the programme, for the list's selection."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from events import selectors

from ..figures import CHART_SLUGS, build_charts, chart_csv
from .projects import error_summary, validated_filters, without_empty_parameters


def _selection(request):
    filterset, errors = validated_filters(request, selectors.published_projects())
    query = filterset.clean_query(drop=("page", "sort")).urlencode()
    return filterset, errors, query


def year_in_figures(request):
    if clean := without_empty_parameters(request):
        return clean
    filterset, errors, query = _selection(request)
    projects = filterset.qs
    charts = build_charts(projects, query)
    by_slug = {chart.slug: chart for chart in charts}
    figures = {
        **selectors.key_figures(projects),
        "french_regions": len(by_slug["regions"].bars),
        "russian_subjects": len(by_slug["subjects"].bars),
    }
    context = {
        "filter": filterset,
        "error_summary": error_summary(filterset, errors),
        "active_filters": filterset.chips(),
        "filter_summary": filterset.summary(),
        "figures": figures,
        "charts": charts,
        "query": query,
    }
    return render(request, "public/figures.html", context, status=400 if errors else 200)


def figures_csv(request, chart):
    """One chart's table as a CSV file, for the same selection as the page."""
    if chart not in CHART_SLUGS:
        raise Http404
    filterset, errors, query = _selection(request)
    if errors:
        return HttpResponse(
            "\n".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    wanted = next(c for c in build_charts(filterset.qs, query) if c.slug == chart)
    response = HttpResponse(chart_csv(wanted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{chart}.csv"'
    return response
