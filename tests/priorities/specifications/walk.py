"""The specifications, clarifications and mailing list for the walking tests (tests/walking/registry.py).

The own round's sub-group member sits on the sub-group of the priority walked; its specification
is published, so the public reads it.
"""

from priorities.specifications.models import Question, SubgroupMember
from tests.factories.priorities import SubscriberFactory
from tests.priorities.specifications.helpers import published
from tests.walking.registry import EVERYONE, IN_ROUND, OFFICERS, SIGNED_IN, thing, url


@thing("member")
def _member(world, side):
    priority = world.get(side, "priority")
    user = world.person("subgroup") if side == "own" else world.person("elsewhere")
    return SubgroupMember.objects.create(priority=priority, user=user)


@thing("specification")
def _specification(world, side):
    world.get(side, "member")
    officer = world.person("officer" if side == "own" else "elsewhere")
    return published(world.get(side, "priority"), by=officer)


@thing("question")
def _question(world, side):
    spec = world.get(side, "specification")
    return Question.objects.create(round=spec.round, specification=spec, text="When is the deadline?")


@thing("signoff")
def _signoff(world, side):
    """The sponsor's answer for the published specification, asked of the own round's sponsor."""
    signoff = world.get(side, "specification").signoffs.order_by("pk").first()
    if side == "own":
        signoff.email = world.person("sponsor").email
        signoff.save(update_fields=["email"])
    return signoff


@thing("subscriber")
def _subscriber(world, side):
    return SubscriberFactory(round=world.round(side))


def _published_priority(world, side):
    return world.get(side, "specification").priority_id


def _published_round_key(world, side):
    """The round's public key, once something of the round is published (public pages 404 before)."""
    world.get(side, "specification")
    return world.round(side).public_key


def _published_round(world, side):
    world.get(side, "specification")
    return world.round(side).pk


WRITERS = OFFICERS | {"subgroup"}

url("specification_list", allow=IN_ROUND)
url("subgroup_members", priority_pk="priority", allow=OFFICERS)
url("subgroup_member_remove", priority_pk="priority", member_pk="member", allow=OFFICERS)
url("specification_detail", priority_pk=_published_priority, allow=EVERYONE)
url("specification_edit", priority_pk=_published_priority, allow=WRITERS)
url("specification_submit", priority_pk=_published_priority, allow=WRITERS)
url("specification_approve", priority_pk=_published_priority, allow=OFFICERS)
url("specification_return", priority_pk=_published_priority, allow=OFFICERS)
url("specification_publish", priority_pk=_published_priority, allow=OFFICERS)
url("specification_amend", priority_pk=_published_priority, allow=OFFICERS)
url("specification_versions", priority_pk=_published_priority, allow=EVERYONE)
url("specification_version", priority_pk=_published_priority, number=1, allow=EVERYONE)
url("specification_send_log", priority_pk=_published_priority, allow=OFFICERS)
# Rendered by a task once the publication is committed: not there in a test transaction.
url("specification_pdf", priority_pk=_published_priority, allow=EVERYONE, allowed_may_404=True)
url("question_ask", priority_pk=_published_priority, allow=SIGNED_IN)
url("specification_follow", priority_pk=_published_priority, allow=SIGNED_IN)
url("question_list", allow=OFFICERS)
url("question_answer", pk="question", allow=OFFICERS)
url("specification_ask_sponsor", priority_pk=_published_priority, allow=OFFICERS)
# Only the person asked opens the sponsor's sign-off page.
url("sponsor_signoff", pk="signoff", allow={"sponsor"})
url("call_public", public_key=_published_round_key, allow=EVERYONE)
url("specification_public", public_key=_published_round_key, priority_pk=_published_priority, allow=EVERYONE)
# Rendered by a task once the publication is committed: not there in a test transaction.
url(
    "specification_public_pdf",
    public_key=_published_round_key,
    priority_pk=_published_priority,
    allow=EVERYONE,
    allowed_may_404=True,
)
url("rounds/<int:round_pk>/call/", round_pk=_published_round, allow=EVERYONE)
url("rounds/<int:round_pk>/mailing-list/sign-up/", round_pk=_published_round, allow=EVERYONE)
url("mailing_list", allow=OFFICERS)
url("mailing_import", allow=OFFICERS)
url("mailing_signup", public_key=_published_round_key, allow=EVERYONE)
url("mailing_confirm", token="subscriber.token", allow=EVERYONE, scoped=False)
url("mailing_unsubscribe", token="subscriber.token", allow=EVERYONE, scoped=False)
