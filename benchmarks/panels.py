"""A selection panel at scale: 12 members and 60 eligible proposals, each with its submitted version.

    .venv/bin/python benchmarks/panels.py [--proposals 60] [--members 12] [--database-url URL]

Needs PostgreSQL on loopback (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/commissioning_bench_panels; the database is dropped and created
again; a sqlite:/// address is used as it is). Builds two panels of the same members' count, one
with 2 proposals and one with 60, each with its criteria, every member's declarations (one of them
an interest), slots booked, every member's submitted scores (spread enough to flag some criteria)
and half of the proposals moderated and recommended, then prints:
- the query count of a member's scoring list and score sheet (with every peer's scores shown), the
  chair's moderation and ranking pages and a member's pack page, at 2 and at 60 proposals, and of
  the panel's brokering list and a bidder's requests page with 2 and with 60 requests (each pair
  must be equal);
- the time the pack's render task (run through Celery, in this process) takes for one member who
  declared an interest in one proposal, and the PDF's page count (pdfinfo, from poppler-utils).
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

from benchmarks.proposals import recreate_database  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=60)
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/commissioning_bench_panels"),
    )
    return parser.parse_args()


def setup(database_url):
    scratch = tempfile.mkdtemp(prefix="bench-panels-")
    if database_url.startswith("postgres"):
        recreate_database(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ["CELERY_BROKER_URL"] = ""  # tasks run in this process, the pack's render when the script says
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


def build(members_count, proposals_count):
    """A panel of ``members_count`` (the first the chair) and ``proposals_count`` eligible proposals;
    the second member declared an interest in the first proposal."""
    from django.utils import timezone  # noqa: PLC0415 -- after django.setup()

    from panels.meetings.models import Booking, MeetingSlot  # noqa: PLC0415 -- after django.setup()
    from panels.membership.enums import InterestNature, MemberRole  # noqa: PLC0415 -- after django.setup()
    from panels.scoring.models import Criterion, LevelDescriptor  # noqa: PLC0415 -- after django.setup()
    from tests.factories.panels import PanelFactory, PanelMemberFactory, declare  # noqa: PLC0415 -- after setup

    panel = PanelFactory()
    members = [
        PanelMemberFactory(panel=panel, role=MemberRole.CHAIR if index == 0 else MemberRole.EXPERT)
        for index in range(members_count)
    ]
    for index, title in enumerate(("Measurement of success", "Evaluation", "Sponsor's commitment", "Partnership")):
        criterion = Criterion.objects.create(panel=panel, title=title, weight=25, order=index)
        LevelDescriptor.objects.bulk_create(
            LevelDescriptor(criterion=criterion, score=score, descriptor=f"{title}: level {score} described")
            for score in range(panel.scale_max + 1)
        )
    proposals = [proposal_with_version(panel, number) for number in range(1, proposals_count + 1)]
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
    score_and_moderate(panel, members, proposals)
    return panel, members, proposals


def score_and_moderate(panel, members, proposals):
    """Every member's submitted sheet on every proposal they may read (the last member two points
    apart from the others on the first criterion), and half of the proposals moderated and recommended."""
    from django.utils import timezone  # noqa: PLC0415 -- after django.setup()

    from panels.scoring.enums import RecommendationKind  # noqa: PLC0415 -- after django.setup()
    from panels.scoring.models import (  # noqa: PLC0415 -- after django.setup()
        Criterion,
        ModeratedScore,
        Recommendation,
        Score,
        ScoreSheet,
    )

    now = timezone.now()
    criteria = list(Criterion.objects.filter(panel=panel))
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(member=member, proposal=proposal, submitted_at=now)
        for proposal in proposals
        for member in members
        if not (member is members[1] and proposal is proposals[0])
    )
    last = members[-1].pk
    Score.objects.bulk_create(
        Score(
            sheet=sheet,
            criterion=criterion,
            value=1 if (sheet.member_id == last and order == 0) else 3,
            comment=f"{criterion.title}: as discussed at the meeting.",
        )
        for sheet in sheets
        for order, criterion in enumerate(criteria)
    )
    chair = members[0].user
    moderated = proposals[: len(proposals) // 2]
    ModeratedScore.objects.bulk_create(
        ModeratedScore(proposal=proposal, criterion=criterion, value=3, rationale="Agreed.", moderated_by=chair)
        for proposal in moderated
        for criterion in criteria
    )
    Recommendation.objects.bulk_create(
        Recommendation(proposal=proposal, kind=RecommendationKind.FUND, reasons="Strong.", recommended_by=chair)
        for proposal in moderated
    )


def queries(client, url):
    from django.db import connection  # noqa: PLC0415 -- after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- after django.setup()

    client.get(url)  # warm: the session and the caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def signed_in(user):
    from django.test import Client  # noqa: PLC0415 -- after django.setup()

    client = Client()
    client.force_login(user)
    return client


def panel_pages(panel, members, proposals):
    """The query count of each of the panel's scoring pages, by label."""
    from django.urls import reverse  # noqa: PLC0415 -- after django.setup()

    chair, member, reader = (signed_in(members[index].user) for index in (0, 2, 1))
    return {
        "member's scoring list": queries(member, reverse("scoring_list", args=[panel.round_id, panel.pk])),
        "member's score sheet": queries(member, reverse("scoring_sheet", args=[panel.round_id, proposals[0].pk])),
        "chair's moderation": queries(chair, reverse("scoring_moderation", args=[panel.round_id, proposals[0].pk])),
        "chair's ranking": queries(chair, reverse("scoring_ranking", args=[panel.round_id, panel.pk])),
        "member's pack page": queries(reader, reverse("panel_pack", args=[panel.round_id, panel.pk, members[1].pk])),
    }


