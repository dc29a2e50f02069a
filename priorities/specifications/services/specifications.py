"""Writing, approving, publishing and amending specifications, and their sub-groups."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commissioning import registry
from commissioning.audit.services import audit, snapshot
from commissioning.common.dates import validate_plausible
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.common.money import in_year
from commissioning.documents.services import request_document
from commissioning.enums import Role, Stage
from commissioning.outbox.services import queue_email
from commissioning.rounds.models import RoundRole
from commissioning.rounds.selectors import round_officers
from commissioning.rounds.services import move_round_to_stage
from priorities.specifications.enums import AnnouncementKind, SpecificationState
from priorities.specifications.models import Specification, SpecificationVersion, SubgroupMember
from priorities.specifications.services import budget
from priorities.specifications.services.mailing import announce
from priorities.specifications.services.signoffs import (
    confirmation_refusal,
    request_signoffs,
    reset_signoffs,
    sponsor_details,
)
from priorities.workshop.models import Priority

SPECIFICATION_PDF = "specification"

# The fields a version keeps, in the order they are shown and compared.
CONTENT_FIELDS = [
    "outcome_sought",
    "strategic_outcome",
    "indicators",
    "minimum_partners",
    "lead_organisation_role",
    "client_group",
    "client_group_consulted",
    "client_group_consultation",
    "steering_group_places",
    "allocations_pence",
    "evaluation_requirements",
    "sponsor_organisation",
    "sponsor_contact_name",
    "sponsor_contact_email",
    "mainstreaming_commitment",
    "finance_officer_name",
    "finance_officer_email",
    "milestones",
    "proposal_deadline",
    "question_deadline",
]

EDITABLE_FIELDS = [name for name in CONTENT_FIELDS if name != "indicators"]


def field_label(name):
    return str(Specification._meta.get_field(name).verbose_name)


def _display(spec, name):
    """A field's value as a person reads it, so that versions compare as text."""
    value = getattr(spec, name)
    if name == "indicators":
        return [str(indicator) for indicator in spec.indicators.order_by("code")]
    if name == "allocations_pence":
        return [in_year(amount, year) for year, amount in spec.allocation_rows()] + [
            _("In all: %(total)s") % {"total": spec.total_allocation_display}
        ]
    if name in ("proposal_deadline", "question_deadline"):
        return date_format(timezone.localtime(value), "j F Y, H:i") if value else ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    return str(value)


def version_data(spec):
    return {name: _display(spec, name) for name in CONTENT_FIELDS}


def version_rows(current, previous=None):
    """A kept version's fields to show: label, value (``new``; a list for the listed fields) and,
    against ``previous``, its value there (``old``), keeping only the fields that changed."""
    rows = []
    for name in CONTENT_FIELDS:
        new = current.data.get(name, "")
        old = previous.data.get(name, "") if previous else ""
        if previous is None or new != old:
            rows.append({"label": field_label(name), "old": old, "new": new, "is_list": isinstance(new, list)})
    return rows


def _record_version(spec, *, by, note=""):
    spec.version += 1
    spec.save(update_fields=["version", "updated_at"])
    return SpecificationVersion.objects.create(
        specification=spec, number=spec.version, state=spec.state, data=version_data(spec), note=note, saved_by=by
    )


def _lock_round(round_id):
    return budget.lock_round(round_id)


def _normalise_allocations(round_, allocations):
    amounts = [int(amount or 0) for amount in (allocations or [])][: round_.number_of_years]
    amounts += [0] * (round_.number_of_years - len(amounts))
    if any(amount < 0 for amount in amounts):
        raise ApplicationError(_("A maximum allocation cannot be negative."))
    return amounts


def _check_date(value):
    """A typed deadline outside the believable window, refused as the services refuse everything."""
    try:
        validate_plausible(value)
    except ValidationError as error:
        raise ApplicationError(error.messages[0]) from None


def _apply(spec, round_, *, fields, indicators):
    fields = {name: value for name, value in fields.items() if name in EDITABLE_FIELDS}
    if "allocations_pence" in fields:
        fields["allocations_pence"] = _normalise_allocations(round_, fields["allocations_pence"])
    for name in ("proposal_deadline", "question_deadline"):
        value = fields.get(name)
        if value and value != getattr(spec, name):
            _check_date(value)
    for name, value in fields.items():
        setattr(spec, name, value)
    if spec.question_deadline and spec.proposal_deadline and spec.question_deadline > spec.proposal_deadline:
        raise ApplicationError(_("The deadline for questions must be on or before the deadline for proposals."))
    if indicators is not None and any(
        indicator.outcome.partnership_id != round_.partnership_id for indicator in indicators
    ):
        raise ApplicationError(_("Choose indicators from this round's strategic plan."))
    try:
        spec.full_clean(exclude=["round", "priority", "approved_by"])
    except ValidationError as error:
        raise ApplicationError(_("The specification could not be saved."), details=error.messages) from None
    spec.save()
    if indicators is not None:
        spec.indicators.set(indicators)


