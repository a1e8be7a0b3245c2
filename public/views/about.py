"""The pages a public-sector site owes its readers: legal notice, accessibility statement, personal
data, contact, the organisers of the Year; and the page that gives partner sites the widget's code."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy

from events import selectors

from .projects import error_summary, validated_filters, without_empty_parameters

TITLES = {
    "legal-notice": pgettext_lazy("page", "Legal notice"),
    "accessibility": pgettext_lazy("page", "Accessibility statement"),
    "personal-data": pgettext_lazy("page", "Personal data"),
    "contact": pgettext_lazy("page", "Contact"),
    "organisers": pgettext_lazy("page", "The organisers of the Year"),
}


def _operator():
    """The operator's settings, each with whether it still holds the default (to be confirmed)."""
    return {
        name.lower(): {"value": value, "to_confirm": name in settings.LEGAL_TO_CONFIRM, "setting": name}
        for name, value in settings.LEGAL.items()
    }


def about_page(request, page):
    language = translation.get_language()
    context = {
        "page": page,
        "title": TITLES[page],
        "body_template": f"about/{page}.{language}.html",
        "operator": _operator(),
        "site_domain": settings.SITE_DOMAIN,
        "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
    }
    return render(request, "about/page.html", context)


def widget_code(request):
    """The widget's embed code for the selection made in the form, with a live preview."""
    if clean := without_empty_parameters(request):
        return clean
    filterset, errors = validated_filters(request, selectors.published_projects())
    query = filterset.clean_query(drop=("page",)).urlencode()
    embed_url = request.build_absolute_uri(reverse("events:embed")) + (f"?{query}" if query else "")
    facets = filterset.facets(skip=("partner", "event_status"))
    context = {
        "filter": filterset,
        "error_summary": error_summary(filterset, errors),
        "controls": filterset.controls(
            facets, hidden=("partner", "q", "date_from", "date_to", "event_status")
        ),
        "active_filters": filterset.chips(),
        "embed_url": embed_url,
        "embed_path": reverse("events:embed") + (f"?{query}" if query else ""),
    }
    return render(request, "about/widget_code.html", context, status=400 if errors else 200)
