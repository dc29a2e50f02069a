"""Specifications' audit entries read as sentences, money in pounds."""

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe_entries
from priorities.specifications.services import clarifications
from priorities.specifications.services import specifications as services
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import complete_fields, published, subgroup_member, written

pytestmark = pytest.mark.django_db


def _read(round_, action):
    entries = AuditEntry.objects.filter(round=round_, action=action).select_related("actor")
    return describe_entries(entries)[0]


def test_saving_a_draft_names_the_fields_changed_with_money_in_pounds(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    writer = subgroup_member(priority, full_name="Owen Davies")
    written(priority, writer, annual_pence=750_000_00)

    services.save_specification(
        priority, by=writer, fields=complete_fields(priority, annual_pence=600_000_00, milestones="By month 2.")
    )

    saved = _read(round_, "specification.saved")
    assert saved.sentence.startswith(
        "Owen Davies saved the specification for “Worklessness” (version 2 saved), changing"
    )
    allocation = saved.sentence.split("the maximum allocation from ")[1]
    assert allocation.index("£750,000") < allocation.index(" to ") < allocation.index("£600,000")
    assert "key milestones and outputs from “Steering group meets by month 3.” to “By month 2.”" in saved.sentence
    assert "75000000" not in saved.sentence and "pence" not in saved.sentence


def test_returning_and_amending_show_the_reason_and_the_note(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    spec = written(priority, officer)
    services.submit_specification(spec, by=officer)
    services.return_to_draft(spec, by=officer, reason="Name the finance officer.")

    returned = _read(round_, "specification.returned")

    assert returned.sentence == "Olive Officer returned the specification for “Worklessness” to its sub-group"
    assert (returned.note_label, returned.note) == ("Reason", "Name the finance officer.")


def test_an_edited_question_keeps_the_text_as_asked(round_, officer, django_capture_on_commit_callbacks):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    asker = subgroup_member(priority, full_name="Chris Taylor")
    with django_capture_on_commit_callbacks(execute=True):
        question = clarifications.ask_question(spec, by=asker, text="Chris here, 07700 900461. Can volunteers count?")
        clarifications.answer_question(question, by=officer, answer="Yes.", text="Can volunteers count?")

    edited = _read(round_, "question.edited")
    asked = _read(round_, "question.asked")

    assert edited.sentence == (
        "Olive Officer edited a question before its answer was published: the question from "
        "“Chris here, 07700 900461. Can volunteers count?” to “Can volunteers count?”"
    )
    assert asked.sentence == "Chris Taylor asked a question about the specification for “Worklessness”"
    assert asked.details == ["Question: Chris here, 07700 900461. Can volunteers count?"]


def test_adding_to_a_subgroup_names_the_person(round_, officer):
    priority = PriorityFactory(round=round_, issue__round=round_, title="Worklessness")
    person = subgroup_member(priority, full_name="Owen Davies")
    priority.subgroup_members.all().delete()

    services.add_subgroup_member(priority, person, by=officer)

    assert _read(round_, "subgroup.member_added").sentence == (
        "Olive Officer added Owen Davies to the sub-group for “Worklessness”"
    )