def specification_for(priority):
    """The priority's specification, or an unsaved blank one to start from."""
    try:
        return priority.specification
    except Specification.DoesNotExist:
        return Specification(
            round=priority.round,
            priority=priority,
            strategic_outcome=priority.outcome,
            allocations_pence=[0] * priority.round.number_of_years,
        )


def save_specification(priority, *, by, fields, indicators=None):
    """Save the sub-group's draft (creating it on first save) as a new version.

    A draft always saves, whatever it allocates: the budget is checked when it is submitted.
    Side effects: a SpecificationVersion row and an audit entry. Raises InvalidTransition
    unless the specification is a draft.
    """
    with transaction.atomic():
        round_ = _lock_round(priority.round_id)
        spec = Specification.objects.select_for_update().filter(priority=priority).first()
        creating = spec is None
        if creating:
            spec = specification_for(priority)
        elif not spec.allows("edit"):
            raise InvalidTransition(
                _("This specification is “%(state)s”; only a draft can be changed.")
                % {"state": spec.get_state_display()}
            )
        before = None if creating else version_data(spec)
        sponsor_before = sponsor_details(spec)
        _apply(spec, round_, fields=fields, indicators=indicators)
        after = version_data(spec)
        if before == after:
            return spec
        _record_version(spec, by=by)
        reset_signoffs(spec, sponsor_before, by=by)
        audit(
            "specification.created" if creating else "specification.saved",
            by=by,
            round_=round_,
            obj=spec,
            before=before,
            after=after,
            summary=_("Version %(n)d saved") % {"n": spec.version},
        )
    return spec


def missing_for_submission(spec):
    """What a specification still needs before it can go for approval (empty when complete)."""
    missing = []

    def need(condition, message):
        if not condition:
            missing.append(message)

    need(spec.outcome_sought.strip(), _("Describe the outcome sought."))
    need(spec.strategic_outcome_id, _("Choose the strategic plan outcome it serves."))
    need(spec.pk and spec.indicators.exists(), _("Choose at least one performance indicator."))
    need(spec.lead_organisation_role.strip(), _("Say what the lead organisation is responsible for."))
    need(spec.client_group.strip(), _("Name the client group."))
    need(spec.client_group_consulted, _("Confirm that the client group was consulted."))
    need(spec.client_group_consultation.strip(), _("Say how the client group was consulted."))
    need(spec.steering_group_places >= 1, _("Give the client group at least one place on the steering group."))
    need(spec.total_allocation_pence > 0, _("Enter the maximum allocation for each year."))
    need(spec.evaluation_requirements.strip(), _("Say how proposals must show the activity will be evaluated."))
    need(spec.sponsor_organisation_id, _("Choose the public-sector sponsor."))
    need(spec.sponsor_contact_name.strip(), _("Name the sponsor's contact."))
    need(spec.sponsor_contact_email.strip(), _("Give the sponsor contact's email address."))
    need(spec.mainstreaming_commitment.strip(), _("Record the sponsor's commitment to consider mainstream funding."))
    need(spec.finance_officer_name.strip(), _("Name the sponsor's finance officer."))
    need(spec.finance_officer_email.strip(), _("Give the finance officer's email address."))
    need(spec.proposal_deadline, _("Set the deadline for proposals."))
    need(spec.question_deadline, _("Set the deadline for clarification questions."))
    return missing


def _locked(spec):
    return Specification.objects.select_for_update().select_related("round", "priority").get(pk=spec.pk)


def _transition(spec, *, by, allowed_from, to, action, summary=""):
    """Move ``spec`` to ``to`` if its state lets the action ``allowed_from`` (a key of ACTION_STATES) start."""
    if not spec.allows(allowed_from):
        raise InvalidTransition(
            _("This specification is “%(state)s”, so it cannot be %(action)s.")
            % {"state": spec.get_state_display(), "action": action}
        )
    before = spec.state
    spec.state = to
    return before


def _tell(spec, users, *, template, key, **context):
    """Email each of ``users`` about ``spec`` (once per ``key``), after the transaction commits."""
    link = absolute_url(reverse("specification_detail", args=[spec.round_id, spec.priority_id]))
    for user in users:
        queue_email(
            dedup_key=f"specification:{spec.pk}:{key}:{user.pk}",
            to=user.email,
            template=template,
            context={"specification": spec, "round": spec.round, "link": link, "person": user, **context},
            round_=spec.round,
        )


