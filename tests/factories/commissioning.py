"""Factories for the commissioning app: people, organisations, rounds and the plan."""

import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory
from faker import Faker

from commissioning.accounts.models import User
from commissioning.enums import OrganisationType, Role, Sector
from commissioning.organisations.models import Organisation
from commissioning.partnerships.models import Partnership, PartnershipMember
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from commissioning.rounds.models import Round, RoundRole

PASSWORD = "correct-horse-battery"
_faker = Faker("en_GB")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    # Realistic names, less the apostrophe (O'Neill): a page shows it escaped, and tests look
    # for people's names in pages as plain text.
    full_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.VOLUNTARY
    organisation_type = OrganisationType.CHARITY


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Coventry Partnership {n}")
    place = "Coventry"


class PartnershipMemberFactory(DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    role = "board"


class RoundFactory(DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Neighbourhood renewal round {n}")
    partnership = factory.SubFactory(PartnershipFactory)
    place = "Coventry"
    annual_budget_pence = 5_000_000_00
    number_of_years = 3
    start_date = datetime.date(2027, 4, 1)


class RoundRoleFactory(DjangoModelFactory):
    class Meta:
        model = RoundRole

    round = factory.SubFactory(RoundFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.BOARD


def _partnership_of(obj):
    """The partnership given, else that of the round given (plan and list belong to the partnership)."""
    return obj.round.partnership if obj.round is not None else PartnershipFactory()


class StrategicOutcomeFactory(DjangoModelFactory):
    """An outcome of a partnership's plan; ``round=`` puts it in that round's partnership's plan."""

    class Meta:
        model = StrategicOutcome

    class Params:
        round = None

    partnership = factory.LazyAttribute(_partnership_of)
    code = factory.Sequence(lambda n: f"O{n}")
    title = factory.Sequence(lambda n: f"Outcome {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    outcome = factory.SubFactory(StrategicOutcomeFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    higher_is_better = False
    baseline_value = Decimal("12.5")
    baseline_date = datetime.date(2025, 3, 31)
    target_value = Decimal("10.0")
    target_date = datetime.date(2030, 3, 31)
    source = "Office for National Statistics"


class IndicatorReadingFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorReading

    indicator = factory.SubFactory(IndicatorFactory)
    date = datetime.date(2025, 3, 31)
    value = Decimal("12.5")


def person_with_role(round_, role, **kwargs):
    user = UserFactory(**kwargs)
    RoundRole.objects.create(round=round_, user=user, role=role)
    return user
