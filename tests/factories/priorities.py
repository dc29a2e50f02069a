"""Factories for the priorities app: evidence, workshops, priorities and the mailing list."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from commissioning.enums import Stage
from priorities.evidence.models import CandidateIssue, SurveyResult
from priorities.specifications.enums import SubscriberStatus
from priorities.specifications.models import Subscriber
from priorities.workshop.models import Priority, Workshop
from tests.factories.commissioning import RoundFactory, StrategicOutcomeFactory, _partnership_of


class CandidateIssueFactory(DjangoModelFactory):
    class Meta:
        model = CandidateIssue

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Issue {n}")
    description = "Why this matters to residents."
    outcome = factory.SubFactory(StrategicOutcomeFactory, round=factory.SelfAttribute("..round"))


class SurveyResultFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResult

    issue = factory.SubFactory(CandidateIssueFactory)
    round = factory.SelfAttribute("issue.round")
    share_percent = Decimal("42.0")
    sample_size = 1200
    survey_date = datetime.date(2026, 6, 1)


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop

    round = factory.SubFactory(RoundFactory, stage=Stage.WORKSHOP)
    title = factory.Sequence(lambda n: f"Priority workshop {n}")
    date = datetime.date(2026, 11, 23)
    place = "Council House, Coventry"


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    issue = factory.SubFactory(CandidateIssueFactory)
    round = factory.SelfAttribute("issue.round")
    outcome = factory.SelfAttribute("issue.outcome")
    title = factory.Sequence(lambda n: f"Priority {n}")
    rank = factory.Sequence(lambda n: n + 1)


class SubscriberFactory(DjangoModelFactory):
    """Someone on a partnership's mailing list; ``round=`` puts them on that round's partnership's list."""

    class Meta:
        model = Subscriber

    class Params:
        round = None

    partnership = factory.LazyAttribute(_partnership_of)
    name = factory.Sequence(lambda n: f"Subscriber {n}")
    email = factory.Sequence(lambda n: f"subscriber{n}@example.net")
    status = SubscriberStatus.CONFIRMED
