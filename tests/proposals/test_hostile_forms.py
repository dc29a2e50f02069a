"""Hostile values posted to every form of the proposals stage, by the person each form is for, never
give a server error.

The walking tests open each page as the first person it lets in (an officer, where officers read
it), so the forms only a lead, a partner's contact or a bidder sees (every section of a proposal,
the consortium, submission) are posted here, each by its own person. A section's revision is kept
current, so that the hostile values reach the section's own fields rather than stopping at a
stale revision.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from commissioning.enums import Role
from proposals.writing.enums import PartnerState, Section
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.proposals import ProposalPartnerFactory, bidder_person, published_specification
from tests.proposals.helpers import complete_proposal
from tests.walking.forms import post_forms
from tests.walking.test_hostile_input import EXAMPLES, HOSTILE_TEXT

SECTIONS = [section.value for section in Section if section != Section.PARTNERS]


class Stage:
    """A complete draft proposal, its lead's person, an invited partner's contact, an officer."""

    def __init__(self):
        self.specification = published_specification()
        self.round = self.specification.round
        organisation = OrganisationFactory(name="Hillfields Youth Trust")
        self.lead = bidder_person(self.round, organisation, full_name="Lena Lead")
        self.proposal = complete_proposal(self.specification, lead_person=self.lead, lead_organisation=organisation)
        self.invited = ProposalPartnerFactory(
            proposal=self.proposal,
            state=PartnerState.INVITED,
            organisation=None,
            organisation_name="Wood End Community Centre",
        )
        self.contact = UserFactory()
        self.officer = person_with_role(self.round, Role.OFFICER)
        self.partner = self.proposal.partners.filter(is_lead=False, state=PartnerState.CONFIRMED).first()

    def args(self, *more):
        return [self.round.pk, self.proposal.pk, *more]


PAGES = {
    "bidder_register": ("lead", lambda stage: reverse("bidder_register", args=[stage.round.pk])),
    "proposal_start": (
        "lead",
        lambda stage: reverse("proposal_start", args=[stage.round.pk, stage.specification.pk]),
    ),
    **{
        f"proposal_section:{section}": (
            "lead",
            lambda stage, section=section: reverse("proposal_section", args=stage.args(section)),
        )
        for section in SECTIONS
    },
    "consortium_partners": ("lead", lambda stage: reverse("consortium_partners", args=stage.args())),
    "consortium_partner_role": (
        "lead",
        lambda stage: reverse("consortium_partner_role", args=stage.args(stage.partner.pk)),
    ),
    "consortium_partner_remove": (
        "lead",
        lambda stage: reverse("consortium_partner_remove", args=stage.args(stage.partner.pk)),
    ),
    "consortium_invitation": ("contact", lambda stage: reverse("consortium_invitation", args=[stage.invited.token])),
    "proposal_submit": ("lead", lambda stage: reverse("proposal_submit", args=stage.args())),
    "proposal_withdraw": ("lead", lambda stage: reverse("proposal_withdraw", args=stage.args())),
    "proposal_extension": ("officer", lambda stage: reverse("proposal_extension", args=stage.args())),
}


def _current_revision(stage, action):
    for section in SECTIONS:
        if action == reverse("proposal_section", args=stage.args(section)):
            stage.proposal.refresh_from_db()
            return stage.proposal.revision_of(section)
    return None


def _post_hostile_values(stage, client, who, action, names):
    @EXAMPLES
    @given(values=st.fixed_dictionaries(dict.fromkeys(names, HOSTILE_TEXT)))
    def post(values):
        revision = _current_revision(stage, action)
        if revision is not None:
            values = {**values, "revision": str(revision)}
        response = client.post(action, values)
        assert response.status_code < 500, f"POST {action} as the {who} with {values!r}: {response.status_code}"

    post()


@pytest.mark.parametrize("key", sorted(PAGES))
def test_hostile_values_posted_by_the_person_a_form_is_for_never_give_a_server_error(db, key):
    stage = Stage()
    who, make_path = PAGES[key]
    client = Client(raise_request_exception=False)
    client.force_login(getattr(stage, who))
    path = make_path(stage)
    page = client.get(path)
    assert page.status_code == 200, f"GET {path} as the {who}: {page.status_code}"
    forms = [(action, fields) for action, fields in post_forms(page.content.decode(), page_path=path)]
    forms = [(action, fields) for action, fields in forms if action != reverse("account_logout")]
    assert forms, f"{path} shows the {who} no form"

    for action, fields in forms:
        names = sorted(name for name in fields if name not in {"csrfmiddlewaretoken", "revision"})
        _post_hostile_values(stage, client, who, action, names)
