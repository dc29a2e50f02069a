"""The calendar file of a meeting (RFC 5545, made with icalendar): one UID per booking for its whole
life and a SEQUENCE that rises with each change, so that a calendar updates the event rather than
adding another; a cancellation cancels the same event."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Commissioning//Selection panel meetings//EN"


def meeting_calendar(booking, slot, *, cancelled=False, organiser_email=None):
    """The .ics bytes inviting to (or cancelling) ``booking``'s meeting in ``slot``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{booking.uid}@meetings")
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", slot.starts_at.astimezone(LONDON))
    event.add("dtend", slot.ends_at.astimezone(LONDON))
    event.add(
        "summary",
        _("Selection panel meeting: %(proposal)s") % {"proposal": booking.proposal.title},
    )
    if slot.place:
        event.add("location", slot.place)
    elif slot.video_link:
        event.add("location", slot.video_link)
    if slot.video_link:
        event.add("url", slot.video_link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{organiser_email or settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = vText(str(booking.proposal.round.partnership))
    event.add("organizer", organiser)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
