"""Registering to bid, for the walking tests (tests/walking/registry.py): anyone signed in may open the
registration of a round whose call is open (once something is published)."""

from tests.walking.registry import SIGNED_IN, url


def _published_round(world, side):
    """The round, once its call is open (registration answers 404 before)."""
    world.get(side, "specification")
    return world.round(side).pk


def _registration(world, side):
    return {
        "choose-organisation": "new",
        "organisation-name": f"Walking Trust {side}",
        "organisation-sector": "voluntary",
        "organisation-organisation_type": "charity",
        "bidder-address": "1 Walk Street",
        "bidder-postcode": "CV1 5RR",
        "bidder-contact_name": "Walter",
        "bidder-contact_email": "walter@example.org",
    }


url("bidder_register", round_pk=_published_round, allow=SIGNED_IN, data=_registration)