def submit_specification(spec, *, by):
    """Send a complete draft to the officers for approval.

    Side effects: an audit entry; an email to each of the round's officers; the sponsor's contact
    and finance officer asked to confirm its commitment (those not yet asked, or who declined);
    the reason it was last returned, if any, is cleared. Raises BudgetExceeded (naming each year
    and the amount over) when, with the round's other submitted, approved and published
    specifications, it would exceed the budget.
    """
    with transaction.atomic():
        round_ = budget.lock_round(spec.round_id)
        spec = _locked(spec)
        _transition(spec, by=by, allowed_from="submit", to=SpecificationState.SUBMITTED, action=_("submitted"))
        missing = missing_for_submission(spec)
        if missing:
            raise ApplicationError(_("The specification is not ready to submit."), details=missing)
        budget.check_budget(round_, spec)
        spec.submitted_at = timezone.now()
        # A returned specification shows why until it is submitted again.
        spec.return_reason, spec.returned_at, spec.returned_by = "", None, None
        spec.save(update_fields=["state", "submitted_at", "return_reason", "returned_at", "returned_by", "updated_at"])
        entry = audit(
            "specification.submitted",
            by=by,
            round_=spec.round,
            obj=spec,
            before={"state": SpecificationState.DRAFT},
            after={"state": spec.state},
        )
        officers = [role.user for role in round_officers(spec.round)]
        _tell(spec, officers, template="emails/priorities/specifications/submitted", key=f"submitted:{entry.pk}", by=by)
        # The sponsor's sign-off: ask whoever has not confirmed (nobody twice).
        request_signoffs(spec, by=by)
    return spec


def return_to_draft(spec, *, by, reason):
    """An officer sends a submitted or approved specification back to its sub-group.

    Side effects: an audit entry with the reason; an email with the reason to each sub-group member.
    """
    if not (reason or "").strip():
        raise ApplicationError(_("Say why the specification is going back to the sub-group."))
    with transaction.atomic():
        spec = _locked(spec)
        before = _transition(
            spec,
            by=by,
            allowed_from="return",
            to=SpecificationState.DRAFT,
            action=_("returned to the sub-group"),
        )
        spec.approved_at = None
        spec.approved_by = None
        spec.return_reason, spec.returned_at, spec.returned_by = reason.strip(), timezone.now(), by
        spec.save(
            update_fields=[
                "state",
                "approved_at",
                "approved_by",
                "return_reason",
                "returned_at",
                "returned_by",
                "updated_at",
            ]
        )
        entry = audit(
            "specification.returned",
            by=by,
            round_=spec.round,
            obj=spec,
            before={"state": before},
            after={"state": spec.state},
            summary=reason,
        )
        members = [member.user for member in spec.priority.subgroup_members.select_related("user")]
        _tell(
            spec,
            members,
            template="emails/priorities/specifications/returned",
            key=f"returned:{entry.pk}",
            by=by,
            reason=reason.strip(),
        )
    return spec


def approve_specification(spec, *, by):
    """An officer approves a submitted specification whose sponsor's contact and finance officer
    have both confirmed its commitment.

    Side effects: an audit entry. Raises ApplicationError naming who is still to confirm, and
    BudgetExceeded as submit_specification does.
    """
    with transaction.atomic():
        # The budget, checked again with the round locked: it may have been spent since submission.
        round_ = budget.lock_round(spec.round_id)
        spec = _locked(spec)
        _transition(
            spec,
            by=by,
            allowed_from="approve",
            to=SpecificationState.APPROVED,
            action=_("approved"),
        )
        # The sponsor's sign-off: both must have confirmed.
        refusal = confirmation_refusal(spec)
        if refusal:
            raise ApplicationError(refusal)
        budget.check_budget(round_, spec)
        spec.approved_at = timezone.now()
        spec.approved_by = by
        spec.save()
        audit(
            "specification.approved",
            by=by,
            round_=spec.round,
            obj=spec,
            before={"state": SpecificationState.SUBMITTED},
            after=snapshot(spec, ["state"]),
        )
    return spec


def _request_pdf(spec):
    return request_document(
        subject=spec,
        kind=SPECIFICATION_PDF,
        title=_("Specification: %(title)s (version %(n)d)") % {"title": spec.title, "n": spec.version},
        version=spec.version,
    )


def _deadlines_ahead(spec):
    now = timezone.now()
    if spec.proposal_deadline is None or spec.proposal_deadline <= now:
        raise ApplicationError(_("Set a deadline for proposals in the future before publishing."))
    if spec.question_deadline is None or spec.question_deadline <= now:
        raise ApplicationError(_("Set a deadline for questions in the future before publishing."))


