"""The address of the person's device, for limits counted per client.

Behind a reverse proxy every request comes from the proxy's address, and the client's address is
in the X-Forwarded-For header, which anyone can also send. So the header is believed only when
TRUSTED_PROXY_COUNT says how many proxies in front of the site append to it: each appends the
address it received the request from, so the client is the TRUSTED_PROXY_COUNT-th address from
the right (entries to its left are whatever the client sent). With the default, 0, the header is
ignored and the address is the connection's own, REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""


def client_address(request):
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was written by a trusted proxy; the first saw the client.
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _valid(candidate) or remote
