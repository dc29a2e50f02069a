"""Every membership page against every role: who opens it, who gets a 404 (a bidder, whatever they
lead, sees nothing of a panel), that a refused POST changes nothing, and what each page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.rounds.models import Invitation, RoundRole
from panels.membership.enums import InterestNature, MemberRole
from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from priorities.specifications.models import SubgroupMember
from proposals.writing.attachments import store_attachment
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import UserFactory
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.factories.priorities import PriorityFactory
from tests.proposals.helpers import complete_proposal
from tests.proposals.writing.files import PDF, upload

pytestmark = pytest.mark.django_db

IDENTITIES = ("officer", "chair", "member", "conflicted", "undeclared", "other_member", "bidder", "board", "anonymous")
SEATED = {"chair", "member", "conflicted", "undeclared"}
PAGES = {
    "panel_list": {"officer"},
    "panel_set_up": {"officer"},
    "panel_detail": {"officer"} | SEATED,
    "panel_member_add": {"officer"},
    "panel_member_remove": {"officer"},
    "panel_interests": SEATED,
    "panel_declare": SEATED,
    "panel_declarations": {"officer", "chair"},
    "panel_reading": SEATED,
    "panel_proposal": {"officer", "chair", "member"},
}
POSTS = {
    "panel_set_up": {},
    "panel_member_add": {"email": "stranger@example.org", "role": MemberRole.EXPERT},
    "panel_member_remove": {},
    "panel_declare": {"has_interest": "yes", "nature": "financial", "description": "Paid."},
}


def person(world, identity):
    if identity == "anonymous":
        return None
    seat = getattr(world, identity)
    return seat.user if isinstance(seat, PanelMember) else seat


def path(world, name):
    round_pk, panel_pk = world.panel.round_id, world.panel.pk
    if name == "panel_list":
        return reverse(name, args=[round_pk])
    if name == "panel_set_up":
        priority = PriorityFactory(issue__round=world.panel.round)
        return reverse(name, args=[round_pk, priority.pk])
    if name == "panel_member_remove":
        return reverse(name, args=[round_pk, panel_pk, world.undeclared.pk])
    if name in ("panel_declare", "panel_proposal"):
        return reverse(name, args=[round_pk, panel_pk, world.first.pk])
    return reverse(name, args=[round_pk, panel_pk])


def state():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Panel, PanelMember, Declaration, PanelInvitation, Invitation, RoundRole, AuditEntry)
    } | {"interests": sorted(Declaration.objects.filter(has_interest=True).values_list("pk", flat=True))}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_page_opens_for_its_people_only(client, world, name, identity):
    user = person(world, identity)
    if user is not None:
        client.force_login(user)

    response = client.get(path(world, name))

    if identity == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif (name, identity) == ("panel_declare", "conflicted"):
        # A declared interest stays declared: the page sends them back to their declarations.
        assert response.status_code == 302
        assert response["Location"] == reverse("panel_interests", args=[world.panel.round_id, world.panel.pk])
    elif identity in PAGES[name]:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "identity"),
    [(name, identity) for name in sorted(POSTS) for identity in IDENTITIES if identity not in PAGES[name]],
)
def test_a_refused_post_changes_nothing(client, world, name, identity):
    user = person(world, identity)
    if user is not None:
        client.force_login(user)
    url = path(world, name)
    before = state()

    response = client.post(url, POSTS[name])

    assert response.status_code == (302 if identity == "anonymous" else 404)
    assert state() == before


def test_the_declare_pages_show_names_never_content(client, world):
    client.force_login(world.undeclared.user)

    listing = client.get(reverse("panel_interests", args=[world.panel.round_id, world.panel.pk])).content.decode()
    page = client.get(path(world, "panel_declare")).content.decode()

    assert "Youth into work" in listing
    assert "Northgate Trust (lead), Riverside College" in listing
    assert "2 proposals still wait for your declaration." in listing
    assert "Riverside College" in page
    for content in (listing, page):
        assert "Secret mentoring plan" not in content
        assert "Secret insulation scheme" not in content


def test_reading_waits_for_every_declaration(client, world):
    client.force_login(world.undeclared.user)
    reading = reverse("panel_reading", args=[world.panel.round_id, world.panel.pk])

    assert "Declare your interests in every proposal first: 2 to go." in client.get(reading).content.decode()

    client.post(path(world, "panel_declare"), {"has_interest": "no"})
    assert "Declare your interests in every proposal first: 1 to go." in client.get(reading).content.decode()
    assert client.get(path(world, "panel_proposal")).status_code == 404


def test_a_member_reads_the_whole_proposal(client, world):
    client.force_login(world.member.user)

    listing = client.get(reverse("panel_reading", args=[world.panel.round_id, world.panel.pk])).content.decode()
    page = client.get(path(world, "panel_proposal")).content.decode()

    assert "Youth into work" in listing and "Healthy homes" in listing
    assert "Secret mentoring plan for the estate." in page
    assert "Riverside College" in page


def test_a_conflicted_member_neither_lists_nor_reads_the_proposal(client, world):
    client.force_login(world.conflicted.user)

    listing = client.get(reverse("panel_reading", args=[world.panel.round_id, world.panel.pk])).content.decode()

    assert "Healthy homes" in listing
    assert "Youth into work" not in listing
    assert client.get(path(world, "panel_proposal")).status_code == 404


def test_a_late_interest_closes_the_proposal_at_once(client, world):
    client.force_login(world.member.user)
    assert client.get(path(world, "panel_proposal")).status_code == 200

    response = client.post(
        path(world, "panel_declare"),
        {"has_interest": "yes", "nature": InterestNature.GOVERNANCE, "description": "I chair its board."},
    )

    assert response.status_code == 302
    declaration = Declaration.objects.get(member=world.member, proposal=world.first)
    assert (declaration.has_interest, declaration.nature, declaration.description) == (
        True,
        "governance",
        "I chair its board.",
    )
    assert client.get(path(world, "panel_proposal")).status_code == 404


def test_a_declaration_without_its_nature_names_the_field_and_keeps_what_was_typed(client, world):
    client.force_login(world.undeclared.user)

    response = client.post(path(world, "panel_declare"), {"has_interest": "yes", "description": "My cousin."})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Choose the nature of the interest." in content
    assert "My cousin." in content
    assert not Declaration.objects.filter(member=world.undeclared).exists()


@pytest.mark.parametrize("value", ["maybe", "", "x" * 6000])
def test_hostile_declarations_are_refused_with_a_message(client, world, value):
    client.force_login(world.undeclared.user)

    response = client.post(path(world, "panel_declare"), {"has_interest": value, "nature": value, "description": value})

    assert response.status_code == 200
    assert not Declaration.objects.filter(member=world.undeclared).exists()


def test_the_chair_and_officers_see_every_declaration_members_only_their_own(client, world):
    client.force_login(world.chair.user)

    page = client.get(reverse("panel_declarations", args=[world.panel.round_id, world.panel.pk])).content.decode()

    assert "Connie Conflicted" in page
    assert "Works for the lead." in page
    client.force_login(world.member.user)
    own = client.get(reverse("panel_interests", args=[world.panel.round_id, world.panel.pk])).content.decode()
    assert "Works for the lead." not in own


def test_the_officer_adds_a_chair_once_with_a_clear_message(client, world):
    client.force_login(world.officer)
    newcomer = PanelMemberFactory().user  # a person with an account

    response = client.post(path(world, "panel_member_add"), {"email": newcomer.email.upper(), "role": MemberRole.CHAIR})

    assert response.status_code == 200
    assert "The panel already has a chair: Chloe Chair." in response.content.decode()
    assert not PanelMember.objects.filter(panel=world.panel, user=newcomer).exists()

    response = client.post(path(world, "panel_member_add"), {"email": newcomer.email, "role": MemberRole.EXPERT})
    assert response.status_code == 302
    assert PanelMember.objects.get(panel=world.panel, user=newcomer).role == MemberRole.EXPERT


def test_the_officer_invites_someone_unknown(client, world):
    client.force_login(world.officer)

    response = client.post(
        path(world, "panel_member_add"),
        {"email": "nia@example.org", "full_name": "Nia New", "role": MemberRole.COMMUNITY},
    )

    assert response.status_code == 302
    seat = PanelInvitation.objects.get(panel=world.panel)
    assert (seat.invitation.email, seat.role) == ("nia@example.org", MemberRole.COMMUNITY)
    page = client.get(reverse("panel_detail", args=[world.panel.round_id, world.panel.pk])).content.decode()
    assert "Nia New (nia@example.org): Voluntary and community member" in page


def test_the_subgroup_is_offered_as_quick_picks(client, world):
    pick = SubgroupMember.objects.create(
        priority=world.panel.priority, user=UserFactory(full_name="Sam Subgroup"), added_by=world.officer
    )
    client.force_login(world.officer)

    page = client.get(reverse("panel_detail", args=[world.panel.round_id, world.panel.pk])).content.decode()
    form = client.get(path(world, "panel_member_add") + f"?email={pick.user.email}").content.decode()

    assert "Add Sam Subgroup" in page
    assert f'value="{pick.user.email}"' in form


def test_the_panels_list_offers_to_set_up_a_panel(client, world):
    PriorityFactory(issue__round=world.panel.round, title="Safer streets")
    client.force_login(world.officer)

    page = client.get(reverse("panel_list", args=[world.panel.round_id])).content.decode()

    assert 'Set up the panel<span class="govuk-visually-hidden"> for Safer streets' in page
    assert "4 members" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["panel_interests", "panel_declarations", "panel_reading", "panel_detail"])
def test_list_pages_keep_their_query_count(client, world, name, django_assert_num_queries):
    client.force_login(world.chair.user)
    url = path(world, name)
    few = _queries(client, url)
    for n in range(5):
        proposal = eligible_proposal(world.panel, title=f"More {n}")
        declare(world.chair, proposal)
        declare(world.member, proposal)
        PanelMemberFactory(panel=world.panel)

    with django_assert_num_queries(few):
        client.get(url)


def test_a_declared_interest_cannot_be_taken_back(client, world):
    client.force_login(world.conflicted.user)
    before = state()

    response = client.post(path(world, "panel_declare"), {"has_interest": "no"}, follow=True)

    assert "You have declared an interest in this proposal; it stays declared." in response.content.decode()
    assert state() == before


def test_a_panel_is_not_set_up_twice(client, world):
    client.force_login(world.officer)
    url = reverse("panel_set_up", args=[world.panel.round_id, world.panel.priority_id])

    response = client.post(url, follow=True)

    assert f"The priority “{world.panel.priority.title}” already has its panel." in response.content.decode()
    assert Panel.objects.count() == 2  # this round's and the other member's


def _attach(proposal):
    """A file of a submitted proposal (stored directly: its consortium can no longer attach one)."""
    pdf = upload("rules.pdf", PDF)
    return store_attachment(
        proposal, by=None, kind="constitution", upload=pdf, content_type="application/pdf", size=len(PDF)
    )


@pytest.mark.parametrize(
    ("identity", "status"),
    [
        ("member", 200),
        ("officer", 200),
        ("conflicted", 404),
        ("undeclared", 404),
        ("other_member", 404),
        ("bidder", 404),
    ],
)
def test_an_attachment_is_downloaded_by_those_who_read_the_proposal(client, world, identity, status):
    attachment = store_attachment(
        world.first,
        by=None,
        kind="constitution",
        upload=upload("rules.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
    )
    client.force_login(person(world, identity))
    page = reverse("panel_attachment", args=[world.panel.round_id, world.first.pk, attachment.pk])

    response = client.get(page)

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "rules.pdf" in response["Content-Disposition"]


def test_the_read_page_links_attachments_to_the_panel_and_not_to_the_consortium(client, world):
    attachment = store_attachment(
        world.first,
        by=None,
        kind="constitution",
        upload=upload("rules.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
    )
    client.force_login(world.member.user)

    page = client.get(path(world, "panel_proposal")).content.decode()

    assert reverse("panel_attachment", args=[world.panel.round_id, world.first.pk, attachment.pk]) in page
    assert reverse("consortium_partners", args=[world.panel.round_id, world.first.pk]) not in page


def test_a_complete_proposal_reads_whole_with_the_proposals_own_templates(client):
    proposal = complete_proposal(activity="Weekly mentoring and work tasters in Hillfields.")
    Proposal.objects.filter(pk=proposal.pk).update(
        state=ProposalState.SUBMITTED, submitted_at=timezone.now(), version=1, eligibility=Eligibility.ELIGIBLE
    )
    panel = PanelFactory(specification=proposal.specification)
    member = PanelMemberFactory(panel=panel)
    declare(member, proposal)
    client.force_login(member.user)

    response = client.get(reverse("panel_proposal", args=[panel.round_id, panel.pk, proposal.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Weekly mentoring and work tasters in Hillfields." in content
    assert "£40,000" in content


def test_the_panels_list_keeps_its_query_count(client, world):
    client.force_login(world.officer)
    url = reverse("panel_list", args=[world.panel.round_id])
    few = _queries(client, url)
    for _ in range(4):
        priority = PriorityFactory(issue__round=world.panel.round)
        Panel.objects.create(round=world.panel.round, priority=priority)
        PriorityFactory(issue__round=world.panel.round)

    assert _queries(client, url) == few
