"""The shared cache, which degrades to this process's memory while Redis cannot be reached.

The cache holds counters that guard sign-in and joining a workshop. Losing Redis must not lock
everyone out nor answer 500: each operation that fails on Redis is done on a local memory cache
instead, so limits are counted per process until Redis answers again. The failure is logged (once
a minute per process, without the URL's password), and Redis is tried again a few seconds later.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("commissioning.cache")

RETRY_AFTER_SECONDS = 5
LOG_EVERY_SECONDS = 60
DEFAULT_FALLBACK_TIMEOUT = 300
# Rate limits keep a few keys per person and address: a room of a few hundred fits many times over.
FALLBACK_MAX_ENTRIES = 20_000


def _public_location(location):
    """Host, port and database of a Redis URL, without its user or password."""
    first = location[0] if isinstance(location, (list, tuple)) else str(location).split(",")[0]
    parts = urlsplit(first)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}{parts.path}"


class FallbackRedisCache(RedisCache):
    """Django's Redis cache, answered from this process's memory while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"fallback:{server}",
            {
                "TIMEOUT": params.get("TIMEOUT", DEFAULT_FALLBACK_TIMEOUT),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )
        self._location = _public_location(server)
        self._down_until = 0.0
        self._logged_at = 0.0
        self._lock = threading.Lock()

    def _use(self, name, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self._went_down(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    def _went_down(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_AFTER_SECONDS
            if now - self._logged_at < LOG_EVERY_SECONDS and self._logged_at:
                return
            self._logged_at = now
        logger.error(
            "The shared cache at %s cannot be reached (%s): rate limits count in each process alone until it answers.",
            self._location,
            error,
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._use("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._use("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._use("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._use("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._use("delete", key, version)

    def get_many(self, keys, version=None):
        return self._use("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._use("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._use("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._use("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._use("delete_many", keys, version)

    def clear(self):
        self._fallback.clear()
        return self._use("clear")
