from django.db.models import Q

from commissioning.accounts.models import User
from commissioning.partnerships.enums import PartnershipRole
from commissioning.partnerships.models import Partnership, PartnershipMember


def partnerships_led_by(user):
    """The partnerships in which ``user`` may start a round: all of them for staff, else those they are officer of."""
    if not getattr(user, "is_authenticated", False):
        return Partnership.objects.none()
    if user.is_staff or user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(members__user=user, members__role=PartnershipRole.OFFICER).distinct()


def is_partnership_officer(user, partnership):
    if not getattr(user, "is_authenticated", False) or partnership is None:
        return False
    return PartnershipMember.objects.filter(
        partnership_id=partnership.pk, user_id=user.pk, role=PartnershipRole.OFFICER
    ).exists()


def partnership_officers(partnerships):
    """The officers of the given partnerships, with their partnership and organisation loaded."""
    return (
        PartnershipMember.objects.filter(partnership__in=partnerships, role=PartnershipRole.OFFICER)
        .select_related("user", "partnership", "organisation")
        .order_by("partnership__name", "user__full_name", "user__email")
    )


def board_members(partnership):
    return (
        PartnershipMember.objects.filter(partnership=partnership, role=PartnershipRole.BOARD)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email")
    )


def officer_candidates(partnership, *, also=None):
    """The people who may be chosen as a new round's officer: the partnership's officers (and ``also``)."""
    officers = Q(partnership_roles__partnership=partnership, partnership_roles__role=PartnershipRole.OFFICER)
    if also is not None:
        officers |= Q(pk=also.pk)
    return User.objects.filter(officers).distinct()
