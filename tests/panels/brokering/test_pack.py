"""The panel pack: its PDF holds what the member may read and nothing of a conflicted proposal; it
is served to that member and to officers only, never once a declaration has changed since."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.documents.models import DocumentStatus
from commissioning.documents.services import render_document
from panels.meetings.models import Booking, MeetingSlot
from panels.membership.enums import InterestNature
from panels.membership.models import PanelMember
from panels.scoring import pack
from panels.scoring.models import Criterion, LevelDescriptor
from proposals.review.models import SimilarProposal
from tests.factories.panels import declare
from tests.panels.brokering.helpers import Setting, submitted_proposal
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


class PackSetting(Setting):
    """The expert has declared no interest in the two proposals and an interest in a third."""

    def __init__(self):
        super().__init__()
        self.third, self.third_person = submitted_proposal(
            self.panel.priority.specification,
            "Coundon Cricket Club",
            "Cricket in Coundon",
            activity="Secret coaching sessions for the cricket club.",
        )
        self.member = PanelMember.objects.get(panel=self.panel, user=self.expert)
        declare(self.member, self.first)
        declare(self.member, self.second)
        declare(self.member, self.third, interest=True, nature=InterestNature.EMPLOYMENT, description="I work there.")
        criterion = Criterion.objects.create(panel=self.panel, title="Measurement of success", weight=100)
        LevelDescriptor.objects.create(
            criterion=criterion, score=3, descriptor="Indicators drawn from the plan with baselines and yearly targets"
        )
        start = timezone.make_aware(datetime.datetime(2027, 3, 2, 10, 0), datetime.UTC)
        for offset, proposal in enumerate((self.first, self.third)):
            slot = MeetingSlot.objects.create(
                panel=self.panel,
                starts_at=start + datetime.timedelta(days=offset),
                ends_at=start + datetime.timedelta(days=offset, hours=1, minutes=30),
                place="Council House, Room 2",
            )
            Booking.objects.create(proposal=proposal, slot=slot)
        for one, other, reason in (
            (self.first, self.second, "Both mentor young people"),
            (self.first, self.third, "Both run sessions in Coundon"),
        ):
            SimilarProposal.objects.create(
                proposal=one, other=other, score=Decimal("0.8"), same_priority=True, reasons=[reason]
            )
            SimilarProposal.objects.create(
                proposal=other, other=one, score=Decimal("0.8"), same_priority=True, reasons=[reason]
            )


@needs_pdftotext
def test_the_pack_holds_what_the_member_may_read_and_nothing_of_a_conflicted_proposal():
    setting = PackSetting()

    document = render_document(pack.request_pack(setting.member).pk)

    text = " ".join(pdf_text(document).split())
    assert document.status == DocumentStatus.READY
    assert "Mentoring in Hillfields" in text and "Work tasters in Foleshill" in text
    assert "Hillfields Youth Trust" in text and "Foleshill Futures" in text
    assert "Weekly mentoring and work tasters" in text  # the proposals' content
    assert "Measurement of success" in text
    assert "Indicators drawn from the plan with baselines and yearly targets" in text
    assert "Tuesday 2 March 2027, 10:00–11:30" in text  # the timetable, in UK time
    assert "Wednesday 3 March 2027" in text and "Booked" in text  # the conflicted proposal's slot, unnamed
    assert "Both mentor young people" in text
    assert "Scoring grid" in text
    for secret in ("Cricket in Coundon", "Coundon Cricket Club", "Secret coaching", "Both run sessions in Coundon"):
        assert secret not in text


def test_a_declaration_makes_the_pack_stale_and_rebuilds_it():
    setting = PackSetting()
    first = render_document(pack.request_pack(setting.member).pk)
    assert pack.servable_pack(setting.member) == first
    assert pack.request_pack(setting.member) == first  # nothing changed: the same pack

    declaration = setting.member.declarations.get(proposal=setting.second)
    declaration.has_interest, declaration.nature = True, InterestNature.PERSONAL
    declaration.save()

    assert pack.servable_pack(setting.member) is None
    rebuilt = pack.rebuild_pack(setting.member)
    assert rebuilt.version == 2 and rebuilt.status == DocumentStatus.PENDING
    assert pack.rebuild_pack(PanelMember.objects.get(panel=setting.panel, user=setting.chair)) is None


def test_the_pack_pages_serve_that_member_and_officers_only(client):
    setting = PackSetting()
    document = render_document(pack.request_pack(setting.member).pk)
    args = [setting.round.pk, setting.panel.pk, setting.member.pk]
    page, pdf = reverse("panel_pack", args=args), reverse("panel_pack_pdf", args=args)

    for person in (setting.expert, setting.officer):
        client.force_login(person)
        assert "Open the panel pack (PDF)" in client.get(page).content.decode()
        response = client.get(pdf)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Type"] == "application/pdf"
    for person in (setting.chair, setting.first_person, setting.board):
        client.force_login(person)
        assert client.get(page).status_code == 404
        assert client.get(pdf).status_code == 404
        assert client.post(page).status_code == 404
    assert pack.latest_pack(setting.member) == document


def test_the_page_shows_progress_until_ready_and_a_stale_pack_is_not_served(client):
    setting = PackSetting()
    args = [setting.round.pk, setting.panel.pk, setting.member.pk]
    page, pdf = reverse("panel_pack", args=args), reverse("panel_pack_pdf", args=args)
    client.force_login(setting.expert)

    assert "No pack has been prepared yet." in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    waiting = client.get(page).content.decode()
    assert "The pack is being prepared." in waiting and 'hx-trigger="every 2s"' in waiting
    partial = client.get(page, headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="pack-status"')
    assert client.get(pdf).status_code == 404
    render_document(pack.latest_pack(setting.member).pk)
    assert client.get(pdf).status_code == 200

    setting.member.declarations.filter(proposal=setting.first).update(updated_at=timezone.now())

    assert "no longer offered" in client.get(page).content.decode()
    assert client.get(pdf).status_code == 404
    client.post(page)
    assert pack.latest_pack(setting.member).version == 2
