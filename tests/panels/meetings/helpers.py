"""Meetings' test helpers: a panel with an eligible proposal whose lead organisation a bidder acts
for, and slots to come."""

import datetime

from django.utils import timezone

from panels.meetings.models import MeetingSlot
from tests.factories.commissioning import OrganisationFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import published_specification


def in_days(days, hour=10, minute=0):
    """A time ``days`` from today at ``hour``:``minute`` UK time."""
    local = timezone.localtime(timezone.now()) + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def slot(panel, *, starts_at=None, place="Room 1, Civic Centre", video_link=""):
    starts_at = starts_at or in_days(7)
    return MeetingSlot.objects.create(
        panel=panel,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=90),
        place=place,
        video_link=video_link,
    )


def led_proposal(panel, person=None, **kwargs):
    """An eligible proposal of ``panel`` led by an organisation ``person`` acts for."""
    organisation = OrganisationFactory()
    if person is not None:
        person.organisations.add(organisation)
    return eligible_proposal(panel, lead_organisation=organisation, **kwargs)


def new_panel(round_=None):
    return PanelFactory(specification=published_specification(round_)) if round_ else PanelFactory()
