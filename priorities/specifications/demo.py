"""The demo's specifications: one published for each priority (the first amended once),
a dozen subscribers, and a few answered questions. Each sponsor's contact and finance officer
confirmed its commitment themselves; the primary care trust's second specification changed its
finance officer after publication, so the new one (finance@demo.example) has still to confirm.
Safe to run twice."""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from commissioning.accounts.models import User
from commissioning.enums import Role
from commissioning.organisations.models import Organisation
from commissioning.plan.models import Indicator
from commissioning.rounds.demo import DEMO_PASSWORD
from priorities.specifications.enums import SignoffState, SpecificationState, SubscriberSource, SubscriberStatus
from priorities.specifications.models import Question, Specification, SponsorSignoff, SubgroupMember, Subscriber
from priorities.specifications.services import clarifications, signoffs, specifications

SUBSCRIBERS = [
    ("Amira Hussain", "amira.hussain@example.org", "Foleshill Women's Training"),
    ("Ben Carter", "ben.carter@example.org", "Wood End Youth Project"),
    ("Chloe Evans", "chloe.evans@example.org", "Coventry City College"),
    ("Daniel Novak", "daniel.novak@example.org", "Hillfields Residents' Association"),
    ("Esther Boateng", "esther.boateng@example.org", "Voluntary Action Coventry"),
    ("Farhan Ali", "farhan.ali@example.org", "Willenhall Community Forum"),
    ("Gemma Walsh", "gemma.walsh@example.org", "Coventry Credit Union"),
    ("Harjit Kaur", "harjit.kaur@example.org", "Sikh Community Centre"),
    ("Ian Fletcher", "ian.fletcher@example.org", "Coventry Law Centre"),
    ("Joanna Mills", "joanna.mills@example.org", "Age UK Coventry"),
    ("Kwame Asante", "kwame.asante@example.org", "Coventry Refugee Centre"),
    ("Laura Byrne", "laura.byrne@example.org", ""),
]

# (sponsor, its contact and their email, its finance officer and their email)
SPONSORS = [
    ("Coventry City Council", "Helen Carr", "helen.carr@demo.example", "Mark Patel", "mark.patel@demo.example"),
    (
        "Coventry Primary Care Trust",
        "Richard Moss",
        "sponsor@demo.example",
        "Joanne Wright",
        "joanne.wright@demo.example",
    ),
    (
        "West Midlands Police",
        "Chief Inspector Ruth Green",
        "ruth.green@demo.example",
        "Paul Simmons",
        "paul.simmons@demo.example",
    ),
    ("Coventry City College", "Angela Morris", "angela.morris@demo.example", "Steven Lowe", "steven.lowe@demo.example"),
]

# The trust's new finance officer, a demo login: asked to confirm after the change, not yet answered.
NEW_FINANCE_OFFICER = ("Fiona Walsh", "finance@demo.example")
# Which specification (by its priority's rank order) changed its finance officer after publication.
CHANGED_FINANCE_INDEX = 5

QUESTIONS = [
    (
        "Can a partner organisation be part of more than one consortium?",
        "Yes. A partner may join more than one consortium, but an organisation may lead only one proposal "
        "for each specification.",
    ),
    (
        "Does the client group's place on the steering group have to be filled before the activity starts?",
        "The places must be offered before the first steering group meeting. Proposals should say how "
        "representatives will be found and supported to take part.",
    ),
    (
        "May we include the cost of an independent evaluation in the budget?",
        "Yes. Evaluation costs belong in the budget and count towards the maximum allocation.",
    ),
]

# Asked with the asker's name and phone number in it: the officer took them out before answering.
EDITED_QUESTION = (
    "Hi, Chris Taylor here from Foleshill Women's Training (07700 900461). Can volunteers' time count "
    "as match funding?",
    "Can volunteers' time count as match funding?",
    "Yes, at the rates in the guidance notes. Show the hours and the rate in the budget.",
)
# Still waiting, with contact details the officer will be warned about on the answer page.
WAITING_QUESTION = (
    "Is a letter of support from the sponsor needed with the proposal? Call me on 024 7683 2210 if easier."
)


