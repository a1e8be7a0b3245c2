"""Site-wide answers: health check, ping, robots.txt, favicon and the error pages."""

import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import database_unavailable, is_connection_error


@require_safe
def ping(request):
    """The cheapest page the portal serves: no database, no template. Benchmarks compare against it."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the hashed static icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_safe
@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise; for load balancers and monitoring."""
    checks = {"database": _check(_database_answers), "cache": _check(_cache_answers)}
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _check(probe) -> str:
    try:
        return "ok" if probe() else "error: wrong answer"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


def _database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache_answers() -> bool:
    if hasattr(cache, "ping"):  # Redis (portal.cache_backends): ask it, even while it is left alone
        cache.ping()
    token = uuid.uuid4().hex
    cache.set("healthz", token, 10)
    return cache.get("healthz") == token


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /*/embed/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this for any exception that escaped a view or a middleware, while handling it: when
    # the database is down (a middleware querying it on a 404, say), every address answers the 503.
    exception = sys.exc_info()[1]
    if exception is not None and is_connection_error(exception):
        return database_unavailable(request, exception)
    return render(request, "500.html", status=500)
