from django.db.models import Q

from commissioning.rounds.rules import manages_round
from proposals.writing.enums import PartnerState
from proposals.writing.models import Proposal
from proposals.writing.rules import organisation_ids_of


def proposals_visible_to(user, round_):
    """The round's proposals whose content ``user`` may read, with what a list shows loaded.

    Officers (and superusers) read every proposal of the round; anyone else only the proposals
    their organisations lead or have confirmed they are partners in."""
    proposals = Proposal.objects.filter(round=round_).select_related(
        "lead_organisation", "specification__priority", "round"
    )
    if manages_round(user, round_):
        return proposals
    organisations = organisation_ids_of(user)
    if not organisations:
        return proposals.none()
    return proposals.filter(
        Q(lead_organisation_id__in=organisations)
        | Q(
            partners__organisation_id__in=organisations,
            partners__state=PartnerState.CONFIRMED,
        )
    ).distinct()
