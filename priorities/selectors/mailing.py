"""Reads for the mailing list."""

from ..models import Announcement, Subscriber
from ..models.mailing import SubscriberStatus


def subscribers(round_, *, status=None):
    queryset = Subscriber.objects.filter(round=round_).order_by("name", "email")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def confirmed_subscriber_count(round_):
    return Subscriber.objects.filter(round=round_, status=SubscriberStatus.CONFIRMED).count()


def announcements(round_):
    return (
        Announcement.objects.filter(round=round_)
        .select_related("specification__priority", "created_by")
        .order_by("-created_at", "-id")
    )
