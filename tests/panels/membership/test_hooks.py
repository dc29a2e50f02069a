"""What membership adds to the round's page and the home page, and how the trail reads it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe_entries
from commissioning.enums import Role, Stage
from commissioning.registry import round_page_sections
from panels.membership import services
from panels.membership.enums import InterestNature, MemberRole
from panels.membership.hooks import panel_home
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.panels import PanelMemberFactory, eligible_proposal
from tests.factories.proposals import published_specification

pytestmark = pytest.mark.django_db


def _is_membership(section):
    """Membership's section sums the panels up in lines or links to the panels and declarations."""
    return bool(section.lines) or any(str(title) == "Selection panels" for title, _link in section.links)


def _section(round_, user):
    """Membership's part of the "Selection panels" section (scoring and meetings add their own)."""
    return next(
        (
            section
            for section in round_page_sections(round_, user)
            if str(section.heading) == "Selection panels" and _is_membership(section)
        ),
        None,
    )


def test_the_round_page_sums_up_the_panels_for_officers(world):
    section = _section(world.panel.round, world.officer)

    assert section.lines == ["1 panel is set up.", f"{world.panel.priority.title}: 4 members."]
    assert ("Selection panels", reverse("panel_list", args=[world.panel.round_id])) in section.links


def test_the_round_page_sends_a_member_to_their_panel_and_their_declarations(world):
    section = _section(world.panel.round, world.undeclared.user)

    assert section.lines == ["Declare your interests: 2 proposals waiting."]
    assert section.links == [
        (
            f"Your panel: {world.panel.priority.title}",
            reverse("panel_detail", args=[world.panel.round_id, world.panel.pk]),
        )
    ]


def test_bidders_and_the_board_see_no_panel_on_the_round_page(world):
    assert _section(world.panel.round, world.bidder) is None
    assert _section(world.panel.round, world.board) is None
    assert _section(world.panel.round, world.other_member.user) is None


def test_the_home_page_counts_the_declarations_waiting(client, world):
    eligible_proposal(world.panel, title="Late arrival")
    client.force_login(world.member.user)

    page = client.get(reverse("home")).content.decode()

    assert "Declare your interests: 1 proposal waiting" in page


def test_the_home_panel_keeps_its_query_count(world):
    user = UserFactory()
    PanelMemberFactory(panel=world.panel, user=user)
    with CaptureQueriesContext(connection) as few:
        panel_home(user)
    for _ in range(4):
        seat = PanelMemberFactory(user=user)
        eligible_proposal(seat.panel)

    with CaptureQueriesContext(connection) as many:
        panel = panel_home(user)

    assert len(many) == len(few)
    assert sorted(seat.waiting for seat in panel.context["seats"]) == [1, 1, 1, 1, 2]


def test_the_trail_reads_each_action(world):
    other = UserFactory(full_name="Esther Expert")
    services.add_member(world.panel, other, role=MemberRole.EXPERT, by=world.officer)
    services.declare(world.undeclared, world.first, has_interest=False, by=world.undeclared.user)
    services.declare(
        world.undeclared,
        world.second,
        has_interest=True,
        nature=InterestNature.FINANCIAL,
        description="Shares.",
        by=world.undeclared.user,
    )

    sentences = [entry.sentence for entry in describe_entries(AuditEntry.objects.order_by("pk"))][-3:]

    title = world.panel.priority.title
    assert sentences == [
        f"Olive Officer added Esther Expert to the panel for “{title}” as Expert",
        "Una Undeclared declared no interest in the proposal “Youth into work”",
        "Una Undeclared declared an interest (Financial) in the proposal “Healthy homes”",
    ]


def test_officers_see_the_panels_once_the_round_reaches_them():
    spec = published_specification()
    officer = person_with_role(spec.round, Role.OFFICER)

    assert _section(spec.round, officer) is None
    spec.round.stage = Stage.PANELS
    spec.round.save(update_fields=["stage"])
    assert _section(spec.round, officer).lines == ["0 panels are set up."]
