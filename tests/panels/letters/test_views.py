"""The letter's page and PDF for the consortium's people and officers, 404 for everyone else; the
round's letters for officers; the links on a bidder's dashboard and the round's page."""

import pytest
from django.core import mail
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.documents.models import DocumentStatus
from commissioning.enums import Role, Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.models import Round
from panels.decisions.enums import DecisionStatus
from panels.letters import selectors
from tests.factories.commissioning import RoundFactory, UserFactory, person_with_role
from tests.factories.decisions import DecisionFactory
from tests.panels.letters.helpers import DUE, approve, award, decline, proposal_with_people, two_proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(django_capture_on_commit_callbacks):
    """Alpha awarded and Beta declined, both letters made and sent."""
    panel, alpha, beta, officer = two_proposals()
    alpha_decision = award(alpha[0], amounts_pounds=[100_000] * 3, conditions=[("Sign the agreement", DUE)])
    beta_decision = decline(beta[0], feedback="Not this time.")
    with django_capture_on_commit_callbacks(execute=True):
        approve(alpha_decision, by=officer)
        approve(beta_decision, by=officer)
    return panel, alpha, beta, officer, alpha_decision, beta_decision


def _page(proposal):
    return reverse("letter_detail", args=[proposal.round_id, proposal.pk])


def _pdf(proposal, version=1):
    return reverse("letter_pdf", args=[proposal.round_id, proposal.pk, version])


@pytest.mark.parametrize("who", ["lead", "partner", "officer"])
def test_consortium_people_and_officers_read_the_letter_and_its_pdf(client, letters, who):
    _panel, (alpha, lead, partner), _beta, officer, _decision, _beta_decision = letters
    client.force_login({"lead": lead, "partner": partner, "officer": officer}[who])

    page = client.get(_page(alpha))

    assert page.status_code == 200
    content = page.content.decode()
    assert "Award letter" in content
    assert 'id="letter-state">Ready<' in content
    assert "contact@alpha.example.org: sent on" in content
    assert "partner@alpha.example.org: sent on" in content
    assert "invited@alpha.example.org" not in content
    assert _pdf(alpha) in content
    pdf = client.get(_pdf(alpha))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    assert pdf["Cache-Control"] == "private, no-store"


def test_bidder_b_cannot_see_bidder_a_letter(client, letters):
    _panel, (alpha, _lead, _partner), (beta, beta_lead, beta_partner), _officer, _d, _bd = letters
    assert client.get(_page(beta)).status_code == 302  # anonymous: sent to sign in
    for person in (beta_lead, beta_partner):
        client.force_login(person)
        assert client.get(_page(beta)).status_code == 200
        assert client.get(_page(alpha)).status_code == 404
        assert client.get(_pdf(alpha)).status_code == 404


def test_invited_partner_outsider_and_other_roles_get_404(client, letters):
    panel, (alpha, _lead, _partner), _beta, _officer, _d, _bd = letters
    invited = UserFactory()
    invited.organisations.add(alpha.partners.get(contact_email="invited@alpha.example.org").organisation)
    for person in (
        invited,
        UserFactory(),
        person_with_role(panel.round, Role.BOARD),
        person_with_role(panel.round, Role.PANEL),
        person_with_role(panel.round, Role.BIDDER),
    ):
        client.force_login(person)
        assert client.get(_page(alpha)).status_code == 404
        assert client.get(_pdf(alpha)).status_code == 404
        assert client.get(reverse("letters_list", args=[alpha.round_id])).status_code == 404


def test_the_wrong_round_or_version_is_404(client, letters):
    _panel, (alpha, lead, _partner), _beta, _officer, _d, _bd = letters
    other = RoundFactory()
    client.force_login(lead)
    assert client.get(reverse("letter_detail", args=[other.pk, alpha.pk])).status_code == 404
    assert client.get(reverse("letter_pdf", args=[other.pk, alpha.pk, 1])).status_code == 404
    assert client.get(_pdf(alpha, version=2)).status_code == 404


def test_no_letter_before_approval(client):
    _panel, (alpha, lead, _partner), _beta, officer = two_proposals()
    DecisionFactory(proposal=alpha)
    for person in (lead, officer):
        client.force_login(person)
        assert client.get(_page(alpha)).status_code == 404


