"""Writes of contracts: drafted from an approved decision, edited while a draft, sent, accepted, varied.

Every change runs in a transaction with the contract's row locked, refuses to touch a version that is not a
draft (an accepted version is immutable), and leaves an audit entry.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.dates import london
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.common.money import format_pence
from commissioning.documents.services import latest_document, request_document
from commissioning.outbox.services import queue_email
from panels.contracts import schedule
from panels.contracts.enums import VersionStatus
from panels.contracts.models import (
    Contract,
    ContractCondition,
    ContractIndicator,
    ContractMilestone,
    ContractOutput,
    ContractVersion,
    Instalment,
    ReportDue,
)
from proposals.submission.services import lead_contact
from proposals.writing.rules import acts_for_lead

PDF_KIND = "panels.contract"


class ContractLocked(InvalidTransition):
    default_message = _("Only a draft version of a contract can be changed.")


def _lock(contract):
    return Contract.objects.select_for_update().select_related("round", "proposal").get(pk=contract.pk)


def _locked_version(version):
    _lock(version.contract)
    return ContractVersion.objects.select_related("contract__round", "contract__proposal").get(pk=version.pk)


def _require_draft(version):
    if version.status != VersionStatus.DRAFT:
        raise ContractLocked()


def _summary(version):
    return {
        "amounts_pence": list(version.amounts_pence),
        "start_date": version.start_date,
        "end_date": version.end_date,
        "status": version.status,
    }


# Drafting from the decision.


def _schedules(version):
    """The default payment and reporting schedules of ``version`` from its values and start date."""
    version.instalments.all().delete()
    version.reports.all().delete()
    Instalment.objects.bulk_create(
        Instalment(version=version, **row) for row in schedule.instalments(version.start_date, version.amounts_pence)
    )
    ReportDue.objects.bulk_create(
        ReportDue(version=version, **row) for row in schedule.reports(version.start_date, len(version.amounts_pence))
    )


def _conditions_from(version, decision):
    version.conditions.all().delete()
    ContractCondition.objects.bulk_create(
        ContractCondition(version=version, text=row.text, due_date=row.due_date, order=index)
        for index, row in enumerate(decision.conditions.all())
    )


def _proposal_rows(version, proposal, years):
    start = version.start_date
    for index, baseline in enumerate(
        proposal.indicator_baselines.select_related("indicator").prefetch_related("targets").order_by("pk")
    ):
        targets = {target.year: target.value for target in baseline.targets.all()}
        ContractIndicator.objects.create(
            version=version,
            indicator=baseline.indicator,
            baseline_value=baseline.baseline_value,
            baseline_date=baseline.baseline_date,
            baseline_source=baseline.baseline_source,
            targets=[str(targets[year]) if year in targets else "" for year in range(1, years + 1)],
            order=index,
        )
    ContractMilestone.objects.bulk_create(
        ContractMilestone(
            version=version, description=row.description, due_date=schedule.milestone_due(start, row.month)
        )
        for row in proposal.milestones.all()
    )
    ContractOutput.objects.bulk_create(
        ContractOutput(version=version, description=row.description, quantity=row.quantity)
        for row in proposal.outputs.all()
    )


def draft_from_decision(decision, *, by):
    """On an approved decision: a funded proposal's draft contract is made, or its open version (draft or
    sent) takes the decision's new amounts and conditions and goes back to draft. An accepted contract is
    left alone: the officers make a variation. A decision no longer to fund drops a contract never accepted.

    Side effects: an audit entry ("contract.drafted", "contract.changed" or "contract.cancelled")."""
    with transaction.atomic():  # a savepoint inside the approval's transaction
        return _draft_from_decision(decision, by=by)


def _draft_from_decision(decision, *, by):
    proposal = decision.proposal
    round_ = proposal.round
    contract = Contract.objects.select_for_update().filter(proposal=proposal).first()
    if not decision.is_funded:
        if (
            contract is not None
            and not contract.versions.exclude(status__in=[VersionStatus.DRAFT, VersionStatus.SENT]).exists()
        ):
            audit("contract.cancelled", by=by, round_=round_, obj=contract, summary=_("The decision is not to fund."))
            contract.delete()
        return None
    amounts = [int(amount or 0) for amount in decision.amounts_pence]
    if contract is None:
        specification = proposal.specification
        contract = Contract.objects.create(
            round=round_,
            proposal=proposal,
            decision=decision,
            lead_organisation=proposal.lead_organisation,
            monitored_by=specification.priority,
            sponsor_organisation=specification.sponsor_organisation,
            sponsor_contact_name=specification.sponsor_contact_name,
            sponsor_contact_email=specification.sponsor_contact_email,
        )
        version = ContractVersion.objects.create(
            contract=contract,
            number=1,
            amounts_pence=amounts,
            start_date=round_.start_date,
            end_date=schedule.end_of_period(round_.start_date, len(amounts)),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _conditions_from(version, decision)
        _proposal_rows(version, proposal, len(amounts))
        _schedules(version)
        audit("contract.drafted", by=by, round_=round_, obj=contract, after=_summary(version))
        return contract
    version = contract.versions.order_by("-number").first()
    if version.status not in (VersionStatus.DRAFT, VersionStatus.SENT):
        return contract
    before = _summary(version)
    version.amounts_pence = amounts
    version.end_date = schedule.end_of_period(version.start_date, len(amounts))
    version.status = VersionStatus.DRAFT
    version.sent_at = None
    version.sent_by = None
    version.save()
    _conditions_from(version, decision)
    _schedules(version)
    audit(
        "contract.changed",
        by=by,
        round_=round_,
        obj=contract,
        before=before,
        after=_summary(version),
        summary=_("The decision was approved again."),
    )
    return contract


# Editing a draft.


def change_terms(version, *, by, amounts_pence, start_date, end_date):
    """The draft's value per year and dates. A change of value or start makes the default payment and
    reporting schedules again. Side effect: an audit entry ("contract.changed")."""
    with transaction.atomic():
        version = _locked_version(version)
        _require_draft(version)
        if end_date < start_date:
            raise ApplicationError(_("The end date must be on or after the start date."))
        before = _summary(version)
        amounts = [int(amount) for amount in amounts_pence]
        remake = amounts != list(version.amounts_pence) or start_date != version.start_date
        version.amounts_pence, version.start_date, version.end_date = amounts, start_date, end_date
        version.save(update_fields=["amounts_pence", "start_date", "end_date"])
        if remake:
            _schedules(version)
        audit(
            "contract.changed",
            by=by,
            round_=version.contract.round,
            obj=version.contract,
            before=before,
            after=_summary(version),
        )
    return version


def _rows_text(section, version):
    return [str(row) for row in getattr(version, section).all()]


def replace_rows(version, section, rows, *, by):
    """The draft's rows of one ``section`` (conditions, indicators, milestones, outputs, instalments) as
    typed. Instalments must add up to the value of each year, to the penny. Side effect: an audit entry."""
    with transaction.atomic():
        version = _locked_version(version)
        _require_draft(version)
        before = _rows_text(section, version)
        if section == "conditions":
            version.conditions.all().delete()
            ContractCondition.objects.bulk_create(
                ContractCondition(version=version, text=row["text"], due_date=row["due_date"], order=index)
                for index, row in enumerate(rows)
            )
        elif section == "milestones":
            version.milestones.all().delete()
            ContractMilestone.objects.bulk_create(
                ContractMilestone(version=version, description=row["description"], due_date=row["due_date"])
                for row in rows
            )
        elif section == "outputs":
            version.outputs.all().delete()
            ContractOutput.objects.bulk_create(
                ContractOutput(version=version, description=row["description"], quantity=row.get("quantity"))
                for row in rows
            )
        elif section == "indicators":
            _change_indicators(version, rows)
        elif section == "instalments":
            _change_instalments(version, rows)
        else:
            raise ApplicationError(_("There is no such part of a contract."))
        audit(
            "contract.changed",
            by=by,
            round_=version.contract.round,
            obj=version.contract,
            before={section: before},
            after={section: _rows_text(section, version)},
        )
    return version


def _change_indicators(version, rows):
    indicators = {row.pk: row for row in version.indicators.all()}
    for row in rows:
        indicator = indicators.get(row["pk"])
        if indicator is None:
            continue
        indicator.baseline_value = row["baseline_value"]
        indicator.baseline_date = row.get("baseline_date")
        indicator.targets = ["" if value is None else str(value) for value in row["targets"]]
        indicator.save(update_fields=["baseline_value", "baseline_date", "targets"])


def instalment_mismatches(version, rows):
    """Why ``rows`` of instalments do not pay each year's value exactly (empty when they do)."""
    years = len(version.amounts_pence)
    paid = {}
    problems = []
    for row in rows:
        if not 1 <= row["year"] <= years:
            problems.append(_("There is no year %(n)d in this contract.") % {"n": row["year"]})
            continue
        paid[row["year"]] = paid.get(row["year"], 0) + row["amount_pence"]
    for year in range(1, years + 1):
        value = version.amount_in_year(year)
        if paid.get(year, 0) != value:
            problems.append(
                _("The instalments of year %(n)d add up to %(paid)s, not the year's value of %(value)s.")
                % {"n": year, "paid": format_pence(paid.get(year, 0)), "value": format_pence(value)}
            )
    return problems


