"""Every commissioning page against every role: who sees it, who gets a 404, and that a
forbidden POST changes nothing."""

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role, Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds import services
from commissioning.rounds.models import Invitation, Round, RoundRole
from tests.factories.commissioning import (
    IndicatorFactory,
    OrganisationFactory,
    PartnershipFactory,
    StrategicOutcomeFactory,
)
from tests.factories.priorities import CandidateIssueFactory

EVERYONE = ["officer", "board", "subgroup", "panel", "bidder", "sponsor", "outsider", "anonymous"]
IN_ROUND = {"officer", "board", "subgroup", "panel", "bidder", "sponsor"}
OFFICERS = {"officer"}

SECRET_AUDIT = "Budget re-profiled after the finance advice"
SECRET_EMAIL = "Confidential: panel pack for Foleshill"
SECRET_ORGANISATION = "Hillfields Young Peoples Project"


@pytest.fixture
def world(round_, people):
    """A round ready to move on, holding something of each kind that must not leak."""
    officer = people["officer"]
    outcome = StrategicOutcomeFactory(round=round_)
    IndicatorFactory(outcome=outcome)
    CandidateIssueFactory(round=round_, outcome=outcome)
    services.audit("note", by=officer, round_=round_, summary=SECRET_AUDIT)
    OutgoingEmail.objects.create(
        round=round_, dedup_key="leak-test", to_email="panel@example.org", subject=SECRET_EMAIL, body_text="x"
    )
    organisation = OrganisationFactory(name=SECRET_ORGANISATION)
    board_role = RoundRole.objects.get(round=round_, user=people["board"])
    return {"round": round_, "people": people, "organisation": organisation, "board_role": board_role}


def client_as(client, world, who):
    if who != "anonymous":
        client.force_login(world["people"][who])
    return client


# name, url from the world, who may see it, text that only those people should see
PAGES = [
    ("round_detail", lambda w: reverse("round_detail", args=[w["round"].pk]), IN_ROUND, "How the round runs"),
    ("round_edit", lambda w: reverse("round_edit", args=[w["round"].pk]), OFFICERS, "Edit round"),
    ("round_people", lambda w: reverse("round_people", args=[w["round"].pk]), OFFICERS, "Invite someone"),
    ("round_audit", lambda w: reverse("round_audit", args=[w["round"].pk]), OFFICERS, SECRET_AUDIT),
    ("round_outbox", lambda w: reverse("round_outbox", args=[w["round"].pk]), OFFICERS, SECRET_EMAIL),
    ("organisation_list", lambda w: reverse("organisation_list"), OFFICERS, SECRET_ORGANISATION),
    ("organisation_create", lambda w: reverse("organisation_create"), OFFICERS, "Add an organisation"),
    (
        "organisation_edit",
        lambda w: reverse("organisation_edit", args=[w["organisation"].pk]),
        OFFICERS,
        SECRET_ORGANISATION,
    ),
]


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(("name", "url", "allowed", "marker"), PAGES, ids=[page[0] for page in PAGES])
@pytest.mark.django_db
def test_page_permissions_for_each_role(client, world, who, name, url, allowed, marker):
    address = url(world)

    response = client_as(client, world, who).get(address)

    if who in allowed:
        assert response.status_code == 200
        assert marker in response.content.decode()
    elif who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == 404
        assert marker not in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.django_db
