import datetime

import pytest
from django.core import mail

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.documents.models import DocumentStatus
from commissioning.enums import Stage
from commissioning.funding.models import FundingKind
from commissioning.outbox.models import OutgoingEmail
from commissioning.registry import blockers_for, money_used
from panels.contracts import services
from panels.contracts.changes import what_changed
from panels.contracts.enums import VersionStatus
from panels.contracts.models import Contract, ContractVersion, Instalment
from panels.decisions import events
from panels.decisions.enums import DecisionKind
from tests.factories.decisions import DecisionFundingFactory, FundingSourceFactory
from tests.panels.contracts.helpers import AMOUNTS, Setting
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


def test_approved_funded_decision_drafts_a_contract_with_every_row():
    s = Setting()
    contract, version = s.contract, s.version
    assert contract.lead_organisation == s.proposal.lead_organisation
    assert contract.monitored_by == s.spec.priority
    assert contract.sponsor_organisation == s.spec.sponsor_organisation
    assert version.status == VersionStatus.DRAFT
    assert version.amounts_pence == AMOUNTS
    assert (version.start_date, version.end_date) == (datetime.date(2027, 4, 1), datetime.date(2030, 3, 31))
    assert [(c.text, c.due_date) for c in version.conditions.all()] == [
        ("A signed partnership agreement.", datetime.date(2027, 6, 30))
    ]
    proposal_indicators = list(s.proposal.indicator_baselines.all())
    assert version.indicators.count() == len(proposal_indicators) > 0
    first = version.indicators.first()
    assert first.baseline_value == proposal_indicators[0].baseline_value
    assert first.targets == ["13.500", "12.500", "11.500"]
    milestones = list(s.proposal.milestones.all())
    assert [m.description for m in version.milestones.all()] == [m.description for m in milestones]
    # Month 1 ends on 30 April 2027.
    assert version.milestones.all()[0].due_date.day in (28, 29, 30, 31)
    assert version.outputs.count() == s.proposal.outputs.count()
    assert version.reports.count() == 12
    assert AuditEntry.objects.filter(action="contract.drafted", object_id=str(contract.pk)).count() == 1


def test_instalments_are_quarterly_in_arrears_and_sum_exactly_to_each_year():
    s = Setting()
    rows = list(Instalment.objects.filter(version=s.version).order_by("due_date"))
    assert len(rows) == 12
    for year, value in enumerate(AMOUNTS, start=1):
        amounts = [row.amount_pence for row in rows if row.year == year]
        assert sum(amounts) == value
        assert amounts[:3] == [value // 4] * 3
    first = rows[0]
    assert (first.period_start, first.period_end) == (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30))
    assert first.due_date == datetime.date(2027, 8, 30)
    assert rows[-1].period_end == datetime.date(2030, 3, 31)
    assert all(row.released_at is None for row in rows)


def test_decision_not_to_fund_makes_no_contract():
    s = Setting(draft=False)
    s.decision.kind = DecisionKind.DO_NOT_FUND
    s.decision.save()
    events.decision_approved(s.decision, by=s.officer)
    assert not Contract.objects.exists()


def test_reapproved_decision_updates_the_draft():
    s = Setting()
    s.decision.amounts_pence = [40_000_00] * 3
    s.decision.save()
    events.decision_approved(s.decision, by=s.officer)
    s.version.refresh_from_db()
    assert ContractVersion.objects.filter(contract=s.contract).count() == 1
    assert s.version.amounts_pence == [40_000_00] * 3
    assert sum(s.version.instalments.filter(year=2).values_list("amount_pence", flat=True)) == 40_000_00


def test_reapproved_decision_leaves_an_accepted_contract_alone():
    s = Setting()
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    s.decision.amounts_pence = [1_00] * 3
    s.decision.save()
    events.decision_approved(s.decision, by=s.officer)
    s.version.refresh_from_db()
    assert s.version.amounts_pence == AMOUNTS


def test_change_terms_remakes_the_schedules_and_is_audited():
    s = Setting()
    services.change_terms(
        s.version,
        by=s.officer,
        amounts_pence=[10_000_00, 20_000_00, 30_000_00],
        start_date=datetime.date(2027, 5, 1),
        end_date=datetime.date(2030, 4, 30),
    )
    s.version.refresh_from_db()
    assert s.version.amounts_pence == [10_000_00, 20_000_00, 30_000_00]
    assert s.version.instalments.order_by("due_date").first().period_start == datetime.date(2027, 5, 1)
    assert sum(s.version.instalments.filter(year=3).values_list("amount_pence", flat=True)) == 30_000_00
    entry = AuditEntry.objects.get(action="contract.changed")
    assert entry.after["amounts_pence"] == [10_000_00, 20_000_00, 30_000_00]