def _change_instalments(version, rows):
    problems = instalment_mismatches(version, rows)
    if problems:
        raise ApplicationError(_("The payment schedule does not match the contract's value."), details=problems)
    version.instalments.all().delete()
    Instalment.objects.bulk_create(Instalment(version=version, **row) for row in rows)


# Sending and accepting.


def send_version(version, *, by):
    """Send the draft to the lead: its PDF is rendered in the background and emailed, once, to the lead's
    contact. Side effects: the PDF's render task and the email (after commit), an audit entry ("contract.sent")."""
    with transaction.atomic():
        version = _locked_version(version)
        _require_draft(version)
        contract = version.contract
        proposal = contract.proposal
        previous = latest_document(version, PDF_KIND)
        document = request_document(
            subject=version,
            kind=PDF_KIND,
            title=str(version)[:300],
            version=(previous.version + 1) if previous else 1,
        )
        version.status = VersionStatus.SENT
        version.sent_at = timezone.now()
        version.sent_by = by
        version.document = document
        version.save(update_fields=["status", "sent_at", "sent_by", "document"])
        lead = lead_contact(proposal)
        if lead is not None:
            queue_email(
                dedup_key=f"contract:{version.pk}:sent:{document.version}",
                to=lead.contact_email,
                template="emails/panels/contracts/sent",
                context={
                    "contract": contract,
                    "version": version,
                    "proposal": proposal,
                    "contact_name": lead.contact_name,
                    "contract_url": absolute_url(
                        reverse("contract_version", args=[contract.round_id, contract.pk, version.number])
                    ),
                },
                round_=contract.round,
                attachment=document,
            )
        audit("contract.sent", by=by, round_=contract.round, obj=contract, after={"version": version.number})
    return version


