"""The demo's selection panels, built through the services of every panels area.

The call closes first: the proposal with an extension is submitted within it, the round's time
moves on past every deadline (``pass_time``), the officer decides the proposals still waiting and
moves the round to the selection panels. Then a panel per priority: a chair, experts and voluntary
and community members, from the demo's people and a few new ones. Every member declares about every
proposal of their panel: no interest, but for one conflict declared at once and one declared late,
after scoring, which sets that score aside. The worklessness panel brokers a merge of two proposals
(the combined proposal is declared about, met, scored and recommended like the others) and the
community-safety panel asks two proposers to involve each other's agencies. Each proposal is booked
into a meeting with its panel in Coventry or by video; the round's time moves on a week; then the
meetings are recorded, every member scores, one criterion's scores spread far enough to discuss,
and the chairs agree the consensus and recommend. The round is left at the selection panels, ready
for decisions and award. Safe to run twice: nothing is added to a round that already has panels.
"""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from commissioning.accounts.models import User
from commissioning.audit.models import AuditEntry
from commissioning.documents.models import Document
from commissioning.enums import Role, Stage
from commissioning.funding.models import FundingSource
from commissioning.imports.models import ImportJob
from commissioning.organisations.models import Organisation
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds.demo import DEMO_PASSWORD
from commissioning.rounds.models import Invitation, Round, RoundRole
from commissioning.rounds.services import move_round_to_stage
from panels.brokering.enums import RequestKind
from panels.brokering.models import BrokeringParty, BrokeringRequest
from panels.brokering.selectors import lead_contact_email
from panels.brokering.services import answer, ask
from panels.meetings.models import Booking, FollowUp, MeetingRecord, MeetingSlot
from panels.meetings.services import add_slot, book_slot, save_record
from panels.membership.enums import InterestNature, MemberRole
from panels.membership.models import Declaration, Panel, PanelInvitation, PanelMember
from panels.membership.selectors import panel_proposals, proposals_for_member
from panels.membership.services import add_member, declare, set_up_panel
from panels.scoring.enums import RecommendationKind
from panels.scoring.models import LevelDescriptor, ModeratedScore, Recommendation, Score, ScoreSheet
from panels.scoring.ranking import weighted_total
from panels.scoring.selectors import criteria_of, weights_of
from panels.scoring.services import ensure_default_criteria, moderate, recommend, save_scores
from priorities.specifications.models import (
    Announcement,
    Question,
    Specification,
    SpecificationFollower,
    SpecificationVersion,
    SponsorSignoff,
    SubgroupMember,
)
from priorities.workshop.models import CrossCuttingTheme, Dot, PaperCount, Participant, Priority, TieDecision, Workshop
from proposals.bidders.models import Bidder
from proposals.review.demo import ELIGIBLE_REASON
from proposals.review.models import ProposalExport, SimilarProposal
from proposals.review.services import decide_eligibility
from proposals.submission.models import ProposalVersion
from proposals.submission.services import submit_proposal
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Attachment, Proposal, ProposalPartner

LONDON = ZoneInfo("Europe/London")