def test_instalments_that_do_not_add_up_are_refused():
    s = Setting()
    rows = [
        {
            "year": row.year,
            "period_start": row.period_start,
            "period_end": row.period_end,
            "amount_pence": row.amount_pence,
            "due_date": row.due_date,
        }
        for row in s.version.instalments.all()
    ]
    rows[0]["amount_pence"] += 1
    with pytest.raises(ApplicationError) as refused:
        services.replace_rows(s.version, "instalments", rows, by=s.officer)
    assert "year 1 add up to £100,000.02, not the year's value of £100,000.01" in " ".join(refused.value.details)
    rows[0]["amount_pence"] -= 1
    rows[1]["amount_pence"] += 5
    rows[2]["amount_pence"] -= 5
    services.replace_rows(s.version, "instalments", rows, by=s.officer)
    assert s.version.instalments.filter(year=1).order_by("due_date")[1].amount_pence == 100_000_01 // 4 + 5


def test_send_renders_the_pdf_and_emails_the_lead_exactly_once(django_capture_on_commit_callbacks):
    s = Setting()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_version(s.version, by=s.officer)
    s.version = ContractVersion.objects.select_related("document").get(pk=s.version.pk)
    assert s.version.status == VersionStatus.SENT
    assert s.version.document.status == DocumentStatus.READY
    emails = OutgoingEmail.objects.filter(dedup_key__startswith=f"contract:{s.version.pk}:")
    assert emails.count() == 1
    sent = [message for message in mail.outbox if message.subject.startswith("Your contract to accept")]
    assert len(sent) == 1
    message = sent[0]
    assert message.to == [s.proposal.partners.get(is_lead=True).contact_email]
    assert "Mentoring in Hillfields" in message.subject
    assert message.attachments and message.attachments[0][2] == "application/pdf"
    with pytest.raises(services.ContractLocked), django_capture_on_commit_callbacks(execute=True):
        services.send_version(s.version, by=s.officer)
    from commissioning.outbox.services import send_pending_emails  # noqa: PLC0415 -- the sweep, used here only

    send_pending_emails()
    assert len([message for message in mail.outbox if message.subject.startswith("Your contract to accept")]) == 1
    assert AuditEntry.objects.filter(action="contract.sent").count() == 1


@needs_pdftotext
def test_pdf_holds_values_dates_conditions_indicators_and_instalments(django_capture_on_commit_callbacks):
    s = Setting()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_version(s.version, by=s.officer)
    s.version = ContractVersion.objects.select_related("document").get(pk=s.version.pk)
    text = " ".join(pdf_text(s.version.document).split())
    assert "Mentoring in Hillfields" in text
    assert "£100,000.01 in year 1 (2027 to 2028)" in text
    assert "£80,000.03 in year 3 (2029 to 2030)" in text
    assert "From 1 April 2027 to 31 March 2030" in text
    assert "A signed partnership agreement." in text and "30 June 2027" in text
    indicator = s.version.indicators.first()
    assert indicator.indicator.name.split()[0] in text
    assert "13.5" in text
    assert "£25,000 in year 1" in text  # 100,000.01 / 4 = 25,000.00 (the penny on the last)
    assert "£25,000.01 in year 1" in text
    assert "30 August 2027" in text


def test_acceptance_records_who_when_and_where_and_freezes_the_version():
    s = Setting()
    services.send_version(s.version, by=s.officer)
    version = services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED
    assert version.accepted_by == s.lead_person
    assert version.accepted_at is not None
    assert version.accepted_ip == "203.0.113.9"
    entry = AuditEntry.objects.get(action="contract.accepted")
    assert entry.actor == s.lead_person and entry.after["ip_address"] == "203.0.113.9"
    with pytest.raises(services.ContractLocked):
        services.change_terms(
            version, by=s.officer, amounts_pence=[1, 1, 1], start_date=version.start_date, end_date=version.end_date
        )
    with pytest.raises(services.ContractLocked):
        services.replace_rows(version, "conditions", [], by=s.officer)
    with pytest.raises(services.ContractLocked):
        services.send_version(version, by=s.officer)
    with pytest.raises(InvalidTransition):
        services.accept_version(version, by=s.lead_person, ip_address="203.0.113.10")
    version.refresh_from_db()
    assert version.amounts_pence == AMOUNTS and version.conditions.count() == 1
    assert version.accepted_ip == "203.0.113.9"


def test_only_the_leads_people_accept():
    s = Setting()
    services.send_version(s.version, by=s.officer)
    with pytest.raises(InvalidTransition):
        services.accept_version(s.version, by=s.officer, ip_address="203.0.113.9")
    with pytest.raises(InvalidTransition):
        services.accept_version(s.version, by=s.stranger(), ip_address="203.0.113.9")
    s.version.refresh_from_db()
    assert s.version.status == VersionStatus.SENT


def test_a_draft_cannot_be_accepted():
    s = Setting()
    with pytest.raises(InvalidTransition):
        services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")