def take_back(version, *, by, reason):
    """An officer takes a sent version back to draft, before the lead accepts it, to correct it (it is sent
    again afterwards, with a new PDF). Side effect: an audit entry ("contract.changed") with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Enter why the contract is taken back."))
    with transaction.atomic():
        version = _locked_version(version)
        if version.status != VersionStatus.SENT:
            raise InvalidTransition(_("Only a contract sent and not yet accepted can be taken back."))
        before = _summary(version)
        version.status = VersionStatus.DRAFT
        version.sent_at = None
        version.sent_by = None
        version.save(update_fields=["status", "sent_at", "sent_by"])
        audit(
            "contract.changed",
            by=by,
            round_=version.contract.round,
            obj=version.contract,
            before=before,
            after=_summary(version),
            summary=reason,
        )
    return version


def acceptance_refusal(version, user):
    """Why ``user`` may not accept ``version`` now, or None."""
    if version.status != VersionStatus.SENT:
        return _("Only a contract sent to the lead can be accepted.")
    if not acts_for_lead(user, version.contract.proposal):
        return _("Only a person of the lead organisation can accept the contract.")
    return None


def accept_version(version, *, by, ip_address):
    """The lead accepts the sent version: who, when and from which address are recorded, the version is
    immutable from then on and replaces the one accepted before. Side effect: an audit entry ("contract.accepted")."""
    with transaction.atomic():
        version = _locked_version(version)
        refusal = acceptance_refusal(version, by)
        if refusal:
            raise InvalidTransition(refusal)
        contract = version.contract
        contract.versions.filter(status=VersionStatus.ACCEPTED).update(status=VersionStatus.SUPERSEDED)
        version.status = VersionStatus.ACCEPTED
        version.accepted_by = by
        version.accepted_at = timezone.now()
        version.accepted_ip = ip_address or None
        version.save(update_fields=["status", "accepted_by", "accepted_at", "accepted_ip"])
        audit(
            "contract.accepted",
            by=by,
            round_=contract.round,
            obj=contract,
            after={"version": version.number, "accepted_at": london(version.accepted_at), "ip_address": ip_address},
        )
    return version


def variation_refusal(contract):
    latest = contract.versions.order_by("-number").first()
    if latest is None or latest.status != VersionStatus.ACCEPTED:
        return _("A variation starts from an accepted contract with no other version open.")
    return None


def start_variation(contract, *, by, reason):
    """A new draft version copied from the accepted one, with the reason for the variation.
    Side effect: an audit entry ("contract.variation_started")."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Enter the reason for the variation."))
    with transaction.atomic():
        contract = _lock(contract)
        refusal = variation_refusal(contract)
        if refusal:
            raise InvalidTransition(refusal)
        accepted = contract.versions.order_by("-number").first()
        version = ContractVersion.objects.create(
            contract=contract,
            number=accepted.number + 1,
            reason=reason,
            amounts_pence=list(accepted.amounts_pence),
            start_date=accepted.start_date,
            end_date=accepted.end_date,
            created_by=by,
        )
        for model, fields in (
            (ContractCondition, ("text", "due_date", "order")),
            (
                ContractIndicator,
                ("indicator_id", "baseline_value", "baseline_date", "baseline_source", "targets", "order"),
            ),
            (ContractMilestone, ("description", "due_date")),
            (ContractOutput, ("description", "quantity")),
            (Instalment, ("year", "period_start", "period_end", "amount_pence", "due_date", "released_at")),
            (ReportDue, ("period_start", "period_end", "due_date")),
        ):
            model.objects.bulk_create(
                model(version=version, **{name: getattr(row, name) for name in fields})
                for row in model.objects.filter(version=accepted).order_by("pk")
            )
        audit(
            "contract.variation_started",
            by=by,
            round_=contract.round,
            obj=contract,
            after={"version": version.number},
            summary=reason,
        )
    return version
