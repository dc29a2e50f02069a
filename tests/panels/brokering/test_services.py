"""Brokering: asking, answering, withdrawing, and the merge that carries everything over."""

import pytest
from django.core import mail

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError
from commissioning.outbox.models import OutgoingEmail
from panels.brokering import services
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.membership.models import PanelMember
from panels.membership.selectors import proposals_for_member, undeclared_proposals
from proposals.submission.models import ProposalVersion
from proposals.writing.enums import Eligibility, PartnerState, ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import OrganisationFactory
from tests.factories.panels import declare
from tests.panels.brokering.helpers import Setting

pytestmark = pytest.mark.django_db(transaction=False)


def _ask_merge(setting, *, by=None):
    return services.ask(
        setting.panel,
        by=by or setting.chair,
        kind=RequestKind.MERGE,
        proposals=[setting.first, setting.second],
        what="Merge into one mentoring and work-taster programme.",
        why="Both work with the same young people in neighbouring areas.",
        new_lead=setting.first.lead_organisation,
    )


def _consent_all(setting, request):
    first = request.parties.get(proposal=setting.first)
    second = request.parties.get(proposal=setting.second)
    services.answer(first, by=setting.first_person, consent=True, comment="Happy to lead.")
    services.answer(second, by=setting.second_person, consent=True, comment="Agreed.")
    request.refresh_from_db()
    return request


def test_asking_records_the_request_emails_each_lead_and_audits(django_capture_on_commit_callbacks):
    setting = Setting()

    with django_capture_on_commit_callbacks(execute=True):
        request = services.ask(
            setting.panel,
            by=setting.officer,
            kind=RequestKind.INVOLVE,
            proposals=[setting.second],
            what="Involve the careers service of “Mentoring in Hillfields”.",
            why="Young people need careers advice.",
        )

    assert request.outcome == RequestOutcome.WAITING
    assert [party.proposal for party in request.parties.all()] == [setting.second]
    emails = OutgoingEmail.objects.filter(dedup_key__startswith=f"brokering:{request.pk}:asked")
    assert [email.to_email for email in emails] == [setting.second_person.email]
    assert [message.subject for message in mail.outbox] == [
        "Involve agencies from another proposal: a request from the selection panel about “Work tasters in Foleshill”"
    ]
    entry = AuditEntry.objects.get(action="brokering.asked")
    assert entry.actor == setting.officer
    assert entry.after["proposals"] == ["Work tasters in Foleshill"]


def test_only_the_chair_or_an_officer_asks_and_only_about_the_panels_proposals():
    setting = Setting()
    elsewhere = Setting()

    for person in (setting.expert, setting.first_person, setting.board):
        with pytest.raises(ApplicationError):
            _ask_merge(setting, by=person)
    with pytest.raises(ApplicationError):
        services.ask(
            setting.panel,
            by=setting.chair,
            kind=RequestKind.INVOLVE,
            proposals=[elsewhere.first],
            what="x",
            why="y",
        )
    with pytest.raises(ApplicationError):  # the new lead must lead one of the proposals
        services.ask(
            setting.panel,
            by=setting.chair,
            kind=RequestKind.MERGE,
            proposals=[setting.first, setting.second],
            what="x",
            why="y",
            new_lead=OrganisationFactory(),
        )
    assert not setting.panel.brokering_requests.exists()


def test_a_decline_closes_the_request_and_emails_the_outcome(django_capture_on_commit_callbacks):
    setting = Setting()
    request = _ask_merge(setting)
    party = request.parties.get(proposal=setting.second)

    with django_capture_on_commit_callbacks(execute=True):
        services.answer(party, by=setting.second_person, consent=False, comment="Our trustees said no.")

    request.refresh_from_db()
    party.refresh_from_db()
    assert request.outcome == RequestOutcome.DECLINED
    assert request.outcome_note == "Our trustees said no."
    assert party.answer == Answer.DECLINED and party.answered_by == setting.second_person
    assert request.combined is None
    assert Proposal.objects.get(pk=setting.first.pk).state == ProposalState.SUBMITTED
    closed = sorted(OutgoingEmail.objects.filter(dedup_key__contains=":closed:").values_list("to_email", flat=True))
    assert closed == sorted([setting.first_person.email, setting.second_person.email, setting.chair.email])
    assert set(AuditEntry.objects.filter(action__startswith="brokering.").values_list("action", flat=True)) == {
        "brokering.asked",
        "brokering.answered",
        "brokering.closed",
    }
    with pytest.raises(ApplicationError):  # closed: the other lead can no longer answer
        services.answer(request.parties.get(proposal=setting.first), by=setting.first_person, consent=True, comment="")


def test_only_the_addressed_leads_people_answer():
    setting = Setting()
    request = _ask_merge(setting)
    party = request.parties.get(proposal=setting.second)

    for person in (setting.first_person, setting.chair, setting.officer):
        with pytest.raises(ApplicationError):
            services.answer(party, by=person, consent=True, comment="")

    party.refresh_from_db()
    assert party.answer == Answer.WAITING


def test_the_panel_withdraws_a_waiting_request_only():
    setting = Setting()
    request = _ask_merge(setting)

    with pytest.raises(ApplicationError):
        services.withdraw(request, by=setting.expert, note="No")
    services.withdraw(request, by=setting.chair, note="The panel changed its mind.")

    request.refresh_from_db()
    assert request.outcome == RequestOutcome.WITHDRAWN
    with pytest.raises(ApplicationError):
        services.withdraw(request, by=setting.chair, note="Again")


