"""Every page of the project opened by every kind of person, in their own round, in another round
and with mismatched ids: whoever the rules turn away gets a 404 (or is sent to sign in), nobody
ever gets a server error, no answer to someone signed in may be stored by a cache, and a POST by
someone turned away changes no row of any table.

A new URL fails here until its area declares it in its ``walk.py`` (see tests/walking/registry.py).
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.walking import registry
from tests.walking.urls import allowed, build, entry_for, patterns, variants
from tests.walking.world import World, discover, snapshot

discover()
PATTERNS = {found.key: found for found in patterns()}


def _login_paths():
    return {reverse(name) for name in registry.SIGN_IN_PAGES}


def is_login_redirect(response):
    return response.status_code == 302 and urlsplit(response["Location"]).path in _login_paths()


def clients(world, identities):
    result = {}
    for identity in identities:
        client = Client(raise_request_exception=False)
        if world.person(identity) is not None:
            client.force_login(world.person(identity))
        result[identity] = client
    return result


def refused(response, identity, found):
    if response.status_code == 404:
        return True
    # Signed-in people without staff rights are sent to the admin's own sign-in page.
    return is_login_redirect(response) and (identity == "anonymous" or found.namespace == "admin")


def opened(found, entry, walks):
    """What is wrong with the answers to GET: a server error, a refusal of someone allowed, a leak."""
    for variant, path, identity, client in walks:
        response = client.get(path)
        status = response.status_code
        where = f"GET {path} as {identity} ({variant})"
        if status >= 500:
            yield f"{where}: server error {status}"
        elif identity != "anonymous" and "no-store" not in response.get("Cache-Control", ""):
            yield f"{where}: a signed-in person's answer may be stored (Cache-Control: {response.get('Cache-Control')})"
        elif allowed(entry, identity, variant):
            if status == 404 and not entry.allowed_may_404:
                yield f"{where}: 404, but the rules let them in"
            elif identity != "anonymous" and is_login_redirect(response) and found.namespace != "admin":
                yield f"{where}: sent to sign in, but they may open it"
        elif not (refused(response, identity, found) or status == 405):
            yield f"{where}: {status}, expected 404 or sign-in"


def posted(found, entry, world, walks):
    """What is wrong with POSTs by those turned away: a server error, an answer other than a refusal,
    or any table changed (its row count or the checksum of its rows)."""
    before = snapshot()
    for variant, path, identity, client in walks:
        if allowed(entry, identity, variant):
            continue
        data = entry.data(world, "own" if variant == "own" else "other") if entry.data else {}
        response = client.post(path, data)
        status = response.status_code
        where = f"POST {path} as {identity} ({variant})"
        if status >= 500:
            yield f"{where}: server error {status}"
        elif not (refused(response, identity, found) or status == 405):
            yield f"{where}: {status}, expected 404, 405 or sign-in"
        after = snapshot()
        changed = sorted(table for table in after if after[table] != before.get(table))
        if changed:
            yield f"{where} changed {', '.join(changed)}"
            before = after


@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_every_page_answers_each_person_as_the_rules_say(db, key):
    found = PATTERNS[key]
    entry = entry_for(found)
    world = World()
    paths = [(variant, build(found, entry, world, sides)) for variant, sides in variants(found, entry)]
    people = clients(world, entry.identities)
    # Mismatched ids are tried by those the page lets in: everyone else is already turned away by role.
    walks = [
        (variant, path, identity, client)
        for variant, path in paths
        for identity, client in people.items()
        if variant != "mismatched" or allowed(entry, identity, "own")
    ]

    problems = [*opened(found, entry, walks), *posted(found, entry, world, walks)]
    assert not problems, "\n".join(problems)


def test_every_declared_page_exists():
    """A page removed or renamed is removed from its walk.py too, so that the declarations stay true."""
    stale = sorted(key for key in registry.URLS if key not in PATTERNS)
    assert not stale, f"walk.py files declare URLs the project no longer has: {stale}"
