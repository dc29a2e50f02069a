"""Reads for bidders: who is registered in a round, and the organisations a person may register."""

from commissioning.enums import Stage
from commissioning.organisations.models import Organisation
from priorities.specifications.selectors import has_published
from proposals.bidders.models import Bidder


def takes_registrations(round_):
    """Whether organisations may register to bid: the round is at the call with something published."""
    return round_ is not None and round_.stage == Stage.CALL and has_published(round_)


def registered_organisation_ids(round_):
    return set(Bidder.objects.filter(round=round_).values_list("organisation_id", flat=True))


def my_organisations(user):
    """The organisations ``user`` acts for, by name."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return user.organisations.order_by("name")


def my_bidders(user, round_):
    """The registrations in ``round_`` of the organisations ``user`` acts for."""
    if not getattr(user, "is_authenticated", False):
        return Bidder.objects.none()
    return (
        Bidder.objects.filter(round=round_, organisation__people=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def bidder_of(round_, organisation):
    return Bidder.objects.filter(round=round_, organisation=organisation).first()
