from django.db.models import Q

from commissioning.enums import Role
from commissioning.partnerships.enums import PartnershipRole
from commissioning.rounds.models import Round, RoundRole


def roles_in(user, round_):
    """The set of Role values ``user`` holds in ``round_``, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False) or round_ is None:
        return frozenset()
    cache = user.__dict__.setdefault("_round_roles", {})
    if round_.pk not in cache:
        cache[round_.pk] = frozenset(
            RoundRole.objects.filter(round_id=round_.pk, user_id=user.pk).values_list("role", flat=True)
        )
    return cache[round_.pk]


def rounds_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Round.objects.none()
    if user.is_superuser:
        return Round.objects.all()
    led = Q(partnership__members__user=user, partnership__members__role=PartnershipRole.OFFICER)
    return Round.objects.filter(Q(roles__user=user) | led).select_related("partnership").distinct()


def round_people(round_):
    return (
        RoundRole.objects.filter(round=round_)
        .select_related("user", "organisation")
        .order_by("role", "user__full_name", "user__email")
    )


def round_officers(round_):
    return round_people(round_).filter(role=Role.OFFICER)
