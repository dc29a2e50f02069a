"""The submission pages: submit (with every problem linked), withdraw, extension, versions and changes."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from proposals.submission.models import ProposalVersion
from proposals.submission.services import grant_extension, submit_proposal
from proposals.writing.completeness import load_for_checking, problems_of
from proposals.writing.enums import ProposalState
from proposals.writing.models import BudgetLine, Proposal
from proposals.writing.services import start_proposal, when
from proposals.writing.views.sections import page_class_for
from tests.factories.commissioning import PASSWORD, OrganisationFactory, UserFactory, person_with_role
from tests.factories.proposals import bidder_person

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _url(name, proposal, *extra):
    return reverse(name, args=[proposal.round_id, proposal.pk, *extra])


def _section_url(proposal, section):
    """Where a problem of ``section`` links: its section page, or its place on the proposal page."""
    if page_class_for(section) is None:
        return reverse("proposal_detail", args=[proposal.round_id, proposal.pk]) + f"#section-{section}"
    return reverse("proposal_section", args=[proposal.round_id, proposal.pk, section])


def _text(response):
    """The page's words, without markup."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_submit_page_shows_the_checklist_and_the_deadline(client, proposal, lead):
    _login(client, lead)

    response = client.get(_url("proposal_submit", proposal))

    text = _text(response)
    assert "100% of the sections are complete." in text
    assert text.count("Complete") >= 11  # each section of the checklist
    assert f"{when(proposal.deadline)} (UK time)" in text
    assert 'value="Submit the proposal"' in response.content.decode()


def test_submitting_from_the_page_records_version_one(client, proposal, lead):
    _login(client, lead)

    response = client.post(_url("proposal_submit", proposal), follow=True)

    assert "Submitted as version 1." in _text(response)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (ProposalState.SUBMITTED, 1)


def test_refused_submission_lists_every_problem_linked_to_its_field(client, specification, lead, lead_organisation):
    proposal = start_proposal(specification, by=lead, lead_organisation=lead_organisation, title="Half written")
    _login(client, lead)

    response = client.post(_url("proposal_submit", proposal))

    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index('id="submission-problems"') : page.index('id="submission-status"')]
    assert "There is a problem" in summary
    activity = _section_url(proposal, "activity")
    budget = _section_url(proposal, "budget")
    assert f'<a href="{activity}#id_activity">Describe the activity.</a>' in summary
    assert f'<a href="{activity}#id_how_outcome">' in summary
    # A problem of the section as a whole links to the section itself.
    assert f'<a href="{budget}">Enter the budget: what each organisation will spend, year by year.</a>' in summary
    evaluation = _section_url(proposal, "evaluation")
    assert f'<a href="{evaluation}#id_evaluation_plan">Describe how the activity will be evaluated.</a>' in summary
    assert summary.count("<li>") == len(problems_of(load_for_checking(proposal.pk)))
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (ProposalState.DRAFT, 0)


def test_late_submission_is_refused_with_the_deadline(client, proposal, lead):
    spec = proposal.specification
    passed = timezone.now() - datetime.timedelta(minutes=5)
    type(spec).objects.filter(pk=spec.pk).update(
        question_deadline=passed - datetime.timedelta(days=1), proposal_deadline=passed
    )
    _login(client, lead)

    page = client.get(_url("proposal_submit", proposal))
    response = client.post(_url("proposal_submit", proposal))

    message = f"The deadline for this proposal was {when(passed)} (UK time). It has passed"
    assert message in _text(page)
    assert 'value="Submit the proposal"' not in page.content.decode()
    refused = response.content.decode()
    summary = refused[refused.index('id="submission-problems"') : refused.index('id="submission-status"')]
    assert message in " ".join(html.unescape(strip_tags(summary)).split())
    proposal.refresh_from_db()
    assert proposal.version == 0