# Every row of a round that holds a moment, with its way to the round: ``pass_time`` moves them all.
ROUND_ROWS = [
    (Round, "pk"),
    (RoundRole, "round"),
    (Invitation, "round"),
    (AuditEntry, "round"),
    (OutgoingEmail, "round"),
    (Document, "round"),
    (ImportJob, "round"),
    (FundingSource, "round"),
    (Priority, "round"),
    (CrossCuttingTheme, "round"),
    (Workshop, "round"),
    (Participant, "workshop__round"),
    (Dot, "workshop__round"),
    (PaperCount, "workshop__round"),
    (TieDecision, "workshop__round"),
    (SubgroupMember, "priority__round"),
    (Specification, "round"),
    (SponsorSignoff, "specification__round"),
    (SpecificationVersion, "specification__round"),
    (SpecificationFollower, "specification__round"),
    (Question, "round"),
    (Announcement, "round"),
    (Bidder, "round"),
    (Proposal, "round"),
    (ProposalPartner, "proposal__round"),
    (Attachment, "proposal__round"),
    (ProposalVersion, "proposal__round"),
    (SimilarProposal, "proposal__round"),
    (ProposalExport, "round"),
    (Panel, "round"),
    (PanelMember, "panel__round"),
    (PanelInvitation, "panel__round"),
    (Declaration, "member__panel__round"),
    (BrokeringRequest, "panel__round"),
    (BrokeringParty, "request__panel__round"),
    (MeetingSlot, "panel__round"),
    (Booking, "proposal__round"),
    (MeetingRecord, "booking__proposal__round"),
    (FollowUp, "record__booking__proposal__round"),
    (ScoreSheet, "proposal__round"),
    (ModeratedScore, "proposal__round"),
    (Recommendation, "proposal__round"),
]
# An invitation still open stays open: its expiry is not a moment of the round's past.
KEPT = {(Invitation, "expires_at")}

# People who sit on panels but had no part in the demo before: (name, email, organisation or None).
NEW_PEOPLE = [
    ("Dr Nasreen Akhtar", "nasreen.akhtar@demo.example", None),
    ("Paul Adebayo", "paul.adebayo@demo.example", None),
    ("Marcus Reid", "marcus.reid@demo.example", "Coventry City Council"),
    ("Elaine Foster", "elaine.foster@demo.example", None),
    ("Sophie Turner", "sophie.turner@demo.example", "Coventry City Council"),
]

CHAIR, EXPERT, COMMUNITY = MemberRole.CHAIR, MemberRole.EXPERT, MemberRole.COMMUNITY
# Each priority's panel, by rank: (email, role on the panel, the organisation they come from or None).
# No one sits on a panel that receives a proposal of their organisation, but for the one conflict.
PANELS = {
    1: [
        ("board.council@demo.example", CHAIR, "Coventry City Council"),
        ("board.business@demo.example", EXPERT, "Coventry and Warwickshire Chamber of Commerce"),
        ("nasreen.akhtar@demo.example", EXPERT, None),
        ("board.willenhall@demo.example", COMMUNITY, "Willenhall Community Forum"),
        ("paul.adebayo@demo.example", COMMUNITY, None),
    ],
    2: [
        ("panel@demo.example", CHAIR, "Willenhall Community Forum"),
        ("board.police@demo.example", EXPERT, "West Midlands Police"),
        ("marcus.reid@demo.example", EXPERT, "Coventry City Council"),
        ("board.women@demo.example", COMMUNITY, "Foleshill Women's Training"),
    ],
    3: [
        ("subgroup@demo.example", CHAIR, "Voluntary Action Coventry"),
        ("elaine.foster@demo.example", EXPERT, None),
        ("board.hillfields@demo.example", COMMUNITY, "Hillfields Residents' Association"),
    ],
    4: [
        ("board.voluntary@demo.example", CHAIR, "Voluntary Action Coventry"),
        ("sophie.turner@demo.example", EXPERT, "Coventry City Council"),
        ("paul.adebayo@demo.example", COMMUNITY, None),
    ],
    5: [
        ("board.college@demo.example", CHAIR, "Coventry City College"),
        ("board.council@demo.example", EXPERT, "Coventry City Council"),
        ("board.willenhall@demo.example", COMMUNITY, "Willenhall Community Forum"),
    ],
    6: [
        ("board.business@demo.example", CHAIR, "Coventry and Warwickshire Chamber of Commerce"),
        ("elaine.foster@demo.example", EXPERT, None),
        ("nasreen.akhtar@demo.example", EXPERT, None),
        ("board.hillfields@demo.example", COMMUNITY, "Hillfields Residents' Association"),
    ],
}

