"""Partnerships: what outlives a round. A new round starts with the partnership's plan, mailing
list and board; its officers start rounds and choose their officer; others get a 404."""

import pytest
from django.conf import settings
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.documents import services as documents
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.partnerships.enums import PartnershipRole
from commissioning.partnerships.models import PartnershipMember
from commissioning.rounds import services
from commissioning.rounds.models import Round, RoundRole
from priorities.specifications import selectors as specification_selectors
from tests.factories.commissioning import (
    IndicatorFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    RoundFactory,
    StrategicOutcomeFactory,
    UserFactory,
)
from tests.factories.priorities import SubscriberFactory
from tests.pdf import needs_pdftotext, pdf_text

NEW_ROUND = {
    "name": "Neighbourhood renewal 2030 to 2033",
    "place": "Coventry's priority neighbourhoods",
    "annual_budget": "4,000,000",
    "number_of_years": "3",
    "start_date": "2030-04-01",
}


@pytest.fixture
def coventry(db):
    return PartnershipFactory(name="Coventry Partnership", place="Coventry")


@pytest.fixture
def first_round(coventry):
    return RoundFactory(partnership=coventry, name="Neighbourhood renewal 2027 to 2030")


@pytest.fixture
def partnership_officer(coventry, first_round):
    officer = UserFactory(full_name="Priya Shah", email="priya.shah@coventry.example")
    services.assign_role(first_round, officer, Role.OFFICER, by=officer)
    return officer


@pytest.fixture
def colleague(coventry):
    user = UserFactory(full_name="Colin Colleague")
    PartnershipMemberFactory(partnership=coventry, user=user, role=PartnershipRole.OFFICER)
    return user


@pytest.mark.django_db
def test_role_in_a_round_makes_a_person_part_of_its_partnership(first_round, partnership_officer):
    council = OrganisationFactory(name="Coventry City Council")
    board = UserFactory()

    services.assign_role(first_round, board, Role.BOARD, by=partnership_officer, organisation=council)
    services.assign_role(first_round, UserFactory(), Role.BIDDER, by=partnership_officer)

    members = set(
        PartnershipMember.objects.filter(partnership=first_round.partnership).values_list(
            "user", "role", "organisation"
        )
    )
    assert members == {
        (partnership_officer.pk, PartnershipRole.OFFICER, None),
        (board.pk, PartnershipRole.BOARD, council.pk),
    }
    member = PartnershipMember.objects.get(user=board)
    entry = AuditEntry.objects.get(action="partnership.member_added", object_id=str(member.pk))
    assert entry.round == first_round
    assert entry.after["role"] == PartnershipRole.BOARD


@pytest.mark.django_db
def test_new_round_starts_with_the_partnerships_plan_list_and_people(first_round, partnership_officer, colleague):
    outcome = StrategicOutcomeFactory(round=first_round, code="O1", title="More people in work")
    IndicatorFactory(outcome=outcome, code="WK1")
    subscriber = SubscriberFactory(round=first_round, email="reader@example.org")
    council = OrganisationFactory(name="Coventry City Council")
    board = UserFactory(full_name="Martin Reeves")
    services.assign_role(first_round, board, Role.BOARD, by=partnership_officer, organisation=council)

    second = services.create_round(
        by=partnership_officer,
        partnership=first_round.partnership,
        officer=colleague,
        name="Round two",
        place="Coventry",
        annual_budget_pence=100_000_00,
        number_of_years=1,
        start_date=first_round.start_date,
    )

    assert set(second.partnership.outcomes.values_list("code", flat=True)) == {"O1"}
    assert list(specification_selectors.subscribers(second)) == [subscriber]
    assert set(RoundRole.objects.filter(round=second).values_list("user", "role", "organisation")) == {
        (colleague.pk, Role.OFFICER, None),
        (board.pk, Role.BOARD, council.pk),
    }
    assert not RoundRole.objects.filter(round=second, user=partnership_officer).exists()
    assert AuditEntry.objects.filter(round=second, action="role.assigned").count() == 2


