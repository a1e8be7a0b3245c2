"""Site-wide request handling: request ids, security headers, and a calm answer when the database is down."""

import logging
import re
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render

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
        if not _is_connection_error(exception):
            return None
        logger.error("database unavailable: %s", exception.__class__.__name__)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response


CONNECTION_FAILURES = ("connect", "server closed", "terminating", "shutting down", "starting up")


def _is_connection_error(exception: Exception) -> bool:
    # OperationalError also covers locks and timeouts; only connection failures mean "down".
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    return isinstance(exception, OperationalError) and any(marker in text for marker in CONNECTION_FAILURES)
