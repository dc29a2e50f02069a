"""Submitting, resubmitting and withdrawing a proposal, and an officer's extension of its deadline."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.documents.models import Document
from commissioning.enums import Stage
from commissioning.outbox.models import OutgoingEmail
from proposals.submission.models import ProposalVersion
from proposals.submission.services import (
    DeadlinePassed,
    NotAllowed,
    NothingChanged,
    ProposalIncomplete,
    ProposalWithdrawn,
    grant_extension,
    remove_extension,
    submit_proposal,
    withdraw_proposal,
)
from proposals.writing import events
from proposals.writing.completeness import Problem
from proposals.writing.enums import CostCategory, ProposalState, Section
from proposals.writing.models import BudgetLine, Proposal
from proposals.writing.services import ProposalReadOnly, save_section
from tests.factories.commissioning import OrganisationFactory, UserFactory
from tests.factories.proposals import ProposalFactory, bidder_person
from tests.proposals.helpers import fill_budget

pytestmark = pytest.mark.django_db


def _set_deadline(proposal, moment):
    spec = proposal.specification
    type(spec).objects.filter(pk=spec.pk).update(
        question_deadline=moment - datetime.timedelta(days=1), proposal_deadline=moment
    )
    proposal.specification.refresh_from_db()


def _emails():
    """The messages about proposals (publishing the specification sent its own)."""
    return OutgoingEmail.objects.filter(dedup_key__startswith="proposal:")


def _frozen_at(moment):
    """The clock stopped at ``moment`` (time itself, not our code)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_submit_records_version_one_with_the_whole_proposal(proposal, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit_proposal(proposal, by=lead)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.version, proposal.submitted_by) == (ProposalState.SUBMITTED, 1, lead)
    version = ProposalVersion.objects.get(proposal=proposal)
    data = version.data
    assert (version.number, version.submitted_by) == (1, lead)
    assert data["fields"]["title"] == "Routes into work for young people"
    assert data["fields"]["steering_group_places"] == 2
    assert [p["organisation_name"] for p in data["partners"]] == [
        "Hillfields Youth Trust",
        "Coventry Careers Service",
        "Foleshill Women's Trust",
    ]
    assert len(data["indicators"]) == 1
    assert data["indicators"][0]["baseline_value"] == "14.500"
    assert data["indicators"][0]["targets"] == {"1": "13.500", "2": "12.500", "3": "11.500"}
    assert len(data["budget"]) == 9  # three organisations, three years, staff
    assert {line["amount_pence"] for line in data["budget"]} == {40_000_00}
    assert [(m["description"], m["month"]) for m in data["milestones"]] == [("Steering group meets", 3)]
    assert [(o["description"], o["quantity"]) for o in data["outputs"]] == [("Young people mentored", 120)]
    assert [(r["description"], r["likelihood"], r["impact"]) for r in data["risks"]] == [
        ("Mentors leave", "medium", "high")
    ]
    assert sorted((a["name"], a["kind"]) for a in data["attachments"]) == [
        ("accounts.pdf", "accounts"),
        ("constitution.pdf", "constitution"),
    ]
    assert all(a["size"] > 0 for a in data["attachments"])


def test_submit_audits_requests_the_receipt_and_records_one_email(proposal, lead):
    submit_proposal(proposal, by=lead)

    entry = AuditEntry.objects.get(action="proposal.submitted")
    assert (entry.actor, entry.object_id, entry.before, entry.after) == (
        lead,
        str(proposal.pk),
        {"state": "draft", "version": 0},
        {"state": "submitted", "version": 1},
    )
    document = Document.objects.get(kind="proposals.receipt")
    assert (document.object_id, document.version) == (proposal.pk, 1)
    email = _emails().get()
    assert email.to_email == "amira@hyt.example.org"
    assert email.subject == "Proposal received: Routes into work for young people (version 1)"
    assert email.attachment == document
    assert email.dedup_key == f"proposal:{proposal.pk}:v1:receipt"