def test_variation_is_a_new_version_and_the_previous_stays_readable():
    s = Setting()
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    with pytest.raises(ApplicationError):
        services.start_variation(s.contract, by=s.officer, reason="  ")
    variation = services.start_variation(s.contract, by=s.officer, reason="The council adds a fourth mentor.")
    assert variation.number == 2 and variation.status == VersionStatus.DRAFT
    assert variation.reason == "The council adds a fourth mentor."
    assert variation.instalments.count() == 12 and variation.conditions.count() == 1
    with pytest.raises(InvalidTransition):
        services.start_variation(s.contract, by=s.officer, reason="Twice")
    services.change_terms(
        variation,
        by=s.officer,
        amounts_pence=[AMOUNTS[0], AMOUNTS[1] + 10_000_00, AMOUNTS[2]],
        start_date=variation.start_date,
        end_date=variation.end_date,
    )
    indicator = variation.indicators.first()
    services.replace_rows(
        variation,
        "indicators",
        [{"pk": indicator.pk, "baseline_value": indicator.baseline_value, "targets": ["13.5", "11", "11.5"]}],
        by=s.officer,
    )
    first = ContractVersion.objects.get(pk=s.version.pk)
    assert first.amounts_pence == AMOUNTS and first.status == VersionStatus.ACCEPTED
    # Money committed stays the accepted version's until the variation is accepted.
    assert money_used(s.round, "committed") == {1: AMOUNTS[0], 2: AMOUNTS[1], 3: AMOUNTS[2]}
    changes = what_changed(first, ContractVersion.objects.get(pk=variation.pk))
    assert "The value in year 2 changed from £90,000.02 to £100,000.02." in changes
    assert any("in year 2 changed from 12.500 to 11" in line for line in changes)
    services.send_version(variation, by=s.officer)
    services.accept_version(variation, by=s.lead_person, ip_address="2001:db8::1")
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert money_used(s.round, "committed")[2] == AMOUNTS[1] + 10_000_00
    assert AuditEntry.objects.filter(action="contract.variation_started").count() == 1


def test_committed_money_counts_accepted_contracts_only_in_constant_queries(django_assert_max_num_queries):
    s = Setting()
    other, person = s.other_contract()
    assert money_used(s.round, "committed") == {}
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    with django_assert_max_num_queries(2):
        totals = money_used(s.round, "committed")
    assert totals == {1: AMOUNTS[0], 2: AMOUNTS[1], 3: AMOUNTS[2]}
    version = other.versions.get()
    services.send_version(version, by=s.officer)
    services.accept_version(version, by=person, ip_address="203.0.113.7")
    with django_assert_max_num_queries(2):
        totals = money_used(s.round, "committed")
    assert totals[1] == AMOUNTS[0] + 5_000_00
    assert money_used(s.round, "committed", specification=s.spec)[1] == AMOUNTS[0] + 5_000_00


def test_committed_money_leaves_out_what_an_aligned_source_pays():
    s = Setting()
    health = FundingSourceFactory(round=s.round, kind=FundingKind.ALIGNED, amounts_pence=[30_000_00] * 3)
    DecisionFundingFactory(decision=s.decision, source=health, year=2, amount_pence=30_000_00)
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")

    assert money_used(s.round, "committed") == {1: AMOUNTS[0], 2: AMOUNTS[1] - 30_000_00, 3: AMOUNTS[2]}


def test_monitoring_guard_names_leads_that_have_not_accepted():
    s = Setting()
    reasons = blockers_for(s.round, Stage.MONITORING)
    assert "Hillfields Youth Trust has not yet accepted the contract for “Mentoring in Hillfields”." in reasons
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    reasons = blockers_for(s.round, Stage.MONITORING)
    assert not any("Hillfields Youth Trust" in reason for reason in reasons)


def test_audit_entries_read_as_sentences():
    from commissioning.audit.sentences import describe_entries  # noqa: PLC0415 -- used here only

    s = Setting()
    services.send_version(s.version, by=s.officer)
    services.accept_version(s.version, by=s.lead_person, ip_address="203.0.113.9")
    services.start_variation(s.contract, by=s.officer, reason="More mentors.")
    sentences = [d.sentence for d in describe_entries(AuditEntry.objects.filter(action__startswith="contract."))]
    text = " | ".join(sentences)
    assert "A draft of “Contract for “Mentoring in Hillfields”” was made from the approved decision" in text
    assert "sent version 1" in text
    assert "accepted version 1" in text and "from 203.0.113.9" in text
    assert "started a variation" in text


def test_reapproved_decision_takes_a_sent_version_back_to_draft():
    s = Setting()
    services.send_version(s.version, by=s.officer)
    s.decision.amounts_pence = [60_000_00] * 3
    s.decision.save()
    events.decision_approved(s.decision, by=s.officer)
    s.version.refresh_from_db()
    assert s.version.status == VersionStatus.DRAFT and s.version.sent_at is None
    assert s.version.amounts_pence == [60_000_00] * 3
    entry = AuditEntry.objects.filter(action="contract.changed").latest("pk")
    assert entry.before["amounts_pence"] == AMOUNTS and entry.after["amounts_pence"] == [60_000_00] * 3
