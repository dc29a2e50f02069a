"""Counting attempts in the shared cache, for limits per address, per person or per client.

Counters live in Django's default cache (Redis in production, so every web worker shares them).
Keys name what is counted with a hash rather than the value itself, so that no email address is
kept in the cache.
"""

import hashlib

from django.core.cache import cache

from commissioning.common.client import client_address


def limit_key(kind, value):
    """A cache key for counting ``kind`` attempts by ``value`` (an address, an account id)."""
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"limit:{kind}:{digest}"


def count_attempt(key, *, window_seconds):
    """Count one more attempt under ``key``; the number of attempts in the window, this one included.

    The window starts with the first attempt and the count is forgotten when it ends.
    """
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, window_seconds)
        return 1


def client_of(request):
    """The address the request came from, for limits per client: a trusted proxy's header or
    REMOTE_ADDR (commissioning/common/client.py)."""
    return client_address(request)
