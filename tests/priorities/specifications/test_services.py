import pytest
from django.core import mail

from commissioning.audit.models import AuditEntry
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.enums import Role, Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.registry import blockers_for
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Announcement, SpecificationVersion
from priorities.specifications.services import specifications as services
from priorities.specifications.services.mailing import fan_out_announcement
from tests.factories.commissioning import person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import confirm_all, published, subgroup_member, written

pytestmark = pytest.mark.django_db


def announcements():
    """The emails sent to the mailing list (not the officers' notes, nor the sponsor's sign-off requests)."""
    notes = ("Ready for approval", "Please confirm", "The sponsor has confirmed")
    return [message for message in mail.outbox if not message.subject.startswith(notes)]


def test_save_specification_creates_draft_with_version(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)

    spec = written(priority, officer)

    assert spec.state == SpecificationState.DRAFT
    assert spec.version == 1
    version = SpecificationVersion.objects.get(specification=spec)
    assert version.data["outcome_sought"].startswith("Fewer young people")
    assert version.data["allocations_pence"][-1] == "In all: £3,000,000 over three years"
    assert AuditEntry.objects.filter(action="specification.created", object_id=str(spec.pk)).exists()


def test_save_specification_each_change_is_a_new_version(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)

    services.save_specification(priority, by=officer, fields={"milestones": "Report every quarter."})
    services.save_specification(priority, by=officer, fields={"milestones": "Report every quarter."})

    numbers = list(spec.versions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2]
    assert spec.versions.get(number=2).data["milestones"] == "Report every quarter."


def test_submit_refuses_an_incomplete_draft_listing_what_is_missing(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = services.save_specification(priority, by=officer, fields={"outcome_sought": "More adults in work."})

    with pytest.raises(ApplicationError) as raised:
        services.submit_specification(spec, by=officer)

    assert "Choose the public-sector sponsor." in raised.value.details
    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT


def test_approve_requires_submission_and_both_confirmations(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)

    with pytest.raises(InvalidTransition):
        services.approve_specification(spec, by=officer)
    services.submit_specification(spec, by=officer)
    confirm_all(spec)
    services.approve_specification(spec, by=officer)

    spec.refresh_from_db()
    assert spec.state == SpecificationState.APPROVED
    assert spec.approved_by == officer


def test_only_a_draft_can_be_saved(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)
    services.submit_specification(spec, by=officer)

    with pytest.raises(InvalidTransition):
        services.save_specification(priority, by=officer, fields={"milestones": "x"})


def test_return_to_draft_needs_a_reason(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)
    services.submit_specification(spec, by=officer)

    with pytest.raises(ApplicationError):
        services.return_to_draft(spec, by=officer, reason=" ")
    services.return_to_draft(spec, by=officer, reason="Name the indicators.")

    spec.refresh_from_db()
    assert spec.state == SpecificationState.DRAFT


def test_publish_refuses_unapproved(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_)
    spec = written(priority, officer)

    with pytest.raises(InvalidTransition):
        services.publish_specification(spec, by=officer)


def test_publish_emails_each_confirmed_subscriber_once_with_pdf(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    confirmed = [SubscriberFactory(round=round_) for _ in range(3)]
    SubscriberFactory(round=round_, status="unsubscribed")
    SubscriberFactory(round=round_, status="pending")

    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)

    sent = announcements()
    assert sorted(message.to[0] for message in sent) == sorted(s.email for s in confirmed)
    message = sent[0]
    assert message.subject == f"Published: {priority.title} – {round_.name}"
    assert message.attachments and message.attachments[0][2] == "application/pdf"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/mailing-list/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert "/mailing-list/unsubscribe/" in message.body
    assert message.alternatives and "Download the specification" in message.alternatives[0][0]
    assert Announcement.objects.get(specification=spec).recipient_count == 3


def test_fan_out_twice_sends_nothing_new(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory(round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    announcement = Announcement.objects.get(specification=spec)
    announcement.fanned_out_at = None
    announcement.save()

    with django_capture_on_commit_callbacks(execute=True):
        fan_out_announcement(announcement.pk)

    assert len(announcements()) == 1
    assert OutgoingEmail.objects.filter(dedup_key__startswith=f"spec:{spec.pk}:").count() == 1


def test_publishing_the_last_specification_opens_the_call(round_, officer, django_capture_on_commit_callbacks):
    round_.stage = Stage.SPECIFICATION
    round_.save()
    first = PriorityFactory(round=round_, issue__round=round_)
    second = PriorityFactory(round=round_, issue__round=round_)

    with django_capture_on_commit_callbacks(execute=True):
        published(first, officer, annual_pence=1_000_000_00)
    round_.refresh_from_db()
    assert round_.stage == Stage.SPECIFICATION
    with django_capture_on_commit_callbacks(execute=True):
        published(second, officer, annual_pence=1_000_000_00)

    round_.refresh_from_db()
    assert round_.stage == Stage.CALL


def test_amend_records_version_and_announces(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_)
    SubscriberFactory(round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)

    with pytest.raises(ApplicationError):
        services.amend_specification(spec, by=officer, fields={"milestones": "New"}, note="")
    with django_capture_on_commit_callbacks(execute=True):
        spec = services.amend_specification(
            spec, by=officer, fields={"milestones": "Mid-point review."}, note="Added a review."
        )

    assert spec.state == SpecificationState.AMENDED
    assert spec.amendment_count == 1
    assert [m.subject.split(":")[0] for m in announcements()] == ["Published", "Amended"]
    assert "Added a review." in announcements()[1].body


def test_stage_guard_lists_unpublished_priorities(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    written(priority, officer)

    reasons = blockers_for(round_, Stage.CALL)

    assert any("Jobs and skills" in reason for reason in reasons)


def test_submitting_emails_each_officer_and_returning_emails_the_subgroup_with_the_reason(
    round_, officer, django_capture_on_commit_callbacks
):
    second_officer = person_with_role(round_, Role.OFFICER)
    priority = PriorityFactory(round=round_, issue__round=round_)
    writer = subgroup_member(priority)
    spec = written(priority, writer)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_specification(spec, by=writer)
    to_officers = OutgoingEmail.objects.filter(subject__startswith="Ready for approval")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_draft(spec, by=officer, reason="Name the indicators.")
    to_subgroup = OutgoingEmail.objects.filter(subject__startswith="Sent back to the sub-group")

    assert sorted(to_officers.values_list("to_email", flat=True)) == sorted([officer.email, second_officer.email])
    assert f"/priorities/{priority.pk}/specification/" in to_officers.first().body_text
    assert list(to_subgroup.values_list("to_email", flat=True)) == [writer.email]
    assert "Name the indicators." in to_subgroup.get().body_text
    everyone = sorted([officer.email, second_officer.email, writer.email])
    sponsor = ["helen.carr@example.gov.uk", "mark.patel@example.gov.uk"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(everyone + sponsor)

    services.submit_specification(spec, by=writer)
    assert to_officers.count() == 4  # a second submission is news again
