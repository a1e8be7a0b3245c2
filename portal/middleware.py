"""Site-wide request handling: request ids, security headers, and a calm answer when the database is down."""

import logging
import re
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.shortcuts import render
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from .cache import last_change
from .logs import request_id_var

logger = logging.getLogger("portal")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID when sane), logged with every line and returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # Not reset afterwards: Django logs the response ("django.request") after the middleware chain
        # returns, and that line must carry the id too. The next request sets its own.
        request_id_var.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy of settings.CONTENT_SECURITY_POLICY everywhere; the Django admin alone gets
    inline style attributes, which its widgets use."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/" + settings.ADMIN_URL):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts


class PageCacheMiddleware(UpdateCacheMiddleware):
    """Django's UpdateCacheMiddleware, except for what it tells browsers and proxies.

    The server keeps a page for CACHE_MIDDLEWARE_SECONDS under the content version (portal.cache),
    so a change shows at once. Browsers must not keep it that long: they get
    `Cache-Control: max-age=0, must-revalidate` and revalidate with the page's ETag (a 304 costs no
    rendering). A CDN in front may keep pages CDN_MAX_AGE seconds (`s-maxage`, 0 by default): that
    many seconds is then how long a withdrawn project can stay visible through it (see README).
    """

    def process_response(self, request, response):
        if not self._should_update_cache(request, response) or not self._cacheable(response):
            return response
        if settings.CDN_MAX_AGE:
            patch_cache_control(response, max_age=0, must_revalidate=True, s_maxage=settings.CDN_MAX_AGE)
        else:
            patch_cache_control(response, max_age=0, must_revalidate=True)
        response["Expires"] = http_date()  # already stale for browsers (Django's fetch expects it)
        if request.headers.get("Authorization"):
            patch_vary_headers(response, ("Authorization",))
        timeout = self.cache_timeout
        if timeout and response.status_code == 200:
            key = learn_cache_key(request, response, timeout, self.key_prefix, cache=self.cache)
            if callable(getattr(response, "render", None)):
                response.add_post_render_callback(lambda r: self.cache.set(key, r, timeout))
            else:
                self.cache.set(key, response, timeout)
        return response

    @staticmethod
    def _cacheable(response) -> bool:
        # The same rules as Django's: nothing personal, streamed, or asked not to be stored.
        cache_control = response.get("Cache-Control", "").lower()
        return not (
            response.streaming
            or response.status_code not in (200, 304)
            or (response.cookies and has_vary_header(response, "Cookie"))
            or any(directive in cache_control for directive in ("private", "no-cache", "no-store"))
            or has_vary_header(response, "*")
            or "max-age=0" in cache_control
        )


class ReuseMiddleware:
    """The machine-readable addresses (/api/...) for other sites: open to any origin (CORS), 304s
    included (Django's ConditionalGetMiddleware, inside this one, drops that header from them), and
    with a Last-Modified that follows every change of content: a partner renamed, a place moved...
    (portal.cache's content version), not only the projects. Their ETag is the body's own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/api/"):
            return response
        if response.status_code == 200 and not response.has_header("Last-Modified"):
            _version, changed_at = last_change()
            if changed_at:
                response["Last-Modified"] = http_date(changed_at.timestamp())
                response = get_conditional_response(
                    request,
                    etag=response.get("ETag"),
                    last_modified=int(changed_at.timestamp()),
                    response=response,
                )
        response["Access-Control-Allow-Origin"] = "*"
        return response


class PageFetchMiddleware(FetchFromCacheMiddleware):
    """Django's FetchFromCacheMiddleware; when the database is down, the content version cannot be
    read, so no cached page can be trusted: the request goes on uncached, and whatever needs the
    database answers the 503 (DatabaseUnavailableMiddleware, portal.views.server_error)."""

    def process_request(self, request):
        try:
            return super().process_request(request)
        except DatabaseError as error:
            if not is_connection_error(error):
                raise
            request._cache_update_cache = False
            return None


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer a translated 503 page instead of a 500.

    Django opens a new connection for the next request (CONN_HEALTH_CHECKS drops broken
    persistent ones), so the portal recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_error(exception):
            return None
        return database_unavailable(request, exception)


def database_unavailable(request, exception):
    """The translated 503 page, which nothing may query the database for."""
    logger.error("database unavailable: %s", exception.__class__.__name__)
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "30"
    return response


CONNECTION_FAILURES = ("connect", "server closed", "terminating", "shutting down", "starting up")


def is_connection_error(exception: Exception) -> bool:
    # OperationalError also covers locks and timeouts; only connection failures mean "down".
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    return isinstance(exception, OperationalError) and any(marker in text for marker in CONNECTION_FAILURES)
