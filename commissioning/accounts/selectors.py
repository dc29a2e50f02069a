"""Reads about a person's accounts that pages and emails share."""

from django.conf import settings

from commissioning.accounts.models import User


def partnership_name_of(user=None, *, email=""):
    """The name of the partnership a person belongs to (through a standing in it or a role in one of
    its rounds) when there is exactly one; otherwise the installation's name (PARTNERSHIP_NAME).
    One query for a person with an account, none for anyone else."""
    if (user is None or not getattr(user, "pk", None)) and email:
        user = User.objects.filter(email__iexact=email).first()
    if user is not None and getattr(user, "pk", None):
        names = (
            user.partnership_roles.order_by()
            .values_list("partnership__name", flat=True)
            .union(user.round_roles.order_by().values_list("round__partnership__name", flat=True))
        )
        names = list(names[:2])
        if len(names) == 1:
            return names[0]
    return settings.PARTNERSHIP_NAME
