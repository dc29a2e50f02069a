"""The letter made when a decision is approved: its PDF's text, its messages, exactly once, its
versions and its audit entries."""

import shutil

import pytest
from django.core import mail
from django.db import transaction

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe_entries
from commissioning.documents.models import DocumentStatus
from commissioning.enums import EmailStatus
from commissioning.funding.models import FundingKind
from commissioning.outbox.models import OutgoingEmail
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.letters import selectors, services
from panels.letters.tasks import task_make_letter, task_make_unfinished_letters
from tests.factories.commissioning import OrganisationFactory
from tests.factories.decisions import DecisionFactory, DecisionFundingFactory, FundingSourceFactory
from tests.panels.letters.helpers import DUE, approve, award, decline, two_proposals
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return two_proposals()


def _letter(decision):
    (document,) = selectors.letters_of(decision)
    return document


def _approved(decision, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve(decision, by=officer)
    return _letter(decision)


@needs_pdftotext
def test_award_letter_holds_the_money_per_year_beside_the_amount_asked_and_the_conditions(
    world, django_capture_on_commit_callbacks
):
    _panel, (alpha, _lead, _partner), (beta, _b, _bp), officer = world
    decision = award(
        alpha,
        amounts_pounds=[100_000, 120_000, 95_500],
        conditions=[("A signed partnership agreement with every partner", DUE)],
    )
    award(beta, amounts_pounds=[90_000] * 3)

    document = _approved(decision, officer, django_capture_on_commit_callbacks)

    assert document.status == DocumentStatus.READY
    assert document.version == 1
    text = " ".join(pdf_text(document).split())
    assert "Award letter" in text
    assert "Alpha routes into work" in text
    assert "Dear Alpha Contact," in text
    assert "£315,500 over three years" in text
    assert "Year 1 (2027 to 2028) £100,000 £120,000 negotiated lower" in text
    assert "Year 2 (2028 to 2029) £120,000 £120,000" in text
    assert "Year 2 (2028 to 2029) £120,000 £120,000 negotiated" not in text
    assert "Year 3 (2029 to 2030) £95,500 £120,000 negotiated lower" in text
    assert "Total £315,500 £360,000" in text
    assert "A signed partnership agreement with every partner 31 March 2027" in text
    assert "What happens next" in text and "contract" in text
    assert "Beta" not in text
    assert "£90,000" not in text


@needs_pdftotext
def test_award_letter_says_which_source_pays_what_each_year(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    round_ = alpha.round
    council = FundingSourceFactory(
        round=round_, organisation=OrganisationFactory(name="Coventry Pooled Fund"), kind=FundingKind.POOLED
    )
    trust = FundingSourceFactory(
        round=round_,
        organisation=OrganisationFactory(name="Coventry Primary Care Trust"),
        kind=FundingKind.ALIGNED,
        amounts_pence=[50_000_00] * 3,
    )
    decision = award(alpha, amounts_pounds=[100_000, 100_000, 100_000])
    for year in (1, 2, 3):
        DecisionFundingFactory(decision=decision, source=council, year=year, amount_pence=(100_000 - 20_000) * 100)
        DecisionFundingFactory(decision=decision, source=trust, year=year, amount_pence=20_000_00)

    text = " ".join(pdf_text(_approved(decision, officer, django_capture_on_commit_callbacks)).split())

    assert "Who pays for it" in text
    table = text[text.index("Who pays for it") :]
    assert table.index("Coventry Pooled Fund") < table.index("Coventry Primary Care Trust") < table.index("Year 1")
    assert "Year 1 (2027 to 2028) £80,000 £20,000" in table
    assert "Year 3 (2029 to 2030) £80,000 £20,000" in table
    assert "Total £240,000 £60,000" in table
    assert "an aligned source is an agency's own money" in text


@needs_pdftotext
def test_an_award_paid_by_no_named_source_has_no_who_pays_table(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = award(alpha, amounts_pounds=[100_000, 100_000, 100_000])

    text = " ".join(pdf_text(_approved(decision, officer, django_capture_on_commit_callbacks)).split())

    assert "Award letter" in text and "Who pays for it" not in text


@needs_pdftotext
def test_decline_letter_holds_the_feedback_and_the_moderated_scores_with_their_rationale(
    world, django_capture_on_commit_callbacks
):
    _panel, (alpha, _lead, _partner), (beta, _b, _bp), officer = world
    decision = decline(alpha, feedback="The evaluation plan named no baseline for the plan's indicators.")
    decline(beta, feedback="Beta's feedback, never in Alpha's letter.")

    document = _approved(decision, officer, django_capture_on_commit_callbacks)

    text = " ".join(pdf_text(document).split())
    assert "decided not to fund it" in text
    assert "The evaluation plan named no baseline for the plan's indicators." in text
    scores = text.split("How the panel scored your proposal", 1)[1]
    assert (
        "Measurement against the 60% 1 out of 4 Alpha's evidence on measurement outcome against the outcome" in scores
    )
    assert "Rigorous evaluation 40% 2 out of 4 Alpha's evidence on rigorous evaluation" in scores
    assert "Beta" not in text
    assert "Amount funded" not in text


def test_letter_is_emailed_to_the_lead_and_confirmed_partners_with_the_pdf(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = award(alpha, amounts_pounds=[100_000] * 3)

    document = _approved(decision, officer, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "contact@alpha.example.org",
        "partner@alpha.example.org",
    ]
    for message in mail.outbox:
        assert message.subject == "Award letter: Alpha routes into work"
        ((filename, content, mimetype),) = message.attachments
        assert mimetype == "application/pdf"
        assert content[:5] == b"%PDF-"
        assert filename == f"panels.letter-{decision.pk}.pdf"
        assert f"/proposals/{alpha.pk}/letter/" in message.body
    (to_lead,) = [message for message in mail.outbox if message.to == ["contact@alpha.example.org"]]
    assert "Dear Alpha Contact," in to_lead.body
    assert set(selectors.letter_emails(document).values_list("status", flat=True)) == {EmailStatus.SENT}


def test_running_the_letter_again_sends_nothing_more(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = decline(alpha, feedback="Not this time.")
    document = _approved(decision, officer, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2

    # A retry of the task, a second delivery by the broker, the sweep, the approval announced again.
    task_make_letter.apply(kwargs={"document_id": document.pk})
    task_make_letter.apply(kwargs={"document_id": document.pk})
    task_make_unfinished_letters.apply()
    services.make_letter(decision)
    with django_capture_on_commit_callbacks(execute=True):
        approve(decision, by=officer)

    assert len(mail.outbox) == 2
    assert OutgoingEmail.objects.filter(attachment=document).count() == 2
    assert len(selectors.letters_of(decision)) == 1
    assert AuditEntry.objects.filter(action="letters.prepared").count() == 1
    assert AuditEntry.objects.filter(action="letters.emailed").count() == 1


def test_letter_recorded_while_the_broker_is_down_is_sent_once_by_the_sweep(world, settings):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = award(alpha, amounts_pounds=[100_000] * 3)
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # the letter's task is never queued: as if the broker were down

    with transaction.atomic():
        approve(decision, by=officer)
    document = _letter(decision)
    assert document.status == DocumentStatus.PENDING
    assert OutgoingEmail.objects.filter(attachment=document, status=EmailStatus.PENDING).count() == 2
    assert mail.outbox == []

    assert task_make_unfinished_letters.apply().get() == 1
    assert task_make_unfinished_letters.apply().get() == 0

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert len(mail.outbox) == 2
    assert AuditEntry.objects.filter(action="letters.emailed").count() == 1


def test_a_changed_decision_makes_a_new_letter_version_and_the_old_one_stays(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = award(alpha, amounts_pounds=[100_000] * 3)
    first = _approved(decision, officer, django_capture_on_commit_callbacks)

    decision.kind, decision.amounts_pence, decision.version = DecisionKind.FUND, [80_000_00] * 3, 2
    decision.status = DecisionStatus.APPROVED
    decision.save()
    with django_capture_on_commit_callbacks(execute=True):
        approve(decision, by=officer)

    newest, older = selectors.letters_of(decision)
    assert (newest.version, older.pk) == (2, first.pk)
    assert newest.status == older.status == DocumentStatus.READY
    assert newest.file.name != older.file.name
    assert len(mail.outbox) == 4
    assert {message.subject for message in mail.outbox[2:]} == {"Award letter: Alpha routes into work (version 2)"}
    if shutil.which("pdftotext"):
        assert "£80,000" in pdf_text(newest)
        assert "£100,000" in pdf_text(older)


def test_audit_entries_read_as_sentences(world, django_capture_on_commit_callbacks):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    document = _approved(award(alpha, amounts_pounds=[100_000] * 3), officer, django_capture_on_commit_callbacks)

    entries = list(AuditEntry.objects.filter(action__startswith="letters.").order_by("pk"))
    sentences = [described.sentence for described in describe_entries(entries)]

    assert [entry.round_id for entry in entries] == [alpha.round_id] * 2
    assert sentences[0] == f"The letter “{document.title}” was prepared (version 1)"
    assert sentences[1] == (
        f"The letter “{document.title}” was emailed to contact@alpha.example.org, partner@alpha.example.org"
    )


def test_no_letter_is_made_from_a_decision_awaiting_approval(world):
    _panel, (alpha, _lead, _partner), _beta, _officer = world
    decision = DecisionFactory(proposal=alpha)

    with pytest.raises(services.NotApproved):
        services.make_letter(decision)

    assert selectors.letters_of(decision) == []
    assert mail.outbox == []


def test_a_letter_overtaken_by_a_change_before_it_was_made_is_never_sent(world, settings):
    _panel, (alpha, _lead, _partner), _beta, officer = world
    decision = award(alpha, amounts_pounds=[100_000] * 3)
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # the letter waits for a worker...
    with transaction.atomic():
        approve(decision, by=officer)
    decision.version, decision.status = 2, DecisionStatus.AWAITING_APPROVAL  # ...and the decision changes meanwhile
    decision.save()

    task_make_unfinished_letters.apply()

    (document,) = selectors.letters_of(decision)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "version 1" in document.error
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action__startswith="letters.").exists()
    assert task_make_unfinished_letters.apply().get() == 0


def test_the_demo_seeder_makes_and_sends_a_letter_synchronously(world, settings):
    _panel, (alpha, _lead, _partner), _beta, _officer = world
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # no worker and no eager task: the call alone does it
    decision = decline(alpha, feedback="Not this time.")

    document = services.make_letter(decision)

    assert document.status == DocumentStatus.READY
    assert services.letter_is_sent(document)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "contact@alpha.example.org",
        "partner@alpha.example.org",
    ]
    assert mail.outbox[0].subject == "The partnership's decision on your proposal: Alpha routes into work"
    assert list(AuditEntry.objects.filter(action__startswith="letters.").values_list("action", flat=True)) == [
        "letters.emailed",
        "letters.prepared",
    ]
