"""Reads for specifications and questions, limited to what a person may see."""

import rules
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone

from commissioning.documents.models import Document, DocumentStatus
from commissioning.enums import Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import Round
from priorities.specifications.enums import CURRENT_SIGNOFF_STATES, PUBLIC_STATES, SignoffState, SubscriberStatus
from priorities.specifications.models import (
    Announcement,
    Question,
    Specification,
    SpecificationFollower,
    SpecificationVersion,
    SponsorSignoff,
    SubgroupMember,
    Subscriber,
)
from priorities.workshop.models import CrossCuttingTheme, Priority


def _sees_drafts(user, round_):
    return user.has_perm("priorities.view_specification_drafts", round_)


def priorities_with_specifications(user, round_):
    """The round's priorities with their specification and sub-group loaded; only those
    with a published specification for people who may not read drafts."""
    priorities = (
        Priority.objects.filter(round=round_)
        .select_related("specification__round", "outcome")
        .prefetch_related(
            Prefetch(
                "subgroup_members", queryset=SubgroupMember.objects.select_related("user").order_by("user__full_name")
            )
        )
        .order_by("rank")
    )
    if not _sees_drafts(user, round_):
        priorities = priorities.filter(specification__state__in=PUBLIC_STATES)
    return priorities


def published_specifications(round_):
    return (
        Specification.objects.filter(round=round_, state__in=PUBLIC_STATES)
        .select_related("priority", "round", "strategic_outcome", "sponsor_organisation")
        .order_by("priority__rank")
    )


def has_published(round_):
    """Whether anything of the round is public yet: until then its public pages answer 404."""
    return Specification.objects.filter(round=round_, state__in=PUBLIC_STATES).exists()


def public_round(public_key):
    """The round whose public pages ``public_key`` addresses, once something of it is published; else None."""
    return (
        Round.objects.select_related("partnership")
        .filter(public_key=public_key, specifications__state__in=PUBLIC_STATES)
        .distinct()
        .first()
    )


CALL_STAGES = (Stage.SPECIFICATION, Stage.CALL)


def open_call_specifications(now=None):
    """Published specifications still taking proposals, in rounds whose call has not closed,
    round by round; for the public home page, in one query however many there are."""
    now = now or timezone.now()
    return (
        Specification.objects.filter(state__in=PUBLIC_STATES, round__stage__in=CALL_STAGES)
        .filter(Q(proposal_deadline__isnull=True) | Q(proposal_deadline__gt=now))
        .select_related("round__partnership", "priority")
        .order_by("round__start_date", "round__name", "round_id", "priority__rank")
    )


def specification_detail(round_, priority_pk):
    return (
        Specification.objects.select_related("round", "priority", "strategic_outcome", "sponsor_organisation")
        .prefetch_related("indicators")
        .filter(round=round_, priority_id=priority_pk)
        .first()
    )


def ready_documents(specifications):
    """{specification id: its newest ready PDF}, in one query for any number of specifications."""
    specifications = list(specifications)
    if not specifications:
        return {}
    documents = Document.objects.filter(
        kind="specification",
        content_type=ContentType.objects.get_for_model(Specification),
        object_id__in=[spec.pk for spec in specifications],
        status=DocumentStatus.READY,
    ).order_by("object_id", "-version")
    newest = {}
    for document in documents:
        newest.setdefault(document.object_id, document)
    return newest


def versions_visible_to(user, spec):
    """Every version for people who read drafts; for everyone else, those since publication."""
    versions = SpecificationVersion.objects.filter(specification=spec).select_related("saved_by")
    if not _sees_drafts(user, spec.round):
        if not spec.published_version:
            return versions.none()
        versions = versions.filter(number__gte=spec.published_version)
    return versions.order_by("-number")


def questions_visible_to(user, spec):
    """Answered questions for everyone; officers also see those waiting, and a bidder their own."""
    questions = Question.objects.filter(specification=spec).order_by("asked_at", "pk")
    if user.has_perm("priorities.answer_question", spec.round):
        return questions.select_related("asked_by")
    mine = Q(asked_by=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return questions.filter(Q(answered_at__isnull=False) | mine)


def questions_for_officers(round_):
    return (
        Question.objects.filter(round=round_)
        .select_related("specification__priority", "asked_by")
        .order_by("answered_at", "-asked_at")
    )


def send_log(spec):
    """The emails recorded for a specification's publication, amendments and answers."""
    return OutgoingEmail.objects.filter(dedup_key__startswith=f"spec:{spec.pk}:").order_by("-created_at", "-id")


def cross_cutting_themes(round_):
    """The themes every specification of the round carries, by title."""
    return CrossCuttingTheme.objects.filter(round=round_).order_by("title")


def follows(user, spec):
    """Whether the person is emailed the answers about this specification."""
    if not getattr(user, "is_authenticated", False):
        return False
    return SpecificationFollower.objects.filter(specification=spec, user=user).exists()


def subscribers(round_, *, status=None):
    queryset = Subscriber.objects.filter(partnership=round_.partnership_id).order_by("name", "email")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def confirmed_subscriber_count(round_):
    return Subscriber.objects.filter(partnership=round_.partnership_id, status=SubscriberStatus.CONFIRMED).count()


def announcements(round_):
    return (
        Announcement.objects.filter(round=round_)
        .select_related("specification__priority", "created_by")
        .order_by("-created_at", "-id")
    )


def current_signoffs(spec):
    """{role: the standing sign-off} for ``spec``; a role nobody has been asked for is missing."""
    rows = SponsorSignoff.objects.filter(specification=spec, state__in=CURRENT_SIGNOFF_STATES).select_related(
        "organisation", "answered_by"
    )
    return {row.role: row for row in rows}


def signoff_for(user, round_, pk):
    """The sign-off ``pk`` of ``round_`` if ``user`` is the person it asks (by their confirmed
    address), else None: nobody else may open it."""
    if not getattr(user, "is_authenticated", False):
        return None
    signoff = (
        SponsorSignoff.objects.select_related(
            "specification__round__partnership", "specification__priority", "organisation", "answered_by"
        )
        .filter(pk=pk, specification__round=round_)
        .first()
    )
    # The rule itself (rules.has_perm), not user.has_perm(): Django lets a superuser pass every
    # permission, and a superuser is not the sponsor's contact or finance officer.
    if signoff is None or not rules.has_perm("priorities.answer_signoff", user, signoff):
        return None
    return signoff


def sponsor_home(user):
    """For a person of a sponsor organisation (or one asked to sign off): the specifications their
    organisations sponsor or they are asked about, with their standing sign-offs, and the sign-offs
    waiting for them. Two queries (and one for the prefetch) however many there are."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    organisation_ids = list(user.organisations.values_list("pk", flat=True))
    email = user.email.lower()
    specifications = list(
        Specification.objects.filter(
            Q(sponsor_organisation__in=organisation_ids)
            | Q(signoffs__email__iexact=email, signoffs__state__in=CURRENT_SIGNOFF_STATES)
        )
        .distinct()
        .select_related("round", "priority", "sponsor_organisation")
        .prefetch_related(
            Prefetch(
                "signoffs",
                queryset=SponsorSignoff.objects.filter(state__in=CURRENT_SIGNOFF_STATES).select_related(
                    "organisation", "answered_by"
                ),
                to_attr="current_signoffs",
            )
        )
        .order_by("round__name", "priority__rank")
    )
    waiting = [
        signoff
        for spec in specifications
        for signoff in spec.current_signoffs
        if signoff.state == SignoffState.PENDING and signoff.email.lower() == email
    ]
    return specifications, waiting
