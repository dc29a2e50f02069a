"""The rounds' pages for the walking tests (tests/walking/registry.py)."""

from commissioning.rounds.models import Invitation, RoundRole
from tests.factories.commissioning import UserFactory
from tests.walking.registry import EVERYONE, IN_ROUND, OFFICERS, thing, url


@thing("role")
def _role(world, side):
    return RoundRole.objects.create(round=world.round(side), user=UserFactory(), role="sponsor")


@thing("invitation")
def _invitation(world, side):
    return Invitation.objects.create(round=world.round(side), email=f"invited-{side}@example.org", role="bidder")


@thing("partnership")
def _partnership(world, side):
    return world.round(side).partnership


url("home", allow=EVERYONE, scoped=False)
url("round_create", allow={"officer", "elsewhere", "superuser"}, scoped=False)
url("partnership_round_create", partnership_pk="partnership", allow=OFFICERS)
url("round_detail", allow=IN_ROUND)
url("round_edit", allow=OFFICERS)
url("round_advance", allow=OFFICERS)
url("round_people", allow=OFFICERS)
url("round_role_remove", role_pk="role", allow=OFFICERS)
url("round_audit", allow=OFFICERS)
url("round_outbox", allow=OFFICERS)
url("invitation_accept", token="invitation.token", allow=EVERYONE, scoped=False)