def test_a_letter_being_prepared_says_so_and_offers_no_pdf(client, settings):
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # the letter's task waits for a worker
    _panel, (alpha, lead, _partner), _beta, officer = two_proposals()
    approve(award(alpha, amounts_pounds=[100_000] * 3), by=officer)
    client.force_login(lead)

    content = client.get(_page(alpha)).content.decode()

    assert 'id="letter-state">Being prepared<' in content
    assert "contact@alpha.example.org: waiting to be sent" in content
    assert 'hx-trigger="every 3s"' in content
    assert _pdf(alpha) not in content
    assert client.get(_pdf(alpha)).status_code == 404
    partial = client.get(_page(alpha), headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="letter-status"')


def test_older_versions_stay_readable(client, letters, django_capture_on_commit_callbacks):
    _panel, (alpha, lead, _partner), _beta, officer, decision, _bd = letters
    decision.amounts_pence, decision.version = [90_000_00] * 3, 2
    decision.save()
    with django_capture_on_commit_callbacks(execute=True):
        approve(decision, by=officer)
    client.force_login(lead)

    content = client.get(_page(alpha)).content.decode()

    assert "Open the letter, version 2 (PDF)" in content
    assert "Earlier versions" in content and _pdf(alpha, 1) in content
    assert client.get(_pdf(alpha, 1)).status_code == 200
    assert client.get(_pdf(alpha, 2)).status_code == 200


def test_officers_list_the_round_letters_with_when_they_were_emailed(client, letters):
    _panel, (alpha, _lead, _partner), (beta, _bl, _bp), officer, _d, _bd = letters
    client.force_login(officer)

    content = client.get(reverse("letters_list", args=[alpha.round_id])).content.decode()

    assert "Alpha routes into work" in content and "Beta routes into work" in content
    assert content.count("Version 1: Ready") == 2
    assert content.count("To 2 contacts, the last on") == 2
    assert _page(alpha) in content and _page(beta) in content
    Round.objects.filter(pk=alpha.round_id).update(stage=Stage.PANELS)
    round_page = client.get(reverse("round_detail", args=[alpha.round_id])).content.decode()
    assert reverse("letters_list", args=[alpha.round_id]) not in round_page
    Round.objects.filter(pk=alpha.round_id).update(stage=Stage.AWARD)
    round_page = client.get(reverse("round_detail", args=[alpha.round_id])).content.decode()
    assert reverse("letters_list", args=[alpha.round_id]) in round_page


def test_the_letters_list_does_not_query_more_for_more_letters(
    client, letters, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    panel, _alpha, _beta, officer, _d, _bd = letters
    client.force_login(officer)
    url = reverse("letters_list", args=[panel.round_id])
    with django_assert_max_num_queries(40) as two:
        client.get(url)
    for name in ("Gamma", "Delta", "Epsilon"):
        proposal = proposal_with_people(panel, name=name, asked_per_year=50_000, rationale="Why")[0]
        with django_capture_on_commit_callbacks(execute=True):
            approve(award(proposal, amounts_pounds=[50_000] * 3), by=officer)
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Version 1: Ready") == 5


def test_bidder_dashboard_links_to_their_own_letters_only(client, letters):
    _panel, (alpha, lead, partner), (beta, _bl, _bp), _officer, _d, _bd = letters
    dashboard = reverse("bidder_dashboard", args=[alpha.round_id])
    for person in (lead, partner):
        client.force_login(person)
        content = client.get(dashboard).content.decode()
        assert "Your award letter: Alpha routes into work" in content
        assert _page(alpha) in content
        assert _page(beta) not in content


def test_letter_messages_are_kept_with_the_letter(letters):
    _panel, _alpha, (beta, _bl, _bp), _officer, _d, beta_decision = letters
    (document,) = selectors.letters_of(beta_decision)
    assert document.subject == beta_decision
    assert set(OutgoingEmail.objects.filter(attachment=document).values_list("to_email", flat=True)) == {
        "contact@beta.example.org",
        "partner@beta.example.org",
    }


def test_a_letter_that_could_not_be_prepared_says_so(client, letters):
    _panel, (alpha, lead, _partner), _beta, officer, decision, _bd = letters
    (document,) = selectors.letters_of(decision)
    document.status = DocumentStatus.FAILED
    document.save()
    for person in (lead, officer):
        client.force_login(person)
        content = client.get(_page(alpha)).content.decode()
        assert 'id="letter-state">Could not be prepared<' in content
        assert client.get(_pdf(alpha)).status_code == 404
    assert "Version 1: Failed" in client.get(reverse("letters_list", args=[alpha.round_id])).content.decode()


def test_an_officer_prepares_a_failed_letter_again(client, letters, django_capture_on_commit_callbacks):
    _panel, (alpha, lead, _partner), _beta, officer, decision, _bd = letters
    (document,) = selectors.letters_of(decision)
    document.status, document.error = DocumentStatus.FAILED, "The PDF could not be written"
    document.file = ""
    document.save()
    remake = reverse("letter_remake", args=[alpha.round_id, alpha.pk])
    client.force_login(lead)
    assert "Prepare the letter again" not in client.get(_page(alpha)).content.decode()
    assert client.post(remake).status_code == 404
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED

    client.force_login(officer)
    assert "Prepare the letter again" in client.get(_page(alpha)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remake)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert AuditEntry.objects.filter(action="letters.remade", actor=officer).count() == 1
    assert len(mail.outbox) == 4  # sent once when first approved; the retry sends nothing more
    assert client.get(_pdf(alpha)).status_code == 200


def test_a_letter_overtaken_by_a_change_is_not_prepared_again(client, letters):
    _panel, (alpha, _lead, _partner), _beta, officer, decision, _bd = letters
    (document,) = selectors.letters_of(decision)
    document.status = DocumentStatus.FAILED
    document.save()
    decision.version, decision.status = 2, DecisionStatus.AWAITING_APPROVAL
    decision.save()
    client.force_login(officer)

    response = client.post(reverse("letter_remake", args=[alpha.round_id, alpha.pk]), follow=True)

    assert "The decision has changed since this letter was asked for" in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