def test_an_agreed_merge_carries_everything_over_to_a_submitted_combined_proposal():
    setting = Setting()
    first, second = setting.first, setting.second
    before = {
        "partners": {p.organisation_id for p in (*first.partners.all(), *second.partners.all())},
        "budget": sum(line.amount_pence for line in (*first.budget_lines.all(), *second.budget_lines.all())),
        "milestones": first.milestones.count() + second.milestones.count(),
        "outputs": first.outputs.count() + second.outputs.count(),
        "risks": first.risks.count() + second.risks.count(),
        "attachments": sorted(a.original_name for a in (*first.attachments.all(), *second.attachments.all())),
        "indicators": {row.indicator_id for row in first.indicator_baselines.all()},
        "targets": first.indicator_baselines.first().targets.count(),
        "themes": {row.theme_id for row in first.theme_responses.all()},
    }
    request = _consent_all(setting, _ask_merge(setting))

    combined = request.combined
    assert request.outcome == RequestOutcome.AGREED
    assert combined.title == "Mentoring in Hillfields and Work tasters in Foleshill"
    assert combined.lead_organisation == first.lead_organisation
    assert combined.state == ProposalState.SUBMITTED
    assert combined.eligibility == Eligibility.ELIGIBLE
    assert ProposalVersion.objects.filter(proposal=combined, number=1).exists()
    # Partners: one row per organisation; the new lead leads, the other lead is a confirmed partner.
    partners = list(combined.partners.all())
    assert {p.organisation_id for p in partners} == before["partners"]
    assert len(partners) == len(before["partners"])
    assert [p.organisation for p in partners if p.is_lead] == [first.lead_organisation]
    assert all(p.state == PartnerState.CONFIRMED for p in partners)
    assert second.lead_organisation_id in {p.organisation_id for p in partners if not p.is_lead}
    # The budget keeps every penny, each cell on the combined proposal's row of its organisation.
    lines = list(combined.budget_lines.select_related("partner"))
    assert sum(line.amount_pence for line in lines) == before["budget"]
    assert all(line.partner.proposal_id == combined.pk for line in lines)
    assert combined.milestones.count() == before["milestones"]
    assert combined.outputs.count() == before["outputs"]
    assert combined.risks.count() == before["risks"]
    assert {row.indicator_id for row in combined.indicator_baselines.all()} == before["indicators"]
    assert combined.indicator_baselines.first().targets.count() == before["targets"]
    assert {row.theme_id for row in combined.theme_responses.all()} == before["themes"]
    response = combined.theme_responses.first().response
    assert "Mentoring in Hillfields:" in response and "Work tasters in Foleshill:" in response
    copies = list(combined.attachments.all())
    assert sorted(a.original_name for a in copies) == before["attachments"]
    originals_files = {a.file.name for a in (*first.attachments.all(), *second.attachments.all())}
    assert not {a.file.name for a in copies} & originals_files
    with copies[0].file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    # The originals are merged, point to it, and keep their rows and versions.
    for original in (first, second):
        original.refresh_from_db()
        assert original.state == ProposalState.MERGED
        assert original.merged_into == combined
        assert original.budget_lines.exists() and original.attachments.count() == 2
        assert original.versions.count() == 1
    assert AuditEntry.objects.get(action="brokering.merged").object_id == str(combined.pk)


def test_a_merge_over_the_maximum_stays_a_draft_for_the_new_lead():
    setting = Setting(annual_pence=200_000_00)  # each proposal asks 120,000 a year; together 240,000

    request = _consent_all(setting, _ask_merge(setting))

    combined = request.combined
    assert combined.state == ProposalState.DRAFT
    assert combined.eligibility == Eligibility.UNDECIDED
    assert not combined.versions.exists()
    assert "over the maximum allocation" in AuditEntry.objects.get(action="brokering.merged").summary


def test_every_member_declares_again_about_the_combined_proposal():
    setting = Setting()
    member = PanelMember.objects.get(panel=setting.panel, user=setting.expert)
    declare(member, setting.first)
    declare(member, setting.second)
    assert set(proposals_for_member(member)) == {setting.first, setting.second}

    combined = _consent_all(setting, _ask_merge(setting)).combined

    assert list(undeclared_proposals(member)) == [combined]
    assert list(proposals_for_member(member)) == []
    assert not setting.expert.has_perm("panels.read_proposal", combined)
    declare(member, combined)
    setting.expert.__dict__.pop("_panel_memberships", None)
    assert list(proposals_for_member(member)) == [combined]
    assert setting.officer.has_perm("proposals.view_proposal", setting.first)


def test_a_proposal_merged_by_one_request_can_no_longer_answer_another():
    setting = Setting()
    later = services.ask(
        setting.panel,
        by=setting.chair,
        kind=RequestKind.INVOLVE,
        proposals=[setting.first],
        what="Involve the careers service.",
        why="Careers advice.",
    )
    _consent_all(setting, _ask_merge(setting))
    party = later.parties.get()

    with pytest.raises(ApplicationError, match="no longer submitted"):
        services.answer(party, by=setting.first_person, consent=True, comment="")

    party.refresh_from_db()
    assert party.answer == Answer.WAITING
    services.withdraw(later, by=setting.chair, note="The proposal was merged.")
