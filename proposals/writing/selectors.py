from django.db.models import Q

from commissioning.organisations.models import Organisation
from commissioning.rounds.rules import manages_round
from priorities.specifications.enums import PUBLIC_STATES
from priorities.specifications.models import Specification
from proposals.writing.enums import PartnerState, ProposalState
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


def organisations_to_lead(user, round_):
    """The organisations ``user`` acts for that are registered as bidders in ``round_``, by name."""
    organisations = organisation_ids_of(user)
    if not organisations:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=organisations, bids__round=round_).order_by("name")


def live_proposals_led_by(specification, organisations):
    """The proposals (not withdrawn) that ``organisations`` lead on ``specification``."""
    return (
        Proposal.objects.filter(specification=specification, lead_organisation__in=organisations)
        .exclude(state=ProposalState.WITHDRAWN)
        .select_related("lead_organisation")
        .order_by("lead_organisation__name")
    )


def published_specification(round_, pk):
    """The published specification ``pk`` of ``round_`` (one a proposal may answer), or None."""
    return (
        Specification.objects.select_related("priority", "round")
        .filter(round=round_, pk=pk, state__in=PUBLIC_STATES)
        .first()
    )