def test_only_the_leads_people_submit(proposal, officer, specification):
    partner_org = proposal.partners.filter(is_lead=False).first().organisation
    partner_person = bidder_person(specification.round, partner_org)
    for person in (officer, partner_person, UserFactory()):
        with pytest.raises(NotAllowed):
            submit_proposal(proposal, by=person)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version, ProposalVersion.objects.count()) == (ProposalState.DRAFT, 0, 0)


def test_incomplete_proposal_is_refused_with_every_problem(specification, lead, lead_organisation):
    from proposals.writing.services import start_proposal  # noqa: PLC0415 -- the one test that starts bare

    proposal = start_proposal(specification, by=lead, lead_organisation=lead_organisation, title="Bare")

    with pytest.raises(ProposalIncomplete) as refused:
        submit_proposal(proposal, by=lead)

    problems = refused.value.details
    assert all(isinstance(problem, Problem) for problem in problems)
    assert Problem("activity", "activity", "Describe the activity.") in problems
    # Every section lacks something (the round has no cross-cutting theme to answer).
    assert {problem.section for problem in problems} == {section.value for section in Section} - {"themes"}
    assert ProposalVersion.objects.count() == 0
    assert not _emails().exists()


def test_deadline_a_second_before_accepts_and_a_second_after_refuses(proposal, lead):
    deadline = timezone.now() + datetime.timedelta(days=3)
    _set_deadline(proposal, deadline)

    with _frozen_at(deadline - datetime.timedelta(seconds=1)):
        submit_proposal(proposal, by=lead)
    proposal.refresh_from_db()
    assert proposal.version == 1

    # A change made in time, then a second submission a second too late.
    with _frozen_at(deadline - datetime.timedelta(seconds=1)):
        fill_budget(proposal, lead, {(proposal.partners.get(is_lead=True), 1, CostCategory.STAFF): 45_000_00})
    with _frozen_at(deadline + datetime.timedelta(seconds=1)), pytest.raises(DeadlinePassed) as refused:
        submit_proposal(proposal, by=lead)
    assert refused.value.message.startswith("The deadline for this proposal was ")
    assert "(UK time)" in refused.value.message
    proposal.refresh_from_db()
    assert (proposal.version, ProposalVersion.objects.count()) == (1, 1)


def test_refusal_names_the_deadline_in_uk_time(proposal, lead):
    # 14 July 2027 11:00 UTC is midday in London (summer time).
    deadline = datetime.datetime(2027, 7, 14, 11, 0, tzinfo=datetime.UTC)
    _set_deadline(proposal, deadline)

    with _frozen_at(deadline), pytest.raises(DeadlinePassed) as refused:
        submit_proposal(proposal, by=lead)

    assert "14 July 2027, 12:00 (UK time)" in refused.value.message


def test_resubmitting_a_changed_proposal_makes_version_two_with_its_own_receipt(proposal, lead):
    submit_proposal(proposal, by=lead)
    lead_partner = proposal.partners.get(is_lead=True)
    BudgetLine.objects.filter(partner=lead_partner, year=2).update(amount_pence=45_000_00)

    submit_proposal(proposal, by=lead)

    proposal.refresh_from_db()
    assert proposal.version == 2
    assert list(proposal.versions.values_list("number", flat=True)) == [2, 1]
    assert Document.objects.filter(kind="proposals.receipt").count() == 2
    assert sorted(_emails().values_list("subject", flat=True)) == [
        "Proposal received: Routes into work for young people (version 1)",
        "Proposal received: Routes into work for young people (version 2)",
    ]
    assert AuditEntry.objects.filter(action="proposal.submitted").count() == 2


def test_resubmitting_with_nothing_changed_is_refused(proposal, lead):
    submit_proposal(proposal, by=lead)

    with pytest.raises(NothingChanged):
        submit_proposal(proposal, by=lead)

    assert ProposalVersion.objects.count() == 1
    assert _emails().count() == 1