# (member's email, proposal's title, nature, description): declared with the first declarations.
CONFLICT = (
    "board.willenhall@demo.example",
    "Green Jobs Willenhall",
    InterestNature.GOVERNANCE,
    "I am a trustee of Willenhall Community Forum, one of the consortium's partners.",
)
# Declared after the member had scored the proposal: their scores are set aside.
LATE_DECLARATION = (
    "board.hillfields@demo.example",
    "Skills for Life in Canley",
    InterestNature.PERSONAL,
    "My daughter has just been offered a tutor's post in Coventry City College's community classes, "
    "which this proposal would pay for. I only learnt of it after scoring.",
)

# The merge the worklessness panel brokers: (titles, the lead of the combined proposal).
MERGE = (("From Debt to Work", "Tile Hill Enterprise Route"), "Citizens Advice Coventry")
MERGE_WHAT = (
    "Merge the two proposals into one route from debt and benefits advice to work or self-employment in "
    "Canley, led by Citizens Advice Coventry, within the specification's maximum allocation."
)
MERGE_WHY = (
    "Both work with residents of Canley who are out of work. Advice that removes money worries is the first "
    "step of both; together they would share one outreach team instead of competing for the same residents."
)
# Each lead's answer: {whether it leads the combined proposal: its comment}.
MERGE_ANSWERS = {
    True: "We agree, and will lead the combined proposal; our trustees approved it on Monday.",
    False: "We agree to join as a partner: our directors would rather share one outreach team than compete.",
}
# The involvement the community-safety panel asks for: (titles, what, why).
INVOLVE = (
    ("Safe Streets Hillfields", "Restorative Coventry"),
    "Involve Coventry Law Centre's restorative justice workers in the Hillfields detached youth work, and the "
    "youth workers in Restorative Coventry's conferences with young people.",
    "Young people met on the streets of Hillfields are often those referred to restorative conferences; the "
    "panel would rather both proposals knew them than each started alone.",
)

# Where the panels meet: two committee rooms of the Council House, or by video.
PLACES = [
    "Council House, Earl Street, Coventry CV1 5RR: Committee Room 2",
    "Council House, Earl Street, Coventry CV1 5RR: Committee Room 3",
]
STARTS = [datetime.time(10, 0), datetime.time(11, 45), datetime.time(13, 45), datetime.time(15, 30)]
# The week that passes between booking the meetings and recording them.
MEETING_WEEK = datetime.timedelta(days=7)

# One spread to discuss: on the worklessness panel, two members a long way apart on client-group
# involvement in one proposal: (proposal's title, criterion's order, (email, score, comment) twice).
SPREAD = (
    "Hillfields into Work",
    5,
    (
        ("paul.adebayo@demo.example", +1, "Residents helped design the coaching; two will sit on its steering group."),
        ("board.business@demo.example", -1, "Residents were consulted, but I could not see them steering anything."),
    ),
)

# What a member writes beside their score on the first criterion, measuring success.
MEASURE_COMMENTS = {
    2: "Indicators are named, but the baselines are not the plan's.",
    3: "The plan's indicators with baselines and yearly targets; good.",
    4: "The plan's indicators, with how and when each is collected and reported.",
}
RECOMMENDED_BY_PLACE = {1: RecommendationKind.FUND, 2: RecommendationKind.FUND_WITH_CONDITIONS}
REASONS = {
    RecommendationKind.FUND: (
        "Ranked first of %(n)d with %(total)s out of 100: a strong partnership, clear measures of success and a "
        "sponsor ready to sustain the activity."
    ),
    RecommendationKind.FUND_WITH_CONDITIONS: (
        "Ranked %(place)d of %(n)d with %(total)s out of 100: worth funding, but its evaluation plan is thin and "
        "the client group's part in steering it is not yet settled."
    ),
    RecommendationKind.DO_NOT_FUND: (
        "Ranked %(place)d of %(n)d with %(total)s out of 100: weaker than the proposals above it on measuring "
        "success and on value for money."
    ),
}
CONDITIONS = (
    "The evaluation plan is agreed with the partnership's officer before the first payment, and the "
    "client group's two places on the steering group are filled within three months."
)


