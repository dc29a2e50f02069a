"""Who may read and write specifications, run the mailing list and answer questions.

Drafts are read by the people preparing the round (officers, board, every sub-group,
sponsors); only the priority's own sub-group and officers write them. Bidders, panels
and the public see a specification once it is published. Anyone signed in with a
confirmed email address may ask about a published specification, unless the round takes
questions from its registered bidders only.
"""

import rules
from allauth.account.models import EmailAddress

from commissioning.enums import Role
from commissioning.rounds.models import round_of
from commissioning.rounds.rules import has_role, is_bidder, manages_round
from priorities.specifications.enums import CURRENT_SIGNOFF_STATES
from priorities.specifications.models import Specification, SponsorSignoff, SubgroupMember
from priorities.workshop.models import Priority

sees_drafts = manages_round | has_role(Role.BOARD, Role.SUBGROUP, Role.SPONSOR)


def _priority_of(obj):
    if isinstance(obj, Specification):
        return obj.priority_id
    if isinstance(obj, Priority):
        return obj.pk
    return None


@rules.predicate
def is_priority_subgroup_member(user, obj=None):
    """On the sub-group of this very priority (and still holding the round's sub-group role)."""
    priority_id = _priority_of(obj)
    if priority_id is None or not getattr(user, "is_authenticated", False):
        return False
    if "_subgroup_priorities" not in user.__dict__:
        user.__dict__["_subgroup_priorities"] = frozenset(
            SubgroupMember.objects.filter(user=user).values_list("priority_id", flat=True)
        )
    return priority_id in user.__dict__["_subgroup_priorities"]


@rules.predicate
def is_published(user, obj=None):
    return isinstance(obj, Specification) and obj.is_public


writes_specification = manages_round | (has_role(Role.SUBGROUP) & is_priority_subgroup_member)


@rules.predicate
def speaks_for_sponsor(user, obj=None):
    """One of the sponsor organisation's people, or a person asked to confirm its commitment."""
    if not isinstance(obj, Specification) or not getattr(user, "is_authenticated", False):
        return False
    if "_organisation_ids" not in user.__dict__:
        user.__dict__["_organisation_ids"] = frozenset(user.organisations.values_list("pk", flat=True))
    if obj.sponsor_organisation_id and obj.sponsor_organisation_id in user.__dict__["_organisation_ids"]:
        return True
    return SponsorSignoff.objects.filter(
        specification=obj, email__iexact=user.email, state__in=CURRENT_SIGNOFF_STATES
    ).exists()


rules.add_perm("priorities.view_specification", is_published | sees_drafts | speaks_for_sponsor)

rules.add_perm("priorities.view_specification_drafts", sees_drafts)

rules.add_perm("priorities.change_specification", writes_specification)

rules.add_perm("priorities.submit_specification", writes_specification)

rules.add_perm("priorities.approve_specification", manages_round)

rules.add_perm("priorities.publish_specification", manages_round)

rules.add_perm("priorities.amend_specification", manages_round)

rules.add_perm("priorities.manage_subgroups", manages_round)

rules.add_perm("priorities.view_send_log", manages_round)

rules.add_perm("priorities.manage_mailing_list", manages_round)


@rules.predicate
def has_confirmed_email(user):
    """The address the person signs in with (and is emailed answers at) is confirmed."""
    if not getattr(user, "is_authenticated", False):
        return False
    if "_email_confirmed" not in user.__dict__:
        user.__dict__["_email_confirmed"] = EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists()
    return user.__dict__["_email_confirmed"]


@rules.predicate
def questions_only_from_bidders(user, obj=None):
    round_ = round_of(obj)
    return bool(round_ is not None and round_.questions_from_bidders_only)


@rules.predicate
def takes_questions(user, obj=None):
    """Published and before its deadline for questions: the state ``ask_question`` requires."""
    return isinstance(obj, Specification) and obj.questions_open


# Anyone signed in with a confirmed address, unless the round takes questions from its bidders only.
# Officers answer questions rather than ask them.
asks_questions = takes_questions & ~manages_round & has_confirmed_email & (is_bidder | ~questions_only_from_bidders)

rules.add_perm("priorities.ask_question", asks_questions)


class AskRefusal:
    """Why a person may not ask about a published specification, for the page to explain."""

    SIGN_IN = "sign_in"
    CONFIRM_EMAIL = "confirm_email"
    BIDDERS_ONLY = "bidders_only"
    OFFICER = "officer"
    CLOSED = "closed"


def ask_refusal(user, spec):
    """None when ``user`` may ask about the published ``spec``; otherwise an AskRefusal.

    Superusers pass every permission check, so the state is checked here on its own: nobody is
    offered a form that ``ask_question`` would refuse."""
    if not takes_questions(user, spec):
        return AskRefusal.CLOSED
    if not getattr(user, "is_authenticated", False):
        return AskRefusal.SIGN_IN
    if manages_round(user, spec):
        return AskRefusal.OFFICER
    if not has_confirmed_email(user):
        return AskRefusal.CONFIRM_EMAIL
    if questions_only_from_bidders(user, spec) and not is_bidder(user, spec):
        return AskRefusal.BIDDERS_ONLY
    return None


rules.add_perm("priorities.answer_question", manages_round)


@rules.predicate
def is_person_asked(user, signoff=None):
    """The sign-off asks this very person: their confirmed sign-in address is the one asked."""
    return (
        isinstance(signoff, SponsorSignoff)
        and bool(signoff.email)
        and getattr(user, "is_authenticated", False)
        and user.email.lower() == signoff.email.lower()
    )


rules.add_perm("priorities.answer_signoff", is_person_asked & has_confirmed_email)

rules.add_perm("priorities.ask_sponsor", manages_round)
