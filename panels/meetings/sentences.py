"""How the audit trail reads meetings: slots, bookings, records and follow-ups."""

from django.utils.translation import gettext_lazy

from commissioning.audit.sentences import Sentence

SLOT_FIELDS = {
    "starts_at": gettext_lazy("starts"),
    "ends_at": gettext_lazy("ends"),
    "place": gettext_lazy("place"),
    "video_link": gettext_lazy("video link"),
}

SENTENCES = {
    "meeting.slot_added": Sentence(gettext_lazy("%(actor)s offered the meeting slot %(object)s"), fields=SLOT_FIELDS),
    "meeting.slot_changed": Sentence(
        gettext_lazy("%(actor)s changed the meeting slot %(object)s: %(changes)s"), fields=SLOT_FIELDS
    ),
    "meeting.slot_removed": Sentence(gettext_lazy("%(actor)s removed the meeting slot %(object)s"), fields=SLOT_FIELDS),
    "meeting.booked": Sentence(gettext_lazy("%(actor)s booked the panel meeting of %(object)s"), fields=SLOT_FIELDS),
    "meeting.moved": Sentence(
        gettext_lazy("%(actor)s moved the panel meeting of %(object)s: %(changes)s"), fields=SLOT_FIELDS
    ),
    "meeting.cancelled": Sentence(
        gettext_lazy("%(actor)s cancelled the panel meeting of %(object)s"), fields=SLOT_FIELDS
    ),
    "meeting.recorded": Sentence(
        gettext_lazy("%(actor)s recorded the panel meeting of %(object)s"),
        fields={
            "attendees": gettext_lazy("people attending"),
            "questions": gettext_lazy("questions"),
            "follow_ups": gettext_lazy("follow-ups asked"),
        },
    ),
    "meeting.follow_up_done": Sentence(
        gettext_lazy("%(actor)s marked the follow-up “%(object)s” done"), fields={"request": gettext_lazy("asked")}
    ),
    "meeting.follow_up_reopened": Sentence(
        gettext_lazy("%(actor)s marked the follow-up “%(object)s” not yet done"),
        fields={"request": gettext_lazy("asked")},
    ),
}