def test_versions_are_immutable(proposal, lead):
    submit_proposal(proposal, by=lead)
    version = ProposalVersion.objects.get()
    before = dict(version.data)

    # Changing the proposal afterwards leaves the version as it was.
    BudgetLine.objects.filter(proposal=proposal).update(amount_pence=1_00)
    Proposal.objects.filter(pk=proposal.pk).update(title="Another title")
    version.refresh_from_db()
    assert version.data == before

    # The same number cannot be written twice for a proposal.
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalVersion.objects.create(proposal=proposal, number=1, data={})


def test_withdraw_needs_a_reason_and_leaves_it_read_only(proposal, lead):
    with pytest.raises(Exception, match="Say why"):
        withdraw_proposal(proposal, by=lead, reason="  ")

    withdraw_proposal(proposal, by=lead, reason="Our main partner has closed.")

    proposal.refresh_from_db()
    assert (proposal.state, proposal.withdrawn_reason) == (ProposalState.WITHDRAWN, "Our main partner has closed.")
    assert proposal.withdrawn_at is not None
    entry = AuditEntry.objects.get(action="proposal.withdrawn")
    assert (entry.summary, entry.after) == ("Our main partner has closed.", {"state": "withdrawn"})
    with pytest.raises(ProposalWithdrawn):
        submit_proposal(proposal, by=lead)
    with pytest.raises(ProposalWithdrawn):
        withdraw_proposal(proposal, by=lead, reason="Again")
    with pytest.raises(ProposalReadOnly):
        save_section(proposal, Section.ACTIVITY, by=lead, revision=1, apply=lambda locked: None)


def test_withdraw_refused_after_the_deadline_and_for_anyone_but_the_lead(proposal, lead, officer):
    with pytest.raises(NotAllowed):
        withdraw_proposal(proposal, by=officer, reason="Not theirs to withdraw")
    deadline = timezone.now() + datetime.timedelta(days=1)
    _set_deadline(proposal, deadline)

    with _frozen_at(deadline + datetime.timedelta(seconds=1)), pytest.raises(DeadlinePassed):
        withdraw_proposal(proposal, by=lead, reason="Too late")

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    assert not AuditEntry.objects.filter(action="proposal.withdrawn").exists()


def test_extension_lets_a_late_proposal_submit_and_is_audited_and_emailed(proposal, lead, officer):
    passed = timezone.now() - datetime.timedelta(hours=1)
    _set_deadline(proposal, passed)
    with pytest.raises(DeadlinePassed):
        submit_proposal(proposal, by=lead)
    new_deadline = timezone.now() + datetime.timedelta(days=7)

    grant_extension(proposal, by=officer, deadline=new_deadline, reason="The lead's office flooded.")

    proposal.refresh_from_db()
    assert (proposal.extended_deadline, proposal.extension_reason, proposal.extension_granted_by) == (
        new_deadline,
        "The lead's office flooded.",
        officer,
    )
    assert proposal.deadline == new_deadline
    entry = AuditEntry.objects.get(action="proposal.extension_granted")
    assert (entry.actor, entry.summary) == (officer, "The lead's office flooded.")
    email = _emails().get()
    assert (email.to_email, email.subject) == (
        "amira@hyt.example.org",
        "Deadline extended: Routes into work for young people",
    )
    assert "The lead's office flooded." in email.body_text
    submit_proposal(proposal, by=lead)
    proposal.refresh_from_db()
    assert proposal.version == 1


def test_extension_must_follow_the_specification_deadline_and_give_a_reason(proposal, officer):
    original = proposal.specification.proposal_deadline
    with pytest.raises(Exception, match="after the specification's deadline"):
        grant_extension(proposal, by=officer, deadline=original, reason="Too soon")
    with pytest.raises(Exception, match="reason"):
        grant_extension(proposal, by=officer, deadline=original + datetime.timedelta(days=1), reason="")
    with pytest.raises(Exception, match="on or before"):
        grant_extension(proposal, by=officer, deadline=original + datetime.timedelta(days=365 * 7), reason="Far")
    proposal.refresh_from_db()
    assert proposal.extended_deadline is None
    assert not AuditEntry.objects.filter(action__startswith="proposal.extension").exists()


