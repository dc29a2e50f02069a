"""Documents, emails, pages and authenticator codes carry the name of the partnership they belong to;
the PARTNERSHIP_NAME setting only where there is none."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.accounts.adapters import MFAAdapter
from commissioning.documents.services import latest_document, render_document
from commissioning.enums import Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import RoundRole
from tests.factories.commissioning import PASSWORD, PartnershipFactory, RoundFactory, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.pdf import needs_pdftotext, pdf_text
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db

GENERIC = "Generic Strategic Partnership"


@pytest.fixture(autouse=True)
def _generic_name(settings):
    settings.PARTNERSHIP_NAME = GENERIC


@pytest.fixture
def round_(db):
    return RoundFactory(partnership=PartnershipFactory(name="Coventry Partnership"))


@needs_pdftotext
def test_a_specifications_pdf_and_its_email_carry_the_partnerships_name(
    round_, officer, django_capture_on_commit_callbacks
):
    SubscriberFactory(round=round_, email="reader@example.org", status="confirmed")
    priority = PriorityFactory(round=round_, issue__round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)

    text = pdf_text(render_document(latest_document(spec, "specification").pk))
    email = OutgoingEmail.objects.get(to_email="reader@example.org")

    assert "Coventry Partnership" in text
    assert GENERIC not in text
    assert "Coventry Partnership" in email.body_text
    assert GENERIC not in email.body_text + email.body_html + email.subject


def test_a_rounds_pages_carry_its_partnerships_name_in_header_and_footer(client, round_, officer):
    assert client.login(email=officer.email, password=PASSWORD)

    round_page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()

    assert 'class="app-header__name">Coventry Partnership</a>' in round_page
    assert "Coventry Partnership. Commissioning for outcomes" in round_page
    assert GENERIC not in round_page


def test_pages_outside_a_round_carry_the_partnership_of_a_person_who_belongs_to_one(client, round_, officer):
    """The installation's name only for someone signed out, of no partnership, or of several."""
    other_round = RoundFactory(partnership=PartnershipFactory(name="Warwick Partnership"))
    in_two = person_with_role(round_, Role.BOARD, email="two@example.org")
    RoundRole.objects.create(round=other_round, user=in_two, role=Role.BOARD)
    pages = {}
    for person in (officer, UserFactory(email="nobody@example.org"), in_two, None):
        client.logout()
        if person is not None:
            assert client.login(email=person.email, password=PASSWORD)
        pages[person] = client.get(reverse("home")).content.decode()

    assert 'class="app-header__name">Coventry Partnership</a>' in pages[officer]
    assert "Coventry Partnership. Commissioning for outcomes" in pages[officer]
    assert "<title>Commissioning rounds – Coventry Partnership</title>" in pages[officer]
    assert GENERIC not in pages[officer]
    for person, page in pages.items():
        if person is not officer:
            assert f'class="app-header__name">{GENERIC}</a>' in page
            assert "Coventry Partnership" not in page.split("<main")[0]


def test_account_emails_name_the_persons_partnership(client, round_, django_capture_on_commit_callbacks):
    member = person_with_role(round_, Role.BOARD, email="bob@example.org")
    UserFactory(email="stranger@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": member.email})
        client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})

    member_email = OutgoingEmail.objects.get(to_email=member.email)
    stranger_email = OutgoingEmail.objects.get(to_email="stranger@example.org")
    assert member_email.subject.startswith("[Coventry Partnership] ")
    assert GENERIC not in member_email.subject + member_email.body_text
    assert stranger_email.subject.startswith(f"[{GENERIC}] ")
    assert len(mail.outbox) == 2


def test_the_authenticator_app_lists_the_code_under_the_persons_partnership(round_):
    member = person_with_role(round_, Role.OFFICER, email="olive@example.org")
    stranger = UserFactory(email="stranger@example.org")

    assert "issuer=Coventry%20Partnership" in MFAAdapter().build_totp_url(member, "JBSWY3DPEHPK3PXP")
    assert "issuer=Generic%20Strategic%20Partnership" in MFAAdapter().build_totp_url(stranger, "JBSWY3DPEHPK3PXP")


def _name_lookups(queries):
    return sum(" UNION " in query["sql"] for query in queries.captured_queries)


def test_the_persons_partnership_is_looked_up_once_per_page(client, round_, officer):
    assert client.login(email=officer.email, password=PASSWORD)

    with CaptureQueriesContext(connection) as home_queries:
        page = client.get(reverse("home")).content.decode()
        home_lookups = _name_lookups(home_queries)  # read before the next request resets the log
    with CaptureQueriesContext(connection) as round_queries:
        round_page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
        round_lookups = _name_lookups(round_queries)

    assert page.count("Coventry Partnership") >= 3  # the title, the header and the footer
    assert home_lookups == 1
    assert 'class="app-header__name">Coventry Partnership</a>' in round_page
    assert round_lookups == 0  # the round names its partnership