def main():
    args = parse_args()
    setup(args.database_url)
    from django.db import connection  # noqa: PLC0415 -- after django.setup()
    from django.urls import reverse  # noqa: PLC0415 -- after django.setup()

    from commissioning.documents.tasks import task_render_document  # noqa: PLC0415 -- after django.setup()
    from panels.brokering.enums import RequestKind  # noqa: PLC0415 -- after django.setup()
    from panels.brokering.models import BrokeringRequest  # noqa: PLC0415 -- after django.setup()
    from panels.membership.models import PanelMember  # noqa: PLC0415 -- after django.setup()
    from panels.scoring import pack  # noqa: PLC0415 -- after django.setup()
    from tests.factories.proposals import bidder_person  # noqa: PLC0415 -- after django.setup()

    started = time.perf_counter()
    small = build(args.members, 2)
    panel, members, proposals = build(args.members, args.proposals)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum soon would after the bulk writes
    print(
        f"Built panels of {len(members)} members with 2 and {len(proposals)} proposals, every member's scores"
        f" submitted, on {connection.vendor}, in {time.perf_counter() - started:.1f} s"
    )

    few, many = panel_pages(*small), panel_pages(panel, members, proposals)
    print(f"Queries for one page (session and permissions included), at 2 and at {len(proposals)} proposals:")
    for label, count in few.items():
        print(f"  {label + ':':30s}{count:4d}{many[label]:4d}{'' if count == many[label] else '   DIFFERENT'}")

    def ask(count):
        for index in range(count):
            request = BrokeringRequest.objects.create(
                panel=panel, kind=RequestKind.INVOLVE, what="Involve the careers service.", why="Same young people."
            )
            request.parties.create(proposal=proposals[0])
            request.parties.create(proposal=proposals[index + 1])

    chair = signed_in(members[0].user)
    bidder = signed_in(bidder_person(panel.round, proposals[0].lead_organisation))
    brokering = reverse("brokering_list", args=[panel.round_id, panel.pk])
    inbox = reverse("brokering_inbox", args=[panel.round_id])
    ask(2)
    listed = {"brokering list": queries(chair, brokering), "bidder's requests": queries(bidder, inbox)}
    ask(min(58, len(proposals) - 3))
    print("Queries with 2 and with 60 brokering requests:")
    for label, url, client in (("brokering list", brokering, chair), ("bidder's requests", inbox, bidder)):
        count = queries(client, url)
        print(f"  {label + ':':30s}{listed[label]:4d}{count:4d}{'' if count == listed[label] else '   DIFFERENT'}")

    reader = PanelMember.objects.get(pk=members[1].pk)
    document = pack.request_pack(reader)
    started = time.perf_counter()
    task_render_document.apply(kwargs={"document_id": document.pk}, throw=True)
    seconds = time.perf_counter() - started
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        info = subprocess.run(["pdfinfo", "-"], input=handle.read(), capture_output=True, check=True).stdout.decode()
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    readable = pack.proposals_for_member(reader).count()
    print(f"Panel pack for one member ({readable} proposals readable, 1 with an interest left out):")
    print(f"  render task ({document.status}) took {seconds:.1f} s, {pages} pages, {document.file.size / 1024:.0f} KiB")
    pack_page = reverse("panel_pack", args=[panel.round_id, panel.pk, members[1].pk])
    print(f"  member's pack page once ready: {queries(signed_in(reader.user), pack_page)} queries")


if __name__ == "__main__":
    main()
