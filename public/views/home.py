"""The home page."""

from django.shortcuts import render
from django.utils import timezone

from events import selectors

from ..cards import project_cards
from ..filters import ProjectFilter


def home(request):
    published = selectors.published_projects()
    upcoming = project_cards(selectors.upcoming_project_ids(published, timezone.localdate()))
    # Once the Year is over there is no "next": the closing events of the programme are shown instead.
    closing = [] if upcoming else project_cards(selectors.closing_project_ids(published))
    # The list's own facets, unfiltered: the same counts (and the same cache entries) as /projects/.
    unfiltered = ProjectFilter({}, queryset=published)
    unfiltered.is_valid()
    facets = unfiltered.facets(skip=("partner", "event_status"))
    context = {
        "themes": facets["theme"],
        "project_count": selectors.CachedSelection(published).count(),
        "upcoming": upcoming,
        "closing": closing,
        "regions": facets["region"],
        "russian_territories": facets["territory"],
    }
    return render(request, "public/home.html", context)