def test_only_officers_grant_extensions(proposal, lead):
    later = proposal.specification.proposal_deadline + datetime.timedelta(days=2)
    with pytest.raises(NotAllowed):
        grant_extension(proposal, by=lead, deadline=later, reason="I would like more time")
    proposal.refresh_from_db()
    assert proposal.extended_deadline is None


def test_changing_and_removing_an_extension_are_audited(proposal, officer):
    first = proposal.specification.proposal_deadline + datetime.timedelta(days=2)
    second = first + datetime.timedelta(days=3)
    grant_extension(proposal, by=officer, deadline=first, reason="Flood")

    grant_extension(proposal, by=officer, deadline=second, reason="Flood again")
    remove_extension(proposal, by=officer, reason="Granted by mistake")

    proposal.refresh_from_db()
    assert (proposal.extended_deadline, proposal.extension_reason) == (None, "")
    assert proposal.deadline == proposal.specification.proposal_deadline
    assert list(
        AuditEntry.objects.filter(action__startswith="proposal.extension")
        .order_by("pk")
        .values_list("action", "summary")
    ) == [
        ("proposal.extension_granted", "Flood"),
        ("proposal.extension_changed", "Flood again"),
        ("proposal.extension_removed", "Granted by mistake"),
    ]
    assert _emails().count() == 3
    with pytest.raises(Exception, match="no extension"):
        remove_extension(proposal, by=officer, reason="Again")


def test_submission_and_withdrawal_call_the_registered_callbacks_after_commit(
    proposal, lead, django_capture_on_commit_callbacks
):
    heard = []

    def listener(changed, event):
        heard.append((changed.pk, event))

    events.after_proposal_change(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit_proposal(proposal, by=lead)
        with pytest.raises(ProposalIncomplete), django_capture_on_commit_callbacks(execute=True):
            submit_proposal(ProposalFactory(lead_organisation=OrganisationFactory()), by=UserFactory(is_superuser=True))
        with django_capture_on_commit_callbacks(execute=True):
            withdraw_proposal(proposal, by=lead, reason="Merged with another bid")
    finally:
        events._callbacks.remove(listener)  # noqa: SLF001 -- the test's own listener

    assert heard == [(proposal.pk, events.SUBMITTED), (proposal.pk, events.WITHDRAWN)]


def test_changing_a_submitted_proposal_calls_the_callbacks_but_a_draft_does_not(
    proposal, lead, django_capture_on_commit_callbacks
):
    heard = []

    def listener(changed, event):
        heard.append(event)

    def write(locked):
        locked.evaluation_plan = "A new evaluation plan."

    events.after_proposal_change(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            save_section(
                proposal, Section.EVALUATION, by=lead, revision=proposal.revision_of("evaluation"), apply=write
            )
            proposal.refresh_from_db()
            submit_proposal(proposal, by=lead)
        with django_capture_on_commit_callbacks(execute=True):
            proposal.refresh_from_db()
            save_section(
                proposal, Section.EVALUATION, by=lead, revision=proposal.revision_of("evaluation"), apply=write
            )
    finally:
        events._callbacks.remove(listener)  # noqa: SLF001 -- the test's own listener

    assert heard == [events.SUBMITTED, events.CHANGED]


def test_no_extension_once_the_round_has_moved_on_to_the_panels(proposal, officer):
    later = proposal.specification.proposal_deadline + datetime.timedelta(days=2)
    grant_extension(proposal, by=officer, deadline=later, reason="Flood")
    type(proposal.round).objects.filter(pk=proposal.round_id).update(stage=Stage.PANELS)
    proposal.round.refresh_from_db()

    with pytest.raises(ApplicationError, match="moved on from the call"):
        grant_extension(proposal, by=officer, deadline=later + datetime.timedelta(days=1), reason="More")
    with pytest.raises(ApplicationError, match="moved on from the call"):
        remove_extension(proposal, by=officer, reason="Mistake")

    proposal.refresh_from_db()
    assert proposal.extended_deadline == later