def _tapering(annual, years):
    """Pump-priming that tapers in the last year of three or more, as the sponsor starts to take the cost on."""
    if years < 3:
        return [annual] * years
    return [annual] * (years - 1) + [annual * 2 // 3 // 100 * 100]


def _fields(priority, round_, sponsor_index):
    org_name, contact, contact_email, finance, finance_email = SPONSORS[sponsor_index % len(SPONSORS)]
    sponsor = Organisation.objects.filter(name=org_name).first()
    annual = round_.annual_budget_pence * 3 // 20  # 15% of the budget each, within it for six priorities
    now = timezone.now()
    return {
        "outcome_sought": (
            f"Residents of the priority neighbourhoods see a lasting improvement in {priority.title.lower()}: "
            "fewer people are held back by it, and the gap with the rest of the city narrows."
        ),
        "strategic_outcome": priority.outcome,
        "minimum_partners": 3,
        "lead_organisation_role": "Finance, evaluation and partnership support on behalf of the consortium.",
        "client_group": "Residents of the priority neighbourhoods most affected",
        "client_group_consulted": True,
        "client_group_consultation": (
            "Two open meetings in each neighbourhood and the residents' survey of 1,200 households."
        ),
        "steering_group_places": 2,
        "allocations_pence": _tapering(annual, round_.number_of_years),
        "evaluation_requirements": (
            "An evaluation plan with a baseline from the plan's indicators, measured every six months, and an "
            "independent final evaluation."
        ),
        "sponsor_organisation": sponsor,
        "sponsor_contact_name": contact,
        "sponsor_contact_email": contact_email,
        "mainstreaming_commitment": (
            f"{org_name} will consider funding the activity from its main budget if the evaluation shows it works."
        ),
        "finance_officer_name": finance,
        "finance_officer_email": finance_email,
        "milestones": "Partnership agreement signed in month 1; steering group meets by month 3; "
        "first six-monthly report in month 6.",
        "question_deadline": now + datetime.timedelta(days=45),
        "proposal_deadline": now + datetime.timedelta(days=60),
    }


def seed(round_, *, stdout=None):
    priorities = list(round_.priorities.select_related("outcome", "issue").order_by("rank"))
    if not priorities:
        return
    officer = User.objects.filter(round_roles__round=round_, round_roles__role=Role.OFFICER).order_by("pk").first()
    writer = User.objects.filter(round_roles__round=round_, round_roles__role=Role.SUBGROUP).order_by("pk").first()
    bidder = User.objects.filter(round_roles__round=round_, round_roles__role=Role.BIDDER).order_by("pk").first()

    _seed_subscribers(round_)
    for index, priority in enumerate(priorities):
        _seed_specification(round_, priority, index, officer=officer, writer=writer)

    first = Specification.objects.filter(priority=priorities[0]).first()
    if first is not None and first.amendment_count == 0:
        fields = {"milestones": first.milestones + " Mid-point review with the sponsor in month 18."}
        specifications.amend_specification(
            first, by=officer, fields=fields, note="Added a mid-point review with the sponsor."
        )

    if len(priorities) > CHANGED_FINANCE_INDEX:
        _change_finance_officer(priorities[CHANGED_FINANCE_INDEX], officer=officer)

    if bidder and not Question.objects.filter(round=round_).exists():
        for index, (text, answer) in enumerate(QUESTIONS):
            spec = Specification.objects.get(priority=priorities[index % min(2, len(priorities))])
            question = clarifications.ask_question(spec, by=bidder, text=text)
            clarifications.answer_question(question, by=officer, answer=answer)
        spec = Specification.objects.get(priority=priorities[0])
        asked, edited, answer = EDITED_QUESTION
        question = clarifications.ask_question(spec, by=bidder, text=asked)
        clarifications.answer_question(question, by=officer, answer=answer, text=edited)
        clarifications.ask_question(spec, by=bidder, text=WAITING_QUESTION)
    if stdout is not None:
        stdout.write(f"Specifications: {len(priorities)} published, {len(SUBSCRIBERS)} subscribers.")


def _seed_subscribers(round_):
    for name, email, organisation in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            partnership=round_.partnership,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "status": SubscriberStatus.CONFIRMED,
                "source": SubscriberSource.IMPORT,
                "confirmed_at": timezone.now(),
            },
        )


def issue_indicators(priority):
    """The indicators the evidence gave the priority's own issue: what its activity must move (Worklessness is
    measured by claimants and the employment rate, not by the other indicators of the same plan outcome)."""
    own = list(priority.issue.indicators.filter(outcome=priority.outcome_id).order_by("code"))
    return own or list(Indicator.objects.filter(outcome=priority.outcome_id).order_by("code")[:1])


def _seed_specification(round_, priority, index, *, officer, writer):
    """The priority's specification taken as far as published (written, submitted, approved) unless it already is."""
    if writer and not SubgroupMember.objects.filter(priority=priority, user=writer).exists():
        specifications.add_subgroup_member(priority, writer, by=officer)
    spec = Specification.objects.filter(priority=priority).first()
    if spec is not None and spec.is_public:
        return
    if spec is None or spec.state == SpecificationState.DRAFT:
        indicators = issue_indicators(priority)
        spec = specifications.save_specification(
            priority, by=writer or officer, fields=_fields(priority, round_, index), indicators=indicators
        )
        _sponsor_people(spec)
        specifications.submit_specification(spec, by=writer or officer)
        spec.refresh_from_db()
    if spec.state == SpecificationState.SUBMITTED:
        _confirm_waiting(spec)
        specifications.approve_specification(spec, by=officer)
    specifications.publish_specification(spec, by=officer)


def _account(email, full_name, organisation):
    """The sponsor person's login (the demo password), made on first use, in their organisation."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if organisation is not None:
        user.organisations.add(organisation)
    return user


def _sponsor_people(spec):
    """The sponsor's contact and finance officer have accounts before they are asked (no invitations)."""
    organisation = spec.sponsor_organisation
    _account(spec.sponsor_contact_email, spec.sponsor_contact_name, organisation)
    _account(spec.finance_officer_email, spec.finance_officer_name, organisation)


def _confirm_waiting(spec):
    for signoff in SponsorSignoff.objects.filter(specification=spec, state=SignoffState.PENDING):
        person = _account(signoff.email, signoff.name, signoff.organisation)
        signoffs.confirm_signoff(signoff, by=person)


def _change_finance_officer(priority, *, officer):
    """The trust's finance officer changed after publication: the new one is asked and has not yet answered."""
    spec = Specification.objects.filter(priority=priority).first()
    name, email = NEW_FINANCE_OFFICER
    if spec is None or not spec.is_public or spec.finance_officer_email == email:
        return
    _account(email, name, spec.sponsor_organisation)
    specifications.amend_specification(
        spec,
        by=officer,
        fields={"finance_officer_name": name, "finance_officer_email": email},
        note=f"{name} is now the sponsor's finance officer and has been asked to confirm the commitment.",
    )