def pass_time(round_, delta):
    """Everything that has happened in ``round_`` happened ``delta`` earlier.

    The demo is built in a minute, but a real round takes months: the call is open for weeks,
    the panels meet weeks after it closes. This stands for the time that passes. Every moment the
    round holds (deadlines, submissions, versions, extensions, decisions, answers, audit entries,
    emails, meetings, scores) moves back by the same amount, so they stay in order; an invitation's
    expiry stays as it is.
    """
    for model, path in ROUND_ROWS:
        rows = model.objects.filter(**{path: round_.pk})
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if field.get_internal_type() == "DateTimeField" and (model, field.name) not in KEPT
        ]
        # One update for all of a row's moments: constraints compare them (questions close before proposals).
        # An empty moment stays empty.
        if fields:
            rows.update(**{name: F(name) - delta for name in fields})


def _person(name, email, organisation_name):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if organisation_name:
        user.organisations.add(Organisation.objects.get(name=organisation_name))
    return user


def _lead_person(proposal):
    return User.objects.get(email__iexact=lead_contact_email(proposal))


def _pass_deadlines(round_, deadlines):
    """Time passes until the last of ``deadlines`` is a day or two behind; whole days, so that every
    moment keeps its time of day."""
    deadlines = [deadline for deadline in deadlines if deadline is not None]
    if deadlines:
        pass_time(round_, datetime.timedelta(days=max((max(deadlines) - timezone.now()).days + 2, 1)))


def _close_call(round_, officer):
    """The call's deadline passes; the proposal with an extension is submitted within it; the extension
    passes too, the officer decides every proposal still waiting, and the round moves on."""
    _pass_deadlines(round_, Specification.objects.filter(round=round_).values_list("proposal_deadline", flat=True))
    extended = Proposal.objects.filter(round=round_, extended_deadline__isnull=False)
    for proposal in extended.filter(state=ProposalState.DRAFT, extended_deadline__gt=timezone.now()):
        submit_proposal(proposal, by=_lead_person(proposal))
    _pass_deadlines(round_, extended.values_list("extended_deadline", flat=True))
    waiting = Proposal.objects.filter(round=round_, state=ProposalState.SUBMITTED, eligibility=Eligibility.UNDECIDED)
    for proposal in waiting.order_by("pk"):
        decide_eligibility(proposal, eligible=True, reason=ELIGIBLE_REASON, by=officer)
    move_round_to_stage(
        round_,
        Stage.PANELS,
        by=officer,
        reason="Every deadline has passed and every submitted proposal has been found eligible or not.",
    )


def _set_up_panels(round_, officer):
    """The panels of the priorities with a published specification, with their members and criteria."""
    people = {email: _person(name, email, org) for name, email, org in NEW_PEOPLE}
    panels = []
    published = Specification.objects.filter(round=round_, published_at__isnull=False).values("priority_id")
    for priority in Priority.objects.filter(round=round_, pk__in=published).order_by("rank"):
        seats = PANELS.get(priority.rank)
        if not seats:
            continue
        panel = set_up_panel(priority, by=officer)
        ensure_default_criteria(panel)
        for email, role, organisation_name in seats:
            user = people.get(email) or User.objects.get(email=email)
            organisation = Organisation.objects.get(name=organisation_name) if organisation_name else None
            add_member(panel, user, role=role, organisation=organisation, by=officer)
        panels.append(panel)
    return panels


def _declare_all(panel):
    """Every member declares about every proposal of the panel not yet declared about: no interest,
    but for the one conflict."""
    email, title, nature, description = CONFLICT
    for member in panel.members.select_related("user"):
        for proposal in panel_proposals(panel).exclude(declarations__member=member).order_by("title"):
            if (member.user.email, proposal.title) == (email, title):
                declare(member, proposal, has_interest=True, nature=nature, description=description, by=member.user)
            else:
                declare(member, proposal, has_interest=False, by=member.user)


