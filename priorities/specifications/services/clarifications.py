"""Clarification questions on published specifications, and their answers to everyone following."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.outbox.services import queue_email
from commissioning.rounds.selectors import round_officers
from priorities.specifications.enums import AnnouncementKind
from priorities.specifications.models import Question, Specification, SpecificationFollower
from priorities.specifications.services.mailing import announce

MAX_QUESTION_LENGTH = 5000


def _deadline_text(spec):
    return date_format(timezone.localtime(spec.question_deadline), "j F Y \\a\\t H:i")


def ask_question(spec, *, by, text):
    """A bidder asks about a published specification before its question deadline.

    Side effects: the asker follows the specification, an audit entry, and an email to
    each officer (queued after commit). Raises ApplicationError after the deadline.
    """
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Enter your question."))
    if len(text) > MAX_QUESTION_LENGTH:
        raise ApplicationError(_("Keep your question to %(n)d characters or fewer.") % {"n": MAX_QUESTION_LENGTH})
    with transaction.atomic():
        spec = Specification.objects.select_related("round", "priority").get(pk=spec.pk)
        if not spec.is_public:
            raise InvalidTransition(_("Questions can only be asked about a published specification."))
        if not spec.questions_open:
            raise ApplicationError(
                _(
                    "The deadline for questions on this specification was %(deadline)s, so no more questions "
                    "can be asked. Published answers stay on the specification's page."
                )
                % {"deadline": _deadline_text(spec)}
            )
        question = Question.objects.create(round=spec.round, specification=spec, asked_by=by, text=text)
        SpecificationFollower.objects.get_or_create(specification=spec, user=by)
        audit(
            "question.asked",
            by=by,
            round_=spec.round,
            obj=question,
            after={"specification": spec.pk, "text": text},
            summary=_("Question asked about “%(title)s”") % {"title": spec.title},
        )
        for role in round_officers(spec.round):
            queue_email(
                dedup_key=f"question:{question.pk}:officer:{role.user_id}",
                to=role.user.email,
                template="emails/priorities/specifications/question_received",
                context={
                    "question": question,
                    "specification": spec,
                    "round": spec.round,
                    "answer_url": absolute_url(reverse("question_answer", args=[spec.round_id, question.pk])),
                },
                round_=spec.round,
            )
    return question


def _clean_question_text(text):
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Enter the question as it will be published."))
    if len(text) > MAX_QUESTION_LENGTH:
        raise ApplicationError(_("Keep the question to %(n)d characters or fewer.") % {"n": MAX_QUESTION_LENGTH})
    return text


def change_refusal(question):
    """Why the question can no longer be edited or answered, or None: the services' own check, which
    the answer page reads before it accepts a change."""
    if question.is_answered:
        return _("This question has already been answered and the answer sent.")
    return None


def _locked_unanswered(question):
    question = Question.objects.select_for_update().select_related("specification__round").get(pk=question.pk)
    refusal = change_refusal(question)
    if refusal:
        raise InvalidTransition(refusal)
    return question


def _edit_locked(question, *, by, text):
    if text == question.text:
        return question
    before = question.text
    question.text = text
    question.save(update_fields=["text"])
    audit(
        "question.edited",
        by=by,
        round_=question.round,
        obj=question,
        before={"text": before},
        after={"text": text},
        summary=_("Question edited before its answer was published; the text as asked is kept here"),
    )
    return question


def edit_question(question, *, by, text):
    """An officer changes a question's wording before its answer is published, for example to take
    out a name or a phone number. The answer and its emails carry the edited text.

    Side effects: an audit entry keeping the text as asked. Raises InvalidTransition once answered.
    """
    text = _clean_question_text(text)
    with transaction.atomic():
        return _edit_locked(_locked_unanswered(question), by=by, text=text)


def answer_question(question, *, by, answer, text=None):
    """An officer answers a question; the answer goes to everyone following, without the asker's name.

    With ``text``, the question is first edited to that wording (see ``edit_question``).
    Side effects: audit entries and an announcement whose emails are recorded after commit.
    """
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError(_("Enter the answer."))
    if text is not None:
        text = _clean_question_text(text)
    with transaction.atomic():
        question = _locked_unanswered(question)
        if text is not None:
            _edit_locked(question, by=by, text=text)
        question.answer = answer
        question.answered_by = by
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        audit("question.answered", by=by, round_=question.round, obj=question, after={"answer": answer})
        announce(question.specification, kind=AnnouncementKind.ANSWER, by=by, question=question)
    return question


def follow(spec, *, user):
    SpecificationFollower.objects.get_or_create(specification=spec, user=user)


def unfollow(spec, *, user):
    SpecificationFollower.objects.filter(specification=spec, user=user).delete()
