"""Pages of the shared pieces for the walking tests (tests/walking/registry.py)."""

from tests.walking.registry import EVERYONE, url

# Redirects everyone to the icon in the static files.
url("favicon.ico", allow=EVERYONE, scoped=False)