def _chair(panel):
    return panel.members.select_related("user").get(role=MemberRole.CHAIR).user


def _broker(panels):
    """The worklessness panel's merge, and the community-safety panel's request to involve agencies,
    each answered by every lead's contact."""
    merged = involved = 0
    for panel in panels:
        proposals = {proposal.title: proposal for proposal in panel_proposals(panel)}
        (titles, new_lead) = MERGE
        if all(title in proposals for title in titles):
            chosen = [proposals[title] for title in titles]
            request = ask(
                panel,
                by=_chair(panel),
                kind=RequestKind.MERGE,
                proposals=chosen,
                what=MERGE_WHAT,
                why=MERGE_WHY,
                new_lead=Organisation.objects.get(name=new_lead),
            )
            for party in request.parties.select_related("proposal"):
                leads = party.proposal.lead_organisation_id == request.new_lead_id
                answer(
                    party,
                    by=_lead_person(party.proposal),
                    consent=True,
                    comment=MERGE_ANSWERS[leads],
                )
            _declare_all(panel)  # about the combined proposal
            merged += 1
        titles, what, why = INVOLVE
        if all(title in proposals for title in titles):
            chosen = [proposals[title] for title in titles]
            request = ask(panel, by=_chair(panel), kind=RequestKind.INVOLVE, proposals=chosen, what=what, why=why)
            for party in request.parties.select_related("proposal"):
                answer(
                    party,
                    by=_lead_person(party.proposal),
                    consent=True,
                    comment="Yes: we will meet to agree referrals both ways and name a worker to link the two.",
                )
            involved += 1
    return merged, involved


