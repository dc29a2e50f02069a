"""The start page and the proposal page: who reaches them, what they show, and their query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.enums import Role
from priorities.specifications.models import Specification
from priorities.workshop.models import CrossCuttingTheme
from proposals.writing.enums import CostCategory, Level, PartnerState, Section
from proposals.writing.models import BudgetLine, Milestone, Output, Proposal, ProposalPartner, Risk, ThemeResponse
from tests.factories.commissioning import OrganisationFactory, UserFactory, person_with_role
from tests.factories.priorities import CandidateIssueFactory
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person, published_specification

pytestmark = pytest.mark.django_db


def detail_url(proposal):
    return reverse("proposal_detail", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk})


def start_url(spec):
    return reverse("proposal_start", kwargs={"round_pk": spec.round_id, "specification_pk": spec.pk})


def section_url(proposal, section):
    return reverse("proposal_section", kwargs={"round_pk": proposal.round_id, "pk": proposal.pk, "section": section})


@pytest.fixture
def cast():
    proposal = ProposalFactory(title="Routes into work", activity="Weekly mentoring.", evaluation_plan="")
    round_ = proposal.round
    confirmed = ProposalPartnerFactory(proposal=proposal)
    invited = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    rival_proposal = ProposalFactory(specification=proposal.specification)
    return {
        "proposal": proposal,
        "lead": bidder_person(round_, proposal.lead_organisation),
        "partner": bidder_person(round_, confirmed.organisation),
        "invited": bidder_person(round_, invited.organisation),
        "rival": bidder_person(round_, rival_proposal.lead_organisation),
        "officer": person_with_role(round_, Role.OFFICER),
        "board": person_with_role(round_, Role.BOARD),
        "outsider": UserFactory(),
    }


# The proposal page


def test_lead_reads_the_whole_proposal_with_a_link_to_write_every_section(client, cast):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])

    text = client.get(detail_url(proposal)).content.decode()

    assert "Weekly mentoring." in text
    for section in ("activity", "evaluation", "client_group", "sponsor", "themes"):
        assert f'<a class="govuk-link" href="{section_url(proposal, section)}">Edit<' in text
    partners = reverse("consortium_partners", kwargs={"round_pk": proposal.round_id, "proposal_pk": proposal.pk})
    assert f'<a class="govuk-link" href="{partners}">Edit<' in text
    # A section with nothing in it says so.
    evaluation = text.split('id="section-evaluation"')[1].split("</section>")[0]
    assert "Nothing has been written in this section yet." in evaluation
    assert 'id="checklist"' in text


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_readers_read_the_proposal_without_links_to_write(client, cast, who):
    proposal = cast["proposal"]
    client.force_login(cast[who])

    text = client.get(detail_url(proposal)).content.decode()

    assert "Weekly mentoring." in text
    assert ">Edit<" not in text


def test_a_partner_gets_links_to_the_sections_the_lead_opened(client, cast):
    proposal = cast["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(partner_sections=["evaluation", "partners", "nonsense"])
    client.force_login(cast["partner"])

    text = client.get(detail_url(proposal)).content.decode()

    assert f'href="{section_url(proposal, "evaluation")}">Edit<' in text
    assert f'href="{section_url(proposal, "activity")}">Edit<' not in text


@pytest.mark.parametrize("who", ["invited", "rival", "board", "outsider"])
def test_the_proposal_page_is_404_to_everyone_else(client, cast, who):
    client.force_login(cast[who])
    assert client.get(detail_url(cast["proposal"])).status_code == 404


def test_the_proposal_page_sends_anonymous_people_to_sign_in(client, cast):
    response = client.get(detail_url(cast["proposal"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_proposal_of_another_round_is_404_through_this_round(client, cast):
    elsewhere = ProposalFactory()
    client.force_login(cast["officer"])
    url = reverse("proposal_detail", kwargs={"round_pk": cast["proposal"].round_id, "pk": elsewhere.pk})
    assert client.get(url).status_code == 404


def test_after_the_deadline_the_proposal_page_says_why_nothing_can_change(client, cast):
    proposal = cast["proposal"]
    Specification.objects.filter(pk=proposal.specification_id).update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
    )
    client.force_login(cast["lead"])

    text = client.get(detail_url(proposal)).content.decode()

    assert "The deadline for this proposal passed on" in text
    assert ">Edit<" not in text


def _grow(proposal, n):
    """Add ``n`` confirmed partners (each with budget lines), themes answered, milestones, outputs and risks."""
    for index in range(n):
        partner = ProposalPartnerFactory(proposal=proposal)
        for year in (1, 2):
            BudgetLine.objects.create(
                proposal=proposal, partner=partner, year=year, category=CostCategory.STAFF, amount_pence=1000_00
            )
        Milestone.objects.create(proposal=proposal, description=f"Milestone {index}", month=index + 1)
        Output.objects.create(proposal=proposal, description=f"Output {index}", quantity=index)
        Risk.objects.create(
            proposal=proposal,
            description=f"Risk {index}",
            likelihood=Level.LOW,
            impact=Level.HIGH,
            mitigation="Plan B.",
        )
        theme = CrossCuttingTheme.objects.create(
            round=proposal.round,
            issue=CandidateIssueFactory(round=proposal.round),
            title=f"Theme {index}",
            rationale="Left out.",
        )
        ThemeResponse.objects.create(proposal=proposal, theme=theme, response=f"Answer {index}")


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["detail", "themes", "activity"])
def test_query_count_does_not_grow_with_the_proposal(client, cast, django_assert_num_queries, page):
    proposal = cast["proposal"]
    client.force_login(cast["lead"])
    url = detail_url(proposal) if page == "detail" else section_url(proposal, page)
    _grow(proposal, 1)
    client.get(url)  # warm up whatever is read once per process
    small = _queries_for(client, url)

    _grow(proposal, 8)
    with django_assert_num_queries(small):
        response = client.get(url)

    text = response.content.decode()
    expected = {"detail": ["Answer 7", "Milestone 7", "Risk 7"], "themes": ["Answer 7"], "activity": ['id="checklist"']}
    assert all(piece in text for piece in expected[page])


# The start page


def test_a_bidder_starts_a_proposal_for_an_organisation_they_act_for(client):
    spec = published_specification()
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    person = bidder_person(spec.round, organisation)
    client.force_login(person)

    page = client.get(start_url(spec)).content.decode()
    response = client.post(start_url(spec), {"lead_organisation": organisation.pk, "title": "Routes into work"})

    assert "Hillfields Youth Trust" in page
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal)
    assert (proposal.title, proposal.lead_organisation, proposal.specification) == (
        "Routes into work",
        organisation,
        spec,
    )
    assert ProposalPartner.objects.get().contact_email == person.email


def test_starting_offers_only_organisations_registered_in_the_round(client):
    spec = published_specification()
    registered = OrganisationFactory(name="Registered Trust")
    person = bidder_person(spec.round, registered)
    unregistered = OrganisationFactory(name="Unregistered Society")
    person.organisations.add(unregistered)
    stranger = OrganisationFactory(name="Stranger Ltd")
    bidder_person(spec.round, stranger)
    client.force_login(person)

    page = client.get(start_url(spec)).content.decode()
    for hostile in (unregistered.pk, stranger.pk, "x", 10**12):
        response = client.post(start_url(spec), {"lead_organisation": hostile, "title": "Taken"})
        assert response.status_code == 200
        assert "Select the lead organisation from the list" in response.content.decode()

    assert "Registered Trust" in page
    assert "Unregistered Society" not in page
    assert "Stranger Ltd" not in page
    assert Proposal.objects.count() == 0


def test_someone_without_a_registered_organisation_is_told_to_register_first(client):
    spec = published_specification()
    person = person_with_role(spec.round, Role.BIDDER)
    client.force_login(person)

    text = client.get(start_url(spec)).content.decode()
    response = client.post(start_url(spec), {"title": "Taken"})

    assert 'id="register-first"' in text
    register = reverse("bidder_register", kwargs={"round_pk": spec.round_id})
    assert f'href="{register}"' in text
    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_a_second_live_proposal_for_the_same_lead_is_refused_with_a_message(client):
    spec = published_specification()
    organisation = OrganisationFactory()
    person = bidder_person(spec.round, organisation)
    client.force_login(person)
    client.post(start_url(spec), {"lead_organisation": organisation.pk, "title": "First"})

    response = client.post(start_url(spec), {"lead_organisation": organisation.pk, "title": "Second"})

    assert "already has a proposal for this specification" in response.content.decode()
    assert list(Proposal.objects.values_list("title", flat=True)) == ["First"]


def test_no_proposal_starts_after_the_deadline(client):
    spec = published_specification()
    organisation = OrganisationFactory()
    person = bidder_person(spec.round, organisation)
    Specification.objects.filter(pk=spec.pk).update(
        question_deadline=timezone.now() - datetime.timedelta(days=2),
        proposal_deadline=timezone.now() - datetime.timedelta(seconds=1),
    )
    client.force_login(person)

    page = client.get(start_url(spec)).content.decode()
    client.post(start_url(spec), {"lead_organisation": organisation.pk, "title": "Late"})

    assert 'id="call-closed"' in page
    assert Proposal.objects.count() == 0


def test_start_page_is_404_for_an_unpublished_or_another_rounds_specification(client):
    spec = published_specification()
    person = bidder_person(spec.round)
    other = published_specification()
    client.force_login(person)

    assert client.get(reverse("proposal_start", args=[spec.round_id, 10**9])).status_code == 404
    assert client.get(reverse("proposal_start", args=[spec.round_id, other.pk])).status_code == 404
    Specification.objects.filter(pk=spec.pk).update(state="draft")
    assert client.get(start_url(spec)).status_code == 404


def test_start_page_sends_anonymous_people_to_sign_in(client):
    spec = published_specification()
    response = client.get(start_url(spec))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_section_enum_is_complete_on_the_proposal_page(client, cast):
    client.force_login(cast["officer"])
    text = client.get(detail_url(cast["proposal"])).content.decode()
    for section in Section:
        assert f'id="section-{section.value}"' in text
