"""A Redis cache that degrades the site instead of taking it down.

Django's RedisCache raises as soon as Redis is unreachable, which turned every page into a 500.
This backend answers "not cached" instead: reads miss, writes are dropped, the page is rendered from
the database. Each failure is logged and the backend stops asking Redis for DOWN_SECONDS (so a
frozen Redis costs one socket timeout per process and period, not one per request), then tries again:
the portal goes back to caching by itself when Redis returns. `ping()` asks Redis whatever the state,
for the health check.

Settings (portal.settings.base): short socket timeouts in OPTIONS, passed to redis-py's pool.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")
FAILURES = (RedisError, OSError)
# When each Redis server may be asked again; shared by the threads of a process (Django gives each
# thread its own cache object).
_down_until: dict[str, float] = {}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.down_seconds = float(params.get("DOWN_SECONDS", 2))
        self._location = str(server)

    def ping(self) -> bool:
        """True when Redis answers; raises its error otherwise (for /healthz)."""
        answered = self._cache.get_client(write=True).ping()
        _down_until.pop(self._location, None)
        return bool(answered)

    def _guarded(self, default, call, *args, **kwargs):
        if time.monotonic() < _down_until.get(self._location, 0):
            return default
        try:
            result = call(*args, **kwargs)
        except FAILURES as error:
            if self._location not in _down_until:
                logger.error("cache unavailable, pages are served uncached: %s", error.__class__.__name__)
            _down_until[self._location] = time.monotonic() + self.down_seconds
            return default
        if _down_until and _down_until.pop(self._location, None) is not None:
            logger.warning("cache available again")
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)