def test_home_shows_only_rounds_the_person_is_in(client, world, who):
    response = client_as(client, world, who).get(reverse("home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert (world["round"].name in content) == (who in IN_ROUND)
    assert ('href="/organisations/"' in content) == (who in OFFICERS)
    if who == "anonymous":
        assert 'href="/accounts/login/"' in content


@pytest.mark.parametrize("who", sorted(IN_ROUND))
@pytest.mark.django_db
def test_round_detail_shows_each_person_what_their_roles_allow(client, world, who):
    round_ = world["round"]

    content = client_as(client, world, who).get(reverse("round_detail", args=[round_.pk])).content.decode()

    officer = who in OFFICERS
    assert ("Move on to “Priority workshop”" in content) == officer
    assert (f'action="{reverse("round_advance", args=[round_.pk])}"' in content) == officer
    assert (reverse("round_people", args=[round_.pk]) in content) == officer
    assert (reverse("round_audit", args=[round_.pk]) in content) == officer
    assert (reverse("round_outbox", args=[round_.pk]) in content) == officer
    assert (reverse("round_edit", args=[round_.pk]) in content) == officer
    assert ("Strategic plan" in content) == (who != "bidder")
    assert str(Role(who).label) in content  # "Your roles"


def forbidden_posts(world):
    round_ = world["round"]
    role = world["board_role"]
    return {
        "edit round": (
            reverse("round_edit", args=[round_.pk]),
            {
                "name": "Taken over",
                "place": "Y",
                "annual_budget": "1",
                "number_of_years": "1",
                "start_date": "2030-01-01",
            },
        ),
        "advance": (reverse("round_advance", args=[round_.pk]), {}),
        "invite": (
            reverse("round_people", args=[round_.pk]),
            {"email": "intruder@example.org", "role": Role.OFFICER, "full_name": "", "organisation": ""},
        ),
        "remove role": (reverse("round_role_remove", args=[round_.pk, role.pk]), {}),
        "create organisation": (
            reverse("organisation_create"),
            {"name": "Intruders Ltd", "sector": "private", "organisation_type": "business"},
        ),
        "edit organisation": (
            reverse("organisation_edit", args=[world["organisation"].pk]),
            {"name": "Renamed", "sector": "private", "organisation_type": "business"},
        ),
    }


def database_state(world):
    round_ = Round.objects.get(pk=world["round"].pk)
    return {
        "round": (round_.name, round_.stage, round_.annual_budget_pence, round_.number_of_years),
        "roles": sorted(RoundRole.objects.values_list("pk", "role")),
        "invitations": Invitation.objects.count(),
        "emails": OutgoingEmail.objects.count(),
        "audit": AuditEntry.objects.count(),
        "organisations": sorted(world["organisation"].__class__.objects.values_list("name", flat=True)),
    }


ACTIONS = ["edit round", "advance", "invite", "remove role", "create organisation", "edit organisation"]


@pytest.mark.parametrize("who", [who for who in EVERYONE if who not in OFFICERS])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.django_db
def test_forbidden_post_leaves_database_unchanged(client, world, who, action, django_capture_on_commit_callbacks):
    url, data = forbidden_posts(world)[action]
    before = database_state(world)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(client, world, who).post(url, data)

    assert response.status_code == (302 if who == "anonymous" else 404)
    assert database_state(world) == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.django_db
def test_officer_post_changes_database(client, world, action, django_capture_on_commit_callbacks):
    url, data = forbidden_posts(world)[action]
    before = database_state(world)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(client, world, "officer").post(url, data)

    assert response.status_code == 302
    after = database_state(world)
    assert after != before
    assert after["audit"] > before["audit"]
    if action == "advance":
        assert after["round"][1] == Stage.WORKSHOP


def round_run_by_outsider(world):
    return services.create_round(
        by=world["people"]["outsider"],
        name="Another round",
        partnership=PartnershipFactory(),
        place="Q",
        currency="GBP",
        annual_budget_pence=100,
        number_of_years=1,
        start_date=world["round"].start_date,
    )


@pytest.mark.django_db
def test_officer_of_another_round_cannot_see_this_round(client, world):
    other = round_run_by_outsider(world)
    client.force_login(world["people"]["outsider"])

    assert client.get(reverse("round_detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("round_detail", args=[world["round"].pk])).status_code == 404
    assert client.get(reverse("round_audit", args=[world["round"].pk])).status_code == 404
    assert client.get(reverse("round_outbox", args=[world["round"].pk])).status_code == 404


@pytest.mark.django_db
def test_remove_role_of_another_round_is_not_found(client, world):
    other = round_run_by_outsider(world)
    client.force_login(world["people"]["outsider"])
    before = database_state(world)

    response = client.post(reverse("round_role_remove", args=[other.pk, world["board_role"].pk]))

    assert response.status_code == 404
    assert database_state(world) == before


@pytest.mark.django_db
def test_last_officer_cannot_be_removed(client, world):
    round_ = world["round"]
    officer_role = RoundRole.objects.get(round=round_, role=Role.OFFICER)
    client.force_login(world["people"]["officer"])

    response = client.post(reverse("round_role_remove", args=[round_.pk, officer_role.pk]), follow=True)

    assert "A round needs at least one officer." in response.content.decode()
    assert RoundRole.objects.filter(pk=officer_role.pk).exists()