def test_partner_and_officer_read_the_submit_page_but_cannot_submit(client, proposal, officer):
    partner_person = bidder_person(proposal.round, proposal.partners.filter(is_lead=False).first().organisation)
    for person in (partner_person, officer):
        client.logout()
        _login(client, person)
        page = client.get(_url("proposal_submit", proposal))
        assert "Only the lead organisation's people can submit this proposal." in _text(page)
        assert client.post(_url("proposal_submit", proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.version == 0


def test_strangers_get_404_on_every_page_and_post_changes_nothing(client, proposal, lead):
    submit_proposal(proposal, by=lead)
    BudgetLine.objects.filter(proposal=proposal, year=2).update(amount_pence=45_000_00)
    submit_proposal(proposal, by=lead)
    other_bidder = bidder_person(proposal.round, OrganisationFactory(name="Another bidder"))
    board = person_with_role(proposal.round, Role.BOARD)
    pages = [
        _url("proposal_submit", proposal),
        _url("proposal_withdraw", proposal),
        _url("proposal_extension", proposal),
        _url("proposal_extension_remove", proposal),
        _url("proposal_versions", proposal),
        _url("proposal_version", proposal, 1),
        _url("proposal_version_changes", proposal, 2),
        _url("proposal_receipt", proposal, 1),
    ]
    for person in (other_bidder, board, UserFactory()):
        client.logout()
        _login(client, person)
        for page in pages:
            assert client.get(page).status_code == 404, (person, page)
        assert client.post(_url("proposal_withdraw", proposal), {"reason": "Not mine"}).status_code == 404
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (ProposalState.SUBMITTED, 2)


def test_lead_withdraws_with_a_reason_from_the_page(client, proposal, lead):
    _login(client, lead)

    refused = client.post(_url("proposal_withdraw", proposal), {"reason": ""})
    response = client.post(_url("proposal_withdraw", proposal), {"reason": "We merged with another bid."}, follow=True)

    assert "Enter why you are withdrawing the proposal" in _text(refused)
    text = _text(response)
    assert "The proposal is withdrawn. It can no longer change." in text
    assert "We merged with another bid." in text
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    # Read-only afterwards: no form, and the withdraw page sends the lead back.
    assert 'value="Submit the proposal"' not in text
    again = client.get(_url("proposal_withdraw", proposal), follow=True)
    assert "This proposal was withdrawn, so it can no longer change." in _text(again)


def test_officer_grants_an_extension_shown_to_the_lead(client, proposal, officer, lead):
    later = timezone.localtime(proposal.specification.proposal_deadline + datetime.timedelta(days=5))
    _login(client, officer)

    response = client.post(
        _url("proposal_extension", proposal),
        {
            "deadline_day": later.day,
            "deadline_month": later.month,
            "deadline_year": later.year,
            "deadline_time": "17:00",
            "reason": "A flood at the lead's office.",
        },
        follow=True,
    )

    assert "The deadline for this proposal is now" in _text(response)
    proposal.refresh_from_db()
    assert timezone.localtime(proposal.extended_deadline).strftime("%d %m %Y %H:%M") == later.strftime("%d %m %Y 17:00")
    client.logout()
    _login(client, lead)
    text = _text(client.get(_url("proposal_submit", proposal)))
    assert f"{when(proposal.extended_deadline)} (UK time)" in text
    assert "Extended for this proposal" in text
    assert "A flood at the lead's office." in text


def test_extension_before_the_specification_deadline_is_refused_on_the_form(client, proposal, officer):
    earlier = timezone.localtime(proposal.specification.proposal_deadline - datetime.timedelta(days=1))
    _login(client, officer)

    response = client.post(
        _url("proposal_extension", proposal),
        {
            "deadline_day": earlier.day,
            "deadline_month": earlier.month,
            "deadline_year": earlier.year,
            "deadline_time": "12:00",
            "reason": "Asked nicely",
        },
    )

    assert response.status_code == 200
    assert "An extension must end after the specification's deadline" in _text(response)
    assert "Asked nicely</textarea>" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.extended_deadline is None


def test_officer_removes_the_extension_with_a_reason(client, proposal, officer):
    grant_extension(
        proposal,
        by=officer,
        deadline=proposal.specification.proposal_deadline + datetime.timedelta(days=5),
        reason="Flood",
    )
    _login(client, officer)

    response = client.post(_url("proposal_extension_remove", proposal), {"remove-reason": "Granted by mistake"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.extended_deadline is None
    assert AuditEntry.objects.get(action="proposal.extension_removed").summary == "Granted by mistake"


def test_versions_list_who_and_when_in_the_same_queries_for_one_or_many(client, proposal, lead):
    _login(client, lead)
    submit_proposal(proposal, by=lead)
    url = _url("proposal_versions", proposal)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert "Version 1" in _text(response)
    for amount in (41_000_00, 42_000_00, 43_000_00):
        BudgetLine.objects.filter(proposal=proposal, year=1).update(amount_pence=amount)
        submit_proposal(proposal, by=lead)

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(many.captured_queries) == len(one.captured_queries)
    text = _text(response)
    assert [f"Version {n}" in text for n in (4, 3, 2, 1)] == [True] * 4
    assert lead.full_name in text
    assert "Changes in version 4 since version 3" in text


def test_a_version_reads_as_submitted_and_its_changes_in_words(client, proposal, lead):
    submit_proposal(proposal, by=lead)
    BudgetLine.objects.filter(partner__is_lead=True, proposal=proposal, year=2).update(amount_pence=45_000_00)
    Proposal.objects.filter(pk=proposal.pk).update(title="Routes into good work")
    submit_proposal(proposal, by=lead)
    partner_person = bidder_person(proposal.round, proposal.partners.filter(is_lead=False).first().organisation)
    _login(client, partner_person)

    first = _text(client.get(_url("proposal_version", proposal, 1)))
    changes = _text(client.get(_url("proposal_version_changes", proposal, 2)))
    against = client.get(_url("proposal_version_changes", proposal, 2) + "?against=99")

    assert "Routes into work for young people" in first
    assert "Hillfields Youth Trust, staff" in first
    assert "Budget: year 2, Staff, Hillfields Youth Trust: £40,000 → £45,000" in changes
    assert "Title of the activity: “Routes into work for young people” → “Routes into good work”" in changes
    assert against.status_code == 200  # an unknown version to compare with falls back to the one before
    assert client.get(_url("proposal_version", proposal, 3)).status_code == 404
    assert client.get(_url("proposal_version_changes", proposal, 1)).status_code == 404
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 2


def test_proposal_page_offers_submission_to_the_lead_and_the_extension_to_officers(client, proposal, lead, officer):
    grant_extension(
        proposal,
        by=officer,
        deadline=proposal.specification.proposal_deadline + datetime.timedelta(days=5),
        reason="A flood at the lead's office.",
    )
    _login(client, lead)
    lead_page = client.get(reverse("proposal_detail", args=[proposal.round_id, proposal.pk])).content.decode()
    client.logout()
    _login(client, officer)
    officer_page = client.get(reverse("proposal_detail", args=[proposal.round_id, proposal.pk])).content.decode()

    assert f'href="{_url("proposal_submit", proposal)}">Check and submit</a>' in lead_page
    assert "The deadline is extended for this proposal. Reason: A flood at the lead&#x27;s office." in lead_page
    assert _url("proposal_extension", proposal) not in lead_page
    assert _url("proposal_submit", proposal) not in officer_page
    assert f'href="{_url("proposal_extension", proposal)}">Change or remove the extension</a>' in officer_page


def test_submit_button_is_offered_again_only_once_something_changed(client, proposal, lead):
    submit_proposal(proposal, by=lead)
    _login(client, lead)

    unchanged = _text(client.get(_url("proposal_submit", proposal)))
    BudgetLine.objects.filter(proposal=proposal, year=3).update(amount_pence=39_000_00)
    changed = client.get(_url("proposal_submit", proposal)).content.decode()

    assert "Nothing has changed since version 1 was submitted." in unchanged
    assert "Submit the proposal" not in unchanged
    assert 'value="Submit the proposal"' in changed
