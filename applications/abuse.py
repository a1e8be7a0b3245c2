"""Spam and abuse kept out of the application form without any third-party service.

- a honeypot field that people never see (hidden from screens and from assistive technologies);
- a minimum time between showing the form and sending it (a signed timestamp in the form);
- a limit of applications per client address and hour (in the shared cache);
- size limits: each field's maximum length, and the size of the whole request (in the view).
"""

import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger(__name__)

STARTED_SALT = "applications.form-started"
# How long a form shown stays valid: after that the applicant is asked to send it again.
STARTED_MAX_AGE = 24 * 3600


def started_stamp(at: float | None = None) -> str:
    """The signed time at which the form was shown."""
    return signing.dumps(at if at is not None else time.time(), salt=STARTED_SALT)


def seconds_since(stamp: str) -> float | None:
    """Seconds since the form carrying `stamp` was shown; None when the stamp is missing, forged or
    older than STARTED_MAX_AGE."""
    try:
        started = float(signing.loads(stamp or "", salt=STARTED_SALT, max_age=STARTED_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


def is_too_fast(elapsed: float) -> bool:
    return elapsed < settings.APPLICATION_MIN_SECONDS


def _key(address: str) -> str:
    # "ratelimit:" keys do not carry the content version (portal.cache.UNVERSIONED_PREFIXES): a
    # change of content must not reset the count.
    return f"ratelimit:applications:{address}"


def attempts_left(address: str | None) -> bool:
    """Whether this client address may send another application within the hour."""
    if not address:
        return True
    return (cache.get(_key(address)) or 0) < settings.APPLICATIONS_PER_HOUR


def count_attempt(address: str | None) -> None:
    """Count one application (or one caught by the honeypot) from this address for an hour."""
    if not address:
        return
    key = _key(address)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=3600)
    except Exception as error:  # a failing cache (Redis down) weakens the limit, never loses an application
        logger.warning("Application not counted for the rate limit: %s", error)