def publish_specification(spec, *, by):
    """Publish an approved specification to the mailing list.

    Side effects: the PDF is requested, an announcement recorded (its emails are recorded
    by a task after commit, one per confirmed subscriber), audit entries; once every
    priority's specification is published the round moves on to the call for proposals.
    """
    with transaction.atomic():
        round_ = _lock_round(spec.round_id)
        spec = _locked(spec)
        _transition(
            spec,
            by=by,
            allowed_from="publish",
            to=SpecificationState.PUBLISHED,
            action=_("published"),
        )
        _deadlines_ahead(spec)
        spec.published_at = timezone.now()
        spec.published_version = spec.version
        spec.save(update_fields=["state", "published_at", "published_version", "updated_at"])
        audit(
            "specification.published",
            by=by,
            round_=round_,
            obj=spec,
            before={"state": SpecificationState.APPROVED},
            after={"state": spec.state, "version": spec.version},
        )
        _request_pdf(spec)
        announce(spec, kind=AnnouncementKind.PUBLISHED, by=by)
        _open_call_when_ready(round_, by=by)
    return spec


def _open_call_when_ready(round_, *, by):
    if round_.stage == Stage.SPECIFICATION and not registry.blockers_for(round_, Stage.CALL):
        move_round_to_stage(round_, Stage.CALL, by=by, reason=_("Every priority's specification is published."))


def amend_specification(spec, *, by, fields, indicators=None, note):
    """An officer changes a published specification: a new version, a new PDF, and an announcement.

    Side effects: a SpecificationVersion row, an audit entry, the PDF requested, an
    announcement whose emails are recorded after commit. Raises BudgetExceeded and
    InvalidTransition unless published.
    """
    if not (note or "").strip():
        raise ApplicationError(_("Say what changed and why: subscribers are told."))
    with transaction.atomic():
        round_ = _lock_round(spec.round_id)
        spec = _locked(spec)
        if not spec.allows("amend"):
            raise InvalidTransition(_("Only a published specification can be amended."))
        before = version_data(spec)
        sponsor_before = sponsor_details(spec)
        _apply(spec, round_, fields=fields, indicators=indicators)
        if version_data(spec) == before:
            raise ApplicationError(_("Nothing was changed, so there is nothing to announce."))
        budget.check_budget(round_, spec)
        reset_signoffs(spec, sponsor_before, by=by)
        spec.state = SpecificationState.AMENDED
        spec.amendment_count += 1
        spec.save(update_fields=["state", "amendment_count", "updated_at"])
        version = _record_version(spec, by=by, note=note.strip())
        audit(
            "specification.amended",
            by=by,
            round_=round_,
            obj=spec,
            before=before,
            after=version.data,
            summary=note.strip(),
        )
        _request_pdf(spec)
        announce(spec, kind=AnnouncementKind.AMENDED, by=by, note=note.strip())
    return spec


def add_subgroup_member(priority, user, *, by):
    """Put a person with the round's sub-group role on this priority's sub-group.

    Side effects: an audit entry; an email to the person (after commit) with a link to the specification.
    """
    with transaction.atomic():
        if not RoundRole.objects.filter(round_id=priority.round_id, user=user, role=Role.SUBGROUP).exists():
            raise ApplicationError(
                _("%(person)s is not a sub-group member in this round. Invite them with that role first.")
                % {"person": user}
            )
        member, created = SubgroupMember.objects.get_or_create(priority=priority, user=user, defaults={"added_by": by})
        if not created:
            raise ApplicationError(_("%(person)s is already on this sub-group.") % {"person": user})
        audit(
            "subgroup.member_added",
            by=by,
            round_=priority.round,
            obj=member,
            after={"priority": priority.title, "user": user.email},
        )
        queue_email(
            dedup_key=f"subgroup:{member.pk}:added",
            to=user.email,
            template="emails/priorities/specifications/subgroup_added",
            context={
                "priority": priority,
                "round": priority.round,
                "person": user,
                "by": by,
                "link": absolute_url(reverse("specification_detail", args=[priority.round_id, priority.pk])),
            },
            round_=priority.round,
        )
    return member


def remove_subgroup_member(member, *, by):
    with transaction.atomic():
        audit(
            "subgroup.member_removed",
            by=by,
            round_=member.priority.round,
            obj=member,
            before={"priority": member.priority.title, "user": member.user.email},
        )
        member.delete()


def priorities_without_published_specification(round_):
    return Priority.objects.filter(round=round_).exclude(
        specification__state__in=[SpecificationState.PUBLISHED, SpecificationState.AMENDED]
    )
