"""For the press and reusers: the press room, the printable programme (the booklet, whole or filtered,
and one sheet per project, in PDF) and the API's OpenAPI description with its reference page."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.views.decorators.http import require_safe

from events import selectors
from events.models import Project

from .. import booklet, booklets, openapi, structured_data
from ..models import Booklet

SHEET_CACHE_SECONDS = 24 * 3600  # the cache drops it anyway when the content changes (portal.cache)
# How soon a reader of a booklet being built is asked to come back (the page reloads by itself).
BOOKLET_RETRY_SECONDS = 60


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response


def _bad_parameters(request, errors: dict):
    reason = " ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    return render(request, "400.html", {"reason": reason}, status=400)


@require_safe
def programme_booklet(request):
    """The booklet of the projects the list's filters select, in the page's language."""
    spec, errors = booklet.parse(request.GET, translation.get_language())
    if errors:
        return _bad_parameters(request, errors)
    try:
        stored = booklets.booklet_for(spec, base_url=_site_url(request))
    except booklets.BookletTooLarge as too_large:
        context = {"project_count": too_large.project_count, "limit": settings.BOOKLET_MAX_PROJECTS}
        return render(request, "public/booklet_too_large.html", context, status=400)
    if not stored.is_built:
        return _booklet_in_preparation(request, stored)
    etag, last_modified = quote_etag(stored.digest), stored.built_at.timestamp()
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _pdf_response(booklets.pdf_of(stored), f"programme-2021-{spec.language}.pdf")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers revalidate (cheap: 304); the page cache leaves it alone, since the task replaces the
    # booklet after a change without touching that cache.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


def _booklet_in_preparation(request, stored: Booklet):
    """503 with Retry-After while the task queue builds a booklet too large for a request."""
    context = {"booklet": stored, "retry_seconds": BOOKLET_RETRY_SECONDS}
    response = render(request, "public/booklet_pending.html", context, status=503)
    response["Retry-After"] = str(BOOKLET_RETRY_SECONDS)
    add_never_cache_headers(response)
    return response


@require_safe
def project_sheet(request, slug):
    """One project on one printable page, with its QR code; cached until the content changes."""
    project = get_object_or_404(selectors.with_relations(selectors.published_projects()), slug=slug)
    language = translation.get_language()
    site_url = _site_url(request)
    key = f"project-sheet:{project.pk}:{language}:{project.updated_at.timestamp()}:{site_url}"
    content = cache.get(key)
    if content is None:
        content = booklet.build_project_sheet(project, language=language, base_url=site_url)
        cache.set(key, content, SHEET_CACHE_SECONDS)
    return _pdf_response(content, f"{project.slug}.pdf")


@require_safe
def openapi_json(request):
    """The OpenAPI 3.1 description of the public API, readable from any origin: one canonical document, in
    English whatever the visitor's language (the reference page gives it in the site's languages)."""
    response = JsonResponse(
        openapi.description(_site_url(request)), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_reference(request):
    """The API's reference, rendered on the server from the same description (no script, no CDN), in the
    page's language."""
    language = translation.get_language()
    reference = openapi.reference(openapi.description(_site_url(request), language=language))
    context = {
        "reference": reference,
        "schema_names": {schema["name"] for schema in reference["schemas"]},
        "openapi_url": reverse("api-openapi"),
        "licence_url": openapi.LICENCE_URL,
    }
    return render(request, "public/api_reference.html", context)


def press_room(request):
    """How to cite and link, the booklets, the open data and its licence, the embed code, the feeds,
    the media contact."""
    whole = {
        b.language: b
        for b in Booklet.objects.defer("pdf")
        .filter(query="")
        .exclude(digest="")  # not built yet (queued)
        .only("language", "size", "page_count", "built_at")
    }
    example = selectors.with_relations(selectors.published_projects()).order_by("pk").first()
    site_url = _site_url(request)
    context = {
        "booklets": [
            {"code": code, "name": name, "stored": whole.get(code)} for code, name in settings.LANGUAGES
        ],
        "example": example,
        "example_short_url": site_url + reverse("short-link", args=[example.pk]) if example else "",
        "site_url": site_url,
        "licence_url": openapi.LICENCE_URL,
        "contact": settings.PRESS_CONTACT,
        "structured_data": structured_data.open_data_catalogue(
            request,
            licence_url=openapi.LICENCE_URL,
            modified=Project.objects.aggregate(latest=Max("updated_at"))["latest"],
        ),
    }
    return render(request, "public/press.html", context)
