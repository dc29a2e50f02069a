"""A selection panel at scale: 12 members and 60 eligible proposals, each with its submitted version.

    .venv/bin/python benchmarks/panels.py [--proposals 60] [--members 12]

Builds the panel in a fresh SQLite database of its own (or BENCH_DATABASE_URL, whose database is
used as it is: give it an empty one), then prints:
- the query count of the panel's brokering list, with 2 and with 60 requests, and of a bidder's
  requests page and a member's pack page at 2 and at 60 proposals (they must be equal);
- the time the pack's render task takes for one member who declared an interest in one proposal,
  and the PDF's page count (pdfinfo, from poppler-utils).
Not part of the tests.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=60)
    parser.add_argument("--members", type=int, default=12)
    return parser.parse_args()


def setup():
    scratch = tempfile.mkdtemp(prefix="bench-panels-")
    os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3"))
    os.environ["PRIVATE_STORAGE_ROOT"] = f"{scratch}/private"
    os.environ["MEDIA_ROOT"] = f"{scratch}/media"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    django.setup()
    from django.conf import settings  # noqa: PLC0415 -- after django.setup()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the specification's emails
    call_command("migrate", verbosity=0)


def proposal_with_version(panel, number):
    """An eligible proposal with a partner, a budget, a milestone and a risk, and its first version."""
    from proposals.submission.models import ProposalVersion  # noqa: PLC0415 -- after django.setup()
    from proposals.submission.snapshot import load_for_snapshot, proposal_data  # noqa: PLC0415 -- after setup
    from proposals.writing.enums import CostCategory, Level  # noqa: PLC0415 -- after django.setup()
    from proposals.writing.models import BudgetLine, Milestone, Risk  # noqa: PLC0415 -- after django.setup()
    from tests.factories.panels import eligible_proposal  # noqa: PLC0415 -- after django.setup()
    from tests.factories.proposals import ProposalPartnerFactory  # noqa: PLC0415 -- after django.setup()

    proposal = eligible_proposal(
        panel,
        title=f"Proposal {number:02d}: mentoring and work tasters",
        activity="Weekly mentoring and work tasters for young people aged 16 to 24. " * 8,
        how_outcome="Mentors stay with each young person until they are in work, education or training. " * 4,
        evaluation_plan="An independent evaluation against the baseline, each year. " * 4,
    )
    partner = ProposalPartnerFactory(proposal=proposal)
    lead = proposal.partners.get(is_lead=True)
    BudgetLine.objects.bulk_create(
        BudgetLine(proposal=proposal, partner=row, year=year, category=CostCategory.STAFF, amount_pence=40_000_00)
        for row in (lead, partner)
        for year in range(1, proposal.round.number_of_years + 1)
    )
    Milestone.objects.create(proposal=proposal, description="Steering group meets", month=3)
    Risk.objects.create(
        proposal=proposal, description="Mentors leave", likelihood=Level.LOW, impact=Level.HIGH, mitigation="Two each."
    )
    ProposalVersion.objects.create(proposal=proposal, number=1, data=proposal_data(load_for_snapshot(proposal.pk)))
    return proposal


def build(args):
    from django.utils import timezone  # noqa: PLC0415 -- after django.setup()

    from panels.brokering.enums import RequestKind  # noqa: PLC0415 -- after django.setup()
    from panels.brokering.models import BrokeringRequest  # noqa: PLC0415 -- after django.setup()
    from panels.meetings.models import Booking, MeetingSlot  # noqa: PLC0415 -- after django.setup()
    from panels.membership.enums import InterestNature, MemberRole  # noqa: PLC0415 -- after django.setup()
    from panels.scoring.models import Criterion, LevelDescriptor  # noqa: PLC0415 -- after django.setup()
    from tests.factories.panels import PanelFactory, PanelMemberFactory, declare  # noqa: PLC0415 -- after setup
    from tests.factories.proposals import bidder_person  # noqa: PLC0415 -- after django.setup()

    panel = PanelFactory()
    members = [
        PanelMemberFactory(panel=panel, role=MemberRole.CHAIR if index == 0 else MemberRole.EXPERT)
        for index in range(args.members)
    ]
    for index, title in enumerate(("Measurement of success", "Evaluation", "Sponsor's commitment", "Partnership")):
        criterion = Criterion.objects.create(panel=panel, title=title, weight=25, order=index)
        LevelDescriptor.objects.bulk_create(
            LevelDescriptor(criterion=criterion, score=score, descriptor=f"{title}: level {score} described")
            for score in range(panel.scale_max + 1)
        )
    proposals = [proposal_with_version(panel, number) for number in range(1, args.proposals + 1)]
    start = timezone.now() + timedelta(days=30)
    for index, proposal in enumerate(proposals):
        slot = MeetingSlot.objects.create(
            panel=panel,
            starts_at=start + timedelta(hours=2 * index),
            ends_at=start + timedelta(hours=2 * index, minutes=90),
            place="Council House",
        )
        Booking.objects.create(proposal=proposal, slot=slot)
    for member in members:
        for index, proposal in enumerate(proposals):
            conflicted = index == 0 and member is members[1]
            declare(member, proposal, interest=conflicted, nature=InterestNature.PERSONAL if conflicted else "")
    bidder = bidder_person(panel.round, proposals[0].lead_organisation)
    return panel, members, proposals, bidder, BrokeringRequest, RequestKind


def queries(client, url):
    from django.db import connection  # noqa: PLC0415 -- after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- after django.setup()

    client.get(url)  # warm: the session and the caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def main():
    args = parse_args()
    setup()
    from django.test import Client  # noqa: PLC0415 -- after django.setup()
    from django.urls import reverse  # noqa: PLC0415 -- after django.setup()

    from commissioning.documents.services import render_document  # noqa: PLC0415 -- after django.setup()
    from panels.membership.models import PanelMember  # noqa: PLC0415 -- after django.setup()
    from panels.scoring import pack  # noqa: PLC0415 -- after django.setup()

    started = time.perf_counter()
    panel, members, proposals, bidder, request_model, kind = build(args)
    print(
        f"Built a panel of {len(members)} members and {len(proposals)} proposals in {time.perf_counter() - started:.1f} s"
    )

    def ask(count):
        for index in range(count):
            request = request_model.objects.create(
                panel=panel, kind=kind.INVOLVE, what="Involve the careers service.", why="Same young people."
            )
            request.parties.create(proposal=proposals[0])
            request.parties.create(proposal=proposals[index + 1])

    chair, member = Client(), Client()
    chair.force_login(members[0].user)
    member.force_login(members[1].user)
    bidder_client = Client()
    bidder_client.force_login(bidder)
    brokering = reverse("brokering_list", args=[panel.round_id, panel.pk])
    inbox = reverse("brokering_inbox", args=[panel.round_id])
    pack_page = reverse("panel_pack", args=[panel.round_id, panel.pk, members[1].pk])

    ask(2)
    print("Queries for one page (session and permissions included):")
    print(f"  brokering list, 2 requests:   {queries(chair, brokering)}")
    print(f"  bidder's requests, 2:         {queries(bidder_client, inbox)}")
    print(f"  member's pack page:           {queries(member, pack_page)}")
    ask(min(58, len(proposals) - 3))
    print(f"  brokering list, 60 requests:  {queries(chair, brokering)}")
    print(f"  bidder's requests, 60:        {queries(bidder_client, inbox)}")

    reader = PanelMember.objects.get(pk=members[1].pk)
    document = pack.request_pack(reader)
    started = time.perf_counter()
    document = render_document(document.pk)  # the body of the render task
    seconds = time.perf_counter() - started
    with document.file.open("rb") as handle:
        info = subprocess.run(["pdfinfo", "-"], input=handle.read(), capture_output=True, check=True).stdout.decode()
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    readable = pack.proposals_for_member(reader).count()
    print(f"Panel pack for one member ({readable} proposals readable, 1 with an interest left out):")
    print(f"  rendered in {seconds:.1f} s, {pages} pages, {document.file.size / 1024:.0f} KiB")
    print(f"  member's pack page once ready: {queries(member, pack_page)} queries")


if __name__ == "__main__":
    main()