@pytest.mark.django_db
def test_partnership_officer_creates_round_through_page_choosing_its_officer(
    client, first_round, partnership_officer, colleague
):
    outcome = StrategicOutcomeFactory(round=first_round, code="O1", title="More people in work")
    IndicatorFactory(outcome=outcome, code="WK1", name="Working-age residents claiming benefits")
    client.force_login(partnership_officer)

    form = client.get(reverse("round_create"), follow=True)
    response = client.post(
        reverse("partnership_round_create", args=[first_round.partnership.pk]),
        {**NEW_ROUND, "officer": colleague.pk},
        follow=True,
    )

    assert "Colin Colleague" in form.content.decode()
    assert 'value="Coventry"' in form.content.decode()  # the place starts as the partnership's
    round_ = Round.objects.get(name=NEW_ROUND["name"])
    assert round_.partnership == first_round.partnership
    assert round_.annual_budget_pence == 4_000_000_00
    assert list(RoundRole.objects.filter(round=round_, role=Role.OFFICER).values_list("user", flat=True)) == [
        colleague.pk
    ]
    assert "Round created. Colin Colleague is its partnership officer." in response.content.decode()
    # The creator still follows the round as an officer of its partnership, and sees the plan from it.
    assert response.redirect_chain[-1][0] == reverse("round_detail", args=[round_.pk])
    plan = client.get(reverse("plan", args=[round_.pk]))
    assert plan.status_code == 404  # following a round is not taking part in it
    client.force_login(colleague)
    plan = client.get(reverse("plan", args=[round_.pk])).content.decode()
    assert "Working-age residents claiming benefits" in plan


@pytest.mark.django_db
def test_officer_must_be_one_of_the_partnerships_officers(client, first_round, partnership_officer):
    stranger = UserFactory()
    client.force_login(partnership_officer)

    response = client.post(
        reverse("partnership_round_create", args=[first_round.partnership.pk]), {**NEW_ROUND, "officer": stranger.pk}
    )

    assert response.status_code == 200
    assert "Choose the round&#x27;s officer" in response.content.decode()
    assert 'value="Neighbourhood renewal 2030 to 2033"' in response.content.decode()
    assert not Round.objects.filter(name=NEW_ROUND["name"]).exists()


@pytest.mark.django_db
def test_only_the_partnerships_officers_and_staff_may_start_its_rounds(client, first_round, partnership_officer):
    other_partnership_officer = UserFactory()
    PartnershipMemberFactory(user=other_partnership_officer, role=PartnershipRole.OFFICER)
    board = UserFactory()
    services.assign_role(first_round, board, Role.BOARD, by=partnership_officer)
    round_only_officer = UserFactory()
    RoundRole.objects.create(round=first_round, user=round_only_officer, role=Role.SUBGROUP)
    url = reverse("partnership_round_create", args=[first_round.partnership.pk])
    before = Round.objects.count()

    for who in (other_partnership_officer, board, round_only_officer, UserFactory()):
        client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.post(url, {**NEW_ROUND, "officer": who.pk}).status_code == 404
    client.logout()
    assert client.post(url, {**NEW_ROUND, "officer": partnership_officer.pk}).status_code == 302

    assert Round.objects.count() == before
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_rounds_of_another_partnership_stay_hidden_from_a_partnership_officer(client, partnership_officer):
    elsewhere = RoundFactory(name="Leeds round")
    client.force_login(partnership_officer)

    assert client.get(reverse("round_detail", args=[elsewhere.pk])).status_code == 404
    assert "Leeds round" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_home_page_tells_whom_to_ask_for_a_new_round(client, first_round, partnership_officer):
    board = UserFactory()
    services.assign_role(first_round, board, Role.BOARD, by=partnership_officer)
    client.force_login(board)

    content = client.get(reverse("home")).content.decode()

    assert "Create a round" not in content
    assert "A partnership's officers start its rounds. To start one, ask:" in content
    assert "Priya Shah" in content
    assert "mailto:priya.shah@coventry.example" in content
    client.force_login(partnership_officer)
    officer_home = client.get(reverse("home")).content.decode()
    assert "Create a round" in officer_home
    assert "To start one, ask" not in officer_home


@pytest.mark.django_db
def test_emails_carry_the_partnerships_name(first_round, partnership_officer):
    services.invite_person(first_round, by=partnership_officer, email="new@example.org", role=Role.BOARD)

    email = OutgoingEmail.objects.get(to_email="new@example.org")
    assert "Coventry Partnership" in email.body_text
    assert settings.PARTNERSHIP_NAME not in email.body_text


@needs_pdftotext
@pytest.mark.django_db
def test_pdfs_carry_the_partnerships_name(first_round, django_capture_on_commit_callbacks):
    from tests.commissioning.documents.test_documents import _round_sheet  # noqa: F401, PLC0415 -- registers the kind

    with django_capture_on_commit_callbacks(execute=True):
        document = documents.request_document(subject=first_round, kind="test-round-sheet", title="Round sheet")

    document.refresh_from_db()
    text = pdf_text(document)
    assert "Coventry Partnership" in text
    assert settings.PARTNERSHIP_NAME not in text
