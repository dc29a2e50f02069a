"""Who may read and write a proposal.

Before the panels, a proposal's content is read by the people of its lead organisation, the
people of its confirmed partner organisations, and the round's officers; nobody else. The lead's
people write every section and manage the consortium; a confirmed partner's people write only the
sections the lead opens to partners (``Proposal.partner_sections``).
"""

import rules

from commissioning.rounds.rules import manages_round
from proposals.writing.enums import LEAD_ONLY_SECTIONS, PartnerState
from proposals.writing.models import Proposal, ProposalPartner


def organisation_ids_of(user):
    """The organisations a person acts for, read once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if "_organisation_ids" not in user.__dict__:
        user.__dict__["_organisation_ids"] = frozenset(user.organisations.values_list("pk", flat=True))
    return user.__dict__["_organisation_ids"]


def _proposal_of(obj):
    if isinstance(obj, Proposal):
        return obj
    return getattr(obj, "proposal", None)


@rules.predicate
def acts_for_lead(user, obj=None):
    proposal = _proposal_of(obj)
    return proposal is not None and proposal.lead_organisation_id in organisation_ids_of(user)


@rules.predicate
def acts_for_confirmed_partner(user, obj=None):
    proposal = _proposal_of(obj)
    organisations = organisation_ids_of(user)
    if proposal is None or not organisations:
        return False
    return ProposalPartner.objects.filter(
        proposal=proposal, organisation_id__in=organisations, state=PartnerState.CONFIRMED, is_lead=False
    ).exists()


def may_edit_section(user, proposal, section):
    """Whether ``user`` may write ``section`` of ``proposal`` (its state is the services' business)."""
    if acts_for_lead(user, proposal):
        return True
    if section in LEAD_ONLY_SECTIONS or str(section) not in (proposal.partner_sections or []):
        return False
    return acts_for_confirmed_partner(user, proposal)


in_consortium = acts_for_lead | acts_for_confirmed_partner

rules.add_perm("proposals.view_proposal", manages_round | in_consortium)

rules.add_perm("proposals.change_proposal", in_consortium)

rules.add_perm("proposals.manage_consortium", acts_for_lead)

rules.add_perm("proposals.submit_proposal", acts_for_lead)

rules.add_perm("proposals.withdraw_proposal", acts_for_lead)

rules.add_perm("proposals.review_proposals", manages_round)

rules.add_perm("proposals.grant_extension", manages_round)

rules.add_perm("proposals.decide_eligibility", manages_round)
