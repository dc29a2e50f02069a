from django.db import transaction

from commissioning.audit.services import audit
from commissioning.partnerships.models import PartnershipMember


@transaction.atomic
def add_member(partnership, user, role, *, by, organisation=None, round_=None):
    """Record ``user`` as an officer or board member of ``partnership`` (once).

    Side effects: an audit entry (on ``round_``'s trail when a round's role brought it) the first time.
    """
    member, created = PartnershipMember.objects.get_or_create(
        partnership=partnership, user=user, role=role, defaults={"organisation": organisation}
    )
    if created:
        audit(
            "partnership.member_added",
            by=by,
            round_=round_,
            obj=member,
            after={"partnership": partnership.name, "user": user.email, "role": role, "organisation": organisation},
        )
    elif organisation is not None and member.organisation_id is None:
        member.organisation = organisation
        member.save(update_fields=["organisation"])
    return member
