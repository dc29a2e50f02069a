"""The workshop's pages for the walking tests (tests/walking/registry.py).

The own round's board member has a seat at the workshop (voting is open); the round's other
people do not.
"""

from commissioning.enums import Sector
from priorities.workshop.models import CrossCuttingTheme, DiscussionGroup, Participant
from tests.factories.priorities import PriorityFactory
from tests.priorities.workshop.helpers import seat, workshop_with_issues
from tests.walking.registry import EVERYONE, EVIDENCE, OFFICERS, sign_in_page, thing, url


@thing("workshop")
def _workshop(world, side):
    workshop = workshop_with_issues(world.round(side), issues=3)
    if side == "own":
        Participant.objects.create(workshop=workshop, user=world.person("board"), sector=Sector.PUBLIC)
    return workshop


@thing("participant")
def _participant(world, side):
    return seat(world.get(side, "workshop"), sector=Sector.VOLUNTARY)


@thing("group")
def _group(world, side):
    return DiscussionGroup.objects.create(workshop=world.get(side, "workshop"), name="Table 1")


@thing("theme")
def _theme(world, side):
    return CrossCuttingTheme.objects.create(
        round=world.round(side), issue=world.get(side, "issue"), workshop=world.get(side, "workshop")
    )


@thing("priority")
def _priority(world, side):
    return PriorityFactory(issue=world.get(side, "issue"), workshop=world.get(side, "workshop"))


SEATED = OFFICERS | {"board"}
# Someone signed out who opens a ballot is asked for their workshop code.
sign_in_page("workshop_join")

url("workshop_join", allow=EVERYONE, scoped=False)
url("workshop_list", allow=EVIDENCE)
url("workshop_create", allow=OFFICERS)
url("workshop_vote", pk="workshop", allow={"board"})
url("workshop_dot_place", pk="workshop", allow={"board"})
url("workshop_dot_remove", pk="workshop", allow={"board"})
url("workshop_detail", pk="workshop", allow=SEATED)
url("workshop_edit", pk="workshop", allow=OFFICERS)
url("workshop_state", pk="workshop", allow=OFFICERS)
url("workshop_tally_visibility", pk="workshop", allow=OFFICERS)
url("workshop_participants", pk="workshop", allow=OFFICERS)
url("workshop_participant_remove", pk="workshop", participant_pk="participant", allow=OFFICERS)
url("workshop_participant_code", pk="workshop", participant_pk="participant", allow=OFFICERS)
url("workshop_cards", pk="workshop", allow=OFFICERS)
url("workshop_group_create", pk="workshop", allow=OFFICERS)
url("workshop_group_edit", pk="workshop", group_pk="group", allow=OFFICERS)
url("workshop_projector", pk="workshop", allow=OFFICERS)
url("workshop_projector_tally", pk="workshop", allow=OFFICERS)
url("workshop_projector_controls", pk="workshop", allow=OFFICERS)
# Paper counts are for workshops voting on paper.
url("workshop_paper", pk="workshop", allow=OFFICERS, allowed_may_404=True)
url("workshop_choose", pk="workshop", allow=OFFICERS)
url("workshop_tie", pk="workshop", allow=OFFICERS)
url("workshop_cross_cutting", pk="workshop", allow=OFFICERS)
url("workshop_cross_cutting_remove", pk="workshop", theme_pk="theme", allow=OFFICERS)
url("workshop_confirm", pk="workshop", allow=OFFICERS)
url("workshop_results", pk="workshop", allow=OFFICERS)
url("workshop_results_csv", pk="workshop", allow=OFFICERS)
# Rendered by a task once the results are committed: not there in a test transaction.
url("workshop_results_pdf", pk="workshop", allow=OFFICERS, allowed_may_404=True)
url("workshop_results_pdf_status", pk="workshop", allow=OFFICERS)