def _meeting_days(count):
    """The first ``count`` weekdays from tomorrow (London): a week later, when the meetings are recorded,
    they lie in the past week."""
    day = timezone.localtime(timezone.now(), LONDON).date()
    days = []
    while len(days) < count:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def _book_meetings(panels, officer):
    """Slots for each panel, two panels a day in two rooms (the last meeting of each by video), each
    booked by its proposal's lead."""
    days = _meeting_days((len(panels) + 1) // 2)
    booked = 0
    for index, panel in enumerate(panels):
        day = days[index // 2]
        proposals = list(panel_proposals(panel).order_by("title"))
        for number, proposal in enumerate(proposals):
            starts_at = datetime.datetime.combine(day, STARTS[number % len(STARTS)], tzinfo=LONDON)
            if number == len(proposals) - 1:
                where = {"video_link": f"https://meet.demo.example/{slugify(panel.priority.title)}-panel"}
            else:
                where = {"place": PLACES[index % 2]}
            slot = add_slot(panel, by=officer, starts_at=starts_at, **where)
            book_slot(proposal, slot, by=_lead_person(proposal))
            booked += 1
    return booked


def _record_meetings(panels, officer):
    """Each meeting's record by its chair: who came from both sides, the questions and the answers,
    notes; the first meeting of the first panel asks for one thing by a date."""
    follow_up_asked = False
    for panel in panels:
        chair = _chair(panel)
        members = list(panel.members.select_related("user", "organisation"))
        for booking in (
            Booking.objects.filter(slot__panel=panel).select_related("slot", "proposal").order_by("slot__starts_at")
        ):
            proposal = booking.proposal
            conflicted = set(
                Declaration.objects.filter(proposal=proposal, has_interest=True).values_list("member_id", flat=True)
            )
            partners = list(proposal.partners.order_by("-is_lead", "pk"))
            attendees = [
                {
                    "side": "panel",
                    "name": m.user.full_name,
                    "organisation": m.organisation.name if m.organisation else "",
                }
                for m in members
                if m.pk not in conflicted
            ]
            attendees.append({"side": "panel", "name": officer.full_name, "organisation": "Coventry Partnership"})
            attendees += [
                {"side": "proposer", "name": p.contact_name, "organisation": p.organisation_name} for p in partners[:2]
            ]
            place = proposal.neighbourhoods.split(",")[0].strip()
            sponsor = proposal.specification.sponsor_organisation
            questions = [
                {
                    "question": f"How will you reach residents of {place} who use no service today?",
                    "answer": f"Through the partners' own groups in {place}, door-knocking with residents who "
                    "volunteer with us, and referrals from the job centre and GPs.",
                },
                {
                    "question": "What happens to the activity when the partnership's funding ends?",
                    "answer": f"{sponsor or 'The sponsor'} has agreed to consider funding it from its main budget "
                    "if the evaluation shows it works; the evaluation reports in time for its budget round.",
                },
            ]
            notes = (
                f"{partners[0].contact_name} presented the proposal for {partners[0].organisation_name}. "
                "The panel found the consortium well prepared and its partners' roles clear; the answers on "
                "reaching residents were convincing, those on sustaining the activity less firm."
            )
            follow_ups = []
            if not follow_up_asked:
                due = timezone.localtime(booking.slot.starts_at, LONDON).date() + datetime.timedelta(days=14)
                follow_ups.append(
                    {
                        "request": "Send the sponsor's letter confirming that it will consider mainstream funding, "
                        "and the evaluator's quotation.",
                        "due_date": due,
                    }
                )
                follow_up_asked = True
            save_record(booking, by=chair, notes=notes, attendees=attendees, questions=questions, follow_ups=follow_ups)


def _level(proposal_index, criterion_index, rank):
    """Where the panel as a whole places a proposal on a criterion: 2 or 3, varying by proposal."""
    return 2 + ((proposal_index * 5 + criterion_index * 3 + rank) % 7) // 4


def _value(proposal_index, criterion_index, member_index, rank):
    """A member's score: the proposal's level on the criterion, one higher now and then (never two apart)."""
    level = _level(proposal_index, criterion_index, rank)
    return level + (1 if (proposal_index + member_index + criterion_index) % 4 == 0 else 0)


def _score(panels):
    """Every member scores, and submits, every proposal they may read; the late declaration follows
    its member's scores. Returns the sheets set aside."""
    spread_title, spread_order, spread_scores = SPREAD
    late_email, late_title, late_nature, late_description = LATE_DECLARATION
    for panel in panels:
        criteria = criteria_of(panel)
        proposals = list(panel_proposals(panel).order_by("title"))
        members = list(panel.members.select_related("user").order_by("pk"))
        for member_index, member in enumerate(members):
            readable = set(proposals_for_member(member).values_list("pk", flat=True))
            for proposal_index, proposal in enumerate(proposals):
                if proposal.pk not in readable:
                    continue
                scores = {}
                for criterion_index, criterion in enumerate(criteria):
                    value = _value(proposal_index, criterion_index, member_index, panel.priority.rank)
                    comment = MEASURE_COMMENTS.get(value, "") if criterion_index == 0 else ""
                    if proposal.title == spread_title and criterion.order == spread_order:
                        level = _level(proposal_index, criterion_index, panel.priority.rank)
                        value = level
                        for email, step, text in spread_scores:
                            if member.user.email == email:
                                value, comment = level + step, text
                    scores[criterion.pk] = (value, comment)
                save_scores(member, proposal, scores, by=member.user, submit=True)
                if (member.user.email, proposal.title) == (late_email, late_title):
                    declare(
                        member,
                        proposal,
                        has_interest=True,
                        nature=late_nature,
                        description=late_description,
                        by=member.user,
                    )


def _moderate_and_recommend(panels):
    """The chair agrees each criterion at the middle of the counted scores, with its rationale, then
    recommends by the ranking: the first to fund, the second to fund with conditions, the rest not; the
    decisions within the budget are the board's."""
    counts = dict.fromkeys(RecommendationKind.values, 0)
    for panel in panels:
        chair = _chair(panel)
        criteria = criteria_of(panel)
        weights = weights_of(criteria)
        descriptors = {
            (level.criterion_id, level.score): level.descriptor
            for level in LevelDescriptor.objects.filter(criterion__panel=panel)
        }
        totals = {}
        proposals = list(panel_proposals(panel).order_by("title"))
        for proposal in proposals:
            agreed = {}
            for criterion in criteria:
                values = sorted(
                    Score.objects.filter(
                        sheet__proposal=proposal,
                        sheet__submitted_at__isnull=False,
                        sheet__set_aside_at__isnull=True,
                        criterion=criterion,
                    ).values_list("value", flat=True)
                )
                value = values[len(values) // 2]
                listed = ", ".join(str(v) for v in values)
                if max(values) - min(values) >= 2:
                    rationale = (
                        f"Members scored {listed}. After discussion the panel agreed {value}: "
                        f"{descriptors[(criterion.pk, value)]}"
                    )
                else:
                    rationale = f"Members scored {listed}; agreed at {value}: {descriptors[(criterion.pk, value)]}"
                agreed[criterion.pk] = (value, rationale)
            moderate(proposal, panel, agreed, by=chair)
            totals[proposal.pk] = weighted_total(
                {pk: value for pk, (value, _r) in agreed.items()}, weights, panel.scale_max
            )
        ranked = sorted(proposals, key=lambda p: (-totals[p.pk], p.title))
        for place, proposal in enumerate(ranked, start=1):
            kind = RECOMMENDED_BY_PLACE.get(place, RecommendationKind.DO_NOT_FUND)
            reasons = REASONS[kind] % {"place": place, "n": len(ranked), "total": totals[proposal.pk]}
            conditions = CONDITIONS if kind == RecommendationKind.FUND_WITH_CONDITIONS else ""
            recommend(proposal, panel, kind=kind, reasons=reasons, conditions=conditions, by=chair)
            counts[kind] += 1
    return counts


def seed(round_, *, stdout=None):
    round_.refresh_from_db()  # the stages before may have moved it on
    if round_.stage not in (Stage.CALL, Stage.PANELS) or Panel.objects.filter(round=round_).exists():
        return
    if not Proposal.objects.filter(round=round_).exists():
        return
    officer = User.objects.filter(round_roles__round=round_, round_roles__role=Role.OFFICER).order_by("pk").first()
    if round_.stage == Stage.CALL:
        _close_call(round_, officer)
        round_.refresh_from_db()
    panels = _set_up_panels(round_, officer)
    for panel in panels:
        _declare_all(panel)
    merged, involved = _broker(panels)
    booked = _book_meetings(panels, officer)
    pass_time(round_, MEETING_WEEK)
    _record_meetings(panels, officer)
    _score(panels)
    counts = _moderate_and_recommend(panels)
    if stdout is not None:
        sheets = ScoreSheet.objects.filter(proposal__round=round_)
        declarations = Declaration.objects.filter(member__panel__round=round_)
        stdout.write(
            f"Panels: {len(panels)} with {PanelMember.objects.filter(panel__round=round_).count()} seats; "
            f"{declarations.count()} declarations ({declarations.filter(has_interest=True).count()} interests, "
            f"{sheets.filter(set_aside_at__isnull=False).count()} score set aside); "
            f"{booked} meetings booked and recorded; {sheets.filter(submitted_at__isnull=False).count()} score sheets; "
            f"{counts[RecommendationKind.FUND]} to fund, {counts[RecommendationKind.FUND_WITH_CONDITIONS]} with "
            f"conditions, {counts[RecommendationKind.DO_NOT_FUND]} not; {merged} merge, {involved} involvement agreed."
        )
